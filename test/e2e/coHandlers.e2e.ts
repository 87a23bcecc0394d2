// A proposal's co-handling organisation through the browser: the city office registers a
// suggestion and picks 嘉兴市南湖区卫生健康局 as co-handler in the organisation tree; the
// lead's answer button is disabled while the opinion is owed. The district's office user
// follows the to-do "会办意见待提出" to its list, opens the proposal (the city lies outside
// its scope) and submits its opinion in the 会办单位 card; the lead then reads the opinion
// with its author, and may answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { chooseIn } from './support/select';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const DISTRICT = '嘉兴市南湖区卫生健康局';

const selectIn = (page: Page, name: string) => page.getByTestId(`field-${name}`).locator('.ant-select').first();

async function fillDate(page: Page, name: string, iso: string): Promise<void> {
  const input = page.getByTestId(`field-${name}`).locator('input');
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(iso);
  await page.locator('.ant-modal-title').last().click();
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
}

describe('a co-handling district writes its own opinion', () => {
  it('from the to-do to the 会办单位 card; the lead then answers', async () => {
    // The district's office user (proposals handled, scope: its own bureau).
    const admin = await signedIn(browser, 'admin');
    const orgs = await (await admin.request.get('/api/orgs')).json() as { id: number; code: string }[];
    const username = `nh_co_${run}`;
    const created = await admin.request.post('/api/users', { data: {
      username, displayName: '南湖区建议提案专员', orgId: orgs.find((o) => o.code === 'NH-WJJ')!.id, roles: ['office'],
      scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Nanhu2026co', active: true,
    } });
    expect(created.status(), await created.text()).toBe(200);
    const today = (await (await admin.request.get('/api/calendar/today')).json() as { today: string }).today;

    // The city office registers the suggestion with the district as co-handler.
    const office = await signedIn(browser, 'office');
    const title = `关于完善社区慢病随访的建议${run}`;
    await office.goto('/matters/proposal');
    await office.getByTestId('matter-register').click();
    await office.getByTestId('register').waitFor();
    await chooseIn(office, selectIn(office, 'subtype'), '人大代表建议', { close: 'title' });
    await chooseIn(office, selectIn(office, 'role'), '主办', { close: 'title' });
    await fillDate(office, 'receivedOn', today);
    await office.getByTestId('field-contactName').locator('input').fill('周明华');
    await office.getByTestId('field-title').locator('input').fill(title);
    await chooseIn(office, selectIn(office, 'coOrgIds'), DISTRICT, { tree: true, typed: '南湖区卫生健康局', close: 'title' });
    await office.getByTestId('register-submit').click();
    await office.getByTestId('matter-no').waitFor();
    const card = office.getByTestId('co-handlers');
    await expect.poll(() => card.textContent()).toContain(DISTRICT);
    expect(await card.textContent()).toContain('尚未提出会办意见');
    expect(await card.getByTestId('co-opinion-form').count()).toBe(0);
    expect(await office.getByTestId('step-answer').getAttribute('data-allowed')).toBe('false');
    const url = office.url();

    // The district follows its to-do to the list of opinions it owes and opens the proposal.
    const district = await signedIn(browser, username, 'Nanhu2026co');
    const todo = district.getByTestId('todos').getByRole('link', { name: /会办意见待提出/ });
    await todo.click();
    await expect.poll(() => district.url()).toContain('coHandled=pending');
    await district.getByTestId('matter-table').getByText(title).waitFor();
    await district.getByTestId('matter-table').locator('a[data-testid^="matter-"]').first().click();
    await district.getByTestId('co-opinion-form').waitFor();
    await district.getByTestId('co-opinion-submit').click();
    await expect.poll(() => district.getByTestId('co-opinion-error').textContent()).toContain('请填写会办意见');
    const text = '南湖区同意主办单位意见，将把慢病随访纳入家庭医生签约服务考核。';
    await district.getByTestId('co-opinion-text').fill(text);
    await district.getByTestId('co-opinion-submit').click();
    await district.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(() => district.getByTestId('co-handler-opinion').first().textContent()).toBe(text);
    expect(await district.getByTestId('co-opinion-form').count()).toBe(0);
    expect(await district.getByTestId('matter-next-steps').textContent()).toContain('没有您可以办理的步骤');
    await screenshot(district, 'proposal-co-handler-opinion');

    // The lead reads the opinion and its author; the answer is no longer refused.
    await office.goto(url);
    await expect.poll(() => office.getByTestId('co-handler-opinion').first().textContent()).toBe(text);
    expect(await office.getByTestId('co-handlers').textContent()).toContain('南湖区建议提案专员提出');
    await expect.poll(() => office.getByTestId('step-answer').getAttribute('data-allowed')).toBe('true');
  }, 240_000);
});
