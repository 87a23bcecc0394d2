// Plans made on the platform and their draws: a draft plan is announced (lists frozen,
// commitment published, seed secret), drawn once into tasks for teams that respect the
// declared conflicts, re-run by anyone from the public record, re-drawn only with a
// reason (the first draw kept), its results published; conflicts declared by
// inspectors; permissions, scope and audit.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { todayInChina, addDays } from '../../core/calendar/dates';
import { commitment } from '../../core/draw/key';
import { verifyDraw, type DrawAnnouncement, type DrawRecord } from '../../core/draw/draw';

let env: TestEnv;
let legal: Client;
let inspector1: Client;
let inspector3: Client;
let nhOrgId: number;
let me1: { id: number; staff_no: string };
let me2: { id: number; staff_no: string };
let conflicted: Array<{ id: number; uscc: string }>;

const dueOn = () => addDays(todayInChina(), 60);
const planBody = (over: Record<string, unknown> = {}) => ({
  title: '南湖区公共场所卫生双随机抽查', source: 'municipal', year: Number(todayInChina().slice(0, 4)), orgId: nhOrgId,
  dueOn: dueOn(), categories: ['public_place'], baseRatio: 0.05, strata: 'risk_credit', joint: true, jointDepartments: '市场监督管理局', ...over,
});

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  inspector1 = await env.as('inspector1');
  inspector3 = await env.as('inspector3');
  nhOrgId = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'"))!.id;
  me1 = (await env.db.one<{ id: number; staff_no: string }>("SELECT i.id, i.staff_no FROM inspectors i JOIN users u ON u.id = i.user_id WHERE u.username = 'inspector1'"))!;
  me2 = (await env.db.one<{ id: number; staff_no: string }>("SELECT i.id, i.staff_no FROM inspectors i JOIN users u ON u.id = i.user_id WHERE u.username = 'inspector2'"))!;
  conflicted = await env.db.query<{ id: number; uscc: string }>(
    "SELECT e.id, e.uscc FROM entities e WHERE e.org_id = $1 AND e.category = 'public_place' ORDER BY e.id LIMIT 40", [nhOrgId]);
});
afterAll(async () => { await env?.close(); });

async function publicRecord(planNo: string, attempt: number) {
  const res = await env.anonymous.get(`/api/public/random-plans/${planNo}/draws/${attempt}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { announcement: DrawAnnouncement; record: DrawRecord | null };
}

describe('plan setup', () => {
  it('refuses a plan the draw could not run, with the reason in Chinese', async () => {
    const joint = await legal.post('/api/inspections/plans', planBody({ jointDepartments: null }));
    expect(joint.statusCode).toBe(400);
    expect(joint.body).toContain('联合抽查应写明联合的部门');
    const past = await legal.post('/api/inspections/plans', planBody({ dueOn: addDays(todayInChina(), -1) }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toBe('完成期限不能早于今天');
    const ratio = await legal.post('/api/inspections/plans', planBody({ baseRatio: 1.5 }));
    expect(ratio.statusCode).toBe(400);
    const stratum = await legal.post('/api/inspections/plans', planBody({ strata: 'risk', stratumRatios: { 'high/D': 0.5 } }));
    expect(stratum.statusCode).toBe(400);
    expect(stratum.json().error.message).toContain('不属于所选分层方式');
  });

  it('takes a ratio or a number drawn at random, exactly one, and refuses stratum ratios with a number', async () => {
    const both = await legal.post('/api/inspections/plans', planBody({ sampleCount: 12 }));
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('请填写抽查比例或抽取数量，二者选一');
    const neither = await legal.post('/api/inspections/plans', planBody({ baseRatio: null }));
    expect(neither.statusCode).toBe(400);
    expect(neither.body).toContain('请填写抽查比例或抽取数量，二者选一');
    const fraction = await legal.post('/api/inspections/plans', planBody({ baseRatio: null, sampleCount: 2.5 }));
    expect(fraction.statusCode).toBe(400);
    expect(fraction.body).toContain('抽取数量应为整数');
    const own = await legal.post('/api/inspections/plans', planBody({ baseRatio: null, sampleCount: 12, stratumRatios: { 'high/D': 0.5 } }));
    expect(own.statusCode).toBe(400);
    expect(own.json().error.message).toContain('按数量抽取时不能另设分层比例');
  });

  it('lets only planners create plans, and only in their scope', async () => {
    expect((await inspector1.post('/api/inspections/plans', planBody())).statusCode).toBe(403);
    const created = await legal.post('/api/inspections/plans', planBody({ title: '待删除的草稿' }));
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().planNo).toMatch(/^NH-JDS-SJ\d{4}-\d{3}$/);
    expect((await inspector3.get(`/api/inspections/plans/${created.json().id}/draws`)).statusCode).toBe(404);
    const del = await legal.delete(`/api/inspections/plans/${created.json().id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await legal.get(`/api/inspections/plans/${created.json().id}/draws`)).statusCode).toBe(404);
  });
});

