// Checks of what staff or the caller hand to the credit engine, with Chinese messages:
//   validateRuleSet — a rule-set document (JSON) staff edit: unknown fields, unknown
//     values and impossible figures are refused, each error with its place in the document;
//   validateOverride — a manual override (a reason is required, its length limited by the set);
//   factErrors — the facts of an entity (evaluateCredit refuses facts with errors).
import { SANCTIONS, type Sanction } from '../discretion/engine';
import { addMonths, isIsoDate } from '../calendar/dates';
import {
  GRADES, INSPECTION_RESULTS, LICENCE_STATUSES, RISK_CLASSES, SEVERITIES,
  type CreditOverride, type CreditRuleSet, type EntityFacts,
} from './model';

type Obj = Record<string, unknown>;

const MAX_WINDOW_MONTHS = 120;
const MAX_COUNT = 100;
const MAX_STEPS = RISK_CLASSES.length - 1;
const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

class Checker {
  readonly errors: string[] = [];
  err(path: string, message: string): void {
    this.errors.push(path ? `${path}：${message}` : message);
  }

  /** An object with exactly the allowed fields (the optional ones may be absent). */
  object(v: unknown, path: string, required: string[], optional: string[] = []): v is Obj {
    if (!isObj(v)) { this.err(path, '应为对象'); return false; }
    for (const k of Object.keys(v)) if (!required.includes(k) && !optional.includes(k)) this.err(path, `不认识的字段“${k}”`);
    for (const k of required) if (v[k] === undefined) this.err(path, `缺少字段“${k}”`);
    return true;
  }

  text(v: unknown, path: string, what: string, max = 500): void {
    if (v === undefined) return;
    if (!nonEmpty(v)) this.err(path, `${what}不能为空`);
    else if (v.length > max) this.err(path, `${what}不能超过${max}个字符`);
  }

  date(v: unknown, path: string, what: string): v is string {
    if (v === undefined) return false;
    if (typeof v !== 'string' || !isIsoDate(v)) { this.err(path, `${what}应为有效日期（YYYY-MM-DD）`); return false; }
    return true;
  }

  int(v: unknown, path: string, what: string, min: number, max: number): void {
    if (v === undefined) return;
    if (!isInt(v) || v < min || v > max) this.err(path, `${what}应为${min}至${max}之间的整数`);
  }

  bool(v: unknown, path: string, what: string): void {
    if (v !== undefined && typeof v !== 'boolean') this.err(path, `${what}应为 true 或 false`);
  }

  oneOf<T extends string>(v: unknown, path: string, what: string, allowed: readonly T[]): v is T {
    if (v === undefined) return false;
    if (typeof v !== 'string' || !allowed.includes(v as T)) { this.err(path, `${what}“${String(v)}”无效，可选：${allowed.join('、')}`); return false; }
    return true;
  }

  /** A non-empty list without repeats, each value from `allowed` (any string when allowed is null). */
  list(v: unknown, path: string, what: string, allowed: readonly string[] | null): void {
    if (v === undefined) return;
    if (!Array.isArray(v) || v.length === 0) { this.err(path, `${what}应为非空列表`); return; }
    const seen = new Set<unknown>();
    for (const x of v) {
      if (typeof x !== 'string' || (allowed ? !allowed.includes(x) : x.trim() === '')) {
        this.err(path, allowed ? `${what}“${String(x)}”无效，可选：${allowed.join('、')}` : `${what}不能为空`);
      } else if (seen.has(x)) this.err(path, `${what}“${x}”重复`);
      seen.add(x);
    }
  }
}

// ---------------------------------------------------------------------------------
// Rule set

type Context = 'grade' | 'risk' | 'blacklist';

