// The supervision lists (plans, tasks, visits) over a small imported history: filters,
// search, the plan's figures, data scope (another district's plan answers 404), the
// permission (403 without inspections.read) and the Excel exports with the list's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';

let env: TestEnv;
let legal: Client;
let inspector1: Client;
let inspector3: Client;
let A: { uscc: string; name: string; id: number }; let B: { uscc: string; name: string; id: number }; let C: { uscc: string; name: string; id: number };
let X: string;
let s1: string; let s2: string; let s3: string; let x1: string; let x2: string;
let s1Id: number;

const PLAN_COLUMNS = ['plan_no', 'org_code', 'source', 'year', 'credit_applied', 'title'];
const TASK_COLUMNS = ['task_no', 'plan_no', 'entity_uscc', 'due_on', 'completed_on', 'joint', 'published_on'];
const VISIT_COLUMNS = ['visit_no', 'org_code', 'entity_uscc', 'visited_on', 'inspector_staff_nos', 'random_task_no', 'result'];

async function upload(dataset: string, rows: unknown[][]) {
  const m = multipart(`${dataset}.csv`, csv(rows));
  const res = await legal.post(`/api/imports/${dataset}`, m.body, m.headers);
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  inspector1 = await env.as('inspector1');
  inspector3 = await env.as('inspector3');
  const entities = await env.db.query<{ uscc: string; name: string; id: number }>(
    "SELECT e.id, e.uscc, e.name FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'NH-JDS' ORDER BY e.id LIMIT 3");
  [A, B, C] = entities;
  X = (await env.db.one<{ uscc: string }>("SELECT e.uscc FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'XZ-JDS' ORDER BY e.id LIMIT 1"))!.uscc;
  const staff = await env.db.query<{ staff_no: string; id: number; org: string }>(
    "SELECT i.staff_no, i.id, o.code AS org FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code IN ('NH-JDS', 'XZ-JDS') ORDER BY o.code, i.id");
  const nh = staff.filter((s) => s.org === 'NH-JDS');
  const xz = staff.filter((s) => s.org === 'XZ-JDS');
  [s1, s2, s3] = nh.map((s) => s.staff_no);
  s1Id = nh[0].id;
  [x1, x2] = xz.map((s) => s.staff_no);

  await upload('random_plans', [PLAN_COLUMNS,
    ['LT-P-1', 'NH-JDS', 'provincial', 2024, 'Y', '2024年公共场所卫生双随机抽查'],
    ['LT-P-2', 'NH-JDS', 'national', 2024, 'N', '2024年医疗机构国家双随机抽查'],
    ['LT-P-3', 'NH-JDS', 'local', 2023, 'Y', ''],
    ['LT-PX-1', 'XZ-JDS', 'municipal', 2024, 'N', '秀洲区2024年双随机抽查']]);
  await upload('random_tasks', [TASK_COLUMNS,
    // Done in time, jointly, published in time.
    ['LT-T-1', 'LT-P-1', A.uscc, '2024-06-30', '2024-06-10', 'Y', '2024-06-20'],
    // Done late, published late.
    ['LT-T-2', 'LT-P-1', B.uscc, '2024-06-30', '2024-07-05', 'N', '2024-09-05'],
    // Done, never published: its publication is overdue.
    ['LT-T-3', 'LT-P-1', C.uscc, '2024-06-30', '2024-06-12', 'N', ''],
    // Not done and its due date passed: overdue.
    ['LT-T-4', 'LT-P-2', C.uscc, '2024-12-31', '', 'N', ''],
    // Not done, due in the future: pending.
    ['LT-T-5', 'LT-P-2', A.uscc, '2099-12-31', '', 'Y', ''],
    ['LT-T-6', 'LT-P-3', A.uscc, '2023-12-31', '2023-12-01', 'N', '2023-12-08'],
    ['LT-TX-1', 'LT-PX-1', X, '2024-12-31', '', 'N', '']]);
  await upload('inspections', [VISIT_COLUMNS,
    ['LT-V-1', 'NH-JDS', A.uscc, '2024-06-10', `${s1};${s2}`, 'LT-T-1', 'compliant'],
    ['LT-V-2', 'NH-JDS', B.uscc, '2024-07-05', `${s2};${s3}`, 'LT-T-2', 'non_compliant'],
    ['LT-V-3', 'NH-JDS', A.uscc, '2024-08-01', `${s1};${s3}`, '', 'compliant'],
    ['LT-V-4', 'NH-JDS', C.uscc, '2023-05-01', `${s2};${s3}`, '', 'closed_down'],
    ['LT-VX-1', 'XZ-JDS', X, '2024-05-01', `${x1};${x2}`, '', 'compliant']]);
});
afterAll(async () => { await env?.close(); });

const nos = (res: { json(): { rows: Record<string, unknown>[] } }, key: string) => res.json().rows.map((r) => r[key] as string).sort();

