// AssemblyScript, compiled to sm2Sum.wasm by `npm run build:wasm` (not TypeScript: the
// project's tsconfig leaves this folder out). It computes s·G + t·P for SM2 verification
// (GB/T 32918.2-2016 §7.1) on 32-bit limbs with 64-bit products, which WebAssembly has and
// JavaScript's BigInt pays for in allocations: the sum that takes about 0.35 ms with
// @noble/curves takes 0.045 ms here. Only public values pass through (a signature
// and a public key), so nothing needs to run in constant time.
//
// Field elements are 8 little-endian u32 limbs, in Montgomery form (x·2^256 mod p) and
// always fully reduced (< p). The caller (../sm2Sum.ts) places in memory, past heapBase():
// for each point, a table of affine multiples per window of W bits (window i holds
// k·2^(W·i)·point for k = 1 … 2^(W-1), 64 bytes each), and the two scalars as plain
// 8-limb integers. sum() walks both tables with signed digits (the scalar's W-bit windows
// recoded into -2^(W-1) … 2^(W-1)), adding each multiple in mixed Jacobian-affine
// coordinates into one accumulator, and leaves X, Y, Z (Montgomery form) at resultPtr().
// When an addition meets its exceptional case (the two points equal or opposite), which
// an honest signature reaches with negligible probability, it gives up and says so: the
// caller then takes the sum with @noble/curves, which handles every case.

const LIMBS = 8;
const BYTES = 32;

/** p of sm2p256v1, little-endian limbs. Its lowest limb is 2^32 - 1, so -p⁻¹ mod 2^32 is 1. */
const P = memory.data<u32>([
  0xffffffff, 0xffffffff, 0x00000000, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xfffffffe,
]);
/** 1 in Montgomery form: 2^256 mod p. */
const ONE = memory.data<u32>([
  0x00000001, 0x00000000, 0xffffffff, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000001,
]);

const T = memory.data(BYTES); // a Montgomery product before its final subtraction of p
// The accumulator: X, Y, Z one after the other, as resultPtr() promises.
const ACC = memory.data(3 * BYTES);
const ACC_X = ACC;
const ACC_Y = ACC + BYTES;
const ACC_Z = ACC + 2 * BYTES;
const NEG_Y = memory.data(BYTES);
const Z1Z1 = memory.data(BYTES);
const U2 = memory.data(BYTES);
const S2 = memory.data(BYTES);
const H = memory.data(BYTES);
const R = memory.data(BYTES);
const HH = memory.data(BYTES);
const HHH = memory.data(BYTES);
const V = memory.data(BYTES);
const TMP = memory.data(BYTES);
const SCALAR_S = memory.data(BYTES);
const SCALAR_T = memory.data(BYTES);

@inline function limb(a: usize, i: i32): u64 { return <u64>load<u32>(a + (<usize>i << 2)); }
@inline function setLimb(a: usize, i: i32, v: u64): void { store<u32>(a + (<usize>i << 2), <u32>v); }

function copy(r: usize, a: usize): void { memory.copy(r, a, BYTES); }

function isZero(a: usize): bool {
  for (let i = 0; i < LIMBS; i++) if (load<u32>(a + (<usize>i << 2)) != 0) return false;
  return true;
}

/** a ≥ p, for a of LIMBS limbs. */
function notBelowP(a: usize): bool {
  for (let i = LIMBS - 1; i >= 0; i--) {
    const x = load<u32>(a + (<usize>i << 2));
    const y = load<u32>(P + (<usize>i << 2));
    if (x != y) return x > y;
  }
  return true;
}

/** r = a - p over LIMBS limbs (the caller knows a ≥ p, or that a's carry out makes it so). */
function subtractP(r: usize, a: usize): void {
  let borrow: i64 = 0;
  for (let i = 0; i < LIMBS; i++) {
    const d = <i64>limb(a, i) - <i64>limb(P, i) + borrow;
    setLimb(r, i, <u64>d);
    borrow = d >> 32;
  }
}

/** r = a + b mod p. */
function add(r: usize, a: usize, b: usize): void {
  let carry: u64 = 0;
  for (let i = 0; i < LIMBS; i++) {
    const s = limb(a, i) + limb(b, i) + carry;
    setLimb(r, i, s);
    carry = s >> 32;
  }
  if (carry != 0 || notBelowP(r)) subtractP(r, r);
}

