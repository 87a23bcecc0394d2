// The public portal of random inspections (双随机、一公开) as a member of the public uses
// it: the legal division makes a plan and announces its draw (through the API, as the
// plan screens would); without logging in, a visitor finds the plan, sees the
// commitment while the seed is still secret, then, after the draw and a re-draw with a
// reason, sees both attempts (the first marked superseded), re-runs the draw in the
// browser and gets 验证通过, checks one ordering key by hand as the page explains,
// downloads the record, and finds that a record altered by one inspector fails.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';
import { addDays } from '../../src/core/calendar/dates';
import type { DrawAnnouncement, DrawRecord } from '../../src/core/draw/draw';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const run = Date.now() % 1_000_000;
const TITLE = `浏览器测试${run}公共场所双随机抽查`;

/** Calls the API as the signed-in user of `page` (its cookies); the JSON answer. */
async function apiAs<T>(page: Page, method: 'GET' | 'POST', url: string, data: unknown = {}): Promise<T> {
  const res = method === 'GET' ? await page.request.get(url) : await page.request.post(url, { data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
  return res.json() as Promise<T>;
}

describe('random-inspection portal', () => {
  let legal: Page;
  let visitor: Page;
  let planId: number;
  let planNo: string;

  beforeAll(async () => {
    legal = await signedIn(browser, 'legal');
    visitor = await newPage(browser);
  });
  afterAll(async () => {
    await legal?.context().close();
    await visitor?.context().close();
  });

  it('shows an announced plan with its commitment while the seed is secret', async () => {
    const today = (await apiAs<{ today: string }>(legal, 'GET', '/api/calendar/today')).today;
    const orgs = await apiAs<Array<{ id: number; code: string }>>(legal, 'GET', '/api/orgs');
    const nh = orgs.find((o) => o.code === 'NH-JDS')!;
    const created = await apiAs<{ id: number; planNo: string }>(legal, 'POST', '/api/inspections/plans', {
      title: TITLE, source: 'municipal', year: Number(today.slice(0, 4)), orgId: nh.id, dueOn: addDays(today, 60),
      categories: ['public_place'], baseRatio: 0.05, strata: 'risk_credit', joint: true, jointDepartments: '市场监督管理局',
    });
    planId = created.id;
    planNo = created.planNo;
    const announced = await apiAs<{ commitment: string }>(legal, 'POST', `/api/inspections/plans/${planId}/announce`);

    // The list, searched by the plan's title, without logging in.
    await visitor.goto('/portal/random-plans');
    await visitor.getByTestId('portal-search').locator('input').fill(TITLE);
    await visitor.getByTestId('portal-search').locator('input').press('Enter');
    const card = visitor.getByTestId(`portal-plan-${planNo}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('已公告，待抽取');
    await expect.poll(() => visitor.locator('[data-testid^="portal-plan-link-"]').count()).toBe(1);

    // The plan's page: attempt 1, announced, its commitment; no verification yet.
    await visitor.getByTestId(`portal-plan-link-${planNo}`).click();
    await visitor.waitForURL(new RegExp(`/portal/random-plans/${planNo}$`));
    await expect.poll(() => visitor.getByTestId('draw-1').textContent()).toContain(announced.commitment);
    await expect(visitor.getByTestId('draw-1').textContent()).resolves.toContain('基础抽查比例5%');
    await expect(visitor.getByTestId('draw-1-verify').count()).resolves.toBe(0);
    await screenshot(visitor, 'portal-draw-announced');

    // The verification page says the seed is not yet revealed and shows the commitment only.
    await visitor.goto(`/portal/random-plans/${planNo}/draws/1/verify`);
    await visitor.getByTestId('verify-not-drawn').waitFor();
    await expect(visitor.getByTestId('verify-announcement-commitment').textContent()).resolves.toContain(announced.commitment);
    await expect(visitor.getByTestId('verify-seed').count()).resolves.toBe(0);
  });

  it('after a draw and a re-draw, keeps both attempts and verifies the live one in the browser', async () => {
    await apiAs(legal, 'POST', `/api/inspections/plans/${planId}/draw`);
    await apiAs(legal, 'POST', `/api/inspections/plans/${planId}/redraw`, { reason: '候选名单遗漏新登记的游泳场所' });
    await apiAs(legal, 'POST', `/api/inspections/plans/${planId}/draw`);
    const { record } = await (await visitor.request.get(`/api/public/random-plans/${planNo}/draws/2`)).json() as { announcement: DrawAnnouncement; record: DrawRecord };

    await visitor.goto(`/portal/random-plans/${planNo}`);
    await visitor.getByTestId('draw-2').waitFor();
    await expect(visitor.getByTestId('draw-1-superseded').textContent()).resolves.toBe('已作废（重新抽取）');
    await expect(visitor.getByTestId('draw-2').textContent()).resolves.toContain('候选名单遗漏新登记的游泳场所');
    await expect(visitor.getByTestId('portal-results').textContent()).resolves.toContain('暂无已公示的抽查结果');
    await screenshot(visitor, 'portal-plan-detail');

    await visitor.getByTestId('draw-2-verify').click();
    await visitor.waitForURL(new RegExp(`/draws/2/verify$`));
    const result = visitor.getByTestId('verify-result');
    await result.waitFor();
    await expect(result.getAttribute('data-ok')).resolves.toBe('true');
    await expect(result.textContent()).resolves.toContain('验证通过');
    for (const step of ['commitment', 'announcement', 'candidates', 'inspectors', 'recusals', 'result']) {
      await expect(visitor.getByTestId(`verify-step-${step}`).getAttribute('data-ok'), step).resolves.toBe('true');
    }
    await expect(visitor.getByTestId('verify-seed').textContent()).resolves.toContain(record.seed);
    const rows = visitor.locator('[data-testid="verify-entities"] .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(20, record.result.entities.length));
    const first = record.result.entities[0];
    await expect(rows.first().textContent()).resolves.toContain(first.key);
    await expect(rows.first().textContent()).resolves.toContain(first.inspectors.join('、'));

    // 自行验证: the command the page shows computes the first key, as md5sum would.
    const command = await visitor.getByTestId('verify-md5-command').textContent();
    expect(command).toContain(`printf '%s' "${record.seed}:${first.uscc}" | md5sum`);
    expect(crypto.createHash('md5').update(`${record.seed}:${first.uscc}`).digest('hex')).toBe(first.key);
    expect(command).toContain(first.key);
    // Under hrl-draw/2, the first sampling step of the first stratum that draws any, as md5sum computes it.
    expect(record.algorithm).toBe('hrl-draw/2');
    const stratum = record.result.strata.find((s) => s.quota > 0)!;
    const j = stratum.pool - stratum.quota;
    const hex = crypto.createHash('md5').update(`${record.seed}:${stratum.stratum}:${j}`).digest('hex');
    const floyd = await visitor.getByTestId('verify-floyd-command').textContent();
    expect(floyd).toContain(`printf '%s' "${record.seed}:${stratum.stratum}:${j}" | md5sum`);
    expect(floyd).toContain(hex);
    const ordinal = parseInt(hex.slice(0, 12), 16) % (j + 1);
    expect(await visitor.getByTestId('verify-floyd-result').textContent()).toContain(`余 ${ordinal}`);
    await screenshot(visitor, 'portal-draw-verify');

    // The superseded first attempt still verifies, and says it was superseded.
    await visitor.goto(`/portal/random-plans/${planNo}/draws/1/verify`);
    await expect.poll(() => visitor.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    await visitor.getByTestId('verify-superseded').waitFor();
  });

  it('downloads the record, and a record altered afterwards fails verification', async () => {
    await visitor.goto(`/portal/random-plans/${planNo}/draws/2/verify`);
    await visitor.getByTestId('verify-result').waitFor();
    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByTestId('verify-download').click()]);
    const file = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of file) chunks.push(c as Buffer);
    const downloaded = JSON.parse(Buffer.concat(chunks).toString('utf8')) as DrawRecord;
    const published = await (await visitor.request.get(`/api/public/random-plans/${planNo}/draws/2`)).json() as { record: DrawRecord };
    expect(downloaded).toEqual(published.record);

    // Pasted unchanged on /portal/draw-verify, it verifies.
    await visitor.goto('/portal/draw-verify');
    await visitor.getByTestId('verify-paste').fill(JSON.stringify(downloaded));
    await visitor.getByTestId('verify-paste-submit').click();
    await expect.poll(() => visitor.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');

    // Opened as a file with one inspector swapped, it fails, naming the entity.
    const tampered = structuredClone(downloaded);
    tampered.result.entities[0].inspectors = [...tampered.result.entities[0].inspectors.slice(0, -1), 'XX-999'];
    await visitor.getByTestId('verify-reset').click();
    await visitor.getByTestId('verify-file').locator('input[type=file]').setInputFiles({
      name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)),
    });
    const result = visitor.getByTestId('verify-result');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('false');
    await expect(result.textContent()).resolves.toContain('验证未通过');
    await expect(visitor.getByTestId('verify-problems').textContent()).resolves.toContain(`第1个抽中对象不一致：记录为${tampered.result.entities[0].uscc}`);
    await expect(visitor.getByTestId('verify-step-result').getAttribute('data-ok')).resolves.toBe('false');
    await expect(visitor.getByTestId('verify-step-commitment').getAttribute('data-ok')).resolves.toBe('true');
    await screenshot(visitor, 'portal-draw-verify-tampered');

    // Something that is not a record is refused with a message.
    await visitor.getByTestId('verify-reset').click();
    await visitor.getByTestId('verify-paste').fill('{"hello": 1}');
    await visitor.getByTestId('verify-paste-submit').click();
    await expect.poll(() => visitor.getByTestId('verify-file-error').textContent()).toContain('文件不是完整的抽取记录');
  });

  it('answers an unknown plan with the server’s message', async () => {
    await visitor.goto('/portal/random-plans/NO-SUCH-PLAN');
    await visitor.getByTestId('portal-plan-missing').waitFor();
  });
});
