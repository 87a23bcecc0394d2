// Users, their roles and their data scope. An administrator can only grant what they
// hold themselves: roles whose permissions they have, and organisations in their scope.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords';
import { PERMISSIONS } from '../../platform/access/permissions';
import type { User, UserInput } from './schema';

interface UserRow {
  id: number; username: string; display_name: string; org_id: number; org_name: string; roles: string[] | null;
  scope_mode: User['scopeMode']; scope_org_ids: number[]; phone: string | null; email: string | null; active: boolean; created_at: Date;
}

const SELECT = `SELECT u.*, o.name AS org_name,
  (SELECT array_agg(role_code ORDER BY role_code) FROM user_roles WHERE user_id = u.id) AS roles
  FROM users u JOIN organizations o ON o.id = u.org_id`;

function present(r: UserRow): User {
  return {
    id: r.id, username: r.username, displayName: r.display_name, orgId: r.org_id, orgName: r.org_name, roles: r.roles ?? [],
    scopeMode: r.scope_mode, scopeOrgIds: r.scope_org_ids ?? [], phone: r.phone, email: r.email, active: r.active, createdAt: r.created_at,
  };
}

export interface UserFilter { q: string | null; orgId?: number; role?: string; page: number; pageSize: number }

export async function listUsers(db: Queryable, me: AuthUser, f: UserFilter) {
  const where = [
    'u.org_id = ANY($1::int[])',
    `($2::text IS NULL OR u.username ILIKE '%' || $2 || '%' OR u.display_name LIKE '%' || $2 || '%')`,
    `($3::int IS NULL OR u.org_id IN (SELECT c.id FROM organizations c, organizations p WHERE p.id = $3 AND c.path LIKE p.path || '%'))`,
    `($4::text IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = $4))`,
  ].join(' AND ');
  const params = [me.scope.orgIds, f.q, f.orgId ?? null, f.role ?? null];
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM users u WHERE ${where}`, params))!.n;
  const rows = await db.query<UserRow>(`${SELECT} WHERE ${where} ORDER BY o.path, u.username LIMIT $5 OFFSET $6`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map(present), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export async function getUser(db: Queryable, me: AuthUser, id: number): Promise<User> {
  const row = await db.one<UserRow>(`${SELECT} WHERE u.id = $1`, [id]);
  if (!row || !inScope(me.scope, row.org_id)) throw notFound();
  return present(row);
}

async function assertGrantable(tx: Queryable, me: AuthUser, input: UserInput): Promise<void> {
  if (!inScope(me.scope, input.orgId)) throw badRequest('USER_ORG', '所属机构不存在或不在您的管理范围内');
  if (input.scopeMode === 'named') {
    if (input.scopeOrgIds.length === 0) throw badRequest('USER_SCOPE_EMPTY', '指定机构的数据范围至少选择一个机构');
    const outside = input.scopeOrgIds.filter((id) => !inScope(me.scope, id));
    if (outside.length) throw badRequest('USER_SCOPE_ORG', '数据范围中的机构不存在或不在您的管理范围内');
  }
  const roles = await tx.query<{ code: string; permissions: string[] }>('SELECT code, permissions FROM roles WHERE code = ANY($1::text[])', [input.roles]);
  const unknown = input.roles.filter((r) => !roles.some((x) => x.code === r));
  if (unknown.length) throw badRequest('USER_ROLE', `角色不存在：${unknown.join('、')}`);
  for (const r of roles) {
    const missing = r.permissions.filter((p) => !me.permissions.has(p as keyof typeof PERMISSIONS));
    if (missing.length) throw forbidden(`不能授予超出本人权限的角色“${r.code}”`);
  }
}

async function writeRoles(tx: Queryable, userId: number, roles: string[]) {
  await tx.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  await tx.query('INSERT INTO user_roles (user_id, role_code) SELECT $1, unnest($2::text[])', [userId, [...new Set(roles)]]);
}

export async function createUser(db: Queryable, me: AuthUser, actor: Actor, input: UserInput & { password: string }): Promise<User> {
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest('WEAK_PASSWORD', problem);
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await assertGrantable(tx, me, input);
    if (await tx.one('SELECT 1 FROM users WHERE lower(username) = lower($1)', [input.username])) {
      throw conflict('USERNAME_TAKEN', `用户名“${input.username}”已被使用`);
    }
    const row = await tx.one<{ id: number }>(
      `INSERT INTO users (username, display_name, org_id, password_hash, active, scope_mode, scope_org_ids, phone, email)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
      [input.username, input.displayName, input.orgId, hash, input.active, input.scopeMode,
        input.scopeMode === 'named' ? input.scopeOrgIds : [], input.phone, input.email]);
    await writeRoles(tx, row!.id, input.roles);
    const created = await getUser(tx, me, row!.id);
    await recordAudit(tx, actor, { action: 'user.create', objectType: 'user', objectId: created.id, after: created });
    return created;
  });
}

