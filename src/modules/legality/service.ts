// The legality register's business actions: register an item submitted for (or owing) a
// legality review, edit its particulars, record its steps — review completed with its
// result and opinion, fair-competition review, adoption, issue with its document number,
// clean-up (one document or a batch) — and delete an item nothing has happened to yet.
// Each action is one transaction ending with its audit entry; records of organisations
// outside the caller's scope answer 404. Whatever a step changes, the whole item is
// checked again (checks.ts): dates that cannot be are refused, lapses of procedure (an
// item adopted without review) are recorded and warned about.
import type { Queryable } from '../../platform/db';
import type { AppContext } from '../../platform/http/types';
import type { Actor, AuthUser } from '../../platform/access/user';
import { assertInScope, inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, notFound } from '../../platform/http/errors';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { workdaysBetween } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { ruleValue } from '../rules/service';
import { assertConsistent, warningsOf, type ItemState, type ReviewLimits } from './checks';
import {
  CLEANUP_ACTIONS, FINAL_CLEANUP, ITEM_KINDS, REVIEW_RESULTS, STATUSES,
  type CleanupAction, type ItemInput, type ItemStatus, type ReviewResult,
} from './schema';

export interface ItemRow extends ItemState {
  id: number; item_no: string; org_id: number; org_name: string; title: string; drafting_unit: string | null;
  review_opinion: string | null; cleanup_batch: string | null; status: ItemStatus; source: 'platform' | 'import';
  created_at: Date; updated_at: Date;
}

export const ITEM_SELECT = `SELECT i.*, o.name AS org_name FROM legality_items i JOIN organizations o ON o.id = i.org_id`;

/** The review times the rules give for an organisation (cached per request by the caller's map). */
export async function reviewLimits(db: Queryable, orgId: number, cache = new Map<number, ReviewLimits>()): Promise<ReviewLimits> {
  const hit = cache.get(orgId);
  if (hit) return hit;
  const limits: ReviewLimits = {
    majorDecisionMin: await ruleValue<number>(db, RULES.legalityMajorDecisionReviewMin.id, orgId),
    normativeDocMin: await ruleValue<number>(db, RULES.legalityNormativeDocReviewMin.id, orgId),
    normativeDocMax: await ruleValue<number>(db, RULES.legalityNormativeDocReviewMax.id, orgId),
  };
  cache.set(orgId, limits);
  return limits;
}

/** Nothing after submission is recorded: the item may still be deleted. */
const deletable = (r: ItemRow) => !r.reviewed_on && !r.fair_competition_reviewed_on && !r.adopted_on && !r.issued_on && !r.cleaned_on;

