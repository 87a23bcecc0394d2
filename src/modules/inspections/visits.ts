// Inspection visits recorded on the platform (现场检查记录): the inspector's open tasks,
// the phone form, the visit with its check results, findings and the party's signature,
// photos taken on the spot, and the penalty-case lead opened in one step from a
// non-compliant visit, carrying the photos and the signature into the case's evidence.
//
// Who: an inspector records the visits they took part in (inspections.record and one of
// the visit's inspectors); inspections.record_any (administrators) records any. The
// inspectors of a drawn task's visit are its team (the planners change a team, with a
// reason: draws.ts setTaskTeam). Scope: the entity (and a task's plan) in the user's data
// scope, else 404. Every write is one transaction ending with its audit entries.
//
// Tamper evidence, as case evidence (modules/evidence): the visit's record_hash is the
// SM3 of the canonical JSON of its recorded fields, and each file (photo, signature) is
// stored under the evidence directory with the SM3 of its bytes taken while it arrived
// and a record hash of its row; both hashes go into the hash-chained audit log. Opening a
// case lead re-reads every file and refuses unless its SM3 is still the recorded one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { refreshCreditAfterRecord } from '../credit/service';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { canonicalJson } from '../../core/audit/chain';
import { sm3 } from '../../core/crypto/sm3';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { likeContaining } from '../../platform/db/like';
import { ruleValue } from '../rules/service';
import { assertCanEnforce, enforcementStatus } from '../inspectors/service';
import { ENTITY_CATEGORY_NAMES, type EntityCategory } from '../entities/categories';
import { shortCitation } from '../checkitems/service';
import type { BasisCite } from '../checkitems/bundled';
import { createLead } from '../cases/service';
import { evidenceRecordHash, isMissingFile, receiveFile, recordFields as evidenceFields, storedPath, type IncomingFile } from '../evidence/service';
import { moveIntoStore } from '../evidence/uploads';
import {
  CHECK_OUTCOME_NAMES, MAX_SIGNATURE_BYTES, PARTY_ABSENT_RESULTS, VISIT_KIND_NAMES,
  type CheckOutcome, type MyTaskQuery, type VisitInput, type VisitKind,
} from './visitSchema';

/** Serialises the numbering of an organisation's visits (pg_advisory_xact_lock(key, org id)). */
const VISIT_NO_LOCK = 727_023;
/** A signing time may run ahead of the server's clock by this much (a phone's clock). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Ctx = Pick<AppContext, 'db' | 'calendar' | 'config'>;

// ---------------------------------------------------------------------------------
// Shared lookups.

interface EntityRow {
  id: number; name: string; uscc: string; address: string; category: EntityCategory; legal_rep: string | null;
  org_id: number; org_name: string; org_code: string;
}

async function entityInScope(db: Queryable, user: AuthUser, id: number): Promise<EntityRow> {
  const e = await db.one<EntityRow>(
    `SELECT e.id, e.name, e.uscc, e.address, e.category, e.legal_rep, e.org_id, o.name AS org_name, o.code AS org_code
       FROM entities e JOIN organizations o ON o.id = e.org_id WHERE e.id = $1`, [id]);
  if (!e || !inScope(user.scope, e.org_id)) throw notFound('监管对象不存在或不在您的数据范围内');
  return e;
}

interface TaskRow {
  id: number; task_no: string; plan_id: number; plan_no: string; plan_title: string; plan_org_id: number; entity_id: number;
  due_on: string; completed_on: string | null; joint: boolean; inspector_ids: number[]; draw_id: number | null;
  superseded: boolean; visit_no: string | null; drawn_at: Date | null;
}

/** A task whose plan is in scope (else 404); locked for the visit that completes it. */
async function taskInScope(db: Queryable, user: AuthUser, id: number, lock = false): Promise<TaskRow> {
  const t = await db.one<TaskRow>(
    `SELECT t.id, t.task_no, t.plan_id, p.plan_no, p.title AS plan_title, p.org_id AS plan_org_id, t.entity_id, t.due_on, t.completed_on,
            t.joint, t.inspector_ids, t.draw_id,
            EXISTS (SELECT 1 FROM random_draws d WHERE d.id = t.draw_id AND d.superseded_at IS NOT NULL) AS superseded,
            (SELECT d.drawn_at FROM random_draws d WHERE d.id = t.draw_id) AS drawn_at,
            (SELECT v.visit_no FROM inspections v WHERE v.random_task_id = t.id ORDER BY v.id DESC LIMIT 1) AS visit_no
       FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`, [id]);
  if (!t || !inScope(user.scope, t.plan_org_id)) throw notFound('抽查任务不存在或不在您的数据范围内');
  return t;
}

function assertTaskOpen(t: TaskRow): void {
  if (t.completed_on) {
    throw conflict('TASK_COMPLETED', `该抽查任务已于${t.completed_on}完成检查${t.visit_no ? `（检查记录 ${t.visit_no}）` : ''}，不能再次记录检查`);
  }
  if (t.superseded) throw conflict('TASK_SUPERSEDED', '该抽查任务所属的抽取已作废（已重新抽取），不能记录检查');
}

/** The signed-in user's inspector record, if they are one. */
async function inspectorOf(db: Queryable, userId: number): Promise<{ id: number; org_id: number } | undefined> {
  return db.one<{ id: number; org_id: number }>('SELECT id, org_id FROM inspectors WHERE user_id = $1', [userId]);
}

interface ItemRow {
  id: number; code: string; title: string; method: string; legal_basis: BasisCite[]; provision_code: string | null;
  provision_title: string | null; random_list: boolean;
}

/**
 * The active check items that apply to an entity: of its category, on the lists of its
 * organisation and of every organisation above it (a district institute applies the
 * city's list and the items the platform ships for the root commission).
 */
async function applicableItems(db: Queryable, entity: Pick<EntityRow, 'category' | 'org_id'>, ids?: number[]): Promise<ItemRow[]> {
  return db.query<ItemRow>(
    `SELECT ci.id, ci.code, ci.title, ci.method, ci.legal_basis, ci.provision_code, p.title AS provision_title, ci.random_list
       FROM check_items ci LEFT JOIN penalty_provisions p ON p.code = ci.provision_code
      WHERE ci.active AND ci.category = $1
        AND ci.org_id IN (SELECT a.id FROM organizations o JOIN organizations a ON o.path LIKE a.path || '%' WHERE o.id = $2)
        AND ($3::int[] IS NULL OR ci.id = ANY($3::int[]))
      ORDER BY ci.random_list DESC, ci.sort_order, ci.code`, [entity.category, entity.org_id, ids ?? null]);
}

