// The penalty case procedure: every step allowed from each of its states with lawful
// facts, every step refused from every other state, every guard's refusal with its
// article, whole walks (general with a hearing, simple, no penalty, transfer), and the
// clocks across the 2025 and 2026 holiday arrangements.
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/workCalendar';
import { OFFICIAL_ARRANGEMENTS } from '../calendar/arrangements';
import { ProcedureRefusal, apply, clockState, extendedDue, nextSteps } from './engine';
import { CASE_CLOCKS, CASE_STATES, PENALTY_CASE, type CaseState, type PenaltyCaseFacts } from './penaltyCase';

const calendar = WorkCalendar.fromArrangements(OFFICIAL_ARRANGEMENTS);

/** Facts under which every step the state allows is lawful. */
function lawful(patch: Partial<PenaltyCaseFacts> = {}): PenaltyCaseFacts {
  return {
    today: '2026-03-20', partyKind: 'organisation',
    inspectors: [{ id: 1, name: '李明', canEnforce: true, recused: false }, { id: 2, name: '王芳', canEnforce: true, recused: false }],
    proposed: { sanctions: ['warning', 'fine'], fineYuan: 3000 }, proposedStanding: 'within_tier', outsideTierReason: null,
    notified: { sanctions: ['warning', 'fine'], fineYuan: 3000 },
    major: true, legalReviewPassed: true, collectiveRequired: true, collectiveRecorded: true, hearingRight: true,
    noticeServedOn: '2026-03-02', defenceEnds: '2026-03-05', defenceWaived: false, hearingRequestEnds: '2026-03-20',
    hearingDate: '2026-03-20', hearingNoticeServedOn: '2026-03-05', hearingEarliest: '2026-03-16', hearingHostInvestigated: false,
    reason: '理由', fineSettled: true, decidedFineYuan: 3000, simpleFineLimitYuan: 3000,
    plan: [{ dueOn: '2026-04-01', amountYuan: 1000 }, { dueOn: '2026-05-01', amountYuan: 2000 }],
    payment: { fineYuan: 3000, surchargeYuan: 0 }, paidFineYuan: 0, surchargeOwedYuan: 0,
    ...patch,
  };
}

/** Steps whose lawful facts must differ from the baseline (the baseline is a major case). */
const FACTS_FOR: Record<string, Partial<PenaltyCaseFacts>> = {
  pass_review: { major: false },
  // An instalment paid leaves part of the fine owed.
  pay_instalment: { payment: { fineYuan: 1000, surchargeYuan: 0 } },
};

function refusal(step: string, state: CaseState, facts: PenaltyCaseFacts) {
  try {
    apply(PENALTY_CASE, state, step, facts);
  } catch (err) {
    if (err instanceof ProcedureRefusal) return err.refusal;
    throw err;
  }
  return null;
}

