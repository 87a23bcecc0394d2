// The server's clock: todayInChina() is the real date in China plus an offset that only
// the browser tests' PUT /api/test/clock sets; 0 is the real clock.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, clockOffsetDays, realTodayInChina, setClockOffsetDays, todayInChina } from './dates';

afterEach(() => setClockOffsetDays(0));

describe('the server clock', () => {
  it('is the real date in China (UTC+8) unless moved', () => {
    expect(clockOffsetDays()).toBe(0);
    expect(todayInChina()).toBe(realTodayInChina());
    // 20:00 UTC is already the next day in China.
    expect(todayInChina(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
  });

  it('moves forward by whole days and back to the real date on reset', () => {
    setClockOffsetDays(12);
    expect(clockOffsetDays()).toBe(12);
    expect(todayInChina()).toBe(addDays(realTodayInChina(), 12));
    // An explicit instant is that instant's date: the offset is the server's "now" only.
    expect(todayInChina(new Date('2026-03-01T04:00:00Z'))).toBe('2026-03-01');
    setClockOffsetDays(0);
    expect(todayInChina()).toBe(realTodayInChina());
  });

  it('refuses to go back in time or by part of a day', () => {
    expect(() => setClockOffsetDays(-1)).toThrow(RangeError);
    expect(() => setClockOffsetDays(1.5)).toThrow(RangeError);
    expect(() => setClockOffsetDays(4000)).toThrow(RangeError);
    expect(clockOffsetDays()).toBe(0);
  });
});
