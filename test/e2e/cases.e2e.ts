// Penalty cases in the browser, each role at its own screen: an inspector registers a
// lead, the leader files it with two inspectors, the inspector ends the investigation
// with the benchmark's range shown, the reviewer sends the major case to legal review,
// the legal division passes it, the inspector serves the prior notice, and the decision
// is refused while the defence period runs (citing art. 45). And a simple-procedure case
// from the spot to the archive, with its decision document downloaded and read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function registerLead(page: Page, party: string, cause: string): Promise<string> {
  await page.goto('/cases');
  await page.getByTestId('case-new').click();
  await page.getByTestId('lead-cause').fill(cause);
  await page.getByTestId('lead-party').fill(party);
  await page.getByTestId('lead-address').fill('嘉兴市南湖区南湖路100号');
  await page.getByTestId('lead-save').click();
  await page.waitForURL(/\/cases\/\d+$/);
  return page.url();
}

/** Opens a step's form, fills it with `fill` and submits it; waits for the new state. */
async function takeStep(page: Page, step: string, state: string, fill: (p: Page) => Promise<void> = async () => {}) {
  await page.getByTestId(`step-${step}`).click();
  await fill(page);
  await page.getByTestId('step-submit').click();
  await expect.poll(() => page.getByTestId('case-state').textContent()).toBe(state);
}

/** Chooses options of a select by typing each (long lists render only what is in view). */
async function pick(page: Page, testId: string, options: string[]) {
  await page.getByTestId(testId).click();
  for (const o of options) {
    await page.keyboard.type(o);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: o }).first().click();
  }
  await page.locator('.ant-modal-title').last().click(); // closes the dropdown (Escape would close the form)
}

describe('a general-procedure case', () => {
  it('goes from lead to prior notice through the roles, and the decision waits for the defence period', async () => {
    const inspector = await signedIn(browser, 'inspector1');
    const url = await registerLead(inspector, '嘉兴市南湖区浏览器测试诊所', '未取得医疗机构执业许可证擅自执业');
    await expect(inspector.getByTestId('case-state').textContent()).resolves.toBe('线索登记');

    const leader = await signedIn(browser, 'leader');
    await leader.goto(url);
    await takeStep(leader, 'file', '已立案，调查取证', async (p) => pick(p, 'step-inspectors', ['徐涛', '俞静']));
    await expect(leader.getByTestId('clock-decision').getAttribute('data-colour')).resolves.toBe('green');

    await inspector.reload();
    await takeStep(inspector, 'finish_investigation', '案件审核', async (p) => {
      await p.getByTestId('step-facts').fill('经查，该诊所未取得医疗机构执业许可证开展诊疗活动，违法所得6000元。');
      await pick(p, 'step-provisionCode', ['BHPL-99']);
      await p.getByTestId('step-illegalGainsYuan').fill('6000');
      await pick(p, 'step-sanctions', ['责令停止执业活动', '没收违法所得', '罚款']);
      await p.getByTestId('step-fineYuan').fill('100000');
      await expect.poll(() => p.getByTestId('step-evaluation').textContent()).toContain('95,000 元 – 155,000 元');
    });

    const reviewer = await signedIn(browser, 'reviewer');
    await reviewer.goto(url);
    await takeStep(reviewer, 'submit_legal_review', '法制审核', async (p) => p.getByTestId('step-opinion').fill('事实清楚，证据确凿，提交法制审核'));
    const legal = await signedIn(browser, 'legal');
    await legal.goto(url);
    await takeStep(legal, 'pass_legal_review', '审核通过，待告知', async (p) => p.getByTestId('step-opinion').fill('适用依据正确，程序合法，裁量适当'));

    await inspector.reload();
    await takeStep(inspector, 'notify', '已告知，陈述申辩期');
    await expect(inspector.getByTestId('clock-defence').textContent()).resolves.toContain('陈述、申辩');

    await leader.reload();
    await expect.poll(() => leader.getByTestId('step-decide').isDisabled()).toBe(true);
    await expect(leader.getByTestId('refusal-decide').textContent()).resolves.toContain('第四十五条');
    await screenshot(leader, 'cases-general-defence-period');
    for (const p of [inspector, leader, reviewer, legal]) await p.context().close();
  });
});

describe('a simple-procedure case', () => {
  it('is decided on the spot within the art. 51 limit, published, paid, closed and archived', async () => {
    const inspector = await signedIn(browser, 'inspector1');
    const url = await registerLead(inspector, '嘉兴市南湖区浏览器测试宾馆', '从业人员未取得有效健康合格证明');
    await takeStep(inspector, 'decide_on_spot', '当场处罚（简易程序）', async (p) => {
      await pick(p, 'step-inspectors', ['徐涛', '俞静']);
      await p.getByTestId('step-facts').fill('现场检查发现1名从业人员未取得有效健康合格证明。');
      await pick(p, 'step-sanctions', ['警告', '罚款']);
      await p.getByTestId('step-fineYuan').fill('200');
    });
    await expect(inspector.getByTestId('clock-payment').textContent()).resolves.toContain('缴纳罚款');
    await expect(inspector.getByTestId('clock-publication').getAttribute('data-colour')).resolves.toBe('green');
    await inspector.getByTestId('publication-publish').click();
    await expect.poll(() => inspector.getByTestId('publication').textContent()).toContain('公示中');
    const caseNo = await inspector.getByTestId('case-no').textContent();

    // The decision document, downloaded as the user would, says what was decided.
    const [download] = await Promise.all([inspector.waitForEvent('download'), inspector.getByTestId('document-decision').click()]);
    expect(download.suggestedFilename()).toBe(`${caseNo}-行政处罚决定书.docx`);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const decision = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const expected of ['行政处罚决定书', '嘉兴市南湖区浏览器测试宾馆', '贰佰元整', '《中华人民共和国行政复议法》第二十条']) expect(decision).toContain(expected);
    await takeStep(inspector, 'record_payment', '已履行');
    const leader = await signedIn(browser, 'leader');
    await leader.goto(url);
    await takeStep(leader, 'close', '已结案', async (p) => p.getByTestId('step-summary').fill('当场处罚已履行。'));
    await inspector.reload();
    await takeStep(inspector, 'archive', '已归档');
    await expect(inspector.getByTestId('next-steps').textContent()).resolves.toContain('案件已办结');
    await expect(inspector.getByTestId('events').textContent()).resolves.toContain('当场处罚（简易程序）');
    await screenshot(inspector, 'cases-simple-archived');
    await inspector.goto('/cases');
    await screenshot(inspector, 'cases-list');

    // The public sees the published decision without logging in.
    const visitor = await newPage(browser);
    await visitor.goto('/portal/penalties');
    await visitor.getByTestId('portal-search').locator('input').fill('浏览器测试宾馆');
    await visitor.getByTestId('portal-search').locator('input').press('Enter');
    const card = visitor.getByTestId(`portal-decision-${caseNo}`);
    await expect.poll(() => card.textContent()).toContain('警告、罚款（罚款人民币200元）');
    await screenshot(visitor, 'portal-penalties');
    for (const p of [inspector, leader, visitor]) await p.context().close();
  });
});
