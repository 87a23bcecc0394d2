// The discretion engine against the law's figures (legal-rules.md): statutory ranges with
// floors and multiples, tier ranges from the split or the benchmark's own amounts,
// mitigated and no-penalty tiers, and the check of a proposed fine.
import { describe, expect, it } from 'vitest';
import { DiscretionError, evaluate, type Facts, type ProvisionDefinition } from './engine';
import { BUNDLED_PROVISIONS } from './provisions';

const SPLIT = { lighterUpperPercent: 30, heavierLowerPercent: 70 };
const RULE_TEXTS = { benchmark: '国办发〔2022〕27号', mitigated: '《中华人民共和国行政处罚法》第三十二条', none: '《中华人民共和国行政处罚法》第三十三条' };
const cite = (a: { law: string; article: number; paragraph?: number }) => `《${a.law}》第${a.article}条${a.paragraph ? `第${a.paragraph}款` : ''}`;

function provision(code: string): ProvisionDefinition {
  const p = BUNDLED_PROVISIONS.find((x) => x.code === code);
  if (!p) throw new Error(`no provision ${code}`);
  return p;
}
const run = (code: string, facts: Facts) => evaluate(provision(code), facts, SPLIT, cite, RULE_TEXTS);

describe('statutory range and tiers', () => {
  it('unlicensed practice with 6,000 yuan of gains: counted as 10,000, range 50,000–200,000, ordinary 95,000–155,000', () => {
    const e = run('BHPL-99', { illegalGainsYuan: 6000, tier: 'ordinary' });
    expect(e.base).toEqual({ illegalGainsYuan: 6000, countedYuan: 10000, floorApplied: true });
    expect(e.statutory).toEqual({ minYuan: 50000, maxYuan: 200000 });
    expect(e.tier).toMatchObject({ tier: 'ordinary', minYuan: 95000, maxYuan: 155000, source: 'split' });
    expect(e.citations[0]).toBe('《基本医疗卫生与健康促进法》第99条第1款');
    expect(e.citations).toContain('国办发〔2022〕27号');
  });

  it('gains above the floor are multiplied as they are', () => {
    const e = run('PHYS-59', { illegalGainsYuan: 25000.5, tier: 'heavier' });
    expect(e.statutory).toEqual({ minYuan: 50001, maxYuan: 250005 });
    expect(e.base!.floorApplied).toBe(false);
    expect(e.tier).toMatchObject({ minYuan: 50001 + 0.7 * 200004, maxYuan: 250005 });
  });

  it('a local split changes the tiers, not the statutory range', () => {
    const e = evaluate(provision('BHPL-99'), { illegalGainsYuan: 0, tier: 'lighter' }, { lighterUpperPercent: 40, heavierLowerPercent: 60 }, cite, RULE_TEXTS);
    expect(e.statutory).toEqual({ minYuan: 50000, maxYuan: 200000 });
    expect(e.tier).toMatchObject({ minYuan: 50000, maxYuan: 110000 });
  });

  it('benchmark rows with their own amounts override the split', () => {
    expect(run('PP-38', { tier: 'lighter' }).tier).toMatchObject({ minYuan: 500, maxYuan: 1850, source: 'benchmark' });
    expect(run('PP-38', { scenario: 'uncorrected', tier: 'lighter' }).tier).toMatchObject({ minYuan: 5000, maxYuan: 8000 });
    const water = run('WATER-26', {});
    expect(water.tiers.filter((t) => t.source === 'benchmark').map((t) => [t.minYuan, t.maxYuan])).toEqual([[20, 500], [500, 3000], [3000, 5000]]);
  });

  it('scenarios carry their own range and sanctions', () => {
    const aggravated = run('PP-35', { scenario: 'aggravated' });
    expect(aggravated.statutory).toEqual({ minYuan: 5000, maxYuan: 30000 });
    const serious = run('OCC-72', { scenario: 'serious' });
    expect(serious.statutory).toBeNull();
    expect(serious.sanctions).toEqual(['suspend', 'close']);
    expect(run('OCC-71', {}).fineOptional).toBe(true);
  });

  it('mitigated is below the statutory minimum and cites art. 32; no penalty cites art. 33', () => {
    const m = run('PP-35', { tier: 'mitigated' });
    expect(m.tier).toMatchObject({ minYuan: 0, maxYuan: 500 });
    expect(m.citations).toContain(RULE_TEXTS.mitigated);
    const n = run('PP-35', { tier: 'none' });
    expect(n.tier).toMatchObject({ minYuan: 0, maxYuan: 0 });
    expect(n.citations).toContain(RULE_TEXTS.none);
  });

  it('every bundled provision gives contiguous tiers covering exactly its statutory range', () => {
    for (const p of BUNDLED_PROVISIONS) {
      for (const s of p.scenarios) {
        const e = evaluate(p, { scenario: s.code, illegalGainsYuan: 12345 }, SPLIT, cite, RULE_TEXTS);
        if (!e.statutory) { expect(s.tiers).toEqual([]); continue; }
        const [lighter, ordinary, heavier] = ['lighter', 'ordinary', 'heavier'].map((t) => e.tiers.find((x) => x.tier === t)!);
        expect([lighter.minYuan, heavier.maxYuan], `${p.code}/${s.code}`).toEqual([e.statutory.minYuan, e.statutory.maxYuan]);
        expect(lighter.maxYuan).toBe(ordinary.minYuan);
        expect(ordinary.maxYuan).toBe(heavier.minYuan);
      }
    }
  });
});

