// Paying a fine: the late-payment surcharge at its boundaries (the due day, the first day
// late, the cap at the fine, rounding to the fen) and an instalment plan followed payment
// by payment.
import { describe, expect, it } from 'vitest';
import { followPlan, lateSurcharge, planProblem, surchargeOf, toFen } from './payment';

const RATE = 3; // RULES.latePaymentSurchargePercent (art. 72)

describe('late-payment surcharge (art. 72)', () => {
  const fine = toFen(1000); // 100,000 fen

  it('is nothing on the due day itself or before it', () => {
    expect(lateSurcharge(fine, RATE, '2026-03-16', '2026-03-16')).toEqual({ daysLate: 0, fen: 0, capped: false });
    expect(lateSurcharge(fine, RATE, '2026-03-16', '2026-03-01')).toEqual({ daysLate: 0, fen: 0, capped: false });
  });

  it('is 3% of the fine on the first day late, and 3% more each day', () => {
    expect(lateSurcharge(fine, RATE, '2026-03-16', '2026-03-17')).toEqual({ daysLate: 1, fen: 3000, capped: false });
    expect(lateSurcharge(fine, RATE, '2026-03-16', '2026-04-18')).toEqual({ daysLate: 33, fen: 99_000, capped: false });
  });

  it('never passes the fine: capped from the day it would', () => {
    expect(lateSurcharge(fine, RATE, '2026-03-16', '2026-04-19')).toEqual({ daysLate: 34, fen: fine, capped: true });
    expect(lateSurcharge(fine, RATE, '2026-03-16', '2027-03-16')).toEqual({ daysLate: 365, fen: fine, capped: true });
    // A fine that reaches the cap exactly: 3% × 100 days would be 300%, so the cap holds; 2% × 50 days is exactly 100%.
    expect(lateSurcharge(fine, 2, '2026-03-16', '2026-05-05')).toEqual({ daysLate: 50, fen: fine, capped: true });
    expect(lateSurcharge(fine, 2, '2026-03-16', '2026-05-04')).toEqual({ daysLate: 49, fen: 98_000, capped: false });
  });

  it('is exact in fen: rounded once, half up, over all the days', () => {
    expect(lateSurcharge(101, RATE, '2026-03-16', '2026-03-17').fen).toBe(3); // 3.03 fen
    expect(lateSurcharge(150, RATE, '2026-03-16', '2026-03-17').fen).toBe(5); // 4.5 fen
    expect(lateSurcharge(101, RATE, '2026-03-16', '2026-03-26').fen).toBe(30); // 30.3 fen, not 10 × 3
    // The largest fine the platform takes, late for years: no floating-point drift past 2^53.
    expect(lateSurcharge(toFen(1_000_000_000), RATE, '2026-03-16', '2036-03-16')).toMatchObject({ fen: toFen(1_000_000_000), capped: true });
    expect(lateSurcharge(toFen(999_999_999.99), RATE, '2026-03-16', '2026-03-17').fen).toBe(3_000_000_000); // 2,999,999,999.97 fen
  });
});

describe('an instalment plan (art. 66)', () => {
  const plan = [{ no: 1, dueOn: '2026-03-01', amountFen: 50_000 }, { no: 2, dueOn: '2026-04-01', amountFen: 50_000 }];

  it('marks instalments paid, unpaid (not yet due) and overdue, with the surcharge on each overdue one', () => {
    const p = followPlan(plan, [{ paidOn: '2026-03-01', fineFen: 50_000 }], '2026-03-20', RATE);
    expect(p.map((i) => [i.status, i.paidFen, i.paidOn, i.surcharge.fen])).toEqual([['paid', 50_000, '2026-03-01', 0], ['unpaid', 0, null, 0]]);
    const late = followPlan(plan, [{ paidOn: '2026-03-01', fineFen: 50_000 }], '2026-04-03', RATE);
    expect(late[1]).toMatchObject({ status: 'overdue', surcharge: { daysLate: 2, fen: 3000 } });
    expect(surchargeOf(late)).toBe(3000);
  });

  it('payments cover the instalments in due order; an instalment is paid the day the payments reach it', () => {
    const p = followPlan(plan, [{ paidOn: '2026-04-05', fineFen: 30_000 }, { paidOn: '2026-03-01', fineFen: 70_000 }], '2026-05-01', RATE);
    expect(p[0]).toMatchObject({ status: 'paid', paidOn: '2026-03-01', surcharge: { fen: 0 } });
    expect(p[1]).toMatchObject({ status: 'paid', paidOn: '2026-04-05', paidFen: 50_000, surcharge: { daysLate: 4, fen: 6000 } });
    const partly = followPlan(plan, [{ paidOn: '2026-03-01', fineFen: 70_000 }], '2026-04-01', RATE);
    expect(partly[1]).toMatchObject({ status: 'unpaid', paidFen: 20_000, paidOn: null });
  });

  it('the surcharge of the whole plan never passes the fine', () => {
    const p = followPlan(plan, [], '2027-01-01', RATE);
    expect(p.every((i) => i.surcharge.capped)).toBe(true);
    expect(surchargeOf(p)).toBe(100_000);
  });

  it('a plan must cover the fine exactly, in date order, from today on', () => {
    const ok = [{ dueOn: '2026-04-01', amountYuan: 300.5 }, { dueOn: '2026-05-01', amountYuan: 699.5 }];
    expect(planProblem(ok, toFen(1000), '2026-03-20')).toBeNull();
    expect(planProblem([], toFen(1000), '2026-03-20')).toContain('请填写');
    expect(planProblem([{ dueOn: '2026-04-01', amountYuan: 999.99 }], toFen(1000), '2026-03-20')).toContain('应等于罚款1000元');
    expect(planProblem([{ dueOn: '2026-03-19', amountYuan: 1000 }], toFen(1000), '2026-03-20')).toContain('不能早于今天');
    expect(planProblem([ok[1], ok[0]], toFen(1000), '2026-03-20')).toContain('先后顺序');
    expect(planProblem([{ dueOn: '2026-04-01', amountYuan: 1000 }, { dueOn: '2026-05-01', amountYuan: 0 }], toFen(1000), '2026-03-20')).toContain('大于0');
  });
});
