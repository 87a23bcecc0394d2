// Paying a fine: the late-payment surcharge (加处罚款, 行政处罚法 art. 72) and an approved
// instalment plan (art. 66) followed payment by payment. A fine paid at once is a plan of
// one instalment due at the end of the payment period (art. 67), so both are followed the
// same way. Pure: amounts are in fen (integers), so sums, comparisons and the cap are
// exact; dates are 'YYYY-MM-DD'.
import { daysBetween } from '../calendar/dates';

/** Yuan (two decimals at most) as fen. */
export const toFen = (yuan: number) => Math.round(yuan * 100);
export const toYuan = (fen: number) => fen / 100;

export interface Surcharge {
  /** Days after the due date up to `until` (the due day itself is not late). */
  daysLate: number;
  fen: number;
  /** The surcharge reached the amount it is charged on and stops growing. */
  capped: boolean;
}

/**
 * The surcharge on `baseFen` due on `dueOn` and still unpaid on `until`: `ratePercent` of
 * the base for each day after the due date, never above the base (art. 72). Computed
 * once over all days and rounded to the fen (half up), so no per-day rounding adds up.
 */
export function lateSurcharge(baseFen: number, ratePercent: number, dueOn: string, until: string): Surcharge {
  const daysLate = Math.max(0, daysBetween(dueOn, until));
  // BigInt: a large fine × rate × many days passes 2^53 before the cap applies.
  const rate = BigInt(Math.round(ratePercent * 10_000)); // percent in 1/10,000ths
  const den = 100n * 10_000n;
  const raw = (BigInt(baseFen) * rate * BigInt(daysLate) * 2n + den) / (2n * den);
  const capped = raw >= BigInt(baseFen) && daysLate > 0;
  return { daysLate, fen: capped ? baseFen : Number(raw), capped };
}

export interface Instalment { no: number; dueOn: string; amountFen: number }
export interface FinePayment { paidOn: string; fineFen: number }

export type InstalmentStatus = 'paid' | 'unpaid' | 'overdue';

export interface InstalmentProgress extends Instalment {
  paidFen: number;
  /** The day the payments covered the instalment in full. */
  paidOn: string | null;
  status: InstalmentStatus;
  surcharge: Surcharge;
}

/**
 * Where each instalment stands on `today`: payments cover the instalments in due order
 * (a payment goes to the earliest instalment not yet covered), an instalment is paid on
 * the day the payments reach it, and it bears the surcharge from its due date until then
 * (or until today while unpaid).
 */
export function followPlan(plan: readonly Instalment[], payments: readonly FinePayment[], today: string, ratePercent: number): InstalmentProgress[] {
  const ordered = [...payments].sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const totalPaid = ordered.reduce((s, p) => s + p.fineFen, 0);
  let before = 0; // the plan's amount due before this instalment
  return [...plan].sort((a, b) => a.no - b.no).map((i) => {
    const paidFen = Math.min(i.amountFen, Math.max(0, totalPaid - before));
    const paidOn = paidFen === i.amountFen ? coveredOn(ordered, before + i.amountFen) : null;
    before += i.amountFen;
    const status: InstalmentStatus = paidOn ? 'paid' : today > i.dueOn ? 'overdue' : 'unpaid';
    return { ...i, paidFen, paidOn, status, surcharge: lateSurcharge(i.amountFen, ratePercent, i.dueOn, paidOn ?? today) };
  });
}

/** The day the running total of the payments first reaches `fen`. */
function coveredOn(ordered: readonly FinePayment[], fen: number): string | null {
  let sum = 0;
  for (const p of ordered) {
    sum += p.fineFen;
    if (sum >= fen) return p.paidOn;
  }
  return null;
}

/** The surcharge the plan has accrued (each instalment capped at its amount, so the whole never passes the fine). */
export const surchargeOf = (progress: readonly InstalmentProgress[]) => progress.reduce((s, i) => s + i.surcharge.fen, 0);

/** Why an instalment plan cannot be approved, or null: it must cover the fine exactly, in date order, from today on. */
export function planProblem(plan: readonly { dueOn: string; amountYuan: number }[], fineFen: number, today: string): string | null {
  if (plan.length === 0) return '请填写分期（暂缓）缴纳的期限和金额';
  const sum = plan.reduce((s, i) => s + toFen(i.amountYuan), 0);
  if (sum !== fineFen) return `各期金额之和（${toYuan(sum)}元）应等于罚款${toYuan(fineFen)}元`;
  if (plan.some((i) => toFen(i.amountYuan) <= 0)) return '每期金额应大于0';
  if (plan[0].dueOn < today) return '缴纳期限不能早于今天';
  if (plan.some((i, n) => n > 0 && i.dueOn <= plan[n - 1].dueOn)) return '各期缴纳期限应按先后顺序排列，且不能相同';
  return null;
}
