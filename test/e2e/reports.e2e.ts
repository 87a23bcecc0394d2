// The annual rule-of-law report through the browser (issue 7's quality bar): the legal
// division opens the demo draft of last year for the city commission (generating it with
// the dialog if it is not there), rewrites a narrative paragraph, sees the edit kept on
// reload and through a regeneration from the records, exports the Word document and reads
// its text (title, the edited paragraph, a figure sentence as the page shows it, the
// issuing organisation and the date at the end), finalises it (the paragraphs can no
// longer be edited, and the server refuses an edit), and publishes it: an anonymous
// visitor then reads it on the portal.
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';
import { choose, chooseIn } from './support/select';
import { chineseDate } from '../../src/platform/documents/officialDocument';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const CITY = '嘉兴市卫生健康委员会';

/** The text of word/document.xml without its tags (entities decoded). */
async function docxText(file: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const versionCount = (page: Page) => page.getByTestId('report-versions').locator('[data-testid^="report-version-"]').count();

/** Opens the city commission's report of `year` from the list, generating it with the dialog when there is none. */
async function openCityReport(page: Page, year: number): Promise<void> {
  // 法治建设 › 年度报告, filtered to the year.
  await page.locator('.ant-layout-sider').getByText('年度报告', { exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await choose(page, 'report-filter-year', new RegExp(`^${year}$`));
  await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(year));
  const table = page.getByTestId('report-table');
  const rows = table.locator('tbody tr.ant-table-row');
  const empty = table.locator('.ant-empty');
  // Settled on the year: no longer loading, and either empty or only that year's reports.
  await expect.poll(async () => {
    if (await table.locator('.ant-spin-spinning').count() > 0) return false;
    const years = (await rows.locator('td:first-child').allTextContents()).map((y) => y.trim());
    return (await empty.count()) > 0 || (years.length > 0 && years.every((y) => y === String(year)));
  }).toBe(true);
  const city = rows.filter({ has: page.locator('td', { hasText: new RegExp(`^${CITY}$`) }) });
  if (await city.count() > 0) {
    await city.first().locator('a[data-testid^="report-link-"]').click();
  } else {
    await page.getByTestId('report-generate').click();
    const year$ = page.getByTestId('report-generate-year');
    const input = (await year$.evaluate((e) => e.tagName)) === 'INPUT' ? year$ : year$.locator('input');
    await input.fill(String(year));
    await chooseIn(page, page.getByTestId('report-generate-org'), new RegExp(`^${CITY}$`), { tree: true, typed: CITY, close: 'title', shown: CITY });
    await page.getByTestId('report-generate-submit').click();
  }
  await page.waitForURL(/\/reports\/\d+$/, { timeout: 60_000 });
  await page.getByTestId('report-document').waitFor();
}

describe('the annual report', () => {
  it('is edited, regenerated, exported to Word, finalised and published on the portal', async () => {
    const page = await signedIn(browser, 'legal');
    const today = ((await (await page.request.get('/api/calendar/today')).json()) as { today: string }).today;
    const year = Number(today.slice(0, 4)) - 1;
    await openCityReport(page, year);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('草稿');
    const title = (await page.getByTestId('report-document').locator('h3').textContent())!.trim();
    expect(title).toContain(String(year));
    expect(title).toContain(CITY);
    // The four parts the seeds share.
    const document = page.getByTestId('report-document');
    for (const part of ['一、', '二、存在的不足和原因', '三、', '四、']) await expect.poll(() => document.textContent()).toContain(part);

    // A narrative paragraph rewritten and saved as a new version with a note.
    const paragraph = page.locator('textarea[data-testid^="report-narrative-"]').first();
    await paragraph.waitFor();
    const testId = (await paragraph.getAttribute('data-testid'))!;
    const blockId = testId.slice('report-narrative-'.length);
    const edited = `浏览器测试${run}：全年组织领导干部集体学法六次，委主要负责人带头讲法治课，法治建设纳入各单位年度考核。`;
    const before = await versionCount(page);
    await paragraph.fill(edited);
    await page.getByTestId('report-note').fill(`浏览器测试${run}修改文字段落`);
    await page.getByTestId('report-narrative-save').click();
    await expect.poll(() => versionCount(page)).toBe(before + 1);
    await expect.poll(() => page.getByTestId('report-versions').textContent()).toContain(`浏览器测试${run}修改文字段落`);

    // Kept on reload.
    await page.reload();
    await expect.poll(() => page.getByTestId(testId).inputValue()).toBe(edited);
    await screenshot(page, 'report-edited');

    // Regenerated from the records (a new version): the edit is still there.
    await page.getByTestId('report-regenerate').click();
    await page.getByTestId('report-generate-submit').click();
    await expect.poll(() => versionCount(page), { timeout: 60_000 }).toBe(before + 2);
    await expect.poll(() => page.getByTestId('report-generate-submit').count()).toBe(0);
    await expect.poll(() => page.getByTestId(testId).inputValue()).toBe(edited);
    await expect.poll(() => page.getByTestId('report-versions').textContent()).toContain('根据最新数据重新生成');

    // The Word document: the title, the edited paragraph, a figure sentence as the page shows
    // it, and the issuing organisation with the version's date at the end.
    const sentence = (await page.getByTestId('report-sentence').filter({ hasText: /\d/ }).first().textContent())!.trim();
    expect(sentence.length).toBeGreaterThan(5);
    const signer = (await page.getByTestId('report-signer').textContent())!.trim();
    const date = (await page.getByTestId('report-date').textContent())!.trim();
    expect(signer).toBe(CITY);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-word').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${title}（第${before + 2}版）\\.docx$`));
    const text = await docxText(fs.readFileSync((await download.path())!));
    expect(text).toContain(title);
    expect(text).toContain(edited);
    expect(text).toContain(sentence);
    expect(text.trim().endsWith(`${signer}${chineseDate(date)}`)).toBe(true);
    expect(text.indexOf(edited)).toBeLessThan(text.lastIndexOf(signer));

    // Finalised (confirmed): locked, the paragraphs are text, the server refuses an edit.
    await page.getByTestId('report-finalise').click();
    await page.getByTestId('report-finalise-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('已定稿');
    await expect.poll(() => page.locator('textarea[data-testid^="report-narrative-"]').count()).toBe(0);
    await expect(page.getByTestId(testId).textContent()).resolves.toBe(edited);
    await expect(page.getByTestId('report-narrative-save').count()).resolves.toBe(0);
    await expect(page.getByTestId('report-regenerate').count()).resolves.toBe(0);
    await expect(page.getByTestId('report-finalise').count()).resolves.toBe(0);
    const refused = await page.request.put(`/api/reports/${id}/narratives`, { data: { changes: { [blockId]: '定稿后的修改' }, note: null } });
    expect(refused.status()).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain('定稿');
    await screenshot(page, 'report-final');

    // Published (confirmed), and readable by anyone on the portal.
    await page.getByTestId('report-publish').click();
    await page.getByTestId('report-publish-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('已公开');
    await page.context().close();

    const visitor = await newPage(browser);
    await visitor.goto('/portal/reports');
    const item = visitor.getByTestId(`portal-report-${id}`);
    await expect.poll(() => item.textContent()).toContain(title);
    await item.getByRole('link').click();
    await expect.poll(() => visitor.getByTestId('portal-report').textContent()).toContain(edited);
    await expect(visitor.getByTestId('portal-report').textContent()).resolves.toContain(sentence);
    await screenshot(visitor, 'report-portal');
    await visitor.context().close();
  });
});
