// Penalty cases: a lead is registered, then every step of the procedure declared in
// core/procedure/penaltyCase.ts is taken through takeStep(), which loads the case under
// a row lock, refuses a stale version (two people acting at once), gathers the facts the
// guards read, applies the step, stores what the step records and appends the event.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { revokeByDecision } from '../licensing/licences';
import { refreshCreditAfterRecord } from '../credit/service';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { ProcedureRefusal, apply, clockState, extendedDue, nextSteps, type ClockState } from '../../core/procedure/engine';
import { CASE_CLOCKS, PENALTY_CASE, type CaseState, type PenaltyCaseFacts } from '../../core/procedure/penaltyCase';
import type { Sanction } from '../../core/discretion/engine';
import { evaluateProvision } from '../discretion/service';
import { enforcementStatus } from '../inspectors/service';
import { ruleValue } from '../rules/service';
import { publicationOf } from './publication';
import { correctionsOf } from './corrections';
import { CASE_QUEUES, CASE_SOURCE_NAMES, STEP_INPUTS, type CaseFilters, type CaseListQuery, type LeadInput, type StepId } from './schema';
import { likeContaining } from '../../platform/db/like';
import { toFen, toYuan } from '../../core/procedure/payment';
import { paymentView, recordPaymentRows, surchargeOwedOn } from './payments';

export interface CaseRow {
  id: number; case_no: string; org_id: number; org_name: string; state: CaseState; version: number; procedure_kind: string;
  source: keyof typeof CASE_SOURCE_NAMES; cause: string; entity_id: number | null; party_kind: 'person' | 'organisation'; party_name: string;
  party_code: string | null; party_legal_rep: string | null; party_address: string; party_phone: string | null;
  lead_on: string; filed_on: string | null; decision_due: string | null; facts: string | null; provision_code: string | null;
  scenario: string | null; illegal_gains_yuan: number | null; tier: string | null; proposed_sanctions: Sanction[] | null;
  proposed_fine_yuan: number | null; outside_tier_reason: string | null; complex: boolean; legal_review_passed: boolean;
  notified_sanctions: Sanction[] | null; notified_fine_yuan: number | null; notice_served_on: string | null; defence_waived: boolean;
  hearing_requested_on: string | null; hearing_date: string | null; hearing_notice_served_on: string | null;
  hearing_host_inspector_id: number | null; collective_recorded: boolean; decided_on: string | null; decided_sanctions: Sanction[] | null;
  decided_fine_yuan: number | null; served_on: string | null; paid_on: string | null; paid_yuan: number | null;
  closed_on: string | null; archived_on: string | null;
  legal_review_submitted_on: string | null; legal_review_completed_on: string | null; transferred_on: string | null;
  published_on: string | null; publication_due: string | null; confiscated_yuan: number | null; provision_codes: string[] | null;
  imported: boolean; major_decision: boolean;
  /** The day a revoked decision's case was reopened for a new decision (null: never). */
  reopened_on: string | null;
}

export interface InspectorOnCase {
  id: number; name: string; certificate_no: string | null; certificate_valid_to: string | null; active: boolean; recused: boolean; user_id: number | null;
}

const DATE_COLUMNS = ['lead_on', 'filed_on', 'decision_due', 'notice_served_on', 'hearing_requested_on', 'hearing_date', 'hearing_notice_served_on', 'decided_on', 'served_on', 'paid_on', 'closed_on', 'archived_on',
  'legal_review_submitted_on', 'legal_review_completed_on', 'transferred_on', 'published_on', 'publication_due', 'reopened_on'];
export const CASE_SELECT = `SELECT c.*, ${DATE_COLUMNS.map((d) => `c.${d}::text AS ${d}`).join(', ')},
  c.illegal_gains_yuan::float8 AS illegal_gains_yuan, c.proposed_fine_yuan::float8 AS proposed_fine_yuan,
  c.notified_fine_yuan::float8 AS notified_fine_yuan, c.decided_fine_yuan::float8 AS decided_fine_yuan, c.paid_yuan::float8 AS paid_yuan, c.confiscated_yuan::float8 AS confiscated_yuan,
  o.name AS org_name
  FROM penalty_cases c JOIN organizations o ON o.id = c.org_id`;

/** Lists count matches up to this many (the page says "more than" beyond it). */
export const CASE_COUNT_CAP = 10_000;

export const OPEN_STATES: CaseState[] = ['filed', 'case_review', 'legal_review', 'reviewed', 'notified', 'hearing_requested', 'hearing_scheduled', 'heard', 'collective', 'deliberated'];

// ---------------------------------------------------------------------------------
// Facts for the guards.

/** The rules in force for the case's organisation (local defaults included). */
export async function caseRules(db: Queryable, orgId: number) {
  return {
    defenceWorkdays: await ruleValue<number>(db, RULES.defencePeriod.id, orgId),
    hearingFinePerson: await ruleValue<number>(db, RULES.hearingFinePerson.id, orgId),
    hearingFineOrganisation: await ruleValue<number>(db, RULES.hearingFineOrganisation.id, orgId),
    collectiveFinePerson: await ruleValue<number>(db, RULES.collectiveFinePerson.id, orgId),
    collectiveFineOrganisation: await ruleValue<number>(db, RULES.collectiveFineOrganisation.id, orgId),
    amberDays: await ruleValue<number>(db, RULES.clockAmberDays.id, orgId),
  };
}
type CaseRules = Awaited<ReturnType<typeof caseRules>>;

export const HEAVY_SANCTIONS: Sanction[] = ['suspend', 'revoke_licence', 'close', 'stop_practice', 'revoke_scope', 'revoke_practice_certificate'];

/** 行政处罚法 art. 63: a large fine or confiscation, licence revocation, suspension or closure. */
function hearingRightOf(kind: 'person' | 'organisation', sanctions: Sanction[] | null, fine: number | null, r: CaseRules): boolean {
  if (!sanctions) return false;
  const large = kind === 'person' ? r.hearingFinePerson : r.hearingFineOrganisation;
  return (fine ?? 0) >= large || sanctions.some((s) => HEAVY_SANCTIONS.includes(s));
}

/** Whether the case's notified (or intended) penalty gives the party the right to a hearing. */
export async function caseHearingRight(db: Queryable, c: CaseRow): Promise<boolean> {
  const r = await caseRules(db, c.org_id);
  return c.hearing_requested_on !== null || hearingRightOf(c.party_kind, c.notified_sanctions ?? c.proposed_sanctions, c.notified_fine_yuan ?? c.proposed_fine_yuan, r);
}

