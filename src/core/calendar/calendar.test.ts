import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './workCalendar';
import { OFFICIAL_ARRANGEMENTS } from './arrangements';
import { computeDue, remaining } from './deadline';
import { isIsoDate } from './dates';

const cal = WorkCalendar.fromArrangements(OFFICIAL_ARRANGEMENTS);

describe('working-day calendar 2025–2026 (国务院办公厅通知)', () => {
  it('treats holidays as rest days and make-up Saturdays/Sundays as working days', () => {
    expect(cal.day('2025-01-28')).toMatchObject({ workday: false, name: '春节' });
    expect(cal.day('2025-01-26')).toMatchObject({ workday: true, name: '春节调休上班' }); // a Sunday
    expect(cal.day('2026-02-28')).toMatchObject({ workday: true }); // a Saturday
    expect(cal.day('2026-10-07').workday).toBe(false);
    expect(cal.day('2026-11-23').workday).toBe(true); // ordinary Monday
    expect(cal.day('2026-11-22')).toMatchObject({ workday: false, name: '周末' });
  });

  it('marks a year without a loaded arrangement as provisional', () => {
    expect(cal.day('2027-01-04').provisional).toBe(true);
    expect(cal.day('2026-01-04').provisional).toBe(false);
  });
});

describe('statutory periods', () => {
  it('counts working days from the day after the event, skipping the National Day week', () => {
    // 30 Sep 2026 + 5 working days: 8, 9, 10 (make-up Saturday), 12, 13 October.
    expect(computeDue(cal, { start: '2026-09-30', amount: 5, unit: 'workday' }).due).toBe('2026-10-13');
  });

  it('20 working days for a disclosure request received before the Spring Festival (政府信息公开条例 art. 33)', () => {
    // Received Fri 6 Feb 2026: 9–13 Feb (5), 14 Sat make-up (6), holiday 15–23, 24–27 (10),
    // 28 Sat make-up (11), 2–6 Mar (16), 9–12 Mar (20).
    expect(computeDue(cal, { start: '2026-02-06', amount: 20, unit: 'workday' }).due).toBe('2026-03-12');
  });

  it('ends a calendar-day period that falls on a holiday on the next working day', () => {
    // 15 days after 16 Sep 2026 is 1 Oct (National Day): ends Thu 8 Oct.
    expect(computeDue(cal, { start: '2026-09-16', amount: 15, unit: 'day' }).due).toBe('2026-10-08');
    // Ending on a make-up working Saturday stays there.
    expect(computeDue(cal, { start: '2026-09-30', amount: 10, unit: 'day' }).due).toBe('2026-10-10');
  });

  it('flags a deadline reaching into 2027 as provisional', () => {
    const r = computeDue(cal, { start: '2026-12-20', amount: 20, unit: 'workday' });
    expect(r.provisional).toBe(true);
    expect(computeDue(cal, { start: '2026-11-02', amount: 5, unit: 'workday' }).provisional).toBe(false);
  });

  it('keeps the remaining time exactly across a pause (third-party consultation)', () => {
    const plain = computeDue(cal, { start: '2026-03-02', amount: 20, unit: 'workday' });
    const paused = computeDue(cal, { start: '2026-03-02', amount: 20, unit: 'workday', pauses: [{ from: '2026-03-06', to: '2026-03-27' }] });
    // The clock stood still for 21 days (15 working days); the due date moves by those 15 working days.
    expect(paused.pausedDays).toBe(21);
    expect(remaining(cal, plain.due, paused.due, 'workday')).toBe(15);
  });

  it('rejects negative or absurd amounts', () => {
    expect(() => computeDue(cal, { start: '2026-01-05', amount: -1, unit: 'day' })).toThrow();
    expect(() => computeDue(cal, { start: '2026-01-05', amount: 1.5, unit: 'day' })).toThrow();
  });

  it('validates ISO dates strictly', () => {
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-2-3')).toBe(false);
  });
});
