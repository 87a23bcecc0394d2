// Expiry reminders (到期提醒): once a day, the holder of every valid licence nearing its
// expiry is told when it expires and how to renew it (延续: 行政许可法 art. 50, cited from
// RULES.licensingExpiryReminderDays).
//
// When: each licence has thresholds, days before valid_to: its catalogue item's
// reminder_days (default 30 and 7), or for a licence without an item (or an item without
// days) the rule licensing.expiry_reminder_days of its issuing organisation
// (reminderDaysSql). On day T a licence with d = valid_to − T days left (0 ≤ d: not
// expired) is due for the smallest threshold N ≥ d: exactly on the N-th day before expiry
// when the job runs every day, later if that day was missed (or the licence was issued
// with less validity left), but never after expiry. A larger threshold whose day has
// passed is not sent late once a smaller one is current: one reminder a run, the current
// one. The expiring list holds the same licences: those within their largest threshold.
//
// Whom: the contact phone / e-mail of the application that issued the licence, or, for a
// licence issued by a change, renewal or re-issue (no application of its own), of the
// application that issued the licence it replaced (previous_id, back to the first).
// Without one the reminder is counted as "no contact" and not recorded: staff call those
// holders from the expiring list (GET /api/licensing/licences?expiring=true: the valid
// licences within their largest threshold of expiry).
//
// How: through each configured sender (sms → phone, email → e-mail, console → phone or
// e-mail). Every attempt is recorded in licence_notifications, unique per (licence,
// threshold, channel): a reminder sent is never sent again. A failed send is recorded as
// 'failed' with the error and retried by the next run (the row is updated in place) while
// its threshold is still the current one. Each send and its record happen in one short
// transaction holding a lock on the licence, so two runs at once (the daily job and a
// member of staff's "run now") never send the same reminder twice. One audit entry per run.
import type { Database, Queryable } from '../../platform/db';
import type { Config } from '../../platform/config';
import type { Actor } from '../../platform/access/user';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import type { DailyJob } from '../../platform/jobs/daily';
import { RULES } from '../../core/law/rules';
import { ruleValue } from '../rules/service';

export type NotificationChannel = 'sms' | 'email' | 'console';

export interface NotificationSender {
  channel: NotificationChannel;
  /** Delivers the message; throws when it could not (the error is recorded). */
  send(to: string, message: string): Promise<void>;
}

/** The default sender: one line on the server's log per message (a deployment without a gateway reads them there). */
export function consoleSender(write: (line: string) => void = (line) => console.log(line)): NotificationSender {
  return {
    channel: 'console',
    async send(to, message) { write(`[通知 notification] → ${to}: ${message}`); },
  };
}

const SENDER_FACTORIES = new Map<string, () => NotificationSender>([['console', () => consoleSender()]]);

/** Makes a sender available to NOTIFY_SENDERS by name (a deployment's SMS gateway or mail server). */
export function registerSender(name: string, factory: () => NotificationSender): void {
  SENDER_FACTORIES.set(name, factory);
}

/** The senders the configuration names (NOTIFY_SENDERS, default console). */
export function sendersFromConfig(config: Pick<Config, 'notifySenders'>): NotificationSender[] {
  return config.notifySenders.map((name) => {
    const factory = SENDER_FACTORIES.get(name);
    if (!factory) {
      throw new Error(`NOTIFY_SENDERS 中的“${name}”没有对应的发送方式（可用：${[...SENDER_FACTORIES.keys()].join('、')}；短信、邮件网关须先用 registerSender 注册）`
        + ` / unknown notification sender ${name}`);
    }
    return factory();
  });
}

export interface ReminderCounts {
  day: string;
  /** Licences with a reminder due today (each once, whatever the number of channels). */
  due: number;
  /** Per channel: a licence reminded by SMS and e-mail counts twice. */
  sent: number;
  failed: number;
  /** Reminders due (per channel) with no phone or e-mail on record for that channel: staff call these holders. */
  noContact: number;
  /** Already sent by an earlier run (or by a run at the same time), per channel. */
  alreadySent: number;
}

export interface ReminderOptions {
  /** Recorded in the audit log (default the system actor 'jobs'). */
  actor?: Actor;
  /** Only licences of these organisations (a member of staff's run, within their scope). */
  orgIds?: number[];
}

