// The names the report prints for the categories of a metric's breakdown (metrics.md
// names each code), by metric id. A category without a name here is never printed: the
// generator then leaves the whole breakdown out rather than print a code.
import { CATEGORY_NAMES } from '../licensing/catalogueSchema';
import { PLAN_SOURCE_NAMES } from '../inspections/schema';
import { HOTLINE_TYPES, RECONSIDERATION_OUTCOMES } from '../../core/matters/states';
import { ACTIVITY_KINDS, PUBLICATION_CHANNELS, TRAINING_KINDS } from '../registers/schema';

export const BREAKDOWN_NAMES: Record<string, Record<string, string>> = {
  'licensing.applications.total': CATEGORY_NAMES,
  'inspection.random.tasks.assigned': { ...PLAN_SOURCE_NAMES },
  'enforcement.cases.closed': { simple: '简易程序', general: '一般程序' },
  // metrics.md's names of the sanction kinds (short: the report lists them with 、).
  'enforcement.sanctions': {
    warning: '警告', fine: '罚款', confiscation: '没收', suspension: '责令停业整顿', licence_revoked: '吊销许可证件',
    licence_cancelled: '注销许可证件', scope_revoked: '吊销诊疗科目', practitioner_revoked: '吊销执业证书',
  },
  'hotline.calls.total': { ...HOTLINE_TYPES },
  // "1件复议结果为维持原处罚决定，2件申请人主动撤回": the outcome as the reports name it.
  'reconsideration.total': { ...RECONSIDERATION_OUTCOMES },
  'proposals.total': { npc_lead: '人大代表建议主办', npc_co: '人大代表建议协办', cppcc_lead: '政协委员提案主办', cppcc_co: '政协委员提案协办' },
  'disclosure.proactive.count': { ...PUBLICATION_CHANNELS },
  'training.sessions': { ...TRAINING_KINDS },
  'popularization.activities': { ...ACTIVITY_KINDS },
};

/** Rates where a rise is the bad news (a shortfall when it rises against last year). */
export const LOWER_IS_BETTER = new Set(['litigation.loss_rate', 'reconsideration.correction_rate']);
