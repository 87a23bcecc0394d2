// The legality register through its API, as the legal division uses it: register an item,
// record its review, fair-competition review, adoption, issue and clean-up; the order and
// dates the register refuses, the lapses it records with a warning, deletion, lists and
// filters, the Excel export, the 合法性审查意见书, permissions (403) and scope (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';

let env: TestEnv;
let legal: Client;
let office: Client;
let leader: Client;
let district: Client;
const org: Record<string, number> = {};

interface Item {
  id: number; itemNo: string; status: string; statusName: string; kind: string; title: string; orgId: number; deletable: boolean;
  reviewedOn: string | null; reviewResult: string | null; adoptedOn: string | null; issuedOn: string | null; docNumber: string | null;
  cleanedOn: string | null; cleanupAction: string | null; warnings: { code: string; level: string; message: string; citation?: string }[];
}

async function create(body: Record<string, unknown>): Promise<Item> {
  const res = await legal.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'normative_doc', title: '测试文件', ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function act(id: number, step: string, body: Record<string, unknown>, who: Client = legal) {
  return who.post(`/api/legality/items/${id}/${step}`, body);
}
async function ok(id: number, step: string, body: Record<string, unknown>): Promise<Item> {
  const res = await act(id, step, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function refused(id: number, step: string, body: Record<string, unknown>, status = 400) {
  const res = await act(id, step, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json().error as { code: string; message: string };
}
const list = async (query: string) => {
  const res = await legal.get(`/api/legality/items?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { rows: Item[]; total: number };
};

beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  legal = await env.as('legal');
  office = await env.as('office');
  leader = await env.as('leader');
  const admin = await env.as('admin');
  // The legal section of 秀洲区: the legal role, scoped to 秀洲区卫生健康局 and below.
  const res = await admin.post('/api/users', {
    username: 'xzlegality', displayName: '秀洲区法规科', orgId: org['XZ-WJJ'], roles: ['legal'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026', active: true,
  });
  expect(res.statusCode, res.body).toBe(200);
  district = await env.as('xzlegality', 'District2026');
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('registering and walking an item', () => {
  it('registers with a generated number, walks review → fair competition → adoption → issue → clean-up, each step audited', async () => {
    const item = await create({ title: '嘉兴市测试卫生管理办法', draftingUnit: '综合监督处', touchesMarket: true, submittedOn: '2025-03-03' });
    expect(item.itemNo).toMatch(/^HFX-2025-\d{4}$/);
    expect(item.status).toBe('pending');
    expect(item.statusName).toBe('待审查');
    expect(item.deletable).toBe(true);

    let v = await ok(item.id, 'review', { reviewedOn: '2025-03-14', result: 'passed_with_changes', opinion: '第八条建议删除。' });
    expect(v).toMatchObject({ status: 'reviewed', reviewResult: 'passed_with_changes', deletable: false });
    v = await ok(item.id, 'fair-competition', { reviewedOn: '2025-03-10', passed: true });
    v = await ok(item.id, 'adoption', { adoptedOn: '2025-03-20' });
    expect(v.status).toBe('adopted');
    v = await ok(item.id, 'issue', { issuedOn: '2025-03-25', docNumber: '嘉卫规〔2025〕99号' });
    expect(v).toMatchObject({ status: 'issued', docNumber: '嘉卫规〔2025〕99号' });
    expect(v.warnings).toEqual([]);
    v = await ok(item.id, 'cleanup', { cleanedOn: '2025-11-30', action: 'revised', batch: '2025年度清理' });
    expect(v).toMatchObject({ status: 'cleaned', cleanupAction: 'revised' });

    const audit = await env.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'legality_item' AND object_id = $1 ORDER BY id`, [String(item.id)]);
    expect(audit.map((a) => a.action)).toEqual(['legality.create', 'legality.review', 'legality.fair_competition', 'legality.adopt', 'legality.issue', 'legality.cleanup']);
  });

  it('numbers follow on within the year, and a number given by hand must be free', async () => {
    const a = await create({ submittedOn: '2024-05-05' });
    const b = await create({ submittedOn: '2024-06-06' });
    const n = (no: string) => Number(no.slice(-4));
    expect(a.itemNo.startsWith('HFX-2024-')).toBe(true);
    expect(n(b.itemNo)).toBe(n(a.itemNo) + 1);
    const mine = await create({ itemNo: 'ZCFG-2025-7' });
    expect(mine.itemNo).toBe('ZCFG-2025-7');
    const dup = await legal.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'other', title: '重复编号', itemNo: 'ZCFG-2025-7' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('编号ZCFG-2025-7已被使用');
  });

  it('validates the form with Chinese messages', async () => {
    const res = await legal.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'law', title: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/类型应为|不能为空/);
    const future = await legal.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'other', title: '未来', submittedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('报送审查日期不能晚于今天');
  });
});

