// The shapes the work-plan pages read (mirrors src/modules/workplans).

export type PlanStatus = 'draft' | 'published';
export type Comparator = '>=' | '>' | '<=' | '<' | '=';

export interface PlanSummary {
  id: number; orgId: number; orgName: string; year: number; title: string; status: PlanStatus; statusName: string;
  updatedAt: string; sections: number; tasks: number; targets: number;
}

export interface TaskUnit { id?: number; name: string; orgId: number | null; orgName: string | null; role: 'lead' | 'support' }
export interface TaskTarget { id: number; metricId: string; metricName: string; unit: string; comparator: Comparator; target: number; note: string | null }
export interface ProgressNote { id: number; quarter: number; orgId: number; orgName: string; note: string; authorName: string | null; updatedAt: string }

export interface PlanTask {
  id: number; sectionId: number; seq: number; number: number; text: string; unitsText: string; mine: boolean; mayProgress: boolean;
  units: TaskUnit[]; targets: TaskTarget[]; progress: ProgressNote[];
}

export interface PlanSection { id: number; seq: number; heading: string; tasks: PlanTask[] }

export interface PlanDetail {
  id: number; orgId: number; orgName: string; year: number; title: string; intro: string; status: PlanStatus;
  createdAt: string; updatedAt: string; mayWrite: boolean; openQuarter: number; myOrgId: number; sections: PlanSection[];
}

export interface TargetValue {
  id: number; taskId: number; metricId: string; metricName: string; unit: string; comparator: Comparator; target: number;
  value: number | null; met: boolean | null; state: 'met' | 'missed' | 'nodata';
}

export interface PlanTargets { planId: number; year: number; from: string; to: string | null; targets: TargetValue[] }

export interface MetricDefinition { id: string; name: string; nameEn: string; unit: string; definition: string }

export const COMPARATOR_LABELS: Record<Comparator, [string, string]> = {
  '>=': ['≥ 不低于', '≥ at least'], '>': ['> 高于', '> above'], '<=': ['≤ 不高于', '≤ at most'], '<': ['< 低于', '< below'], '=': ['= 等于', '= equal to'],
};

/** A metric's value or target as people read it: ratios in per cent, others as numbers. */
export function formatMetric(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 'ratio') return `${Number((value * 100).toFixed(2))}%`;
  if (unit === 'yuan') return `${value.toLocaleString('zh-CN')}元`;
  if (unit === 'days') return `${Number(value.toFixed(1))}天`;
  return Number(value.toFixed(2)).toLocaleString('zh-CN');
}
