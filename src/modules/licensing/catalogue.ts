// The service-item catalogue (事项清单 / 权责清单) and its public service guide (办事指南).
//
// Versioned: an item (item_code) has one row per version. A change to its terms never
// updates a row: it marks the current version not current and inserts version + 1, in one
// transaction, so an application keeps the terms it was made under (its item_id names the
// version). Being active and being published to the portal are the state of the item, not
// terms: they are set on the current version (a new version inherits them).
//
// Scope, as for check items: an item belongs to an organisation (the implementing
// commission) and is read by the users whose scope holds it and by the users of its
// subtree (a district sees the city's catalogue, which applies to it). It is changed only
// by users holding licensing.catalogue whose scope holds its organisation; an item the
// user cannot read answers 404, like a missing id. Every change ends with an audit entry.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import { parseChineseNumeral } from '../../core/law/instrumentText';
import { checkReferences, citeOf, readableOrgIds, resolver, shortCitation, type ReferenceErrors } from '../checkitems/service';
import type { BasisCite } from '../checkitems/bundled';
import { BUNDLED_BUNDLES, BUNDLED_CATALOGUE } from './bundledCatalogue';
import {
  CATALOGUE_CATEGORIES, CATEGORY_NAMES, KIND_NAMES, LEVEL_NAMES, REPLACEABLE_NAMES, promisedTooLong,
  type ActiveChange, type BundleInput, type BundleRow, type CatalogueCategory, type CatalogueDetail, type CatalogueItemInput,
  type CatalogueItemUpdate, type CatalogueRow, type GuideDetail, type ItemKind, type ItemLevel, type ListFilters, type ListQuery,
  type MaterialInput, type MaterialRow, type PublicQuery, type Replaceable,
} from './catalogueSchema';

// Arbitrary constant: serialises two processes installing the bundled catalogue into one server database.
const BUNDLED_LOAD_LOCK = 727_025;

const CATEGORY_ORDER = `array_position('{${CATALOGUE_CATEGORIES.join(',')}}'::text[], c.category)`;

/** A material as stored (materials jsonb): licenceName only when an electronic licence replaces it. */
export interface StoredMaterial { code: string; name: string; required: boolean; replaceable: Replaceable | null; licenceName?: string }

/** One version of an item as the table holds it (what getCurrentItemByCode returns). */
export interface CatalogueItemRecord {
  id: number; item_code: string; version: number; is_current: boolean; org_id: number; name: string; category: CatalogueCategory;
  kind: ItemKind; level: ItemLevel; legal_basis: string; legal_basis_cites: BasisCite[]; statutory_days: number; promised_days: number;
  online: boolean; commitment_allowed: boolean; deficiency_allowed: boolean; fee: string; materials: StoredMaterial[];
  licence_name: string | null; licence_valid_years: number | null; reminder_days: number[]; active: boolean; published_at: Date | null;
  change_note: string | null; created_by: number | null; created_at: Date;
}

interface ItemDbRow extends CatalogueItemRecord { org_name: string; created_by_name: string | null }

const SELECT = `SELECT c.*, o.name AS org_name, u.display_name AS created_by_name
  FROM catalogue_items c JOIN organizations o ON o.id = c.org_id LEFT JOIN users u ON u.id = c.created_by`;

// ---------------------------------------------------------------------------------
// Scope.

const writable = (user: AuthUser, orgId: number) => user.permissions.has('licensing.catalogue') && user.scope.orgIds.includes(orgId);

/** The owner of a new item or bundle: the commission the user works in (or their own organisation), if in their scope. */
async function defaultOwner(db: Queryable, user: AuthUser): Promise<number> {
  const chain = await db.query<{ id: number; kind: string }>(
    `SELECT a.id, a.kind FROM organizations u JOIN organizations a ON u.path LIKE a.path || '%'
      WHERE u.id = $1 ORDER BY length(a.path) DESC`, [user.orgId]);
  const commission = chain.find((o) => o.kind === 'commission' && user.scope.orgIds.includes(o.id));
  if (commission) return commission.id;
  if (user.scope.orgIds.includes(user.orgId)) return user.orgId;
  throw badRequest('CATALOGUE_ORG', '请选择实施机构（须在您的数据范围内）', { field: 'orgId' });
}

// ---------------------------------------------------------------------------------
// Presenting.

const materialOut = (m: StoredMaterial): MaterialRow => ({
  code: m.code, name: m.name, required: m.required, replaceable: m.replaceable ?? null, licenceName: m.licenceName ?? null,
});

