// Licensing (行政许可与政务服务): applications, their steps, electronic licences,
// commitment checks, and what the public portal sends and receives.
import { z } from 'zod';
import { isoDate, pagination } from '../../platform/http/schemas';
import { checkUscc } from '../../core/codes/uscc';
import { APPLICATION_STATES } from '../../core/procedure/licenceApplication';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const prose = (max: number, what: string) => z.string({ message: `请填写${what}` }).trim()
  .min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字`)
  .refine((v) => !CONTROL.test(v), { message: `${what}不能包含控制字符` });
const optionalProse = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过${max}个字`)
  .refine((v) => !CONTROL.test(v), { message: `${what}不能包含控制字符` }).nullish()
  .transform((v) => (v ? v : null));

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const idParam = z.object({ id });
export const stepParam = z.object({ id, step: z.string().regex(/^[a-z_]{2,40}$/, '步骤不正确') });
export const trackingParam = z.object({ code: z.string().trim().regex(/^[A-Z2-9]{10}$/, '查询码应为10位字母和数字') });
export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,40}$/, '核验码不正确') });

export const CHANNELS = ['online', 'window', 'mail', 'self_service'] as const;
export const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], string> = { online: '网上申请', window: '窗口申请', mail: '邮寄申请', self_service: '自助终端' };

export const PROVISIONS = ['paper', 'e_licence', 'data_check', 'missing'] as const;
export type Provision = (typeof PROVISIONS)[number];
export const PROVISION_NAMES: Record<Provision, string> = { paper: '提交材料', e_licence: '引用电子证照', data_check: '数据核验免提交', missing: '未提交' };

export const materialInput = z.object({
  /** In a bundle, the item the material belongs to (codes repeat across items); any item with the code when absent. */
  itemCode: z.string().trim().max(40).nullish().transform((v) => v || null),
  code: z.string().trim().min(1).max(40),
  provision: z.enum(PROVISIONS, { message: '材料的提交方式不正确' }),
  /** The e-licence referenced instead of a paper copy. */
  licenceNo: z.string().trim().max(60).nullish().transform((v) => v || null),
});
export type MaterialInput = z.infer<typeof materialInput>;

const phone = z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话应为11位手机号码或带区号的固定电话').nullish().transform((v) => v || null);
const email = z.string().trim().max(100).email('电子邮箱格式不正确').nullish().transform((v) => v || null);
const uscc = z.string().trim().toUpperCase().nullish().transform((v) => v || null)
  .superRefine((v, ctx) => {
    if (!v) return;
    const r = checkUscc(v);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: r.message ?? '统一社会信用代码不正确' });
  });

/** One application (or a bundle's), from the portal or registered at the window. */
export const applicationInput = z.object({
  /** One catalogue item, or a bundle (一件事) of several. */
  itemCode: z.string().trim().max(40).nullish().transform((v) => v || null),
  bundleCode: z.string().trim().max(40).nullish().transform((v) => v || null),
  applicantName: prose(100, '申请人名称（单位名称或个人姓名）'),
  applicantUscc: uscc,
  contactPhone: phone,
  contactEmail: email,
  address: optionalProse(200, '地址'),
  scope: optionalProse(500, '申请的许可范围（经营项目、诊疗科目等）'),
  commitment: z.boolean().default(false),
  materials: z.array(materialInput).max(60).default([]),
  /**
   * In a bundle, the person a staff registration (医护人员执业注册) is for, when it is not
   * the applicant: a new clinic registers its doctor and nurse under the clinic's one form.
   */
  holders: z.array(z.object({ itemCode: z.string().trim().min(1).max(40), name: prose(50, '执业人员姓名') })).max(20).default([]),
}).superRefine((v, ctx) => {
  if (!v.itemCode && !v.bundleCode) ctx.addIssue({ code: 'custom', path: ['itemCode'], message: '请选择申请的事项' });
  if (v.itemCode && v.bundleCode) ctx.addIssue({ code: 'custom', path: ['bundleCode'], message: '事项和“一件事”套餐只能选择一个' });
  if (v.holders.length > 0 && !v.bundleCode) ctx.addIssue({ code: 'custom', path: ['holders'], message: '只有“一件事”套餐可以为各事项分别填写执业人员' });
  if (!v.contactPhone && !v.contactEmail) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '请至少填写联系电话或电子邮箱，以便接收查询码和办理结果' });
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export const windowApplicationInput = z.object({
  channel: z.enum(['window', 'mail', 'self_service'], { message: '收件渠道不正确' }).default('window'),
}).and(applicationInput);
export type WindowApplicationInput = z.infer<typeof windowApplicationInput>;

const owed = z.object({ name: prose(100, '容缺材料名称'), dueOn: isoDate });

export const stepInput = z.object({
  reason: optionalProse(2000, '理由或说明'),
  remedies: optionalProse(500, '救济途径'),
  owed: z.array(owed).max(30).optional(),
  /** Materials as re-checked by the window (correction received, or checked before acceptance). */
  materials: z.array(materialInput).max(60).optional(),
  /** The owed materials supplied now (names); all of them when absent. */
  supplied: z.array(z.string().trim().max(100)).max(30).optional(),
  /** The licence's validity, when the item's default is not used. */
  validTo: isoDate.optional(),
  scope: optionalProse(500, '许可范围'),
}).default({ reason: null, remedies: null, scope: null });
export type StepInput = Partial<z.infer<typeof stepInput>>;

