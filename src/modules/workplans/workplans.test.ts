// Work plans (工作要点) through the API: import from the Hangzhou seed (preview, then
// save), the Word export, editing the structure, targets with live values computed
// from hand-made records, the rules of who may write a progress note, the to-dos, and
// planTargetsWithValues as the annual report calls it.
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { parseOutline } from '../../core/workplans/outline';
import { userForToken } from '../../platform/auth/sessions';
import { METRIC_REGISTRY } from '../metrics/definitions';
import { planTargetsWithValues } from './targets';
import { workplanTodosOn } from './todos';

const SEED = fs.readFileSync('/work/shared/seeds/003_d471de5fc9e490b0.txt');
const YEAR = yearOf(todayInChina());

let env: TestEnv;
let legal: Client;
let windowUser: Client;
let office: Client;
let inspector1: Client;
let leader: Client;
const org: Record<string, number> = {};

async function importFile(c: Client, fileName: string, content: Buffer, orgId: number, year: number, preview: boolean) {
  const { body, headers } = multipartForm({ name: fileName, content });
  return c.post(`/api/workplans/import?orgId=${orgId}&year=${year}&preview=${preview ? 1 : 0}`, body, headers);
}

async function docText(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}

/** A plan made through the API: sections of tasks (text with units in brackets), optionally published. */
async function makePlan(c: Client, orgCode: string, year: number, title: string, sections: Record<string, string[]>, status: 'draft' | 'published' = 'published') {
  const plan = await c.post('/api/workplans', { orgId: org[orgCode], year, title, intro: '测试引言。', status });
  expect(plan.statusCode, plan.body).toBe(200);
  const id = plan.json().id as number;
  const taskIds: number[] = [];
  for (const [heading, tasks] of Object.entries(sections)) {
    const sec = await c.post(`/api/workplans/${id}/sections`, { heading });
    expect(sec.statusCode, sec.body).toBe(200);
    for (const line of tasks) {
      const m = /^(.*?)\[(.*)\]$/.exec(line)!;
      const task = await c.post(`/api/workplans/sections/${sec.json().id}/tasks`, { text: m[1], unitsText: m[2] });
      expect(task.statusCode, task.body).toBe(200);
      taskIds.push(task.json().id);
    }
  }
  return { id, taskIds };
}

beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  [legal, windowUser, office, inspector1, leader] = await Promise.all(['legal', 'window', 'office', 'inspector1', 'leader'].map((u) => env.as(u)));
});
afterAll(async () => { await env?.close(); });

