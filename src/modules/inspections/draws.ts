// Random-inspection plans made on the platform and their verifiable draws (双随机).
//
// Life of a plan: draft (editable) → announced (the candidate, inspector and recusal
// lists are frozen; the seed is generated and kept secret; its commitment and the
// lists' digests are public) → drawn (the draw runs once from the frozen inputs with
// core/draw; its seed and result become public; each drawn entity becomes a task for
// its team). A re-draw needs a reason: the live draw is kept, marked superseded, its
// tasks removed (only while none has been inspected), and a new attempt is announced.
// The draw itself is the pure runDraw, the same function the public verification page
// runs in the browser, so what the platform did and what anyone re-computes agree.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { gzipJson } from '../../platform/http/gzipJson';
import { todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import { generateSeed } from '../../core/draw/key';
import {
  announceDraw, defaultDrawParams, DrawInputError, inspectorEligible, runDraw, validateParams,
  type DrawAnnouncement, type DrawInputs, type DrawInspector, type DrawParams, type DrawRecusal, type DrawResult,
} from '../../core/draw/draw';
import { candidatesQuery, INSPECTION_HISTORY_SQL, toCandidate, type CandidateRow } from '../../core/draw/sql';
import { ruleValue } from '../rules/service';
import { PLAN_SOURCE_NAMES, VISIT_RESULT_NAMES } from './schema';
import { packLists, unpackLists } from './frozenLists';
import { PLAN_STATUS_NAMES, STRATA_MODE_NAMES, type PlanInput } from './drawSchema';

interface PlanSetupRow {
  id: number; plan_no: string; org_id: number; org_code: string; title: string; year: number; status: 'draft' | 'announced' | 'drawn';
  imported: boolean; description: string | null; due_on: string | null; categories: string[]; region_codes: string[];
  base_ratio: string | null; sample_count: number | null; strata: keyof typeof STRATA_MODE_NAMES; stratum_ratios: Record<string, number>; include_recent: boolean;
  team_size: number | null; joint: boolean; joint_departments: string | null;
}

const SETUP_SELECT = `p.id, p.plan_no, p.org_id, o.code AS org_code, p.title, p.year, p.status, p.imported, p.description, p.due_on,
  p.categories, p.region_codes, p.base_ratio, p.sample_count, p.strata, p.stratum_ratios, p.include_recent, p.team_size, p.joint, p.joint_departments`;

async function planForUpdate(tx: Queryable, user: AuthUser, id: number): Promise<PlanSetupRow> {
  const plan = await tx.one<PlanSetupRow>(
    `SELECT ${SETUP_SELECT} FROM random_plans p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1 FOR UPDATE OF p`, [id]);
  if (!plan) throw notFound('抽查计划不存在或不在您的数据范围内');
  assertInScope(user.scope, plan.org_id);
  if (plan.imported) throw conflict('PLAN_IMPORTED', '历史导入的抽查计划不能在平台上抽取');
  return plan;
}

export function setupOf(p: PlanSetupRow) {
  return {
    status: p.status, statusName: PLAN_STATUS_NAMES[p.status], description: p.description, dueOn: p.due_on,
    categories: p.categories, regionCodes: p.region_codes, baseRatio: p.base_ratio === null ? null : Number(p.base_ratio),
    sampleCount: p.sample_count, strata: p.strata, strataName: STRATA_MODE_NAMES[p.strata] ?? p.strata, stratumRatios: p.stratum_ratios, includeRecent: p.include_recent,
    teamSize: p.team_size, joint: p.joint, jointDepartments: p.joint_departments,
  };
}

/** The plan organisation and everything under it: the directory and the inspectors the plan draws from. */
async function subtreeOf(db: Queryable, orgId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT x.id FROM organizations x, organizations r WHERE r.id = $1 AND x.path LIKE r.path || '%' ORDER BY x.id`, [orgId]);
  return rows.map((r) => r.id);
}

function checkPlanInput(input: PlanInput, today: string): void {
  if (input.dueOn < today) throw badRequest('PLAN_DUE_PAST', '完成期限不能早于今天');
  if (Number(input.dueOn.slice(0, 4)) < input.year) throw badRequest('PLAN_DUE_YEAR', '完成期限不能早于计划年度');
  // The ratios and strata are the draw's own checks (a plan that cannot be drawn is refused now, not at the draw).
  try {
    validateParams(planParams(today, input.baseRatio, input.sampleCount, { strata: input.strata, ratios: input.stratumRatios, teamSize: input.teamSize ?? RULES.minInspectors.value }));
  } catch (err) {
    if (err instanceof DrawInputError) throw badRequest(err.code, err.message);
    throw err;
  }
}

/** The draw's parameters of a plan by ratio or by count (planInput allows exactly one). */
function planParams(drawDate: string, baseRatio: number | null | undefined, sampleCount: number | null | undefined, overrides: Partial<DrawParams>): DrawParams {
  const params = defaultDrawParams(drawDate, baseRatio ?? 0, overrides);
  return sampleCount ? { ...params, sampleCount } : params;
}

const planValues = (input: PlanInput) => [
  input.title, input.source, input.year, input.description, input.dueOn, input.categories, input.regionCodes, input.baseRatio ?? null,
  input.strata, JSON.stringify(input.stratumRatios), input.includeRecent, input.teamSize ?? null, input.joint,
  input.joint ? input.jointDepartments : null, input.strata !== 'none', input.sampleCount ?? null,
];

export async function createPlan(db: Queryable, user: AuthUser, actor: Actor, input: PlanInput) {
  const orgId = input.orgId ?? user.orgId;
  assertInScope(user.scope, orgId);
  checkPlanInput(input, todayInChina());
  return db.transaction(async (tx) => {
    const org = (await tx.one<{ code: string }>('SELECT code FROM organizations WHERE id = $1', [orgId]))!;
    // Numbers run per organisation and year: <org>-SJ<year>-<nnn>.
    const prefix = `${org.code}-SJ${input.year}-`;
    await tx.query('SELECT pg_advisory_xact_lock(727101, $1)', [orgId]);
    const last = await tx.one<{ n: number }>(
      `SELECT coalesce(max(substr(plan_no, length($1) + 1)::int), 0) AS n FROM random_plans WHERE plan_no LIKE $1 || '%' AND substr(plan_no, length($1) + 1) ~ '^[0-9]+$'`, [prefix]);
    const planNo = `${prefix}${String(last!.n + 1).padStart(3, '0')}`;
    const row = (await tx.one<{ id: number }>(
      `INSERT INTO random_plans (plan_no, org_id, title, source, year, description, due_on, categories, region_codes, base_ratio, strata,
         stratum_ratios, include_recent, team_size, joint, joint_departments, credit_applied, sample_count, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17, $18, 'draft', $19) RETURNING id`,
      [planNo, orgId, ...planValues(input), user.id]))!;
    await recordAudit(tx, actor, { action: 'random_plan.create', objectType: 'random_plan', objectId: row.id, after: { planNo, ...input, orgId } });
    return { id: row.id, planNo };
  });
}

export async function updatePlan(db: Queryable, user: AuthUser, actor: Actor, id: number, input: PlanInput) {
  checkPlanInput(input, todayInChina());
  await db.transaction(async (tx) => {
    const plan = await planForUpdate(tx, user, id);
    if (plan.status !== 'draft') throw conflict('PLAN_NOT_DRAFT', '已公布承诺值的抽查计划不能修改；如确需改变，请重新抽取并写明原因');
    if (input.orgId !== undefined && input.orgId !== plan.org_id) throw badRequest('PLAN_ORG', '不能更改抽查计划的组织机构');
    await tx.query(
      `UPDATE random_plans SET title = $2, source = $3, year = $4, description = $5, due_on = $6, categories = $7, region_codes = $8,
         base_ratio = $9, strata = $10, stratum_ratios = $11::jsonb, include_recent = $12, team_size = $13, joint = $14,
         joint_departments = $15, credit_applied = $16, sample_count = $17, updated_at = now() WHERE id = $1`, [id, ...planValues(input)]);
    await recordAudit(tx, actor, { action: 'random_plan.update', objectType: 'random_plan', objectId: id, before: setupOf(plan), after: input });
  });
}

export async function deletePlan(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const plan = await planForUpdate(tx, user, id);
    if (plan.status !== 'draft') throw conflict('PLAN_NOT_DRAFT', '已公布承诺值的抽查计划不能删除');
    await tx.query('DELETE FROM random_plans WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'random_plan.delete', objectType: 'random_plan', objectId: id, before: { planNo: plan.plan_no, ...setupOf(plan) } });
  });
}

// ---------------------------------------------------------------------------------
// Freezing the inputs and announcing

async function freezeInputs(tx: Queryable, plan: PlanSetupRow, drawDate: string): Promise<DrawInputs> {
  const params = planParams(drawDate, plan.base_ratio === null ? null : Number(plan.base_ratio), plan.sample_count, {
    strata: plan.strata, ratios: plan.stratum_ratios, includeRecentlyInspected: plan.include_recent,
    teamSize: plan.team_size ?? RULES.minInspectors.value,
    highRiskMultiplier: await ruleValue<number>(tx, RULES.randomDrawRiskMultiplier.id, plan.org_id),
    exclusionMonths: await ruleValue<number>(tx, RULES.randomDrawExclusionMonths.id, plan.org_id),
    blacklistMinPerYear: await ruleValue<number>(tx, RULES.creditBlacklistMinInspectionsPerYear.id, plan.org_id),
  });
  const orgIds = await subtreeOf(tx, plan.org_id);
  const q = candidatesQuery(params, {
    orgIds, categories: plan.categories.length ? plan.categories : undefined, regionCodes: plan.region_codes.length ? plan.region_codes : undefined,
  }, { history: INSPECTION_HISTORY_SQL });
  const rows = await tx.query<CandidateRow>(q.text, q.values);
  if (rows.length === 0) throw conflict('PLAN_NO_CANDIDATES', '抽查范围内没有监管对象，请调整对象类别或区域');

  // Open tasks per inspector in one pass over the open tasks (not one scan per inspector).
  const staff = await tx.query<{ id: number; staff_no: string; active: boolean; certificate_no: string | null; certificate_valid_to: string | null; specialties: string[]; open_tasks: number }>(
    `WITH load AS (SELECT x.id, count(*)::int AS n FROM random_tasks t, unnest(t.inspector_ids) AS x(id) WHERE t.completed_on IS NULL GROUP BY x.id)
     SELECT i.id, i.staff_no, i.active, i.certificate_no, i.certificate_valid_to, i.specialties, coalesce(load.n, 0) AS open_tasks
       FROM inspectors i LEFT JOIN load ON load.id = i.id WHERE i.org_id = ANY($1::int[]) ORDER BY i.staff_no`, [orgIds]);
  const inspectors: DrawInspector[] = staff.map((i) => ({
    staffNo: i.staff_no, active: i.active, certificateNo: i.certificate_no, certificateValidTo: i.certificate_valid_to,
    specialties: [...i.specialties].sort(), openTasks: i.open_tasks,
  }));
  if (!inspectors.some((i) => inspectorEligible(i, drawDate))) throw conflict('PLAN_NO_INSPECTORS', '本机构没有持有效执法证的在岗执法人员，无法抽取');

  // The recusals of the subtree's inspectors, kept for the candidates only (a set lookup
  // here rather than a list of every candidate id sent to the server; the set is of the
  // few recused codes, looked up per candidate, not of every candidate's code).
  const allRecusals = await tx.query<DrawRecusal>(
    `SELECT i.staff_no AS "staffNo", e.uscc, 'conflict' AS reason
       FROM inspector_conflicts c JOIN inspectors i ON i.id = c.inspector_id JOIN entities e ON e.id = c.entity_id
      WHERE c.withdrawn_at IS NULL AND i.org_id = ANY($1::int[])
     UNION
     SELECT i.staff_no, e.uscc, 'previous_plan'
       FROM inspections v JOIN random_tasks t ON t.id = v.random_task_id JOIN entities e ON e.id = v.entity_id,
            unnest(v.inspector_ids) AS x(id) JOIN inspectors i ON i.id = x.id
      WHERE t.plan_id = (${PREVIOUS_PLAN_SQL}) AND i.org_id = ANY($1::int[])`,
    [orgIds, plan.org_id, plan.id]);
  const recused = new Set(allRecusals.map((r) => r.uscc));
  const inScope = new Set<string>();
  for (const r of rows) if (recused.has(r.uscc)) inScope.add(r.uscc);
  const recusals = allRecusals.filter((r) => inScope.has(r.uscc));
  return { params, candidates: rows.map(toCandidate), inspectors, recusals };
}

/** The organisation's previous plan: the other plan of the same organisation inspected most recently. */
const PREVIOUS_PLAN_SQL = `SELECT t2.plan_id FROM inspections v2 JOIN random_tasks t2 ON t2.id = v2.random_task_id JOIN random_plans p2 ON p2.id = t2.plan_id
  WHERE p2.org_id = $2 AND p2.id <> $3 ORDER BY v2.visited_on DESC, t2.plan_id DESC LIMIT 1`;

async function announce(tx: Queryable, user: AuthUser, actor: Actor, plan: PlanSetupRow, attempt: number, redrawReason: string | null) {
  const { params, ...lists } = await freezeInputs(tx, plan, todayInChina());
  const seed = generateSeed();
  const announcement = announceDraw(seed, { params, ...lists });
  const row = (await tx.one<{ id: number }>(
    `INSERT INTO random_draws (plan_id, attempt, seed, commitment, announcement, inputs, announced_by, redraw_reason)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING id`,
    [plan.id, attempt, seed, announcement.commitment, JSON.stringify(announcement), packLists(lists), user.id, redrawReason]))!;
  await tx.query(`UPDATE random_plans SET status = 'announced', updated_at = now() WHERE id = $1`, [plan.id]);
  await recordAudit(tx, actor, {
    action: attempt === 1 ? 'random_plan.announce' : 'random_plan.redraw', objectType: 'random_plan', objectId: plan.id,
    after: { drawId: row.id, attempt, redrawReason, commitment: announcement.commitment, digests: announcement.digests, counts: announcement.counts },
  });
  return { drawId: row.id, attempt, commitment: announcement.commitment };
}

/** Freezes the lists, generates the seed and publishes its commitment: the plan can no longer change. */
export async function announcePlan(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const plan = await planForUpdate(tx, user, id);
    if (plan.status !== 'draft') throw conflict('PLAN_NOT_DRAFT', '该计划已公布承诺值');
    if (plan.due_on !== null && plan.due_on < todayInChina()) throw conflict('PLAN_DUE_PAST', '完成期限已过，请先修改计划');
    return announce(tx, user, actor, plan, 1, null);
  });
}

// ---------------------------------------------------------------------------------
// The draw

interface DrawRow {
  id: number; plan_id: number; attempt: number; seed: string; commitment: string; announcement: DrawAnnouncement;
  inputs: Buffer;
  announced_at: string; announced_by: number | null; redraw_reason: string | null; drawn_at: string | null; drawn_by: number | null;
  result: DrawResult | null; superseded_at: string | null;
}

async function liveDraw(tx: Queryable, planId: number): Promise<DrawRow | undefined> {
  return tx.one<DrawRow>('SELECT * FROM random_draws WHERE plan_id = $1 AND superseded_at IS NULL FOR UPDATE', [planId]);
}

/** Runs the announced draw once, from the frozen inputs, and turns each drawn entity into a task for its team. */
export async function drawPlan(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const plan = await planForUpdate(tx, user, id);
    const draw = await liveDraw(tx, id);
    if (plan.status !== 'announced' || !draw || draw.drawn_at) throw conflict('PLAN_NOT_ANNOUNCED', '只有已公布承诺值、尚未抽取的计划可以抽取');
    // The algorithm announced, not the newest: a plan announced under hrl-draw/1 is drawn by it.
    const result = runDraw(draw.seed, { params: draw.announcement.params, ...unpackLists(draw.inputs) }, draw.announcement.algorithm);
    await tx.query(`UPDATE random_draws SET result = $2::jsonb, drawn_at = now(), drawn_by = $3 WHERE id = $1`, [draw.id, JSON.stringify(result), user.id]);
    const prefix = draw.attempt === 1 ? `${plan.plan_no}-` : `${plan.plan_no}-R${draw.attempt}-`;
    // The drawn codes and staff numbers back to ids (both are unique keys of their tables),
    // each looked up once: per row in SQL, the planner hashed every inspector for every task.
    if (result.entities.length) {
      const entityIds = new Map((await tx.query<{ id: number; uscc: string }>(
        'SELECT id, uscc FROM entities WHERE uscc = ANY($1::text[])', [result.entities.map((e) => e.uscc)])).map((r) => [r.uscc, Number(r.id)]));
      const staffIds = new Map((await tx.query<{ id: number; staff_no: string }>(
        'SELECT id, staff_no FROM inspectors WHERE staff_no = ANY($1::text[])', [[...new Set(result.entities.flatMap((e) => e.inspectors))]])).map((r) => [r.staff_no, r.id]));
      if (result.entities.some((e) => !entityIds.has(e.uscc) || e.inspectors.some((n) => !staffIds.has(n)))) {
        throw conflict('DRAW_ENTITY_GONE', '抽中的监管对象或执法人员已不在名录中，请重新抽取并写明原因');
      }
      await tx.query(
        `INSERT INTO random_tasks (task_no, plan_id, entity_id, due_on, joint, draw_id, inspector_ids, draw_reason, stratum)
         SELECT x.task_no, $1, x.entity_id, $2::date, $3, $4, ARRAY(SELECT jsonb_array_elements_text(x.team)::int), x.reason, x.stratum
           FROM jsonb_to_recordset($5::jsonb) AS x(task_no text, entity_id bigint, team jsonb, reason text, stratum text)`,
        [id, plan.due_on, plan.joint, draw.id, JSON.stringify(result.entities.map((e, i) => ({
          task_no: `${prefix}${String(i + 1).padStart(4, '0')}`, entity_id: entityIds.get(e.uscc), team: e.inspectors.map((n) => staffIds.get(n)),
          reason: e.reason, stratum: e.stratum,
        })))]);
    }
    await tx.query(`UPDATE random_plans SET status = 'drawn', updated_at = now() WHERE id = $1`, [id]);
    const summary = {
      drawId: draw.id, attempt: draw.attempt, seed: draw.seed, drawn: result.entities.length,
      mandatory: result.entities.filter((e) => e.reason === 'mandatory').length, unassigned: result.unassigned.length,
    };
    await recordAudit(tx, actor, { action: 'random_plan.draw', objectType: 'random_plan', objectId: id, after: summary });
    return summary;
  });
}

/** A new attempt, for a recorded reason: the live draw stays (superseded) and its uninspected tasks go. */
export async function redrawPlan(db: Queryable, user: AuthUser, actor: Actor, id: number, reason: string) {
  return db.transaction(async (tx) => {
    const plan = await planForUpdate(tx, user, id);
    const draw = await liveDraw(tx, id);
    if (!draw) throw conflict('PLAN_NOT_ANNOUNCED', '该计划尚未公布承诺值，无需重新抽取');
    const done = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM random_tasks t WHERE t.draw_id = $1
          AND (t.completed_on IS NOT NULL OR EXISTS (SELECT 1 FROM inspections v WHERE v.random_task_id = t.id))`, [draw.id]);
    if (done!.n > 0) throw conflict('PLAN_INSPECTED', `已有${done!.n}项任务完成检查，不能重新抽取`);
    const removed = await tx.query<{ task_no: string }>('DELETE FROM random_tasks WHERE draw_id = $1 RETURNING task_no', [draw.id]);
    await tx.query('UPDATE random_draws SET superseded_at = now() WHERE id = $1', [draw.id]);
    await recordAudit(tx, actor, {
      action: 'random_plan.supersede', objectType: 'random_plan', objectId: id,
      before: { drawId: draw.id, attempt: draw.attempt, drawn: draw.drawn_at !== null, tasks: removed.map((r) => r.task_no) }, after: { reason },
    });
    return announce(tx, user, actor, plan, draw.attempt + 1, reason);
  });
}

