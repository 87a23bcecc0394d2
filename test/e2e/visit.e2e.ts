// An inspection visit recorded on a phone (390 × 844): the legal division imports a plan
// with an open task on a public place of 南湖区 (an imported task has no drawn team: the
// institute's inspectors carry it out); inspector1 opens 我的检查任务 from the menu, opens
// the task's form, marks one check item 不合格 with a note, writes the finding, adds a
// photo, has the party sign on the canvas (a mouse drag), confirms and submits, sees the
// saved visit with the photo's SM3, and opens 转为案件线索, landing on the new case with
// the photo and the signature in its evidence.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, login, screenshot, signedIn } from './support/browser';
import { csv } from '../../src/modules/datasets/testFiles';
import { createSm3 } from '../../src/core/crypto/sm3';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const PLAN = `E2E-V${run}-P`;
const TASK = `${PLAN}-T1`;

/** A small RGB PNG (a colour gradient): the "photo" the camera takes. */
function png(width: number, height: number): Buffer {
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
  header[8] = 8;
  header[9] = 2;
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set([(x * 255) / width, (y * 255) / height, 90], y * stride + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const sm3Of = (b: Buffer) => createSm3().update(b).digest();

async function importFile(page: Page, dataset: string, rows: unknown[][]): Promise<void> {
  await page.goto(`/imports?dataset=${dataset}`);
  await page.getByTestId('import-file').setInputFiles({ name: `${dataset}.csv`, mimeType: 'text/csv', buffer: csv(rows, { bom: true }) });
  await page.getByTestId('import-result').waitFor();
  await expect(page.getByTestId('import-result').textContent()).resolves.toContain('导入成功');
}

/** A phone: 390 × 844 CSS pixels at twice the density, touch and mouse. */
async function phone(username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: baseUrl(),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await login(page, username);
  return page;
}

describe('an inspection visit on a phone', () => {
  it('records a task’s visit with a failed item, a photo and the party’s signature, then opens the case lead', async () => {
    // A public place of 南湖区 that no other journey uses (public places have check items with penalty provisions).
    const legal = await signedIn(browser, 'legal');
    const entities = (await (await legal.request.get('/api/entities?category=public_place&pageSize=100')).json() as { rows: { id: number; uscc: string; name: string; orgName: string }[] }).rows
      .filter((e) => e.orgName.includes('南湖'));
    const entity = entities[entities.length - 1];
    await importFile(legal, 'random_plans', [['plan_no', 'org_code', 'source', 'year', 'credit_applied', 'title'],
      [PLAN, 'NH-JDS', 'local', 2026, 'N', `浏览器测试${run}现场检查计划`]]);
    await importFile(legal, 'random_tasks', [['task_no', 'plan_no', 'entity_uscc', 'due_on', 'completed_on', 'joint', 'published_on'],
      [TASK, PLAN, entity.uscc, '2099-12-31', '', 'N', '']]);
    await legal.context().close();

    const page = await phone('inspector1');
    // 我的检查任务 from the menu: the task as a card.
    await page.getByRole('menuitem', { name: '我的检查任务' }).click();
    await page.waitForURL(/\/inspections\/my-tasks/);
    await page.getByTestId('my-task-search').locator('input').fill(entity.name);
    await page.getByTestId('my-task-search').locator('input').press('Enter');
    const card = page.getByTestId(`my-task-${TASK}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(entity.name);
    await screenshot(page, 'visit-my-tasks-phone');
    await card.getByTestId('my-task-record').click();
    await page.waitForURL(/\/inspections\/record\?taskId=\d+/);
    await expect.poll(() => page.getByTestId('visit-entity').textContent()).toBe(entity.name);

    // Nothing is wider than the phone: one column.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The imported task has no drawn team: inspector1 is chosen, a colleague is added (at least two, art. 42).
    await page.getByTestId('visit-inspectors').click();
    await page.keyboard.type('俞静');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '俞静' }).first().click();
    await page.getByText('检查信息', { exact: true }).click();
    await expect.poll(() => page.getByTestId('visit-inspectors').textContent()).toContain('俞静');

    // The first item fails, with a note; the result turns 不合格.
    const item = page.locator('[data-testid^="item-"][data-testid$="-outcome"]').first();
    const itemCard = page.locator('[data-testid^="item-"]').filter({ has: item }).first();
    const code = (await itemCard.getAttribute('data-testid'))!.replace('item-', '');
    await itemCard.locator('label.ant-radio-button-wrapper').filter({ hasText: /^不合格$/ }).click();
    await page.getByTestId(`item-${code}-note`).fill('两名从业人员健康合格证明已过期');
    // The others pass.
    const outcomes = page.locator('[data-testid^="item-"][data-testid$="-outcome"]');
    for (let i = 1; i < await outcomes.count(); i++) await outcomes.nth(i).locator('label.ant-radio-button-wrapper').filter({ hasText: /^合格$/ }).click();
    await expect.poll(() => page.getByTestId('visit-result').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('不合格');
    await page.getByTestId('visit-findings').fill('现场检查发现两名从业人员健康合格证明已过期，仍在直接为顾客服务。');

    // A photo from the camera (queued until the record is saved).
    const photo = png(120, 90);
    await page.getByTestId('photo-camera').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.getByTestId('queued-photo').count()).toBe(1);

    // The party signs on the canvas: a mouse drag.
    await page.getByTestId('visit-signatory').fill('王店长');
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 120);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 40 + i * 12, box.y + 120 - Math.sin(i / 3) * 50, { steps: 2 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('signature-state').textContent()).toBe('已签名');
    await screenshot(page, 'visit-form-phone');

    // Submit, confirm: the record becomes evidence.
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-confirm').click();
    await page.waitForURL(/\/inspections\/visits\/\d+\/record$/);
    const visitId = Number(/visits\/(\d+)\/record/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('visit-result').textContent()).toBe('不合格');
    await expect(page.getByTestId('visit-no').textContent()).resolves.toMatch(/^NH-JDS检〔\d{4}〕\d+号$/);
    await expect(page.getByTestId('visit-findings').textContent()).resolves.toContain('健康合格证明已过期');
    await page.getByTestId('visit-signature').waitFor();
    await expect.poll(() => page.getByTestId('visit-photo').count()).toBe(1);
    await expect(page.getByTestId('visit-photo').textContent()).resolves.toContain(`SM3 ${sm3Of(photo).slice(0, 8)}`);
    await expect(page.getByTestId('record-intact').textContent()).resolves.toContain('一致');
    await screenshot(page, 'visit-record-phone');

    // The signature as stored is the PNG drawn; the task is done.
    const record = await (await page.request.get(`/api/inspections/visits/${visitId}/record`)).json() as { signature: { id: number; sm3: string } };
    const sig = await page.request.get(`/api/inspections/visits/${visitId}/files/${record.signature.id}`);
    const sigBytes = await sig.body();
    expect(sigBytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(sm3Of(sigBytes)).toBe(record.signature.sm3);
    const open = await (await page.request.get(`/api/inspections/my-tasks?q=${encodeURIComponent(entity.name)}`)).json() as { rows: { taskNo: string }[] };
    expect(open.rows.map((r) => r.taskNo)).not.toContain(TASK);

    // 转为案件线索: confirmed, it lands on the new case, the photo and signature among its evidence.
    await page.getByTestId('case-lead').click();
    await page.getByTestId('case-lead-confirm').click();
    await page.waitForURL(/\/cases\/\d+$/);
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('线索登记');
    const caseId = Number(/cases\/(\d+)$/.exec(page.url())![1]);
    const evidence = await (await page.request.get(`/api/cases/${caseId}/evidence`)).json() as { items: { sm3: string }[] };
    expect(evidence.items.map((e) => e.sm3).sort()).toEqual([sm3Of(photo), record.signature.sm3].sort());
    await expect.poll(() => page.getByTestId('evidence').locator('tr[data-testid^="evidence-row-"]').count()).toBe(2);
    await screenshot(page, 'visit-case-lead-phone');
    await page.context().close();
  });
});
