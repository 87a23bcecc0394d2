// Credit and risk (信用+监管): the pure engine of core/credit applied to the platform's
// records (facts.ts) with the default rule set and the organisation's rule values.
//   recompute — one entity, or every entity of the caller's scope (or an organisation's
//     subtree) in batches, one transaction per batch, one audit entry with the counts;
//     the result goes to entities.credit_grade / risk_class / blacklisted (after the
//     override; the directory's search keys follow) and to credit_evaluations (the
//     computed values before the override, the reasons, the periods, the warnings);
//   override (人工调整) — set or lift, with its history; the entity is recomputed in the
//     same transaction so the directory shows the override at once;
//   repair (信用修复) — requested for one penalty decision, approved or refused by a
//     leader; an approval ends the decision's effect from that day, withdraws its
//     publication (执法公示) when it is still public, and recomputes the entity.
// Scope: by the entity's organisation; outside it answers 404 like a missing id.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { todayInChina } from '../../core/calendar/dates';
import { evaluateCredit } from '../../core/credit/engine';
import { CreditError, RISK_CLASSES, GRADES, type CreditEvaluation, type Grade, type RiskClass } from '../../core/credit/model';
import { validateOverride } from '../../core/credit/validate';
import { attributeKey } from '../entities/searchKeys';
import { ENTITY_CATEGORY_NAMES } from '../entities/categories';
import { withdrawPublication } from '../cases/publication';
import { ASSUMPTIONS, OrgRules, gatherFacts, sanctionNames, severityName, type EntityRow, type PenaltyInfo } from './facts';
import {
  REPAIR_STATE_NAMES, type CreditDetail, type LiftInput, type OverrideInput, type RecomputeInput, type RecomputeResult, type Repair,
  type RepairDecisionInput, type RepairInput, type RepairListQuery, type RepairState,
} from './schema';

/** Entities recomputed per transaction. */
export const RECOMPUTE_BATCH = 500;
/** Changes listed in a batch recompute's audit entry (the counts are always complete). */
const AUDITED_CHANGES = 200;
/** Failures listed in a recompute's answer. */
const LISTED_ERRORS = 20;

const ENTITY_COLUMNS = 'e.id, e.org_id, e.category, e.credit_grade, e.risk_class, e.blacklisted';

/** Every risk and credit key of the directory's search index (entities/searchKeys.ts): replaced on a change. */
const CREDIT_SEARCH_KEYS = [...RISK_CLASSES.map((r) => attributeKey('risk', r)), ...GRADES.map((g) => attributeKey('credit', g))];

interface Change { id: number; before: Standing; after: Standing }
interface Standing { creditGrade: string | null; riskClass: string | null; blacklisted: boolean }

interface BatchOutcome {
  evaluated: number;
  changes: Change[];
  errors: { entityId: number; message: string }[];
}

const standingOf = (e: EntityRow): Standing => ({ creditGrade: e.credit_grade, riskClass: e.risk_class, blacklisted: e.blacklisted });

/**
 * Evaluates the entities on `on` and stores the results: the evaluation rows, and the
 * entity columns where they changed. An entity whose facts the engine refuses keeps its
 * previous values and is reported.
 */
