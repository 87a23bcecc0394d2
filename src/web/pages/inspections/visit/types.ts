// The shapes of the visit-recording API (src/modules/inspections/visitSchema.ts) as the pages use them.
import type { Translate } from '../../../lib/i18n';

export type CheckOutcome = 'pass' | 'fail' | 'not_applicable';
export type VisitKind = 'random' | 'routine' | 'campaign';
export type VisitResultValue = 'compliant' | 'non_compliant' | 'closed_down' | 'not_found';

export interface MyTask {
  id: number; taskNo: string; planId: number; planNo: string; planTitle: string;
  entityId: number; entityName: string; entityAddress: string; entityCategory: string; entityCategoryName: string;
  dueOn: string; overdue: boolean; joint: boolean; team: { id: number; name: string }[];
}

export interface FormCheckItem {
  id: number; code: string; title: string; method: string; basisText: string[]; provisionCode: string | null; provisionTitle: string | null; randomList: boolean;
}

export interface FormInspector { id: number; name: string; staffNo: string; orgName: string; canEnforce: boolean; reason?: string; inTeam: boolean; me: boolean }

export interface VisitForm {
  entity: { id: number; name: string; uscc: string; address: string; category: string; categoryName: string; legalRep: string | null; orgId: number; orgName: string };
  task: { id: number; taskNo: string; planNo: string; planTitle: string; dueOn: string; overdue: boolean; joint: boolean; teamIds: number[] } | null;
  checkItems: FormCheckItem[];
  inspectors: FormInspector[];
  defaultInspectorIds: number[];
  minInspectors: { value: number; citation: string };
  today: string;
}

export interface VisitCreated { id: number; visitNo: string; recordHash: string; taskCompleted: boolean; publicationDue: string | null }

export interface VisitFile {
  id: number; kind: 'photo' | 'signature'; title: string; fileName: string; contentType: string; sizeBytes: number; sm3: string;
  uploadedBy: { id: number; name: string }; uploadedAt: string;
}

export interface VisitRecord {
  id: number; visitNo: string; entityId: number; entityName: string; visitedOn: string; result: string;
  kind: VisitKind; kindName: string; campaign: string | null; recorded: boolean;
  checkResults: { itemId: number; code: string; title: string; provisionCode: string | null; outcome: CheckOutcome; outcomeName: string; note: string | null }[];
  findings: string | null; signatoryName: string | null; signedAt: string | null;
  signature: VisitFile | null; photos: VisitFile[];
  recordedBy: { id: number; name: string } | null; recordedAt: string | null; recordHash: string | null; recordIntact: boolean | null;
  case: { id: number; caseNo: string; state: string | null } | null;
  canAddPhotos: boolean; canOpenCase: boolean;
}

export interface CaseLeadCreated { caseId: number; caseNo: string; evidence: { id: number; title: string; sm3: string }[] }

export const OUTCOMES: [CheckOutcome, string, string][] = [['pass', '合格', 'Pass'], ['fail', '不合格', 'Fail'], ['not_applicable', '不适用', 'N/A']];
export const outcomeLabel = (o: CheckOutcome, t: Translate) => { const x = OUTCOMES.find((v) => v[0] === o)!; return t(x[1], x[2]); };
export const OUTCOME_COLOURS: Record<CheckOutcome, string> = { pass: 'green', fail: 'red', not_applicable: 'default' };

export const fileUrl = (visitId: number, fileId: number) => `/api/inspections/visits/${visitId}/files/${fileId}`;
/** The first characters of a digest, as shown beside a photo (the whole digest in its tooltip). */
export const sm3Prefix = (sm3: string) => `${sm3.slice(0, 12)}…`;
