// Administration in the browser: creating an account that then signs in, enforcement
// certificates (issued for the future only; a lapsed one shows as expired), and a page
// a role may not use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';
import { csv } from '../../src/modules/datasets/testFiles';
import { addDays, todayInChina } from '../../src/core/calendar/dates';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** The open drawer's form item with this label. */
function drawerItem(page: Page, label: string) {
  return page.locator('.ant-drawer-open .ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
}

/** Picks an organisation in an organisation tree select by searching its name. */
async function chooseOrg(page: Page, select: ReturnType<Page['locator']>, name: string): Promise<void> {
  await select.click();
  await page.keyboard.type(name.replace(/^嘉兴市/, ''));
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: new RegExp(`^${name}$`) }).click();
  await expect.poll(() => select.textContent()).toContain(name);
}

/** The table row showing this text (a username, a staff number). */
function rowWith(page: Page, tableTestId: string, text: string) {
  return page.locator(`[data-testid=${tableTestId}] tbody tr.ant-table-row`).filter({ hasText: text });
}

async function searchList(page: Page, text: string, apiPath: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  const answered = page.waitForResponse((r) => r.url().includes(`${apiPath}?`) && r.url().includes(encodeURIComponent(text)));
  await page.getByTestId('search-button').click();
  expect((await answered).ok()).toBe(true);
}

describe('user accounts', () => {
  it('the administrator creates a window clerk of 秀洲区卫生健康局, who then signs in', async () => {
    const page = await signedIn(browser, 'admin');
    await page.goto('/users');
    const stamp = Date.now().toString(36);
    const username = `xz.window.${stamp}`;
    const displayName = `秀洲窗口${stamp.slice(-4).toUpperCase()}`;
    const password = `Xiuzhou${stamp.slice(-4)}2026`;

    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-displayname').fill(displayName);
    await chooseOrg(page, drawerItem(page, '所属机构').locator('.ant-select'), '嘉兴市秀洲区卫生健康局');
    await choose(page, 'user-roles', /^窗口工作人员$/, { typed: '窗口', close: 'title', shown: '窗口工作人员' });
    // The chosen role shows as a tag once the select has re-rendered.
    await expect.poll(() => page.getByTestId('user-roles').textContent()).toContain('窗口工作人员');
    await page.getByTestId('user-password').fill(password);
    await drawerItem(page, '确认密码').locator('input').fill(password);
    await screenshot(page, 'admin-user-new');
    await page.getByTestId('user-submit').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

    await searchList(page, username, '/api/users');
    const row = rowWith(page, 'user-table', username);
    await expect.poll(() => row.count()).toBe(1);
    const rowText = await row.textContent();
    expect(rowText).toContain(displayName);
    expect(rowText).toContain('嘉兴市秀洲区卫生健康局');
    expect(rowText).toContain('窗口工作人员');
    expect(rowText).toContain('启用');
    await screenshot(page, 'admin-user-created');

    // The new clerk, in a browser of their own.
    const own = await signedIn(browser, username, password);
    await expect(own.locator('h4').filter({ hasText: `${displayName}，您好` }).count()).resolves.toBe(1);
    await expect(own.locator('header').textContent()).resolves.toContain('嘉兴市秀洲区卫生健康局');
    await expect(own.getByTestId('user-menu').textContent()).resolves.toContain(displayName);
    const menu = await own.locator('.ant-layout-sider').textContent();
    expect(menu).toContain('监管对象名录');
    expect(menu).not.toContain('用户与角色');
    await screenshot(own, 'home-new-window-clerk');
    await own.context().close();
    await page.context().close();
  });

  it('an inspector opening /users directly is told they have no access', async () => {
    const page = await signedIn(browser, 'inspector1');
    await page.goto('/users');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    const text = await forbidden.textContent();
    expect(text).toContain('无权访问');
    expect(text).toContain('您的角色没有使用此功能的权限');
    await expect(page.getByTestId('user-table').count()).resolves.toBe(0);
    // The server refuses the data as well.
    expect((await page.request.get('/api/users')).status()).toBe(403);
    await screenshot(page, 'forbidden-users-inspector1');
    await page.context().close();
  });
});

