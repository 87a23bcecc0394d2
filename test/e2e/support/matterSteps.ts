// Submitting a matter's step form (src/web/pages/matters/parts.tsx FieldsModal) in the
// browser tests. An irreversible step asks "提交后不能撤回" in a confirmation that opens only
// once the form has validated, which on a loaded two-core machine can take seconds; a
// fixed wait for it (2 s here before) let the step go unconfirmed and the matter stay in
// its state. So the confirmation is accepted whenever it shows, and the step counts as
// taken when the form has closed and the matter shows the expected state (which, for a
// step that keeps the state, such as asking for an extension, is not enough alone).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function submitStepForm(page: Page, state: string): Promise<void> {
  const submit = page.getByTestId('step-form-submit');
  const confirm = page.locator('.ant-modal-confirm .ant-btn-primary');
  await submit.click();
  await expect.poll(async () => {
    if (await confirm.isVisible()) await confirm.click({ timeout: 2000 }).catch(() => {});
    if (await submit.isVisible()) return `the step form is still open (${(await page.getByTestId('step-form-error').allTextContents()).join(' ') || 'no error shown'})`;
    return page.getByTestId('matter-state').getAttribute('data-state');
  }).toBe(state);
}
