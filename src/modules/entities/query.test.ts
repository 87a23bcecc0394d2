import { describe, expect, it } from 'vitest';
import { entitySearchGrams, queryGrams } from './query';

describe('search grams', () => {
  it('stores every character and adjacent pair of each word, lower-cased, once', () => {
    expect(entitySearchGrams('嘉兴市', '南湖', null).sort()).toEqual(['兴', '兴市', '南', '南湖', '嘉', '嘉兴', '市', '湖'].sort());
    expect(entitySearchGrams('AB诊所', '路 路', '王伟').sort()).toEqual(['a', 'ab', 'b', 'b诊', '诊', '诊所', '所', '路', '王', '王伟', '伟'].sort());
  });

  it('never joins characters across a space or a control character', () => {
    const grams = entitySearchGrams('甲 乙', '丙\u001f丁', null);
    expect(grams).not.toContain('甲乙');
    expect(grams).not.toContain('丙丁');
    expect(grams.some((g) => /[\u0000-\u001f]/.test(g))).toBe(false);
  });

  it('asks for every pair of a query word, or the character itself', () => {
    expect(queryGrams('诊所')).toEqual(['诊所']);
    expect(queryGrams('口腔诊所').sort()).toEqual(['口腔', '腔诊', '诊所'].sort());
    expect(queryGrams('馆')).toEqual(['馆']);
  });
});
