// The annual rule-of-law report (法治政府建设年度报告) as the commissions write it (../seeds):
// a title, an opening paragraph, 一、主要举措和成效 by area, 二、存在的不足和原因,
// 三、党政主要负责人履行推进法治建设第一责任人职责情况, 四、下一年度工作安排.
//
// Pure: given the metric values of the year and of the year before (as the registry
// computed them), the names of the breakdown categories and the work-plan targets, it
// writes the content. A section is a list of blocks: a figures block holds sentences
// filled from the metrics (each sentence knows the metric ids it states; regenerated
// from the records every time), a narrative block holds text the staff write (kept by
// its id across regenerations).
//
// Choices that hold for every sentence:
// - A metric that is not in the registry, or whose value is null (a ratio without a
//   denominator), is left out of the sentence, and so is a count or an amount of zero
//   (nothing happened: the reports do not list it); a sentence left with nothing is
//   omitted. No figure is ever written that the records did not give.
// - A breakdown is printed only when it adds up to the total and every category it
//   names has a name; categories with nothing are not listed.
// - Counts and amounts are compared with the previous year ("同比增长12.50%") when the
//   previous year had a value other than zero; rates by percentage points.
import type { PlanTargetValue } from '../workplans/outline';
import { changeOfAmount, changeOfRate, formatCount, formatDays, formatMoney, formatPercent, percentHundredths } from './format';

/** One metric as the registry computes it (src/platform/metrics/types.ts MetricValue). */
export interface Figure {
  id: string;
  name: string;
  unit: 'count' | 'yuan' | 'ratio' | 'days' | 'per10k';
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  breakdown?: Record<string, number>;
}

/** A work-plan task's KPI target with its live value (modules/workplans planTargetsWithValues). */
export type PlanTarget = PlanTargetValue;

export interface Sentence { text: string; metricIds: string[] }
export type ReportBlock =
  | { type: 'figures'; id: string; sentences: Sentence[] }
  | { type: 'narrative'; id: string; text: string; edited?: boolean };
export interface ReportSection { id: string; heading: string; blocks: ReportBlock[]; subsections?: ReportSection[] }
export interface ReportContent { title: string; orgName: string; year: number; sections: ReportSection[] }

export interface ReportInput {
  orgName: string;
  year: number;
  /** This year's metrics by id: only metrics the registry has. */
  current: Record<string, Figure>;
  /** Last year's metrics by id. */
  previous: Record<string, Figure>;
  /** Names of breakdown categories, by metric id then category code. */
  breakdownNames: Record<string, Record<string, string>>;
  /** Metrics whose breakdown may count a record in several categories (never printed as 其中). */
  nonAdditive: ReadonlySet<string>;
  /** Rates where lower is better (a loss rate): a rise is the shortfall, not a fall. */
  lowerIsBetter: ReadonlySet<string>;
  /** The work plan's targets for the year, or null when there is no work-plan module. */
  targets: PlanTarget[] | null;
}

// ---------------------------------------------------------------------------------------
// Clauses

interface Ctx extends ReportInput {}
type Piece = { text: string; ids: string[] };
type Clause = (c: Ctx) => Piece | null;

const valueOf = (c: Ctx, id: string): Figure | null => {
  const f = c.current[id];
  return f && f.value !== null && Number.isFinite(f.value) ? f : null;
};
const previousValue = (c: Ctx, id: string): number | null => c.previous[id]?.value ?? null;
const paren = (s: string | null) => (s ? `（${s}）` : '');

/**
 * The breakdown of a count as "公共卫生类1003件、医疗机构执业类542件", or null when it must
 * not be printed: no breakdown, a non-additive one, one that does not add up to the total,
 * or a category without a name.
 */
