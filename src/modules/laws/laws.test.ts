import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { articleLabel } from '../../core/law/instrumentText';
import { articleInForce, citation, ensureBundledLaws } from './service';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

interface Row { id: number; name: string; title: string; kind: string; versions: number; currentVersionDate: string | null; effectiveFrom: string | null; textStatus: string | null; articleCount: number; nextEffectiveFrom: string | null }
interface Hit { instrumentId: number; versionId: number; name: string; title: string; kind: string; articleNo: number; label: string; chapter: string | null; snippet: string; paragraphNo: number; citation: string }
interface Version { id: number; versionDate: string; effectiveFrom: string; source: string; textStatus: string; status: string; articleCount: number; createdBy: string | null }
interface Detail { id: number; name: string; title: string; kind: string; currentVersionId: number | null; versions: Version[]; createdVersionId?: number }

const enc = encodeURIComponent;

async function get<T>(url: string, username = 'inspector1'): Promise<T> {
  const res = await (await env.as(username)).get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}
const search = (q: string, extra = '') => get<{ rows: Hit[]; total: number; terms: string[]; date: string }>(`/api/laws/search?q=${enc(q)}&pageSize=100${extra}`);
const lawNamed = async (name: string) => (await get<{ rows: Row[] }>(`/api/laws?q=${enc(name)}`)).rows.find((r) => r.name === name)!;

/** A department rule's text in the library's format. */
const ruleText = (fine: string, articles = 3) => [
  '# 测试卫生监督管理办法', '2024年1月1日 测试部令第1号公布', '<!-- INFO END -->', '## 第一章 总则',
  '第一条 为了规范卫生监督，制定本办法。', '## 第二章 罚则', `第二条 违反本办法规定的，${fine}。`,
  ...Array.from({ length: articles - 2 }, (_, i) => `${articleLabel(i + 3)} 本办法${articleLabel(i + 3)}。`),
].join('\n');
const newRule = (over: Record<string, unknown> = {}) => ({
  name: '测试卫生监督管理办法', title: '测试卫生监督管理办法', kind: 'department_rule', issuer: '测试部',
  versionDate: '2024-01-01', effectiveFrom: '2024-03-01', text: ruleText('处一千元以下罚款'), ...over,
});

describe('the bundled texts', () => {
  it('are all loaded: 30 official texts and 2 department-rule summaries', async () => {
    const list = await get<{ rows: Row[]; total: number }>('/api/laws?pageSize=100');
    expect(list.total).toBe(32);
    const by = (kind: string) => list.rows.filter((r) => r.kind === kind);
    expect(by('law')).toHaveLength(16);
    expect(by('administrative_regulation')).toHaveLength(14);
    expect(by('department_rule').map((r) => r.name).sort()).toEqual(['公共场所卫生管理条例实施细则', '生活饮用水卫生监督管理办法']);
    expect(by('department_rule').every((r) => r.textStatus === 'summary')).toBe(true);
    expect(list.rows.filter((r) => r.textStatus === 'official')).toHaveLength(30);
    // Laws first, then regulations, then rules.
    expect(list.rows.map((r) => r.kind)).toEqual([...by('law'), ...by('administrative_regulation'), ...by('department_rule')].map((r) => r.kind));
    expect(list.rows.every((r) => r.versions === 1 && r.articleCount > 0)).toBe(true);
  });

  it('行政处罚法: 86 articles in force since 2021-07-15; the full text has its chapters and sections', async () => {
    const row = await lawNamed('行政处罚法');
    expect(row).toMatchObject({ title: '中华人民共和国行政处罚法', kind: 'law', articleCount: 86, currentVersionDate: '2021-01-22', effectiveFrom: '2021-07-15' });
    const detail = await get<Detail>(`/api/laws/${row.id}`);
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]).toMatchObject({ source: 'bundled', textStatus: 'official', status: 'in_force', createdBy: null });
    const text = await get<{ version: { history: string }; chapters: { title: string; sections: string[] }[]; articles: { label: string; section: string | null; paragraphs: string[] }[] }>(
      `/api/laws/${row.id}/versions/${detail.currentVersionId}`);
    expect(text.articles).toHaveLength(86);
    expect(text.chapters).toHaveLength(8);
    expect(text.chapters[4].sections).toEqual(['第一节 一般规定', '第二节 简易程序', '第三节 普通程序', '第四节 听证程序']);
    expect(text.articles[63]).toMatchObject({ label: '第六十四条', section: '第四节 听证程序' });
    expect(text.articles[63].paragraphs).toHaveLength(9);
    expect(text.version.history).toContain('2021年1月22日');
  });

  it('effective dates: the text’s, the amendment’s when the text keeps the original law’s date', async () => {
    expect((await lawNamed('医疗机构管理条例')).effectiveFrom).toBe('2016-02-06');
    expect((await lawNamed('传染病防治法')).effectiveFrom).toBe('2013-06-29');
    expect((await lawNamed('行政诉讼法')).effectiveFrom).toBe('2017-07-01');
    expect((await lawNamed('全国年节及纪念日放假办法'))).toMatchObject({ kind: 'administrative_regulation', effectiveFrom: '2025-01-01' });
    expect((await lawNamed('生活饮用水卫生监督管理办法'))).toMatchObject({ currentVersionDate: '2016-04-17', effectiveFrom: '2016-06-01', articleCount: 1 });
  });

  it('ensureBundledLaws is idempotent, and reloads exactly a bundled version that is missing', async () => {
    const count = async () => (await env.db.one<{ n: number }>(
      'SELECT (SELECT count(*) FROM law_instruments) + (SELECT count(*) FROM law_versions) * 1000 + (SELECT count(*) FROM law_articles) * 1000000 AS n'))!.n;
    const before = await count();
    expect(await ensureBundledLaws(env.db)).toEqual([]);
    expect(await count()).toBe(before);

    const v = (await env.db.one<{ id: number }>(`SELECT v.id FROM law_versions v JOIN law_instruments i ON i.id = v.instrument_id WHERE i.name = '献血法'`))!.id;
    await env.db.query('DELETE FROM law_articles WHERE version_id = $1', [v]);
    await env.db.query('DELETE FROM law_versions WHERE id = $1', [v]);
    expect(await ensureBundledLaws(env.db)).toEqual(['献血法(1997-12-29)']);
    expect(await count()).toBe(before);
    expect((await lawNamed('献血法')).articleCount).toBe(24);
  });
});

