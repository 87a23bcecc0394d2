// What matters ask of a user on the home page: per kind the user handles, the matters
// waiting on their unit (red when the main clock has run out, amber when it runs out
// within the amber days), and the matters assigned to them personally. A matter waiting
// on someone else (a third party's view, the court's hearing) is not a to-do. Approvers get
// the extensions asked for; the body a petition's review went up to gets the review
// (awaiting.ts). The demo leader, who only approves, has none until a handler asks.
import type { Todo, TodoProvider } from '../home/todos';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import { MATTER_KINDS, type MatterKind } from '../../core/matters/clocks';
import { ruleValue } from '../rules/service';
import { specOf } from './service';
import { coOpinionTodos } from './coHandlers';
import { extensionTodos, reviewTodos } from './awaiting';

/** The states in which a matter waits on the unit handling it. */
const ACTION_STATES: Record<MatterKind, string[]> = {
  hotline: ['received', 'replied'],
  // A review (re-review) waits on the body one level up: reviewTodos.
  petition: ['registered', 'accepted'],
  disclosure: ['received'],
  mediation: ['reported', 'accepted'],
  reconsideration: ['received', 'decided'],
  litigation: ['received', 'judged'],
  proposal: ['assigned'],
};
/** Routed complaints wait on the receiving unit (complaints.handle), found by handler_org_id. */
const COMPLAINT_STATES = ['routed', 'verifying'];

interface Counts { n: number; red: number; amber: number; first_due: string | null }

async function counts(ctx: Parameters<TodoProvider>[0], kind: MatterKind, orgColumn: 'org_id' | 'handler_org_id', orgIds: number[], states: string[], today: string, amberUntil: string): Promise<Counts> {
  return (await ctx.db.one<Counts>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE due_on < $4::date)::int AS red,
            count(*) FILTER (WHERE due_on >= $4::date AND due_on <= $5::date)::int AS amber, min(due_on) AS first_due
       FROM matters WHERE kind = $1 AND ${orgColumn} = ANY($2::int[]) AND state = ANY($3::text[]) AND concluded_on IS NULL`,
    [kind, orgIds, states, today, amberUntil]))!;
}

function todoOf(kind: MatterKind, c: Counts, what: string, link: string): Todo {
  const spec = specOf(kind);
  return {
    id: `matters.${kind}.${what}`, module: 'matters',
    title: `${spec.label}待办：${c.n}件${c.red ? `，其中${c.red}件已超过期限` : ''}${c.amber ? `，${c.amber}件临近期限` : ''}`,
    titleEn: `${kind} to handle: ${c.n}${c.red ? `, ${c.red} overdue` : ''}${c.amber ? `, ${c.amber} due soon` : ''}`,
    due: c.first_due, severity: c.red ? 'danger' : c.amber ? 'warning' : 'info', link,
  };
}

export const matterTodos: TodoProvider = async (ctx, user) => {
  const today = todayInChina();
  const amberUntil = addDays(today, await ruleValue<number>(ctx.db, RULES.clockAmberDays.id, user.orgId));
  const todos: Todo[] = [];
  for (const kind of MATTER_KINDS) {
    if (!user.permissions.has(specOf(kind).handlePermission as never)) continue;
    const c = await counts(ctx, kind, 'org_id', user.scope.orgIds, ACTION_STATES[kind], today, amberUntil);
    if (c.n > 0) todos.push(todoOf(kind, c, 'open', `/matters/${kind}?clock=open`));
  }
  if (user.permissions.has('complaints.handle' as never)) {
    const c = await counts(ctx, 'hotline', 'handler_org_id', user.scope.orgIds, COMPLAINT_STATES, today, amberUntil);
    if (c.n > 0) todos.push({ ...todoOf('hotline', c, 'routed', '/matters/hotline?clock=open'), title: `转办的热线工单（投诉举报等）待核查答复：${c.n}件${c.red ? `，其中${c.red}件已超过期限` : ''}` });
  }
  if (user.permissions.has('litigation.handle' as never)) {
    const c = await ctx.db.one<{ n: number; red: number; first_due: string | null }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE due_on < $2::date)::int AS red, min(due_on) AS first_due
         FROM oversight_suggestions WHERE org_id = ANY($1::int[]) AND answered_on IS NULL`, [user.scope.orgIds, today]);
    if (c && c.n > 0) {
      todos.push({
        id: 'matters.suggestions.open', module: 'matters', title: `司法建议、检察建议待答复：${c.n}件${c.red ? `，其中${c.red}件已超过答复期限` : ''}`,
        titleEn: `Judicial and procuratorial suggestions to answer: ${c.n}`, due: c.first_due, severity: c.red ? 'danger' : 'warning', link: '/matters/suggestions?open=1',
      });
    }
  }
  if (user.permissions.has('matters.approve' as never)) todos.push(...await extensionTodos(ctx, user.scope.orgIds, today, amberUntil));
  if (user.permissions.has('petitions.handle' as never)) todos.push(...await reviewTodos(ctx, user.scope.orgIds, today, amberUntil));
  // Proposals the user's unit co-handles and owes its opinion on (the co-handling period's clock).
  todos.push(...await coOpinionTodos(ctx, user));
  const mine = await ctx.db.query<{ kind: MatterKind; n: number; red: number; first_due: string | null }>(
    `SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE due_on < $2::date)::int AS red, min(due_on) AS first_due
       FROM matters WHERE assignee_id = $1 AND concluded_on IS NULL GROUP BY kind ORDER BY kind`, [user.id, today]);
  for (const r of mine) {
    todos.push({
      id: `matters.${r.kind}.mine`, module: 'matters', title: `分派给我的${specOf(r.kind).label}：${r.n}件${r.red ? `，其中${r.red}件已超过期限` : ''}`,
      titleEn: `${r.kind} assigned to me: ${r.n}`, due: r.first_due, severity: r.red ? 'danger' : 'info', link: `/matters/${r.kind}?mine=1`,
    });
  }
  return todos;
};
