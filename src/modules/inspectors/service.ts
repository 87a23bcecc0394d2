// Enforcement staff and their certificates. Whether a person may take an enforcement
// action is decided here once (行政处罚法 arts. 42, 55): an active inspector holding a
// certificate that has not expired. Every enforcement module calls assertCanEnforce.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import type { AppContext } from '../../platform/http/types';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors';
import { RULES } from '../../core/law/rules';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { ruleValue } from '../rules/service';
import type { Inspector, InspectorInput } from './schema';

interface InspectorRow {
  id: number; staff_no: string; name: string; org_id: number; org_name: string; user_id: number | null; username: string | null;
  certificate_no: string | null; certificate_valid_to: string | null; specialties: string[]; active: boolean;
}

export interface EnforcementStatus { canEnforce: boolean; reason?: string }

export function enforcementStatus(row: Pick<InspectorRow, 'active' | 'certificate_no' | 'certificate_valid_to'>, today: string): EnforcementStatus {
  if (!row.active) return { canEnforce: false, reason: '执法人员已停用' };
  if (!row.certificate_no || !row.certificate_valid_to) return { canEnforce: false, reason: '未持有行政执法证件' };
  if (row.certificate_valid_to < today) return { canEnforce: false, reason: `执法证件已于${row.certificate_valid_to}过期` };
  return { canEnforce: true };
}

function certificateStatusOf(row: InspectorRow, today: string, noticeDays: number): Inspector['certificateStatus'] {
  if (!row.certificate_no || !row.certificate_valid_to) return 'none';
  if (row.certificate_valid_to < today) return 'expired';
  if (row.certificate_valid_to <= addDays(today, noticeDays)) return 'expiring';
  return 'valid';
}

function present(row: InspectorRow, today: string, noticeDays: number): Inspector {
  const status = enforcementStatus(row, today);
  return {
    id: row.id, staffNo: row.staff_no, name: row.name, orgId: row.org_id, orgName: row.org_name, userId: row.user_id,
    username: row.username, certificateNo: row.certificate_no, certificateValidTo: row.certificate_valid_to,
    certificateStatus: certificateStatusOf(row, today, noticeDays), specialties: row.specialties, active: row.active,
    canEnforce: status.canEnforce, ...(status.reason ? { reason: status.reason } : {}),
  };
}

const SELECT = `SELECT i.*, i.certificate_valid_to::text AS certificate_valid_to, o.name AS org_name, u.username
  FROM inspectors i JOIN organizations o ON o.id = i.org_id LEFT JOIN users u ON u.id = i.user_id`;

export interface InspectorListFilter { q?: string | null; orgId?: number; status?: Inspector['certificateStatus'] }
export interface InspectorFilter extends InspectorListFilter { page: number; pageSize: number }

/** Certificate statuses are judged on this day, with the notice period of this organisation's rules. */
export async function certificateClock(db: Queryable, orgId: number | null) {
  const today = todayInChina();
  const noticeDays = await ruleValue<number>(db, RULES.certificateExpiryNoticeDays.id, orgId);
  return { today, noticeDays, soon: addDays(today, noticeDays) };
}

/**
 * WHERE clause (alias i = inspectors) of the list and the export: scope, text search,
 * organisation subtree, certificate status. Parameters are numbered from firstParam.
 */
export function inspectorWhere(f: InspectorListFilter, scopeOrgIds: number[], clock: { today: string; soon: string }, firstParam = 1) {
  const n = (k: number) => `$${firstParam + k}`;
  const where = [
    `i.org_id = ANY(${n(0)}::int[])`,
    `(${n(1)}::text IS NULL OR i.name LIKE '%' || ${n(1)} || '%' OR i.staff_no ILIKE '%' || ${n(1)} || '%' OR i.certificate_no ILIKE '%' || ${n(1)} || '%')`,
    `(${n(2)}::int IS NULL OR i.org_id IN (SELECT c.id FROM organizations c, organizations p WHERE p.id = ${n(2)} AND c.path LIKE p.path || '%'))`,
    `(${n(3)}::text IS NULL
      OR (${n(3)} = 'none' AND (i.certificate_no IS NULL OR i.certificate_valid_to IS NULL))
      OR (${n(3)} = 'expired' AND i.certificate_valid_to < ${n(4)}::date)
      OR (${n(3)} = 'expiring' AND i.certificate_valid_to BETWEEN ${n(4)}::date AND ${n(5)}::date)
      OR (${n(3)} = 'valid' AND i.certificate_valid_to > ${n(5)}::date))`,
  ].join(' AND ');
  return { where, params: [scopeOrgIds, f.q ?? null, f.orgId ?? null, f.status ?? null, clock.today, clock.soon] };
}

