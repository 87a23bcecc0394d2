// The seven matters datasets through the API, one table of cases run by the same tests:
// the template has the columns of data-exchange.md; a good file lands with each row's
// state, columns and due date (statutory clocks on the 2026 work calendar, hand-counted
// across the Mid-Autumn and National Day holidays); re-importing updates by key and never
// duplicates; a bad file (wrong code, dates out of order, unknown organisation …) is
// rejected whole with every row's column and Chinese reason; the export holds the same
// columns and imports back unchanged; imports.matters is needed. Then what concerns all
// kinds alike: a matter handled on the platform is not the import's to change, and a
// district imports within its own subtree only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { addDays, todayInChina } from '../../core/calendar/dates';

type Cells = Record<string, string>;
interface Case {
  name: string;
  kind: string;
  columns: string[];
  good: Cells[];
  /** What each good row becomes in the table (matter_no → columns). */
  stored: Record<string, Record<string, unknown>>;
  /** Export cells that differ from the file (computed, normalised). */
  exported: Record<string, Cells>;
  /** A good row imported again with a change, and what it becomes. */
  change: { row: Cells; stored: Record<string, unknown> };
  /** Bad rows (file rows 3…; row 2 is a new good row) and the errors: [row, column, message]. */
  bad: { rows: Cells[]; errors: [number, string, string][] };
}

const NO_ORG = ['org_code', '机构代码“NO-ORG”不存在，请先导入或新建该机构'] as const;
const YES_NO = '应填 Y（是）或 N（否）';
const enumOf = (...values: string[]) => `取值不正确，应为 ${values.join('、')} 之一`;
const tomorrow = addDays(todayInChina(), 1);

