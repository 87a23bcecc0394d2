// The year's work plan (工作要点): plans, their sections and numbered tasks, the units
// named by each task, KPI targets bound to metrics, and the units' quarterly progress
// notes. Every write is one transaction with its audit entry. A plan belongs to an
// organisation; outside the caller's scope it answers 404 like a missing id, with one
// exception: a published plan is also readable by every unit it names as lead or
// supporting unit (and by users whose scope holds such a unit), because the city's plan
// assigns tasks to the institute and the districts, which must see and report on them.
// Such a reader may write its own progress notes but never edit the plan.
//
// Who may write a progress note: a plan editor (workplans.write) for any unit; anyone
// else holding workplans.progress only their own organisation's note, and only on a task
// that names their organisation or one of its descendants as lead or supporting unit.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { parseUnits, quarterOf, unitNameCandidates, type UnitRole } from '../../core/workplans/outline';
import { METRIC_REGISTRY } from '../metrics/definitions';
import type { PlanInput, ProgressInput, TargetInput, TaskInput, UnitInput } from './schema';

export interface PlanRow {
  id: number; org_id: number; org_name: string; org_path: string; year: number; title: string; intro: string; status: 'draft' | 'published';
  created_at: Date; updated_at: Date;
}

const PLAN_SELECT = `SELECT p.id, p.org_id, o.name AS org_name, o.path AS org_path, p.year, p.title, p.intro, p.status, p.created_at, p.updated_at
  FROM work_plans p JOIN organizations o ON o.id = p.org_id`;

const NOT_FOUND = '工作要点不存在或不在您的数据范围内';

/** SQL condition (plan alias `p`, scope ids as parameter `$n`): a published plan naming a unit in the scope. */
export const namesUnitInScope = (n: number) => `(p.status = 'published' AND EXISTS (SELECT 1 FROM work_plan_sections us
    JOIN work_plan_tasks ut ON ut.section_id = us.id JOIN work_plan_task_units uu ON uu.task_id = ut.id
   WHERE us.plan_id = p.id AND uu.org_id = ANY($${n}::int[])))`;

/** Whether the user may read the plan: its organisation is in scope, or it is published and names a unit in scope. */
async function mayRead(db: Queryable, user: AuthUser, p: PlanRow): Promise<boolean> {
  if (inScope(user.scope, p.org_id)) return true;
  return (await db.one(`SELECT 1 FROM work_plans p WHERE p.id = $1 AND ${namesUnitInScope(2)}`, [p.id, user.scope.orgIds])) !== undefined;
}

