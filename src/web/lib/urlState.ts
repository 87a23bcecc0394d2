// List filters kept in the URL query string, so a filtered list can be linked to
// (the home page links to /inspectors?status=expiring) and survives a reload.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 20;

type Value = string | number | boolean | null | undefined;

export interface UrlFilters<K extends string> {
  /** The filter values as they stand in the URL (strings; absent = undefined). */
  values: Partial<Record<K, string>>;
  page: number;
  pageSize: number;
  /** Changes filters; changing any filter goes back to page 1. */
  set(patch: Partial<Record<K, Value>>): void;
  setPage(page: number, pageSize?: number): void;
  reset(): void;
  /** The filters plus page and pageSize, ready for qs(). */
  query: Record<string, string | number>;
}

export function useUrlFilters<K extends string>(keys: readonly K[], defaultPageSize = DEFAULT_PAGE_SIZE): UrlFilters<K> {
  const [params, setParams] = useSearchParams();
  const keyList = keys.join(',');

  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const k of keyList.split(',') as K[]) {
      const v = params.get(k);
      if (v !== null && v !== '') out[k] = v;
    }
    return out;
  }, [params, keyList]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));

  const set = useCallback((patch: Partial<Record<K, Value>>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch) as [string, Value][]) {
        if (v === undefined || v === null || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      next.delete('page');
      return next;
    }, { replace: true });
  }, [setParams]);

  const setPage = useCallback((p: number, size?: number) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (p <= 1) next.delete('page'); else next.set('page', String(p));
      if (size !== undefined) {
        if (size === defaultPageSize) next.delete('pageSize'); else next.set('pageSize', String(size));
      }
      return next;
    }, { replace: true });
  }, [setParams, defaultPageSize]);

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  const query = useMemo(() => ({ ...values, page, pageSize }) as Record<string, string | number>, [values, page, pageSize]);

  return { values, page, pageSize, set, setPage, reset, query };
}
