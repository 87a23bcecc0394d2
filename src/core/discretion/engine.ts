// The discretion engine (裁量基准, 国办发〔2022〕27号): from a penalty provision and the
// facts of a case, the lawful fine range (statutory), the range of each benchmark tier,
// and whether a proposed fine is lawful. Pure: the provision's definition, the tier
// split in force for the organisation and a citation formatter come from the caller.
//
// A fine is defined either as a range of amounts or as a multiple of an amount (the
// illegal gains), with a floor such as "illegal gains under 10,000 yuan count as 10,000".
// Tiers divide the range (or, equivalently, the multiples) into lighter, ordinary and
// heavier; a benchmark row may instead give its own amounts (a local benchmark such as
// 20–500 / 500–3,000 / 3,000–5,000). Mitigated (减轻) means below the statutory minimum
// and applies only in the cases of 行政处罚法 art. 32; no penalty (不予处罚) those of art. 33.

export const FINE_TIERS = ['lighter', 'ordinary', 'heavier'] as const;
export const TIERS = ['none', 'mitigated', ...FINE_TIERS] as const;
export type FineTier = (typeof FINE_TIERS)[number];
export type Tier = (typeof TIERS)[number];

export const TIER_NAMES: Record<Tier, string> = {
  none: '不予处罚', mitigated: '减轻处罚', lighter: '从轻处罚', ordinary: '一般处罚', heavier: '从重处罚',
};

export const SANCTIONS = [
  'warning', 'order_correct', 'stop_practice', 'confiscate_gains', 'confiscate_goods', 'fine', 'suspend', 'revoke_licence', 'close',
  'cancel_licence', 'revoke_scope', 'revoke_practice_certificate',
] as const;
export type Sanction = (typeof SANCTIONS)[number];

export const SANCTION_NAMES: Record<Sanction, string> = {
  warning: '警告', order_correct: '责令改正', stop_practice: '责令停止执业活动', confiscate_gains: '没收违法所得',
  confiscate_goods: '没收药品、医疗器械等非法财物', fine: '罚款', suspend: '责令停业整顿（暂停相关活动）',
  revoke_licence: '吊销许可证', close: '责令关闭', cancel_licence: '注销许可证件', revoke_scope: '吊销诊疗科目',
  revoke_practice_certificate: '吊销执业证书',
};

/** An article of the legal-basis library: the instrument's short name, article and paragraph (款). */
export interface ArticleCite { law: string; article: number; paragraph?: number }

export type FineRule =
  | { kind: 'none' }
  | { kind: 'range'; minYuan: number; maxYuan: number }
  | { kind: 'multiple'; basis: 'illegal_gains'; minTimes: number; maxTimes: number; floorYuan?: number };

export interface BenchmarkTier {
  tier: FineTier;
  /** The circumstances that select this tier, as the benchmark words them. */
  circumstances: string[];
  /** Amounts set by the benchmark itself; otherwise the tier split of the range applies. */
  amount?: { minYuan: number; maxYuan: number };
}

/** One situation of a provision with its own sanctions and fine (e.g. "uncorrected by the deadline"). */
export interface Scenario {
  code: string;
  label: string;
  sanctions: Sanction[];
  fine: FineRule;
  /** The law says 可以并处: the fine may be left out. */
  fineOptional?: boolean;
  tiers: BenchmarkTier[];
}

export interface ProvisionDefinition {
  code: string;
  title: string;
  /** The articles the conduct violates. */
  violated: ArticleCite[];
  /** The article that sets the penalty. */
  penalty: ArticleCite;
  scenarios: Scenario[];
}

/** The tier split in force (percent of the range): lighter below lighterUpper, heavier above heavierLower. */
export interface TierSplit { lighterUpperPercent: number; heavierLowerPercent: number }

export interface Facts {
  scenario?: string;
  illegalGainsYuan?: number;
  tier?: Tier;
  /** A proposed fine to check against the ranges. */
  fineYuan?: number;
}

export interface Range { minYuan: number; maxYuan: number }

export interface TierRange extends Range {
  tier: Tier;
  name: string;
  circumstances: string[];
  /** Benchmark amounts, or the split of the statutory range. */
  source: 'benchmark' | 'split' | 'law';
}

export type FineCheck =
  | { status: 'within_tier'; message: string }
  | { status: 'outside_tier'; message: string }
  | { status: 'outside_statutory'; message: string };

export interface Evaluation {
  provision: { code: string; title: string };
  scenario: { code: string; label: string };
  sanctions: Sanction[];
  fineOptional: boolean;
  /** Illegal gains and the amount the multiple applies to (after the floor). */
  base: { illegalGainsYuan: number; countedYuan: number; floorApplied: boolean } | null;
  /** null: the scenario has no fine. */
  statutory: Range | null;
  tiers: TierRange[];
  tier: TierRange | null;
  fineCheck: FineCheck | null;
  citations: string[];
}

/** Thrown for facts the provision cannot be applied to; the message is for the user. */
export class DiscretionError extends Error {}

const round2 = (n: number) => Math.round(n * 100) / 100;
const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;

function statutoryRange(fine: FineRule, gains: number | undefined): { range: Range | null; base: Evaluation['base'] } {
  if (fine.kind === 'none') return { range: null, base: null };
  if (fine.kind === 'range') return { range: { minYuan: fine.minYuan, maxYuan: fine.maxYuan }, base: null };
  if (gains === undefined) throw new DiscretionError('该条款的罚款按违法所得的倍数计算，请填写违法所得金额（没有违法所得的填0）');
  const floor = fine.floorYuan ?? 0;
  const counted = Math.max(gains, floor);
  return {
    range: { minYuan: round2(counted * fine.minTimes), maxYuan: round2(counted * fine.maxTimes) },
    base: { illegalGainsYuan: gains, countedYuan: counted, floorApplied: counted > gains },
  };
}