export async function listInspectors(db: Queryable, user: AuthUser, f: InspectorFilter) {
  const clock = await certificateClock(db, user.orgId);
  const { where, params } = inspectorWhere(f, user.scope.orgIds, clock);
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM inspectors i WHERE ${where}`, params))!.n;
  const rows = await db.query<InspectorRow>(`${SELECT} WHERE ${where} ORDER BY o.path, i.staff_no LIMIT $7 OFFSET $8`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map((r) => present(r, clock.today, clock.noticeDays)), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

async function load(db: Queryable, id: number): Promise<InspectorRow | undefined> {
  return db.one<InspectorRow>(`${SELECT} WHERE i.id = $1`, [id]);
}

export async function getInspector(db: Queryable, user: AuthUser, id: number): Promise<Inspector> {
  const row = await load(db, id);
  if (!row || !inScope(user.scope, row.org_id)) throw notFound();
  const noticeDays = await ruleValue<number>(db, RULES.certificateExpiryNoticeDays.id, row.org_id);
  return present(row, todayInChina(), noticeDays);
}

async function assertUserLinkable(tx: Queryable, user: AuthUser, userId: number | null, inspectorId: number | null) {
  if (userId === null) return;
  const target = await tx.one<{ org_id: number }>('SELECT org_id FROM users WHERE id = $1', [userId]);
  if (!target || !inScope(user.scope, target.org_id)) throw badRequest('INSPECTOR_USER', '关联的用户账号不存在或不在您的管理范围内');
  const taken = await tx.one<{ id: number }>('SELECT id FROM inspectors WHERE user_id = $1', [userId]);
  if (taken && taken.id !== inspectorId) throw conflict('INSPECTOR_USER_TAKEN', '该用户账号已关联其他执法人员');
}

export async function createInspector(db: Queryable, user: AuthUser, actor: Actor, input: InspectorInput): Promise<Inspector> {
  return db.transaction(async (tx) => {
    if (!inScope(user.scope, input.orgId)) throw badRequest('INSPECTOR_ORG', '所属机构不存在或不在您的管理范围内');
    await assertUserLinkable(tx, user, input.userId, null);
    if (await tx.one('SELECT 1 FROM inspectors WHERE staff_no = $1', [input.staffNo])) throw conflict('STAFF_NO_TAKEN', `工号“${input.staffNo}”已存在`);
    const row = await tx.one<{ id: number }>(
      `INSERT INTO inspectors (staff_no, name, org_id, user_id, specialties, active) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [input.staffNo, input.name, input.orgId, input.userId, input.specialties, input.active]);
    const created = await getInspector(tx, user, row!.id);
    await recordAudit(tx, actor, { action: 'inspector.create', objectType: 'inspector', objectId: created.id, after: created });
    return created;
  });
}

export async function updateInspector(db: Queryable, user: AuthUser, actor: Actor, id: number, input: InspectorInput): Promise<Inspector> {
  return db.transaction(async (tx) => {
    const before = await getInspector(tx, user, id);
    if (!inScope(user.scope, input.orgId)) throw badRequest('INSPECTOR_ORG', '所属机构不存在或不在您的管理范围内');
    await assertUserLinkable(tx, user, input.userId, id);
    const dup = await tx.one<{ id: number }>('SELECT id FROM inspectors WHERE staff_no = $1', [input.staffNo]);
    if (dup && dup.id !== id) throw conflict('STAFF_NO_TAKEN', `工号“${input.staffNo}”已存在`);
    await tx.query(
      `UPDATE inspectors SET staff_no=$2, name=$3, org_id=$4, user_id=$5, specialties=$6, active=$7, updated_at=now() WHERE id=$1`,
      [id, input.staffNo, input.name, input.orgId, input.userId, input.specialties, input.active]);
    const after = await getInspector(tx, user, id);
    await recordAudit(tx, actor, { action: 'inspector.update', objectType: 'inspector', objectId: id, before, after });
    return after;
  });
}

/** Issues or renews an enforcement certificate (number and validity). */
export async function issueCertificate(db: Queryable, user: AuthUser, actor: Actor, id: number, certificateNo: string, validTo: string): Promise<Inspector> {
  return db.transaction(async (tx) => {
    const before = await getInspector(tx, user, id);
    if (validTo < todayInChina()) throw badRequest('CERTIFICATE_PAST', '有效期截止日期不能早于今天');
    const dup = await tx.one<{ id: number }>('SELECT id FROM inspectors WHERE certificate_no = $1', [certificateNo]);
    if (dup && dup.id !== id) throw conflict('CERTIFICATE_TAKEN', `执法证号“${certificateNo}”已发给其他人员`);
    await tx.query('UPDATE inspectors SET certificate_no=$2, certificate_valid_to=$3, updated_at=now() WHERE id=$1', [id, certificateNo, validTo]);
    const after = await getInspector(tx, user, id);
    await recordAudit(tx, actor, { action: 'inspector.issue_certificate', objectType: 'inspector', objectId: id,
      before: { certificateNo: before.certificateNo, certificateValidTo: before.certificateValidTo },
      after: { certificateNo, certificateValidTo: validTo } });
    return after;
  });
}

/** The signed-in user's enforcement standing, or null when they are not an inspector. */
export async function enforcementStatusOfUser(ctx: Pick<AppContext, 'db'>, userId: number) {
  const row = await ctx.db.one<InspectorRow>(`${SELECT} WHERE i.user_id = $1`, [userId]);
  if (!row) return null;
  const status = enforcementStatus(row, todayInChina());
  return {
    id: row.id, staffNo: row.staff_no, certificateNo: row.certificate_no, certificateValidTo: row.certificate_valid_to,
    canEnforce: status.canEnforce, ...(status.reason ? { reason: status.reason } : {}),
  };
}

/**
 * Guard for every enforcement action (inspection visits, case steps …): each named
 * inspector must be in scope and hold a valid certificate on `onDate`.
 */
export async function assertCanEnforce(db: Queryable, user: AuthUser, inspectorIds: number[], onDate: string = todayInChina()): Promise<void> {
  for (const id of inspectorIds) {
    const row = await load(db, id);
    if (!row) throw notFound('执法人员不存在');
    assertInScope(user.scope, row.org_id);
    const status = enforcementStatus(row, onDate);
    if (!status.canEnforce) {
      throw new AppError(409, 'CERTIFICATE_INVALID', `${row.name}不能从事执法活动：${status.reason}（${RULES.certificateRequired.citation}）`);
    }
  }
}