const CONDITION_FIELDS: Record<string, { required: string[]; optional?: string[] }> = {
  penalties: { required: ['kind', 'windowMonths', 'atLeast'], optional: ['severities', 'sanctionsAny', 'minFineYuan'] },
  inspections: { required: ['kind', 'results', 'windowMonths', 'atLeast'] },
  complaints: { required: ['kind', 'windowMonths', 'atLeast'] },
  false_commitments: { required: ['kind', 'windowMonths', 'atLeast'] },
  licence: { required: ['kind', 'statuses'] },
  category: { required: ['kind', 'categories'] },
  grade: { required: ['kind', 'grades'] },
  blacklisted: { required: ['kind'] },
};

function checkCondition(ch: Checker, c: unknown, path: string, context: Context, categories: readonly string[] | null): void {
  if (!isObj(c)) { ch.err(path, '条件应为对象'); return; }
  if (!ch.oneOf(c.kind, `${path}.kind`, '条件类型', Object.keys(CONDITION_FIELDS))) {
    if (c.kind === undefined) ch.err(path, '缺少条件类型“kind”');
    return;
  }
  const kind = c.kind;
  const f = CONDITION_FIELDS[kind];
  ch.object(c, path, f.required, f.optional);
  if (kind === 'penalties' || kind === 'inspections' || kind === 'complaints' || kind === 'false_commitments') {
    ch.int(c.windowMonths, `${path}.windowMonths`, '回溯期（月）', 1, MAX_WINDOW_MONTHS);
    ch.int(c.atLeast, `${path}.atLeast`, '次数下限', 1, MAX_COUNT);
  }
  if (kind === 'penalties') {
    ch.list(c.severities, `${path}.severities`, '违法程度', SEVERITIES);
    ch.list(c.sanctionsAny, `${path}.sanctionsAny`, '处罚种类', SANCTIONS as readonly Sanction[]);
    if (c.minFineYuan !== undefined && (typeof c.minFineYuan !== 'number' || !Number.isFinite(c.minFineYuan) || c.minFineYuan < 0)) {
      ch.err(`${path}.minFineYuan`, '罚款金额下限应为非负数');
    }
  }
  if (kind === 'inspections') ch.list(c.results, `${path}.results`, '检查结果', INSPECTION_RESULTS);
  if (kind === 'licence') ch.list(c.statuses, `${path}.statuses`, '许可证状态', LICENCE_STATUSES);
  if (kind === 'category') ch.list(c.categories, `${path}.categories`, '监管类别', categories);
  if (kind === 'grade') {
    if (context === 'grade') ch.err(path, '信用等级规则不能以信用等级为条件');
    ch.list(c.grades, `${path}.grades`, '信用等级', GRADES);
  }
  if (kind === 'blacklisted' && context === 'blacklist') ch.err(path, '名单规则不能以是否列入名单为条件');
}

const TEXT_FIELDS = ['description', 'citation', 'localDefault'];

function checkText(ch: Checker, r: Obj, path: string): void {
  ch.text(r.description, `${path}.description`, '说明', 200);
  ch.text(r.citation, `${path}.citation`, '依据', 500);
  ch.bool(r.localDefault, `${path}.localDefault`, '是否本地默认（localDefault）');
  ch.text(r.note, `${path}.note`, '备注', 1000);
}

function checkId(ch: Checker, id: unknown, path: string, ids: Set<string>): void {
  if (id === undefined) return;
  if (typeof id !== 'string' || !RULE_ID.test(id)) { ch.err(`${path}.id`, '规则编号应由小写字母、数字和 . _ - 组成（不超过80个字符）'); return; }
  if (ids.has(id)) ch.err(`${path}.id`, `规则编号“${id}”重复`);
  ids.add(id);
}

function checkRule(ch: Checker, r: unknown, path: string, context: Context, extra: string[], ids: Set<string>, categories: readonly string[] | null): r is Obj {
  if (!ch.object(r, path, ['id', 'when', ...TEXT_FIELDS, ...extra], ['note'])) return false;
  checkId(ch, r.id, path, ids);
  checkText(ch, r, path);
  const at = typeof r.id === 'string' ? `${path}（${r.id}）` : path;
  if (r.when !== undefined) {
    if (!Array.isArray(r.when) || r.when.length === 0) ch.err(`${at}.when`, '条件应为非空列表（全部满足时规则生效）');
    else r.when.forEach((c, i) => checkCondition(ch, c, `${at}.when[${i}]`, context, categories));
  }
  return true;
}

