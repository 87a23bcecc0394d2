// The entity directory as its users work with it: an inspector searches and filters the
// entities of their district and opens one; the administrator registers a new entity
// (a mistyped code is caught before anything is saved) and exports the list to Excel.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';
import { usccCheckCharacter } from '../../src/core/codes/uscc';
import { readXlsx, sheetRows } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** Waits for what the user sees to settle (expect.poll gives up after 1 s by default; the machine may be busy). */

const ROWS = '[data-testid=entity-table] tbody tr.ant-table-row';
// Columns of the directory table (1-based, as nth-child counts them).
const COL = { name: 1, uscc: 2, category: 3, region: 4, org: 5 } as const;

interface Row { name: string; address: string; uscc: string; category: string; region: string; org: string }

/** The rows of the directory table as the user reads them. */
async function tableRows(page: Page): Promise<Row[]> {
  return page.locator(ROWS).evaluateAll((trs, col) => trs.map((tr) => {
    const cell = (n: number) => (tr.querySelector(`td:nth-child(${n})`)?.textContent ?? '').trim();
    const first = tr.querySelector(`td:nth-child(${col.name})`);
    return {
      name: (first?.querySelector('a')?.textContent ?? '').trim(),
      address: (first?.querySelector('.ant-typography')?.textContent ?? '').trim(),
      uscc: cell(col.uscc), category: cell(col.category), region: cell(col.region), org: cell(col.org),
    };
  }), COL);
}

/** The number in "共 1,234 条" under the table. */
async function listTotal(page: Page): Promise<number> {
  const text = (await page.getByTestId('list-total').textContent()) ?? '';
  expect(text).toMatch(/^共 [\d,]+ 条$/);
  return Number(text.replace(/\D/g, ''));
}

/**
 * Runs a user action that reloads the directory and waits until the table shows the new
 * answer (the table keeps the previous rows, greyed, while it loads).
 */
async function reloadingList(page: Page, action: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().includes('/api/entities?') && r.request().method() === 'GET');
  await action();
  expect((await answered).ok()).toBe(true);
  await page.locator('[data-testid=entity-table] .ant-spin-spinning').waitFor({ state: 'detached' });
}

async function openDirectory(page: Page, query = ''): Promise<void> {
  await reloadingList(page, () => page.goto(`/entities${query}`));
  await page.locator(ROWS).first().waitFor();
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  await reloadingList(page, () => page.getByTestId('search-button').click());
}

const isHan = (s: string) => /^\p{Script=Han}+$/u.test(s);

describe('the entity directory, for an inspector of the 南湖区 institute', () => {
  it('searches with a word from a listed name, filters by category and opens an entity', async () => {
    const page = await signedIn(browser, 'inspector1');
    await openDirectory(page);
    const allTotal = await listTotal(page);
    const firstPage = await tableRows(page);
    expect(firstPage.length).toBeGreaterThan(1);

    // Two Chinese characters from the first name that do not occur in every name on the
    // page (so the search really narrows) nor in any address (so a match is by name).
    // The trade name after the city and district is tried first (嘉兴市南湖区悦来宾馆 → 悦来).
    const name = firstPage[0].name;
    const pairsOf = (s: string) => [...s].slice(0, -1).map((c, i) => c + [...s][i + 1]).filter(isHan);
    const pairs = [...pairsOf(name.replace(/^(嘉兴市)?(南湖区)?/, '')), ...pairsOf(name)];
    const word = pairs.find((w) => !firstPage.every((r) => r.name.includes(w)) && !firstPage.some((r) => r.address.includes(w)))
      ?? pairs[0];
    expect(word, `a two-character word from "${name}"`).toBeDefined();

    await search(page, word);
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    const found = await listTotal(page);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(allTotal);
    const hits = await tableRows(page);
    expect(hits.length).toBe(Math.min(found, 20));
    for (const r of hits) expect(r.name, `row "${r.name}" for the search ${word}`).toContain(word);
    expect(hits.map((r) => r.name)).toContain(name);
    await screenshot(page, 'entities-search');

    // Reset, then only medical institutions.
    await reloadingList(page, () => page.getByTestId('reset-button').click());
    await expect(listTotal(page)).resolves.toBe(allTotal);
    await reloadingList(page, () => choose(page, 'filter-category', /^医疗机构$/, { shown: '医疗机构' }));
    expect(new URL(page.url()).searchParams.get('category')).toBe('medical_institution');
    const medical = await listTotal(page);
    expect(medical).toBeGreaterThan(0);
    expect(medical).toBeLessThan(allTotal);
    const medicalRows = await tableRows(page);
    expect(medicalRows.length).toBeGreaterThan(0);
    for (const r of medicalRows) expect(r.category, r.name).toBe('医疗机构');
    await screenshot(page, 'entities-filter-category');

    // Clicking a row opens the entity.
    const pick = medicalRows[0];
    await page.locator(ROWS).first().locator(`td:nth-child(${COL.category})`).click();
    await page.waitForURL(/\/entities\/\d+$/);
    const detail = page.getByTestId('entity-detail');
    await detail.waitFor();
    const detailText = await detail.textContent();
    expect(detailText).toContain(pick.uscc);
    expect(detailText).toContain(pick.name);
    expect(detailText).toContain('医疗机构');
    await expect(page.locator('h1, h2, h3, h4').filter({ hasText: pick.name }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'entity-detail-inspector1');
    await page.context().close();
  });

  it('lists only entities supervised by the 南湖区 institute, on every page', async () => {
    const page = await signedIn(browser, 'inspector1');
    await openDirectory(page, '?pageSize=100');
    const total = await listTotal(page);
    expect(total).toBeGreaterThan(100); // more than one page: the walk below covers several
    const seen: Row[] = [];
    for (;;) {
      seen.push(...await tableRows(page));
      const next = page.locator('.ant-pagination-next');
      if (await next.getAttribute('aria-disabled') === 'true') break;
      await reloadingList(page, () => next.click());
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((r) => r.uscc)).size).toBe(total);
    for (const r of seen) {
      expect(r.org, r.name).toBe('嘉兴市南湖区卫生监督所');
      expect(r.region, r.name).toContain('南湖区');
    }
    // The organisation filter offers nothing outside the district either.
    await page.getByTestId('filter-org').click();
    const nodes = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper');
    // The dropdown opens with an animation: poll until its tree has settled.
    await expect.poll(() => nodes.allTextContents()).toEqual(['嘉兴市南湖区卫生监督所']);
    await screenshot(page, 'entities-scope-inspector1');
    await page.context().close();
  });
});

