// The service-item catalogue through the API: the bundled catalogue and its citations,
// search, filters and pages, versioning (an edit adds a version, the old one stays
// readable and keeps its applications), the time-limit rule, publishing to the public
// service guide, permissions, organisation scope, bundles, the Excel export and the
// catalogue_items dataset (import, re-import by key, bad rows in Chinese, round trip).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import { articleInForce } from '../laws/service';
import { BUNDLED_BUNDLES, BUNDLED_CATALOGUE } from './bundledCatalogue';
import { CATALOGUE_CATEGORIES } from './catalogueSchema';
import { EXPORT_COLUMNS, ensureBundledCatalogue, getCurrentItemByCode } from './catalogue';

let env: TestEnv;
let legal: Client;
let window: Client;
let inspector: Client;

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  window = await env.as('window');
  inspector = await env.as('inspector1');
});
afterAll(async () => { await env?.close(); });

interface Row {
  id: number; itemCode: string; version: number; isCurrent: boolean; orgId: number; name: string; category: string; kind: string;
  statutoryDays: number; promisedDays: number; commitmentAllowed: boolean; deficiencyAllowed: boolean; active: boolean;
  publishedAt: string | null; editable: boolean; materials: { code: string; replaceable: string | null; licenceName: string | null }[];
  licenceName: string | null; licenceValidYears: number | null; reminderDays: number[]; basisText: string[];
}
interface Detail extends Row {
  basis: { law: string; article: number; citation: string | null }[];
  versions: { id: number; version: number; isCurrent: boolean; changeNote: string | null; createdBy: string | null; changedFields: string[] }[];
  applications: number;
}

const enc = encodeURIComponent;
const list = async (query: string, c: Client = window) => {
  const res = await c.get(`/api/licensing/catalogue?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { rows: Row[]; total: number; page: number; pageSize: number };
};
const codes = (l: { rows: Row[] }) => l.rows.map((r) => r.itemCode);
const byCode = async (code: string, c: Client = window): Promise<Detail> => {
  const row = (await list(`q=${enc(code)}&pageSize=100`, c)).rows.find((r) => r.itemCode === code)!;
  const res = await c.get(`/api/licensing/catalogue/${row.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const orgId = async (code: string) => (await env.db.one<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [code]))!.id;
const auditCount = async (action: string) => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))!.n;
const versionsOf = async (code: string) => (await env.db.query<{ version: number; is_current: boolean }>(
  'SELECT version, is_current FROM catalogue_items WHERE item_code = $1 ORDER BY version', [code]));

const newItem = (over: Record<string, unknown> = {}) => ({
  itemCode: 'XK-TEST-01', name: '消毒产品生产企业卫生许可', category: 'public_health', kind: 'licence', level: 'municipal',
  legalBasis: '《中华人民共和国传染病防治法》第二十九条', legalBasisCites: [{ law: '传染病防治法', article: 29 }],
  statutoryDays: 20, promisedDays: 10, online: true, commitmentAllowed: false, deficiencyAllowed: true, fee: '不收费',
  materials: [
    { code: 'M01', name: '卫生许可申请表', required: true, replaceable: null },
    { code: 'M02', name: '营业执照', required: true, replaceable: 'e_licence', licenceName: '营业执照' },
  ],
  licenceName: '消毒产品生产企业卫生许可证', licenceValidYears: 4, ...over,
});
const { itemCode: _c, ...updateBody } = newItem();

