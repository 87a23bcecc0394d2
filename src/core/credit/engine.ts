// The credit engine: a rule set (defaults.ts, or one staff edited and validate.ts
// accepted) applied to the facts of one entity on one date. Pure and deterministic: the
// same facts in any order give the same result.
//
// Every dated record counts for a rule from its date through the last day of the rule's
// window (date + windowMonths, the day itself included, as publication periods are
// counted in core/publication/periods.ts), and a penalty's credit repair ends its effect
// from the approval date. So the state changes only at record dates, window ends and
// repair dates: the engine evaluates those days to say since when the grade and the
// listing hold and when they end if nothing new happens.
//
// Order: grade from the records (rules without a `blacklisted` condition) → the list
// (its rules may use that grade) → grade rules that use the list → risk class (uses the
// final computed grade and the list) → the override, which replaces the grade and/or the
// class from its first to its last day while the computed values and reasons stay.
import { SANCTION_NAMES } from '../discretion/engine';
import { addDays, addMonths, isIsoDate } from '../calendar/dates';
import { publicationPeriod } from '../publication/periods';
import {
  CreditError, GRADES, INSPECTION_RESULT_NAMES, LICENCE_STATUS_NAMES, RISK_CLASSES, RISK_CLASS_NAMES, SEVERITY_NAMES,
  type ComplaintFact, type ComputedCredit, type FalseCommitmentFact, type Condition, type CreditEvaluation, type CreditReason, type CreditRule, type CreditRuleSet,
  type EntityFacts, type Grade, type GradeRule, type InspectionFact, type PenaltyFact, type RecordRef, type RiskClass,
} from './model';
import { factErrors } from './validate';

const gradeRank = (g: Grade) => GRADES.indexOf(g);
const riskRank = (r: RiskClass) => RISK_CLASSES.indexOf(r);
const worseGrade = (a: Grade, b: Grade): Grade => (gradeRank(a) >= gradeRank(b) ? a : b);
const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;

/** The rule set in force on a date: the latest effectiveFrom on or before it. */
export function selectRuleSet(sets: CreditRuleSet[], on: string): CreditRuleSet {
  const inForce = sets.filter((s) => s.effectiveFrom <= on).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.id < b.id ? -1 : 1));
  const set = inForce.at(-1);
  if (!set) throw new CreditError(`${on}没有已生效的信用评价规则`);
  return set;
}

// ---------------------------------------------------------------------------------
// Conditions on one day

interface Holding { holds: boolean; records: RecordRef[] }

/** Last day a dated record counts for a window: the window's end, or the day before its credit repair. */
function effectUntil(date: string, windowMonths: number, repairedOn: string | null | undefined): string {
  const end = addMonths(date, windowMonths);
  if (repairedOn) {
    const dayBefore = addDays(repairedOn, -1);
    return dayBefore < end ? dayBefore : end;
  }
  return end;
}

function penaltyLabel(p: PenaltyFact, until: string): string {
  const sanctions = p.sanctions.map((s) => SANCTION_NAMES[s]).join('、');
  const fine = p.fineYuan > 0 ? `，罚款${yuan(p.fineYuan)}` : '';
  return `行政处罚决定${p.ref}（${p.decidedOn}作出，${SEVERITY_NAMES[p.severity]}违法${sanctions ? `，${sanctions}` : ''}${fine}，影响至${until}）`;
}

function inspectionLabel(i: InspectionFact, until: string): string {
  return `监督检查${i.ref}（${i.inspectedOn}，${INSPECTION_RESULT_NAMES[i.result]}，影响至${until}）`;
}

function complaintLabel(c: ComplaintFact, until: string): string {
  return `投诉举报${c.ref}（${c.substantiatedOn}查实，影响至${until}）`;
}

function falseCommitmentLabel(f: FalseCommitmentFact, until: string): string {
  return `告知承诺不实（核查认定，${f.foundOn}，办件编号${f.ref}，影响至${until}）`;
}

