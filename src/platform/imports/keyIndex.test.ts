import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keyIndex';

describe('KeyIndex', () => {
  it('returns the first row of a repeated key, across growth and for any characters', () => {
    const k = new KeyIndex();
    for (let i = 0; i < 50_000; i++) expect(k.add(`K${i}`, i + 2)).toBeUndefined();
    expect(k.size).toBe(50_000);
    expect(k.add('K0', 99)).toBe(2);
    expect(k.add('K49999', 99)).toBe(50_001);
    expect(k.add('浙卫执NH2024001', 7)).toBeUndefined();
    expect(k.add('浙卫执NH2024001', 8)).toBe(7);
    expect(k.add('', 9)).toBeUndefined();
    expect(k.add('', 10)).toBe(9);
    expect(k.add('x'.repeat(1000), 11)).toBeUndefined();
    expect(k.add('x'.repeat(1000), 12)).toBe(11);
    expect(k.add('x'.repeat(999), 13)).toBeUndefined();
    expect(k.size).toBe(50_004);
  });
});
