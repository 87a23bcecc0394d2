// Credit and risk as the legal division and a leader use it: the legal division imports a
// serious penalty decision of an entity, recomputes on the entity page (信用与风险) and
// reads grade D with its reason and a link to the case, overrides the grade and lifts the
// override, then requests credit repair of the decision; the leader approves it on
// 信用修复审批 with an opinion, and the entity's grade comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';
import { csv } from '../../src/modules/datasets/testFiles';
import { addMonths } from '../../src/core/calendar/dates';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const CASE = `E2E-CR-${run}`;

const gradeOf = (page: Page) => page.getByTestId('credit-grade').getAttribute('data-value');

describe('credit and risk', () => {
  it('recompute, override and lift, request a repair; a leader approves it', async () => {
    const page = await signedIn(browser, 'legal');
    const today = (await (await page.request.get('/api/calendar/today')).json() as { today: string }).today;
    // An entity of 南湖区 the other journeys leave alone.
    const entity = (await (await page.request.get('/api/entities?pageSize=40&category=public_place')).json() as { rows: { id: number; uscc: string; name: string }[] }).rows.at(-1)!;

    await page.goto('/imports?dataset=penalty_cases');
    const decided = addMonths(today, -18);
    await page.getByTestId('import-file').setInputFiles({
      name: 'penalty_cases.csv', mimeType: 'text/csv', buffer: csv([
        ['case_no', 'org_code', 'entity_uscc', 'procedure', 'opened_on', 'decided_on', 'fine_yuan', 'sanctions'],
        [CASE, 'NH-JDS', entity.uscc, 'general', addMonths(today, -19), decided, '150000', 'warning;fine'],
      ], { bom: true }),
    });
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('导入成功');

    // 信用与风险 on the entity page: recompute.
    await page.goto(`/entities/${entity.id}`);
    const card = page.getByTestId('entity-credit');
    await card.waitFor();
    await page.getByTestId('credit-recompute').click();
    await expect.poll(() => gradeOf(page)).toBe('D');
    await expect(page.getByTestId('credit-blacklisted').getAttribute('data-value')).resolves.toBe('true');
    await expect(page.getByTestId('credit-risk').getAttribute('data-value')).resolves.toBe('high');
    const serious = page.locator('[data-testid="credit-reason"][data-rule="grade.d.serious_penalty"]');
    await expect(serious.textContent()).resolves.toContain('3年内受到严重违法行政处罚');
    await expect(serious.locator('a').first().textContent()).resolves.toContain(CASE);
    await expect(serious.locator('a').first().getAttribute('href')).resolves.toMatch(/^\/cases\/\d+$/);
    await screenshot(page, 'credit-card');

    // 人工调整 to C, then lifted.
    await page.getByTestId('credit-override').click();
    const overrideModal = page.locator('.ant-modal').filter({ has: page.getByTestId('credit-override-reason') });
    await choose(page, 'credit-override-grade', 'C级');
    await page.getByTestId('credit-override-reason').fill('已全面整改并经复查合格，浏览器测试');
    await overrideModal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => gradeOf(page)).toBe('C');
    await expect(page.getByTestId('credit-override-current').textContent()).resolves.toContain('已全面整改并经复查合格');
    await screenshot(page, 'credit-override');
    await page.getByTestId('credit-lift').click();
    const liftModal = page.locator('.ant-modal').filter({ has: page.getByTestId('credit-lift-reason') });
    await page.getByTestId('credit-lift-reason').fill('复查发现问题，恢复按规则评价');
    await liftModal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => gradeOf(page)).toBe('D');
    await expect(page.getByTestId('credit-override-current').count()).resolves.toBe(0);

    // 申请信用修复 for the decision.
    await page.getByTestId('credit-repair').click();
    const repairModal = page.locator('.ant-modal').filter({ has: page.getByTestId('credit-repair-reason') });
    await choose(page, 'credit-repair-case', CASE);
    await page.getByTestId('credit-repair-reason').fill('当事人已缴清罚款并完成整改，浏览器测试');
    await repairModal.locator('.ant-modal-footer .ant-btn-primary').click();
    await repairModal.waitFor({ state: 'hidden' });
    await page.locator('.ant-collapse-header').filter({ hasText: '信用修复' }).click();
    await expect.poll(() => page.getByTestId('credit-repairs').textContent()).toContain('待审批');
    await page.context().close();

    // The leader approves on 信用修复审批.
    const leader = await signedIn(browser, 'leader');
    await leader.goto('/credit/repairs');
    const row = leader.locator('[data-testid="repair-table"] tr.ant-table-row').filter({ hasText: CASE });
    await row.waitFor();
    await screenshot(leader, 'credit-repairs');
    await row.getByTestId('repair-approve').click();
    await leader.getByTestId('repair-opinion').fill('经核查已纠正失信行为，同意修复');
    await leader.locator('.ant-modal').filter({ has: leader.getByTestId('repair-opinion') }).locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => row.count()).toBe(0);

    await leader.goto(`/entities/${entity.id}`);
    await leader.getByTestId('entity-credit').waitFor();
    await expect.poll(() => gradeOf(leader)).not.toBe('D');
    await expect(leader.getByTestId('credit-blacklisted').getAttribute('data-value')).resolves.toBe('false');
    // A leader reads the evaluation but does not recompute or override.
    await expect(leader.getByTestId('credit-recompute').count()).resolves.toBe(0);
    await screenshot(leader, 'credit-after-repair');
    await leader.context().close();
  });
});
