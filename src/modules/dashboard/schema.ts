import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas';
import { METRIC_UNITS } from '../../platform/metrics/types';

export const dashboardQuery = z.object({
  year: z.coerce.number({ message: '请指定年度' }).int('年度应为整数').min(2000, '年度不能早于2000年').max(2100, '年度不能晚于2100年'),
  org: z.string().trim().min(1, '请指定机构代码').max(40, '机构代码不能超过40个字符'),
  /** Last day of the period (within the year); by default today for the current year, 31 December for a past one. */
  to: isoDate.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const unit = z.enum(METRIC_UNITS);

/** A KPI target of the year's work plan bound to this metric (only when the work-plan module serves one). */
export const figureTarget = z.object({
  /** The comparison the value must satisfy against the target: '>=', '>', '<=', '<' or '='. */
  comparison: z.string(),
  value: z.number(),
  met: z.boolean().nullable(),
});

export const keyFigure = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit,
  value: z.number().nullable(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  /** The same metric for the same days of the previous year. */
  previous: z.number().nullable(),
  target: figureTarget.optional(),
});

export const dashboardResponse = z.object({
  year: z.number(),
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
  org: z.object({ id: z.number(), code: z.string(), name: z.string(), parentCode: z.string().nullable() }),
  /** From the organisation asked for up to the user's highest organisation in scope (for the breadcrumb). */
  trail: z.array(z.object({ code: z.string(), name: z.string() })),
  figures: z.array(keyFigure),
  /** Whether the organisation's published work plan of the year sets KPI targets (each on its figure). */
  targetsAvailable: z.boolean(),
  monthly: z.object({
    months: z.array(z.string()),
    series: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string(), unit, values: z.array(z.number().nullable()) })),
  }),
  children: z.array(z.object({
    id: z.number(), code: z.string(), name: z.string(), kind: z.string(), hasChildren: z.boolean(),
    values: z.record(z.string(), z.number().nullable()),
  })),
  /** Additive figures (count, yuan) of records not in any listed child: the organisation itself and its other units. */
  rest: z.record(z.string(), z.number().nullable()),
  overdue: z.object({
    kinds: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string() })),
    rows: z.array(z.object({ orgId: z.number(), orgCode: z.string(), orgName: z.string(), counts: z.record(z.string(), z.number()), total: z.number() })),
    total: z.number(),
  }),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;
