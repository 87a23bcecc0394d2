import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import { METRIC_REGISTRY } from './definitions';

let env: TestEnv;
const org: Record<string, number> = {};
const today = todayInChina();
beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
});
afterAll(async () => { await env?.close(); });

const url = (q: Record<string, string>) => `/api/metrics?${new URLSearchParams(q).toString()}`;

describe('GET /api/metrics/definitions', () => {
  it('lists every metric with its Chinese name, unit and definition, to any signed-in user', async () => {
    const c = await env.as('inspector1');
    const res = await c.get('/api/metrics/definitions');
    expect(res.statusCode).toBe(200);
    const defs = res.json() as { id: string; name: string; nameEn: string; unit: string; definition: string }[];
    expect(defs.map((d) => d.id)).toEqual(METRIC_REGISTRY.all.map((d) => d.id));
    const active = defs.find((d) => d.id === 'staff.inspectors.active')!;
    expect(active).toMatchObject({ name: '在岗执法人员数', unit: 'count' });
    expect(active.definition).toContain('有效');
    expect(defs.find((d) => d.id === 'staff.inspectors.per10k')!.unit).toBe('per10k');
    expect((await env.anonymous.get('/api/metrics/definitions')).statusCode).toBe(401);
  });
});

describe('GET /api/metrics', () => {
  it('returns every registered metric when no ids are given, in the contract shape', async () => {
    const c = await env.as('office');
    const res = await c.get(url({ from: '2026-01-01', to: today, org: 'JX-WJW' }));
    expect(res.statusCode, res.body).toBe(200);
    const { metrics } = res.json() as { metrics: Record<string, unknown>[] };
    expect(metrics.map((m) => m.id)).toEqual(METRIC_REGISTRY.all.map((d) => d.id));
    for (const m of metrics) {
      expect(Object.keys(m).every((k) => ['id', 'name', 'unit', 'value', 'numerator', 'denominator', 'breakdown'].includes(k))).toBe(true);
      expect(m.value === null || typeof m.value === 'number').toBe(true);
    }
  });

  it('returns only the requested ids, in the order asked', async () => {
    const c = await env.as('leader');
    const res = await c.get(url({ from: '2026-01-01', to: today, org: 'NH-WJJ', ids: 'staff.inspectors.gap, staff.inspectors.active' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().metrics.map((m: { id: string }) => m.id)).toEqual(['staff.inspectors.gap', 'staff.inspectors.active']);
  });

  it('names the unknown ids in a 400', async () => {
    const c = await env.as('office');
    const res = await c.get(url({ from: '2026-01-01', to: today, org: 'JX-WJW', ids: 'staff.inspectors.active,cases.made_up,hotline.nope' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('METRICS_UNKNOWN');
    expect(res.json().error.message).toContain('cases.made_up');
    expect(res.json().error.message).toContain('hotline.nope');
    expect(res.json().error.message).not.toContain('staff.inspectors.active');
  });

  it('rejects impossible dates and a period that ends before it starts', async () => {
    const c = await env.as('office');
    const cases: Record<string, string>[] = [
      { from: '2025-02-30', to: '2025-12-31', org: 'JX-WJW' },
      { from: '2025-01-01', to: '2025-13-01', org: 'JX-WJW' },
      { from: '20250101', to: '2025-12-31', org: 'JX-WJW' },
      { from: '2025-01-01', org: 'JX-WJW' },
      { from: '2025-01-01', to: '2025-12-31' },
    ];
    for (const q of cases) {
      const res = await c.get(url(q));
      expect(res.statusCode, JSON.stringify(q)).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const reversed = await c.get(url({ from: '2025-12-31', to: '2025-01-01', org: 'JX-WJW' }));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('METRICS_PERIOD');
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const c = await env.as('office');
    expect((await c.get(url({ from: '2026-01-01', to: today, org: 'NO-SUCH-ORG' }))).statusCode).toBe(404);
  });

  it('forbids users whose role lacks metrics.read', async () => {
    const c = await env.as('inspector1');
    expect((await c.get(url({ from: '2026-01-01', to: today, org: 'NH-WJJ' }))).statusCode).toBe(403);
    expect((await env.anonymous.get(url({ from: '2026-01-01', to: today, org: 'NH-WJJ' }))).statusCode).toBe(401);
  });

  it('answers 404 for an organisation outside the caller’s scope, like one that does not exist', async () => {
    const admin = await env.as('admin');
    const created = await admin.post('/api/users', {
      username: 'nh_office', displayName: '南湖区办公室', orgId: org['NH-WJJ'], roles: ['office'],
      scopeMode: 'named', scopeOrgIds: [org['NH-WJJ']], password: 'Nanhu2026ok',
    });
    expect(created.statusCode, created.body).toBe(200);
    const c = await env.as('nh_office', 'Nanhu2026ok');
    const city = await c.get(url({ from: '2026-01-01', to: today, org: 'JX-WJW' }));
    expect(city.statusCode).toBe(404);
    const sibling = await c.get(url({ from: '2026-01-01', to: today, org: 'XZ-WJJ' }));
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().error.message).toBe(city.json().error.message);
    const own = await c.get(url({ from: '2026-01-01', to: today, org: 'NH-WJJ', ids: 'staff.inspectors.active' }));
    expect(own.statusCode).toBe(200);
    const below = await c.get(url({ from: '2026-01-01', to: today, org: 'NH-JDS', ids: 'staff.inspectors.active' }));
    expect(below.statusCode).toBe(200);
  });
});
