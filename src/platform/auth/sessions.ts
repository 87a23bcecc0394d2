import crypto from 'node:crypto';
import type { Queryable } from '../db';
import type { AuthUser } from '../access/user';
import { resolveScope, type ScopeMode } from '../access/scope';
import { isPermission, type Permission } from '../access/permissions';

export const SESSION_COOKIE = 'sid';
// A session's expiry is pushed forward on use, but at most this often, to spare writes.
const TOUCH_INTERVAL_SECONDS = 60;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, userId: number, ttlMinutes: number, ip: string, userAgent: string | undefined): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO sessions (id, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, now() + make_interval(mins => $3), $4, $5)`,
    [hashToken(token), userId, ttlMinutes, ip, userAgent?.slice(0, 300) ?? null]);
  return token;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)]);
}

interface SessionUserRow {
  session_id: string; touch: boolean; id: number; username: string; display_name: string; org_id: number;
  org_code: string; org_name: string; scope_mode: ScopeMode; scope_org_ids: number[]; locale: 'zh-CN' | 'en';
  roles: string[] | null; permissions: string[] | null;
}

/** Loads the user behind a session token, or undefined when it is unknown, expired or disabled. */
export async function userForToken(db: Queryable, token: string, ttlMinutes: number): Promise<AuthUser | undefined> {
  const row = await db.one<SessionUserRow>(
    `SELECT s.id AS session_id, s.last_seen_at < now() - make_interval(secs => $2) AS touch,
            u.id, u.username, u.display_name, u.org_id, o.code AS org_code, o.name AS org_name,
            u.scope_mode, u.scope_org_ids, u.locale,
            (SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = u.id) AS roles,
            (SELECT array_agg(DISTINCT p) FROM user_roles ur JOIN roles r ON r.code = ur.role_code,
                    unnest(r.permissions) AS p WHERE ur.user_id = u.id) AS permissions
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.org_id
      WHERE s.id = $1 AND s.expires_at > now() AND u.active`,
    [hashToken(token), TOUCH_INTERVAL_SECONDS]);
  if (!row) return undefined;
  if (row.touch) {
    await db.query(
      `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2) WHERE id = $1`,
      [row.session_id, ttlMinutes]);
  }
  return buildAuthUser(db, row);
}

async function buildAuthUser(db: Queryable, row: SessionUserRow): Promise<AuthUser> {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgCode: row.org_code,
    orgName: row.org_name,
    roles: row.roles ?? [],
    permissions: new Set((row.permissions ?? []).filter(isPermission) as Permission[]),
    scope: await resolveScope(db, row.scope_mode, row.org_id, row.scope_org_ids ?? []),
    locale: row.locale,
    sessionId: row.session_id,
  };
}
