// What waits on someone other than the unit handling a matter: an extension the handler
// asked for, waiting for the head's approval (matters.approve, within scope), and a
// petition's review (re-review) waiting for the body one level up (review_org_id; the
// answering body itself when the higher body is not on the platform). The home page's
// to-do list and the lists' "awaiting" filter read the same conditions.
import type { Todo, TodoProvider } from '../home/todos';
import { MATTER_CLOCKS, MATTER_KINDS, type MatterKind } from '../../core/matters/clocks';
import { specOf } from './service';

/** An extension asked for and not yet decided (details.extensionRequest; the partial index of migration 0037). */
export const EXTENSION_REQUESTED = `jsonb_typeof(m.details -> 'extensionRequest') = 'object' AND m.concluded_on IS NULL`;

/** A petition's review or re-review waiting for the body whose organisation is in the array parameter `orgIds`. */
export const reviewAwaitingBody = (orgIds: string) =>
  `m.kind = 'petition' AND m.state IN ('review_requested', 're_review_requested') AND coalesce(m.review_org_id, m.org_id) = ANY(${orgIds}::int[])`;

/** When the review (re-review) must be answered, as kept by its request step. */
const REVIEW_DUE = `(CASE m.state WHEN 'review_requested' THEN m.details ->> 'reviewDueOn' ELSE m.details ->> 'reReviewDueOn' END)::date`;

interface Counts { n: number; red: number; amber: number; first_due: string | null }

const tail = (c: Counts, late: string) => `${c.red ? `，其中${c.red}件${late}` : ''}${c.amber ? `，${c.amber}件临近期限` : ''}`;

/** Extensions asked for in the approver's scope, per kind. */
export async function extensionTodos(ctx: Parameters<TodoProvider>[0], orgIds: number[], today: string, amberUntil: string): Promise<Todo[]> {
  const rows = await ctx.db.query<Counts & { kind: MatterKind }>(
    `SELECT m.kind, count(*)::int AS n, count(*) FILTER (WHERE m.due_on < $2::date)::int AS red,
            count(*) FILTER (WHERE m.due_on >= $2::date AND m.due_on <= $3::date)::int AS amber, min(m.due_on) AS first_due
       FROM matters m WHERE m.org_id = ANY($1::int[]) AND ${EXTENSION_REQUESTED} GROUP BY m.kind`, [orgIds, today, amberUntil]);
  return MATTER_KINDS.flatMap((kind) => rows.filter((r) => r.kind === kind)).map((c) => ({
    id: `matters.${c.kind}.extension`, module: 'matters',
    title: `${specOf(c.kind).label}延长期限申请待审批：${c.n}件${tail(c, '原期限已届满')}`,
    titleEn: `${c.kind} extensions to approve: ${c.n}`,
    // Before the period it would extend runs out.
    due: c.first_due, severity: c.red ? 'danger' : 'warning', link: `/matters/${c.kind}?awaiting=extension`,
  } satisfies Todo));
}

/** Reviews and re-reviews the user's body answers, each with its 30-day clock. */
export async function reviewTodos(ctx: Parameters<TodoProvider>[0], orgIds: number[], today: string, amberUntil: string): Promise<Todo[]> {
  const rows = await ctx.db.query<Counts & { state: string }>(
    `SELECT m.state, count(*)::int AS n, count(*) FILTER (WHERE ${REVIEW_DUE} < $2::date)::int AS red,
            count(*) FILTER (WHERE ${REVIEW_DUE} >= $2::date AND ${REVIEW_DUE} <= $3::date)::int AS amber, min(${REVIEW_DUE})::text AS first_due
       FROM matters m WHERE ${reviewAwaitingBody('$1')} GROUP BY m.state ORDER BY m.state DESC`, [orgIds, today, amberUntil]);
  return rows.map((c) => {
    const what = c.state === 'review_requested' ? '复查' : '复核';
    return {
      id: `matters.petition.${c.state === 'review_requested' ? 'review' : 're_review'}`, module: 'matters',
      title: `${what}申请待办理：${c.n}件${tail(c, '已超过期限')}`,
      titleEn: `Petition ${c.state === 'review_requested' ? 'reviews' : 're-reviews'} to answer: ${c.n}`,
      due: c.first_due, severity: c.red ? 'danger' : c.amber ? 'warning' : 'info', link: '/matters/petition?awaiting=review',
      citation: MATTER_CLOCKS.petition.reviewAnswer.citation,
    } satisfies Todo;
  });
}
