// Check-item lists (随机抽查事项清单 / 检查事项): per entity category, what an inspection
// checks, how, on which articles of the legal-basis library, and the penalty provision
// that applies when the item fails.
//
// Scope: a list is a commission's. An item belongs to an organisation and is read by the
// users whose scope holds that organisation (the city sees a district's items) and by the
// users of its subtree (a district institute sees the city's list, which applies to it).
// It is changed only by users whose scope holds its organisation; an item the user cannot
// read answers 404, like a missing id. Items are never deleted: they are deactivated, so
// an inspection record that cites one keeps its meaning. Every change adds a revision
// (the item's fields after it) and an audit entry, in one transaction.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import { articleLabel } from '../../core/law/instrumentText';
import { articleInForce, citation, type LawArticleRef } from '../laws/service';
import { getProvision } from '../discretion/service';
import { ENTITY_CATEGORIES, ENTITY_CATEGORY_NAMES, type EntityCategory } from '../entities/categories';
import { BUNDLED_CHECK_ITEMS, type BasisCite } from './bundled';
import type { CheckItemDetail, CheckItemInput, CheckItemRow, CheckItemUpdate, ListFilters, ListQuery, StatusChange } from './schema';

// Arbitrary constant: serialises two processes installing the bundled items into one server database.
const BUNDLED_LOAD_LOCK = 727_019;

const CATEGORY_ORDER = `array_position('{${ENTITY_CATEGORIES.join(',')}}'::text[], ci.category)`;

interface ItemDbRow {
  id: number; code: string; org_id: number; org_name: string; category: EntityCategory; title: string; method: string;
  legal_basis: BasisCite[]; provision_code: string | null; provision_title: string | null; random_list: boolean; sort_order: number;
  active: boolean; source: 'bundled' | 'staff'; revision: number; created_at: Date; updated_at: Date;
  created_by_name: string | null; updated_by_name: string | null;
}

const SELECT = `SELECT ci.id, ci.code, ci.org_id, o.name AS org_name, ci.category, ci.title, ci.method, ci.legal_basis, ci.provision_code,
    p.title AS provision_title, ci.random_list, ci.sort_order, ci.active, ci.source, ci.revision, ci.created_at, ci.updated_at,
    cu.display_name AS created_by_name, uu.display_name AS updated_by_name
  FROM check_items ci JOIN organizations o ON o.id = ci.org_id
  LEFT JOIN penalty_provisions p ON p.code = ci.provision_code
  LEFT JOIN users cu ON cu.id = ci.created_by LEFT JOIN users uu ON uu.id = ci.updated_by`;

/** 《医师法》第十三条: the short form lists use (the detail cites the article as the library holds it). */
export const shortCitation = (b: BasisCite) => `《${b.law}》${articleLabel(b.article)}`;

// ---------------------------------------------------------------------------------
// Scope.

/** The organisations whose items the user reads: the scope, and every ancestor of the scope's roots. */
export async function readableOrgIds(db: Queryable, user: AuthUser): Promise<number[]> {
  if (user.scope.rootOrgIds.length === 0) return [];
  const ancestors = await db.query<{ id: number }>(
    `SELECT DISTINCT a.id FROM organizations r JOIN organizations a ON r.path LIKE a.path || '%' WHERE r.id = ANY($1::int[])`,
    [user.scope.rootOrgIds]);
  return [...new Set([...user.scope.orgIds, ...ancestors.map((a) => a.id)])];
}

const writable = (user: AuthUser, orgId: number) => user.permissions.has('checkitems.write') && user.scope.orgIds.includes(orgId);

/** The owner of a new item: the commission the user works in (or their own organisation), if in their scope. */
async function defaultOwner(db: Queryable, user: AuthUser): Promise<number> {
  const chain = await db.query<{ id: number; kind: string }>(
    `SELECT a.id, a.kind FROM organizations u JOIN organizations a ON u.path LIKE a.path || '%'
      WHERE u.id = $1 ORDER BY length(a.path) DESC`, [user.orgId]);
  const commission = chain.find((o) => o.kind === 'commission' && user.scope.orgIds.includes(o.id));
  if (commission) return commission.id;
  if (user.scope.orgIds.includes(user.orgId)) return user.orgId;
  throw badRequest('CHECK_ITEM_ORG', '请选择检查事项的所属机构（须在您的数据范围内）', { field: 'orgId' });
}