describe('GET /api/laws — the catalogue', () => {
  it('filters by name and kind, pages, and answers an empty page when nothing matches', async () => {
    const rules = await get<{ rows: Row[]; total: number }>('/api/laws?kind=department_rule');
    expect(rules.total).toBe(2);
    const page2 = await get<{ rows: Row[]; total: number; page: number }>('/api/laws?pageSize=10&page=2');
    expect(page2.rows).toHaveLength(10);
    expect(page2.page).toBe(2);
    const named = await get<{ rows: Row[] }>(`/api/laws?q=${enc('行政 法')}`);
    expect(named.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['行政处罚法', '行政许可法']));
    expect(named.rows.every((r) => r.title.includes('行政') && r.title.includes('法'))).toBe(true);
    expect((await get<{ rows: Row[]; total: number }>(`/api/laws?q=${enc('不存在的法规')}`)).total).toBe(0);
    expect((await get<{ total: number }>('/api/laws?q=%25')).total).toBe(0);
  });

  it('unknown ids answer 404 with a Chinese message', async () => {
    const c = await env.as('inspector1');
    const law = await lawNamed('行政处罚法');
    const other = await lawNamed('医师法');
    const otherVersion = (await get<Detail>(`/api/laws/${other.id}`)).currentVersionId;
    for (const url of ['/api/laws/999999', `/api/laws/999999/versions/${otherVersion}`, `/api/laws/${law.id}/versions/${otherVersion}`, `/api/laws/${law.id}/versions/999999`]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.message, url).toMatch(/不存在|没有这个版本/);
    }
    expect((await c.get('/api/laws/abc')).statusCode).toBe(400);
  });
});

