// The regulated-entity directory (监管对象名录库): list and search within the caller's
// scope, detail with history, create and update with the code rules of legal-rules.md
// ("Codes"), and the administrator's list of accepted legacy codes.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors';
import { regionFullName } from '../../core/codes/region';
import { ENTITY_CATEGORY_NAMES, type CreditGrade, type EntityCategory, type RiskClass } from './categories';
import { checkUscc, isAcceptedLegacyCode, usccAcceptable } from './legacy';
import { entityWhere } from './query';
import { entitySearchKeys } from './searchKeys';
import { linkHoldersToEntities } from '../licensing/licences';
import { refreshCreditAfterRecord } from '../credit/service';
import type { Entity, EntityDetail, EntityInput, EntityListQuery, UsccException } from './schema';

/**
 * Counts stop here so a list over a million rows stays fast (a common word in a district
 * of 300,000 entities: counting 10,000 matches took 150 ms, 2,000 about a fifth of that);
 * beyond it the UI says "2000+" and asks for a narrower search.
 */
export const ENTITY_COUNT_CAP = 2_000;

interface EntityDbRow {
  id: number; uscc: string; name: string; category: EntityCategory; region_code: string; address: string; org_id: number;
  org_name: string; legal_rep: string | null; risk_class: RiskClass | null; credit_grade: CreditGrade | null;
  blacklisted: boolean; accepted_legacy: boolean; created_at: Date; updated_at: Date;
}

const COLUMNS = `e.id, e.uscc, e.name, e.category, e.region_code, e.address, e.org_id, e.legal_rep, e.risk_class,
  e.credit_grade, e.blacklisted, e.created_at, e.updated_at`;
/** Joined onto at most a page of rows: the organisation's name and whether the code is an accepted legacy code. */
const DECORATE = `o.name AS org_name, EXISTS (SELECT 1 FROM uscc_exceptions x WHERE x.code = e.uscc) AS accepted_legacy`;

function present(r: EntityDbRow): Entity {
  return {
    id: r.id, uscc: r.uscc, name: r.name, category: r.category, categoryName: ENTITY_CATEGORY_NAMES[r.category] ?? r.category,
    regionCode: r.region_code, regionName: regionFullName(r.region_code) ?? null, address: r.address, orgId: r.org_id,
    orgName: r.org_name, legalRep: r.legal_rep, riskClass: r.risk_class, creditGrade: r.credit_grade, blacklisted: r.blacklisted,
    legacyCode: r.accepted_legacy && !checkUscc(r.uscc).valid, updatedAt: r.updated_at,
  };
}

export async function listEntities(db: Queryable, user: AuthUser, f: EntityListQuery) {
  const empty = { rows: [], total: 0, totalCapped: false, page: f.page, pageSize: f.pageSize };
  const offset = (f.page - 1) * f.pageSize;
  if (offset >= ENTITY_COUNT_CAP) {
    throw badRequest('PAGE_TOO_DEEP', `列表只能翻阅前${ENTITY_COUNT_CAP}条，请增加查询或筛选条件缩小范围`);
  }
  // An organisation outside the scope answers like one that does not exist.
  if (f.orgId !== undefined && !inScope(user.scope, f.orgId)) return empty;
  const { where, params } = entityWhere({
    q: f.q, category: f.category, regionCode: f.regionCode, riskClass: f.riskClass, creditGrade: f.creditGrade,
    blacklisted: f.blacklisted, orgId: f.orgId,
  }, user.scope);
  const n = params.length;
  const order = f.sort === 'name' ? 'e.name, e.id' : 'e.id DESC';
  // The capped count comes first: without ORDER BY the planner picks the index of the
  // filter, so it is fast even when nothing matches. Then the page:
  // - when more than the cap match, rows are plentiful and walking the order's index
  //   (newest first, or by name) finds a page at once;
  // - otherwise at most the cap match: their ids are collected the way the count found
  //   them (the filter's index), then the rows fetched by id and sorted in memory. Walking the order's index here could read the whole table
  //   before finding the few rows (planner estimates assume filter and scope unrelated).
  const counted = await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM entities e WHERE ${where} LIMIT ${ENTITY_COUNT_CAP + 1}) t`, params);
  const found = counted?.n ?? 0;
  if (found === 0) return empty;
  const source = found > ENTITY_COUNT_CAP
    ? `(SELECT ${COLUMNS} FROM entities e WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2})`
    : `(SELECT ${COLUMNS} FROM entities e
         WHERE e.id IN (SELECT e.id FROM entities e WHERE ${where} LIMIT ${ENTITY_COUNT_CAP + 1})
         ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2})`;
  const rows = await db.query<EntityDbRow>(
    `SELECT e.*, ${DECORATE} FROM ${source} e JOIN organizations o ON o.id = e.org_id ORDER BY ${order}`,
    [...params, f.pageSize, offset]);
  return {
    rows: rows.map(present), total: Math.min(found, ENTITY_COUNT_CAP), totalCapped: found > ENTITY_COUNT_CAP,
    page: f.page, pageSize: f.pageSize,
  };
}

async function load(db: Queryable, id: number, lock = false): Promise<EntityDbRow | undefined> {
  return db.one<EntityDbRow>(
    `SELECT ${COLUMNS}, ${DECORATE} FROM entities e JOIN organizations o ON o.id = e.org_id WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id]);
}