export async function updateUser(db: Queryable, me: AuthUser, actor: Actor, id: number, input: UserInput): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await getUser(tx, me, id);
    await assertGrantable(tx, me, input);
    if (id === me.id && !input.active) throw badRequest('USER_SELF_DISABLE', '不能停用自己的账号');
    const other = await tx.one<{ id: number }>('SELECT id FROM users WHERE lower(username) = lower($1)', [input.username]);
    if (other && other.id !== id) throw conflict('USERNAME_TAKEN', `用户名“${input.username}”已被使用`);
    await tx.query(
      `UPDATE users SET username=$2, display_name=$3, org_id=$4, active=$5, scope_mode=$6, scope_org_ids=$7, phone=$8, email=$9, updated_at=now()
        WHERE id=$1`,
      [id, input.username, input.displayName, input.orgId, input.active, input.scopeMode,
        input.scopeMode === 'named' ? input.scopeOrgIds : [], input.phone, input.email]);
    await writeRoles(tx, id, input.roles);
    // A disabled account is signed out everywhere at once.
    if (!input.active) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    const after = await getUser(tx, me, id);
    await recordAudit(tx, actor, { action: 'user.update', objectType: 'user', objectId: id, before, after });
    return after;
  });
}

export async function resetPassword(db: Queryable, me: AuthUser, actor: Actor, id: number, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw badRequest('WEAK_PASSWORD', problem);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await getUser(tx, me, id);
    await tx.query('UPDATE users SET password_hash=$2, password_changed_at=now(), updated_at=now() WHERE id=$1', [id, hash]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    await recordAudit(tx, actor, { action: 'user.reset_password', objectType: 'user', objectId: id });
  });
}

// ---- roles ----

export async function listRoles(db: Queryable) {
  return db.query<{ code: string; name: string; nameEn: string; permissions: string[]; system: boolean; users: number }>(
    `SELECT r.code, r.name, r.name_en AS "nameEn", r.permissions, r.system,
            (SELECT count(*)::int FROM user_roles ur WHERE ur.role_code = r.code) AS users
       FROM roles r ORDER BY r.system DESC, r.code`);
}

export async function saveRole(db: Queryable, me: AuthUser, actor: Actor, input: { code: string; name: string; nameEn: string; permissions: string[] }, creating: boolean) {
  const missing = input.permissions.filter((p) => !me.permissions.has(p as keyof typeof PERMISSIONS));
  if (missing.length) throw forbidden('不能设置超出本人权限的角色权限');
  return db.transaction(async (tx) => {
    const before = await tx.one<{ system: boolean }>('SELECT code, name, name_en, permissions, system FROM roles WHERE code = $1', [input.code]);
    if (creating && before) throw conflict('ROLE_CODE_TAKEN', `角色代码“${input.code}”已存在`);
    if (!creating && !before) throw notFound('角色不存在');
    if (before?.system) throw forbidden('系统内置角色不能修改；如需调整，请新建自定义角色');
    await tx.query(
      `INSERT INTO roles (code, name, name_en, permissions, system) VALUES ($1,$2,$3,$4,false)
       ON CONFLICT (code) DO UPDATE SET name=EXCLUDED.name, name_en=EXCLUDED.name_en, permissions=EXCLUDED.permissions, updated_at=now()`,
      [input.code, input.name, input.nameEn, [...new Set(input.permissions)]]);
    await recordAudit(tx, actor, { action: creating ? 'role.create' : 'role.update', objectType: 'role', objectId: input.code, before: before ?? null, after: input });
    return (await listRoles(tx)).find((r) => r.code === input.code)!;
  });
}