describe('the entity directory, for the administrator', () => {
  it('catches a wrong check character before saving, then registers the corrected entity', async () => {
    const page = await signedIn(browser, 'admin');
    const suffix = String(Date.now()).slice(-7);
    const first17 = `91330402MA${suffix}`;
    const good = first17 + usccCheckCharacter(first17);
    const wrongCheck = good[17] === '1' ? '2' : '1';
    const bad = first17 + wrongCheck;
    const name = `嘉兴市南湖区端到端测试宾馆${suffix}`;
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/entities') posts++; });

    await openDirectory(page);
    await page.getByTestId('entity-new').click();
    await page.waitForURL(/\/entities\/new$/);
    await page.getByTestId('entity-form').waitFor();

    const usccItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('entity-uscc') });
    await page.getByTestId('entity-uscc').fill(bad.toLowerCase()); // typed in lower case: upper-cased as typed
    await expect(page.getByTestId('entity-uscc').inputValue()).resolves.toBe(bad);
    await page.getByTestId('entity-name').fill(name);
    await choose(page, 'entity-category', /^公共场所$/, { shown: '公共场所' });
    await choose(page, 'entity-region', /^南湖区$/, { shown: '南湖区' });
    await page.getByTestId('entity-address').fill(`浙江省嘉兴市南湖区南湖路${Number(suffix) % 900 + 1}号`);
    const usccError = usccItem.locator('.ant-form-item-explain-error');
    await expect.poll(() => usccError.textContent()).toContain(`校验码错误：第18位应为“${good[17]}”，实为“${wrongCheck}”`);

    await page.getByTestId('entity-submit').click();
    await expect.poll(() => usccError.textContent()).toContain('校验码错误');
    expect(new URL(page.url()).pathname).toBe('/entities/new');
    expect(posts).toBe(0);
    await screenshot(page, 'entity-new-bad-uscc');

    await page.getByTestId('entity-uscc').fill(good);
    await page.getByTestId('entity-name').click(); // leave the field: it is checked on blur
    await expect.poll(() => usccError.count()).toBe(0);
    await page.getByTestId('entity-submit').click();
    await page.waitForURL(/\/entities\/\d+$/);
    expect(posts).toBe(1);
    const detail = page.getByTestId('entity-detail');
    await detail.waitFor();
    const detailText = await detail.textContent();
    expect(detailText).toContain(name);
    expect(detailText).toContain(good);
    expect(detailText).toContain('公共场所');
    expect(detailText).toContain('南湖区');
    await expect(page.locator('h1, h2, h3, h4').filter({ hasText: name }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('entity-history').textContent()).resolves.toContain('新增');
    await screenshot(page, 'entity-created');

    await openDirectory(page);
    await search(page, name);
    await expect(listTotal(page)).resolves.toBe(1);
    const rows = await tableRows(page);
    expect(rows.map((r) => [r.name, r.uscc])).toEqual([[name, good]]);
    await page.context().close();
  });

  it('exports the filtered list to an Excel workbook', async () => {
    const page = await signedIn(browser, 'admin');
    await openDirectory(page, '?category=school');
    const total = await listTotal(page);
    expect(total).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^监管对象-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const book = await readXlsx(fs.readFileSync(file));
    const rows = sheetRows(book.worksheets[0]);
    const header = rows[0] as string[];
    expect(header.slice(0, 3)).toEqual(['uscc', 'name', 'category']);
    // Every matching row, not just the page on screen.
    expect(rows.length - 1).toBe(total);
    const category = header.indexOf('category');
    for (const r of rows.slice(1)) expect(r[category]).toBe('school');
    await screenshot(page, 'entities-export');
    await page.context().close();
  });
});
