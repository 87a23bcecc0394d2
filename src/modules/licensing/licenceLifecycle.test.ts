// A licence's life after issue through the API on a real database: the printable licence
// (Word) carries its particulars and the QR code of its public verification address; a
// change (变更) and a re-issue (补发) each issue a signed successor and supersede the old
// one, the history kept on both and the public page pointing forward; a cancellation
// (注销) and a revocation (撤销) end it, the public page saying so, and nothing more can
// be done with it. Each step is audited.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { issueLicence } from './licences';
import { licenceQrPng, verifyUrl } from './document';

let env: TestEnv;
let leader: Client;
let window: Client;
const today = todayInChina();

async function issue(holderName: string): Promise<number> {
  const org = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  const issued = await env.db.transaction((tx) => issueLicence(tx, SYSTEM_ACTOR('test'), {
    licenceName: '公共场所卫生许可证', itemId: null, orgId: org!.id, holderName, holderUscc: null, entityId: null, scope: '住宿', address: '嘉兴市南湖区中山路1号',
    issuedOn: today, validFrom: today, validTo: addDays(today, 4 * 365), applicationId: null, previousId: null, source: 'platform',
  }));
  return issued.id;
}
const licence = async (id: number) => (await window.get(`/api/licensing/licences/${id}`)).json();
const publicPage = async (token: string) => (await env.anonymous.get(`/api/public/licences/verify/${token}`)).json();
const audits = async (action: string) => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))!.n;

beforeAll(async () => {
  env = await setupTestEnv();
  leader = await env.as('leader');
  window = await env.as('window');
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('the printable licence', () => {
  it('is a Word document with the particulars and the QR code of the verification address', async () => {
    const l = await licence(await issue('嘉兴市打印测试宾馆'));
    const res = await window.get(`/api/licensing/licences/${l.id}/document`, { host: 'hrl.example.gov.cn' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const url = verifyUrl('http://hrl.example.gov.cn', l.verifyToken);
    for (const s of [l.licenceNo, '嘉兴市打印测试宾馆', '公共场所卫生许可证', '住宿', url]) expect(xml).toContain(s);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !f.endsWith('/'));
    expect(media).toHaveLength(1);
    // The image is the QR code of that address, as the generator makes it.
    expect(Buffer.compare(await zip.file(media[0])!.async('nodebuffer'), await licenceQrPng(url))).toBe(0);
  });
});

describe('change, re-issue, cancellation and revocation', () => {
  it('a change issues a signed successor with the new particulars; the old one is superseded and points to it', async () => {
    const old = await licence(await issue('嘉兴市变更前宾馆'));
    const same = await leader.post(`/api/licensing/licences/${old.id}/replace`, { kind: 'changed', reason: '名称变更', holderName: '嘉兴市变更前宾馆' });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.message).toBe('变更的内容与原证照相同');
    // Reading licences (政策法规处) is not deciding on them.
    expect((await (await env.as('legal')).post(`/api/licensing/licences/${old.id}/replace`, { kind: 'changed', reason: '名称变更', holderName: '嘉兴市变更后宾馆' })).statusCode).toBe(403);
    const res = await leader.post(`/api/licensing/licences/${old.id}/replace`, { kind: 'changed', reason: '持证单位名称变更', holderName: '嘉兴市变更后宾馆', scope: '住宿、沐浴' });
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json();
    expect(next).toMatchObject({ status: 'valid', holderName: '嘉兴市变更后宾馆', scope: '住宿、沐浴', previousId: old.id, validTo: old.validTo, verification: { authentic: true } });
    expect(next.licenceNo).not.toBe(old.licenceNo);
    expect(next.events.map((e: { kind: string }) => e.kind)).toEqual(['changed']);
    const before = await licence(old.id);
    expect(before).toMatchObject({ status: 'superseded', nextId: next.id });
    expect(before.events.map((e: { kind: string }) => e.kind)).toEqual(['issued', 'changed']);
    expect(await publicPage(old.verifyToken)).toMatchObject({ authentic: true, status: 'superseded', supersededBy: next.licenceNo });
    expect(await publicPage(next.verifyToken)).toMatchObject({ authentic: true, status: 'valid', holderName: '嘉兴市变更后宾馆' });
    expect(await audits('licence.change')).toBe(1);
    // The superseded licence can be neither changed again nor cancelled.
    expect((await leader.post(`/api/licensing/licences/${old.id}/cancel`, { reason: '误操作' })).statusCode).toBe(409);
  });

  it('a re-issue (补发) keeps the particulars and validity under a new number', async () => {
    const old = await licence(await issue('嘉兴市补发测试宾馆'));
    const next = (await leader.post(`/api/licensing/licences/${old.id}/replace`, { kind: 'reissued', reason: '原证遗失，申请补发' })).json();
    expect(next).toMatchObject({ status: 'valid', holderName: old.holderName, scope: old.scope, address: old.address, validFrom: old.validFrom, validTo: old.validTo, previousId: old.id });
    expect((await licence(old.id)).status).toBe('superseded');
    expect(await audits('licence.reissue')).toBe(1);
  });

  it('a cancellation (注销) and a revocation (撤销) end the licence; the public page says which, and why', async () => {
    const cancelled = await licence(await issue('嘉兴市注销测试宾馆'));
    const noReason = await leader.post(`/api/licensing/licences/${cancelled.id}/cancel`, {});
    expect(noReason.statusCode).toBe(400);
    expect((await leader.post(`/api/licensing/licences/${cancelled.id}/cancel`, { reason: '持证人申请注销（歇业）' })).statusCode).toBe(200);
    expect(await publicPage(cancelled.verifyToken)).toMatchObject({ authentic: true, status: 'cancelled', statusReason: '持证人申请注销（歇业）' });
    expect((await leader.post(`/api/licensing/licences/${cancelled.id}/cancel`, { reason: '再次' })).json().error.message).toContain('该证照已');

    const revoked = await licence(await issue('嘉兴市撤销测试宾馆'));
    expect((await leader.post(`/api/licensing/licences/${revoked.id}/revoke`, { reason: '以欺骗手段取得许可，依法撤销' })).statusCode).toBe(200);
    const page = await publicPage(revoked.verifyToken);
    expect(page).toMatchObject({ authentic: true, status: 'revoked', statusReason: '以欺骗手段取得许可，依法撤销' });
    expect((await licence(revoked.id)).events.map((e: { kind: string }) => e.kind)).toEqual(['issued', 'revoked']);
    expect((await leader.post(`/api/licensing/licences/${revoked.id}/replace`, { kind: 'renewed', reason: '延续', validTo: addDays(today, 3000) })).statusCode).toBe(409);
  });
});
