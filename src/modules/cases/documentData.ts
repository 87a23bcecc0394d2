// The documents of a case (documents/render.ts) written from its records: the case row,
// its inspectors, the events of its steps (who approved, reviewed, heard, discussed,
// served, with their inputs), the provision's benchmark and the library's citations as
// in force on the decision date, and the rules of the case's organisation.
//
// The decision document is locked once issued: the first time it is produced after the
// decision its bytes are stored (case_documents) and every later download returns them,
// whatever changes afterwards (a renamed organisation, a new law version).
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest } from '../../platform/http/errors';
import { todayInChina } from '../../core/calendar/dates';
import { regionFullName } from '../../core/codes/region';
import { chineseDate } from '../../platform/documents/officialDocument';
import { clause } from './documents/parts';
import { RULES } from '../../core/law/rules';
import { SANCTION_NAMES, TIER_NAMES, type Sanction, type Tier } from '../../core/discretion/engine';
import { PENALTY_CASE } from '../../core/procedure/penaltyCase';
import { ruleValue } from '../rules/service';
import { evaluateProvision, provisionCitations, type CitedArticle } from '../discretion/service';
import { CASE_SOURCE_NAMES } from './schema';
import { caseHearingRight, visibleCase, type CaseRow } from './service';
import { CASE_DOCUMENT_KINDS, renderCaseDocument, type CaseDocumentKind } from './documents/render';
import type { CaseDocumentData } from './documents/data';

interface EventRow { step: string; input: Record<string, unknown>; user_name: string | null; day: string }

const METHOD_NAMES: Record<string, string> = { direct: '直接送达', mail: '邮寄送达', electronic: '电子送达', left: '留置送达', announcement: '公告送达' };

const names = (s: Sanction[] | null) => (s ?? []).map((x) => SANCTION_NAMES[x]);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

async function citationsOf(db: Queryable, c: CaseRow, onDate: string): Promise<{ violated: string[]; basis: string[] }> {
  const cited = c.provision_code ? await provisionCitations(db, c.provision_code, onDate) : null;
  if (!cited) return { violated: [], basis: [] };
  const shown = (x: CitedArticle) => x.text ?? `《${x.article.law}》第${x.article.article}条`;
  return { violated: cited.violated.map(shown), basis: [shown(cited.penalty)] };
}

async function benchmarkOf(db: Queryable, user: AuthUser, c: CaseRow, onDate: string): Promise<CaseDocumentData['benchmark']> {
  if (!c.provision_code || !c.tier) return null;
  const e = await evaluateProvision(db, user, {
    provision: c.provision_code, scenario: c.scenario ?? undefined, illegalGainsYuan: c.illegal_gains_yuan ?? undefined, tier: c.tier as Tier, date: onDate,
  });
  if (!e.tier) return null;
  const reasons = c.outside_tier_reason ?? (e.tier.circumstances.join('；') || '不具有从轻、从重情节');
  return { provision: `${c.provision_code}（第${e.revision.revision}版）`, tier: TIER_NAMES[c.tier as Tier], range: `${e.tier.minYuan}元至${e.tier.maxYuan}元`, reasons };
}

async function eventsOf(db: Queryable, caseId: number): Promise<Map<string, EventRow>> {
  const rows = await db.query<EventRow>(
    `SELECT e.step, e.input, u.display_name AS user_name, (e.at AT TIME ZONE 'Asia/Shanghai')::date::text AS day
       FROM case_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = $1 ORDER BY e.id`, [caseId]);
  // The latest of each step (a step taken again after a return replaces the earlier one).
  return new Map(rows.map((r) => [r.step, r]));
}

interface StatementInput { statedOn: string; statement: string; adopted: boolean; reasons: string }

/**
 * The party's statements and defence as recorded (record_statement events), and for each
 * whether the agency adopted it and why (行政处罚法 art. 45): the two clauses the decision
 * states; nulls when the party said nothing. The date is named when there are several.
 */
async function statementsOf(db: Queryable, caseId: number): Promise<{ statements: string | null; adopted: string | null }> {
  const rows = (await db.query<{ input: StatementInput }>(
    `SELECT input FROM case_events WHERE case_id = $1 AND step = 'record_statement' ORDER BY (input->>'statedOn'), id`, [caseId])).map((r) => r.input);
  if (rows.length === 0) return { statements: null, adopted: null };
  const when = (s: StatementInput) => (rows.length > 1 ? `${chineseDate(s.statedOn)}` : '');
  return {
    statements: rows.map((s) => `${when(s)}${rows.length > 1 ? '，' : ''}${clause(s.statement)}`).join('；'),
    adopted: rows.map((s) => `对当事人${when(s)}提出的意见${s.adopted ? '予以采纳' : '不予采纳'}，理由是：${clause(s.reasons)}`).join('；'),
  };
}

