// Metrics of the matters on a legal clock (metrics.md, "Complaints, petitions, disputes",
// "Reconsideration, litigation, oversight" and the disclosure requests of "Openness"):
// SQL aggregates over the matters of the organisation subtree (one table, a `kind` per
// sort of matter) and over the judicial and procuratorial suggestions received. A matter
// belongs to the organisation that handles it (matters.org_id). Matters handled on the
// platform and imported history (source 'import') count alike.
//
// Counts place a record in the period by the date their definition names (received,
// accepted, concluded, assigned …); ratios are taken over the records concluded (answered,
// judged) in the period, except the disclosure answer rate, whose base is the requests
// due in the period. Where a figure describes a record's state (a reconsideration still
// pending, a request answered), it is the state at the end of the period, so the figures
// of a past year stay those its annual report printed.
//
// All the figures of one kind are declared as aggregates over the same records — the
// matters of that kind the period touches (see `touching`) — so the registry reads each
// kind once.
import { defineMetrics, type MetricAggregate, type MetricScope } from '../../platform/metrics/types';
import type { MatterKind } from '../../core/matters/clocks';
import { CORRECTING_OUTCOMES, HOTLINE_TYPES, LITIGATION_JUDGMENTS, RECONSIDERATION_OUTCOMES } from '../../core/matters/states';

/** Dates of a matter, each on or after its receipt, that place it in a period. */
type LaterDate = 'accepted_on' | 'concluded_on' | 'due_on' | 'hearing_on';

/** Records of the subtree ($1 = subtree path). */
const SUBTREE = (alias: string) => `${alias}.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $1 || '%')`;
const params = (s: MetricScope) => [s.orgPath, s.from, s.to];

/** A literal list from the platform's own codes (constants of the code, never input). */
const lit = (code: string) => `'${code.replace(/[^a-z_]/g, '')}'`;
const list = (codes: readonly string[]) => codes.map(lit).join(', ');