describe('enforcement certificates', () => {
  it('a certificate cannot be issued already out of date; one valid for two years shows as 有效', async () => {
    const page = await signedIn(browser, 'admin');
    await page.goto('/inspectors');
    const stamp = Date.now().toString(36).toUpperCase();
    const staffNo = `NH-T${stamp}`;
    const name = `测试${stamp.slice(-2)}`;
    const today = todayInChina();
    const past = addDays(today, -30);
    const future = addDays(today, 730);

    // A new inspector of the 南湖区 institute, without a certificate yet.
    await page.getByTestId('inspector-new').click();
    await page.getByTestId('inspector-staffno').fill(staffNo);
    await page.getByTestId('inspector-name').fill(name);
    await chooseOrg(page, drawerItem(page, '所属机构').locator('.ant-select'), '嘉兴市南湖区卫生监督所');
    await page.getByTestId('inspector-submit').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await searchList(page, staffNo, '/api/inspectors');
    const row = rowWith(page, 'inspector-table', staffNo);
    const status = row.getByTestId('certificate-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('none');
    await expect(status.textContent()).resolves.toContain('未持证');
    await expect(status.textContent()).resolves.toContain('不可执法');

    // Issuing: a date in the past cannot be chosen.
    await page.getByTestId(`inspector-certificate-${staffNo}`).click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('certificate-no') });
    await expect(modal.locator('.ant-modal-title').textContent()).resolves.toBe('核发执法证');
    await page.getByTestId('certificate-no').fill(`浙卫执T${stamp}`);
    const validTo = page.getByTestId('certificate-valid-to');
    await validTo.click();
    await validTo.fill(past);
    const pastCell = page.locator(`.ant-picker-dropdown:visible td[title="${past}"]`);
    await expect(pastCell.getAttribute('class')).resolves.toContain('ant-picker-cell-disabled');
    await screenshot(page, 'certificate-past-date-disabled');
    await validTo.press('Enter');
    await expect(validTo.inputValue()).resolves.toBe('');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').allTextContents()).toContain('请选择有效期截止日');
    await expect(page.locator('.ant-modal-confirm').count()).resolves.toBe(0);
    // The server refuses it too, in Chinese.
    const found = await (await page.request.get(`/api/inspectors?q=${encodeURIComponent(staffNo)}`)).json() as { rows: { id: number }[] };
    const refused = await page.request.put(`/api/inspectors/${found.rows[0].id}/certificate`, { data: { certificateNo: `浙卫执T${stamp}`, certificateValidTo: past } });
    expect(refused.status()).toBe(400);
    expect((await refused.json() as { error: { message: string } }).error.message).toBe('有效期截止日期不能早于今天');

    // A date two years ahead: confirmed, then the list shows a valid certificate.
    await validTo.click();
    await validTo.fill(future);
    await validTo.press('Enter');
    await expect(validTo.inputValue()).resolves.toBe(future);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain(`${name}：证号 浙卫执T${stamp}，有效期至 ${future}`);
    await confirm.locator('.ant-btn-primary').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('valid');
    const text = await status.textContent();
    expect(text).toContain('有效');
    expect(text).toContain('可执法');
    expect(text).not.toContain('不可执法');
    await expect(row.textContent()).resolves.toContain(future);
    await confirm.waitFor({ state: 'detached' });
    await modal.waitFor({ state: 'hidden' });
    await screenshot(page, 'certificate-issued-valid');
    await page.context().close();
  });

  it('a certificate that has run out (from a historical file) shows as 已过期 and the officer may not enforce', async () => {
    const page = await signedIn(browser, 'admin');
    const stamp = Date.now().toString(36).toUpperCase();
    const staffNo = `XZ-H${stamp}`;
    const expiredOn = addDays(todayInChina(), -10);
    await page.goto('/imports?dataset=inspectors');
    await expect.poll(() => page.getByTestId('import-dataset').locator('.ant-segmented-item-selected').textContent()).toBe('执法人员');
    await page.getByTestId('import-file').setInputFiles({
      name: '执法人员-历史.csv', mimeType: 'text/csv',
      buffer: csv([
        ['staff_no', 'name', 'org_code', 'certificate_no', 'certificate_valid_to', 'specialties'],
        [staffNo, `过期${stamp.slice(-2)}`, 'XZ-JDS', `浙卫执H${stamp}`, expiredOn, 'public_place;school'],
      ]),
    });
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-inserted').locator('.ant-statistic-content-value').textContent()).resolves.toBe('1');

    await page.goto(`/inspectors?q=${encodeURIComponent(staffNo)}`);
    const row = rowWith(page, 'inspector-table', staffNo);
    await row.waitFor();
    const status = row.getByTestId('certificate-status');
    await expect(status.getAttribute('data-status')).resolves.toBe('expired');
    const text = await status.textContent();
    expect(text).toContain('已过期');
    expect(text).toContain('不可执法');
    const rowText = await row.textContent();
    expect(rowText).toContain(expiredOn);
    expect(rowText).toContain('嘉兴市秀洲区卫生监督所');
    // The button now offers renewal.
    await expect(page.getByTestId(`inspector-certificate-${staffNo}`).textContent()).resolves.toContain('换发执法证');

    // The 已过期 filter lists it.
    await page.goto('/inspectors?status=expired');
    await page.locator('[data-testid=inspector-table] tbody tr.ant-table-row').first().waitFor();
    const expired = await page.locator('[data-testid=inspector-table] [data-testid=certificate-status]').evaluateAll(
      (els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(expired)).toEqual(new Set(['expired']));
    await expect(rowWith(page, 'inspector-table', staffNo).count()).resolves.toBe(1);
    await screenshot(page, 'certificate-expired');
    await page.context().close();
  });
});
