// The demo commission's supervision and enforcement history (issue 7): the three
// supervision institutes' random-inspection plans and tasks (双随机), their inspection
// visits and their penalty cases over the whole of last year and this year up to a month
// before today, so the leader's dashboard, the statistics and the annual report show
// 监督检查 and 行政执法 figures on first start.
//
// It comes in the way a commission brings it: through the real imports (random_plans,
// random_tasks, inspections, penalty_cases; docs/data-exchange.md), from files written
// here, one transaction each, as the seed actor with full scope. Every record is
// concluded: tasks done (a few late), visits made, cases closed or transferred. None is
// anyone's work on the platform: imported tasks have no team (nobody's 待检查 list),
// imported cases no handlers and no open state (nobody's case list), and imported
// results never wait for publication (planners' lists count platform tasks only).
//
// Scale, per year, for a city of 5.5 million (prorated for the part of this year): about
// 600 visits, 60 random tasks from 6 plans (national, provincial, municipal and local
// sources; joint plans with other departments; credit classes applied), 80 penalty cases
// (simple and general procedure; fines, a few confiscations, a few major decisions
// reviewed before the decision, one or two transfers to the police, no-penalty
// decisions; most published within 7 working days and paid).
//
// Credit: the directory's grades are the generated ones and are not recomputed here
// (nothing recomputes them but a visit or decision made on the platform, or the credit
// page's 重新评价). So the history is laid where it agrees with them: serious penalties
// on D entities, other penalties on C, warnings alone on B, problems found on B–D.
// The first entities of each institute's directory are left without any history: API
// tests take them ("ORDER BY id LIMIT n") as blank fixtures.
//
// Deterministic (seeded random), given today's date.
import { Readable } from 'node:stream';
import type { Database } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { runImport } from '../platform/imports/engine';
import type { Dataset } from '../platform/imports/dataset';
import { datasetByName } from '../modules/datasets/registry';
import type { CalendarService } from '../modules/calendar/service';
import { addDays, daysBetween, todayInChina, yearOf } from '../core/calendar/dates';
import { computeDue } from '../core/calendar/deadline';
import type { WorkCalendar } from '../core/calendar/workCalendar';
import { personName } from './entityGenerator';
import { Rng } from './random';

const SEED_ACTOR = SYSTEM_ACTOR('seed');
/** The history ends this many days before today (the last month is the platform's own). */
export const HISTORY_ENDS_DAYS_AGO = 30;
/** Entities at the head of each institute's directory (by id) left without history. */
export const UNTOUCHED_PER_INSTITUTE = 30;

interface Institute { code: string; prefix: string; district: string; visits: number; cases: number }

/** Visits and cases in a full year, each institute. */
const INSTITUTES: Institute[] = [
  { code: 'NH-JDS', prefix: 'NH', district: '南湖区', visits: 230, cases: 32 },
  { code: 'XZ-JDS', prefix: 'XZ', district: '秀洲区', visits: 210, cases: 28 },
  { code: 'JX-JDS', prefix: 'JX', district: '嘉兴市', visits: 160, cases: 20 },
];

interface PlanTemplate {
  org: string; source: 'national' | 'provincial' | 'municipal' | 'local'; due: string; title: string; categories: string[]; tasks: number;
  /** Joint with other departments, by year (last, this). */
  joint: [boolean, boolean];
  /** Drawn with the credit and risk classes, by year (last, this). */
  credit: [boolean, boolean];
}

/**
 * The year's six plans. Last year 18 of 60 tasks were joint (30 %) and one plan of six was
 * drawn without the credit classes; this year the 秀洲 plan is joint too and every plan
 * applies them, so the work plan's targets show one missed year and one met.
 */
