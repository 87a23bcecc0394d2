// Quizzes through the API: a draft is created, edited and deleted; publishing refuses a
// bank with too few active questions, and otherwise registers the quiz as a
// popularisation activity (kind quiz, held on the opening day, PF-QZ-<id>, 0 participants)
// in the same transaction; a published quiz can only be closed. The quiz page's figures
// against a hand-computed fixture; the list's filters and export; scope and permissions.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina, yearOf } from '../../core/calendar/dates';

let env: TestEnv;
let legal: Client;
const org: Record<string, number> = {};
const today = todayInChina();

const quizBody = (orgId: number, over: Record<string, unknown> = {}) => ({
  orgId, title: '秀洲区卫生监督所学法竞赛', description: '面向辖区经营者', opensOn: today, closesOn: addDays(today, 30),
  questionCount: 5, timeLimitMinutes: 10, passScore: 60, ...over,
});

async function addQuestions(orgId: number, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await legal.post('/api/quiz/questions', { orgId, text: `秀洲区题目${i + 1}`, kind: 'true_false', answer: [i % 2 ? 'B' : 'A'] });
    expect(res.statusCode, res.body).toBe(200);
    ids.push(res.json().id);
  }
  return ids;
}

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  legal = await env.as('legal');
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('a quiz from draft to closed', () => {
  let id: number;

  it('a draft is created and edited, with Chinese checks', async () => {
    const bad = await legal.post('/api/quiz/quizzes', quizBody(org['XZ-JDS'], { closesOn: addDays(today, -1) }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('截止日期不能早于开始日期');
    const badScore = await legal.post('/api/quiz/quizzes', quizBody(org['XZ-JDS'], { passScore: 120 }));
    expect(badScore.json().error.message).toContain('及格分应在0至100之间');
    const res = await legal.post('/api/quiz/quizzes', quizBody(org['XZ-JDS']));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'draft', statusName: '草稿', activityId: null, open: false });
    id = res.json().id;
    const edited = await legal.put(`/api/quiz/quizzes/${id}`, quizBody(org['XZ-JDS'], { title: '秀洲区“八五”普法学法竞赛' }));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().title).toBe('秀洲区“八五”普法学法竞赛');
  });

  it('publishing refuses a bank with fewer active questions than a draw takes', async () => {
    await addQuestions(org['XZ-JDS'], 4);
    const res = await legal.post(`/api/quiz/quizzes/${id}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('嘉兴市秀洲区卫生监督所及下级机构题库中启用的题目只有4道，少于每次抽题数量5道，请先补充题目或减少题量');
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM popularization_activities WHERE activity_no = $1`, [`PF-QZ-${id}`]))!.n).toBe(0);
  });

  it('publishing registers the popularisation activity in the same transaction', async () => {
    await legal.put(`/api/quiz/quizzes/${id}`, quizBody(org['XZ-JDS'], { title: '秀洲区“八五”普法学法竞赛', questionCount: 4 }));
    const res = await legal.post(`/api/quiz/quizzes/${id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', open: true, activityNo: `PF-QZ-${id}`, participants: 0 });
    const a = await env.db.one<Record<string, unknown>>(`SELECT a.* FROM popularization_activities a JOIN law_quizzes z ON z.activity_id = a.id WHERE z.id = $1`, [id]);
    expect(a).toMatchObject({ activity_no: `PF-QZ-${id}`, org_id: org['XZ-JDS'], held_on: today, kind: 'quiz', title: '秀洲区“八五”普法学法竞赛', participants: 0, source: 'platform' });
    const audit = await env.db.one<{ after: { status: string } }>(`SELECT after FROM audit_log WHERE action = 'quiz.publish' AND object_id = $1`, [String(id)]);
    expect(audit!.after.status).toBe('published');
  });

  it('a published quiz is neither edited, deleted nor published again; it can be closed once', async () => {
    expect((await legal.put(`/api/quiz/quizzes/${id}`, quizBody(org['XZ-JDS']))).json().error.message).toBe('竞赛已发布，不能再修改');
    expect((await legal.delete(`/api/quiz/quizzes/${id}`)).statusCode).toBe(409);
    expect((await legal.post(`/api/quiz/quizzes/${id}/publish`)).statusCode).toBe(409);
    const closed = await legal.post(`/api/quiz/quizzes/${id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', statusName: '已结束', open: false });
    expect((await legal.post(`/api/quiz/quizzes/${id}/close`)).json().error.message).toBe('竞赛已经结束');
    // The activity stays in the register.
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM popularization_activities WHERE activity_no = $1`, [`PF-QZ-${id}`]))!.n).toBe(1);
  });

  it('a draft can be deleted', async () => {
    const draft = (await legal.post('/api/quiz/quizzes', quizBody(org['XZ-JDS'], { title: '待删除的草稿' }))).json();
    expect((await legal.delete(`/api/quiz/quizzes/${draft.id}`)).statusCode).toBe(200);
    expect((await legal.get(`/api/quiz/quizzes/${draft.id}`)).statusCode).toBe(404);
  });
});

describe('the figures of a quiz', () => {
  it('count started and completed attempts, the average, the pass rate and the score bands (hand-computed)', async () => {
    await addQuestions(org['XZ-WJJ'], 3);
    const quiz = (await legal.post('/api/quiz/quizzes', quizBody(org['XZ-WJJ'], { title: '统计用竞赛', questionCount: 3 }))).json();
    const empty = (await legal.get(`/api/quiz/quizzes/${quiz.id}`)).json();
    expect(empty.figures).toMatchObject({ started: 0, completed: 0, averageScore: null, passRate: null });
    // Five completed (100, 75, 50, 60, 90), one expired unfinished, one still running.
    const scores: (number | null)[] = [100, 75, 50, 60, 90, null, null];
    for (const [i, s] of scores.entries()) {
      await env.db.query(
        `INSERT INTO quiz_attempts (quiz_id, token, question_ids, started_at, deadline_at, submitted_at, answers, correct_count, score)
         VALUES ($1, $2, '[]', now() - interval '1 hour', $3::timestamptz, $4::timestamptz, $5::jsonb, $6, $6)`,
        [quiz.id, `figures-token-${i}`.padEnd(32, 'x'), i === 5 ? new Date(Date.now() - 1_800_000).toISOString() : new Date(Date.now() + 600_000).toISOString(),
          s === null ? null : new Date().toISOString(), s === null ? null : '{}', s]);
    }
    const f = (await legal.get(`/api/quiz/quizzes/${quiz.id}`)).json().figures;
    // Passed (≥ 60): 100, 75, 60, 90 = 4 of 5; average (100+75+50+60+90)/5 = 75.
    expect(f).toEqual({
      started: 7, completed: 5, expired: 1, averageScore: 75, passed: 4, passRate: 0.8,
      distribution: [{ from: 0, to: 59, count: 1 }, { from: 60, to: 69, count: 1 }, { from: 70, to: 79, count: 1 }, { from: 80, to: 89, count: 0 }, { from: 90, to: 100, count: 2 }],
    });
    expect(f.distribution.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(f.completed);
    const attempts = (await legal.get(`/api/quiz/quizzes/${quiz.id}/attempts?completed=1`)).json();
    expect(attempts.total).toBe(5);
    expect(attempts.rows.filter((a: { passed: boolean }) => a.passed)).toHaveLength(4);
    const exported = await legal.get(`/api/quiz/quizzes/${quiz.id}/attempts/export`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].actualRowCount).toBe(1 + 7);
  });

  it('the demo quiz’s activity counts exactly its completed attempts', async () => {
    const demo = (await legal.get(`/api/quiz/quizzes?status=published&orgId=${org['JX-WJW']}`)).json().rows[0];
    expect(demo).toBeDefined();
    const detail = (await legal.get(`/api/quiz/quizzes/${demo.id}`)).json();
    expect(detail.figures.completed).toBeGreaterThan(200);
    expect(detail.participants).toBe(detail.figures.completed);
    expect(detail.figures.distribution.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(detail.figures.completed);
  });
});

describe('the list', () => {
  it('filters by status, year and text, and exports what it shows', async () => {
    const published = (await legal.get('/api/quiz/quizzes?status=published')).json();
    expect(published.rows.length).toBeGreaterThan(0);
    expect(published.rows.every((r: { status: string }) => r.status === 'published')).toBe(true);
    const thisYear = (await legal.get(`/api/quiz/quizzes?year=${yearOf(today)}`)).json();
    expect(thisYear.total).toBeGreaterThan(0);
    expect((await legal.get(`/api/quiz/quizzes?year=2001`)).json().total).toBe(0);
    const found = (await legal.get(`/api/quiz/quizzes?q=${encodeURIComponent('统计用')}`)).json();
    expect(found.rows.map((r: { title: string }) => r.title)).toEqual(['统计用竞赛']);
    const exported = await legal.get('/api/quiz/quizzes/export?status=published');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].actualRowCount - 1).toBe(published.total);
  });
});

describe('scope and permissions', () => {
  it('a quiz of another district answers 404; roles without quiz.manage get 403', async () => {
    const nh = (await legal.post('/api/quiz/quizzes', quizBody(org['NH-WJJ'], { title: '南湖区竞赛' }))).json();
    const admin = await env.as('admin');
    await admin.post('/api/users', { username: 'xzquiz2', displayName: '秀洲区普法员', orgId: org['XZ-WJJ'], roles: ['legal'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Quiz2026xz', active: true });
    const xz = await env.as('xzquiz2', 'Quiz2026xz');
    for (const [method, url] of [['GET', `/api/quiz/quizzes/${nh.id}`], ['PUT', `/api/quiz/quizzes/${nh.id}`], ['DELETE', `/api/quiz/quizzes/${nh.id}`],
      ['POST', `/api/quiz/quizzes/${nh.id}/publish`], ['POST', `/api/quiz/quizzes/${nh.id}/close`], ['GET', `/api/quiz/quizzes/${nh.id}/attempts`]] as const) {
      const res = await xz.request(method, url, method === 'PUT' ? quizBody(org['XZ-WJJ']) : method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await xz.post('/api/quiz/quizzes', quizBody(org['NH-WJJ']))).statusCode).toBe(404);
    const list = (await xz.get('/api/quiz/quizzes?pageSize=100')).json();
    expect(list.rows.every((r: { orgId: number }) => [org['XZ-WJJ'], org['XZ-JDS']].includes(r.orgId))).toBe(true);
    for (const u of ['leader', 'office', 'inspector1']) {
      expect((await (await env.as(u)).get('/api/quiz/quizzes')).statusCode, u).toBe(403);
    }
    expect((await (await env.as('office')).post(`/api/quiz/quizzes/${nh.id}/publish`)).statusCode).toBe(403);
  });
});
