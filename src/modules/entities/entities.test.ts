import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { usccCheckCharacter } from '../../core/codes/uscc';
import { makeUscc } from '../../seed/codes';
import { TEST_ENTITY_COUNT } from '../../../test/support/env';

let env: TestEnv;
const org: Record<string, number> = {};
beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
});
afterAll(async () => { await env?.close(); });

interface Row {
  id: number; uscc: string; name: string; category: string; categoryName: string; regionCode: string; regionName: string | null;
  address: string; orgId: number; orgName: string; legalRep: string | null; riskClass: string | null; creditGrade: string | null;
  blacklisted: boolean; legacyCode: boolean; updatedAt: string;
}
interface Page { rows: Row[]; total: number; totalCapped: boolean; page: number; pageSize: number }

async function list(username: string, query: string): Promise<Page> {
  const c = await env.as(username);
  const res = await c.get(`/api/entities?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Independent count straight from the table: entities whose name, address or legal representative contain text. */
async function countContaining(text: string, orgIds?: number[]): Promise<number> {
  const row = await env.db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM entities
      WHERE position($1 in lower(name || ' ' || address || ' ' || coalesce(legal_rep, ''))) > 0
        AND ($2::int[] IS NULL OR org_id = ANY($2::int[]))`, [text.toLowerCase(), orgIds ?? null]);
  return row!.n;
}

