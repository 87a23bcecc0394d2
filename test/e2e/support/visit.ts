// What the browser tests of inspection visits share: a photo to take, a phone to hold,
// and the visit form filled with one failed check item, a photo and the party's signature.
import zlib from 'node:zlib';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, login } from './browser';
import { createSm3 } from '../../../src/core/crypto/sm3';

/** A small RGB PNG (a colour gradient), built here so the tests need no image file. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set([(x * 255) / width, (y * 255) / height, 90], y * stride + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const sm3Of = (b: Buffer) => createSm3().update(b).digest();

/** A phone: 390 × 844 CSS pixels at twice the density, touch and mouse, signed in. */
export async function phone(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: baseUrl(),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await login(page, username);
  return page;
}

/**
 * On the open visit form: the first check item fails with a note, the others pass, the
 * finding is written, a photo is queued and the party signs on the canvas (a mouse drag).
 */
export async function fillFailedVisit(page: Page, o: { note: string; findings: string; signatory: string; photo: Buffer }): Promise<void> {
  const item = page.locator('[data-testid^="item-"][data-testid$="-outcome"]').first();
  const itemCard = page.locator('[data-testid^="item-"]').filter({ has: item }).first();
  const code = (await itemCard.getAttribute('data-testid'))!.replace('item-', '');
  await itemCard.locator('label.ant-radio-button-wrapper').filter({ hasText: /^不合格$/ }).click();
  await page.getByTestId(`item-${code}-note`).fill(o.note);
  const outcomes = page.locator('[data-testid^="item-"][data-testid$="-outcome"]');
  for (let i = 1; i < await outcomes.count(); i++) await outcomes.nth(i).locator('label.ant-radio-button-wrapper').filter({ hasText: /^合格$/ }).click();
  await expect.poll(() => page.getByTestId('visit-result').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('不合格');
  await page.getByTestId('visit-findings').fill(o.findings);
  await page.getByTestId('photo-camera').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: o.photo });
  await expect.poll(() => page.getByTestId('queued-photo').count()).toBe(1);
  await page.getByTestId('visit-signatory').fill(o.signatory);
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 120);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 40 + i * 12, box.y + 120 - Math.sin(i / 3) * 50, { steps: 2 });
  await page.mouse.up();
  await expect.poll(() => page.getByTestId('signature-state').textContent()).toBe('已签名');
}
