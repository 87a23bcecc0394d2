// Every figure of the dashboard (and the annual report) links to the list of the records
// behind it: recordsLink() builds the URL, the list page turns its from/to/org/overdue into
// its own filters (useRecordLinkFilters) and calls its list API. These tests follow that
// path on the API: the list opened from a count shows as many records as the figure.
//
// The registers and legality figures are checked against a small known set of records
// written with SQL into the test's own organisations under the demo commission JX-WJW
// (K-A with its unit K-A-1, K-B beside it), so the demo data cannot change their counts.
// Period P: 2025-01-01 to 2025-03-31; dates 2025 unless a year is given.
//
// publications  Q1 K-A 01-01 · Q2 K-A-1 03-31 · Q3 K-A 2024-12-31 (before P) · Q4 K-A 04-01 (after) · Q5 K-B 02-01 · Q6 K-A 02-10
//               K-A in P: Q1 Q2 Q6 = 3
// trainings     T1 K-A 01-15 · T2 K-A-1 03-31 · T3 K-B 02-01 · T4 K-A 04-01 (after)                K-A in P: T1 T2 = 2
// activities    A1 K-A 02-01 · A2 K-A-1 2024-12-31 (before) · A3 K-A-1 03-01 · A4 K-B 03-01           K-A in P: A1 A3 = 2
// duties 2025   D1 K-A · D2 K-A-1 · D3 K-B; 2024: D4 K-A                                              K-A, 2025: D1 D2 = 2
//
// legality items  org    kind            reviewed    adopted     issued      market  clean-up
// N1              K-A    normative_doc   2024-12-10  2024-12-20  01-01       yes     —
// N2              K-A-1  normative_doc   03-10       03-20       03-31       no      —
// N3              K-A    normative_doc   03-20       03-25       04-01       no      —
// N4              K-B    normative_doc   01-20       01-25       02-01       yes     —
// N5              K-A    other           01-20       01-25       02-01       yes     —
// N6              K-A    normative_doc   2024-05-10  2024-05-20  2024-06-01  no      revised 02-01
// N7              K-A-1  normative_doc   2024-05-10  2024-05-20  2024-06-01  no      repealed 03-31
// N8              K-A    normative_doc   2024-05-10  2024-05-20  2024-06-01  no      retained 02-01 (not counted)
// N9              K-A    normative_doc   2024-05-10  2024-05-20  2024-06-01  no      declared_invalid 2024-12-31 (before P)
// M1              K-A    major_decision  01-05       01-10       —           no      —
// M2              K-A-1  major_contract  —           03-31       —           no      —
// M3              K-A    other           —           02-01       —           no      —           (not a mandatory kind)
// M4              K-A    major_decision  03-30       04-01       —           no      —           (after P)
// penalty cases: C1 K-A major fine 02-10 · C2 K-A-1 major warning 03-31 · C3 K-A major without sanction 02-01 ·
//                C4 K-A fine not major 02-01 · C5 K-B major fine 02-01 · C6 K-A major fine 04-01
//
// K-A in P: normative_docs.issued N1 N2 = 2; .cleaned N6 N7 = 2; review.fair_competition_rate's base N1 N5 = 2;
//           review.coverage's base: items adopted N2 N3 M1 M2 = 4 and major enforcement decisions C1 C2 = 2, 6 in all.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import { recordsLink } from '../../web/lib/recordLinks';
import { METRIC_REGISTRY } from '../metrics/definitions';
import { rebuildOrgPaths } from '../orgs/service';

