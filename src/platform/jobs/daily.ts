// Daily jobs: work the platform does once a day by itself (the licence expiry reminders),
// while the server runs. Every minute the scheduler looks at the time in China; from the
// configured hour on, each job not yet run today is run. Several app processes may share
// one database: table job_runs (migration 0026) decides which of them runs a job on a
// day (the one whose INSERT … ON CONFLICT DO NOTHING adds the row), so a job never runs
// twice for a day. A run whose process died (started, never finished) is taken over by
// another process after STALE_AFTER_MINUTES. A job that fails records its error as the
// day's result and is not retried that day; the jobs are written so that the next day's
// run catches up (the reminders send a missed reminder late).
import type { Database } from '../db';
import type { AppContext } from '../http/types';
import { todayInChina } from '../../core/calendar/dates';

export interface DailyJob {
  /** Stable name, the key in job_runs. */
  name: string;
  /** Does the day's work; what it returns (JSON) is stored as the run's result. */
  run(ctx: AppContext, day: string): Promise<unknown>;
}

export type RunOutcome = { ran: true; result: unknown } | { ran: true; error: string } | { ran: false };

/** Minutes after which a run that never finished is taken as dead and run again. */
export const STALE_AFTER_MINUTES = 60;

/** Claims the day's run of the job: true for exactly one caller (or for the one taking over a dead run). */
async function claim(db: Database, job: string, day: string): Promise<boolean> {
  const inserted = await db.query('INSERT INTO job_runs (job, day) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job', [job, day]);
  if (inserted.length > 0) return true;
  const takenOver = await db.query(
    `UPDATE job_runs SET started_at = now(), result = NULL
      WHERE job = $1 AND day = $2 AND finished_at IS NULL AND started_at < now() - make_interval(mins => $3) RETURNING job`,
    [job, day, STALE_AFTER_MINUTES]);
  return takenOver.length > 0;
}

/** Runs the job for the day unless it has already run (or is running) for that day anywhere. */
export async function runDailyJobOnce(ctx: AppContext, job: DailyJob, day: string): Promise<RunOutcome> {
  if (!(await claim(ctx.db, job.name, day))) return { ran: false };
  try {
    const result = await job.run(ctx, day);
    await ctx.db.query('UPDATE job_runs SET finished_at = now(), result = $3 WHERE job = $1 AND day = $2', [job.name, day, JSON.stringify(result ?? null)]);
    return { ran: true, result };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await ctx.db.query('UPDATE job_runs SET finished_at = now(), result = $3 WHERE job = $1 AND day = $2', [job.name, day, JSON.stringify({ error })]);
    return { ran: true, error };
  }
}

/** The hour (0–23) in China (UTC+8) at the instant. */
export function hourInChina(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCHours();
}

export interface SchedulerOptions {
  /** From this hour (China time, 0–23) on, the day's jobs run. */
  hour: number;
  /** How often the clock is looked at (ms). */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface Scheduler {
  /** Looks at the clock now and runs what is due (the timer calls this). */
  tick(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Starts the daily jobs' timer. The timer does not keep the process alive. */
export function startDailyJobs(ctx: AppContext, jobs: DailyJob[], options: SchedulerOptions): Scheduler {
  const log = options.log ?? ((line: string) => console.log(line));
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    if (running) return running;
    if (stopped || hourInChina() < options.hour) return;
    const day = todayInChina();
    running = (async () => {
      for (const job of jobs) {
        try {
          const outcome = await runDailyJobOnce(ctx, job, day);
          if (outcome.ran) log('error' in outcome ? `每日任务 ${job.name}（${day}）失败 / daily job failed: ${outcome.error}` : `每日任务 ${job.name}（${day}）完成 / daily job done: ${JSON.stringify(outcome.result)}`);
        } catch (err) {
          // The database unreachable: the next tick tries again.
          log(`每日任务 ${job.name}（${day}）未能开始 / daily job could not start: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })().finally(() => { running = null; });
    await running;
  };
  const timer = setInterval(() => { void tick(); }, options.intervalMs ?? 60_000);
  timer.unref();
  setImmediate(() => { void tick(); });
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