function rulesList(ch: Checker, v: unknown, path: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) { ch.err(path, '应为列表'); return []; }
  return v;
}

export interface RuleSetOptions {
  /** The category codes rules may name (src/modules/entities/categories.ts); any when absent. */
  categories?: readonly string[];
}

export type RuleSetCheck = { ok: true; ruleSet: CreditRuleSet } | { ok: false; errors: string[] };

/** Checks a rule-set document; on success the document is the rule set (unchanged). */
export function validateRuleSet(doc: unknown, options: RuleSetOptions = {}): RuleSetCheck {
  const ch = new Checker();
  const categories = options.categories ?? null;
  const ids = new Set<string>();
  if (!ch.object(doc, '', ['id', 'title', 'effectiveFrom', 'grade', 'risk', 'blacklist', 'override'])) return { ok: false, errors: ch.errors };
  if (doc.id !== undefined && (typeof doc.id !== 'string' || !RULE_ID.test(doc.id))) ch.err('id', '规则集编号应由小写字母、数字和 . _ - 组成（不超过80个字符）');
  ch.text(doc.title, 'title', '规则集名称', 100);
  ch.date(doc.effectiveFrom, 'effectiveFrom', '施行日期');

  if (doc.grade !== undefined && ch.object(doc.grade, 'grade', ['default', 'rules'])) {
    const g = doc.grade;
    if (g.default !== undefined && ch.object(g.default, 'grade.default', ['id', ...TEXT_FIELDS], ['note'])) {
      checkId(ch, g.default.id, 'grade.default', ids);
      checkText(ch, g.default, 'grade.default');
    }
    rulesList(ch, g.rules, 'grade.rules').forEach((r, i) => {
      if (checkRule(ch, r, `grade.rules[${i}]`, 'grade', ['grade'], ids, categories) && r.grade !== undefined) {
        if (r.grade === 'A') ch.err(`grade.rules[${i}].grade`, '规则的结果不能为A：未触发任何规则即为A');
        else ch.oneOf(r.grade, `grade.rules[${i}].grade`, '信用等级', ['B', 'C', 'D'] as const);
      }
    });
  }

  if (doc.risk !== undefined && ch.object(doc.risk, 'risk', ['default', 'base', 'adjustments'])) {
    const k = doc.risk;
    if (k.default !== undefined && ch.object(k.default, 'risk.default', ['id', 'riskClass', ...TEXT_FIELDS], ['note'])) {
      checkId(ch, k.default.id, 'risk.default', ids);
      checkText(ch, k.default, 'risk.default');
      ch.oneOf(k.default.riskClass, 'risk.default.riskClass', '风险等级', RISK_CLASSES);
    }
    const seen = new Map<string, string>();
    rulesList(ch, k.base, 'risk.base').forEach((b, i) => {
      const path = `risk.base[${i}]`;
      if (!ch.object(b, path, ['id', 'categories', 'riskClass', ...TEXT_FIELDS], ['note'])) return;
      checkId(ch, b.id, path, ids);
      checkText(ch, b, path);
      ch.oneOf(b.riskClass, `${path}.riskClass`, '风险等级', RISK_CLASSES);
      ch.list(b.categories, `${path}.categories`, '监管类别', categories);
      if (Array.isArray(b.categories)) {
        for (const c of b.categories) {
          if (typeof c !== 'string') continue;
          const other = seen.get(c);
          if (other !== undefined && other !== path) ch.err(`${path}.categories`, `监管类别“${c}”已在${other}中定级，一个类别只能有一个基准风险等级`);
          seen.set(c, path);
        }
      }
    });
    rulesList(ch, k.adjustments, 'risk.adjustments').forEach((r, i) => {
      const path = `risk.adjustments[${i}]`;
      if (!checkRule(ch, r, path, 'risk', ['effect'], ids, categories) || r.effect === undefined) return;
      const e = r.effect;
      if (!isObj(e)) { ch.err(`${path}.effect`, '调整方式应为对象'); return; }
      if (!ch.oneOf(e.kind, `${path}.effect.kind`, '调整方式', ['raise', 'lower', 'at_least'] as const)) {
        if (e.kind === undefined) ch.err(`${path}.effect`, '缺少调整方式“kind”');
        return;
      }
      if (e.kind === 'at_least') {
        ch.object(e, `${path}.effect`, ['kind', 'riskClass']);
        if (e.riskClass === 'low') ch.err(`${path}.effect.riskClass`, '“至少为低风险”不起作用，请改为中风险或高风险');
        else ch.oneOf(e.riskClass, `${path}.effect.riskClass`, '风险等级', RISK_CLASSES);
      } else {
        ch.object(e, `${path}.effect`, ['kind', 'steps']);
        ch.int(e.steps, `${path}.effect.steps`, '调整级数', 1, MAX_STEPS);
      }
    });
  }

  if (doc.blacklist !== undefined && ch.object(doc.blacklist, 'blacklist', ['rules'])) {
    rulesList(ch, doc.blacklist.rules, 'blacklist.rules').forEach((r, i) => checkRule(ch, r, `blacklist.rules[${i}]`, 'blacklist', [], ids, categories));
  }

  if (doc.override !== undefined && ch.object(doc.override, 'override', ['maxMonths', 'minReasonLength'])) {
    ch.int(doc.override.maxMonths, 'override.maxMonths', '人工调整最长期限（月）', 1, 60);
    ch.int(doc.override.minReasonLength, 'override.minReasonLength', '人工调整理由最少字数', 1, 200);
  }

  return ch.errors.length ? { ok: false, errors: ch.errors } : { ok: true, ruleSet: doc as unknown as CreditRuleSet };
}

