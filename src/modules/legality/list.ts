// Lists and Excel exports of the legality register: search (title, document number, item
// number), filters (kind, organisation and everything under it, status, a date range on
// the chosen step's date, "adopted without review", "issued without fair-competition
// review", market-touching, of a mandatory kind, clean-up result), pagination. Every query
// stays inside the caller's scope.
//
// The dashboard and the annual report open this list from a figure (web/lib/recordLinks.ts)
// with the period on the date the figure reads (dateField) and the organisation subtree,
// so the list shows the figure's records: normative_docs.issued (issued), .cleaned
// (cleaned, not_retained), review.fair_competition_rate's base (issued, market-touching),
// review.coverage's items (adopted, mandatory). The fourth kind review.coverage counts, the
// major enforcement decisions, are penalty cases: the list of the items adopted in a
// period says how many of those the period holds (majorEnforcementDecisions), counted as
// modules/legality/metrics.ts counts them, so the page can show the figure's whole base.
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/http/types';
import type { AuthUser } from '../../platform/access/user';
import { likeContaining } from '../../platform/db/like';
import type { ReviewLimits } from './checks';
import { ITEM_SELECT, reviewLimits, viewOf, type ItemRow } from './service';
import { CLEANUP_ACTIONS, DATE_FIELDS, MANDATORY_KINDS, type ListFilters, type ListQuery } from './schema';

export const EXPORT_MAX_ROWS = 100_000;

const MANDATORY = MANDATORY_KINDS.map((k) => `'${k}'`).join(', ');
/** An item of a mandatory kind adopted without a legality review completed by the day of adoption. */
export const UNREVIEWED_SQL = `(i.kind IN (${MANDATORY}) AND i.adopted_on IS NOT NULL AND NOT coalesce(i.reviewed_on <= i.adopted_on, false))`;
/** A market-touching item issued without passing a fair-competition review on or before issue. */
export const NO_FAIR_COMPETITION_SQL = `(i.touches_market AND i.issued_on IS NOT NULL
  AND NOT (coalesce(i.fair_competition_passed, false) AND coalesce(i.fair_competition_reviewed_on <= i.issued_on, false)))`;

function whereOf(user: AuthUser, f: ListFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const where = ['i.org_id = ANY($1::int[])'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.q) add((n) => `(i.title || ' ' || i.item_no || ' ' || coalesce(i.doc_number, '')) LIKE $${n}`, likeContaining(f.q));
  if (f.kind) add((n) => `i.kind = $${n}`, f.kind);
  if (f.status) add((n) => `i.status = $${n}`, f.status);
  if (f.orgId) add((n) => `i.org_id IN (SELECT c.id FROM organizations c JOIN organizations r ON r.id = $${n} AND c.path LIKE r.path || '%')`, f.orgId);
  const column = DATE_FIELDS[f.dateField ?? 'submitted'];
  if (f.from) add((n) => `i.${column} >= $${n}::date`, f.from);
  if (f.to) add((n) => `i.${column} <= $${n}::date`, f.to);
  if (f.unreviewed) where.push(UNREVIEWED_SQL);
  if (f.noFairCompetition) where.push(NO_FAIR_COMPETITION_SQL);
  if (f.touchesMarket) where.push('i.touches_market');
  if (f.mandatory) where.push(`i.kind IN (${MANDATORY})`);
  if (f.cleanupAction === 'not_retained') add((n) => `i.cleanup_action = ANY($${n}::text[])`, NOT_RETAINED);
  else if (f.cleanupAction) add((n) => `i.cleanup_action = $${n}`, f.cleanupAction);
  return { where: where.join(' AND '), params };
}

/** Clean-up results other than 继续有效 (metrics.ts CLEANED_ACTIONS). */
const NOT_RETAINED = Object.keys(CLEANUP_ACTIONS).filter((a) => a !== 'retained');

