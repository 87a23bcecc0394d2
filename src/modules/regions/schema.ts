import { z } from 'zod';
import { checkRegionCode } from '../../core/codes/region';

/** A GB/T 2260 code as entered in a form: six digits and present in the code table. */
export const regionCodeInput = z.string().trim().superRefine((v, c) => {
  const r = checkRegionCode(v);
  if (!r.valid) c.addIssue({ code: 'custom', message: r.message! });
});

/** A six-digit code as a query or path parameter (existence is checked by the handler). */
export const regionCodeParam = z.string().trim().regex(/^\d{6}$/, '行政区划代码应为6位数字（GB/T 2260）');

export const regionChildrenQuery = z.object({
  /** Parent code; omitted or empty = the provinces. */
  parent: z.union([z.literal(''), regionCodeParam]).optional(),
});

export const regionItem = z.object({ code: z.string(), name: z.string() });
export const regionDetail = z.object({ code: z.string(), name: z.string(), fullName: z.string() });
export const regionParams = z.object({ code: regionCodeParam });
