// The matters metrics against a small known set of matters and suggestions written with
// SQL into the test's own database, in organisations of the test's own under the demo
// commission JX-WJW (a district T-SJ with its institute T-SJ-JDS, a second district T-QP
// beside it, T-EMPTY with nothing) and in JX-WJW itself, so whatever else the demo data
// holds cannot change a figure; at JX-WJW the figures grow by exactly these records. The
// period is the first quarter of 2025 (P) unless said otherwise; every expected figure is
// worked out by hand from the tables below (dates 2025 unless a year is given).
//
// hotline   H1 consultation 01-05 T-SJ · H2 consultation 02-10 T-SJ-JDS · H3 complaint_report 03-31 · H4 suggestion 01-01
//           H5 appointment 02-02 · H6 no type 03-01 (→ other) · H7 praise 2024-12-31 · H8 consultation 04-01 · H9 consultation 02-01 T-QP
//           C1 praise 02-14 JX-WJW
// petition  no  org       received    accepted    concluded   due         satisfaction
//           P1  T-SJ      01-03       01-10       02-20       03-11       satisfied            on time
//           P2  T-SJ      01-15       01-20       03-31       03-21       basically_satisfied  late
//           P3  T-SJ-JDS  02-01       02-05       03-01       04-06       unsatisfied          on time
//           P4  T-SJ      2024-11-20  2024-11-25  01-20       01-24       —                    on time (received in 2024)
//           P5  T-SJ      03-20       03-25       —           05-24       —                    pending
//           P6  T-SJ      03-05       03-06       04-10       05-05       satisfied            concluded after P
//           P8  T-SJ      01-08       —           01-20       —           —                    not accepted
//           P9  T-SJ      02-03       02-05       03-15       —           —                    no deadline recorded: not on time
//           P7  T-QP      02-01       02-03       02-20       04-03       satisfied            on time
// mediation M1 T-SJ reported 01-05, closed 01-10 withdrawn_after_explanation · M2 T-SJ 01-06, accepted 01-08, concluded 02-15 agreement
//           M3 T-SJ-JDS 01-20, 01-25, 03-10 terminated · M4 T-SJ 02-10, 02-12, 04-15 agreement (concluded after P)
//           M5 T-SJ 2024-12-20, 01-03, 03-31 agreement · M6 T-SJ 2024-12-28, closed 01-02 withdrawn_after_explanation
//           M7 T-SJ 03-15, closed 03-20 referred · M8 T-SJ 03-25 pending · M9 T-QP 02-01, 02-02, 02-20 agreement
// reconsid. R1 T-SJ received 01-10 decided 02-20 upheld · R2 T-SJ 01-15, 03-10 revoked · R3 T-SJ-JDS 02-01, 03-31 withdrawn
//           R4 T-SJ 02-15, 04-20 altered (pending at the end of P) · R5 T-SJ 03-01 pending · R6 T-SJ 2024-12-01, 01-20 confirmed_illegal
//           R7 T-SJ 2024-11-01, 02-10 dismissed · R8 T-QP 02-01, 03-01 ordered_to_act · C2 JX-WJW 03-03, 03-30 altered
// litigation L1 T-SJ filed 01-05 heard 02-20 (head) judged 03-15 won · L2 T-SJ 01-20, 03-10 (no head), 03-30 lost
//           L3 T-SJ-JDS 02-01, no hearing, 02-25 withdrawn · L4 T-SJ 03-01, heard 04-10 (head), pending
//           L5 T-SJ 2024-10-01, heard 01-15 (head), judged 04-20 lost · L6 T-SJ 2024-09-01, heard 2024-11-01 (no head), judged 01-10 won
//           L7 T-QP 02-01, 02-15 (no head), 03-01 lost
// suggestion O1 T-SJ procuratorial 01-10 · O2 T-SJ-JDS judicial 03-31 · O3 T-SJ procuratorial 2024-12-31 · O4 T-QP judicial 02-01
// proposal  Q1 T-SJ npc lead assigned 01-10 answered 03-20 due 04-10 A · Q2 T-SJ npc co 01-10, 02-05, due 02-10
//           Q3 T-SJ cppcc lead 02-01, 05-10, due 05-01 A · Q4 T-SJ-JDS cppcc lead 02-15, 03-10, due 05-15 B · Q5 T-SJ cppcc co 03-01 open
//           Q6 T-SJ npc lead 2024-12-20, 03-25, due 03-20 (late) A · Q8 T-SJ npc co 01-15, 03-31, due 04-15 A (co: no lead grade)
//           Q7 T-QP npc lead 02-01, 03-01, due 05-01 A
// disclosure D1 T-SJ received 01-02 answered 01-20 due 02-06 · D2 T-SJ 01-10, 03-05, due 03-10 (extended)
//           D3 T-SJ-JDS 02-20, 03-25, due 03-20 (late) · D4 T-SJ 03-10, open, due 04-08 · D5 T-SJ 2024-12-20, 01-22, due 01-22
//           D6 T-SJ 2024-12-25, open, due 01-24 (overdue) · D7 T-SJ 02-25, deemed abandoned 03-01 (state withdrawn), due 03-25
//           D8 T-SJ 03-01, answered 04-03, due 03-28 (late, after P) · D9 T-QP 02-01, 02-20, due 03-01
//
// The seeds' figures are rebuilt in organisations of their own: Gansu 2021 (mediation;
// for its hotline figures see the note there), Hubin 2023 (petitions), Jiangmen 2020
// (proposals, disclosure requests) and Songjiang 2022 (reconsideration, litigation,
// suggestions, in T-SJ).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { rebuildOrgPaths } from '../orgs/service';
import { matterMetrics } from './metrics';

