// Matters on a legal clock through the API on a real database: the hotline ticket from the
// call to the callback (a complaint routed to the supervision institute, which verifies,
// opens a penalty-case lead and replies), repeated complaints linked, scope and
// permissions; the petition's one extension; the disclosure request's one correction
// notice restarting the clock, the third party's pause, the extension, the reasoned
// refusal and the Word notices; mediation with an appraisal pause; reconsideration's
// simplified clock and follow-up; litigation's head in court and appeal period; the
// proposal's co-handlers; reassignment and the to-do lists; search, filters, export.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { extendedDue, type ClockSpec } from '../../core/procedure/engine';
import { MATTER_CLOCKS, MATTER_EXTENSIONS } from '../../core/matters/clocks';
import { RULES } from '../../core/law/rules';

let env: TestEnv;
let cal: WorkCalendar;
let hotline: Client;
let leader: Client;
let legal: Client;
let office: Client;
let mediator: Client;
let inspector1: Client;
let inspector3: Client;
const org: Record<string, number> = {};
const userId: Record<string, number> = {};
let entityA: number;
let entityB: number;
const today = todayInChina();

const due = (spec: Pick<ClockSpec, 'amount' | 'unit'>, start: string, extensions: number[] = [], pauses: { from: string; to: string }[] = []) =>
  extendedDue(cal, spec, start, extensions, pauses).due;

interface ClockView { id: string; start: string; due: string; colour: string; stoppedOn: string | null }