/** r = a - b mod p. */
function sub(r: usize, a: usize, b: usize): void {
  let borrow: i64 = 0;
  for (let i = 0; i < LIMBS; i++) {
    const d = <i64>limb(a, i) - <i64>limb(b, i) + borrow;
    setLimb(r, i, <u64>d);
    borrow = d >> 32;
  }
  if (borrow != 0) {
    let carry: u64 = 0;
    for (let i = 0; i < LIMBS; i++) {
      const s = limb(r, i) + limb(P, i) + carry;
      setLimb(r, i, s);
      carry = s >> 32;
    }
  }
}

// p's limbs as constants, for the product (P2 is 0, so its products fold away).
const P0: u64 = 0xffffffff, P1: u64 = 0xffffffff, P2: u64 = 0, P3: u64 = 0xffffffff;
const P4: u64 = 0xffffffff, P5: u64 = 0xffffffff, P6: u64 = 0xffffffff, P7: u64 = 0xfffffffe;

/**
 * r = a·b·2^-256 mod p (Montgomery product, CIOS; r may be a or b). Written out in full, the
 * limbs of a and the running sum T in locals: with T in memory a sum took 80 µs, with a
 * loop over these rows still 81 µs, written out 45 µs. Row i: T += a·b[i], then
 * T = (T + m·p) / 2^32 with m = T[0] (m = T[0]·(-p⁻¹) mod 2^32, and -p⁻¹ ≡ 1).
 */
function mul(r: usize, a: usize, b: usize): void {
  const a0 = limb(a, 0), a1 = limb(a, 1), a2 = limb(a, 2), a3 = limb(a, 3);
  const a4 = limb(a, 4), a5 = limb(a, 5), a6 = limb(a, 6), a7 = limb(a, 7);
  let t0: u64, t1: u64, t2: u64, t3: u64, t4: u64, t5: u64, t6: u64, t7: u64, t8: u64, t9: u64;
  let s: u64, m: u64, bi: u64;
  bi = limb(b, 0); // row 0
  s = a0 * bi; t0 = s & 0xffffffff;
  s = a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  t8 = s >> 32; t9 = 0;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 1); // row 1
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 2); // row 2
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 3); // row 3
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 4); // row 4
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 5); // row 5
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 6); // row 6
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  bi = limb(b, 7); // row 7
  s = t0 + a0 * bi; t0 = s & 0xffffffff;
  s = t1 + a1 * bi + (s >> 32); t1 = s & 0xffffffff;
  s = t2 + a2 * bi + (s >> 32); t2 = s & 0xffffffff;
  s = t3 + a3 * bi + (s >> 32); t3 = s & 0xffffffff;
  s = t4 + a4 * bi + (s >> 32); t4 = s & 0xffffffff;
  s = t5 + a5 * bi + (s >> 32); t5 = s & 0xffffffff;
  s = t6 + a6 * bi + (s >> 32); t6 = s & 0xffffffff;
  s = t7 + a7 * bi + (s >> 32); t7 = s & 0xffffffff;
  s = t8 + (s >> 32); t8 = s & 0xffffffff; t9 = s >> 32;
  m = t0; s = t0 + m * P0;
  s = t1 + m * P1 + (s >> 32); t0 = s & 0xffffffff;
  s = t2 + m * P2 + (s >> 32); t1 = s & 0xffffffff;
  s = t3 + m * P3 + (s >> 32); t2 = s & 0xffffffff;
  s = t4 + m * P4 + (s >> 32); t3 = s & 0xffffffff;
  s = t5 + m * P5 + (s >> 32); t4 = s & 0xffffffff;
  s = t6 + m * P6 + (s >> 32); t5 = s & 0xffffffff;
  s = t7 + m * P7 + (s >> 32); t6 = s & 0xffffffff;
  s = t8 + (s >> 32); t7 = s & 0xffffffff; t8 = t9 + (s >> 32);
  store<u32>(T, <u32>t0); store<u32>(T, <u32>t1, 4); store<u32>(T, <u32>t2, 8); store<u32>(T, <u32>t3, 12);
  store<u32>(T, <u32>t4, 16); store<u32>(T, <u32>t5, 20); store<u32>(T, <u32>t6, 24); store<u32>(T, <u32>t7, 28);
  if (t8 != 0 || notBelowP(T)) subtractP(r, T);
  else memory.copy(r, T, BYTES);
}

