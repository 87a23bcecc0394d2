// Applications through the API on a real database: the portal form and its Chinese
// validation, the rate limit, the one complete correction notice, acceptance with
// materials outstanding, the applicant's supplements with the tracking code, approval
// issuing an SM2-signed e-licence that the public page verifies, tampering detected,
// revocation, renewal, filing and commitment checks, publication (masked), permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { PUBLIC_APPLICATIONS_PER_HOUR } from './rateLimit';
import { csv, multipart } from '../datasets/testFiles';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { revokeByDecision } from './licences';
import { makeUscc } from '../../seed/codes';

let env: TestEnv;
let window: Client;
let leader: Client;
let inspector: Client;
const today = todayInChina();

const MATERIALS = [
  { code: 'M1', name: '卫生许可申请书', required: true, replaceable: null },
  { code: 'M2', name: '营业执照', required: true, replaceable: 'e_licence', licenceName: '营业执照' },
  { code: 'M3', name: '卫生检测报告', required: true, replaceable: 'data_check' },
  { code: 'M4', name: '从业人员健康合格证明', required: true, replaceable: null },
];

async function insertItem(code: string, extra: Record<string, unknown>): Promise<void> {
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  const v = {
    name: '测试公共场所卫生许可', category: 'public_health', kind: 'licence', statutory: 20, promised: 5, commitment: true, deficiency: true,
    licence: '公共场所卫生许可证', years: 4, materials: MATERIALS, ...extra,
  } as Record<string, unknown>;
  await env.db.query(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, commitment_allowed, deficiency_allowed,
       materials, licence_name, licence_valid_years, published_at)
     VALUES ($1,$2,$3,$4,$5,'《公共场所卫生管理条例》第八条',$6,$7,true,$8,$9,$10,$11,$12,now())`,
    [code, root!.id, v.name, v.category, v.kind, v.statutory, v.promised, v.commitment, v.deficiency, JSON.stringify(v.materials), v.licence, v.years]);
}

const applicant = {
  applicantName: '嘉兴市南湖区悦来宾馆有限公司', applicantUscc: '91330402MA2B3C4D53', contactPhone: '13912345678',
  address: '嘉兴市南湖区中山路100号', scope: '住宿',
};

async function portalApply(body: Record<string, unknown>, ip = '10.1.1.1') {
  return env.app.inject({ method: 'POST', url: '/api/public/applications', payload: body, remoteAddress: ip });
}

async function step(who: Client, id: number, name: string, body: Record<string, unknown> = {}) {
  return who.post(`/api/licensing/applications/${id}/steps/${name}`, body);
}

beforeAll(async () => {
  env = await setupTestEnv();
  window = await env.as('window');
  leader = await env.as('leader');
  inspector = await env.as('inspector1');
  await insertItem('T-XK-01', {});
  await insertItem('T-BA-01', { name: '测试诊所备案', category: 'filing_other', kind: 'filing', licence: null, years: null, commitment: false, deficiency: false, materials: [MATERIALS[0]] });
  await insertItem('T-XK-NC', { name: '测试不适用告知承诺的许可', commitment: false, deficiency: false, materials: [MATERIALS[0]] });
  await insertItem('T-XK-CM', { name: '测试告知承诺不容缺的许可', commitment: true, deficiency: false });
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('the portal application form', () => {
  it('rejects bad input with Chinese messages', async () => {
    const res = await portalApply({ itemCode: 'T-XK-01', applicantName: '', applicantUscc: '91330402MA2B3C4D5X', contactPhone: '12345' });
    expect(res.statusCode).toBe(400);
    const text = res.body;
    expect(text).toContain('申请人名称');
    expect(text).toContain('校验码错误');
    expect(text).toContain('联系电话应为11位手机号码');
    const none = await portalApply({ itemCode: 'T-XK-01', applicantName: '张三' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请至少填写联系电话或电子邮箱');
    const unknown = await portalApply({ itemCode: 'NO-SUCH', applicantName: '张三', contactPhone: '13912345678' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('不存在或已停用');
    const commitment = await portalApply({ itemCode: 'T-XK-NC', applicantName: '张三', contactPhone: '13912345678', commitment: true });
    expect(commitment.statusCode).toBe(400);
    expect(commitment.json().error.message).toContain('不适用告知承诺制');
  });

  it(`accepts ${PUBLIC_APPLICATIONS_PER_HOUR} applications an hour from one address, then refuses with 429; another address still applies`, async () => {
    const body = { itemCode: 'T-BA-01', applicantName: '李四', contactPhone: '13800000000' };
    for (let i = 0; i < PUBLIC_APPLICATIONS_PER_HOUR; i++) expect((await portalApply(body, '10.9.9.9')).statusCode).toBe(200);
    const refused = await portalApply(body, '10.9.9.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/提交申请过于频繁，请\d+分钟后再试/);
    const before = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM licence_applications WHERE submitter_ip = '10.9.9.9'");
    expect(before!.n).toBe(PUBLIC_APPLICATIONS_PER_HOUR);
    expect((await portalApply(body, '10.9.9.8')).statusCode).toBe(200);
  });
});

describe('an application from the portal to a verified licence', () => {
  let code: string;
  let id: number;
  let licenceId: number;
  let token: string;

  it('is received with a tracking code and shown to the applicant', async () => {
    const res = await portalApply({ itemCode: 'T-XK-01', ...applicant, materials: [{ code: 'M1', provision: 'paper' }, { code: 'M3', provision: 'data_check' }] });
    expect(res.statusCode).toBe(200);
    code = res.json().trackingCode;
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    id = res.json().applications[0].id;
    const tracked = await env.anonymous.get(`/api/public/applications/${code}`);
    expect(tracked.json().applications[0]).toMatchObject({ state: 'submitted', stateName: '已收件，待受理', itemCode: 'T-XK-01' });
    expect(tracked.json().applications[0].missing).toEqual(['营业执照', '从业人员健康合格证明']);
  });

  it('cannot be accepted while materials are missing; the correction is asked for once, completely', async () => {
    const accept = await step(window, id, 'accept');
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.message).toContain('申请材料不齐全（缺少：营业执照、从业人员健康合格证明）');
    expect(accept.json().error.message).toContain('第三十二条');
    const noReason = await step(window, id, 'request_correction');
    expect(noReason.statusCode).toBe(409);
    expect(noReason.json().error.message).toContain('请写明需要补正的全部内容');
    const ok = await step(window, id, 'request_correction', { reason: '请补交营业执照复印件；从业人员健康合格证明可容缺后补' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('correction_requested');
    const tracked = await env.anonymous.get(`/api/public/applications/${code}`);
    expect(tracked.json().applications[0].correctionNotice).toContain('请补交营业执照复印件');
  });

  it('the applicant corrects with the tracking code; a second correction notice is refused', async () => {
    const appNo = (await window.get(`/api/licensing/applications/${id}`)).json().applicationNo;
    const res = await env.anonymous.post(`/api/public/applications/${code}/supplement`, { applicationNo: appNo, materials: [{ code: 'M2', provision: 'paper' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().applications[0]).toMatchObject({ state: 'submitted', missing: ['从业人员健康合格证明'] });
    const again = await step(window, id, 'request_correction', { reason: '再补一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('不得再次要求补正');
  });

  it('is accepted with materials outstanding; the decision clock runs the promised limit; approval waits for the materials', async () => {
    const past = await step(window, id, 'accept_with_deficiency', { owed: [{ name: '从业人员健康合格证明', dueOn: addDays(today, -1) }] });
    expect(past.statusCode).toBe(409);
    const res = await step(window, id, 'accept_with_deficiency', { owed: [{ name: '从业人员健康合格证明', dueOn: addDays(today, 10) }] });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ state: 'accepted', deficiencyAccepted: true, acceptedOn: today });
    expect(a.clocks.find((c: { id: string }) => c.id === 'decision').label).toContain('承诺5个工作日');
    expect(a.dueOn > today).toBe(true);
    const approve = await step(leader, id, 'approve');
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toContain('容缺受理的材料尚未补齐（从业人员健康合格证明）');
  });

  it('the applicant supplies the owed material; the leader approves and a signed licence is issued', async () => {
    const appNo = (await window.get(`/api/licensing/applications/${id}`)).json().applicationNo;
    const res = await env.anonymous.post(`/api/public/applications/${code}/supplement`, { applicationNo: appNo, supplied: ['从业人员健康合格证明'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().applications[0].owed[0].suppliedOn).toBe(today);
    const approve = await step(leader, id, 'approve');
    expect(approve.statusCode).toBe(200);
    expect(approve.json()).toMatchObject({ state: 'approved', outcome: 'approved', concludedOn: today });
    licenceId = approve.json().licenceId;
    const l = (await window.get(`/api/licensing/licences/${licenceId}`)).json();
    expect(l).toMatchObject({ status: 'valid', holderName: applicant.applicantName, licenceName: '公共场所卫生许可证', scope: '住宿' });
    expect(l.verification.authentic).toBe(true);
    expect(l.validTo > addDays(today, 365 * 3)).toBe(true);
    token = l.verifyToken;
  });

  it('the public page verifies the licence; the tracking page links to it', async () => {
    const v = await env.anonymous.get(`/api/public/licences/verify/${token}`);
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ authentic: true, status: 'valid', statusName: '有效', holderName: applicant.applicantName, algorithm: 'SM2' });
    const tracked = (await env.anonymous.get(`/api/public/applications/${code}`)).json().applications[0];
    expect(tracked.verifyToken).toBe(token);
    expect(tracked.canRate).toBe(true);
  });

  it('tampering with the stored data, the signature or the status makes verification fail', async () => {
    const verify = async () => (await env.anonymous.get(`/api/public/licences/verify/${token}`)).json();
    const original = await env.db.one<{ holder_name: string; payload: string; signature: string; valid_to: string }>('SELECT holder_name, payload, signature, valid_to FROM licences WHERE id = $1', [licenceId]);
    await env.db.query("UPDATE licences SET holder_name = '别的公司' WHERE id = $1", [licenceId]);
    expect(await verify()).toMatchObject({ authentic: false, problems: ['证照数据与签名时的数据不一致'] });
    await env.db.query('UPDATE licences SET holder_name = $2, payload = replace(payload, $3, $4) WHERE id = $1', [licenceId, '别的公司', original!.holder_name, '别的公司']);
    expect((await verify()).problems).toEqual(['证照数据的电子签名验证失败']);
    await env.db.query('UPDATE licences SET holder_name = $2, payload = $3, valid_to = $4 WHERE id = $1', [licenceId, original!.holder_name, original!.payload, addDays(original!.valid_to, 365)]);
    expect((await verify()).authentic).toBe(false);
    const flipped = original!.signature.slice(0, -4) + (original!.signature.endsWith('0000') ? '1111' : '0000');
    await env.db.query('UPDATE licences SET valid_to = $2, signature = $3 WHERE id = $1', [licenceId, original!.valid_to, flipped]);
    expect((await verify()).problems).toContain('证照数据的电子签名验证失败');
    await env.db.query('UPDATE licences SET signature = $2 WHERE id = $1', [licenceId, original!.signature]);
    expect((await verify()).authentic).toBe(true);
  });

  it('is revoked by a penalty decision or a reason, and the public page says so; setting the status back is detected', async () => {
    const noReason = await leader.post(`/api/licensing/licences/${licenceId}/revoke`, {});
    expect(noReason.statusCode).toBe(400);
    const res = await leader.post(`/api/licensing/licences/${licenceId}/revoke`, { reason: '依据行政处罚决定书吊销' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', statusName: '已撤销' });
    expect(res.json().events.map((e: { kind: string }) => e.kind)).toEqual(['issued', 'revoked']);
    const v = (await env.anonymous.get(`/api/public/licences/verify/${token}`)).json();
    expect(v).toMatchObject({ authentic: true, status: 'revoked', statusName: '已撤销', statusReason: '依据行政处罚决定书吊销' });
    await env.db.query("UPDATE licences SET status = 'valid' WHERE id = $1", [licenceId]);
    const forged = (await env.anonymous.get(`/api/public/licences/verify/${token}`)).json();
    expect(forged.authentic).toBe(false);
    expect(forged.problems).toContain('证照状态与签名时的状态不一致');
    await env.db.query("UPDATE licences SET status = 'revoked' WHERE id = $1", [licenceId]);
    const again = await leader.post(`/api/licensing/licences/${licenceId}/revoke`, { reason: '再次撤销' });
    expect(again.statusCode).toBe(409);
  });

  it('is published as a licensing decision within the period', async () => {
    const res = await env.anonymous.get('/api/public/licensing-decisions?q=悦来宾馆');
    expect(res.statusCode).toBe(200);
    expect(res.json().rows[0]).toMatchObject({ decision: '准予许可', applicant: applicant.applicantName, publishedOn: today, itemCode: 'T-XK-01' });
  });

  it('the applicant rates the service once', async () => {
    const appNo = (await window.get(`/api/licensing/applications/${id}`)).json().applicationNo;
    const bad = await env.anonymous.post(`/api/public/applications/${code}/rating`, { applicationNo: appNo, rating: 9 });
    expect(bad.statusCode).toBe(400);
    const ok = await env.anonymous.post(`/api/public/applications/${code}/rating`, { applicationNo: appNo, rating: 5, comment: '很方便' });
    expect(ok.statusCode).toBe(200);
    expect((await env.anonymous.post(`/api/public/applications/${code}/rating`, { applicationNo: appNo, rating: 4 })).statusCode).toBe(409);
  });
});

describe('at the window', () => {
  it('registers an application, approves it under commitment, schedules the check; a false commitment revokes the licence', async () => {
    const res = await window.post('/api/licensing/applications', {
      channel: 'window', itemCode: 'T-XK-01', applicantName: '嘉兴市南湖区清风浴室', applicantUscc: '91330402MA2B3C4D53', contactPhone: '0573-82345678', commitment: true,
      materials: ['M1', 'M2', 'M3', 'M4'].map((c) => ({ code: c, provision: 'paper' })),
    });
    expect(res.statusCode).toBe(200);
    const id = res.json().applications[0].id;
    expect((await step(window, id, 'accept')).statusCode).toBe(200);
    const approved = await step(window, id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json().check).toMatchObject({ state: 'open' });
    expect(approved.json().check.dueOn > today).toBe(true);
    const checks = (await window.get('/api/licensing/checks?state=open')).json();
    const check = checks.rows.find((c: { applicationId: number }) => c.applicationId === id);
    expect(check).toBeTruthy();
    const done = await window.post(`/api/licensing/checks/${check.id}`, { result: 'false_commitment', finding: '现场核查，未按承诺配备消毒设施' });
    expect(done.statusCode).toBe(200);
    expect(done.json().state).toBe('false_commitment');
    const licence = (await window.get(`/api/licensing/licences/${approved.json().licenceId}`)).json();
    expect(licence).toMatchObject({ status: 'revoked' });
    expect(licence.events.at(-1)).toMatchObject({ kind: 'commitment_false' });
    expect((await window.post(`/api/licensing/checks/${check.id}`, { result: 'confirmed', finding: '再次' })).statusCode).toBe(409);
    expect((await inspector.post(`/api/licensing/checks/${check.id}`, { result: 'confirmed', finding: '区里的监督员' })).statusCode).toBe(404);
  });

  it('under notification and commitment, materials may be owed and the licence decided before they come; without it, not', async () => {
    const owed = [{ name: '卫生检测报告', dueOn: addDays(today, 20) }];
    const plain = (await window.post('/api/licensing/applications', { itemCode: 'T-XK-CM', applicantName: '嘉兴市承诺测试浴室', contactPhone: '13700000014', materials: [{ code: 'M1', provision: 'paper' }] })).json();
    const refused = await step(window, plain.applications[0].id, 'accept_with_deficiency', { owed });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('该事项不适用容缺受理，申请人也未选择告知承诺');

    const res = await window.post('/api/licensing/applications', {
      itemCode: 'T-XK-CM', applicantName: '嘉兴市承诺测试浴室', contactPhone: '13700000014', commitment: true,
      materials: [{ code: 'M1', provision: 'paper' }, { code: 'M2', provision: 'paper' }, { code: 'M4', provision: 'paper' }],
    });
    const id = res.json().applications[0].id;
    expect((await step(window, id, 'accept_with_deficiency', { owed })).statusCode).toBe(200);
    const approved = await step(leader, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', commitment: true, check: { state: 'open' } });
    expect(approved.json().licenceId).toBeTruthy();
  });

  it('records a filing on submission, with a check to follow; one with a material missing waits at the window', async () => {
    const portal = await portalApply({ itemCode: 'T-BA-01', applicantName: '王医生诊所', contactPhone: '13700000000', materials: [{ code: 'M1', provision: 'paper' }] }, '10.3.3.3');
    expect(portal.statusCode).toBe(200);
    const filed = (await window.get(`/api/licensing/applications/${portal.json().applications[0].id}`)).json();
    expect(filed).toMatchObject({ state: 'approved', outcome: 'approved', licenceId: null, acceptedOn: today, concludedOn: today, instant: true });
    expect(filed.check.state).toBe('open');
    const tracked = (await env.anonymous.get(`/api/public/applications/${portal.json().trackingCode}`)).json();
    expect(tracked.applications[0].stateName).toBe('准予许可（备案）');
    const audit = await env.db.one<{ username: string }>("SELECT username FROM audit_log WHERE action = 'licensing.application.record_filing' AND object_id = $1", [filed.applicationNo]);
    expect(audit).toBeTruthy();

    const res = await window.post('/api/licensing/applications', { itemCode: 'T-BA-01', applicantName: '李医生诊所', contactPhone: '13700000009', materials: [] });
    const id = res.json().applications[0].id;
    expect((await window.get(`/api/licensing/applications/${id}`)).json()).toMatchObject({ state: 'submitted', check: null });
    const accept = await step(window, id, 'accept');
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.message).toContain('备案事项');
    const incomplete = await step(window, id, 'record_filing');
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.message).toContain('卫生许可申请书');
    const later = await step(window, id, 'record_filing', { materials: [{ code: 'M1', provision: 'paper' }] });
    expect(later.statusCode).toBe(200);
    expect(later.json()).toMatchObject({ state: 'approved', outcome: 'approved' });
    expect(later.json().check.state).toBe('open');
  });

  it('refuses with reasons and remedies; the person’s name is masked in the publication', async () => {
    const res = await window.post('/api/licensing/applications', { itemCode: 'T-XK-NC', applicantName: '赵大明', contactPhone: '13700000001', materials: [{ code: 'M1', provision: 'paper' }] });
    const id = res.json().applications[0].id;
    await step(window, id, 'accept');
    const noRemedies = await step(window, id, 'refuse', { reason: '经现场核查不符合卫生要求' });
    expect(noRemedies.statusCode).toBe(409);
    expect(noRemedies.json().error.message).toContain('行政复议或者提起行政诉讼');
    const refused = await step(window, id, 'refuse', { reason: '经现场核查不符合卫生要求', remedies: '可在六十日内申请行政复议或六个月内提起行政诉讼' });
    expect(refused.json()).toMatchObject({ state: 'refused', outcome: 'refused' });
    const pub = (await env.anonymous.get(`/api/public/licensing-decisions?q=${encodeURIComponent('T-XK-NC')}`)).json();
    const row = pub.rows.find((r: { applicationNo: string }) => r.applicationNo === refused.json().applicationNo);
    expect(row).toMatchObject({ decision: '不予许可', applicant: '赵某某' });
  });

  it('renews a licence: a new licence supersedes the old, and the old one’s page points to it', async () => {
    const res = await window.post('/api/licensing/applications', { itemCode: 'T-XK-NC', applicantName: '嘉兴市秀洲区康乐游泳馆', contactPhone: '13700000002', materials: [{ code: 'M1', provision: 'paper' }] });
    const id = res.json().applications[0].id;
    await step(window, id, 'accept');
    const approved = (await step(window, id, 'approve', { validTo: addDays(today, 20) })).json();
    const expiring = (await window.get('/api/licensing/licences?expiringWithin=30&q=康乐')).json();
    expect(expiring.rows.map((r: { id: number }) => r.id)).toEqual([approved.licenceId]);
    const renewed = await window.post(`/api/licensing/licences/${approved.licenceId}/replace`, { kind: 'renewed', reason: '持证人申请延续', validTo: addDays(today, 4 * 365) });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toMatchObject({ status: 'valid', previousId: approved.licenceId, validFrom: addDays(today, 21) });
    const old = (await window.get(`/api/licensing/licences/${approved.licenceId}`)).json();
    expect(old).toMatchObject({ status: 'superseded', nextId: renewed.json().id });
    const page = (await env.anonymous.get(`/api/public/licences/verify/${old.verifyToken}`)).json();
    expect(page).toMatchObject({ authentic: true, status: 'superseded', supersededBy: renewed.json().licenceNo });
  });

  it('references an e-licence instead of a paper copy, of the kind the material names and held by the applicant, counted as reused and proof-free', async () => {
    const issued = await env.db.one<{ licence_no: string; licence_name: string; holder_name: string; holder_uscc: string | null }>(
      "SELECT licence_no, licence_name, holder_name, holder_uscc FROM licences WHERE status = 'valid' AND holder_uscc IS NULL AND licence_name = '公共场所卫生许可证' ORDER BY id DESC LIMIT 1");
    // T-XK-EL asks for the holder's current 公共场所卫生许可证, T-XK-01 for a 营业执照.
    await insertItem('T-XK-EL', { name: '测试公共场所卫生许可变更', materials: [MATERIALS[0], { code: 'M2', name: '原公共场所卫生许可证', required: true, replaceable: 'e_licence', licenceName: '公共场所卫生许可证' }] });
    const other = await window.post('/api/licensing/applications', {
      itemCode: 'T-XK-EL', applicantName: '另一家单位', contactPhone: '13700000003',
      materials: [{ code: 'M1', provision: 'paper' }, { code: 'M2', provision: 'e_licence', licenceNo: issued!.licence_no }],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('持证人不是申请人');
    const wrongKind = await window.post('/api/licensing/applications', {
      itemCode: 'T-XK-01', applicantName: issued!.holder_name, contactPhone: '13700000003',
      materials: [{ code: 'M1', provision: 'paper' }, { code: 'M2', provision: 'e_licence', licenceNo: issued!.licence_no }],
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.message).toBe(`电子证照“${issued!.licence_no}”是公共场所卫生许可证，“营业执照”须引用营业执照`);
    const res = await window.post('/api/licensing/applications', {
      itemCode: 'T-XK-EL', applicantName: issued!.holder_name, contactPhone: '13700000003',
      materials: [{ code: 'M1', provision: 'paper' }, { code: 'M2', provision: 'e_licence', licenceNo: issued!.licence_no }],
    });
    expect(res.statusCode).toBe(200);
    const a = (await window.get(`/api/licensing/applications/${res.json().applications[0].id}`)).json();
    expect(a).toMatchObject({ eLicenceReused: true, proofFree: true });
    expect(a.materials.find((m: { code: string }) => m.code === 'M2')).toMatchObject({ provision: 'e_licence', licenceNo: issued!.licence_no });
  });

  it('takes a “one thing” bundle in one form: one tracking code, each item its own materials though their codes repeat', async () => {
    const res = await portalApply({
      bundleCode: 'YJS-XKZS-01', applicantName: '王建国', contactPhone: '13700000010',
      // M02 is the business licence of the clinic filing and the applicant's ID proof of the nurse registration.
      materials: [{ itemCode: 'BA-ZS-01', code: 'M02', provision: 'paper' }, { itemCode: 'XK-HSZC-01', code: 'M02', provision: 'data_check' }],
    }, '10.2.2.2');
    expect(res.statusCode).toBe(200);
    const apps = res.json().applications as { id: number; itemCode: string }[];
    expect(apps.map((a) => a.itemCode)).toEqual(['BA-ZS-01', 'XK-YSZC-01', 'XK-HSZC-01']);
    const filing = (await window.get(`/api/licensing/applications/${apps[0].id}`)).json();
    const nurse = (await window.get(`/api/licensing/applications/${apps[2].id}`)).json();
    expect(filing.materials.find((m: { code: string }) => m.code === 'M02').provision).toBe('paper');
    expect(nurse.materials.find((m: { code: string }) => m.code === 'M02').provision).toBe('data_check');
    expect(filing.bundle.map((b: { id: number }) => b.id)).toEqual([apps[1].id, apps[2].id]);
    const tracked = (await env.anonymous.get(`/api/public/applications/${res.json().trackingCode}`)).json();
    expect(tracked.applications).toHaveLength(3);
  });

  it('a clinic’s bundle registers its doctor and nurse as the holders of their own registrations; only staff registrations take another holder', async () => {
    const materials = [
      ...['M01', 'M02', 'M03', 'M04', 'M05', 'M06'].map((code) => ({ itemCode: 'BA-ZS-01', code, provision: code === 'M03' || code === 'M05' ? 'data_check' : 'paper' })),
      ...['M01', 'M02', 'M03', 'M04', 'M05'].map((code) => ({ itemCode: 'XK-YSZC-01', code, provision: code === 'M03' ? 'data_check' : 'paper' })),
      ...['M01', 'M02', 'M03', 'M04', 'M05', 'M06'].map((code) => ({ itemCode: 'XK-HSZC-01', code, provision: ['M02', 'M03', 'M04'].includes(code) ? 'data_check' : 'paper' })),
    ];
    const clinic = { bundleCode: 'YJS-XKZS-01', applicantName: '嘉兴市南湖区仁心诊所', applicantUscc: makeUscc('52', '330402', 11_223_344), contactPhone: '13700000013', materials };
    const res = await portalApply({ ...clinic, holders: [{ itemCode: 'XK-YSZC-01', name: '钱医生' }, { itemCode: 'XK-HSZC-01', name: '孙护士' }] }, '10.4.4.4');
    expect(res.statusCode, res.body).toBe(200);
    const apps = res.json().applications as { id: number; itemCode: string }[];
    const [filing, doctor, nurse] = await Promise.all(apps.map(async (a) => (await window.get(`/api/licensing/applications/${a.id}`)).json()));
    expect(filing).toMatchObject({ applicantName: '嘉兴市南湖区仁心诊所', state: 'approved' });
    expect(doctor).toMatchObject({ applicantName: '钱医生', applicantUscc: null, state: 'submitted' });
    expect(nurse).toMatchObject({ applicantName: '孙护士', applicantUscc: null });
    const tracked = (await env.anonymous.get(`/api/public/applications/${res.json().trackingCode}`)).json();
    expect(tracked.applicantName).toBe('嘉兴市南湖区仁心诊所');
    expect(tracked.applications.map((a: { holderName: string }) => a.holderName)).toEqual(['嘉兴市南湖区仁心诊所', '钱医生', '孙护士']);
    // The doctor's licence is the doctor's.
    await step(window, doctor.id, 'accept');
    const approved = (await step(leader, doctor.id, 'approve')).json();
    expect((await window.get(`/api/licensing/licences/${approved.licenceId}`)).json()).toMatchObject({ holderName: '钱医生', holderUscc: null, licenceName: '医师执业证书' });

    const notStaff = await portalApply({ ...clinic, holders: [{ itemCode: 'BA-ZS-01', name: '钱医生' }] }, '10.4.4.4');
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().error.message).toBe('“诊所备案”不是医护人员执业注册，持证人即申请人');
    const notInBundle = await portalApply({ ...clinic, holders: [{ itemCode: 'XK-GGCS-01', name: '钱医生' }] }, '10.4.4.4');
    expect(notInBundle.json().error.message).toBe('“一件事”套餐中没有事项“XK-GGCS-01”');
    const single = await portalApply({ itemCode: 'XK-YSZC-01', applicantName: '钱医生', contactPhone: '13700000013', holders: [{ itemCode: 'XK-YSZC-01', name: '孙护士' }] }, '10.4.4.4');
    expect(single.statusCode).toBe(400);
    expect(single.json().error.message).toContain('只有“一件事”套餐可以为各事项分别填写执业人员');
  });

  it('a penalty decision revoking the licence (吊销许可证) ends the holder’s valid licences, the case named, and the public page says so', async () => {
    const entity = (await env.db.one<{ id: number; uscc: string; name: string }>(
      `SELECT e.id, e.uscc, e.name FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'NH-JDS' AND e.category = 'public_place'
         AND NOT EXISTS (SELECT 1 FROM licences l WHERE l.entity_id = e.id) ORDER BY e.id LIMIT 1`))!;
    const res = await window.post('/api/licensing/applications', { itemCode: 'T-XK-NC', applicantName: entity.name, applicantUscc: entity.uscc, contactPhone: '13700000011', materials: [{ code: 'M1', provision: 'paper' }] });
    const id = res.json().applications[0].id;
    await step(window, id, 'accept');
    const licenceId = (await step(window, id, 'approve')).json().licenceId;
    const legal = await env.as('legal');
    const m = multipart('penalty_cases.csv', csv([
      ['case_no', 'org_code', 'entity_uscc', 'party_name', 'procedure', 'opened_on', 'decided_on', 'closed_on', 'fine_yuan', 'confiscation_yuan', 'sanctions', 'major',
        'legal_review_submitted_on', 'legal_review_completed_on', 'published_on', 'paid_on', 'paid_yuan', 'transferred_on', 'provisions'],
      ['NH-XK-REVOKE-1', 'NH-JDS', entity.uscc, '', 'general', addDays(today, -30), today, '', '', '', 'licence_revoked', 'Y', '', '', '', '', '', '', ''],
    ]));
    expect((await legal.post('/api/imports/penalty_cases', m.body, m.headers)).statusCode).toBe(200);
    const c = await env.db.one<{ id: number }>("SELECT id FROM penalty_cases WHERE case_no = 'NH-XK-REVOKE-1'");
    const revoked = await env.db.transaction((tx) => revokeByDecision(tx, SYSTEM_ACTOR('test'), entity.id, c!.id, 'NH-XK-REVOKE-1', today));
    expect(revoked).toHaveLength(1);
    const l = (await window.get(`/api/licensing/licences/${licenceId}`)).json();
    expect(l).toMatchObject({ status: 'revoked', statusReason: '行政处罚决定吊销许可证（NH-XK-REVOKE-1）' });
    expect(l.events.at(-1)).toMatchObject({ kind: 'revoked', caseId: c!.id });
    const page = (await env.anonymous.get(`/api/public/licences/verify/${l.verifyToken}`)).json();
    expect(page).toMatchObject({ authentic: true, status: 'revoked', statusName: '已撤销' });
    // The published decision stands, the licence's revocation beside it.
    const published = (await env.anonymous.get(`/api/public/licensing-decisions?q=${encodeURIComponent(l.licenceNo)}`)).json();
    expect(published).toMatchObject({ total: 1, publicationWorkdays: 7 });
    expect(published.rows[0]).toMatchObject({ decision: '准予许可', licenceNo: l.licenceNo, licenceStatus: 'revoked', licenceStatusName: '已撤销', licenceStatusOn: today });
    // Nothing left to revoke a second time.
    expect(await env.db.transaction((tx) => revokeByDecision(tx, SYSTEM_ACTOR('test'), entity.id, c!.id, 'NH-XK-REVOKE-1', today))).toEqual([]);
  });

  it('a licence issued before its holder is in the directory is linked when the entity is entered, so a penalty decision revokes it', async () => {
    const uscc = makeUscc('92', '330402', 76_543_210);
    expect(await env.db.one('SELECT id FROM entities WHERE uscc = $1', [uscc])).toBeUndefined();
    const res = await window.post('/api/licensing/applications', { itemCode: 'T-XK-NC', applicantName: '嘉兴市南湖区新开张美发店', applicantUscc: uscc, contactPhone: '13700000012', materials: [{ code: 'M1', provision: 'paper' }] });
    const id = res.json().applications[0].id;
    await step(window, id, 'accept');
    const licenceId = (await step(window, id, 'approve')).json().licenceId;
    expect((await window.get(`/api/licensing/licences/${licenceId}`)).json().entityId).toBeNull();
    const org = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'");
    const created = await (await env.as('admin')).post('/api/entities', {
      uscc, name: '嘉兴市南湖区新开张美发店', category: 'public_place', regionCode: '330402', address: '嘉兴市南湖区中山路8号', orgId: org!.id, legalRep: '周某', riskClass: 'low', creditGrade: 'B',
    });
    expect(created.statusCode).toBe(200);
    const entityId = created.json().id;
    expect((await window.get(`/api/licensing/licences/${licenceId}`)).json().entityId).toBe(entityId);
    expect((await env.db.one<{ entity_id: number }>('SELECT entity_id FROM licence_applications WHERE id = $1', [id]))!.entity_id).toBe(entityId);
    // The entity's licence now counts for it: a penalty decision revoking the licence ends it.
    const m = multipart('penalty_cases.csv', csv([
      ['case_no', 'org_code', 'entity_uscc', 'party_name', 'procedure', 'opened_on', 'decided_on', 'closed_on', 'fine_yuan', 'confiscation_yuan', 'sanctions', 'major',
        'legal_review_submitted_on', 'legal_review_completed_on', 'published_on', 'paid_on', 'paid_yuan', 'transferred_on', 'provisions'],
      ['NH-XK-LINK-1', 'NH-JDS', uscc, '', 'general', addDays(today, -30), today, '', '', '', 'licence_revoked', 'Y', '', '', '', '', '', '', ''],
    ]));
    expect((await (await env.as('legal')).post('/api/imports/penalty_cases', m.body, m.headers)).statusCode).toBe(200);
    const c = await env.db.one<{ id: number }>("SELECT id FROM penalty_cases WHERE case_no = 'NH-XK-LINK-1'");
    const revoked = await env.db.transaction((tx) => revokeByDecision(tx, SYSTEM_ACTOR('test'), entityId, c!.id, 'NH-XK-LINK-1', today));
    expect(revoked).toEqual([(await window.get(`/api/licensing/licences/${licenceId}`)).json().licenceNo]);
  });

  it('keeps roles to their steps and districts to their data', async () => {
    const res = await window.post('/api/licensing/applications', { itemCode: 'T-XK-NC', applicantName: '权限测试', contactPhone: '13700000004', materials: [{ code: 'M1', provision: 'paper' }] });
    const id = res.json().applications[0].id;
    expect((await step(inspector, id, 'accept')).statusCode).toBe(404); // a district's inspector: outside the data scope
    expect((await leader.get(`/api/licensing/applications/${id}`)).statusCode).toBe(200);
    expect((await step(leader, id, 'accept')).statusCode).toBe(403);
    const office = await env.as('office');
    expect((await office.get('/api/licensing/applications')).statusCode).toBe(403);
    const audit = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'licensing.application.submit'");
    expect(audit!.n).toBeGreaterThan(5);
  });
});
