import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { ENTITY_COLUMNS, multipart, readXlsx, sheetRows } from './testFiles';

let env: TestEnv;
let admin: Client;
const org: Record<string, number> = {};

beforeAll(async () => {
  env = await setupTestEnv();
  admin = await env.as('admin');
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
});
afterAll(async () => { await env?.close(); });

const COLUMNS: Record<string, string[]> = {
  organizations: ['code', 'name', 'parent_code', 'region_code', 'kind', 'population'],
  entities: ENTITY_COLUMNS,
  inspectors: ['staff_no', 'name', 'org_code', 'certificate_no', 'certificate_valid_to', 'specialties'],
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function exportRows(c: Client, dataset: string, query = ''): Promise<Record<string, string>[]> {
  const res = await c.get(`/api/exports/${dataset}?format=csv${query ? `&${query}` : ''}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return parseCsv(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
}

async function upload(c: Client, dataset: string, content: Buffer, fileName: string) {
  const m = multipart(fileName, content, fileName.endsWith('.csv') ? 'text/csv' : XLSX);
  return c.post(`/api/imports/${dataset}`, m.body, m.headers);
}

describe('GET /api/imports/{dataset}/template', () => {
  it('is an XLSX with the header row on sheet 1 and a 说明 sheet explaining each column', async () => {
    for (const [dataset, columns] of Object.entries(COLUMNS)) {
      const res = await admin.get(`/api/imports/${dataset}/template`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''`);
      const wb = await readXlsx(res.rawPayload);
      expect(sheetRows(wb.worksheets[0])).toEqual([columns]);
      const guide = sheetRows(wb.getWorksheet('说明')!);
      expect(guide[0]).toEqual(['column', '中文名称', '是否必填', '格式或取值', '示例']);
      expect(guide.slice(1, columns.length + 1).map((r) => r[0])).toEqual(columns);
      for (const r of guide.slice(1, columns.length + 1)) {
        expect(r[1]).toMatch(/[\u4e00-\u9fa5]/);
        expect(['是', '否']).toContain(r[2]);
        expect(String(r[3]).length).toBeGreaterThan(3);
        expect(String(r[4] ?? '').length).toBeGreaterThan(0);
      }
    }
    const guide = sheetRows((await readXlsx((await admin.get('/api/imports/entities/template')).rawPayload)).getWorksheet('说明')!);
    expect(guide.find((r) => r[0] === 'org_code')![2]).toBe('是');
    expect(guide.find((r) => r[0] === 'risk_class')![2]).toBe('否');
    expect(String(guide.find((r) => r[0] === 'category')![3])).toContain('public_place（公共场所）');
  });

  it('an empty template imports as nothing', async () => {
    const template = (await admin.get('/api/imports/inspectors/template')).rawPayload;
    const res = await upload(admin, 'inspectors', template, 'template.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dataset: 'inspectors', inserted: 0, updated: 0 });
  });
});

