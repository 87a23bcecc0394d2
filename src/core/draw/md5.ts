// MD5 (RFC 1321) in plain JavaScript, for the draw's ordering key (key.ts explains the
// choice). Written here because the public verification page re-runs draws in the
// browser, where WebCrypto offers no MD5 and is asynchronous; the same code runs in
// Node, and the tests check it against node:crypto and against PostgreSQL's md5().
// The 64 steps are written out (a verification hashes every candidate of a draw, a
// million for a large district): about as fast as node:crypto for short keys.

const ff = (a: number, b: number, c: number, d: number, x: number, s: number, t: number) => {
  a = (a + ((b & c) | (~b & d)) + x + t) | 0;
  return (((a << s) | (a >>> (32 - s))) + b) | 0;
};
const gg = (a: number, b: number, c: number, d: number, x: number, s: number, t: number) => {
  a = (a + ((b & d) | (c & ~d)) + x + t) | 0;
  return (((a << s) | (a >>> (32 - s))) + b) | 0;
};
const hh = (a: number, b: number, c: number, d: number, x: number, s: number, t: number) => {
  a = (a + (b ^ c ^ d) + x + t) | 0;
  return (((a << s) | (a >>> (32 - s))) + b) | 0;
};
const ii = (a: number, b: number, c: number, d: number, x: number, s: number, t: number) => {
  a = (a + (c ^ (b | ~d)) + x + t) | 0;
  return (((a << s) | (a >>> (32 - s))) + b) | 0;
};

/** One 64-byte block (16 little-endian words) into the state. */
function cycle(state: Int32Array, w: Int32Array): void {
  let a = state[0], b = state[1], c = state[2], d = state[3];
    a = ff(a, b, c, d, w[0], 7, -0x28955b88);
    d = ff(d, a, b, c, w[1], 12, -0x173848aa);
    c = ff(c, d, a, b, w[2], 17, 0x242070db);
    b = ff(b, c, d, a, w[3], 22, -0x3e423112);
    a = ff(a, b, c, d, w[4], 7, -0x0a83f051);
    d = ff(d, a, b, c, w[5], 12, 0x4787c62a);
    c = ff(c, d, a, b, w[6], 17, -0x57cfb9ed);
    b = ff(b, c, d, a, w[7], 22, -0x02b96aff);
    a = ff(a, b, c, d, w[8], 7, 0x698098d8);
    d = ff(d, a, b, c, w[9], 12, -0x74bb0851);
    c = ff(c, d, a, b, w[10], 17, -0x0000a44f);
    b = ff(b, c, d, a, w[11], 22, -0x76a32842);
    a = ff(a, b, c, d, w[12], 7, 0x6b901122);
    d = ff(d, a, b, c, w[13], 12, -0x02678e6d);
    c = ff(c, d, a, b, w[14], 17, -0x5986bc72);
    b = ff(b, c, d, a, w[15], 22, 0x49b40821);
    a = gg(a, b, c, d, w[1], 5, -0x09e1da9e);
    d = gg(d, a, b, c, w[6], 9, -0x3fbf4cc0);
    c = gg(c, d, a, b, w[11], 14, 0x265e5a51);
    b = gg(b, c, d, a, w[0], 20, -0x16493856);
    a = gg(a, b, c, d, w[5], 5, -0x29d0efa3);
    d = gg(d, a, b, c, w[10], 9, 0x02441453);
    c = gg(c, d, a, b, w[15], 14, -0x275e197f);
    b = gg(b, c, d, a, w[4], 20, -0x182c0438);
    a = gg(a, b, c, d, w[9], 5, 0x21e1cde6);
    d = gg(d, a, b, c, w[14], 9, -0x3cc8f82a);
    c = gg(c, d, a, b, w[3], 14, -0x0b2af279);
    b = gg(b, c, d, a, w[8], 20, 0x455a14ed);
    a = gg(a, b, c, d, w[13], 5, -0x561c16fb);
    d = gg(d, a, b, c, w[2], 9, -0x03105c08);
    c = gg(c, d, a, b, w[7], 14, 0x676f02d9);
    b = gg(b, c, d, a, w[12], 20, -0x72d5b376);
    a = hh(a, b, c, d, w[5], 4, -0x0005c6be);
    d = hh(d, a, b, c, w[8], 11, -0x788e097f);
    c = hh(c, d, a, b, w[11], 16, 0x6d9d6122);
    b = hh(b, c, d, a, w[14], 23, -0x021ac7f4);
    a = hh(a, b, c, d, w[1], 4, -0x5b4115bc);
    d = hh(d, a, b, c, w[4], 11, 0x4bdecfa9);
    c = hh(c, d, a, b, w[7], 16, -0x0944b4a0);
    b = hh(b, c, d, a, w[10], 23, -0x41404390);
    a = hh(a, b, c, d, w[13], 4, 0x289b7ec6);
    d = hh(d, a, b, c, w[0], 11, -0x155ed806);
    c = hh(c, d, a, b, w[3], 16, -0x2b10cf7b);
    b = hh(b, c, d, a, w[6], 23, 0x04881d05);
    a = hh(a, b, c, d, w[9], 4, -0x262b2fc7);
    d = hh(d, a, b, c, w[12], 11, -0x1924661b);
    c = hh(c, d, a, b, w[15], 16, 0x1fa27cf8);
    b = hh(b, c, d, a, w[2], 23, -0x3b53a99b);
    a = ii(a, b, c, d, w[0], 6, -0x0bd6ddbc);
    d = ii(d, a, b, c, w[7], 10, 0x432aff97);
    c = ii(c, d, a, b, w[14], 15, -0x546bdc59);
    b = ii(b, c, d, a, w[5], 21, -0x036c5fc7);
    a = ii(a, b, c, d, w[12], 6, 0x655b59c3);
    d = ii(d, a, b, c, w[3], 10, -0x70f3336e);
    c = ii(c, d, a, b, w[10], 15, -0x00100b83);
    b = ii(b, c, d, a, w[1], 21, -0x7a7ba22f);
    a = ii(a, b, c, d, w[8], 6, 0x6fa87e4f);
    d = ii(d, a, b, c, w[15], 10, -0x01d31920);
    c = ii(c, d, a, b, w[6], 15, -0x5cfebcec);
    b = ii(b, c, d, a, w[13], 21, 0x4e0811a1);
    a = ii(a, b, c, d, w[4], 6, -0x08ac817e);
    d = ii(d, a, b, c, w[11], 10, -0x42c50dcb);
    c = ii(c, d, a, b, w[2], 15, 0x2ad7d2bb);
    b = ii(b, c, d, a, w[9], 21, -0x14792c6f);
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

/** Padding (0x80, zeros, the bit length as 64-bit little-endian) where it falls, then the block. */
function finishBlock(n: number, off: number, total: number): void {
  if (n >= off && n < off + 64) words[(n - off) >> 2] |= 0x80 << (((n - off) & 3) << 3);
  if (off + 64 === total) {
    words[14] = n << 3;
    words[15] = Math.floor(n / 0x20000000);
  }
  cycle(state, words);
}

function hexOfState(): string {
  let hex = '';
  for (let i = 0; i < 4; i++) {
    const v = state[i];
    hex += HEX[v & 0xff] + HEX[(v >>> 8) & 0xff] + HEX[(v >>> 16) & 0xff] + HEX[(v >>> 24) & 0xff];
  }
  return hex;
}
