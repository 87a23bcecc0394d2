// The credit and risk model (信用+监管): the facts of one regulated entity that the
// caller gathers, the declarative rule set that maps them to a credit grade (A–D), a
// risk class (low/medium/high) and the priority-supervision list (重点监管名单（严重失信）),
// and the result with the reasons shown on the entity page. Pure types and names; the
// engine is engine.ts, the default rule set defaults.ts, the checks validate.ts.
import type { Sanction } from '../discretion/engine';
import type { Severity } from '../publication/periods';

export { SEVERITIES, type Severity } from '../publication/periods';

// The same lists as src/modules/entities/categories.ts (a test keeps them equal);
// declared here so that core does not depend on a module.
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const RISK_CLASSES = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const RISK_CLASS_NAMES: Record<RiskClass, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export const SEVERITY_NAMES: Record<Severity, string> = { minor: '轻微', general: '一般', serious: '严重' };

export const INSPECTION_RESULTS = ['compliant', 'non_compliant', 'closed_down', 'not_found'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const INSPECTION_RESULT_NAMES: Record<InspectionResult, string> = {
  compliant: '未发现问题', non_compliant: '发现问题（不合格）', closed_down: '已停业或关闭', not_found: '查无下落',
};

export const LICENCE_STATUSES = ['valid', 'expiring', 'expired', 'revoked', 'none'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
export const LICENCE_STATUS_NAMES: Record<LicenceStatus, string> = {
  valid: '有效', expiring: '即将到期', expired: '已过期', revoked: '已吊销', none: '无许可证',
};

// ---------------------------------------------------------------------------------
// Facts: what the caller gathers for one entity. Dates are 'YYYY-MM-DD'. Records dated
// after the evaluation date, and repairs approved after it, are ignored (the engine sees
// what was known on that date).

export type RecordId = string | number;

export interface PenaltyFact {
  id: RecordId;
  /** Shown in the reasons: the decision number (决定书文号) or case number. */
  ref: string;
  decidedOn: string;
  /** Seriousness of the violation, as for publication (core/publication/periods.ts). */
  severity: Severity;
  fineYuan: number;
  sanctions: Sanction[];
  /** Credit repair (信用修复) approved on this date: the record has no effect from it. */
  repairedOn?: string | null;
}

export interface InspectionFact {
  id: RecordId;
  ref: string;
  inspectedOn: string;
  result: InspectionResult;
}

/** A complaint or report found substantiated (投诉举报查实). */
export interface ComplaintFact {
  id: RecordId;
  ref: string;
  substantiatedOn: string;
}

/**
 * A notification-and-commitment approval or a filing whose commitment the verification
 * (核查, commitment_checks) found false (告知承诺不实). `ref` is the application number (办件编号).
 */
export interface FalseCommitmentFact {
  id: RecordId;
  ref: string;
  /** The day the check found the commitment false. */
  foundOn: string;
}

/** A manual override of the computed grade and/or class (人工调整). */
export interface CreditOverride {
  grade?: Grade | null;
  riskClass?: RiskClass | null;
  reason: string;
  /** Who decided it (name or user id as shown). */
  by: string;
  /** First and last day the override applies. */
  from: string;
  until: string;
}

export interface EntityFacts {
  /** Category code (src/modules/entities/categories.ts), e.g. medical_institution. */
  category: string;
  /** Shown in reasons; the code when absent. */
  categoryName?: string;
  /** Licence status on the evaluation date (taken as unchanged when looking backwards or forwards). */
  licence: LicenceStatus;
  penalties: PenaltyFact[];
  inspections: InspectionFact[];
  complaints: ComplaintFact[];
  /** Commitments found false at verification; absent means none. */
  falseCommitments?: FalseCommitmentFact[];
  override?: CreditOverride | null;
}

// ---------------------------------------------------------------------------------
// The rule set: data, versioned by id and effective date, editable by staff (validate.ts).
// A rule fires when all of its conditions hold; among fired grade rules the worst grade
// wins; no grade rule fired means A.

export type Condition =
  /** At least `atLeast` penalty decisions within `windowMonths` of their date, not credit-repaired, matching every filter given. */
  | { kind: 'penalties'; severities?: Severity[]; sanctionsAny?: Sanction[]; minFineYuan?: number; windowMonths: number; atLeast: number }
  /** At least `atLeast` inspections with one of `results` within `windowMonths` of their date. */
  | { kind: 'inspections'; results: InspectionResult[]; windowMonths: number; atLeast: number }
  /** At least `atLeast` substantiated complaints within `windowMonths` of the substantiation. */
  | { kind: 'complaints'; windowMonths: number; atLeast: number }
  /** At least `atLeast` commitments found false (告知承诺不实) within `windowMonths` of the finding. */
  | { kind: 'false_commitments'; windowMonths: number; atLeast: number }
  | { kind: 'licence'; statuses: LicenceStatus[] }
  | { kind: 'category'; categories: string[] }
  /** The computed grade, never the override: in list rules the grade from the records, in risk rules the grade after the list. Not in grade rules. */
  | { kind: 'grade'; grades: Grade[] }
  /** On the priority-supervision list. Not in blacklist rules. */
  | { kind: 'blacklisted' };

export type ConditionKind = Condition['kind'];

/** The condition kinds as a rule editor offers them. */
export const CONDITION_KIND_NAMES: Record<ConditionKind, string> = {
  penalties: '行政处罚', inspections: '监督检查', complaints: '投诉举报查实', false_commitments: '承诺不实',
  licence: '许可证状态', category: '监管类别', grade: '信用等级', blacklisted: '列入重点监管名单',
};

export interface RuleText {
  /** Chinese, shown as the reason. */
  description: string;
  /** Instrument and article, or how the local default was set. */
  citation: string;
  /** True when the rule is local practice rather than a figure from the law. */
  localDefault: boolean;
  note?: string;
}

export interface CreditRule extends RuleText {
  id: string;
  when: Condition[];
}

export interface GradeRule extends CreditRule {
  grade: Exclude<Grade, 'A'>;
}

export type RiskEffect =
  | { kind: 'raise'; steps: number }
  | { kind: 'lower'; steps: number }
  | { kind: 'at_least'; riskClass: RiskClass };

export interface RiskRule extends CreditRule {
  effect: RiskEffect;
}

export interface RiskBaseRule extends RuleText {
  id: string;
  categories: string[];
  riskClass: RiskClass;
}

export interface CreditRuleSet {
  id: string;
  title: string;
  /** The first day the set applies (selectRuleSet picks the latest in force). */
  effectiveFrom: string;
  grade: {
    /** The reason shown for grade A (no rule fired). */
    default: RuleText & { id: string };
    rules: GradeRule[];
  };
  risk: {
    /** Class of a category no base rule lists. */
    default: RuleText & { id: string; riskClass: RiskClass };
    base: RiskBaseRule[];
    /** Applied together: base + raises − lowers, kept within low…high, then at least every at_least floor. */
    adjustments: RiskRule[];
  };
  blacklist: { rules: CreditRule[] };
  override: {
    /** Longest override (from its first day) validateOverride accepts. */
    maxMonths: number;
    /** Shortest reason, in characters. */
    minReasonLength: number;
  };
}

// ---------------------------------------------------------------------------------
// The result.

export type RecordKind = 'penalty' | 'inspection' | 'complaint' | 'false_commitment' | 'licence' | 'category' | 'grade' | 'blacklist';

export interface RecordRef {
  kind: RecordKind;
  id?: RecordId;
  ref?: string;
  /** The record's date (decision, inspection, substantiation, finding of a false commitment). */
  date?: string;
  /** Last day the record counts for the rule (window end, or the day before its credit repair). */
  effectUntil?: string;
  /** Chinese, as shown. */
  label: string;
}

export type ReasonAspect = 'grade' | 'risk' | 'blacklist' | 'override';

export interface CreditReason {
  aspect: ReasonAspect;
  ruleId: string;
  /** What the rule gives: 'D', 'high', '+1', '-1', '≥high', 'listed', 'override'. */
  outcome: string;
  /** The full sentence shown on the entity page. */
  text: string;
  citation: string;
  localDefault: boolean;
  records: RecordRef[];
  /** False for a fired grade rule that a worse one outweighs. */
  decisive: boolean;
}

export interface ComputedCredit {
  grade: Grade;
  /** First day of the current grade (null: since before any record). */
  gradeSince: string | null;
  /** Last day of the current grade if nothing new happens (null: open-ended). */
  gradeUntil: string | null;
  riskClass: RiskClass;
  blacklisted: boolean;
  blacklistedSince: string | null;
  /** Last day on the list if nothing new happens (null when not listed or open-ended). */
  blacklistedUntil: string | null;
  reasons: CreditReason[];
}

export interface CreditEvaluation {
  on: string;
  ruleSet: { id: string; title: string; effectiveFrom: string };
  /** After the override, when one applies. */
  grade: Grade;
  riskClass: RiskClass;
  blacklisted: boolean;
  blacklistedSince: string | null;
  blacklistedUntil: string | null;
  /** The override's reason first (when one applies), then the computed reasons. */
  reasons: CreditReason[];
  overridden: (CreditOverride & { computedGrade: Grade; computedRiskClass: RiskClass }) | null;
  computed: ComputedCredit;
  /** Things staff should look at (an expired override, a repair before the minimum period). */
  warnings: string[];
}

/** Thrown for facts or a rule set the engine cannot use; the message is for the user. */
export class CreditError extends Error {}
