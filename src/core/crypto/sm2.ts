// SM2 signatures (GB/T 32918.2-2016) with SM3 and the standard signer identity
// (userId 1234567812345678, GB/T 35276-2017), DER-encoded: what Chinese e-licence
// systems (and the sm-crypto library most of them use) sign and verify. Node's own
// crypto signs ECDSA over the SM2 curve, which is not SM2, hence the library.
import { sm2 } from 'sm-crypto-v2';

export interface Sm2KeyPair { publicKey: string; privateKey: string }

type PreparedKey = ReturnType<typeof sm2.precomputePublicKey>;

/** A new key pair: hex, the public key uncompressed (04 || x || y). */
export function generateSm2KeyPair(): Sm2KeyPair {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey, privateKey };
}

/** The SM2 signature (hex, DER) of the UTF-8 text. */
export function sm2Sign(text: string, keys: Sm2KeyPair): string {
  return sm2.doSignature(text, keys.privateKey, { der: true, hash: true, publicKey: keys.publicKey });
}

// Verification multiplies by the public key point: a precomputed table of each key's
// multiples makes it about six times faster (3 ms → 0.5 ms). An issuing body has one
// key at a time, so the cache stays as small as the number of keys ever used.
const prepared = new Map<string, PreparedKey>();

function preparedKey(publicKey: string): PreparedKey {
  let p = prepared.get(publicKey);
  if (!p) {
    p = sm2.precomputePublicKey(publicKey);
    prepared.set(publicKey, p);
  }
  return p;
}

/** True when signature is the SM2 signature of text by the holder of publicKey. Never throws. */
export function sm2Verify(text: string, signature: string, publicKey: string): boolean {
  if (!/^[0-9a-f]+$/i.test(signature) || !/^04[0-9a-f]{128}$/i.test(publicKey)) return false;
  try {
    return sm2.doVerifySignature(text, signature, preparedKey(publicKey), { der: true, hash: true });
  } catch {
    return false;
  }
}