function byDateDesc<T>(date: (x: T) => string, id: (x: T) => string) {
  return (a: T, b: T) => (date(a) > date(b) ? -1 : date(a) < date(b) ? 1 : id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

interface DayContext { facts: EntityFacts; d: string; recordGrade: Grade | null; blacklisted: boolean | null }

function holdsOn(c: Condition, x: DayContext): Holding {
  const { facts, d } = x;
  switch (c.kind) {
    case 'penalties': {
      const hits = facts.penalties
        .filter((p) => (!c.severities || c.severities.includes(p.severity))
          && (!c.sanctionsAny || p.sanctions.some((s) => c.sanctionsAny!.includes(s)))
          && (c.minFineYuan === undefined || p.fineYuan >= c.minFineYuan))
        .map((p) => ({ p, until: effectUntil(p.decidedOn, c.windowMonths, p.repairedOn) }))
        .filter(({ p, until }) => p.decidedOn <= d && d <= until)
        .sort(byDateDesc((h) => h.p.decidedOn, (h) => String(h.p.id)));
      return {
        holds: hits.length >= c.atLeast,
        records: hits.map(({ p, until }) => ({ kind: 'penalty', id: p.id, ref: p.ref, date: p.decidedOn, effectUntil: until, label: penaltyLabel(p, until) })),
      };
    }
    case 'inspections': {
      const hits = facts.inspections
        .filter((i) => c.results.includes(i.result))
        .map((i) => ({ i, until: effectUntil(i.inspectedOn, c.windowMonths, null) }))
        .filter(({ i, until }) => i.inspectedOn <= d && d <= until)
        .sort(byDateDesc((h) => h.i.inspectedOn, (h) => String(h.i.id)));
      return {
        holds: hits.length >= c.atLeast,
        records: hits.map(({ i, until }) => ({ kind: 'inspection', id: i.id, ref: i.ref, date: i.inspectedOn, effectUntil: until, label: inspectionLabel(i, until) })),
      };
    }
    case 'complaints': {
      const hits = facts.complaints
        .map((k) => ({ k, until: effectUntil(k.substantiatedOn, c.windowMonths, null) }))
        .filter(({ k, until }) => k.substantiatedOn <= d && d <= until)
        .sort(byDateDesc((h) => h.k.substantiatedOn, (h) => String(h.k.id)));
      return {
        holds: hits.length >= c.atLeast,
        records: hits.map(({ k, until }) => ({ kind: 'complaint', id: k.id, ref: k.ref, date: k.substantiatedOn, effectUntil: until, label: complaintLabel(k, until) })),
      };
    }
    case 'false_commitments': {
      const hits = (facts.falseCommitments ?? [])
        .map((f) => ({ f, until: effectUntil(f.foundOn, c.windowMonths, null) }))
        .filter(({ f, until }) => f.foundOn <= d && d <= until)
        .sort(byDateDesc((h) => h.f.foundOn, (h) => String(h.f.id)));
      return {
        holds: hits.length >= c.atLeast,
        records: hits.map(({ f, until }) => ({ kind: 'false_commitment', id: f.id, ref: f.ref, date: f.foundOn, effectUntil: until, label: falseCommitmentLabel(f, until) })),
      };
    }
    case 'licence':
      return { holds: c.statuses.includes(facts.licence), records: [{ kind: 'licence', label: `许可证状态：${LICENCE_STATUS_NAMES[facts.licence]}` }] };
    case 'category':
      return { holds: c.categories.includes(facts.category), records: [{ kind: 'category', label: `监管类别：${facts.categoryName ?? facts.category}` }] };
    case 'grade':
      if (x.recordGrade === null) throw new CreditError('信用等级条件只能用于风险和名单规则');
      return { holds: c.grades.includes(x.recordGrade), records: [{ kind: 'grade', label: `按记录评定的信用等级：${x.recordGrade}` }] };
    case 'blacklisted':
      if (x.blacklisted === null) throw new CreditError('名单条件不能用于名单规则');
      return { holds: x.blacklisted, records: [{ kind: 'blacklist', label: '已列入重点监管名单（严重失信）' }] };
  }
}

/** All conditions hold: the records of every condition, in the rule's order. */
function ruleHolds(r: CreditRule, x: DayContext): Holding {
  const records: RecordRef[] = [];
  for (const c of r.when) {
    const h = holdsOn(c, x);
    if (!h.holds) return { holds: false, records: [] };
    records.push(...h.records);
  }
  return { holds: true, records };
}

const usesBlacklist = (r: CreditRule) => r.when.some((c) => c.kind === 'blacklisted');

function reasonText(description: string, outcome: string, records: RecordRef[]): string {
  const evidence = records.length ? `：${records.map((r) => r.label).join('；')}` : '';
  return `${description}，${outcome}${evidence}`;
}

function reason(aspect: CreditReason['aspect'], r: { id: string; description: string; citation: string; localDefault: boolean }, outcome: string, shown: string, records: RecordRef[], decisive = true): CreditReason {
  return { aspect, ruleId: r.id, outcome, text: reasonText(r.description, shown, records), citation: r.citation, localDefault: r.localDefault, records, decisive };
}

interface DayState {
  grade: Grade;
  riskClass: RiskClass;
  blacklisted: boolean;
  reasons: CreditReason[];
}

/** The computed state on day d (facts already limited to what was known on the evaluation date). */
function stateOn(set: CreditRuleSet, facts: EntityFacts, d: string): DayState {
  // 1. Grade from the records.
  const base: DayContext = { facts, d, recordGrade: null, blacklisted: null };
  const gradeHits: { rule: GradeRule; records: RecordRef[] }[] = [];
  for (const rule of set.grade.rules) {
    if (usesBlacklist(rule)) continue;
    const h = ruleHolds(rule, base);
    if (h.holds) gradeHits.push({ rule, records: h.records });
  }
  const recordGrade = gradeHits.reduce<Grade>((g, h) => worseGrade(g, h.rule.grade), 'A');

  // 2. The list.
  const listHits: { rule: CreditRule; records: RecordRef[] }[] = [];
  for (const rule of set.blacklist.rules) {
    const h = ruleHolds(rule, { ...base, recordGrade });
    if (h.holds) listHits.push({ rule, records: h.records });
  }
  const blacklisted = listHits.length > 0;

  // 3. Grade rules that use the list.
  const full: DayContext = { facts, d, recordGrade, blacklisted };
  for (const rule of set.grade.rules) {
    if (!usesBlacklist(rule)) continue;
    const h = ruleHolds(rule, full);
    if (h.holds) gradeHits.push({ rule, records: h.records });
  }
  const grade = gradeHits.reduce<Grade>((g, h) => worseGrade(g, h.rule.grade), 'A');

  // 4. Risk.
  const riskContext: DayContext = { ...full, recordGrade: grade };
  const baseRule = set.risk.base.find((b) => b.categories.includes(facts.category));
  const baseClass = baseRule?.riskClass ?? set.risk.default.riskClass;
  const categoryRecord: RecordRef = { kind: 'category', label: `监管类别：${facts.categoryName ?? facts.category}` };
  const riskReasons: CreditReason[] = [
    reason('risk', baseRule ?? set.risk.default, baseClass, `基准为${RISK_CLASS_NAMES[baseClass]}`, [categoryRecord]),
  ];
  let level = riskRank(baseClass);
  let floor = 0;
  for (const rule of set.risk.adjustments) {
    const h = ruleHolds(rule, riskContext);
    if (!h.holds) continue;
    const e = rule.effect;
    if (e.kind === 'raise') level += e.steps;
    else if (e.kind === 'lower') level -= e.steps;
    else floor = Math.max(floor, riskRank(e.riskClass));
    const outcome = e.kind === 'raise' ? `+${e.steps}` : e.kind === 'lower' ? `-${e.steps}` : `≥${e.riskClass}`;
    const shown = e.kind === 'raise' ? `风险等级上调${e.steps}级` : e.kind === 'lower' ? `风险等级下调${e.steps}级` : `风险等级至少为${RISK_CLASS_NAMES[e.riskClass]}`;
    riskReasons.push(reason('risk', rule, outcome, shown, h.records));
  }
  level = Math.max(floor, Math.min(RISK_CLASSES.length - 1, Math.max(0, level)));
  const riskClass = RISK_CLASSES[level];

  // Reasons: grade rules worst first (rule order within a grade), then the list, then risk.
  const gradeReasons = gradeHits
    .map((h) => ({ h, i: set.grade.rules.indexOf(h.rule) }))
    .sort((a, b) => gradeRank(b.h.rule.grade) - gradeRank(a.h.rule.grade) || a.i - b.i)
    .map(({ h }) => reason('grade', h.rule, h.rule.grade, `信用等级${h.rule.grade}`, h.records, h.rule.grade === grade));
  if (gradeReasons.length === 0) gradeReasons.push(reason('grade', set.grade.default, 'A', '信用等级A', []));
  const listReasons = listHits.map((h) => reason('blacklist', h.rule, 'listed', '列入重点监管名单（严重失信）', h.records));
  return { grade, riskClass, blacklisted, reasons: [...gradeReasons, ...listReasons, ...riskReasons] };
}

// ---------------------------------------------------------------------------------
// Since when, and until when

type WindowKind = 'penalties' | 'inspections' | 'complaints' | 'false_commitments';

function windowsOf(set: CreditRuleSet): Record<WindowKind, Set<number>> {
  const out: Record<WindowKind, Set<number>> = { penalties: new Set(), inspections: new Set(), complaints: new Set(), false_commitments: new Set() };
  const rules: CreditRule[] = [...set.grade.rules, ...set.blacklist.rules, ...set.risk.adjustments];
  for (const r of rules) {
    for (const c of r.when) {
      if (c.kind === 'penalties' || c.kind === 'inspections' || c.kind === 'complaints' || c.kind === 'false_commitments') out[c.kind].add(c.windowMonths);
    }
  }
  return out;
}

/** The days on which a condition can start or stop holding. */
function changeDays(set: CreditRuleSet, facts: EntityFacts): string[] {
  const w = windowsOf(set);
  const days = new Set<string>();
  const add = (date: string, windows: Set<number>) => {
    days.add(date);
    for (const m of windows) days.add(addDays(addMonths(date, m), 1));
  };
  for (const p of facts.penalties) {
    add(p.decidedOn, w.penalties);
    if (p.repairedOn) days.add(p.repairedOn);
  }
  for (const i of facts.inspections) add(i.inspectedOn, w.inspections);
  for (const c of facts.complaints) add(c.substantiatedOn, w.complaints);
  for (const f of facts.falseCommitments ?? []) add(f.foundOn, w.false_commitments);
  return [...days].sort();
}

function span<V>(days: string[], on: string, current: V, valueOn: (d: string) => V): { since: string | null; until: string | null } {
  const before = days.filter((d) => d <= on);
  let since: string | null = null;
  let i = before.length - 1;
  for (; i >= 0; i--) {
    if (valueOn(before[i]) !== current) break;
    since = before[i];
  }
  // Held on every change day up to `on`: did it hold before the first one too?
  if (i < 0 && before.length > 0 && valueOn(addDays(before[0], -1)) === current) since = null;
  let until: string | null = null;
  for (const d of days.filter((x) => x > on)) {
    if (valueOn(d) !== current) { until = addDays(d, -1); break; }
  }
  return { since, until };
}

// ---------------------------------------------------------------------------------

/** Only what was known on the evaluation date: later records and later repairs are left out. */
function knownOn(facts: EntityFacts, on: string): EntityFacts {
  return {
    ...facts,
    penalties: facts.penalties.filter((p) => p.decidedOn <= on).map((p) => ({ ...p, repairedOn: p.repairedOn && p.repairedOn <= on ? p.repairedOn : null })),
    inspections: facts.inspections.filter((i) => i.inspectedOn <= on),
    complaints: facts.complaints.filter((c) => c.substantiatedOn <= on),
    falseCommitments: (facts.falseCommitments ?? []).filter((f) => f.foundOn <= on),
  };
}

/** Evaluates the rule set for an entity on a date. Throws CreditError for unusable facts. */
export function evaluateCredit(set: CreditRuleSet, facts: EntityFacts, on: string): CreditEvaluation {
  if (!isIsoDate(on)) throw new CreditError(`评价日期“${on}”不是有效日期`);
  if (on < set.effectiveFrom) throw new CreditError(`评价日期${on}早于规则“${set.title}”的施行日期${set.effectiveFrom}`);
  const errors = factErrors(facts);
  if (errors.length) throw new CreditError(errors.join('；'));

  const known = knownOn(facts, on);
  const now = stateOn(set, known, on);
  const days = changeDays(set, known);
  const memo = new Map<string, DayState>();
  const at = (d: string) => {
    let s = memo.get(d);
    if (!s) { s = stateOn(set, known, d); memo.set(d, s); }
    return s;
  };
  const gradeSpan = span(days, on, now.grade, (d) => at(d).grade);
  const listSpan = now.blacklisted ? span(days, on, true, (d) => at(d).blacklisted) : { since: null, until: null };
  const computed: ComputedCredit = {
    grade: now.grade, gradeSince: gradeSpan.since, gradeUntil: gradeSpan.until,
    riskClass: now.riskClass,
    blacklisted: now.blacklisted, blacklistedSince: listSpan.since, blacklistedUntil: listSpan.until,
    reasons: now.reasons,
  };

  const warnings: string[] = [];
  for (const p of known.penalties) {
    if (!p.repairedOn) continue;
    const minimum = publicationPeriod(p.decidedOn, p.severity);
    if (p.repairedOn < minimum.repairFrom) warnings.push(`行政处罚决定${p.ref}的信用修复于${p.repairedOn}批准，早于最短公示期届满日${minimum.repairFrom}（${minimum.citation}），请核实`);
  }

  const o = facts.override ?? null;
  const active = o && o.from <= on && on <= o.until ? o : null;
  if (o && o.until < on) warnings.push(`人工调整已于${o.until}到期，恢复按规则计算的结果`);
  const overridden = active ? { ...active, computedGrade: now.grade, computedRiskClass: now.riskClass } : null;
  const reasons = [...now.reasons];
  if (active) {
    const o = active;
    const parts: string[] = [];
    if (o.grade) parts.push(`信用等级由${now.grade}调整为${o.grade}`);
    if (o.riskClass) parts.push(`风险等级由${RISK_CLASS_NAMES[now.riskClass]}调整为${RISK_CLASS_NAMES[o.riskClass]}`);
    reasons.unshift({
      aspect: 'override', ruleId: 'override', outcome: 'override',
      text: `人工调整：${parts.join('，')}；理由：${o.reason.trim()}（${o.by}，${o.from}至${o.until}）`,
      citation: '人工调整（须说明理由）', localDefault: true, records: [], decisive: true,
    });
  }
  return {
    on,
    ruleSet: { id: set.id, title: set.title, effectiveFrom: set.effectiveFrom },
    grade: active?.grade ?? now.grade,
    riskClass: active?.riskClass ?? now.riskClass,
    blacklisted: computed.blacklisted,
    blacklistedSince: computed.blacklistedSince,
    blacklistedUntil: computed.blacklistedUntil,
    reasons,
    overridden,
    computed,
    warnings,
  };
}
