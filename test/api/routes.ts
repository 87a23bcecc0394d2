// Turns the route catalog into concrete requests: every path parameter gets a
// plausible value so the request reaches the access check and the handler.
import type { CatalogEntry } from '../../src/platform/http/app';

const SAMPLE_PARAMS: Record<string, string> = {
  id: '1', code: 'admin', date: '2026-01-05', year: '2026', ruleId: 'staff.inspectors_per_10k_target', orgId: '1', dataset: 'entities',
  progressId: '00000000-0000-4000-8000-000000000000', versionId: '1', evidenceId: '1',
};

export function samplePath(url: string, override: Record<string, string> = {}): string {
  return url
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(override[name] ?? SAMPLE_PARAMS[name] ?? 'x'))
    .replace(/\*$/, override['*'] ?? 'x');
}

export function isWrite(route: CatalogEntry): boolean {
  return route.method !== 'GET';
}
