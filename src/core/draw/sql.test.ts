// The SQL selection against the pure draw on the real database (PGlite, or PostgreSQL
// when DATABASE_URL is set): the same seed, parameters and scope give exactly the same
// entities, keys, ranks and strata, whichever engine runs it: hrl-draw/1's one query, and
// hrl-draw/2's candidates numbered in a table and the drawn read from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { sm3 } from '../crypto/sm3';
import { orderingKey } from './key';
import {
  assignInspectors, defaultDrawParams, DRAW_ALGORITHM, DRAW_ALGORITHM_BY_KEYS, drawRecord, runDraw, selectEntities, verifyDraw,
  type DrawInspector, type DrawParams,
} from './draw';
import {
  candidatesQuery, drawnRowsQuery, INSPECTION_HISTORY_SQL, parseSelection, poolCountsQuery, poolQuery, poolSelection, poolStrata, poolTableSql,
  selectionQuery, toCandidate, type CandidateRow, type DrawQueryOptions, type DrawScope,
} from './sql';
import { poolOrdinals } from './pools';

const DATE = '2026-05-12';
const HISTORY = 'SELECT entity_id, inspected_on, plan_id FROM draw_test_history';

let env: TestEnv;
const org: Record<string, number> = {};

beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  // Missing classes and more blacklisted entities than the demo has, and an inspection
  // history: some excluded (another plan two months ago), some not (eight months ago),
  // blacklisted ones up to date or behind, inspections after the draw date (ignored).
  await env.db.exec(`
    UPDATE entities SET risk_class = NULL WHERE id % 13 = 0;
    UPDATE entities SET credit_grade = NULL WHERE id % 17 = 0;
    UPDATE entities SET blacklisted = true WHERE id % 19 = 0;
    CREATE TABLE draw_test_history (entity_id bigint NOT NULL, inspected_on date NOT NULL, plan_id integer);
    INSERT INTO draw_test_history
    SELECT id, date '2026-03-10', 1 FROM entities WHERE id % 7 = 0
    UNION ALL SELECT id, date '2025-09-01', 2 FROM entities WHERE id % 7 = 1
    UNION ALL SELECT id, date '2026-06-01', 3 FROM entities WHERE id % 7 = 2
    UNION ALL SELECT id, d, NULL FROM entities, (VALUES (date '2026-01-15'), (date '2026-04-02')) v(d) WHERE blacklisted AND id % 2 = 0
    UNION ALL SELECT id, date '2026-02-01', NULL FROM entities WHERE blacklisted AND id % 3 = 0;
  `);
});
afterAll(async () => { await env?.close(); });

const SEEDS = [sm3('sql test 1'), sm3('sql test 2'), sm3('sql test 3')];

interface Case { name: string; params: DrawParams; scope: DrawScope; options: DrawQueryOptions }

function cases(): Case[] {
  return [
    { name: 'whole directory, risk × credit, with history', params: defaultDrawParams(DATE, 0.1), scope: {}, options: { history: HISTORY } },
    { name: 'one institute, two categories, by risk', params: defaultDrawParams(DATE, 0.05, { strata: 'risk' }),
      scope: { orgIds: [org['NH-JDS']], categories: ['public_place', 'medical_institution'] }, options: { history: HISTORY } },
    { name: 'a region, by credit, recently inspected included', params: defaultDrawParams(DATE, 0.2, { strata: 'credit', includeRecentlyInspected: true }),
      scope: { regionCodes: ['330411'] }, options: { history: HISTORY } },
    { name: 'no strata, a plan ratio per stratum ignored', params: defaultDrawParams(DATE, 0.3, { strata: 'none' }), scope: { orgIds: [org['XZ-JDS'], org['JX-JDS']] }, options: { history: HISTORY } },
    { name: 'plan ratios, no history', params: defaultDrawParams(DATE, 0.08, { ratios: { 'low/A': 0.02, 'high/-': 1, '-/B': 0 } }), scope: {}, options: {} },
    { name: 'without the threshold', params: defaultDrawParams(DATE, 0.1), scope: {}, options: { history: HISTORY, prefilter: false } },
    { name: 'everything', params: defaultDrawParams(DATE, 1), scope: { orgIds: [org['NH-JDS']] }, options: { history: HISTORY } },
    { name: 'an empty scope', params: defaultDrawParams(DATE, 0.1), scope: { categories: ['radiation'], orgIds: [org['JX-BGS']] }, options: { history: HISTORY } },
  ];
}