export function breakdownText(f: Figure, names: Record<string, string> | undefined, unit: string, nonAdditive = false): string | null {
  if (!f.breakdown || nonAdditive || f.value === null || !names) return null;
  const entries = Object.entries(f.breakdown);
  const sum = entries.reduce((s, [, v]) => s + v, 0);
  if (Math.round(sum * 100) !== Math.round(f.value * 100)) return null;
  const shown = entries.filter(([, v]) => v !== 0);
  if (shown.length === 0 || shown.some(([k]) => !names[k])) return null;
  // In the order the names are declared (the definition's order), not the database's.
  const order = Object.keys(names);
  shown.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const fmt = f.unit === 'yuan' ? (v: number) => formatMoney(v) : (v: number) => `${formatCount(v)}${unit}`;
  return shown.map(([k, v]) => `${names[k]}${fmt(v)}`).join('、');
}

/** "<lead>3727件（同比增长12.50%），其中：公共卫生类1003件、…" */
const amount = (id: string, lead: string, unit: string, opts: { breakdown?: boolean } = {}): Clause => (c) => {
  const f = valueOf(c, id);
  // Nothing counted, nothing said: a report does not list what did not happen.
  if (!f || f.value === 0) return null;
  const v = f.value!;
  const shown = f.unit === 'yuan' ? formatMoney(v) : `${formatCount(v)}${unit}`;
  const parts = opts.breakdown ? breakdownText(f, c.breakdownNames[id], unit, c.nonAdditive.has(id)) : null;
  return { text: `${lead}${shown}${paren(changeOfAmount(v, previousValue(c, id)))}${parts ? `，其中：${parts}` : ''}`, ids: [id] };
};

/** "<lead>97.58%（同比提高1.20个百分点）" */
const rate = (id: string, lead: string): Clause => (c) => {
  const f = valueOf(c, id);
  if (!f) return null;
  return { text: `${lead}${formatPercent(f.value!)}${paren(changeOfRate(f.value!, previousValue(c, id)))}`, ids: [id] };
};

const days = (id: string, lead: string): Clause => (c) => {
  const f = valueOf(c, id);
  return f ? { text: `${lead}${formatDays(f.value!)}`, ids: [id] } : null;
};

const per10k = (id: string, lead: string, unit: string): Clause => (c) => {
  const f = valueOf(c, id);
  return f ? { text: `${lead}${f.value!.toFixed(2)}${unit}`, ids: [id] } : null;
};

/** One category of a breakdown, e.g. the collective law-study sessions among the trainings. */
const category = (id: string, key: string, lead: string, unit: string): Clause => (c) => {
  const f = valueOf(c, id);
  const v = f?.breakdown?.[key];
  return v === undefined || v === 0 ? null : { text: `${lead}${formatCount(v)}${unit}`, ids: [id] };
};

/**
 * A non-additive breakdown as its own list, e.g. the decisions by sanction kind (a decision
 * with several kinds counts in each): "警告1件、罚款3件" after the lead. Only categories
 * counted, in the names' order; nothing when a category has no name.
 */
const kinds = (id: string, lead: string, unit: string): Clause => (c) => {
  const f = valueOf(c, id);
  const names = c.breakdownNames[id];
  if (!f || !f.breakdown || !names) return null;
  const shown = Object.entries(f.breakdown).filter(([, v]) => v !== 0);
  if (shown.length === 0 || shown.some(([k]) => !names[k])) return null;
  const order = Object.keys(names);
  shown.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  return { text: `${lead}${shown.map(([k, v]) => `${names[k]}${formatCount(v)}${unit}`).join('、')}`, ids: [id] };
};

interface SentenceSpec { prefix?: string; clauses: Clause[] }
const sentence = (prefix: string | undefined, ...clauses: Clause[]): SentenceSpec => ({ prefix, clauses });

function writeSentence(c: Ctx, spec: SentenceSpec): Sentence | null {
  const pieces = spec.clauses.map((cl) => cl(c)).filter((p): p is Piece => p !== null);
  if (pieces.length === 0) return null;
  return { text: `${spec.prefix ?? ''}${pieces.map((p) => p.text).join('，')}。`, metricIds: [...new Set(pieces.flatMap((p) => p.ids))] };
}

// ---------------------------------------------------------------------------------------
// The areas of 一、主要举措和成效

