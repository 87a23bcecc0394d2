// The states and the coded values of the seven kinds of matter on a legal clock
// (modules/matters). The procedures (core/matters/<kind>.ts) move between these states;
// imports (data-exchange.md) set a concluded record's final state directly; the coded
// values are the ones data-exchange.md and metrics.md name.
import type { MatterKind } from './clocks';

export const HOTLINE_TYPES = {
  consultation: '咨询', complaint_report: '投诉举报', suggestion: '建议', praise: '表扬', appointment: '预约挂号', other: '其他',
} as const;
export type HotlineType = keyof typeof HOTLINE_TYPES;

export const HOTLINE_CHANNELS = { phone: '电话', web: '网站', app: '移动应用', other: '其他' } as const;

export const HOTLINE_STATES = {
  received: '已登记，待转办',
  routed: '已转办，待核查',
  verifying: '承办单位核查中',
  replied: '已答复，待回访',
  closed: '已办结',
} as const;

export const PETITION_STATES = {
  registered: '已登记，待决定是否受理',
  accepted: '已受理，办理中',
  not_accepted: '不予受理',
  answered: '已出具处理意见',
  review_requested: '复查中',
  reviewed: '已复查',
  re_review_requested: '复核中',
  closed: '已办结',
} as const;

export const SATISFACTION = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;

export const DISCLOSURE_STATES = {
  received: '已收到，办理中',
  correction_requested: '已告知补正，待申请人补正',
  third_party: '征求第三方意见中（不计入期限）',
  answered: '已答复',
  withdrawn: '申请人撤回',
} as const;

export const DISCLOSURE_ANSWER_TYPES = {
  disclosed: '予以公开', partly_disclosed: '部分公开', not_disclosed: '不予公开', not_held: '信息不存在', not_this_body: '非本机关负责公开', other: '其他处理',
} as const;

export const MEDIATION_KINDS = { people: '人民调解', administrative: '行政调解' } as const;

export const MEDIATION_STATES = {
  reported: '已报案，待释疑或受理',
  accepted: '已受理，调解中',
  appraisal: '鉴定中（不计入期限）',
  concluded: '调解结案',
  withdrawn: '释疑息诉',
  referred: '已引导其他途径',
  refused: '不予受理',
} as const;

export const MEDIATION_OUTCOMES = {
  withdrawn_after_explanation: '释疑息诉', agreement: '达成调解协议', terminated: '终止调解', referred: '引导诉讼或其他途径', pending: '在办',
} as const;

export const RECONSIDERATION_PROCEDURES = { normal: '普通程序', simplified: '简易程序' } as const;

export const RECONSIDERATION_STATES = {
  received: '已收到复议申请书副本，待答复',
  answered: '已提交答复和证据',
  decided: '复议机关已作出决定',
  followed_up: '已落实复议决定',
} as const;

export const RECONSIDERATION_OUTCOMES = {
  upheld: '维持', withdrawn: '撤回', revoked: '撤销', altered: '变更', confirmed_illegal: '确认违法', ordered_to_act: '责令履行', dismissed: '驳回', pending: '在办',
} as const;

/** Outcomes that correct the commission's act (reconsideration.correction_rate). */
export const CORRECTING_OUTCOMES = ['revoked', 'altered', 'confirmed_illegal', 'ordered_to_act'] as const;

export const LITIGATION_STATES = {
  received: '已收到起诉状副本，待答辩',
  answered: '已提交答辩状和证据',
  heard: '已开庭',
  judged: '已判决（裁定）',
  appealed: '已上诉',
  closed: '已结案',
} as const;

export const LITIGATION_JUDGMENTS = { won: '胜诉', lost: '败诉', withdrawn: '原告撤诉', pending: '在办' } as const;

export const PROPOSAL_KINDS = { npc: '人大代表建议', cppcc: '政协委员提案' } as const;
export const PROPOSAL_ROLES = { lead: '主办', co: '协办' } as const;
export const PROPOSAL_GRADES = { A: 'A类（已解决或采纳）', B: 'B类（正在解决或列入计划）', C: 'C类（留作参考或暂不能解决）', D: 'D类（仅供参考）' } as const;

export const PROPOSAL_STATES = {
  assigned: '已交办，办理中',
  answered: '已答复',
  evaluated: '代表委员已评价',
} as const;

export const SUGGESTION_KINDS = { procuratorial: '检察建议', judicial: '司法建议' } as const;

/** The Chinese names of a kind's outcomes. */
export function outcomeNames(kind: MatterKind): Record<string, string> {
  const byKind: Partial<Record<MatterKind, Record<string, string>>> = {
    disclosure: DISCLOSURE_ANSWER_TYPES, mediation: MEDIATION_OUTCOMES, reconsideration: RECONSIDERATION_OUTCOMES, litigation: LITIGATION_JUDGMENTS,
  };
  return byKind[kind] ?? {};
}