function present(r: ItemDbRow, user: AuthUser | null): CatalogueRow {
  return {
    id: r.id, itemCode: r.item_code, version: r.version, isCurrent: r.is_current, orgId: r.org_id, orgName: r.org_name, name: r.name,
    category: r.category, categoryName: CATEGORY_NAMES[r.category], kind: r.kind, level: r.level, legalBasis: r.legal_basis,
    legalBasisCites: r.legal_basis_cites, basisText: r.legal_basis_cites.map(shortCitation), statutoryDays: r.statutory_days,
    promisedDays: r.promised_days, online: r.online, commitmentAllowed: r.commitment_allowed, deficiencyAllowed: r.deficiency_allowed,
    fee: r.fee, materials: r.materials.map(materialOut), licenceName: r.licence_name, licenceValidYears: r.licence_valid_years,
    reminderDays: r.reminder_days, active: r.active, publishedAt: r.published_at, changeNote: r.change_note, createdBy: r.created_by_name,
    createdAt: r.created_at, editable: user !== null && r.is_current && writable(user, r.org_id),
  };
}

/** The terms of a version: what a change compares and the audit records. */
export function termsOf(r: Pick<CatalogueItemRecord, 'name' | 'category' | 'kind' | 'level' | 'legal_basis' | 'legal_basis_cites' | 'statutory_days'
  | 'promised_days' | 'online' | 'commitment_allowed' | 'deficiency_allowed' | 'fee' | 'materials' | 'licence_name' | 'licence_valid_years' | 'reminder_days'>) {
  return {
    name: r.name, category: r.category, kind: r.kind, level: r.level, legalBasis: r.legal_basis, legalBasisCites: r.legal_basis_cites,
    statutoryDays: r.statutory_days, promisedDays: r.promised_days, online: r.online, commitmentAllowed: r.commitment_allowed,
    deficiencyAllowed: r.deficiency_allowed, fee: r.fee, materials: r.materials, licenceName: r.licence_name,
    licenceValidYears: r.licence_valid_years, reminderDays: r.reminder_days,
  };
}
export type CatalogueTerms = ReturnType<typeof termsOf>;
type Terms = CatalogueTerms;

/** JSON with object keys sorted: jsonb does not keep the order keys were written in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : x));
}

export function changedFields(before: Terms, after: Terms): (keyof Terms)[] {
  return (Object.keys(after) as (keyof Terms)[]).filter((k) => canonical(before[k]) !== canonical(after[k]));
}

const storedMaterials = (list: MaterialInput[]): StoredMaterial[] => list.map((m) => (m.replaceable === 'e_licence' && m.licenceName
  ? { code: m.code, name: m.name, required: m.required, replaceable: m.replaceable, licenceName: m.licenceName }
  : { code: m.code, name: m.name, required: m.required, replaceable: m.replaceable }));

const storedCites = (list: CatalogueItemUpdate['legalBasisCites']): BasisCite[] =>
  list.map((b) => (b.paragraph === undefined ? { law: b.law, article: b.article } : { law: b.law, article: b.article, paragraph: b.paragraph }));

function termsFromInput(input: CatalogueItemUpdate): Terms {
  return termsOf({
    name: input.name, category: input.category, kind: input.kind, level: input.level, legal_basis: input.legalBasis,
    legal_basis_cites: storedCites(input.legalBasisCites), statutory_days: input.statutoryDays, promised_days: input.promisedDays,
    online: input.online, commitment_allowed: input.commitmentAllowed, deficiency_allowed: input.deficiencyAllowed, fee: input.fee,
    materials: storedMaterials(input.materials), licence_name: input.licenceName, licence_valid_years: input.licenceValidYears,
    reminder_days: input.reminderDays,
  });
}

// ---------------------------------------------------------------------------------
// The legal-basis library: citations are checked as check items check theirs (an article
// in force today, the line within it, no duplicates), in Chinese.

/** The catalogue's citation errors (checkReferences in modules/checkitems). */
const CITE_ERRORS: ReferenceErrors = { code: 'CATALOGUE', field: 'legalBasisCites', duplicate: '关联条文重复' };

/**
 * The articles of the library a citation written as text names (《医疗机构管理条例》第十五条、
 * 第十七条; 《中华人民共和国医师法》第十三条): each article in force today, once. Used for
 * imported items, whose file carries the text only.
 */
