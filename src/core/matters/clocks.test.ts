// The statutory clocks of the seven kinds of matter (legal-rules.md, "Matters with
// statutory clocks"), one test per deadline of the table, on the official 2025 and 2026
// holiday arrangements (arrangements.ts). Every expected date is counted by hand in the
// comment above it. Reminders used below:
//   2025: 元旦 01-01; 春节 01-28..02-04 (make-up Sun 01-26, Sat 02-08); 劳动节 05-01..05;
//         端午节 05-31..06-02; 国庆节、中秋节 10-01..08 (make-up Sun 09-28, Sat 10-11).
//   2026: 元旦 01-01..03 (make-up Sun 01-04); 春节 02-15..23 (make-up Sat 02-14, Sat 02-28);
//         清明节 04-04..06; 劳动节 05-01..05 (make-up Sat 05-09); 端午节 06-19..21;
//         中秋节 09-25..27; 国庆节 10-01..07 (make-up Sun 09-20, Sat 10-10).
import { describe, expect, it } from 'vitest';
import { OFFICIAL_ARRANGEMENTS } from '../calendar/arrangements';
import { computeDue, remaining, type Pause } from '../calendar/deadline';
import { WorkCalendar } from '../calendar/workCalendar';
import { RULES, findRule } from '../law/rules';
import { clockState, extendedDue, type ClockSpec } from '../procedure/engine';
import { MATTER_CLOCKS, MATTER_CLOCK_RULE_IDS, MATTER_EXTENSIONS, MATTER_KINDS, withAmount } from './clocks';

const cal = WorkCalendar.fromArrangements(OFFICIAL_ARRANGEMENTS);
const due = (spec: ClockSpec, start: string, extensions: number[] = [], pauses: Pause[] = []) => extendedDue(cal, spec, start, extensions, pauses).due;

