// The shapes of the discretion API (src/modules/discretion/schema.ts) as the pages use them.
export type Tier = 'none' | 'mitigated' | 'lighter' | 'ordinary' | 'heavier';
export type FineTier = 'lighter' | 'ordinary' | 'heavier';

export interface ArticleCite { law: string; article: number; paragraph?: number }
export type FineRule =
  | { kind: 'none' }
  | { kind: 'range'; minYuan: number; maxYuan: number }
  | { kind: 'multiple'; basis: 'illegal_gains'; minTimes: number; maxTimes: number; floorYuan?: number };
export interface BenchmarkTier { tier: FineTier; circumstances: string[]; amount?: { minYuan: number; maxYuan: number } }
export interface Scenario { code: string; label: string; sanctions: string[]; fine: FineRule; fineOptional?: boolean; tiers: BenchmarkTier[] }
export interface Definition { code: string; title: string; violated: ArticleCite[]; penalty: ArticleCite; scenarios: Scenario[] }

export interface ProvisionSummary { code: string; title: string; revision: number; effectiveFrom: string | null; penaltyCitation: string; scenarios: number }
export interface ProvisionDetail {
  code: string; title: string; revision: number; effectiveFrom: string | null; definition: Definition;
  citations: { penalty: string; violated: string[] };
  revisions: { revision: number; effectiveFrom: string | null; source: string; note: string | null; createdBy: string | null; createdAt: string }[];
}

export interface TierRange { tier: Tier; name: string; minYuan: number; maxYuan: number; circumstances: string[]; source: 'benchmark' | 'split' | 'law' }
export interface Evaluation {
  provision: { code: string; title: string };
  revision: { revision: number; effectiveFrom: string | null };
  scenario: { code: string; label: string };
  sanctions: { code: string; name: string }[];
  fineOptional: boolean;
  base: { illegalGainsYuan: number; countedYuan: number; floorApplied: boolean } | null;
  statutory: { minYuan: number; maxYuan: number } | null;
  tiers: TierRange[];
  tier: TierRange | null;
  fineCheck: { status: 'within_tier' | 'outside_tier' | 'outside_statutory'; message: string } | null;
  citations: string[];
}

export const SANCTION_LABELS: Record<string, [string, string]> = {
  warning: ['警告', 'Warning'], order_correct: ['责令改正', 'Order to correct'], stop_practice: ['责令停止执业活动', 'Stop practising'],
  confiscate_gains: ['没收违法所得', 'Confiscate illegal gains'], confiscate_goods: ['没收药品、医疗器械等非法财物', 'Confiscate drugs and devices'],
  fine: ['罚款', 'Fine'], suspend: ['责令停业整顿（暂停相关活动）', 'Suspension'], revoke_licence: ['吊销许可证', 'Revoke licence'], close: ['责令关闭', 'Closure'],
  cancel_licence: ['注销许可证件', 'Cancel licence'], revoke_scope: ['吊销诊疗科目', 'Revoke a scope of practice'],
  revoke_practice_certificate: ['吊销执业证书', 'Revoke practising certificate'],
};

export const TIER_LABELS: Record<Tier, [string, string]> = {
  none: ['不予处罚', 'No penalty'], mitigated: ['减轻处罚', 'Mitigated'], lighter: ['从轻处罚', 'Lighter'], ordinary: ['一般处罚', 'Ordinary'], heavier: ['从重处罚', 'Heavier'],
};

export const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** The statutory fine of a scenario in words: 500–5,000 元, or 5–20 倍违法所得 (不足 10,000 元按 10,000 元计). */
export function fineText(f: FineRule, t: (zh: string, en: string) => string): string {
  if (f.kind === 'none') return t('未规定罚款', 'No fine');
  if (f.kind === 'range') return f.minYuan > 0 ? `${yuan(f.minYuan)} – ${yuan(f.maxYuan)}` : t(`${yuan(f.maxYuan)}以下`, `up to ${yuan(f.maxYuan)}`);
  const floor = f.floorYuan ? t(`；违法所得不足 ${yuan(f.floorYuan)} 的按 ${yuan(f.floorYuan)} 计算`, `; gains under ${yuan(f.floorYuan)} count as ${yuan(f.floorYuan)}`) : '';
  return t(`违法所得 ${f.minTimes} 倍以上 ${f.maxTimes} 倍以下`, `${f.minTimes}–${f.maxTimes} × illegal gains`) + floor;
}
