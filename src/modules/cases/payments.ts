// The payment of a case's fine as it stands: the payment period (art. 67) or the approved
// instalment plan (art. 66), each payment with the fine and the surcharge it paid, and
// the late-payment surcharge accrued (art. 72), computed by core/procedure/payment.ts
// from the rows of case_instalments and case_payments (migration 0018).
import type { Queryable } from '../../platform/db';
import { todayInChina } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { CASE_CLOCKS } from '../../core/procedure/penaltyCase';
import { followPlan, surchargeOf, toFen, toYuan, type FinePayment, type Instalment } from '../../core/procedure/payment';
import type { CaseRow } from './service';

interface PaymentRow { paid_on: string; fine_yuan: number; surcharge_yuan: number }
interface PlanRow { no: number; due_on: string; amount_yuan: number; approved_on: string }

const SURCHARGE = RULES.latePaymentSurchargePercent;

async function planOf(db: Queryable, caseId: number): Promise<PlanRow[]> {
  return db.query<PlanRow>(
    `SELECT no, due_on::text AS due_on, amount_yuan::float8 AS amount_yuan, approved_on::text AS approved_on
       FROM case_instalments WHERE case_id = $1 ORDER BY no`, [caseId]);
}

async function paymentsOf(db: Queryable, c: CaseRow): Promise<PaymentRow[]> {
  const rows = await db.query<PaymentRow>(
    `SELECT paid_on::text AS paid_on, fine_yuan::float8 AS fine_yuan, surcharge_yuan::float8 AS surcharge_yuan
       FROM case_payments WHERE case_id = $1 AND superseded_on IS NULL ORDER BY paid_on, id`, [c.id]);
  // A case paid without a payment row (imported history): the fine paid in full on paid_on.
  if (rows.length === 0 && c.paid_on && c.paid_yuan) return [{ paid_on: c.paid_on, fine_yuan: c.paid_yuan, surcharge_yuan: 0 }];
  return rows;
}

/** Last day to pay without a plan: 15 days after the decision was received (the payment clock). */
export function paymentDueOf(calendar: WorkCalendar, c: CaseRow): string | null {
  return c.served_on ? computeDue(calendar, { start: c.served_on, amount: CASE_CLOCKS.payment.amount, unit: CASE_CLOCKS.payment.unit }).due : null;
}

/** The instalments the fine is owed in: the approved plan, or the whole fine at the end of the payment period. */
function instalmentsOf(plan: PlanRow[], fineFen: number, dueOn: string): Instalment[] {
  return plan.length > 0
    ? plan.map((p) => ({ no: p.no, dueOn: p.due_on, amountFen: toFen(p.amount_yuan) }))
    : [{ no: 1, dueOn, amountFen: fineFen }];
}

/** Where the payment stands on `asOf` (today, or the date of a payment being recorded); null before a fine is served. */
export async function paymentState(db: Queryable, calendar: WorkCalendar, c: CaseRow, asOf: string = todayInChina()) {
  const fineFen = toFen(c.decided_fine_yuan ?? 0);
  const dueOn = paymentDueOf(calendar, c);
  if (fineFen <= 0 || !dueOn) return null;
  const plan = await planOf(db, c.id);
  const payments = await paymentsOf(db, c);
  const fines: FinePayment[] = payments.map((p) => ({ paidOn: p.paid_on, fineFen: toFen(p.fine_yuan) }));
  const progress = followPlan(instalmentsOf(plan, fineFen, dueOn), fines, asOf, SURCHARGE.value);
  const paidFineFen = fines.reduce((s, p) => s + p.fineFen, 0);
  const paidSurchargeFen = payments.reduce((s, p) => s + toFen(p.surcharge_yuan), 0);
  return { fineFen, dueOn, plan, payments, progress, paidFineFen, paidSurchargeFen, surchargeFen: surchargeOf(progress) };
}

/** The surcharge accrued by `paidOn` and not yet paid: the most a payment on that day may add (art. 72). */
export async function surchargeOwedOn(db: Queryable, calendar: WorkCalendar, c: CaseRow, paidOn: string): Promise<number> {
  const s = await paymentState(db, calendar, c, paidOn);
  return s ? toYuan(Math.max(0, s.surchargeFen - s.paidSurchargeFen)) : 0;
}

/** The payment as the case page shows it: what was due when, what was paid, the surcharge with its days and article. */
export async function paymentView(db: Queryable, calendar: WorkCalendar, c: CaseRow, today: string) {
  const s = await paymentState(db, calendar, c, today);
  if (!s) return null;
  const late = s.progress.reduce((m, i) => Math.max(m, i.surcharge.daysLate), 0);
  return {
    fineYuan: toYuan(s.fineFen), dueOn: s.dueOn, paidFineYuan: toYuan(s.paidFineFen), owedFineYuan: toYuan(Math.max(0, s.fineFen - s.paidFineFen)),
    surcharge: {
      yuan: toYuan(s.surchargeFen), daysLate: late, capped: s.progress.some((i) => i.surcharge.capped),
      paidYuan: toYuan(s.paidSurchargeFen), owedYuan: toYuan(Math.max(0, s.surchargeFen - s.paidSurchargeFen)),
      ratePercent: SURCHARGE.value, citation: SURCHARGE.citation,
    },
    plan: s.plan.length === 0 ? null : {
      approvedOn: s.plan[0].approved_on,
      instalments: s.progress.map((i) => ({
        no: i.no, dueOn: i.dueOn, amountYuan: toYuan(i.amountFen), paidYuan: toYuan(i.paidFen), paidOn: i.paidOn, status: i.status,
        daysLate: i.surcharge.daysLate, surchargeYuan: toYuan(i.surcharge.fen),
      })),
    },
    payments: s.payments.map((p) => ({ paidOn: p.paid_on, fineYuan: p.fine_yuan, surchargeYuan: p.surcharge_yuan })),
  };
}

/** Stores what a payment step carries besides the case columns: the approved plan, or the payment. */
export async function recordPaymentRows(tx: Queryable, userId: number, caseId: number, step: string, input: Record<string, unknown>, today: string): Promise<void> {
  if (step === 'approve_instalment') {
    const plan = input.plan as { dueOn: string; amountYuan: number }[];
    await tx.query('DELETE FROM case_instalments WHERE case_id = $1', [caseId]);
    await tx.query(
      `INSERT INTO case_instalments (case_id, no, due_on, amount_yuan, approved_on)
       SELECT $1, n, d, a, $4 FROM unnest($2::date[], $3::numeric[]) WITH ORDINALITY AS p(d, a, n)`,
      [caseId, plan.map((p) => p.dueOn), plan.map((p) => p.amountYuan), today]);
  }
  if (step === 'record_payment' || step === 'pay_instalment') {
    await tx.query('INSERT INTO case_payments (case_id, paid_on, fine_yuan, surcharge_yuan, recorded_by) VALUES ($1,$2,$3,$4,$5)',
      [caseId, input.paidOn, input.amountYuan, input.surchargeYuan ?? 0, userId]);
  }
}