// ---------------------------------------------------------------------------------
// Presenting.

function present(r: ItemDbRow, user: AuthUser): CheckItemRow {
  return {
    id: r.id, code: r.code, category: r.category, categoryName: ENTITY_CATEGORY_NAMES[r.category], title: r.title, method: r.method,
    legalBasis: r.legal_basis, basisText: r.legal_basis.map(shortCitation), provisionCode: r.provision_code, provisionTitle: r.provision_title,
    randomList: r.random_list, sortOrder: r.sort_order, active: r.active, source: r.source, revision: r.revision, orgId: r.org_id,
    orgName: r.org_name, editable: writable(user, r.org_id), updatedAt: r.updated_at,
  };
}

/** What a revision keeps: the item's own fields. */
function snapshotOf(r: Pick<ItemDbRow, 'code' | 'org_id' | 'category' | 'title' | 'method' | 'legal_basis' | 'provision_code' | 'random_list' | 'sort_order' | 'active'>) {
  return {
    code: r.code, orgId: r.org_id, category: r.category, title: r.title, method: r.method, legalBasis: r.legal_basis,
    provisionCode: r.provision_code, randomList: r.random_list, sortOrder: r.sort_order, active: r.active,
  };
}
type Snapshot = ReturnType<typeof snapshotOf>;

