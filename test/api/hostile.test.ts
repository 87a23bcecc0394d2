// Bad input never corrupts data: every route gets malformed, oversized and hostile
// input (SQL fragments, script tags, wrong types, huge strings, impossible dates such as
// 2025-02-30) and must answer 4xx with the error envelope — never 5xx — and change
// nothing (no audit entry, no row).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../support/harness';
import { routeCatalog, type CatalogEntry } from '../../src/platform/http/app';
import { samplePath } from './routes';

let env: TestEnv;
let admin: Client;
let routes: CatalogEntry[];

const HOSTILE_STRINGS = [
  "' OR 1=1 --", "'; DROP TABLE entities; --", '<script>alert(1)</script>', 'x'.repeat(5000), '2025-02-30', '-1',
  '99999999999999999999999', '../../etc/passwd', '%00', '１２３', '\u0000', 'NaN', '{}', '[]',
];
const QUERY_PARAMS = ['q', 'page', 'pageSize', 'from', 'to', 'amount', 'unit', 'org', 'ids', 'orgId', 'status', 'category',
  'regionCode', 'riskClass', 'creditGrade', 'blacklisted', 'sort', 'parent', 'format', 'username', 'action', 'objectType'];
const BODY_FIELDS = ['username', 'password', 'name', 'code', 'uscc', 'orgId', 'parentId', 'regionCode', 'kind', 'population',
  'category', 'address', 'roles', 'scopeMode', 'scopeOrgIds', 'staffNo', 'certificateNo', 'certificateValidTo', 'kind',
  'source', 'holidays', 'workdays', 'value', 'locale', 'reason', 'permissions', 'currentPassword', 'newPassword', 'specialties'];

function hostileBodies(): unknown[] {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 500; i++) { cursor.a = {}; cursor = cursor.a as Record<string, unknown>; }
  const everyFieldWrong = (v: unknown) => Object.fromEntries(BODY_FIELDS.map((f) => [f, v]));
  return [
    [], 'just a string', 12345, null, true, deep,
    everyFieldWrong("' OR 1=1 --"), everyFieldWrong('<script>alert(1)</script>'), everyFieldWrong('y'.repeat(20_000)),
    everyFieldWrong(-1), everyFieldWrong(1e308), everyFieldWrong([]), everyFieldWrong({ $ne: null }), everyFieldWrong('2025-02-30'),
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  ];
}

async function snapshot(): Promise<string> {
  const row = await env.db.one<Record<string, number>>(`SELECT
    (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM organizations) AS orgs,
    (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM inspectors) AS inspectors, (SELECT count(*) FROM roles) AS roles,
    (SELECT count(*) FROM calendar_days) AS days, (SELECT count(*) FROM rule_settings) AS rules, (SELECT count(*) FROM uscc_exceptions) AS exceptions,
    (SELECT max(updated_at)::text FROM entities) AS e_upd, (SELECT max(updated_at)::text FROM users) AS u_upd, (SELECT max(updated_at)::text FROM inspectors) AS i_upd`);
  return JSON.stringify(row);
}

function expectClientError(res: { statusCode: number; body: string }, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
  expect(res.body, what).not.toMatch(/at .+\.(ts|js):\d+/); // never a stack trace
}

beforeAll(async () => {
  env = await setupTestEnv();
  admin = await env.as('admin');
  routes = routeCatalog(env.app).filter((r) => r.url !== '/api/auth/logout');
});
afterAll(async () => { await env?.close(); });

describe('hostile input on every route (as an administrator, who may call them all)', () => {
  it('hostile path parameters: 4xx or a harmless 200, never 5xx, nothing changes', async () => {
    const before = await snapshot();
    for (const r of routes.filter((x) => x.url.includes(':') || x.url.endsWith('*'))) {
      for (const bad of HOSTILE_STRINGS) {
        const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
        const override = Object.fromEntries([...names, '*'].map((n) => [n, bad]));
        const res = await admin.request(r.method, samplePath(r.url, override), r.method === 'GET' ? undefined : {});
        expect(res.statusCode, `${r.method} ${r.url} [${bad.slice(0, 30)}] ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (r.method !== 'GET') expectClientError(res, `${r.method} ${r.url} [${bad.slice(0, 30)}]`);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('hostile query strings on every GET: never 5xx', async () => {
    for (const r of routes.filter((x) => x.method === 'GET')) {
      for (const bad of HOSTILE_STRINGS) {
        const query = QUERY_PARAMS.map((p) => `${p}=${encodeURIComponent(bad)}`).join('&');
        const res = await admin.get(`${samplePath(r.url)}?${query}`);
        expect(res.statusCode, `GET ${r.url}?…${bad.slice(0, 30)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
      const repeated = await admin.get(`${samplePath(r.url)}?q=a&q=b&page=1&page=2`);
      expect(repeated.statusCode, `GET ${r.url} repeated params`).toBeLessThan(500);
    }
  });

  it('wrong types, huge strings and hostile values in every write body: 4xx and no change', async () => {
    const before = await snapshot();
    // Ids that do not exist: a body that happens to be well-formed for a route (a SQL
    // fragment can be a policy-compliant password) then still changes nothing.
    const missing = { id: '999999', code: 'no_such_role', orgId: '999999' };
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      for (const body of hostileBodies()) {
        const res = await admin.request(r.method, samplePath(r.url, missing), JSON.stringify(body), { 'content-type': 'application/json' });
        expectClientError(res, `${r.method} ${r.url} ${JSON.stringify(body).slice(0, 60)}`);
        expect(res.json().error.message, `${r.method} ${r.url}`).toMatch(/[\u4e00-\u9fa5]/); // a Chinese message
      }
    }
    expect(await snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('malformed JSON, oversized bodies and wrong content types: 4xx and no change', async () => {
    const before = await snapshot();
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      const url = samplePath(r.url);
      expectClientError(await admin.request(r.method, url, '{"name": "unterminated', { 'content-type': 'application/json' }), `${r.url} bad JSON`);
      expectClientError(await admin.request(r.method, url, JSON.stringify({ name: 'z'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' }), `${r.url} 2 MB`);
      expectClientError(await admin.request(r.method, url, '<xml/>', { 'content-type': 'application/xml' }), `${r.url} xml`);
    }
    expect(await snapshot()).toBe(before);
  });

  it('impossible dates are refused where dates are taken', async () => {
    for (const url of ['/api/calendar/deadline?from=2025-02-30&amount=5&unit=workday', '/api/calendar/days/2025-02-30',
      '/api/calendar/deadline?from=2025-13-01&amount=5&unit=day', '/api/metrics?from=2025-02-30&to=2025-12-31&org=JX-WJW']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const res = await admin.put('/api/inspectors/1/certificate', { certificateNo: 'JX0001', certificateValidTo: '2027-02-29' });
    expect(res.statusCode).toBe(400);
  });

  it('the login form is not an injection point', async () => {
    for (const username of ["admin' --", "' OR '1'='1", '<script>', 'a'.repeat(65)]) {
      const res = await env.anonymous.post('/api/auth/login', { username, password: "' OR '1'='1" });
      expect([400, 401, 429], username).toContain(res.statusCode);
    }
  });
});