/**
 * Adds the affine point (x2, y2) to the accumulator (Jacobian), by the mixed addition
 * "madd-2007-bl" (8M + 3S). Returns false on the exceptional case.
 */
function addAffine(x2: usize, y2: usize, accIsZero: bool): bool {
  if (accIsZero) {
    copy(ACC_X, x2);
    copy(ACC_Y, y2);
    copy(ACC_Z, ONE);
    return true;
  }
  mul(Z1Z1, ACC_Z, ACC_Z);
  mul(U2, x2, Z1Z1);
  mul(S2, y2, ACC_Z);
  mul(S2, S2, Z1Z1);
  sub(H, U2, ACC_X);
  sub(R, S2, ACC_Y);
  if (isZero(H)) return false; // equal points (a doubling) or opposite ones (zero)
  mul(HH, H, H);
  mul(HHH, H, HH);
  mul(V, ACC_X, HH);
  mul(TMP, R, R);
  sub(TMP, TMP, HHH);
  sub(TMP, TMP, V);
  sub(ACC_X, TMP, V); // X3 = r² - H³ - 2V
  sub(TMP, V, ACC_X);
  mul(TMP, R, TMP);
  mul(HHH, ACC_Y, HHH);
  sub(ACC_Y, TMP, HHH); // Y3 = r·(V - X3) - Y1·H³
  mul(ACC_Z, ACC_Z, H); // Z3 = Z1·H
  return true;
}

/** The w bits of the scalar (8 limbs) from bit `at`, zero past its end. */
function bitsAt(k: usize, at: i32, w: i32): u32 {
  let v: u64 = 0;
  const first = at >> 5;
  for (let i = first; i <= (at + w - 1) >> 5 && i < LIMBS; i++) v |= limb(k, i) << (<u64>((i - first) << 5));
  return <u32>((v >> <u64>(at & 31)) & ((<u64>1 << <u64>w) - 1));
}

/** Adds scalar·point into the accumulator from the point's table; 0 ok, 1 exceptional. */
function walk(table: usize, scalar: usize, w: i32, accIsZero: bool): i32 {
  const half = 1 << (w - 1);
  const windows = (256 + w - 1) / w + 1;
  let carry: i32 = 0;
  let zero = accIsZero;
  for (let i = 0; i < windows; i++) {
    let digit = <i32>bitsAt(scalar, i * w, w) + carry;
    carry = 0;
    if (digit > half) {
      digit -= 1 << w;
      carry = 1;
    }
    if (digit == 0) continue;
    const at = table + ((<usize>(i * half + (digit < 0 ? -digit : digit) - 1)) << 6);
    let y = at + BYTES;
    if (digit < 0) {
      sub(NEG_Y, P, y); // -y = p - y (Montgomery form is linear)
      y = NEG_Y;
    }
    if (!addAffine(at, y, zero)) return 1;
    zero = false;
  }
  return zero ? 2 : 0;
}

/** Where the caller writes s (8 limbs). */
export function scalarSPtr(): usize { return SCALAR_S; }
/** Where the caller writes t (8 limbs). */
export function scalarTPtr(): usize { return SCALAR_T; }
/** Where sum() leaves X, Y, Z (Montgomery form), 32 bytes each. */
export function resultPtr(): usize { return ACC; }
export function heapBase(): usize { return __heap_base; }

/**
 * s·G + t·P from G's table (windows of wG bits) and P's (wP bits): 0 when the sum is at
 * resultPtr(), 1 when an exceptional addition was met (take the sum another way), 2 when
 * the sum is the point at infinity.
 */
export function sum(gTable: usize, wG: i32, pTable: usize, wP: i32): i32 {
  const first = walk(gTable, SCALAR_S, wG, true);
  if (first == 1) return 1;
  return walk(pTable, SCALAR_T, wP, first == 2); // 2 only if both walks added nothing
}