/** An item as the API shows it, with its warnings. */
export function viewOf(r: ItemRow, calendar: WorkCalendar, limits: ReviewLimits) {
  return {
    id: Number(r.id), itemNo: r.item_no, orgId: r.org_id, orgName: r.org_name, kind: r.kind, kindName: ITEM_KINDS[r.kind], title: r.title,
    draftingUnit: r.drafting_unit, submittedOn: r.submitted_on, reviewedOn: r.reviewed_on, reviewResult: r.review_result,
    reviewResultName: r.review_result ? REVIEW_RESULTS[r.review_result] : null, reviewOpinion: r.review_opinion,
    reviewWorkdays: r.submitted_on && r.reviewed_on ? workdaysBetween(calendar, r.submitted_on, r.reviewed_on) : null,
    touchesMarket: r.touches_market, fairCompetitionReviewedOn: r.fair_competition_reviewed_on, fairCompetitionPassed: r.fair_competition_passed,
    adoptedOn: r.adopted_on, docNumber: r.doc_number, issuedOn: r.issued_on,
    cleanedOn: r.cleaned_on, cleanupAction: r.cleanup_action, cleanupActionName: r.cleanup_action ? CLEANUP_ACTIONS[r.cleanup_action] : null, cleanupBatch: r.cleanup_batch,
    status: r.status, statusName: STATUSES[r.status], source: r.source, deletable: deletable(r),
    warnings: warningsOf(r, calendar, limits),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type ItemView = ReturnType<typeof viewOf>;

async function lockedItem(tx: Queryable, user: AuthUser, id: number): Promise<ItemRow> {
  const row = await tx.one<ItemRow>(`${ITEM_SELECT} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
  if (!row || !inScope(user.scope, row.org_id)) throw notFound('合法性审查事项不存在或不在您的数据范围内');
  return row;
}

export async function visibleItem(db: Queryable, user: AuthUser, id: number): Promise<ItemRow> {
  const row = await db.one<ItemRow>(`${ITEM_SELECT} WHERE i.id = $1`, [id]);
  if (!row || !inScope(user.scope, row.org_id)) throw notFound('合法性审查事项不存在或不在您的数据范围内');
  return row;
}

export async function getItem(ctx: AppContext, user: AuthUser, id: number): Promise<ItemView> {
  const row = await visibleItem(ctx.db, user, id);
  return viewOf(row, await ctx.calendar.current(), await reviewLimits(ctx.db, row.org_id));
}

/** The next free HFX-<year>-NNNN (per year; the caller holds the numbering lock). */
async function nextItemNo(tx: Queryable, year: number): Promise<string> {
  const prefix = `HFX-${year}-`;
  const row = await tx.one<{ n: number }>(
    `SELECT coalesce(max(substring(item_no FROM ${prefix.length + 1})::int), 0)::int + 1 AS n
       FROM legality_items WHERE item_no LIKE $1 AND substring(item_no FROM ${prefix.length + 1}) ~ '^[0-9]{1,9}$'`, [`${prefix}%`]);
  return `${prefix}${String(row!.n).padStart(4, '0')}`;
}
/** Serialises the generation of item numbers. */
const NUMBERING_LOCK = 727_031;

const EMPTY_STEPS = {
  reviewed_on: null, review_result: null, fair_competition_reviewed_on: null, fair_competition_passed: null,
  adopted_on: null, doc_number: null, issued_on: null, cleaned_on: null, cleanup_action: null,
} as const;

export async function createItem(ctx: AppContext, user: AuthUser, actor: Actor, input: ItemInput, source: 'platform' | 'import' = 'platform') {
  assertInScope(user.scope, input.orgId);
  assertConsistent({ kind: input.kind, submitted_on: input.submittedOn, touches_market: input.touchesMarket, ...EMPTY_STEPS }, todayInChina());
  const id = await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [NUMBERING_LOCK]);
    let itemNo = input.itemNo;
    if (itemNo) {
      if (await tx.one('SELECT 1 FROM legality_items WHERE item_no = $1', [itemNo])) throw conflict('ITEM_NO_TAKEN', `编号${itemNo}已被使用`, { field: 'itemNo' });
    } else {
      itemNo = await nextItemNo(tx, yearOf(input.submittedOn ?? todayInChina()));
    }
    const row = await tx.one<{ id: number }>(
      `INSERT INTO legality_items (item_no, org_id, kind, title, drafting_unit, touches_market, submitted_on, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [itemNo, input.orgId, input.kind, input.title, input.draftingUnit, input.touchesMarket, input.submittedOn, source, user.id]);
    await recordAudit(tx, actor, { action: 'legality.create', objectType: 'legality_item', objectId: row!.id, after: { ...input, itemNo } });
    return Number(row!.id);
  });
  return getItem(ctx, user, id);
}

/** Edits the particulars (organisation, number, kind, title, drafting unit, market flag, submission date). */
export async function updateItem(ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: ItemInput) {
  await ctx.db.transaction(async (tx) => {
    const before = await lockedItem(tx, user, id);
    assertInScope(user.scope, input.orgId);
    const itemNo = input.itemNo ?? before.item_no;
    if (itemNo !== before.item_no && await tx.one('SELECT 1 FROM legality_items WHERE item_no = $1', [itemNo])) {
      throw conflict('ITEM_NO_TAKEN', `编号${itemNo}已被使用`, { field: 'itemNo' });
    }
    assertConsistent({ ...before, kind: input.kind, touches_market: input.touchesMarket, submitted_on: input.submittedOn }, todayInChina());
    await tx.query(
      `UPDATE legality_items SET org_id = $2, item_no = $3, kind = $4, title = $5, drafting_unit = $6, touches_market = $7, submitted_on = $8, updated_at = now()
        WHERE id = $1`, [id, input.orgId, itemNo, input.kind, input.title, input.draftingUnit, input.touchesMarket, input.submittedOn]);
    await recordAudit(tx, actor, {
      action: 'legality.update', objectType: 'legality_item', objectId: id,
      before: { orgId: before.org_id, itemNo: before.item_no, kind: before.kind, title: before.title, draftingUnit: before.drafting_unit, touchesMarket: before.touches_market, submittedOn: before.submitted_on },
      after: { ...input, itemNo },
    });
  });
  return getItem(ctx, user, id);
}

export async function deleteItem(ctx: AppContext, user: AuthUser, actor: Actor, id: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await lockedItem(tx, user, id);
    if (!deletable(before)) throw conflict('ITEM_HAS_STEPS', '已登记审查、公平竞争审查、通过或公布情况的事项不能删除');
    await tx.query('DELETE FROM legality_items WHERE id = $1', [id]);
    await recordAudit(tx, actor, { action: 'legality.delete', objectType: 'legality_item', objectId: id, before: viewBasics(before) });
  });
  return { ok: true as const };
}

