// Random-inspection draw benchmark (not a test): a million entities in one district and
// ten thousand inspectors generated in SQL on a PostgreSQL server, then the full draw
// (src/core/draw: the SQL selection with strata, mandatory and exclusions; the teams in
// JavaScript with recusal and workload balance; the result written to a temporary table
// in one transaction) timed against a plain `ORDER BY random() LIMIT n` over the same
// scope, in the same run, runs interleaved.
//
//   npm run bench:draw -- [--entities 1000000] [--inspectors 10000] [--runs 15] [--ratio 0.008] [--no-vacuum] [--keep] [--existing] [--platform-only] [--pools-only]
//
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is used to create
// and drop the scratch database bench_draw. The history (and the previous plan's teams)
// is read from the supervision tables (random_plans, random_tasks, inspections), the
// conflicts from inspector_conflicts. A last section times the platform's own path
// (modules/inspections/draws.ts: a plan announced with its whole frozen candidate list
// stored, then drawn in JavaScript from it) at the same scale.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { admin, arg, scratchUrl } from './scratch';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/bootstrap';
import { seedDemo } from '../src/seed/demo';
import type { Database } from '../src/platform/db';
import { generateSeed } from '../src/core/draw/key';
import { addDays, todayInChina } from '../src/core/calendar/dates';
import { actorOf } from '../src/platform/access/user';
import { ALL_PERMISSIONS } from '../src/platform/access/permissions';
import { announcePlan, createPlan, drawPlan } from '../src/modules/inspections/draws';
import { unpackLists } from '../src/modules/inspections/frozenLists';
import {
  assignInspectors, defaultDrawParams, DRAW_ALGORITHM, DRAW_ALGORITHM_BY_KEYS, runDraw, selectEntities,
  type DrawInspector, type DrawParams, type DrawRecusal, type EntitySelection, type StratumSummary,
} from '../src/core/draw/draw';
import { poolOrdinals } from '../src/core/draw/pools';
import {
  candidatesQuery, drawnRowsQuery, INSPECTION_HISTORY_SQL as HISTORY, parseSelection, poolCountsQuery, poolQuery, poolSelection, poolStrata,
  poolTableSql, selectionQuery, toCandidate, type CandidateRow, type DrawScope, type SqlQuery,
} from '../src/core/draw/sql';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const DB_NAME = 'bench_draw';
const DRAW_DATE = '2026-05-12';


const urlOf = () => scratchUrl(DB_NAME);

/**
 * The district (南湖区: its commission and supervision institute) with n entities in the
 * directory's shares (bench/generate.ts): public places 45 %, medical 20 % …; risk low
 * 58 %, medium 29 %, high 10 %, unclassified 3 %; credit A 38 %, B 43 %, C 12 %, D 3 %,
 * ungraded 4 %; blacklisted: 30 % of grade D. Ten thousand inspectors of the institute
 * with 1–4 specialties, 4 % with an expired certificate, 2 % inactive. History: 3 % of
 * the entities visited under a city plan in March (inside the six-month window), 3 %
 * under this district's previous plan last September (outside it; their teams are
 * recused), 5 % visited outside any plan this year, and the blacklisted visited twice
 * this year except one in seven (behind their four a year: mandatory). 20,000 declared
 * conflicts.
 */