interface Area { id: string; heading: string; sentences: (year: number) => SentenceSpec[]; narrative: string }

export const AREAS: readonly Area[] = [
  {
    id: 'licensing', heading: '政务服务与行政许可',
    sentences: (y) => [
      sentence(`${y}年`, amount('licensing.applications.total', '共完成各类卫生行政许可', '件', { breakdown: true })),
      sentence('全年', amount('licensing.online.count', '网办件', '件'), rate('licensing.online_rate', '网办率')),
      sentence(undefined, rate('licensing.instant_rate', '即办率'), rate('licensing.on_time_rate', '按时办结率'), rate('licensing.no_proof_rate', '无证明办件率'), rate('licensing.satisfaction_rate', '好评率')),
      sentence(undefined, amount('licensing.commitment.count', '以告知承诺制办结', '件'), amount('licensing.deficiency_acceptance.count', '容缺受理', '件'), amount('licensing.e_licence_reuse.count', '引用电子证照', '件')),
      sentence(undefined, amount('licensing.catalogue.items', '政务服务事项', '项'), rate('licensing.time_compression_rate', '承诺办结时限较法定时限平均压缩')),
    ],
    narrative: '持续深化“放管服”改革，推进政务服务标准化、规范化、便利化。',
  },
  {
    id: 'inspection', heading: '监督检查与“双随机、一公开”',
    sentences: (y) => [
      sentence(`${y}年`, amount('inspection.visits.total', '共完成监督检查', '户次'), amount('inspection.entities.distinct', '检查单位', '户'), amount('inspection.inspector_times', '出动执法人员', '人次')),
      sentence(undefined, amount('inspection.random.tasks.assigned', '受领随机抽查任务', '件', { breakdown: true }), rate('inspection.random.tasks.completion_rate', '任务完成率')),
      sentence(undefined, amount('inspection.random.entities', '完成随机抽检', '户'), rate('inspection.random_share', '双随机抽查占监督检查的'), rate('inspection.joint_random_rate', '联合随机抽查率'),
        rate('inspection.results_published_on_time_rate', '抽查结果按时公示率'), rate('inspection.credit_applied_rate', '信用分类结果应用率')),
    ],
    narrative: '统筹推进“双随机、一公开”监管，加强事中事后监管。',
  },
  {
    id: 'enforcement', heading: '行政执法与“三项制度”',
    sentences: (y) => [
      sentence(`${y}年`, amount('enforcement.cases.opened', '立案查处违法案件', '件'), amount('enforcement.cases.closed', '结案', '件', { breakdown: true })),
      sentence(undefined, amount('enforcement.penalty_decisions', '作出行政处罚决定', '件'), amount('enforcement.entities_penalized', '涉及当事人', '个'),
        amount('enforcement.fines.decided', '罚款', ''), amount('enforcement.fines.collected', '实际罚没', ''), amount('enforcement.confiscation', '没收违法所得', '')),
      sentence('按处罚种类分（一个决定给予多种处罚的分别计入），', kinds('enforcement.sanctions', '', '件')),
      sentence(undefined, amount('enforcement.transfers', '移送涉嫌犯罪案件', '件')),
      sentence(undefined, amount('enforcement.major.count', '报请重大执法决定法制审核', '件'), rate('enforcement.major.submission_rate', '报请率为'), rate('enforcement.major.review_rate', '法制审核率为')),
      sentence(undefined, rate('enforcement.publicity.on_time_rate', '行政处罚决定按时公示率'), rate('enforcement.discretion_coverage', '高频处罚事项裁量基准细化量化率'), days('enforcement.decision_time.median', '立案至决定办案时长中位数为')),
    ],
    narrative: '严格落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，规范行政执法行为。',
  },
  {
    id: 'hotline', heading: '投诉举报与12320热线',
    sentences: (y) => [sentence(`${y}年`, amount('hotline.calls.total', '12320卫生健康热线受理来电', '件次', { breakdown: true }))],
    narrative: '畅通投诉举报渠道，依法及时处理群众诉求。',
  },
  {
    id: 'petitions', heading: '信访与医疗纠纷调解',
    sentences: (y) => [
      sentence(`${y}年`, amount('petitions.total', '受理各类信访件', '件'), rate('petitions.on_time_rate', '按时办结率'), rate('petitions.satisfaction_rate', '满意率')),
      sentence(undefined, amount('mediation.reported', '受理医疗纠纷报案', '件'), amount('mediation.withdrawn_after_explanation', '释疑息诉', '件'), amount('mediation.accepted', '受理调解', '件'),
        amount('mediation.concluded', '调解结案', '件'), rate('mediation.success_rate', '调解成功率')),
    ],
    narrative: '坚持依法分类处理信访诉求，完善医疗纠纷多元化解机制。',
  },
  {
    id: 'review', heading: '行政复议与行政应诉',
    sentences: (y) => [
      sentence(`${y}年`, amount('reconsideration.total', '行政复议', '件', { breakdown: true }), rate('reconsideration.correction_rate', '复议纠错率')),
      sentence(undefined, amount('litigation.total', '行政诉讼', '件'), rate('litigation.loss_rate', '败诉率'), rate('litigation.head_appearance_rate', '负责人出庭应诉率')),
      sentence(undefined, amount('oversight.procuratorial_suggestions', '收到检察建议和司法建议', '件')),
    ],
    narrative: '认真做好行政复议答复和行政应诉工作，依法履行生效裁判。',
  },
  {
    id: 'proposals', heading: '建议提案',
    sentences: (y) => [
      sentence(`${y}年`, amount('proposals.total', '承办人大代表建议和政协委员提案', '件', { breakdown: true }), amount('proposals.lead_grade_a', '主办件评为A类', '件'), rate('proposals.on_time_rate', '按时答复率')),
    ],
    narrative: '认真办理人大代表建议和政协委员提案，加强与代表委员的沟通。',
  },
  {
    id: 'openness', heading: '政务公开',
    sentences: (y) => [
      sentence(`${y}年`, amount('disclosure.proactive.count', '主动公开政府信息', '条', { breakdown: true })),
      sentence(undefined, amount('disclosure.requests.total', '受理政府信息公开申请', '件'), rate('disclosure.requests.answer_rate', '答复率'), rate('disclosure.requests.on_time_rate', '答复及时率')),
    ],
    narrative: '深化政务公开，依法做好政府信息主动公开和依申请公开工作。',
  },
  {
    id: 'rulemaking', heading: '制度建设与合法性审查',
    sentences: (y) => [
      sentence(`${y}年`, amount('normative_docs.issued', '制发规范性文件', '件'), amount('normative_docs.cleaned', '清理文件', '件')),
      sentence(undefined, rate('review.coverage', '合法性审查覆盖率'), rate('review.fair_competition_rate', '公平竞争审查率')),
    ],
    narrative: '严格规范性文件合法性审查和备案，健全依法决策机制。',
  },
  {
    id: 'people', heading: '执法队伍、学法用法与普法',
    sentences: (y) => [
      sentence(`截至${y}年底，`, amount('staff.inspectors.active', '在岗执法人员', '名'), per10k('staff.inspectors.per10k', '每万人口卫生监督员', '名')),
      sentence(`${y}年`, amount('training.sessions', '组织培训和学法活动', '场次', { breakdown: true })),
      sentence(undefined, amount('popularization.activities', '开展普法活动', '次', { breakdown: true }), amount('popularization.participants', '参与', '人次')),
    ],
    narrative: '落实“谁执法谁普法”普法责任制，加强执法队伍建设和法治宣传教育。',
  },
];

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

