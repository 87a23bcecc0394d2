// What random inspections ask of a user on the home page: for an inspector, the random
// tasks of their team not yet inspected (red once a task's due date has passed); for
// whoever plans draws, the announced plans still to be drawn and the inspected results
// awaiting publication (一公开; red once the publication deadline has passed).
import type { Todo, TodoProvider } from '../home/todos';
import { todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';

async function ownTasks(ctx: Parameters<TodoProvider>[0], user: Parameters<TodoProvider>[1], today: string): Promise<Todo[]> {
  const row = await ctx.db.one<{ open: number; overdue: number; next_due: string | null }>(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE t.due_on < $2::date)::int AS overdue, min(t.due_on) AS next_due
       FROM random_tasks t JOIN inspectors i ON i.id = ANY(t.inspector_ids)
      WHERE i.user_id = $1 AND t.completed_on IS NULL`, [user.id, today]);
  if (!row || row.open === 0) return [];
  return [{
    id: 'inspections.own_tasks', module: 'inspections',
    title: `双随机抽查任务待检查：${row.open}项${row.overdue ? `，其中${row.overdue}项已超过完成期限` : `，最近完成期限${row.next_due}`}`,
    titleEn: `Random-inspection tasks to inspect: ${row.open}${row.overdue ? `, ${row.overdue} overdue` : ''}`,
    due: row.next_due, severity: row.overdue ? 'danger' : 'warning', link: '/inspections/my-tasks',
  }];
}

async function planning(ctx: Parameters<TodoProvider>[0], user: Parameters<TodoProvider>[1], today: string): Promise<Todo[]> {
  const todos: Todo[] = [];
  const announced = await ctx.db.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM random_plans WHERE status = 'announced' AND org_id = ANY($1::int[])`, [user.scope.orgIds]);
  if (announced && announced.n > 0) {
    todos.push({
      id: 'inspections.to_draw', module: 'inspections', title: `已公布承诺值、待抽取的抽查计划：${announced.n}个`,
      titleEn: `Plans announced, not yet drawn: ${announced.n}`, due: null, severity: 'info', link: '/inspections/plans',
    });
  }
  const results = await ctx.db.one<{ n: number; late: number; next_due: string | null }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE t.publication_due < $2::date)::int AS late, min(t.publication_due) AS next_due
       FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id
      WHERE p.org_id = ANY($1::int[]) AND NOT t.imported AND t.completed_on IS NOT NULL AND t.published_on IS NULL`, [user.scope.orgIds, today]);
  if (results && results.n > 0) {
    todos.push({
      id: 'inspections.to_publish', module: 'inspections',
      title: `双随机抽查结果待公示：${results.n}项${results.late ? `，其中${results.late}项已超过公示期限` : `，最近公示期限${results.next_due}`}`,
      titleEn: `Random-inspection results to publish: ${results.n}${results.late ? `, ${results.late} late` : ''}`,
      due: results.next_due, severity: results.late ? 'danger' : 'warning', link: '/inspections/tasks?publication=unpublished',
      citation: RULES.randomResultPublicationWorkdays.citation,
    });
  }
  return todos;
}

export const inspectionTodos: TodoProvider = async (ctx, user) => {
  const today = todayInChina();
  return [
    ...(user.permissions.has('inspections.read') ? await ownTasks(ctx, user, today) : []),
    ...(user.permissions.has('inspections.plan') ? await planning(ctx, user, today) : []),
  ];
};
