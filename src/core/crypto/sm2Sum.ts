// s·G + t·P, the costly step of SM2 verification, in WebAssembly (wasm/sm2Sum.ts, built
// into wasm/sm2Sum.wasm by `npm run build:wasm`; sm2Sum.test.ts checks the committed file
// is what its source builds). This side builds each point's table of multiples with
// @noble/curves, copies it into the module's memory in Montgomery form, and reads the sum
// back. Server-only: it reads the module from disk.
import { readFileSync } from 'node:fs';
import { normalizeZ } from '@noble/curves/abstract/curve';
import type { weierstrassN } from '@noble/curves/abstract/weierstrass';

type PointCons = ReturnType<typeof weierstrassN<bigint>>;
type Point = InstanceType<PointCons>;

interface Sm2SumExports {
  memory: WebAssembly.Memory;
  scalarSPtr(): number;
  scalarTPtr(): number;
  resultPtr(): number;
  heapBase(): number;
  sum(gTable: number, wG: number, pTable: number, wP: number): number;
}

const SUM_OK = 0;
const SUM_EXCEPTIONAL = 1;
const POINT_BYTES = 64;

/** The sum in Jacobian coordinates, Montgomery form (x = X·2^256 / Z² mod p), or null for zero. */
export interface JacobianSum { X: bigint; Z: bigint }

const wasmFile = new URL('./wasm/sm2Sum.wasm', import.meta.url);

/** Loads the module and returns a summer over the curve of `Point` (SM2's p is fixed in the module). */
export function createSm2Summer(Point: PointCons, baseWindowBits: number, keyWindowBits: number) {
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmFile))).exports as unknown as Sm2SumExports;
  const p = Point.Fp.ORDER;
  const montgomeryR = (1n << 256n) % p;
  let heapEnd = (wasm.heapBase() + 63) & ~63;

  /** Reserves bytes in the module's memory, growing it as needed; returns the address. */
  function reserve(bytes: number): number {
    const at = heapEnd;
    heapEnd += bytes;
    const missing = heapEnd - wasm.memory.buffer.byteLength;
    if (missing > 0) wasm.memory.grow(Math.ceil(missing / 65536));
    return at;
  }

  function writeLimbs(words: Uint32Array, at: number, v: bigint): void {
    const hex = v.toString(16).padStart(64, '0');
    for (let i = 0; i < 8; i++) words[(at >> 2) + i] = Number.parseInt(hex.slice(56 - 8 * i, 64 - 8 * i), 16);
  }

  function readLimbs(at: number): bigint {
    const words = new Uint32Array(wasm.memory.buffer, at, 8);
    let hex = '0x';
    for (let i = 7; i >= 0; i--) hex += words[i].toString(16).padStart(8, '0');
    return BigInt(hex);
  }

  /** The table wasm/sm2Sum.ts walks: for window i, k·2^(w·i)·point for k = 1 … 2^(w-1), affine. */
  function buildTable(point: Point, w: number): number {
    const windows = Math.ceil(256 / w) + 1;
    const half = 1 << (w - 1);
    const multiples: Point[] = [];
    let base = point;
    for (let i = 0; i < windows; i++) {
      let m = base;
      for (let k = 1; k <= half; k++, m = m.add(base)) multiples.push(m);
      base = multiples[multiples.length - 1].double();
    }
    const at = reserve(multiples.length * POINT_BYTES);
    const words = new Uint32Array(wasm.memory.buffer);
    normalizeZ(Point, multiples).forEach((m, i) => {
      const { x, y } = m.toAffine();
      writeLimbs(words, at + i * POINT_BYTES, (x * montgomeryR) % p);
      writeLimbs(words, at + i * POINT_BYTES + 32, (y * montgomeryR) % p);
    });
    return at;
  }

  const baseTable = buildTable(Point.BASE, baseWindowBits);
  // An issuing body has one key at a time, so this stays as small as the number of keys used.
  const keyTables = new Map<Point, number>();

  /**
   * s·G + t·key as { X, Z } (Jacobian, Montgomery form), null for the point at infinity, or
   * undefined when the module met an exceptional addition and the caller must take it another way.
   */
  function sumOfMultiples(s: bigint, t: bigint, key: Point): JacobianSum | null | undefined {
    let keyTable = keyTables.get(key);
    if (keyTable === undefined) {
      keyTable = buildTable(key, keyWindowBits);
      keyTables.set(key, keyTable);
    }
    const words = new Uint32Array(wasm.memory.buffer);
    writeLimbs(words, wasm.scalarSPtr(), s);
    writeLimbs(words, wasm.scalarTPtr(), t);
    const status = wasm.sum(baseTable, baseWindowBits, keyTable, keyWindowBits);
    if (status === SUM_EXCEPTIONAL) return undefined;
    if (status !== SUM_OK) return null;
    const at = wasm.resultPtr();
    return { X: readLimbs(at), Z: readLimbs(at + 64) };
  }

  /** Whether the affine x of the sum equals x, without an inversion: X·2^256 ≡ x·Z² (mod p). */
  function hasAffineX(sum: JacobianSum, x: bigint): boolean {
    return (sum.X * montgomeryR) % p === (x * ((sum.Z * sum.Z) % p)) % p;
  }

  return { sumOfMultiples, hasAffineX };
}