async function evaluateEntities(tx: Queryable, rules: OrgRules, entities: EntityRow[], on: string, userId: number | null): Promise<BatchOutcome> {
  const gathered = await gatherFacts(tx, rules, entities, on);
  const done: { e: EntityRow; r: CreditEvaluation }[] = [];
  const errors: BatchOutcome['errors'] = [];
  for (const e of entities) {
    try {
      done.push({ e, r: evaluateCredit(await rules.ruleSet(tx, e.org_id), gathered.get(e.id)!.facts, on) });
    } catch (err) {
      if (!(err instanceof CreditError)) throw err;
      errors.push({ entityId: e.id, message: err.message });
    }
  }
  if (done.length === 0) return { evaluated: 0, changes: [], errors };
  const col = <T>(f: (x: { e: EntityRow; r: CreditEvaluation }) => T) => done.map(f);
  await tx.query(
    `INSERT INTO credit_evaluations (entity_id, evaluated_on, rule_set_id, rule_set_title, rule_set_from, computed_grade, computed_risk_class,
            grade, risk_class, blacklisted, grade_since, grade_until, blacklisted_since, blacklisted_until, overridden, reasons, warnings,
            evaluated_at, evaluated_by)
     SELECT u.entity_id, $1::date, u.set_id, u.set_title, u.set_from, u.computed_grade, u.computed_risk, u.grade, u.risk, u.listed,
            u.grade_since, u.grade_until, u.listed_since, u.listed_until, u.overridden, u.reasons::jsonb, u.warnings::jsonb, now(), $2
       FROM unnest($3::bigint[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bool[],
                   $12::date[], $13::date[], $14::date[], $15::date[], $16::bool[], $17::text[], $18::text[])
            AS u (entity_id, set_id, set_title, set_from, computed_grade, computed_risk, grade, risk, listed,
                  grade_since, grade_until, listed_since, listed_until, overridden, reasons, warnings)
     ON CONFLICT (entity_id) DO UPDATE SET
       evaluated_on = EXCLUDED.evaluated_on, rule_set_id = EXCLUDED.rule_set_id, rule_set_title = EXCLUDED.rule_set_title,
       rule_set_from = EXCLUDED.rule_set_from, computed_grade = EXCLUDED.computed_grade, computed_risk_class = EXCLUDED.computed_risk_class,
       grade = EXCLUDED.grade, risk_class = EXCLUDED.risk_class, blacklisted = EXCLUDED.blacklisted, grade_since = EXCLUDED.grade_since,
       grade_until = EXCLUDED.grade_until, blacklisted_since = EXCLUDED.blacklisted_since, blacklisted_until = EXCLUDED.blacklisted_until,
       overridden = EXCLUDED.overridden, reasons = EXCLUDED.reasons, warnings = EXCLUDED.warnings, evaluated_at = EXCLUDED.evaluated_at,
       evaluated_by = EXCLUDED.evaluated_by`,
    [on, userId, col((x) => x.e.id), col((x) => x.r.ruleSet.id), col((x) => x.r.ruleSet.title), col((x) => x.r.ruleSet.effectiveFrom),
      col((x) => x.r.computed.grade), col((x) => x.r.computed.riskClass), col((x) => x.r.grade), col((x) => x.r.riskClass),
      col((x) => x.r.blacklisted), col((x) => x.r.computed.gradeSince), col((x) => x.r.computed.gradeUntil),
      col((x) => x.r.blacklistedSince), col((x) => x.r.blacklistedUntil), col((x) => x.r.overridden !== null),
      col((x) => JSON.stringify(x.r.reasons)), col((x) => JSON.stringify(x.r.warnings))]);
  // Only rows whose values change are written (and their search keys: the risk and credit
  // keys are replaced, the others kept).
  const updated = await tx.query<{ id: number }>(
    `UPDATE entities e SET credit_grade = u.grade, risk_class = u.risk, blacklisted = u.listed, updated_at = now(),
            search_keys = CASE WHEN e.search_keys IS NULL THEN NULL
                               ELSE ARRAY(SELECT k FROM unnest(e.search_keys) AS k WHERE k <> ALL($5::bigint[])) || ARRAY[u.risk_key, u.grade_key] END
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bool[], $6::bigint[], $7::bigint[]) AS u (id, grade, risk, listed, grade_key, risk_key)
      WHERE e.id = u.id
        AND (e.credit_grade IS DISTINCT FROM u.grade OR e.risk_class IS DISTINCT FROM u.risk OR e.blacklisted IS DISTINCT FROM u.listed)
      RETURNING e.id`,
    [col((x) => x.e.id), col((x) => x.r.grade), col((x) => x.r.riskClass), col((x) => x.r.blacklisted), CREDIT_SEARCH_KEYS,
      col((x) => attributeKey('credit', x.r.grade)), col((x) => attributeKey('risk', x.r.riskClass))]);
  const changed = new Set(updated.map((u) => u.id));
  const changes = done.filter((x) => changed.has(x.e.id)).map((x) => ({
    id: x.e.id, before: standingOf(x.e), after: { creditGrade: x.r.grade, riskClass: x.r.riskClass, blacklisted: x.r.blacklisted },
  }));
  return { evaluated: done.length, changes, errors };
}

// ---------------------------------------------------------------------------------
// Loading in scope

interface EntityInScope extends EntityRow { name: string; uscc: string; org_name: string }

