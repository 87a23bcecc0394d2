// The working-day calendar as stored in the database, cached in memory (a few hundred
// rows) and reloaded whenever an administrator changes it. Modules whose records carry
// deadlines register a recompute hook, so every open deadline follows a corrected or
// newly loaded arrangement.
import type { Database, Queryable } from '../../platform/db';
import type { Actor } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { WorkCalendar, exceptionsOf, type CalendarException } from '../../core/calendar/workCalendar';
import { OFFICIAL_ARRANGEMENTS, type YearArrangement } from '../../core/calendar/arrangements';
import { eachDay, isWeekend, yearOf } from '../../core/calendar/dates';
import { badRequest } from '../../platform/http/errors';

export type DeadlineRecomputer = (tx: Queryable, calendar: WorkCalendar, years: number[]) => Promise<number>;

export interface YearSummary { year: number; source: string; loaded: boolean; holidays: number; workdays: number; updatedAt: Date | null }

/**
 * The working-day calendar as stored, read through the given connection (an import's
 * transaction, which cannot wait for another connection on PGlite).
 */
export async function loadWorkCalendar(db: Queryable): Promise<WorkCalendar> {
  const days = await db.query<CalendarException>('SELECT day::text AS day, kind, name FROM calendar_days');
  const years = await db.query<{ year: number }>('SELECT year FROM calendar_years');
  return new WorkCalendar(days, years.map((y) => y.year));
}

export class CalendarService {
  private cached: WorkCalendar | undefined;
  private readonly recomputers: { name: string; fn: DeadlineRecomputer }[] = [];

  constructor(private readonly db: Database) {}

  async current(): Promise<WorkCalendar> {
    this.cached ??= await this.load(this.db);
    return this.cached;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  /** A module with stored deadlines registers how to recompute its open ones. */
  onArrangementChanged(name: string, fn: DeadlineRecomputer): void {
    this.recomputers.push({ name, fn });
  }

  private async load(db: Queryable): Promise<WorkCalendar> {
    return loadWorkCalendar(db);
  }

  async years(): Promise<YearSummary[]> {
    return this.db.query<YearSummary>(
      `WITH y AS (SELECT year, source, updated_at FROM calendar_years),
            d AS (SELECT extract(year FROM day)::int AS year, count(*) FILTER (WHERE kind = 'holiday')::int AS holidays,
                         count(*) FILTER (WHERE kind = 'workday')::int AS workdays FROM calendar_days GROUP BY 1)
       SELECT coalesce(y.year, d.year) AS year, coalesce(y.source, '') AS source, y.year IS NOT NULL AS loaded,
              coalesce(d.holidays, 0) AS holidays, coalesce(d.workdays, 0) AS workdays, y.updated_at AS "updatedAt"
         FROM y FULL JOIN d ON d.year = y.year ORDER BY 1`);
  }

  async exceptionsOfYear(year: number): Promise<CalendarException[]> {
    return this.db.query<CalendarException>(
      `SELECT day::text AS day, kind, name FROM calendar_days WHERE day BETWEEN $1::date AND $2::date ORDER BY day`,
      [`${year}-01-01`, `${year}-12-31`]);
  }

  /**
   * Loads (or replaces) a year's official arrangement: its exceptions are replaced as a
   * whole, the year is marked loaded, open deadlines are recomputed, all in one transaction.
   */
  async loadArrangement(actor: Actor, arrangement: YearArrangement): Promise<{ recomputed: number }> {
    validateArrangement(arrangement);
    const exceptions = exceptionsOf(arrangement);
    const result = await this.db.transaction(async (tx) => {
      const before = await tx.query('SELECT day::text AS day, kind, name FROM calendar_days WHERE extract(year FROM day) = $1 ORDER BY day', [arrangement.year]);
      await tx.query('DELETE FROM calendar_days WHERE extract(year FROM day) = $1', [arrangement.year]);
      for (const e of exceptions) {
        await tx.query('INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3)', [e.day, e.kind, e.name]);
      }
      await tx.query(
        `INSERT INTO calendar_years (year, source, updated_at, updated_by) VALUES ($1, $2, now(), $3)
         ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [arrangement.year, arrangement.source, actor.userId]);
      const recomputed = await this.recompute(tx, [arrangement.year]);
      await recordAudit(tx, actor, { action: 'calendar.load_arrangement', objectType: 'calendar_year', objectId: arrangement.year, before, after: { source: arrangement.source, exceptions } });
      return { recomputed };
    });
    this.invalidate();
    return result;
  }

  /** Sets one day to a holiday, a make-up working day, or back to the ordinary rule. */
  async setDay(actor: Actor, day: string, kind: 'holiday' | 'workday' | 'normal', name: string | undefined): Promise<{ recomputed: number }> {
    if (kind === 'workday' && !isWeekend(day)) throw badRequest('CALENDAR_NOT_WEEKEND', `${day} 不是周末，无需设为调休上班日`);
    const result = await this.db.transaction(async (tx) => {
      const before = await tx.one('SELECT day::text AS day, kind, name FROM calendar_days WHERE day = $1', [day]);
      await tx.query('DELETE FROM calendar_days WHERE day = $1', [day]);
      if (kind !== 'normal') {
        const label = name?.trim() || (kind === 'holiday' ? '节假日' : '调休上班');
        await tx.query('INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3)', [day, kind, label]);
      }
      const recomputed = await this.recompute(tx, [yearOf(day)]);
      const after = kind === 'normal' ? null : { day, kind, name };
      await recordAudit(tx, actor, { action: 'calendar.set_day', objectType: 'calendar_day', objectId: day, before: before ?? null, after });
      return { recomputed };
    });
    this.invalidate();
    return result;
  }

  private async recompute(tx: Queryable, years: number[]): Promise<number> {
    const calendar = await this.load(tx);
    let total = 0;
    for (const r of this.recomputers) total += await r.fn(tx, calendar, years);
    return total;
  }
}

function validateArrangement(a: YearArrangement): void {
  const inYear = (d: string) => yearOf(d) === a.year;
  for (const h of a.holidays) {
    if (h.from > h.to) throw badRequest('CALENDAR_RANGE', `假期“${h.name}”的开始日期晚于结束日期`);
    if (!inYear(h.from) || !inYear(h.to)) throw badRequest('CALENDAR_YEAR', `假期“${h.name}”不在${a.year}年内`);
  }
  for (const w of a.workdays) {
    if (!inYear(w.date)) throw badRequest('CALENDAR_YEAR', `调休上班日 ${w.date} 不在${a.year}年内`);
    if (!isWeekend(w.date)) throw badRequest('CALENDAR_NOT_WEEKEND', `调休上班日 ${w.date} 不是周末`);
    const clash = a.holidays.find((h) => eachDay(h.from, h.to).includes(w.date));
    if (clash) throw badRequest('CALENDAR_CLASH', `${w.date} 同时被设为假期“${clash.name}”和调休上班日`);
  }
}

/** Seeds the official arrangements shipped with the platform (first start). */
export async function seedOfficialArrangements(db: Database, actor: Actor, service: CalendarService): Promise<void> {
  for (const a of OFFICIAL_ARRANGEMENTS) {
    const exists = await db.one('SELECT 1 FROM calendar_years WHERE year = $1', [a.year]);
    if (!exists) await service.loadArrangement(actor, a);
  }
}
