// Expiry reminders on a real database: licences issued through the application flow
// (their applications carry a phone) are reminded once per threshold (their item's
// reminder days, which also bound the expiring list), late when a day was missed but
// never after expiry, never when revoked or superseded; a failed send is
// recorded and retried; the daily job runs once per day however many processes ask; the
// staff routes list the log within the data scope, export it to Excel with the list's
// filters, and run the reminders now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { runDailyJobOnce, startDailyJobs, type DailyJob } from '../../platform/jobs/daily';
import { issueLicence } from './licences';
import { reminderMessage, sendExpiryReminders, type NotificationSender } from './reminders';
import { readXlsx, sheetRows } from '../datasets/testFiles';
import { DAILY_JOBS } from '../../server';

let env: TestEnv;
let window: Client;
const today = todayInChina();

/** A sender standing for an SMS gateway: records what it is given, or fails for some numbers. */
function smsGateway(failFor: Set<string> = new Set()) {
  const sent: { to: string; message: string }[] = [];
  const sender: NotificationSender = {
    channel: 'sms',
    async send(to, message) {
      if (failFor.has(to)) throw new Error('短信网关超时 (gateway timeout)');
      sent.push({ to, message });
    },
  };
  return { sender, sent, to: (phone: string) => sent.filter((s) => s.to === phone) };
}

interface Issued { licenceId: number; licenceNo: string; applicationId: number; phone: string }

let phoneSeq = 0;
/** Applies at the window with a phone, accepts and approves: a licence of the item valid until validTo. */
async function issue(validTo: string, name = '提醒测试单位', itemCode = 'T-TX-01'): Promise<Issued> {
  const phone = `1390000${String(1000 + ++phoneSeq)}`;
  const res = await window.post('/api/licensing/applications', { itemCode, applicantName: `${name}${phoneSeq}`, contactPhone: phone, materials: [{ code: 'M1', provision: 'paper' }] });
  expect(res.statusCode).toBe(200);
  const applicationId = res.json().applications[0].id as number;
  expect((await window.post(`/api/licensing/applications/${applicationId}/steps/accept`, {})).statusCode).toBe(200);
  const approved = await window.post(`/api/licensing/applications/${applicationId}/steps/approve`, { validTo });
  expect(approved.statusCode).toBe(200);
  const licenceId = approved.json().licenceId as number;
  const l = await env.db.one<{ licence_no: string }>('SELECT licence_no FROM licences WHERE id = $1', [licenceId]);
  return { licenceId, licenceNo: l!.licence_no, applicationId, phone };
}

async function notifications(licenceId: number) {
  return env.db.query<{ days_before: number; channel: string; recipient: string; status: string; error: string | null; message: string }>(
    'SELECT days_before, channel, recipient, status, error, message FROM licence_notifications WHERE licence_id = $1 ORDER BY days_before DESC, channel', [licenceId]);
}

