import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckCharacter } from './uscc';
import { checkIdNumber } from './idNumber';
import { checkRegionCode, regionFullName } from './region';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real codes published by government bodies', () => {
    expect(checkUscc('11500242322384326D').valid).toBe(true); // 酉阳县卫生健康委
    expect(checkUscc('11370322004222241N').valid).toBe(true); // 高青县政府办公室
    expect(checkUscc(' 11500242322384326d ').valid).toBe(true); // trimmed, case-insensitive
  });

  it('computes the check character from the 17 first characters', () => {
    expect(usccCheckCharacter('11500242322384326')).toBe('D');
  });

  it('says which position is wrong and what the check character should be', () => {
    const r = checkUscc('11500242322384326E');
    expect(r.valid).toBe(false);
    expect(r.problem).toBe('check_character');
    expect(r.message).toContain('第18位应为“D”');
  });

  it('rejects a legacy pilot-area code with a clear reason (only an administrator may accept it)', () => {
    const r = checkUscc('91350100M0001TGQXM');
    expect(r.valid).toBe(false);
    expect(r.problem).toBe('check_character');
  });

  it('rejects letters outside the alphabet and wrong lengths', () => {
    expect(checkUscc('11500242322384326O').message).toContain('第18位字符“O”');
    expect(checkUscc('1150024232238432').message).toContain('18位，当前为16位');
    expect(checkUscc('').message).toBe('统一社会信用代码不能为空');
  });
});

describe('resident identity number (GB 11643-1999)', () => {
  it('accepts the standard sample numbers', () => {
    for (const n of ['11010519491231002X', '440524188001010014', '440524188001015368', '53010219200508011X']) {
      expect(checkIdNumber(n).valid, n).toBe(true);
    }
  });

  it('rejects a wrong check digit and names the right one', () => {
    const r = checkIdNumber('110105194912310021');
    expect(r.valid).toBe(false);
    expect(r.message).toContain('第18位应为“X”');
  });

  it('rejects an impossible birth date even when the check digit matches', () => {
    // 2025-02-30 does not exist; compute a matching check digit so only the date is wrong.
    const body = '11010520250230001';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
    const check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][sum % 11];
    const r = checkIdNumber(body + check);
    expect(r.valid).toBe(false);
    expect(r.message).toContain('2025-02-30');
  });

  it('derives birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X')).toMatchObject({ birthDate: '1949-12-31', sex: 'female' });
  });
});

describe('GB/T 2260 region codes', () => {
  it('knows real codes and names them', () => {
    expect(checkRegionCode('330402').valid).toBe(true);
    expect(regionFullName('330402')).toBe('浙江省嘉兴市南湖区');
    expect(regionFullName('330400')).toBe('浙江省嘉兴市');
  });
  it('rejects unknown or malformed codes', () => {
    expect(checkRegionCode('339999').message).toContain('不在 GB/T 2260');
    expect(checkRegionCode('33040').message).toContain('6位数字');
  });
});
