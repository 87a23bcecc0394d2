// The shapes of /api/reports (src/modules/reports/service.ts) as the pages use them.
import type { PlanTarget, ReportContent } from '../../../core/reports/template';
import { formatDays, formatMoney, formatPercent } from '../../../core/reports/format';

export type { ReportContent };

export interface ReportSummary {
  id: number; orgId: number; orgName: string; orgCode: string; year: number; title: string;
  status: 'draft' | 'final' | 'published'; statusName: string; currentVersion: number; finalVersion: number | null;
  publishedAt: string | null; createdAt: string; updatedAt: string;
}

export interface FigureValue { id: string; name: string; unit: string; value: number | null; numerator?: number | null; denominator?: number | null; breakdown?: Record<string, number> }

export interface ReportFigures {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  current: FigureValue[];
  previous: FigureValue[];
  targets: PlanTarget[] | null;
}

export interface ReportDetail extends ReportSummary {
  version: { version: number; content: ReportContent; figures: ReportFigures; createdAt: string; createdOn: string; createdByName: string | null; note: string | null };
}

export interface VersionItem { version: number; createdAt: string; createdByName: string | null; note: string | null }

export const STATUS_COLORS: Record<string, string> = { draft: 'default', final: 'blue', published: 'green' };

/** A metric's value as the report writes it ('—' when there is none). */
export function formatFigure(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  switch (unit) {
    case 'ratio': return formatPercent(v);
    case 'yuan': return formatMoney(v);
    case 'days': return formatDays(v);
    case 'per10k': return v.toFixed(2);
    default: return Number.isInteger(v) ? String(v) : v.toFixed(2);
  }
}
