// The supervision lists (监督检查): random-inspection plans with their figures, their
// tasks and the inspection visits. Read side only for now; the draw of new plans comes
// later. The list filters are also the Excel exports' (datasets random_plans,
// random_tasks, inspections).
import { z } from 'zod';
import { isoDate, optionalText, pagination, paged } from '../../platform/http/schemas';

export const PLAN_SOURCES = ['national', 'provincial', 'municipal', 'local'] as const;
export const PLAN_SOURCE_NAMES = { national: '国家', provincial: '省级', municipal: '市级', local: '本级' } as const;
export const VISIT_RESULTS = ['compliant', 'non_compliant', 'closed_down', 'not_found'] as const;
export const VISIT_RESULT_NAMES = { compliant: '合格', non_compliant: '不合格', closed_down: '已关闭', not_found: '未找到' } as const;
/** A visit under a random-inspection task, in a campaign (专项整治), or routine (migration 0023 derives it). */
export const VISIT_KINDS = ['random', 'campaign', 'routine'] as const;
export const VISIT_KIND_NAMES = { random: '双随机抽查', campaign: '专项整治', routine: '日常检查' } as const;

/** A task is pending (not done, due date not passed), completed, or overdue (due date passed, not done). */
export const TASK_STATES = ['pending', 'completed', 'overdue'] as const;
export type TaskState = (typeof TASK_STATES)[number];
/** A task's result publication (一公开): published, unpublished (inspected, awaiting publication), or overdue (its deadline passed unpublished). */
export const PUBLICATION_FILTERS = ['published', 'unpublished', 'overdue'] as const;

const flag = z.enum(['true', 'false']).optional().transform((v) => v === undefined ? undefined : v === 'true');
const id = z.coerce.number().int().positive().max(2_147_483_647);
const bigId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const planFilters = z.object({
  /** Plan number or title. */
  q: optionalText(50),
  source: z.enum(PLAN_SOURCES, { message: '任务来源不正确' }).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** The plan's organisation and everything under it. */
  orgId: id.optional(),
  creditApplied: flag,
});
export type PlanFilters = z.infer<typeof planFilters>;
export const planListQuery = planFilters.extend(pagination);
export type PlanListQuery = z.infer<typeof planListQuery>;

export const taskFilters = z.object({
  /** The drawn entity's name or USCC, or the task number. */
  q: optionalText(50),
  planId: id.optional(),
  state: z.enum(TASK_STATES, { message: '任务状态不正确' }).optional(),
  joint: flag,
  publication: z.enum(PUBLICATION_FILTERS, { message: '公示状态不正确' }).optional(),
  /** The plan's organisation and everything under it. */
  orgId: id.optional(),
  /** A period on the task's due date (the figures of tasks assigned) or, with dateOf=completed, its completion date. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  dateOf: z.enum(['due', 'completed'], { message: '日期类型应为 due 或 completed' }).optional(),
});
export type TaskFilters = z.infer<typeof taskFilters>;
export const taskListQuery = taskFilters.extend(pagination);
export type TaskListQuery = z.infer<typeof taskListQuery>;

export const visitFilters = z.object({
  /** The entity's name or USCC, or the visit number. */
  q: optionalText(50),
  from: isoDate.optional(),
  to: isoDate.optional(),
  result: z.enum(VISIT_RESULTS, { message: '检查结果不正确' }).optional(),
  /** random: under a random-inspection task; campaign: in a named campaign; routine: any other visit. */
  kind: z.enum(VISIT_KINDS, { message: '检查类型应为 random、campaign 或 routine' }).optional(),
  orgId: id.optional(),
  inspectorId: id.optional(),
  entityId: bigId.optional(),
});
export type VisitFilters = z.infer<typeof visitFilters>;
export const visitListQuery = visitFilters.extend(pagination);
export type VisitListQuery = z.infer<typeof visitListQuery>;

export const planSummary = z.object({
  id: z.number(), planNo: z.string(), title: z.string(), orgId: z.number(), orgName: z.string(),
  source: z.string(), sourceName: z.string(), year: z.number(), creditApplied: z.boolean(), imported: z.boolean(),
  /** draft, announced (commitment published), drawn (imported plans are drawn). */
  status: z.string(), statusName: z.string(),
  taskCount: z.number(), completedCount: z.number(), jointCount: z.number(), publishedCount: z.number(),
});
export const planList = paged(planSummary);

export const taskSummary = z.object({
  id: z.number(), taskNo: z.string(), planId: z.number(), planNo: z.string(), planTitle: z.string(), orgId: z.number(), orgName: z.string(),
  entityId: z.number(), entityName: z.string(), entityUscc: z.string(),
  dueOn: z.string(), completedOn: z.string().nullable(), state: z.enum(TASK_STATES), joint: z.boolean(),
  publishedOn: z.string().nullable(), publicationDue: z.string().nullable(),
  /** Its deadline passed unpublished. */
  publicationOverdue: z.boolean(), imported: z.boolean(),
  /** The team drawn or set for the task (empty: none yet, or an imported task). */
  inspectorIds: z.array(z.number()), inspectors: z.array(z.string()),
  /** Why the draw took the entity: random, or mandatory (blacklisted and due an inspection); null when not drawn here. */
  drawReason: z.enum(['random', 'mandatory']).nullable(),
});
export const taskList = paged(taskSummary);

const ratio = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });

export const planDetail = planSummary.extend({
  figures: z.object({
    tasks: z.number(), completed: z.number(), overdue: z.number(), joint: z.number(), published: z.number(),
    /** Completed by the due date, of all tasks (as inspection.random.tasks.completion_rate). */
    completedOnTime: ratio,
    /** Joint, of the completed tasks (as inspection.joint_random_rate). */
    jointRate: ratio,
    /** Published by the publication deadline, of the completed tasks (as inspection.results_published_on_time_rate). */
    publishedOnTime: ratio,
  }),
  tasks: taskList,
});

export const visitSummary = z.object({
  id: z.number(), visitNo: z.string(), orgId: z.number(), orgName: z.string(),
  entityId: z.number(), entityName: z.string(), entityUscc: z.string(), visitedOn: z.string(),
  result: z.string(), resultName: z.string(), random: z.boolean(), taskId: z.number().nullable(), taskNo: z.string().nullable(),
  inspectors: z.array(z.string()), imported: z.boolean(),
  kind: z.enum(VISIT_KINDS), kindName: z.string(), campaign: z.string().nullable(),
});
export const visitList = paged(visitSummary);

export const visitDetail = visitSummary.extend({
  entityAddress: z.string(),
  inspectorDetails: z.array(z.object({ id: z.number(), name: z.string(), staffNo: z.string(), certificateNo: z.string().nullable() })),
  task: z.object({
    id: z.number(), taskNo: z.string(), planId: z.number(), planNo: z.string(), planTitle: z.string(), dueOn: z.string(),
    completedOn: z.string().nullable(), joint: z.boolean(), publishedOn: z.string().nullable(), publicationDue: z.string().nullable(),
  }).nullable(),
});

export const planIdParam = z.object({ id: id });
export const visitIdParam = z.object({ id: bigId });
export const planDetailQuery = z.object(pagination);