describe('step order and dates', () => {
  it('a review needs a submission, and cannot end before it', async () => {
    const never = await create({ kind: 'major_decision' });
    expect((await refused(never.id, 'review', { reviewedOn: '2025-02-01', result: 'passed' })).message).toBe('尚未报送合法性审查，不能登记审查结果；请先填写报送审查日期');
    const item = await create({ kind: 'major_decision', submittedOn: '2025-02-10' });
    expect((await refused(item.id, 'review', { reviewedOn: '2025-02-09', result: 'passed' })).message).toBe('审查完成日期不能早于报送审查日期（2025-02-10）');
    expect((await refused(item.id, 'review', { reviewedOn: '2999-01-01', result: 'passed' })).message).toBe('审查完成日期不能晚于今天');
    expect((await refused(item.id, 'review', { reviewedOn: '2025-02-20', result: 'maybe' })).message).toContain('审查结论应为');
  });

  it('an issue needs an adoption and comes on or after it; a normative document needs its number', async () => {
    const item = await create({ submittedOn: '2025-01-02' });
    await ok(item.id, 'review', { reviewedOn: '2025-01-15', result: 'passed' });
    expect((await refused(item.id, 'issue', { issuedOn: '2025-01-20', docNumber: '嘉卫规〔2025〕1号' })).message).toBe('尚未登记通过（签发），不能登记公布');
    await ok(item.id, 'adoption', { adoptedOn: '2025-01-20' });
    expect((await refused(item.id, 'issue', { issuedOn: '2025-01-19', docNumber: '嘉卫规〔2025〕1号' })).message).toBe('公布（印发）日期不能早于通过（签发）日期（2025-01-20）');
    const noNumber = await refused(item.id, 'issue', { issuedOn: '2025-01-25' });
    expect(noNumber).toMatchObject({ code: 'DOC_NUMBER_REQUIRED', message: '行政规范性文件应当统一登记、统一编号、统一公布，请填写文号' });
    // Recording the adoption again later than the issue is refused the same way.
    await ok(item.id, 'issue', { issuedOn: '2025-01-25', docNumber: '嘉卫规〔2025〕1号' });
    expect((await refused(item.id, 'adoption', { adoptedOn: '2025-01-26' })).code).toBe('ISSUE_BEFORE_ADOPTION');
  });

  it('fair-competition review only for market-touching items; clean-up only of issued normative documents, after issue', async () => {
    const notMarket = await create({ kind: 'other', submittedOn: '2025-01-02' });
    expect((await refused(notMarket.id, 'fair-competition', { reviewedOn: '2025-01-05', passed: true })).message).toBe('该事项未标记为涉及市场主体经济活动，不需登记公平竞争审查');
    expect((await refused(notMarket.id, 'cleanup', { cleanedOn: '2025-06-01', action: 'repealed' })).message).toBe('只有行政规范性文件登记清理结果');
    const doc = await create({ submittedOn: '2025-01-02' });
    expect((await refused(doc.id, 'cleanup', { cleanedOn: '2025-06-01', action: 'repealed' })).message).toBe('尚未公布的文件不能登记清理');
    await ok(doc.id, 'review', { reviewedOn: '2025-01-10', result: 'passed' });
    await ok(doc.id, 'adoption', { adoptedOn: '2025-01-12' });
    await ok(doc.id, 'issue', { issuedOn: '2025-01-15', docNumber: '嘉卫规〔2025〕2号' });
    expect((await refused(doc.id, 'cleanup', { cleanedOn: '2025-01-14', action: 'repealed' })).message).toBe('清理日期不能早于公布日期（2025-01-15）');
    await ok(doc.id, 'cleanup', { cleanedOn: '2025-06-01', action: 'retained' });
    expect((await refused(doc.id, 'cleanup', { cleanedOn: '2025-05-01', action: 'repealed' }, 409)).code).toBe('CLEANUP_BEFORE_LAST');
    await ok(doc.id, 'cleanup', { cleanedOn: '2025-12-01', action: 'repealed' });
    const again = await refused(doc.id, 'cleanup', { cleanedOn: '2025-12-02', action: 'revised' }, 409);
    expect(again.message).toBe('《测试文件》已于2025-12-01废止，不能再次清理');
  });

  it('editing the particulars is checked against the steps recorded', async () => {
    const item = await create({ kind: 'other', title: '原标题', touchesMarket: true, submittedOn: '2025-04-01' });
    await ok(item.id, 'fair-competition', { reviewedOn: '2025-04-03', passed: true });
    const put = (body: Record<string, unknown>) => legal.put(`/api/legality/items/${item.id}`, { orgId: org['JX-WJW'], kind: 'other', title: '新标题', touchesMarket: true, submittedOn: '2025-04-01', ...body });
    const res = await put({});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().title).toBe('新标题');
    const unmark = await put({ touchesMarket: false });
    expect(unmark.statusCode).toBe(400);
    expect(unmark.json().error.code).toBe('FAIR_COMPETITION_NOT_MARKET');
    await ok(item.id, 'review', { reviewedOn: '2025-04-10', result: 'passed' });
    const later = await put({ submittedOn: '2025-04-11' });
    expect(later.statusCode).toBe(400);
    expect(later.json().error.code).toBe('REVIEW_BEFORE_SUBMISSION');
    const audit = await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'legality.update' AND object_id = $1`, [String(item.id)]);
    expect(audit!.n).toBe(1);
  });
});

describe('lapses are recorded with a warning, never refused', () => {
  it('a contract signed without a legality review: 未经合法性审查即通过, and the 未经审查通过 filter finds it', async () => {
    const item = await create({ kind: 'major_contract', title: '未审查即签订的合同' });
    const v = await ok(item.id, 'adoption', { adoptedOn: '2025-05-10' });
    expect(v.status).toBe('adopted');
    expect(v.warnings).toEqual([expect.objectContaining({ code: 'ADOPTED_WITHOUT_REVIEW', level: 'error', message: '未经合法性审查即通过' })]);
    const found = await list('unreviewed=1&q=未审查即签订');
    expect(found.rows.map((r) => r.id)).toEqual([item.id]);
    // A review completed after adoption does not cure it.
    await legal.put(`/api/legality/items/${item.id}`, { orgId: org['JX-WJW'], kind: 'major_contract', title: '未审查即签订的合同', submittedOn: '2025-05-11' });
    const late = await ok(item.id, 'review', { reviewedOn: '2025-05-20', result: 'passed' });
    expect(late.warnings[0].message).toBe('未经合法性审查即通过（审查完成于2025-05-20，晚于通过日期）');
  });

  it('adopted although found unlawful; a market-touching policy issued without fair-competition review', async () => {
    const item = await create({ kind: 'other', title: '涉企通知', touchesMarket: true, submittedOn: '2025-02-03' });
    await ok(item.id, 'review', { reviewedOn: '2025-02-14', result: 'passed' });
    await ok(item.id, 'adoption', { adoptedOn: '2025-02-15' });
    const v = await ok(item.id, 'issue', { issuedOn: '2025-02-16' });
    expect(v.warnings).toEqual([expect.objectContaining({
      code: 'ISSUED_WITHOUT_FAIR_COMPETITION', message: '涉及市场主体经济活动的政策措施未经公平竞争审查即公布', citation: '《公平竞争审查条例》第十八条',
    })]);
    expect((await list('noFairCompetition=1&q=涉企通知')).total).toBe(1);

    const failed = await create({ kind: 'major_decision', title: '不合法仍通过', submittedOn: '2025-02-03' });
    await ok(failed.id, 'review', { reviewedOn: '2025-02-14', result: 'failed', opinion: '无上位法依据' });
    const f = await ok(failed.id, 'adoption', { adoptedOn: '2025-02-20' });
    expect(f.warnings.map((w) => w.code)).toEqual(['ADOPTED_DESPITE_FAILED_REVIEW']);
  });

  it('a review shorter than the rules give is an amber warning citing its article', async () => {
    // 2025-03-03 (Monday) to 2025-03-05: two working days, seven are normally given to a major decision.
    const item = await create({ kind: 'major_decision', submittedOn: '2025-03-03' });
    const v = await ok(item.id, 'review', { reviewedOn: '2025-03-05', result: 'passed' });
    expect(v.warnings).toEqual([expect.objectContaining({
      code: 'REVIEW_TOO_SHORT', level: 'warning', message: '合法性审查时间2个工作日，少于一般应保证的7个工作日', citation: '《重大行政决策程序暂行条例》第二十六条第二款',
    })]);
  });
});

describe('deleting', () => {
  it('only while nothing after submission is recorded', async () => {
    const fresh = await create({ title: '可删除', submittedOn: '2025-01-02' });
    const reviewed = await create({ title: '不可删除', submittedOn: '2025-01-02' });
    await ok(reviewed.id, 'review', { reviewedOn: '2025-01-10', result: 'passed' });
    const no = await legal.delete(`/api/legality/items/${reviewed.id}`);
    expect(no.statusCode).toBe(409);
    expect(no.json().error.message).toBe('已登记审查、公平竞争审查、通过或公布情况的事项不能删除');
    expect((await legal.delete(`/api/legality/items/${fresh.id}`)).statusCode).toBe(200);
    expect((await legal.get(`/api/legality/items/${fresh.id}`)).statusCode).toBe(404);
    expect(await env.db.one(`SELECT 1 FROM audit_log WHERE action = 'legality.delete' AND object_id = $1`, [String(fresh.id)])).toBeTruthy();
  });
});

describe('batch clean-up', () => {
  async function issuedDoc(title: string): Promise<Item> {
    const d = await create({ title, submittedOn: '2025-01-02' });
    await ok(d.id, 'review', { reviewedOn: '2025-01-10', result: 'passed' });
    await ok(d.id, 'adoption', { adoptedOn: '2025-01-12' });
    return ok(d.id, 'issue', { issuedOn: '2025-01-15', docNumber: `嘉卫规〔2025〕${title}号` });
  }

  it('all of the selected documents or none, the refusal naming the document', async () => {
    const a = await issuedDoc('批量甲');
    const b = await issuedDoc('批量乙');
    const draft = await create({ title: '未公布的草案' });
    const bad = await legal.post('/api/legality/cleanup', { ids: [a.id, draft.id], cleanedOn: '2025-09-01', action: 'repealed', batch: '2025年集中清理' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('《未公布的草案》：尚未公布的文件不能登记清理');
    expect((await legal.get(`/api/legality/items/${a.id}`)).json().cleanedOn).toBeNull();

    const good = await legal.post('/api/legality/cleanup', { ids: [a.id, b.id], cleanedOn: '2025-09-01', action: 'repealed', batch: '2025年集中清理' });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ ok: true, count: 2 });
    const rows = await list('kind=normative_doc&status=cleaned&cleanupAction=repealed&q=批量');
    expect(rows.rows.map((r) => r.title).sort()).toEqual(['批量甲', '批量乙'].sort());
    const audits = await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'legality.cleanup' AND object_id = ANY($1::text[])`, [[String(a.id), String(b.id)]]);
    expect(audits!.n).toBe(2);
  });
});

