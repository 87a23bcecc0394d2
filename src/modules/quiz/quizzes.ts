// Quizzes (网上学法知识竞赛): a draft is written and edited freely; publishing it puts it
// on the portal between its opening and closing dates and registers it as a
// law-popularisation activity (popularization_activities, kind 'quiz', held on its
// opening day, numbered PF-QZ-<id>) in the same transaction; closing it ends the
// attempts early. Its page shows the attempts' figures — started, completed, average
// score, pass rate, score distribution — each computed in SQL.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import { QUIZ_STATUS_NAMES, type QuizStatus } from './rules';
import type { AttemptListQuery, QuizFilters, QuizInput, QuizListQuery } from './schema';

export interface QuizRow {
  id: number; org_id: number; org_name: string; title: string; description: string | null; opens_on: string; closes_on: string;
  question_count: number; time_limit_minutes: number; pass_score: number; status: QuizStatus; activity_id: number | null;
  activity_no: string | null; participants: number | null; published_at: Date | null; closed_at: Date | null; created_at: Date; updated_at: Date;
}

export const QUIZ_SELECT = `SELECT z.*, o.name AS org_name, a.activity_no, a.participants
  FROM law_quizzes z JOIN organizations o ON o.id = z.org_id LEFT JOIN popularization_activities a ON a.id = z.activity_id`;

/** Whether the public may take the quiz today: published and within its dates. */
export const isOpen = (z: Pick<QuizRow, 'status' | 'opens_on' | 'closes_on'>, today = todayInChina()) =>
  z.status === 'published' && z.opens_on <= today && today <= z.closes_on;

export function quizView(z: QuizRow) {
  return {
    id: z.id, orgId: z.org_id, orgName: z.org_name, title: z.title, description: z.description, opensOn: z.opens_on, closesOn: z.closes_on,
    questionCount: z.question_count, timeLimitMinutes: z.time_limit_minutes, passScore: z.pass_score, status: z.status,
    statusName: QUIZ_STATUS_NAMES[z.status], open: isOpen(z), activityId: z.activity_id, activityNo: z.activity_no, participants: z.participants,
    publishedAt: z.published_at?.toISOString() ?? null, closedAt: z.closed_at?.toISOString() ?? null, updatedAt: z.updated_at.toISOString(),
  };
}

const COUNT_CAP = 10_000;
const EXPORT_MAX_ROWS = 50_000;

function whereOf(user: AuthUser, f: QuizFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const where = ['z.org_id = ANY($1::int[])'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.q) add((n) => `(z.title || ' ' || coalesce(z.description, '')) LIKE $${n}`, likeContaining(f.q));
  if (f.status) add((n) => `z.status = $${n}`, f.status);
  if (f.orgId) add((n) => `z.org_id = $${n}`, f.orgId);
  if (f.year) add((n) => `z.opens_on <= make_date($${n}::int, 12, 31) AND z.closes_on >= make_date($${n}::int, 1, 1)`, f.year);
  return { where: where.join(' AND '), params };
}

type ListedQuiz = QuizRow & { started: number; completed: number };

const LIST_SELECT = `SELECT z.*, o.name AS org_name, a.activity_no, a.participants,
    (SELECT count(*)::int FROM quiz_attempts t WHERE t.quiz_id = z.id) AS started,
    (SELECT count(*)::int FROM quiz_attempts t WHERE t.quiz_id = z.id AND t.submitted_at IS NOT NULL) AS completed
  FROM law_quizzes z JOIN organizations o ON o.id = z.org_id LEFT JOIN popularization_activities a ON a.id = z.activity_id`;

export async function listQuizzes(db: Queryable, user: AuthUser, f: QuizListQuery) {
  const { where, params } = whereOf(user, f);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM law_quizzes z WHERE ${where} LIMIT ${COUNT_CAP + 1}) t`, params);
  const rows = await db.query<ListedQuiz>(`${LIST_SELECT} WHERE ${where} ORDER BY z.opens_on DESC, z.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params);
  return {
    rows: rows.map((z) => ({ ...quizView(z), started: z.started, completed: z.completed })),
    total: Math.min(total!.n, COUNT_CAP), totalCapped: total!.n > COUNT_CAP, page: f.page, pageSize: f.pageSize,
  };
}

