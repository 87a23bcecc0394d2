// Rows in COPY's binary format (PostgreSQL manual, COPY, "Binary Format"), for bulk
// loads: a signature, then per row its field count and each field as a length and the
// type's binary representation, then -1. The database parses nothing (no text to
// number conversion), and the writer only copies bytes: formatting a million rows'
// search keys as decimal text cost the import more than its CSV parsing.
//
// Field order and types must match the COPY statement's column list exactly.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const INT8_OID = 20;
const TWO_32 = 2 ** 32;

export class CopyBinaryRows {
  private buf = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private rowCount = 0;

  constructor() {
    this.ensure(SIGNATURE.length + 8);
    SIGNATURE.copy(this.buf, 0);
    this.used = SIGNATURE.length;
    this.int32(0); // flags: no OIDs
    this.int32(0); // header extension length
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Starts a row of fieldCount fields. */
  row(fieldCount: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(fieldCount, this.used);
    this.used += 2;
    this.rowCount++;
    return this;
  }

  /** text, varchar or char(n); null writes NULL. */
  text(v: string | null): this {
    if (v === null) return this.nullField();
    this.ensure(4 + v.length * 3);
    const n = this.buf.write(v, this.used + 4, 'utf8');
    this.buf.writeInt32BE(n, this.used);
    this.used += 4 + n;
    return this;
  }

  int4(v: number): this {
    this.int32(4);
    return this.int32(v);
  }

  bool(v: boolean): this {
    this.int32(1);
    this.ensure(1);
    this.buf[this.used++] = v ? 1 : 0;
    return this;
  }

  /** bigint[] of safe integers (one dimension, no NULL elements). */
  int8Array(values: readonly number[]): this {
    this.int32(20 + values.length * 12);
    this.int32(1); // dimensions
    this.int32(0); // no NULL elements
    this.int32(INT8_OID);
    this.int32(values.length);
    this.int32(1); // lower bound
    this.ensure(values.length * 12);
    for (const v of values) {
      const high = Math.floor(v / TWO_32);
      this.buf.writeInt32BE(8, this.used);
      this.buf.writeInt32BE(high, this.used + 4);
      this.buf.writeUInt32BE(v - high * TWO_32, this.used + 8);
      this.used += 12;
    }
    return this;
  }

  /** The whole COPY data, trailer included. */
  finish(): Buffer {
    this.ensure(2);
    this.buf.writeInt16BE(-1, this.used);
    this.used += 2;
    return this.buf.subarray(0, this.used);
  }

  private nullField(): this {
    return this.int32(-1);
  }

  private int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.used);
    this.used += 4;
    return this;
  }

  private ensure(bytes: number): void {
    if (this.used + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + bytes));
    this.buf.copy(bigger, 0, 0, this.used);
    this.buf = bigger;
  }
}
