// Matters on a legal clock: registration, steps, reassignment and reading, the same for
// all seven kinds. A step is taken through takeMatterStep(), which loads the matter under
// a row lock, refuses a stale version, validates the step's form, lets the engine apply
// the step with its guards, writes what the step's effect says, recomputes the main
// clock's due date and appends the event — one transaction with its audit entry.
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { ProcedureRefusal, apply, clockState, nextSteps, type ClockState } from '../../core/procedure/engine';
import { HOTLINE_HANDLE_RULES, MATTER_CLOCK_RULE_IDS, type MatterKind } from '../../core/matters/clocks';
import { MATTER_SPECS } from '../../core/matters/kinds';
import { mainDueOn, type ClockRun, type MatterColumns, type MatterFacts, type MatterKindSpec, type MatterStep, type MatterUpdate } from '../../core/matters/procedure';
import { ruleValue } from '../rules/service';
import { createLead } from '../cases/service';
import { applyChallengeOutcome } from '../cases/corrections';
import type { Sanction } from '../../core/discretion/engine';
import { outcomeNames } from '../../core/matters/states';
import { formErrorMessage, formSchema } from './schema';
import { likeContaining } from '../../platform/db/like';
import { addCoHandlers, CO_ORG_FIELD, coHandlerFacts, coHandlersOf, readsAsCoHandler } from './coHandlers';

export type MatterRow = MatterColumns & {
  id: number; kind: MatterKind; matter_no: string; org_id: number; state: string; version: number; received_at: Date | null;
  due_on: string | null; repeat_of_id: number | null; tracking_code: string | null; source: string; created_at: Date; updated_at: Date;
  org_name: string; handler_org_name: string | null; review_org_name: string | null; entity_name: string | null; assignee_name: string | null; leader_name: string | null; case_no: string | null;
};

export const MATTER_SELECT = `SELECT m.*, o.name AS org_name, h.name AS handler_org_name, e.name AS entity_name, rv.name AS review_org_name,
    a.display_name AS assignee_name, l.display_name AS leader_name, c.case_no
  FROM matters m JOIN organizations o ON o.id = m.org_id
  LEFT JOIN organizations h ON h.id = m.handler_org_id LEFT JOIN entities e ON e.id = m.entity_id
  LEFT JOIN users a ON a.id = m.assignee_id LEFT JOIN users l ON l.id = m.leader_id
  LEFT JOIN penalty_cases c ON c.id = m.case_id LEFT JOIN organizations rv ON rv.id = m.review_org_id`;


export const specOf = (kind: MatterKind): MatterKindSpec => MATTER_SPECS[kind];

/** A matter is visible to its organisation's scope and to the unit it was routed to. */
const visible = (user: AuthUser, m: Pick<MatterRow, 'org_id' | 'handler_org_id'>) => inScope(user.scope, m.org_id) || inScope(user.scope, m.handler_org_id);

/** Reading a kind needs matters.read or the kind's own handling permission. */
export function assertMayRead(user: AuthUser, kind: MatterKind): void {
  const spec = specOf(kind);
  const may = user.permissions.has('matters.read' as never) || user.permissions.has(spec.handlePermission as never)
    || (kind === 'hotline' && user.permissions.has('complaints.handle' as never));
  if (!may) throw forbidden(`无权查看${spec.label}`);
}

/** For documents and other modules: the matter if the user may see it, else 404. */
export async function visibleMatter(db: Queryable, user: AuthUser, kind: MatterKind, id: number): Promise<MatterRow> {
  assertMayRead(user, kind);
  return loadMatter(db, user, kind, id);
}

/**
 * For reading (the Word documents, the files) and for the co-handler's own opinion: also a
 * proposal the user's unit co-handles (coHandlers.ts). `lock` takes the row for update.
 */
export async function readableMatter(db: Queryable, user: AuthUser, kind: MatterKind, id: number, { lock = false } = {}): Promise<MatterRow> {
  assertMayRead(user, kind);
  return loadMatter(db, user, kind, id, lock, true);
}