async function entityInScope(db: Queryable, user: AuthUser, id: number, lock = false): Promise<EntityInScope> {
  const row = await db.one<EntityInScope>(
    `SELECT ${ENTITY_COLUMNS}, e.name, e.uscc, o.name AS org_name FROM entities e JOIN organizations o ON o.id = e.org_id
      WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id]);
  // Outside the scope answers exactly like a missing id, so ids cannot be probed.
  if (!row || !inScope(user.scope, row.org_id)) throw notFound();
  return row;
}

/** Evaluates one (locked) entity inside the caller's transaction; the change, if any. */
async function recomputeOne(tx: Queryable, e: EntityRow, userId: number | null): Promise<{ change: Change | null; on: string }> {
  const on = todayInChina();
  const outcome = await evaluateEntities(tx, new OrgRules(), [e], on, userId);
  if (outcome.errors.length) throw badRequest('CREDIT_FACTS_INVALID', `无法评价该监管对象的信用：${outcome.errors[0].message}`);
  return { change: outcome.changes[0] ?? null, on };
}

// ---------------------------------------------------------------------------------
// Recompute

/**
 * Brings an entity's grade, class and list up to date after a new record of it (a visit
 * recorded, a penalty decision), inside the caller's transaction, with its own audit
 * entry when the standing changed, so the next draw sees it. A record the engine cannot
 * use leaves the standing as it was (the next recompute reports why) rather than refusing
 * the record itself. Imports do not call this: recompute after one (CLI or the page).
 */
export async function refreshCreditAfterRecord(tx: Queryable, actor: Actor, entityId: number, cause: string): Promise<void> {
  const e = await tx.one<EntityRow>(`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.id = $1 FOR UPDATE OF e`, [entityId]);
  if (!e) return;
  const on = todayInChina();
  const outcome = await evaluateEntities(tx, new OrgRules(), [e], on, actor.userId);
  const change = outcome.changes[0];
  if (!change) return;
  await recordAudit(tx, actor, {
    action: 'credit.recompute', objectType: 'entity_credit', objectId: entityId,
    before: standingOf(e), after: { ...change.after, evaluatedOn: on, changed: true, cause },
  });
}

export async function recomputeEntity(db: Queryable, user: AuthUser, actor: Actor, id: number): Promise<CreditDetail> {
  await db.transaction(async (tx) => {
    const e = await entityInScope(tx, user, id, true);
    const { change, on } = await recomputeOne(tx, e, user.id);
    const after = change?.after ?? standingOf(e);
    await recordAudit(tx, actor, {
      action: 'credit.recompute', objectType: 'entity_credit', objectId: id,
      before: standingOf(e), after: { ...after, evaluatedOn: on, changed: change !== null },
    });
  });
  return getCredit(db, user, id);
}

/**
 * Recomputes every entity of the organisations (a scope, or a subtree within it), in
 * batches (RECOMPUTE_BATCH) in id order, one transaction each; the last one ends with
 * the audit entry holding the counts. Also used by the CLI (npm run cli -- credit recompute).
 */
export async function recomputeOrgs(
  db: Queryable, actor: Actor, orgIds: number[], userId: number | null, audit: Record<string, unknown> = {}, batchSize = RECOMPUTE_BATCH,
): Promise<RecomputeResult> {
  const on = todayInChina();
  const rules = new OrgRules();
  const total: RecomputeResult = { evaluatedOn: on, entities: 0, changed: 0, failed: 0, errors: [] };
  const listed: Change[] = [];
  let after = 0;
  for (;;) {
    const last = await db.transaction(async (tx) => {
      const rows = await tx.query<EntityRow>(
        `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.org_id = ANY($1::int[]) AND e.id > $2 ORDER BY e.id LIMIT $3 FOR UPDATE OF e`,
        [orgIds, after, batchSize + 1]);
      const batch = rows.slice(0, batchSize);
      if (batch.length) {
        const outcome = await evaluateEntities(tx, rules, batch, on, userId);
        total.entities += batch.length;
        total.changed += outcome.changes.length;
        total.failed += outcome.errors.length;
        total.errors.push(...outcome.errors.slice(0, LISTED_ERRORS - total.errors.length));
        listed.push(...outcome.changes.slice(0, AUDITED_CHANGES - listed.length));
        after = batch[batch.length - 1].id;
      }
      const done = rows.length <= batchSize;
      if (done) {
        await recordAudit(tx, actor, {
          action: 'credit.recompute_all', objectType: 'entity_credit', objectId: null,
          after: { ...audit, evaluatedOn: on, entities: total.entities, changed: total.changed, failed: total.failed, errors: total.errors, changes: listed },
        });
      }
      return done;
    });
    if (last) break;
  }
  return total;
}

export async function recomputeScope(db: Queryable, user: AuthUser, actor: Actor, input: RecomputeInput): Promise<RecomputeResult> {
  let orgIds = user.scope.orgIds;
  if (input.orgId !== undefined) {
    // An organisation outside the scope answers like one that does not exist.
    if (!inScope(user.scope, input.orgId)) throw notFound('机构不存在或不在您的数据范围内');
    const subtree = await db.query<{ id: number }>(
      `SELECT x.id FROM organizations x, organizations r WHERE r.id = $1 AND x.path LIKE r.path || '%'`, [input.orgId]);
    orgIds = subtree.map((o) => o.id).filter((o) => inScope(user.scope, o));
  }
  return recomputeOrgs(db, actor, orgIds, user.id, { orgId: input.orgId ?? null });
}

// ---------------------------------------------------------------------------------
// Reading

interface EvaluationRow {
  evaluated_on: string; evaluated_at: Date; rule_set_id: string; rule_set_title: string; rule_set_from: string;
  computed_grade: Grade; computed_risk_class: RiskClass; grade: Grade; risk_class: RiskClass; blacklisted: boolean;
  grade_since: string | null; grade_until: string | null; blacklisted_since: string | null; blacklisted_until: string | null;
  overridden: boolean; reasons: CreditEvaluation['reasons']; warnings: string[];
}

interface OverrideRow {
  id: number; grade: Grade | null; risk_class: RiskClass | null; reason: string; valid_from: string; valid_until: string;
  created_by_name: string; created_at: Date; lifted_at: Date | null; lifted_by_name: string | null; lifted_reason: string | null;
}

function presentOverride(o: OverrideRow, today: string) {
  return {
    id: o.id, grade: o.grade, riskClass: o.risk_class, reason: o.reason, from: o.valid_from, until: o.valid_until, by: o.created_by_name,
    createdAt: o.created_at, active: o.lifted_at === null && o.valid_from <= today && today <= o.valid_until,
    liftedAt: o.lifted_at, liftedBy: o.lifted_by_name, liftedReason: o.lifted_reason,
  };
}

interface RepairRow {
  id: number; entity_id: number; entity_name: string; entity_uscc: string; org_name: string; case_id: number; case_no: string;
  case_decided_on: string; state: RepairState; reason: string; requested_by: number | null; requested_by_name: string | null; requested_at: Date;
  decided_by_name: string | null; decided_at: Date | null; decided_on: string | null; opinion: string | null; publication_withdrawn: boolean;
}

const REPAIR_SELECT = `SELECT r.id, r.entity_id, e.name AS entity_name, e.uscc AS entity_uscc, o.name AS org_name, r.case_id, c.case_no,
    c.decided_on AS case_decided_on, r.state, r.reason, r.requested_by, ru.display_name AS requested_by_name, r.requested_at,
    du.display_name AS decided_by_name, r.decided_at, r.decided_on, r.opinion, r.publication_withdrawn
  FROM credit_repairs r JOIN entities e ON e.id = r.entity_id JOIN organizations o ON o.id = e.org_id
  JOIN penalty_cases c ON c.id = r.case_id
  LEFT JOIN users ru ON ru.id = r.requested_by LEFT JOIN users du ON du.id = r.decided_by`;

function presentRepair(r: RepairRow, user: AuthUser): Repair {
  return {
    id: r.id, entityId: r.entity_id, entityName: r.entity_name, entityUscc: r.entity_uscc, orgName: r.org_name,
    caseId: r.case_id, caseNo: r.case_no, caseDecidedOn: r.case_decided_on, state: r.state, stateName: REPAIR_STATE_NAMES[r.state],
    reason: r.reason, requestedBy: r.requested_by_name ?? '系统', requestedAt: r.requested_at, decidedBy: r.decided_by_name,
    decidedAt: r.decided_at, decidedOn: r.decided_on, opinion: r.opinion, publicationWithdrawn: r.publication_withdrawn,
    decidable: r.state === 'pending' && user.permissions.has('credit.approve') && r.requested_by !== user.id,
  };
}

function presentPenalty(p: PenaltyInfo, pending: Set<number>, today: string) {
  let why: string | null = null;
  if (p.repairedOn) why = `已于${p.repairedOn}信用修复`;
  else if (pending.has(p.caseId)) why = '已有待审批的信用修复申请';
  else if (today < p.repairFrom) why = `最短公示期至${p.repairFrom}届满，届满后方可申请信用修复`;
  return {
    caseId: p.caseId, caseNo: p.caseNo, decidedOn: p.decidedOn, severity: p.severity, severityName: severityName(p.severity),
    severitySource: p.severitySource, sanctions: p.sanctions, sanctionNames: sanctionNames(p.sanctions), fineYuan: p.fineYuan,
    repairedOn: p.repairedOn, repairFrom: p.repairFrom, repairable: why === null, notRepairableReason: why,
  };
}

export async function getCredit(db: Queryable, user: AuthUser, id: number): Promise<CreditDetail> {
  const e = await entityInScope(db, user, id);
  const today = todayInChina();
  const rules = new OrgRules();
  const set = await rules.ruleSet(db, e.org_id);
  const ev = await db.one<EvaluationRow>('SELECT * FROM credit_evaluations WHERE entity_id = $1', [id]);
  const overrides = await db.query<OverrideRow>(
    `SELECT o.id, o.grade, o.risk_class, o.reason, o.valid_from, o.valid_until, o.created_by_name, o.created_at, o.lifted_at,
            lu.display_name AS lifted_by_name, o.lifted_reason
       FROM credit_overrides o LEFT JOIN users lu ON lu.id = o.lifted_by WHERE o.entity_id = $1 ORDER BY o.id DESC`, [id]);
  const repairs = await db.query<RepairRow>(`${REPAIR_SELECT} WHERE r.entity_id = $1 ORDER BY r.id DESC`, [id]);
  const facts = (await gatherFacts(db, rules, [e], today)).get(id)!;
  const pending = new Set(repairs.filter((r) => r.state === 'pending').map((r) => r.case_id));
  const open = overrides.find((o) => o.lifted_at === null);
  return {
    entity: {
      id: e.id, name: e.name, uscc: e.uscc, category: e.category, categoryName: ENTITY_CATEGORY_NAMES[e.category] ?? e.category,
      orgId: e.org_id, orgName: e.org_name, creditGrade: e.credit_grade as Grade | null, riskClass: e.risk_class as RiskClass | null,
      blacklisted: e.blacklisted,
    },
    evaluation: ev ? {
      evaluatedOn: ev.evaluated_on, evaluatedAt: ev.evaluated_at,
      ruleSet: { id: ev.rule_set_id, title: ev.rule_set_title, effectiveFrom: ev.rule_set_from },
      grade: ev.grade, riskClass: ev.risk_class, blacklisted: ev.blacklisted, computedGrade: ev.computed_grade, computedRiskClass: ev.computed_risk_class,
      gradeSince: ev.grade_since, gradeUntil: ev.grade_until, blacklistedSince: ev.blacklisted_since, blacklistedUntil: ev.blacklisted_until,
      overridden: ev.overridden, reasons: ev.reasons, warnings: ev.warnings,
    } : null,
    override: open ? presentOverride(open, today) : null,
    overrideHistory: overrides.map((o) => presentOverride(o, today)),
    repairs: repairs.map((r) => presentRepair(r, user)),
    penalties: facts.penalties.slice().reverse().map((p) => presentPenalty(p, pending, today)),
    assumptions: ASSUMPTIONS,
    limits: { overrideMaxMonths: set.override.maxMonths, overrideMinReasonLength: set.override.minReasonLength },
  };
}

// ---------------------------------------------------------------------------------
// Override (人工调整)

export async function setOverride(db: Queryable, user: AuthUser, actor: Actor, id: number, input: OverrideInput): Promise<CreditDetail> {
  await db.transaction(async (tx) => {
    const e = await entityInScope(tx, user, id, true);
    const set = await new OrgRules().ruleSet(tx, e.org_id);
    const candidate = {
      ...(input.grade !== undefined && input.grade !== null && input.grade !== '' ? { grade: input.grade } : {}),
      ...(input.riskClass !== undefined && input.riskClass !== null && input.riskClass !== '' ? { riskClass: input.riskClass } : {}),
      reason: input.reason.trim(), by: user.displayName, from: input.from, until: input.until,
    };
    const errors = validateOverride(candidate, set);
    const today = todayInChina();
    if (errors.length === 0 && candidate.until < today) errors.push(`人工调整：调整截止日期${candidate.until}早于今天（${today}），已过期的调整不起作用`);
    if (errors.length) throw badRequest('CREDIT_OVERRIDE_INVALID', errors.join('；'), { errors });
    const previous = await tx.one<{ id: number }>('SELECT id FROM credit_overrides WHERE entity_id = $1 AND lifted_at IS NULL FOR UPDATE', [id]);
    if (previous) {
      await tx.query(`UPDATE credit_overrides SET lifted_at = now(), lifted_by = $2, lifted_reason = '被新的人工调整取代' WHERE id = $1`, [previous.id, user.id]);
    }
    const row = await tx.one<{ id: number }>(
      `INSERT INTO credit_overrides (entity_id, grade, risk_class, reason, valid_from, valid_until, created_by, created_by_name)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [id, candidate.grade ?? null, candidate.riskClass ?? null, candidate.reason, candidate.from, candidate.until, user.id, user.displayName]);
    const { change } = await recomputeOne(tx, e, user.id);
    await recordAudit(tx, actor, {
      action: 'credit.override', objectType: 'entity_credit', objectId: id,
      before: { ...standingOf(e), replacedOverrideId: previous?.id ?? null },
      after: { ...(change?.after ?? standingOf(e)), overrideId: row!.id, grade: candidate.grade ?? null, riskClass: candidate.riskClass ?? null, reason: candidate.reason, from: candidate.from, until: candidate.until },
    });
  });
  return getCredit(db, user, id);
}

