import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { todo, todosFor, type TodoProvider } from './todos';
import { certificateTodos } from '../inspectors/todos';
import { caseTodos } from '../cases/todos';
import { calendarTodos } from '../calendar/todos';
import { inspectionTodos } from '../inspections/todos';
import { licensingTodos } from '../licensing/todos';
import { matterTodos } from '../matters/todos';
import { workplanTodos } from '../workplans/todos';

/** Every module's to-do provider; a new module adds its own here. */
export const TODO_PROVIDERS: TodoProvider[] = [certificateTodos, calendarTodos, caseTodos, inspectionTodos, licensingTodos, matterTodos, workplanTodos];

export const homeRoutes: RouteModule = (app, ctx) => {
  app.get('/api/home/todos', {
    config: { access: 'authenticated' },
    schema: { tags: ['home'], summary: '本人的待办事项和临近期限', response: { 200: z.array(todo) } },
  }, async (req) => todosFor(ctx, req.user!, TODO_PROVIDERS));
};