const GENERATE = (n: number, inspectors: number) => `
INSERT INTO entities (uscc, name, category, region_code, address, org_id, legal_rep, risk_class, credit_grade, blacklisted, search_keys)
SELECT '91330402' || lpad(g::text, 10, '0'),
       '南湖区' || (ARRAY['悦来','金桥','华庭','红船','禾城','鸿运'])[1 + g % 6] || g || '号单位',
       (ARRAY['public_place','public_place','public_place','public_place','public_place','public_place','public_place','public_place','public_place',
              'medical_institution','medical_institution','medical_institution','medical_institution',
              'water_supply','school','school','occupational','occupational','disinfection_product','radiation'])[1 + u0 % 20],
       '330402', '浙江省嘉兴市南湖区南湖路' || (g % 999) || '号',
       CASE WHEN g % 10 = 0 THEN wjj ELSE jds END,
       (ARRAY['王伟','李娜','张敏','刘洋','陈静'])[1 + g % 5],
       CASE WHEN u1 < 30 THEN NULL WHEN u1 < 610 THEN 'low' WHEN u1 < 900 THEN 'medium' ELSE 'high' END,
       CASE WHEN u2 < 40 THEN NULL WHEN u2 < 420 THEN 'A' WHEN u2 < 850 THEN 'B' WHEN u2 < 970 THEN 'C' ELSE 'D' END,
       u2 >= 970 AND u3 < 300,
       keys
  FROM generate_series(1, ${n}) g
  CROSS JOIN (SELECT (SELECT id FROM organizations WHERE code = 'NH-JDS') AS jds, (SELECT id FROM organizations WHERE code = 'NH-WJJ') AS wjj,
                     (SELECT array_agg(x::bigint * 7919) FROM generate_series(1, 40) x) AS keys) c
  CROSS JOIN LATERAL (SELECT (hashint4(g * 4) & 2147483647) AS u0, (hashint4(g * 4 + 1) & 2147483647) % 1000 AS u1,
                             (hashint4(g * 4 + 2) & 2147483647) % 1000 AS u2, (hashint4(g * 4 + 3) & 2147483647) % 1000 AS u3) r;

INSERT INTO inspectors (staff_no, name, org_id, certificate_no, certificate_valid_to, specialties, active)
SELECT 'B' || lpad(g::text, 5, '0'), '检查员' || g, (SELECT id FROM organizations WHERE code = 'NH-JDS'), 'BENCH' || g,
       CASE WHEN g % 25 = 0 THEN date '2026-01-31' ELSE date '2028-06-30' END,
       ARRAY(SELECT c FROM unnest(ARRAY['public_place','medical_institution','water_supply','school','occupational','disinfection_product','radiation','other']) WITH ORDINALITY u(c, i)
              WHERE i = 1 + g % 8 OR (hashint4(g * 8 + i::int) & 3) = 0),
       g % 50 <> 0
  FROM generate_series(1, ${inspectors}) g;

CREATE TEMP VIEW b AS SELECT (SELECT min(id) FROM inspectors WHERE staff_no LIKE 'B%') AS first, (SELECT id FROM organizations WHERE code = 'NH-JDS') AS jds;

-- History in the supervision tables (migration 0020): a city plan in March (inside the
-- window), this district's previous plan last September (outside it; its teams are
-- recused), each visited by two inspectors; routine visits; the blacklisted visited twice
-- this year except one in seven.
INSERT INTO random_plans (plan_no, org_id, title, source, year, credit_applied) VALUES
  ('BENCH-2026-01', (SELECT id FROM organizations WHERE code = 'JX-JDS'), '市级专项抽查', 'municipal', 2026, true),
  ('BENCH-2025-02', (SELECT id FROM organizations WHERE code = 'NH-JDS'), '南湖区2025年第二批双随机抽查', 'local', 2025, true);
INSERT INTO random_tasks (task_no, plan_id, entity_id, due_on, completed_on)
SELECT 'BT-' || e.id, p.id, e.id, p.due, p.due - (e.id % 25)::int
  FROM (SELECT id, (hashint8(id) & 2147483647) % 100 AS u FROM entities) e
  JOIN (SELECT id, plan_no, CASE plan_no WHEN 'BENCH-2026-01' THEN date '2026-03-31' ELSE date '2025-09-30' END AS due FROM random_plans) p
    ON p.plan_no = CASE WHEN e.u < 3 THEN 'BENCH-2026-01' ELSE 'BENCH-2025-02' END
 WHERE e.u < 6;
INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, random_task_id, result, inspector_ids)
SELECT 'BV-' || t.id, jds, t.entity_id, t.completed_on, t.id, 'compliant',
       ARRAY[first + (hashint8(t.entity_id * 2) & 2147483647) % ${inspectors}, first + (hashint8(t.entity_id * 2 + 1) & 2147483647) % ${inspectors}]
  FROM random_tasks t, b
UNION ALL
SELECT 'BR-' || e.id, jds, e.id, date '2026-01-05' + (e.id % 120)::int, NULL, 'compliant', ARRAY[first, first + 1]
  FROM entities e, b WHERE (hashint8(e.id) & 2147483647) % 100 BETWEEN 10 AND 14
UNION ALL
SELECT 'BB-' || e.id || '-' || d, jds, e.id, d, NULL, 'compliant', ARRAY[first, first + 1]
  FROM entities e, b, (VALUES (date '2026-01-20'), (date '2026-04-10')) v(d) WHERE e.blacklisted AND e.id % 7 <> 0;

-- Conflicts declared by inspectors.
INSERT INTO inspector_conflicts (inspector_id, entity_id, reason, declared_on)
SELECT DISTINCT first + (hashint4(-g) & 2147483647) % ${inspectors}, 1 + (hashint4(g) & 2147483647) % ${n}, '近亲属在该单位任职', date '2026-01-02'
  FROM generate_series(1, 20000) g, b
ON CONFLICT DO NOTHING;`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Stats { p50: number; p95: number }
function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95) };
}

