// The question bank through the API: creating, reading, editing, deactivating and deleting
// questions with the checks a user sees in Chinese; the list's search, filters, pages and
// export; importing a CSV or XLSX file (every bad row reported, nothing written, one
// transaction; a good file written whole); the data scope and the permission.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';

let env: TestEnv;
let legal: Client;
let office: Client;
const org: Record<string, number> = {};

const single = (orgId: number, text: string) => ({
  orgId, text, kind: 'single', options: [{ key: 'A', text: '五日' }, { key: 'B', text: '十日' }, { key: 'C', text: '二十日' }], answer: ['C'],
  explanation: '一般期限二十日。', lawRef: '《中华人民共和国行政许可法》第四十二条',
});

async function importFile(who: Client, orgId: number, fileName: string, content: Buffer, type = 'text/csv') {
  const m = multipartForm({ name: fileName, content, contentType: type });
  return env.app.inject({ method: 'POST', url: `/api/quiz/questions/import?orgId=${orgId}`, payload: m.body, headers: { ...m.headers, cookie: who.cookie! } });
}

const count = async (orgId: number) => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM quiz_questions WHERE org_id = $1', [orgId]))!.n;

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  [legal, office] = await Promise.all(['legal', 'office'].map((u) => env.as(u)));
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('a question', () => {
  it('is created, read, edited and deleted, each step audited', async () => {
    const created = await legal.post('/api/quiz/questions', single(org['NH-WJJ'], '行政机关一般应当自受理行政许可申请之日起多少日内作出决定？'));
    expect(created.statusCode, created.body).toBe(200);
    const q = created.json();
    expect(q).toMatchObject({ kind: 'single', kindName: '单选题', answer: ['C'], answerText: 'C', active: true, orgName: '嘉兴市南湖区卫生健康局' });
    expect((await legal.get(`/api/quiz/questions/${q.id}`)).json()).toMatchObject({ id: q.id, drawn: 0 });

    const edited = await legal.put(`/api/quiz/questions/${q.id}`, { ...single(org['NH-WJJ'], q.text), active: false, answer: ['B'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ active: false, answer: ['B'] });

    const del = await legal.delete(`/api/quiz/questions/${q.id}`);
    expect(del.statusCode).toBe(200);
    expect((await legal.get(`/api/quiz/questions/${q.id}`)).statusCode).toBe(404);
    const actions = (await env.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'quiz_question' AND object_id = $1 ORDER BY id`, [String(q.id)])).map((a) => a.action);
    expect(actions).toEqual(['quiz.question.create', 'quiz.question.update', 'quiz.question.delete']);
  });

  it('a true/false question always has the options 正确 and 错误', async () => {
    const res = await legal.post('/api/quiz/questions', { orgId: org['JX-WJW'], text: '行政机关提供行政许可申请书格式文本，不得收费。', kind: 'true_false', answer: ['A'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ options: [{ key: 'A', text: '正确' }, { key: 'B', text: '错误' }], answerText: '正确' });
  });

  it('refuses malformed questions with Chinese messages', async () => {
    const base = single(org['JX-WJW'], '一道题');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, answer: ['A', 'B'] }, '单选题只能有一个正确答案'],
      [{ ...base, kind: 'multiple', answer: ['A'] }, '多选题应有两个或两个以上正确答案'],
      [{ ...base, answer: ['D'] }, '答案D不是该题的选项'],
      [{ ...base, options: [{ key: 'A', text: '五日' }] }, '单选题至少应有2个选项'],
      [{ ...base, options: [{ key: 'A', text: '五日' }, { key: 'C', text: '十日' }], answer: ['A'] }, '第2个选项的序号应为B'],
      [{ ...base, options: [{ key: 'A', text: '五日' }, { key: 'B', text: '五日' }], answer: ['A'] }, '选项内容不能重复'],
      [{ ...base, text: '  ' }, '不能为空'],
    ];
    for (const [body, message] of cases) {
      const res = await legal.post('/api/quiz/questions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
  });

  it('once drawn in an attempt it can only be deactivated, not deleted', async () => {
    const q = (await legal.post('/api/quiz/questions', single(org['JX-WJW'], '被抽取过的题目'))).json();
    const quiz = (await env.db.one<{ id: number }>('SELECT id FROM law_quizzes LIMIT 1'))!;
    await env.db.query(`INSERT INTO quiz_attempts (quiz_id, token, question_ids, deadline_at) VALUES ($1, 'drawn-question-token-0000000000', $2, now())`, [quiz.id, JSON.stringify([q.id])]);
    const del = await legal.delete(`/api/quiz/questions/${q.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toContain('只能停用');
  });
});

describe('the list', () => {
  it('searches, filters, pages and exports within the scope', async () => {
    const all = (await legal.get('/api/quiz/questions?pageSize=5')).json();
    expect(all.rows).toHaveLength(5);
    expect(all.total).toBeGreaterThanOrEqual(40);
    const searched = (await legal.get(`/api/quiz/questions?q=${encodeURIComponent('尸检')}`)).json();
    expect(searched.total).toBeGreaterThan(0);
    for (const r of searched.rows) expect(`${r.text}${r.lawRef}${r.explanation}`).toContain('尸检');
    const tf = (await legal.get('/api/quiz/questions?kind=true_false&pageSize=100')).json();
    expect(tf.rows.every((r: { kind: string }) => r.kind === 'true_false')).toBe(true);
    const page2 = (await legal.get('/api/quiz/questions?pageSize=5&page=2')).json();
    expect(page2.rows[0].id).not.toBe(all.rows[0].id);

    const exported = await legal.get(`/api/quiz/questions/export?kind=multiple`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('题干');
    expect(ws.getRow(2).getCell(2).value).toBe('多选题');
    const multiples = (await legal.get('/api/quiz/questions?kind=multiple')).json().total;
    expect(ws.actualRowCount - 1).toBe(multiples);
  });

  it('needs quiz.manage: an inspector or the office gets 403', async () => {
    const inspector = await env.as('inspector1');
    expect((await inspector.get('/api/quiz/questions')).statusCode).toBe(403);
    expect((await office.post('/api/quiz/questions', single(org['JX-WJW'], '办公室新增'))).statusCode).toBe(403);
  });
});

describe('the data scope', () => {
  it('a district quiz manager sees its own district’s questions only, and another district’s answer 404', async () => {
    const admin = await env.as('admin');
    const made = await admin.post('/api/users', {
      username: 'xzquiz', displayName: '秀洲区普法员', orgId: org['XZ-WJJ'], roles: ['legal'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Quiz2026xz', active: true,
    });
    expect(made.statusCode, made.body).toBe(200);
    const xz = await env.as('xzquiz', 'Quiz2026xz');
    const nh = (await legal.post('/api/quiz/questions', single(org['NH-WJJ'], '南湖区的题目'))).json();
    expect((await xz.get(`/api/quiz/questions/${nh.id}`)).statusCode).toBe(404);
    expect((await xz.put(`/api/quiz/questions/${nh.id}`, single(org['XZ-WJJ'], '改到秀洲'))).statusCode).toBe(404);
    expect((await xz.delete(`/api/quiz/questions/${nh.id}`)).statusCode).toBe(404);
    expect((await xz.post('/api/quiz/questions', single(org['NH-WJJ'], '越权新增'))).statusCode).toBe(404);
    const list = (await xz.get('/api/quiz/questions?pageSize=100')).json();
    expect(list.rows.every((r: { orgId: number }) => r.orgId === org['XZ-WJJ'] || r.orgId === org['XZ-JDS'])).toBe(true);
    const imported = await importFile(xz, org['NH-WJJ'], 'q.csv', Buffer.from('题干,题型,选项A,选项B,答案\n越权导入,单选题,甲,乙,A\n'));
    expect(imported.statusCode).toBe(404);
  });
});

describe('importing questions', () => {
  const header = '题干,题型,选项A,选项B,选项C,选项D,答案,解析,依据';

  it('reports every bad row in Chinese and writes nothing', async () => {
    const before = await count(org['XZ-WJJ']);
    const csv = [
      header,
      '违法行为在多长时间内未被发现的不再给予行政处罚？,单选题,六个月,一年,二年,三年,C,一般为二年,《中华人民共和国行政处罚法》第三十六条',
      ',单选题,甲,乙,,,A,,',
      '题型写错的题,问答题,甲,乙,,,A,,',
      '单选给了两个答案,单选,甲,乙,丙,,AB,,',
      '答案不是选项,单选题,甲,乙,,,D,,',
      '多选只有一个答案,多选题,甲,乙,丙,,B,,',
      '判断题答案写错,判断题,,,,,也许,,',
      '选项中间留空,单选题,甲,,丙,,A,,',
      '违法行为在多长时间内未被发现的不再给予行政处罚？,单选题,六个月,一年,二年,三年,C,,',
    ].join('\n');
    const res = await importFile(legal, org['XZ-WJJ'], 'questions.csv', Buffer.from('\ufeff' + csv));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.error.message).toBe('文件中有8行数据有误，未导入任何数据');
    const at = (row: number) => body.errors.filter((e: { row: number }) => e.row === row).map((e: { message: string }) => e.message).join('；');
    expect(at(3)).toContain('题干不能为空');
    expect(at(4)).toContain('题型应为“单选题”“多选题”或“判断题”');
    expect(at(5)).toContain('单选题只能有一个正确答案');
    expect(at(6)).toContain('答案D不是该题的选项');
    expect(at(7)).toContain('多选题应有两个或两个以上正确答案');
    expect(at(8)).toContain('判断题的答案应为“正确”或“错误”');
    expect(at(9)).toContain('选项应按A、B、C……顺序连续填写');
    expect(at(10)).toContain('与第2行的题干重复');
    expect(at(2)).toBe('');
    expect(await count(org['XZ-WJJ'])).toBe(before);
  });

  it('a missing column is named', async () => {
    const res = await importFile(legal, org['XZ-WJJ'], 'q.csv', Buffer.from('题干,选项A,选项B\n某题,甲,乙\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { message: string }) => e.message).join()).toContain('缺少必填列“题型”');
  });

  it('a good XLSX file is imported whole, and a second import of the same questions is refused', async () => {
    const before = await count(org['XZ-WJJ']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('题目');
    ws.addRow(header.split(','));
    ws.addRow(['除可以当场作出行政许可决定的外，行政机关应当自受理申请之日起多少日内作出决定？', '单选题', '十日', '十五日', '二十日', '三十日', 'C', '一般期限二十日', '《中华人民共和国行政许可法》第四十二条']);
    ws.addRow(['发生医疗纠纷可以通过哪些途径解决？', '多选题', '自愿协商', '人民调解', '行政调解', '诉讼', 'A、B、C、D', '', '《医疗纠纷预防和处理条例》第二十二条']);
    ws.addRow(['行政机关依申请提供政府信息一律免费。', '判断题', '', '', '', '', '错误', '数量、频次明显超过合理范围的可以收取信息处理费', '《中华人民共和国政府信息公开条例》第四十二条']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await importFile(legal, org['XZ-WJJ'], '题库.xlsx', file, type);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ inserted: 3 });
    expect(await count(org['XZ-WJJ'])).toBe(before + 3);
    const rows = await env.db.query<{ kind: string; answer: string[]; options: unknown[] }>('SELECT kind, answer, options FROM quiz_questions WHERE org_id = $1 ORDER BY id DESC LIMIT 3', [org['XZ-WJJ']]);
    expect(rows.map((r) => [r.kind, r.answer])).toEqual([['true_false', ['B']], ['multiple', ['A', 'B', 'C', 'D']], ['single', ['C']]]);
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'quiz.question.import'`))!.n).toBe(1);

    const again = await importFile(legal, org['XZ-WJJ'], '题库.xlsx', file, type);
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].message).toBe('题库中已有相同题干的题目');
    expect(await count(org['XZ-WJJ'])).toBe(before + 3);
  });

  it('serves a template whose header is the import’s', async () => {
    const res = await legal.get('/api/quiz/questions/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['题干', '题型', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '依据']);
    // The template itself imports.
    const imported = await importFile(legal, org['XZ-JDS'], 'template.xlsx', res.rawPayload, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ inserted: 2 });
  });
});
