// A penalty decision corrected on administrative reconsideration or in court. The matters
// module records the reconsideration decision or the judgment on the matter that names the
// case (matters.case_id) and, in the same transaction, calls applyChallengeOutcome():
//   revoked (撤销)            — the case is reopened: it goes back to case review (an
//                               on-the-spot case to the lead) for a new decision, the
//                               revoked decision cleared from the case row and kept in
//                               case_corrections, its decision period running again;
//   altered, partly revoked   — the decision in force becomes the altered one; the original
//                               is kept;
//   confirmed unlawful, ordered to act — the case handler follows up (a to-do until the
//                               handler records what was done).
// A published decision revoked, altered or found unlawful is withdrawn at once (行政处罚法
// art. 48); a fine paid under a revoked decision, or paid beyond the altered one, is to be
// returned (the handler's follow-up). Every correction bumps the case's version (a step
// taken on the stale case is refused), appends the event to its record and is audited.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, forbidden, notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import type { Sanction } from '../../core/discretion/engine';
import { CASE_CLOCKS, DECISION_IN_FORCE, PENALTY_CASE } from '../../core/procedure/penaltyCase';
import { JUDGMENT_EFFECTS, REFUND_CITATION, WITHDRAWAL_CITATION, correctionOf, type ChallengeKind, type CorrectionPlan } from '../../core/procedure/challenge';
import { toFen, toYuan } from '../../core/procedure/payment';
import { refreshCreditAfterRecord } from '../credit/service';
import { supersedePublication, withdrawOnCorrection } from './publication';
import {
  CASE_SELECT, canTake, caseRules, due, getCase, inspectorsOf, isMajor, lockedCase, recordAction, stateName, type CaseRow,
} from './service';

/** The outcome recorded on a reconsideration or a suit that names the case. */
export interface ChallengeRecord {
  kind: ChallengeKind;
  matterId: number;
  matterNo: string;
  /** The matter's outcome code and its Chinese name (维持, 撤销 ... 胜诉, 败诉). */
  outcome: string;
  outcomeName: string;
  /** A judgment lost: what it did (JUDGMENT_EFFECTS). */
  judgmentEffect: string | null;
  /** Altered or partly revoked: the penalty in force afterwards. */
  penalty: { sanctions: Sanction[]; fineYuan: number } | null;
  /** The decision's date, or the judgment's service. */
  on: string;
}

/** What the case held of its decision before the correction: kept in case_corrections.before and the event. */
function decisionOf(c: CaseRow) {
  return {
    state: c.state, procedureKind: c.procedure_kind, decidedOn: c.decided_on, sanctions: c.decided_sanctions, fineYuan: c.decided_fine_yuan,
    confiscatedYuan: c.confiscated_yuan, majorDecision: c.major_decision,
  };
}

/** Everything that went with the decision and is cleared when the case is reopened (kept in the correction). */
function decisionRecordOf(c: CaseRow) {
  return {
    ...decisionOf(c),
    decisionDue: c.decision_due, reopenedOn: c.reopened_on,
    notice: { servedOn: c.notice_served_on, sanctions: c.notified_sanctions, fineYuan: c.notified_fine_yuan, defenceWaived: c.defence_waived },
    hearing: { requestedOn: c.hearing_requested_on, date: c.hearing_date, noticeServedOn: c.hearing_notice_served_on, hostInspectorId: c.hearing_host_inspector_id },
    review: { passed: c.legal_review_passed, submittedOn: c.legal_review_submitted_on, completedOn: c.legal_review_completed_on, collectiveRecorded: c.collective_recorded },
    servedOn: c.served_on, paidOn: c.paid_on, paidYuan: c.paid_yuan, closedOn: c.closed_on, archivedOn: c.archived_on,
    publishedOn: c.published_on, publicationDue: c.publication_due,
  };
}

/** The columns a reopened case starts its new decision with: the decision and all that came with it (notice, hearing, reviews, service, payment, publication) are to be done again. */
const CLEARED_ON_REOPENING: Record<string, unknown> = {
  decided_on: null, decided_sanctions: null, decided_fine_yuan: null, confiscated_yuan: null, served_on: null, paid_on: null, paid_yuan: null,
  closed_on: null, archived_on: null, published_on: null, publication_due: null,
  notified_sanctions: null, notified_fine_yuan: null, notice_served_on: null, defence_waived: false,
  hearing_requested_on: null, hearing_date: null, hearing_notice_served_on: null, hearing_host_inspector_id: null,
  collective_recorded: false, legal_review_passed: false, legal_review_submitted_on: null, legal_review_completed_on: null,
};

