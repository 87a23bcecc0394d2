// The co-handling organisations (会办单位) of a proposal the platform leads. Named at
// registration with the organisation picker, each gets its own row (matter_co_handlers)
// with the co-handling period's due date, reads the proposal even when the lead unit lies
// outside its data scope, is reminded on its home page, and writes its own opinion — the
// lead no longer types it. A co-handler outside the platform (another bureau of the city
// government) stays a name whose opinion the lead records (record_co_opinion). The lead's
// answer is refused until every co-handler, on the platform or not, has given its opinion
// (core/matters/proposal.ts, opinionsIn).
//
// Who is who: a user acts for its own organisation and for the organisations its data
// scope is rooted at (a commission's office staff sit in a division but act for the
// commission); it reads what any organisation of its scope co-handles. So the city
// office, whose scope covers the districts, reads a district's opinion but cannot write it.
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { addDays, todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { clockState, extendedDue, type ClockSpec, type ClockState } from '../../core/procedure/engine';
import { MATTER_CLOCKS, MATTER_CLOCK_RULE_IDS, withAmount } from '../../core/matters/clocks';
import type { CoOpinion } from '../../core/matters/proposal';
import type { Todo, TodoProvider } from '../home/todos';
import { ruleValue } from '../rules/service';
import type { MatterRow } from './service';

/** The registration form's field naming the co-handling organisations (stored here, not in details). */
export const CO_ORG_FIELD = 'coOrgIds';

/** The organisations a user writes co-handling opinions for (see the header). */
export const actingOrgIds = (user: AuthUser): number[] => [...new Set([user.orgId, ...user.scope.rootOrgIds])];

/** The organisations whose co-handled proposals a user reads: its scope and its own organisation. */
export const readingOrgIds = (user: AuthUser): number[] => [...new Set([user.orgId, ...user.scope.orgIds])];

/** SQL condition (matter alias `m`, organisation ids as parameter `$n`): co-handled by one of them. */
export const coHandledBy = (n: number) => `m.id IN (SELECT ch.matter_id FROM matter_co_handlers ch WHERE ch.org_id = ANY($${n}::int[]))`;

/** SQL condition: one of them co-handles it and has not given its opinion yet. */
export const coOpinionPendingBy = (n: number) =>
  `m.id IN (SELECT ch.matter_id FROM matter_co_handlers ch WHERE ch.org_id = ANY($${n}::int[]) AND ch.opinion_on IS NULL)`;

/** The co-handling period as set for the lead unit (a local default). */
async function coOpinionSpec(db: Queryable, leadOrgId: number): Promise<ClockSpec> {
  const c = MATTER_CLOCKS.proposal.coOpinion;
  return withAmount(c, await ruleValue<number>(db, MATTER_CLOCK_RULE_IDS.proposal.coOpinion, leadOrgId));
}

/**
 * Registers co-handling organisations of a proposal, each due its opinion within the
 * co-handling period from `startOn`: the day of assignment at registration, the day it is
 * added when the lead unit names one more later (service.ts, addProposalCoHandler). Any
 * active organisation on the platform may be named, not only those in the registrar's
 * scope: the people's congress or CPPCC office assigns the co-handlers, not the lead's
 * hierarchy. Returns the due date.
 */
export async function addCoHandlers(tx: Queryable, calendar: WorkCalendar, m: { id: number; org_id: number; role: string | null; received_on: string }, orgIds: readonly number[],
  opts: { startOn?: string; field?: string } = {}): Promise<string | null> {
  if (orgIds.length === 0) return null;
  const field = opts.field ?? CO_ORG_FIELD;
  if (m.role !== 'lead') throw badRequest('CO_HANDLERS_LEAD_ONLY', '只有主办件才有会办单位；协办件请勿选择会办单位', { field });
  const orgs = await tx.query<{ id: number; name: string; active: boolean }>('SELECT id, name, active FROM organizations WHERE id = ANY($1::int[])', [orgIds]);
  if (orgs.length !== orgIds.length) throw notFound('会办单位不存在');
  const inactive = orgs.filter((o) => !o.active).map((o) => o.name);
  if (inactive.length > 0) throw badRequest('CO_HANDLER_INACTIVE', `会办单位（${inactive.join('、')}）已停用`, { field });
  if (orgIds.includes(m.org_id)) throw badRequest('CO_HANDLER_IS_LEAD', '主办单位不能同时是会办单位', { field });
  const already = await tx.query<{ name: string }>(
    'SELECT o.name FROM matter_co_handlers ch JOIN organizations o ON o.id = ch.org_id WHERE ch.matter_id = $1 AND ch.org_id = ANY($2::int[]) ORDER BY ch.id', [m.id, orgIds]);
  if (already.length > 0) throw conflict('CO_HANDLER_EXISTS', `${already.map((o) => o.name).join('、')}已是本件的会办单位`);
  const startOn = opts.startOn ?? m.received_on;
  const dueOn = extendedDue(calendar, await coOpinionSpec(tx, m.org_id), startOn).due;
  for (const orgId of orgIds) {
    await tx.query('INSERT INTO matter_co_handlers (matter_id, org_id, start_on, due_on) VALUES ($1,$2,$3,$4)', [m.id, orgId, startOn, dueOn]);
  }
  return dueOn;
}

/** Whether the user reads the proposal as (a supervisor of) one of its co-handlers. */
export async function readsAsCoHandler(db: Queryable, user: AuthUser, matterId: number): Promise<boolean> {
  return (await db.one('SELECT 1 FROM matter_co_handlers WHERE matter_id = $1 AND org_id = ANY($2::int[]) LIMIT 1', [matterId, readingOrgIds(user)])) !== undefined;
}

/** The platform co-handlers as the answer's guard reads them. */
export async function coHandlerFacts(db: Queryable, matterId: number): Promise<{ name: string; opinionOn: string | null }[]> {
  return db.query<{ name: string; opinionOn: string | null }>(
    `SELECT o.name, ch.opinion_on AS "opinionOn" FROM matter_co_handlers ch JOIN organizations o ON o.id = ch.org_id WHERE ch.matter_id = $1 ORDER BY ch.id`, [matterId]);
}

export interface CoHandlerView {
  /** null for a co-handler outside the platform. */
  orgId: number | null;
  name: string;
  onPlatform: boolean;
  dueOn: string;
  clock: ClockState;
  opinion: string | null;
  opinionOn: string | null;
  /** Who wrote the opinion (the co-handler's user) or recorded it (the lead, for one outside the platform). */
  authorName: string | null;
  /** The user may write this co-handler's opinion now. */
  mine: boolean;
}

/** Every co-handler of the proposal (on the platform first, in the order named), with its clock and opinion. */
export async function coHandlersOf(db: Queryable, calendar: WorkCalendar, user: AuthUser, m: MatterRow, today = todayInChina()): Promise<CoHandlerView[]> {
  const spec = await coOpinionSpec(db, m.org_id);
  const amberDays = await ruleValue<number>(db, RULES.clockAmberDays.id, m.org_id);
  // A co-handler added after registration counts its period from the day it was added (start_on); the others from assignment.
  const rows = await db.query<{ org_id: number; name: string; due_on: string; opinion: string | null; opinion_on: string | null; author: string | null; start_on: string }>(
    `SELECT ch.org_id, o.name, ch.due_on, ch.opinion, ch.opinion_on, u.display_name AS author, ch.start_on
       FROM matter_co_handlers ch JOIN organizations o ON o.id = ch.org_id LEFT JOIN users u ON u.id = ch.opinion_by
      WHERE ch.matter_id = $1 ORDER BY ch.id`, [m.id]);
  const acting = actingOrgIds(user);
  const writer = user.permissions.has('proposals.handle' as never) && m.state === 'assigned';
  const platform = rows.map((r): CoHandlerView => ({
    orgId: r.org_id, name: r.name, onPlatform: true, dueOn: r.due_on,
    clock: clockState(calendar, spec, r.start_on, r.opinion_on, today, amberDays),
    opinion: r.opinion, opinionOn: r.opinion_on, authorName: r.author,
    mine: writer && r.opinion_on === null && acting.includes(r.org_id),
  }));
  const outside = (m.details.coOpinions as CoOpinion[] | undefined) ?? [];
  const recorders = outside.length === 0 ? [] : await db.query<{ unit: string; name: string | null }>(
    `SELECT ev.input->>'unit' AS unit, u.display_name AS name FROM matter_events ev LEFT JOIN users u ON u.id = ev.user_id
      WHERE ev.matter_id = $1 AND ev.step = 'record_co_opinion' ORDER BY ev.id`, [m.id]);
  return [...platform, ...outside.map((o): CoHandlerView => {
    const clock = clockState(calendar, spec, m.received_on, o.receivedOn, today, amberDays);
    return {
      orgId: null, name: o.unit, onPlatform: false, dueOn: clock.due, clock, opinion: o.opinion, opinionOn: o.receivedOn,
      authorName: o.receivedOn ? recorders.filter((r) => r.unit === o.unit).at(-1)?.name ?? null : null, mine: false,
    };
  })];
}

/** The opinions the user's unit owes as co-handler, with the co-handling period's colour. */
export const coOpinionTodos: TodoProvider = async (ctx, user) => {
  if (!user.permissions.has('proposals.handle' as never)) return [];
  const today = todayInChina();
  const amberUntil = addDays(today, await ruleValue<number>(ctx.db, RULES.clockAmberDays.id, user.orgId));
  const c = await ctx.db.one<{ n: number; red: number; amber: number; first_due: string | null }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE ch.due_on < $2::date)::int AS red,
            count(*) FILTER (WHERE ch.due_on >= $2::date AND ch.due_on <= $3::date)::int AS amber, min(ch.due_on) AS first_due
       FROM matter_co_handlers ch JOIN matters m ON m.id = ch.matter_id
      WHERE ch.org_id = ANY($1::int[]) AND ch.opinion_on IS NULL AND m.state = 'assigned'`,
    [actingOrgIds(user), today, amberUntil]);
  if (!c || c.n === 0) return [];
  const todo: Todo = {
    id: 'matters.proposal.co_opinion', module: 'matters',
    title: `会办意见待提出：${c.n}件建议提案${c.red ? `，其中${c.red}件已超过会办期限` : ''}${c.amber ? `，${c.amber}件临近会办期限` : ''}`,
    titleEn: `Co-handling opinions to give: ${c.n}${c.red ? `, ${c.red} overdue` : ''}${c.amber ? `, ${c.amber} due soon` : ''}`,
    due: c.first_due, severity: c.red ? 'danger' : c.amber ? 'warning' : 'info', link: '/matters/proposal?coHandled=pending',
    citation: MATTER_CLOCKS.proposal.coOpinion.citation,
  };
  return [todo];
};