async function remediesOf(db: Queryable, orgId: number): Promise<CaseDocumentData['remedies']> {
  const org = await db.one<{ region_code: string }>('SELECT region_code FROM organizations WHERE id = $1', [orgId]);
  const region = regionFullName(org!.region_code) ?? '';
  return {
    reconsiderationBody: `${region}人民政府`, reconsiderationDays: RULES.reconsiderationPeriod.value, reconsiderationCitation: RULES.reconsiderationPeriod.citation,
    court: '有管辖权的人民法院', litigationMonths: RULES.litigationPeriod.value, litigationCitation: RULES.litigationPeriod.citation,
    lateSurchargePercent: RULES.latePaymentSurchargePercent.value, lateSurchargeCitation: RULES.latePaymentSurchargePercent.citation,
  };
}

export async function caseDocumentData(db: Queryable, user: AuthUser, c: CaseRow): Promise<CaseDocumentData> {
  const onDate = c.decided_on ?? todayInChina();
  const ev = await eventsOf(db, c.id);
  const inspectors = await db.query<{ name: string; certificate_no: string | null }>(
    `SELECT i.name, i.certificate_no FROM case_inspectors ci JOIN inspectors i ON i.id = ci.inspector_id WHERE ci.case_id = $1 AND NOT ci.recused ORDER BY i.id`, [c.id]);
  const evidence = await db.query<{ title: string }>('SELECT title FROM case_evidence WHERE case_id = $1 ORDER BY id', [c.id]);
  const { violated, basis } = await citationsOf(db, c, onDate);
  const confiscated = (s: Sanction[] | null) => ((s ?? []).includes('confiscate_gains') ? c.illegal_gains_yuan : null);
  const person = c.party_kind === 'person';
  const file = ev.get('file'); const legal = ev.get('pass_legal_review'); const collective = ev.get('record_collective');
  const scheduled = ev.get('schedule_hearing'); const held = ev.get('hold_hearing'); const served = ev.get('serve'); const closed = ev.get('close');
  const hostName = c.hearing_host_inspector_id
    ? (await db.one<{ name: string }>('SELECT name FROM inspectors WHERE id = $1', [c.hearing_host_inspector_id]))?.name ?? null : null;
  return {
    agency: { name: c.org_name }, caseNo: c.case_no, causeOfAction: c.cause,
    party: { kind: c.party_kind, name: c.party_name, uscc: person ? null : c.party_code, idNumber: person ? c.party_code : null, legalRep: c.party_legal_rep, address: c.party_address, phone: c.party_phone },
    source: CASE_SOURCE_NAMES[c.source], leadOn: c.lead_on, filedOn: c.filed_on,
    filingApproval: file ? { approver: file.user_name ?? '', opinion: text(file.input.opinion) || '同意立案', date: file.day } : null,
    inspectors: inspectors.map((i) => ({ name: i.name, certificateNo: i.certificate_no ?? '' })),
    facts: c.facts ?? '', evidence: evidence.map((e) => e.title), violated, penaltyBasis: basis,
    benchmark: await benchmarkOf(db, user, c, onDate),
    proposed: c.notified_sanctions ?? c.proposed_sanctions
      ? { sanctions: names(c.notified_sanctions ?? c.proposed_sanctions), fineYuan: c.notified_fine_yuan ?? c.proposed_fine_yuan ?? 0, confiscatedYuan: confiscated(c.notified_sanctions ?? c.proposed_sanctions) } : null,
    decision: c.decided_on && (c.decided_sanctions ?? []).length > 0
      ? { date: c.decided_on, sanctions: names(c.decided_sanctions), fineYuan: c.decided_fine_yuan ?? 0, confiscatedYuan: confiscated(c.decided_sanctions), paymentDays: RULES.paymentPeriod.value } : null,
    defence: { periodWorkdays: await ruleValue<number>(db, RULES.defencePeriod.id, c.org_id), citation: RULES.defencePeriod.citation, ...await statementsOf(db, c.id) },
    hearing: {
      right: await caseHearingRight(db, c),
      requestWorkdays: RULES.hearingRequestPeriod.value, citation: RULES.hearingRequestPeriod.citation,
      date: c.hearing_date, place: scheduled ? text(scheduled.input.place) : null, host: hostName, record: held ? text(held.input.record) : null,
      participants: [c.party_name],
    },
    legalReview: legal ? { reviewer: legal.user_name ?? '', date: legal.day, opinion: text(legal.input.opinion), passed: true } : null,
    collective: collective ? {
      date: collective.day, host: collective.user_name ?? '', attendees: (collective.input.attendees as string[]) ?? [],
      minutes: text(collective.input.minutes), decision: text(collective.input.decision),
    } : null,
    service: served ? {
      documentTitle: '行政处罚决定书', documentNo: c.case_no, method: METHOD_NAMES[text(served.input.method)] ?? text(served.input.method),
      servedOn: c.served_on, recipient: text(served.input.recipient), place: c.party_address, server: inspectors.map((i) => i.name),
    } : null,
    closure: closed ? { date: closed.day, outcome: PENALTY_CASE.states[c.state].label, summary: text(closed.input.summary) } : null,
    remedies: await remediesOf(db, c.org_id),
    issuedOn: c.decided_on ?? todayInChina(),
  };
}

