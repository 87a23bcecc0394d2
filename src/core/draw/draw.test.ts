// The draw (pure): keys and commitment, parameters and quotas, the entity selection and
// the teams, statistical tests over many seeded draws, and verification of a record.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { md5, Md5WithPrefix } from './md5';
import { commitment, compareCodePoints, generateSeed, keyHasher, orderingKey } from './key';
import {
  allocateCount, announceDraw, assignInspectors, canonicalJson, defaultDrawParams, DRAW_ALGORITHM, DRAW_ALGORITHM_BY_KEYS, DrawInputError, drawRecord, exclusionCutoff,
  MAX_SAMPLE_COUNT, quotaOf,
  requiredInspectionsBy, runDraw, selectEntities, smallestBy, stratumOf, stratumRatios, TeamOrder, verifyDraw,
  type DrawCandidate, type DrawInputs, type DrawInspector, type DrawParams, type DrawRecusal, type EntitySelection, type StratumSummary,
} from './draw';
import { drawOrdinals, uniformBelow } from './pools';
import { sm3 } from '../crypto/sm3';
import { RULES } from '../law/rules';

// ---------------------------------------------------------------------------------
// Chi-square distribution: upper tail Q(df/2, x/2) of the regularized gamma function
// (series below a + 1, continued fraction above; Numerical Recipes §6.2).

function logGamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const k of c) ser += k / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a, term = sum, ap = a;
    for (let n = 0; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += (term *= x / ++ap);
    return 1 - sum * Math.exp(lead);
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c; if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lead) * h;
}

/** P(χ²_df ≥ x). */
function chiSquareSf(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Significance of every goodness-of-fit test below. */
const ALPHA = 0.001;

describe('chi-square tail', () => {
  it('matches the published critical values', () => {
    // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4 "Critical values of the
    // chi-square distribution" (upper tail).
    expect(chiSquareSf(18.307, 10)).toBeCloseTo(0.05, 4);
    expect(chiSquareSf(29.588, 10)).toBeCloseTo(0.001, 5);
    expect(chiSquareSf(124.342, 100)).toBeCloseTo(0.05, 4);
    expect(chiSquareSf(149.449, 100)).toBeCloseTo(0.001, 5);
    expect(chiSquareSf(3.841, 1)).toBeCloseTo(0.05, 4);
  });
});

// ---------------------------------------------------------------------------------
// Fixtures

const DATE = '2026-05-12';
const seedOf = (i: number) => sm3(`draw test seed ${i}`);
const code = (i: number) => `91330402MA${String(i).padStart(7, '0')}X`;

function candidate(i: number, over: Partial<DrawCandidate> = {}): DrawCandidate {
  return {
    uscc: code(i), category: 'public_place', riskClass: 'low', creditGrade: 'A', blacklisted: false,
    lastPlanInspectionOn: null, inspectionsThisYear: 0, ...over,
  };
}

function inspector(i: number, over: Partial<DrawInspector> = {}): DrawInspector {
  return {
    staffNo: `NH-${String(i).padStart(3, '0')}`, active: true, certificateNo: `浙卫执${i}`, certificateValidTo: '2028-12-31',
    specialties: ['public_place', 'medical_institution'], openTasks: 0, ...over,
  };
}

/**
 * Candidates in five strata with different ratios (base 10 %, high or D at 3×, medium/B
 * 25 % by the plan, missing classes at the base), plus five mandatory and ten excluded.
 */
const STRATA: Array<{ risk: DrawCandidate['riskClass']; credit: DrawCandidate['creditGrade']; n: number; ratio: number }> = [
  { risk: 'low', credit: 'A', n: 120, ratio: 0.1 },
  { risk: 'medium', credit: 'B', n: 80, ratio: 0.25 },
  { risk: 'high', credit: 'C', n: 50, ratio: 0.3 },
  { risk: 'low', credit: 'D', n: 40, ratio: 0.3 },
  { risk: null, credit: null, n: 30, ratio: 0.1 },
];
const STAT_PARAMS: DrawParams = defaultDrawParams(DATE, 0.1, { ratios: { 'medium/B': 0.25 } });

function statCandidates(): DrawCandidate[] {
  const out: DrawCandidate[] = [];
  let i = 0;
  for (const s of STRATA) for (let k = 0; k < s.n; k++) out.push(candidate(i++, { riskClass: s.risk, creditGrade: s.credit }));
  // Blacklisted, never inspected this year: mandatory (one a quarter is due by May).
  for (let k = 0; k < 5; k++) out.push(candidate(i++, { riskClass: 'high', creditGrade: 'D', blacklisted: true }));
  // Inspected under another plan two months ago: excluded.
  for (let k = 0; k < 10; k++) out.push(candidate(i++, { lastPlanInspectionOn: '2026-03-20' }));
  return out;
}

// ---------------------------------------------------------------------------------

describe('keys and commitment', () => {
  it('md5 is RFC 1321 (node:crypto) for short, multi-block and UTF-8 input', () => {
    for (const s of ['', 'a', 'abc', 'message digest', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(119), 'x'.repeat(120), '嘉兴市南湖区'.repeat(40), `${'ab'.repeat(32)}:${code(1)}`]) {
      expect(md5(s)).toBe(crypto.createHash('md5').update(s).digest('hex'));
    }
    expect(md5(new Uint8Array([0, 255, 1]))).toBe(crypto.createHash('md5').update(Buffer.from([0, 255, 1])).digest('hex'));
  });

  it('the key is md5(seed:uscc), as anyone can recompute it', () => {
    const seed = 'ab'.repeat(32);
    expect(orderingKey(seed, '91330402MA0000001X')).toBe(crypto.createHash('md5').update(`${seed}:91330402MA0000001X`).digest('hex'));
    expect(keyHasher(seed).hex('91330402MA0000001X')).toBe(orderingKey(seed, '91330402MA0000001X'));
  });

  it('the words of md5 after a prefix are the digest\'s hex read 8 characters at a time, also for non-ASCII text', () => {
    const out = [0, 0, 0, 0];
    for (const text of ['91330402MA0000001X:team', '', 'x'.repeat(70), '卫生:team']) {
      const hex = crypto.createHash('md5').update(`${'ab'.repeat(32)}:${text}`).digest('hex');
      new Md5WithPrefix(`${'ab'.repeat(32)}:`).words(text, out);
      expect(out).toEqual([0, 8, 16, 24].map((o) => parseInt(hex.slice(o, o + 8), 16)));
    }
  });

  it('md5 after a shared prefix is md5 of the whole, for prefixes and texts on either side of a block, and non-ASCII text', () => {
    const node = (s: string) => crypto.createHash('md5').update(s).digest('hex');
    for (const prefix of ['', 'p', 'x'.repeat(63), 'x'.repeat(64), `${'ab'.repeat(32)}:`, 'y'.repeat(130)]) {
      const hasher = new Md5WithPrefix(prefix);
      for (const text of ['', code(1), 'z'.repeat(54), 'z'.repeat(55), 'z'.repeat(56), 'z'.repeat(64), 'z'.repeat(200), '南湖区卫生院']) {
        const expected = node(prefix + text);
        expect(hasher.hex(text), `${prefix.length} + ${text.length}`).toBe(expected);
        // The head is the first six bytes: it orders as the first 12 hex characters do.
        expect(hasher.head(text)).toBe(parseInt(expected.slice(0, 12), 16));
      }
    }
    expect(() => new Md5WithPrefix('种子:')).toThrow();
  });

  it('a seed is 32 random bytes in hex; the commitment is its SM3', () => {
    const a = generateSeed(), b = generateSeed();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(commitment(a)).toBe(sm3(a));
  });

  it('compares strings as PostgreSQL COLLATE "C" does (UTF-8 bytes)', () => {
    const words = ['a', 'B', 'ab', '', '中', '\u{1F600}', '\uFF21', 'Z9', 'z', '\uE000'];
    for (const x of words) for (const y of words) {
      expect(Math.sign(compareCodePoints(x, y))).toBe(Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y))));
    }
  });
});

