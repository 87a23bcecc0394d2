// Signing in and out. Failed attempts are throttled per account and per address; the
// response never says whether the account exists.
import type { AppContext } from '../../platform/http/types';
import type { AuthUser } from '../../platform/access/user';
import { AppError, badRequest } from '../../platform/http/errors';
import { createSession, deleteSession } from '../../platform/auth/sessions';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords';
import { THROTTLE, clearFailures, lockedFor, recordFailure, throttleKeys } from '../../platform/auth/throttle';
import { recordAudit } from '../../platform/audit/audit';
import { enforcementStatusOfUser } from '../inspectors/service';

export async function login(ctx: AppContext, username: string, password: string, ip: string, userAgent: string | undefined): Promise<string> {
  const { db } = ctx;
  const keys = throttleKeys(username, ip);
  const minutes = await lockedFor(db, [keys.account, keys.address]);
  if (minutes > 0) throw new AppError(429, 'LOGIN_THROTTLED', `登录失败次数过多，请${minutes}分钟后再试`);
  const user = await db.one<{ id: number; username: string; org_id: number; password_hash: string; active: boolean }>(
    'SELECT id, username, org_id, password_hash, active FROM users WHERE lower(username) = lower($1)', [username]);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, keys.account, THROTTLE.maxFailuresPerAccount);
      await recordFailure(tx, keys.address, THROTTLE.maxFailuresPerAddress);
    });
    throw new AppError(401, 'INVALID_CREDENTIALS', user && ok && !user.active ? '账号已停用，请联系系统管理员' : '用户名或密码错误');
  }
  return db.transaction(async (tx) => {
    await clearFailures(tx, keys.account);
    const token = await createSession(tx, user.id, ctx.config.sessionTtlMinutes, ip, userAgent);
    await recordAudit(tx, { userId: user.id, username: user.username, orgId: user.org_id, ip }, { action: 'auth.login', objectType: 'user', objectId: user.id });
    return token;
  });
}

export async function logout(ctx: AppContext, user: AuthUser | undefined, token: string | undefined, ip: string): Promise<void> {
  if (!token) return;
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, token);
    if (user) await recordAudit(tx, { userId: user.id, username: user.username, orgId: user.orgId, ip }, { action: 'auth.logout', objectType: 'user', objectId: user.id });
  });
}

export async function changePassword(ctx: AppContext, user: AuthUser, current: string, next: string, ip: string): Promise<void> {
  const row = await ctx.db.one<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
  if (!row || !(await verifyPassword(row.password_hash, current))) throw badRequest('WRONG_PASSWORD', '当前密码不正确');
  const problem = passwordProblem(next);
  if (problem) throw badRequest('WEAK_PASSWORD', problem);
  const hash = await hashPassword(next);
  await ctx.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [user.id, hash]);
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [user.id, user.sessionId]);
    await recordAudit(tx, { userId: user.id, username: user.username, orgId: user.orgId, ip }, { action: 'auth.change_password', objectType: 'user', objectId: user.id });
  });
}

export async function describeMe(ctx: AppContext, user: AuthUser) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    org: { id: user.orgId, code: user.orgCode, name: user.orgName },
    roles: user.roles,
    permissions: [...user.permissions].sort(),
    scope: user.scope,
    inspector: await enforcementStatusOfUser(ctx, user.id),
  };
}