async function frozenCandidates(c: Case) {
  const q = candidatesQuery(c.params, c.scope, c.options);
  return (await env.db.query<CandidateRow>(q.text, q.values)).map(toCandidate);
}

async function sqlSelection(seed: string, c: Case) {
  const q = selectionQuery(seed, c.params, c.scope, c.options);
  return parseSelection((await env.db.one<{ draw: unknown }>(q.text, q.values))!);
}

/** hrl-draw/2 from the database: the scope numbered into a table (announcement), then the drawn rows read by key. */
async function numberPool(c: Case) {
  await env.db.exec('DROP TABLE IF EXISTS draw_test_pool');
  await env.db.exec(poolTableSql('draw_test_pool'));
  const q = poolQuery(c.params, c.scope, c.options);
  await env.db.query(`INSERT INTO draw_test_pool ${q.text}`, q.values);
  const counts = poolCountsQuery('draw_test_pool');
  return poolStrata(c.params, await env.db.query<{ status: string; stratum: string; n: number }>(counts.text, counts.values));
}

async function drawFromPool(seed: string, strata: Awaited<ReturnType<typeof numberPool>>, mode: DrawParams['strata']) {
  const q = drawnRowsQuery('draw_test_pool', mode, poolOrdinals(seed, strata));
  return poolSelection(seed, strata, await env.db.query<{ status: string; stratum: string; uscc: string; id: number; category: string }>(q.text, q.values));
}

async function inspectors(): Promise<DrawInspector[]> {
  const rows = await env.db.query<{ staff_no: string; active: boolean; certificate_no: string | null; certificate_valid_to: string | null; specialties: string[] }>(
    'SELECT staff_no, active, certificate_no, certificate_valid_to, specialties FROM inspectors ORDER BY staff_no');
  return rows.map((r) => ({ staffNo: r.staff_no, active: r.active, certificateNo: r.certificate_no, certificateValidTo: r.certificate_valid_to, specialties: r.specialties, openTasks: 0 }));
}

