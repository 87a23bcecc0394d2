// The discretion benchmark as an inspector uses it on site: open a provision, enter the
// illegal gains, and read the statutory and tier ranges with their citations
// (legal-rules.md's worked example); a proposed fine outside the tier is flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('the discretion benchmark', () => {
  it('gives 50,000–200,000 and an ordinary tier of 95,000–155,000 for unlicensed practice with 6,000 yuan of gains', async () => {
    const page = await signedIn(browser, 'inspector1');
    await page.goto('/discretion');
    await page.getByTestId('provision-BHPL-99').click();
    await page.waitForURL(/\/discretion\/BHPL-99$/);
    await page.getByTestId('calc-gains').fill('6000');
    await page.getByTestId('calc-tier').getByText('一般处罚', { exact: true }).click();
    await page.getByTestId('calc-fine').fill('180000');
    await page.getByTestId('calc-submit').click();

    await expect.poll(() => page.getByTestId('statutory-range').textContent()).toBe('50,000 元 – 200,000 元');
    await expect(page.getByTestId('tier-range').textContent()).resolves.toBe('95,000 元 – 155,000 元');
    await expect(page.getByTestId('evaluation').textContent()).resolves.toContain('按 10,000 元 计算');
    await expect(page.getByTestId('fine-check').textContent()).resolves.toContain('须书面说明理由，并提交法制审核');
    await expect(page.getByTestId('citations').textContent()).resolves.toContain('《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款');
    await screenshot(page, 'discretion-bhpl-99');
    await page.context().close();
  });
});
