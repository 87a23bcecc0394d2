// What a kind of matter declares for the procedure engine, besides its states and steps:
// the fields each step asks for (the server validates them, the browser draws the form
// from them), what each step writes to the matter (effect), and the clocks that run on
// it. Pure: rows, inputs and dates come from modules/matters.
import { extendedDue, type ClockSpec, type Guard, type Procedure, type Refusal, type Step } from '../procedure/engine';
import type { Pause, PeriodUnit } from '../calendar/deadline';
import type { WorkCalendar } from '../calendar/workCalendar';
import type { MatterKind } from './clocks';

export type FieldType = 'text' | 'textarea' | 'date' | 'select' | 'boolean' | 'number' | 'entity' | 'org' | 'orgs' | 'user' | 'case' | 'list';

/** One input of a form: the server builds its validation from this, the browser its control. */
export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** select: value → Chinese label. */
  options?: Record<string, string>;
  /** Longest text accepted (default 200; textarea 5000). */
  max?: number;
  help?: string;
  /** What the form starts with (the commonest choice, so a call is recorded in seconds; 'today' for a date). */
  initial?: string | boolean;
  /** select: several values may be chosen (an array). */
  multiple?: boolean;
  /**
   * Asked only when another field of the form holds one of these values (the penalty an
   * alteration leaves, when the outcome is 变更): hidden in the browser otherwise, and the
   * server drops it. A guard says when it must be filled in.
   */
  showWhen?: { field: string; values: readonly string[] };
}

/** Whether the field is asked, given the form's values. */
export const fieldShown = (f: Pick<FieldSpec, 'showWhen'>, values: Record<string, unknown>): boolean =>
  !f.showWhen || f.showWhen.values.includes(String(values[f.showWhen.field] ?? ''));

export interface Extension { amount: number; reason: string; approvedBy: string; on: string; requestedBy?: string; requestedOn?: string }
/** A handler's request to extend the main clock, waiting for the approver (kept in details.extensionRequest until decided). */
export interface ExtensionRequest { amount: number; reason: string; requestedBy: string; on: string }
export interface MatterPause extends Pause { reason: string }

/** The columns of a matter that procedures read and write. */
export interface MatterColumns {
  subtype: string | null;
  channel: string | null;
  role: string | null;
  title: string | null;
  summary: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_address: string | null;
  anonymous: boolean;
  entity_id: number | null;
  handler_org_id: number | null;
  assignee_id: number | null;
  leader_id: number | null;
  received_on: string;
  accepted_on: string | null;
  clock_start_on: string | null;
  concluded_on: string | null;
  outcome: string | null;
  reply: string | null;
  satisfaction: string | null;
  extended: boolean;
  pauses: MatterPause[];
  extensions: Extension[];
  hearing_on: string | null;
  head_appeared: boolean | null;
  grade: string | null;
  case_id: number | null;
  /** Petitions: the body one level up that answers the review (re-review) requested; null when it is not on the platform. */
  review_org_id?: number | null;
  details: Record<string, unknown>;
}

export interface MatterFacts {
  row: MatterColumns & { state: string };
  /** The step's validated input (field name → value). */
  input: Record<string, unknown>;
  today: string;
  /** Who takes the step (shown in the history and in extensions). */
  actorName: string;
  /** The work calendar, for the periods a guard counts (a party's period ends as its clock shows). */
  calendar: WorkCalendar;
  /** Proposals: the co-handling organisations on the platform (their own table) and when each gave its opinion. */
  coHandlers?: readonly { name: string; opinionOn: string | null }[];
}

/** What a step writes: columns, and keys merged into details. */
export type MatterUpdate = Partial<Omit<MatterColumns, 'details'>> & { details?: Record<string, unknown> };

export interface MatterStep<S extends string> extends Step<S, MatterFacts> {
  fields?: readonly FieldSpec[];
  effect?: (f: MatterFacts) => MatterUpdate;
  /**
   * A step the service completes with work outside the matter: opening a case lead;
   * sending a petition's review (re-review) to the body one level above the one whose
   * answer is challenged (the organisation tree is the service's to read).
   */
  action?: 'open_case_lead' | 'refer_review_up' | 'refer_re_review_up';
  /** The step records something without moving the matter (an extension asked for or refused): it stays in the state it is in. */
  stays?: boolean;
  /** Not listed among the next steps while a guard refuses it (approving a request nobody made is no step to explain). */
  quietWhenRefused?: boolean;
  /** Taken by the body the review went up to (review_org_id), not the body whose answer is reviewed; by the latter when that body is not on the platform. */
  byReviewBody?: boolean;
  /** The step's outcome is noted in the history of the penalty case the matter challenges. */
  notesCase?: 'reconsideration_decided' | 'litigation_judged';
  /** Buttons styled as the main way forward. */
  primary?: boolean;
}