// ---------------------------------------------------------------------------------
// Override and facts

function overrideErrors(ch: Checker, o: unknown, path: string): o is CreditOverride {
  if (!ch.object(o, path, ['reason', 'by', 'from', 'until'], ['grade', 'riskClass'])) return false;
  const hasGrade = o.grade !== undefined && o.grade !== null;
  const hasClass = o.riskClass !== undefined && o.riskClass !== null;
  if (!hasGrade && !hasClass) ch.err(path, '人工调整应至少调整信用等级或风险等级之一');
  if (hasGrade) ch.oneOf(o.grade, `${path}.grade`, '信用等级', GRADES);
  if (hasClass) ch.oneOf(o.riskClass, `${path}.riskClass`, '风险等级', RISK_CLASSES);
  if (!nonEmpty(o.reason)) ch.err(path, '人工调整必须说明理由');
  if (!nonEmpty(o.by)) ch.err(path, '人工调整须注明调整人');
  const from = ch.date(o.from, `${path}.from`, '调整起始日期');
  const until = ch.date(o.until, `${path}.until`, '调整截止日期');
  if (from && until && (o.until as string) < (o.from as string)) ch.err(path, `调整截止日期${o.until}早于起始日期${o.from}`);
  return true;
}

/** Errors of a manual override against the set's limits (empty when acceptable). */
export function validateOverride(o: unknown, set: Pick<CreditRuleSet, 'override'>): string[] {
  const ch = new Checker();
  if (overrideErrors(ch, o, '人工调整') && ch.errors.length === 0) {
    if (o.reason.trim().length < set.override.minReasonLength) ch.err('人工调整', `理由不少于${set.override.minReasonLength}个字`);
    const latest = addMonths(o.from, set.override.maxMonths);
    if (o.until > latest) ch.err('人工调整', `调整期限最长${set.override.maxMonths}个月（自${o.from}起至迟${latest}），到期后重新评价`);
  }
  return ch.errors;
}