describe('the SQL selection', () => {
  it('computes the same keys as JavaScript', async () => {
    const rows = await env.db.query<{ uscc: string; key: string }>(`SELECT uscc, md5($1 || ':' || uscc) AS key FROM entities`, [SEEDS[0]]);
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.key).toBe(orderingKey(SEEDS[0], r.uscc));
  });

  it('draws exactly what the pure draw draws from the frozen candidate list (hrl-draw/1)', async () => {
    const paths = new Set<boolean>();
    for (const c of cases()) {
      const candidates = await frozenCandidates(c);
      for (const seed of SEEDS) {
        const pure = selectEntities(seed, c.params, candidates, DRAW_ALGORITHM_BY_KEYS);
        const sql = await sqlSelection(seed, c);
        expect(sql.entities.map(({ id: _id, category: _category, ...e }) => e), c.name).toEqual(pure.entities);
        expect(sql.strata.map(({ prefiltered: _p, ...s }) => s), c.name).toEqual(pure.strata);
        if (c.options.prefilter !== false) for (const s of sql.strata) if (s.quota > 0) paths.add(s.prefiltered);
        if (sql.entities.length) {
          const rows = await env.db.query<{ id: number; uscc: string; category: string }>('SELECT id, uscc, category FROM entities WHERE uscc = ANY($1)', [sql.entities.map((e) => e.uscc)]);
          const byUscc = new Map(rows.map((r) => [r.uscc, r]));
          for (const e of sql.entities) expect({ id: e.id, category: e.category }).toEqual({ id: byUscc.get(e.uscc)!.id, category: byUscc.get(e.uscc)!.category });
        }
      }
    }
    // Both ways of step 3 ran: strata answered from the survivors, and strata read again in full.
    expect([...paths].sort()).toEqual([false, true]);
  });

  it('numbered at announcement and read by key, draws exactly what the pure draw draws (hrl-draw/2), by ratio or by count', async () => {
    let drawnAny = 0;
    const byCount: Case[] = [
      { name: 'a count, risk × credit, with history', params: { ...defaultDrawParams(DATE, 0.1), sampleCount: 37 }, scope: {}, options: { history: HISTORY } },
      { name: 'a count larger than the pools', params: { ...defaultDrawParams(DATE, 0.1, { strata: 'risk' }), sampleCount: 100_000 }, scope: { orgIds: [org['NH-JDS']] }, options: { history: HISTORY } },
    ];
    for (const c of [...cases(), ...byCount]) {
      const candidates = await frozenCandidates(c);
      const strata = await numberPool(c);
      for (const seed of SEEDS) {
        const pure = selectEntities(seed, c.params, candidates, DRAW_ALGORITHM);
        const sql = await drawFromPool(seed, strata, c.params.strata);
        expect(sql.entities.map(({ id: _id, category: _category, ...e }) => e), c.name).toEqual(pure.entities);
        expect(sql.strata, c.name).toEqual(pure.strata);
        drawnAny += sql.entities.length;
        const rows = await env.db.query<{ id: number; uscc: string; category: string }>('SELECT id, uscc, category FROM entities WHERE uscc = ANY($1)', [sql.entities.map((e) => e.uscc)]);
        const byUscc = new Map(rows.map((r) => [r.uscc, r]));
        for (const e of sql.entities) expect({ id: e.id, category: e.category }).toEqual({ id: Number(byUscc.get(e.uscc)!.id), category: byUscc.get(e.uscc)!.category });
      }
    }
    expect(drawnAny).toBeGreaterThan(100);
  });

  it('excludes, includes and counts as the plan says', async () => {
    const c = cases()[0];
    const sql = await sqlSelection(SEEDS[0], c);
    const mandatory = sql.entities.filter((e) => e.reason === 'mandatory').map((e) => e.id);
    const expected = await env.db.query<{ id: number }>(`
      SELECT e.id FROM entities e WHERE e.blacklisted
         AND (SELECT count(*) FROM draw_test_history h WHERE h.entity_id = e.id AND h.inspected_on BETWEEN '2026-01-01' AND $1) < 2
       ORDER BY e.id`, [DATE]);
    expect(mandatory.sort((a, b) => a - b)).toEqual(expected.map((r) => r.id));
    expect(sql.entities.some((e) => e.id % 7 === 0 && e.reason === 'random')).toBe(false);
    expect(sql.strata.reduce((a, s) => a + s.excluded, 0)).toBeGreaterThan(0);
    expect(sql.strata.reduce((a, s) => a + s.candidates, 0)).toBe((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities'))!.n);
  });

  it('reads the history from the supervision tables', async () => {
    // A plan of the city institute in March (inside the window) and one of a district last
    // September (outside), each with visits; a routine visit of a blacklisted entity.
    await env.db.exec(`
      INSERT INTO random_plans (plan_no, org_id, title, source, year) VALUES
        ('DRAW-T-1', ${org['JX-JDS']}, '专项抽查', 'municipal', 2026), ('DRAW-T-2', ${org['NH-JDS']}, '上一批抽查', 'local', 2025);
      INSERT INTO random_tasks (task_no, plan_id, entity_id, due_on, completed_on)
      SELECT 'DRAW-T-' || e.id, p.id, e.id, d.due, d.due - 5
        FROM entities e JOIN random_plans p ON p.plan_no = CASE WHEN e.id % 5 = 1 THEN 'DRAW-T-1' ELSE 'DRAW-T-2' END
             CROSS JOIN LATERAL (SELECT CASE p.plan_no WHEN 'DRAW-T-1' THEN date '2026-03-31' ELSE date '2025-09-30' END AS due) d
       WHERE e.id % 5 IN (1, 2);
      INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, random_task_id, result, inspector_ids)
      SELECT 'DRAW-V-' || t.id, ${org['NH-JDS']}, t.entity_id, t.completed_on, t.id, 'compliant', ARRAY(SELECT id FROM inspectors ORDER BY id LIMIT 2)
        FROM random_tasks t WHERE t.task_no LIKE 'DRAW-T-%'
      UNION ALL
      SELECT 'DRAW-R-' || e.id || '-' || n, ${org['NH-JDS']}, e.id, date '2026-02-01' + n, NULL, 'compliant', ARRAY(SELECT id FROM inspectors ORDER BY id LIMIT 2)
        FROM entities e, generate_series(1, 2) n WHERE e.blacklisted AND e.id % 4 = 0;
    `);
    const c: Case = { name: 'supervision tables', params: defaultDrawParams(DATE, 0.15), scope: {}, options: { history: INSPECTION_HISTORY_SQL } };
    const candidates = await frozenCandidates(c);
    expect(candidates.filter((x) => x.lastPlanInspectionOn === '2026-03-26').length).toBeGreaterThan(0);
    expect(candidates.filter((x) => x.lastPlanInspectionOn === '2025-09-25').length).toBeGreaterThan(0);
    const strata = await numberPool(c);
    for (const seed of SEEDS) {
      const pooled = await drawFromPool(seed, strata, c.params.strata);
      expect(pooled.entities.map(({ id: _id, category: _category, ...e }) => e)).toEqual(selectEntities(seed, c.params, candidates, DRAW_ALGORITHM).entities);
      const sql = await sqlSelection(seed, c);
      expect(sql.entities.map(({ id: _id, category: _category, ...e }) => e)).toEqual(selectEntities(seed, c.params, candidates, DRAW_ALGORITHM_BY_KEYS).entities);
      // Inspected under the March plan: never drawn at random; blacklisted with two visits this year: not mandatory.
      expect(sql.entities.filter((e) => e.id % 5 === 1 && e.reason === 'random')).toEqual([]);
      expect(sql.entities.filter((e) => e.id % 20 === 0 && e.reason === 'mandatory')).toEqual([]);
    }
  });

  it('with the teams drawn in JavaScript, gives the record the pure draw gives, and the record verifies', async () => {
    const c = cases()[1];
    const staff = await inspectors();
    const candidates = await frozenCandidates(c);
    const recusals = candidates.slice(0, 40).map((x, i) => ({ uscc: x.uscc, staffNo: staff[i % staff.length].staffNo, reason: 'conflict' as const }));
    for (const algorithm of [DRAW_ALGORITHM_BY_KEYS, DRAW_ALGORITHM]) {
      const record = drawRecord(SEEDS[1], { params: c.params, candidates, inspectors: staff, recusals }, algorithm);
      const sql = algorithm === DRAW_ALGORITHM ? await drawFromPool(SEEDS[1], await numberPool(c), c.params.strata) : await sqlSelection(SEEDS[1], c);
      const { teams, unassigned } = assignInspectors(SEEDS[1], c.params, sql.entities, staff, recusals);
      expect(sql.entities.map((e) => teams.get(e.uscc) ?? []), algorithm).toEqual(record.result.entities.map((e) => e.inspectors));
      expect(unassigned).toEqual(record.result.unassigned);
      expect(record.result.entities.filter((e) => e.inspectors.length === 2).length).toBeGreaterThan(0);
      expect(verifyDraw(JSON.parse(JSON.stringify(record))).ok).toBe(true);
      expect(runDraw(SEEDS[1], record, algorithm)).toEqual(record.result);
    }
  });
});