describe('the bundled catalogue', () => {
  it('is installed for the root commission and published: every category, citations of the library, promised within statutory', async () => {
    const all = await list('pageSize=100');
    expect(all.total).toBe(BUNDLED_CATALOGUE.length);
    expect(all.total).toBeGreaterThanOrEqual(10);
    const root = await orgId('JX-WJW');
    expect(all.rows.every((r) => r.orgId === root && r.active && r.publishedAt !== null && r.version === 1 && !r.editable)).toBe(true);
    for (const c of CATALOGUE_CATEGORIES) expect(all.rows.some((r) => r.category === c), c).toBe(true);
    expect(all.rows.filter((r) => r.commitmentAllowed).length).toBeGreaterThanOrEqual(2);
    expect(all.rows.filter((r) => r.deficiencyAllowed).length).toBeGreaterThanOrEqual(2);
    expect(all.rows.some((r) => r.materials.some((m) => m.replaceable === 'e_licence' && m.licenceName === '营业执照'))).toBe(true);
    expect(all.rows.some((r) => r.materials.some((m) => m.replaceable === 'data_check'))).toBe(true);
    expect(all.rows.filter((r) => r.category === 'medical_staff').every((r) => r.promisedDays <= 1)).toBe(true);
    for (const item of BUNDLED_CATALOGUE) {
      expect(item.promisedDays, item.itemCode).toBeLessThanOrEqual(item.statutoryDays);
      if (item.kind === 'licence' && item.category !== 'ex_officio' && item.licenceName === null) expect(item.itemCode).toBe('XK-FSPJ-01');
      if (item.kind === 'filing') expect(item.licenceName, item.itemCode).toBeNull();
      expect(item.legalBasisCites.length, item.itemCode).toBeGreaterThan(0);
      for (const b of item.legalBasisCites) {
        const ref = await articleInForce(env.db, b.law, b.article, todayInChina());
        expect(ref, `${item.itemCode}: 《${b.law}》第${b.article}条`).toBeDefined();
        if (b.paragraph !== undefined) expect(ref!.paragraphs.length, `${item.itemCode} ${b.law} ${b.article}`).toBeGreaterThanOrEqual(b.paragraph);
      }
    }
    const pp = await byCode('XK-GGCS-01');
    expect(pp).toMatchObject({
      name: '公共场所卫生许可', category: 'public_health', kind: 'licence', commitmentAllowed: true, deficiencyAllowed: true,
      statutoryDays: RULES.licensingDecisionPeriod.value, licenceName: '公共场所卫生许可证', licenceValidYears: 4,
      reminderDays: RULES.licensingExpiryReminderDays.value,
    });
    expect(pp.basis.map((b) => b.citation)).toEqual(['《公共场所卫生管理条例》第四条', '《公共场所卫生管理条例》第八条']);
    const staff = await byCode('XK-HSZC-01');
    expect(staff.basis.map((b) => b.citation)).toEqual(['《护士条例》第七条', '《护士条例》第八条']);
    // Every cited article resolves (none falls back to "not in the library").
    for (const r of all.rows) {
      const d = (await window.get(`/api/licensing/catalogue/${r.id}`)).json() as Detail;
      for (const b of d.basis) expect(b.citation, `${r.itemCode} ${b.law} ${b.article}`).not.toBeNull();
    }
  });

  it('installing it again changes nothing; a database missing one item gets exactly that one', async () => {
    expect(await ensureBundledCatalogue(env.db)).toEqual([]);
    await env.db.query("DELETE FROM catalogue_items WHERE item_code = 'ZQ-YSZX-01'");
    expect(await ensureBundledCatalogue(env.db)).toEqual(['ZQ-YSZX-01']);
    expect((await versionsOf('ZQ-YSZX-01'))).toEqual([{ version: 1, is_current: true }]);
  });

  it('the applications service finds the current active version by code', async () => {
    const item = await getCurrentItemByCode(env.db, 'XK-GGCS-01');
    expect(item).toMatchObject({ item_code: 'XK-GGCS-01', is_current: true, active: true, kind: 'licence', commitment_allowed: true, deficiency_allowed: true,
      licence_name: '公共场所卫生许可证', licence_valid_years: 4, org_id: await orgId('JX-WJW') });
    expect(item!.materials.length).toBeGreaterThan(3);
    expect(item!.reminder_days).toEqual([30, 7]);
    expect(await getCurrentItemByCode(env.db, 'NO-SUCH-ITEM')).toBeUndefined();
  });
});

