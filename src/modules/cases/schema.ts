import { z } from 'zod';
import { isoDate, optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { SANCTIONS, TIERS } from '../../core/discretion/engine';
import { CASE_STATES } from '../../core/procedure/penaltyCase';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Free text of a case (facts, opinions): line breaks allowed, other control characters not. */
const prose = (max: number) => text(max).refine((v) => !CONTROL.test(v), { message: '不能包含控制字符' });
const optionalProse = (max: number) => optionalText(max).refine((v) => v === null || v === undefined || !CONTROL.test(v), { message: '不能包含控制字符' });
const yuan = (label: string) => z.number({ message: `${label}应为数字（元）` }).min(0, `${label}不能为负数`).max(1_000_000_000, `${label}超出合理范围`)
  .refine((v) => Math.round(v * 100) === v * 100, { message: `${label}最多保留两位小数（到分）` });
const id = z.number().int().positive().max(2_147_483_647);
const sanctions = z.array(z.enum(SANCTIONS, { message: '处罚种类不正确' })).min(1, '至少选择一种处罚种类').max(SANCTIONS.length)
  .refine((a) => new Set(a).size === a.length, { message: '处罚种类重复' });
const inspectorIds = z.array(id).min(1, '请选择执法人员').max(10, '执法人员不超过10人')
  .refine((a) => new Set(a).size === a.length, { message: '执法人员重复' });

/** An instalment (or deferral: one instalment) plan, in order of due date; the guard checks it covers the fine (art. 66). */
const instalmentPlan = z.array(z.object({ dueOn: isoDate, amountYuan: yuan('每期金额') }), { message: '请填写分期方案' })
  .min(1, '至少一期').max(60, '不超过60期');
/** A payment: the fine paid and, apart, the late-payment surcharge paid (art. 72). */
const payment = z.object({ paidOn: isoDate, amountYuan: yuan('缴纳的罚款'), surchargeYuan: yuan('加处罚款').default(0) });

export const CASE_SOURCES = ['inspection', 'complaint', 'transfer', 'assigned', 'other'] as const;
export const CASE_SOURCE_NAMES: Record<(typeof CASE_SOURCES)[number], string> = {
  inspection: '监督检查发现', complaint: '投诉举报', transfer: '其他部门移送', assigned: '上级交办', other: '其他',
};

export const leadInput = z.object({
  orgId: id,
  source: z.enum(CASE_SOURCES, { message: '案件来源不正确' }),
  cause: prose(200),
  leadOn: isoDate,
  entityId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  partyKind: z.enum(['person', 'organisation'], { message: '当事人类型应为 person 或 organisation' }),
  partyName: prose(200),
  partyCode: optionalProse(30),
  partyLegalRep: optionalProse(50),
  partyAddress: prose(300),
  partyPhone: optionalProse(30),
  facts: optionalProse(5000),
});
export type LeadInput = z.infer<typeof leadInput>;

/** What each step takes besides the case version (the form on the case page). */
export const STEP_INPUTS = {
  file: z.object({ inspectorIds, opinion: optionalProse(1000) }),
  decline: z.object({ reason: prose(1000) }),
  decide_on_spot: z.object({ inspectorIds, facts: prose(5000), provisionCode: z.string().max(30).nullish(), sanctions, fineYuan: yuan('罚款') }),
  finish_investigation: z.object({
    facts: prose(10000), provisionCode: z.string().min(1, '请选择处罚依据').max(30), scenario: z.string().max(40).nullish(),
    illegalGainsYuan: yuan('违法所得').nullish(), tier: z.enum(TIERS, { message: '裁量档次不正确' }), sanctions, fineYuan: yuan('罚款'),
    outsideTierReason: optionalProse(2000), complex: z.boolean().default(false),
  }),
  transfer: z.object({ reason: prose(1000) }),
  return_to_investigation: z.object({ reason: prose(1000) }),
  submit_legal_review: z.object({ opinion: prose(2000) }),
  pass_review: z.object({ opinion: prose(2000) }),
  pass_legal_review: z.object({ opinion: prose(2000) }),
  decide_no_penalty: z.object({ reason: prose(2000) }),
  notify: z.object({ servedOn: isoDate }),
  request_hearing: z.object({ requestedOn: isoDate }),
  schedule_hearing: z.object({ hearingDate: isoDate, noticeServedOn: isoDate, hostInspectorId: id, place: prose(200) }),
  hold_hearing: z.object({ record: prose(10000) }),
  submit_collective: z.object({}),
  record_collective: z.object({ attendees: z.array(text(50)).min(3, '集体讨论至少3名负责人参加').max(30), minutes: prose(10000), decision: prose(2000) }),
  decide: z.object({ decidedOn: isoDate, sanctions, fineYuan: yuan('罚款'), outsideTierReason: optionalProse(2000) }),
  serve: z.object({ servedOn: isoDate, method: z.enum(['direct', 'mail', 'electronic', 'left', 'announcement'], { message: '送达方式不正确' }), recipient: prose(100) }),
  approve_instalment: z.object({ reason: prose(1000), plan: instalmentPlan }),
  pay_instalment: payment,
  record_payment: payment,
  enforce: z.object({ reason: prose(1000) }),
  close: z.object({ summary: prose(2000) }),
  archive: z.object({}),
} as const;
export type StepId = keyof typeof STEP_INPUTS;

export const stepBody = z.object({
  /** The version of the case the user saw: a step on a case changed since is refused (409). */
  version: z.number().int().positive(),
  input: z.record(z.string(), z.unknown()).default({}),
});

/**
 * The queues of cases waiting on a role (the home page counts them, the case list shows
 * them): the states where the next step is that role's.
 */
export const CASE_QUEUES = {
  filing: { permission: 'cases.approve', states: ['lead'], name: '待立案审批', nameEn: 'Awaiting filing approval' },
  case_review: { permission: 'cases.review', states: ['case_review'], name: '待案件审核', nameEn: 'Awaiting case review' },
  legal_review: { permission: 'cases.legal_review', states: ['legal_review'], name: '待法制审核', nameEn: 'Awaiting legal review' },
  collective: { permission: 'cases.approve', states: ['collective'], name: '待集体讨论', nameEn: 'Awaiting collective discussion' },
} as const;
export type CaseQueue = keyof typeof CASE_QUEUES;

const flag = z.enum(['true', 'false']).optional().transform((v) => v === undefined ? undefined : v === 'true');

/** The dates a case list's period can read (the dashboard links penalty figures by their date). */
export const CASE_PERIOD_DATES = ['lead', 'filed', 'decided', 'closed'] as const;

/** The case list's filters (also the Excel export's). */
export const caseFilters = z.object({
  q: optionalText(50),
  state: z.enum(CASE_STATES, { message: '案件状态不正确' }).optional(),
  procedure: z.enum(['general', 'simple']).optional(),
  provision: z.string().max(30).optional(),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  inspectorId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  overdue: flag,
  queue: z.enum(Object.keys(CASE_QUEUES) as [CaseQueue, ...CaseQueue[]], { message: '待办队列不正确' }).optional(),
  /** Open cases that meet the major-decision criteria (the leader's view). */
  majorOpen: flag,
  /** A period (inclusive) on the date named by dateOf: lead (default), filed, decided or closed. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  dateOf: z.enum(CASE_PERIOD_DATES, { message: '日期类型应为 lead、filed、decided 或 closed' }).optional(),
});
export type CaseFilters = z.infer<typeof caseFilters>;
export const caseListQuery = caseFilters.extend(pagination);
export type CaseListQuery = z.infer<typeof caseListQuery>;

const clock = z.object({
  id: z.string(), label: z.string(), citation: z.string(), start: z.string(), due: z.string(), stoppedOn: z.string().nullable(),
  colour: z.enum(['green', 'amber', 'red', 'stopped']), daysLeft: z.number().nullable(), provisional: z.boolean(),
  extendedFrom: z.string().optional(),
});

const paymentView = z.object({
  fineYuan: z.number(), dueOn: z.string(), paidFineYuan: z.number(), owedFineYuan: z.number(),
  surcharge: z.object({ yuan: z.number(), daysLate: z.number(), capped: z.boolean(), paidYuan: z.number(), owedYuan: z.number(), ratePercent: z.number(), citation: z.string() }),
  plan: z.object({
    approvedOn: z.string(),
    instalments: z.array(z.object({
      no: z.number(), dueOn: z.string(), amountYuan: z.number(), paidYuan: z.number(), paidOn: z.string().nullable(),
      status: z.enum(['paid', 'unpaid', 'overdue']), daysLate: z.number(), surchargeYuan: z.number(),
    })),
  }).nullable(),
  payments: z.array(z.object({ paidOn: z.string(), fineYuan: z.number(), surchargeYuan: z.number() })),
});

export const caseSummary = z.object({
  id: z.number(), caseNo: z.string(), orgId: z.number(), orgName: z.string(), state: z.string(), stateName: z.string(),
  procedure: z.string(), cause: z.string(), partyName: z.string(), leadOn: z.string(), filedOn: z.string().nullable(),
  provisionCode: z.string().nullable(), decidedFineYuan: z.number().nullable(), inspectors: z.array(z.string()),
  overdue: z.boolean(),
  /** Imported history (dataset penalty_cases): its state was set by the import, not walked. */
  imported: z.boolean(),
  /** Meets the major-decision criteria (as judged at the decision once decided). */
  major: z.boolean(),
});
export const caseList = paged(caseSummary);

export const caseDetail = caseSummary.extend({
  version: z.number(),
  source: z.string(), sourceName: z.string(), entityId: z.number().nullable(),
  party: z.object({ kind: z.string(), name: z.string(), code: z.string().nullable(), legalRep: z.string().nullable(), address: z.string(), phone: z.string().nullable() }),
  facts: z.string().nullable(),
  scenario: z.string().nullable(), illegalGainsYuan: z.number().nullable(), tier: z.string().nullable(),
  proposed: z.object({ sanctions: z.array(z.string()), fineYuan: z.number() }).nullable(),
  notified: z.object({ sanctions: z.array(z.string()), fineYuan: z.number() }).nullable(),
  decided: z.object({ sanctions: z.array(z.string()), fineYuan: z.number(), on: z.string() }).nullable(),
  major: z.boolean(), hearingRight: z.boolean(), legalReviewPassed: z.boolean(), collectiveRequired: z.boolean(),
  decisionExtension: z.object({ count: z.number(), max: z.number(), days: z.number(), citation: z.string() }).nullable(),
  payment: paymentView.nullable(),
  caseInspectors: z.array(z.object({ id: z.number(), name: z.string(), certificateNo: z.string().nullable(), canEnforce: z.boolean(), reason: z.string().optional(), recused: z.boolean(), userId: z.number().nullable() })),
  clocks: z.array(clock),
  nextSteps: z.array(z.object({
    id: z.string(), label: z.string(), to: z.string(), permission: z.string(), allowed: z.boolean(), mine: z.boolean(),
    refusal: z.object({ code: z.string(), message: z.string(), citation: z.string().optional() }).optional(), citation: z.string().optional(),
  })),
  publication: z.object({
    severity: z.string(), publishedOn: z.string(), dueOn: z.string(), repairFrom: z.string(), publicUntil: z.string(), onTime: z.boolean(),
    content: z.unknown(), withdrawnOn: z.string().nullable(), withdrawnReason: z.string().nullable(), public: z.boolean(),
  }).nullable(),
  /** The decision revoked, altered or found unlawful on reconsideration or in court (corrections.ts), oldest first. */
  corrections: z.array(z.object({
    id: z.number(), matterId: z.number(), matterKind: z.enum(['reconsideration', 'litigation']), matterNo: z.string(),
    correction: z.string(), correctionName: z.string(), body: z.string(), effect: z.enum(['reopened', 'adjusted', 'follow_up']),
    decidedOn: z.string(), citation: z.string(),
    before: z.object({ decidedOn: z.string().nullable(), sanctions: z.array(z.string()).nullable(), fineYuan: z.number().nullable(), paidYuan: z.number().nullable() }),
    after: z.object({ sanctions: z.array(z.string()), fineYuan: z.number() }).nullable(),
    followUp: z.string().nullable(), followedUpOn: z.string().nullable(), followUpNote: z.string().nullable(), followedUpBy: z.string().nullable(), at: z.string(),
  })),
  events: z.array(z.object({ id: z.number(), step: z.string(), label: z.string(), fromState: z.string().nullable(), toState: z.string(), input: z.unknown(), user: z.string().nullable(), at: z.string() })),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const publishInput = z.object({ severity: z.enum(['minor', 'general', 'serious'], { message: '违法程度应为 minor（轻微）、general（一般）或 serious（严重）' }) });
export const withdrawInput = z.object({
  reason: z.enum(['credit_repair', 'changed', 'revoked', 'unlawful'], { message: '撤下理由应为 credit_repair、changed、revoked 或 unlawful' }),
  note: prose(500),
});
export const publicDecision = z.object({
  id: z.number(), publishedOn: z.string(), caseNo: z.string(), agency: z.string(),
  party: z.object({ name: z.string(), code: z.string().nullable(), legalRep: z.string().nullable(), address: z.string().nullable() }),
  cause: z.string(), facts: z.string().nullable(), basis: z.array(z.string()), decision: z.string(), fineYuan: z.number(), decidedOn: z.string(),
});
export const publicList = paged(publicDecision);
export const publicListQuery = z.object({ q: optionalText(50), ...pagination });

export const documentList = z.array(z.object({
  kind: z.string(), title: z.string(), available: z.boolean(), locked: z.boolean(), issuedAt: z.string().nullable(), sha256: z.string().nullable(),
}));

export const caseIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const stepParam = caseIdParam.extend({ step: z.string().max(40) });
export const documentParam = caseIdParam.extend({ kind: z.string().max(40) });
export const recusalInput = z.object({ version: z.number().int().positive(), inspectorId: id, reason: prose(500) });
export const waiverInput = z.object({ version: z.number().int().positive(), note: prose(500) });
/** What the party stated or argued (陈述、申辩, art. 45), and whether the agency adopted it and why. */
export const statementInput = z.object({
  version: z.number().int().positive(), statedOn: isoDate, statement: prose(5000), adopted: z.boolean({ message: '请选择是否采纳' }), reasons: prose(2000),
});
export const extensionInput = z.object({ version: z.number().int().positive(), reason: prose(1000) });
/** What the handler did on a correction's follow-up (the fine returned, the remedies taken, the duty performed). */
export const correctionFollowUpInput = z.object({ version: z.number().int().positive(), correctionId: id, note: prose(2000) });
