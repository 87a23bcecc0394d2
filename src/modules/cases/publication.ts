// Publication of a penalty decision (执法公示): within 7 working days of the decision
// (国办发〔2018〕118号), masked (core/publication/masking.ts), public until the period of
// the rule in force at the decision date ends (core/publication/periods.ts), withdrawn
// early on credit repair after the minimum, or at once when the decision is changed,
// revoked or found unlawful (行政处罚法 art. 48) — by hand, or when the reconsideration
// decision or judgment is recorded (corrections.ts). A revoked decision's publication stays,
// superseded: the decision made anew is published in its own right. The public portal
// reads only here.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { todayInChina } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import { RULES } from '../../core/law/rules';
import { SANCTION_NAMES, type Sanction } from '../../core/discretion/engine';
import { maskParty, maskText, parseMaskingRule } from '../../core/publication/masking';
import { publicationPeriod, type Severity } from '../../core/publication/periods';
import { ruleValue } from '../rules/service';
import { provisionCitations } from '../discretion/service';
import { visibleCase, type CaseRow } from './service';
import { likeContaining } from '../../platform/db/like';

const PUBLISHABLE_STATES = ['decided', 'served', 'instalment', 'paid', 'enforcement', 'closed', 'archived', 'simple_decided'];
export const WITHDRAW_REASONS = { credit_repair: '信用修复', changed: '决定被依法变更', revoked: '决定被依法撤销', unlawful: '决定被确认违法或者无效' } as const;
export type WithdrawReason = keyof typeof WITHDRAW_REASONS;

export interface PublicDecision {
  caseNo: string; agency: string; party: { name: string; code: string | null; legalRep: string | null; address: string | null };
  cause: string; facts: string | null; basis: string[]; decision: string; fineYuan: number; decidedOn: string;
}

async function basisOf(db: Queryable, c: CaseRow): Promise<string[]> {
  if (!c.provision_code || !c.decided_on) return [];
  const cited = await provisionCitations(db, c.provision_code, c.decided_on);
  return cited?.penalty.text ? [cited.penalty.text] : [];
}

function decisionText(sanctions: Sanction[], fine: number): string {
  const kinds = sanctions.map((s) => SANCTION_NAMES[s]);
  return fine > 0 ? `${kinds.join('、')}（罚款人民币${fine.toLocaleString('zh-CN')}元）` : kinds.join('、');
}

