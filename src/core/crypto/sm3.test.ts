// SM3 against the examples of GB/T 32905-2016 (appendix A), and the property evidence
// hashing relies on: the digest does not depend on how the bytes arrive in chunks.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSm3, sm3 } from './sm3';

const ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const ABCD_16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
const EMPTY = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';

/** Deterministic pseudo-random bytes (a test must not depend on the run). */
function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function inChunks(data: Uint8Array, sizes: () => number): string {
  const h = createSm3();
  for (let off = 0; off < data.length;) {
    const n = Math.max(1, sizes());
    h.update(data.subarray(off, off + n));
    off += n;
  }
  return h.digest();
}

describe('SM3 (GB/T 32905-2016)', () => {
  it('hashes the standard’s examples', () => {
    expect(sm3('abc')).toBe(ABC);
    expect(sm3('abcd'.repeat(16))).toBe(ABCD_16);
  });

  it('hashes empty input', () => {
    expect(createSm3().digest()).toBe(EMPTY);
    expect(createSm3().update(new Uint8Array(0)).update(new Uint8Array(0)).digest()).toBe(EMPTY);
  });

  it('gives the same digest whatever the chunking', () => {
    const example = new TextEncoder().encode('abcd'.repeat(16));
    expect(inChunks(example, () => 1)).toBe(ABCD_16);
    const data = bytes(1024 * 1024);
    const whole = sm3(data);
    let seed = 7;
    const random = () => { seed = (seed * 48271) % 0x7fffffff; return seed % 70_000; };
    expect(inChunks(data, random)).toBe(whole);
    expect(inChunks(data.subarray(0, 4099), () => 1)).toBe(sm3(data.subarray(0, 4099)));
    expect(inChunks(data, () => 64)).toBe(whole);
    expect(inChunks(data, () => 63)).toBe(whole);
  });

  it('pads correctly around the block boundary (55, 56, 63, 64, 65 bytes)', () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const data = bytes(n, n);
      expect(inChunks(data, () => 1), `${n} bytes`).toBe(sm3(data));
      if (crypto.getHashes().includes('sm3')) expect(sm3(data), `${n} bytes`).toBe(crypto.createHash('sm3').update(data).digest('hex'));
    }
  });

  it.skipIf(!crypto.getHashes().includes('sm3'))('agrees with OpenSSL’s SM3 where this Node build has it', () => {
    const data = bytes(3 * 1024 * 1024 + 17, 3);
    expect(sm3(data)).toBe(crypto.createHash('sm3').update(data).digest('hex'));
  });

  it('refuses to be used after digest()', () => {
    const h = createSm3();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow();
    expect(() => h.digest()).toThrow();
  });

  it('is fast enough for large evidence files (throughput printed, not asserted)', () => {
    const chunk = bytes(64 * 1024, 9);
    const mb = 64;
    const h = createSm3();
    const start = performance.now();
    for (let i = 0; i < mb * 16; i++) h.update(chunk);
    h.digest();
    const seconds = (performance.now() - start) / 1000;
    console.log(`SM3: ${mb} MB in ${seconds.toFixed(2)} s = ${(mb / seconds).toFixed(0)} MB/s`);
  });
});