describe('reading', () => {
  it('searches by words and code, filters by category, kind, organisation and state, in pages', async () => {
    expect(codes(await list('category=medical_staff'))).toEqual(['XK-HSZC-01', 'XK-YSZC-01']);
    expect(codes(await list('kind=filing'))).toEqual(['BA-ZS-01', 'BA-ZYZS-01']);
    expect(codes(await list(`q=${enc('诊所')}`))).toEqual(['BA-ZS-01', 'BA-ZYZS-01']);
    expect(codes(await list('q=xk-ggcs'))).toEqual(['XK-GGCS-01']);
    expect((await list('published=false')).total).toBe(0);
    expect((await list('active=false')).total).toBe(0);
    expect((await list(`orgId=${await orgId('NH-WJJ')}`)).total).toBe(0);
    expect((await list(`orgId=${await orgId('JX-WJW')}`)).total).toBe(BUNDLED_CATALOGUE.length);
    const page = await list('pageSize=5&page=3');
    expect(page).toMatchObject({ page: 3, pageSize: 5, total: BUNDLED_CATALOGUE.length });
    expect(page.rows.length).toBe(BUNDLED_CATALOGUE.length - 10);
    expect((await list('q=%25')).total).toBe(0);
    // The sections in the catalogue's order: public health first, ex officio last.
    const all = codes(await list('pageSize=100'));
    expect(all[0]).toBe('XK-FSPJ-01');
    expect(all[all.length - 1]).toBe('ZQ-YSZX-01');
    expect((await window.get('/api/licensing/catalogue?category=restaurant')).statusCode).toBe(400);
  });
});

