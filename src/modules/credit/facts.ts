// What the credit engine (core/credit) is given for an entity, read from the platform's
// records, a batch of entities at a time (one query per kind of record, whatever the
// batch size):
//   penalties   — the entity's decided penalty cases (penalty_cases.entity_id) with at
//                 least one sanction, except decisions whose publication was withdrawn
//                 because the decision was revoked or found unlawful or void (they no
//                 longer stand). Severity: as judged when the decision was published
//                 (case_publications.severity), otherwise derived (severityOf below).
//                 Credit repair: the earliest of an approved credit_repairs row and a
//                 publication withdrawn for credit repair on the case page.
//   inspections — the entity's inspection visits (inspections: visited_on, result).
//   complaints  — none: the platform has no complaint register yet (12320 and reports
//                 arrive with a later issue), so the list is empty and the complaint
//                 rules of the rule set never fire. docs/decisions/README.md 9.
//   falseCommitments — verifications (commitment_checks) of notification-and-commitment
//                 approvals and filings that found the commitment false (告知承诺不实),
//                 dated by the finding (checked_on). A check is the entity's when its
//                 application names the entity (licence_applications.entity_id) or the
//                 applicant's USCC is the entity's, so it counts even when the licence was
//                 never linked to the directory, and for a filing, which has no licence.
//   licence     — the entity's licences on the platform (licences.entity_id) as they stood
//                 on the evaluation date: valid (expiring within the longest reminder
//                 window), expired, revoked; superseded and cancelled ones give way to the
//                 licence that replaced them. An entity without any licence on the
//                 platform (licensed before it, or never imported) keeps the presumption
//                 by category: 'valid' for LICENSED_CATEGORIES, 'none' for the others.
//   override    — the entity's open manual override (credit_overrides, not lifted).
// Every record of the entity counts, whichever organisation made it: the grade is the
// entity's, the same whoever recomputes it.
import type { Queryable } from '../../platform/db';
import { addDays } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import { SANCTIONS, SANCTION_NAMES, type Sanction } from '../../core/discretion/engine';
import { publicationPeriod, type Severity } from '../../core/publication/periods';
import { LICENSED_CATEGORIES, CREDIT_FIGURE_RULES, defaultCreditRuleSet, type CreditFigures } from '../../core/credit/defaults';
import { SEVERITY_NAMES, type CreditOverride, type CreditRuleSet, type EntityFacts, type InspectionResult, type LicenceStatus, type PenaltyFact } from '../../core/credit/model';
import { ENTITY_CATEGORY_NAMES, type EntityCategory } from '../entities/categories';
import { ruleValue } from '../rules/service';
import { WITHDRAW_REASONS } from '../cases/publication';
// Sanctions that make a violation serious (重大违法行为, 《行政处罚法》art. 57) as the case module judges it.
import { HEAVY_SANCTIONS } from '../cases/service';

/** What the evaluation assumes for want of records; shown with the evaluation. */
export const ASSUMPTIONS = [
  '平台上没有许可证记录的监管对象（平台启用前取得许可且未导入的），许可证状态按监管类别推定：须取得卫生许可的类别视为“有效”，其他类别视为“无许可证”',
  '投诉举报尚未纳入评价：平台暂无投诉举报登记，经查实的投诉举报按0件计',
];

/** Presumed licence status of an entity with no licence on the platform: see the header. */
export function presumedLicence(category: string): LicenceStatus {
  return LICENSED_CATEGORIES.includes(category) ? 'valid' : 'none';
}

export interface LicenceFactRow { entity_id: number; status: string; status_on: string | null; valid_to: string }

/** The entity's licence status on `on` from its licences (rows issued by then), best first. */
export function licenceStatusOn(rows: LicenceFactRow[], category: string, on: string): LicenceStatus {
  if (rows.length === 0) return presumedLicence(category);
  const expiringBy = addDays(on, Math.max(...RULES.licensingExpiryReminderDays.value));
  const standing = new Set(rows.map((r): LicenceStatus | 'ended' => {
    if (r.status !== 'valid' && r.status_on !== null && r.status_on <= on) return r.status === 'revoked' ? 'revoked' : 'ended';
    if (r.valid_to < on) return 'expired';
    return r.valid_to <= expiringBy ? 'expiring' : 'valid';
  }));
  const best: LicenceStatus[] = ['valid', 'expiring', 'revoked', 'expired'];
  return best.find((s) => standing.has(s)) ?? 'none';
}

/** Sanctions that alone make a violation minor: a warning, an order to correct. */
const LIGHT_SANCTIONS: Sanction[] = ['warning', 'order_correct'];

export interface SeverityThresholds { person: number; organisation: number }

