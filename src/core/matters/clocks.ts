// The statutory clocks of the matters an agency handles besides penalty cases and
// licences (issue 6; legal-rules.md, "Matters with statutory clocks"): hotline tickets,
// petitions, disclosure requests, medical-dispute mediation, reconsideration and
// litigation where the agency is the respondent or defendant, and deputies' suggestions
// and CPPCC proposals. Every amount, unit and citation is read from the law as data
// (core/law/rules.ts); the clocks run on the engine's clockState, pauses included
// (third-party consultation, expert appraisal).
import { PERIOD_UNITS, type PeriodUnit } from '../calendar/deadline';
import { RULES, type LegalRule } from '../law/rules';
import type { ClockSpec } from '../procedure/engine';

export const MATTER_KINDS = ['hotline', 'petition', 'disclosure', 'mediation', 'reconsideration', 'litigation', 'proposal'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

function isPeriodUnit(unit: string | undefined): unit is PeriodUnit {
  return (PERIOD_UNITS as readonly string[]).includes(unit ?? '');
}

/** A clock whose amount, unit and citation are those of its rule. */
function fromRule(id: string, label: string, rule: LegalRule<number>, partyPeriod = false): ClockSpec {
  if (!isPeriodUnit(rule.unit)) throw new Error(`rule ${rule.id} is not a period (unit ${rule.unit ?? 'none'})`);
  return { id, label, amount: rule.value, unit: rule.unit, citation: rule.citation, ...(partyPeriod ? { partyPeriod: true } : {}) };
}

export const MATTER_CLOCKS = {
  hotline: {
    forward: fromRule('forward', '转办工单', RULES.hotlineForward),
    handle: fromRule('handle', '办理并答复', RULES.hotlineHandle),
    callback: fromRule('callback', '回访来电人', RULES.hotlineCallback),
  },
  petition: {
    accept: fromRule('accept', '书面告知是否受理', RULES.petitionAccept),
    conclude: fromRule('conclude', '办结信访事项', RULES.petitionConclude),
    reviewRequest: fromRule('review_request', '请求复查（复核）', RULES.petitionReviewRequest, true),
    reviewAnswer: fromRule('review_answer', '提出复查（复核）意见', RULES.petitionReviewAnswer),
  },
  disclosure: {
    correction: fromRule('correction', '一次性告知补正', RULES.disclosureCorrectionNotice),
    reply: fromRule('reply', '答复政府信息公开申请', RULES.disclosureReply),
    // The third party's period: once it lapses the agency decides without its view.
    thirdParty: fromRule('third_party', '第三方提出意见', RULES.disclosureThirdParty, true),
  },
  mediation: {
    acceptAdministrative: fromRule('accept_administrative', '决定是否受理行政调解', RULES.mediationAcceptAdministrative),
    conclude: fromRule('conclude', '完成调解', RULES.mediationConclude),
  },
  reconsideration: {
    answer: fromRule('answer', '提出书面答复并提交证据', RULES.reconsiderationAnswer),
    answerSimplified: fromRule('answer_simplified', '提出书面答复并提交证据（简易程序）', RULES.reconsiderationAnswerSimplified),
    decision: fromRule('decision', '作出行政复议决定', RULES.reconsiderationDecision),
    decisionSimplified: fromRule('decision_simplified', '作出行政复议决定（简易程序）', RULES.reconsiderationDecisionSimplified),
  },
  litigation: {
    answer: fromRule('answer', '提交答辩状和证据', RULES.litigationAnswer),
    appealJudgment: fromRule('appeal_judgment', '对判决提起上诉', RULES.litigationAppealJudgment, true),
    appealRuling: fromRule('appeal_ruling', '对裁定提起上诉', RULES.litigationAppealRuling, true),
  },
  proposal: {
    answer: fromRule('answer', '答复建议、提案', RULES.proposalAnswer),
    answerComplex: fromRule('answer_complex', '答复建议、提案（涉及面广、处理难度大）', RULES.proposalAnswerComplex),
    coOpinion: fromRule('co_opinion', '会办单位提出意见', RULES.proposalCoOpinion),
  },
} satisfies Record<MatterKind, Record<string, ClockSpec>>;

/** The longest approved extension of a clock, in the clock's unit (engine extendedDue's `extensions`). */
export const MATTER_EXTENSIONS = {
  petitionConclude: RULES.petitionConcludeExtension.value,
  disclosureReply: RULES.disclosureReplyExtension.value,
  reconsiderationDecision: RULES.reconsiderationDecisionExtension.value,
};

/**
 * The clocks whose amount is a local default: the rule to read for an organisation with
 * ruleValue(db, id, orgId), then withAmount(spec, value).
 */
export const MATTER_CLOCK_RULE_IDS = {
  hotline: { forward: RULES.hotlineForward.id, handle: RULES.hotlineHandle.id, callback: RULES.hotlineCallback.id },
  proposal: { coOpinion: RULES.proposalCoOpinion.id },
} satisfies { [K in MatterKind]?: Partial<Record<keyof (typeof MATTER_CLOCKS)[K], string>> };

/** The handling period's rule of each hotline call type (each a local default). */
export const HOTLINE_HANDLE_RULES: Record<string, LegalRule<number>> = {
  complaint_report: RULES.hotlineHandle, consultation: RULES.hotlineHandleConsultation, suggestion: RULES.hotlineHandleSuggestion,
  praise: RULES.hotlineHandlePraise, appointment: RULES.hotlineHandleAppointment, other: RULES.hotlineHandleOther,
};

/** A spec with a local-default amount read for an organisation (ruleValue). */
export function withAmount(spec: ClockSpec, amount: number): ClockSpec {
  return { ...spec, amount };
}
