// The 12320 hotline and complaints/reports (投诉举报). The operator records a call and
// either answers it on the spot (a consultation; never a complaint) or routes it to the responsible unit,
// which verifies, may open a penalty-case lead, and replies; the operator then calls
// back and records the caller's satisfaction. The three periods (forward, handle, call
// back) are local rules (e.g. 十堰市12320热线工作规范), configurable per organisation.
import type { Guard } from '../procedure/engine';
import { HOTLINE_HANDLE_RULES, MATTER_CLOCKS, MATTER_CLOCK_RULE_IDS, withAmount } from './clocks';
import { refuse, REASON_FIELD, text, type ClockRun, type FieldSpec, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { HOTLINE_CHANNELS, HOTLINE_STATES, HOTLINE_TYPES, SATISFACTION } from './states';

type HotlineState = keyof typeof HOTLINE_STATES;

const notComplaint: Guard<MatterFacts> = (f) => (f.row.subtype !== 'complaint_report'
  ? null : refuse('COMPLAINT_ROUTED', '投诉举报应转有关单位核查处理，不能当场办结'));

const callerReachable: Guard<MatterFacts> = (f) => (!f.row.anonymous && f.row.contact_phone
  ? null : refuse('NO_CONTACT', '匿名或未留联系方式，无法回访，请选择“不回访办结”'));

const noCaseYet: Guard<MatterFacts> = (f) => (f.row.case_id
  ? refuse('CASE_EXISTS', '本件已转为案件线索') : null);

const entityKnown: Guard<MatterFacts> = (f) => (f.row.entity_id || text(f, 'partyName')
  ? null : refuse('PARTY_REQUIRED', '请先关联被投诉单位，或填写当事人名称'));

const FINDINGS = { substantiated: '属实', partly: '部分属实', unsubstantiated: '不属实', not_competent: '不属于本单位职责' } as const;

export const HOTLINE_CREATE_FIELDS: readonly FieldSpec[] = [
  { name: 'subtype', label: '来电类型', type: 'select', required: true, options: HOTLINE_TYPES, initial: 'consultation' },
  { name: 'channel', label: '来源渠道', type: 'select', required: true, options: HOTLINE_CHANNELS, initial: 'phone' },
  { name: 'contactName', label: '来电人', type: 'text', max: 50 },
  { name: 'contactPhone', label: '联系电话', type: 'text', max: 30 },
  { name: 'anonymous', label: '匿名', type: 'boolean' },
  { name: 'entityId', label: '涉及单位（监管对象）', type: 'entity' },
  { name: 'summary', label: '来电内容摘要', type: 'textarea', required: true, max: 2000 },
];

export const HOTLINE: MatterKindSpec<HotlineState> = {
  kind: 'hotline',
  label: '12320热线及投诉举报',
  numberPrefix: 'RX',
  handlePermission: 'hotline.handle',
  createFields: HOTLINE_CREATE_FIELDS,
  procedure: {
    name: 'hotline',
    subject: '热线工单',
    initial: 'received',
    states: {
      received: { label: HOTLINE_STATES.received },
      routed: { label: HOTLINE_STATES.routed },
      verifying: { label: HOTLINE_STATES.verifying },
      replied: { label: HOTLINE_STATES.replied },
      closed: { label: HOTLINE_STATES.closed, final: true },
    },
    steps: [
      {
        id: 'answer_on_spot', label: '当场答复办结', from: ['received'], to: 'closed', permission: 'hotline.handle', guards: [notComplaint], primary: true,
        fields: [{ name: 'reply', label: '答复内容', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ reply: text(f, 'reply'), concluded_on: f.today, details: { forwardedOn: f.today } }),
      },
      {
        id: 'route', label: '转办', from: ['received'], to: 'routed', permission: 'hotline.handle', primary: true,
        fields: [
          { name: 'handlerOrgId', label: '承办单位', type: 'org', required: true },
          { name: 'instruction', label: '转办意见', type: 'textarea', max: 1000 },
        ],
        effect: (f) => ({ handler_org_id: Number(f.input.handlerOrgId), details: { forwardedOn: f.today, instruction: text(f, 'instruction') } }),
      },
      {
        id: 'return', label: '退回（非本单位职责）', from: ['routed', 'verifying'], to: 'received', permission: 'complaints.handle',
        fields: [REASON_FIELD],
        effect: (f) => ({ handler_org_id: null, assignee_id: null, details: { forwardedOn: null, returnedReason: text(f, 'reason') } }),
      },
      {
        id: 'start_verification', label: '签收并核查', from: ['routed'], to: 'verifying', permission: 'complaints.handle', primary: true,
        effect: (f) => ({ details: { verificationStartedOn: f.today } }),
      },
      {
        id: 'open_case_lead', label: '转为案件线索', from: ['verifying'], to: 'verifying', permission: 'complaints.handle', guards: [noCaseYet], action: 'open_case_lead',
        inputGuards: [entityKnown],
        citation: '《卫生健康行政处罚程序规定》关于投诉举报线索的规定',
        fields: [
          { name: 'cause', label: '案由（涉嫌违法行为）', type: 'text', required: true, max: 200 },
          { name: 'partyName', label: '当事人名称（未关联监管对象时填写）', type: 'text', max: 200 },
          { name: 'partyAddress', label: '当事人地址（未关联监管对象时填写）', type: 'text', max: 300 },
        ],
      },
      {
        id: 'reply', label: '答复', from: ['verifying'], to: 'replied', permission: 'complaints.handle', primary: true,
        fields: [
          { name: 'finding', label: '核查结论', type: 'select', required: true, options: FINDINGS },
          { name: 'reply', label: '答复内容', type: 'textarea', required: true, max: 2000 },
        ],
        effect: (f) => ({ reply: text(f, 'reply'), details: { finding: f.input.finding, repliedOn: f.today } }),
      },
      {
        id: 'callback', label: '回访办结', from: ['replied'], to: 'closed', permission: 'hotline.handle', guards: [callerReachable], primary: true,
        fields: [
          { name: 'satisfaction', label: '满意度', type: 'select', required: true, options: SATISFACTION },
          { name: 'note', label: '回访情况', type: 'textarea', max: 1000 },
        ],
        effect: (f) => ({ satisfaction: String(f.input.satisfaction), concluded_on: f.today, details: { callbackNote: text(f, 'note') } }),
      },
      {
        id: 'close_without_callback', label: '不回访办结', from: ['replied'], to: 'closed', permission: 'hotline.handle',
        fields: [REASON_FIELD],
        effect: (f) => ({ concluded_on: f.today, details: { noCallbackReason: text(f, 'reason') } }),
      },
    ],
  },
  clocks: hotlineClocks,
  documents: [
    { id: 'transfer', title: '12320热线转办单', available: (r) => r.handler_org_id !== null },
    { id: 'reply', title: '热线工单（投诉举报）答复意见书', available: (r) => r.reply !== null && r.handler_org_id !== null },
  ],
};

function hotlineClocks(row: MatterColumns & { state: string }, local: Record<string, number>): ClockRun[] {
  const c = MATTER_CLOCKS.hotline;
  const ids = MATTER_CLOCK_RULE_IDS;
  const forwardedOn = (row.details.forwardedOn as string | null | undefined) ?? null;
  const repliedOn = (row.details.repliedOn as string | null | undefined) ?? null;
  const runs: ClockRun[] = [{ spec: withAmount(c.forward, local[ids.hotline.forward] ?? c.forward.amount), start: row.received_on, stoppedOn: forwardedOn ?? row.concluded_on, main: !forwardedOn }];
  if (forwardedOn && row.handler_org_id !== null) {
    // The handling period is set per call type (a local rule each).
    const rule = HOTLINE_HANDLE_RULES[row.subtype ?? 'other'] ?? HOTLINE_HANDLE_RULES.other;
    runs.push({ spec: { ...withAmount(c.handle, local[rule.id] ?? rule.value), citation: rule.citation }, start: forwardedOn, stoppedOn: repliedOn, main: !repliedOn });
  }
  if (repliedOn) {
    runs.push({ spec: withAmount(c.callback, local[ids.hotline.callback] ?? c.callback.amount), start: repliedOn, stoppedOn: row.concluded_on, main: true });
  }
  return runs;
}
