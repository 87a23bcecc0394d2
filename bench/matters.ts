// Matters benchmark (not a test; issue 6): import 1,000,000 12320 hotline records and compute
// every hotline metric (and the other matters metrics) for a year, on PostgreSQL and on PGlite.
//
//   npm run bench:matters -- [--rows 1000000] [--db both|postgres|pglite] [--year 2026] [--runs 5]
//                            [--no-dry] [--keep] [--out bench/RESULTS-matters.md]
//
// The CSV (bench/out/hotline_calls-<rows>.csv: the columns of data-exchange.md, generated
// once, the same on every machine) is imported with importFile — the function behind
// `npm run cli -- import hotline_calls <file>` — as the CLI does it (system actor, full
// scope, one transaction), into a fresh database holding the demo commission (seeded
// without entities: its organisations, users and demo matters). Then every matters metric
// (hotline.calls.total, petitions.*, mediation.*, …) is computed for the city (JX-WJW and
// everything under it) over --year through the metric registry (evaluateMetrics, the
// code behind GET /api/metrics), --runs times after a warm-up, and the hotline metric alone.
//
// Each driver runs in a child process of its own (peak RSS is that process's): PostgreSQL
// in the database bench_matters on BENCH_DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/test), created afresh; PGlite in a data directory
// under bench/out. --keep keeps both. Where the import's time goes: the hotline dataset's
// own steps (each row's check, each batch's lookup of keys already there, each batch's
// write) are timed in place, and before the PostgreSQL import the same file goes through
// the same import with writing switched off (--no-dry skips it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fork } from 'node:child_process';
import { admin, arg, BENCH_SERVER, scratchUrl } from './scratch';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const DB_NAME = 'bench_matters';
const PGLITE_DIR = path.join(OUT, 'pglite-matters');
const MARKER = '<!-- bench:matters results -->';
/** The demo commission as the tests have it (the licensing history needs a few hundred entities to draw its applicants from). */
const SEED_ENTITIES = 400;

// ---------------------------------------------------------------------------------
// The file: N hotline records over 2025 and 2026 up to yesterday, deterministic in N.

const COLUMNS = ['record_no', 'org_code', 'received_at', 'type', 'channel', 'concluded_on', 'summary'] as const;
/** Where the city's records are kept: the 12320 centre's commission mostly, the districts' own lines. */
const ORGS: [string, number][] = [['JX-WJW', 70], ['NH-WJJ', 10], ['XZ-WJJ', 10], ['NH-JDS', 5], ['XZ-JDS', 5]];
const TYPES: [string, number][] = [['consultation', 52], ['complaint_report', 18], ['appointment', 12], ['suggestion', 6], ['praise', 4], ['other', 8]];
const CHANNELS: [string, number][] = [['phone', 80], ['web', 9], ['app', 9], ['other', 2]];
const SUMMARIES: Record<string, string[]> = {
  consultation: ['咨询公共场所卫生许可证办理材料', '咨询健康证办理地点和时间', '咨询医师执业注册变更手续', '咨询流感疫苗接种点', '咨询出生医学证明补办', '咨询职业病诊断流程',
    '咨询二次供水水箱清洗要求', '咨询护士执业证书延续注册', '咨询婚前医学检查地点', '咨询家庭医生签约服务'],
  complaint_report: ['反映某宾馆床上用品未更换, 卫生状况差', '反映某游泳馆池水浑浊、有刺鼻气味', '举报某诊所聘用无资质人员行医', '反映某美容院超范围开展医疗美容',
    '反映小区二次供水出现黄水', '举报某企业未组织职业健康检查', '反映"某足浴店"从业人员无健康证'],
  appointment: ['预约心内科专家门诊', '预约产科建档', '预约口腔科门诊', '预约儿童保健门诊'],
  suggestion: ['建议延长热线夜间人工服务时间', '建议社区卫生服务中心周末增开门诊', '建议增设母婴室'],
  praise: ['表扬急诊科医生抢救及时', '表扬话务员解答耐心'],
  other: ['反映医保报销问题', '询问无偿献血条件', '来电未说明具体诉求'],
};

