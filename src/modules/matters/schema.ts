// Request schemas of the matters routes. A registration form and each step's form are
// declared as fields (core/matters/<kind>.ts); their validation is built here from the
// declaration, so the browser's form and the server's check cannot drift apart.
import { z } from 'zod';
import { MATTER_KINDS } from '../../core/matters/clocks';
import { fieldShown, type FieldSpec } from '../../core/matters/procedure';
import { isoDate, optionalText, pagination, text } from '../../platform/http/schemas';

const id = z.number().int().positive().max(2_147_483_647);

function fieldSchema(f: FieldSpec): z.ZodType {
  switch (f.type) {
    case 'text': return f.required ? text(f.max ?? 200) : optionalText(f.max ?? 200);
    case 'textarea': return f.required ? text(f.max ?? 5000) : optionalText(f.max ?? 5000);
    case 'date': return f.required ? isoDate : isoDate.nullish().or(z.literal('')).transform((v) => v || null);
    case 'select': {
      const values = Object.keys(f.options ?? {}) as [string, ...string[]];
      const e = z.enum(values, { message: `${f.label}应为：${Object.values(f.options ?? {}).join('、')}` });
      if (f.multiple) {
        // Several of the options, each once (the sanctions an alteration leaves).
        const many = z.array(e, { message: `${f.label}格式不正确` }).max(values.length).refine((a) => new Set(a).size === a.length, { message: `${f.label}重复` });
        return f.required ? many.min(1, `请选择${f.label}`) : many.nullish().transform((v) => v ?? []);
      }
      return f.required ? e : e.nullish().transform((v) => v ?? null);
    }
    case 'boolean': return z.boolean().default(false);
    case 'number': return f.required ? z.number().min(0).max(1e12) : z.number().min(0).max(1e12).nullish().transform((v) => v ?? null);
    case 'list': return z.array(text(f.max ?? 100)).max(50, `${f.label}最多50项`).default([]);
    // Several organisations (a proposal's co-handlers), each once; absent when none is chosen.
    case 'orgs': return z.array(id, { message: `${f.label}格式不正确` }).max(20, `${f.label}最多20个`).transform((v) => [...new Set(v)]).nullish();
    case 'entity': case 'org': case 'user': case 'case':
      return f.required ? id : id.nullish().transform((v) => v ?? null);
  }
}

/** The zod object for a form: every declared field, nothing else; a field asked only when another holds some value (showWhen) is dropped otherwise, in order. */
export function formSchema(fields: readonly FieldSpec[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)]))).strict().transform((v) => {
    const out: Record<string, unknown> = { ...v };
    for (const f of fields) if (!fieldShown(f, out)) delete out[f.name];
    return out;
  });
}

export const kindParam = z.object({ kind: z.enum(MATTER_KINDS, { message: '事项类型不正确' }) });
export const matterParams = kindParam.extend({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const stepParams = matterParams.extend({ step: z.string().max(50) });
export const documentParams = matterParams.extend({ doc: z.string().max(50) });

/** Registration: the organisation it belongs to plus the kind's fields (checked against the kind's form). */
export const createBody = z.object({ orgId: id, fields: z.record(z.string(), z.unknown()) });
export const stepBody = z.object({ version: z.number().int().positive(), input: z.record(z.string(), z.unknown()).default({}) });
export const reassignBody = z.object({ version: z.number().int().positive(), assigneeId: id, reason: text(500) });
/** A co-handler's opinion; orgId names the co-handling unit when the user acts for more than one. */
export const coOpinionBody = z.object({
  orgId: id.nullish(),
  opinion: z.string({ message: '请填写会办意见' }).trim().min(1, '请填写会办意见').max(5000, '会办意见不能超过5000个字符'),
}).strict();

/** One more co-handling organisation named by the lead unit after registration. */
export const coHandlerBody = z.object({ orgId: z.number({ message: '请选择会办单位' }).int().positive('请选择会办单位').max(2_147_483_647, '会办单位不存在') }).strict();

export const LIST_CLOCKS = { red: '已超期', amber: '临近期限', open: '在办', concluded: '已办结' } as const;
/** The dates a list's period can read, each a column of the matter (the metrics place records by these). */
export const LIST_DATES = { received: 'received_on', accepted: 'accepted_on', concluded: 'concluded_on', due: 'due_on', hearing: 'hearing_on' } as const;

export const listFilters = z.object({
  q: optionalText(100),
  state: optionalText(40),
  subtype: optionalText(40),
  clock: z.enum(Object.keys(LIST_CLOCKS) as [keyof typeof LIST_CLOCKS, ...(keyof typeof LIST_CLOCKS)[]]).nullish(),
  mine: z.enum(['1', 'true']).nullish(),
  /** Waiting on the user: an extension asked for (approvers), a petition's review the user's body answers. */
  awaiting: z.enum(['extension', 'review'], { message: '待办筛选条件不正确' }).nullish(),
  /** Proposals the user's unit co-handles (1), or those where its opinion is still owed (pending). */
  coHandled: z.enum(['1', 'pending'], { message: '会办筛选条件不正确' }).nullish(),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).nullish(),
  from: isoDate.nullish(),
  to: isoDate.nullish(),
  /** Which date of a matter the period [from, to] reads (receipt unless another is named). */
  dateOf: z.enum(Object.keys(LIST_DATES) as [keyof typeof LIST_DATES, ...(keyof typeof LIST_DATES)[]]).nullish(),
});
export type ListFilters = z.infer<typeof listFilters>;
export const listQuery = listFilters.extend(pagination);
export type ListQuery = z.infer<typeof listQuery>;

export const anyObject = z.record(z.string(), z.unknown());

export const peopleQuery = z.object({ q: optionalText(50), role: optionalText(30) });

// ---------------------------------------------------------------------------------
// Public (portal) forms: bounded, and personal data kept to what the law asks.

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确');

export const publicComplaint = z.object({
  orgId: id,
  anonymous: z.boolean().default(false),
  contactName: optionalText(50),
  contactPhone: phone.nullish().or(z.literal('')).transform((v) => v || null),
  entityName: text(200),
  entityAddress: optionalText(300),
  summary: text(2000),
}).strict().superRefine((v, ctx) => {
  if (!v.anonymous && !v.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '实名投诉请留下联系电话；只愿匿名举报的请勾选“匿名”' });
});

export const publicDisclosure = z.object({
  orgId: id,
  contactName: text(100),
  contactPhone: phone,
  contactEmail: z.string().trim().email('电子邮箱格式不正确').max(100).nullish().or(z.literal('')).transform((v) => v || null),
  contactAddress: optionalText(300),
  title: text(2000),
  summary: optionalText(200),
}).strict();

export const trackingParam = z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z2-9]{16}$/, '查询码应为16位字母和数字') });

/** One Chinese sentence naming each bad field of a form by its label. */
export function formErrorMessage(error: z.ZodError, fields: readonly FieldSpec[]): string {
  const parts = error.issues.slice(0, 5).map((i) => {
    const name = String(i.path[0] ?? '');
    const f = fields.find((x) => x.name === name);
    if (i.code === 'unrecognized_keys') return `不应有的字段：${i.keys.join('、')}`;
    if (!f) return i.message;
    const missing = i.code === 'invalid_type' && /undefined|null/.test(i.message);
    return missing ? `请填写${f.label}` : `${f.label}：${/[\u4e00-\u9fff]/.test(i.message) ? i.message : '格式不正确'}`;
  });
  return parts.join('；');
}
