import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas';
import { METRIC_UNITS } from '../../platform/metrics/types';

export const metricsQuery = z.object({
  from: isoDate,
  to: isoDate,
  org: z.string().trim().min(1, '请指定机构代码').max(40, '机构代码不能超过40个字符'),
  /** Comma-separated metric ids; all metrics when absent. */
  ids: z.string().max(4000, '指标列表过长').optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

export const metricValue = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.enum(METRIC_UNITS),
  value: z.number().nullable(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  breakdown: z.record(z.string(), z.number()).optional(),
});

export const metricsResponse = z.object({ metrics: z.array(metricValue) });

export const metricDefinition = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.enum(METRIC_UNITS),
  periodDate: z.string(),
  definition: z.string(),
  breakdownKeys: z.array(z.string()).optional(),
});

export const metricDefinitions = z.array(metricDefinition);
