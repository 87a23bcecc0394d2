// Publication of penalty decisions: masking of natural persons' data, and how long a
// decision stays public under the rule in force on its date.
import { describe, expect, it } from 'vitest';
import { addMonths } from '../calendar/dates';
import { maskIdNumbers, maskName, maskParty, maskPhones, maskText, parseMaskingRule } from './masking';
import { publicationPeriod } from './periods';

const ALL = parseMaskingRule('name,id_number,phone,address');

describe('masking', () => {
  it('keeps the surname, hides ID and phone numbers', () => {
    expect(maskName('张三')).toBe('张某');
    expect(maskName('欧阳小明')).toBe('欧某某');
    expect(maskIdNumbers('身份证号330402199001011234，')).toBe('身份证号330402***********4，');
    expect(maskIdNumbers('33040219900101123X')).toBe('330402***********X');
    expect(maskPhones('电话13812345678或0573-82123456')).toBe('电话138****5678或0573-********');
    expect(maskIdNumbers('统一社会信用代码91330402MA2B8C1D2X不是身份证')).toBe('统一社会信用代码91330402MA2B8C1D2X不是身份证');
  });

  it('masks a person but not an organisation’s public data', () => {
    const person = { kind: 'person' as const, name: '李四', code: '330402199001011234', legalRep: null, address: '嘉兴市南湖区某小区1幢' };
    expect(maskParty(person, ALL)).toEqual({ name: '李某', code: '330402***********4', legalRep: null, address: null });
    const org = { kind: 'organisation' as const, name: '嘉兴市某诊所', code: '91330402MA2B8C1D2X', legalRep: '王五', address: '嘉兴市南湖区南湖路1号' };
    expect(maskParty(org, ALL)).toEqual({ name: '嘉兴市某诊所', code: '91330402MA2B8C1D2X', legalRep: '王某', address: '嘉兴市南湖区南湖路1号' });
    expect(maskText('李四（电话13812345678）住嘉兴市南湖区某小区1幢', person, ALL)).toBe('李某（电话138****5678）住（住址已隐去）');
  });

  it('masks only what the local rule lists', () => {
    const person = { kind: 'person' as const, name: '李四', code: '330402199001011234', legalRep: null, address: '某地' };
    expect(maskParty(person, parseMaskingRule('id_number'))).toEqual({ name: '李四', code: '330402***********4', legalRep: null, address: '某地' });
  });
});

describe('publication periods', () => {
  it('before 2026-04-01: at least 3 months, at most 3 years, whatever the severity', () => {
    expect(publicationPeriod('2025-06-30', 'minor')).toMatchObject({ repairFrom: '2025-09-30', publicUntil: '2028-06-30' });
    expect(publicationPeriod('2026-03-31', 'serious').citation).toContain('第58号');
  });

  it('from 2026-04-01: minor at most 3 months, general 3 months to 1 year, serious 1 to 3 years', () => {
    expect(publicationPeriod('2026-04-01', 'minor')).toMatchObject({ repairFrom: '2026-04-01', publicUntil: '2026-07-01' });
    expect(publicationPeriod('2026-05-31', 'general')).toMatchObject({ repairFrom: '2026-08-31', publicUntil: '2027-05-31' });
    expect(publicationPeriod('2026-11-30', 'serious')).toMatchObject({ repairFrom: '2027-11-30', publicUntil: '2029-11-30' });
  });

  it('months end on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-15', -6)).toBe('2025-11-15');
  });
});
