// Starts the platform: database (PGlite in ./data, or DATABASE_URL), migrations, the
// demo seed on an empty database, then the HTTP server.
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './platform/config';
import { createContext, isEmpty } from './platform/bootstrap';
import { buildApp } from './platform/http/app';
import { MODULES } from './modules';
import { testClockRoutes } from './platform/http/testClock';
import { setClockOffsetDays } from './core/calendar/dates';
import { DEMO_ENTITY_COUNT, DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed/demo';
import { startDailyJobs, type DailyJob, type Scheduler } from './platform/jobs/daily';
import { expiryReminderJob, sendersFromConfig } from './modules/licensing/reminders';
import { matterReminderJob } from './modules/matters/reminders';

/** What the server does by itself once a day (src/platform/jobs/daily.ts). */
export const DAILY_JOBS: DailyJob[] = [expiryReminderJob, matterReminderJob];

export interface StartOptions {
  /** Entities in the demo seed (tests use fewer). */
  demoEntities?: number;
  /** Stop the process on SIGINT/SIGTERM (the CLI start does; embedded uses do not). */
  handleSignals?: boolean;
  quiet?: boolean;
  /**
   * Adds PUT /api/test/clock, which moves the server's "today" forward. For the browser
   * tests only (test/e2e/support/globalSetup.ts): deliberately reachable from code alone,
   * never from an environment variable or setting a deployment could switch on
   * (docs/decisions, "A test clock").
   */
  testClock?: boolean;
  /**
   * Runs the daily jobs (expiry reminders …) while the server runs, from config.dailyJobsHour
   * China time, unless config.dailyJobs is off (DAILY_JOBS=0). npm start turns this on;
   * embedded uses (the browser tests) leave it off.
   */
  dailyJobs?: boolean;
}

export async function startServer(config: Config = loadConfig(), options: StartOptions = {}) {
  const started = Date.now();
  const log = options.quiet ? () => {} : (s: string) => console.log(s);
  const ctx = await createContext(config);
  let seeded = false;
  if (config.seedDemo && (await isEmpty(ctx.db))) {
    log('首次启动：正在生成演示数据… (first start: seeding the demo commission)');
    await seedDemo(ctx.db, ctx.calendar, options.demoEntities ?? DEMO_ENTITY_COUNT, config.evidenceDir);
    seeded = true;
  }
  const app = await buildApp(ctx, options.testClock === true ? [...MODULES, testClockRoutes] : MODULES);
  const runJobs = options.dailyJobs === true && config.dailyJobs;
  // A sender named in NOTIFY_SENDERS that does not exist stops the start, not the first reminder.
  if (runJobs) sendersFromConfig(config);
  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  const db = ctx.db.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)';
  log([
    '',
    `卫生健康法治运行平台已启动  Platform ready: ${url}   (${((Date.now() - started) / 1000).toFixed(1)} s, ${db}${seeded ? ', demo seeded' : ''})`,
    `API 文档 / API docs: ${url}/api/docs`,
    `演示账号 / demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`,
    runJobs ? `每日任务 / daily jobs: ${DAILY_JOBS.map((j) => j.name).join(', ')}，每天${config.dailyJobsHour}时起（北京时间）· from ${config.dailyJobsHour}:00 China time` : '每日任务未启用 / daily jobs off',
    '',
  ].join('\n'));
  const jobs: Scheduler | null = runJobs ? startDailyJobs(ctx, DAILY_JOBS, { hour: config.dailyJobsHour, log }) : null;
  const stop = async () => {
    if (options.testClock === true) setClockOffsetDays(0);
    await jobs?.stop();
    await app.close();
    await ctx.db.close();
  };
  if (options.handleSignals !== false) {
    const shutdown = () => { void stop().finally(() => process.exit(0)); };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
  return { app, ctx, url, stop };
}
