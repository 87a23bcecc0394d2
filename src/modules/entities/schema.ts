import { z } from 'zod';
import { optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { regionCodeInput } from '../regions/schema';
import { CREDIT_GRADES, ENTITY_CATEGORIES, RISK_CLASSES } from './categories';

// PostgreSQL text cannot hold NUL, and no field of the directory has a use for control
// characters: refuse them as input errors instead of letting the database fail.
const CONTROL = /[\u0000-\u001f\u007f]/;
const noControl = { message: '不能包含控制字符' };
const line = (max: number) => text(max).refine((v) => !CONTROL.test(v), noControl);
const optionalLine = (max: number) => optionalText(max).refine((v) => v === null || !CONTROL.test(v), noControl);

const category = z.enum(ENTITY_CATEGORIES, { message: '监管对象类别不正确' });
const riskClass = z.enum(RISK_CLASSES, { message: '风险等级应为 low、medium 或 high' });
const creditGrade = z.enum(CREDIT_GRADES, { message: '信用等级应为 A、B、C 或 D' });

/** Checked in the service (checkUscc plus accepted legacy codes); here only bounded. */
export const usccText = z.string().trim().min(1, '统一社会信用代码不能为空').max(30, '统一社会信用代码应为18位')
  .refine((v) => !CONTROL.test(v), noControl);

export const entityInput = z.object({
  uscc: usccText,
  name: line(200),
  category,
  regionCode: regionCodeInput,
  address: line(300),
  orgId: z.number().int().positive().max(2_147_483_647),
  legalRep: optionalLine(50),
  riskClass,
  creditGrade: creditGrade.nullish().transform((v) => v ?? null),
  blacklisted: z.boolean().default(false),
});
export type EntityInput = z.infer<typeof entityInput>;

export const entity = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  category,
  categoryName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  legalRep: z.string().nullable(),
  riskClass: riskClass.nullable(),
  creditGrade: creditGrade.nullable(),
  blacklisted: z.boolean(),
  /** The code fails its check character and is used as an accepted legacy code. */
  legacyCode: z.boolean(),
  updatedAt: z.date(),
});
export type Entity = z.infer<typeof entity>;

export const historyEntry = z.object({
  at: z.date(),
  username: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const entityDetail = entity.extend({
  createdAt: z.date(),
  /** The latest 50 audit-log entries about this entity, newest first. */
  history: z.array(historyEntry),
});
export type EntityDetail = z.infer<typeof entityDetail>;

export const ENTITY_SORTS = ['recent', 'name'] as const;

export const entityListQuery = z.object({
  q: optionalLine(50),
  category: category.optional(),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional(),
  riskClass: riskClass.optional(),
  creditGrade: creditGrade.optional(),
  blacklisted: z.enum(['true', 'false'], { message: 'blacklisted 应为 true 或 false' }).optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  sort: z.enum(ENTITY_SORTS, { message: 'sort 应为 recent（最近录入）或 name（名称）' }).default('recent'),
  ...pagination,
});
export type EntityListQuery = z.infer<typeof entityListQuery>;
export const entityList = paged(entity);

// Legacy codes (历史代码认可).
export const usccExceptionInput = z.object({
  code: usccText,
  reason: line(500),
});

export const usccException = z.object({
  code: z.string(),
  reason: z.string(),
  /** The check character GB 32100-2015 would require. */
  expectedCheck: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  acceptedAt: z.date(),
  /** Entities in the caller's scope that use the code. */
  entityCount: z.number(),
});
export type UsccException = z.infer<typeof usccException>;

export const usccExceptionParams = z.object({ code: usccText });