const PLANS: PlanTemplate[] = [
  { org: 'JX-JDS', source: 'national', due: '09-30', title: '{y}年国家随机监督抽查（医疗卫生、放射诊疗）', categories: ['medical_institution', 'radiation'], tasks: 10, joint: [false, false], credit: [true, true] },
  { org: 'JX-JDS', source: 'municipal', due: '06-30', title: '{y}年全市公共场所卫生“双随机”部门联合抽查', categories: ['public_place'], tasks: 10, joint: [true, true], credit: [true, true] },
  { org: 'NH-JDS', source: 'provincial', due: '08-31', title: '{y}年浙江省公共场所和生活饮用水卫生双随机抽查（南湖区）', categories: ['public_place', 'water_supply'], tasks: 12, joint: [false, false], credit: [true, true] },
  { org: 'NH-JDS', source: 'local', due: '10-31', title: '{y}年南湖区学校卫生双随机联合抽查', categories: ['school'], tasks: 8, joint: [true, true], credit: [false, true] },
  { org: 'XZ-JDS', source: 'provincial', due: '09-30', title: '{y}年浙江省职业卫生和放射卫生双随机抽查（秀洲区）', categories: ['occupational', 'radiation'], tasks: 10, joint: [false, false], credit: [true, true] },
  { org: 'XZ-JDS', source: 'local', due: '10-15', title: '{y}年秀洲区医疗机构和消毒产品双随机抽查', categories: ['medical_institution', 'disinfection_product'], tasks: 10, joint: [false, true], credit: [true, true] },
];

interface Entity { id: number; uscc: string; name: string; category: string; credit_grade: string | null; org_code: string }
interface Span { year: number; from: string; to: string; /** Share of a full year. */ share: number; thisYear: boolean }
type Cells = Record<string, string | number | null>;

interface Visit { org: string; entity: Entity; on: string; team: string[]; taskNo: string | null; result: string }
interface Case {
  org: string; entity: Entity | null; party: string | null; partyKind: 'person' | 'organisation'; procedure: 'simple' | 'general';
  opened: string; decided: string | null; closed: string | null; fine: number | null; confiscation: number | null; sanctions: string[];
  major: boolean; reviewSubmitted: string | null; reviewCompleted: string | null; published: string | null; paid: string | null;
  paidYuan: number | null; transferred: string | null; provisions: string[]; cause: string | null;
}

interface Ctx {
  r: Rng;
  cal: WorkCalendar;
  /** The first and the last day of the history: nothing before or after (not even a case's opening). */
  start: string;
  end: string;
  entities: Map<string, Entity[]>;
  staff: Map<string, string[]>;
  visits: Visit[];
  cases: Case[];
}

// ---------------------------------------------------------------------------------
// Dates.

const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const workdaysAfter = (c: Ctx, day: string, n: number) => computeDue(c.cal, { start: day, amount: n, unit: 'workday' }).due;

/** The working day on or before `day`. */
function workdayBefore(c: Ctx, day: string): string {
  let d = day;
  for (let i = 0; i < 30 && !c.cal.isWorkday(d); i++) d = addDays(d, -1);
  return d;
}

/** A working day drawn evenly from [from, to] (to itself when the range has none). */
function workdayIn(c: Ctx, from: string, to: string): string {
  const d = c.cal.nextWorkdayFrom(addDays(from, c.r.int(0, Math.max(0, daysBetween(from, to)))));
  if (d <= to) return d;
  const back = workdayBefore(c, to);
  return back >= from ? back : to;
}

/** A date `n` working days after `day`, not after the end of the history. */
const laterBy = (c: Ctx, day: string, n: number) => minDay(workdaysAfter(c, day, n), c.end);

// ---------------------------------------------------------------------------------
// Choices.

/**
 * An entity of the institute, preferably of one of the categories and of the grades given:
 * drawn among those of the first group of grades that has any, else of the categories.
 */
function entityOf(c: Ctx, org: string, categories: string[] | null, grades: string[][] | null, avoid?: Set<number>): Entity {
  const all = c.entities.get(org)!;
  const ok = (e: Entity) => !avoid?.has(e.id);
  const inCategory = categories ? all.filter((e) => categories.includes(e.category) && ok(e)) : all.filter(ok);
  for (const group of grades ?? []) {
    const graded = inCategory.filter((e) => e.credit_grade !== null && group.includes(e.credit_grade));
    if (graded.length) return c.r.pick(graded);
  }
  if (inCategory.length) return c.r.pick(inCategory);
  const rest = all.filter(ok);
  return c.r.pick(rest.length ? rest : all);
}