let env: TestEnv;
let office: Client;
const org: Record<string, number> = {};

const IDS = matterMetrics.map((m) => m.id);

type Metric = { id: string; name: string; unit: string; value: number | null; numerator?: number | null; denominator?: number | null; breakdown?: Record<string, number> };
type Expected = { value: number | null; numerator?: number; denominator?: number; breakdown?: Record<string, number> };

async function metrics(c: Client, orgCode: string, from: string, to: string): Promise<Record<string, Metric>> {
  const res = await c.get(`/api/metrics?from=${from}&to=${to}&org=${orgCode}&ids=${IDS.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
}

interface Matter {
  kind: string; no: string; org: string; state?: string; received: string; accepted?: string; concluded?: string; due?: string;
  outcome?: string; subtype?: string; role?: string; satisfaction?: string; hearing?: string; head?: boolean; grade?: string; extended?: boolean;
}

/** 'MM-DD' is a day of 2025; a full date stands as it is. */
const day = (d?: string) => (d === undefined ? null : d.length === 5 ? `2025-${d}` : d);

async function insertMatter(m: Matter): Promise<void> {
  await env.db.query(
    `INSERT INTO matters (kind, matter_no, org_id, state, subtype, role, received_on, accepted_on, due_on, concluded_on, outcome, satisfaction,
       hearing_on, head_appeared, grade, extended)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [m.kind, m.no, org[m.org], m.state ?? (m.concluded ? 'closed' : 'received'), m.subtype ?? null, m.role ?? null, day(m.received), day(m.accepted),
      day(m.due), day(m.concluded), m.outcome ?? null, m.satisfaction ?? null, day(m.hearing), m.head ?? null, m.grade ?? null, m.extended ?? false]);
}

/**
 * n matters of one kind in one organisation, numbered prefix-1 … prefix-n, each column an
 * SQL expression that may use g (1 … n).
 */
async function insertMany(kind: string, prefix: string, orgCode: string, n: number, columns: Record<string, string>): Promise<void> {
  const names = Object.keys(columns);
  await env.db.query(
    `INSERT INTO matters (kind, matter_no, org_id, state, ${names.join(', ')})
     SELECT $1, $2 || '-' || g, $3, 'closed', ${names.map((c) => columns[c]).join(', ')} FROM generate_series(1, $4::int) g`,
    [kind, prefix, org[orgCode], n]);
}

const H = (no: string, org: string, received: string, subtype?: string): Matter => ({ kind: 'hotline', no, org, received, subtype });

