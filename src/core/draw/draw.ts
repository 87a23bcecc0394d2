// The random-inspection draw (双随机、一公开): which entities are inspected under a plan,
// and by which pair of inspectors. Pure: every input is frozen and passed in, so the same
// code runs the draw on the server and re-runs it on the public verification page.
//
// Procedure (algorithm DRAW_ALGORITHM):
// 1. Before the draw the organisation publishes the announcement: the commitment SM3(seed),
//    the parameters, and the SM3 digests of the frozen candidate list, inspector list and
//    recusal list (`announceDraw`). After the draw it publishes the seed, the lists and the
//    result (`DrawRecord`); `verifyDraw` re-runs everything from that record.
// 2. Entities. Each candidate falls in a stratum (risk class × credit grade, or the one
//    class the plan uses; a missing class is its own value '-', at the base ratio on that
//    dimension). A blacklisted candidate not yet inspected as often this year as its
//    minimum requires by the draw date (⌈min × month / 12⌉: one a quarter for four a
//    year) is mandatory: always drawn. A candidate inspected under another plan after the
//    day the exclusion window (months) before the draw date is excluded, unless it is
//    mandatory (the legal minimum wins) or the plan includes recently inspected ones. The others form the stratum's pool:
//    of its N candidates k = ⌈ratio × N⌉ are drawn at random: under hrl-draw/1 those
//    with the smallest ordering keys md5(seed:uscc); under hrl-draw/2 those at k ordinals
//    of the pool in code order drawn by Floyd's sampling (pools.ts).
//    Ratios are whole parts per million and k is computed in integers, so JavaScript and
//    SQL agree to the unit; rounding up makes the plan's ratio a floor in every stratum
//    (抽查比例 is stated as a minimum), and a non-empty stratum with a ratio gets at
//    least one entity.
// 3. Inspectors, for each drawn entity in key order: the team (teamSize, at least two:
//    行政处罚法 art. 42) is taken from the inspectors who are active, hold a certificate
//    valid on the draw date and have the entity's category among their specialties, less
//    those recused for the entity (a declared conflict, or they inspected it under the
//    previous plan). Fewest tasks first (tasks held before the draw plus those of this
//    draw); among equals, the entity's own pseudo-random order of the inspectors decides
//    (a permutation keyed by md5(seed:uscc:team), see `TeamOrder`). An entity without a
//    full team is reported in `unassigned`, never given a partial one.
import { addMonths } from '../calendar/dates';
import { sm3 } from '../crypto/sm3';
import { RULES } from '../law/rules';
import { commitment, compareCodePoints, keyHasher, SEED_PATTERN } from './key';
import type { Md5WithPrefix } from './md5';
import { selectFromPools } from './pools';

/** The first algorithm: the quota smallest keys md5(seed:uscc) of each pool. Its records keep verifying. */
export const DRAW_ALGORITHM_BY_KEYS = 'hrl-draw/1';
/**
 * What plans announce now (pools.ts): the same kind of draw, with the work after the seed
 * growing with the number drawn instead of the number of candidates.
 */
export const DRAW_ALGORITHM = 'hrl-draw/2';
export const DRAW_ALGORITHMS: readonly string[] = [DRAW_ALGORITHM_BY_KEYS, DRAW_ALGORITHM];

export type StrataMode = 'risk_credit' | 'risk' | 'credit' | 'none';
export type DrawRiskClass = 'low' | 'medium' | 'high';
export type DrawCreditGrade = 'A' | 'B' | 'C' | 'D';

export const RISK_VALUES: readonly string[] = ['low', 'medium', 'high'];
export const CREDIT_VALUES: readonly string[] = ['A', 'B', 'C', 'D'];

export interface DrawParams {
  /** 'YYYY-MM-DD': certificates must be valid on it; history counts up to it. */
  drawDate: string;
  /** The plan's base ratio, 0 < r ≤ 1 (e.g. 0.05 = 5 %); not used when sampleCount is set. */
  baseRatio: number;
  /**
   * How many to draw at random instead of a ratio (the mandatory come on top): the count
   * shared out among the strata in proportion to their pools, a high-risk or grade-D
   * stratum's pool weighted by highRiskMultiplier (allocateCount). hrl-draw/2 only.
   */
  sampleCount?: number;
  strata: StrataMode;
  /** Ratio of high-risk or grade-D strata as a multiple of the base (RULES.randomDrawRiskMultiplier). */
  highRiskMultiplier: number;
  /** The plan's own ratio for a stratum key ('high/D', 'low/*', '-/B' …), overriding the default. */
  ratios?: Record<string, number>;
  /** Window (months back from the draw date) of the exclusion of recently inspected entities (RULES.randomDrawExclusionMonths). */
  exclusionMonths: number;
  /** The plan draws entities inspected under another plan within the window too. */
  includeRecentlyInspected: boolean;
  /** Inspections a year a blacklisted entity must have (RULES.creditBlacklistMinInspectionsPerYear). */
  blacklistMinPerYear: number;
  /** Inspectors per entity; at least RULES.minInspectors (2). */
  teamSize: number;
}

