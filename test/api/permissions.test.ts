// The permission matrix: every route × every role × organisation scope. Nobody reads or
// writes outside their role or their scope: the answer is 401 without a session, 403
// for a permission the role lacks, and 404 for a record outside the scope (exactly as
// for an id that does not exist), never data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../support/harness';
import { routeCatalog, type CatalogEntry } from '../../src/platform/http/app';
import { SYSTEM_ROLES } from '../../src/platform/access/permissions';
import { DEMO_USERS } from '../../src/seed/demo';
import { samplePath } from './routes';

let env: TestEnv;
let routes: CatalogEntry[];
let districtAdmin: Client;
let nh: { orgIds: number[]; entityId: number; inspectorId: number; userId: number };
let xz: { orgIds: number[] };

// The portal's routes serve only what was published for the public (masked decisions;
// announced random-inspection plans, their draw records and published results).
const PUBLIC_ROUTES = ['POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/public/penalties', 'GET /api/public/penalties/:id',
  'GET /api/public/random-plans', 'GET /api/public/random-plans/:planNo', 'GET /api/public/random-plans/:planNo/draws/:attempt',
  // Licensing: the service guide, applying and following an application with its tracking code, verifying a licence, published decisions.
  'GET /api/public/service-guide', 'GET /api/public/service-guide/:itemCode', 'GET /api/public/service-guide-bundles',
  'POST /api/public/applications', 'GET /api/public/applications/:code', 'POST /api/public/applications/:code/supplement', 'POST /api/public/applications/:code/withdraw',
  'POST /api/public/applications/:code/rating', 'POST /api/public/applications/:code/files', 'GET /api/public/applications/:code/files/:fileId', 'GET /api/public/licences/verify/:token', 'GET /api/public/licences/lookup',
  'GET /api/public/licensing-decisions',
  // Matters: filing a complaint or a disclosure request and following it with its tracking code.
  'GET /api/public/matter-organizations', 'POST /api/public/complaints', 'POST /api/public/disclosure-requests', 'GET /api/public/matters/:code',
  // The law quiz: the open quizzes, starting an attempt, reading and submitting it by its token.
  'GET /api/public/quizzes', 'GET /api/public/quizzes/:id', 'POST /api/public/quizzes/:id/attempts',
  'GET /api/public/quiz-attempts/:token', 'POST /api/public/quiz-attempts/:token/submit',
  // Annual reports: the published reports and their final version.
  'GET /api/public/reports', 'GET /api/public/reports/:id'];

/** One demo user per system role. */
const ROLE_USERS = SYSTEM_ROLES.map((r) => ({ role: r, username: DEMO_USERS.find((u) => u.roles.includes(r.code))!.username }));

beforeAll(async () => {
  env = await setupTestEnv();
  routes = routeCatalog(env.app);
  const orgsUnder = async (code: string) => (await env.db.query<{ id: number }>(
    `SELECT c.id FROM organizations c, organizations r WHERE r.code = $1 AND c.path LIKE r.path || '%'`, [code])).map((r) => r.id);
  nh = {
    orgIds: await orgsUnder('NH-WJJ'),
    entityId: (await env.db.one<{ id: number }>(`SELECT e.id FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'NH-JDS' LIMIT 1`))!.id,
    inspectorId: (await env.db.one<{ id: number }>(`SELECT i.id FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code = 'NH-JDS' LIMIT 1`))!.id,
    userId: (await env.db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'inspector1'`))!.id,
  };
  xz = { orgIds: await orgsUnder('XZ-WJJ') };
  // A district administrator: every permission, but scoped to 秀洲区卫生健康局 and below.
  const admin = await env.as('admin');
  const res = await admin.post('/api/users', {
    username: 'xzadmin', displayName: '秀洲区管理员', orgId: xz.orgIds[0], roles: ['admin'], scopeMode: 'own_subtree',
    scopeOrgIds: [], password: 'District2026', active: true,
  });
  expect(res.statusCode).toBe(200);
  districtAdmin = await env.as('xzadmin', 'District2026');
});
afterAll(async () => { await env?.close(); });

describe('every route declares access', () => {
  it('has a catalog covering the API', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it('only the login and logout routes and the public portal are public', () => {
    const pub = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`).sort();
    expect(pub).toEqual([...PUBLIC_ROUTES].sort());
  });
});

