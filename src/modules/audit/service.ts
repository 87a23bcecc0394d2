// Browsing the audit log. A user sees the entries of actors in organisations within
// their scope; entries of the system actors (seed, CLI; org_id null) only when they
// administer organisations from the root of the tree.
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { badRequest } from '../../platform/http/errors';
import { addDays } from '../../core/calendar/dates';
import type { AuditEntry, AuditListQuery } from './schema';
import { escapeLike } from '../../platform/db/like';

export const AUDIT_COUNT_CAP = 10_000;

/** Whether the user may see entries without an organisation (system actors). */
export async function seesSystemEntries(db: Queryable, user: AuthUser): Promise<boolean> {
  if (!user.permissions.has('orgs.write') || user.scope.orgIds.length === 0) return false;
  return !!(await db.one('SELECT 1 FROM organizations WHERE id = ANY($1::int[]) AND parent_id IS NULL', [user.scope.orgIds]));
}

/** Start of a China-time calendar day as a timestamp (China keeps UTC+8 all year). */
const chinaMidnight = (day: string) => `${day}T00:00:00+08:00`;


interface AuditDbRow {
  id: number; at: Date; user_id: number | null; username: string; org_id: number | null; org_name: string | null; action: string;
  object_type: string; object_id: string | null; before: unknown; after: unknown; ip: string | null; hash: string; prev_hash: string;
}

function present(r: AuditDbRow): AuditEntry {
  return {
    id: r.id, at: r.at, userId: r.user_id, username: r.username, orgId: r.org_id, orgName: r.org_name, action: r.action,
    objectType: r.object_type, objectId: r.object_id, before: r.before, after: r.after, ip: r.ip, hash: r.hash, prevHash: r.prev_hash,
  };
}

async function scopeCondition(db: Queryable, user: AuthUser, params: unknown[]): Promise<string> {
  params.push(user.scope.orgIds);
  const own = `a.org_id = ANY($${params.length}::int[])`;
  return (await seesSystemEntries(db, user)) ? `(${own} OR a.org_id IS NULL)` : own;
}

export async function listAudit(db: Queryable, user: AuthUser, f: AuditListQuery) {
  if (f.from && f.to && f.from > f.to) throw badRequest('AUDIT_PERIOD', `开始日期（${f.from}）不能晚于结束日期（${f.to}）`);
  const offset = (f.page - 1) * f.pageSize;
  if (offset >= AUDIT_COUNT_CAP) {
    throw badRequest('PAGE_TOO_DEEP', `列表只能翻阅前${AUDIT_COUNT_CAP}条，请缩小日期范围或增加筛选条件`);
  }
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = [await scopeCondition(db, user, params)];
  if (f.from) where.push(`a.at >= ${p(chinaMidnight(f.from))}::timestamptz`);
  if (f.to) where.push(`a.at < ${p(chinaMidnight(addDays(f.to, 1)))}::timestamptz`);
  if (f.username) where.push(`a.username ILIKE ${p(`%${escapeLike(f.username)}%`)}`);
  if (f.action) where.push(`a.action = ${p(f.action)}`);
  if (f.objectType) where.push(`a.object_type = ${p(f.objectType)}`);
  if (f.objectId) where.push(`a.object_id = ${p(f.objectId)}`);
  if (f.orgId !== undefined) {
    where.push(`a.org_id IN (SELECT c.id FROM organizations c, organizations r WHERE r.id = ${p(f.orgId)} AND c.path LIKE r.path || '%')`);
  }
  const cond = where.join(' AND ');
  const n = params.length;
  const counted = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log a WHERE ${cond} LIMIT ${AUDIT_COUNT_CAP + 1}) t`, params);
  const rows = await db.query<AuditDbRow>(
    `SELECT a.*, o.name AS org_name
       FROM (SELECT * FROM audit_log a WHERE ${cond} ORDER BY a.id DESC LIMIT $${n + 1} OFFSET $${n + 2}) a
       LEFT JOIN organizations o ON o.id = a.org_id
      ORDER BY a.id DESC`, [...params, f.pageSize, offset]);
  const found = counted?.n ?? 0;
  return {
    rows: rows.map(present), total: Math.min(found, AUDIT_COUNT_CAP), totalCapped: found > AUDIT_COUNT_CAP,
    page: f.page, pageSize: f.pageSize,
  };
}

/** The action names present in the entries the user may see (for the filter). */
export async function listAuditActions(db: Queryable, user: AuthUser): Promise<string[]> {
  const params: unknown[] = [];
  const cond = await scopeCondition(db, user, params);
  const rows = await db.query<{ action: string }>(`SELECT DISTINCT a.action FROM audit_log a WHERE ${cond} ORDER BY a.action`, params);
  return rows.map((r) => r.action);
}
