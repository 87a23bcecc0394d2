// The service-item catalogue (事项清单 / 权责清单) and its public service guide (办事指南):
// request and response schemas. An item is versioned (catalogue_items: item_code,
// version, is_current); the ids in these shapes name one version.
import { z } from 'zod';
import { optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { RULES } from '../../core/law/rules';
import { basisCite } from '../checkitems/schema';

export const CATALOGUE_CATEGORIES = ['public_health', 'medical_institution', 'medical_staff', 'filing_other', 'ex_officio'] as const;
export type CatalogueCategory = typeof CATALOGUE_CATEGORIES[number];

/** 中文 names of the categories (the catalogue's sections). */
export const CATEGORY_NAMES: Record<CatalogueCategory, string> = {
  public_health: '公共卫生类',
  medical_institution: '医疗机构执业类',
  medical_staff: '医护人员',
  filing_other: '备案及其他',
  ex_officio: '依职权审批',
};

export const ITEM_KINDS = ['licence', 'filing'] as const;
export type ItemKind = typeof ITEM_KINDS[number];
export const KIND_NAMES: Record<ItemKind, string> = { licence: '行政许可', filing: '备案' };

export const ITEM_LEVELS = ['provincial', 'municipal', 'district'] as const;
export type ItemLevel = typeof ITEM_LEVELS[number];
export const LEVEL_NAMES: Record<ItemLevel, string> = { provincial: '省级', municipal: '市级', district: '县（区）级' };

export const REPLACEABLE = ['e_licence', 'data_check'] as const;
export type Replaceable = typeof REPLACEABLE[number];
/** How a material may be provided without paper (免提交). */
export const REPLACEABLE_NAMES: Record<Replaceable, string> = { e_licence: '可用电子证照替代', data_check: '通过数据共享核验，免于提交' };

// PostgreSQL text cannot hold NUL and no field here has a use for control characters;
// the legal basis and the change note keep their line breaks.
const CONTROL = /[\u0000-\u001f\u007f]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noControl = { message: '不能包含控制字符' };
const line = (max: number) => text(max).refine((v) => !CONTROL.test(v), noControl);
const optionalLine = (max: number) => optionalText(max).refine((v) => v === null || !CONTROL.test(v), noControl);
const MAX_INT = 2_147_483_647;

export const category = z.enum(CATALOGUE_CATEGORIES, { message: '事项类别不正确，应为 public_health、medical_institution、medical_staff、filing_other、ex_officio 之一' });
export const kind = z.enum(ITEM_KINDS, { message: '事项类型应为 licence（行政许可）或 filing（备案）' });
export const level = z.enum(ITEM_LEVELS, { message: '实施层级应为 provincial、municipal 或 district' });

export const ITEM_CODE_PATTERN = /^[A-Z][A-Z0-9-]*$/;
export const itemCode = z.string({ message: '请填写事项编码' }).trim().min(2, '事项编码至少2个字符').max(40, '事项编码不能超过40个字符')
  .regex(ITEM_CODE_PATTERN, '事项编码只能包含大写字母、数字和连字符，并以字母开头（如 XK-GGCS-01）');

const days = (what: string) => z.number({ message: `${what}应为数字` }).int(`${what}应为整数`);

export const material = z.object({
  code: z.string({ message: '请填写材料编号' }).trim().min(1, '请填写材料编号').max(20, '材料编号不能超过20个字符')
    .regex(/^[A-Za-z0-9_-]+$/, '材料编号只能包含字母、数字、下划线和连字符（如 M01）'),
  name: line(200),
  required: z.boolean({ message: 'required 应为 true 或 false' }),
  replaceable: z.enum(REPLACEABLE, { message: '免提交方式应为 e_licence（电子证照替代）、data_check（数据核验）或空' }).nullish().transform((v) => v ?? null),
  /** The electronic licence that replaces the paper (营业执照 …), when replaceable is e_licence. */
  licenceName: optionalLine(100),
}).transform((m) => (m.replaceable === 'e_licence' ? m : { ...m, licenceName: null }));
export type MaterialInput = z.infer<typeof material>;

const reminderDays = z.array(
  z.number({ message: '提醒天数应为数字' }).int('提醒天数应为整数').min(1, '提醒天数应为正整数').max(365, '提醒天数不能超过365天'),
  { message: '提醒天数应为正整数的列表' },
).min(1, '请至少设置一个到期提醒天数').max(5, '到期提醒不超过5次')
  .refine((v) => new Set(v).size === v.length, '到期提醒天数不能重复')
  .transform((v) => [...v].sort((a, b) => b - a));

/** The terms of an item: what an edit replaces (a new version). */
const terms = z.object({
  name: line(200),
  category,
  kind: kind.default('licence'),
  level: level.default('municipal'),
  /** The citation as written (法律依据), shown on the guide. */
  legalBasis: z.string({ message: '请填写设定依据' }).trim().min(1, '请填写设定依据').max(2000, '设定依据不能超过2000个字符')
    .refine((v) => !CONTROL.test(v), { message: '设定依据写在一行内，不能包含换行等控制字符' }),
  /** The articles of the legal-basis library it names, checked against the library as check items are. */
  legalBasisCites: z.array(basisCite).max(10, '关联条文不超过10条').default([]),
  statutoryDays: days('法定办结时限').min(1, '法定办结时限应至少为1个工作日').max(3650, '法定办结时限超出范围')
    .default(RULES.licensingDecisionPeriod.value),
  promisedDays: days('承诺办结时限').min(0, '承诺办结时限不能为负数').max(3650, '承诺办结时限超出范围'),
  online: z.boolean({ message: 'online 应为 true 或 false' }).default(true),
  commitmentAllowed: z.boolean({ message: 'commitmentAllowed 应为 true 或 false' }).default(false),
  deficiencyAllowed: z.boolean({ message: 'deficiencyAllowed 应为 true 或 false' }).default(false),
  fee: line(200).default('不收费'),
  materials: z.array(material).max(50, '申请材料不超过50项').default([]),
  licenceName: optionalLine(100),
  licenceValidYears: z.number({ message: '证照有效期应为数字' }).int('证照有效期应为整数（年）').min(1, '证照有效期应至少为1年').max(100, '证照有效期超出范围')
    .nullish().transform((v) => v ?? null),
  reminderDays: reminderDays.default(RULES.licensingExpiryReminderDays.value),
  changeNote: z.string().trim().max(500, '变更说明不能超过500个字符').refine((v) => !TEXT_CONTROL.test(v), noControl).nullish()
    .transform((v) => (v ? v : null)),
});

type Terms = z.output<typeof terms>;

/** Checks across fields; the same rules the service applies to imported rows. */
export function termProblems(t: Pick<Terms, 'statutoryDays' | 'promisedDays' | 'kind' | 'licenceName' | 'licenceValidYears' | 'materials'>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (t.promisedDays > t.statutoryDays) {
    out.push({ path: 'promisedDays', message: promisedTooLong(t.promisedDays, t.statutoryDays) });
  }
  if (t.kind === 'filing' && (t.licenceName || t.licenceValidYears)) {
    out.push({ path: 'licenceName', message: '备案事项不发放许可证件，请清空证照名称和有效期' });
  } else if (t.licenceValidYears && !t.licenceName) {
    out.push({ path: 'licenceName', message: '填写了证照有效期，请同时填写证照名称' });
  }
  const seen = new Set<string>();
  t.materials.forEach((m, i) => {
    if (seen.has(m.code)) out.push({ path: `materials.${i}.code`, message: `材料编号“${m.code}”重复` });
    seen.add(m.code);
    if (m.replaceable === 'e_licence' && !m.licenceName) {
      out.push({ path: `materials.${i}.licenceName`, message: `材料“${m.name}”可用电子证照替代，请填写替代它的电子证照名称（如 营业执照）` });
    }
  });
  return out;
}

export const promisedTooLong = (promised: number, statutory: number) =>
  `承诺办结时限（${promised}个工作日）不能超过法定办结时限（${statutory}个工作日）`;

const checked = <T extends z.ZodType<Terms>>(schema: T) => schema.superRefine((v, ctx) => {
  for (const p of termProblems(v)) ctx.addIssue({ code: 'custom', message: p.message, path: p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) });
});

