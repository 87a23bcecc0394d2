// Penalty cases through the API, as the roles take them in turn: a major case with a
// hearing from lead to archive, a simple-procedure case, and the refusals the law and
// the platform impose (defence period, art. 51 limits, expired certificates, scope,
// permissions, two people acting at once). Time passing is simulated by moving the
// case's dates back (elapse), since the guards judge on today's date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { caseFixtures, elapse, stepResponse, takeStep } from './testSupport';

let env: TestEnv;
let inspectorOf: Record<string, number> = {};
let nhInstitute: number;
const today = todayInChina();

beforeAll(async () => {
  env = await setupTestEnv();
  ({ inspectorOf, nhInstitute } = await caseFixtures(env));
});
afterAll(async () => { await env?.close(); });

const LEAD = () => ({
  orgId: nhInstitute, source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', leadOn: addDays(today, -60), entityId: null,
  partyKind: 'organisation', partyName: '嘉兴市南湖区某某诊所', partyCode: null, partyLegalRep: '张某', partyAddress: '嘉兴市南湖区某路1号', partyPhone: null,
  facts: '监督检查发现该诊所未取得医疗机构执业许可证开展诊疗活动',
});

const step = stepResponse;
const ok = takeStep;

describe('a major case with a hearing, from lead to archive', () => {
  it('is taken by inspector1 and inspector2, the reviewer, the legal division and the leader in turn', async () => {
    const [i1, i2, reviewer, legal, leader] = await Promise.all(['inspector1', 'inspector2', 'reviewer', 'legal', 'leader'].map((u) => env.as(u)));
    const created = await i1.post('/api/cases', LEAD());
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ state: 'lead', caseNo: expect.stringMatching(/^NH-JDS罚〔\d{4}〕\d+号$/) });

    // Only the leader approves the filing; it needs two inspectors with valid certificates.
    expect((await step(i1, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] })).statusCode).toBe(403);
    const one = await step(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1] });
    expect(one.statusCode).toBe(409);
    expect(one.json().error).toMatchObject({ code: 'TOO_FEW_INSPECTORS' });
    expect(one.json().error.message).toContain('第四十二条');
    let c = await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    expect(c.state).toBe('filed');
    expect(c.clocks.find((k: { id: string }) => k.id === 'decision')).toMatchObject({ start: today, colour: 'green' });

    // The investigation ends with the intended penalty, checked against the benchmark.
    c = await ok(i2, id, 'finish_investigation', {
      facts: '经查，该诊所自2026年起未取得医疗机构执业许可证开展诊疗活动，违法所得6000元。', provisionCode: 'BHPL-99',
      illegalGainsYuan: 6000, tier: 'ordinary', sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 100000,
    });
    expect(c).toMatchObject({ state: 'case_review', major: true, hearingRight: true });

    // A major case goes to legal review; passing case review alone is refused.
    const direct = await step(reviewer, id, 'pass_review', { opinion: '事实清楚' });
    expect(direct.json().error.code).toBe('MAJOR_NEEDS_REVIEW');
    await ok(reviewer, id, 'submit_legal_review', { opinion: '事实清楚，证据确凿，提交法制审核' });
    c = await ok(legal, id, 'pass_legal_review', { opinion: '主体合法，事实清楚，适用依据正确，程序合法，裁量适当' });
    expect(c).toMatchObject({ state: 'reviewed', legalReviewPassed: true });

    // Prior notice served today: no decision before the defence period ends (art. 45).
    c = await ok(i1, id, 'notify', { servedOn: today });
    expect(c.notified).toEqual({ sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 100000 });
    const early = c.nextSteps.find((s: { id: string }) => s.id === 'decide');
    expect(early).toMatchObject({ allowed: false, refusal: { code: 'DEFENCE_PERIOD' } });
    expect((await step(leader, id, 'decide', { decidedOn: today, sanctions: ['fine'], fineYuan: 100000 })).json().error.code).toBe('DEFENCE_PERIOD');

    // The party asks for a hearing in time; the notice goes out; the hearing is held later.
    await ok(i1, id, 'request_hearing', { requestedOn: today });
    await elapse(env, id, 20);
    const noticeOn = addDays(today, -15);
    const tooSoon = await step(i1, id, 'schedule_hearing', { hearingDate: addDays(noticeOn, 3), noticeServedOn: noticeOn, hostInspectorId: inspectorOf.inspector3, place: '南湖区卫生健康局听证室' });
    expect(tooSoon.json().error.code).toBe('HEARING_NOTICE_LATE');
    const investigatorHosts = await step(i1, id, 'schedule_hearing', { hearingDate: addDays(today, -1), noticeServedOn: noticeOn, hostInspectorId: inspectorOf.inspector2, place: '听证室' });
    expect(investigatorHosts.json().error.code).toBe('HEARING_HOST');
    await ok(i1, id, 'schedule_hearing', { hearingDate: addDays(today, -1), noticeServedOn: noticeOn, hostInspectorId: inspectorOf.inspector3, place: '听证室' });
    await ok(i2, id, 'hold_hearing', { record: '当事人对违法事实无异议，请求从轻处罚。' });

    // Collective discussion is required for a major case; the decision cannot be heavier than notified.
    expect((await step(leader, id, 'decide', { decidedOn: today, sanctions: ['fine'], fineYuan: 100000 })).json().error.code).toBe('COLLECTIVE_REQUIRED');
    await ok(i1, id, 'submit_collective');
    await ok(leader, id, 'record_collective', { attendees: ['沈建国', '陆文博', '顾海燕'], minutes: '讨论认为事实清楚，同意按一般档处罚。', decision: '罚款100000元' });
    const heavier = await step(leader, id, 'decide', { decidedOn: today, sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 120000 });
    expect(heavier.json().error).toMatchObject({ code: 'HEAVIER_THAN_NOTIFIED' });
    expect(heavier.json().error.message).toContain('第四十五条');
    c = await ok(leader, id, 'decide', { decidedOn: today, sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 100000 });
    expect(c.decided).toEqual({ sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 100000, on: today });

    await ok(i1, id, 'serve', { servedOn: today, method: 'direct', recipient: '张某' });
    expect((await step(leader, id, 'close', { summary: '结案' })).json().error.code).toBe('FINE_OUTSTANDING');
    const short = await step(i1, id, 'record_payment', { paidOn: today, amountYuan: 50000 });
    expect(short.json().error.code).toBe('PAYMENT_SHORT');
    await ok(i1, id, 'record_payment', { paidOn: today, amountYuan: 100000 });
    await ok(leader, id, 'close', { summary: '当事人已缴清罚款，案件办结。' });
    c = await ok(i2, id, 'archive');
    expect(c.state).toBe('archived');
    expect(c.nextSteps).toEqual([]);
    // 全过程记录: every step with who and when.
    expect(c.events.map((e: { step: string }) => e.step)).toEqual(['lead', 'file', 'finish_investigation', 'submit_legal_review', 'pass_legal_review',
      'notify', 'request_hearing', 'schedule_hearing', 'hold_hearing', 'submit_collective', 'record_collective', 'decide', 'serve', 'record_payment', 'close', 'archive']);
    const audited = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'penalty_case' AND object_id = $1", [String(id)]);
    expect(audited!.n).toBe(16);
  });
});