export async function exportQuizzes(db: Queryable, user: AuthUser, f: QuizFilters): Promise<Buffer> {
  const { where, params } = whereOf(user, f);
  const rows = await db.query<ListedQuiz>(`${LIST_SELECT} WHERE ${where} ORDER BY z.opens_on DESC, z.id DESC LIMIT ${EXPORT_MAX_ROWS}`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('网上学法竞赛');
  const columns = ['竞赛名称', '主办机构', '开始日期', '截止日期', '每次题量', '答题时限（分钟）', '及格分', '状态', '普法活动编号', '开始答题人次', '完成答题人次'];
  ws.addRow(columns).font = { bold: true };
  for (const z of rows) {
    ws.addRow([z.title, z.org_name, z.opens_on, z.closes_on, z.question_count, z.time_limit_minutes, z.pass_score, QUIZ_STATUS_NAMES[z.status], z.activity_no ?? '', z.started, z.completed]);
  }
  columns.forEach((_, i) => { ws.getColumn(i + 1).width = i === 0 ? 40 : 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function loadQuiz(db: Queryable, user: AuthUser, id: number, lock = false): Promise<QuizRow> {
  const z = await db.one<QuizRow>(`${QUIZ_SELECT} WHERE z.id = $1${lock ? ' FOR UPDATE OF z' : ''}`, [id]);
  if (!z || !inScope(user.scope, z.org_id)) throw notFound('竞赛不存在或不在您的数据范围内');
  return z;
}

/** Score bands of the distribution: [from, to] inclusive, covering 0–100 once. */
export const SCORE_BANDS: [number, number][] = [[0, 59], [60, 69], [70, 79], [80, 89], [90, 100]];

/** The attempts' figures, in SQL: the bands' counts add up to the completed attempts. */
export async function quizFigures(db: Queryable, quizId: number, passScore: number) {
  const bands = SCORE_BANDS.map(([lo, hi]) => `count(*) FILTER (WHERE submitted_at IS NOT NULL AND score BETWEEN ${lo} AND ${hi})::int`).join(', ');
  const r = await db.one<{ started: number; completed: number; expired: number; average: number | null; passed: number; pass_rate: number | null; bands: number[] }>(
    `SELECT started, completed, expired, average, passed, CASE WHEN completed = 0 THEN NULL ELSE passed::float8 / completed END AS pass_rate, bands
       FROM (SELECT count(*)::int AS started,
                    count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS completed,
                    count(*) FILTER (WHERE submitted_at IS NULL AND deadline_at < now())::int AS expired,
                    round(avg(score) FILTER (WHERE submitted_at IS NOT NULL), 1)::float8 AS average,
                    count(*) FILTER (WHERE submitted_at IS NOT NULL AND score >= $2)::int AS passed,
                    ARRAY[${bands}] AS bands
               FROM quiz_attempts WHERE quiz_id = $1) f`, [quizId, passScore]);
  return {
    started: r!.started, completed: r!.completed, expired: r!.expired, averageScore: r!.average, passed: r!.passed, passRate: r!.pass_rate,
    distribution: SCORE_BANDS.map(([from, to], i) => ({ from, to, count: r!.bands[i] })),
  };
}

async function activeQuestionsFor(db: Queryable, orgId: number): Promise<number> {
  const r = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM quiz_questions q JOIN organizations o ON o.id = q.org_id
      WHERE q.active AND o.path LIKE (SELECT path FROM organizations WHERE id = $1) || '%'`, [orgId]);
  return r!.n;
}

export async function getQuiz(db: Queryable, user: AuthUser, id: number) {
  const z = await loadQuiz(db, user, id);
  return { ...quizView(z), availableQuestions: await activeQuestionsFor(db, z.org_id), figures: await quizFigures(db, z.id, z.pass_score) };
}

async function assertQuizOrg(db: Queryable, user: AuthUser, orgId: number): Promise<void> {
  const org = await db.one<{ id: number }>('SELECT id FROM organizations WHERE id = $1', [orgId]);
  if (!org || !inScope(user.scope, orgId)) throw notFound('主办机构不存在或不在您的数据范围内');
}

export async function createQuiz(db: Queryable, user: AuthUser, actor: Actor, v: QuizInput) {
  return db.transaction(async (tx) => {
    await assertQuizOrg(tx, user, v.orgId);
    const row = await tx.one<{ id: number }>(
      `INSERT INTO law_quizzes (org_id, title, description, opens_on, closes_on, question_count, time_limit_minutes, pass_score)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [v.orgId, v.title, v.description, v.opensOn, v.closesOn, v.questionCount, v.timeLimitMinutes, v.passScore]);
    const z = quizView(await loadQuiz(tx, user, row!.id));
    await recordAudit(tx, actor, { action: 'quiz.create', objectType: 'law_quiz', objectId: z.id, after: z });
    return z;
  });
}

function assertDraft(z: QuizRow, what: string): void {
  if (z.status !== 'draft') throw conflict('QUIZ_NOT_DRAFT', `竞赛${QUIZ_STATUS_NAMES[z.status]}，不能${what}`);
}

export async function updateQuiz(db: Queryable, user: AuthUser, actor: Actor, id: number, v: QuizInput) {
  return db.transaction(async (tx) => {
    const before = await loadQuiz(tx, user, id, true);
    assertDraft(before, '再修改');
    await assertQuizOrg(tx, user, v.orgId);
    await tx.query(
      `UPDATE law_quizzes SET org_id = $2, title = $3, description = $4, opens_on = $5, closes_on = $6, question_count = $7, time_limit_minutes = $8,
              pass_score = $9, updated_at = now() WHERE id = $1`,
      [id, v.orgId, v.title, v.description, v.opensOn, v.closesOn, v.questionCount, v.timeLimitMinutes, v.passScore]);
    const after = quizView(await loadQuiz(tx, user, id));
    await recordAudit(tx, actor, { action: 'quiz.update', objectType: 'law_quiz', objectId: id, before: quizView(before), after });
    return after;
  });
}

export async function deleteQuiz(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const z = await loadQuiz(tx, user, id, true);
    assertDraft(z, '删除（已发布的竞赛可以结束）');
    await tx.query('DELETE FROM law_quizzes WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'quiz.delete', objectType: 'law_quiz', objectId: id, before: quizView(z) });
    return { ok: true as const };
  });
}