export interface DrawCandidate {
  /** Unified social credit code: the public identifier, and what the key hashes. */
  uscc: string;
  category: string;
  riskClass: DrawRiskClass | null;
  creditGrade: DrawCreditGrade | null;
  blacklisted: boolean;
  /** Latest inspection under another random-inspection plan on or before the draw date. */
  lastPlanInspectionOn: string | null;
  /** Inspections of any kind from 1 January of the draw year to the draw date. */
  inspectionsThisYear: number;
}

export interface DrawInspector {
  staffNo: string;
  active: boolean;
  certificateNo: string | null;
  certificateValidTo: string | null;
  specialties: string[];
  /** Tasks the inspector holds before this draw (0 when not counted). */
  openTasks: number;
}

export interface DrawRecusal {
  staffNo: string;
  uscc: string;
  reason: 'conflict' | 'previous_plan';
}

export interface DrawInputs {
  params: DrawParams;
  candidates: DrawCandidate[];
  inspectors: DrawInspector[];
  recusals: DrawRecusal[];
}

export interface StratumSummary {
  stratum: string;
  ratioPpm: number;
  /** Candidates of the stratum in scope, whatever their status. */
  candidates: number;
  mandatory: number;
  excluded: number;
  /** Candidates neither mandatory nor excluded: the N of the quota. */
  pool: number;
  /** ⌈ratio × pool⌉: how many are drawn at random. */
  quota: number;
}

export interface DrawnEntity {
  uscc: string;
  stratum: string;
  ratioPpm: number;
  reason: 'random' | 'mandatory';
  key: string;
  /** Position among the stratum's drawn in key order (1 = smallest key); null for a mandatory entity. */
  rank: number | null;
  /** The team's staff numbers in the order chosen; empty when unassigned. */
  inspectors: string[];
}

export interface DrawResult {
  strata: StratumSummary[];
  /** Drawn entities in key order. */
  entities: DrawnEntity[];
  unassigned: Array<{ uscc: string; reason: 'no_eligible_team'; eligible: number }>;
}

export interface DrawAnnouncement {
  algorithm: string;
  commitment: string;
  params: DrawParams;
  digests: { candidates: string; inspectors: string; recusals: string };
  counts: { candidates: number; inspectors: number; recusals: number };
}

export interface DrawRecord extends DrawAnnouncement, DrawInputs {
  seed: string;
  result: DrawResult;
}

export class DrawInputError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------
// Parameters, strata and ratios

export function defaultDrawParams(drawDate: string, baseRatio: number, overrides: Partial<DrawParams> = {}): DrawParams {
  return {
    drawDate, baseRatio, strata: 'risk_credit',
    highRiskMultiplier: RULES.randomDrawRiskMultiplier.value,
    exclusionMonths: RULES.randomDrawExclusionMonths.value,
    includeRecentlyInspected: false,
    blacklistMinPerYear: RULES.creditBlacklistMinInspectionsPerYear.value,
    teamSize: RULES.minInspectors.value,
    ...overrides,
  };
}

export function validateParams(p: DrawParams): void {
  const bad = (code: string, msg: string) => { throw new DrawInputError(code, msg); };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.drawDate)) bad('DRAW_DATE', '抽取日期格式应为 YYYY-MM-DD');
  if (p.sampleCount !== undefined) {
    if (!(Number.isInteger(p.sampleCount) && p.sampleCount >= 1 && p.sampleCount <= MAX_SAMPLE_COUNT)) bad('DRAW_COUNT', `抽取数量应为1至${MAX_SAMPLE_COUNT}之间的整数`);
    if (Object.keys(p.ratios ?? {}).length) bad('DRAW_COUNT_RATIOS', '按数量抽取时不能另设分层比例：数量按各层可抽对象数（高风险和D级按倍数加权）分配');
  } else if (!(p.baseRatio > 0 && p.baseRatio <= 1)) bad('DRAW_RATIO', '基础抽查比例应大于0且不超过100%');
  if (!['risk_credit', 'risk', 'credit', 'none'].includes(p.strata)) bad('DRAW_STRATA', '分层方式不正确');
  if (!(p.highRiskMultiplier >= 0 && Number.isFinite(p.highRiskMultiplier))) bad('DRAW_MULTIPLIER', '高风险倍数应为非负数');
  if (!(Number.isInteger(p.exclusionMonths) && p.exclusionMonths >= 0)) bad('DRAW_EXCLUSION', '排除期限应为非负整数（月）');
  if (!(Number.isInteger(p.blacklistMinPerYear) && p.blacklistMinPerYear >= 0)) bad('DRAW_BLACKLIST_MIN', '黑名单每年最少检查次数应为非负整数');
  if (!(Number.isInteger(p.teamSize) && p.teamSize >= RULES.minInspectors.value)) {
    bad('DRAW_TEAM', `每个检查对象至少${RULES.minInspectors.value}名执法人员（${RULES.minInspectors.citation}）`);
  }
  const keys = new Set(stratumKeys(p.strata));
  for (const [k, v] of Object.entries(p.ratios ?? {})) {
    if (!keys.has(k)) bad('DRAW_STRATUM', `分层“${k}”不属于所选分层方式`);
    if (!(v >= 0 && v <= 1)) bad('DRAW_RATIO', `分层“${k}”的抽查比例应在0至100%之间`);
  }
}

