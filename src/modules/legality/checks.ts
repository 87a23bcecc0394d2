// What the register checks on an item, whatever step changed it (pure: no I/O).
//
// Refused (400): dates that cannot be (a review completed before it was submitted or
// without a submission, an issue before adoption, a clean-up before issue, a date after
// today), a fair-competition review of an item not marked as touching businesses, and a
// normative document issued without a document number ("三统一": unified registration,
// numbering and issue, 国办发〔2018〕37号).
//
// Warned, never refused: the register must record what happened, and an item adopted
// without its legality review is exactly what review.coverage measures. So an item of a
// mandatory kind adopted without a review completed by then shows the red warning
// "未经合法性审查即通过"; one adopted although the review found it unlawful, and a
// market-touching policy issued without a passed fair-competition review, are red too;
// a review shorter (or, for a normative document, longer) than the time the rules give
// is amber.
import { badRequest } from '../../platform/http/errors';
import { workdaysBetween } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { MANDATORY_KINDS, type CleanupAction, type ItemKind, type ReviewResult } from './schema';

/** The columns the checks read (a legality_items row). */
export interface ItemState {
  kind: ItemKind;
  submitted_on: string | null;
  reviewed_on: string | null;
  review_result: ReviewResult | null;
  touches_market: boolean;
  fair_competition_reviewed_on: string | null;
  fair_competition_passed: boolean | null;
  adopted_on: string | null;
  doc_number: string | null;
  issued_on: string | null;
  cleaned_on: string | null;
  cleanup_action: CleanupAction | null;
}

const DATE_LABELS: [keyof ItemState, string, string][] = [
  ['submitted_on', '报送审查日期', 'submittedOn'],
  ['reviewed_on', '审查完成日期', 'reviewedOn'],
  ['fair_competition_reviewed_on', '公平竞争审查日期', 'reviewedOn'],
  ['adopted_on', '通过（签发）日期', 'adoptedOn'],
  ['issued_on', '公布（印发）日期', 'issuedOn'],
  ['cleaned_on', '清理日期', 'cleanedOn'],
];

/** Throws the first inconsistency of the item as it would be stored (400, Chinese message, the field). */
export function assertConsistent(s: ItemState, today: string): void {
  for (const [col, label, field] of DATE_LABELS) {
    const v = s[col] as string | null;
    if (v && v > today) throw badRequest('DATE_IN_FUTURE', `${label}不能晚于今天`, { field });
  }
  if (s.reviewed_on && !s.submitted_on) throw badRequest('REVIEW_NOT_SUBMITTED', '尚未报送合法性审查，不能登记审查结果；请先填写报送审查日期', { field: 'reviewedOn' });
  if (s.reviewed_on && s.submitted_on && s.reviewed_on < s.submitted_on) {
    throw badRequest('REVIEW_BEFORE_SUBMISSION', `审查完成日期不能早于报送审查日期（${s.submitted_on}）`, { field: 'reviewedOn' });
  }
  if (s.fair_competition_reviewed_on && !s.touches_market) {
    throw badRequest('FAIR_COMPETITION_NOT_MARKET', '该事项未标记为涉及市场主体经济活动，不需登记公平竞争审查', { field: 'touchesMarket' });
  }
  if (s.issued_on && !s.adopted_on) throw badRequest('ISSUE_NOT_ADOPTED', '尚未登记通过（签发），不能登记公布', { field: 'issuedOn' });
  if (s.issued_on && s.adopted_on && s.issued_on < s.adopted_on) {
    throw badRequest('ISSUE_BEFORE_ADOPTION', `公布（印发）日期不能早于通过（签发）日期（${s.adopted_on}）`, { field: 'issuedOn' });
  }
  if (s.kind === 'normative_doc' && s.issued_on && !s.doc_number) {
    throw badRequest('DOC_NUMBER_REQUIRED', '行政规范性文件应当统一登记、统一编号、统一公布，请填写文号', { field: 'docNumber' });
  }
  if (s.cleaned_on && s.kind !== 'normative_doc') throw badRequest('CLEANUP_NOT_NORMATIVE', '只有行政规范性文件登记清理结果', { field: 'kind' });
  if (s.cleaned_on && !s.issued_on) throw badRequest('CLEANUP_NOT_ISSUED', '尚未公布的文件不能登记清理', { field: 'cleanedOn' });
  if (s.cleaned_on && s.issued_on && s.cleaned_on < s.issued_on) {
    throw badRequest('CLEANUP_BEFORE_ISSUE', `清理日期不能早于公布日期（${s.issued_on}）`, { field: 'cleanedOn' });
  }
}