describe('credit after a decision', () => {
  it('a decision on a directory entity brings its credit grade up to date at once', async () => {
    const i1 = await env.as('inspector1');
    const entity = (await env.db.one<{ id: number; name: string; uscc: string; address: string }>(
      `SELECT e.id, e.name, e.uscc, e.address FROM entities e WHERE e.org_id = $1 AND NOT EXISTS (SELECT 1 FROM penalty_cases c WHERE c.entity_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM inspections v WHERE v.entity_id = e.id) ORDER BY e.id DESC LIMIT 1`, [nhInstitute]))!;
    await env.db.query(`UPDATE entities SET credit_grade = 'A', blacklisted = false WHERE id = $1`, [entity.id]);
    const id = (await i1.post('/api/cases', { ...LEAD(), leadOn: today, entityId: entity.id, partyName: entity.name, partyCode: entity.uscc, partyAddress: entity.address, cause: '从业人员未取得健康合格证明' })).json().id;
    await ok(i1, id, 'decide_on_spot', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], facts: '现场发现', sanctions: ['warning', 'fine'], fineYuan: 500 });
    // A warning and a fine, neither heavy nor at the collective-discussion threshold: a general violation, grade C (grade.c.general_penalty).
    const grade = (await env.db.one<{ credit_grade: string }>('SELECT credit_grade FROM entities WHERE id = $1', [entity.id]))!.credit_grade;
    expect(grade).toBe('C');
    const audit = await env.db.one<{ cause: string; grade: string }>(
      `SELECT after->>'cause' AS cause, after->>'creditGrade' AS grade FROM audit_log WHERE action = 'credit.recompute' AND object_id = $1`, [String(entity.id)]);
    expect(audit).toEqual({ cause: 'case.decide_on_spot', grade });
  });
});

