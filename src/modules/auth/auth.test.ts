import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('POST /api/auth/login', () => {
  it('signs in with the demo password and sets an httpOnly SameSite session cookie', async () => {
    const res = await env.anonymous.post('/api/auth/login', { username: 'admin', password: 'Demo@2026' });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(res.json()).toMatchObject({ username: 'admin', roles: ['admin'] });
  });

  it('answers 401 with a Chinese message on a wrong password, without saying which part was wrong', async () => {
    const res = await env.anonymous.post('/api/auth/login', { username: 'leader', password: 'wrong-password1' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    const unknown = await env.anonymous.post('/api/auth/login', { username: 'nobody', password: 'wrong-password1' });
    expect(unknown.json()).toEqual(res.json());
  });

  it('locks an account after repeated failures (throttling)', async () => {
    for (let i = 0; i < 5; i++) await env.anonymous.post('/api/auth/login', { username: 'office', password: `bad${i}password` });
    const res = await env.anonymous.post('/api/auth/login', { username: 'office', password: 'Demo@2026' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('LOGIN_THROTTLED');
  });
});

describe('sessions', () => {
  it('GET /api/auth/me returns the user, roles and scope; without a session 401', async () => {
    const inspector = await env.as('inspector1');
    const me = (await inspector.get('/api/auth/me')).json();
    expect(me.roles).toEqual(['inspector']);
    expect(me.org.name).toBe('嘉兴市南湖区卫生监督所');
    expect(me.scope.mode).toBe('own_subtree');
    expect(me.inspector).toMatchObject({ canEnforce: true });
    expect((await env.anonymous.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const res = await env.anonymous.post('/api/auth/login', { username: 'hotline', password: 'Demo@2026' });
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a cross-site write but accepts a client that sends no Origin', async () => {
    const admin = await env.as('admin');
    const crossSite = await admin.put('/api/auth/locale', { locale: 'en' }, { origin: 'https://evil.example', host: 'localhost' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('CROSS_SITE');
    const script = await admin.put('/api/auth/locale', { locale: 'zh-CN' });
    expect(script.statusCode).toBe(200);
  });

  it('sets security headers', async () => {
    const res = await env.anonymous.get('/api/auth/me');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