const MATTERS: Matter[] = [
  H('H1', 'T-SJ', '01-05', 'consultation'), H('H2', 'T-SJ-JDS', '02-10', 'consultation'), H('H3', 'T-SJ', '03-31', 'complaint_report'),
  H('H4', 'T-SJ', '01-01', 'suggestion'), H('H5', 'T-SJ', '02-02', 'appointment'), H('H6', 'T-SJ', '03-01'), H('H7', 'T-SJ', '2024-12-31', 'praise'),
  H('H8', 'T-SJ', '04-01', 'consultation'), H('H9', 'T-QP', '02-01', 'consultation'), H('C1', 'JX-WJW', '02-14', 'praise'),

  { kind: 'petition', no: 'P1', org: 'T-SJ', received: '01-03', accepted: '01-10', concluded: '02-20', due: '03-11', satisfaction: 'satisfied' },
  { kind: 'petition', no: 'P2', org: 'T-SJ', received: '01-15', accepted: '01-20', concluded: '03-31', due: '03-21', satisfaction: 'basically_satisfied' },
  { kind: 'petition', no: 'P3', org: 'T-SJ-JDS', received: '02-01', accepted: '02-05', concluded: '03-01', due: '04-06', satisfaction: 'unsatisfied' },
  { kind: 'petition', no: 'P4', org: 'T-SJ', received: '2024-11-20', accepted: '2024-11-25', concluded: '01-20', due: '01-24' },
  { kind: 'petition', no: 'P5', org: 'T-SJ', state: 'accepted', received: '03-20', accepted: '03-25', due: '05-24' },
  { kind: 'petition', no: 'P6', org: 'T-SJ', received: '03-05', accepted: '03-06', concluded: '04-10', due: '05-05', satisfaction: 'satisfied' },
  { kind: 'petition', no: 'P8', org: 'T-SJ', state: 'not_accepted', received: '01-08', concluded: '01-20' },
  { kind: 'petition', no: 'P9', org: 'T-SJ', received: '02-03', accepted: '02-05', concluded: '03-15' },
  { kind: 'petition', no: 'P7', org: 'T-QP', received: '02-01', accepted: '02-03', concluded: '02-20', due: '04-03', satisfaction: 'satisfied' },

  { kind: 'mediation', no: 'M1', org: 'T-SJ', received: '01-05', concluded: '01-10', outcome: 'withdrawn_after_explanation' },
  { kind: 'mediation', no: 'M2', org: 'T-SJ', received: '01-06', accepted: '01-08', concluded: '02-15', outcome: 'agreement' },
  { kind: 'mediation', no: 'M3', org: 'T-SJ-JDS', received: '01-20', accepted: '01-25', concluded: '03-10', outcome: 'terminated' },
  { kind: 'mediation', no: 'M4', org: 'T-SJ', received: '02-10', accepted: '02-12', concluded: '04-15', outcome: 'agreement' },
  { kind: 'mediation', no: 'M5', org: 'T-SJ', received: '2024-12-20', accepted: '01-03', concluded: '03-31', outcome: 'agreement' },
  { kind: 'mediation', no: 'M6', org: 'T-SJ', received: '2024-12-28', concluded: '01-02', outcome: 'withdrawn_after_explanation' },
  { kind: 'mediation', no: 'M7', org: 'T-SJ', received: '03-15', concluded: '03-20', outcome: 'referred' },
  { kind: 'mediation', no: 'M8', org: 'T-SJ', received: '03-25' },
  { kind: 'mediation', no: 'M9', org: 'T-QP', received: '02-01', accepted: '02-02', concluded: '02-20', outcome: 'agreement' },

  { kind: 'reconsideration', no: 'R1', org: 'T-SJ', received: '01-10', concluded: '02-20', outcome: 'upheld' },
  { kind: 'reconsideration', no: 'R2', org: 'T-SJ', received: '01-15', concluded: '03-10', outcome: 'revoked' },
  { kind: 'reconsideration', no: 'R3', org: 'T-SJ-JDS', received: '02-01', concluded: '03-31', outcome: 'withdrawn' },
  { kind: 'reconsideration', no: 'R4', org: 'T-SJ', received: '02-15', concluded: '04-20', outcome: 'altered' },
  { kind: 'reconsideration', no: 'R5', org: 'T-SJ', received: '03-01' },
  { kind: 'reconsideration', no: 'R6', org: 'T-SJ', received: '2024-12-01', concluded: '01-20', outcome: 'confirmed_illegal' },
  { kind: 'reconsideration', no: 'R7', org: 'T-SJ', received: '2024-11-01', concluded: '02-10', outcome: 'dismissed' },
  { kind: 'reconsideration', no: 'R8', org: 'T-QP', received: '02-01', concluded: '03-01', outcome: 'ordered_to_act' },
  { kind: 'reconsideration', no: 'C2', org: 'JX-WJW', received: '03-03', concluded: '03-30', outcome: 'altered' },

  { kind: 'litigation', no: 'L1', org: 'T-SJ', received: '01-05', hearing: '02-20', head: true, concluded: '03-15', outcome: 'won' },
  { kind: 'litigation', no: 'L2', org: 'T-SJ', received: '01-20', hearing: '03-10', head: false, concluded: '03-30', outcome: 'lost' },
  { kind: 'litigation', no: 'L3', org: 'T-SJ-JDS', received: '02-01', concluded: '02-25', outcome: 'withdrawn' },
  { kind: 'litigation', no: 'L4', org: 'T-SJ', received: '03-01', hearing: '04-10', head: true },
  { kind: 'litigation', no: 'L5', org: 'T-SJ', received: '2024-10-01', hearing: '01-15', head: true, concluded: '04-20', outcome: 'lost' },
  { kind: 'litigation', no: 'L6', org: 'T-SJ', received: '2024-09-01', hearing: '2024-11-01', head: false, concluded: '01-10', outcome: 'won' },
  { kind: 'litigation', no: 'L7', org: 'T-QP', received: '02-01', hearing: '02-15', head: false, concluded: '03-01', outcome: 'lost' },

  { kind: 'proposal', no: 'Q1', org: 'T-SJ', subtype: 'npc', role: 'lead', received: '01-10', concluded: '03-20', due: '04-10', grade: 'A' },
  { kind: 'proposal', no: 'Q2', org: 'T-SJ', subtype: 'npc', role: 'co', received: '01-10', concluded: '02-05', due: '02-10' },
  { kind: 'proposal', no: 'Q3', org: 'T-SJ', subtype: 'cppcc', role: 'lead', received: '02-01', concluded: '05-10', due: '05-01', grade: 'A' },
  { kind: 'proposal', no: 'Q4', org: 'T-SJ-JDS', subtype: 'cppcc', role: 'lead', received: '02-15', concluded: '03-10', due: '05-15', grade: 'B' },
  { kind: 'proposal', no: 'Q5', org: 'T-SJ', subtype: 'cppcc', role: 'co', received: '03-01', due: '06-01' },
  { kind: 'proposal', no: 'Q6', org: 'T-SJ', subtype: 'npc', role: 'lead', received: '2024-12-20', concluded: '03-25', due: '03-20', grade: 'A' },
  { kind: 'proposal', no: 'Q8', org: 'T-SJ', subtype: 'npc', role: 'co', received: '01-15', concluded: '03-31', due: '04-15', grade: 'A' },
  { kind: 'proposal', no: 'Q7', org: 'T-QP', subtype: 'npc', role: 'lead', received: '02-01', concluded: '03-01', due: '05-01', grade: 'A' },

  { kind: 'disclosure', no: 'D1', org: 'T-SJ', state: 'answered', received: '01-02', concluded: '01-20', due: '02-06', outcome: 'disclosed' },
  { kind: 'disclosure', no: 'D2', org: 'T-SJ', state: 'answered', received: '01-10', concluded: '03-05', due: '03-10', outcome: 'partly_disclosed', extended: true },
  { kind: 'disclosure', no: 'D3', org: 'T-SJ-JDS', state: 'answered', received: '02-20', concluded: '03-25', due: '03-20', outcome: 'not_held' },
  { kind: 'disclosure', no: 'D4', org: 'T-SJ', received: '03-10', due: '04-08' },
  { kind: 'disclosure', no: 'D5', org: 'T-SJ', state: 'answered', received: '2024-12-20', concluded: '01-22', due: '01-22', outcome: 'not_this_body' },
  { kind: 'disclosure', no: 'D6', org: 'T-SJ', received: '2024-12-25', due: '01-24' },
  { kind: 'disclosure', no: 'D7', org: 'T-SJ', state: 'withdrawn', received: '02-25', concluded: '03-01', due: '03-25', outcome: 'other' },
  { kind: 'disclosure', no: 'D8', org: 'T-SJ', state: 'answered', received: '03-01', concluded: '04-03', due: '03-28', outcome: 'disclosed' },
  { kind: 'disclosure', no: 'D9', org: 'T-QP', state: 'answered', received: '02-01', concluded: '02-20', due: '03-01', outcome: 'disclosed' },

  // Songjiang 2022: four reconsiderations (the fourth decided only in 2023), one suit.
  { kind: 'reconsideration', no: 'S1', org: 'T-SJ', received: '2022-03-01', concluded: '2022-04-20', outcome: 'upheld' },
  { kind: 'reconsideration', no: 'S2', org: 'T-SJ', received: '2022-05-10', concluded: '2022-06-01', outcome: 'withdrawn' },
  { kind: 'reconsideration', no: 'S3', org: 'T-SJ', received: '2022-07-01', concluded: '2022-07-15', outcome: 'withdrawn' },
  { kind: 'reconsideration', no: 'S4', org: 'T-SJ', received: '2022-11-20', concluded: '2023-01-30', outcome: 'upheld' },
  { kind: 'litigation', no: 'S5', org: 'T-SJ', received: '2022-08-01', hearing: '2022-10-10', head: true, concluded: '2022-12-01', outcome: 'won' },
];

