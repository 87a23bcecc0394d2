// The three registers of issue 7 — proactive publications (主动公开), trainings and law
// study (培训学法), law-popularisation activities (普法活动) — share one shape: a numbered
// record of an organisation on a date, of a channel or kind, with a title (and, for
// trainings and activities, the number of participants). One spec per register drives
// the list, the Excel export and the create / edit / delete actions; each write is one
// transaction with its audit entry. Records outside the caller's scope answer 404.
//
// A platform online quiz (modules/quiz, law_quizzes.activity_id) owns one activity of kind
// `quiz` and keeps its participants equal to the quiz's completed attempts: such an
// activity cannot be deleted here, and its participants and kind cannot be changed by hand.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import {
  ACTIVITY_KINDS, PUBLICATION_CHANNELS, TRAINING_KINDS,
  type ActivityInput, type PublicationInput, type RegisterFilters, type RegisterName, type RegisterQuery, type TrainingInput,
} from './schema';

/** Lists count exactly up to this many rows, then say "more than". */
const COUNT_CAP = 10_000;
export const EXPORT_MAX_ROWS = 100_000;

export interface RegisterSpec {
  name: RegisterName;
  /** Chinese name of the register (sheet and file names). */
  label: string;
  table: 'publications' | 'trainings' | 'popularization_activities';
  /** The number column and the sequence the platform numbers records from. */
  noColumn: 'publication_no' | 'training_no' | 'activity_no';
  sequence: string;
  /** GK-2026-000123, PX-…, PF-… */
  prefix: 'GK' | 'PX' | 'PF';
  dateColumn: 'published_on' | 'held_on';
  typeColumn: 'channel' | 'kind';
  types: Record<string, string>;
  /** The API's field names for the number, the date and the channel or kind. */
  fields: { no: string; date: string; type: string };
  labels: { date: string; type: string; title: string };
  participants: boolean;
  url: boolean;
  /** Audit: register.<audit>.create|update|delete on object type objectType. */
  audit: 'publication' | 'training' | 'activity';
  objectType: string;
}

export const REGISTERS: Record<RegisterName, RegisterSpec> = {
  publications: {
    name: 'publications', label: '主动公开信息', table: 'publications', noColumn: 'publication_no', sequence: 'publications_no_seq', prefix: 'GK',
    dateColumn: 'published_on', typeColumn: 'channel', types: PUBLICATION_CHANNELS,
    fields: { no: 'publicationNo', date: 'publishedOn', type: 'channel' }, labels: { date: '发布日期', type: '发布渠道', title: '标题' },
    participants: false, url: true, audit: 'publication', objectType: 'publication',
  },
  trainings: {
    name: 'trainings', label: '培训学法', table: 'trainings', noColumn: 'training_no', sequence: 'trainings_no_seq', prefix: 'PX',
    dateColumn: 'held_on', typeColumn: 'kind', types: TRAINING_KINDS,
    fields: { no: 'trainingNo', date: 'heldOn', type: 'kind' }, labels: { date: '举办日期', type: '培训类型', title: '主题' },
    participants: true, url: false, audit: 'training', objectType: 'training',
  },
  activities: {
    name: 'activities', label: '普法活动', table: 'popularization_activities', noColumn: 'activity_no', sequence: 'popularization_activities_no_seq', prefix: 'PF',
    dateColumn: 'held_on', typeColumn: 'kind', types: ACTIVITY_KINDS,
    fields: { no: 'activityNo', date: 'heldOn', type: 'kind' }, labels: { date: '举办日期', type: '活动类型', title: '活动名称' },
    participants: true, url: false, audit: 'activity', objectType: 'popularization_activity',
  },
};

export type RegisterInput = PublicationInput | TrainingInput | ActivityInput;

interface RegisterRow {
  id: number; no: string; org_id: number; org_name: string; org_code: string; date: string; type: string; title: string;
  url: string | null; participants: number | null; source: string; quiz_linked: boolean; created_at: Date; updated_at: Date;
}

/** The register's rows with their organisation; an activity with the platform quiz that keeps it (law_quizzes.activity_id is unique). */
function selectOf(spec: RegisterSpec): string {
  const quiz = spec.name === 'activities';
  return `SELECT t.id, t.${spec.noColumn} AS no, t.org_id, o.name AS org_name, o.code AS org_code, t.${spec.dateColumn} AS date,
                 t.${spec.typeColumn} AS type, t.title, ${spec.url ? 't.url' : 'NULL::text'} AS url,
                 ${spec.participants ? 't.participants' : 'NULL::int'} AS participants, t.source, ${quiz ? 'q.id IS NOT NULL' : 'false'} AS quiz_linked,
                 t.created_at, t.updated_at
            FROM ${spec.table} t JOIN organizations o ON o.id = t.org_id${quiz ? ' LEFT JOIN law_quizzes q ON q.activity_id = t.id' : ''}`;
}

