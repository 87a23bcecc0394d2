import { z } from 'zod';
import { isoDate, optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { ENTITY_CATEGORIES } from '../entities/categories';

export const staffNo = z.string().trim().min(1, '工号不能为空').max(40, '工号不能超过40个字符')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, '工号只能包含字母、数字、点、下划线和连字符');
export const certificateNo = z.string().trim().min(1, '执法证号不能为空').max(40, '执法证号不能超过40个字符')
  .regex(/^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_.()（）-]*$/, '执法证号含有不允许的字符');

export const inspectorInput = z.object({
  staffNo,
  name: text(50),
  orgId: z.number().int().positive(),
  userId: z.number().int().positive().nullable().default(null),
  specialties: z.array(z.enum(ENTITY_CATEGORIES, { message: '专业类别不正确' })).max(ENTITY_CATEGORIES.length).default([]),
  active: z.boolean().default(true),
});
export type InspectorInput = z.infer<typeof inspectorInput>;

export const certificateInput = z.object({ certificateNo, certificateValidTo: isoDate });

export const certificateStatus = z.enum(['valid', 'expiring', 'expired', 'none']);

export const inspector = z.object({
  id: z.number(),
  staffNo: z.string(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certificateValidTo: z.string().nullable(),
  certificateStatus,
  specialties: z.array(z.string()),
  active: z.boolean(),
  canEnforce: z.boolean(),
  reason: z.string().optional(),
});
export type Inspector = z.infer<typeof inspector>;

export const inspectorListQuery = z.object({
  q: optionalText(50),
  orgId: z.coerce.number().int().positive().optional(),
  status: certificateStatus.optional(),
  ...pagination,
});
export const inspectorList = paged(inspector);
