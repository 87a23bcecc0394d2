// The registers the annual report reads, through the browser (issue 7): the office
// registers a proactive publication (an empty title is refused with a message first),
// finds it with the search and exports the list to Excel; the legal division records a
// legality review item through its steps (submitted, reviewed, adopted, issued) and sees
// the red warning on an item adopted without review; an anonymous visitor takes the
// portal's law quiz (every question answered, handed in before the time is up, scored)
// and the quiz's popularisation activity counts one participant more.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';
import { choose, chooseIn } from './support/select';
import { readXlsx, sheetRows } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;

/** The select inside a declared field of a step form. */
const selectIn = (page: Page, name: string): Locator => page.getByTestId(`field-${name}`).locator('.ant-select').first();

/** Types a date into a declared date field and checks the picker took it. */
async function fillDate(page: Page, name: string, iso: string): Promise<void> {
  const input = page.getByTestId(`field-${name}`).locator('input');
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(iso);
  // The calendar closes with a click on the dialog's title (Escape would close the dialog).
  await page.locator('.ant-modal-title').last().click();
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
}

/** Submits a declared-fields form and waits for it to close (a refusal shows in the failure: the form's text). */
async function submit(page: Page, testId: string): Promise<void> {
  await page.getByTestId(`${testId}-submit`).click();
  // (allTextContents does not wait for the form: it may be gone between the two reads.)
  await expect.poll(async () => ((await page.getByTestId(`${testId}-submit`).count()) === 0 ? 'closed' : (await page.getByTestId(testId).allTextContents()).join(''))).toBe('closed');
}

/** What a locator shows now, without waiting for it to appear (a poll then reports what was there). */
const shown = async (l: Locator): Promise<string> => (await l.allTextContents()).join(' | ');

const daysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('registers', () => {
  it('the office registers a publication, finds it and exports the list', async () => {
    const page = await signedIn(browser, 'office');
    await page.goto('/registers/publications');
    await page.getByTestId('register-create').click();
    await page.getByTestId('register-title').waitFor();
    // Saved empty: the title (and the channel) are asked for.
    await page.getByTestId('register-save').click();
    const errors = page.locator('.ant-modal .ant-form-item-explain-error');
    await expect.poll(() => errors.allTextContents()).toContain('请填写标题');
    await expect(errors.allTextContents()).resolves.toContain('请选择发布渠道');

    const title = `浏览器测试${run}关于公布2026年度卫生健康行政执法事项清单的通知`;
    await choose(page, 'register-type', '门户网站');
    await page.getByTestId('register-title').fill(title);
    await page.getByTestId('register-url').fill(`https://wjw.jiaxing.gov.cn/art/${run}.html`);
    await page.getByTestId('register-save').click();
    await expect.poll(() => page.getByTestId('register-save').count()).toBe(0);

    // Found with the search: one row, the organisation and channel as registered.
    await page.getByTestId('search-input').fill(`浏览器测试${run}`);
    await page.getByTestId('search-input').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(`浏览器测试${run}`);
    const rows = page.getByTestId('register-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(title);
    await expect(rows.first().textContent()).resolves.toContain('门户网站');
    await expect(rows.first().textContent()).resolves.toContain('办公室');
    const no = (await rows.first().locator('td').first().textContent())!.trim();
    expect(no).toMatch(/^GK-\d{4}-\d{6}$/);
    await screenshot(page, 'register-publication');

    // Exported with the search applied: the one record, as the list shows it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheet = sheetRows((await readXlsx(fs.readFileSync((await download.path())!))).worksheets[0]!);
    const header = sheet[0] as string[];
    expect(header).toEqual(['编号', '机构', '发布日期', '发布渠道', '标题', '链接', '来源']);
    const body = sheet.slice(1);
    expect(body).toHaveLength(1);
    expect(body[0]).toEqual([no, '办公室', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '门户网站', title, `https://wjw.jiaxing.gov.cn/art/${run}.html`, '平台登记']);
    await page.context().close();
  });

  it('the legal division records a review through its steps, and sees the warning on an item adopted without review', async () => {
    const page = await signedIn(browser, 'legal');
    const today = ((await (await page.request.get('/api/calendar/today')).json()) as { today: string }).today;
    await page.goto('/legality/reviews');

    // Registered (submitted for review a month ago), reviewed, adopted and issued.
    const reviewed = `浏览器测试${run}关于调整公共场所卫生许可告知承诺事项的决定`;
    await page.getByTestId('legality-create').click();
    await page.getByTestId('legality-item-form-submit').waitFor();
    await chooseIn(page, selectIn(page, 'kind'), '重大行政决策');
    await page.getByTestId('field-title').locator('input').fill(reviewed);
    await page.getByTestId('field-draftingUnit').locator('input').fill('行政审批处');
    await fillDate(page, 'submittedOn', daysBefore(today, 30));
    await submit(page, 'legality-item-form');
    await expect.poll(() => shown(page.getByTestId('legality-drawer-title'))).toBe(reviewed);
    const status = page.getByTestId('legality-drawer').getByTestId('legality-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('pending');

    await page.getByTestId('step-review').click();
    await page.getByTestId('legality-review-form-submit').waitFor();
    await chooseIn(page, selectIn(page, 'result'), /^合法$/, { shown: /^合法$/ });
    await page.getByTestId('field-opinion').locator('textarea').fill('经审查，该决定符合《行政许可法》的规定，程序合法。');
    await submit(page, 'legality-review-form');
    await expect.poll(() => status.getAttribute('data-status')).toBe('reviewed');

    await page.getByTestId('step-adoption').click();
    await submit(page, 'legality-adoption-form');
    await expect.poll(() => status.getAttribute('data-status')).toBe('adopted');

    await page.getByTestId('step-issue').click();
    await page.getByTestId('field-docNumber').locator('input').fill(`嘉卫发〔2026〕${run}号`);
    await submit(page, 'legality-issue-form');
    await expect.poll(() => status.getAttribute('data-status')).toBe('issued');
    const steps = page.getByTestId('legality-steps');
    await expect.poll(() => shown(steps)).toContain(`${today} 合法`);
    await expect(steps.textContent()).resolves.toContain(`嘉卫发〔2026〕${run}号`);
    await expect(steps.locator('.ant-steps-item-finish').count()).resolves.toBe(4);
    await expect(steps.locator('.ant-steps-item-error').count()).resolves.toBe(0);
    await expect(page.getByTestId('legality-drawer').locator('[data-testid^="drawer-warning-"]').count()).resolves.toBe(0);
    await expect(page.getByTestId('legality-opinion').isVisible()).resolves.toBe(true);
    await screenshot(page, 'legality-reviewed');
    await page.locator('.ant-drawer-close:visible').click();
    await expect.poll(() => page.getByTestId('legality-drawer-title').count()).toBe(0);

    // Adopted without review: the form asks first, then the red warning shows in the drawer and the list.
    const unreviewed = `浏览器测试${run}关于印发医疗机构依法执业专项整治方案的决定`;
    await page.getByTestId('legality-create').click();
    await page.getByTestId('legality-item-form-submit').waitFor();
    await chooseIn(page, selectIn(page, 'kind'), '重大行政决策');
    await page.getByTestId('field-title').locator('input').fill(unreviewed);
    await submit(page, 'legality-item-form');
    await expect.poll(() => shown(page.getByTestId('legality-drawer-title'))).toBe(unreviewed);
    await expect(page.getByTestId('step-review').count()).resolves.toBe(0);
    await page.getByTestId('step-adoption').click();
    await page.getByTestId('legality-adoption-form-submit').click();
    // (Should the form refuse instead, the poll reports its text.)
    await expect.poll(async () => (await shown(page.locator('.ant-modal-confirm'))) || shown(page.getByTestId('legality-adoption-form'))).toContain('尚未完成合法性审查');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    const warning = page.getByTestId('drawer-warning-ADOPTED_WITHOUT_REVIEW');
    await expect.poll(() => shown(warning)).toContain('未经合法性审查即通过');
    await expect(warning.textContent()).resolves.toContain('重大行政决策程序暂行条例');
    // The steps passed over show red, not a tick: submitted and reviewed were never recorded.
    const steps2 = page.getByTestId('legality-steps');
    await expect.poll(() => steps2.locator('.ant-steps-item-error').allTextContents()).toEqual([expect.stringContaining('报送审查'), expect.stringContaining('审查完成')]);
    await expect(steps2.locator('.ant-steps-item-finish').allTextContents()).resolves.toEqual([expect.stringContaining('通过（签发）')]);
    await screenshot(page, 'legality-unreviewed');
    await page.locator('.ant-drawer-close:visible').click();
    await expect.poll(() => page.getByTestId('legality-drawer-title').count()).toBe(0);

    await page.getByTestId('search-input').fill(unreviewed);
    await page.getByTestId('search-input').press('Enter');
    const rows = page.getByTestId('legality-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => shown(rows.first().getByTestId('warning-ADOPTED_WITHOUT_REVIEW'))).toBe('未经合法性审查即通过');
    await page.context().close();
  });

  it('a visitor takes the portal law quiz, and the quiz’s activity counts one participant more', async () => {
    const legal = await signedIn(browser, 'legal');
    const open = (await (await legal.request.get('/api/public/quizzes')).json()) as { id: number; title: string }[];
    expect(open.length).toBeGreaterThan(0);
    const quiz = open[0]!;
    const participants = async () => {
      const res = await legal.request.get(`/api/quiz/quizzes/${quiz.id}`);
      expect(res.status()).toBe(200);
      const z = (await res.json()) as { participants: number; activityNo: string };
      const activities = (await (await legal.request.get(`/api/registers/activities?q=${encodeURIComponent(z.activityNo)}`)).json()) as { rows: { no: string; participants: number }[] };
      const activity = activities.rows.find((r) => r.no === z.activityNo)!;
      expect(activity.participants).toBe(z.participants);
      return z.participants;
    };
    const before = await participants();

    const visitor = await newPage(browser);
    await visitor.goto('/portal/quiz');
    await visitor.getByTestId(`portal-quiz-take-${quiz.id}`).click();
    await visitor.getByTestId('portal-quiz-intro').waitFor();
    await visitor.getByTestId('portal-quiz-name').fill('张晓梅');
    await visitor.getByTestId('portal-quiz-start').click();
    await visitor.getByTestId('portal-quiz-answering').waitFor();
    const questions = visitor.locator('[data-testid^="portal-quiz-question-"]');
    const total = await questions.count();
    expect(total).toBeGreaterThan(0);
    for (let i = 0; i < total; i++) {
      await questions.nth(i).locator('.ant-radio-wrapper, .ant-checkbox-wrapper').first().click();
    }
    await expect.poll(() => visitor.getByTestId('portal-quiz-answering').textContent()).toContain(`已答 ${total}/${total}`);
    // Handed in with time left on the clock.
    const clock = (await visitor.getByTestId('portal-quiz-countdown').textContent())!;
    const [, mm, ss] = /(\d{2}):(\d{2})/.exec(clock)!;
    expect(Number(mm) * 60 + Number(ss)).toBeGreaterThan(0);
    await screenshot(visitor, 'quiz-answering');
    await visitor.getByTestId('portal-quiz-submit').click();
    await visitor.getByTestId('portal-quiz-submit-confirm').click();
    await expect.poll(() => visitor.getByTestId('portal-quiz-score').textContent()).toMatch(/^\d{1,3} 分$/);
    const score = Number((await visitor.getByTestId('portal-quiz-score').textContent())!.replace(/\D/g, ''));
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    await expect(visitor.getByTestId('portal-quiz-result').textContent()).resolves.toMatch(new RegExp(`答对 \\d+ / ${total} 题`));
    await expect(visitor.locator('[data-testid^="portal-quiz-review-"]').count()).resolves.toBe(total);
    await screenshot(visitor, 'quiz-result');
    await visitor.context().close();

    await expect.poll(() => participants()).toBe(before + 1);
    await legal.context().close();
  });
});
