// Directory benchmark (not a test): generate entities, import them from CSV with the
// real CLI (measuring rows/s and peak memory), then time the list and search routes
// through the real application at 10,000 and 1,000,000 rows, on PGlite and PostgreSQL.
//
//   npm run bench -- [--db pglite|postgres|both] [--rows 1000000] [--small 10000] [--runs 30] [--keep] [--existing]
//
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is
// used to create and drop scratch databases bench_entities_<rows>.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { writeEntitiesCsv } from './generate';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/bootstrap';
import { buildApp } from '../src/platform/http/app';
import { MODULES } from '../src/modules';
import { DEMO_PASSWORD } from '../src/seed/demo';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Target { kind: 'pglite' | 'postgres'; env: Record<string, string>; drop(): Promise<void> }

/** Where a benchmark database of this size lives: a PGlite directory, or a server database. */
function targetEnv(kind: Target['kind'], rows: number): Record<string, string> {
  if (kind === 'pglite') return { DATA_DIR: path.join(OUT, `pglite-${rows}`) };
  const url = new URL(SERVER);
  url.pathname = `/bench_entities_${rows}`;
  return { DATABASE_URL: url.toString() };
}

async function prepareTarget(kind: Target['kind'], rows: number): Promise<Target> {
  if (kind === 'pglite') {
    const dir = path.join(OUT, `pglite-${rows}`);
    fs.rmSync(dir, { recursive: true, force: true });
    return { kind, env: targetEnv(kind, rows), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `bench_entities_${rows}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    kind, env: targetEnv(kind, rows),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function cli(env: Record<string, string>, args: string[]): { seconds: number; maxRssMb: number; output: string } {
  const res = spawnSync('/usr/bin/time', ['-f', 'BENCH_TIME %e %M', process.execPath, '--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const m = /BENCH_TIME ([\d.]+) (\d+)/.exec(res.stderr);
  if (res.status !== 0 || !m) throw new Error(`cli ${args.join(' ')} failed: ${res.stdout.slice(-2000)} ${res.stderr.slice(-2000)}`);
  return { seconds: Number(m[1]), maxRssMb: Number(m[2]) / 1024, output: res.stdout };
}

const QUERIES: [string, string][] = [
  ['list, first page', '/api/entities'],
  ['list, page 50', '/api/entities?page=50'],
  ['list sorted by name', '/api/entities?sort=name'],
  ['list sorted by name, page 20', '/api/entities?sort=name&page=20'],
  ['filter category', '/api/entities?category=medical_institution'],
  ['filter risk + credit', '/api/entities?riskClass=high&creditGrade=C'],
  ['filter region', '/api/entities?regionCode=330411'],
  ['filter blacklisted', '/api/entities?blacklisted=true'],
  ['search 1 char 馆', `/api/entities?q=${encodeURIComponent('馆')}`],
  ['search 2 chars 诊所', `/api/entities?q=${encodeURIComponent('诊所')}`],
  ['search common word 医院', `/api/entities?q=${encodeURIComponent('医院')}`],
  ['search name 悦来宾馆', `/api/entities?q=${encodeURIComponent('悦来宾馆')}`],
  ['search address 洪兴路', `/api/entities?q=${encodeURIComponent('洪兴路')}`],
  ['search person 沈伟', `/api/entities?q=${encodeURIComponent('沈伟')}`],
  ['search code prefix', '/api/entities?q=9233041'],
  ['search + filter', `/api/entities?q=${encodeURIComponent('口腔')}&riskClass=medium`],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeQueries(env: Record<string, string>, runs: number): Promise<{ name: string; user: string; p50: number; p95: number; total: number }[]> {
  Object.assign(process.env, env);
  const config = { ...loadConfig(), logLevel: 'silent', seedDemo: false };
  const ctx = await createContext(config);
  const app = await buildApp(ctx, MODULES);
  const results = [];
  try {
    for (const user of ['admin', 'inspector1']) {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: DEMO_PASSWORD } });
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      for (const [name, url] of QUERIES) {
        const times: number[] = [];
        let total = 0;
        for (let i = 0; i < runs + 3; i++) {
          const t0 = performance.now();
          const res = await app.inject({ method: 'GET', url, headers: { cookie } });
          const ms = performance.now() - t0;
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
          total = res.json().total;
          if (i >= 3) times.push(ms); // the first runs warm the caches
        }
        times.sort((a, b) => a - b);
        results.push({ name, user, p50: percentile(times, 50), p95: percentile(times, 95), total });
      }
    }
  } finally {
    await app.close();
    await ctx.db.close();
    for (const k of Object.keys(env)) delete process.env[k];
  }
  return results;
}

async function benchOne(kind: Target['kind'], rows: number, runs: number): Promise<string> {
  const csv = path.join(OUT, `entities-${rows}.csv`);
  if (!fs.existsSync(csv)) {
    console.log(`generating ${rows} entities → ${csv}`);
    await writeEntitiesCsv(csv, rows);
  }
  if (process.argv.includes('--existing')) return timeExisting(kind, rows, runs);
  const target = await prepareTarget(kind, rows);
  try {
    cli(target.env, ['seed', '--entities', '0']);
    console.log(`[${kind} ${rows}] importing…`);
    const imp = cli(target.env, ['import', 'entities', csv]);
    const rate = Math.round(rows / imp.seconds);
    console.log(`[${kind} ${rows}] import ${imp.seconds.toFixed(1)} s, ${rate} rows/s, peak RSS ${imp.maxRssMb.toFixed(0)} MB`);
    const queries = await timeQueries(target.env, runs);
    const lines = [
      `### ${kind}, ${rows.toLocaleString('en')} entities`,
      '',
      `Import (whole CLI process: start-up, parse, validate, write, commit): ${imp.seconds.toFixed(1)} s = **${rate.toLocaleString('en')} rows/s**, peak RSS **${imp.maxRssMb.toFixed(0)} MB**.`,
      '',
      ...queryTable(queries),
      '',
    ];
    return lines.join('\n');
  } finally {
    if (!process.argv.includes('--keep')) await target.drop();
  }
}

/** --existing: only the queries, on the database a previous run left with --keep (after tuning indexes or queries). */
async function timeExisting(kind: Target['kind'], rows: number, runs: number): Promise<string> {
  const queries = await timeQueries(targetEnv(kind, rows), runs);
  return [`### ${kind}, ${rows.toLocaleString('en')} entities (existing database, queries only)`, '', ...queryTable(queries), ''].join('\n');
}

function queryTable(queries: Awaited<ReturnType<typeof timeQueries>>): string[] {
  return [
    '| query | user | p50 ms | p95 ms | total shown |',
    '|---|---|---:|---:|---:|',
    ...queries.map((q) => `| ${q.name} | ${q.user} | ${q.p50.toFixed(1)} | ${q.p95.toFixed(1)} | ${q.total} |`),
  ];
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const dbs = arg('db', 'both') === 'both' ? ['postgres', 'pglite'] as const : [arg('db', 'postgres') as Target['kind']];
  const sizes = [Number(arg('small', '10000')), Number(arg('rows', '1000000'))];
  const runs = Number(arg('runs', '30'));
  const sections = [`# Directory benchmark (${new Date().toISOString()})`, '', `Command: \`npm run bench -- ${process.argv.slice(2).join(' ')}\`; ${runs} timed runs per query through the real routes (app.inject), after 3 warm-up runs.`, ''];
  for (const kind of dbs) for (const rows of sizes) sections.push(await benchOne(kind, rows, runs));
  const report = sections.join('\n');
  fs.writeFileSync(path.join(OUT, 'report.md'), report);
  console.log(`\n${report}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
