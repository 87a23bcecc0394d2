import { z } from 'zod';
import { isoDate, paged, pagination } from '../../platform/http/schemas';

const filterText = (max: number) => z.string().trim().max(max, `不能超过${max}个字符`).optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

export const auditListQuery = z.object({
  /** First day (China time), inclusive. */
  from: isoDate.optional(),
  /** Last day (China time), inclusive. */
  to: isoDate.optional(),
  /** Part of the username, case-insensitive. */
  username: filterText(40),
  action: filterText(100),
  objectType: filterText(100),
  objectId: filterText(100),
  /** The organisation of the acting user, with everything under it. */
  orgId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ...pagination,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntry = z.object({
  id: z.number(),
  at: z.date(),
  userId: z.number().nullable(),
  username: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditList = paged(auditEntry);

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ id: z.number(), reason: z.string() }).optional(),
});

export const auditActions = z.array(z.string());