interface DueRow {
  id: number; licence_no: string; licence_name: string; holder_name: string; valid_to: string; org_name: string;
  days_left: number; days_before: number; contact_phone: string | null; contact_email: string | null;
}

/** The advice of the law on renewal, as RULES cites it (the rule's citation after its local part). */
function renewalAdvice(): string {
  const citation = RULES.licensingExpiryReminderDays.citation;
  const parts = citation.split('；');
  return parts.length > 1 ? parts.slice(1).join('；') : citation;
}

export function reminderMessage(r: Pick<DueRow, 'licence_no' | 'licence_name' | 'holder_name' | 'valid_to' | 'org_name' | 'days_left'>): string {
  const when = r.days_left === 0 ? '今天到期' : `还有${r.days_left}天到期`;
  return `【${r.org_name}】${r.holder_name}：您的《${r.licence_name}》（编号${r.licence_no}）有效期至${r.valid_to}，${when}。`
    + `需要继续从事许可事项的，请及时向${r.org_name}申请延续；${renewalAdvice()}。`;
}

/** Where a channel reaches a holder or applicant: SMS the phone, e-mail the address, the console either. */
export function recipientFor(channel: NotificationChannel, r: { contact_phone: string | null; contact_email: string | null }): string | null {
  if (channel === 'sms') return r.contact_phone;
  if (channel === 'email') return r.contact_email;
  return r.contact_phone ?? r.contact_email;
}

/**
 * What SQL needs to know each licence's reminder days (see reminderDaysSql): `rules`, the
 * rule's days of each organisation, for licences without a catalogue item, as the JSON
 * object {"orgId": [days…]}; `horizon`, the most days before expiry any licence is reminded.
 */
export interface ReminderWindows { rules: string; horizon: number }

/** The reminder windows of the licences of these organisations (null: all). */
export async function reminderWindows(db: Queryable, orgIds: number[] | null): Promise<ReminderWindows> {
  const orgs = await db.query<{ id: number }>('SELECT id FROM organizations WHERE $1::int[] IS NULL OR id = ANY($1::int[]) ORDER BY id', [orgIds]);
  const rules: Record<number, number[]> = {};
  for (const o of orgs) rules[o.id] = await ruleValue<number[]>(db, RULES.licensingExpiryReminderDays.id, o.id);
  const itemMax = await db.one<{ n: number | null }>('SELECT max(n)::int AS n FROM catalogue_items, unnest(reminder_days) n');
  return { rules: JSON.stringify(rules), horizon: Math.max(itemMax?.n ?? 0, ...Object.values(rules).flat(), 0) };
}

/**
 * SQL: the reminder days (integer[]) of the licence `l` whose catalogue item `ci` is LEFT
 * JOINed: the item's reminder_days, or (no item, or one without days) the rule of the
 * issuing organisation; $param holds ReminderWindows.rules.
 */
export const reminderDaysSql = (param: number) =>
  `coalesce(nullif(ci.reminder_days, '{}'), ARRAY(SELECT jsonb_array_elements_text($${param}::jsonb -> l.org_id::text)::int))`;

/** The licences due for a reminder on `today`, with the threshold due and the holder's contact. */
async function dueReminders(db: Queryable, today: string, orgIds: number[] | null): Promise<DueRow[]> {
  const windows = await reminderWindows(db, orgIds);
  return db.query<DueRow>(
    `WITH candidate AS (
       SELECT l.id, l.licence_no, l.licence_name, l.holder_name, l.valid_to, l.application_id, l.previous_id, o.name AS org_name,
              (l.valid_to - $1::date) AS days_left, ${reminderDaysSql(2)} AS days
         FROM licences l
         JOIN organizations o ON o.id = l.org_id
         LEFT JOIN catalogue_items ci ON ci.id = l.item_id
        WHERE l.status = 'valid' AND l.valid_to >= $1::date AND l.valid_to <= $1::date + $3::int
          AND ($4::int[] IS NULL OR l.org_id = ANY($4::int[]))
     )
     SELECT c.id, c.licence_no, c.licence_name, c.holder_name, c.valid_to, c.org_name, c.days_left,
            (SELECT min(n) FROM unnest(c.days) n WHERE n >= c.days_left)::int AS days_before,
            contact.contact_phone, contact.contact_email
       FROM candidate c
       LEFT JOIN LATERAL (
         WITH RECURSIVE chain (id, application_id, previous_id, depth) AS (
           SELECT c.id, c.application_id, c.previous_id, 0
           UNION ALL
           SELECT p.id, p.application_id, p.previous_id, chain.depth + 1
             FROM licences p JOIN chain ON p.id = chain.previous_id
            WHERE chain.application_id IS NULL AND chain.depth < 100
         )
         SELECT a.contact_phone, a.contact_email
           FROM chain JOIN licence_applications a ON a.id = chain.application_id
          ORDER BY chain.depth LIMIT 1
       ) contact ON true
      WHERE EXISTS (SELECT 1 FROM unnest(c.days) n WHERE n >= c.days_left)
      ORDER BY c.valid_to, c.id`,
    [today, windows.rules, windows.horizon, orgIds]);
}

