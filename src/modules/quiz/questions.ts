// The quiz's question bank (普法题库): each organisation keeps its own questions; a quiz
// draws from the active questions of its organisation's subtree. List (search, filters,
// pages), Excel export in the import's own columns, create, edit, deactivate, delete (only
// a question never drawn: otherwise its attempts could no longer show it), and import from
// an XLSX or CSV file with the columns 题干, 题型, 选项A…选项F, 答案, 解析, 依据 — every bad
// row reported in Chinese, nothing written unless the whole file is right, one transaction.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { cellText, csvRows, detectFormat, xlsxRows, type SheetRow } from '../../platform/imports/readers';
import {
  answerText, MAX_OPTIONS, normalKeys, OPTION_KEYS, parseAnswer, parseKind, QUESTION_KIND_NAMES, questionProblems,
  TRUE_FALSE_OPTIONS, type QuestionKind, type QuizOption,
} from './rules';
import type { QuestionFilters, QuestionInput, QuestionListQuery } from './schema';

export interface QuestionRow {
  id: number; org_id: number; org_name: string; text: string; kind: QuestionKind; options: QuizOption[]; answer: string[];
  explanation: string | null; law_ref: string | null; active: boolean; created_at: Date; updated_at: Date; drawn: number;
}

const QUESTION_SELECT = `SELECT q.*, o.name AS org_name FROM quiz_questions q JOIN organizations o ON o.id = q.org_id`;

export function questionView(q: Omit<QuestionRow, 'drawn'> & { drawn?: number }) {
  return {
    id: q.id, orgId: q.org_id, orgName: q.org_name, text: q.text, kind: q.kind, kindName: QUESTION_KIND_NAMES[q.kind],
    options: q.options, answer: q.answer, answerText: answerText(q.kind, q.answer), explanation: q.explanation, lawRef: q.law_ref,
    active: q.active, updatedAt: q.updated_at.toISOString(), ...(q.drawn !== undefined ? { drawn: q.drawn } : {}),
  };
}

/** Lists count exactly up to this many rows. */
const COUNT_CAP = 10_000;
const EXPORT_MAX_ROWS = 50_000;

function whereOf(user: AuthUser, f: QuestionFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const where = ['q.org_id = ANY($1::int[])'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.q) add((n) => `(q.text || ' ' || coalesce(q.law_ref, '') || ' ' || coalesce(q.explanation, '')) LIKE $${n}`, likeContaining(f.q));
  if (f.kind) add((n) => `q.kind = $${n}`, f.kind);
  if (f.active) add((n) => `q.active = $${n}`, f.active === '1');
  if (f.orgId) add((n) => `q.org_id = $${n}`, f.orgId);
  return { where: where.join(' AND '), params };
}

export async function listQuestions(db: Queryable, user: AuthUser, f: QuestionListQuery) {
  const { where, params } = whereOf(user, f);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM quiz_questions q WHERE ${where} LIMIT ${COUNT_CAP + 1}) t`, params);
  const rows = await db.query<QuestionRow>(`${QUESTION_SELECT} WHERE ${where} ORDER BY q.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params);
  const counts = await db.one<{ active: number; all: number }>(
    `SELECT count(*) FILTER (WHERE q.active)::int AS active, count(*)::int AS all FROM quiz_questions q WHERE q.org_id = ANY($1::int[])`, [user.scope.orgIds]);
  return {
    rows: rows.map(questionView), total: Math.min(total!.n, COUNT_CAP), totalCapped: total!.n > COUNT_CAP, page: f.page, pageSize: f.pageSize,
    bank: counts,
  };
}

/** The columns of the import file and of the export (so an export imports back). */
export const QUESTION_COLUMNS = ['题干', '题型', ...OPTION_KEYS.map((k) => `选项${k}`), '答案', '解析', '依据'] as const;
const REQUIRED_COLUMNS = ['题干', '题型', '答案'];

function questionCells(q: Pick<QuestionRow, 'text' | 'kind' | 'options' | 'answer' | 'explanation' | 'law_ref'>): string[] {
  const options = OPTION_KEYS.map((k) => (q.kind === 'true_false' ? '' : q.options.find((o) => o.key === k)?.text ?? ''));
  return [q.text, QUESTION_KIND_NAMES[q.kind], ...options, answerText(q.kind, q.answer), q.explanation ?? '', q.law_ref ?? ''];
}