describe('the matters’ clocks as law data', () => {
  // Every figure of the table, with its unit and whether an organisation may change it.
  const FIGURES: [string, number, string, boolean][] = [
    ['disclosure.correction_notice_workdays', 7, 'workday', false],
    ['disclosure.reply_workdays', 20, 'workday', false],
    ['disclosure.reply_extension_workdays', 20, 'workday', false],
    ['disclosure.third_party_workdays', 15, 'workday', false],
    ['petition.accept_days', 15, 'day', false],
    ['petition.conclude_days', 60, 'day', false],
    ['petition.conclude_extension_days', 30, 'day', false],
    ['petition.review_request_days', 30, 'day', false],
    ['petition.review_answer_days', 30, 'day', false],
    ['reconsideration.application_days', 60, 'day', false],
    ['reconsideration.answer_workdays', 10, 'workday', false],
    ['reconsideration.answer_simplified_workdays', 5, 'workday', false],
    ['reconsideration.decision_days', 60, 'day', false],
    ['reconsideration.decision_extension_days', 30, 'day', false],
    ['reconsideration.decision_simplified_days', 30, 'day', false],
    ['litigation.answer_days', 15, 'day', false],
    ['litigation.appeal_judgment_days', 15, 'day', false],
    ['litigation.appeal_ruling_days', 10, 'day', false],
    ['proposal.answer_months', 3, 'month', false],
    ['proposal.answer_complex_months', 6, 'month', false],
    ['proposal.co_opinion_months', 1, 'month', true],
    ['mediation.accept_administrative_workdays', 5, 'workday', false],
    ['mediation.conclude_workdays', 30, 'workday', false],
    ['hotline.forward_workdays', 1, 'workday', true],
    ['hotline.handle_workdays', 5, 'workday', true],
    ['hotline.callback_workdays', 1, 'workday', true],
  ];

  it('declares every figure of the table once, with a Chinese citation', () => {
    for (const [id, value, unit, localDefault] of FIGURES) {
      const r = findRule(id);
      expect(r, id).toMatchObject({ value, unit, localDefault });
      expect(r!.citation, id).toMatch(/^《|^本地/);
      expect(r!.confidence === 'local', id).toBe(localDefault);
    }
  });

  // Which rule each clock reads.
  const SOURCES: Record<string, string> = {
    'hotline.forward': 'hotline.forward_workdays', 'hotline.handle': 'hotline.handle_workdays', 'hotline.callback': 'hotline.callback_workdays',
    'petition.accept': 'petition.accept_days', 'petition.conclude': 'petition.conclude_days',
    'petition.reviewRequest': 'petition.review_request_days', 'petition.reviewAnswer': 'petition.review_answer_days',
    'disclosure.correction': 'disclosure.correction_notice_workdays', 'disclosure.reply': 'disclosure.reply_workdays', 'disclosure.thirdParty': 'disclosure.third_party_workdays',
    'mediation.acceptAdministrative': 'mediation.accept_administrative_workdays', 'mediation.conclude': 'mediation.conclude_workdays',
    'reconsideration.answer': 'reconsideration.answer_workdays', 'reconsideration.answerSimplified': 'reconsideration.answer_simplified_workdays',
    'reconsideration.decision': 'reconsideration.decision_days', 'reconsideration.decisionSimplified': 'reconsideration.decision_simplified_days',
    'litigation.answer': 'litigation.answer_days', 'litigation.appealJudgment': 'litigation.appeal_judgment_days', 'litigation.appealRuling': 'litigation.appeal_ruling_days',
    'proposal.answer': 'proposal.answer_months', 'proposal.answerComplex': 'proposal.answer_complex_months', 'proposal.coOpinion': 'proposal.co_opinion_months',
  };

  it('takes each clock’s amount, unit and citation from its rule; only the other side’s periods are party periods', () => {
    expect(Object.keys(MATTER_CLOCKS)).toEqual([...MATTER_KINDS]);
    const seen: string[] = [];
    for (const kind of MATTER_KINDS) {
      for (const [key, spec] of Object.entries(MATTER_CLOCKS[kind]) as [string, ClockSpec][]) {
        const name = `${kind}.${key}`;
        seen.push(name);
        const r = findRule(SOURCES[name]);
        expect(spec, name).toMatchObject({ amount: r!.value, unit: r!.unit, citation: r!.citation });
        expect(spec.label, name).toMatch(/\p{Script=Han}/u);
        expect(spec.partyPeriod ?? false, name).toBe(['petition.reviewRequest', 'disclosure.thirdParty', 'litigation.appealJudgment', 'litigation.appealRuling'].includes(name));
      }
    }
    expect(seen.sort()).toEqual(Object.keys(SOURCES).sort());
    expect(MATTER_EXTENSIONS).toEqual({ petitionConclude: 30, disclosureReply: 20, reconsiderationDecision: 30 });
  });

  it('names the rule to read for every local-default clock, and only for those', () => {
    expect(MATTER_CLOCK_RULE_IDS).toEqual({
      hotline: { forward: 'hotline.forward_workdays', handle: 'hotline.handle_workdays', callback: 'hotline.callback_workdays' },
      proposal: { coOpinion: 'proposal.co_opinion_months' },
    });
    const local = Object.entries(SOURCES).filter(([, id]) => findRule(id)!.localDefault).map(([name]) => name).sort();
    expect(local).toEqual(['hotline.callback', 'hotline.forward', 'hotline.handle', 'proposal.coOpinion']);
    // withAmount replaces the amount only and leaves the declared spec alone.
    expect(withAmount(MATTER_CLOCKS.hotline.handle, 3)).toEqual({ ...MATTER_CLOCKS.hotline.handle, amount: 3 });
    expect(MATTER_CLOCKS.hotline.handle.amount).toBe(5);
  });
});