// ---------------------------------------------------------------------------------
// My tasks

interface MyTaskRow {
  id: number; task_no: string; plan_id: number; plan_no: string; plan_title: string; entity_id: number; entity_name: string;
  entity_address: string; entity_category: EntityCategory; due_on: string; joint: boolean; team: { id: number; name: string }[] | null;
}

/**
 * The signed-in inspector's open random-inspection tasks: those whose drawn team holds
 * them, and the imported tasks (no draw, no team) on the entities of their institute.
 * Not completed, not of a superseded draw; the plan and the entity in scope. Soonest due first.
 */
export async function listMyTasks(db: Queryable, user: AuthUser, q: MyTaskQuery) {
  const me = await inspectorOf(db, user.id);
  if (!me) return { rows: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
  const today = todayInChina();
  const params: unknown[] = [me.id, me.org_id, user.scope.orgIds];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = [
    't.completed_on IS NULL',
    // The team's tasks through the GIN index on inspector_ids; the imported ones through the institute's entities.
    `t.id IN (SELECT x.id FROM random_tasks x WHERE x.inspector_ids @> ARRAY[$1::int] AND x.completed_on IS NULL
              UNION ALL
              SELECT x.id FROM entities y JOIN random_tasks x ON x.entity_id = y.id
               WHERE y.org_id = $2::int AND x.draw_id IS NULL AND cardinality(x.inspector_ids) = 0 AND x.completed_on IS NULL)`,
    'p.org_id = ANY($3::int[])', 'e.org_id = ANY($3::int[])',
    'NOT EXISTS (SELECT 1 FROM random_draws d WHERE d.id = t.draw_id AND d.superseded_at IS NOT NULL)',
  ];
  if (q.q) {
    const like = p(likeContaining(q.q));
    where.push(`(e.name LIKE ${like} OR t.task_no LIKE ${like})`);
  }
  const from = `FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id JOIN entities e ON e.id = t.entity_id WHERE ${where.join(' AND ')}`;
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params))!.n;
  const rows = await db.query<MyTaskRow>(
    `SELECT t.id, t.task_no, t.plan_id, p.plan_no, p.title AS plan_title, t.entity_id, e.name AS entity_name, e.address AS entity_address,
            e.category AS entity_category, t.due_on, t.joint,
            (SELECT json_agg(json_build_object('id', i.id, 'name', i.name) ORDER BY x.n)
               FROM unnest(t.inspector_ids) WITH ORDINALITY AS x(id, n) JOIN inspectors i ON i.id = x.id) AS team
       ${from} ORDER BY t.due_on, t.id LIMIT ${p(q.pageSize)} OFFSET ${p((q.page - 1) * q.pageSize)}`, params);
  return {
    rows: rows.map((r) => ({
      id: r.id, taskNo: r.task_no, planId: r.plan_id, planNo: r.plan_no, planTitle: r.plan_title, entityId: r.entity_id, entityName: r.entity_name,
      entityAddress: r.entity_address, entityCategory: r.entity_category, entityCategoryName: ENTITY_CATEGORY_NAMES[r.entity_category] ?? r.entity_category,
      dueOn: r.due_on, overdue: r.due_on < today, joint: r.joint, team: r.team ?? [],
    })),
    total, totalCapped: false, page: q.page, pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------------------------
// The form

interface CandidateRow {
  id: number; name: string; staff_no: string; org_name: string; active: boolean; certificate_no: string | null;
  certificate_valid_to: string | null; user_id: number | null; conflict: boolean;
}

/**
 * What the phone form needs: the entity, the task, the check items that apply, and the
 * inspectors to choose from — a drawn task's team, or else the active inspectors of the
 * entity's institute and of the user's organisation (at most 200), the user first.
 */
export async function visitForm(db: Queryable, user: AuthUser, q: { taskId?: number; entityId?: number }) {
  if (q.taskId === undefined && q.entityId === undefined) throw badRequest('VISIT_ENTITY_REQUIRED', '请指定抽查任务（taskId）或监管对象（entityId）');
  const task = q.taskId !== undefined ? await taskInScope(db, user, q.taskId) : null;
  if (task) assertTaskOpen(task);
  if (task && q.entityId !== undefined && q.entityId !== task.entity_id) throw badRequest('VISIT_ENTITY_MISMATCH', '抽查任务抽中的是另一个监管对象');
  const entity = await entityInScope(db, user, task ? task.entity_id : q.entityId!);
  const today = todayInChina();
  const team = task?.inspector_ids ?? [];
  const candidates = await db.query<CandidateRow>(
    `SELECT i.id, i.name, i.staff_no, o.name AS org_name, i.active, i.certificate_no, i.certificate_valid_to, i.user_id,
            EXISTS (SELECT 1 FROM inspector_conflicts c WHERE c.inspector_id = i.id AND c.entity_id = $5 AND c.withdrawn_at IS NULL) AS conflict
       FROM inspectors i JOIN organizations o ON o.id = i.org_id
      WHERE i.org_id = ANY($1::int[])
        AND (CASE WHEN cardinality($2::int[]) > 0 THEN i.id = ANY($2::int[])
                  ELSE i.active AND (i.org_id = $3 OR i.org_id = $4 OR i.user_id = $6) END)
      ORDER BY (i.user_id IS NOT DISTINCT FROM $6) DESC, array_position($2::int[], i.id), i.name, i.id LIMIT 200`,
    [user.scope.orgIds, team, entity.org_id, user.orgId, entity.id, user.id]);
  const inspectors = candidates.map((c) => {
    const status = c.conflict ? { canEnforce: false, reason: '已申报与该监管对象存在利害关系，应当回避' } : enforcementStatus(c, today);
    return {
      id: c.id, name: c.name, staffNo: c.staff_no, orgName: c.org_name, canEnforce: status.canEnforce, ...(status.reason ? { reason: status.reason } : {}),
      inTeam: team.includes(c.id), me: c.user_id === user.id,
    };
  });
  const defaults = team.length > 0
    ? inspectors.filter((i) => i.inTeam && i.canEnforce).map((i) => i.id)
    : inspectors.filter((i) => i.me && i.canEnforce).map((i) => i.id);
  const items = await applicableItems(db, entity);
  return {
    entity: {
      id: entity.id, name: entity.name, uscc: entity.uscc, address: entity.address, category: entity.category,
      categoryName: ENTITY_CATEGORY_NAMES[entity.category] ?? entity.category, legalRep: entity.legal_rep, orgId: entity.org_id, orgName: entity.org_name,
    },
    task: task ? {
      id: task.id, taskNo: task.task_no, planNo: task.plan_no, planTitle: task.plan_title, dueOn: task.due_on, overdue: task.due_on < today,
      joint: task.joint, teamIds: team,
    } : null,
    checkItems: items.map((i) => ({
      id: i.id, code: i.code, title: i.title, method: i.method, basisText: i.legal_basis.map(shortCitation), provisionCode: i.provision_code,
      provisionTitle: i.provision_title, randomList: i.random_list,
    })),
    inspectors,
    defaultInspectorIds: defaults,
    minInspectors: { value: RULES.minInspectors.value, citation: RULES.minInspectors.citation },
    today,
  };
}

// ---------------------------------------------------------------------------------
// The record hash of a visit.

interface StoredCheckResult { itemId: number; code: string; title: string; provisionCode: string | null; outcome: CheckOutcome; note: string | null }

interface VisitHashInput {
  visit_no: string; org_id: number; entity_id: number; visited_on: string; random_task_id: number | null; campaign: string | null;
  result: string; inspector_ids: number[]; check_results: StoredCheckResult[]; findings: string | null; signatory_name: string | null;
  signed_at: Date | string | null; signature_sm3: string | null; recorded_by: number; recorded_at: Date | string;
}

const isoOf = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** The fields the visit's record hash covers, as stored. */
export function visitRecordFields(r: VisitHashInput) {
  return {
    visit_no: r.visit_no, org_id: r.org_id, entity_id: Number(r.entity_id), visited_on: r.visited_on, random_task_id: r.random_task_id,
    campaign: r.campaign, result: r.result, inspector_ids: r.inspector_ids, check_results: r.check_results, findings: r.findings,
    signatory_name: r.signatory_name, signed_at: isoOf(r.signed_at), signature_sm3: r.signature_sm3, recorded_by: r.recorded_by,
    recorded_at: isoOf(r.recorded_at),
  };
}

export const visitRecordHash = (r: VisitHashInput) => sm3(canonicalJson(visitRecordFields(r)));

interface FileRow {
  id: number; inspection_id: number; kind: 'photo' | 'signature'; title: string; file_name: string; content_type: string;
  size_bytes: number; sm3: string; storage_key: string; uploaded_by: number; uploaded_at: Date; record_hash: string;
}

/** The fields a file's record hash covers, as stored (case_evidence's, with the visit for the case). */
export function fileRecordFields(r: Omit<FileRow, 'id' | 'record_hash' | 'uploaded_at'> & { uploaded_at: Date | string }) {
  return {
    inspection_id: Number(r.inspection_id), kind: r.kind, title: r.title, file_name: r.file_name, content_type: r.content_type,
    size_bytes: Number(r.size_bytes), sm3: r.sm3, storage_key: r.storage_key, uploaded_by: r.uploaded_by, uploaded_at: isoOf(r.uploaded_at),
  };
}

export const fileRecordHash = (r: Parameters<typeof fileRecordFields>[0]) => sm3(canonicalJson(fileRecordFields(r)));

/** Moves a received file to its storage key and records its row and audit entry (inside the caller's transaction). */
async function storeFile(tx: Queryable, evidenceDir: string, actor: Actor, userId: number, visitId: number,
  f: { kind: 'photo' | 'signature'; title: string; fileName: string; contentType: string } & IncomingFile, moved: string[]): Promise<FileRow> {
  const storageKey = `inspections/${visitId}/${f.sm3}-${crypto.randomBytes(8).toString('hex')}`;
  const fields = fileRecordFields({
    inspection_id: visitId, kind: f.kind, title: f.title, file_name: f.fileName, content_type: f.contentType, size_bytes: f.sizeBytes,
    sm3: f.sm3, storage_key: storageKey, uploaded_by: userId, uploaded_at: new Date(),
  });
  const recordHash = sm3(canonicalJson(fields));
  const row = await tx.one<FileRow>(
    `INSERT INTO inspection_files (inspection_id, kind, title, file_name, content_type, size_bytes, sm3, storage_key, uploaded_by, uploaded_at, record_hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::timestamptz,$11) RETURNING *`,
    [visitId, f.kind, f.title, f.fileName, f.contentType, f.sizeBytes, f.sm3, storageKey, userId, fields.uploaded_at, recordHash]);
  moved.push(await moveIntoStore(f.tmpPath, evidenceDir, storageKey));
  await recordAudit(tx, actor, { action: 'inspection.file.add', objectType: 'inspection_file', objectId: row!.id, after: { ...fields, recordHash } });
  return row!;
}

// ---------------------------------------------------------------------------------
// Recording a visit.

/** The PNG bytes of a data URL, or a 400. */
function signaturePng(dataUrl: string): Buffer {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!m) throw badRequest('SIGNATURE_FORMAT', '签名应为 PNG 图片（data:image/png;base64,…）', { field: 'signature' });
  const bytes = Buffer.from(m[1], 'base64');
  if (bytes.length <= PNG_MAGIC.length || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw badRequest('SIGNATURE_FORMAT', '签名不是有效的 PNG 图片', { field: 'signature' });
  }
  if (bytes.length > MAX_SIGNATURE_BYTES) throw badRequest('SIGNATURE_TOO_LARGE', `签名图片不能超过${MAX_SIGNATURE_BYTES / 1024} KB`, { field: 'signature' });
  return bytes;
}

