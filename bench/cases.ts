// Penalty-case benchmark (not a test): a million historical cases generated in SQL on a
// PostgreSQL server, then the case list with filters timed through the real routes, and
// every enforcement.* metric for one year through the metric registry, against the same
// aggregates written by hand in plain SQL.
//
//   npm run bench:cases -- [--cases 1000000] [--runs 20] [--keep]
//
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is used to create
// and drop the scratch database bench_cases.
import fs from 'node:fs';
import path from 'node:path';
import { admin, arg, scratchUrl } from './scratch';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/bootstrap';
import { buildApp } from '../src/platform/http/app';
import { MODULES } from '../src/modules';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo';
import { evaluateMetrics } from '../src/platform/metrics/registry';
import { enforcementMetrics } from '../src/modules/cases/metrics';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const DB_NAME = 'bench_cases';

const urlOf = () => scratchUrl(DB_NAME);

/**
 * A million imported historical cases over 2025–2026 in the four district organisations, as an archive looks:
 * nine in ten closed, a tenth simple procedure, one in twenty decisions major (legal review
 * submitted, a third of them not completed before the decision) and as many open major
 * cases, half of a percent transferred, most decisions published (most on time).
 */
const GENERATE = (n: number) => `
INSERT INTO penalty_cases (case_no, org_id, state, procedure_kind, source, cause, party_kind, party_name, party_code, party_address,
  lead_on, filed_on, decision_due, provision_code, tier, decided_on, decided_sanctions, decided_fine_yuan, illegal_gains_yuan,
  served_on, paid_on, paid_yuan, closed_on, major_decision, facts, legal_review_submitted_on, legal_review_completed_on, legal_review_passed,
  transferred_on, confiscated_yuan, provision_codes, published_on, publication_due, imported)
SELECT 'B' || g || '号', o.id,
       CASE WHEN g % 10 = 0 THEN 'filed' ELSE 'closed' END,
       CASE WHEN g % 10 = 1 THEN 'simple' ELSE 'general' END,
       'inspection', '案由' || (g % 50), 'organisation', '单位' || (g % 200000), '9133' || lpad((g % 200000)::text, 14, '0'), '地址',
       d - 30, CASE WHEN g % 10 = 1 THEN NULL ELSE d - 25 END, d + 65,
       (ARRAY['BHPL-99','PHYS-59','PP-35','PP-36','PP-38','OCC-71','OCC-72','WATER-26'])[1 + g % 8], 'ordinary',
       CASE WHEN g % 10 = 0 THEN NULL ELSE d END,
       CASE WHEN g % 10 = 0 THEN NULL WHEN g % 7 = 0 THEN ARRAY['warning'] WHEN g % 13 = 0 THEN ARRAY['confiscate_gains','fine','suspend'] ELSE ARRAY['warning','fine'] END,
       CASE WHEN g % 10 = 0 OR g % 7 = 0 THEN NULL ELSE 500 + (g % 97) * 100 END,
       CASE WHEN g % 13 = 0 THEN 1000 + g % 5000 ELSE NULL END,
       CASE WHEN g % 10 = 0 THEN NULL ELSE d + 3 END,
       CASE WHEN g % 10 = 0 OR g % 7 = 0 THEN NULL ELSE d + 10 END,
       CASE WHEN g % 10 = 0 OR g % 7 = 0 THEN NULL ELSE 500 + (g % 97) * 100 END,
       CASE WHEN g % 10 = 0 THEN NULL ELSE d + 12 END,
       g % 20 IN (0, 5), NULL,
       CASE WHEN g % 20 = 5 THEN d - 5 END, CASE WHEN g % 20 = 5 AND g % 60 <> 5 THEN d - 3 END, g % 20 = 5 AND g % 60 <> 5,
       CASE WHEN g % 200 = 0 THEN d - 20 END,
       CASE WHEN g % 13 = 0 AND g % 10 <> 0 THEN 1000 + g % 5000 END,
       ARRAY[(ARRAY['BHPL-99','PHYS-59','PP-35','PP-36','PP-38','OCC-71','OCC-72','WATER-26'])[1 + g % 8]],
       CASE WHEN g % 10 NOT IN (0, 3) AND g % 7 <> 0 THEN d + CASE WHEN g % 17 = 0 THEN 15 ELSE 4 END END,
       CASE WHEN g % 10 <> 0 THEN d + 9 END, true
  FROM generate_series(1, ${n}) g
  CROSS JOIN LATERAL (SELECT ('2025-01-01'::date + (g % 700))::date AS d) dd
  JOIN organizations o ON o.code = (ARRAY['NH-WJJ','NH-JDS','XZ-WJJ','XZ-JDS'])[1 + g % 4];

INSERT INTO case_events (case_id, step, from_state, to_state, user_id, at)
SELECT c.id, s.step, 'x', 'y', NULL, (c.decided_on - s.before)::timestamp AT TIME ZONE 'Asia/Shanghai'
  FROM penalty_cases c, (VALUES ('submit_legal_review', 5), ('pass_legal_review', 3), ('decide', 0)) AS s(step, before)
 WHERE c.major_decision AND c.decided_on IS NOT NULL;

INSERT INTO case_events (case_id, step, from_state, to_state, user_id, at)
SELECT c.id, 'transfer', 'filed', 'transferred', NULL, c.transferred_on::timestamp AT TIME ZONE 'Asia/Shanghai'
  FROM penalty_cases c WHERE c.transferred_on IS NOT NULL;

INSERT INTO case_publications (case_id, org_id, severity, published_on, due_on, repair_from, public_until, content, search_text)
SELECT c.id, c.org_id, 'general', c.published_on, c.publication_due, c.decided_on + 90, c.decided_on + 365, '{}'::jsonb, c.case_no
  FROM penalty_cases c WHERE c.published_on IS NOT NULL;
ANALYZE penalty_cases; ANALYZE case_events; ANALYZE case_publications;`;

