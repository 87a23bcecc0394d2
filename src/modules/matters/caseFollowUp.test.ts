// A reconsideration decision or a judgment on a penalty case the matter names, through the
// API on a real database: revoked — the case goes back to case review, the revoked decision
// kept in its corrections and history, its publication withdrawn and its payments set
// aside, and a new decision made through the ordinary steps; altered — the case's decision
// in force (and the fines metric) follows the altered penalty, the original kept; upheld —
// the case is untouched but for the note; a suit lost with 撤销 reopens the case; a
// decision found unlawful leaves the case handler a follow-up to record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { caseFixtures, elapse, stepResponse, takeStep } from '../cases/testSupport';

let env: TestEnv;
let inspectorOf: Record<string, number> = {};
let nhInstitute: number;
let city: number;
let legal: Client;
let i1: Client;
let reviewer: Client;
let leader: Client;
const today = todayInChina();

beforeAll(async () => {
  env = await setupTestEnv();
  ({ inspectorOf, nhInstitute } = await caseFixtures(env));
  city = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id;
  [legal, i1, reviewer, leader] = await Promise.all(['legal', 'inspector1', 'reviewer', 'leader'].map((u) => env.as(u)));
});
afterAll(async () => { await env?.close(); });

interface Event { step: string; fromState: string | null; toState: string; input: Record<string, unknown> }
const getCase = async (id: number) => {
  const res = await i1.get(`/api/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const lastEvent = async (id: number): Promise<Event> => (await getCase(id)).events.at(-1);

/** A general-procedure case decided today with a warning and a fine of 2,000 yuan (PP-35), served today. */
async function decidedCase(partyName: string): Promise<number> {
  const id = (await i1.post('/api/cases', {
    orgId: nhInstitute, source: 'inspection', cause: '公共场所未取得卫生许可证经营', leadOn: addDays(today, -60), entityId: null,
    partyKind: 'organisation', partyName, partyCode: null, partyLegalRep: '钱某', partyAddress: '嘉兴市南湖区某路2号', partyPhone: null, facts: null,
  })).json().id as number;
  await takeStep(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
  await takeStep(i1, id, 'finish_investigation', { facts: '经查，未取得卫生许可证经营。', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000 });
  await takeStep(reviewer, id, 'pass_review', { opinion: '同意' });
  await elapse(env, id, 20); // filed twenty days ago: the notice cannot precede the filing
  await takeStep(i1, id, 'notify', { servedOn: addDays(today, -20) });
  await takeStep(leader, id, 'decide', { decidedOn: today, sanctions: ['warning', 'fine'], fineYuan: 2000 });
  await takeStep(i1, id, 'serve', { servedOn: today, method: 'direct', recipient: '钱某' });
  return id;
}

async function matterVersion(id: number): Promise<number> {
  return (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!.version;
}

async function matterStep(kind: string, id: number, step: string, input: Record<string, unknown>) {
  return legal.post(`/api/matters/${kind}/${id}/steps/${step}`, { version: await matterVersion(id), input });
}

async function reconsideration(caseId: number): Promise<number> {
  const res = await legal.post('/api/matters/reconsideration', {
    orgId: city, fields: {
      subtype: 'normal', receivedOn: today, contactName: '申请人', body: '嘉兴市人民政府', title: '行政处罚决定', caseId, summary: '请求撤销行政处罚决定',
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function decideReconsideration(caseId: number, input: Record<string, unknown>) {
  const id = await reconsideration(caseId);
  const res = await matterStep('reconsideration', id, 'record_decision', input);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; matterNo: string; details: Record<string, unknown> };
}

async function finesDecided(): Promise<number> {
  const res = await (await env.as('office')).get(`/api/metrics?from=${today}&to=${today}&org=NH-WJJ&ids=enforcement.fines.decided`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().metrics[0].value;
}

const audited = async (caseId: number, action: string) => (await env.db.one<{ n: number }>(
  "SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'penalty_case' AND object_id = $1 AND action = $2", [String(caseId), action]))!.n;

describe('a reconsideration decision revoking the penalty decision', () => {
  it('reopens the case for a new decision, keeping the revoked one in its history', async () => {
    const id = await decidedCase('撤销复议测试商店');
    // Published, the decision document issued, the fine paid: all of it belongs to the revoked decision.
    expect((await i1.post(`/api/cases/${id}/publication`, { severity: 'general' })).statusCode).toBe(200);
    expect((await i1.get(`/api/cases/${id}/documents/decision`)).statusCode).toBe(200);
    await takeStep(i1, id, 'record_payment', { paidOn: today, amountYuan: 2000 });
    const before = await getCase(id);
    expect(before).toMatchObject({ state: 'paid', decided: { fineYuan: 2000, on: today } });

    const m = await decideReconsideration(id, { outcome: 'revoked', decidedOn: today, note: '主要事实不清、证据不足' });
    const c = await getCase(id);
    expect(c).toMatchObject({ state: 'case_review', decided: null, overdue: false, publication: null });
    expect(c.version).toBeGreaterThan(before.version);
    // The revoked decision, kept: what it decided and that the fine paid is to be returned.
    expect(c.corrections).toEqual([expect.objectContaining({
      matterNo: m.matterNo, matterKind: 'reconsideration', correction: 'revoked', correctionName: '撤销', effect: 'reopened', decidedOn: today,
      before: { decidedOn: today, sanctions: ['warning', 'fine'], fineYuan: 2000, paidYuan: 2000 }, followedUpOn: null,
    })]);
    expect(c.corrections[0].citation).toContain('《中华人民共和国行政复议法》第六十四条');
    expect(c.corrections[0].followUp).toContain('2000元应当依法返还');
    const reopened = c.events.at(-1) as Event;
    expect(reopened).toMatchObject({ step: 'reopen', fromState: 'paid', toState: 'case_review', input: { matterNo: m.matterNo, outcome: 'revoked', outcomeName: '撤销', publicationWithdrawn: true } });
    expect(reopened.input.citation).toContain('第六十四条');
    expect(reopened.input.revoked).toMatchObject({ decidedOn: today, fineYuan: 2000 });
    expect(await audited(id, 'case.reopen')).toBe(1);
    expect(await audited(id, 'case.unpublish')).toBe(1);
    const row = await env.db.one<{ decided_fine_yuan: number | null; paid_yuan: number | null; reopened_on: string }>(
      'SELECT decided_fine_yuan, paid_yuan, reopened_on::text AS reopened_on FROM penalty_cases WHERE id = $1', [id]);
    expect(row).toEqual({ decided_fine_yuan: null, paid_yuan: null, reopened_on: today });
    const pub = await env.db.one<{ withdrawn_on: string; superseded_on: string; withdrawn_reason: string }>(
      'SELECT withdrawn_on::text AS withdrawn_on, superseded_on::text AS superseded_on, withdrawn_reason FROM case_publications WHERE case_id = $1', [id]);
    expect(pub).toMatchObject({ withdrawn_on: today, superseded_on: today });
    expect(pub!.withdrawn_reason).toContain('决定被依法撤销');
    expect(pub!.withdrawn_reason).toContain('第四十八条第二款');
    // The decision period runs again from today (the law sets none for the new act).
    expect(c.clocks.find((k: { id: string }) => k.id === 'decision')).toMatchObject({ label: '重新作出处罚决定', start: today, stoppedOn: null, colour: 'green' });

    // Reopening is the platform's consequence, never a step anyone takes; a step on the case as it was is stale.
    expect((await stepResponse(leader, id, 'reopen')).statusCode).toBe(404);
    expect(c.nextSteps.map((s: { id: string }) => s.id)).not.toContain('reopen');
    const stale = await reviewer.post(`/api/cases/${id}/steps/pass_review`, { version: before.version, input: { opinion: '同意' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CASE_CHANGED');

    // The case handler is asked to record the fine's return.
    const todo = async () => ((await (await i1.get('/api/home/todos')).json()) as { id: string; title: string }[])
      .find((t) => t.id === `case.${id}.correction.${c.corrections[0].id}`);
    expect((await todo())?.title).toContain(m.matterNo);

    // A new decision through the ordinary steps: review, a new prior notice, the decision.
    await takeStep(reviewer, id, 'pass_review', { opinion: '经补充核实，事实清楚，重新告知' });
    const early = await stepResponse(i1, id, 'notify', { servedOn: addDays(today, -1) });
    expect(early.json().error).toMatchObject({ code: 'DATE_ORDER' });
    await takeStep(i1, id, 'notify', { servedOn: today });
    expect((await i1.post(`/api/cases/${id}/defence-waiver`, { version: (await getCase(id)).version, note: '当事人书面放弃陈述、申辩' })).statusCode).toBe(200);
    let next = await takeStep(leader, id, 'decide', { decidedOn: today, sanctions: ['warning', 'fine'], fineYuan: 1900 });
    expect(next).toMatchObject({ state: 'decided', decided: { sanctions: ['warning', 'fine'], fineYuan: 1900, on: today } });
    expect(next.clocks.find((k: { id: string }) => k.id === 'decision')).toMatchObject({ stoppedOn: today, colour: 'stopped' });
    next = await takeStep(i1, id, 'serve', { servedOn: today, method: 'direct', recipient: '钱某' });
    // The revoked decision's payment does not pay the new fine; its document and publication are its own.
    expect(next.payment).toMatchObject({ fineYuan: 1900, paidFineYuan: 0, owedFineYuan: 1900, payments: [] });
    expect((await i1.post(`/api/cases/${id}/publication`, { severity: 'general' })).statusCode).toBe(200);
    expect((await i1.get(`/api/cases/${id}/documents/decision`)).statusCode).toBe(200);
    const docs = await env.db.query<{ superseded_on: string | null }>('SELECT superseded_on::text AS superseded_on FROM case_documents WHERE case_id = $1 AND kind = $2 ORDER BY id', [id, 'decision']);
    expect(docs).toEqual([{ superseded_on: today }, { superseded_on: null }]);
    expect((await getCase(id)).corrections).toHaveLength(1);

    // The follow-up: only the case's handler or the head records it, once.
    const body = () => getCase(id).then((x) => ({ version: x.version, correctionId: c.corrections[0].id, note: '已将罚款2000元退还当事人' }));
    expect((await reviewer.post(`/api/cases/${id}/correction-follow-up`, await body())).statusCode).toBe(403);
    const done = await i1.post(`/api/cases/${id}/correction-follow-up`, await body());
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().corrections[0]).toMatchObject({ followedUpOn: today, followUpNote: '已将罚款2000元退还当事人' });
    expect(done.json().events.at(-1)).toMatchObject({ step: 'correction_follow_up' });
    expect((await i1.post(`/api/cases/${id}/correction-follow-up`, await body())).json().error.code).toBe('ALREADY_FOLLOWED_UP');
    expect(await todo()).toBeUndefined();
  });

  it('an on-the-spot decision revoked goes back to the lead, to be made in the general procedure', async () => {
    const id = (await i1.post('/api/cases', {
      orgId: nhInstitute, source: 'inspection', cause: '未按规定公示卫生许可证', leadOn: today, entityId: null,
      partyKind: 'organisation', partyName: '当场处罚复议测试商店', partyCode: null, partyLegalRep: null, partyAddress: '嘉兴市南湖区某路3号', partyPhone: null, facts: null,
    })).json().id as number;
    await takeStep(i1, id, 'decide_on_spot', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], facts: '现场发现', sanctions: ['warning'], fineYuan: 0 });
    await decideReconsideration(id, { outcome: 'revoked' });
    const c = await getCase(id);
    expect(c).toMatchObject({ state: 'lead', procedure: 'general', decided: null });
    expect(c.events.at(-1)).toMatchObject({ step: 'reopen_as_lead', fromState: 'simple_decided', toState: 'lead' });
    expect(c.nextSteps.map((s: { id: string }) => s.id)).toContain('file');
  });
});

describe('a reconsideration decision altering the penalty decision', () => {
  it('adjusts the decision in force to the altered penalty, keeps the original, and the fines figure follows it', async () => {
    const id = await decidedCase('变更复议测试商店');
    const fines = await finesDecided();
    const before = await getCase(id);

    // The altered penalty is asked for (and required) only when the outcome is 变更.
    const matter = await reconsideration(id);
    const missing = await matterStep('reconsideration', matter, 'record_decision', { outcome: 'altered' });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.code).toBe('PENALTY_IN_FORCE_REQUIRED');
    const noFine = await matterStep('reconsideration', matter, 'record_decision', { outcome: 'altered', sanctions: ['warning', 'fine'] });
    expect(noFine.json().error.code).toBe('FINE_REQUIRED');
    const res = await matterStep('reconsideration', matter, 'record_decision', { outcome: 'altered', sanctions: ['warning', 'fine'], fineYuan: 800, note: '罚款数额明显不当' });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.details.penaltyInForce).toEqual({ sanctions: ['warning', 'fine'], fineYuan: 800 });

    const c = await getCase(id);
    expect(c).toMatchObject({ state: 'served', decided: { sanctions: ['warning', 'fine'], fineYuan: 800, on: today }, decidedFineYuan: 800 });
    expect(c.version).toBeGreaterThan(before.version);
    expect(c.corrections).toEqual([expect.objectContaining({
      correction: 'altered', effect: 'adjusted', matterNo: m.matterNo,
      before: { decidedOn: today, sanctions: ['warning', 'fine'], fineYuan: 2000, paidYuan: null }, after: { sanctions: ['warning', 'fine'], fineYuan: 800 }, followUp: null,
    })]);
    expect(c.corrections[0].citation).toContain('第六十三条');
    expect(c.events.at(-1)).toMatchObject({
      step: 'adjust_decision', fromState: 'served', toState: 'served',
      input: { matterNo: m.matterNo, outcomeName: '变更', before: { fineYuan: 2000 }, after: { fineYuan: 800 } },
    });
    expect(await audited(id, 'case.adjust_decision')).toBe(1);
    expect(c.payment).toMatchObject({ fineYuan: 800, owedFineYuan: 800 });
    // enforcement.fines.decided reads the decision in force: the altered amount, on the original decision date.
    expect(await finesDecided()).toBe(fines - 1200);
  });

  it('an upheld decision leaves the case as it was, the outcome noted in its history', async () => {
    const id = await decidedCase('维持复议测试商店');
    const before = await getCase(id);
    const m = await decideReconsideration(id, { outcome: 'upheld', sanctions: ['warning'], fineYuan: 1 });
    // The penalty fields belong to 变更 only: dropped for any other outcome.
    expect(m.details.penaltyInForce).toBeUndefined();
    const c = await getCase(id);
    expect(c).toMatchObject({ state: before.state, decided: before.decided, corrections: [] });
    expect(c.events.at(-1)).toMatchObject({ step: 'reconsideration_decided', fromState: 'served', toState: 'served', input: { matterNo: m.matterNo, outcome: 'upheld', outcomeName: '维持' } });
  });
});

describe('a judgment', () => {
  async function suit(caseId: number): Promise<number> {
    const res = await legal.post('/api/matters/litigation', {
      orgId: city, fields: { receivedOn: today, contactName: '原告', court: '嘉兴市南湖区人民法院', title: '行政处罚决定', caseId, summary: '请求撤销' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;
    expect((await matterStep('litigation', id, 'answer', { reply: '答辩', answeredOn: today })).statusCode).toBe(200);
    return id;
  }

  it('lost with 撤销 reopens the case; lost on a case without saying what the judgment did is refused', async () => {
    const id = await decidedCase('判决撤销测试商店');
    const s = await suit(id);
    const vague = await matterStep('litigation', s, 'record_judgment', { outcome: 'lost', rulingKind: 'judgment', servedOn: today });
    expect(vague.statusCode).toBe(409);
    expect(vague.json().error.code).toBe('JUDGMENT_EFFECT_REQUIRED');
    const res = await matterStep('litigation', s, 'record_judgment', { outcome: 'lost', judgmentEffect: 'revoked', rulingKind: 'judgment', servedOn: today });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().details.judgmentEffect).toBe('revoked');
    const c = await getCase(id);
    expect(c).toMatchObject({ state: 'case_review', decided: null });
    expect(c.corrections[0]).toMatchObject({ matterKind: 'litigation', correction: 'revoked', effect: 'reopened', followUp: null });
    const e = await lastEvent(id);
    expect(e).toMatchObject({ step: 'reopen', fromState: 'served', toState: 'case_review', input: { outcome: 'lost', outcomeName: '败诉', correctionName: '撤销' } });
    expect(e.input.citation).toContain('《中华人民共和国行政诉讼法》第七十条');
  });

  it('won keeps the case, whatever else the form carried; confirmed unlawful leaves the handler a follow-up', async () => {
    const id = await decidedCase('判决确认违法测试商店');
    const won = await matterStep('litigation', await suit(id), 'record_judgment', { outcome: 'won', judgmentEffect: 'revoked', rulingKind: 'judgment', servedOn: today });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json().details.judgmentEffect).toBeUndefined();
    expect(await getCase(id)).toMatchObject({ state: 'served', corrections: [] });

    const res = await matterStep('litigation', await suit(id), 'record_judgment', { outcome: 'lost', judgmentEffect: 'confirmed_illegal', rulingKind: 'judgment', servedOn: today });
    expect(res.statusCode, res.body).toBe(200);
    const c = await getCase(id);
    expect(c).toMatchObject({ state: 'served', decided: { fineYuan: 2000 } });
    expect(c.corrections[0]).toMatchObject({ correction: 'confirmed_illegal', effect: 'follow_up', followedUpOn: null });
    expect(c.corrections[0].followUp).toContain('补救措施');
    expect(c.events.at(-1)).toMatchObject({ step: 'litigation_judged', input: { correction: 'confirmed_illegal', effect: 'follow_up' } });
    const todos = (await (await i1.get('/api/home/todos')).json()) as { id: string }[];
    expect(todos.map((t) => t.id)).toContain(`case.${id}.correction.${c.corrections[0].id}`);
  });
});
