// The issuing organisation's SM2 key pair (table signing_keys). Made on first use: an
// organisation that issues its first licence gets a key then. The private key never
// leaves this module except to sign.
import type { Queryable } from '../../platform/db';
import { generateSm2KeyPair, type Sm2KeyPair } from '../../core/crypto/sm2';

export interface SigningKey extends Sm2KeyPair { id: number }

export async function signingKeyOf(tx: Queryable, orgId: number): Promise<SigningKey> {
  const existing = await tx.one<{ id: number; public_key: string; private_key: string }>(
    'SELECT id, public_key, private_key FROM signing_keys WHERE org_id = $1 AND active', [orgId]);
  if (existing) return { id: existing.id, publicKey: existing.public_key, privateKey: existing.private_key };
  const pair = generateSm2KeyPair();
  // Two transactions issuing an organisation's first licences at once: the unique index
  // on the active key lets one insert win; the other reads the winner's key.
  const row = await tx.one<{ id: number }>(
    `INSERT INTO signing_keys (org_id, public_key, private_key) VALUES ($1,$2,$3)
     ON CONFLICT (org_id) WHERE active DO NOTHING RETURNING id`, [orgId, pair.publicKey, pair.privateKey]);
  if (row) return { id: row.id, ...pair };
  return signingKeyOf(tx, orgId);
}
