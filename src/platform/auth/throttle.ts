// Login throttling per account and per client address, kept in the database so that
// several app processes share the counters.
import type { Queryable } from '../db';

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const;

export function throttleKeys(username: string, ip: string): { account: string; address: string } {
  return { account: `user:${username.toLowerCase()}`, address: `ip:${ip}` };
}

/** Minutes until the lock lifts, or 0 when login may be attempted. */
export async function lockedFor(db: Queryable, keys: string[]): Promise<number> {
  const row = await db.one<{ minutes: number | null }>(
    `SELECT ceil(extract(epoch FROM max(locked_until) - now()) / 60)::int AS minutes
       FROM login_throttle WHERE key = ANY($1::text[]) AND locked_until > now()`, [keys]);
  return row?.minutes ?? 0;
}

export async function recordFailure(db: Queryable, key: string, maxFailures: number): Promise<void> {
  await db.query(
    `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.window_start < now() - make_interval(mins => $2) THEN 1 ELSE login_throttle.failures + 1 END,
       window_start = CASE WHEN login_throttle.window_start < now() - make_interval(mins => $2) THEN now() ELSE login_throttle.window_start END`,
    [key, THROTTLE.windowMinutes]);
  await db.query(
    `UPDATE login_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0, window_start = now()
      WHERE key = $1 AND failures >= $2`,
    [key, maxFailures, THROTTLE.lockMinutes]);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
