// What penalty cases ask of a user on the home page: for an inspector, each open case
// they handle with its most pressing clock (amber before the due date, red after it);
// for reviewers, legal reviewers and approvers, the cases waiting in their queue. A case
// whose decision was corrected on reconsideration or in court with something left to do
// (a fine to return, remedies, a duty ordered; corrections.ts) asks its inspectors until
// they record what was done.
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

async function correctionFollowUps(ctx: Parameters<TodoProvider>[0], user: Parameters<TodoProvider>[1]): Promise<Todo[]> {
  const rows = await ctx.db.query<{ id: number; case_id: number; case_no: string; party_name: string; matter_no: string; follow_up: string; citation: string }>(
    `SELECT x.id, x.case_id, c.case_no, c.party_name, x.matter_no, x.follow_up, x.citation
       FROM case_corrections x JOIN penalty_cases c ON c.id = x.case_id
      WHERE x.follow_up IS NOT NULL AND x.followed_up_on IS NULL AND c.org_id = ANY($2::int[])
        AND EXISTS (SELECT 1 FROM case_inspectors ci JOIN inspectors i ON i.id = ci.inspector_id WHERE ci.case_id = c.id AND NOT ci.recused AND i.user_id = $1)
      ORDER BY x.id LIMIT ${OWN_CASES_SHOWN}`, [user.id, user.scope.orgIds]);
  return rows.map((r) => ({
    id: `case.${r.case_id}.correction.${r.id}`, module: 'cases',
    title: `${r.case_no} ${r.party_name}：落实${r.matter_no}的纠错事项——${r.follow_up}`,
    titleEn: `${r.case_no} ${r.party_name}: follow up the correction ordered in ${r.matter_no}`,
    due: null, severity: 'warning' as const, link: `/cases/${r.case_id}`, citation: r.citation,
  }));
}

export const caseTodos: TodoProvider = async (ctx, user) => {
  const todos = user.permissions.has('cases.handle') ? [...await correctionFollowUps(ctx, user), ...await ownCases(ctx, user)] : [];
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
