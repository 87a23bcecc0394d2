// Litigation (行政应诉, 《行政诉讼法》2017) against the commission: the copy of the complaint
// received, the defence and the evidence within 15 days (art. 67), the hearing with the
// head of the agency appearing or, if not, a mandated officer (art. 3), the judgment or
// ruling, and the appeal period of 15 days from service of a judgment, 10 for a ruling
// (art. 85). A judgment lost says what it did to the act (撤销, 部分撤销, 变更, 确认违法,
// 责令履行; art. 70, 72, 74, 77); on a penalty case the suit names, the case is corrected in
// the same step (modules/cases/corrections.ts).
import type { Guard } from '../procedure/engine';
import { MATTER_CLOCKS } from './clocks';
import { DATE_FIELD, dateOr, dateWithin, refuse, text, withinPeriod, type ClockRun, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { LITIGATION_JUDGMENTS, LITIGATION_STATES } from './states';
import { JUDGMENT_EFFECTS } from '../procedure/challenge';
import { penaltyInForce, penaltyInForceFields, penaltyInForceGiven } from './correction';

type LitigationState = keyof typeof LITIGATION_STATES;

const LAW = '《中华人民共和国行政诉讼法》';
const JUDGED = Object.fromEntries(Object.entries(LITIGATION_JUDGMENTS).filter(([k]) => k !== 'pending'));
const RULING_KINDS = { judgment: '判决', ruling: '裁定' } as const;

/** What a judgment lost did that leaves a penalty in force to be stated. */
const ADJUSTING = ['partly_revoked', 'altered'];
const adjusting = (f: MatterFacts) => f.input.outcome === 'lost' && ADJUSTING.includes(String(f.input.judgmentEffect ?? ''));

/** A judgment lost on a suit naming a penalty case says what it did to the decision: the case follows it. */
const effectGiven: Guard<MatterFacts> = (f) => (f.input.outcome === 'lost' && f.row.case_id !== null && !f.input.judgmentEffect
  ? refuse('JUDGMENT_EFFECT_REQUIRED', '败诉的，请选择判决的内容（撤销、部分撤销、变更、确认违法或者责令履行）：涉及的行政处罚案件将据此调整', `${LAW}第七十条、第七十二条、第七十四条、第七十七条`) : null);

const deputyNamed: Guard<MatterFacts> = (f) => (f.input.headAppeared !== true && (text(f, 'appearedBy').length < 2 || text(f, 'absenceReason').length < 2)
  ? refuse('APPEARED_BY_REQUIRED', '负责人未出庭的，应写明出庭的工作人员及未出庭的原因', `${LAW}第三条第三款`) : null);

const appealInTime: Guard<MatterFacts> = (f) => {
  const served = f.row.details.servedOn as string | undefined;
  if (!served) return null;
  const spec = f.row.details.rulingKind === 'ruling' ? MATTER_CLOCKS.litigation.appealRuling : MATTER_CLOCKS.litigation.appealJudgment;
  return !withinPeriod(f, spec, served, dateOr(f, 'appealedOn')) ? refuse('APPEAL_LATE', `上诉期限（送达之日起${spec.amount}日）已过`, spec.citation) : null;
};

export const LITIGATION: MatterKindSpec<LitigationState> = {
  kind: 'litigation',
  label: '行政应诉',
  numberPrefix: 'YS',
  handlePermission: 'litigation.handle',
  createFields: [
    { name: 'receivedOn', label: '收到起诉状副本的日期', type: 'date', required: true },
    { name: 'contactName', label: '原告', type: 'text', required: true, max: 100 },
    { name: 'court', label: '受理法院', type: 'text', required: true, max: 100 },
    { name: 'title', label: '被诉行政行为', type: 'text', required: true, max: 200 },
    { name: 'caseId', label: '涉及的行政处罚案件', type: 'case' },
    { name: 'summary', label: '诉讼请求和理由', type: 'textarea', required: true, max: 5000 },
  ],
  procedure: {
    name: 'litigation',
    subject: '诉讼案件',
    initial: 'received',
    states: {
      received: { label: LITIGATION_STATES.received },
      answered: { label: LITIGATION_STATES.answered },
      heard: { label: LITIGATION_STATES.heard },
      judged: { label: LITIGATION_STATES.judged },
      appealed: { label: LITIGATION_STATES.appealed },
      closed: { label: LITIGATION_STATES.closed, final: true },
    },
    steps: [
      {
        id: 'answer', label: '提交答辩状和证据', from: ['received'], to: 'answered', permission: 'litigation.handle', primary: true,
        fields: [{ name: 'reply', label: '答辩要点', type: 'textarea', required: true, max: 5000 }, DATE_FIELD('answeredOn', '提交日期')],
        inputGuards: [dateWithin('answeredOn', '提交日期')],
        effect: (f) => ({ reply: text(f, 'reply'), details: { answeredOn: dateOr(f, 'answeredOn') } }),
        citation: `${LAW}第六十七条`,
      },
      {
        id: 'record_hearing', label: '登记开庭', from: ['answered'], to: 'heard', permission: 'litigation.handle', primary: true,
        fields: [
          { name: 'hearingOn', label: '开庭日期', type: 'date', required: true },
          { name: 'headAppeared', label: '负责人出庭', type: 'boolean' },
          { name: 'appearedBy', label: '出庭负责人或工作人员（姓名、职务）', type: 'text', max: 100, help: '负责人未出庭的必填（《中华人民共和国行政诉讼法》第三条第三款）' },
          { name: 'absenceReason', label: '负责人未出庭的原因', type: 'text', max: 200 },
        ],
        inputGuards: [deputyNamed, dateWithin('hearingOn', '开庭日期')],
        effect: (f) => ({ hearing_on: String(f.input.hearingOn), head_appeared: f.input.headAppeared === true, details: { appearedBy: text(f, 'appearedBy'), absenceReason: text(f, 'absenceReason') } }),
        citation: `${LAW}第三条第三款`,
      },
      {
        id: 'record_judgment', label: '登记裁判结果', from: ['answered', 'heard'], to: 'judged', permission: 'litigation.handle', primary: true, notesCase: 'litigation_judged',
        fields: [
          { name: 'outcome', label: '裁判结果', type: 'select', required: true, options: JUDGED },
          { name: 'judgmentEffect', label: '判决内容', type: 'select', options: JUDGMENT_EFFECTS, showWhen: { field: 'outcome', values: ['lost'] }, help: '涉及行政处罚案件的必填' },
          ...penaltyInForceFields('judgmentEffect', ADJUSTING, '判决变更或者部分撤销'),
          { name: 'rulingKind', label: '文书类型', type: 'select', required: true, options: RULING_KINDS },
          { name: 'servedOn', label: '送达日期', type: 'date', required: true },
        ],
        inputGuards: [dateWithin('servedOn', '送达日期'), effectGiven, penaltyInForceGiven(adjusting, '判决变更或者部分撤销', `${LAW}第七十条、第七十七条`)],
        effect: (f) => ({
          outcome: String(f.input.outcome), concluded_on: String(f.input.servedOn),
          details: {
            rulingKind: f.input.rulingKind, servedOn: f.input.servedOn,
            ...(f.input.outcome === 'lost' && f.input.judgmentEffect ? { judgmentEffect: f.input.judgmentEffect } : {}),
            ...(adjusting(f) ? { penaltyInForce: penaltyInForce(f) } : {}),
          },
        }),
      },
      {
        id: 'appeal', label: '提起上诉', from: ['judged'], to: 'appealed', permission: 'litigation.handle',
        fields: [DATE_FIELD('appealedOn', '上诉日期'), { name: 'note', label: '上诉理由', type: 'textarea', required: true, max: 2000 }],
        inputGuards: [appealInTime, dateWithin('appealedOn', '上诉日期')],
        effect: (f) => ({ details: { appealedOn: dateOr(f, 'appealedOn'), appealNote: text(f, 'note') } }),
        citation: `${LAW}第八十五条`,
      },
      {
        id: 'close', label: '结案', from: ['judged', 'appealed'], to: 'closed', permission: 'litigation.handle',
        fields: [{ name: 'note', label: '结案说明（生效裁判、履行情况）', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ details: { closeNote: text(f, 'note') } }),
      },
    ],
  },
  clocks: litigationClocks,
  documents: [
    { id: 'defence', title: '行政诉讼答辩状', available: (r) => Boolean(r.details.answeredOn) },
  ],
};

function litigationClocks(row: MatterColumns & { state: string }): ClockRun[] {
  const c = MATTER_CLOCKS.litigation;
  const d = row.details as Record<string, string | undefined>;
  const runs: ClockRun[] = [{ spec: c.answer, start: row.received_on, stoppedOn: d.answeredOn ?? null, main: true }];
  if (d.servedOn) {
    runs.push({ spec: d.rulingKind === 'ruling' ? c.appealRuling : c.appealJudgment, start: d.servedOn, stoppedOn: d.appealedOn ?? (row.state === 'closed' ? row.concluded_on : null) });
  }
  return runs;
}
