import { z } from 'zod';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const meResponse = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  org: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  scope: z.object({ mode: z.enum(['own_subtree', 'named']), rootOrgIds: z.array(z.number()), orgIds: z.array(z.number()) }),
  inspector: z.object({ id: z.number(), staffNo: z.string(), certificateNo: z.string().nullable(), certificateValidTo: z.string().nullable(), canEnforce: z.boolean(), reason: z.string().optional() }).nullable(),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const localeBody = z.object({ locale: z.enum(['zh-CN', 'en']) });
