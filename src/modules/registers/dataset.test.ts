// The registers' datasets through the API: each template has the columns of
// data-exchange.md; a good file lands with source 'import'; re-importing updates by key
// and never duplicates (a record registered on the platform keeps its source); a bad file
// is refused whole with every bad row's row, column and Chinese reason; the export holds
// the same columns and imports back; imports.registers is needed (the office and the
// administrator have it, an inspector does not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { addDays, todayInChina } from '../../core/calendar/dates';

type Cells = Record<string, string>;
interface Case {
  name: string; table: string; key: string; columns: string[];
  good: Cells[];
  change: Cells;
  bad: Cells[];
  errors: [number, string, string][];
}

const tomorrow = addDays(todayInChina(), 1);
const NO_ORG = '机构代码“NO-ORG”不存在，请先导入或新建该机构';
const enumOf = (...values: string[]) => `取值不正确，应为 ${values.join('、')} 之一`;

const CASES: Case[] = [
  {
    name: 'publications', table: 'publications', key: 'publication_no', columns: ['publication_no', 'org_code', 'published_on', 'channel', 'title'],
    good: [
      { publication_no: 'T-GK-1', org_code: 'JX-WJW', published_on: '2025-03-02', channel: 'website', title: '2025年卫生健康工作要点' },
      { publication_no: 'T-GK-2', org_code: 'NH-WJJ', published_on: '2025-04-10', channel: 'wechat', title: '南湖区公共场所卫生提示' },
      { publication_no: 'T-GK-3', org_code: 'XZ-JDS', published_on: '2025-05-20', channel: 'catalogue', title: '秀洲区行政处罚结果公示' },
    ],
    change: { publication_no: 'T-GK-2', org_code: 'NH-JDS', published_on: '2025-04-11', channel: 'weibo', title: '南湖区公共场所卫生提示（更正）' },
    bad: [
      { publication_no: 'T-GK-B1', org_code: 'JX-WJW', published_on: '2025-03-02', channel: 'tv', title: '电视' },
      { publication_no: 'T-GK-B2', org_code: 'NO-ORG', published_on: '2025-02-30', channel: 'website', title: '无此机构' },
      { publication_no: 'T-GK-B3', org_code: 'JX-WJW', published_on: tomorrow, channel: 'website', title: '' },
    ],
    errors: [
      [3, 'channel', enumOf('website', 'weibo', 'wechat', 'catalogue', 'other')],
      [4, 'org_code', NO_ORG],
      [4, 'published_on', '日期应为 YYYY-MM-DD 格式的有效日期'],
      [5, 'published_on', '日期不能晚于今天：登记的应是已发生的事项'],
      [5, 'title', '不能为空'],
    ],
  },
  {
    name: 'trainings', table: 'trainings', key: 'training_no', columns: ['training_no', 'org_code', 'held_on', 'kind', 'title', 'participants'],
    good: [
      { training_no: 'T-PX-1', org_code: 'JX-WJW', held_on: '2025-03-12', kind: 'law_study', title: '党组集体学法', participants: '21' },
      { training_no: 'T-PX-2', org_code: 'NH-JDS', held_on: '2025-06-01', kind: 'training', title: '执法人员业务培训', participants: '45' },
    ],
    change: { training_no: 'T-PX-1', org_code: 'JX-WJW', held_on: '2025-03-12', kind: 'law_study', title: '党组集体学法', participants: '23' },
    bad: [
      { training_no: 'T-PX-B1', org_code: 'JX-WJW', held_on: '2025-03-12', kind: 'oath', title: '宣誓', participants: '-3' },
      { training_no: 'T-PX-B2', org_code: 'JX-WJW', held_on: '2025-03-12', kind: 'training', title: '培训', participants: '' },
    ],
    errors: [
      [3, 'kind', enumOf('training', 'law_study', 'constitution_oath', 'expert_lecture')],
      [3, 'participants', '应在 0～10000000 之间'],
      [4, 'participants', '不能为空'],
    ],
  },
  {
    name: 'popularization_activities', table: 'popularization_activities', key: 'activity_no', columns: ['activity_no', 'org_code', 'held_on', 'kind', 'title', 'participants'],
    good: [
      { activity_no: 'T-PF-1', org_code: 'JX-WJW', held_on: '2025-12-04', kind: 'campaign', title: '国家宪法日宣传', participants: '800' },
      { activity_no: 'T-PF-2', org_code: 'XZ-WJJ', held_on: '2025-07-15', kind: 'service', title: '法律服务进医院', participants: '' },
    ],
    change: { activity_no: 'T-PF-2', org_code: 'XZ-WJJ', held_on: '2025-07-15', kind: 'lecture', title: '法治讲座进医院', participants: '60' },
    bad: [
      { activity_no: 'T-PF-B1', org_code: 'JX-WJW', held_on: '2025-12-04', kind: 'campaign', title: '人数不是整数', participants: '1.5' },
    ],
    errors: [[3, 'participants', '应为整数']],
  },
];

let env: TestEnv;
let office: Client;

beforeAll(async () => {
  env = await setupTestEnv();
  office = await env.as('office');
}, 120_000);
afterAll(async () => { await env?.close(); });

