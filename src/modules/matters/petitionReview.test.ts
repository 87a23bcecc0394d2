// A petition's review (复查) and re-review (复核) by the higher body, through the API on a
// real database (《信访工作条例》第三十五条、第三十六条): the review goes to the body one
// level above the one that answered, the re-review one level further; the lower body
// reads the petition but cannot answer its own review (403, in Chinese) and sees whom it
// waits for; the higher body gets the to-do with the 30-day clock. Where the higher body
// is not on the platform (above the city commission) the answering body records it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { extendedDue } from '../../core/procedure/engine';
import { MATTER_CLOCKS } from '../../core/matters/clocks';

let env: TestEnv;
let cal: WorkCalendar;
let admin: Client;
let leader: Client;
/** The city office (scope: the whole city). */
let office: Client;
/** Petition handlers of the Nanhu supervision institute, the Nanhu bureau above it, and the Xiuzhou bureau. */
let nhjds: Client;
let nhwjj: Client;
let xzwjj: Client;
const org: Record<string, number> = {};
const userId: Record<string, number> = {};
const today = todayInChina();
const reviewDue = (requestedOn: string) => extendedDue(cal, MATTER_CLOCKS.petition.reviewAnswer, requestedOn).due;

interface Todo { id: string; title: string; link: string; due: string | null; citation?: string }
interface NextStep { id: string; allowed: boolean; mine: boolean }

