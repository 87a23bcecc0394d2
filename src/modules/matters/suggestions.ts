// Judicial and procuratorial suggestions (司法建议、检察建议) received by the commission,
// with or without a suit, and their answers (oversight.procuratorial_suggestions). The
// answer period is the one the suggestion itself sets (人民检察院检察建议工作规定 leaves
// it to the issuing procuratorate), so it is recorded as written, not computed.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { isoDate, optionalText, pagination, text } from '../../platform/http/schemas';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import { SUGGESTION_KINDS } from '../../core/matters/states';

export const suggestionInput = z.object({
  orgId: z.number().int().positive().max(2_147_483_647),
  kind: z.enum(Object.keys(SUGGESTION_KINDS) as ['procuratorial', 'judicial'], { message: '建议类型应为检察建议或司法建议' }),
  issuer: text(100),
  matterId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish().transform((v) => v ?? null),
  receivedOn: isoDate,
  dueOn: isoDate.nullish().transform((v) => v ?? null),
  summary: text(2000),
}).strict();
export const suggestionAnswer = z.object({ answeredOn: isoDate, answer: text(5000) }).strict();
export const suggestionFilters = z.object({
  q: optionalText(100), open: z.enum(['1', '0']).nullish(),
  /** Received between (inclusive), and the organisation with everything under it (the dashboard links here). */
  from: isoDate.nullish(), to: isoDate.nullish(),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).nullish(),
});
export const suggestionQuery = suggestionFilters.extend(pagination);

interface SuggestionRow {
  id: number; org_id: number; org_name: string; kind: keyof typeof SUGGESTION_KINDS; issuer: string; matter_id: number | null; matter_no: string | null;
  received_on: string; due_on: string | null; summary: string; answered_on: string | null; answer: string | null;
}

const SELECT = `SELECT s.*, o.name AS org_name, m.matter_no FROM oversight_suggestions s JOIN organizations o ON o.id = s.org_id LEFT JOIN matters m ON m.id = s.matter_id`;

function assertMayRead(user: AuthUser): void {
  if (!user.permissions.has('matters.read' as never) && !user.permissions.has('litigation.handle' as never)) throw forbidden('无权查看司法建议和检察建议');
}
function assertMayWrite(user: AuthUser): void {
  if (!user.permissions.has('litigation.handle' as never)) throw forbidden('无权登记司法建议和检察建议');
}

const view = (r: SuggestionRow, today: string) => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, kind: r.kind, kindName: SUGGESTION_KINDS[r.kind], issuer: r.issuer, matterId: r.matter_id, matterNo: r.matter_no,
  receivedOn: r.received_on, dueOn: r.due_on, summary: r.summary, answeredOn: r.answered_on, answer: r.answer,
  overdue: r.due_on !== null && (r.answered_on ? r.answered_on > r.due_on : r.due_on < today),
});

function whereOf(user: AuthUser, f: z.infer<typeof suggestionFilters>) {
  const params: unknown[] = [user.scope.orgIds];
  const where = ['s.org_id = ANY($1::int[])'];
  if (f.q) { params.push(likeContaining(f.q)); where.push(`(s.issuer || ' ' || s.summary) LIKE $${params.length}`); }
  if (f.open === '1') where.push('s.answered_on IS NULL');
  if (f.open === '0') where.push('s.answered_on IS NOT NULL');
  if (f.from) { params.push(f.from); where.push(`s.received_on >= $${params.length}::date`); }
  if (f.to) { params.push(f.to); where.push(`s.received_on <= $${params.length}::date`); }
  if (f.orgId) { params.push(f.orgId); where.push(`s.org_id IN (SELECT x.id FROM organizations x, organizations r WHERE r.id = $${params.length} AND x.path LIKE r.path || '%')`); }
  return { where: where.join(' AND '), params };
}

export async function listSuggestions(db: Queryable, user: AuthUser, q: z.infer<typeof suggestionQuery>) {
  assertMayRead(user);
  const { where, params } = whereOf(user, q);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM oversight_suggestions s WHERE ${where}`, params);
  const rows = await db.query<SuggestionRow>(`${SELECT} WHERE ${where} ORDER BY s.received_on DESC, s.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  const today = todayInChina();
  return { rows: rows.map((r) => view(r, today)), total: total!.n, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

export async function exportSuggestions(db: Queryable, user: AuthUser, f: z.infer<typeof suggestionFilters>): Promise<Buffer> {
  assertMayRead(user);
  const { where, params } = whereOf(user, f);
  const rows = await db.query<SuggestionRow>(`${SELECT} WHERE ${where} ORDER BY s.received_on DESC, s.id DESC LIMIT 100000`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('司法建议和检察建议');
  ws.addRow(['类型', '制发机关', '机构', '收到日期', '答复期限', '答复日期', '内容', '答复', '关联诉讼']).font = { bold: true };
  for (const r of rows) ws.addRow([SUGGESTION_KINDS[r.kind], r.issuer, r.org_name, r.received_on, r.due_on ?? '', r.answered_on ?? '', r.summary, r.answer ?? '', r.matter_no ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function createSuggestion(db: Queryable, user: AuthUser, actor: Actor, input: z.infer<typeof suggestionInput>) {
  assertMayWrite(user);
  assertInScope(user.scope, input.orgId);
  if (input.receivedOn > todayInChina()) throw badRequest('DATE_IN_FUTURE', '收到日期不能晚于今天', { field: 'receivedOn' });
  if (input.dueOn && input.dueOn < input.receivedOn) throw badRequest('DUE_BEFORE_RECEIPT', '答复期限不能早于收到日期', { field: 'dueOn' });
  return db.transaction(async (tx) => {
    if (input.matterId) {
      const m = await tx.one<{ org_id: number }>(`SELECT org_id FROM matters WHERE id = $1 AND kind = 'litigation'`, [input.matterId]);
      if (!m || !inScope(user.scope, m.org_id)) throw notFound('关联的诉讼案件不存在或不在您的数据范围内');
    }
    const row = await tx.one<{ id: number }>(
      `INSERT INTO oversight_suggestions (org_id, kind, issuer, matter_id, received_on, due_on, summary, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [input.orgId, input.kind, input.issuer, input.matterId, input.receivedOn, input.dueOn, input.summary, user.id]);
    await recordAudit(tx, actor, { action: 'matter.suggestion.create', objectType: 'oversight_suggestion', objectId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function answerSuggestion(db: Queryable, user: AuthUser, actor: Actor, id: number, input: z.infer<typeof suggestionAnswer>) {
  assertMayWrite(user);
  await db.transaction(async (tx) => {
    const s = await tx.one<SuggestionRow>(`${SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
    if (!s || !inScope(user.scope, s.org_id)) throw notFound('建议不存在或不在您的数据范围内');
    if (s.answered_on) throw conflict('ALREADY_ANSWERED', '该建议已经答复');
    if (input.answeredOn < s.received_on || input.answeredOn > todayInChina()) throw badRequest('ANSWER_DATE', '答复日期应在收到日期和今天之间', { field: 'answeredOn' });
    await tx.query('UPDATE oversight_suggestions SET answered_on = $2, answer = $3 WHERE id = $1', [id, input.answeredOn, input.answer]);
    await recordAudit(tx, actor, { action: 'matter.suggestion.answer', objectType: 'oversight_suggestion', objectId: id, after: input });
  });
  return { ok: true as const };
}
