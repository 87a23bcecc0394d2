// Staffing metrics against the seeded commission: the city (JX-WJW, 5,580,000 residents)
// and Nanhu district (NH-WJJ, 640,000), whose inspectors the seed gives certificates
// some of which have expired. Every expected figure is counted here independently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';

let env: TestEnv;
const org: Record<string, number> = {};
const today = todayInChina();
const IDS = 'staff.inspectors.active,staff.inspectors.per10k,staff.inspectors.gap';

beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
});
afterAll(async () => { await env?.close(); });

interface Metric { id: string; value: number | null; numerator?: number | null; denominator?: number | null }

async function metrics(orgCode: string, to: string, username = 'office'): Promise<Record<string, Metric>> {
  const c = await env.as(username);
  const res = await c.get(`/api/metrics?from=2026-01-01&to=${to}&org=${orgCode}&ids=${IDS}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
}

/** Inspectors of the organisation and everything under it (walking parent_id, not path). */
async function subtreeIds(code: string): Promise<number[]> {
  const rows = await env.db.query<{ id: number }>(
    `WITH RECURSIVE t AS (SELECT id FROM organizations WHERE code = $1
                          UNION ALL SELECT o.id FROM organizations o JOIN t ON o.parent_id = t.id)
     SELECT id FROM t`, [code]);
  return rows.map((r) => r.id);
}

async function countInspectors(code: string, where: string, params: unknown[] = []): Promise<number> {
  const ids = await subtreeIds(code);
  return (await env.db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM inspectors WHERE org_id = ANY($1::int[]) AND ${where}`, [ids, ...params]))!.n;
}

const validOn = (code: string, day: string) =>
  countInspectors(code, 'active AND certificate_no IS NOT NULL AND certificate_valid_to >= $2::date', [day]);

async function createOrg(code: string, parent: string, population: number | null): Promise<number> {
  const admin = await env.as('admin');
  const res = await admin.post('/api/orgs', {
    code, name: `测试机构${code}`, parentId: org[parent], regionCode: '330402', kind: 'other', population,
  });
  expect(res.statusCode, res.body).toBe(200);
  org[code] = res.json().id;
  return res.json().id;
}

describe('staff.inspectors.active', () => {
  it('counts only inspectors whose certificate is valid on the last day of the period', async () => {
    const all = await countInspectors('JX-WJW', 'true');
    const expected = await validOn('JX-WJW', today);
    const expired = await countInspectors('JX-WJW', 'certificate_valid_to < $2::date', [today]);
    expect(expired).toBeGreaterThan(0); // the seed lets some certificates lapse
    expect(expected).toBe(all - expired);
    expect((await metrics('JX-WJW', today))['staff.inspectors.active'].value).toBe(expected);

    // A month on, the certificates expiring within the reminder window no longer count.
    const later = addDays(today, 30);
    const expectedLater = await validOn('JX-WJW', later);
    expect(expectedLater).toBeLessThan(expected);
    expect((await metrics('JX-WJW', later))['staff.inspectors.active'].value).toBe(expectedLater);
  });

  it('covers the organisation and everything under it, and nothing beside it', async () => {
    const nh = await validOn('NH-WJJ', today);
    const xz = await validOn('XZ-WJJ', today);
    expect(nh).toBeGreaterThan(0);
    expect((await metrics('NH-WJJ', today))['staff.inspectors.active'].value).toBe(nh);
    expect((await metrics('NH-JDS', today))['staff.inspectors.active'].value).toBe(nh);
    expect((await metrics('XZ-WJJ', today))['staff.inspectors.active'].value).toBe(xz);
    // A division with no inspectors of its own.
    expect((await metrics('JX-ZCFG', today))['staff.inspectors.active'].value).toBe(0);
  });

  it('leaves out inspectors who were deactivated or hold no certificate number', async () => {
    const before = (await metrics('NH-WJJ', today))['staff.inspectors.active'].value!;
    const [a, b] = await env.db.query<{ id: number }>(
      `SELECT id FROM inspectors WHERE org_id = $1 AND certificate_valid_to >= $2::date AND user_id IS NULL ORDER BY id LIMIT 2`,
      [org['NH-JDS'], today]);
    await env.db.query('UPDATE inspectors SET active = false WHERE id = $1', [a.id]);
    await env.db.query('UPDATE inspectors SET certificate_no = NULL WHERE id = $1', [b.id]);
    const after = (await metrics('NH-WJJ', today))['staff.inspectors.active'].value;
    expect(after).toBe(before - 2);
    expect(after).toBe(await validOn('NH-WJJ', today));
  });
});