/** The activity number of a quiz in the popularisation register. */
export const activityNoOf = (quizId: number) => `PF-QZ-${quizId}`;

export async function publishQuiz(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const z = await loadQuiz(tx, user, id, true);
    assertDraft(z, '再发布');
    if (z.closes_on < todayInChina()) throw conflict('QUIZ_PAST', `竞赛截止日期${z.closes_on}已过，请先修改日期再发布`);
    const available = await activeQuestionsFor(tx, z.org_id);
    if (available < z.question_count) {
      throw conflict('QUIZ_TOO_FEW_QUESTIONS', `${z.org_name}及下级机构题库中启用的题目只有${available}道，少于每次抽题数量${z.question_count}道，请先补充题目或减少题量`);
    }
    const activity = await tx.one<{ id: number }>(
      `INSERT INTO popularization_activities (activity_no, org_id, held_on, kind, title, participants, source, created_by)
       VALUES ($1, $2, $3, 'quiz', $4, 0, 'platform', $5) RETURNING id`,
      [activityNoOf(z.id), z.org_id, z.opens_on, z.title, user.id]);
    await tx.query(`UPDATE law_quizzes SET status = 'published', activity_id = $2, published_at = now(), updated_at = now() WHERE id = $1`, [id, activity!.id]);
    const after = quizView(await loadQuiz(tx, user, id));
    await recordAudit(tx, actor, { action: 'quiz.publish', objectType: 'law_quiz', objectId: id, before: quizView(z), after });
    return after;
  });
}

