// The portal's side of matters through the API: a complaint filed anonymously or by name
// (a phone number then required), the 16-character tracking code, the tracking page's
// masking (the name keeps its surname, phone numbers hidden, the reply shown only once
// given), malformed and unknown codes, the rate limits per address, the size limit, and
// a disclosure request reaching the office's list from the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import { PUBLIC_FILINGS_PER_HOUR, PUBLIC_TRACKING_PER_MINUTE } from './routes';

let env: TestEnv;
let hotline: Client;
let inspector1: Client;
let office: Client;
const org: Record<string, number> = {};
const today = todayInChina();
const CODE = /^[A-HJ-NP-Z2-9]{16}$/;

let ipCounter = 0;
/** Every test files from its own address unless it tests the limit. */
const freshIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

function file(url: string, payload: unknown, ip = freshIp()) {
  return env.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, remoteAddress: ip });
}

function track(code: string, ip = freshIp()) {
  return env.app.inject({ method: 'GET', url: `/api/public/matters/${code}`, remoteAddress: ip });
}

async function version(id: number): Promise<number> {
  return (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!.version;
}

async function ok(who: Client, kind: string, id: number, name: string, input: Record<string, unknown> = {}) {
  const res = await who.post(`/api/matters/${kind}/${id}/steps/${name}`, { version: await version(id), input });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function matterCount(): Promise<number> {
  return (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM matters'))!.n;
}

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  [hotline, inspector1, office] = await Promise.all(['hotline', 'inspector1', 'office'].map((u) => env.as(u)));
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('the organisations the public may address', () => {
  it('are the commissions and the supervision institutes', async () => {
    const res = await env.anonymous.get('/api/public/matter-organizations');
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((o: { id: number }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([org['JX-WJW'], org['NH-WJJ'], org['NH-JDS'], org['XZ-WJJ'], org['XZ-JDS']]));
    expect(ids).not.toContain(org['JX-BGS']);
    const division = await file('/api/public/complaints', { orgId: org['JX-BGS'], anonymous: true, entityName: '某单位', summary: '举报' });
    expect(division.statusCode).toBe(404);
  });
});

describe('a complaint filed on the portal', () => {
  let code: string;
  let id: number;

  it('may be anonymous without a phone number; by name it needs one', async () => {
    const anonymous = await file('/api/public/complaints', { orgId: org['JX-WJW'], anonymous: true, entityName: '嘉兴某某美容店', summary: '无证开展医疗美容' });
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    expect(anonymous.json().trackingCode).toMatch(CODE);
    const tracked = (await track(anonymous.json().trackingCode)).json();
    expect(tracked).toMatchObject({ contactName: '匿名', kind: 'hotline', stateName: '已登记，待转办', reply: null });
    const named = await file('/api/public/complaints', { orgId: org['JX-WJW'], contactName: '王小明', entityName: '嘉兴某某美容店', summary: '无证开展医疗美容' });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.message).toContain('实名投诉请留下联系电话');
    const unknownField = await file('/api/public/complaints', { orgId: org['JX-WJW'], anonymous: true, entityName: '某单位', summary: '举报', entityId: 1 });
    expect(unknownField.statusCode).toBe(400);
  });

  it('is received with a 16-character tracking code; the tracking page masks the name and shows no phone', async () => {
    const res = await file('/api/public/complaints', {
      orgId: org['JX-WJW'], contactName: '王小明', contactPhone: '13912345678', entityName: '嘉兴某某美容店', entityAddress: '嘉兴市南湖区某路1号',
      summary: '该店无证开展医疗美容，我（王小明，电话13912345678）曾在此做过项目',
    });
    expect(res.statusCode, res.body).toBe(200);
    code = res.json().trackingCode;
    expect(code).toMatch(CODE);
    expect(res.json().matterNo).toMatch(/^JX-WJW-RX-/);
    const row = await env.db.one<{ id: number; source: string; contact_phone: string; subtype: string; submitter_ip: string }>(
      'SELECT id, source, contact_phone, subtype, submitter_ip FROM matters WHERE tracking_code = $1', [code]);
    expect(row).toMatchObject({ source: 'portal', contact_phone: '13912345678', subtype: 'complaint_report' });
    id = row!.id;
    const tracked = await track(code);
    expect(tracked.statusCode).toBe(200);
    const body = tracked.json();
    expect(body).toMatchObject({ contactName: '王某某', matterNo: res.json().matterNo, receivedOn: today, reply: null, final: false });
    expect(tracked.body).not.toContain('13912345678');
    expect(tracked.body).not.toContain('王小明');
    expect(body.history.map((h: { label: string }) => h.label)).toEqual(['登记']);
    // Codes are read case-insensitively.
    expect((await track(code.toLowerCase())).statusCode).toBe(200);
  });

  it('shows no reply until the handling unit has replied; then the reply with phone numbers masked', async () => {
    await ok(hotline, 'hotline', id, 'route', { handlerOrgId: org['NH-JDS'] });
    await ok(inspector1, 'hotline', id, 'start_verification');
    let body = (await track(code)).json();
    expect(body.reply).toBeNull();
    expect(body.handlerOrgName).toBe('嘉兴市南湖区卫生监督所');
    const lead = await ok(inspector1, 'hotline', id, 'open_case_lead', { cause: '未取得医疗机构执业许可证擅自执业', partyName: '嘉兴某某美容店', partyAddress: '嘉兴市南湖区某路1号' });
    expect(lead.caseId).toEqual(expect.any(Number));
    await ok(inspector1, 'hotline', id, 'reply', { finding: 'substantiated', reply: '经查属实，已立案调查。王小明如有疑问请致电0573-82345678或13812345678。' });
    const tracked = await track(code);
    body = tracked.json();
    expect(body.stateName).toBe('已答复，待回访');
    expect(body.reply).toContain('经查属实，已立案调查');
    expect(body.reply).toContain('138****5678');
    expect(body.reply).toContain('王某某');
    expect(tracked.body).not.toContain('13812345678');
    expect(tracked.body).not.toContain('82345678');
    expect(tracked.body).not.toContain('王小明');
    await ok(hotline, 'hotline', id, 'callback', { satisfaction: 'basically_satisfied' });
    body = (await track(code)).json();
    expect(body).toMatchObject({ stateName: '已办结', final: true, concludedOn: today });
    expect(body.reply).toContain('经查属实');
  });

  it('a malformed code answers 400, a well-formed unknown one 404', async () => {
    expect((await track('ABC')).statusCode).toBe(400);
    expect((await track('ABCDEFGHJKLMNPQ0')).statusCode).toBe(400);
    expect((await track(`${code}X`)).statusCode).toBe(400);
    const unknown = code === 'ABCDEFGHJKLMNPQR' ? 'ABCDEFGHJKLMNPQS' : 'ABCDEFGHJKLMNPQR';
    const res = await track(unknown);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('查询码不正确');
  });
});

describe('abuse', () => {
  it(`accepts ${PUBLIC_FILINGS_PER_HOUR} filings an hour from one address, then answers 429; another address still files`, async () => {
    const ip = '10.99.0.1';
    const complaint = { orgId: org['NH-JDS'], anonymous: true, entityName: '某某诊所', summary: '频率限制测试' };
    for (let i = 0; i < PUBLIC_FILINGS_PER_HOUR - 1; i++) expect((await file('/api/public/complaints', complaint, ip)).statusCode).toBe(200);
    // Disclosure requests count against the same allowance.
    const disclosure = { orgId: org['NH-WJJ'], contactName: '李四', contactPhone: '13800000000', title: '频率限制测试' };
    expect((await file('/api/public/disclosure-requests', disclosure, ip)).statusCode).toBe(200);
    const before = await matterCount();
    const refused = await file('/api/public/complaints', complaint, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await file('/api/public/disclosure-requests', disclosure, ip)).statusCode).toBe(429);
    expect(await matterCount()).toBe(before);
    const stored = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM matters WHERE submitter_ip = '10.99.0.1'");
    expect(stored!.n).toBe(PUBLIC_FILINGS_PER_HOUR);
    expect((await file('/api/public/complaints', complaint, '10.99.0.2')).statusCode).toBe(200);
  });

  it(`allows ${PUBLIC_TRACKING_PER_MINUTE} look-ups a minute from one address`, async () => {
    const ip = '10.98.0.1';
    for (let i = 0; i < PUBLIC_TRACKING_PER_MINUTE; i++) expect((await track('ABCDEFGHJKLMNPQR', ip)).statusCode).toBe(404);
    expect((await track('ABCDEFGHJKLMNPQR', ip)).statusCode).toBe(429);
  });

  it('refuses a body over 32 KB and stores nothing', async () => {
    const before = await matterCount();
    const big = { orgId: org['JX-WJW'], anonymous: true, entityName: '某单位', summary: '大'.repeat(12_000) };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(32 * 1024);
    const res = await file('/api/public/complaints', big);
    expect([413, 400]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const disclosure = await file('/api/public/disclosure-requests', { orgId: org['JX-WJW'], contactName: '李四', contactPhone: '13800000000', title: '大'.repeat(12_000) });
    expect([413, 400]).toContain(disclosure.statusCode);
    // Within the body limit but beyond a field's own limit.
    const long = await file('/api/public/complaints', { orgId: org['JX-WJW'], anonymous: true, entityName: '某单位', summary: '长'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(await matterCount()).toBe(before);
  });
});

describe('a disclosure request filed on the portal', () => {
  it('appears in the office’s list with source portal, and its tracking page shows the correction notice', async () => {
    const missingPhone = await file('/api/public/disclosure-requests', { orgId: org['JX-WJW'], contactName: '赵六', title: '某信息' });
    expect(missingPhone.statusCode).toBe(400);
    const res = await file('/api/public/disclosure-requests', {
      orgId: org['JX-WJW'], contactName: '赵六一', contactPhone: '13700001234', contactEmail: 'zhao@example.com', title: '2025年本市医疗机构行政处罚汇总', summary: '电子邮件',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { trackingCode, matterNo } = res.json();
    expect(trackingCode).toMatch(CODE);
    const list = (await office.get(`/api/matters/disclosure?q=${encodeURIComponent(matterNo)}`)).json();
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ source: 'portal', channel: 'portal', state: 'received', contactName: '赵六一', contactEmail: 'zhao@example.com' });
    const id = list.rows[0].id;
    await ok(office, 'disclosure', id, 'request_correction', { notice: '请说明所需信息的具体范围，可致电13700001234联系赵六一' });
    const body = (await track(trackingCode)).json();
    expect(body).toMatchObject({ kind: 'disclosure', contactName: '赵某某', stateName: '已告知补正，待申请人补正', reply: null });
    const notice = body.history.find((h: { label: string }) => h.label === '一次性告知补正');
    expect(notice.note).toContain('请说明所需信息的具体范围');
    expect(notice.note).not.toContain('13700001234');
    expect(notice.note).not.toContain('赵六一');
    await ok(office, 'disclosure', id, 'corrected');
    await ok(office, 'disclosure', id, 'answer', { answerType: 'disclosed', reply: '现将所需信息随函提供' });
    const answered = (await track(trackingCode)).json();
    expect(answered).toMatchObject({ stateName: '已答复', outcome: 'disclosed', reply: '现将所需信息随函提供', final: true });
  });
});

describe('a complaint naming an entity of the directory', () => {
  it('is linked to the entity, and a second one to the first as a repeated complaint', async () => {
    // An entity whose name no other entity shares.
    const e = (await env.db.one<{ id: number; name: string }>(
      `SELECT e.id, e.name FROM entities e WHERE (SELECT count(*) FROM entities x WHERE x.name = e.name) = 1 ORDER BY e.id DESC LIMIT 1`))!;
    const first = await file('/api/public/complaints', { orgId: org['JX-WJW'], anonymous: true, entityName: e.name, summary: '候诊区吸烟无人劝阻' });
    const second = await file('/api/public/complaints', { orgId: org['JX-WJW'], anonymous: true, entityName: ` ${e.name} `, summary: '又见吸烟' });
    expect(first.statusCode, first.body).toBe(200);
    const rows = await env.db.query<{ id: number; entity_id: number | null; repeat_of_id: number | null; tracking_code: string }>(
      'SELECT id, entity_id, repeat_of_id, tracking_code FROM matters WHERE tracking_code = ANY($1) ORDER BY id', [[first.json().trackingCode, second.json().trackingCode]]);
    expect(rows.map((r) => r.entity_id)).toEqual([e.id, e.id]);
    expect(rows[1].repeat_of_id).toBe(rows[0].id);
    // A name the directory does not hold stays text only.
    const unknown = await file('/api/public/complaints', { orgId: org['JX-WJW'], anonymous: true, entityName: `不存在的单位${Date.now()}`, summary: '举报' });
    expect((await env.db.one<{ entity_id: number | null }>('SELECT entity_id FROM matters WHERE tracking_code = $1', [unknown.json().trackingCode]))!.entity_id).toBeNull();
  });
});