describe('parameters', () => {
  it('ratios: high risk or grade D at the multiplier, missing classes and the rest at the base, plan overrides win', () => {
    const r = stratumRatios(defaultDrawParams(DATE, 0.05, { ratios: { 'medium/C': 0.5 } }));
    expect(RULES.randomDrawRiskMultiplier.value).toBe(3);
    expect(r.get('high/A')).toBe(150_000);
    expect(r.get('low/D')).toBe(150_000);
    expect(r.get('-/D')).toBe(150_000);
    expect(r.get('high/-')).toBe(150_000);
    expect(r.get('low/A')).toBe(50_000);
    expect(r.get('-/-')).toBe(50_000);
    expect(r.get('medium/C')).toBe(500_000);
    expect(r.size).toBe(20);
    expect([...stratumRatios(defaultDrawParams(DATE, 0.5)).values()].every((v) => v <= 1_000_000)).toBe(true);
    expect([...stratumRatios(defaultDrawParams(DATE, 0.05, { strata: 'risk' })).keys()]).toEqual(['low/*', 'medium/*', 'high/*', '-/*']);
    expect([...stratumRatios(defaultDrawParams(DATE, 0.05, { strata: 'none' })).entries()]).toEqual([['*/*', 50_000]]);
    expect(stratumOf('credit', 'high', null)).toBe('*/-');
  });

  it('quota rounds up in integers, so the ratio is a floor in every stratum', () => {
    expect(quotaOf(10_000, 1000)).toBe(10);
    expect(quotaOf(10_000, 1001)).toBe(11);
    expect(quotaOf(10_000, 1)).toBe(1);
    expect(quotaOf(10_000, 0)).toBe(0);
    expect(quotaOf(0, 500)).toBe(0);
    expect(quotaOf(15_000, 100)).toBe(2); // 0.015 × 100 = 1.5 exactly: no floating-point surprise
    expect(quotaOf(1_000_000, 7)).toBe(7);
    expect(quotaOf(333_333, 3)).toBe(1);
  });

  it('blacklisted entities are due pro rata (one a quarter for four a year); the exclusion window counts back in months', () => {
    expect(RULES.creditBlacklistMinInspectionsPerYear.value).toBe(4);
    expect([1, 3, 4, 6, 7, 12].map((m) => requiredInspectionsBy(`2026-${String(m).padStart(2, '0')}-15`, 4))).toEqual([1, 1, 2, 2, 3, 4]);
    expect(exclusionCutoff(defaultDrawParams('2026-08-31', 0.1))).toBe('2026-02-28');
    expect(exclusionCutoff(defaultDrawParams('2026-08-31', 0.1, { includeRecentlyInspected: true }))).toBeNull();
  });

  it('refuses a team of fewer than two (行政处罚法 art. 42) and ratios outside (0, 1]', () => {
    const inputs = { candidates: [], inspectors: [], recusals: [] };
    expect(() => runDraw(seedOf(0), { ...inputs, params: defaultDrawParams(DATE, 0.1, { teamSize: 1 }) })).toThrow(/至少2名/);
    expect(() => runDraw(seedOf(0), { ...inputs, params: defaultDrawParams(DATE, 0) })).toThrow();
    expect(() => runDraw(seedOf(0), { ...inputs, params: defaultDrawParams(DATE, 0.1, { ratios: { 'x/y': 0.2 } }) })).toThrow();
    expect(() => runDraw(seedOf(0), { ...inputs, params: defaultDrawParams(DATE, 0.1), candidates: [candidate(1), candidate(1)] })).toThrow(/重复/);
  });
});