describe('staff.inspectors.per10k and staff.inspectors.gap', () => {
  it('relate active inspectors to the city’s resident population', async () => {
    const active = await validOn('JX-WJW', today);
    const population = (await env.db.one<{ population: number }>("SELECT population FROM organizations WHERE code = 'JX-WJW'"))!.population;
    expect(population).toBe(5_580_000);
    const m = await metrics('JX-WJW', today);
    expect(m['staff.inspectors.per10k']).toMatchObject({ numerator: active, denominator: population });
    expect(m['staff.inspectors.per10k'].value).toBeCloseTo((active / population) * 10_000, 10);
    // 0.75 per 10,000 of 5,580,000 residents is 418.5, so 419 inspectors are needed.
    expect(m['staff.inspectors.gap'].value).toBe(Math.max(0, 419 - active));
  });

  it('uses the district’s own population and its own local target', async () => {
    const active = await validOn('NH-WJJ', today);
    let m = await metrics('NH-WJJ', today);
    expect(m['staff.inspectors.per10k']).toMatchObject({ numerator: active, denominator: 640_000 });
    expect(m['staff.inspectors.gap'].value).toBe(Math.max(0, 48 - active)); // 0.75 × 64

    // The legal division sets Nanhu's target to 1.5 per 10,000: 96 needed there, the city unchanged.
    const legal = await env.as('legal');
    const set = await legal.put(`/api/rules/staff.inspectors_per_10k_target/orgs/${org['NH-WJJ']}`, { value: 1.5, note: '区政府文件' });
    expect(set.statusCode, set.body).toBe(200);
    m = await metrics('NH-WJJ', today);
    expect(m['staff.inspectors.gap'].value).toBe(Math.max(0, 96 - active));
    const cityActive = await validOn('JX-WJW', today);
    expect((await metrics('JX-WJW', today))['staff.inspectors.gap'].value).toBe(Math.max(0, 419 - cityActive));
    await legal.put(`/api/rules/staff.inspectors_per_10k_target/orgs/${org['NH-WJJ']}`, { value: null });
  });

  it('never shows a gap below zero', async () => {
    // A small town of 10,000 with the district's inspectors would need one.
    await createOrg('T-SMALL', 'NH-WJJ', 10_000);
    await env.db.query('UPDATE inspectors SET org_id = $1 WHERE org_id = $2', [org['T-SMALL'], org['NH-JDS']]);
    const active = await validOn('T-SMALL', today);
    expect(active).toBeGreaterThan(1);
    const m = await metrics('T-SMALL', today);
    expect(m['staff.inspectors.gap'].value).toBe(0);
    expect(m['staff.inspectors.per10k'].value).toBeCloseTo(active, 10);
    await env.db.query('UPDATE inspectors SET org_id = $1 WHERE org_id = $2', [org['NH-JDS'], org['T-SMALL']]);
  });

  it('is null, never 0, when there is no population to divide by', async () => {
    // The supervision institute has no population and nothing under it has one.
    const inst = await metrics('NH-JDS', today);
    expect(inst['staff.inspectors.per10k'].value).toBeNull();
    expect(inst['staff.inspectors.per10k'].numerator).toBe(await validOn('NH-JDS', today));
    expect(inst['staff.inspectors.gap'].value).toBeNull();

    // A population recorded as 0 is a zero denominator: no ratio, and nobody needed.
    await createOrg('T-ZERO', 'NH-WJJ', 0);
    const zero = await metrics('T-ZERO', today);
    expect(zero['staff.inspectors.per10k']).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(zero['staff.inspectors.active'].value).toBe(0);
    expect(zero['staff.inspectors.gap'].value).toBe(0);
  });

  it('takes the population from the highest organisations below that have one, without double counting', async () => {
    // Under the policy division (no population): a unit of 100,000 residents containing a
    // street of 30,000 (already part of the 100,000), and a second unit of 20,000.
    await createOrg('T-UNIT', 'JX-ZCFG', 100_000);
    await createOrg('T-STREET', 'T-UNIT', 30_000);
    await createOrg('T-UNIT2', 'JX-ZCFG', 20_000);
    const m = await metrics('JX-ZCFG', today);
    expect(m['staff.inspectors.per10k']).toMatchObject({ numerator: 0, denominator: 120_000, value: 0 });
    expect(m['staff.inspectors.gap'].value).toBe(9); // ceil(0.75 × 12)
    // The street on its own uses its own figure.
    expect((await metrics('T-STREET', today))['staff.inspectors.per10k'].denominator).toBe(30_000);
  });
});