/** A clock running on a matter: its period, when it started, and when it was met. */
export interface ClockRun {
  spec: ClockSpec;
  start: string;
  stoppedOn: string | null;
  extensions?: number[];
  pauses?: Pause[];
  /** The clock whose due date is the matter's due_on (lists, to-dos, on-time figures). */
  main?: boolean;
}

/**
 * The matter's due date (its main clock's, extensions and pauses included), kept in
 * due_on for lists, to-dos and the on-time figures. A main clock met while the matter
 * stays open (a suit answered, waiting for the court) leaves nothing of the commission's
 * running: no due date.
 */
export function mainDueOn(calendar: WorkCalendar, runs: readonly ClockRun[], concludedOn: string | null): string | null {
  const main = runs.find((r) => r.main);
  if (!main || (main.stoppedOn !== null && concludedOn === null)) return null;
  return extendedDue(calendar, main.spec, main.start, main.extensions ?? [], main.pauses ?? []).due;
}

/** Documents the matter produces (Word): title and body blocks are built in modules/matters/documents.ts. */
export interface MatterDocumentSpec { id: string; title: string; available: (row: MatterColumns & { state: string }) => boolean }

export interface MatterKindSpec<S extends string = string> {
  kind: MatterKind;
  label: string;
  /** Prefix of the matter number (e.g. RX for 热线). */
  numberPrefix: string;
  /** The permission to register and work the matter. */
  handlePermission: string;
  procedure: Omit<Procedure<S, MatterFacts>, 'steps'> & { steps: readonly MatterStep<S>[] };
  /** The fields of the registration form. */
  createFields: readonly FieldSpec[];
  /** Columns set at registration beyond the fields (derived from them). */
  onCreate?: (input: Record<string, unknown>, today: string) => MatterUpdate;
  /** The clocks running on the matter; local-default amounts arrive in `local` (rule id → value); `today` extends a running pause. */
  clocks: (row: MatterColumns & { state: string }, local: Record<string, number>, today: string) => ClockRun[];
  documents: readonly MatterDocumentSpec[];
}

// ---------------------------------------------------------------------------------
// Helpers the kinds share.

export const refuse = (code: string, message: string, citation?: string): Refusal => ({ code, message, ...(citation ? { citation } : {}) });

/** The input's text field, trimmed ('' when absent). */
export const text = (f: MatterFacts, name: string): string => String(f.input[name] ?? '').trim();

/** The input's date field, or today when the form leaves it empty. */
export const dateOr = (f: MatterFacts, name: string): string => (typeof f.input[name] === 'string' && f.input[name] ? String(f.input[name]) : f.today);

/** A date input may not lie in the future nor before the matter was received. */
export function dateWithin(name: string, label: string): Guard<MatterFacts> {
  return (f) => {
    const d = dateOr(f, name);
    if (d > f.today) return refuse('DATE_IN_FUTURE', `${label}不能晚于今天`);
    if (d < f.row.received_on) return refuse('DATE_BEFORE_RECEIPT', `${label}不能早于收到的日期（${f.row.received_on}）`);
    return null;
  };
}

/**
 * Whether `on` lies within a party's period of `spec` that began on `start`: counted like
 * the matter's clock, so a period whose last day is a rest day runs to the next working day.
 */
export const withinPeriod = (f: MatterFacts, spec: Pick<ClockSpec, 'amount' | 'unit'>, start: string, on: string): boolean =>
  on <= extendedDue(f.calendar, spec, start).due;

export const onceOnly = (what: string, citation?: string): Guard<MatterFacts> => (f) =>
  (f.row.extended ? refuse('ALREADY_EXTENDED', `${what}只能延长一次`, citation) : null);

/** The extension a step approves: amount from the law, approver and reason recorded. */
export function extensionOf(f: MatterFacts, amount: number): MatterUpdate {
  return { extended: true, extensions: [...f.row.extensions, { amount, reason: text(f, 'reason'), approvedBy: f.actorName, on: f.today }] };
}

/** A date the server takes as today when the form leaves it empty (the form starts with today). */
export const DATE_FIELD = (name: string, label: string): FieldSpec => ({ name, label, type: 'date', help: '不填为今天', initial: 'today' });
export const REASON_FIELD: FieldSpec = { name: 'reason', label: '理由', type: 'textarea', required: true, max: 1000 };

// Extensions of a main clock (a petition's handling period, a disclosure reply) are asked
// for by the handler and approved by the head (本机关负责人, 政府信息公开工作机构负责人):
// the request waits in details.extensionRequest, the clock unchanged, until a user with
// matters.approve approves it (the clock then moves by the days asked) or refuses it
// (the handler may ask again with better reasons). One extension per clock, as the law allows.

const UNIT_NAMES: Record<PeriodUnit, string> = { day: '日', workday: '个工作日', month: '个月' };

