import type { TodoProvider, Todo } from '../home/todos';
import { RULES } from '../../core/law/rules';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { ruleValue } from '../rules/service';
import { enforcementStatusOfUser } from './service';

/** Certificates: the inspector's own, and for administrators every one in scope. */
export const certificateTodos: TodoProvider = async (ctx, user) => {
  const todos: Todo[] = [];
  const today = todayInChina();
  const noticeDays = await ruleValue<number>(ctx.db, RULES.certificateExpiryNoticeDays.id, user.orgId);
  const own = await enforcementStatusOfUser(ctx, user.id);
  if (own) {
    if (!own.canEnforce) {
      todos.push({ id: 'certificate.own.invalid', module: 'inspectors', title: `您不能从事执法活动：${own.reason}`,
        titleEn: 'You cannot take enforcement actions: your certificate is missing or expired', due: own.certificateValidTo,
        severity: 'danger', link: '/profile', citation: RULES.certificateRequired.citation });
    } else if (own.certificateValidTo && own.certificateValidTo <= addDays(today, noticeDays)) {
      todos.push({ id: 'certificate.own.expiring', module: 'inspectors', title: `您的执法证将于${own.certificateValidTo}到期，请及时换证`,
        titleEn: `Your enforcement certificate expires on ${own.certificateValidTo}`, due: own.certificateValidTo,
        severity: 'warning', link: '/profile' });
    }
  }
  if (user.permissions.has('inspectors.write')) {
    const row = await ctx.db.one<{ expiring: number; expired: number; first_due: string | null }>(
      `SELECT count(*) FILTER (WHERE certificate_valid_to BETWEEN $2::date AND $3::date)::int AS expiring,
              count(*) FILTER (WHERE certificate_valid_to < $2::date)::int AS expired,
              min(certificate_valid_to::text) FILTER (WHERE certificate_valid_to >= $2::date AND certificate_valid_to <= $3::date) AS first_due
         FROM inspectors WHERE active AND org_id = ANY($1::int[])`, [user.scope.orgIds, today, addDays(today, noticeDays)]);
    if (row && row.expired > 0) {
      todos.push({ id: 'certificate.scope.expired', module: 'inspectors', title: `${row.expired}名执法人员的执法证已过期，不能从事执法活动`,
        titleEn: `${row.expired} inspectors hold an expired certificate`, due: null, severity: 'danger',
        link: '/inspectors?status=expired', citation: RULES.certificateRequired.citation });
    }
    if (row && row.expiring > 0) {
      todos.push({ id: 'certificate.scope.expiring', module: 'inspectors', title: `${row.expiring}名执法人员的执法证将在${noticeDays}天内到期`,
        titleEn: `${row.expiring} certificates expire within ${noticeDays} days`, due: row.first_due, severity: 'warning',
        link: '/inspectors?status=expiring' });
    }
  }
  return todos;
};
