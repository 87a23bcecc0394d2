// Notices to the applicant through the API on a real database: the tracking code on
// receipt (one message for a bundle, recorded on each of its applications), the correction
// notice's full text, acceptance with the materials owed, the decision with the licence
// number or the reasons and remedies, the applicant's own withdrawal; e-mail only when no
// phone was given; a sender that fails is recorded as failed and undoes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { sendNotice } from './applicantNotices';

let env: TestEnv;
let window: Client;
let leader: Client;
const today = todayInChina();

const MATERIALS = [
  { code: 'M1', name: '卫生许可申请书', required: true, replaceable: null },
  { code: 'M2', name: '卫生管理制度', required: true, replaceable: null },
];

interface Notice { kind: string; channel: string; recipient: string; message: string; status: string; error: string | null }

async function portalApply(body: Record<string, unknown>, ip: string) {
  const res = await env.app.inject({ method: 'POST', url: '/api/public/applications', payload: body, remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { trackingCode: string; applications: { id: number; applicationNo: string }[] };
}
const step = (who: Client, id: number, name: string, body: Record<string, unknown> = {}) => who.post(`/api/licensing/applications/${id}/steps/${name}`, body);
const noticesOf = async (id: number): Promise<Notice[]> => (await window.get(`/api/licensing/applications/${id}`)).json().notices;

beforeAll(async () => {
  env = await setupTestEnv();
  window = await env.as('window');
  leader = await env.as('leader');
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  await env.db.query(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, commitment_allowed, deficiency_allowed,
       materials, licence_name, licence_valid_years, published_at)
     VALUES ('T-TZ-01',$1,'通知测试卫生许可','public_health','licence','《公共场所卫生管理条例》第八条',20,5,true,false,true,$2,'公共场所卫生许可证',4,now())`,
    [root!.id, JSON.stringify(MATERIALS)]);
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('notices to the applicant', () => {
  it('tells the tracking code on receipt, then the correction notice, the acceptance and the licence number', async () => {
    const got = await portalApply({ itemCode: 'T-TZ-01', applicantName: '嘉兴市南湖区通知测试宾馆', contactPhone: '13811112222', materials: [{ code: 'M1', provision: 'paper' }] }, '10.9.9.1');
    const id = got.applications[0].id;
    const [received] = await noticesOf(id);
    expect(received).toMatchObject({ kind: 'received', channel: 'console', recipient: '13811112222', status: 'sent', error: null });
    expect(received.message).toContain(`查询码${got.trackingCode}`);
    expect(received.message).toContain(`通知测试卫生许可（${got.applications[0].applicationNo}）已收件，待受理`);

    expect((await step(window, id, 'request_correction', { reason: '请补交卫生管理制度（加盖公章）' })).statusCode).toBe(200);
    const correction = (await noticesOf(id)).at(-1)!;
    expect(correction).toMatchObject({ kind: 'correction', status: 'sent' });
    expect(correction.message).toContain('请一次性补正以下全部内容：请补交卫生管理制度（加盖公章）。');

    expect((await step(window, id, 'resubmit')).statusCode).toBe(200);
    const owedOn = addDays(today, 10);
    expect((await step(window, id, 'accept_with_deficiency', { owed: [{ name: '卫生管理制度', dueOn: owedOn }] })).statusCode).toBe(200);
    const accepted = (await noticesOf(id)).at(-1)!;
    expect(accepted.kind).toBe('accepted');
    expect(accepted.message).toContain(`容缺受理，请在约定期限内补齐：卫生管理制度（${owedOn}前）`);

    expect((await step(window, id, 'supplement')).statusCode).toBe(200);
    const approved = (await step(leader, id, 'approve')).json();
    const decided = (await noticesOf(id)).at(-1)!;
    expect(decided.kind).toBe('decided');
    expect(decided.message).toContain(`准予许可，电子证照编号${approved.licenceNo}`);
    // resubmit and supplement tell the applicant nothing new.
    expect((await noticesOf(id)).map((n) => n.kind)).toEqual(['received', 'correction', 'accepted', 'decided']);
  });

  it('writes to the e-mail when no phone is given; a refusal names its reasons and the remedies', async () => {
    const got = await portalApply({ itemCode: 'T-TZ-01', applicantName: '赵某', contactEmail: 'zhao@example.com', materials: [{ code: 'M1', provision: 'paper' }, { code: 'M2', provision: 'paper' }] }, '10.9.9.2');
    const id = got.applications[0].id;
    await step(window, id, 'accept');
    await step(leader, id, 'refuse', { reason: '经现场核查，卫生设施不符合要求', remedies: '如不服，可在六十日内申请行政复议或六个月内提起行政诉讼' });
    const notices = await noticesOf(id);
    expect(notices.map((n) => [n.kind, n.recipient])).toEqual([['received', 'zhao@example.com'], ['accepted', 'zhao@example.com'], ['decided', 'zhao@example.com']]);
    expect(notices[2].message).toContain('不予许可，理由：经现场核查，卫生设施不符合要求。如不服，可在六十日内申请行政复议或六个月内提起行政诉讼。');
  });

  it('a bundle gets one message on receipt, recorded on each of its applications', async () => {
    const got = await portalApply({ bundleCode: 'YJS-XKZS-01', applicantName: '嘉兴市南湖区通知诊所', contactPhone: '13811113333' }, '10.9.9.3');
    expect(got.applications).toHaveLength(3);
    const first = await noticesOf(got.applications[0].id);
    for (const a of got.applications.slice(1)) expect((await noticesOf(a.id)).map((n) => n.message)).toEqual(first.map((n) => n.message));
    expect(first).toHaveLength(1);
    for (const a of got.applications) expect(first[0].message).toContain(a.applicationNo);
  });

  it('the applicant withdraws an application not yet decided with the tracking code, and is told so', async () => {
    const got = await portalApply({ itemCode: 'T-TZ-01', applicantName: '孙某', contactPhone: '13811115555', materials: [{ code: 'M1', provision: 'paper' }] }, '10.9.9.5');
    const { applicationNo } = got.applications[0];
    const withdraw = (code: string, body: Record<string, unknown>) => env.anonymous.post(`/api/public/applications/${code}/withdraw`, body);
    expect((await withdraw('ABCDEFGHJK', { applicationNo, reason: '暂不开业' })).statusCode).toBe(404);
    const noReason = await withdraw(got.trackingCode, { applicationNo, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('撤回的原因');
    const res = await withdraw(got.trackingCode, { applicationNo, reason: '暂不开业' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().applications[0]).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn', canWithdraw: false, canRate: true, decisionReason: '申请人通过网上办件查询撤回：暂不开业' });
    const again = await withdraw(got.trackingCode, { applicationNo, reason: '暂不开业' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该办件已办结，不能撤回');
    const last = (await noticesOf(got.applications[0].id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'decided', status: 'sent' });
    expect(last.message).toContain('已撤回办理：申请人通过网上办件查询撤回：暂不开业。');
    expect((await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'licensing.application.withdraw' AND object_id = $1", [applicationNo]))!.n).toBe(1);
  });

  it('a sender that fails is recorded as failed with its error, and the application stands', async () => {
    const got = await portalApply({ itemCode: 'T-TZ-01', applicantName: '钱某', contactPhone: '13811114444' }, '10.9.9.4');
    const id = got.applications[0].id;
    const failing = { channel: 'sms' as const, async send() { throw new Error('短信网关超时'); } };
    await sendNotice(env.db, [failing], 'received', [id]);
    const last = (await noticesOf(id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'received', channel: 'sms', recipient: '13811114444', status: 'failed', error: '短信网关超时' });
    expect((await window.get(`/api/licensing/applications/${id}`)).json().state).toBe('submitted');
  });
});
