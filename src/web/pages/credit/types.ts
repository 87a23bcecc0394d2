// The shapes of the credit API (mirrors src/modules/credit/schema.ts) and the names of
// its codes in both languages.
import type { Translate } from '../../lib/i18n';
import type { CreditGrade, RiskClass } from '../../lib/types';

// The reasons and the records they cite are the engine's own shapes (core/credit/model.ts).
export type { CreditReason, RecordRef } from '../../../core/credit/model';
import type { CreditReason } from '../../../core/credit/model';

export interface CreditEvaluation {
  evaluatedOn: string;
  evaluatedAt: string;
  ruleSet: { id: string; title: string; effectiveFrom: string };
  grade: CreditGrade;
  riskClass: RiskClass;
  blacklisted: boolean;
  computedGrade: CreditGrade;
  computedRiskClass: RiskClass;
  gradeSince: string | null;
  gradeUntil: string | null;
  blacklistedSince: string | null;
  blacklistedUntil: string | null;
  overridden: boolean;
  reasons: CreditReason[];
  warnings: string[];
}

export interface CreditOverride {
  id: number;
  grade: CreditGrade | null;
  riskClass: RiskClass | null;
  reason: string;
  from: string;
  until: string;
  by: string;
  createdAt: string;
  active: boolean;
  liftedAt: string | null;
  liftedBy: string | null;
  liftedReason: string | null;
}

export type RepairState = 'pending' | 'approved' | 'rejected';

export interface CreditRepair {
  id: number;
  entityId: number;
  entityName: string;
  entityUscc: string;
  orgName: string;
  caseId: number;
  caseNo: string;
  caseDecidedOn: string;
  state: RepairState;
  stateName: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedOn: string | null;
  opinion: string | null;
  publicationWithdrawn: boolean;
  decidable: boolean;
}

export interface PenaltyRecord {
  caseId: number;
  caseNo: string;
  decidedOn: string;
  severity: 'minor' | 'general' | 'serious';
  severityName: string;
  severitySource: 'publication' | 'derived';
  sanctions: string[];
  sanctionNames: string[];
  fineYuan: number;
  repairedOn: string | null;
  repairFrom: string;
  repairable: boolean;
  notRepairableReason: string | null;
}

export interface CreditDetail {
  entity: {
    id: number; name: string; uscc: string; category: string; categoryName: string; orgId: number; orgName: string;
    creditGrade: CreditGrade | null; riskClass: RiskClass | null; blacklisted: boolean;
  };
  evaluation: CreditEvaluation | null;
  override: CreditOverride | null;
  overrideHistory: CreditOverride[];
  repairs: CreditRepair[];
  penalties: PenaltyRecord[];
  assumptions: string[];
  limits: { overrideMaxMonths: number; overrideMinReasonLength: number };
}

export const REPAIR_STATE_COLORS: Record<RepairState, string> = { pending: 'gold', approved: 'green', rejected: 'default' };

export function repairStateLabel(s: RepairState, t: Translate): string {
  return { pending: t('待审批', 'Pending'), approved: t('已批准', 'Approved'), rejected: t('不予批准', 'Refused') }[s];
}

export function aspectLabel(aspect: string, t: Translate): string {
  switch (aspect) {
    case 'grade': return t('信用等级', 'Grade');
    case 'risk': return t('风险等级', 'Risk');
    case 'blacklist': return t('重点监管名单', 'Priority list');
    case 'override': return t('人工调整', 'Override');
    default: return aspect;
  }
}

export const SEVERITY_COLORS: Record<PenaltyRecord['severity'], string> = { minor: 'blue', general: 'orange', serious: 'red' };