/** Two inspectors of the institute (three on one visit in seven). */
function team(c: Ctx, org: string): string[] {
  const staff = [...c.staff.get(org)!];
  const size = Math.min(staff.length, c.r.next() < 0.15 ? 3 : 2);
  const out: string[] = [];
  while (out.length < size) out.push(...staff.splice(c.r.int(0, staff.length - 1), 1));
  return out;
}

const roundTo = (n: number, step: number) => Math.max(step, Math.round(n / step) * step);
const money = (c: Ctx, min: number, max: number, step = 100) => roundTo(c.r.int(min, max), step);

// ---------------------------------------------------------------------------------
// Random-inspection plans and their tasks.

function plans(c: Ctx, spans: Span[]): { plans: Cells[]; tasks: Cells[] } {
  const planRows: Cells[] = [];
  const taskRows: Cells[] = [];
  for (const s of spans) {
    PLANS.forEach((p, k) => {
      const due = `${s.year}-${p.due}`;
      if (due > s.to) return; // not over yet when the history ends: it is the platform's
      const inst = INSTITUTES.find((i) => i.code === p.org)!;
      const planNo = `${inst.prefix}-${s.year}-SJ-${String(k + 1).padStart(2, '0')}`;
      const joint = p.joint[s.thisYear ? 1 : 0];
      planRows.push({ plan_no: planNo, org_code: p.org, source: p.source, year: s.year, credit_applied: p.credit[s.thisYear ? 1 : 0] ? 'Y' : 'N', title: p.title.replace('{y}', String(s.year)) });
      const start = maxDay(addDays(due, -120), s.from);
      const drawn = new Set<number>();
      for (let n = 1; n <= p.tasks; n++) {
        const entity = entityOf(c, p.org, p.categories, null, drawn);
        drawn.add(entity.id);
        const taskNo = `${planNo}-${String(n).padStart(4, '0')}`;
        // Most are done in time; one in twelve a little late.
        const completed = c.r.next() < 0.92 ? workdayIn(c, start, due) : minDay(workdayIn(c, addDays(due, 3), addDays(due, 25)), c.end);
        const result = c.r.weighted({ compliant: 84, non_compliant: 12, closed_down: 3, not_found: 1 });
        c.visits.push({ org: p.org, entity, on: completed, team: team(c, p.org), taskNo, result });
        // Results published within 20 working days as a rule; a few late, a few not at all.
        const publication = c.r.weighted({ on_time: 88, late: 8, none: 4 });
        const published = publication === 'none' ? null : laterBy(c, completed, publication === 'on_time' ? c.r.int(2, 18) : c.r.int(22, 40));
        taskRows.push({ task_no: taskNo, plan_no: planNo, entity_uscc: entity.uscc, due_on: due, completed_on: completed, joint: joint ? 'Y' : 'N', published_on: published });
      }
    });
  }
  return { plans: planRows, tasks: taskRows };
}

// ---------------------------------------------------------------------------------
// Penalty cases.

type CaseKind = 'simple_warning' | 'simple_fine' | 'place' | 'occupational' | 'water' | 'illegal_practice' | 'suspension' | 'no_penalty' | 'transfer';

/** The common kinds, by weight; the rare ones are placed by hand (cases()). */
const KIND_WEIGHTS = { simple_warning: 10, simple_fine: 14, place: 40, occupational: 9, water: 5, illegal_practice: 10 } satisfies Partial<Record<CaseKind, number>>;

function blankCase(org: string, procedure: 'simple' | 'general', opened: string): Case {
  return {
    org, entity: null, party: null, partyKind: 'organisation', procedure, opened, decided: null, closed: null, fine: null, confiscation: null,
    sanctions: [], major: false, reviewSubmitted: null, reviewCompleted: null, published: null, paid: null, paidYuan: null, transferred: null,
    provisions: [], cause: null,
  };
}

