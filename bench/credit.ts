// Credit recompute benchmark (not a test): n entities of one district generated in SQL on
// a PostgreSQL server, with decided penalty cases for some (serious, general, minor by
// their fine and sanctions) and inspection visits for more, then the platform's own
// recompute of the whole district (modules/credit/service.ts recomputeOrgs: facts read a
// batch at a time, the engine per entity, evaluations upserted and changed entities
// written with their search keys, one transaction per batch), timed twice: the first run
// changes most rows, the second finds nothing to change.
//
//   npx tsx bench/credit.ts [--entities 200000] [--batch 500] [--keep]
//
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is used to create
// and drop the scratch database bench_credit.
import { admin, arg, scratchUrl } from './scratch';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/bootstrap';
import { seedDemo } from '../src/seed/demo';
import { SYSTEM_ACTOR } from '../src/platform/access/user';
import { recomputeOrgs } from '../src/modules/credit/service';

const DB_NAME = 'bench_credit';

/**
 * Entities of 南湖区 (public places 45 %, medical 20 % … as bench/generate.ts), 8 % with
 * one to three decided penalty cases in the last four years (fine and sanctions spread so
 * that the derived severities are all present), 30 % with one to four inspection visits
 * in the last two years (15 % of them non-compliant).
 */
const GENERATE = (n: number) => `
INSERT INTO entities (uscc, name, category, region_code, address, org_id, risk_class, credit_grade, blacklisted, search_keys)
SELECT '91330402' || lpad(g::text, 10, '0'), '南湖区基准' || g || '号单位',
       (ARRAY['public_place','public_place','public_place','public_place','public_place','public_place','public_place','public_place','public_place',
              'medical_institution','medical_institution','medical_institution','medical_institution',
              'water_supply','school','school','occupational','occupational','disinfection_product','radiation'])[1 + (hashint4(g) & 2147483647) % 20],
       '330402', '浙江省嘉兴市南湖区南湖路' || (g % 999) || '号', (SELECT id FROM organizations WHERE code = 'NH-JDS'), 'low', 'A', false,
       ARRAY[(hashint4(g) & 65535)::bigint]
  FROM generate_series(1, ${n}) g;

CREATE TEMP TABLE picked AS
SELECT e.id, (hashint8(e.id) & 2147483647) % 1000 AS u FROM entities e;

INSERT INTO penalty_cases (case_no, org_id, state, source, cause, entity_id, party_kind, party_name, party_address, lead_on, filed_on,
                           decided_on, decided_sanctions, decided_fine_yuan, imported)
SELECT 'BC-' || p.id || '-' || k, (SELECT id FROM organizations WHERE code = 'NH-JDS'), 'closed', 'inspection', '基准测试案件', p.id, 'organisation',
       '基准单位' || p.id, '南湖区', d - 30, d - 30, d,
       CASE p.u % 4 WHEN 0 THEN ARRAY['warning'] WHEN 1 THEN ARRAY['warning','fine'] WHEN 2 THEN ARRAY['fine'] ELSE ARRAY['fine','suspend'] END,
       CASE p.u % 4 WHEN 0 THEN 0 WHEN 1 THEN 2000 WHEN 2 THEN 150000 ELSE 20000 END, true
  FROM picked p, generate_series(1, 1 + p.u % 3) k,
       LATERAL (SELECT current_date - ((hashint8(p.id * 7 + k) & 2147483647) % 1460)::int AS d) x
 WHERE p.u < 80;

INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, result, inspector_ids)
SELECT 'BCV-' || p.id || '-' || k, (SELECT id FROM organizations WHERE code = 'NH-JDS'), p.id,
       current_date - ((hashint8(p.id * 11 + k) & 2147483647) % 730)::int,
       CASE WHEN (hashint8(p.id * 13 + k) & 2147483647) % 100 < 15 THEN 'non_compliant' ELSE 'compliant' END, ARRAY[1, 2]
  FROM picked p, generate_series(1, 1 + p.u % 4) k
 WHERE p.u BETWEEN 100 AND 399;`;

async function main() {
  const n = Number(arg('entities', '200000'));
  const batch = Number(arg('batch', '500'));
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  process.env.DATABASE_URL = scratchUrl(DB_NAME);
  const ctx = await createContext({ ...loadConfig(), logLevel: 'silent' });
  const db = ctx.db;
  try {
    await seedDemo(db, ctx.calendar, 0);
    let t = performance.now();
    await db.exec(GENERATE(n));
    await db.exec('VACUUM ANALYZE');
    const counts = (await db.one<{ cases: number; visits: number }>(
      'SELECT (SELECT count(*)::int FROM penalty_cases) AS cases, (SELECT count(*)::int FROM inspections) AS visits'))!;
    console.log(`generated ${n.toLocaleString('en')} entities, ${counts.cases.toLocaleString('en')} decided cases, ${counts.visits.toLocaleString('en')} visits in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const orgIds = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE code IN ('NH-WJJ', 'NH-JDS')`)).map((r) => r.id);
    for (const label of ['first run (most rows change)', 'second run (nothing changes)']) {
      t = performance.now();
      const r = await recomputeOrgs(db, SYSTEM_ACTOR('bench'), orgIds, null, {}, batch);
      const s = (performance.now() - t) / 1000;
      console.log(`${label}: ${r.entities.toLocaleString('en')} entities, ${r.changed.toLocaleString('en')} changed, ${r.failed} failed in ${s.toFixed(1)} s`
        + ` (${Math.round(r.entities / s).toLocaleString('en')} entities/s, batch ${batch})`);
    }
    const grades = await db.query<{ credit_grade: string; n: number }>(
      'SELECT credit_grade, count(*)::int AS n FROM entities GROUP BY credit_grade ORDER BY credit_grade');
    console.log(`grades: ${grades.map((g) => `${g.credit_grade} ${g.n.toLocaleString('en')}`).join(', ')}; listed: ${
      (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities WHERE blacklisted'))!.n.toLocaleString('en')}`);
  } finally {
    await db.close();
    if (!process.argv.includes('--keep')) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
