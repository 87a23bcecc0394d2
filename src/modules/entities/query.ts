// The directory's filter and search, as one SQL WHERE clause shared by the list, the
// Excel export and the benchmark. Search uses the search_keys GIN index (searchKeys.ts):
// a word of two or more characters must have all its character pairs (then LIKE
// rechecks the exact substring when it is longer than two); a single character must be
// one of the row's characters. The scope and the filters join the search as keys of
// the same index, so the index alone narrows a search to a district. A short query of
// letters and digits also matches USCC prefixes (btree on org_id, uscc); one that looks
// like a code (CODE_ONLY) matches only those.
import type { CreditGrade, EntityCategory, RiskClass } from './categories';
import { attributeKey, wordKeys } from './searchKeys';
import { escapeLike } from '../../platform/db/like';

export interface EntityFilter {
  q?: string | null;
  category?: EntityCategory | null;
  regionCode?: string | null;
  riskClass?: RiskClass | null;
  creditGrade?: CreditGrade | null;
  blacklisted?: boolean | null;
  /** Limit to this organisation's subtree (must itself be in scope). */
  orgId?: number | null;
}

export interface SqlFragment { where: string; params: unknown[] }

/** The caller's data scope (platform/access/scope.ts). */
export interface EntityScope { orgIds: number[]; wholeTree: boolean }


const CODE_FRAGMENT = /^[0-9A-Za-z]{2,18}$/;
/**
 * Six or more letters and digits, at least four of them digits, are a code being typed,
 * not a word of a name or address (an English name such as Starbucks has no digits).
 */
const CODE_ONLY = /^(?=(?:[^0-9]*[0-9]){4})[0-9A-Za-z]{6,18}$/;
export const MAX_QUERY_WORDS = 5;

/**
 * WHERE clause (alias e = entities) for a filter within a scope. Parameters are
 * numbered from firstParam so callers can put their own before.
 */
export function entityWhere(filter: EntityFilter, scope: EntityScope, firstParam = 1): SqlFragment {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${firstParam + params.length - 1}`; };
  const scopeParam = p(scope.orgIds);
  const inScope = `e.org_id = ANY(${scopeParam}::int[])`;
  const clauses = [inScope];
  if (filter.orgId) {
    clauses.push(`e.org_id IN (SELECT c.id FROM organizations c, organizations r WHERE r.id = ${p(filter.orgId)} AND c.path LIKE r.path || '%')`);
  }
  if (filter.category) clauses.push(`e.category = ${p(filter.category)}`);
  if (filter.regionCode) clauses.push(`e.region_code = ${p(filter.regionCode)}`);
  if (filter.riskClass) clauses.push(`e.risk_class = ${p(filter.riskClass)}`);
  if (filter.creditGrade) clauses.push(`e.credit_grade = ${p(filter.creditGrade)}`);
  if (filter.blacklisted !== undefined && filter.blacklisted !== null) clauses.push(`e.blacklisted = ${p(filter.blacklisted)}`);
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_WORDS);
  if (words.length > 0) {
    const raw = (filter.q ?? '').trim();
    // A function, so its parameter is added only when the clause is used. It names the
    // scope again so that, as one arm of an OR, it can still use the (org_id, uscc) index.
    const codePrefix = () => `(e.org_id = ANY(${scopeParam}::int[]) AND e.uscc LIKE ${p(`${escapeLike(raw.toUpperCase())}%`)})`;
    if (CODE_ONLY.test(raw)) {
      clauses.push(codePrefix());
    } else {
      const keys = new Set(words.flatMap(wordKeys));
      if (filter.category) keys.add(attributeKey('category', filter.category));
      if (filter.regionCode) keys.add(attributeKey('region', filter.regionCode));
      if (filter.riskClass) keys.add(attributeKey('risk', filter.riskClass));
      if (filter.creditGrade) keys.add(attributeKey('credit', filter.creditGrade));
      // A word of one or two characters is exactly one key: the index answers it alone.
      // Longer words are rechecked as substrings (their pairs may be scattered).
      const likes = words.filter((w) => [...w].length > 2).map((w) => ` AND e.search_text LIKE ${p(`%${escapeLike(w)}%`)}`).join('');
      // A district's search has its organisations as keys too (a city-wide search has none:
      // every organisation's key together is every row). The scope and filter conditions
      // stay as checks but are kept out of the index plan (IS TRUE): the planner would
      // otherwise also read their btrees (a district's 300,000 rows) and AND them in.
      let search = `e.search_keys @> ${p([...keys])}::bigint[]`;
      if (!scope.wholeTree) search += ` AND e.search_keys && ${p(scope.orgIds.map((id) => attributeKey('org', id)))}::bigint[]`;
      for (let i = 0; i < clauses.length; i++) clauses[i] = `(${clauses[i]}) IS TRUE`;
      search = `(${search}${likes})`;
      clauses.push(CODE_FRAGMENT.test(raw) ? `(${search} OR ${codePrefix()})` : search);
    }
  }
  return { where: clauses.join(' AND '), params };
}