const CASES: Case[] = [
  {
    name: 'hotline_calls', kind: 'hotline', columns: ['record_no', 'org_code', 'received_at', 'type', 'channel', 'concluded_on', 'summary'],
    good: [
      { record_no: 'T-HL-1', org_code: 'JX-WJW', received_at: '2026-03-02T23:30:00Z', type: 'complaint_report', channel: 'phone', concluded_on: '2026-03-03', summary: '投诉某游泳馆水质浑浊' },
      { record_no: 'T-HL-2', org_code: 'NH-WJJ', received_at: '2026-03-04 10:00', type: 'consultation', channel: 'web', summary: '咨询健康证办理' },
      { record_no: 'T-HL-3', org_code: 'XZ-WJJ', received_at: '2026-10-01T08:15:30+08:00', type: 'praise', channel: 'app', concluded_on: '2026-10-01' },
    ],
    stored: {
      // 23:30 UTC is 07:30 the next morning in China: received on 3 March.
      'T-HL-1': { received_utc: '2026-03-02T23:30:00Z', received_on: '2026-03-03', subtype: 'complaint_report', channel: 'phone', state: 'closed', concluded_on: '2026-03-03', summary: '投诉某游泳馆水质浑浊', due_on: null },
      'T-HL-2': { received_utc: '2026-03-04T02:00:00Z', received_on: '2026-03-04', subtype: 'consultation', channel: 'web', state: 'received', concluded_on: null },
      'T-HL-3': { received_utc: '2026-10-01T00:15:30Z', received_on: '2026-10-01', subtype: 'praise', state: 'closed', summary: null },
    },
    exported: {
      'T-HL-1': { received_at: '2026-03-03T07:30:00+08:00' },
      'T-HL-2': { received_at: '2026-03-04T10:00:00+08:00' },
      'T-HL-3': { received_at: '2026-10-01T08:15:30+08:00' },
    },
    change: { row: { record_no: 'T-HL-2', org_code: 'NH-WJJ', received_at: '2026-03-04 10:00', type: 'consultation', channel: 'web', concluded_on: '2026-03-05', summary: '咨询健康证办理' }, stored: { state: 'closed', concluded_on: '2026-03-05' } },
    bad: {
      rows: [
        { record_no: 'T-HL-B1', org_code: 'JX-WJW', received_at: '2026-03-02T09:00', type: 'complaint', channel: 'phone' },
        { record_no: 'T-HL-B2', org_code: 'JX-WJW', received_at: '2026-03-02T23:30:00Z', type: 'consultation', channel: 'phone', concluded_on: '2026-03-02' },
        { record_no: 'T-HL-B3', org_code: 'NO-ORG', received_at: '2026-03-02T09:00', type: 'consultation', channel: 'fax' },
        { record_no: 'T-HL-B4', org_code: 'JX-WJW', received_at: '2026-13-01T09:00', type: 'consultation', channel: 'phone' },
        { record_no: 'T-HL-B5', org_code: 'JX-WJW', received_at: `${tomorrow}T09:00:00+08:00`, type: 'consultation', channel: 'phone' },
      ],
      errors: [
        [3, 'type', enumOf('consultation', 'complaint_report', 'suggestion', 'praise', 'appointment', 'other')],
        [4, 'concluded_on', '办结日期不能早于来电时间'],
        [5, 'channel', enumOf('phone', 'web', 'app', 'other')],
        [5, ...NO_ORG],
        [6, 'received_at', '时间应为 ISO 8601 格式，如 2026-03-01T09:30:00+08:00'],
        [7, 'received_at', '日期不能晚于今天：历史记录应已发生'],
      ],
    },
  },
  {
    name: 'petitions', kind: 'petition', columns: ['petition_no', 'org_code', 'received_on', 'accepted_on', 'concluded_on', 'deadline_on', 'satisfaction'],
    good: [
      { petition_no: 'T-XF-1', org_code: 'JX-WJW', received_on: '2026-09-18', accepted_on: '2026-09-20' },
      { petition_no: 'T-XF-2', org_code: 'NH-WJJ', received_on: '2026-07-30', accepted_on: '2026-08-02', concluded_on: '2026-09-28', satisfaction: 'satisfied' },
      { petition_no: 'T-XF-3', org_code: 'XZ-WJJ', received_on: '2026-06-01' },
      { petition_no: 'T-XF-4', org_code: 'NH-JDS', received_on: '2026-11-02', accepted_on: '2026-11-03', deadline_on: '2026-12-31' },
    ],
    stored: {
      // 60 days from 20 September run across the National Day holiday to Thursday 19 November.
      'T-XF-1': { state: 'accepted', received_on: '2026-09-18', accepted_on: '2026-09-20', clock_start_on: '2026-09-20', due_on: '2026-11-19', concluded_on: null, satisfaction: null },
      // The 60th day from 2 August is 1 October, a holiday: due the first working day after it.
      'T-XF-2': { state: 'closed', clock_start_on: '2026-08-02', due_on: '2026-10-08', concluded_on: '2026-09-28', satisfaction: 'satisfied' },
      // Not accepted: the clock runs from receipt.
      'T-XF-3': { state: 'registered', accepted_on: null, clock_start_on: '2026-06-01', due_on: '2026-07-31' },
      'T-XF-4': { state: 'accepted', due_on: '2026-12-31' },
    },
    exported: { 'T-XF-1': { deadline_on: '2026-11-19' }, 'T-XF-2': { deadline_on: '2026-10-08' }, 'T-XF-3': { deadline_on: '2026-07-31' } },
    change: { row: { petition_no: 'T-XF-1', org_code: 'JX-WJW', received_on: '2026-09-18', accepted_on: '2026-09-20', concluded_on: '2026-11-10', satisfaction: 'basically_satisfied' }, stored: { state: 'closed', concluded_on: '2026-11-10', satisfaction: 'basically_satisfied', due_on: '2026-11-19' } },
    bad: {
      rows: [
        { petition_no: 'T-XF-B1', org_code: 'JX-WJW', received_on: '2026-05-06', concluded_on: '2026-05-20', satisfaction: 'happy' },
        { petition_no: 'T-XF-B2', org_code: 'JX-WJW', received_on: '2026-05-06', satisfaction: 'satisfied' },
        { petition_no: 'T-XF-B3', org_code: 'JX-WJW', received_on: '2026-05-06', accepted_on: '2026-05-05' },
        { petition_no: 'T-XF-B4', org_code: 'JX-WJW', received_on: '2026-05-06', accepted_on: '2026-05-08', concluded_on: '2026-05-07' },
        { petition_no: 'T-XF-B5', org_code: 'NO-ORG', received_on: '2026-05-06' },
        { petition_no: 'T-XF-B6', org_code: 'JX-WJW', received_on: '2026-05-06', deadline_on: '2026-05-01' },
      ],
      errors: [
        [3, 'satisfaction', enumOf('satisfied', 'basically_satisfied', 'unsatisfied')],
        [4, 'satisfaction', '未填写办结日期时不应填写满意度评价'],
        [5, 'accepted_on', '受理日期不能早于登记日期'],
        [6, 'concluded_on', '办结日期不能早于受理日期'],
        [7, ...NO_ORG],
        [8, 'deadline_on', '办理期限不能早于登记日期'],
      ],
    },
  },
  {
    name: 'mediation_cases', kind: 'mediation', columns: ['case_no', 'org_code', 'reported_on', 'accepted_on', 'concluded_on', 'outcome'],
    good: [
      { case_no: 'T-TJ-1', org_code: 'JX-WJW', reported_on: '2026-09-16', accepted_on: '2026-09-18', concluded_on: '2026-11-02', outcome: 'agreement' },
      { case_no: 'T-TJ-2', org_code: 'NH-WJJ', reported_on: '2026-03-02', concluded_on: '2026-03-03', outcome: 'withdrawn_after_explanation' },
      { case_no: 'T-TJ-3', org_code: 'NH-WJJ', reported_on: '2026-10-09', accepted_on: '2026-10-10', outcome: 'pending' },
      { case_no: 'T-TJ-4', org_code: 'XZ-WJJ', reported_on: '2026-11-30', outcome: 'pending' },
      { case_no: 'T-TJ-5', org_code: 'XZ-WJJ', reported_on: '2026-04-01', concluded_on: '2026-04-03', outcome: 'referred' },
    ],
    stored: {
      // 30 working days from Friday 18 September: Sunday 20 September is worked, 25–27
      // September and 1–7 October are not, Saturday 10 October is: Thursday 5 November.
      'T-TJ-1': { state: 'concluded', outcome: 'agreement', received_on: '2026-09-16', accepted_on: '2026-09-18', clock_start_on: '2026-09-18', due_on: '2026-11-05', concluded_on: '2026-11-02' },
      'T-TJ-2': { state: 'withdrawn', outcome: 'withdrawn_after_explanation', accepted_on: null, due_on: null, concluded_on: '2026-03-03' },
      // 30 working days from Saturday 10 October (a working day): Friday 20 November.
      'T-TJ-3': { state: 'accepted', outcome: null, due_on: '2026-11-20', concluded_on: null },
      'T-TJ-4': { state: 'reported', outcome: null, due_on: null },
      'T-TJ-5': { state: 'referred', outcome: 'referred' },
    },
    exported: {},
    change: { row: { case_no: 'T-TJ-3', org_code: 'NH-WJJ', reported_on: '2026-10-09', accepted_on: '2026-10-10', concluded_on: '2026-11-25', outcome: 'terminated' }, stored: { state: 'concluded', outcome: 'terminated', concluded_on: '2026-11-25' } },
    bad: {
      rows: [
        { case_no: 'T-TJ-B1', org_code: 'JX-WJW', reported_on: '2026-05-06', concluded_on: '2026-05-10', outcome: 'agreement' },
        { case_no: 'T-TJ-B2', org_code: 'JX-WJW', reported_on: '2026-05-06', concluded_on: '2026-05-10', outcome: 'pending' },
        { case_no: 'T-TJ-B3', org_code: 'JX-WJW', reported_on: '2026-05-06', accepted_on: '2026-05-07', outcome: 'terminated' },
        { case_no: 'T-TJ-B4', org_code: 'NO-ORG', reported_on: '2026-05-06', outcome: 'settled' },
        { case_no: 'T-TJ-B5', org_code: 'JX-WJW', reported_on: '2026-05-06', concluded_on: '2026-05-05', outcome: 'withdrawn_after_explanation' },
      ],
      errors: [
        [3, 'accepted_on', '调解结果为“达成调解协议”（agreement）时必须填写受理日期'],
        [4, 'concluded_on', '调解结果为“在办”（pending）时不应填写结案日期'],
        [5, 'concluded_on', '调解结果为“终止调解”（terminated）时必须填写结案日期'],
        [6, 'outcome', enumOf('withdrawn_after_explanation', 'agreement', 'terminated', 'referred', 'pending')],
        [6, ...NO_ORG],
        [7, 'concluded_on', '结案日期不能早于报案日期'],
      ],
    },
  },
  {
    name: 'reconsideration_cases', kind: 'reconsideration', columns: ['case_no', 'org_code', 'received_on', 'concluded_on', 'outcome'],
    good: [
      { case_no: 'T-FY-1', org_code: 'JX-WJW', received_on: '2026-09-18', concluded_on: '2026-11-20', outcome: 'revoked' },
      { case_no: 'T-FY-2', org_code: 'NH-WJJ', received_on: '2026-11-02', outcome: 'pending' },
    ],
    stored: {
      // 10 working days from Friday 18 September, across both holidays: Friday 9 October.
      'T-FY-1': { state: 'decided', subtype: 'normal', outcome: 'revoked', clock_start_on: '2026-09-18', due_on: '2026-10-09', concluded_on: '2026-11-20' },
      'T-FY-2': { state: 'received', subtype: 'normal', outcome: null, due_on: '2026-11-16', concluded_on: null },
    },
    exported: {},
    change: { row: { case_no: 'T-FY-2', org_code: 'NH-WJJ', received_on: '2026-11-02', concluded_on: '2026-12-01', outcome: 'upheld' }, stored: { state: 'decided', outcome: 'upheld', concluded_on: '2026-12-01' } },
    bad: {
      rows: [
        { case_no: 'T-FY-B1', org_code: 'JX-WJW', received_on: '2026-05-06', concluded_on: '2026-05-05', outcome: 'dismissed' },
        { case_no: 'T-FY-B2', org_code: 'JX-WJW', received_on: '2026-05-06', outcome: 'upheld' },
        { case_no: 'T-FY-B3', org_code: 'NO-ORG', received_on: '2026-05-06', outcome: 'won' },
      ],
      errors: [
        [3, 'concluded_on', '结案日期不能早于收到申请书副本日期'],
        [4, 'concluded_on', '复议结果为“维持”（upheld）时必须填写结案日期'],
        [5, 'outcome', enumOf('upheld', 'withdrawn', 'revoked', 'altered', 'confirmed_illegal', 'ordered_to_act', 'dismissed', 'pending')],
        [5, ...NO_ORG],
      ],
    },
  },
  {
    name: 'litigation_cases', kind: 'litigation', columns: ['case_no', 'org_code', 'filed_on', 'hearing_on', 'head_appeared', 'judged_on', 'judgment'],
    good: [
      { case_no: 'T-YS-1', org_code: 'JX-WJW', filed_on: '2026-09-16', hearing_on: '2026-10-20', head_appeared: 'Y', judged_on: '2026-11-10', judgment: 'won' },
      { case_no: 'T-YS-2', org_code: 'NH-WJJ', filed_on: '2026-10-12', hearing_on: '2026-11-05', head_appeared: 'N', judgment: 'pending' },
      { case_no: 'T-YS-3', org_code: 'XZ-WJJ', filed_on: '2026-11-20', judgment: 'pending' },
    ],
    stored: {
      // The 15th day from 16 September is 1 October, a holiday: Thursday 8 October.
      'T-YS-1': { state: 'judged', received_on: '2026-09-16', hearing_on: '2026-10-20', head_appeared: true, concluded_on: '2026-11-10', outcome: 'won', due_on: '2026-10-08' },
      'T-YS-2': { state: 'heard', head_appeared: false, concluded_on: null, outcome: null, due_on: '2026-10-27' },
      // The 15th day is Saturday 5 December: Monday 7 December.
      'T-YS-3': { state: 'received', hearing_on: null, head_appeared: null, due_on: '2026-12-07' },
    },
    exported: {},
    change: { row: { case_no: 'T-YS-3', org_code: 'XZ-WJJ', filed_on: '2026-11-20', hearing_on: '2026-12-03', head_appeared: 'Y', judgment: 'pending' }, stored: { state: 'heard', hearing_on: '2026-12-03', head_appeared: true } },
    bad: {
      rows: [
        { case_no: 'T-YS-B1', org_code: 'JX-WJW', filed_on: '2026-05-06', hearing_on: '2026-05-05', judgment: 'pending' },
        { case_no: 'T-YS-B2', org_code: 'JX-WJW', filed_on: '2026-05-06', hearing_on: '2026-05-20', judged_on: '2026-05-10', judgment: 'won' },
        { case_no: 'T-YS-B3', org_code: 'JX-WJW', filed_on: '2026-05-06', hearing_on: '2026-05-20', head_appeared: 'X', judgment: 'pending' },
        { case_no: 'T-YS-B4', org_code: 'JX-WJW', filed_on: '2026-05-06', head_appeared: 'Y', judgment: 'pending' },
        { case_no: 'T-YS-B5', org_code: 'NO-ORG', filed_on: '2026-05-06', judgment: 'lost' },
      ],
      errors: [
        [3, 'hearing_on', '开庭日期不能早于收到起诉状日期'],
        [4, 'judged_on', '判决（裁定）日期不能早于开庭日期'],
        [5, 'head_appeared', YES_NO],
        [6, 'hearing_on', '负责人出庭应诉（Y）的案件必须填写开庭日期'],
        [7, ...NO_ORG],
        [7, 'judged_on', '裁判结果为“败诉”（lost）时必须填写判决（裁定）日期'],
      ],
    },
  },
  {
    name: 'proposals', kind: 'proposal', columns: ['proposal_no', 'org_code', 'kind', 'role', 'assigned_on', 'answered_on', 'grade'],
    good: [
      { proposal_no: 'T-JY-1', org_code: 'JX-WJW', kind: 'npc', role: 'lead', assigned_on: '2026-07-01', answered_on: '2026-09-20', grade: 'A' },
      { proposal_no: 'T-JY-2', org_code: 'NH-WJJ', kind: 'cppcc', role: 'co', assigned_on: '2026-03-15', answered_on: '2026-05-10' },
      { proposal_no: 'T-JY-3', org_code: 'XZ-WJJ', kind: 'npc', role: 'lead', assigned_on: '2026-05-31' },
    ],
    stored: {
      // Three months from 1 July end on 1 October, a holiday: Thursday 8 October.
      'T-JY-1': { state: 'evaluated', subtype: 'npc', role: 'lead', received_on: '2026-07-01', concluded_on: '2026-09-20', grade: 'A', due_on: '2026-10-08' },
      'T-JY-2': { state: 'answered', subtype: 'cppcc', role: 'co', grade: null, due_on: '2026-06-15' },
      'T-JY-3': { state: 'assigned', concluded_on: null, due_on: '2026-08-31' },
    },
    exported: {},
    change: { row: { proposal_no: 'T-JY-2', org_code: 'NH-WJJ', kind: 'cppcc', role: 'co', assigned_on: '2026-03-15', answered_on: '2026-05-10', grade: 'B' }, stored: { state: 'evaluated', grade: 'B' } },
    bad: {
      rows: [
        { proposal_no: 'T-JY-B1', org_code: 'JX-WJW', kind: 'npc', role: 'lead', assigned_on: '2026-05-06', answered_on: '2026-06-01', grade: 'D' },
        { proposal_no: 'T-JY-B2', org_code: 'JX-WJW', kind: 'npc', role: 'lead', assigned_on: '2026-05-06', grade: 'A' },
        { proposal_no: 'T-JY-B3', org_code: 'JX-WJW', kind: 'npc', role: 'lead', assigned_on: '2026-05-06', answered_on: '2026-05-05' },
        { proposal_no: 'T-JY-B4', org_code: 'NO-ORG', kind: 'gov', role: 'main', assigned_on: '2026-05-06' },
      ],
      errors: [
        [3, 'grade', enumOf('A', 'B', 'C')],
        [4, 'grade', '未填写答复日期时不应填写答复类别'],
        [5, 'answered_on', '答复日期不能早于交办日期'],
        [6, 'kind', enumOf('npc', 'cppcc')],
        [6, 'role', enumOf('lead', 'co')],
        [6, ...NO_ORG],
      ],
    },
  },
  {
    name: 'disclosure_requests', kind: 'disclosure', columns: ['request_no', 'org_code', 'received_on', 'answered_on', 'answer_type', 'extended'],
    good: [
      { request_no: 'T-GK-1', org_code: 'JX-WJW', received_on: '2026-09-18', answered_on: '2026-10-20', answer_type: 'disclosed', extended: 'N' },
      { request_no: 'T-GK-2', org_code: 'NH-WJJ', received_on: '2026-09-18', answered_on: '2026-11-18', answer_type: 'partly_disclosed', extended: 'Y' },
      { request_no: 'T-GK-3', org_code: 'XZ-WJJ', received_on: '2026-11-23' },
    ],
    stored: {
      // 20 working days from Friday 18 September, across both holidays: Thursday 22 October;
      // extended by 20 more working days: Thursday 19 November.
      'T-GK-1': { state: 'answered', concluded_on: '2026-10-20', outcome: 'disclosed', extended: false, clock_start_on: '2026-09-18', due_on: '2026-10-22' },
      'T-GK-2': { state: 'answered', outcome: 'partly_disclosed', extended: true, due_on: '2026-11-19' },
      'T-GK-3': { state: 'received', concluded_on: null, outcome: null, extended: false, due_on: '2026-12-21' },
    },
    exported: { 'T-GK-3': { extended: 'N' } },
    change: { row: { request_no: 'T-GK-3', org_code: 'XZ-WJJ', received_on: '2026-11-23', answered_on: '2026-12-02', answer_type: 'not_held' }, stored: { state: 'answered', outcome: 'not_held', concluded_on: '2026-12-02' } },
    bad: {
      rows: [
        { request_no: 'T-GK-B1', org_code: 'JX-WJW', received_on: '2026-05-06', answer_type: 'disclosed' },
        { request_no: 'T-GK-B2', org_code: 'JX-WJW', received_on: '2026-05-06', answered_on: '2026-05-05', answer_type: 'disclosed' },
        { request_no: 'T-GK-B3', org_code: 'JX-WJW', received_on: '2026-05-06', extended: 'maybe' },
        { request_no: 'T-GK-B4', org_code: 'NO-ORG', received_on: '2026-05-06', answered_on: '2026-05-08', answer_type: 'refused' },
      ],
      errors: [
        [3, 'answer_type', '未填写答复日期时不应填写答复类型'],
        [4, 'answered_on', '答复日期不能早于收到申请日期'],
        [5, 'extended', YES_NO],
        [6, ...NO_ORG],
        [6, 'answer_type', enumOf('disclosed', 'partly_disclosed', 'not_disclosed', 'not_held', 'not_this_body', 'other')],
      ],
    },
  },
];