/** The decision's publication: within 7 working days as a rule (simple-procedure decisions less often published). */
function publish(c: Ctx, x: Case): void {
  const odds = x.procedure === 'simple' ? { on_time: 40, late: 5, none: 55 } : { on_time: 85, late: 10, none: 5 };
  const p = c.r.weighted(odds);
  if (p !== 'none') x.published = laterBy(c, x.decided!, p === 'on_time' ? c.r.int(1, 6) : c.r.int(9, 20));
}

/** The fine paid and the case closed (one in thirty closed unpaid, after applying to the court for enforcement). */
function payAndClose(c: Ctx, x: Case): void {
  const decided = x.decided!;
  if ((x.fine ?? 0) > 0 && c.r.next() > 1 / 30) {
    x.paid = laterBy(c, decided, c.r.int(3, 12));
    x.paidYuan = x.fine;
    x.closed = laterBy(c, x.paid, c.r.int(1, 6));
  } else {
    x.closed = laterBy(c, decided, (x.fine ?? 0) > 0 ? c.r.int(45, 70) : c.r.int(1, 5));
  }
}

/**
 * A general-procedure case decided in the span: filed 15–80 days before (a few weeks as a
 * rule; never before the history starts), on a lead found at a visit when the party is in
 * the directory.
 */
function general(c: Ctx, org: string, s: Span, entity: Entity | null): Case {
  const first = c.cal.nextWorkdayFrom(c.start);
  const decided = workdayIn(c, maxDay(s.from, addDays(c.start, 20)), addDays(s.to, -12));
  const days = c.r.next() < 0.7 ? c.r.int(15, 40) : c.r.int(41, 80);
  const x = blankCase(org, 'general', maxDay(first, workdayBefore(c, addDays(decided, -days))));
  x.decided = decided;
  x.entity = entity;
  if (entity) c.visits.push({ org, entity, on: maxDay(first, workdayBefore(c, addDays(x.opened, -c.r.int(0, 4)))), team: team(c, org), taskNo: null, result: 'non_compliant' });
  return x;
}

/** A simple-procedure decision on the spot, at the visit that found the problem. */
function onTheSpot(c: Ctx, org: string, s: Span, entity: Entity): Case {
  const day = workdayIn(c, s.from, s.to);
  const x = blankCase(org, 'simple', day);
  x.decided = day;
  x.entity = entity;
  c.visits.push({ org, entity, on: day, team: team(c, org), taskNo: null, result: 'non_compliant' });
  return x;
}

/** Legal review (法制审核) of a major decision: submitted one to two weeks before it, completed before it. */
function review(c: Ctx, x: Case): void {
  x.major = true;
  x.reviewSubmitted = maxDay(addDays(x.opened, 1), workdayBefore(c, addDays(x.decided!, -c.r.int(7, 14))));
  x.reviewCompleted = minDay(x.decided!, workdaysAfter(c, x.reviewSubmitted, c.r.int(2, 5)));
}

const PLACES = ['public_place'];