/**
 * The same aggregates written directly, for the city and 2026 ($1 = path, $2/$3 = period):
 * one query over the decisions of the period for every figure drawn from them, one for
 * each other date (filing, closing, payment, transfer) and the provisions' uses.
 */
const SUBTREE = `org_id IN (SELECT id FROM organizations WHERE path LIKE $1 || '%')`;
const HAND_WRITTEN: string[] = [
  `SELECT count(*) FILTER (WHERE p), sum(decided_fine_yuan) FILTER (WHERE p), sum(confiscated_yuan) FILTER (WHERE p),
          count(*) FILTER (WHERE p AND 'warning' = ANY(decided_sanctions)), count(*) FILTER (WHERE p AND 'fine' = ANY(decided_sanctions)),
          count(*) FILTER (WHERE p AND decided_sanctions && ARRAY['confiscate_gains','confiscate_goods']),
          count(*) FILTER (WHERE p AND 'suspend' = ANY(decided_sanctions)), count(*) FILTER (WHERE p AND 'revoke_licence' = ANY(decided_sanctions)),
          count(*) FILTER (WHERE p AND 'cancel_licence' = ANY(decided_sanctions)), count(*) FILTER (WHERE p AND 'revoke_scope' = ANY(decided_sanctions)),
          count(*) FILTER (WHERE p AND 'revoke_practice_certificate' = ANY(decided_sanctions)),
          count(DISTINCT coalesce('e' || entity_id::text, 'c' || party_code, 'n' || party_name)) FILTER (WHERE p),
          count(*) FILTER (WHERE p AND major_decision), count(*) FILTER (WHERE p AND major_decision AND legal_review_submitted_on <= decided_on),
          count(*) FILTER (WHERE p AND major_decision AND legal_review_completed_on <= decided_on),
          count(*) FILTER (WHERE p AND published_on <= publication_due),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_on - filed_on) FILTER (WHERE filed_on IS NOT NULL)
     FROM (SELECT *, cardinality(decided_sanctions) > 0 AS p FROM penalty_cases WHERE decided_on BETWEEN $2 AND $3 AND ${SUBTREE}) d`,
  `SELECT count(*) FROM penalty_cases WHERE filed_on BETWEEN $2 AND $3 AND ${SUBTREE}`,
  `SELECT count(*), count(*) FILTER (WHERE procedure_kind = 'simple') FROM penalty_cases WHERE closed_on BETWEEN $2 AND $3 AND ${SUBTREE}`,
  `SELECT (SELECT sum(p.fine_yuan) FROM case_payments p JOIN penalty_cases c ON c.id = p.case_id WHERE p.paid_on BETWEEN $2 AND $3 AND c.${SUBTREE})
        + (SELECT sum(paid_yuan) FROM penalty_cases c WHERE imported AND paid_on BETWEEN $2 AND $3 AND ${SUBTREE}
            AND NOT EXISTS (SELECT 1 FROM case_payments p WHERE p.case_id = c.id))`,
  `SELECT count(*) FROM penalty_cases WHERE transferred_on BETWEEN $2 AND $3 AND ${SUBTREE}`,
  `SELECT pc, count(*) FROM penalty_cases, unnest(provision_codes) pc WHERE cardinality(decided_sanctions) > 0 AND decided_on > $3::date - 365 AND decided_on <= $3 AND decided_on >= $2::date - 365 AND ${SUBTREE} GROUP BY pc HAVING count(*) >= 3`,
];

