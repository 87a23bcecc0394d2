// A plan's KPI targets with their live values: each target's metric computed by the
// metric registry for the plan's organisation (and everything under it) over the plan's
// year so far (1 January to the earlier of 31 December and today), all of a plan's
// metrics in one call, and whether the value meets the target. A metric without a value
// (a ratio whose base is empty) shows "无数据" and does not count as met. A caller that
// has already computed metrics for exactly that organisation and period (the annual
// report of a past year) hands them over, and only the others are computed here.
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { evaluateMetrics, type MetricRequest } from '../../platform/metrics/registry';
import type { MetricDefinition, MetricValue } from '../../platform/metrics/types';
import { todayInChina } from '../../core/calendar/dates';
import { meetsTarget, type Comparator, type PlanTargetValue } from '../../core/workplans/outline';

export type { PlanTargetValue };
import { METRIC_REGISTRY } from '../metrics/definitions';
import { readablePlan } from './service';


/** The period a plan's targets are measured over: its year up to today. */
export function targetPeriod(year: number, today = todayInChina()): { from: string; to: string } {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  return { from, to: end < today ? end : today };
}

export interface TargetRow {
  id: number; plan_id: number; plan_title: string; task_id: number; task_number: number; task_text: string;
  metric_id: string; comparator: Comparator; target: number; note: string | null;
}

const TARGET_SELECT = `SELECT g.id, p.id AS plan_id, p.title AS plan_title, t.id AS task_id, t.number AS task_number, t.text AS task_text,
    g.metric_id, g.comparator, g.target::float8 AS target, g.note
  FROM work_plan_targets g JOIN work_plan_tasks t ON t.id = g.task_id JOIN work_plan_sections s ON s.id = t.section_id
  JOIN work_plans p ON p.id = s.plan_id`;
const TARGET_ORDER = 'ORDER BY p.year, p.id, s.seq, s.id, t.seq, t.id, g.id';

/** Metric values a caller has already computed, with the request they were computed for. */
export interface ComputedMetrics {
  request: MetricRequest;
  values: readonly MetricValue[];
}

const sameRequest = (a: MetricRequest, b: MetricRequest) =>
  a.from === b.from && a.to === b.to && a.orgId === b.orgId && a.orgPath === b.orgPath;

/**
 * Every metric the targets name, for the organisation and year: taken from `computed` when
 * that was computed for exactly the same subtree and period (the values are then the
 * same), the rest computed in one call.
 */
async function valuesOf(db: Queryable, rows: readonly TargetRow[], orgId: number, year: number, computed?: ComputedMetrics): Promise<Map<string, MetricValue>> {
  const defs = [...new Set(rows.map((r) => r.metric_id))].map((id) => METRIC_REGISTRY.get(id)).filter((d): d is MetricDefinition => d !== undefined);
  const { from, to } = targetPeriod(year);
  if (defs.length === 0 || from > to) return new Map();
  const org = await db.one<{ path: string }>('SELECT path FROM organizations WHERE id = $1', [orgId]);
  if (!org) return new Map();
  const request = { from, to, orgId, orgPath: org.path };
  const reusable = computed && sameRequest(computed.request, request) ? computed.values : [];
  const values = new Map(reusable.map((v) => [v.id, v] as const));
  const missing = defs.filter((d) => !values.has(d.id));
  for (const v of await evaluateMetrics(db, missing, request)) values.set(v.id, v);
  return values;
}

function withValue(r: TargetRow, values: Map<string, MetricValue>): PlanTargetValue {
  const def = METRIC_REGISTRY.get(r.metric_id);
  const value = values.get(r.metric_id)?.value ?? null;
  return {
    planId: r.plan_id, planTitle: r.plan_title, taskNumber: r.task_number, taskText: r.task_text,
    metricId: r.metric_id, metricName: def?.name ?? r.metric_id, unit: def?.unit ?? 'ratio',
    comparator: r.comparator, target: r.target, value, met: value === null ? null : meetsTarget(value, r.comparator, r.target),
  };
}

/** The targets of the published plans of exactly this organisation and year, in plan order, without values. */
export async function publishedPlanTargets(db: Queryable, orgId: number, year: number): Promise<TargetRow[]> {
  return db.query<TargetRow>(`${TARGET_SELECT} WHERE p.org_id = $1 AND p.year = $2 AND p.status = 'published' ${TARGET_ORDER}`, [orgId, year]);
}

/**
 * The targets of the published plans of exactly this organisation and year, with their
 * values over the year so far (the annual report lists the ones missed: met !== true).
 * `computed`: metrics the caller already has, reused where they are of the same subtree and period.
 */
export async function planTargetsWithValues(db: Queryable, orgId: number, year: number, computed?: ComputedMetrics): Promise<PlanTargetValue[]> {
  const rows = await publishedPlanTargets(db, orgId, year);
  const values = await valuesOf(db, rows, orgId, year, computed);
  return rows.map((r) => withValue(r, values));
}

/** GET /api/workplans/:id/targets: one plan's targets, live. */
export async function planTargets(db: Queryable, user: AuthUser, planId: number) {
  const plan = await readablePlan(db, user, planId);
  const rows = await db.query<TargetRow>(`${TARGET_SELECT} WHERE p.id = $1 ${TARGET_ORDER}`, [planId]);
  const values = await valuesOf(db, rows, plan.org_id, plan.year);
  const period = targetPeriod(plan.year);
  return {
    planId, orgId: plan.org_id, orgName: plan.org_name, year: plan.year,
    from: period.from, to: period.from > period.to ? null : period.to,
    targets: rows.map((r) => {
      const v = withValue(r, values);
      return { id: r.id, taskId: r.task_id, note: r.note, ...v, state: v.met === null ? 'nodata' : v.met ? 'met' : 'missed' };
    }),
  };
}