function makeCase(c: Ctx, kind: CaseKind, org: string, s: Span): Case {
  const { r } = c;
  switch (kind) {
    case 'simple_warning': {
      const x = onTheSpot(c, org, s, entityOf(c, org, PLACES, [['B'], ['C']]));
      Object.assign(x, { sanctions: ['warning'], provisions: ['PP-36'], closed: x.decided });
      publish(c, x);
      return x;
    }
    case 'simple_fine': {
      const water = r.next() < 0.2;
      const x = onTheSpot(c, org, s, entityOf(c, org, water ? ['water_supply'] : PLACES, [['C', 'D'], ['B']]));
      if (water) Object.assign(x, { sanctions: ['fine'], fine: money(c, 500, 3000), provisions: ['WATER-26'] });
      else Object.assign(x, { sanctions: ['warning', 'fine'], fine: money(c, 500, 3000), provisions: [r.pick(['PP-36', 'PP-38'])] });
      // Paid on the spot or at the bank within the 15 days (art. 67).
      x.paid = r.next() < 0.6 ? x.decided : laterBy(c, x.decided!, r.int(2, 10));
      x.paidYuan = x.fine;
      x.closed = x.paid;
      publish(c, x);
      return x;
    }
    case 'place': {
      const x = general(c, org, s, entityOf(c, org, PLACES, [['C', 'D']]));
      const v = r.weighted({ pp35: 20, pp35_aggravated: 8, pp36: 24, pp36_uncorrected: 14, pp38: 34 });
      if (v === 'pp35') Object.assign(x, { sanctions: ['warning', 'fine'], fine: money(c, 1000, 5000), provisions: ['PP-35'] });
      if (v === 'pp35_aggravated') Object.assign(x, { sanctions: ['fine'], fine: money(c, 8000, 30000, 1000), provisions: ['PP-35'] });
      if (v === 'pp36') Object.assign(x, { sanctions: ['warning', 'fine'], fine: money(c, 500, 2000), provisions: ['PP-36'] });
      if (v === 'pp36_uncorrected') Object.assign(x, { sanctions: ['fine'], fine: money(c, 3000, 20000, 500), provisions: ['PP-36'] });
      if (v === 'pp38') Object.assign(x, { sanctions: ['warning', 'fine'], fine: money(c, 1000, 5000), provisions: ['PP-38'] });
      payAndClose(c, x);
      publish(c, x);
      return x;
    }
    case 'occupational': {
      // 职业病防治法 art. 71: fines of 50,000–100,000 (general); art. 72 uncorrected: up to 200,000 (from 100,000 a hearing right: major).
      const heavy = r.next() < 0.4;
      const fine = heavy ? money(c, 60000, 150000, 10000) : money(c, 50000, 90000, 5000);
      const x = general(c, org, s, entityOf(c, org, ['occupational'], fine >= 100000 ? [['D'], ['C']] : [['C', 'D']]));
      Object.assign(x, heavy ? { sanctions: ['fine'], fine, provisions: ['OCC-72'] } : { sanctions: ['warning', 'fine'], fine, provisions: ['OCC-71'] });
      if (fine >= 100000) review(c, x);
      payAndClose(c, x);
      publish(c, x);
      return x;
    }
    case 'water': {
      const x = general(c, org, s, entityOf(c, org, ['water_supply'], [['C', 'D']]));
      Object.assign(x, { sanctions: ['fine'], fine: money(c, 1000, 5000), provisions: ['WATER-26'] });
      payAndClose(c, x);
      publish(c, x);
      return x;
    }
    case 'illegal_practice': {
      // Unlicensed practice (a person, not in the directory): illegal gains and goods confiscated, a fine of
      // several times the gains (at least 10,000 counted); from 10,000 on a person, a hearing right: major.
      const x = general(c, org, s, null);
      const gains = money(c, 2000, 20000);
      const unlicensed = r.next() < 0.6;
      const fine = roundTo(Math.max(gains, 10000) * (unlicensed ? r.int(5, 8) : r.int(2, 4)), 1000);
      Object.assign(x, {
        party: personName(r), partyKind: 'person', sanctions: ['confiscation', 'fine'], fine, confiscation: gains + money(c, 500, 5000),
        provisions: [unlicensed ? 'BHPL-99' : 'PHYS-59'],
      });
      review(c, x);
      payAndClose(c, x);
      publish(c, x);
      return x;
    }
    case 'suspension': {
      // 公共场所卫生管理条例实施细则 art. 36, serious: suspension (停业整顿), a heavy sanction: major.
      const x = general(c, org, s, entityOf(c, org, PLACES, [['D'], ['C']]));
      Object.assign(x, { sanctions: ['suspension'], provisions: ['PP-36'] });
      review(c, x);
      payAndClose(c, x);
      publish(c, x);
      return x;
    }
    case 'no_penalty': {
      // First minor violation corrected in time: no penalty (行政处罚法 art. 33).
      const x = general(c, org, s, entityOf(c, org, PLACES, [['A', 'B']]));
      Object.assign(x, { provisions: ['PP-38'], closed: laterBy(c, x.decided!, r.int(1, 5)) });
      return x;
    }
    case 'transfer': {
      // Suspected crime (非法行医罪): transferred to the police without a decision.
      const x = general(c, org, s, null);
      const transferred = laterBy(c, x.opened, r.int(10, 25));
      Object.assign(x, {
        party: personName(r), partyKind: 'person', decided: null, transferred, closed: laterBy(c, transferred, r.int(1, 3)), provisions: ['BHPL-99'],
        cause: '未取得医疗机构执业许可证擅自执业（涉嫌非法行医罪）',
      });
      return x;
    }
  }
}

