// The penalty case procedure (行政处罚法, 2021) declared as data for the procedure engine:
// general procedure from lead to archive, the simple (on-the-spot) procedure within the
// art. 51 limits, the no-penalty route (art. 33), transfer, and the statutory clocks.
// Guards read the facts the case module gathers (inspectors and their certificates,
// the notified and decided penalties, served dates and the deadlines it has computed
// with the working-day calendar); each refusal cites its article.
import { RULES } from '../law/rules';
import type { Sanction } from '../discretion/engine';
import type { ClockSpec, Guard, Procedure, Refusal } from './engine';
import { planProblem, toFen, toYuan } from './payment';

export const CASE_STATES = [
  'lead', 'not_filed', 'filed', 'case_review', 'legal_review', 'reviewed', 'notified', 'hearing_requested',
  'hearing_scheduled', 'heard', 'collective', 'deliberated', 'decided', 'no_penalty', 'simple_decided', 'served',
  'instalment', 'paid', 'enforcement', 'transferred', 'closed', 'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export type PartyKind = 'person' | 'organisation';

export interface CaseInspector { id: number; name: string; canEnforce: boolean; reason?: string; recused: boolean }

export interface Penalty { sanctions: Sanction[]; fineYuan: number }

/** Where a fine stands against the discretion benchmark (core/discretion/engine.ts). */
export type FineStanding = 'within_tier' | 'outside_tier' | 'outside_statutory';

export interface PenaltyCaseFacts {
  today: string;
  partyKind: PartyKind;
  inspectors: CaseInspector[];
  /** The penalty the step would notify or decide (from the step's input). */
  proposed: Penalty | null;
  proposedStanding: FineStanding | null;
  /** Written reason for a fine outside its benchmark tier. */
  outsideTierReason: string | null;
  /** The penalty stated in the prior notice (告知书). */
  notified: Penalty | null;
  /** The case meets the major-decision criteria (法制审核目录). */
  major: boolean;
  legalReviewPassed: boolean;
  /**
   * The case needs a collective decision by the agency's heads (art. 57): complex, a heavy
   * sanction, or a fine at the local threshold. Independent of `major` (legal review, art. 58).
   */
  collectiveRequired: boolean;
  /** Minutes and attendance of the collective discussion are recorded. */
  collectiveRecorded: boolean;
  /** The notified penalty gives the party the right to a hearing (art. 63). */
  hearingRight: boolean;
  noticeServedOn: string | null;
  /** Last day of the statement-and-defence period (computed from noticeServedOn). */
  defenceEnds: string | null;
  /** The party declared in writing that it will not state or defend. */
  defenceWaived: boolean;
  /** Last day to request a hearing (computed from noticeServedOn). */
  hearingRequestEnds: string | null;
  hearingDate: string | null;
  /** The hearing notice was served on this date. */
  hearingNoticeServedOn: string | null;
  /** The earliest lawful hearing date after hearingNoticeServedOn (7 working days later, computed). */
  hearingEarliest: string | null;
  /** The hearing host took part in the investigation. */
  hearingHostInvestigated: boolean | null;
  /** Reasons for not filing, for no penalty, or for the transfer, as the step gives them. */
  reason: string | null;
  /** Paid in full, or the enforcement concluded. */
  fineSettled: boolean;
  /** The fine of the decision taken (0 when none). */
  decidedFineYuan: number;
  /** The simple-procedure limit for this party (rules, art. 51). */
  simpleFineLimitYuan: number;
  /** The instalment (or deferral) plan the step would approve (art. 66), from its input. */
  plan: { dueOn: string; amountYuan: number }[] | null;
  /** The payment the step records, from its input: the fine and the late-payment surcharge paid. */
  payment: { fineYuan: number; surchargeYuan: number } | null;
  /** The fine paid before this step (earlier instalments). */
  paidFineYuan: number;
  /** The surcharge accrued by the payment date and not yet paid (art. 72), computed. */
  surchargeOwedYuan: number;
}

const PUNISHMENT_LAW = '《中华人民共和国行政处罚法》';
const refuse = (code: string, message: string, citation?: string): Refusal => ({ code, message, ...(citation ? { citation } : {}) });

// ---------------------------------------------------------------------------------
// Guards.

const twoValidInspectors: Guard<PenaltyCaseFacts> = (f) => {
  const active = f.inspectors.filter((i) => !i.recused);
  const invalid = active.find((i) => !i.canEnforce);
  if (invalid) return refuse('INSPECTOR_NOT_QUALIFIED', `执法人员${invalid.name}不能执法：${invalid.reason ?? '无有效执法证件'}`, RULES.certificateRequired.citation);
  if (active.length < RULES.minInspectors.value) {
    return refuse('TOO_FEW_INSPECTORS', `调查取证的执法人员不得少于${RULES.minInspectors.value}人（回避的不计入），并应出示执法证件`, RULES.minInspectors.citation);
  }
  return null;
};

const oneValidInspector: Guard<PenaltyCaseFacts> = (f) => {
  const active = f.inspectors.filter((i) => !i.recused);
  if (active.length === 0) return refuse('NO_INSPECTOR', '当场处罚须由执法人员作出并出示执法证件', `${PUNISHMENT_LAW}第五十二条`);
  const invalid = active.find((i) => !i.canEnforce);
  return invalid ? refuse('INSPECTOR_NOT_QUALIFIED', `执法人员${invalid.name}不能执法：${invalid.reason ?? '无有效执法证件'}`, RULES.certificateRequired.citation) : null;
};

const reasonGiven = (what: string): Guard<PenaltyCaseFacts> => (f) =>
  (f.reason && f.reason.trim() ? null : refuse('REASON_REQUIRED', `请写明${what}`));

const proposalGiven: Guard<PenaltyCaseFacts> = (f) =>
  (f.proposed && f.proposed.sanctions.length > 0 ? null : refuse('PENALTY_REQUIRED', '请填写拟作出的处罚（处罚种类及罚款金额）'));

const withinLaw: Guard<PenaltyCaseFacts> = (f) => {
  if (f.proposedStanding === 'outside_statutory') return refuse('FINE_OUTSIDE_LAW', '罚款超出法定幅度，不能作出', `${PUNISHMENT_LAW}第五条、第三十二条`);
  if (f.proposedStanding === 'outside_tier' && !(f.outsideTierReason && f.outsideTierReason.trim())) {
    return refuse('TIER_REASON_REQUIRED', '罚款不在裁量基准档次之内，须书面说明理由并经法制审核', '《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）');
  }
  return null;
};

const simpleLimits: Guard<PenaltyCaseFacts> = (f) => {
  if (!f.proposed) return refuse('PENALTY_REQUIRED', '请填写当场作出的处罚');
  const allowed: Sanction[] = ['warning', 'fine'];
  if (f.proposed.sanctions.some((s) => !allowed.includes(s))) {
    return refuse('SIMPLE_SANCTION', '简易程序只能给予警告或者罚款', RULES.simpleProcedureFinePerson.citation);
  }
  if (f.proposed.fineYuan > f.simpleFineLimitYuan) {
    const who = f.partyKind === 'person' ? '公民' : '法人或者其他组织';
    return refuse('SIMPLE_FINE_LIMIT', `简易程序对${who}的罚款不得超过${f.simpleFineLimitYuan}元，应适用普通程序`, RULES.simpleProcedureFinePerson.citation);
  }
  return null;
};

const majorReviewed: Guard<PenaltyCaseFacts> = (f) => (f.major && !f.legalReviewPassed
  ? refuse('LEGAL_REVIEW_REQUIRED', '重大执法决定未经法制审核或者审核未通过的，不得作出决定', `${PUNISHMENT_LAW}第五十八条`) : null);

const isMajor: Guard<PenaltyCaseFacts> = (f) => (f.major ? null : refuse('NOT_MAJOR', '本案不属于重大执法决定，无须法制审核；可直接审核通过'));
const notMajor: Guard<PenaltyCaseFacts> = (f) => (f.major ? refuse('MAJOR_NEEDS_REVIEW', '本案属于重大执法决定，须提交法制审核', `${PUNISHMENT_LAW}第五十八条`) : null);

const noticeServed: Guard<PenaltyCaseFacts> = (f) => (f.noticeServedOn ? null : refuse('NOTICE_NOT_SERVED', '行政处罚事先告知书尚未送达当事人', `${PUNISHMENT_LAW}第四十四条`));

const defenceOver: Guard<PenaltyCaseFacts> = (f) => {
  if (f.defenceWaived) return null;
  if (!f.defenceEnds || f.today <= f.defenceEnds) {
    return refuse('DEFENCE_PERIOD', `陈述、申辩期限${f.defenceEnds ? `至${f.defenceEnds}` : ''}尚未届满（当事人书面放弃的除外），不能作出决定`, RULES.defencePeriod.citation);
  }
  return null;
};

const hearingRequestInTime: Guard<PenaltyCaseFacts> = (f) => {
  if (!f.hearingRight) return refuse('NO_HEARING_RIGHT', '告知的处罚不属于应当告知听证权利的情形', `${PUNISHMENT_LAW}第六十三条`);
  if (!f.hearingRequestEnds || f.today > f.hearingRequestEnds) {
    return refuse('HEARING_REQUEST_LATE', `当事人应在告知后${RULES.hearingRequestPeriod.value}个工作日内（至${f.hearingRequestEnds ?? '—'}）提出听证要求，已逾期`, RULES.hearingRequestPeriod.citation);
  }
  return null;
};

const hearingNoticeInTime: Guard<PenaltyCaseFacts> = (f) => {
  if (!f.hearingDate || !f.hearingNoticeServedOn || !f.hearingEarliest) return refuse('HEARING_DETAILS', '请填写听证日期和听证通知书送达日期');
  // Conservative reading of 七日前: seven full working days between the notice and the hearing.
  if (f.hearingDate <= f.hearingEarliest) {
    return refuse('HEARING_NOTICE_LATE', `听证通知应在听证${RULES.hearingNoticePeriod.value}个工作日前送达：${f.hearingNoticeServedOn}送达的，听证最早可在${f.hearingEarliest}之后举行`, RULES.hearingNoticePeriod.citation);
  }
  if (f.hearingHostInvestigated !== false) return refuse('HEARING_HOST', '听证主持人应由非本案调查人员担任', `${PUNISHMENT_LAW}第六十四条第四项`);
  return null;
};

const hearingDayCome: Guard<PenaltyCaseFacts> = (f) => (f.hearingDate && f.today >= f.hearingDate ? null : refuse('HEARING_NOT_YET', `听证定于${f.hearingDate ?? '—'}举行，尚未到期`));

const collectiveDone: Guard<PenaltyCaseFacts> = (f) => (f.collectiveRequired && !f.collectiveRecorded
  ? refuse('COLLECTIVE_REQUIRED', '情节复杂或者重大违法行为给予行政处罚的，应当由行政机关负责人集体讨论决定', `${PUNISHMENT_LAW}第五十七条`) : null);

const collectiveMinutes: Guard<PenaltyCaseFacts> = (f) => (f.collectiveRecorded ? null : refuse('MINUTES_REQUIRED', '请上传集体讨论记录（参加人员、讨论意见和决定）'));

const notHeavier: Guard<PenaltyCaseFacts> = (f) => {
  if (!f.proposed || !f.notified) return null;
  const extra = f.proposed.sanctions.filter((s) => !f.notified!.sanctions.includes(s));
  if (f.proposed.fineYuan > f.notified.fineYuan || extra.length > 0) {
    return refuse('HEAVIER_THAN_NOTIFIED', '决定的处罚重于告知的处罚：不得因当事人陈述、申辩而给予更重的处罚；如认定的事实或处罚确需变更，应重新告知', `${PUNISHMENT_LAW}第四十五条`);
  }
  return null;
};

const fineSettledOrNone: Guard<PenaltyCaseFacts> = (f) => (f.decidedFineYuan > 0 && !f.fineSettled
  ? refuse('FINE_OUTSTANDING', '罚款尚未缴清或强制执行尚未终结，不能结案', `${PUNISHMENT_LAW}第六十七条、第七十二条`) : null);

const hasFine: Guard<PenaltyCaseFacts> = (f) => (f.decidedFineYuan > 0 ? null : refuse('NO_FINE', '决定未处罚款'));

const planLawful: Guard<PenaltyCaseFacts> = (f) => {
  const problem = planProblem(f.plan ?? [], toFen(f.decidedFineYuan) - toFen(f.paidFineYuan), f.today);
  return problem ? refuse('INSTALMENT_PLAN', problem, `${PUNISHMENT_LAW}第六十六条`) : null;
};

/** The fine still owed after the step's payment, in fen (negative: paid too much). */
const owedAfter = (f: PenaltyCaseFacts) => toFen(f.decidedFineYuan) - toFen(f.paidFineYuan) - toFen(f.payment?.fineYuan ?? 0);

const paymentGiven: Guard<PenaltyCaseFacts> = (f) => (f.payment && toFen(f.payment.fineYuan) > 0 ? null : refuse('PAYMENT_REQUIRED', '请填写缴纳的罚款金额'));

const paymentNotOver: Guard<PenaltyCaseFacts> = (f) => (owedAfter(f) < 0
  ? refuse('PAYMENT_OVER', `缴纳的罚款超出尚欠的罚款${toYuan(toFen(f.decidedFineYuan) - toFen(f.paidFineYuan))}元；加处罚款请填入“加处罚款”一栏`) : null);

const paymentSettles: Guard<PenaltyCaseFacts> = (f) => (owedAfter(f) > 0
  ? refuse('PAYMENT_SHORT', `本次缴纳后仍欠罚款${toYuan(owedAfter(f))}元：罚款应当一次缴清；经批准分期缴纳的，请登记分期缴纳`, `${PUNISHMENT_LAW}第六十六条、第六十七条`) : null);

const paymentLeavesBalance: Guard<PenaltyCaseFacts> = (f) => (owedAfter(f) === 0
  ? refuse('PAYMENT_COMPLETES', '本次缴纳后罚款已缴清，请办理“登记缴纳罚款”') : null);

const surchargeWithinLaw: Guard<PenaltyCaseFacts> = (f) => (toFen(f.payment?.surchargeYuan ?? 0) > toFen(f.surchargeOwedYuan)
  ? refuse('SURCHARGE_OVER', `加处罚款不得超过截至缴纳之日应加处的${f.surchargeOwedYuan}元（每日按罚款数额的${RULES.latePaymentSurchargePercent.value}%，总额不超过罚款数额）`, RULES.latePaymentSurchargePercent.citation) : null);

// ---------------------------------------------------------------------------------
// The procedure.

/** The states of a case whose decision (penalty or no penalty) is in force: what a reconsideration or a suit can revoke. */
export const DECISION_IN_FORCE: readonly CaseState[] = ['decided', 'no_penalty', 'simple_decided', 'served', 'instalment', 'paid', 'enforcement', 'closed', 'archived'];

/** Why a revoked decision is made anew. */
const REDECISION_CITATION = '《中华人民共和国行政复议法》第六十四条；《中华人民共和国行政诉讼法》第七十条、第七十一条';

export const PENALTY_CASE: Procedure<CaseState, PenaltyCaseFacts> = {
  name: 'penalty_case',
  initial: 'lead',
  states: {
    lead: { label: '线索登记' },
    not_filed: { label: '不予立案', final: true },
    filed: { label: '已立案，调查取证' },
    case_review: { label: '案件审核' },
    legal_review: { label: '法制审核' },
    reviewed: { label: '审核通过，待告知' },
    notified: { label: '已告知，陈述申辩期' },
    hearing_requested: { label: '已申请听证' },
    hearing_scheduled: { label: '已通知听证' },
    heard: { label: '听证结束' },
    collective: { label: '集体讨论' },
    deliberated: { label: '集体讨论已决定' },
    decided: { label: '已作出处罚决定' },
    no_penalty: { label: '不予行政处罚' },
    simple_decided: { label: '当场处罚（简易程序）' },
    served: { label: '决定书已送达，履行期' },
    instalment: { label: '暂缓或者分期缴纳' },
    paid: { label: '已履行' },
    enforcement: { label: '强制执行' },
    transferred: { label: '已移送' },
    closed: { label: '已结案' },
    archived: { label: '已归档', final: true },
  },
  steps: [
    { id: 'file', label: '立案', from: ['lead'], to: 'filed', permission: 'cases.approve', inputGuards: [twoValidInspectors], citation: `${PUNISHMENT_LAW}第五十四条` },
    { id: 'decline', label: '不予立案', from: ['lead'], to: 'not_filed', permission: 'cases.approve', inputGuards: [reasonGiven('不予立案的理由')] },
    { id: 'decide_on_spot', label: '当场处罚（简易程序）', from: ['lead'], to: 'simple_decided', permission: 'cases.handle', inputGuards: [oneValidInspector, simpleLimits], citation: `${PUNISHMENT_LAW}第五十一条、第五十二条` },
    { id: 'finish_investigation', label: '调查终结，提交案件审核', from: ['filed'], to: 'case_review', permission: 'cases.handle', guards: [twoValidInspectors], citation: `${PUNISHMENT_LAW}第四十二条、第五十五条` },
    { id: 'transfer', label: '移送', from: ['filed', 'case_review'], to: 'transferred', permission: 'cases.approve', inputGuards: [reasonGiven('移送的机关和理由')], citation: `${PUNISHMENT_LAW}第二十七条` },
    { id: 'return_to_investigation', label: '退回补充调查', from: ['case_review', 'legal_review'], to: 'filed', permission: 'cases.review', inputGuards: [reasonGiven('退回的理由')] },
    { id: 'submit_legal_review', label: '审核通过，提交法制审核', from: ['case_review'], to: 'legal_review', permission: 'cases.review', guards: [isMajor], citation: `${PUNISHMENT_LAW}第五十八条` },
    { id: 'pass_review', label: '审核通过', from: ['case_review'], to: 'reviewed', permission: 'cases.review', guards: [notMajor] },
    { id: 'pass_legal_review', label: '法制审核通过', from: ['legal_review'], to: 'reviewed', permission: 'cases.legal_review', citation: `${PUNISHMENT_LAW}第五十八条` },
    { id: 'decide_no_penalty', label: '不予行政处罚', from: ['case_review', 'reviewed'], to: 'no_penalty', permission: 'cases.approve', guards: [majorReviewed], inputGuards: [reasonGiven('不予行政处罚的事实和理由')], citation: `${PUNISHMENT_LAW}第三十三条` },
    { id: 'notify', label: '送达行政处罚事先告知书', from: ['reviewed'], to: 'notified', permission: 'cases.handle', guards: [proposalGiven, withinLaw], inputGuards: [noticeServed], citation: `${PUNISHMENT_LAW}第四十四条` },
    { id: 'request_hearing', label: '当事人申请听证', from: ['notified'], to: 'hearing_requested', permission: 'cases.handle', guards: [hearingRequestInTime], citation: `${PUNISHMENT_LAW}第六十三条、第六十四条` },
    { id: 'schedule_hearing', label: '送达听证通知书', from: ['hearing_requested'], to: 'hearing_scheduled', permission: 'cases.handle', inputGuards: [hearingNoticeInTime], citation: `${PUNISHMENT_LAW}第六十四条` },
    { id: 'hold_hearing', label: '举行听证，制作听证笔录', from: ['hearing_scheduled'], to: 'heard', permission: 'cases.handle', guards: [hearingDayCome], citation: `${PUNISHMENT_LAW}第六十四条、第六十五条` },
    { id: 'submit_collective', label: '提请集体讨论', from: ['notified', 'heard'], to: 'collective', permission: 'cases.handle', guards: [defenceOver], citation: `${PUNISHMENT_LAW}第五十七条` },
    { id: 'record_collective', label: '集体讨论决定', from: ['collective'], to: 'deliberated', permission: 'cases.approve', inputGuards: [collectiveMinutes], citation: `${PUNISHMENT_LAW}第五十七条` },
    { id: 'decide', label: '作出行政处罚决定', from: ['notified', 'heard', 'deliberated'], to: 'decided', permission: 'cases.approve', guards: [defenceOver, majorReviewed, collectiveDone], inputGuards: [proposalGiven, withinLaw, notHeavier], citation: `${PUNISHMENT_LAW}第五十七条、第五十九条` },
    { id: 'serve', label: '送达行政处罚决定书', from: ['decided'], to: 'served', permission: 'cases.handle', citation: `${PUNISHMENT_LAW}第六十一条` },
    { id: 'approve_instalment', label: '批准暂缓或者分期缴纳', from: ['served'], to: 'instalment', permission: 'cases.approve', guards: [hasFine], inputGuards: [reasonGiven('当事人确有经济困难的情况'), planLawful], citation: `${PUNISHMENT_LAW}第六十六条` },
    { id: 'pay_instalment', label: '登记分期缴纳', from: ['instalment'], to: 'instalment', permission: 'cases.handle', guards: [hasFine], inputGuards: [paymentGiven, paymentNotOver, paymentLeavesBalance, surchargeWithinLaw], citation: `${PUNISHMENT_LAW}第六十六条` },
    { id: 'record_payment', label: '登记缴纳罚款', from: ['served', 'instalment', 'simple_decided'], to: 'paid', permission: 'cases.handle', guards: [hasFine], inputGuards: [paymentGiven, paymentNotOver, paymentSettles, surchargeWithinLaw], citation: `${PUNISHMENT_LAW}第六十七条、第七十二条` },
    { id: 'enforce', label: '加处罚款或者申请强制执行', from: ['served', 'instalment', 'simple_decided'], to: 'enforcement', permission: 'cases.approve', guards: [hasFine], citation: `${PUNISHMENT_LAW}第七十二条` },
    { id: 'close', label: '结案', from: ['served', 'paid', 'enforcement', 'no_penalty', 'simple_decided', 'transferred'], to: 'closed', permission: 'cases.approve', guards: [fineSettledOrNone] },
    { id: 'archive', label: '归档', from: ['closed'], to: 'archived', permission: 'cases.handle', citation: `${PUNISHMENT_LAW}第四十七条` },
    // A decision revoked on reconsideration or by a court is made anew (modules/cases,
    // applyChallengeOutcome). The case goes back to case review — after the investigation,
    // before the decision: the reviewer returns it for further investigation (facts unclear,
    // wrong basis) or passes it to a new prior notice (art. 44), since a new decision is a
    // new act with the party's rights to state, defend and be heard. An on-the-spot decision
    // revoked is made anew in the general procedure (the art. 51 conditions, on the spot,
    // no longer hold): the case goes back to the lead, to be filed.
    { id: 'reopen', label: '处罚决定被撤销，重新办理', from: DECISION_IN_FORCE, to: 'case_review', permission: 'cases.read', system: true, citation: REDECISION_CITATION },
    { id: 'reopen_as_lead', label: '当场处罚决定被撤销，按普通程序重新办理', from: DECISION_IN_FORCE, to: 'lead', permission: 'cases.read', system: true, citation: REDECISION_CITATION },
  ],
};

/** The statutory clocks of a penalty case, each from its rule (amounts and citations). */
export const CASE_CLOCKS = {
  decision: { id: 'decision', label: '作出处罚决定', amount: RULES.decisionPeriod.value, unit: 'day', citation: RULES.decisionPeriod.citation },
  defence: { id: 'defence', label: '陈述、申辩', amount: RULES.defencePeriod.value, unit: 'workday', citation: RULES.defencePeriod.citation, partyPeriod: true },
  hearingRequest: { id: 'hearing_request', label: '申请听证', amount: RULES.hearingRequestPeriod.value, unit: 'workday', citation: RULES.hearingRequestPeriod.citation, partyPeriod: true },
  service: { id: 'service', label: '送达处罚决定书', amount: RULES.servicePeriod.value, unit: 'workday', citation: RULES.servicePeriod.citation },
  payment: { id: 'payment', label: '缴纳罚款', amount: RULES.paymentPeriod.value, unit: 'day', citation: RULES.paymentPeriod.citation },
  publication: { id: 'publication', label: '公示处罚决定', amount: RULES.publicationPeriod.value, unit: 'workday', citation: RULES.publicationPeriod.citation },
} satisfies Record<string, ClockSpec>;