describe('facts the provision cannot take', () => {
  it('a multiple without illegal gains, negative amounts, fractions of a fen and unknown scenarios are refused in Chinese', () => {
    expect(() => run('BHPL-99', { tier: 'ordinary' })).toThrow(/违法所得/);
    expect(() => run('BHPL-99', { illegalGainsYuan: -1 })).toThrow('违法所得不能为负数');
    expect(() => run('PP-35', { fineYuan: -5 })).toThrow('罚款金额不能为负数');
    expect(() => run('PP-35', { fineYuan: 1.005 })).toThrow(/两位小数/);
    expect(() => run('PP-35', { scenario: 'nope' })).toThrow(/没有情形“nope”.*aggravated/);
    expect(() => run('PP-36', { tier: 'mitigated' })).toThrow(DiscretionError);
    expect(() => run('OCC-72', { tier: 'ordinary' })).toThrow(/未规定罚款/);
  });
});

describe('checking a proposed fine', () => {
  const check = (code: string, facts: Facts) => run(code, facts).fineCheck!;

  it('within the tier passes; outside the tier needs a reason and legal review', () => {
    expect(check('BHPL-99', { illegalGainsYuan: 6000, tier: 'ordinary', fineYuan: 100000 }).status).toBe('within_tier');
    const outside = check('BHPL-99', { illegalGainsYuan: 6000, tier: 'ordinary', fineYuan: 160000 });
    expect(outside.status).toBe('outside_tier');
    expect(outside.message).toContain('法制审核');
  });

  it('outside the statutory range cannot be decided at all', () => {
    expect(check('BHPL-99', { illegalGainsYuan: 6000, tier: 'heavier', fineYuan: 200000.01 }).status).toBe('outside_statutory');
    const below = check('BHPL-99', { illegalGainsYuan: 6000, tier: 'lighter', fineYuan: 49999 });
    expect(below).toMatchObject({ status: 'outside_statutory' });
    expect(below.message).toContain('第三十二条');
    expect(check('PP-35', { tier: 'mitigated', fineYuan: 300 }).status).toBe('within_tier');
    expect(check('PP-35', { tier: 'none', fineYuan: 100 }).status).toBe('outside_statutory');
    expect(check('OCC-72', { fineYuan: 1000 }).status).toBe('outside_statutory');
  });
});