const viewBasics = (r: ItemRow) => ({ itemNo: r.item_no, orgId: r.org_id, kind: r.kind, title: r.title, submittedOn: r.submitted_on });

type Patch = Partial<Pick<ItemRow, 'reviewed_on' | 'review_result' | 'review_opinion' | 'fair_competition_reviewed_on' | 'fair_competition_passed'
  | 'adopted_on' | 'doc_number' | 'issued_on' | 'cleaned_on' | 'cleanup_action' | 'cleanup_batch'>>;
const PATCH_COLUMNS = ['reviewed_on', 'review_result', 'review_opinion', 'fair_competition_reviewed_on', 'fair_competition_passed',
  'adopted_on', 'doc_number', 'issued_on', 'cleaned_on', 'cleanup_action', 'cleanup_batch'] as const;

/** Applies one step's columns to a locked item: the whole item checked again, then written and audited. */
async function applyStep(tx: Queryable, actor: Actor, row: ItemRow, action: string, patch: Patch, guard?: (row: ItemRow) => void): Promise<void> {
  guard?.(row);
  assertConsistent({ ...row, ...patch }, todayInChina());
  const cols = PATCH_COLUMNS.filter((c) => c in patch);
  await tx.query(`UPDATE legality_items SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [row.id, ...cols.map((c) => patch[c])]);
  await recordAudit(tx, actor, {
    action, objectType: 'legality_item', objectId: row.id,
    before: Object.fromEntries(cols.map((c) => [c, row[c]])), after: patch,
  });
}

async function step(ctx: AppContext, user: AuthUser, actor: Actor, id: number, action: string, patch: Patch, guard?: (row: ItemRow) => void) {
  await ctx.db.transaction(async (tx) => applyStep(tx, actor, await lockedItem(tx, user, id), action, patch, guard));
  return getItem(ctx, user, id);
}

/** 审查完成: date, result (合法 / 修改后通过 / 不合法) and opinion. Recording it again corrects it. */
export const recordReview = (ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: { reviewedOn: string; result: ReviewResult; opinion: string | null }) =>
  step(ctx, user, actor, id, 'legality.review', { reviewed_on: input.reviewedOn, review_result: input.result, review_opinion: input.opinion });

export const recordFairCompetition = (ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: { reviewedOn: string; passed: boolean }) =>
  step(ctx, user, actor, id, 'legality.fair_competition', { fair_competition_reviewed_on: input.reviewedOn, fair_competition_passed: input.passed });

/** 通过/签发: recorded even without a completed review (then warned: 未经合法性审查即通过). */
export const recordAdoption = (ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: { adoptedOn: string }) =>
  step(ctx, user, actor, id, 'legality.adopt', { adopted_on: input.adoptedOn });

export const recordIssue = (ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: { issuedOn: string; docNumber: string | null }) =>
  step(ctx, user, actor, id, 'legality.issue', { issued_on: input.issuedOn, doc_number: input.docNumber });

export interface CleanupInput { cleanedOn: string; action: CleanupAction; batch: string | null }

/** A document repealed or declared invalid is cleaned no more; a later clean-up comes after the earlier one. */
function cleanupGuard(input: CleanupInput) {
  return (row: ItemRow) => {
    if (row.cleanup_action && FINAL_CLEANUP.includes(row.cleanup_action)) {
      throw conflict('ALREADY_REPEALED', `《${row.title}》已于${row.cleaned_on}${CLEANUP_ACTIONS[row.cleanup_action]}，不能再次清理`);
    }
    if (row.cleaned_on && input.cleanedOn < row.cleaned_on) {
      throw conflict('CLEANUP_BEFORE_LAST', `《${row.title}》上次清理日期为${row.cleaned_on}，本次清理日期不能更早`, { field: 'cleanedOn' });
    }
  };
}
const cleanupPatch = (input: CleanupInput): Patch => ({ cleaned_on: input.cleanedOn, cleanup_action: input.action, cleanup_batch: input.batch });

export const recordCleanup = (ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: CleanupInput) =>
  step(ctx, user, actor, id, 'legality.cleanup', cleanupPatch(input), cleanupGuard(input));

/** One clean-up decision over several documents: all of them or none (the first refusal names the document). */
export async function batchCleanup(ctx: AppContext, user: AuthUser, actor: Actor, input: CleanupInput & { ids: number[] }) {
  const ids = [...new Set(input.ids)];
  await ctx.db.transaction(async (tx) => {
    for (const id of ids) {
      const row = await lockedItem(tx, user, id);
      try {
        await applyStep(tx, actor, row, 'legality.cleanup', cleanupPatch(input), cleanupGuard(input));
      } catch (e) {
        if (e instanceof Error && 'status' in e && !e.message.includes(row.title)) e.message = `《${row.title}》：${e.message}`;
        throw e;
      }
    }
  });
  return { ok: true as const, count: ids.length };
}