describe('writing and versions', () => {
  it('the legal division creates an item; an edit adds version 2, version 1 stays readable and keeps its applications', async () => {
    const created = await legal.post('/api/licensing/catalogue', newItem());
    expect(created.statusCode, created.body).toBe(200);
    const v1 = created.json() as Detail;
    expect(v1).toMatchObject({ itemCode: 'XK-TEST-01', version: 1, isCurrent: true, editable: true, publishedAt: null, orgId: await orgId('JX-WJW'),
      reminderDays: RULES.licensingExpiryReminderDays.value });
    expect(v1.basis[0].citation).toBe('《中华人民共和国传染病防治法》第二十九条');
    expect(v1.materials[1]).toEqual({ code: 'M02', name: '营业执照', required: true, replaceable: 'e_licence', licenceName: '营业执照' });
    expect(await auditCount('licensing.catalogue.create')).toBe(1);

    // An application made under version 1 (as the applications service records it).
    await env.db.query(
      `INSERT INTO licence_applications (application_no, item_id, org_id, applicant_name, channel, tracking_code, state, received_on)
       VALUES ('SQ-TEST-0001', $1, $2, '测试消毒用品有限公司', 'window', 'T0001', 'submitted', $3)`, [v1.id, v1.orgId, todayInChina()]);

    const edited = await legal.put(`/api/licensing/catalogue/${v1.id}`, { ...updateBody, promisedDays: 5, changeNote: '压缩承诺时限' });
    expect(edited.statusCode, edited.body).toBe(200);
    const v2 = edited.json() as Detail;
    expect(v2).toMatchObject({ itemCode: 'XK-TEST-01', version: 2, isCurrent: true, promisedDays: 5, changeNote: '压缩承诺时限' });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.versions.map((v) => [v.version, v.isCurrent])).toEqual([[2, true], [1, false]]);
    expect(v2.versions[0]).toMatchObject({ changedFields: ['promisedDays'], createdBy: '陆文博', changeNote: '压缩承诺时限' });
    expect(await versionsOf('XK-TEST-01')).toEqual([{ version: 1, is_current: false }, { version: 2, is_current: true }]);

    // Version 1 as it was: readable in the history, not editable, still the application's.
    const old = (await legal.get(`/api/licensing/catalogue/${v1.id}`)).json() as Detail;
    expect(old).toMatchObject({ version: 1, isCurrent: false, promisedDays: 10, editable: false, applications: 1 });
    expect(v2.applications).toBe(0);
    expect((await env.db.one<{ item_id: number }>("SELECT item_id FROM licence_applications WHERE application_no = 'SQ-TEST-0001'"))!.item_id).toBe(v1.id);
    expect((await getCurrentItemByCode(env.db, 'XK-TEST-01'))!.id).toBe(v2.id);
    // The list shows the current version only.
    expect((await list('q=XK-TEST-01')).rows.map((r) => [r.id, r.version])).toEqual([[v2.id, 2]]);

    // Editing from the superseded version is refused; saving without a change adds nothing.
    const stale = await legal.put(`/api/licensing/catalogue/${v1.id}`, { ...updateBody, promisedDays: 3 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CATALOGUE_ITEM_STALE' });
    expect(stale.json().error.message).toContain('第2版');
    expect((await legal.put(`/api/licensing/catalogue/${v2.id}`, { ...updateBody, promisedDays: 5 })).json().version).toBe(2);
    const entry = await env.db.one<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      "SELECT before, after FROM audit_log WHERE action = 'licensing.catalogue.update' AND object_id = 'XK-TEST-01'");
    expect(entry).toEqual({ before: { id: v1.id, version: 1, promisedDays: 10 }, after: { id: v2.id, version: 2, promisedDays: 5, changeNote: '压缩承诺时限' } });
    expect(await auditCount('licensing.catalogue.update')).toBe(1);
  });

  it('refuses a promised time longer than the statutory one, in Chinese, on create and on edit', async () => {
    const res = await legal.post('/api/licensing/catalogue', newItem({ itemCode: 'XK-TEST-02', statutoryDays: 20, promisedDays: 30 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('承诺办结时限（30个工作日）不能超过法定办结时限（20个工作日）');
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'promisedDays' })]);
    const v2 = await byCode('XK-TEST-01', legal);
    const edit = await legal.put(`/api/licensing/catalogue/${v2.id}`, { ...updateBody, statutoryDays: 3, promisedDays: 5 });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.message).toContain('承诺办结时限（5个工作日）不能超过法定办结时限（3个工作日）');
    // Without a statutory limit, 行政许可法 art. 42 applies.
    const { statutoryDays: _s, ...noStatutory } = newItem({ itemCode: 'XK-TEST-03', promisedDays: RULES.licensingDecisionPeriod.value + 1 });
    expect((await legal.post('/api/licensing/catalogue', noStatutory)).statusCode).toBe(400);
    expect(await versionsOf('XK-TEST-02')).toEqual([]);
    expect(await versionsOf('XK-TEST-03')).toEqual([]);
  });

  it('checks the cited articles against the library and the other fields, in Chinese', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ legalBasisCites: [{ law: '医师法', article: 999 }] }, '法律法规库中没有现行有效的《医师法》第九百九十九条'],
      [{ legalBasisCites: [{ law: '护士条例', article: 8 }, { law: '护士条例', article: 8 }] }, '关联条文重复'],
      [{ legalBasisCites: [{ law: '护士条例', article: 8, paragraph: 9 }] }, '只有2段'],
      [{ materials: [{ code: 'M01', name: '营业执照', required: true, replaceable: 'e_licence' }] }, '请填写替代它的电子证照名称'],
      [{ materials: [{ code: 'M01', name: 'A', required: true }, { code: 'M01', name: 'B', required: true }] }, '材料编号“M01”重复'],
      [{ kind: 'filing' }, '备案事项不发放许可证件'],
      [{ reminderDays: [0] }, '提醒天数应为正整数'],
      [{ category: 'food' }, '事项类别不正确'],
      [{ itemCode: 'xk test' }, '事项编码只能包含大写字母'],
    ];
    for (const [over, message] of cases) {
      const res = await legal.post('/api/licensing/catalogue', newItem({ itemCode: 'XK-TEST-04', ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.message, JSON.stringify(over)).toContain(message);
    }
    const taken = await legal.post('/api/licensing/catalogue', newItem({ itemCode: 'XK-GGCS-01' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CATALOGUE_CODE_TAKEN');
    expect(await versionsOf('XK-TEST-04')).toEqual([]);
  });

  it('a role without licensing.catalogue reads but gets 403 on every change; one without licensing.read gets 403', async () => {
    const pp = await byCode('XK-GGCS-01');
    expect(pp.editable).toBe(false);
    for (const c of [window, inspector, await env.as('leader')]) {
      expect((await c.post('/api/licensing/catalogue', newItem({ itemCode: 'XK-TEST-05' }))).statusCode).toBe(403);
      expect((await c.put(`/api/licensing/catalogue/${pp.id}`, updateBody)).statusCode).toBe(403);
      expect((await c.post(`/api/licensing/catalogue/${pp.id}/unpublish`)).statusCode).toBe(403);
      expect((await c.post(`/api/licensing/catalogue/${pp.id}/active`, { active: false })).statusCode).toBe(403);
      expect((await c.post('/api/licensing/bundles', { code: 'YJS-T', name: 'x', itemCodes: ['XK-GGCS-01', 'XK-GSDW-01'] })).statusCode).toBe(403);
    }
    const hotline = await env.as('hotline');
    const res = await hotline.get('/api/licensing/catalogue');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: '无权执行此操作' } });
    expect((await env.anonymous.get('/api/licensing/catalogue')).statusCode).toBe(401);
    expect(await versionsOf('XK-TEST-05')).toEqual([]);
    expect((await versionsOf('XK-GGCS-01')).length).toBe(1);
  });
});

