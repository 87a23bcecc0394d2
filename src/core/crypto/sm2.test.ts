import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import { SM2_P256, generateSm2KeyPair, sm2Sign, sm2Verify } from './sm2';

const N_HEX = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';

/** A DER signature of r and s given as hex. */
function der(rHex: string, sHex: string): string {
  const int = (h: string) => {
    let b = Buffer.from(h.padStart(h.length + (h.length % 2), '0'), 'hex');
    if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([int(rHex), int(sHex)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('hex');
}

const MESSAGES = ['', '证照数据', '{"kind":"licence","v":1,"holderName":"嘉兴市南湖宾馆有限公司"}', '核验 😀 \u00e9 \u{20000}', 'x'.repeat(5000)];

describe('SM2 verification (GB/T 32918.2) against sm-crypto-v2', () => {
  it('accepts what sm-crypto-v2 signs, for many keys and texts, as sm-crypto-v2 itself does', () => {
    for (let k = 0; k < 6; k++) {
      const keys = generateSm2KeyPair();
      for (const text of MESSAGES) {
        const signature = sm2Sign(text, keys);
        expect(sm2Verify(text, signature, keys.publicKey)).toBe(true);
        expect(sm2.doVerifySignature(text, signature, keys.publicKey, { der: true, hash: true })).toBe(true);
      }
    }
  });

  it('takes another signer identity when asked, and the standard one by default', () => {
    const keys = generateSm2KeyPair();
    const signature = sm2.doSignature('证照数据', keys.privateKey, { der: true, hash: true, publicKey: keys.publicKey, userId: 'ALICE123@YAHOO.COM' });
    expect(sm2Verify('证照数据', signature, keys.publicKey, 'ALICE123@YAHOO.COM')).toBe(true);
    expect(sm2Verify('证照数据', signature, keys.publicKey)).toBe(false);
  });

  it('refuses a changed text, a changed signature, another key and malformed input', () => {
    const keys = generateSm2KeyPair();
    const text = '公共场所卫生许可证 NH-WJJ-2026-0000001';
    const signature = sm2Sign(text, keys);
    expect(sm2Verify(`${text} `, signature, keys.publicKey)).toBe(false);
    const last = signature.length - 2;
    const flipped = signature.slice(0, last) + ((parseInt(signature.slice(last), 16) ^ 1).toString(16).padStart(2, '0'));
    expect(sm2Verify(text, flipped, keys.publicKey)).toBe(false);
    expect(sm2Verify(text, signature, generateSm2KeyPair().publicKey)).toBe(false);
    expect(sm2Verify(text, `${signature}00`, keys.publicKey)).toBe(false); // trailing bytes
    expect(sm2Verify(text, `31${signature.slice(2)}`, keys.publicKey)).toBe(false); // not a SEQUENCE
    expect(sm2Verify(text, 'zz', keys.publicKey)).toBe(false);
    expect(sm2Verify(text, signature, `04${'11'.repeat(64)}`)).toBe(false); // not a point of the curve
    expect(sm2Verify(text, signature, keys.publicKey.slice(2))).toBe(false);
  });

  it('refuses r or s outside 1 … n − 1', () => {
    const keys = generateSm2KeyPair();
    const one = '01';
    for (const [r, s] of [['00', one], [one, '00'], [N_HEX, one], [one, N_HEX]]) {
      expect(sm2Verify('证照数据', der(r, s), keys.publicKey)).toBe(false);
    }
  });

  it('refuses, without failing, a crafted signature whose sum meets equal points (taken the slow way)', () => {
    // Key G (private key 1), s = 1, t = r + s = 257: the sum adds 1·G to 1·G, which the
    // WebAssembly addition leaves to @noble/curves. No message makes this signature valid.
    const G = `04${SM2_P256.Gx.toString(16).padStart(64, '0')}${SM2_P256.Gy.toString(16).padStart(64, '0')}`;
    expect(sm2Verify('证照数据', der('0100', '01'), G)).toBe(false);
  });
});
