// How the annual report writes figures, in the style of the reports commissions publish
// (../seeds): counts as plain digits ("3727件"), rates as percentages with two decimals
// ("97.58%"), money in 元 below ten thousand and in 万元 with two decimals above
// ("8900元", "1339.05万元"), rates cut to two decimals, and the comparison with the previous year ("同比增长12.50%";
// for a rate, the change in percentage points).

/** 3727 → '3727' (no thousands separators, as the reports write counts); decimals kept to two places. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : trimZeros(n.toFixed(2));
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/**
 * A rate in hundredths of a percent, cut (not rounded) to two decimals, as the reports do
 * (3637 / 3727 = 97.585…% is printed 97.58%): a rate is never shown higher than it is, so
 * 99.996% never reads 100.00%. The tiny allowance absorbs binary error (0.29 × 10000).
 */
export function percentHundredths(ratio: number): number {
  return Math.floor(ratio * 10_000 + 1e-6);
}

/** 0.975852 → '97.58%'. */
export function formatPercent(ratio: number): string {
  return `${(percentHundredths(ratio) / 100).toFixed(2)}%`;
}

/** Yuan as a report writes it: '8900元', '20.50元', '1339.05万元'. */
export function formatMoney(yuan: number): string {
  if (Math.abs(yuan) >= 10_000) return `${(Math.round(yuan / 100) / 100).toFixed(2)}万元`;
  const fen = Math.round(yuan * 100);
  return fen % 100 === 0 ? `${fen / 100}元` : `${(fen / 100).toFixed(2)}元`;
}

/** Days with at most one decimal: '12天', '12.5天'. */
export function formatDays(days: number): string {
  return `${trimZeros(days.toFixed(1))}天`;
}

/**
 * The change against the previous year of a count or an amount: '同比增长12.50%',
 * '同比下降3.10%', '与上年持平'; null when there is nothing to compare with (no value
 * last year, or zero, where a percentage means nothing).
 */
export function changeOfAmount(current: number, previous: number | null | undefined): string | null {
  if (previous === null || previous === undefined || previous === 0) return null;
  const pct = Math.round(((current - previous) / previous) * 10_000) / 100;
  if (pct === 0) return '与上年持平';
  return pct > 0 ? `同比增长${pct.toFixed(2)}%` : `同比下降${Math.abs(pct).toFixed(2)}%`;
}

/** The change of a rate in percentage points: '同比提高1.20个百分点'; null without last year's rate. */
export function changeOfRate(current: number, previous: number | null | undefined): string | null {
  if (previous === null || previous === undefined) return null;
  // From the rates as printed, so the change agrees with the two figures the reader sees.
  const points = (percentHundredths(current) - percentHundredths(previous)) / 100;
  if (points === 0) return '与上年持平';
  return points > 0 ? `同比提高${points.toFixed(2)}个百分点` : `同比下降${Math.abs(points).toFixed(2)}个百分点`;
}