let env: TestEnv;
let office: Client;

beforeAll(async () => {
  env = await setupTestEnv();
  office = await env.as('office');
}, 60_000);
afterAll(async () => { await env?.close(); });

const toRows = (c: Case, rows: Cells[]) => [c.columns, ...rows.map((r) => c.columns.map((k) => r[k] ?? ''))];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploads the rows as CSV, or a file as it is (an export). */
async function upload(c: Case, rows: Cells[], as: Client = office, file?: { body: Buffer; format: 'csv' | 'xlsx' }) {
  const m = multipart(`${c.name}.${file?.format ?? 'csv'}`, file?.body ?? csv(toRows(c, rows)), file?.format === 'xlsx' ? XLSX : 'text/csv');
  return as.post(`/api/imports/${c.name}`, m.body, m.headers);
}
const keyOf = (c: Case, r: Cells) => r[c.columns[0]];
/** This file's matters of the kind (the demo data may hold others). */
const mine = (no: string) => no.startsWith('T-');
const count = async (kind: string) => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM matters WHERE kind = $1', [kind]))!.n;
const matter = async (kind: string, no: string) => env.db.one<Record<string, unknown>>(
  `SELECT m.*, o.code AS org_code, to_char(m.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS received_utc
     FROM matters m JOIN organizations o ON o.id = m.org_id WHERE m.kind = $1 AND m.matter_no = $2`, [kind, no]);
