// What penalty cases ask of a user on the home page: for an inspector, each open case
// they handle with its most pressing clock (amber before the due date, red after it);
// for reviewers, legal reviewers and approvers, the cases waiting in their queue.
import type { Todo, TodoProvider } from '../home/todos';
import { PENALTY_CASE } from '../../core/procedure/penaltyCase';
import { caseProgress } from './service';
import { CASE_QUEUES } from './schema';

const CLOSED = ['not_filed', 'closed', 'archived'];
/** Cases an inspector sees on the home page at most (the case list has the rest). */
const OWN_CASES_SHOWN = 20;

async function ownCases(ctx: Parameters<TodoProvider>[0], user: Parameters<TodoProvider>[1]): Promise<Todo[]> {
  const rows = await ctx.db.query<{ id: number }>(
    `SELECT c.id FROM penalty_cases c JOIN case_inspectors ci ON ci.case_id = c.id JOIN inspectors i ON i.id = ci.inspector_id
      WHERE i.user_id = $1 AND NOT ci.recused AND c.org_id = ANY($2::int[]) AND NOT (c.state = ANY($3::text[]))
      ORDER BY c.id DESC LIMIT ${OWN_CASES_SHOWN}`, [user.id, user.scope.orgIds, CLOSED]);
  const todos: Todo[] = [];
  for (const { id } of rows) {
    // Clocks and next steps only: the case page's record and documents are not needed here.
    const { c, clocks, nextSteps } = await caseProgress(ctx, user, id);
    const running = clocks.filter((k) => !k.stoppedOn).sort((a, b) => a.due.localeCompare(b.due));
    const clock = running[0];
    const action = nextSteps.find((s) => s.mine && s.allowed);
    if (!clock && !action) continue;
    todos.push({
      id: `case.${id}`, module: 'cases',
      title: `${c.case_no} ${c.party_name}（${PENALTY_CASE.states[c.state].label}）${clock ? `：${clock.label}期限${clock.due}${clock.colour === 'red' ? '，已超期' : ''}` : ''}${action ? `，待“${action.label}”` : ''}`,
      titleEn: `${c.case_no} ${c.party_name}${clock ? `: ${clock.id} due ${clock.due}` : ''}`,
      due: clock?.due ?? null,
      severity: clock?.colour === 'red' ? 'danger' : clock?.colour === 'amber' ? 'warning' : 'info',
      link: `/cases/${id}`, ...(clock ? { citation: clock.citation } : {}),
    });
  }
  return todos;
}

export const caseTodos: TodoProvider = async (ctx, user) => {
  const todos = user.permissions.has('cases.handle') ? await ownCases(ctx, user) : [];
  for (const [id, q] of Object.entries(CASE_QUEUES)) {
    if (!user.permissions.has(q.permission)) continue;
    const row = await ctx.db.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM penalty_cases WHERE org_id = ANY($1::int[]) AND state = ANY($2::text[])', [user.scope.orgIds, q.states]);
    if (row && row.n > 0) {
      todos.push({ id: `cases.queue.${id}`, module: 'cases', title: `${q.name}：${row.n}件案件`, titleEn: `${q.nameEn}: ${row.n} cases`, due: null, severity: 'info', link: `/cases?queue=${id}` });
    }
  }
  return todos;
};