/** A plan the user may change (its organisation in scope). */
export async function loadPlan(db: Queryable, user: AuthUser, id: number, lock = false): Promise<PlanRow> {
  const p = await db.one<PlanRow>(`${PLAN_SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]);
  if (!p || !inScope(user.scope, p.org_id)) throw notFound(NOT_FOUND);
  return p;
}

/** A plan the user may read (see the header: also a published plan naming one of its units). */
export async function readablePlan(db: Queryable, user: AuthUser, id: number): Promise<PlanRow> {
  const p = await db.one<PlanRow>(`${PLAN_SELECT} WHERE p.id = $1`, [id]);
  if (!p || !(await mayRead(db, user, p))) throw notFound(NOT_FOUND);
  return p;
}

async function planOf(db: Queryable, user: AuthUser, sql: string, id: number, what: string, reading = false): Promise<PlanRow> {
  const row = await db.one<{ plan_id: number }>(sql, [id]);
  if (!row) throw notFound(`${what}不存在或不在您的数据范围内`);
  const plan = await db.one<PlanRow>(`${PLAN_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [row.plan_id]);
  const visible = plan && (reading ? await mayRead(db, user, plan) : inScope(user.scope, plan.org_id));
  if (!plan || !visible) throw notFound(`${what}不存在或不在您的数据范围内`);
  return plan;
}
const planOfSection = (db: Queryable, user: AuthUser, id: number) => planOf(db, user, 'SELECT plan_id FROM work_plan_sections WHERE id = $1', id, '章节');
const TASK_PLAN = 'SELECT s.plan_id FROM work_plan_tasks t JOIN work_plan_sections s ON s.id = t.section_id WHERE t.id = $1';
const planOfTask = (db: Queryable, user: AuthUser, id: number) => planOf(db, user, TASK_PLAN, id, '任务');
/** For progress notes: a unit named by a published plan outside its scope may report on it. */
const readablePlanOfTask = (db: Queryable, user: AuthUser, id: number) => planOf(db, user, TASK_PLAN, id, '任务', true);
const planOfTarget = (db: Queryable, user: AuthUser, id: number) => planOf(db, user,
  `SELECT s.plan_id FROM work_plan_targets g JOIN work_plan_tasks t ON t.id = g.task_id JOIN work_plan_sections s ON s.id = t.section_id WHERE g.id = $1`, id, '目标');

const touch = (tx: Queryable, planId: number) => tx.query('UPDATE work_plans SET updated_at = now() WHERE id = $1', [planId]);

/** Task numbers run through the plan in the order of sections and tasks. */
export async function renumberTasks(tx: Queryable, planId: number): Promise<void> {
  await tx.query(
    `UPDATE work_plan_tasks t SET number = r.n
       FROM (SELECT t2.id, (row_number() OVER (ORDER BY s.seq, s.id, t2.seq, t2.id))::int AS n
               FROM work_plan_tasks t2 JOIN work_plan_sections s ON s.id = t2.section_id WHERE s.plan_id = $1) r
      WHERE t.id = r.id AND t.number <> r.n`, [planId]);
}

// ---------------------------------------------------------------------------------
// Plans.

async function assertOrgInScope(db: Queryable, user: AuthUser, orgId: number): Promise<void> {
  const org = await db.one('SELECT 1 FROM organizations WHERE id = $1', [orgId]);
  if (!org || !inScope(user.scope, orgId)) throw notFound('机构不存在或不在您的数据范围内');
}

async function assertTitleFree(tx: Queryable, orgId: number, year: number, title: string, exceptId: number | null): Promise<void> {
  const dup = await tx.one('SELECT 1 FROM work_plans WHERE org_id = $1 AND year = $2 AND title = $3 AND id <> $4', [orgId, year, title, exceptId ?? 0]);
  if (dup) throw conflict('WORKPLAN_DUPLICATE', `该机构${year}年已有同名的工作要点“${title}”`);
}

export async function createPlan(db: Queryable, user: AuthUser, actor: Actor, input: PlanInput): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    await assertOrgInScope(tx, user, input.orgId);
    await assertTitleFree(tx, input.orgId, input.year, input.title, null);
    const row = await tx.one<{ id: number }>(
      'INSERT INTO work_plans (org_id, year, title, intro, status, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [input.orgId, input.year, input.title, input.intro, input.status, user.id]);
    await recordAudit(tx, actor, { action: 'workplan.create', objectType: 'work_plan', objectId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updatePlan(db: Queryable, user: AuthUser, actor: Actor, id: number, input: PlanInput): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await loadPlan(tx, user, id, true);
    if (input.orgId !== p.org_id) await assertOrgInScope(tx, user, input.orgId);
    await assertTitleFree(tx, input.orgId, input.year, input.title, id);
    await tx.query('UPDATE work_plans SET org_id = $2, year = $3, title = $4, intro = $5, status = $6, updated_at = now() WHERE id = $1',
      [id, input.orgId, input.year, input.title, input.intro, input.status]);
    await recordAudit(tx, actor, {
      action: 'workplan.update', objectType: 'work_plan', objectId: id,
      before: { orgId: p.org_id, year: p.year, title: p.title, intro: p.intro, status: p.status }, after: input,
    });
  });
}

export async function deletePlan(db: Queryable, user: AuthUser, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await loadPlan(tx, user, id, true);
    const counts = await tx.one<{ tasks: number; notes: number }>(
      `SELECT count(DISTINCT t.id)::int AS tasks, count(g.id)::int AS notes FROM work_plan_sections s
         LEFT JOIN work_plan_tasks t ON t.section_id = s.id LEFT JOIN work_plan_progress g ON g.task_id = t.id WHERE s.plan_id = $1`, [id]);
    await tx.query('DELETE FROM work_plans WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'workplan.delete', objectType: 'work_plan', objectId: id, before: { orgId: p.org_id, year: p.year, title: p.title, status: p.status, ...counts } });
  });
}

