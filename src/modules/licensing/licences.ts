// Electronic licences (电子证照): issue (signed with the issuing body's SM2 key), change,
// renew (延续), re-issue (补发), cancel (注销), revoke (撤销, by a penalty decision or a
// false commitment), and verify. A change, renewal or re-issue issues a new licence that
// supersedes the old one (previous_id), so the history stays whole. Every status change
// signs a new status statement (core/licensing/licence.ts).
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { addDays, todayInChina } from '../../core/calendar/dates';
import {
  signLicence, signStatus, verifyLicence, STATUS_NAMES, type LicenceContent, type LicenceStatus, type ShownStatus, type StoredLicence, type Verification,
} from '../../core/licensing/licence';
import { signingKeyOf } from './keys';
import { refreshCreditAfterRecord } from '../credit/service';
import { reminderDaysSql, reminderWindows, type ReminderWindows } from './reminders';

export interface LicenceRow {
  id: number; licence_no: string; item_id: number | null; item_code: string | null; licence_name: string; org_id: number; org_code: string; org_name: string;
  holder_name: string; holder_uscc: string | null; entity_id: number | null; scope: string; address: string;
  issued_on: string; valid_from: string; valid_to: string; status: LicenceStatus; status_on: string | null; status_reason: string | null;
  application_id: number | null; previous_id: number | null; payload: string; signature: string; status_payload: string; status_signature: string;
  public_key: string | null; verify_token: string; source: string;
}

/** The licence with what verification needs (issuer, item code, public key): one row query. */
export const LICENCE_SELECT = `
  SELECT l.*, ci.item_code, o.code AS org_code, o.name AS org_name, k.public_key
    FROM licences l JOIN organizations o ON o.id = l.org_id
    LEFT JOIN catalogue_items ci ON ci.id = l.item_id
    LEFT JOIN signing_keys k ON k.id = l.key_id`;

export function contentOf(r: Pick<LicenceRow, 'licence_no' | 'licence_name' | 'holder_name' | 'holder_uscc' | 'scope' | 'address' | 'issued_on' | 'valid_from' | 'valid_to' | 'org_code' | 'org_name' | 'item_code'>): LicenceContent {
  return {
    licenceNo: r.licence_no, licenceName: r.licence_name, holderName: r.holder_name, holderUscc: r.holder_uscc, scope: r.scope, address: r.address,
    issuedOn: r.issued_on, validFrom: r.valid_from, validTo: r.valid_to, issuerCode: r.org_code, issuerName: r.org_name, itemCode: r.item_code,
  };
}

// Verifying a licence costs one or two SM2 verifications (about 0.06 ms each), for a public page
// anyone may call again and again: results are kept for the most recent licences
// verified, keyed by a digest of everything verification reads (the stored content,
// status, signed texts, signatures and public key; not the day, which only decides
// "expired", recomputed on every call). Any change to the stored data changes the key,
// so a tampered row is verified afresh. Bounded; the oldest entry goes first. The key
// never leaves the process, so it is Node's native SHA-256 (6 µs for a licence against
// 40 µs for SM3 in JavaScript, on the event loop of every request).
export const VERIFICATION_CACHE_SIZE = 20_000;
const verified = new Map<string, Pick<Verification, 'authentic' | 'problems'>>();

function storedOf(r: LicenceRow): { stored: StoredLicence; key: string } {
  const stored: StoredLicence = {
    content: contentOf(r), status: r.status, statusOn: r.status_on, statusReason: r.status_reason,
    payload: r.payload, signature: r.signature, statusPayload: r.status_payload, statusSignature: r.status_signature, publicKey: r.public_key,
  };
  const key = crypto.createHash('sha256').update(JSON.stringify([stored.content, stored.status, stored.statusOn, stored.statusReason, stored.payload, stored.signature,
    stored.statusPayload, stored.statusSignature, stored.publicKey])).digest('hex');
  return { stored, key };
}