describe('plans', () => {
  it('lists plans in scope with their task figures, searched and filtered', async () => {
    const all = await legal.get('/api/inspections/plans?q=LT-P&pageSize=100');
    expect(all.statusCode, all.body).toBe(200);
    expect(nos(all, 'planNo')).toEqual(['LT-P-1', 'LT-P-2', 'LT-P-3', 'LT-PX-1']);
    expect(all.json().total).toBe(4);
    expect(all.json().totalCapped).toBe(false);
    const p1 = all.json().rows.find((r: { planNo: string }) => r.planNo === 'LT-P-1');
    expect(p1).toMatchObject({ title: '2024年公共场所卫生双随机抽查', source: 'provincial', sourceName: '省级', year: 2024, creditApplied: true, imported: true,
      taskCount: 3, completedCount: 3, jointCount: 1, publishedCount: 2 });

    expect(nos(await legal.get('/api/inspections/plans?q=公共场所'), 'planNo')).toContain('LT-P-1');
    expect(nos(await legal.get('/api/inspections/plans?q=LT-P&source=national'), 'planNo')).toEqual(['LT-P-2']);
    expect(nos(await legal.get('/api/inspections/plans?q=LT-P&year=2023'), 'planNo')).toEqual(['LT-P-3']);
    expect(nos(await legal.get('/api/inspections/plans?q=LT-P&creditApplied=true'), 'planNo')).toEqual(['LT-P-1', 'LT-P-3']);
    const xzOrg = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'XZ-WJJ'"))!.id;
    expect(nos(await legal.get(`/api/inspections/plans?q=LT-P&orgId=${xzOrg}`), 'planNo')).toEqual(['LT-PX-1']);
    // An inspector sees their own institute's plans only.
    expect(nos(await inspector1.get('/api/inspections/plans?q=LT-P'), 'planNo')).toEqual(['LT-P-1', 'LT-P-2', 'LT-P-3']);
    expect(nos(await inspector3.get('/api/inspections/plans?q=LT-P'), 'planNo')).toEqual(['LT-PX-1']);
  });

  it('shows a plan with its figures and its tasks, paged', async () => {
    const id = (await env.db.one<{ id: number }>("SELECT id FROM random_plans WHERE plan_no = 'LT-P-1'"))!.id;
    const res = await inspector1.get(`/api/inspections/plans/${id}?pageSize=2`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.figures).toMatchObject({
      tasks: 3, completed: 3, overdue: 0, joint: 1, published: 2,
      completedOnTime: { numerator: 2, denominator: 3 }, jointRate: { numerator: 1, denominator: 3 }, publishedOnTime: { numerator: 1, denominator: 3 },
    });
    expect(d.tasks.total).toBe(3);
    expect(d.tasks.rows).toHaveLength(2);
    const second = (await inspector1.get(`/api/inspections/plans/${id}?pageSize=2&page=2`)).json();
    expect(second.tasks.rows).toHaveLength(1);

    const p2 = (await env.db.one<{ id: number }>("SELECT id FROM random_plans WHERE plan_no = 'LT-P-2'"))!.id;
    const f2 = (await inspector1.get(`/api/inspections/plans/${p2}`)).json().figures;
    expect(f2).toMatchObject({ tasks: 2, completed: 0, overdue: 1, completedOnTime: { numerator: 0, denominator: 2, rate: 0 }, jointRate: { denominator: 0, rate: null } });
  });

  it('answers 404 for another district’s plan, like a missing id', async () => {
    const x = (await env.db.one<{ id: number }>("SELECT id FROM random_plans WHERE plan_no = 'LT-PX-1'"))!.id;
    const res = await inspector1.get(`/api/inspections/plans/${x}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await inspector1.get('/api/inspections/plans/2000000000')).json());
    expect((await inspector3.get(`/api/inspections/plans/${x}`)).statusCode).toBe(200);
  });
});

describe('tasks', () => {
  it('filters by plan, state, joint, publication and searches the entity', async () => {
    const p1 = (await env.db.one<{ id: number }>("SELECT id FROM random_plans WHERE plan_no = 'LT-P-1'"))!.id;
    const q = (s: string) => legal.get(`/api/inspections/tasks?q=LT-T&pageSize=100${s}`);
    expect(nos(await q(''), 'taskNo')).toEqual(['LT-T-1', 'LT-T-2', 'LT-T-3', 'LT-T-4', 'LT-T-5', 'LT-T-6', 'LT-TX-1']);
    expect(nos(await q(`&planId=${p1}`), 'taskNo')).toEqual(['LT-T-1', 'LT-T-2', 'LT-T-3']);
    expect(nos(await q('&state=overdue'), 'taskNo')).toEqual(['LT-T-4', 'LT-TX-1']);
    expect(nos(await q('&state=pending'), 'taskNo')).toEqual(['LT-T-5']);
    expect(nos(await q('&state=completed'), 'taskNo')).toEqual(['LT-T-1', 'LT-T-2', 'LT-T-3', 'LT-T-6']);
    expect(nos(await q('&joint=true'), 'taskNo')).toEqual(['LT-T-1', 'LT-T-5']);
    expect(nos(await q('&publication=published'), 'taskNo')).toEqual(['LT-T-1', 'LT-T-2', 'LT-T-6']);
    expect(nos(await q('&publication=overdue'), 'taskNo')).toEqual(['LT-T-3']);

    const t3 = (await q('&publication=overdue')).json().rows[0];
    expect(t3).toMatchObject({ entityName: C.name, entityUscc: C.uscc, state: 'completed', completedOn: '2024-06-12', publicationOverdue: true, planNo: 'LT-P-1' });
    expect(t3.publicationDue).toMatch(/^2024-07-\d\d$/);

    // The entity by USCC (any case) or by name.
    const byUscc = await legal.get(`/api/inspections/tasks?q=${B.uscc.toLowerCase()}`);
    expect(nos(byUscc, 'taskNo')).toEqual(['LT-T-2']);
    const byName = await legal.get(`/api/inspections/tasks?q=${encodeURIComponent(B.name)}`);
    expect(nos(byName, 'taskNo')).toContain('LT-T-2');
    // Scope: the other district's task is not listed for an inspector of Nanhu.
    expect(nos(await inspector1.get('/api/inspections/tasks?q=LT-T&pageSize=100'), 'taskNo')).not.toContain('LT-TX-1');
  });
});

describe('visits', () => {
  it('filters by dates, result, kind, inspector, entity and shows names', async () => {
    const q = (s: string) => legal.get(`/api/inspections/visits?q=LT-V&pageSize=100${s}`);
    expect(nos(await q(''), 'visitNo')).toEqual(['LT-V-1', 'LT-V-2', 'LT-V-3', 'LT-V-4', 'LT-VX-1']);
    expect(nos(await q('&from=2024-06-01&to=2024-07-31'), 'visitNo')).toEqual(['LT-V-1', 'LT-V-2']);
    expect(nos(await q('&result=non_compliant'), 'visitNo')).toEqual(['LT-V-2']);
    expect(nos(await q('&kind=random'), 'visitNo')).toEqual(['LT-V-1', 'LT-V-2']);
    expect(nos(await q('&kind=routine'), 'visitNo')).toEqual(['LT-V-3', 'LT-V-4', 'LT-VX-1']);
    expect(nos(await q(`&inspectorId=${s1Id}`), 'visitNo')).toEqual(['LT-V-1', 'LT-V-3']);
    expect(nos(await legal.get(`/api/inspections/visits?entityId=${A.id}`), 'visitNo')).toEqual(['LT-V-1', 'LT-V-3']);
    const v2 = (await q('&result=non_compliant')).json().rows[0];
    expect(v2).toMatchObject({ entityName: B.name, random: true, taskNo: 'LT-T-2', resultName: '不合格' });
    expect(v2.inspectors).toHaveLength(2);
    expect((await q('&from=2024-02-30')).statusCode).toBe(400);
  });

  it('shows a visit with its inspectors and task; another district’s visit answers 404', async () => {
    const id = (await env.db.one<{ id: number }>("SELECT id FROM inspections WHERE visit_no = 'LT-V-1'"))!.id;
    const res = await inspector1.get(`/api/inspections/visits/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ visitNo: 'LT-V-1', entityName: A.name, task: { taskNo: 'LT-T-1', planNo: 'LT-P-1', joint: true } });
    expect(res.json().inspectorDetails.map((i: { staffNo: string }) => i.staffNo)).toEqual([s1, s2]);
    const x = (await env.db.one<{ id: number }>("SELECT id FROM inspections WHERE visit_no = 'LT-VX-1'"))!.id;
    expect((await inspector1.get(`/api/inspections/visits/${x}`)).statusCode).toBe(404);
    expect((await inspector3.get(`/api/inspections/visits/${x}`)).statusCode).toBe(200);
  });
});