describe('every transition', () => {
  it('each step is allowed from each of its states with lawful facts, and leads to its state', () => {
    let checked = 0;
    for (const step of PENALTY_CASE.steps) {
      for (const from of step.from) {
        expect(apply(PENALTY_CASE, from, step.id, lawful(FACTS_FOR[step.id])).to, `${step.id} from ${from}`).toBe(step.to);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('each step is refused from every other state, naming the state', () => {
    for (const step of PENALTY_CASE.steps) {
      for (const state of CASE_STATES.filter((s) => !step.from.includes(s))) {
        const r = refusal(step.id, state, lawful(FACTS_FOR[step.id]));
        expect(r?.code, `${step.id} from ${state}`).toBe('WRONG_STATE');
        expect(r?.message).toContain(PENALTY_CASE.states[state].label);
      }
    }
  });

  it('archived and not_filed are final: nothing leaves them', () => {
    for (const s of ['archived', 'not_filed'] as const) expect(nextSteps(PENALTY_CASE, s, lawful())).toEqual([]);
    for (const s of CASE_STATES.filter((x) => !PENALTY_CASE.states[x].final)) {
      expect(nextSteps(PENALTY_CASE, s, lawful()).length, s).toBeGreaterThan(0);
    }
  });

  it('an unknown step is refused', () => {
    expect(refusal('sign', 'lead', lawful())?.code).toBe('UNKNOWN_STEP');
  });
});

describe('every refusal, with its article', () => {
  const cases: [string, CaseState, Partial<PenaltyCaseFacts>, string, string?][] = [
    ['file', 'lead', { inspectors: [{ id: 1, name: '李明', canEnforce: true, recused: false }] }, 'TOO_FEW_INSPECTORS', '第四十二条'],
    ['file', 'lead', { inspectors: [{ id: 1, name: '李明', canEnforce: true, recused: false }, { id: 2, name: '王芳', canEnforce: true, recused: true }] }, 'TOO_FEW_INSPECTORS', '第四十二条'],
    ['file', 'lead', { inspectors: [{ id: 1, name: '李明', canEnforce: true, recused: false }, { id: 2, name: '王芳', canEnforce: false, reason: '执法证件已于2026-01-01过期', recused: false }] }, 'INSPECTOR_NOT_QUALIFIED', '第五十五条'],
    ['finish_investigation', 'filed', { inspectors: [] }, 'TOO_FEW_INSPECTORS', '第四十二条'],
    ['decline', 'lead', { reason: '  ' }, 'REASON_REQUIRED'],
    ['decide_on_spot', 'lead', { inspectors: [] }, 'NO_INSPECTOR', '第五十二条'],
    ['decide_on_spot', 'lead', { partyKind: 'person', simpleFineLimitYuan: 200, proposed: { sanctions: ['fine'], fineYuan: 201 } }, 'SIMPLE_FINE_LIMIT', '第五十一条'],
    ['decide_on_spot', 'lead', { proposed: { sanctions: ['fine'], fineYuan: 3000.01 } }, 'SIMPLE_FINE_LIMIT', '第五十一条'],
    ['decide_on_spot', 'lead', { proposed: { sanctions: ['warning', 'suspend'], fineYuan: 0 } }, 'SIMPLE_SANCTION', '第五十一条'],
    ['decide_on_spot', 'lead', { proposed: null }, 'PENALTY_REQUIRED'],
    ['transfer', 'filed', { reason: null }, 'REASON_REQUIRED'],
    ['return_to_investigation', 'case_review', { reason: '' }, 'REASON_REQUIRED'],
    ['submit_legal_review', 'case_review', { major: false }, 'NOT_MAJOR'],
    ['pass_review', 'case_review', { major: true }, 'MAJOR_NEEDS_REVIEW', '第五十八条'],
    ['decide_no_penalty', 'reviewed', { reason: null }, 'REASON_REQUIRED'],
    ['decide_no_penalty', 'case_review', { legalReviewPassed: false }, 'LEGAL_REVIEW_REQUIRED', '第五十八条'],
    ['notify', 'reviewed', { proposed: { sanctions: [], fineYuan: 0 } }, 'PENALTY_REQUIRED'],
    ['notify', 'reviewed', { proposedStanding: 'outside_statutory' }, 'FINE_OUTSIDE_LAW'],
    ['notify', 'reviewed', { proposedStanding: 'outside_tier', outsideTierReason: null }, 'TIER_REASON_REQUIRED', '国办发〔2022〕27号'],
    ['notify', 'reviewed', { noticeServedOn: null }, 'NOTICE_NOT_SERVED', '第四十四条'],
    ['request_hearing', 'notified', { hearingRight: false }, 'NO_HEARING_RIGHT', '第六十三条'],
    ['request_hearing', 'notified', { today: '2026-03-21', hearingRequestEnds: '2026-03-20' }, 'HEARING_REQUEST_LATE', '第六十四条'],
    ['schedule_hearing', 'hearing_requested', { hearingDate: null }, 'HEARING_DETAILS'],
    ['schedule_hearing', 'hearing_requested', { hearingDate: '2026-03-16' }, 'HEARING_NOTICE_LATE', '第六十四条'],
    ['schedule_hearing', 'hearing_requested', { hearingHostInvestigated: true }, 'HEARING_HOST', '第六十四条第四项'],
    ['schedule_hearing', 'hearing_requested', { hearingHostInvestigated: null }, 'HEARING_HOST'],
    ['hold_hearing', 'hearing_scheduled', { today: '2026-03-19' }, 'HEARING_NOT_YET'],
    ['submit_collective', 'notified', { today: '2026-03-05', defenceEnds: '2026-03-05' }, 'DEFENCE_PERIOD'],
    ['record_collective', 'collective', { collectiveRecorded: false }, 'MINUTES_REQUIRED'],
    ['decide', 'notified', { today: '2026-03-05', defenceEnds: '2026-03-05' }, 'DEFENCE_PERIOD', '第四十五条'],
    ['decide', 'notified', { defenceEnds: null }, 'DEFENCE_PERIOD'],
    ['decide', 'heard', { legalReviewPassed: false }, 'LEGAL_REVIEW_REQUIRED', '第五十八条'],
    ['decide', 'heard', { collectiveRecorded: false }, 'COLLECTIVE_REQUIRED', '第五十七条'],
    ['decide', 'notified', { major: false, legalReviewPassed: false, collectiveRecorded: false }, 'COLLECTIVE_REQUIRED', '第五十七条'],
    ['decide', 'deliberated', { proposed: { sanctions: ['warning', 'fine'], fineYuan: 3000.5 } }, 'HEAVIER_THAN_NOTIFIED', '第四十五条'],
    ['decide', 'deliberated', { proposed: { sanctions: ['warning', 'fine', 'suspend'], fineYuan: 3000 } }, 'HEAVIER_THAN_NOTIFIED', '第四十五条'],
    ['decide', 'deliberated', { proposedStanding: 'outside_statutory' }, 'FINE_OUTSIDE_LAW'],
    ['decide', 'deliberated', { proposed: null }, 'PENALTY_REQUIRED'],
    ['approve_instalment', 'served', { decidedFineYuan: 0 }, 'NO_FINE'],
    ['approve_instalment', 'served', { reason: null }, 'REASON_REQUIRED'],
    ['approve_instalment', 'served', { plan: [] }, 'INSTALMENT_PLAN', '第六十六条'],
    ['approve_instalment', 'served', { plan: [{ dueOn: '2026-04-01', amountYuan: 1000 }, { dueOn: '2026-05-01', amountYuan: 1999.99 }] }, 'INSTALMENT_PLAN', '第六十六条'],
    ['approve_instalment', 'served', { plan: [{ dueOn: '2026-05-01', amountYuan: 1000 }, { dueOn: '2026-04-01', amountYuan: 2000 }] }, 'INSTALMENT_PLAN', '第六十六条'],
    ['approve_instalment', 'served', { plan: [{ dueOn: '2026-03-19', amountYuan: 3000 }] }, 'INSTALMENT_PLAN', '第六十六条'],
    ['record_payment', 'served', { decidedFineYuan: 0 }, 'NO_FINE'],
    ['record_payment', 'served', { payment: null }, 'PAYMENT_REQUIRED'],
    ['record_payment', 'served', { payment: { fineYuan: 2999.99, surchargeYuan: 0 } }, 'PAYMENT_SHORT', '第六十七条'],
    ['record_payment', 'instalment', { paidFineYuan: 1000, payment: { fineYuan: 1000, surchargeYuan: 0 } }, 'PAYMENT_SHORT', '第六十六条'],
    ['record_payment', 'served', { payment: { fineYuan: 3000.01, surchargeYuan: 0 } }, 'PAYMENT_OVER'],
    ['record_payment', 'simple_decided', { payment: { fineYuan: 3000, surchargeYuan: 90.01 }, surchargeOwedYuan: 90 }, 'SURCHARGE_OVER', '第七十二条'],
    ['pay_instalment', 'instalment', { decidedFineYuan: 0 }, 'NO_FINE'],
    ['pay_instalment', 'instalment', { payment: { fineYuan: 0, surchargeYuan: 0 } }, 'PAYMENT_REQUIRED'],
    ['pay_instalment', 'instalment', { payment: { fineYuan: 1000, surchargeYuan: 0 }, paidFineYuan: 2000 }, 'PAYMENT_COMPLETES'],
    ['pay_instalment', 'instalment', { payment: { fineYuan: 1000, surchargeYuan: 0 }, paidFineYuan: 2500 }, 'PAYMENT_OVER'],
    ['pay_instalment', 'instalment', { payment: { fineYuan: 1000, surchargeYuan: 30.01 }, surchargeOwedYuan: 30 }, 'SURCHARGE_OVER', '第七十二条'],
    ['enforce', 'instalment', { decidedFineYuan: 0 }, 'NO_FINE'],
    ['close', 'served', { fineSettled: false }, 'FINE_OUTSTANDING', '第六十七条'],
  ];

  it.each(cases)('%s from %s is refused (%s → %s)', (step, state, patch, code, citation) => {
    const r = refusal(step, state, lawful({ ...FACTS_FOR[step], ...patch }));
    expect(r?.code).toBe(code);
    expect(r?.message.length).toBeGreaterThan(4);
    if (citation) expect(r?.citation).toContain(citation);
  });

  it('every guard of the procedure is exercised above', () => {
    const guarded = PENALTY_CASE.steps.filter((s) => (s.guards ?? []).length + (s.inputGuards ?? []).length > 0).map((s) => s.id);
    const tested = new Set(cases.map((c) => c[0]));
    expect(guarded.filter((id) => !tested.has(id))).toEqual([]);
  });

  it('lists refused steps with their reason, so the page can show why a button is disabled', () => {
    const steps = nextSteps(PENALTY_CASE, 'notified', lawful({ today: '2026-03-04', defenceEnds: '2026-03-05' }));
    const decide = steps.find((s) => s.id === 'decide')!;
    expect(decide).toMatchObject({ allowed: false, refusal: { code: 'DEFENCE_PERIOD' } });
    expect(steps.find((s) => s.id === 'request_hearing')!.allowed).toBe(true);
  });

  it('offers a step whose conditions lie in its own input (filing assigns the inspectors), and checks them when taken', () => {
    const noOne = lawful({ inspectors: [] });
    expect(nextSteps(PENALTY_CASE, 'lead', noOne).find((s) => s.id === 'file')!.allowed).toBe(true);
    expect(refusal('file', 'lead', noOne)?.code).toBe('TOO_FEW_INSPECTORS');
    expect(nextSteps(PENALTY_CASE, 'filed', noOne).find((s) => s.id === 'finish_investigation')).toMatchObject({ allowed: false, refusal: { code: 'TOO_FEW_INSPECTORS' } });
  });

  it('a written waiver of the defence ends the period early', () => {
    expect(apply(PENALTY_CASE, 'notified', 'decide', lawful({ today: '2026-03-03', defenceEnds: '2026-03-05', defenceWaived: true })).to).toBe('decided');
  });

  it('the last instalment, with the surcharge owed, settles the fine', () => {
    const last = lawful({ paidFineYuan: 2000, payment: { fineYuan: 1000, surchargeYuan: 30 }, surchargeOwedYuan: 30 });
    expect(apply(PENALTY_CASE, 'instalment', 'record_payment', last).to).toBe('paid');
    expect(apply(PENALTY_CASE, 'served', 'approve_instalment', lawful({ plan: [{ dueOn: '2026-03-20', amountYuan: 3000 }] })).to).toBe('instalment');
  });

  it('the simple procedure allows up to 200 yuan for a citizen and 3,000 for an organisation', () => {
    expect(apply(PENALTY_CASE, 'lead', 'decide_on_spot', lawful({ partyKind: 'person', simpleFineLimitYuan: 200, proposed: { sanctions: ['fine'], fineYuan: 200 } })).to).toBe('simple_decided');
    expect(apply(PENALTY_CASE, 'lead', 'decide_on_spot', lawful({ proposed: { sanctions: ['warning'], fineYuan: 0 } })).to).toBe('simple_decided');
  });
});

describe('whole cases', () => {
  function walk(steps: string[], facts: PenaltyCaseFacts, from: CaseState = 'lead'): CaseState[] {
    const path: CaseState[] = [from];
    let state = from;
    for (const s of steps) {
      state = apply(PENALTY_CASE, state, s, facts).to;
      path.push(state);
    }
    return path;
  }

  it('a major general-procedure case with a hearing, from lead to archive', () => {
    expect(walk(['file', 'finish_investigation', 'submit_legal_review', 'pass_legal_review', 'notify', 'request_hearing', 'schedule_hearing',
      'hold_hearing', 'submit_collective', 'record_collective', 'decide', 'serve', 'record_payment', 'close', 'archive'], lawful()).at(-1)).toBe('archived');
  });

  it('major (legal review, art. 58) and collective discussion (art. 57) are independent', () => {
    // Major but not serious enough for the heads: decided after legal review, without collective discussion.
    const majorOnly = lawful({ major: true, legalReviewPassed: true, collectiveRequired: false, collectiveRecorded: false, hearingRight: false });
    expect(walk(['file', 'finish_investigation', 'submit_legal_review', 'pass_legal_review', 'notify', 'decide'], majorOnly).at(-1)).toBe('decided');
    // Serious but not major: no legal review, yet the heads must decide it collectively.
    const collectiveOnly = lawful({ major: false, legalReviewPassed: false, collectiveRequired: true, collectiveRecorded: false, hearingRight: false });
    expect(walk(['file', 'finish_investigation', 'pass_review', 'notify'], collectiveOnly).at(-1)).toBe('notified');
    expect(refusal('decide', 'notified', collectiveOnly)).toMatchObject({ code: 'COLLECTIVE_REQUIRED', citation: expect.stringContaining('第五十七条') });
    expect(walk(['submit_collective', 'record_collective', 'decide'], { ...collectiveOnly, collectiveRecorded: true }, 'notified').at(-1)).toBe('decided');
  });

  it('a fine paid in instalments: each instalment, then the last settles it', () => {
    const paying = lawful({ payment: { fineYuan: 1000, surchargeYuan: 0 } });
    expect(walk(['approve_instalment', 'pay_instalment', 'pay_instalment'], paying, 'served').at(-1)).toBe('instalment');
    expect(walk(['record_payment', 'close', 'archive'], lawful({ paidFineYuan: 2000, payment: { fineYuan: 1000, surchargeYuan: 0 } }), 'instalment').at(-1)).toBe('archived');
  });

  it('an ordinary case without hearing, a no-penalty case, a transferred case and a simple case', () => {
    const ordinary = lawful({ major: false, legalReviewPassed: false, collectiveRequired: false, collectiveRecorded: false, hearingRight: false });
    expect(walk(['file', 'finish_investigation', 'pass_review', 'notify', 'decide', 'serve', 'record_payment', 'close', 'archive'], ordinary).at(-1)).toBe('archived');
    expect(walk(['file', 'finish_investigation', 'decide_no_penalty', 'close', 'archive'], ordinary).at(-1)).toBe('archived');
    expect(walk(['file', 'transfer', 'close', 'archive'], ordinary).at(-1)).toBe('archived');
    expect(walk(['decide_on_spot', 'close', 'archive'], lawful({ proposed: { sanctions: ['fine'], fineYuan: 50 } })).at(-1)).toBe('archived');
  });
});

describe('clocks across the 2025 and 2026 holidays', () => {
  const due = (spec: keyof typeof CASE_CLOCKS, start: string) => clockState(calendar, CASE_CLOCKS[spec], start, null, start, 2).due;

  it('count working days past the official arrangements, make-up Saturdays and Sundays included', () => {
    // 2026-02-13 Fri, 02-14 Sat make-up, 02-15..23 春节, 02-24..27, 02-28 Sat make-up.
    expect(due('service', '2026-02-12')).toBe('2026-02-28');
    // 10-01..07 国庆节, then 10-08, 10-09 and the make-up Saturday 10-10.
    expect(due('defence', '2026-09-30')).toBe('2026-10-10');
    // 01-26 Sun make-up, 01-27, 01-28..02-04 春节, 02-05, 02-06, 02-07.
    expect(due('hearingRequest', '2025-01-24')).toBe('2025-02-07');
    // 12-30, 12-31, 2026-01-01..03 元旦, 01-04 Sun make-up, 01-05..08.
    expect(due('publication', '2025-12-29')).toBe('2026-01-08');
  });

  it('calendar-day periods ending on a rest day end on the next working day', () => {
    // 15 days from 2025-09-16 end on 10-01 (国庆节 until 10-08): the next working day.
    expect(due('payment', '2025-09-16')).toBe('2025-10-09');
    // 90 days from 2026-07-05 end on Saturday 10-03, inside 国庆节.
    expect(due('decision', '2026-07-05')).toBe('2026-10-08');
  });

  it('an extended period counts each extension from the due date it extends', () => {
    // 90 days from 2026-07-05: 10-08 (after 国庆节); 30 more: Saturday 11-07, so Monday 11-09.
    const extended = clockState(calendar, CASE_CLOCKS.decision, '2026-07-05', null, '2026-10-08', 2, [30]);
    expect(extended).toMatchObject({ due: '2026-11-09', extendedFrom: '2026-10-08', colour: 'green', daysLeft: 32 });
    expect(extendedDue(calendar, CASE_CLOCKS.decision, '2026-07-05', [30, 30]).due).toBe('2026-12-09');
    expect(clockState(calendar, CASE_CLOCKS.decision, '2026-07-05', null, '2026-10-08', 2).extendedFrom).toBeUndefined();
  });

  it('turn amber before the due date, red after it, and report a met clock', () => {
    const at = (today: string, stopped: string | null = null) => clockState(calendar, CASE_CLOCKS.service, '2026-02-12', stopped, today, 2);
    expect(at('2026-02-25')).toMatchObject({ colour: 'green', daysLeft: 3 });
    expect(at('2026-02-26').colour).toBe('amber');
    expect(at('2026-02-28')).toMatchObject({ colour: 'amber', daysLeft: 0 });
    expect(at('2026-03-01')).toMatchObject({ colour: 'red', daysLeft: -1 });
    expect(at('2026-03-10', '2026-02-27')).toMatchObject({ colour: 'stopped', daysLeft: null });
    expect(at('2026-03-10', '2026-03-02').colour).toBe('red');
  });

  it("a party's period (defence, hearing request) never turns red: once over it shows as ended on its due date", () => {
    // Notice served Wednesday 2026-09-30: the 3 working days end on the make-up Saturday 10-10.
    const at = (today: string, stopped: string | null = null) => clockState(calendar, CASE_CLOCKS.defence, '2026-09-30', stopped, today, 2);
    expect(at('2026-10-08')).toMatchObject({ colour: 'amber', stoppedOn: null });
    expect(at('2026-10-12')).toMatchObject({ colour: 'stopped', stoppedOn: '2026-10-10', daysLeft: null });
    // Decided after the period, as the law requires: not late.
    expect(at('2026-10-20', '2026-10-15')).toMatchObject({ colour: 'stopped', stoppedOn: '2026-10-10' });
    // The party waived in writing on the day of the notice: ended then.
    expect(at('2026-10-01', '2026-09-30')).toMatchObject({ colour: 'stopped', stoppedOn: '2026-09-30' });
    expect(clockState(calendar, CASE_CLOCKS.hearingRequest, '2026-09-30', null, '2026-10-20', 2).colour).toBe('stopped');
  });
});