/** `reading`: a proposal is also readable by its co-handling organisations (coHandlers.ts), never changed by them here. */
async function loadMatter(db: Queryable, user: AuthUser, kind: MatterKind, id: number, lock = false, reading = false): Promise<MatterRow> {
  const m = await db.one<MatterRow>(`${MATTER_SELECT} WHERE m.id = $1 AND m.kind = $2${lock ? ' FOR UPDATE OF m' : ''}`, [id, kind]);
  const readable = m && (visible(user, m) || (reading && kind === 'proposal' && await readsAsCoHandler(db, user, m.id)));
  if (!m || !readable) throw notFound(`${specOf(kind).label}事项不存在或不在您的数据范围内`);
  return m;
}

// ---------------------------------------------------------------------------------
// Clocks.

/** The local-default periods of the kind, as set for the organisation (rule id → value). */
async function localPeriods(db: Queryable, kind: MatterKind, orgId: number): Promise<Record<string, number>> {
  const ids = [...Object.values((MATTER_CLOCK_RULE_IDS as Partial<Record<MatterKind, Record<string, string>>>)[kind] ?? {}),
    ...(kind === 'hotline' ? Object.values(HOTLINE_HANDLE_RULES).map((r) => r.id) : [])];
  // One after another: inside a transaction `db` is one client, which runs one query at a time.
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = await ruleValue<number>(db, id, orgId);
  return out;
}

export interface MatterClocks { clocks: ClockState[]; dueOn: string | null }

export async function clocksOfMatter(db: Queryable, calendar: WorkCalendar, m: MatterRow, today = todayInChina()): Promise<MatterClocks> {
  const local = await localPeriods(db, m.kind, m.org_id);
  const amberDays = await ruleValue<number>(db, RULES.clockAmberDays.id, m.org_id);
  const runs = specOf(m.kind).clocks(m, local, today);
  const states = runs.map((r: ClockRun) => clockState(calendar, r.spec, r.start, r.stoppedOn, today, amberDays, r.extensions ?? [], r.pauses ?? []));
  return { clocks: states, dueOn: mainDueOn(calendar, runs, m.concluded_on) };
}

// ---------------------------------------------------------------------------------
// Registration.

// Tracking codes: 16 characters of an alphabet without look-alikes (0/O, 1/I): 80 bits.
const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newTrackingCode = () => [...crypto.randomBytes(16)].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');

async function nextMatterNo(tx: Queryable, spec: MatterKindSpec, orgId: number, day: string): Promise<string> {
  const org = await tx.one<{ code: string }>('SELECT code FROM organizations WHERE id = $1', [orgId]);
  const prefix = `${org!.code}-${spec.numberPrefix}-${yearOf(day)}-`;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`matter_no:${spec.kind}:${prefix}`]);
  const last = await tx.one<{ n: number }>(
    `SELECT coalesce(max(substring(matter_no from length($2) + 1)::int), 0) + 1 AS n FROM matters WHERE kind = $1 AND matter_no LIKE $2 || '%' AND substring(matter_no from length($2) + 1) ~ '^[0-9]+$'`,
    [spec.kind, prefix]);
  return `${prefix}${String(last!.n).padStart(5, '0')}`;
}

/** Form field name → matters column (the rest of a form goes to details). */
const FIELD_COLUMNS: Record<string, keyof MatterColumns | 'received_on'> = {
  subtype: 'subtype', channel: 'channel', role: 'role', title: 'title', summary: 'summary', contactName: 'contact_name', contactPhone: 'contact_phone',
  contactEmail: 'contact_email', contactAddress: 'contact_address', anonymous: 'anonymous', entityId: 'entity_id', leaderId: 'leader_id',
  caseId: 'case_id', receivedOn: 'received_on',
};

