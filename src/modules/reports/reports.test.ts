// Annual reports through the API: the draft's figure sentences equal the metrics of
// hand-built records (imported into a fresh organisation), with the breakdown adding up
// and the comparison with last year; narratives kept across regeneration; versions;
// finalising locks (409 with the message); publishing, and the portal serving only
// published reports; the Word export's text; scope (404) and permission (403); the audit
// trail; the demo's draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { hashPassword } from '../../platform/auth/passwords';
import { DEMO_PASSWORD } from '../../seed/demo';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { chineseDate } from '../../platform/documents/officialDocument';
import { allBlocks, reportText, type ReportContent } from '../../core/reports/template';

let env: TestEnv;
let legal: Client;
let window: Client;
let orgId: number;

const ORG = 'RPT-T';
const ORG_NAME = '报告测试区卫生健康委员会';
const YEAR = 2024;
const COLUMNS = ['application_no', 'item_code', 'org_code', 'applicant_name', 'entity_uscc', 'channel', 'received_on', 'accepted_on', 'concluded_on',
  'outcome', 'commitment', 'deficiency_accepted', 'e_licence_reused', 'proof_free', 'licence_no', 'licence_valid_to'];

async function importFile(c: Client, dataset: string, rows: unknown[][]) {
  const m = multipart(`${dataset}.csv`, csv(rows));
  const res = await c.post(`/api/imports/${dataset}`, m.body, m.headers);
  expect(res.statusCode, res.body).toBe(200);
}

/** An application concluded two days after it was received and accepted (a Monday, so on time). */
const application = (no: string, item: string, channel: string, received: string) =>
  [no, item, ORG, `申请人${no}`, '', channel, received, received, `${received.slice(0, 8)}${String(Number(received.slice(8)) + 2).padStart(2, '0')}`, 'approved', 'N', 'N', 'N', 'Y', '', ''];

interface ReportView {
  id: number; orgId: number; year: number; title: string; status: string; currentVersion: number; finalVersion: number | null;
  version: { version: number; content: ReportContent; note: string | null; createdOn: string; figures: { current: { id: string; value: number | null; breakdown?: Record<string, number> }[] } };
}
const sentences = (content: ReportContent, id: string) => {
  const b = allBlocks(content).find((x) => x.id === id);
  return b?.type === 'figures' ? b.sentences : [];
};
const narrative = (content: ReportContent, id: string) => {
  const b = allBlocks(content).find((x) => x.id === id);
  return b?.type === 'narrative' ? b.text : undefined;
};

async function generate(c: Client = legal, body: unknown = { year: YEAR, orgId }) {
  return c.post('/api/reports/generate', body);
}

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  window = await env.as('window');
  await importFile(await env.as('admin'), 'organizations', [['code', 'name', 'parent_code', 'region_code', 'kind', 'population'], [ORG, ORG_NAME, 'JX-WJW', '330402', 'commission', '']]);
  orgId = (await env.db.one<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [ORG]))!.id;
  await importFile(window, 'catalogue_items', [
    ['item_code', 'name', 'category', 'org_code', 'legal_basis', 'statutory_days', 'promised_days', 'online', 'commitment_allowed', 'active'],
    ['RPT-GW-01', '测试公共场所卫生许可', 'public_health', ORG, '《公共场所卫生管理条例》第八条', 20, 5, 'Y', 'N', 'Y'],
    ['RPT-YH-01', '测试护士执业注册', 'medical_staff', ORG, '《护士条例》第八条', 20, 5, 'Y', 'N', 'Y'],
    ['RPT-BA-01', '测试诊所备案', 'filing_other', ORG, '《医疗机构管理条例》第九条', 20, 5, 'Y', 'N', 'Y'],
  ]);
  // 2024: 3 public health (2 online), 2 medical staff (window), 1 filing (window) = 6, 2 online.
  // 2023: 4 public health, 2 online.
  await importFile(window, 'applications', [COLUMNS,
    application('RPT24-1', 'RPT-GW-01', 'online', '2024-03-04'), application('RPT24-2', 'RPT-GW-01', 'online', '2024-05-06'),
    application('RPT24-3', 'RPT-GW-01', 'window', '2024-06-03'), application('RPT24-4', 'RPT-YH-01', 'window', '2024-07-01'),
    application('RPT24-5', 'RPT-YH-01', 'window', '2024-09-02'), application('RPT24-6', 'RPT-BA-01', 'window', '2024-11-04'),
    application('RPT23-1', 'RPT-GW-01', 'online', '2023-03-06'), application('RPT23-2', 'RPT-GW-01', 'online', '2023-05-08'),
    application('RPT23-3', 'RPT-GW-01', 'window', '2023-06-05'), application('RPT23-4', 'RPT-GW-01', 'window', '2023-07-03'),
  ]);
  // A legal-division user of the Xiuzhou district only (own subtree): the test organisation is outside.
  const xz = await env.db.one<{ id: number }>(`SELECT id FROM organizations WHERE code = 'XZ-WJJ'`);
  const u = await env.db.one<{ id: number }>(
    `INSERT INTO users (username, display_name, org_id, password_hash, scope_mode, scope_org_ids) VALUES ('xzlegal', '秀洲法规', $1, $2, 'own_subtree', '{}') RETURNING id`,
    [xz!.id, await hashPassword(DEMO_PASSWORD)]);
  await env.db.query(`INSERT INTO user_roles (user_id, role_code) VALUES ($1, 'legal')`, [u!.id]);
}, 240_000);
afterAll(async () => { await env?.close(); });