// ---------------------------------------------------------------------------------
// Reading the draws (staff)

export async function listDraws(db: Queryable, user: AuthUser, id: number) {
  const plan = await db.one<PlanSetupRow>(`SELECT ${SETUP_SELECT} FROM random_plans p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1`, [id]);
  if (!plan) throw notFound('抽查计划不存在或不在您的数据范围内');
  assertInScope(user.scope, plan.org_id);
  const draws = await db.query<DrawRow & { announced_by_name: string | null; drawn_by_name: string | null }>(
    `SELECT d.id, d.plan_id, d.attempt, d.seed, d.commitment, d.announcement, d.announced_at, d.redraw_reason, d.drawn_at, d.result, d.superseded_at,
            ua.display_name AS announced_by_name, ud.display_name AS drawn_by_name
       FROM random_draws d LEFT JOIN users ua ON ua.id = d.announced_by LEFT JOIN users ud ON ud.id = d.drawn_by
      WHERE d.plan_id = $1 ORDER BY d.attempt DESC`, [id]);
  const names = await entityNames(db, draws.flatMap((d) => d.result?.unassigned.map((u) => u.uscc) ?? []));
  return {
    setup: setupOf(plan),
    draws: draws.map((d) => ({
      id: d.id, attempt: d.attempt, announcedAt: iso(d.announced_at)!, announcedBy: d.announced_by_name, redrawReason: d.redraw_reason,
      drawnAt: iso(d.drawn_at), drawnBy: d.drawn_by_name, superseded: d.superseded_at !== null, supersededAt: iso(d.superseded_at),
      commitment: d.commitment, announcement: d.announcement,
      seed: d.drawn_at ? d.seed : null,
      strata: d.result?.strata ?? null,
      drawnCount: d.result ? d.result.entities.length : null,
      mandatoryCount: d.result ? d.result.entities.filter((e) => e.reason === 'mandatory').length : null,
      unassigned: d.result ? d.result.unassigned.map((u) => ({ uscc: u.uscc, name: names.get(u.uscc) ?? u.uscc, eligible: u.eligible })) : null,
    })),
  };
}