describe('the k smallest keys', () => {
  it('equal the first k of the full sort, ties broken by code, for every k', () => {
    const seed = generateSeed();
    // Repeated keys (a few distinct values) so that the tie-break by code matters too.
    const items = Array.from({ length: 500 }, (_, i) => ({ uscc: `C${String(i).padStart(4, '0')}`, key: orderingKey(seed, String(i % 37)) }));
    const byKey = (a: typeof items[0], b: typeof items[0]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : compareCodePoints(a.uscc, b.uscc));
    const sorted = [...items].sort(byKey);
    for (const k of [0, 1, 2, 7, 30, 62, 63, 64, 200, 499, 500, 600]) expect(smallestBy(items, k, byKey)).toEqual(sorted.slice(0, k));
  });
});

/**
 * Checks a selection from statCandidates() stratum by stratum (pool and quota as STRATA
 * says; `drawn` checks the random ones against the stratum's pool), then the excluded,
 * the mandatory and the key order overall.
 */
function checkStrata(sel: EntitySelection, cands: DrawCandidate[], drawn: (st: StratumSummary, pool: DrawCandidate[], random: EntitySelection['entities']) => void) {
  const byStratum = new Map(sel.strata.map((s) => [s.stratum, s]));
  for (const s of STRATA) {
    const st = byStratum.get(stratumOf('risk_credit', s.risk, s.credit))!;
    expect(st.pool).toBe(s.n);
    expect(st.quota).toBe(Math.ceil(s.n * s.ratio - 1e-9));
    const pool = cands.filter((c) => stratumOf('risk_credit', c.riskClass, c.creditGrade) === st.stratum && !c.blacklisted && !c.lastPlanInspectionOn);
    const random = sel.entities.filter((e) => e.stratum === st.stratum && e.reason === 'random');
    expect(random).toHaveLength(st.quota);
    expect(random.map((e) => e.rank).sort((a, b) => a! - b!)).toEqual(Array.from({ length: st.quota }, (_, i) => i + 1));
    drawn(st, pool, random);
  }
  expect(byStratum.get('low/A')!.excluded).toBe(10);
  expect(byStratum.get('high/D')).toMatchObject({ mandatory: 5, pool: 0, quota: 0, ratioPpm: 300_000 });
  expect(sel.entities.filter((e) => e.reason === 'mandatory')).toHaveLength(5);
  // In key order overall.
  const keys = sel.entities.map((e) => e.key);
  expect([...keys].sort()).toEqual(keys);
}