export async function citesFromText(tx: Queryable, text: string): Promise<BasisCite[]> {
  const instruments = await tx.query<{ name: string; title: string }>('SELECT name, title FROM law_instruments');
  const byName = new Map<string, string>();
  for (const i of instruments) {
    byName.set(i.name, i.name);
    byName.set(i.title, i.name);
    byName.set(i.title.replace(/^中华人民共和国/, ''), i.name);
  }
  const resolve = await resolver(tx);
  const out: BasisCite[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/《([^》]{1,60})》((?:\s*[、，,和及与]?\s*第[零〇一二三四五六七八九十百千]+条)+)/g)) {
    const law = byName.get(m[1].trim());
    if (!law) continue;
    for (const a of m[2].matchAll(/第([零〇一二三四五六七八九十百千]+)条/g)) {
      const article = parseChineseNumeral(a[1]);
      if (article === undefined || seen.has(`${law}|${article}`)) continue;
      if (await resolve({ law, article })) {
        seen.add(`${law}|${article}`);
        out.push({ law, article });
      }
    }
  }
  return out.slice(0, 10);
}

// ---------------------------------------------------------------------------------
// Reading.

/** The list's filters as SQL over catalogue_items c JOIN organizations o, parameters from $first. */
export function catalogueWhere(f: ListFilters, first: number): { where: string; params: unknown[] } {
  const n = (k: number) => `$${first + k}`;
  return {
    where: `(${n(0)}::text IS NULL OR c.item_code ILIKE ${n(0)} OR c.name ILIKE ${n(0)})
      AND (${n(1)}::text IS NULL OR c.category = ${n(1)})
      AND (${n(2)}::text IS NULL OR c.kind = ${n(2)})
      AND (${n(3)}::int IS NULL OR o.path LIKE (SELECT f.path FROM organizations f WHERE f.id = ${n(3)}) || '%')
      AND (${n(4)}::boolean IS NULL OR c.active = ${n(4)})
      AND (${n(5)}::boolean IS NULL OR (c.published_at IS NOT NULL) = ${n(5)})`,
    params: [f.q ? likeContaining(f.q) : null, f.category ?? null, f.kind ?? null, f.orgId ?? null, f.active ?? null, f.published ?? null],
  };
}