beforeAll(async () => {
  env = await setupTestEnv();
  window = await env.as('window');
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  // reminder_days: the column's default, 30 and 7 days before expiry; T-TX-60 reminds 60 days before only.
  for (const [code, name] of [['T-TX-01', '测试到期提醒的许可'], ['T-TX-60', '提前六十日提醒的许可']]) {
    await env.db.query(
      `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, materials, licence_name, licence_valid_years, published_at)
       VALUES ($1, $2, $3, 'public_health', 'licence', '《公共场所卫生管理条例》第八条', 20, 5, true, $4, '公共场所卫生许可证', 4, now())`,
      [code, root!.id, name, JSON.stringify([{ code: 'M1', name: '卫生许可申请书', required: true, replaceable: null }])]);
  }
  await env.db.query("UPDATE catalogue_items SET reminder_days = '{60}' WHERE item_code = 'T-TX-60'");
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('expiry reminders', () => {
  let a: Issued;

  it('reminds a licence 30 days from expiry once, by its application’s phone, citing the law on renewal', async () => {
    a = await issue(addDays(today, 30));
    const gw = smsGateway();
    const counts = await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(counts.day).toBe(today);
    expect(gw.to(a.phone)).toHaveLength(1);
    const message = gw.to(a.phone)[0].message;
    expect(message).toContain('《公共场所卫生许可证》');
    expect(message).toContain(a.licenceNo);
    expect(message).toContain(`有效期至${addDays(today, 30)}，还有30天到期`);
    expect(message).toContain('延续申请应当在有效期届满三十日前提出');
    expect(RULES.licensingExpiryReminderDays.citation).toContain('第五十条');
    expect(message).toContain('第五十条');
    expect(await notifications(a.licenceId)).toEqual([{ days_before: 30, channel: 'sms', recipient: a.phone, status: 'sent', error: null, message }]);
    expect(counts.sent).toBeGreaterThanOrEqual(1);
  });

  it('sends nothing when run again the same day, nor on the days between the thresholds', async () => {
    const gw = smsGateway();
    const again = await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(gw.to(a.phone)).toHaveLength(0);
    expect(again.alreadySent).toBeGreaterThanOrEqual(1);
    await sendExpiryReminders(env.db, addDays(today, 10), [gw.sender]);
    expect(gw.to(a.phone)).toHaveLength(0);
    expect(await notifications(a.licenceId)).toHaveLength(1);
  });

  it('sends the second reminder 7 days before expiry, once', async () => {
    const gw = smsGateway();
    await sendExpiryReminders(env.db, addDays(today, 23), [gw.sender]);
    await sendExpiryReminders(env.db, addDays(today, 23), [gw.sender]);
    expect(gw.to(a.phone)).toHaveLength(1);
    expect(gw.to(a.phone)[0].message).toContain('还有7天到期');
    expect((await notifications(a.licenceId)).map((n) => [n.days_before, n.status])).toEqual([[30, 'sent'], [7, 'sent']]);
  });

  it('sends a missed reminder late, but only the current one, and never after expiry', async () => {
    const b = await issue(addDays(today, 25));
    const gw = smsGateway();
    await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(gw.to(b.phone).map((s) => s.message)).toEqual([expect.stringContaining('还有25天到期')]);
    // The job did not run from day 2 to day 21: on day 22 (3 days left) the 7-day reminder goes, alone.
    await sendExpiryReminders(env.db, addDays(today, 22), [gw.sender]);
    expect(gw.to(b.phone)).toHaveLength(2);
    expect(gw.to(b.phone)[1].message).toContain('还有3天到期');
    // A licence whose reminders were all missed: past its expiry, nothing is sent.
    const c = await issue(addDays(today, 5));
    await sendExpiryReminders(env.db, addDays(today, 6), [gw.sender]);
    expect(gw.to(c.phone)).toHaveLength(0);
    expect(await notifications(c.licenceId)).toEqual([]);
    // On its last day it is still valid: reminded ("今天到期").
    await sendExpiryReminders(env.db, addDays(today, 5), [gw.sender]);
    expect(gw.to(c.phone).map((s) => s.message)).toEqual([expect.stringContaining('今天到期')]);
  });

  it('does not remind a revoked licence nor a superseded one; a renewal is reminded at the first application’s phone', async () => {
    const d = await issue(addDays(today, 30));
    expect((await window.post(`/api/licensing/licences/${d.licenceId}/revoke`, { reason: '依据行政处罚决定书吊销' })).statusCode).toBe(200);
    const f = await issue(addDays(today, 10));
    const renewed = await window.post(`/api/licensing/licences/${f.licenceId}/replace`, { kind: 'renewed', reason: '持证人申请延续', validTo: addDays(today, 30) });
    expect(renewed.statusCode).toBe(200);
    const g = renewed.json().id as number;
    const gw = smsGateway();
    await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(await notifications(d.licenceId)).toEqual([]);
    expect(await notifications(f.licenceId)).toEqual([]);
    expect((await notifications(g)).map((n) => [n.days_before, n.recipient, n.status])).toEqual([[30, f.phone, 'sent']]);
  });

  it('counts a licence without an application as having no contact, and records nothing for it', async () => {
    const root = await env.db.one<{ id: number; item_id: number }>("SELECT o.id, ci.id AS item_id FROM organizations o, catalogue_items ci WHERE o.code = 'JX-WJW' AND ci.item_code = 'T-TX-01'");
    const issued = await env.db.transaction((tx) => issueLicence(tx, SYSTEM_ACTOR('test'), {
      licenceName: '公共场所卫生许可证', itemId: root!.item_id, orgId: root!.id, holderName: '无联系方式的单位', holderUscc: null, entityId: null, scope: '住宿', address: '',
      issuedOn: today, validFrom: today, validTo: addDays(today, 30), applicationId: null, previousId: null, source: 'import',
    }));
    const gw = smsGateway();
    const before = await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(before.noContact).toBeGreaterThanOrEqual(1);
    expect(await notifications(issued.id)).toEqual([]);
  });

  it('uses the rule of the issuing organisation for a licence without a catalogue item', async () => {
    const e = await issue(addDays(today, 15));
    await env.db.query('UPDATE licences SET item_id = NULL WHERE id = $1', [e.licenceId]);
    const org = await env.db.one<{ org_id: number }>('SELECT org_id FROM licences WHERE id = $1', [e.licenceId]);
    await env.db.query('INSERT INTO rule_settings (rule_id, org_id, value, note) VALUES ($1, $2, $3, $4)',
      [RULES.licensingExpiryReminderDays.id, org!.org_id, JSON.stringify([10]), '测试']);
    const gw = smsGateway();
    await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(gw.to(e.phone)).toHaveLength(0); // 15 days left, the organisation reminds 10 days before
    await sendExpiryReminders(env.db, addDays(today, 5), [gw.sender]);
    expect(gw.to(e.phone)).toHaveLength(1);
    expect((await notifications(e.licenceId)).map((n) => n.days_before)).toEqual([10]);
    await env.db.query('DELETE FROM rule_settings WHERE rule_id = $1 AND org_id = $2', [RULES.licensingExpiryReminderDays.id, org!.org_id]);
  });

  it('honours the item’s reminder days: an item reminding 60 days ahead is listed and reminded at 60 days, a default item not', async () => {
    const sixty = await issue(addDays(today, 60), '六十日事项单位', 'T-TX-60');
    const usual = await issue(addDays(today, 60), '默认事项单位');
    const soon = await issue(addDays(today, 30), '默认事项单位');
    const listed = async (q: string) => ((await window.get(`/api/licensing/licences?expiring=true&q=${encodeURIComponent(q)}`)).json()
      .rows as { id: number; daysLeft: number }[]).map((r) => [r.id, r.daysLeft]);
    // The expiring list: each licence within the largest of its item's reminder days.
    expect(await listed('六十日事项单位')).toEqual([[sixty.licenceId, 60]]);
    expect(await listed('默认事项单位')).toEqual([[soon.licenceId, 30]]);
    // A fixed window still means that window, whatever the item.
    const within30 = (await window.get(`/api/licensing/licences?expiringWithin=30&q=${encodeURIComponent('六十日事项单位')}`)).json();
    expect(within30.total).toBe(0);
    const gw = smsGateway();
    await sendExpiryReminders(env.db, today, [gw.sender]);
    expect(gw.to(sixty.phone).map((s) => s.message)).toEqual([expect.stringContaining('还有60天到期')]);
    expect(gw.to(usual.phone)).toHaveLength(0);
    expect((await notifications(sixty.licenceId)).map((n) => n.days_before)).toEqual([60]);
    expect(await notifications(usual.licenceId)).toEqual([]);
    // 30 days later the default item's licence is due (30), the 60-day item's has no threshold left but 60.
    await sendExpiryReminders(env.db, addDays(today, 30), [gw.sender]);
    expect(gw.to(usual.phone).map((s) => s.message)).toEqual([expect.stringContaining('还有30天到期')]);
    expect(gw.to(sixty.phone)).toHaveLength(1);
    // The export of the expiring list is the same list.
    const exported = await window.get(`/api/licensing/licences/export?expiring=true&q=${encodeURIComponent('六十日事项单位')}`);
    expect(exported.statusCode).toBe(200);
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toContain('即将到期证照');
    expect((await window.get('/api/licensing/licences?expiring=maybe')).statusCode).toBe(400);
  });

  it('lists a licence without a catalogue item within its organisation’s rule', async () => {
    const e = await issue(addDays(today, 45), '无事项证照单位');
    await env.db.query('UPDATE licences SET item_id = NULL WHERE id = $1', [e.licenceId]);
    const listed = async () => (await window.get(`/api/licensing/licences?expiring=true&q=${encodeURIComponent('无事项证照单位')}`)).json().total as number;
    expect(await listed()).toBe(0); // the rule's default, 30 and 7 days
    const org = await env.db.one<{ org_id: number }>('SELECT org_id FROM licences WHERE id = $1', [e.licenceId]);
    await env.db.query('INSERT INTO rule_settings (rule_id, org_id, value, note) VALUES ($1, $2, $3, $4)',
      [RULES.licensingExpiryReminderDays.id, org!.org_id, JSON.stringify([50, 10]), '测试']);
    try {
      expect(await listed()).toBe(1);
    } finally {
      await env.db.query('DELETE FROM rule_settings WHERE rule_id = $1 AND org_id = $2', [RULES.licensingExpiryReminderDays.id, org!.org_id]);
    }
  });

  it('records a failed send with its error; the next run retries it and the same row becomes sent', async () => {
    const h = await issue(addDays(today, 30));
    const failing = smsGateway(new Set([h.phone]));
    const first = await sendExpiryReminders(env.db, today, [failing.sender]);
    expect(first.failed).toBe(1);
    expect(await notifications(h.licenceId)).toEqual([expect.objectContaining({ days_before: 30, status: 'failed', error: '短信网关超时 (gateway timeout)' })]);
    const working = smsGateway();
    const retry = await sendExpiryReminders(env.db, addDays(today, 1), [working.sender]);
    expect(retry.failed).toBe(0);
    expect(working.to(h.phone)).toHaveLength(1);
    expect(await notifications(h.licenceId)).toEqual([expect.objectContaining({ days_before: 30, status: 'sent', error: null })]);
  });

  it('never sends the same reminder twice when two runs overlap', async () => {
    const k = await issue(addDays(today, 30));
    const gw = smsGateway();
    await Promise.all([sendExpiryReminders(env.db, today, [gw.sender]), sendExpiryReminders(env.db, today, [gw.sender])]);
    expect(gw.to(k.phone)).toHaveLength(1);
    expect(await notifications(k.licenceId)).toHaveLength(1);
  });

  it('records one audit entry per run, with the counts', async () => {
    const before = (await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'licensing.reminders.run'"))!.n;
    const counts = await sendExpiryReminders(env.db, today, [smsGateway().sender]);
    const rows = await env.db.query<{ after: Record<string, unknown>; username: string }>("SELECT after, username FROM audit_log WHERE action = 'licensing.reminders.run' ORDER BY id");
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ username: 'jobs', after: { ...counts, channels: ['sms'] } });
  });

  it('builds the message from the licence, whatever the threshold', () => {
    const m = reminderMessage({ licence_no: 'X-1', licence_name: '放射诊疗许可证', holder_name: '某医院', valid_to: '2027-01-31', org_name: '某卫健委', days_left: 12 });
    expect(m).toBe(`【某卫健委】某医院：您的《放射诊疗许可证》（编号X-1）有效期至2027-01-31，还有12天到期。需要继续从事许可事项的，请及时向某卫健委申请延续；${RULES.licensingExpiryReminderDays.citation.split('；')[1]}。`);
  });
});

describe('the daily job', () => {
  it('runs once per day across two concurrent calls (two app processes), and again the next day', async () => {
    let runs = 0;
    const job: DailyJob = { name: 'test.count', async run(_ctx, day) { runs++; await new Promise((r) => setTimeout(r, 50)); return { day, runs } } };
    const [x, y] = await Promise.all([runDailyJobOnce(env.ctx, job, today), runDailyJobOnce(env.ctx, job, today)]);
    expect([x.ran, y.ran].sort()).toEqual([false, true]);
    expect(runs).toBe(1);
    expect((await runDailyJobOnce(env.ctx, job, today)).ran).toBe(false);
    const row = await env.db.one<{ finished: boolean; result: unknown }>("SELECT finished_at IS NOT NULL AS finished, result FROM job_runs WHERE job = 'test.count' AND day = $1", [today]);
    expect(row).toEqual({ finished: true, result: { day: today, runs: 1 } });
    expect((await runDailyJobOnce(env.ctx, job, addDays(today, 1))).ran).toBe(true);
    expect(runs).toBe(2);
  });

  it('records a failure as the day’s result; a run whose process died is taken over after an hour', async () => {
    const failing: DailyJob = { name: 'test.fail', async run() { throw new Error('数据库不可用') } };
    expect(await runDailyJobOnce(env.ctx, failing, today)).toEqual({ ran: true, error: '数据库不可用' });
    expect((await runDailyJobOnce(env.ctx, failing, today)).ran).toBe(false);
    await env.db.query("INSERT INTO job_runs (job, day, started_at) VALUES ('test.dead', $1, now() - interval '2 hours')", [today]);
    await env.db.query("INSERT INTO job_runs (job, day, started_at) VALUES ('test.busy', $1, now() - interval '5 minutes')", [today]);
    const ok: (name: string) => DailyJob = (name) => ({ name, async run() { return 'done' } });
    expect(await runDailyJobOnce(env.ctx, ok('test.dead'), today)).toEqual({ ran: true, result: 'done' });
    expect((await runDailyJobOnce(env.ctx, ok('test.busy'), today)).ran).toBe(false);
  });
});

describe('the server’s daily jobs', () => {
  it('include the expiry reminders: the scheduler’s run for a day sends that day’s reminders through the configured senders', async () => {
    const job = DAILY_JOBS.find((j) => j.name === 'licensing.expiry_reminders');
    expect(job).toBeDefined();
    // A day no other test runs the reminders for: a licence 7 days from expiry then.
    const day = addDays(today, 400);
    const l = await issue(addDays(day, 7), '每日任务测试单位');
    const outcome = await runDailyJobOnce(env.ctx, job!, day);
    expect(outcome.ran).toBe(true);
    expect(outcome).toMatchObject({ result: { day, sent: expect.any(Number) } });
    expect(await notifications(l.licenceId)).toEqual([expect.objectContaining({ days_before: 7, channel: 'console', recipient: l.phone, status: 'sent' })]);
  });
});

describe('the scheduler', () => {
  it('runs the day’s jobs once from the configured hour, whichever of two processes looks first; not before the hour', async () => {
    let runs = 0;
    const job: DailyJob = { name: 'test.scheduled', async run() { runs++; return { runs } } };
    const lines: string[] = [];
    const early = startDailyJobs(env.ctx, [job], { hour: 24, intervalMs: 3_600_000, log: (l) => lines.push(l) }); // an hour never reached
    await early.tick();
    await early.stop();
    expect(runs).toBe(0);
    const one = startDailyJobs(env.ctx, [job], { hour: 0, intervalMs: 3_600_000, log: (l) => lines.push(l) });
    const two = startDailyJobs(env.ctx, [job], { hour: 0, intervalMs: 3_600_000, log: (l) => lines.push(l) });
    await Promise.all([one.tick(), two.tick(), one.tick()]);
    await Promise.all([one.stop(), two.stop()]);
    expect(runs).toBe(1);
    expect(lines).toEqual([expect.stringContaining('每日任务 test.scheduled')]);
  });
});

describe('the staff routes', () => {
  it('list the reminders sent, by licence number, within the data scope', async () => {
    const l = await issue(addDays(today, 30), '列表测试单位');
    await sendExpiryReminders(env.db, today, [smsGateway().sender]);
    const res = await window.get(`/api/licensing/notifications?licenceNo=${encodeURIComponent(l.licenceNo)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, page: 1 });
    expect(res.json().rows[0]).toMatchObject({ licenceId: l.licenceId, licenceNo: l.licenceNo, daysBefore: 30, channel: 'sms', recipient: l.phone, status: 'sent', validTo: addDays(today, 30) });
    const failed = (await window.get('/api/licensing/notifications?status=failed')).json();
    expect(failed.rows.every((r: { status: string }) => r.status === 'failed')).toBe(true);
    // A district inspector (licensing.read) sees none of the city's licences.
    const inspector = await env.as('inspector1');
    const theirs = await inspector.get(`/api/licensing/notifications?licenceNo=${encodeURIComponent(l.licenceNo)}`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().total).toBe(0);
    expect((await (await env.as('office')).get('/api/licensing/notifications')).statusCode).toBe(403);
    expect((await window.get('/api/licensing/notifications?pageSize=1000')).statusCode).toBe(400);
  });

  it('run today’s reminders now (licensing.decide), idempotently, through the configured sender', async () => {
    const leader = await env.as('leader');
    await issue(addDays(today, 30), '立即发送测试单位');
    const first = await leader.post('/api/licensing/reminders/run');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ day: today });
    expect(first.json().sent).toBeGreaterThan(0); // the console sender: a channel of its own
    const second = (await leader.post('/api/licensing/reminders/run')).json();
    expect(second).toMatchObject({ day: today, sent: 0, failed: 0, due: first.json().due });
    const entry = await env.db.one<{ username: string }>("SELECT username FROM audit_log WHERE action = 'licensing.reminders.run' ORDER BY id DESC LIMIT 1");
    expect(entry!.username).toBe('leader');
    expect((await (await env.as('inspector1')).post('/api/licensing/reminders/run')).statusCode).toBe(403);
    const junk = await leader.post('/api/licensing/reminders/run', { date: '2030-01-01' });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.message).toContain('不认识的字段：date');
  });
});

describe('the export of the log', () => {
  type Listed = { licenceNo: string; licenceName: string; holderName: string; validTo: string; daysBefore: number; channel: string; recipient: string; status: string; error: string | null; orgName: string; message: string; sentAt: string };
  const CHANNELS: Record<string, string> = { sms: '短信', email: '电子邮件', console: '控制台' };
  const STATUSES: Record<string, string> = { sent: '已发送', failed: '发送失败' };
  /** A row of the list as the export writes it. */
  const asExported = (r: Listed) => [r.sentAt.slice(0, 19).replace('T', ' '), r.licenceNo, r.licenceName, r.holderName, r.validTo, String(r.daysBefore), CHANNELS[r.channel],
    r.recipient, STATUSES[r.status], r.error ?? '', r.orgName, r.message];

  async function exported(c: Client, query = '') {
    const res = await c.get(`/api/licensing/notifications/export${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/到期提醒记录-\d{4}-\d{2}-\d{2}\.xlsx/);
    // An empty cell (no error) may not be written: read it as ''.
    const rows = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]).map((r) => Array.from(r, (v) => (v === null || v === undefined ? '' : String(v))));
    return { header: rows[0], rows: rows.slice(1).map((r) => [...r, ...Array(Math.max(0, rows[0].length - r.length)).fill('')]) };
  }

  /** Every row of the list (all pages) for these filters. */
  async function listed(c: Client, query = ''): Promise<Listed[]> {
    const out: Listed[] = [];
    for (let page = 1; ; page++) {
      const res = await c.get(`/api/licensing/notifications?pageSize=100&page=${page}${query ? `&${query.slice(1)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { rows: Listed[]; total: number };
      out.push(...body.rows);
      if (out.length >= body.total || body.rows.length === 0) return out;
    }
  }

  let sent: Issued;
  let failed: Issued;
  let district: { licenceNo: string };

  beforeAll(async () => {
    sent = await issue(addDays(today, 30), '导出测试单位');
    failed = await issue(addDays(today, 30), '导出失败测试单位');
    await sendExpiryReminders(env.db, today, [smsGateway(new Set([failed.phone])).sender]);
    // A licence of inspector1's institute, reminded by e-mail: inside their scope, unlike the city's.
    const org = await env.db.one<{ org_id: number }>("SELECT org_id FROM users WHERE username = 'inspector1'");
    const issued = await env.db.transaction((tx) => issueLicence(tx, SYSTEM_ACTOR('test'), {
      licenceName: '公共场所卫生许可证', itemId: null, orgId: org!.org_id, holderName: '南湖区导出测试宾馆', holderUscc: null, entityId: null, scope: '住宿', address: '',
      issuedOn: today, validFrom: today, validTo: addDays(today, 7), applicationId: null, previousId: null, source: 'import',
    }));
    await env.db.query(`INSERT INTO licence_notifications (licence_id, days_before, channel, recipient, message, status) VALUES ($1, 7, 'email', 'nh@example.cn', '南湖区导出测试提醒', 'sent')`, [issued.id]);
    district = { licenceNo: issued.licenceNo };
  });

  it('returns an xlsx whose rows are the log within the scope, newest first, and honours the filters', async () => {
    const all = await exported(window);
    expect(all.header).toEqual(['发送时间', '证照编号', '证照名称', '持证人', '有效期至', '提前天数', '渠道', '接收方', '状态', '失败原因', '发证机关', '提醒内容']);
    const log = await listed(window);
    expect(log.length).toBeGreaterThan(3);
    expect(all.rows).toEqual(log.map(asExported));
    expect(all.rows.map((r) => r[1])).toEqual(expect.arrayContaining([sent.licenceNo, failed.licenceNo, district.licenceNo]));

    const one = await exported(window, `?licenceNo=${encodeURIComponent(sent.licenceNo)}`);
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0]).toEqual([expect.stringMatching(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2}$`)), sent.licenceNo, '公共场所卫生许可证', expect.stringContaining('导出测试单位'),
      addDays(today, 30), '30', '短信', sent.phone, '已发送', '', expect.any(String), expect.stringContaining(sent.licenceNo)]);

    const failures = await exported(window, '?status=failed');
    expect(failures.rows.length).toBeGreaterThanOrEqual(1);
    expect(failures.rows.every((r) => r[8] === '发送失败')).toBe(true);
    expect(failures.rows).toEqual((await listed(window, '?status=failed')).map(asExported));
    expect(failures.rows.find((r) => r[1] === failed.licenceNo)?.[9]).toBe('短信网关超时 (gateway timeout)');

    const byEmail = await exported(window, '?channel=email');
    expect(byEmail.rows.map((r) => [r[1], r[6], r[7]])).toEqual([[district.licenceNo, '电子邮件', 'nh@example.cn']]);
    expect((await exported(window, `?channel=console&licenceNo=${encodeURIComponent(sent.licenceNo)}`)).rows).toEqual([]);
    // As the list: an unknown status is refused; the page's format parameter is accepted.
    expect((await window.get('/api/licensing/notifications/export?status=lost')).statusCode).toBe(400);
    expect((await window.get('/api/licensing/notifications/export?format=xlsx&status=sent')).statusCode).toBe(200);
    const audit = await env.db.one<{ username: string; after: { rows: number } }>("SELECT username, after FROM audit_log WHERE action = 'export.licence_notifications' ORDER BY id DESC LIMIT 1");
    expect(audit).toMatchObject({ username: 'window' });
  });

  it('is refused without licensing.read', async () => {
    const office = await env.as('office');
    expect((await office.get('/api/licensing/notifications/export')).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/licensing/notifications/export')).statusCode).toBe(401);
  });

  it('holds no row outside the data scope', async () => {
    const inspector = await env.as('inspector1');
    const theirs = await exported(inspector);
    expect(theirs.rows.map((r) => r[1])).toContain(district.licenceNo);
    expect(theirs.rows.map((r) => r[1])).not.toContain(sent.licenceNo);
    expect(theirs.rows.map((r) => r[1])).not.toContain(failed.licenceNo);
    expect(theirs.rows).toEqual((await listed(inspector)).map(asExported));
    // Asking for a city licence by number finds nothing.
    expect((await exported(inspector, `?licenceNo=${encodeURIComponent(sent.licenceNo)}`)).rows).toEqual([]);
  });
});
