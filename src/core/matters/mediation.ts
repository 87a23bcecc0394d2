// Medical-dispute mediation (医疗纠纷调解, 《医疗纠纷预防和处理条例》2018): a report, an
// explanation that may end it (释疑息诉), acceptance (administrative mediation: decided
// within 5 working days of the application, art. 40), mediation concluded within 30
// working days of acceptance with appraisal time not counted (art. 38, 40), by an
// agreement or by termination (past the limit without agreement the mediation failed),
// or referral to the courts or another route.
import type { Guard } from '../procedure/engine';
import { extendedDue } from '../procedure/engine';
import { MATTER_CLOCKS } from './clocks';
import { DATE_FIELD, dateOr, dateWithin, endPause, extensionOf, pausesUpTo, refuse, REASON_FIELD, startPause, text, type ClockRun, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { MEDIATION_KINDS, MEDIATION_STATES } from './states';

type MediationState = Exclude<keyof typeof MEDIATION_STATES, 'refused'>;

const LAW = '《医疗纠纷预防和处理条例》';

/** The mediation's due date as its clock counts it (appraisal pauses and agreed extensions included). */
function concludeDue(f: MatterFacts): string {
  const start = f.row.clock_start_on ?? f.row.accepted_on ?? f.row.received_on;
  return extendedDue(f.calendar, MATTER_CLOCKS.mediation.conclude, start, f.row.extensions.map((e) => e.amount), f.row.pauses).due;
}

// Past the limit without an agreement the mediation has failed (视为调解不成), unless the parties agreed to extend it.
const withinLimit: Guard<MatterFacts> = (f) => (f.today > concludeDue(f)
  ? refuse('MEDIATION_EXPIRED', `已超过调解期限（${concludeDue(f)}届满）未达成协议，视为调解不成；医患双方约定延长的，请先登记延长`, `${LAW}第三十八条`) : null);

const extensionDays: Guard<MatterFacts> = (f) => {
  const n = Number(f.input.amount);
  return Number.isInteger(n) && n >= 1 && n <= MATTER_CLOCKS.mediation.conclude.amount ? null
    : refuse('EXTENSION_DAYS', `延长的工作日数应为1至${MATTER_CLOCKS.mediation.conclude.amount}之间的整数`);
};

const conclude = (outcome: string) => (f: MatterFacts) => ({ outcome, concluded_on: dateOr(f, 'concludedOn'), reply: text(f, 'reply') || null });


export const MEDIATION: MatterKindSpec<MediationState> = {
  kind: 'mediation',
  label: '医疗纠纷调解',
  numberPrefix: 'YT',
  handlePermission: 'mediation.handle',
  createFields: [
    { name: 'subtype', label: '调解类型', type: 'select', required: true, options: MEDIATION_KINDS },
    { name: 'contactName', label: '患方当事人', type: 'text', required: true, max: 100 },
    { name: 'contactPhone', label: '联系电话', type: 'text', max: 30 },
    { name: 'entityId', label: '医方（医疗机构）', type: 'entity' },
    { name: 'title', label: '纠纷概要', type: 'text', required: true, max: 200 },
    { name: 'summary', label: '患方诉求及事实经过', type: 'textarea', required: true, max: 5000 },
  ],
  procedure: {
    name: 'mediation',
    subject: '医疗纠纷',
    initial: 'reported',
    states: {
      reported: { label: MEDIATION_STATES.reported },
      accepted: { label: MEDIATION_STATES.accepted },
      appraisal: { label: MEDIATION_STATES.appraisal },
      concluded: { label: MEDIATION_STATES.concluded, final: true },
      withdrawn: { label: MEDIATION_STATES.withdrawn, final: true },
      referred: { label: MEDIATION_STATES.referred, final: true },
    },
    steps: [
      {
        id: 'explain_withdrawn', label: '释疑息诉', from: ['reported'], to: 'withdrawn', permission: 'mediation.handle',
        fields: [{ name: 'reply', label: '释疑说明', type: 'textarea', required: true, max: 2000 }, DATE_FIELD('concludedOn', '息诉日期')],
        inputGuards: [dateWithin('concludedOn', '息诉日期')],
        effect: conclude('withdrawn_after_explanation'),
      },
      {
        id: 'accept', label: '受理调解', from: ['reported'], to: 'accepted', permission: 'mediation.handle', primary: true,
        fields: [DATE_FIELD('acceptedOn', '受理日期')], inputGuards: [dateWithin('acceptedOn', '受理日期')],
        effect: (f) => ({ accepted_on: dateOr(f, 'acceptedOn'), clock_start_on: dateOr(f, 'acceptedOn') }),
        citation: `${LAW}第三十八条、第四十条`,
      },
      {
        id: 'refer', label: '引导诉讼或其他途径', from: ['reported', 'accepted'], to: 'referred', permission: 'mediation.handle',
        fields: [{ name: 'reply', label: '引导的途径和理由', type: 'textarea', required: true, max: 2000 }, DATE_FIELD('concludedOn', '日期')],
        inputGuards: [dateWithin('concludedOn', '日期')],
        effect: conclude('referred'),
      },
      {
        id: 'start_appraisal', label: '委托鉴定（暂停计算期限）', from: ['accepted'], to: 'appraisal', permission: 'mediation.handle',
        fields: [{ name: 'appraiser', label: '鉴定机构和鉴定事项', type: 'text', required: true, max: 200 }],
        effect: (f) => ({ pauses: startPause(f, `鉴定：${text(f, 'appraiser')}`) }),
        citation: `${LAW}第三十八条`,
      },
      {
        id: 'appraisal_done', label: '鉴定完成（恢复计算期限）', from: ['appraisal'], to: 'accepted', permission: 'mediation.handle', primary: true,
        fields: [{ name: 'conclusion', label: '鉴定意见', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ pauses: endPause(f, 'appraisal'), details: { appraisalConclusion: text(f, 'conclusion') } }),
      },
      {
        id: 'extend', label: '登记约定延长调解期限', from: ['accepted', 'appraisal'], to: 'accepted', permission: 'mediation.handle',
        fields: [{ name: 'amount', label: '延长的工作日数', type: 'number', required: true }, { name: 'reason', label: '特殊情况及医患双方的约定', type: 'textarea', required: true, max: 1000 }],
        inputGuards: [extensionDays],
        effect: (f) => ({ ...extensionOf(f, Number(f.input.amount)), pauses: endPause(f, 'appraisal') }),
        citation: `${LAW}第三十八条`,
      },
      {
        id: 'agreement', label: '达成调解协议', from: ['accepted'], to: 'concluded', permission: 'mediation.handle', primary: true, guards: [withinLimit],
        fields: [
          { name: 'reply', label: '协议内容', type: 'textarea', required: true, max: 5000 },
          { name: 'amount', label: '赔偿金额（元）', type: 'number' },
          DATE_FIELD('concludedOn', '协议日期'),
        ],
        inputGuards: [dateWithin('concludedOn', '协议日期')],
        effect: (f) => ({ ...conclude('agreement')(f), details: { compensationYuan: f.input.amount ?? null } }),
        citation: `${LAW}第三十九条`,
      },
      {
        id: 'terminate', label: '终止调解（调解不成）', from: ['accepted', 'appraisal'], to: 'concluded', permission: 'mediation.handle',
        fields: [REASON_FIELD, DATE_FIELD('concludedOn', '终止日期')],
        inputGuards: [dateWithin('concludedOn', '终止日期')],
        effect: (f) => ({ outcome: 'terminated', concluded_on: dateOr(f, 'concludedOn'), reply: text(f, 'reason'), pauses: endPause(f, 'appraisal', dateOr(f, 'concludedOn')) }),
        citation: `${LAW}第三十八条`,
      },
    ],
  },
  clocks: mediationClocks,
  documents: [
    { id: 'acceptance', title: '医疗纠纷调解受理通知书', available: (r) => r.accepted_on !== null },
    { id: 'agreement', title: '医疗纠纷调解协议书', available: (r) => r.outcome === 'agreement' },
    { id: 'termination', title: '医疗纠纷终止调解告知书', available: (r) => r.outcome === 'terminated' },
  ],
};

function mediationClocks(row: MatterColumns & { state: string }, _local: Record<string, number>, today: string): ClockRun[] {
  const c = MATTER_CLOCKS.mediation;
  const runs: ClockRun[] = [];
  if (row.subtype === 'administrative') {
    runs.push({ spec: c.acceptAdministrative, start: row.received_on, stoppedOn: row.accepted_on ?? row.concluded_on, main: !row.accepted_on });
  }
  if (row.accepted_on) {
    runs.push({ spec: c.conclude, start: row.clock_start_on ?? row.accepted_on, stoppedOn: row.concluded_on, extensions: row.extensions.map((e) => e.amount), pauses: pausesUpTo(row, 'appraisal', today), main: true });
  }
  return runs;
}