/** Every stratum key a mode can produce: '<risk>/<credit>', '-' for a missing class, '*' for a class not used. */
export function stratumKeys(mode: StrataMode): string[] {
  const risks = mode === 'risk_credit' || mode === 'risk' ? [...RISK_VALUES, '-'] : ['*'];
  const credits = mode === 'risk_credit' || mode === 'credit' ? [...CREDIT_VALUES, '-'] : ['*'];
  return risks.flatMap((r) => credits.map((c) => `${r}/${c}`));
}

export function stratumOf(mode: StrataMode, risk: string | null, credit: string | null): string {
  const r = mode === 'risk_credit' || mode === 'risk' ? risk ?? '-' : '*';
  const c = mode === 'risk_credit' || mode === 'credit' ? credit ?? '-' : '*';
  return `${r}/${c}`;
}

const PPM = 1_000_000;

/** A ratio in whole parts per million, the unit every computation uses. */
export function toPpm(ratio: number): number {
  return Math.min(PPM, Math.max(0, Math.round(ratio * PPM)));
}

/** A stratum of high risk or credit grade D: the one the multiplier (RULES.randomDrawRiskMultiplier) applies to. */
export function isHighRiskStratum(key: string): boolean {
  const [risk, credit] = key.split('/');
  return risk === 'high' || credit === 'D';
}

/** The ratio (ppm) of each stratum key: the plan's own, else base × multiplier for high risk or grade D, else base. */
export function stratumRatios(p: DrawParams): Map<string, number> {
  const base = toPpm(p.baseRatio);
  const high = Math.min(PPM, Math.round(base * p.highRiskMultiplier));
  const out = new Map<string, number>();
  for (const key of stratumKeys(p.strata)) {
    const own = p.ratios?.[key];
    out.set(key, own !== undefined ? toPpm(own) : isHighRiskStratum(key) ? high : base);
  }
  return out;
}

/** ⌈ppm × n / 10⁶⌉ in integers (ppm × n stays far below 2⁵³). */
export function quotaOf(ratioPpm: number, n: number): number {
  return Math.floor((ratioPpm * n + PPM - 1) / PPM);
}

/** The largest sample count a plan may ask for (a province's directory is a few million). */
export const MAX_SAMPLE_COUNT = 1_000_000;

/**
 * count shared out among items in proportion to size × weight, none above its size
 * (Hamilton's method: the whole parts, then one more to the largest remainders, ties to
 * the earlier item; an item that would get more than its size gets its size and the rest
 * is shared again among the others). Exact integers (BigInt), so every engine agrees.
 */
export function allocateCount(count: number, items: ReadonlyArray<{ size: number; weight: number }>): number[] {
  const quota = items.map(() => 0);
  let open = items.map((_, i) => i).filter((i) => items[i].size > 0 && items[i].weight > 0);
  let left = Math.min(count, open.reduce((a, i) => a + items[i].size, 0));
  while (open.length > 0 && left > 0) {
    const weights = open.map((i) => BigInt(items[i].size) * BigInt(items[i].weight));
    const total = weights.reduce((a, b) => a + b, 0n);
    const shares = open.map((i, k) => ({ i, q: Number((BigInt(left) * weights[k]) / total), r: (BigInt(left) * weights[k]) % total }));
    const extra = left - shares.reduce((a, x) => a + x.q, 0);
    [...shares].sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1)).slice(0, extra).forEach((x) => { x.q++; });
    const over = new Set(shares.filter((x) => x.q > items[x.i].size).map((x) => x.i));
    if (over.size === 0) {
      for (const x of shares) quota[x.i] = x.q;
      break;
    }
    for (const i of over) { quota[i] = items[i].size; left -= items[i].size; }
    open = open.filter((i) => !over.has(i));
  }
  return quota;
}

/**
 * Each stratum's quota from its pool (strata as summarised, ratios set): ⌈ratio × pool⌉;
 * or, drawing by count, the count shared out (allocateCount, high-risk and grade-D pools
 * weighted by the multiplier), each stratum then showing the ratio it got (ppm, rounded down).
 */
export function setQuotas(params: DrawParams, strata: StratumSummary[]): void {
  if (params.sampleCount === undefined) {
    for (const s of strata) s.quota = quotaOf(s.ratioPpm, s.pool);
    return;
  }
  const weight = Math.round(params.highRiskMultiplier * PPM);
  const quotas = allocateCount(params.sampleCount, strata.map((s) => ({ size: s.pool, weight: isHighRiskStratum(s.stratum) ? weight : PPM })));
  strata.forEach((s, i) => {
    s.quota = quotas[i];
    s.ratioPpm = s.pool > 0 ? Math.floor((quotas[i] * PPM) / s.pool) : 0;
  });
}

