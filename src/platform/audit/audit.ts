// Writing and verifying the hash-chained audit log. recordAudit is called inside the
// transaction of the change it records, as its last step, so the entry exists exactly
// when the change does and the chain lock is held only briefly.
import type { Database, Queryable } from '../db';
import type { Actor } from '../access/user';
import { auditHash, GENESIS_HASH, type AuditEntryContent } from '../../core/audit/chain';

// Serialises appends to the chain across connections and processes.
const AUDIT_CHAIN_LOCK = 727_002;

export interface AuditInput {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** What a jsonb column gives back for a value: the form the hash must cover. */
function asStored(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export async function recordAudit(tx: Queryable, actor: Actor, input: AuditInput): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const last = await tx.one<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditEntryContent = {
    at: new Date().toISOString(),
    userId: actor.userId,
    username: actor.username,
    orgId: actor.orgId,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId === undefined || input.objectId === null ? null : String(input.objectId),
    before: asStored(input.before),
    after: asStored(input.after),
    ip: actor.ip,
  };
  const hash = auditHash(prevHash, content);
  await tx.query(
    `INSERT INTO audit_log (at, user_id, username, org_id, action, object_type, object_id, before, after, ip, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [content.at, content.userId, content.username, content.orgId, content.action, content.objectType,
      content.objectId, JSON.stringify(content.before), JSON.stringify(content.after), content.ip, prevHash, hash],
  );
}

interface AuditRow {
  id: number; at: Date; user_id: number | null; username: string; org_id: number | null; action: string;
  object_type: string; object_id: string | null; before: unknown; after: unknown; ip: string | null;
  prev_hash: string; hash: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose link is broken, and why. */
  firstBroken?: { id: number; reason: string };
}

const VERIFY_BATCH = 5000;

/** Walks the whole chain in id order, in batches, recomputing every hash. */
export async function verifyAuditChain(db: Database | Queryable, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      'SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [lastId, VERIFY_BATCH]);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prev_hash !== prevHash) {
        return { ok: false, checked, firstBroken: { id: r.id, reason: `前一条哈希不符（记录的 prev_hash 与上一条记录的哈希不一致，可能有记录被删除或插入）` } };
      }
      const expected = auditHash(prevHash, {
        at: r.at.toISOString(), userId: r.user_id, username: r.username, orgId: r.org_id, action: r.action,
        objectType: r.object_type, objectId: r.object_id, before: r.before, after: r.after, ip: r.ip,
      });
      if (expected !== r.hash) {
        return { ok: false, checked, firstBroken: { id: r.id, reason: '内容哈希不符（该条记录的内容被修改）' } };
      }
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
    onProgress?.(checked);
  }
  return { ok: true, checked };
}