describe('entity selection', () => {
  it('draws ⌈ratio × pool⌉ of each stratum with the smallest keys, plus the mandatory, without the excluded (hrl-draw/1)', () => {
    const cands = statCandidates();
    const seed = seedOf(1);
    checkStrata(selectEntities(seed, STAT_PARAMS, cands, DRAW_ALGORITHM_BY_KEYS), cands, (st, pool, random) => {
      // Exactly the smallest keys of the pool.
      expect(random.map((e) => e.key).sort()).toEqual(pool.map((c) => orderingKey(seed, c.uscc)).sort().slice(0, st.quota));
    });
  });

  it('draws ⌈ratio × pool⌉ of each stratum at the ordinals Floyd\'s sampling gives in the pool in code order, plus the mandatory (hrl-draw/2)', () => {
    const cands = statCandidates().reverse(); // the pool's order is the codes', not the list's
    const seed = seedOf(1);
    const sel = selectEntities(seed, STAT_PARAMS, cands, DRAW_ALGORITHM);
    checkStrata(sel, cands, (st, pool, random) => {
      const codes = pool.map((c) => c.uscc).sort();
      expect(random.map((e) => e.uscc).sort()).toEqual(drawOrdinals(seed, st.stratum, st.pool, st.quota).map((o) => codes[o]).sort());
      // Ranked by key among the stratum's drawn.
      expect([...random].sort((a, b) => a.rank! - b.rank!).map((e) => e.key)).toEqual(random.map((e) => e.key).sort());
    });
    for (const e of sel.entities) expect(e.key).toBe(orderingKey(seed, e.uscc));
  });

  for (const algorithm of [DRAW_ALGORITHM_BY_KEYS, DRAW_ALGORITHM]) {
    it(`refuses a list that names a code twice, whatever the status of either entry (${algorithm})`, () => {
      const cands = statCandidates();
      for (const twice of [candidate(7), candidate(7, { lastPlanInspectionOn: '2026-04-01' }), candidate(7, { blacklisted: true })]) {
        const run = () => selectEntities(seedOf(1), STAT_PARAMS, [...cands.slice(0, 100), twice, ...cands.slice(100)], algorithm);
        expect(run).toThrow(DrawInputError);
        expect(run).toThrow(`候选名单中统一社会信用代码重复：${code(7)}`);
      }
    });
  }

  it('refuses an algorithm it does not know', () => {
    expect(() => selectEntities(seedOf(1), STAT_PARAMS, statCandidates(), 'hrl-draw/9')).toThrow('不支持的抽取算法：hrl-draw/9');
  });

  it('a blacklisted entity stays mandatory while behind its minimum, even if inspected recently; an excluded one can be included by the plan', () => {
    const cands = [
      candidate(1, { blacklisted: true, inspectionsThisYear: 1, lastPlanInspectionOn: '2026-04-30' }), // May: 2 due → mandatory
      candidate(2, { blacklisted: true, inspectionsThisYear: 2 }), // up to date → pool
      candidate(3, { lastPlanInspectionOn: '2025-11-12' }), // exactly six months before: not within
      candidate(4, { lastPlanInspectionOn: '2025-11-13' }), // within six months: excluded
    ];
    const p = defaultDrawParams(DATE, 1);
    for (const algorithm of [DRAW_ALGORITHM_BY_KEYS, DRAW_ALGORITHM]) {
      const sel = selectEntities(seedOf(2), p, cands, algorithm);
      expect(sel.entities.map((e) => [e.uscc, e.reason]).sort()).toEqual([[code(1), 'mandatory'], [code(2), 'random'], [code(3), 'random']]);
      const all = selectEntities(seedOf(2), { ...p, includeRecentlyInspected: true }, cands, algorithm);
      expect(all.entities.map((e) => e.uscc).sort()).toEqual([code(1), code(2), code(3), code(4)]);
    }
  });

  for (const algorithm of [DRAW_ALGORITHM_BY_KEYS, DRAW_ALGORITHM]) {
    it(`the same seed gives the same draw, whatever the list's order; another seed another draw (${algorithm})`, () => {
      const cands = statCandidates();
      const a = selectEntities(seedOf(3), STAT_PARAMS, cands, algorithm);
      const b = selectEntities(seedOf(3), STAT_PARAMS, [...cands].reverse(), algorithm);
      expect(canonicalJson(b)).toBe(canonicalJson(a));
      const c = selectEntities(seedOf(4), STAT_PARAMS, cands, algorithm);
      expect(c.entities.map((e) => e.uscc)).not.toEqual(a.entities.map((e) => e.uscc));
    });
  }

  it('draws of either algorithm never change (published records must keep verifying)', () => {
    const inspectors = Array.from({ length: 9 }, (_, i) => inspector(i, { openTasks: i % 3 }));
    const recusals: DrawRecusal[] = [{ uscc: code(7), staffNo: 'NH-004', reason: 'conflict' }];
    const inputs = { params: STAT_PARAMS, candidates: statCandidates(), inspectors, recusals };
    const v1 = runDraw('0123456789abcdef'.repeat(4), inputs, DRAW_ALGORITHM_BY_KEYS);
    expect(v1.entities.length).toBe(12 + 20 + 15 + 12 + 3 + 5);
    expect(sm3(canonicalJson(v1))).toBe(GOLDEN_RESULT);
    const v2 = runDraw('0123456789abcdef'.repeat(4), inputs, DRAW_ALGORITHM);
    expect(v2.entities.length).toBe(12 + 20 + 15 + 12 + 3 + 5);
    expect(sm3(canonicalJson(v2))).toBe(GOLDEN_RESULT_POOLS);
  });
});

// Computed once by each implementation; a change means the algorithm changed (then give it a new name).
const GOLDEN_RESULT = 'a76d03a2d3b54170a638b9ddaddeabee37522ee5706f9b31fcc0e62a340e2dad';
const GOLDEN_RESULT_POOLS = '811133eba745c4e2a2f3d1ef956a987f624d476f6a25b9f56232a0bafd65d804';

