// The working-day calendar: weekends and statutory holidays are rest days, make-up
// working days (调休上班) are working days. A year whose official arrangement is not
// loaded is "provisional": only weekends count as rest days there, and every deadline
// that touches it says so.
import { addDays, eachDay, isWeekend, yearOf } from './dates';
import type { YearArrangement } from './arrangements';

export interface CalendarException { day: string; kind: 'holiday' | 'workday'; name: string }

export interface DayInfo {
  date: string;
  workday: boolean;
  /** Holiday or make-up working day name, or 周末 for an ordinary weekend. */
  name?: string;
  provisional: boolean;
}

export class WorkCalendar {
  private readonly exceptions = new Map<string, CalendarException>();
  private readonly loadedYears: Set<number>;

  constructor(exceptions: Iterable<CalendarException>, loadedYears: Iterable<number>) {
    for (const e of exceptions) this.exceptions.set(e.day, e);
    this.loadedYears = new Set(loadedYears);
  }

  static fromArrangements(arrangements: YearArrangement[]): WorkCalendar {
    return new WorkCalendar(arrangements.flatMap(exceptionsOf), arrangements.map((a) => a.year));
  }

  isLoaded(year: number): boolean {
    return this.loadedYears.has(year);
  }

  years(): number[] {
    return [...this.loadedYears].sort((a, b) => a - b);
  }

  day(date: string): DayInfo {
    const provisional = !this.loadedYears.has(yearOf(date));
    const exception = this.exceptions.get(date);
    if (exception) return { date, workday: exception.kind === 'workday', name: exception.name, provisional };
    if (isWeekend(date)) return { date, workday: false, name: '周末', provisional };
    return { date, workday: true, provisional };
  }

  isWorkday(date: string): boolean {
    return this.day(date).workday;
  }

  /** The first working day on or after date. */
  nextWorkdayFrom(date: string): string {
    let d = date;
    // A run of rest days is at most a few weeks; the bound only guards against bad data.
    for (let i = 0; i < 366 && !this.isWorkday(d); i++) d = addDays(d, 1);
    return d;
  }
}

/** Expands a published arrangement into one exception per day. */
export function exceptionsOf(a: YearArrangement): CalendarException[] {
  const days: CalendarException[] = [];
  for (const h of a.holidays) for (const day of eachDay(h.from, h.to)) days.push({ day, kind: 'holiday', name: h.name });
  for (const w of a.workdays) days.push({ day: w.date, kind: 'workday', name: w.name });
  return days;
}