const LOCKED: CaseDocumentKind[] = ['decision'];

export interface CaseDocumentFile { fileName: string; content: Buffer }

/** The document, produced from the records, or the issued decision as it was locked. */
export async function caseDocument(db: Queryable, user: AuthUser, actor: Actor, caseId: number, kind: string): Promise<CaseDocumentFile> {
  const entry = CASE_DOCUMENT_KINDS.find((k) => k.kind === kind);
  if (!entry) throw badRequest('CASE_DOCUMENT_KIND', `文书种类不正确；可选：${CASE_DOCUMENT_KINDS.map((k) => `${k.kind}（${k.title}）`).join('、')}`);
  return db.transaction(async (tx) => {
    const c = await visibleCase(tx, user, caseId);
    const fileName = `${c.case_no}-${entry.title}.docx`;
    const locked = LOCKED.includes(entry.kind) && c.decided_on !== null;
    if (locked) {
      const stored = await tx.one<{ content: Buffer }>('SELECT content FROM case_documents WHERE case_id = $1 AND kind = $2 AND superseded_on IS NULL', [caseId, entry.kind]);
      if (stored) return { fileName, content: Buffer.from(stored.content) };
    }
    const content = await renderCaseDocument(entry.kind, await caseDocumentData(tx, user, c));
    if (locked) {
      const sha256 = crypto.createHash('sha256').update(content).digest('hex');
      await tx.query('INSERT INTO case_documents (case_id, kind, content, sha256, issued_by) VALUES ($1,$2,$3,$4,$5)', [caseId, entry.kind, content, sha256, user.id]);
      await recordAudit(tx, actor, { action: 'case.document.issue', objectType: 'penalty_case', objectId: caseId, after: { kind: entry.kind, sha256 } });
    }
    return { fileName, content };
  });
}

/** Which documents the case can produce now, and which are locked. */
export async function caseDocumentList(db: Queryable, user: AuthUser, caseId: number) {
  const c = await visibleCase(db, user, caseId);
  const issued = await db.query<{ kind: string; issued_at: Date; sha256: string }>('SELECT kind, issued_at, sha256 FROM case_documents WHERE case_id = $1 AND superseded_on IS NULL', [caseId]);
  const ev = await eventsOf(db, caseId);
  const has: Record<CaseDocumentKind, boolean> = {
    // A case decided on the spot (simple procedure) is never filed.
    filing_approval: c.procedure_kind === 'general', site_record: true, prior_notice: (c.notified_sanctions ?? c.proposed_sanctions) !== null,
    hearing_notice: await caseHearingRight(db, c), hearing_record: ev.has('hold_hearing') || c.hearing_date !== null,
    legal_review_opinion: ev.has('pass_legal_review'), collective_record: ev.has('record_collective'),
    decision: c.decided_on !== null && (c.decided_sanctions ?? []).length > 0, service_receipt: c.decided_on !== null, closure_report: c.closed_on !== null,
  };
  return CASE_DOCUMENT_KINDS.map((k) => {
    const i = issued.find((x) => x.kind === k.kind);
    return { kind: k.kind, title: k.title, available: has[k.kind], locked: !!i, issuedAt: i ? new Date(i.issued_at).toISOString() : null, sha256: i?.sha256 ?? null };
  });
}