// ---------------------------------------------------------------------------------
// Sections.

export async function addSection(db: Queryable, user: AuthUser, actor: Actor, planId: number, heading: string): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    await loadPlan(tx, user, planId, true);
    const row = await tx.one<{ id: number }>(
      `INSERT INTO work_plan_sections (plan_id, seq, heading)
       VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM work_plan_sections WHERE plan_id = $1), $2) RETURNING id`, [planId, heading]);
    await touch(tx, planId);
    await recordAudit(tx, actor, { action: 'workplan.section.create', objectType: 'work_plan_section', objectId: row!.id, after: { planId, heading } });
    return { id: row!.id };
  });
}

export async function updateSection(db: Queryable, user: AuthUser, actor: Actor, id: number, heading: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfSection(tx, user, id);
    const before = await tx.one<{ heading: string }>('SELECT heading FROM work_plan_sections WHERE id = $1', [id]);
    await tx.query('UPDATE work_plan_sections SET heading = $2 WHERE id = $1', [id, heading]);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.section.update', objectType: 'work_plan_section', objectId: id, before, after: { heading } });
  });
}

export async function deleteSection(db: Queryable, user: AuthUser, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfSection(tx, user, id);
    const before = await tx.one<{ heading: string; tasks: number }>(
      'SELECT s.heading, (SELECT count(*)::int FROM work_plan_tasks t WHERE t.section_id = s.id) AS tasks FROM work_plan_sections s WHERE s.id = $1', [id]);
    await tx.query('DELETE FROM work_plan_sections WHERE id = $1', [id]);
    await renumberTasks(tx, plan.id);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.section.delete', objectType: 'work_plan_section', objectId: id, before: { planId: plan.id, ...before } });
  });
}

/** The ids given must be exactly the sections of the plan (or the tasks of the section), in the new order. */
function assertSameSet(given: number[], existing: number[], what: string): void {
  const a = [...given].sort((x, y) => x - y);
  const b = [...existing].sort((x, y) => x - y);
  if (a.length !== b.length || a.some((v, i) => v !== b[i])) throw badRequest('WORKPLAN_ORDER', `排序应包含本${what}的全部项目且不重复，请刷新后重试`);
}

export async function reorderSections(db: Queryable, user: AuthUser, actor: Actor, planId: number, ids: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    await loadPlan(tx, user, planId, true);
    const existing = await tx.query<{ id: number }>('SELECT id FROM work_plan_sections WHERE plan_id = $1 ORDER BY seq, id', [planId]);
    assertSameSet(ids, existing.map((r) => r.id), '工作要点章节');
    await tx.query('UPDATE work_plan_sections s SET seq = o.n FROM unnest($1::int[]) WITH ORDINALITY AS o(id, n) WHERE s.id = o.id', [ids]);
    await renumberTasks(tx, planId);
    await touch(tx, planId);
    await recordAudit(tx, actor, { action: 'workplan.section.reorder', objectType: 'work_plan', objectId: planId, before: existing.map((r) => r.id), after: ids });
  });
}

// ---------------------------------------------------------------------------------
// Tasks and their units.

export interface ResolvedUnit { name: string; orgId: number | null; role: UnitRole }

/**
 * Units as the task names them, each matched to an organisation of the plan's subtree by
 * its name (exactly, or without a leading "委"/"市"; the nearest to the plan's
 * organisation when several share it). An organisation chosen by hand must belong to the
 * subtree. Without roles given, the first unit leads and the others support.
 */
