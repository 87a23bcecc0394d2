// Supervision metrics (metrics.md, "Supervision and inspection"): SQL aggregates over the
// visits, random-inspection tasks and plans of the organisation subtree, placed in the
// period by the date each definition names. A visit belongs to the organisation that made
// it; a task to its plan's organisation.
import { defineMetrics, type MetricAggregate, type MetricScope } from '../../platform/metrics/types';
import { PLAN_SOURCES } from './dataset';

const SUBTREE = (alias: string) => `${alias}.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1 || '%')`;
const params = (s: MetricScope) => [s.orgPath, s.from, s.to];

/** Visits made in the period ($2, $3): four figures read them in one scan. */
const VISITS = `FROM inspections v WHERE ${SUBTREE('v')} AND v.visited_on BETWEEN $2::date AND $3::date`;
const overVisits = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from: VISITS, params: params(s), columns });

/** Tasks of the subtree's plans. */
const TASKS = `FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id WHERE ${SUBTREE('p')}`;
/** Tasks completed in the period: two ratios read them in one scan. */
const overCompletedTasks = (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({
  from: `${TASKS} AND t.completed_on BETWEEN $2::date AND $3::date`, params: params(s), columns,
});

export const inspectionMetrics = defineMetrics([
  {
    id: 'inspection.visits.total', name: '监督检查户次', nameEn: 'Inspection visits', unit: 'count', periodDate: '检查日期',
    definition: '检查日期在统计期内完成的监督检查户次（含双随机抽查和日常检查）。',
    aggregate: overVisits({ value: 'count(*)::int' }),
  },
  {
    id: 'inspection.entities.distinct', name: '检查单位数', nameEn: 'Entities visited', unit: 'count', periodDate: '检查日期',
    definition: '检查日期在统计期内被检查的不同监管对象数。',
    aggregate: overVisits({ value: 'count(DISTINCT v.entity_id)::int' }),
  },
  {
    id: 'inspection.inspector_times', name: '出动执法人员人次', nameEn: 'Inspector attendances', unit: 'count', periodDate: '检查日期',
    definition: '检查日期在统计期内的各次检查参加的执法人员人数之和。',
    aggregate: overVisits({ value: 'coalesce(sum(cardinality(v.inspector_ids)), 0)::int' }),
  },
  {
    id: 'inspection.random.entities', name: '随机抽检户数', nameEn: 'Entities visited under random tasks', unit: 'count', periodDate: '检查日期',
    definition: '检查日期在统计期内、按双随机抽查任务检查的不同监管对象数。',
    aggregate: overVisits({ value: 'count(DISTINCT v.entity_id) FILTER (WHERE v.random_task_id IS NOT NULL)::int' }),
  },
  {
    id: 'inspection.random_share', name: '双随机抽查占比', nameEn: 'Share of visits under random tasks', unit: 'ratio', periodDate: '检查日期',
    definition: '检查日期在统计期内的检查户次中，按双随机抽查任务实施的比例。',
    aggregate: overVisits({ numerator: 'count(*) FILTER (WHERE v.random_task_id IS NOT NULL)::int', denominator: 'count(*)::int' }),
  },
  {
    id: 'inspection.random.tasks.assigned', name: '随机抽查任务数', nameEn: 'Random-inspection tasks', unit: 'count', periodDate: '任务完成期限',
    definition: '完成期限在统计期内的双随机抽查任务数（一个被抽中的对象为一个任务），按任务来源（国家、省级、市级、本级）分列。',
    breakdownKeys: PLAN_SOURCES,
    query: (s) => ({
      sql: `SELECT count(*)::int AS value, jsonb_build_object(${PLAN_SOURCES.map((k) => `'${k}', count(*) FILTER (WHERE p.source = '${k}')`).join(', ')}) AS breakdown
              ${TASKS} AND t.due_on BETWEEN $2::date AND $3::date`,
      params: params(s),
    }),
  },
  {
    id: 'inspection.random.tasks.completion_rate', name: '抽查任务完成率', nameEn: 'Random tasks completed by their due date', unit: 'ratio', periodDate: '任务完成期限',
    definition: '完成期限在统计期内的双随机抽查任务中，在期限内完成的比例。',
    query: (s) => ({
      sql: `SELECT count(*) FILTER (WHERE t.completed_on <= t.due_on)::int AS numerator, count(*)::int AS denominator
              ${TASKS} AND t.due_on BETWEEN $2::date AND $3::date`,
      params: params(s),
    }),
  },
  {
    id: 'inspection.joint_random_rate', name: '联合随机抽查率', nameEn: 'Random tasks carried out jointly', unit: 'ratio', periodDate: '任务完成日期',
    definition: '完成日期在统计期内的双随机抽查任务中，与其他部门联合实施的比例。',
    aggregate: overCompletedTasks({ numerator: 'count(*) FILTER (WHERE t.joint)::int', denominator: 'count(*)::int' }),
  },
  {
    id: 'inspection.results_published_on_time_rate', name: '抽查结果按时公示率', nameEn: 'Random-inspection results published on time', unit: 'ratio', periodDate: '任务完成日期',
    definition: '完成日期在统计期内的双随机抽查任务中，其结果在完成后20个工作日内（按完成时的规则计算期限）公示的比例。',
    aggregate: overCompletedTasks({ numerator: 'count(*) FILTER (WHERE t.published_on <= t.publication_due)::int', denominator: 'count(*)::int' }),
  },
  {
    id: 'inspection.credit_applied_rate', name: '信用分类结果应用率', nameEn: 'Random plans drawn with credit and risk classes', unit: 'ratio', periodDate: '计划年度',
    definition: '年度在统计期内的双随机抽查计划中，抽取时应用了监管对象信用风险分类结果的比例。',
    query: (s) => ({
      sql: `SELECT count(*) FILTER (WHERE p.credit_applied)::int AS numerator, count(*)::int AS denominator
              FROM random_plans p WHERE ${SUBTREE('p')} AND p.year BETWEEN extract(year FROM $2::date) AND extract(year FROM $3::date)`,
      params: params(s),
    }),
  },
]);
