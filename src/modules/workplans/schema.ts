// Request schemas of the work-plan routes (工作要点).
import { z } from 'zod';
import { optionalText, pagination, text } from '../../platform/http/schemas';
import { COMPARATORS } from '../../core/workplans/outline';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const year = z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度应在2000至2100之间').max(2100, '年度应在2000至2100之间');

export const PLAN_STATUSES = { draft: '草稿', published: '已发布' } as const;
const status = z.enum(['draft', 'published'], { message: '状态应为草稿或已发布' });

export const listFilters = z.object({
  q: optionalText(100),
  year: year.nullish(),
  orgId: id.nullish(),
  status: status.nullish(),
});
export type ListFilters = z.infer<typeof listFilters>;
export const listQuery = listFilters.extend(pagination);
export type ListQuery = z.infer<typeof listQuery>;

export const planInput = z.object({
  orgId: z.number({ message: '请选择机构' }).int().positive(),
  year: z.number({ message: '请填写年度' }).int().min(2000, '年度应在2000至2100之间').max(2100, '年度应在2000至2100之间'),
  title: text(200),
  intro: z.string().trim().max(5000, '引言不能超过5000个字符').default(''),
  status: status.default('draft'),
}).strict();
export type PlanInput = z.infer<typeof planInput>;

export const sectionInput = z.object({ heading: text(200) }).strict();

export const unitInput = z.object({
  name: text(100),
  /** The organisation the name designates; absent = matched by name, null = kept as text. */
  orgId: z.number().int().positive().nullish(),
  role: z.enum(['lead', 'support'], { message: '单位角色应为牵头或配合' }).optional(),
}).strict();
export type UnitInput = z.infer<typeof unitInput>;

export const taskInput = z.object({
  text: text(5000),
  /** The units as written (the bracket's text); parsed into units when `units` is not given. */
  unitsText: z.string().trim().max(500, '单位不能超过500个字符').optional(),
  units: z.array(unitInput).max(30, '单位最多30个').optional(),
  /** Move the task to another section of the same plan (editing only). */
  sectionId: z.number().int().positive().optional(),
}).strict();
export type TaskInput = z.infer<typeof taskInput>;

export const unitsInput = z.object({ units: z.array(unitInput).max(30, '单位最多30个') }).strict();

export const orderInput = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict();

export const targetInput = z.object({
  metricId: text(100),
  comparator: z.enum(COMPARATORS, { message: '比较方式应为 >=、>、<=、< 或 =' }),
  target: z.number({ message: '请填写目标值' }).finite().min(0, '目标值不能为负数').max(1e12),
  note: optionalText(500),
}).strict();
export type TargetInput = z.infer<typeof targetInput>;

export const progressParams = z.object({ id, quarter: z.coerce.number().int().min(1, '季度应为1至4').max(4, '季度应为1至4') });
export const progressInput = z.object({
  note: text(2000),
  /** Whose note: the writer's own organisation unless a plan editor writes for another unit. */
  orgId: z.number().int().positive().optional(),
}).strict();
export type ProgressInput = z.infer<typeof progressInput>;

export const importQuery = z.object({
  orgId: id,
  year,
  /** 1: only parse and return the outline; 0: save it (draft) in one transaction. */
  preview: z.enum(['0', '1', 'true', 'false']).default('1').transform((v) => v === '1' || v === 'true'),
});

export const anyObject = z.record(z.string(), z.unknown());