export const catalogueItemInput = checked(terms.extend({
  itemCode,
  /** The implementing organisation; default the commission the user works in. */
  orgId: z.number().int().positive().max(MAX_INT).nullish().transform((v) => v ?? null),
  active: z.boolean({ message: 'active 应为 true 或 false' }).default(true),
}));
export type CatalogueItemInput = z.infer<typeof catalogueItemInput>;

/** An edit: the terms; it adds a version (the code and the implementing organisation stay). */
export const catalogueItemUpdate = checked(terms);
export type CatalogueItemUpdate = z.infer<typeof catalogueItemUpdate>;

export const activeChange = z.object({
  active: z.boolean({ message: 'active 应为 true 或 false' }),
  note: optionalLine(500),
});
export type ActiveChange = z.infer<typeof activeChange>;

const bool = (name: string) => z.enum(['true', 'false'], { message: `${name} 应为 true 或 false` }).optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export const listFilters = z.object({
  q: optionalLine(50),
  category: category.optional(),
  kind: kind.optional(),
  /** The implementing organisation and those under it. */
  orgId: z.coerce.number().int().positive().max(MAX_INT).optional(),
  active: bool('active'),
  /** Published to the portal (办事指南). */
  published: bool('published'),
});
export type ListFilters = z.infer<typeof listFilters>;

export const listQuery = listFilters.extend(pagination);
export type ListQuery = z.infer<typeof listQuery>;

export const exportQuery = listFilters.extend({
  format: z.enum(['xlsx'], { message: 'format 应为 xlsx' }).default('xlsx'),
});

export const itemCodeParam = z.object({ itemCode });

export const publicQuery = z.object({
  q: optionalLine(50),
  category: category.optional(),
  ...pagination,
});
export type PublicQuery = z.infer<typeof publicQuery>;

export const bundleInput = z.object({
  code: itemCode,
  name: line(200),
  itemCodes: z.array(itemCode, { message: '请选择套餐包含的事项' }).min(2, '“一件事”套餐至少包含2个事项').max(20, '“一件事”套餐不超过20个事项')
    .refine((v) => new Set(v).size === v.length, '套餐中的事项不能重复'),
  orgId: z.number().int().positive().max(MAX_INT).nullish().transform((v) => v ?? null),
});
export type BundleInput = z.infer<typeof bundleInput>;

// ---------------------------------------------------------------------------------
// Responses.

const storedCite = z.object({ law: z.string(), article: z.number(), paragraph: z.number().optional() });
export const materialRow = z.object({
  code: z.string(), name: z.string(), required: z.boolean(), replaceable: z.enum(REPLACEABLE).nullable(), licenceName: z.string().nullable(),
});
export type MaterialRow = z.infer<typeof materialRow>;

export const catalogueRow = z.object({
  id: z.number(),
  itemCode: z.string(),
  version: z.number(),
  isCurrent: z.boolean(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  category,
  categoryName: z.string(),
  kind,
  level,
  legalBasis: z.string(),
  legalBasisCites: z.array(storedCite),
  /** The cited articles in short form (《医师法》第十三条). */
  basisText: z.array(z.string()),
  statutoryDays: z.number(),
  promisedDays: z.number(),
  online: z.boolean(),
  commitmentAllowed: z.boolean(),
  deficiencyAllowed: z.boolean(),
  fee: z.string(),
  materials: z.array(materialRow),
  licenceName: z.string().nullable(),
  licenceValidYears: z.number().nullable(),
  reminderDays: z.array(z.number()),
  active: z.boolean(),
  publishedAt: z.date().nullable(),
  changeNote: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  /** The caller may change it (holds licensing.catalogue and the organisation is in their data scope). */
  editable: z.boolean(),
});
export type CatalogueRow = z.infer<typeof catalogueRow>;
export const catalogueList = paged(catalogueRow);

export const catalogueDetail = catalogueRow.extend({
  /** Each cited article as the library holds it today (null when it no longer does). */
  basis: z.array(z.object({ law: z.string(), article: z.number(), paragraph: z.number().nullable(), citation: z.string().nullable() })),
  /** Every version of the item, newest first. */
  versions: z.array(z.object({
    id: z.number(),
    version: z.number(),
    isCurrent: z.boolean(),
    changeNote: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.date(),
    /** The fields this version changed from the one before (empty for version 1). */
    changedFields: z.array(z.string()),
  })),
  /** How many applications were made under this version. */
  applications: z.number(),
});
export type CatalogueDetail = z.infer<typeof catalogueDetail>;

export const bundleRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  itemCodes: z.array(z.string()),
  items: z.array(z.object({ itemCode: z.string(), name: z.string(), promisedDays: z.number(), active: z.boolean() })),
  active: z.boolean(),
  createdAt: z.date(),
});
export type BundleRow = z.infer<typeof bundleRow>;
export const bundleList = z.object({ rows: z.array(bundleRow) });

/** The public service guide (办事指南): what an applicant needs, nothing internal. */
export const guideRow = z.object({
  itemCode: z.string(),
  name: z.string(),
  category,
  categoryName: z.string(),
  kind,
  kindName: z.string(),
  agency: z.string(),
  statutoryDays: z.number(),
  promisedDays: z.number(),
  online: z.boolean(),
  commitmentAllowed: z.boolean(),
  deficiencyAllowed: z.boolean(),
  fee: z.string(),
});
export const guideList = paged(guideRow);

export const guideDetail = guideRow.extend({
  level,
  levelName: z.string(),
  legalBasis: z.string(),
  /** The cited articles with their text as in force today. */
  basis: z.array(z.object({ citation: z.string(), text: z.array(z.string()) })),
  materials: z.array(materialRow.extend({ replaceableName: z.string().nullable() })),
  licenceName: z.string().nullable(),
  licenceValidYears: z.number().nullable(),
  version: z.number(),
  publishedAt: z.date(),
  /** The “one thing” bundles this item is part of. */
  bundles: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type GuideDetail = z.infer<typeof guideDetail>;

export const guideBundles = z.object({
  rows: z.array(z.object({
    code: z.string(),
    name: z.string(),
    agency: z.string(),
    items: z.array(z.object({ itemCode: z.string(), name: z.string(), promisedDays: z.number(), online: z.boolean() })),
    /** The longest promised time of its items (they are handled together). */
    promisedDays: z.number(),
  })),
});
