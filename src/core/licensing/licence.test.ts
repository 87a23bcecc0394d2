import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, sm2Sign } from '../crypto/sm2';
import {
  licenceDigest, signLicence, statusPayloadV1, verifyLicence, type LicenceContent, type StoredLicence,
} from './licence';
import { issuedLicence } from '../../../test/support/licences';

const keys = generateSm2KeyPair();
const content = (licenceNo: string, holderName = '嘉兴市南湖宾馆有限公司'): LicenceContent => ({
  licenceNo, licenceName: '公共场所卫生许可证', holderName, holderUscc: '91330402MA2B000001', scope: '住宿',
  address: '浙江省嘉兴市中山路1号', issuedOn: '2026-03-02', validFrom: '2026-03-02', validTo: '2030-03-01',
  issuerCode: 'NH-WJJ', issuerName: '南湖区卫生健康局', itemCode: 'GGCS-01',
});

const issued = (c: LicenceContent): StoredLicence => issuedLicence(c, keys);

const flip = (hex: string) => hex.slice(0, -4) + (hex.endsWith('0000') ? '1111' : '0000');

describe('status statements naming their licence (version 2)', () => {
  it('name the licence by the SM3 digest of its signed text and signature, and verify', () => {
    const l = issued(content('NH-WJJ-2026-0000001'));
    expect(JSON.parse(l.statusPayload)).toMatchObject({ kind: 'licence_status', v: 2, licence: licenceDigest(l) });
    expect(verifyLicence(l, '2026-12-06')).toEqual({ authentic: true, problems: [], shownStatus: 'valid' });
  });

  it('fail when the licence signature, text or the statement is changed', () => {
    const l = issued(content('NH-WJJ-2026-0000002'));
    expect(verifyLicence({ ...l, signature: flip(l.signature) }, '2026-12-06').problems).toEqual(['证照数据的电子签名验证失败']);
    const otherHolder = content('NH-WJJ-2026-0000002', '别的公司');
    const forgedText = signLicence(otherHolder, generateSm2KeyPair());
    expect(verifyLicence({ ...l, content: otherHolder, payload: forgedText.payload }, '2026-12-06').problems).toEqual(['证照数据的电子签名验证失败']);
    expect(verifyLicence({ ...l, statusSignature: flip(l.statusSignature) }, '2026-12-06').problems).toEqual(['证照状态的电子签名验证失败']);
    expect(verifyLicence({ ...l, status: 'revoked' }, '2026-12-06').problems).toEqual(['证照状态与签名时的状态不一致']);
  });

  it('do not vouch for another genuine licence text of the same number', () => {
    // The issuer signed both texts (a licence re-issued under the same number, say); the
    // statement still speaks of the first one only.
    const first = issued(content('NH-WJJ-2026-0000003'));
    const second = signLicence(content('NH-WJJ-2026-0000003', '嘉兴市南湖宾馆（二店）有限公司'), keys);
    const swapped = { ...first, content: content('NH-WJJ-2026-0000003', '嘉兴市南湖宾馆（二店）有限公司'), payload: second.payload, signature: second.signature };
    expect(verifyLicence(swapped, '2026-12-06')).toMatchObject({ authentic: false, problems: ['证照状态声明所指的不是这份证照'] });
  });
});

describe('status statements of version 1 (licences signed before the digest)', () => {
  function legacy(c: LicenceContent): StoredLicence {
    const signed = signLicence(c, keys);
    const statusPayload = statusPayloadV1({ licenceNo: c.licenceNo, status: 'valid', since: c.issuedOn, reason: null });
    return {
      content: c, status: 'valid', statusOn: c.issuedOn, statusReason: null, payload: signed.payload, signature: signed.signature,
      statusPayload, statusSignature: sm2Sign(statusPayload, keys), publicKey: keys.publicKey,
    };
  }

  it('still verify, checking both signatures', () => {
    const l = legacy(content('NH-WJJ-2025-0000001'));
    expect(JSON.parse(l.statusPayload)).toEqual({ kind: 'licence_status', v: 1, licenceNo: 'NH-WJJ-2025-0000001', status: 'valid', since: '2026-03-02', reason: null });
    expect(verifyLicence(l, '2026-12-06').authentic).toBe(true);
    expect(verifyLicence({ ...l, signature: flip(l.signature) }, '2026-12-06').problems).toEqual(['证照数据的电子签名验证失败']);
    expect(verifyLicence({ ...l, statusSignature: flip(l.statusSignature) }, '2026-12-06').problems).toEqual(['证照状态的电子签名验证失败']);
  });

  it('cannot be passed off as version 2 without the issuer signing again', () => {
    const l = legacy(content('NH-WJJ-2025-0000002'));
    const upgraded = JSON.stringify({ ...JSON.parse(l.statusPayload), v: 2, licence: licenceDigest(l) });
    expect(verifyLicence({ ...l, statusPayload: upgraded }, '2026-12-06').problems).toEqual(['证照状态的电子签名验证失败']);
  });
});
