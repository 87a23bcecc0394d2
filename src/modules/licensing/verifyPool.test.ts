// The verification pool as the public page uses it under load: many verifications asked
// for at once, spread over the workers, and each caller gets its own licence's result.
import { afterAll, describe, expect, it } from 'vitest';
import { generateSm2KeyPair } from '../../core/crypto/sm2';
import { verifyLicence, type LicenceContent, type StoredLicence } from '../../core/licensing/licence';
import { issuedLicence } from '../../../test/support/licences';
import { VerifyPool } from './verifyPool';

const keys = generateSm2KeyPair();
const TODAY = '2026-12-06';

function issued(n: number): StoredLicence {
  const c: LicenceContent = {
    licenceNo: `NH-WJJ-2026-${String(n).padStart(7, '0')}`, licenceName: '公共场所卫生许可证', holderName: `嘉兴市南湖宾馆${n}号店`,
    holderUscc: '91330402MA2B000001', scope: '住宿', address: '浙江省嘉兴市中山路1号', issuedOn: '2026-03-02', validFrom: '2026-03-02',
    validTo: n % 5 === 0 ? '2026-06-01' : '2030-03-01', issuerCode: 'NH-WJJ', issuerName: '南湖区卫生健康局', itemCode: 'GGCS-01',
  };
  return issuedLicence(c, keys);
}

const flip = (hex: string) => hex.slice(0, -4) + (hex.endsWith('0000') ? '1111' : '0000');

const pool = new VerifyPool(2);
afterAll(() => pool.close());

describe('the verification pool', () => {
  it('answers 40 verifications asked for at once, each with its own licence’s result', async () => {
    // Every third licence tampered with (its status signature or its holder), every fifth expired.
    const licences = Array.from({ length: 40 }, (_, i) => {
      const l = issued(i + 1);
      if (i % 3 === 1) return { ...l, statusSignature: flip(l.statusSignature) };
      if (i % 3 === 2) return { ...l, content: { ...l.content, holderName: '别的公司' } };
      return l;
    });
    const results = await Promise.all(licences.map((l) => pool.verify(l, TODAY)));
    expect(results).toEqual(licences.map((l) => verifyLicence(l, TODAY)));
    expect(results.filter((r) => r.authentic)).toHaveLength(14);
    expect(results[1].problems).toEqual(['证照状态的电子签名验证失败']);
    expect(results[2].problems).toEqual(['证照数据与签名时的数据不一致']);
    expect(results[4].shownStatus).toBe('expired');
  });
});