const LIST_QUERIES: [string, string][] = [
  ['list, first page', '/api/cases'],
  ['list, page 100', '/api/cases?page=100'],
  ['filter state', '/api/cases?state=filed'],
  ['filter procedure', '/api/cases?procedure=simple'],
  ['filter provision', '/api/cases?provision=PP-38'],
  ['filter overdue', '/api/cases?overdue=true'],
  ['filter organisation', '/api/cases?orgId=9'],
  ['search party', `/api/cases?q=${encodeURIComponent('单位12345')}`],
  ['filter state + provision', '/api/cases?state=closed&provision=OCC-72'],
  ['queue: filing approval', '/api/cases?queue=filing'],
  ['open major cases', '/api/cases?majorOpen=true'],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ p50: number; p95: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    last = await fn();
    if (i >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), last };
}

async function main() {
  const n = Number(arg('cases', '1000000'));
  const runs = Number(arg('runs', '20'));
  fs.mkdirSync(OUT, { recursive: true });
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  process.env.DATABASE_URL = urlOf();
  const ctx = await createContext({ ...loadConfig(), logLevel: 'silent' });
  const lines = [`# Penalty-case benchmark (${new Date().toISOString()})`, '',
    `Command: \`npm run bench:cases -- ${process.argv.slice(2).join(' ')}\` on PostgreSQL; ${n.toLocaleString('en')} generated cases; ${runs} timed runs each after 3 warm-up runs.`, ''];
  try {
    await seedDemo(ctx.db, ctx.calendar, 0);
    const t0 = performance.now();
    await ctx.db.exec(GENERATE(n));
    console.log(`generated ${n} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = await buildApp(ctx, MODULES);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    lines.push('## Case list (as the city leader)', '', '| query | p50 ms | p95 ms | total shown |', '|---|---:|---:|---:|');
    for (const [name, url] of LIST_QUERIES) {
      const r = await timed(runs, async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        return res.json().total as number;
      });
      lines.push(`| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.last} |`);
    }
    await app.close();

    const city = (await ctx.db.one<{ id: number; path: string }>("SELECT id, path FROM organizations WHERE code = 'JX-WJW'"))!;
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const registry = await timed(runs, () => evaluateMetrics(ctx.db, enforcementMetrics, { ...period, orgId: city.id, orgPath: city.path }));
    const hand = await timed(runs, async () => { for (const q of HAND_WRITTEN) await ctx.db.query(q, [city.path, period.from, period.to]); });
    lines.push('', '## All enforcement.* metrics, city, 2026', '',
      '| | p50 ms | p95 ms |', '|---|---:|---:|',
      `| registry (${enforcementMetrics.length} metrics; those over the period's decisions in one shared query) | ${registry.p50.toFixed(1)} | ${registry.p95.toFixed(1)} |`,
      `| hand-written SQL (${HAND_WRITTEN.length} queries) | ${hand.p50.toFixed(1)} | ${hand.p95.toFixed(1)} |`,
      `| ratio (p50) | ${(registry.p50 / hand.p50).toFixed(2)} × | |`, '');
    const decisions = registry.last.find((m) => m.id === 'enforcement.penalty_decisions');
    lines.push(`Penalty decisions in 2026 (city): ${decisions?.value}.`, '');
  } finally {
    await ctx.db.close();
    if (!process.argv.includes('--keep')) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
  const report = lines.join('\n');
  fs.writeFileSync(path.join(OUT, 'cases-report.md'), report);
  console.log(`\n${report}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
