// Check-item lists through the API: the bundled lists and their citations, search and
// filters, the detail with the article text in force, writing (create, edit, deactivate)
// with revisions and audit entries, validation against the legal-basis library and the
// discretion provisions, permissions, organisation scope and the Excel export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { readXlsx, sheetRows } from '../datasets/testFiles';
import { todayInChina } from '../../core/calendar/dates';
import { ENTITY_CATEGORIES } from '../entities/categories';
import { articleInForce } from '../laws/service';
import { BUNDLED_CHECK_ITEMS } from './bundled';
import { EXPORT_COLUMNS, ensureBundledCheckItems } from './service';

let env: TestEnv;
let legal: Client;
let inspector: Client;

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  inspector = await env.as('inspector1');
});
afterAll(async () => { await env?.close(); });

interface Row { id: number; code: string; category: string; title: string; randomList: boolean; active: boolean; provisionCode: string | null; editable: boolean; revision: number; orgId: number; basisText: string[] }
interface Detail extends Row {
  basis: { law: string; article: number; paragraph: number | null; citation: string | null; text: { title: string; label: string; paragraphs: { no: number; text: string; citation: string }[] } | null }[];
  provision: { code: string; title: string; penaltyCitation: string } | null;
  revisions: { revision: number; change: string; changedBy: string | null; changedFields: string[] }[];
  method: string; sortOrder: number;
}

