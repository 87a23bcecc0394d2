// Requests for disclosure of government information (依申请公开, 《政府信息公开条例》2019):
// one correction notice within 7 working days of receipt, after which the 20-working-day
// reply period counts from the corrected request (art. 30); one extension of up to 20
// working days, asked for by the handler and approved by the head of the disclosure
// office, the applicant told (art. 33); third-party consultation,
// whose 15 working days are not counted (art. 32); the reply by type (art. 36), a
// refusal giving its legal reason.
import type { Guard } from '../procedure/engine';
import { MATTER_CLOCKS, MATTER_EXTENSIONS } from './clocks';
import { DATE_FIELD, dateOr, dateWithin, endPause, extensionSteps, pausesUpTo, refuse, REASON_FIELD, startPause, text, type ClockRun, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { DISCLOSURE_ANSWER_TYPES, DISCLOSURE_STATES } from './states';

type DisclosureState = keyof typeof DISCLOSURE_STATES;

export const DISCLOSURE_LAW = '《中华人民共和国政府信息公开条例》';
const CHANNELS = { portal: '网上申请', paper: '当面或信函申请', email: '电子邮件', fax: '传真', other: '其他' } as const;

const correctionOnce: Guard<MatterFacts> = (f) => (f.row.details.correctionRequestedOn
  ? refuse('CORRECTION_ONCE', '补正应当一次性告知，不得再次要求补正', `${DISCLOSURE_LAW}第三十条`) : null);

const REASONED_TYPES = ['not_disclosed', 'partly_disclosed', 'not_held', 'not_this_body', 'other'];
const legalReasonGiven: Guard<MatterFacts> = (f) => (REASONED_TYPES.includes(String(f.input.answerType)) && text(f, 'legalBasis').length < 2
  ? refuse('LEGAL_REASON_REQUIRED', '不予公开、部分公开或无法提供的，应当告知理由和依据', `${DISCLOSURE_LAW}第三十六条`) : null);

export const DISCLOSURE: MatterKindSpec<DisclosureState> = {
  kind: 'disclosure',
  label: '依申请公开',
  numberPrefix: 'GK',
  handlePermission: 'disclosure.handle',
  createFields: [
    { name: 'channel', label: '申请方式', type: 'select', required: true, options: CHANNELS },
    { name: 'contactName', label: '申请人', type: 'text', required: true, max: 100 },
    { name: 'contactPhone', label: '联系电话', type: 'text', max: 30 },
    { name: 'contactEmail', label: '电子邮箱', type: 'text', max: 100 },
    { name: 'contactAddress', label: '通信地址', type: 'text', max: 300 },
    { name: 'title', label: '所需信息的名称、文号或者便于查询的其他特征', type: 'textarea', required: true, max: 2000 },
    { name: 'summary', label: '获取信息的方式、途径', type: 'text', max: 200 },
  ],
  onCreate: (_input, today) => ({ clock_start_on: today }),
  procedure: {
    name: 'disclosure',
    subject: '公开申请',
    initial: 'received',
    states: {
      received: { label: DISCLOSURE_STATES.received },
      correction_requested: { label: DISCLOSURE_STATES.correction_requested },
      third_party: { label: DISCLOSURE_STATES.third_party },
      answered: { label: DISCLOSURE_STATES.answered, final: true },
      withdrawn: { label: DISCLOSURE_STATES.withdrawn, final: true },
    },
    steps: [
      {
        id: 'request_correction', label: '一次性告知补正', from: ['received'], to: 'correction_requested', permission: 'disclosure.handle', guards: [correctionOnce],
        fields: [{ name: 'notice', label: '需要补正的事项和合理的补正期限', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ details: { correctionRequestedOn: f.today, correctionNotice: text(f, 'notice') } }),
        citation: `${DISCLOSURE_LAW}第三十条`,
      },
      {
        id: 'corrected', label: '登记补正（答复期限重新计算）', from: ['correction_requested'], to: 'received', permission: 'disclosure.handle', primary: true,
        fields: [DATE_FIELD('correctedOn', '收到补正的日期')], inputGuards: [dateWithin('correctedOn', '收到补正的日期')],
        effect: (f) => ({ clock_start_on: dateOr(f, 'correctedOn'), details: { correctedOn: dateOr(f, 'correctedOn') } }),
        citation: `${DISCLOSURE_LAW}第三十条`,
      },
      {
        id: 'abandon', label: '逾期未补正，视为放弃申请', from: ['correction_requested'], to: 'withdrawn', permission: 'disclosure.handle',
        fields: [REASON_FIELD],
        effect: (f) => ({ concluded_on: f.today, outcome: 'other', reply: text(f, 'reason') }),
        citation: `${DISCLOSURE_LAW}第三十条`,
      },
      {
        id: 'consult_third_party', label: '书面征求第三方意见', from: ['received'], to: 'third_party', permission: 'disclosure.handle',
        fields: [{ name: 'thirdParty', label: '第三方', type: 'text', required: true, max: 200 }],
        effect: (f) => ({ pauses: startPause(f, `征求第三方（${text(f, 'thirdParty')}）意见`), details: { thirdParty: text(f, 'thirdParty') } }),
        citation: `${DISCLOSURE_LAW}第三十二条`,
      },
      {
        id: 'third_party_replied', label: '登记第三方意见（恢复计算期限）', from: ['third_party'], to: 'received', permission: 'disclosure.handle', primary: true,
        fields: [{ name: 'opinion', label: '第三方意见', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ pauses: endPause(f, 'third_party'), details: { thirdPartyOpinion: text(f, 'opinion') } }),
        citation: `${DISCLOSURE_LAW}第三十二条`,
      },
      // The handler asks, the head of the disclosure office approves (up to 20 more working days, the applicant told).
      ...extensionSteps<DisclosureState>({
        from: ['received', 'third_party'], approvedTo: 'received', what: '答复期限', clock: MATTER_CLOCKS.disclosure.reply, max: MATTER_EXTENSIONS.disclosureReply,
        citation: `${DISCLOSURE_LAW}第三十三条第二款`, handlePermission: 'disclosure.handle', approveLabel: '批准延长答复期限并告知申请人',
        onApprove: (f) => ({ pauses: endPause(f, 'third_party') }),
      }),
      {
        id: 'answer', label: '作出答复', from: ['received'], to: 'answered', permission: 'disclosure.handle', primary: true,
        fields: [
          { name: 'answerType', label: '答复类型', type: 'select', required: true, options: DISCLOSURE_ANSWER_TYPES },
          { name: 'reply', label: '答复内容', type: 'textarea', required: true, max: 5000 },
          { name: 'legalBasis', label: '理由和依据（不予公开、部分公开等必填）', type: 'textarea', max: 2000 },
          DATE_FIELD('answeredOn', '答复日期'),
        ],
        inputGuards: [legalReasonGiven, dateWithin('answeredOn', '答复日期')],
        effect: (f) => ({ outcome: String(f.input.answerType), reply: text(f, 'reply'), concluded_on: dateOr(f, 'answeredOn'), details: { legalBasis: text(f, 'legalBasis') } }),
        citation: `${DISCLOSURE_LAW}第三十三条、第三十六条`,
      },
    ],
  },
  clocks: disclosureClocks,
  documents: [
    { id: 'correction', title: '政府信息公开申请补正告知书', available: (r) => Boolean(r.details.correctionRequestedOn) },
    { id: 'extension', title: '政府信息公开延期答复告知书', available: (r) => r.extended },
    { id: 'third_party', title: '政府信息公开征求第三方意见书', available: (r) => Boolean(r.details.thirdParty) },
    { id: 'reply', title: '政府信息公开申请答复书', available: (r) => r.outcome !== null && r.reply !== null },
  ],
};


function disclosureClocks(row: MatterColumns & { state: string }, _local: Record<string, number>, today: string): ClockRun[] {
  const c = MATTER_CLOCKS.disclosure;
  const d = row.details as Record<string, string | undefined>;
  const runs: ClockRun[] = [];
  if (!d.correctedOn) runs.push({ spec: c.correction, start: row.received_on, stoppedOn: d.correctionRequestedOn ?? row.concluded_on });
  if (row.state !== 'correction_requested') {
    runs.push({ spec: c.reply, start: row.clock_start_on ?? row.received_on, stoppedOn: row.concluded_on, extensions: row.extensions.map((e) => e.amount), pauses: pausesUpTo(row, 'third_party', today), main: true });
  }
  const lastPause = row.pauses.at(-1);
  if (row.state === 'third_party' && lastPause) runs.push({ spec: c.thirdParty, start: lastPause.from, stoppedOn: null });
  return runs;
}