function changedFields(before: Snapshot | null, after: Snapshot): string[] {
  if (!before) return [];
  return (Object.keys(after) as (keyof Snapshot)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** One line of an article with its citation (第一款, 第一款第（二）项 …). */
function linesOf(ref: LawArticleRef) {
  return ref.paragraphs.map((text, i) => ({ no: i + 1, text, citation: citation(ref, i + 1) }));
}

function articleTextOf(ref: LawArticleRef, cite: { law: string; article: number }) {
  return {
    law: cite.law, article: cite.article, instrumentId: ref.instrumentId, versionId: ref.versionId, title: ref.title, label: ref.label,
    versionDate: ref.versionDate, textStatus: ref.textStatus, citation: citation(ref), paragraphs: linesOf(ref),
  };
}

/** Resolves citations against the library as in force today, each distinct article once. */
export async function resolver(db: Queryable) {
  const today = todayInChina();
  const cache = new Map<string, Promise<LawArticleRef | undefined>>();
  return (b: { law: string; article: number }) => {
    const key = `${b.law}|${b.article}`;
    if (!cache.has(key)) cache.set(key, articleInForce(db, b.law, b.article, today));
    return cache.get(key)!;
  };
}

/** The citation of a basis as the library holds it today, or null when it no longer does. */
export function citeOf(ref: LawArticleRef | undefined, b: BasisCite): string | null {
  if (!ref) return null;
  if (b.paragraph !== undefined && b.paragraph > ref.paragraphs.length) return null;
  return citation(ref, b.paragraph);
}

// ---------------------------------------------------------------------------------
// Reading.

function filterSql(f: ListFilters, first: number): { where: string; params: unknown[] } {
  const q = f.q ? likeContaining(f.q) : null;
  const n = (k: number) => `$${first + k}`;
  return {
    where: `(${n(0)}::text IS NULL OR ci.code ILIKE ${n(0)} OR ci.title ILIKE ${n(0)})
      AND (${n(1)}::text IS NULL OR ci.category = ${n(1)})
      AND (${n(2)}::boolean IS NOT TRUE OR ci.random_list)
      AND (${n(3)}::boolean IS NULL OR ci.active = ${n(3)})
      AND (${n(4)}::text IS NULL OR ci.provision_code = ${n(4)})`,
    params: [q, f.category ?? null, f.randomOnly ?? null, f.active ?? null, f.provision ?? null],
  };
}

export async function listCheckItems(db: Queryable, user: AuthUser, f: ListQuery) {
  const orgIds = await readableOrgIds(db, user);
  const { where, params } = filterSql(f, 2);
  const all = [orgIds, ...params];
  const total = (await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM check_items ci WHERE ci.org_id = ANY($1::int[]) AND ${where}`, all))!.n;
  const rows = await db.query<ItemDbRow>(
    `${SELECT} WHERE ci.org_id = ANY($1::int[]) AND ${where}
      ORDER BY ${CATEGORY_ORDER}, ci.sort_order, ci.code COLLATE "C" LIMIT $7 OFFSET $8`,
    [...all, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map((r) => present(r, user)), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

async function loadReadable(db: Queryable, user: AuthUser, id: number, lock = false): Promise<ItemDbRow> {
  const row = await db.one<ItemDbRow>(`${SELECT} WHERE ci.id = $1${lock ? ' FOR UPDATE OF ci' : ''}`, [id]);
  // Outside what the user reads answers exactly like a missing id, so ids cannot be probed.
  if (!row || !(await readableOrgIds(db, user)).includes(row.org_id)) throw notFound();
  return row;
}

export async function getCheckItem(db: Queryable, user: AuthUser, id: number): Promise<CheckItemDetail> {
  const r = await loadReadable(db, user, id);
  const resolve = await resolver(db);
  const basis = await Promise.all(r.legal_basis.map(async (b) => {
    const ref = await resolve(b);
    return { law: b.law, article: b.article, paragraph: b.paragraph ?? null, citation: citeOf(ref, b), text: ref ? articleTextOf(ref, b) : null };
  }));
  let provision: CheckItemDetail['provision'] = null;
  if (r.provision_code) {
    const p = await getProvision(db, r.provision_code);
    provision = { code: p.code, title: p.title, penaltyCitation: p.citations.penalty };
  }
  const revisions = await db.query<{ revision: number; change: CheckItemDetail['revisions'][number]['change']; note: string | null; changed_by: string | null; changed_at: Date; snapshot: Snapshot }>(
    `SELECT r.revision, r.change, r.note, COALESCE(u.display_name, '系统') AS changed_by, r.changed_at, r.snapshot
       FROM check_item_revisions r LEFT JOIN users u ON u.id = r.changed_by WHERE r.item_id = $1 ORDER BY r.revision`, [id]);
  return {
    ...present(r, user), basis, provision,
    createdBy: r.created_by_name, createdAt: r.created_at, updatedBy: r.updated_by_name,
    revisions: revisions.map((v, i) => ({
      revision: v.revision, change: v.change, note: v.note, changedBy: v.changed_by, changedAt: v.changed_at,
      changedFields: changedFields(i > 0 ? revisions[i - 1].snapshot : null, v.snapshot),
    })).reverse(),
  };
}

/** An article of the library in force today with its lines, for the form's article picker. */
export async function getArticle(db: Queryable, q: { law: string; article: number }) {
  const ref = await articleInForce(db, q.law, q.article, todayInChina());
  if (!ref) throw notFound(`法律法规库中没有现行有效的《${q.law}》${articleLabel(q.article)}`);
  return articleTextOf(ref, q);
}

// ---------------------------------------------------------------------------------
// Writing.

/** How a module names the errors of its citations: the codes' prefix, the form field, the words for a duplicate. */
export interface ReferenceErrors { code: string; field: string; duplicate: string }

const CHECK_ITEM_ERRORS: ReferenceErrors = { code: 'CHECK_ITEM', field: 'legalBasis', duplicate: '法律依据重复' };

/**
 * Checks the citations against the library (in force today: each article exists, the
 * line within it, none twice) and the provision, when given, against the discretion
 * module. The service-item catalogue checks its citations here too, with its own codes.
 */
export async function checkReferences(tx: Queryable, input: { legalBasis: BasisCite[]; provisionCode?: string | null }, errors: ReferenceErrors = CHECK_ITEM_ERRORS): Promise<void> {
  const resolve = await resolver(tx);
  const seen = new Set<string>();
  for (const [i, b] of input.legalBasis.entries()) {
    const key = `${b.law}|${b.article}|${b.paragraph ?? ''}`;
    if (seen.has(key)) throw badRequest(`${errors.code}_BASIS_DUPLICATE`, `${errors.duplicate}：${shortCitation(b)}`, { field: errors.field, index: i });
    seen.add(key);
    const ref = await resolve(b);
    if (!ref) {
      throw badRequest(`${errors.code}_ARTICLE_NOT_FOUND`,
        `法律法规库中没有现行有效的《${b.law}》${articleLabel(b.article)}，请核对法规名称（简称，如“医师法”）和条号，或先在法律法规库中收录该条文`,
        { field: errors.field, index: i });
    }
    if (b.paragraph !== undefined && b.paragraph > ref.paragraphs.length) {
      throw badRequest(`${errors.code}_PARAGRAPH_NOT_FOUND`,
        `${citation(ref)}只有${ref.paragraphs.length}段（款、项），没有第${b.paragraph}段`, { field: errors.field, index: i });
    }
  }
  if (input.provisionCode) {
    const p = await tx.one('SELECT 1 FROM penalty_provisions WHERE code = $1', [input.provisionCode]);
    if (!p) {
      throw badRequest(`${errors.code}_PROVISION_NOT_FOUND`, `处罚条款“${input.provisionCode}”不存在，请在“裁量基准”中核对条款编号`, { field: 'provisionCode' });
    }
  }
}

/** The stored form of the citations: paragraph only when given. */
const storedBasis = (list: CheckItemInput['legalBasis']): BasisCite[] =>
  list.map((b) => (b.paragraph === undefined ? { law: b.law, article: b.article } : { law: b.law, article: b.article, paragraph: b.paragraph }));

async function addRevision(tx: Queryable, itemId: number, revision: number, change: string, snapshot: Snapshot, userId: number | null, note: string | null) {
  await tx.query(
    `INSERT INTO check_item_revisions (item_id, revision, change, snapshot, note, changed_by) VALUES ($1,$2,$3,$4::jsonb,$5,$6)`,
    [itemId, revision, change, JSON.stringify(snapshot), note, userId]);
}

export async function createCheckItem(db: Queryable, user: AuthUser, actor: Actor, input: CheckItemInput): Promise<CheckItemDetail> {
  const id = await db.transaction(async (tx) => {
    const orgId = input.orgId ?? (await defaultOwner(tx, user));
    if (!user.scope.orgIds.includes(orgId)) {
      throw badRequest('CHECK_ITEM_ORG', '所属机构不存在或不在您的数据范围内', { field: 'orgId' });
    }
    await checkReferences(tx, input);
    const legalBasis = storedBasis(input.legalBasis);
    const row = await tx.one<{ id: number }>(
      `INSERT INTO check_items (code, org_id, category, title, method, legal_basis, provision_code, random_list, sort_order, source, created_by, updated_by)
       VALUES ($1,$2,$3,$4,$5,$6::jsonb,$7,$8,$9,'staff',$10,$10) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [input.code, orgId, input.category, input.title, input.method, JSON.stringify(legalBasis), input.provisionCode, input.randomList, input.sortOrder, user.id]);
    if (!row) {
      throw conflict('CHECK_ITEM_CODE_TAKEN', `事项编号“${input.code}”已被使用，请换一个编号（编号一经使用不能重复，停用的事项也保留其编号）`, { field: 'code' });
    }
    const snapshot = snapshotOf({
      code: input.code, org_id: orgId, category: input.category, title: input.title, method: input.method, legal_basis: legalBasis,
      provision_code: input.provisionCode, random_list: input.randomList, sort_order: input.sortOrder, active: true,
    });
    await addRevision(tx, row.id, 1, 'create', snapshot, user.id, null);
    await recordAudit(tx, actor, { action: 'checkitems.create', objectType: 'check_item', objectId: row.id, after: snapshot });
    return row.id;
  });
  return getCheckItem(db, user, id);
}

