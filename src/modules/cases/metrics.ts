// Enforcement metrics (metrics.md, "Administrative enforcement"): SQL aggregates over the
// penalty cases of the organisation subtree, placed in the period by the date each
// definition names. Money is summed in fen. A "penalty decision" is a decision with at
// least one sanction (a no-penalty decision is not one). The figures drawn from the
// decisions of the period are declared as aggregates over the same records, so the
// registry reads those decisions once for all of them.
//
// The case row holds the decision in force (cases/corrections.ts): a decision altered on
// reconsideration or in court counts with the altered penalty, on its original decision
// date; a revoked one no longer counts, and the decision made anew counts on its own date.
// The figures, and the annual report written from them, state what is in force when they
// are computed; a report finalised before the correction keeps what it said then. The
// fines collected are the money received on each date (payments under a revoked decision
// included: returning them is the case's follow-up, not a negative payment).
import { defineMetrics, type MetricAggregate, type MetricScope } from '../../platform/metrics/types';
import { RULES } from '../../core/law/rules';
import { SANCTION_KINDS } from './sanctionKinds';

/** Cases of the subtree ($1 = subtree path). */
const IN_SUBTREE = `c.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1 || '%')`;
/** Decisions (penalty or no penalty) taken in the period ($2, $3): the shared records. */
const DECIDED = `FROM penalty_cases c WHERE ${IN_SUBTREE} AND c.decided_on BETWEEN $2::date AND $3::date`;
/** Among them, the penalty decisions. */
const PENALTY = 'cardinality(c.decided_sanctions) > 0';

const params = (s: MetricScope) => [s.orgPath, s.from, s.to];

/** Aggregates over the decisions of the period; each column an aggregate expression. */
const overDecisions = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from: DECIDED, params: params(s), columns });

/** A literal text array of platform sanction codes (constants of the code, never input). */
const codes = (list: readonly string[]) => `ARRAY[${list.map((c) => `'${c.replace(/[^a-z_]/g, '')}'`).join(',')}]::text[]`;

/** Major decisions in the period with whether the legal review's date (submitted, completed) came on or before the decision. */
const majorWith = (dateColumn: 'legal_review_submitted_on' | 'legal_review_completed_on') => overDecisions({
  numerator: `count(*) FILTER (WHERE ${PENALTY} AND c.major_decision AND c.${dateColumn} <= c.decided_on)::int`,
  denominator: `count(*) FILTER (WHERE ${PENALTY} AND c.major_decision)::int`,
});

