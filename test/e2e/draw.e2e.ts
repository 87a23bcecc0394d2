// The random draw as the legal division runs it: a new plan for one district's public
// places, its commitment published (lists frozen), the draw, the tasks with their teams,
// and the public verification page re-running the draw in the browser and agreeing. Then
// an inspector declares a conflict of interest, which the next draw respects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const TITLE = `浏览器测试${run}公共场所双随机抽查`;

describe('random draw', () => {
  it('the legal division creates a plan, publishes the commitment, draws, and the public page verifies the draw', async () => {
    const page = await signedIn(browser, 'legal');
    await page.goto('/inspections/plans');
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-title').fill(TITLE);
    // The plan organisation: 南湖区卫生监督所 (its directory and its inspectors).
    await page.getByTestId('plan-org').click();
    await page.locator('.ant-select-tree-title').filter({ hasText: '南湖区卫生监督所' }).first().click();
    await page.getByTestId('plan-categories').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '公共场所' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('plan-ratio').fill('10');
    await page.getByTestId('plan-due').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-header-super-next-btn').click();
    await page.locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view').filter({ hasText: /^15$/ }).click();
    await page.getByTestId('plan-joint').click();
    await page.getByTestId('plan-joint-departments').fill('市场监督管理局');
    await page.getByTestId('plan-form-save').click();
    await page.waitForURL(/\/inspections\/plans\/\d+$/);
    await expect.poll(() => page.getByTestId('plan-setup').textContent()).toContain('草稿');
    await expect(page.getByTestId('plan-setup').textContent()).resolves.toContain('市场监督管理局');

    await page.getByTestId('plan-announce').click();
    await page.getByTestId('announce-confirm').click();
    await page.getByTestId('draw-attempt-1').waitFor();
    await expect.poll(() => page.getByTestId('draw-attempt-1').textContent()).toContain('已公布承诺值，待抽取');
    const commitment = (await page.getByTestId('draw-commitment').textContent())!.trim();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);

    await page.getByTestId('plan-draw').click();
    await page.getByTestId('draw-confirm').click();
    await expect.poll(() => page.getByTestId('draw-attempt-1').textContent()).toContain('已抽取');
    await page.getByTestId('draw-strata').waitFor();
    const tasks = page.locator('[data-testid="plan-tasks"] .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => tasks.count()).toBeGreaterThan(0);
    await expect(tasks.first().textContent()).resolves.toContain('联合');
    await screenshot(page, 'draw-plan');

    // The public verification page, as anyone would open it (a fresh context, no login).
    const verifyHref = await page.getByTestId('verify-link-1').getAttribute('href');
    expect(verifyHref).toMatch(/\/portal\/random-plans\/.+\/draws\/1\/verify$/);
    const publicContext = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    const anon = await publicContext.newPage();
    await anon.goto(verifyHref!);
    await expect.poll(() => anon.locator('body').textContent(), { timeout: 20_000 }).toContain('验证通过');
    await expect(anon.locator('body').textContent()).resolves.toContain(commitment);
    await screenshot(anon, 'draw-verify');
    await publicContext.close();
    await page.context().close();
  });

  it('an inspector declares a conflict of interest and sees it in the list', async () => {
    const page = await signedIn(browser, 'inspector2');
    const entity = (await (await page.request.get('/api/entities?pageSize=1')).json() as { rows: { id: number; name: string; uscc: string }[] }).rows[0];
    await page.goto('/inspections/conflicts');
    await page.getByTestId('conflict-new').click();
    await page.getByTestId('conflict-entity').click();
    await page.keyboard.type(entity.uscc);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: entity.uscc }).first().click();
    await page.getByTestId('conflict-reason').fill(`配偶在该单位任职（${run}）`);
    await page.getByTestId('conflict-save').click();
    await expect.poll(() => page.getByTestId('conflict-table').textContent()).toContain(`配偶在该单位任职（${run}）`);
    await expect(page.getByTestId('conflict-table').textContent()).resolves.toContain(entity.name);
    await screenshot(page, 'draw-conflicts');
    await page.context().close();
  });
});
