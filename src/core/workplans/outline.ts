// A year's work plan (工作要点) read from its text: the title (the first line ending in
// 工作要点), the introductory paragraph, the sections (一、二、…), the numbered tasks
// ("1." "1、" "（1）"), each task's units from the square brackets that end it
// ([委政策法规处、相关处室,委属各单位] or 【…】: the first named unit leads, the others
// support), and the KPI targets its text states for a small table of known phrases
// ("无证明”率90%以上" → licensing.no_proof_rate ≥ 0.9). Pure: the text in, the outline out.
//
// What a published plan carries around it on a website is dropped: the navigation and
// index lines at the top (">", 索引号, 成文日期, 有效性) and the "朗读" button's line at
// the end.

export const COMPARATORS = ['>=', '>', '<=', '<', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const COMPARATOR_NAMES: Record<Comparator, string> = { '>=': '不低于', '>': '高于', '<=': '不高于', '<': '低于', '=': '等于' };

export type UnitRole = 'lead' | 'support';

export interface OutlineUnit { name: string; role: UnitRole }

export interface OutlineTarget {
  metricId: string;
  comparator: Comparator;
  /** Ratios as 0..1 (90% → 0.9). */
  target: number;
  /** The words of the task the target was read from, e.g. "“无证明”率90%以上". */
  phrase: string;
}

export interface OutlineTask {
  number: number;
  text: string;
  /** The bracket's text as written, without the brackets ('' when the task names none). */
  unitsText: string;
  units: OutlineUnit[];
  targets: OutlineTarget[];
}

export interface OutlineSection { heading: string; tasks: OutlineTask[] }

export interface Outline {
  title: string;
  intro: string;
  sections: OutlineSection[];
  /** What the reader could not place or had to change, in Chinese, for the preview. */
  warnings: string[];
}

const HEADER_LINE = /^(>|＞|索引号|成文日期|有效性)/;
const TRAILER_LINE = /^朗读$/;
const SECTION_LINE = /^([一二三四五六七八九十]{1,3})[、．.]\s*(.+)$/;
const TASK_LINE = /^(?:(\d{1,3})(?:[.．](?!\d)|、)|[（(](\d{1,3})[）)])\s*(.+)$/;
const TITLE_LINE = /工作要点[”"』」]?$/;
/** The units' bracket closing a task (a full stop after it is tolerated). */
const UNITS_BRACKET = /[[【]([^[\]【】]*)[\]】]\s*[。.；;]?\s*$/;
const UNIT_SEPARATORS = /[、，,;；]/;

/** Lines of a text: trimmed (full-width spaces too), empty ones dropped. */
export function outlineLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')).filter((l) => l !== '');
}

/** "委政策法规处、相关处室,委属各单位" → the units in order, the first leading; "等" (etc.) after a name is dropped. */
export function parseUnits(unitsText: string): OutlineUnit[] {
  const names: string[] = [];
  for (const raw of unitsText.split(UNIT_SEPARATORS)) {
    let name = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (name.length > 1 && name.endsWith('等')) name = name.slice(0, -1);
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names.map((name, i) => ({ name, role: i === 0 ? 'lead' : 'support' }));
}

/** A task's text split into its own words and the units' bracket. */
export function splitUnits(text: string): { text: string; unitsText: string; units: OutlineUnit[] } {
  const m = UNITS_BRACKET.exec(text);
  if (!m) return { text, unitsText: '', units: [] };
  const unitsText = m[1].trim();
  return { text: text.slice(0, m.index).trim(), unitsText, units: parseUnits(unitsText) };
}

// ---------------------------------------------------------------------------------------------
// Targets

/** A percentage with the words that compare it: 低于6%, 90%以上, 100%. */
const PCT = String.raw`(?<before>不低于|不少于|不高于|不超过|低于|少于|高于|超过|达到|达)?\s*(?<num>\d{1,3}(?:\.\d+)?)\s*[%％]\s*(?<after>以上|以下|以内)?`;
/** Words between a phrase and its figure: within one clause, never past another figure. */
const GAP = (max: number) => `[^。；;%％]{0,${max}}?`;
const SHORT = (max: number) => `[^。；;%％\\d]{0,${max}}?`;

interface PhraseRule { metricId: string; patterns: RegExp[] }

/**
 * Known phrases of work plans and the metric each states a target for (metrics.md ids).
 * A phrase counts only with a percentage in the same clause.
 */
export const TARGET_PHRASES: PhraseRule[] = [
  { metricId: 'licensing.no_proof_rate', patterns: [new RegExp(`无证明${SHORT(8)}${PCT}`)] },
  { metricId: 'litigation.loss_rate', patterns: [new RegExp(`败诉率${SHORT(6)}${PCT}`)] },
  { metricId: 'litigation.head_appearance_rate', patterns: [new RegExp(`出庭应诉率${SHORT(6)}${PCT}`)] },
  { metricId: 'enforcement.discretion_coverage', patterns: [new RegExp(`裁量权?基准细化量化率${SHORT(6)}${PCT}`)] },
  { metricId: 'inspection.credit_applied_rate', patterns: [new RegExp(`信用分类结果应用率${SHORT(6)}${PCT}`)] },
  { metricId: 'inspection.joint_random_rate', patterns: [new RegExp(`联合随机抽查(?:监管)?率${SHORT(6)}${PCT}`)] },
  { metricId: 'inspection.random_share', patterns: [new RegExp(`双随机${GAP(12)}占比${SHORT(6)}${PCT}`)] },
  { metricId: 'review.coverage', patterns: [new RegExp(`合法性审查${GAP(20)}${PCT}\\s*覆盖`), new RegExp(`合法性审查${GAP(20)}覆盖率?${SHORT(4)}${PCT}`)] },
  { metricId: 'review.fair_competition_rate', patterns: [new RegExp(`公平竞争审查${GAP(24)}${PCT}`)] },
];

function comparatorOf(before: string | undefined, after: string | undefined): Comparator {
  switch (before) {
    case '低于': case '少于': return '<';
    case '高于': case '超过': return '>';
    case '不高于': case '不超过': return '<=';
    case '不低于': case '不少于': case '达到': case '达': return '>=';
    default: break;
  }
  if (after === '以下' || after === '以内') return '<=';
  // "X%以上" and a bare "100%" both set a floor.
  return '>=';
}

/** The targets a task's text states, one per metric, in the order of the phrase table. */
export function findTargets(text: string): OutlineTarget[] {
  const out: OutlineTarget[] = [];
  for (const rule of TARGET_PHRASES) {
    for (const re of rule.patterns) {
      const m = re.exec(text);
      if (!m?.groups) continue;
      const pct = Number(m.groups.num);
      if (!Number.isFinite(pct) || pct > 100) continue;
      out.push({ metricId: rule.metricId, comparator: comparatorOf(m.groups.before, m.groups.after), target: Number((pct / 100).toFixed(6)), phrase: m[0] });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The outline

/** Reads a plan from its text (or from its paragraphs, one per line). */
export function parseOutline(input: string | readonly string[]): Outline {
  let lines = typeof input === 'string' ? outlineLines(input) : input.flatMap(outlineLines);
  const warnings: string[] = [];
  // The website's header lines come before the title; its "朗读" line after the text.
  lines = lines.filter((l) => !HEADER_LINE.test(l));
  while (lines.length && TRAILER_LINE.test(lines[lines.length - 1])) lines.pop();

  const firstBody = lines.findIndex((l) => SECTION_LINE.test(l) || TASK_LINE.test(l));
  const head = firstBody < 0 ? lines : lines.slice(0, firstBody);
  let titleAt = head.findIndex((l) => TITLE_LINE.test(l));
  if (titleAt < 0) {
    titleAt = head.length ? 0 : -1;
    if (titleAt === 0) warnings.push('没有找到以“工作要点”结尾的标题行，已将第一行作为标题');
  }
  const title = titleAt >= 0 ? head[titleAt] : '';
  if (!title) warnings.push('没有找到标题');
  const intro = titleAt >= 0 ? head.slice(titleAt + 1).join('\n') : '';

  const sections: OutlineSection[] = [];
  let task: { number: number; parts: string[] } | null = null;
  const tasksOf: { heading: string; raw: { number: number; parts: string[] }[] }[] = [];
  for (const line of firstBody < 0 ? [] : lines.slice(firstBody)) {
    const s = SECTION_LINE.exec(line);
    if (s) {
      tasksOf.push({ heading: s[2].trim(), raw: [] });
      task = null;
      continue;
    }
    const t = TASK_LINE.exec(line);
    if (t) {
      if (tasksOf.length === 0) {
        tasksOf.push({ heading: '工作任务', raw: [] });
        warnings.push('第一个任务之前没有章节标题（一、二、…），已归入“工作任务”一节');
      }
      task = { number: Number(t[1] ?? t[2]), parts: [t[3].trim()] };
      tasksOf[tasksOf.length - 1].raw.push(task);
      continue;
    }
    // A paragraph that is neither a heading nor a task continues the task before it.
    if (task) task.parts.push(line);
    else warnings.push(`无法归入任务的段落已忽略：${line.slice(0, 30)}${line.length > 30 ? '…' : ''}`);
  }

  let n = 0;
  let renumbered = false;
  for (const sec of tasksOf) {
    const tasks: OutlineTask[] = [];
    for (const raw of sec.raw) {
      n++;
      if (raw.number !== n) renumbered = true;
      const { text, unitsText, units } = splitUnits(raw.parts.join(''));
      if (units.length === 0) warnings.push(`第${n}项任务没有写明牵头和配合单位（句末方括号）`);
      tasks.push({ number: n, text, unitsText, units, targets: findTargets(text) });
    }
    if (tasks.length === 0) warnings.push(`章节“${sec.heading}”下没有任务`);
    sections.push({ heading: sec.heading, tasks });
  }
  if (renumbered) warnings.push('任务编号不连续或按章节重新起编，已按全文顺序重新编号');
  if (sections.length === 0) warnings.push('没有找到章节（一、二、…）和编号的任务（1. 2. …）');
  return { title, intro, sections, warnings };
}

/** "一" … "九十九": the ordinal of a section heading. */
export function chineseOrdinal(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : digits[tens]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
}

/** How a task is written in the plan: "1.text[units]". */
export function taskLine(number: number, text: string, unitsText: string): string {
  return `${number}.${text}${unitsText ? `[${unitsText}]` : ''}`;
}

/** Whether a value meets a target (values and targets as the metric gives them; ratios 0..1). */
export function meetsTarget(value: number, comparator: Comparator, target: number): boolean {
  const eps = 1e-9;
  switch (comparator) {
    case '>=': return value >= target - eps;
    case '>': return value > target + eps;
    case '<=': return value <= target + eps;
    case '<': return value < target - eps;
    case '=': return Math.abs(value - target) <= eps;
  }
}

/** The quarter (1–4) of a 'YYYY-MM-DD' date. */
export function quarterOf(iso: string): number {
  return Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1;
}

/**
 * The organisation names a unit's name may designate: the name itself, and the name
 * without a leading "委" or "市" ("委政策法规处" → "政策法规处").
 */
export function unitNameCandidates(name: string): string[] {
  const out = [name];
  const stripped = name.replace(/^[委市]/, '');
  if (stripped !== name && stripped !== '') out.push(stripped);
  return out;
}

/** A task's KPI target with its live value (modules/workplans planTargetsWithValues; the annual report lists the missed ones). */
export interface PlanTargetValue {
  planId: number;
  planTitle: string;
  taskNumber: number;
  taskText: string;
  metricId: string;
  metricName: string;
  unit: string;
  comparator: string;
  target: number;
  value: number | null;
  met: boolean | null;
}
