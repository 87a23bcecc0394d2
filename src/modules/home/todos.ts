// The home page's to-do list: each module contributes the items it knows a user must
// act on (a certificate about to expire, next year's holiday arrangement not loaded …),
// computed from the records at request time and filtered by the user's permissions
// and scope. Later modules (cases, petitions, requests …) add their deadlines here.
import { z } from 'zod';
import type { AppContext } from '../../platform/http/types';
import type { AuthUser } from '../../platform/access/user';

export const todo = z.object({
  id: z.string(),
  module: z.string(),
  title: z.string(),
  titleEn: z.string(),
  detail: z.string().optional(),
  /** The statutory or planned date by which to act, when there is one. */
  due: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'danger']),
  /** Where in the web app the work is done. */
  link: z.string(),
  citation: z.string().optional(),
});
export type Todo = z.infer<typeof todo>;

export type TodoProvider = (ctx: AppContext, user: AuthUser) => Promise<Todo[]>;

const SEVERITY_ORDER = { danger: 0, warning: 1, info: 2 } as const;

export async function todosFor(ctx: AppContext, user: AuthUser, providers: TodoProvider[]): Promise<Todo[]> {
  const lists = await Promise.all(providers.map((p) => p(ctx, user)));
  return lists.flat().sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}
