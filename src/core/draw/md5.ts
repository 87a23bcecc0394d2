// MD5 (RFC 1321) in plain JavaScript, for the draw's ordering key (key.ts explains the
// choice). Written here because the public verification page re-runs draws in the
// browser, where WebCrypto offers no MD5 and is asynchronous; the same code runs in
// Node, and the tests check it against node:crypto and against PostgreSQL's md5().
// The 64 steps are written out (a verification hashes every candidate of a draw, a
// million for a large district): faster than node:crypto for short keys.

/**
 * One 64-byte block (16 little-endian words) into the state. The 64 steps of RFC 1321
 * §3.4 are written out as expressions, a = b + ((a + F(b, c, d) + X[k] + T[i]) <<< s),
 * with F, G, H and I in place: calling a helper per step (V8 stops inlining that many
 * calls in one function) made a one-block digest 3.5 times slower (0.9 against 0.26 µs).
 */
function cycle(state: Int32Array, w: Int32Array): void {
  let a = state[0], b = state[1], c = state[2], d = state[3];
  const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8], w9 = w[9], w10 = w[10], w11 = w[11], w12 = w[12], w13 = w[13], w14 = w[14], w15 = w[15];
  a = (a + ((b & c) | (~b & d)) + w0 + -0x28955b88) | 0; a = ((a << 7) | (a >>> 25)) + b | 0;
  d = (d + ((a & b) | (~a & c)) + w1 + -0x173848aa) | 0; d = ((d << 12) | (d >>> 20)) + a | 0;
  c = (c + ((d & a) | (~d & b)) + w2 + 0x242070db) | 0; c = ((c << 17) | (c >>> 15)) + d | 0;
  b = (b + ((c & d) | (~c & a)) + w3 + -0x3e423112) | 0; b = ((b << 22) | (b >>> 10)) + c | 0;
  a = (a + ((b & c) | (~b & d)) + w4 + -0x0a83f051) | 0; a = ((a << 7) | (a >>> 25)) + b | 0;
  d = (d + ((a & b) | (~a & c)) + w5 + 0x4787c62a) | 0; d = ((d << 12) | (d >>> 20)) + a | 0;
  c = (c + ((d & a) | (~d & b)) + w6 + -0x57cfb9ed) | 0; c = ((c << 17) | (c >>> 15)) + d | 0;
  b = (b + ((c & d) | (~c & a)) + w7 + -0x02b96aff) | 0; b = ((b << 22) | (b >>> 10)) + c | 0;
  a = (a + ((b & c) | (~b & d)) + w8 + 0x698098d8) | 0; a = ((a << 7) | (a >>> 25)) + b | 0;
  d = (d + ((a & b) | (~a & c)) + w9 + -0x74bb0851) | 0; d = ((d << 12) | (d >>> 20)) + a | 0;
  c = (c + ((d & a) | (~d & b)) + w10 + -0x0000a44f) | 0; c = ((c << 17) | (c >>> 15)) + d | 0;
  b = (b + ((c & d) | (~c & a)) + w11 + -0x76a32842) | 0; b = ((b << 22) | (b >>> 10)) + c | 0;
  a = (a + ((b & c) | (~b & d)) + w12 + 0x6b901122) | 0; a = ((a << 7) | (a >>> 25)) + b | 0;
  d = (d + ((a & b) | (~a & c)) + w13 + -0x02678e6d) | 0; d = ((d << 12) | (d >>> 20)) + a | 0;
  c = (c + ((d & a) | (~d & b)) + w14 + -0x5986bc72) | 0; c = ((c << 17) | (c >>> 15)) + d | 0;
  b = (b + ((c & d) | (~c & a)) + w15 + 0x49b40821) | 0; b = ((b << 22) | (b >>> 10)) + c | 0;
  a = (a + ((b & d) | (c & ~d)) + w1 + -0x09e1da9e) | 0; a = ((a << 5) | (a >>> 27)) + b | 0;
  d = (d + ((a & c) | (b & ~c)) + w6 + -0x3fbf4cc0) | 0; d = ((d << 9) | (d >>> 23)) + a | 0;
  c = (c + ((d & b) | (a & ~b)) + w11 + 0x265e5a51) | 0; c = ((c << 14) | (c >>> 18)) + d | 0;
  b = (b + ((c & a) | (d & ~a)) + w0 + -0x16493856) | 0; b = ((b << 20) | (b >>> 12)) + c | 0;
  a = (a + ((b & d) | (c & ~d)) + w5 + -0x29d0efa3) | 0; a = ((a << 5) | (a >>> 27)) + b | 0;
  d = (d + ((a & c) | (b & ~c)) + w10 + 0x02441453) | 0; d = ((d << 9) | (d >>> 23)) + a | 0;
  c = (c + ((d & b) | (a & ~b)) + w15 + -0x275e197f) | 0; c = ((c << 14) | (c >>> 18)) + d | 0;
  b = (b + ((c & a) | (d & ~a)) + w4 + -0x182c0438) | 0; b = ((b << 20) | (b >>> 12)) + c | 0;
  a = (a + ((b & d) | (c & ~d)) + w9 + 0x21e1cde6) | 0; a = ((a << 5) | (a >>> 27)) + b | 0;
  d = (d + ((a & c) | (b & ~c)) + w14 + -0x3cc8f82a) | 0; d = ((d << 9) | (d >>> 23)) + a | 0;
  c = (c + ((d & b) | (a & ~b)) + w3 + -0x0b2af279) | 0; c = ((c << 14) | (c >>> 18)) + d | 0;
  b = (b + ((c & a) | (d & ~a)) + w8 + 0x455a14ed) | 0; b = ((b << 20) | (b >>> 12)) + c | 0;
  a = (a + ((b & d) | (c & ~d)) + w13 + -0x561c16fb) | 0; a = ((a << 5) | (a >>> 27)) + b | 0;
  d = (d + ((a & c) | (b & ~c)) + w2 + -0x03105c08) | 0; d = ((d << 9) | (d >>> 23)) + a | 0;
  c = (c + ((d & b) | (a & ~b)) + w7 + 0x676f02d9) | 0; c = ((c << 14) | (c >>> 18)) + d | 0;
  b = (b + ((c & a) | (d & ~a)) + w12 + -0x72d5b376) | 0; b = ((b << 20) | (b >>> 12)) + c | 0;
  a = (a + (b ^ c ^ d) + w5 + -0x0005c6be) | 0; a = ((a << 4) | (a >>> 28)) + b | 0;
  d = (d + (a ^ b ^ c) + w8 + -0x788e097f) | 0; d = ((d << 11) | (d >>> 21)) + a | 0;
  c = (c + (d ^ a ^ b) + w11 + 0x6d9d6122) | 0; c = ((c << 16) | (c >>> 16)) + d | 0;
  b = (b + (c ^ d ^ a) + w14 + -0x021ac7f4) | 0; b = ((b << 23) | (b >>> 9)) + c | 0;
  a = (a + (b ^ c ^ d) + w1 + -0x5b4115bc) | 0; a = ((a << 4) | (a >>> 28)) + b | 0;
  d = (d + (a ^ b ^ c) + w4 + 0x4bdecfa9) | 0; d = ((d << 11) | (d >>> 21)) + a | 0;
  c = (c + (d ^ a ^ b) + w7 + -0x0944b4a0) | 0; c = ((c << 16) | (c >>> 16)) + d | 0;
  b = (b + (c ^ d ^ a) + w10 + -0x41404390) | 0; b = ((b << 23) | (b >>> 9)) + c | 0;
  a = (a + (b ^ c ^ d) + w13 + 0x289b7ec6) | 0; a = ((a << 4) | (a >>> 28)) + b | 0;
  d = (d + (a ^ b ^ c) + w0 + -0x155ed806) | 0; d = ((d << 11) | (d >>> 21)) + a | 0;
  c = (c + (d ^ a ^ b) + w3 + -0x2b10cf7b) | 0; c = ((c << 16) | (c >>> 16)) + d | 0;
  b = (b + (c ^ d ^ a) + w6 + 0x04881d05) | 0; b = ((b << 23) | (b >>> 9)) + c | 0;
  a = (a + (b ^ c ^ d) + w9 + -0x262b2fc7) | 0; a = ((a << 4) | (a >>> 28)) + b | 0;
  d = (d + (a ^ b ^ c) + w12 + -0x1924661b) | 0; d = ((d << 11) | (d >>> 21)) + a | 0;
  c = (c + (d ^ a ^ b) + w15 + 0x1fa27cf8) | 0; c = ((c << 16) | (c >>> 16)) + d | 0;
  b = (b + (c ^ d ^ a) + w2 + -0x3b53a99b) | 0; b = ((b << 23) | (b >>> 9)) + c | 0;
  a = (a + (c ^ (b | ~d)) + w0 + -0x0bd6ddbc) | 0; a = ((a << 6) | (a >>> 26)) + b | 0;
  d = (d + (b ^ (a | ~c)) + w7 + 0x432aff97) | 0; d = ((d << 10) | (d >>> 22)) + a | 0;
  c = (c + (a ^ (d | ~b)) + w14 + -0x546bdc59) | 0; c = ((c << 15) | (c >>> 17)) + d | 0;
  b = (b + (d ^ (c | ~a)) + w5 + -0x036c5fc7) | 0; b = ((b << 21) | (b >>> 11)) + c | 0;
  a = (a + (c ^ (b | ~d)) + w12 + 0x655b59c3) | 0; a = ((a << 6) | (a >>> 26)) + b | 0;
  d = (d + (b ^ (a | ~c)) + w3 + -0x70f3336e) | 0; d = ((d << 10) | (d >>> 22)) + a | 0;
  c = (c + (a ^ (d | ~b)) + w10 + -0x00100b83) | 0; c = ((c << 15) | (c >>> 17)) + d | 0;
  b = (b + (d ^ (c | ~a)) + w1 + -0x7a7ba22f) | 0; b = ((b << 21) | (b >>> 11)) + c | 0;
  a = (a + (c ^ (b | ~d)) + w8 + 0x6fa87e4f) | 0; a = ((a << 6) | (a >>> 26)) + b | 0;
  d = (d + (b ^ (a | ~c)) + w15 + -0x01d31920) | 0; d = ((d << 10) | (d >>> 22)) + a | 0;
  c = (c + (a ^ (d | ~b)) + w6 + -0x5cfebcec) | 0; c = ((c << 15) | (c >>> 17)) + d | 0;
  b = (b + (d ^ (c | ~a)) + w13 + 0x4e0811a1) | 0; b = ((b << 21) | (b >>> 11)) + c | 0;
  a = (a + (c ^ (b | ~d)) + w4 + -0x08ac817e) | 0; a = ((a << 6) | (a >>> 26)) + b | 0;
  d = (d + (b ^ (a | ~c)) + w11 + -0x42c50dcb) | 0; d = ((d << 10) | (d >>> 22)) + a | 0;
  c = (c + (a ^ (d | ~b)) + w2 + 0x2ad7d2bb) | 0; c = ((c << 15) | (c >>> 17)) + d | 0;
  b = (b + (d ^ (c | ~a)) + w9 + -0x14792c6f) | 0; b = ((b << 21) | (b >>> 11)) + c | 0;
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