export async function resolveUnits(tx: Queryable, planOrgId: number, units: readonly UnitInput[]): Promise<ResolvedUnit[]> {
  const names = [...new Set(units.flatMap((u) => unitNameCandidates(u.name)))];
  const chosen = units.map((u) => u.orgId).filter((x): x is number => typeof x === 'number');
  const orgs = await tx.query<{ id: number; name: string }>(
    `SELECT o.id, o.name FROM organizations o, organizations p
      WHERE p.id = $1 AND o.path LIKE p.path || '%' AND (o.name = ANY($2::text[]) OR o.id = ANY($3::int[]))
      ORDER BY length(o.path), o.id`, [planOrgId, names, chosen]);
  return units.map((u, i) => {
    let orgId: number | null;
    if (u.orgId === undefined) {
      const candidates = unitNameCandidates(u.name);
      orgId = candidates.map((c) => orgs.find((o) => o.name === c)).find((o) => o)?.id ?? null;
    } else {
      orgId = u.orgId ?? null;
      if (orgId !== null && !orgs.some((o) => o.id === orgId)) throw badRequest('WORKPLAN_UNIT_ORG', `单位“${u.name}”所选的机构不是本工作要点所属机构或其下级机构`);
    }
    return { name: u.name, orgId, role: u.role ?? (i === 0 ? 'lead' : 'support') };
  });
}

export async function writeUnits(tx: Queryable, taskId: number, units: readonly ResolvedUnit[]): Promise<void> {
  await tx.query('DELETE FROM work_plan_task_units WHERE task_id = $1', [taskId]);
  if (units.length === 0) return;
  await tx.query(
    `INSERT INTO work_plan_task_units (task_id, seq, org_id, unit_name, role)
     SELECT $1, u.n, u.org_id, u.unit_name, u.role
       FROM unnest($2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS u(org_id, unit_name, role, n)`,
    [taskId, units.map((u) => u.orgId), units.map((u) => u.name), units.map((u) => u.role)]);
}

/** A task's units from the input: the list given, or the bracket's text parsed. */
function unitsOf(input: Pick<TaskInput, 'units' | 'unitsText'>): { unitsText: string; units: UnitInput[] } {
  if (input.units) return { unitsText: input.unitsText ?? input.units.map((u) => u.name).join('、'), units: input.units };
  const unitsText = input.unitsText ?? '';
  return { unitsText, units: parseUnits(unitsText) };
}

export async function addTask(db: Queryable, user: AuthUser, actor: Actor, sectionId: number, input: TaskInput): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const plan = await planOfSection(tx, user, sectionId);
    const { unitsText, units } = unitsOf(input);
    const resolved = await resolveUnits(tx, plan.org_id, units);
    const row = await tx.one<{ id: number }>(
      `INSERT INTO work_plan_tasks (section_id, seq, number, text, units_text)
       VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM work_plan_tasks WHERE section_id = $1), 0, $2, $3) RETURNING id`,
      [sectionId, input.text, unitsText]);
    await writeUnits(tx, row!.id, resolved);
    await renumberTasks(tx, plan.id);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.task.create', objectType: 'work_plan_task', objectId: row!.id, after: { planId: plan.id, sectionId, text: input.text, unitsText, units: resolved } });
    return { id: row!.id };
  });
}

export async function updateTask(db: Queryable, user: AuthUser, actor: Actor, id: number, input: TaskInput): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfTask(tx, user, id);
    const before = await tx.one<{ section_id: number; text: string; units_text: string }>('SELECT section_id, text, units_text FROM work_plan_tasks WHERE id = $1', [id]);
    let sectionId = before!.section_id;
    if (input.sectionId !== undefined && input.sectionId !== sectionId) {
      const target = await tx.one('SELECT 1 FROM work_plan_sections WHERE id = $1 AND plan_id = $2', [input.sectionId, plan.id]);
      if (!target) throw badRequest('WORKPLAN_SECTION', '只能移到本工作要点的其他章节');
      sectionId = input.sectionId;
      await tx.query(`UPDATE work_plan_tasks SET section_id = $2, seq = (SELECT coalesce(max(seq), 0) + 1 FROM work_plan_tasks WHERE section_id = $2) WHERE id = $1`, [id, sectionId]);
    }
    let after: Record<string, unknown> = { text: input.text, sectionId };
    if (input.units !== undefined || input.unitsText !== undefined) {
      const { unitsText, units } = unitsOf(input);
      const resolved = await resolveUnits(tx, plan.org_id, units);
      await writeUnits(tx, id, resolved);
      await tx.query('UPDATE work_plan_tasks SET units_text = $2 WHERE id = $1', [id, unitsText]);
      after = { ...after, unitsText, units: resolved };
    }
    await tx.query('UPDATE work_plan_tasks SET text = $2, updated_at = now() WHERE id = $1', [id, input.text]);
    await renumberTasks(tx, plan.id);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.task.update', objectType: 'work_plan_task', objectId: id, before: { sectionId: before!.section_id, text: before!.text, unitsText: before!.units_text }, after });
  });
}