interface DrawTiming { total: number; select: number; load: number; teams: number; record: number; drawn: number; unassigned: number; fellShort: number }

/** The full draw: selection in SQL, inspectors and recusals loaded, teams in JavaScript, the result written. */
async function fullDraw(db: Database, params: DrawParams, scope: DrawScope, orgIds: number[]): Promise<DrawTiming> {
  const seed = generateSeed();
  const t0 = performance.now();
  const q = selectionQuery(seed, params, scope, { history: HISTORY });
  const sel = parseSelection((await db.one<{ draw: unknown }>(q.text, q.values))!);
  const t1 = performance.now();
  const ids = sel.entities.map((e) => e.id);
  const staff: DrawInspector[] = (await db.query<{ staff_no: string; active: boolean; certificate_no: string | null; certificate_valid_to: string | null; specialties: string[] }>(
    'SELECT staff_no, active, certificate_no, certificate_valid_to, specialties FROM inspectors WHERE org_id = ANY($1::int[])', [orgIds]))
    .map((r) => ({ staffNo: r.staff_no, active: r.active, certificateNo: r.certificate_no, certificateValidTo: r.certificate_valid_to, specialties: r.specialties, openTasks: 0 }));
  const recusals = await db.query<DrawRecusal>(RECUSALS_SQL('$e = ANY($1::bigint[])'), [ids]);
  const t2 = performance.now();
  const { teamsMs, unassigned } = await teamsAndRecord(db, seed, params, sel, staff, recusals);
  const t4 = performance.now();
  return { total: t4 - t0, select: t1 - t0, load: t2 - t1, teams: teamsMs, record: t4 - t2 - teamsMs, drawn: sel.entities.length, unassigned, fellShort: sel.strata.filter((s) => !s.prefiltered).length };
}

/**
 * The teams, then the draw recorded in one transaction: one row (in `<table>` when given,
 * else a temporary table created for it) holding the seed, the parameters and the result
 * (strata; each drawn entity with its key, rank, reason and team; the unassigned) as
 * gzip-compressed JSON, as the platform keeps its frozen lists and serves the public
 * record. (Measured: a row per entity and one per team member took 60–75 ms; this 25–35.)
 */
async function teamsAndRecord(
  db: Database, seed: string, params: DrawParams, sel: { strata: unknown[]; entities: Array<EntitySelection['entities'][number] & { id: number; category: string }> },
  staff: DrawInspector[], recusals: DrawRecusal[], table = 'draw_recorded',
): Promise<{ teamsMs: number; unassigned: number }> {
  const t0 = performance.now();
  const { teams, unassigned } = assignInspectors(seed, params, sel.entities, staff, recusals);
  const teamsMs = performance.now() - t0;
  const result = {
    strata: sel.strata, unassigned,
    entities: sel.entities.map((e) => ({ uscc: e.uscc, id: e.id, stratum: e.stratum, ratioPpm: e.ratioPpm, reason: e.reason, key: e.key, rank: e.rank, inspectors: teams.get(e.uscc) ?? [] })),
  };
  const document = zlib.gzipSync(JSON.stringify({ seed, params, result }), { level: 1 });
  await db.transaction(async (tx) => {
    if (table === 'draw_recorded') await tx.query(`CREATE TEMP TABLE draw_recorded (${RECORDED_COLUMNS}) ON COMMIT DROP`);
    await tx.query(`INSERT INTO ${table} VALUES ($1, $2)`, [seed, document]);
  });
  return { teamsMs, unassigned: unassigned.length };
}

const RECORDED_COLUMNS = 'seed text PRIMARY KEY, document bytea NOT NULL';

