// The legality metrics against a small known set of items and penalty cases written with
// SQL into the test's own organisations under the demo commission JX-WJW (T-A with its
// unit T-A-SUB, T-B beside it, T-EMPTY with nothing), so the demo data cannot change a
// figure; at JX-WJW the figures grow by exactly these records. Period P: 2025-01-01 to
// 2025-03-31; dates 2025 unless a year is given; every expected figure is worked out by
// hand from the tables below.
//
// items  org      kind            submitted  reviewed   adopted    issued     market  fair competition  clean-up
// L1     T-A      major_decision  01-05      01-20      01-25      —          no      —                 —          covered
// L2     T-A      normative_doc   02-01      02-10      02-10      02-15      no      —                 —          covered (same day)
// L3     T-A-SUB  normative_doc   02-20      03-05      03-01      03-31      no      —                 —          reviewed after adoption
// L4     T-A      major_contract  —          —          03-10      —          no      —                 —          never reviewed
// L5     T-A      major_contract  2024-12-01 2024-12-10 2024-12-31 —          no      —                 —          adopted before P
// L6     T-A      major_decision  03-01      03-20      04-01      —          no      —                 —          adopted after P
// L7     T-A      other           01-10      01-15      01-20      01-25      yes     passed 01-12      —          not a mandatory kind
// L8     T-A      normative_doc   2024-12-01 2024-12-15 2024-12-20 01-01      yes     passed 01-02      —          review after issue
// L9     T-A-SUB  normative_doc   02-25      03-05      03-10      03-15      yes     failed 03-01      —
// L10    T-A      normative_doc   01-10      01-20      01-25      02-01      yes     passed 01-15      —
// L11    T-B      normative_doc   01-10      01-20      01-30      02-01      yes     —                 —
// L12    T-A      normative_doc   03-10      03-20      03-25      04-01      yes     —                 —          issued after P
// L13    T-A      normative_doc   2024-05-01 2024-05-10 2024-05-20 2024-06-01 no      —                 revised 03-31
// L14    T-A-SUB  normative_doc   2024-02-01 2024-02-10 2024-02-20 2024-03-01 no      —                 repealed 01-01
// L15    T-A      normative_doc   2024-01-01 2024-01-10 2024-01-20 2024-02-01 no      —                 retained 02-15 (not counted)
// L16    T-A      normative_doc   2023-12-01 2023-12-10 2023-12-20 2024-01-10 no      —                 repealed 2024-12-31 (before P)
// L17    T-A      normative_doc   2023-12-01 2023-12-10 2023-12-20 2024-01-15 no      —                 declared_invalid 03-20
// L18    T-B      normative_doc   2023-12-01 2023-12-10 2023-12-20 2024-01-15 no      —                 revised 02-02
//
// penalty cases (major enforcement decisions)
// C1 T-A decided 02-10, fine, major, review completed 02-05 (covered) · C2 T-A-SUB 03-31, major, completed 03-31 (covered)
// C3 T-A 01-15, major, never reviewed · C4 T-A 02-01 major but no sanction (not a penalty decision) · C5 T-A 02-01 fine, not major
// C6 T-A 2025-04-02 major (after P) · C7 T-B 02-01 major, completed 01-30 (covered)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { rebuildOrgPaths } from '../orgs/service';
import { legalityMetrics } from './metrics';

let env: TestEnv;
let legal: Client;
const org: Record<string, number> = {};
const IDS = legalityMetrics.map((m) => m.id);

type Metric = { id: string; value: number | null; numerator?: number | null; denominator?: number | null; breakdown?: Record<string, number> };

