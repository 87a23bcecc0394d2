import { z } from 'zod';
import { optionalText, text } from '../../platform/http/schemas';
import { checkRegionCode } from '../../core/codes/region';

export const ORG_KINDS = ['commission', 'institute', 'division', 'hospital', 'other'] as const;
export const ORG_KIND_NAMES: Record<(typeof ORG_KINDS)[number], string> = {
  commission: '卫生健康委员会', institute: '卫生监督所', division: '内设处室', hospital: '医疗机构', other: '其他',
};

export const orgCode = z.string().trim().min(1, '机构代码不能为空').max(40, '机构代码不能超过40个字符')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, '机构代码只能包含字母、数字、点、下划线和连字符');

export const regionCode = z.string().trim().superRefine((v, c) => {
  const r = checkRegionCode(v);
  if (!r.valid) c.addIssue({ code: 'custom', message: r.message! });
});

export const orgInput = z.object({
  code: orgCode,
  name: text(100),
  parentId: z.number().int().positive().nullable(),
  regionCode,
  kind: z.enum(ORG_KINDS, { message: '机构类别不正确' }),
  population: z.number().int().min(0).max(2_000_000_000).nullable(),
  active: z.boolean().default(true),
});
export type OrgInput = z.infer<typeof orgInput>;

export const org = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  parentId: z.number().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  population: z.number().nullable(),
  active: z.boolean(),
  depth: z.number(),
});
export type Org = z.infer<typeof org>;

export const orgListQuery = z.object({ q: optionalText(50) });