/** The China date of an instant. */
const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** What the input says before anything is read: the rules of a visit record. */
function checkInput(input: VisitInput, today: string): { campaign: string | null; signedAt: Date | null; signature: Buffer | null } {
  if (input.visitedOn > today) throw badRequest('VISIT_IN_FUTURE', '检查日期不能晚于今天', { field: 'visitedOn' });
  if (input.taskId !== null && input.kind !== 'random') throw badRequest('VISIT_KIND', '执行双随机抽查任务的检查，类型应为双随机抽查', { field: 'kind' });
  if (input.taskId === null && input.kind === 'random') throw badRequest('VISIT_TASK_REQUIRED', '双随机抽查请从“我的检查任务”选择抽查任务', { field: 'taskId' });
  if (input.taskId === null && input.entityId === null) throw badRequest('VISIT_ENTITY_REQUIRED', '请选择被检查的监管对象', { field: 'entityId' });
  if (input.kind === 'campaign' && !input.campaign) throw badRequest('CAMPAIGN_REQUIRED', '专项整治检查请填写专项整治名称', { field: 'campaign' });
  const ids = input.checkResults.map((r) => r.itemId);
  if (new Set(ids).size !== ids.length) throw badRequest('CHECK_ITEM_DUPLICATE', '同一检查事项只能填写一次结论', { field: 'checkResults' });
  const failed = input.checkResults.filter((r) => r.outcome === 'fail').length;
  if (input.result === 'non_compliant') {
    if (failed === 0) throw badRequest('FAILED_ITEM_REQUIRED', '检查结果为不合格时，至少应有一项检查事项不合格', { field: 'checkResults' });
    if (!input.findings) throw badRequest('FINDINGS_REQUIRED', '检查结果为不合格时，请填写检查发现的问题', { field: 'findings' });
  }
  if (input.result === 'compliant' && failed > 0) throw badRequest('RESULT_CONFLICT', '有检查事项不合格，检查结果不能为合格', { field: 'result' });
  const absent = (PARTY_ABSENT_RESULTS as readonly string[]).includes(input.result);
  if (!absent && !input.signatoryName) {
    throw badRequest('SIGNATORY_REQUIRED', '请填写在现场签名的当事人（负责人）姓名；当事人不在场的，检查结果应为“已关闭”或“未找到”', { field: 'signatoryName' });
  }
  if (!absent && !input.signature) throw badRequest('SIGNATURE_REQUIRED', '请当事人在签名区签名', { field: 'signature' });
  if (input.signature && !input.signatoryName) throw badRequest('SIGNATORY_REQUIRED', '有签名时请填写签名人姓名', { field: 'signatoryName' });
  const signature = input.signature ? signaturePng(input.signature) : null;
  let signedAt: Date | null = null;
  if (input.signatoryName) {
    const now = Date.now();
    signedAt = input.signedAt ? new Date(input.signedAt) : new Date(now);
    if (signedAt.getTime() > now + CLOCK_SKEW_MS) throw badRequest('SIGNED_IN_FUTURE', '签名时间不能晚于当前时间', { field: 'signedAt' });
    if (chinaDate(signedAt) < input.visitedOn) throw badRequest('SIGNED_BEFORE_VISIT', '签名时间不能早于检查日期', { field: 'signedAt' });
  }
  return { campaign: input.kind === 'campaign' ? input.campaign : null, signedAt, signature };
}

