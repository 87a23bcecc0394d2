// The public verification page keeps the results of recent verifications (licences.ts,
// verificationOf): a change to any stored column after a verified (and cached) success is
// still detected, and setting the row back verifies again; "expired" follows the day,
// not the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { LICENCE_SELECT, issueLicence, verificationOf, type LicenceRow } from './licences';

let env: TestEnv;
let id: number;
let token: string;
const today = todayInChina();

const verify = async () => {
  const res = await env.anonymous.get(`/api/public/licences/verify/${token}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { authentic: boolean; problems: string[]; status: string };
};

beforeAll(async () => {
  env = await setupTestEnv();
  const org = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  const issued = await env.db.transaction((tx) => issueLicence(tx, SYSTEM_ACTOR('test'), {
    licenceName: '公共场所卫生许可证', itemId: null, orgId: org!.id, holderName: '嘉兴市缓存测试宾馆', holderUscc: null, entityId: null, scope: '住宿', address: '中山路1号',
    issuedOn: today, validFrom: today, validTo: addDays(today, 365), applicationId: null, previousId: null, source: 'platform',
  }));
  id = issued.id;
  token = issued.verifyToken;
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('cached verification', () => {
  it('verifies the same licence twice alike', async () => {
    expect(await verify()).toMatchObject({ authentic: true, problems: [], status: 'valid' });
    expect(await verify()).toMatchObject({ authentic: true, problems: [], status: 'valid' });
  });

  it('still detects every kind of tampering after a cached success, and verifies the restored row again', async () => {
    const original = await env.db.one<{ holder_name: string; payload: string; signature: string; status_signature: string; valid_to: string }>(
      'SELECT holder_name, payload, signature, status_signature, valid_to FROM licences WHERE id = $1', [id]);
    const restore = () => env.db.query('UPDATE licences SET holder_name = $2, payload = $3, signature = $4, status_signature = $5, valid_to = $6, status = $7 WHERE id = $1',
      [id, original!.holder_name, original!.payload, original!.signature, original!.status_signature, original!.valid_to, 'valid']);
    const flip = (hex: string) => hex.slice(0, -4) + (hex.endsWith('0000') ? '1111' : '0000');

    await env.db.query("UPDATE licences SET holder_name = '别的公司' WHERE id = $1", [id]);
    expect(await verify()).toMatchObject({ authentic: false, problems: ['证照数据与签名时的数据不一致'] });
    await env.db.query('UPDATE licences SET payload = replace(payload, $2, $3) WHERE id = $1', [id, original!.holder_name, '别的公司']);
    expect((await verify()).problems).toEqual(['证照数据的电子签名验证失败']);
    await restore();
    expect((await verify()).authentic).toBe(true);

    await env.db.query('UPDATE licences SET signature = $2 WHERE id = $1', [id, flip(original!.signature)]);
    expect((await verify()).problems).toContain('证照数据的电子签名验证失败');
    await restore();
    await env.db.query('UPDATE licences SET status_signature = $2 WHERE id = $1', [id, flip(original!.status_signature)]);
    expect((await verify()).problems).toContain('证照状态的电子签名验证失败');
    await restore();
    await env.db.query("UPDATE licences SET status = 'revoked' WHERE id = $1", [id]);
    expect((await verify()).problems).toContain('证照状态与签名时的状态不一致');
    await restore();
    await env.db.query('UPDATE licences SET valid_to = $2 WHERE id = $1', [id, addDays(original!.valid_to, 365)]);
    expect((await verify()).authentic).toBe(false);
    await restore();
    expect(await verify()).toMatchObject({ authentic: true, problems: [] });
  });

  it('a different signing key is a different entry', async () => {
    const row = (await env.db.one<LicenceRow>(`${LICENCE_SELECT} WHERE l.id = $1`, [id]))!;
    expect(verificationOf(row).authentic).toBe(true);
    const otherKey = `04${'1'.repeat(128)}`;
    expect(verificationOf({ ...row, public_key: otherKey }).authentic).toBe(false);
    expect(verificationOf({ ...row, public_key: null }).problems).toContain('找不到签发机关的签名公钥');
  });

  it('shows "expired" by the day asked, not by the day first verified', async () => {
    const row = (await env.db.one<LicenceRow>(`${LICENCE_SELECT} WHERE l.id = $1`, [id]))!;
    expect(verificationOf(row, today).shownStatus).toBe('valid');
    expect(verificationOf(row, addDays(row.valid_to, 1))).toMatchObject({ authentic: true, shownStatus: 'expired' });
    expect(verificationOf(row, today).shownStatus).toBe('valid');
  });
});