// ---------------------------------------------------------------------------------------
// 二、存在的不足和原因

const COMPARATOR_WORDS: Record<string, string> = {
  '>=': '不低于', '≥': '不低于', gte: '不低于', '>': '高于', gt: '高于',
  '<=': '不高于', '≤': '不高于', lte: '不高于', '<': '低于', lt: '低于', '=': '达到', '==': '达到', eq: '达到',
};

function targetValue(unit: string, v: number): string {
  switch (unit) {
    case 'ratio': return formatPercent(v);
    case 'yuan': return formatMoney(v);
    case 'days': return formatDays(v);
    case 'per10k': return v.toFixed(2);
    default: return formatCount(v);
  }
}

/** "工作要点“…”第3项确定的网办率目标为不低于90.00%，实际为85.00%，未达到目标。" */
export function missedTargetSentence(t: PlanTarget): Sentence | null {
  if (t.met !== false || t.value === null) return null;
  const task = t.taskText.length > 40 ? `${t.taskText.slice(0, 40)}……` : t.taskText;
  const comparator = COMPARATOR_WORDS[t.comparator] ?? t.comparator;
  return {
    text: `《${t.planTitle}》第${t.taskNumber}项任务（${task}）确定的${t.metricName}目标为${comparator}${targetValue(t.unit, t.target)}，实际为${targetValue(t.unit, t.value)}，未达到目标。`,
    metricIds: [t.metricId],
  };
}

