// Staffing metrics (队伍): enforcement staff with a valid certificate, staff per 10,000
// residents and the gap to the local target (metrics.md, "People, training and law
// popularisation"). All three are a snapshot at the last day of the period.
import { defineMetrics, type MetricScope } from '../../platform/metrics/types';
import { RULES } from '../../core/law/rules';

/**
 * Active inspectors of the subtree holding a certificate valid on the last day of the
 * period ($1 = subtree path, $2 = that day).
 */
const ACTIVE = `SELECT count(*)::int AS n
  FROM inspectors i JOIN organizations o ON o.id = i.org_id
 WHERE o.path LIKE $1 || '%' AND i.active
   AND i.certificate_no IS NOT NULL AND i.certificate_valid_to >= $2::date`;

/**
 * Resident population of the subtree ($1 = its root's path): the root's own figure, or
 * when it has none the sum over the highest organisations under it that have one (a
 * district's figure already includes its streets, so deeper figures are not added).
 * NULL when no organisation of the subtree has a population.
 */
const POPULATION = `SELECT coalesce(r.population::bigint, (
    SELECT sum(c.population)::bigint FROM organizations c
     WHERE c.path LIKE r.path || '%' AND c.id <> r.id AND c.population IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM organizations a
                        WHERE a.population IS NOT NULL AND a.id <> c.id AND a.id <> r.id
                          AND a.path LIKE r.path || '%' AND c.path LIKE a.path || '%'))) AS population
  FROM organizations r WHERE r.path = $1`;

const params = (s: MetricScope) => [s.orgPath, s.to];

export const inspectorMetrics = defineMetrics([
  {
    id: 'staff.inspectors.active',
    name: '在岗执法人员数',
    nameEn: 'Active inspectors with a valid certificate',
    unit: 'count',
    periodDate: '期末日（统计截止日）',
    definition: '统计截止日在岗（未停用）且持有有效行政执法证件（证号已登记、有效期截止日不早于统计截止日）的执法人员人数，含下级机构。',
    query: (s) => ({ sql: `SELECT n AS value FROM (${ACTIVE}) act`, params: params(s) }),
  },
  {
    id: 'staff.inspectors.per10k',
    name: '每万人口卫生监督员数',
    nameEn: 'Inspectors per 10,000 residents',
    unit: 'per10k',
    periodDate: '期末日（统计截止日）',
    definition: '在岗执法人员数 ÷ 常住人口 × 10000；常住人口取本机构登记的人口数，本机构未登记的，取其下属最高一级已登记人口数的机构之和；无人口数据时不计算。',
    query: (s) => ({
      sql: `SELECT act.n AS numerator, pop.population AS denominator FROM (${ACTIVE}) act, (${POPULATION}) pop`,
      params: params(s),
    }),
  },
  {
    id: 'staff.inspectors.gap',
    name: '人员缺口',
    nameEn: 'Inspector shortfall against the target ratio',
    unit: 'count',
    periodDate: '期末日（统计截止日）',
    definition: '按每万名常住人口配备目标数计算的应配人数（向上取整）减去在岗执法人员数，不小于0；目标数为规则参数“每万名常住人口配备卫生监督员目标数”；无人口数据时不计算。',
    rules: [RULES.inspectorsPer10kTarget.id],
    query: (s) => ({
      sql: `SELECT CASE WHEN pop.population IS NULL THEN NULL
                   ELSE greatest(0, ceil($3::numeric * pop.population / 10000) - act.n)::int END AS value
              FROM (${ACTIVE}) act, (${POPULATION}) pop`,
      params: [...params(s), Number(s.rules[RULES.inspectorsPer10kTarget.id])],
    }),
  },
]);
