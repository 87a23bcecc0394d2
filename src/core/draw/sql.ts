// The entity selection of the draw (draw.ts, step 2) in the database, for directories too
// large to load into JavaScript: for hrl-draw/1 one parameterised query; for hrl-draw/2
// (at the end) the candidates numbered at announcement and the drawn read by key. Each
// returns exactly what selectEntities returns for the same candidates (sql.test.ts checks
// this on PGlite and PostgreSQL). No I/O here: the caller runs the queries.
//
// hrl-draw/1:
//
// How it avoids sorting the scope (a million rows) by key. Every candidate not excluded
// needs its key, so one pass over the scope computes md5 for each; everything else is
// kept small:
// 1. classes: the candidates counted by risk class and credit grade, an aggregate
//    PostgreSQL answers from the (org_id, risk_class, credit_grade, id) index alone
//    when the scope is a list of organisations.
// 2. kept: one pass over the scope, joined to the history per entity, keeps the
//    mandatory and excluded candidates (a few per thousand) and the pool candidates
//    whose key lies below their stratum's threshold (the survivors, a few per cent).
//    The thresholds are looked up by the row's class pair, not by joining it to its
//    stratum, and the stratum's name is built only for the rows kept.
// 3. Per stratum: pool = candidates − mandatory − excluded, quota = ⌈ppm × pool / 10⁶⌉.
//    If at least quota candidates survived, the quota smallest keys of the stratum are
//    the quota smallest survivors (every key above the threshold is larger than every
//    survivor's). Otherwise (a stratum too small for its threshold to be safe) the
//    stratum's pool is read again in full: a second pass behind a one-time filter, which
//    PostgreSQL skips when no stratum fell short.
// 4. row_number() over the pool candidates kept, per stratum in key order, ≤ quota, plus
//    the mandatory candidates; returned as one JSON value.
// The threshold of a stratum keeps a share 2 × ratio + 1 % of its pool: at a million
// candidates a draw of 1 % keeps about 3.5 %, and a stratum falls short only when it has
// a few hundred candidates or fewer.
// The cost is the pass of step 2: md5() costs about a microsecond a row on a server
// built with OpenSSL 3 (bench/RESULTS-draw.md), which PostgreSQL's planner does not know.
import { compareCodePoints } from './key';
import { rankDrawn } from './pools';
import {
  exclusionCutoff, requiredInspectionsBy, setQuotas, stratumKeys, stratumOf, stratumRatios, validateParams,
  type DrawCandidate, type DrawParams, type EntitySelection, type StrataMode, type StratumSummary,
} from './draw';

/** The part of the directory a plan draws from (all given conditions apply). */
export interface DrawScope {
  /** Entities supervised by these organisations (the caller resolves the plan organisation's subtree). */
  orgIds?: number[];
  categories?: string[];
  regionCodes?: string[];
}

export interface DrawQueryOptions {
  /**
   * The inspection history, as trusted SQL written in code (never built from input): a
   * relation with columns entity_id (bigint), inspected_on (date) and plan_id (null when
   * the inspection was not under a random-inspection plan). Without it, no entity has
   * been inspected.
   */
  history?: string;
  /** Step 1's threshold (default true); false keeps every pool candidate (for tests). */
  prefilter?: boolean;
}

/**
 * The history from the supervision tables (migration 0020): every inspection visit, with
 * the plan of its random-inspection task if it had one.
 */
export const INSPECTION_HISTORY_SQL = `SELECT i.entity_id, i.visited_on AS inspected_on, t.plan_id
  FROM inspections i LEFT JOIN random_tasks t ON t.id = i.random_task_id`;

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** The SQL key of a candidate; the same function as orderingKey (key.ts). */
export function sqlOrderingKey(seedParam: string, usccColumn: string): string {
  return `md5(${seedParam} || ':' || ${usccColumn})`;
}

