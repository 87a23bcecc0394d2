// The supervision lists as the legal division and the inspectors use them: the legal
// division imports a district's plan, tasks and visits through 数据导入, opens 抽查计划 and
// sees the plan with its figures, filters the tasks to the overdue ones, opens a visit and
// finds it on the entity's page; an inspector of the other district sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';
import { csv } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const PLAN = `E2E-${run}-P`;

async function importFile(page: Page, dataset: string, rows: unknown[][]): Promise<void> {
  await page.goto(`/imports?dataset=${dataset}`);
  await page.getByTestId('import-file').setInputFiles({ name: `${dataset}.csv`, mimeType: 'text/csv', buffer: csv(rows, { bom: true }) });
  await page.getByTestId('import-result').waitFor();
  await expect(page.getByTestId('import-result').textContent()).resolves.toContain('导入成功');
}

describe('supervision lists', () => {
  it('the legal division imports a plan, tasks and visits, reads the plan’s figures, filters overdue tasks and opens a visit', async () => {
    // Two entities of 南湖区 (what inspector1 sees of the directory).
    const inspector = await signedIn(browser, 'inspector1');
    const entities = (await (await inspector.request.get('/api/entities?pageSize=2')).json() as { rows: { id: number; uscc: string; name: string }[] }).rows;
    await inspector.context().close();
    const [a, b] = entities;

    const page = await signedIn(browser, 'legal');
    await importFile(page, 'random_plans', [['plan_no', 'org_code', 'source', 'year', 'credit_applied', 'title'],
      [PLAN, 'NH-JDS', 'provincial', 2024, 'Y', `浏览器测试${run}抽查计划`]]);
    await importFile(page, 'random_tasks', [['task_no', 'plan_no', 'entity_uscc', 'due_on', 'completed_on', 'joint', 'published_on'],
      [`${PLAN}-T1`, PLAN, a.uscc, '2024-06-30', '2024-06-10', 'Y', '2024-06-20'],
      [`${PLAN}-T2`, PLAN, b.uscc, '2024-12-31', '', 'N', '']]);
    await importFile(page, 'inspections', [['visit_no', 'org_code', 'entity_uscc', 'visited_on', 'inspector_staff_nos', 'random_task_no', 'result'],
      [`${PLAN}-V1`, 'NH-JDS', a.uscc, '2024-06-10', 'NH-001;NH-002', `${PLAN}-T1`, 'compliant']]);

    // 抽查计划: the plan with its counts, then its page with the figures.
    await page.goto('/inspections/plans');
    await page.getByTestId('search-input').fill(PLAN);
    await page.getByTestId('search-button').click();
    const plans = page.locator('[data-testid="plan-table"] .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => plans.count()).toBe(1);
    await expect(plans.first().textContent()).resolves.toContain(`浏览器测试${run}抽查计划`);
    await screenshot(page, 'inspections-plans');
    await page.getByTestId(`plan-${PLAN}`).click();
    await page.waitForURL(/\/inspections\/plans\/\d+$/);
    await expect.poll(() => page.getByTestId('fig-tasks').textContent()).toContain('2');
    await expect(page.getByTestId('fig-completion').textContent()).resolves.toContain('50.0%');
    await expect(page.getByTestId('fig-joint').textContent()).resolves.toContain('100.0%');
    await expect(page.getByTestId('fig-published').textContent()).resolves.toContain('100.0%');
    await expect.poll(() => page.getByTestId('plan-tasks').locator('tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'inspections-plan-detail');

    // 抽查任务 of the plan, filtered to the overdue ones.
    await page.getByTestId('plan-tasks-link').click();
    await page.waitForURL(/\/inspections\/tasks\?planId=\d+/);
    const tasks = page.locator('[data-testid="task-table"] .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => tasks.count()).toBe(2);
    await choose(page, 'filter-state', /^已超期$/);
    await page.waitForURL(/state=overdue/);
    await expect.poll(() => tasks.count()).toBe(1);
    await expect(tasks.first().textContent()).resolves.toContain(`${PLAN}-T2`);
    await expect(tasks.first().textContent()).resolves.toContain(b.name);
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await screenshot(page, 'inspections-tasks-overdue');

    // 监督检查记录: the visit, opened in its drawer.
    await page.goto(`/inspections/visits?q=${encodeURIComponent(PLAN)}`);
    const visits = page.locator('[data-testid="visit-table"] .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => visits.count()).toBe(1);
    await page.getByTestId(`visit-${PLAN}-V1`).click();
    const drawer = page.getByTestId('visit-drawer');
    await expect.poll(() => drawer.textContent()).toContain(`${PLAN}-T1`);
    await expect(drawer.textContent()).resolves.toContain(a.name);
    await expect(drawer.textContent()).resolves.toContain('NH-001');
    await screenshot(page, 'inspections-visit');

    // The entity's page lists its visits.
    await page.goto(`/entities/${a.id}`);
    await expect.poll(() => page.getByTestId('entity-visits').textContent()).toContain(`${PLAN}-T1`);
    await page.context().close();
  });

  it('an inspector of the other district sees none of it', async () => {
    const page = await signedIn(browser, 'inspector3');
    await page.goto(`/inspections/plans?q=${encodeURIComponent(PLAN)}`);
    await expect.poll(() => page.getByTestId('plan-table').textContent()).toContain('没有符合条件的抽查计划');
    await page.goto(`/inspections/visits?q=${encodeURIComponent(PLAN)}`);
    await expect.poll(() => page.getByTestId('visit-table').textContent()).toContain('没有符合条件的检查记录');
    await screenshot(page, 'inspections-other-district');
    const legal = await signedIn(browser, 'legal');
    const planId = (await (await legal.request.get(`/api/inspections/plans?q=${PLAN}`)).json() as { rows: { id: number }[] }).rows[0].id;
    await legal.context().close();
    await page.goto(`/inspections/plans/${planId}`);
    await expect.poll(() => page.locator('.ant-result-title').textContent()).toContain('抽查计划不存在或不在您的数据范围内');
    await page.context().close();
  });
});