/** The recusals of the scope's entities: declared conflicts, and the teams of the district's previous plan. */
const RECUSALS_SQL = (entities: string) => `
  SELECT e.uscc, i.staff_no AS "staffNo", 'conflict' AS reason
    FROM inspector_conflicts c JOIN entities e ON e.id = c.entity_id JOIN inspectors i ON i.id = c.inspector_id
   WHERE ${entities.replace(/\$e/g, 'c.entity_id')} AND c.withdrawn_at IS NULL
  UNION ALL
  SELECT e.uscc, i.staff_no, 'previous_plan'
    FROM inspections v JOIN random_tasks t ON t.id = v.random_task_id JOIN entities e ON e.id = v.entity_id
    JOIN inspectors i ON i.id = ANY(v.inspector_ids)
   WHERE t.plan_id = (SELECT id FROM random_plans WHERE plan_no = 'BENCH-2025-02') AND ${entities.replace(/\$e/g, 'v.entity_id')}`;

/**
 * hrl-draw/2's announcement in the database (what does not depend on the seed): the
 * scope numbered into bench_pool (poolQuery), each row with the recusals of its entity;
 * the strata counted; the inspector list frozen as one JSON value (as the platform
 * freezes its lists when a plan is announced); and the tables the draw is recorded in.
 */
async function announcePools(db: Database, params: DrawParams, scope: DrawScope, orgIds: number[]): Promise<StratumSummary[]> {
  await db.exec('DROP TABLE IF EXISTS bench_pool, bench_frozen_inspectors, bench_recorded');
  await db.exec(`${poolTableSql('bench_pool')}; ALTER TABLE bench_pool ADD COLUMN recused jsonb`);
  const q = poolQuery(params, scope, { history: HISTORY });
  const orgParam = `$${q.values.length + 1}`;
  await db.query(`INSERT INTO bench_pool
    SELECT q.*, r.recused FROM (${q.text}) q
      LEFT JOIN (SELECT uscc, jsonb_agg(jsonb_build_array("staffNo", reason)) AS recused
                   FROM (${RECUSALS_SQL(`$e IN (SELECT id FROM entities WHERE org_id = ANY(${orgParam}::int[]))`)}) r GROUP BY uscc) r ON r.uscc = q.uscc`,
    [...q.values, orgIds]);
  await db.query(`CREATE TABLE bench_frozen_inspectors AS
    SELECT json_agg(json_build_object('staffNo', staff_no, 'active', active, 'certificateNo', certificate_no,
                    'certificateValidTo', certificate_valid_to, 'specialties', specialties, 'openTasks', 0) ORDER BY staff_no)::text AS list
      FROM inspectors WHERE org_id = ANY($1::int[])`, [orgIds]);
  await db.exec(`CREATE TABLE bench_recorded (${RECORDED_COLUMNS}); ANALYZE bench_pool`);
  const counts = poolCountsQuery('bench_pool');
  return poolStrata(params, await db.query<{ status: string; stratum: string; n: number }>(counts.text, counts.values));
}

type PoolRow = { status: string; stratum: string; uscc: string; id: number; category: string; recused: Array<[string, DrawRecusal['reason']]> | null };

/**
 * hrl-draw/2's draw from the announced tables: the drawn and mandatory rows read by key
 * (with their recusals) and the frozen inspectors read, at once; keys and ranks; teams;
 * the draw recorded in the plan's table.
 */
async function fullDrawPools(db: Database, params: DrawParams, strata: StratumSummary[]): Promise<DrawTiming> {
  const seed = generateSeed();
  const t0 = performance.now();
  const q = drawnRowsQuery('bench_pool', params.strata, poolOrdinals(seed, strata), ['recused']);
  // The inspectors are decoded while the drawn rows are still being read.
  const [rows, staff] = await Promise.all([
    db.query<PoolRow>(q.text, q.values),
    db.one<{ list: string }>('SELECT list FROM bench_frozen_inspectors').then((r) => JSON.parse(r!.list) as DrawInspector[]),
  ]);
  const t1 = performance.now();
  const sel = poolSelection(seed, strata, rows);
  const recusals: DrawRecusal[] = [];
  for (const r of rows) for (const [staffNo, reason] of r.recused ?? []) recusals.push({ uscc: r.uscc, staffNo, reason });
  const t2 = performance.now();
  const { teamsMs, unassigned } = await teamsAndRecord(db, seed, params, sel, staff, recusals, 'bench_recorded');
  const t4 = performance.now();
  return { total: t4 - t0, select: t1 - t0, load: t2 - t1, teams: teamsMs, record: t4 - t2 - teamsMs, drawn: sel.entities.length, unassigned, fellShort: 0 };
}

