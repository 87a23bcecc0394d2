// The keys of the directory's search index (column search_keys, bigint[], GIN): every
// character and every pair of adjacent characters of the entity's name, address and
// legal representative (Chinese has no word boundaries PostgreSQL understands, and
// pg_trgm needs three characters), plus one key for each attribute a search is
// combined with: supervising organisation, category, region, risk class, credit grade.
// With those in the same index a search within a district's scope, or a search plus a
// filter, is answered by the index alone instead of fetching every city-wide match.
//
// Keys are integers rather than the text grams of migrations 0002–0006: integer keys
// compare without the collation, make the index half the size, and halve the cost of
// writing a row (measured in bench/RESULTS.md). The encoding, mirrored by the SQL of
// migration 0007 for rows written before it:
//   character          code point c                          < 2^21
//   pair of characters a · 2^21 + b                           2^21 … 2^42
//   attribute          2^43 · kind + value                    ≥ 2^43 (exact in a JS number)
import { CREDIT_GRADES, ENTITY_CATEGORIES, RISK_CLASSES, type CreditGrade, type EntityCategory, type RiskClass } from './categories';

const PAIR_BASE = 2 ** 21;
const ATTRIBUTE_BASE = 2 ** 43;

/** Attribute kinds. Stored in every row's keys: never renumber, only append. */
const ATTRIBUTE_KIND = { org: 1, category: 2, region: 3, risk: 4, credit: 5 } as const;

/** Attribute values are positions in these lists: append only, for the same reason. */
const ATTRIBUTE_VALUES = { category: ENTITY_CATEGORIES, risk: RISK_CLASSES, credit: CREDIT_GRADES } as const;

export interface SearchableEntity {
  name: string; address: string; legal_rep: string | null; org_id: number; category: EntityCategory;
  region_code: string; risk_class: RiskClass | null; credit_grade: CreditGrade | null;
}

type AttributeKind = keyof typeof ATTRIBUTE_KIND;

/** The key of one attribute value (org id, region code as a number, or a list's value). */
export function attributeKey(kind: AttributeKind, value: string | number): number {
  let n: number;
  if (kind === 'org') n = Number(value);
  else if (kind === 'region') n = Number(value);
  else n = (ATTRIBUTE_VALUES[kind] as readonly string[]).indexOf(String(value));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`no search key for ${kind}=${value}`);
  return ATTRIBUTE_BASE * ATTRIBUTE_KIND[kind] + n;
}

/** Words of searchable text: split at whitespace and control characters, lower-cased. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[\s\u0000-\u001f]+/).filter(Boolean);
}

function addTextKeys(keys: Set<number>, word: string, singles: boolean) {
  const cps = [...word].map((ch) => ch.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    if (singles) keys.add(cps[i]);
    if (i + 1 < cps.length) keys.add(cps[i] * PAIR_BASE + cps[i + 1]);
  }
}

/** Every key stored for an entity, without repeats. */
export function entitySearchKeys(e: SearchableEntity): number[] {
  const keys = new Set<number>();
  for (const w of words(`${e.name} ${e.address} ${e.legal_rep ?? ''}`)) addTextKeys(keys, w, true);
  keys.add(attributeKey('org', e.org_id));
  keys.add(attributeKey('category', e.category));
  keys.add(attributeKey('region', e.region_code));
  if (e.risk_class) keys.add(attributeKey('risk', e.risk_class));
  if (e.credit_grade) keys.add(attributeKey('credit', e.credit_grade));
  return [...keys];
}

/** The keys a query word requires: its pairs, or the character itself when it is one. */
export function wordKeys(word: string): number[] {
  const keys = new Set<number>();
  addTextKeys(keys, word.toLowerCase(), [...word].length === 1);
  return [...keys];
}
