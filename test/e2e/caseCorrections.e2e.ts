// A reconsideration decision on a penalty case, through the browser: the legal division
// records 变更 on the reconsideration page — the form then asks for the penalty the
// decision leaves — and the case page shows the decision in force with the original; it
// records 撤销 on another — the penalty fields are not asked — and the case page warns that
// the decision was revoked and a new one must be made, the reviewer's case-review steps
// offered again. The cases themselves are decided through the API (cases.e2e.ts walks the
// screens of that part).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { submitStepForm } from './support/matterSteps';
import { chooseIn } from './support/select';

let browser: Browser;
let legal: Page;
beforeAll(async () => {
  browser = await launch();
  legal = await signedIn(browser, 'legal');
});
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;

async function call<T>(r: APIRequestContext, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const res = method === 'GET' ? await r.get(url) : await r.post(url, { data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
  return res.json() as Promise<T>;
}

/** A general-procedure case decided on the server's today: warning and a fine of 2,000 yuan, served. */
async function decidedCase(party: string): Promise<number> {
  const [admin, i1, reviewer, leader] = await Promise.all(['admin', 'inspector1', 'reviewer', 'leader'].map((u) => signedIn(browser, u)));
  const { today } = await call<{ today: string }>(admin.request, 'GET', '/api/calendar/today');
  const orgs = await call<{ id: number; code: string }[]>(admin.request, 'GET', '/api/orgs');
  const inspectors = await call<{ rows: { id: number; username: string | null }[] }>(admin.request, 'GET', '/api/inspectors?pageSize=100');
  const two = ['inspector1', 'inspector2'].map((u) => inspectors.rows.find((x) => x.username === u)!.id);
  const { id } = await call<{ id: number }>(i1.request, 'POST', '/api/cases', {
    orgId: orgs.find((o) => o.code === 'NH-JDS')!.id, source: 'inspection', cause: '公共场所未取得卫生许可证经营', leadOn: today, entityId: null,
    partyKind: 'organisation', partyName: party, partyAddress: '嘉兴市南湖区某路2号',
  });
  const step = async (who: Page, name: string, input: Record<string, unknown> = {}) => {
    const { version } = await call<{ version: number }>(who.request, 'GET', `/api/cases/${id}`);
    await call(who.request, 'POST', `/api/cases/${id}/steps/${name}`, { version, input });
  };
  await step(leader, 'file', { inspectorIds: two });
  await step(i1, 'finish_investigation', { facts: '经查，未取得卫生许可证经营。', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000 });
  await step(reviewer, 'pass_review', { opinion: '同意' });
  await step(i1, 'notify', { servedOn: today });
  const { version } = await call<{ version: number }>(i1.request, 'GET', `/api/cases/${id}`);
  await call(i1.request, 'POST', `/api/cases/${id}/defence-waiver`, { version, note: '当事人书面放弃陈述、申辩' });
  await step(leader, 'decide', { decidedOn: today, sanctions: ['warning', 'fine'], fineYuan: 2000 });
  await step(i1, 'serve', { servedOn: today, method: 'direct', recipient: '钱某' });
  await Promise.all([admin, i1, reviewer, leader].map((p) => p.context().close()));
  return id;
}

/** The legal division registers the reconsideration of the case and opens its page. */
async function reconsiderationOf(caseId: number, party: string): Promise<void> {
  const orgs = await call<{ id: number; code: string }[]>(legal.request, 'GET', '/api/orgs');
  const { today } = await call<{ today: string }>(legal.request, 'GET', '/api/calendar/today');
  const { id } = await call<{ id: number }>(legal.request, 'POST', '/api/matters/reconsideration', {
    orgId: orgs.find((o) => o.code === 'JX-WJW')!.id,
    fields: { subtype: 'normal', receivedOn: today, contactName: party, body: '嘉兴市人民政府', title: '行政处罚决定', caseId, summary: '请求撤销行政处罚决定' },
  });
  await legal.goto(`/matters/reconsideration/${id}`);
  await legal.getByTestId('matter-no').waitFor();
}

/** Opens 登记复议决定 and chooses the outcome. */
async function recordDecision(outcome: string): Promise<void> {
  await legal.getByTestId('step-record_decision').click();
  await legal.getByTestId('step-form-submit').waitFor();
  await chooseIn(legal, legal.getByTestId('field-outcome').locator('.ant-select').first(), outcome, { close: 'none' });
}

async function submit(): Promise<void> {
  await submitStepForm(legal, 'decided');
}

describe('a reconsideration decision recorded on the matter page', () => {
  it('变更 asks for the penalty left in force, and the case shows it with the original', async () => {
    const party = `变更浏览器测试${run}商店`;
    const caseId = await decidedCase(party);
    await reconsiderationOf(caseId, party);
    await recordDecision('维持');
    expect(await legal.getByTestId('field-sanctions').count()).toBe(0);
    await chooseIn(legal, legal.getByTestId('field-outcome').locator('.ant-select').first(), '变更', { close: 'none' });
    await legal.getByTestId('field-sanctions').waitFor();
    const sanctions = legal.getByTestId('field-sanctions').locator('.ant-select').first();
    for (const s of ['警告', '罚款']) await chooseIn(legal, sanctions, s, { close: 'title' });
    await legal.getByTestId('field-fineYuan').locator('input').fill('800');
    await submit();
    expect(await legal.getByTestId('matter-penalty-in-force').textContent()).toBe('警告、罚款（罚款 800 元）');

    await legal.getByTestId('matter-case-link').click();
    await legal.getByTestId('case-no').waitFor();
    const notice = legal.getByTestId('correction-adjusted');
    await expect.poll(() => notice.textContent()).toContain('本案处罚决定已被行政复议决定变更');
    expect(await notice.textContent()).toContain('800');
    expect(await notice.textContent()).toContain('原处罚决定：警告、罚款（罚款 2,000 元）');
    expect(await legal.getByTestId('events').textContent()).toContain('处罚决定被依法变更');
    await screenshot(legal, 'case-decision-altered');
  });

  it('撤销 asks for no penalty, and the case page warns that a new decision must be made', async () => {
    const party = `撤销浏览器测试${run}商店`;
    const caseId = await decidedCase(party);
    await reconsiderationOf(caseId, party);
    await recordDecision('撤销');
    expect(await legal.getByTestId('field-sanctions').count()).toBe(0);
    await submit();
    const matterNo = (await legal.getByTestId('matter-no').textContent())!.trim();

    const reviewer = await signedIn(browser, 'reviewer');
    await reviewer.goto(`/cases/${caseId}`);
    await expect.poll(() => reviewer.getByTestId('case-state').textContent()).toBe('案件审核');
    const warning = reviewer.getByTestId('correction-reopened');
    await expect.poll(() => warning.getByTestId('correction-title').textContent())
      .toBe(`本案处罚决定已被行政复议决定撤销（复议编号${matterNo}），需重新作出决定`);
    expect(await warning.textContent()).toContain('《中华人民共和国行政复议法》第六十四条');
    // The decision period runs again; the reviewer's steps are offered again.
    expect(await reviewer.getByTestId('clock-decision').textContent()).toContain('重新作出处罚决定');
    await reviewer.getByTestId('step-pass_review').waitFor();
    expect(await reviewer.getByTestId('step-pass_review').isEnabled()).toBe(true);
    await screenshot(reviewer, 'case-decision-revoked');
    await reviewer.context().close();
  });
});
