// Public licence verification benchmark (not a test): 1,000,000 electronic licences, each
// with its own real SM2 signatures over its own payload and status statement, in a
// PostgreSQL database of their own; then the real application's public verification
// route (GET /api/public/licences/verify/:token: one row query, one SM2 verification; two
// for a licence whose status statement is of version 1, see core/licensing/licence.ts)
// loaded with autocannon on loopback next to a bare Fastify handler doing the same
// single-row query with the same pool size, in the same run, runs alternating.
//
//   npm run bench:licences -- [--licences 1000000] [--regenerate] [--generate-only]
//                             [--duration 20] [--connections 10] [--rounds 2] [--hot N] [--out bench/RESULTS-licences.md]
//
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server;
// the database bench_licences is created there and kept: a later run that finds the
// licences already loaded skips the generation (--regenerate drops and rebuilds it). An
// interrupted generation resumes where it stopped (chunks are loaded whole, each in one
// transaction with its row in bench_licence_chunks).
//
// Signing: each licence needs two SM2 signatures (licence and status statement) made with
// signLicence / signStatus of src/core/licensing/licence.ts, about 0.7 ms each with
// sm-crypto-v2, so the signing runs in worker threads, one per core; the main thread loads
// the signed chunks with COPY.
//
// The servers run in child processes of this script (one at a time: the app, then the
// bare handler, alternating for --rounds), so the load generator (autocannon, in this
// process) does not share their event loop. Tokens are drawn at random from every
// licence in the table for each request.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { admin, arg, BENCH_SERVER, scratchUrl } from './scratch';

const DB_NAME = arg('db', 'bench_licences');
const CHUNK = 5_000;
const ROOT = path.resolve(import.meta.dirname, '..');

// ---------------------------------------------------------------------------------
// Generating one licence (deterministic in its index, except the random verify token).

interface Issuer { orgId: number; code: string; name: string; keyId: number; publicKey: string; privateKey: string }
interface Item { id: number; code: string; licenceName: string }
interface GenSetup { issuers: Issuer[]; items: Item[]; total: number }

const WORDS = ['悦来', '金桥', '华庭', '红船', '禾城', '鸿运', '南湖', '秀水', '梅湾', '月河', '东栅', '子城'];
const KINDS = ['宾馆有限公司', '游泳馆', '美容美发店', '浴室', '口腔诊所', '中医诊所', '供水站', '消毒用品有限公司', '幼儿园', '健身会所'];
const SCOPES = ['住宿', '游泳场所', '美容、美发', '沐浴', '口腔科', '中医科', '集中式供水', '消毒产品生产', '托幼机构', '健身场所'];
const STREETS = ['中山路', '南湖路', '禾兴路', '洪兴路', '秀洲大道', '广益路', '东升路', '解放路'];
const REVOKE_REASONS = ['依据行政处罚决定书吊销', '告知承诺不实，依法撤销许可'];
const CANCEL_REASONS = ['持证人申请注销', '歇业，依法注销'];