async function metrics(orgCode: string, from = '2025-01-01', to = '2025-03-31'): Promise<Record<string, Metric>> {
  const res = await legal.get(`/api/metrics?from=${from}&to=${to}&org=${orgCode}&ids=${IDS.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
}

const day = (d: string | null) => (d === null ? null : d.length === 5 ? `2025-${d}` : d);

type Item = [no: string, org: string, kind: string, submitted: string | null, reviewed: string | null, adopted: string | null, issued: string | null,
  market: boolean, fc: [string, boolean] | null, cleanup: [string, string] | null];

const ITEMS: Item[] = [
  ['L1', 'T-A', 'major_decision', '01-05', '01-20', '01-25', null, false, null, null],
  ['L2', 'T-A', 'normative_doc', '02-01', '02-10', '02-10', '02-15', false, null, null],
  ['L3', 'T-A-SUB', 'normative_doc', '02-20', '03-05', '03-01', '03-31', false, null, null],
  ['L4', 'T-A', 'major_contract', null, null, '03-10', null, false, null, null],
  ['L5', 'T-A', 'major_contract', '2024-12-01', '2024-12-10', '2024-12-31', null, false, null, null],
  ['L6', 'T-A', 'major_decision', '03-01', '03-20', '04-01', null, false, null, null],
  ['L7', 'T-A', 'other', '01-10', '01-15', '01-20', '01-25', true, ['01-12', true], null],
  ['L8', 'T-A', 'normative_doc', '2024-12-01', '2024-12-15', '2024-12-20', '01-01', true, ['01-02', true], null],
  ['L9', 'T-A-SUB', 'normative_doc', '02-25', '03-05', '03-10', '03-15', true, ['03-01', false], null],
  ['L10', 'T-A', 'normative_doc', '01-10', '01-20', '01-25', '02-01', true, ['01-15', true], null],
  ['L11', 'T-B', 'normative_doc', '01-10', '01-20', '01-30', '02-01', true, null, null],
  ['L12', 'T-A', 'normative_doc', '03-10', '03-20', '03-25', '04-01', true, null, null],
  ['L13', 'T-A', 'normative_doc', '2024-05-01', '2024-05-10', '2024-05-20', '2024-06-01', false, null, ['03-31', 'revised']],
  ['L14', 'T-A-SUB', 'normative_doc', '2024-02-01', '2024-02-10', '2024-02-20', '2024-03-01', false, null, ['01-01', 'repealed']],
  ['L15', 'T-A', 'normative_doc', '2024-01-01', '2024-01-10', '2024-01-20', '2024-02-01', false, null, ['02-15', 'retained']],
  ['L16', 'T-A', 'normative_doc', '2023-12-01', '2023-12-10', '2023-12-20', '2024-01-10', false, null, ['2024-12-31', 'repealed']],
  ['L17', 'T-A', 'normative_doc', '2023-12-01', '2023-12-10', '2023-12-20', '2024-01-15', false, null, ['03-20', 'declared_invalid']],
  ['L18', 'T-B', 'normative_doc', '2023-12-01', '2023-12-10', '2023-12-20', '2024-01-15', false, null, ['02-02', 'revised']],
];

type Case = [no: string, org: string, decided: string, sanctions: string[], major: boolean, reviewed: string | null];
const CASES: Case[] = [
  ['C1', 'T-A', '02-10', ['fine'], true, '02-05'],
  ['C2', 'T-A-SUB', '03-31', ['fine'], true, '03-31'],
  ['C3', 'T-A', '01-15', ['warning'], true, null],
  ['C4', 'T-A', '02-01', [], true, '01-20'],
  ['C5', 'T-A', '02-01', ['fine'], false, '01-20'],
  ['C6', 'T-A', '04-02', ['fine'], true, '03-30'],
  ['C7', 'T-B', '02-01', ['fine'], true, '01-30'],
];

let cityBefore: Record<string, Metric>;

beforeAll(async () => {
  env = await setupTestEnv();
  for (const [code, parent] of [['T-A', 'JX-WJW'], ['T-A-SUB', 'T-A'], ['T-B', 'JX-WJW'], ['T-EMPTY', 'JX-WJW']]) {
    await env.db.query(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind) VALUES ($1, $2, (SELECT id FROM organizations WHERE code = $3), '', '330400', 'commission')`,
      [code, `测试机构${code}`, parent]);
  }
  await rebuildOrgPaths(env.db);
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  legal = await env.as('legal');
  cityBefore = await metrics('JX-WJW');

  for (const [no, o, kind, submitted, reviewed, adopted, issued, market, fc, cleanup] of ITEMS) {
    await env.db.query(
      `INSERT INTO legality_items (item_no, org_id, kind, title, submitted_on, reviewed_on, review_result, adopted_on, doc_number, issued_on, touches_market,
         fair_competition_reviewed_on, fair_competition_passed, cleaned_on, cleanup_action)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [`T-${no}`, org[o], kind, `测试事项${no}`, day(submitted), day(reviewed), reviewed ? 'passed' : null, day(adopted), issued ? `测规〔2025〕${no}号` : null, day(issued), market,
        fc ? day(fc[0]) : null, fc ? fc[1] : null, cleanup ? day(cleanup[0]) : null, cleanup ? cleanup[1] : null]);
  }
  for (const [no, o, decided, sanctions, major, reviewed] of CASES) {
    await env.db.query(
      `INSERT INTO penalty_cases (case_no, org_id, state, source, cause, party_kind, party_name, party_address, lead_on, decided_on, decided_sanctions, major_decision,
         legal_review_completed_on)
       VALUES ($1, $2, 'decided', 'inspection', '测试案由', 'organisation', '测试单位', '测试地址', '2025-01-01', $3, $4::text[], $5, $6)`,
      [`T-${no}`, org[o], day(decided), sanctions, major, day(reviewed)]);
  }
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('legality metrics, hand-computed', () => {
  it('are registered with the ids and names of metrics.md', async () => {
    const res = await legal.get('/api/metrics/definitions');
    expect(res.statusCode).toBe(200);
    const defs = Object.fromEntries((res.json() as { id: string; name: string }[]).map((d) => [d.id, d.name]));
    expect(defs['review.coverage']).toBe('合法性审查覆盖率');
    expect(defs['review.fair_competition_rate']).toBe('公平竞争审查率');
    expect(defs['normative_docs.issued']).toBe('规范性文件制发数');
    expect(defs['normative_docs.cleaned']).toBe('清理文件数');
  });

  it('T-A and its unit: coverage over all four kinds (the major enforcement decisions from the penalty cases), fair competition, issued, cleaned', async () => {
    const m = await metrics('T-A');
    // L1, L2, L9, L10, L12 covered, L3 and L4 not; C1, C2 covered, C3 not: 7 of 10.
    expect(m['review.coverage']).toMatchObject({ numerator: 7, denominator: 10, value: 0.7 });
    expect(m['review.coverage'].breakdown).toEqual({ major_decision: 1, normative_doc: 4, major_enforcement_decision: 2, major_contract: 0 });
    // L7 and L10 passed before issue; L8 reviewed after issue, L9 failed: 2 of 4.
    expect(m['review.fair_competition_rate']).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    // L2, L3, L8 (01-01), L9, L10; L12 issued 04-01 is not in P.
    expect(m['normative_docs.issued'].value).toBe(5);
    // L13 revised 03-31, L14 repealed 01-01, L17 declared invalid; L15 retained does not count, L16 before P.
    expect(m['normative_docs.cleaned']).toMatchObject({ value: 3, breakdown: { revised: 1, repealed: 1, declared_invalid: 1 } });
  });

  it('the unit alone counts only its own records', async () => {
    const m = await metrics('T-A-SUB');
    // L9 and C2 covered, L3 reviewed after adoption: 2 of 3.
    expect(m['review.coverage']).toMatchObject({ numerator: 2, denominator: 3 });
    expect(m['review.coverage'].breakdown).toEqual({ major_decision: 0, normative_doc: 1, major_enforcement_decision: 1, major_contract: 0 });
    expect(m['review.fair_competition_rate']).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(m['normative_docs.issued'].value).toBe(2);
    expect(m['normative_docs.cleaned']).toMatchObject({ value: 1, breakdown: { revised: 0, repealed: 1, declared_invalid: 0 } });
  });

  it('the period is inclusive at both ends: a day in from either end drops the boundary records', async () => {
    const m = await metrics('T-A', '2025-01-02', '2025-03-30');
    // C2 (03-31) leaves the coverage: L1, L2, L9, L10, L12, C1 of those 7 items and C1, C3.
    expect(m['review.coverage']).toMatchObject({ numerator: 6, denominator: 9 });
    // L8 (01-01) and L3 (03-31) leave the issued documents; L8 leaves the fair-competition base.
    expect(m['normative_docs.issued'].value).toBe(3);
    expect(m['review.fair_competition_rate']).toMatchObject({ numerator: 2, denominator: 3 });
    // L14 (01-01) and L13 (03-31) leave the clean-up.
    expect(m['normative_docs.cleaned']).toMatchObject({ value: 1, breakdown: { revised: 0, repealed: 0, declared_invalid: 1 } });
  });

  it('nothing to count: ratios are null, counts 0', async () => {
    const m = await metrics('T-EMPTY');
    expect(m['review.coverage']).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(m['review.coverage'].breakdown).toEqual({ major_decision: 0, normative_doc: 0, major_enforcement_decision: 0, major_contract: 0 });
    expect(m['review.fair_competition_rate']).toMatchObject({ value: null, denominator: 0 });
    expect(m['normative_docs.issued'].value).toBe(0);
    expect(m['normative_docs.cleaned'].value).toBe(0);
  });

  it('the city grows by exactly the fixture (T-A subtree and T-B)', async () => {
    const after = await metrics('JX-WJW');
    const d = (id: string, col: 'numerator' | 'denominator' | 'value') => (after[id][col] ?? 0) - (cityBefore[id][col] ?? 0);
    // T-B adds L11 and C7, both covered.
    expect(d('review.coverage', 'numerator')).toBe(9);
    expect(d('review.coverage', 'denominator')).toBe(12);
    expect(after['review.coverage'].breakdown!.major_enforcement_decision - cityBefore['review.coverage'].breakdown!.major_enforcement_decision).toBe(3);
    // T-B adds L11, issued without fair-competition review.
    expect(d('review.fair_competition_rate', 'numerator')).toBe(2);
    expect(d('review.fair_competition_rate', 'denominator')).toBe(5);
    expect(d('normative_docs.issued', 'value')).toBe(6);
    expect(d('normative_docs.cleaned', 'value')).toBe(4);
    const b = after['normative_docs.cleaned'].breakdown!;
    expect(b.revised + b.repealed + b.declared_invalid).toBe(after['normative_docs.cleaned'].value);
  });

  it('the major enforcement decisions count exactly as enforcement.major.review_rate counts them', async () => {
    const res = await legal.get('/api/metrics?from=2025-01-01&to=2025-03-31&org=T-A&ids=enforcement.major.review_rate,review.coverage');
    const byId = Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
    expect(byId['enforcement.major.review_rate']).toMatchObject({ numerator: 2, denominator: 3 });
    expect(byId['review.coverage'].breakdown!.major_enforcement_decision).toBe(byId['enforcement.major.review_rate'].numerator);
  });
});