/** Inspections a blacklisted entity must have had by the draw date: ⌈min × month / 12⌉ (one a quarter for 4). */
export function requiredInspectionsBy(drawDate: string, minPerYear: number): number {
  const month = Number(drawDate.slice(5, 7));
  return Math.floor((minPerYear * month + 11) / 12);
}

/** An inspection under another plan after this date excludes the entity (null: nothing is excluded). */
export function exclusionCutoff(p: DrawParams): string | null {
  return p.includeRecentlyInspected ? null : addMonths(p.drawDate, -p.exclusionMonths);
}

// ---------------------------------------------------------------------------------
// Entities

export type CandidateStatus = 'mandatory' | 'excluded' | 'pool';

/** Refuses a risk class or credit grade outside the known values. */
export function checkClasses(c: DrawCandidate): void {
  if ((c.riskClass !== null && !RISK_VALUES.includes(c.riskClass)) || (c.creditGrade !== null && !CREDIT_VALUES.includes(c.creditGrade))) {
    throw new DrawInputError('DRAW_CLASS', `候选对象${c.uscc}的风险等级或信用等级不正确`);
  }
}

export function candidateStatus(c: DrawCandidate, required: number, cutoff: string | null): CandidateStatus {
  if (c.blacklisted && c.inspectionsThisYear < required) return 'mandatory';
  if (cutoff !== null && c.lastPlanInspectionOn !== null && c.lastPlanInspectionOn > cutoff) return 'excluded';
  return 'pool';
}

/** Key order: by key, then (never seen in practice) by code. Both algorithms order their drawn by it. */
export function byKey(a: { key: string; uscc: string }, b: { key: string; uscc: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : compareCodePoints(a.uscc, b.uscc);
}

/**
 * The k smallest items by a comparison, in order. A small quota of a large pool (the usual
 * draw: a few per cent) keeps a bounded max-heap of the k smallest seen instead of sorting
 * the pool: n log k comparisons instead of n log n.
 */
export function smallestBy<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 8 >= items.length) return [...items].sort(compare).slice(0, k);
  const heap: T[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let top = i;
      if (l < heap.length && compare(heap[l], heap[top]) > 0) top = l;
      if (r < heap.length && compare(heap[r], heap[top]) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i], heap[parent]) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (compare(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}

export interface EntitySelection {
  strata: StratumSummary[];
  /** In key order, without inspectors. */
  entities: Array<Omit<DrawnEntity, 'inspectors'>>;
}

/**
 * A code listed twice makes the list invalid. Equal codes have equal heads, so only the
 * codes whose head occurs twice are compared (sorting 650,000 numbers: a tenth of the
 * time a set of as many codes takes).
 */
function refuseDuplicates(candidates: readonly DrawCandidate[], heads: Float64Array): void {
  const sorted = heads.slice().sort();
  let repeated: Set<number> | null = null;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) (repeated ??= new Set()).add(sorted[i]);
  if (!repeated) return;
  const seen = new Set<string>();
  for (let i = 0; i < candidates.length; i++) {
    if (!repeated.has(heads[i])) continue;
    if (seen.has(candidates[i].uscc)) throw new DrawInputError('DRAW_DUPLICATE', `候选名单中统一社会信用代码重复：${candidates[i].uscc}`);
    seen.add(candidates[i].uscc);
  }
}

/** A pool member: its code and the first six bytes of its key (keyHasher's head). */
interface PoolEntry { head: number; uscc: string }

/**
 * Step 2 under hrl-draw/1: the drawn entities, with the reasons (stratum, ratio, mandatory) of each. The
 * pools are ranked by the first six bytes of each key, as numbers, and by the whole key
 * only when those are equal, which orders them exactly as the keys do; the whole key is
 * written out only for the entities drawn (runDraw over 650,000 candidates: 4.2 → 0.8 s,
 * bench/RESULTS-draw.md).
 */