describe('lists, export and the opinion document', () => {
  it('searches title, document number and item number; filters by kind, organisation subtree, status and dates', async () => {
    const nh = await legal.post('/api/legality/items', { orgId: org['NH-JDS'], kind: 'major_decision', title: '南湖监督所检索测试方案', submittedOn: '2025-07-01' });
    expect(nh.statusCode).toBe(200);
    const nhItem = nh.json() as Item;
    expect((await list('q=检索测试方案')).rows.map((r) => r.id)).toEqual([nhItem.id]);
    expect((await list(`q=${nhItem.itemNo}`)).rows.map((r) => r.id)).toEqual([nhItem.id]);
    expect((await list(`q=${encodeURIComponent('嘉卫规〔2025〕99号')}`)).total).toBe(1);
    expect((await list(`q=检索测试方案&orgId=${org['NH-WJJ']}`)).total).toBe(1);
    expect((await list(`q=检索测试方案&orgId=${org['XZ-WJJ']}`)).total).toBe(0);
    expect((await list('q=检索测试方案&kind=normative_doc')).total).toBe(0);
    expect((await list('q=检索测试方案&status=pending')).total).toBe(1);
    expect((await list('q=检索测试方案&status=reviewed')).total).toBe(0);
    expect((await list('q=检索测试方案&from=2025-07-01&to=2025-07-01')).total).toBe(1);
    expect((await list('q=检索测试方案&from=2025-07-02')).total).toBe(0);
    expect((await list('q=检索测试方案&dateField=adopted&from=2025-01-01')).total).toBe(0);
    const page = await list('pageSize=5&page=2');
    expect(page.rows.length).toBeLessThanOrEqual(5);
    expect(page.total).toBeGreaterThan(5);
  });

  it('exports the filtered list to Excel', async () => {
    const res = await legal.get('/api/legality/items/export?kind=normative_doc&status=cleaned&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('行政规范性文件');
    expect(ws.getRow(1).getCell(1).value).toBe('编号');
    const expected = (await list('kind=normative_doc&status=cleaned&pageSize=100')).total;
    expect(ws.rowCount - 1).toBe(expected);
    for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(3).value).toBe('行政规范性文件');
  });

  it('prints the 合法性审查意见书 of a reviewed item, not of one under review', async () => {
    const item = await create({ title: '意见书测试办法', draftingUnit: '医政医管处', submittedOn: '2025-03-03' });
    expect((await legal.get(`/api/legality/items/${item.id}/opinion`)).statusCode).toBe(404);
    await ok(item.id, 'review', { reviewedOn: '2025-03-14', result: 'passed_with_changes', opinion: '第三条“不得跨区域执业”建议删除。' });
    const res = await leader.get(`/api/legality/items/${item.id}/opinion`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('合法性审查意见书');
    expect(text).toContain('医政医管处：');
    expect(text).toContain('《意见书测试办法》');
    expect(text).toContain('修改后通过');
    expect(text).toContain('不得跨区域执业');
    expect(text).toContain('二〇二五年三月十四日');
  });
});

describe('permissions and scope', () => {
  it('the office may not read or write the register (403); the leader reads but does not write', async () => {
    expect((await office.get('/api/legality/items')).statusCode).toBe(403);
    const write = await office.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'other', title: '办公室登记' });
    expect(write.statusCode).toBe(403);
    expect((await leader.get('/api/legality/items')).statusCode).toBe(200);
    expect((await leader.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'other', title: '领导登记' })).statusCode).toBe(403);
  });

  it('a district legal section sees only its district: another organisation\'s item answers 404, read or write', async () => {
    const city = await create({ title: '市级文件', submittedOn: '2025-01-02' });
    expect((await district.get(`/api/legality/items/${city.id}`)).statusCode).toBe(404);
    expect((await district.put(`/api/legality/items/${city.id}`, { orgId: org['XZ-WJJ'], kind: 'other', title: '越权' })).statusCode).toBe(404);
    expect((await district.post(`/api/legality/items/${city.id}/review`, { reviewedOn: '2025-01-10', result: 'passed' })).statusCode).toBe(404);
    expect((await district.delete(`/api/legality/items/${city.id}`)).statusCode).toBe(404);
    expect((await district.get(`/api/legality/items/${city.id}/opinion`)).statusCode).toBe(404);
    expect((await district.post('/api/legality/cleanup', { ids: [city.id], cleanedOn: '2025-06-01', action: 'repealed' })).statusCode).toBe(404);
    expect((await district.post('/api/legality/items', { orgId: org['JX-WJW'], kind: 'other', title: '越权登记' })).statusCode).toBe(404);
    const own = await district.post('/api/legality/items', { orgId: org['XZ-WJJ'], kind: 'other', title: '秀洲区自己的事项' });
    expect(own.statusCode).toBe(200);
    const rows = (await district.get('/api/legality/items?pageSize=100')).json().rows as Item[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.orgId === org['XZ-WJJ'] || r.orgId === org['XZ-JDS'])).toBe(true);
    expect((await legal.get(`/api/legality/items/${city.id}`)).statusCode).toBe(200);
  });
});

