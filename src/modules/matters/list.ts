// Lists and Excel exports of matters: search (number, title, summary, contact), filters
// (state, type, clock colour, mine, organisation, received between), pagination. The
// clock colour of a row is read from its main clock's due date (due_on, kept by every
// step), so a list needs no calendar work per row.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { likeContaining } from '../../platform/db/like';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import type { MatterKind } from '../../core/matters/clocks';
import { ruleValue } from '../rules/service';
import { HOTLINE_TYPES, MEDIATION_KINDS, PROPOSAL_KINDS, RECONSIDERATION_PROCEDURES, SATISFACTION, outcomeNames } from '../../core/matters/states';
import { assertMayRead, MATTER_SELECT, specOf, viewOf, type MatterRow } from './service';
import { LIST_DATES, type ListFilters, type ListQuery } from './schema';
import { EXTENSION_REQUESTED, reviewAwaitingBody } from './awaiting';
import { actingOrgIds, coHandledBy, coOpinionPendingBy, readingOrgIds } from './coHandlers';

/** Lists count exactly up to this many rows, then say "more than". */
const COUNT_CAP = 10_000;
export const EXPORT_MAX_ROWS = 100_000;

async function whereOf(db: Queryable, user: AuthUser, kind: MatterKind, f: ListFilters): Promise<{ where: string; params: unknown[] }> {
  const params: unknown[] = [kind, user.scope.orgIds];
  const where = ['m.kind = $1', '(m.org_id = ANY($2::int[]) OR m.handler_org_id = ANY($2::int[]))'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  // A proposal is also listed for the organisations co-handling it (coHandlers.ts).
  if (kind === 'proposal') {
    params.push(readingOrgIds(user));
    where[1] = `(m.org_id = ANY($2::int[]) OR m.handler_org_id = ANY($2::int[]) OR ${coHandledBy(params.length)})`;
  }
  if (f.coHandled) add((n) => (f.coHandled === 'pending' ? `m.concluded_on IS NULL AND ${coOpinionPendingBy(n)}` : coHandledBy(n)), actingOrgIds(user));
  if (f.q) add((n) => `(m.matter_no || ' ' || coalesce(m.title, '') || ' ' || coalesce(m.summary, '') || ' ' || coalesce(m.contact_name, '')) LIKE $${n}`, likeContaining(f.q));
  if (f.state) add((n) => `m.state = $${n}`, f.state);
  if (f.subtype) add((n) => `m.subtype = $${n}`, f.subtype);
  // The organisation with everything under it (like the other lists' organisation filter), or the handler it was referred to.
  if (f.orgId) add((n) => `(m.org_id IN (SELECT x.id FROM organizations x, organizations r WHERE r.id = $${n} AND x.path LIKE r.path || '%') OR m.handler_org_id = $${n})`, f.orgId);
  const dateColumn = `m.${LIST_DATES[f.dateOf ?? 'received']}`;
  if (f.from) add((n) => `${dateColumn} >= $${n}::date`, f.from);
  if (f.to) add((n) => `${dateColumn} <= $${n}::date`, f.to);
  if (f.mine) add((n) => `m.assignee_id = $${n}`, user.id);
  // Waiting on the user: an extension to approve, a petition's review their body answers (awaiting.ts, as the to-do list counts them).
  if (f.awaiting === 'extension') where.push(EXTENSION_REQUESTED);
  if (f.awaiting === 'review') add((n) => reviewAwaitingBody(`$${n}`), user.scope.orgIds);
  const today = todayInChina();
  if (f.clock === 'concluded') where.push('m.concluded_on IS NOT NULL');
  if (f.clock === 'open') where.push('m.concluded_on IS NULL');
  if (f.clock === 'red') add((n) => `m.concluded_on IS NULL AND m.due_on < $${n}::date`, today);
  if (f.clock === 'amber') {
    const amberDays = await ruleValue<number>(db, RULES.clockAmberDays.id, user.orgId);
    add((n) => `m.concluded_on IS NULL AND m.due_on >= $${n}::date`, today);
    add((n) => `m.due_on <= $${n}::date`, addDays(today, amberDays));
  }
  return { where: where.join(' AND '), params };
}

/** A row's clock as a list shows it: concluded (on time or late), overdue, due soon, running. */
function clockColour(m: MatterRow, today: string, amberUntil: string): 'stopped' | 'late' | 'red' | 'amber' | 'green' | null {
  if (!m.due_on) return null;
  if (m.concluded_on) return m.concluded_on > m.due_on ? 'late' : 'stopped';
  return m.due_on < today ? 'red' : m.due_on <= amberUntil ? 'amber' : 'green';
}

export async function listMatters(db: Queryable, user: AuthUser, kind: MatterKind, q: ListQuery) {
  assertMayRead(user, kind);
  const spec = specOf(kind);
  const { where, params } = await whereOf(db, user, kind, q);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM matters m WHERE ${where} LIMIT ${COUNT_CAP + 1}) t`, params);
  const rows = await db.query<MatterRow>(`${MATTER_SELECT} WHERE ${where} ORDER BY m.received_on DESC, m.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  const today = todayInChina();
  const amberUntil = addDays(today, await ruleValue<number>(db, RULES.clockAmberDays.id, user.orgId));
  return {
    rows: rows.map((m) => ({ ...viewOf(spec, m), clock: clockColour(m, today, amberUntil) })),
    total: Math.min(total!.n, COUNT_CAP), totalCapped: total!.n > COUNT_CAP, page: q.page, pageSize: q.pageSize,
  };
}

