// Applications (办件): received on the portal or at the window (a bundle's items under one
// tracking code, its staff registrations for the persons it names), taken through the
// procedure of core/procedure/licenceApplication.ts (one transaction and one audit entry
// per step), concluded with a licence issued (or a filing recorded, on receipt when its
// materials are complete), a commitment check scheduled for notification-and-commitment
// approvals and filings, and the decision published (双公示, masked) at once. The
// applicant is told at their contact what each step means for them (applicantNotices.ts).
import crypto from 'node:crypto';
import type { Database, Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { addDays, addMonths, todayInChina } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { ProcedureRefusal, apply, clockState, nextSteps, type ClockState, type NextStep } from '../../core/procedure/engine';
import {
  APPLICATION_CLOCKS, LICENCE_APPLICATION, decisionClock, type ApplicationFacts, type ApplicationOutcome, type ApplicationState, type OwedMaterial,
} from '../../core/procedure/licenceApplication';
import { maskParty, parseMaskingRule } from '../../core/publication/masking';
import { RULES } from '../../core/law/rules';
import { ruleValue } from '../rules/service';
import { issueLicence, shownStatusOf } from './licences';
import { STATUS_NAMES, type LicenceStatus } from '../../core/licensing/licence';
import { CHANNEL_NAMES, PROVISION_NAMES, type ApplicationInput, type MaterialInput, type Provision, type StepInput } from './schema';
import type { CatalogueCategory } from './catalogueSchema';
import type { NotificationSender } from './reminders';
import { NOTICE_OF_STEP, noticesOf, sendNotice, type ApplicationNotice } from './applicantNotices';

// ---------------------------------------------------------------------------------
// Rows.

export interface CatalogueMaterial { code: string; name: string; required: boolean; replaceable: 'e_licence' | 'data_check' | null; licenceName?: string }
export interface AppMaterial { code: string; name: string; required: boolean; replaceable: CatalogueMaterial['replaceable']; provision: Provision; licenceNo: string | null }

export interface ItemRow {
  id: number; item_code: string; version: number; org_id: number; name: string; category: string; kind: 'licence' | 'filing'; online: boolean;
  commitment_allowed: boolean; deficiency_allowed: boolean; statutory_days: number; promised_days: number; materials: CatalogueMaterial[];
  licence_name: string | null; licence_valid_years: number | null; active: boolean; published_at: string | null; is_current: boolean;
}

export interface ApplicationRow {
  id: number; application_no: string; item_id: number; org_id: number; bundle_code: string | null; bundle_no: string | null;
  applicant_name: string; applicant_uscc: string | null; entity_id: number | null; contact_phone: string | null; contact_email: string | null;
  address: string | null; scope: string | null; channel: keyof typeof CHANNEL_NAMES; tracking_code: string; state: ApplicationState;
  received_on: string; accepted_on: string | null; due_on: string | null; concluded_on: string | null; outcome: ApplicationOutcome | null;
  commitment: boolean; deficiency_accepted: boolean; deficiency_items: (OwedMaterial & { suppliedOn?: string | null })[]; deficiency_due_on: string | null;
  deficiency_cleared_on: string | null; e_licence_reused: boolean; proof_free: boolean; materials: AppMaterial[];
  correction_notice: string | null; correction_requested_on: string | null; corrected_on: string | null; not_accepted_reason: string | null;
  decision_reason: string | null; remedies: string | null; rating: number | null; rating_comment: string | null; rated_on: string | null;
  published_on: string | null; publication_due_on: string | null; source: string;
  // joined
  item_code: string; item_name: string; item_kind: 'licence' | 'filing'; item_version: number; org_name: string;
  promised_days: number; statutory_days: number; commitment_allowed: boolean; deficiency_allowed: boolean; licence_name: string | null;
  licence_valid_years: number | null; licence_id: number | null; licence_no: string | null;
}

const APPLICATION_SELECT = `
  SELECT a.*, ci.item_code, ci.name AS item_name, ci.kind AS item_kind, ci.version AS item_version, o.name AS org_name,
         ci.promised_days, ci.statutory_days, ci.commitment_allowed, ci.deficiency_allowed, ci.licence_name, ci.licence_valid_years,
         l.id AS licence_id, l.licence_no
    FROM licence_applications a
    JOIN catalogue_items ci ON ci.id = a.item_id
    JOIN organizations o ON o.id = a.org_id
    LEFT JOIN licences l ON l.application_id = a.id`;

async function visibleApplication(db: Queryable, user: AuthUser, id: number, lock = false): Promise<ApplicationRow> {
  if (lock) await db.query('SELECT id FROM licence_applications WHERE id = $1 AND org_id = ANY($2) FOR UPDATE', [id, user.scope.orgIds]);
  const r = await db.one<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.id = $1 AND a.org_id = ANY($2)`, [id, user.scope.orgIds]);
  if (!r) throw notFound('办件不存在或不在您的管理范围内');
  return r;
}

// ---------------------------------------------------------------------------------
// Receiving an application.

/** The current, active version of an item (the portal also needs it published and online). */
async function currentItem(db: Queryable, code: string): Promise<ItemRow | undefined> {
  return db.one<ItemRow>('SELECT * FROM catalogue_items WHERE item_code = $1 AND is_current', [code]);
}

// Tracking codes avoid letters and digits read alike (0/O, 1/I).
const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function trackingCode(): string {
  const bytes = crypto.randomBytes(10);
  return [...bytes].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
}

async function nextApplicationNo(tx: Queryable, orgCode: string, day: string): Promise<string> {
  const prefix = `${orgCode}-SQ-${day.replaceAll('-', '')}-`;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`application_no:${prefix}`]);
  const row = await tx.one<{ n: number }>(
    `SELECT count(*)::int + 1 AS n FROM licence_applications WHERE application_no LIKE $1`, [`${prefix}%`]);
  return `${prefix}${String(row!.n).padStart(4, '0')}`;
}

/**
 * The materials as provided, checked against the item's list: a material may be replaced
 * by an e-licence or a data check only where the item allows it, and a referenced
 * e-licence must be a valid licence of this platform, of the kind the material names,
 * held by the applicant.
 */
async function materialsOf(tx: Queryable, item: ItemRow, given: MaterialInput[], applicantName: string, applicantUscc: string | null): Promise<AppMaterial[]> {
  const byCode = new Map(given.map((m) => [m.code, m]));
  const unknown = given.find((m) => !item.materials.some((x) => x.code === m.code));
  if (unknown) throw badRequest('MATERIAL_UNKNOWN', `“${item.name}”没有编号为“${unknown.code}”的申请材料`);
  const out: AppMaterial[] = [];
  for (const m of item.materials) {
    const g = byCode.get(m.code);
    const provision: Provision = g?.provision ?? (m.replaceable === 'data_check' ? 'data_check' : 'missing');
    if ((provision === 'e_licence' || provision === 'data_check') && m.replaceable !== provision) {
      throw badRequest('MATERIAL_NOT_REPLACEABLE', `“${m.name}”不能以${PROVISION_NAMES[provision]}代替，请提交材料`);
    }
    let licenceNo: string | null = null;
    if (provision === 'e_licence') {
      if (!g?.licenceNo) throw badRequest('LICENCE_NO_REQUIRED', `请填写“${m.name}”所引用的电子证照编号`);
      const l = await tx.one<{ licence_name: string; holder_name: string; holder_uscc: string | null; status: string; valid_to: string }>(
        'SELECT licence_name, holder_name, holder_uscc, status, valid_to FROM licences WHERE licence_no = $1', [g.licenceNo]);
      if (!l) throw badRequest('LICENCE_NOT_FOUND', `未找到电子证照“${g.licenceNo}”，请核对编号或提交材料`);
      if (m.licenceName && l.licence_name !== m.licenceName) {
        throw badRequest('LICENCE_WRONG_KIND', `电子证照“${g.licenceNo}”是${l.licence_name}，“${m.name}”须引用${m.licenceName}`);
      }
      if (l.status !== 'valid' || l.valid_to < todayInChina()) throw badRequest('LICENCE_NOT_VALID', `电子证照“${g.licenceNo}”已失效，不能引用`);
      const sameHolder = applicantUscc ? l.holder_uscc === applicantUscc : l.holder_name === applicantName;
      if (!sameHolder) throw badRequest('LICENCE_OTHER_HOLDER', `电子证照“${g.licenceNo}”的持证人不是申请人，不能引用`);
      licenceNo = g.licenceNo;
    }
    out.push({ code: m.code, name: m.name, required: m.required, replaceable: m.replaceable, provision, licenceNo });
  }
  return out;
}

const missingOf = (materials: AppMaterial[]) => materials.filter((m) => m.required && m.provision === 'missing').map((m) => m.name);
/** 无证明: every proof issued by another body (a replaceable material) was replaced, none submitted. */
export const proofFreeOf = (materials: AppMaterial[]) => materials.filter((m) => m.replaceable !== null).every((m) => m.provision === 'e_licence' || m.provision === 'data_check' || (m.provision === 'missing' && !m.required));
const reusedOf = (materials: AppMaterial[]) => materials.some((m) => m.provision === 'e_licence');

/**
 * Owed materials (容缺) supplied today: marks those named supplied (and the deficiency
 * cleared when none is left) and the catalogue materials of those names provided on
 * paper. The columns to write on the application.
 */
function markSupplied(a: Pick<ApplicationRow, 'deficiency_items' | 'materials'>, names: Set<string>, today: string): Record<string, unknown> {
  const items = a.deficiency_items.map((o) => (!o.suppliedOn && names.has(o.name) ? { ...o, suppliedOn: today } : o));
  const materials = a.materials.map((m) => (m.provision === 'missing' && names.has(m.name) ? { ...m, provision: 'paper' as const } : m));
  return {
    deficiency_items: JSON.stringify(items),
    ...(items.every((o) => o.suppliedOn) ? { deficiency_cleared_on: today } : {}),
    materials: JSON.stringify(materials),
  };
}

/** The catalogue category of staff registrations (医护人员): personal licences, which a bundle may take for persons other than the applicant. */
const STAFF_CATEGORY: CatalogueCategory = 'medical_staff';

export interface Submitted { trackingCode: string; applications: { id: number; applicationNo: string; itemCode: string; itemName: string }[] }

/**
 * Receives an application (or a bundle's applications, one per item, sharing one
 * tracking code and bundle number). `user` is null for the portal: the item must then be
 * published and allow online application.
 */
export async function submitApplication(db: Database, calendar: WorkCalendar, senders: NotificationSender[], user: AuthUser | null, actor: Actor, input: ApplicationInput, channel: keyof typeof CHANNEL_NAMES, ip: string | null): Promise<Submitted> {
  const submitted = await receive(db, calendar, user, actor, input, channel, ip);
  // The tracking code (and a filing recorded on receipt) reaches the applicant's contact too.
  await sendNotice(db, senders, 'received', submitted.applications.map((a) => a.id));
  return submitted;
}

async function receive(db: Database, calendar: WorkCalendar, user: AuthUser | null, actor: Actor, input: ApplicationInput, channel: keyof typeof CHANNEL_NAMES, ip: string | null): Promise<Submitted> {
  return db.transaction(async (tx) => {
    let codes: string[];
    let bundle: { code: string; name: string } | null = null;
    if (input.bundleCode) {
      const b = await tx.one<{ code: string; name: string; item_codes: string[]; active: boolean }>('SELECT code, name, item_codes, active FROM catalogue_bundles WHERE code = $1', [input.bundleCode]);
      if (!b || !b.active) throw notFound('该“一件事”套餐不存在或已停用');
      bundle = b;
      codes = b.item_codes;
    } else codes = [input.itemCode!];
    const items: ItemRow[] = [];
    for (const code of codes) {
      const item = await currentItem(tx, code);
      if (!item || !item.active) throw notFound(`事项“${code}”不存在或已停用`);
      if (!user && (!item.published_at || !item.online)) throw badRequest('NOT_ONLINE', `事项“${item.name}”不支持网上申请，请到窗口办理`);
      if (user && !user.scope.orgIds.includes(item.org_id)) throw notFound(`事项“${code}”不由您的机构办理`);
      if (input.commitment && !item.commitment_allowed && !bundle) throw badRequest('COMMITMENT_NOT_ALLOWED', `事项“${item.name}”不适用告知承诺制`);
      items.push(item);
    }
    for (const h of input.holders) {
      const item = items.find((i) => i.item_code === h.itemCode);
      if (!item) throw badRequest('HOLDER_ITEM', `“一件事”套餐中没有事项“${h.itemCode}”`);
      if (item.category !== STAFF_CATEGORY) throw badRequest('HOLDER_NOT_STAFF', `“${item.name}”不是医护人员执业注册，持证人即申请人`);
    }
    const today = todayInChina();
    const code = trackingCode();
    const entity = input.applicantUscc ? await tx.one<{ id: number }>('SELECT id FROM entities WHERE uscc = $1', [input.applicantUscc]) : undefined;
    const created: Submitted['applications'] = [];
    let bundleNo: string | null = null;
    for (const item of items) {
      const given = input.materials.filter((m) => (m.itemCode === null || m.itemCode === item.item_code) && item.materials.some((x) => x.code === m.code));
      // A staff registration for a person named in the bundle is that person's: they hold the licence.
      const holder = input.holders.find((h) => h.itemCode === item.item_code);
      const applicant = holder ? { name: holder.name, uscc: null, entityId: null } : { name: input.applicantName, uscc: input.applicantUscc, entityId: entity?.id ?? null };
      const materials = await materialsOf(tx, item, given, applicant.name, applicant.uscc);
      const org = await tx.one<{ code: string }>('SELECT code FROM organizations WHERE id = $1', [item.org_id]);
      const applicationNo = await nextApplicationNo(tx, org!.code, today);
      bundleNo ??= bundle ? applicationNo : null;
      const row = await tx.one<{ id: number }>(
        `INSERT INTO licence_applications (application_no, item_id, org_id, bundle_code, bundle_no, applicant_name, applicant_uscc, entity_id, contact_phone, contact_email,
            address, scope, channel, tracking_code, state, received_on, commitment, e_licence_reused, proof_free, materials, submitter_ip, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'submitted',$15,$16,$17,$18,$19,$20,$21) RETURNING id`,
        [applicationNo, item.id, item.org_id, bundle?.code ?? null, bundleNo, applicant.name, applicant.uscc, applicant.entityId,
          input.contactPhone, input.contactEmail, input.address, input.scope, channel, code, today,
          input.commitment && item.commitment_allowed, reusedOf(materials), proofFreeOf(materials), JSON.stringify(materials), user ? null : ip, user?.id ?? null]);
      created.push({ id: row!.id, applicationNo, itemCode: item.item_code, itemName: item.name });
    }
    await recordAudit(tx, actor, {
      action: 'licensing.application.submit', objectType: 'licence_application', objectId: created.map((c) => c.applicationNo).join(','),
      after: { channel, itemCodes: codes, bundleCode: bundle?.code ?? null, applicant: input.applicantName, holders: input.holders, commitment: input.commitment },
    });
    await fileOnSubmission(tx, calendar, actor, created.map((c) => c.id), today);
    return { trackingCode: code, applications: created };
  });
}

/**
 * A filing (备案) is not accepted and decided: it is recorded when its materials arrive
 * complete, and verified afterwards (核查). One with a required material missing waits at
 * the window like any other submission.
 */
async function fileOnSubmission(tx: Queryable, calendar: WorkCalendar, actor: Actor, ids: number[], today: string): Promise<void> {
  const filings = await tx.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.id = ANY($1) AND ci.kind = 'filing' ORDER BY a.id FOR UPDATE OF a`, [ids]);
  for (const a of filings) {
    if (missingOf(a.materials).length === 0) await stepWithin(tx, actor, calendar, a, 'record_filing', {}, today);
  }
}

