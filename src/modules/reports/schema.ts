// Annual reports: request and response schemas.
import { z } from 'zod';
import { optionalText, pagination } from '../../platform/http/schemas';

export const REPORT_STATUSES = ['draft', 'final', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = { draft: '草稿', final: '已定稿', published: '已公开' };

const year = z.coerce.number({ message: '请填写年度' }).int('年度应为整数').min(2000, '年度不能早于2000年').max(2100, '年度不能晚于2100年');
const orgId = z.coerce.number({ message: '请选择机构' }).int().positive('请选择机构').max(2_147_483_647);

export const listFilters = z.object({
  q: optionalText(100),
  year: year.optional(),
  orgId: orgId.optional(),
  status: z.enum(REPORT_STATUSES, { message: '状态应为 draft、final 或 published' }).optional(),
});
export type ListFilters = z.infer<typeof listFilters>;
export const listQuery = listFilters.extend(pagination);
export type ListQuery = z.infer<typeof listQuery>;

export const generateBody = z.object({ year, orgId }).strict();
export type GenerateBody = z.infer<typeof generateBody>;

/** The narratives changed, by block id, and a note saying what changed (kept with the version). */
export const narrativesBody = z.object({
  changes: z.record(
    z.string().max(100, '段落编号过长'),
    z.string().max(20_000, '一个段落不能超过20000个字符').refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), { message: '不能包含控制字符' }),
  ).refine((c) => Object.keys(c).length > 0, { message: '没有修改任何段落' }).refine((c) => Object.keys(c).length <= 100, { message: '一次修改的段落过多' }),
  note: optionalText(200),
  /** The version the edit was made on: refused when someone saved another version meanwhile. */
  baseVersion: z.number().int().positive().optional(),
}).strict();
export type NarrativesBody = z.infer<typeof narrativesBody>;

export const versionParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  version: z.coerce.number().int().positive().max(1_000_000),
});
export const versionQuery = z.object({ version: z.coerce.number().int().positive().max(1_000_000).optional() });

export const publicListQuery = z.object({ year: year.optional(), ...pagination });

export const anyObject = z.record(z.string(), z.unknown());