async function countWhere(sql: string, params: unknown[] = []): Promise<number> {
  return (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM entities WHERE ${sql}`, params))!.n;
}

const haystack = (r: Row) => `${r.name} ${r.address} ${r.legalRep ?? ''}`.toLowerCase();

function validEntity(over: Record<string, unknown> = {}) {
  return {
    uscc: makeUscc('92', '330411', 87_654_321), name: '嘉兴市秀洲区测试便民理发店', category: 'public_place', regionCode: '330411',
    address: '浙江省嘉兴市秀洲区新塍镇新康路18号', orgId: org['XZ-JDS'], legalRep: '张三', riskClass: 'low', creditGrade: 'B',
    ...over,
  };
}

describe('GET /api/entities — search', () => {
  it('finds entities by a single Chinese character, counting exactly what contains it', async () => {
    const page = await list('admin', `q=${encodeURIComponent('馆')}&pageSize=100`);
    const expected = await countContaining('馆');
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    expect(page.rows.length).toBe(Math.min(expected, 100));
    for (const r of page.rows) expect(haystack(r)).toContain('馆');
  });

  it('finds entities by a two-character word', async () => {
    const page = await list('admin', `q=${encodeURIComponent('诊所')}&pageSize=100`);
    const expected = await countContaining('诊所');
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    for (const r of page.rows) expect(haystack(r)).toContain('诊所');
  });

  it('finds entities by a four-character phrase, not merely by its separate characters', async () => {
    const page = await list('admin', `q=${encodeURIComponent('中医诊所')}&pageSize=100`);
    const expected = await countContaining('中医诊所');
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    for (const r of page.rows) expect(r.name).toContain('中医诊所');
    // Some entities have all four characters scattered (a 医疗美容诊所 on 中山路): they are not matches.
    const everyChar = await countWhere(['中', '医', '诊', '所'].map((_, i) => `position($${i + 1} in name || ' ' || address) > 0`).join(' AND '), ['中', '医', '诊', '所']);
    expect(page.total).toBeLessThan(everyChar);
  });

  it('finds entities by street in the address', async () => {
    const page = await list('admin', `q=${encodeURIComponent('禾兴路')}&pageSize=100`);
    const expected = await countWhere(`address LIKE '%禾兴路%'`);
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    for (const r of page.rows) expect(r.address).toContain('禾兴路');
  });

  it('finds entities by the legal representative', async () => {
    const some = (await env.db.one<{ legal_rep: string }>('SELECT legal_rep FROM entities ORDER BY id LIMIT 1'))!;
    const page = await list('admin', `q=${encodeURIComponent(some.legal_rep)}&pageSize=100`);
    expect(page.total).toBe(await countContaining(some.legal_rep));
    expect(page.rows.some((r) => r.legalRep === some.legal_rep)).toBe(true);
  });

  it('finds entities by a prefix of the unified social credit code, in either case', async () => {
    const target = (await env.db.one<{ id: number; uscc: string }>('SELECT id, uscc FROM entities ORDER BY id DESC LIMIT 1 OFFSET 7'))!;
    const prefix = target.uscc.slice(0, 14);
    const page = await list('admin', `q=${prefix.toLowerCase()}&pageSize=100`);
    expect(page.rows.map((r) => r.id)).toContain(target.id);
    expect(page.total).toBe(await countWhere('uscc LIKE $1', [`${prefix}%`]));
    for (const r of page.rows) expect(r.uscc.startsWith(prefix)).toBe(true);
    const exact = await list('admin', `q=${target.uscc}`);
    expect(exact.rows.map((r) => r.id)).toEqual([target.id]);
  });

  it('requires every word of a multi-word query', async () => {
    const page = await list('admin', `q=${encodeURIComponent('秀洲区 宾馆')}&pageSize=100`);
    for (const r of page.rows) expect(haystack(r)).toContain('秀洲区');
    for (const r of page.rows) expect(haystack(r)).toContain('宾馆');
    expect(page.total).toBe(await countWhere(`(name || address) LIKE '%秀洲区%' AND (name || address) LIKE '%宾馆%'`));
  });

  it('presents each row with Chinese names for category, region and organisation', async () => {
    const page = await list('admin', 'pageSize=5');
    const r = page.rows[0];
    const db = (await env.db.one<{ uscc: string; name: string; org_id: number; region_code: string; category: string }>(
      'SELECT uscc, name, org_id, region_code, category FROM entities WHERE id = $1', [r.id]))!;
    expect(r).toMatchObject({ uscc: db.uscc, name: db.name, orgId: db.org_id, regionCode: db.region_code, category: db.category, legacyCode: false });
    const names: Record<string, string> = { public_place: '公共场所', medical_institution: '医疗机构', water_supply: '生活饮用水供水单位', school: '学校', occupational: '职业卫生用人单位', disinfection_product: '消毒产品生产企业', radiation: '放射诊疗机构', other: '其他' };
    expect(r.categoryName).toBe(names[r.category]);
    expect(r.regionName).toBe(r.regionCode === '330402' ? '浙江省嘉兴市南湖区' : '浙江省嘉兴市秀洲区');
    expect(r.orgName).toMatch(/卫生监督所$/);
  });
});

describe('GET /api/entities — filters', () => {
  it('filters by category', async () => {
    const page = await list('admin', 'category=medical_institution&pageSize=100');
    expect(page.total).toBe(await countWhere(`category = 'medical_institution'`));
    expect(page.total).toBeGreaterThan(0);
    for (const r of page.rows) expect(r.category).toBe('medical_institution');
  });

  it('filters by region', async () => {
    const page = await list('admin', 'regionCode=330411&pageSize=100');
    expect(page.total).toBe(await countWhere(`region_code = '330411'`));
    expect(page.total).toBeGreaterThan(0);
    expect(page.total).toBeLessThan(TEST_ENTITY_COUNT);
    for (const r of page.rows) expect(r.regionCode).toBe('330411');
  });

  it('filters by risk class and credit grade together', async () => {
    const page = await list('admin', 'riskClass=high&creditGrade=B&pageSize=100');
    expect(page.total).toBe(await countWhere(`risk_class = 'high' AND credit_grade = 'B'`));
    expect(page.total).toBeGreaterThan(0);
    for (const r of page.rows) expect([r.riskClass, r.creditGrade]).toEqual(['high', 'B']);
  });

  it('filters by blacklist, both ways', async () => {
    const on = await list('admin', 'blacklisted=true&pageSize=100');
    const off = await list('admin', 'blacklisted=false&pageSize=100');
    expect(on.total).toBe(await countWhere('blacklisted'));
    expect(on.total).toBeGreaterThan(0);
    expect(on.total + off.total).toBe(TEST_ENTITY_COUNT);
    for (const r of on.rows) expect(r.blacklisted).toBe(true);
    for (const r of off.rows) expect(r.blacklisted).toBe(false);
  });

  it('filters by supervising organisation, including its subtree', async () => {
    const xz = await list('admin', `orgId=${org['XZ-JDS']}&pageSize=100`);
    expect(xz.total).toBe(await countWhere('org_id = $1', [org['XZ-JDS']]));
    for (const r of xz.rows) expect(r.orgId).toBe(org['XZ-JDS']);
    // The district bureau has no entities of its own; its institute's come with it.
    const bureau = await list('admin', `orgId=${org['XZ-WJJ']}&pageSize=1`);
    expect(bureau.total).toBe(xz.total);
  });

  it('combines search and filters', async () => {
    const page = await list('admin', `q=${encodeURIComponent('南湖')}&category=public_place&riskClass=low&pageSize=100`);
    expect(page.total).toBe(await countWhere(
      `category = 'public_place' AND risk_class = 'low' AND position('南湖' in name || ' ' || address || ' ' || coalesce(legal_rep, '')) > 0`));
    for (const r of page.rows) expect([r.category, r.riskClass]).toEqual(['public_place', 'low']);
  });

  it('rejects malformed filters with a Chinese message', async () => {
    const c = await env.as('admin');
    for (const q of ['category=hospital', 'regionCode=3304', 'regionCode=33040a', 'riskClass=extreme', 'creditGrade=E',
      'blacklisted=yes', 'sort=random', 'page=0', 'pageSize=101', 'orgId=abc', `q=${'测'.repeat(51)}`]) {
      const res = await c.get(`/api/entities?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message, q).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('GET /api/entities — paging and order', () => {
  it('pages through the directory newest first with the right total', async () => {
    const p1 = await list('admin', 'page=1&pageSize=30');
    const p2 = await list('admin', 'page=2&pageSize=30');
    expect(p1.total).toBe(TEST_ENTITY_COUNT);
    expect(p1.totalCapped).toBe(false);
    expect(p2).toMatchObject({ page: 2, pageSize: 30, total: TEST_ENTITY_COUNT });
    expect(p1.rows).toHaveLength(30);
    expect(p2.rows).toHaveLength(30);
    const ids1 = p1.rows.map((r) => r.id);
    const ids2 = p2.rows.map((r) => r.id);
    expect(ids2.some((id) => ids1.includes(id))).toBe(false);
    const all = [...ids1, ...ids2];
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const newest = await env.db.query<{ id: number }>('SELECT id FROM entities ORDER BY id DESC LIMIT 60');
    expect(all).toEqual(newest.map((r) => r.id));
    const last = await list('admin', `page=${Math.ceil(TEST_ENTITY_COUNT / 30)}&pageSize=30`);
    expect(last.rows).toHaveLength(TEST_ENTITY_COUNT % 30 || 30);
  });

  it('sorts by name on request', async () => {
    const p1 = await list('admin', 'sort=name&pageSize=50');
    const p2 = await list('admin', 'sort=name&page=2&pageSize=50');
    const expected = await env.db.query<{ id: number }>('SELECT id FROM entities ORDER BY name, id LIMIT 100');
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });
});

describe('data scope', () => {
  it('shows an inspector only the entities of their institute, in lists and searches', async () => {
    const page = await list('inspector3', 'pageSize=100');
    expect(page.total).toBe(await countWhere('org_id = $1', [org['XZ-JDS']]));
    for (const r of page.rows) expect(r.orgId).toBe(org['XZ-JDS']);
    const search = await list('inspector3', `q=${encodeURIComponent('南湖')}&pageSize=100`);
    expect(search.total).toBe(await countContaining('南湖', [org['XZ-JDS']]));
    for (const r of search.rows) expect(r.orgId).toBe(org['XZ-JDS']);
    const nh = await list('inspector1', 'pageSize=100');
    expect(nh.total).toBe(await countWhere('org_id = $1', [org['NH-JDS']]));
    for (const r of nh.rows) expect(r.orgId).toBe(org['NH-JDS']);
  });

  it('does not let a USCC search or an organisation filter reach outside the scope', async () => {
    const nhEntity = (await env.db.one<{ uscc: string }>('SELECT uscc FROM entities WHERE org_id = $1 LIMIT 1', [org['NH-JDS']]))!;
    expect((await list('inspector3', `q=${nhEntity.uscc}`)).total).toBe(0);
    expect((await list('admin', `q=${nhEntity.uscc}`)).total).toBe(1);
    const filtered = await list('inspector3', `orgId=${org['NH-JDS']}`);
    expect(filtered.total).toBe(0);
    expect(filtered.rows).toEqual([]);
  });

  it('answers 404 for an entity outside the scope exactly as for a missing one', async () => {
    const nhId = (await env.db.one<{ id: number }>('SELECT id FROM entities WHERE org_id = $1 LIMIT 1', [org['NH-JDS']]))!.id;
    const c = await env.as('inspector3');
    const outside = await c.get(`/api/entities/${nhId}`);
    const missing = await c.get('/api/entities/987654321');
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    const put = await c.put(`/api/entities/${nhId}`, validEntity({ orgId: org['XZ-JDS'] }));
    expect(put.statusCode).toBe(404);
    expect(put.json()).toEqual((await c.put('/api/entities/987654321', validEntity())).json());
    // Nothing changed.
    expect((await env.db.one<{ org_id: number }>('SELECT org_id FROM entities WHERE id = $1', [nhId]))!.org_id).toBe(org['NH-JDS']);
    expect((await (await env.as('inspector1')).get(`/api/entities/${nhId}`)).statusCode).toBe(200);
  });

  it('forbids a read-only role from writing (403) but lets it read', async () => {
    const id = (await env.db.one<{ id: number }>('SELECT id FROM entities ORDER BY id LIMIT 1'))!.id;
    const leader = await env.as('leader');
    expect((await leader.get(`/api/entities/${id}`)).statusCode).toBe(200);
    const put = await leader.put(`/api/entities/${id}`, validEntity());
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('FORBIDDEN');
    expect((await leader.post('/api/entities', validEntity())).statusCode).toBe(403);
    expect((await leader.get('/api/uscc-exceptions')).statusCode).toBe(403);
  });

  it('requires a session', async () => {
    expect((await env.anonymous.get('/api/entities')).statusCode).toBe(401);
    expect((await env.anonymous.get('/api/entities/1')).statusCode).toBe(401);
  });
});

describe('creating and updating entities', () => {
  it('rejects a wrong check character, naming the position and the expected character', async () => {
    const good = makeUscc('91', '330411', 55_500_001);
    const wrong = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
    const res = await (await env.as('window')).post('/api/entities', validEntity({ uscc: wrong }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('USCC_INVALID');
    expect(res.json().error.message).toContain(`第18位应为“${good[17]}”`);
    expect(await countWhere('uscc = $1', [wrong])).toBe(0);
  });

  it('rejects codes of the wrong length or alphabet and unknown region codes', async () => {
    const c = await env.as('window');
    const short = await c.post('/api/entities', validEntity({ uscc: '91330411MA2B' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'USCC_INVALID' });
    expect(short.json().error.message).toContain('应为18位');
    const letterO = await c.post('/api/entities', validEntity({ uscc: '91330411MA2BOOOO0X' }));
    expect(letterO.statusCode).toBe(400);
    expect(letterO.json().error.message).toContain('第13位');
    const region = await c.post('/api/entities', validEntity({ regionCode: '339999' }));
    expect(region.statusCode).toBe(400);
    expect(region.json().error.message).toContain('GB/T 2260');
    const category = await c.post('/api/entities', validEntity({ category: 'casino' }));
    expect(category.statusCode).toBe(400);
    expect(category.json().error.message).toContain('监管对象类别不正确');
  });

  it('creates an entity, records it in the audit log and shows it in the directory', async () => {
    const window = await env.as('window');
    const body = validEntity({ uscc: makeUscc('92', '330411', 77_000_001).toLowerCase() });
    const res = await window.post('/api/entities', body);
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({
      uscc: body.uscc.toUpperCase(), name: body.name, category: 'public_place', categoryName: '公共场所', regionCode: '330411',
      regionName: '浙江省嘉兴市秀洲区', orgId: org['XZ-JDS'], orgName: '嘉兴市秀洲区卫生监督所', legalRep: '张三', riskClass: 'low',
      creditGrade: 'B', blacklisted: false, legacyCode: false,
    });
    const audit = await env.db.query<{ action: string; username: string; after: { uscc: string } }>(
      `SELECT action, username, after FROM audit_log WHERE object_type = 'entity' AND object_id = $1`, [String(created.id)]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'entity.create', username: 'window' });
    expect(audit[0].after.uscc).toBe(body.uscc.toUpperCase());
    expect(created.history).toEqual([expect.objectContaining({ action: 'entity.create', username: 'window' })]);
    // The district inspector now finds it by name; the other district does not.
    const found = await list('inspector3', `q=${encodeURIComponent('测试便民')}`);
    expect(found.rows.map((r) => r.id)).toEqual([created.id]);
    expect((await list('inspector1', `q=${encodeURIComponent('测试便民')}`)).total).toBe(0);
  });

  it('refuses to place an entity under an organisation outside the scope', async () => {
    const res = await (await env.as('inspector3')).post('/api/entities',
      validEntity({ uscc: makeUscc('91', '330402', 77_000_002), orgId: org['NH-JDS'], regionCode: '330402' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ENTITY_ORG');
    expect(await countWhere('uscc = $1', [makeUscc('91', '330402', 77_000_002)])).toBe(0);
  });

  it('refuses a duplicate code with 409, naming the holder only to those who may see it', async () => {
    const nh = (await env.db.one<{ uscc: string; name: string }>('SELECT uscc, name FROM entities WHERE org_id = $1 LIMIT 1', [org['NH-JDS']]))!;
    const admin = await (await env.as('admin')).post('/api/entities', validEntity({ uscc: nh.uscc }));
    expect(admin.statusCode).toBe(409);
    expect(admin.json().error.code).toBe('USCC_TAKEN');
    expect(admin.json().error.message).toContain(nh.name);
    const outsider = await (await env.as('inspector3')).post('/api/entities', validEntity({ uscc: nh.uscc }));
    expect(outsider.statusCode).toBe(409);
    expect(outsider.json().error.code).toBe('USCC_TAKEN');
    expect(outsider.json().error.message).toMatch(/已登记/);
    expect(outsider.json().error.message).not.toContain(nh.name);
    expect(await countWhere('uscc = $1', [nh.uscc])).toBe(1);
  });

  it('updates an entity with before and after in the audit log and the history', async () => {
    const target = (await env.db.one<{ id: number; uscc: string; name: string; risk_class: string }>(
      `SELECT id, uscc, name, risk_class FROM entities WHERE org_id = $1 AND risk_class <> 'high' ORDER BY id LIMIT 1`, [org['XZ-JDS']]))!;
    const c = await env.as('inspector3');
    const res = await c.put(`/api/entities/${target.id}`, validEntity({ uscc: target.uscc, name: `${target.name}（已更名）`, riskClass: 'high', blacklisted: true }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, name: `${target.name}（已更名）`, riskClass: 'high', blacklisted: true });
    const row = (await env.db.one<{ name: string; risk_class: string }>('SELECT name, risk_class FROM entities WHERE id = $1', [target.id]))!;
    expect(row).toEqual({ name: `${target.name}（已更名）`, risk_class: 'high' });
    const audit = await env.db.query<{ action: string; username: string; before: { name: string; riskClass: string }; after: { name: string; riskClass: string } }>(
      `SELECT action, username, before, after FROM audit_log WHERE object_type = 'entity' AND object_id = $1 ORDER BY id`, [String(target.id)]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'entity.update', username: 'inspector3' });
    expect(audit[0].before).toMatchObject({ name: target.name, riskClass: target.risk_class });
    expect(audit[0].after).toMatchObject({ name: `${target.name}（已更名）`, riskClass: 'high' });
    const detail = (await c.get(`/api/entities/${target.id}`)).json();
    expect(detail.history[0]).toMatchObject({ action: 'entity.update', username: 'inspector3', before: { riskClass: target.risk_class }, after: { riskClass: 'high' } });
    expect(typeof detail.createdAt).toBe('string');
  });

  it('refuses to change a code to one another entity holds', async () => {
    const [a, b] = await env.db.query<{ id: number; uscc: string }>('SELECT id, uscc FROM entities WHERE org_id = $1 ORDER BY id LIMIT 2', [org['XZ-JDS']]);
    const res = await (await env.as('window')).put(`/api/entities/${a.id}`, validEntity({ uscc: b.uscc }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('USCC_TAKEN');
    expect((await env.db.one<{ uscc: string }>('SELECT uscc FROM entities WHERE id = $1', [a.id]))!.uscc).toBe(a.uscc);
  });
});

describe('accepted legacy codes (历史代码认可)', () => {
  const LEGACY = '91350100M0001TGQXM';

  it('rejects a legacy code until an administrator accepts it, then allows and flags it', async () => {
    const window = await env.as('window');
    const admin = await env.as('admin');
    const body = validEntity({ uscc: LEGACY, name: '福州早期试点赋码测试单位' });
    const before = await window.post('/api/entities', body);
    expect(before.statusCode).toBe(400);
    expect(before.json().error.code).toBe('USCC_INVALID');
    expect(before.json().error.message).toContain('第18位应为“1”');

    // The window has no right to accept codes.
    expect((await window.post('/api/uscc-exceptions', { code: LEGACY, reason: '福建早期试点赋码' })).statusCode).toBe(403);

    const accept = await admin.post('/api/uscc-exceptions', { code: LEGACY.toLowerCase(), reason: '福建早期试点赋码，经核实营业执照原件' });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({ code: LEGACY, expectedCheck: '1', acceptedBy: 'admin', entityCount: 0 });
    const again = await admin.post('/api/uscc-exceptions', { code: LEGACY, reason: '重复' });
    expect(again.statusCode).toBe(409);

    const created = await window.post('/api/entities', body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ uscc: LEGACY, legacyCode: true });
    const listed = await list('window', `q=${LEGACY}`);
    expect(listed.rows).toEqual([expect.objectContaining({ uscc: LEGACY, legacyCode: true })]);

    const exceptions = (await admin.get('/api/uscc-exceptions')).json();
    expect(exceptions).toContainEqual(expect.objectContaining({ code: LEGACY, entityCount: 1 }));

    // While an entity uses it, the acceptance cannot be withdrawn.
    const del = await admin.delete(`/api/uscc-exceptions/${LEGACY}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('USCC_EXCEPTION_IN_USE');
    expect(await env.db.one('SELECT 1 FROM uscc_exceptions WHERE code = $1', [LEGACY])).toBeTruthy();

    const audit = await env.db.query<{ action: string; username: string }>(
      `SELECT action, username FROM audit_log WHERE object_type = 'uscc_exception' AND object_id = $1`, [LEGACY]);
    expect(audit).toEqual([{ action: 'uscc_exception.create', username: 'admin' }]);
  });

  it('does not accept a code that is valid, or one of the wrong length or alphabet', async () => {
    const admin = await env.as('admin');
    const valid = await admin.post('/api/uscc-exceptions', { code: makeUscc('91', '330402', 12_345_678), reason: '测试' });
    expect(valid.statusCode).toBe(400);
    expect(valid.json().error.code).toBe('USCC_VALID_NO_EXCEPTION');
    expect(valid.json().error.message).toContain('无需');
    const short = await admin.post('/api/uscc-exceptions', { code: '91350100M0001TGQ', reason: '测试' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('应为18位');
    const alphabet = await admin.post('/api/uscc-exceptions', { code: '91350100M0001TGQXI', reason: '测试' });
    expect(alphabet.statusCode).toBe(400);
    expect(alphabet.json().error.message).toContain('第18位字符“I”');
    expect(await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM uscc_exceptions WHERE code <> $1', ['91350100M0001TGQXM']))
      .toEqual({ n: 0 });
  });

  it('withdraws an unused acceptance, after which the code is refused again', async () => {
    const first17 = '91350200M0002ABC1';
    const bad = first17 + (usccCheckCharacter(first17) === 'Y' ? 'X' : 'Y');
    const admin = await env.as('admin');
    expect((await admin.post('/api/uscc-exceptions', { code: bad, reason: '厦门早期试点赋码' })).statusCode).toBe(200);
    const del = await admin.delete(`/api/uscc-exceptions/${bad}`);
    expect(del.statusCode).toBe(200);
    expect((await admin.delete(`/api/uscc-exceptions/${bad}`)).statusCode).toBe(404);
    expect((await admin.get('/api/uscc-exceptions')).json().map((x: { code: string }) => x.code)).not.toContain(bad);
    const refused = await (await env.as('window')).post('/api/entities', validEntity({ uscc: bad }));
    expect(refused.statusCode).toBe(400);
    const audit = await env.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'uscc_exception' AND object_id = $1 ORDER BY id`, [bad]);
    expect(audit.map((a) => a.action)).toEqual(['uscc_exception.create', 'uscc_exception.delete']);
  });
});

describe('hostile input', () => {
  const HOSTILE = ["' OR 1=1 --", '%', '_', '<script>alert(1)</script>', '\\', "'; DROP TABLE entities; --", '%%__', '南湖%', '　', '\u0000'];

  it('treats search text as text: no error, no match-everything', async () => {
    const c = await env.as('admin');
    for (const q of HOSTILE) {
      const res = await c.get(`/api/entities?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${JSON.stringify(q)}: ${res.body}`).not.toBe(500);
      if (res.statusCode !== 200) {
        expect(res.statusCode, JSON.stringify(q)).toBe(400);
        continue;
      }
      const page = res.json() as Page;
      const needle = q.trim().toLowerCase();
      // Only rows really containing the text (for a blank query: the whole directory).
      const all = await countWhere('true');
      if (needle === '') expect(page.total).toBe(all);
      else {
        expect(page.total, JSON.stringify(q)).toBe(await countContaining(needle));
        expect(page.total, JSON.stringify(q)).toBeLessThan(all);
      }
    }
    expect(await countWhere('true')).toBeGreaterThanOrEqual(TEST_ENTITY_COUNT);
  });

  it('stores markup in names verbatim and returns it as JSON data', async () => {
    const name = '<script>alert(1)</script>测试单位';
    const res = await (await env.as('window')).post('/api/entities', validEntity({ uscc: makeUscc('91', '330411', 77_000_099), name }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().name).toBe(name);
    const found = await list('window', `q=${encodeURIComponent('<script>')}`);
    expect(found.rows.map((r) => r.name)).toEqual([name]);
  });

  it('rejects non-numeric and oversized ids', async () => {
    const c = await env.as('admin');
    for (const id of ['abc', '1%20OR%201=1', '-1', '99999999999999']) {
      expect((await c.get(`/api/entities/${id}`)).statusCode, id).toBe(400);
    }
  });
});

describe('large directories', () => {
  it('caps the count and refuses to page beyond it', async () => {
    const { ENTITY_COUNT_CAP } = await import('./service');
    const { upsertEntityBatch } = await import('./bulk');
    const { generateEntity } = await import('../../seed/entityGenerator');
    const { DEMO_DISTRICTS } = await import('../../seed/demo');
    const rows: Parameters<typeof upsertEntityBatch>[1] = [];
    for (let i = TEST_ENTITY_COUNT; i < ENTITY_COUNT_CAP + 200; i++) {
      const e = generateEntity(i, DEMO_DISTRICTS);
      rows.push({ ...e, org_id: org[e.org_code] });
    }
    await env.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 2000) await upsertEntityBatch(tx, rows.slice(i, i + 2000));
    });
    const total = await countWhere('true');
    expect(total).toBeGreaterThan(ENTITY_COUNT_CAP + 1);
    const page = await list('admin', 'pageSize=10');
    expect(page).toMatchObject({ total: ENTITY_COUNT_CAP, totalCapped: true });
    // A district's own count is still exact below the cap.
    const xz = await list('inspector3', 'pageSize=10');
    expect(xz.totalCapped).toBe(false);
    expect(xz.total).toBe(await countWhere('org_id = $1', [org['XZ-JDS']]));
    const deep = await (await env.as('admin')).get(`/api/entities?page=${ENTITY_COUNT_CAP / 20 + 1}&pageSize=20`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.code).toBe('PAGE_TOO_DEEP');
    expect((await (await env.as('admin')).get(`/api/entities?page=${ENTITY_COUNT_CAP / 20}&pageSize=20`)).statusCode).toBe(200);
  });
});
