// An inspection visit recorded on a phone (390 × 844): the legal division imports a plan
// with an open task on a public place of 南湖区 (an imported task has no drawn team: the
// institute's inspectors carry it out); inspector1 opens 我的检查任务 from the menu, opens
// the task's form, marks one check item 不合格 with a note, writes the finding, adds a
// photo, has the party sign on the canvas (a mouse drag), confirms and submits, sees the
// saved visit with the photo's SM3, and opens 转为案件线索, landing on the new case with
// the photo and the signature in its evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';
import { declineLead } from './support/cases';
import { fillFailedVisit, phone, png, sm3Of } from './support/visit';
import { csv } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const PLAN = `E2E-V${run}-P`;
const TASK = `${PLAN}-T1`;

async function importFile(page: Page, dataset: string, rows: unknown[][]): Promise<void> {
  await page.goto(`/imports?dataset=${dataset}`);
  await page.getByTestId('import-file').setInputFiles({ name: `${dataset}.csv`, mimeType: 'text/csv', buffer: csv(rows, { bom: true }) });
  await page.getByTestId('import-result').waitFor();
  await expect(page.getByTestId('import-result').textContent()).resolves.toContain('导入成功');
}

describe('an inspection visit on a phone', () => {
  it('records a task’s visit with a failed item, a photo and the party’s signature, then opens the case lead', async () => {
    // A public place of 南湖区 that no other journey uses (public places have check items with penalty provisions).
    const legal = await signedIn(browser, 'legal');
    const entities = (await (await legal.request.get('/api/entities?category=public_place&pageSize=100')).json() as { rows: { id: number; uscc: string; name: string; orgName: string }[] }).rows
      .filter((e) => e.orgName.includes('南湖'));
    const entity = entities[entities.length - 1];
    await importFile(legal, 'random_plans', [['plan_no', 'org_code', 'source', 'year', 'credit_applied', 'title'],
      [PLAN, 'NH-JDS', 'local', 2026, 'N', `浏览器测试${run}现场检查计划`]]);
    await importFile(legal, 'random_tasks', [['task_no', 'plan_no', 'entity_uscc', 'due_on', 'completed_on', 'joint', 'published_on'],
      [TASK, PLAN, entity.uscc, '2099-12-31', '', 'N', '']]);
    await legal.context().close();

    const page = await phone(browser, 'inspector1');
    // 我的检查任务 from the menu (folded away on a phone: the header's menu button opens it): the task as a card.
    await page.getByTestId('menu-toggle').click();
    await page.getByRole('menuitem', { name: '我的检查任务' }).click();
    await page.waitForURL(/\/inspections\/my-tasks/);
    await page.getByTestId('my-task-search').locator('input').fill(entity.name);
    await page.getByTestId('my-task-search').locator('input').press('Enter');
    const card = page.getByTestId(`my-task-${TASK}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(entity.name);
    await screenshot(page, 'visit-my-tasks-phone');
    await card.getByTestId('my-task-record').click();
    await page.waitForURL(/\/inspections\/record\?taskId=\d+/);
    await expect.poll(() => page.getByTestId('visit-entity').textContent()).toBe(entity.name);

    // Nothing is wider than the phone: one column. (A phone zooms out to show a wider page,
    // and innerWidth grows with it: the screen's width is the layout viewport's, clientWidth.)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - Math.min(window.innerWidth, document.documentElement.clientWidth));
    expect(overflow).toBeLessThanOrEqual(0);

    // The imported task has no drawn team: inspector1 is chosen, a colleague is added (at least two, art. 42).
    await choose(page, 'visit-inspectors', '俞静', { typed: '俞静', opener: page.getByTestId('visit-inspectors').locator('input') });
    // Esc closes the list (it may open upwards, over the card's title: a click there could hit an option).
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('visit-inspectors').textContent()).toContain('俞静');

    // The first item fails with a note (the result turns 不合格), the others pass; the finding,
    // a photo from the camera (queued until the record is saved), the party's signature.
    const photo = png(120, 90);
    await fillFailedVisit(page, {
      note: '两名从业人员健康合格证明已过期', findings: '现场检查发现两名从业人员健康合格证明已过期，仍在直接为顾客服务。', signatory: '王店长', photo,
    });
    await screenshot(page, 'visit-form-phone');

    // Submit, confirm: the record becomes evidence.
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-confirm').click();
    // Saving uploads the photo and the signature: on a busy machine this takes a while.
    await page.waitForURL(/\/inspections\/visits\/\d+\/record$/, { timeout: 40_000 });
    const visitId = Number(/visits\/(\d+)\/record/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('visit-result').textContent()).toBe('不合格');
    await expect(page.getByTestId('visit-no').textContent()).resolves.toMatch(/^NH-JDS检〔\d{4}〕\d+号$/);
    await expect(page.getByTestId('visit-findings').textContent()).resolves.toContain('健康合格证明已过期');
    await page.getByTestId('visit-signature').waitFor();
    await expect.poll(() => page.getByTestId('visit-photo').count()).toBe(1);
    await expect(page.getByTestId('visit-photo').textContent()).resolves.toContain(`SM3 ${sm3Of(photo).slice(0, 8)}`);
    await expect(page.getByTestId('record-intact').textContent()).resolves.toContain('一致');
    await screenshot(page, 'visit-record-phone');

    // The signature as stored is the PNG drawn; the task is done.
    const record = await (await page.request.get(`/api/inspections/visits/${visitId}/record`)).json() as { signature: { id: number; sm3: string } };
    const sig = await page.request.get(`/api/inspections/visits/${visitId}/files/${record.signature.id}`);
    const sigBytes = await sig.body();
    expect(sigBytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(sm3Of(sigBytes)).toBe(record.signature.sm3);
    const open = await (await page.request.get(`/api/inspections/my-tasks?q=${encodeURIComponent(entity.name)}`)).json() as { rows: { taskNo: string }[] };
    expect(open.rows.map((r) => r.taskNo)).not.toContain(TASK);

    // 转为案件线索: confirmed, it lands on the new case, the photo and signature among its evidence.
    await page.getByTestId('case-lead').click();
    await page.getByTestId('case-lead-confirm').click();
    // Copying the files into the case's evidence re-hashes them: slow on a loaded machine.
    await page.waitForURL(/\/cases\/\d+$/, { timeout: 40_000 });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('线索登记');
    const caseId = Number(/cases\/(\d+)$/.exec(page.url())![1]);
    const evidence = await (await page.request.get(`/api/cases/${caseId}/evidence`)).json() as { items: { sm3: string }[] };
    expect(evidence.items.map((e) => e.sm3).sort()).toEqual([sm3Of(photo), record.signature.sm3].sort());
    await expect.poll(() => page.getByTestId('evidence').locator('tr[data-testid^="evidence-row-"]').count()).toBe(2);
    await screenshot(page, 'visit-case-lead-phone');
    await page.context().close();

    await declineLead(browser, caseId);
  });
});
