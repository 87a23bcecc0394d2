// What licensing asks of a user on the home page. For the window (licensing.handle):
// applications received and not yet accepted (red once the one-complete-correction-notice
// clock, 5 working days from receipt, has run out: the application then counts as
// accepted on receipt), accepted applications past their promised limit, applications
// accepted with materials owed (容缺受理) not all supplied by the agreed date, and valid
// licences within their reminder window (the largest of their catalogue item's reminder
// days, as the expiring list: the holders to remind). For whoever both handles and
// decides: accepted applications awaiting the decision. For licensing.verify: commitment
// checks due within 30 days or overdue. A leader (licensing.decide alone) is given none:
// the window brings decisions to them.
import type { Todo, TodoProvider } from '../home/todos';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { applicationWhere } from './applications';
import { licenceWhere } from './licences';
import { reminderWindows } from './reminders';

type Ctx = Parameters<TodoProvider>[0];
type User = Parameters<TodoProvider>[1];

/** Commitment checks coming due are listed this many days ahead. */
export const LICENSING_TODO_HORIZON_DAYS = 30;

const CORRECTION = { amount: RULES.licensingCorrectionNotice.value, unit: 'workday' as const };

/**
 * The latest receipt day whose correction-notice clock has run out by `today` (its due
 * date is before today). The due date never moves back as the receipt day moves back, so
 * every application received on or before this day is late, and none after it.
 */
export function correctionCutoff(calendar: WorkCalendar, today: string): string {
  let day = addDays(today, -1);
  // Holidays can stretch 5 working days over a fortnight or more; 90 days is far beyond any.
  for (let i = 0; i < 90 && computeDue(calendar, { start: day, ...CORRECTION }).due >= today; i++) day = addDays(day, -1);
  return day;
}

/** The list's link, or the application itself when there is only one. */
const linkTo = (n: number, id: number | null, list: string) => (n === 1 && id !== null ? `/licensing/applications/${id}` : list);

async function atTheWindow(ctx: Ctx, user: User, today: string): Promise<Todo[]> {
  const todos: Todo[] = [];
  const calendar = await ctx.calendar.current();
  const cutoff = correctionCutoff(calendar, today);

  // Received, not yet accepted (corrected applications have had their notice: their clock stopped).
  const received = await ctx.db.one<{ n: number; late: number; first_open: string | null; one_id: number | null }>(
    `SELECT count(*)::int AS n,
            count(*) FILTER (WHERE correction_requested_on IS NULL AND received_on <= $2::date)::int AS late,
            min(received_on) FILTER (WHERE correction_requested_on IS NULL) AS first_open,
            min(id) AS one_id
       FROM licence_applications WHERE org_id = ANY($1::int[]) AND state = 'submitted'`, [user.scope.orgIds, cutoff]);
  if (received && received.n > 0) {
    const due = received.first_open ? computeDue(calendar, { start: received.first_open, ...CORRECTION }).due : null;
    todos.push({
      id: 'licensing.to_accept', module: 'licensing',
      title: `行政许可申请待受理：${received.n}件${received.late ? `，其中${received.late}件已超过一次性告知补正的期限（收件后${CORRECTION.amount}个工作日）` : ''}`,
      titleEn: `Licence applications to accept: ${received.n}${received.late ? `, ${received.late} past the ${CORRECTION.amount}-working-day correction-notice limit` : ''}`,
      due, severity: received.late ? 'danger' : 'warning',
      link: linkTo(received.n, received.one_id, '/licensing/applications?state=submitted'),
      citation: RULES.licensingCorrectionNotice.citation,
    });
  }

  // Accepted, past the promised limit.
  const overdue = await ctx.db.one<{ n: number; first_due: string | null; one_id: number | null }>(
    `SELECT count(*)::int AS n, min(due_on) AS first_due, min(id) AS one_id FROM licence_applications
      WHERE org_id = ANY($1::int[]) AND state = 'accepted' AND due_on < $2::date`, [user.scope.orgIds, today]);
  if (overdue && overdue.n > 0) {
    todos.push({
      id: 'licensing.overdue', module: 'licensing',
      title: `已受理的行政许可申请超过承诺办结时限：${overdue.n}件`,
      titleEn: `Accepted licence applications past their promised limit: ${overdue.n}`,
      due: overdue.first_due, severity: 'danger',
      link: linkTo(overdue.n, overdue.one_id, '/licensing/applications?overdue=true'),
      citation: RULES.licensingDecisionPeriod.citation,
    });
  }

  // Accepted with materials owed (容缺受理), not all supplied by the agreed date (the
  // latest of the owed materials' dates): the applications of the list's owedOverdue=true
  // filter, by its query (applicationWhere).
  const byOwed = applicationWhere(user, { owedOverdue: 'true' }, today);
  const owed = await ctx.db.one<{ n: number; items: number; first_due: string | null; one_id: number | null }>(
    `SELECT count(*)::int AS n, coalesce(sum(o.k), 0)::int AS items, min(a.deficiency_due_on) AS first_due, min(a.id) AS one_id
       FROM licence_applications a JOIN catalogue_items ci ON ci.id = a.item_id
       CROSS JOIN LATERAL (SELECT count(*) AS k FROM jsonb_array_elements(a.deficiency_items) x WHERE x->>'suppliedOn' IS NULL) o
      WHERE ${byOwed.where}`, byOwed.params);
  if (owed && owed.n > 0) {
    todos.push({
      id: 'licensing.owed_overdue', module: 'licensing',
      title: `容缺材料逾期未补正：${owed.n}件（共${owed.items}项材料未补齐）`,
      titleEn: `Materials owed under acceptance with deficiency, past the agreed date: ${owed.n} applications (${owed.items} materials outstanding)`,
      due: owed.first_due, severity: 'danger',
      link: linkTo(owed.n, owed.one_id, '/licensing/applications?owedOverdue=true'),
    });
  }

  // Valid licences within their reminder window: the holders to remind. The window of a
  // licence is the largest of its catalogue item's reminder days (else the rule's): the
  // same licences as the expiring list (GET /api/licensing/licences?expiring=true), by its query.
  const windows = await reminderWindows(ctx.db, user.scope.orgIds);
  const { where, params } = licenceWhere(user, { expiring: 'true' }, today, windows);
  const expiring = await ctx.db.one<{ n: number; first: string | null }>(
    `SELECT count(*)::int AS n, min(l.valid_to) AS first FROM licences l LEFT JOIN catalogue_items ci ON ci.id = l.item_id WHERE ${where}`, params);
  if (expiring && expiring.n > 0) {
    todos.push({
      id: 'licensing.expiring', module: 'licensing',
      title: `进入到期提醒期的电子证照：${expiring.n}张（按各事项设置的提醒天数，最长${windows.horizon}天），请提醒持证人办理延续`,
      titleEn: `Licences within their expiry-reminder window: ${expiring.n} (each item's reminder days, at most ${windows.horizon}); remind the holders to renew`,
      due: expiring.first, severity: 'warning',
      link: '/licensing/licences?expiring=true',
      citation: RULES.licensingExpiryReminderDays.citation,
    });
  }
  return todos;
}