async function exported(c: Case, as: Client = office): Promise<Cells[]> {
  const res = await as.get(`/api/exports/${c.name}?format=csv`);
  expect(res.statusCode, res.body).toBe(200);
  return parseCsv(res.rawPayload, { bom: true, columns: true }) as Cells[];
}

describe.each(CASES)('the $name dataset', (c) => {
  it('has the template of data-exchange.md', async () => {
    const res = await office.get(`/api/imports/${c.name}/template`);
    expect(res.statusCode).toBe(200);
    expect(sheetRows((await readXlsx(res.rawPayload)).worksheets[0])).toEqual([c.columns]);
  });

  it('imports a good file: each row with its state, columns and due date, source import', async () => {
    const res = await upload(c, c.good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dataset: c.name, inserted: c.good.length, updated: 0 });
    for (const r of c.good) {
      expect(await matter(c.kind, keyOf(c, r)), keyOf(c, r)).toMatchObject({ ...c.stored[keyOf(c, r)], kind: c.kind, org_code: r.org_code, source: 'import' });
    }
  });

  it('re-importing updates by key, never duplicates, and keeps what the dataset does not carry', async () => {
    const before = await count(c.kind);
    // A column of the table the dataset does not carry (added on the platform after the import) survives a re-import.
    const key = keyOf(c, c.good[0]);
    const column = c.kind === 'hotline' ? 'role' : 'summary';
    await env.db.query(`UPDATE matters SET ${column} = '导入后补充' WHERE kind = $1 AND matter_no = $2`, [c.kind, key]);
    expect((await upload(c, c.good)).json()).toEqual({ dataset: c.name, inserted: 0, updated: c.good.length });
    expect((await matter(c.kind, key))![column]).toBe('导入后补充');
    const changed = c.good.map((r) => (keyOf(c, r) === keyOf(c, c.change.row) ? c.change.row : r));
    expect((await upload(c, changed)).json()).toEqual({ dataset: c.name, inserted: 0, updated: c.good.length });
    expect(await count(c.kind)).toBe(before);
    expect(await matter(c.kind, keyOf(c, c.change.row))).toMatchObject({ ...c.change.stored, source: 'import' });
  });

  it('rejects a bad file whole, every bad row with its column and reason, and writes nothing', async () => {
    const before = await count(c.kind);
    const fresh = { ...c.good[0], [c.columns[0]]: 'T-NEW' };
    const res = await upload(c, [fresh, ...c.bad.rows]);
    expect(res.statusCode, res.body).toBe(422);
    const errors = res.json().errors as { row: number; column: string; message: string }[];
    const sorted = (list: [number, string, string][]) => [...list].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(sorted(errors.map((e) => [e.row, e.column, e.message]))).toEqual(sorted(c.bad.errors));
    expect(await count(c.kind)).toBe(before);
    expect(await matter(c.kind, 'T-NEW')).toBeUndefined();
  });

  it('exports the same columns, which import back unchanged (CSV and XLSX)', async () => {
    const rows = await exported(c);
    expect(Object.keys(rows[0])).toEqual(c.columns);
    const file = c.good.map((r) => (keyOf(c, r) === keyOf(c, c.change.row) ? c.change.row : r));
    const expected = file.map((r) => ({ ...Object.fromEntries(c.columns.map((k) => [k, r[k] ?? ''])), ...c.exported[keyOf(c, r)] }));
    expect(rows.filter((r) => mine(keyOf(c, r)))).toEqual(expected);

    const snapshot = async () => JSON.stringify(await env.db.query(
      `SELECT matter_no, org_id, state, subtype, channel, role, summary, received_at, received_on, accepted_on, clock_start_on, due_on, concluded_on,
              outcome, satisfaction, extended, hearing_on, head_appeared, grade, source FROM matters WHERE kind = $1 ORDER BY matter_no`, [c.kind]));
    const before = await snapshot();
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await upload(c, [], office, { body: (await office.get(`/api/exports/${c.name}?format=${format}`)).rawPayload, format });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ dataset: c.name, inserted: 0, updated: rows.length });
    }
    expect(await snapshot()).toBe(before);
  });

  it('needs imports.matters', async () => {
    const res = await upload(c, c.good, await env.as('inspector1'));
    expect(res.statusCode).toBe(403);
  });
});