describe('disclosure requests (政府信息公开条例 arts 30, 32, 33)', () => {
  const { correction, reply, thirdParty } = MATTER_CLOCKS.disclosure;

  it('correction notice within 7 working days of receipt', () => {
    // Received Thu 2026-09-24: 09-25..27 中秋节; 09-28, 29, 30 (3); 10-01..07 国庆节;
    // 10-08, 09 (5), Sat 10-10 make-up (6), Mon 10-12 (7).
    expect(due(correction, '2026-09-24')).toBe('2026-10-12');
    // Received Fri 2025-09-26: Sun 09-28 make-up (1), 09-29, 30 (3); 10-01..08 holiday;
    // 10-09, 10 (5), Sat 10-11 make-up (6), Mon 10-13 (7).
    expect(due(correction, '2025-09-26')).toBe('2025-10-13');
  });

  it('the reply clock restarts on the corrected request (a new start)', () => {
    // Counted from the first receipt (Thu 2026-09-24): 09-28..30 (3), 10-08..10 (6),
    // 10-12..16 (11), 10-19..23 (16), 10-26..29 (20).
    expect(due(reply, '2026-09-24')).toBe('2026-10-29');
    // The corrected request arrives Thu 2026-10-15: 10-16 (1), 10-19..23 (6), 10-26..30 (11),
    // 11-02..06 (16), 11-09..12 (20).
    expect(due(reply, '2026-10-15')).toBe('2026-11-12');
  });

  it('reply within 20 working days of receipt, across National Day and the Spring Festival', () => {
    // Received Wed 2026-09-30: 10-01..07 国庆节; 10-08, 09, Sat 10-10 (3), 10-12..16 (8),
    // 10-19..23 (13), 10-26..30 (18), 11-02 (19), 11-03 (20).
    expect(due(reply, '2026-09-30')).toBe('2026-11-03');
    // Received Fri 2025-01-24: Sun 01-26 make-up (1), 01-27 (2); 01-28..02-04 春节;
    // 02-05..07 (5), Sat 02-08 make-up (6), 02-10..14 (11), 02-17..21 (16), 02-24..27 (20).
    expect(due(reply, '2025-01-24')).toBe('2025-02-27');
  });

  it('an approved extension adds up to 20 more working days to the reply date', () => {
    // From 11-03 (Tue): 11-04..06 (3), 11-09..13 (8), 11-16..20 (13), 11-23..27 (18), 11-30 (19), 12-01 (20).
    expect(extendedDue(cal, reply, '2026-09-30', [MATTER_EXTENSIONS.disclosureReply])).toEqual({ due: '2026-12-01', provisional: false, original: '2026-11-03' });
  });

  it('the third party has 15 working days, and that time is not counted in the reply period', () => {
    // Consultation sent Fri 2026-10-09: Sat 10-10 make-up (1), 10-12..16 (6), 10-19..23 (11), 10-26..29 (15).
    expect(due(thirdParty, '2026-10-09')).toBe('2026-10-29');
    // The reply clock (received 2026-09-30) counted 10-08 and 10-09, then stood still from
    // 10-10 to 10-29 (15 working days): 10-30 (3), 11-02..06 (8), 11-09..13 (13), 11-16..20 (18), 11-23, 24 (20).
    const pauses = [{ from: '2026-10-09', to: '2026-10-29' }];
    expect(due(reply, '2026-09-30', [], pauses)).toBe('2026-11-24');
    expect(computeDue(cal, { start: '2026-09-30', amount: reply.amount, unit: reply.unit, pauses }).pausedDays).toBe(20);
    // Paused and extended: 20 working days after 11-24: 11-25..27 (3), 11-30..12-04 (8),
    // 12-07..11 (13), 12-14..18 (18), 12-21, 22 (20).
    expect(extendedDue(cal, reply, '2026-09-30', [MATTER_EXTENSIONS.disclosureReply], pauses)).toEqual({ due: '2026-12-22', provisional: false, original: '2026-11-24' });
  });
});