const EXPORT_COLUMNS = ['编号', '机构', '类型', '状态', '标题', '当事人', '涉及单位', '承办单位', '承办人', '收到日期', '受理日期', '办理期限', '办结日期', '结果', '满意度', '是否超期'];

export async function exportMatters(db: Queryable, user: AuthUser, kind: MatterKind, f: ListFilters): Promise<Buffer> {
  assertMayRead(user, kind);
  const spec = specOf(kind);
  const { where, params } = await whereOf(db, user, kind, f);
  const rows = await db.query<MatterRow>(`${MATTER_SELECT} WHERE ${where} ORDER BY m.received_on DESC, m.id DESC LIMIT ${EXPORT_MAX_ROWS}`, params);
  const subtypes = subtypeNames(kind);
  const outcomes = outcomeNames(kind);
  const today = todayInChina();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.label);
  ws.addRow(EXPORT_COLUMNS).font = { bold: true };
  for (const m of rows) {
    const late = m.due_on !== null && (m.concluded_on ? m.concluded_on > m.due_on : m.due_on < today);
    ws.addRow([m.matter_no, m.org_name, subtypes[m.subtype ?? ''] ?? m.subtype ?? '', spec.procedure.states[m.state]?.label ?? m.state, m.title ?? m.summary?.slice(0, 50) ?? '',
      m.anonymous ? '匿名' : m.contact_name ?? '', m.entity_name ?? '', m.handler_org_name ?? '', m.assignee_name ?? '', m.received_on, m.accepted_on ?? '', m.due_on ?? '',
      m.concluded_on ?? '', outcomes[m.outcome ?? ''] ?? m.outcome ?? '', m.satisfaction ? SATISFACTION_NAMES[m.satisfaction] ?? m.satisfaction : '', late ? '是' : '否']);
  }
  EXPORT_COLUMNS.forEach((_, i) => { ws.getColumn(i + 1).width = i === 4 ? 40 : 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SATISFACTION_NAMES: Record<string, string> = SATISFACTION;

/** The Chinese names of a kind's subtypes (type, category, procedure). */
export function subtypeNames(kind: MatterKind): Record<string, string> {
  const byKind: Partial<Record<MatterKind, Record<string, string>>> = {
    hotline: HOTLINE_TYPES, mediation: MEDIATION_KINDS, reconsideration: RECONSIDERATION_PROCEDURES, proposal: PROPOSAL_KINDS,
  };
  return byKind[kind] ?? {};
}