describe('a sample count instead of a ratio (hrl-draw/2)', () => {
  it('is shared out exactly, in proportion to size × weight, none above its size', () => {
    expect(allocateCount(10, [{ size: 50, weight: 1 }, { size: 50, weight: 1 }])).toEqual([5, 5]);
    // 3 × weight: 30 of 60 weighted units of 100 + 3 × 10.
    expect(allocateCount(26, [{ size: 100, weight: 1 }, { size: 10, weight: 3 }])).toEqual([20, 6]);
    // A remainder goes to the larger fraction, ties to the earlier.
    expect(allocateCount(1, [{ size: 10, weight: 1 }, { size: 10, weight: 1 }])).toEqual([1, 0]);
    expect(allocateCount(2, [{ size: 10, weight: 1 }, { size: 20, weight: 1 }, { size: 10, weight: 1 }])).toEqual([1, 1, 0]);
    // Capped at the size, the rest shared among the others.
    expect(allocateCount(12, [{ size: 2, weight: 100 }, { size: 100, weight: 1 }])).toEqual([2, 10]);
    // More than there is: everything; weight 0 or an empty pool: nothing.
    expect(allocateCount(500, [{ size: 30, weight: 1 }, { size: 5, weight: 2 }, { size: 40, weight: 0 }, { size: 0, weight: 1 }])).toEqual([30, 5, 0, 0]);
    for (let n = 0; n <= 120; n += 7) {
      const q = allocateCount(n, [{ size: 55, weight: 1_000_000 }, { size: 9, weight: 3_000_000 }, { size: 31, weight: 1_000_000 }]);
      expect(q.reduce((a, b) => a + b, 0)).toBe(Math.min(n, 95));
    }
  });

  it('draws exactly that many at random plus the mandatory, high risk and grade D at three times the others\' ratio', () => {
    const cands = statCandidates();
    const params = { ...defaultDrawParams(DATE, 0.1), sampleCount: 40 };
    const sel = selectEntities(seedOf(8), params, cands);
    expect(sel.entities.filter((e) => e.reason === 'random')).toHaveLength(40);
    expect(sel.entities.filter((e) => e.reason === 'mandatory')).toHaveLength(5);
    expect(sel.strata.reduce((a, s) => a + s.quota, 0)).toBe(40);
    // Pools: low/A 120, medium/B 80, high/C 50 (×3), low/D 40 (×3), -/- 30, so 500 weighted:
    // 40 × 120/500 = 9.6, 6.4, 12, 9.6, 2.4; the two remainders of .6 take the last two.
    const quota = Object.fromEntries(sel.strata.map((s) => [s.stratum, s.quota]));
    expect(quota).toMatchObject({ 'low/A': 10, 'medium/B': 6, 'high/C': 12, 'low/D': 10, '-/-': 2 });
    // Each stratum shows the ratio it got (high risk and grade D three times the others, to the unit); the entities carry it.
    const ratio = Object.fromEntries(sel.strata.map((s) => [s.stratum, s.ratioPpm]));
    expect(ratio).toMatchObject({ 'low/A': 83_333, 'medium/B': 75_000, 'high/C': 240_000, 'low/D': 250_000, '-/-': 66_666 });
    const lowA = sel.strata.find((s) => s.stratum === 'low/A')!;
    for (const e of sel.entities.filter((x) => x.stratum === 'low/A')) expect(e.ratioPpm).toBe(lowA.ratioPpm);
    // A record by count verifies.
    const inputs = { params, candidates: cands, inspectors: Array.from({ length: 6 }, (_, i) => inspector(i)), recusals: [] };
    expect(verifyDraw(drawRecord(seedOf(8), inputs)).ok).toBe(true);
  });

  it('is refused with the plan\'s own stratum ratios, out of range, or under hrl-draw/1', () => {
    const cands = statCandidates();
    const base = defaultDrawParams(DATE, 0.1);
    expect(() => runDraw(seedOf(1), { params: { ...base, sampleCount: 10, ratios: { 'low/A': 0.2 } }, candidates: cands, inspectors: [], recusals: [] })).toThrow('按数量抽取时不能另设分层比例');
    for (const n of [0, 2.5, MAX_SAMPLE_COUNT + 1]) expect(() => runDraw(seedOf(1), { params: { ...base, sampleCount: n }, candidates: cands, inspectors: [], recusals: [] })).toThrow(/抽取数量应为1至/);
    expect(() => selectEntities(seedOf(1), { ...base, sampleCount: 10 }, cands, DRAW_ALGORITHM_BY_KEYS)).toThrow('hrl-draw/1不支持按数量抽取');
    // By count, the base ratio is not used (a plan by count has none).
    expect(selectEntities(seedOf(1), { ...base, baseRatio: 0, sampleCount: 10 }, cands).entities.filter((e) => e.reason === 'random')).toHaveLength(10);
  });
});

