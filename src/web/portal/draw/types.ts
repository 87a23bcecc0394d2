// The shapes of the public random-inspection API (/api/public/random-plans…) as the
// portal pages read them. The announcement and record are the draw core's own types.
import type { DrawAnnouncement, DrawRecord } from '../../../core/draw/draw';

export type { DrawAnnouncement, DrawRecord };

export interface PublicPlanRow {
  planNo: string; title: string; agency: string; year: number; source: string; sourceName: string;
  joint: boolean; jointDepartments: string | null; dueOn: string | null;
  status: 'announced' | 'drawn'; drawnAt: string | null; attempts: number; taskCount: number; publishedCount: number;
}

export interface PublicPlanList { rows: PublicPlanRow[]; total: number; page: number; pageSize: number }

export interface PublicPlan {
  planNo: string; title: string; agency: string; year: number; source: string; sourceName: string;
  joint: boolean; jointDepartments: string | null; dueOn: string | null; description: string | null;
  categories: string[]; regionCodes: string[]; status: 'draft' | 'announced' | 'drawn';
}

export interface PublicDraw {
  attempt: number; announcedAt: string; redrawReason: string | null; drawnAt: string | null; superseded: boolean;
  announcement: DrawAnnouncement;
}

export type InspectionResult = 'compliant' | 'non_compliant' | 'closed_down' | 'not_found';

export interface PublicResult {
  taskNo: string; entityName: string; entityUscc: string; visitedOn: string | null;
  result: InspectionResult | string; resultName: string; publishedOn: string | null;
}

export interface PublicPlanDetail { plan: PublicPlan; draws: PublicDraw[]; results: PublicResult[] }

export interface PublicDrawRecord { announcement: DrawAnnouncement; record: DrawRecord | null }