/** Major-decision criteria (法制审核目录): a decision with a hearing right, a hearing held, or a case marked complex. */
export function isMajor(c: CaseRow, r: CaseRules): boolean {
  return c.complex || c.hearing_requested_on !== null || hearingRightOf(c.party_kind, c.proposed_sanctions, c.proposed_fine_yuan, r);
}

/**
 * 行政处罚法 art. 57: complex cases and serious violations are decided collectively by the
 * heads. Serious: a heavy sanction, or a fine at the local threshold, in the penalty
 * intended, notified or being decided. Judged apart from major (legal review, art. 58):
 * the local thresholds of the two may differ.
 */
function collectiveRequiredOf(c: CaseRow, r: CaseRules, proposal: { sanctions: Sanction[]; fineYuan: number } | null): boolean {
  const limit = c.party_kind === 'person' ? r.collectiveFinePerson : r.collectiveFineOrganisation;
  const serious = (sanctions: Sanction[] | null | undefined, fine: number | null | undefined) =>
    !!sanctions && (sanctions.some((s) => HEAVY_SANCTIONS.includes(s)) || (fine ?? 0) >= limit);
  return c.complex || serious(c.proposed_sanctions, c.proposed_fine_yuan) || serious(c.notified_sanctions, c.notified_fine_yuan)
    || serious(proposal?.sanctions, proposal?.fineYuan);
}

export function due(calendar: WorkCalendar, start: string | null, spec: { amount: number; unit: 'day' | 'workday' }): string | null {
  return start ? computeDue(calendar, { start, amount: spec.amount, unit: spec.unit }).due : null;
}

interface Proposal { sanctions: Sanction[]; fineYuan: number; outsideTierReason?: string | null }

async function standingOf(db: Queryable, user: AuthUser, c: CaseRow, p: Proposal | null): Promise<PenaltyCaseFacts['proposedStanding']> {
  if (!p || !c.provision_code) return null;
  const e = await evaluateProvision(db, user, {
    provision: c.provision_code, scenario: c.scenario ?? undefined, illegalGainsYuan: c.illegal_gains_yuan ?? undefined,
    tier: (c.tier ?? undefined) as never, fineYuan: p.fineYuan,
  });
  return e.fineCheck?.status ?? null;
}

async function factsOf(db: Queryable, calendar: WorkCalendar, user: AuthUser, c: CaseRow, inspectors: InspectorOnCase[], extra: {
  proposal?: Proposal | null; reason?: string | null; hearing?: { date: string; noticeServedOn: string; hostInspectorId: number };
  collectiveRecorded?: boolean; noticeServedOn?: string; today?: string; rules?: CaseRules;
  plan?: PenaltyCaseFacts['plan']; payment?: PenaltyCaseFacts['payment']; surchargeOwedYuan?: number;
}): Promise<PenaltyCaseFacts> {
  const r = extra.rules ?? await caseRules(db, c.org_id);
  const today = extra.today ?? todayInChina();
  const noticeServedOn = extra.noticeServedOn ?? c.notice_served_on;
  const proposal = extra.proposal ?? (c.proposed_sanctions ? { sanctions: c.proposed_sanctions, fineYuan: c.proposed_fine_yuan ?? 0, outsideTierReason: c.outside_tier_reason } : null);
  const hearingNoticeServedOn = extra.hearing?.noticeServedOn ?? c.hearing_notice_served_on;
  const hostId = extra.hearing?.hostInspectorId ?? c.hearing_host_inspector_id;
  return {
    today, partyKind: c.party_kind,
    inspectors: inspectors.map((i) => ({ id: i.id, name: i.name, recused: i.recused, ...enforcementStatus(i, today) })),
    proposed: proposal, proposedStanding: await standingOf(db, user, c, proposal),
    outsideTierReason: proposal?.outsideTierReason ?? c.outside_tier_reason,
    notified: c.notified_sanctions ? { sanctions: c.notified_sanctions, fineYuan: c.notified_fine_yuan ?? 0 } : null,
    major: isMajor(c, r), legalReviewPassed: c.legal_review_passed,
    collectiveRequired: collectiveRequiredOf(c, r, extra.proposal ?? null), collectiveRecorded: extra.collectiveRecorded ?? c.collective_recorded,
    hearingRight: hearingRightOf(c.party_kind, c.notified_sanctions ?? c.proposed_sanctions, c.notified_fine_yuan ?? c.proposed_fine_yuan, r),
    noticeServedOn,
    defenceEnds: due(calendar, noticeServedOn, { amount: r.defenceWorkdays, unit: 'workday' }),
    defenceWaived: c.defence_waived,
    hearingRequestEnds: due(calendar, noticeServedOn, CASE_CLOCKS.hearingRequest),
    hearingDate: extra.hearing?.date ?? c.hearing_date,
    hearingNoticeServedOn,
    hearingEarliest: due(calendar, hearingNoticeServedOn, { amount: RULES.hearingNoticePeriod.value, unit: 'workday' }),
    hearingHostInvestigated: hostId === null ? null : inspectors.some((i) => i.id === hostId && !i.recused),
    reason: extra.reason ?? null,
    fineSettled: c.paid_yuan !== null && c.paid_yuan >= (c.decided_fine_yuan ?? 0),
    decidedFineYuan: c.decided_fine_yuan ?? 0,
    simpleFineLimitYuan: c.party_kind === 'person' ? RULES.simpleProcedureFinePerson.value : RULES.simpleProcedureFineOrganisation.value,
    plan: extra.plan ?? null, payment: extra.payment ?? null, paidFineYuan: c.paid_yuan ?? 0, surchargeOwedYuan: extra.surchargeOwedYuan ?? 0,
  };
}

// ---------------------------------------------------------------------------------
// Reading.

