// Importing regulated entities from a file, as the administrator does it on /imports: a
// file with one bad row is refused whole, with the row, the column and the reason in
// Chinese; the corrected file imports; importing it again updates instead of adding.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { ENTITY_COLUMNS, breakCheckCharacter, csv, entityRows, readXlsx, sheetRows } from '../../src/modules/datasets/testFiles';
import { usccCheckCharacter } from '../../src/core/codes/uscc';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** Waits for what the user sees to settle (expect.poll gives up after 1 s by default; the machine may be busy). */

async function openEntityImport(page: Page): Promise<void> {
  await page.goto('/imports');
  const datasets = page.getByTestId('import-dataset');
  await datasets.getByText('监管对象', { exact: true }).click();
  await page.waitForURL(/dataset=entities/);
  // The selection slides over (an animation), then the item is marked selected.
  await expect.poll(() => datasets.locator('.ant-segmented-item-selected').textContent()).toBe('监管对象');
  await expect(page.locator('.ant-upload-text').textContent()).resolves.toContain('开始导入“监管对象”');
}

async function upload(page: Page, name: string, content: Buffer): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
}

/** The figure of a statistic ("新增 3" → 3). */
async function statistic(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

async function entitiesNamed(page: Page, name: string): Promise<{ name: string; uscc: string }[]> {
  const res = await page.request.get(`/api/entities?q=${encodeURIComponent(name)}&pageSize=100`);
  expect(res.ok()).toBe(true);
  const body = await res.json() as { rows: { name: string; uscc: string }[] };
  return body.rows.filter((r) => r.name === name).map((r) => ({ name: r.name, uscc: r.uscc }));
}

describe('importing regulated entities', () => {
  it('refuses a file with a bad row and imports nothing; the corrected file imports, and again only updates', async () => {
    const page = await signedIn(browser, 'admin');
    await openEntityImport(page);

    // Three generated entities not in the database, with names unique to this run.
    const run = Date.now() % 1_000_000;
    const rows = entityRows(2_000_000 + run * 3, 3).map((r, i) => {
      const row = [...r];
      row[1] = `嘉兴市导入测试${run}第${i + 1}号浴室`;
      return row;
    });
    const usccAt = ENTITY_COLUMNS.indexOf('uscc');
    const bad = rows.map((r) => [...r]);
    bad[1][usccAt] = breakCheckCharacter(rows[1][usccAt]);
    const expected = usccCheckCharacter(rows[1][usccAt].slice(0, 17));

    await upload(page, '监管对象-有错.csv', csv([ENTITY_COLUMNS, ...bad], { bom: true }));
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const cells = await errors.locator('tbody tr.ant-table-row').evaluateAll(
      (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    // One error: spreadsheet row 3 (the header is row 1), column uscc, the value, and why.
    expect(cells).toEqual([['3', 'uscc', bad[1][usccAt], expect.stringContaining(`校验码错误：第18位应为“${expected}”`)]]);
    await expect(page.getByTestId('import-rejected').textContent()).resolves.toContain('未导入任何数据');
    await expect(page.getByTestId('import-status').textContent()).resolves.toContain('监管对象-有错.csv');
    await screenshot(page, 'import-entities-rejected');
    // The good rows of the refused file are not in the directory either.
    for (const r of rows) expect(await entitiesNamed(page, r[1])).toEqual([]);

    await page.getByRole('button', { name: '清除结果' }).click();
    await upload(page, '监管对象-已改正.csv', csv([ENTITY_COLUMNS, ...rows], { bom: true }));
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('导入成功');
    await expect(statistic(page, 'import-inserted')).resolves.toBe(3);
    await expect(statistic(page, 'import-updated')).resolves.toBe(0);
    await screenshot(page, 'import-entities-inserted');
    for (const r of rows) expect(await entitiesNamed(page, r[1])).toEqual([{ name: r[1], uscc: r[usccAt] }]);

    await page.getByRole('button', { name: '清除结果' }).click();
    await upload(page, '监管对象-再次导入.csv', csv([ENTITY_COLUMNS, ...rows], { bom: true }));
    await page.getByTestId('import-result').waitFor();
    await expect(statistic(page, 'import-updated')).resolves.toBe(3);
    await expect(statistic(page, 'import-inserted')).resolves.toBe(0);
    await screenshot(page, 'import-entities-updated');
    for (const r of rows) expect(await entitiesNamed(page, r[1])).toHaveLength(1);
    await page.context().close();
  });

  it('downloads the import template as an Excel workbook with the dataset columns', async () => {
    const page = await signedIn(browser, 'admin');
    await openEntityImport(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(download.suggestedFilename()).toContain('监管对象');
    const book = await readXlsx(fs.readFileSync(await download.path()));
    expect(sheetRows(book.worksheets[0])[0]).toEqual(ENTITY_COLUMNS);
    await screenshot(page, 'import-template');
    await page.context().close();
  });
});
