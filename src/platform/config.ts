// Runtime configuration, read once from the environment. Every knob a deployer may turn
// is here, with its default, so that README and code cannot drift apart.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory (used when databaseUrl is empty). */
  dataDir: string;
  /** postgres://… — when set, the server PostgreSQL is used instead of PGlite. */
  databaseUrl: string | undefined;
  sessionTtlMinutes: number;
  /** Seed the demo commission on the first start of an empty database. */
  seedDemo: boolean;
  logLevel: string;
  /** Behind a reverse proxy, trust X-Forwarded-For for the client address. */
  trustProxy: boolean;
  /** Where uploaded files and generated documents are written. */
  filesDir: string;
  /** Where case evidence files are kept (modules/evidence), as <case id>/<sm3>-<random>. */
  evidenceDir: string;
  webDistDir: string;
  /**
   * How expiry reminders reach licence holders (modules/licensing/reminders.ts): sender
   * names, comma-separated in NOTIFY_SENDERS. Built in: console (a log line). A
   * deployment with an SMS gateway or a mail server registers its sender under 'sms' or
   * 'email' (registerSender) and names it here.
   */
  notifySenders: string[];
  /** Run the daily jobs (src/platform/jobs/daily.ts) in this process (DAILY_JOBS=0 turns them off). */
  dailyJobs: boolean;
  /** From this hour of the day (China time, 0–23) the daily jobs run. */
  dailyJobsHour: number;
}

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function hour(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 23 ? n : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sessionTtlMinutes: int(env.SESSION_TTL_MINUTES, 8 * 60),
    seedDemo: env.SEED_DEMO !== '0' && env.SEED_DEMO !== 'false',
    logLevel: env.LOG_LEVEL || 'warn',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    filesDir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
    evidenceDir: path.resolve(env.EVIDENCE_DIR || path.join(dataDir, 'evidence')),
    webDistDir: path.resolve(env.WEB_DIST_DIR || './dist/web'),
    notifySenders: (env.NOTIFY_SENDERS || 'console').split(',').map((v) => v.trim()).filter(Boolean),
    dailyJobs: env.DAILY_JOBS !== '0' && env.DAILY_JOBS !== 'false',
    dailyJobsHour: hour(env.DAILY_JOBS_HOUR, 8),
  };
}
