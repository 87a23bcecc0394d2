// The quiz on the portal, without an account: the open quizzes; starting an attempt (the
// questions drawn from the active questions of the quiz's organisation subtree, handed
// out without answers, with a deadline of the time limit); the score computed on the
// server (checked by hand); the result with the right answers, explanations and legal
// basis; refusals of a late submission, a second one and one for a closed quiz, in
// Chinese; each completed attempt one participant of the quiz's activity; the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { QUIZ_STARTS_PER_HOUR } from './routes';

let env: TestEnv;
let legal: Client;
const org: Record<string, number> = {};
const today = todayInChina();
let quizId: number;
const q: Record<string, number> = {};

let ipCounter = 0;
const freshIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

const start = (id: number, body: Record<string, unknown> = {}, ip = freshIp()) =>
  env.app.inject({ method: 'POST', url: `/api/public/quizzes/${id}/attempts`, payload: body, remoteAddress: ip });
const submit = (token: string, answers: Record<string, string[]>, ip = freshIp()) =>
  env.app.inject({ method: 'POST', url: `/api/public/quiz-attempts/${token}/submit`, payload: { answers }, remoteAddress: ip });
const look = (token: string) => env.app.inject({ method: 'GET', url: `/api/public/quiz-attempts/${token}`, remoteAddress: freshIp() });

const participants = async (id = quizId) => (await env.db.one<{ n: number }>(
  'SELECT a.participants AS n FROM law_quizzes z JOIN popularization_activities a ON a.id = z.activity_id WHERE z.id = $1', [id]))!.n;
const completed = async (id = quizId) => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM quiz_attempts WHERE quiz_id = $1 AND submitted_at IS NOT NULL', [id]))!.n;

