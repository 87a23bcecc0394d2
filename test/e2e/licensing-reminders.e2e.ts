// The expiry-reminder log, in the browser: the window (licensing.decide) has a licence
// issued that expires in 30 days (through the API, as the window would), opens 行政许可 ›
// 到期提醒记录, runs today's reminders (立即发送今日提醒, confirmed) and reads the counts;
// the licence's reminder is listed as 已发送 by the console sender to the application's
// phone, its message in the expanded row and the licence number linking to the licence.
// Run again, nothing is sent twice. Filtered by status (已发送 only; 发送失败: none, the
// console never fails), and the filtered log exported to Excel holds the same rows.
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
const HOLDER = `嘉兴市南湖区提醒测试宾馆${run}`;
const PHONE = `1380000${String(run % 10_000).padStart(4, '0')}`;

async function apiPost<T>(page: Page, url: string, data: unknown): Promise<T> {
  const res = await page.request.post(url, { data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return await res.json() as T;
}

/** Registers, accepts and approves a 公共场所卫生许可 with a phone, valid until validTo: its licence number. */
async function issueLicence(page: Page, validTo: string): Promise<{ id: number; licenceNo: string }> {
  const materials = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'].map((code) => ({ code, provision: 'paper' }));
  const submitted = await apiPost<{ applications: { id: number }[] }>(page, '/api/licensing/applications',
    { itemCode: 'XK-GGCS-01', applicantName: HOLDER, contactPhone: PHONE, address: '嘉兴市南湖区中山路1号', scope: '住宿', materials });
  const id = submitted.applications[0].id;
  await apiPost(page, `/api/licensing/applications/${id}/steps/accept`, {});
  const approved = await apiPost<{ licenceId: number }>(page, `/api/licensing/applications/${id}/steps/approve`, { validTo });
  const licence = await (await page.request.get(`/api/licensing/licences/${approved.licenceId}`)).json() as { licenceNo: string };
  return { id: approved.licenceId, licenceNo: licence.licenceNo };
}

const COUNTS = /^应提醒 (\d+) 件，已发送 (\d+)，失败 (\d+)，无联系方式 (\d+)，今日已发送过 (\d+)$/;
const rowsOf = (page: Page) => page.locator('[data-testid="reminder-table"] tr.ant-table-row');

/** Clicks 立即发送今日提醒, confirms, and reads the counts shown. */
async function runReminders(page: Page): Promise<{ due: number; sent: number; failed: number; noContact: number; alreadySent: number }> {
  // A result of an earlier run is closed first, so the new one is read.
  if (await page.getByTestId('reminder-run-result').count() > 0) {
    await page.getByTestId('reminder-run-result').locator('.ant-alert-close-icon').click();
    await page.getByTestId('reminder-run-result').waitFor({ state: 'detached' });
  }
  await page.getByTestId('reminder-run').click();
  // The confirmation says that what was sent today is not sent again.
  await expect.poll(() => page.locator('.ant-popconfirm:visible').textContent()).toContain('今天已经发送过的提醒不会重复发送');
  await page.getByTestId('reminder-run-confirm').click();
  const counts = page.getByTestId('reminder-run-counts');
  await counts.waitFor();
  const m = COUNTS.exec((await counts.textContent())!.trim());
  expect(m, `counts shown: ${await counts.textContent()}`).toBeTruthy();
  const [due, sent, failed, noContact, alreadySent] = m!.slice(1).map(Number);
  return { due, sent, failed, noContact, alreadySent };
}

describe('the expiry-reminder log', () => {
  it('runs today’s reminders, lists the one sent, filters by status and exports the log', async () => {
    const page = await signedIn(browser, 'window');
    const today = (await (await page.request.get('/api/calendar/today')).json() as { today: string }).today;
    const licence = await issueLicence(page, addDays(today, 30));

    // Reached from the menu, under 行政许可.
    await page.goto('/');
    await page.getByTestId('app-menu').getByRole('menuitem', { name: '到期提醒记录' }).click();
    await page.waitForURL(/\/licensing\/reminders$/);
    await page.getByTestId('reminder-table').waitFor();

    // 立即发送今日提醒: the new licence is due (30 days before expiry) and has a phone.
    const first = await runReminders(page);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(first.failed).toBe(0);
    expect(first.due).toBeGreaterThanOrEqual(first.sent);

    // Its reminder is listed as sent, with the console channel and the phone.
    await page.getByTestId('search-input').fill(licence.licenceNo);
    await page.getByTestId('search-button').click();
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    const row = rowsOf(page).first();
    await expect(row.textContent()).resolves.toContain(HOLDER);
    await expect(row.getByTestId('reminder-status').getAttribute('data-status')).resolves.toBe('sent');
    await expect(row.getByTestId('reminder-status').textContent()).resolves.toContain('已发送');
    await expect(row.textContent()).resolves.toContain('控制台');
    await expect(row.textContent()).resolves.toContain(PHONE);
    await expect(row.textContent()).resolves.toContain('30天');
    await expect(row.textContent()).resolves.toContain(addDays(today, 30));
    await expect(row.locator('a').first().getAttribute('href')).resolves.toBe(`/licensing/licences/${licence.id}`);
    // The message, in the expanded row.
    await row.locator('.ant-table-row-expand-icon').click();
    const message = page.locator('[data-testid^="reminder-message-"]');
    await message.waitFor();
    await expect(message.textContent()).resolves.toContain(`还有30天到期`);
    await expect(message.textContent()).resolves.toContain(licence.licenceNo);
    await screenshot(page, 'licensing-reminders-run');

    // Run again: nothing is sent twice.
    const second = await runReminders(page);
    expect(second.sent).toBe(0);
    expect(second.alreadySent).toBeGreaterThanOrEqual(1);

    // 状态: 已发送 lists only sent reminders, 发送失败 none (the console sender never fails).
    await page.getByTestId('reset-button').click();
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toBe('');
    await choose(page, 'filter-reminder-status', '已发送');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('sent');
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => [...new Set(await page.locator('[data-testid="reminder-table"] [data-testid="reminder-status"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))])
      .toEqual(['sent']);
    await screenshot(page, 'licensing-reminders');

    // The export holds the filtered log: the header, only sent reminders, ours among them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reminder-export').click()]);
    expect(download.suggestedFilename()).toMatch(/到期提醒记录-\d{4}-\d{2}-\d{2}\.xlsx$|licence-notifications-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = await readXlsx(fs.readFileSync((await download.path())!));
    const rows = sheetRows(wb.worksheets[0]).map((r) => Array.from(r, (v) => String(v ?? '')));
    expect(rows[0]).toEqual(['发送时间', '证照编号', '证照名称', '持证人', '有效期至', '提前天数', '渠道', '接收方', '状态', '失败原因', '发证机关', '提醒内容']);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[8] === '已发送')).toBe(true);
    const ours = rows.find((r) => r[1] === licence.licenceNo);
    expect(ours).toBeTruthy();
    expect(ours!.slice(3, 9)).toEqual([HOLDER, addDays(today, 30), '30', '控制台', PHONE, '已发送']);

    await choose(page, 'filter-reminder-status', '发送失败');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('failed');
    await expect.poll(() => page.locator('[data-testid="reminder-table"] .ant-empty-description').textContent()).toContain('没有符合条件的提醒记录');
    await page.context().close();
  });

  it('shows the log without the run button to a reader without licensing.decide', async () => {
    const page = await signedIn(browser, 'legal');
    await page.goto('/licensing/reminders');
    await page.getByTestId('reminder-table').waitFor();
    await page.getByTestId('reminder-export').waitFor();
    await expect(page.getByTestId('reminder-run').count()).resolves.toBe(0);
    await page.context().close();
  });
});