export function parseForm(fields: MatterKindSpec['createFields'], raw: unknown): Record<string, unknown> {
  const parsed = formSchema(fields).safeParse(raw ?? {});
  if (!parsed.success) throw badRequest('VALIDATION', formErrorMessage(parsed.error, fields), { issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
  return parsed.data as Record<string, unknown>;
}

async function assertReferences(tx: Queryable, user: AuthUser, cols: Record<string, unknown>): Promise<void> {
  const checks: [string, string, string][] = [['entity_id', 'entities', '监管对象'], ['case_id', 'penalty_cases', '行政处罚案件'], ['handler_org_id', 'organizations', '承办单位']];
  for (const [col, table, label] of checks) {
    if (cols[col] === null || cols[col] === undefined) continue;
    const r = await tx.one<{ org_id: number }>(`SELECT ${table === 'organizations' ? 'id' : 'org_id'} AS org_id FROM ${table} WHERE id = $1`, [cols[col]]);
    if (!r || !inScope(user.scope, r.org_id)) throw notFound(`${label}不存在或不在您的数据范围内`);
  }
  for (const col of ['leader_id', 'assignee_id']) {
    if (cols[col] === null || cols[col] === undefined) continue;
    const u = await tx.one<{ org_id: number }>('SELECT org_id FROM users WHERE id = $1 AND active', [cols[col]]);
    if (!u || !inScope(user.scope, u.org_id)) throw notFound('人员不存在或不在您的数据范围内');
  }
}

export interface Registration {
  orgId: number; fields: Record<string, unknown>; source: 'platform' | 'portal'; receivedAt?: Date; trackingCode?: string | null; ip?: string | null;
}

/** Registers a matter; `user` is null for the portal (the caller has checked the form). */
export async function registerMatter(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser | null, actor: Actor, kind: MatterKind, reg: Registration): Promise<{ id: number; matterNo: string; trackingCode: string | null }> {
  const spec = specOf(kind);
  const today = todayInChina();
  const calendar = await ctx.calendar.current();
  return ctx.db.transaction(async (tx) => {
    const cols: Record<string, unknown> = { details: {} as Record<string, unknown> };
    for (const [name, value] of Object.entries(reg.fields)) {
      if (name === CO_ORG_FIELD) continue; // kept in matter_co_handlers, below
      const col = FIELD_COLUMNS[name];
      if (col) cols[col] = value;
      else (cols.details as Record<string, unknown>)[name] = value;
    }
    const derived = spec.onCreate?.(reg.fields, today) ?? {};
    Object.assign(cols, { ...derived, details: { ...(cols.details as object), ...(derived.details ?? {}) } });
    cols.received_on ??= today;
    if (String(cols.received_on) > today) throw badRequest('DATE_IN_FUTURE', '收到日期不能晚于今天', { field: 'receivedOn' });
    if (user) await assertReferences(tx, user, cols);
    const repeatOf = kind === 'hotline' && cols.entity_id && cols.subtype === 'complaint_report' ? await earlierComplaint(tx, Number(cols.entity_id)) : null;
    const matterNo = await nextMatterNo(tx, spec, reg.orgId, String(cols.received_on));
    const row = await tx.one<{ id: number }>(
      `INSERT INTO matters (kind, matter_no, org_id, state, received_at, repeat_of_id, tracking_code, source, submitter_ip, created_by,
         ${Object.keys(cols).join(', ')})
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, ${Object.keys(cols).map((_, i) => `$${i + 11}`).join(', ')}) RETURNING id`,
      [kind, matterNo, reg.orgId, spec.procedure.initial, reg.receivedAt ?? new Date(), repeatOf, reg.trackingCode ?? null, reg.source, reg.ip ?? null, user?.id ?? null,
        ...Object.values(cols).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))]);
    const m = await tx.one<MatterRow>(`${MATTER_SELECT} WHERE m.id = $1`, [row!.id]);
    await addCoHandlers(tx, calendar, m!, (reg.fields[CO_ORG_FIELD] as number[] | null | undefined) ?? []);
    const { dueOn } = await clocksOfMatter(tx, calendar, m!, today);
    await tx.query('UPDATE matters SET due_on = $2 WHERE id = $1', [row!.id, dueOn]);
    await tx.query(`INSERT INTO matter_events (matter_id, step, from_state, to_state, input, user_id) VALUES ($1,'register',NULL,$2,$3,$4)`,
      [row!.id, spec.procedure.initial, JSON.stringify(reg.source === 'portal' ? { source: 'portal' } : reg.fields), user?.id ?? null]);
    await recordAudit(tx, actor, { action: `matter.${kind}.register`, objectType: 'matter', objectId: row!.id, after: { matterNo, source: reg.source } });
    return { id: row!.id, matterNo, trackingCode: reg.trackingCode ?? null };
  });
}