// ---------------------------------------------------------------------------------
// Steps.

function factsOf(a: ApplicationRow, input: StepInput, materials: AppMaterial[], today: string): ApplicationFacts {
  return {
    itemKind: a.item_kind, commitmentAllowed: a.commitment_allowed, deficiencyAllowed: a.deficiency_allowed, commitment: a.commitment,
    correctionRequested: a.correction_requested_on !== null, missingMaterials: missingOf(materials),
    owedMaterials: a.deficiency_items.filter((o) => !o.suppliedOn).map((o) => o.name),
    reason: input.reason ?? undefined, remedies: input.remedies ?? undefined, owed: input.owed, today,
  };
}

async function publicationOf(tx: Queryable, a: ApplicationRow, outcome: 'approved' | 'refused', licenceNo: string | null, validTo: string | null, today: string): Promise<Record<string, unknown>> {
  const rule = parseMaskingRule(await ruleValue<string>(tx, RULES.publicationMasking.id, a.org_id));
  const party = maskParty({ kind: a.applicant_uscc ? 'organisation' : 'person', name: a.applicant_name, code: a.applicant_uscc, legalRep: null, address: a.address ?? '' }, rule);
  return {
    applicationNo: a.application_no, itemCode: a.item_code, itemName: a.item_name, applicant: party.name, applicantCode: party.code,
    decision: outcome === 'approved' ? (a.item_kind === 'filing' ? '予以备案' : '准予许可') : '不予许可', decidedOn: today,
    licenceNo, validTo, issuer: a.org_name, commitment: a.commitment,
  };
}

