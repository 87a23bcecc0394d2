// Request schemas of the legality routes (/api/legality): the register of items submitted
// for legality review, their steps, and the lists' filters. Names of the codes are here
// too, so lists, exports, documents and pages say the same thing.
import { z } from 'zod';
import { isoDate, optionalText, pagination, text } from '../../platform/http/schemas';

export const ITEM_KINDS = {
  major_decision: '重大行政决策',
  normative_doc: '行政规范性文件',
  major_contract: '重大行政合同',
  other: '其他',
} as const;
export type ItemKind = keyof typeof ITEM_KINDS;
/**
 * The kinds registered here whose legality review is mandatory (Hangzhou 2023: "重大行政决策、
 * 行政规范性文件、重大行政执法决定、重大行政合同的合法性审查100%覆盖"; the fourth kind, major
 * enforcement decisions, are the penalty cases' major decisions).
 */
export const MANDATORY_KINDS = ['major_decision', 'normative_doc', 'major_contract'] as const;

export const REVIEW_RESULTS = { passed: '合法', passed_with_changes: '修改后通过', failed: '不合法' } as const;
export type ReviewResult = keyof typeof REVIEW_RESULTS;

export const CLEANUP_ACTIONS = { retained: '继续有效', revised: '修改', repealed: '废止', declared_invalid: '宣布失效' } as const;
export type CleanupAction = keyof typeof CLEANUP_ACTIONS;
/** Clean-up actions that end a document's life: nothing is cleaned after them. */
export const FINAL_CLEANUP: readonly CleanupAction[] = ['repealed', 'declared_invalid'];

/** The furthest step recorded (the generated column legality_items.status). */
export const STATUSES = {
  registered: '未报送',
  pending: '待审查',
  reviewed: '已审查',
  adopted: '已通过',
  issued: '已公布',
  cleaned: '已清理',
} as const;
export type ItemStatus = keyof typeof STATUSES;

/** Which date of an item the list's date range applies to. */
export const DATE_FIELDS = {
  submitted: 'submitted_on', reviewed: 'reviewed_on', adopted: 'adopted_on', issued: 'issued_on', cleaned: 'cleaned_on',
} as const;

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const id = z.number().int().positive().max(2_147_483_647);
const optionalDate = isoDate.nullish().or(z.literal('')).transform((v) => v || null);

export const kindEnum = z.enum(keysOf(ITEM_KINDS), { message: '类型应为：重大行政决策、行政规范性文件、重大行政合同或其他' });
const resultEnum = z.enum(keysOf(REVIEW_RESULTS), { message: '审查结论应为：合法、修改后通过或不合法' });
const cleanupEnum = z.enum(keysOf(CLEANUP_ACTIONS), { message: '清理结果应为：继续有效、修改、废止或宣布失效' });

/** Item numbers: letters, digits and hyphens (HFX-2026-0001 when left empty). */
const itemNo = z.string().trim().max(40, '编号不能超过40个字符')
  .regex(/^[A-Za-z0-9〔〕()（）\-_/]*$/, '编号只能包含字母、数字和连字符').nullish().transform((v) => v || null);

/** Registering an item (and editing its particulars). */
export const itemInput = z.object({
  orgId: id,
  itemNo,
  kind: kindEnum,
  title: text(200),
  draftingUnit: optionalText(100),
  touchesMarket: z.boolean().default(false),
  submittedOn: optionalDate,
}).strict();
export type ItemInput = z.infer<typeof itemInput>;

export const reviewInput = z.object({ reviewedOn: isoDate, result: resultEnum, opinion: optionalText(5000) }).strict();
export const fairCompetitionInput = z.object({ reviewedOn: isoDate, passed: z.boolean({ message: '请选择公平竞争审查结论' }) }).strict();
export const adoptionInput = z.object({ adoptedOn: isoDate }).strict();
export const issueInput = z.object({ issuedOn: isoDate, docNumber: optionalText(60) }).strict();
export const cleanupInput = z.object({ cleanedOn: isoDate, action: cleanupEnum, batch: optionalText(100) }).strict();
export const batchCleanupInput = cleanupInput.extend({
  ids: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1, '请选择要清理的文件').max(500, '一次最多清理500件'),
}).strict();

const flag = z.enum(['1', 'true']).nullish();

/**
 * The list's clean-up filter: one result, or `not_retained` — revised, repealed or declared
 * invalid (the documents normative_docs.cleaned counts; 继续有效 is not a clean-up that counts).
 */
export const CLEANUP_FILTERS = { ...CLEANUP_ACTIONS, not_retained: '修改、废止或宣布失效' } as const;

export const listFilters = z.object({
  q: optionalText(100),
  kind: kindEnum.nullish(),
  status: z.enum(keysOf(STATUSES), { message: '状态不正确' }).nullish(),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).nullish(),
  /** Which date the period [from, to] applies to (submitted when absent); the dashboard links each figure with the date it reads. */
  dateField: z.enum(keysOf(DATE_FIELDS), { message: '日期类型应为 submitted、reviewed、adopted、issued 或 cleaned' }).nullish(),
  from: isoDate.nullish(),
  to: isoDate.nullish(),
  /** Items of a mandatory kind adopted without a legality review completed by then. */
  unreviewed: flag,
  /** Market-touching items issued without a passed fair-competition review before issue. */
  noFairCompetition: flag,
  touchesMarket: flag,
  /** Items of the kinds whose legality review is mandatory (MANDATORY_KINDS: what review.coverage counts among the items). */
  mandatory: flag,
  cleanupAction: z.enum(keysOf(CLEANUP_FILTERS), { message: '清理结果应为：继续有效、修改、废止、宣布失效，或修改、废止或宣布失效' }).nullish(),
});
export type ListFilters = z.infer<typeof listFilters>;
export const listQuery = listFilters.extend(pagination);
export type ListQuery = z.infer<typeof listQuery>;

export const itemParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const anyObject = z.record(z.string(), z.unknown());