type Attempt = 'sent' | 'failed' | 'already';

/** Sends one reminder through one sender unless it was sent already; records the attempt. One short transaction. */
async function sendOne(db: Database, r: DueRow, sender: NotificationSender, to: string, message: string): Promise<Attempt> {
  return db.transaction(async (tx) => {
    // Serialises runs at the same time on this licence (the second sees the first's record).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`licence_notification:${r.id}`]);
    const previous = await tx.one<{ status: string }>(
      'SELECT status FROM licence_notifications WHERE licence_id = $1 AND days_before = $2 AND channel = $3', [r.id, r.days_before, sender.channel]);
    if (previous?.status === 'sent') return 'already';
    let error: string | null = null;
    try {
      await sender.send(to, message);
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 1000) || '发送失败';
    }
    // A failed attempt's row is updated by the retry: the unique key keeps one row per reminder.
    await tx.query(
      `INSERT INTO licence_notifications (licence_id, days_before, channel, recipient, message, status, error)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (licence_id, days_before, channel) DO UPDATE
         SET recipient = EXCLUDED.recipient, message = EXCLUDED.message, status = EXCLUDED.status, error = EXCLUDED.error, sent_at = now()`,
      [r.id, r.days_before, sender.channel, to, message, error === null ? 'sent' : 'failed', error]);
    return error === null ? 'sent' : 'failed';
  });
}

/**
 * Sends the reminders due on `today` through the senders (see the head of this file) and
 * records one audit entry with the counts. Safe to run any number of times a day.
 */
export async function sendExpiryReminders(db: Database, today: string, senders: NotificationSender[], options: ReminderOptions = {}): Promise<ReminderCounts> {
  const counts: ReminderCounts = { day: today, due: 0, sent: 0, failed: 0, noContact: 0, alreadySent: 0 };
  const due = await dueReminders(db, today, options.orgIds ?? null);
  counts.due = due.length;
  const sentBefore = new Set((await db.query<{ k: string }>(
    `SELECT licence_id || ':' || days_before || ':' || channel AS k FROM licence_notifications WHERE status = 'sent' AND licence_id = ANY($1::int[])`,
    [due.map((r) => r.id)])).map((r) => r.k));
  for (const r of due) {
    const message = reminderMessage(r);
    for (const sender of senders) {
      if (sentBefore.has(`${r.id}:${r.days_before}:${sender.channel}`)) { counts.alreadySent++; continue; }
      const to = recipientFor(sender.channel, r);
      if (!to) { counts.noContact++; continue; }
      const outcome = await sendOne(db, r, sender, to, message);
      if (outcome === 'already') counts.alreadySent++;
      else counts[outcome]++;
    }
  }
  await db.transaction((tx) => recordAudit(tx, options.actor ?? SYSTEM_ACTOR('jobs'), {
    action: 'licensing.reminders.run', objectType: 'licence_notifications', objectId: today,
    after: { ...counts, channels: senders.map((s) => s.channel), orgIds: options.orgIds ?? null },
  }));
  return counts;
}

/** The daily job (src/platform/jobs/daily.ts) sending the day's reminders through the configured senders. */
export const expiryReminderJob: DailyJob = {
  name: 'licensing.expiry_reminders',
  run: (ctx, day) => sendExpiryReminders(ctx.db, day, sendersFromConfig(ctx.config)),
};
