// The "谁执法谁普法" responsibility list (普法责任清单): each responsible unit's
// law-popularisation duties for a year (the duty, its measures, whom it addresses, by
// when) and their completion (date and what was done). Listed by year and unit, with
// per-unit progress (done / total) counted in SQL, and exported to Excel.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import type { DutyCompletion, DutyFilters, DutyInput, DutyQuery } from './schema';

interface DutyRow {
  id: number; org_id: number; org_name: string; year: number; duty: string; measure: string | null; target: string | null;
  due_on: string | null; completed_on: string | null; completion_note: string | null; created_at: Date; updated_at: Date;
}

const SELECT = `SELECT d.*, o.name AS org_name FROM popularization_duties d JOIN organizations o ON o.id = d.org_id`;

type Status = 'done' | 'overdue' | 'open';
const STATUS_NAMES: Record<Status, string> = { done: '已完成', overdue: '已逾期', open: '推进中' };

function statusOf(r: DutyRow, today: string): Status {
  if (r.completed_on) return 'done';
  return r.due_on !== null && r.due_on < today ? 'overdue' : 'open';
}

const view = (r: DutyRow, today: string) => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, year: r.year, duty: r.duty, measure: r.measure, target: r.target, dueOn: r.due_on,
  completedOn: r.completed_on, completionNote: r.completion_note, status: statusOf(r, today),
});

function whereOf(user: AuthUser, f: DutyFilters, today: string) {
  const params: unknown[] = [user.scope.orgIds, f.year];
  const where = ['d.org_id = ANY($1::int[])', 'd.year = $2'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.orgId) add((n) => `d.org_id IN (SELECT c.id FROM organizations c, organizations r WHERE r.id = $${n} AND c.path LIKE r.path || '%')`, f.orgId);
  if (f.q) add((n) => `(d.duty || ' ' || coalesce(d.measure, '') || ' ' || coalesce(d.target, '')) LIKE $${n}`, likeContaining(f.q));
  if (f.status === 'done') where.push('d.completed_on IS NOT NULL');
  if (f.status === 'open') add((n) => `d.completed_on IS NULL AND (d.due_on IS NULL OR d.due_on >= $${n}::date)`, today);
  if (f.status === 'overdue') add((n) => `d.completed_on IS NULL AND d.due_on < $${n}::date`, today);
  return { where: where.join(' AND '), params };
}

const ORDER = 'ORDER BY o.path, d.due_on NULLS LAST, d.id';

export async function listDuties(db: Queryable, user: AuthUser, q: DutyQuery) {
  const today = todayInChina();
  const { where, params } = whereOf(user, q, today);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM popularization_duties d WHERE ${where}`, params);
  const rows = await db.query<DutyRow>(`${SELECT} WHERE ${where} ${ORDER} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  return { rows: rows.map((r) => view(r, today)), total: total!.n, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

/** Per responsible unit of the year, in the caller's scope: duties done and in all (counted in SQL). */
export async function dutyProgress(db: Queryable, user: AuthUser, year: number) {
  const rows = await db.query<{ org_id: number; org_name: string; total: number; done: number; overdue: number }>(
    `SELECT d.org_id, o.name AS org_name, count(*)::int AS total, count(d.completed_on)::int AS done,
            count(*) FILTER (WHERE d.completed_on IS NULL AND d.due_on < $3::date)::int AS overdue
       FROM popularization_duties d JOIN organizations o ON o.id = d.org_id
      WHERE d.org_id = ANY($1::int[]) AND d.year = $2
      GROUP BY d.org_id, o.name, o.path ORDER BY o.path`, [user.scope.orgIds, year, todayInChina()]);
  return rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, total: r.total, done: r.done, overdue: r.overdue }));
}