export function viewOf(spec: RegisterSpec, r: RegisterRow) {
  return {
    id: r.id, no: r.no, orgId: r.org_id, orgName: r.org_name, orgCode: r.org_code, date: r.date, type: r.type, typeName: spec.types[r.type] ?? r.type,
    title: r.title, url: r.url, participants: r.participants, source: r.source, quizLinked: r.quiz_linked,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function whereOf(spec: RegisterSpec, user: AuthUser, f: RegisterFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const where = ['t.org_id = ANY($1::int[])'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.q) add((n) => `(t.${spec.noColumn} || ' ' || t.title) LIKE $${n}`, likeContaining(f.q));
  if (f.orgId) add((n) => `t.org_id IN (SELECT c.id FROM organizations c, organizations r WHERE r.id = $${n} AND c.path LIKE r.path || '%')`, f.orgId);
  if (f.from) add((n) => `t.${spec.dateColumn} >= $${n}::date`, f.from);
  if (f.to) add((n) => `t.${spec.dateColumn} <= $${n}::date`, f.to);
  if (f.type) add((n) => `t.${spec.typeColumn} = $${n}`, f.type);
  if (f.source) add((n) => `t.source = $${n}`, f.source);
  return { where: where.join(' AND '), params };
}

export async function listRegister(db: Queryable, user: AuthUser, spec: RegisterSpec, q: RegisterQuery) {
  const { where, params } = whereOf(spec, user, q);
  const total = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${spec.table} t WHERE ${where} LIMIT ${COUNT_CAP + 1}) x`, params);
  const rows = await db.query<RegisterRow>(
    `${selectOf(spec)} WHERE ${where} ORDER BY t.${spec.dateColumn} DESC, t.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  return {
    rows: rows.map((r) => viewOf(spec, r)),
    total: Math.min(total!.n, COUNT_CAP), totalCapped: total!.n > COUNT_CAP, page: q.page, pageSize: q.pageSize,
  };
}

export async function exportRegister(db: Queryable, user: AuthUser, spec: RegisterSpec, f: RegisterFilters): Promise<Buffer> {
  const { where, params } = whereOf(spec, user, f);
  const rows = await db.query<RegisterRow>(`${selectOf(spec)} WHERE ${where} ORDER BY t.${spec.dateColumn} DESC, t.id DESC LIMIT ${EXPORT_MAX_ROWS}`, params);
  const columns = ['编号', '机构', spec.labels.date, spec.labels.type, spec.labels.title, ...(spec.url ? ['链接'] : []), ...(spec.participants ? ['参加人数'] : []), '来源'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.label);
  ws.addRow(columns).font = { bold: true };
  for (const r of rows) {
    ws.addRow([r.no, r.org_name, r.date, spec.types[r.type] ?? r.type, r.title, ...(spec.url ? [r.url ?? ''] : []), ...(spec.participants ? [r.participants] : []),
      r.source === 'import' ? '导入' : '平台登记']);
  }
  columns.forEach((c, i) => { ws.getColumn(i + 1).width = c === spec.labels.title ? 48 : c === '机构' ? 28 : 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One record in the caller's scope, or 404. */
export async function getRegisterRecord(db: Queryable, user: AuthUser, spec: RegisterSpec, id: number) {
  const row = await db.one<RegisterRow>(`${selectOf(spec)} WHERE t.id = $1`, [id]);
  if (!row || !inScope(user.scope, row.org_id)) throw notFound();
  return viewOf(spec, row);
}

/** The platform's number for a new record: GK-2026-000123 (the record's year, the register's sequence), never one in use. */
async function nextNumber(tx: Queryable, spec: RegisterSpec, date: string): Promise<string> {
  for (;;) {
    const seq = (await tx.one<{ n: number }>(`SELECT nextval('${spec.sequence}')::int AS n`))!.n;
    const no = `${spec.prefix}-${yearOf(date)}-${String(seq).padStart(6, '0')}`;
    if (!(await tx.one(`SELECT 1 FROM ${spec.table} WHERE ${spec.noColumn} = $1`, [no]))) return no;
  }
}

interface Normalised { no: string | null; orgId: number; date: string; type: string; title: string; url: string | null; participants: number }

function normalise(spec: RegisterSpec, input: RegisterInput): Normalised {
  const i = input as unknown as Record<string, unknown>;
  return {
    no: (i[spec.fields.no] as string | null) ?? null, orgId: input.orgId, date: i[spec.fields.date] as string, type: i[spec.fields.type] as string,
    title: input.title, url: spec.url ? (i.url as string | null) : null, participants: spec.participants ? (i.participants as number) : 0,
  };
}

function checkDate(spec: RegisterSpec, date: string): void {
  if (date > todayInChina()) throw badRequest('DATE_IN_FUTURE', `${spec.labels.date}不能晚于今天`, { field: spec.fields.date });
}

export async function createRegisterRecord(db: Queryable, user: AuthUser, actor: Actor, spec: RegisterSpec, input: RegisterInput) {
  const v = normalise(spec, input);
  assertInScope(user.scope, v.orgId);
  checkDate(spec, v.date);
  return db.transaction(async (tx) => {
    if (v.no && await tx.one(`SELECT 1 FROM ${spec.table} WHERE ${spec.noColumn} = $1`, [v.no])) {
      throw conflict('DUPLICATE_NO', `编号“${v.no}”已被使用，请换一个编号或留空由系统生成`, { field: spec.fields.no });
    }
    const no = v.no ?? await nextNumber(tx, spec, v.date);
    const cols = [spec.noColumn, 'org_id', spec.dateColumn, spec.typeColumn, 'title', 'created_by', ...(spec.url ? ['url'] : []), ...(spec.participants ? ['participants'] : [])];
    const values = [no, v.orgId, v.date, v.type, v.title, user.id, ...(spec.url ? [v.url] : []), ...(spec.participants ? [v.participants] : [])];
    const row = await tx.one<{ id: number }>(
      `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${values.map((_, k) => `$${k + 1}`).join(', ')}) RETURNING id`, values);
    await recordAudit(tx, actor, { action: `register.${spec.audit}.create`, objectType: spec.objectType, objectId: row!.id, after: { ...v, no } });
    return { id: row!.id, no };
  });
}

export async function updateRegisterRecord(db: Queryable, user: AuthUser, actor: Actor, spec: RegisterSpec, id: number, input: RegisterInput) {
  const v = normalise(spec, input);
  return db.transaction(async (tx) => {
    const before = await tx.one<RegisterRow>(`${selectOf(spec)} WHERE t.id = $1 FOR UPDATE OF t`, [id]);
    if (!before || !inScope(user.scope, before.org_id)) throw notFound();
    assertInScope(user.scope, v.orgId);
    // A quiz's activity may be dated at its opening, ahead of today; a date left as it was is not re-judged.
    if (v.date !== before.date) checkDate(spec, v.date);
    if (v.no && v.no !== before.no) throw badRequest('NO_IMMUTABLE', '编号登记后不能修改', { field: spec.fields.no });
    if (before.quiz_linked) {
      if (v.type !== before.type) throw badRequest('QUIZ_ACTIVITY', '该活动属于网上学法竞赛，活动类型不能修改', { field: spec.fields.type });
      if (v.participants !== before.participants) {
        throw badRequest('QUIZ_ACTIVITY', '该活动的参与人次由网上学法竞赛完成答题人次自动计数，不能手工修改', { field: 'participants' });
      }
    }
    const sets = ['org_id = $2', `${spec.dateColumn} = $3`, `${spec.typeColumn} = $4`, 'title = $5'];
    const values: unknown[] = [id, v.orgId, v.date, v.type, v.title];
    if (spec.url) { values.push(v.url); sets.push(`url = $${values.length}`); }
    if (spec.participants) { values.push(v.participants); sets.push(`participants = $${values.length}`); }
    await tx.query(`UPDATE ${spec.table} SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
    await recordAudit(tx, actor, { action: `register.${spec.audit}.update`, objectType: spec.objectType, objectId: id, before: viewOf(spec, before), after: { ...v, no: before.no } });
    return { ok: true as const };
  });
}

export async function deleteRegisterRecord(db: Queryable, user: AuthUser, actor: Actor, spec: RegisterSpec, id: number) {
  return db.transaction(async (tx) => {
    const before = await tx.one<RegisterRow>(`${selectOf(spec)} WHERE t.id = $1 FOR UPDATE OF t`, [id]);
    if (!before || !inScope(user.scope, before.org_id)) throw notFound();
    if (before.quiz_linked) throw conflict('QUIZ_ACTIVITY', '该活动属于网上学法竞赛，不能单独删除');
    await tx.query(`DELETE FROM ${spec.table} WHERE id = $1`, [id]);
    await recordAudit(tx, actor, { action: `register.${spec.audit}.delete`, objectType: spec.objectType, objectId: id, before: viewOf(spec, before) });
    return { ok: true as const };
  });
}