function recordsOf(ch: Checker, v: unknown, what: string): Obj[] {
  if (!Array.isArray(v)) { ch.err(what, '应为列表'); return []; }
  const ids = new Set<string>();
  return v.filter((r, i): r is Obj => {
    if (!isObj(r)) { ch.err(`${what}第${i + 1}条`, '应为对象'); return false; }
    const key = `${typeof r.id}:${String(r.id)}`;
    if (typeof r.id !== 'string' && typeof r.id !== 'number') ch.err(`${what}第${i + 1}条`, '缺少编号');
    else if (ids.has(key)) ch.err(`${what}第${i + 1}条`, `编号“${String(r.id)}”重复`);
    ids.add(key);
    if (!nonEmpty(r.ref)) ch.err(`${what}第${i + 1}条`, '缺少文号或编号（ref）');
    return true;
  });
}

/** Errors of an entity's facts (empty when the engine can use them). */
export function factErrors(facts: EntityFacts): string[] {
  const ch = new Checker();
  const f = facts as unknown;
  if (!isObj(f)) return ['事实应为对象'];
  if (!nonEmpty(f.category)) ch.err('监管类别', '不能为空');
  ch.oneOf(f.licence, '许可证状态', '许可证状态', LICENCE_STATUSES);
  if (f.licence === undefined) ch.err('许可证状态', '不能为空');
  for (const p of recordsOf(ch, f.penalties, '行政处罚')) {
    const at = `行政处罚${String(p.ref ?? p.id)}`;
    const decided = ch.date(p.decidedOn, at, '决定日期');
    if (p.decidedOn === undefined) ch.err(at, '缺少决定日期');
    ch.oneOf(p.severity, at, '违法程度', SEVERITIES);
    if (p.severity === undefined) ch.err(at, '缺少违法程度');
    if (typeof p.fineYuan !== 'number' || !Number.isFinite(p.fineYuan) || p.fineYuan < 0) ch.err(at, '罚款金额应为非负数');
    if (!Array.isArray(p.sanctions)) ch.err(at, '处罚种类应为列表');
    else for (const s of p.sanctions) ch.oneOf(s, at, '处罚种类', SANCTIONS);
    if (p.repairedOn !== undefined && p.repairedOn !== null && ch.date(p.repairedOn, at, '信用修复日期') && decided && (p.repairedOn as string) < (p.decidedOn as string)) {
      ch.err(at, `信用修复日期${p.repairedOn}早于处罚决定日期${p.decidedOn}`);
    }
  }
  for (const i of recordsOf(ch, f.inspections, '监督检查')) {
    const at = `监督检查${String(i.ref ?? i.id)}`;
    ch.date(i.inspectedOn, at, '检查日期');
    if (i.inspectedOn === undefined) ch.err(at, '缺少检查日期');
    ch.oneOf(i.result, at, '检查结果', INSPECTION_RESULTS);
    if (i.result === undefined) ch.err(at, '缺少检查结果');
  }
  for (const c of recordsOf(ch, f.complaints, '投诉举报')) {
    const at = `投诉举报${String(c.ref ?? c.id)}`;
    ch.date(c.substantiatedOn, at, '查实日期');
    if (c.substantiatedOn === undefined) ch.err(at, '缺少查实日期');
  }
  if (f.falseCommitments !== undefined) {
    for (const c of recordsOf(ch, f.falseCommitments, '告知承诺不实')) {
      const at = `告知承诺不实（办件${String(c.ref ?? c.id)}）`;
      ch.date(c.foundOn, at, '核查认定日期');
      if (c.foundOn === undefined) ch.err(at, '缺少核查认定日期');
    }
  }
  if (f.override !== undefined && f.override !== null) overrideErrors(ch, f.override, '人工调整');
  return ch.errors;
}