export async function closeQuiz(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const z = await loadQuiz(tx, user, id, true);
    if (z.status !== 'published') throw conflict('QUIZ_NOT_PUBLISHED', z.status === 'closed' ? '竞赛已经结束' : '竞赛尚未发布，草稿可以直接删除');
    await tx.query(`UPDATE law_quizzes SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1`, [id]);
    const after = quizView(await loadQuiz(tx, user, id));
    await recordAudit(tx, actor, { action: 'quiz.close', objectType: 'law_quiz', objectId: id, before: quizView(z), after });
    return after;
  });
}

// ---------------------------------------------------------------------------------
// The attempts of a quiz (staff)

interface AttemptRow {
  id: number; participant_name: string | null; participant_phone: string | null; started_at: Date; deadline_at: Date; submitted_at: Date | null;
  question_total: number; correct_count: number | null; score: number | null;
}

function attemptWhere(quizId: number, f: Omit<AttemptListQuery, 'page' | 'pageSize'>): { where: string; params: unknown[] } {
  const params: unknown[] = [quizId];
  const where = ['t.quiz_id = $1'];
  if (f.q) { params.push(likeContaining(f.q)); where.push(`(coalesce(t.participant_name, '') || ' ' || coalesce(t.participant_phone, '')) LIKE $${params.length}`); }
  if (f.completed === '1') where.push('t.submitted_at IS NOT NULL');
  if (f.completed === '0') where.push('t.submitted_at IS NULL');
  return { where: where.join(' AND '), params };
}

const ATTEMPT_SELECT = `SELECT t.id, t.participant_name, t.participant_phone, t.started_at, t.deadline_at, t.submitted_at,
    jsonb_array_length(t.question_ids) AS question_total, t.correct_count, t.score FROM quiz_attempts t`;

function attemptView(a: AttemptRow, passScore: number) {
  return {
    id: a.id, name: a.participant_name, phone: a.participant_phone, startedAt: a.started_at.toISOString(), deadlineAt: a.deadline_at.toISOString(),
    submittedAt: a.submitted_at?.toISOString() ?? null, questionTotal: a.question_total, correct: a.correct_count, score: a.score,
    passed: a.score === null ? null : a.score >= passScore,
  };
}

export async function listAttempts(db: Queryable, user: AuthUser, quizId: number, f: AttemptListQuery) {
  const z = await loadQuiz(db, user, quizId);
  const { where, params } = attemptWhere(quizId, f);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM quiz_attempts t WHERE ${where} LIMIT ${COUNT_CAP + 1}) c`, params);
  const rows = await db.query<AttemptRow>(`${ATTEMPT_SELECT} WHERE ${where} ORDER BY t.started_at DESC, t.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params);
  return { rows: rows.map((a) => attemptView(a, z.pass_score)), total: Math.min(total!.n, COUNT_CAP), totalCapped: total!.n > COUNT_CAP, page: f.page, pageSize: f.pageSize };
}

export async function exportAttempts(db: Queryable, user: AuthUser, quizId: number, f: Omit<AttemptListQuery, 'page' | 'pageSize'>): Promise<{ buffer: Buffer; title: string }> {
  const z = await loadQuiz(db, user, quizId);
  const { where, params } = attemptWhere(quizId, f);
  const rows = await db.query<AttemptRow>(`${ATTEMPT_SELECT} WHERE ${where} ORDER BY t.started_at, t.id LIMIT ${EXPORT_MAX_ROWS}`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('答题记录');
  const columns = ['姓名', '联系电话', '开始时间', '交卷时间', '题数', '答对', '得分', '是否及格'];
  ws.addRow(columns).font = { bold: true };
  const time = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '');
  for (const a of rows) {
    ws.addRow([a.participant_name ?? '', a.participant_phone ?? '', time(a.started_at), a.submitted_at ? time(a.submitted_at) : '未交卷', a.question_total,
      a.correct_count ?? '', a.score ?? '', a.score === null ? '' : a.score >= z.pass_score ? '是' : '否']);
  }
  columns.forEach((_, i) => { ws.getColumn(i + 1).width = i < 4 ? 20 : 10; });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), title: z.title };
}