const SUGGESTIONS: [string, string, string][] = [
  ['T-SJ', 'procuratorial', '2025-01-10'], ['T-SJ-JDS', 'judicial', '2025-03-31'], ['T-SJ', 'procuratorial', '2024-12-31'], ['T-QP', 'judicial', '2025-02-01'],
  ['T-SJ', 'procuratorial', '2022-09-01'],
];

const count = (value: number, breakdown?: Record<string, number>): Expected => ({ value, ...(breakdown ? { breakdown } : {}) });
const ratio = (numerator: number, denominator: number): Expected => ({ value: denominator === 0 ? null : numerator / denominator, numerator, denominator });

const HOTLINE_ZERO = { consultation: 0, complaint_report: 0, suggestion: 0, praise: 0, appointment: 0, other: 0 };
const OUTCOME_ZERO = { upheld: 0, withdrawn: 0, revoked: 0, altered: 0, confirmed_illegal: 0, ordered_to_act: 0, dismissed: 0, pending: 0 };
const PROPOSAL_ZERO = { npc_lead: 0, npc_co: 0, cppcc_lead: 0, cppcc_co: 0 };

/** Every figure of T-SJ (with its institute) in P. */
const SJ: Record<string, Expected> = {
  // H1 H2 H3 H4 H5 H6 (H7 in 2024, H8 in April, H9 in T-QP).
  'hotline.calls.total': count(6, { ...HOTLINE_ZERO, consultation: 2, complaint_report: 1, suggestion: 1, appointment: 1, other: 1 }),
  'petitions.total': count(7), // P1 P2 P3 P5 P6 P8 P9
  'petitions.on_time_rate': ratio(3, 5), // P1 P3 P4 of P1 P2 P3 P4 P9 (P8 not accepted, P6 in April)
  'petitions.satisfaction_rate': ratio(2, 3), // P1 P2 (基本满意) of P1 P2 P3
  'mediation.reported': count(6), // M1 M2 M3 M4 M7 M8
  'mediation.withdrawn_after_explanation': count(2), // M1 M6
  'mediation.accepted': count(4), // M2 M3 M4 M5
  'mediation.concluded': count(3), // M2 M3 M5 (M7 referred, M4 in April)
  'mediation.success_rate': ratio(2, 3), // M2 M5
  // R1 R2 R3 R4 R5: R4 was decided only in April, so it stood pending at the end of March.
  'reconsideration.total': count(5, { ...OUTCOME_ZERO, upheld: 1, revoked: 1, withdrawn: 1, pending: 2 }),
  'reconsideration.correction_rate': ratio(2, 5), // R2 R6 of R1 R2 R3 R6 R7
  'litigation.total': count(4), // L1–L4
  'litigation.loss_rate': ratio(1, 4), // L2 of L1 L2 L3 (withdrawn) L6
  'litigation.head_appearance_rate': ratio(2, 3), // L1 L5 of L1 L2 L5
  'oversight.procuratorial_suggestions': count(2),
  'proposals.total': count(6, { npc_lead: 1, npc_co: 2, cppcc_lead: 2, cppcc_co: 1 }), // Q1 Q2 Q8 | Q3 Q4 Q5
  'proposals.lead_grade_a': count(2), // Q1 Q3 (Q4 is B, Q8 co-handled, Q6 assigned in 2024)
  'proposals.on_time_rate': ratio(4, 5), // Q1 Q2 Q4 Q8 of those and Q6
  'disclosure.requests.total': count(6), // D1 D2 D3 D4 D7 D8
  'disclosure.requests.answer_rate': ratio(4, 6), // D1 D2 D3 D5 of D1 D2 D3 D5 D6 D8 (D7 abandoned, D4 due in April)
  'disclosure.requests.on_time_rate': ratio(3, 4), // D1 D2 D5 of D1 D2 D3 D5
};

