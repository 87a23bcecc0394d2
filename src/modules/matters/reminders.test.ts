// The daily deadline reminders: the assignee of an open matter due within the amber days
// (or overdue) is told through each configured sender, at the address that sender uses;
// concluded matters, matters due later and unassigned ones are not reminded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import type { NotificationSender } from '../licensing/reminders';
import { sendMatterReminders } from './reminders';

let env: TestEnv;
const today = todayInChina();

/** A sender standing for a gateway of the channel: records what it is given. */
function gateway(channel: NotificationSender['channel']) {
  const sent: { to: string; message: string }[] = [];
  const sender: NotificationSender = { channel, async send(to, message) { sent.push({ to, message }); } };
  return { sender, sent };
}

beforeAll(async () => { env = await setupTestEnv(); }, 120_000);
afterAll(async () => { await env?.close(); });

describe('deadline reminders', () => {
  it('tell the assignee of each matter due soon or overdue, on each channel', async () => {
    const org = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id;
    const office = (await env.db.one<{ id: number }>("SELECT id FROM users WHERE username = 'office'"))!.id;
    await env.db.query("UPDATE users SET phone = '13900000001', email = 'office@example.cn' WHERE id = $1", [office]);
    const tag = `T-RM-${Date.now() % 100000}`;
    const insert = (no: string, due: string, concluded: string | null, assignee: number | null) => env.db.query(
      `INSERT INTO matters (kind, matter_no, org_id, state, received_on, due_on, concluded_on, assignee_id) VALUES ('petition', $1, $2, 'accepted', $3, $4, $5, $6)`,
      [`${tag}-${no}`, org, addDays(today, -30), due, concluded, assignee]);
    await insert('SOON', addDays(today, 1), null, office);
    await insert('LATE', addDays(today, -2), null, office);
    await insert('LATER', addDays(today, 40), null, office);
    await insert('DONE', addDays(today, 1), addDays(today, -1), office);
    await insert('NOBODY', addDays(today, 1), null, null);
    // Only this test's matters are counted below: the demo's own are left as they are.
    const sms = gateway('sms');
    const mail = gateway('email');
    const counts = await sendMatterReminders(env.db, today, [sms.sender, mail.sender]);
    const mine = (g: typeof sms) => g.sent.filter((s) => s.message.includes(tag));
    expect(mine(sms).map((s) => s.to)).toEqual(['13900000001', '13900000001']);
    expect(mine(mail).map((s) => s.to)).toEqual(['office@example.cn', 'office@example.cn']);
    const texts = mine(sms).map((s) => s.message).join('\n');
    expect(texts).toContain(`${tag}-LATE已超过办理期限2天`);
    expect(texts).toContain(`${tag}-SOON将于${addDays(today, 1)}到期，还有1天`);
    expect(texts).not.toContain('LATER');
    expect(texts).not.toContain('DONE');
    expect(texts).not.toContain('NOBODY');
    expect(counts.failed).toBe(0);
    const audit = await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'matter.reminders.run' AND object_id = $1`, [today]);
    expect(audit!.n).toBeGreaterThan(0);
  });
});