describe('Floyd\'s sampling of a pool (hrl-draw/2)', () => {
  it('gives quota distinct ordinals below the size, the whole pool at 100 %, none at 0', () => {
    for (const [size, quota] of [[1, 1], [10, 3], [1000, 8], [1000, 1000], [5, 0]]) {
      const o = drawOrdinals(seedOf(5), 'low/A', size, quota);
      expect(o).toHaveLength(quota);
      expect(new Set(o).size).toBe(quota);
      for (const x of o) expect(x >= 0 && x < size && Number.isInteger(x)).toBe(true);
    }
    expect(() => drawOrdinals(seedOf(5), 'low/A', 3, 4)).toThrow(DrawInputError);
  });

  it('takes each step from md5(seed:stratum:j), as md5sum computes it', () => {
    const seed = seedOf(6);
    const node = (s: string) => parseInt(crypto.createHash('md5').update(s).digest('hex').slice(0, 12), 16);
    // Floyd's steps j = size − quota … size − 1, each t uniform in [0, j] (no value of
    // these falls in the rejected span, which is 2⁻³⁸ of the range here).
    const taken: number[] = [];
    for (let j = 990; j < 1000; j++) {
      const t = node(`${seed}:high/D:${j}`) % (j + 1);
      taken.push(taken.includes(t) ? j : t);
    }
    expect(drawOrdinals(seed, 'high/D', 1000, 10)).toEqual(taken);
  });

  it('replaces a value in the last incomplete span by the next attempt (rejection keeps it exactly uniform)', () => {
    const keys = keyHasher(seedOf(7));
    // With a bound just over 2⁴⁷ about half of the 48-bit values are rejected.
    const bound = 2 ** 47 + 1;
    let j = 0;
    while (keys.head(`low/A:${j}`) < bound) j++;
    const second = keys.head(`low/A:${j}:1`);
    const expected = second < bound ? second : (() => { let a = 2, x = keys.head(`low/A:${j}:${a}`); while (x >= bound) x = keys.head(`low/A:${j}:${++a}`); return x; })();
    expect(uniformBelow(keys, 'low/A', j, bound)).toBe(expected);
  });

  it('gives every ordinal of a small pool the same chance (chi-square, α = 0.001)', () => {
    const size = 12, quota = 4, R = 3000;
    const counts = new Array(size).fill(0);
    for (let r = 0; r < R; r++) for (const o of drawOrdinals(seedOf(5000 + r), '-/B', size, quota)) counts[o]++;
    const p = quota / size;
    const stat = counts.reduce((a, x) => a + (x - R * p) ** 2, 0) * (size - 1) / (size * R * p * (1 - p));
    expect(chiSquareSf(stat, size - 1), `χ² = ${stat.toFixed(1)}`).toBeGreaterThan(ALPHA);
  });
});

describe.each([DRAW_ALGORITHM_BY_KEYS, DRAW_ALGORITHM])('statistics of the draw (2,000 seeded draws, %s)', (algorithm) => {
  const R = 2000;
  const cands = statCandidates();
  const counts = new Map(cands.map((c) => [c.uscc, 0]));
  beforeAll(() => {
    for (let r = 0; r < R; r++) {
      for (const e of selectEntities(seedOf(1000 + r), STAT_PARAMS, cands, algorithm).entities) counts.set(e.uscc, counts.get(e.uscc)! + 1);
    }
  });

  it('each entity is drawn as often as its stratum ratio says (chi-square goodness of fit, α = 0.001)', () => {
    let total = 0, df = 0;
    let i = 0;
    for (const s of STRATA) {
      const k = Math.ceil(s.n * s.ratio - 1e-9), p = k / s.n;
      const xs = cands.slice(i, i + s.n).map((c) => counts.get(c.uscc)!);
      i += s.n;
      // Mean frequency: exactly the ratio (k of n every draw).
      expect(xs.reduce((a, b) => a + b, 0)).toBe(R * k);
      expect(k / s.n).toBeCloseTo(s.ratio, 10);
      // k of n without replacement: Var X_i = R p (1 − p), Cov = −R p (1 − p) / (n − 1), so
      // Σ (X_i − Rp)² (n − 1) / (n R p (1 − p)) is χ² with n − 1 degrees of freedom.
      const stat = xs.reduce((a, x) => a + (x - R * p) ** 2, 0) * (s.n - 1) / (s.n * R * p * (1 - p));
      const pValue = chiSquareSf(stat, s.n - 1);
      expect(pValue, `stratum ${s.risk}/${s.credit}: χ² = ${stat.toFixed(1)}, df = ${s.n - 1}`).toBeGreaterThan(ALPHA);
      total += stat;
      df += s.n - 1;
    }
    expect(chiSquareSf(total, df), `all strata: χ² = ${total.toFixed(1)}, df = ${df}`).toBeGreaterThan(ALPHA);
  });

  it('the mandatory are drawn every time, the excluded never', () => {
    for (const c of cands) {
      if (c.blacklisted) expect(counts.get(c.uscc)).toBe(R);
      if (c.lastPlanInspectionOn) expect(counts.get(c.uscc)).toBe(0);
    }
  });
});