/** Who the correction came from, for messages: 行政复议决定 / 人民法院判决. */
const bodyOf = (kind: ChallengeKind) => (kind === 'reconsideration' ? '行政复议决定' : '人民法院判决');

async function updateCase(tx: Queryable, id: number, cols: Record<string, unknown>): Promise<void> {
  const names = Object.keys(cols);
  await tx.query(`UPDATE penalty_cases SET ${names.map((k, n) => `${k} = $${n + 2}`).join(', ')}${names.length ? ', ' : ''}version = version + 1, updated_at = now() WHERE id = $1`,
    [id, ...names.map((k) => cols[k])]);
}

/**
 * The outcome of a reconsideration or a suit, applied to the case it names: in the
 * caller's transaction, the case row locked. `userId` is who recorded the outcome.
 */
export async function applyChallengeOutcome(tx: Queryable, calendar: WorkCalendar, actor: Actor, userId: number, caseId: number, r: ChallengeRecord): Promise<void> {
  const c = await tx.one<CaseRow>(`${CASE_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [caseId]);
  if (!c) return;
  const noted = r.kind === 'reconsideration' ? 'reconsideration_decided' : 'litigation_judged';
  const plan = correctionOf(r.kind, r.outcome, r.judgmentEffect);
  const named = { matterId: r.matterId, matterNo: r.matterNo, kind: r.kind, outcome: r.outcome, outcomeName: r.outcomeName, on: r.on };
  if (!plan) {
    // Upheld, dismissed, withdrawn, won: the case stays as it is, the outcome in its record.
    await updateCase(tx, c.id, {});
    await event(tx, userId, c, noted, c.state, named);
    await recordAudit(tx, actor, { action: `case.${noted}`, objectType: 'penalty_case', objectId: c.id, after: named });
    return;
  }
  const today = todayInChina();
  const inForce = c.decided_on !== null && DECISION_IN_FORCE.includes(c.state);
  const described = { ...named, correction: plan.correction, correctionName: plan.name, citation: plan.citation };
  if (plan.effect === 'reopened' && inForce) return reopen(tx, calendar, actor, userId, c, r, plan, described, today);
  if (plan.effect === 'adjusted' && inForce && r.penalty) return adjust(tx, actor, userId, c, r, plan, described, today);
  // Remedies or a duty to act; or a revocation or alteration with no decision in force on
  // the case (never decided, or already reopened): the handler looks into it.
  const followUp = plan.effect === 'follow_up' && plan.followUp ? plan.followUp
    : `案件当前没有生效的处罚决定（${stateName(c.state)}）：请核实被${plan.name}的行政行为并依法处理`;
  const withdrawn = inForce && plan.withdraw ? await withdraw(tx, actor, c, plan, r) : false;
  const id = await insertCorrection(tx, userId, c, r, plan, 'follow_up', decisionOf(c), null, followUp);
  await updateCase(tx, c.id, {});
  const input = { ...described, effect: 'follow_up', correctionId: id, followUp, publicationWithdrawn: withdrawn };
  await event(tx, userId, c, noted, c.state, input);
  await recordAudit(tx, actor, { action: `case.${noted}`, objectType: 'penalty_case', objectId: c.id, after: input });
}

/** Revoked: back to case review (an on-the-spot case to the lead) for a new decision. */
async function reopen(tx: Queryable, calendar: WorkCalendar, actor: Actor, userId: number, c: CaseRow, r: ChallengeRecord, plan: CorrectionPlan, described: Record<string, unknown>, today: string) {
  const step = PENALTY_CASE.steps.find((s) => s.id === (c.procedure_kind === 'simple' ? 'reopen_as_lead' : 'reopen'))!;
  const before = decisionRecordOf(c);
  const instalments = await tx.query<{ no: number; due_on: string; amount_yuan: number; approved_on: string }>(
    'SELECT no, due_on::text AS due_on, amount_yuan::float8 AS amount_yuan, approved_on::text AS approved_on FROM case_instalments WHERE case_id = $1 ORDER BY no', [c.id]);
  const withdrawn = plan.withdraw ? await withdraw(tx, actor, c, plan, r) : false;
  // What belonged to the revoked decision stays, superseded: its payments (no longer paying
  // the new decision's fine), its publication and its issued decision document. The
  // instalment plan (re-approved plans replace it anyway) is kept in the correction.
  await tx.query('UPDATE case_payments SET superseded_on = $2 WHERE case_id = $1 AND superseded_on IS NULL', [c.id, today]);
  await tx.query('UPDATE case_documents SET superseded_on = $2 WHERE case_id = $1 AND superseded_on IS NULL', [c.id, today]);
  await supersedePublication(tx, c.id, today);
  await tx.query('DELETE FROM case_instalments WHERE case_id = $1', [c.id]);
  const paid = c.paid_yuan ?? 0;
  const followUp = paid > 0
    ? `被撤销的决定已缴纳的罚款${paid}元应当依法返还${r.kind === 'reconsideration' ? `（${REFUND_CITATION}）` : ''}，请记录返还情况`
    : null;
  const cols: Record<string, unknown> = {
    ...CLEARED_ON_REOPENING, state: step.to, reopened_on: today,
    // The new decision's period: the case's own (行政处罚法 art. 60) from today — see
    // decisionStartOf (service.ts) for why no other period applies. The lead is filed first.
    decision_due: step.to === 'lead' ? null : due(calendar, today, CASE_CLOCKS.decision),
    ...(c.procedure_kind === 'simple' ? { procedure_kind: 'general' } : {}),
  };
  cols.major_decision = isMajor({ ...c, ...cols } as CaseRow, await caseRules(tx, c.org_id));
  const id = await insertCorrection(tx, userId, c, r, plan, 'reopened', { ...before, instalments }, null, followUp);
  await updateCase(tx, c.id, cols);
  const input = {
    ...described, effect: 'reopened', correctionId: id, revoked: decisionOf(c), followUp, publicationWithdrawn: withdrawn,
    ...(withdrawn ? { withdrawalCitation: WITHDRAWAL_CITATION } : {}),
  };
  await event(tx, userId, c, step.id, step.to, input);
  await recordAudit(tx, actor, { action: `case.${step.id}`, objectType: 'penalty_case', objectId: c.id, before: { state: c.state, decision: before }, after: { state: step.to, ...input } });
  if (c.entity_id !== null) await refreshCreditAfterRecord(tx, actor, c.entity_id, `case.${step.id}`);
}

/** Altered (or partly revoked): the decision in force becomes the one the decision or judgment left. */
async function adjust(tx: Queryable, actor: Actor, userId: number, c: CaseRow, r: ChallengeRecord, plan: CorrectionPlan, described: Record<string, unknown>, today: string) {
  const penalty = r.penalty!;
  const before = decisionOf(c);
  const after = { sanctions: penalty.sanctions, fineYuan: penalty.fineYuan, since: r.on };
  const withdrawn = plan.withdraw ? await withdraw(tx, actor, c, plan, r) : false;
  const over = toFen(c.paid_yuan ?? 0) - toFen(penalty.fineYuan);
  const followUp = over > 0
    ? `已缴纳的罚款超出${plan.name}后的罚款${toYuan(over)}元，应当依法返还${r.kind === 'reconsideration' ? `（${REFUND_CITATION}）` : ''}，请记录返还情况`
    : null;
  const id = await insertCorrection(tx, userId, c, r, plan, 'adjusted', before, after, followUp);
  await updateCase(tx, c.id, {
    decided_sanctions: penalty.sanctions, decided_fine_yuan: penalty.fineYuan,
    confiscated_yuan: penalty.sanctions.includes('confiscate_gains') ? c.confiscated_yuan : null,
  });
  const input = { ...described, effect: 'adjusted', correctionId: id, before, after, followUp, publicationWithdrawn: withdrawn, adjustedOn: today };
  await event(tx, userId, c, 'adjust_decision', c.state, input);
  await recordAudit(tx, actor, { action: 'case.adjust_decision', objectType: 'penalty_case', objectId: c.id, before, after: input });
  if (c.entity_id !== null) await refreshCreditAfterRecord(tx, actor, c.entity_id, 'case.adjust_decision');
}

async function withdraw(tx: Queryable, actor: Actor, c: CaseRow, plan: CorrectionPlan, r: ChallengeRecord): Promise<boolean> {
  return withdrawOnCorrection(tx, actor, c.id, plan.withdraw!, `${bodyOf(r.kind)}${plan.name}（${r.matterNo}，${r.on}）（${WITHDRAWAL_CITATION}）`);
}

async function insertCorrection(tx: Queryable, userId: number, c: CaseRow, r: ChallengeRecord, plan: CorrectionPlan, effect: string, before: unknown, after: unknown, followUp: string | null): Promise<number> {
  const row = await tx.one<{ id: number }>(
    `INSERT INTO case_corrections (case_id, matter_id, matter_kind, matter_no, correction, effect, decided_on, citation, before, after, follow_up, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
    [c.id, r.matterId, r.kind, r.matterNo, plan.correction, effect, r.on, plan.citation, JSON.stringify(before), after ? JSON.stringify(after) : null, followUp, userId]);
  return row!.id;
}

async function event(tx: Queryable, userId: number, c: CaseRow, step: string, to: string, input: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO case_events (case_id, step, from_state, to_state, input, user_id) VALUES ($1,$2,$3,$4,$5,$6)',
    [c.id, step, c.state, to, JSON.stringify(input), userId]);
}

