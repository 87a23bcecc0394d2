// A plan by count (抽查数量, e.g. a number of entities set by the higher level): the legal
// division chooses 按数量 in the plan form and asks for five, the plan shows the count,
// the draw gives exactly five at random (the mandatory on top), and the public
// verification page agrees and says the count was shared out among the strata.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose, chooseIn } from './support/select';
import type { DrawRecord } from '../../src/core/draw/draw';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('a random-inspection plan by count', () => {
  it('draws exactly the number asked for, and the public page verifies it', async () => {
    const title = `浏览器测试${Date.now() % 1_000_000}按数量双随机抽查`;
    const page = await signedIn(browser, 'legal');
    await page.goto('/inspections/plans');
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-title').fill(title);
    await chooseIn(page, page.getByTestId('plan-org'), '南湖区卫生监督所', { typed: '南湖区卫生监督所', tree: true, close: 'title' });
    await choose(page, 'plan-categories', '公共场所', { close: 'title' });
    // By count: the ratio field gives way to the number.
    await page.getByTestId('plan-by').getByText('按数量').click();
    await page.getByTestId('plan-count').waitFor();
    expect(await page.getByTestId('plan-ratio').count()).toBe(0);
    await page.getByTestId('plan-count').fill('5');
    await page.getByTestId('plan-due').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-header-super-next-btn').click();
    await page.locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view').filter({ hasText: /^15$/ }).click();
    await page.getByTestId('plan-form-save').click();
    await page.waitForURL(/\/inspections\/plans\/\d+$/);
    await expect.poll(() => page.getByTestId('plan-setup-count').textContent()).toBe('5 家（必检对象另计）');

    await page.getByTestId('plan-announce').click();
    await page.getByTestId('announce-confirm').click();
    await expect.poll(() => page.getByTestId('draw-attempt-1').textContent()).toContain('已公布承诺值，待抽取');
    await page.getByTestId('plan-draw').click();
    await page.getByTestId('draw-confirm').click();
    await expect.poll(() => page.getByTestId('draw-attempt-1').textContent()).toContain('已抽取');
    await screenshot(page, 'draw-plan-by-count');

    const verifyHref = (await page.getByTestId('verify-link-1').getAttribute('href'))!;
    const planNo = decodeURIComponent(verifyHref.split('/')[3]);
    const { record } = await (await page.request.get(`/api/public/random-plans/${encodeURIComponent(planNo)}/draws/1`)).json() as { record: DrawRecord };
    expect(record.params.sampleCount).toBe(5);
    expect(record.result.entities.filter((e) => e.reason === 'random')).toHaveLength(5);

    const anon = await (await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'zh-CN' })).newPage();
    await anon.goto(verifyHref);
    await expect.poll(() => anon.getByTestId('verify-result').getAttribute('data-ok'), { timeout: 20_000 }).toBe('true');
    await expect(anon.locator('body').textContent()).resolves.toContain('随机抽取 5 家');
    await expect(anon.getByTestId('verify-strata').textContent()).resolves.toContain('应抽（按数量分配）');
    await screenshot(anon, 'draw-verify-by-count');
    await anon.context().close();
    await page.context().close();
  });
});
