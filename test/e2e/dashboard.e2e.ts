// The leader's dashboard through the browser (issue 7): the charts render (ECharts draws
// a canvas), a key figure shows what GET /api/metrics answers for the same metric, period
// and organisation, a figure opens the list of the records behind it with the list's own
// filters set (and as many records as the figure counts), and the table under the
// by-organisation chart drills down from the city to a district and back up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot, signedIn } from './support/browser';
import { choose } from './support/select';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const CITY = { code: 'JX-WJW', name: '嘉兴市卫生健康委员会' };
const DISTRICT = { code: 'NH-WJJ', name: '嘉兴市南湖区卫生健康局' };
const COUNT = 'licensing.applications.total';
const RATE = 'licensing.online_rate';
const VISITS = 'inspection.visits.total';

interface Metric { id: string; value: number | null }

async function metrics(page: Page, from: string, to: string, org: string): Promise<Map<string, number | null>> {
  const res = await page.request.get(`/api/metrics?from=${from}&to=${to}&org=${org}&ids=${COUNT},${RATE},${VISITS}`);
  expect(res.status()).toBe(200);
  return new Map(((await res.json()) as { metrics: Metric[] }).metrics.map((m) => [m.id, m.value]));
}

/** The period and organisation the page says it shows (its subtitle). */
async function shown(page: Page, orgName: string): Promise<{ from: string; to: string }> {
  const pattern = new RegExp(`${orgName}（含下级机构）(\\d{4}-\\d{2}-\\d{2}) 至 (\\d{4}-\\d{2}-\\d{2})`);
  await expect.poll(() => page.getByTestId('dashboard').textContent()).toMatch(pattern);
  const m = pattern.exec((await page.getByTestId('dashboard').textContent())!)!;
  return { from: m[1]!, to: m[2]! };
}

const cardValue = async (page: Page, id: string) => (await page.getByTestId(`dashboard-figure-${id}`).locator('.ant-statistic-content-value').textContent())!.trim();
const count = (text: string) => Number(text.replace(/[^\d]/g, ''));
const percent = (v: number) => `${(v * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;

describe('the leader’s dashboard', () => {
  it('draws its charts, shows the metrics’ figures, opens the records behind a figure and drills down to a district', async () => {
    const page = await signedIn(browser, 'leader');
    // The charts are drawn at once (no growing animation) for those who ask for less motion: the screenshots show them whole.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/dashboard');
    const period = await shown(page, CITY.name);
    expect(period.from).toMatch(/-01-01$/);
    // ECharts draws into a canvas inside each chart's container.
    await page.getByTestId('dashboard-trends').locator('.echarts-for-react canvas').first().waitFor();
    await page.getByTestId('dashboard-byorg').locator('.echarts-for-react canvas').first().waitFor();
    const box = await page.getByTestId('dashboard-trends').locator('.echarts-for-react canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(200);
    await screenshot(page, 'dashboard');

    // The key figures are those of GET /api/metrics for the same period and organisation.
    const city = await metrics(page, period.from, period.to, CITY.code);
    const total = city.get(COUNT)!;
    expect(total).toBeGreaterThan(0);
    await expect.poll(() => cardValue(page, COUNT)).toBe(total.toLocaleString('zh-CN'));
    await expect.poll(() => cardValue(page, RATE)).toBe(percent(city.get(RATE)!));

    // The by-organisation table (the chart's figures) holds the district's figure, for the figure chosen above it.
    const districtRow = page.getByTestId('dashboard-byorg-table').locator('tr', { has: page.getByTestId(`dashboard-byorg-drill-${DISTRICT.code}`) });
    const district = await metrics(page, period.from, period.to, DISTRICT.code);
    await expect.poll(async () => count((await districtRow.locator('td').last().textContent())!)).toBe(district.get(COUNT));
    await choose(page, 'dashboard-byorg-metric', '监督检查户次');
    await expect.poll(() => page.getByTestId('dashboard-byorg-table').locator('th').last().textContent()).toBe('监督检查户次');
    await expect.poll(async () => count((await districtRow.locator('td').last().textContent())!)).toBe(district.get(VISITS));

    // A figure opens the list of its records: the list's filters show the period and the organisation.
    await page.getByTestId(`dashboard-figure-${COUNT}`).click();
    await page.waitForURL(/\/licensing\/applications\?/);
    await expect.poll(() => new URL(page.url()).searchParams.get('concludedFrom')).toBe(period.from);
    const params = new URL(page.url()).searchParams;
    expect(params.get('concludedTo')).toBe(period.to);
    expect(params.get('orgId')).toMatch(/^\d+$/);
    expect(params.has('org')).toBe(false);
    // (The range picker puts its test id on its inputs, or on its box: either way, its two inputs.)
    const range = page.getByTestId('filter-concluded');
    await range.first().waitFor();
    const dates = (await range.first().evaluate((e) => e.tagName)) === 'INPUT' ? range : range.locator('input');
    await expect.poll(() => dates.nth(0).inputValue()).toBe(period.from);
    await expect.poll(() => dates.nth(1).inputValue()).toBe(period.to);
    await expect.poll(() => page.getByTestId('filter-org').textContent()).toContain(CITY.name);
    await expect.poll(async () => count((await page.getByTestId('list-total').textContent()) ?? '')).toBe(total);
    await screenshot(page, 'dashboard-records');

    // Drill down from the city to the district through the table, then back up by the breadcrumb.
    await page.goBack();
    await page.getByTestId(`dashboard-byorg-drill-${DISTRICT.code}`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('org')).toBe(DISTRICT.code);
    await shown(page, DISTRICT.name);
    await expect.poll(() => page.getByTestId('dashboard-trail').textContent()).toContain(CITY.name);
    await expect(page.getByTestId('dashboard-trail').textContent()).resolves.toContain(DISTRICT.name);
    await expect.poll(() => cardValue(page, COUNT)).toBe((district.get(COUNT) ?? 0).toLocaleString('zh-CN'));
    await expect.poll(() => cardValue(page, VISITS)).toBe((district.get(VISITS) ?? 0).toLocaleString('zh-CN'));
    const rate = district.get(RATE);
    await expect.poll(() => cardValue(page, RATE)).toBe(rate === null || rate === undefined ? '—' : percent(rate));
    // The district's own children (its supervision institute) are listed in turn.
    await expect.poll(() => page.getByTestId('dashboard-byorg-table').textContent()).toContain('南湖区卫生监督所');
    await screenshot(page, 'dashboard-district');
    await page.getByTestId(`dashboard-trail-${CITY.code}`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('org')).not.toBe(DISTRICT.code);
    await shown(page, CITY.name);
    await expect.poll(() => cardValue(page, COUNT)).toBe(total.toLocaleString('zh-CN'));
    await page.context().close();
  });
});
