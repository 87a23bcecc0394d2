// Credit and risk (信用+监管): the evaluation of one entity (grade, risk class, the
// priority-supervision list, the reasons with the records they cite), manual overrides,
// credit repairs and recomputation.
import { z } from 'zod';
import { optionalText, pagination, paged } from '../../platform/http/schemas';
import { GRADES, RISK_CLASSES } from '../../core/credit/model';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const prose = (max: number, what: string) => z.string({ message: `请填写${what}` }).trim()
  .min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字`)
  .refine((v) => !CONTROL.test(v), { message: `${what}不能包含控制字符` });

const id = z.coerce.number().int().positive().max(2_147_483_647);
const bigId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** An id in a JSON body: a number, not coerced from text. */
const bodyId = (what: string) => z.number({ message: `${what}应为编号（正整数）` }).int(`${what}应为编号（正整数）`).positive(`${what}应为编号（正整数）`).max(2_147_483_647, `${what}应为编号（正整数）`);

export const entityIdParam = z.object({ id: bigId });
export const repairIdParam = z.object({ id });

export const REPAIR_STATES = ['pending', 'approved', 'rejected'] as const;
export type RepairState = (typeof REPAIR_STATES)[number];
export const REPAIR_STATE_NAMES: Record<RepairState, string> = { pending: '待审批', approved: '已批准', rejected: '不予批准' };

// ---------------------------------------------------------------------------------
// Input

// Strict: a body with anything else is refused rather than taken for "recompute everything".
export const recomputeInput = z.strictObject({
  /** Only this organisation's subtree (within the caller's scope); the whole scope when absent. */
  orgId: bodyId('机构').optional(),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}（只能指定 orgId）` : undefined) }).default({});
export type RecomputeInput = z.infer<typeof recomputeInput>;

/**
 * A manual override. The fields are checked by core/credit/validate.ts validateOverride
 * (its Chinese messages, its limits from the rule set), so they are only typed loosely here.
 */
export const overrideInput = z.object({
  grade: z.string().max(10).nullish(),
  riskClass: z.string().max(10).nullish(),
  reason: z.string().max(500, '理由不能超过500个字').default(''),
  from: z.string().max(20).default(''),
  until: z.string().max(20).default(''),
});
export type OverrideInput = z.infer<typeof overrideInput>;

export const liftInput = z.object({ reason: prose(500, '撤销人工调整的理由') });
export type LiftInput = z.infer<typeof liftInput>;

export const repairInput = z.object({
  caseId: bodyId('行政处罚案件'),
  reason: prose(1000, '申请信用修复的理由（当事人已纠正失信行为、履行义务的情况等）'),
});
export type RepairInput = z.infer<typeof repairInput>;

export const repairDecisionInput = z.object({ opinion: prose(1000, '审批意见') });
export type RepairDecisionInput = z.infer<typeof repairDecisionInput>;

export const repairListQuery = z.object({
  state: z.enum(REPAIR_STATES, { message: '状态应为 pending（待审批）、approved（已批准）或 rejected（不予批准）' }).optional(),
  /** The entity's name or USCC, or the case number. */
  q: optionalText(50),
  ...pagination,
});
export type RepairListQuery = z.infer<typeof repairListQuery>;

// ---------------------------------------------------------------------------------
// Output

const grade = z.enum(GRADES);
const riskClass = z.enum(RISK_CLASSES);

export const recordRef = z.object({
  kind: z.string(),
  id: z.union([z.string(), z.number()]).optional(),
  ref: z.string().optional(),
  date: z.string().optional(),
  effectUntil: z.string().optional(),
  label: z.string(),
});

export const reason = z.object({
  aspect: z.string(), ruleId: z.string(), outcome: z.string(), text: z.string(), citation: z.string(), localDefault: z.boolean(),
  records: z.array(recordRef), decisive: z.boolean(),
});