async function loadInScope(db: Queryable, user: AuthUser, id: number, lock = false): Promise<EntityDbRow> {
  const row = await load(db, id, lock);
  // Outside the scope answers exactly like a missing id, so ids cannot be probed.
  if (!row || !inScope(user.scope, row.org_id)) throw notFound();
  return row;
}

export async function getEntity(db: Queryable, user: AuthUser, id: number): Promise<EntityDetail> {
  const row = await loadInScope(db, user, id);
  const history = await db.query<{ at: Date; username: string; action: string; before: unknown; after: unknown }>(
    `SELECT at, username, action, before, after FROM audit_log
      WHERE object_type = 'entity' AND object_id = $1 ORDER BY id DESC LIMIT 50`, [String(id)]);
  return { ...present(row), createdAt: row.created_at, history };
}

/** Normalised code, or 400 USCC_INVALID with the checker's message (accepted legacy codes pass). */
async function acceptableUscc(tx: Queryable, raw: string): Promise<string> {
  const check = checkUscc(raw);
  if (check.valid) return check.code;
  const accepted = check.problem === 'check_character' && (await isAcceptedLegacyCode(tx, check.code));
  if (usccAcceptable(check, accepted ? new Set([check.code]) : new Set())) return check.code;
  throw badRequest('USCC_INVALID', check.message!, {
    field: 'uscc', problem: check.problem, ...(check.expectedCheck ? { expectedCheck: check.expectedCheck } : {}),
  });
}

async function usccTaken(tx: Queryable, user: AuthUser, uscc: string): Promise<AppError> {
  const other = await tx.one<{ id: number; name: string; org_id: number }>('SELECT id, name, org_id FROM entities WHERE uscc = $1', [uscc]);
  const named = other && inScope(user.scope, other.org_id) ? `（${other.name}，编号${other.id}）` : '';
  return conflict('USCC_TAKEN', `统一社会信用代码“${uscc}”已登记在名录中${named}，同一代码只能登记一个监管对象`);
}

function searchable(input: EntityInput) {
  return {
    name: input.name, address: input.address, legal_rep: input.legalRep, org_id: input.orgId, category: input.category,
    region_code: input.regionCode, risk_class: input.riskClass, credit_grade: input.creditGrade,
  };
}

function assertOrgAllowed(user: AuthUser, orgId: number) {
  if (!inScope(user.scope, orgId)) throw badRequest('ENTITY_ORG', '监管机构不存在或不在您的管理范围内');
}

/** Licences issued to this code before the entity was entered now count for it (licensing/licences.ts); its credit follows at once. */
async function linkHolder(tx: Queryable, actor: Actor, uscc: string): Promise<void> {
  for (const id of await linkHoldersToEntities(tx, [uscc])) await refreshCreditAfterRecord(tx, actor, id, 'licence.linked');
}

export async function createEntity(db: Queryable, user: AuthUser, actor: Actor, input: EntityInput): Promise<EntityDetail> {
  const id = await db.transaction(async (tx) => {
    assertOrgAllowed(user, input.orgId);
    const uscc = await acceptableUscc(tx, input.uscc);
    // ON CONFLICT keeps a concurrent duplicate a 409 rather than an aborted transaction.
    const row = await tx.one<{ id: number }>(
      `INSERT INTO entities (uscc, name, category, region_code, address, org_id, legal_rep, risk_class, credit_grade, blacklisted, search_keys)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (uscc) DO NOTHING RETURNING id`,
      [uscc, input.name, input.category, input.regionCode, input.address, input.orgId, input.legalRep, input.riskClass,
        input.creditGrade, input.blacklisted, entitySearchKeys(searchable(input))]);
    if (!row) throw await usccTaken(tx, user, uscc);
    const created = present((await load(tx, row.id))!);
    await recordAudit(tx, actor, { action: 'entity.create', objectType: 'entity', objectId: created.id, after: created });
    await linkHolder(tx, actor, uscc);
    return created.id;
  });
  return getEntity(db, user, id);
}