describe('without a session', () => {
  it('every non-public route answers 401 with the error envelope', async () => {
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await env.anonymous.request(r.method, samplePath(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code, `${r.method} ${r.url}`).toBe('UNAUTHENTICATED');
    }
  });

  it('a forged or expired session cookie is no session', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/entities', headers: { cookie: 'sid=forged-token' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('by role', () => {
  it('a role lacking a route’s permission gets 403 and nothing else', async () => {
    let checked = 0;
    for (const { role, username } of ROLE_USERS) {
      const c = await env.as(username);
      for (const r of routes) {
        if (r.access === 'public' || r.access === 'authenticated' || r.access === 'session') continue;
        if ((role.permissions as string[]).includes(r.access)) continue;
        const res = await c.request(r.method, samplePath(r.url), r.method === 'GET' ? undefined : {});
        expect(res.statusCode, `${username} ${r.method} ${r.url}`).toBe(403);
        expect(res.json(), `${username} ${r.method} ${r.url}`).toEqual({ error: { code: 'FORBIDDEN', message: '无权执行此操作' } });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a role holding the permission passes the access check (reads answer 200 or a record-level 4xx)', async () => {
    for (const { role, username } of ROLE_USERS) {
      const c = await env.as(username);
      for (const r of routes.filter((x) => x.method === 'GET' && x.access !== 'public')) {
        if (r.access !== 'authenticated' && r.access !== 'session' && !(role.permissions as string[]).includes(r.access)) continue;
        const res = await c.get(samplePath(r.url));
        expect([401, 403], `${username} GET ${r.url}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${username} GET ${r.url}`).toBeLessThan(500);
      }
    }
  }, 300_000); // every read route (Excel exports, Word documents) once per role

  it('an administrator cannot grant a role holding more than they hold', async () => {
    const admin = await env.as('admin');
    await admin.post('/api/roles', { code: 'user_manager', name: '用户管理员', nameEn: 'User manager', permissions: ['users.read', 'users.write', 'orgs.read'] });
    const org = (await env.db.one<{ id: number }>(`SELECT id FROM organizations WHERE code = 'JX-WJW'`))!.id;
    await admin.post('/api/users', { username: 'usermgr', displayName: '用户管理员', orgId: org, roles: ['user_manager'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Manager2026', active: true });
    const mgr = await env.as('usermgr', 'Manager2026');
    const res = await mgr.post('/api/users', { username: 'sneaky', displayName: '越权', orgId: org, roles: ['admin'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Sneaky2026x', active: true });
    expect(res.statusCode).toBe(403);
    expect((await env.db.one(`SELECT 1 FROM users WHERE username = 'sneaky'`))).toBeUndefined();
  });
});

describe('by organisation scope (a district administrator of 秀洲区)', () => {
  const outside = () => [
    ['GET', `/api/entities/${nh.entityId}`], ['PUT', `/api/entities/${nh.entityId}`],
    ['GET', `/api/inspectors/${nh.inspectorId}`], ['PUT', `/api/inspectors/${nh.inspectorId}`], ['PUT', `/api/inspectors/${nh.inspectorId}/certificate`],
    ['GET', `/api/users/${nh.userId}`], ['PUT', `/api/users/${nh.userId}`], ['POST', `/api/users/${nh.userId}/password`],
    ['GET', `/api/orgs/${nh.orgIds[0]}`], ['PUT', `/api/orgs/${nh.orgIds[0]}`],
  ] as const;

  it('reading or changing a record of another district answers 404, like a missing id', async () => {
    const own = xz.orgIds[0];
    const bodies: Record<string, unknown> = {
      entities: { uscc: '91330402MA2B00000X', name: '越权修改', category: 'other', regionCode: '330411', address: '秀洲区', orgId: own, riskClass: 'low' },
      inspectors: { staffNo: 'XZ-999', name: '越权', orgId: own, specialties: [] },
      certificate: { certificateNo: 'XZ9999', certificateValidTo: '2030-01-01' },
      users: { username: 'takeover', displayName: '越权', orgId: own, roles: ['inspector'], scopeMode: 'own_subtree', scopeOrgIds: [] },
      password: { password: 'Takeover2026' },
      orgs: { code: 'TAKEN', name: '越权', parentId: own, regionCode: '330411', kind: 'other', population: null },
    };
    const bodyFor = (url: string) => url.endsWith('certificate') ? bodies.certificate : url.endsWith('password') ? bodies.password
      : bodies[url.split('/')[2]];
    for (const [method, url] of outside()) {
      const res = await districtAdmin.request(method, url, method === 'GET' ? undefined : bodyFor(url));
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } });
    }
    // Nothing changed: inspector1 still signs in with the demo password, no record renamed.
    expect((await env.anonymous.post('/api/auth/login', { username: 'inspector1', password: 'Demo@2026' })).statusCode).toBe(200);
    expect((await env.db.one<{ n: number }>(`SELECT (SELECT count(*) FROM entities WHERE name = '越权修改') + (SELECT count(*) FROM inspectors WHERE name = '越权')
      + (SELECT count(*) FROM users WHERE username = 'takeover') + (SELECT count(*) FROM organizations WHERE code = 'TAKEN') AS n`))!.n).toBe(0);
  });

  it('guessing ids never returns another district’s entity, inspector, user or organisation', async () => {
    const guesses: [string, string, (b: Record<string, unknown>) => number][] = [
      ['/api/entities/', 'SELECT max(id) AS n FROM entities', (b) => b.orgId as number],
      ['/api/inspectors/', 'SELECT max(id) AS n FROM inspectors', (b) => b.orgId as number],
      ['/api/users/', 'SELECT max(id) AS n FROM users', (b) => b.orgId as number],
      ['/api/orgs/', 'SELECT max(id) AS n FROM organizations', (b) => b.id as number],
    ];
    for (const [prefix, maxSql, orgOf] of guesses) {
      const max = (await env.db.one<{ n: number }>(maxSql))!.n;
      let visible = 0;
      for (let id = 1; id <= max; id++) {
        const res = await districtAdmin.get(`${prefix}${id}`);
        if (res.statusCode === 200) {
          expect(xz.orgIds, `${prefix}${id}`).toContain(orgOf(res.json()));
          visible++;
        } else {
          expect(res.statusCode, `${prefix}${id}`).toBe(404);
        }
      }
      expect(visible, prefix).toBeGreaterThan(0);
    }
  });

  it('lists only show the district’s own records', async () => {
    const lists: [string, (row: Record<string, unknown>) => number][] = [
      ['/api/entities?pageSize=100', (r) => r.orgId as number],
      ['/api/inspectors?pageSize=100', (r) => r.orgId as number],
      ['/api/users?pageSize=100', (r) => r.orgId as number],
    ];
    for (const [url, orgOf] of lists) {
      const body = (await districtAdmin.get(url)).json();
      expect(body.rows.length, url).toBeGreaterThan(0);
      for (const row of body.rows) expect(xz.orgIds, url).toContain(orgOf(row));
    }
    const orgs = (await districtAdmin.get('/api/orgs')).json() as { id: number }[];
    expect(orgs.map((o) => o.id).sort()).toEqual([...xz.orgIds].sort());
  });

  it('cannot create records in another district, nor widen their own scope', async () => {
    const entity = await districtAdmin.post('/api/entities', {
      uscc: '91330402MA2B00000X', name: '越权新增', category: 'other', regionCode: '330402', address: '南湖区', orgId: nh.orgIds[1] ?? nh.orgIds[0], riskClass: 'low',
    });
    expect(entity.statusCode).toBeGreaterThanOrEqual(400);
    expect(entity.statusCode).toBeLessThan(500);
    const me = (await districtAdmin.get('/api/auth/me')).json();
    const widen = await districtAdmin.put(`/api/users/${me.id}`, {
      username: 'xzadmin', displayName: '秀洲区管理员', orgId: xz.orgIds[0], roles: ['admin'], scopeMode: 'named', scopeOrgIds: [nh.orgIds[0]], active: true,
    });
    expect(widen.statusCode).toBe(400);
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM entities WHERE name LIKE '越权%'`))!.n).toBe(0);
  });

  it('metrics and the audit log stay inside the scope', async () => {
    const res = await districtAdmin.get('/api/metrics?from=2026-01-01&to=2026-12-31&org=NH-WJJ');
    expect(res.statusCode).toBe(404);
    expect((await districtAdmin.get('/api/metrics?from=2026-01-01&to=2026-12-31&org=XZ-WJJ')).statusCode).toBe(200);
    const audit = (await districtAdmin.get('/api/audit?pageSize=100')).json();
    for (const row of audit.rows) expect(xz.orgIds).toContain(row.orgId);
  });
});