export const evaluation = z.object({
  evaluatedOn: z.string(),
  evaluatedAt: z.date(),
  ruleSet: z.object({ id: z.string(), title: z.string(), effectiveFrom: z.string() }),
  /** After the override, when one applied on evaluatedOn. */
  grade,
  riskClass,
  blacklisted: z.boolean(),
  computedGrade: grade,
  computedRiskClass: riskClass,
  gradeSince: z.string().nullable(),
  gradeUntil: z.string().nullable(),
  blacklistedSince: z.string().nullable(),
  blacklistedUntil: z.string().nullable(),
  overridden: z.boolean(),
  reasons: z.array(reason),
  warnings: z.array(z.string()),
});

export const override = z.object({
  id: z.number(), grade: grade.nullable(), riskClass: riskClass.nullable(), reason: z.string(), from: z.string(), until: z.string(),
  by: z.string(), createdAt: z.date(),
  /** Applies today (from ≤ today ≤ until and not lifted). */
  active: z.boolean(),
  liftedAt: z.date().nullable(), liftedBy: z.string().nullable(), liftedReason: z.string().nullable(),
});

export const repair = z.object({
  id: z.number(), entityId: z.number(), entityName: z.string(), entityUscc: z.string(), orgName: z.string(),
  caseId: z.number(), caseNo: z.string(), caseDecidedOn: z.string(),
  state: z.enum(REPAIR_STATES), stateName: z.string(), reason: z.string(),
  requestedBy: z.string(), requestedAt: z.date(),
  decidedBy: z.string().nullable(), decidedAt: z.date().nullable(), decidedOn: z.string().nullable(), opinion: z.string().nullable(),
  publicationWithdrawn: z.boolean(),
  /** The caller may approve or refuse it (pending, credit.approve, not their own request). */
  decidable: z.boolean(),
});
export type Repair = z.infer<typeof repair>;
export const repairList = paged(repair);

export const penaltyRecord = z.object({
  caseId: z.number(), caseNo: z.string(), decidedOn: z.string(), severity: z.enum(['minor', 'general', 'serious']), severityName: z.string(),
  /** 'publication': as judged when the decision was published; 'derived': from the decision (service.ts severityOf). */
  severitySource: z.enum(['publication', 'derived']),
  sanctions: z.array(z.string()), sanctionNames: z.array(z.string()), fineYuan: z.number(),
  repairedOn: z.string().nullable(),
  /** The first day a repair may be requested (the minimum publication period, core/publication/periods.ts). */
  repairFrom: z.string(),
  /** A repair may be requested now: not repaired, none pending, minimum period over. */
  repairable: z.boolean(),
  notRepairableReason: z.string().nullable(),
});

export const creditDetail = z.object({
  entity: z.object({
    id: z.number(), name: z.string(), uscc: z.string(), category: z.string(), categoryName: z.string(), orgId: z.number(), orgName: z.string(),
    creditGrade: grade.nullable(), riskClass: riskClass.nullable(), blacklisted: z.boolean(),
  }),
  /** The stored evaluation; null before the first recompute. */
  evaluation: evaluation.nullable(),
  /** The open override (applying now, later, or expired but not lifted). */
  override: override.nullable(),
  overrideHistory: z.array(override),
  repairs: z.array(repair),
  penalties: z.array(penaltyRecord),
  /** What the evaluation assumes for want of records (no licence register, no complaint register yet). */
  assumptions: z.array(z.string()),
  limits: z.object({ overrideMaxMonths: z.number(), overrideMinReasonLength: z.number() }),
});
export type CreditDetail = z.infer<typeof creditDetail>;

export const recomputeResult = z.object({
  evaluatedOn: z.string(),
  entities: z.number(),
  changed: z.number(),
  failed: z.number(),
  errors: z.array(z.object({ entityId: z.number(), message: z.string() })),
});
export type RecomputeResult = z.infer<typeof recomputeResult>;