/** Loads an item to change it (locked): 404 if the user cannot read it, 403 if it is another organisation's list. */
async function loadWritable(tx: Queryable, user: AuthUser, id: number, revision: number | undefined): Promise<ItemDbRow> {
  const row = await loadReadable(tx, user, id, true);
  if (!writable(user, row.org_id)) throw forbidden(`该检查事项属于${row.org_name}的清单，只能由该机构修改`);
  if (revision !== undefined && revision !== row.revision) {
    throw conflict('CHECK_ITEM_STALE', `该检查事项已被他人修改（现为第${row.revision}版，您打开的是第${revision}版），请刷新后重新修改`);
  }
  return row;
}

export async function updateCheckItem(db: Queryable, user: AuthUser, actor: Actor, id: number, input: CheckItemUpdate): Promise<CheckItemDetail> {
  await db.transaction(async (tx) => {
    const row = await loadWritable(tx, user, id, input.revision);
    await checkReferences(tx, input);
    const before = snapshotOf(row);
    const after = snapshotOf({
      ...row, category: input.category, title: input.title, method: input.method, legal_basis: storedBasis(input.legalBasis),
      provision_code: input.provisionCode, random_list: input.randomList, sort_order: input.sortOrder,
    });
    const fields = changedFields(before, after);
    if (fields.length === 0) return;
    const revision = row.revision + 1;
    await tx.query(
      `UPDATE check_items SET category = $2, title = $3, method = $4, legal_basis = $5::jsonb, provision_code = $6, random_list = $7,
              sort_order = $8, revision = $9, updated_by = $10, updated_at = now() WHERE id = $1`,
      [id, after.category, after.title, after.method, JSON.stringify(after.legalBasis), after.provisionCode, after.randomList, after.sortOrder, revision, user.id]);
    await addRevision(tx, id, revision, 'update', after, user.id, null);
    const pick = (s: Snapshot) => Object.fromEntries(fields.map((f) => [f, s[f as keyof Snapshot]]));
    await recordAudit(tx, actor, {
      action: 'checkitems.update', objectType: 'check_item', objectId: id,
      before: { code: row.code, revision: row.revision, ...pick(before) }, after: { code: row.code, revision, ...pick(after) },
    });
  });
  return getCheckItem(db, user, id);
}