describe('GET /api/laws/search — articles in force', () => {
  it('擅自执业 finds 基本医疗卫生与健康促进法 第九十九条 (first paragraph) and 医疗机构管理条例 第四十四条', async () => {
    const r = await search('擅自执业');
    const bhpl = r.rows.find((h) => h.name === '基本医疗卫生与健康促进法' && h.articleNo === 99)!;
    expect(bhpl).toMatchObject({ label: '第九十九条', chapter: '第九章 法律责任', paragraphNo: 1, citation: '《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款' });
    expect(bhpl.snippet).toContain('未取得医疗机构执业许可证擅自执业');
    expect(r.rows.some((h) => h.name === '医疗机构管理条例' && h.articleNo === 44)).toBe(true);
    for (const h of r.rows) expect(h.snippet, h.citation).toContain('擅自执业');
    expect(r.total).toBe(r.rows.length);
  });

  it('听证 finds 行政处罚法 第六十三条 and 第六十四条; a laws-first, article-ordered, repeatable list', async () => {
    const r = await search('听证');
    const apl = r.rows.filter((h) => h.name === '行政处罚法').map((h) => h.articleNo);
    expect(apl).toEqual(expect.arrayContaining([63, 64]));
    expect(apl).toEqual([...apl].sort((a, b) => a - b));
    const h64 = r.rows.find((h) => h.name === '行政处罚法' && h.articleNo === 64)!;
    expect(h64.paragraphNo).toBe(1);
    expect(h64.snippet).toContain('听证');
    expect(r.rows.findIndex((h) => h.kind !== 'law')).toBeGreaterThan(r.rows.findLastIndex((h) => h.kind === 'law'));
    expect((await search('听证')).rows).toEqual(r.rows);
    // Paging walks the same list.
    const p1 = await get<{ rows: Hit[] }>(`/api/laws/search?q=${enc('听证')}&pageSize=5`);
    const p2 = await get<{ rows: Hit[] }>(`/api/laws/search?q=${enc('听证')}&pageSize=5&page=2`);
    expect([...p1.rows, ...p2.rows]).toEqual(r.rows.slice(0, 10));
  });

  it('several words must all occur; a word may name the instrument; an item is cited as 项', async () => {
    const both = await search('听证 五日');
    expect(both.terms).toEqual(['听证', '五日']);
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan((await search('听证')).total);
    const h64 = both.rows.find((h) => h.name === '行政处罚法' && h.articleNo === 64)!;
    expect(h64.paragraphNo).toBe(2);
    expect(h64.citation).toBe('《中华人民共和国行政处罚法》第六十四条第一项');
    const texts = await Promise.all(both.rows.map((h) => env.db.one<{ body: string; title: string }>(
      `SELECT array_to_string(a.paragraphs, '') AS body, i.title FROM law_articles a JOIN law_versions v ON v.id = a.version_id
         JOIN law_instruments i ON i.id = v.instrument_id WHERE a.version_id = $1 AND a.no = $2`, [h.versionId, h.articleNo])));
    for (const t of texts) for (const w of ['听证', '五日']) expect(`${t!.title}${t!.body}`).toContain(w);

    const inLaw = await search('行政处罚法 听证');
    expect(inLaw.rows.length).toBeGreaterThan(0);
    expect(inLaw.rows.every((h) => h.name === '行政处罚法' || h.snippet.includes('听证'))).toBe(true);
    expect(inLaw.rows[0].name).toBe('行政处罚法');
    const byLabel = await search('行政处罚法 第六十四条');
    expect(byLabel.rows[0]).toMatchObject({ name: '行政处罚法', articleNo: 64 });
  });

  it('LIKE wildcards are taken literally', async () => {
    for (const q of ['%', '_', '%%', '听证%', '\\']) expect((await search(q)).total, q).toBe(0);
  });

  it('searches another date’s versions, filters by kind, and refuses bad queries in Chinese', async () => {
    // 行政处罚法 (2021 text) was not yet in force on 2021-07-14; 献血法 was.
    expect((await search('听证', '&date=2021-07-14')).rows.some((h) => h.name === '行政处罚法')).toBe(false);
    expect((await search('献血', '&date=2021-07-14')).total).toBeGreaterThan(0);
    expect((await search('罚款', '&kind=department_rule')).rows.map((h) => h.kind)).toEqual(expect.arrayContaining(['department_rule']));
    expect((await search('罚款', '&kind=department_rule')).rows.every((h) => h.kind === 'department_rule')).toBe(true);
    const c = await env.as('inspector1');
    for (const url of ['/api/laws/search', '/api/laws/search?q=', `/api/laws/search?q=${'长'.repeat(51)}`, '/api/laws/search?q=a%01b',
      '/api/laws/search?q=x&date=2025-02-30', '/api/laws/search?q=x&kind=constitution']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('writing: new department rules and new versions', () => {
  it('a role without laws.write gets 403; the legal division may write', async () => {
    const inspector = await env.as('inspector1');
    expect((await inspector.post('/api/laws', newRule())).statusCode).toBe(403);
    const law = await lawNamed('公共场所卫生管理条例实施细则');
    expect((await inspector.post(`/api/laws/${law.id}/versions`, { versionDate: '2024-01-01', effectiveFrom: '2024-01-01', text: ruleText('x') })).statusCode).toBe(403);
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM law_instruments WHERE name = '测试卫生监督管理办法'`))!.n).toBe(0);
  });

  it('creates a department rule with its first version, and writes the audit entry', async () => {
    const legal = await env.as('legal');
    const res = await legal.post('/api/laws', newRule());
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json() as Detail;
    expect(created).toMatchObject({ name: '测试卫生监督管理办法', kind: 'department_rule', currentVersionId: created.createdVersionId });
    expect(created.versions[0]).toMatchObject({ versionDate: '2024-01-01', effectiveFrom: '2024-03-01', source: 'staff', textStatus: 'official', articleCount: 3, createdBy: 'legal' });
    const audit = await env.db.query<{ action: string; username: string; after: Record<string, unknown> }>(
      `SELECT action, username, after FROM audit_log WHERE object_type = 'law' AND object_id = $1`, [String(created.id)]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'laws.create', username: 'legal' });
    expect(audit[0].after).toMatchObject({ name: '测试卫生监督管理办法', kind: 'department_rule', versionId: created.createdVersionId, articleCount: 3 });
    expect(audit[0].after.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await search('为了规范卫生监督')).rows.map((h) => h.name)).toContain('测试卫生监督管理办法');

    const dup = await legal.post('/api/laws', newRule({ title: '另一个标题' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('LAW_NAME_TAKEN');
  });

  it('articleInForce picks the version in force on the date; older versions stay untouched', async () => {
    const legal = await env.as('legal');
    const law = await lawNamed('公共场所卫生管理条例实施细则');
    const oldVersion = (await get<Detail>(`/api/laws/${law.id}`)).currentVersionId!;
    const body = [...numbered(1, 34), '第三十五条 未依法取得公共场所卫生许可证擅自营业的，新版本的罚则。', '第二款的内容。', ...numbered(36, 38)].join('\n');
    const res = await legal.post(`/api/laws/${law.id}/versions`, { versionDate: '2024-01-01', effectiveFrom: '2024-03-01', text: body });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json() as Detail;
    expect(detail.versions.map((v) => [v.versionDate, v.status, v.textStatus])).toEqual([
      ['2024-01-01', 'in_force', 'official'], ['2017-12-26', 'superseded', 'summary'],
    ]);
    const before = await articleInForce(env.db, '公共场所卫生管理条例实施细则', 35, '2024-02-29');
    expect(before).toMatchObject({ versionId: oldVersion, versionDate: '2017-12-26', effectiveFrom: '2017-12-26', textStatus: 'summary', label: '第三十五条', kind: 'department_rule' });
    expect(citation(before!, 1)).toBe('《公共场所卫生管理条例实施细则》第三十五条');
    const after = await articleInForce(env.db, '公共场所卫生管理条例实施细则', 35, '2024-03-01');
    expect(after).toMatchObject({ versionId: detail.createdVersionId, versionDate: '2024-01-01', effectiveFrom: '2024-03-01', textStatus: 'official' });
    expect(after!.paragraphs).toEqual(['未依法取得公共场所卫生许可证擅自营业的，新版本的罚则。', '第二款的内容。']);
    expect(citation(after!, 2)).toBe('《公共场所卫生管理条例实施细则》第三十五条第二款');
    expect(await articleInForce(env.db, '公共场所卫生管理条例实施细则', 35, '2017-12-25')).toBeUndefined();
    expect(await articleInForce(env.db, '公共场所卫生管理条例实施细则', 99, '2025-01-01')).toBeUndefined();
    expect(await articleInForce(env.db, '没有这部法', 1, '2025-01-01')).toBeUndefined();
    // The old version's text is as it was.
    const old = await get<{ articles: { no: number; paragraphs: string[] }[] }>(`/api/laws/${law.id}/versions/${oldVersion}`);
    expect(old.articles.map((a) => a.no)).toEqual([35, 36, 38]);
    const audit = await env.db.one<{ action: string; after: { versionId: number } }>(
      `SELECT action, after FROM audit_log WHERE object_type = 'law' AND object_id = $1 ORDER BY id DESC LIMIT 1`, [String(law.id)]);
    expect(audit).toMatchObject({ action: 'laws.version', after: { versionId: detail.createdVersionId } });
  });

  it('a version published but not yet in force is pending; today’s search still uses the version in force', async () => {
    const legal = await env.as('legal');
    const law = await lawNamed('测试卫生监督管理办法');
    const soon = addDays(todayInChina(), 30);
    const res = await legal.post(`/api/laws/${law.id}/versions`, {
      versionDate: todayInChina(), effectiveFrom: soon, text: ruleText('处五千元以下罚款').replace('2024年1月1日', '2026年1月1日'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await lawNamed('测试卫生监督管理办法');
    expect(row).toMatchObject({ versions: 2, currentVersionDate: '2024-01-01', nextEffectiveFrom: soon });
    expect((res.json() as Detail).versions[0].status).toBe('pending');
    expect((await search('处五千元以下罚款')).rows.some((h) => h.name === '测试卫生监督管理办法')).toBe(false);
    expect((await search('处五千元以下罚款', `&date=${soon}`)).rows.some((h) => h.name === '测试卫生监督管理办法')).toBe(true);
  });

  it('validation errors say what is wrong, in Chinese', async () => {
    const legal = await env.as('legal');
    const law = await lawNamed('测试卫生监督管理办法');
    const cases: [string, unknown, number, string | RegExp][] = [
      ['/api/laws', newRule({ name: '新办法', kind: 'law' }), 400, '法律和行政法规由系统随附'],
      ['/api/laws', newRule({ name: '中华人民共和国新法' }), 400, '不含“中华人民共和国”'],
      ['/api/laws', newRule({ name: '新办法', text: '本办法的说明，没有条文。' }), 400, '没有找到条文'],
      ['/api/laws', newRule({ name: '新办法', text: '第一条 甲。\n第三条 乙。' }), 400, '条文序号不连续：“第一条”之后是“第三条”'],
      ['/api/laws', newRule({ name: '新办法', text: '第一条 甲。\n第二条 乙。\n第二条 丙。' }), 400, '条文序号应递增'],
      ['/api/laws', newRule({ name: '新办法', effectiveFrom: '2023-12-31' }), 400, '施行日期（2023-12-31）不能早于公布日期（2024-01-01）'],
      ['/api/laws', newRule({ name: '新办法', versionDate: '2024-02-30' }), 400, /日期/],
      ['/api/laws', newRule({ name: '新办法', versionDate: addDays(todayInChina(), 1), effectiveFrom: addDays(todayInChina(), 1) }), 400, '不能晚于今天'],
      ['/api/laws', newRule({ name: '新办法', text: '第一条 本办法自2024年5月1日起施行。' }), 400, '文本规定自2024-05-01起施行'],
      ['/api/laws', newRule({ name: '新办法', text: `第一条 ${'长'.repeat(750_000)}` }), 400, '超过2 MB'],
      ['/api/laws', newRule({ name: '新办法', text: '第一条 甲\u0007。' }), 400, '控制字符'],
      [`/api/laws/${law.id}/versions`, { versionDate: '2024-01-01', effectiveFrom: '2024-03-01', text: ruleText('x') }, 409, '已有2024-01-01公布的版本'],
      [`/api/laws/${law.id}/versions`, { versionDate: '2024-02-01', effectiveFrom: '2024-03-01', text: ruleText('x') }, 409, '同一天只能有一个版本开始施行'],
      ['/api/laws/999999/versions', { versionDate: '2024-02-01', effectiveFrom: '2024-03-01', text: ruleText('x') }, 404, '法律法规不存在'],
    ];
    const before = await env.db.one<{ n: number }>('SELECT (SELECT count(*) FROM law_versions) + (SELECT count(*) FROM audit_log) AS n');
    for (const [url, body, status, message] of cases) {
      const res = await legal.post(url, body);
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(status);
      expect(res.json().error.message, res.body.slice(0, 200)).toMatch(message);
    }
    expect(await env.db.one<{ n: number }>('SELECT (SELECT count(*) FROM law_versions) + (SELECT count(*) FROM audit_log) AS n')).toEqual(before);
    // The parse error names the field and the line, for the form.
    const res = await legal.post('/api/laws', newRule({ name: '新办法', text: '第一条 甲。\n第三条 乙。' }));
    expect(res.json().error).toMatchObject({ code: 'LAW_TEXT_INVALID', details: { field: 'text', line: 2 } });
  });
});

/** 第{from}条 … 第{to}条, one line each. */
function numbered(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${articleLabel(from + i)} 条文内容。`);
}
