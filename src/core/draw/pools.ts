// The entity selection of algorithm hrl-draw/2 (draw.ts, step 2). hrl-draw/1 draws the
// quota smallest keys md5(seed:uscc) of each stratum's pool, so once the seed is known
// every candidate has to be hashed: at a province's scale that alone costs more than
// the whole `ORDER BY random()` the draw is measured against (bench/RESULTS-draw.md).
// hrl-draw/2 draws the same thing, a uniformly random subset of quota members of each
// pool, with work after the seed that grows with the number drawn:
// 1. What does not depend on the seed (each candidate's stratum and status, the pools)
//    is fixed by the frozen list alone. A stratum's pool is numbered in code order
//    (code points, PostgreSQL's COLLATE "C"): ordinals 0 … size − 1. A database can
//    build this numbering when the plan is announced (sql.ts, poolQuery).
// 2. After the seed: in each stratum, quota distinct ordinals by Floyd's sampling
//    (for j = size − quota … size − 1: t uniform in [0, j]; take t, or j if t was taken),
//    which gives every subset of quota ordinals the same chance. t comes from
//    md5(seed:stratum:j): its first 12 hex digits (48 bits) reduced modulo j + 1 by
//    rejection, so exactly uniform; a value in the last, incomplete span is replaced by
//    md5(seed:stratum:j:1), :2 … (for a pool of a million, once in 2²⁸ draws).
// 3. The drawn (and the mandatory) are ordered by the key md5(seed:uscc) as in
//    hrl-draw/1, and the teams are assigned in that order; rank is the position of a
//    drawn entity among its stratum's drawn in that order.
// Anyone can repeat step 2 with md5sum: printf '%s' "<seed>:<stratum>:<j>" | md5sum.
import { compareCodePoints, keyHasher } from './key';
import {
  byKey, candidateStatus, checkClasses, DrawInputError, exclusionCutoff, requiredInspectionsBy, setQuotas, stratumOf, stratumRatios,
  type DrawCandidate, type DrawnEntity, type DrawParams, type EntitySelection, type StratumSummary,
} from './draw';

const SPAN = 2 ** 48;

/** A whole number uniform in [0, bound), drawn for ordinal step j of a stratum (see the header, step 2). */
export function uniformBelow(keys: ReturnType<typeof keyHasher>, stratum: string, j: number, bound: number): number {
  const limit = SPAN - (SPAN % bound);
  for (let attempt = 0; ; attempt++) {
    const x = keys.head(attempt === 0 ? `${stratum}:${j}` : `${stratum}:${j}:${attempt}`);
    if (x < limit) return x % bound;
  }
}

/** The quota ordinals of a pool of size members drawn by Floyd's sampling, in the order they were drawn. */
export function drawOrdinals(seed: string, stratum: string, size: number, quota: number): number[] {
  if (!(Number.isInteger(size) && Number.isInteger(quota) && quota >= 0 && quota <= size)) {
    throw new DrawInputError('DRAW_QUOTA', `分层“${stratum}”的应抽数${quota}不在0至${size}之间`);
  }
  const keys = keyHasher(seed);
  const taken = new Set<number>();
  const order: number[] = [];
  for (let j = size - quota; j < size; j++) {
    const t = uniformBelow(keys, stratum, j, j + 1);
    const pick = taken.has(t) ? j : t;
    taken.add(pick);
    order.push(pick);
  }
  return order;
}

/** The ordinals drawn in each stratum with a quota. */
export function poolOrdinals(seed: string, strata: readonly StratumSummary[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of strata) if (s.quota > 0) out.set(s.stratum, drawOrdinals(seed, s.stratum, s.pool, s.quota));
  return out;
}

type Selected = Omit<DrawnEntity, 'inspectors'>;

/**
 * Step 3: the selection from the drawn pool members and the mandatory (each with its
 * stratum): keys written, ranks given per stratum, everything in key order. The same
 * function finishes the draw in JavaScript and from the database's numbered pools.
 */