async function loadCase(db: Queryable, user: AuthUser, id: number, lock = false): Promise<CaseRow> {
  const c = await db.one<CaseRow>(`${CASE_SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
  if (!c || !inScope(user.scope, c.org_id)) throw notFound('案件不存在或不在您的数据范围内');
  return c;
}

/** For other modules (evidence, documents): the case if the user may see it, else 404. */
export async function visibleCase(db: Queryable, user: AuthUser, id: number): Promise<CaseRow> {
  return loadCase(db, user, id);
}

/** The case's inspectors with their user ids (who may handle it). */
export async function caseInspectorUserIds(db: Queryable, caseId: number): Promise<number[]> {
  return (await inspectorsOf(db, caseId)).filter((i) => !i.recused && i.user_id !== null).map((i) => i.user_id!);
}

export async function inspectorsOf(db: Queryable, caseId: number): Promise<InspectorOnCase[]> {
  return db.query<InspectorOnCase>(
    `SELECT i.id, i.name, i.certificate_no, i.certificate_valid_to::text AS certificate_valid_to, i.active, ci.recused, i.user_id
       FROM case_inspectors ci JOIN inspectors i ON i.id = ci.inspector_id WHERE ci.case_id = $1 ORDER BY i.id`, [caseId]);
}

/**
 * When the decision period runs from: filing (行政处罚法 art. 60) or, for a case reopened after
 * its decision was revoked, the day it was reopened, whichever is later. 行政复议法 art. 64 and
 * 行政诉讼法 art. 70 let the reconsideration body or the court order the new act "within a
 * certain period" set in its decision; no statute fixes that period, so the case's own
 * decision period runs again from the reopening (a shorter one set by the decision is in
 * that decision, which the case's history names).
 */
export function decisionStartOf(c: Pick<CaseRow, 'filed_on' | 'reopened_on'>): string | null {
  if (!c.filed_on) return null;
  return c.reopened_on && c.reopened_on > c.filed_on ? c.reopened_on : c.filed_on;
}

/** The decision clock, named for a new decision once the case was reopened. */
function decisionClockOf(c: Pick<CaseRow, 'filed_on' | 'reopened_on'>) {
  return c.reopened_on && c.filed_on && c.reopened_on >= c.filed_on
    ? { ...CASE_CLOCKS.decision, label: '重新作出处罚决定', citation: `${CASE_CLOCKS.decision.citation}（自原决定被撤销、案件重新办理之日起计算）` }
    : CASE_CLOCKS.decision;
}

/** Events of case e after its last reopening: what belongs to the decision now being made (extensions of its period). */
const SINCE_REOPENED = `e.id > coalesce((SELECT max(r.id) FROM case_events r WHERE r.case_id = e.case_id AND r.step IN ('reopen', 'reopen_as_lead')), 0)`;

/** What the clocks read besides the case row: local periods, the publication, approved extensions and plans. */
interface ClockInputs { defenceWorkdays: number; amberDays: number; today: string; publishedOn: string | null; decisionExtensions: number[]; planApprovedOn: string | null }

function clocksOf(calendar: WorkCalendar, c: CaseRow, k: ClockInputs): ClockState[] {
  const { defenceWorkdays, amberDays, today, publishedOn } = k;
  const out: ClockState[] = [];
  const add = (spec: (typeof CASE_CLOCKS)[keyof typeof CASE_CLOCKS], start: string | null, stoppedOn: string | null, extensions: number[] = []) => {
    if (start) out.push(clockState(calendar, spec, start, stoppedOn, today, amberDays, extensions));
  };
  add(decisionClockOf(c), decisionStartOf(c), c.decided_on ?? (OPEN_STATES.includes(c.state) ? null : c.closed_on), k.decisionExtensions);
  if (c.notice_served_on) add({ ...CASE_CLOCKS.defence, amount: defenceWorkdays }, c.notice_served_on, c.decided_on ?? (c.defence_waived ? c.notice_served_on : null));
  if (c.notice_served_on && c.state === 'notified') add(CASE_CLOCKS.hearingRequest, c.notice_served_on, c.hearing_requested_on);
  if (c.decided_on && c.procedure_kind === 'general') add(CASE_CLOCKS.service, c.decided_on, c.served_on);
  // An approved instalment plan replaces the payment period: the case page follows its instalments instead.
  if (c.served_on && (c.decided_fine_yuan ?? 0) > 0) add(CASE_CLOCKS.payment, c.served_on, c.paid_on ?? k.planApprovedOn);
  if (c.decided_on && (c.decided_sanctions ?? []).length > 0) add(CASE_CLOCKS.publication, c.decided_on, publishedOn);
  return out;
}

export const stateName = (s: string) => PENALTY_CASE.states[s as CaseState]?.label ?? s;
/** The actions that are not steps of the procedure (the state stays), as the record names them. */
const ACTION_LABELS: Record<string, string> = {
  lead: '登记线索', recuse: '执法人员回避', waive_defence: '当事人放弃陈述申辩', record_statement: '记录当事人陈述、申辩',
  extend_decision_period: '延长作出处罚决定的期限',
  reconsideration_decided: '行政复议决定', litigation_judged: '行政诉讼裁判',
  // A decision altered or partly revoked (corrections.ts); reopening is the procedure's own step.
  adjust_decision: '处罚决定被依法变更', correction_follow_up: '记录纠错落实情况',
};

const stepLabel = (id: string) => ACTION_LABELS[id] ?? PENALTY_CASE.steps.find((s) => s.id === id)?.label ?? id;

export function canTake(user: AuthUser, permission: string, inspectors: InspectorOnCase[], stepId: string): boolean {
  if (!user.permissions.has(permission as never)) return false;
  // Handling steps are the case's own inspectors' (filing assigns them; on the spot the actor is one).
  if (permission === 'cases.handle' && stepId !== 'decide_on_spot') return inspectors.some((i) => i.user_id === user.id && !i.recused);
  return true;
}

/** Where a case stands: its facts for the guards, its clocks and the next steps (the case page and the home page). */
export async function caseProgress(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, id: number) {
  const c = await loadCase(ctx.db, user, id);
  const inspectors = await inspectorsOf(ctx.db, id);
  const calendar = await ctx.calendar.current();
  const today = todayInChina();
  const r = await caseRules(ctx.db, c.org_id);
  const facts = await factsOf(ctx.db, calendar, user, c, inspectors, { rules: r });
  const publication = await publicationOf(ctx.db, id);
  const { decisionExtensions, planApprovedOn } = await clockExtrasOf(ctx.db, id);
  return {
    c, inspectors, today, facts, publication, decisionExtensions,
    clocks: clocksOf(calendar, c, {
      defenceWorkdays: r.defenceWorkdays, amberDays: r.amberDays, today, publishedOn: publication?.publishedOn ?? null,
      decisionExtensions, planApprovedOn,
    }),
    nextSteps: nextSteps(PENALTY_CASE, c.state, facts).map((s) => ({ ...s, mine: canTake(user, s.permission, inspectors, s.id) })),
  };
}

export async function getCase(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, id: number) {
  const { c, inspectors, today, facts, publication, clocks, nextSteps: steps, decisionExtensions } = await caseProgress(ctx, user, id);
  const events = await ctx.db.query<{ id: number; step: string; from_state: string | null; to_state: string; input: unknown; user_name: string | null; at: Date }>(
    `SELECT e.id, e.step, e.from_state, e.to_state, e.input, u.display_name AS user_name, e.at
       FROM case_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = $1 ORDER BY e.id`, [id]);
  return {
    ...summaryOf(c, inspectors.map((i) => i.name), today),
    version: c.version, source: c.source, sourceName: CASE_SOURCE_NAMES[c.source], entityId: c.entity_id,
    party: { kind: c.party_kind, name: c.party_name, code: c.party_code, legalRep: c.party_legal_rep, address: c.party_address, phone: c.party_phone },
    facts: c.facts, scenario: c.scenario, illegalGainsYuan: c.illegal_gains_yuan, tier: c.tier,
    proposed: c.proposed_sanctions ? { sanctions: c.proposed_sanctions, fineYuan: c.proposed_fine_yuan ?? 0 } : null,
    notified: c.notified_sanctions ? { sanctions: c.notified_sanctions, fineYuan: c.notified_fine_yuan ?? 0 } : null,
    decided: c.decided_sanctions && c.decided_on ? { sanctions: c.decided_sanctions, fineYuan: c.decided_fine_yuan ?? 0, on: c.decided_on } : null,
    major: c.decided_on ? c.major_decision : facts.major, hearingRight: facts.hearingRight, legalReviewPassed: c.legal_review_passed, collectiveRequired: facts.collectiveRequired,
    decisionExtension: c.filed_on ? await extensionRuleOf(ctx.db, c.org_id, decisionExtensions.length) : null,
    payment: await paymentView(ctx.db, await ctx.calendar.current(), c, today),
    caseInspectors: inspectors.map((i) => {
      const s = enforcementStatus(i, today);
      return { id: i.id, name: i.name, certificateNo: i.certificate_no, canEnforce: s.canEnforce, ...(s.reason ? { reason: s.reason } : {}), recused: i.recused, userId: i.user_id };
    }),
    clocks,
    publication,
    corrections: await correctionsOf(ctx.db, id),
    nextSteps: steps,
    events: events.map((e) => ({ id: Number(e.id), step: e.step, label: stepLabel(e.step), fromState: e.from_state, toState: e.to_state, input: e.input, user: e.user_name, at: new Date(e.at).toISOString() })),
  };
}

function summaryOf(c: CaseRow, inspectorNames: string[], today: string) {
  return {
    id: c.id, caseNo: c.case_no, orgId: c.org_id, orgName: c.org_name, state: c.state, stateName: stateName(c.state),
    procedure: c.procedure_kind, cause: c.cause, partyName: c.party_name, leadOn: c.lead_on, filedOn: c.filed_on,
    provisionCode: c.provision_code, decidedFineYuan: c.decided_fine_yuan, inspectors: inspectorNames,
    overdue: c.decided_on === null && c.decision_due !== null && c.decision_due < today && OPEN_STATES.includes(c.state),
    imported: c.imported, major: c.major_decision,
  };
}

/** The list's filters as SQL over penalty_cases c, within the scope's organisations; parameters are numbered from `first`. */
export function caseWhere(f: CaseFilters, scopeOrgIds: number[], today: string, first = 1): { where: string; params: unknown[] } {
  const params: unknown[] = [scopeOrgIds];
  const p = (v: unknown) => { params.push(v); return `$${first + params.length - 1}`; };
  const where = [`c.org_id = ANY($${first}::int[])`];
  if (f.q) {
    const like = p(likeContaining(f.q));
    // The expression of the trigram index penalty_cases_search_idx (migration 0016).
    where.push(`(c.case_no || ' ' || c.party_name || ' ' || c.cause || ' ' || coalesce(c.party_code, '')) LIKE ${like}`);
  }
  if (f.state) where.push(`c.state = ${p(f.state)}`);
  if (f.queue) where.push(`c.state = ANY(${p(CASE_QUEUES[f.queue].states)}::text[])`);
  if (f.procedure) where.push(`c.procedure_kind = ${p(f.procedure)}`);
  if (f.provision) where.push(`c.provision_code = ${p(f.provision)}`);
  if (f.orgId) where.push(`c.org_id IN (SELECT x.id FROM organizations x, organizations r WHERE r.id = ${p(f.orgId)} AND x.path LIKE r.path || '%')`);
  if (f.inspectorId) where.push(`EXISTS (SELECT 1 FROM case_inspectors ci WHERE ci.case_id = c.id AND ci.inspector_id = ${p(f.inspectorId)})`);
  // Open major cases: the index penalty_cases_major_open_idx (migration 0017).
  if (f.majorOpen) where.push(`c.major_decision AND c.decided_on IS NULL AND c.state = ANY(${p(OPEN_STATES)}::text[])`);
  if (f.overdue !== undefined) {
    const overdue = `(c.decided_on IS NULL AND c.decision_due < ${p(today)}::date AND c.state = ANY(${p(OPEN_STATES)}::text[]))`;
    where.push(f.overdue ? overdue : `NOT ${overdue}`);
  }
  // A period on one of the case's dates (the date each penalty figure reads).
  const dateColumn = { lead: 'c.lead_on', filed: 'c.filed_on', decided: 'c.decided_on', closed: 'c.closed_on' }[f.dateOf ?? 'lead'];
  if (f.from) where.push(`${dateColumn} >= ${p(f.from)}::date`);
  if (f.to) where.push(`${dateColumn} <= ${p(f.to)}::date`);
  return { where: where.join(' AND '), params };
}

export async function listCases(db: Queryable, user: AuthUser, f: CaseListQuery) {
  const today = todayInChina();
  const { where: w, params } = caseWhere(f, user.scope.orgIds, today);
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  // Counted up to a cap, like the directory: a province's archive holds millions of cases.
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM penalty_cases c WHERE ${w} LIMIT ${CASE_COUNT_CAP + 1}) t`, params);
  const rows = await db.query<CaseRow & { inspector_names: string[] }>(
    `${CASE_SELECT.replace('FROM penalty_cases c', `, ARRAY(SELECT i.name FROM case_inspectors ci JOIN inspectors i ON i.id = ci.inspector_id WHERE ci.case_id = c.id ORDER BY i.id) AS inspector_names
       FROM penalty_cases c`)} WHERE ${w} ORDER BY c.id DESC LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`, params);
  return {
    rows: rows.map((c) => summaryOf(c, c.inspector_names, today)), total: Math.min(total!.n, CASE_COUNT_CAP), totalCapped: total!.n > CASE_COUNT_CAP,
    page: f.page, pageSize: f.pageSize,
  };
}

