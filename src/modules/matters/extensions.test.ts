// Extensions of a matter's clock in two steps, through the API on a real database: the
// handler asks (the reason, and the days where the law lets the length vary, up to its
// maximum), the clock stays as it is; a user with matters.approve in scope approves (the
// clock moves by exactly the days asked, counted across holidays like the clock itself)
// or refuses with a reason (the handler may ask again). One request waits at a time, one
// extension per clock; the approver's to-do list and the list's "awaiting" filter show
// the requests; the public tracking page shows the approved extension, not the request.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { extendedDue, type ClockSpec } from '../../core/procedure/engine';
import { MATTER_CLOCKS, MATTER_EXTENSIONS } from '../../core/matters/clocks';
import { chineseDate } from '../../platform/documents/officialDocument';

let env: TestEnv;
let cal: WorkCalendar;
let admin: Client;
let leader: Client;
let office: Client;
let hotline: Client;
let xzLeader: Client;
const org: Record<string, number> = {};
const userId: Record<string, number> = {};
const today = todayInChina();

const due = (spec: Pick<ClockSpec, 'amount' | 'unit'>, start: string, extensions: number[] = []) => extendedDue(cal, spec, start, extensions).due;

interface Todo { id: string; title: string; link: string; due: string | null }
interface NextStep { id: string; allowed: boolean; mine: boolean; refusal?: { code: string; message: string } }

