// The registers through the API as their users meet them: the office registers a
// publication, a training and an activity (numbered by the platform when left empty),
// edits and deletes them (audited), searches and filters the lists and exports them; the
// leader reads but may not write, an inspector may do neither (403); a district office
// sees and touches only its own district (404 outside it); forms are refused with
// Chinese messages naming the field. The responsibility list: duties per unit and year,
// marked completed with a date and a note, progress per unit, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { readXlsx, sheetRows } from '../datasets/testFiles';
import { addDays, todayInChina, yearOf } from '../../core/calendar/dates';

let env: TestEnv;
let office: Client;
let leader: Client;
let inspector: Client;
let district: Client;
const org: Record<string, number> = {};
const today = todayInChina();
const year = yearOf(today);

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  [office, leader, inspector] = await Promise.all([env.as('office'), env.as('leader'), env.as('inspector1')]);
  const admin = await env.as('admin');
  const created = await admin.post('/api/users', {
    username: 'nh_office_r', displayName: '南湖区办公室', orgId: org['NH-WJJ'], roles: ['office'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok',
  });
  expect(created.statusCode, created.body).toBe(200);
  district = await env.as('nh_office_r', 'District2026ok');
}, 120_000);
afterAll(async () => { await env?.close(); });

const audits = async (objectType: string, id: number) => (await env.db.query<{ action: string; username: string }>(
  'SELECT action, username FROM audit_log WHERE object_type = $1 AND object_id = $2 ORDER BY id', [objectType, String(id)]));

describe('the demo data', () => {
  it('holds last year and this year: publications across channels, collective law study and an oath, activities, a responsibility list', async () => {
    const last = year - 1;
    const total = async (url: string) => (await leader.get(url)).json().total as number;
    expect(await total(`/api/registers/publications?from=${last}-01-01&to=${last}-12-31`)).toBeGreaterThan(200);
    for (const channel of ['website', 'weibo', 'wechat', 'catalogue']) expect(await total(`/api/registers/publications?type=${channel}`), channel).toBeGreaterThan(0);
    expect(await total(`/api/registers/trainings?type=law_study&from=${last}-01-01&to=${last}-12-31`)).toBeGreaterThanOrEqual(4);
    expect(await total(`/api/registers/trainings?type=constitution_oath&from=${last}-01-01&to=${last}-12-31`)).toBeGreaterThanOrEqual(1);
    expect(await total(`/api/registers/activities?from=${last}-01-01&to=${last}-12-31`)).toBeGreaterThanOrEqual(25);
    const progress = (await leader.get(`/api/registers/duties/progress?year=${last}`)).json() as { total: number; done: number }[];
    expect(progress.reduce((n, p) => n + p.total, 0)).toBe(10);
    expect(progress.reduce((n, p) => n + p.done, 0)).toBe(10);
  });
});

