import { z } from 'zod';
import { optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { ALL_PERMISSIONS } from '../../platform/access/permissions';

export const username = z.string().trim().min(2, '用户名至少2个字符').max(40, '用户名不能超过40个字符')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, '用户名须以字母开头，只能包含字母、数字、点、下划线和连字符');

const scopeFields = {
  scopeMode: z.enum(['own_subtree', 'named']),
  scopeOrgIds: z.array(z.number().int().positive()).max(200).default([]),
};

export const userInput = z.object({
  username,
  displayName: text(50),
  orgId: z.number().int().positive(),
  roles: z.array(z.string().max(40)).min(1, '至少选择一个角色').max(20),
  ...scopeFields,
  phone: optionalText(30),
  email: z.email('邮箱格式不正确').max(100).nullish().transform((v) => v ?? null),
  active: z.boolean().default(true),
});
export type UserInput = z.infer<typeof userInput>;

export const createUserInput = userInput.extend({ password: z.string().min(1, '请设置初始密码').max(128) });

export const user = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  roles: z.array(z.string()),
  scopeMode: z.enum(['own_subtree', 'named']),
  scopeOrgIds: z.array(z.number()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.date(),
});
export type User = z.infer<typeof user>;

export const userListQuery = z.object({
  q: optionalText(50),
  orgId: z.coerce.number().int().positive().optional(),
  role: z.string().max(40).optional(),
  ...pagination,
});
export const userList = paged(user);

export const resetPasswordBody = z.object({ password: z.string().min(1).max(128) });

export const roleCode = z.string().trim().min(2).max(40).regex(/^[a-z][a-z0-9_]*$/, '角色代码须以小写字母开头，只能包含小写字母、数字和下划线');
export const roleInput = z.object({
  code: roleCode,
  name: text(40),
  nameEn: text(60),
  permissions: z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]], { message: '权限代码不正确' })).max(ALL_PERMISSIONS.length),
});
export const role = z.object({
  code: z.string(), name: z.string(), nameEn: z.string(), permissions: z.array(z.string()), system: z.boolean(), users: z.number(),
});
export const permissionInfo = z.object({ code: z.string(), name: z.string() });
