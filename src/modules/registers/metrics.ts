// Metrics of the registers (metrics.md, "Openness" and the training and law-popularisation
// rows): counts over the records of the organisation subtree whose date falls in the
// period, with breakdowns by channel or kind. Every channel and kind is a CHECKed code of
// its table, so each breakdown adds up to its total. Records registered on the platform
// and imported ones count alike; a platform quiz's activity carries its completed
// attempts as participants (kept by modules/quiz).
import { defineMetrics, type MetricAggregate, type MetricScope } from '../../platform/metrics/types';
import { ACTIVITY_KINDS, PUBLICATION_CHANNELS, TRAINING_KINDS } from './schema';

/** A literal list from the platform's own codes (constants of the code, never input). */
const lit = (code: string) => `'${code.replace(/[^a-z_]/g, '')}'`;

/** The records of the subtree ($1 = subtree path) dated in the period ($2, $3). */
const over = (table: string, dateColumn: string) => (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({
  from: `FROM ${table} t WHERE t.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1 || '%') AND t.${dateColumn} BETWEEN $2::date AND $3::date`,
  params: [s.orgPath, s.from, s.to],
  columns,
});

const countBy = (column: string, codes: readonly string[]) =>
  `jsonb_build_object(${codes.map((c) => `${lit(c)}, count(*) FILTER (WHERE t.${column} = ${lit(c)})::int`).join(', ')})`;
const sumBy = (column: string, codes: readonly string[]) =>
  `jsonb_build_object(${codes.map((c) => `${lit(c)}, coalesce(sum(t.participants) FILTER (WHERE t.${column} = ${lit(c)}), 0)::int`).join(', ')})`;

const CHANNELS = Object.keys(PUBLICATION_CHANNELS);
const TRAININGS = Object.keys(TRAINING_KINDS);
const ACTIVITIES = Object.keys(ACTIVITY_KINDS);

const overPublications = over('publications', 'published_on');
const overTrainings = over('trainings', 'held_on');
const overActivities = over('popularization_activities', 'held_on');

export const registerMetrics = defineMetrics([
  {
    id: 'disclosure.proactive.count', name: '主动公开信息条数', nameEn: 'Items published proactively', unit: 'count', periodDate: '发布日期',
    definition: '发布日期在统计期内主动公开的政府信息条数，按发布渠道（门户网站、政务微博、政务微信、政府信息公开目录、其他）分列。',
    breakdownKeys: CHANNELS,
    aggregate: overPublications({ value: 'count(*)::int', breakdown: countBy('channel', CHANNELS) }),
  },
  {
    id: 'training.sessions', name: '培训场次', nameEn: 'Training and law-study sessions held', unit: 'count', periodDate: '举办日期',
    definition: '举办日期在统计期内的培训和学法场次（业务培训、集体学法、宪法宣誓、专家讲座），按类型分列。',
    breakdownKeys: TRAININGS,
    aggregate: overTrainings({ value: 'count(*)::int', breakdown: countBy('kind', TRAININGS) }),
  },
  {
    id: 'popularization.activities', name: '普法活动数', nameEn: 'Law-popularisation activities held', unit: 'count', periodDate: '举办日期',
    definition: '举办日期在统计期内的普法活动次数（主题宣传、知识竞赛、法治讲座、媒体宣传、法律服务），按类型分列。',
    breakdownKeys: ACTIVITIES,
    aggregate: overActivities({ value: 'count(*)::int', breakdown: countBy('kind', ACTIVITIES) }),
  },
  {
    id: 'popularization.participants', name: '普法参与人次', nameEn: 'Participants in law-popularisation activities', unit: 'count', periodDate: '举办日期',
    definition: '举办日期在统计期内的普法活动参与人次之和（网上学法竞赛为完成答题人次），按活动类型分列。',
    breakdownKeys: ACTIVITIES,
    aggregate: overActivities({ value: 'coalesce(sum(t.participants), 0)::int', breakdown: sumBy('kind', ACTIVITIES) }),
  },
]);