/**
 * The major enforcement decisions review.coverage counts beside the items adopted: penalty
 * decisions (with a sanction) marked major, decided in the period, of the caller's scope
 * and the organisation chosen (with everything under it). Null unless the list shows the
 * items of the mandatory kinds adopted in a period (the figure's records).
 */
async function majorEnforcementDecisions(ctx: AppContext, user: AuthUser, f: ListFilters): Promise<number | null> {
  if (!f.mandatory || f.dateField !== 'adopted' || f.kind) return null;
  const params: unknown[] = [user.scope.orgIds];
  const where = ['c.org_id = ANY($1::int[])', 'c.decided_on IS NOT NULL', 'cardinality(c.decided_sanctions) > 0', 'c.major_decision'];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.orgId) add((n) => `c.org_id IN (SELECT x.id FROM organizations x JOIN organizations r ON r.id = $${n} AND x.path LIKE r.path || '%')`, f.orgId);
  if (f.from) add((n) => `c.decided_on >= $${n}::date`, f.from);
  if (f.to) add((n) => `c.decided_on <= $${n}::date`, f.to);
  const row = await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM penalty_cases c WHERE ${where.join(' AND ')}`, params);
  return row!.n;
}

async function viewsOf(ctx: AppContext, rows: ItemRow[]) {
  const calendar = await ctx.calendar.current();
  const cache = new Map<number, ReviewLimits>();
  const out = [];
  for (const r of rows) out.push(viewOf(r, calendar, await reviewLimits(ctx.db, r.org_id, cache)));
  return out;
}

export async function listItems(ctx: AppContext, user: AuthUser, q: ListQuery) {
  const { where, params } = whereOf(user, q);
  const total = await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM legality_items i WHERE ${where}`, params);
  const rows = await ctx.db.query<ItemRow>(`${ITEM_SELECT} WHERE ${where} ORDER BY i.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  return {
    rows: await viewsOf(ctx, rows), total: total!.n, totalCapped: false, page: q.page, pageSize: q.pageSize,
    majorEnforcementDecisions: await majorEnforcementDecisions(ctx, user, q),
  };
}

const EXPORT_COLUMNS = ['编号', '机构', '类型', '标题', '起草单位', '报送审查日期', '审查完成日期', '审查结论', '审查工作日', '涉及市场主体经济活动',
  '公平竞争审查日期', '公平竞争审查结论', '通过（签发）日期', '文号', '公布（印发）日期', '清理日期', '清理结果', '清理批次', '状态', '提示'];

export async function exportItems(ctx: AppContext, user: AuthUser, f: ListFilters): Promise<Buffer> {
  const { where, params } = whereOf(user, f);
  const rows = await ctx.db.query<ItemRow>(`${ITEM_SELECT} WHERE ${where} ORDER BY i.id DESC LIMIT ${EXPORT_MAX_ROWS}`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(f.kind === 'normative_doc' ? '行政规范性文件' : '合法性审查');
  ws.addRow(EXPORT_COLUMNS).font = { bold: true };
  for (const v of await viewsOf(ctx, rows)) {
    ws.addRow([v.itemNo, v.orgName, v.kindName, v.title, v.draftingUnit ?? '', v.submittedOn ?? '', v.reviewedOn ?? '', v.reviewResultName ?? '', v.reviewWorkdays ?? '',
      v.touchesMarket ? '是' : '否', v.fairCompetitionReviewedOn ?? '', v.fairCompetitionPassed === null ? '' : v.fairCompetitionPassed ? '通过' : '未通过',
      v.adoptedOn ?? '', v.docNumber ?? '', v.issuedOn ?? '', v.cleanedOn ?? '', v.cleanupActionName ?? '', v.cleanupBatch ?? '', v.statusName,
      v.warnings.map((w) => w.message).join('；')]);
  }
  EXPORT_COLUMNS.forEach((_, i) => { ws.getColumn(i + 1).width = i === 3 ? 40 : i === 19 ? 40 : 14; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