async function entityNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ uscc: string; name: string }>('SELECT uscc, name FROM entities WHERE uscc = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.uscc, r.name]));
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

// ---------------------------------------------------------------------------------
// Teams and publication

/**
 * Sets a task's team by hand: for an entity the draw left without a full team, or when a
 * drawn inspector cannot go. The same rules as the draw: enough inspectors (art. 42),
 * each active with a valid certificate, of the plan organisation, not recused.
 */
export async function setTaskTeam(db: Queryable, user: AuthUser, actor: Actor, taskId: number, inspectorIds: number[], reason: string) {
  await db.transaction(async (tx) => {
    const task = await tx.one<{ id: number; task_no: string; org_id: number; entity_id: number; completed_on: string | null; inspector_ids: number[]; team_size: number | null }>(
      `SELECT t.id, t.task_no, p.org_id, t.entity_id, t.completed_on, t.inspector_ids, p.team_size
         FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id WHERE t.id = $1 FOR UPDATE OF t`, [taskId]);
    if (!task) throw notFound('抽查任务不存在或不在您的数据范围内');
    assertInScope(user.scope, task.org_id);
    if (task.completed_on) throw conflict('TASK_COMPLETED', '任务已完成检查，不能更换检查人员');
    const ids = [...new Set(inspectorIds)];
    const minimum = Math.max(task.team_size ?? 0, RULES.minInspectors.value);
    if (ids.length < minimum) throw badRequest('TEAM_TOO_SMALL', `每个检查对象至少${minimum}名执法人员（${RULES.minInspectors.citation}）`);
    const today = todayInChina();
    const orgIds = await subtreeOf(tx, task.org_id);
    const staff = await tx.query<{ id: number; name: string; staff_no: string; active: boolean; certificate_no: string | null; certificate_valid_to: string | null; org_id: number; conflict: boolean }>(
      `SELECT i.id, i.name, i.staff_no, i.active, i.certificate_no, i.certificate_valid_to, i.org_id,
              EXISTS (SELECT 1 FROM inspector_conflicts c WHERE c.inspector_id = i.id AND c.entity_id = $2 AND c.withdrawn_at IS NULL) AS conflict
         FROM inspectors i WHERE i.id = ANY($1::int[])`, [ids, task.entity_id]);
    for (const id of ids) {
      const s = staff.find((x) => x.id === id);
      if (!s || !orgIds.includes(s.org_id)) throw badRequest('TEAM_INSPECTOR', '所选执法人员不属于本计划的机构');
      const eligible = inspectorEligible({ staffNo: s.staff_no, active: s.active, certificateNo: s.certificate_no, certificateValidTo: s.certificate_valid_to, specialties: [], openTasks: 0 }, today);
      if (!eligible) throw badRequest('TEAM_CERTIFICATE', `${s.name}不在岗或执法证无效，不能执行检查`);
      if (s.conflict) throw badRequest('TEAM_CONFLICT', `${s.name}已申报与该检查对象存在利害关系，应当回避`);
    }
    await tx.query('UPDATE random_tasks SET inspector_ids = $2::int[], updated_at = now() WHERE id = $1', [taskId, ids]);
    await recordAudit(tx, actor, { action: 'random_task.team', objectType: 'random_task', objectId: taskId, before: { inspectorIds: task.inspector_ids }, after: { inspectorIds: ids, reason } });
  });
}

/** Publishes (一公开) the results of the plan's inspected tasks not yet published. */
export async function publishResults(db: Queryable, user: AuthUser, actor: Actor, planId: number) {
  return db.transaction(async (tx) => {
    const plan = await tx.one<{ org_id: number }>('SELECT org_id FROM random_plans WHERE id = $1 FOR UPDATE', [planId]);
    if (!plan) throw notFound('抽查计划不存在或不在您的数据范围内');
    assertInScope(user.scope, plan.org_id);
    const today = todayInChina();
    const rows = await tx.query<{ task_no: string }>(
      `UPDATE random_tasks t SET published_on = $2::date, updated_at = now()
        WHERE t.plan_id = $1 AND t.completed_on IS NOT NULL AND t.published_on IS NULL
          AND EXISTS (SELECT 1 FROM inspections v WHERE v.random_task_id = t.id) RETURNING t.task_no`, [planId, today]);
    if (rows.length === 0) throw conflict('NOTHING_TO_PUBLISH', '没有待公示的检查结果');
    await recordAudit(tx, actor, { action: 'random_plan.publish', objectType: 'random_plan', objectId: planId, after: { publishedOn: today, tasks: rows.map((r) => r.task_no) } });
    return { published: rows.length };
  });
}

// ---------------------------------------------------------------------------------
// Declared conflicts (回避)

interface ConflictRow {
  id: number; inspector_id: number; inspector_name: string; staff_no: string; entity_id: number; entity_name: string; entity_uscc: string;
  reason: string; declared_on: string; declared_by: string | null; withdrawn_at: string | null; withdrawn_reason: string | null;
}

const CONFLICT_FROM = `FROM inspector_conflicts c JOIN inspectors i ON i.id = c.inspector_id JOIN entities e ON e.id = c.entity_id
  LEFT JOIN users u ON u.id = c.declared_by`;

export async function listConflicts(db: Queryable, user: AuthUser, f: { q: string | null; inspectorId?: number; entityId?: number; active?: boolean; page: number; pageSize: number }) {
  const params: unknown[] = [user.scope.orgIds];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = ['i.org_id = ANY($1::int[])'];
  if (f.q) { const like = p(likeContaining(f.q)); where.push(`(e.name LIKE ${like} OR e.uscc LIKE upper(${like}) OR i.name LIKE ${like} OR i.staff_no LIKE ${like})`); }
  if (f.inspectorId) where.push(`c.inspector_id = ${p(f.inspectorId)}`);
  if (f.entityId) where.push(`c.entity_id = ${p(f.entityId)}::bigint`);
  if (f.active !== undefined) where.push(f.active ? 'c.withdrawn_at IS NULL' : 'c.withdrawn_at IS NOT NULL');
  const w = where.join(' AND ');
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n ${CONFLICT_FROM} WHERE ${w}`, params))!.n;
  const rows = await db.query<ConflictRow>(
    `SELECT c.id, c.inspector_id, i.name AS inspector_name, i.staff_no, c.entity_id, e.name AS entity_name, e.uscc AS entity_uscc, c.reason,
            c.declared_on, u.display_name AS declared_by, c.withdrawn_at, c.withdrawn_reason
       ${CONFLICT_FROM} WHERE ${w} ORDER BY c.withdrawn_at IS NOT NULL, c.declared_on DESC, c.id DESC LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`, params);
  return {
    rows: rows.map((r) => ({
      id: r.id, inspectorId: r.inspector_id, inspectorName: r.inspector_name, staffNo: r.staff_no, entityId: Number(r.entity_id), entityName: r.entity_name,
      entityUscc: r.entity_uscc, reason: r.reason, declaredOn: r.declared_on, declaredBy: r.declared_by, withdrawnAt: iso(r.withdrawn_at), withdrawnReason: r.withdrawn_reason,
    })),
    total, totalCapped: false, page: f.page, pageSize: f.pageSize,
  };
}

/** An inspector declares their own conflicts; whoever plans draws (inspections.plan) may record anyone's. */
async function assertMayDeclareFor(tx: Queryable, user: AuthUser, inspectorId: number): Promise<{ org_id: number; name: string }> {
  const inspector = await tx.one<{ org_id: number; name: string; user_id: number | null }>('SELECT org_id, name, user_id FROM inspectors WHERE id = $1', [inspectorId]);
  if (!inspector) throw notFound('执法人员不存在或不在您的数据范围内');
  assertInScope(user.scope, inspector.org_id);
  if (inspector.user_id !== user.id && !user.permissions.has('inspections.plan')) throw forbidden('只能申报本人的回避事项');
  return inspector;
}

export async function declareConflict(db: Queryable, user: AuthUser, actor: Actor, input: { inspectorId: number; entityId: number; reason: string; declaredOn?: string }) {
  const today = todayInChina();
  const declaredOn = input.declaredOn ?? today;
  if (declaredOn > today) throw badRequest('DATE_FUTURE', '申报日期不能晚于今天');
  return db.transaction(async (tx) => {
    await assertMayDeclareFor(tx, user, input.inspectorId);
    const entity = await tx.one<{ org_id: number }>('SELECT org_id FROM entities WHERE id = $1', [input.entityId]);
    if (!entity) throw notFound('监管对象不存在或不在您的数据范围内');
    const existing = await tx.one('SELECT 1 FROM inspector_conflicts WHERE inspector_id = $1 AND entity_id = $2 AND withdrawn_at IS NULL', [input.inspectorId, input.entityId]);
    if (existing) throw conflict('CONFLICT_EXISTS', '该执法人员已申报与此监管对象的回避事项');
    const row = (await tx.one<{ id: number }>(
      `INSERT INTO inspector_conflicts (inspector_id, entity_id, reason, declared_on, declared_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.inspectorId, input.entityId, input.reason, declaredOn, user.id]))!;
    await recordAudit(tx, actor, { action: 'inspector_conflict.declare', objectType: 'inspector_conflict', objectId: row.id, after: { ...input, declaredOn } });
    return { id: row.id };
  });
}