// ---------------------------------------------------------------------------------
// Writing.

async function nextCaseNo(tx: Queryable, orgId: number, year: number): Promise<string> {
  const org = await tx.one<{ code: string }>('SELECT code FROM organizations WHERE id = $1', [orgId]);
  const count = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM penalty_cases WHERE org_id = $1 AND extract(year FROM lead_on) = $2`, [orgId, year]);
  const numbered = (n: number) => `${org!.code}罚〔${year}〕${n}号`;
  // Imported history may already hold a number of the series: take the next free one.
  let n = count!.n + 1;
  while (await tx.one('SELECT 1 FROM penalty_cases WHERE case_no = $1', [numbered(n)])) n++;
  return numbered(n);
}

export async function createLead(db: Queryable, user: AuthUser, actor: Actor, input: LeadInput) {
  assertInScope(user.scope, input.orgId);
  if (input.leadOn > todayInChina()) throw badRequest('LEAD_IN_FUTURE', '发现线索的日期不能晚于今天', { field: 'leadOn' });
  return db.transaction(async (tx) => {
    if (input.entityId !== null) {
      const e = await tx.one<{ org_id: number }>('SELECT org_id FROM entities WHERE id = $1', [input.entityId]);
      if (!e || !inScope(user.scope, e.org_id)) throw notFound('监管对象不存在或不在您的数据范围内');
    }
    // Case numbers are per organisation and year: serialise their allocation.
    await tx.query('SELECT pg_advisory_xact_lock(727004, $1)', [input.orgId]);
    const caseNo = await nextCaseNo(tx, input.orgId, yearOf(input.leadOn));
    const row = await tx.one<{ id: number }>(
      `INSERT INTO penalty_cases (case_no, org_id, state, source, cause, entity_id, party_kind, party_name, party_code, party_legal_rep,
                                  party_address, party_phone, lead_on, facts, created_by)
       VALUES ($1,$2,'lead',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
      [caseNo, input.orgId, input.source, input.cause, input.entityId, input.partyKind, input.partyName, input.partyCode ?? null,
        input.partyLegalRep ?? null, input.partyAddress, input.partyPhone ?? null, input.leadOn, input.facts ?? null, user.id]);
    await tx.query(`INSERT INTO case_events (case_id, step, from_state, to_state, input, user_id) VALUES ($1,'lead',NULL,'lead',$2,$3)`,
      [row!.id, JSON.stringify(input), user.id]);
    await recordAudit(tx, actor, { action: 'case.create', objectType: 'penalty_case', objectId: row!.id, after: { caseNo, ...input } });
    return { id: row!.id, caseNo };
  });
}

