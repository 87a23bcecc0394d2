import type { Permission } from './permissions';
import type { Scope } from './scope';

/** The signed-in user as every handler sees it. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgCode: string;
  orgName: string;
  roles: string[];
  permissions: Set<Permission>;
  scope: Scope;
  locale: 'zh-CN' | 'en';
  sessionId: string;
}

/** Who did something, for the audit log. The CLI and the seeder act as named system actors. */
export interface Actor {
  userId: number | null;
  username: string;
  orgId: number | null;
  ip: string | null;
}

export function actorOf(user: AuthUser, ip: string | null): Actor {
  return { userId: user.id, username: user.username, orgId: user.orgId, ip };
}

export const SYSTEM_ACTOR = (name: string): Actor => ({ userId: null, username: name, orgId: null, ip: null });
