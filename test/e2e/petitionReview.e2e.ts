// A petition's review by the higher body, through the browser: the Nanhu district bureau
// answered a petition and the petitioner asked for a review; the bureau's petition
// handler sees that it waits for the city commission and has no button to answer it;
// the city office finds "复查申请待办理" on its home page, opens the petition from the
// to-do's list and answers the review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const PASSWORD = 'District2026';

/** Calls the API as the signed-in user of `page`; the JSON answer. */
async function apiAs<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const res = method === 'GET' ? await page.request.get(url) : await page.request.post(url, { data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
  return res.json() as Promise<T>;
}

async function stepBy(page: Page, id: number, step: string, input: Record<string, unknown> = {}): Promise<void> {
  const { version } = await apiAs<{ version: number }>(page, 'GET', `/api/matters/petition/${id}`);
  await apiAs(page, 'POST', `/api/matters/petition/${id}/steps/${step}`, { version, input });
}

describe('a petition’s review', () => {
  it('waits for the body one level up, which finds it on its to-do list and answers it', async () => {
    // The district's petition handler and the bureau's head (the responsible leader), created by the administrator.
    const admin = await signedIn(browser, 'admin');
    const orgs = await apiAs<{ id: number; code: string }[]>(admin, 'GET', '/api/orgs');
    const nh = orgs.find((o) => o.code === 'NH-WJJ')!.id;
    const user = (username: string, displayName: string, roles: string[]) => apiAs<{ id: number }>(admin, 'POST', '/api/users', {
      username, displayName, orgId: nh, roles, scopeMode: 'own_subtree', scopeOrgIds: [], password: PASSWORD, active: true,
    });
    await user(`nhxf${run}`, '南湖区信访员', ['office']);
    const head = await user(`nhhead${run}`, '南湖区局长', ['leader']);
    await admin.context().close();

    // The bureau registers, accepts and answers the petition; the petitioner asks for a review.
    const district = await signedIn(browser, `nhxf${run}`, PASSWORD);
    const title = `浏览器测试${run}：反映区局答复不当`;
    const { id } = await apiAs<{ id: number }>(district, 'POST', '/api/matters/petition', {
      orgId: nh, fields: { channel: 'visit', contactName: '复查人', title, summary: '请求复查测试', leaderId: head.id },
    });
    await stepBy(district, id, 'accept');
    await stepBy(district, id, 'answer', { reply: '经调查核实，提出处理意见如下：……' });
    await stepBy(district, id, 'request_review', { note: '不服处理意见，请求复查' });

    // The bureau sees whom it waits for, and no button to answer its own review.
    await district.goto(`/matters/petition/${id}`);
    await district.getByTestId('matter-review-waiting').waitFor();
    expect(await district.getByTestId('matter-review-waiting').textContent()).toContain('待上级机关（嘉兴市卫生健康委员会）复查');
    expect(await district.getByTestId('matter-review-body').textContent()).toBe('嘉兴市卫生健康委员会');
    expect(await district.getByTestId('step-answer_review').count()).toBe(0);
    await screenshot(district, 'petition-review-waiting');
    await district.context().close();

    // The city office: the to-do, the list of reviews it answers, the petition, the answer.
    const office = await signedIn(browser, 'office');
    await expect.poll(() => office.getByTestId('todos').textContent()).toContain('复查申请待办理');
    await office.locator('a[href="/matters/petition?awaiting=review"]').first().click();
    await office.getByTestId('matter-table').getByText(title).waitFor();
    await office.getByTestId(`matter-${id}`).click();
    await office.getByTestId('step-answer_review').click();
    await office.getByTestId('step-form-submit').waitFor();
    await office.getByTestId('field-reply').locator('textarea').fill('经复查，原处理意见事实清楚、依据正确，予以维持。');
    await office.getByTestId('step-form-submit').click();
    await expect.poll(() => office.getByTestId('matter-state').getAttribute('data-state')).toBe('reviewed');
    await expect.poll(() => office.getByTestId('matter-review').textContent()).toContain('经复查，原处理意见事实清楚、依据正确，予以维持。');
    await screenshot(office, 'petition-review-answered');
  });
});