/** What a step writes on the application, beyond the state. */
async function recordStep(tx: Queryable, actor: Actor, calendar: WorkCalendar, a: ApplicationRow, step: string, input: StepInput, materials: AppMaterial[], today: string): Promise<Record<string, unknown>> {
  const rec: Record<string, unknown> = {};
  const conclude = (outcome: ApplicationOutcome) => { rec.outcome = outcome; rec.concluded_on = today; };
  switch (step) {
    case 'request_correction':
      rec.correction_notice = input.reason; rec.correction_requested_on = today; break;
    case 'resubmit':
      rec.corrected_on = today; break;
    case 'accept':
    case 'accept_with_deficiency': {
      rec.accepted_on = today;
      rec.due_on = computeDue(calendar, { start: today, amount: a.promised_days, unit: 'workday' }).due;
      if (step === 'accept_with_deficiency') {
        const owed = input.owed!.map((o) => ({ name: o.name, dueOn: o.dueOn, suppliedOn: null }));
        rec.deficiency_accepted = true; rec.deficiency_items = JSON.stringify(owed);
        rec.deficiency_due_on = owed.map((o) => o.dueOn).sort().at(-1);
      }
      break;
    }
    case 'not_accept':
      rec.not_accepted_reason = input.reason; break;
    case 'supplement': {
      const names = new Set(input.supplied && input.supplied.length > 0 ? input.supplied : a.deficiency_items.map((o) => o.name));
      // Materials given with the step replace these (below).
      Object.assign(rec, markSupplied(a, names, today));
      break;
    }
    case 'approve':
    case 'record_filing': {
      if (step === 'record_filing') rec.accepted_on = today;
      conclude('approved');
      rec.decision_reason = input.reason;
      let licence: { licenceNo: string; validTo: string } | null = null;
      if (a.licence_name && a.item_kind === 'licence') {
        const validTo = input.validTo ?? addDays(addMonths(today, 12 * (a.licence_valid_years ?? 1)), -1);
        if (validTo <= today) throw badRequest('VALID_TO_EARLY', '证照有效期截止日期应晚于今天');
        const issued = await issueLicence(tx, actor, {
          licenceName: a.licence_name, itemId: a.item_id, orgId: a.org_id, holderName: a.applicant_name, holderUscc: a.applicant_uscc,
          entityId: a.entity_id, scope: input.scope ?? a.scope ?? '', address: a.address ?? '', issuedOn: today, validFrom: today, validTo,
          applicationId: a.id, previousId: null, source: 'platform',
        });
        licence = { licenceNo: issued.licenceNo, validTo };
      }
      // 告知承诺 approvals and filings are verified afterwards (核查).
      if (a.commitment || a.item_kind === 'filing') {
        const months = await ruleValue<number>(tx, RULES.licensingCommitmentCheckMonths.id, a.org_id);
        await tx.query('INSERT INTO commitment_checks (application_id, org_id, due_on) VALUES ($1,$2,$3)', [a.id, a.org_id, addMonths(today, months)]);
      }
      await publish(tx, calendar, a, rec, 'approved', licence, today);
      break;
    }
    case 'refuse':
      conclude('refused'); rec.decision_reason = input.reason; rec.remedies = input.remedies;
      await publish(tx, calendar, a, rec, 'refused', null, today);
      break;
    case 'withdraw':
      conclude('withdrawn'); rec.decision_reason = input.reason; break;
    default:
      throw badRequest('UNKNOWN_STEP', `没有“${step}”这一步骤`);
  }
  if (input.materials) {
    rec.materials = JSON.stringify(materials);
    rec.proof_free = proofFreeOf(materials);
    rec.e_licence_reused = reusedOf(materials);
  }
  return rec;
}