// ---------------------------------------------------------------------------------
// Reading and following up.

interface CorrectionRow {
  id: number; matter_id: number; matter_kind: ChallengeKind; matter_no: string; correction: string; effect: 'reopened' | 'adjusted' | 'follow_up';
  decided_on: string; citation: string; before: Record<string, unknown>; after: Record<string, unknown> | null; follow_up: string | null;
  followed_up_on: string | null; follow_up_note: string | null; followed_up_by_name: string | null; created_at: Date;
}

/** The corrections of the case, oldest first, as the case page shows them. */
export async function correctionsOf(db: Queryable, caseId: number) {
  const rows = await db.query<CorrectionRow>(
    `SELECT x.id, x.matter_id, x.matter_kind, x.matter_no, x.correction, x.effect, x.decided_on::text AS decided_on, x.citation, x.before, x.after,
            x.follow_up, x.followed_up_on::text AS followed_up_on, x.follow_up_note, u.display_name AS followed_up_by_name, x.created_at
       FROM case_corrections x LEFT JOIN users u ON u.id = x.followed_up_by WHERE x.case_id = $1 ORDER BY x.id`, [caseId]);
  return rows.map((x) => {
    return {
      id: Number(x.id), matterId: Number(x.matter_id), matterKind: x.matter_kind, matterNo: x.matter_no, correction: x.correction,
      correctionName: JUDGMENT_EFFECTS[x.correction as keyof typeof JUDGMENT_EFFECTS] ?? x.correction, body: bodyOf(x.matter_kind), effect: x.effect, decidedOn: x.decided_on, citation: x.citation,
      before: {
        decidedOn: (x.before.decidedOn as string | null) ?? null, sanctions: (x.before.sanctions as string[] | null) ?? null,
        fineYuan: (x.before.fineYuan as number | null) ?? null, paidYuan: (x.before.paidYuan as number | null | undefined) ?? null,
      },
      after: x.after ? { sanctions: x.after.sanctions as string[], fineYuan: x.after.fineYuan as number } : null,
      followUp: x.follow_up, followedUpOn: x.followed_up_on, followUpNote: x.follow_up_note, followedUpBy: x.followed_up_by_name,
      at: new Date(x.created_at).toISOString(),
    };
  });
}

