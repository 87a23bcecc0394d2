// The check-item lists as the legal division keeps them and an inspector reads them:
// find the public-place items, open one and read its article in force, add an item that
// cites an article (one of its items) and a penalty provision; the inspector of a
// district sees the new item but cannot change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const ROWS = '[data-testid="item-table"] .ant-table-tbody tr.ant-table-row';
const codes = (page: Page) => page.locator(`${ROWS} td:first-child`).allTextContents();

describe('check-item lists', () => {
  it('the legal division finds the public-place items, reads an article and adds an item; an inspector reads it without editing', async () => {
    const page = await signedIn(browser, 'legal');
    await page.goto('/checkitems');
    await page.locator(ROWS).first().waitFor();
    await choose(page, 'filter-category', /^公共场所$/);
    await expect.poll(() => codes(page)).toEqual(['GGCS-01', 'GGCS-02', 'GGCS-03', 'GGCS-04', 'GGCS-05', 'GGCS-06']);
    await screenshot(page, 'checkitems-list');

    // An item with the text of its article in force and the provision that applies.
    await page.getByTestId('item-GGCS-02').click();
    const drawer = page.getByTestId('item-drawer');
    await expect.poll(() => drawer.getByTestId('basis-citation').first().textContent()).toBe('《公共场所卫生管理条例》第七条');
    await expect(drawer.getByTestId('article-text').first().textContent()).resolves.toContain('持有“健康合格证”方能从事本职工作');
    await expect(drawer.getByTestId('item-provision-card').textContent()).resolves.toContain('《公共场所卫生管理条例实施细则》第三十八条');
    await screenshot(page, 'checkitems-detail');
    await page.locator('.ant-drawer-close').click();

    // A new item citing one item of an article, and the provision it leads to.
    await page.getByTestId('item-new').click();
    await page.getByTestId('item-code').fill('GGCS-E2E');
    await page.getByTestId('item-title').fill('顾客用具和卫生设施');
    await page.getByTestId('item-method').fill('查看顾客用具的清洗消毒设施和卫生设施的配置与运行。');
    await page.getByTestId('basis-article-0').click();
    await page.keyboard.type('公共场所卫生管理条例 第三条');
    await page.getByTestId('article-option-公共场所卫生管理条例-3').click();
    await choose(page, 'basis-paragraph-0', '第一款第五项');
    await choose(page, 'item-provision', 'PP-36', { typed: 'PP-36' });
    await page.getByTestId('item-random').click();
    await screenshot(page, 'checkitems-form');
    await page.getByTestId('item-save').click();

    await expect.poll(() => page.getByTestId('item-drawer-title').textContent()).toBe('GGCS-E2E 顾客用具和卫生设施');
    await expect.poll(() => drawer.getByTestId('basis-citation').first().textContent()).toBe('《公共场所卫生管理条例》第三条第一款第五项');
    await expect(drawer.getByTestId('cited-line').textContent()).resolves.toContain('顾客用具和卫生设施');
    await expect(drawer.getByTestId('item-provision-card').textContent()).resolves.toContain('PP-36');
    await expect(page.getByTestId('item-edit').count()).resolves.toBe(1);
    await screenshot(page, 'checkitems-created');
    await page.context().close();

    // The district's inspector reads the commission's new item; no button changes it.
    const inspector = await signedIn(browser, 'inspector1');
    await inspector.goto('/checkitems?q=GGCS-E2E');
    await expect.poll(() => codes(inspector)).toEqual(['GGCS-E2E']);
    await expect(inspector.getByTestId('item-new').count()).resolves.toBe(0);
    await inspector.getByTestId('item-GGCS-E2E').click();
    await expect.poll(() => inspector.getByTestId('item-drawer-title').textContent()).toBe('GGCS-E2E 顾客用具和卫生设施');
    await expect.poll(() => inspector.getByTestId('basis-citation').first().textContent()).toBe('《公共场所卫生管理条例》第三条第一款第五项');
    await expect(inspector.getByTestId('item-edit').count()).resolves.toBe(0);
    await expect(inspector.getByTestId('item-deactivate').count()).resolves.toBe(0);
    await screenshot(inspector, 'checkitems-inspector');
    await inspector.context().close();

    // Deactivating asks first; the item stays, marked inactive.
    const legal = await signedIn(browser, 'legal');
    await legal.goto('/checkitems?q=GGCS-E2E');
    await legal.getByTestId('item-GGCS-E2E').click();
    // An edit keeps the article picked and adds a revision.
    await legal.getByTestId('item-edit').click();
    await expect.poll(() => legal.getByTestId('basis-article-0').textContent()).toContain('《公共场所卫生管理条例》第三条');
    await legal.getByTestId('item-title').fill('顾客用具和卫生设施配置');
    await legal.getByTestId('item-save').click();
    await expect.poll(() => legal.getByTestId('item-drawer-title').textContent()).toBe('GGCS-E2E 顾客用具和卫生设施配置');
    await expect(legal.getByTestId('item-drawer').textContent()).resolves.toContain('第2版 · 修改（检查事项）');
    await legal.getByTestId('item-deactivate').click();
    await legal.getByTestId('deactivate-note').fill('与 GGCS-04 重复');
    await screenshot(legal, 'checkitems-deactivate-confirm');
    await legal.getByTestId('deactivate-confirm').click();
    await legal.getByTestId('item-inactive').waitFor();
    await expect(legal.getByTestId('item-reactivate').count()).resolves.toBe(1);
    await expect.poll(() => legal.locator(`${ROWS}`).first().textContent()).toContain('已停用');
    await legal.context().close();
  });
});