async function publish(tx: Queryable, calendar: WorkCalendar, a: ApplicationRow, rec: Record<string, unknown>, outcome: 'approved' | 'refused', licence: { licenceNo: string; validTo: string } | null, today: string): Promise<void> {
  rec.published_on = today;
  rec.publication_due_on = computeDue(calendar, { start: today, amount: RULES.licensingPublicationPeriod.value, unit: 'workday' }).due;
  rec.publication = JSON.stringify(await publicationOf(tx, a, outcome, licence?.licenceNo ?? null, licence?.validTo ?? null, today));
}

/** Takes a step, then tells the applicant what it means for them (applicantNotices.ts) through `senders`. */
export async function takeStep(db: Database, user: AuthUser, actor: Actor, calendar: WorkCalendar, id: number, step: string, input: StepInput, senders: NotificationSender[]): Promise<ApplicationDetail> {
  const today = todayInChina();
  await db.transaction(async (tx) => {
    const a = await visibleApplication(tx, user, id, true);
    const def = LICENCE_APPLICATION.steps.find((s) => s.id === step);
    if (def && !user.permissions.has(def.permission as never)) throw forbidden(`“${def.label}”需要相应权限`);
    await stepWithin(tx, actor, calendar, a, step, input, today);
  });
  const notice = NOTICE_OF_STEP[step];
  if (notice) await sendNotice(db, senders, notice, [id]);
  return getApplication(db, user, calendar, id);
}

