import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { SM2_P256 } from './sm2';
import { createSm2Summer } from './sm2Sum';
import { WASM_MODULES, compileWasm } from '../../../scripts/buildWasm';

const Point = weierstrassN(SM2_P256);
const { n } = SM2_P256;
// Small windows keep the tables quick to build; the walk is the same for every width.
const summer = createSm2Summer(Point, 6, 4);
const randomScalar = () => (BigInt(`0x${randomBytes(32).toString('hex')}`) % (n - 1n)) + 1n;

/** s·G + t·P by @noble/curves alone, affine x (null for zero). */
function expectedX(s: bigint, t: bigint, p: InstanceType<typeof Point>): bigint | null {
  const sum = Point.BASE.multiply(s).add(p.multiply(t));
  return sum.is0() ? null : sum.toAffine().x;
}

function expectSameSum(s: bigint, t: bigint, p: InstanceType<typeof Point>): void {
  const sum = summer.sumOfMultiples(s, t, p);
  const x = expectedX(s, t, p);
  expect(sum, `s=${s.toString(16)} t=${t.toString(16)}`).toBeTruthy();
  expect(summer.hasAffineX(sum!, x!)).toBe(true);
  expect(summer.hasAffineX(sum!, (x! + 1n) % SM2_P256.p)).toBe(false);
}

describe('s·G + t·P in WebAssembly (wasm/sm2Sum.ts) against @noble/curves', () => {
  it('gives the same point for random scalars and keys', () => {
    for (let k = 0; k < 8; k++) {
      const key = Point.BASE.multiply(randomScalar());
      for (let j = 0; j < 10; j++) expectSameSum(randomScalar(), randomScalar(), key);
    }
  });

  it('gives the same point for scalars at the edges of the windows and of the range', () => {
    const key = Point.BASE.multiply(randomScalar());
    const edges = [1n, 2n, n - 1n, n - 2n, (1n << 255n) + 1n, (1n << 128n) - 1n, 0x20n, 0x21n, 0x1fn, 0x3fn, 0x8n, 0x9n,
      BigInt(`0x${'20'.repeat(32)}`) % n, BigInt(`0x${'21'.repeat(32)}`) % n, BigInt(`0x${'ff'.repeat(32)}`) % n];
    for (const s of edges) for (const t of edges) expectSameSum(s, t, key);
  });

  it('says when an addition meets equal or opposite points, so the caller takes the sum another way', () => {
    // Key G: s·G + t·G adds G to G when both scalars are 1, and ends at zero when t = n - s.
    expect(summer.sumOfMultiples(1n, 1n, Point.BASE)).toBeUndefined();
    expect(summer.sumOfMultiples(5n, n - 5n, Point.BASE)).toBeUndefined();
    expectSameSum(1n, 2n, Point.BASE.multiply(3n)); // 1·G + 2·3G: unequal all the way
  });
});

describe('the committed WebAssembly module', () => {
  it('is what its AssemblyScript source builds (run npm run build:wasm after changing the source)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wasm-'));
    try {
      for (const m of WASM_MODULES) {
        const built = path.join(dir, path.basename(m.output));
        await compileWasm(m.source, built);
        expect(readFileSync(built).equals(readFileSync(path.resolve(import.meta.dirname, '../../..', m.output))), m.output).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