/** The most recent earlier complaint about the same entity (repeated complaints are linked). */
async function earlierComplaint(tx: Queryable, entityId: number): Promise<number | null> {
  const r = await tx.one<{ id: number }>(`SELECT id FROM matters WHERE kind = 'hotline' AND entity_id = $1 AND subtype = 'complaint_report' ORDER BY received_on DESC, id DESC LIMIT 1`, [entityId]);
  return r?.id ?? null;
}

export async function createMatter(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, kind: MatterKind, body: { orgId: number; fields: unknown }) {
  const spec = specOf(kind);
  if (!user.permissions.has(spec.handlePermission as never)) throw forbidden(`无权登记${spec.label}`);
  assertInScope(user.scope, body.orgId);
  const fields = parseForm(spec.createFields, body.fields);
  return registerMatter(ctx, user, actor, kind, { orgId: body.orgId, fields, source: 'platform' });
}

// ---------------------------------------------------------------------------------
// Steps.

const finalStates = (spec: MatterKindSpec) => Object.entries(spec.procedure.states).filter(([, s]) => s.final).map(([k]) => k);

/** Why the user may not take the step on this matter (Chinese, for the 403), or null when they may. */
function stepRefusal(user: AuthUser, step: MatterStep<string>, m: MatterRow): string | null {
  if (!user.permissions.has(step.permission as never)) return `无权执行“${step.label}”`;
  // A routed complaint is the receiving unit's to work: its staff, within their scope.
  if (step.permission === 'complaints.handle') return inScope(user.scope, m.handler_org_id) ? null : '该投诉举报由承办单位办理';
  // A petition's review is answered by the body it went up to, never by the body whose answer is reviewed.
  if (step.byReviewBody && m.review_org_id) {
    return inScope(user.scope, m.review_org_id) ? null : `复查、复核由上一级行政机关（${m.review_org_name ?? ''}）办理，本机关不能${step.label}`;
  }
  return inScope(user.scope, m.org_id) ? null : `无权执行“${step.label}”`;
}

function refusalError(err: unknown): never {
  if (err instanceof ProcedureRefusal) throw new AppError(409, err.refusal.code, err.refusal.citation ? `${err.refusal.message}（${err.refusal.citation}）` : err.refusal.message);
  throw err;
}

/** The columns a step writes (details merged), as SQL assignments with their values. */
function assignments(m: MatterRow, update: MatterUpdate): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(update)) {
    if (k === 'details') out.details = JSON.stringify({ ...m.details, ...(v as object) });
    else out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  }
  return out;
}

