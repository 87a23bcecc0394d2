// The quality bar of issue 7: a commission imports a year of history and the generated
// report states exactly the figures of its own published report. The dataset is built
// to match 松江区卫生健康委员会's 2022 report (seeds/001_8c958e78da1e36e1.txt): 3,727
// licensing applications concluded = 1,003 公共卫生类 + 542 医疗机构执业类 + 1,893 医护人员
// + 121 备案及其他 + 168 依职权审批, 3,637 of them made online, a 97.58% online rate. It is
// imported through the real imports (organizations, catalogue_items, applications) into a
// fresh organisation, and the report for 2022 is generated for that organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart } from '../datasets/testFiles';
import { addDays } from '../../core/calendar/dates';
import { allBlocks, reportText, type ReportContent } from '../../core/reports/template';

let env: TestEnv;
let legal: Client;
let orgId: number;

const ORG = 'SJ-WJW-T';
const ORG_NAME = '松江测试区卫生健康委员会';
// The categories as the catalogue names them (catalogueSchema CATEGORY_NAMES) and Songjiang's counts.
const CATEGORIES: [code: string, item: string, count: number][] = [
  ['public_health', 'SJT-GW-01', 1003],
  ['medical_institution', 'SJT-YJ-01', 542],
  ['medical_staff', 'SJT-YH-01', 1893],
  ['filing_other', 'SJT-BA-01', 121],
  ['ex_officio', 'SJT-YZ-01', 168],
];
const TOTAL = 3727;
const ONLINE = 3637;
/** Last year, for the comparison: 3,200 applications. */
const LAST_YEAR = 3200;

async function importFile(c: Client, dataset: string, rows: unknown[][]) {
  const m = multipart(`${dataset}.csv`, csv(rows));
  const res = await c.post(`/api/imports/${dataset}`, m.body, m.headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const APPLICATION_COLUMNS = ['application_no', 'item_code', 'org_code', 'applicant_name', 'entity_uscc', 'channel', 'received_on', 'accepted_on', 'concluded_on',
  'outcome', 'commitment', 'deficiency_accepted', 'e_licence_reused', 'proof_free', 'licence_no', 'licence_valid_to'];

/** `count` applications concluded in `year`, spread over the year; the first `online` of them made online. */
function applications(year: number, prefix: string, count: number, online: number): unknown[][] {
  const rows: unknown[][] = [];
  let i = 0;
  for (const [, item, share] of CATEGORIES) {
    const n = Math.round((share / TOTAL) * count);
    for (let k = 0; k < n && i < count; k++, i++) {
      const received = addDays(`${year}-01-03`, i % 340);
      rows.push([`${prefix}-${String(i).padStart(5, '0')}`, item, ORG, `申请人${i}`, '', i < online ? 'online' : 'window', received, received,
        addDays(received, 2), 'approved', 'N', 'N', 'N', 'Y', '', '']);
    }
  }
  while (i < count) { // rounding remainder, in the first category
    const received = addDays(`${year}-01-03`, i % 340);
    rows.push([`${prefix}-${String(i).padStart(5, '0')}`, CATEGORIES[0][1], ORG, `申请人${i}`, '', i < online ? 'online' : 'window', received, received, addDays(received, 2), 'approved', 'N', 'N', 'N', 'Y', '', '']);
    i++;
  }
  return rows;
}

/** Songjiang's 2022: each category's exact count; the window applications spread over categories. */
function songjiang2022(): unknown[][] {
  const rows: unknown[][] = [];
  let i = 0;
  for (const [, item, n] of CATEGORIES) {
    for (let k = 0; k < n; k++, i++) {
      // Concluded between 4 January and 22 December 2022 (some received late in 2021).
      const concluded = addDays('2022-01-04', (i * 7) % 352);
      const received = addDays(concluded, -3);
      // Every 41st application was handed in at the window: 90 of 3,727, leaving Songjiang's 3,637 online.
      const window = i % 41 === 40;
      rows.push([`SJT22-${String(i).padStart(5, '0')}`, item, ORG, `申请人${i}`, '', window ? 'window' : 'online', received, received, concluded,
        'approved', 'N', 'N', 'N', 'Y', '', '']);
    }
  }
  return rows;
}

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  const admin = await env.as('admin');
  const window = await env.as('window');
  await importFile(admin, 'organizations', [['code', 'name', 'parent_code', 'region_code', 'kind', 'population'], [ORG, ORG_NAME, 'JX-WJW', '330402', 'commission', '']]);
  orgId = (await env.db.one<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [ORG]))!.id;
  await importFile(window, 'catalogue_items', [
    ['item_code', 'name', 'category', 'org_code', 'legal_basis', 'statutory_days', 'promised_days', 'online', 'commitment_allowed', 'active'],
    ...CATEGORIES.map(([category, item]) => [item, `测试事项${item}`, category, ORG, '《公共场所卫生管理条例》第八条', 20, 5, 'Y', 'N', 'Y']),
  ]);
  const rows = songjiang2022();
  expect(rows.filter((r) => r[5] === 'window')).toHaveLength(TOTAL - ONLINE);
  await importFile(window, 'applications', [APPLICATION_COLUMNS, ...rows, ...applications(2021, 'SJT21', LAST_YEAR, 3000)]);
}, 240_000);
afterAll(async () => { await env?.close(); });

