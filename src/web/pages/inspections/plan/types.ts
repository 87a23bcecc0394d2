// The shapes of the plan-setup and draw API (src/modules/inspections/drawSchema.ts) as the pages use them.
export interface PlanSetup {
  status: 'draft' | 'announced' | 'drawn'; statusName: string; description: string | null; dueOn: string | null;
  categories: string[]; regionCodes: string[]; baseRatio: number | null; sampleCount: number | null; strata: string; strataName: string;
  stratumRatios: Record<string, number>; includeRecent: boolean; teamSize: number | null; joint: boolean; jointDepartments: string | null;
}

export interface StratumSummary { stratum: string; ratioPpm: number; candidates: number; mandatory: number; excluded: number; pool: number; quota: number }

export interface DrawAnnouncement {
  algorithm: string; commitment: string;
  params: { drawDate: string; baseRatio: number; sampleCount?: number; strata: string; highRiskMultiplier: number; exclusionMonths: number; includeRecentlyInspected: boolean; blacklistMinPerYear: number; teamSize: number };
  digests: { candidates: string; inspectors: string; recusals: string };
  counts: { candidates: number; inspectors: number; recusals: number };
}

export interface DrawView {
  id: number; attempt: number; announcedAt: string; announcedBy: string | null; redrawReason: string | null; drawnAt: string | null; drawnBy: string | null;
  superseded: boolean; supersededAt: string | null; commitment: string; announcement: DrawAnnouncement; seed: string | null;
  strata: StratumSummary[] | null; drawnCount: number | null; mandatoryCount: number | null;
  unassigned: { uscc: string; name: string; eligible: number }[] | null;
}

export const STRATA_MODES: [string, string, string][] = [
  ['risk_credit', '按风险等级和信用等级', 'By risk class and credit grade'], ['risk', '按风险等级', 'By risk class'],
  ['credit', '按信用等级', 'By credit grade'], ['none', '不分层', 'None'],
];

const RISK: Record<string, string> = { low: '低风险', medium: '中风险', high: '高风险', '-': '未分级', '*': '' };
const CREDIT: Record<string, string> = { A: 'A级', B: 'B级', C: 'C级', D: 'D级', '-': '未评级', '*': '' };

/** A stratum key ('high/D', 'low/*' …) in words. */
export function stratumName(key: string): string {
  const [r, c] = key.split('/');
  const parts = [RISK[r] ?? r, CREDIT[c] ?? c].filter(Boolean);
  return parts.length ? parts.join(' · ') : '全部';
}