export async function liftOverride(db: Queryable, user: AuthUser, actor: Actor, id: number, input: LiftInput): Promise<CreditDetail> {
  await db.transaction(async (tx) => {
    const e = await entityInScope(tx, user, id, true);
    const open = await tx.one<{ id: number }>('SELECT id FROM credit_overrides WHERE entity_id = $1 AND lifted_at IS NULL FOR UPDATE', [id]);
    if (!open) throw conflict('CREDIT_NO_OVERRIDE', '该监管对象没有生效中的人工调整');
    await tx.query('UPDATE credit_overrides SET lifted_at = now(), lifted_by = $2, lifted_reason = $3 WHERE id = $1', [open.id, user.id, input.reason]);
    const { change } = await recomputeOne(tx, e, user.id);
    await recordAudit(tx, actor, {
      action: 'credit.override_lift', objectType: 'entity_credit', objectId: id,
      before: { ...standingOf(e), overrideId: open.id }, after: { ...(change?.after ?? standingOf(e)), reason: input.reason },
    });
  });
  return getCredit(db, user, id);
}

// ---------------------------------------------------------------------------------
// Credit repair (信用修复)

export async function requestRepair(db: Queryable, user: AuthUser, actor: Actor, id: number, input: RepairInput): Promise<CreditDetail> {
  await db.transaction(async (tx) => {
    const e = await entityInScope(tx, user, id, true);
    const today = todayInChina();
    const facts = (await gatherFacts(tx, new OrgRules(), [e], today)).get(id)!;
    const p = facts.penalties.find((x) => x.caseId === input.caseId);
    if (!p) {
      throw badRequest('REPAIR_CASE_INVALID', '所选案件不是该监管对象已作出的行政处罚决定（或该决定已被撤销、确认违法或无效）', { field: 'caseId' });
    }
    if (p.repairedOn) throw conflict('REPAIR_DONE', `行政处罚决定${p.caseNo}已于${p.repairedOn}信用修复`);
    if (today < p.repairFrom) {
      throw badRequest('REPAIR_TOO_EARLY', `行政处罚决定${p.caseNo}（${severityName(p.severity)}违法）的最短公示期至${p.repairFrom}届满，届满后方可申请信用修复`, { field: 'caseId' });
    }
    const row = await tx.one<{ id: number }>(
      `INSERT INTO credit_repairs (entity_id, case_id, reason, requested_by) VALUES ($1,$2,$3,$4)
       ON CONFLICT (case_id) WHERE state IN ('pending','approved') DO NOTHING RETURNING id`, [id, input.caseId, input.reason, user.id]);
    if (!row) throw conflict('REPAIR_PENDING', `行政处罚决定${p.caseNo}已有待审批的信用修复申请`);
    await recordAudit(tx, actor, {
      action: 'credit.repair_request', objectType: 'credit_repair', objectId: row.id,
      after: { entityId: id, caseId: input.caseId, caseNo: p.caseNo, reason: input.reason },
    });
  });
  return getCredit(db, user, id);
}