export async function exportDuties(db: Queryable, user: AuthUser, f: DutyFilters): Promise<Buffer> {
  const today = todayInChina();
  const { where, params } = whereOf(user, f, today);
  const rows = await db.query<DutyRow>(`${SELECT} WHERE ${where} ${ORDER} LIMIT 100000`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${f.year}年普法责任清单`);
  const columns = ['年度', '责任单位', '普法职责', '主要措施', '普法对象', '完成时限', '状态', '完成日期', '完成情况'];
  ws.addRow(columns).font = { bold: true };
  for (const r of rows) {
    ws.addRow([r.year, r.org_name, r.duty, r.measure ?? '', r.target ?? '', r.due_on ?? '', STATUS_NAMES[statusOf(r, today)], r.completed_on ?? '', r.completion_note ?? '']);
  }
  columns.forEach((c, i) => { ws.getColumn(i + 1).width = ['普法职责', '主要措施', '完成情况'].includes(c) ? 40 : 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function checkDue(input: DutyInput): void {
  if (input.dueOn && Number(input.dueOn.slice(0, 4)) !== input.year) {
    throw badRequest('DUE_OUTSIDE_YEAR', `完成时限应在${input.year}年内`, { field: 'dueOn' });
  }
}

export async function createDuty(db: Queryable, user: AuthUser, actor: Actor, input: DutyInput) {
  assertInScope(user.scope, input.orgId);
  checkDue(input);
  return db.transaction(async (tx) => {
    const row = await tx.one<{ id: number }>(
      `INSERT INTO popularization_duties (org_id, year, duty, measure, target, due_on, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [input.orgId, input.year, input.duty, input.measure, input.target, input.dueOn, user.id]);
    await recordAudit(tx, actor, { action: 'register.duty.create', objectType: 'popularization_duty', objectId: row!.id, after: input });
    return { id: row!.id };
  });
}

async function lockDuty(tx: Queryable, user: AuthUser, id: number): Promise<DutyRow> {
  const d = await tx.one<DutyRow>(`${SELECT} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
  if (!d || !inScope(user.scope, d.org_id)) throw notFound();
  return d;
}

export async function updateDuty(db: Queryable, user: AuthUser, actor: Actor, id: number, input: DutyInput) {
  checkDue(input);
  return db.transaction(async (tx) => {
    const before = await lockDuty(tx, user, id);
    assertInScope(user.scope, input.orgId);
    if (before.completed_on && Number(before.completed_on.slice(0, 4)) < input.year) {
      throw badRequest('YEAR_AFTER_COMPLETION', '该职责已在更早的年度完成，不能改到以后的年度', { field: 'year' });
    }
    await tx.query(
      `UPDATE popularization_duties SET org_id = $2, year = $3, duty = $4, measure = $5, target = $6, due_on = $7, updated_at = now() WHERE id = $1`,
      [id, input.orgId, input.year, input.duty, input.measure, input.target, input.dueOn]);
    await recordAudit(tx, actor, { action: 'register.duty.update', objectType: 'popularization_duty', objectId: id, before: view(before, todayInChina()), after: input });
    return { ok: true as const };
  });
}

/** Marks a duty completed (or corrects the completion already recorded). */
export async function completeDuty(db: Queryable, user: AuthUser, actor: Actor, id: number, input: DutyCompletion) {
  if (input.completedOn > todayInChina()) throw badRequest('DATE_IN_FUTURE', '完成日期不能晚于今天', { field: 'completedOn' });
  return db.transaction(async (tx) => {
    const before = await lockDuty(tx, user, id);
    if (Number(input.completedOn.slice(0, 4)) < before.year) {
      throw badRequest('COMPLETED_BEFORE_YEAR', `完成日期不能早于${before.year}年`, { field: 'completedOn' });
    }
    await tx.query('UPDATE popularization_duties SET completed_on = $2, completion_note = $3, updated_at = now() WHERE id = $1', [id, input.completedOn, input.completionNote]);
    await recordAudit(tx, actor, { action: 'register.duty.complete', objectType: 'popularization_duty', objectId: id, before: view(before, todayInChina()), after: input });
    return { ok: true as const };
  });
}

export async function deleteDuty(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const before = await lockDuty(tx, user, id);
    await tx.query('DELETE FROM popularization_duties WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'register.duty.delete', objectType: 'popularization_duty', objectId: id, before: view(before, todayInChina()) });
    return { ok: true as const };
  });
}
