// The keys seen so far in an import file and the row of each, to report a key that
// appears twice. A JavaScript Map of a million strings costs well over 100 MB of heap
// (and the garbage collector's time); this open-addressing hash table keeps the keys'
// UTF-8 bytes in one growing buffer and everything else in typed arrays, about 40 bytes
// per key outside the JavaScript heap.

const EMPTY = 0;

function hashOf(bytes: Buffer, len: number): number {
  // FNV-1a, 32 bits.
  let h = 0x811c9dc5;
  for (let i = 0; i < len; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class KeyIndex {
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;
  private offsets = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  private rows = new Int32Array(1024);
  private hashes = new Uint32Array(1024);
  /** Slot → entry number + 1 (0 = empty). Size is a power of two, at most half full. */
  private table = new Int32Array(2048);
  private count = 0;
  private scratch = Buffer.allocUnsafe(256);

  get size(): number {
    return this.count;
  }

  private encode(key: string): number {
    const max = key.length * 3;
    if (max > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(max, this.scratch.length * 2));
    return this.scratch.write(key, 0, 'utf8');
  }

  private find(hash: number, len: number): { slot: number; entry: number } {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const e = this.table[slot];
      if (e === EMPTY) return { slot, entry: -1 };
      const i = e - 1;
      if (this.hashes[i] === hash && this.lengths[i] === len
        && this.scratch.compare(this.arena, this.offsets[i], this.offsets[i] + len, 0, len) === 0) {
        return { slot, entry: i };
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Records key at row; returns the row where the key was first seen, or undefined if it is new. */
  add(key: string, row: number): number | undefined {
    const len = this.encode(key);
    const hash = hashOf(this.scratch, len);
    const { slot, entry } = this.find(hash, len);
    if (entry >= 0) return this.rows[entry];
    const i = this.count++;
    this.ensureEntries(i + 1);
    if (this.arenaUsed + len > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + len));
      this.arena.copy(bigger, 0, 0, this.arenaUsed);
      this.arena = bigger;
    }
    this.scratch.copy(this.arena, this.arenaUsed, 0, len);
    this.offsets[i] = this.arenaUsed;
    this.lengths[i] = len;
    this.rows[i] = row;
    this.hashes[i] = hash;
    this.arenaUsed += len;
    this.table[slot] = i + 1;
    if (this.count * 2 > this.table.length) this.rehash();
    return undefined;
  }

  private ensureEntries(n: number): void {
    if (n <= this.offsets.length) return;
    const size = this.offsets.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => { const b = make(size); b.set(a); return b; };
    this.offsets = grow(this.offsets, (k) => new Uint32Array(k));
    this.lengths = grow(this.lengths, (k) => new Uint32Array(k));
    this.rows = grow(this.rows, (k) => new Int32Array(k));
    this.hashes = grow(this.hashes, (k) => new Uint32Array(k));
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = this.hashes[i] & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = i + 1;
    }
    this.table = table;
  }
}