describe('generating the draft', () => {
  let report: ReportView;

  it('writes the figure sentences from the records, the breakdown adding up, compared with last year', async () => {
    const res = await generate();
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    expect(report).toMatchObject({ orgId, year: YEAR, title: `${ORG_NAME}${YEAR}年法治政府建设年度报告`, status: 'draft', currentVersion: 1, finalVersion: null });
    const c = report.version.content;
    // Hand-computed: 6 = 3 + 2 + 1 (last year 4: +50%); 2 online of 6 = 33.33% (last year 2 of 4 = 50%).
    expect(sentences(c, 'area.licensing.figures').slice(0, 2)).toEqual([
      { text: `${YEAR}年共完成各类卫生行政许可6件（同比增长50.00%），其中：公共卫生类3件、医护人员2件、备案及其他1件。`, metricIds: ['licensing.applications.total'] },
      { text: '全年网办件2件（与上年持平），网办率33.33%（同比下降16.67个百分点）。', metricIds: ['licensing.online.count', 'licensing.online_rate'] },
    ]);
    // The figures the sentences were written from are the metrics GET /api/metrics gives.
    const metrics = await legal.get(`/api/metrics?from=${YEAR}-01-01&to=${YEAR}-12-31&org=${ORG}`);
    const live = Object.fromEntries((metrics.json().metrics as { id: string; value: number | null }[]).map((m) => [m.id, m.value]));
    for (const f of report.version.figures.current) expect(f.value).toEqual(live[f.id]);
    const total = report.version.figures.current.find((f) => f.id === 'licensing.applications.total')!;
    expect(Object.values(total.breakdown!).reduce((a, b) => a + b, 0)).toBe(total.value);
    // The fall of the online rate is a shortfall.
    expect(sentences(c, 'shortfalls.figures')).toContainEqual({ text: '网办率为33.33%，较上年的50.00%下降16.67个百分点。', metricIds: ['licensing.online_rate'] });
    // Nothing else of this organisation happened: no hotline sentence, no "null".
    expect(sentences(c, 'area.hotline.figures')).toEqual([]);
    expect(reportText(c)).not.toMatch(/null|NaN|undefined/);
    expect(reportText(c)).toContain('三、党政主要负责人履行推进法治建设第一责任人职责情况');
  });

  it('keeps edited narratives when regenerated, and saves a version each time', async () => {
    const edit = await legal.put(`/api/reports/${report.id}/narratives`, {
      changes: { 'area.licensing.narrative': '推行“一网通办”，开设医护人员变更专窗。', 'next_year.narrative': '一是深化改革。\n二是加强队伍建设。' },
      note: '补充许可工作情况', baseVersion: 1,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ currentVersion: 2, version: { version: 2, note: '补充许可工作情况' } });

    // A version edited by someone else meanwhile: refused.
    const stale = await legal.put(`/api/reports/${report.id}/narratives`, { changes: { 'opening': 'x' }, baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('第2版');
    // A figures block is not the staff's to write.
    const figures = await legal.put(`/api/reports/${report.id}/narratives`, { changes: { 'area.licensing.figures': '共完成许可100件。' } });
    expect(figures.statusCode).toBe(400);
    expect(figures.json().error.message).toContain('数据段落由系统根据记录生成');

    // One more application is imported, and the report regenerated.
    await importFile(window, 'applications', [COLUMNS, application('RPT24-7', 'RPT-GW-01', 'online', '2024-12-02')]);
    const again = await generate();
    expect(again.statusCode, again.body).toBe(200);
    const c = (again.json() as ReportView).version.content;
    expect(again.json()).toMatchObject({ id: report.id, currentVersion: 3, version: { version: 3, note: '根据最新数据重新生成' } });
    expect(sentences(c, 'area.licensing.figures')[0].text).toBe(`${YEAR}年共完成各类卫生行政许可7件（同比增长75.00%），其中：公共卫生类4件、医护人员2件、备案及其他1件。`);
    expect(narrative(c, 'area.licensing.narrative')).toBe('推行“一网通办”，开设医护人员变更专窗。');
    expect(narrative(c, 'next_year.narrative')).toBe('一是深化改革。\n二是加强队伍建设。');

    const versions = await legal.get(`/api/reports/${report.id}/versions`);
    expect(versions.json().map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([[3, '根据最新数据重新生成'], [2, '补充许可工作情况'], [1, '生成草稿']]);
    const v1 = await legal.get(`/api/reports/${report.id}/versions/1`);
    expect(sentences(v1.json().version.content, 'area.licensing.figures')[0].text).toContain('6件');
    expect(narrative(v1.json().version.content, 'area.licensing.narrative')).not.toContain('一网通办');
    expect((await legal.get(`/api/reports/${report.id}/versions/9`)).statusCode).toBe(404);
  });

  it('exports Word in the official layout with the title, the figures, the issuing organisation and the date', async () => {
    const res = await legal.get(`/api/reports/${report.id}/document`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = xml.split('</w:p>').map((p) => p.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"'));
    expect(paragraphs[0]).toBe(`${ORG_NAME}${YEAR}年法治政府建设年度报告`);
    expect(xml).toContain('方正小标宋简体');
    // The figures block is one paragraph of its sentences.
    expect(paragraphs.find((p) => p.startsWith(`${YEAR}年共完成各类卫生行政许可`))).toMatch(
      new RegExp(`^${YEAR}年共完成各类卫生行政许可7件（同比增长75.00%），其中：公共卫生类4件、医护人员2件、备案及其他1件。全年网办件3件（同比增长50.00%），网办率42.85%（同比下降7.15个百分点）。`));
    expect(paragraphs).toContain('（一）政务服务与行政许可');
    expect(paragraphs).toContain(ORG_NAME);
    expect(paragraphs).toContain(chineseDate(todayInChina()));
    const footer = await zip.file('word/footer1.xml')?.async('string');
    expect(footer).toContain('— ');
    // An earlier version on request.
    const v1 = await legal.get(`/api/reports/${report.id}/document?version=1`);
    const xml1 = await (await JSZip.loadAsync(v1.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml1.replace(/<[^>]+>/g, '')).toContain('共完成各类卫生行政许可6件');
  });

  it('finalising locks the report: edits and regeneration are refused with a message', async () => {
    const notFinal = await legal.post(`/api/reports/${report.id}/publish`);
    expect(notFinal.statusCode).toBe(409);
    expect(notFinal.json().error.message).toBe('报告尚未定稿，定稿后才能公开');
    const fin = await legal.post(`/api/reports/${report.id}/finalise`);
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json()).toMatchObject({ status: 'final', finalVersion: 3 });
    for (const res of [
      await legal.put(`/api/reports/${report.id}/narratives`, { changes: { opening: '改写' } }),
      await generate(),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'REPORT_LOCKED', message: '报告已定稿，不能再修改或重新生成' });
    }
    expect((await legal.post(`/api/reports/${report.id}/finalise`)).statusCode).toBe(409);
    expect((await legal.get(`/api/reports/${report.id}`)).json().currentVersion).toBe(3);
  });

  it('publishing serves the final version on the portal; drafts stay private', async () => {
    const demoDraft = (await legal.get(`/api/reports?status=draft`)).json().rows as { id: number }[];
    expect(demoDraft.length).toBeGreaterThan(0);
    const before = await env.anonymous.get('/api/public/reports');
    expect(before.statusCode).toBe(200);
    expect(before.json().rows.map((r: { id: number }) => r.id)).not.toContain(report.id);
    expect((await env.anonymous.get(`/api/public/reports/${report.id}`)).statusCode).toBe(404);
    expect((await env.anonymous.get(`/api/public/reports/${demoDraft[0].id}`)).statusCode).toBe(404);

    const pub = await legal.post(`/api/reports/${report.id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().status).toBe('published');
    expect((await legal.post(`/api/reports/${report.id}/publish`)).statusCode).toBe(409);

    const list = (await env.anonymous.get(`/api/public/reports?year=${YEAR}`)).json();
    expect(list.rows).toEqual([expect.objectContaining({ id: report.id, title: `${ORG_NAME}${YEAR}年法治政府建设年度报告`, orgName: ORG_NAME, year: YEAR })]);
    expect((await env.anonymous.get('/api/public/reports')).json().rows.map((r: { id: number }) => r.id)).not.toContain(demoDraft[0].id);
    const one = await env.anonymous.get(`/api/public/reports/${report.id}`);
    expect(one.statusCode).toBe(200);
    expect(reportText(one.json().content)).toContain('推行“一网通办”');
    expect(one.json()).not.toHaveProperty('figures');
  });

  it('records every change in the audit log', async () => {
    const rows = await env.db.query<{ action: string; username: string }>(
      `SELECT action, username FROM audit_log WHERE object_type = 'annual_report' AND object_id = $1 ORDER BY id`, [String(report.id)]);
    expect(rows.map((r) => r.action)).toEqual(['report.generate', 'report.edit', 'report.regenerate', 'report.finalise', 'report.publish']);
    expect(new Set(rows.map((r) => r.username))).toEqual(new Set(['legal']));
  });
});

describe('lists, scope and permissions', () => {
  it('lists with filters and exports to Excel', async () => {
    const res = await legal.get(`/api/reports?year=${YEAR}&q=${encodeURIComponent('报告测试区')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, rows: [{ orgName: ORG_NAME, year: YEAR, status: 'published', statusName: '已公开' }] });
    expect((await legal.get(`/api/reports?year=${YEAR}&status=draft&orgId=${orgId}`)).json().total).toBe(0);
    const xlsx = await legal.get(`/api/reports/export?year=${YEAR}&orgId=${orgId}`);
    expect(xlsx.statusCode).toBe(200);
    const rows = sheetRows((await readXlsx(xlsx.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual(['年度', '机构', '标题', '状态', '当前版本', '定稿版本', '公开时间', '更新时间']);
    expect(rows[1].slice(0, 6)).toEqual([YEAR, ORG_NAME, `${ORG_NAME}${YEAR}年法治政府建设年度报告`, '已公开', 3, 3]);
  });

  it('the demo has a draft for the city commission for last year', async () => {
    const rows = (await legal.get(`/api/reports?year=${yearOf(todayInChina()) - 1}`)).json().rows as { orgCode: string; status: string; title: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ orgCode: 'JX-WJW', status: 'draft', title: `嘉兴市卫生健康委员会${yearOf(todayInChina()) - 1}年法治政府建设年度报告` }));
  });

  it('refuses a year not yet begun and an unknown organisation', async () => {
    const future = await generate(legal, { year: yearOf(todayInChina()) + 1, orgId });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('该年度尚未开始');
    expect((await generate(legal, { year: YEAR, orgId: 999_999 })).statusCode).toBe(404);
    expect((await generate(legal, { year: 'x', orgId })).statusCode).toBe(400);
  });

  it('answers 404 outside the scope and 403 without the permission', async () => {
    const xzlegal = await env.as('xzlegal');
    const id = (await legal.get(`/api/reports?orgId=${orgId}`)).json().rows[0].id;
    expect((await xzlegal.get(`/api/reports/${id}`)).statusCode).toBe(404);
    expect((await xzlegal.get(`/api/reports/${id}/versions`)).statusCode).toBe(404);
    expect((await xzlegal.get(`/api/reports/${id}/document`)).statusCode).toBe(404);
    expect((await xzlegal.put(`/api/reports/${id}/narratives`, { changes: { opening: 'x' } })).statusCode).toBe(404);
    expect((await xzlegal.post(`/api/reports/${id}/finalise`)).statusCode).toBe(404);
    expect((await generate(xzlegal, { year: YEAR, orgId })).statusCode).toBe(404);
    expect((await xzlegal.get('/api/reports')).json().rows.map((r: { id: number }) => r.id)).not.toContain(id);

    const leader = await env.as('leader');
    expect((await leader.get(`/api/reports/${id}`)).statusCode).toBe(200);
    expect((await generate(leader)).statusCode).toBe(403);
    expect((await leader.put(`/api/reports/${id}/narratives`, { changes: { opening: 'x' } })).statusCode).toBe(403);
    const inspector = await env.as('inspector1');
    expect((await inspector.get('/api/reports')).statusCode).toBe(403);
    expect((await inspector.get(`/api/reports/${id}/document`)).statusCode).toBe(403);
  });
});
