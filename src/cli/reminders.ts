// npm run cli -- reminders [--date YYYY-MM-DD]: sends the licence expiry reminders due on
// the day (default today in China) through the configured senders (NOTIFY_SENDERS), as
// the daily job does (modules/licensing/reminders.ts), and prints the counts. Safe to run
// again: a reminder already sent is not sent twice, a failed one is retried. Audited
// once, as the system actor 'cli'.
import { withContext } from './context';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { isIsoDate, todayInChina } from '../core/calendar/dates';
import { sendExpiryReminders, sendersFromConfig } from '../modules/licensing/reminders';

const USAGE = '用法 / usage: npm run cli -- reminders [--date YYYY-MM-DD]';

export async function run(args: string[]): Promise<number> {
  const i = args.indexOf('--date');
  const date = i >= 0 ? args[i + 1] : todayInChina();
  const known = i >= 0 ? args.length === 2 : args.length === 0;
  if (!known || !date || !isIsoDate(date)) {
    console.error(USAGE);
    return 2;
  }
  return withContext(async (ctx) => {
    const senders = sendersFromConfig(ctx.config);
    const c = await sendExpiryReminders(ctx.db, date, senders, { actor: SYSTEM_ACTOR('cli') });
    console.log(`${c.day} 到期提醒：应提醒 ${c.due} 个证照，发送成功 ${c.sent}，失败 ${c.failed}，无联系方式 ${c.noContact}，此前已发送 ${c.alreadySent}（渠道：${senders.map((s) => s.channel).join('、')}）`);
    console.log(`expiry reminders on ${c.day}: ${c.due} due, ${c.sent} sent, ${c.failed} failed, ${c.noContact} no contact, ${c.alreadySent} already sent`);
    return c.failed > 0 ? 1 : 0;
  });
}
