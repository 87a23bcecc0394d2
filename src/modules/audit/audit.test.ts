import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { todayInChina, addDays } from '../../core/calendar/dates';

let env: TestEnv;
const org: Record<string, number> = {};
beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  // A district auditor: reads the audit log of Nanhu only.
  const admin = await env.as('admin');
  const res = await admin.post('/api/users', {
    username: 'nh_auditor', displayName: '南湖区审计', orgId: org['NH-WJJ'], roles: ['leader'],
    scopeMode: 'own_subtree', scopeOrgIds: [], password: 'Audit2026ok',
  });
  if (res.statusCode !== 200) throw new Error(res.body);
});
afterAll(async () => { await env?.close(); });

interface Entry {
  id: number; at: string; userId: number | null; username: string; orgId: number | null; orgName: string | null; action: string;
  objectType: string; objectId: string | null; before: unknown; after: unknown; ip: string | null; hash: string; prevHash: string;
}
interface Page { rows: Entry[]; total: number; totalCapped: boolean; page: number; pageSize: number }

async function list(username: string, query = '', password?: string): Promise<Page> {
  const c = await env.as(username, password);
  const res = await c.get(`/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const count = async (where: string, params: unknown[] = []) =>
  (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, params))!.n;

describe('GET /api/audit', () => {
  it('shows an administrator at the root every entry, newest first, with the chain fields', async () => {
    await env.as('inspector1'); // a login is audited
    const page = await list('admin', 'pageSize=100');
    expect(page.total).toBe(await count('true'));
    expect(page.totalCapped).toBe(false);
    const ids = page.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const login = page.rows.find((r) => r.action === 'auth.login' && r.username === 'inspector1')!;
    expect(login).toMatchObject({ orgId: org['NH-JDS'], orgName: '嘉兴市南湖区卫生监督所', objectType: 'user' });
    expect(login.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(login.at).toISOString()).toBe(login.at);
    // Each entry links to the one before it.
    for (let i = 0; i + 1 < page.rows.length; i++) {
      if (page.rows[i + 1].id === page.rows[i].id - 1) expect(page.rows[i].prevHash).toBe(page.rows[i + 1].hash);
    }
  });

  it('hides system entries from users who do not administer organisations from the root', async () => {
    const leader = await list('leader', 'pageSize=100');
    expect(leader.rows.every((r) => r.orgId !== null)).toBe(true);
    expect(leader.total).toBe(await count('org_id IS NOT NULL'));
    const sys = await list('admin', 'username=seed');
    expect(sys.total).toBe(await count("username = 'seed'"));
    expect(sys.total).toBeGreaterThan(0);
    expect((await list('leader', 'username=seed')).total).toBe(0);
  });

  it('limits a district auditor to the entries of the district', async () => {
    await env.as('inspector2');
    await env.as('inspector3'); // Xiuzhou: outside Nanhu
    const nh = [org['NH-WJJ'], org['NH-JDS']];
    const page = await list('nh_auditor', 'pageSize=100', 'Audit2026ok');
    expect(page.total).toBe(await count('org_id = ANY($1::int[])', [nh]));
    expect(page.rows.every((r) => nh.includes(r.orgId!))).toBe(true);
    expect(page.rows.some((r) => r.username === 'inspector2')).toBe(true);
    expect(page.rows.some((r) => r.username === 'inspector3')).toBe(false);
    // Asking for an organisation outside the district finds nothing.
    expect((await list('nh_auditor', `orgId=${org['XZ-JDS']}`, 'Audit2026ok')).total).toBe(0);
  });

  it('filters by action, user, object, organisation subtree and China-time dates', async () => {
    const byAction = await list('admin', 'action=auth.login&pageSize=100');
    expect(byAction.total).toBe(await count("action = 'auth.login'"));
    expect(byAction.rows.every((r) => r.action === 'auth.login')).toBe(true);

    const byUser = await list('admin', 'username=INSPECTOR');
    expect(byUser.total).toBe(await count("username ILIKE '%inspector%'"));
    expect(byUser.total).toBeGreaterThan(0);
    // LIKE wildcards in the filter are taken literally.
    expect((await list('admin', `username=${encodeURIComponent('%')}`)).total).toBe(0);

    const u1 = (await env.db.one<{ id: number }>("SELECT id FROM users WHERE username = 'inspector1'"))!.id;
    const byObject = await list('admin', `objectType=user&objectId=${u1}`);
    expect(byObject.total).toBe(await count("object_type = 'user' AND object_id = $1", [String(u1)]));
    expect(byObject.rows.every((r) => r.objectId === String(u1))).toBe(true);

    const nh = await list('admin', `orgId=${org['NH-WJJ']}&pageSize=100`);
    expect(nh.total).toBe(await count('org_id = ANY($1::int[])', [[org['NH-WJJ'], org['NH-JDS']]]));

    const today = todayInChina();
    const todayOnly = await list('admin', `from=${today}&to=${today}`);
    expect(todayOnly.total).toBe(await count(`at >= $1::timestamptz AND at < $2::timestamptz`,
      [`${today}T00:00:00+08:00`, `${addDays(today, 1)}T00:00:00+08:00`]));
    expect(todayOnly.total).toBeGreaterThan(0);
    expect((await list('admin', `from=${addDays(today, 1)}`)).total).toBe(0);
    expect((await list('admin', `to=${addDays(today, -1)}`)).total).toBe(await count(`at < $1::timestamptz`, [`${today}T00:00:00+08:00`]));
  });

  it('pages without overlap', async () => {
    const p1 = await list('admin', 'page=1&pageSize=3');
    const p2 = await list('admin', 'page=2&pageSize=3');
    expect(p1.rows).toHaveLength(3);
    expect(p2.rows[0].id).toBeLessThan(p1.rows[2].id);
    expect(p2.page).toBe(2);
  });

  it('rejects bad filters with 400 and forbids roles without audit.read', async () => {
    const admin = await env.as('admin');
    expect((await admin.get('/api/audit?from=2026-02-30')).statusCode).toBe(400);
    expect((await admin.get('/api/audit?from=2026-03-02&to=2026-03-01')).statusCode).toBe(400);
    expect((await admin.get('/api/audit?pageSize=1000')).statusCode).toBe(400);
    expect((await admin.get('/api/audit?page=1000&pageSize=100')).statusCode).toBe(400);
    expect((await admin.get(`/api/audit?action=${'x'.repeat(500)}`)).statusCode).toBe(400);
    for (const u of ['office', 'inspector1', 'legal']) {
      const c = await env.as(u);
      expect((await c.get('/api/audit')).statusCode, u).toBe(403);
      expect((await c.get('/api/audit/verify')).statusCode, u).toBe(403);
      expect((await c.get('/api/audit/actions')).statusCode, u).toBe(403);
    }
  });
});

describe('GET /api/audit/actions', () => {
  it('lists the distinct actions the user may see, sorted', async () => {
    const all = (await (await env.as('admin')).get('/api/audit/actions')).json() as string[];
    const expected = (await env.db.query<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action')).map((r) => r.action);
    expect(all).toEqual(expected);
    expect(all).toContain('seed.users');
    const leader = (await (await env.as('leader')).get('/api/audit/actions')).json() as string[];
    expect(leader).toContain('auth.login');
    expect(leader).not.toContain('seed.users');
  });
});

describe('the hash chain', () => {
  it('verifies after writes', async () => {
    const admin = await env.as('admin');
    const created = await admin.post('/api/orgs', {
      code: 'AUDIT-T1', name: '审计测试机构', parentId: org['NH-WJJ'], regionCode: '330402', kind: 'other', population: null,
    });
    expect(created.statusCode, created.body).toBe(200);
    const res = await (await env.as('leader')).get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checked: await count('true') });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    const last = (await env.db.one<{ id: number }>('SELECT max(id)::int AS id FROM audit_log'))!.id;
    await expect(env.db.query(`UPDATE audit_log SET username = 'x' WHERE id = $1`, [last])).rejects.toThrow(/append-only/);
    await expect(env.db.query('DELETE FROM audit_log WHERE id = $1', [last])).rejects.toThrow(/append-only/);
    await expect(env.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await count('id = $1', [last])).toBe(1);
  });

  it('names the first tampered entry', async () => {
    const victim = (await env.db.one<{ id: number }>(
      "SELECT id::int AS id FROM audit_log WHERE action = 'org.create' ORDER BY id DESC LIMIT 1"))!.id;
    await env.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    try {
      await env.db.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改后的名称"') WHERE id = $1`, [victim]);
    } finally {
      await env.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    }
    const res = (await (await env.as('admin')).get('/api/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.firstBroken.id).toBe(victim);
    expect(res.firstBroken.reason).toContain('内容');
    expect(res.checked).toBe(await count('id < $1', [victim]));
    // The trigger is back on.
    await expect(env.db.query('DELETE FROM audit_log WHERE id = $1', [victim])).rejects.toThrow(/append-only/);
  });
});