function h(i: number, salt: number): number {
  let x = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** What licence i is: its holder and dates, its status, and whether it is the successor of licence i - 1. */
function shapeOf(i: number, total: number) {
  const u = h(i, 1) % 100;
  const successor = i > 0 && i % CHUNK !== 0 && shapeKind(i - 1, total) === 'superseded';
  const holderIndex = successor ? i - 1 : i;
  return { u, successor, holderIndex, kind: successor ? 'valid' : shapeKind(i, total) };
}

function shapeKind(i: number, total: number): 'valid' | 'revoked' | 'cancelled' | 'superseded' {
  if (i > 0 && i % CHUNK !== 0 && rawKind(i - 1, total) === 'superseded') return 'valid';
  return rawKind(i, total);
}

function rawKind(i: number, total: number): 'valid' | 'revoked' | 'cancelled' | 'superseded' {
  const u = h(i, 1) % 100;
  if (u < 3) return 'revoked';
  if (u < 6) return 'cancelled';
  // The successor must be in the same chunk (chunks load in any order; previous_id is a foreign key).
  if (u < 8 && i % CHUNK !== CHUNK - 1 && i + 1 < total) return 'superseded';
  return 'valid';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoPlusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isoPlusYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

export const COPY_LICENCES = `COPY licences (id, licence_no, item_id, licence_name, org_id, holder_name, holder_uscc, scope, address, issued_on, valid_from, valid_to,
  status, status_on, status_reason, previous_id, key_id, payload, signature, status_payload, status_signature, verify_token, source) FROM STDIN WITH (FORMAT csv)`;

async function chunkCsv(k: number, setup: GenSetup): Promise<string> {
  const { signLicence, signStatus } = await import('../src/core/licensing/licence');
  const lines: string[] = [];
  const end = Math.min(setup.total, (k + 1) * CHUNK);
  for (let i = k * CHUNK; i < end; i++) {
    const s = shapeOf(i, setup.total);
    const hi = s.holderIndex;
    const issuer = setup.issuers[h(hi, 2) % setup.issuers.length];
    const item = setup.items.length ? setup.items[h(hi, 3) % setup.items.length] : null;
    const w = h(hi, 4);
    const person = w % 10 < 3;
    const holderName = person ? `${['王', '李', '张', '刘', '陈', '杨'][w % 6]}${['伟', '芳', '敏', '静', '强', '磊'][(w >>> 3) % 6]}${KINDS[(w >>> 6) % KINDS.length].replace(/有限公司$/, '')}`
      : `嘉兴市${WORDS[(w >>> 3) % WORDS.length]}${hi}号${KINDS[(w >>> 6) % KINDS.length]}`;
    const holderUscc = person ? null : `9133040${(w >>> 9) % 10}MA${pad(hi, 9)}`;
    const firstIssued = isoPlusDays('2020-01-01', h(hi, 5) % 2350);
    let issuedOn = firstIssued;
    if (s.successor) issuedOn = isoPlusDays(firstIssued, 30 + (h(hi, 6) % 700));
    const validTo = isoPlusDays(isoPlusYears(issuedOn, 4), -1);
    let statusOn = issuedOn;
    let reason: string | null = null;
    if (s.kind !== 'valid') {
      statusOn = isoPlusDays(issuedOn, 30 + (h(i, 6) % 700));
      reason = s.kind === 'revoked' ? REVOKE_REASONS[i % 2] : s.kind === 'cancelled' ? CANCEL_REASONS[i % 2] : '延续：持证人申请延续';
    }
    const licenceNo = `${issuer.code}-${issuedOn.slice(0, 4)}-${pad(i + 1, 7)}`;
    const content = {
      licenceNo, licenceName: item?.licenceName ?? '公共场所卫生许可证', holderName, holderUscc, scope: SCOPES[(w >>> 6) % SCOPES.length],
      address: `浙江省嘉兴市${STREETS[(w >>> 12) % STREETS.length]}${(w >>> 15) % 999 + 1}号`,
      issuedOn, validFrom: issuedOn, validTo, issuerCode: issuer.code, issuerName: issuer.name, itemCode: item?.code ?? null,
    };
    const key = { publicKey: issuer.publicKey, privateKey: issuer.privateKey };
    const signed = signLicence(content, key);
    const status = signStatus({ licenceNo, status: s.kind, since: statusOn, reason }, signed, key);
    const token = crypto.randomBytes(16).toString('base64url');
    lines.push([
      i + 1, licenceNo, item?.id ?? null, content.licenceName, issuer.orgId, holderName, holderUscc, content.scope, content.address, issuedOn, issuedOn, validTo,
      s.kind, statusOn, reason, s.successor ? i : null, issuer.keyId, signed.payload, signed.signature, status.payload, status.signature, token, 'import',
    ].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (!isMainThread) {
  const setup = workerData as GenSetup;
  parentPort!.on('message', (k: number) => {
    void chunkCsv(k, setup).then((csv) => parentPort!.postMessage({ k, csv }));
  });
}

// ---------------------------------------------------------------------------------
// The database: created, migrated, demo organisations, keys; then the licences.

async function databaseExists(): Promise<boolean> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: BENCH_SERVER });
  await c.connect();
  const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
  await c.end();
  return r.rowCount === 1;
}

async function openBench() {
  const { loadConfig } = await import('../src/platform/config');
  const { createContext } = await import('../src/platform/bootstrap');
  process.env.DATABASE_URL = scratchUrl(DB_NAME);
  return createContext({ ...loadConfig(), logLevel: 'silent', seedDemo: false });
}

// A worker thread does not inherit tsx's loader on every Node version: register it, then load this file.
const WORKER_BOOT = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); })`;

async function generate(total: number, regenerate: boolean): Promise<{ generated: number; seconds: number }> {
  if (regenerate || !(await databaseExists())) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  const ctx = await openBench();
  const db = ctx.db;
  try {
    const { isEmpty } = await import('../src/platform/bootstrap');
    if (await isEmpty(db)) {
      const { seedDemo } = await import('../src/seed/demo');
      await seedDemo(db, ctx.calendar, 0);
    }
    await db.exec('CREATE TABLE IF NOT EXISTS bench_licence_chunks (chunk integer PRIMARY KEY, total integer NOT NULL)');
    const stale = await db.one<{ n: number }>('SELECT count(*)::int AS n FROM bench_licence_chunks WHERE total <> $1', [total]);
    if (stale!.n > 0) throw new Error(`${DB_NAME} holds licences generated for another --licences; run with --regenerate`);
    const chunks = Math.ceil(total / CHUNK);
    const done = new Set((await db.query<{ chunk: number }>('SELECT chunk FROM bench_licence_chunks')).map((r) => r.chunk));
    const todo = [...Array(chunks).keys()].filter((k) => !done.has(k));
    if (todo.length === 0) {
      console.log(`${DB_NAME}: ${total.toLocaleString('en')} licences already loaded; skipping generation (--regenerate to rebuild)`);
      return { generated: 0, seconds: 0 };
    }
    const { signingKeyOf } = await import('../src/modules/licensing/keys');
    const orgs = await db.query<{ id: number; code: string; name: string }>(
      "SELECT id, code, name FROM organizations WHERE code IN ('JX-WJW', 'NH-WJJ', 'XZ-WJJ', 'JX-JDS') ORDER BY id");
    const issuers: Issuer[] = [];
    for (const o of orgs) {
      const k = await signingKeyOf(db, o.id);
      issuers.push({ orgId: o.id, code: o.code, name: o.name, keyId: k.id, publicKey: k.publicKey, privateKey: k.privateKey });
    }
    const items = (await db.query<{ id: number; item_code: string; licence_name: string }>(
      'SELECT id, item_code, licence_name FROM catalogue_items WHERE is_current AND licence_name IS NOT NULL ORDER BY id'))
      .map((r) => ({ id: r.id, code: r.item_code, licenceName: r.licence_name }));
    const setup: GenSetup = { issuers, items, total };
    const threads = Math.max(1, os.availableParallelism());
    console.log(`generating ${(todo.length * CHUNK).toLocaleString('en')} licences (${todo.length} chunks of ${CHUNK}) with ${threads} signing threads, ${issuers.length} issuers, ${items.length} catalogue items…`);
    const started = Date.now();
    let loaded = 0;
    const queue = [...todo];
    await new Promise<void>((resolve, reject) => {
      let running = threads;
      let copying = Promise.resolve();
      for (let t = 0; t < threads; t++) {
        const w = new Worker(WORKER_BOOT, { eval: true, workerData: setup });
        let inFlight = 0;
        const next = () => {
          const k = queue.shift();
          if (k !== undefined) {
            inFlight++;
            w.postMessage(k);
          } else if (inFlight === 0) {
            void w.terminate();
            if (--running === 0) copying.then(resolve, reject);
          }
        };
        w.on('message', ({ k, csv }: { k: number; csv: string }) => {
          inFlight--;
          copying = copying.then(() => db.transaction(async (tx) => {
            await tx.copyFrom(COPY_LICENCES, Buffer.from(csv));
            await tx.query('INSERT INTO bench_licence_chunks (chunk, total) VALUES ($1, $2)', [k, total]);
          })).then(() => {
            loaded++;
            if (loaded % 10 === 0 || loaded === todo.length) {
              const s = (Date.now() - started) / 1000;
              console.log(`  ${(loaded * CHUNK).toLocaleString('en')} signed and loaded, ${s.toFixed(0)} s (${((loaded * CHUNK) / s).toFixed(0)} licences/s)`);
            }
          });
          copying.catch(reject);
          next();
        });
        w.on('error', reject);
        // Two chunks in flight per thread: one signing while the other is copied.
        next();
        if (inFlight > 0) next();
      }
    });
    await db.query("SELECT setval(pg_get_serial_sequence('licences', 'id'), (SELECT max(id) FROM licences))");
    await db.exec('VACUUM ANALYZE licences');
    const seconds = (Date.now() - started) / 1000;
    console.log(`generated in ${seconds.toFixed(0)} s`);
    return { generated: Math.min(total, todo.length * CHUNK), seconds };
  } finally {
    await db.close();
  }
}

async function databaseSize(): Promise<string> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: scratchUrl(DB_NAME) });
  await c.connect();
  const r = await c.query<{ db: string; t: string; n: number }>(
    "SELECT pg_size_pretty(pg_database_size(current_database())) AS db, pg_size_pretty(pg_total_relation_size('licences')) AS t, (SELECT count(*)::int FROM licences) AS n");
  await c.end();
  return `${DB_NAME}: ${r.rows[0].n.toLocaleString('en')} licences, licences table ${r.rows[0].t}, database ${r.rows[0].db}`;
}

// ---------------------------------------------------------------------------------
// The servers (child processes: `--serve app|bare`), each on 127.0.0.1, port chosen by the system.

const POOL_SIZE = 10; // openDatabase's default for a server database (src/platform/db/postgres.ts)

async function serve(kind: string): Promise<void> {
  const url = scratchUrl(DB_NAME);
  let close: () => Promise<void>;
  let port: number;
  if (kind === 'app') {
    // The real application, as npm start builds it (without the daily jobs), on the bench database.
    const { loadConfig } = await import('../src/platform/config');
    const { createContext } = await import('../src/platform/bootstrap');
    const { buildApp } = await import('../src/platform/http/app');
    const { MODULES } = await import('../src/modules');
    const config = { ...loadConfig({ ...process.env, DATABASE_URL: url }), seedDemo: false };
    const ctx = await createContext(config);
    const app = await buildApp(ctx, MODULES);
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    close = async () => { await app.close(); await ctx.db.close(); };
  } else if (kind === 'bare') {
    // The floor: Fastify and the same single-row query (LICENCE_SELECT by verify_token), no verification.
    const Fastify = (await import('fastify')).default;
    const { openPostgres } = await import('../src/platform/db/postgres');
    const { LICENCE_SELECT } = await import('../src/modules/licensing/licences');
    const db = await openPostgres(url, POOL_SIZE);
    const app = Fastify();
    app.get<{ Params: { token: string } }>('/api/public/licences/verify/:token', async (req, reply) => {
      const row = await db.one(`${LICENCE_SELECT} WHERE l.verify_token = $1`, [req.params.token]);
      if (!row) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未找到该电子证照' } });
      return row;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    close = async () => { await app.close(); await db.close(); };
  } else {
    throw new Error(`unknown server ${kind}`);
  }
  process.on('message', (m) => { if (m === 'stop') void close().then(() => process.exit(0)); });
  process.send!({ port });
}

interface Server { url: string; child: ChildProcess }

async function startChild(kind: string): Promise<Server> {
  const child = fork(path.join(ROOT, 'bench/licences.ts'), ['--serve', kind, '--db', DB_NAME], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`server ${kind} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stopChild(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.send('stop');
  await exited;
}

