// Licensing metrics (metrics.md, "Government services and licensing"): SQL aggregates over
// the applications (办件) and the service-item catalogue of the organisation subtree,
// placed in the period by the date each definition names. An application belongs to the
// organisation that handles it (licence_applications.org_id), a catalogue item to its
// implementing organisation. Applications made on the platform and imported history
// (source 'import') count alike.
//
// The figures drawn from the same records are declared as aggregates over them, so the
// registry reads each set once: the applications concluded in the period (seven figures),
// those accepted in the period (two), and the catalogue as it stood at the end of the
// period (two).
import { defineMetrics, type MetricAggregate, type MetricScope } from '../../platform/metrics/types';
import { CATALOGUE_CATEGORIES } from './catalogueSchema';

/** Records of the subtree ($1 = subtree path). */
const SUBTREE = (alias: string) => `${alias}.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1 || '%')`;
const params = (s: MetricScope) => [s.orgPath, s.from, s.to];

/**
 * Applications concluded (approved, refused or withdrawn) in the period ($2, $3), by their
 * conclusion date, with the catalogue item version they were made under (its category).
 */
const CONCLUDED = `FROM licence_applications a JOIN catalogue_items ci ON ci.id = a.item_id
  WHERE ${SUBTREE('a')} AND a.concluded_on BETWEEN $2::date AND $3::date`;
const overConcluded = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from: CONCLUDED, params: params(s), columns });

/** Applications accepted in the period, by their acceptance date. */
const ACCEPTED = `FROM licence_applications a WHERE ${SUBTREE('a')} AND a.accepted_on BETWEEN $2::date AND $3::date`;
const overAccepted = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from: ACCEPTED, params: params(s), columns });

/**
 * The catalogue at the end of the period ($2 = `to`): of every item, the version in force
 * then — the latest version created on or before that day (China time). The catalogue is
 * versioned (an edit adds a version), so a past period sees the time limits it had. An
 * item none of whose versions is that old (a catalogue imported or seeded after the
 * period, which carries no dates of its own) stands with its first version: otherwise a
 * commission adopting the platform could never report on the years before it. An item
 * counts when that version is active and belongs to the subtree.
 */
const CATALOGUE_AT = `FROM (
    SELECT DISTINCT ON (c.item_code) c.org_id, c.active, c.statutory_days, c.promised_days
      FROM catalogue_items c
     ORDER BY c.item_code,
              CASE WHEN c.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') THEN c.version ELSE 0 END DESC,
              c.version
  ) ci WHERE ci.active AND ${SUBTREE('ci')}`;
/** The day the first catalogue version was recorded (imported, seeded or written). */
const CATALOGUE_RECORDED_SINCE = `SELECT min((created_at AT TIME ZONE 'Asia/Shanghai')::date) FROM catalogue_items`;
const overCatalogue = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from: CATALOGUE_AT, params: [s.orgPath, s.to], columns });

/** A literal from the platform's own category codes (constants of the code, never input). */
const lit = (code: string) => `'${code.replace(/[^a-z_]/g, '')}'`;

/**
 * 按时办结 (on time). The promised limit runs from acceptance: an accepted application is
 * on time when concluded on or before its due date (due_on = accepted_on + the item's
 * promised working days, set at acceptance or computed by the import). A filing (备案) is
 * not accepted and decided: it is recorded on receipt (every filing item promises 0 days,
 * "当场办结"), so it is on time only when concluded on the day it was received — a filing
 * left lying for days is late even though no decision clock ran. An application withdrawn
 * before it was accepted (no due date) counts as on time: the promised limit had not
 * started, so the commission cannot have exceeded it, and the applicant's withdrawal says
 * nothing about its speed. (Approvals and refusals always have a due date: they follow
 * acceptance, on the platform and in the import.)
 */
const ON_TIME = `CASE WHEN ci.kind = 'filing' THEN a.concluded_on <= a.received_on
                      WHEN a.due_on IS NULL THEN a.outcome = 'withdrawn'
                      ELSE a.concluded_on <= a.due_on END`;

