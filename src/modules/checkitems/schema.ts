import { z } from 'zod';
import { optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { ENTITY_CATEGORIES } from '../entities/categories';

// PostgreSQL text cannot hold NUL and no field here has a use for control characters;
// the inspector's method keeps its line breaks.
const CONTROL = /[\u0000-\u001f\u007f]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noControl = { message: '不能包含控制字符' };
const line = (max: number) => text(max).refine((v) => !CONTROL.test(v), noControl);
const optionalLine = (max: number) => optionalText(max).refine((v) => v === null || !CONTROL.test(v), noControl);

export const category = z.enum(ENTITY_CATEGORIES, { message: '监管对象类别不正确' });

export const itemCode = z.string({ message: '请填写事项编号' }).trim().min(2, '事项编号至少2个字符').max(30, '事项编号不能超过30个字符')
  .regex(/^[A-Z][A-Z0-9-]*$/, '事项编号只能包含大写字母、数字和连字符，并以字母开头（如 GGCS-01）');

export const provisionCode = z.string().trim().min(1, '处罚条款编号不能为空').max(30, '处罚条款编号不能超过30个字符')
  .regex(/^[A-Z][A-Z0-9-]*$/, '处罚条款编号只能包含大写字母、数字和连字符（如 PP-35）');

/** An article of the legal-basis library: instrument (short name), article, optionally one of its lines (款 or 项). */
export const basisCite = z.object({
  law: line(100),
  article: z.number({ message: '条号应为数字' }).int('条号应为整数').min(1, '条号应为正整数').max(10_000, '条号超出范围'),
  paragraph: z.number({ message: '款项序号应为数字' }).int('款项序号应为整数').min(1, '款项序号应为正整数').max(100, '款项序号超出范围').nullish()
    .transform((v) => v ?? undefined),
});
export type BasisCiteInput = z.infer<typeof basisCite>;

export const checkItemInput = z.object({
  code: itemCode,
  category,
  title: line(200),
  method: z.string({ message: '请填写检查方法' }).trim().min(1, '请填写检查方法').max(2000, '检查方法不能超过2000个字符')
    .refine((v) => !TEXT_CONTROL.test(v), noControl),
  legalBasis: z.array(basisCite, { message: '请至少填写一条法律依据' }).min(1, '请至少填写一条法律依据').max(10, '法律依据不超过10条'),
  provisionCode: provisionCode.nullish().transform((v) => v ?? null),
  randomList: z.boolean({ message: 'randomList 应为 true 或 false' }),
  sortOrder: z.number({ message: '排序号应为数字' }).int('排序号应为整数').min(0, '排序号不能为负数').max(100_000, '排序号超出范围').default(0),
  /** The owning organisation; default the commission the user works in. */
  orgId: z.number().int().positive().max(2_147_483_647).nullish().transform((v) => v ?? null),
});
export type CheckItemInput = z.infer<typeof checkItemInput>;

/** An edit: everything but the code and the owner; revision is the one the form was loaded from. */
export const checkItemUpdate = checkItemInput.omit({ code: true, orgId: true }).extend({
  revision: z.number({ message: '请提供修订版本号（revision）' }).int().min(1).max(2_147_483_647),
});
export type CheckItemUpdate = z.infer<typeof checkItemUpdate>;

export const statusChange = z.object({
  revision: z.number().int().min(1).max(2_147_483_647).optional(),
  note: optionalLine(500),
});
export type StatusChange = z.infer<typeof statusChange>;

const bool = (name: string) => z.enum(['true', 'false'], { message: `${name} 应为 true 或 false` }).optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export const listFilters = z.object({
  q: optionalLine(50),
  category: category.optional(),
  /** Only the items of the random-inspection list. */
  randomOnly: bool('randomOnly'),
  active: bool('active'),
  provision: provisionCode.optional(),
});
export type ListFilters = z.infer<typeof listFilters>;

export const listQuery = listFilters.extend(pagination);
export type ListQuery = z.infer<typeof listQuery>;

export const exportQuery = listFilters.extend({
  format: z.enum(['xlsx'], { message: 'format 应为 xlsx' }).default('xlsx'),
});

export const articleQuery = z.object({
  law: line(100),
  article: z.coerce.number({ message: '条号应为数字' }).int('条号应为整数').min(1, '条号应为正整数').max(10_000, '条号超出范围'),
});

const basisStored = z.object({ law: z.string(), article: z.number(), paragraph: z.number().optional() });

export const checkItemRow = z.object({
  id: z.number(),
  code: z.string(),
  category,
  categoryName: z.string(),
  title: z.string(),
  method: z.string(),
  legalBasis: z.array(basisStored),
  /** The citations in short form (《医师法》第十三条), for lists. */
  basisText: z.array(z.string()),
  provisionCode: z.string().nullable(),
  provisionTitle: z.string().nullable(),
  randomList: z.boolean(),
  sortOrder: z.number(),
  active: z.boolean(),
  source: z.enum(['bundled', 'staff']),
  revision: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  /** The caller may edit it (holds checkitems.write and the owner is in their data scope). */
  editable: z.boolean(),
  updatedAt: z.date(),
});
export type CheckItemRow = z.infer<typeof checkItemRow>;
export const checkItemList = paged(checkItemRow);

const paragraphLine = z.object({ no: z.number(), text: z.string(), citation: z.string() });

/** An article as the library holds it in force today. */
export const articleText = z.object({
  law: z.string(),
  article: z.number(),
  instrumentId: z.number(),
  versionId: z.number(),
  title: z.string(),
  label: z.string(),
  versionDate: z.string(),
  textStatus: z.enum(['official', 'summary']),
  citation: z.string(),
  paragraphs: z.array(paragraphLine),
});

export const basisDetail = z.object({
  law: z.string(),
  article: z.number(),
  paragraph: z.number().nullable(),
  /** 《中华人民共和国医师法》第十三条第四款; null when the library no longer holds the article in force. */
  citation: z.string().nullable(),
  text: articleText.nullable(),
});

export const checkItemDetail = checkItemRow.extend({
  basis: z.array(basisDetail),
  provision: z.object({ code: z.string(), title: z.string(), penaltyCitation: z.string() }).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedBy: z.string().nullable(),
  revisions: z.array(z.object({
    revision: z.number(),
    change: z.enum(['create', 'update', 'deactivate', 'reactivate']),
    note: z.string().nullable(),
    changedBy: z.string().nullable(),
    changedAt: z.date(),
    /** The fields this change altered (empty for the first revision). */
    changedFields: z.array(z.string()),
  })),
});
export type CheckItemDetail = z.infer<typeof checkItemDetail>;
