// The licensing window's day, in the browser: the window user registers an application
// for 公共场所卫生许可 (XK-GGCS-01, which allows 告知承诺 and 容缺受理) with one material
// not provided and reads its tracking code; cannot accept it outright (the refusal says
// what is missing), accepts it with that material outstanding (容缺受理), records the
// material supplied, approves it with a licence expiring within 30 days, opens the
// licence and sees 签名验证通过 with the QR code of its public verification page, then
// exports the list of licences about to expire (导出到期提醒清单) and finds it there.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';
import { addDays } from '../../src/core/calendar/dates';
import { readXlsx, sheetRows } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const APPLICANT = `嘉兴市南湖区浏览器测试宾馆${run}`;
const MISSING = '公共场所卫生检测或者评价报告';

/**
 * Types a date into a date picker of a modal and leaves the field (Enter would submit the
 * form, and with it the approval's confirmation).
 */
async function fillDate(page: Page, testId: string, iso: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(iso);
  await page.locator('.ant-modal-title:visible').click();
  await expect.poll(() => input.inputValue()).toBe(iso);
}

const stateOf = (page: Page) => page.getByTestId('app-state').getAttribute('data-state');

describe('licensing at the window', () => {
  it('registers, accepts with a material outstanding, records it supplied, approves, verifies the licence and exports the expiry list', async () => {
    const page = await signedIn(browser, 'window');
    const today = (await (await page.request.get('/api/calendar/today')).json() as { today: string }).today;

    // 登记申请
    await page.goto('/licensing/applications');
    await page.getByTestId('app-table').waitFor();
    await page.getByTestId('app-register').click();
    await choose(page, 'register-item', 'XK-GGCS-01', { typed: 'XK-GGCS-01' });
    // The item allows notification and commitment: the checkbox is offered.
    await page.getByTestId('register-commitment').waitFor();
    await page.getByTestId('register-applicant').fill(APPLICANT);
    await page.getByTestId('register-phone').fill('13912345678');
    await page.getByTestId('register-address').fill('嘉兴市南湖区中山路100号');
    await page.getByTestId('register-scope').fill('住宿');
    // 营业执照 may be replaced by an e-licence, 从业人员健康合格证明 by a data check; the report cannot.
    await expect(page.getByTestId('material-M02').textContent()).resolves.toContain('引用电子证照');
    await expect(page.getByTestId('material-M07').textContent()).resolves.toContain('数据核验免提交');
    await expect(page.getByTestId('material-M05').textContent()).resolves.not.toContain('引用电子证照');
    await page.getByTestId('material-M05').getByText('未提交').click();
    await screenshot(page, 'licensing-register');
    await page.getByTestId('register-save').click();
    const code = page.getByTestId('register-tracking-code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^[A-Z2-9]{10}$/);
    await page.getByTestId('register-open').click();

    // The application: received, the correction-notice clock running; accepting outright is refused.
    await expect.poll(() => stateOf(page)).toBe('submitted');
    await expect(page.getByTestId('app-applicant').textContent()).resolves.toBe(APPLICANT);
    await expect(page.getByTestId('app-material-M05').textContent()).resolves.toContain('未提交');
    await expect(page.getByTestId('clock-correction').getAttribute('data-colour')).resolves.toBe('green');
    await expect(page.getByTestId('app-step-accept').isDisabled()).resolves.toBe(true);
    await page.getByTestId('app-refusal-accept').hover();
    await expect.poll(() => page.locator('.ant-tooltip:visible').textContent()).toContain(`缺少：${MISSING}`);
    await screenshot(page, 'licensing-application-received');

    // 容缺受理: the missing material is listed with its due date.
    await page.getByTestId('app-step-accept_with_deficiency').click();
    await expect.poll(() => page.getByTestId('owed-name-0').inputValue()).toBe(MISSING);
    await page.getByTestId('app-step-submit').click();
    await expect.poll(() => stateOf(page)).toBe('accepted');
    await expect(page.getByTestId('owed-supplied-0').textContent()).resolves.toContain('未补齐');
    await expect(page.getByTestId('clock-decision').getAttribute('data-colour')).resolves.not.toBe('red');
    // Approval waits for the material.
    await expect(page.getByTestId('app-step-approve').isDisabled()).resolves.toBe(true);

    // 登记补齐容缺材料
    await page.getByTestId('app-step-supplement').click();
    await page.getByTestId('supplement-item-0').waitFor();
    await page.getByTestId('app-step-submit').click();
    await expect.poll(() => page.getByTestId('owed-supplied-0').textContent()).toContain(today);
    await screenshot(page, 'licensing-application-supplied');

    // 准予许可, the licence expiring within 30 days; confirmed first.
    await expect.poll(() => page.getByTestId('app-step-approve').isDisabled()).toBe(false);
    await page.getByTestId('app-step-approve').click();
    const validTo = addDays(today, 20);
    await fillDate(page, 'app-step-validTo', validTo);
    await page.getByTestId('app-step-submit').click();
    await page.getByTestId('app-step-confirm').click();
    await expect.poll(() => stateOf(page)).toBe('approved');
    const licenceLink = page.getByTestId('app-licence-link');
    await licenceLink.waitFor();
    const licenceNo = (await licenceLink.textContent())!;

    // The licence: signatures verified, the QR code of the public verification page.
    await licenceLink.click();
    await expect(page.getByTestId('licence-no').textContent()).resolves.toBe(licenceNo);
    await expect(page.getByTestId('licence-status').getAttribute('data-status')).resolves.toBe('valid');
    const verification = page.getByTestId('licence-verification');
    await expect(verification.textContent()).resolves.toContain('签名验证通过');
    await expect(verification.getAttribute('data-authentic')).resolves.toBe('true');
    const qr = page.getByTestId('licence-qr');
    await qr.waitFor();
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await expect(page.getByTestId('licence-verify-link').getAttribute('href')).resolves.toMatch(/\/portal\/verify\/licence\/[A-Za-z0-9_-]{10,40}$/);
    await expect(page.getByTestId('licence-events').textContent()).resolves.toContain('签发');
    await expect(page.getByTestId('licence-revoke').count()).resolves.toBe(1);
    await screenshot(page, 'licensing-licence');

    // 即将到期: the licence is listed with its days left, and in the exported reminder list.
    await page.goto('/licensing/licences?expiringWithin=30');
    const row = page.locator('[data-testid="licence-table"] tr.ant-table-row').filter({ hasText: licenceNo });
    await row.waitFor();
    await expect(row.getByTestId('licence-days-left').textContent()).resolves.toBe('剩20天');
    await screenshot(page, 'licensing-expiring');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('licence-export-expiring').click()]);
    expect(download.suggestedFilename()).toMatch(/即将到期证照-\d{4}-\d{2}-\d{2}\.xlsx$|licences-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = await readXlsx(fs.readFileSync((await download.path())!));
    const rows = sheetRows(wb.worksheets[0]).map((r) => r.map((v) => String(v ?? '')));
    expect(rows[0]).toContain('剩余天数');
    expect(rows[0]).toContain('联系电话');
    const mine = rows.find((r) => r[0] === licenceNo);
    expect(mine).toBeTruthy();
    expect(mine).toContain(APPLICANT);
    expect(mine!.at(-1)).toBe('20');
    await page.context().close();
  });
});