export const licensingMetrics = defineMetrics([
  {
    id: 'licensing.applications.total', name: '行政许可办件量', nameEn: 'Licensing applications concluded', unit: 'count', periodDate: '办结日期',
    definition: '办结日期在统计期内办结（准予、不予许可或申请人撤回）的办件数，按事项类别（公共卫生类、医疗机构执业类、医护人员、备案及其他、依职权审批）分列；类别取办件所依据的事项版本。',
    breakdownKeys: CATALOGUE_CATEGORIES,
    aggregate: overConcluded({
      value: 'count(*)::int',
      breakdown: `jsonb_build_object(${CATALOGUE_CATEGORIES.map((c) => `${lit(c)}, count(*) FILTER (WHERE ci.category = ${lit(c)})`).join(', ')})`,
    }),
  },
  {
    id: 'licensing.online.count', name: '网办件数', nameEn: 'Applications concluded that were made online', unit: 'count', periodDate: '办结日期',
    definition: '办结日期在统计期内办结、通过网上渠道提交申请的办件数。',
    aggregate: overConcluded({ value: "count(*) FILTER (WHERE a.channel = 'online')::int" }),
  },
  {
    id: 'licensing.online_rate', name: '网办率', nameEn: 'Share of concluded applications made online', unit: 'ratio', periodDate: '办结日期',
    definition: '统计期内办结的办件中，通过网上渠道提交申请的比例（网办件数 ÷ 行政许可办件量）。',
    aggregate: overConcluded({ numerator: "count(*) FILTER (WHERE a.channel = 'online')::int", denominator: 'count(*)::int' }),
  },
  {
    id: 'licensing.instant_rate', name: '即办率', nameEn: 'Share concluded on the day of acceptance', unit: 'ratio', periodDate: '办结日期',
    definition: '统计期内办结的办件中，在受理当日办结的比例（受理当日办结件数 ÷ 行政许可办件量；未受理即撤回的不是即办件）。',
    aggregate: overConcluded({ numerator: 'count(*) FILTER (WHERE a.concluded_on = a.accepted_on)::int', denominator: 'count(*)::int' }),
  },
  {
    id: 'licensing.time_compression_rate', name: '时间压缩率', nameEn: 'Mean compression of the statutory time limit', unit: 'ratio', periodDate: '统计截止日', recordedSince: CATALOGUE_RECORDED_SINCE,
    definition: '统计截止日有效的政务服务事项（取当日施行的事项版本）的（法定办结时限 − 承诺办结时限）÷ 法定办结时限的平均值。',
    // The mean as a ratio: the sum of the items' compressions over the number of items
    // (the numerator is fractional; the value is exactly the mean).
    aggregate: overCatalogue({
      numerator: 'coalesce(sum((ci.statutory_days - ci.promised_days)::numeric / ci.statutory_days), 0)::float8',
      denominator: 'count(*)::int',
    }),
  },
  {
    id: 'licensing.no_proof_rate', name: '无证明办件率', nameEn: 'Share of concluded applications needing no proof from another body', unit: 'ratio', periodDate: '办结日期',
    definition: '统计期内办结的办件中，申请人无需提交其他单位出具的证明材料（以电子证照、数据核验代替）的比例。',
    aggregate: overConcluded({ numerator: 'count(*) FILTER (WHERE a.proof_free)::int', denominator: 'count(*)::int' }),
  },
  {
    id: 'licensing.on_time_rate', name: '按时办结率', nameEn: 'Share concluded within the promised time limit', unit: 'ratio', periodDate: '办结日期',
    definition: '统计期内办结的办件中，在承诺时限内办结的比例：已受理的办件在承诺办结期限（受理之日起按承诺工作日计算）内办结；备案事项在收件当日办结；受理前撤回的不计为超期。',
    aggregate: overConcluded({ numerator: `count(*) FILTER (WHERE ${ON_TIME})::int`, denominator: 'count(*)::int' }),
  },
  {
    id: 'licensing.commitment.count', name: '告知承诺办件数', nameEn: 'Approvals under notification and commitment', unit: 'count', periodDate: '办结日期',
    definition: '办结日期在统计期内、以告知承诺制准予许可（备案）的办件数。',
    aggregate: overConcluded({ value: "count(*) FILTER (WHERE a.outcome = 'approved' AND a.commitment)::int" }),
  },
  {
    id: 'licensing.deficiency_acceptance.count', name: '容缺受理件数', nameEn: 'Applications accepted with materials outstanding', unit: 'count', periodDate: '受理日期',
    definition: '受理日期在统计期内、容缺受理（部分材料待补齐即予受理）的办件数。',
    aggregate: overAccepted({ value: 'count(*) FILTER (WHERE a.deficiency_accepted)::int' }),
  },
  {
    id: 'licensing.e_licence_reuse.count', name: '引用电子证照件数', nameEn: 'Applications referencing an existing e-licence', unit: 'count', periodDate: '受理日期',
    definition: '受理日期在统计期内、以引用已有电子证照代替提交纸质材料的办件数。',
    aggregate: overAccepted({ value: 'count(*) FILTER (WHERE a.e_licence_reused)::int' }),
  },
  {
    id: 'licensing.satisfaction_rate', name: '好评率', nameEn: 'Evaluations rated good or very good', unit: 'ratio', periodDate: '评价日期',
    definition: '评价日期在统计期内的办件评价中，评为“满意”或“非常满意”（4星、5星）的比例。',
    query: (s) => ({
      sql: `SELECT count(*) FILTER (WHERE a.rating >= 4)::int AS numerator, count(*)::int AS denominator
              FROM licence_applications a
             WHERE ${SUBTREE('a')} AND a.rating IS NOT NULL AND a.rated_on BETWEEN $2::date AND $3::date`,
      params: params(s),
    }),
  },
  {
    id: 'licensing.catalogue.items', name: '事项数', nameEn: 'Catalogue items in force', unit: 'count', periodDate: '统计截止日', recordedSince: CATALOGUE_RECORDED_SINCE,
    definition: '统计截止日有效的政务服务事项数（按事项编码计，一个事项的多个版本计一次）。',
    aggregate: overCatalogue({ value: 'count(*)::int' }),
  },
]);