/** The matter's date falls in the period ($2, $3). */
const inPeriod = (column: 'received_on' | LaterDate) => `m.${column} BETWEEN $2::date AND $3::date`;
const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::int`;

/**
 * The matters of one kind in the subtree that the period touches: received in it, or with
 * one of the listed dates in it. Each of those dates comes on or after receipt, so every
 * such matter was received on or before the period's last day — the bound the (kind,
 * org_id, received_on) index reads — and each figure then picks its records by its date.
 */
function touching(kind: MatterKind, dates: readonly LaterDate[]): string {
  const any = ['received_on', ...dates].map((d) => `m.${d} >= $2::date`).join(' OR ');
  return `FROM matters m WHERE m.kind = ${lit(kind)} AND ${SUBTREE('m')} AND m.received_on <= $3::date AND (${any})`;
}
const over = (from: string) => (columns: MetricAggregate['columns']) => (s: MetricScope): MetricAggregate => ({ from, params: params(s), columns });

const RECEIVED = inPeriod('received_on');
const CONCLUDED = inPeriod('concluded_on');
/** Concluded on or before its due date (the deadline with extensions and pauses); without a due date it is not shown to be on time. */
const ON_TIME = 'm.concluded_on <= m.due_on';
const breakdownOf = (entries: readonly (readonly [string, string])[]) => `jsonb_build_object(${entries.map(([k, cond]) => `${lit(k)}, ${count(cond)}`).join(', ')})`;

// ── 12320 hotline ──────────────────────────────────────────────────────────────────────
const overHotline = over(touching('hotline', []));
const HOTLINE_KEYS = Object.keys(HOTLINE_TYPES);
const HOTLINE_NAMED = HOTLINE_KEYS.filter((k) => k !== 'other');

// ── Petitions (信访) ──────────────────────────────────────────────────────────────────
const overPetitions = over(touching('petition', ['concluded_on']));
/**
 * Petitions accepted and concluded in the period. A petition not accepted (不予受理, the
 * written notice ends it) is no petition handled: its decision runs on the acceptance
 * clock, not the conclusion deadline the rate measures.
 */
const PETITION_CONCLUDED = `${CONCLUDED} AND m.accepted_on IS NOT NULL`;

// ── Medical-dispute mediation ─────────────────────────────────────────────────────────
const overMediation = over(touching('mediation', ['accepted_on', 'concluded_on']));
/** Mediations concluded in the period (agreement or termination). */
const MEDIATION_CONCLUDED = `${CONCLUDED} AND m.outcome IN (${list(['agreement', 'terminated'])})`;

// ── Reconsideration (the commission as respondent) ────────────────────────────────────
const overReconsideration = over(touching('reconsideration', ['concluded_on']));
const RECONSIDERATION_FINAL = Object.keys(RECONSIDERATION_OUTCOMES).filter((k) => k !== 'pending');
/** Decided with this outcome by the end of the period. */
const decidedAs = (outcome: string) => `m.outcome = ${lit(outcome)} AND m.concluded_on <= $3::date`;
const RECONSIDERATION_BREAKDOWN = [
  ...RECONSIDERATION_FINAL.map((o) => [o, `${RECEIVED} AND ${decidedAs(o)}`] as const),
  ['pending', `${RECEIVED} AND NOT coalesce(m.outcome IN (${list(RECONSIDERATION_FINAL)}) AND m.concluded_on <= $3::date, false)`] as const,
];
const RECONSIDERATION_CONCLUDED = `${CONCLUDED} AND m.outcome IN (${list(RECONSIDERATION_FINAL)})`;

// ── Litigation (the commission as defendant) ──────────────────────────────────────────
const overLitigation = over(touching('litigation', ['concluded_on', 'hearing_on']));
const LITIGATION_CONCLUDED = `${CONCLUDED} AND m.outcome IN (${list(Object.keys(LITIGATION_JUDGMENTS).filter((k) => k !== 'pending'))})`;

// ── NPC suggestions and CPPCC proposals ───────────────────────────────────────────────
const overProposals = over(touching('proposal', ['concluded_on']));
const PROPOSAL_KEYS = ['npc_lead', 'npc_co', 'cppcc_lead', 'cppcc_co'] as const;

// ── Disclosure requests (依申请公开) ───────────────────────────────────────────────────
const overDisclosure = over(touching('disclosure', ['concluded_on', 'due_on']));
/**
 * Withdrawn: the applicant withdrew the request, or is deemed to have abandoned it (no
 * correction in time); it ends (concluded_on) without an answer being owed.
 */
const WITHDRAWN = "(m.state = 'withdrawn')";
/** Answered: concluded other than by withdrawal (with whatever answer type). */
const ANSWERED = `m.concluded_on IS NOT NULL AND NOT ${WITHDRAWN}`;
/** Owed an answer at the end of the period: not withdrawn by then. */
const OWED_AT_END = `NOT coalesce(${WITHDRAWN} AND m.concluded_on <= $3::date, false)`;

export const matterMetrics = defineMetrics([
  {
    id: 'hotline.calls.total', name: '热线受理量', nameEn: '12320 hotline records received', unit: 'count', periodDate: '受理日期',
    definition: '受理日期在统计期内登记的12320卫生热线来电（含网站、移动应用等渠道）件数，按类型（咨询、投诉举报、建议、表扬、预约挂号、其他）分列；未标明类型的计入“其他”。',
    breakdownKeys: HOTLINE_KEYS,
    aggregate: overHotline({
      value: count(RECEIVED),
      breakdown: breakdownOf([
        ...HOTLINE_NAMED.map((t) => [t, `${RECEIVED} AND m.subtype = ${lit(t)}`] as const),
        ['other', `${RECEIVED} AND (m.subtype IS NULL OR m.subtype NOT IN (${list(HOTLINE_NAMED)}))`],
      ]),
    }),
  },
  {
    id: 'petitions.total', name: '信访件数', nameEn: 'Petitions received', unit: 'count', periodDate: '登记日期',
    definition: '登记（收到）日期在统计期内的信访件数，含不予受理的。',
    aggregate: overPetitions({ value: count(RECEIVED) }),
  },
  {
    id: 'petitions.on_time_rate', name: '信访按时办结率', nameEn: 'Share of petitions concluded within the deadline', unit: 'ratio', periodDate: '办结日期',
    definition: '办结日期在统计期内、已受理的信访事项中，在办理期限（受理之日起60日，含依法延长的期限）内办结的比例；不予受理的不计入，未记载办理期限的不计为按时。',
    aggregate: overPetitions({ numerator: count(`${PETITION_CONCLUDED} AND ${ON_TIME}`), denominator: count(PETITION_CONCLUDED) }),
  },
  {
    id: 'petitions.satisfaction_rate', name: '信访满意率', nameEn: 'Share of evaluated petitions rated satisfied', unit: 'ratio', periodDate: '办结日期',
    definition: '办结日期在统计期内、信访人作出评价的信访事项中，评价为“满意”或“基本满意”的比例（按通行口径，基本满意计为满意；未评价的不计入）。',
    aggregate: overPetitions({
      numerator: count(`${CONCLUDED} AND m.satisfaction IN (${list(['satisfied', 'basically_satisfied'])})`),
      denominator: count(`${CONCLUDED} AND m.satisfaction IS NOT NULL`),
    }),
  },
  {
    id: 'mediation.reported', name: '医疗纠纷报案数', nameEn: 'Medical-dispute reports received', unit: 'count', periodDate: '报案日期',
    definition: '报案日期在统计期内收到的医疗纠纷报案数。',
    aggregate: overMediation({ value: count(RECEIVED) }),
  },
  {
    id: 'mediation.withdrawn_after_explanation', name: '释疑息诉数', nameEn: 'Reports closed after explanation', unit: 'count', periodDate: '息诉日期',
    definition: '息诉日期在统计期内、经向患方解惑释疑后患方息诉而了结的报案数。',
    aggregate: overMediation({ value: count(`${CONCLUDED} AND m.outcome = 'withdrawn_after_explanation'`) }),
  },
  {
    id: 'mediation.accepted', name: '受理数', nameEn: 'Disputes accepted for mediation', unit: 'count', periodDate: '受理日期',
    definition: '受理日期在统计期内受理调解的医疗纠纷数。',
    aggregate: overMediation({ value: count(inPeriod('accepted_on')) }),
  },
  {
    id: 'mediation.concluded', name: '调解结案数', nameEn: 'Mediations concluded', unit: 'count', periodDate: '结案日期',
    definition: '结案日期在统计期内、以达成调解协议或终止调解结案的医疗纠纷数（释疑息诉、引导诉讼或其他途径的不计入）。',
    aggregate: overMediation({ value: count(MEDIATION_CONCLUDED) }),
  },
  {
    id: 'mediation.success_rate', name: '调解成功率', nameEn: 'Share of concluded mediations ending in agreement', unit: 'ratio', periodDate: '结案日期',
    definition: '结案日期在统计期内调解结案（达成调解协议或终止调解）的医疗纠纷中，达成调解协议的比例。',
    aggregate: overMediation({ numerator: count(`${MEDIATION_CONCLUDED} AND m.outcome = 'agreement'`), denominator: count(MEDIATION_CONCLUDED) }),
  },
  {
    id: 'reconsideration.total', name: '行政复议案件数', nameEn: 'Reconsideration cases against the commission', unit: 'count', periodDate: '收到日期',
    definition: '本机关作为被申请人、收到（复议申请书副本）日期在统计期内的行政复议案件数，按统计期末的复议结果（维持、撤回、撤销、变更、确认违法、责令履行、驳回、在办）分列；统计期末尚未作出决定的计为在办。',
    breakdownKeys: Object.keys(RECONSIDERATION_OUTCOMES),
    aggregate: overReconsideration({ value: count(RECEIVED), breakdown: breakdownOf(RECONSIDERATION_BREAKDOWN) }),
  },
  {
    id: 'reconsideration.correction_rate', name: '复议纠错率', nameEn: 'Share of concluded reconsiderations correcting the act', unit: 'ratio', periodDate: '结案日期',
    definition: '结案日期在统计期内审结的行政复议案件（含申请人撤回而终止的）中，复议机关决定撤销、变更、确认违法或责令履行的比例。',
    aggregate: overReconsideration({
      numerator: count(`${RECONSIDERATION_CONCLUDED} AND m.outcome IN (${list(CORRECTING_OUTCOMES)})`),
      denominator: count(RECONSIDERATION_CONCLUDED),
    }),
  },
  {
    id: 'litigation.total', name: '行政诉讼案件数', nameEn: 'First-instance suits against the commission', unit: 'count', periodDate: '立案日期',
    definition: '本机关作为被告、立案日期在统计期内的一审行政诉讼案件数（每起诉讼计一次，上诉、再审不另计）。',
    aggregate: overLitigation({ value: count(RECEIVED) }),
  },
  {
    id: 'litigation.loss_rate', name: '败诉率', nameEn: 'Share of concluded suits lost', unit: 'ratio', periodDate: '审结日期',
    definition: '审结日期在统计期内审结（判决或裁定结案）的一审行政诉讼案件中，本机关败诉的比例；按通行口径以审结案件数为分母，原告撤诉的计入审结、不计为败诉。',
    aggregate: overLitigation({ numerator: count(`${LITIGATION_CONCLUDED} AND m.outcome = 'lost'`), denominator: count(LITIGATION_CONCLUDED) }),
  },
  {
    id: 'litigation.head_appearance_rate', name: '负责人出庭应诉率', nameEn: 'Share of hearings attended by the head', unit: 'ratio', periodDate: '开庭日期',
    definition: '开庭日期在统计期内的一审开庭审理案件中，本机关负责人（含副职负责人）出庭应诉的比例；未记载出庭情况的计为未出庭。',
    aggregate: overLitigation({ numerator: count(`${inPeriod('hearing_on')} AND m.head_appeared IS TRUE`), denominator: count(inPeriod('hearing_on')) }),
  },
  {
    id: 'oversight.procuratorial_suggestions', name: '检察建议数', nameEn: 'Procuratorial and judicial suggestions received', unit: 'count', periodDate: '收到日期',
    definition: '收到日期在统计期内、本机关收到的检察建议和司法建议数。',
    query: (s) => ({
      sql: `SELECT count(*)::int AS value FROM oversight_suggestions g WHERE ${SUBTREE('g')} AND g.received_on BETWEEN $2::date AND $3::date`,
      params: params(s),
    }),
  },
  {
    id: 'proposals.total', name: '建议提案件数', nameEn: 'NPC suggestions and CPPCC proposals assigned', unit: 'count', periodDate: '交办日期',
    definition: '交办日期在统计期内交本机关办理的人大代表建议和政协委员提案件数，按人大建议主办、人大建议协办（会办）、政协提案主办、政协提案协办分列。',
    breakdownKeys: PROPOSAL_KEYS,
    aggregate: overProposals({
      value: count(RECEIVED),
      breakdown: breakdownOf(PROPOSAL_KEYS.map((k) => {
        const [kind, role] = k.split('_');
        return [k, `${RECEIVED} AND m.subtype = ${lit(kind)} AND m.role = ${lit(role)}`] as const;
      })),
    }),
  },
  {
    id: 'proposals.lead_grade_a', name: '主办件A类数', nameEn: 'Lead-handled items graded A', unit: 'count', periodDate: '交办日期',
    definition: '交办日期在统计期内、本机关主办的建议提案中，办理结果评定为A类（已解决或采纳）的件数。',
    aggregate: overProposals({ value: count(`${RECEIVED} AND m.role = 'lead' AND m.grade = 'A'`) }),
  },
  {
    id: 'proposals.on_time_rate', name: '按时答复率', nameEn: 'Share of items answered by the deadline', unit: 'ratio', periodDate: '答复日期',
    definition: '答复日期在统计期内答复的建议提案中，在答复期限（交办之日起3个月，重大复杂的6个月）内答复的比例；未记载答复期限的不计为按时。',
    aggregate: overProposals({ numerator: count(`${CONCLUDED} AND ${ON_TIME}`), denominator: count(CONCLUDED) }),
  },
  {
    id: 'disclosure.requests.total', name: '依申请公开件数', nameEn: 'Disclosure requests received', unit: 'count', periodDate: '收到申请日期',
    definition: '收到申请日期在统计期内的政府信息公开申请件数，含申请人撤回或视为放弃申请的。',
    aggregate: overDisclosure({ value: count(RECEIVED) }),
  },
  {
    id: 'disclosure.requests.answer_rate', name: '答复率', nameEn: 'Share of requests due in the period answered', unit: 'ratio', periodDate: '答复期限届满日',
    definition: '答复期限（含依法延长，扣除征求第三方意见等不计入期限的时间）届满日在统计期内的申请中，统计期末已答复的比例；统计期末前申请人已撤回或视为放弃申请的不计入。',
    aggregate: overDisclosure({
      numerator: count(`${inPeriod('due_on')} AND ${ANSWERED} AND m.concluded_on <= $3::date`),
      denominator: count(`${inPeriod('due_on')} AND ${OWED_AT_END}`),
    }),
  },
  {
    id: 'disclosure.requests.on_time_rate', name: '答复及时率', nameEn: 'Share of answers within the statutory deadline', unit: 'ratio', periodDate: '答复日期',
    definition: '答复日期在统计期内答复的申请中，在法定期限（收到申请之日起20个工作日，经批准延长的再加不超过20个工作日，征求第三方意见等时间不计入）内答复的比例；申请人撤回或视为放弃申请的不计入。',
    aggregate: overDisclosure({
      numerator: count(`${CONCLUDED} AND ${ANSWERED} AND ${ON_TIME}`),
      denominator: count(`${CONCLUDED} AND ${ANSWERED}`),
    }),
  },
]);