/** Takes a step on an application (locked by the caller) inside the caller's transaction: the procedure's guards, what the step writes, the audit entry. */
async function stepWithin(tx: Queryable, actor: Actor, calendar: WorkCalendar, a: ApplicationRow, step: string, input: StepInput, today: string): Promise<void> {
  const item = await tx.one<ItemRow>('SELECT * FROM catalogue_items WHERE id = $1', [a.item_id]);
  const materials = input.materials ? await materialsOf(tx, item!, input.materials, a.applicant_name, a.applicant_uscc) : a.materials;
  let to: ApplicationState;
  try {
    to = apply(LICENCE_APPLICATION, a.state, step, factsOf(a, input, materials, today)).to;
  } catch (err) {
    if (err instanceof ProcedureRefusal) throw new AppError(409, err.refusal.code, err.refusal.citation ? `${err.refusal.message}（${err.refusal.citation}）` : err.refusal.message);
    throw err;
  }
  const rec: Record<string, unknown> = { ...await recordStep(tx, actor, calendar, a, step, input, materials, today), state: to };
  const cols = Object.keys(rec);
  await tx.query(`UPDATE licence_applications SET ${cols.map((k, n) => `${k} = $${n + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [a.id, ...cols.map((k) => rec[k])]);
  await recordAudit(tx, actor, {
    action: `licensing.application.${step}`, objectType: 'licence_application', objectId: a.application_no,
    before: { state: a.state }, after: { state: to, ...input },
  });
}

// ---------------------------------------------------------------------------------
// Reading.

export interface ApplicationFileItem {
  id: number; applicationId: number; materialCode: string; fileName: string; contentType: string; sizeBytes: number; sm3: string;
  uploader: 'applicant' | 'staff'; uploadedBy: { id: number; name: string } | null; uploadedAt: string;
}

/** The files attached to the materials of these applications (applicationFiles.ts), oldest first. */
export async function applicationFilesOf(db: Queryable, applicationIds: number[]): Promise<ApplicationFileItem[]> {
  const rows = await db.query<{ id: number; application_id: number; material_code: string; file_name: string; content_type: string; size_bytes: number; sm3: string;
    uploader: 'applicant' | 'staff'; uploaded_by: number | null; uploader_name: string | null; uploaded_at: Date | string }>(
    `SELECT f.id, f.application_id, f.material_code, f.file_name, f.content_type, f.size_bytes, f.sm3, f.uploader, f.uploaded_by, u.display_name AS uploader_name, f.uploaded_at
       FROM application_files f LEFT JOIN users u ON u.id = f.uploaded_by WHERE f.application_id = ANY($1::int[]) ORDER BY f.id`, [applicationIds]);
  return rows.map((r) => ({
    id: r.id, applicationId: Number(r.application_id), materialCode: r.material_code, fileName: r.file_name, contentType: r.content_type, sizeBytes: Number(r.size_bytes),
    sm3: r.sm3, uploader: r.uploader, uploadedBy: r.uploaded_by === null ? null : { id: r.uploaded_by, name: r.uploader_name ?? '' }, uploadedAt: new Date(r.uploaded_at).toISOString(),
  }));
}

export interface ApplicationSummary {
  id: number; applicationNo: string; itemCode: string; itemName: string; itemKind: string; orgName: string; applicantName: string; applicantUscc: string | null;
  channel: string; channelName: string; state: ApplicationState; stateName: string; receivedOn: string; acceptedOn: string | null; dueOn: string | null;
  concludedOn: string | null; outcome: ApplicationOutcome | null; commitment: boolean; deficiencyAccepted: boolean; overdue: boolean; bundleNo: string | null; licenceNo: string | null;
  /** 即办: concluded on the day it was accepted, as counted by licensing.instant_rate. */
  instant: boolean;
  /** Materials owed under 容缺受理 still not all supplied after their agreed date. */
  owedOverdue: boolean;
}

function summaryOf(a: ApplicationRow, today: string): ApplicationSummary {
  return {
    id: a.id, applicationNo: a.application_no, itemCode: a.item_code, itemName: a.item_name, itemKind: a.item_kind, orgName: a.org_name,
    applicantName: a.applicant_name, applicantUscc: a.applicant_uscc, channel: a.channel, channelName: CHANNEL_NAMES[a.channel], state: a.state,
    stateName: LICENCE_APPLICATION.states[a.state].label, receivedOn: a.received_on, acceptedOn: a.accepted_on, dueOn: a.due_on, concludedOn: a.concluded_on,
    outcome: a.outcome, commitment: a.commitment, deficiencyAccepted: a.deficiency_accepted,
    overdue: a.state === 'accepted' && a.due_on !== null && a.due_on < today, bundleNo: a.bundle_no, licenceNo: a.licence_no,
    instant: a.accepted_on !== null && a.concluded_on === a.accepted_on,
    owedOverdue: a.state === 'accepted' && a.deficiency_accepted && a.deficiency_cleared_on === null && a.deficiency_due_on !== null && a.deficiency_due_on < today,
  };
}

export interface ApplicationDetail extends ApplicationSummary {
  contactPhone: string | null; contactEmail: string | null; address: string | null; scope: string | null; trackingCode: string;
  materials: (AppMaterial & { provisionName: string })[]; owed: ApplicationRow['deficiency_items']; deficiencyDueOn: string | null; deficiencyClearedOn: string | null;
  correctionNotice: string | null; correctionRequestedOn: string | null; correctedOn: string | null; notAcceptedReason: string | null;
  decisionReason: string | null; remedies: string | null; proofFree: boolean; eLicenceReused: boolean; rating: number | null; ratingComment: string | null;
  publishedOn: string | null; publicationDueOn: string | null; licenceId: number | null; itemVersion: number; promisedDays: number; statutoryDays: number;
  nextSteps: NextStep[]; clocks: ClockState[]; check: { id: number; dueOn: string; state: string; finding: string | null; checkedOn: string | null } | null;
  bundle: { applicationNo: string; itemName: string; stateName: string; id: number }[];
  /** Files attached to the materials; whether the window may attach more now (licensing.handle, application not concluded). */
  files: ApplicationFileItem[]; canAddFiles: boolean;
  /** What the applicant was told at their contact, oldest first. */
  notices: ApplicationNotice[];
}

export async function getApplication(db: Queryable, user: AuthUser, calendar: WorkCalendar, id: number): Promise<ApplicationDetail> {
  const a = await visibleApplication(db, user, id);
  const today = todayInChina();
  const amber = await ruleValue<number>(db, RULES.clockAmberDays.id, a.org_id);
  const clocks: ClockState[] = [];
  clocks.push(clockState(calendar, APPLICATION_CLOCKS.correction, a.received_on, a.correction_requested_on ?? a.accepted_on ?? a.concluded_on ?? (a.state === 'not_accepted' ? a.received_on : null), today, amber));
  if (a.accepted_on && a.item_kind === 'licence') {
    clocks.push(clockState(calendar, decisionClock(a.promised_days, a.statutory_days), a.accepted_on, a.concluded_on, today, amber));
  }
  if (a.published_on) clocks.push(clockState(calendar, APPLICATION_CLOCKS.publication, a.concluded_on!, a.published_on, today, amber));
  const check = await db.one<{ id: number; dueOn: string; state: string; finding: string | null; checkedOn: string | null }>(
    'SELECT id, due_on AS "dueOn", state, finding, checked_on AS "checkedOn" FROM commitment_checks WHERE application_id = $1', [a.id]);
  const bundle = a.bundle_no ? await db.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.bundle_no = $1 AND a.id <> $2 ORDER BY a.id`, [a.bundle_no, a.id]) : [];
  const steps = nextSteps(LICENCE_APPLICATION, a.state, factsOf(a, {}, a.materials, today)).filter((s) => user.permissions.has(s.permission as never));
  return {
    ...summaryOf(a, today),
    contactPhone: a.contact_phone, contactEmail: a.contact_email, address: a.address, scope: a.scope, trackingCode: a.tracking_code,
    materials: a.materials.map((m) => ({ ...m, provisionName: PROVISION_NAMES[m.provision] })), owed: a.deficiency_items,
    deficiencyDueOn: a.deficiency_due_on, deficiencyClearedOn: a.deficiency_cleared_on, correctionNotice: a.correction_notice,
    correctionRequestedOn: a.correction_requested_on, correctedOn: a.corrected_on, notAcceptedReason: a.not_accepted_reason,
    decisionReason: a.decision_reason, remedies: a.remedies, proofFree: a.proof_free, eLicenceReused: a.e_licence_reused,
    rating: a.rating, ratingComment: a.rating_comment, publishedOn: a.published_on, publicationDueOn: a.publication_due_on,
    licenceId: a.licence_id, itemVersion: a.item_version, promisedDays: a.promised_days, statutoryDays: a.statutory_days,
    nextSteps: steps, clocks, check: check ?? null,
    bundle: bundle.map((b) => ({ id: b.id, applicationNo: b.application_no, itemName: b.item_name, stateName: LICENCE_APPLICATION.states[b.state].label })),
    files: await applicationFilesOf(db, [a.id]),
    canAddFiles: user.permissions.has('licensing.handle') && ['submitted', 'correction_requested', 'accepted'].includes(a.state),
    notices: await noticesOf(db, a.id),
  };
}

export interface ApplicationFilters {
  q?: string; state?: ApplicationState; itemCode?: string; channel?: string; orgId?: number; receivedFrom?: string; receivedTo?: string; concludedFrom?: string; concludedTo?: string; overdue?: 'true' | 'false';
  /** Accepted with materials owed (容缺受理), not all supplied, past the agreed date (deficiency_due_on). */
  owedOverdue?: 'true' | 'false';
}

export function applicationWhere(user: AuthUser, f: ApplicationFilters, today: string): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const cond = ['a.org_id = ANY($1)'];
  const add = (sql: (n: number) => string, v: unknown) => { params.push(v); cond.push(sql(params.length)); };
  if (f.q) add((n) => `(a.application_no ILIKE $${n} OR a.applicant_name ILIKE $${n} OR a.applicant_uscc ILIKE $${n} OR ci.name ILIKE $${n})`, likeContaining(f.q));
  if (f.state) add((n) => `a.state = $${n}`, f.state);
  if (f.itemCode) add((n) => `ci.item_code = $${n}`, f.itemCode);
  if (f.channel) add((n) => `a.channel = $${n}`, f.channel);
  if (f.orgId) add((n) => `a.org_id IN (SELECT id FROM organizations WHERE path LIKE (SELECT path FROM organizations WHERE id = $${n}) || '%')`, f.orgId);
  if (f.receivedFrom) add((n) => `a.received_on >= $${n}`, f.receivedFrom);
  if (f.receivedTo) add((n) => `a.received_on <= $${n}`, f.receivedTo);
  if (f.concludedFrom) add((n) => `a.concluded_on >= $${n}`, f.concludedFrom);
  if (f.concludedTo) add((n) => `a.concluded_on <= $${n}`, f.concludedTo);
  if (f.overdue === 'true') add((n) => `a.state = 'accepted' AND a.due_on < $${n}`, today);
  if (f.owedOverdue === 'true') add((n) => `a.state = 'accepted' AND a.deficiency_accepted AND a.deficiency_cleared_on IS NULL AND a.deficiency_due_on < $${n}::date`, today);
  return { where: cond.join(' AND '), params };
}

export async function listApplications(db: Queryable, user: AuthUser, f: ApplicationFilters & { page: number; pageSize: number }) {
  const today = todayInChina();
  const { where, params } = applicationWhere(user, f, today);
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM licence_applications a JOIN catalogue_items ci ON ci.id = a.item_id WHERE ${where}`, params))!.n;
  const rows = await db.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE ${where} ORDER BY a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map((r) => summaryOf(r, today)), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export async function applicationsForExport(db: Queryable, user: AuthUser, f: ApplicationFilters): Promise<ApplicationSummary[]> {
  const today = todayInChina();
  const { where, params } = applicationWhere(user, f, today);
  const rows = await db.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE ${where} ORDER BY a.id DESC LIMIT 50000`, params);
  return rows.map((r) => summaryOf(r, today));
}

// ---------------------------------------------------------------------------------
// The applicant, with the tracking code (portal).

export interface TrackedApplication {
  /** Who the application is for: the applicant, or in a bundle the person a staff registration names. */
  holderName: string;
  applicationNo: string; itemCode: string; itemName: string; state: ApplicationState; stateName: string; receivedOn: string; acceptedOn: string | null;
  dueOn: string | null; concludedOn: string | null; outcome: ApplicationOutcome | null; correctionNotice: string | null; notAcceptedReason: string | null;
  decisionReason: string | null; remedies: string | null; owed: ApplicationRow['deficiency_items']; missing: string[];
  materials: { code: string; name: string; required: boolean; replaceable: string | null; provision: Provision; provisionName: string }[];
  licenceNo: string | null; verifyToken: string | null; rating: number | null; canRate: boolean; canSupplement: boolean;
  /** Whether the applicant may still withdraw it (not decided yet). */
  canWithdraw: boolean;
  /** The files attached to the materials, by the applicant or the window (GET …/:code/files/:fileId sends one; never its digest or storage key). */
  files: { id: number; materialCode: string; fileName: string; contentType: string; sizeBytes: number; uploadedAt: string; byApplicant: boolean }[];
  /** Whether the applicant may attach files now (while the window waits for materials). */
  canUpload: boolean;
}

async function byTrackingCode(db: Queryable, code: string): Promise<ApplicationRow[]> {
  const rows = await db.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.tracking_code = $1 ORDER BY a.id`, [code]);
  if (rows.length === 0) throw notFound('查询码不正确，未找到办件');
  return rows;
}