/**
 * The handler records what was done on a correction's follow-up (the fine returned, the
 * remedies taken, the duty performed): the case's own inspectors, or the head (cases.approve).
 */
export async function recordCorrectionFollowUp(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, id: number, body: { version: number; correctionId: number; note: string }) {
  await ctx.db.transaction(async (tx) => {
    const c = await lockedCase(tx, user, id, body.version);
    const handler = canTake(user, 'cases.handle', await inspectorsOf(tx, id), 'correction_follow_up');
    if (!handler && !user.permissions.has('cases.approve' as never)) throw forbidden('纠错落实情况由本案承办的执法人员或者负责人记录');
    const x = await tx.one<{ id: number; matter_no: string; follow_up: string | null; followed_up_on: string | null }>(
      'SELECT id, matter_no, follow_up, followed_up_on::text AS followed_up_on FROM case_corrections WHERE id = $1 AND case_id = $2 FOR UPDATE', [body.correctionId, id]);
    if (!x || !x.follow_up) throw notFound('本案没有该项需要落实的纠错事项');
    if (x.followed_up_on) throw conflict('ALREADY_FOLLOWED_UP', `该项已于${x.followed_up_on}记录落实情况`);
    await tx.query('UPDATE case_corrections SET followed_up_on = $2, follow_up_note = $3, followed_up_by = $4 WHERE id = $1', [x.id, todayInChina(), body.note, user.id]);
    await recordAction(tx, user, actor, c, 'correction_follow_up', { correctionId: x.id, matterNo: x.matter_no, followUp: x.follow_up, note: body.note });
  });
  return getCase(ctx, user, id);
}
