// What the work plan asks of a unit on the home page: the tasks of a published plan of
// this year that name the user's organisation as lead or supporting unit and still lack
// its progress note for the current quarter. One item per plan, linking to the plan with
// only the unit's tasks shown.
//
// When: from the first day of the quarter's second month to its last day. A quarter's
// note reports what the quarter achieved, so in its first month there is little to write
// and an item on every task from 1 January (and again every quarter) would only teach
// users to ignore the list; in the third month the item turns amber, the note being due
// by the quarter's last day. Editors (workplans.write) are not reminded of other units'
// notes, and the leader, who holds no workplans.progress, gets none.
import type { Todo, TodoProvider } from '../home/todos';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import { quarterOf } from '../../core/workplans/outline';

/** The quarter's last day and whether today is past its first month (and in its last). */
export function quarterWindow(today: string): { quarter: number; lastDay: string; remind: boolean; lastMonth: boolean } {
  const quarter = quarterOf(today);
  const month = Number(today.slice(5, 7));
  const inQuarter = month - (quarter - 1) * 3; // 1, 2 or 3
  const lastMonth = quarter * 3;
  const lastDay = new Date(Date.UTC(yearOf(today), lastMonth, 0)).toISOString().slice(0, 10);
  return { quarter, lastDay, remind: inQuarter >= 2, lastMonth: inQuarter === 3 };
}

/** The to-dos as of a given day (tests pass the day; the home page asks for today). */
export async function workplanTodosOn(ctx: Parameters<TodoProvider>[0], user: Parameters<TodoProvider>[1], today: string): Promise<Todo[]> {
  if (!user.permissions.has('workplans.progress')) return [];
  const w = quarterWindow(today);
  if (!w.remind) return [];
  const rows = await ctx.db.query<{ plan_id: number; title: string; n: number }>(
    `SELECT p.id AS plan_id, p.title, count(DISTINCT t.id)::int AS n
       FROM work_plans p JOIN work_plan_sections s ON s.plan_id = p.id JOIN work_plan_tasks t ON t.section_id = s.id
       JOIN work_plan_task_units u ON u.task_id = t.id AND u.org_id = $2
      WHERE p.status = 'published' AND p.year = $1
        AND NOT EXISTS (SELECT 1 FROM work_plan_progress g WHERE g.task_id = t.id AND g.quarter = $3 AND g.org_id = $2)
      GROUP BY p.id, p.title ORDER BY p.id`,
    [yearOf(today), user.orgId, w.quarter]);
  return rows.map((r): Todo => ({
    id: `workplans.progress.${r.plan_id}.q${w.quarter}`, module: 'workplans',
    title: `《${r.title}》第${w.quarter}季度进展待填报：本单位牵头或配合的${r.n}项任务`,
    titleEn: `Work plan: Q${w.quarter} progress to report on ${r.n} task(s) of your unit`,
    due: w.lastDay, severity: w.lastMonth ? 'warning' : 'info', link: `/workplans/${r.plan_id}?mine=1`,
  }));
}

export const workplanTodos: TodoProvider = (ctx, user) => workplanTodosOn(ctx, user, todayInChina());