export function rankDrawn(
  seed: string, strata: readonly StratumSummary[], drawn: ReadonlyArray<{ uscc: string; stratum: string }>,
  mandatory: ReadonlyArray<{ uscc: string; stratum: string }>,
): EntitySelection {
  const keys = keyHasher(seed);
  const ratio = new Map(strata.map((s) => [s.stratum, s.ratioPpm]));
  const perStratum = new Map<string, Selected[]>();
  for (const d of drawn) {
    const e: Selected = { uscc: d.uscc, stratum: d.stratum, ratioPpm: ratio.get(d.stratum)!, reason: 'random', key: keys.hex(d.uscc), rank: null };
    const list = perStratum.get(d.stratum);
    if (list) list.push(e);
    else perStratum.set(d.stratum, [e]);
  }
  const entities: Selected[] = mandatory.map((m) => ({ uscc: m.uscc, stratum: m.stratum, ratioPpm: ratio.get(m.stratum)!, reason: 'mandatory', key: keys.hex(m.uscc), rank: null }));
  for (const list of perStratum.values()) {
    list.sort(byKey);
    list.forEach((e, i) => { e.rank = i + 1; });
    entities.push(...list);
  }
  entities.sort(byKey);
  return { strata: [...strata], entities };
}

/** The candidates' indices in code order, refusing a code listed twice (a frozen list is usually in that order already). */
function codeOrder(candidates: readonly DrawCandidate[]): number[] {
  const order = candidates.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < candidates.length && sorted; i++) sorted = compareCodePoints(candidates[i - 1].uscc, candidates[i].uscc) < 0;
  if (!sorted) order.sort((a, b) => compareCodePoints(candidates[a].uscc, candidates[b].uscc));
  for (let i = 1; i < order.length; i++) {
    if (candidates[order[i - 1]].uscc === candidates[order[i]].uscc) {
      throw new DrawInputError('DRAW_DUPLICATE', `候选名单中统一社会信用代码重复：${candidates[order[i]].uscc}`);
    }
  }
  return order;
}

/** Step 1: the strata (summaries with their quotas, setQuotas), each pool's codes in code order, and the mandatory. */
export function numberPools(params: DrawParams, candidates: readonly DrawCandidate[]): {
  strata: StratumSummary[]; pools: Map<string, string[]>; mandatory: Array<{ uscc: string; stratum: string }>;
} {
  const ratios = stratumRatios(params);
  const required = requiredInspectionsBy(params.drawDate, params.blacklistMinPerYear);
  const cutoff = exclusionCutoff(params);
  const summaries = new Map<string, StratumSummary>();
  const pools = new Map<string, string[]>();
  const mandatory: Array<{ uscc: string; stratum: string }> = [];
  for (const i of codeOrder(candidates)) {
    const c = candidates[i];
    checkClasses(c);
    const stratum = stratumOf(params.strata, c.riskClass, c.creditGrade);
    let s = summaries.get(stratum);
    if (!s) {
      s = { stratum, ratioPpm: ratios.get(stratum)!, candidates: 0, mandatory: 0, excluded: 0, pool: 0, quota: 0 };
      summaries.set(stratum, s);
      pools.set(stratum, []);
    }
    s.candidates++;
    const status = candidateStatus(c, required, cutoff);
    if (status === 'excluded') s.excluded++;
    else if (status === 'mandatory') {
      s.mandatory++;
      mandatory.push({ uscc: c.uscc, stratum });
    } else {
      s.pool++;
      pools.get(stratum)!.push(c.uscc);
    }
  }
  const strata = [...summaries.values()].sort((a, b) => compareCodePoints(a.stratum, b.stratum));
  setQuotas(params, strata);
  return { strata, pools, mandatory };
}

/** hrl-draw/2's step 2 in JavaScript: the drawn entities, with the reasons (stratum, ratio, mandatory) of each. */
export function selectFromPools(seed: string, params: DrawParams, candidates: readonly DrawCandidate[]): EntitySelection {
  const { strata, pools, mandatory } = numberPools(params, candidates);
  const drawn: Array<{ uscc: string; stratum: string }> = [];
  for (const [stratum, ordinals] of poolOrdinals(seed, strata)) {
    const pool = pools.get(stratum)!;
    for (const o of ordinals) drawn.push({ uscc: pool[o], stratum });
  }
  return rankDrawn(seed, strata, drawn, mandatory);
}