let env: TestEnv;
const org: Record<string, number> = {};
const today = todayInChina();
const year = today.slice(0, 4);
beforeAll(async () => {
  env = await setupTestEnv();
  for (const [code, parent] of [['K-A', 'JX-WJW'], ['K-A-1', 'K-A'], ['K-B', 'JX-WJW']]) {
    await env.db.query(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind) VALUES ($1, $2, (SELECT id FROM organizations WHERE code = $3), '', '330400', 'commission')`,
      [code, `链接测试机构${code}`, parent]);
  }
  await rebuildOrgPaths(env.db);
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  await seedFixture();
}, 120_000);
afterAll(async () => { await env?.close(); });

const day = (d: string | null) => (d === null ? null : d.length === 5 ? `2025-${d}` : d);

async function seedFixture(): Promise<void> {
  const registers: [table: string, noColumn: string, dateColumn: string, type: string, rows: [string, string, string][]][] = [
    ['publications', 'publication_no', 'published_on', "'website'",
      [['Q1', 'K-A', '01-01'], ['Q2', 'K-A-1', '03-31'], ['Q3', 'K-A', '2024-12-31'], ['Q4', 'K-A', '04-01'], ['Q5', 'K-B', '02-01'], ['Q6', 'K-A', '02-10']]],
    ['trainings', 'training_no', 'held_on', "'law_study'", [['T1', 'K-A', '01-15'], ['T2', 'K-A-1', '03-31'], ['T3', 'K-B', '02-01'], ['T4', 'K-A', '04-01']]],
    ['popularization_activities', 'activity_no', 'held_on', "'campaign'", [['A1', 'K-A', '02-01'], ['A2', 'K-A-1', '2024-12-31'], ['A3', 'K-A-1', '03-01'], ['A4', 'K-B', '03-01']]],
  ];
  for (const [table, noColumn, dateColumn, type, rows] of registers) {
    const [typeColumn, more, value] = table === 'publications' ? ['channel', '', ''] : ['kind', ', participants', ', 10'];
    for (const [no, o, d] of rows) {
      await env.db.query(`INSERT INTO ${table} (${noColumn}, org_id, ${dateColumn}, ${typeColumn}, title${more}) VALUES ($1, $2, $3, ${type}, $4${value})`,
        [`LK-${no}`, org[o], day(d), `链接测试${no}`]);
    }
  }
  for (const [o, y, duty] of [['K-A', 2025, 'D1'], ['K-A-1', 2025, 'D2'], ['K-B', 2025, 'D3'], ['K-A', 2024, 'D4']] as const) {
    await env.db.query('INSERT INTO popularization_duties (org_id, year, duty) VALUES ($1, $2, $3)', [org[o], y, `链接测试职责${duty}`]);
  }
  type Item = [no: string, org: string, kind: string, reviewed: string | null, adopted: string | null, issued: string | null, market: boolean, cleanup: [string, string] | null];
  const items: Item[] = [
    ['N1', 'K-A', 'normative_doc', '2024-12-10', '2024-12-20', '01-01', true, null],
    ['N2', 'K-A-1', 'normative_doc', '03-10', '03-20', '03-31', false, null],
    ['N3', 'K-A', 'normative_doc', '03-20', '03-25', '04-01', false, null],
    ['N4', 'K-B', 'normative_doc', '01-20', '01-25', '02-01', true, null],
    ['N5', 'K-A', 'other', '01-20', '01-25', '02-01', true, null],
    ['N6', 'K-A', 'normative_doc', '2024-05-10', '2024-05-20', '2024-06-01', false, ['02-01', 'revised']],
    ['N7', 'K-A-1', 'normative_doc', '2024-05-10', '2024-05-20', '2024-06-01', false, ['03-31', 'repealed']],
    ['N8', 'K-A', 'normative_doc', '2024-05-10', '2024-05-20', '2024-06-01', false, ['02-01', 'retained']],
    ['N9', 'K-A', 'normative_doc', '2024-05-10', '2024-05-20', '2024-06-01', false, ['2024-12-31', 'declared_invalid']],
    ['M1', 'K-A', 'major_decision', '01-05', '01-10', null, false, null],
    ['M2', 'K-A-1', 'major_contract', null, '03-31', null, false, null],
    ['M3', 'K-A', 'other', null, '02-01', null, false, null],
    ['M4', 'K-A', 'major_decision', '03-30', '04-01', null, false, null],
  ];
  for (const [no, o, kind, reviewed, adopted, issued, market, cleanup] of items) {
    await env.db.query(
      `INSERT INTO legality_items (item_no, org_id, kind, title, submitted_on, reviewed_on, review_result, adopted_on, issued_on, touches_market, cleaned_on, cleanup_action)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11)`,
      [`LK-${no}`, org[o], kind, `链接测试事项${no}`, day(reviewed), reviewed ? 'passed' : null, day(adopted), day(issued), market,
        cleanup ? day(cleanup[0]) : null, cleanup ? cleanup[1] : null]);
  }
  for (const [no, o, decided, sanctions, major] of [
    ['C1', 'K-A', '02-10', ['fine'], true], ['C2', 'K-A-1', '03-31', ['warning'], true], ['C3', 'K-A', '02-01', [], true],
    ['C4', 'K-A', '02-01', ['fine'], false], ['C5', 'K-B', '02-01', ['fine'], true], ['C6', 'K-A', '04-01', ['fine'], true],
  ] as const) {
    await env.db.query(
      `INSERT INTO penalty_cases (case_no, org_id, state, source, cause, party_kind, party_name, party_address, lead_on, decided_on, decided_sanctions, major_decision)
       VALUES ($1, $2, 'decided', 'inspection', '链接测试案由', 'organisation', '链接测试单位', '测试地址', '2025-01-01', $3, $4::text[], $5)`,
      [`LK-${no}`, org[o], day(decided), [...sanctions], major]);
  }
}

/** The list API call a page makes when opened at `link` (what useRecordLinkFilters and the page do, for the pages tested here). */
function listApiOf(link: string): string {
  const [path, query] = link.split('?') as [string, string];
  const p = new URLSearchParams(query);
  const out = new URLSearchParams();
  const periodKeys: Record<string, [string, string]> = { '/licensing/applications': ['concludedFrom', 'concludedTo'] };
  const [fromKey, toKey] = periodKeys[path] ?? ['from', 'to'];
  for (const [k, v] of p) {
    if (k === 'org') out.set('orgId', String(org[v]));
    else if (path === '/registers/duties' && (k === 'from' || k === 'to')) { if (k === 'from') out.set('year', v.slice(0, 4)); }
    else if (k === 'from') out.set(fromKey, v);
    else if (k === 'to') out.set(toKey, v);
    else out.set(k, v);
  }
  // The normative documents page lists that kind only, its period on the issue date unless the clean-up date is chosen.
  if (path === '/legality/normative-docs') {
    out.set('kind', 'normative_doc');
    if (out.get('dateField') !== 'cleaned') out.set('dateField', 'issued');
  }
  out.set('pageSize', '1');
  const api = path === '/cases' ? '/api/cases' : path.startsWith('/legality/') ? '/api/legality/items' : `/api${path}`;
  return `${api}?${out.toString()}`;
}

async function metricOf(id: string, orgCode: string, from = `${year}-01-01`, to = today) {
  const c = await env.as('leader');
  const res = await c.get(`/api/metrics?${new URLSearchParams({ from, to, org: orgCode, ids: id }).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().metrics[0] as { id: string; value: number | null; numerator?: number | null; denominator?: number | null };
}

async function metricValue(id: string, orgCode: string): Promise<number | null> {
  return (await metricOf(id, orgCode)).value;
}

/** The list the figure links to, opened as its page opens it. */
async function listFromFigure(c: Client, id: string, q: { from: string; to: string; org: string }) {
  const link = recordsLink(id, q)!;
  expect(link, id).not.toBeNull();
  const res = await c.get(listApiOf(link));
  expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
  return res.json() as { total: number; majorEnforcementDecisions?: number | null };
}

describe('recordsLink', () => {
  it('links every served metric family with a list page, with the period and organisation', () => {
    const q = { from: '2026-01-01', to: '2026-06-30', org: 'NH-WJJ' };
    expect(recordsLink('hotline.calls.total', q)).toBe('/matters/hotline?from=2026-01-01&to=2026-06-30&org=NH-WJJ');
    expect(recordsLink('petitions.on_time_rate', q)).toMatch(/^\/matters\/petition\?/);
    expect(recordsLink('disclosure.requests.total', q)).toMatch(/^\/matters\/disclosure\?/);
    expect(recordsLink('proposals.total', q)).toMatch(/^\/matters\/proposal\?/);
    expect(recordsLink('oversight.procuratorial_suggestions', q)).toMatch(/^\/matters\/suggestions\?/);
    expect(recordsLink('licensing.online.count', q)).toBe('/licensing/applications?from=2026-01-01&to=2026-06-30&org=NH-WJJ&channel=online');
    expect(recordsLink('licensing.catalogue.items', q)).toBe('/licensing/catalogue?org=NH-WJJ');
    expect(recordsLink('inspection.random.tasks.assigned', q)).toMatch(/^\/inspections\/tasks\?/);
    expect(recordsLink('inspection.credit_applied_rate', q)).toMatch(/^\/inspections\/plans\?/);
    expect(recordsLink('inspection.visits.total', q)).toMatch(/^\/inspections\/visits\?/);
    expect(recordsLink('enforcement.cases.opened', q)).toBe('/cases?from=2026-01-01&to=2026-06-30&org=NH-WJJ&dateOf=filed');
    expect(recordsLink('enforcement.penalty_decisions', q)).toContain('dateOf=decided');
    expect(recordsLink('staff.inspectors.active', q)).toBe('/inspectors?org=NH-WJJ');
    // The registers and legality pages other modules add.
    expect(recordsLink('disclosure.proactive.count', q)).toBe('/registers/publications?from=2026-01-01&to=2026-06-30&org=NH-WJJ');
    expect(recordsLink('training.sessions', q)).toMatch(/^\/registers\/trainings\?/);
    expect(recordsLink('popularization.activities', q)).toMatch(/^\/registers\/activities\?/);
    expect(recordsLink('popularization.participants', q)).toMatch(/^\/registers\/activities\?/);
    expect(recordsLink('review.coverage', q)).toBe('/legality/reviews?from=2026-01-01&to=2026-06-30&org=NH-WJJ&dateField=adopted&mandatory=1');
    expect(recordsLink('review.fair_competition_rate', q)).toBe('/legality/reviews?from=2026-01-01&to=2026-06-30&org=NH-WJJ&dateField=issued&touchesMarket=1');
    expect(recordsLink('normative_docs.issued', q)).toBe('/legality/normative-docs?from=2026-01-01&to=2026-06-30&org=NH-WJJ&dateField=issued');
    expect(recordsLink('normative_docs.cleaned', q)).toBe('/legality/normative-docs?from=2026-01-01&to=2026-06-30&org=NH-WJJ&dateField=cleaned&cleanupAction=not_retained');
    expect(recordsLink('review.other', q)).toMatch(/^\/legality\/reviews\?/);
    expect(recordsLink('no.such.metric', q)).toBeNull();
    expect(recordsLink('disclosure.other', q)).toBeNull();
    expect(recordsLink('', q)).toBeNull();
    // Every metric served today has a list page.
    for (const d of METRIC_REGISTRY.all) expect(recordsLink(d.id, q), d.id).not.toBeNull();
  });

  it('opens lists that show as many records as the counts they come from', async () => {
    const c = await env.as('leader');
    for (const [id, orgCode] of [
      ['hotline.calls.total', 'JX-WJW'], ['petitions.total', 'JX-WJW'], ['disclosure.requests.total', 'JX-WJW'],
      ['licensing.applications.total', 'JX-WJW'], ['licensing.online.count', 'JX-WJW'], ['hotline.calls.total', 'XZ-WJJ'],
    ] as const) {
      const link = recordsLink(id, { from: `${year}-01-01`, to: today, org: orgCode })!;
      const res = await c.get(listApiOf(link));
      expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
      const value = await metricValue(id, orgCode);
      expect(value, id).toBeGreaterThan(0);
      expect(res.json().total, `${id} ${orgCode}`).toBe(value);
    }
  });
});

describe('matter figures placed by a date other than receipt', () => {
  it('open the list with the period on that date, showing the figure (or the ratio base) as its count', async () => {
    const c = await env.as('leader');
    const q = { from: `${Number(year) - 1}-01-01`, to: today, org: 'JX-WJW' };
    const counts: number[] = [];
    for (const [id, part] of [
      ['mediation.accepted', 'value'], ['mediation.concluded', 'value'], ['mediation.withdrawn_after_explanation', 'value'],
      ['proposals.on_time_rate', 'denominator'], ['reconsideration.correction_rate', 'denominator'],
      ['litigation.loss_rate', 'denominator'], ['litigation.head_appearance_rate', 'denominator'],
    ] as const) {
      const m = await metricOf(id, 'JX-WJW', q.from, q.to);
      const link = recordsLink(id, q)!;
      const listed = (await listFromFigure(c, id, q)).total;
      if (id !== 'mediation.concluded' && id !== 'mediation.withdrawn_after_explanation') expect(listed, link).toBe(m[part]);
      else expect(listed, link).toBeGreaterThanOrEqual(m[part]!); // the list holds every mediation closed, whatever the outcome
      counts.push(listed);
    }
    expect(counts.some((n) => n > 0)).toBe(true);
    // Random-inspection tasks: by due date for the tasks assigned, by completion date for the figures of tasks completed.
    for (const [id, part] of [['inspection.random.tasks.assigned', 'value'], ['inspection.random.tasks.completion_rate', 'denominator'],
      ['inspection.joint_random_rate', 'denominator'], ['inspection.results_published_on_time_rate', 'denominator']] as const) {
      const m = await metricOf(id, 'JX-WJW', q.from, q.to);
      expect(m[part], id).toBeGreaterThan(0);
      expect((await listFromFigure(c, id, q)).total, id).toBe(m[part]);
    }
    expect(recordsLink('disclosure.requests.answer_rate', q)).toContain('dateOf=due');
    expect(recordsLink('litigation.head_appearance_rate', q)).toContain('dateOf=hearing');
    expect((await c.get('/api/matters/petition?dateOf=paid')).statusCode).toBe(400);
  });

  it('the concluded date: a matter received before the period and concluded in it is listed, one concluded after is not', async () => {
    const c = await env.as('leader');
    const row = await env.db.one<{ received_on: string; concluded_on: string; kind: string }>(
      `SELECT received_on::text, concluded_on::text, kind FROM matters WHERE concluded_on > received_on ORDER BY id LIMIT 1`);
    expect(row).toBeDefined();
    const ids = async (qs: string) => (await c.get(`/api/matters/${row!.kind}?${qs}&pageSize=1`)).json().total as number;
    const onConcluded = await ids(`dateOf=concluded&from=${row!.concluded_on}&to=${row!.concluded_on}`);
    const expected = (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM matters WHERE kind = $1 AND concluded_on = $2`, [row!.kind, row!.concluded_on]))!.n;
    expect(onConcluded).toBe(expected);
    const onReceived = await ids(`from=${row!.concluded_on}&to=${row!.concluded_on}`);
    expect(onReceived).toBe((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM matters WHERE kind = $1 AND received_on = $2`, [row!.kind, row!.concluded_on]))!.n);
  });
});