function h(i: number, salt: number): number {
  let x = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function weighted(u: number, table: [string, number][]): string {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = u % total;
  for (const [k, w] of table) if ((r -= w) < 0) return k;
  return table[table.length - 1][0];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function writeHotlineCsv(file: string, rows: number, lastDay: string): Promise<void> {
  const first = '2025-01-01';
  const span = Math.round((Date.parse(lastDay) - Date.parse(first)) / 86_400_000) + 1;
  const out = fs.createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const day = plusDays(first, h(i, 1) % span);
    const minutes = 480 + (h(i, 2) % 720);
    const type = weighted(h(i, 3), TYPES);
    // Three in a hundred still open; a consultation is answered on the spot, a complaint within days.
    const open = h(i, 5) % 100 < 3;
    const concluded = open ? '' : type === 'complaint_report' ? plusDays(day, 1 + (h(i, 6) % 12)) : h(i, 6) % 10 === 0 ? plusDays(day, 1) : day;
    const line = [
      `BM-RX-${pad(i + 1, 7)}`, weighted(h(i, 4), ORGS), `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(h(i, 7) % 60)}+08:00`, type,
      weighted(h(i, 8), CHANNELS), concluded > lastDay ? '' : concluded, SUMMARIES[type][h(i, 9) % SUMMARIES[type].length],
    ].map(csvCell).join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// ---------------------------------------------------------------------------------
// One driver, in a child process (--child postgres|pglite --file … --year … --runs …).

interface Timed { p50: number; min: number; max: number }
interface DriverResult {
  driver: string;
  seedSeconds: number;
  dry: { seconds: number; rows: number } | null;
  import: { seconds: number; rows: number; inserted: number; updated: number; phases: Record<string, number>; peakRssMb: number; spent: { check: number; checkBatch: number; write: number; checkBatchLast100k: number[] } };
  tableRows: number;
  tableSize: string | null;
  all: Timed & { metrics: number };
  hotline: Timed & { metrics: number };
  hotlineValue: { value: number | null; breakdown?: Record<string, number> };
  hotlineCheck: number;
  version: string;
}

function summary(ms: number[]): Timed {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1] };
}

async function child(driver: string): Promise<DriverResult> {
  const file = arg('file', '');
  const year = arg('year', '2026');
  const runs = Number(arg('runs', '5'));
  const env: Record<string, string> = driver === 'postgres' ? { DATABASE_URL: scratchUrl(DB_NAME) } : { DATA_DIR: PGLITE_DIR };
  const { loadConfig } = await import('../src/platform/config');
  const { createContext } = await import('../src/platform/bootstrap');
  const { seedDemo } = await import('../src/seed/demo');
  const { importFile } = await import('../src/cli/importCommand');
  const { runImport } = await import('../src/platform/imports/engine');
  const { SYSTEM_ACTOR } = await import('../src/platform/access/user');
  const { hotlineCallsDataset } = await import('../src/modules/matters/datasets');
  const { matterMetrics } = await import('../src/modules/matters/metrics');
  const { evaluateMetrics } = await import('../src/platform/metrics/registry');
  const ctx = await createContext({ ...loadConfig(env), logLevel: 'silent', seedDemo: false });
  const db = ctx.db;
  try {
    let t0 = performance.now();
    await seedDemo(db, ctx.calendar, SEED_ENTITIES);
    const seedSeconds = (performance.now() - t0) / 1000;

    // Reading and checking alone: the same import, its writes and its batch lookups switched off (rolled back by the transaction's end).
    let dry: DriverResult['dry'] = null;
    if (driver === 'postgres' && !process.argv.includes('--no-dry')) {
      const dataset = {
        ...hotlineCallsDataset, table: undefined,
        begin: async (e: Parameters<typeof hotlineCallsDataset.begin>[0]) => {
          const s = await hotlineCallsDataset.begin(e);
          return { ...s, checkBatch: undefined, write: async (records: unknown[]) => ({ inserted: records.length, updated: 0 }) };
        },
      };
      t0 = performance.now();
      const out = await runImport(db, {
        dataset, input: fs.createReadStream(file), fileName: path.basename(file), actor: SYSTEM_ACTOR('bench'), scope: { all: true, orgIds: new Set() },
      });
      if (!out.ok) throw new Error(`dry run rejected: ${JSON.stringify(out.errors.slice(0, 3))}`);
      dry = { seconds: (performance.now() - t0) / 1000, rows: out.rows };
      console.log(`[${driver}] reading and checking alone: ${dry.seconds.toFixed(1)} s`);
    }

    // Where the import's time goes: the dataset's own steps timed in place (the object the registry hands
    // importFile), each row's check, each batch's lookup of existing keys, each batch's write (from its call to
    // its end: writes overlap the reading of the next batch, so the three may add up to more than the import).
    const spent = { check: 0, checkBatch: 0, write: 0, checkBatchLast100k: [] as number[] };
    const begin = hotlineCallsDataset.begin;
    let batches = 0;
    let window = 0;
    hotlineCallsDataset.begin = async (e) => {
      const s = await begin(e);
      return {
        ...s,
        check: (row, report, rowNo) => { const t = performance.now(); try { return s.check(row, report, rowNo); } finally { spent.check += performance.now() - t; } },
        checkBatch: s.checkBatch && (async (batch) => {
          const t = performance.now();
          await s.checkBatch!(batch);
          const ms = performance.now() - t;
          spent.checkBatch += ms;
          window += ms;
          if (++batches % 50 === 0) { spent.checkBatchLast100k.push(window); window = 0; }
        }),
        write: async (records, mode) => { const t = performance.now(); try { return await s.write(records, mode); } finally { spent.write += performance.now() - t; } },
      };
    };
    const phases: Record<string, number> = {};
    let last = 0;
    t0 = performance.now();
    const outcome = await importFile(db, 'hotline_calls', file, {
      onProgress: (p) => {
        const s = (performance.now() - t0) / 1000;
        phases[p.phase] ??= s;
        if (s - last >= 30) { last = s; console.log(`[${driver}] ${p.phase}: ${p.rowsRead.toLocaleString('en')} rows read, ${s.toFixed(0)} s`); }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    hotlineCallsDataset.begin = begin;
    console.log(`[${driver}] in the dataset: checks ${(spent.check / 1000).toFixed(1)} s, existing-key lookups ${(spent.checkBatch / 1000).toFixed(1)} s `
      + `(per 100,000 rows: ${spent.checkBatchLast100k.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s), writes ${(spent.write / 1000).toFixed(1)} s`);
    if (!outcome.ok) throw new Error(`import rejected: ${outcome.message} ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`[${driver}] imported ${outcome.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(outcome.rows / seconds).toLocaleString('en')} rows/s)`);

    const city = (await db.one<{ id: number; path: string }>("SELECT id, path FROM organizations WHERE code = 'JX-WJW'"))!;
    const req = { from: `${year}-01-01`, to: `${year}-12-31`, orgId: city.id, orgPath: city.path };
    const hotlineDefs = matterMetrics.filter((m) => m.id.startsWith('hotline.'));
    const time = async (defs: typeof matterMetrics) => {
      await evaluateMetrics(db, defs, req); // warm-up
      const ms: number[] = [];
      let values: Awaited<ReturnType<typeof evaluateMetrics>> = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        values = await evaluateMetrics(db, defs, req);
        ms.push(performance.now() - t);
      }
      return { ...summary(ms), metrics: defs.length, values };
    };
    const all = await time(matterMetrics);
    const hot = await time(hotlineDefs);
    console.log(`[${driver}] all ${all.metrics} matters metrics p50 ${all.p50.toFixed(0)} ms; hotline p50 ${hot.p50.toFixed(0)} ms`);
    const calls = hot.values.find((v) => v.id === 'hotline.calls.total')!;
    const check = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM matters WHERE kind = 'hotline' AND received_on BETWEEN $1 AND $2`, [req.from, req.to]))!.n;
    const counts = (await db.one<{ n: number; size: string | null }>(
      `SELECT count(*)::int AS n, ${driver === 'postgres' ? "pg_size_pretty(pg_total_relation_size('matters'))" : 'NULL'} AS size FROM matters`))!;
    const version = (await db.one<{ v: string }>("SELECT current_setting('server_version') AS v"))!.v;
    const strip = ({ values: _v, ...t }: typeof all) => t;
    return {
      driver, seedSeconds, dry,
      import: { seconds, rows: outcome.rows, inserted: outcome.inserted, updated: outcome.updated, phases, peakRssMb, spent },
      tableRows: counts.n, tableSize: counts.size, all: strip(all), hotline: strip(hot),
      hotlineValue: { value: calls.value as number | null, breakdown: (calls as { breakdown?: Record<string, number> }).breakdown }, hotlineCheck: check, version,
    };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------
// Main: the file, one child per driver, the report.

async function runChild(driver: string, file: string): Promise<DriverResult> {
  const extra = ['--year', arg('year', '2026'), '--runs', arg('runs', '5'), ...(process.argv.includes('--no-dry') ? ['--no-dry'] : [])];
  const c = fork(path.join(ROOT, 'bench/matters.ts'), ['--child', driver, '--file', file, ...extra], {
    cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, '--max-old-space-size=4096'],
  });
  let result: DriverResult | undefined;
  c.on('message', (m) => { result = m as DriverResult; });
  const [code] = await once(c, 'exit');
  if (code !== 0 || !result) throw new Error(`${driver} run failed (exit ${code})`);
  return result;
}

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: os.availableParallelism(), cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown', memGb: os.totalmem() / 2 ** 30,
    node: process.version, load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function section(r: DriverResult, rows: number): string[] {
  const p = r.import.phases;
  const end = r.import.seconds;
  const writingFrom = p.writing ?? end;
  const indexingFrom = p.indexing ?? p.done ?? end;
  const doneAt = p.done ?? end;
  return [
    `### ${r.driver === 'postgres' ? `PostgreSQL ${r.version}` : `PGlite (PostgreSQL ${r.version}, WebAssembly, in the process)`}`,
    '',
    `**Import of ${fmt(rows)} hotline records: ${fmt(r.import.seconds, 1)} s (${fmt(r.import.rows / r.import.seconds)} rows/s)**, ${fmt(r.import.inserted)} inserted, peak RSS of the process ${fmt(r.import.peakRssMb)} MB. `
      + `Reading, checking and writing (overlapped) ${fmt(writingFrom, 1)} s, the last batch ${fmt(indexingFrom - writingFrom, 1)} s, rebuilding the deferred indexes and foreign keys ${fmt(Math.max(0, doneAt - indexingFrom), 1)} s (commit and ANALYZE included).`
      + ` Inside the dataset: the rows' checks ${fmt(r.import.spent.check / 1000, 1)} s, the batches' lookups of existing keys ${fmt(r.import.spent.checkBatch / 1000, 1)} s`
      + ` (per 100,000 rows in turn: ${r.import.spent.checkBatchLast100k.map((ms) => fmt(ms / 1000, 1)).join(', ')} s), the batches' writes ${fmt(r.import.spent.write / 1000, 1)} s.`
      + `${r.dry ? ` The same file read and checked with writing switched off: ${fmt(r.dry.seconds, 1)} s.` : ''}`
      + ` The table then holds ${fmt(r.tableRows)} matters${r.tableSize ? ` (${r.tableSize} with its indexes)` : ''}; seeding the demo commission beforehand took ${fmt(r.seedSeconds, 1)} s.`,
    '',
    '| metrics for the city, one year | p50 ms | min ms | max ms |',
    '|---|---:|---:|---:|',
    `| hotline.* (${r.hotline.metrics} metric) | ${fmt(r.hotline.p50, 1)} | ${fmt(r.hotline.min, 1)} | ${fmt(r.hotline.max, 1)} |`,
    `| all matters metrics (${r.all.metrics}: hotline, petitions, mediation, reconsideration, litigation, oversight, proposals, disclosure) | ${fmt(r.all.p50, 1)} | ${fmt(r.all.min, 1)} | ${fmt(r.all.max, 1)} |`,
    '',
    `hotline.calls.total = ${fmt(r.hotlineValue.value ?? 0)} (a count of the year's hotline rows by hand: ${fmt(r.hotlineCheck)}); by type ${Object.entries(r.hotlineValue.breakdown ?? {}).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}.`,
    '',
  ];
}

async function main(): Promise<void> {
  const rows = Number(arg('rows', '1000000'));
  const year = arg('year', '2026');
  const runs = Number(arg('runs', '5'));
  const which = arg('db', 'both');
  const drivers = which === 'both' ? ['postgres', 'pglite'] : [which];
  const out = path.resolve(ROOT, arg('out', 'bench/RESULTS-matters.md'));
  fs.mkdirSync(OUT, { recursive: true });
  const { todayInChina, addDays } = await import('../src/core/calendar/dates');
  const lastDay = addDays(todayInChina(), -1);
  const file = path.join(OUT, `hotline_calls-${rows}-${lastDay}.csv`);
  if (!fs.existsSync(file)) {
    const t0 = performance.now();
    await writeHotlineCsv(`${file}.part`, rows, lastDay);
    fs.renameSync(`${file}.part`, file);
    console.log(`wrote ${path.relative(ROOT, file)} (${fmt(fs.statSync(file).size / 2 ** 20)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const before = machine();
  const results: DriverResult[] = [];
  for (const driver of drivers) {
    if (driver === 'postgres') {
      await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${DB_NAME}`);
    } else fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
    try {
      results.push(await runChild(driver, file));
    } finally {
      if (!process.argv.includes('--keep')) {
        if (driver === 'postgres') await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
        else fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
      }
    }
  }
  const after = machine();
  const pglite = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version as string;
  const command = `npm run bench:matters -- ${process.argv.slice(2).join(' ')}`.trim();
  const lines = [
    '# Matters benchmark: 12320 hotline import and metrics',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${before.nproc} cores (${before.cpu}), ${before.memGb.toFixed(1)} GB, Node.js ${before.node}, `
      + `PostgreSQL server on the same machine (${BENCH_SERVER.replace(/\/[^/]*$/, `/${DB_NAME}`)}), PGlite ${pglite}; load average ${before.load} before, ${after.load} after. Reproduce with:`,
    '',
    `    ${command}`,
    '',
    `The file: ${fmt(rows)} hotline_calls rows (data-exchange.md columns; ${fmt(fs.statSync(file).size / 2 ** 20)} MB), received 2025-01-01 to ${lastDay}, `
      + 'by type as the demo (consultations about half, complaints and reports 18 %), 3 % still open. Imported with importFile (src/cli/importCommand.ts, what '
      + `\`npm run cli -- import hotline_calls <file>\` runs) into a fresh database seeded with the demo commission (${SEED_ENTITIES} entities, its demo matters), one transaction. `
      + `Metrics: evaluateMetrics over matterMetrics for JX-WJW and everything under it, ${year}-01-01 to ${year}-12-31, ${runs} timed runs after a warm-up.`,
    '',
    '| driver | import s | rows/s | peak RSS MB | hotline.* p50 ms | all matters metrics p50 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.driver} | ${fmt(r.import.seconds, 1)} | ${fmt(r.import.rows / r.import.seconds)} | ${fmt(r.import.peakRssMb)} | ${fmt(r.hotline.p50, 1)} | ${fmt(r.all.p50, 1)} |`),
    '',
    ...results.flatMap((r) => section(r, rows)),
  ];
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : `${MARKER}\n(Everything above this line is rewritten by each run of \`bench/matters.ts\`; the notes below are kept.)\n`;
  fs.writeFileSync(out, `${lines.join('\n')}\n${notes}`);
  console.log(`wrote ${path.relative(ROOT, out)}`);
}

if (process.argv.includes('--child')) {
  child(arg('child', 'postgres')).then((r) => { process.send!(r, () => process.exit(0)); }, (err) => { console.error(err); process.exit(1); });
} else {
  main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