describe('petitions (信访工作条例 arts 23, 34–36): calendar days, a last day on a rest day moves to the next working day', () => {
  const { accept, conclude, reviewRequest, reviewAnswer } = MATTER_CLOCKS.petition;

  it('decide whether to accept within 15 days of receipt', () => {
    // Received 2026-02-01: 15 days end Mon 02-16, inside 春节 (02-15..23): Tue 02-24.
    expect(due(accept, '2026-02-01')).toBe('2026-02-24');
  });

  it('conclude within 60 days of acceptance, and within 30 more days when extended', () => {
    // Accepted 2025-08-02: 29 days to 08-31, 30 to 09-30, the 60th day is 10-01 (国庆节 until 10-08): Thu 10-09.
    expect(due(conclude, '2025-08-02')).toBe('2025-10-09');
    // 30 days counted from 10-09: 22 to 10-31, the 30th is Sat 11-08: Mon 11-10.
    expect(extendedDue(cal, conclude, '2025-08-02', [MATTER_EXTENSIONS.petitionConclude])).toEqual({ due: '2025-11-10', provisional: false, original: '2025-10-09' });
  });

  it('the petitioner may ask for a review within 30 days of the answer (a party period)', () => {
    // Answer received 2026-01-16: 15 days to 01-31, the 30th day is Sun 02-15 (春节): Tue 02-24.
    expect(due(reviewRequest, '2026-01-16')).toBe('2026-02-24');
    // Never red: once run out it shows as ended on its due date.
    expect(clockState(cal, reviewRequest, '2026-01-16', null, '2026-03-10', 2)).toMatchObject({ colour: 'stopped', stoppedOn: '2026-02-24', daysLeft: null });
  });

  it('the review is answered within 30 days of the request', () => {
    // Request received 2025-12-02: the 30th day is 2026-01-01 (元旦 01-01..03); Sun 01-04 is a make-up working day.
    expect(due(reviewAnswer, '2025-12-02')).toBe('2026-01-04');
  });
});

describe('reconsideration, the agency as respondent (行政复议法 arts 20, 48, 54, 62, 88)', () => {
  const { answer, answerSimplified, decision, decisionSimplified } = MATTER_CLOCKS.reconsideration;

  it('the application period is 60 days from knowing of the act', () => {
    // Knew on 2026-07-27: 4 days to 07-31, 35 to 08-31, the 60th day is Fri 09-25 (中秋节 09-25..27): Mon 09-28.
    const r = RULES.reconsiderationApplication;
    expect(computeDue(cal, { start: '2026-07-27', amount: r.value, unit: 'day' }).due).toBe('2026-09-28');
    expect(r.value).toBe(RULES.reconsiderationPeriod.value);
  });

  it('the written answer is due in 10 working days, 5 in the simplified procedure (art 88: 十日、五日 are working days)', () => {
    // Copy received Thu 2025-09-25: 09-26 (1), Sun 09-28 make-up (2), 09-29, 30 (4); 10-01..08 holiday;
    // 10-09 (5), 10-10 (6), Sat 10-11 make-up (7), 10-13..15 (10).
    expect(due(answer, '2025-09-25')).toBe('2025-10-15');
    expect(due(answerSimplified, '2025-09-25')).toBe('2025-10-09');
  });

  it('the decision within 60 days of acceptance, 30 more when extended', () => {
    // Accepted 2025-12-17: 14 days to 12-31, 45 to 01-31, the 60th day is Sun 02-15 (春节 until 02-23): Tue 02-24.
    expect(due(decision, '2025-12-17')).toBe('2026-02-24');
    // 30 days from 02-24: 4 to 02-28, the 30th is Thu 03-26.
    expect(due(decision, '2025-12-17', [MATTER_EXTENSIONS.reconsiderationDecision])).toBe('2026-03-26');
  });

  it('the decision within 30 days in the simplified procedure', () => {
    // Accepted 2026-04-02: 28 days to 04-30, the 30th day is Sat 05-02 (劳动节 05-01..05): Wed 05-06.
    expect(due(decisionSimplified, '2026-04-02')).toBe('2026-05-06');
  });
});

