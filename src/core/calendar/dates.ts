// Calendar dates as 'YYYY-MM-DD' strings. Legal dates carry no time zone, so all
// arithmetic is done in UTC to avoid daylight-saving and offset surprises.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a syntactically valid and real calendar date (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day
 * (2026-01-31 + 1 month = 2026-02-28), as periods counted in months end in Chinese law.
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return toDate(iso).getUTCDay();
}

export function isWeekend(iso: string): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

// The server's clock. Every legal "today" on the server is todayInChina(). Browser tests
// need the procedure's waits to pass (a defence period running out, a hearing seven
// working days after its notice), so the clock can be moved forward by whole days. Only
// PUT /api/test/clock (src/platform/http/testClock.ts) calls setClockOffsetDays, and that
// route exists only when startServer is given { testClock: true } by the browser tests'
// setup: no environment variable or setting turns it on (docs/decisions, "A test clock").
let offsetDays = 0;

/** The real date in China (UTC+8), whatever the clock's offset. */
export function realTodayInChina(now: Date = new Date()): string {
  return toIso(new Date(now.getTime() + 8 * 3_600_000));
}

/** Moves the server's "today" `days` whole days ahead of the real date; 0 restores the real clock. */
export function setClockOffsetDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 3660) throw new RangeError(`clock offset must be a whole number of days from 0 to 3660, not ${days}`);
  offsetDays = days;
}

/** How many days the server's "today" runs ahead of the real date (0 outside tests). */
export function clockOffsetDays(): number {
  return offsetDays;
}

/**
 * Today's date in China (UTC+8), which is what "today" means for a legal deadline: the
 * real date plus the clock's offset. Given an explicit instant, that instant's date.
 */
export function todayInChina(now?: Date): string {
  if (now) return realTodayInChina(now);
  const real = realTodayInChina();
  return offsetDays === 0 ? real : addDays(real, offsetDays);
}

/** Every date from a to b inclusive. */
export function eachDay(a: string, b: string): string[] {
  const out: string[] = [];
  for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
  return out;
}