export async function exportQuestions(db: Queryable, user: AuthUser, f: QuestionFilters): Promise<Buffer> {
  const { where, params } = whereOf(user, f);
  const rows = await db.query<QuestionRow>(`${QUESTION_SELECT} WHERE ${where} ORDER BY q.id LIMIT ${EXPORT_MAX_ROWS}`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('普法题库');
  ws.addRow([...QUESTION_COLUMNS, '所属机构', '状态']).font = { bold: true };
  for (const q of rows) ws.addRow([...questionCells(q), q.org_name, q.active ? '启用' : '停用']);
  ws.getColumn(1).width = 60;
  for (let i = 2; i <= QUESTION_COLUMNS.length + 2; i++) ws.getColumn(i).width = i === 1 + QUESTION_COLUMNS.indexOf('解析') ? 50 : 20;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import template: the header, two example rows and a sheet explaining the columns. */
export async function questionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题目');
  ws.addRow([...QUESTION_COLUMNS]).font = { bold: true };
  ws.addRow(questionCells({
    text: '行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。',
    kind: 'true_false', options: [], answer: ['A'], explanation: '行政处罚法第四十四条规定了处罚决定前的告知义务。', law_ref: '《中华人民共和国行政处罚法》第四十四条',
  }));
  ws.addRow(questionCells({
    text: '下列属于行政处罚种类的有（  ）。', kind: 'multiple',
    options: [{ key: 'A', text: '警告、通报批评' }, { key: 'B', text: '罚款、没收违法所得' }, { key: 'C', text: '暂扣许可证件' }, { key: 'D', text: '记过' }],
    answer: ['A', 'B', 'C'], explanation: '记过属于政务处分，不是行政处罚。', law_ref: '《中华人民共和国行政处罚法》第九条',
  }));
  ws.getColumn(1).width = 60;
  const guide = wb.addWorksheet('说明');
  guide.addRow(['列名', '是否必填', '填写说明']).font = { bold: true };
  guide.addRows([
    ['题干', '必填', '题目内容，不超过1000字'],
    ['题型', '必填', '单选题、多选题或判断题'],
    ['选项A…选项F', '选择题必填', `选择题至少填写选项A、选项B，最多${MAX_OPTIONS}个，按顺序填写不留空；判断题不填（固定为“正确”“错误”）`],
    ['答案', '必填', '选择题填选项字母，如 B 或 ACD（可用逗号、顿号分隔）；判断题填“正确”或“错误”'],
    ['解析', '选填', '答题后向答题人展示的解析，不超过2000字'],
    ['依据', '选填', '法律依据，如《中华人民共和国行政处罚法》第四十四条，不超过200字'],
  ]);
  guide.getColumn(3).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function assertQuestionOrg(db: Queryable, user: AuthUser, orgId: number): Promise<void> {
  const org = await db.one<{ id: number }>('SELECT id FROM organizations WHERE id = $1', [orgId]);
  if (!org || !inScope(user.scope, orgId)) throw notFound('所属机构不存在或不在您的数据范围内');
}

async function loadQuestion(db: Queryable, user: AuthUser, id: number, lock = false): Promise<QuestionRow> {
  const q = await db.one<QuestionRow>(
    `${QUESTION_SELECT.replace('SELECT q.*', `SELECT q.*, (SELECT count(*)::int FROM quiz_attempts a WHERE a.question_ids @> jsonb_build_array(q.id)) AS drawn`)} WHERE q.id = $1${lock ? ' FOR UPDATE OF q' : ''}`, [id]);
  if (!q || !inScope(user.scope, q.org_id)) throw notFound('题目不存在或不在您的数据范围内');
  return q;
}

export async function getQuestion(db: Queryable, user: AuthUser, id: number) {
  return questionView(await loadQuestion(db, user, id));
}

/** What is stored for a question: true/false options fixed, answer keys sorted. */
function stored(v: Pick<QuestionInput, 'kind' | 'options' | 'answer'>): { options: QuizOption[]; answer: string[] } {
  return { options: v.kind === 'true_false' ? TRUE_FALSE_OPTIONS : v.options.map((o) => ({ key: o.key, text: o.text.trim() })), answer: normalKeys(v.answer) };
}

export async function createQuestion(db: Queryable, user: AuthUser, actor: Actor, v: QuestionInput) {
  return db.transaction(async (tx) => {
    await assertQuestionOrg(tx, user, v.orgId);
    const { options, answer } = stored(v);
    const row = await tx.one<{ id: number }>(
      `INSERT INTO quiz_questions (org_id, text, kind, options, answer, explanation, law_ref, active) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [v.orgId, v.text, v.kind, JSON.stringify(options), answer, v.explanation, v.lawRef, v.active]);
    const q = await loadQuestion(tx, user, row!.id);
    await recordAudit(tx, actor, { action: 'quiz.question.create', objectType: 'quiz_question', objectId: q.id, after: questionView(q) });
    return questionView(q);
  });
}

export async function updateQuestion(db: Queryable, user: AuthUser, actor: Actor, id: number, v: QuestionInput) {
  return db.transaction(async (tx) => {
    const before = await loadQuestion(tx, user, id, true);
    await assertQuestionOrg(tx, user, v.orgId);
    const { options, answer } = stored(v);
    await tx.query(
      `UPDATE quiz_questions SET org_id = $2, text = $3, kind = $4, options = $5, answer = $6, explanation = $7, law_ref = $8, active = $9, updated_at = now() WHERE id = $1`,
      [id, v.orgId, v.text, v.kind, JSON.stringify(options), answer, v.explanation, v.lawRef, v.active]);
    const after = await loadQuestion(tx, user, id);
    await recordAudit(tx, actor, { action: 'quiz.question.update', objectType: 'quiz_question', objectId: id, before: questionView(before), after: questionView(after) });
    return questionView(after);
  });
}

export async function deleteQuestion(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const q = await loadQuestion(tx, user, id, true);
    if (q.drawn > 0) throw conflict('QUESTION_IN_USE', `该题已被抽取答题${q.drawn}次，删除后答卷将无法显示，只能停用`);
    await tx.query('DELETE FROM quiz_questions WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'quiz.question.delete', objectType: 'quiz_question', objectId: id, before: questionView(q) });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------
// Import

export interface QuestionRowError { row: number; column: string | null; value: string | null; message: string }

const IMPORT_MAX_ROWS = 5000;
const MAX_REPORTED = 500;

async function* chunks(buffer: Buffer): AsyncGenerator<Buffer> { yield buffer; }

/**
 * Imports the questions of a file into the organisation's bank (all new questions): the
 * whole file is checked first and written only when no row has a problem.
 */
export async function importQuestions(db: Queryable, user: AuthUser, actor: Actor, orgId: number, file: Buffer, fileName: string, contentType?: string):
  Promise<{ ok: true; inserted: number } | { ok: false; errors: QuestionRowError[]; message: string }> {
  await assertQuestionOrg(db, user, orgId);
  const format = detectFormat(file.subarray(0, 8), fileName, contentType);
  const rows: AsyncGenerator<SheetRow> = format === 'xlsx' ? xlsxRows(chunks(file)) : csvRows(chunks(file));
  const errors: QuestionRowError[] = [];
  const records: { text: string; kind: QuestionKind; options: QuizOption[]; answer: string[]; explanation: string | null; lawRef: string | null }[] = [];
  let header: Map<string, number> | undefined;
  let badRows = 0;
  const seen = new Map<string, number>();
  for await (const sr of rows) {
    const cells = sr.cells.map((c) => cellText(c, 'text'));
    if (!header) {
      if (cells.every((c) => c === '')) continue;
      header = new Map(cells.map((c, i) => [c.replace(/\s/g, ''), i]));
      const missing = REQUIRED_COLUMNS.filter((c) => !header!.has(c));
      if (missing.length) {
        return { ok: false, errors: missing.map((c) => ({ row: sr.row, column: c, value: null, message: `缺少必填列“${c}”；表头应为：${QUESTION_COLUMNS.join('、')}` })), message: '文件表头不正确，未导入任何数据' };
      }
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    if (records.length + badRows >= IMPORT_MAX_ROWS) {
      return { ok: false, errors: [{ row: sr.row, column: null, value: null, message: `一个文件最多导入${IMPORT_MAX_ROWS}道题，请分批导入` }], message: '文件行数过多，未导入任何数据' };
    }
    const cell = (name: string) => { const i = header!.get(name); return i === undefined ? '' : (cells[i] ?? ''); };
    const rowErrors: QuestionRowError[] = [];
    const report = (column: string | null, message: string, value: string | null = column ? cell(column) : null) => rowErrors.push({ row: sr.row, column, value, message });
    const text = cell('题干');
    if (!text) report('题干', '题干不能为空');
    else if ([...text].length > 1000) report('题干', '题干不能超过1000个字符');
    const kind = parseKind(cell('题型'));
    if (!kind) report('题型', cell('题型') ? '题型应为“单选题”“多选题”或“判断题”' : '题型不能为空');
    const options: QuizOption[] = [];
    let gap = false;
    for (const key of OPTION_KEYS) {
      const t = cell(`选项${key}`);
      if (!t) { gap = true; continue; }
      if (kind === 'true_false') continue;
      if (gap) report(`选项${key}`, '选项应按A、B、C……顺序连续填写，中间不能留空');
      if ([...t].length > 300) report(`选项${key}`, '选项内容不能超过300个字符');
      options.push({ key, text: t });
    }
    const answer = kind ? parseAnswer(kind, cell('答案')) : null;
    if (kind && !cell('答案')) report('答案', '答案不能为空');
    else if (kind && !answer) report('答案', kind === 'true_false' ? '判断题的答案应为“正确”或“错误”' : '答案应为选项字母，如 B 或 ACD');
    if (kind && answer) {
      for (const p of questionProblems(kind, options, answer)) {
        if (gap && p.includes('序号')) continue; // the gap is reported already
        report(p.includes('答案') ? '答案' : null, p, p.includes('答案') ? cell('答案') : null);
      }
    }
    const explanation = cell('解析') || null;
    if (explanation && [...explanation].length > 2000) report('解析', '解析不能超过2000个字符');
    const lawRef = cell('依据') || null;
    if (lawRef && [...lawRef].length > 200) report('依据', '依据不能超过200个字符');
    if (text) {
      const first = seen.get(text);
      if (first !== undefined) report('题干', `与第${first}行的题干重复`);
      else seen.set(text, sr.row);
    }
    if (rowErrors.length) {
      badRows++;
      for (const e of rowErrors) if (errors.length < MAX_REPORTED) errors.push(e);
      continue;
    }
    records.push({ text, kind: kind!, options: kind === 'true_false' ? TRUE_FALSE_OPTIONS : options, answer: answer!, explanation, lawRef });
  }
  if (!header) return { ok: false, errors: [{ row: 1, column: null, value: null, message: `文件是空的；第一行应为表头：${QUESTION_COLUMNS.join('、')}` }], message: '文件中没有数据，未导入任何数据' };
  if (badRows) return { ok: false, errors, message: `文件中有${badRows}行数据有误，未导入任何数据` };
  if (records.length === 0) return { ok: false, errors: [{ row: 2, column: null, value: null, message: '表头之后没有题目' }], message: '文件中没有题目，未导入任何数据' };

  return db.transaction(async (tx) => {
    // A question already in the organisation's bank is refused rather than doubled.
    const existing = await tx.query<{ text: string }>('SELECT text FROM quiz_questions WHERE org_id = $1 AND text = ANY($2::text[])', [orgId, records.map((r) => r.text)]);
    if (existing.length) {
      const dup = new Set(existing.map((e) => e.text));
      const errs = [...seen.entries()].filter(([t]) => dup.has(t)).slice(0, MAX_REPORTED)
        .map(([t, row]) => ({ row, column: '题干', value: t, message: '题库中已有相同题干的题目' }));
      return { ok: false as const, errors: errs, message: `文件中有${errs.length}行数据有误，未导入任何数据` };
    }
    await tx.query(
      `INSERT INTO quiz_questions (org_id, text, kind, options, answer, explanation, law_ref)
       SELECT $1, t.text, t.kind, t.options::jsonb, ARRAY(SELECT jsonb_array_elements_text(t.answer::jsonb)), t.explanation, t.law_ref
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(text, kind, options, answer, explanation, law_ref)`,
      [orgId, records.map((r) => r.text), records.map((r) => r.kind), records.map((r) => JSON.stringify(r.options)),
        records.map((r) => JSON.stringify(r.answer)), records.map((r) => r.explanation), records.map((r) => r.lawRef)]);
    await recordAudit(tx, actor, { action: 'quiz.question.import', objectType: 'quiz_question', after: { orgId, fileName, inserted: records.length } });
    return { ok: true as const, inserted: records.length };
  });
}

export const IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const importUsage = () => badRequest('QUIZ_IMPORT_NO_FILE', '请以 multipart/form-data 方式上传题目文件（字段名 file，CSV 或 XLSX）');