const enc = encodeURIComponent;
const list = async (query: string, c: Client = inspector) => {
  const res = await c.get(`/api/checkitems?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { rows: Row[]; total: number; page: number; pageSize: number };
};
const byCode = async (code: string, c: Client = inspector): Promise<Detail> => {
  const row = (await list(`q=${enc(code)}&pageSize=100`, c)).rows.find((r) => r.code === code)!;
  const res = await c.get(`/api/checkitems/${row.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const orgId = async (code: string) => (await env.db.one<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [code]))!.id;
const auditCount = async (action: string, objectId?: number) => (await env.db.one<{ n: number }>(
  'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR object_id = $2)', [action, objectId === undefined ? null : String(objectId)]))!.n;

const newItem = (over: Record<string, unknown> = {}) => ({
  code: 'GGCS-T1', category: 'public_place', title: '集中空调通风系统卫生', method: '查阅集中空调通风系统卫生检测和清洗记录。',
  legalBasis: [{ law: '公共场所卫生管理条例', article: 3, paragraph: 2 }], provisionCode: 'PP-36', randomList: true, sortOrder: 70, ...over,
});

describe('the bundled lists', () => {
  it('are loaded for the root commission: a list for every category but “other”, each citation an article of the library', async () => {
    const all = await list('pageSize=100');
    expect(all.total).toBe(BUNDLED_CHECK_ITEMS.length);
    const root = await orgId('JX-WJW');
    expect(all.rows.every((r) => r.orgId === root && r.active && !r.editable)).toBe(true);
    for (const c of ENTITY_CATEGORIES.filter((x) => x !== 'other')) expect(all.rows.some((r) => r.category === c), c).toBe(true);

    const provisions = new Set((await env.db.query<{ code: string }>('SELECT code FROM penalty_provisions')).map((p) => p.code));
    for (const item of BUNDLED_CHECK_ITEMS) {
      if (item.provisionCode) expect(provisions.has(item.provisionCode), `${item.code} ${item.provisionCode}`).toBe(true);
      for (const b of item.legalBasis) {
        const ref = await articleInForce(env.db, b.law, b.article, todayInChina());
        expect(ref, `${item.code}: 《${b.law}》第${b.article}条`).toBeDefined();
        if (b.paragraph !== undefined) expect(ref!.paragraphs.length, `${item.code}: 《${b.law}》第${b.article}条第${b.paragraph}段`).toBeGreaterThanOrEqual(b.paragraph);
      }
    }
    // Every item's detail cites each of its articles (none falls back to “not in the library”).
    for (const r of all.rows) {
      const d = (await inspector.get(`/api/checkitems/${r.id}`)).json() as Detail;
      for (const b of d.basis) expect(b.citation, `${r.code} ${b.law} ${b.article}`).not.toBeNull();
    }
  });

  it('installing them again changes nothing; a database missing one gets exactly that one at start-up', async () => {
    expect(await ensureBundledCheckItems(env.db)).toEqual([]);
    const revisions = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM check_item_revisions WHERE note = '平台内置检查事项'");
    expect(revisions!.n).toBe(BUNDLED_CHECK_ITEMS.length);
    // As a database that predates GGCS-06 (the items are never deleted by the platform itself).
    await env.db.transaction(async (tx) => {
      await tx.query("DELETE FROM check_item_revisions WHERE item_id = (SELECT id FROM check_items WHERE code = 'GGCS-06')");
      await tx.query("DELETE FROM check_items WHERE code = 'GGCS-06'");
    });
    expect(await ensureBundledCheckItems(env.db)).toEqual(['GGCS-06']);
    expect(await env.db.one("SELECT c.sort_order, o.code FROM check_items c JOIN organizations o ON o.id = c.org_id WHERE c.code = 'GGCS-06'"))
      .toEqual({ sort_order: 60, code: 'JX-WJW' });
  });
});

describe('reading', () => {
  it('finds the public-place items by category, words, code, random list and provision, in pages', async () => {
    const pp = await list('category=public_place&pageSize=100');
    expect(pp.rows.map((r) => r.code)).toEqual(['GGCS-01', 'GGCS-02', 'GGCS-03', 'GGCS-04', 'GGCS-05', 'GGCS-06']);
    expect((await list(`q=${enc('健康合格')}`)).rows.map((r) => r.code)).toEqual(['GGCS-02']);
    expect((await list('q=ggcs-0&pageSize=100')).total).toBe(6);
    const random = await list('category=public_place&randomOnly=true&pageSize=100');
    expect(random.rows.map((r) => r.code)).toEqual(['GGCS-01', 'GGCS-02', 'GGCS-03', 'GGCS-04']);
    expect((await list('provision=PP-36')).rows.map((r) => r.code)).toEqual(['GGCS-03', 'GGCS-04']);
    expect((await list('active=false')).total).toBe(0);
    const page2 = await list('category=public_place&pageSize=4&page=2');
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.rows.map((r) => r.code)).toEqual(['GGCS-05', 'GGCS-06']);
    expect(pp.rows[1].basisText).toEqual(['《公共场所卫生管理条例》第七条']);
    expect((await list('q=%25')).total).toBe(0);
  });

  it('shows the articles in force and the provision that applies', async () => {
    const d = await byCode('GGCS-02');
    expect(d.basis[0].citation).toBe('《公共场所卫生管理条例》第七条');
    expect(d.basis[0].text!.paragraphs[0].text).toContain('健康合格证');
    expect(d.provision).toMatchObject({ code: 'PP-38', penaltyCitation: '《公共场所卫生管理条例实施细则》第三十八条' });
    expect(d.revisions).toMatchObject([{ revision: 1, change: 'create', changedBy: '系统' }]);
    const doctors = await byCode('YLJG-04');
    expect(doctors.basis.map((b) => b.citation)).toEqual(['《医疗机构管理条例》第二十八条', '《中华人民共和国医师法》第十三条第四款']);
    expect(doctors.provision!.penaltyCitation).toBe('《中华人民共和国医师法》第五十九条');
  });

  it('gives an article with the citation of each of its lines, for the picker', async () => {
    const res = await legal.get(`/api/checkitems/article?law=${enc('职业病防治法')}&article=72`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.citation).toBe('《中华人民共和国职业病防治法》第七十二条');
    expect(a.paragraphs[1].citation).toBe('《中华人民共和国职业病防治法》第七十二条第一项');
    const missing = await legal.get(`/api/checkitems/article?law=${enc('医师法')}&article=999`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('法律法规库中没有');
  });
});

describe('writing', () => {
  it('the legal division creates, edits, deactivates and reactivates an item; each change is a revision and an audit entry', async () => {
    const created = await legal.post('/api/checkitems', newItem());
    expect(created.statusCode, created.body).toBe(200);
    const item = created.json() as Detail;
    expect(item).toMatchObject({ code: 'GGCS-T1', revision: 1, active: true, editable: true, orgId: await orgId('JX-WJW'), provisionCode: 'PP-36' });
    expect(item.basis[0].citation).toBe('《公共场所卫生管理条例》第三条第一款第一项');
    expect(await auditCount('checkitems.create', item.id)).toBe(1);
    // The inspectors of the district see the commission's new item, without the right to change it.
    const seen = (await list(`q=GGCS-T1`)).rows[0];
    expect(seen).toMatchObject({ code: 'GGCS-T1', editable: false });

    const body = { ...newItem({ title: '集中空调通风系统卫生状况', provisionCode: null, randomList: false }), revision: 1 } as Record<string, unknown>;
    delete body.code;
    const edited = await legal.put(`/api/checkitems/${item.id}`, body);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, title: '集中空调通风系统卫生状况', provisionCode: null, randomList: false, code: 'GGCS-T1' });
    expect(edited.json().revisions[0]).toMatchObject({ revision: 2, change: 'update', changedBy: '陆文博' });
    expect(edited.json().revisions[0].changedFields.sort()).toEqual(['provisionCode', 'randomList', 'title']);
    const entry = await env.db.one<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      "SELECT before, after FROM audit_log WHERE action = 'checkitems.update' AND object_id = $1", [String(item.id)]);
    expect(entry!.before).toMatchObject({ title: '集中空调通风系统卫生', provisionCode: 'PP-36', revision: 1 });
    expect(entry!.after).toMatchObject({ title: '集中空调通风系统卫生状况', provisionCode: null, revision: 2 });

    const stale = await legal.put(`/api/checkitems/${item.id}`, { ...body, title: '过期的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已被他人修改');
    // Saving without a change adds no revision.
    expect((await legal.put(`/api/checkitems/${item.id}`, { ...body, revision: 2 })).json().revision).toBe(2);

    const off = await legal.post(`/api/checkitems/${item.id}/deactivate`, { note: '并入 GGCS-03' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, revision: 3 });
    expect(off.json().revisions[0]).toMatchObject({ change: 'deactivate', note: '并入 GGCS-03' });
    expect((await legal.post(`/api/checkitems/${item.id}/deactivate`, {})).statusCode).toBe(409);
    expect((await list('active=false')).rows.map((r) => r.code)).toEqual(['GGCS-T1']);
    expect((await list('q=GGCS-T1&active=true')).total).toBe(0);
    // Never deleted: the record and its revisions stay.
    expect((await inspector.get(`/api/checkitems/${item.id}`)).statusCode).toBe(200);
    const on = await legal.post(`/api/checkitems/${item.id}/reactivate`, {});
    expect(on.json()).toMatchObject({ active: true, revision: 4 });
    expect(await auditCount('checkitems.deactivate', item.id)).toBe(1);
    expect(await auditCount('checkitems.reactivate', item.id)).toBe(1);
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM check_item_revisions WHERE item_id = $1', [item.id]))!.n).toBe(4);
  });

  it('refuses citations the library does not hold and provisions that do not exist, in Chinese', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ legalBasis: [{ law: '医师法', article: 999 }] }, 'CHECK_ITEM_ARTICLE_NOT_FOUND', '法律法规库中没有现行有效的《医师法》第九百九十九条'],
      [{ legalBasis: [{ law: '中华人民共和国医师法', article: 13 }] }, 'CHECK_ITEM_ARTICLE_NOT_FOUND', '法律法规库中没有'],
      [{ legalBasis: [{ law: '公共场所卫生管理条例', article: 7, paragraph: 3 }] }, 'CHECK_ITEM_PARAGRAPH_NOT_FOUND', '只有1段'],
      [{ legalBasis: [{ law: '医师法', article: 13 }, { law: '医师法', article: 13 }] }, 'CHECK_ITEM_BASIS_DUPLICATE', '法律依据重复'],
      [{ provisionCode: 'NOPE-1' }, 'CHECK_ITEM_PROVISION_NOT_FOUND', '处罚条款“NOPE-1”不存在'],
    ];
    for (const [over, code, message] of cases) {
      const res = await legal.post('/api/checkitems', newItem({ code: 'GGCS-T2', ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error).toMatchObject({ code });
      expect(res.json().error.message).toContain(message);
    }
    const invalid = await legal.post('/api/checkitems', newItem({ code: 'ggcs t2', title: '', legalBasis: [] }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/事项编号只能包含大写字母/);
    expect(invalid.json().error.message).toContain('请至少填写一条法律依据');
    const taken = await legal.post('/api/checkitems', newItem({ code: 'GGCS-01' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CHECK_ITEM_CODE_TAKEN');
    // An edit is checked the same way.
    const pp = await byCode('GGCS-01', legal);
    const admin = await env.as('admin');
    const bad = await admin.put(`/api/checkitems/${pp.id}`, {
      category: 'public_place', title: pp.title, method: pp.method, legalBasis: [{ law: '公共场所卫生管理条例', article: 88 }],
      provisionCode: 'PP-35', randomList: true, sortOrder: pp.sortOrder, revision: pp.revision,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('《公共场所卫生管理条例》第八十八条');
    expect((await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM check_items WHERE code = 'GGCS-T2'"))!.n).toBe(0);
  });

  it('an inspector reads the lists but writing answers 403', async () => {
    const pp = await byCode('GGCS-01');
    expect(pp.editable).toBe(false);
    const before = await auditCount('checkitems.update');
    expect((await inspector.post('/api/checkitems', newItem({ code: 'GGCS-T3' }))).statusCode).toBe(403);
    expect((await inspector.put(`/api/checkitems/${pp.id}`, { ...newItem(), revision: pp.revision })).statusCode).toBe(403);
    const off = await inspector.post(`/api/checkitems/${pp.id}/deactivate`, {});
    expect(off.statusCode).toBe(403);
    expect(off.json().error).toEqual({ code: 'FORBIDDEN', message: '无权执行此操作' });
    expect(await auditCount('checkitems.update')).toBe(before);
  });
});

describe('organisation scope', () => {
  it('a district’s own item: its inspectors and the city see it, another district gets 404; a district cannot change the city’s list', async () => {
    const admin = await env.as('admin');
    const nh = await orgId('NH-WJJ');
    const res = await admin.post('/api/checkitems', newItem({ code: 'NH-01', orgId: nh, legalBasis: [{ law: '医疗废物管理条例', article: 17 }], category: 'medical_institution', provisionCode: null }));
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;

    expect((await inspector.get(`/api/checkitems/${id}`)).statusCode).toBe(200);
    expect((await legal.get(`/api/checkitems/${id}`)).json().editable).toBe(true);
    const other = await env.as('inspector3');
    const hidden = await other.get(`/api/checkitems/${id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } });
    expect((await list('q=NH-01', other)).total).toBe(0);
    expect((await list('q=NH-01')).total).toBe(1);

    // A district administrator of 秀洲区 (every permission, scope 秀洲区卫生健康局 and below).
    const xz = await orgId('XZ-WJJ');
    const created = await admin.post('/api/users', {
      username: 'xzlegal', displayName: '秀洲区法规科', orgId: xz, roles: ['admin'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026', active: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    const district = await env.as('xzlegal', 'District2026');
    const nhBody = { ...newItem({ category: 'medical_institution', provisionCode: null, legalBasis: [{ law: '医疗废物管理条例', article: 17 }] }), revision: 1 } as Record<string, unknown>;
    delete nhBody.code;
    const outside = await district.put(`/api/checkitems/${id}`, nhBody);
    expect(outside.statusCode).toBe(404);
    expect((await district.post(`/api/checkitems/${id}/deactivate`, {})).statusCode).toBe(404);

    const city = await byCode('GGCS-05', district);
    expect(city.editable).toBe(false);
    const cityEdit = await district.post(`/api/checkitems/${city.id}/deactivate`, {});
    expect(cityEdit.statusCode).toBe(403);
    expect(cityEdit.json().error.message).toContain('嘉兴市卫生健康委员会');
    // Its own item goes to the district commission by default; another district's organisation is refused.
    const own = await district.post('/api/checkitems', newItem({ code: 'XZ-01' }));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ orgId: xz, editable: true });
    const elsewhere = await district.post('/api/checkitems', newItem({ code: 'XZ-02', orgId: nh }));
    expect(elsewhere.statusCode).toBe(400);
    expect((await list('q=XZ-0', other)).rows.map((r) => r.code)).toEqual(['XZ-01']);
    expect((await list('q=XZ-0')).total).toBe(0);
  });
});

describe('export', () => {
  it('writes the filtered list with the citations in force, and records it', async () => {
    const before = await auditCount('export.checkitems');
    const res = await inspector.get('/api/checkitems/export?format=xlsx&category=public_place&randomOnly=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(enc('检查事项清单'));
    const rows = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const body = rows.slice(1);
    expect(body.map((r) => r[0])).toEqual(['GGCS-01', 'GGCS-02', 'GGCS-03', 'GGCS-04']);
    const first = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, body[0][i]]));
    expect(first).toMatchObject({
      监管对象类别: '公共场所', 法律依据: '《公共场所卫生管理条例》第八条；《公共场所卫生管理条例》第四条第一款', 处罚条款编号: 'PP-35',
      随机抽查事项: '是', 状态: '有效', 所属机构: '嘉兴市卫生健康委员会',
    });
    expect(await auditCount('export.checkitems')).toBe(before + 1);
    const entry = await env.db.one<{ after: { filters: Record<string, unknown>; rows: number } }>(
      "SELECT after FROM audit_log WHERE action = 'export.checkitems' ORDER BY id DESC LIMIT 1");
    expect(entry!.after).toMatchObject({ filters: { category: 'public_place', randomOnly: true }, rows: 4 });
    expect((await inspector.get('/api/checkitems/export?format=csv')).statusCode).toBe(400);
  });
});