describe('import', () => {
  it('previews the Hangzhou plan without saving: 6 sections, 20 tasks, units matched, targets proposed', async () => {
    const before = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM work_plans'))!.n;
    const res = await importFile(legal, 'plan.txt', SEED, org['JX-WJW'], 2023, true);
    expect(res.statusCode, res.body).toBe(200);
    const { outline } = res.json();
    expect(outline.title).toBe('杭州市卫生健康委2023年法治政府建设(依法行政)工作要点');
    expect(outline.sections).toHaveLength(6);
    expect(outline.taskCount).toBe(20);
    const tasks = outline.sections.flatMap((s: { tasks: unknown[] }) => s.tasks);
    // 委政策法规处 is the demo's 政策法规处 (the leading 委 dropped); the others name no organisation.
    expect(tasks[0].units).toEqual([
      { name: '委政策法规处', orgId: org['JX-ZCFG'], orgName: '政策法规处', role: 'lead' },
      { name: '相关处室', orgId: null, orgName: null, role: 'support' },
      { name: '委属各单位', orgId: null, orgName: null, role: 'support' },
    ]);
    const withTargets = tasks.filter((t: { targets: unknown[] }) => t.targets.length).map((t: { number: number; targets: unknown[] }) => [t.number, t.targets.length]);
    expect(withTargets).toEqual([[5, 1], [6, 1], [10, 1], [11, 1], [12, 3], [16, 2]]);
    expect(tasks[4].targets[0]).toMatchObject({ metricId: 'licensing.no_proof_rate', comparator: '>=', target: 0.9, known: true, metricName: METRIC_REGISTRY.get('licensing.no_proof_rate')!.name });
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM work_plans'))!.n).toBe(before);
  });

  let importedId: number;

  it('saves it as a draft in one go, with units, targets whose metric is registered, and an audit entry; a second save is refused', async () => {
    const res = await importFile(legal, 'plan.txt', SEED, org['JX-WJW'], 2023, false);
    expect(res.statusCode, res.body).toBe(200);
    importedId = res.json().id;
    const proposed = parseOutline(SEED.toString('utf8')).sections.flatMap((s) => s.tasks.flatMap((t) => t.targets.map((g) => ({ n: t.number, ...g }))));
    const kept = proposed.filter((g) => METRIC_REGISTRY.get(g.metricId));
    expect(res.json()).toMatchObject({ preview: false, sections: 6, tasks: 20, targets: kept.length });

    const plan = (await legal.get(`/api/workplans/${importedId}`)).json();
    expect(plan).toMatchObject({ status: 'draft', year: 2023, orgId: org['JX-WJW'], title: '杭州市卫生健康委2023年法治政府建设(依法行政)工作要点' });
    const tasks = plan.sections.flatMap((s: { tasks: unknown[] }) => s.tasks);
    expect(tasks.map((t: { number: number }) => t.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(tasks[0].unitsText).toBe('委政策法规处、相关处室,委属各单位');
    expect(tasks[0].units.map((u: { name: string; role: string }) => [u.name, u.role])).toEqual([['委政策法规处', 'lead'], ['相关处室', 'support'], ['委属各单位', 'support']]);
    const saved = tasks.flatMap((t: { number: number; targets: { metricId: string; comparator: string; target: number }[] }) => t.targets.map((g) => ({ n: t.number, metricId: g.metricId, comparator: g.comparator, target: g.target })));
    expect(saved).toEqual(kept.map(({ n, metricId, comparator, target }) => ({ n, metricId, comparator, target })));
    expect(saved).toContainEqual({ n: 16, metricId: 'litigation.loss_rate', comparator: '<', target: 0.06 });

    const audit = await env.db.one<{ after: { tasks: number } }>(`SELECT after FROM audit_log WHERE action = 'workplan.import' AND object_id = $1`, [String(importedId)]);
    expect(audit!.after.tasks).toBe(20);

    const again = await importFile(legal, 'plan.txt', SEED, org['JX-WJW'], 2023, false);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已有同名的工作要点/);
  });

  it('exports the plan to Word in the official layout, with headings and numbered tasks with their units, and reads that Word file back', async () => {
    const res = await legal.get(`/api/workplans/${importedId}/document`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml/);
    const text = await docText(res.rawPayload);
    expect(text).toContain('嘉兴市卫生健康委员会');
    expect(text).toContain('一、强化法治建设主体责任落实');
    expect(text).toContain('1.深入学习贯彻落实习近平法治思想。');
    expect(text).toContain('[委政策法规处、相关处室,委属各单位]');
    expect(text).toContain('六、夯实法治建设保障');

    const back = await importFile(legal, 'plan.docx', res.rawPayload, org['JX-WJW'], 2024, true);
    expect(back.statusCode, back.body).toBe(200);
    const outline = back.json().outline;
    expect(outline.title).toBe('杭州市卫生健康委2023年法治政府建设(依法行政)工作要点');
    expect(outline.taskCount).toBe(20);
    expect(outline.sections[0].tasks[0].unitsText).toBe('委政策法规处、相关处室,委属各单位');
  });

  it('refuses other file types, an organisation outside the scope, and users without workplans.write', async () => {
    const bad = await importFile(legal, 'plan.pdf', SEED, org['JX-WJW'], 2023, true);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/\.docx 或 \.txt/);
    const notDocx = await importFile(legal, 'plan.docx', SEED, org['JX-WJW'], 2023, true);
    expect(notDocx.statusCode).toBe(400);
    expect((await importFile(inspector1, 'plan.txt', SEED, org['NH-JDS'], 2023, true)).statusCode).toBe(403);
    const admin = await env.as('admin');
    await admin.post('/api/users', { username: 'xzlegal', displayName: '秀洲法规', orgId: org['XZ-WJJ'], roles: ['legal'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Xiuzhou2026', active: true });
    const xzLegal = await env.as('xzlegal', 'Xiuzhou2026');
    expect((await importFile(xzLegal, 'plan.txt', SEED, org['JX-WJW'], 2023, true)).statusCode).toBe(404);
    expect((await xzLegal.get(`/api/workplans/${importedId}`)).statusCode).toBe(404);
    expect((await xzLegal.get(`/api/workplans/${importedId}/document`)).statusCode).toBe(404);
  });
});

describe('editing', () => {
  it('adds sections and tasks, matches units by name, reorders with task numbers following, checks targets against the registry', async () => {
    const { id, taskIds } = await makePlan(legal, 'JX-WJW', 2031, '编辑测试工作要点', {
      甲: ['任务一。[委办公室、嘉兴市卫生监督所,相关处室]', '任务二。[委政策法规处]'],
      乙: ['任务三。[行政审批处]'],
    }, 'draft');
    let plan = (await legal.get(`/api/workplans/${id}`)).json();
    expect(plan.sections[0].tasks[0].units).toEqual([
      expect.objectContaining({ name: '委办公室', orgId: org['JX-BGS'], role: 'lead' }),
      expect.objectContaining({ name: '嘉兴市卫生监督所', orgId: org['JX-JDS'], role: 'support' }),
      expect.objectContaining({ name: '相关处室', orgId: null, role: 'support' }),
    ]);
    const [s1, s2] = plan.sections.map((s: { id: number }) => s.id);
    expect((await legal.post(`/api/workplans/${id}/sections/order`, { ids: [s2, s1] })).statusCode).toBe(200);
    plan = (await legal.get(`/api/workplans/${id}`)).json();
    expect(plan.sections.flatMap((s: { tasks: { text: string; number: number }[] }) => s.tasks.map((t) => `${t.number}${t.text}`))).toEqual(['1任务三。', '2任务一。', '3任务二。']);
    expect((await legal.post(`/api/workplans/${id}/sections/order`, { ids: [s2] })).statusCode).toBe(400);

    // Units edited by hand: the support unit becomes the lead; an organisation outside the plan's subtree is refused.
    const units = await legal.put(`/api/workplans/tasks/${taskIds[1]}/units`, { units: [{ name: '政策法规处', role: 'lead' }, { name: '办公室', role: 'support' }] });
    expect(units.statusCode, units.body).toBe(200);
    const plan2 = await makePlan(legal, 'NH-WJJ', 2031, '南湖测试', { 甲: ['任务。[嘉兴市南湖区卫生监督所]'] }, 'draft');
    const outside = await legal.put(`/api/workplans/tasks/${plan2.taskIds[0]}/units`, { units: [{ name: '政策法规处', orgId: org['JX-ZCFG'] }] });
    expect(outside.statusCode).toBe(400);

    const unknown = await legal.post(`/api/workplans/tasks/${taskIds[0]}/targets`, { metricId: 'no.such_metric', comparator: '>=', target: 0.5 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/不在指标目录中/);
    const tooBig = await legal.post(`/api/workplans/tasks/${taskIds[0]}/targets`, { metricId: 'licensing.no_proof_rate', comparator: '>=', target: 90 });
    expect(tooBig.statusCode).toBe(400);
    const ok = await legal.post(`/api/workplans/tasks/${taskIds[0]}/targets`, { metricId: 'licensing.no_proof_rate', comparator: '>=', target: 0.9 });
    expect(ok.statusCode).toBe(200);
    expect((await legal.put(`/api/workplans/targets/${ok.json().id}`, { metricId: 'licensing.no_proof_rate', comparator: '>', target: 0.95, note: '提高' })).statusCode).toBe(200);
    expect((await legal.delete(`/api/workplans/tasks/${taskIds[2]}`)).statusCode).toBe(200);
    plan = (await legal.get(`/api/workplans/${id}`)).json();
    expect(plan.sections[0].tasks).toEqual([]);
    expect(plan.sections[1].tasks.map((t: { number: number }) => t.number)).toEqual([1, 2]);
    expect(plan.sections[1].tasks[0].targets).toEqual([expect.objectContaining({ metricId: 'licensing.no_proof_rate', comparator: '>', target: 0.95, note: '提高' })]);
    // Writers only: office (workplans.read) cannot add a task.
    expect((await office.post(`/api/workplans/sections/${s1}/tasks`, { text: '越权任务', unitsText: '办公室' })).statusCode).toBe(403);
    expect((await legal.delete(`/api/workplans/${id}`)).statusCode).toBe(200);
    expect((await legal.get(`/api/workplans/${id}`)).statusCode).toBe(404);
  });

  it('lists plans with filters, pagination and scope, and exports them', async () => {
    await makePlan(legal, 'NH-WJJ', 2032, '南湖区2032年工作要点', { 甲: ['任务。[嘉兴市南湖区卫生监督所]'] });
    const all = (await legal.get('/api/workplans?year=2032')).json();
    expect(all.rows.map((r: { title: string }) => r.title)).toEqual(['南湖区2032年工作要点']);
    expect(all.rows[0]).toMatchObject({ orgName: '嘉兴市南湖区卫生健康局', sections: 1, tasks: 1, targets: 0, status: 'published' });
    expect((await legal.get(`/api/workplans?year=2032&orgId=${org['XZ-WJJ']}`)).json().total).toBe(0);
    expect((await legal.get(`/api/workplans?year=2032&orgId=${org['JX-WJW']}`)).json().total).toBe(1);
    const paged = (await legal.get('/api/workplans?pageSize=1&page=1')).json();
    expect(paged.rows).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
    // inspector1 (南湖区卫生监督所 and below) sees the district bureau's plan only because it names the institute.
    const mine = (await inspector1.get('/api/workplans?year=2032')).json();
    expect(mine.rows.map((r: { title: string }) => r.title)).toEqual(['南湖区2032年工作要点']);
    expect((await inspector1.get(`/api/workplans?orgId=${org['JX-WJW']}`)).statusCode).toBe(404);
    const xlsx = await legal.get('/api/workplans/export?year=2032');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });
});

describe('targets with live values', () => {
  let planId: number;
  beforeAll(async () => {
    // 秀洲区 in 2020, by hand: four first-instance suits concluded (one lost), four hearings all attended by the head.
    const suits: [string, string, string, string, boolean][] = [
      ['WP-L1', '2020-01-10', '2020-02-10', 'lost', true], ['WP-L2', '2020-02-01', '2020-04-01', 'won', true],
      ['WP-L3', '2020-03-01', '2020-05-20', 'won', true], ['WP-L4', '2020-04-01', '2020-06-20', 'won', true],
    ];
    for (const [no, received, hearing, outcome, head] of suits) {
      await env.db.query(
        `INSERT INTO matters (kind, matter_no, org_id, state, received_on, hearing_on, head_appeared, concluded_on, outcome)
         VALUES ('litigation', $1, $2, 'closed', $3, $4, $5, ($4::date + 10), $6)`, [no, org['XZ-JDS'], received, hearing, head, outcome]);
    }
    const plan = await makePlan(legal, 'XZ-WJJ', 2020, '秀洲区2020年工作要点', { 依法化解纠纷: ['加强行政应诉。[嘉兴市秀洲区卫生监督所]'] });
    planId = plan.id;
    for (const t of [
      { metricId: 'litigation.loss_rate', comparator: '<', target: 0.06 },
      { metricId: 'litigation.head_appearance_rate', comparator: '>=', target: 1 },
      { metricId: 'licensing.no_proof_rate', comparator: '>=', target: 0.9 },
    ]) expect((await legal.post(`/api/workplans/tasks/${plan.taskIds[0]}/targets`, t)).statusCode).toBe(200);
    // Neither a draft of the same organisation and year nor the institute's own plan is the district's published plan.
    const draft = await makePlan(legal, 'XZ-WJJ', 2020, '秀洲区2020年工作要点（草稿）', { 甲: ['任务。[办公室]'] }, 'draft');
    await legal.post(`/api/workplans/tasks/${draft.taskIds[0]}/targets`, { metricId: 'litigation.total', comparator: '>=', target: 1 });
    const below = await makePlan(legal, 'XZ-JDS', 2020, '秀洲区卫生监督所2020年工作要点', { 甲: ['任务。[嘉兴市秀洲区卫生监督所]'] });
    await legal.post(`/api/workplans/tasks/${below.taskIds[0]}/targets`, { metricId: 'litigation.total', comparator: '>=', target: 1 });
  });

  it('computes each metric for the plan’s organisation and its subtree over the year: one missed, one met, one without data', async () => {
    const res = await legal.get(`/api/workplans/${planId}/targets`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2020, from: '2020-01-01', to: '2020-12-31' });
    expect(body.targets.map((g: { metricId: string; value: number | null; met: boolean | null; state: string }) => [g.metricId, g.value, g.met, g.state])).toEqual([
      ['litigation.loss_rate', 0.25, false, 'missed'], // 1 lost of 4 concluded, target below 6%
      ['litigation.head_appearance_rate', 1, true, 'met'], // 4 of 4 hearings
      ['licensing.no_proof_rate', null, null, 'nodata'], // no application in 2020
    ]);
  });

  it('planTargetsWithValues gives the published plans of exactly that organisation and year', async () => {
    const got = await planTargetsWithValues(env.db, org['XZ-WJJ'], 2020);
    const common = { planId, planTitle: '秀洲区2020年工作要点', taskNumber: 1, taskText: '加强行政应诉。', unit: 'ratio' };
    expect(got).toEqual([
      { ...common, metricId: 'litigation.loss_rate', metricName: '败诉率', comparator: '<', target: 0.06, value: 0.25, met: false },
      { ...common, metricId: 'litigation.head_appearance_rate', metricName: METRIC_REGISTRY.get('litigation.head_appearance_rate')!.name, comparator: '>=', target: 1, value: 1, met: true },
      { ...common, metricId: 'licensing.no_proof_rate', metricName: METRIC_REGISTRY.get('licensing.no_proof_rate')!.name, comparator: '>=', target: 0.9, value: null, met: null },
    ]);
    expect(await planTargetsWithValues(env.db, org['XZ-WJJ'], 2021)).toEqual([]);
  });

  it('the demo plan of this year is published with targets on registered metrics', async () => {
    const got = await planTargetsWithValues(env.db, org['JX-WJW'], YEAR);
    expect(got.length).toBeGreaterThanOrEqual(6);
    expect(got.every((g) => METRIC_REGISTRY.get(g.metricId))).toBe(true);
  });
});

describe('progress notes', () => {
  let a: number; // names 委行政审批处 (window's organisation)
  let b: number; // names 委办公室 (office's organisation)
  beforeAll(async () => {
    const plan = await makePlan(legal, 'JX-WJW', YEAR, '进展测试工作要点', { 甲: ['审批改革。[委行政审批处]', '政务公开。[委办公室]'] });
    [a, b] = plan.taskIds;
  });

  it('a unit’s user writes its own note on its task, and sees the task as theirs', async () => {
    const res = await windowUser.put(`/api/workplans/tasks/${a}/progress/1`, { note: '一季度完成办事指南更新。' });
    expect(res.statusCode, res.body).toBe(200);
    const again = await windowUser.put(`/api/workplans/tasks/${a}/progress/1`, { note: '一季度完成办事指南更新（修订）。' });
    expect(again.statusCode).toBe(200);
    const rows = await env.db.query<{ org_id: number; note: string }>('SELECT org_id, note FROM work_plan_progress WHERE task_id = $1', [a]);
    expect(rows).toEqual([{ org_id: org['JX-XZSP'], note: '一季度完成办事指南更新（修订）。' }]);
    const plan = (await windowUser.get(`/api/workplans/${(await env.db.one<{ plan_id: number }>('SELECT s.plan_id FROM work_plan_tasks t JOIN work_plan_sections s ON s.id = t.section_id WHERE t.id = $1', [a]))!.plan_id}`)).json();
    const [ta, tb] = plan.sections[0].tasks;
    expect([ta.mine, ta.mayProgress, tb.mine, tb.mayProgress]).toEqual([true, true, false, false]);
    expect(ta.progress).toEqual([expect.objectContaining({ quarter: 1, orgName: '行政审批处', authorName: '朱晓东' })]);
    expect(await env.db.one(`SELECT 1 FROM audit_log WHERE action = 'workplan.progress' AND object_id = $1`, [String(a)])).toBeDefined();
  });

  it('another unit’s user gets 403 on a task not naming it, or writing for another unit; a plan editor may write for any unit', async () => {
    const other = await windowUser.put(`/api/workplans/tasks/${b}/progress/1`, { note: '越权填报' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('本单位不是该任务的牵头或配合单位，不能填报进展');
    const forOther = await windowUser.put(`/api/workplans/tasks/${a}/progress/1`, { note: '代填', orgId: org['JX-BGS'] });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().error.message).toBe('只能填报本单位的进展');
    expect((await office.put(`/api/workplans/tasks/${b}/progress/1`, { note: '办公室一季度进展。' })).statusCode).toBe(200);
    expect((await legal.put(`/api/workplans/tasks/${b}/progress/2`, { note: '法规处代填。', orgId: org['JX-BGS'] })).statusCode).toBe(200);
    expect((await leader.put(`/api/workplans/tasks/${a}/progress/1`, { note: '领导' })).statusCode).toBe(403);
    expect((await windowUser.put(`/api/workplans/tasks/${a}/progress/1`, { note: '' })).statusCode).toBe(400);
  });

  it('a plan outside the user’s scope answers 404', async () => {
    const res = await inspector1.put(`/api/workplans/tasks/${a}/progress/1`, { note: '越界' });
    expect(res.statusCode).toBe(404);
  });

  it('a unit above the one named may write; a unit under the one named may not (and a plan outside the scope stays 404)', async () => {
    const admin = await env.as('admin');
    const created = await admin.post('/api/users', { username: 'nhoffice', displayName: '南湖办公室', orgId: org['NH-WJJ'], roles: ['office'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Nanhu2026x', active: true });
    expect(created.statusCode, created.body).toBe(200);
    const nhOffice = await env.as('nhoffice', 'Nanhu2026x');
    const nh = await makePlan(legal, 'NH-WJJ', YEAR, '南湖区进展测试', { 甲: ['监督执法。[嘉兴市南湖区卫生监督所]'] });
    expect((await nhOffice.put(`/api/workplans/tasks/${nh.taskIds[0]}/progress/1`, { note: '局机关督促监督所完成。' })).statusCode).toBe(200);
    // 南湖区卫生监督所 is named, so its users read the bureau's plan and report on their task, though their scope is the institute.
    expect((await inspector1.put(`/api/workplans/tasks/${nh.taskIds[0]}/progress/1`, { note: '监督所完成。' })).statusCode).toBe(200);
    const city = await makePlan(legal, 'JX-WJW', YEAR, '委机关进展测试', { 甲: ['委机关任务。[嘉兴市卫生健康委员会]'] });
    const under = await windowUser.put(`/api/workplans/tasks/${city.taskIds[0]}/progress/1`, { note: '处室代委填报' });
    expect(under.statusCode).toBe(403);
  });

  it('a published plan of a higher body is readable by the unit it names, which reports on its own task but cannot edit the plan', async () => {
    const nh = await makePlan(legal, 'NH-WJJ', YEAR, '南湖区卫生健康局工作要点（派出机构可见）', { 甲: ['双随机抽查。[嘉兴市南湖区卫生监督所]', '政务公开。[嘉兴市南湖区卫生健康局]'] });
    const draft = await makePlan(legal, 'NH-WJJ', YEAR, '南湖区草稿工作要点', { 甲: ['双随机抽查。[嘉兴市南湖区卫生监督所]'] }, 'draft');
    const list = (await inspector1.get(`/api/workplans?year=${YEAR}&pageSize=100`)).json();
    const titles = list.rows.map((r: { title: string }) => r.title);
    expect(titles).toContain('南湖区卫生健康局工作要点（派出机构可见）');
    expect(titles).not.toContain('南湖区草稿工作要点');
    expect(titles).not.toContain('进展测试工作要点'); // the city's plan names no unit of the institute
    const view = await inspector1.get(`/api/workplans/${nh.id}`);
    expect(view.statusCode, view.body).toBe(200);
    const [own, other] = view.json().sections[0].tasks;
    expect([view.json().mayWrite, own.mine, own.mayProgress, other.mine, other.mayProgress]).toEqual([false, true, true, false, false]);
    expect((await inspector1.get(`/api/workplans/${nh.id}/targets`)).statusCode).toBe(200);
    expect((await inspector1.get(`/api/workplans/${nh.id}/document`)).statusCode).toBe(200);
    expect((await inspector1.put(`/api/workplans/tasks/${nh.taskIds[0]}/progress/1`, { note: '监督所一季度完成抽查。' })).statusCode).toBe(200);
    expect((await inspector1.put(`/api/workplans/tasks/${nh.taskIds[1]}/progress/1`, { note: '越权' })).statusCode).toBe(403);
    expect((await inspector1.get(`/api/workplans/${draft.id}`)).statusCode).toBe(404);
    expect((await inspector1.put(`/api/workplans/tasks/${draft.taskIds[0]}/progress/1`, { note: '草稿' })).statusCode).toBe(404);
    // Reading is not editing: a plan editor whose scope is the institute reads the bureau's plan but cannot change it.
    const admin = await env.as('admin');
    const created = await admin.post('/api/users', { username: 'nhlegal', displayName: '监督所法制员', orgId: org['NH-JDS'], roles: ['legal'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Nanhu2026x', active: true });
    expect(created.statusCode, created.body).toBe(200);
    const nhLegal = await env.as('nhlegal', 'Nanhu2026x');
    const asEditor = await nhLegal.get(`/api/workplans/${nh.id}`);
    expect([asEditor.statusCode, asEditor.json().mayWrite]).toEqual([200, false]);
    const sectionId = (await env.db.one<{ id: number }>('SELECT id FROM work_plan_sections WHERE plan_id = $1', [nh.id]))!.id;
    expect((await nhLegal.post(`/api/workplans/sections/${sectionId}/tasks`, { text: '新增', unitsText: '' })).statusCode).toBe(404);
    expect((await nhLegal.put(`/api/workplans/tasks/${nh.taskIds[1]}/progress/1`, { note: '代局机关填报', orgId: org['NH-WJJ'] })).statusCode).toBe(403);
    expect((await inspector1.post(`/api/workplans/sections/${sectionId}/tasks`, { text: '新增', unitsText: '' })).statusCode).toBe(403);
  });

  it('refuses notes on a draft plan and on quarters not yet begun', async () => {
    const draft = await makePlan(legal, 'JX-WJW', YEAR, '草稿工作要点', { 甲: ['任务。[委行政审批处]'] }, 'draft');
    expect((await windowUser.put(`/api/workplans/tasks/${draft.taskIds[0]}/progress/1`, { note: '草稿' })).statusCode).toBe(409);
    const next = await makePlan(legal, 'JX-WJW', YEAR + 1, '明年工作要点', { 甲: ['任务。[委行政审批处]'] });
    const future = await windowUser.put(`/api/workplans/tasks/${next.taskIds[0]}/progress/1`, { note: '提前' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toMatch(/尚未开始/);
  });
});

describe('to-dos', () => {
  it('remind a unit of this quarter’s missing notes after the quarter’s first month, amber in its last; none for the leader', async () => {
    const plan = await makePlan(legal, 'JX-WJW', 2030, '待办测试工作要点', { 甲: ['任务一。[委行政审批处]', '任务二。[委行政审批处、办公室]', '任务三。[委办公室]'] });
    const userOf = async (c: Client) => (await userForToken(env.db, c.cookie!.slice(c.cookie!.indexOf('=') + 1), env.ctx.config.sessionTtlMinutes))!;
    const win = await userOf(windowUser);
    expect(await workplanTodosOn(env.ctx, win, '2030-04-20')).toEqual([]);
    const may = await workplanTodosOn(env.ctx, win, '2030-05-15');
    expect(may).toEqual([expect.objectContaining({ module: 'workplans', severity: 'info', due: '2030-06-30', link: `/workplans/${plan.id}?mine=1` })]);
    expect(may[0].title).toMatch(/第2季度进展待填报：本单位牵头或配合的2项任务/);
    const june = await workplanTodosOn(env.ctx, win, '2030-06-20');
    expect(june[0].severity).toBe('warning');
    // Once its notes are in, the unit has nothing left to do; the leader never has.
    await env.db.query(`INSERT INTO work_plan_progress (task_id, quarter, org_id, note) SELECT unnest($1::int[]), 2, $2, '已填'`, [plan.taskIds.slice(0, 2), org['JX-XZSP']]);
    expect(await workplanTodosOn(env.ctx, win, '2030-06-20')).toEqual([]);
    expect(await workplanTodosOn(env.ctx, await userOf(leader), '2030-06-20')).toEqual([]);
  });
});