/** Assigns the inspectors named by the step: in scope, and (checked by the guard) holding valid certificates. */
async function assignInspectors(tx: Queryable, user: AuthUser, caseId: number, ids: number[]): Promise<void> {
  const rows = await tx.query<{ id: number; org_id: number }>('SELECT id, org_id FROM inspectors WHERE id = ANY($1::int[])', [ids]);
  if (rows.length !== ids.length || rows.some((r) => !inScope(user.scope, r.org_id))) throw notFound('执法人员不存在或不在您的数据范围内');
  await tx.query('DELETE FROM case_inspectors WHERE case_id = $1 AND NOT recused', [caseId]);
  await tx.query(`INSERT INTO case_inspectors (case_id, inspector_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`, [caseId, ids]);
}

type StepInput = Record<string, unknown> & { inspectorIds?: number[]; sanctions?: Sanction[]; fineYuan?: number; outsideTierReason?: string | null };

/** The columns a step records, as SQL assignments with their values. */
function recordOf(step: StepId, i: StepInput, c: CaseRow, calendar: WorkCalendar): Record<string, unknown> {
  const today = todayInChina();
  switch (step) {
    case 'file': return { filed_on: today, decision_due: due(calendar, today, CASE_CLOCKS.decision) };
    case 'decide_on_spot': return {
      procedure_kind: 'simple', facts: i.facts, provision_code: i.provisionCode ?? null, provision_codes: i.provisionCode ? [i.provisionCode] : null,
      decided_on: today, decided_sanctions: i.sanctions,
      decided_fine_yuan: i.fineYuan, served_on: today,
    };
    case 'finish_investigation': return {
      facts: i.facts, provision_code: i.provisionCode, scenario: i.scenario ?? null, illegal_gains_yuan: i.illegalGainsYuan ?? null, tier: i.tier,
      proposed_sanctions: i.sanctions, proposed_fine_yuan: i.fineYuan, outside_tier_reason: i.outsideTierReason ?? null, complex: i.complex ?? false,
      legal_review_passed: false, legal_review_completed_on: null, provision_codes: [i.provisionCode],
    };
    case 'submit_legal_review': return { legal_review_submitted_on: today };
    case 'transfer': return { transferred_on: today };
    case 'return_to_investigation': return { legal_review_passed: false };
    case 'pass_legal_review': return { legal_review_passed: true, legal_review_completed_on: today };
    case 'decide_no_penalty': return { decided_on: today, decided_sanctions: [], decided_fine_yuan: 0 };
    case 'notify': return { notified_sanctions: c.proposed_sanctions, notified_fine_yuan: c.proposed_fine_yuan, notice_served_on: i.servedOn };
    case 'request_hearing': return { hearing_requested_on: i.requestedOn };
    case 'schedule_hearing': return { hearing_date: i.hearingDate, hearing_notice_served_on: i.noticeServedOn, hearing_host_inspector_id: i.hostInspectorId };
    case 'record_collective': return { collective_recorded: true };
    case 'decide': return {
      decided_on: i.decidedOn, decided_sanctions: i.sanctions, decided_fine_yuan: i.fineYuan, outside_tier_reason: i.outsideTierReason ?? c.outside_tier_reason,
      confiscated_yuan: i.sanctions?.includes('confiscate_gains') ? c.illegal_gains_yuan : null,
    };
    case 'serve': return { served_on: i.servedOn };
    // paid_yuan is the fine paid so far (instalments add up; the surcharge is kept apart in case_payments).
    case 'pay_instalment': return { paid_yuan: toYuan(toFen(c.paid_yuan ?? 0) + toFen(i.amountYuan as number)) };
    case 'record_payment': return { paid_on: i.paidOn, paid_yuan: toYuan(toFen(c.paid_yuan ?? 0) + toFen(i.amountYuan as number)) };
    case 'close': return { closed_on: today };
    case 'archive': return { archived_on: today };
    default: return {};
  }
}