describe('the demo register', () => {
  it('has items of every kind over last year and this year, two lapses, market-touching and cleaned documents', async () => {
    const stats = await env.db.one<{ kinds: number; years: number; unreviewed: number; market: number; cleaned: number; nh: number }>(
      `SELECT count(DISTINCT kind)::int AS kinds, count(DISTINCT extract(year FROM submitted_on))::int AS years,
              count(*) FILTER (WHERE kind <> 'other' AND adopted_on IS NOT NULL AND NOT coalesce(reviewed_on <= adopted_on, false))::int AS unreviewed,
              count(*) FILTER (WHERE touches_market AND fair_competition_passed)::int AS market,
              count(*) FILTER (WHERE cleaned_on IS NOT NULL)::int AS cleaned,
              count(*) FILTER (WHERE org_id = $1)::int AS nh
         FROM legality_items WHERE item_no LIKE 'HFX-%' AND created_by IS NULL`, [org['NH-WJJ']]);
    expect(stats!.kinds).toBe(4);
    expect(stats!.years).toBe(2);
    expect(stats!.unreviewed).toBeGreaterThanOrEqual(1);
    expect(stats!.market).toBeGreaterThanOrEqual(3);
    expect(stats!.cleaned).toBeGreaterThanOrEqual(1);
    expect(stats!.nh).toBeGreaterThanOrEqual(2);
  });
});
