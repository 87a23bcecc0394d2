// Data scope: which organisations' records a user may see and change. Resolved on the
// server for every request and applied inside every query (org_id = ANY(scope.orgIds)).
import type { Queryable } from '../db';
import { notFound } from '../http/errors';

export type ScopeMode = 'own_subtree' | 'named';

export interface Scope {
  mode: ScopeMode;
  /** The organisations named by the scope (the user's own org for own_subtree). */
  rootOrgIds: number[];
  /** Every organisation visible: the roots and everything under them. */
  orgIds: number[];
  /**
   * Every organisation there is (a city-wide user). Queries may then skip the scope
   * condition's index work, which would otherwise read every row.
   */
  wholeTree: boolean;
}

export async function resolveScope(db: Queryable, mode: ScopeMode, ownOrgId: number, namedOrgIds: number[]): Promise<Scope> {
  const rootOrgIds = mode === 'own_subtree' ? [ownOrgId] : namedOrgIds;
  if (rootOrgIds.length === 0) return { mode, rootOrgIds, orgIds: [], wholeTree: false };
  const rows = await db.query<{ id: number; total: number }>(
    `SELECT o.id, (SELECT count(*)::int FROM organizations) AS total FROM organizations o
       JOIN organizations r ON r.id = ANY($1::int[]) AND o.path LIKE r.path || '%'
      GROUP BY o.id ORDER BY o.id`,
    [rootOrgIds],
  );
  return { mode, rootOrgIds, orgIds: rows.map((r) => r.id), wholeTree: rows.length > 0 && rows.length === rows[0].total };
}

export function inScope(scope: Scope, orgId: number | null | undefined): boolean {
  return orgId !== null && orgId !== undefined && scope.orgIds.includes(orgId);
}

/** Records outside the caller's scope answer 404, exactly like ids that do not exist. */
export function assertInScope(scope: Scope, orgId: number | null | undefined): void {
  if (!inScope(scope, orgId)) throw notFound();
}