// ---------------------------------------------------------------------------------
// Load.

interface LoadResult { kind: string; round: number; rps: number; p50: number; p90: number; p99: number; max: number; requests: number; errors: number; non2xx: number }

async function load(kind: string, round: number, server: Server, tokens: string[], seconds: number, connections: number): Promise<LoadResult> {
  const autocannon = (await import('autocannon')).default;
  const pick = () => tokens[Math.floor(Math.random() * tokens.length)];
  const run = (duration: number) => autocannon({
    url: server.url, connections, duration, pipelining: 1,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/public/licences/verify/${pick()}` }) }],
  });
  await run(Math.min(5, seconds)); // warm-up: JIT, the pool's connections, PostgreSQL's caches
  const r = await run(seconds);
  return {
    kind, round, rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
    requests: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx,
  };
}

/** Before loading: every sampled licence verifies as authentic through the app (the data is what it claims). */
async function checkSample(server: Server, tokens: string[], n: number): Promise<{ checked: number; authentic: number; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  let authentic = 0;
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${server.url}/api/public/licences/verify/${tokens[Math.floor(Math.random() * tokens.length)]}`);
    const body = await res.json() as { authentic: boolean; status: string };
    if (body.authentic) authentic++;
    statuses[body.status] = (statuses[body.status] ?? 0) + 1;
  }
  return { checked: n, authentic, statuses };
}

