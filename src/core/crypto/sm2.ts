// SM2 signatures (GB/T 32918.2-2016) with SM3 and the standard signer identity
// (userId 1234567812345678, GB/T 35276-2017), DER-encoded: what Chinese e-licence
// systems (and the sm-crypto library most of them use) sign and verify. Node's own
// crypto signs ECDSA over the SM2 curve, which is not SM2, hence the library.
import { sm2 } from 'sm-crypto-v2';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { sm3 } from './sm3';
import { createSm2Summer } from './sm2Sum';

export interface Sm2KeyPair { publicKey: string; privateKey: string }

/** A new key pair: hex, the public key uncompressed (04 || x || y). */
export function generateSm2KeyPair(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey, privateKey };
}

/** The SM2 signature (hex, DER) of the UTF-8 text. */
export function sm2Sign(text: string, keys: Sm2KeyPair): string {
  return sm2.doSignature(text, keys.privateKey, { der: true, hash: true, publicKey: keys.publicKey });
}

// Verification (GB/T 32918.2-2016 §7.1) is written here because the public licence page
// runs it on every request: sm-crypto-v2's doVerifySignature recomputes the signer's Z
// value and converts through hex each time, and its BigInt point arithmetic takes about
// 0.6 ms. Here Z is computed once per key, SM3 runs over bytes, and the sum s·G + t·P is
// taken in WebAssembly (sm2Sum.ts) from tables of multiples of G and of each key, in
// variable time since only public values pass through, and compared with r - e without
// an inversion: 0.6 → 0.06 ms. sm2.test.ts checks that it accepts what sm-crypto-v2 signs,
// as sm-crypto-v2 does, and refuses what it must; sm2Sum.test.ts checks the sum against
// @noble/curves. Signing stays in sm-crypto-v2.

/** The recommended curve of GB/T 32918.5-2017 (sm2p256v1). */
export const SM2_P256 = {
  p: BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF'),
  a: BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC'),
  b: BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93'),
  n: BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123'),
  h: 1n,
  Gx: BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7'),
  Gy: BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0'),
};
const Point = weierstrassN(SM2_P256);
type SmPoint = InstanceType<typeof Point>;
// Tables of multiples in windows: the base point's in 10-bit windows (0.9 MB, 0.23 s to
// build, on the first verification rather than at import since most processes never
// verify; 12-bit ones took 0.57 s and 3 MB to save 5 µs a verification), a key's in 8-bit
// ones (270 kB, 60 ms, on the key's first use).
let summer: ReturnType<typeof createSm2Summer> | undefined;

/** Whether s·G + t·P is a point whose affine x is ≡ r - e (mod n), as §7.1 B7 asks. */
function sumMatches(s: bigint, t: bigint, p: SmPoint, rMinusE: bigint): boolean {
  const { n } = SM2_P256;
  const candidates = rMinusE + n < SM2_P256.p ? [rMinusE, rMinusE + n] : [rMinusE]; // x < p, and p > n
  summer ??= createSm2Summer(Point, 10, 8);
  const sum = summer.sumOfMultiples(s, t, p);
  if (sum === null) return false;
  if (sum) return candidates.some((x) => summer!.hasAffineX(sum, x));
  // An exceptional addition (equal or opposite points), which only a crafted input reaches.
  const slow = Point.BASE.multiplyUnsafe(s).add(p.multiplyUnsafe(t));
  return !slow.is0() && candidates.includes(slow.toAffine().x);
}

/** The standard signer identity (GB/T 35276-2017 §10), as Chinese e-licence systems sign. */
const DEFAULT_SIGNER_ID = '1234567812345678';

interface PreparedKey { point: SmPoint; z: Uint8Array }

const bytes32 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), the signer's identity digest (GB/T 32918.2 §5.5). */
function signerDigest(point: SmPoint, signerId: string): Uint8Array {
  const id = Buffer.from(signerId, 'utf8');
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
  const { x, y } = point.toAffine();
  return Buffer.from(sm3(Buffer.concat([entl, id, ...[SM2_P256.a, SM2_P256.b, SM2_P256.Gx, SM2_P256.Gy, x, y].map(bytes32)])), 'hex');
}

// An issuing body has one key at a time, so the cache stays as small as the number of keys ever used.
const prepared = new Map<string, PreparedKey>();

function preparedKey(publicKey: string, signerId: string): PreparedKey {
  const cacheKey = `${signerId}|${publicKey.toLowerCase()}`;
  let p = prepared.get(cacheKey);
  if (!p) {
    const point = Point.fromHex(publicKey); // refuses a point not on the curve
    p = { point, z: signerDigest(point, signerId) };
    prepared.set(cacheKey, p);
  }
  return p;
}

/** r and s of a DER signature (SEQUENCE of two INTEGERs, short lengths as SM2 needs), or null. */
function decodeSignature(hex: string): [bigint, bigint] | null {
  const der = Buffer.from(hex, 'hex');
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const ints: bigint[] = [];
  let at = 2;
  while (ints.length < 2) {
    const len = der[at + 1];
    if (der[at] !== 0x02 || len < 1 || len > 33 || at + 2 + len > der.length) return null;
    ints.push(BigInt(`0x${der.subarray(at + 2, at + 2 + len).toString('hex')}`));
    at += 2 + len;
  }
  return at === der.length ? [ints[0], ints[1]] : null;
}

/** True when signature (DER, hex) is the SM2 signature of text by the holder of publicKey. Never throws. */
export function sm2Verify(text: string, signature: string, publicKey: string, signerId = DEFAULT_SIGNER_ID): boolean {
  if (!/^([0-9a-f]{2})+$/i.test(signature) || !/^04[0-9a-f]{128}$/i.test(publicKey)) return false;
  try {
    const rs = decodeSignature(signature);
    if (!rs) return false;
    const [r, s] = rs;
    const { n } = SM2_P256;
    if (r < 1n || r >= n || s < 1n || s >= n) return false;
    const t = (r + s) % n;
    if (t === 0n) return false;
    const key = preparedKey(publicKey, signerId);
    const e = BigInt(`0x${sm3(Buffer.concat([key.z, Buffer.from(text, 'utf8')]))}`);
    return sumMatches(s, t, key.point, (((r - e) % n) + n) % n);
  } catch {
    return false;
  }
}
