// Reference data several pages need (organisations, roles, regions), fetched once and
// shared through the query cache.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from './api';
import { useAuth } from './auth';
import type { Org, PermissionInfo, Region, RegionDetail, Role } from './types';

/** The city whose districts are offered in region pickers (GB/T 2260). */
export const CITY_REGION_CODE = '330400';

export function useOrgs() {
  const { can } = useAuth();
  return useQuery({
    queryKey: ['orgs'],
    queryFn: () => api.get<Org[]>('/api/orgs'),
    enabled: can('orgs.read'),
    staleTime: 60_000,
  });
}

/**
 * The server's today (China time, 'YYYY-MM-DD'): date forms default to it and offer no
 * later date, whatever the browser's clock or time zone says.
 */
export function useServerToday() {
  return useQuery({
    queryKey: ['today'],
    queryFn: async () => (await api.get<{ today: string }>('/api/calendar/today')).today,
    staleTime: 60_000,
  });
}

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/api/roles'), staleTime: 60_000 });
}

export function usePermissions() {
  return useQuery({ queryKey: ['permissions'], queryFn: () => api.get<PermissionInfo[]>('/api/permissions'), staleTime: 300_000 });
}

export function useRegions(parent: string = CITY_REGION_CODE) {
  return useQuery({
    queryKey: ['regions', parent],
    queryFn: async () => {
      const [self, children] = await Promise.all([
        api.get<RegionDetail>(`/api/regions/${parent}`).catch(() => null),
        api.get<Region[]>(`/api/regions${qs({ parent })}`),
      ]);
      return { self, children };
    },
    staleTime: 3_600_000,
  });
}

export interface OrgNode extends Org { children?: OrgNode[] }

/** The flat, path-ordered list as a tree (an organisation whose parent is out of scope becomes a root). */
export function orgTree(orgs: Org[]): OrgNode[] {
  const byId = new Map<number, OrgNode>();
  for (const o of orgs) byId.set(o.id, { ...o });
  const roots: OrgNode[] = [];
  for (const o of orgs) {
    const node = byId.get(o.id)!;
    const parent = o.parentId !== null ? byId.get(o.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
