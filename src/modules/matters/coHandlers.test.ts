// Co-handling organisations of a proposal on a real database: the city commission
// (JX-WJW) leads a suggestion co-handled by 南湖区卫生健康局 (NH-WJJ), 秀洲区卫生健康局
// (XZ-WJJ) and a bureau outside the platform. Each district's office reads it although
// the city lies outside its scope, gets the to-do with the co-handling period's clock,
// finds it in its list and writes its own opinion (once, audited); the lead cannot write
// it for them; another unit gets 404; the lead's answer is refused, naming the missing
// co-handlers, until every opinion is in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { extendedDue } from '../../core/procedure/engine';
import { MATTER_CLOCKS } from '../../core/matters/clocks';
import { RULES } from '../../core/law/rules';

let env: TestEnv;
let cal: WorkCalendar;
let office: Client;
let nh: Client;
let xz: Client;
let nhInstitute: Client;
const org: Record<string, number> = {};
const orgName: Record<string, string> = {};
const today = todayInChina();
const coDue = (start: string) => extendedDue(cal, MATTER_CLOCKS.proposal.coOpinion, start).due;

interface CoHandlerView { orgId: number | null; name: string; onPlatform: boolean; dueOn: string; clock: { id: string; due: string; colour: string; stoppedOn: string | null }; opinion: string | null; opinionOn: string | null; authorName: string | null; mine: boolean }