async function version(id: number): Promise<number> {
  return (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!.version;
}

async function step(who: Client, id: number, name: string, input: Record<string, unknown> = {}) {
  return who.post(`/api/matters/petition/${id}/steps/${name}`, { version: await version(id), input });
}

async function ok(who: Client, id: number, name: string, input: Record<string, unknown> = {}) {
  const res = await step(who, id, name, input);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function view(who: Client, id: number) {
  const res = await who.get(`/api/matters/petition/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const stepOf = (m: { nextSteps: NextStep[] }, id: string) => m.nextSteps.find((s) => s.id === id);
const reviewTodos = async (who: Client): Promise<Todo[]> =>
  ((await who.get('/api/home/todos')).json() as Todo[]).filter((t) => t.id === 'matters.petition.review' || t.id === 'matters.petition.re_review');
const awaiting = async (who: Client): Promise<number[]> =>
  (await who.get('/api/matters/petition?awaiting=review&pageSize=100')).json().rows.map((r: { id: number }) => r.id);

/** A petition registered, accepted and answered by `who` for `orgCode`, its responsible leader `leaderId`. */
async function answered(who: Client, orgCode: string, leaderId: number, title: string): Promise<number> {
  const res = await who.post('/api/matters/petition', { orgId: org[orgCode], fields: { channel: 'visit', contactName: '复查测试人', title, summary: '复查测试', leaderId } });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as number;
  await ok(who, id, 'accept');
  await ok(who, id, 'answer', { reply: '经调查核实，提出处理意见如下：……' });
  return id;
}

async function createUser(username: string, displayName: string, orgCode: string, roles: string[]): Promise<Client> {
  const created = await admin.post('/api/users', {
    username, displayName, orgId: org[orgCode], roles, scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026', active: true,
  });
  expect(created.statusCode, created.body).toBe(200);
  userId[username] = created.json().id;
  return env.as(username, 'District2026');
}

beforeAll(async () => {
  env = await setupTestEnv();
  cal = await env.ctx.calendar.current();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  for (const r of await env.db.query<{ id: number; username: string }>('SELECT id, username FROM users')) userId[r.username] = r.id;
  [admin, leader, office] = await Promise.all(['admin', 'leader', 'office'].map((u) => env.as(u)));
  nhjds = await createUser('nhjdsxf', '南湖监督所信访员', 'NH-JDS', ['office']);
  nhwjj = await createUser('nhwjjxf', '南湖区局信访员', 'NH-WJJ', ['office']);
  xzwjj = await createUser('xzwjjxf', '秀洲区局信访员', 'XZ-WJJ', ['office']);
  await createUser('nhjdshead', '南湖监督所所长', 'NH-JDS', ['leader']);
  await createUser('nhwjjhead', '南湖区局局长', 'NH-WJJ', ['leader']);
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('a petition answered by the Nanhu supervision institute', () => {
  let id: number;

  it('is reviewed by the body one level up, the Nanhu bureau: the request says so and starts the 30-day clock', async () => {
    id = await answered(nhjds, 'NH-JDS', userId.nhjdshead, '反映监督所处理投诉不当');
    const m = await ok(nhjds, id, 'request_review', { note: '不服处理意见，请求复查' });
    expect(m).toMatchObject({ state: 'review_requested', reviewOrgId: org['NH-WJJ'], reviewOrgName: '嘉兴市南湖区卫生健康局' });
    expect(m.details).toMatchObject({ reviewOrgName: '嘉兴市南湖区卫生健康局', reviewRequestedOn: today, reviewDueOn: reviewDue(today) });
    expect(m.clocks.find((c: { id: string }) => c.id === 'review_answer')).toMatchObject({ start: today, due: reviewDue(today) });
    const audit = await env.db.one<{ after: { state: string } }>(`SELECT after FROM audit_log WHERE action = 'matter.petition.request_review' AND object_id = $1`, [String(id)]);
    expect(audit!.after.state).toBe('review_requested');
  });

  it('the institute cannot answer its own review: no button, a 403 in Chinese naming the body it waits for', async () => {
    const own = await view(nhjds, id);
    expect(stepOf(own, 'answer_review')).toMatchObject({ allowed: true, mine: false });
    const refused = await step(nhjds, id, 'answer_review', { reply: '维持原处理意见' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.json().error.message).toBe('复查、复核由上一级行政机关（嘉兴市南湖区卫生健康局）办理，本机关不能出具复查意见');
    expect((await view(nhjds, id)).state).toBe('review_requested');
  });

  it('the bureau reads it (its scope holds the institute) and may answer; another district neither sees nor answers it', async () => {
    expect(stepOf(await view(nhwjj, id), 'answer_review')).toMatchObject({ allowed: true, mine: true });
    expect((await xzwjj.get(`/api/matters/petition/${id}`)).statusCode).toBe(404);
    expect((await step(xzwjj, id, 'answer_review', { reply: '越权' })).statusCode).toBe(404);
  });

  it('the to-do “复查申请待办理” with the 30-day clock goes to the bureau’s handlers, not to the institute’s nor another district’s', async () => {
    const todos = await reviewTodos(nhwjj);
    expect(todos).toEqual([expect.objectContaining({
      id: 'matters.petition.review', title: '复查申请待办理：1件', due: reviewDue(today), link: '/matters/petition?awaiting=review',
      citation: MATTER_CLOCKS.petition.reviewAnswer.citation,
    })]);
    expect(await awaiting(nhwjj)).toEqual([id]);
    expect(await reviewTodos(nhjds)).toEqual([]);
    expect(await awaiting(nhjds)).toEqual([]);
    expect(await reviewTodos(xzwjj)).toEqual([]);
    // The leader handles no petitions: no review to-do either.
    expect(await reviewTodos(leader)).toEqual([]);
  });

  it('the bureau answers the review', async () => {
    const m = await ok(nhwjj, id, 'answer_review', { reply: '经复查，原处理意见事实清楚，予以维持' });
    expect(m).toMatchObject({ state: 'reviewed' });
    expect(m.details).toMatchObject({ reviewAnsweredOn: today, reviewAnswer: '经复查，原处理意见事实清楚，予以维持' });
    expect(m.events.at(-1)).toMatchObject({ step: 'answer_review', userName: '南湖区局信访员' });
    expect(await reviewTodos(nhwjj)).toEqual([]);
  });

  it('the re-review goes up one more level, to the city commission: the bureau can no longer answer it', async () => {
    const m = await ok(nhjds, id, 'request_re_review', { note: '不服复查意见，请求复核' });
    expect(m).toMatchObject({ state: 're_review_requested', reviewOrgId: org['JX-WJW'], reviewOrgName: '嘉兴市卫生健康委员会' });
    expect(m.details).toMatchObject({ reviewOrgName: '嘉兴市南湖区卫生健康局', reReviewOrgName: '嘉兴市卫生健康委员会', reReviewDueOn: reviewDue(today) });
    const byBureau = await step(nhwjj, id, 'answer_re_review', { reply: '维持' });
    expect(byBureau.statusCode).toBe(403);
    expect(byBureau.json().error.message).toContain('上一级行政机关（嘉兴市卫生健康委员会）');
    expect(await reviewTodos(nhwjj)).toEqual([]);
    expect(stepOf(await view(nhwjj, id), 'answer_re_review')).toMatchObject({ mine: false });
    // The city's office gets the re-review to-do and answers it.
    expect((await reviewTodos(office)).find((t) => t.id === 'matters.petition.re_review')).toMatchObject({ title: expect.stringContaining('复核申请待办理'), due: reviewDue(today) });
    expect(await awaiting(office)).toContain(id);
    const done = await ok(office, id, 'answer_re_review', { reply: '经复核，维持复查意见' });
    expect(done).toMatchObject({ state: 'closed', final: true });
    expect(await awaiting(office)).not.toContain(id);
  });
});

describe('where the higher body is not on the platform', () => {
  it('a district bureau’s review goes to the city commission; its re-review (the province) is recorded by the bureau', async () => {
    const id = await answered(nhwjj, 'NH-WJJ', userId.nhwjjhead, '反映区局答复不当');
    const reviewed = await ok(nhwjj, id, 'request_review', { note: '请求复查' });
    expect(reviewed).toMatchObject({ reviewOrgId: org['JX-WJW'], reviewOrgName: '嘉兴市卫生健康委员会' });
    expect((await step(nhwjj, id, 'answer_review', { reply: '自行复查' })).statusCode).toBe(403);
    await ok(office, id, 'answer_review', { reply: '经复查，维持' });
    const m = await ok(nhwjj, id, 'request_re_review', { note: '请求复核' });
    expect(m).toMatchObject({ state: 're_review_requested', reviewOrgId: null, reviewOrgName: null });
    expect(m.details.reReviewOrgName).toBeNull();
    expect(stepOf(m, 'answer_re_review')).toMatchObject({ allowed: true, mine: true });
    expect((await reviewTodos(nhwjj)).map((t) => t.id)).toEqual(['matters.petition.re_review']);
    const done = await ok(nhwjj, id, 'answer_re_review', { reply: '收到省卫生健康委复核意见：维持' });
    expect(done.state).toBe('closed');
  });

  it('the city commission’s own review, and one answered by its office (a division answers in the commission’s name), stay with the city', async () => {
    for (const orgCode of ['JX-WJW', 'JX-BGS']) {
      const id = await answered(office, orgCode, userId.leader, `市级信访复查（${orgCode}）`);
      const m = await ok(office, id, 'request_review', { note: '请求复查' });
      expect(m).toMatchObject({ state: 'review_requested', reviewOrgId: null, reviewOrgName: null });
      expect(m.details.reviewOrgName).toBeNull();
      expect(stepOf(m, 'answer_review')).toMatchObject({ allowed: true, mine: true });
      expect(await awaiting(office)).toContain(id);
      expect(await awaiting(nhwjj)).not.toContain(id);
      await ok(office, id, 'answer_review', { reply: '收到省卫生健康委复查意见：维持' });
    }
  });
});
