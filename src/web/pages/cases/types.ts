// The shapes of the cases API (src/modules/cases/schema.ts) as the pages use them.
export interface Clock {
  id: string; label: string; citation: string; start: string; due: string; stoppedOn: string | null;
  colour: 'green' | 'amber' | 'red' | 'stopped'; daysLeft: number | null; provisional: boolean;
  /** The due date before the approved extensions. */
  extendedFrom?: string;
}
export interface NextStep {
  id: string; label: string; to: string; permission: string; allowed: boolean; mine: boolean;
  refusal?: { code: string; message: string; citation?: string }; citation?: string;
}
export interface CaseSummary {
  id: number; caseNo: string; orgId: number; orgName: string; state: string; stateName: string; procedure: string; cause: string;
  partyName: string; leadOn: string; filedOn: string | null; provisionCode: string | null; decidedFineYuan: number | null;
  inspectors: string[]; overdue: boolean; imported: boolean; major: boolean;
}
export interface Penalty { sanctions: string[]; fineYuan: number }
export interface InstalmentProgress {
  no: number; dueOn: string; amountYuan: number; paidYuan: number; paidOn: string | null; status: 'paid' | 'unpaid' | 'overdue'; daysLate: number; surchargeYuan: number;
}
/** The fine's payment: due date, paid amounts, the late-payment surcharge (art. 72) and the instalment plan (art. 66). */
export interface PaymentState {
  fineYuan: number; dueOn: string; paidFineYuan: number; owedFineYuan: number;
  surcharge: { yuan: number; daysLate: number; capped: boolean; paidYuan: number; owedYuan: number; ratePercent: number; citation: string };
  plan: { approvedOn: string; instalments: InstalmentProgress[] } | null;
  payments: { paidOn: string; fineYuan: number; surchargeYuan: number }[];
}
export interface CaseDetail extends CaseSummary {
  version: number; source: string; sourceName: string; entityId: number | null;
  party: { kind: string; name: string; code: string | null; legalRep: string | null; address: string; phone: string | null };
  facts: string | null; scenario: string | null; illegalGainsYuan: number | null; tier: string | null;
  proposed: Penalty | null; notified: Penalty | null; decided: (Penalty & { on: string }) | null;
  major: boolean; hearingRight: boolean; legalReviewPassed: boolean; collectiveRequired: boolean;
  decisionExtension: { count: number; max: number; days: number; citation: string } | null;
  payment: PaymentState | null;
  caseInspectors: { id: number; name: string; certificateNo: string | null; canEnforce: boolean; reason?: string; recused: boolean; userId: number | null }[];
  clocks: Clock[]; nextSteps: NextStep[];
  publication: {
    severity: string; publishedOn: string; dueOn: string; repairFrom: string; publicUntil: string; onTime: boolean;
    withdrawnOn: string | null; withdrawnReason: string | null; public: boolean;
  } | null;
  /** The decision revoked, altered or found unlawful on reconsideration or in court, oldest first. */
  corrections: Correction[];
  events: { id: number; step: string; label: string; fromState: string | null; toState: string; input: Record<string, unknown>; user: string | null; at: string }[];
}

/** A correction of the case's decision by a reconsideration decision or a judgment (modules/cases/corrections.ts). */
export interface Correction {
  id: number; matterId: number; matterKind: 'reconsideration' | 'litigation'; matterNo: string; correction: string; correctionName: string;
  /** 行政复议决定 or 人民法院判决. */
  body: string;
  effect: 'reopened' | 'adjusted' | 'follow_up'; decidedOn: string; citation: string;
  before: { decidedOn: string | null; sanctions: string[] | null; fineYuan: number | null; paidYuan: number | null };
  after: Penalty | null;
  followUp: string | null; followedUpOn: string | null; followUpNote: string | null; followedUpBy: string | null; at: string;
}

export const CASE_STATE_COLOURS: Record<string, string> = {
  lead: 'default', not_filed: 'default', filed: 'blue', case_review: 'purple', legal_review: 'purple', reviewed: 'cyan', notified: 'orange',
  hearing_requested: 'orange', hearing_scheduled: 'orange', heard: 'orange', collective: 'gold', deliberated: 'gold', decided: 'geekblue',
  no_penalty: 'green', simple_decided: 'geekblue', served: 'geekblue', instalment: 'geekblue', paid: 'green', enforcement: 'red',
  transferred: 'default', closed: 'green', archived: 'default',
};

export const CASE_STATE_NAMES: Record<string, string> = {
  lead: '线索登记', not_filed: '不予立案', filed: '已立案，调查取证', case_review: '案件审核', legal_review: '法制审核', reviewed: '审核通过，待告知',
  notified: '已告知，陈述申辩期', hearing_requested: '已申请听证', hearing_scheduled: '已通知听证', heard: '听证结束', collective: '集体讨论',
  deliberated: '集体讨论已决定', decided: '已作出处罚决定', no_penalty: '不予行政处罚', simple_decided: '当场处罚（简易程序）', served: '决定书已送达，履行期',
  instalment: '暂缓或者分期缴纳', paid: '已履行', enforcement: '强制执行', transferred: '已移送', closed: '已结案', archived: '已归档',
};

export const CASE_SOURCES: [string, string, string][] = [
  ['inspection', '监督检查发现', 'Inspection'], ['complaint', '投诉举报', 'Complaint'], ['transfer', '其他部门移送', 'Transfer'],
  ['assigned', '上级交办', 'Assigned'], ['other', '其他', 'Other'],
];