describe('the simple procedure', () => {
  it('allows an on-the-spot fine within art. 51 and refuses one above it', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', { ...LEAD(), leadOn: today, cause: '从业人员未取得健康合格证明' })).json().id;
    const above = await step(i1, id, 'decide_on_spot', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], facts: '现场发现', sanctions: ['warning', 'fine'], fineYuan: 3001 });
    expect(above.json().error.code).toBe('SIMPLE_FINE_LIMIT');
    expect(above.json().error.message).toContain('第五十一条');
    const c = await ok(i1, id, 'decide_on_spot', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], facts: '现场发现', sanctions: ['warning', 'fine'], fineYuan: 500 });
    expect(c).toMatchObject({ state: 'simple_decided', procedure: 'simple', decided: { fineYuan: 500 } });
  });
});

describe('refusals outside the procedure', () => {
  it('two people taking a step at once: one succeeds, the other is told the case changed', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', LEAD())).json().id;
    const version = (await i1.get(`/api/cases/${id}`)).json().version;
    const body = { version, input: { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] } };
    const [a, b] = await Promise.all([leader.post(`/api/cases/${id}/steps/file`, body), leader.post(`/api/cases/${id}/steps/file`, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('CASE_CHANGED');
  });

  it('an inspector with an expired certificate cannot be assigned', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const expired = await env.db.one<{ id: number }>(
      "SELECT i.id FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code = 'NH-JDS' AND i.certificate_valid_to < current_date LIMIT 1");
    expect(expired).toBeDefined();
    const id = (await i1.post('/api/cases', LEAD())).json().id;
    const res = await step(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, expired!.id] });
    expect(res.json().error.code).toBe('INSPECTOR_NOT_QUALIFIED');
  });

  it('cases of another district answer 404; roles without cases.read get 403; only assigned inspectors handle', async () => {
    const [i1, i3, hotline, leader] = await Promise.all(['inspector1', 'inspector3', 'hotline', 'leader'].map((u) => env.as(u)));
    const id = (await i1.post('/api/cases', LEAD())).json().id;
    expect((await i3.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await i3.get('/api/cases')).json().rows.some((r: { id: number }) => r.id === id)).toBe(false);
    expect((await hotline.get('/api/cases')).statusCode).toBe(403);
    const other = await env.db.one<{ id: number }>(
      "SELECT i.id FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code = 'NH-JDS' AND i.user_id IS NULL AND i.certificate_valid_to > current_date + 30 LIMIT 1");
    await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, other!.id] });
    expect((await i3.post(`/api/cases/${id}/steps/finish_investigation`, { version: 2, input: {} })).statusCode).toBe(404);
    const unassigned = await step(await env.as('inspector2'), id, 'return_to_investigation', { reason: 'x' });
    expect(unassigned.statusCode).toBe(403);
    const notTheirs = await step(await env.as('inspector2'), id, 'finish_investigation', {
      facts: '事实', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000,
    });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error.message).toContain('承办');
  });

  it('lists cases with filters, and finds overdue ones', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', { ...LEAD(), partyName: '逾期测试诊所' })).json().id;
    await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    await elapse(env, id, 100);
    const overdue = (await leader.get('/api/cases?overdue=true')).json();
    expect(overdue.rows.map((r: { id: number }) => r.id)).toContain(id);
    const byName = (await leader.get(`/api/cases?q=${encodeURIComponent('逾期测试')}`)).json();
    expect(byName.rows.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(byName.rows[0].overdue).toBe(true);
    const detail = (await leader.get(`/api/cases/${id}`)).json();
    expect(detail.clocks.find((k: { id: string }) => k.id === 'decision').colour).toBe('red');
    const filtered = (await leader.get(`/api/cases?state=filed&inspectorId=${inspectorOf.inspector2}`)).json();
    expect(filtered.rows.every((r: { state: string }) => r.state === 'filed')).toBe(true);
  });

  it('refuses malformed step input with a Chinese message and changes nothing', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', LEAD())).json().id;
    const bad = await step(leader, id, 'file', { inspectorIds: 'all' });
    expect(bad.statusCode).toBe(400);
    expect((await leader.get(`/api/cases/${id}`)).json().state).toBe('lead');
    const future = await i1.post('/api/cases', { ...LEAD(), leadOn: addDays(today, 3) });
    expect(future.json().error.message).toContain('不能晚于今天');
  });
});

