// NPC suggestions and CPPCC proposals (建议提案, 《全国人民代表大会和地方各级人民代表大会代表法》
// 2025 art. 51 and local handling rules): assigned as lead (主办) or co-handler (协办); the
// answer within 3 months of assignment (6 for wide-ranging or difficult ones); the
// co-handlers send their views to the lead within 1 month (local default) and the lead
// answers with them; the representative evaluates and the result is graded A–D.
import type { Guard } from '../procedure/engine';
import { MATTER_CLOCKS, MATTER_CLOCK_RULE_IDS, withAmount } from './clocks';
import { DATE_FIELD, dateOr, dateWithin, refuse, text, type ClockRun, type MatterColumns, type MatterFacts, type MatterKindSpec } from './procedure';
import { PROPOSAL_GRADES, PROPOSAL_KINDS, PROPOSAL_ROLES, PROPOSAL_STATES, SATISFACTION } from './states';

type ProposalState = keyof typeof PROPOSAL_STATES;

export interface CoOpinion { unit: string; receivedOn: string | null; opinion: string | null }

const coOpinionsOf = (row: Pick<MatterColumns, 'details'>): CoOpinion[] => (row.details.coOpinions as CoOpinion[] | undefined) ?? [];

const isLead: Guard<MatterFacts> = (f) => (f.row.role === 'lead' ? null : refuse('NOT_LEAD', '协办件不汇总协办意见'));

// Every co-handler counts: the organisations on the platform (their own opinions, read
// into f.coHandlers by modules/matters) and the units outside it (recorded by the lead).
const opinionsIn: Guard<MatterFacts> = (f) => {
  const missing = [...(f.coHandlers ?? []).filter((o) => !o.opinionOn).map((o) => o.name),
    ...coOpinionsOf(f.row).filter((o) => !o.receivedOn).map((o) => o.unit)];
  return missing.length > 0 && f.row.role === 'lead'
    ? refuse('CO_OPINIONS_MISSING', `尚未收到协办单位（${missing.join('、')}）的意见，主办单位应吸收协办意见后答复`, MATTER_CLOCKS.proposal.coOpinion.citation) : null;
};

const unitPending: Guard<MatterFacts> = (f) => (coOpinionsOf(f.row).some((o) => o.unit === text(f, 'unit') && !o.receivedOn)
  ? null : refuse('UNKNOWN_CO_UNIT', `“${text(f, 'unit')}”不是本件尚未反馈意见的协办单位`));

export const PROPOSAL: MatterKindSpec<ProposalState> = {
  kind: 'proposal',
  label: '建议提案',
  numberPrefix: 'JY',
  handlePermission: 'proposals.handle',
  createFields: [
    { name: 'subtype', label: '类别', type: 'select', required: true, options: PROPOSAL_KINDS },
    { name: 'role', label: '办理方式', type: 'select', required: true, options: PROPOSAL_ROLES },
    { name: 'receivedOn', label: '交办日期', type: 'date', required: true },
    { name: 'contactName', label: '代表（委员）', type: 'text', required: true, max: 100 },
    { name: 'title', label: '建议（提案）标题', type: 'text', required: true, max: 200 },
    { name: 'complex', label: '涉及面广、处理难度大（6个月内答复）', type: 'boolean' },
    { name: 'coOrgIds', label: '会办单位（平台上的机构，主办件填写）', type: 'orgs', help: '所选单位在平台上自行提出会办意见，期限自交办之日起计算' },
    { name: 'coUnits', label: '平台外的会办单位（主办件填写）', type: 'list', help: '不在本平台办理的单位（如市政府其他部门），每行一个；其意见由主办单位登记' },
    { name: 'summary', label: '主要内容', type: 'textarea', max: 5000 },
  ],
  onCreate: (input) => ({
    details: {
      complex: input.complex === true,
      coOpinions: ((input.coUnits as string[] | undefined) ?? []).map((unit): CoOpinion => ({ unit, receivedOn: null, opinion: null })),
    },
  }),
  procedure: {
    name: 'proposal',
    subject: '建议提案',
    initial: 'assigned',
    states: {
      assigned: { label: PROPOSAL_STATES.assigned },
      answered: { label: PROPOSAL_STATES.answered },
      evaluated: { label: PROPOSAL_STATES.evaluated, final: true },
    },
    steps: [
      {
        id: 'record_co_opinion', label: '登记协办意见', from: ['assigned'], to: 'assigned', permission: 'proposals.handle', guards: [isLead],
        fields: [{ name: 'unit', label: '协办单位', type: 'text', required: true, max: 100 }, { name: 'opinion', label: '协办意见', type: 'textarea', required: true, max: 5000 }],
        inputGuards: [unitPending],
        effect: (f) => ({ details: { coOpinions: coOpinionsOf(f.row).map((o) => (o.unit === text(f, 'unit') ? { ...o, receivedOn: f.today, opinion: text(f, 'opinion') } : o)) } }),
      },
      {
        id: 'answer', label: '答复代表（委员）', from: ['assigned'], to: 'answered', permission: 'proposals.handle', guards: [opinionsIn], primary: true,
        fields: [{ name: 'reply', label: '答复内容（协办件为协办意见）', type: 'textarea', required: true, max: 10000 }, DATE_FIELD('answeredOn', '答复日期')],
        inputGuards: [dateWithin('answeredOn', '答复日期')],
        effect: (f) => ({ reply: text(f, 'reply'), concluded_on: dateOr(f, 'answeredOn') }),
        citation: MATTER_CLOCKS.proposal.answer.citation,
      },
      {
        id: 'evaluate', label: '登记评价和办理结果', from: ['answered'], to: 'evaluated', permission: 'proposals.handle', primary: true,
        fields: [
          { name: 'grade', label: '办理结果类别', type: 'select', required: true, options: PROPOSAL_GRADES },
          { name: 'satisfaction', label: '代表（委员）评价', type: 'select', required: true, options: SATISFACTION },
        ],
        effect: (f) => ({ grade: String(f.input.grade), satisfaction: String(f.input.satisfaction) }),
      },
    ],
  },
  clocks: proposalClocks,
  documents: [
    { id: 'answer', title: '建议（提案）答复函', available: (r) => r.reply !== null },
  ],
};

function proposalClocks(row: MatterColumns & { state: string }, local: Record<string, number>): ClockRun[] {
  const c = MATTER_CLOCKS.proposal;
  const coOpinion = withAmount(c.coOpinion, local[MATTER_CLOCK_RULE_IDS.proposal.coOpinion] ?? c.coOpinion.amount);
  // A co-handler's answer is its view sent to the lead unit, due on the co-handling period.
  if (row.role === 'co') return [{ spec: coOpinion, start: row.received_on, stoppedOn: row.concluded_on, main: true }];
  const runs: ClockRun[] = [{ spec: row.details.complex === true ? c.answerComplex : c.answer, start: row.received_on, stoppedOn: row.concluded_on, main: true }];
  const opinions = coOpinionsOf(row);
  if (opinions.length > 0) {
    const last = opinions.every((o) => o.receivedOn) ? opinions.map((o) => o.receivedOn!).sort().at(-1)! : null;
    runs.push({ spec: coOpinion, start: row.received_on, stoppedOn: last });
  }
  return runs;
}
