// PUT /api/test/clock: moves the server's "today" (todayInChina) forward, for the browser
// tests, whose server runs in another process than the tests and whose guards judge on
// today's date (a defence period must run out, a hearing must come seven working days
// after its notice). NEVER part of a deployment: startServer adds these routes only when
// called with { testClock: true } in code (test/e2e/support/globalSetup.ts); no
// environment variable, setting or CLI flag reaches that option (docs/decisions, "A test
// clock"). The clock only moves forward of the real date and is reset when that server stops.
import { z } from 'zod';
import type { RouteModule } from './types';
import { badRequest } from './errors';
import { isoDate } from './schemas';
import { clockOffsetDays, daysBetween, realTodayInChina, setClockOffsetDays, todayInChina } from '../../core/calendar/dates';

const MAX_OFFSET_DAYS = 3660;

export const testClockBody = z.object({
  /** Sets today to this date (not before the real date). */
  today: isoDate.optional(),
  /** Moves today forward by this many days from the clock's current today. */
  advanceDays: z.number().int().min(0).max(MAX_OFFSET_DAYS).optional(),
  /** Back to the real date. */
  reset: z.literal(true).optional(),
}).refine((b) => [b.today, b.advanceDays, b.reset].filter((v) => v !== undefined).length === 1, {
  message: '请只给出 today、advanceDays 或 reset 其中之一',
});

export const testClockResponse = z.object({ today: z.string(), realToday: z.string(), offsetDays: z.number() });

/** Sets the clock as the body says; the clock as it then is. */
export function setTestClock(body: z.infer<typeof testClockBody>) {
  const real = realTodayInChina();
  const offset = body.reset ? 0 : body.today !== undefined ? daysBetween(real, body.today) : clockOffsetDays() + body.advanceDays!;
  if (offset < 0) throw badRequest('CLOCK_BACKWARDS', `测试时钟只能设为今天（${real}）或之后的日期`, { field: 'today' });
  if (offset > MAX_OFFSET_DAYS) throw badRequest('CLOCK_TOO_FAR', `测试时钟最多拨快${MAX_OFFSET_DAYS}天`);
  setClockOffsetDays(offset);
  return { today: todayInChina(), realToday: real, offsetDays: offset };
}

export const testClockRoutes: RouteModule = (app) => {
  app.put('/api/test/clock', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['test'], summary: '（仅浏览器测试）拨快服务器的“今天”：today 设为某日，advanceDays 向后拨若干天，reset 恢复真实日期',
      body: testClockBody, response: { 200: testClockResponse },
    },
  }, async (req) => setTestClock(req.body));
};