export const enforcementMetrics = defineMetrics([
  {
    id: 'enforcement.cases.opened', name: '立案数', nameEn: 'Cases opened', unit: 'count', periodDate: '立案日期',
    definition: '立案日期在统计期内的行政处罚案件数（简易程序当场处罚不立案，不计入）。',
    query: (s) => ({ sql: `SELECT count(*)::int AS value FROM penalty_cases c WHERE ${IN_SUBTREE} AND c.filed_on BETWEEN $2::date AND $3::date`, params: params(s) }),
  },
  {
    id: 'enforcement.cases.closed', name: '结案数', nameEn: 'Cases closed', unit: 'count', periodDate: '结案日期',
    definition: '结案日期在统计期内的行政处罚案件数，按简易程序、一般程序分列。', breakdownKeys: ['simple', 'general'],
    query: (s) => ({
      sql: `SELECT count(*)::int AS value,
                   jsonb_build_object('simple', count(*) FILTER (WHERE c.procedure_kind = 'simple'), 'general', count(*) FILTER (WHERE c.procedure_kind = 'general')) AS breakdown
              FROM penalty_cases c WHERE ${IN_SUBTREE} AND c.closed_on BETWEEN $2::date AND $3::date`,
      params: params(s),
    }),
  },
  {
    id: 'enforcement.penalty_decisions', name: '行政处罚决定数', nameEn: 'Penalty decisions', unit: 'count', periodDate: '决定日期',
    definition: '决定日期在统计期内、给予至少一种行政处罚的决定数（含简易程序；不予处罚决定不计入）。',
    aggregate: overDecisions({ value: `count(*) FILTER (WHERE ${PENALTY})::int` }),
  },
  {
    id: 'enforcement.fines.decided', name: '罚款金额', nameEn: 'Fines decided', unit: 'yuan', periodDate: '决定日期',
    definition: '决定日期在统计期内的行政处罚决定所处罚款之和，按现行有效的决定计：经行政复议或者行政诉讼变更（部分撤销）的按变更后的金额，被撤销的决定不计入，撤销后重新作出的决定按其决定日期计入。',
    aggregate: overDecisions({ value_fen: `coalesce(sum(round(c.decided_fine_yuan * 100)) FILTER (WHERE ${PENALTY}), 0)::bigint` }),
  },
  {
    id: 'enforcement.fines.collected', name: '实际罚没金额', nameEn: 'Fines collected', unit: 'yuan', periodDate: '缴纳日期',
    definition: '缴纳日期在统计期内实际缴纳的罚款之和（分期缴纳的按每期缴纳日期计入；加处罚款不计入）。',
    // Payments recorded on the platform, each on its own date (instalments, art. 66); and
    // imported history, which carries the fine paid on the case row (unless payments were
    // recorded on the platform after the import).
    query: (s) => ({
      sql: `SELECT (SELECT coalesce(sum(round(p.fine_yuan * 100)), 0) FROM case_payments p JOIN penalty_cases c ON c.id = p.case_id
                     WHERE ${IN_SUBTREE} AND p.paid_on BETWEEN $2::date AND $3::date)
                 + (SELECT coalesce(sum(round(c.paid_yuan * 100)), 0) FROM penalty_cases c
                     WHERE ${IN_SUBTREE} AND c.imported AND c.paid_on BETWEEN $2::date AND $3::date
                       AND NOT EXISTS (SELECT 1 FROM case_payments p WHERE p.case_id = c.id))::bigint AS value_fen`,
      params: params(s),
    }),
  },
  {
    id: 'enforcement.confiscation', name: '没收违法所得', nameEn: 'Illegal gains confiscated', unit: 'yuan', periodDate: '决定日期',
    definition: '决定日期在统计期内的行政处罚决定所没收的违法所得（及非法财物）金额之和。',
    aggregate: overDecisions({ value_fen: `coalesce(sum(round(c.confiscated_yuan * 100)) FILTER (WHERE ${PENALTY}), 0)::bigint` }),
  },
  {
    id: 'enforcement.sanctions', name: '处罚种类', nameEn: 'Decisions by sanction', unit: 'count', periodDate: '决定日期',
    definition: '决定日期在统计期内的行政处罚决定数，并按处罚种类分列（一个决定有几种处罚即在各种类中各计一次，分列之和可大于总数）。',
    breakdownKeys: Object.keys(SANCTION_KINDS), breakdownAdditive: false,
    aggregate: overDecisions({
      value: `count(*) FILTER (WHERE ${PENALTY})::int`,
      breakdown: `jsonb_build_object(${Object.entries(SANCTION_KINDS).map(([k, v]) =>
        `'${k}', count(*) FILTER (WHERE c.decided_sanctions && ${codes(v)})`).join(', ')})`,
    }),
  },
  {
    id: 'enforcement.entities_penalized', name: '被处罚单位数', nameEn: 'Parties penalised', unit: 'count', periodDate: '决定日期',
    definition: '统计期内受到至少一个行政处罚决定的不同当事人数（按监管对象；未关联监管对象的按统一社会信用代码或证件号，再按名称区分）。',
    aggregate: overDecisions({ value: `count(DISTINCT coalesce('e' || c.entity_id::text, 'c' || c.party_code, 'n' || c.party_name)) FILTER (WHERE ${PENALTY})::int` }),
  },
  {
    id: 'enforcement.transfers', name: '移送案件数', nameEn: 'Cases transferred', unit: 'count', periodDate: '移送日期',
    definition: '移送日期在统计期内移送其他机关的案件数。',
    query: (s) => ({
      sql: `SELECT count(*)::int AS value FROM penalty_cases c WHERE ${IN_SUBTREE} AND c.transferred_on BETWEEN $2::date AND $3::date`,
      params: params(s),
    }),
  },
  {
    id: 'enforcement.major.count', name: '重大执法决定数', nameEn: 'Major decisions', unit: 'count', periodDate: '决定日期',
    definition: '决定日期在统计期内、作出决定时符合重大执法决定标准（应当告知听证权利的处罚、当事人申请听证或案情复杂）的行政处罚决定数。',
    aggregate: overDecisions({ value: `count(*) FILTER (WHERE ${PENALTY} AND c.major_decision)::int` }),
  },
  {
    id: 'enforcement.major.submission_rate', name: '法制审核报请率', nameEn: 'Major decisions submitted for legal review', unit: 'ratio', periodDate: '决定日期',
    definition: '统计期内的重大执法决定中，在作出决定前已提交法制审核的比例。',
    aggregate: majorWith('legal_review_submitted_on'),
  },
  {
    id: 'enforcement.major.review_rate', name: '法制审核率', nameEn: 'Major decisions reviewed before decision', unit: 'ratio', periodDate: '决定日期',
    definition: '统计期内的重大执法决定中，在作出决定前已通过法制审核的比例。',
    aggregate: majorWith('legal_review_completed_on'),
  },
  {
    id: 'enforcement.publicity.on_time_rate', name: '处罚公示及时率', nameEn: 'Decisions published on time', unit: 'ratio', periodDate: '决定日期',
    definition: '统计期内作出的行政处罚决定中，在公示期限（决定之日起7个工作日）内公示的比例；分母为统计期内的全部行政处罚决定。',
    rules: [RULES.publicationPeriod.id],
    aggregate: overDecisions({
      numerator: `count(*) FILTER (WHERE ${PENALTY} AND c.published_on <= c.publication_due)::int`,
      denominator: `count(*) FILTER (WHERE ${PENALTY})::int`,
    }),
  },
  {
    id: 'enforcement.discretion_coverage', name: '裁量基准细化量化率', nameEn: 'High-frequency provisions with a tiered benchmark', unit: 'ratio', periodDate: '统计截止日前12个月的决定日期',
    definition: '统计截止日前12个月内适用次数达到规定次数的处罚条款中，现行裁量基准对每种规定罚款的情形都划分了从轻、一般、从重档次的比例。',
    rules: [RULES.discretionHighFrequencyUses.id],
    query: (s) => ({
      sql: `WITH uses AS (
              SELECT pc.code FROM penalty_cases c CROSS JOIN LATERAL unnest(c.provision_codes) AS pc(code)
               WHERE ${IN_SUBTREE} AND cardinality(c.decided_sanctions) > 0
                 AND c.decided_on > ($2::date - interval '12 months') AND c.decided_on <= $2::date
               GROUP BY pc.code HAVING count(*) >= $3::int),
            current AS (
              SELECT DISTINCT ON (p.code) p.code, r.definition FROM penalty_provisions p JOIN provision_revisions r ON r.provision_id = p.id
               WHERE r.effective_from IS NULL OR r.effective_from <= $2::date
               ORDER BY p.code, r.effective_from DESC NULLS LAST, r.revision DESC)
            SELECT count(*) FILTER (WHERE cur.code IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM jsonb_array_elements(cur.definition->'scenarios') sc
                      WHERE sc->'fine'->>'kind' <> 'none' AND jsonb_array_length(sc->'tiers') < 3))::int AS numerator,
                   count(*)::int AS denominator
              FROM uses u LEFT JOIN current cur ON cur.code = u.code`,
      // Only the end of the period matters: the 12 months before it.
      params: [s.orgPath, s.to, Number(s.rules[RULES.discretionHighFrequencyUses.id])],
    }),
  },
  {
    id: 'enforcement.decision_time.median', name: '办案时长中位数', nameEn: 'Median days from filing to decision', unit: 'days', periodDate: '决定日期',
    definition: '决定日期在统计期内、经立案的案件从立案到作出决定的天数的中位数。',
    aggregate: overDecisions({ value: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY (c.decided_on - c.filed_on)) FILTER (WHERE c.filed_on IS NOT NULL)' }),
  },
]);
