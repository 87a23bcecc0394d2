// Reminders before deadlines: once a day (src/platform/jobs/daily.ts), the person a
// matter is assigned to is told of each of their open matters whose main clock runs out
// within the amber days, or has run out, through the configured senders (NOTIFY_SENDERS:
// SMS to the user's phone, mail to their address, or the server's log). Unassigned
// matters are the unit's, shown on its members' home to-do lists.
import type { Queryable } from '../../platform/db';
import type { DailyJob } from '../../platform/jobs/daily';
import { recordAudit } from '../../platform/audit/audit';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { addDays, daysBetween } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import type { MatterKind } from '../../core/matters/clocks';
import { ruleValue } from '../rules/service';
import { sendersFromConfig, type NotificationSender } from '../licensing/reminders';
import { specOf } from './service';

interface DueRow { id: number; kind: MatterKind; matter_no: string; due_on: string; username: string; phone: string | null; email: string | null; org_id: number }

export function matterReminderMessage(r: Pick<DueRow, 'kind' | 'matter_no' | 'due_on'>, today: string): string {
  const left = daysBetween(today, r.due_on);
  const when = left < 0 ? `已超过办理期限${-left}天（${r.due_on}届满）` : left === 0 ? `今天（${r.due_on}）到期` : `将于${r.due_on}到期，还有${left}天`;
  return `【法定期限提醒】您承办的${specOf(r.kind).label}事项${r.matter_no}${when}，请及时办理。`;
}

/** Where a sender delivers to a user: the phone for SMS, the address for mail, the username on the log. */
const addressOf = (s: NotificationSender, r: DueRow) => (s.channel === 'sms' ? r.phone : s.channel === 'email' ? r.email : r.username);

export async function sendMatterReminders(db: Queryable, today: string, senders: NotificationSender[]): Promise<{ day: string; matters: number; sent: number; failed: number }> {
  // The amber days as set for the whole platform (the rules page's top level).
  const amber = await ruleValue<number>(db, RULES.clockAmberDays.id, null);
  const rows = await db.query<DueRow>(
    `SELECT m.id, m.kind, m.matter_no, m.due_on, m.org_id, u.username, u.phone, u.email
       FROM matters m JOIN users u ON u.id = m.assignee_id AND u.active
      WHERE m.concluded_on IS NULL AND m.due_on IS NOT NULL AND m.due_on <= $1::date ORDER BY m.due_on, m.id`, [addDays(today, amber)]);
  let sent = 0;
  let failed = 0;
  for (const r of rows) {
    for (const s of senders) {
      const to = addressOf(s, r);
      if (!to) continue;
      try { await s.send(to, matterReminderMessage(r, today)); sent++; } catch { failed++; }
    }
  }
  const result = { day: today, matters: rows.length, sent, failed };
  await db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR('daily-jobs'), { action: 'matter.reminders.run', objectType: 'matter', objectId: today, after: result }));
  return result;
}

export const matterReminderJob: DailyJob = {
  name: 'matters.deadline_reminders',
  run: (ctx, day) => sendMatterReminders(ctx.db, day, sendersFromConfig(ctx.config)),
};