async function officeUser(username: string, orgCode: string, name: string): Promise<Client> {
  const admin = await env.as('admin');
  const res = await admin.post('/api/users', {
    username, displayName: name, orgId: org[orgCode], roles: ['office'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'CoHandle2026', active: true,
  });
  expect(res.statusCode, res.body).toBe(200);
  return env.as(username, 'CoHandle2026');
}

async function register(fields: Record<string, unknown>) {
  return office.post('/api/matters/proposal', { orgId: org['JX-WJW'], fields: { subtype: 'npc', role: 'lead', receivedOn: today, contactName: '冯志远', ...fields } });
}

async function registered(fields: Record<string, unknown>): Promise<number> {
  const res = await register(fields);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

const version = async (id: number) => (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!.version;
const stepOf = async (who: Client, id: number, step: string, input: Record<string, unknown>) =>
  who.post(`/api/matters/proposal/${id}/steps/${step}`, { version: await version(id), input });
const opinion = (who: Client, id: number, body: Record<string, unknown>) => who.post(`/api/matters/proposal/${id}/co-opinions`, body);
const coHandlers = (m: { coHandlers: CoHandlerView[] }) => Object.fromEntries(m.coHandlers.map((c) => [c.name, c]));
const ids = (body: { rows: { id: number }[] }) => body.rows.map((r) => r.id);
const coTodo = async (who: Client) => ((await who.get('/api/home/todos')).json() as { id: string; title: string; due: string | null; severity: string; link: string }[])
  .find((t) => t.id === 'matters.proposal.co_opinion');

beforeAll(async () => {
  env = await setupTestEnv();
  cal = await env.ctx.calendar.current();
  for (const r of await env.db.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM organizations')) { org[r.code] = r.id; orgName[r.code] = r.name; }
  office = await env.as('office');
  [nh, xz, nhInstitute] = [
    await officeUser('nh_co_office', 'NH-WJJ', '南湖区办公室'),
    await officeUser('xz_co_office', 'XZ-WJJ', '秀洲区办公室'),
    await officeUser('nhjds_office', 'NH-JDS', '南湖区卫生监督所办公室'),
  ];
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('a city proposal co-handled by two districts and a bureau outside the platform', () => {
  let id: number;

  it('is registered with the co-handling organisations, each due its opinion within the co-handling period', async () => {
    id = await registered({ title: '关于加强基层慢性病管理的建议', coOrgIds: [org['NH-WJJ'], org['XZ-WJJ']], coUnits: ['嘉兴市医疗保障局'] });
    const m = (await office.get(`/api/matters/proposal/${id}`)).json();
    const co = coHandlers(m);
    expect(Object.keys(co)).toEqual([orgName['NH-WJJ'], orgName['XZ-WJJ'], '嘉兴市医疗保障局']);
    for (const c of m.coHandlers as CoHandlerView[]) {
      expect(c).toMatchObject({ dueOn: coDue(today), opinion: null, mine: false });
      expect(c.clock).toMatchObject({ id: 'co_opinion', due: coDue(today), stoppedOn: null, colour: 'green' });
    }
    expect(co[orgName['NH-WJJ']]).toMatchObject({ orgId: org['NH-WJJ'], onPlatform: true });
    expect(co['嘉兴市医疗保障局']).toMatchObject({ orgId: null, onPlatform: false });
    // The organisations live in their own table, not in the matter's details.
    expect(m.details.coOrgIds).toBeUndefined();
    const rows = await env.db.query<{ org_id: number; due_on: string }>('SELECT org_id, due_on FROM matter_co_handlers WHERE matter_id = $1 ORDER BY org_id', [id]);
    expect(rows).toEqual([{ org_id: org['NH-WJJ'], due_on: coDue(today) }, { org_id: org['XZ-WJJ'], due_on: coDue(today) }].sort((a, b) => a.org_id - b.org_id));
    const answer = m.nextSteps.find((s: { id: string }) => s.id === 'answer');
    expect(answer.allowed).toBe(false);
    expect(answer.refusal.message).toContain(`${orgName['NH-WJJ']}、${orgName['XZ-WJJ']}、嘉兴市医疗保障局`);
  });

  it('the co-handling district reads it (the city is outside its scope), but takes none of the lead’s steps', async () => {
    const res = await nh.get(`/api/matters/proposal/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.nextSteps).toEqual([]);
    expect(m.mayReassign).toBe(false);
    const co = coHandlers(m);
    expect(co[orgName['NH-WJJ']].mine).toBe(true);
    expect(co[orgName['XZ-WJJ']].mine).toBe(false);
    expect((await nh.get(`/api/matters/proposal/${id}/documents/answer`)).statusCode).toBe(404); // no answer yet: no letter
    expect((await stepOf(nh, id, 'record_co_opinion', { unit: '嘉兴市医疗保障局', opinion: '代填' })).statusCode).toBe(404);
    const reassign = await nh.post(`/api/matters/proposal/${id}/reassign`, { version: await version(id), assigneeId: 1, reason: '越权改派' });
    expect(reassign.statusCode).toBe(404);
    // The attachments are read with the proposal; adding or withdrawing them is the lead's.
    const files = await nh.get(`/api/matters/proposal/${id}/files`);
    expect(files.statusCode, files.body).toBe(200);
    expect(files.json()).toMatchObject({ mayUpload: false, mayWithdraw: false });
    expect((await office.get(`/api/matters/proposal/${id}/files`)).json()).toMatchObject({ mayUpload: true });
    expect((await nh.post(`/api/matters/proposal/${id}/files/1/withdraw`, { reason: '越权撤回' })).statusCode).toBe(404);
  });

  it('lists it for the district: among all, “我单位会办的” and those whose opinion is owed', async () => {
    expect(ids((await nh.get('/api/matters/proposal?pageSize=100')).json())).toContain(id);
    expect(ids((await nh.get('/api/matters/proposal?coHandled=1&pageSize=100')).json())).toEqual([id]);
    expect(ids((await nh.get('/api/matters/proposal?coHandled=pending&pageSize=100')).json())).toEqual([id]);
    // The city's own list holds everything of its scope; it co-handles nothing.
    expect(ids((await office.get('/api/matters/proposal?coHandled=1&pageSize=100')).json())).toEqual([]);
    expect((await nh.get('/api/matters/proposal?coHandled=x')).statusCode).toBe(400);
  });

  it('the district gets the to-do “会办意见待提出” with the co-handling period; the city office and the leader do not', async () => {
    const todo = await coTodo(nh);
    expect(todo).toMatchObject({ due: coDue(today), severity: 'info', link: '/matters/proposal?coHandled=pending' });
    expect(todo!.title).toBe('会办意见待提出：1件建议提案');
    expect(await coTodo(office)).toBeUndefined();
    expect(await coTodo(await env.as('leader'))).toBeUndefined();
  });

  it('another unit, even one under a co-handler, gets 404 for the proposal and its opinion route', async () => {
    expect((await nhInstitute.get(`/api/matters/proposal/${id}`)).statusCode).toBe(404);
    expect((await nhInstitute.get(`/api/matters/proposal/${id}/documents/answer`)).statusCode).toBe(404);
    const res = await opinion(nhInstitute, id, { orgId: org['NH-WJJ'], opinion: '越权' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('建议提案事项不存在或不在您的数据范围内');
    expect(ids((await nhInstitute.get('/api/matters/proposal?pageSize=100')).json())).not.toContain(id);
    expect(await coTodo(nhInstitute)).toBeUndefined();
  });

  it('the lead cannot write a platform co-handler’s opinion, nor a district another district’s', async () => {
    const lead = await opinion(office, id, { orgId: org['NH-WJJ'], opinion: '主办单位代填' });
    expect(lead.statusCode).toBe(403);
    expect(lead.json().error.message).toBe(`只能由${orgName['NH-WJJ']}的人员提出本单位的会办意见`);
    expect((await opinion(office, id, { opinion: '主办单位代填' })).json().error).toMatchObject({ code: 'CO_HANDLER_REQUIRED', message: '您所在单位不是本件的会办单位' });
    expect((await opinion(nh, id, { orgId: org['XZ-WJJ'], opinion: '代秀洲区填写' })).statusCode).toBe(403);
    expect((await opinion(nh, id, { orgId: org['JX-JDS'], opinion: 'x' })).json().error.code).toBe('NOT_CO_HANDLER');
    const empty = await opinion(nh, id, { orgId: org['NH-WJJ'], opinion: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请填写会办意见');
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM matter_co_handlers WHERE matter_id = $1 AND opinion IS NOT NULL', [id]))!.n).toBe(0);
  });

  it('the district submits its opinion once: stored with its author, in the history and the audit log', async () => {
    const before = await version(id);
    const res = await opinion(nh, id, { orgId: org['NH-WJJ'], opinion: '南湖区将把慢性病管理纳入家庭医生签约服务考核。' });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.version).toBe(before + 1);
    expect(coHandlers(m)[orgName['NH-WJJ']]).toMatchObject({
      opinion: '南湖区将把慢性病管理纳入家庭医生签约服务考核。', opinionOn: today, authorName: '南湖区办公室', mine: false,
    });
    expect(coHandlers(m)[orgName['NH-WJJ']].clock).toMatchObject({ stoppedOn: today, colour: 'stopped' });
    expect(m.events.at(-1)).toMatchObject({ step: 'co_opinion', label: '会办单位提出意见', userName: '南湖区办公室' });
    const again = await opinion(nh, id, { opinion: '再次提交' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`${orgName['NH-WJJ']}已于${today}提出会办意见`);
    const audit = await env.db.query<{ after: { orgId: number } }>(`SELECT after FROM audit_log WHERE action = 'matter.proposal.co_opinion' AND object_id = $1`, [String(id)]);
    expect(audit.map((a) => a.after.orgId)).toEqual([org['NH-WJJ']]);
    expect(await coTodo(nh)).toBeUndefined();
    expect(ids((await nh.get('/api/matters/proposal?coHandled=pending&pageSize=100')).json())).toEqual([]);
    expect(ids((await nh.get('/api/matters/proposal?coHandled=1&pageSize=100')).json())).toEqual([id]);
  });

  it('the lead reads the opinion; its answer stays refused, naming only the co-handlers still missing', async () => {
    const m = (await office.get(`/api/matters/proposal/${id}`)).json();
    expect(coHandlers(m)[orgName['NH-WJJ']].opinion).toBe('南湖区将把慢性病管理纳入家庭医生签约服务考核。');
    const early = await stepOf(office, id, 'answer', { reply: '答复' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain(`${orgName['XZ-WJJ']}、嘉兴市医疗保障局`);
    expect(early.json().error.message).not.toContain(orgName['NH-WJJ']);
  });

  it('once 秀洲区 has written its opinion and the lead has recorded the outside bureau’s, the lead answers; no opinion is taken after', async () => {
    expect((await opinion(xz, id, { opinion: '秀洲区同意主办单位意见，将配合做好基层随访工作。' })).statusCode).toBe(200);
    const still = await stepOf(office, id, 'answer', { reply: '答复' });
    expect(still.statusCode).toBe(409);
    expect(still.json().error.message).toContain('嘉兴市医疗保障局');
    expect(still.json().error.message).not.toContain(orgName['XZ-WJJ']);
    expect((await stepOf(office, id, 'record_co_opinion', { unit: '嘉兴市医疗保障局', opinion: '支持将慢性病用药纳入长处方' })).statusCode).toBe(200);
    const answered = await stepOf(office, id, 'answer', { reply: '已采纳，吸收各会办单位意见后列入年度计划' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'answered', concludedOn: today });
    expect(coHandlers(answered.json())['嘉兴市医疗保障局']).toMatchObject({ opinionOn: today, authorName: '钱慧' });
    const late = await opinion(xz, id, { opinion: '补充意见' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toEqual({ code: 'CO_OPINION_CLOSED', message: '主办单位已答复，不能再提出会办意见' });
    expect((await nh.get(`/api/matters/proposal/${id}/documents/answer`)).statusCode).toBe(200);
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'matter.proposal.co_opinion' AND object_id = $1`, [String(id)]))!.n).toBe(2);
  });
});

describe('registration and the to-do’s colours', () => {
  it('only a lead proposal has co-handlers; the lead is not its own co-handler; unknown organisations are refused', async () => {
    const co = await register({ role: 'co', title: '协办件', coOrgIds: [org['NH-WJJ']] });
    expect(co.statusCode).toBe(400);
    expect(co.json().error.message).toBe('只有主办件才有会办单位；协办件请勿选择会办单位');
    const self = await register({ title: '自己会办', coOrgIds: [org['JX-WJW']] });
    expect(self.json().error.message).toBe('主办单位不能同时是会办单位');
    expect((await register({ title: '不存在', coOrgIds: [999_999] })).statusCode).toBe(404);
    expect((await register({ title: '格式', coOrgIds: ['南湖'] })).statusCode).toBe(400);
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM matters WHERE title IN ('协办件', '自己会办', '不存在', '格式')`))!.n).toBe(0);
  });

  it('an opinion past its period turns the to-do red, one due within the amber days amber; a unit not co-handling gets 404', async () => {
    const overdue = await registered({ title: '逾期会办的建议', receivedOn: addDays(today, -70), coOrgIds: [org['XZ-WJJ']] });
    expect(coDue(addDays(today, -70)) < today).toBe(true);
    let todo = await coTodo(xz);
    expect(todo).toMatchObject({ severity: 'danger', due: coDue(addDays(today, -70)) });
    expect(todo!.title).toBe('会办意见待提出：1件建议提案，其中1件已超过会办期限');
    const amberDays = RULES.clockAmberDays.value;
    const start = Array.from({ length: 40 }, (_, i) => addDays(today, -25 - i)).find((d) => coDue(d) >= today && coDue(d) <= addDays(today, amberDays));
    expect(start).toBeDefined();
    await registered({ title: '临近会办期限的建议', receivedOn: start, coOrgIds: [org['XZ-WJJ']] });
    todo = await coTodo(xz);
    expect(todo!.title).toBe('会办意见待提出：2件建议提案，其中1件已超过会办期限，1件临近会办期限');
    const view = (await xz.get(`/api/matters/proposal/${overdue}`)).json();
    expect(coHandlers(view)[orgName['XZ-WJJ']].clock.colour).toBe('red');
    expect((await nh.get(`/api/matters/proposal/${overdue}`)).statusCode).toBe(404);
    expect((await opinion(nh, overdue, { opinion: '越权' })).statusCode).toBe(404);
  });
});

describe('the lead unit names one more co-handler after registration', () => {
  let id: number;
  const assignedOn = addDays(today, -20);
  const add = (who: Client, matterId: number, body: Record<string, unknown>) => who.post(`/api/matters/proposal/${matterId}/co-handlers`, body);
  const pendingCount = async (who: Client) => Number((await coTodo(who))?.title.match(/：(\d+)件/)?.[1] ?? 0);

  it('is offered only to the lead unit’s handlers while the proposal is unanswered', async () => {
    id = await registered({ title: '关于完善院前急救网络的建议', receivedOn: assignedOn, coOrgIds: [org['NH-WJJ']] });
    expect((await office.get(`/api/matters/proposal/${id}`)).json().mayAddCoHandler).toBe(true);
    expect((await nh.get(`/api/matters/proposal/${id}`)).json().mayAddCoHandler).toBe(false);
    expect((await (await env.as('leader')).get(`/api/matters/proposal/${id}`)).json().mayAddCoHandler).toBe(false);
  });

  it('refuses a co-handler’s user (404, as the lead’s steps), a user without the handling permission, the lead itself, an unknown unit, an empty choice and a duplicate', async () => {
    const before = await version(id);
    const byCo = await add(nh, id, { orgId: org['XZ-WJJ'] });
    expect(byCo.statusCode).toBe(404);
    expect(byCo.json().error.message).toBe('建议提案事项不存在或不在您的数据范围内');
    expect((await add(await env.as('leader'), id, { orgId: org['XZ-WJJ'] })).statusCode).toBe(403);
    expect((await add(office, id, { orgId: org['JX-WJW'] })).json().error).toMatchObject({ code: 'CO_HANDLER_IS_LEAD', message: '主办单位不能同时是会办单位' });
    expect((await add(office, id, { orgId: 999_999 })).statusCode).toBe(404);
    const empty = await add(office, id, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请选择会办单位');
    const dup = await add(office, id, { orgId: org['NH-WJJ'] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toEqual({ code: 'CO_HANDLER_EXISTS', message: `${orgName['NH-WJJ']}已是本件的会办单位` });
    expect(await version(id)).toBe(before);
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM matter_co_handlers WHERE matter_id = $1', [id]))!.n).toBe(1);
  });

  it('adds 秀洲区 with its period counted from today: the row, the clock, the history, the version and the audit entry', async () => {
    const pendingBefore = await pendingCount(xz);
    const before = await version(id);
    const res = await add(office, id, { orgId: org['XZ-WJJ'] });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.version).toBe(before + 1);
    expect(coDue(today)).not.toBe(coDue(assignedOn));
    const co = coHandlers(m);
    expect(co[orgName['NH-WJJ']]).toMatchObject({ dueOn: coDue(assignedOn) });
    expect(co[orgName['NH-WJJ']].clock.due).toBe(coDue(assignedOn));
    expect(co[orgName['XZ-WJJ']]).toMatchObject({ orgId: org['XZ-WJJ'], onPlatform: true, dueOn: coDue(today), opinion: null, mine: false });
    expect(co[orgName['XZ-WJJ']].clock).toMatchObject({ due: coDue(today), colour: 'green', stoppedOn: null });
    expect(await env.db.one('SELECT due_on FROM matter_co_handlers WHERE matter_id = $1 AND org_id = $2', [id, org['XZ-WJJ']])).toEqual({ due_on: coDue(today) });
    expect(m.events.at(-1)).toMatchObject({ step: 'co_handler_added', label: '增加会办单位', userName: '钱慧', input: { orgId: org['XZ-WJJ'], unit: orgName['XZ-WJJ'], startOn: today } });
    const audit = await env.db.query<{ after: Record<string, unknown> }>(`SELECT after FROM audit_log WHERE action = 'matter.proposal.co_handler_add' AND object_id = $1`, [String(id)]);
    expect(audit.map((a) => a.after)).toEqual([expect.objectContaining({ orgId: org['XZ-WJJ'], startOn: today, dueOn: coDue(today) })]);
    // The new co-handler reads it, owes its opinion and is reminded.
    expect(await pendingCount(xz)).toBe(pendingBefore + 1);
    expect(ids((await xz.get('/api/matters/proposal?coHandled=pending&pageSize=100')).json())).toContain(id);
    expect(coHandlers((await xz.get(`/api/matters/proposal/${id}`)).json())[orgName['XZ-WJJ']].mine).toBe(true);
  });

  it('the lead’s answer waits for the added co-handler’s opinion; once given, the lead answers and can add no more', async () => {
    expect((await opinion(nh, id, { opinion: '南湖区同意，将配合优化急救站点布局。' })).statusCode).toBe(200);
    const early = await stepOf(office, id, 'answer', { reply: '答复' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain(orgName['XZ-WJJ']);
    expect(early.json().error.message).not.toContain(orgName['NH-WJJ']);
    expect((await opinion(xz, id, { opinion: '秀洲区将增设两个急救站点。' })).statusCode).toBe(200);
    const answered = await stepOf(office, id, 'answer', { reply: '已采纳，吸收会办单位意见后纳入急救网络规划' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'answered', mayAddCoHandler: false });
    const late = await add(office, id, { orgId: org['JX-JDS'] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toEqual({ code: 'CO_HANDLER_CLOSED', message: '主办单位已答复，不能再增加会办单位' });
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM matter_co_handlers WHERE matter_id = $1', [id]))!.n).toBe(2);
  });
});