/** T-SJ-JDS alone in P. */
const JDS: Record<string, Expected> = {
  'hotline.calls.total': count(1, { ...HOTLINE_ZERO, consultation: 1 }),
  'petitions.total': count(1), 'petitions.on_time_rate': ratio(1, 1), 'petitions.satisfaction_rate': ratio(0, 1),
  'mediation.reported': count(1), 'mediation.withdrawn_after_explanation': count(0), 'mediation.accepted': count(1), 'mediation.concluded': count(1),
  'mediation.success_rate': ratio(0, 1),
  'reconsideration.total': count(1, { ...OUTCOME_ZERO, withdrawn: 1 }), 'reconsideration.correction_rate': ratio(0, 1),
  'litigation.total': count(1), 'litigation.loss_rate': ratio(0, 1), 'litigation.head_appearance_rate': ratio(0, 0),
  'oversight.procuratorial_suggestions': count(1),
  'proposals.total': count(1, { ...PROPOSAL_ZERO, cppcc_lead: 1 }), 'proposals.lead_grade_a': count(0), 'proposals.on_time_rate': ratio(1, 1),
  'disclosure.requests.total': count(1), 'disclosure.requests.answer_rate': ratio(1, 1), 'disclosure.requests.on_time_rate': ratio(0, 1),
};