describe('teams', () => {
  const p = defaultDrawParams(DATE, 1);

  it('are two distinct eligible inspectors, never a recused one, over many draws', () => {
    const cands = Array.from({ length: 60 }, (_, i) => candidate(i, { category: i % 3 === 0 ? 'medical_institution' : 'public_place' }));
    const inspectors = [
      ...Array.from({ length: 12 }, (_, i) => inspector(i)),
      inspector(20, { active: false }),
      inspector(21, { certificateValidTo: '2026-05-11' }), // expired the day before the draw
      inspector(22, { certificateNo: null }),
      inspector(23, { specialties: ['water_supply'] }),
    ];
    const eligible = new Set(inspectors.slice(0, 12).map((i) => i.staffNo));
    for (let r = 0; r < 200; r++) {
      const recusals: DrawRecusal[] = [];
      for (let k = 0; k < 150; k++) {
        const h = md5(`recusal ${r} ${k}`);
        recusals.push({ uscc: code(parseInt(h.slice(0, 4), 16) % 60), staffNo: `NH-${String(parseInt(h.slice(4, 8), 16) % 12).padStart(3, '0')}`, reason: k % 2 ? 'conflict' : 'previous_plan' });
      }
      const result = runDraw(seedOf(r), { params: p, candidates: cands, inspectors, recusals });
      const recused = new Set(recusals.map((x) => `${x.uscc}|${x.staffNo}`));
      for (const e of result.entities) {
        if (e.inspectors.length === 0) {
          expect(result.unassigned.map((u) => u.uscc)).toContain(e.uscc);
          continue;
        }
        expect(e.inspectors).toHaveLength(2);
        expect(new Set(e.inspectors).size).toBe(2);
        for (const s of e.inspectors) {
          expect(eligible.has(s)).toBe(true);
          expect(recused.has(`${e.uscc}|${s}`)).toBe(false);
        }
      }
    }
  });

  it('balance the workload: loads differ by at most one when everyone can inspect everything', () => {
    const cands = Array.from({ length: 97 }, (_, i) => candidate(i));
    const inspectors = Array.from({ length: 10 }, (_, i) => inspector(i));
    const result = runDraw(seedOf(7), { params: p, candidates: cands, inspectors, recusals: [] });
    const load = new Map<string, number>();
    for (const e of result.entities) for (const s of e.inspectors) load.set(s, (load.get(s) ?? 0) + 1);
    expect([...load.values()].reduce((a, b) => a + b, 0)).toBe(194);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });

  it('count tasks held before the draw', () => {
    const cands = Array.from({ length: 4 }, (_, i) => candidate(i));
    const inspectors = [inspector(1, { openTasks: 3 }), inspector(2), inspector(3), inspector(4)];
    const { teams } = assignInspectors(seedOf(8), p, cands, inspectors, []);
    const load = new Map<string, number>();
    for (const t of teams.values()) for (const s of t) load.set(s, (load.get(s) ?? 0) + 1);
    // 8 places: the three without tasks reach 3 first, the fourth takes none until then.
    expect(load.get('NH-001') ?? 0).toBe(0);
    expect([load.get('NH-002'), load.get('NH-003'), load.get('NH-004')].sort()).toEqual([2, 3, 3]);
  });

  it('an entity without two eligible inspectors is reported, not given one', () => {
    const cands = [candidate(1, { category: 'radiation' }), candidate(2)];
    const inspectors = [inspector(1, { specialties: ['radiation', 'public_place'] }), inspector(2), inspector(3, { specialties: ['radiation'] })];
    const recusals: DrawRecusal[] = [{ uscc: code(1), staffNo: 'NH-003', reason: 'conflict' }];
    const result = runDraw(seedOf(9), { params: p, candidates: cands, inspectors, recusals });
    expect(result.unassigned).toEqual([{ uscc: code(1), reason: 'no_eligible_team', eligible: 1 }]);
    expect(result.entities.find((e) => e.uscc === code(1))!.inspectors).toEqual([]);
    expect(result.entities.find((e) => e.uscc === code(2))!.inspectors).toHaveLength(2);
  });

  it('the order among equals is a permutation for every size, with its inverse, and treats inspectors alike (chi-square, α = 0.001)', () => {
    for (const n of [1, 2, 3, 5, 16, 17, 100, 1000]) {
      const order = new TeamOrder(seedOf(n), code(n), n);
      const seen = new Set(Array.from({ length: n }, (_, i) => order.at(i)));
      expect(seen.size).toBe(n);
      expect(Math.max(...seen)).toBe(n - 1);
      // positionOf undoes at, so the first of a few inspectors can be found from their positions.
      for (let i = 0; i < n; i++) expect(order.positionOf(order.at(i))).toBe(i);
    }
    // First choice for one entity and ten idle inspectors, over 3,000 seeds.
    const n = 10, R = 3000;
    const first = new Array(n).fill(0);
    for (let r = 0; r < R; r++) first[new TeamOrder(seedOf(r), code(1), n).at(0)]++;
    const stat = first.reduce((a, x) => a + (x - R / n) ** 2 / (R / n), 0);
    expect(chiSquareSf(stat, n - 1), `χ² = ${stat.toFixed(1)}`).toBeGreaterThan(ALPHA);
  });
  it('of algorithm hrl-draw/1 never change at scale: levels, specialties, tasks held and recusals (published records must keep verifying)', () => {
    // 3,000 entities of four categories and 700 inspectors of one to three specialties
    // each, holding 0–5 tasks, with recusals: the search meets both a large and a nearly
    // exhausted set of inspectors at the lowest load, and entities left without a team.
    const categories = ['public_place', 'medical_institution', 'school', 'radiation'];
    const h = (s: string) => parseInt(md5(s).slice(0, 8), 16);
    const staff = Array.from({ length: 700 }, (_, i) => inspector(i, {
      specialties: [...categories.filter((c, k) => k === i % 4 || h(`spec ${i} ${c}`) % 3 === 0), ...(i < 4 ? ['water_supply'] : [])],
      openTasks: h(`tasks ${i}`) % 6, active: i % 97 !== 0,
    }));
    // One in fifty is a water supplier, which only four inspectors can inspect; two of them are recused for every other one.
    const drawn = Array.from({ length: 3000 }, (_, i) => ({ uscc: code(i), category: i % 50 === 0 ? 'water_supply' : categories[h(`cat ${i}`) % 7 % 4] }));
    const recusals: DrawRecusal[] = [
      ...Array.from({ length: 2500 }, (_, k) => ({
        uscc: code(h(`ru ${k}`) % 3000), staffNo: `NH-${String(h(`rs ${k}`) % 700).padStart(3, '0')}`, reason: k % 2 ? 'conflict' as const : 'previous_plan' as const,
      })),
      ...drawn.filter((_, i) => i % 100 === 0).flatMap((e) => ['NH-000', 'NH-001'].map((staffNo) => ({ uscc: e.uscc, staffNo, reason: 'conflict' as const }))),
    ];
    const { teams, unassigned } = assignInspectors(seedOf(11), defaultDrawParams(DATE, 1, { teamSize: 3 }), drawn, staff, recusals);
    expect(teams.size + unassigned.length).toBe(3000);
    expect(unassigned.length).toBe(30);
    expect(sm3(canonicalJson({ teams: [...teams], unassigned }))).toBe(GOLDEN_TEAMS);
  });
});

