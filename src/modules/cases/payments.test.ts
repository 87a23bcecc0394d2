// Paying a fine through the API: the late-payment surcharge computed on the case (art.
// 72) and paid apart from the fine, and an instalment plan (art. 66) followed payment by
// payment until the fine is paid. paid_yuan stays the fine paid (the enforcement metrics).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, daysBetween, todayInChina } from '../../core/calendar/dates';
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

const LEAD = (partyName: string) => ({
  orgId: nhInstitute, source: 'inspection', cause: '公共场所未取得卫生许可证经营', leadOn: addDays(today, -60), entityId: null,
  partyKind: 'organisation', partyName, partyCode: null, partyLegalRep: '钱某', partyAddress: '嘉兴市南湖区某路2号', partyPhone: null, facts: null,
});

const rowOf = (id: number) => env.db.one<{ paid_yuan: number | null; paid_on: string | null }>(
  'SELECT paid_yuan::float8 AS paid_yuan, paid_on::text AS paid_on FROM penalty_cases WHERE id = $1', [id]);

describe('the late-payment surcharge (art. 72)', () => {
  it('accrues 3% of the fine a day after the payment period, is capped at the fine, and is paid apart from the fine', async () => {
    const i1 = await env.as('inspector1');
    const id = (await i1.post('/api/cases', { ...LEAD('加处罚款测试商店'), leadOn: today })).json().id;
    let c = await takeStep(i1, id, 'decide_on_spot', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], facts: '现场发现', sanctions: ['warning', 'fine'], fineYuan: 500 });
    expect(c.payment).toMatchObject({ fineYuan: 500, paidFineYuan: 0, surcharge: { yuan: 0, daysLate: 0, ratePercent: 3 } });
    expect(c.payment.surcharge.citation).toContain('第七十二条');

    // 25 days after service: past the 15-day period even where it ends after a long holiday.
    await elapse(env, id, 25);
    c = (await i1.get(`/api/cases/${id}`)).json();
    const days = daysBetween(c.payment.dueOn, today);
    expect(days).toBeGreaterThan(0);
    expect(c.payment.surcharge).toMatchObject({ daysLate: days, yuan: Math.min(500, 15 * days), capped: false, owedYuan: Math.min(500, 15 * days) });

    await elapse(env, id, 40);
    c = (await i1.get(`/api/cases/${id}`)).json();
    expect(c.payment.surcharge).toMatchObject({ yuan: 500, capped: true });

    const over = await stepResponse(i1, id, 'record_payment', { paidOn: today, amountYuan: 500, surchargeYuan: 500.01 });
    expect(over.json().error.code).toBe('SURCHARGE_OVER');
    expect(over.json().error.message).toContain('第七十二条');
    const fineAndSurcharge = await stepResponse(i1, id, 'record_payment', { paidOn: today, amountYuan: 1000 });
    expect(fineAndSurcharge.json().error.code).toBe('PAYMENT_OVER');
    c = await takeStep(i1, id, 'record_payment', { paidOn: today, amountYuan: 500, surchargeYuan: 500 });
    expect(c.state).toBe('paid');
    expect(c.payment).toMatchObject({ paidFineYuan: 500, owedFineYuan: 0, surcharge: { paidYuan: 500, owedYuan: 0 }, payments: [{ paidOn: today, fineYuan: 500, surchargeYuan: 500 }] });
    expect(await rowOf(id)).toEqual({ paid_yuan: 500, paid_on: today });
  });
});