async function repairInScope(db: Queryable, user: AuthUser, id: number, lock = false): Promise<RepairRow & { entity_org_id: number; case_org_id: number }> {
  const row = await db.one<RepairRow & { entity_org_id: number; case_org_id: number }>(
    `${REPAIR_SELECT.replace('SELECT r.id,', 'SELECT e.org_id AS entity_org_id, c.org_id AS case_org_id, r.id,')} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
  if (!row || !inScope(user.scope, row.entity_org_id)) throw notFound();
  return row;
}

export async function decideRepair(db: Queryable, user: AuthUser, actor: Actor, repairId: number, approve: boolean, input: RepairDecisionInput): Promise<Repair> {
  await db.transaction(async (tx) => {
    const r = await repairInScope(tx, user, repairId, true);
    if (r.state !== 'pending') throw conflict('REPAIR_DECIDED', `该信用修复申请${r.state === 'approved' ? '已批准' : '已决定不予批准'}，不能重复审批`);
    if (r.requested_by === user.id) throw conflict('REPAIR_OWN_REQUEST', '不能审批本人提出的信用修复申请（申请和审批应由不同人员办理）');
    const e = await entityInScope(tx, user, r.entity_id, true);
    const today = todayInChina();
    let withdrawn = false;
    if (approve) {
      // Credit repair withdraws the decision's publication early (legal-rules.md,
      // "Publication"), through the case module, when the approver sees the case.
      const pub = await tx.one<{ withdrawn_on: string | null; public_until: string }>(
        'SELECT withdrawn_on, public_until FROM case_publications WHERE case_id = $1 AND superseded_on IS NULL', [r.case_id]);
      if (pub && !pub.withdrawn_on && pub.public_until >= today && inScope(user.scope, r.case_org_id)) {
        await withdrawPublication(tx, user, actor, r.case_id, 'credit_repair', `信用修复申请第${repairId}号批准：${input.opinion}`);
        withdrawn = true;
      }
    }
    await tx.query(
      `UPDATE credit_repairs SET state = $2, decided_by = $3, decided_at = now(), decided_on = $4, opinion = $5, publication_withdrawn = $6 WHERE id = $1`,
      [repairId, approve ? 'approved' : 'rejected', user.id, today, input.opinion, withdrawn]);
    const change = approve ? (await recomputeOne(tx, e, user.id)).change : null;
    await recordAudit(tx, actor, {
      action: approve ? 'credit.repair_approve' : 'credit.repair_reject', objectType: 'credit_repair', objectId: repairId,
      before: { state: 'pending', ...standingOf(e) },
      after: { state: approve ? 'approved' : 'rejected', entityId: r.entity_id, caseId: r.case_id, opinion: input.opinion, publicationWithdrawn: withdrawn, ...(change?.after ?? standingOf(e)) },
    });
  });
  return presentRepair(await repairInScope(db, user, repairId), user);
}

export async function listRepairs(db: Queryable, user: AuthUser, f: RepairListQuery) {
  const params: unknown[] = [user.scope.orgIds];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = ['e.org_id = ANY($1::int[])'];
  if (f.state) where.push(`r.state = ${p(f.state)}`);
  if (f.q) {
    const like = p(likeContaining(f.q));
    where.push(`(e.name LIKE ${like} OR e.uscc LIKE ${p(likeContaining(f.q.toUpperCase()))} OR c.case_no LIKE ${like})`);
  }
  const sql = where.join(' AND ');
  const total = (await db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM credit_repairs r JOIN entities e ON e.id = r.entity_id JOIN penalty_cases c ON c.id = r.case_id WHERE ${sql}`, params))!.n;
  // Pending requests first come, first served; decided ones newest first.
  const order = f.state === 'pending' ? 'r.id' : 'r.id DESC';
  const rows = await db.query<RepairRow>(`${REPAIR_SELECT} WHERE ${sql} ORDER BY ${order} LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`, params);
  return { rows: rows.map((r) => presentRepair(r, user)), total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}