function selectBySmallestKeys(seed: string, params: DrawParams, candidates: readonly DrawCandidate[]): EntitySelection {
  const ratios = stratumRatios(params);
  const required = requiredInspectionsBy(params.drawDate, params.blacklistMinPerYear);
  const cutoff = exclusionCutoff(params);
  const keys = keyHasher(seed);
  const groups = new Map<string, { summary: StratumSummary; pool: PoolEntry[] }>();
  const mandatory: Array<Omit<DrawnEntity, 'inspectors'>> = [];
  const heads = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const head = (heads[i] = keys.head(c.uscc));
    checkClasses(c);
    const stratum = stratumOf(params.strata, c.riskClass, c.creditGrade);
    let g = groups.get(stratum);
    if (!g) {
      g = { summary: { stratum, ratioPpm: ratios.get(stratum)!, candidates: 0, mandatory: 0, excluded: 0, pool: 0, quota: 0 }, pool: [] };
      groups.set(stratum, g);
    }
    g.summary.candidates++;
    const status = candidateStatus(c, required, cutoff);
    if (status === 'excluded') { g.summary.excluded++; continue; }
    if (status === 'mandatory') {
      g.summary.mandatory++;
      mandatory.push({ uscc: c.uscc, stratum, ratioPpm: g.summary.ratioPpm, reason: 'mandatory', key: keys.hex(c.uscc), rank: null });
    } else {
      g.summary.pool++;
      g.pool.push({ head, uscc: c.uscc });
    }
  }
  refuseDuplicates(candidates, heads);
  const byHead = (a: PoolEntry, b: PoolEntry) => a.head - b.head
    || byKey({ key: keys.hex(a.uscc), uscc: a.uscc }, { key: keys.hex(b.uscc), uscc: b.uscc });
  const entities: Array<Omit<DrawnEntity, 'inspectors'>> = [...mandatory];
  const strata: StratumSummary[] = [];
  for (const { summary, pool } of groups.values()) {
    summary.quota = quotaOf(summary.ratioPpm, summary.pool);
    const drawn = smallestBy(pool, summary.quota, byHead);
    for (let i = 0; i < drawn.length; i++) {
      entities.push({ uscc: drawn[i].uscc, stratum: summary.stratum, ratioPpm: summary.ratioPpm, reason: 'random', key: keys.hex(drawn[i].uscc), rank: i + 1 });
    }
    strata.push(summary);
  }
  strata.sort((a, b) => compareCodePoints(a.stratum, b.stratum));
  entities.sort(byKey);
  return { strata, entities };
}

/** Step 2 under the named algorithm (by default the one plans announce now). */
export function selectEntities(seed: string, params: DrawParams, candidates: readonly DrawCandidate[], algorithm = DRAW_ALGORITHM): EntitySelection {
  if (algorithm === DRAW_ALGORITHM) return selectFromPools(seed, params, candidates);
  if (algorithm === DRAW_ALGORITHM_BY_KEYS) {
    if (params.sampleCount !== undefined) throw new DrawInputError('DRAW_COUNT_ALGORITHM', `${DRAW_ALGORITHM_BY_KEYS}不支持按数量抽取`);
    return selectBySmallestKeys(seed, params, candidates);
  }
  throw new DrawInputError('DRAW_ALGORITHM', `不支持的抽取算法：${algorithm}`);
}

// ---------------------------------------------------------------------------------
// Inspectors

