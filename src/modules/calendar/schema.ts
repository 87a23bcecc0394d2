import { z } from 'zod';
import { isoDate, text } from '../../platform/http/schemas';
import { MAX_PERIOD_AMOUNT } from '../../core/calendar/deadline';

export const deadlineQuery = z.object({
  from: isoDate,
  amount: z.coerce.number().int('期间天数应为整数').min(0, '期间天数不能为负数').max(MAX_PERIOD_AMOUNT, `期间天数不能超过${MAX_PERIOD_AMOUNT}`),
  unit: z.enum(['workday', 'day'], { message: 'unit 应为 workday（工作日）或 day（自然日）' }),
});

export const deadlineResponse = z.object({
  due: z.string(),
  provisional: z.boolean(),
  from: z.string(),
  amount: z.number(),
  unit: z.enum(['workday', 'day']),
  citation: z.string(),
});

export const dayParams = z.object({ date: isoDate });
export const dayResponse = z.object({ date: z.string(), workday: z.boolean(), name: z.string().optional(), provisional: z.boolean() });

export const yearParams = z.object({ year: z.coerce.number().int().min(1990).max(2200) });

export const setDayBody = z.object({
  kind: z.enum(['holiday', 'workday', 'normal']),
  name: z.string().trim().max(40).optional(),
});

export const arrangementBody = z.object({
  source: text(200),
  holidays: z.array(z.object({ from: isoDate, to: isoDate, name: text(40) })).max(40),
  workdays: z.array(z.object({ date: isoDate, name: text(40) })).max(40),
});

export const yearSummary = z.object({
  year: z.number(), source: z.string(), loaded: z.boolean(), holidays: z.number(), workdays: z.number(), updatedAt: z.date().nullable(),
});
