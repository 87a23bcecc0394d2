// The shapes of the supervision API (src/modules/inspections/schema.ts) as the pages use them.
import type { Translate } from '../../lib/i18n';

export interface PlanRow {
  id: number; planNo: string; title: string; orgId: number; orgName: string; source: string; sourceName: string; year: number;
  creditApplied: boolean; imported: boolean; status: 'draft' | 'announced' | 'drawn'; statusName: string; taskCount: number; completedCount: number; jointCount: number; publishedCount: number;
}

export interface Ratio { numerator: number; denominator: number; rate: number | null }

export interface TaskRow {
  id: number; taskNo: string; planId: number; planNo: string; planTitle: string; orgId: number; orgName: string;
  entityId: number; entityName: string; entityUscc: string; dueOn: string; completedOn: string | null;
  state: 'pending' | 'completed' | 'overdue'; joint: boolean; publishedOn: string | null; publicationDue: string | null;
  publicationOverdue: boolean; imported: boolean; inspectorIds: number[]; inspectors: string[]; drawReason: 'random' | 'mandatory' | null;
}

export interface PlanDetail extends PlanRow {
  figures: { tasks: number; completed: number; overdue: number; joint: number; published: number; completedOnTime: Ratio; jointRate: Ratio; publishedOnTime: Ratio };
  tasks: { rows: TaskRow[]; total: number; totalCapped: boolean; page: number; pageSize: number };
}

export interface VisitRow {
  id: number; visitNo: string; orgId: number; orgName: string; entityId: number; entityName: string; entityUscc: string; visitedOn: string;
  result: string; resultName: string; random: boolean; taskId: number | null; taskNo: string | null; inspectors: string[]; imported: boolean;
  kind: 'random' | 'campaign' | 'routine'; kindName: string; campaign: string | null;
}

export interface VisitDetail extends VisitRow {
  entityAddress: string;
  inspectorDetails: { id: number; name: string; staffNo: string; certificateNo: string | null }[];
  task: { id: number; taskNo: string; planId: number; planNo: string; planTitle: string; dueOn: string; completedOn: string | null;
    joint: boolean; publishedOn: string | null; publicationDue: string | null } | null;
}

export const PLAN_SOURCES: [string, string, string][] = [
  ['national', '国家', 'National'], ['provincial', '省级', 'Provincial'], ['municipal', '市级', 'Municipal'], ['local', '本级', 'Local'],
];
export const sourceLabel = (v: string, t: Translate) => { const s = PLAN_SOURCES.find((x) => x[0] === v); return s ? t(s[1], s[2]) : v; };

export const TASK_STATES: [TaskRow['state'], string, string, string][] = [
  ['pending', '待完成', 'Pending', 'blue'], ['completed', '已完成', 'Completed', 'green'], ['overdue', '已超期', 'Overdue', 'red'],
];
export const taskState = (v: string, t: Translate) => { const s = TASK_STATES.find((x) => x[0] === v); return s ? { label: t(s[1], s[2]), colour: s[3] } : { label: v, colour: 'default' }; };

export const VISIT_RESULTS: [string, string, string, string][] = [
  ['compliant', '合格', 'Compliant', 'green'], ['non_compliant', '不合格', 'Non-compliant', 'red'],
  ['closed_down', '已关闭', 'Closed down', 'default'], ['not_found', '未找到', 'Not found', 'orange'],
];
export const visitResult = (v: string, t: Translate) => { const s = VISIT_RESULTS.find((x) => x[0] === v); return s ? { label: t(s[1], s[2]), colour: s[3] } : { label: v, colour: 'default' }; };

/** A rate as a percentage, or — without a denominator. */
export const percent = (r: Ratio) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
