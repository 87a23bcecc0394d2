// Expiry reminders (modules/licensing/reminders.ts) for staff: the log of reminders sent
// to holders (licensing.read, licences within the data scope), and running today's
// reminders now for the licences within one's scope (licensing.decide; a reminder already
// sent is not sent again, a failed one is retried).
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import type { AuthUser } from '../../platform/access/user';
import { actorOf } from '../../platform/access/user';
import type { Queryable } from '../../platform/db';
import { likeContaining } from '../../platform/db/like';
import { pagination } from '../../platform/http/schemas';
import { todayInChina } from '../../core/calendar/dates';
import { sendExpiryReminders, sendersFromConfig } from './reminders';
import { anyList } from './schema';

export const notificationListQuery = z.object({
  /** Part of the licence number. */
  licenceNo: z.string().trim().max(60).optional(),
  status: z.enum(['sent', 'failed'], { message: '状态应为 sent 或 failed' }).optional(),
  channel: z.enum(['sms', 'email', 'console'], { message: '渠道不正确' }).optional(),
  ...pagination,
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

// Strict: a body with anything in it is refused rather than taken for "run the reminders".
export const runInput = z.strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}（发送今天的到期提醒不需要参数）` : undefined) }).default({});

const counts = z.object({
  day: z.string(), due: z.number().int(), sent: z.number().int(), failed: z.number().int(), noContact: z.number().int(), alreadySent: z.number().int(),
});

export interface NotificationRow {
  id: number; licenceId: number; licenceNo: string; licenceName: string; holderName: string; validTo: string; orgName: string;
  daysBefore: number; channel: string; recipient: string; message: string; status: 'sent' | 'failed'; error: string | null; sentAt: string;
}

export async function listNotifications(db: Queryable, user: AuthUser, f: NotificationListQuery) {
  const params: unknown[] = [user.scope.orgIds];
  const cond = ['l.org_id = ANY($1)'];
  const add = (sql: (n: number) => string, v: unknown) => { params.push(v); cond.push(sql(params.length)); };
  if (f.licenceNo) add((n) => `l.licence_no ILIKE $${n}`, likeContaining(f.licenceNo));
  if (f.status) add((n) => `nt.status = $${n}`, f.status);
  if (f.channel) add((n) => `nt.channel = $${n}`, f.channel);
  const from = `FROM licence_notifications nt JOIN licences l ON l.id = nt.licence_id JOIN organizations o ON o.id = l.org_id WHERE ${cond.join(' AND ')}`;
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params))!.n;
  const rows = await db.query<NotificationRow>(
    `SELECT nt.id, l.id AS "licenceId", l.licence_no AS "licenceNo", l.licence_name AS "licenceName", l.holder_name AS "holderName", l.valid_to AS "validTo",
            o.name AS "orgName", nt.days_before AS "daysBefore", nt.channel, nt.recipient, nt.message, nt.status, nt.error, nt.sent_at::text AS "sentAt"
       ${from} ORDER BY nt.sent_at DESC, nt.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows, total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export const reminderRoutes: RouteModule = (app, ctx) => {
  app.get('/api/licensing/notifications', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '证照到期提醒记录（按证照编号查询；按状态、渠道筛选；新的在前）', querystring: notificationListQuery, response: { 200: anyList } },
  }, async (req) => listNotifications(ctx.db, req.user!, req.query));

  app.post('/api/licensing/reminders/run', {
    config: { access: 'licensing.decide' },
    schema: { tags: ['licensing'], summary: '立即发送今天的到期提醒（本人管理范围内的证照；已发送的不重复发送，发送失败的重试）', body: runInput, response: { 200: counts } },
  }, async (req) => sendExpiryReminders(ctx.db, todayInChina(), sendersFromConfig(ctx.config), { actor: actorOf(req.user!, req.ip), orgIds: req.user!.scope.orgIds }));
};