export async function withdrawConflict(db: Queryable, user: AuthUser, actor: Actor, id: number, reason: string) {
  await db.transaction(async (tx) => {
    const c = await tx.one<{ inspector_id: number; withdrawn_at: string | null }>('SELECT inspector_id, withdrawn_at FROM inspector_conflicts WHERE id = $1 FOR UPDATE', [id]);
    if (!c) throw notFound('回避申报不存在或不在您的数据范围内');
    await assertMayDeclareFor(tx, user, c.inspector_id);
    if (c.withdrawn_at) throw conflict('CONFLICT_WITHDRAWN', '该回避申报已撤回');
    await tx.query('UPDATE inspector_conflicts SET withdrawn_at = now(), withdrawn_reason = $2 WHERE id = $1', [id, reason]);
    await recordAudit(tx, actor, { action: 'inspector_conflict.withdraw', objectType: 'inspector_conflict', objectId: id, after: { reason } });
  });
}

// ---------------------------------------------------------------------------------
// The public portal: announced plans, their draw records and published results

export async function publicPlans(db: Queryable, f: { q: string | null; year?: number; page: number; pageSize: number }) {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = [`p.status IN ('announced', 'drawn')`, 'NOT p.imported'];
  if (f.q) { const like = p(likeContaining(f.q)); where.push(`(p.plan_no LIKE ${like} OR p.title LIKE ${like} OR o.name LIKE ${like})`); }
  if (f.year) where.push(`p.year = ${p(f.year)}`);
  const w = where.join(' AND ');
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM random_plans p JOIN organizations o ON o.id = p.org_id WHERE ${w}`, params))!.n;
  const rows = await db.query<{
    plan_no: string; title: string; agency: string; year: number; source: keyof typeof PLAN_SOURCE_NAMES; joint: boolean; joint_departments: string | null;
    due_on: string | null; status: string; drawn_at: string | null; attempts: number; task_count: number; published_count: number;
  }>(
    `SELECT p.plan_no, p.title, o.name AS agency, p.year, p.source, p.joint, p.joint_departments, p.due_on, p.status,
            (SELECT d.drawn_at FROM random_draws d WHERE d.plan_id = p.id AND d.superseded_at IS NULL) AS drawn_at,
            (SELECT count(*)::int FROM random_draws d WHERE d.plan_id = p.id) AS attempts,
            (SELECT count(*)::int FROM random_tasks t WHERE t.plan_id = p.id) AS task_count,
            (SELECT count(*)::int FROM random_tasks t WHERE t.plan_id = p.id AND t.published_on IS NOT NULL) AS published_count
       FROM random_plans p JOIN organizations o ON o.id = p.org_id WHERE ${w}
      ORDER BY p.year DESC, p.id DESC LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`, params);
  return {
    rows: rows.map((r) => ({
      planNo: r.plan_no, title: r.title, agency: r.agency, year: r.year, source: r.source, sourceName: PLAN_SOURCE_NAMES[r.source] ?? r.source,
      joint: r.joint, jointDepartments: r.joint_departments, dueOn: r.due_on, status: r.status, drawnAt: iso(r.drawn_at), attempts: r.attempts,
      taskCount: r.task_count, publishedCount: r.published_count,
    })),
    total, totalCapped: false, page: f.page, pageSize: f.pageSize,
  };
}

async function publicPlanRow(db: Queryable, planNo: string) {
  const plan = await db.one<PlanSetupRow & { agency: string; source: keyof typeof PLAN_SOURCE_NAMES }>(
    `SELECT ${SETUP_SELECT}, o.name AS agency, p.source FROM random_plans p JOIN organizations o ON o.id = p.org_id
      WHERE p.plan_no = $1 AND p.status IN ('announced', 'drawn') AND NOT p.imported`, [planNo]);
  if (!plan) throw notFound('未找到已公布的抽查计划');
  return plan;
}

export async function publicPlan(db: Queryable, planNo: string) {
  const plan = await publicPlanRow(db, planNo);
  const draws = await db.query<DrawRow>('SELECT attempt, announced_at, redraw_reason, drawn_at, superseded_at, announcement FROM random_draws WHERE plan_id = $1 ORDER BY attempt', [plan.id]);
  const results = await db.query<{ task_no: string; entity_name: string; entity_uscc: string; visited_on: string; result: string; published_on: string }>(
    `SELECT t.task_no, e.name AS entity_name, e.uscc AS entity_uscc, v.visited_on, v.result, t.published_on
       FROM random_tasks t JOIN entities e ON e.id = t.entity_id
       JOIN LATERAL (SELECT v.visited_on, v.result FROM inspections v WHERE v.random_task_id = t.id ORDER BY v.visited_on DESC, v.id DESC LIMIT 1) v ON true
      WHERE t.plan_id = $1 AND t.published_on IS NOT NULL ORDER BY t.task_no`, [plan.id]);
  return {
    plan: {
      planNo: plan.plan_no, title: plan.title, agency: plan.agency, year: plan.year, source: plan.source, sourceName: PLAN_SOURCE_NAMES[plan.source] ?? plan.source,
      joint: plan.joint, jointDepartments: plan.joint_departments, dueOn: plan.due_on, description: plan.description,
      categories: plan.categories, regionCodes: plan.region_codes, status: plan.status,
    },
    draws: draws.map((d) => ({
      attempt: d.attempt, announcedAt: iso(d.announced_at)!, redrawReason: d.redraw_reason, drawnAt: iso(d.drawn_at),
      superseded: d.superseded_at !== null, announcement: d.announcement,
    })),
    results: results.map((r) => ({
      taskNo: r.task_no, entityName: r.entity_name, entityUscc: r.entity_uscc, visitedOn: r.visited_on, result: r.result,
      resultName: VISIT_RESULT_NAMES[r.result as keyof typeof VISIT_RESULT_NAMES] ?? r.result, publishedOn: r.published_on,
    })),
  };
}

/** The announcement, and once drawn the full record (seed, frozen lists, result) that anyone can re-run, from its row. */
function publicDrawRecord(d: DrawRow) {
  const record = d.drawn_at && d.result ? { ...d.announcement, seed: d.seed, ...unpackLists(d.inputs), result: d.result } : null;
  return { announcement: d.announcement, record };
}

// A drawn attempt's record never changes (a re-draw is a new attempt), and a province's
// takes 5–7 s and 110 MB of JSON to produce; so it is built once, kept gzip-compressed
// (about 4 MB), and served from here, for the few most recently asked. The key is the
// commitment: an attempt's own, whatever database the process serves.
const KEPT_RECORDS = 8;
const recordBodies = new Map<string, Promise<Buffer>>();

/**
 * publicDrawRecord as a gzipJson body: kept once the attempt is drawn, built for each
 * request before. Only the commitment is read to find a kept body; the row with its
 * frozen lists is read when the body has to be built.
 */
export async function publicDrawRecordBody(db: Queryable, planNo: string, attempt: number): Promise<Buffer> {
  const plan = await publicPlanRow(db, planNo);
  const d = await db.one<{ id: number; commitment: string; drawn: boolean }>(
    'SELECT id, commitment, drawn_at IS NOT NULL AND result IS NOT NULL AS drawn FROM random_draws WHERE plan_id = $1 AND attempt = $2', [plan.id, attempt]);
  if (!d) throw notFound('未找到该次抽取记录');
  const build = async () => gzipJson(publicDrawRecord((await db.one<DrawRow>('SELECT * FROM random_draws WHERE id = $1', [d.id]))!));
  if (!d.drawn) return build();
  let body = recordBodies.get(d.commitment);
  if (!body) {
    body = build();
    body.catch(() => recordBodies.delete(d.commitment));
    recordBodies.set(d.commitment, body);
    if (recordBodies.size > KEPT_RECORDS) recordBodies.delete(recordBodies.keys().next().value!);
  }
  return body;
}
