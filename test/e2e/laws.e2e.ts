// The legal-basis library as an inspector uses it: search the articles in force for a
// word, open the hit at its article; a department rule held as a summary says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('the legal-basis library', () => {
  it('searching 听证 finds 行政处罚法 第六十四条, and the hit opens the law at that article', async () => {
    const page = await signedIn(browser, 'inspector1');
    await page.getByRole('link', { name: '法律法规库', exact: true }).click(); // the side menu
    await page.waitForURL(/\/laws$/);
    await expect.poll(() => page.locator('[data-testid=law-table] tbody tr.ant-table-row').count()).toBeGreaterThan(10);

    await page.getByTestId('search-input').fill('听证');
    await page.getByTestId('search-input').press('Enter');
    await page.waitForURL(/q=%E5%90%AC%E8%AF%81/);
    const hit = page.getByTestId('hit-行政处罚法-64');
    await expect.poll(() => hit.textContent()).toBe('《中华人民共和国行政处罚法》第六十四条');
    const row = page.locator('[data-testid=hit-table] tbody tr.ant-table-row', { has: hit });
    await expect(row.locator('mark').first().textContent()).resolves.toBe('听证');
    await expect(row.textContent()).resolves.toContain('《中华人民共和国行政处罚法》第六十四条');
    await expect(page.getByTestId('hit-行政处罚法-63').count()).resolves.toBe(1);
    await screenshot(page, 'laws-search-hearing');

    await hit.click();
    await page.waitForURL(/\/laws\/\d+\?version=\d+&hl=.*#a64$/);
    const article = page.getByTestId('article-a64');
    await expect.poll(() => article.getAttribute('data-target')).toBe('true');
    await expect(article.textContent()).resolves.toContain('当事人要求听证的，应当在行政机关告知后五日内提出');
    await expect(page.getByTestId('version-status-in_force').count()).resolves.toBeGreaterThan(0);
    // Scrolled to the article: its top is in the viewport.
    await expect.poll(() => article.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; })).toBe(true);
    await screenshot(page, 'laws-article-64');
    await page.context().close();
  });

  it('a department rule held as a summary carries the warning', async () => {
    const page = await signedIn(browser, 'inspector1');
    await page.goto('/laws?kind=department_rule');
    await page.getByTestId('law-公共场所卫生管理条例实施细则').click();
    await page.waitForURL(/\/laws\/\d+$/);
    await expect.poll(() => page.getByTestId('summary-warning').textContent()).toContain('条文摘要，非官方文本，请以正式文本为准');
    await expect(page.getByTestId('article-a35').textContent()).resolves.toContain('500元以上5000元以下罚款');
    await expect(page.getByTestId('law-new-version').count()).resolves.toBe(0);
    await page.context().close();
  });
});