function splitTier(tier: FineTier, range: Range, split: TierSplit): Range {
  const at = (percent: number) => round2(range.minYuan + ((range.maxYuan - range.minYuan) * percent) / 100);
  if (tier === 'lighter') return { minYuan: range.minYuan, maxYuan: at(split.lighterUpperPercent) };
  if (tier === 'ordinary') return { minYuan: at(split.lighterUpperPercent), maxYuan: at(split.heavierLowerPercent) };
  return { minYuan: at(split.heavierLowerPercent), maxYuan: range.maxYuan };
}

function tierRanges(scenario: Scenario, range: Range | null, split: TierSplit): TierRange[] {
  const out: TierRange[] = [{ tier: 'none', name: TIER_NAMES.none, minYuan: 0, maxYuan: 0, circumstances: ['违法行为轻微并及时改正，没有造成危害后果', '初次违法且危害后果轻微并及时改正（可以不予处罚）', '当事人有证据足以证明没有主观过错'], source: 'law' }];
  if (range && range.minYuan > 0) {
    out.push({ tier: 'mitigated', name: TIER_NAMES.mitigated, minYuan: 0, maxYuan: range.minYuan, circumstances: ['主动消除或者减轻违法行为危害后果', '受他人胁迫或者诱骗实施违法行为', '主动供述行政机关尚未掌握的违法行为', '配合行政机关查处违法行为有立功表现'], source: 'law' });
  }
  if (!range) return out;
  for (const tier of FINE_TIERS) {
    const row = scenario.tiers.find((t) => t.tier === tier);
    const bounds = row?.amount ?? splitTier(tier, range, split);
    out.push({ tier, name: TIER_NAMES[tier], ...bounds, circumstances: row?.circumstances ?? [], source: row?.amount ? 'benchmark' : 'split' });
  }
  return out;
}

function checkFine(fine: number, statutory: Range | null, tier: TierRange | null): FineCheck {
  const mitigated = tier?.tier === 'mitigated';
  const none = tier?.tier === 'none';
  if (none && fine > 0) return { status: 'outside_statutory', message: '选择不予处罚的，不得处以罚款' };
  if (!statutory) {
    return fine > 0 ? { status: 'outside_statutory', message: '该情形法律未规定罚款，不得处以罚款' } : { status: 'within_tier', message: '未处罚款' };
  }
  if (fine > statutory.maxYuan) return { status: 'outside_statutory', message: `罚款${yuan(fine)}超过法定上限${yuan(statutory.maxYuan)}，不能作出` };
  if (fine < statutory.minYuan && !mitigated) {
    return { status: 'outside_statutory', message: `罚款${yuan(fine)}低于法定下限${yuan(statutory.minYuan)}；低于下限处罚须符合《中华人民共和国行政处罚法》第三十二条规定的减轻处罚情形` };
  }
  if (mitigated && fine >= statutory.minYuan) return { status: 'outside_tier', message: `减轻处罚的罚款应低于法定下限${yuan(statutory.minYuan)}` };
  if (tier && (fine < tier.minYuan || fine > tier.maxYuan)) {
    return { status: 'outside_tier', message: `罚款${yuan(fine)}不在${tier.name}档${yuan(tier.minYuan)}至${yuan(tier.maxYuan)}之内：须书面说明理由，并提交法制审核` };
  }
  return { status: 'within_tier', message: tier ? `罚款在${tier.name}档之内` : '罚款在法定幅度之内' };
}

function assertFacts(f: Facts): void {
  for (const [name, v] of [['违法所得', f.illegalGainsYuan], ['罚款金额', f.fineYuan]] as const) {
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v < 0) throw new DiscretionError(`${name}不能为负数`);
    if (Math.round(v * 100) !== v * 100) throw new DiscretionError(`${name}最多保留两位小数（到分）`);
  }
}

/** Applies a provision to the facts. cite formats an article as the decision cites it. */
export function evaluate(p: ProvisionDefinition, facts: Facts, split: TierSplit, cite: (a: ArticleCite) => string, rule: { benchmark: string; mitigated: string; none: string }): Evaluation {
  assertFacts(facts);
  const scenario = facts.scenario ? p.scenarios.find((s) => s.code === facts.scenario) : p.scenarios[0];
  if (!scenario) throw new DiscretionError(`条款 ${p.code} 没有情形“${facts.scenario}”；可选：${p.scenarios.map((s) => `${s.code}（${s.label}）`).join('、')}`);
  const { range, base } = statutoryRange(scenario.fine, facts.illegalGainsYuan);
  const tiers = tierRanges(scenario, range, split);
  let tier: TierRange | null = null;
  if (facts.tier) {
    tier = tiers.find((t) => t.tier === facts.tier) ?? null;
    if (!tier) throw new DiscretionError(facts.tier === 'mitigated' ? '法定罚款没有下限（或未规定罚款），不存在减轻处罚档' : `该情形未规定罚款，没有${TIER_NAMES[facts.tier]}档`);
  }
  const citations = [cite(p.penalty), ...p.violated.map(cite).filter((c) => c !== cite(p.penalty)), rule.benchmark];
  if (tier?.tier === 'mitigated') citations.push(rule.mitigated);
  if (tier?.tier === 'none') citations.push(rule.none);
  return {
    provision: { code: p.code, title: p.title },
    scenario: { code: scenario.code, label: scenario.label },
    sanctions: scenario.sanctions,
    fineOptional: scenario.fineOptional ?? false,
    base,
    statutory: range,
    tiers,
    tier,
    fineCheck: facts.fineYuan === undefined ? null : checkFine(facts.fineYuan, range, tier),
    citations,
  };
}