describe('the public service guide', () => {
  it('shows what is published: publishing adds the item, unpublishing and deactivating withdraw it', async () => {
    const guide = async (query = '') => {
      const res = await env.anonymous.get(`/api/public/service-guide?pageSize=100${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { rows: { itemCode: string }[]; total: number };
    };
    expect((await guide()).total).toBe(BUNDLED_CATALOGUE.length);
    expect((await guide('&category=filing_other')).rows.map((r) => r.itemCode)).toEqual(['BA-ZS-01', 'BA-ZYZS-01']);
    expect((await guide(`&q=${enc('护士')}`)).rows.map((r) => r.itemCode)).toEqual(['XK-HSZC-01']);
    expect((await guide()).rows.some((r) => r.itemCode === 'XK-TEST-01')).toBe(false);
    expect((await env.anonymous.get('/api/public/service-guide/XK-TEST-01')).statusCode).toBe(404);

    const item = await byCode('XK-TEST-01', legal);
    const published = await legal.post(`/api/licensing/catalogue/${item.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    expect((await legal.post(`/api/licensing/catalogue/${item.id}/publish`)).statusCode).toBe(409);
    expect((await guide()).rows.some((r) => r.itemCode === 'XK-TEST-01')).toBe(true);
    const one = await env.anonymous.get('/api/public/service-guide/XK-TEST-01');
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      itemCode: 'XK-TEST-01', name: '消毒产品生产企业卫生许可', version: 2, statutoryDays: 20, promisedDays: 5, fee: '不收费', online: true,
      commitmentAllowed: false, deficiencyAllowed: true, agency: '嘉兴市卫生健康委员会', licenceName: '消毒产品生产企业卫生许可证', licenceValidYears: 4,
      legalBasis: '《中华人民共和国传染病防治法》第二十九条', categoryName: '公共卫生类', kindName: '行政许可',
    });
    expect(one.json().materials[1]).toMatchObject({ name: '营业执照', replaceable: 'e_licence', replaceableName: '可用电子证照替代', licenceName: '营业执照' });
    expect(one.json().basis[0].citation).toBe('《中华人民共和国传染病防治法》第二十九条');
    expect(one.json().basis[0].text[1]).toContain('饮用水供水单位');
    // Nothing internal reaches the public.
    expect(Object.keys(one.json())).not.toContain('id');
    expect(Object.keys(one.json())).not.toContain('changeNote');

    const unpublished = await legal.post(`/api/licensing/catalogue/${item.id}/unpublish`);
    expect(unpublished.json().publishedAt).toBeNull();
    expect((await env.anonymous.get('/api/public/service-guide/XK-TEST-01')).statusCode).toBe(404);
    expect((await guide()).rows.some((r) => r.itemCode === 'XK-TEST-01')).toBe(false);

    // Deactivating a published item withdraws it; an inactive item cannot be published.
    await legal.post(`/api/licensing/catalogue/${item.id}/publish`);
    const off = await legal.post(`/api/licensing/catalogue/${item.id}/active`, { active: false, note: '停止受理' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, publishedAt: null, version: 2 });
    expect((await env.anonymous.get('/api/public/service-guide/XK-TEST-01')).statusCode).toBe(404);
    expect((await legal.post(`/api/licensing/catalogue/${item.id}/publish`)).json().error.code).toBe('CATALOGUE_INACTIVE');
    expect(await getCurrentItemByCode(env.db, 'XK-TEST-01')).toBeUndefined();
    expect((await legal.post(`/api/licensing/catalogue/${item.id}/active`, { active: true })).json()).toMatchObject({ active: true, publishedAt: null });
    expect(await auditCount('licensing.catalogue.publish')).toBe(2);
    expect(await auditCount('licensing.catalogue.unpublish')).toBe(1);
    expect(await auditCount('licensing.catalogue.deactivate')).toBe(1);

    // An unknown or malformed code is a plain 404/400.
    expect((await env.anonymous.get('/api/public/service-guide/XK-NONE-99')).statusCode).toBe(404);
    expect((await env.anonymous.get(`/api/public/service-guide/${enc("' OR 1=1 --")}`)).statusCode).toBe(400);
  });

  it('one item’s guide names its bundles; the bundles whose items are all published are listed', async () => {
    const pp = (await env.anonymous.get('/api/public/service-guide/XK-YSZC-01')).json();
    expect(pp.bundles).toEqual([{ code: 'YJS-XKZS-01', name: '新开诊所一件事' }]);
    const res = await env.anonymous.get('/api/public/service-guide-bundles');
    expect(res.statusCode, res.body).toBe(200);
    const clinic = res.json().rows.find((b: { code: string }) => b.code === 'YJS-XKZS-01');
    expect(clinic.items.map((i: { itemCode: string }) => i.itemCode)).toEqual(BUNDLED_BUNDLES[0].itemCodes);
    expect(clinic.promisedDays).toBe(1);
  });
});

describe('organisation scope', () => {
  it('a district reads the city’s catalogue but cannot change it; another district’s own item answers 404', async () => {
    const admin = await env.as('admin');
    const nh = await orgId('NH-WJJ');
    const created = await admin.post('/api/licensing/catalogue', newItem({ itemCode: 'NH-XK-01', orgId: nh, level: 'district' }));
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    expect((await inspector.get(`/api/licensing/catalogue/${id}`)).statusCode).toBe(200);

    const xz = await orgId('XZ-WJJ');
    const user = await admin.post('/api/users', {
      username: 'xzlicensing', displayName: '秀洲区审批科', orgId: xz, roles: ['admin'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026', active: true,
    });
    expect(user.statusCode, user.body).toBe(200);
    const district = await env.as('xzlicensing', 'District2026');
    for (const res of [
      await district.get(`/api/licensing/catalogue/${id}`),
      await district.put(`/api/licensing/catalogue/${id}`, updateBody),
      await district.post(`/api/licensing/catalogue/${id}/publish`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } });
    }
    expect((await list('q=NH-XK-01', district)).total).toBe(0);
    expect((await list('q=NH-XK-01', inspector)).total).toBe(1);

    // The city's items: read, not changed.
    const city = await byCode('XK-GGCS-01', district);
    expect(city.editable).toBe(false);
    const edit = await district.put(`/api/licensing/catalogue/${city.id}`, updateBody);
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.message).toContain('嘉兴市卫生健康委员会');
    expect((await district.post(`/api/licensing/catalogue/${city.id}/unpublish`)).statusCode).toBe(403);
    expect((await versionsOf('XK-GGCS-01')).length).toBe(1);

    // Its own item goes to the district commission; another district's organisation is refused.
    const own = await district.post('/api/licensing/catalogue', newItem({ itemCode: 'XZ-XK-01' }));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ orgId: xz, editable: true });
    expect((await district.post('/api/licensing/catalogue', newItem({ itemCode: 'XZ-XK-02', orgId: nh }))).statusCode).toBe(400);
    expect((await list('q=XZ-XK', inspector)).total).toBe(0);
  });
});