export interface Warning {
  code: 'ADOPTED_WITHOUT_REVIEW' | 'ADOPTED_DESPITE_FAILED_REVIEW' | 'ISSUED_WITHOUT_FAIR_COMPETITION' | 'REVIEW_TOO_SHORT' | 'REVIEW_TOO_LONG';
  level: 'error' | 'warning';
  message: string;
  citation?: string;
}

/** Where the duty to review comes from, by kind (major contracts: local rules, e.g. 《浙江省行政合法性审查工作规定》). */
const REVIEW_BASIS: Partial<Record<ItemKind, string>> = {
  major_decision: '《重大行政决策程序暂行条例》第二十五条',
  normative_doc: '《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）',
};
export const FAIR_COMPETITION_BASIS = '《公平竞争审查条例》第十八条';

/** The review times the rules give (rules.ts legality.*; read for the item's organisation). */
export interface ReviewLimits { majorDecisionMin: number; normativeDocMin: number; normativeDocMax: number }

export const isMandatory = (kind: ItemKind) => (MANDATORY_KINDS as readonly string[]).includes(kind);
/** Reviewed on or before adoption (what review.coverage counts). */
export const reviewedBeforeAdoption = (s: ItemState) => s.reviewed_on !== null && s.adopted_on !== null && s.reviewed_on <= s.adopted_on;
/** Passed a fair-competition review on or before issue (what review.fair_competition_rate counts). */
export const fairCompetitionBeforeIssue = (s: ItemState) => s.fair_competition_passed === true && s.fair_competition_reviewed_on !== null
  && s.issued_on !== null && s.fair_competition_reviewed_on <= s.issued_on;

export function warningsOf(s: ItemState, calendar: WorkCalendar, limits: ReviewLimits): Warning[] {
  const out: Warning[] = [];
  if (s.adopted_on && isMandatory(s.kind) && !reviewedBeforeAdoption(s)) {
    const after = s.reviewed_on ? `（审查完成于${s.reviewed_on}，晚于通过日期）` : '';
    out.push({ code: 'ADOPTED_WITHOUT_REVIEW', level: 'error', message: `未经合法性审查即通过${after}`, citation: REVIEW_BASIS[s.kind] });
  }
  if (s.adopted_on && s.review_result === 'failed' && reviewedBeforeAdoption(s)) {
    out.push({ code: 'ADOPTED_DESPITE_FAILED_REVIEW', level: 'error', message: '经合法性审查认为不合法，仍予通过', citation: REVIEW_BASIS[s.kind] });
  }
  if (s.touches_market && s.issued_on && !fairCompetitionBeforeIssue(s)) {
    const why = s.fair_competition_passed === false ? '公平竞争审查未通过' : s.fair_competition_reviewed_on ? '公平竞争审查晚于公布' : '未经公平竞争审查';
    out.push({ code: 'ISSUED_WITHOUT_FAIR_COMPETITION', level: 'error', message: `涉及市场主体经济活动的政策措施${why}即公布`, citation: FAIR_COMPETITION_BASIS });
  }
  if (s.submitted_on && s.reviewed_on && (s.kind === 'major_decision' || s.kind === 'normative_doc')) {
    const days = workdaysBetween(calendar, s.submitted_on, s.reviewed_on);
    const min = s.kind === 'major_decision' ? limits.majorDecisionMin : limits.normativeDocMin;
    if (days < min) {
      out.push({
        code: 'REVIEW_TOO_SHORT', level: 'warning', message: `合法性审查时间${days}个工作日，少于一般应保证的${min}个工作日`,
        citation: s.kind === 'major_decision' ? '《重大行政决策程序暂行条例》第二十六条第二款' : REVIEW_BASIS.normative_doc,
      });
    }
    if (s.kind === 'normative_doc' && days > limits.normativeDocMax) {
      out.push({ code: 'REVIEW_TOO_LONG', level: 'warning', message: `合法性审核时间${days}个工作日，超过最长${limits.normativeDocMax}个工作日`, citation: REVIEW_BASIS.normative_doc });
    }
  }
  return out;
}
