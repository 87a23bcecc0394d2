import type { RouteModule } from '../../platform/http/types';
import { SESSION_COOKIE, userForToken } from '../../platform/auth/sessions';
import { okResponse } from '../../platform/http/schemas';
import { recordAudit } from '../../platform/audit/audit';
import { actorOf } from '../../platform/access/user';
import * as s from './schema';
import { changePassword, describeMe, login, logout } from './service';

export const authRoutes: RouteModule = (app, ctx) => {
  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: '登录', security: [], body: s.loginBody, response: { 200: s.meResponse } },
  }, async (req, reply) => {
    const token = await login(ctx, req.body.username, req.body.password, req.ip, req.headers['user-agent']);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https',
      maxAge: ctx.config.sessionTtlMinutes * 60,
    });
    // Answer with the same body as /me so the web app needs no second round trip.
    const user = await userForToken(ctx.db, token, ctx.config.sessionTtlMinutes);
    return describeMe(ctx, user!);
  });

  app.post('/api/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: okResponse } },
  }, async (req, reply) => {
    await logout(ctx, req.user, req.cookies[SESSION_COOKIE], req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '当前用户、角色和数据范围', response: { 200: s.meResponse } },
  }, async (req) => describeMe(ctx, req.user!));

  app.post('/api/auth/password', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '修改本人密码', body: s.passwordBody, response: { 200: okResponse } },
  }, async (req) => {
    await changePassword(ctx, req.user!, req.body.currentPassword, req.body.newPassword, req.ip);
    return { ok: true as const };
  });

  app.put('/api/auth/locale', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '设置界面语言', body: s.localeBody, response: { 200: okResponse } },
  }, async (req) => {
    const user = req.user!;
    await ctx.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET locale = $2, updated_at = now() WHERE id = $1', [user.id, req.body.locale]);
      await recordAudit(tx, actorOf(user, req.ip), { action: 'user.set_locale', objectType: 'user', objectId: user.id, before: { locale: user.locale }, after: { locale: req.body.locale } });
    });
    return { ok: true as const };
  });
};