describe('the home page to-do list', () => {
  it('shows an inspector their cases with the nearest clock, and each reviewer and approver their queue', async () => {
    const [i1, reviewer, leader] = await Promise.all([env.as('inspector1'), env.as('reviewer'), env.as('leader')]);
    const id = (await i1.post('/api/cases', { ...LEAD(), partyName: '待办测试诊所' })).json().id;
    const queue = (await leader.get('/api/home/todos')).json();
    const filing = queue.find((t: { id: string }) => t.id === 'cases.queue.filing');
    expect(filing.title).toMatch(/^待立案审批：\d+件案件$/);
    expect(filing.link).toBe('/cases?queue=filing');
    const listed = (await leader.get('/api/cases?queue=filing&pageSize=100')).json();
    expect(listed.rows.every((r: { state: string }) => r.state === 'lead')).toBe(true);
    expect(listed.rows.some((r: { id: number }) => r.id === id)).toBe(true);

    const filed = await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    const decisionDue = filed.clocks.find((k: { id: string }) => k.id === 'decision').due;
    const mine = (await i1.get('/api/home/todos')).json().find((t: { id: string }) => t.id === `case.${id}`);
    expect(mine).toMatchObject({ due: decisionDue, severity: 'info', link: `/cases/${id}` });
    expect(mine.title).toContain('待办测试诊所');
    expect(mine.title).toContain('待“调查终结，提交案件审核”');

    await elapse(env, id, 95);
    const late = (await i1.get('/api/home/todos')).json().find((t: { id: string }) => t.id === `case.${id}`);
    expect(late).toMatchObject({ severity: 'danger' });
    expect(late.title).toContain('已超期');

    await ok(i1, id, 'finish_investigation', { facts: '事实', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000 });
    expect((await reviewer.get('/api/home/todos')).json().some((t: { id: string }) => t.id === 'cases.queue.case_review')).toBe(true);
    expect((await (await env.as('inspector3')).get('/api/home/todos')).json().some((t: { id: string }) => t.id === `case.${id}`)).toBe(false);
  });
});