// Computed once by the implementation that walked each entity's order from the start; see GOLDEN_RESULT.
const GOLDEN_TEAMS = '6a71fa5bb5278202c80a1bd8a71b1439cc97441369d9e96c158e8860bafb1b96';

describe('published record and verification', () => {
  function inputs(): DrawInputs {
    return {
      params: defaultDrawParams(DATE, 0.2),
      candidates: statCandidates(),
      inspectors: Array.from({ length: 8 }, (_, i) => inspector(i)),
      recusals: [{ uscc: code(3), staffNo: 'NH-001', reason: 'conflict' }, { uscc: code(5), staffNo: 'NH-002', reason: 'previous_plan' }],
    };
  }
  const seed = seedOf(42);

  it('a record verifies, also after a round trip through JSON with its fields in another order', () => {
    const record = drawRecord(seed, inputs());
    const announcement = announceDraw(seed, inputs());
    expect(verifyDraw(record, announcement)).toMatchObject({ ok: true, problems: [] });
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(record).reverse())));
    expect(verifyDraw(reordered, announcement).ok).toBe(true);
    expect(record.counts).toEqual({ candidates: 335, inspectors: 8, recusals: 2 });
  });

  it('detects a changed seed', () => {
    const record = drawRecord(seed, inputs());
    const v = verifyDraw({ ...record, seed: seedOf(43) });
    expect(v.ok).toBe(false);
    expect(v.problems.map((x) => x.code)).toContain('commitment');
  });

  it('detects a changed candidate list, even with its digest recomputed', () => {
    const record = drawRecord(seed, inputs());
    const announcement = announceDraw(seed, inputs());
    const fewer = { ...record, candidates: record.candidates.filter((c) => c.uscc !== record.result.entities[0].uscc) };
    expect(verifyDraw(fewer).problems.map((x) => x.code)).toEqual(expect.arrayContaining(['candidates', 'result']));
    // An entity not drawn, reclassified: the digest catches it even where the result would not change.
    const changed = { ...record, candidates: record.candidates.map((c, i) => (i === 300 ? { ...c, riskClass: 'high' as const } : c)) };
    expect(verifyDraw(changed).problems.map((x) => x.code)).toContain('candidates');
    const rehashed = { ...changed, digests: { ...changed.digests, candidates: announceDraw(seed, changed).digests.candidates } };
    expect(verifyDraw(rehashed).problems.map((x) => x.code)).not.toContain('candidates');
    expect(verifyDraw(rehashed, announcement).problems.map((x) => x.code)).toContain('announcement');
  });

  it('detects a changed result', () => {
    const record = drawRecord(seed, inputs());
    const entities = record.result.entities.map((e, i) => (i === 2 ? { ...e, inspectors: [...e.inspectors].reverse() } : e));
    const v = verifyDraw({ ...record, result: { ...record.result, entities } });
    expect(v.problems.map((x) => x.code)).toEqual(['result']);
    expect(v.problems[0].message).toContain('第3个抽中对象不一致');
    const dropped = verifyDraw({ ...record, result: { ...record.result, entities: record.result.entities.slice(1) } });
    expect(dropped.problems.map((x) => x.code)).toEqual(['result']);
  });

  it('refuses a record of another algorithm', () => {
    const record = drawRecord(seed, inputs());
    expect(verifyDraw({ ...record, algorithm: 'hrl-draw/0' }).problems.map((x) => x.code)).toEqual(['algorithm']);
  });

  it('a record of hrl-draw/1 keeps verifying under its own name, and not under the other', () => {
    const record = drawRecord(seed, inputs(), DRAW_ALGORITHM_BY_KEYS);
    expect(record.algorithm).toBe('hrl-draw/1');
    expect(verifyDraw(record, announceDraw(seed, inputs(), DRAW_ALGORITHM_BY_KEYS))).toMatchObject({ ok: true, problems: [] });
    expect(verifyDraw({ ...record, algorithm: DRAW_ALGORITHM }).problems.map((x) => x.code)).toEqual(['result']);
    expect(drawRecord(seed, inputs()).algorithm).toBe('hrl-draw/2');
  });
});
