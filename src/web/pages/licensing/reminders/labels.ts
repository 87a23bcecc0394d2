// The names the expiry-reminder log shows for its channels and statuses (the export of
// modules/licensing/reminderRoutes.ts writes the same Chinese names), and the shapes of
// its API (type-only imports, erased from the bundle).
import type { Translate } from '../../../lib/i18n';

export type { NotificationRow } from '../../../../modules/licensing/reminderRoutes';
export type { ReminderCounts } from '../../../../modules/licensing/reminders';

export type NotificationChannel = 'sms' | 'email' | 'console';
export type NotificationStatus = 'sent' | 'failed';

export const CHANNELS: Record<NotificationChannel, [zh: string, en: string]> = {
  sms: ['短信', 'SMS'],
  email: ['电子邮件', 'E-mail'],
  console: ['控制台', 'Console (server log)'],
};

export const STATUSES: Record<NotificationStatus, [zh: string, en: string, colour: string]> = {
  sent: ['已发送', 'Sent', 'green'],
  failed: ['发送失败', 'Failed', 'red'],
};

export const channelLabel = (c: string, t: Translate) => {
  const l = CHANNELS[c as NotificationChannel];
  return l ? t(l[0], l[1]) : c;
};

export const statusLabel = (s: string, t: Translate) => {
  const l = STATUSES[s as NotificationStatus];
  return l ? t(l[0], l[1]) : s;
};

/** 2026-03-05T14:07:12+08:00 (as the server sends it, China time) → 2026-03-05 14:07. */
export const sentAtText = (iso: string) => iso.slice(0, 16).replace('T', ' ');