async function decisions(ctx: Ctx, user: User): Promise<Todo[]> {
  const row = await ctx.db.one<{ n: number; first_due: string | null; one_id: number | null }>(
    `SELECT count(*)::int AS n, min(due_on) AS first_due, min(id) AS one_id FROM licence_applications
      WHERE org_id = ANY($1::int[]) AND state = 'accepted'`, [user.scope.orgIds]);
  if (!row || row.n === 0) return [];
  return [{
    id: 'licensing.to_decide', module: 'licensing',
    title: `已受理、待作出许可决定的申请：${row.n}件${row.first_due ? `，最近承诺办结日期${row.first_due}` : ''}`,
    titleEn: `Accepted applications awaiting the decision: ${row.n}`,
    due: row.first_due, severity: 'info',
    link: linkTo(row.n, row.one_id, '/licensing/applications?state=accepted'),
  }];
}

async function checks(ctx: Ctx, user: User, today: string): Promise<Todo[]> {
  const row = await ctx.db.one<{ n: number; late: number; first_due: string | null }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE due_on < $2::date)::int AS late, min(due_on) AS first_due
       FROM commitment_checks WHERE org_id = ANY($1::int[]) AND state = 'open' AND due_on <= $3::date`,
    [user.scope.orgIds, today, addDays(today, LICENSING_TODO_HORIZON_DAYS)]);
  if (!row || row.n === 0) return [];
  return [{
    id: 'licensing.checks', module: 'licensing',
    title: `告知承诺和备案事项待核查：${row.n}项${row.late ? `，其中${row.late}项已超过核查期限` : `，最近核查期限${row.first_due}`}`,
    titleEn: `Commitment and filing checks due: ${row.n}${row.late ? `, ${row.late} overdue` : ''}`,
    due: row.first_due, severity: row.late ? 'danger' : 'warning', link: '/licensing/checks',
    citation: RULES.licensingCommitmentCheckMonths.citation,
  }];
}

export const licensingTodos: TodoProvider = async (ctx, user) => {
  const today = todayInChina();
  const handle = user.permissions.has('licensing.handle');
  return [
    ...(handle ? await atTheWindow(ctx, user, today) : []),
    ...(handle && user.permissions.has('licensing.decide') ? await decisions(ctx, user) : []),
    ...(user.permissions.has('licensing.verify') ? await checks(ctx, user, today) : []),
  ];
};