describe('bundles', () => {
  it('lists the bundled “one thing”; a new bundle needs two existing items and a free code', async () => {
    const res = await window.get('/api/licensing/bundles');
    expect(res.statusCode, res.body).toBe(200);
    const clinic = res.json().rows.find((b: { code: string }) => b.code === 'YJS-XKZS-01');
    expect(clinic).toMatchObject({ name: '新开诊所一件事', itemCodes: ['BA-ZS-01', 'XK-YSZC-01', 'XK-HSZC-01'] });
    expect(clinic.items.map((i: { name: string }) => i.name)).toEqual(['诊所备案', '医师执业注册', '护士执业注册']);

    const one = await legal.post('/api/licensing/bundles', { code: 'YJS-T-01', name: '开办美容店一件事', itemCodes: ['XK-GGCS-01'] });
    expect(one.statusCode).toBe(400);
    expect(one.json().error.message).toContain('至少包含2个事项');
    const unknown = await legal.post('/api/licensing/bundles', { code: 'YJS-T-01', name: '开办美容店一件事', itemCodes: ['XK-GGCS-01', 'XK-NONE-01'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'BUNDLE_ITEM_NOT_FOUND' });
    expect(unknown.json().error.message).toContain('XK-NONE-01');
    const good = await legal.post('/api/licensing/bundles', { code: 'YJS-T-01', name: '开办游泳馆一件事', itemCodes: ['XK-GGCS-01', 'XK-GSDW-01'] });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ code: 'YJS-T-01', itemCodes: ['XK-GGCS-01', 'XK-GSDW-01'], orgId: await orgId('JX-WJW') });
    const again = await legal.post('/api/licensing/bundles', { code: 'YJS-T-01', name: '重复', itemCodes: ['XK-GGCS-01', 'XK-GSDW-01'] });
    expect(again.statusCode).toBe(409);
    expect(await auditCount('licensing.bundle.create')).toBe(1);
    const pub = (await env.anonymous.get('/api/public/service-guide-bundles')).json().rows.map((b: { code: string }) => b.code);
    expect(pub).toContain('YJS-T-01');
  });
});

