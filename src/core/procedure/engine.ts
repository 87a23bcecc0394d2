// The procedure engine: a matter's procedure (a penalty case, later a disclosure request
// or a petition) is declared once as data — its states, the steps that move between
// them, who may take each step, the guards that refuse a step the law does not allow
// (each refusal citing its article) and the statutory clocks — and run here. The server
// applies a step only through apply(); the UI lists the next steps with nextSteps(),
// showing each refused one with its reason. Pure: facts and dates come from the caller.
import { computeDue, type Pause, type PeriodUnit } from '../calendar/deadline';
import { addDays } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/workCalendar';

/** Why a step is not allowed now: a Chinese message and the article it rests on. */
export interface Refusal { code: string; message: string; citation?: string }

export type Guard<F> = (facts: F) => Refusal | null;

export interface Step<S extends string, F> {
  /** Stable identifier (API, audit, UI). */
  id: string;
  /** What the button says, in Chinese. */
  label: string;
  from: readonly S[];
  to: S;
  /** The permission the actor needs (checked again on the server). */
  permission: string;
  /** What the case must satisfy for the step to be offered at all; checked in order, the first refusal wins. */
  guards?: readonly Guard<F>[];
  /**
   * What the step's own input must satisfy (the inspectors it assigns, the penalty it
   * decides, the dates it records): checked after guards when the step is taken, not
   * when steps are listed, since the user has yet to fill them in.
   */
  inputGuards?: readonly Guard<F>[];
  /** The article that requires or allows the step, shown beside it. */
  citation?: string;
  /**
   * A transition the platform makes itself as the consequence of another record (a penalty
   * decision revoked on reconsideration reopens the case): declared here with the states it
   * may leave, never listed as a next step nor taken through the API.
   */
  system?: boolean;
}

export interface StateInfo { label: string; final?: boolean }

export interface Procedure<S extends string, F> {
  name: string;
  /** What the matter is called in messages (default 案件). */
  subject?: string;
  initial: S;
  states: Record<S, StateInfo>;
  steps: readonly Step<S, F>[];
}

export class ProcedureRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export interface NextStep { id: string; label: string; to: string; permission: string; allowed: boolean; refusal?: Refusal; citation?: string }

function firstRefusal<F>(guards: readonly Guard<F>[] | undefined, facts: F): Refusal | null {
  for (const g of guards ?? []) {
    const r = g(facts);
    if (r) return r;
  }
  return null;
}

/** Every step leaving the state, allowed (as far as the case goes) or with the reason it is refused. */
export function nextSteps<S extends string, F>(p: Procedure<S, F>, state: S, facts: F): NextStep[] {
  return p.steps.filter((s) => s.from.includes(state) && !s.system).map((s) => {
    const refusal = firstRefusal(s.guards, facts);
    return { id: s.id, label: s.label, to: s.to, permission: s.permission, allowed: !refusal, ...(refusal ? { refusal } : {}), ...(s.citation ? { citation: s.citation } : {}) };
  });
}

/** The state after the step, or a ProcedureRefusal saying why the step cannot be taken. */
export function apply<S extends string, F>(p: Procedure<S, F>, state: S, stepId: string, facts: F): { step: Step<S, F>; to: S } {
  const step = p.steps.find((s) => s.id === stepId);
  if (!step) throw new ProcedureRefusal({ code: 'UNKNOWN_STEP', message: `没有“${stepId}”这一步骤` });
  if (!step.from.includes(state)) {
    throw new ProcedureRefusal({ code: 'WRONG_STATE', message: `${p.subject ?? '案件'}当前处于“${p.states[state].label}”，不能“${step.label}”` });
  }
  const refusal = firstRefusal(step.guards, facts) ?? firstRefusal(step.inputGuards, facts);
  if (refusal) throw new ProcedureRefusal(refusal);
  return { step, to: step.to };
}

// ---------------------------------------------------------------------------------
// Clocks: statutory periods running on a matter.

export interface ClockSpec {
  id: string;
  label: string;
  amount: number;
  unit: PeriodUnit;
  citation: string;
  /**
   * A period the party has, not a deadline the agency must meet (the statement-and-defence
   * period, the hearing request): it never turns red; once it has run out it shows as
   * ended on its due date.
   */
  partyPeriod?: boolean;
}

export type ClockColour = 'green' | 'amber' | 'red' | 'stopped';

export interface ClockState {
  id: string;
  label: string;
  citation: string;
  start: string;
  due: string;
  /** Set when the clock was met (the step it waits for happened). */
  stoppedOn: string | null;
  colour: ClockColour;
  /** Days left until due (negative: overdue); null once stopped. */
  daysLeft: number | null;
  provisional: boolean;
  /** The due date before the approved extensions, when the clock was extended. */
  extendedFrom?: string;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * The due date of a clock started on `start`, moved by each approved extension in turn:
 * an extension of n days (in the clock's unit) counts from the due date it extends, the
 * way the original period counts from its start. `pauses` (third-party consultation,
 * expert appraisal) are left out of the period and of every extension, so each pause
 * moves the due date later by its length.
 */
export function extendedDue(calendar: WorkCalendar, spec: Pick<ClockSpec, 'amount' | 'unit'>, start: string, extensions: readonly number[] = [], pauses: readonly Pause[] = []): { due: string; provisional: boolean; original: string } {
  const first = computeDue(calendar, { start, amount: spec.amount, unit: spec.unit, pauses });
  let { due, provisional } = first;
  for (const days of extensions) {
    const next = computeDue(calendar, { start: due, amount: days, unit: spec.unit, pauses });
    due = next.due;
    provisional ||= next.provisional;
  }
  return { due, provisional, original: first.due };
}

/**
 * A clock started on `start` (counting from the next day), stopped on `stoppedOn` if
 * the awaited step happened, judged on `today`: amber within amberDays of the due date,
 * red after it. `extensions` are the approved extensions of its period, in order;
 * `pauses` the spans during which it stood still.
 */
export function clockState(calendar: WorkCalendar, spec: ClockSpec, start: string, stoppedOn: string | null, today: string, amberDays: number, extensions: readonly number[] = [], pauses: readonly Pause[] = []): ClockState {
  const { due, provisional, original } = extendedDue(calendar, spec, start, extensions, pauses);
  const base = { id: spec.id, label: spec.label, citation: spec.citation, start, due, stoppedOn, provisional, ...(extensions.length > 0 ? { extendedFrom: original } : {}) };
  if (spec.partyPeriod && (stoppedOn || today > due)) {
    return { ...base, stoppedOn: stoppedOn && stoppedOn < due ? stoppedOn : due, colour: 'stopped', daysLeft: null };
  }
  if (stoppedOn) return { ...base, colour: stoppedOn > due ? 'red' : 'stopped', daysLeft: null };
  const daysLeft = dayNumber(due) - dayNumber(today);
  const colour: ClockColour = today > due ? 'red' : today >= addDays(due, -amberDays) ? 'amber' : 'green';
  return { ...base, colour, daysLeft };
}