export async function setCheckItemActive(db: Queryable, user: AuthUser, actor: Actor, id: number, active: boolean, input: StatusChange): Promise<CheckItemDetail> {
  await db.transaction(async (tx) => {
    const row = await loadWritable(tx, user, id, input.revision);
    if (row.active === active) {
      throw conflict(active ? 'CHECK_ITEM_ALREADY_ACTIVE' : 'CHECK_ITEM_ALREADY_INACTIVE', active ? '该检查事项已是启用状态' : '该检查事项已停用');
    }
    const revision = row.revision + 1;
    await tx.query('UPDATE check_items SET active = $2, revision = $3, updated_by = $4, updated_at = now() WHERE id = $1', [id, active, revision, user.id]);
    await addRevision(tx, id, revision, active ? 'reactivate' : 'deactivate', snapshotOf({ ...row, active }), user.id, input.note);
    await recordAudit(tx, actor, {
      action: active ? 'checkitems.reactivate' : 'checkitems.deactivate', objectType: 'check_item', objectId: id,
      before: { code: row.code, revision: row.revision, active: row.active }, after: { code: row.code, revision, active, note: input.note },
    });
  });
  return getCheckItem(db, user, id);
}

// ---------------------------------------------------------------------------------
// Export: the list with its filters as one worksheet (a commission's list is hundreds of
// rows at most, so it is written in one piece), with the citations as the library holds
// them today. One audit entry 'export.checkitems'.

export const EXPORT_COLUMNS = ['事项编号', '监管对象类别', '检查事项', '检查方法', '法律依据', '处罚条款编号', '处罚条款', '随机抽查事项', '排序号', '状态', '所属机构', '修订版本', '更新时间'] as const;

