// What the PostgreSQL benchmarks share: their command-line options and a scratch
// database of their own on the server (BENCH_DATABASE_URL, default the local test server).
import pg from 'pg';

export const BENCH_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The value after --name on the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BENCH_SERVER });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** The connection URL of the scratch database `name` on the same server. */
export function scratchUrl(name: string): string {
  const u = new URL(BENCH_SERVER);
  u.pathname = `/${name}`;
  return u.toString();
}