export async function takeMatterStep(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, kind: MatterKind, id: number, stepId: string, body: { version: number; input: unknown }) {
  const spec = specOf(kind);
  const step = spec.procedure.steps.find((s) => s.id === stepId);
  if (!step) throw notFound(`没有“${stepId}”这一步骤`);
  if (!user.permissions.has(step.permission as never)) throw forbidden(`无权执行“${step.label}”`);
  const calendar = await ctx.calendar.current();
  const today = todayInChina();
  await ctx.db.transaction(async (tx) => {
    const m = await loadMatter(tx, user, kind, id, true);
    const refusal = stepRefusal(user, step, m);
    if (refusal) throw forbidden(refusal);
    if (m.version !== body.version) throw conflict('MATTER_CHANGED', '事项已被他人更新，请刷新后重试');
    const input = parseForm(step.fields ?? [], body.input);
    const facts: MatterFacts = { row: m, input, today, actorName: user.displayName, calendar, ...(kind === 'proposal' ? { coHandlers: await coHandlerFacts(tx, id) } : {}) };
    let to: string;
    try { to = apply(spec.procedure, m.state, step.id, facts).to; } catch (err) { refusalError(err); }
    if (step.stays) to = m.state;
    const update: MatterUpdate = step.effect?.(facts) ?? {};
    if (step.action === 'open_case_lead') update.case_id = await openCaseLead(tx, user, actor, m, input, today);
    if (step.action === 'refer_review_up' || step.action === 'refer_re_review_up') Object.assign(update, await referUp(tx, m, step.action, update));
    if (update.handler_org_id) await assertReferences(tx, user, { handler_org_id: update.handler_org_id });
    const cols = assignments(m, update);
    const after = { ...m, ...update, details: { ...m.details, ...(update.details ?? {}) }, state: to } as MatterRow;
    cols.due_on = (await clocksOfMatter(tx, calendar, after, today)).dueOn;
    if (finalStates(spec).includes(to) && after.concluded_on === null) cols.concluded_on = today;
    const names = Object.keys(cols);
    await tx.query(`UPDATE matters SET state = $2, ${names.map((k, n) => `${k} = $${n + 3}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, to, ...names.map((k) => cols[k])]);
    await tx.query('INSERT INTO matter_events (matter_id, step, from_state, to_state, input, user_id) VALUES ($1,$2,$3,$4,$5,$6)',
      [id, step.id, m.state, to, JSON.stringify(input), user.id]);
    await noteOutcomeOnCase(tx, calendar, user, actor, kind, step, m, update);
    await recordAudit(tx, actor, { action: `matter.${kind}.${step.id}`, objectType: 'matter', objectId: id, before: { state: m.state }, after: { state: to, input } });
  });
  return getMatter(ctx, user, kind, id);
}

/**
 * The body one level above the administrative body `orgId` belongs to: an internal
 * division (处室) answers in its commission's name, so it is the commission's parent.
 * Null when there is none on the platform (a city commission: the province is not here).
 */
