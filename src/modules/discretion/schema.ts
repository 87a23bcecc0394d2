import { z } from 'zod';
import { isoDate, optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { FINE_TIERS, SANCTIONS, TIERS } from '../../core/discretion/engine';

const MAX_YUAN = 1_000_000_000;
const yuan = (label: string) => z.number({ message: `${label}应为数字（元）` })
  .min(0, `${label}不能为负数`).max(MAX_YUAN, `${label}超出合理范围`)
  .refine((v) => Math.round(v * 100) === v * 100, { message: `${label}最多保留两位小数（到分）` });

export const provisionCode = z.string().trim().min(2, '条款编号至少2个字符').max(30, '条款编号不能超过30个字符')
  .regex(/^[A-Z][A-Z0-9-]*$/, '条款编号只能包含大写字母、数字和连字符，并以字母开头（如 BHPL-99）');

export const evaluateInput = z.object({
  provision: z.string({ message: '请填写处罚条款编号' }).trim().min(1, '请填写处罚条款编号').max(30, '条款编号不能超过30个字符'),
  scenario: z.string().trim().min(1).max(40, '情形编号不能超过40个字符').optional(),
  illegalGainsYuan: yuan('违法所得').optional(),
  tier: z.enum(TIERS, { message: '裁量档次应为 none、mitigated、lighter、ordinary 或 heavier' }).optional(),
  fineYuan: yuan('罚款金额').optional(),
  /** The date whose benchmark applies (decision date); default today. */
  date: isoDate.optional(),
});
export type EvaluateInput = z.infer<typeof evaluateInput>;

const range = z.object({ minYuan: z.number(), maxYuan: z.number() });
const tierRange = range.extend({ tier: z.enum(TIERS), name: z.string(), circumstances: z.array(z.string()), source: z.enum(['benchmark', 'split', 'law']) });

export const evaluation = z.object({
  provision: z.object({ code: z.string(), title: z.string() }),
  revision: z.object({ revision: z.number(), effectiveFrom: z.string().nullable() }),
  scenario: z.object({ code: z.string(), label: z.string() }),
  sanctions: z.array(z.object({ code: z.enum(SANCTIONS), name: z.string() })),
  fineOptional: z.boolean(),
  base: z.object({ illegalGainsYuan: z.number(), countedYuan: z.number(), floorApplied: z.boolean() }).nullable(),
  statutory: range.nullable(),
  tiers: z.array(tierRange),
  tier: tierRange.nullable(),
  fineCheck: z.object({ status: z.enum(['within_tier', 'outside_tier', 'outside_statutory']), message: z.string() }).nullable(),
  citations: z.array(z.string()),
});

// The definition staff edit: validated here, then checked against the library (articles exist).
const articleCite = z.object({
  law: text(100),
  article: z.number().int('条号应为整数').min(1, '条号应为正整数').max(10_000, '条号超出范围'),
  paragraph: z.number().int().min(1, '款号应为正整数').max(100, '款号超出范围').optional(),
});
const fineRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('range'), minYuan: yuan('罚款下限'), maxYuan: yuan('罚款上限') })
    .refine((f) => f.minYuan <= f.maxYuan, { message: '罚款下限不能高于上限' }),
  z.object({
    kind: z.literal('multiple'), basis: z.literal('illegal_gains'),
    minTimes: z.number().min(0, '倍数不能为负数').max(100, '倍数超出范围'), maxTimes: z.number().min(0).max(100, '倍数超出范围'),
    floorYuan: yuan('违法所得计算下限').optional(),
  }).refine((f) => f.minTimes <= f.maxTimes, { message: '最低倍数不能高于最高倍数' }),
], { message: '罚款规则应为 none、range 或 multiple' });
const benchmarkTier = z.object({
  tier: z.enum(FINE_TIERS, { message: '档次应为 lighter、ordinary 或 heavier' }),
  circumstances: z.array(text(200)).max(20, '每档情节不超过20条'),
  amount: range.extend({ minYuan: yuan('档次下限'), maxYuan: yuan('档次上限') })
    .refine((a) => a.minYuan <= a.maxYuan, { message: '档次下限不能高于上限' }).optional(),
});
const scenario = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, '情形编号只能包含小写字母、数字和下划线，并以字母开头'),
  label: text(300),
  sanctions: z.array(z.enum(SANCTIONS, { message: '处罚种类不正确' })).min(1, '至少列出一种处罚种类').max(SANCTIONS.length),
  fine: fineRule,
  fineOptional: z.boolean().optional(),
  tiers: z.array(benchmarkTier).max(3),
});
export const definitionInput = z.object({
  title: text(200),
  violated: z.array(articleCite).min(1, '至少列出一条违反的条款').max(10),
  penalty: articleCite,
  scenarios: z.array(scenario).min(1, '至少需要一种情形').max(10, '情形不超过10种'),
});
export type DefinitionInput = z.infer<typeof definitionInput>;

export const revisionInput = z.object({
  effectiveFrom: isoDate,
  note: optionalText(500),
  definition: definitionInput,
});
export const provisionInput = revisionInput.extend({ code: provisionCode });

export const provisionListQuery = z.object({ q: optionalText(50), ...pagination });

export const provisionSummary = z.object({
  code: z.string(), title: z.string(), revision: z.number(), effectiveFrom: z.string().nullable(),
  penaltyCitation: z.string(), scenarios: z.number(),
});
export const provisionList = paged(provisionSummary);

export const provisionDetail = z.object({
  code: z.string(),
  title: z.string(),
  revision: z.number(),
  effectiveFrom: z.string().nullable(),
  definition: z.unknown(),
  citations: z.object({ penalty: z.string(), violated: z.array(z.string()) }),
  revisions: z.array(z.object({
    revision: z.number(), effectiveFrom: z.string().nullable(), source: z.string(), note: z.string().nullable(),
    createdBy: z.string().nullable(), createdAt: z.string(),
  })),
});
export const provisionQuery = z.object({ date: isoDate.optional() });
export const codeParam = z.object({ code: z.string().max(30) });