function cached(key: string, shownStatus: ShownStatus): Verification | undefined {
  const hit = verified.get(key);
  if (!hit) return undefined;
  verified.delete(key);
  verified.set(key, hit);
  return { authentic: hit.authentic, problems: [...hit.problems], shownStatus };
}

function remember(key: string, v: Verification): void {
  verified.set(key, { authentic: v.authentic, problems: [...v.problems] });
  if (verified.size > VERIFICATION_CACHE_SIZE) verified.delete(verified.keys().next().value!);
}

export function verificationOf(r: LicenceRow, today = todayInChina()): Verification {
  const { stored, key } = storedOf(r);
  const shownStatus = shownStatusOf(r, today);
  const hit = cached(key, shownStatus);
  if (hit) return hit;
  const v = verifyLicence(stored, today);
  remember(key, v);
  return { ...v, shownStatus };
}

// ---------------------------------------------------------------------------------
// Issuing.

export interface IssueInput {
  licenceName: string;
  itemId: number | null;
  orgId: number;
  holderName: string;
  holderUscc: string | null;
  entityId: number | null;
  scope: string;
  address: string;
  issuedOn: string;
  validFrom: string;
  validTo: string;
  applicationId: number | null;
  previousId: number | null;
  source: 'platform' | 'import';
  /** Given by an import (the licence's own number); made here otherwise. */
  licenceNo?: string;
}

export type LicenceEventKind = 'issued' | 'changed' | 'renewed' | 'reissued' | 'cancelled' | 'revoked' | 'commitment_false';

async function nextLicenceNo(tx: Queryable, orgCode: string, year: string): Promise<string> {
  const prefix = `${orgCode}-${year}-`;
  // Serialises numbering per organisation and year across concurrent transactions.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`licence_no:${prefix}`]);
  const row = await tx.one<{ n: number }>(
    `SELECT coalesce(max(substring(licence_no FROM length($1) + 1)::int), 0) + 1 AS n
       FROM licences WHERE licence_no LIKE $2 AND substring(licence_no FROM length($1) + 1) ~ '^[0-9]+$'`, [prefix, `${prefix}%`]);
  return `${prefix}${String(row!.n).padStart(6, '0')}`;
}