export async function listCatalogueItems(db: Queryable, user: AuthUser, f: ListQuery) {
  const orgIds = await readableOrgIds(db, user);
  const { where, params } = catalogueWhere(f, 2);
  const all = [orgIds, ...params];
  const total = (await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM catalogue_items c JOIN organizations o ON o.id = c.org_id
      WHERE c.is_current AND c.org_id = ANY($1::int[]) AND ${where}`, all))!.n;
  const rows = await db.query<ItemDbRow>(
    `${SELECT} WHERE c.is_current AND c.org_id = ANY($1::int[]) AND ${where}
      ORDER BY ${CATEGORY_ORDER}, c.item_code COLLATE "C" LIMIT $8 OFFSET $9`,
    [...all, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map((r) => present(r, user)), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

async function loadReadable(db: Queryable, user: AuthUser, id: number, lock = false): Promise<ItemDbRow> {
  const row = await db.one<ItemDbRow>(`${SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
  // Outside what the user reads answers exactly like a missing id, so ids cannot be probed.
  if (!row || !(await readableOrgIds(db, user)).includes(row.org_id)) throw notFound();
  return row;
}

/** One version of an item (current or not) with every version of it, newest first. */
export async function getCatalogueItem(db: Queryable, user: AuthUser, id: number): Promise<CatalogueDetail> {
  const r = await loadReadable(db, user, id);
  const resolve = await resolver(db);
  const basis = await Promise.all(r.legal_basis_cites.map(async (b) => ({
    law: b.law, article: b.article, paragraph: b.paragraph ?? null, citation: citeOf(await resolve(b), b),
  })));
  const versions = await db.query<ItemDbRow>(`${SELECT} WHERE c.item_code = $1 ORDER BY c.version`, [r.item_code]);
  const applications = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM licence_applications WHERE item_id = $1', [id]))!.n;
  return {
    ...present(r, user), basis, applications,
    versions: versions.map((v, i) => ({
      id: v.id, version: v.version, isCurrent: v.is_current, changeNote: v.change_note, createdBy: v.created_by_name, createdAt: v.created_at,
      changedFields: i === 0 ? [] : changedFields(termsOf(versions[i - 1]), termsOf(v)),
    })).reverse(),
  };
}

/**
 * The current version of an active item, for the applications service: the terms an
 * application made today is made under (its id names the version). undefined when the
 * code is unknown or the item is deactivated.
 */
export async function getCurrentItemByCode(db: Queryable, code: string): Promise<CatalogueItemRecord | undefined> {
  return db.one<CatalogueItemRecord>('SELECT * FROM catalogue_items WHERE item_code = $1 AND is_current AND active', [code]);
}

// ---------------------------------------------------------------------------------
// Writing.

/** Loads an item to change it (locked): 404 if the user cannot read it, 403 if another organisation's, 409 if superseded. */
async function loadWritable(tx: Queryable, user: AuthUser, id: number): Promise<ItemDbRow> {
  const row = await loadReadable(tx, user, id, true);
  if (!writable(user, row.org_id)) throw forbidden(`该事项由${row.org_name}实施，只能由该机构修改`);
  if (!row.is_current) {
    const current = await tx.one<{ version: number }>('SELECT version FROM catalogue_items WHERE item_code = $1 AND is_current', [row.item_code]);
    throw conflict('CATALOGUE_ITEM_STALE',
      `您打开的是第${row.version}版，该事项已有第${current?.version ?? row.version + 1}版（现行版本），请刷新后在现行版本上修改`);
  }
  return row;
}

export async function createCatalogueItem(db: Queryable, user: AuthUser, actor: Actor, input: CatalogueItemInput): Promise<CatalogueDetail> {
  const id = await db.transaction(async (tx) => {
    const orgId = input.orgId ?? (await defaultOwner(tx, user));
    if (!user.scope.orgIds.includes(orgId)) {
      throw badRequest('CATALOGUE_ORG', '实施机构不存在或不在您的数据范围内', { field: 'orgId' });
    }
    if (input.promisedDays > input.statutoryDays) {
      throw badRequest('CATALOGUE_PROMISED_DAYS', promisedTooLong(input.promisedDays, input.statutoryDays), { field: 'promisedDays' });
    }
    const t = termsFromInput(input);
    await checkReferences(tx, { legalBasis: t.legalBasisCites }, CITE_ERRORS);
    const taken = await tx.one('SELECT 1 FROM catalogue_items WHERE item_code = $1 LIMIT 1', [input.itemCode]);
    const row = taken ? undefined : await insertVersion(tx, { itemCode: input.itemCode, version: 1, orgId, terms: t, active: input.active,
      publishedAt: null, changeNote: input.changeNote, userId: user.id });
    if (!row) {
      throw conflict('CATALOGUE_CODE_TAKEN', `事项编码“${input.itemCode}”已被使用，请换一个编码（停用的事项也保留其编码）`, { field: 'itemCode' });
    }
    await recordAudit(tx, actor, {
      action: 'licensing.catalogue.create', objectType: 'catalogue_item', objectId: input.itemCode,
      after: { id: row.id, itemCode: input.itemCode, version: 1, orgId, active: input.active, ...t },
    });
    return row.id;
  });
  return getCatalogueItem(db, user, id);
}

interface NewVersion {
  itemCode: string; version: number; orgId: number; terms: Terms; active: boolean; publishedAt: Date | null;
  changeNote: string | null; userId: number | null;
}

/** Inserts a version as the current one (the caller has marked the previous one not current). undefined on a taken code/version. */
async function insertVersion(tx: Queryable, v: NewVersion): Promise<{ id: number } | undefined> {
  const t = v.terms;
  return tx.one<{ id: number }>(
    `INSERT INTO catalogue_items (item_code, version, is_current, org_id, name, category, kind, level, legal_basis, legal_basis_cites,
       statutory_days, promised_days, online, commitment_allowed, deficiency_allowed, fee, materials, licence_name, licence_valid_years,
       reminder_days, active, published_at, change_note, created_by)
     VALUES ($1,$2,true,$3,$4,$5,$6,$7,$8,$9::jsonb,$10,$11,$12,$13,$14,$15,$16::jsonb,$17,$18,$19::int[],$20,$21,$22,$23)
     ON CONFLICT DO NOTHING RETURNING id`,
    [v.itemCode, v.version, v.orgId, t.name, t.category, t.kind, t.level, t.legalBasis, JSON.stringify(t.legalBasisCites),
      t.statutoryDays, t.promisedDays, t.online, t.commitmentAllowed, t.deficiencyAllowed, t.fee, JSON.stringify(t.materials),
      t.licenceName, t.licenceValidYears, t.reminderDays, v.active, v.publishedAt, v.changeNote, v.userId]);
}

/**
 * Adds a version of an item: the current row stops being current and version + 1 takes
 * its place with the new terms (state: active, published, as given). The caller holds the
 * current row locked and records the audit entry. Returns the new version's id.
 */
export async function addVersion(tx: Queryable, current: CatalogueItemRecord, terms: Terms,
  opts: { active?: boolean; changeNote: string | null; userId: number | null }): Promise<number> {
  await tx.query('UPDATE catalogue_items SET is_current = false WHERE id = $1', [current.id]);
  const active = opts.active ?? current.active;
  const row = await insertVersion(tx, {
    itemCode: current.item_code, version: current.version + 1, orgId: current.org_id, terms, active,
    // A withdrawn item is not on the portal.
    publishedAt: active ? current.published_at : null, changeNote: opts.changeNote, userId: opts.userId,
  });
  if (!row) throw conflict('CATALOGUE_ITEM_STALE', `事项“${current.item_code}”已被他人修改，请刷新后重试`);
  return row.id;
}

/** An edit: adds version + 1 (nothing when no term changed) and answers with the version now current. */
export async function updateCatalogueItem(db: Queryable, user: AuthUser, actor: Actor, id: number, input: CatalogueItemUpdate): Promise<CatalogueDetail> {
  const newId = await db.transaction(async (tx) => {
    const row = await loadWritable(tx, user, id);
    if (input.promisedDays > input.statutoryDays) {
      throw badRequest('CATALOGUE_PROMISED_DAYS', promisedTooLong(input.promisedDays, input.statutoryDays), { field: 'promisedDays' });
    }
    const before = termsOf(row);
    const after = termsFromInput(input);
    await checkReferences(tx, { legalBasis: after.legalBasisCites }, CITE_ERRORS);
    const fields = changedFields(before, after);
    if (fields.length === 0) return row.id;
    const versionId = await addVersion(tx, row, after, { changeNote: input.changeNote, userId: user.id });
    const pick = (t: Terms) => Object.fromEntries(fields.map((f) => [f, t[f]]));
    await recordAudit(tx, actor, {
      action: 'licensing.catalogue.update', objectType: 'catalogue_item', objectId: row.item_code,
      before: { id: row.id, version: row.version, ...pick(before) },
      after: { id: versionId, version: row.version + 1, changeNote: input.changeNote, ...pick(after) },
    });
    return versionId;
  });
  return getCatalogueItem(db, user, newId);
}

/** Deactivates (withdrawing it from the portal) or reactivates the current version. */
export async function setCatalogueItemActive(db: Queryable, user: AuthUser, actor: Actor, id: number, input: ActiveChange): Promise<CatalogueDetail> {
  await db.transaction(async (tx) => {
    const row = await loadWritable(tx, user, id);
    if (row.active === input.active) {
      throw conflict(input.active ? 'CATALOGUE_ALREADY_ACTIVE' : 'CATALOGUE_ALREADY_INACTIVE', input.active ? '该事项已是启用状态' : '该事项已停用');
    }
    const publishedAt = input.active ? row.published_at : null;
    await tx.query('UPDATE catalogue_items SET active = $2, published_at = $3 WHERE id = $1', [id, input.active, publishedAt]);
    await recordAudit(tx, actor, {
      action: input.active ? 'licensing.catalogue.activate' : 'licensing.catalogue.deactivate', objectType: 'catalogue_item', objectId: row.item_code,
      before: { id, version: row.version, active: row.active, published: row.published_at !== null },
      after: { id, version: row.version, active: input.active, published: publishedAt !== null, note: input.note },
    });
  });
  return getCatalogueItem(db, user, id);
}

/** Publishes the current version to the portal's service guide (办事指南), or withdraws it. */
export async function setCataloguePublished(db: Queryable, user: AuthUser, actor: Actor, id: number, published: boolean): Promise<CatalogueDetail> {
  await db.transaction(async (tx) => {
    const row = await loadWritable(tx, user, id);
    if (published && !row.active) throw conflict('CATALOGUE_INACTIVE', '已停用的事项不能发布到办事指南，请先启用');
    if (published === (row.published_at !== null)) {
      throw conflict(published ? 'CATALOGUE_ALREADY_PUBLISHED' : 'CATALOGUE_NOT_PUBLISHED', published ? '该事项已发布在办事指南中' : '该事项未在办事指南中发布');
    }
    await tx.query(`UPDATE catalogue_items SET published_at = ${published ? 'now()' : 'NULL'} WHERE id = $1`, [id]);
    await recordAudit(tx, actor, {
      action: published ? 'licensing.catalogue.publish' : 'licensing.catalogue.unpublish', objectType: 'catalogue_item', objectId: row.item_code,
      before: { id, version: row.version, published: !published }, after: { id, version: row.version, published },
    });
  });
  return getCatalogueItem(db, user, id);
}

// ---------------------------------------------------------------------------------
// “One thing” bundles (一件事一次办).

interface BundleDbRow { id: number; code: string; name: string; org_id: number; org_name: string; item_codes: string[]; active: boolean; created_at: Date }

async function bundleItems(db: Queryable, codes: string[]) {
  const rows = await db.query<{ item_code: string; name: string; promised_days: number; active: boolean; online: boolean; published: boolean }>(
    `SELECT item_code, name, promised_days, active, online, published_at IS NOT NULL AS published
       FROM catalogue_items WHERE is_current AND item_code = ANY($1::text[])`, [codes]);
  return new Map(rows.map((r) => [r.item_code, r]));
}

async function presentBundles(db: Queryable, rows: BundleDbRow[]): Promise<BundleRow[]> {
  const items = await bundleItems(db, [...new Set(rows.flatMap((b) => b.item_codes))]);
  return rows.map((b) => ({
    id: b.id, code: b.code, name: b.name, orgId: b.org_id, orgName: b.org_name, itemCodes: b.item_codes, active: b.active, createdAt: b.created_at,
    items: b.item_codes.flatMap((c) => {
      const i = items.get(c);
      return i ? [{ itemCode: c, name: i.name, promisedDays: i.promised_days, active: i.active }] : [];
    }),
  }));
}

const BUNDLE_SELECT = `SELECT b.id, b.code, b.name, b.org_id, o.name AS org_name, b.item_codes, b.active, b.created_at
  FROM catalogue_bundles b JOIN organizations o ON o.id = b.org_id`;

export async function listBundles(db: Queryable, user: AuthUser): Promise<{ rows: BundleRow[] }> {
  const orgIds = await readableOrgIds(db, user);
  const rows = await db.query<BundleDbRow>(`${BUNDLE_SELECT} WHERE b.org_id = ANY($1::int[]) ORDER BY b.code COLLATE "C"`, [orgIds]);
  return { rows: await presentBundles(db, rows) };
}

export async function createBundle(db: Queryable, user: AuthUser, actor: Actor, input: BundleInput): Promise<BundleRow> {
  const id = await db.transaction(async (tx) => {
    const orgId = input.orgId ?? (await defaultOwner(tx, user));
    if (!user.scope.orgIds.includes(orgId)) throw badRequest('CATALOGUE_ORG', '实施机构不存在或不在您的数据范围内', { field: 'orgId' });
    const readable = await readableOrgIds(tx, user);
    const found = await tx.query<{ item_code: string; active: boolean }>(
      'SELECT item_code, active FROM catalogue_items WHERE is_current AND item_code = ANY($1::text[]) AND org_id = ANY($2::int[])',
      [input.itemCodes, readable]);
    const known = new Map(found.map((r) => [r.item_code, r]));
    const missing = input.itemCodes.filter((c) => !known.has(c));
    if (missing.length) {
      throw badRequest('BUNDLE_ITEM_NOT_FOUND', `事项清单中没有事项“${missing.join('、')}”（或不在您的数据范围内），请核对事项编码`, { field: 'itemCodes' });
    }
    const inactive = input.itemCodes.filter((c) => !known.get(c)!.active);
    if (inactive.length) throw badRequest('BUNDLE_ITEM_INACTIVE', `事项“${inactive.join('、')}”已停用，不能列入“一件事”套餐`, { field: 'itemCodes' });
    const row = await tx.one<{ id: number }>(
      `INSERT INTO catalogue_bundles (code, org_id, name, item_codes) VALUES ($1,$2,$3,$4::text[]) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [input.code, orgId, input.name, input.itemCodes]);
    if (!row) throw conflict('BUNDLE_CODE_TAKEN', `套餐编码“${input.code}”已被使用，请换一个编码`, { field: 'code' });
    await recordAudit(tx, actor, {
      action: 'licensing.bundle.create', objectType: 'catalogue_bundle', objectId: input.code,
      after: { id: row.id, code: input.code, name: input.name, orgId, itemCodes: input.itemCodes },
    });
    return row.id;
  });
  const row = (await db.one<BundleDbRow>(`${BUNDLE_SELECT} WHERE b.id = $1`, [id]))!;
  return (await presentBundles(db, [row]))[0];
}

// ---------------------------------------------------------------------------------
// The public service guide (办事指南): the current versions of active items published to
// the portal, with what an applicant needs; no login, nothing internal.

const GUIDE_WHERE = 'c.is_current AND c.active AND c.published_at IS NOT NULL';

function guideRowOf(r: ItemDbRow) {
  return {
    itemCode: r.item_code, name: r.name, category: r.category, categoryName: CATEGORY_NAMES[r.category], kind: r.kind, kindName: KIND_NAMES[r.kind],
    agency: r.org_name, statutoryDays: r.statutory_days, promisedDays: r.promised_days, online: r.online,
    commitmentAllowed: r.commitment_allowed, deficiencyAllowed: r.deficiency_allowed, fee: r.fee,
  };
}

export async function listServiceGuide(db: Queryable, f: PublicQuery) {
  const params = [f.q ? likeContaining(f.q) : null, f.category ?? null];
  const where = `${GUIDE_WHERE} AND ($1::text IS NULL OR c.item_code ILIKE $1 OR c.name ILIKE $1 OR o.name ILIKE $1) AND ($2::text IS NULL OR c.category = $2)`;
  const total = (await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM catalogue_items c JOIN organizations o ON o.id = c.org_id WHERE ${where}`, params))!.n;
  const rows = await db.query<ItemDbRow>(
    `${SELECT} WHERE ${where} ORDER BY ${CATEGORY_ORDER}, c.item_code COLLATE "C" LIMIT $3 OFFSET $4`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map(guideRowOf), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export async function getServiceGuide(db: Queryable, itemCode: string): Promise<GuideDetail> {
  const r = await db.one<ItemDbRow>(`${SELECT} WHERE ${GUIDE_WHERE} AND c.item_code = $1`, [itemCode]);
  if (!r) throw notFound('办事指南中没有该事项（事项编码有误，或该事项尚未公开）');
  const resolve = await resolver(db);
  const basis = (await Promise.all(r.legal_basis_cites.map(async (b) => {
    const ref = await resolve(b);
    const cite = citeOf(ref, b);
    return ref && cite ? [{ citation: cite, text: b.paragraph !== undefined ? [ref.paragraphs[b.paragraph - 1]] : ref.paragraphs }] : [];
  }))).flat();
  const bundles = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM catalogue_bundles WHERE active AND $1 = ANY(item_codes) ORDER BY code COLLATE "C"', [itemCode]);
  return {
    ...guideRowOf(r), level: r.level, levelName: LEVEL_NAMES[r.level], legalBasis: r.legal_basis, basis,
    materials: r.materials.map((m) => ({ ...materialOut(m), replaceableName: m.replaceable ? REPLACEABLE_NAMES[m.replaceable] : null })),
    licenceName: r.licence_name, licenceValidYears: r.licence_valid_years, version: r.version, publishedAt: r.published_at!, bundles,
  };
}

/** Active bundles whose every item is on the guide. */
export async function listServiceGuideBundles(db: Queryable) {
  const rows = await db.query<BundleDbRow>(`${BUNDLE_SELECT} WHERE b.active ORDER BY b.code COLLATE "C"`);
  const items = await bundleItems(db, [...new Set(rows.flatMap((b) => b.item_codes))]);
  return {
    rows: rows.flatMap((b) => {
      const list = b.item_codes.map((c) => items.get(c));
      if (list.some((i) => !i || !i.active || !i.published)) return [];
      const shown = list.map((i) => ({ itemCode: i!.item_code, name: i!.name, promisedDays: i!.promised_days, online: i!.online }));
      return [{ code: b.code, name: b.name, agency: b.org_name, items: shown, promisedDays: Math.max(...shown.map((i) => i.promisedDays)) }];
    }),
  };
}

// ---------------------------------------------------------------------------------
// Export: the list with its filters as one worksheet (a commission's catalogue is
// hundreds of rows at most), with the citations as the library holds them today. One
// audit entry 'export.licensing_catalogue'.

export const EXPORT_COLUMNS = ['事项编码', '事项名称', '事项类别', '事项类型', '实施层级', '实施机构', '设定依据', '关联条文', '法定办结时限（工作日）',
  '承诺办结时限（工作日）', '网上办理', '告知承诺', '容缺受理', '收费', '申请材料', '证照名称', '证照有效期（年）', '状态', '办事指南', '版本', '版本日期'] as const;

export async function exportCatalogue(db: Queryable, user: AuthUser, actor: Actor, f: ListFilters): Promise<Buffer> {
  const orgIds = await readableOrgIds(db, user);
  const { where, params } = catalogueWhere(f, 2);
  const rows = await db.query<ItemDbRow>(
    `${SELECT} WHERE c.is_current AND c.org_id = ANY($1::int[]) AND ${where} ORDER BY ${CATEGORY_ORDER}, c.item_code COLLATE "C"`, [orgIds, ...params]);
  const resolve = await resolver(db);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('事项清单');
  ws.addRow([...EXPORT_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  const yes = (b: boolean) => (b ? '是' : '否');
  for (const r of rows) {
    const cites = await Promise.all(r.legal_basis_cites.map(async (b) => citeOf(await resolve(b), b) ?? `${shortCitation(b)}（法律法规库中无现行有效条文）`));
    const materials = r.materials.map((m, i) => `${i + 1}. ${m.name}${m.required ? '' : '（非必需）'}${m.replaceable ? `（${m.replaceable === 'e_licence' ? `可用${m.licenceName ?? ''}电子证照替代` : '数据核验免提交'}）` : ''}`);
    ws.addRow([
      r.item_code, r.name, CATEGORY_NAMES[r.category], KIND_NAMES[r.kind], LEVEL_NAMES[r.level], r.org_name, r.legal_basis, cites.join('；'),
      r.statutory_days, r.promised_days, yes(r.online), yes(r.commitment_allowed), yes(r.deficiency_allowed), r.fee, materials.join('\n'),
      r.licence_name ?? '', r.licence_valid_years ?? '', r.active ? '有效' : '已停用', r.published_at ? '已公开' : '未公开', r.version,
      r.created_at.toISOString().slice(0, 19).replace('T', ' '),
    ]);
  }
  [14, 30, 16, 10, 10, 24, 50, 50, 12, 12, 8, 8, 8, 12, 60, 24, 10, 8, 10, 6, 20].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction((tx) => recordAudit(tx, actor, {
    action: 'export.licensing_catalogue', objectType: 'dataset', objectId: 'licensing_catalogue',
    after: { format: 'xlsx', filters: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined)), rows: rows.length },
  }));
  return body;
}

// ---------------------------------------------------------------------------------
// The bundled catalogue: installed for the root commission once it exists (the demo seed,
// or start-up on a database that predates it), published to the guide. Reference data
// installed by the system, like the bundled check items: no audit entry. An item whose
// code is already in use (any version) is skipped, so staff changes stay as they are.

export async function ensureBundledCatalogue(db: Queryable): Promise<string[]> {
  const codes = BUNDLED_CATALOGUE.map((i) => i.itemCode);
  const bundleCodes = BUNDLED_BUNDLES.map((b) => b.code);
  const missing = async (q: Queryable) => {
    const items = new Set((await q.query<{ item_code: string }>(
      'SELECT DISTINCT item_code FROM catalogue_items WHERE item_code = ANY($1::text[])', [codes])).map((r) => r.item_code));
    const bundles = new Set((await q.query<{ code: string }>('SELECT code FROM catalogue_bundles WHERE code = ANY($1::text[])', [bundleCodes])).map((r) => r.code));
    return { items: BUNDLED_CATALOGUE.filter((i) => !items.has(i.itemCode)), bundles: BUNDLED_BUNDLES.filter((b) => !bundles.has(b.code)) };
  };
  const first = await missing(db);
  if (first.items.length === 0 && first.bundles.length === 0) return [];
  const root = await db.one<{ id: number }>('SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  if (!root) return [];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BUNDLED_LOAD_LOCK]);
    const todo = await missing(tx);
    for (const i of todo.items) {
      const terms = termsOf({
        name: i.name, category: i.category, kind: i.kind, level: i.level, legal_basis: i.legalBasis, legal_basis_cites: i.legalBasisCites,
        statutory_days: i.statutoryDays, promised_days: i.promisedDays, online: i.online, commitment_allowed: i.commitmentAllowed,
        deficiency_allowed: i.deficiencyAllowed, fee: i.fee, materials: i.materials, licence_name: i.licenceName,
        licence_valid_years: i.licenceValidYears, reminder_days: i.reminderDays,
      });
      await tx.query(
        `INSERT INTO catalogue_items (item_code, version, is_current, org_id, name, category, kind, level, legal_basis, legal_basis_cites,
           statutory_days, promised_days, online, commitment_allowed, deficiency_allowed, fee, materials, licence_name, licence_valid_years,
           reminder_days, active, published_at, change_note)
         VALUES ($1,1,true,$2,$3,$4,$5,$6,$7,$8::jsonb,$9,$10,$11,$12,$13,$14,$15::jsonb,$16,$17,$18::int[],true,now(),'平台内置事项')
         ON CONFLICT DO NOTHING`,
        [i.itemCode, root.id, terms.name, terms.category, terms.kind, terms.level, terms.legalBasis, JSON.stringify(terms.legalBasisCites),
          terms.statutoryDays, terms.promisedDays, terms.online, terms.commitmentAllowed, terms.deficiencyAllowed, terms.fee,
          JSON.stringify(terms.materials), terms.licenceName, terms.licenceValidYears, terms.reminderDays]);
    }
    for (const b of todo.bundles) {
      await tx.query('INSERT INTO catalogue_bundles (code, org_id, name, item_codes) VALUES ($1,$2,$3,$4::text[]) ON CONFLICT (code) DO NOTHING',
        [b.code, root.id, b.name, b.itemCodes]);
    }
    return [...todo.items.map((i) => i.itemCode), ...todo.bundles.map((b) => b.code)];
  });
}