function cases(c: Ctx, spans: Span[]): void {
  for (const s of spans) {
    for (const inst of INSTITUTES) {
      // The rare kinds, placed so that each year has them: a no-penalty decision at each institute, a suspension in
      // each district, a transfer in 南湖 every year and in 秀洲 last year.
      const rare: CaseKind[] = ['no_penalty'];
      if (inst.code !== 'JX-JDS') rare.push('suspension');
      if (inst.code === 'NH-JDS' || (inst.code === 'XZ-JDS' && !s.thisYear)) rare.push('transfer');
      const n = Math.max(rare.length, Math.round(inst.cases * s.share));
      const kinds: CaseKind[] = [...rare, ...Array.from({ length: n - rare.length }, () => c.r.weighted(KIND_WEIGHTS))];
      for (const kind of kinds) c.cases.push(makeCase(c, kind, inst.code, s));
    }
  }
}

// ---------------------------------------------------------------------------------
// Routine visits: the rest of each institute's year.

function routineVisits(c: Ctx, spans: Span[]): void {
  for (const s of spans) {
    for (const inst of INSTITUTES) {
      const made = c.visits.filter((v) => v.org === inst.code && v.on >= s.from && v.on <= s.to).length;
      const n = Math.max(0, Math.round(inst.visits * s.share) - made);
      for (let k = 0; k < n; k++) {
        const result = c.r.weighted({ compliant: 83, non_compliant: 14, closed_down: 2, not_found: 1 });
        // Problems are found where the grades say they are found.
        const entity = entityOf(c, inst.code, null, result === 'non_compliant' ? [['B', 'C', 'D']] : null);
        c.visits.push({ org: inst.code, entity, on: workdayIn(c, s.from, s.to), team: team(c, inst.code), taskNo: null, result });
      }
    }
  }
}

// ---------------------------------------------------------------------------------
// Rows of the files.

function visitRows(c: Ctx): Cells[] {
  const sorted = [...c.visits].sort((a, b) => a.on.localeCompare(b.on) || a.org.localeCompare(b.org));
  const seq = new Map<string, number>();
  return sorted.map((v) => {
    const prefix = INSTITUTES.find((i) => i.code === v.org)!.prefix;
    const key = `${prefix}-${yearOf(v.on)}`;
    seq.set(key, (seq.get(key) ?? 0) + 1);
    return {
      visit_no: `${key}-JC-${String(seq.get(key)).padStart(6, '0')}`, org_code: v.org, entity_uscc: v.entity.uscc, visited_on: v.on,
      inspector_staff_nos: v.team.join(';'), random_task_no: v.taskNo, result: v.result,
    };
  });
}