describe('matters imported next to matters handled on the platform', () => {
  const petitions = CASES.find((c) => c.name === 'petitions')!;
  const hotline = CASES.find((c) => c.name === 'hotline_calls')!;

  it('a petition not accepted on the platform exports and imports back as it is', async () => {
    const jx = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id;
    const leader = (await env.db.one<{ id: number }>("SELECT id FROM users WHERE username = 'leader'"))!.id;
    const created = await office.post('/api/matters/petition', { orgId: jx, fields: { channel: 'letter', contactName: '测试人', title: '不予受理往返测试', summary: '诉求已经法定途径处理', leaderId: leader } });
    expect(created.statusCode, created.body).toBe(200);
    const { id, matterNo } = created.json() as { id: number; matterNo: string };
    const version = (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!.version;
    const refused = await office.post(`/api/matters/petition/${id}/steps/not_accept`, { version, input: { reply: '该诉求已通过行政复议途径处理，不予受理' } });
    expect(refused.statusCode, refused.body).toBe(200);
    const row = (await exported(petitions)).find((r) => r.petition_no === matterNo)!;
    expect(row.deadline_on).not.toBe('');
    const res = await upload(petitions, [row]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dataset: 'petitions', inserted: 0, updated: 1 });
  });

  it('a platform matter exports and imports back as it is, but may not be changed; a portal one is exported too', async () => {
    const jx = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id;
    await env.db.query(
      `INSERT INTO matters (kind, matter_no, org_id, state, received_on, accepted_on, clock_start_on, due_on, source)
       VALUES ('petition', 'T-XF-P1', $1, 'answered', '2026-04-01', '2026-04-02', '2026-04-02', '2026-06-01', 'platform'),
              ('petition', 'T-XF-W1', $1, 'registered', '2026-04-03', NULL, '2026-04-03', '2026-06-02', 'portal')`, [jx]);
    const rows = await exported(petitions);
    expect(rows.find((r) => r.petition_no === 'T-XF-P1')).toEqual({
      petition_no: 'T-XF-P1', org_code: 'JX-WJW', received_on: '2026-04-01', accepted_on: '2026-04-02', concluded_on: '', deadline_on: '2026-06-01', satisfaction: '',
    });
    expect(rows.some((r) => r.petition_no === 'T-XF-W1')).toBe(true);

    const p1 = { petition_no: 'T-XF-P1', org_code: 'JX-WJW', received_on: '2026-04-01', accepted_on: '2026-04-02', deadline_on: '2026-06-01' };
    expect((await upload(petitions, [p1])).json()).toEqual({ dataset: 'petitions', inserted: 0, updated: 1 });
    expect(await matter('petition', 'T-XF-P1')).toMatchObject({ state: 'answered', source: 'platform', version: 1 });

    const res = await upload(petitions, [{ ...p1, concluded_on: '2026-05-01' }, { petition_no: 'T-XF-W1', org_code: 'JX-WJW', received_on: '2026-04-03', accepted_on: '2026-04-05' }]);
    expect(res.statusCode).toBe(422);
    expect((res.json().errors as { row: number; column: string; message: string }[]).map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'petition_no', '该事项已在平台上办理，不能通过导入修改'],
      [3, 'petition_no', '该事项已在平台上办理，不能通过导入修改'],
    ]);
    expect(await matter('petition', 'T-XF-P1')).toMatchObject({ state: 'answered', concluded_on: null });
  });

  it('a district imports and exports within its own subtree only', async () => {
    const admin = await env.as('admin');
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-WJJ'"))!.id;
    expect((await admin.post('/api/users', {
      username: 'nh_office_m', displayName: '南湖区办公室', orgId: nh, roles: ['office'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok',
    })).statusCode).toBe(200);
    const district = await env.as('nh_office_m', 'District2026ok');
    const call = { received_at: '2026-03-09T09:00', type: 'consultation', channel: 'phone' };
    const res = await upload(hotline, [
      { ...call, record_no: 'T-HL-D1', org_code: 'JX-WJW' },
      { ...call, record_no: 'T-HL-1', org_code: 'NH-WJJ' },
      { ...call, record_no: 'T-HL-D3', org_code: 'NH-JDS' },
    ], district);
    expect(res.statusCode).toBe(422);
    expect((res.json().errors as { row: number; column: string; message: string }[]).map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'org_code', '机构不在您的管理范围内'],
      [3, 'record_no', '该编号已属于您管理范围以外的机构，不能通过导入修改'],
    ]);
    expect((await upload(hotline, [{ ...call, record_no: 'T-HL-D3', org_code: 'NH-JDS' }], district)).json()).toEqual({ dataset: 'hotline_calls', inserted: 1, updated: 0 });
    const rows = await exported(hotline, district);
    expect(rows.map((r) => r.record_no).filter(mine).sort()).toEqual(['T-HL-2', 'T-HL-D3']);
  });
});
