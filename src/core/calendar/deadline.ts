// Statutory periods. The rules (legal-rules.md, "Working days"; legal-research.md, "How
// days are counted"):
//  - a period starts counting on the day after the triggering event
//    (民事诉讼法 art. 85: 期间开始的时和日，不计算在期间内);
//  - working-day periods (N个工作日, and the short periods turned into working days by
//    行政处罚法 art. 85, 行政复议法 art. 88, 行政强制法 art. 69) skip rest days;
//  - calendar-day periods whose last day is a rest day end on the next working day
//    (民事诉讼法 art. 85: 期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期);
//  - month periods (the 3 or 6 months to answer a deputy's suggestion) end on the same day
//    of the month, or the month's last day when it has no such day (addMonths), and then
//    follow the calendar-day rules: paused days move them later, a rest day to the next
//    working day;
//  - a clock may be paused (third-party consultation, appraisal, correction request):
//    the days of a pause are not counted, so the remaining time is kept exactly.
import { addDays, addMonths, daysBetween, eachDay, yearOf } from './dates';
import type { WorkCalendar } from './workCalendar';

export const PERIOD_UNITS = ['workday', 'day', 'month'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** Days after `from` up to and including `to` are not counted. */
export interface Pause { from: string; to: string }

export interface PeriodInput {
  start: string;
  amount: number;
  unit: PeriodUnit;
  pauses?: readonly Pause[];
}

export interface PeriodResult {
  due: string;
  /** True when a counted day lies in a year whose holiday arrangement is not loaded. */
  provisional: boolean;
  /** Days (of any kind) skipped because the clock was paused. */
  pausedDays: number;
}

export const MAX_PERIOD_AMOUNT = 3660;

function inPause(date: string, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => date > p.from && date <= p.to);
}

export function computeDue(calendar: WorkCalendar, input: PeriodInput): PeriodResult {
  const { start, amount, unit } = input;
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_PERIOD_AMOUNT) {
    throw new RangeError(`期间天数应为0至${MAX_PERIOD_AMOUNT}之间的整数`);
  }
  const pauses = input.pauses ?? [];
  let pausedDays = 0;
  let d = start;
  if (unit === 'workday') {
    let counted = 0;
    while (counted < amount) {
      d = addDays(d, 1);
      if (inPause(d, pauses)) { pausedDays++; continue; }
      if (calendar.isWorkday(d)) counted++;
    }
  } else {
    // A month period is the calendar days up to the same day `amount` months later.
    const days = unit === 'month' ? daysBetween(start, addMonths(start, amount)) : amount;
    let counted = 0;
    while (counted < days) {
      d = addDays(d, 1);
      if (inPause(d, pauses)) { pausedDays++; continue; }
      counted++;
    }
    if (amount > 0) d = calendar.nextWorkdayFrom(d);
  }
  const provisional = d > start && yearsTouched(start, d).some((y) => !calendar.isLoaded(y));
  return { due: d, provisional, pausedDays };
}

function yearsTouched(start: string, end: string): number[] {
  const years: number[] = [];
  for (let y = yearOf(addDays(start, 1)); y <= yearOf(end); y++) years.push(y);
  return years;
}

/** Working days strictly after `from` up to and including `to` (0 when to <= from). */
export function workdaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  if (to <= from) return 0;
  return eachDay(addDays(from, 1), to).filter((d) => calendar.isWorkday(d)).length;
}

/**
 * Remaining time on a running clock as of `today`: working days (workday periods) or
 * calendar days (day and month periods) left until due (negative when overdue).
 */
export function remaining(calendar: WorkCalendar, today: string, due: string, unit: PeriodUnit): number {
  if (unit === 'day' || unit === 'month') return daysBetween(today, due);
  return due >= today ? workdaysBetween(calendar, today, due) : -workdaysBetween(calendar, due, today);
}
