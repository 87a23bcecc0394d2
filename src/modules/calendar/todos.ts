import type { Todo, TodoProvider } from '../home/todos';
import { todayInChina, yearOf } from '../../core/calendar/dates';

// The State Council publishes next year's arrangement in October–November; from
// November on, an administrator is reminded to load it.
const REMIND_FROM_MONTH = 11;

export const calendarTodos: TodoProvider = async (ctx, user) => {
  if (!user.permissions.has('calendar.write')) return [];
  const today = todayInChina();
  const year = yearOf(today);
  const cal = await ctx.calendar.current();
  const todos: Todo[] = [];
  if (!cal.isLoaded(year)) {
    todos.push({ id: `calendar.${year}`, module: 'calendar', title: `${year}年节假日安排尚未加载，法定期限按周末临时计算`,
      titleEn: `The ${year} holiday arrangement is not loaded; deadlines are provisional`, due: null, severity: 'danger', link: '/calendar' });
  }
  if (Number(today.slice(5, 7)) >= REMIND_FROM_MONTH && !cal.isLoaded(year + 1)) {
    todos.push({ id: `calendar.${year + 1}`, module: 'calendar', title: `请在国务院办公厅公布后加载${year + 1}年节假日安排`,
      titleEn: `Load the ${year + 1} holiday arrangement once published`, due: `${year}-12-31`, severity: 'warning', link: '/calendar' });
  }
  return todos;
};