async function addEvent(tx: Queryable, actor: Actor, licenceId: number, kind: LicenceEventKind, onDate: string, reason: string | null, caseId: number | null = null): Promise<void> {
  await tx.query(
    'INSERT INTO licence_events (licence_id, kind, on_date, reason, case_id, actor_id, actor_name) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [licenceId, kind, onDate, reason, caseId, actor.userId, actor.username]);
}

/** Issues and signs a licence; records the event. Call inside the caller's transaction (the caller audits). */
export async function issueLicence(tx: Queryable, actor: Actor, input: IssueInput, event: LicenceEventKind = 'issued', reason: string | null = null): Promise<{ id: number; licenceNo: string; verifyToken: string }> {
  const org = await tx.one<{ code: string; name: string }>('SELECT code, name FROM organizations WHERE id = $1', [input.orgId]);
  if (!org) throw notFound('发证机关不存在');
  const item = input.itemId === null ? null : await tx.one<{ item_code: string }>('SELECT item_code FROM catalogue_items WHERE id = $1', [input.itemId]);
  const licenceNo = input.licenceNo ?? await nextLicenceNo(tx, org.code, input.issuedOn.slice(0, 4));
  const content: LicenceContent = {
    licenceNo, licenceName: input.licenceName, holderName: input.holderName, holderUscc: input.holderUscc, scope: input.scope, address: input.address,
    issuedOn: input.issuedOn, validFrom: input.validFrom, validTo: input.validTo, issuerCode: org.code, issuerName: org.name, itemCode: item?.item_code ?? null,
  };
  const key = await signingKeyOf(tx, input.orgId);
  const signed = signLicence(content, key);
  const status = signStatus({ licenceNo, status: 'valid', since: input.issuedOn, reason: null }, signed, key);
  const verifyToken = crypto.randomBytes(16).toString('base64url');
  const row = await tx.one<{ id: number }>(
    `INSERT INTO licences (licence_no, item_id, licence_name, org_id, holder_name, holder_uscc, entity_id, scope, address, issued_on, valid_from, valid_to,
                           status, status_on, application_id, previous_id, key_id, payload, signature, status_payload, status_signature, verify_token, source)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'valid',$10,$13,$14,$15,$16,$17,$18,$19,$20,$21) RETURNING id`,
    [licenceNo, input.itemId, input.licenceName, input.orgId, input.holderName, input.holderUscc, input.entityId, input.scope, input.address,
      input.issuedOn, input.validFrom, input.validTo, input.applicationId, input.previousId, key.id, signed.payload, signed.signature,
      status.payload, status.signature, verifyToken, input.source]);
  await addEvent(tx, actor, row!.id, event, input.issuedOn, reason);
  // The licence status is a credit input (modules/credit/facts.ts).
  if (input.entityId !== null && input.source === 'platform') await refreshCreditAfterRecord(tx, actor, input.entityId, `licence.${event}`);
  return { id: row!.id, licenceNo, verifyToken };
}

/** Ends a valid licence (revoked, cancelled, or superseded by a new one), signing the new status. */
export async function endLicence(tx: Queryable, actor: Actor, licenceId: number, status: Exclude<LicenceStatus, 'valid'>, on: string, reason: string, event: LicenceEventKind, caseId: number | null = null): Promise<void> {
  const l = await tx.one<{ licence_no: string; org_id: number; status: LicenceStatus; entity_id: number | null; payload: string; signature: string }>(
    'SELECT licence_no, org_id, status, entity_id, payload, signature FROM licences WHERE id = $1 FOR UPDATE', [licenceId]);
  if (!l) throw notFound('证照不存在');
  if (l.status !== 'valid') throw conflict('LICENCE_NOT_VALID', `该证照已${STATUS_NAMES[l.status]}，不能再办理`);
  const key = await signingKeyOf(tx, l.org_id);
  const signed = signStatus({ licenceNo: l.licence_no, status, since: on, reason }, l, key);
  await tx.query(
    `UPDATE licences SET status = $2, status_on = $3, status_reason = $4, status_payload = $5, status_signature = $6, key_id = coalesce(key_id, $7)
      WHERE id = $1`, [licenceId, status, on, reason, signed.payload, signed.signature, key.id]);
  await addEvent(tx, actor, licenceId, event, on, reason, caseId);
  if (l.entity_id !== null) await refreshCreditAfterRecord(tx, actor, Number(l.entity_id), `licence.${event}`);
}

/**
 * A penalty decision revoking the licence (吊销许可证): the holder's valid licences end on
 * the decision day, each with the case named, their status signed again. Called by the
 * case module inside the decision's transaction; returns the licence numbers revoked.
 */
export async function revokeByDecision(tx: Queryable, actor: Actor, entityId: number, caseId: number, caseNo: string, on: string): Promise<string[]> {
  const rows = await tx.query<{ id: number; licence_no: string }>(
    `SELECT id, licence_no FROM licences WHERE entity_id = $1 AND status = 'valid' AND valid_to >= $2 ORDER BY id`, [entityId, on]);
  for (const r of rows) await endLicence(tx, actor, r.id, 'revoked', on, `行政处罚决定吊销许可证（${caseNo}）`, 'revoked', caseId);
  return rows.map((r) => r.licence_no);
}

/**
 * Links the licences and applications that name a holder by its unified social credit
 * code to the directory entity of that code, when the entity is entered after them (a new
 * business licensed before it was in the directory): from then on a penalty decision
 * revoking its licence (revokeByDecision) and its credit (credit/facts.ts) see them.
 * Returns the ids of the entities that gained a licence.
 */
export async function linkHoldersToEntities(tx: Queryable, usccs: string[]): Promise<number[]> {
  if (usccs.length === 0) return [];
  await tx.query(
    `UPDATE licence_applications a SET entity_id = e.id FROM entities e
      WHERE e.uscc = ANY($1::text[]) AND a.applicant_uscc = e.uscc AND a.entity_id IS NULL`, [usccs]);
  const linked = await tx.query<{ entity_id: number }>(
    `UPDATE licences l SET entity_id = e.id FROM entities e
      WHERE e.uscc = ANY($1::text[]) AND l.holder_uscc = e.uscc AND l.entity_id IS NULL
      RETURNING l.entity_id`, [usccs]);
  return [...new Set(linked.map((r) => Number(r.entity_id)))];
}

// ---------------------------------------------------------------------------------
// Reading.

export async function visibleLicence(db: Queryable, user: AuthUser, id: number): Promise<LicenceRow> {
  const r = await db.one<LicenceRow>(`${LICENCE_SELECT} WHERE l.id = $1 AND l.org_id = ANY($2)`, [id, user.scope.orgIds]);
  if (!r) throw notFound('证照不存在或不在您的管理范围内');
  return r;
}

export function shownStatusOf(r: Pick<LicenceRow, 'status' | 'valid_to'>, today: string): ShownStatus {
  return r.status === 'valid' && r.valid_to < today ? 'expired' : r.status;
}

export interface LicenceFilters {
  q?: string; status?: ShownStatus; itemCode?: string; orgId?: number; entityId?: number;
  /** Valid licences expiring within this many days. */
  expiringWithin?: number;
  /** 'true': the expiring list, valid licences within their own reminder window (the largest of their reminder days, reminders.ts). */
  expiring?: 'true' | 'false';
}

/** WHERE clause of the licence list (shared with the export and the expiry list); `windows` is needed by f.expiring. */
export function licenceWhere(user: AuthUser, f: LicenceFilters, today: string, windows?: ReminderWindows): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const cond = ['l.org_id = ANY($1)'];
  const add = (sql: (n: number) => string, v: unknown) => { params.push(v); cond.push(sql(params.length)); };
  if (f.q) add((n) => `(l.licence_no ILIKE $${n} OR l.holder_name ILIKE $${n} OR l.holder_uscc ILIKE $${n})`, likeContaining(f.q));
  if (f.itemCode) add((n) => `ci.item_code = $${n}`, f.itemCode);
  if (f.orgId) add((n) => `l.org_id IN (SELECT id FROM organizations WHERE path LIKE (SELECT path FROM organizations WHERE id = $${n}) || '%')`, f.orgId);
  if (f.entityId) add((n) => `l.entity_id = $${n}`, f.entityId);
  if (f.status === 'expired') add((n) => `l.status = 'valid' AND l.valid_to < $${n}`, today);
  else if (f.status === 'valid') add((n) => `l.status = 'valid' AND l.valid_to >= $${n}`, today);
  else if (f.status) add((n) => `l.status = $${n}`, f.status);
  if (f.expiringWithin !== undefined) {
    add((n) => `l.status = 'valid' AND l.valid_to >= $${n}`, today);
    add((n) => `l.valid_to <= $${n}`, addDays(today, f.expiringWithin));
  }
  if (f.expiring === 'true') {
    if (!windows) throw new Error('licenceWhere: the expiring list needs the reminder windows');
    const t = params.push(today);
    // The horizon bounds the range on the expiry index; each licence then within its own window.
    add((n) => `l.status = 'valid' AND l.valid_to >= $${t}::date AND l.valid_to <= $${n}::date`, addDays(today, windows.horizon));
    add((n) => `l.valid_to - $${t}::date <= (SELECT max(d) FROM unnest(${reminderDaysSql(n)}) d)`, windows.rules);
  }
  return { where: cond.join(' AND '), params };
}

