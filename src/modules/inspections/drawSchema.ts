// Random-inspection plans made on the platform (双随机): the plan's setup, its draws
// (announce, draw, re-draw), team assignment, declared conflicts (回避), result
// publication, and the public portal's view of plans and draw records.
import { z } from 'zod';
import { isoDate, optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { ENTITY_CATEGORIES } from '../entities/categories';
import { PLAN_SOURCES } from './schema';
import { MAX_SAMPLE_COUNT } from '../../core/draw/draw';

export const PLAN_STATUSES = ['draft', 'announced', 'drawn'] as const;
export const PLAN_STATUS_NAMES = { draft: '草稿', announced: '已公布承诺值', drawn: '已抽取' } as const;
export const STRATA_MODES = ['risk_credit', 'risk', 'credit', 'none'] as const;
export const STRATA_MODE_NAMES = { risk_credit: '按风险等级和信用等级', risk: '按风险等级', credit: '按信用等级', none: '不分层' } as const;

/** A re-draw, a team change or a withdrawn conflict is explained in at least this many characters. */
export const MIN_REASON_LENGTH = 5;
const reason = z.string().trim().min(MIN_REASON_LENGTH, `请写明原因（至少${MIN_REASON_LENGTH}个字）`).max(500, '原因不能超过500个字');

const id = z.coerce.number().int().positive().max(2_147_483_647);
const bigId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ratio = z.number({ message: '抽查比例应为数字' }).gt(0, '抽查比例应大于0').max(1, '抽查比例不能超过100%');
const sampleCount = z.number({ message: '抽取数量应为数字' }).int('抽取数量应为整数').min(1, '抽取数量至少为1')
  .max(MAX_SAMPLE_COUNT, `抽取数量不能超过${MAX_SAMPLE_COUNT}`);

export const planInput = z.object({
  title: text(100),
  source: z.enum(PLAN_SOURCES, { message: '任务来源不正确' }),
  year: z.number().int().min(2000).max(2100),
  /** The plan organisation (default: the user's own); its subtree is drawn from. */
  orgId: id.optional(),
  description: optionalText(2000),
  dueOn: isoDate,
  categories: z.array(z.enum(ENTITY_CATEGORIES, { message: '监管对象类别不正确' })).max(ENTITY_CATEGORIES.length).default([]),
  regionCodes: z.array(z.string().trim().regex(/^\d{6,12}$/, '行政区划代码应为6至12位数字')).max(200).default([]),
  /** A ratio, or (sampleCount) a number drawn at random: exactly one. */
  baseRatio: ratio.nullish(),
  sampleCount: sampleCount.nullish(),
  strata: z.enum(STRATA_MODES, { message: '分层方式不正确' }).default('risk_credit'),
  /** A stratum's own ratio ('high/D' …), overriding base × multiplier. */
  stratumRatios: z.record(z.string().max(20), z.number().min(0).max(1)).default({}),
  includeRecent: z.boolean().default(false),
  teamSize: z.number().int().min(2).max(10).optional(),
  joint: z.boolean().default(false),
  jointDepartments: optionalText(200),
}).refine((p) => !p.joint || !!p.jointDepartments, { message: '联合抽查应写明联合的部门', path: ['jointDepartments'] })
  .refine((p) => (p.baseRatio == null) !== (p.sampleCount == null), { message: '请填写抽查比例或抽取数量，二者选一', path: ['baseRatio'] });
export type PlanInput = z.infer<typeof planInput>;

export const reasonBody = z.object({ reason });
export const teamBody = z.object({ inspectorIds: z.array(id).min(1).max(10), reason });

export const planSetup = z.object({
  status: z.enum(PLAN_STATUSES), statusName: z.string(), description: z.string().nullable(), dueOn: z.string().nullable(),
  categories: z.array(z.string()), regionCodes: z.array(z.string()), baseRatio: z.number().nullable(), sampleCount: z.number().nullable(), strata: z.string(),
  strataName: z.string(), stratumRatios: z.record(z.string(), z.number()), includeRecent: z.boolean(), teamSize: z.number().nullable(),
  joint: z.boolean(), jointDepartments: z.string().nullable(),
});

const strataSummary = z.array(z.object({
  stratum: z.string(), ratioPpm: z.number(), candidates: z.number(), mandatory: z.number(), excluded: z.number(), pool: z.number(), quota: z.number(),
}));

export const drawView = z.object({
  id: z.number(), attempt: z.number(), announcedAt: z.string(), announcedBy: z.string().nullable(), redrawReason: z.string().nullable(),
  drawnAt: z.string().nullable(), drawnBy: z.string().nullable(), superseded: z.boolean(), supersededAt: z.string().nullable(),
  commitment: z.string(), announcement: z.unknown(),
  /** Revealed once drawn. */
  seed: z.string().nullable(),
  strata: strataSummary.nullable(),
  drawnCount: z.number().nullable(), mandatoryCount: z.number().nullable(),
  unassigned: z.array(z.object({ uscc: z.string(), name: z.string(), eligible: z.number() })).nullable(),
});
export const drawList = z.object({ setup: planSetup, draws: z.array(drawView) });

export const planCreated = z.object({ id: z.number(), planNo: z.string() });
export const publishResult = z.object({ published: z.number() });

// Conflicts of interest (回避)
export const conflictFilters = z.object({
  q: optionalText(50),
  inspectorId: id.optional(),
  entityId: bigId.optional(),
  active: z.enum(['true', 'false']).optional().transform((v) => v === undefined ? undefined : v === 'true'),
});
export const conflictListQuery = conflictFilters.extend(pagination);
export type ConflictListQuery = z.infer<typeof conflictListQuery>;
export const conflictInput = z.object({ inspectorId: id, entityId: bigId, reason: text(500), declaredOn: isoDate.optional() });
export const conflictRow = z.object({
  id: z.number(), inspectorId: z.number(), inspectorName: z.string(), staffNo: z.string(), entityId: z.number(), entityName: z.string(),
  entityUscc: z.string(), reason: z.string(), declaredOn: z.string(), declaredBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(), withdrawnReason: z.string().nullable(),
});
export const conflictList = paged(conflictRow);

// The public portal
export const publicPlanQuery = z.object({ q: optionalText(50), year: z.coerce.number().int().min(2000).max(2100).optional(), ...pagination });
export type PublicPlanQuery = z.infer<typeof publicPlanQuery>;
export const planNoParam = z.object({ planNo: z.string().trim().min(1).max(60) });
export const drawAttemptParam = planNoParam.extend({ attempt: z.coerce.number().int().min(1).max(1000) });
const publicPlanRow = z.object({
  planNo: z.string(), title: z.string(), agency: z.string(), year: z.number(), source: z.string(), sourceName: z.string(),
  joint: z.boolean(), jointDepartments: z.string().nullable(), dueOn: z.string().nullable(), status: z.string(), drawnAt: z.string().nullable(),
  attempts: z.number(), taskCount: z.number(), publishedCount: z.number(),
});
export const publicPlanList = paged(publicPlanRow);
export const publicPlanDetail = z.object({
  plan: z.object({
    planNo: z.string(), title: z.string(), agency: z.string(), year: z.number(), source: z.string(), sourceName: z.string(),
    joint: z.boolean(), jointDepartments: z.string().nullable(), dueOn: z.string().nullable(), description: z.string().nullable(),
    categories: z.array(z.string()), regionCodes: z.array(z.string()), status: z.string(),
  }),
  draws: z.array(z.object({
    attempt: z.number(), announcedAt: z.string(), redrawReason: z.string().nullable(), drawnAt: z.string().nullable(),
    superseded: z.boolean(), announcement: z.unknown(),
  })),
  results: z.array(z.object({
    taskNo: z.string(), entityName: z.string(), entityUscc: z.string(), visitedOn: z.string(), result: z.string(), resultName: z.string(),
    publishedOn: z.string(),
  })),
});
export const publicDrawRecord = z.object({ announcement: z.unknown(), record: z.unknown().nullable() });