export async function trackApplications(db: Queryable, code: string): Promise<{ applicantName: string; applications: TrackedApplication[] }> {
  const rows = await byTrackingCode(db, code);
  const tokens = await db.query<{ application_id: number; verify_token: string }>('SELECT application_id, verify_token FROM licences WHERE application_id = ANY($1)', [rows.map((r) => r.id)]);
  const files = await applicationFilesOf(db, rows.map((r) => r.id));
  return {
    applicantName: rows[0].applicant_name,
    applications: rows.map((a) => ({
      holderName: a.applicant_name, applicationNo: a.application_no, itemCode: a.item_code, itemName: a.item_name, state: a.state, stateName: LICENCE_APPLICATION.states[a.state].label,
      receivedOn: a.received_on, acceptedOn: a.accepted_on, dueOn: a.due_on, concludedOn: a.concluded_on, outcome: a.outcome,
      correctionNotice: a.state === 'correction_requested' ? a.correction_notice : null, notAcceptedReason: a.not_accepted_reason,
      decisionReason: a.decision_reason, remedies: a.remedies, owed: a.deficiency_items, missing: missingOf(a.materials),
      materials: a.materials.map((m) => ({ code: m.code, name: m.name, required: m.required, replaceable: m.replaceable, provision: m.provision, provisionName: PROVISION_NAMES[m.provision] })),
      licenceNo: a.licence_no, verifyToken: tokens.find((t) => t.application_id === a.id)?.verify_token ?? null,
      rating: a.rating, canRate: a.outcome !== null && a.rating === null,
      canSupplement: a.state === 'correction_requested' || (a.state === 'accepted' && a.deficiency_items.some((o) => !o.suppliedOn)),
      canWithdraw: a.outcome === null && a.state !== 'not_accepted',
      files: files.filter((f) => f.applicationId === a.id).map((f) => ({
        id: f.id, materialCode: f.materialCode, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, uploadedAt: f.uploadedAt, byApplicant: f.uploader === 'applicant',
      })),
      canUpload: a.state === 'submitted' || a.state === 'correction_requested' || (a.state === 'accepted' && a.deficiency_items.some((o) => !o.suppliedOn)),
    })),
  };
}