/** A general-procedure case decided with a fine of 2,000 yuan (PP-35) and served today. */
async function servedCase(partyName: string) {
  const [i1, reviewer, leader] = await Promise.all(['inspector1', 'reviewer', 'leader'].map((u) => env.as(u)));
  const id = (await i1.post('/api/cases', LEAD(partyName))).json().id;
  await takeStep(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
  await takeStep(i1, id, 'finish_investigation', { facts: '经查，未取得卫生许可证经营。', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000 });
  await takeStep(reviewer, id, 'pass_review', { opinion: '同意' });
  await elapse(env, id, 20); // filed twenty days ago: the notice cannot precede the filing
  await takeStep(i1, id, 'notify', { servedOn: addDays(today, -20) });
  await takeStep(leader, id, 'decide', { decidedOn: today, sanctions: ['warning', 'fine'], fineYuan: 2000 });
  await takeStep(i1, id, 'serve', { servedOn: today, method: 'direct', recipient: '钱某' });
  return { id, i1, leader };
}

describe('instalments (art. 66)', () => {
  it('a plan covering the fine is approved, each instalment is paid against it, and the last one settles the fine', async () => {
    const { id, i1, leader } = await servedCase('分期缴纳测试商店');
    const plan = [{ dueOn: today, amountYuan: 800 }, { dueOn: addDays(today, 30), amountYuan: 1200 }];
    const short = await stepResponse(leader, id, 'approve_instalment', { reason: '经营困难', plan: [plan[0], { ...plan[1], amountYuan: 1199.99 }] });
    expect(short.json().error).toMatchObject({ code: 'INSTALMENT_PLAN' });
    expect(short.json().error.message).toContain('第六十六条');
    expect((await stepResponse(i1, id, 'approve_instalment', { reason: '经营困难', plan })).statusCode).toBe(403);
    let c = await takeStep(leader, id, 'approve_instalment', { reason: '当事人经营困难，申请分两期缴纳', plan });
    expect(c.state).toBe('instalment');
    expect(c.payment.plan).toMatchObject({ approvedOn: today, instalments: [{ no: 1, dueOn: today, amountYuan: 800, status: 'unpaid' }, { no: 2, amountYuan: 1200, status: 'unpaid' }] });
    // The plan replaces the payment period: its clock stops.
    expect(c.clocks.find((k: { id: string }) => k.id === 'payment').stoppedOn).toBe(today);

    // The first instalment comes five days late: it is overdue and bears its surcharge.
    await env.db.query('UPDATE case_instalments SET due_on = due_on - 5 WHERE case_id = $1 AND no = 1', [id]);
    c = (await i1.get(`/api/cases/${id}`)).json();
    expect(c.payment.plan.instalments[0]).toMatchObject({ status: 'overdue', daysLate: 5, surchargeYuan: 120 });
    expect(c.payment.surcharge).toMatchObject({ yuan: 120, daysLate: 5 });
    expect((await stepResponse(i1, id, 'pay_instalment', { paidOn: today, amountYuan: 2000 })).json().error.code).toBe('PAYMENT_COMPLETES');
    c = await takeStep(i1, id, 'pay_instalment', { paidOn: today, amountYuan: 800, surchargeYuan: 120 });
    expect(c.state).toBe('instalment');
    expect(c.payment.plan.instalments.map((i: { status: string }) => i.status)).toEqual(['paid', 'unpaid']);
    expect(c.payment).toMatchObject({ paidFineYuan: 800, owedFineYuan: 1200, surcharge: { yuan: 120, paidYuan: 120, owedYuan: 0 } });
    expect(await rowOf(id)).toEqual({ paid_yuan: 800, paid_on: null });

    expect((await stepResponse(i1, id, 'record_payment', { paidOn: today, amountYuan: 1000 })).json().error.code).toBe('PAYMENT_SHORT');
    c = await takeStep(i1, id, 'record_payment', { paidOn: today, amountYuan: 1200 });
    expect(c.state).toBe('paid');
    expect(c.payment.plan.instalments.map((i: { status: string; paidOn: string }) => [i.status, i.paidOn])).toEqual([['paid', today], ['paid', today]]);
    expect(await rowOf(id)).toEqual({ paid_yuan: 2000, paid_on: today });
    const rows = await env.db.query<{ fine: number; surcharge: number }>(
      'SELECT fine_yuan::float8 AS fine, surcharge_yuan::float8 AS surcharge FROM case_payments WHERE case_id = $1 ORDER BY id', [id]);
    expect(rows).toEqual([{ fine: 800, surcharge: 120 }, { fine: 1200, surcharge: 0 }]);
    await takeStep(leader, id, 'close', { summary: '分期缴清，结案' });
    const audited = await env.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'penalty_case' AND object_id = $1 AND action IN ('case.approve_instalment', 'case.pay_instalment', 'case.record_payment') ORDER BY id", [String(id)]);
    expect(audited.map((a) => a.action)).toEqual(['case.approve_instalment', 'case.pay_instalment', 'case.record_payment']);
  });

  it('a fine paid late in one payment with its surcharge: paid_yuan stays the fine (the enforcement metrics read it)', async () => {
    const { id, i1 } = await servedCase('罚没统计测试商店');
    await elapse(env, id, 25);
    const c = (await i1.get(`/api/cases/${id}`)).json();
    const owed = c.payment.surcharge.owedYuan;
    expect(owed).toBeGreaterThan(0);
    await takeStep(i1, id, 'record_payment', { paidOn: today, amountYuan: 2000, surchargeYuan: owed });
    expect((await rowOf(id))!.paid_yuan).toBe(2000);
  });
});