describe('conflicts of interest', () => {
  it('lets an inspector declare their own conflicts, not a colleague’s', async () => {
    for (const e of conflicted) {
      const res = await inspector1.post('/api/inspections/conflicts', { inspectorId: me1.id, entityId: e.id, reason: '近亲属在该单位任职' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const dup = await inspector1.post('/api/inspections/conflicts', { inspectorId: me1.id, entityId: conflicted[0].id, reason: '重复申报' });
    expect(dup.statusCode).toBe(409);
    const other = await inspector1.post('/api/inspections/conflicts', { inspectorId: me2.id, entityId: conflicted[0].id, reason: '代同事申报' });
    expect(other.statusCode).toBe(403);
    const list = await legal.get(`/api/inspections/conflicts?inspectorId=${me1.id}&active=true&pageSize=100`);
    expect(list.json().total).toBe(conflicted.length);
    expect(list.json().rows[0].reason).toBe('近亲属在该单位任职');
  });

  it('withdraws a declaration with a reason', async () => {
    const res = await inspector1.post('/api/inspections/conflicts', { inspectorId: me1.id, entityId: conflicted[0].id + 100000, reason: '不存在的对象' });
    expect(res.statusCode).toBe(404);
    const extra = (await env.db.one<{ id: number }>("SELECT id FROM entities WHERE org_id = $1 AND category <> 'public_place' ORDER BY id LIMIT 1", [nhOrgId]))!;
    const made = await inspector1.post('/api/inspections/conflicts', { inspectorId: me1.id, entityId: extra.id, reason: '曾在该单位兼职' });
    expect((await inspector1.post(`/api/inspections/conflicts/${made.json().id}/withdraw`, { reason: '短' })).statusCode).toBe(400);
    const ok = await inspector1.post(`/api/inspections/conflicts/${made.json().id}/withdraw`, { reason: '兼职已于去年结束' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await inspector1.post(`/api/inspections/conflicts/${made.json().id}/withdraw`, { reason: '兼职已于去年结束' })).statusCode).toBe(409);
  });
});

describe('announce, draw, verify, re-draw, publish', () => {
  let planId: number;
  let planNo: string;

  it('announces: the lists are frozen, the commitment public and the seed secret', async () => {
    const created = await legal.post('/api/inspections/plans', planBody());
    planId = created.json().id;
    planNo = created.json().planNo;
    const announced = await legal.post(`/api/inspections/plans/${planId}/announce`);
    expect(announced.statusCode, announced.body).toBe(200);
    expect(announced.json().commitment).toMatch(/^[0-9a-f]{64}$/);

    const staffView = (await legal.get(`/api/inspections/plans/${planId}/draws`)).json();
    expect(staffView.setup.status).toBe('announced');
    expect(staffView.draws).toHaveLength(1);
    expect(staffView.draws[0].seed).toBeNull();
    const pub = await publicRecord(planNo, 1);
    expect(pub.record).toBeNull();
    expect(pub.announcement.commitment).toBe(announced.json().commitment);
    expect(pub.announcement.counts.candidates).toBeGreaterThan(conflicted.length);
    expect(pub.announcement.params.teamSize).toBe(2);
    expect(JSON.stringify(await env.anonymous.get(`/api/public/random-plans/${planNo}`).then((r) => r.json()))).not.toMatch(/"seed"/);
    // The plan can no longer change.
    expect((await legal.put(`/api/inspections/plans/${planId}`, planBody({ baseRatio: 0.5 }))).statusCode).toBe(409);
    expect((await legal.post(`/api/inspections/plans/${planId}/announce`)).statusCode).toBe(409);
  });

  it('draws once into tasks whose teams respect the declared conflicts', async () => {
    const drawn = await legal.post(`/api/inspections/plans/${planId}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect((await legal.post(`/api/inspections/plans/${planId}/draw`)).statusCode).toBe(409);

    const pub = await publicRecord(planNo, 1);
    const record = pub.record!;
    expect(commitment(record.seed)).toBe(pub.announcement.commitment);
    const recusals = record.recusals.filter((r) => r.staffNo === me1.staff_no && r.reason === 'conflict');
    expect(recusals).toHaveLength(conflicted.length);

    const tasks = await env.db.query<{ task_no: string; uscc: string; inspector_ids: number[]; due_on: string; joint: boolean; draw_reason: string }>(
      'SELECT t.task_no, e.uscc, t.inspector_ids, t.due_on, t.joint, t.draw_reason FROM random_tasks t JOIN entities e ON e.id = t.entity_id WHERE t.plan_id = $1 ORDER BY t.task_no', [planId]);
    expect(tasks.length).toBe(record.result.entities.length);
    expect(tasks.length).toBe(drawn.json().drawn);
    const conflictedCodes = new Set(conflicted.map((c) => c.uscc));
    for (const t of tasks) {
      expect(t.due_on).toBe(dueOn());
      expect(t.joint).toBe(true);
      if (t.inspector_ids.length) expect(t.inspector_ids.length).toBeGreaterThanOrEqual(2);
      if (conflictedCodes.has(t.uscc)) expect(t.inspector_ids).not.toContain(me1.id);
    }
    // Every stratum drew at least its ratio of its pool.
    for (const s of record.result.strata) expect(s.quota * 1_000_000).toBeGreaterThanOrEqual(s.ratioPpm * s.pool);
  });

  it('the drawn record is sent gzip-compressed to clients that accept it, the same JSON as uncompressed', async () => {
    const url = `/api/public/random-plans/${planNo}/draws/1`;
    const plain = await env.anonymous.get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await env.anonymous.get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(zipped.headers['content-type']).toContain('application/json');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    // Kept once drawn: the next client gets the same bytes.
    expect((await env.anonymous.get(url, { 'accept-encoding': 'gzip' })).rawPayload.equals(zipped.rawPayload)).toBe(true);
    expect((await env.anonymous.get(url, { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('can be re-run by anyone from the public record, and a tampered record fails', async () => {
    const { announcement, record } = await publicRecord(planNo, 1);
    const check = verifyDraw(record!, announcement);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const tampered = structuredClone(record!);
    tampered.result.entities[0].uscc = tampered.candidates.find((c) => !record!.result.entities.some((e) => e.uscc === c.uscc))!.uscc;
    expect(verifyDraw(tampered, announcement).ok).toBe(false);
    const fewer = structuredClone(record!);
    fewer.candidates.pop();
    expect(verifyDraw(fewer, announcement).problems.map((p) => p.code)).toContain('candidates');
  });

  it('draws a plan by count: exactly that many at random, the mandatory on top, and the record verifies', async () => {
    const created = await legal.post('/api/inspections/plans', planBody({ title: '按数量抽查（上级下达12户）', baseRatio: null, sampleCount: 12, joint: false, jointDepartments: null }));
    expect(created.statusCode, created.body).toBe(200);
    const { id, planNo: no } = created.json() as { id: number; planNo: string };
    expect((await legal.get(`/api/inspections/plans/${id}/draws`)).json().setup).toMatchObject({ baseRatio: null, sampleCount: 12 });
    expect((await legal.post(`/api/inspections/plans/${id}/announce`)).statusCode).toBe(200);
    const drawn = await legal.post(`/api/inspections/plans/${id}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);
    const { announcement, record } = await publicRecord(no, 1);
    expect(announcement.params.sampleCount).toBe(12);
    const random = record!.result.entities.filter((e) => e.reason === 'random');
    expect(random).toHaveLength(12);
    expect(record!.result.strata.reduce((a, x) => a + x.quota, 0)).toBe(12);
    const tasks = await env.db.query<{ draw_reason: string }>('SELECT draw_reason FROM random_tasks WHERE plan_id = $1', [id]);
    expect(tasks.filter((t) => t.draw_reason === 'random')).toHaveLength(12);
    expect(tasks.length).toBe(record!.result.entities.length);
    expect(verifyDraw(record!, announcement)).toMatchObject({ ok: true, problems: [] });
  });

  it('re-draws only with a reason, keeping the first draw', async () => {
    expect((await legal.post(`/api/inspections/plans/${planId}/redraw`, { reason: '' })).statusCode).toBe(400);
    const first = await publicRecord(planNo, 1);
    const again = await legal.post(`/api/inspections/plans/${planId}/redraw`, { reason: '候选名单遗漏新登记的游泳场所' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().attempt).toBe(2);
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM random_tasks WHERE plan_id = $1', [planId]))!.n).toBe(0);
    const drawn = await legal.post(`/api/inspections/plans/${planId}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);

    const detail = (await env.anonymous.get(`/api/public/random-plans/${planNo}`)).json();
    expect(detail.draws.map((d: { attempt: number; superseded: boolean }) => [d.attempt, d.superseded])).toEqual([[1, true], [2, false]]);
    expect(detail.draws[1].redrawReason).toBe('候选名单遗漏新登记的游泳场所');
    // The first record is unchanged and still verifies; the second has a new seed.
    const kept = await publicRecord(planNo, 1);
    expect(kept.record).toEqual(first.record);
    expect(verifyDraw(kept.record!, kept.announcement).ok).toBe(true);
    const second = await publicRecord(planNo, 2);
    expect(second.record!.seed).not.toBe(first.record!.seed);
    expect(verifyDraw(second.record!, second.announcement).ok).toBe(true);
    const taskNos = await env.db.query<{ task_no: string }>('SELECT task_no FROM random_tasks WHERE plan_id = $1', [planId]);
    expect(taskNos.every((t) => t.task_no.startsWith(`${planNo}-R2-`))).toBe(true);
  });

  it('sets a team by hand under the draw’s rules', async () => {
    const task = (await env.db.one<{ id: number; entity_id: number }>('SELECT id, entity_id FROM random_tasks WHERE plan_id = $1 ORDER BY id LIMIT 1', [planId]))!;
    const one = await legal.put(`/api/inspections/tasks/${task.id}/team`, { inspectorIds: [me2.id], reason: '原检查人员病假' });
    expect(one.statusCode).toBe(400);
    expect(one.json().error.message).toContain('至少2名执法人员');
    await env.db.query('INSERT INTO inspector_conflicts (inspector_id, entity_id, reason, declared_on) VALUES ($1, $2, $3, $4)', [me1.id, task.entity_id, '测试', todayInChina()])
      .catch(() => undefined);
    const withConflict = await legal.put(`/api/inspections/tasks/${task.id}/team`, { inspectorIds: [me1.id, me2.id], reason: '原检查人员病假' });
    expect(withConflict.statusCode).toBe(400);
    expect(withConflict.json().error.message).toContain('应当回避');
    const other = (await env.db.one<{ id: number }>(
      `SELECT i.id FROM inspectors i WHERE i.org_id = $1 AND i.id NOT IN ($2, $3) AND i.active AND i.certificate_valid_to >= $4::date ORDER BY i.id LIMIT 1`,
      [nhOrgId, me1.id, me2.id, todayInChina()]))!;
    const ok = await legal.put(`/api/inspections/tasks/${task.id}/team`, { inspectorIds: [me2.id, other.id], reason: '原检查人员病假' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await env.db.one<{ inspector_ids: number[] }>('SELECT inspector_ids FROM random_tasks WHERE id = $1', [task.id]))!.inspector_ids).toEqual([me2.id, other.id]);
    // The task is now on inspector2's to-do list, with all their open tasks counted.
    const mine = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM random_tasks WHERE $1 = ANY(inspector_ids) AND completed_on IS NULL', [me2.id]))!.n;
    const todos = (await (await env.as('inspector2')).get('/api/home/todos')).json() as { id: string; title: string; link: string }[];
    expect(todos.find((x) => x.id === 'inspections.own_tasks')).toMatchObject({ title: expect.stringContaining(`双随机抽查任务待检查：${mine}项`), link: '/inspections/my-tasks' });
  });

  it('publishes inspected results and then refuses a re-draw', async () => {
    expect((await legal.post(`/api/inspections/plans/${planId}/publish`)).statusCode).toBe(409);
    const task = (await env.db.one<{ id: number; entity_id: number; task_no: string }>('SELECT id, entity_id, task_no FROM random_tasks WHERE plan_id = $1 ORDER BY id LIMIT 1', [planId]))!;
    const today = todayInChina();
    await env.db.query(
      `INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, random_task_id, result, inspector_ids) VALUES ('DT-V-1', $1, $2, $3, $4, 'compliant', $5::int[])`,
      [nhOrgId, task.entity_id, today, task.id, [me1.id, me2.id]]);
    await env.db.query('UPDATE random_tasks SET completed_on = $2, publication_due = $3 WHERE id = $1', [task.id, today, addDays(today, 28)]);
    const todo = (await legal.get('/api/home/todos')).json().find((x: { id: string }) => x.id === 'inspections.to_publish');
    expect(todo.title).toMatch(/^双随机抽查结果待公示：\d+项/);
    const waiting = await legal.get(`/api/inspections/tasks?planId=${planId}&publication=unpublished`);
    expect(waiting.json().rows.map((r: { taskNo: string }) => r.taskNo)).toEqual([task.task_no]);
    const pub = await legal.post(`/api/inspections/plans/${planId}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().published).toBe(1);
    const detail = (await env.anonymous.get(`/api/public/random-plans/${planNo}`)).json();
    expect(detail.results).toEqual([expect.objectContaining({ taskNo: task.task_no, visitedOn: today, resultName: '合格', publishedOn: today })]);
    const redraw = await legal.post(`/api/inspections/plans/${planId}/redraw`, { reason: '执法人员名单有误需要重抽' });
    expect(redraw.statusCode).toBe(409);
    expect(redraw.json().error.message).toContain('不能重新抽取');
  });

  it('recuses the inspectors of the previous plan from the entities they inspected under it', async () => {
    const inspected = (await env.db.one<{ uscc: string }>(
      "SELECT e.uscc FROM inspections v JOIN entities e ON e.id = v.entity_id WHERE v.visit_no = 'DT-V-1'"))!.uscc;
    const next = await legal.post('/api/inspections/plans', planBody({ title: '南湖区公共场所卫生第二轮抽查', joint: false, jointDepartments: null }));
    expect((await legal.post(`/api/inspections/plans/${next.json().id}/announce`)).statusCode).toBe(200);
    expect((await legal.post(`/api/inspections/plans/${next.json().id}/draw`)).statusCode).toBe(200);
    const { record } = await publicRecord(next.json().planNo, 1);
    const previous = record!.recusals.filter((r) => r.reason === 'previous_plan');
    expect(previous).toEqual(expect.arrayContaining([
      { staffNo: me1.staff_no, uscc: inspected, reason: 'previous_plan' }, { staffNo: me2.staff_no, uscc: inspected, reason: 'previous_plan' }]));
    const team = record!.result.entities.find((e) => e.uscc === inspected)?.inspectors ?? [];
    expect(team).not.toContain(me1.staff_no);
    expect(team).not.toContain(me2.staff_no);
  });

  it('lists announced plans on the portal and audits every step', async () => {
    const list = await env.anonymous.get(`/api/public/random-plans?q=${encodeURIComponent('南湖区公共场所')}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().rows.map((r: { planNo: string }) => r.planNo)).toContain(planNo);
    expect((await env.anonymous.get('/api/public/random-plans/NO-SUCH-PLAN')).statusCode).toBe(404);
    const actions = await env.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'random_plan' AND object_id = $1 ORDER BY id", [String(planId)]);
    expect(actions.map((a) => a.action)).toEqual([
      'random_plan.create', 'random_plan.announce', 'random_plan.draw', 'random_plan.supersede', 'random_plan.redraw', 'random_plan.draw', 'random_plan.publish']);
  });
});