/** T-QP in P: one of each. */
const QP: Record<string, Expected> = {
  'hotline.calls.total': count(1, { ...HOTLINE_ZERO, consultation: 1 }),
  'petitions.total': count(1), 'petitions.on_time_rate': ratio(1, 1), 'petitions.satisfaction_rate': ratio(1, 1),
  'mediation.reported': count(1), 'mediation.withdrawn_after_explanation': count(0), 'mediation.accepted': count(1), 'mediation.concluded': count(1),
  'mediation.success_rate': ratio(1, 1),
  'reconsideration.total': count(1, { ...OUTCOME_ZERO, ordered_to_act: 1 }), 'reconsideration.correction_rate': ratio(1, 1),
  'litigation.total': count(1), 'litigation.loss_rate': ratio(1, 1), 'litigation.head_appearance_rate': ratio(0, 1),
  'oversight.procuratorial_suggestions': count(1),
  'proposals.total': count(1, { ...PROPOSAL_ZERO, npc_lead: 1 }), 'proposals.lead_grade_a': count(1), 'proposals.on_time_rate': ratio(1, 1),
  'disclosure.requests.total': count(1), 'disclosure.requests.answer_rate': ratio(1, 1), 'disclosure.requests.on_time_rate': ratio(1, 1),
};

/** JX-WJW's own records in P: C1 and C2. */
const OWN: Record<string, Expected> = {
  'hotline.calls.total': count(1, { ...HOTLINE_ZERO, praise: 1 }),
  'reconsideration.total': count(1, { ...OUTCOME_ZERO, altered: 1 }), 'reconsideration.correction_rate': ratio(1, 1),
};

/** Every figure of a period with nothing in it: counts 0 (breakdowns all 0), ratios null. */
function empty(id: string): Expected {
  const def = matterMetrics.find((m) => m.id === id)!;
  if (def.unit === 'ratio') return ratio(0, 0);
  return count(0, def.breakdownKeys ? Object.fromEntries(def.breakdownKeys.map((k) => [k, 0])) : undefined);
}

/** Sums figures the way a parent organisation's figure sums its children's. */
function sum(...parts: Record<string, Expected>[]): Record<string, Expected> {
  return Object.fromEntries(IDS.map((id) => {
    const items = parts.map((p) => p[id] ?? empty(id));
    if (items[0].numerator !== undefined) return [id, ratio(items.reduce((s, e) => s + e.numerator!, 0), items.reduce((s, e) => s + e.denominator!, 0))];
    const breakdown = items[0].breakdown
      ? Object.fromEntries(Object.keys(items[0].breakdown).map((k) => [k, items.reduce((s, e) => s + e.breakdown![k], 0)]))
      : undefined;
    return [id, count(items.reduce((s, e) => s + e.value!, 0), breakdown)];
  }));
}

function expectAll(got: Record<string, Metric>, expected: Record<string, Expected>): void {
  expect(Object.keys(got).sort()).toEqual([...IDS].sort());
  for (const id of IDS) expect(got[id], id).toEqual({ id, name: got[id].name, unit: got[id].unit, ...(expected[id] ?? empty(id)) });
}

/** The figures of JX-WJW in P before this file's records: the city's own grow by exactly them. */
let cityBefore: Record<string, Metric>;

