// The enforcement metrics against cases made through the API in a fresh database: a
// simple-procedure decision (published on time), a general-procedure decision with
// confiscation (not published), a transferred case. Every expected figure follows from
// those three cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { caseFixtures, elapse, takeStep } from './testSupport';

let env: TestEnv;
let inspectorOf: Record<string, number> = {};
let nhInstitute: number;
const today = todayInChina();

beforeAll(async () => {
  env = await setupTestEnv();
  ({ inspectorOf, nhInstitute } = await caseFixtures(env));
  // The demo's imported history (seed/enforcement.ts) runs up to a month ago: set aside, so
  // that every expected figure follows from the three cases alone.
  await env.db.query('DELETE FROM penalty_cases WHERE imported');
});
afterAll(async () => { await env?.close(); });

const lead = (party: string, kind = 'organisation') => ({
  orgId: nhInstitute, source: 'inspection', cause: '测试案由', leadOn: addDays(today, -20), entityId: null, partyKind: kind,
  partyName: party, partyCode: null, partyLegalRep: null, partyAddress: '嘉兴市南湖区某路1号', partyPhone: null, facts: null,
});

const step = takeStep;

describe('enforcement metrics', () => {
  it('count decisions, money, sanctions, parties, transfers, publication and decision time as defined', async () => {
    const [i1, reviewer, leader, admin] = await Promise.all(['inspector1', 'reviewer', 'leader', 'admin'].map((u) => env.as(u)));
    const two = [inspectorOf.inspector1, inspectorOf.inspector2];

    // A: simple procedure, warning and 200 yuan, published, paid, closed.
    const a = (await i1.post('/api/cases', lead('甲宾馆'))).json().id;
    await step(i1, a, 'decide_on_spot', { inspectorIds: two, facts: '现场发现', sanctions: ['warning', 'fine'], fineYuan: 200 });
    expect((await i1.post(`/api/cases/${a}/publication`, { severity: 'minor' })).statusCode).toBe(200);
    await step(i1, a, 'record_payment', { paidOn: today, amountYuan: 200 });
    await step(leader, a, 'close', { summary: '办结' });

    // B: general procedure, BHPL-99, gains 6,000 (counted 10,000), confiscation and 60,000 yuan; decided 10 days after filing.
    const b = (await i1.post('/api/cases', lead('乙诊所'))).json().id;
    await step(leader, b, 'file', { inspectorIds: two });
    await step(i1, b, 'finish_investigation', { facts: '事实', provisionCode: 'BHPL-99', illegalGainsYuan: 6000, tier: 'lighter', sanctions: ['confiscate_gains', 'fine'], fineYuan: 60000 });
    await step(reviewer, b, 'pass_review', { opinion: '同意' });
    await elapse(env, b, 10); // filed ten days ago (the notice cannot precede the filing)
    await step(i1, b, 'notify', { servedOn: addDays(today, -10) });
    await step(leader, b, 'decide', { decidedOn: today, sanctions: ['confiscate_gains', 'fine'], fineYuan: 60000 });
    await step(i1, b, 'serve', { servedOn: today, method: 'direct', recipient: '乙' });
    await step(i1, b, 'record_payment', { paidOn: today, amountYuan: 60000 });
    await step(leader, b, 'close', { summary: '办结' });

    // C: filed and transferred.
    const c = (await i1.post('/api/cases', lead('丙公司'))).json().id;
    await step(leader, c, 'file', { inspectorIds: two });
    await step(leader, c, 'transfer', { reason: '涉嫌犯罪，移送公安机关' });

    // One use in 12 months makes a provision high-frequency for Nanhu.
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-WJJ'"))!.id;
    expect((await admin.put(`/api/rules/metrics.discretion_high_frequency_uses/orgs/${nh}`, { value: 1 })).statusCode).toBe(200);

    const res = await (await env.as('office')).get(`/api/metrics?from=${addDays(today, -100)}&to=${today}&org=NH-WJJ&ids=${[
      'enforcement.cases.opened', 'enforcement.cases.closed', 'enforcement.penalty_decisions', 'enforcement.fines.decided',
      'enforcement.fines.collected', 'enforcement.confiscation', 'enforcement.sanctions', 'enforcement.entities_penalized',
      'enforcement.transfers', 'enforcement.major.count', 'enforcement.major.submission_rate', 'enforcement.major.review_rate',
      'enforcement.publicity.on_time_rate', 'enforcement.discretion_coverage', 'enforcement.decision_time.median'].join(',')}`);
    expect(res.statusCode, res.body).toBe(200);
    const m = Object.fromEntries(res.json().metrics.map((x: { id: string }) => [x.id, x]));
    expect(m['enforcement.cases.opened'].value).toBe(2);
    expect(m['enforcement.cases.closed']).toMatchObject({ value: 2, breakdown: { simple: 1, general: 1 } });
    expect(m['enforcement.penalty_decisions'].value).toBe(2);
    expect(m['enforcement.fines.decided'].value).toBe(60200);
    expect(m['enforcement.fines.collected'].value).toBe(60200);
    expect(m['enforcement.confiscation'].value).toBe(6000);
    expect(m['enforcement.sanctions']).toMatchObject({ value: 2, breakdown: { warning: 1, fine: 2, confiscation: 1, suspension: 0 } });
    expect(m['enforcement.entities_penalized'].value).toBe(2);
    expect(m['enforcement.transfers'].value).toBe(1);
    expect(m['enforcement.major.count'].value).toBe(0);
    expect(m['enforcement.major.submission_rate']).toMatchObject({ value: null, denominator: 0 });
    expect(m['enforcement.publicity.on_time_rate']).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(m['enforcement.discretion_coverage']).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(m['enforcement.decision_time.median'].value).toBe(10);

    // The other district has none of it.
    const xz = await (await env.as('office')).get(`/api/metrics?from=${addDays(today, -100)}&to=${today}&org=XZ-WJJ&ids=enforcement.penalty_decisions,enforcement.publicity.on_time_rate`);
    const x = Object.fromEntries(xz.json().metrics.map((v: { id: string }) => [v.id, v]));
    expect(x['enforcement.penalty_decisions'].value).toBe(0);
    expect(x['enforcement.publicity.on_time_rate'].value).toBeNull();
  });
});