export async function publishDecision(ctx: Pick<AppContext, 'db' | 'calendar'>, user: AuthUser, actor: Actor, caseId: number, severity: Severity) {
  const calendar = await ctx.calendar.current();
  return ctx.db.transaction(async (tx) => {
    const c = await visibleCase(tx, user, caseId);
    if (!c.decided_on || !PUBLISHABLE_STATES.includes(c.state) || !c.decided_sanctions || c.decided_sanctions.length === 0) {
      throw conflict('NOT_DECIDED', '只有已作出的行政处罚决定才能公示');
    }
    if (c.published_on || await tx.one('SELECT 1 FROM case_publications WHERE case_id = $1 AND superseded_on IS NULL', [caseId])) throw conflict('ALREADY_PUBLISHED', '该决定已公示');
    const rule = parseMaskingRule(await ruleValue<string>(tx, RULES.publicationMasking.id, c.org_id));
    const party = { kind: c.party_kind, name: c.party_name, code: c.party_code, legalRep: c.party_legal_rep, address: c.party_address };
    const content: PublicDecision = {
      caseNo: c.case_no, agency: c.org_name, party: maskParty(party, rule), cause: c.cause,
      facts: c.facts ? maskText(c.facts, party, rule) : null, basis: await basisOf(tx, c),
      decision: decisionText(c.decided_sanctions, c.decided_fine_yuan ?? 0), fineYuan: c.decided_fine_yuan ?? 0, decidedOn: c.decided_on,
    };
    const today = todayInChina();
    const due = computeDue(calendar, { start: c.decided_on, amount: RULES.publicationPeriod.value, unit: 'workday' }).due;
    const period = publicationPeriod(c.decided_on, severity);
    if (period.publicUntil < today) throw conflict('PERIOD_OVER', `按${period.citation}，该决定的公示期已于${period.publicUntil}届满，无须公示`);
    const searchText = [content.caseNo, content.party.name, content.cause, content.agency].join(' ');
    await tx.query(
      `INSERT INTO case_publications (case_id, org_id, severity, published_on, due_on, repair_from, public_until, content, search_text, published_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [caseId, c.org_id, severity, today, due, period.repairFrom, period.publicUntil, JSON.stringify(content), searchText, user.id]);
    // Kept on the case too, for the on-time publication metric (enforcement.publicity.on_time_rate).
    await tx.query('UPDATE penalty_cases SET published_on = $2, publication_due = $3 WHERE id = $1', [caseId, today, due]);
    await recordAudit(tx, actor, { action: 'case.publish', objectType: 'penalty_case', objectId: caseId, after: { severity, publicUntil: period.publicUntil, content } });
    return publicationOf(tx, caseId);
  });
}

export async function withdrawPublication(db: Queryable, user: AuthUser, actor: Actor, caseId: number, reason: WithdrawReason, note: string) {
  return db.transaction(async (tx) => {
    await visibleCase(tx, user, caseId);
    const p = await tx.one<{ id: number; repair_from: string; withdrawn_on: string | null }>(
      'SELECT id, repair_from::text AS repair_from, withdrawn_on::text AS withdrawn_on FROM case_publications WHERE case_id = $1 AND superseded_on IS NULL FOR UPDATE', [caseId]);
    if (!p) throw notFound('该决定尚未公示');
    if (p.withdrawn_on) throw conflict('ALREADY_WITHDRAWN', `已于${p.withdrawn_on}撤下`);
    const today = todayInChina();
    if (reason === 'credit_repair' && today < p.repair_from) {
      throw badRequest('REPAIR_TOO_EARLY', `最短公示期至${p.repair_from}届满，届满后方可申请信用修复提前撤下`);
    }
    await tx.query('UPDATE case_publications SET withdrawn_on = $2, withdrawn_reason = $3 WHERE id = $1', [p.id, today, `${WITHDRAW_REASONS[reason]}：${note}`]);
    await recordAudit(tx, actor, { action: 'case.unpublish', objectType: 'penalty_case', objectId: caseId, after: { reason, note } });
    return publicationOf(tx, caseId);
  });
}

/**
 * The decision was revoked, altered or found unlawful on reconsideration or in court: its
 * publication, if still up, is withdrawn at once with the reason (行政处罚法 art. 48 allows
 * three days; the record of the outcome is the moment the agency knows). Within the
 * transaction that records the outcome; whether one was withdrawn.
 */
export async function withdrawOnCorrection(tx: Queryable, actor: Actor, caseId: number, reason: Exclude<WithdrawReason, 'credit_repair'>, note: string): Promise<boolean> {
  const p = await tx.one<{ id: number }>('SELECT id FROM case_publications WHERE case_id = $1 AND superseded_on IS NULL AND withdrawn_on IS NULL FOR UPDATE', [caseId]);
  if (!p) return false;
  await tx.query('UPDATE case_publications SET withdrawn_on = $2, withdrawn_reason = $3 WHERE id = $1', [p.id, todayInChina(), `${WITHDRAW_REASONS[reason]}：${note}`]);
  await recordAudit(tx, actor, { action: 'case.unpublish', objectType: 'penalty_case', objectId: caseId, after: { reason, note } });
  return true;
}

/** A revoked decision's publication (withdrawn) gives way to the new decision's: kept, marked superseded. */
export async function supersedePublication(tx: Queryable, caseId: number, on: string): Promise<void> {
  await tx.query('UPDATE case_publications SET superseded_on = $2 WHERE case_id = $1 AND superseded_on IS NULL', [caseId, on]);
}

export async function publicationOf(db: Queryable, caseId: number) {
  const p = await db.one<{
    severity: Severity; published_on: string; due_on: string; repair_from: string; public_until: string; content: PublicDecision;
    withdrawn_on: string | null; withdrawn_reason: string | null;
  }>(`SELECT severity, published_on::text AS published_on, due_on::text AS due_on, repair_from::text AS repair_from,
             public_until::text AS public_until, content, withdrawn_on::text AS withdrawn_on, withdrawn_reason
        FROM case_publications WHERE case_id = $1 AND superseded_on IS NULL`, [caseId]);
  if (!p) return null;
  const today = todayInChina();
  return {
    severity: p.severity, publishedOn: p.published_on, dueOn: p.due_on, repairFrom: p.repair_from, publicUntil: p.public_until,
    onTime: p.published_on <= p.due_on, content: p.content, withdrawnOn: p.withdrawn_on, withdrawnReason: p.withdrawn_reason,
    public: !p.withdrawn_on && p.public_until >= today,
  };
}

// ---------------------------------------------------------------------------------
// The public portal: no login, only what was published and is still public.

export async function listPublicDecisions(db: Queryable, f: { q?: string | null; page: number; pageSize: number }) {
  const today = todayInChina();
  const like = f.q ? likeContaining(f.q) : null;
  const where = `withdrawn_on IS NULL AND public_until >= $1::date AND ($2::text IS NULL OR search_text LIKE $2)`;
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM case_publications WHERE ${where}`, [today, like]);
  const rows = await db.query<{ id: number; content: PublicDecision; published_on: string }>(
    `SELECT id, content, published_on::text AS published_on FROM case_publications WHERE ${where}
      ORDER BY published_on DESC, id DESC LIMIT $3 OFFSET $4`, [today, like, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows: rows.map((r) => ({ id: r.id, publishedOn: r.published_on, ...r.content })), total: total!.n, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export async function getPublicDecision(db: Queryable, id: number) {
  const r = await db.one<{ id: number; content: PublicDecision; published_on: string }>(
    `SELECT id, content, published_on::text AS published_on FROM case_publications
      WHERE id = $1 AND withdrawn_on IS NULL AND public_until >= $2::date`, [id, todayInChina()]);
  if (!r) throw notFound('该公示信息不存在或已撤下');
  return { id: r.id, publishedOn: r.published_on, ...r.content };
}