export async function higherBodyOf(db: Queryable, orgId: number): Promise<{ id: number; name: string } | null> {
  return (await db.one<{ id: number; name: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id, kind, 0 AS depth FROM organizations WHERE id = $1
       UNION ALL SELECT o.id, o.parent_id, o.kind, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id)
     SELECT p.id, p.name FROM (SELECT parent_id FROM up WHERE kind <> 'division' ORDER BY depth LIMIT 1) b
       JOIN organizations p ON p.id = b.parent_id AND p.active`, [orgId])) ?? null;
}

/**
 * A review goes up from the body that answered (the matter's organisation), a re-review
 * from the body that reviewed; one outside the platform has nothing on it above.
 */
async function referUp(tx: Queryable, m: MatterRow, action: 'refer_review_up' | 'refer_re_review_up', update: MatterUpdate): Promise<MatterUpdate> {
  const from = action === 'refer_review_up' ? m.org_id : m.review_org_id ?? null;
  const body = from === null ? null : await higherBodyOf(tx, from);
  return { review_org_id: body?.id ?? null, details: { ...update.details, [action === 'refer_review_up' ? 'reviewOrgName' : 'reReviewOrgName']: body?.name ?? null } };
}

/**
 * The case a reconsideration or a suit challenges gets the outcome in its history, named by
 * the matter; a revocation reopens it, an alteration adjusts its decision, a finding of
 * unlawfulness or an order to act gives its handler a follow-up (cases/corrections.ts) —
 * in this transaction, the case's version moving on.
 */
async function noteOutcomeOnCase(tx: Queryable, calendar: WorkCalendar, user: AuthUser, actor: Actor, kind: MatterKind, step: { notesCase?: 'reconsideration_decided' | 'litigation_judged' }, m: MatterRow, update: MatterUpdate): Promise<void> {
  if (!m.case_id || !step.notesCase) return;
  const details = update.details ?? {};
  await applyChallengeOutcome(tx, calendar, actor, user.id, m.case_id, {
    kind: kind === 'litigation' ? 'litigation' : 'reconsideration', matterId: Number(m.id), matterNo: m.matter_no,
    outcome: String(update.outcome), outcomeName: outcomeNames(kind)[String(update.outcome)] ?? String(update.outcome),
    judgmentEffect: typeof details.judgmentEffect === 'string' ? details.judgmentEffect : null,
    penalty: (details.penaltyInForce as { sanctions: Sanction[]; fineYuan: number } | null | undefined) ?? null,
    on: String(update.concluded_on ?? todayInChina()),
  });
}

/** A complaint found to need enforcement becomes a penalty-case lead (source: complaint) of the receiving unit. */
async function openCaseLead(tx: Queryable, user: AuthUser, actor: Actor, m: MatterRow, input: Record<string, unknown>, today: string): Promise<number> {
  const entity = m.entity_id ? await tx.one<{ name: string; address: string; uscc: string; legal_rep: string | null }>('SELECT name, address, uscc, legal_rep FROM entities WHERE id = $1', [m.entity_id]) : null;
  const orgId = m.handler_org_id ?? m.org_id;
  const lead = await createLead(tx, user, actor, {
    orgId, source: 'complaint', cause: String(input.cause), leadOn: today, entityId: m.entity_id,
    partyKind: 'organisation', partyName: entity?.name ?? String(input.partyName), partyCode: entity?.uscc ?? null, partyLegalRep: entity?.legal_rep ?? null,
    partyAddress: entity?.address ?? (String(input.partyAddress ?? '') || '不详'), partyPhone: null,
    facts: `投诉举报（${m.matter_no}）：${m.summary ?? ''}`.slice(0, 5000),
  });
  return lead.id;
}

export async function reassignMatter(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, kind: MatterKind, id: number, body: { version: number; assigneeId: number; reason: string }) {
  const spec = specOf(kind);
  const may = user.permissions.has('matters.approve' as never) || user.permissions.has(spec.handlePermission as never) || (kind === 'hotline' && user.permissions.has('complaints.handle' as never));
  if (!may) throw forbidden('无权改派承办人');
  await ctx.db.transaction(async (tx) => {
    const m = await loadMatter(tx, user, kind, id, true);
    if (m.version !== body.version) throw conflict('MATTER_CHANGED', '事项已被他人更新，请刷新后重试');
    if (finalStates(spec).includes(m.state)) throw conflict('MATTER_CONCLUDED', '事项已办结，不能改派');
    await assertReferences(tx, user, { assignee_id: body.assigneeId });
    await tx.query('UPDATE matters SET assignee_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, body.assigneeId]);
    await tx.query(`INSERT INTO matter_events (matter_id, step, from_state, to_state, input, user_id) VALUES ($1,'reassign',$2,$2,$3,$4)`,
      [id, m.state, JSON.stringify({ from: m.assignee_name, assigneeId: body.assigneeId, reason: body.reason }), user.id]);
    await recordAudit(tx, actor, { action: `matter.${kind}.reassign`, objectType: 'matter', objectId: id, before: { assigneeId: m.assignee_id }, after: { assigneeId: body.assigneeId, reason: body.reason } });
  });
  return getMatter(ctx, user, kind, id);
}

/**
 * The lead unit names one more co-handling organisation of a proposal it has not answered
 * (the people's congress or CPPCC office may add one after assignment). Loaded as a step is
 * (the lead's scope, row lock), so a co-handler reading the proposal gets 404; the new
 * co-handler's period runs from today, and the answer waits for its opinion too.
 */
export async function addProposalCoHandler(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, body: { orgId: number }) {
  if (!user.permissions.has('proposals.handle' as never)) throw forbidden('无权增加会办单位');
  const calendar = await ctx.calendar.current();
  await ctx.db.transaction(async (tx) => {
    const m = await loadMatter(tx, user, 'proposal', id, true);
    if (m.state !== 'assigned') throw conflict('CO_HANDLER_CLOSED', '主办单位已答复，不能再增加会办单位');
    const today = todayInChina();
    const dueOn = await addCoHandlers(tx, calendar, m, [body.orgId], { startOn: today, field: 'orgId' });
    const org = await tx.one<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [body.orgId]);
    await tx.query('UPDATE matters SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
    await tx.query(`INSERT INTO matter_events (matter_id, step, from_state, to_state, input, user_id) VALUES ($1,'co_handler_added',$2,$2,$3,$4)`,
      [id, m.state, JSON.stringify({ orgId: body.orgId, unit: org!.name, startOn: today, dueOn }), user.id]);
    await recordAudit(tx, actor, { action: 'matter.proposal.co_handler_add', objectType: 'matter', objectId: id, after: { matterNo: m.matter_no, orgId: body.orgId, startOn: today, dueOn } });
  });
  return getMatter(ctx, user, 'proposal', id);
}

/** Active users in the caller's scope, for the assignee and responsible-leader pickers. */
export async function people(db: Queryable, user: AuthUser, q: { q?: string | null; role?: string | null }) {
  const rows = await db.query<{ id: number; display_name: string; org_name: string; roles: string[] }>(
    `SELECT u.id, u.display_name, o.name AS org_name, coalesce(array_agg(ur.role_code ORDER BY ur.role_code) FILTER (WHERE ur.role_code IS NOT NULL), '{}') AS roles
       FROM users u JOIN organizations o ON o.id = u.org_id LEFT JOIN user_roles ur ON ur.user_id = u.id
      WHERE u.active AND u.org_id = ANY($1::int[]) AND ($2::text IS NULL OR u.display_name LIKE $2 OR u.username LIKE $2)
      GROUP BY u.id, o.name, o.path ORDER BY o.path, u.display_name LIMIT 50`,
    [user.scope.orgIds, q.q ? likeContaining(q.q) : null]);
  return rows.filter((r) => !q.role || r.roles.includes(q.role)).map((r) => ({ id: r.id, name: r.display_name, orgName: r.org_name, roles: r.roles }));
}

// ---------------------------------------------------------------------------------
// Reading one.

const EXTRA_STEP_LABELS: Record<string, string> = { register: '登记', reassign: '改派承办人', import: '导入', co_opinion: '会办单位提出意见', co_handler_added: '增加会办单位' };

export function stepLabelOf(spec: MatterKindSpec, stepId: string): string {
  return EXTRA_STEP_LABELS[stepId] ?? spec.procedure.steps.find((s) => s.id === stepId)?.label ?? stepId;
}

export async function getMatter(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, kind: MatterKind, id: number) {
  assertMayRead(user, kind);
  const spec = specOf(kind);
  const m = await loadMatter(ctx.db, user, kind, id, false, true);
  const today = todayInChina();
  const calendar = await ctx.calendar.current();
  const { clocks } = await clocksOfMatter(ctx.db, calendar, m, today);
  const facts: MatterFacts = { row: m, input: {}, today, actorName: user.displayName, calendar, ...(kind === 'proposal' ? { coHandlers: await coHandlerFacts(ctx.db, id) } : {}) };
  const events = await ctx.db.query<{ id: number; step: string; from_state: string | null; to_state: string; input: Record<string, unknown>; user_name: string | null; at: Date }>(
    `SELECT ev.id, ev.step, ev.from_state, ev.to_state, ev.input, u.display_name AS user_name, ev.at
       FROM matter_events ev LEFT JOIN users u ON u.id = ev.user_id WHERE ev.matter_id = $1 ORDER BY ev.id`, [id]);
  const related = m.entity_id && kind === 'hotline'
    ? await ctx.db.query<{ id: number; matter_no: string; received_on: string; state: string }>(
      `SELECT id, matter_no, received_on, state FROM matters WHERE kind = 'hotline' AND entity_id = $1 AND id <> $2 AND subtype = 'complaint_report'
        ORDER BY received_on DESC, id DESC LIMIT 20`, [m.entity_id, id])
    : [];
  return {
    ...viewOf(spec, m),
    clocks,
    // A co-handling organisation reads the proposal but takes none of the lead's steps.
    nextSteps: !visible(user, m) ? [] : nextSteps(spec.procedure, m.state, facts)
      // Approving or refusing an extension nobody asked for is no step to show, even disabled.
      .filter((s) => s.allowed || !spec.procedure.steps.find((x) => x.id === s.id)?.quietWhenRefused).map((s) => {
      const step = spec.procedure.steps.find((x) => x.id === s.id)!;
      return { ...s, mine: stepRefusal(user, step, m) === null, fields: step.fields ?? [], primary: step.primary ?? false };
    }),
    events: events.map((e) => ({ id: e.id, step: e.step, label: stepLabelOf(spec, e.step), fromState: e.from_state, toState: e.to_state, input: e.input, userName: e.user_name, at: e.at.toISOString() })),
    documents: spec.documents.filter((d) => d.available(m)).map((d) => ({ id: d.id, title: d.title })),
    related: related.map((r) => ({ id: r.id, matterNo: r.matter_no, receivedOn: r.received_on, stateName: spec.procedure.states[r.state]?.label ?? r.state })),
    mayReassign: !finalStates(spec).includes(m.state) && visible(user, m) && (user.permissions.has('matters.approve' as never) || user.permissions.has(spec.handlePermission as never)),
    ...(kind === 'proposal' ? {
      coHandlers: await coHandlersOf(ctx.db, calendar, user, m, today),
      // The lead unit names one more co-handler while it has not answered (addProposalCoHandler).
      mayAddCoHandler: visible(user, m) && user.permissions.has('proposals.handle' as never) && m.state === 'assigned' && m.role === 'lead',
    } : {}),
  };
}

/** What lists, exports and the detail page show of a matter. */
export function viewOf(spec: MatterKindSpec, m: MatterRow) {
  return {
    id: m.id, kind: m.kind, kindName: spec.label, matterNo: m.matter_no, orgId: m.org_id, orgName: m.org_name, state: m.state,
    stateName: spec.procedure.states[m.state]?.label ?? m.state, final: Boolean(spec.procedure.states[m.state]?.final), version: m.version,
    subtype: m.subtype, channel: m.channel, role: m.role, title: m.title, summary: m.summary,
    contactName: m.contact_name, contactPhone: m.contact_phone, contactEmail: m.contact_email, contactAddress: m.contact_address, anonymous: m.anonymous,
    entityId: m.entity_id, entityName: m.entity_name, handlerOrgId: m.handler_org_id, handlerOrgName: m.handler_org_name,
    assigneeId: m.assignee_id, assigneeName: m.assignee_name, leaderId: m.leader_id, leaderName: m.leader_name,
    receivedAt: m.received_at ? m.received_at.toISOString() : null, receivedOn: m.received_on, acceptedOn: m.accepted_on, dueOn: m.due_on, concludedOn: m.concluded_on,
    outcome: m.outcome, reply: m.reply, satisfaction: m.satisfaction, extended: m.extended, extensions: m.extensions, pauses: m.pauses,
    hearingOn: m.hearing_on, headAppeared: m.head_appeared, grade: m.grade, caseId: m.case_id, caseNo: m.case_no, repeatOfId: m.repeat_of_id,
    source: m.source, details: m.details, reviewOrgId: m.review_org_id ?? null, reviewOrgName: m.review_org_name ?? null,
  };
}