export interface LicenceListRow {
  id: number; licenceNo: string; licenceName: string; itemCode: string | null; holderName: string; holderUscc: string | null;
  orgName: string; issuedOn: string; validFrom: string; validTo: string; status: ShownStatus; statusName: string; daysLeft: number;
  /** The holder's contact as given on the application that issued the licence (for the reminder calls). */
  contactPhone: string | null; contactEmail: string | null;
}

export async function listLicences(db: Queryable, user: AuthUser, f: LicenceFilters & { page: number; pageSize: number }): Promise<{ items: LicenceListRow[]; total: number }> {
  const today = todayInChina();
  const windows = f.expiring === 'true' ? await reminderWindows(db, user.scope.orgIds) : undefined;
  const { where, params } = licenceWhere(user, f, today, windows);
  const from = `FROM licences l JOIN organizations o ON o.id = l.org_id LEFT JOIN catalogue_items ci ON ci.id = l.item_id
                  LEFT JOIN licence_applications a ON a.id = l.application_id WHERE ${where}`;
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params))!.n;
  const order = f.expiringWithin !== undefined || f.expiring === 'true' ? 'l.valid_to, l.id' : 'l.id DESC';
  const rows = await db.query<{ id: number; licence_no: string; licence_name: string; item_code: string | null; holder_name: string; holder_uscc: string | null; org_name: string; issued_on: string; valid_from: string; valid_to: string; status: LicenceStatus; days_left: number; contact_phone: string | null; contact_email: string | null }>(
    `SELECT l.id, l.licence_no, l.licence_name, ci.item_code, l.holder_name, l.holder_uscc, o.name AS org_name, l.issued_on, l.valid_from, l.valid_to, l.status,
            a.contact_phone, a.contact_email,
            (l.valid_to - $${params.length + 1}::date)::int AS days_left
       ${from} ORDER BY ${order} LIMIT $${params.length + 2} OFFSET $${params.length + 3}`,
    [...params, today, f.pageSize, (f.page - 1) * f.pageSize]);
  return {
    total,
    items: rows.map((r) => {
      const status = shownStatusOf(r, today);
      return {
        id: r.id, licenceNo: r.licence_no, licenceName: r.licence_name, itemCode: r.item_code, holderName: r.holder_name, holderUscc: r.holder_uscc,
        orgName: r.org_name, issuedOn: r.issued_on, validFrom: r.valid_from, validTo: r.valid_to, status, statusName: STATUS_NAMES[status], daysLeft: r.days_left,
        contactPhone: r.contact_phone, contactEmail: r.contact_email,
      };
    }),
  };
}

