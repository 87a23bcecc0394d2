import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { makeIdNumber, makeUscc } from '../../seed/codes';
import { usccCheckCharacter } from '../../core/codes/uscc';
import { idCheckCharacter } from '../../core/codes/idNumber';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

/** Replaces the check character with a different, allowed one. */
function withWrongCheck(code: string, right: string, alphabet: string): string {
  const wrong = alphabet.split('').find((c) => c !== right)!;
  return code.slice(0, 17) + wrong;
}

describe('GET /api/validate/uscc/:code', () => {
  it('accepts a correct code and explains a wrong check character', async () => {
    const c = await env.as('window');
    const good = makeUscc('91', '330402', 12_345_678);
    const ok = await c.get(`/api/validate/uscc/${good}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ valid: true });
    // Lower case is what people type; it is the same code.
    expect((await c.get(`/api/validate/uscc/${good.toLowerCase()}`)).json()).toEqual({ valid: true });

    const expected = usccCheckCharacter(good.slice(0, 17));
    const bad = withWrongCheck(good, expected, '0123456789ABCDEFGHJKLMNPQRTUWXY');
    const res = (await c.get(`/api/validate/uscc/${bad}`)).json();
    expect(res.valid).toBe(false);
    expect(res.message).toContain('校验码');
    expect(res.message).toContain(`应为“${expected}”`);
    expect(res.acceptedLegacy).toBeUndefined();
  });

  it('says which character is not allowed and what the length should be', async () => {
    const c = await env.as('window');
    const withO = (await c.get('/api/validate/uscc/91330402O12345678X')).json();
    expect(withO).toMatchObject({ valid: false });
    expect(withO.message).toContain('第9位');
    const short = (await c.get('/api/validate/uscc/9133040212345')).json();
    expect(short.valid).toBe(false);
    expect(short.message).toContain('18位');
    expect(short.message).toContain('13位');
  });

  it('answers an accepted legacy code as invalid by the standard but accepted', async () => {
    const good = makeUscc('91', '350100', 10_000_001);
    const legacy = withWrongCheck(good, usccCheckCharacter(good.slice(0, 17)), '0123456789ABCDEFGHJKLMNPQRTUWXY');
    const c = await env.as('inspector1');
    const before = (await c.get(`/api/validate/uscc/${legacy}`)).json();
    expect(before.acceptedLegacy).toBeUndefined();
    expect(before.valid).toBe(false);

    await env.db.query("INSERT INTO uscc_exceptions (code, reason) VALUES ($1, '福建早期试点赋码，经核对营业执照原件')", [legacy]);
    const after = (await c.get(`/api/validate/uscc/${legacy}`)).json();
    expect(after).toMatchObject({ valid: false, acceptedLegacy: true });
    expect(after.message).toContain('历史代码');
    expect(after.message).toContain('福建早期试点赋码');
  });

  it('requires a session', async () => {
    expect((await env.anonymous.get(`/api/validate/uscc/${makeUscc('91', '330402', 1)}`)).statusCode).toBe(401);
  });
});

describe('GET /api/validate/id-number/:number', () => {
  it('gives the birth date and sex of a valid number', async () => {
    const c = await env.as('mediator');
    const man = makeIdNumber('330402', '1985-07-14', 371); // 17th digit 1: odd = male
    const res = await c.get(`/api/validate/id-number/${man}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ valid: true, birthDate: '1985-07-14', sex: 'male' });
    const woman = makeIdNumber('330411', '2000-02-29', 122);
    expect((await c.get(`/api/validate/id-number/${woman}`)).json()).toEqual({ valid: true, birthDate: '2000-02-29', sex: 'female' });
  });

  it('accepts a lower-case x as check character', async () => {
    const c = await env.as('mediator');
    // Find a sequence whose check character is X.
    let n = '';
    for (let seq = 0; seq < 1000 && !n; seq++) {
      const candidate = makeIdNumber('330402', '1990-01-01', seq);
      if (candidate.endsWith('X')) n = candidate;
    }
    expect(n).not.toBe('');
    expect((await c.get(`/api/validate/id-number/${n.toLowerCase()}`)).json()).toMatchObject({ valid: true, birthDate: '1990-01-01' });
  });

  it('explains an impossible birth date and a wrong check character', async () => {
    const c = await env.as('mediator');
    const first17 = '33040219850230123';
    const feb30 = (await c.get(`/api/validate/id-number/${first17}${idCheckCharacter(first17)}`)).json();
    expect(feb30.valid).toBe(false);
    expect(feb30.message).toContain('1985-02-30');
    expect(feb30.birthDate).toBeUndefined();

    const good = makeIdNumber('330402', '1985-07-14', 371);
    const expected = good[17];
    const bad = good.slice(0, 17) + (expected === '0' ? '1' : '0');
    const res = (await c.get(`/api/validate/id-number/${bad}`)).json();
    expect(res.valid).toBe(false);
    expect(res.message).toContain(`应为“${expected}”`);
    expect(res.sex).toBeUndefined();
  });
});

describe('hostile input', () => {
  const hostile = [
    encodeURIComponent('<script>alert(1)</script>'),
    encodeURIComponent("' OR 1=1; DROP TABLE uscc_exceptions; --"),
    encodeURIComponent("91330402MA2B3C4D5'--"),
    '%00%00%00',
    encodeURIComponent('１２３４５６７８９０１２３４５６７８'),
    encodeURIComponent('😀'.repeat(9)),
    'A'.repeat(64),
    'A'.repeat(65),
    '9'.repeat(5000),
  ];

  it('never fails with a server error and never says valid', async () => {
    const c = await env.as('window');
    for (const path of ['uscc', 'id-number']) {
      for (const h of hostile) {
        const res = await c.get(`/api/validate/${path}/${h}`);
        expect([200, 400], `${path} ${h.slice(0, 40)}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.headers['content-type']).toContain('application/json');
        if (res.statusCode === 200) {
          expect(res.json().valid).toBe(false);
          expect(typeof res.json().message).toBe('string');
        } else {
          expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    }
    // The table the injection names is still there.
    expect(await env.db.one('SELECT count(*) FROM uscc_exceptions')).toBeTruthy();
  });

  it('rejects a code longer than 64 characters with 400', async () => {
    const c = await env.as('window');
    const res = await c.get(`/api/validate/uscc/${'A'.repeat(65)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('过长');
  });
});
