// Organisation tree. Paths ('/1/4/9/') are rebuilt from parent_id after every change so
// subtree queries stay a prefix match; a parent can never be moved under its own subtree.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { regionFullName } from '../../core/codes/region';
import type { Org, OrgInput } from './schema';

interface OrgRow {
  id: number; code: string; name: string; parent_id: number | null; region_code: string; kind: Org['kind'];
  population: number | null; active: boolean; path: string;
}

function present(r: OrgRow): Org {
  return {
    id: r.id, code: r.code, name: r.name, parentId: r.parent_id, regionCode: r.region_code,
    regionName: regionFullName(r.region_code) ?? null, kind: r.kind, population: r.population, active: r.active,
    depth: r.path.split('/').filter(Boolean).length - 1,
  };
}

/** Recomputes every path from parent_id (organisations number in the thousands at most). */
export async function rebuildOrgPaths(tx: Queryable): Promise<void> {
  await tx.query(`
    WITH RECURSIVE t AS (
      SELECT id, '/' || id || '/' AS path FROM organizations WHERE parent_id IS NULL
      UNION ALL
      SELECT o.id, t.path || o.id || '/' FROM organizations o JOIN t ON o.parent_id = t.id
    )
    UPDATE organizations o SET path = t.path FROM t WHERE t.id = o.id AND o.path <> t.path`);
}

export async function listOrgs(db: Queryable, user: AuthUser, q: string | null): Promise<Org[]> {
  const rows = await db.query<OrgRow>(
    `SELECT * FROM organizations WHERE id = ANY($1::int[])
       AND ($2::text IS NULL OR name LIKE '%' || $2 || '%' OR code ILIKE '%' || $2 || '%')
     ORDER BY path`, [user.scope.orgIds, q]);
  return rows.map(present);
}

export async function getOrg(db: Queryable, user: AuthUser, id: number): Promise<Org> {
  assertInScope(user.scope, id);
  const row = await db.one<OrgRow>('SELECT * FROM organizations WHERE id = $1', [id]);
  if (!row) throw notFound();
  return present(row);
}

export async function orgByCode(db: Queryable, code: string): Promise<{ id: number; path: string } | undefined> {
  return db.one('SELECT id, path FROM organizations WHERE code = $1', [code]);
}

async function assertParentAllowed(tx: Queryable, user: AuthUser, orgId: number | null, parentId: number | null) {
  if (parentId === null) {
    // A new root is a new jurisdiction: only by import or by an administrator whose
    // scope already covers every existing root.
    throw forbidden('不能通过界面新建或移出顶级机构；请选择上级机构');
  }
  if (!inScope(user.scope, parentId)) throw badRequest('ORG_PARENT_SCOPE', '上级机构不存在或不在您的管理范围内');
  if (orgId !== null) {
    const cycle = await tx.one(
      `SELECT 1 FROM organizations p, organizations o WHERE p.id = $1 AND o.id = $2 AND p.path LIKE o.path || '%'`, [parentId, orgId]);
    if (cycle) throw badRequest('ORG_CYCLE', '不能把机构移到其自身或其下级机构之下');
  }
}

export async function createOrg(db: Queryable, user: AuthUser, actor: Actor, input: OrgInput): Promise<Org> {
  return db.transaction(async (tx) => {
    await assertParentAllowed(tx, user, null, input.parentId);
    if (await orgByCode(tx, input.code)) throw conflict('ORG_CODE_TAKEN', `机构代码“${input.code}”已被使用`);
    const row = await tx.one<OrgRow>(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind, population, active)
       VALUES ($1,$2,$3,'',$4,$5,$6,$7) RETURNING *`,
      [input.code, input.name, input.parentId, input.regionCode, input.kind, input.population, input.active]);
    await rebuildOrgPaths(tx);
    const created = present((await tx.one<OrgRow>('SELECT * FROM organizations WHERE id = $1', [row!.id]))!);
    await recordAudit(tx, actor, { action: 'org.create', objectType: 'organization', objectId: created.id, after: created });
    return created;
  });
}

export async function updateOrg(db: Queryable, user: AuthUser, actor: Actor, id: number, input: OrgInput): Promise<Org> {
  return db.transaction(async (tx) => {
    assertInScope(user.scope, id);
    const before = await tx.one<OrgRow>('SELECT * FROM organizations WHERE id = $1 FOR UPDATE', [id]);
    if (!before) throw notFound();
    if (input.parentId !== before.parent_id) {
      // The roots of a user's own scope stay where they are: moving one would change
      // what sits above it, which is outside that user's scope.
      if (user.scope.rootOrgIds.includes(id)) throw forbidden('不能移动您管理范围的顶级机构');
      await assertParentAllowed(tx, user, id, input.parentId);
    }
    const other = await orgByCode(tx, input.code);
    if (other && other.id !== id) throw conflict('ORG_CODE_TAKEN', `机构代码“${input.code}”已被使用`);
    await tx.query(
      `UPDATE organizations SET code=$2, name=$3, parent_id=$4, region_code=$5, kind=$6, population=$7, active=$8, updated_at=now()
        WHERE id = $1`,
      [id, input.code, input.name, input.parentId, input.regionCode, input.kind, input.population, input.active]);
    await rebuildOrgPaths(tx);
    const after = present((await tx.one<OrgRow>('SELECT * FROM organizations WHERE id = $1', [id]))!);
    await recordAudit(tx, actor, { action: 'org.update', objectType: 'organization', objectId: id, before: present(before), after });
    return after;
  });
}