export interface LicenceEvent { kind: LicenceEventKind; onDate: string; reason: string | null; caseId: number | null; actorName: string; at: string }

export interface LicenceDetail extends LicenceListRow {
  scope: string; address: string; entityId: number | null; applicationId: number | null; previousId: number | null; nextId: number | null;
  statusOn: string | null; statusReason: string | null; verifyToken: string; signature: string; publicKey: string | null;
  verification: Verification; events: LicenceEvent[];
}

export async function getLicence(db: Queryable, user: AuthUser, id: number): Promise<LicenceDetail> {
  const r = await visibleLicence(db, user, id);
  return detailOf(db, r);
}

async function detailOf(db: Queryable, r: LicenceRow): Promise<LicenceDetail> {
  const today = todayInChina();
  const events = await db.query<LicenceEvent>(
    `SELECT kind, on_date AS "onDate", reason, case_id AS "caseId", actor_name AS "actorName", at::text AS at FROM licence_events WHERE licence_id = $1 ORDER BY id`, [r.id]);
  const next = await db.one<{ id: number }>('SELECT id FROM licences WHERE previous_id = $1 ORDER BY id DESC LIMIT 1', [r.id]);
  const contact = r.application_id === null ? undefined
    : await db.one<{ contact_phone: string | null; contact_email: string | null }>('SELECT contact_phone, contact_email FROM licence_applications WHERE id = $1', [r.application_id]);
  const status = shownStatusOf(r, today);
  return {
    id: r.id, licenceNo: r.licence_no, licenceName: r.licence_name, itemCode: r.item_code, holderName: r.holder_name, holderUscc: r.holder_uscc,
    orgName: r.org_name, issuedOn: r.issued_on, validFrom: r.valid_from, validTo: r.valid_to, status, statusName: STATUS_NAMES[status],
    daysLeft: Math.round((Date.parse(r.valid_to) - Date.parse(today)) / 86_400_000),
    contactPhone: contact?.contact_phone ?? null, contactEmail: contact?.contact_email ?? null,
    scope: r.scope, address: r.address, entityId: r.entity_id, applicationId: r.application_id, previousId: r.previous_id, nextId: next?.id ?? null,
    statusOn: r.status_on, statusReason: r.status_reason, verifyToken: r.verify_token, signature: r.signature, publicKey: r.public_key,
    verification: verificationOf(r, today), events,
  };
}