function parseStepInput(step: StepId, raw: unknown): StepInput {
  const parsed = STEP_INPUTS[step].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw badRequest('VALIDATION', `${field ? `${field}：` : ''}${issue.message}`, parsed.error.issues.map((x) => ({ field: x.path.join('.'), message: x.message })));
  }
  return parsed.data as StepInput;
}

type DateColumn = 'filed_on' | 'notice_served_on' | 'hearing_requested_on' | 'hearing_date' | 'decided_on' | 'served_on' | 'reopened_on';

/**
 * The order the procedure puts its dates in: the date a step records is on or after the
 * case's dates it follows (the notice after filing, a hearing request after the notice,
 * the hearing notice after the request, the decision after the notice and any hearing,
 * service after the decision, payment after service).
 */
const DATE_ORDER: { steps: StepId[]; field: string; label: string; notBefore: { column: DateColumn; label: string }[] }[] = [
  { steps: ['notify'], field: 'servedOn', label: '事先告知书送达日期', notBefore: [{ column: 'filed_on', label: '立案日期' }, { column: 'reopened_on', label: '原决定被撤销、案件重新办理的日期' }] },
  { steps: ['request_hearing'], field: 'requestedOn', label: '当事人提出听证要求的日期', notBefore: [{ column: 'notice_served_on', label: '事先告知书送达日期' }] },
  { steps: ['schedule_hearing'], field: 'noticeServedOn', label: '听证通知书送达日期', notBefore: [{ column: 'hearing_requested_on', label: '当事人提出听证要求的日期' }] },
  { steps: ['decide'], field: 'decidedOn', label: '决定日期', notBefore: [{ column: 'notice_served_on', label: '事先告知书送达日期' }, { column: 'hearing_date', label: '听证日期' }] },
  { steps: ['serve'], field: 'servedOn', label: '决定书送达日期', notBefore: [{ column: 'decided_on', label: '决定日期' }] },
  { steps: ['record_payment', 'pay_instalment'], field: 'paidOn', label: '缴纳日期', notBefore: [{ column: 'served_on', label: '决定书送达日期' }] },
];

function assertDatesLawful(step: StepId, i: StepInput, c: CaseRow): void {
  const today = todayInChina();
  for (const k of ['servedOn', 'requestedOn', 'noticeServedOn', 'decidedOn', 'paidOn'] as const) {
    const v = i[k] as string | undefined;
    if (v && v > today) throw badRequest('DATE_IN_FUTURE', '日期不能晚于今天', { field: k });
    if (v && v < c.lead_on) throw badRequest('DATE_BEFORE_LEAD', '日期不能早于发现线索的日期', { field: k });
  }
  for (const rule of DATE_ORDER) {
    const v = i[rule.field] as string | undefined;
    if (!v || !rule.steps.includes(step)) continue;
    for (const before of rule.notBefore) {
      const earlier = c[before.column];
      if (earlier && v < earlier) {
        throw badRequest('DATE_ORDER', `${rule.label}（${rule.field}）${v}不能早于${before.label}${earlier}`, { field: rule.field });
      }
    }
  }
}

/** The payment facts of an instalment or payment step: the plan or payment it carries, and the surcharge owed on the payment date. */
async function paymentFacts(tx: Queryable, calendar: WorkCalendar, c: CaseRow, stepId: string, input: StepInput): Promise<Partial<Pick<PenaltyCaseFacts, 'plan' | 'payment' | 'surchargeOwedYuan'>>> {
  if (stepId === 'approve_instalment') return { plan: input.plan as PenaltyCaseFacts['plan'] };
  if (stepId !== 'record_payment' && stepId !== 'pay_instalment') return {};
  return {
    payment: { fineYuan: input.amountYuan as number, surchargeYuan: (input.surchargeYuan as number) ?? 0 },
    surchargeOwedYuan: await surchargeOwedOn(tx, calendar, c, input.paidOn as string),
  };
}