/**
 * The severity of a decision that was not published with one (imported history, or not
 * yet published). Publication takes the severity from staff (cases/publication.ts), so
 * there is no rule to copy; this uses the platform's own test of a serious violation,
 * the art. 57 one the case procedure applies (a heavy sanction, or a fine at the local
 * collective-discussion threshold, rules penalty.collective_fine_*): serious; a warning
 * or an order to correct without a fine: minor; anything else: general (the
 * publication form's default).
 */
export function severityOf(sanctions: Sanction[], fineYuan: number, partyKind: 'person' | 'organisation', t: SeverityThresholds): Severity {
  const limit = partyKind === 'person' ? t.person : t.organisation;
  if (sanctions.some((s) => HEAVY_SANCTIONS.includes(s)) || fineYuan >= limit) return 'serious';
  if (fineYuan === 0 && sanctions.every((s) => LIGHT_SANCTIONS.includes(s))) return 'minor';
  return 'general';
}

/** Per-organisation values read once per run: the rule set and the severity thresholds. */
export class OrgRules {
  private sets = new Map<number, CreditRuleSet>();
  private thresholds = new Map<number, SeverityThresholds>();

  /** DEFAULT rule set (core/credit/defaults.ts) with the organisation's effective credit.* rule values. */
  async ruleSet(db: Queryable, orgId: number): Promise<CreditRuleSet> {
    let set = this.sets.get(orgId);
    if (!set) {
      const figures = {} as CreditFigures;
      for (const [key, ruleId] of Object.entries(CREDIT_FIGURE_RULES) as [keyof CreditFigures, string][]) {
        figures[key] = await ruleValue<number>(db, ruleId, orgId);
      }
      set = defaultCreditRuleSet(figures);
      this.sets.set(orgId, set);
    }
    return set;
  }

  async severityThresholds(db: Queryable, orgId: number): Promise<SeverityThresholds> {
    let t = this.thresholds.get(orgId);
    if (!t) {
      t = {
        person: await ruleValue<number>(db, RULES.collectiveFinePerson.id, orgId),
        organisation: await ruleValue<number>(db, RULES.collectiveFineOrganisation.id, orgId),
      };
      this.thresholds.set(orgId, t);
    }
    return t;
  }
}

export interface EntityRow {
  id: number; org_id: number; category: EntityCategory; credit_grade: string | null; risk_class: string | null; blacklisted: boolean;
}

/** A penalty record as the entity's credit page shows it. */
export interface PenaltyInfo {
  caseId: number; caseNo: string; decidedOn: string; severity: Severity; severitySource: 'publication' | 'derived';
  sanctions: Sanction[]; fineYuan: number; repairedOn: string | null; repairFrom: string; caseOrgId: number;
}

export interface GatheredFacts { facts: EntityFacts; penalties: PenaltyInfo[] }

interface CaseFactRow {
  id: number; entity_id: number; case_no: string; org_id: number; party_kind: 'person' | 'organisation'; decided_on: string;
  decided_sanctions: string[]; fine: number | null; published_severity: Severity | null; repair_from: string | null;
  withdrawn_on: string | null; withdrawn_reason: string | null;
}

const startsWith = (text: string | null, prefix: string) => !!text && text.startsWith(prefix);
const laterOf = (a: string, b: string) => (a > b ? a : b);

