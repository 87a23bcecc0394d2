// The portal's side of the quiz: anyone may take an open quiz without an account. Starting
// draws the quiz's number of active questions of its organisation's subtree at random,
// records when the attempt started and its deadline, and hands back the questions without
// their answers and a 32-character token (192 random bits) that alone identifies the
// attempt. The answers are scored on the server; a submission after the deadline (a few
// seconds' grace for the network), a second one, or one for a quiz that has closed is
// refused. A completed attempt adds one participant to the quiz's popularisation activity
// in the same transaction, so popularization.participants counts completed attempts.
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, notFound } from '../../platform/http/errors';
import { todayInChina } from '../../core/calendar/dates';
import { answerText, isCorrect, QUESTION_KIND_NAMES, scoreOf, SUBMIT_GRACE_SECONDS, type QuestionKind, type QuizOption } from './rules';
import { isOpen, QUIZ_SELECT, type QuizRow } from './quizzes';
import type { SubmitBody } from './schema';

const publicActor = (orgId: number, ip: string) => ({ ...SYSTEM_ACTOR('public'), orgId, ip });

export const newAttemptToken = () => crypto.randomBytes(24).toString('base64url');

function publicQuizView(z: QuizRow & { completed?: number }) {
  return {
    id: z.id, title: z.title, description: z.description, orgName: z.org_name, opensOn: z.opens_on, closesOn: z.closes_on,
    questionCount: z.question_count, timeLimitMinutes: z.time_limit_minutes, passScore: z.pass_score, open: isOpen(z),
    closed: z.status === 'closed' || z.closes_on < todayInChina(), participants: z.participants ?? 0,
  };
}

/** The quizzes open today, newest first. */
export async function openQuizzes(db: Queryable) {
  const today = todayInChina();
  const rows = await db.query<QuizRow>(
    `${QUIZ_SELECT} WHERE z.status = 'published' AND z.opens_on <= $1::date AND z.closes_on >= $1::date ORDER BY z.opens_on DESC, z.id DESC LIMIT 100`, [today]);
  return rows.map(publicQuizView);
}

/** A published (or closed) quiz as the portal shows it; a draft does not exist for the public. */
async function publicQuiz(db: Queryable, id: number, lock = false): Promise<QuizRow> {
  const z = await db.one<QuizRow>(`${QUIZ_SELECT} WHERE z.id = $1 AND z.status <> 'draft'${lock ? ' FOR UPDATE OF z' : ''}`, [id]);
  if (!z) throw notFound('竞赛不存在或尚未发布');
  return z;
}

export async function quizForPublic(db: Queryable, id: number) {
  return publicQuizView(await publicQuiz(db, id));
}

interface DrawnQuestion { id: number; kind: QuestionKind; text: string; options: QuizOption[]; answer: string[]; explanation: string | null; law_ref: string | null }

/** The questions of an attempt in the order drawn. */
async function questionsOf(db: Queryable, ids: number[]): Promise<DrawnQuestion[]> {
  const rows = await db.query<DrawnQuestion>('SELECT id, kind, text, options, answer, explanation, law_ref FROM quiz_questions WHERE id = ANY($1::bigint[])', [ids]);
  const byId = new Map(rows.map((q) => [q.id, q]));
  return ids.map((id) => byId.get(id)).filter((q): q is DrawnQuestion => q !== undefined);
}

/** A question as the participant sees it while answering: no answer, no explanation. */
const unanswered = (q: DrawnQuestion) => ({ id: q.id, kind: q.kind, kindName: QUESTION_KIND_NAMES[q.kind], text: q.text, options: q.options });

export async function startAttempt(db: Queryable, quizId: number, who: { name: string | null; phone: string | null }, ip: string) {
  return db.transaction(async (tx) => {
    const z = await publicQuiz(tx, quizId);
    const today = todayInChina();
    if (z.status === 'closed' || z.closes_on < today) throw conflict('QUIZ_CLOSED', '本次竞赛已经结束，不能再答题');
    if (z.opens_on > today) throw conflict('QUIZ_NOT_OPEN', `本次竞赛将于${z.opens_on}开始，请届时再来答题`);
    const drawn = await tx.query<{ id: number }>(
      `SELECT q.id FROM quiz_questions q JOIN organizations o ON o.id = q.org_id
        WHERE q.active AND o.path LIKE (SELECT path FROM organizations WHERE id = $1) || '%'
        ORDER BY random() LIMIT $2`, [z.org_id, z.question_count]);
    if (drawn.length === 0) throw conflict('QUIZ_NO_QUESTIONS', '本次竞赛的题库暂时没有可用的题目，请稍后再试');
    const ids = drawn.map((q) => q.id);
    const token = newAttemptToken();
    const a = await tx.one<{ id: number; started_at: Date; deadline_at: Date }>(
      `INSERT INTO quiz_attempts (quiz_id, token, participant_name, participant_phone, question_ids, started_at, deadline_at, ip)
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(mins => $6::int), $7) RETURNING id, started_at, deadline_at`,
      [z.id, token, who.name, who.phone, JSON.stringify(ids), z.time_limit_minutes, ip]);
    await recordAudit(tx, publicActor(z.org_id, ip), { action: 'quiz.attempt.start', objectType: 'quiz_attempt', objectId: a!.id, after: { quizId: z.id, questions: ids.length } });
    return {
      token, quiz: publicQuizView(z), startedAt: a!.started_at.toISOString(), deadlineAt: a!.deadline_at.toISOString(), serverNow: new Date().toISOString(),
      questions: (await questionsOf(tx, ids)).map(unanswered),
    };
  });
}