/** A case investigated with a fine of `fineYuan` under BHPL-99 (ordinary tier 95,000–155,000 for gains of 6,000), passed review as the law requires. */
async function reviewedCase(partyName: string, sanctions: string[], fineYuan: number) {
  const [i1, reviewer, legal, leader] = await Promise.all(['inspector1', 'reviewer', 'legal', 'leader'].map((u) => env.as(u)));
  const id = (await i1.post('/api/cases', { ...LEAD(), partyName })).json().id;
  await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
  await elapse(env, id, 30); // filed a month ago, so a notice served in the past follows the filing
  const c = await ok(i1, id, 'finish_investigation', { facts: '经查，违法所得6000元。', provisionCode: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary', sanctions, fineYuan });
  if (c.major) {
    await ok(reviewer, id, 'submit_legal_review', { opinion: '提交法制审核' });
    await ok(legal, id, 'pass_legal_review', { opinion: '同意' });
  } else {
    await ok(reviewer, id, 'pass_review', { opinion: '同意' });
  }
  return { id, i1, leader, c };
}

describe('collective discussion (art. 57) is judged apart from major (art. 58)', () => {
  it('a major case under the local collective threshold is decided after legal review without discussion; above it, discussion is required', async () => {
    const admin = await env.as('admin');
    const rule = `/api/rules/penalty.collective_fine_organisation/orgs/${nhInstitute}`;
    expect((await admin.put(rule, { value: 200000, note: '测试：集体讨论标准高于听证标准' })).statusCode).toBe(200);
    try {
      const major = await reviewedCase('集体讨论测试诊所甲', ['confiscate_gains', 'fine'], 100000);
      expect(major.c).toMatchObject({ major: true, hearingRight: true, collectiveRequired: false });
      await ok(major.i1, major.id, 'notify', { servedOn: addDays(today, -20) });
      const decided = await ok(major.leader, major.id, 'decide', { decidedOn: today, sanctions: ['confiscate_gains', 'fine'], fineYuan: 100000 });
      expect(decided.state).toBe('decided');

      // A heavy sanction needs the heads whatever the fine.
      const heavy = await reviewedCase('集体讨论测试诊所乙', ['stop_practice', 'fine'], 100000);
      expect(heavy.c).toMatchObject({ major: true, collectiveRequired: true });
      await ok(heavy.i1, heavy.id, 'notify', { servedOn: addDays(today, -20) });
      const refused = await step(heavy.leader, heavy.id, 'decide', { decidedOn: today, sanctions: ['stop_practice', 'fine'], fineYuan: 100000 });
      expect(refused.json().error.code).toBe('COLLECTIVE_REQUIRED');
      expect(refused.json().error.message).toContain('第五十七条');
    } finally {
      await admin.put(rule, { value: null, note: null });
    }
  });

  it('a complex case is decided collectively even with a small fine', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', { ...LEAD(), partyName: '复杂案件测试' })).json().id;
    await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    const c = await ok(i1, id, 'finish_investigation', { facts: '事实', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000, complex: true });
    expect(c).toMatchObject({ major: true, hearingRight: false, collectiveRequired: true });
  });
});

describe("the party's statements and defence (art. 45)", () => {
  it('are recorded by the handling inspector after the notice, with whether they were adopted and why', async () => {
    const { id, i1 } = await reviewedCase('陈述申辩测试诊所', ['confiscate_gains', 'fine'], 100000);
    const body = (version: number, statedOn = today) => ({ version, statedOn, statement: '当事人称系初次违法，请求从轻处罚。', adopted: false, reasons: '已按从轻档裁量' });
    const early = await i1.post(`/api/cases/${id}/statements`, body((await i1.get(`/api/cases/${id}`)).json().version));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('第四十五条');
    let c = await ok(i1, id, 'notify', { servedOn: addDays(today, -2) });
    const before = await i1.post(`/api/cases/${id}/statements`, body(c.version, addDays(today, -3)));
    expect(before.json().error.code).toBe('DATE_BEFORE_NOTICE');
    expect((await (await env.as('leader')).post(`/api/cases/${id}/statements`, body(c.version))).statusCode).toBe(403);
    const res = await i1.post(`/api/cases/${id}/statements`, body(c.version));
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(c.state).toBe('notified');
    expect(c.events.at(-1)).toMatchObject({ step: 'record_statement', label: '记录当事人陈述、申辩', input: { adopted: false, reasons: '已按从轻档裁量' } });
    expect((await i1.post(`/api/cases/${id}/statements`, body(c.version - 1))).json().error.code).toBe('CASE_CHANGED');
    const audited = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.record_statement' AND object_id = $1", [String(id)]);
    expect(audited!.n).toBe(1);
  });
});

describe('extending the decision period (art. 60)', () => {
  it('the head extends an open case once, before the period ends; the clock and the list follow the new due date', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', { ...LEAD(), partyName: '延长期限测试诊所' })).json().id;
    const extend = async (who: Client, reason = '案情复杂，需补充鉴定') =>
      who.post(`/api/cases/${id}/decision-extension`, { version: (await who.get(`/api/cases/${id}`)).json().version, reason });
    expect((await extend(leader)).json().error.code).toBe('WRONG_STATE');
    const filed = await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    expect(filed.decisionExtension).toMatchObject({ count: 0, max: 1, days: 30 });
    expect((await extend(i1)).statusCode).toBe(403);

    await elapse(env, id, 80);
    const before = (await leader.get(`/api/cases/${id}`)).json().clocks.find((k: { id: string }) => k.id === 'decision');
    const res = await extend(leader);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    const clock = c.clocks.find((k: { id: string }) => k.id === 'decision');
    expect(clock.extendedFrom).toBe(before.due);
    expect(clock.due > addDays(before.due, 29)).toBe(true);
    expect(c.decisionExtension.count).toBe(1);
    expect(c.events.at(-1)).toMatchObject({ step: 'extend_decision_period', input: { days: 30, from: before.due, to: clock.due } });
    const row = await env.db.one<{ due: string }>('SELECT decision_due::text AS due FROM penalty_cases WHERE id = $1', [id]);
    expect(row!.due).toBe(clock.due);

    // Day 100: overdue without the extension, not with it.
    await elapse(env, id, 20);
    const listed = (await leader.get(`/api/cases?q=${encodeURIComponent('延长期限测试')}`)).json();
    expect(listed.rows[0].overdue).toBe(false);
    const again = await extend(leader);
    expect(again.json().error.code).toBe('EXTENSION_LIMIT');
    expect(again.json().error.message).toContain('第六十条');
    const audited = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.extend_decision_period' AND object_id = $1", [String(id)]);
    expect(audited!.n).toBe(1);
  });

  it('is refused once the period has run out', async () => {
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const id = (await i1.post('/api/cases', { ...LEAD(), partyName: '期限届满测试诊所' })).json().id;
    await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    await elapse(env, id, 100);
    const res = await leader.post(`/api/cases/${id}/decision-extension`, { version: (await leader.get(`/api/cases/${id}`)).json().version, reason: '逾期申请' });
    expect(res.json().error.code).toBe('DECISION_PERIOD_EXPIRED');
  });
});

