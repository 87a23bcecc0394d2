// Opening a list from a figure (the dashboard, the annual report): recordsLink() and the
// dashboard's overdue table put `from`, `to`, `org` (an organisation code) and `overdue=1`
// in the URL. A list page calls useRecordLinkFilters with the names of its own filters;
// the hook rewrites the URL once into those filters (org code → organisation id, from/to
// → the page's period keys, overdue=1 → the page's overdue filter), so the page opens
// filtered and its filter controls show it.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useOrgs } from './queries';

export interface RecordLinkKeys {
  /** The page's keys for the period's first and last day; null when the page has no period filter (the dates are dropped). */
  from: string | null;
  to: string | null;
  /** The page's key for the organisation id (with everything under it); null when it has none. */
  orgId: string | null;
  /** The page's overdue filter, as [key, value]; null when it has none. */
  overdue?: readonly [string, string] | null;
  /** A page filtering by year: the year of `from` goes to this key. */
  year?: string;
}

const LINK_KEYS = ['from', 'to', 'org', 'overdue'] as const;

/** True while the URL still carries link parameters to translate (the page should wait before fetching). */
export function useRecordLinkFilters(keys: RecordLinkKeys): boolean {
  const [params, setParams] = useSearchParams();
  const orgs = useOrgs();
  const target: Record<(typeof LINK_KEYS)[number], string | null> = {
    from: keys.year ? null : keys.from, to: keys.year ? null : keys.to, org: keys.orgId, overdue: keys.overdue?.[0] ?? null,
  };
  const pending = LINK_KEYS.some((k) => params.has(k) && (k === 'org' || target[k] !== k || (k === 'overdue' && params.get(k) !== keys.overdue?.[1])));
  const orgsReady = !params.has('org') || !!orgs.data || orgs.isError;

  useEffect(() => {
    if (!pending || !orgsReady) return;
    const next = new URLSearchParams(params);
    const from = next.get('from');
    for (const k of ['from', 'to'] as const) {
      const v = next.get(k);
      next.delete(k);
      if (v && target[k]) next.set(target[k]!, v);
    }
    if (keys.year && from) next.set(keys.year, from.slice(0, 4));
    const code = next.get('org');
    next.delete('org');
    const org = code ? orgs.data?.find((o) => o.code === code) : undefined;
    if (org && keys.orgId) next.set(keys.orgId, String(org.id));
    const overdue = next.get('overdue');
    next.delete('overdue');
    if (overdue && keys.overdue) next.set(keys.overdue[0], keys.overdue[1]);
    setParams(next, { replace: true });
  }, [pending, orgsReady]); // eslint-disable-line react-hooks/exhaustive-deps

  return pending;
}