/** Rates that moved the wrong way against last year: a fall, or a rise of a rate where lower is better. */
function worsenedRates(c: Ctx): Sentence[] {
  const out: Sentence[] = [];
  for (const f of Object.values(c.current)) {
    if (f.unit !== 'ratio' || f.value === null) continue;
    const prev = previousValue(c, f.id);
    if (prev === null) continue;
    const points = (percentHundredths(f.value) - percentHundredths(prev)) / 100;
    const worse = c.lowerIsBetter.has(f.id) ? points > 0 : points < 0;
    if (!worse) continue;
    out.push({ text: `${f.name}为${formatPercent(f.value)}，较上年的${formatPercent(prev)}${points > 0 ? '上升' : '下降'}${Math.abs(points).toFixed(2)}个百分点。`, metricIds: [f.id] });
  }
  return out;
}

function shortfallSentences(c: Ctx): Sentence[] {
  const missed = (c.targets ?? []).map(missedTargetSentence).filter((s): s is Sentence => s !== null);
  const gap = valueOf(c, 'staff.inspectors.gap');
  const staff: Sentence[] = gap && gap.value! > 0
    ? [{ text: `执法人员配备不足，按每万人口卫生监督员配备标准尚缺${formatCount(gap.value!)}名。`, metricIds: ['staff.inspectors.gap'] }]
    : [];
  return [...missed, ...worsenedRates(c), ...staff];
}

// ---------------------------------------------------------------------------------------
// The report

export const NARRATIVE_DEFAULTS = {
  shortfalls: '对照法治政府建设的目标任务，工作中仍存在一些薄弱环节，需要在今后的工作中加以改进。',
  leaders: '主要负责人认真履行推进法治建设第一责任人职责，将法治建设纳入全局工作统筹部署。',
  nextYear: '下一年度将继续深入推进法治政府建设，着力补齐短板弱项。',
} as const;

export const reportTitle = (orgName: string, year: number) => `${orgName}${year}年法治政府建设年度报告`;

function openingText(orgName: string, year: number): string {
  return `${year}年，${orgName}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实法治政府建设各项任务。现将${year}年法治政府建设情况报告如下。`;
}

const figures = (id: string, c: Ctx, specs: SentenceSpec[]): ReportBlock =>
  ({ type: 'figures', id, sentences: specs.map((s) => writeSentence(c, s)).filter((s): s is Sentence => s !== null) });
const narrative = (id: string, text: string): ReportBlock => ({ type: 'narrative', id, text, edited: false });

