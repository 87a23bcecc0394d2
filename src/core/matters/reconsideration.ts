// Reconsideration (行政复议, 《行政复议法》2023) where the commission is the respondent:
// the copy of the application received, the written answer with the evidence, basis
// and other materials within 10 days (5 in the simplified procedure; art. 48, 54 — days
// within the law's 10-day periods are working days, art. 88), the reconsideration body's
// decision (60 days from acceptance, +30; simplified 30; art. 62, 63) and, when the act
// is revoked, altered or ordered, the follow-up that carries the decision out (art. 77).
// A decision on a penalty case the matter names corrects the case in the same step
// (modules/cases/corrections.ts): revoked — reopened for a new decision; altered — the
// penalty the decision leaves (asked here) becomes the case's decision in force.
import type { Guard } from '../procedure/engine';
import { MATTER_CLOCKS } from './clocks';
import { DATE_FIELD, dateOr, dateWithin, refuse, text, type ClockRun, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { CORRECTING_OUTCOMES, RECONSIDERATION_OUTCOMES, RECONSIDERATION_PROCEDURES, RECONSIDERATION_STATES } from './states';
import { penaltyInForce, penaltyInForceFields, penaltyInForceGiven } from './correction';

type ReconsiderationState = keyof typeof RECONSIDERATION_STATES;

const LAW = '《中华人民共和国行政复议法》';
const DECIDED = Object.fromEntries(Object.entries(RECONSIDERATION_OUTCOMES).filter(([k]) => k !== 'pending'));

const altered = (f: MatterFacts) => f.input.outcome === 'altered';

const corrected: Guard<MatterFacts> = (f) => ((CORRECTING_OUTCOMES as readonly string[]).includes(f.row.outcome ?? '')
  ? null : refuse('NOTHING_TO_FOLLOW_UP', '复议决定维持原行政行为或驳回申请的，无需落实纠错'));

export const RECONSIDERATION: MatterKindSpec<ReconsiderationState> = {
  kind: 'reconsideration',
  label: '行政复议',
  numberPrefix: 'FY',
  handlePermission: 'reconsideration.handle',
  createFields: [
    { name: 'subtype', label: '审理程序', type: 'select', required: true, options: RECONSIDERATION_PROCEDURES },
    { name: 'receivedOn', label: '收到申请书副本的日期', type: 'date', required: true },
    { name: 'contactName', label: '申请人', type: 'text', required: true, max: 100 },
    { name: 'body', label: '复议机关', type: 'text', required: true, max: 100 },
    { name: 'title', label: '被申请复议的行政行为', type: 'text', required: true, max: 200 },
    { name: 'caseId', label: '涉及的行政处罚案件', type: 'case' },
    { name: 'summary', label: '复议请求和理由', type: 'textarea', required: true, max: 5000 },
  ],
  procedure: {
    name: 'reconsideration',
    subject: '复议案件',
    initial: 'received',
    states: {
      received: { label: RECONSIDERATION_STATES.received },
      answered: { label: RECONSIDERATION_STATES.answered },
      decided: { label: RECONSIDERATION_STATES.decided },
      followed_up: { label: RECONSIDERATION_STATES.followed_up, final: true },
    },
    steps: [
      {
        id: 'answer', label: '提交书面答复和证据', from: ['received'], to: 'answered', permission: 'reconsideration.handle', primary: true,
        fields: [
          { name: 'reply', label: '答复要点', type: 'textarea', required: true, max: 5000 },
          { name: 'evidence', label: '提交的证据、依据和其他材料', type: 'textarea', required: true, max: 2000 },
          DATE_FIELD('answeredOn', '提交日期'),
        ],
        inputGuards: [dateWithin('answeredOn', '提交日期')],
        effect: (f) => ({ reply: text(f, 'reply'), details: { answeredOn: dateOr(f, 'answeredOn'), evidence: text(f, 'evidence') } }),
        citation: `${LAW}第四十八条、第五十四条`,
      },
      {
        id: 'record_decision', label: '登记复议决定', from: ['received', 'answered'], to: 'decided', permission: 'reconsideration.handle', primary: true, notesCase: 'reconsideration_decided',
        fields: [
          { name: 'outcome', label: '复议决定', type: 'select', required: true, options: DECIDED },
          ...penaltyInForceFields('outcome', ['altered'], '变更'),
          DATE_FIELD('decidedOn', '决定日期'),
          { name: 'note', label: '决定要点', type: 'textarea', max: 2000 },
        ],
        inputGuards: [dateWithin('decidedOn', '决定日期'), penaltyInForceGiven(altered, '变更', `${LAW}第六十三条`)],
        effect: (f) => ({
          outcome: String(f.input.outcome), concluded_on: dateOr(f, 'decidedOn'),
          details: { decisionNote: text(f, 'note'), ...(altered(f) ? { penaltyInForce: penaltyInForce(f) } : {}) },
        }),
        citation: `${LAW}第六十二条`,
      },
      {
        id: 'follow_up', label: '落实复议决定', from: ['decided'], to: 'followed_up', permission: 'reconsideration.handle', guards: [corrected], primary: true,
        fields: [{ name: 'note', label: '纠正措施（重新作出、变更或撤销原行为，案件调整情况）', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ details: { followUp: text(f, 'note'), followedUpOn: f.today } }),
        citation: `${LAW}第七十七条`,
      },
      {
        id: 'close', label: '结案', from: ['decided'], to: 'followed_up', permission: 'reconsideration.handle',
        fields: [{ name: 'note', label: '结案说明', type: 'textarea', max: 1000 }],
        effect: (f) => ({ details: { closeNote: text(f, 'note') } }),
      },
    ],
  },
  clocks: reconsiderationClocks,
  documents: [
    { id: 'answer', title: '行政复议答复书', available: (r) => Boolean(r.details.answeredOn) },
  ],
};

function reconsiderationClocks(row: MatterColumns & { state: string }): ClockRun[] {
  const c = MATTER_CLOCKS.reconsideration;
  const simplified = row.subtype === 'simplified';
  const answeredOn = (row.details.answeredOn as string | undefined) ?? null;
  return [
    { spec: simplified ? c.answerSimplified : c.answer, start: row.received_on, stoppedOn: answeredOn ?? row.concluded_on, main: true },
    { spec: { ...(simplified ? c.decisionSimplified : c.decision), partyPeriod: true }, start: row.received_on, stoppedOn: row.concluded_on },
  ];
}
