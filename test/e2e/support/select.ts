// Choosing options of Ant Design selects (and nodes of the organisation tree selects) in the browser tests. Under a loaded machine a
// click can land while the list is still opening, or the option list renders late; so
// each helper clicks, waits a bounded time for the option, checks that the select shows
// the choice, and tries again (up to three times) before failing with a clear message.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

const ATTEMPTS = 3;
const OPTION = '.ant-select-dropdown:visible .ant-select-item-option';
/** The nodes of an open tree select (the organisation pickers). */
const TREE_NODE = '.ant-select-dropdown:visible .ant-select-tree-title';

export interface ChooseOptions {
  /** Typed after opening (long lists render only what is in view; typing filters them). */
  typed?: string;
  /** How to close the list after choosing: click the dialog's (or drawer's) title, or leave
   * it. (Escape is not offered: when the list had already closed, it closed the dialog.) */
  close?: 'title' | 'none';
  /** Where the choice shows (default: the select itself). */
  shownIn?: Locator;
  /** What the select shows once chosen (default: the option). */
  shown?: string | RegExp;
  /** What to click to open the list (default: the select). A multiple select's search
   * input, clicked with force, opens it without touching a chosen tag's remove icon. */
  opener?: Locator;
  /** A tree select (the organisation pickers): its choices are tree nodes, not options. */
  tree?: boolean;
}

async function close(page: Page, how: ChooseOptions['close']): Promise<void> {
  if (how === 'title') await page.locator('.ant-modal-title:visible, .ant-drawer-title:visible').last().click();
}

/** Clicks the first visible option (or tree node) with this text; false when none appeared within 5 s. */
export async function clickOption(page: Page, option: string | RegExp, tree = false): Promise<boolean> {
  return page.locator(tree ? TREE_NODE : OPTION).filter({ hasText: option }).first().click({ timeout: 5000 }).then(() => true, () => false);
}

const shows = (where: Locator, option: string | RegExp) =>
  expect.poll(() => where.textContent(), { timeout: 3000 }).toMatch(option).then(() => true, () => false);

/** Opens `select` (a locator), chooses `option`, and waits until the select shows it. */
export async function chooseIn(page: Page, select: Locator, option: string | RegExp, opts: ChooseOptions = {}): Promise<void> {
  const where = opts.shownIn ?? select;
  const shown = opts.shown ?? option;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0 && await shows(where, shown)) return;
    // A list still open from a try that failed is used as it is: a click on the select
    // would close it again.
    const open = attempt > 0 && await page.locator('.ant-select-dropdown:visible').count() > 0;
    // The opener (when given) is tried for 5 s; a select that renders it late is clicked itself.
    const opened = open || (opts.opener ? await opts.opener.click({ force: true, timeout: 5000 }).then(() => true, () => false) : false);
    if (!opened) await select.click();
    if (opts.typed) {
      if (open) await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(opts.typed);
    }
    const clicked = await clickOption(page, option, opts.tree);
    await close(page, opts.close ?? 'none');
    if (clicked && await shows(where, shown)) return;
  }
  if (await shows(where, shown)) return;
  throw new Error(`“${String(option)}” could not be chosen`);
}

/** The same, for a select found by its test id. */
export async function choose(page: Page, testId: string, option: string | RegExp, opts: ChooseOptions = {}): Promise<void> {
  await chooseIn(page, page.getByTestId(testId), option, opts);
}
