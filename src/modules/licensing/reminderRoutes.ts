// Expiry reminders (modules/licensing/reminders.ts) for staff: the log of reminders sent
// to holders (licensing.read, licences within the data scope), and running today's
// reminders now for the licences within one's scope (licensing.decide; a reminder already
// sent is not sent again, a failed one is retried). The log is exported to Excel with the
// list's filters (licensing.read, same scope, capped like the licence export).
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import type { AuthUser } from '../../platform/access/user';
import { actorOf } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
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
export const notificationExportQuery = notificationListQuery.omit({ page: true, pageSize: true });
export type NotificationFilters = z.infer<typeof notificationExportQuery>;

/** The most rows one export holds (as the licence export). */
export const NOTIFICATION_EXPORT_MAX_ROWS = 50_000;
export const NOTIFICATION_CHANNEL_NAMES: Record<string, string> = { sms: '短信', email: '电子邮件', console: '控制台' };
export const NOTIFICATION_STATUS_NAMES: Record<string, string> = { sent: '已发送', failed: '发送失败' };
const NOTIFICATION_COLUMNS = ['发送时间', '证照编号', '证照名称', '持证人', '有效期至', '提前天数', '渠道', '接收方', '状态', '失败原因', '发证机关', '提醒内容'];

// Strict: a body with anything in it is refused rather than taken for "run the reminders".
export const runInput = z.strictObject({}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}（发送今天的到期提醒不需要参数）` : undefined) }).default({});

const counts = z.object({
  day: z.string(), due: z.number().int(), sent: z.number().int(), failed: z.number().int(), noContact: z.number().int(), alreadySent: z.number().int(),
});

export interface NotificationRow {
  id: number; licenceId: number; licenceNo: string; licenceName: string; holderName: string; validTo: string; orgName: string;
  daysBefore: number; channel: string; recipient: string; message: string; status: 'sent' | 'failed'; error: string | null; sentAt: string;
}

/** The log's FROM … WHERE: the licences within the data scope, and the filters. */
function notificationsFrom(user: AuthUser, f: NotificationFilters): { from: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const cond = ['l.org_id = ANY($1)'];
  const add = (sql: (n: number) => string, v: unknown) => { params.push(v); cond.push(sql(params.length)); };
  if (f.licenceNo) add((n) => `l.licence_no ILIKE $${n}`, likeContaining(f.licenceNo));
  if (f.status) add((n) => `nt.status = $${n}`, f.status);
  if (f.channel) add((n) => `nt.channel = $${n}`, f.channel);
  return { from: `FROM licence_notifications nt JOIN licences l ON l.id = nt.licence_id JOIN organizations o ON o.id = l.org_id WHERE ${cond.join(' AND ')}`, params };
}

// sentAt in China time with its offset, whatever the session's time zone.
const NOTIFICATION_SELECT = `SELECT nt.id, l.id AS "licenceId", l.licence_no AS "licenceNo", l.licence_name AS "licenceName", l.holder_name AS "holderName", l.valid_to AS "validTo",
            o.name AS "orgName", nt.days_before AS "daysBefore", nt.channel, nt.recipient, nt.message, nt.status, nt.error,
            to_char(nt.sent_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS "sentAt"`;
const NOTIFICATION_ORDER = 'ORDER BY nt.sent_at DESC, nt.id DESC';

export async function listNotifications(db: Queryable, user: AuthUser, f: NotificationListQuery) {
  const { from, params } = notificationsFrom(user, f);
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params))!.n;
  const rows = await db.query<NotificationRow>(
    `${NOTIFICATION_SELECT} ${from} ${NOTIFICATION_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows, total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

/** The log as the export writes it: the list's rows and order, up to NOTIFICATION_EXPORT_MAX_ROWS. */
export async function notificationsForExport(db: Queryable, user: AuthUser, f: NotificationFilters): Promise<NotificationRow[]> {
  const { from, params } = notificationsFrom(user, f);
  return db.query<NotificationRow>(`${NOTIFICATION_SELECT} ${from} ${NOTIFICATION_ORDER} LIMIT ${NOTIFICATION_EXPORT_MAX_ROWS}`, params);
}

/** 2026-03-05T14:07:12+08:00 → 2026-03-05 14:07:12 (China time). */
const chinaTime = (iso: string) => iso.slice(0, 19).replace('T', ' ');

async function notificationsXlsx(rows: NotificationRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('到期提醒记录');
  ws.addRow(NOTIFICATION_COLUMNS);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([chinaTime(r.sentAt), r.licenceNo, r.licenceName, r.holderName, r.validTo, r.daysBefore, NOTIFICATION_CHANNEL_NAMES[r.channel] ?? r.channel, r.recipient,
      NOTIFICATION_STATUS_NAMES[r.status] ?? r.status, r.error ?? '', r.orgName, r.message]);
  }
  const widths = [20, 24, 24, 28, 12, 10, 10, 20, 10, 24, 24, 60];
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const reminderRoutes: RouteModule = (app, ctx) => {
  app.get('/api/licensing/notifications', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '证照到期提醒记录（按证照编号查询；按状态、渠道筛选；新的在前）', querystring: notificationListQuery, response: { 200: anyList } },
  }, async (req) => listNotifications(ctx.db, req.user!, req.query));

  app.get('/api/licensing/notifications/export', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: `导出证照到期提醒记录（XLSX，按当前筛选条件，本人数据范围内，新的在前，最多${NOTIFICATION_EXPORT_MAX_ROWS}条）`, querystring: notificationExportQuery },
  }, async (req, reply) => {
    const rows = await notificationsForExport(ctx.db, req.user!, req.query);
    const body = await notificationsXlsx(rows);
    await ctx.db.transaction((tx) => recordAudit(tx, actorOf(req.user!, req.ip), { action: 'export.licence_notifications', objectType: 'dataset', objectId: 'licence_notifications', after: { rows: rows.length, filters: req.query } }));
    const today = todayInChina();
    return reply.type(EXPORT_CONTENT_TYPES.xlsx).header('content-disposition', contentDisposition(`到期提醒记录-${today}.xlsx`, `licence-notifications-${today}.xlsx`)).header('cache-control', 'no-store').send(body);
  });

  app.post('/api/licensing/reminders/run', {
    config: { access: 'licensing.decide' },
    schema: { tags: ['licensing'], summary: '立即发送今天的到期提醒（本人管理范围内的证照；已发送的不重复发送，发送失败的重试）', body: runInput, response: { 200: counts } },
  }, async (req) => sendExpiryReminders(ctx.db, todayInChina(), sendersFromConfig(ctx.config), { actor: actorOf(req.user!, req.ip), orgIds: req.user!.scope.orgIds }));
};
