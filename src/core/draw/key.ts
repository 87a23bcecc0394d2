// The seed of a draw, its commitment, and the ordering key of a candidate.
//
// The seed is 32 random bytes (64 hex characters). Before the draw only its commitment,
// SM3(seed), is published (with the digests of the frozen inputs, draw.ts); after the
// draw the seed itself is published, and anyone can check SM3(seed) against the
// commitment and re-run the draw.
//
// Ordering key: md5(seed || ':' || uscc), 32 lowercase hex characters, compared as text
// byte by byte (COLLATE "C"), ties (two codes with the same digest, never seen in
// practice) broken by the code. Why md5:
// - It is a built-in function of every PostgreSQL (PGlite = 18 and the server = 15, no
//   extension), of Node's crypto, and of any tool a member of the public may use
//   (`printf '%s' "<seed>:<uscc>" | md5sum`); md5.ts computes it in the browser, where
//   WebCrypto has no MD5. sha256() would do as well (PostgreSQL 11+), but costs the same
//   in PostgreSQL and is slower in JavaScript, and WebCrypto's digest is asynchronous.
// - What makes the draw unpredictable is the seed, not the hash: nobody but the system
//   knows the seed before it is revealed, and the commitment (SM3, a cryptographic hash)
//   binds the organisation to it. The key only has to spread the candidates evenly and
//   independently of their codes; md5's known weakness (crafted collisions) gives no
//   one a way to move a code's key for a seed they do not know. The statistical tests
//   (draw.test.ts) check the spread. (The commitment does not stop whoever generates the
//   seed from trying seeds before committing to one; mixing in randomness that arrives
//   after the announcement, such as a second party's committed seed, would.)
// - The code (USCC), not the database id, is hashed: it is the public identifier, so a
//   published draw can be re-run outside our database, and the key of an entity is the
//   same on every copy of the directory.
// The stratum is not part of the key: within a stratum only the order matters, and an
// entity keeps its key whatever its risk class or credit grade.
import { md5, Md5WithPrefix } from './md5';
import { sm3 } from '../crypto/sm3';

export const SEED_PATTERN = /^[0-9a-f]{64}$/;

/** A fresh seed: 32 bytes from the platform's cryptographic random source, as hex. */
export function generateSeed(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The commitment published before the draw: SM3 of the seed text. */
export function commitment(seed: string): string {
  return sm3(seed);
}

/** The ordering key of a candidate (its USCC) under a seed. */
export function orderingKey(seed: string, uscc: string): string {
  return md5(`${seed}:${uscc}`);
}

/**
 * orderingKey for every candidate of one draw: hex(uscc) is orderingKey(seed, uscc), and
 * head(uscc) its first 12 hex characters as a number, which is how a draw compares keys
 * (the whole key only when two heads are equal). The seed's first block is hashed once.
 */
export function keyHasher(seed: string): Md5WithPrefix {
  return new Md5WithPrefix(`${seed}:`);
}

/**
 * Compares two strings by code points, which is the order of their UTF-8 bytes and so
 * PostgreSQL's COLLATE "C". (JavaScript's < compares UTF-16 code units, which differs
 * when a character above U+FFFF meets one in U+E000–U+FFFF.)
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
        y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}