export async function setTaskUnits(db: Queryable, user: AuthUser, actor: Actor, id: number, units: UnitInput[]): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfTask(tx, user, id);
    const before = await tx.query<{ unit_name: string; org_id: number | null; role: string }>('SELECT unit_name, org_id, role FROM work_plan_task_units WHERE task_id = $1 ORDER BY seq', [id]);
    const resolved = await resolveUnits(tx, plan.org_id, units);
    await writeUnits(tx, id, resolved);
    const unitsText = resolved.map((u) => u.name).join('、');
    await tx.query('UPDATE work_plan_tasks SET units_text = $2, updated_at = now() WHERE id = $1', [id, unitsText]);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.task.units', objectType: 'work_plan_task', objectId: id, before, after: resolved });
  });
}

export async function deleteTask(db: Queryable, user: AuthUser, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfTask(tx, user, id);
    const before = await tx.one('SELECT section_id, number, text, units_text FROM work_plan_tasks WHERE id = $1', [id]);
    await tx.query('DELETE FROM work_plan_tasks WHERE id = $1', [id]);
    await renumberTasks(tx, plan.id);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.task.delete', objectType: 'work_plan_task', objectId: id, before: { planId: plan.id, ...before } });
  });
}

export async function reorderTasks(db: Queryable, user: AuthUser, actor: Actor, sectionId: number, ids: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfSection(tx, user, sectionId);
    const existing = await tx.query<{ id: number }>('SELECT id FROM work_plan_tasks WHERE section_id = $1 ORDER BY seq, id', [sectionId]);
    assertSameSet(ids, existing.map((r) => r.id), '章节任务');
    await tx.query('UPDATE work_plan_tasks t SET seq = o.n FROM unnest($1::int[]) WITH ORDINALITY AS o(id, n) WHERE t.id = o.id', [ids]);
    await renumberTasks(tx, plan.id);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.task.reorder', objectType: 'work_plan_section', objectId: sectionId, before: existing.map((r) => r.id), after: ids });
  });
}

// ---------------------------------------------------------------------------------
// Targets.

/** A target's metric must be in the registry; a ratio's target lies in 0..1. */
export function checkTarget(input: Pick<TargetInput, 'metricId' | 'target'>): void {
  const def = METRIC_REGISTRY.get(input.metricId);
  if (!def) throw badRequest('WORKPLAN_METRIC_UNKNOWN', `指标“${input.metricId}”不在指标目录中`);
  if (def.unit === 'ratio' && input.target > 1) throw badRequest('WORKPLAN_TARGET_RATIO', `“${def.name}”是比率，目标值应在0至1之间（如90%填0.9）`);
}

export async function addTarget(db: Queryable, user: AuthUser, actor: Actor, taskId: number, input: TargetInput): Promise<{ id: number }> {
  checkTarget(input);
  return db.transaction(async (tx) => {
    const plan = await planOfTask(tx, user, taskId);
    const row = await tx.one<{ id: number }>(
      'INSERT INTO work_plan_targets (task_id, metric_id, comparator, target, note) VALUES ($1,$2,$3,$4,$5) RETURNING id',
      [taskId, input.metricId, input.comparator, input.target, input.note]);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.target.create', objectType: 'work_plan_target', objectId: row!.id, after: { planId: plan.id, taskId, ...input } });
    return { id: row!.id };
  });
}

