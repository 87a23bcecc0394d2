// Penalty cases in the browser, each role at its own screen. A general-procedure case
// with a hearing from lead to archive: an inspector registers the lead, the leader files
// it with two inspectors, the inspector ends the investigation with the benchmark's range
// shown, the reviewer sends the major case to legal review, the legal division passes it,
// the inspector serves the prior notice (the decision is refused while the defence period
// runs, citing art. 45), the other inspector records the party's hearing request, the
// hearing is scheduled seven working days ahead with a host who did not investigate, the
// server's clock is moved to the hearing day (PUT /api/test/clock, the e2e server only),
// the hearing is held, the heads discuss the case when the case page asks for it, the
// leader decides, the decision is served and paid, the case closed and archived, and the
// decision document downloaded and read. And a simple-procedure case from the spot to the
// archive, with its decision document downloaded and read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';
import { choose, fileWithInspectors, pick, registerLead, takeStep } from './support/cases';
import { addDays } from '../../src/core/calendar/dates';
import { chineseDate } from '../../src/platform/documents/officialDocument';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** The text of the downloaded decision document (word/document.xml without its tags). */
async function downloadedText(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
  return { name: download.suggestedFilename(), text: (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '') };
}

/** Types a date into a date picker of the step form (the picker refuses dates it disables). */
async function fillDate(page: Page, testId: string, iso: string) {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(iso);
}

