// Schema pieces shared by every module's routes.
import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/dates';

export const isoDate = z.string().max(10).refine(isIsoDate, { message: '日期应为 YYYY-MM-DD 格式的有效日期' });

/** A required single-line text field: trimmed, not empty, bounded. */
export const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字符`);
export const optionalText = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const PAGE_SIZE_MAX = 100;
export const pagination = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
};

export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

export const okResponse = z.object({ ok: z.literal(true) });

/** Paged list response: rows plus a total (exact up to a cap, then flagged). */
export const paged = <T extends z.ZodType>(row: T) => z.object({
  rows: z.array(row),
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