describe('litigation, the agency as defendant (行政诉讼法 arts 67, 85)', () => {
  const { answer, appealJudgment, appealRuling } = MATTER_CLOCKS.litigation;

  it('the answer and evidence within 15 days of receiving the complaint', () => {
    // Received 2026-04-20: the 15th day is 05-05 (劳动节 05-01..05): Wed 05-06.
    expect(due(answer, '2026-04-20')).toBe('2026-05-06');
    // Received 2025-01-13: the 15th day is 01-28 (春节 01-28..02-04): Wed 02-05.
    expect(due(answer, '2025-01-13')).toBe('2025-02-05');
  });

  it('an appeal within 15 days of a judgment and 10 days of a ruling (party periods)', () => {
    // Judgment served Thu 2026-06-04: the 15th day is Fri 06-19 (端午节 06-19..21): Mon 06-22.
    expect(due(appealJudgment, '2026-06-04')).toBe('2026-06-22');
    // Ruling served Wed 2025-05-21: the 10th day is Sat 05-31 (端午节 05-31..06-02): Tue 06-03.
    expect(due(appealRuling, '2025-05-21')).toBe('2025-06-03');
    expect(clockState(cal, appealJudgment, '2026-06-04', null, '2026-06-30', 2)).toMatchObject({ colour: 'stopped', stoppedOn: '2026-06-22' });
    // Still running the day before: an ordinary clock, amber within 2 days.
    expect(clockState(cal, appealRuling, '2025-05-21', null, '2025-06-02', 2)).toMatchObject({ colour: 'amber', daysLeft: 1 });
  });
});

describe('deputies’ suggestions and CPPCC proposals (代表法 art 51; local rules): months', () => {
  const { answer, answerComplex, coOpinion } = MATTER_CLOCKS.proposal;

  it('answer within 3 months of assignment', () => {
    // Assigned 2026-07-01: 3 months is 10-01 (国庆节 until 10-07): Thu 10-08.
    expect(due(answer, '2026-07-01')).toBe('2026-10-08');
    // Month-end: 2025-11-30 + 3 months has no 02-30, so 2026-02-28, a make-up working Saturday.
    expect(due(answer, '2025-11-30')).toBe('2026-02-28');
    // 2025-10-31 + 3 months: 2026-01-31, a Saturday: Mon 02-02.
    expect(due(answer, '2025-10-31')).toBe('2026-02-02');
    // Days left on a month clock are calendar days.
    expect(clockState(cal, answer, '2026-07-01', null, '2026-09-30', 2)).toMatchObject({ due: '2026-10-08', colour: 'green', daysLeft: 8 });
    expect(clockState(cal, answer, '2026-07-01', null, '2026-10-06', 2)).toMatchObject({ colour: 'amber', daysLeft: 2 });
  });

  it('answer within 6 months when wide-ranging or difficult', () => {
    // 2025-08-31 + 6 months: no 02-31, so 2026-02-28 (make-up working Saturday).
    expect(due(answerComplex, '2025-08-31')).toBe('2026-02-28');
    // 2026-04-01 + 6 months: 10-01, inside 国庆节: Thu 10-08.
    expect(due(answerComplex, '2026-04-01')).toBe('2026-10-08');
  });

  it('supporting units send their views within 1 month (local default, read per organisation)', () => {
    // 2026-01-15 + 1 month: Sun 02-15 (春节 until 02-23): Tue 02-24.
    expect(due(coOpinion, '2026-01-15')).toBe('2026-02-24');
    // 2026-01-31 + 1 month: 02-28, a make-up working Saturday.
    expect(due(coOpinion, '2026-01-31')).toBe('2026-02-28');
    // An organisation allowing 2 months: 03-15 is a Sunday: Mon 03-16.
    expect(due(withAmount(coOpinion, 2), '2026-01-15')).toBe('2026-03-16');
  });
});