/** Where an app request's time goes, measured in this process: the query alone, and the verification of the row. */
async function profile(n: number): Promise<{ queryMs: number; verifyMs: number; sm2Ms: number; sampled: number; v2: number }> {
  const { openPostgres } = await import('../src/platform/db/postgres');
  const { LICENCE_SELECT, verificationOf } = await import('../src/modules/licensing/licences');
  const { sm2Verify } = await import('../src/core/crypto/sm2');
  type Row = Parameters<typeof verificationOf>[0];
  const db = await openPostgres(scratchUrl(DB_NAME), POOL_SIZE);
  try {
    const ids = (await db.query<{ token: string }>('SELECT verify_token AS token FROM licences TABLESAMPLE SYSTEM (1) LIMIT $1', [n])).map((r) => r.token);
    const rows: Row[] = [];
    let t = performance.now();
    for (const token of ids) rows.push((await db.one<Row>(`${LICENCE_SELECT} WHERE l.verify_token = $1`, [token]))!);
    const queryMs = (performance.now() - t) / ids.length;
    for (const r of rows.slice(0, 50)) verificationOf(r); // warm-up
    t = performance.now();
    for (const r of rows) verificationOf(r);
    const verifyMs = (performance.now() - t) / rows.length;
    t = performance.now();
    for (const r of rows) sm2Verify(r.payload, r.signature, r.public_key!);
    const sm2Ms = (performance.now() - t) / rows.length;
    const v2 = rows.filter((r) => (JSON.parse(r.status_payload) as { v: number }).v === 2).length;
    return { queryMs, verifyMs, sm2Ms, sampled: rows.length, v2 };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------
// Main.

function machine(): { nproc: number; cpu: string; memGb: number; node: string; load: string } {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const cpu = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  return { nproc: os.availableParallelism(), cpu, memGb: os.totalmem() / 2 ** 30, node: process.version, load: os.loadavg().map((l) => l.toFixed(2)).join(' ') };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function main(): Promise<void> {
  const total = Number(arg('licences', '1000000'));
  const seconds = Number(arg('duration', '20'));
  const connections = Number(arg('connections', '10'));
  const rounds = Number(arg('rounds', '2'));
  const out = path.resolve(ROOT, arg('out', 'bench/RESULTS-licences.md'));
  const gen = await generate(total, process.argv.includes('--regenerate'));
  const size = await databaseSize();
  console.log(size);
  if (process.argv.includes('--generate-only')) return;

  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: scratchUrl(DB_NAME) });
  await c.connect();
  // --hot N: every request for one of N licences drawn once at random (a set of licences scanned again
  // and again), instead of any of all the licences.
  const hot = Number(arg('hot', '0'));
  const tokens = (await c.query<{ t: string }>(hot > 0 ? 'SELECT verify_token AS t FROM licences ORDER BY random() LIMIT $1' : 'SELECT verify_token AS t FROM licences', hot > 0 ? [hot] : [])).rows.map((r) => r.t);
  const byStatus = (await c.query<{ status: string; n: number }>(
    "SELECT CASE WHEN status = 'valid' AND valid_to < current_date THEN 'expired' ELSE status END AS status, count(*)::int AS n FROM licences GROUP BY 1 ORDER BY 2 DESC")).rows;
  const pgVersion = (await c.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v')).rows[0].v;
  await c.end();
  console.log(`${fmt(tokens.length)} tokens loaded; ${byStatus.map((r) => `${r.status} ${fmt(r.n)}`).join(', ')}`);

  const before = machine();
  const prof = await profile(2000);
  console.log(`profile: query ${prof.queryMs.toFixed(3)} ms, verificationOf ${prof.verifyMs.toFixed(3)} ms, one sm2Verify ${prof.sm2Ms.toFixed(3)} ms`);

  const results: LoadResult[] = [];
  let sample: Awaited<ReturnType<typeof checkSample>> | null = null;
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? ['bare', 'app'] : ['app', 'bare'];
    for (const kind of order) {
      const server = await startChild(kind);
      try {
        if (kind === 'app' && !sample) {
          sample = await checkSample(server, tokens, 500);
          console.log(`sample: ${sample.authentic}/${sample.checked} authentic; ${JSON.stringify(sample.statuses)}`);
          if (sample.authentic !== sample.checked) throw new Error('a generated licence does not verify');
        }
        const r = await load(kind, round, server, tokens, seconds, connections);
        results.push(r);
        console.log(`round ${round} ${kind}: ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${fmt(r.requests)} requests, ${r.errors} errors, ${r.non2xx} non-2xx)`);
      } finally {
        await stopChild(server);
      }
    }
  }
  const after = machine();
  const summary = (kind: string) => {
    const rs = results.filter((r) => r.kind === kind);
    return { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) };
  };
  const app = summary('app');
  const bare = summary('bare');
  const ratio = app.rps / bare.rps;
  console.log(`app ${fmt(app.rps)} req/s vs bare ${fmt(bare.rps)} req/s: ratio ${ratio.toFixed(2)} (target ≥ 0.5)`);

  const command = `npm run bench:licences -- ${process.argv.slice(2).join(' ')}`.trim();
  const lines = [
    '# Public licence verification benchmark',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${before.nproc} cores (${before.cpu}), ${before.memGb.toFixed(1)} GB, Node.js ${before.node}, PostgreSQL ${pgVersion} on the same machine; load average ${before.load} before the load, ${after.load} after. Reproduce with:`,
    '',
    `    ${command}`,
    '',
    `${size}. ${gen.generated === 0 ? 'Generation skipped (the database was kept from an earlier run; its generation is described below)' : `Generated (signed and loaded) ${fmt(gen.generated)} licences in ${fmt(gen.seconds)} s`}. Shown statuses: ${byStatus.map((r) => `${r.status} ${fmt(r.n)}`).join(', ')}.`,
    '',
    `Each server runs in a child process on 127.0.0.1 with a pool of ${POOL_SIZE} connections; autocannon (this process) keeps ${connections} connections busy for ${seconds} s after a 5 s warm-up, each request for the verification address of a licence drawn at random from ${hot > 0 ? `a set of ${fmt(tokens.length)} drawn once at random (--hot)` : `all ${fmt(tokens.length)}`}. Rounds alternate the order.`,
    `Before loading, ${sample?.authentic}/${sample?.checked} licences drawn at random verified as authentic through the app (${Object.entries(sample?.statuses ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}).`,
    '',
    '| server | round | requests/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors | non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.kind === 'app' ? 'app: GET /api/public/licences/verify/:token' : 'bare: same query, no verification'} | ${r.round} | ${fmt(r.rps)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${fmt(r.requests)} | ${r.errors} | ${r.non2xx} |`),
    '',
    `**Median over the rounds: app ${fmt(app.rps)} requests/s (p50 ${app.p50} ms, p99 ${app.p99} ms), bare ${fmt(bare.rps)} requests/s (p50 ${bare.p50} ms, p99 ${bare.p99} ms): ratio ${ratio.toFixed(2)}** (target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'not met'}).`,
    '',
    `Where an app request's time goes (this process, 2,000 licences sampled): the row query ${prof.queryMs.toFixed(3)} ms (one at a time, round trip included), verificationOf ${prof.verifyMs.toFixed(3)} ms, of which one sm2Verify ${prof.sm2Ms.toFixed(3)} ms (${fmt(prof.v2)} of the ${fmt(prof.sampled)} sampled carry a version-2 status statement: one verification a request; two for version 1).`,
    '',
  ];
  const marker = '<!-- bench:licences results -->';
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  const notes = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
  fs.writeFileSync(out, `${lines.join('\n')}\n${notes}`);
  console.log(`wrote ${path.relative(ROOT, out)}`);
}

if (isMainThread && process.argv.includes('--serve')) {
  serve(arg('serve', 'app')).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (isMainThread) {
  main().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
}
