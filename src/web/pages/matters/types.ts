// What the matters API returns (src/modules/matters): the kinds' declarations, list rows
// and one matter with its clocks, next steps, history and documents.
import type { ClockState } from '../licensing/types';

export const MATTER_KINDS = ['hotline', 'petition', 'disclosure', 'mediation', 'reconsideration', 'litigation', 'proposal'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

export type FieldType = 'text' | 'textarea' | 'date' | 'select' | 'boolean' | 'number' | 'entity' | 'org' | 'orgs' | 'user' | 'case' | 'list';
export interface FieldSpec {
  name: string; label: string; type: FieldType; required?: boolean; options?: Record<string, string>; max?: number; help?: string; initial?: string | boolean;
  /** select: several values. */
  multiple?: boolean;
  /** Shown only when another field holds one of these values (core/matters/procedure.ts). */
  showWhen?: { field: string; values: readonly string[] };
}

export interface KindMeta {
  kind: MatterKind;
  label: string;
  handlePermission: string;
  createFields: FieldSpec[];
  states: { id: string; label: string; final: boolean }[];
  subtypes: Record<string, string>;
  outcomes: Record<string, string>;
}

export type ListClock = 'stopped' | 'late' | 'red' | 'amber' | 'green' | null;

export interface MatterSummary {
  id: number; kind: MatterKind; matterNo: string; orgId: number; orgName: string; state: string; stateName: string; final: boolean; version: number;
  subtype: string | null; channel: string | null; role: string | null; title: string | null; summary: string | null;
  contactName: string | null; contactPhone: string | null; contactEmail: string | null; contactAddress: string | null; anonymous: boolean;
  entityId: number | null; entityName: string | null; handlerOrgId: number | null; handlerOrgName: string | null;
  assigneeId: number | null; assigneeName: string | null; leaderId: number | null; leaderName: string | null;
  receivedAt: string | null; receivedOn: string; acceptedOn: string | null; dueOn: string | null; concludedOn: string | null;
  outcome: string | null; reply: string | null; satisfaction: string | null; extended: boolean;
  extensions: { amount: number; reason: string; approvedBy: string; on: string; requestedBy?: string; requestedOn?: string }[]; pauses: { from: string; to: string; reason: string }[];
  hearingOn: string | null; headAppeared: boolean | null; grade: string | null; caseId: number | null; caseNo: string | null; repeatOfId: number | null;
  source: string; details: Record<string, unknown>; clock?: ListClock;
  /** Petitions: the body a review (re-review) went up to; null when it is not on the platform. */
  reviewOrgId: number | null; reviewOrgName: string | null;
}

export interface MatterNextStep {
  id: string; label: string; to: string; permission: string; allowed: boolean; mine: boolean; primary: boolean; fields: FieldSpec[];
  refusal?: { code: string; message: string; citation?: string }; citation?: string;
}

export interface MatterDetail extends MatterSummary {
  kindName: string;
  clocks: ClockState[];
  nextSteps: MatterNextStep[];
  events: { id: number; step: string; label: string; fromState: string | null; toState: string; input: Record<string, unknown>; userName: string | null; at: string }[];
  documents: { id: string; title: string }[];
  related: { id: number; matterNo: string; receivedOn: string; stateName: string }[];
  mayReassign: boolean;
  /** Proposals: the co-handlers (organisations on the platform, then units outside it). */
  coHandlers?: CoHandler[];
  /** Proposals: the user (of the lead unit) may name one more co-handler now (before the answer). */
  mayAddCoHandler?: boolean;
}

/** A co-handler of a proposal: its period's clock and its opinion; `mine` when the user may write it now. */
export interface CoHandler {
  orgId: number | null; name: string; onPlatform: boolean; dueOn: string; clock: ClockState;
  opinion: string | null; opinionOn: string | null; authorName: string | null; mine: boolean;
}

export const SATISFACTION: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };
