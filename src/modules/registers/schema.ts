// Request schemas and code tables of the registers the annual report reads (issue 7):
// proactive publications (主动公开), trainings and law study (培训学法), law-popularisation
// activities (普法活动) and the "谁执法谁普法" responsibility list (普法责任清单). Every
// message names the field in Chinese, so the form can show it under that field.
import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/dates';
import { pagination } from '../../platform/http/schemas';

export const PUBLICATION_CHANNELS = {
  website: '门户网站', weibo: '政务微博', wechat: '政务微信', catalogue: '政府信息公开目录', other: '其他渠道',
} as const;
export const TRAINING_KINDS = {
  training: '业务培训', law_study: '集体学法', constitution_oath: '宪法宣誓', expert_lecture: '专家讲座',
} as const;
export const ACTIVITY_KINDS = {
  campaign: '主题宣传', quiz: '知识竞赛', lecture: '法治讲座', media: '媒体宣传', service: '法律服务',
} as const;

export type RegisterName = 'publications' | 'trainings' | 'activities';

const maxId = 2_147_483_647;

/** A required text field named by its label in every message. */
const required = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim()
  .min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字符`);
const optional = (label: string, max: number) => z.string({ error: `${label}应为文本` }).trim().max(max, `${label}不能超过${max}个字符`).nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const day = (label: string) => z.string({ error: `请填写${label}` }).max(10, `${label}应为 YYYY-MM-DD 格式的有效日期`)
  .refine(isIsoDate, { message: `${label}应为 YYYY-MM-DD 格式的有效日期` });
const optionalDay = (label: string) => day(label).nullish().or(z.literal('')).transform((v) => v || null);
const orgId = z.number({ error: '请选择机构' }).int().positive().max(maxId, '机构不正确');
const oneOf = <T extends Record<string, string>>(label: string, codes: T) =>
  z.enum(Object.keys(codes) as [keyof T & string, ...(keyof T & string)[]], { error: `${label}应为：${Object.values(codes).join('、')}` });
const participants = z.number({ error: '参加人数应为整数' }).int('参加人数应为整数').min(0, '参加人数不能为负数').max(10_000_000, '参加人数不能超过10000000');

/** A record number (unique in its register; the dataset's key). Empty: the platform numbers it. */
export const recordNo = z.string({ error: '编号应为文本' }).trim().max(60, '编号不能超过60个字符')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: '编号不能包含控制字符' })
  .nullish().transform((v) => (v ? v : null));

export const publicationInput = z.object({
  publicationNo: recordNo,
  orgId,
  publishedOn: day('发布日期'),
  channel: oneOf('发布渠道', PUBLICATION_CHANNELS),
  title: required('标题', 300),
  url: optional('链接', 500).refine((v) => v === null || /^https?:\/\/\S+$/.test(v), { message: '链接应为以 http:// 或 https:// 开头的网址' }),
}).strict();

export const trainingInput = z.object({
  trainingNo: recordNo,
  orgId,
  heldOn: day('举办日期'),
  kind: oneOf('培训类型', TRAINING_KINDS),
  title: required('主题', 300),
  participants,
}).strict();

export const activityInput = z.object({
  activityNo: recordNo,
  orgId,
  heldOn: day('举办日期'),
  kind: oneOf('活动类型', ACTIVITY_KINDS),
  title: required('活动名称', 300),
  participants: participants.default(0),
}).strict();

export type PublicationInput = z.output<typeof publicationInput>;
export type TrainingInput = z.output<typeof trainingInput>;
export type ActivityInput = z.output<typeof activityInput>;

/** The filters of a register's list (and its export). */
export const registerFilters = z.object({
  q: z.string().trim().max(100, '查询内容不能超过100个字符').nullish().transform((v) => v || null),
  orgId: z.coerce.number().int().positive().max(maxId).nullish(),
  from: day('起始日期').nullish(),
  to: day('截止日期').nullish(),
  /** The channel (publications) or kind (trainings, activities). */
  type: z.string().trim().max(40).nullish().transform((v) => v || null),
  source: z.enum(['platform', 'import']).nullish(),
});
export type RegisterFilters = z.output<typeof registerFilters>;
export const registerQuery = registerFilters.extend(pagination);
export type RegisterQuery = z.output<typeof registerQuery>;

// ── The responsibility list ──────────────────────────────────────────────────────────
const year = z.number({ error: '请填写年度' }).int('年度应为整数').min(2000, '年度应在2000～2100之间').max(2100, '年度应在2000～2100之间');

export const dutyInput = z.object({
  orgId,
  year,
  duty: required('普法职责', 1000),
  measure: optional('主要措施', 2000),
  target: optional('普法对象', 300),
  dueOn: optionalDay('完成时限'),
}).strict();
export type DutyInput = z.output<typeof dutyInput>;

export const dutyCompletion = z.object({
  completedOn: day('完成日期'),
  completionNote: required('完成情况', 2000),
}).strict();
export type DutyCompletion = z.output<typeof dutyCompletion>;

export const dutyFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  orgId: z.coerce.number().int().positive().max(maxId).nullish(),
  q: z.string().trim().max(100).nullish().transform((v) => v || null),
  status: z.enum(['open', 'done', 'overdue']).nullish(),
});
export type DutyFilters = z.output<typeof dutyFilters>;
export const dutyQuery = dutyFilters.extend(pagination);
export type DutyQuery = z.output<typeof dutyQuery>;
export const dutyProgressQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const anyObject = z.record(z.string(), z.unknown());