/** Writes the report from the figures; narratives take their default texts (see keepNarratives). */
export function buildReport(input: ReportInput): ReportContent {
  const c: Ctx = input;
  const y = input.year;
  const areas: ReportSection[] = AREAS.map((a, i) => ({
    id: `area.${a.id}`, heading: `（${NUMERALS[i]}）${a.heading}`,
    blocks: [figures(`area.${a.id}.figures`, c, a.sentences(y)), narrative(`area.${a.id}.narrative`, a.narrative)],
  }));
  return {
    title: reportTitle(input.orgName, y), orgName: input.orgName, year: y,
    sections: [
      { id: 'opening', heading: '', blocks: [narrative('opening', openingText(input.orgName, y))] },
      { id: 'achievements', heading: '一、主要举措和成效', blocks: [], subsections: areas },
      {
        id: 'shortfalls', heading: '二、存在的不足和原因',
        blocks: [{ type: 'figures', id: 'shortfalls.figures', sentences: shortfallSentences(c) }, narrative('shortfalls.narrative', NARRATIVE_DEFAULTS.shortfalls)],
      },
      {
        id: 'leaders', heading: '三、党政主要负责人履行推进法治建设第一责任人职责情况',
        blocks: [
          figures('leaders.figures', c, [sentence(`${y}年`, category('training.sessions', 'law_study', '组织领导干部集体学法', '次'), category('training.sessions', 'constitution_oath', '组织宪法宣誓', '次'))]),
          narrative('leaders.narrative', NARRATIVE_DEFAULTS.leaders),
        ],
      },
      { id: 'next_year', heading: '四、下一年度工作安排', blocks: [narrative('next_year.narrative', NARRATIVE_DEFAULTS.nextYear)] },
    ],
  };
}

/** Every block of the content, in reading order. */
export function allBlocks(content: ReportContent): ReportBlock[] {
  const walk = (s: ReportSection): ReportBlock[] => [...s.blocks, ...(s.subsections ?? []).flatMap(walk)];
  return content.sections.flatMap(walk);
}

/** The narratives of `previous` carried into freshly generated content, by block id. */
export function keepNarratives(fresh: ReportContent, previous: ReportContent | null): ReportContent {
  if (!previous) return fresh;
  const kept = new Map(allBlocks(previous).filter((b) => b.type === 'narrative').map((b) => [b.id, b]));
  const carry = (s: ReportSection): ReportSection => ({
    ...s,
    blocks: s.blocks.map((b) => {
      const old = kept.get(b.id);
      return b.type === 'narrative' && old?.type === 'narrative' ? { ...b, text: old.text, edited: old.edited ?? true } : b;
    }),
    ...(s.subsections ? { subsections: s.subsections.map(carry) } : {}),
  });
  return { ...fresh, sections: fresh.sections.map(carry) };
}

/** The content with narrative texts replaced; throws on an id that is not a narrative block. */
export function withNarratives(content: ReportContent, changes: Record<string, string>): ReportContent {
  const ids = new Set(allBlocks(content).filter((b) => b.type === 'narrative').map((b) => b.id));
  const unknown = Object.keys(changes).filter((id) => !ids.has(id));
  if (unknown.length) throw new RangeError(unknown.join(', '));
  const edit = (s: ReportSection): ReportSection => ({
    ...s,
    blocks: s.blocks.map((b) => (b.type === 'narrative' && b.id in changes ? { ...b, text: changes[b.id], edited: true } : b)),
    ...(s.subsections ? { subsections: s.subsections.map(edit) } : {}),
  });
  return { ...content, sections: content.sections.map(edit) };
}

/** The paragraphs of a block as the document prints them (a figures block is one paragraph). */
export function blockParagraphs(b: ReportBlock): string[] {
  if (b.type === 'figures') return b.sentences.length ? [b.sentences.map((s) => s.text).join('')] : [];
  return b.text.split(/\r?\n/).map((p) => p.trim()).filter((p) => p !== '');
}

/** The report as plain text: the title, then headings and paragraphs, one a line. */
export function reportText(content: ReportContent): string {
  const lines: string[] = [content.title];
  const walk = (s: ReportSection) => {
    if (s.heading) lines.push(s.heading);
    for (const b of s.blocks) lines.push(...blockParagraphs(b));
    for (const sub of s.subsections ?? []) walk(sub);
  };
  content.sections.forEach(walk);
  return lines.join('\n');
}