/** The selection query with its key function swapped (for measuring the key's share only: not a supported algorithm). */
function withKey(seed: string, params: DrawParams, scope: DrawScope, key: (expr: string) => string): SqlQuery {
  const q = selectionQuery(seed, params, scope, { history: HISTORY });
  const md5Expr = `md5($1 || ':' || c.uscc)`;
  if (!q.text.includes(md5Expr)) throw new Error('key expression not found');
  return { text: q.text.split(md5Expr).join(key(`$1 || ':' || c.uscc`)), values: q.values };
}

/**
 * The platform's path (modules/inspections/draws.ts) at this scale: a draft plan over the
 * district's public places and medical institutions, announced (the candidate, inspector
 * and recusal lists read and stored whole with the commitment), then drawn in JavaScript
 * from the stored lists into tasks. Memory is the process's resident set after each step.
 */
async function platformPath(db: Database, orgIds: number[], runs: number): Promise<string[]> {
  const adminUser = (await db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`))!;
  const allOrgs = (await db.query<{ id: number }>('SELECT id FROM organizations')).map((r) => r.id);
  const user = {
    id: adminUser.id, username: 'admin', displayName: 'bench', orgId: orgIds[0], orgCode: 'NH-WJJ', orgName: 'bench', roles: ['admin'],
    permissions: new Set(ALL_PERMISSIONS), scope: { mode: 'own_subtree' as const, rootOrgIds: allOrgs, orgIds: allOrgs, wholeTree: true },
    locale: 'zh-CN' as const, sessionId: 'bench',
  };
  const actor = actorOf(user, null);
  const nhWjj = (await db.one<{ id: number }>(`SELECT id FROM organizations WHERE code = 'NH-WJJ'`))!.id;
  const rows: string[] = [];
  for (let i = 0; i < runs; i++) {
    const plan = await createPlan(db, user, actor, {
      title: `基准测试计划${i}`, source: 'local', year: Number(todayInChina().slice(0, 4)), orgId: nhWjj, description: null,
      dueOn: addDays(todayInChina(), 90), categories: ['public_place', 'medical_institution'], regionCodes: [], baseRatio: 0.008,
      strata: 'risk_credit', stratumRatios: {}, includeRecent: false, joint: false, jointDepartments: null,
    });
    let t0 = performance.now();
    await announcePlan(db, user, actor, plan.id);
    const announceMs = performance.now() - t0;
    const rssAnnounce = process.memoryUsage().rss;
    t0 = performance.now();
    const drawn = await drawPlan(db, user, actor, plan.id);
    const drawMs = performance.now() - t0;
    const rssDraw = process.memoryUsage().rss;
    const size = (await db.one<{ candidates: number; bytes: string }>(
      `SELECT (announcement->'counts'->>'candidates')::int AS candidates, pg_column_size(inputs)::text AS bytes FROM random_draws WHERE plan_id = $1`, [plan.id]))!;
    const stored = (await db.one<{ seed: string; announcement: { algorithm: string; params: DrawParams }; inputs: Buffer }>('SELECT seed, announcement, inputs FROM random_draws WHERE plan_id = $1', [plan.id]))!;
    const lists = unpackLists(stored.inputs);
    t0 = performance.now();
    runDraw(stored.seed, { params: stored.announcement.params, ...lists }, stored.announcement.algorithm);
    const pureMs = performance.now() - t0;
    rows.push(`| ${i + 1} | ${size.candidates.toLocaleString('en')} | ${(Number(size.bytes) / 1e6).toFixed(1)} | ${announceMs.toFixed(0)} | ${drawMs.toFixed(0)} | ${pureMs.toFixed(0)} | ${drawn.drawn.toLocaleString('en')} | ${(rssAnnounce / 1e6).toFixed(0)} / ${(rssDraw / 1e6).toFixed(0)} |`);
    console.log(`platform run ${i}: announce ${announceMs.toFixed(0)} ms, draw ${drawMs.toFixed(0)} ms`);
    // Leave the history as it was for the next run.
    await db.query('DELETE FROM random_tasks WHERE plan_id = $1', [plan.id]);
    await db.query('DELETE FROM random_draws WHERE plan_id = $1', [plan.id]);
    await db.query('DELETE FROM random_plans WHERE id = $1', [plan.id]);
  }
  return ['## The platform path (announce with the frozen lists stored, then draw)', '',
    'A plan of the district commission over its public places and medical institutions (65 % of the scope), base ratio 0.8 %. '
    + 'Announce: candidates, inspectors and recusals read, digested (SM3) and stored in random_draws (gzip-compressed JSON; stored size shown); '
    + 'draw: the lists read back, runDraw in JavaScript (of which: the pure draw alone, timed again afterwards on the same lists), the result and the tasks written.', '',
    '| run | candidates | stored MB | announce ms | draw ms | … runDraw alone ms | drawn | RSS MB after announce / draw |', '|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows, ''];
}

/**
 * hrl-draw/2 against the plain query, runs interleaved: each run announces (the scope
 * numbered, the inspector and recusal lists frozen), then draws; the draw is what is
 * compared with the plain query.
 */
async function poolsAgainstPlain(db: Database, params: DrawParams, scope: DrawScope, orgIds: number[], runs: number, n: number, vacuum: boolean): Promise<string[]> {
  const draws: DrawTiming[] = [];
  const plain: number[] = [];
  const announced: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    let t0 = performance.now();
    const strata = await announcePools(db, params, scope, orgIds);
    const a = performance.now() - t0;
    const d = await fullDrawPools(db, params, strata);
    t0 = performance.now();
    await db.query(`SELECT id FROM entities WHERE org_id = ANY($1::int[]) ORDER BY random() LIMIT ${d.drawn}`, [orgIds]);
    const p = performance.now() - t0;
    if (i >= 2) { draws.push(d); plain.push(p); announced.push(a); }
    console.log(`${DRAW_ALGORITHM} run ${i}: announce ${a.toFixed(0)} ms, draw ${d.total.toFixed(0)} ms (select ${d.select.toFixed(0)}, load ${d.load.toFixed(0)}, teams ${d.teams.toFixed(0)}, record ${d.record.toFixed(0)}), plain ${p.toFixed(0)} ms`);
  }
  const row = (label: string, xs: number[]) => { const s = stats(xs); return `| ${label} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} |`; };
  const total = stats(draws.map((d) => d.total));
  const base = stats(plain);
  const last = draws[draws.length - 1];
  return [`## ${DRAW_ALGORITHM} (what plans announce): the draw against the plain query`, '',
    `Scope: the district's organisations (${n.toLocaleString('en')} entities); base ratio ${(params.baseRatio * 100).toFixed(1)} %, high risk or grade D ×${params.highRiskMultiplier}, exclusion window ${params.exclusionMonths} months, blacklisted ${params.blacklistMinPerYear} a year; ${last.drawn.toLocaleString('en')} entities drawn, ${last.unassigned} without a team. Table state: ${vacuum ? 'VACUUM ANALYZE after loading' : 'ANALYZE only (no VACUUM)'}. Each run announces first (not part of the draw's time), then draws with a fresh seed.`, '',
    '| | p50 ms | p95 ms |', '|---|---:|---:|',
    row('announce: the scope numbered (poolQuery), inspectors and recusals frozen', announced),
    row(`**draw, ${DRAW_ALGORITHM}** (drawn rows by key with their recusals, frozen inspectors, teams, recording)`, draws.map((d) => d.total)),
    row('… ordinals (Floyd); the drawn and mandatory rows with their recusals read, and the frozen inspectors at the same time', draws.map((d) => d.select)),
    row('… keys and ranks; the recusals gathered', draws.map((d) => d.load)),
    row('… teams in JavaScript', draws.map((d) => d.teams)),
    row('… recording (the result as one gzip-compressed JSON row, one transaction)', draws.map((d) => d.record)),
    row(`plain \`SELECT id … ORDER BY random() LIMIT ${last.drawn}\``, plain),
    `| ratio (p50) | ${(total.p50 / base.p50).toFixed(2)} × | |`, ''];
}

