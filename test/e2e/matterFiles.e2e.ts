// Files attached to a matter in the browser: the office opens a new petition (附件: 暂无附件),
// tries a Word file that is really a PDF and reads the server's Chinese refusal in the
// dialog, then uploads the letter's scan as 来件材料 with a note; the list shows its
// category, uploader and SM3, and the download is byte for byte the upload. The file is
// withdrawn with a reason (Popconfirm): it leaves the list and shows again, marked 已撤回,
// when the withdrawn files are asked for.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { chooseIn } from './support/select';
import { sm3Of } from './support/visit';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2000), Buffer.from('\n%%EOF\n')]);

describe('files attached to a matter', () => {
  it('are uploaded with a category, listed with their SM3, downloaded as uploaded and withdrawn with a reason', async () => {
    const office = await signedIn(browser, 'office');
    // The petition is registered through the API (the register form has its own journey in matters.e2e.ts).
    const leader = (await (await office.request.get('/api/matters/people?q=沈建国')).json() as { id: number }[])[0];
    const commission = (await (await office.request.get('/api/public/matter-organizations')).json() as { id: number; name: string }[])
      .find((o) => o.name === '嘉兴市卫生健康委员会')!.id;
    const created = await office.request.post('/api/matters/petition', { data: { orgId: commission, fields: {
      channel: 'letter', contactName: '浏览器附件测试', title: `反映诊所收费问题（附件${Date.now() % 100000}）`, summary: '来信反映诊所乱收费，附来信原件', leaderId: leader.id,
    } } });
    expect(created.status(), await created.text()).toBe(200);
    const id = (await created.json() as { id: number }).id;

    await office.goto(`/matters/petition/${id}`);
    const card = office.getByTestId('matter-files');
    await expect.poll(() => card.getByTestId('matter-files-empty').textContent()).toContain('暂无附件');

    // A "Word" file that is a PDF: refused by the server, its message shown in the dialog.
    await card.getByTestId('matter-file-upload').click();
    const form = office.getByTestId('matter-file-upload-form');
    await form.waitFor();
    await chooseIn(office, form.getByTestId('matter-file-category'), '来件材料', { close: 'title' });
    await form.getByTestId('matter-file-note').fill('来信原件扫描');
    await form.locator('input[type=file]').setInputFiles({ name: '答复函.docx', mimeType: 'application/octet-stream', buffer: PDF });
    await office.getByTestId('matter-file-upload-submit').click();
    await expect.poll(() => office.getByTestId('matter-file-upload-error').textContent()).toContain('文件“答复函.docx”的内容不是有效的DOCX文件');

    // The scan itself.
    await form.locator('input[type=file]').setInputFiles({ name: '来信扫描件.pdf', mimeType: 'application/pdf', buffer: PDF });
    await office.getByTestId('matter-file-upload-submit').click();
    await form.waitFor({ state: 'hidden' });
    const row = card.locator('[data-testid^="matter-file-"][data-withdrawn]').filter({ hasText: '来信扫描件.pdf' });
    await row.waitFor();
    const fileId = Number((await row.getAttribute('data-testid'))!.replace('matter-file-', ''));
    const text = await row.textContent();
    expect(text).toContain('来件材料');
    expect(text).toContain('钱慧');
    expect(text).toContain('来信原件扫描');
    expect(await row.getByTestId(`matter-file-sm3-${fileId}`).textContent()).toBe(`SM3 ${sm3Of(PDF).slice(0, 8)}…`);
    expect(await row.getByTestId(`matter-file-view-${fileId}`).getAttribute('href')).toBe(`/api/matters/petition/${id}/files/${fileId}?inline=1`);
    await screenshot(office, 'matter-files');

    const [download] = await Promise.all([office.waitForEvent('download'), row.getByTestId(`matter-file-download-${fileId}`).click()]);
    expect(download.suggestedFilename()).toBe('来信扫描件.pdf');
    expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);

    // Withdrawn with a reason: the confirmation's button stays disabled without one.
    await row.getByTestId(`matter-file-withdraw-${fileId}`).click();
    const ok = office.getByTestId(`matter-file-withdraw-ok-${fileId}`);
    await ok.waitFor();
    expect(await ok.isDisabled()).toBe(true);
    await office.getByTestId(`matter-file-withdraw-reason-${fileId}`).fill('误传，应为另一件信访的来信');
    await ok.click();
    // Under a loaded machine that click was once lost: the confirmation stayed open, its
    // button enabled and idle, and nothing was sent. It is given again while that lasts
    // (a confirmation busy sending shows its button loading and is left alone).
    await expect.poll(async () => {
      if (await ok.isVisible() && await ok.isEnabled() && !(await ok.getAttribute('class'))?.includes('ant-btn-loading')) {
        await ok.click({ timeout: 2000 }).catch(() => {});
      }
      return card.getByTestId('matter-files-empty').count();
    }).toBe(1);
    await card.getByTestId('matter-files-show-withdrawn').click();
    await card.getByTestId(`matter-file-withdrawn-${fileId}`).waitFor();
    expect(await card.getByTestId(`matter-file-${fileId}`).getAttribute('data-withdrawn')).toBe('true');
    await office.context().close();
  });
});