/** The extension asked for and not yet decided, if any. */
export function pendingExtension(row: Pick<MatterColumns, 'details'>): ExtensionRequest | null {
  const r = row.details.extensionRequest;
  return r !== null && typeof r === 'object' ? r as ExtensionRequest : null;
}

export interface ExtensionSteps<S extends string> {
  /** The states in which the clock may be extended. */
  from: readonly S[];
  /** The state an approval leaves the matter in. */
  approvedTo: S;
  /** What is extended (办理期限, 答复期限). */
  what: string;
  /** The clock extended: the extension counts in its unit. */
  clock: Pick<ClockSpec, 'unit'>;
  /** The longest extension the law allows, in the clock's unit. */
  max: number;
  citation: string;
  /** The kind's handling permission: the handler asks. */
  handlePermission: string;
  approveLabel: string;
  /** Further columns an approval writes (a running pause ends). */
  onApprove?: (f: MatterFacts) => MatterUpdate;
}

/** The three steps of an extension: the handler's request, the head's approval or refusal. */
export function extensionSteps<S extends string>(o: ExtensionSteps<S>): MatterStep<S>[] {
  const unit = UNIT_NAMES[o.clock.unit];
  const once = onceOnly(o.what, o.citation);
  const noneAsked: Guard<MatterFacts> = (f) => (pendingExtension(f.row) ? refuse('EXTENSION_PENDING', `已申请延长${o.what}，尚待批准`) : null);
  const asked: Guard<MatterFacts> = (f) => (pendingExtension(f.row) ? null : refuse('NO_EXTENSION_REQUEST', `没有待批准的延长${o.what}申请`));
  const withinLaw: Guard<MatterFacts> = (f) => {
    const n = f.input.amount;
    return n === null || n === undefined || (Number.isInteger(n) && Number(n) >= 1 && Number(n) <= o.max) ? null
      : refuse('EXTENSION_DAYS', `延长的期限应为1至${o.max}${unit}之间的整数`, o.citation);
  };
  return [
    {
      id: 'request_extension', label: `申请延长${o.what}`, from: o.from, to: o.approvedTo, stays: true, permission: o.handlePermission, guards: [once, noneAsked],
      fields: [
        { name: 'amount', label: `延长${o.clock.unit === 'workday' ? '的工作日数' : '的天数'}`, type: 'number', help: `最长${o.max}${unit}；不填为${o.max}${unit}` },
        { ...REASON_FIELD, label: '延长的理由' },
      ],
      inputGuards: [withinLaw],
      effect: (f) => ({ details: { extensionRequest: { amount: typeof f.input.amount === 'number' ? f.input.amount : o.max, reason: text(f, 'reason'), requestedBy: f.actorName, on: f.today } satisfies ExtensionRequest } }),
      citation: o.citation,
    },
    {
      id: 'approve_extension', label: o.approveLabel, from: o.from, to: o.approvedTo, permission: 'matters.approve', guards: [once, asked], quietWhenRefused: true, primary: true,
      effect: (f) => {
        const r = pendingExtension(f.row)!;
        const extension: Extension = { amount: r.amount, reason: r.reason, approvedBy: f.actorName, on: f.today, requestedBy: r.requestedBy, requestedOn: r.on };
        return { ...o.onApprove?.(f), extended: true, extensions: [...f.row.extensions, extension], details: { extensionRequest: null } };
      },
      citation: o.citation,
    },
    {
      id: 'refuse_extension', label: '不予批准延长', from: o.from, to: o.approvedTo, stays: true, permission: 'matters.approve', guards: [asked], quietWhenRefused: true,
      fields: [{ ...REASON_FIELD, label: '不予批准的理由' }],
      effect: (f) => ({ details: { extensionRequest: null, extensionRefused: { ...pendingExtension(f.row), refusedBy: f.actorName, refusedOn: f.today, refusal: text(f, 'reason') } } }),
    },
  ];
}

// Pauses (third-party consultation, expert appraisal): days not counted. A pause starts
// on the day the step is taken and runs while the matter stays in the paused state.

export const startPause = (f: MatterFacts, reason: string): MatterPause[] => [...f.row.pauses, { from: f.today, to: f.today, reason }];

/** Ends the running pause (the last one) on `on`, when the matter is in its paused state. */
export function endPause(f: MatterFacts, pausedState: string, on = f.today): MatterPause[] {
  if (f.row.state !== pausedState) return f.row.pauses;
  return f.row.pauses.map((p, i) => (i === f.row.pauses.length - 1 ? { ...p, to: on } : p));
}

/** The pauses as counted today: a running one reaches today, so the due date moves day by day. */
export function pausesUpTo(row: MatterColumns & { state: string }, pausedState: string, today: string): MatterPause[] {
  return row.pauses.map((p, i) => (row.state === pausedState && i === row.pauses.length - 1 && today > p.to ? { ...p, to: today } : p));
}