async function main() {
  const n = Number(arg('entities', '1000000'));
  const nInspectors = Number(arg('inspectors', '10000'));
  const runs = Number(arg('runs', '15'));
  const baseRatio = Number(arg('ratio', '0.008'));
  const vacuum = !process.argv.includes('--no-vacuum');
  const existing = process.argv.includes('--existing');
  fs.mkdirSync(OUT, { recursive: true });
  if (!existing) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  process.env.DATABASE_URL = urlOf();
  const ctx = await createContext({ ...loadConfig(), logLevel: 'silent' });
  const db = ctx.db;
  const lines = [`# Random-inspection draw benchmark (${new Date().toISOString()})`, '',
    `Command: \`npm run bench:draw -- ${process.argv.slice(2).join(' ')}\` on PostgreSQL; ${n.toLocaleString('en')} entities in the scope, ${nInspectors.toLocaleString('en')} inspectors; ${runs} timed runs each after 2 warm-up runs, draw and plain query interleaved.`, ''];
  try {
    if (!existing) {
      await seedDemo(db, ctx.calendar, 0);
      const t0 = performance.now();
      await db.exec(GENERATE(n, nInspectors));
      console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await db.exec(vacuum ? 'VACUUM ANALYZE' : 'ANALYZE');
    const orgIds = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE code IN ('NH-WJJ', 'NH-JDS') ORDER BY id`)).map((r) => r.id);
    const scope: DrawScope = { orgIds };
    const params = defaultDrawParams(DRAW_DATE, baseRatio);

    if (process.argv.includes('--platform-only')) {
      lines.push(...await platformPath(db, orgIds, runs));
      console.log(`\n${lines.join('\n')}`);
      return;
    }
    lines.push(...await poolsAgainstPlain(db, params, scope, orgIds, runs, n, vacuum));
    if (process.argv.includes('--pools-only')) {
      console.log(`\n${lines.join('\n')}`);
      return;
    }

    const draws: DrawTiming[] = [];
    const plain: number[] = [];
    let limit = 0;
    for (let i = 0; i < runs + 2; i++) {
      const d = await fullDraw(db, params, scope, orgIds);
      limit = d.drawn;
      const t0 = performance.now();
      await db.query(`SELECT id FROM entities WHERE org_id = ANY($1::int[]) ORDER BY random() LIMIT ${limit}`, [orgIds]);
      const p = performance.now() - t0;
      if (i >= 2) { draws.push(d); plain.push(p); }
      console.log(`run ${i}: draw ${d.total.toFixed(0)} ms (select ${d.select.toFixed(0)}), plain ${p.toFixed(0)} ms`);
    }
    const total = stats(draws.map((d) => d.total));
    const base = stats(plain);
    const last = draws[draws.length - 1];
    lines.push(`## hrl-draw/1: the full draw in one query against the plain query`, '',
      `Scope: the district's organisations (${n.toLocaleString('en')} entities); base ratio ${(baseRatio * 100).toFixed(1)} %, high risk or grade D ×${params.highRiskMultiplier}, exclusion window ${params.exclusionMonths} months, blacklisted ${params.blacklistMinPerYear} a year; ${last.drawn.toLocaleString('en')} entities drawn, ${last.unassigned} without a team, ${last.fellShort} strata read twice. Table state: ${vacuum ? 'VACUUM ANALYZE after loading' : 'ANALYZE only (no VACUUM)'}.`, '',
      '| | p50 ms | p95 ms |', '|---|---:|---:|',
      `| full draw, ${DRAW_ALGORITHM_BY_KEYS} (selection + inspectors and recusals loaded + teams + recording) | ${total.p50.toFixed(0)} | ${total.p95.toFixed(0)} |`,
      `| … selection query (strata, mandatory, exclusions, keys) | ${stats(draws.map((d) => d.select)).p50.toFixed(0)} | ${stats(draws.map((d) => d.select)).p95.toFixed(0)} |`,
      `| … loading inspectors and recusals | ${stats(draws.map((d) => d.load)).p50.toFixed(0)} | ${stats(draws.map((d) => d.load)).p95.toFixed(0)} |`,
      `| … teams in JavaScript | ${stats(draws.map((d) => d.teams)).p50.toFixed(0)} | ${stats(draws.map((d) => d.teams)).p95.toFixed(0)} |`,
      `| … recording (one transaction) | ${stats(draws.map((d) => d.record)).p50.toFixed(0)} | ${stats(draws.map((d) => d.record)).p95.toFixed(0)} |`,
      `| plain \`SELECT id … ORDER BY random() LIMIT ${limit}\` | ${base.p50.toFixed(0)} | ${base.p95.toFixed(0)} |`,
      `| ratio (p50) | ${(total.p50 / base.p50).toFixed(2)} × | |`, '');

    // The key function's share: the selection with md5, sha256 and PostgreSQL's internal
    // hashtextextended, and one pass computing nothing but the key.
    const variants: Array<[string, (seed: string) => SqlQuery]> = [
      ['md5 (the algorithm)', (seed) => selectionQuery(seed, params, scope, { history: HISTORY })],
      ['sha256', (seed) => withKey(seed, params, scope, (x) => `encode(sha256(convert_to(${x}, 'UTF8')), 'hex')`)],
      ['hashtextextended (internal, not portable)', (seed) => withKey(seed, params, scope, (x) => `lpad(to_hex(hashtextextended(${x}, 0)), 16, '0')`)],
    ];
    const selectTimes = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    const passes: Array<[string, string]> = [
      ['a pass computing md5(seed:uscc)', `SELECT count(*) FROM entities WHERE org_id = ANY($2::int[]) AND md5($1 || ':' || uscc) COLLATE "C" < '0'`],
      ['a pass computing sha256(seed:uscc)', `SELECT count(*) FROM entities WHERE org_id = ANY($2::int[]) AND sha256(convert_to($1 || ':' || uscc, 'UTF8')) < '\\x00'::bytea`],
      ['a pass computing hashtextextended(seed:uscc)', `SELECT count(*) FROM entities WHERE org_id = ANY($2::int[]) AND hashtextextended($1 || ':' || uscc, 0) = 0`],
      ['a pass computing nothing (count)', `SELECT count(*) FROM entities WHERE org_id = ANY($2::int[]) AND length($1 || ':' || uscc) = 0`],
    ];
    const passTimes = new Map<string, number[]>(passes.map(([name]) => [name, []]));
    const keyRuns = Math.max(3, Math.ceil(runs / 3));
    for (let i = 0; i < keyRuns + 1; i++) {
      for (const [name, build] of variants) {
        const q = build(generateSeed());
        const t0 = performance.now();
        await db.one(q.text, q.values);
        if (i >= 1) selectTimes.get(name)!.push(performance.now() - t0);
      }
      for (const [name, sql] of passes) {
        const t0 = performance.now();
        await db.one(sql, [generateSeed(), orgIds]);
        if (i >= 1) passTimes.get(name)!.push(performance.now() - t0);
      }
    }
    lines.push('## The key function', '', `${keyRuns} runs each after one warm-up.`, '', '| | p50 ms | p95 ms |', '|---|---:|---:|');
    for (const [name, times] of selectTimes) { const s = stats(times); lines.push(`| selection query, key ${name} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} |`); }
    for (const [name, times] of passTimes) { const s = stats(times); lines.push(`| ${name} over the scope | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} |`); }
    lines.push('');

    // Freezing the whole candidate list (what a verifiable record of such a draw must
    // hold) and re-running the selection from it in JavaScript (what verification costs).
    const freeze = candidatesQuery(params, scope, { history: HISTORY });
    let t0 = performance.now();
    await db.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE draw_frozen ON COMMIT DROP AS ${freeze.text}`, freeze.values);
    });
    const freezeMs = performance.now() - t0;
    t0 = performance.now();
    const candidates = (await db.query<CandidateRow>(freeze.text, freeze.values)).map(toCandidate);
    const loadMs = performance.now() - t0;
    t0 = performance.now();
    selectEntities(generateSeed(), params, candidates, DRAW_ALGORITHM_BY_KEYS);
    const pureMs = performance.now() - t0;
    // The pooled draw from the database is the pure draw from the frozen list (as sql.test.ts checks on small data).
    const seed = generateSeed();
    const strata = await announcePools(db, params, scope, orgIds);
    const fromDb = drawnRowsQuery('bench_pool', params.strata, poolOrdinals(seed, strata));
    const pooled = poolSelection(seed, strata, await db.query(fromDb.text, fromDb.values));
    t0 = performance.now();
    const pure = selectEntities(seed, params, candidates, DRAW_ALGORITHM);
    const pure2Ms = performance.now() - t0;
    if (JSON.stringify(pure.entities) !== JSON.stringify(pooled.entities.map(({ id: _id, category: _category, ...e }) => e))) throw new Error('hrl-draw/2: the database draw differs from the pure draw');
    lines.push('## The frozen candidate list', '', '| | ms |', '|---|---:|',
      `| writing it to a table (CREATE TABLE AS, one transaction) | ${freezeMs.toFixed(0)} |`,
      `| reading it into JavaScript | ${loadMs.toFixed(0)} |`,
      `| the selection re-run in JavaScript from it (verification), ${DRAW_ALGORITHM_BY_KEYS} | ${pureMs.toFixed(0)} |`,
      `| the same, ${DRAW_ALGORITHM} (the same entities as drawn from the numbered table: checked) | ${pure2Ms.toFixed(0)} |`, '');

    lines.push(...await platformPath(db, orgIds, Math.max(2, Math.ceil(runs / 5))));
  } finally {
    await db.close();
    if (!process.argv.includes('--keep')) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
  const report = lines.join('\n');
  fs.writeFileSync(path.join(OUT, 'draw-report.md'), report);
  console.log(`\n${report}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
