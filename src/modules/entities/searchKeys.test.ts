import { describe, expect, it } from 'vitest';
import { attributeKey, entitySearchKeys, wordKeys } from './searchKeys';

const PAIR = 2 ** 21;
const cp = (ch: string) => ch.codePointAt(0)!;
const pair = (two: string) => cp([...two][0]) * PAIR + cp([...two][1]);
const entity = { name: '嘉兴市', address: '南湖', legal_rep: null, org_id: 7, category: 'school' as const,
  region_code: '330402', risk_class: null, credit_grade: 'B' as const };

describe('search keys', () => {
  it('stores every character and adjacent pair of each word, once, and the attributes', () => {
    const text = ['嘉', '兴', '市', '南', '湖'].map(cp).concat(['嘉兴', '兴市', '南湖'].map(pair));
    const attributes = [attributeKey('org', 7), attributeKey('category', 'school'), attributeKey('region', '330402'), attributeKey('credit', 'B')];
    expect(entitySearchKeys(entity).sort()).toEqual([...text, ...attributes].sort());
  });

  it('lower-cases, and never joins characters across a space or a control character', () => {
    const keys = entitySearchKeys({ ...entity, name: 'AB 甲 乙', address: '丙\u001f丁' });
    expect(keys).toContain(pair('ab'));
    expect(keys).not.toContain(pair('甲乙'));
    expect(keys).not.toContain(pair('丙丁'));
    expect(keys).not.toContain(cp('\u001f'));
  });

  it('keeps characters outside the basic plane whole (𠮷 is one character, not two halves)', () => {
    expect(entitySearchKeys({ ...entity, name: '𠮷野家' })).toContain(pair('𠮷野'));
    expect(wordKeys('𠮷')).toEqual([cp('𠮷')]);
  });

  it('keeps text, pair and attribute keys apart, all exact in a JavaScript number', () => {
    const text = entitySearchKeys({ ...entity, name: '\u{10FFFF}\u{10FFFF}' });
    expect(Math.max(...text.filter((k) => k < 2 ** 43))).toBe(0x10ffff * PAIR + 0x10ffff);
    expect(attributeKey('org', 2_147_483_647)).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(attributeKey('category', 'public_place')).not.toBe(attributeKey('risk', 'low'));
  });

  it('asks for every pair of a query word, or the character itself', () => {
    expect(wordKeys('诊所')).toEqual([pair('诊所')]);
    expect(wordKeys('口腔诊所').sort()).toEqual([pair('口腔'), pair('腔诊'), pair('诊所')].sort());
    expect(wordKeys('馆')).toEqual([cp('馆')]);
    expect(wordKeys('KTV')).toEqual([pair('kt'), pair('tv')]);
  });
});
