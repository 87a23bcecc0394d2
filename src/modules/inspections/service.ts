// Reading the supervision records: random-inspection plans (with their task figures),
// their tasks and the inspection visits. Scope: a plan by its organisation, a task by its
// plan's, a visit by its own; outside the scope answers 404 like a missing id. The
// where-builders are shared with the Excel exports (dataset.ts), so an export holds
// exactly what the list shows.
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import {
  PLAN_SOURCE_NAMES, VISIT_KIND_NAMES, VISIT_RESULT_NAMES, type PlanFilters, type PlanListQuery, type TaskFilters, type TaskListQuery, type TaskState,
  type VisitFilters, type VisitListQuery,
} from './schema';
import { PLAN_STATUS_NAMES } from './drawSchema';

/** Lists count at most this many matches, like the case list (decisions/README.md 4). */
export const INSPECTION_COUNT_CAP = 10_000;

interface Where { where: string; params: unknown[] }

/** A builder of numbered parameters starting at $first, the scope's org ids first. */
function builder(scopeOrgIds: number[], first: number) {
  const params: unknown[] = [scopeOrgIds];
  const p = (v: unknown) => { params.push(v); return `$${first + params.length - 1}`; };
  return { params, p, scope: `$${first}::int[]` };
}

const subtree = (column: string, orgParam: string) =>
  `${column} IN (SELECT x.id FROM organizations x, organizations r WHERE r.id = ${orgParam} AND x.path LIKE r.path || '%')`;

/** The entity's name or USCC (alias e), or the record's number. */
function entitySearch(q: string, noColumn: string, p: (v: unknown) => string): string {
  const like = p(likeContaining(q));
  const upper = p(likeContaining(q.toUpperCase()));
  return `(e.name LIKE ${like} OR e.uscc LIKE ${upper} OR ${noColumn} LIKE ${like})`;
}

/** Plans (alias p) in scope and filters. */
export function planWhere(f: PlanFilters, scopeOrgIds: number[], first = 1): Where {
  const { params, p, scope } = builder(scopeOrgIds, first);
  const where = [`p.org_id = ANY(${scope})`];
  if (f.q) { const like = p(likeContaining(f.q)); where.push(`(p.plan_no LIKE ${like} OR p.title LIKE ${like})`); }
  if (f.source) where.push(`p.source = ${p(f.source)}`);
  if (f.year) where.push(`p.year = ${p(f.year)}`);
  if (f.orgId) where.push(subtree('p.org_id', p(f.orgId)));
  if (f.creditApplied !== undefined) where.push(`p.credit_applied = ${p(f.creditApplied)}`);
  return { where: where.join(' AND '), params };
}

/** Tasks (alias t, its plan p, its entity e) in scope and filters. */
export function taskWhere(f: TaskFilters, scopeOrgIds: number[], today: string, first = 1): Where {
  const { params, p, scope } = builder(scopeOrgIds, first);
  const where = [`p.org_id = ANY(${scope})`];
  if (f.q) where.push(entitySearch(f.q, 't.task_no', p));
  if (f.planId) where.push(`t.plan_id = ${p(f.planId)}`);
  if (f.state === 'completed') where.push('t.completed_on IS NOT NULL');
  if (f.state === 'pending') where.push(`t.completed_on IS NULL AND t.due_on >= ${p(today)}::date`);
  if (f.state === 'overdue') where.push(`t.completed_on IS NULL AND t.due_on < ${p(today)}::date`);
  if (f.joint !== undefined) where.push(`t.joint = ${p(f.joint)}`);
  if (f.publication === 'published') where.push('t.published_on IS NOT NULL');
  if (f.publication === 'unpublished') where.push('t.completed_on IS NOT NULL AND t.published_on IS NULL');
  if (f.publication === 'overdue') where.push(`t.published_on IS NULL AND t.publication_due < ${p(today)}::date`);
  if (f.orgId) where.push(subtree('p.org_id', p(f.orgId)));
  const dateColumn = f.dateOf === 'completed' ? 't.completed_on' : 't.due_on';
  if (f.from) where.push(`${dateColumn} >= ${p(f.from)}::date`);
  if (f.to) where.push(`${dateColumn} <= ${p(f.to)}::date`);
  return { where: where.join(' AND '), params };
}