describe('the report from a year of imported history (Songjiang 2022)', () => {
  let content: ReportContent;
  let reportId: number;

  it('the imported records give Songjiang’s figures', async () => {
    const res = await legal.get(`/api/metrics?from=2022-01-01&to=2022-12-31&org=${ORG}&ids=licensing.applications.total,licensing.online.count,licensing.online_rate`);
    expect(res.statusCode, res.body).toBe(200);
    const m = Object.fromEntries((res.json().metrics as { id: string }[]).map((x) => [x.id, x])) as unknown as Record<string, { value: number; breakdown?: Record<string, number> }>;
    expect(m['licensing.applications.total'].value).toBe(TOTAL);
    expect(m['licensing.applications.total'].breakdown).toEqual(Object.fromEntries(CATEGORIES.map(([c, , n]) => [c, n])));
    expect(m['licensing.online.count'].value).toBe(ONLINE);
    expect(m['licensing.online_rate'].value).toBeCloseTo(ONLINE / TOTAL, 12);
  });

  it('generates the 2022 report stating exactly those figures, quickly', async () => {
    const started = performance.now();
    const res = await legal.post('/api/reports/generate', { year: 2022, orgId });
    const ms = performance.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    console.log(`[songjiang] report for ${TOTAL} applications (+${LAST_YEAR} last year) generated in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(10_000);
    reportId = res.json().id;
    content = res.json().version.content;
    const text = reportText(content);
    expect(content.title).toBe(`${ORG_NAME}2022年法治政府建设年度报告`);
    for (const figure of ['3727件', '公共卫生类1003件', '医疗机构执业类542件', '医护人员1893件', '备案及其他121件', '依职权审批168件', '97.58%']) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('2022年共完成各类卫生行政许可3727件（同比增长16.47%），其中：公共卫生类1003件、医疗机构执业类542件、医护人员1893件、备案及其他121件、依职权审批168件。');
    expect(text).toContain('全年网办件3637件');
    // The sentence knows the metric it states.
    const licensing = allBlocks(content).find((b) => b.id === 'area.licensing.figures');
    expect(licensing?.type === 'figures' && licensing.sentences[0].metricIds).toEqual(['licensing.applications.total']);
  });

  it('exports the report as Word with those figures', async () => {
    const res = await legal.get(`/api/reports/${reportId}/document`);
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('公共卫生类1003件、医疗机构执业类542件、医护人员1893件、备案及其他121件、依职权审批168件');
    expect(text).toContain('网办率97.58%');
  });
});