describe('list filters the links use', () => {
  it('matters: the organisation filter takes the organisation with everything under it', async () => {
    const c = await env.as('leader');
    const m = await env.db.one<{ id: number }>(`SELECT id FROM matters WHERE kind = 'hotline' AND org_id = $1 LIMIT 1`, [org['NH-JDS']]);
    const id = m?.id ?? (await env.db.one<{ id: number }>(
      `UPDATE matters SET org_id = $1 WHERE id = (SELECT id FROM matters WHERE kind = 'hotline' ORDER BY id LIMIT 1) RETURNING id`, [org['NH-JDS']]))!.id;
    const list = await c.get(`/api/matters/hotline?orgId=${org['NH-WJJ']}&pageSize=100`);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json().rows as { id: number }[]).some((r) => r.id === id)).toBe(true);
  });

  it('suggestions: received between and organisation (with everything under it)', async () => {
    const c = await env.as('legal');
    const created = await c.post('/api/matters/suggestions', {
      orgId: org['XZ-JDS'], kind: 'procuratorial', issuer: '秀洲区人民检察院', receivedOn: today, dueOn: null, summary: '关于加强医疗废物监管的检察建议',
    });
    expect(created.statusCode, created.body).toBe(200);
    const ids = async (q: string) => ((await c.get(`/api/matters/suggestions?${q}&pageSize=100`)).json().rows as { id: number }[]).map((r) => r.id);
    const id = created.json().id as number;
    expect(await ids(`from=${today}&to=${today}&orgId=${org['XZ-WJJ']}`)).toContain(id);
    expect(await ids(`from=${today}&to=${today}&orgId=${org['NH-WJJ']}`)).not.toContain(id);
    if (today !== `${year}-01-01`) expect(await ids(`from=${year}-01-01&to=${year}-01-01`)).not.toContain(id);
    // The list opened from the figure shows the figure's count.
    const link = recordsLink('oversight.procuratorial_suggestions', { from: `${year}-01-01`, to: today, org: 'JX-WJW' })!;
    const total = (await c.get(listApiOf(link))).json().total;
    expect(total).toBe(await metricValue('oversight.procuratorial_suggestions', 'JX-WJW'));
    expect((await c.get(`/api/matters/suggestions?from=2026-13-01`)).statusCode).toBe(400);
  });

  it('penalty cases: a period on the lead, filing, decision or closing date', async () => {
    const c = await env.as('inspector1');
    const leadOn = `${year}-01-02` <= today ? `${year}-01-02` : today;
    const created = await c.post('/api/cases', {
      orgId: org['NH-JDS'], source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', partyKind: 'person', partyName: '张三',
      partyAddress: '嘉兴市南湖区某路1号', leadOn, entityId: null,
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    const leader = await env.as('leader');
    const ids = async (q: string) => {
      const res = await leader.get(`/api/cases?${q}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().rows as { id: number }[]).map((r) => r.id);
    };
    expect(await ids(`from=${leadOn}&to=${leadOn}`)).toContain(id);
    expect(await ids(`from=${leadOn}&to=${leadOn}&dateOf=lead&orgId=${org['NH-WJJ']}`)).toContain(id);
    expect(await ids(`from=${leadOn}&to=${leadOn}&orgId=${org['XZ-WJJ']}`)).not.toContain(id);
    // Not filed, decided or closed: no period on those dates finds it.
    for (const dateOf of ['filed', 'decided', 'closed']) expect(await ids(`from=${year}-01-01&to=${today}&dateOf=${dateOf}`)).not.toContain(id);
    expect((await leader.get('/api/cases?dateOf=paid')).statusCode).toBe(400);
  });
});

describe('registers and legality: the lists opened from a figure show the figure count', () => {
  const P = { from: '2025-01-01', to: '2025-03-31' };

  it('every link goes to a page of the side menu (src/web/nav.tsx)', async () => {
    const nav = fs.readFileSync(new URL('../../web/nav.tsx', import.meta.url), 'utf8');
    const paths = new Set([...nav.matchAll(/path: '([^']+)'/g)].map((m) => m[1]));
    // The matter families' pages are one route per kind: path: `/matters/${kind}`.
    const matterKinds = nav.includes('path: `/matters/${kind}`');
    for (const d of METRIC_REGISTRY.all) {
      const path = recordsLink(d.id, { ...P, org: 'JX-WJW' })!.split('?')[0]!;
      expect(paths.has(path) || (matterKinds && /^\/matters\/[a-z_]+$/.test(path)), `${d.id} → ${path}`).toBe(true);
    }
  });

  it('publications, trainings and activities: the period on the publication or held date, the organisation with everything under it', async () => {
    const c = await env.as('leader');
    const expected: [string, string, number][] = [
      ['disclosure.proactive.count', 'K-A', 3], ['disclosure.proactive.count', 'K-A-1', 1], ['disclosure.proactive.count', 'K-B', 1],
      ['training.sessions', 'K-A', 2], ['training.sessions', 'K-B', 1],
      ['popularization.activities', 'K-A', 2], ['popularization.activities', 'K-A-1', 1],
    ];
    for (const [id, orgCode, n] of expected) {
      const m = await metricOf(id, orgCode, P.from, P.to);
      expect(m.value, `${id} ${orgCode}`).toBe(n);
      expect((await listFromFigure(c, id, { ...P, org: orgCode })).total, `${id} ${orgCode}`).toBe(n);
    }
    // A single day at either end of the period: the boundaries are inclusive in both.
    for (const [from, to, n] of [['2025-03-31', '2025-03-31', 1], ['2024-12-31', '2024-12-31', 1], ['2025-04-01', '2025-04-01', 1]] as const) {
      expect((await metricOf('disclosure.proactive.count', 'K-A', from, to)).value).toBe(n);
      expect((await listFromFigure(c, 'disclosure.proactive.count', { from, to, org: 'K-A' })).total).toBe(n);
    }
  });

  it('normative documents issued, and cleaned (revised, repealed or declared invalid; 继续有效 is not counted)', async () => {
    const c = await env.as('leader');
    for (const [id, orgCode, n] of [
      ['normative_docs.issued', 'K-A', 2], ['normative_docs.issued', 'K-A-1', 1], ['normative_docs.issued', 'K-B', 1],
      ['normative_docs.cleaned', 'K-A', 2], ['normative_docs.cleaned', 'K-A-1', 1], ['normative_docs.cleaned', 'K-B', 0],
    ] as const) {
      expect((await metricOf(id, orgCode, P.from, P.to)).value, `${id} ${orgCode}`).toBe(n);
      expect((await listFromFigure(c, id, { ...P, org: orgCode })).total, `${id} ${orgCode}`).toBe(n);
    }
    // The clean-up filter's own values: retained alone (N8), and every result of the period (N6 N7 N8).
    const cleaned = async (q: string) => (await c.get(`/api/legality/items?kind=normative_doc&dateField=cleaned&from=${P.from}&to=${P.to}&orgId=${org['K-A']}&${q}`)).json().total;
    expect(await cleaned('cleanupAction=retained')).toBe(1);
    expect(await cleaned('cleanupAction=not_retained')).toBe(2);
    expect(await cleaned('pageSize=1')).toBe(3);
    const bad = await c.get('/api/legality/items?cleanupAction=kept');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('清理结果应为');
  });

  it('fair competition: the market-touching items issued in the period are the ratio base', async () => {
    const c = await env.as('leader');
    const m = await metricOf('review.fair_competition_rate', 'K-A', P.from, P.to);
    expect(m.denominator).toBe(2); // N1, N5
    expect((await listFromFigure(c, 'review.fair_competition_rate', { ...P, org: 'K-A' })).total).toBe(2);
  });

  it('review coverage: the items of the mandatory kinds adopted in the period, and the major enforcement decisions beside them', async () => {
    const c = await env.as('leader');
    const m = await metricOf('review.coverage', 'K-A', P.from, P.to);
    expect(m.denominator).toBe(6);
    const list = await listFromFigure(c, 'review.coverage', { ...P, org: 'K-A' });
    expect(list.total).toBe(4); // N2 N3 M1 M2
    expect(list.majorEnforcementDecisions).toBe(2); // C1 C2
    expect(list.total + list.majorEnforcementDecisions!).toBe(m.denominator);
    const unit = await listFromFigure(c, 'review.coverage', { ...P, org: 'K-A-1' });
    expect([unit.total, unit.majorEnforcementDecisions]).toEqual([2, 1]); // N2 M2; C2
    expect(unit.total + unit.majorEnforcementDecisions!).toBe((await metricOf('review.coverage', 'K-A-1', P.from, P.to)).denominator);
    // Without the mandatory kinds or on another date, the list holds no count of penalty decisions.
    const other = (await c.get(`/api/legality/items?dateField=adopted&from=${P.from}&to=${P.to}&orgId=${org['K-A']}`)).json();
    expect(other.total).toBe(6); // and N5, M3, of kind 其他
    expect(other.majorEnforcementDecisions).toBeNull();
  });

  it('at the city, with the demo data, every list shows its figure', async () => {
    const c = await env.as('leader');
    const q = { from: `${Number(year) - 1}-01-01`, to: today, org: 'JX-WJW' };
    for (const id of ['disclosure.proactive.count', 'training.sessions', 'popularization.activities', 'normative_docs.issued', 'normative_docs.cleaned']) {
      const m = await metricOf(id, 'JX-WJW', q.from, q.to);
      expect((await listFromFigure(c, id, q)).total, id).toBe(m.value);
    }
    const coverage = await listFromFigure(c, 'review.coverage', q);
    expect(coverage.total + coverage.majorEnforcementDecisions!).toBe((await metricOf('review.coverage', 'JX-WJW', q.from, q.to)).denominator);
    expect((await listFromFigure(c, 'review.fair_competition_rate', q)).total).toBe((await metricOf('review.fair_competition_rate', 'JX-WJW', q.from, q.to)).denominator);
  });

  it('the responsibility list opened from a link: the year of its first day, the organisation with everything under it', async () => {
    const c = await env.as('leader');
    const link = `/registers/duties?${new URLSearchParams({ ...P, org: 'K-A' }).toString()}`;
    expect(listApiOf(link)).toBe(`/api/registers/duties?year=2025&orgId=${org['K-A']}&pageSize=1`);
    const res = await c.get(listApiOf(link));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(2); // D1 D2
  });
});