describe('medical-dispute mediation (医疗纠纷预防和处理条例 arts 38, 40)', () => {
  const { acceptAdministrative, conclude } = MATTER_CLOCKS.mediation;

  it('administrative mediation: accept or refuse within 5 working days', () => {
    // Received Thu 2026-04-30: 05-01..05 劳动节; 05-06..08 (3), Sat 05-09 make-up (4), Mon 05-11 (5).
    expect(due(acceptAdministrative, '2026-04-30')).toBe('2026-05-11');
  });

  it('conclude within 30 working days of acceptance, expert appraisal time not counted', () => {
    // Accepted Mon 2026-05-11: 05-12..15 (4), 05-18..22 (9), 05-25..29 (14), 06-01..05 (19),
    // 06-08..12 (24), 06-15..18 (28); 06-19..21 端午节; 06-22, 23 (30).
    expect(due(conclude, '2026-05-11')).toBe('2026-06-23');
    // Appraisal from Fri 05-22 to Fri 06-12: 05-25..06-12 hold 15 working days, so 15 more
    // after 06-23: 06-24..26 (3), 06-29, 30 (5), 07-01..03 (8), 07-06..10 (13), 07-13, 14 (15).
    const appraisal = [{ from: '2026-05-22', to: '2026-06-12' }];
    expect(due(conclude, '2026-05-11', [], appraisal)).toBe('2026-07-14');
    // On 06-24 the unpaused clock is overdue (mediation failed); the paused one has 20 days left.
    expect(clockState(cal, conclude, '2026-05-11', null, '2026-06-24', 2).colour).toBe('red');
    expect(clockState(cal, conclude, '2026-05-11', null, '2026-06-24', 2, [], appraisal)).toMatchObject({ colour: 'green', daysLeft: 20, due: '2026-07-14' });
  });
});

describe('12320 hotline tickets (local defaults): working days', () => {
  const { forward, handle, callback } = MATTER_CLOCKS.hotline;

  it('forward within 1, handle within 5, call back within 1 working day, over a weekend', () => {
    // Call on Fri 2026-03-13: forwarded by Mon 03-16.
    expect(due(forward, '2026-03-13')).toBe('2026-03-16');
    // Received by the unit Mon 03-16: 03-17..20 (4), Mon 03-23 (5).
    expect(due(handle, '2026-03-16')).toBe('2026-03-23');
    // Answered Fri 03-20: call back by Mon 03-23.
    expect(due(callback, '2026-03-20')).toBe('2026-03-23');
  });

  it('around holidays and make-up days, and with an organisation’s own figure', () => {
    // Call on Fri 2026-02-13: the next working day is the make-up Saturday 02-14.
    expect(due(forward, '2026-02-13')).toBe('2026-02-14');
    // Call on Wed 2025-12-31: 元旦 01-01..03, the make-up Sunday 2026-01-04.
    expect(due(forward, '2025-12-31')).toBe('2026-01-04');
    // Received Tue 2025-09-30: 10-01..08 holiday; 10-09, 10 (2), Sat 10-11 make-up (3), 10-13, 14 (5).
    expect(due(handle, '2025-09-30')).toBe('2025-10-14');
    // An organisation allowing 3 working days: 03-17, 18, 19.
    expect(due(withAmount(handle, 3), '2026-03-16')).toBe('2026-03-19');
  });
});