/** Eligible on the draw date: active, with a certificate valid that day. */
export function inspectorEligible(i: DrawInspector, drawDate: string): boolean {
  return i.active && !!i.certificateNo && i.certificateValidTo !== null && i.certificateValidTo >= drawDate;
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** TeamOrder's four key words, written by each constructor in turn (no array per entity). */
const TEAM_KEY_WORDS = [0, 0, 0, 0];

/**
 * The entity's own order of the n eligible inspectors (indices 0 … n−1), a pseudo-random
 * permutation keyed by md5(seed:uscc:team): a four-round Feistel network on the smallest
 * even number of bits covering n, walked until it lands below n (cycle walking keeps it a
 * permutation of 0 … n−1). The tie-break rank of an inspector is its position in this
 * order, so it is a keyed function of (seed, entity, inspector), as a hash of the three
 * would be, and the team is the first inspectors of the order among those with the fewest
 * tasks. The Feistel network runs both ways, so that first one is found either by walking
 * the order (few steps while many inspectors share the fewest tasks) or by computing the
 * position of each of them (when few do); both give the same inspector.
 */
export class TeamOrder {
  // The four round keys, and the half width in bits (at most 15 for up to 2³⁰ inspectors, so shifts stay in 32 bits).
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;
  private readonly half: number;
  private readonly mask: number;

  /** keys: the draw's keyHasher(seed), shared by all its entities (md5(seed:uscc:team) then costs one block). */
  constructor(seed: string, uscc: string, readonly n: number, keys: Md5WithPrefix = keyHasher(seed)) {
    const k = TEAM_KEY_WORDS;
    keys.words(`${uscc}:team`, k);
    this.k0 = k[0]; this.k1 = k[1]; this.k2 = k[2]; this.k3 = k[3];
    let bits = 2;
    while (2 ** bits < n) bits++;
    if (bits % 2) bits++;
    this.half = bits / 2;
    this.mask = 2 ** this.half - 1;
  }

  // Four rounds written out (the walk calls this tens of thousands of times a draw).
  private permute(x: number): number {
    const m = this.mask;
    const l0 = x >>> this.half, r0 = x & m;
    const r1 = (l0 ^ fmix32((r0 ^ this.k0) >>> 0)) & m;
    const r2 = (r0 ^ fmix32((r1 ^ this.k1) >>> 0)) & m;
    const r3 = (r1 ^ fmix32((r2 ^ this.k2) >>> 0)) & m;
    const r4 = (r2 ^ fmix32((r3 ^ this.k3) >>> 0)) & m;
    return (r3 << this.half) | r4;
  }

  /** permute's inverse: each round (l, r) → (r, l ⊕ F(r ⊕ k)) undone as (l, r) → (r ⊕ F(l ⊕ k), l), keys in reverse. */
  private unpermute(y: number): number {
    const m = this.mask;
    const r3 = y >>> this.half, r4 = y & m;
    const r2 = (r4 ^ fmix32((r3 ^ this.k3) >>> 0)) & m;
    const r1 = (r3 ^ fmix32((r2 ^ this.k2) >>> 0)) & m;
    const r0 = (r2 ^ fmix32((r1 ^ this.k1) >>> 0)) & m;
    const l0 = (r1 ^ fmix32((r0 ^ this.k0) >>> 0)) & m;
    return (l0 << this.half) | r0;
  }

  /** The inspector index at a position of the order. */
  at(position: number): number {
    let y = this.permute(position);
    while (y >= this.n) y = this.permute(y);
    return y;
  }

  /** The position of an inspector index in the order: at's inverse. */
  positionOf(index: number): number {
    let x = this.unpermute(index);
    while (x >= this.n) x = this.unpermute(x);
    return x;
  }
}

/**
 * The eligible inspectors and their loads, with, for each specialty, the inspectors of
 * each load (a bucket per load, in no order; slot says where each one sits in its bucket,
 * so moving an inspector to the next load is constant time).
 */
interface TeamState {
  /** Eligible inspectors sorted by staff number. */
  staff: DrawInspector[];
  load: number[];
  /** Bit mask of each inspector's specialties (bit per category). */
  specialties: number[];
  /** buckets[category bit][load]: the inspectors with that specialty and load. */
  buckets: number[][][];
  /** slot[category bit][inspector]: the inspector's place in its bucket. */
  slot: Int32Array[];
  categoryBit: Map<string, number>;
}

function teamState(inspectors: readonly DrawInspector[], drawDate: string): TeamState {
  const seen = new Set<string>();
  for (const i of inspectors) {
    if (seen.has(i.staffNo)) throw new DrawInputError('DRAW_DUPLICATE', `执法人员名单中工号重复：${i.staffNo}`);
    if (!(Number.isInteger(i.openTasks) && i.openTasks >= 0)) throw new DrawInputError('DRAW_TASKS', `执法人员${i.staffNo}的在办任务数应为非负整数`);
    seen.add(i.staffNo);
  }
  const staff = inspectors.filter((i) => inspectorEligible(i, drawDate)).sort((a, b) => compareCodePoints(a.staffNo, b.staffNo));
  const categoryBit = new Map<string, number>();
  const specialties = staff.map((i) => {
    let mask = 0;
    for (const s of i.specialties) {
      if (!categoryBit.has(s)) {
        if (categoryBit.size >= 31) throw new DrawInputError('DRAW_SPECIALTIES', '执法人员专业类别过多');
        categoryBit.set(s, categoryBit.size);
      }
      mask |= 1 << categoryBit.get(s)!;
    }
    return mask;
  });
  const load = staff.map((i) => i.openTasks);
  const st: TeamState = {
    staff, load, specialties, categoryBit,
    buckets: Array.from({ length: categoryBit.size }, () => []),
    slot: Array.from({ length: categoryBit.size }, () => new Int32Array(staff.length)),
  };
  staff.forEach((_, i) => {
    for (let b = 0; b < categoryBit.size; b++) if (specialties[i] & (1 << b)) putInBucket(st, b, i);
  });
  return st;
}

function putInBucket(st: TeamState, b: number, i: number): void {
  const bucket = (st.buckets[b][st.load[i]] ??= []);
  st.slot[b][i] = bucket.length;
  bucket.push(i);
}

/** One more task for inspector i: it moves to the next load's bucket of each of its specialties. */
function addTask(st: TeamState, i: number): void {
  for (let b = 0; b < st.buckets.length; b++) {
    if (!(st.specialties[i] & (1 << b))) continue;
    const bucket = st.buckets[b][st.load[i]];
    const last = bucket.pop()!;
    if (last !== i) {
      bucket[st.slot[b][i]] = last;
      st.slot[b][last] = st.slot[b][i];
    }
  }
  st.load[i]++;
  for (let b = 0; b < st.buckets.length; b++) if (st.specialties[i] & (1 << b)) putInBucket(st, b, i);
}

/**
 * The first inspector of the entity's order among those of the specialty (bit) at a load
 * (its bucket), leaving out the excluded (at least one is not). Walking the order takes about
 * n / (bucket size) steps, computing every position of the bucket its size; the cheaper
 * is taken (measured: 213 → 80 ms for 10,966 entities and 10,000 inspectors). After a pick
 * at the same load the walk goes on from the last position, since none before it
 * qualifies any more.
 */
function firstInOrder(
  st: TeamState, order: TeamOrder, bit: number, level: number, bucket: readonly number[], excluded: ReadonlySet<number>, from: number,
): { index: number; position: number } {
  if (bucket.length * bucket.length < order.n) {
    let best = -1, bestPosition = Infinity;
    for (const i of bucket) {
      if (excluded.has(i)) continue;
      const position = order.positionOf(i);
      if (position < bestPosition) { best = i; bestPosition = position; }
    }
    return { index: best, position: bestPosition };
  }
  for (let position = from; ; position++) {
    const i = order.at(position);
    if ((st.specialties[i] & bit) && st.load[i] === level && !excluded.has(i)) return { index: i, position };
  }
}

/**
 * Step 3: a team for each drawn entity, taken in the order given (key order, as
 * selectEntities and the SQL selection return them). Returns the teams (staff numbers by
 * uscc) and the entities left without a full team.
 */
export function assignInspectors(
  seed: string, params: DrawParams, drawn: ReadonlyArray<{ uscc: string; category: string }>,
  inspectors: readonly DrawInspector[], recusals: readonly DrawRecusal[],
): { teams: Map<string, string[]>; unassigned: DrawResult['unassigned'] } {
  const st = teamState(inspectors, params.drawDate);
  const index = new Map(st.staff.map((s, i) => [s.staffNo, i]));
  const recused = new Map<string, Set<number>>();
  for (const r of recusals) {
    const i = index.get(r.staffNo);
    if (i === undefined) continue;
    let set = recused.get(r.uscc);
    if (!set) recused.set(r.uscc, (set = new Set()));
    set.add(i);
  }
  const teams = new Map<string, string[]>();
  const unassigned: DrawResult['unassigned'] = [];
  const keys = keyHasher(seed);
  // Out of reach: recused for the entity, and (as the search goes) already in the team.
  // One set and one array serve every entity (11,000 of each cost 20 ms of allocation).
  const excluded = new Set<number>();
  // Inspectors of the specialty out of reach for this entity, by load.
  const blocked: number[] = [];
  for (const e of drawn) {
    const bitIndex = st.categoryBit.get(e.category);
    const buckets = bitIndex === undefined ? [] : st.buckets[bitIndex];
    const bit = bitIndex === undefined ? 0 : 1 << bitIndex;
    excluded.clear();
    for (const i of recused.get(e.uscc) ?? []) excluded.add(i);
    blocked.length = 0;
    for (const i of excluded) if (st.specialties[i] & bit) blocked[st.load[i]] = (blocked[st.load[i]] ?? 0) + 1;
    let available = 0;
    for (let l = 0; l < buckets.length; l++) available += (buckets[l]?.length ?? 0) - (blocked[l] ?? 0);
    if (available < params.teamSize) {
      unassigned.push({ uscc: e.uscc, reason: 'no_eligible_team', eligible: Math.max(0, available) });
      continue;
    }
    const order = new TeamOrder(seed, e.uscc, st.staff.length, keys);
    const team: number[] = [];
    let lastLevel = -1, lastPosition = -1;
    while (team.length < params.teamSize) {
      let level = 0;
      while ((buckets[level]?.length ?? 0) - (blocked[level] ?? 0) <= 0) level++;
      const pick = firstInOrder(st, order, bit, level, buckets[level], excluded, level === lastLevel ? lastPosition + 1 : 0);
      team.push(pick.index);
      excluded.add(pick.index);
      blocked[level] = (blocked[level] ?? 0) + 1;
      lastLevel = level;
      lastPosition = pick.position;
    }
    for (const i of team) addTask(st, i);
    teams.set(e.uscc, team.map((i) => st.staff[i].staffNo));
  }
  return { teams, unassigned };
}

// ---------------------------------------------------------------------------------
// The whole draw, its announcement and its verification

/** Runs the draw under the named algorithm: entities, then teams. */
export function runDraw(seed: string, inputs: DrawInputs, algorithm = DRAW_ALGORITHM): DrawResult {
  validateParams(inputs.params);
  const selection = selectEntities(seed, inputs.params, inputs.candidates, algorithm);
  // The category of the drawn only (a few per cent of the candidates).
  const drawn = new Set(selection.entities.map((e) => e.uscc));
  const category = new Map<string, string>();
  for (const c of inputs.candidates) if (drawn.has(c.uscc)) category.set(c.uscc, c.category);
  const { teams, unassigned } = assignInspectors(seed, inputs.params,
    selection.entities.map((e) => ({ uscc: e.uscc, category: category.get(e.uscc)! })), inputs.inspectors, inputs.recusals);
  return {
    strata: selection.strata,
    entities: selection.entities.map((e) => ({ ...e, inspectors: teams.get(e.uscc) ?? [] })),
    unassigned,
  };
}

function digestLines(lines: string[]): string {
  lines.sort(compareCodePoints);
  return sm3(lines.join('\n'));
}

/** SM3 digests of the frozen lists, each line a JSON array in a fixed field order, lines sorted. */
export function inputDigests(inputs: Omit<DrawInputs, 'params'>): DrawAnnouncement['digests'] {
  return {
    candidates: digestLines(inputs.candidates.map((c) => JSON.stringify([
      c.uscc, c.category, c.riskClass, c.creditGrade, c.blacklisted, c.lastPlanInspectionOn, c.inspectionsThisYear]))),
    inspectors: digestLines(inputs.inspectors.map((i) => JSON.stringify([
      i.staffNo, i.active, i.certificateNo, i.certificateValidTo, [...i.specialties].sort(compareCodePoints), i.openTasks]))),
    recusals: digestLines(inputs.recusals.map((r) => JSON.stringify([r.staffNo, r.uscc, r.reason]))),
  };
}

/** What is published before the draw (the algorithm other than the current one only for records of an earlier one). */
export function announceDraw(seed: string, inputs: DrawInputs, algorithm = DRAW_ALGORITHM): DrawAnnouncement {
  if (!SEED_PATTERN.test(seed)) throw new DrawInputError('DRAW_SEED', '随机种子应为64位十六进制数');
  if (!DRAW_ALGORITHMS.includes(algorithm)) throw new DrawInputError('DRAW_ALGORITHM', `不支持的抽取算法：${algorithm}`);
  validateParams(inputs.params);
  return {
    algorithm,
    commitment: commitment(seed),
    params: inputs.params,
    digests: inputDigests(inputs),
    counts: { candidates: inputs.candidates.length, inspectors: inputs.inspectors.length, recusals: inputs.recusals.length },
  };
}

/** The published record of a draw: announcement, seed, frozen inputs and result. */
export function drawRecord(seed: string, inputs: DrawInputs, algorithm = DRAW_ALGORITHM): DrawRecord {
  const announcement = announceDraw(seed, inputs, algorithm);
  return { ...announcement, seed, ...inputs, result: runDraw(seed, inputs, algorithm) };
}

/** JSON with object keys sorted, so two records compare equal whatever order their fields were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface DrawProblem {
  code: 'algorithm' | 'seed' | 'commitment' | 'announcement' | 'candidates' | 'inspectors' | 'recusals' | 'inputs' | 'result';
  message: string;
}

export interface DrawVerification {
  ok: boolean;
  problems: DrawProblem[];
  /** The result of the re-run, when the inputs allowed one. */
  recomputed?: DrawResult;
}