export async function updateEntity(db: Queryable, user: AuthUser, actor: Actor, id: number, input: EntityInput): Promise<EntityDetail> {
  await db.transaction(async (tx) => {
    const before = present(await loadInScope(tx, user, id, true));
    assertOrgAllowed(user, input.orgId);
    const uscc = await acceptableUscc(tx, input.uscc);
    if (uscc !== before.uscc) {
      const dup = await tx.one<{ id: number }>('SELECT id FROM entities WHERE uscc = $1', [uscc]);
      if (dup && dup.id !== id) throw await usccTaken(tx, user, uscc);
    }
    await tx.query(
      `UPDATE entities SET uscc=$2, name=$3, category=$4, region_code=$5, address=$6, org_id=$7, legal_rep=$8, risk_class=$9,
              credit_grade=$10, blacklisted=$11, search_keys=$12, updated_at=now()
        WHERE id = $1`,
      [id, uscc, input.name, input.category, input.regionCode, input.address, input.orgId, input.legalRep, input.riskClass,
        input.creditGrade, input.blacklisted, entitySearchKeys(searchable(input))]);
    const after = present((await load(tx, id))!);
    await recordAudit(tx, actor, { action: 'entity.update', objectType: 'entity', objectId: id, before, after });
    if (uscc !== before.uscc) await linkHolder(tx, actor, uscc);
  });
  return getEntity(db, user, id);
}

// ---------------------------------------------------------------------------------
// Accepted legacy codes (历史代码认可). The list is global (a code is a code wherever it
// is used); how many entities use it is counted within the caller's scope only.

interface ExceptionRow { code: string; reason: string; accepted_by: string | null; accepted_at: Date; entity_count: number }

function presentException(r: ExceptionRow): UsccException {
  const check = checkUscc(r.code);
  return {
    code: r.code, reason: r.reason, expectedCheck: check.expectedCheck ?? null, acceptedBy: r.accepted_by,
    acceptedAt: r.accepted_at, entityCount: r.entity_count,
  };
}

const EXCEPTION_SELECT = `SELECT x.code, x.reason, u.username AS accepted_by, x.accepted_at,
    (SELECT count(*)::int FROM entities e WHERE e.uscc = x.code AND e.org_id = ANY($1::int[])) AS entity_count
  FROM uscc_exceptions x LEFT JOIN users u ON u.id = x.accepted_by`;

export async function listUsccExceptions(db: Queryable, user: AuthUser): Promise<UsccException[]> {
  const rows = await db.query<ExceptionRow>(`${EXCEPTION_SELECT} ORDER BY x.accepted_at DESC, x.code`, [user.scope.orgIds]);
  return rows.map(presentException);
}

export async function acceptUsccException(db: Queryable, user: AuthUser, actor: Actor, code: string, reason: string): Promise<UsccException> {
  return db.transaction(async (tx) => {
    const check = checkUscc(code);
    if (check.valid) {
      throw badRequest('USCC_VALID_NO_EXCEPTION', `统一社会信用代码“${check.code}”校验正确，无需作为历史代码认可`);
    }
    if (check.problem !== 'check_character') {
      // Only a code of the right length and alphabet can be a legacy code.
      throw badRequest('USCC_INVALID', check.message!, { field: 'code', problem: check.problem });
    }
    const row = await tx.one<{ code: string }>(
      'INSERT INTO uscc_exceptions (code, reason, accepted_by) VALUES ($1,$2,$3) ON CONFLICT (code) DO NOTHING RETURNING code',
      [check.code, reason, user.id]);
    if (!row) throw conflict('USCC_EXCEPTION_EXISTS', `历史代码“${check.code}”已经认可，无需重复认可`);
    const created = presentException((await tx.one<ExceptionRow>(`${EXCEPTION_SELECT} WHERE x.code = $2`, [user.scope.orgIds, check.code]))!);
    await recordAudit(tx, actor, {
      action: 'uscc_exception.create', objectType: 'uscc_exception', objectId: check.code,
      after: { code: created.code, reason: created.reason, expectedCheck: created.expectedCheck },
    });
    return created;
  });
}

export async function revokeUsccException(db: Queryable, user: AuthUser, actor: Actor, code: string): Promise<void> {
  await db.transaction(async (tx) => {
    const normal = code.trim().toUpperCase();
    const before = await tx.one<{ code: string; reason: string }>('SELECT code, reason FROM uscc_exceptions WHERE code = $1 FOR UPDATE', [normal]);
    if (!before) throw notFound('该历史代码未被认可');
    const holder = await tx.one<{ id: number; name: string; org_id: number }>('SELECT id, name, org_id FROM entities WHERE uscc = $1', [normal]);
    if (holder) {
      const named = inScope(user.scope, holder.org_id) ? `“${holder.name}”（编号${holder.id}）` : '名录中的监管对象';
      throw conflict('USCC_EXCEPTION_IN_USE', `历史代码“${normal}”正被${named}使用，不能撤销认可；请先更正该监管对象的代码`);
    }
    await tx.query('DELETE FROM uscc_exceptions WHERE code = $1', [normal]);
    await recordAudit(tx, actor, { action: 'uscc_exception.delete', objectType: 'uscc_exception', objectId: normal, before });
  });
}
