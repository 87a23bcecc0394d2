// The staff application on a phone (390 × 844): the side menu folds away behind the
// header's menu button, so the home page and the case list have the phone's width (no
// horizontal scrolling of the page; the list scrolls sideways inside itself, its columns
// readable); the menu slides over the page, navigates and closes again. On a desktop the
// menu stays beside the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { declineLead, registerLead } from './support/cases';
import { phone } from './support/visit';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/**
 * How far the page is wider than the screen (0: no horizontal scrolling), with the
 * elements that stick out. A phone zooms out to show a page wider than the screen, and
 * window.innerWidth (the zoomed-out visual viewport) then grows with it: the screen's
 * width is the layout viewport's (documentElement.clientWidth), 390 here.
 */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => {
    const screen = Math.min(window.innerWidth, document.documentElement.clientWidth);
    const by = document.documentElement.scrollWidth - screen;
    const culprits = by <= 0 ? [] : [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right > screen + 0.5 && e.getBoundingClientRect().width > 0)
      .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 2).join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
    return { by, culprits };
  });
}

const menuWidth = (page: Page) => page.getByTestId('app-menu').evaluate((e) => e.getBoundingClientRect().width);

describe('the staff application on a phone', () => {
  it('fits the home page and the case list to the screen; the menu opens from the header and navigates', async () => {
    // A case in the list (registered at a desktop).
    const desk = await signedIn(browser, 'inspector1');
    const caseId = Number(/cases\/(\d+)$/.exec(await registerLead(desk, `手机测试${Date.now() % 1_000_000}诊所`, '未取得卫生许可证从事公共场所经营'))![1]);
    await desk.context().close();

    const page = await phone(browser, 'inspector1');
    try {
      // The home page: the menu folded away, the page as wide as the screen.
      expect(await page.evaluate(() => [window.innerWidth, document.documentElement.clientWidth])).toEqual([390, 390]);
      expect(await menuWidth(page)).toBe(0);
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      const todos = (await page.getByTestId('todos').boundingBox())!;
      expect(todos.x).toBeLessThanOrEqual(24);
      expect(todos.width).toBeGreaterThan(340);
      await screenshot(page, 'mobile-home');

      // The header's menu button slides the menu over the page; choosing 行政处罚案件 opens the case list and closes it.
      await page.getByTestId('menu-toggle').click();
      await expect.poll(() => menuWidth(page)).toBe(220);
      await page.getByTestId('app-menu-mask').waitFor();
      await screenshot(page, 'mobile-menu');
      await page.getByTestId('app-menu').getByRole('menuitem', { name: '行政处罚案件' }).click();
      await page.waitForURL(/\/cases$/);
      await expect.poll(() => menuWidth(page)).toBe(0);
      await expect.poll(() => page.getByTestId('app-menu-mask').count()).toBe(0);
      await page.locator('.ant-table-row').first().waitFor();
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      // The list keeps its columns readable and scrolls sideways inside itself: no column is
      // squeezed to a character's width (the party's name sits on one or two lines).
      const table = page.locator('.ant-table-content').first();
      expect(await table.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
      const narrowest = await page.locator('.ant-table-thead th').evaluateAll((ths) => Math.min(...ths.map((th) => th.getBoundingClientRect().width)));
      expect(narrowest).toBeGreaterThanOrEqual(48);
      const partyCell = page.locator('.ant-table-row').filter({ hasText: '手机测试' }).locator('td').nth(1);
      expect((await partyCell.boundingBox())!.height).toBeLessThan(80);
      await screenshot(page, 'mobile-cases');

      // The mask closes the menu without navigating; so does Esc.
      await page.getByTestId('menu-toggle').click();
      await expect.poll(() => menuWidth(page)).toBe(220);
      await page.getByTestId('app-menu-mask').click({ position: { x: 350, y: 400 } });
      await expect.poll(() => menuWidth(page)).toBe(0);
      await page.getByTestId('menu-toggle').click();
      await expect.poll(() => menuWidth(page)).toBe(220);
      await page.keyboard.press('Escape');
      await expect.poll(() => menuWidth(page)).toBe(0);
      expect(page.url()).toMatch(/\/cases$/);

      // A case page.
      await page.getByTestId(`case-${caseId}`).click();
      await page.waitForURL(/\/cases\/\d+$/);
      await page.getByTestId('case-state').waitFor();
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      await screenshot(page, 'mobile-case');

      // Back home through the menu.
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('app-menu').getByRole('menuitem', { name: '工作台' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => menuWidth(page)).toBe(0);
    } finally {
      await page.context().close();
      await declineLead(browser, caseId);
    }
  });
});

describe('a detail page on a phone', () => {
  it('shows an application one particular a line, its deadline clocks and materials within the screen', async () => {
    const page = await phone(browser, 'window');
    try {
      await page.goto('/licensing/applications');
      await page.locator('.ant-table-row a[data-testid^="app-"]').first().click();
      await page.waitForURL(/\/licensing\/applications\/\d+$/);
      await page.getByTestId('app-materials').locator('.ant-table-row').first().waitFor();
      // Before: two particulars a line squeezed the credit code into pieces, and a clock's
      // sentence in its tag pushed the page 132 px wider than the phone.
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      const labels = page.locator('.ant-descriptions-item-label');
      const [first, second] = [(await labels.nth(0).boundingBox())!, (await labels.nth(1).boundingBox())!];
      expect(second.x).toBe(first.x);
      expect(second.y).toBeGreaterThan(first.y);
      await screenshot(page, 'mobile-application');
    } finally {
      await page.context().close();
    }
  });
});

describe('the staff application on a desktop', () => {
  it('keeps the menu beside the page on a desktop, without the header’s menu button', async () => {
    const page = await signedIn(browser, 'inspector1');
    expect(await menuWidth(page)).toBe(220);
    expect(await page.getByTestId('menu-toggle').count()).toBe(0);
    await expect(page.locator('header').textContent()).resolves.toContain('南湖区卫生监督所');
    await page.context().close();
  });
});
