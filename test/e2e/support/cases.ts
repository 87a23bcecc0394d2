// Steps of a penalty case in the browser that several journeys need (the same as those in
// cases.e2e.ts, which may move here): register a lead, take a step, pick select options.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, signedIn } from './browser';
import { choose, chooseIn } from './select';

/** Registers a lead from the case list as the signed-in inspector; returns the case page's URL. */
export async function registerLead(page: Page, party: string, cause: string): Promise<string> {
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
export async function takeStep(page: Page, step: string, state: string, fill: (p: Page) => Promise<void> = async () => {}) {
  const submit = page.getByTestId('step-submit');
  // The step's form opens on the click; a click that lands while the page re-renders is
  // lost (seen under a loaded CI run, the form never opening): tried again, up to four times.
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.getByTestId(`step-${step}`).click();
    if (await submit.waitFor({ state: 'visible', timeout: 8_000 }).then(() => true, () => false)) break;
  }
  await submit.waitFor({ state: 'visible', timeout: 5_000 });
  await fill(page);
  await submit.click();
  // A click that only closed a date picker's open panel leaves the form open and idle
  // (seen under a loaded CI run): submit once more then. A form still busy saving, or
  // closed, is left alone.
  await page.waitForTimeout(1500);
  if (await page.getByTestId('case-state').textContent() !== state && await submit.isVisible()
    && !(await submit.getAttribute('class'))?.includes('ant-btn-loading')) {
    await submit.click().catch(() => {});
  }
  try {
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe(state);
  } catch (err) {
    // Say what the form says (a refusal, a field error) instead of only "timed out".
    const shown = await page.locator('.ant-modal-content').allTextContents().catch(() => [] as string[]);
    await screenshot(page, `failed-step-${step}`).catch(() => {});
    throw new Error(`${step}: the case did not reach “${state}”; the form shows: ${shown.join(' | ') || '(closed)'}`, { cause: err });
  }
}

/** Chooses options of a select in a dialog by typing each (long lists render only what is in view). */
export async function pick(page: Page, testId: string, options: string[]) {
  const select = page.getByTestId(testId);
  for (const o of options) await chooseIn(page, select, o, { typed: o, opener: select.locator('input') });
  await page.locator('.ant-modal-title').last().click(); // closes the dropdown (Escape would close the form)
}

export { choose };

/** Files a registered lead as the leader, with the two inspectors of the district 1 institute. */
export async function fileWithInspectors(leader: Page, caseUrl: string) {
  await leader.goto(caseUrl);
  await takeStep(leader, 'file', '已立案，调查取证', async (p) => pick(p, 'step-inspectors', ['徐涛', '俞静']));
}

/** The leader declines a lead a journey made, so the leader's queue is empty again for the journeys after it (login.e2e.ts). */
export async function declineLead(browser: Browser, caseId: number): Promise<void> {
  const leader = await signedIn(browser, 'leader');
  const version = (await (await leader.request.get(`/api/cases/${caseId}`)).json() as { version: number }).version;
  const declined = await leader.request.post(`/api/cases/${caseId}/steps/decline`, { data: { version, input: { reason: '测试线索，不予立案' } } });
  expect(declined.status()).toBe(200);
  await leader.context().close();
}