const encoder = new TextEncoder();
const state = new Int32Array(4);
const words = new Int32Array(16);

/** MD5 of bytes (text as UTF-8), as 32 lowercase hex characters. */
export function md5(data: Uint8Array | string): string {
  state[0] = 0x67452301; state[1] = 0xefcdab89 | 0; state[2] = 0x98badcfe | 0; state[3] = 0x10325476;
  if (typeof data === 'string') {
    // ASCII text (keys are hex and codes) is read straight into words; other text as UTF-8 bytes.
    for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) > 0x7f) return digestBytes(encoder.encode(data));
    const n = data.length;
    const total = (((n + 8) >>> 6) + 1) << 6;
    for (let off = 0; off < total; off += 64) {
      words.fill(0);
      const end = n < off + 64 ? n : off + 64;
      for (let i = off; i < end; i++) words[(i - off) >> 2] |= data.charCodeAt(i) << (((i - off) & 3) << 3);
      finishBlock(n, off, total);
    }
    return hexOfState();
  }
  return digestBytes(data);
}

function digestBytes(bytes: Uint8Array): string {
  const n = bytes.length;
  const total = (((n + 8) >>> 6) + 1) << 6;
  for (let off = 0; off < total; off += 64) {
    words.fill(0);
    const end = n < off + 64 ? n : off + 64;
    for (let i = off; i < end; i++) words[(i - off) >> 2] |= bytes[i] << (((i - off) & 3) << 3);
    finishBlock(n, off, total);
  }
  return hexOfState();
}

