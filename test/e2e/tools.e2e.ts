// The tools every signed-in user has: the deadline calculator (working days across the
// 2026 National Day holiday) and the code check (统一社会信用代码).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { usccCheckCharacter } from '../../src/core/codes/uscc';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** Waits for what the user sees to settle (expect.poll gives up after 1 s by default; the machine may be busy). */

describe('the deadline calculator', () => {
  it('counts 20 working days from 25 September 2026 past the Mid-Autumn and National Day holidays', async () => {
    const page = await signedIn(browser, 'window');
    await page.goto('/deadline');
    const from = page.getByTestId('deadline-from');
    await from.click();
    await from.fill('2026-09-25');
    await from.press('Enter');
    await expect(from.inputValue()).resolves.toBe('2026-09-25');
    await page.getByTestId('deadline-amount').fill('20');
    await page.getByTestId('deadline-unit').getByText('工作日', { exact: true }).click();
    await page.getByTestId('deadline-submit').click();
    await page.waitForURL(/from=2026-09-25/);

    // The 2026 arrangement (国办发明电〔2025〕7号): 9-25..27 中秋节 and 10-1..7 国庆节 are
    // rest days, Saturday 10-10 is a make-up working day. Counting from the next day:
    // 9-28, 9-29, 9-30 (3); 10-8, 10-9, 10-10 (6); 10-12..16 (11); 10-19..23 (16);
    // 10-26..29 (20). Weekends alone would have given Friday 10-23.
    const result = page.getByTestId('deadline-result');
    await expect.poll(() => page.getByTestId('deadline-due').textContent()).toBe('2026-10-29');
    await expect(page.getByTestId('deadline-weekday').textContent()).resolves.toBe('星期四');
    await expect(result.textContent()).resolves.toContain('自 2026-09-25（星期五）起 20个工作日，届满日为');
    await expect(page.getByTestId('deadline-citation').textContent()).resolves.toContain('《中华人民共和国民事诉讼法》第八十五条');
    await expect(page.getByTestId('deadline-provisional').count()).resolves.toBe(0);
    await screenshot(page, 'tools-deadline-national-day');
    await page.context().close();
  });
});

describe('the code check', () => {
  it('explains what is wrong with a unified social credit code, and confirms a valid one', async () => {
    const page = await signedIn(browser, 'window');
    await page.goto('/validate');
    const first17 = '91330402MA2B8C1D2';
    const valid = first17 + usccCheckCharacter(first17);
    const wrong = valid[17] === '1' ? '2' : '1';
    const input = page.getByTestId('uscc-input');
    const verdict = page.getByTestId('uscc-result');

    await input.fill(first17 + wrong);
    await page.getByTestId('uscc-submit').click();
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('false');
    await expect(verdict.textContent()).resolves.toContain('校验不通过');
    await expect(page.getByTestId('uscc-message').textContent()).resolves
      .toContain(`校验码错误：第18位应为“${valid[17]}”，实为“${wrong}”`);
    await screenshot(page, 'tools-validate-uscc-wrong');

    // One character short.
    await input.fill(valid.slice(0, 17));
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('uscc-message').textContent()).toBe('统一社会信用代码应为18位，当前为17位');
    await expect(verdict.getAttribute('data-valid')).resolves.toBe('false');

    // Typed in lower case: checked as the capitals it stands for.
    await input.fill(valid.toLowerCase());
    await page.getByTestId('uscc-submit').click();
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('true');
    await expect(verdict.textContent()).resolves.toContain('校验通过');
    await expect(verdict.textContent()).resolves.toContain(valid);
    await expect(page.getByTestId('uscc-message').count()).resolves.toBe(0);
    await screenshot(page, 'tools-validate-uscc-valid');
    await page.context().close();
  });
});
