import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('GET /api/regions', () => {
  it('lists the districts and counties of a city for a picker', async () => {
    const c = await env.as('hotline');
    const res = await c.get('/api/regions?parent=330400');
    expect(res.statusCode).toBe(200);
    const rows: { code: string; name: string }[] = res.json();
    expect(rows).toContainEqual({ code: '330402', name: '南湖区' });
    expect(rows).toContainEqual({ code: '330411', name: '秀洲区' });
    expect(rows).toContainEqual({ code: '330481', name: '海宁市' });
    for (const r of rows) expect(r.code).toMatch(/^3304\d\d$/);
    expect(rows.map((r) => r.code)).not.toContain('330400');
  });

  it('lists the cities of a province, and the provinces without a parent', async () => {
    const c = await env.as('hotline');
    const cities: { code: string; name: string }[] = (await c.get('/api/regions?parent=330000')).json();
    expect(cities).toContainEqual({ code: '330400', name: '嘉兴市' });
    expect(cities.every((r) => /^33\d\d00$/.test(r.code))).toBe(true);
    const provinces: { code: string; name: string }[] = (await c.get('/api/regions')).json();
    expect(provinces).toContainEqual({ code: '330000', name: '浙江省' });
    expect(provinces).toContainEqual({ code: '110000', name: '北京市' });
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    // A county has no children in GB/T 2260.
    expect((await c.get('/api/regions?parent=330402')).json()).toEqual([]);
  });

  it('answers 404 for an unknown parent and 400 for a malformed one', async () => {
    const c = await env.as('hotline');
    expect((await c.get('/api/regions?parent=339900')).statusCode).toBe(404);
    const bad = await c.get('/api/regions?parent=33%27%20OR%201=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('6位数字');
  });

  it('requires a session', async () => {
    expect((await env.anonymous.get('/api/regions?parent=330400')).statusCode).toBe(401);
    expect((await env.anonymous.get('/api/regions/330402')).statusCode).toBe(401);
  });
});

describe('GET /api/regions/:code', () => {
  it('gives the name and the full name', async () => {
    const c = await env.as('inspector3');
    expect((await c.get('/api/regions/330411')).json()).toEqual({ code: '330411', name: '秀洲区', fullName: '浙江省嘉兴市秀洲区' });
    expect((await c.get('/api/regions/330400')).json()).toEqual({ code: '330400', name: '嘉兴市', fullName: '浙江省嘉兴市' });
  });

  it('answers 404 for a code not in GB/T 2260 and 400 for one that is not six digits', async () => {
    const c = await env.as('inspector3');
    const missing = await c.get('/api/regions/330499');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('GB/T 2260');
    expect((await c.get('/api/regions/3304')).statusCode).toBe(400);
    expect((await c.get('/api/regions/abcdef')).statusCode).toBe(400);
  });
});