async function version(id: number): Promise<number> {
  return (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!.version;
}

async function step(who: Client, kind: string, id: number, name: string, input: Record<string, unknown> = {}) {
  return who.post(`/api/matters/${kind}/${id}/steps/${name}`, { version: await version(id), input });
}

async function ok(who: Client, kind: string, id: number, name: string, input: Record<string, unknown> = {}) {
  const res = await step(who, kind, id, name, input);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function view(who: Client, kind: string, id: number) {
  const res = await who.get(`/api/matters/${kind}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const stepOf = (m: { nextSteps: NextStep[] }, id: string) => m.nextSteps.find((s) => s.id === id);
const todos = async (who: Client): Promise<Todo[]> => (await who.get('/api/home/todos')).json();

/** A petition of JX-WJW accepted on `acceptedOn` (dates set in the database, as if it had been accepted then). */
async function acceptedPetition(title: string, acceptedOn: string): Promise<number> {
  const res = await office.post('/api/matters/petition', { orgId: org['JX-WJW'], fields: { channel: 'letter', contactName: '延期测试人', title, summary: '延期测试', leaderId: userId.leader } });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as number;
  await ok(office, 'petition', id, 'accept');
  await env.db.query('UPDATE matters SET received_on = $2, accepted_on = $2, clock_start_on = $2, due_on = $3 WHERE id = $1',
    [id, acceptedOn, due(MATTER_CLOCKS.petition.conclude, acceptedOn)]);
  return id;
}

beforeAll(async () => {
  env = await setupTestEnv();
  cal = await env.ctx.calendar.current();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  for (const r of await env.db.query<{ id: number; username: string }>('SELECT id, username FROM users')) userId[r.username] = r.id;
  [admin, leader, office, hotline] = await Promise.all(['admin', 'leader', 'office', 'hotline'].map((u) => env.as(u)));
  // The head of the Xiuzhou district bureau: approves extensions, but only of its own district's matters.
  const created = await admin.post('/api/users', {
    username: 'xzhead', displayName: '秀洲区局长', orgId: org['XZ-WJJ'], roles: ['leader'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026', active: true,
  });
  expect(created.statusCode, created.body).toBe(200);
  xzLeader = await env.as('xzhead', 'District2026');
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('a petition’s handling period', () => {
  // Accepted 2025-08-02: the 60th day is 10-01 (国庆节 until 10-08), so the period ends Thu 10-09;
  // 30 more days counted from 10-09 end Sat 11-08, a rest day: Mon 11-10.
  const acceptedOn = '2025-08-02';
  let id: number;

  it('the demo leader starts with nothing to approve', async () => {
    expect((await todos(leader)).filter((t) => t.id.endsWith('.extension'))).toEqual([]);
    expect((await leader.get('/api/matters/petition?awaiting=extension')).json().total).toBe(0);
  });

  it('is asked for by the handler; the clock stays as it is and the request shows who asked, when and why', async () => {
    id = await acceptedPetition('反映医院收费问题（延期）', acceptedOn);
    expect(due(MATTER_CLOCKS.petition.conclude, acceptedOn)).toBe('2025-10-09');
    const before = await view(leader, 'petition', id);
    // Nothing asked yet: the approver is offered no approval at all, not even a disabled one.
    expect(stepOf(before, 'approve_extension')).toBeUndefined();
    expect(stepOf(before, 'refuse_extension')).toBeUndefined();
    // The approver cannot ask (the handler's step); nor can the handler approve.
    expect((await step(leader, 'petition', id, 'request_extension', { reason: '情况复杂' })).statusCode).toBe(403);
    const empty = await step(office, 'petition', id, 'request_extension', { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('延长的理由');
    const tooLong = await step(office, 'petition', id, 'request_extension', { amount: 31, reason: '情况复杂' });
    expect(tooLong.statusCode).toBe(409);
    expect(tooLong.json().error).toMatchObject({ code: 'EXTENSION_DAYS' });
    expect(tooLong.json().error.message).toContain('1至30日');

    const m = await ok(office, 'petition', id, 'request_extension', { reason: '涉及多个部门，需要调查核实' });
    expect(m).toMatchObject({ state: 'accepted', extended: false, extensions: [], dueOn: '2025-10-09' });
    expect(m.clocks.find((c: { id: string }) => c.id === 'conclude')).toMatchObject({ due: '2025-10-09' });
    expect(m.clocks.find((c: { id: string }) => c.id === 'conclude').extendedFrom).toBeUndefined();
    expect(m.details.extensionRequest).toEqual({ amount: MATTER_EXTENSIONS.petitionConclude, reason: '涉及多个部门，需要调查核实', requestedBy: '钱慧', on: today });
    expect(m.events.at(-1)).toMatchObject({ step: 'request_extension', label: '申请延长办理期限', userName: '钱慧', input: { reason: '涉及多个部门，需要调查核实' } });
    expect((await env.db.one<{ due_on: string }>('SELECT due_on FROM matters WHERE id = $1', [id]))!.due_on).toBe('2025-10-09');
    // The handler sees the approval waiting on someone else; the approver gets the buttons.
    expect(stepOf(m, 'approve_extension')).toMatchObject({ allowed: true, mine: false });
    const asApprover = await view(leader, 'petition', id);
    expect(stepOf(asApprover, 'approve_extension')).toMatchObject({ allowed: true, mine: true });
    expect(stepOf(asApprover, 'refuse_extension')).toMatchObject({ allowed: true, mine: true });
    expect(stepOf(asApprover, 'request_extension')).toMatchObject({ allowed: false, refusal: { code: 'EXTENSION_PENDING' } });
  });

  it('a second request while the first waits is refused', async () => {
    const again = await step(office, 'petition', id, 'request_extension', { reason: '再次申请' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'EXTENSION_PENDING' });
    expect(again.json().error.message).toContain('尚待批准');
  });

  it('waits on the approvers’ to-do lists (and their list’s filter), not on the handler’s', async () => {
    const todo = (await todos(leader)).find((t) => t.id === 'matters.petition.extension');
    expect(todo).toMatchObject({ title: expect.stringContaining('信访延长期限申请待审批：1件'), link: '/matters/petition?awaiting=extension', due: '2025-10-09' });
    const listed = (await leader.get('/api/matters/petition?awaiting=extension')).json();
    expect(listed.rows.map((r: { id: number }) => r.id)).toEqual([id]);
    expect((await todos(office)).some((t) => t.id.endsWith('.extension'))).toBe(false);
    // The Xiuzhou head approves within Xiuzhou only: the city's petition is neither listed nor theirs to approve.
    expect((await todos(xzLeader)).some((t) => t.id.endsWith('.extension'))).toBe(false);
    expect((await xzLeader.get('/api/matters/petition?awaiting=extension')).json().total).toBe(0);
    expect((await step(xzLeader, 'petition', id, 'approve_extension')).statusCode).toBe(404);
  });

  it('nobody without matters.approve can approve or refuse it', async () => {
    const byHandler = await step(office, 'petition', id, 'approve_extension');
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json().error.message).toContain('无权执行');
    expect((await step(office, 'petition', id, 'refuse_extension', { reason: '不同意' })).statusCode).toBe(403);
    expect((await step(hotline, 'petition', id, 'approve_extension')).statusCode).toBe(403);
    expect((await view(office, 'petition', id)).extended).toBe(false);
  });

  it('approved, the period moves by exactly the law’s 30 days, across the holidays and past a closing rest day', async () => {
    const m = await ok(leader, 'petition', id, 'approve_extension');
    expect(m).toMatchObject({ state: 'accepted', extended: true, dueOn: '2025-11-10' });
    expect(due(MATTER_CLOCKS.petition.conclude, acceptedOn, [MATTER_EXTENSIONS.petitionConclude])).toBe('2025-11-10');
    expect(m.clocks.find((c: { id: string }) => c.id === 'conclude')).toMatchObject({ due: '2025-11-10', extendedFrom: '2025-10-09' });
    expect(m.extensions).toEqual([{ amount: 30, reason: '涉及多个部门，需要调查核实', approvedBy: '沈建国', on: today, requestedBy: '钱慧', requestedOn: today }]);
    expect(m.details.extensionRequest).toBeNull();
    expect(m.events.at(-1)).toMatchObject({ step: 'approve_extension', label: '批准延长办理期限', userName: '沈建国' });
    // Decided: gone from the to-do list and the filter; nothing more to approve or refuse.
    expect((await todos(leader)).filter((t) => t.id.endsWith('.extension'))).toEqual([]);
    expect((await leader.get('/api/matters/petition?awaiting=extension')).json().total).toBe(0);
    expect(stepOf(m, 'approve_extension')).toBeUndefined();
    const audit = await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'matter.petition.approve_extension' AND object_id = $1`, [String(id)]);
    expect(audit!.n).toBe(1);
  });

  it('only once: another request is refused, citing the limit', async () => {
    const again = await step(office, 'petition', id, 'request_extension', { reason: '仍需调查' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ALREADY_EXTENDED' });
    expect(again.json().error.message).toContain('办理期限只能延长一次');
    expect((await step(leader, 'petition', id, 'approve_extension')).statusCode).toBe(409);
    expect((await view(office, 'petition', id)).dueOn).toBe('2025-11-10');
  });
});

describe('a refused request, and a shorter extension', () => {
  const acceptedOn = '2026-01-10';
  let id: number;

  it('a refusal needs a reason, leaves the clock, and the handler may ask again', async () => {
    id = await acceptedPetition('反映诊所服务态度（延期被驳回）', acceptedOn);
    const original = due(MATTER_CLOCKS.petition.conclude, acceptedOn);
    await ok(office, 'petition', id, 'request_extension', { amount: 10, reason: '需要补充调查' });
    const bare = await step(leader, 'petition', id, 'refuse_extension', { reason: ' ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('不予批准的理由');
    const m = await ok(leader, 'petition', id, 'refuse_extension', { reason: '现有材料足以作出处理意见，应按期办结' });
    expect(m).toMatchObject({ state: 'accepted', extended: false, extensions: [], dueOn: original });
    expect(m.details.extensionRequest).toBeNull();
    expect(m.details.extensionRefused).toMatchObject({ amount: 10, requestedBy: '钱慧', refusedBy: '沈建国', refusedOn: today, refusal: '现有材料足以作出处理意见，应按期办结' });
    expect(m.events.at(-1)).toMatchObject({ step: 'refuse_extension', label: '不予批准延长', input: { reason: '现有材料足以作出处理意见，应按期办结' } });
    expect((await step(leader, 'petition', id, 'refuse_extension', { reason: '再驳回' })).statusCode).toBe(409);
    expect((await todos(leader)).filter((t) => t.id.endsWith('.extension'))).toEqual([]);
  });

  it('asked again for 10 days and approved by a user who both handles and approves: 10 days, not 30', async () => {
    const again = await ok(admin, 'petition', id, 'request_extension', { amount: 10, reason: '鉴定结论尚未出具' });
    expect(again.dueOn).toBe(due(MATTER_CLOCKS.petition.conclude, acceptedOn));
    const m = await ok(admin, 'petition', id, 'approve_extension');
    expect(m.dueOn).toBe(due(MATTER_CLOCKS.petition.conclude, acceptedOn, [10]));
    expect(m.extensions).toEqual([expect.objectContaining({ amount: 10, reason: '鉴定结论尚未出具', approvedBy: '系统管理员', requestedBy: '系统管理员' })]);
  });
});

describe('a disclosure request’s reply period', () => {
  // Received Wed 2026-09-30: 20 working days across National Day end Tue 11-03; 20 more
  // working days end Tue 12-01 (clocks.test.ts counts them day by day).
  const receivedOn = '2026-09-30';
  let id: number;
  let trackingCode: string;

  it('is asked for by the office (at most 20 working days), unchanged until approved', async () => {
    const filed = await env.app.inject({
      method: 'POST', url: '/api/public/disclosure-requests', remoteAddress: '10.99.0.1',
      payload: { orgId: org['JX-WJW'], contactName: '许延期', contactPhone: '13900001111', title: '2026年第三季度医疗机构校验结果' },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    trackingCode = filed.json().trackingCode;
    id = (await env.db.one<{ id: number }>('SELECT id FROM matters WHERE tracking_code = $1', [trackingCode]))!.id;
    await env.db.query('UPDATE matters SET received_on = $2, clock_start_on = $2, due_on = $3 WHERE id = $1', [id, receivedOn, due(MATTER_CLOCKS.disclosure.reply, receivedOn)]);
    const tooLong = await step(office, 'disclosure', id, 'request_extension', { amount: 21, reason: '需要调取档案' });
    expect(tooLong.statusCode).toBe(409);
    expect(tooLong.json().error.message).toContain('1至20个工作日');
    expect(tooLong.json().error.message).toContain('第三十三条');
    const m = await ok(office, 'disclosure', id, 'request_extension', { reason: '申请公开的信息需要汇总多个区的数据' });
    expect(m).toMatchObject({ state: 'received', extended: false, dueOn: '2026-11-03' });
    expect(m.documents.map((d: { id: string }) => d.id)).not.toContain('extension');
    expect((await todos(leader)).find((t) => t.id === 'matters.disclosure.extension')).toMatchObject({ link: '/matters/disclosure?awaiting=extension' });
  });

  it('the public does not see the request while it waits', async () => {
    const tracked = (await env.app.inject({ method: 'GET', url: `/api/public/matters/${trackingCode}`, remoteAddress: '10.99.0.2' })).json();
    expect(tracked.extended).toBe(false);
    expect(tracked.history.map((h: { label: string }) => h.label)).not.toContain('申请延长答复期限');
  });

  it('approved: exactly 20 more working days; the applicant’s notice and the tracking page say so', async () => {
    expect((await step(office, 'disclosure', id, 'approve_extension')).statusCode).toBe(403);
    const m = await ok(leader, 'disclosure', id, 'approve_extension');
    expect(m).toMatchObject({ state: 'received', extended: true, dueOn: '2026-12-01' });
    expect(due(MATTER_CLOCKS.disclosure.reply, receivedOn, [MATTER_EXTENSIONS.disclosureReply])).toBe('2026-12-01');
    expect(m.clocks.find((c: { id: string }) => c.id === 'reply')).toMatchObject({ due: '2026-12-01', extendedFrom: '2026-11-03' });
    const doc = await leader.get(`/api/matters/disclosure/${id}/documents/extension`);
    expect(doc.statusCode).toBe(200);
    const text = (await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('因申请公开的信息需要汇总多个区的数据');
    expect(text).toContain('答复期限延长20个工作日');
    expect(text).toContain(`将于${chineseDate('2026-12-01')}前答复`);
    const tracked = (await env.app.inject({ method: 'GET', url: `/api/public/matters/${trackingCode}`, remoteAddress: '10.99.0.3' })).json();
    expect(tracked).toMatchObject({ extended: true, dueOn: '2026-12-01' });
    expect(tracked.history.map((h: { label: string }) => h.label)).not.toContain('申请延长答复期限');
    expect(tracked.history.find((h: { label: string }) => h.label === '批准延长答复期限并告知申请人')).toMatchObject({ note: '申请公开的信息需要汇总多个区的数据' });
    const again = await step(office, 'disclosure', id, 'request_extension', { reason: '再延' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('答复期限只能延长一次');
  });
});