// ---------------------------------------------------------------------------------
// The public verification page (the QR code's address).

export interface PublicVerification {
  authentic: boolean;
  problems: string[];
  status: ShownStatus;
  statusName: string;
  statusOn: string | null;
  statusReason: string | null;
  licenceNo: string; licenceName: string; holderName: string; holderUscc: string | null; scope: string; address: string;
  issuedOn: string; validFrom: string; validTo: string; issuerName: string; algorithm: 'SM2'; signature: string; publicKey: string | null;
  /** Set when this licence was replaced by another (renewed, changed, re-issued). */
  supersededBy: string | null;
}

export async function verifyByToken(db: Queryable, token: string): Promise<PublicVerification> {
  const r = await db.one<LicenceRow>(`${LICENCE_SELECT} WHERE l.verify_token = $1`, [token]);
  if (!r) throw notFound('未找到该电子证照：二维码或链接有误，或证照不是本平台签发的');
  const v = verificationOf(r);
  const next = r.status === 'superseded' ? await db.one<{ licence_no: string }>('SELECT licence_no FROM licences WHERE previous_id = $1 ORDER BY id DESC LIMIT 1', [r.id]) : undefined;
  return {
    authentic: v.authentic, problems: v.problems, status: v.shownStatus, statusName: STATUS_NAMES[v.shownStatus], statusOn: r.status === 'valid' ? null : r.status_on,
    statusReason: r.status === 'valid' ? null : r.status_reason,
    licenceNo: r.licence_no, licenceName: r.licence_name, holderName: r.holder_name, holderUscc: r.holder_uscc, scope: r.scope, address: r.address,
    issuedOn: r.issued_on, validFrom: r.valid_from, validTo: r.valid_to, issuerName: r.org_name, algorithm: 'SM2', signature: r.signature, publicKey: r.public_key,
    supersededBy: next?.licence_no ?? null,
  };
}

/** Finds a licence's verification token by its number (the portal's look-up form). */
export async function tokenByLicenceNo(db: Queryable, licenceNo: string): Promise<string> {
  const r = await db.one<{ verify_token: string }>('SELECT verify_token FROM licences WHERE licence_no = $1', [licenceNo.trim()]);
  if (!r) throw notFound('未找到该证照编号');
  return r.verify_token;
}

// ---------------------------------------------------------------------------------
// Changes to a licence, by the issuing body.

export interface EndInput { reason: string; onDate?: string; caseId?: number | null }

async function auditLicence(tx: Queryable, actor: Actor, action: string, id: number, before: unknown, after: unknown): Promise<void> {
  await recordAudit(tx, actor, { action, objectType: 'licence', objectId: String(id), before, after });
}

async function checkCase(tx: Queryable, user: AuthUser, caseId: number | null | undefined, entityId: number | null): Promise<number | null> {
  if (!caseId) return null;
  const c = await tx.one<{ id: number; entity_id: number | null; decided_on: string | null }>(
    'SELECT id, entity_id, decided_on FROM penalty_cases WHERE id = $1 AND org_id = ANY($2)', [caseId, user.scope.orgIds]);
  if (!c) throw notFound('处罚案件不存在或不在您的管理范围内');
  if (!c.decided_on) throw conflict('CASE_NOT_DECIDED', '该案件尚未作出行政处罚决定，不能据以吊销或撤销证照');
  if (entityId !== null && c.entity_id !== entityId) throw conflict('CASE_OTHER_PARTY', '该处罚案件的当事人不是本证照的持证人');
  return c.id;
}