const toRows = (c: Case, rows: Cells[]) => [c.columns, ...rows.map((r) => c.columns.map((k) => r[k] ?? ''))];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
async function upload(c: Case, rows: Cells[], as: Client = office, file?: { body: Buffer; format: 'csv' | 'xlsx' }) {
  const m = multipart(`${c.name}.${file?.format ?? 'csv'}`, file?.body ?? csv(toRows(c, rows)), file?.format === 'xlsx' ? XLSX : 'text/csv');
  return as.post(`/api/imports/${c.name}`, m.body, m.headers);
}
const count = async (c: Case) => (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${c.table}`))!.n;
const stored = async (c: Case, no: string) => env.db.one<Record<string, unknown>>(
  `SELECT t.*, o.code AS org_code FROM ${c.table} t JOIN organizations o ON o.id = t.org_id WHERE t.${c.key} = $1`, [no]);
const dateColumn = (c: Case) => c.columns[2];
const typeColumn = (c: Case) => c.columns[3];

describe.each(CASES)('the $name dataset', (c) => {
  it('has the template of data-exchange.md', async () => {
    const res = await office.get(`/api/imports/${c.name}/template`);
    expect(res.statusCode).toBe(200);
    expect(sheetRows((await readXlsx(res.rawPayload)).worksheets[0])).toEqual([c.columns]);
  });

  it('imports a good file with source import', async () => {
    const res = await upload(c, c.good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dataset: c.name, inserted: c.good.length, updated: 0 });
    for (const r of c.good) {
      const row = await stored(c, r[c.key]);
      expect(row, r[c.key]).toMatchObject({ org_code: r.org_code, [dateColumn(c)]: r[dateColumn(c)], [typeColumn(c)]: r[typeColumn(c)], title: r.title, source: 'import' });
      if (c.columns.includes('participants')) expect(row!.participants).toBe(Number(r.participants || 0));
    }
  });

  it('re-importing updates by key and never duplicates', async () => {
    const before = await count(c);
    const changed = c.good.map((r) => (r[c.key] === c.change[c.key] ? c.change : r));
    expect((await upload(c, changed)).json()).toEqual({ dataset: c.name, inserted: 0, updated: c.good.length });
    expect(await count(c)).toBe(before);
    const row = await stored(c, c.change[c.key]);
    expect(row).toMatchObject({ org_code: c.change.org_code, [dateColumn(c)]: c.change[dateColumn(c)], [typeColumn(c)]: c.change[typeColumn(c)], title: c.change.title, source: 'import' });
    if (c.columns.includes('participants')) expect(row!.participants).toBe(Number(c.change.participants));
  });

  it('refuses a bad file whole, every bad row with its column and reason', async () => {
    const before = await count(c);
    const fresh = { ...c.good[0], [c.key]: 'T-NEW' };
    const res = await upload(c, [fresh, ...c.bad]);
    expect(res.statusCode, res.body).toBe(422);
    const errors = res.json().errors as { row: number; column: string; message: string }[];
    const sorted = (list: [number, string, string][]) => [...list].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(sorted(errors.map((e) => [e.row, e.column, e.message]))).toEqual(sorted(c.errors));
    expect(await count(c)).toBe(before);
    expect(await stored(c, 'T-NEW')).toBeUndefined();
  });

  it('exports the dataset columns, which import back unchanged', async () => {
    const res = await office.get(`/api/exports/${c.name}?format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = parseCsv(res.rawPayload, { bom: true, columns: true }) as Cells[];
    expect(Object.keys(rows[0])).toEqual(c.columns);
    const mine = rows.filter((r) => r[c.key].startsWith('T-'));
    expect(mine.map((r) => r[c.key]).sort()).toEqual(c.good.map((r) => r[c.key]).sort());
    const back = await upload(c, [], office, { body: (await office.get(`/api/exports/${c.name}?format=xlsx`)).rawPayload, format: 'xlsx' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toEqual({ dataset: c.name, inserted: 0, updated: rows.length });
  });

  it('needs imports.registers: the administrator may, an inspector may not', async () => {
    expect((await upload(c, c.good, await env.as('inspector1'))).statusCode).toBe(403);
    const admin = await upload(c, c.good, await env.as('admin'));
    expect(admin.statusCode, admin.body).toBe(200);
  });
});

describe('imports next to the platform’s own records', () => {
  it('a record registered on the platform is updated by its number and keeps its source; another district’s number is refused', async () => {
    const jx = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id;
    const created = (await office.post('/api/registers/publications', { orgId: jx, publishedOn: '2025-08-01', channel: 'website', title: '平台登记的公开信息' })).json();
    const pub = CASES[0];
    const res = await upload(pub, [{ publication_no: created.no, org_code: 'JX-WJW', published_on: '2025-08-02', channel: 'website', title: '导入更正的标题' }]);
    expect(res.json()).toEqual({ dataset: 'publications', inserted: 0, updated: 1 });
    expect(await stored(pub, created.no)).toMatchObject({ title: '导入更正的标题', published_on: '2025-08-02', source: 'platform' });

    const admin = await env.as('admin');
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-WJJ'"))!.id;
    expect((await admin.post('/api/users', {
      username: 'nh_office_d', displayName: '南湖区办公室', orgId: nh, roles: ['office'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok',
    })).statusCode).toBe(200);
    const district = await env.as('nh_office_d', 'District2026ok');
    const refused = await upload(pub, [
      { publication_no: 'T-GK-1', org_code: 'NH-WJJ', published_on: '2025-03-02', channel: 'website', title: '越权' },
      { publication_no: 'T-GK-D1', org_code: 'XZ-WJJ', published_on: '2025-03-02', channel: 'website', title: '越权' },
    ], district);
    expect(refused.statusCode).toBe(422);
    expect((refused.json().errors as { row: number; column: string; message: string }[]).map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'publication_no', '该编号已属于您管理范围以外的机构，不能通过导入修改'],
      [3, 'org_code', '机构不在您的管理范围内'],
    ]);
  });
});
