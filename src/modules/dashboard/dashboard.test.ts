import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { KEY_FIGURES, MONTHLY_SERIES, sameDayLastYear } from './service';
import type { DashboardResponse } from './schema';
import { planTargetsWithValues } from '../workplans/targets';

let env: TestEnv;
const org: Record<string, number> = {};
const today = todayInChina();
const year = Number(today.slice(0, 4));
beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
});
afterAll(async () => { await env?.close(); });

type Metric = { id: string; value: number | null };
const metricsUrl = (q: Record<string, string>) => `/api/metrics?${new URLSearchParams(q).toString()}`;
const dashUrl = (q: Record<string, string | number>) => `/api/dashboard?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;

async function metrics(orgCode: string, from: string, to: string, ids: readonly string[]): Promise<Record<string, number | null>> {
  const c = await env.as('leader');
  const res = await c.get(metricsUrl({ from, to, org: orgCode, ids: ids.join(',') }));
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m.value]));
}

async function dashboardOf(orgCode: string, extra: Record<string, string | number> = {}): Promise<DashboardResponse> {
  const c = await env.as('leader');
  const started = performance.now();
  const res = await c.get(dashUrl({ year, org: orgCode, ...extra }));
  const ms = performance.now() - started;
  expect(res.statusCode, res.body).toBe(200);
  // The page's one round trip, timed on the demo data (reported; no assertion on time).
  console.log(`GET /api/dashboard org=${orgCode} year=${year}: ${ms.toFixed(0)} ms`);
  return res.json() as DashboardResponse;
}

describe('GET /api/dashboard', () => {
  it('gives the key figures for the year to date, equal to /api/metrics for the same period', async () => {
    const d = await dashboardOf('JX-WJW');
    expect(d).toMatchObject({ year, from: `${year}-01-01`, to: today, org: { code: 'JX-WJW' } });
    expect(d.figures.slice(0, KEY_FIGURES.length).map((f) => f.id)).toEqual([...KEY_FIGURES]);
    const expected = await metrics('JX-WJW', `${year}-01-01`, today, d.figures.map((f) => f.id));
    for (const f of d.figures) expect(f.value, f.id).toBe(expected[f.id]);
    // The demo data has records: the figures are not all zero.
    expect(d.figures.some((f) => (f.value ?? 0) > 0)).toBe(true);
  });

  it('shows the targets of the organisation’s published work plan, and none where it has none', async () => {
    const d = await dashboardOf('JX-WJW');
    const planned = await planTargetsWithValues(env.db, org['JX-WJW'], year);
    expect(planned.length).toBeGreaterThan(0);
    expect(d.targetsAvailable).toBe(true);
    const firstByMetric = new Map<string, (typeof planned)[number]>();
    for (const g of planned) if (!firstByMetric.has(g.metricId)) firstByMetric.set(g.metricId, g);
    // Every targeted metric is on the dashboard (after the key figures), with the plan's target and verdict.
    for (const [id, g] of firstByMetric) {
      const f = d.figures.find((x) => x.id === id);
      expect(f, id).toBeDefined();
      expect(f!.target).toEqual({ comparison: g.comparator, value: g.target, met: g.met });
      expect(f!.value).toBe(g.value);
    }
    expect(d.figures.filter((f) => f.target).length).toBe(firstByMetric.size);
    // A district without a published plan of its own: no targets, none invented.
    const nh = await dashboardOf('NH-WJJ');
    expect(await planTargetsWithValues(env.db, org['NH-WJJ'], year)).toEqual([]);
    expect(nh.targetsAvailable).toBe(false);
    expect(nh.figures.every((f) => f.target === undefined)).toBe(true);
    expect(nh.figures.map((f) => f.id)).toEqual([...KEY_FIGURES]);
  });

  it('compares with the same days of the previous year, equal to /api/metrics for the shifted period', async () => {
    const to = `${year}-03-15`;
    const d = await dashboardOf('NH-WJJ', { to });
    expect(d).toMatchObject({ from: `${year}-01-01`, to, previousFrom: `${year - 1}-01-01`, previousTo: `${year - 1}-03-15` });
    const expected = await metrics('NH-WJJ', `${year - 1}-01-01`, `${year - 1}-03-15`, d.figures.map((f) => f.id));
    for (const f of d.figures) expect(f.previous, f.id).toBe(expected[f.id]);
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
  });

  it('draws each monthly series as one figure per month, equal to /api/metrics for that month', async () => {
    const d = await dashboardOf('JX-WJW');
    const lastMonth = Number(today.slice(5, 7));
    expect(d.monthly.months).toHaveLength(lastMonth);
    expect(d.monthly.series.map((s) => s.id)).toEqual([...MONTHLY_SERIES]);
    const first = await metrics('JX-WJW', `${year}-01-01`, `${year}-01-31`, MONTHLY_SERIES);
    for (const s of d.monthly.series) expect(s.values[0], s.id).toBe(first[s.id]);
    // The months of a count add up to the year to date.
    const total = d.figures.find((f) => f.id === 'licensing.applications.total')!.value;
    const series = d.monthly.series.find((s) => s.id === 'licensing.applications.total')!;
    expect(series.values.reduce<number>((a, v) => a + (v ?? 0), 0)).toBe(total);
  });

  it('breaks the figures down by child bureau and institute; counts add up to the parent', async () => {
    const children = ['JX-JDS', 'NH-WJJ', 'XZ-WJJ'];
    const d = await dashboardOf('JX-WJW');
    // Direct children of kind commission or institute only (no internal divisions).
    expect(d.children.map((c) => c.code).sort()).toEqual(children);
    expect(d.children.find((c) => c.code === 'NH-WJJ')!.hasChildren).toBe(true);
    const nh = await metrics('NH-WJJ', `${year}-01-01`, today, d.figures.map((f) => f.id));
    for (const { id } of d.figures) expect(d.children.find((c) => c.code === 'NH-WJJ')!.values[id], id).toBe(nh[id]);
    // Every additive figure: the children plus the rest (the city's own units) make the parent.
    for (const f of d.figures.filter((x) => x.unit === 'count' || x.unit === 'yuan')) {
      const sum = d.children.reduce((s, c) => s + (c.values[f.id] ?? 0), 0);
      expect(sum + (d.rest[f.id] ?? 0), f.id).toBe(f.value);
    }

    // Fixture: the city's own hotline records (its 12320 centre) handed to the Nanhu institute,
    // so the city has no hotline record of its own; the children alone then make its figure.
    const outsideChildren = `NOT EXISTS (SELECT 1 FROM organizations c WHERE c.code = ANY($1::text[]) AND o.path LIKE c.path || '%')`;
    const moved = await env.db.query<{ id: number }>(
      `UPDATE matters m SET org_id = $2 FROM organizations o WHERE o.id = m.org_id AND m.kind = 'hotline' AND ${outsideChildren} RETURNING m.id`,
      [children, org['NH-JDS']]);
    expect(moved.length).toBeGreaterThan(0);
    const own = await env.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM matters m JOIN organizations o ON o.id = m.org_id WHERE m.kind = 'hotline' AND ${outsideChildren}`, [children]);
    expect(own!.n).toBe(0);
    const after = await dashboardOf('JX-WJW');
    const hotline = after.figures.find((f) => f.id === 'hotline.calls.total')!;
    expect(hotline.value).toBe(d.figures.find((f) => f.id === 'hotline.calls.total')!.value);
    expect(hotline.value).toBeGreaterThan(0);
    expect(after.children.reduce((s, c) => s + (c.values['hotline.calls.total'] ?? 0), 0)).toBe(hotline.value);
    expect(after.rest['hotline.calls.total']).toBe(0);
    // Ratios are not summed: they have no "rest".
    expect(after.rest['licensing.online_rate']).toBeUndefined();
  });

  it('drills down: a district answers with its institute as child and the breadcrumb back to the city', async () => {
    const d = await dashboardOf('NH-WJJ');
    expect(d.org.parentCode).toBe('JX-WJW');
    expect(d.trail.map((o) => o.code)).toEqual(['JX-WJW', 'NH-WJJ']);
    expect(d.children.map((c) => c.code)).toEqual(['NH-JDS']);
  });

  it('counts a matter made overdue by hand in the overdue table, under its unit and kind', async () => {
    const before = await dashboardOf('JX-WJW');
    const m = await env.db.one<{ id: number; org_id: number; kind: string }>(
      `SELECT id, org_id, kind FROM matters WHERE concluded_on IS NULL AND (due_on IS NULL OR due_on >= $1::date) ORDER BY id LIMIT 1`, [today]);
    expect(m).toBeTruthy();
    await env.db.query('UPDATE matters SET due_on = $2::date WHERE id = $1', [m!.id, addDays(today, -3)]);
    const after = await dashboardOf('JX-WJW');
    const row = (d: DashboardResponse) => d.overdue.rows.find((r) => r.orgId === m!.org_id);
    expect(row(after)!.counts[m!.kind]).toBe((row(before)?.counts[m!.kind] ?? 0) + 1);
    expect(after.overdue.total).toBe(before.overdue.total + 1);
    // Each row's total is the sum of its kinds, and the table's total the sum of its rows.
    for (const r of after.overdue.rows) expect(Object.values(r.counts).reduce((s, n) => s + n, 0)).toBe(r.total);
    expect(after.overdue.rows.reduce((s, r) => s + r.total, 0)).toBe(after.overdue.total);
    // The matter list's overdue (red clock) filter finds the same number for that unit and kind.
    const c = await env.as('leader');
    const list = await c.get(`/api/matters/${m!.kind}?clock=red&pageSize=1&orgId=${m!.org_id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(row(after)!.counts[m!.kind]!);
    // Concluding it takes it off the table.
    await env.db.query('UPDATE matters SET concluded_on = $2::date WHERE id = $1', [m!.id, today]);
    expect((await dashboardOf('JX-WJW')).overdue.total).toBe(before.overdue.total);
  });

  it('counts penalty cases past their decision deadline like the case list’s overdue filter', async () => {
    const d = await dashboardOf('JX-WJW');
    const c = await env.as('leader');
    const list = await c.get('/api/cases?overdue=true&pageSize=1');
    expect(list.statusCode, list.body).toBe(200);
    expect(d.overdue.rows.reduce((s, r) => s + (r.counts.case ?? 0), 0)).toBe(list.json().total);
    const apps = await c.get('/api/licensing/applications?overdue=true&pageSize=1');
    expect(d.overdue.rows.reduce((s, r) => s + (r.counts.application ?? 0), 0)).toBe(apps.json().total);
  });

  it('rejects a period outside the year', async () => {
    const c = await env.as('leader');
    const res = await c.get(dashUrl({ year, org: 'JX-WJW', to: `${year + 1}-01-05` }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('年内');
  });

  it('answers 403 without metrics.read and 404 for an organisation outside the scope', async () => {
    const inspector = await env.as('inspector1');
    expect((await inspector.get(dashUrl({ year, org: 'NH-JDS' }))).statusCode).toBe(403);
    expect((await env.anonymous.get(dashUrl({ year, org: 'NH-JDS' }))).statusCode).toBe(401);

    const admin = await env.as('admin');
    const created = await admin.post('/api/users', {
      username: 'nh_dash', displayName: '南湖区办公室', orgId: org['NH-WJJ'], roles: ['office'],
      scopeMode: 'named', scopeOrgIds: [org['NH-WJJ']], password: 'Nanhu2026ok',
    });
    expect(created.statusCode, created.body).toBe(200);
    const nh = await env.as('nh_dash', 'Nanhu2026ok');
    const city = await nh.get(dashUrl({ year, org: 'JX-WJW' }));
    expect(city.statusCode).toBe(404);
    const missing = await nh.get(dashUrl({ year, org: 'NO-SUCH' }));
    expect(missing.statusCode).toBe(404);
    expect(city.json().error.message).toBe(missing.json().error.message);
    const own = await nh.get(dashUrl({ year, org: 'NH-WJJ' }));
    expect(own.statusCode).toBe(200);
    // The breadcrumb stops at the top of the user's scope.
    expect((own.json() as DashboardResponse).trail.map((o) => o.code)).toEqual(['NH-WJJ']);
    expect((own.json() as DashboardResponse).org.parentCode).toBeNull();
  });
});