export const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  state: z.enum(APPLICATION_STATES).optional(),
  itemCode: z.string().trim().max(40).optional(),
  channel: z.enum(CHANNELS).optional(),
  orgId: id.optional(),
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  /** Concluded between (inclusive): the period of the licensing figures (the dashboard links here). */
  concludedFrom: isoDate.optional(),
  concludedTo: isoDate.optional(),
  /** Open applications past their promised limit. */
  overdue: z.enum(['true', 'false']).optional(),
  /** Accepted with materials owed (容缺受理), not all supplied by the agreed date (the window's to-do links here). */
  owedOverdue: z.enum(['true', 'false']).optional(),
  ...pagination,
});
export type ListQuery = z.infer<typeof listQuery>;
export const exportQuery = listQuery.omit({ page: true, pageSize: true });

export const SHOWN_STATUSES = ['valid', 'expired', 'revoked', 'cancelled', 'superseded'] as const;
export const licenceListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(SHOWN_STATUSES).optional(),
  itemCode: z.string().trim().max(40).optional(),
  orgId: id.optional(),
  entityId: z.coerce.number().int().positive().optional(),
  /** Valid licences expiring within this many days (the renewal-reminder list). */
  expiringWithin: z.coerce.number().int().min(0).max(366).optional(),
  /** true: the renewal-reminder list, valid licences within the largest of their item's reminder days (licences without an item: the rule's). */
  expiring: z.enum(['true', 'false'], { message: 'expiring 应为 true 或 false' }).optional(),
  ...pagination,
});
export type LicenceListQuery = z.infer<typeof licenceListQuery>;
export const licenceExportQuery = licenceListQuery.omit({ page: true, pageSize: true });

export const endInput = z.object({
  reason: prose(500, '理由'),
  onDate: isoDate.optional(),
  caseId: id.nullish(),
});
export const replaceInput = z.object({
  kind: z.enum(['changed', 'renewed', 'reissued'], { message: '办理类型不正确' }),
  reason: prose(500, '办理理由'),
  holderName: optionalProse(100, '持证人名称'),
  scope: optionalProse(500, '许可范围'),
  address: optionalProse(200, '地址'),
  validTo: isoDate.optional(),
});

export const checkInput = z.object({
  result: z.enum(['confirmed', 'false_commitment'], { message: '核查结论不正确' }),
  finding: prose(2000, '核查情况'),
});
export const checkListQuery = z.object({
  state: z.enum(['open', 'confirmed', 'false_commitment']).optional(),
  ...pagination,
});

export const withdrawInput = z.object({
  applicationNo: z.string().trim().max(40),
  reason: prose(200, '撤回的原因'),
});

export const supplementInput = z.object({
  applicationNo: z.string().trim().max(40),
  /** Materials now provided (correction), by code. */
  materials: z.array(materialInput).max(60).default([]),
  /** Owed materials (容缺) now supplied, by name. */
  supplied: z.array(z.string().trim().max(100)).max(30).default([]),
  note: optionalProse(500, '补充说明'),
});
export const ratingInput = z.object({
  applicationNo: z.string().trim().max(40),
  rating: z.number({ message: '请选择评价' }).int().min(1, '评价为1到5星').max(5, '评价为1到5星'),
  comment: optionalProse(500, '评价意见'),
});
export const decisionListQuery = z.object({ q: z.string().trim().max(100).optional(), ...pagination });

/** Objects returned whole to the staff pages (their fields are documented in the service types). */
export const anyObject = z.unknown();
export const anyList = z.object({ rows: z.array(z.unknown()), total: z.number().int(), totalCapped: z.boolean(), page: z.number().int(), pageSize: z.number().int() });
/** The published decisions, with the publication period the law sets. */
export const decisionList = anyList.extend({ publicationWorkdays: z.number().int(), publicationCitation: z.string() });
export const lookupQuery = z.object({ licenceNo: z.string().trim().min(1, '请输入证照编号').max(60) });

// ------------------------------------------------------------------ material files
export const fileParam = z.object({ id, fileId: id });
/** A material file of an application of the tracking code (the portal). */
export const trackedFileParam = trackingParam.extend({ fileId: id });
export const fileContentQuery = z.object({
  disposition: z.enum(['inline', 'attachment'], { message: 'disposition 应为 inline 或 attachment' }).default('attachment'),
});
/** The multipart fields sent before the file part: the material, and on the portal the application of the tracking code. */
export const staffFileFields = z.object({
  materialCode: z.string({ message: '请选择文件所属的申请材料' }).trim().min(1, '请选择文件所属的申请材料').max(40, '材料编号不正确'),
});
export const publicFileFields = staffFileFields.extend({
  applicationNo: z.string({ message: '请指明办件编号' }).trim().min(1, '请指明办件编号').max(40, '办件编号不正确'),
});
