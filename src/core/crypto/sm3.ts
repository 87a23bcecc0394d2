// SM3 cryptographic hash (GB/T 32905-2016), the digest Chinese government systems expect
// for evidence and records. Written here rather than taken from node:crypto because
// OpenSSL builds differ in whether they ship SM3, and evidence must hash the same way on
// every server. Incremental, so a file of gigabytes is hashed chunk by chunk as it streams.
// Plain 32-bit operations (| 0, no Math.imul) on typed arrays allocated once per hasher:
// Int32Array rather than Uint32Array, since `| 0` yields signed values and storing them
// unsigned costs a conversion per word (measured ~10% slower); the digest prints >>> 0.

export interface Sm3Hasher {
  /** Feeds the next bytes; returns the hasher so calls chain. */
  update(chunk: Uint8Array): Sm3Hasher;
  /** Finishes and returns the 256-bit digest as 64 lowercase hex characters. */
  digest(): string;
}

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** T_j rotated left by j mod 32, precomputed for the 64 rounds. */
const T_ROT = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const n = j % 32;
  T_ROT[j] = n === 0 ? t : rotl(t, n);
}

const P0 = (x: number) => x ^ rotl(x, 9) ^ rotl(x, 17);
const P1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);

/** Expands one 64-byte block at `off` into W[0..67] (GB/T 32905 5.3.2). */
function expand(w: Int32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) w[i] = (b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3];
  for (let j = 16; j < 68; j++) w[j] = P1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
}

/** Compresses one expanded block into the state v (GB/T 32905 5.3.3). */
function compress(v: Int32Array, w: Int32Array): void {
  let a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
  // Two loops rather than a branch per round: FF and GG are XOR in rounds 0–15, majority
  // and choice in rounds 16–63 (written in their equivalent forms with fewer operations).
  for (let j = 0; j < 16; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_ROT[j]) | 0, 7);
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4])) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + w[j]) | 0;
    d = c; c = rotl(b, 9); b = a; a = tt1;
    h = g; g = rotl(f, 19); f = e; e = P0(tt2);
  }
  for (let j = 16; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_ROT[j]) | 0, 7);
    const tt1 = (((a & b) | (c & (a | b))) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4])) | 0;
    const tt2 = ((g ^ (e & (f ^ g))) + h + ss1 + w[j]) | 0;
    d = c; c = rotl(b, 9); b = a; a = tt1;
    h = g; g = rotl(f, 19); f = e; e = P0(tt2);
  }
  v[0] ^= a; v[1] ^= b; v[2] ^= c; v[3] ^= d; v[4] ^= e; v[5] ^= f; v[6] ^= g; v[7] ^= h;
}

export function createSm3(): Sm3Hasher {
  const v = Int32Array.from(IV);
  const w = new Int32Array(68);
  const pending = new Uint8Array(64);
  let pendingLength = 0;
  let total = 0;
  let done = false;

  const hasher: Sm3Hasher = {
    update(chunk) {
      if (done) throw new Error('SM3: update() after digest()');
      total += chunk.length;
      let off = 0;
      if (pendingLength > 0) {
        const take = Math.min(64 - pendingLength, chunk.length);
        pending.set(chunk.subarray(0, take), pendingLength);
        pendingLength += take;
        off = take;
        if (pendingLength < 64) return hasher;
        expand(w, pending, 0);
        compress(v, w);
        pendingLength = 0;
      }
      // Whole blocks are read straight from the caller's chunk, without copying.
      for (; off + 64 <= chunk.length; off += 64) {
        expand(w, chunk, off);
        compress(v, w);
      }
      pending.set(chunk.subarray(off), 0);
      pendingLength = chunk.length - off;
      return hasher;
    },
    digest() {
      if (done) throw new Error('SM3: digest() called twice');
      hasher.update(padding(total, pendingLength));
      done = true;
      let hex = '';
      for (let i = 0; i < 8; i++) hex += (v[i] >>> 0).toString(16).padStart(8, '0');
      return hex;
    },
  };
  return hasher;
}

/** 0x80, zeros up to 56 mod 64, then the message length in bits as a 64-bit big-endian number. */
function padding(totalBytes: number, pendingLength: number): Uint8Array {
  const zeros = (pendingLength < 56 ? 55 : 119) - pendingLength;
  const pad = new Uint8Array(1 + zeros + 8);
  pad[0] = 0x80;
  const hi = Math.floor(totalBytes / 0x20000000); // bits above 2^32: bytes / 2^29
  const lo = (totalBytes % 0x20000000) * 8;
  const at = 1 + zeros;
  pad[at] = hi >>> 24; pad[at + 1] = hi >>> 16; pad[at + 2] = hi >>> 8; pad[at + 3] = hi;
  pad[at + 4] = lo >>> 24; pad[at + 5] = lo >>> 16; pad[at + 6] = lo >>> 8; pad[at + 7] = lo;
  return pad;
}

/** SM3 of a whole value at once (text as UTF-8). */
export function sm3(data: Uint8Array | string): string {
  return createSm3().update(typeof data === 'string' ? new TextEncoder().encode(data) : data).digest();
}