async function register(who: Client, kind: string, orgId: number, fields: Record<string, unknown>): Promise<number> {
  const res = await who.post(`/api/matters/${kind}`, { orgId, fields });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

async function view(who: Client, kind: string, id: number) {
  const res = await who.get(`/api/matters/${kind}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

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

const clock = (m: { clocks: ClockView[] }, id: string) => m.clocks.find((c) => c.id === id)!;

async function textOf(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

async function docx(who: Client, kind: string, id: number, doc: string): Promise<string> {
  const res = await who.get(`/api/matters/${kind}/${id}/documents/${doc}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  return textOf(res.rawPayload);
}

beforeAll(async () => {
  env = await setupTestEnv();
  cal = await env.ctx.calendar.current();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  for (const r of await env.db.query<{ id: number; username: string }>('SELECT id, username FROM users')) userId[r.username] = r.id;
  // Entities no seeded matter names, so the links between complaints are this file's own.
  const entities = await env.db.query<{ id: number }>(
    'SELECT id FROM entities e WHERE org_id = $1 AND NOT EXISTS (SELECT 1 FROM matters m WHERE m.entity_id = e.id) ORDER BY id LIMIT 2', [org['NH-JDS']]);
  [entityA, entityB] = entities.map((e) => e.id);
  [hotline, leader, legal, office, mediator, inspector1, inspector3] = await Promise.all(
    ['hotline', 'leader', 'legal', 'office', 'mediator', 'inspector1', 'inspector3'].map((u) => env.as(u)));
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('the home page before any work', () => {
  it('the leader, who only approves, has an empty to-do list (the login journey shows it)', async () => {
    expect((await leader.get('/api/home/todos')).json()).toEqual([]);
  });
});

describe('the 12320 hotline', () => {
  let complaint: number;

  it('the operator answers a consultation on the spot: closed, concluded today', async () => {
    const id = await register(hotline, 'hotline', org['JX-WJW'], {
      subtype: 'consultation', channel: 'phone', contactName: '王建华', contactPhone: '13912345678', summary: '咨询新生儿出生医学证明办理地点',
    });
    const m = await ok(hotline, 'hotline', id, 'answer_on_spot', { reply: '请携带身份证到出生医院办理' });
    expect(m).toMatchObject({ state: 'closed', final: true, concludedOn: today, reply: '请携带身份证到出生医院办理' });
    expect(m.matterNo).toMatch(/^JX-WJW-RX-\d{4}-\d{5}$/);
    expect(clock(m, 'forward').stoppedOn).toBe(today);
  });

  it('a complaint cannot be closed on the spot; it is routed to the supervision institute with a handling clock', async () => {
    complaint = await register(hotline, 'hotline', org['JX-WJW'], {
      subtype: 'complaint_report', channel: 'phone', contactName: '李秀英', contactPhone: '13800001111', entityId: entityA, summary: '该单位泳池水质浑浊，有异味',
    });
    const spot = await step(hotline, 'hotline', complaint, 'answer_on_spot', { reply: '已记录' });
    expect(spot.statusCode).toBe(409);
    expect(spot.json().error.message).toContain('投诉举报应转有关单位核查处理，不能当场办结');
    const m = await ok(hotline, 'hotline', complaint, 'route', { handlerOrgId: org['NH-JDS'], instruction: '请核查泳池水质' });
    expect(m).toMatchObject({ state: 'routed', handlerOrgId: org['NH-JDS'], repeatOfId: null });
    expect(clock(m, 'forward').stoppedOn).toBe(today);
    const handle = clock(m, 'handle');
    expect(handle.start).toBe(today);
    expect(handle.due).toBe(due(MATTER_CLOCKS.hotline.handle, today));
    expect(m.dueOn).toBe(handle.due);
    expect(m.documents.map((d: { id: string }) => d.id)).toContain('transfer');
  });

  it('a user without the step’s permission gets 403; an inspector of another district does not see it (404)', async () => {
    const forbidden = await step(office, 'hotline', complaint, 'start_verification');
    expect(forbidden.statusCode).toBe(403);
    const operator = await step(hotline, 'hotline', complaint, 'start_verification');
    expect(operator.statusCode).toBe(403);
    expect((await inspector3.get(`/api/matters/hotline/${complaint}`)).statusCode).toBe(404);
    expect((await step(inspector3, 'hotline', complaint, 'start_verification')).statusCode).toBe(404);
    const list = (await inspector3.get('/api/matters/hotline')).json();
    expect(list.rows.map((r: { id: number }) => r.id)).not.toContain(complaint);
    const routedToMe = (await inspector1.get('/api/matters/hotline?pageSize=100')).json();
    expect(routedToMe.rows.map((r: { id: number }) => r.id)).toContain(complaint);
  });

  it('the institute verifies, opens a penalty-case lead in one step, and replies', async () => {
    const seen = await view(inspector1, 'hotline', complaint);
    expect(seen.nextSteps.find((s: { id: string }) => s.id === 'start_verification')).toMatchObject({ allowed: true, mine: true });
    expect((await ok(inspector1, 'hotline', complaint, 'start_verification')).state).toBe('verifying');
    const lead = await ok(inspector1, 'hotline', complaint, 'open_case_lead', { cause: '游泳场所水质不符合卫生标准' });
    expect(lead.state).toBe('verifying');
    expect(lead.caseId).toEqual(expect.any(Number));
    const c = await inspector1.get(`/api/cases/${lead.caseId}`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ source: 'complaint', entityId: entityA, state: 'lead', orgId: org['NH-JDS'] });
    const again = await step(inspector1, 'hotline', complaint, 'open_case_lead', { cause: '再次立案' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已转为案件线索');
    const replied = await ok(inspector1, 'hotline', complaint, 'reply', { finding: 'substantiated', reply: '经核查属实，已立案调查' });
    expect(replied).toMatchObject({ state: 'replied', reply: '经核查属实，已立案调查' });
    expect(clock(replied, 'handle').stoppedOn).toBe(today);
    expect(clock(replied, 'callback').due).toBe(due(MATTER_CLOCKS.hotline.callback, today));
  });

  it('the operator calls back and records the caller’s satisfaction: closed', async () => {
    expect((await step(inspector1, 'hotline', complaint, 'callback', { satisfaction: 'satisfied' })).statusCode).toBe(403);
    const m = await ok(hotline, 'hotline', complaint, 'callback', { satisfaction: 'satisfied', note: '来电人表示满意' });
    expect(m).toMatchObject({ state: 'closed', satisfaction: 'satisfied', concludedOn: today });
    expect(m.events.map((e: { step: string }) => e.step)).toEqual(['register', 'route', 'start_verification', 'open_case_lead', 'reply', 'callback']);
  });

  it('a second complaint about the same entity is linked to the first and shown as related; a consultation is not a repeat', async () => {
    const second = await register(hotline, 'hotline', org['JX-WJW'], {
      subtype: 'complaint_report', channel: 'web', anonymous: true, entityId: entityA, summary: '泳池水质仍然浑浊',
    });
    const m = await view(hotline, 'hotline', second);
    expect(m.repeatOfId).toBe(complaint);
    expect(m.related.map((r: { id: number }) => r.id)).toEqual([complaint]);
    const consultation = await register(hotline, 'hotline', org['JX-WJW'], {
      subtype: 'consultation', channel: 'phone', entityId: entityA, summary: '咨询该游泳馆开放时间',
    });
    expect((await view(hotline, 'hotline', consultation)).repeatOfId).toBeNull();
    const other = await register(hotline, 'hotline', org['JX-WJW'], {
      subtype: 'complaint_report', channel: 'phone', contactName: '赵强', contactPhone: '13700002222', entityId: entityB, summary: '另一家单位的投诉',
    });
    expect((await view(hotline, 'hotline', other)).repeatOfId).toBeNull();
  });

  it('an anonymous complaint cannot be called back, only closed without callback with a reason', async () => {
    const id = await register(hotline, 'hotline', org['JX-WJW'], { subtype: 'complaint_report', channel: 'web', anonymous: true, entityId: entityB, summary: '匿名举报' });
    await ok(hotline, 'hotline', id, 'route', { handlerOrgId: org['NH-JDS'] });
    await ok(inspector1, 'hotline', id, 'start_verification');
    await ok(inspector1, 'hotline', id, 'reply', { finding: 'unsubstantiated', reply: '经核查不属实' });
    const call = await step(hotline, 'hotline', id, 'callback', { satisfaction: 'satisfied' });
    expect(call.statusCode).toBe(409);
    expect(call.json().error.message).toContain('无法回访');
    expect((await ok(hotline, 'hotline', id, 'close_without_callback', { reason: '匿名举报，无法回访' })).state).toBe('closed');
  });

  it('any call type may be routed, each on its own local handling period', async () => {
    const admin = await env.as('admin');
    const set = await admin.put(`/api/rules/${RULES.hotlineHandleSuggestion.id}/orgs/${org['JX-WJW']}`, { value: 2, note: '建议类2个工作日' });
    expect(set.statusCode, set.body).toBe(200);
    const suggestion = await register(hotline, 'hotline', org['JX-WJW'], { subtype: 'suggestion', channel: 'phone', summary: '建议公布夜间门诊时间' });
    const complaint = await register(hotline, 'hotline', org['JX-WJW'], { subtype: 'complaint_report', channel: 'phone', summary: '诊所无证行医', contactPhone: '13800000000' });
    const routed = [await ok(hotline, 'hotline', suggestion, 'route', { handlerOrgId: org['NH-JDS'] }), await ok(hotline, 'hotline', complaint, 'route', { handlerOrgId: org['NH-JDS'] })];
    const handle = (m: { clocks: ClockView[] }) => m.clocks.find((c) => c.id === 'handle')!;
    expect(handle(routed[0]).due).toBe(due({ amount: 2, unit: 'workday' }, today));
    expect(handle(routed[1]).due).toBe(due({ amount: RULES.hotlineHandle.value, unit: 'workday' }, today));
    expect(routed[0].dueOn).toBe(handle(routed[0]).due);
    await admin.put(`/api/rules/${RULES.hotlineHandleSuggestion.id}/orgs/${org['JX-WJW']}`, { value: null, note: null });
  });

  it('a stale version is refused', async () => {
    const id = await register(hotline, 'hotline', org['JX-WJW'], { subtype: 'suggestion', channel: 'phone', summary: '建议延长服务时间' });
    const res = await hotline.post(`/api/matters/hotline/${id}/steps/answer_on_spot`, { version: (await version(id)) + 1, input: { reply: '感谢建议' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('请刷新后重试');
  });
});

describe('petitions', () => {
  let id: number;

  it('are registered with one responsible leader and accepted', async () => {
    const missing = await office.post('/api/matters/petition', { orgId: org['JX-WJW'], fields: { channel: 'letter', contactName: '欧阳测试', title: '反映诊所收费问题', summary: '诊所乱收费' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('请填写责任领导');
    id = await register(office, 'petition', org['JX-WJW'], {
      channel: 'letter', contactName: '欧阳测试', contactPhone: '13600003333', title: '反映诊所收费问题', summary: '诊所乱收费', leaderId: userId.leader,
    });
    const registered = await view(office, 'petition', id);
    expect(registered).toMatchObject({ state: 'registered', leaderId: userId.leader, leaderName: '沈建国' });
    expect(registered.dueOn).toBe(due(MATTER_CLOCKS.petition.accept, today));
    const m = await ok(office, 'petition', id, 'accept');
    expect(m).toMatchObject({ state: 'accepted', acceptedOn: today });
    expect(m.dueOn).toBe(due(MATTER_CLOCKS.petition.conclude, today));
  });

  it('the handling period is extended once, asked for by the office and approved by the leader, by the law’s 30 days (extensions.test.ts has the rest)', async () => {
    expect((await step(office, 'petition', id, 'approve_extension')).statusCode).toBe(403);
    await ok(office, 'petition', id, 'request_extension', { reason: '情况复杂，需要调查核实' });
    const m = await ok(leader, 'petition', id, 'approve_extension');
    expect(MATTER_EXTENSIONS.petitionConclude).toBe(30);
    const expected = due(MATTER_CLOCKS.petition.conclude, today, [MATTER_EXTENSIONS.petitionConclude]);
    expect(m.dueOn).toBe(expected);
    expect(clock(m, 'conclude')).toMatchObject({ due: expected, extendedFrom: due(MATTER_CLOCKS.petition.conclude, today) });
    expect(m.extensions).toEqual([expect.objectContaining({ amount: 30, reason: '情况复杂，需要调查核实', approvedBy: '沈建国', on: today, requestedBy: '钱慧' })]);
    const again = await step(office, 'petition', id, 'request_extension', { reason: '再延长' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('只能延长一次');
  });

  it('is answered in writing: concluded today, the opinion available as a document', async () => {
    const m = await ok(office, 'petition', id, 'answer', { reply: '经调查，该诊所已退还多收费用' });
    expect(m).toMatchObject({ state: 'answered', concludedOn: today });
    expect(m.documents.map((d: { id: string }) => d.id)).toEqual(['acceptance', 'opinion']);
    expect(await docx(office, 'petition', id, 'opinion')).toContain('第三十五条');
  });

  it('a review requested more than 30 days after the answer is refused; within 30 days it is registered', async () => {
    const late = await register(office, 'petition', org['JX-WJW'], { channel: 'visit', contactName: '周红', title: '复查期限', summary: '测试', leaderId: userId.leader });
    await ok(office, 'petition', late, 'accept');
    await ok(office, 'petition', late, 'answer', { reply: '处理意见' });
    // Answered so long ago that the 30 days (moved past a closing rest day) ended before today.
    let answeredOn = addDays(today, -31);
    while (due(MATTER_CLOCKS.petition.reviewRequest, answeredOn) >= today) answeredOn = addDays(answeredOn, -1);
    await env.db.query('UPDATE matters SET received_on = $2, accepted_on = $2, clock_start_on = $2, concluded_on = $3 WHERE id = $1', [late, addDays(today, -90), answeredOn]);
    const refused = await step(office, 'petition', late, 'request_review', { note: '不服处理意见' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('超过收到书面答复之日起30日');
    // Requested on the period's last day (not a fixed offset from today, which a rest day can push past it).
    const lastDay = due(MATTER_CLOCKS.petition.reviewRequest, answeredOn);
    const inTime = await step(office, 'petition', late, 'request_review', { requestedOn: lastDay, note: '不服处理意见' });
    expect(inTime.statusCode, inTime.body).toBe(200);
    const m = inTime.json();
    expect(m.state).toBe('review_requested');
    expect(clock(m, 'review_answer').due).toBe(due(MATTER_CLOCKS.petition.reviewAnswer, lastDay));
  });
});

describe('disclosure requests', () => {
  let id: number;
  const receivedOn = addDays(today, -3);

  it('are registered; the correction is asked for once and restarts the reply clock from the corrected request', async () => {
    id = await register(office, 'disclosure', org['JX-WJW'], {
      channel: 'paper', contactName: '孙立新', contactPhone: '13500004444', title: '2025年医疗机构校验情况', summary: '电子邮件',
    });
    await env.db.query('UPDATE matters SET received_on = $2, clock_start_on = $2 WHERE id = $1', [id, receivedOn]);
    const before = await view(office, 'disclosure', id);
    expect(clock(before, 'correction').due).toBe(due(MATTER_CLOCKS.disclosure.correction, receivedOn));
    expect(clock(before, 'reply').start).toBe(receivedOn);
    const asked = await ok(office, 'disclosure', id, 'request_correction', { notice: '请明确所需信息的年份和医疗机构范围' });
    expect(asked.state).toBe('correction_requested');
    expect(asked.clocks.map((c: ClockView) => c.id)).toEqual(['correction']);
    expect(clock(asked, 'correction').stoppedOn).toBe(today);
    expect((await step(office, 'disclosure', id, 'request_correction', { notice: '再补正' })).statusCode).toBe(409);
    const corrected = await ok(office, 'disclosure', id, 'corrected', { correctedOn: today });
    expect(corrected.state).toBe('received');
    expect(clock(corrected, 'reply').start).toBe(today);
    expect(corrected.dueOn).toBe(due(MATTER_CLOCKS.disclosure.reply, today));
    const second = await step(office, 'disclosure', id, 'request_correction', { notice: '还需补正' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'CORRECTION_ONCE' });
    expect(second.json().error.message).toContain('第三十条');
  });

  it('third-party consultation pauses the clock; its reply resumes it', async () => {
    const m = await ok(office, 'disclosure', id, 'consult_third_party', { thirdParty: '嘉兴某医院' });
    expect(m.state).toBe('third_party');
    expect(m.pauses).toEqual([expect.objectContaining({ from: today, to: today })]);
    expect(clock(m, 'third_party').due).toBe(due(MATTER_CLOCKS.disclosure.thirdParty, today));
    // A consultation running for a week moves the reply's due date by the days it ran.
    const from = addDays(today, -7);
    await env.db.query(`UPDATE matters SET pauses = jsonb_build_array(jsonb_build_object('from', $2::text, 'to', $2::text, 'reason', 'x')) WHERE id = $1`, [id, from]);
    const paused = await view(office, 'disclosure', id);
    expect(clock(paused, 'reply').due).toBe(due(MATTER_CLOCKS.disclosure.reply, today, [], [{ from, to: today }]));
    await env.db.query(`UPDATE matters SET pauses = jsonb_build_array(jsonb_build_object('from', $2::text, 'to', $2::text, 'reason', 'x')) WHERE id = $1`, [id, today]);
    const resumed = await ok(office, 'disclosure', id, 'third_party_replied', { opinion: '不同意公开' });
    expect(resumed.state).toBe('received');
    expect(resumed.pauses).toEqual([expect.objectContaining({ from: today, to: today })]);
    expect(resumed.clocks.map((c: ClockView) => c.id)).toEqual(['reply']);
  });

  it('the reply period is extended once: asked for by the office, approved by the leader', async () => {
    await ok(office, 'disclosure', id, 'request_extension', { reason: '需要调取档案' });
    expect((await step(office, 'disclosure', id, 'approve_extension')).statusCode).toBe(403);
    const m = await ok(leader, 'disclosure', id, 'approve_extension');
    expect(m.extended).toBe(true);
    expect(m.dueOn).toBe(due(MATTER_CLOCKS.disclosure.reply, today, [MATTER_EXTENSIONS.disclosureReply], [{ from: today, to: today }]));
    expect((await step(office, 'disclosure', id, 'request_extension', { reason: '再延' })).statusCode).toBe(409);
  });

  it('a refusal must give its legal reason', async () => {
    const bare = await step(office, 'disclosure', id, 'answer', { answerType: 'not_disclosed', reply: '不予公开' });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error.message).toContain('应当告知理由和依据');
    expect(bare.json().error.message).toContain('第三十六条');
    const m = await ok(office, 'disclosure', id, 'answer', { answerType: 'not_disclosed', reply: '不予公开', legalBasis: '涉及第三方商业秘密，依据条例第十五条不予公开' });
    expect(m).toMatchObject({ state: 'answered', outcome: 'not_disclosed', concludedOn: today, final: true });
    expect(clock(m, 'reply').colour).toBe('stopped');
  });

  it('the correction notice, the extension notice and the reply download as Word documents', async () => {
    const m = await view(office, 'disclosure', id);
    expect(m.documents.map((d: { id: string }) => d.id)).toEqual(['correction', 'extension', 'third_party', 'reply']);
    const correction = await docx(office, 'disclosure', id, 'correction');
    expect(correction).toContain('第三十条');
    expect(correction).toContain('请明确所需信息的年份和医疗机构范围');
    const extension = await docx(office, 'disclosure', id, 'extension');
    expect(extension).toContain('第三十三条第二款');
    expect(extension).toContain('需要调取档案');
    const reply = await docx(office, 'disclosure', id, 'reply');
    expect(reply).toContain('第三十六条');
    expect(reply).toContain('涉及第三方商业秘密');
    expect((await office.get(`/api/matters/disclosure/${id}/documents/nothing`)).statusCode).toBe(404);
    expect((await mediator.get(`/api/matters/disclosure/${id}/documents/reply`)).statusCode).toBe(200);
    expect((await inspector3.get(`/api/matters/disclosure/${id}/documents/reply`)).statusCode).toBe(404);
  });
});

describe('medical-dispute mediation', () => {
  it('an appraisal is not counted in the 30 working days; an agreement concludes it', async () => {
    const id = await register(mediator, 'mediation', org['JX-WJW'], {
      subtype: 'people', contactName: '吴丽', contactPhone: '13400005555', entityId: entityA, title: '术后感染纠纷', summary: '患方认为术后感染系医院过错',
    });
    const accepted = await ok(mediator, 'mediation', id, 'accept');
    expect(accepted.dueOn).toBe(due(MATTER_CLOCKS.mediation.conclude, today));
    const appraisal = await ok(mediator, 'mediation', id, 'start_appraisal', { appraiser: '嘉兴市医学会医疗损害鉴定' });
    expect(appraisal.state).toBe('appraisal');
    // An appraisal begun ten days ago moves the due date by the days it has run so far.
    const start = addDays(today, -12);
    const from = addDays(today, -10);
    await env.db.query(`UPDATE matters SET received_on = $2, accepted_on = $2, clock_start_on = $2,
        pauses = jsonb_build_array(jsonb_build_object('from', $3::text, 'to', $3::text, 'reason', '鉴定')) WHERE id = $1`, [id, start, from]);
    const running = await view(mediator, 'mediation', id);
    expect(clock(running, 'conclude').due).toBe(due(MATTER_CLOCKS.mediation.conclude, start, [], [{ from, to: today }]));
    expect(clock(running, 'conclude').due > due(MATTER_CLOCKS.mediation.conclude, start)).toBe(true);
    const done = await ok(mediator, 'mediation', id, 'appraisal_done', { conclusion: '构成三级医疗事故，医方负主要责任' });
    expect(done.state).toBe('accepted');
    expect(done.pauses).toEqual([expect.objectContaining({ from, to: today })]);
    expect(done.dueOn).toBe(due(MATTER_CLOCKS.mediation.conclude, start, [], [{ from, to: today }]));
    const m = await ok(mediator, 'mediation', id, 'agreement', { reply: '医方一次性赔偿患方8万元', amount: 80000 });
    expect(m).toMatchObject({ state: 'concluded', outcome: 'agreement', concludedOn: today });
    expect(m.details.compensationYuan).toBe(80000);
    expect(await docx(mediator, 'mediation', id, 'agreement')).toContain('第三十九条');
  });

  it('past the 30 working days without an agreement it has failed, unless the parties agreed to extend', async () => {
    const id = await register(mediator, 'mediation', org['JX-WJW'], { subtype: 'people', contactName: '钱进', title: '误诊纠纷', summary: '患方认为误诊延误治疗' });
    await ok(mediator, 'mediation', id, 'accept');
    const start = addDays(today, -60);
    await env.db.query('UPDATE matters SET received_on = $2, accepted_on = $2, clock_start_on = $2 WHERE id = $1', [id, start]);
    expect(due(MATTER_CLOCKS.mediation.conclude, start) < today).toBe(true);
    const late = await step(mediator, 'mediation', id, 'agreement', { reply: '赔偿2万元' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('视为调解不成');
    expect(late.json().error.message).toContain('第三十八条');
    const extended = await ok(mediator, 'mediation', id, 'extend', { amount: 30, reason: '双方同意等待复诊结果后再调解' });
    expect(extended.dueOn).toBe(due(MATTER_CLOCKS.mediation.conclude, start, [30]));
    expect((await ok(mediator, 'mediation', id, 'agreement', { reply: '赔偿2万元' })).outcome).toBe('agreement');
  });

  it('a dispute settled by explanation ends as withdrawn after explanation', async () => {
    const id = await register(mediator, 'mediation', org['JX-WJW'], { subtype: 'administrative', contactName: '郑伟', title: '收费疑问', summary: '对检查收费有疑问' });
    const reported = await view(mediator, 'mediation', id);
    expect(clock(reported, 'accept_administrative').due).toBe(due(MATTER_CLOCKS.mediation.acceptAdministrative, today));
    const m = await ok(mediator, 'mediation', id, 'explain_withdrawn', { reply: '已向患方解释收费依据，患方表示理解' });
    expect(m).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn_after_explanation', concludedOn: today, final: true });
  });
});

describe('reconsideration where the commission is respondent', () => {
  const base = { receivedOn: today, contactName: '某某诊所', body: '嘉兴市人民政府', title: '行政处罚决定', summary: '请求撤销处罚决定' };

  it('the simplified procedure gives 5 working days to answer, the ordinary one 10', async () => {
    const simple = await register(legal, 'reconsideration', org['JX-WJW'], { ...base, subtype: 'simplified' });
    const normal = await register(legal, 'reconsideration', org['JX-WJW'], { ...base, subtype: 'normal' });
    const s = await view(legal, 'reconsideration', simple);
    const n = await view(legal, 'reconsideration', normal);
    expect(MATTER_CLOCKS.reconsideration.answerSimplified).toMatchObject({ amount: 5, unit: 'workday' });
    expect(clock(s, 'answer_simplified').due).toBe(due(MATTER_CLOCKS.reconsideration.answerSimplified, today));
    expect(clock(n, 'answer').due).toBe(due(MATTER_CLOCKS.reconsideration.answer, today));
    expect(s.dueOn).toBe(due(MATTER_CLOCKS.reconsideration.answerSimplified, today));
    expect(n.dueOn).toBe(due(MATTER_CLOCKS.reconsideration.answer, today));
    expect(s.dueOn < n.dueOn).toBe(true);
    const answered = await ok(legal, 'reconsideration', simple, 'answer', { reply: '事实清楚，程序合法', evidence: '现场笔录、询问笔录' });
    expect(clock(answered, 'answer_simplified').stoppedOn).toBe(today);
    expect(await docx(legal, 'reconsideration', simple, 'answer')).toContain('第四十八条');
  });

  it('nothing to follow up when the act is upheld; a revoked act is followed up', async () => {
    const upheld = await register(legal, 'reconsideration', org['JX-WJW'], { ...base, subtype: 'normal' });
    await ok(legal, 'reconsideration', upheld, 'record_decision', { outcome: 'upheld' });
    const refused = await step(legal, 'reconsideration', upheld, 'follow_up', { note: '无' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('无需落实纠错');
    expect((await ok(legal, 'reconsideration', upheld, 'close', { note: '维持' })).state).toBe('followed_up');
    // The challenged penalty case (one of the demo's, in the legal division's scope) gets the decision in its history.
    const lead = await inspector1.post('/api/cases', {
      orgId: org['NH-JDS'], source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', leadOn: today, partyKind: 'organisation',
      partyName: '复议测试诊所', partyAddress: '嘉兴市南湖区复议路1号',
    });
    expect(lead.statusCode, lead.body).toBe(200);
    const challenged = lead.json() as { id: number };
    const revoked = await register(legal, 'reconsideration', org['JX-WJW'], { ...base, subtype: 'normal', caseId: challenged.id });
    const decided = await ok(legal, 'reconsideration', revoked, 'record_decision', { outcome: 'revoked', note: '认定事实不清' });
    const history = (await (await legal.get(`/api/cases/${challenged.id}`)).json()).events as { step: string; input: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({ step: 'reconsideration_decided', input: { matterNo: decided.matterNo, outcome: 'revoked', outcomeName: '撤销' } });
    expect(decided).toMatchObject({ state: 'decided', outcome: 'revoked', concludedOn: today });
    const m = await ok(legal, 'reconsideration', revoked, 'follow_up', { note: '撤销原处罚决定，案件重新调查' });
    expect(m).toMatchObject({ state: 'followed_up', final: true });
  });
});

describe('litigation', () => {
  let id: number;
  const receivedOn = addDays(today, -80);

  it('a hearing without the head in court must name who appeared (art. 3)', async () => {
    id = await register(legal, 'litigation', org['JX-WJW'], {
      receivedOn, contactName: '某某医疗美容诊所', court: '嘉兴市南湖区人民法院', title: '行政处罚决定', summary: '请求撤销',
    });
    const m = await view(legal, 'litigation', id);
    expect(clock(m, 'answer').due).toBe(due(MATTER_CLOCKS.litigation.answer, receivedOn));
    await ok(legal, 'litigation', id, 'answer', { reply: '原告的诉讼请求没有事实和法律依据', answeredOn: addDays(receivedOn, 10) });
    const absent = await step(legal, 'litigation', id, 'record_hearing', { hearingOn: addDays(today, -50), headAppeared: false });
    expect(absent.statusCode).toBe(409);
    expect(absent.json().error.message).toContain('第三条');
    const noReason = await step(legal, 'litigation', id, 'record_hearing', { hearingOn: addDays(today, -50), headAppeared: false, appearedBy: '陆文博（政策法规处处长）' });
    expect(noReason.statusCode).toBe(409);
    expect(noReason.json().error.message).toContain('未出庭的原因');
    const heard = await ok(legal, 'litigation', id, 'record_hearing', {
      hearingOn: addDays(today, -50), headAppeared: false, appearedBy: '陆文博（政策法规处处长）', absenceReason: '参加全省卫生健康工作会议',
    });
    expect(heard).toMatchObject({ state: 'heard', headAppeared: false, hearingOn: addDays(today, -50) });
  });

  it('the judgment is recorded; an appeal after the 15 days is refused', async () => {
    const servedOn = addDays(today, -40);
    const judged = await ok(legal, 'litigation', id, 'record_judgment', { outcome: 'won', rulingKind: 'judgment', servedOn });
    expect(judged).toMatchObject({ state: 'judged', outcome: 'won', concludedOn: servedOn });
    expect(clock(judged, 'appeal_judgment').due).toBe(due(MATTER_CLOCKS.litigation.appealJudgment, servedOn));
    const late = await step(legal, 'litigation', id, 'appeal', { note: '不服判决' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('上诉期限（送达之日起15日）已过');
    expect((await ok(legal, 'litigation', id, 'close', { note: '判决已生效' })).state).toBe('closed');
  });

  it('an appeal on the first working day after a period ending on a rest day is in time', async () => {
    // A service date whose 15th day falls on a rest day, well in the past.
    let servedOn = addDays(today, -120);
    while (cal.isWorkday(addDays(servedOn, 15)) || due(MATTER_CLOCKS.litigation.appealJudgment, servedOn) > addDays(today, -5)) servedOn = addDays(servedOn, -1);
    const lastDay = due(MATTER_CLOCKS.litigation.appealJudgment, servedOn);
    expect(lastDay > addDays(servedOn, 15)).toBe(true);
    const other = await register(legal, 'litigation', org['JX-WJW'], {
      receivedOn: addDays(servedOn, -60), contactName: '某某药店', court: '嘉兴市中级人民法院', title: '行政处罚决定', summary: '请求撤销',
    });
    await ok(legal, 'litigation', other, 'answer', { reply: '答辩', answeredOn: addDays(servedOn, -50) });
    await ok(legal, 'litigation', other, 'record_judgment', { outcome: 'lost', rulingKind: 'judgment', servedOn });
    const m = await ok(legal, 'litigation', other, 'appeal', { appealedOn: lastDay, note: '不服一审判决' });
    expect(m.state).toBe('appealed');
  });
});

describe('NPC suggestions and CPPCC proposals', () => {
  it('the lead answers only once every co-handler’s opinion is in; the representative grades it A', async () => {
    const id = await register(office, 'proposal', org['JX-WJW'], {
      subtype: 'npc', role: 'lead', receivedOn: today, contactName: '冯志远', title: '关于加强社区卫生服务中心建设的建议', coUnits: ['市医疗保障局', '市财政局'],
    });
    const m = await view(office, 'proposal', id);
    expect(clock(m, 'answer').due).toBe(due(MATTER_CLOCKS.proposal.answer, today));
    expect(clock(m, 'co_opinion').due).toBe(due(MATTER_CLOCKS.proposal.coOpinion, today));
    const early = await step(office, 'proposal', id, 'answer', { reply: '答复' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('市医疗保障局、市财政局');
    await ok(office, 'proposal', id, 'record_co_opinion', { unit: '市医疗保障局', opinion: '支持将社区卫生服务纳入医保统筹' });
    expect((await step(office, 'proposal', id, 'record_co_opinion', { unit: '市教育局', opinion: 'x' })).statusCode).toBe(409);
    const still = await step(office, 'proposal', id, 'answer', { reply: '答复' });
    expect(still.statusCode).toBe(409);
    expect(still.json().error.message).toContain('市财政局');
    expect(still.json().error.message).not.toContain('市医疗保障局');
    const all = await ok(office, 'proposal', id, 'record_co_opinion', { unit: '市财政局', opinion: '安排专项资金' });
    expect(clock(all, 'co_opinion').stoppedOn).toBe(today);
    const answered = await ok(office, 'proposal', id, 'answer', { reply: '已采纳，列入年度计划' });
    expect(answered).toMatchObject({ state: 'answered', concludedOn: today });
    const graded = await ok(office, 'proposal', id, 'evaluate', { grade: 'A', satisfaction: 'satisfied' });
    expect(graded).toMatchObject({ state: 'evaluated', grade: 'A', satisfaction: 'satisfied', final: true });
    expect(await docx(office, 'proposal', id, 'answer')).toContain('冯志远代表');
  });

  it('a complex one is due in 6 months', async () => {
    const id = await register(office, 'proposal', org['JX-WJW'], {
      subtype: 'cppcc', role: 'lead', receivedOn: today, contactName: '韩梅', title: '关于医养结合的提案', complex: true,
    });
    expect((await view(office, 'proposal', id)).dueOn).toBe(due(MATTER_CLOCKS.proposal.answerComplex, today));
  });
});

describe('reassignment and to-dos', () => {
  it('a reassignment needs a reason, is recorded in the history, and shows on the assignee’s to-do list; the leader’s stays empty', async () => {
    const id = await register(office, 'petition', org['JX-WJW'], { channel: 'online', contactName: '杨帆', title: '改派测试', summary: '测试', leaderId: userId.leader });
    const noReason = await office.post(`/api/matters/petition/${id}/reassign`, { version: await version(id), assigneeId: userId.legal, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const nobody = await office.post(`/api/matters/petition/${id}/reassign`, { version: await version(id), assigneeId: 999_999, reason: '无此人' });
    expect(nobody.statusCode).toBe(404);
    const hotlineOperator = await hotline.post(`/api/matters/petition/${id}/reassign`, { version: await version(id), assigneeId: userId.legal, reason: '无权' });
    expect(hotlineOperator.statusCode).toBe(403);
    const res = await office.post(`/api/matters/petition/${id}/reassign`, { version: await version(id), assigneeId: userId.legal, reason: '涉及法律问题，由政策法规处办理' });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ assigneeId: userId.legal, assigneeName: '陆文博' });
    const event = m.events.at(-1);
    expect(event).toMatchObject({ step: 'reassign', label: '改派承办人', userName: '钱慧' });
    expect(event.input.reason).toBe('涉及法律问题，由政策法规处办理');
    const assigned = (await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM matters WHERE kind = 'petition' AND assignee_id = $1 AND concluded_on IS NULL", [userId.legal]))!.n;
    const todos = (await legal.get('/api/home/todos')).json();
    const mine = todos.find((t: { id: string }) => t.id === 'matters.petition.mine');
    expect(mine.title).toContain(`分派给我的信访：${assigned}件`);
    expect(mine.link).toBe('/matters/petition?mine=1');
    const listed = (await legal.get('/api/matters/petition?mine=1&pageSize=100')).json();
    expect(listed.rows.map((r: { id: number }) => r.id)).toContain(id);
    expect(listed.rows.every((r: { assigneeId: number }) => r.assigneeId === userId.legal)).toBe(true);
    const officeTodos = (await office.get('/api/home/todos')).json();
    expect(officeTodos.map((t: { id: string }) => t.id)).toContain('matters.petition.open');
    // The leader approves extensions when asked (none waits now) and is responsible for
    // petitions, but is given no other matters to-do (the case lead opened from the complaint above waits in the
    // leader's filing queue; that is the cases module's).
    const leaderTodos = (await leader.get('/api/home/todos')).json();
    expect(leaderTodos.filter((t: { module: string }) => t.module === 'matters')).toEqual([]);
  });

  it('a concluded matter cannot be reassigned', async () => {
    const id = await register(hotline, 'hotline', org['JX-WJW'], { subtype: 'praise', channel: 'phone', summary: '表扬医生' });
    await ok(hotline, 'hotline', id, 'answer_on_spot', { reply: '感谢' });
    const res = await hotline.post(`/api/matters/hotline/${id}/reassign`, { version: await version(id), assigneeId: userId.hotline, reason: '测试' });
    expect(res.statusCode).toBe(409);
  });
});

describe('lists and export', () => {
  let overdue: number;

  beforeAll(async () => {
    const received = addDays(today, -40);
    overdue = await register(office, 'petition', org['JX-WJW'], { channel: 'letter', contactName: '许多', title: '超期未受理的信访件', summary: '列表测试', leaderId: userId.leader });
    await env.db.query('UPDATE matters SET received_on = $2, due_on = $3 WHERE id = $1', [overdue, received, due(MATTER_CLOCKS.petition.accept, received)]);
  });

  it('search, state filter and pagination', async () => {
    const found = (await office.get(`/api/matters/petition?q=${encodeURIComponent('超期未受理')}`)).json();
    expect(found.rows.map((r: { id: number }) => r.id)).toEqual([overdue]);
    const byName = (await office.get(`/api/matters/petition?q=${encodeURIComponent('欧阳测试')}`)).json();
    expect(byName.rows.map((r: { title: string }) => r.title)).toEqual(['反映诊所收费问题']);
    const answered = (await office.get('/api/matters/petition?state=answered&pageSize=100')).json();
    expect(answered.total).toBeGreaterThanOrEqual(1);
    expect(answered.rows.map((r: { contactName: string }) => r.contactName)).toContain('欧阳测试');
    expect(answered.rows.every((r: { state: string }) => r.state === 'answered')).toBe(true);
    const all = (await office.get('/api/matters/petition?pageSize=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    const page2 = (await office.get('/api/matters/petition?pageSize=1&page=2')).json();
    expect(page2).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(page2.rows).toHaveLength(1);
    expect(page2.rows[0].id).toBe(all.rows[1].id);
    expect((await office.get('/api/matters/nothing')).statusCode).toBe(400);
    expect((await (await env.as('window')).get('/api/matters/petition')).statusCode).toBe(403);
  });

  it('clock=red lists the overdue matters, shown red', async () => {
    const red = (await office.get('/api/matters/petition?clock=red&pageSize=100')).json();
    expect(red.rows.map((r: { id: number }) => r.id)).toContain(overdue);
    expect(red.rows.every((r: { clock: string; dueOn: string }) => r.clock === 'red' && r.dueOn < today)).toBe(true);
    const notRed = (await office.get('/api/matters/petition?clock=open&pageSize=100')).json();
    expect(notRed.rows.some((r: { clock: string }) => r.clock !== 'red')).toBe(true);
    expect(clock(await view(office, 'petition', overdue), 'accept').colour).toBe('red');
    const todos = (await office.get('/api/home/todos')).json();
    const open = todos.find((t: { id: string }) => t.id === 'matters.petition.open');
    expect(open).toMatchObject({ severity: 'danger' });
    expect(open.title).toContain('已超过期限');
  });

  it('exports the filtered list as Excel', async () => {
    const res = await office.get(`/api/matters/petition/export?q=${encodeURIComponent('超期未受理')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(5).value).toBe('超期未受理的信访件');
    expect(ws.getRow(2).getCell(16).value).toBe('是');
  });
});