/**
 * The applicant sends what was asked for: the corrections (the application goes back to
 * the window as corrected) or the materials owed under 容缺受理 (marked supplied; the
 * window then decides).
 */
export async function supplementByApplicant(db: Queryable, actor: Actor, code: string, input: { applicationNo: string; materials: MaterialInput[]; supplied: string[]; note: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = (await byTrackingCode(tx, code)).find((r) => r.application_no === input.applicationNo);
    if (!a) throw notFound('该查询码下没有这个办件');
    const today = todayInChina();
    const rec: Record<string, unknown> = {};
    if (a.state === 'correction_requested') {
      const item = await tx.one<ItemRow>('SELECT * FROM catalogue_items WHERE id = $1', [a.item_id]);
      const merged = [...new Map([...a.materials.filter((m) => m.provision !== 'missing').map((m) => [m.code, { itemCode: null, code: m.code, provision: m.provision, licenceNo: m.licenceNo }] as const),
        ...input.materials.map((m) => [m.code, m] as const)]).values()];
      const materials = await materialsOf(tx, item!, merged, a.applicant_name, a.applicant_uscc);
      Object.assign(rec, { state: 'submitted', corrected_on: today, materials: JSON.stringify(materials), proof_free: proofFreeOf(materials), e_licence_reused: reusedOf(materials) });
    } else if (a.state === 'accepted' && a.deficiency_items.some((o) => !o.suppliedOn)) {
      const names = new Set(input.supplied);
      if (names.size === 0) throw badRequest('NOTHING_SUPPLIED', '请勾选本次补齐的材料');
      const unknown = [...names].find((n) => !a.deficiency_items.some((o) => o.name === n));
      if (unknown) throw badRequest('OWED_UNKNOWN', `“${unknown}”不在容缺材料清单中`);
      Object.assign(rec, markSupplied(a, names, today));
    } else {
      throw conflict('NOTHING_TO_SUPPLEMENT', '该办件当前不需要补正或补齐材料');
    }
    const cols = Object.keys(rec);
    await tx.query(`UPDATE licence_applications SET ${cols.map((k, n) => `${k} = $${n + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [a.id, ...cols.map((k) => rec[k])]);
    await recordAudit(tx, actor, { action: 'licensing.application.applicant_supplement', objectType: 'licence_application', objectId: a.application_no, before: { state: a.state }, after: { ...rec, note: input.note } });
  });
}