/**
 * Padding (0x80 after the n bytes of this call, zeros, the message's bit length as 64-bit
 * little-endian) where it falls, then the block. messageLength counts bytes hashed in
 * earlier calls too (Md5WithPrefix).
 */
function finishBlock(n: number, off: number, total: number, messageLength = n): void {
  if (n >= off && n < off + 64) words[(n - off) >> 2] |= 0x80 << (((n - off) & 3) << 3);
  if (off + 64 === total) {
    words[14] = messageLength << 3;
    words[15] = Math.floor(messageLength / 0x20000000);
  }
  cycle(state, words);
}

const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

/**
 * MD5 of prefix + text for many texts after one prefix (a draw's keys: the seed, then
 * each code). The prefix's whole 64-byte blocks are hashed once, so a key of a 64-character
 * seed costs one block instead of two; and the first six bytes of a digest can be read as
 * a number, which orders keys as their hex does without building the text.
 */
export class Md5WithPrefix {
  private readonly midstate = new Int32Array(4);
  /** The prefix's bytes after its last whole block. */
  private readonly tail: string;
  /** The prefix's bytes hashed into the midstate (a multiple of 64). */
  private readonly hashed: number;

  constructor(private readonly prefix: string) {
    if (!isAscii(prefix)) throw new Error('Md5WithPrefix: the prefix must be ASCII');
    this.hashed = prefix.length - (prefix.length % 64);
    state[0] = 0x67452301; state[1] = 0xefcdab89 | 0; state[2] = 0x98badcfe | 0; state[3] = 0x10325476;
    for (let off = 0; off < this.hashed; off += 64) {
      words.fill(0);
      for (let i = 0; i < 64; i++) words[i >> 2] |= prefix.charCodeAt(off + i) << ((i & 3) << 3);
      cycle(state, words);
    }
    this.midstate.set(state);
    this.tail = prefix.slice(this.hashed);
  }