describe('export', () => {
  it('writes the filtered catalogue as XLSX and records it', async () => {
    const res = await window.get('/api/licensing/catalogue/export?format=xlsx&category=medical_staff');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(enc('政务服务事项清单'));
    const rows = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['XK-HSZC-01', 'XK-YSZC-01']);
    const nurse = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, rows[1][i]]));
    expect(nurse).toMatchObject({ 事项名称: '护士执业注册', 事项类别: '医护人员', 告知承诺: '是', 证照名称: '护士执业证书', 办事指南: '已公开', 关联条文: '《护士条例》第七条；《护士条例》第八条' });
    expect(await auditCount('export.licensing_catalogue')).toBe(1);
    expect((await window.get('/api/licensing/catalogue/export?format=csv')).statusCode).toBe(400);
  });
});

describe('the catalogue_items dataset', () => {
  const COLUMNS = ['item_code', 'name', 'category', 'org_code', 'legal_basis', 'statutory_days', 'promised_days', 'online', 'commitment_allowed', 'active'];
  const upload = async (rows: unknown[][], c: Client = window) => {
    const m = multipart('catalogue_items.csv', csv(rows));
    return c.post('/api/imports/catalogue_items', m.body, m.headers);
  };
  const good = () => [COLUMNS,
    ['XK-IMP-01', '医疗机构执业登记（导入）', 'medical_institution', 'JX-WJW', '《医疗机构管理条例》第十五条、第十七条', 45, 20, 'Y', 'N', 'Y'],
    ['BA-IMP-01', '诊所备案（导入）', 'filing_other', 'NH-WJJ', '《中华人民共和国医师法》第二十条', 1, 0, 'Y', 'N', 'Y']];

  it('has the template of data-exchange.md', async () => {
    const res = await window.get('/api/imports/catalogue_items/template');
    expect(res.statusCode).toBe(200);
    expect(sheetRows((await readXlsx(res.rawPayload)).worksheets[0])).toEqual([COLUMNS]);
  });

  it('imports new items, re-imports without a version when nothing changed, adds a version when a field did', async () => {
    const first = await upload(good());
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ dataset: 'catalogue_items', inserted: 2, updated: 0 });
    const imported = await byCode('XK-IMP-01');
    expect(imported).toMatchObject({ version: 1, kind: 'licence', statutoryDays: 45, promisedDays: 20, publishedAt: null });
    expect(imported.basis.map((b) => b.citation)).toEqual(['《医疗机构管理条例》第十五条', '《医疗机构管理条例》第十七条']);
    expect((await byCode('BA-IMP-01')).kind).toBe('filing');

    expect((await upload(good())).json()).toEqual({ dataset: 'catalogue_items', inserted: 0, updated: 2 });
    expect(await versionsOf('XK-IMP-01')).toEqual([{ version: 1, is_current: true }]);

    const changed = good();
    changed[1][6] = 15;
    changed[2][9] = 'N';
    expect((await upload(changed)).json()).toEqual({ dataset: 'catalogue_items', inserted: 0, updated: 2 });
    expect(await versionsOf('XK-IMP-01')).toEqual([{ version: 1, is_current: false }, { version: 2, is_current: true }]);
    const v2 = await byCode('XK-IMP-01');
    expect(v2).toMatchObject({ version: 2, promisedDays: 15, changeNote: '导入更新' });
    expect(v2.versions[0].changedFields).toEqual(['promisedDays']);
    // Deactivating is a state, not a term: no version.
    expect(await versionsOf('BA-IMP-01')).toEqual([{ version: 1, is_current: true }]);
    expect((await list('q=BA-IMP-01&active=false')).total).toBe(1);
  });

  it('reports every bad row in Chinese and writes nothing', async () => {
    const before = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_items'))!.n;
    const bad = await upload([COLUMNS,
      ['XK-BAD-01', '时限倒挂', 'public_health', 'JX-WJW', '《公共场所卫生管理条例》第八条', 20, 30, 'Y', 'N', 'Y'],
      ['XK-BAD-02', '机构不存在', 'public_health', 'NO-ORG', '依据', 20, 5, 'Y', 'N', 'Y'],
      ['XK-BAD-03', '类别错误', 'food', 'JX-WJW', '依据', 20, 5, '是', 'N', 'Y'],
      ['xk bad', '编码错误', 'public_health', 'JX-WJW', '依据', 0, 5, 'Y', 'N', 'Y'],
      ['XK-IMP-01', '改换机构', 'medical_institution', 'NH-WJJ', '《医疗机构管理条例》第十五条、第十七条', 45, 15, 'Y', 'N', 'Y'],
      ['XK-OK-01', '本行无误', 'public_health', 'JX-WJW', '依据', 20, 5, 'Y', 'N', 'Y']]);
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().errors as { row: number; column: string; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`).join(' | ');
    expect(at(2)).toContain('promised_days:承诺办结时限（30个工作日）不能超过法定办结时限（20个工作日）');
    expect(at(3)).toContain('org_code:机构代码“NO-ORG”不存在');
    expect(at(4)).toContain('category:取值不正确');
    expect(at(4)).toContain('online:应填 Y（是）或 N（否）');
    expect(at(5)).toContain('item_code:事项编码只能包含大写字母');
    expect(at(5)).toContain('statutory_days:应在 1～3650 之间');
    expect(at(6)).toContain('org_code:事项的实施机构不能通过导入变更（现为 JX-WJW）');
    expect(at(7)).toBe('');
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_items'))!.n).toBe(before);
  });

  it('needs imports.licensing; a district may not touch the city’s items', async () => {
    expect((await upload(good(), legal)).statusCode).toBe(403);
    expect((await upload(good(), inspector)).statusCode).toBe(403);
    const district = await env.as('xzlicensing', 'District2026');
    const res = await upload([COLUMNS, ['XK-GGCS-01', '公共场所卫生许可', 'public_health', 'JX-WJW', '《公共场所卫生管理条例》第四条、第八条', 20, 1, 'Y', 'Y', 'Y']], district);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { column: string }) => e.column)).toContain('org_code');
  });

  it('an export re-imports unchanged: every row updated, none inserted, no version added', async () => {
    const count = async () => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_items'))!.n;
    const before = await count();
    const current = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_items WHERE is_current'))!.n;
    for (const format of ['csv', 'xlsx']) {
      const file = await window.get(`/api/exports/catalogue_items?format=${format}`);
      expect(file.statusCode).toBe(200);
      if (format === 'csv') {
        const rows = parseCsv(file.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
        expect(Object.keys(rows[0])).toEqual(COLUMNS);
        expect(rows.find((r) => r.item_code === 'XK-GGCS-01')).toMatchObject({ category: 'public_health', org_code: 'JX-WJW', online: 'Y', commitment_allowed: 'Y', active: 'Y' });
      }
      const m = multipart(`export.${format}`, file.rawPayload, format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const res = await window.post('/api/imports/catalogue_items', m.body, m.headers);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json()).toEqual({ dataset: 'catalogue_items', inserted: 0, updated: current });
    }
    expect(await count()).toBe(before);
  });
});
