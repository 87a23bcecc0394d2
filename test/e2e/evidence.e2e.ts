// Case evidence in the browser: inspector1 registers a lead, the leader files it with two
// inspectors, and inspector1 uploads a photo and an on-site record (plain text) through
// the evidence card. The list shows each file's SM3 and its uploader; the photo opens in
// the image preview and the record in the text preview; both download byte for byte as
// uploaded; the 调阅记录 lists the view and the download; and the integrity check run from
// the case page reports every item intact.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { chooseIn } from './support/select';
import { fileWithInspectors, registerLead } from './support/cases';
import { png, sm3Of } from './support/visit';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Upload { kind: string; title: string; name: string; mimeType: string; buffer: Buffer }

/** Uploads one file through the card's dialog; returns its row in the list. */
async function uploadEvidence(page: Page, u: Upload): Promise<Locator> {
  await page.getByTestId('evidence-add').click();
  const dialog = page.getByTestId('evidence-upload');
  await chooseIn(page, dialog.getByTestId('evidence-kind'), u.kind);
  await dialog.getByTestId('evidence-title').fill(u.title);
  await dialog.locator('input[type=file]').setInputFiles({ name: u.name, mimeType: u.mimeType, buffer: u.buffer });
  await page.getByTestId('evidence-upload-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  const row = page.getByTestId('evidence').locator('tr[data-testid^="evidence-row-"]').filter({ hasText: u.title });
  await row.waitFor();
  return row;
}

async function rowId(row: Locator): Promise<number> {
  return Number((await row.getAttribute('data-testid'))!.replace('evidence-row-', ''));
}

/** Waits for the page's finite animations (a dialog zooming in) to end, so a screenshot shows the result. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
}

/** Clicks a download link and returns the bytes the browser saved, and the name it chose. */
async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

describe('evidence of a case', () => {
  it('is uploaded, listed with its SM3, previewed, downloaded as uploaded, logged and verified intact', async () => {
    const inspector = await signedIn(browser, 'inspector1');
    const url = await registerLead(inspector, '嘉兴市南湖区证据浏览器测试诊所', '未取得医疗机构执业许可证擅自执业');
    const leader = await signedIn(browser, 'leader');
    await fileWithInspectors(leader, url);
    await inspector.reload();

    const photo: Upload = { kind: '照片', title: '现场照片：诊疗室', name: '诊疗室.png', mimeType: 'image/png', buffer: png(64, 48) };
    const record: Upload = {
      kind: '现场笔录', title: '现场检查笔录', name: '现场检查笔录.txt', mimeType: 'text/plain',
      buffer: Buffer.from('现场检查笔录\n检查时间：2026年3月2日上午\n检查地点：嘉兴市南湖区南湖路100号\n现场发现：诊疗室内有患者就诊，未见医疗机构执业许可证。\n', 'utf8'),
    };
    const photoRow = await uploadEvidence(inspector, photo);
    const recordRow = await uploadEvidence(inspector, record);
    const photoId = await rowId(photoRow);
    const recordId = await rowId(recordRow);

    // The list: each file's SM3 (abbreviated, the whole digest on hover and copy) and who uploaded it.
    for (const [row, u] of [[photoRow, photo], [recordRow, record]] as const) {
      const sm3 = sm3Of(u.buffer);
      const cell = row.getByTestId('evidence-sm3');
      await expect(cell.getAttribute('data-sm3')).resolves.toBe(sm3);
      await expect(cell.textContent()).resolves.toBe(`${sm3.slice(0, 8)}…${sm3.slice(-4)}`);
      await expect(row.getByTestId('evidence-uploader').textContent()).resolves.toBe('徐涛');
      await expect(row.textContent()).resolves.toContain(u.name);
      await expect(row.locator('[data-integrity]').getAttribute('data-integrity')).resolves.toBe('unchecked');
    }
    await screenshot(inspector, 'evidence-list');

    // The photo in the image preview, loaded from the server (a view).
    await inspector.getByTestId(`evidence-view-${photoId}`).click();
    const preview = inspector.locator('.ant-image-preview img');
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    await expect(preview.getAttribute('src')).resolves.toContain(`/evidence/${photoId}/content?disposition=inline`);
    await settled(inspector);
    await screenshot(inspector, 'evidence-photo-preview');
    await inspector.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });

    // The record as text in the page (a view).
    await inspector.getByTestId(`evidence-view-${recordId}`).click();
    await expect.poll(() => inspector.getByTestId('evidence-text').textContent()).toBe(record.buffer.toString('utf8'));
    await settled(inspector);
    await screenshot(inspector, 'evidence-text-preview');
    await inspector.getByTestId('evidence-text-preview').locator('.ant-modal-close').click();
    await inspector.getByTestId('evidence-text').waitFor({ state: 'hidden' });

    // Both download exactly as uploaded, under their own names (a download each).
    for (const [id, u] of [[photoId, photo], [recordId, record]] as const) {
      const file = await downloaded(inspector, `evidence-download-${id}`);
      expect(file.name).toBe(u.name);
      expect(file.bytes.equals(u.buffer)).toBe(true);
    }

    // The 调阅记录 of the photo: the download (newest first) and the view, by inspector1.
    await inspector.getByTestId(`evidence-access-${photoId}`).click();
    const log = inspector.locator('.ant-popover:visible .ant-table-tbody tr.ant-table-row');
    // Polled as a whole: opening the log also refreshes the evidence list, which may
    // re-render the popover between a count of its rows and a read of them.
    const entries = () => log.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    await expect.poll(async () => (await entries()).map((cells) => [cells[0], cells[2], cells[3]]))
      .toEqual([['徐涛', '下载', '127.0.0.1'], ['徐涛', '查看', '127.0.0.1']]);
    await expect.poll(() => inspector.getByTestId(`evidence-access-${photoId}`).textContent()).toBe('调阅 2 次');
    await settled(inspector);
    await screenshot(inspector, 'evidence-access-log');
    await inspector.keyboard.press('Escape');

    // The integrity check from the case page: every item intact, in the report and the list.
    await inspector.getByTestId('evidence-verify').click();
    const report = inspector.locator('.ant-modal-confirm');
    await expect.poll(() => report.locator('.ant-modal-confirm-title').textContent()).toBe('完整性校验：全部 2 件证据完整');
    const results = report.getByTestId('evidence-verify-result').locator('[data-integrity]');
    await expect(results.evaluateAll((tags) => tags.map((t) => t.getAttribute('data-integrity')))).resolves.toEqual(['intact', 'intact']);
    await settled(inspector);
    await screenshot(inspector, 'evidence-verified');
    await report.locator('.ant-modal-confirm-btns button').click();
    for (const row of [photoRow, recordRow]) {
      await expect.poll(() => row.locator('[data-integrity]').getAttribute('data-integrity')).toBe('intact');
    }
    for (const p of [inspector, leader]) await p.context().close();
  }, 180_000); // a long journey, on a machine that may be busy
});