  /** md5(prefix + text) as 32 lowercase hex characters. */
  hex(text: string): string {
    if (!this.digest(text)) return md5(this.prefix + text);
    return hexOfState();
  }

  /** The first six bytes of md5(prefix + text) as a number: orders digests as their first 12 hex characters do. */
  head(text: string): number {
    if (!this.digest(text)) return Number.parseInt(md5(this.prefix + text).slice(0, 12), 16);
    const a = state[0], b = state[1];
    return ((((a & 0xff) << 24) | (((a >>> 8) & 0xff) << 16) | (((a >>> 16) & 0xff) << 8) | (a >>> 24)) >>> 0) * 0x10000
      + (((b & 0xff) << 8) | ((b >>> 8) & 0xff));
  }

  /** md5(prefix + text) as four 32-bit numbers, each of 8 hex characters of the digest in order (parseInt of hex.slice(8i, 8i + 8)). */
  words(text: string, out: number[]): void {
    if (!this.digest(text)) {
      const hex = md5(this.prefix + text);
      for (let i = 0; i < 4; i++) out[i] = Number.parseInt(hex.slice(8 * i, 8 * i + 8), 16);
      return;
    }
    for (let i = 0; i < 4; i++) {
      const v = state[i];
      out[i] = ((((v & 0xff) << 24) | (((v >>> 8) & 0xff) << 16) | (((v >>> 16) & 0xff) << 8) | (v >>> 24)) >>> 0);
    }
  }

  /**
   * Hashes the rest of the message (the prefix's tail, then text) into the shared state;
   * false, with the state spoilt, at a non-ASCII character (then md5 itself does it). The
   * text is read straight into words, without building tail + text.
   */
  private digest(text: string): boolean {
    const tail = this.tail, t = tail.length, n = t + text.length;
    const total = (((n + 8) >>> 6) + 1) << 6;
    state.set(this.midstate);
    for (let off = 0; off < total; off += 64) {
      words.fill(0);
      const end = n < off + 64 ? n : off + 64;
      for (let i = off; i < end; i++) {
        const ch = i < t ? tail.charCodeAt(i) : text.charCodeAt(i - t);
        if (ch > 0x7f) return false;
        words[(i - off) >> 2] |= ch << (((i - off) & 3) << 3);
      }
      finishBlock(n, off, total, this.hashed + n);
    }
    return true;
  }
}

function hexOfState(): string {
  let hex = '';
  for (let i = 0; i < 4; i++) {
    const v = state[i];
    hex += HEX[v & 0xff] + HEX[(v >>> 8) & 0xff] + HEX[(v >>> 16) & 0xff] + HEX[(v >>> 24) & 0xff];
  }
  return hex;
}
