// The case list as the legal division and the leader use it: the legal division imports
// a commission's historical penalty cases from its spreadsheet (a refused file first), the
// imported cases show in the list marked as history, the list exports to Excel with its
// filters, and the leader's views show the filing queue and open major cases.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { csv, readXlsx, sheetRows } from '../../src/modules/datasets/testFiles';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const COLUMNS = ['case_no', 'org_code', 'entity_uscc', 'party_name', 'procedure', 'opened_on', 'decided_on', 'closed_on', 'fine_yuan',
  'confiscation_yuan', 'sanctions', 'major', 'legal_review_submitted_on', 'legal_review_completed_on', 'published_on', 'paid_on',
  'paid_yuan', 'transferred_on', 'provisions'];

const run = Date.now() % 1_000_000;
const rows = [
  [`LS-${run}-1`, 'NH-JDS', '', `历史导入测试${run}诊所`, 'general', '2024-03-01', '2024-04-10', '2024-05-10', '50000', '', 'fine', 'Y',
    '2024-04-01', '2024-04-05', '2024-04-15', '2024-04-30', '50000', '', 'BHPL-99'],
  [`LS-${run}-2`, 'NH-JDS', '', `历史导入测试${run}宾馆`, 'simple', '2024-06-03', '2024-06-03', '2024-06-03', '200', '', 'warning;fine', 'N',
    '', '', '', '2024-06-03', '200', '', 'PP-36'],
];

describe('historical penalty cases and the case list', () => {
  it('the legal division imports history (a bad file refused first), finds it in the list and exports the list to Excel', async () => {
    const page = await signedIn(browser, 'legal');
    await page.goto('/cases');
    await page.getByTestId('case-import').click();
    await page.waitForURL(/\/imports\?dataset=penalty_cases/);
    await expect(page.locator('.ant-upload-text').textContent()).resolves.toContain('历史行政处罚案件');

    const bad = rows.map((r) => [...r]);
    bad[1][4] = 'simple';
    bad[1][8] = '5000'; // above the simple-procedure limit of art. 51
    await page.getByTestId('import-file').setInputFiles({ name: '历史案件-有错.csv', mimeType: 'text/csv', buffer: csv([COLUMNS, ...bad], { bom: true }) });
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toContain('简易程序对法人或者其他组织的罚款不得超过3000元');
    await screenshot(page, 'cases-import-rejected');

    await page.getByRole('button', { name: '清除结果' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: '历史案件.csv', mimeType: 'text/csv', buffer: csv([COLUMNS, ...rows], { bom: true }) });
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('导入成功');

    await page.goto(`/cases?q=${encodeURIComponent(`LS-${run}`)}`);
    const table = page.locator('.ant-table-tbody');
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(2);
    await expect(table.textContent()).resolves.toContain('历史导入');
    await expect(table.textContent()).resolves.toContain('重大');
    await screenshot(page, 'cases-list-imported');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('case-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^行政处罚案件-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = sheetRows((await readXlsx(fs.readFileSync(await download.path()))).worksheets[0]);
    const header = sheet[0] as string[];
    expect(header.slice(0, COLUMNS.length)).toEqual(COLUMNS);
    expect(sheet.slice(1).map((r) => r[header.indexOf('case_no')]).sort()).toEqual([`LS-${run}-1`, `LS-${run}-2`]);
    await page.context().close();
  });

  it('the leader switches to the filing queue and to open major cases', async () => {
    const inspector = await signedIn(browser, 'inspector1');
    await inspector.goto('/cases');
    await inspector.getByTestId('case-new').click();
    await inspector.getByTestId('lead-cause').fill('队列测试：未取得许可擅自执业');
    await inspector.getByTestId('lead-party').fill(`队列测试${run}诊所`);
    await inspector.getByTestId('lead-address').fill('嘉兴市南湖区南湖路1号');
    await inspector.getByTestId('lead-save').click();
    await inspector.waitForURL(/\/cases\/\d+$/);
    const caseId = Number(new URL(inspector.url()).pathname.split('/').pop());
    await inspector.context().close();

    const leader = await signedIn(browser, 'leader');
    await leader.goto('/cases');
    await leader.getByTestId('case-views').getByText('待立案审批', { exact: true }).click();
    await leader.waitForURL(/queue=filing/);
    const table = leader.locator('.ant-table-tbody');
    // Until the queue's page arrives the list still shows every case (kept while loading).
    const otherStates = async () => (await table.locator('tr.ant-table-row .ant-tag').allTextContents()).filter((s) => s !== '线索登记' && s !== '重大');
    await expect.poll(otherStates).toEqual([]);
    await expect.poll(() => table.textContent()).toContain(`队列测试${run}诊所`);
    await screenshot(leader, 'cases-queue-filing');

    await leader.getByTestId('case-views').getByText('办理中的重大案件', { exact: true }).click();
    await leader.waitForURL(/majorOpen=true/);
    await expect.poll(() => table.textContent()).not.toContain(`队列测试${run}诊所`);
    await screenshot(leader, 'cases-major-open');

    // The lead is declined, so the leader's queue is empty again for the journeys after this one.
    const version = (await (await leader.request.get(`/api/cases/${caseId}`)).json() as { version: number }).version;
    const declined = await leader.request.post(`/api/cases/${caseId}/steps/decline`, { data: { version, input: { reason: '测试线索，不予立案' } } });
    expect(declined.status()).toBe(200);
    await leader.context().close();
  });
});