export async function updateTarget(db: Queryable, user: AuthUser, actor: Actor, id: number, input: TargetInput): Promise<void> {
  checkTarget(input);
  await db.transaction(async (tx) => {
    const plan = await planOfTarget(tx, user, id);
    const before = await tx.one('SELECT metric_id AS "metricId", comparator, target::float8 AS target, note FROM work_plan_targets WHERE id = $1', [id]);
    await tx.query('UPDATE work_plan_targets SET metric_id = $2, comparator = $3, target = $4, note = $5, updated_at = now() WHERE id = $1',
      [id, input.metricId, input.comparator, input.target, input.note]);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.target.update', objectType: 'work_plan_target', objectId: id, before, after: input });
  });
}

export async function deleteTarget(db: Queryable, user: AuthUser, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOfTarget(tx, user, id);
    const before = await tx.one('SELECT task_id AS "taskId", metric_id AS "metricId", comparator, target::float8 AS target, note FROM work_plan_targets WHERE id = $1', [id]);
    await tx.query('DELETE FROM work_plan_targets WHERE id = $1', [id]);
    await touch(tx, plan.id);
    await recordAudit(tx, actor, { action: 'workplan.target.delete', objectType: 'work_plan_target', objectId: id, before });
  });
}

// ---------------------------------------------------------------------------------
// Progress notes.

/** The last quarter of the plan's year that has begun (0 before the year starts, 4 once it is over). */
export function openQuarter(year: number, today = todayInChina()): number {
  const current = yearOf(today);
  return year < current ? 4 : year > current ? 0 : quarterOf(today);
}

/** Whether a task names the organisation `orgId` or one of its descendants as a unit. */
async function taskNamesOrgOrBelow(db: Queryable, taskId: number, orgId: number): Promise<boolean> {
  const row = await db.one(
    `SELECT 1 FROM work_plan_task_units u JOIN organizations uo ON uo.id = u.org_id, organizations me
      WHERE u.task_id = $1 AND me.id = $2 AND uo.path LIKE me.path || '%' LIMIT 1`, [taskId, orgId]);
  return row !== undefined;
}

export async function writeProgress(db: Queryable, user: AuthUser, actor: Actor, taskId: number, quarter: number, input: ProgressInput): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await readablePlanOfTask(tx, user, taskId);
    const editor = user.permissions.has('workplans.write') && inScope(user.scope, plan.org_id);
    const orgId = input.orgId ?? user.orgId;
    if (plan.status !== 'published') throw conflict('WORKPLAN_NOT_PUBLISHED', '工作要点尚未发布，发布后才能填报进展');
    if (quarter > openQuarter(plan.year)) throw badRequest('WORKPLAN_QUARTER_FUTURE', `${plan.year}年第${quarter}季度尚未开始，不能填报进展`);
    if (editor) {
      if (!inScope(user.scope, orgId)) throw notFound('机构不存在或不在您的数据范围内');
    } else {
      if (orgId !== user.orgId) throw forbidden('只能填报本单位的进展');
      if (!(await taskNamesOrgOrBelow(tx, taskId, user.orgId))) throw forbidden('本单位不是该任务的牵头或配合单位，不能填报进展');
    }
    const before = await tx.one<{ note: string }>('SELECT note FROM work_plan_progress WHERE task_id = $1 AND quarter = $2 AND org_id = $3', [taskId, quarter, orgId]);
    await tx.query(
      `INSERT INTO work_plan_progress (task_id, quarter, org_id, note, author_id) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (task_id, quarter, org_id) DO UPDATE SET note = EXCLUDED.note, author_id = EXCLUDED.author_id, updated_at = now()`,
      [taskId, quarter, orgId, input.note, user.id]);
    await recordAudit(tx, actor, { action: 'workplan.progress', objectType: 'work_plan_task', objectId: taskId, before: before ?? null, after: { planId: plan.id, quarter, orgId, note: input.note } });
  });
}

// ---------------------------------------------------------------------------------
// Reading a plan.