export async function takeStep(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, stepId: string, body: { version: number; input: unknown }) {
  const step = PENALTY_CASE.steps.find((s) => s.id === stepId);
  // Reopening follows a revocation recorded on the reconsideration or the suit, never a request.
  if (!step || step.system) throw notFound(`没有“${stepId}”这一步骤`);
  if (!user.permissions.has(step.permission as never)) throw forbidden(`无权执行“${step.label}”`);
  const calendar = await ctx.calendar.current();
  await ctx.db.transaction(async (tx) => {
    const c = await loadCase(tx, user, id, true);
    const input = parseStepInput(step.id as StepId, body.input);
    if (c.version !== body.version) throw conflict('CASE_CHANGED', '案件已被他人更新，请刷新后重试');
    assertDatesLawful(step.id as StepId, input, c);
    if (input.inspectorIds) await assignInspectors(tx, user, id, input.inspectorIds);
    const inspectors = await inspectorsOf(tx, id);
    if (!canTake(user, step.permission, inspectors, step.id)) throw forbidden('该步骤由本案承办的执法人员办理');
    if (step.id === 'decide_on_spot' && !inspectors.some((i) => i.user_id === user.id)) throw forbidden('当场处罚须由在场执法人员本人办理');
    const proposal = input.sanctions ? { sanctions: input.sanctions, fineYuan: input.fineYuan ?? 0, outsideTierReason: input.outsideTierReason } : undefined;
    const withProposal = step.id === 'finish_investigation' ? { ...c, provision_code: input.provisionCode as string, scenario: (input.scenario as string) ?? null, illegal_gains_yuan: (input.illegalGainsYuan as number) ?? null, tier: input.tier as string } : c;
    const rules = await caseRules(tx, c.org_id);
    const facts = await factsOf(tx, calendar, user, withProposal, inspectors, {
      rules, proposal, reason: (input.reason ?? input.opinion ?? null) as string | null,
      noticeServedOn: input.servedOn as string | undefined,
      hearing: step.id === 'schedule_hearing' ? { date: input.hearingDate as string, noticeServedOn: input.noticeServedOn as string, hostInspectorId: input.hostInspectorId as number } : undefined,
      collectiveRecorded: step.id === 'record_collective' ? true : undefined,
      ...await paymentFacts(tx, calendar, c, step.id, input),
    });
    let to: CaseState;
    try {
      to = apply(PENALTY_CASE, c.state, step.id, step.id === 'notify' ? { ...facts, noticeServedOn: input.servedOn as string } : facts).to;
    } catch (err) {
      if (err instanceof ProcedureRefusal) throw new AppError(409, err.refusal.code, err.refusal.citation ? `${err.refusal.message}（${err.refusal.citation}）` : err.refusal.message);
      throw err;
    }
    const record: Record<string, unknown> = { ...recordOf(step.id as StepId, input, c, calendar), state: to };
    // Major is judged anew at every step until the decision (the leader's view of open major
    // cases reads it), then kept as judged at the decision (the enforcement.major.* metrics).
    if (c.decided_on === null) {
      record.major_decision = step.id === 'decide' || step.id === 'decide_no_penalty' ? facts.major : isMajor({ ...c, ...record } as CaseRow, rules);
    }
    const cols = Object.keys(record);
    await tx.query(`UPDATE penalty_cases SET ${cols.map((k, n) => `${k} = $${n + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, ...cols.map((k) => record[k])]);
    await recordPaymentRows(tx, user.id, id, step.id, input, todayInChina());
    await tx.query('INSERT INTO case_events (case_id, step, from_state, to_state, input, user_id) VALUES ($1,$2,$3,$4,$5,$6)',
      [id, step.id, c.state, to, JSON.stringify(input), user.id]);
    await recordAudit(tx, actor, { action: `case.${step.id}`, objectType: 'penalty_case', objectId: id, before: { state: c.state }, after: { state: to, input } });
    // A decision revoking the licence ends the holder's e-licences the same day (their public page then says 已撤销).
    const decided = record.decided_sanctions as Sanction[] | undefined;
    if (c.entity_id !== null && step.id === 'decide' && decided?.includes('revoke_licence')) {
      const revoked = await revokeByDecision(tx, actor, Number(c.entity_id), id, c.case_no, record.decided_on as string);
      if (revoked.length > 0) await recordAudit(tx, actor, { action: 'case.licences_revoked', objectType: 'penalty_case', objectId: id, after: { licences: revoked } });
    }
    // A decision is a record the entity's credit grade is computed from.
    if (c.entity_id !== null && 'decided_on' in record) await refreshCreditAfterRecord(tx, actor, c.entity_id, `case.${step.id}`);
  });
  return getCase(ctx, user, id);
}

/** An inspector with a direct interest withdraws (行政处罚法 art. 43); the case needs another to go on. */
export async function recuse(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, body: { version: number; inspectorId: number; reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadCase(tx, user, id, true);
    if (c.version !== body.version) throw conflict('CASE_CHANGED', '案件已被他人更新，请刷新后重试');
    if (PENALTY_CASE.states[c.state].final || ['closed', 'archived'].includes(c.state)) throw conflict('CASE_CLOSED', '案件已结案，不能变更执法人员');
    const updated = await tx.query('UPDATE case_inspectors SET recused = true, recusal_reason = $3 WHERE case_id = $1 AND inspector_id = $2 AND NOT recused RETURNING inspector_id', [id, body.inspectorId, body.reason]);
    if (updated.length === 0) throw notFound('该执法人员未承办本案或已回避');
    await tx.query('UPDATE penalty_cases SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
    await tx.query(`INSERT INTO case_events (case_id, step, from_state, to_state, input, user_id) VALUES ($1,'recuse',$2,$2,$3,$4)`,
      [id, c.state, JSON.stringify({ inspectorId: body.inspectorId, reason: body.reason }), user.id]);
    await recordAudit(tx, actor, { action: 'case.recuse', objectType: 'penalty_case', objectId: id, after: { inspectorId: body.inspectorId, reason: body.reason } });
  });
  return getCase(ctx, user, id);
}

/** The party waived in writing its statement and defence (行政处罚法 art. 45): the decision need not wait for the period's end. */
export async function waiveDefence(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, body: { version: number; note: string }) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadCase(tx, user, id, true);
    if (c.version !== body.version) throw conflict('CASE_CHANGED', '案件已被他人更新，请刷新后重试');
    if (c.state !== 'notified') throw conflict('WRONG_STATE', '只有在陈述申辩期内才能登记当事人放弃陈述申辩');
    const inspectors = await inspectorsOf(tx, id);
    if (!canTake(user, 'cases.handle', inspectors, 'waive_defence')) throw forbidden('该步骤由本案承办的执法人员办理');
    await tx.query('UPDATE penalty_cases SET defence_waived = true, version = version + 1, updated_at = now() WHERE id = $1', [id]);
    await tx.query(`INSERT INTO case_events (case_id, step, from_state, to_state, input, user_id) VALUES ($1,'waive_defence',$2,$2,$3,$4)`,
      [id, c.state, JSON.stringify({ note: body.note }), user.id]);
    await recordAudit(tx, actor, { action: 'case.waive_defence', objectType: 'penalty_case', objectId: id, after: { note: body.note } });
  });
  return getCase(ctx, user, id);
}

// ---------------------------------------------------------------------------------
// Actions that do not move the case (the state stays): recorded like steps.

/** The case under a row lock, if the user saw its current version. */
export async function lockedCase(tx: Queryable, user: AuthUser, id: number, version: number): Promise<CaseRow> {
  const c = await loadCase(tx, user, id, true);
  if (c.version !== version) throw conflict('CASE_CHANGED', '案件已被他人更新，请刷新后重试');
  return c;
}

/** Records an action on the case: a new version, the event in the whole-process record (art. 47) and the audit entry. */
export async function recordAction(tx: Queryable, user: AuthUser, actor: Actor, c: CaseRow, action: string, input: Record<string, unknown>): Promise<void> {
  await tx.query('UPDATE penalty_cases SET version = version + 1, updated_at = now() WHERE id = $1', [c.id]);
  await tx.query('INSERT INTO case_events (case_id, step, from_state, to_state, input, user_id) VALUES ($1,$2,$3,$3,$4,$5)',
    [c.id, action, c.state, JSON.stringify(input), user.id]);
  await recordAudit(tx, actor, { action: `case.${action}`, objectType: 'penalty_case', objectId: c.id, after: input });
}