describe('permission and exports', () => {
  it('a role without inspections.read gets 403', async () => {
    const window = await env.as('window');
    for (const url of ['/api/inspections/plans', '/api/inspections/plans/1', '/api/inspections/tasks', '/api/inspections/visits', '/api/inspections/visits/1']) {
      expect((await window.get(url)).statusCode, url).toBe(403);
    }
  });

  it('each export takes the list’s filters', async () => {
    const rowsOf = async (url: string) => {
      const res = await legal.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    };
    const plans = await rowsOf('/api/exports/random_plans?format=xlsx&q=LT-P&creditApplied=true');
    expect(plans[0].slice(0, 5)).toEqual(PLAN_COLUMNS.slice(0, 5));
    expect(plans.slice(1).map((r) => r[0]).sort()).toEqual(['LT-P-1', 'LT-P-3']);
    const tasks = await rowsOf('/api/exports/random_tasks?format=xlsx&q=LT-T&state=overdue');
    expect(tasks.slice(1).map((r) => r[0]).sort()).toEqual(['LT-T-4', 'LT-TX-1']);
    const visits = await rowsOf('/api/exports/inspections?format=xlsx&q=LT-V&kind=random');
    expect(visits.slice(1).map((r) => r[0]).sort()).toEqual(['LT-V-1', 'LT-V-2']);
    // Scope still applies: an inspector of Nanhu exports none of Xiuzhou's.
    const res = await inspector1.get('/api/exports/random_tasks?format=xlsx&q=LT-T&state=overdue');
    const mine = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    expect(mine.slice(1).map((r) => r[0])).toEqual(['LT-T-4']);
  });
});