/** 撤销 (revocation) or 注销 (cancellation): the licence ends on onDate with the reason (and the penalty decision, for a revocation by one). */
export async function endLicenceByStaff(db: Queryable, user: AuthUser, actor: Actor, id: number, status: 'revoked' | 'cancelled', input: EndInput): Promise<LicenceDetail> {
  return db.transaction(async (tx) => {
    const r = await visibleLicence(tx, user, id);
    const caseId = status === 'revoked' ? await checkCase(tx, user, input.caseId, r.entity_id) : null;
    const on = input.onDate ?? todayInChina();
    await endLicence(tx, actor, id, status, on, input.reason.trim(), status, caseId);
    await auditLicence(tx, actor, status === 'revoked' ? 'licence.revoke' : 'licence.cancel', id, { status: r.status }, { status, on, reason: input.reason, caseId });
    return detailOf(tx, (await visibleLicence(tx, user, id)));
  });
}

export interface ReplaceInput {
  kind: 'changed' | 'renewed' | 'reissued';
  reason: string;
  holderName?: string | null; scope?: string | null; address?: string | null;
  validTo?: string;
}

/**
 * 变更, 延续, 补发: a new licence replaces the old one, which is superseded. A change
 * alters the holder's name, scope or address; a renewal extends the validity (the new
 * one starts the day after the old one ends, or today if that is later); a re-issue
 * copies everything under a new number.
 */
export async function replaceLicence(db: Queryable, user: AuthUser, actor: Actor, id: number, input: ReplaceInput): Promise<LicenceDetail> {
  return db.transaction(async (tx) => {
    const r = await visibleLicence(tx, user, id);
    if (r.status !== 'valid') throw conflict('LICENCE_NOT_VALID', `该证照已${STATUS_NAMES[r.status]}，不能办理`);
    const today = todayInChina();
    let validFrom = r.valid_from;
    let validTo = r.valid_to;
    if (input.kind === 'renewed') {
      if (!input.validTo) throw conflict('VALID_TO_REQUIRED', '延续须填写新的有效期截止日期');
      validFrom = addDays(r.valid_to, 1) > today ? addDays(r.valid_to, 1) : today;
      if (input.validTo <= validFrom) throw conflict('VALID_TO_EARLY', `新的有效期截止日期应晚于${validFrom}`);
      validTo = input.validTo;
    } else if (r.valid_to < today) {
      throw conflict('LICENCE_EXPIRED', '证照已过有效期，只能办理延续或重新申请');
    }
    const changed = input.kind === 'changed'
      ? { holderName: input.holderName?.trim() || r.holder_name, scope: input.scope?.trim() ?? r.scope, address: input.address?.trim() ?? r.address }
      : { holderName: r.holder_name, scope: r.scope, address: r.address };
    if (input.kind === 'changed' && changed.holderName === r.holder_name && changed.scope === r.scope && changed.address === r.address) {
      throw conflict('NOTHING_CHANGED', '变更的内容与原证照相同');
    }
    await endLicence(tx, actor, id, 'superseded', today, `${KIND_NAMES[input.kind]}：${input.reason.trim()}`, input.kind);
    const issued = await issueLicence(tx, actor, {
      licenceName: r.licence_name, itemId: r.item_id, orgId: r.org_id, holderName: changed.holderName, holderUscc: r.holder_uscc, entityId: r.entity_id,
      scope: changed.scope, address: changed.address, issuedOn: today, validFrom, validTo, applicationId: null, previousId: r.id, source: 'platform',
    }, input.kind, input.reason.trim());
    await auditLicence(tx, actor, `licence.${input.kind === 'changed' ? 'change' : input.kind === 'renewed' ? 'renew' : 'reissue'}`, id,
      { licenceNo: r.licence_no, holderName: r.holder_name, scope: r.scope, address: r.address, validTo: r.valid_to },
      { licenceNo: issued.licenceNo, newId: issued.id, ...changed, validFrom, validTo, reason: input.reason });
    return detailOf(tx, await visibleLicence(tx, user, issued.id));
  });
}

const KIND_NAMES = { changed: '变更', renewed: '延续', reissued: '补发' } as const;