/** Calls the API as the signed-in user of `page` (its cookies); the JSON answer. */
async function apiAs<T>(page: Page, method: 'GET' | 'PUT', url: string, data?: unknown): Promise<T> {
  const res = method === 'GET' ? await page.request.get(url) : await page.request.put(url, { data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
  return res.json() as Promise<T>;
}

/** Moves the e2e server's "today" (the route exists only on the test server, see docs/decisions). */
async function setServerToday(page: Page, body: { today: string } | { reset: true }) {
  return apiAs<{ today: string; realToday: string; offsetDays: number }>(page, 'PUT', '/api/test/clock', body);
}

describe('a general-procedure case with a hearing', () => {
  it('goes from lead to archive through the roles in turn, and its decision document states what was decided', async () => {
    const party = '嘉兴市南湖区浏览器听证测试诊所';
    const inspector = await signedIn(browser, 'inspector1'); // 徐涛
    const today = (await apiAs<{ today: string }>(inspector, 'GET', '/api/calendar/today')).today;
    const url = await registerLead(inspector, party, '未取得医疗机构执业许可证擅自执业');
    await expect(inspector.getByTestId('case-state').textContent()).resolves.toBe('线索登记');

    const leader = await signedIn(browser, 'leader');
    const inspector2 = await signedIn(browser, 'inspector2'); // 俞静
    const reviewer = await signedIn(browser, 'reviewer');
    const legal = await signedIn(browser, 'legal');
    try {
      await fileWithInspectors(leader, url); // 徐涛 and 俞静
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

      await reviewer.goto(url);
      await takeStep(reviewer, 'submit_legal_review', '法制审核', async (p) => p.getByTestId('step-opinion').fill('事实清楚，证据确凿，提交法制审核'));
      await legal.goto(url);
      await takeStep(legal, 'pass_legal_review', '审核通过，待告知', async (p) => p.getByTestId('step-opinion').fill('适用依据正确，程序合法，裁量适当'));

      // The prior notice, served today (the form's date is the server's today).
      await inspector.reload();
      await takeStep(inspector, 'notify', '已告知，陈述申辩期');
      await expect(inspector.getByTestId('clock-defence').textContent()).resolves.toContain('陈述、申辩');
      await expect(inspector.getByTestId('clock-hearing_request').textContent()).resolves.toContain('申请听证');
      await leader.reload();
      await expect.poll(() => leader.getByTestId('step-decide').isDisabled()).toBe(true);
      await expect(leader.getByTestId('refusal-decide').textContent()).resolves.toContain('第四十五条');
      await screenshot(leader, 'cases-general-defence-period');

      // The party asks for a hearing in time; the other investigating inspector records it.
      await inspector2.goto(url);
      await takeStep(inspector2, 'request_hearing', '已申请听证');

      // The hearing: notice served today, held after seven full working days, hosted by an inspector who did not investigate.
      const earliest = (await apiAs<{ due: string }>(inspector, 'GET', `/api/calendar/deadline?from=${today}&amount=7&unit=workday`)).due;
      let hearingDate = addDays(earliest, 1);
      while (!(await apiAs<{ workday: boolean }>(inspector, 'GET', `/api/calendar/days/${hearingDate}`)).workday) hearingDate = addDays(hearingDate, 1);
      const inspectors = await apiAs<{ rows: { name: string; orgName: string; userId: number | null; canEnforce: boolean }[] }>(inspector, 'GET', '/api/inspectors?pageSize=100');
      const host = inspectors.rows.find((i) => i.orgName.includes('南湖') && i.userId === null && i.canEnforce
        && inspectors.rows.filter((j) => j.name.includes(i.name)).length === 1)!;
      expect(host).toBeDefined();
      await inspector.reload();
      await takeStep(inspector, 'schedule_hearing', '已通知听证', async (p) => {
        await fillDate(p, 'step-hearingDate', hearingDate);
        await pick(p, 'step-inspectors', [host.name]);
        await p.getByTestId('step-place').fill('南湖区卫生健康局听证室');
      });
      await expect.poll(() => inspector.getByTestId('step-hold_hearing').isDisabled()).toBe(true);
      await expect(inspector.getByTestId('refusal-hold_hearing').textContent()).resolves.toContain(hearingDate);
      await screenshot(inspector, 'cases-general-hearing-scheduled');

      // The hearing day comes: the server's clock is moved to it.
      expect(await setServerToday(inspector, { today: hearingDate })).toMatchObject({ today: hearingDate });
      await inspector2.reload();
      await takeStep(inspector2, 'hold_hearing', '听证结束', async (p) => p.getByTestId('step-record').fill('当事人对违法事实无异议，称系初次违法，请求从轻处罚。'));

      // The defence period is over. When the case page asks for a collective discussion, the inspector submits it and the heads decide.
      await leader.reload();
      await leader.getByTestId('step-decide').waitFor();
      if (await leader.getByTestId('step-decide').isDisabled()) {
        await expect(leader.getByTestId('refusal-decide').textContent()).resolves.toContain('集体讨论');
        await inspector.reload();
        await expect(inspector.getByTestId('step-submit_collective').isEnabled()).resolves.toBe(true);
        await takeStep(inspector, 'submit_collective', '集体讨论');
        await leader.reload();
        await takeStep(leader, 'record_collective', '集体讨论已决定', async (p) => {
          await p.getByTestId('step-attendees').click();
          for (const name of ['沈建国', '陆文博', '顾海燕']) {
            await p.keyboard.type(name);
            await p.keyboard.press('Enter');
          }
          await p.locator('.ant-modal-title').last().click();
          await p.getByTestId('step-minutes').fill('与会负责人认为事实清楚，证据确凿，听证中当事人未提出新的事实，同意按一般档处罚。');
          await p.getByTestId('step-decision').fill('责令停止执业活动，没收违法所得，罚款100000元');
        });
      }
      await expect.poll(() => leader.getByTestId('step-decide').isDisabled()).toBe(false);
      await takeStep(leader, 'decide', '已作出处罚决定');
      await expect(leader.getByTestId('clock-service').getAttribute('data-colour')).resolves.toBe('green');
      await screenshot(leader, 'cases-general-decided');

      await inspector.reload();
      await takeStep(inspector, 'serve', '决定书已送达，履行期', async (p) => {
        await choose(p, 'step-method', '直接送达');
        await p.getByTestId('step-recipient').fill('张某');
      });
      await expect(inspector.getByTestId('clock-payment').textContent()).resolves.toContain('缴纳罚款');
      await takeStep(inspector, 'record_payment', '已履行');
      await leader.reload();
      await takeStep(leader, 'close', '已结案', async (p) => p.getByTestId('step-summary').fill('当事人已缴清罚款，案件办结。'));
      await inspector.reload();
      await takeStep(inspector, 'archive', '已归档');
      await expect(inspector.getByTestId('next-steps').textContent()).resolves.toContain('案件已办结');
      const events = await inspector.getByTestId('events').textContent();
      for (const label of ['当事人申请听证', '送达听证通知书', '举行听证，制作听证笔录', '作出行政处罚决定', '送达行政处罚决定书', '登记缴纳罚款', '结案', '归档']) expect(events).toContain(label);
      await screenshot(inspector, 'cases-general-archived');

      // The decision document, downloaded from the case page, says what was decided and how.
      const caseNo = await inspector.getByTestId('case-no').textContent();
      const decision = await downloadedText(inspector, 'document-decision');
      expect(decision.name).toBe(`${caseNo}-行政处罚决定书.docx`);
      for (const expected of [
        '行政处罚决定书', `当事人：${party}`, '未取得医疗机构执业许可证擅自执业',
        '《中华人民共和国基本医疗卫生与健康促进法》第三十八条', '《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款',
        '100,000元', '壹拾万元整', '责令停止执业活动', '没收违法所得',
        '裁量基准BHPL-99', '一般处罚', '95000元至155000元',
        '陈述、申辩和要求听证的权利', `于${chineseDate(hearingDate)}依法举行了听证`, '经法制审核',
        '《中华人民共和国行政复议法》第二十条',
      ]) expect(decision.text, expected).toContain(expected);
      expect(decision.text).not.toMatch(/undefined|null|NaN/);
    } finally {
      await setServerToday(inspector, { reset: true });
      for (const p of [inspector, inspector2, leader, reviewer, legal]) await p.context().close();
    }
  }, 300_000);
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
  }, 180_000);
});
