// The applicant's material files on the portal, in the browser, on the demo as seeded:
// the window opens an open application that the seed gave files (the applicant's upload
// and the window's scan) and reads its tracking code; the applicant opens the tracking
// page with it, sees the files with their material, size, time and who attached them
// (申请人 / 工作人员), downloads the window's scan (the bytes the window's page serves),
// uploads a photo of another material and sees it listed as theirs; the list on a phone's
// width stays within the screen.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, newPage, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Detail {
  id: number; applicationNo: string; trackingCode: string; state: string;
  materials: { code: string; name: string; provision: string }[];
  files: { id: number; materialCode: string; fileName: string; uploader: 'applicant' | 'staff' }[];
}

/** A small valid PNG (1 × 1, grey). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('the applicant’s files on the tracking page', () => {
  let staff: Page;
  let visitor: Page;
  let app: Detail;

  beforeAll(async () => {
    staff = await signedIn(browser, 'window');
    visitor = await newPage(browser);
  });
  afterAll(async () => {
    await staff?.context().close();
    await visitor?.context().close();
  });

  it('the seed gave an open application the applicant’s file and the window’s scan; the window lists them', async () => {
    const list = await (await staff.request.get('/api/licensing/applications?state=submitted&pageSize=50')).json() as { rows: { id: number }[] };
    for (const r of list.rows) {
      const d = await (await staff.request.get(`/api/licensing/applications/${r.id}`)).json() as Detail;
      if (d.files.some((f) => f.uploader === 'applicant') && d.files.some((f) => f.uploader === 'staff')) { app = d; break; }
    }
    expect(app, 'a demo application with both kinds of file').toBeTruthy();
    await staff.goto(`/licensing/applications/${app.id}`);
    await expect.poll(() => staff.getByTestId('app-tracking-code').textContent()).toContain(app.trackingCode);
    for (const f of app.files) await staff.getByTestId(`app-files-${f.materialCode}-${f.id}`).waitFor();
  });

  it('the applicant sees them with material, size, time and who, and downloads the window’s scan', async () => {
    await visitor.goto(`/portal/track/${app.trackingCode}`);
    const files = visitor.getByTestId('track-files');
    await files.waitFor();
    await expect(files.textContent()).resolves.toContain(`材料文件（${app.files.length}个）`);
    for (const f of app.files) {
      const row = files.locator(`tr[data-row-key="${f.id}"]`);
      const text = (await row.textContent())!;
      expect(text).toContain(f.fileName);
      expect(text).toContain(app.materials.find((m) => m.code === f.materialCode)!.name);
      expect(text).toMatch(/\d+(\.\d)? (B|KB)/);
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(text).toContain(f.uploader === 'applicant' ? '申请人' : '工作人员');
    }
    await screenshot(visitor, 'portal-track-files');

    const scan = app.files.find((f) => f.uploader === 'staff')!;
    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByTestId(`track-file-${scan.id}-download`).click()]);
    expect(download.suggestedFilename()).toBe(scan.fileName);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const served = await (await staff.request.get(`/api/licensing/applications/${app.id}/files/${scan.id}`)).body();
    expect(bytes.equals(served)).toBe(true);
  });

  it('the applicant uploads a photo of another material and sees it listed as theirs', async () => {
    const taken = new Set(app.files.map((f) => f.materialCode));
    const material = app.materials.find((m) => !taken.has(m.code))!;
    const before = await visitor.locator('[data-testid="track-files"] tr[data-row-key]').count();
    await visitor.getByTestId(`track-upload-${material.code}-input`).setInputFiles({ name: '营业场所照片.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => visitor.locator('[data-testid="track-files"] tr[data-row-key]').count()).toBe(before + 1);
    const row = visitor.locator('[data-testid="track-files"] tr[data-row-key]').filter({ hasText: '营业场所照片.png' });
    await expect(row.textContent()).resolves.toContain(material.name);
    await expect(row.textContent()).resolves.toContain('申请人');
  });

  it('on a phone the files fit the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: baseUrl() });
    const phone = await context.newPage();
    try {
      await phone.goto(`/portal/track/${app.trackingCode}`);
      await phone.getByTestId('track-files').waitFor();
      await expect(phone.getByTestId(`track-file-${app.files[0].id}`).textContent()).resolves.toContain(app.files[0].fileName);
      await phone.waitForLoadState('networkidle');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - Math.min(window.innerWidth, document.documentElement.clientWidth));
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(phone, 'portal-track-files-phone');
    } finally {
      await context.close();
    }
  });
});
