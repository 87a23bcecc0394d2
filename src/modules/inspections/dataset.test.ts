// Importing a district's supervision history (random_plans, random_tasks, inspections)
// and the inspection.* figures of 2024 that follow from it: every expected value below is
// counted by hand from the rows of the three files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';

let env: TestEnv;
let legal: Client;
let A: string; let B: string; let C: string;
let s1: string; let s2: string; let s3: string;

beforeAll(async () => {
  env = await setupTestEnv();
  legal = await env.as('legal');
  const entities = await env.db.query<{ uscc: string }>(
    "SELECT e.uscc FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'NH-JDS' ORDER BY e.id LIMIT 3");
  [A, B, C] = entities.map((e) => e.uscc);
  const staff = await env.db.query<{ staff_no: string }>(
    "SELECT i.staff_no FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code = 'NH-JDS' ORDER BY i.id LIMIT 3");
  [s1, s2, s3] = staff.map((s) => s.staff_no);
});
afterAll(async () => { await env?.close(); });

const PLAN_COLUMNS = ['plan_no', 'org_code', 'source', 'year', 'credit_applied'];
const TASK_COLUMNS = ['task_no', 'plan_no', 'entity_uscc', 'due_on', 'completed_on', 'joint', 'published_on'];
const VISIT_COLUMNS = ['visit_no', 'org_code', 'entity_uscc', 'visited_on', 'inspector_staff_nos', 'random_task_no', 'result'];

async function upload(dataset: string, rows: unknown[][], c: Client = legal) {
  const m = multipart(`${dataset}.csv`, csv(rows));
  return c.post(`/api/imports/${dataset}`, m.body, m.headers);
}

const plans = () => [PLAN_COLUMNS,
  ['NH-P-2024-1', 'NH-JDS', 'provincial', 2024, 'Y'],
  ['NH-P-2024-2', 'NH-JDS', 'national', 2024, 'N'],
  ['NH-P-2023-1', 'NH-JDS', 'local', 2023, 'Y']];
const tasks = () => [TASK_COLUMNS,
  // Done in time and jointly; published 8 working days after the visit (due: 20 working days).
  ['NH-T-1', 'NH-P-2024-1', A, '2024-06-30', '2024-06-10', 'Y', '2024-06-20'],
  // Done after its due date; published two months later.
  ['NH-T-2', 'NH-P-2024-1', B, '2024-06-30', '2024-07-05', 'N', '2024-09-05'],
  // Not done.
  ['NH-T-3', 'NH-P-2024-2', C, '2024-12-31', '', 'N', ''],
  // Another year.
  ['NH-T-4', 'NH-P-2023-1', A, '2023-12-31', '2023-12-01', 'N', '2023-12-08']];
const visits = () => [VISIT_COLUMNS,
  ['NH-V-1', 'NH-JDS', A, '2024-06-10', `${s1};${s2}`, 'NH-T-1', 'compliant'],
  ['NH-V-2', 'NH-JDS', B, '2024-07-05', `${s1};${s2};${s3}`, 'NH-T-2', 'non_compliant'],
  ['NH-V-3', 'NH-JDS', A, '2024-08-01', `${s2};${s3}`, '', 'compliant'],
  ['NH-V-4', 'NH-JDS', C, '2023-05-01', `${s1};${s3}`, '', 'closed_down']];

const metric = (metrics: { id: string }[], id: string) => metrics.find((m) => m.id === id) as Record<string, unknown>;

describe('importing supervision history', () => {
  it('imports plans, tasks and visits in that order, re-imports without duplicates, and the 2024 figures follow', async () => {
    for (const [dataset, rows] of [['random_plans', plans()], ['random_tasks', tasks()], ['inspections', visits()]] as const) {
      const first = await upload(dataset, rows);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ inserted: rows.length - 1, updated: 0 });
      expect((await upload(dataset, rows)).json()).toMatchObject({ inserted: 0, updated: rows.length - 1 });
    }
    const res = await legal.get('/api/metrics?from=2024-01-01&to=2024-12-31&org=NH-WJJ');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().metrics;
    expect(metric(m, 'inspection.visits.total').value).toBe(3);
    expect(metric(m, 'inspection.entities.distinct').value).toBe(2);
    expect(metric(m, 'inspection.inspector_times').value).toBe(7);
    expect(metric(m, 'inspection.random.entities').value).toBe(2);
    expect(metric(m, 'inspection.random_share')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(metric(m, 'inspection.random.tasks.assigned')).toMatchObject({ value: 3, breakdown: { national: 1, provincial: 2, municipal: 0, local: 0 } });
    expect(metric(m, 'inspection.random.tasks.completion_rate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(metric(m, 'inspection.joint_random_rate')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(metric(m, 'inspection.results_published_on_time_rate')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(metric(m, 'inspection.credit_applied_rate')).toMatchObject({ numerator: 1, denominator: 2 });
    // Xiuzhou has none of it: ratios without a denominator are null, never 0.
    const xz = (await legal.get('/api/metrics?from=2024-01-01&to=2024-12-31&org=XZ-WJJ')).json().metrics;
    expect(metric(xz, 'inspection.visits.total').value).toBe(0);
    expect(metric(xz, 'inspection.random_share').value).toBeNull();
  });

  it('refuses bad rows with the row, column and reason, and writes nothing', async () => {
    const before = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM inspections'))!.n;
    const bad = await upload('inspections', [VISIT_COLUMNS,
      ['NH-V-B1', 'NH-JDS', A, '2024-03-01', s1, '', 'compliant'],
      ['NH-V-B2', 'NH-JDS', A, '2024-03-01', `${s1};NO-SUCH`, '', 'compliant'],
      ['NH-V-B3', 'NH-JDS', B, '2024-03-01', `${s1};${s2}`, 'NH-T-1', 'compliant'],
      ['NH-V-B4', 'NH-JDS', '91330000000000000X', '2024-03-01', `${s1};${s2}`, '', 'compliant'],
      ['NH-V-B5', 'NH-JDS', A, '2099-03-01', `${s1};${s2}`, '', 'passed']]);
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().errors as { row: number; column: string; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`).join(' | ');
    expect(at(2)).toContain('inspector_staff_nos:检查人员不得少于2人');
    expect(at(3)).toContain('工号“NO-SUCH”的执法人员不存在');
    expect(at(4)).toContain('random_task_no:该抽查任务抽中的是另一个监管对象');
    expect(at(5)).toContain('entity_uscc:监管对象不存在');
    expect(at(6)).toContain('visited_on:日期不能晚于今天');
    expect(at(6)).toContain('result:取值不正确');
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM inspections'))!.n).toBe(before);

    const badTasks = await upload('random_tasks', [TASK_COLUMNS,
      ['NH-T-B1', 'NO-PLAN', A, '2024-06-30', '', 'N', ''],
      ['NH-T-B2', 'NH-P-2024-1', A, '2024-06-30', '2024-06-10', 'N', '2024-06-01']]);
    expect(badTasks.statusCode).toBe(422);
    expect(badTasks.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, 'plan_no'], [3, 'published_on']]);
  });

  it('is for the legal division and administrators; the exports give the same columns back', async () => {
    expect((await upload('random_plans', plans(), await env.as('inspector1'))).statusCode).toBe(403);
    const res = await legal.get('/api/exports/inspections?format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const rows = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual(VISIT_COLUMNS);
    const v2 = rows.find((r) => r[0] === 'NH-V-2')!;
    expect(v2[4]).toBe(`${s1};${s2};${s3}`);
    expect(v2[5]).toBe('NH-T-2');
  });
});