export async function getPlan(db: Queryable, user: AuthUser, id: number) {
  const p = await readablePlan(db, user, id);
  const me = await db.one<{ path: string }>('SELECT path FROM organizations WHERE id = $1', [user.orgId]);
  const [sections, tasks, units, targets, progress] = await Promise.all([
    db.query<{ id: number; seq: number; heading: string }>('SELECT id, seq, heading FROM work_plan_sections WHERE plan_id = $1 ORDER BY seq, id', [id]),
    db.query<{ id: number; section_id: number; seq: number; number: number; text: string; units_text: string }>(
      `SELECT t.id, t.section_id, t.seq, t.number, t.text, t.units_text FROM work_plan_tasks t JOIN work_plan_sections s ON s.id = t.section_id
        WHERE s.plan_id = $1 ORDER BY s.seq, s.id, t.seq, t.id`, [id]),
    db.query<{ id: number; task_id: number; org_id: number | null; org_name: string | null; unit_name: string; role: UnitRole; mine: boolean }>(
      `SELECT u.id, u.task_id, u.org_id, o.name AS org_name, u.unit_name, u.role, coalesce(o.path LIKE $2 || '%', false) AS mine
         FROM work_plan_task_units u JOIN work_plan_tasks t ON t.id = u.task_id JOIN work_plan_sections s ON s.id = t.section_id
         LEFT JOIN organizations o ON o.id = u.org_id WHERE s.plan_id = $1 ORDER BY u.task_id, u.seq`, [id, me?.path ?? '\u0000']),
    db.query<{ id: number; task_id: number; metric_id: string; comparator: string; target: number; note: string | null }>(
      `SELECT g.id, g.task_id, g.metric_id, g.comparator, g.target::float8 AS target, g.note FROM work_plan_targets g
         JOIN work_plan_tasks t ON t.id = g.task_id JOIN work_plan_sections s ON s.id = t.section_id WHERE s.plan_id = $1 ORDER BY g.task_id, g.id`, [id]),
    db.query<{ id: number; task_id: number; quarter: number; org_id: number; org_name: string; note: string; author_name: string | null; updated_at: Date }>(
      `SELECT g.id, g.task_id, g.quarter, g.org_id, o.name AS org_name, g.note, u.display_name AS author_name, g.updated_at
         FROM work_plan_progress g JOIN organizations o ON o.id = g.org_id LEFT JOIN users u ON u.id = g.author_id
         JOIN work_plan_tasks t ON t.id = g.task_id JOIN work_plan_sections s ON s.id = t.section_id
        WHERE s.plan_id = $1 ORDER BY g.task_id, g.quarter, o.path`, [id]),
  ]);
  const editor = user.permissions.has('workplans.write') && inScope(user.scope, p.org_id);
  const reporter = user.permissions.has('workplans.progress');
  const taskView = (t: (typeof tasks)[number]) => {
    const us = units.filter((u) => u.task_id === t.id);
    const mine = us.some((u) => u.mine);
    return {
      id: t.id, sectionId: t.section_id, seq: t.seq, number: t.number, text: t.text, unitsText: t.units_text, mine,
      mayProgress: p.status === 'published' && reporter && (editor || mine),
      units: us.map((u) => ({ id: u.id, name: u.unit_name, orgId: u.org_id, orgName: u.org_name, role: u.role })),
      targets: targets.filter((g) => g.task_id === t.id).map((g) => {
        const def = METRIC_REGISTRY.get(g.metric_id);
        return { id: g.id, metricId: g.metric_id, metricName: def?.name ?? g.metric_id, unit: def?.unit ?? 'ratio', comparator: g.comparator, target: g.target, note: g.note };
      }),
      progress: progress.filter((g) => g.task_id === t.id).map((g) => ({
        id: g.id, quarter: g.quarter, orgId: g.org_id, orgName: g.org_name, note: g.note, authorName: g.author_name, updatedAt: g.updated_at.toISOString(),
      })),
    };
  };
  return {
    id: p.id, orgId: p.org_id, orgName: p.org_name, year: p.year, title: p.title, intro: p.intro, status: p.status,
    createdAt: p.created_at.toISOString(), updatedAt: p.updated_at.toISOString(),
    mayWrite: editor, openQuarter: openQuarter(p.year), myOrgId: user.orgId,
    sections: sections.map((s) => ({ id: s.id, seq: s.seq, heading: s.heading, tasks: tasks.filter((t) => t.section_id === s.id).map(taskView) })),
  };
}

export type PlanDetail = Awaited<ReturnType<typeof getPlan>>;