function firstDifference(recorded: DrawResult, recomputed: DrawResult): string {
  const n = Math.max(recorded?.entities?.length ?? 0, recomputed.entities.length);
  for (let i = 0; i < n; i++) {
    const a = recorded?.entities?.[i], b = recomputed.entities[i];
    if (canonicalJson(a) !== canonicalJson(b)) {
      return `第${i + 1}个抽中对象不一致：记录为${a ? `${a.uscc}（${a.inspectors?.join('、') || '未分配'}）` : '无'}，重新抽取为${b ? `${b.uscc}（${b.inspectors.join('、') || '未分配'}）` : '无'}`;
    }
  }
  if (canonicalJson(recorded?.strata) !== canonicalJson(recomputed.strata)) return '分层统计（候选数、应抽数）不一致';
  return '未能分配执法人员的对象不一致';
}

/**
 * Re-runs a published draw and says whether everything agrees: the seed matches the
 * commitment, the frozen lists match their announced digests, and the draw run again from
 * them gives the recorded result. With the announcement published before the draw, also
 * checks the record against it (the commitment, parameters and digests cannot have been
 * changed after the seed was known).
 */
export function verifyDraw(record: DrawRecord, announcement?: DrawAnnouncement): DrawVerification {
  const problems: DrawProblem[] = [];
  if (!DRAW_ALGORITHMS.includes(record.algorithm)) {
    return { ok: false, problems: [{ code: 'algorithm', message: `不支持的抽取算法：${record.algorithm}（本页面支持 ${DRAW_ALGORITHMS.join('、')}）` }] };
  }
  if (!SEED_PATTERN.test(record.seed ?? '')) problems.push({ code: 'seed', message: '随机种子应为64位十六进制数' });
  else if (commitment(record.seed) !== record.commitment) problems.push({ code: 'commitment', message: '随机种子与事先公布的承诺值（SM3）不符' });
  if (announcement) {
    const published = { algorithm: record.algorithm, commitment: record.commitment, params: record.params, digests: record.digests, counts: record.counts };
    if (canonicalJson(published) !== canonicalJson(announcement)) problems.push({ code: 'announcement', message: '抽取记录与抽取前公布的承诺值、参数或名单摘要不符' });
  }
  let recomputed: DrawResult | undefined;
  try {
    const digests = inputDigests(record);
    if (digests.candidates !== record.digests?.candidates) problems.push({ code: 'candidates', message: '候选对象名单与公布的摘要不符' });
    if (digests.inspectors !== record.digests?.inspectors) problems.push({ code: 'inspectors', message: '执法人员名单与公布的摘要不符' });
    if (digests.recusals !== record.digests?.recusals) problems.push({ code: 'recusals', message: '回避名单与公布的摘要不符' });
    recomputed = runDraw(record.seed, record, record.algorithm);
  } catch (err) {
    problems.push({ code: 'inputs', message: `无法按记录重新抽取：${(err as Error).message}` });
  }
  if (recomputed && canonicalJson(recomputed) !== canonicalJson(record.result)) {
    problems.push({ code: 'result', message: `重新抽取的结果与记录不一致：${firstDifference(record.result, recomputed)}` });
  }
  return { ok: problems.length === 0, problems, recomputed };
}
