// Work plans (工作要点) through the browser (issue 7): the legal division imports the
// Hangzhou 2023 plan (seeds/003_…) through the import dialog — the preview shows its six
// sections and twenty tasks, the import is confirmed — and sees the plan with its tasks,
// a target coloured by its live value, and the Word export with the tasks' text; the
// office (办公室) switches the demo plan to "我的任务" and writes a quarterly progress note
// on one of its tasks.
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { chooseIn } from './support/select';

const SEED = '/work/shared/seeds/003_d471de5fc9e490b0.txt';
const CITY = '嘉兴市卫生健康委员会';
const TITLE = '杭州市卫生健康委2023年法治政府建设(依法行政)工作要点';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;

describe('work plans', () => {
  it('the legal division imports a plan from a text outline, sees its targets’ live values and exports it to Word', async () => {
    const page = await signedIn(browser, 'legal');
    await page.goto('/workplans');
    await page.getByTestId('workplan-import').click();
    await page.getByTestId('import-preview').waitFor();
    // Nothing to read yet: the preview waits for a file.
    await expect(page.getByTestId('import-preview').isDisabled()).resolves.toBe(true);
    await chooseIn(page, page.getByTestId('import-org'), new RegExp(`^${CITY}$`), { tree: true, typed: CITY, close: 'title', shown: CITY });
    await page.locator('.ant-modal input[type=file]').setInputFiles(SEED);
    await expect.poll(() => page.locator('.ant-modal .ant-upload-drag').textContent()).toContain('003_d471de5fc9e490b0.txt');
    await page.getByTestId('import-preview').click();
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toMatch(/^6个章节，20项任务，\d+个目标$/);
    await expect(page.getByTestId('import-title').textContent()).resolves.toBe(TITLE);
    const outline = page.getByTestId('import-outline');
    await expect(outline.textContent()).resolves.toContain('打造法治化营商环境');
    await expect(outline.textContent()).resolves.toContain('夯实法治建设保障');
    await screenshot(page, 'workplan-import-preview');
    await page.getByTestId('import-save').click();
    await page.getByTestId('import-confirm-ok').click();
    await page.waitForURL(/\/workplans\/\d+$/);

    // The plan: a draft with its six sections and twenty numbered tasks, the units as tags.
    await expect.poll(() => page.getByTestId('plan-title').textContent()).toBe(TITLE);
    await expect(page.getByTestId('plan-status').textContent()).resolves.toBe('草稿');
    await expect.poll(() => page.getByTestId(/^task-\d+$/).count()).toBe(20);
    await expect(page.getByTestId(/^section-\d+$/).count()).resolves.toBe(6);
    await expect(page.getByTestId('task-12').textContent()).resolves.toContain('联合随机抽查监管率30.5%以上');
    await expect(page.getByTestId('task-12').textContent()).resolves.toContain('牵头：委综合监督处');

    // A target with its live value, green (met) or red (missed).
    const judged = page.locator('[data-testid^="target-"][data-state="met"], [data-testid^="target-"][data-state="missed"]');
    await expect.poll(() => judged.count()).toBeGreaterThan(0);
    const tag = judged.first();
    const state = await tag.getAttribute('data-state');
    await expect(tag.getAttribute('class')).resolves.toContain(state === 'met' ? 'ant-tag-green' : 'ant-tag-red');
    await expect(tag.textContent()).resolves.toMatch(/≥|≤|>|<|=/);
    await expect.poll(() => page.getByTestId('plan-target-summary').textContent()).toMatch(/达标 \d+.*未达标 \d+.*无数据 \d+/);
    await screenshot(page, 'workplan-imported');

    // Exported to Word: the title and the tasks' text.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-word').click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(TITLE);
    expect(text).toContain('六、夯实法治建设保障');
    expect(text).toContain('12.全面推行新型监管机制。');
    expect(text).toContain('部门信用分类结果应用率90%以上、联合随机抽查监管率30.5%以上');
    expect(text).toContain('20.推进普法依法治理。');
    await page.context().close();
  });

  it('the office writes this quarter’s progress on one of its tasks of the demo plan', async () => {
    const page = await signedIn(browser, 'office');
    await page.goto('/workplans?status=published');
    await page.getByTestId('workplan-table').getByRole('link', { name: /^嘉兴市卫生健康委\d{4}年法治政府建设工作要点$/ }).first().click();
    await page.waitForURL(/\/workplans\/\d+$/);
    await expect.poll(() => page.getByTestId(/^task-\d+$/).count()).toBeGreaterThan(0);
    const all = await page.getByTestId(/^task-\d+$/).count();

    // 我的任务: only the tasks naming 办公室, each marked 本单位.
    await page.getByTestId('plan-mine').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('mine')).toBe('1');
    await expect.poll(() => page.getByTestId(/^task-\d+$/).count()).toBeLessThan(all);
    const mine = page.getByTestId(/^task-\d+$/);
    const n = await mine.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await expect(mine.nth(i).textContent()).resolves.toContain('本单位');
      await expect(mine.nth(i).textContent()).resolves.toContain('办公室');
    }
    const task = mine.first();
    const number = (await task.getAttribute('data-testid'))!.slice('task-'.length);

    const note = `浏览器测试${run}：本季度已完成政务公开目录更新和集体学法两次，相关材料已报政策法规处。`;
    await page.getByTestId(`progress-write-${number}`).click();
    const quarter = (await page.getByTestId('progress-quarter').textContent())!;
    expect(quarter).toMatch(/^第[1-4]季度$/);
    // An empty note is refused with a message.
    await page.getByTestId('progress-note').fill('');
    await page.getByTestId('progress-form-submit').click();
    await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain-error').textContent()).toBe('请填写进展情况');
    await page.getByTestId('progress-note').fill(note);
    await page.getByTestId('progress-form-submit').click();
    const notes = page.getByTestId(`progress-${number}`);
    await expect.poll(() => notes.textContent()).toContain(note);
    await expect(notes.locator('.ant-typography', { hasText: note }).textContent()).resolves.toContain(`${quarter}办公室：`);
    await screenshot(page, 'workplan-progress');
    await page.context().close();
  });
});