interface AttemptRow {
  id: number; quiz_id: number; question_ids: number[]; started_at: Date; deadline_at: Date; submitted_at: Date | null;
  answers: Record<string, string[]> | null; correct_count: number | null; score: number | null; late: boolean;
}

async function attemptByToken(db: Queryable, token: string, lock = false): Promise<AttemptRow> {
  const a = await db.one<AttemptRow>(
    `SELECT t.*, now() > t.deadline_at + make_interval(secs => $2::int) AS late FROM quiz_attempts t WHERE t.token = $1${lock ? ' FOR UPDATE' : ''}`,
    [token, SUBMIT_GRACE_SECONDS]);
  if (!a) throw notFound('答题记录不存在，请从竞赛页面重新开始答题');
  return a;
}

/** The result of a submitted attempt: the score, and each question with the right answer, the explanation and the legal basis. */
async function resultOf(db: Queryable, a: AttemptRow, z: QuizRow) {
  const questions = await questionsOf(db, a.question_ids);
  const given = a.answers ?? {};
  return {
    submitted: true as const, quiz: publicQuizView(z), startedAt: a.started_at.toISOString(), submittedAt: a.submitted_at!.toISOString(),
    score: a.score!, correct: a.correct_count!, total: a.question_ids.length, passed: a.score! >= z.pass_score, passScore: z.pass_score,
    questions: questions.map((q) => ({
      ...unanswered(q), chosen: given[String(q.id)] ?? [], answer: q.answer, answerText: answerText(q.kind, q.answer),
      correct: isCorrect(q.answer, given[String(q.id)]), explanation: q.explanation, lawRef: q.law_ref,
    })),
  };
}

/** An attempt by its token: still running (questions without answers) or its result. */
export async function attemptForPublic(db: Queryable, token: string) {
  const a = await attemptByToken(db, token);
  const z = await publicQuiz(db, a.quiz_id);
  if (a.submitted_at) return resultOf(db, a, z);
  return {
    submitted: false as const, quiz: publicQuizView(z), startedAt: a.started_at.toISOString(), deadlineAt: a.deadline_at.toISOString(),
    serverNow: new Date().toISOString(), expired: a.late, questions: (await questionsOf(db, a.question_ids)).map(unanswered),
  };
}

export async function submitAttempt(db: Queryable, token: string, body: SubmitBody, ip: string) {
  return db.transaction(async (tx) => {
    const a = await attemptByToken(tx, token, true);
    const z = await publicQuiz(tx, a.quiz_id);
    if (a.submitted_at) throw conflict('QUIZ_ALREADY_SUBMITTED', '本次答题已经交卷，不能重复提交');
    if (z.status === 'closed' || z.closes_on < todayInChina()) throw conflict('QUIZ_CLOSED', '本次竞赛已经结束，答卷未能提交');
    if (a.late) throw conflict('QUIZ_TIME_UP', `答题时间已到（限时${z.time_limit_minutes}分钟），答卷未能提交，可以重新开始答题`);
    const drawn = new Set(a.question_ids.map(String));
    const answers = Object.fromEntries(Object.entries(body.answers).filter(([id]) => drawn.has(id)));
    const questions = await questionsOf(tx, a.question_ids);
    const correct = questions.filter((q) => isCorrect(q.answer, answers[String(q.id)])).length;
    const score = scoreOf(correct, a.question_ids.length);
    await tx.query('UPDATE quiz_attempts SET submitted_at = now(), answers = $2, correct_count = $3, score = $4 WHERE id = $1',
      [a.id, JSON.stringify(answers), correct, score]);
    // The completed attempt is one more participant of the quiz's popularisation activity.
    await tx.query('UPDATE popularization_activities SET participants = participants + 1, updated_at = now() WHERE id = $1', [z.activity_id]);
    await recordAudit(tx, publicActor(z.org_id, ip), { action: 'quiz.attempt.submit', objectType: 'quiz_attempt', objectId: a.id, after: { quizId: z.id, correct, score } });
    return resultOf(tx, await attemptByToken(tx, token), z);
  });
}
