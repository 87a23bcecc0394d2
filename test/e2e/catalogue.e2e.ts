// The service-item catalogue as the legal division keeps it and the public reads it: add
// an item with its materials (one replaced by an electronic licence), edit it (version 2,
// version 1 kept in the history), publish it after a confirmation, and find it in the
// portal's service guide without signing in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const ROWS = '[data-testid="cat-table"] .ant-table-tbody tr.ant-table-row';
const codes = (page: Page) => page.locator(`${ROWS} td:first-child`).allTextContents();

describe('service-item catalogue', () => {
  it('the legal division adds an item, edits it into version 2, publishes it, and the portal’s service guide shows it', async () => {
    const page = await signedIn(browser, 'legal');
    await page.goto('/licensing/catalogue');
    await page.locator(ROWS).first().waitFor();
    await choose(page, 'cat-filter-category', /^医护人员$/);
    await expect.poll(() => codes(page)).toEqual(['XK-HSZC-01', 'XK-YSZC-01']);
    await screenshot(page, 'catalogue-list');
    await page.getByTestId('reset-button').click();

    // A new item: the form with its materials.
    await page.getByTestId('cat-new').click();
    await page.getByTestId('cat-code').fill('XK-E2E-01');
    await page.getByTestId('cat-name').fill('游泳场所卫生许可（测试）');
    await choose(page, 'cat-category', '公共卫生类');
    await page.getByTestId('cat-basis').fill('《公共场所卫生管理条例》第四条、第八条');
    await page.getByTestId('cat-promised').fill('10');
    await page.getByTestId('cat-licence').fill('公共场所卫生许可证');
    await page.getByTestId('cat-valid-years').fill('4');
    await page.getByTestId('cat-material-name-0').fill('公共场所卫生许可申请表');
    await page.getByTestId('cat-material-add').click();
    await page.getByTestId('cat-material-name-1').fill('营业执照');
    await choose(page, 'cat-material-replaceable-1', '电子证照替代');
    await page.getByTestId('cat-material-licence-1').fill('营业执照');
    await screenshot(page, 'catalogue-form');
    await page.getByTestId('cat-save').click();

    await expect.poll(() => page.getByTestId('cat-drawer-title').textContent()).toBe('XK-E2E-01 游泳场所卫生许可（测试）');
    const drawer = page.getByTestId('cat-drawer');
    await expect.poll(() => drawer.getByTestId('cat-version').textContent()).toBe('第1版（现行）');
    await expect(drawer.getByTestId('cat-materials-table').textContent()).resolves.toContain('电子证照替代：营业执照');
    await expect(drawer.getByTestId('cat-unpublished').count()).resolves.toBe(1);

    // An edit adds version 2; version 1 stays in the history.
    await page.getByTestId('cat-edit').click();
    await page.getByTestId('cat-promised').fill('5');
    await page.getByTestId('cat-change-note').fill('压缩承诺时限');
    await page.getByTestId('cat-save').click();
    await expect.poll(() => drawer.getByTestId('cat-version').textContent()).toBe('第2版（现行）');
    await expect.poll(() => drawer.getByTestId('cat-promised-text').textContent()).toBe('5个工作日');
    const history = drawer.getByTestId('cat-versions');
    await expect(history.getByTestId('cat-version-2').textContent()).resolves.toContain('承诺时限');
    await expect(history.getByTestId('cat-version-2').textContent()).resolves.toContain('压缩承诺时限');
    await expect(history.getByTestId('cat-version-1').count()).resolves.toBe(1);
    await screenshot(page, 'catalogue-versions');

    // Version 1 opens from the history, read only.
    await history.getByTestId('cat-version-1').getByText('第1版').click();
    await page.getByTestId('cat-old-version').waitFor();
    await expect(drawer.getByTestId('cat-promised-text').textContent()).resolves.toBe('10个工作日');
    await expect(page.getByTestId('cat-edit').count()).resolves.toBe(0);
    await history.getByTestId('cat-version-2').getByText('第2版').click();
    await expect.poll(() => drawer.getByTestId('cat-version').textContent()).toBe('第2版（现行）');

    // Publishing asks first.
    await page.getByTestId('cat-publish').click();
    await page.getByTestId('cat-publish-confirm').click();
    await drawer.getByTestId('cat-published').waitFor();
    await expect(page.getByTestId('cat-unpublish').count()).resolves.toBe(1);
    await page.context().close();

    // The public, without signing in, finds it in the service guide.
    const guest = await newPage(browser);
    await guest.goto('/portal/service-guide');
    await guest.getByTestId('guide-bundle-YJS-XKZS-01').waitFor();
    await guest.getByTestId('guide-search').locator('input').fill('游泳场所');
    await guest.getByTestId('guide-search').locator('input').press('Enter');
    await guest.getByTestId('guide-item-XK-E2E-01').waitFor();
    await screenshot(guest, 'catalogue-guide-list');
    await guest.getByTestId('guide-link-XK-E2E-01').click();
    await expect.poll(() => guest.getByTestId('guide-title').textContent()).toBe('游泳场所卫生许可（测试）');
    await expect(guest.getByTestId('guide-promised').textContent()).resolves.toBe('5个工作日');
    await expect(guest.getByTestId('guide-materials').textContent()).resolves.toContain('电子证照替代（营业执照）');
    await expect(guest.getByTestId('guide-basis').textContent()).resolves.toBe('《公共场所卫生管理条例》第四条、第八条');
    await screenshot(guest, 'catalogue-guide-item');
    await guest.context().close();
  });
});