/**
 * The applicant withdraws an application not yet decided (申请人撤回申请), with the tracking
 * code: the same step the window records when told in person, then the notice of it.
 */
export async function withdrawByApplicant(db: Database, calendar: WorkCalendar, senders: NotificationSender[], actor: Actor, code: string, input: { applicationNo: string; reason: string }): Promise<void> {
  const id = await db.transaction(async (tx) => {
    const found = (await byTrackingCode(tx, code)).find((r) => r.application_no === input.applicationNo);
    if (!found) throw notFound('该查询码下没有这个办件');
    await tx.query('SELECT id FROM licence_applications WHERE id = $1 FOR UPDATE', [found.id]);
    const a = (await tx.one<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.id = $1`, [found.id]))!;
    if (a.outcome !== null || a.state === 'not_accepted') throw conflict('CONCLUDED', '该办件已办结，不能撤回');
    await stepWithin(tx, actor, calendar, a, 'withdraw', { reason: `申请人通过网上办件查询撤回：${input.reason}` }, todayInChina());
    return a.id;
  });
  await sendNotice(db, senders, 'decided', [id]);
}

export async function rateApplication(db: Queryable, actor: Actor, code: string, input: { applicationNo: string; rating: number; comment: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = (await byTrackingCode(tx, code)).find((r) => r.application_no === input.applicationNo);
    if (!a) throw notFound('该查询码下没有这个办件');
    if (a.outcome === null) throw conflict('NOT_CONCLUDED', '办结后才能评价');
    if (a.rating !== null) throw conflict('ALREADY_RATED', '该办件已评价过');
    await tx.query('UPDATE licence_applications SET rating = $2, rating_comment = $3, rated_on = $4 WHERE id = $1', [a.id, input.rating, input.comment, todayInChina()]);
    await recordAudit(tx, actor, { action: 'licensing.application.rate', objectType: 'licence_application', objectId: a.application_no, after: { rating: input.rating, comment: input.comment } });
  });
}

/** Published licensing decisions (双公示), newest first. */
/**
 * The published decisions (双公示), newest first, each with what has become of its licence
 * since (revoked, cancelled, replaced: the decision stands as published, the licence's
 * current status beside it), and the publication period the law sets.
 */
export async function publishedDecisions(db: Queryable, f: { q?: string; page: number; pageSize: number }) {
  const params: unknown[] = [];
  let where = 'a.published_on IS NOT NULL';
  if (f.q) { params.push(likeContaining(f.q)); where += ` AND (a.publication->>'applicant' ILIKE $1 OR a.publication->>'itemName' ILIKE $1 OR a.publication->>'itemCode' ILIKE $1 OR a.publication->>'licenceNo' ILIKE $1 OR a.publication->>'applicationNo' ILIKE $1)`; }
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM licence_applications a WHERE ${where}`, params))!.n;
  const rows = await db.query<{ publication: Record<string, unknown>; published_on: string; status: LicenceStatus | null; status_on: string | null; valid_to: string | null }>(
    `SELECT a.publication, a.published_on, l.status, l.status_on, l.valid_to FROM licence_applications a LEFT JOIN licences l ON l.application_id = a.id
      WHERE ${where} ORDER BY a.published_on DESC, a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  const today = todayInChina();
  return {
    rows: rows.map((r) => {
      const shown = r.status && r.valid_to ? shownStatusOf({ status: r.status, valid_to: r.valid_to }, today) : null;
      return {
        ...r.publication, publishedOn: r.published_on,
        licenceStatus: shown, licenceStatusName: shown ? STATUS_NAMES[shown] : null, licenceStatusOn: shown && shown !== 'valid' && shown !== 'expired' ? r.status_on : null,
      };
    }),
    total, totalCapped: false, page: f.page, pageSize: f.pageSize,
    publicationWorkdays: RULES.licensingPublicationPeriod.value, publicationCitation: RULES.licensingPublicationPeriod.citation,
  };
}
