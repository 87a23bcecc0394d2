// The random draw from plan to case: the legal division writes a plan for one district's
// public places, publishes its commitment (lists frozen), draws, and the public
// verification page re-runs the draw in the browser and agrees. The first task's team is
// changed to two inspectors with accounts; one of them records the visit on a phone with
// a failed item, a photo and the party's signature, and turns the finding into a case
// lead. The legal division publishes the result and the portal shows it. Then an
// inspector declares a conflict of interest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose, chooseIn } from './support/select';
import { declineLead } from './support/cases';
import { fillFailedVisit, phone, png, sm3Of } from './support/visit';

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
    // (A click on the dialog's title closes an open list; Esc would close the dialog.) Under load the
    // click can land while the tree is still opening: try again (up to three times).
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.getByTestId('plan-org').click();
      await page.keyboard.type('南湖区卫生监督所');
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: '南湖区卫生监督所' }).first().click({ timeout: 5000 }).catch(() => {});
      await page.locator('.ant-modal-title').click();
      if (await expect.poll(() => page.getByTestId('plan-org').textContent(), { timeout: 3000 }).toContain('南湖区卫生监督所').then(() => true, () => false)) break;
    }
    await expect.poll(() => page.getByTestId('plan-org').textContent()).toContain('南湖区卫生监督所');
    await choose(page, 'plan-categories', '公共场所', { close: 'title' });
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

    // The first task's team becomes 徐涛 and 俞静 (inspector1 and inspector2), with a reason.
    const firstRow = tasks.first();
    const taskNo = (await firstRow.locator('td').first().textContent())!.trim();
    const entityName = (await firstRow.locator('td').nth(1).locator('a').textContent())!.trim();
    await page.getByTestId(`team-edit-${taskNo}`).click();
    const team = page.getByTestId('team-inspectors');
    await expect.poll(() => team.locator('.ant-select-selection-item').count()).toBe(2);
    // (A click on the dialog's title closes the list; Esc would close the dialog.)
    const closeList = () => page.locator('.ant-modal-title').click();
    while (await team.locator('.ant-select-selection-item-remove').count() > 0) await team.locator('.ant-select-selection-item-remove').first().click();
    await closeList();
    for (const name of ['徐涛', '俞静']) {
      await chooseIn(page, team, name, { typed: name, close: 'title', opener: team.locator('input') });
      await expect.poll(() => team.locator('.ant-select-selection-item').allTextContents()).toContainEqual(expect.stringContaining(name));
    }
    await expect(team.locator('.ant-select-selection-item').count()).resolves.toBe(2);
    await page.getByTestId('team-reason').fill('原抽中人员参加省级培训，无法按期检查');
    await screenshot(page, 'draw-team-modal');
    await page.getByTestId('team-save').click();
    await expect.poll(() => firstRow.textContent()).toContain('徐涛、俞静');

    // inspector1 records the visit on a phone and turns the finding into a case lead.
    const mobile = await phone(browser, 'inspector1');
    await mobile.goto('/inspections/my-tasks');
    await mobile.getByTestId('my-task-search').locator('input').fill(entityName);
    await mobile.getByTestId('my-task-search').locator('input').press('Enter');
    const card = mobile.getByTestId(`my-task-${taskNo}`);
    await card.waitFor();
    await card.getByTestId('my-task-record').click();
    await mobile.waitForURL(/\/inspections\/record\?taskId=\d+/);
    await expect.poll(() => mobile.getByTestId('visit-entity').textContent()).toBe(entityName);
    await expect.poll(() => mobile.getByTestId('visit-inspectors').textContent()).toContain('俞静');
    const photo = png(100, 80);
    await fillFailedVisit(mobile, { note: '公共用品用具未做到一客一换', findings: '现场检查发现毛巾、拖鞋未一客一换消毒。', signatory: '陈经理', photo });
    await mobile.getByTestId('visit-submit').click();
    await mobile.getByTestId('visit-confirm').click();
    await mobile.waitForURL(/\/inspections\/visits\/\d+\/record$/);
    await expect.poll(() => mobile.getByTestId('visit-photo').count()).toBe(1);
    await expect(mobile.getByTestId('visit-photo').textContent()).resolves.toContain(`SM3 ${sm3Of(photo).slice(0, 8)}`);
    await mobile.getByTestId('case-lead').click();
    await mobile.getByTestId('case-lead-confirm').click();
    await mobile.waitForURL(/\/cases\/\d+$/);
    await expect.poll(() => mobile.getByTestId('case-state').textContent()).toBe('线索登记');
    const caseId = Number(/cases\/(\d+)$/.exec(mobile.url())![1]);
    await screenshot(mobile, 'draw-visit-case-phone');
    await mobile.context().close();
    await declineLead(browser, caseId);

    // The result is published (一公开) and shows on the portal.
    await page.reload();
    await page.getByTestId('plan-publish').click();
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('fig-published').textContent()).toContain('100.0%');
    const planNo = decodeURIComponent(/random-plans\/([^/]+)\/draws/.exec(verifyHref!)![1]);
    await anon.goto(`/portal/random-plans/${encodeURIComponent(planNo)}`);
    await expect.poll(() => anon.locator('body').textContent()).toContain(entityName);
    await expect(anon.locator('body').textContent()).resolves.toContain('不合格');
    await screenshot(anon, 'draw-portal-results');
    await publicContext.close();
    await page.context().close();
  });

  it('an inspector declares a conflict of interest and sees it in the list', async () => {
    const page = await signedIn(browser, 'inspector2');
    const entity = (await (await page.request.get('/api/entities?pageSize=1')).json() as { rows: { id: number; name: string; uscc: string }[] }).rows[0];
    await page.goto('/inspections/conflicts');
    await page.getByTestId('conflict-new').click();
    await choose(page, 'conflict-entity', entity.uscc, { typed: entity.uscc });
    await page.getByTestId('conflict-reason').fill(`配偶在该单位任职（${run}）`);
    await page.getByTestId('conflict-save').click();
    await expect.poll(() => page.getByTestId('conflict-table').textContent()).toContain(`配偶在该单位任职（${run}）`);
    await expect(page.getByTestId('conflict-table').textContent()).resolves.toContain(entity.name);
    await screenshot(page, 'draw-conflicts');
    await page.context().close();
  });
});