/** Visits (alias v, its entity e) in scope and filters. */
export function visitWhere(f: VisitFilters, scopeOrgIds: number[], first = 1): Where {
  const { params, p, scope } = builder(scopeOrgIds, first);
  const where = [`v.org_id = ANY(${scope})`];
  if (f.q) where.push(entitySearch(f.q, 'v.visit_no', p));
  if (f.from) where.push(`v.visited_on >= ${p(f.from)}::date`);
  if (f.to) where.push(`v.visited_on <= ${p(f.to)}::date`);
  if (f.result) where.push(`v.result = ${p(f.result)}`);
  if (f.kind) where.push(`v.kind = ${p(f.kind)}`);
  if (f.orgId) where.push(subtree('v.org_id', p(f.orgId)));
  if (f.inspectorId) where.push(`${p(f.inspectorId)}::int = ANY(v.inspector_ids)`);
  if (f.entityId) where.push(`v.entity_id = ${p(f.entityId)}::bigint`);
  return { where: where.join(' AND '), params };
}

/** Counts up to the cap and pages: the shared shape of the three lists. */
async function paged<R, S>(db: Queryable, from: string, w: Where, select: string, order: string, q: { page: number; pageSize: number }, map: (r: R) => S) {
  const params = [...w.params];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 ${from} WHERE ${w.where} LIMIT ${INSPECTION_COUNT_CAP + 1}) c`, w.params);
  const rows = await db.query<R>(`SELECT ${select} ${from} WHERE ${w.where} ORDER BY ${order} LIMIT ${p(q.pageSize)} OFFSET ${p((q.page - 1) * q.pageSize)}`, params);
  return { rows: rows.map(map), total: Math.min(total!.n, INSPECTION_COUNT_CAP), totalCapped: total!.n > INSPECTION_COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------
// Plans

interface PlanRow {
  id: number; plan_no: string; title: string; org_id: number; org_name: string; source: keyof typeof PLAN_SOURCE_NAMES; year: number;
  credit_applied: boolean; imported: boolean; status: keyof typeof PLAN_STATUS_NAMES; task_count: number; completed_count: number; joint_count: number; published_count: number;
}

const PLAN_FROM = 'FROM random_plans p JOIN organizations o ON o.id = p.org_id';
/** The plan's columns and its task counts (one aggregate per plan of the page). */
const PLAN_SELECT = `p.id, p.plan_no, p.title, p.org_id, o.name AS org_name, p.source, p.year, p.credit_applied, p.imported, p.status,
  (SELECT count(*)::int FROM random_tasks t WHERE t.plan_id = p.id) AS task_count,
  (SELECT count(*)::int FROM random_tasks t WHERE t.plan_id = p.id AND t.completed_on IS NOT NULL) AS completed_count,
  (SELECT count(*)::int FROM random_tasks t WHERE t.plan_id = p.id AND t.joint) AS joint_count,
  (SELECT count(*)::int FROM random_tasks t WHERE t.plan_id = p.id AND t.published_on IS NOT NULL) AS published_count`;

const planOf = (r: PlanRow) => ({
  id: r.id, planNo: r.plan_no, title: r.title, orgId: r.org_id, orgName: r.org_name, source: r.source, sourceName: PLAN_SOURCE_NAMES[r.source] ?? r.source,
  year: r.year, creditApplied: r.credit_applied, imported: r.imported, status: r.status, statusName: PLAN_STATUS_NAMES[r.status] ?? r.status,
  taskCount: r.task_count, completedCount: r.completed_count, jointCount: r.joint_count, publishedCount: r.published_count,
});

export async function listPlans(db: Queryable, user: AuthUser, f: PlanListQuery) {
  return paged(db, PLAN_FROM, planWhere(f, user.scope.orgIds), PLAN_SELECT, 'p.year DESC, p.id DESC', f, planOf);
}

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator });

export async function getPlan(db: Queryable, user: AuthUser, id: number, q: { page: number; pageSize: number }) {
  const plan = await db.one<PlanRow>(`SELECT ${PLAN_SELECT} ${PLAN_FROM} WHERE p.id = $1 AND p.org_id = ANY($2::int[])`, [id, user.scope.orgIds]);
  if (!plan) throw notFound('抽查计划不存在或不在您的数据范围内');
  const today = todayInChina();
  const f = (await db.one<Record<string, number>>(
    `SELECT count(*)::int AS tasks,
            count(*) FILTER (WHERE t.completed_on IS NOT NULL)::int AS completed,
            count(*) FILTER (WHERE t.completed_on IS NULL AND t.due_on < $2::date)::int AS overdue,
            count(*) FILTER (WHERE t.completed_on <= t.due_on)::int AS completed_on_time,
            count(*) FILTER (WHERE t.joint AND t.completed_on IS NOT NULL)::int AS joint_completed,
            count(*) FILTER (WHERE t.joint)::int AS joint,
            count(*) FILTER (WHERE t.published_on IS NOT NULL)::int AS published,
            count(*) FILTER (WHERE t.completed_on IS NOT NULL AND t.published_on <= t.publication_due)::int AS published_on_time
       FROM random_tasks t WHERE t.plan_id = $1`, [id, today]))!;
  return {
    ...planOf(plan),
    figures: {
      tasks: f.tasks, completed: f.completed, overdue: f.overdue, joint: f.joint, published: f.published,
      completedOnTime: ratio(f.completed_on_time, f.tasks),
      jointRate: ratio(f.joint_completed, f.completed),
      publishedOnTime: ratio(f.published_on_time, f.completed),
    },
    tasks: await listTasks(db, user, { q: null, joint: undefined, planId: id, page: q.page, pageSize: q.pageSize }),
  };
}

// ---------------------------------------------------------------------------------
// Tasks

interface TaskRow {
  id: number; task_no: string; plan_id: number; plan_no: string; plan_title: string; org_id: number; org_name: string;
  entity_id: number; entity_name: string; entity_uscc: string; due_on: string; completed_on: string | null; joint: boolean;
  published_on: string | null; publication_due: string | null; imported: boolean; inspector_ids: number[]; inspector_names: string[];
  draw_reason: 'random' | 'mandatory' | null;
}

const TASK_FROM = 'FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id JOIN entities e ON e.id = t.entity_id JOIN organizations o ON o.id = p.org_id';
const TASK_SELECT = `t.id, t.task_no, t.plan_id, p.plan_no, p.title AS plan_title, p.org_id, o.name AS org_name, t.entity_id, e.name AS entity_name,
  e.uscc AS entity_uscc, t.due_on, t.completed_on, t.joint, t.published_on, t.publication_due, t.imported, t.inspector_ids, t.draw_reason,
  ARRAY(SELECT i.name FROM unnest(t.inspector_ids) WITH ORDINALITY AS x(id, n) JOIN inspectors i ON i.id = x.id ORDER BY x.n) AS inspector_names`;

export function taskStateOf(t: { completed_on: string | null; due_on: string }, today: string): TaskState {
  if (t.completed_on) return 'completed';
  return t.due_on < today ? 'overdue' : 'pending';
}

const taskOf = (today: string) => (r: TaskRow) => ({
  id: r.id, taskNo: r.task_no, planId: r.plan_id, planNo: r.plan_no, planTitle: r.plan_title, orgId: r.org_id, orgName: r.org_name,
  entityId: r.entity_id, entityName: r.entity_name, entityUscc: r.entity_uscc, dueOn: r.due_on, completedOn: r.completed_on,
  state: taskStateOf(r, today), joint: r.joint, publishedOn: r.published_on, publicationDue: r.publication_due,
  publicationOverdue: r.published_on === null && r.publication_due !== null && r.publication_due < today, imported: r.imported,
  inspectorIds: r.inspector_ids, inspectors: r.inspector_names, drawReason: r.draw_reason,
});

export async function listTasks(db: Queryable, user: AuthUser, f: TaskListQuery) {
  const today = todayInChina();
  return paged(db, TASK_FROM, taskWhere(f, user.scope.orgIds, today), TASK_SELECT, 't.due_on DESC, t.id DESC', f, taskOf(today));
}

// ---------------------------------------------------------------------------------
// Visits

interface VisitRow {
  id: number; visit_no: string; org_id: number; org_name: string; entity_id: number; entity_name: string; entity_uscc: string;
  visited_on: string; result: keyof typeof VISIT_RESULT_NAMES; random_task_id: number | null; task_no: string | null;
  inspector_names: string[]; imported: boolean; kind: keyof typeof VISIT_KIND_NAMES; campaign: string | null;
}

const VISIT_FROM = `FROM inspections v JOIN entities e ON e.id = v.entity_id JOIN organizations o ON o.id = v.org_id
  LEFT JOIN random_tasks t ON t.id = v.random_task_id`;
const VISIT_SELECT = `v.id, v.visit_no, v.org_id, o.name AS org_name, v.entity_id, e.name AS entity_name, e.uscc AS entity_uscc, v.visited_on,
  v.result, v.random_task_id, t.task_no, v.imported, v.kind, v.campaign,
  ARRAY(SELECT i.name FROM unnest(v.inspector_ids) WITH ORDINALITY AS x(id, n) JOIN inspectors i ON i.id = x.id ORDER BY x.n) AS inspector_names`;

const visitOf = (r: VisitRow) => ({
  id: r.id, visitNo: r.visit_no, orgId: r.org_id, orgName: r.org_name, entityId: r.entity_id, entityName: r.entity_name, entityUscc: r.entity_uscc,
  visitedOn: r.visited_on, result: r.result, resultName: VISIT_RESULT_NAMES[r.result] ?? r.result, random: r.random_task_id !== null,
  taskId: r.random_task_id, taskNo: r.task_no, inspectors: r.inspector_names, imported: r.imported,
  kind: r.kind, kindName: VISIT_KIND_NAMES[r.kind] ?? r.kind, campaign: r.campaign,
});

export async function listVisits(db: Queryable, user: AuthUser, f: VisitListQuery) {
  return paged(db, VISIT_FROM, visitWhere(f, user.scope.orgIds), VISIT_SELECT, 'v.visited_on DESC, v.id DESC', f, visitOf);
}

export async function getVisit(db: Queryable, user: AuthUser, id: number) {
  const v = await db.one<VisitRow & { entity_address: string }>(
    `SELECT ${VISIT_SELECT}, e.address AS entity_address ${VISIT_FROM} WHERE v.id = $1 AND v.org_id = ANY($2::int[])`, [id, user.scope.orgIds]);
  if (!v) throw notFound('监督检查记录不存在或不在您的数据范围内');
  const inspectors = await db.query<{ id: number; name: string; staff_no: string; certificate_no: string | null }>(
    `SELECT i.id, i.name, i.staff_no, i.certificate_no
       FROM inspections v, unnest(v.inspector_ids) WITH ORDINALITY AS x(id, n) JOIN inspectors i ON i.id = x.id
      WHERE v.id = $1 ORDER BY x.n`, [id]);
  // The task is shown only if its plan is in scope too (a visit of the scope on another organisation's task shows no more than its number).
  const task = v.random_task_id === null ? undefined : await db.one<{
    id: number; task_no: string; plan_id: number; plan_no: string; plan_title: string; due_on: string; completed_on: string | null;
    joint: boolean; published_on: string | null; publication_due: string | null;
  }>(
    `SELECT t.id, t.task_no, t.plan_id, p.plan_no, p.title AS plan_title, t.due_on, t.completed_on, t.joint, t.published_on, t.publication_due
       FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id WHERE t.id = $1 AND p.org_id = ANY($2::int[])`, [v.random_task_id, user.scope.orgIds]);
  return {
    ...visitOf(v), entityAddress: v.entity_address,
    inspectorDetails: inspectors.map((i) => ({ id: i.id, name: i.name, staffNo: i.staff_no, certificateNo: i.certificate_no })),
    task: task ? {
      id: task.id, taskNo: task.task_no, planId: task.plan_id, planNo: task.plan_no, planTitle: task.plan_title, dueOn: task.due_on,
      completedOn: task.completed_on, joint: task.joint, publishedOn: task.published_on, publicationDue: task.publication_due,
    } : null,
  };
}
