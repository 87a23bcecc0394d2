// Petitions (信访, 《信访工作条例》2022): registration, the written decision whether to
// accept within 15 days, handling within 60 days of acceptance (one extension of up to
// 30 days, asked for by the handler and approved by the head, the petitioner told why),
// the written opinion (信访处理意见书), the petitioner's satisfaction, and the review
// (复查) and re-review (复核) requested within 30 days of an answer and answered within 30
// days — the review by the body one level above the one that answered (第三十五条), the
// re-review by the body above that (第三十六条). Every petition has one responsible leader.
import { extendedDue, type Guard } from '../procedure/engine';
import { MATTER_CLOCKS, MATTER_EXTENSIONS } from './clocks';
import { DATE_FIELD, dateOr, dateWithin, extensionSteps, refuse, text, withinPeriod, type ClockRun, type FieldSpec, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { PETITION_STATES, SATISFACTION } from './states';

type PetitionState = keyof typeof PETITION_STATES;

const LAW = '《信访工作条例》';
const CHANNELS = { visit: '来访', letter: '来信', online: '网上信访', phone: '来电', transferred: '上级转送交办' } as const;

const reviewRequestInTime: Guard<MatterFacts> = (f) => {
  const answered = (f.row.details.reviewAnsweredOn ?? f.row.concluded_on) as string | null;
  const requested = dateOr(f, 'requestedOn');
  if (!answered) return null;
  return !withinPeriod(f, MATTER_CLOCKS.petition.reviewRequest, answered, requested)
    ? refuse('REVIEW_LATE', `请求已超过收到书面答复之日起${MATTER_CLOCKS.petition.reviewRequest.amount}日的期限，不再受理`, MATTER_CLOCKS.petition.reviewRequest.citation)
    : null;
};

/**
 * When the review (re-review) requested must be answered: its clock's due date, kept in
 * details for the higher body's to-do list (the clock itself is recomputed for the page).
 */
const reviewDue = (f: MatterFacts): string => extendedDue(f.calendar, MATTER_CLOCKS.petition.reviewAnswer, dateOr(f, 'requestedOn')).due;

const satisfactionField: FieldSpec = { name: 'satisfaction', label: '信访人评价', type: 'select', required: true, options: SATISFACTION };
const replyField = (label: string): FieldSpec => ({ name: 'reply', label, type: 'textarea', required: true, max: 5000 });

export const PETITION: MatterKindSpec<PetitionState> = {
  kind: 'petition',
  label: '信访',
  numberPrefix: 'XF',
  handlePermission: 'petitions.handle',
  createFields: [
    { name: 'channel', label: '信访形式', type: 'select', required: true, options: CHANNELS },
    { name: 'contactName', label: '信访人', type: 'text', required: true, max: 50 },
    { name: 'contactPhone', label: '联系电话', type: 'text', max: 30 },
    { name: 'contactAddress', label: '住址', type: 'text', max: 300 },
    { name: 'title', label: '信访事项', type: 'text', required: true, max: 200 },
    { name: 'summary', label: '诉求、事实和理由', type: 'textarea', required: true, max: 5000 },
    { name: 'entityId', label: '涉及单位（监管对象）', type: 'entity' },
    { name: 'leaderId', label: '责任领导', type: 'user', required: true, help: '每件信访明确一名责任领导' },
  ],
  procedure: {
    name: 'petition',
    subject: '信访事项',
    initial: 'registered',
    states: {
      registered: { label: PETITION_STATES.registered },
      accepted: { label: PETITION_STATES.accepted },
      not_accepted: { label: PETITION_STATES.not_accepted, final: true },
      answered: { label: PETITION_STATES.answered },
      review_requested: { label: PETITION_STATES.review_requested },
      reviewed: { label: PETITION_STATES.reviewed },
      re_review_requested: { label: PETITION_STATES.re_review_requested },
      closed: { label: PETITION_STATES.closed, final: true },
    },
    steps: [
      {
        id: 'accept', label: '受理并书面告知', from: ['registered'], to: 'accepted', permission: 'petitions.handle', primary: true,
        fields: [DATE_FIELD('acceptedOn', '受理日期')], inputGuards: [dateWithin('acceptedOn', '受理日期')],
        effect: (f) => ({ accepted_on: dateOr(f, 'acceptedOn'), clock_start_on: dateOr(f, 'acceptedOn') }),
        citation: `${LAW}第二十二条、第三十条`,
      },
      {
        id: 'not_accept', label: '不予受理并书面告知', from: ['registered'], to: 'not_accepted', permission: 'petitions.handle',
        fields: [{ name: 'reply', label: '不予受理的理由及其他处理途径', type: 'textarea', required: true, max: 2000 }],
        effect: (f) => ({ reply: text(f, 'reply'), concluded_on: f.today }),
        citation: `${LAW}第三十条`,
      },
      // The handler asks, the head of the body approves (up to 30 more days, the petitioner told why).
      ...extensionSteps<PetitionState>({
        from: ['accepted'], approvedTo: 'accepted', what: '办理期限', clock: MATTER_CLOCKS.petition.conclude, max: MATTER_EXTENSIONS.petitionConclude,
        citation: MATTER_CLOCKS.petition.conclude.citation, handlePermission: 'petitions.handle', approveLabel: '批准延长办理期限',
      }),
      {
        id: 'answer', label: '出具信访处理意见书', from: ['accepted'], to: 'answered', permission: 'petitions.handle', primary: true,
        fields: [replyField('处理意见（事实、理由、处理意见及其依据）')],
        effect: (f) => ({ reply: text(f, 'reply'), concluded_on: f.today }),
        citation: `${LAW}第三十二条`,
      },
      {
        id: 'evaluate', label: '登记信访人评价', from: ['answered', 'reviewed', 'closed'], to: 'closed', permission: 'petitions.handle',
        fields: [satisfactionField],
        effect: (f) => ({ satisfaction: String(f.input.satisfaction) }),
      },
      {
        id: 'request_review', label: '登记复查请求', from: ['answered'], to: 'review_requested', permission: 'petitions.handle',
        fields: [DATE_FIELD('requestedOn', '请求日期'), { name: 'note', label: '请求复查的理由', type: 'textarea', required: true, max: 2000 }],
        inputGuards: [dateWithin('requestedOn', '请求日期'), reviewRequestInTime],
        action: 'refer_review_up',
        effect: (f) => ({ details: { reviewRequestedOn: dateOr(f, 'requestedOn'), reviewRequest: text(f, 'note'), reviewDueOn: reviewDue(f) } }),
        citation: `${LAW}第三十五条`,
      },
      {
        id: 'answer_review', label: '出具复查意见', from: ['review_requested'], to: 'reviewed', permission: 'petitions.handle', primary: true, byReviewBody: true,
        fields: [replyField('复查意见')],
        effect: (f) => ({ details: { reviewAnsweredOn: f.today, reviewAnswer: text(f, 'reply') } }),
        citation: `${LAW}第三十五条`,
      },
      {
        id: 'request_re_review', label: '登记复核请求', from: ['reviewed'], to: 're_review_requested', permission: 'petitions.handle',
        fields: [DATE_FIELD('requestedOn', '请求日期'), { name: 'note', label: '请求复核的理由', type: 'textarea', required: true, max: 2000 }],
        inputGuards: [dateWithin('requestedOn', '请求日期'), reviewRequestInTime],
        action: 'refer_re_review_up',
        effect: (f) => ({ details: { reReviewRequestedOn: dateOr(f, 'requestedOn'), reReviewRequest: text(f, 'note'), reReviewDueOn: reviewDue(f) } }),
        citation: `${LAW}第三十六条`,
      },
      {
        id: 'answer_re_review', label: '出具复核意见并办结', from: ['re_review_requested'], to: 'closed', permission: 'petitions.handle', primary: true, byReviewBody: true,
        fields: [replyField('复核意见')],
        effect: (f) => ({ details: { reReviewAnsweredOn: f.today, reReviewAnswer: text(f, 'reply') } }),
        citation: `${LAW}第三十六条`,
      },
      {
        id: 'close', label: '办结归档', from: ['answered', 'reviewed'], to: 'closed', permission: 'petitions.handle',
        fields: [{ name: 'note', label: '办结说明', type: 'textarea', max: 1000 }],
        effect: (f) => ({ details: { closeNote: text(f, 'note') } }),
      },
    ],
  },
  clocks: petitionClocks,
  documents: [
    { id: 'acceptance', title: '信访事项受理告知书', available: (r) => r.accepted_on !== null },
    { id: 'not_accepted', title: '信访事项不予受理告知书', available: (r) => r.state === 'not_accepted' },
    { id: 'opinion', title: '信访事项处理意见书', available: (r) => r.accepted_on !== null && r.reply !== null },
  ],
};

function petitionClocks(row: MatterColumns & { state: string }): ClockRun[] {
  const c = MATTER_CLOCKS.petition;
  const d = row.details as Record<string, string | undefined>;
  const runs: ClockRun[] = [{ spec: c.accept, start: row.received_on, stoppedOn: row.accepted_on ?? (row.state === 'not_accepted' ? row.concluded_on : null), main: !row.accepted_on }];
  if (row.accepted_on) {
    runs.push({ spec: c.conclude, start: row.clock_start_on ?? row.accepted_on, stoppedOn: row.concluded_on, extensions: row.extensions.map((e) => e.amount), main: true });
  }
  if (d.reviewRequestedOn) runs.push({ spec: c.reviewAnswer, start: d.reviewRequestedOn, stoppedOn: d.reviewAnsweredOn ?? null });
  if (d.reReviewRequestedOn) runs.push({ spec: { ...c.reviewAnswer, id: 'reReviewAnswer', label: '复核意见' }, start: d.reReviewRequestedOn, stoppedOn: d.reReviewAnsweredOn ?? null });
  return runs;
}