export async function exportCheckItems(db: Queryable, user: AuthUser, actor: Actor, f: ListFilters): Promise<Buffer> {
  const orgIds = await readableOrgIds(db, user);
  const { where, params } = filterSql(f, 2);
  const rows = await db.query<ItemDbRow>(
    `${SELECT} WHERE ci.org_id = ANY($1::int[]) AND ${where} ORDER BY ${CATEGORY_ORDER}, ci.sort_order, ci.code COLLATE "C"`, [orgIds, ...params]);
  const resolve = await resolver(db);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查事项');
  ws.addRow([...EXPORT_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const cites = await Promise.all(r.legal_basis.map(async (b) => citeOf(await resolve(b), b) ?? `${shortCitation(b)}（法律法规库中无现行有效条文）`));
    ws.addRow([
      r.code, ENTITY_CATEGORY_NAMES[r.category], r.title, r.method, cites.join('；'), r.provision_code ?? '', r.provision_title ?? '',
      r.random_list ? '是' : '否', r.sort_order, r.active ? '有效' : '已停用', r.org_name, r.revision,
      r.updated_at.toISOString().slice(0, 19).replace('T', ' '),
    ]);
  }
  [12, 20, 36, 60, 60, 14, 36, 12, 8, 8, 24, 8, 20].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction((tx) => recordAudit(tx, actor, {
    action: 'export.checkitems', objectType: 'dataset', objectId: 'checkitems',
    after: { format: 'xlsx', filters: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined)), rows: rows.length },
  }));
  return body;
}

// ---------------------------------------------------------------------------------
// The bundled items: installed for the root commission once it exists (the demo seed,
// or start-up on a database that predates them). Reference data installed by the system,
// like the bundled laws and provisions: a revision records it, no audit entry. An item
// staff deactivated or edited stays as they left it; a code staff already use is skipped.

export async function ensureBundledCheckItems(db: Queryable): Promise<string[]> {
  const codes = BUNDLED_CHECK_ITEMS.map((i) => i.code);
  const missing = async (q: Queryable) => {
    const present = new Set((await q.query<{ code: string }>('SELECT code FROM check_items WHERE code = ANY($1::text[])', [codes])).map((r) => r.code));
    return BUNDLED_CHECK_ITEMS.filter((i) => !present.has(i.code));
  };
  if ((await missing(db)).length === 0) return [];
  const root = await db.one<{ id: number }>('SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  if (!root) return [];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BUNDLED_LOAD_LOCK]);
    const todo = await missing(tx);
    // Sort order within the category: the position in the bundled list, in steps of 10.
    const position = new Map<string, number>();
    const perCategory = new Map<string, number>();
    for (const i of BUNDLED_CHECK_ITEMS) {
      const n = (perCategory.get(i.category) ?? 0) + 1;
      perCategory.set(i.category, n);
      position.set(i.code, n * 10);
    }
    const provisions = new Set((await tx.query<{ code: string }>('SELECT code FROM penalty_provisions')).map((p) => p.code));
    for (const i of todo) {
      const provisionCode = i.provisionCode && provisions.has(i.provisionCode) ? i.provisionCode : null;
      const row = await tx.one<{ id: number }>(
        `INSERT INTO check_items (code, org_id, category, title, method, legal_basis, provision_code, random_list, sort_order, source)
         VALUES ($1,$2,$3,$4,$5,$6::jsonb,$7,$8,$9,'bundled') ON CONFLICT (code) DO NOTHING RETURNING id`,
        [i.code, root.id, i.category, i.title, i.method, JSON.stringify(i.legalBasis), provisionCode, i.randomList, position.get(i.code)]);
      if (!row) continue;
      await addRevision(tx, row.id, 1, 'create', snapshotOf({
        code: i.code, org_id: root.id, category: i.category, title: i.title, method: i.method, legal_basis: i.legalBasis,
        provision_code: provisionCode, random_list: i.randomList, sort_order: position.get(i.code)!, active: true,
      }), null, '平台内置检查事项');
    }
    return todo.map((i) => i.code);
  });
}