describe('publications (主动公开)', () => {
  it('are registered with a platform number, read, edited and deleted by the office, each step audited', async () => {
    const input = { orgId: org['NH-WJJ'], publishedOn: today, channel: 'website', title: '南湖区2026年“双随机、一公开”抽查计划', url: 'https://www.example.gov.cn/a/1.html' };
    const created = await office.post('/api/registers/publications', input);
    expect(created.statusCode, created.body).toBe(200);
    const { id, no } = created.json() as { id: number; no: string };
    expect(no).toMatch(new RegExp(`^GK-${year}-\\d{6}$`));
    const second = (await office.post('/api/registers/publications', { ...input, title: '第二条' })).json();
    expect(second.no).not.toBe(no);

    const one = await leader.get(`/api/registers/publications/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, no, orgId: org['NH-WJJ'], date: today, type: 'website', typeName: '门户网站', title: input.title, url: input.url, source: 'platform' });

    const edited = await office.put(`/api/registers/publications/${id}`, { ...input, channel: 'wechat', title: '已修改标题', url: '' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await office.get(`/api/registers/publications/${id}`)).json()).toMatchObject({ type: 'wechat', typeName: '政务微信', title: '已修改标题', url: null, no });
    const renumber = await office.put(`/api/registers/publications/${id}`, { ...input, publicationNo: 'OTHER-1' });
    expect(renumber.statusCode).toBe(400);
    expect(renumber.json().error.message).toBe('编号登记后不能修改');

    expect((await office.delete(`/api/registers/publications/${id}`)).statusCode).toBe(200);
    expect((await office.get(`/api/registers/publications/${id}`)).statusCode).toBe(404);
    expect(await audits('publication', id)).toEqual([
      { action: 'register.publication.create', username: 'office' },
      { action: 'register.publication.update', username: 'office' },
      { action: 'register.publication.delete', username: 'office' },
    ]);
  });

  it('take a number the user gives, once', async () => {
    const input = { publicationNo: 'NH-GK-2026-7', orgId: org['NH-WJJ'], publishedOn: today, channel: 'catalogue', title: '政府信息公开目录条目' };
    const created = await office.post('/api/registers/publications', input);
    expect(created.statusCode).toBe(200);
    expect(created.json().no).toBe('NH-GK-2026-7');
    const again = await office.post('/api/registers/publications', input);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE_NO', message: '编号“NH-GK-2026-7”已被使用，请换一个编号或留空由系统生成', details: { field: 'publicationNo' } });
  });

  it('refuse a bad form with Chinese messages naming the field', async () => {
    const empty = await office.post('/api/registers/publications', { orgId: org['NH-WJJ'], publishedOn: '2026-02-30', channel: 'tv', title: '  ', url: 'ftp://x' });
    expect(empty.statusCode).toBe(400);
    const messages = (empty.json().error.details as { field: string; message: string }[]).map((d) => [d.field, d.message]);
    expect(messages).toEqual(expect.arrayContaining([
      ['publishedOn', '发布日期应为 YYYY-MM-DD 格式的有效日期'],
      ['channel', '发布渠道应为：门户网站、政务微博、政务微信、政府信息公开目录、其他渠道'],
      ['title', '请填写标题'],
      ['url', '链接应为以 http:// 或 https:// 开头的网址'],
    ]));
    const missing = await office.post('/api/registers/publications', { orgId: org['NH-WJJ'], channel: 'website' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('请填写发布日期');
    expect(missing.json().error.message).toContain('请填写标题');
    const future = await office.post('/api/registers/publications', { orgId: org['NH-WJJ'], publishedOn: addDays(today, 1), channel: 'website', title: '明天的' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ message: '发布日期不能晚于今天', details: { field: 'publishedOn' } });
  });

  it('list with search, organisation subtree, dates, channel and pagination; export what the list shows', async () => {
    const mk = (o: string, d: string, channel: string, title: string) => office.post('/api/registers/publications', { orgId: org[o], publishedOn: d, channel, title });
    await mk('NH-JDS', '2025-05-01', 'weibo', '列表测试甲 卫生监督所微博');
    await mk('NH-WJJ', '2025-05-02', 'weibo', '列表测试乙 南湖区微博');
    await mk('XZ-WJJ', '2025-05-03', 'weibo', '列表测试丙 秀洲区微博');
    await mk('NH-WJJ', '2025-06-01', 'website', '列表测试丁 南湖区网站');
    const q = encodeURIComponent('列表测试');
    const list = async (c: Client, extra = '') => (await c.get(`/api/registers/publications?q=${q}${extra}`)).json() as { rows: { title: string; no: string }[]; total: number };
    expect((await list(office)).total).toBe(4);
    expect((await list(office, `&orgId=${org['NH-WJJ']}`)).rows.map((r) => r.title.slice(0, 5))).toEqual(['列表测试丁', '列表测试乙', '列表测试甲']);
    expect((await list(office, '&type=weibo&from=2025-05-02&to=2025-05-03')).rows.map((r) => r.title.slice(0, 5))).toEqual(['列表测试丙', '列表测试乙']);
    const page2 = await list(office, '&pageSize=3&page=2');
    expect(page2).toMatchObject({ total: 4 });
    expect(page2.rows.map((r) => r.title.slice(0, 5))).toEqual(['列表测试甲']);
    const byNo = (await list(office)).rows[0].no;
    expect((await office.get(`/api/registers/publications?q=${encodeURIComponent(byNo)}`)).json().rows).toHaveLength(1);

    const xlsx = await office.get(`/api/registers/publications/export?q=${q}&type=weibo`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rows = sheetRows((await readXlsx(xlsx.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual(['编号', '机构', '发布日期', '发布渠道', '标题', '链接', '来源']);
    expect(rows.slice(1).map((r) => [r[1], r[3], String(r[4]).slice(0, 5), r[6]])).toEqual([
      ['嘉兴市秀洲区卫生健康局', '政务微博', '列表测试丙', '平台登记'],
      ['嘉兴市南湖区卫生健康局', '政务微博', '列表测试乙', '平台登记'],
      ['嘉兴市南湖区卫生监督所', '政务微博', '列表测试甲', '平台登记'],
    ]);
  });
});

describe('trainings and activities', () => {
  it('trainings carry their kind and participants; numbered PX-', async () => {
    const res = await office.post('/api/registers/trainings', { orgId: org['JX-WJW'], heldOn: today, kind: 'law_study', title: '党组理论学习中心组集体学法', participants: 18 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().no).toMatch(new RegExp(`^PX-${year}-\\d{6}$`));
    const row = (await office.get(`/api/registers/trainings/${res.json().id}`)).json();
    expect(row).toMatchObject({ type: 'law_study', typeName: '集体学法', participants: 18 });
    const bad = await office.post('/api/registers/trainings', { orgId: org['JX-WJW'], heldOn: today, kind: 'party', title: '培训', participants: -1 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.details as { field: string; message: string }[]).map((d) => [d.field, d.message])).toEqual(expect.arrayContaining([
      ['kind', '培训类型应为：业务培训、集体学法、宪法宣誓、专家讲座'],
      ['participants', '参加人数不能为负数'],
    ]));
    const xlsx = await office.get(`/api/registers/trainings/export?type=law_study`);
    expect(sheetRows((await readXlsx(xlsx.rawPayload)).worksheets[0])[0]).toEqual(['编号', '机构', '举办日期', '培训类型', '主题', '参加人数', '来源']);
  });

  it('activities are numbered PF-, participants default to 0; a quiz’s activity keeps its participants and cannot be deleted', async () => {
    const res = await office.post('/api/registers/activities', { orgId: org['XZ-WJJ'], heldOn: today, kind: 'campaign', title: '宪法宣传周' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().no).toMatch(new RegExp(`^PF-${year}-\\d{6}$`));
    expect((await office.get(`/api/registers/activities/${res.json().id}`)).json()).toMatchObject({ participants: 0, quizLinked: false });

    const quiz = (await office.post('/api/registers/activities', { orgId: org['JX-WJW'], heldOn: today, kind: 'quiz', title: '网上学法竞赛', participants: 0 })).json();
    await env.db.query(
      `INSERT INTO law_quizzes (org_id, title, opens_on, closes_on, question_count, time_limit_minutes, pass_score, status, activity_id)
       VALUES ($1, '网上学法竞赛', $2, $2, 10, 20, 60, 'published', $3)`, [org['JX-WJW'], today, quiz.id]);
    await env.db.query('UPDATE popularization_activities SET participants = 37 WHERE id = $1', [quiz.id]);
    expect((await office.get(`/api/registers/activities/${quiz.id}`)).json()).toMatchObject({ participants: 37, quizLinked: true });
    const body = { orgId: org['JX-WJW'], heldOn: today, kind: 'quiz', title: '网上学法竞赛（更名）', participants: 99 };
    const change = await office.put(`/api/registers/activities/${quiz.id}`, body);
    expect(change.statusCode).toBe(400);
    expect(change.json().error.message).toBe('该活动的参与人次由网上学法竞赛完成答题人次自动计数，不能手工修改');
    expect((await office.put(`/api/registers/activities/${quiz.id}`, { ...body, participants: 37 })).statusCode).toBe(200);
    const del = await office.delete(`/api/registers/activities/${quiz.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toBe('该活动属于网上学法竞赛，不能单独删除');
  });
});

describe('permissions and scope', () => {
  it('the leader reads but may not write; an inspector may do neither', async () => {
    const body = { orgId: org['JX-WJW'], publishedOn: today, channel: 'website', title: '权限测试' };
    expect((await leader.get('/api/registers/publications')).statusCode).toBe(200);
    expect((await leader.post('/api/registers/publications', body)).statusCode).toBe(403);
    for (const [method, url] of [['GET', '/api/registers/publications'], ['POST', '/api/registers/publications'], ['GET', '/api/registers/duties?year=2026'],
      ['POST', '/api/registers/duties'], ['GET', '/api/registers/trainings/export'], ['DELETE', '/api/registers/activities/1']] as const) {
      const res = await inspector.request(method, url, method === 'GET' ? undefined : body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('a district office sees and changes only its district: another district’s record answers 404', async () => {
    const xz = (await office.post('/api/registers/trainings', { orgId: org['XZ-JDS'], heldOn: today, kind: 'training', title: '秀洲区范围测试培训', participants: 5 })).json();
    const nh = (await district.post('/api/registers/trainings', { orgId: org['NH-JDS'], heldOn: today, kind: 'training', title: '南湖区范围测试培训', participants: 7 }));
    expect(nh.statusCode, nh.body).toBe(200);
    const body = { orgId: org['NH-JDS'], heldOn: today, kind: 'training', title: '越权修改', participants: 1 };
    for (const res of [
      await district.get(`/api/registers/trainings/${xz.id}`),
      await district.put(`/api/registers/trainings/${xz.id}`, body),
      await district.delete(`/api/registers/trainings/${xz.id}`),
      await district.post('/api/registers/trainings', { ...body, orgId: org['XZ-JDS'] }),
      await district.put(`/api/registers/trainings/${nh.json().id}`, { ...body, orgId: org['XZ-JDS'] }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } });
    }
    const titles = (await district.get(`/api/registers/trainings?q=${encodeURIComponent('范围测试')}`)).json().rows.map((r: { title: string }) => r.title);
    expect(titles).toEqual(['南湖区范围测试培训']);
    expect((await office.get(`/api/registers/trainings/${xz.id}`)).json().title).toBe('秀洲区范围测试培训');
  });
});

describe('the responsibility list (普法责任清单)', () => {
  it('duties per unit and year, marked completed, with progress per unit and an export', async () => {
    const Y = 2025;
    const duty = (o: string, text: string, dueOn: string | null) => office.post('/api/registers/duties', { orgId: org[o], year: Y, duty: text, measure: '开展专题宣传', target: '医疗机构', dueOn });
    const a = (await duty('NH-WJJ', '职责测试：宣传基本医疗卫生与健康促进法', `${Y}-06-30`)).json();
    const b = (await duty('NH-WJJ', '职责测试：开展医疗机构依法执业培训', `${Y}-12-31`)).json();
    await duty('XZ-WJJ', '职责测试：国家宪法日宣传', null);

    const late = await office.post(`/api/registers/duties/${a.id}/complete`, { completedOn: addDays(today, 1), completionNote: '已完成' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toBe('完成日期不能晚于今天');
    const noNote = await office.post(`/api/registers/duties/${a.id}/complete`, { completedOn: `${Y}-06-20` });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.message).toContain('请填写完成情况');
    expect((await office.post(`/api/registers/duties/${a.id}/complete`, { completedOn: `${Y}-06-20`, completionNote: '举办专题讲座3场，发放资料2000份' })).statusCode).toBe(200);

    const badDue = await office.put(`/api/registers/duties/${b.id}`, { orgId: org['NH-WJJ'], year: Y, duty: '职责测试：开展医疗机构依法执业培训', dueOn: `${Y + 1}-01-31` });
    expect(badDue.statusCode).toBe(400);
    expect(badDue.json().error).toMatchObject({ message: `完成时限应在${Y}年内`, details: { field: 'dueOn' } });
    expect((await office.put(`/api/registers/duties/${b.id}`, { orgId: org['NH-WJJ'], year: Y, duty: '职责测试：开展医疗机构依法执业培训（修改）', dueOn: `${Y}-11-30` })).statusCode).toBe(200);

    const q = encodeURIComponent('职责测试');
    const list = (await office.get(`/api/registers/duties?year=${Y}&q=${q}`)).json();
    expect(list.total).toBe(3);
    expect(list.rows.find((r: { id: number }) => r.id === a.id)).toMatchObject({ status: 'done', completedOn: `${Y}-06-20`, completionNote: '举办专题讲座3场，发放资料2000份' });
    expect(list.rows.find((r: { id: number }) => r.id === b.id)).toMatchObject({ status: 'overdue', duty: '职责测试：开展医疗机构依法执业培训（修改）', measure: null });
    expect((await office.get(`/api/registers/duties?year=${Y}&q=${q}&status=done`)).json().rows.map((r: { id: number }) => r.id)).toEqual([a.id]);
    expect((await office.get(`/api/registers/duties?year=${Y}&q=${q}&orgId=${org['XZ-WJJ']}`)).json().total).toBe(1);
    expect((await office.get(`/api/registers/duties?year=${Y + 1}&q=${q}`)).json().total).toBe(0);

    const progress = (await office.get(`/api/registers/duties/progress?year=${Y}`)).json() as { orgId: number; total: number; done: number }[];
    const nh = progress.find((p) => p.orgId === org['NH-WJJ'])!;
    const before = (await env.db.one<{ total: number; done: number }>(
      'SELECT count(*)::int AS total, count(completed_on)::int AS done FROM popularization_duties WHERE org_id = $1 AND year = $2', [org['NH-WJJ'], Y]))!;
    expect(nh).toMatchObject(before);
    expect(nh.done).toBeGreaterThanOrEqual(1);

    // The district office sees its own units only; the other district's duty answers 404.
    const xzDuty = list.rows.find((r: { orgId: number }) => r.orgId === org['XZ-WJJ']);
    expect((await district.post(`/api/registers/duties/${xzDuty.id}/complete`, { completedOn: `${Y}-12-04`, completionNote: '越权' })).statusCode).toBe(404);
    expect((await district.get(`/api/registers/duties/progress?year=${Y}`)).json().map((p: { orgId: number }) => p.orgId)).not.toContain(org['XZ-WJJ']);
    expect((await leader.post(`/api/registers/duties/${a.id}/complete`, { completedOn: `${Y}-06-20`, completionNote: '领导' })).statusCode).toBe(403);

    const xlsx = await office.get(`/api/registers/duties/export?year=${Y}&q=${q}`);
    expect(xlsx.statusCode).toBe(200);
    const rows = sheetRows((await readXlsx(xlsx.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual(['年度', '责任单位', '普法职责', '主要措施', '普法对象', '完成时限', '状态', '完成日期', '完成情况']);
    expect(rows).toHaveLength(4);

    expect((await office.delete(`/api/registers/duties/${b.id}`)).statusCode).toBe(200);
    expect((await audits('popularization_duty', a.id)).map((x) => x.action)).toEqual(['register.duty.create', 'register.duty.complete']);
    expect((await audits('popularization_duty', b.id)).map((x) => x.action)).toEqual(['register.duty.create', 'register.duty.update', 'register.duty.delete']);
  });
});
