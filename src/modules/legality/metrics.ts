// Metrics of rule-making and legality review (metrics.md, "Rule-making and legality
// review"), in SQL over the legality register of the organisation subtree.
//
// review.coverage covers the four kinds whose legality review is mandatory (Hangzhou 2023
// work plan: "重大行政决策、行政规范性文件、重大行政执法决定、重大行政合同的合法性审查100%覆盖").
// Three are registered here; the fourth, major enforcement decisions, are the penalty
// cases' major decisions (modules/cases), counted exactly as enforcement.major.review_rate
// counts them: penalty decisions marked major, decided in the period, reviewed when the
// legal review was completed on or before the decision. Both are read in one UNION ALL so
// the figure covers all four kinds. A review counts when it was completed on or before
// adoption, whatever its conclusion (that it happened is what coverage measures; an item
// adopted although found unlawful is warned about on the item itself).
//
// The breakdown of this ratio is by kind and gives each kind's covered items: the
// numerator's breakdown, so it adds up to the numerator (as a count breakdown adds up to
// its total; the registry's breakdown is one number per category).
import { defineMetrics, type MetricAggregate, type MetricScope } from '../../platform/metrics/types';
import { CLEANUP_ACTIONS, MANDATORY_KINDS } from './schema';

/** Records of the subtree ($1 = subtree path). */
const SUBTREE = (alias: string) => `${alias}.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1 || '%')`;
const params = (s: MetricScope) => [s.orgPath, s.from, s.to];
const inPeriod = (column: string) => `i.${column} BETWEEN $2::date AND $3::date`;
const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::int`;
/** A literal from the platform's own codes (constants of the code, never input). */
const lit = (code: string) => `'${code.replace(/[^a-z_]/g, '')}'`;

export const COVERAGE_KINDS = ['major_decision', 'normative_doc', 'major_enforcement_decision', 'major_contract'] as const;
/** Clean-up results that count as cleaned (revised or repealed); 继续有效 does not. */
export const CLEANED_ACTIONS = ['revised', 'repealed', 'declared_invalid'] as const;

/** The items adopted (decisions taken) in the period, of the four kinds, each with whether it was reviewed by then. */
const ADOPTED = `
  SELECT i.kind, coalesce(i.reviewed_on <= i.adopted_on, false) AS covered
    FROM legality_items i
   WHERE ${SUBTREE('i')} AND i.kind IN (${MANDATORY_KINDS.map(lit).join(', ')}) AND ${inPeriod('adopted_on')}
  UNION ALL
  SELECT 'major_enforcement_decision', coalesce(c.legal_review_completed_on <= c.decided_on, false)
    FROM penalty_cases c
   WHERE ${SUBTREE('c')} AND c.decided_on BETWEEN $2::date AND $3::date AND cardinality(c.decided_sanctions) > 0 AND c.major_decision`;

/** Items of the subtree issued or cleaned in the period: the records of the other three figures. */
const TOUCHED = `FROM legality_items i WHERE ${SUBTREE('i')} AND (${inPeriod('issued_on')} OR ${inPeriod('cleaned_on')})`;
const overTouched = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from: TOUCHED, params: params(s), columns });

const ISSUED_MARKET = `${inPeriod('issued_on')} AND i.touches_market`;
const NORMATIVE_CLEANED = `i.kind = 'normative_doc' AND ${inPeriod('cleaned_on')} AND i.cleanup_action IN (${CLEANED_ACTIONS.map(lit).join(', ')})`;

export const legalityMetrics = defineMetrics([
  {
    id: 'review.coverage', name: '合法性审查覆盖率', nameEn: 'Share of mandatory items reviewed for legality before adoption', unit: 'ratio',
    periodDate: '通过（决定）日期',
    definition: '通过（签发、决定）日期在统计期内的重大行政决策、行政规范性文件、重大行政执法决定和重大行政合同中，在通过（决定）之日或之前已完成合法性审查（法制审核）的比例；重大行政执法决定为统计期内作出的重大行政处罚决定。分类数为各类已完成审查的件数（分子的构成）。',
    breakdownKeys: COVERAGE_KINDS,
    query: (s) => ({
      sql: `SELECT count(*) FILTER (WHERE t.covered)::int AS numerator, count(*)::int AS denominator,
                   jsonb_build_object(${COVERAGE_KINDS.map((k) => `${lit(k)}, count(*) FILTER (WHERE t.covered AND t.kind = ${lit(k)})`).join(', ')}) AS breakdown
              FROM (${ADOPTED}) t`,
      params: params(s),
    }),
  },
  {
    id: 'review.fair_competition_rate', name: '公平竞争审查率', nameEn: 'Share of market-touching policies that passed fair-competition review before issue', unit: 'ratio',
    periodDate: '公布（印发）日期',
    definition: '公布（印发）日期在统计期内、涉及市场主体经济活动的政策文件中，在公布之日或之前已通过公平竞争审查的比例。',
    aggregate: overTouched({
      numerator: count(`${ISSUED_MARKET} AND i.fair_competition_passed AND i.fair_competition_reviewed_on <= i.issued_on`),
      denominator: count(ISSUED_MARKET),
    }),
  },
  {
    id: 'normative_docs.issued', name: '规范性文件制发数', nameEn: 'Normative documents issued', unit: 'count', periodDate: '公布（印发）日期',
    definition: '公布（印发）日期在统计期内的行政规范性文件件数。',
    aggregate: overTouched({ value: count(`i.kind = 'normative_doc' AND ${inPeriod('issued_on')}`) }),
  },
  {
    id: 'normative_docs.cleaned', name: '清理文件数', nameEn: 'Normative documents revised or repealed in a clean-up', unit: 'count', periodDate: '清理日期',
    definition: '清理日期在统计期内、经清理决定修改、废止或宣布失效的行政规范性文件件数（清理后继续有效的不计入），按清理结果分列。',
    breakdownKeys: CLEANED_ACTIONS,
    aggregate: overTouched({
      value: count(NORMATIVE_CLEANED),
      breakdown: `jsonb_build_object(${CLEANED_ACTIONS.map((a) => `${lit(a)}, ${count(`${NORMATIVE_CLEANED} AND i.cleanup_action = ${lit(a)}`)}`).join(', ')})`,
    }),
  },
]);

/** The names of the breakdown categories (for pages and reports). */
export const COVERAGE_KIND_NAMES: Record<(typeof COVERAGE_KINDS)[number], string> = {
  major_decision: '重大行政决策', normative_doc: '行政规范性文件', major_enforcement_decision: '重大行政执法决定', major_contract: '重大行政合同',
};
export const CLEANED_ACTION_NAMES = Object.fromEntries(CLEANED_ACTIONS.map((a) => [a, CLEANUP_ACTIONS[a]]));