describe('clock colours with a pause', () => {
  // The disclosure reply received Wed 2026-09-30 is due 11-03; a third-party consultation
  // from 10-09 to 10-29 moves it to 11-24 (see above). Amber 2 days before the due date.
  const reply = MATTER_CLOCKS.disclosure.reply;
  const pauses = [{ from: '2026-10-09', to: '2026-10-29' }];
  const at = (today: string, stopped: string | null = null, p: Pause[] = pauses, extensions: number[] = []) =>
    clockState(cal, reply, '2026-09-30', stopped, today, 2, extensions, p);

  it('the pause keeps a clock green that would otherwise be amber or red', () => {
    expect(at('2026-11-02', null, [])).toMatchObject({ due: '2026-11-03', colour: 'amber', daysLeft: 1 });
    expect(at('2026-11-02')).toMatchObject({ due: '2026-11-24', colour: 'green', daysLeft: 22 });
    expect(at('2026-11-04', null, []).colour).toBe('red');
    expect(at('2026-11-04').colour).toBe('green');
  });

  it('turns amber two days before the paused due date and red after it', () => {
    expect(at('2026-11-21')).toMatchObject({ colour: 'green', daysLeft: 3 });
    expect(at('2026-11-22')).toMatchObject({ colour: 'amber', daysLeft: 2 });
    expect(at('2026-11-24')).toMatchObject({ colour: 'amber', daysLeft: 0 });
    expect(at('2026-11-25')).toMatchObject({ colour: 'red', daysLeft: -1 });
  });

  it('a reply after the unpaused date but within the paused one is met; after it, late', () => {
    expect(at('2026-12-01', '2026-11-20')).toMatchObject({ colour: 'stopped', daysLeft: null });
    expect(at('2026-12-01', '2026-11-25').colour).toBe('red');
  });

  it('an extension on top of the pause, shown with the date it extends', () => {
    expect(at('2026-12-20', null, pauses, [20])).toMatchObject({ due: '2026-12-22', extendedFrom: '2026-11-24', colour: 'amber', daysLeft: 2 });
  });
});

describe('computeDue in months', () => {
  it('ends on the same day of the month, or the month’s last day', () => {
    // 2026-01-31 + 1 month: 02-28, a make-up working Saturday.
    expect(computeDue(cal, { start: '2026-01-31', amount: 1, unit: 'month' })).toEqual({ due: '2026-02-28', provisional: false, pausedDays: 0 });
    // 2026-03-10 + 2 months: Sun 05-10: Mon 05-11.
    expect(computeDue(cal, { start: '2026-03-10', amount: 2, unit: 'month' }).due).toBe('2026-05-11');
    // 2024-02-29 + 12 months: 2025-02-28 (a Friday).
    expect(computeDue(cal, { start: '2024-02-29', amount: 12, unit: 'month' }).due).toBe('2025-02-28');
  });

  it('2026-11-30 + 3 months is 2027-02-28, a Sunday in a year not loaded: Monday 03-01, provisional', () => {
    expect(computeDue(cal, { start: '2026-11-30', amount: 3, unit: 'month' })).toEqual({ due: '2027-03-01', provisional: true, pausedDays: 0 });
  });

  it('a last day on a holiday moves to the next working day', () => {
    // 2025-09-01 + 1 month: 10-01 (国庆节、中秋节 until 10-08): Thu 10-09.
    expect(computeDue(cal, { start: '2025-09-01', amount: 1, unit: 'month' }).due).toBe('2025-10-09');
  });

  it('is moved later by the paused days', () => {
    // 2026-03-10 + 1 month is 04-10 (31 days); 9 days paused (03-13..21) make it Sun 04-19: Mon 04-20.
    expect(computeDue(cal, { start: '2026-03-10', amount: 1, unit: 'month', pauses: [{ from: '2026-03-12', to: '2026-03-21' }] }))
      .toEqual({ due: '2026-04-20', provisional: false, pausedDays: 9 });
  });

  it('zero months ends on the start; bad amounts are refused', () => {
    expect(computeDue(cal, { start: '2026-10-03', amount: 0, unit: 'month' }).due).toBe('2026-10-03');
    expect(() => computeDue(cal, { start: '2026-01-05', amount: -1, unit: 'month' })).toThrow(RangeError);
    expect(() => computeDue(cal, { start: '2026-01-05', amount: 1.5, unit: 'month' })).toThrow(RangeError);
  });

  it('remaining() counts calendar days for a month period', () => {
    expect(remaining(cal, '2026-09-30', '2026-10-08', 'month')).toBe(8);
    expect(remaining(cal, '2026-09-30', '2026-10-08', 'workday')).toBe(1);
    expect(remaining(cal, '2026-10-10', '2026-10-08', 'month')).toBe(-2);
  });
});