/** Case numbers in the platform's own series (机构代码罚〔立案年〕n号), so cases registered on the platform continue it. */
function caseRows(c: Ctx): Cells[] {
  const sorted = [...c.cases].sort((a, b) => a.opened.localeCompare(b.opened) || a.org.localeCompare(b.org));
  const seq = new Map<string, number>();
  return sorted.map((x) => {
    const key = `${x.org}罚〔${yearOf(x.opened)}〕`;
    seq.set(key, (seq.get(key) ?? 0) + 1);
    return {
      case_no: `${key}${seq.get(key)}号`, org_code: x.org, entity_uscc: x.entity?.uscc ?? null, party_name: x.entity ? null : x.party,
      procedure: x.procedure, opened_on: x.opened, decided_on: x.decided, closed_on: x.closed, fine_yuan: x.fine, confiscation_yuan: x.confiscation,
      sanctions: x.sanctions.join(';'), major: x.major ? 'Y' : 'N', legal_review_submitted_on: x.reviewSubmitted,
      legal_review_completed_on: x.reviewCompleted, published_on: x.published, paid_on: x.paid, paid_yuan: x.paidYuan,
      transferred_on: x.transferred, provisions: x.provisions.join(';'), party_kind: x.partyKind, cause: x.cause,
    };
  });
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One file through the real import (one transaction), as the seed actor with full scope. */
async function importRows(db: Database, name: string, rows: Cells[]): Promise<void> {
  if (rows.length === 0) return;
  const dataset: Dataset = datasetByName(name)!;
  const columns = Object.keys(dataset.columns);
  const csv = [columns.join(','), ...rows.map((row) => columns.map((k) => csvCell(row[k])).join(','))].join('\n');
  const outcome = await runImport(db, {
    dataset, input: Readable.from([Buffer.from(csv)]), fileName: `${name}.csv`, actor: SEED_ACTOR, scope: { all: true, orgIds: new Set() },
  });
  if (!outcome.ok) throw new Error(`seed: ${name} import rejected: ${JSON.stringify(outcome.errors.slice(0, 5))}`);
}

/** Last year whole, and this year up to the end of the history (when a month of it has passed). */
export function historySpans(today: string): Span[] {
  const end = addDays(today, -HISTORY_ENDS_DAYS_AGO);
  const spans: Span[] = [];
  for (const year of [yearOf(today) - 1, yearOf(today)]) {
    const from = `${year}-01-01`;
    const to = minDay(`${year}-12-31`, end);
    const days = daysBetween(from, to) + 1;
    if (days >= 30) spans.push({ year, from, to, share: days / 365, thisYear: year === yearOf(today) });
  }
  return spans;
}

export async function seedEnforcementHistory(db: Database, calendar: CalendarService): Promise<void> {
  const today = todayInChina();
  const codes = INSTITUTES.map((i) => i.code);
  const entities = await db.query<Entity & { rank: number }>(
    `SELECT e.id, e.uscc, e.name, e.category, e.credit_grade, o.code AS org_code, row_number() OVER (PARTITION BY e.org_id ORDER BY e.id)::int AS rank
       FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = ANY($1::text[]) ORDER BY e.id`, [codes]);
  const inspectors = await db.query<{ staff_no: string; org_code: string }>(
    `SELECT i.staff_no, o.code AS org_code FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code = ANY($1::text[]) ORDER BY i.staff_no`, [codes]);
  const spans = historySpans(today);
  if (spans.length === 0) return;
  const c: Ctx = {
    r: new Rng(4042), cal: await calendar.current(), start: spans[0].from, end: spans.at(-1)!.to, entities: new Map(), staff: new Map(), visits: [], cases: [],
  };
  for (const code of codes) {
    c.entities.set(code, entities.filter((e) => e.org_code === code && e.rank > UNTOUCHED_PER_INSTITUTE).map(({ rank: _rank, ...e }) => ({ ...e, id: Number(e.id) })));
    c.staff.set(code, inspectors.filter((i) => i.org_code === code).map((i) => i.staff_no));
  }
  // A directory without these institutes, their entities or two inspectors each (a benchmark's seed) gets no history.
  if (codes.some((code) => c.entities.get(code)!.length === 0 || c.staff.get(code)!.length < 2)) return;

  const { plans: planRows, tasks: taskRows } = plans(c, spans);
  cases(c, spans);
  routineVisits(c, spans);
  await importRows(db, 'random_plans', planRows);
  await importRows(db, 'random_tasks', taskRows);
  await importRows(db, 'inspections', visitRows(c));
  await importRows(db, 'penalty_cases', caseRows(c));
}