export interface StatementBody { version: number; statedOn: string; statement: string; adopted: boolean; reasons: string }

/**
 * What the party stated or argued after the prior notice (陈述、申辩), whether the agency
 * adopted it and why (行政处罚法 art. 45: the agency must hear it and review it). The
 * decision document reports these records.
 */
export async function recordStatement(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, body: StatementBody) {
  await ctx.db.transaction(async (tx) => {
    const c = await lockedCase(tx, user, id, body.version);
    if (c.state !== 'notified' && c.state !== 'heard') {
      throw conflict('WRONG_STATE', '当事人的陈述、申辩在事先告知后、作出决定前记录（已告知或听证结束时）（《中华人民共和国行政处罚法》第四十五条）');
    }
    if (!canTake(user, 'cases.handle', await inspectorsOf(tx, id), 'record_statement')) throw forbidden('该步骤由本案承办的执法人员办理');
    if (body.statedOn > todayInChina()) throw badRequest('DATE_IN_FUTURE', '日期不能晚于今天', { field: 'statedOn' });
    if (c.notice_served_on && body.statedOn < c.notice_served_on) {
      throw badRequest('DATE_BEFORE_NOTICE', `陈述、申辩的日期不能早于事先告知书送达的日期${c.notice_served_on}`, { field: 'statedOn' });
    }
    await recordAction(tx, user, actor, c, 'record_statement', { statedOn: body.statedOn, statement: body.statement, adopted: body.adopted, reasons: body.reasons });
  });
  return getCase(ctx, user, id);
}

/** What moves the clocks besides the case row, in one query: the approved extensions of the decision period, and the day an instalment plan replaced the payment period. */
async function clockExtrasOf(db: Queryable, caseId: number): Promise<{ decisionExtensions: number[]; planApprovedOn: string | null }> {
  const row = await db.one<{ extensions: number[]; plan_approved_on: string | null }>(
    `SELECT ARRAY(SELECT (e.input->>'days')::int FROM case_events e WHERE e.case_id = $1 AND e.step = 'extend_decision_period' AND ${SINCE_REOPENED} ORDER BY e.id) AS extensions,
            (SELECT min(i.approved_on)::text FROM case_instalments i WHERE i.case_id = $1) AS plan_approved_on`, [caseId]);
  return { decisionExtensions: row?.extensions ?? [], planApprovedOn: row?.plan_approved_on ?? null };
}

/** The days of each extension of the decision period approved so far, in order. */
async function decisionExtensionsOf(db: Queryable, caseId: number): Promise<number[]> {
  const rows = await db.query<{ days: number }>(
    `SELECT (e.input->>'days')::int AS days FROM case_events e WHERE e.case_id = $1 AND e.step = 'extend_decision_period' AND ${SINCE_REOPENED} ORDER BY e.id`, [caseId]);
  return rows.map((r) => r.days);
}

/** How the decision period may be extended for the organisation (local rules until the health-sector article is checked). */
async function extensionRuleOf(db: Queryable, orgId: number, count: number) {
  return {
    count, citation: RULES.decisionExtensionDays.citation,
    max: await ruleValue<number>(db, RULES.decisionExtensionsMax.id, orgId),
    days: await ruleValue<number>(db, RULES.decisionExtensionDays.id, orgId),
  };
}

/**
 * The head extends the period for the decision, giving the reason. 行政处罚法 art. 60 leaves
 * other periods to laws and rules; 《卫生健康行政处罚程序规定》 governs the extension but its
 * article is not yet checked, so its days and number are local rules. Only an open,
 * filed, undecided case, and only before its period has run out.
 */
export async function extendDecisionPeriod(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, body: { version: number; reason: string }) {
  const calendar = await ctx.calendar.current();
  await ctx.db.transaction(async (tx) => {
    const c = await lockedCase(tx, user, id, body.version);
    const cite = `（${RULES.decisionExtensionDays.citation}）`;
    if (!c.filed_on || c.decided_on || !OPEN_STATES.includes(c.state)) throw conflict('WRONG_STATE', `只有已立案、尚未作出决定的案件才能延长办案期限${cite}`);
    const extensions = await decisionExtensionsOf(tx, id);
    const rule = await extensionRuleOf(tx, c.org_id, extensions.length);
    if (extensions.length >= rule.max) throw conflict('EXTENSION_LIMIT', `作出处罚决定的期限最多延长${rule.max}次，本案已延长${extensions.length}次${cite}`);
    const start = decisionStartOf(c)!;
    const current = extendedDue(calendar, CASE_CLOCKS.decision, start, extensions).due;
    if (todayInChina() > current) throw conflict('DECISION_PERIOD_EXPIRED', `作出处罚决定的期限已于${current}届满，延长应在期限届满前批准${cite}`);
    const next = extendedDue(calendar, CASE_CLOCKS.decision, start, [...extensions, rule.days]).due;
    await tx.query('UPDATE penalty_cases SET decision_due = $2 WHERE id = $1', [id, next]);
    await recordAction(tx, user, actor, c, 'extend_decision_period', { reason: body.reason, days: rule.days, from: current, to: next });
  });
  return getCase(ctx, user, id);
}

/** When the calendar changes, the decision deadlines of undecided cases move with it (approved extensions kept). */
export async function recomputeDecisionDues(tx: Queryable, calendar: WorkCalendar): Promise<number> {
  const open = await tx.query<{ id: number; filed_on: string; reopened_on: string | null; extensions: number[] }>(
    `SELECT c.id, c.filed_on::text AS filed_on, c.reopened_on::text AS reopened_on,
            ARRAY(SELECT (e.input->>'days')::int FROM case_events e WHERE e.case_id = c.id AND e.step = 'extend_decision_period' AND ${SINCE_REOPENED} ORDER BY e.id) AS extensions
       FROM penalty_cases c WHERE c.decided_on IS NULL AND c.filed_on IS NOT NULL`);
  for (const c of open) {
    await tx.query('UPDATE penalty_cases SET decision_due = $2 WHERE id = $1', [c.id, extendedDue(calendar, CASE_CLOCKS.decision, decisionStartOf(c)!, c.extensions).due]);
  }
  return open.length;
}