describe('GET /api/exports/{dataset}', () => {
  it('downloads XLSX by default with a UTF-8 file name and exactly the dataset columns', async () => {
    const res = await admin.get('/api/exports/entities');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="entities-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^监管对象-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual(ENTITY_COLUMNS);
    const total = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities'))!.n;
    expect(rows.length - 1).toBe(total);
  });

  it('CSV has a BOM, the import formats (Y/N, lists, dates) and every row in scope', async () => {
    const res = await admin.get('/api/exports/inspectors?format=csv');
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(COLUMNS.inspectors);
    const nh1 = rows.find((r) => r.staff_no === 'NH-001')!;
    expect(nh1.org_code).toBe('NH-JDS');
    expect(nh1.certificate_valid_to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(nh1.specialties.split(';')).toContain('public_place');
    const entities = await exportRows(admin, 'entities');
    expect(new Set(entities.map((e) => e.blacklisted))).toEqual(new Set(['Y', 'N']));
    const orgs = await exportRows(admin, 'organizations');
    expect(orgs.find((o) => o.code === 'JX-WJW')).toMatchObject({ parent_code: '', population: '5580000', kind: 'commission' });
  });

  it('exports inspectors with the list’s filters: search, organisation subtree, certificate status', async () => {
    const codes = (rows: Record<string, string>[]) => rows.map((r) => r.staff_no).sort();
    const listed = async (query: string) => codes(((await admin.get(`/api/inspectors?pageSize=100&${query}`)).json().rows as { staffNo: string }[])
      .map((r) => ({ staff_no: r.staffNo })));
    for (const query of [`orgId=${org['XZ-JDS']}`, 'status=expired', 'q=NH-00', `orgId=${org['NH-WJJ']}&status=valid`]) {
      const exported = codes(await exportRows(admin, 'inspectors', query));
      expect(exported.length, query).toBeGreaterThan(0);
      expect(exported, query).toEqual(await listed(query));
    }
    expect(codes(await exportRows(admin, 'inspectors', 'q=没有这个人'))).toEqual([]);
  });

  it('honours the user’s scope: inspector3 (秀洲区) sees no 南湖区 entity', async () => {
    const inspector3 = await env.as('inspector3');
    const rows = await exportRows(inspector3, 'entities');
    const xzCount = (await env.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'XZ-JDS'`))!.n;
    expect(rows.length).toBe(xzCount);
    expect(rows.some((r) => r.org_code === 'NH-JDS')).toBe(false);
    expect(new Set(rows.map((r) => r.org_code))).toEqual(new Set(['XZ-JDS']));
    const orgs = await exportRows(inspector3, 'organizations');
    expect(orgs.map((o) => o.code)).toEqual(['XZ-JDS']);
  });

  it('honours the list filters', async () => {
    const schools = await exportRows(admin, 'entities', 'category=school&riskClass=low');
    const expected = (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM entities WHERE category = 'school' AND risk_class = 'low'`))!.n;
    expect(schools.length).toBe(expected);
    expect(schools.every((r) => r.category === 'school' && r.risk_class === 'low')).toBe(true);

    const nh = await exportRows(admin, 'entities', `orgId=${org['NH-WJJ']}&blacklisted=false`);
    expect(nh.length).toBeGreaterThan(0);
    expect(nh.every((r) => r.org_code === 'NH-JDS' && r.blacklisted === 'N')).toBe(true);

    const sample = (await env.db.one<{ name: string }>('SELECT name FROM entities ORDER BY id LIMIT 1'))!.name;
    const word = [...sample].slice(-4).join('');
    const found = await exportRows(admin, 'entities', `q=${encodeURIComponent(word)}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => `${r.name} ${r.address} ${r.legal_rep}`.includes(word))).toBe(true);

    // Filtering on an organisation outside one's scope gives nothing, never its data.
    const inspector3 = await env.as('inspector3');
    expect(await exportRows(inspector3, 'entities', `orgId=${org['NH-JDS']}`)).toEqual([]);
  });

  it('records one audit entry per export, with the format, filters and row count', async () => {
    const c = await env.as('inspector1');
    const rows = await exportRows(c, 'entities', 'creditGrade=A');
    const entry = await env.db.one<{ username: string; after: unknown }>(
      `SELECT username, after FROM audit_log WHERE action = 'export.entities' ORDER BY id DESC LIMIT 1`);
    expect(entry).toEqual({ username: 'inspector1', after: { format: 'csv', filters: { creditGrade: 'A' }, rows: rows.length } });
  });

  it('rejects bad parameters and requires the read permission', async () => {
    expect((await admin.get('/api/exports/entities?format=pdf')).statusCode).toBe(400);
    expect((await admin.get('/api/exports/entities?category=restaurant')).statusCode).toBe(400);
    expect((await admin.get('/api/exports/entities?orgId=-1')).statusCode).toBe(400);
    const hotline = await env.as('hotline');
    expect((await hotline.get('/api/exports/inspectors')).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/exports/entities')).statusCode).toBe(401);
  });
});

describe('export → import round trip', () => {
  it('re-importing an export unchanged updates every row and inserts none (XLSX and CSV, every dataset)', async () => {
    for (const dataset of ['organizations', 'entities', 'inspectors']) {
      const tables: Record<string, string> = { organizations: 'organizations', entities: 'entities', inspectors: 'inspectors' };
      const before = (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${tables[dataset]}`))!.n;
      for (const format of ['xlsx', 'csv']) {
        const file = await admin.get(`/api/exports/${dataset}?format=${format}`);
        expect(file.statusCode).toBe(200);
        const res = await upload(admin, dataset, file.rawPayload, `export.${format}`);
        expect(res.statusCode, `${dataset} ${format}: ${res.body.slice(0, 500)}`).toBe(200);
        expect(res.json(), `${dataset} ${format}`).toEqual({ dataset, inserted: 0, updated: before });
      }
      expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${tables[dataset]}`))!.n).toBe(before);
    }
  });

  it('leaves the data as it was', async () => {
    const snapshot = async () => JSON.stringify(await env.db.query(
      `SELECT uscc, name, category, region_code, address, org_id, legal_rep, risk_class, credit_grade, blacklisted FROM entities ORDER BY uscc`));
    const before = await snapshot();
    const file = await admin.get('/api/exports/entities?format=xlsx');
    expect((await upload(admin, 'entities', file.rawPayload, 'e.xlsx')).statusCode).toBe(200);
    expect(await snapshot()).toBe(before);
  });

  it('a district user can re-import their own export (roots of their scope keep their parent)', async () => {
    await admin.post('/api/users', {
      username: 'xz_admin2', displayName: '秀洲区管理员', orgId: org['XZ-WJJ'], roles: ['admin'],
      scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok',
    });
    const c = await env.as('xz_admin2', 'District2026ok');
    for (const dataset of ['organizations', 'entities', 'inspectors']) {
      const file = await c.get(`/api/exports/${dataset}?format=csv`);
      const res = await upload(c, dataset, file.rawPayload, 'mine.csv');
      expect(res.statusCode, `${dataset}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.json().inserted).toBe(0);
    }
  });
});