async function nextVisitNo(tx: Queryable, org: { id: number; code: string }, year: number): Promise<string> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [VISIT_NO_LOCK, org.id]);
  const numbered = (n: number) => `${org.code}检〔${year}〕${n}号`;
  const count = await tx.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM inspections WHERE org_id = $1 AND recorded_by IS NOT NULL AND extract(year FROM visited_on) = $2`, [org.id, year]);
  // Imported history may already hold a number of the series: take the next free one.
  let n = count!.n + 1;
  while (await tx.one('SELECT 1 FROM inspections WHERE visit_no = $1', [numbered(n)])) n++;
  return numbered(n);
}

/** The inspectors of a visit: able to enforce on its date (certificate), not recused, of a drawn task's team; the user among them. */
async function checkInspectors(tx: Queryable, user: AuthUser, input: VisitInput, entityId: number, task: TaskRow | null): Promise<{ absentTeamMembers: number[] }> {
  await assertCanEnforce(tx, user, input.inspectorIds, input.visitedOn);
  const rows = await tx.query<{ id: number; name: string; user_id: number | null; conflict: boolean }>(
    `SELECT i.id, i.name, i.user_id,
            EXISTS (SELECT 1 FROM inspector_conflicts c WHERE c.inspector_id = i.id AND c.entity_id = $2 AND c.withdrawn_at IS NULL) AS conflict
       FROM inspectors i WHERE i.id = ANY($1::int[])`, [input.inspectorIds, entityId]);
  const recused = rows.filter((r) => r.conflict);
  if (recused.length) {
    throw badRequest('INSPECTOR_RECUSED', `${recused.map((r) => r.name).join('、')}已申报与该监管对象存在利害关系，应当回避`, { field: 'inspectorIds' });
  }
  const team = task?.inspector_ids ?? [];
  if (team.length > 0) {
    const outside = rows.filter((r) => !team.includes(r.id));
    if (outside.length) {
      throw badRequest('VISIT_NOT_TEAM', `${outside.map((r) => r.name).join('、')}不是本抽查任务抽取的检查人员；如需调整检查组，请由抽查计划管理人员调整（须写明原因）`,
        { field: 'inspectorIds' });
    }
  } else if (task && task.draw_id !== null) {
    throw conflict('TASK_NO_TEAM', '该抽查任务尚未配齐检查人员，请先由抽查计划管理人员调整检查组');
  }
  if (!rows.some((r) => r.user_id === user.id) && !user.permissions.has('inspections.record_any')) {
    throw forbidden('只有参加本次检查的执法人员可以记录检查结果');
  }
  return { absentTeamMembers: team.filter((id) => !input.inspectorIds.includes(id)) };
}

/**
 * Records a visit in one transaction: the visit with its record hash, the signature as a
 * file, and, for a task, the task completed on the visit date with its publication
 * deadline (the configured working days after it).
 */
export async function recordVisit(ctx: Ctx, user: AuthUser, actor: Actor, input: VisitInput) {
  const today = todayInChina();
  const checked = checkInput(input, today);
  const evidenceDir = ctx.config.evidenceDir;
  const calendar = await ctx.calendar.current();
  const signature = checked.signature ? await receiveFile(evidenceDir, Readable.from([checked.signature])) : null;
  const moved: string[] = [];
  try {
    return await ctx.db.transaction(async (tx) => {
      const task = input.taskId !== null ? await taskInScope(tx, user, input.taskId, true) : null;
      if (task && input.entityId !== null && input.entityId !== task.entity_id) {
        throw badRequest('VISIT_ENTITY_MISMATCH', '抽查任务抽中的是另一个监管对象', { field: 'entityId' });
      }
      const entity = await entityInScope(tx, user, task ? task.entity_id : input.entityId!);
      if (task) assertTaskOpen(task);
      if (task?.drawn_at && input.visitedOn < chinaDate(new Date(task.drawn_at))) {
        throw badRequest('VISIT_BEFORE_DRAW', `检查日期不能早于抽取日期${chinaDate(new Date(task.drawn_at))}`, { field: 'visitedOn' });
      }
      const { absentTeamMembers } = await checkInspectors(tx, user, input, entity.id, task);

      const itemIds = input.checkResults.map((r) => r.itemId);
      const items = new Map((await applicableItems(tx, entity, itemIds)).map((i) => [i.id, i]));
      const unknown = itemIds.filter((i) => !items.has(i));
      if (unknown.length) throw badRequest('CHECK_ITEM_INVALID', '检查事项不存在、已停用或不适用于该监管对象的类别', { field: 'checkResults', itemIds: unknown });
      const checkResults: StoredCheckResult[] = input.checkResults.map((r) => {
        const i = items.get(r.itemId)!;
        return { itemId: i.id, code: i.code, title: i.title, provisionCode: i.provision_code, outcome: r.outcome, note: r.note ?? null };
      });

      const visitNo = await nextVisitNo(tx, { id: entity.org_id, code: entity.org_code }, yearOf(input.visitedOn));
      const record: VisitHashInput = {
        visit_no: visitNo, org_id: entity.org_id, entity_id: entity.id, visited_on: input.visitedOn, random_task_id: task?.id ?? null,
        campaign: checked.campaign, result: input.result, inspector_ids: input.inspectorIds, check_results: checkResults,
        findings: input.findings ?? null, signatory_name: input.signatoryName ?? null, signed_at: checked.signedAt,
        signature_sm3: signature?.sm3 ?? null, recorded_by: user.id, recorded_at: new Date(),
      };
      const fields = visitRecordFields(record);
      const recordHash = sm3(canonicalJson(fields));
      const row = await tx.one<{ id: number }>(
        `INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, random_task_id, result, inspector_ids, campaign, check_results, findings,
                                  signatory_name, signed_at, signature_sm3, recorded_by, recorded_at, record_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7::int[],$8,$9::jsonb,$10,$11,$12::timestamptz,$13,$14,$15::timestamptz,$16) RETURNING id`,
        [visitNo, entity.org_id, entity.id, input.visitedOn, record.random_task_id, input.result, input.inspectorIds, record.campaign,
          JSON.stringify(checkResults), record.findings, record.signatory_name, fields.signed_at, record.signature_sm3, user.id, fields.recorded_at, recordHash]);
      const visitId = Number(row!.id);

      if (signature) {
        await storeFile(tx, evidenceDir, actor, user.id, visitId, {
          ...signature, kind: 'signature', title: `当事人签名（${record.signatory_name}）`, fileName: `signature-${visitId}.png`, contentType: 'image/png',
        }, moved);
      }

      let publicationDue: string | null = null;
      if (task) {
        const workdays = await ruleValue<number>(tx, RULES.randomResultPublicationWorkdays.id, task.plan_org_id);
        publicationDue = computeDue(calendar, { start: input.visitedOn, amount: workdays, unit: 'workday' }).due;
        await tx.query('UPDATE random_tasks SET completed_on = $2::date, publication_due = $3::date, updated_at = now() WHERE id = $1',
          [task.id, input.visitedOn, publicationDue]);
      }
      await recordAudit(tx, actor, {
        action: 'inspection.visit.record', objectType: 'inspection', objectId: visitId,
        after: {
          ...fields, kind: input.kind, recordHash,
          ...(task ? { task: { id: task.id, taskNo: task.task_no, completedOn: input.visitedOn, publicationDue, absentTeamMembers } } : {}),
        },
      });
      await refreshCreditAfterRecord(tx, actor, entity.id, 'inspection.visit.record');
      return { id: visitId, visitNo, recordHash, taskCompleted: task !== null, publicationDue };
    });
  } catch (err) {
    for (const f of moved) await fs.promises.rm(f, { force: true });
    throw err;
  } finally {
    if (signature) await fs.promises.rm(signature.tmpPath, { force: true });
  }
}

// ---------------------------------------------------------------------------------
// Reading a visit recorded on the platform.

interface VisitRow extends Omit<VisitHashInput, 'recorded_by' | 'recorded_at'> {
  id: number; entity_name: string; kind: VisitKind; recorder_name: string | null; record_hash: string | null; case_id: number | null;
  /** Null for imported history (then so are the recorded fields). */
  recorded_by: number | null; recorded_at: Date | null;
}

/** The record hash of a visit recorded on the platform, recomputed from its row. */
const rowHash = (v: VisitRow) => visitRecordHash({ ...v, recorded_by: v.recorded_by!, recorded_at: v.recorded_at! });

/** A visit whose organisation is in scope, else 404 (as getVisit); locked when asked. */
async function visibleVisit(db: Queryable, user: AuthUser, id: number, lock = false): Promise<VisitRow> {
  const v = await db.one<VisitRow>(
    `SELECT v.id, v.visit_no, v.org_id, v.entity_id, e.name AS entity_name, v.visited_on, v.random_task_id, v.campaign, v.kind, v.result,
            v.inspector_ids, v.check_results, v.findings, v.signatory_name, v.signed_at, v.signature_sm3, v.recorded_by,
            u.display_name AS recorder_name, v.recorded_at, v.record_hash, v.case_id
       FROM inspections v JOIN entities e ON e.id = v.entity_id LEFT JOIN users u ON u.id = v.recorded_by
      WHERE v.id = $1${lock ? ' FOR UPDATE OF v' : ''}`, [id]);
  if (!v || !inScope(user.scope, v.org_id)) throw notFound('监督检查记录不存在或不在您的数据范围内');
  return { ...v, id: Number(v.id), entity_id: Number(v.entity_id) };
}

/** Why the user may not add photos to the visit now, or null. */
async function photoRefusal(db: Queryable, user: AuthUser, v: VisitRow): Promise<AppError | null> {
  if (v.recorded_by === null) return conflict('VISIT_IMPORTED', '历史导入的检查记录不能添加现场照片');
  if (v.case_id !== null) {
    const c = await db.one<{ case_no: string }>('SELECT case_no FROM penalty_cases WHERE id = $1', [v.case_id]);
    return conflict('VISIT_CASE_OPENED', `该检查记录已转为案件线索（${c?.case_no ?? ''}），请在案件中上传证据`);
  }
  if (!user.permissions.has('inspections.record')) return forbidden();
  if (user.permissions.has('inspections.record_any') || v.recorded_by === user.id) return null;
  const mine = await db.one('SELECT 1 FROM inspectors WHERE user_id = $1 AND id = ANY($2::int[])', [user.id, v.inspector_ids]);
  return mine ? null : forbidden('只有参加本次检查的执法人员可以上传现场照片');
}

/** 404 outside the scope, 409 for imported visits or once a case is opened, 403 unless one of its inspectors. */
export async function assertMayAddPhoto(db: Queryable, user: AuthUser, visitId: number): Promise<void> {
  const refusal = await photoRefusal(db, user, await visibleVisit(db, user, visitId));
  if (refusal) throw refusal;
}

export interface NewPhoto extends IncomingFile { title: string; fileName: string; contentType: string }

export async function addVisitPhoto(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor, visitId: number, photo: NewPhoto) {
  if (photo.sizeBytes === 0) throw badRequest('PHOTO_EMPTY', '照片文件为空（0字节），请重新拍摄或选择');
  const moved: string[] = [];
  try {
    const row = await db.transaction(async (tx) => {
      // Asked again under the visit's lock: a case lead may have been opened while the photo arrived.
      const refusal = await photoRefusal(tx, user, await visibleVisit(tx, user, visitId, true));
      if (refusal) throw refusal;
      return storeFile(tx, evidenceDir, actor, user.id, visitId, { ...photo, kind: 'photo' }, moved);
    });
    return (await filesOf(db, 'f.id = $1', [row.id]))[0];
  } catch (err) {
    for (const f of moved) await fs.promises.rm(f, { force: true });
    throw err;
  }
}

async function filesOf(db: Queryable, where: string, params: unknown[]) {
  const rows = await db.query<FileRow & { uploader: string }>(
    `SELECT f.*, u.display_name AS uploader FROM inspection_files f JOIN users u ON u.id = f.uploaded_by WHERE ${where} ORDER BY f.id`, params);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, fileName: r.file_name, contentType: r.content_type, sizeBytes: Number(r.size_bytes), sm3: r.sm3,
    uploadedBy: { id: r.uploaded_by, name: r.uploader }, uploadedAt: new Date(r.uploaded_at).toISOString(),
  }));
}

/** Types a browser shows without running anything (as evidence): others are sent as attachments. */
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|bmp|tiff|heic|heif))\s*(;.*)?$/i;

/** A file of a visit in scope, else 404 (also for a file of another visit). */
async function visitFileOf(db: Queryable, user: AuthUser, visitId: number, fileId: number): Promise<FileRow> {
  await visibleVisit(db, user, visitId);
  const row = await db.one<FileRow>('SELECT * FROM inspection_files WHERE id = $1 AND inspection_id = $2', [fileId, visitId]);
  if (!row) throw notFound('文件不存在或不在您的数据范围内');
  return row;
}

/**
 * Opens a file of a visit in scope for sending and logs the access (调阅记录,
 * inspection_file_access) once the file is known to be there, as case evidence does:
 * 'view' when shown inline, 'download' when sent as an attachment (asked for, or a type
 * never shown inline).
 */
export async function openVisitFile(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor,
  ids: { visitId: number; fileId: number }, requested: 'inline' | 'attachment') {
  const row = await visitFileOf(db, user, ids.visitId, ids.fileId);
  const disposition: 'inline' | 'attachment' = requested === 'inline' && INLINE_TYPES.test(row.content_type) ? 'inline' : 'attachment';
  const action = disposition === 'inline' ? 'view' : 'download';
  const file = storedPath(evidenceDir, row.storage_key);
  const handle = file ? await fs.promises.open(file, 'r').catch((err) => { if (isMissingFile(err)) return null; throw err; }) : null;
  if (!handle) throw new AppError(404, 'VISIT_FILE_MISSING', '检查记录的文件缺失，请报告');
  try {
    const { size } = await handle.stat();
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO inspection_file_access (file_id, user_id, action, client_address) VALUES ($1,$2,$3,$4)', [row.id, user.id, action, actor.ip]);
      await recordAudit(tx, actor, {
        action: `inspection.file.${action}`, objectType: 'inspection_file', objectId: row.id, after: { inspectionId: Number(row.inspection_id) },
      });
    });
    return { row, size, stream: handle.createReadStream(), disposition };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** The 调阅记录 of a file of a visit in scope: who, when, view or download, from where; the latest first. */
export async function visitFileAccessLog(db: Queryable, user: AuthUser, visitId: number, fileId: number) {
  await visitFileOf(db, user, visitId, fileId);
  const rows = await db.query<{ id: number; user_id: number; user_name: string; action: 'view' | 'download'; at: Date; client_address: string | null }>(
    `SELECT a.id, a.user_id, u.display_name AS user_name, a.action, a.at, a.client_address
       FROM inspection_file_access a JOIN users u ON u.id = a.user_id WHERE a.file_id = $1 ORDER BY a.id DESC`, [fileId]);
  return rows.map((r) => ({
    id: Number(r.id), userId: r.user_id, userName: r.user_name, action: r.action, at: new Date(r.at).toISOString(), clientAddress: r.client_address,
  }));
}

/** The audited record hash of a visit (the first 'inspection.visit.record' entry). */
async function auditedVisitHash(db: Queryable, id: number): Promise<string | null> {
  const a = await db.one<{ h: string | null }>(
    `SELECT a.after->>'recordHash' AS h FROM audit_log a
      WHERE a.object_type = 'inspection' AND a.object_id = $1 AND a.action = 'inspection.visit.record' ORDER BY a.id LIMIT 1`, [String(id)]);
  return a?.h ?? null;
}

/** The recorded part of a visit: check results, findings, signatory, signature and photos with their SM3, the case opened from it. */
export async function visitRecord(db: Queryable, user: AuthUser, id: number) {
  const v = await visibleVisit(db, user, id);
  const files = await filesOf(db, 'f.inspection_id = $1', [id]);
  const recorded = v.recorded_by !== null;
  const kase = v.case_id === null ? undefined : await db.one<{ id: number; case_no: string; state: string }>('SELECT id, case_no, state FROM penalty_cases WHERE id = $1', [v.case_id]);
  const recordIntact = recorded ? rowHash(v) === v.record_hash && (await auditedVisitHash(db, id)) === v.record_hash : null;
  return {
    id: v.id, visitNo: v.visit_no, entityId: v.entity_id, entityName: v.entity_name, visitedOn: v.visited_on, result: v.result,
    kind: v.kind, kindName: VISIT_KIND_NAMES[v.kind], campaign: v.campaign, recorded,
    checkResults: (v.check_results ?? []).map((r) => ({ ...r, outcomeName: CHECK_OUTCOME_NAMES[r.outcome] ?? r.outcome })),
    findings: v.findings, signatoryName: v.signatory_name, signedAt: isoOf(v.signed_at),
    signature: files.find((f) => f.kind === 'signature') ?? null,
    photos: files.filter((f) => f.kind === 'photo'),
    recordedBy: recorded ? { id: v.recorded_by!, name: v.recorder_name ?? '' } : null, recordedAt: recorded ? isoOf(v.recorded_at) : null,
    recordHash: v.record_hash, recordIntact,
    case: kase ? { id: kase.id, caseNo: kase.case_no, state: user.permissions.has('cases.read') ? kase.state : null } : null,
    canAddPhotos: (await photoRefusal(db, user, v)) === null,
    canOpenCase: user.permissions.has('cases.handle') && recorded && v.result === 'non_compliant' && v.case_id === null,
  };
}

// ---------------------------------------------------------------------------------
// The case lead (立案线索) opened from a non-compliant visit.

/** 案由: the provision of the first failed item that has one, else the failed items. */
function causeOf(failed: (StoredCheckResult & { provisionTitle: string | null })[]): string {
  const withProvision = failed.find((f) => f.provisionTitle);
  const cause = withProvision ? `涉嫌${withProvision.provisionTitle}` : `监督检查发现：${failed.map((f) => f.title).join('；')}`;
  return Array.from(cause).slice(0, 200).join('');
}

/** 线索情况: who visited when, each failed item with its note, legal basis and provision, and the findings. */
function factsOf(v: VisitRow, entityName: string, inspectorNames: string[], failed: (StoredCheckResult & { provisionTitle: string | null; basis: string[] })[]): string {
  const lines = [`${v.visited_on}，执法人员${inspectorNames.join('、')}对${entityName}进行现场检查（检查记录 ${v.visit_no}），下列检查事项不合格：`];
  failed.forEach((f, n) => {
    const parts = [`${n + 1}. 【${f.code}】${f.title}`];
    if (f.note) parts.push(`：${f.note}`);
    const refs = [
      ...(f.basis.length ? [`依据${f.basis.join('、')}`] : []),
      ...(f.provisionCode ? [`处罚条款 ${f.provisionCode}${f.provisionTitle ? ` ${f.provisionTitle}` : ''}`] : []),
    ];
    if (refs.length) parts.push(`（${refs.join('；')}）`);
    lines.push(parts.join(''));
  });
  if (v.findings) lines.push(`检查发现的问题：${v.findings}`);
  const text = lines.join('\n');
  return text.length > 5000 ? `${Array.from(text).slice(0, 4999).join('')}…` : text;
}

interface FileCopy { file: FileRow; incoming: IncomingFile }

/** Re-reads a visit file into the evidence directory's incoming area, hashing it; refuses unless it is the recorded file. */
async function copyChecked(evidenceDir: string, f: FileRow): Promise<IncomingFile> {
  const src = storedPath(evidenceDir, f.storage_key);
  const what = f.kind === 'signature' ? '当事人签名' : `照片“${f.title}”`;
  if (!src || fileRecordHash(f) !== f.record_hash) {
    throw conflict('VISIT_FILE_ALTERED', `检查记录的${what}登记信息被改动（记录哈希不符），不能转入案件证据，请核查`);
  }
  let incoming: IncomingFile;
  try {
    incoming = await receiveFile(evidenceDir, fs.createReadStream(src));
  } catch (err) {
    if (isMissingFile(err)) throw conflict('VISIT_FILE_MISSING', `检查记录的${what}文件缺失，不能转入案件证据，请核查`);
    throw err;
  }
  if (incoming.sm3 !== f.sm3 || incoming.sizeBytes !== Number(f.size_bytes)) {
    await fs.promises.rm(incoming.tmpPath, { force: true });
    throw conflict('VISIT_FILE_ALTERED', `检查记录的${what}与登记的 SM3 摘要不一致，不能转入案件证据，请核查`);
  }
  return incoming;
}

const EVIDENCE_TITLE_MAX = 200;
const clip = (s: string, max: number) => Array.from(s).slice(0, max).join('');

/**
 * Opens a penalty-case lead from a non-compliant visit, in one transaction: the lead
 * (source 监督检查发现, the entity as party, the failed items and findings as facts, the
 * visit date as lead date), the visit's signature and photos as the case's evidence (each
 * re-read and re-hashed first: a file whose SM3 is not the recorded one is refused), and
 * the visit marked with the case. A second call answers 409 naming the case.
 */
export async function openCaseLead(ctx: Ctx, user: AuthUser, actor: Actor, visitId: number) {
  const evidenceDir = ctx.config.evidenceDir;
  const v = await visibleVisit(ctx.db, user, visitId);
  const existing = async (caseId: number) => {
    const c = await ctx.db.one<{ case_no: string }>('SELECT case_no FROM penalty_cases WHERE id = $1', [caseId]);
    return conflict('CASE_LEAD_EXISTS', `该检查记录已转为案件线索：${c?.case_no ?? caseId}`, { caseId, caseNo: c?.case_no ?? null });
  };
  if (v.case_id !== null) throw await existing(v.case_id);
  if (v.recorded_by === null) throw conflict('VISIT_NOT_RECORDED', '历史导入的检查记录没有检查事项和问题记录，请在案件中直接登记线索');
  if (v.result !== 'non_compliant') throw conflict('VISIT_NOT_NON_COMPLIANT', '只有检查结果为不合格的检查记录可以转为案件线索');
  if (rowHash(v) !== v.record_hash) throw conflict('VISIT_RECORD_ALTERED', '检查记录与登记时的记录哈希不一致，不能转为案件线索，请核查');

  const files = await ctx.db.query<FileRow>('SELECT * FROM inspection_files WHERE inspection_id = $1 ORDER BY (kind = \'signature\') DESC, id', [visitId]);
  const copies: FileCopy[] = [];
  const moved: string[] = [];
  try {
    for (const f of files) copies.push({ file: f, incoming: await copyChecked(evidenceDir, f) });
    return await ctx.db.transaction(async (tx) => {
      const locked = await visibleVisit(tx, user, visitId, true);
      if (locked.case_id !== null) {
        const c = await tx.one<{ case_no: string }>('SELECT case_no FROM penalty_cases WHERE id = $1', [locked.case_id]);
        throw conflict('CASE_LEAD_EXISTS', `该检查记录已转为案件线索：${c?.case_no ?? locked.case_id}`, { caseId: locked.case_id, caseNo: c?.case_no ?? null });
      }
      const now = await tx.query<{ id: number }>('SELECT id FROM inspection_files WHERE inspection_id = $1 ORDER BY id', [visitId]);
      if (now.map((r) => r.id).join() !== files.map((f) => f.id).sort((a, b) => a - b).join()) {
        throw conflict('VISIT_FILES_CHANGED', '检查记录的照片刚刚有变动，请重试');
      }
      const entity = await entityInScope(tx, user, v.entity_id);
      const names = (await tx.query<{ name: string }>(
        `SELECT i.name FROM unnest($1::int[]) WITH ORDINALITY AS x(id, n) JOIN inspectors i ON i.id = x.id ORDER BY x.n`, [v.inspector_ids])).map((r) => r.name);
      const failedResults = v.check_results.filter((r) => r.outcome === 'fail');
      const details = new Map((await tx.query<{ id: number; legal_basis: BasisCite[]; provision_title: string | null }>(
        `SELECT ci.id, ci.legal_basis, p.title AS provision_title FROM check_items ci LEFT JOIN penalty_provisions p ON p.code = ci.provision_code
          WHERE ci.id = ANY($1::int[])`, [failedResults.map((f) => f.itemId)])).map((r) => [r.id, r]));
      const failed = failedResults.map((f) => {
        const d = details.get(f.itemId);
        // The provision recorded with the item at the visit; its title as the library holds it.
        return { ...f, provisionTitle: f.provisionCode && d ? d.provision_title : null, basis: (d?.legal_basis ?? []).map(shortCitation) };
      });
      const lead = await createLead(tx, user, actor, {
        orgId: v.org_id, source: 'inspection', cause: causeOf(failed), leadOn: v.visited_on, entityId: entity.id,
        partyKind: 'organisation', partyName: entity.name, partyCode: entity.uscc, partyLegalRep: entity.legal_rep, partyAddress: entity.address,
        partyPhone: null, facts: factsOf(v, entity.name, names, failed),
      });

      const evidence: { id: number; title: string; sm3: string }[] = [];
      for (const { file, incoming } of copies) {
        const title = clip(file.kind === 'signature'
          ? `现场检查当事人签名（${v.signatory_name ?? ''}，检查记录 ${v.visit_no}）`
          : `现场检查照片：${file.title}（检查记录 ${v.visit_no}）`, EVIDENCE_TITLE_MAX);
        const storageKey = `${lead.id}/${incoming.sm3}-${crypto.randomBytes(8).toString('hex')}`;
        const fields = evidenceFields({
          case_id: lead.id, kind: file.kind === 'signature' ? 'site_record' : 'photo', title, file_name: file.file_name,
          content_type: file.content_type, size_bytes: incoming.sizeBytes, sm3: incoming.sm3, storage_key: storageKey, uploaded_by: user.id,
          uploaded_at: new Date(),
        });
        const recordHash = evidenceRecordHash(fields);
        const row = await tx.one<{ id: number }>(
          `INSERT INTO case_evidence (case_id, kind, title, file_name, content_type, size_bytes, sm3, storage_key, uploaded_by, uploaded_at, record_hash)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::timestamptz,$11) RETURNING id`,
          [lead.id, fields.kind, title, fields.file_name, fields.content_type, fields.size_bytes, fields.sm3, storageKey, user.id, fields.uploaded_at, recordHash]);
        moved.push(await moveIntoStore(incoming.tmpPath, evidenceDir, storageKey));
        await recordAudit(tx, actor, {
          action: 'case.evidence.add', objectType: 'case_evidence', objectId: row!.id,
          after: { ...fields, recordHash, from: { inspectionId: visitId, inspectionFileId: file.id } },
        });
        evidence.push({ id: row!.id, title, sm3: incoming.sm3 });
      }
      await tx.query('UPDATE inspections SET case_id = $2, updated_at = now() WHERE id = $1', [visitId, lead.id]);
      await recordAudit(tx, actor, {
        action: 'inspection.case_lead', objectType: 'inspection', objectId: visitId,
        after: { caseId: lead.id, caseNo: lead.caseNo, evidence },
      });
      return { caseId: lead.id, caseNo: lead.caseNo, evidence };
    });
  } catch (err) {
    for (const f of moved) await fs.promises.rm(f, { force: true });
    throw err;
  } finally {
    for (const c of copies) await fs.promises.rm(c.incoming.tmpPath, { force: true });
  }
}

// ---------------------------------------------------------------------------------
// The calendar.

/**
 * When the working-day calendar changes, the publication deadlines of the tasks completed
 * by a visit recorded on the platform and not yet published move with it.
 */
export async function recomputePublicationDues(tx: Queryable, calendar: WorkCalendar): Promise<number> {
  const open = await tx.query<{ id: number; completed_on: string; org_id: number }>(
    `SELECT t.id, t.completed_on, p.org_id FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id
      WHERE t.completed_on IS NOT NULL AND t.published_on IS NULL
        AND EXISTS (SELECT 1 FROM inspections v WHERE v.random_task_id = t.id AND v.recorded_by IS NOT NULL)`);
  for (const t of open) {
    const workdays = await ruleValue<number>(tx, RULES.randomResultPublicationWorkdays.id, t.org_id);
    await tx.query('UPDATE random_tasks SET publication_due = $2::date WHERE id = $1',
      [t.id, computeDue(calendar, { start: t.completed_on, amount: workdays, unit: 'workday' }).due]);
  }
  return open.length;
}