function stratumSql(mode: StrataMode, alias = 'e'): string {
  const risk = mode === 'risk_credit' || mode === 'risk' ? `coalesce(${alias}.risk_class, '-')` : `'*'`;
  const credit = mode === 'risk_credit' || mode === 'credit' ? `coalesce(${alias}.credit_grade, '-')` : `'*'`;
  return `${risk} || '/' || ${credit}`;
}

/** The threshold of step 1 for a ratio: 8 hex digits of the kept share of the key space ('g' keeps all). */
export function prefilterThreshold(ratioPpm: number, prefilter = true): string {
  const share = prefilter ? (2 * ratioPpm) / 1_000_000 + 0.01 : 1;
  return share >= 1 ? 'g' : Math.floor(share * 2 ** 32).toString(16).padStart(8, '0');
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const RISK_INDEX = `CASE e.risk_class WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END`;
const CREDIT_INDEX = `CASE e.credit_grade WHEN 'A' THEN 0 WHEN 'B' THEN 1 WHEN 'C' THEN 2 WHEN 'D' THEN 3 ELSE 4 END`;

function scopeSql(scope: DrawScope, p: Params): string {
  const where: string[] = [];
  if (scope.orgIds) where.push(`e.org_id = ANY(${p.add(scope.orgIds)}::int[])`);
  if (scope.categories) where.push(`e.category = ANY(${p.add(scope.categories)}::text[])`);
  if (scope.regionCodes) where.push(`e.region_code = ANY(${p.add(scope.regionCodes)}::bpchar[])`);
  return where.length ? where.join(' AND ') : 'true';
}

interface HistorySql {
  /** The CTE h (entity_id, last_plan_on, n_year), with its trailing comma; '' without history. */
  cte: string;
  required: string;
  cutoff: string | null;
}

/**
 * The inspection history per entity. `full`: every inspection up to the draw date (the
 * frozen list shows it). Otherwise only those that can change a status: from the earlier
 * of 1 January and the start of the exclusion window (older ones neither count this year
 * nor fall in the window), which gives every candidate the same status with a smaller
 * aggregate.
 */
function historySql(params: DrawParams, options: DrawQueryOptions, p: Params, full: boolean): HistorySql {
  // (Parameters only where the text uses them: PostgreSQL cannot type an unused one.)
  const required = full ? '' : p.add(requiredInspectionsBy(params.drawDate, params.blacklistMinPerYear));
  const cutoffDate = exclusionCutoff(params);
  if (!options.history) return { cte: '', required, cutoff: null };
  const cutoff = cutoffDate && !full ? p.add(cutoffDate) : null;
  const drawDate = p.add(params.drawDate);
  const yearStartDate = `${params.drawDate.slice(0, 4)}-01-01`;
  const yearStart = p.add(yearStartDate);
  const since = full ? '' : ` AND inspected_on >= ${p.add(cutoffDate && cutoffDate < yearStartDate ? cutoffDate : yearStartDate)}::date`;
  const cte = `h AS (
  SELECT entity_id,
         max(inspected_on) FILTER (WHERE plan_id IS NOT NULL) AS last_plan_on,
         count(*) FILTER (WHERE inspected_on >= ${yearStart}::date) AS n_year
    FROM (${options.history}) hist
   WHERE inspected_on <= ${drawDate}::date${since}
   GROUP BY entity_id
),
`;
  return { cte, required, cutoff };
}

function statusSql(hist: HistorySql): string {
  if (!hist.cte) return `CASE WHEN e.blacklisted AND 0 < ${hist.required}::int THEN 'm' ELSE 'p' END`;
  return `CASE WHEN e.blacklisted AND coalesce(h.n_year, 0) < ${hist.required}::int THEN 'm'`
    + (hist.cutoff ? ` WHEN h.last_plan_on > ${hist.cutoff}::date THEN 'x'` : '') + ` ELSE 'p' END`;
}

/**
 * The selection query. Its one row has one column, draw: JSON with strata (as
 * StratumSummary, plus prefiltered: false where the stratum needed the second scan) and
 * entities (in key order, each with the entity's id and category besides the fields of
 * selectEntities).
 */
export function selectionQuery(seed: string, params: DrawParams, scope: DrawScope, options: DrawQueryOptions = {}): SqlQuery {
  validateParams(params);
  if (params.sampleCount !== undefined) throw new Error('hrl-draw/1 (this query) has no sample count');
  const p = new Params();
  const s = p.add(seed);
  const ratios = stratumRatios(params);
  const strata = p.add([...ratios.keys()]);
  const ppm = p.add([...ratios.values()]);
  // The threshold of each class pair (risk low, medium, high, none × credit A … D, none),
  // looked up by index in the pass instead of joining every row to its stratum.
  const thresholds = p.add(['low', 'medium', 'high', null].flatMap((risk) => ['A', 'B', 'C', 'D', null].map((credit) =>
    prefilterThreshold(ratios.get(stratumOf(params.strata, risk, credit))!, options.prefilter ?? true))));
  const inScope = scopeSql(scope, p);
  const hist = historySql(params, options, p, false);
  const key = sqlOrderingKey(s, 'c.uscc');
  const text = `WITH r AS NOT MATERIALIZED (
  SELECT * FROM unnest(${strata}::text[], ${ppm}::int[]) AS r(stratum, ppm)
),
${hist.cte}c AS NOT MATERIALIZED (
  SELECT e.id, e.uscc, e.category, ${stratumSql(params.strata)} AS stratum,
         ${RISK_INDEX} * 5 + ${CREDIT_INDEX} AS class_index, ${statusSql(hist)} AS status
    FROM entities e ${hist.cte ? 'LEFT JOIN h ON h.entity_id = e.id' : ''}
   WHERE ${inScope}
),
classes AS MATERIALIZED (
  SELECT e.risk_class, e.credit_grade, count(*) AS n FROM entities e WHERE ${inScope} GROUP BY 1, 2
),
tot AS (
  SELECT ${stratumSql(params.strata, 'classes')} AS stratum, sum(n)::bigint AS n FROM classes GROUP BY 1
),
kept AS MATERIALIZED (
  SELECT c.stratum, c.status, c.uscc, c.id, c.category, CASE WHEN c.status <> 'x' THEN ${key} END AS key
    FROM c
   WHERE (c.status IN ('m', 'x') OR ${key} COLLATE "C" < (${thresholds}::text[])[1 + c.class_index])
     -- Always true; there for the planner, which otherwise expects a third of the scope
     -- to pass the key test (it cannot know the threshold keeps a few per cent), thinks
     -- shipping those rows from parallel workers costs more than it saves, and hashes
     -- a million keys in one process. Twenty values of an expression: a tenth expected.
     AND c.class_index = ANY('{0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19}'::int[])
),
q AS (
  SELECT tot.stratum, r.ppm, tot.n AS candidates,
         count(k.status) FILTER (WHERE k.status = 'm') AS mandatory,
         count(k.status) FILTER (WHERE k.status = 'x') AS excluded,
         count(k.status) FILTER (WHERE k.status = 'p') AS survivors
    FROM tot JOIN r ON r.stratum = tot.stratum LEFT JOIN kept k ON k.stratum = tot.stratum
   GROUP BY tot.stratum, r.ppm, tot.n
),
quota AS MATERIALIZED (
  SELECT q.*, q.candidates - q.mandatory - q.excluded AS pool,
         (q.ppm::bigint * (q.candidates - q.mandatory - q.excluded) + 999999) / 1000000 AS quota
    FROM q
),
fb AS (
  SELECT c.stratum, ${key} AS key, c.uscc, c.id, c.category
    FROM c
   WHERE (SELECT coalesce(bool_or(survivors < quota), false) FROM quota)
     AND c.status = 'p' AND c.stratum IN (SELECT stratum FROM quota WHERE survivors < quota)
),
pool AS (
  SELECT k.stratum, k.key, k.uscc, k.id, k.category
    FROM kept k JOIN quota ON quota.stratum = k.stratum
   WHERE k.status = 'p' AND quota.survivors >= quota.quota
  UNION ALL
  SELECT stratum, key, uscc, id, category FROM fb
),
ranked AS (
  SELECT pool.*, row_number() OVER (PARTITION BY pool.stratum ORDER BY pool.key COLLATE "C", pool.uscc COLLATE "C") AS rank
    FROM pool
),
picked AS (
  SELECT ranked.stratum, quota.ppm, 'random' AS reason, ranked.key, ranked.uscc, ranked.id, ranked.category, ranked.rank
    FROM ranked JOIN quota ON quota.stratum = ranked.stratum
   WHERE ranked.rank <= quota.quota
  UNION ALL
  SELECT k.stratum, r.ppm, 'mandatory', k.key, k.uscc, k.id, k.category, NULL
    FROM kept k JOIN r ON r.stratum = k.stratum
   WHERE k.status = 'm'
)
SELECT json_build_object(
  'strata', (SELECT coalesce(json_agg(json_build_object(
      'stratum', stratum, 'ratioPpm', ppm, 'candidates', candidates, 'mandatory', mandatory, 'excluded', excluded,
      'pool', pool, 'quota', quota, 'prefiltered', survivors >= quota) ORDER BY stratum COLLATE "C"), '[]') FROM quota),
  'entities', (SELECT coalesce(json_agg(json_build_object(
      'uscc', uscc, 'stratum', stratum, 'ratioPpm', ppm, 'reason', reason, 'key', key, 'rank', rank, 'id', id, 'category', category)
      ORDER BY key COLLATE "C", uscc COLLATE "C"), '[]') FROM picked)
) AS draw`;
  return { text, values: p.values };
}

export interface SqlSelection extends EntitySelection {
  strata: Array<StratumSummary & { prefiltered: boolean }>;
  entities: Array<EntitySelection['entities'][number] & { id: number; category: string }>;
}

/** The selection from the query's row (numbers as numbers, in the order selectEntities gives). */
export function parseSelection(row: { draw: unknown }): SqlSelection {
  const raw = (typeof row.draw === 'string' ? JSON.parse(row.draw) : row.draw) as SqlSelection;
  const strata = raw.strata.map((x) => ({
    stratum: x.stratum, ratioPpm: Number(x.ratioPpm), candidates: Number(x.candidates), mandatory: Number(x.mandatory),
    excluded: Number(x.excluded), pool: Number(x.pool), quota: Number(x.quota), prefiltered: x.prefiltered,
  }));
  strata.sort((a, b) => compareCodePoints(a.stratum, b.stratum));
  const entities = raw.entities.map((x) => ({
    uscc: x.uscc, stratum: x.stratum, ratioPpm: Number(x.ratioPpm), reason: x.reason, key: x.key,
    rank: x.rank === null ? null : Number(x.rank), id: Number(x.id), category: x.category,
  }));
  return { strata, entities };
}

/**
 * The frozen candidate list of a plan (the same scope, history and draw date), for the
 * record and for the pure draw: rows in code order with id, uscc, category, risk_class,
 * credit_grade, blacklisted, last_plan_on, n_year. `toCandidate` turns a row into a DrawCandidate.
 */
export function candidatesQuery(params: DrawParams, scope: DrawScope, options: DrawQueryOptions = {}): SqlQuery {
  const p = new Params();
  const inScope = scopeSql(scope, p);
  const hist = historySql(params, options, p, true);
  return {
    text: `WITH ${hist.cte}c AS (
  SELECT e.id, e.uscc, e.category, e.risk_class, e.credit_grade, e.blacklisted,
         ${hist.cte ? 'h.last_plan_on, coalesce(h.n_year, 0) AS n_year' : 'NULL::date AS last_plan_on, 0::bigint AS n_year'}
    FROM entities e ${hist.cte ? 'LEFT JOIN h ON h.entity_id = e.id' : ''}
   WHERE ${inScope}
)
SELECT id, uscc, category, risk_class, credit_grade, blacklisted, last_plan_on, n_year FROM c ORDER BY uscc COLLATE "C"`,
    values: p.values,
  };
}

export interface CandidateRow {
  id: number; uscc: string; category: string; risk_class: string | null; credit_grade: string | null;
  blacklisted: boolean; last_plan_on: string | null; n_year: number | string;
}

export function toCandidate(r: CandidateRow): DrawCandidate {
  return {
    uscc: r.uscc, category: r.category,
    riskClass: r.risk_class as DrawCandidate['riskClass'], creditGrade: r.credit_grade as DrawCandidate['creditGrade'],
    blacklisted: r.blacklisted, lastPlanInspectionOn: r.last_plan_on, inspectionsThisYear: Number(r.n_year),
  };
}

// ---------------------------------------------------------------------------------
// hrl-draw/2 (pools.ts) in the database: the candidates numbered when the plan is
// announced, then only the drawn rows read by key after the seed is revealed.

// A row's key in the numbered table is one integer, its slot: status × 2⁴⁰ + the
// stratum's place among the mode's strata (stratumKeys) × 2³² + ordinal. The drawn rows
// are then read with one sorted array of integers (an index scan of `slot = ANY`), which
// PostgreSQL answers in two thirds of the time a join on (status, stratum, ordinal) takes
// (bench/RESULTS-draw.md); the mandatory are the slots below 2⁴⁰.
const SLOT_STATUS = 2 ** 40;
const SLOT_STRATUM = 2 ** 32;
const STATUS_CODES: Record<string, number> = { m: 0, p: 1, x: 2 };

/** The slot of a row (status 'm', 'p' or 'x'; the stratum's place in stratumKeys(mode)). */
export function poolSlot(status: string, stratumIndex: number, ordinal: number): number {
  return STATUS_CODES[status] * SLOT_STATUS + stratumIndex * SLOT_STRATUM + ordinal;
}

/**
 * Step 1 of hrl-draw/2 over the directory: every candidate of the scope with its status
 * ('m' mandatory, 'x' excluded, 'p' pool), its stratum and its ordinal among those of the
 * same status and stratum in code order (COLLATE "C", pools.ts's order), its slot, and id
 * and category. Nothing in it depends on the seed: it is run when the plan is announced,
 * into a table keyed by slot (poolTableSql) that the draw reads (drawnRowsQuery). The rows
 * come in slot order, so the table is stored in it: the drawn rows are then read in page
 * order, and PostgreSQL, seeing the order, reads them by the index (in another order it
 * chose to scan the whole table in parallel: 97 ms against 27).
 */
export function poolQuery(params: DrawParams, scope: DrawScope, options: DrawQueryOptions = {}): SqlQuery {
  validateParams(params);
  const p = new Params();
  const inScope = scopeSql(scope, p);
  const hist = historySql(params, options, p, false);
  const strata = p.add(stratumKeys(params.strata));
  const code = Object.entries(STATUS_CODES).map(([status, n]) => `WHEN '${status}' THEN ${n}`).join(' ');
  return {
    text: `WITH ${hist.cte}c AS (
  SELECT e.id, e.uscc, e.category, ${stratumSql(params.strata)} AS stratum, ${statusSql(hist)} AS status
    FROM entities e ${hist.cte ? 'LEFT JOIN h ON h.entity_id = e.id' : ''}
   WHERE ${inScope}
), n AS (
  SELECT status, stratum, (row_number() OVER (PARTITION BY status, stratum ORDER BY uscc COLLATE "C") - 1)::int AS ordinal, id, uscc, category FROM c
)
SELECT (CASE status ${code} END)::bigint * ${SLOT_STATUS} + (array_position(${strata}::text[], stratum) - 1)::bigint * ${SLOT_STRATUM} + ordinal AS slot,
       status, stratum, ordinal, id, uscc, category FROM n
 ORDER BY 1`,
    values: p.values,
  };
}

/** The table poolQuery's rows go into: `INSERT INTO <table> <poolQuery>` (UNLOGGED: it can be rebuilt from the frozen list). */
export function poolTableSql(table: string): string {
  return `CREATE UNLOGGED TABLE ${tableName(table)} (slot bigint PRIMARY KEY, status text NOT NULL, stratum text NOT NULL, ordinal int NOT NULL,
  id bigint NOT NULL, uscc text NOT NULL, category text NOT NULL)`;
}

/** How many rows of a numbered table (poolQuery's) each status and stratum has. */
export function poolCountsQuery(table: string): SqlQuery {
  return { text: `SELECT status, stratum, count(*)::int AS n FROM ${tableName(table)} GROUP BY status, stratum`, values: [] };
}

/** The strata (with ratios and quotas, as pools.ts gives them: setQuotas) from poolCountsQuery's rows. */
export function poolStrata(params: DrawParams, counts: ReadonlyArray<{ status: string; stratum: string; n: number | string }>): StratumSummary[] {
  const ratios = stratumRatios(params);
  const strata = new Map<string, StratumSummary>();
  for (const c of counts) {
    let s = strata.get(c.stratum);
    if (!s) strata.set(c.stratum, (s = { stratum: c.stratum, ratioPpm: ratios.get(c.stratum)!, candidates: 0, mandatory: 0, excluded: 0, pool: 0, quota: 0 }));
    const n = Number(c.n);
    s.candidates += n;
    if (c.status === 'm') s.mandatory += n;
    else if (c.status === 'x') s.excluded += n;
    else s.pool += n;
  }
  const out = [...strata.values()].sort((a, b) => compareCodePoints(a.stratum, b.stratum));
  setQuotas(params, out);
  return out;
}

/** The pool rows at the drawn ordinals of each stratum, and the mandatory rows, of a numbered table; with further columns of it if asked. */
export function drawnRowsQuery(table: string, mode: StrataMode, ordinals: ReadonlyMap<string, number[]>, columns: string[] = []): SqlQuery {
  const place = new Map(stratumKeys(mode).map((k, i) => [k, i]));
  const slots: number[] = [];
  for (const [stratum, list] of ordinals) for (const o of list) slots.push(poolSlot('p', place.get(stratum)!, o));
  slots.sort((a, b) => a - b); // the index is walked in one direction
  const t = tableName(table);
  const shown = `p.status, p.stratum, p.uscc, p.id, p.category${columns.map((c) => `, p.${tableName(c)}`).join('')}`;
  return {
    text: `SELECT ${shown} FROM ${t} p WHERE p.slot = ANY($1::bigint[])
UNION ALL
SELECT ${shown} FROM ${t} p WHERE p.slot < ${poolSlot('p', 0, 0)}`,
    values: [slots],
  };
}

export interface PoolSelection extends EntitySelection {
  entities: Array<EntitySelection['entities'][number] & { id: number; category: string }>;
}

/** hrl-draw/2's selection from drawnRowsQuery's rows: exactly what selectEntities gives for the frozen list. */
export function poolSelection(
  seed: string, strata: readonly StratumSummary[], rows: ReadonlyArray<{ status: string; stratum: string; uscc: string; id: number | string; category: string }>,
): PoolSelection {
  const sel = rankDrawn(seed, strata, rows.filter((r) => r.status === 'p'), rows.filter((r) => r.status === 'm'));
  const byUscc = new Map(rows.map((r) => [r.uscc, r]));
  // Added to the objects rankDrawn made, not copied into new ones (a tenth of the draw's time at 11,000).
  const entities = sel.entities as PoolSelection['entities'];
  for (const e of entities) {
    const r = byUscc.get(e.uscc)!;
    e.id = Number(r.id);
    e.category = r.category;
  }
  return { strata: sel.strata, entities };
}

/** A table or column name written in code (never input), checked so that it cannot carry SQL. */
function tableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a table name: ${name}`);
  return name;
}