/** The facts of each entity of the batch, as known on `on`. */
export async function gatherFacts(db: Queryable, rules: OrgRules, entities: EntityRow[], on: string): Promise<Map<number, GatheredFacts>> {
  const ids = entities.map((e) => e.id);
  const [cases, repairs, visits, overrides, licences, falseCommitments] = [
    await db.query<CaseFactRow>(
      `SELECT c.id, c.entity_id, c.case_no, c.org_id, c.party_kind, c.decided_on, c.decided_sanctions, c.decided_fine_yuan::float8 AS fine,
              p.severity AS published_severity, p.repair_from, p.withdrawn_on, p.withdrawn_reason
         FROM penalty_cases c LEFT JOIN case_publications p ON p.case_id = c.id AND p.superseded_on IS NULL
        WHERE c.entity_id = ANY($1::bigint[]) AND c.decided_on IS NOT NULL AND c.decided_on <= $2::date
          AND coalesce(cardinality(c.decided_sanctions), 0) > 0
        ORDER BY c.entity_id, c.decided_on, c.id`, [ids, on]),
    await db.query<{ case_id: number; decided_on: string }>(
      `SELECT case_id, decided_on FROM credit_repairs WHERE entity_id = ANY($1::bigint[]) AND state = 'approved'`, [ids]),
    await db.query<{ id: number; entity_id: number; visit_no: string; visited_on: string; result: InspectionResult }>(
      `SELECT id, entity_id, visit_no, visited_on, result FROM inspections
        WHERE entity_id = ANY($1::bigint[]) AND visited_on <= $2::date ORDER BY entity_id, visited_on, id`, [ids, on]),
    await db.query<{ entity_id: number; grade: CreditOverride['grade']; risk_class: CreditOverride['riskClass']; reason: string; valid_from: string; valid_until: string; created_by_name: string }>(
      `SELECT entity_id, grade, risk_class, reason, valid_from, valid_until, created_by_name FROM credit_overrides
        WHERE entity_id = ANY($1::bigint[]) AND lifted_at IS NULL`, [ids]),
    await db.query<LicenceFactRow>(
      `SELECT entity_id, status, status_on, valid_to FROM licences WHERE entity_id = ANY($1::bigint[]) AND issued_on <= $2::date`, [ids, on]),
    await db.query<{ entity_id: number; id: number; application_no: string; checked_on: string }>(
      `SELECT e.id AS entity_id, c.id, a.application_no, c.checked_on
         FROM commitment_checks c JOIN licence_applications a ON a.id = c.application_id
         JOIN entities e ON e.id = a.entity_id OR e.uscc = upper(a.applicant_uscc)
        WHERE e.id = ANY($1::bigint[]) AND c.state = 'false_commitment' AND c.checked_on <= $2::date
        ORDER BY e.id, c.checked_on, c.id`, [ids, on]),
  ];
  const repairedOn = new Map(repairs.map((r) => [r.case_id, r.decided_on]));
  const licencesOf = new Map<number, LicenceFactRow[]>();
  for (const l of licences) licencesOf.set(Number(l.entity_id), [...(licencesOf.get(Number(l.entity_id)) ?? []), l]);
  const out = new Map<number, GatheredFacts>();
  for (const e of entities) {
    out.set(e.id, {
      facts: {
        category: e.category, categoryName: ENTITY_CATEGORY_NAMES[e.category] ?? e.category, licence: licenceStatusOn(licencesOf.get(Number(e.id)) ?? [], e.category, on),
        penalties: [], inspections: [], complaints: [], falseCommitments: [], override: null,
      },
      penalties: [],
    });
  }
  const revoked = [WITHDRAW_REASONS.revoked, WITHDRAW_REASONS.unlawful];
  for (const c of cases) {
    const g = out.get(c.entity_id);
    if (!g) continue;
    if (revoked.some((r) => startsWith(c.withdrawn_reason, r))) continue;
    const sanctions = c.decided_sanctions.filter((s): s is Sanction => (SANCTIONS as readonly string[]).includes(s));
    const fineYuan = c.fine ?? 0;
    const severity = c.published_severity ?? severityOf(sanctions, fineYuan, c.party_kind, await rules.severityThresholds(db, c.org_id));
    const repairDates = [repairedOn.get(c.id), startsWith(c.withdrawn_reason, WITHDRAW_REASONS.credit_repair) ? c.withdrawn_on : null]
      .filter((d): d is string => !!d && d <= on).sort();
    // A repair cannot precede the decision (the engine refuses such facts).
    const repaired = repairDates.length ? laterOf(repairDates[0], c.decided_on) : null;
    const fact: PenaltyFact = { id: c.id, ref: c.case_no, decidedOn: c.decided_on, severity, fineYuan, sanctions, repairedOn: repaired };
    g.facts.penalties.push(fact);
    g.penalties.push({
      caseId: c.id, caseNo: c.case_no, decidedOn: c.decided_on, severity, severitySource: c.published_severity ? 'publication' : 'derived',
      sanctions, fineYuan, repairedOn: repaired, repairFrom: c.repair_from ?? publicationPeriod(c.decided_on, severity).repairFrom, caseOrgId: c.org_id,
    });
  }
  for (const v of visits) {
    out.get(v.entity_id)?.facts.inspections.push({ id: v.id, ref: v.visit_no, inspectedOn: v.visited_on, result: v.result });
  }
  for (const f of falseCommitments) {
    out.get(Number(f.entity_id))?.facts.falseCommitments!.push({ id: f.id, ref: f.application_no, foundOn: f.checked_on });
  }
  for (const o of overrides) {
    const g = out.get(o.entity_id);
    if (g) g.facts.override = { grade: o.grade, riskClass: o.risk_class, reason: o.reason, by: o.created_by_name, from: o.valid_from, until: o.valid_until };
  }
  return out;
}

export const severityName = (s: Severity) => SEVERITY_NAMES[s];
export const sanctionNames = (list: Sanction[]) => list.map((s) => SANCTION_NAMES[s]);