describe('dates in their legal order', () => {
  it('refuses a notice before filing, a request before the notice, a hearing notice before the request, a decision before the notice or the hearing, service before the decision and payment before service', async () => {
    const [i1, i2, reviewer, legal, leader] = await Promise.all(['inspector1', 'inspector2', 'reviewer', 'legal', 'leader'].map((u) => env.as(u)));
    const id = (await i1.post('/api/cases', { ...LEAD(), partyName: '日期顺序测试诊所' })).json().id;
    /** The step is refused with DATE_ORDER naming the field, both dates and what the date may not precede. */
    const outOfOrder = async (c: Client, name: string, input: Record<string, unknown>, field: string, words: string[]) => {
      const res = await step(c, id, name, input);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'DATE_ORDER', details: { field } });
      for (const w of [field, ...words]) expect(res.json().error.message).toContain(w);
    };
    await ok(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    await ok(i1, id, 'finish_investigation', {
      facts: '经查，违法所得6000元。', provisionCode: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary', sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 100000,
    });
    await ok(reviewer, id, 'submit_legal_review', { opinion: '提交法制审核' });
    await ok(legal, id, 'pass_legal_review', { opinion: '同意' });
    await elapse(env, id, 20);
    const filedOn = addDays(today, -20);

    await outOfOrder(i1, 'notify', { servedOn: addDays(filedOn, -1) }, 'servedOn', ['事先告知书送达日期', '立案日期', addDays(filedOn, -1), filedOn]);
    await ok(i1, id, 'notify', { servedOn: today });
    await outOfOrder(i2, 'request_hearing', { requestedOn: addDays(today, -1) }, 'requestedOn', ['听证要求', '事先告知书送达日期', today]);
    await ok(i2, id, 'request_hearing', { requestedOn: today });

    await elapse(env, id, 20);
    const requestedOn = addDays(today, -20);
    const hearing = { hearingDate: addDays(today, -1), hostInspectorId: inspectorOf.inspector3, place: '听证室' };
    await outOfOrder(i1, 'schedule_hearing', { ...hearing, noticeServedOn: addDays(requestedOn, -1) }, 'noticeServedOn', ['听证通知书送达日期', '听证要求', requestedOn]);
    await ok(i1, id, 'schedule_hearing', { ...hearing, noticeServedOn: addDays(today, -15) });
    let c = await ok(i2, id, 'hold_hearing', { record: '当事人对违法事实无异议。' });

    const penalty = { sanctions: ['stop_practice', 'confiscate_gains', 'fine'], fineYuan: 100000 };
    await outOfOrder(leader, 'decide', { ...penalty, decidedOn: addDays(requestedOn, -1) }, 'decidedOn', ['决定日期', '事先告知书送达日期', requestedOn]);
    await outOfOrder(leader, 'decide', { ...penalty, decidedOn: addDays(today, -2) }, 'decidedOn', ['决定日期', '听证日期', addDays(today, -1)]);
    // The collective discussion, when this case needs one, does not change the order of dates.
    if (c.nextSteps.find((s: { id: string }) => s.id === 'decide')?.refusal?.code === 'COLLECTIVE_REQUIRED') {
      await ok(i1, id, 'submit_collective');
      await ok(leader, id, 'record_collective', { attendees: ['沈建国', '陆文博', '顾海燕'], minutes: '同意。', decision: '罚款100000元' });
    }
    await ok(leader, id, 'decide', { ...penalty, decidedOn: today });
    await outOfOrder(i1, 'serve', { servedOn: addDays(today, -1), method: 'direct', recipient: '张某' }, 'servedOn', ['决定书送达日期', '决定日期', today]);
    c = await ok(i1, id, 'serve', { servedOn: today, method: 'direct', recipient: '张某' });
    expect(c.state).toBe('served');

    // Payment: the decision was served five days ago; paying before that is refused.
    await elapse(env, id, 5);
    const servedOn = addDays(today, -5);
    await outOfOrder(i1, 'record_payment', { paidOn: addDays(servedOn, -1), amountYuan: 100000 }, 'paidOn', ['缴纳日期', '决定书送达日期', servedOn]);
    c = await ok(i1, id, 'record_payment', { paidOn: servedOn, amountYuan: 100000 });
    expect(c.state).toBe('paid');
  });
});