async function question(orgId: number, body: Record<string, unknown>): Promise<number> {
  const res = await legal.post('/api/quiz/questions', { orgId, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function publishedQuiz(orgId: number, questionCount: number, title: string): Promise<number> {
  const z = await legal.post('/api/quiz/quizzes', { orgId, title, opensOn: today, closesOn: addDays(today, 10), questionCount, timeLimitMinutes: 10, passScore: 60 });
  expect(z.statusCode, z.body).toBe(200);
  const p = await legal.post(`/api/quiz/quizzes/${z.json().id}/publish`);
  expect(p.statusCode, p.body).toBe(200);
  return z.json().id;
}

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  legal = await env.as('legal');
  // The bank of 秀洲区卫生监督所 (no organisation below it): four active questions, one inactive.
  q.tf1 = await question(org['XZ-JDS'], { text: '执法人员不得少于两人。', kind: 'true_false', answer: ['A'], explanation: '法律另有规定的除外。', lawRef: '《中华人民共和国行政处罚法》第四十二条' });
  q.tf2 = await question(org['XZ-JDS'], { text: '听证费用由当事人承担。', kind: 'true_false', answer: ['B'], explanation: '当事人不承担听证费用。', lawRef: '《中华人民共和国行政处罚法》第六十三条' });
  q.single = await question(org['XZ-JDS'], {
    text: '行政处罚案件一般应在立案之日起多少日内作出决定？', kind: 'single', answer: ['C'],
    options: [{ key: 'A', text: '三十日' }, { key: 'B', text: '六十日' }, { key: 'C', text: '九十日' }], lawRef: '《中华人民共和国行政处罚法》第六十条',
  });
  q.multiple = await question(org['XZ-JDS'], {
    text: '下列属于行政处罚的有？', kind: 'multiple', answer: ['A', 'B', 'C'],
    options: [{ key: 'A', text: '警告' }, { key: 'B', text: '罚款' }, { key: 'C', text: '限制从业' }, { key: 'D', text: '记过' }], lawRef: '《中华人民共和国行政处罚法》第九条',
  });
  q.inactive = await question(org['XZ-JDS'], { text: '停用的题目。', kind: 'true_false', answer: ['A'], active: false });
  q.elsewhere = await question(org['XZ-WJJ'], { text: '上级机构的题目不在所属机构子树内。', kind: 'true_false', answer: ['A'] });
  quizId = await publishedQuiz(org['XZ-JDS'], 4, '秀洲区卫生监督所网上学法竞赛');
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('the open quizzes', () => {
  it('lists published quizzes within their dates; a draft is not there and answers 404', async () => {
    const list = (await env.anonymous.get('/api/public/quizzes')).json() as { id: number; title: string }[];
    expect(list.map((z) => z.id)).toContain(quizId);
    expect(list.some((z) => z.title.includes('网上学法知识竞赛'))).toBe(true); // the demo quiz
    const draft = (await legal.post('/api/quiz/quizzes', { orgId: org['XZ-JDS'], title: '草稿竞赛', opensOn: today, closesOn: today, questionCount: 1, timeLimitMinutes: 5, passScore: 60 })).json();
    expect(list.map((z) => z.id)).not.toContain(draft.id);
    expect((await env.anonymous.get(`/api/public/quizzes/${draft.id}`)).statusCode).toBe(404);
    expect((await start(draft.id)).statusCode).toBe(404);
    expect((await env.anonymous.get(`/api/public/quizzes/${quizId}`)).json()).toMatchObject({ title: '秀洲区卫生监督所网上学法竞赛', questionCount: 4, timeLimitMinutes: 10, open: true, participants: 0 });
  });
});

describe('an attempt', () => {
  let token: string;

  it('draws the active questions of the quiz’s organisation subtree and hands them out without answers', async () => {
    const res = await start(quizId, { name: '张三', phone: '13900001111' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    token = body.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(body.questions.map((x: { id: number }) => x.id).sort((a: number, b: number) => a - b)).toEqual([q.tf1, q.tf2, q.single, q.multiple].sort((a, b) => a - b));
    for (const x of body.questions) {
      expect(Object.keys(x).sort()).toEqual(['id', 'kind', 'kindName', 'options', 'text']);
    }
    expect(res.body).not.toContain('answer');
    expect(res.body).not.toContain('lawRef');
    expect(Date.parse(body.deadlineAt) - Date.parse(body.startedAt)).toBe(10 * 60_000);
    const row = await env.db.one<{ participant_name: string; participant_phone: string; submitted_at: Date | null }>('SELECT * FROM quiz_attempts WHERE token = $1', [token]);
    expect(row).toMatchObject({ participant_name: '张三', participant_phone: '13900001111', submitted_at: null });
    // Read back by its token while running: still without answers.
    const running = await look(token);
    expect(running.json()).toMatchObject({ submitted: false, expired: false });
    expect(running.body).not.toContain('answer');
  });

  it('is scored on the server: 2 of 4 right = 50 points, below the pass mark of 60', async () => {
    expect(await participants()).toBe(0);
    // tf1 right (A), tf2 wrong (A instead of B), single right (C), multiple only partly (A, B of A, B, C) = wrong.
    const res = await submit(token, { [q.tf1]: ['A'], [q.tf2]: ['A'], [q.single]: ['C'], [q.multiple]: ['A', 'B'] });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ submitted: true, score: 50, correct: 2, total: 4, passed: false, passScore: 60 });
    const byId = Object.fromEntries(r.questions.map((x: { id: number }) => [x.id, x]));
    expect(byId[q.tf2]).toMatchObject({ correct: false, chosen: ['A'], answer: ['B'], answerText: '错误', explanation: '当事人不承担听证费用。', lawRef: '《中华人民共和国行政处罚法》第六十三条' });
    expect(byId[q.multiple]).toMatchObject({ correct: false, answerText: 'ABC' });
    expect(byId[q.single]).toMatchObject({ correct: true, lawRef: '《中华人民共和国行政处罚法》第六十条' });
    // One completed attempt, one participant of the activity, in the same transaction.
    expect(await participants()).toBe(1);
    expect((await look(token)).json()).toMatchObject({ submitted: true, score: 50 });
  });

  it('cannot be submitted twice', async () => {
    const res = await submit(token, { [q.tf1]: ['A'], [q.tf2]: ['B'], [q.single]: ['C'], [q.multiple]: ['A', 'B', 'C'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('本次答题已经交卷，不能重复提交');
    expect(await participants()).toBe(1);
    expect((await env.db.one<{ score: number }>('SELECT score FROM quiz_attempts WHERE token = $1', [token]))!.score).toBe(50);
  });

  it('all right scores 100 and passes; answers to questions not drawn are ignored', async () => {
    const t = (await start(quizId)).json().token;
    const res = await submit(t, { [q.tf1]: ['A'], [q.tf2]: ['B'], [q.single]: ['C'], [q.multiple]: ['C', 'A', 'B'], [q.elsewhere]: ['A'] });
    expect(res.json()).toMatchObject({ score: 100, correct: 4, passed: true });
    expect(await participants()).toBe(2);
  });

  it('is refused after its deadline, beyond a few seconds’ grace', async () => {
    const late = (await start(quizId)).json().token;
    await env.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '30 seconds' WHERE token = $1`, [late]);
    const res = await submit(late, { [q.tf1]: ['A'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('答题时间已到（限时10分钟），答卷未能提交，可以重新开始答题');
    expect((await look(late)).json()).toMatchObject({ submitted: false, expired: true });
    expect(await participants()).toBe(2);

    const justLate = (await start(quizId)).json().token;
    await env.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '3 seconds' WHERE token = $1`, [justLate]);
    const ok = await submit(justLate, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ score: 0, correct: 0 });
    expect(await participants()).toBe(3);
  });

  it('bad and unknown tokens', async () => {
    expect((await look('not-a-token')).statusCode).toBe(400);
    const unknown = await look('A'.repeat(32));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('答题记录不存在');
    expect((await submit('B'.repeat(32), {})).statusCode).toBe(404);
    const badAnswer = await submit('C'.repeat(32), { [q.tf1]: ['Z'] });
    expect(badAnswer.statusCode).toBe(400);
  });
});

describe('a closed quiz', () => {
  it('refuses submissions and new attempts', async () => {
    const id = await publishedQuiz(org['XZ-JDS'], 2, '将被结束的竞赛');
    const open = (await start(id)).json().token;
    expect((await legal.post(`/api/quiz/quizzes/${id}/close`)).statusCode).toBe(200);
    const res = await submit(open, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('本次竞赛已经结束，答卷未能提交');
    const again = await start(id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('本次竞赛已经结束，不能再答题');
    expect(await participants(id)).toBe(0);
    expect((await env.anonymous.get('/api/public/quizzes')).json().map((z: { id: number }) => z.id)).not.toContain(id);
  });
});

describe('participants', () => {
  it('equal the completed attempts of every quiz', async () => {
    const rows = await env.db.query<{ id: number; participants: number; completed: number }>(
      `SELECT z.id, a.participants, (SELECT count(*)::int FROM quiz_attempts t WHERE t.quiz_id = z.id AND t.submitted_at IS NOT NULL) AS completed
         FROM law_quizzes z JOIN popularization_activities a ON a.id = z.activity_id`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.participants, `quiz ${r.id}`).toBe(r.completed);
    expect(await completed()).toBe(3);
    const figures = (await legal.get(`/api/quiz/quizzes/${quizId}`)).json().figures;
    // Scores 50, 100, 0: average 50, one of three passed.
    expect(figures).toMatchObject({ completed: 3, averageScore: 50, passed: 1 });
    expect(figures.passRate).toBeCloseTo(1 / 3, 10);
  });
});

describe('the rate limit', () => {
  it(`allows ${QUIZ_STARTS_PER_HOUR} starts an hour from one address, then answers 429 in Chinese`, async () => {
    const ip = '10.99.0.1';
    for (let i = 0; i < QUIZ_STARTS_PER_HOUR; i++) expect((await start(quizId, {}, ip)).statusCode).toBe(200);
    const refused = await start(quizId, {}, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^开始答题过于频繁，请\d+分钟后再试$/);
    expect((await start(quizId, {}, '10.99.0.2')).statusCode).toBe(200);
  });
});
