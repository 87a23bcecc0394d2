// What a user does in the browser beyond signing in: search the directory, import a file
// with a bad row (then the corrected file). The deadline calculator: tools.e2e.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, login, newPage, screenshot } from './support/browser';
import { ENTITY_COLUMNS, csv, entityRows } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function tableNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid=entity-table] tbody tr.ant-table-row').evaluateAll(
    (rows) => rows.map((r) => r.textContent ?? ''));
}

describe('the entity directory', () => {
  it('an inspector searches with a Chinese word and sees only matching entities of their district', async () => {
    const page = await newPage(browser);
    await login(page, 'inspector1');
    await page.goto('/entities');
    await page.getByTestId('entity-table').locator('tbody tr.ant-table-row').first().waitFor();
    const allTotal = await page.getByTestId('list-total').textContent();

    await page.getByTestId('search-input').fill('诊所');
    await page.getByTestId('search-button').click();
    await page.waitForURL(/q=/);
    await page.getByTestId('entity-table').locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('list-total').textContent()).not.toBe(allTotal);
    const rows = await tableNames(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('诊所');
    // Scope: everything listed belongs to the 南湖区 institute.
    const api = await page.request.get('/api/entities?q=%E8%AF%8A%E6%89%80&pageSize=100');
    const body = await api.json() as { rows: { orgName: string; name: string }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    for (const e of body.rows) expect(e.orgName).toContain('南湖区');
    await expect(page.getByTestId('list-total').textContent()).resolves.toContain(String(body.total));
    await screenshot(page, 'entities-search-inspector1');
    await page.context().close();
  });
});

describe('importing entities', () => {
  it('lists every bad row and imports nothing; the corrected file then imports, and again updates', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/imports?dataset=entities');
    await page.getByTestId('import-dataset').waitFor();

    const first = 700_000 + (Date.now() % 100_000) * 3;
    const rows = entityRows(first, 3);
    const bad = rows.map((r) => [...r]);
    bad[1][2] = '游泳馆'; // not a category code
    const upload = (name: string, content: Buffer) => page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: content });

    await upload('bad.csv', csv([ENTITY_COLUMNS, ...bad]));
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const cells = await errors.locator('tbody tr.ant-table-row').evaluateAll(
      (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(cells).toHaveLength(1);
    // Spreadsheet row 3 (the header is row 1), the column, the value and a Chinese reason.
    expect(cells[0].slice(0, 3)).toEqual(['3', 'category', '游泳馆']);
    expect(cells[0][3]).toContain('取值不正确');
    await expect(page.getByTestId('import-rejected').textContent()).resolves.toContain('未导入任何数据');
    await screenshot(page, 'import-rejected');
    const none = await (await page.request.get(`/api/entities?q=${rows[0][0]}`)).json() as { total: number };
    expect(none.total).toBe(0);

    await page.getByRole('button', { name: /清除结果/ }).click();
    await upload('good.csv', csv([ENTITY_COLUMNS, ...rows]));
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-inserted').textContent()).resolves.toContain('3');
    await screenshot(page, 'import-done');
    const found = await (await page.request.get(`/api/entities?q=${rows[0][0]}`)).json() as { total: number; rows: { name: string }[] };
    expect(found.total).toBe(1);
    expect(found.rows[0].name).toBe(rows[0][1]);

    await page.getByRole('button', { name: /清除结果/ }).click();
    await upload('good-again.csv', csv([ENTITY_COLUMNS, ...rows]));
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-updated').textContent()).resolves.toContain('3');
    await expect(page.getByTestId('import-inserted').textContent()).resolves.toContain('0');
    await page.context().close();
  });
});