beforeAll(async () => {
  env = await setupTestEnv();
  for (const [code, parent, kind] of [
    ['T-SJ', 'JX-WJW', 'commission'], ['T-SJ-JDS', 'T-SJ', 'institute'], ['T-QP', 'JX-WJW', 'commission'], ['T-EMPTY', 'JX-WJW', 'other'],
    ['T-GS', 'JX-WJW', 'commission'], ['T-HB', 'JX-WJW', 'commission'], ['T-JM', 'JX-WJW', 'commission'],
  ]) {
    await env.db.query(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind) VALUES ($1, $2, (SELECT id FROM organizations WHERE code = $3), '', '330400', $4)`,
      [code, `测试机构${code}`, parent, kind]);
  }
  await rebuildOrgPaths(env.db);
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  expect(org['JX-WJW']).toBe((await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id);
  office = await env.as('office');
  cityBefore = await metrics(office, 'JX-WJW', '2025-01-01', '2025-03-31');

  for (const m of MATTERS) await insertMatter(m);
  for (const [o, kind, received] of SUGGESTIONS) {
    await env.db.query(
      `INSERT INTO oversight_suggestions (org_id, kind, issuer, received_on, summary) VALUES ($1, $2, '测试区人民检察院', $3, '测试建议')`,
      [org[o], kind, received]);
  }
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('matters metrics', () => {
  it('count a district with its institute in the first quarter of 2025 as defined, with the breakdowns', async () => {
    expectAll(await metrics(office, 'T-SJ', '2025-01-01', '2025-03-31'), SJ);
    expectAll(await metrics(office, 'T-SJ-JDS', '2025-01-01', '2025-03-31'), JDS);
  });

  it('cover the organisation and everything under it: the city grows by both districts and its own records, a district sees only its own', async () => {
    expectAll(await metrics(office, 'T-QP', '2025-01-01', '2025-03-31'), QP);
    const city = await metrics(office, 'JX-WJW', '2025-01-01', '2025-03-31');
    const grown = Object.fromEntries(IDS.map((id) => {
      const [now, before] = [city[id], cityBefore[id]];
      if (now.unit === 'ratio') {
        const n = now.numerator! - before.numerator!;
        const d = now.denominator! - before.denominator!;
        return [id, ratio(n, d)];
      }
      const breakdown = now.breakdown && Object.fromEntries(Object.keys(now.breakdown).map((k) => [k, now.breakdown![k] - before.breakdown![k]]));
      return [id, count(now.value! - before.value!, breakdown)];
    }));
    expect(grown).toEqual(sum(SJ, QP, OWN));
  });

  it('state what stood at the end of the period: a later period sees the decisions and answers made since', async () => {
    const h1 = await metrics(office, 'T-SJ', '2025-01-01', '2025-06-30');
    // R4 was decided (altered) in April: no longer pending, and a correction.
    expect(h1['reconsideration.total']).toMatchObject(count(5, { ...OUTCOME_ZERO, upheld: 1, revoked: 1, withdrawn: 1, altered: 1, pending: 1 }));
    expect(h1['reconsideration.correction_rate']).toMatchObject(ratio(3, 6)); // R2 R4 R6 of R1 R2 R3 R4 R6 R7
    // Due in the half year: D1 D2 D3 D4 D5 D6 D8 (D7 abandoned); answered by its end: D1 D2 D3 D5 D8.
    expect(h1['disclosure.requests.answer_rate']).toMatchObject(ratio(5, 7));
    expect(h1['disclosure.requests.on_time_rate']).toMatchObject(ratio(3, 5)); // D8 answered late
    expect(h1['litigation.loss_rate']).toMatchObject(ratio(2, 5)); // L2 L5 of L1 L2 L3 L5 L6
    expect(h1['litigation.head_appearance_rate']).toMatchObject(ratio(3, 4)); // L1 L4 L5 of L1 L2 L4 L5
    expect(h1['proposals.on_time_rate']).toMatchObject(ratio(4, 6)); // Q3 answered late in May
    expect(h1['mediation.concluded']).toMatchObject(count(4)); // M4 in April
    expect(h1['petitions.on_time_rate']).toMatchObject(ratio(4, 6)); // P6 in April, on time
  });

  it('give null ratios, never 0 or 100%, and zero counts and breakdowns for a period or an organisation without records', async () => {
    expectAll(await metrics(office, 'T-SJ', '2024-01-01', '2024-06-30'), {});
    expectAll(await metrics(office, 'T-EMPTY', '2022-01-01', '2025-12-31'), {});
  });

  it('reproduce Songjiang 2022: 4 reconsiderations = 1 upheld + 2 withdrawn + 1 pending, 1 suit, 1 procuratorial suggestion', async () => {
    const m = await metrics(office, 'T-SJ', '2022-01-01', '2022-12-31');
    expect(m['reconsideration.total']).toMatchObject(count(4, { ...OUTCOME_ZERO, upheld: 1, withdrawn: 2, pending: 1 }));
    expect(m['reconsideration.correction_rate']).toMatchObject(ratio(0, 3));
    expect(m['litigation.total'].value).toBe(1);
    expect(m['litigation.loss_rate']).toMatchObject(ratio(0, 1));
    expect(m['litigation.head_appearance_rate']).toMatchObject(ratio(1, 1));
    expect(m['oversight.procuratorial_suggestions'].value).toBe(1);
    // The fourth was upheld in January 2023: a 2023 report counts it among the concluded.
    expect((await metrics(office, 'T-SJ', '2023-01-01', '2023-12-31'))['reconsideration.correction_rate']).toMatchObject(ratio(0, 1));
  });

  it('reproduce Jiangmen 2020: 60 suggestions and proposals = 7 + 13 + 18 + 22, the 25 lead ones all A, 7 disclosure requests all answered on time', async () => {
    const cols = (subtype: string, role: string, grade: string) => ({
      subtype: `'${subtype}'`, role: `'${role}'`, grade, received_on: "'2020-02-20'::date + g * 3",
      concluded_on: "'2020-02-20'::date + g * 3 + 60", due_on: "'2020-02-20'::date + g * 3 + 90",
    });
    await insertMany('proposal', 'JM-NL', 'T-JM', 7, cols('npc', 'lead', "'A'"));
    await insertMany('proposal', 'JM-NC', 'T-JM', 13, cols('npc', 'co', 'NULL'));
    await insertMany('proposal', 'JM-CL', 'T-JM', 18, cols('cppcc', 'lead', "'A'"));
    await insertMany('proposal', 'JM-CC', 'T-JM', 22, cols('cppcc', 'co', 'NULL'));
    await insertMany('disclosure', 'JM-GK', 'T-JM', 7, {
      received_on: "'2020-01-01'::date + g * 40", concluded_on: "'2020-01-01'::date + g * 40 + 15", due_on: "'2020-01-01'::date + g * 40 + 28",
      outcome: "'disclosed'",
    });
    const m = await metrics(office, 'T-JM', '2020-01-01', '2020-12-31');
    expect(m['proposals.total']).toMatchObject(count(60, { npc_lead: 7, npc_co: 13, cppcc_lead: 18, cppcc_co: 22 }));
    expect(m['proposals.lead_grade_a'].value).toBe(25);
    expect(m['proposals.on_time_rate']).toMatchObject(ratio(60, 60));
    expect(m['disclosure.requests.total'].value).toBe(7);
    expect(m['disclosure.requests.answer_rate']).toMatchObject(ratio(7, 7));
    expect(m['disclosure.requests.on_time_rate']).toMatchObject(ratio(7, 7));
  });

  it('reproduce Hubin 2023 to 20 December: 26 petitions, 100% on time, 100% satisfied (基本满意 counted as satisfied)', async () => {
    await insertMany('petition', 'HB-XF', 'T-HB', 26, {
      received_on: "'2023-01-03'::date + (g - 1) * 12", accepted_on: "'2023-01-03'::date + (g - 1) * 12 + 3",
      concluded_on: "'2023-01-03'::date + (g - 1) * 12 + 30", due_on: "'2023-01-03'::date + (g - 1) * 12 + 63",
      satisfaction: "CASE WHEN g <= 20 THEN 'satisfied' ELSE 'basically_satisfied' END",
    });
    await insertMatter({ kind: 'petition', no: 'HB-LATE', org: 'T-HB', state: 'registered', received: '2023-12-22' });
    const m = await metrics(office, 'T-HB', '2023-01-01', '2023-12-20');
    expect(m['petitions.total'].value).toBe(26);
    expect(m['petitions.on_time_rate']).toMatchObject(ratio(26, 26));
    expect(m['petitions.satisfaction_rate']).toMatchObject(ratio(26, 26));
  });

  // Gansu's 2021 hotline figures (205,892 calls; 189,163 / 3,799 / 260 / 26 / 12,646, which
  // sum to 205,894) are not rebuilt: 205,894 rows take half a minute to write in PGlite. The
  // hotline total and its breakdown come from the same records (above), so they agree.
  it('reproduce Gansu 2021: 960 dispute reports, 129 closed after explanation, 812 accepted, 727 mediations concluded', async () => {
    // 129 closed after explanation; 812 accepted, of which 600 ended in agreement and 127
    // were terminated in 2021, 25 concluded in 2022 and 60 still pending; 10 referred
    // elsewhere; 9 reported at the end of December and not yet accepted.
    const reported = "'2021-01-04'::date + (g % 300)";
    await insertMany('mediation', 'GS-W', 'T-GS', 129, { received_on: reported, concluded_on: `${reported} + 5`, outcome: "'withdrawn_after_explanation'" });
    await insertMany('mediation', 'GS-A', 'T-GS', 600, { received_on: reported, accepted_on: `${reported} + 2`, concluded_on: `${reported} + 30`, outcome: "'agreement'" });
    await insertMany('mediation', 'GS-T', 'T-GS', 127, { received_on: reported, accepted_on: `${reported} + 2`, concluded_on: `${reported} + 30`, outcome: "'terminated'" });
    await insertMany('mediation', 'GS-L', 'T-GS', 25, { received_on: "'2021-11-01'::date + g", accepted_on: "'2021-11-03'::date + g", concluded_on: "'2022-01-15'::date", outcome: "'agreement'" });
    await insertMany('mediation', 'GS-P', 'T-GS', 60, { received_on: "'2021-06-01'::date + g", accepted_on: "'2021-06-04'::date + g" });
    await insertMany('mediation', 'GS-R', 'T-GS', 10, { received_on: "'2021-03-01'::date + g", concluded_on: "'2021-03-06'::date + g", outcome: "'referred'" });
    await insertMany('mediation', 'GS-N', 'T-GS', 9, { received_on: "'2021-12-20'::date" });
    const m = await metrics(office, 'T-GS', '2021-01-01', '2021-12-31');
    expect(m['mediation.reported'].value).toBe(960);
    expect(m['mediation.withdrawn_after_explanation'].value).toBe(129);
    expect(m['mediation.accepted'].value).toBe(812);
    expect(m['mediation.concluded'].value).toBe(727);
    expect(m['mediation.success_rate']).toMatchObject(ratio(600, 727));
  });
});
