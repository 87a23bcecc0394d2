// The credit engine with the default rule set: each rule firing with its reason, the
// first and last day of every window, credit repair from its approval date, overrides
// and their expiry, several records (the worst wins), since/until, and determinism; a
// commitment found false at verification (告知承诺不实) as a record of its own.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../calendar/dates';
import { CREDIT_GRADES, ENTITY_CATEGORIES, RISK_CLASSES as ENTITY_RISK_CLASSES } from '../../modules/entities/categories';
import { RULES } from '../law/rules';
import { DEFAULT_CREDIT_RULE_SET, defaultCreditRuleSet, periodText } from './defaults';
import { evaluateCredit, selectRuleSet } from './engine';
import {
  CreditError, GRADES, RISK_CLASSES,
  type ComplaintFact, type CreditEvaluation, type CreditOverride, type CreditRuleSet, type EntityFacts, type FalseCommitmentFact, type InspectionFact, type PenaltyFact,
} from './model';
import { validateRuleSet } from './validate';

const SET = DEFAULT_CREDIT_RULE_SET;

let seq = 0;
function penalty(decidedOn: string, severity: PenaltyFact['severity'], extra: Partial<PenaltyFact> = {}): PenaltyFact {
  seq += 1;
  return { id: `P${seq}`, ref: `南卫罚〔2025〕${seq}号`, decidedOn, severity, fineYuan: 2000, sanctions: ['warning', 'fine'], ...extra };
}
function inspection(inspectedOn: string, result: InspectionFact['result']): InspectionFact {
  seq += 1;
  return { id: `I${seq}`, ref: `检查${seq}`, inspectedOn, result };
}
function complaint(substantiatedOn: string): ComplaintFact {
  seq += 1;
  return { id: `C${seq}`, ref: `12320-${seq}`, substantiatedOn };
}
function falseCommitment(foundOn: string): FalseCommitmentFact {
  seq += 1;
  return { id: `F${seq}`, ref: `XK2025${String(seq).padStart(6, '0')}`, foundOn };
}
function facts(f: Partial<EntityFacts> = {}): EntityFacts {
  return { category: 'public_place', categoryName: '公共场所', licence: 'valid', penalties: [], inspections: [], complaints: [], ...f };
}
const run = (f: Partial<EntityFacts>, on: string) => evaluateCredit(SET, facts(f), on);
const gradeOn = (f: Partial<EntityFacts>, on: string) => run(f, on).grade;
const ruleIds = (e: CreditEvaluation, aspect: string) => e.reasons.filter((r) => r.aspect === aspect).map((r) => r.ruleId);
const decisiveGradeRules = (e: CreditEvaluation) => e.computed.reasons.filter((r) => r.aspect === 'grade' && r.decisive).map((r) => r.ruleId);

describe('the model matches the entity directory', () => {
  it('grades and risk classes are the lists of src/modules/entities/categories.ts', () => {
    expect([...GRADES]).toEqual([...CREDIT_GRADES]);
    expect([...RISK_CLASSES]).toEqual([...ENTITY_RISK_CLASSES]);
  });

  it('the default rule set passes its own validation against the entity categories', () => {
    expect(validateRuleSet(JSON.parse(JSON.stringify(SET)), { categories: ENTITY_CATEGORIES })).toEqual({ ok: true, ruleSet: SET });
  });

  it('the default figures are the credit rules of core/law/rules.ts', () => {
    const serious = SET.grade.rules.find((r) => r.id === 'grade.d.serious_penalty')!;
    expect(serious.when[0]).toMatchObject({ windowMonths: RULES.creditSeriousLookbackMonths.value });
    expect(RULES.creditSeriousLookbackMonths.value).toBe(36);
    expect(SET.override.maxMonths).toBe(RULES.creditOverrideMaxMonths.value);
    expect([RULES.creditRecentMonths, RULES.creditRepeatMonths, RULES.creditOverrideMaxMonths].every((r) => r.localDefault)).toBe(true);
  });
});

describe('each rule fires with its reason', () => {
  it('no record: A with the default reason, the category base risk, not listed', () => {
    const e = run({}, '2026-05-01');
    expect(e).toMatchObject({ grade: 'A', riskClass: 'low', blacklisted: false, blacklistedSince: null, blacklistedUntil: null, overridden: null, warnings: [] });
    expect(e.reasons[0]).toMatchObject({ aspect: 'grade', ruleId: 'grade.a.default', outcome: 'A', localDefault: true, records: [] });
    expect(e.reasons[0].text).toBe('评价期内没有失信记录（未触发B、C、D任何规则），信用等级A');
    expect(ruleIds(e, 'risk')).toEqual(['risk.base.low']);
    expect(e.reasons.find((r) => r.ruleId === 'risk.base.low')!.text).toContain('监管类别：公共场所');
    expect(e.computed).toMatchObject({ gradeSince: null, gradeUntil: null });
  });

  it('D: a serious penalty, which also lists the entity; the reason names the decision and its end', () => {
    const p = penalty('2025-03-15', 'serious', { fineYuan: 50000, sanctions: ['warning', 'fine', 'confiscate_gains'] });
    const e = run({ penalties: [p] }, '2025-06-01');
    expect(e.grade).toBe('D');
    expect(decisiveGradeRules(e)).toEqual(['grade.d.serious_penalty', 'grade.d.blacklisted']);
    const r = e.reasons.find((x) => x.ruleId === 'grade.d.serious_penalty')!;
    expect(r.records).toEqual([expect.objectContaining({ kind: 'penalty', id: p.id, ref: p.ref, date: '2025-03-15', effectUntil: '2028-03-15' })]);
    expect(r.text).toBe(`3年内受到严重违法行政处罚（未经信用修复），信用等级D：行政处罚决定${p.ref}（2025-03-15作出，严重违法，警告、罚款、没收违法所得，罚款50,000元，影响至2028-03-15）`);
    expect(r.citation).toContain('《信用修复管理办法》');
    expect(e).toMatchObject({ blacklisted: true, blacklistedSince: '2025-03-15', blacklistedUntil: '2028-03-15' });
    expect(ruleIds(e, 'blacklist')).toEqual(['blacklist.serious_penalty']);
    expect(e.riskClass).toBe('high');
    expect(ruleIds(e, 'risk')).toContain('risk.grade_d');
    expect(e.computed.gradeSince).toBe('2025-03-15');
    expect(e.computed.gradeUntil).toBe('2028-03-15');
  });

  it('D: a licence revoked (or practice certificate revoked, or closure) even in a general case; not listed alone', () => {
    for (const s of ['revoke_licence', 'revoke_practice_certificate', 'close'] as const) {
      const e = run({ penalties: [penalty('2025-03-15', 'general', { sanctions: ['fine', s] })] }, '2025-06-01');
      expect(e.grade).toBe('D');
      expect(decisiveGradeRules(e)).toEqual(['grade.d.licence_revoked']);
      expect(e.blacklisted).toBe(false);
    }
    // Revoking one diagnosis subject (吊销诊疗科目) is not a revocation of the licence.
    expect(gradeOn({ penalties: [penalty('2025-03-15', 'general', { sanctions: ['revoke_scope'] })] }, '2025-06-01')).toBe('C');
  });

  it('list: D with two penalties within 2 years; since the second, until the first leaves the 2-year window', () => {
    const revoked = penalty('2025-01-10', 'general', { sanctions: ['revoke_licence'] });
    const minor = penalty('2025-06-01', 'minor');
    const e = run({ penalties: [revoked, minor] }, '2025-07-01');
    expect(e).toMatchObject({ grade: 'D', blacklisted: true, blacklistedSince: '2025-06-01', blacklistedUntil: '2027-01-10' });
    const r = e.reasons.find((x) => x.ruleId === 'blacklist.repeated_d')!;
    expect(r.records.map((x) => x.kind)).toEqual(['grade', 'penalty', 'penalty']);
    expect(r.records.slice(1).map((x) => x.id)).toEqual([minor.id, revoked.id]);
    expect(r.text).toContain('列入重点监管名单（严重失信）');
    // The grade stays D for the revocation's 3 years.
    expect(e.computed.gradeUntil).toBe('2028-01-10');
    expect(run({ penalties: [revoked, minor] }, '2027-01-10').blacklisted).toBe(true);
    expect(run({ penalties: [revoked, minor] }, '2027-01-11')).toMatchObject({ blacklisted: false, grade: 'D' });
    // Two penalties without a D grade: not listed.
    expect(run({ penalties: [penalty('2025-01-10', 'general'), penalty('2025-06-01', 'minor')] }, '2025-07-01')).toMatchObject({ grade: 'C', blacklisted: false });
  });

  it('C: a general penalty within a year; risk raised one class', () => {
    const p = penalty('2025-05-20', 'general');
    const e = run({ penalties: [p] }, '2025-06-01');
    expect(e.grade).toBe('C');
    expect(decisiveGradeRules(e)).toEqual(['grade.c.general_penalty']);
    expect(e.reasons[0].text).toContain(`1年内受到一般违法行政处罚（未经信用修复），信用等级C：行政处罚决定${p.ref}`);
    expect(e.riskClass).toBe('medium');
    expect(e.reasons.find((r) => r.ruleId === 'risk.grade_c')).toMatchObject({ outcome: '+1', text: '信用等级为C，风险等级上调1级：按记录评定的信用等级：C' });
  });

  it('C: two non-compliant inspections within 12 months; one is B', () => {
    const a = inspection('2025-01-10', 'non_compliant');
    const b = inspection('2025-06-01', 'non_compliant');
    const two = run({ inspections: [a, b] }, '2025-07-01');
    expect(two.grade).toBe('C');
    expect(decisiveGradeRules(two)).toEqual(['grade.c.repeated_non_compliance']);
    expect(two.computed.reasons.find((r) => r.ruleId === 'grade.b.non_compliance')).toMatchObject({ decisive: false });
    expect(two.reasons[0].records.map((r) => r.id)).toEqual([b.id, a.id]);
    const one = run({ inspections: [a] }, '2025-07-01');
    expect(one.grade).toBe('B');
    expect(decisiveGradeRules(one)).toEqual(['grade.b.non_compliance']);
    expect(one.reasons[0].text).toContain('监督检查检查');
    expect(one.reasons[0].text).toContain('发现问题（不合格）');
  });

  it('B: a minor penalty within 12 months', () => {
    const e = run({ penalties: [penalty('2025-05-01', 'minor', { sanctions: ['warning'], fineYuan: 0 })] }, '2025-06-01');
    expect(e.grade).toBe('B');
    expect(decisiveGradeRules(e)).toEqual(['grade.b.minor_penalty']);
    expect(e.reasons[0].text).not.toContain('罚款');
  });

  it('B: a substantiated complaint within 12 months; two raise the risk', () => {
    const c1 = complaint('2025-05-01');
    const one = run({ complaints: [c1] }, '2025-06-01');
    expect(one.grade).toBe('B');
    expect(one.reasons[0].text).toContain(`投诉举报${c1.ref}（2025-05-01查实，影响至2026-05-01）`);
    expect(one.riskClass).toBe('low');
    const two = run({ complaints: [c1, complaint('2025-05-20')] }, '2025-06-01');
    expect(two.grade).toBe('B');
    expect(two.riskClass).toBe('medium');
    expect(ruleIds(two, 'risk')).toEqual(['risk.base.low', 'risk.complaints']);
  });

  it('compliant inspections alone leave A', () => {
    expect(gradeOn({ inspections: [inspection('2025-05-01', 'compliant')] }, '2025-06-01')).toBe('A');
    expect(gradeOn({ inspections: [inspection('2025-05-01', 'closed_down'), inspection('2025-05-02', 'not_found')] }, '2025-06-01')).toBe('A');
  });
});

describe('a commitment found false (告知承诺不实)', () => {
  it('C for 3 years with the finding named; risk raised for C and, within 12 months, for the finding', () => {
    const f = falseCommitment('2025-05-20');
    const e = run({ falseCommitments: [f] }, '2025-06-01');
    expect(e).toMatchObject({ grade: 'C', blacklisted: false });
    expect(decisiveGradeRules(e)).toEqual(['grade.c.false_commitment']);
    const r = e.reasons[0];
    expect(r.records).toEqual([{ kind: 'false_commitment', id: f.id, ref: f.ref, date: '2025-05-20', effectUntil: '2028-05-20', label: `告知承诺不实（核查认定，2025-05-20，办件编号${f.ref}，影响至2028-05-20）` }]);
    expect(r.text).toBe(`3年内告知承诺或者备案经核查认定承诺不实，信用等级C：告知承诺不实（核查认定，2025-05-20，办件编号${f.ref}，影响至2028-05-20）`);
    expect(r.citation).toContain('国办发〔2020〕42号');
    expect(r.localDefault).toBe(true);
    expect(e.computed).toMatchObject({ gradeSince: '2025-05-20', gradeUntil: '2028-05-20' });
    // Public place (low) + C (+1) + the finding (+1).
    expect(e.riskClass).toBe('high');
    expect(ruleIds(e, 'risk')).toEqual(['risk.base.low', 'risk.grade_c', 'risk.false_commitment']);
    expect(e.reasons.find((x) => x.ruleId === 'risk.false_commitment')).toMatchObject({ outcome: '+1', citation: expect.stringContaining('国办发〔2020〕42号') });
    expect(run({ falseCommitments: [f] }, '2026-05-20').riskClass).toBe('high');
    expect(run({ falseCommitments: [f] }, '2026-05-21')).toMatchObject({ grade: 'C', riskClass: 'medium' });
    expect(run({ falseCommitments: [f] }, '2028-05-21')).toMatchObject({ grade: 'A', riskClass: 'low' });
  });

  it('a worse record still wins; the finding is then not decisive', () => {
    const e = run({ falseCommitments: [falseCommitment('2025-05-20')], penalties: [penalty('2025-05-01', 'serious')] }, '2025-06-01');
    expect(e.grade).toBe('D');
    expect(e.computed.reasons.find((r) => r.ruleId === 'grade.c.false_commitment')).toMatchObject({ decisive: false });
  });

  it('not known before the finding; no finding, no effect', () => {
    expect(run({ falseCommitments: [falseCommitment('2025-06-02')] }, '2025-06-01')).toMatchObject({ grade: 'A', riskClass: 'low' });
    expect(run({ falseCommitments: [] }, '2025-06-01').grade).toBe('A');
    expect(run({}, '2025-06-01').computed.reasons.some((r) => r.records.some((x) => x.kind === 'false_commitment'))).toBe(false);
  });

  it('a staff rule counts the findings within its window: two within 12 months give D, one or two further apart do not', () => {
    const set: CreditRuleSet = JSON.parse(JSON.stringify(SET));
    set.grade.rules.unshift({
      id: 'grade.d.repeated_false_commitments', grade: 'D', description: '12个月内两次以上告知承诺不实', citation: '本地规定', localDefault: true,
      when: [{ kind: 'false_commitments', windowMonths: 12, atLeast: 2 }],
    });
    expect(validateRuleSet(JSON.parse(JSON.stringify(set)), { categories: ENTITY_CATEGORIES }).ok).toBe(true);
    const a = falseCommitment('2025-01-10');
    const b = falseCommitment('2025-06-01');
    const grade = (list: FalseCommitmentFact[], on: string) => evaluateCredit(set, facts({ falseCommitments: list }), on);
    const both = grade([a, b], '2025-07-01');
    expect(both.grade).toBe('D');
    expect(both.reasons[0]).toMatchObject({ ruleId: 'grade.d.repeated_false_commitments', decisive: true });
    expect(both.reasons[0].records.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(both.computed).toMatchObject({ gradeSince: '2025-06-01', gradeUntil: '2026-01-10' });
    expect(grade([a, b], '2026-01-10').grade).toBe('D');
    expect(grade([a, b], '2026-01-11').grade).toBe('C');
    expect(grade([a], '2025-07-01').grade).toBe('C');
    expect(grade([a, falseCommitment('2026-02-11')], '2026-02-11').grade).toBe('C');
  });

  it('refuses a finding without a valid date, in Chinese', () => {
    expect(() => run({ falseCommitments: [{ id: 1, ref: 'XK1', foundOn: '2025-02-30' }] }, '2025-06-01')).toThrow('核查认定日期应为有效日期');
    expect(() => run({ falseCommitments: [{ id: 1, ref: '', foundOn: '2025-02-01' }] }, '2025-06-01')).toThrow('缺少文号或编号');
  });
});

describe('risk class', () => {
  it('the category gives the base class; an unlisted category is medium', () => {
    expect(run({ category: 'medical_institution' }, '2026-01-01').riskClass).toBe('high');
    expect(run({ category: 'radiation' }, '2026-01-01').riskClass).toBe('high');
    expect(run({ category: 'water_supply' }, '2026-01-01').riskClass).toBe('high');
    expect(run({ category: 'school' }, '2026-01-01').riskClass).toBe('medium');
    expect(run({ category: 'public_place' }, '2026-01-01').riskClass).toBe('low');
    const other = run({ category: 'other', categoryName: undefined }, '2026-01-01');
    expect(other.riskClass).toBe('medium');
    expect(other.reasons.find((r) => r.aspect === 'risk')).toMatchObject({ ruleId: 'risk.base.unlisted', text: '未单独定级的监管类别，基准风险，基准为中风险：监管类别：other' });
    expect(run({ category: 'medical_institution' }, '2026-01-01').reasons.find((r) => r.aspect === 'risk')!.citation).toContain('《优化营商环境条例》第五十四条');
  });

  it('lowered for grade A with a compliant inspection within 12 months, and only then', () => {
    const ok = inspection('2025-05-01', 'compliant');
    const e = run({ category: 'medical_institution', inspections: [ok] }, '2025-06-01');
    expect(e.riskClass).toBe('medium');
    expect(e.reasons.find((r) => r.ruleId === 'risk.good_record')).toMatchObject({ outcome: '-1' });
    expect(run({ category: 'medical_institution', inspections: [ok] }, '2026-05-01').riskClass).toBe('medium');
    expect(run({ category: 'medical_institution', inspections: [ok] }, '2026-05-02').riskClass).toBe('high');
    // Grade B (a complaint) loses the reduction.
    expect(run({ category: 'medical_institution', inspections: [ok], complaints: [complaint('2025-05-10')] }, '2025-06-01').riskClass).toBe('high');
    // Never below low.
    expect(run({ category: 'public_place', inspections: [ok] }, '2025-06-01').riskClass).toBe('low');
  });

  it('raised for an expired or missing licence where a licence is required, not for a school', () => {
    expect(run({ category: 'public_place', licence: 'expired' }, '2026-01-01').riskClass).toBe('medium');
    expect(run({ category: 'disinfection_product', licence: 'none' }, '2026-01-01').riskClass).toBe('high');
    expect(run({ category: 'school', licence: 'none' }, '2026-01-01').riskClass).toBe('medium');
    expect(run({ category: 'public_place', licence: 'expiring' }, '2026-01-01').riskClass).toBe('low');
    const e = run({ category: 'public_place', licence: 'expired' }, '2026-01-01');
    expect(e.reasons.find((r) => r.ruleId === 'risk.licence_lapsed')!.text).toBe('须取得卫生许可的单位许可证已过期或者未取得许可，风险等级上调1级：许可证状态：已过期；监管类别：公共场所');
  });

  it('at least high for a revoked licence or grade D', () => {
    expect(run({ category: 'public_place', licence: 'revoked' }, '2026-01-01').riskClass).toBe('high');
    expect(run({ category: 'public_place', penalties: [penalty('2025-12-01', 'serious')] }, '2026-01-01').riskClass).toBe('high');
  });

  it('closed down or not found at an inspection raises the class for 12 months', () => {
    const closed = inspection('2025-03-01', 'closed_down');
    expect(run({ inspections: [closed] }, '2026-03-01').riskClass).toBe('medium');
    expect(run({ inspections: [closed] }, '2026-03-02').riskClass).toBe('low');
    const lost = inspection('2025-03-01', 'not_found');
    expect(run({ inspections: [lost] }, '2026-03-01').riskClass).toBe('medium');
    expect(run({ inspections: [closed, lost] }, '2025-04-01').riskClass).toBe('high');
  });

  it('raises add up and are kept within low…high', () => {
    // public place (low) + C (+1) + expired licence (+1) + closed down (+1) = high, not beyond.
    const e = run({ licence: 'expired', penalties: [penalty('2025-05-01', 'general')], inspections: [inspection('2025-05-02', 'closed_down')] }, '2025-06-01');
    expect(e.riskClass).toBe('high');
    expect(ruleIds(e, 'risk')).toEqual(['risk.base.low', 'risk.grade_c', 'risk.licence_lapsed', 'risk.closed_down']);
    // A raise and a reduction cancel out: medical (high) + expired (+1) + good record (−1).
    expect(run({ category: 'medical_institution', licence: 'expired', inspections: [inspection('2025-05-01', 'compliant')] }, '2025-06-01').riskClass).toBe('high');
    expect(run({ category: 'school', licence: 'valid', inspections: [inspection('2025-05-01', 'compliant')] }, '2025-06-01').riskClass).toBe('low');
  });
});

describe('windows: the last day counts, the day after does not', () => {
  const cases: { name: string; f: () => Partial<EntityFacts>; start: string; last: string; inside: string; after: string }[] = [
    { name: 'serious penalty, 3 years', f: () => ({ penalties: [penalty('2024-03-15', 'serious')] }), start: '2024-03-15', last: '2027-03-15', inside: 'D', after: 'A' },
    { name: 'revoked licence, 3 years', f: () => ({ penalties: [penalty('2024-03-15', 'minor', { sanctions: ['revoke_licence'] })] }), start: '2024-03-15', last: '2027-03-15', inside: 'D', after: 'A' },
    { name: 'general penalty, 1 year', f: () => ({ penalties: [penalty('2025-05-20', 'general')] }), start: '2025-05-20', last: '2026-05-20', inside: 'C', after: 'A' },
    { name: 'minor penalty, 12 months', f: () => ({ penalties: [penalty('2025-05-20', 'minor')] }), start: '2025-05-20', last: '2026-05-20', inside: 'B', after: 'A' },
    { name: 'non-compliant inspection, 12 months', f: () => ({ inspections: [inspection('2025-05-20', 'non_compliant')] }), start: '2025-05-20', last: '2026-05-20', inside: 'B', after: 'A' },
    { name: 'complaint, 12 months', f: () => ({ complaints: [complaint('2025-05-20')] }), start: '2025-05-20', last: '2026-05-20', inside: 'B', after: 'A' },
    { name: 'false commitment, 3 years', f: () => ({ falseCommitments: [falseCommitment('2024-03-15')] }), start: '2024-03-15', last: '2027-03-15', inside: 'C', after: 'A' },
    { name: 'a month end: 29 February + 12 months ends on 28 February', f: () => ({ penalties: [penalty('2024-02-29', 'general')] }), start: '2024-02-29', last: '2025-02-28', inside: 'C', after: 'A' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = c.f();
      expect(gradeOn(f, addDays(c.start, -1))).toBe('A');
      expect(gradeOn(f, c.start)).toBe(c.inside);
      expect(gradeOn(f, addDays(c.last, -1))).toBe(c.inside);
      expect(gradeOn(f, c.last)).toBe(c.inside);
      expect(gradeOn(f, addDays(c.last, 1))).toBe(c.after);
      expect(run(f, c.start).computed).toMatchObject({ gradeSince: c.start, gradeUntil: c.last });
      expect(run(f, addDays(c.last, 1)).computed).toMatchObject({ gradeSince: addDays(c.last, 1), gradeUntil: null });
    });
  }

  it('two non-compliant inspections: C while both are within 12 months, then B, then A', () => {
    const f = { inspections: [inspection('2025-01-10', 'non_compliant'), inspection('2025-06-01', 'non_compliant')] };
    expect(gradeOn(f, '2025-05-31')).toBe('B');
    expect(run(f, '2025-06-01').computed).toMatchObject({ grade: 'C', gradeSince: '2025-06-01', gradeUntil: '2026-01-10' });
    expect(gradeOn(f, '2026-01-09')).toBe('C');
    expect(gradeOn(f, '2026-01-10')).toBe('C');
    expect(run(f, '2026-01-11').computed).toMatchObject({ grade: 'B', gradeSince: '2026-01-11', gradeUntil: '2026-06-01' });
    expect(gradeOn(f, '2026-06-01')).toBe('B');
    expect(gradeOn(f, '2026-06-02')).toBe('A');
    // 13 months apart never make two within 12.
    expect(gradeOn({ inspections: [inspection('2025-01-10', 'non_compliant'), inspection('2026-02-11', 'non_compliant')] }, '2026-02-11')).toBe('B');
  });

  it('the list after a serious penalty: the day before the 3 years end, the last day, the day after', () => {
    const f = { penalties: [penalty('2024-03-15', 'serious')] };
    expect(run(f, '2027-03-14')).toMatchObject({ blacklisted: true, blacklistedSince: '2024-03-15', blacklistedUntil: '2027-03-15' });
    expect(run(f, '2027-03-15')).toMatchObject({ blacklisted: true, blacklistedUntil: '2027-03-15' });
    expect(run(f, '2027-03-16')).toMatchObject({ blacklisted: false, blacklistedSince: null, blacklistedUntil: null });
  });

  it('the repeated-penalties window of the list: 24 months', () => {
    const f = { penalties: [penalty('2024-01-10', 'general', { sanctions: ['close'] }), penalty('2024-03-01', 'minor')] };
    expect(run(f, '2026-01-09').blacklisted).toBe(true);
    expect(run(f, '2026-01-10')).toMatchObject({ blacklisted: true, blacklistedSince: '2024-03-01', blacklistedUntil: '2026-01-10' });
    expect(run(f, '2026-01-11')).toMatchObject({ blacklisted: false, grade: 'D' });
  });

  it('records dated after the evaluation date are not yet known', () => {
    const f = { penalties: [penalty('2025-06-02', 'serious')], inspections: [inspection('2025-06-02', 'non_compliant')], complaints: [complaint('2025-06-02')] };
    expect(run(f, '2025-06-01')).toMatchObject({ grade: 'A', blacklisted: false });
    expect(run(f, '2025-06-01').computed.gradeUntil).toBeNull();
  });

  it('local figures change the windows and the wording', () => {
    const set = defaultCreditRuleSet({ seriousMonths: 24, recentMonths: 6 });
    const f = facts({ penalties: [penalty('2024-03-15', 'serious')], complaints: [complaint('2025-01-01')] });
    expect(evaluateCredit(set, f, '2026-03-15').grade).toBe('D');
    expect(evaluateCredit(set, f, '2026-03-16').grade).toBe('A');
    expect(evaluateCredit(set, f, '2024-06-01').reasons[0].text).toMatch(/^2年内受到严重违法行政处罚/);
    expect(evaluateCredit(set, facts({ complaints: [complaint('2025-01-01')] }), '2025-07-02').grade).toBe('A');
    expect(periodText(18)).toBe('18个月');
  });
});

describe('credit repair lifts the effect from its approval date, not before', () => {
  const serious = () => penalty('2025-01-10', 'serious', { repairedOn: '2026-02-01' });

  it('the day before the approval: still D and listed; the approval date: no longer', () => {
    const p = serious();
    const before = run({ penalties: [p] }, '2026-01-31');
    expect(before).toMatchObject({ grade: 'D', blacklisted: true, blacklistedSince: '2025-01-10' });
    // The repair approved the next day was not known yet: the listing runs to the end of its period.
    expect(before.blacklistedUntil).toBe('2028-01-10');
    const on = run({ penalties: [p] }, '2026-02-01');
    expect(on).toMatchObject({ grade: 'A', blacklisted: false, blacklistedSince: null });
    expect(on.computed.gradeSince).toBe('2026-02-01');
    expect(on.reasons[0].ruleId).toBe('grade.a.default');
  });

  it('a repair ends the reason’s effect the day before it', () => {
    const p = penalty('2025-01-10', 'general', { repairedOn: '2025-06-01' });
    const e = run({ penalties: [p, penalty('2025-01-20', 'minor')] }, '2025-05-31');
    expect(e.grade).toBe('C');
    expect(run({ penalties: [p] }, '2025-06-01').grade).toBe('A');
  });

  it('a repaired penalty no longer counts towards repeated penalties; the other records still count', () => {
    const revoked = penalty('2025-01-10', 'general', { sanctions: ['revoke_licence'] });
    const minor = penalty('2025-03-01', 'minor', { repairedOn: '2025-07-01' });
    expect(run({ penalties: [revoked, minor] }, '2025-06-30').blacklisted).toBe(true);
    expect(run({ penalties: [revoked, minor] }, '2025-07-01')).toMatchObject({ blacklisted: false, grade: 'D' });
    const twoSerious = [penalty('2025-01-10', 'serious', { repairedOn: '2025-07-01' }), penalty('2025-02-10', 'serious')];
    expect(run({ penalties: twoSerious }, '2025-07-01')).toMatchObject({ grade: 'D', blacklisted: true, blacklistedSince: '2025-01-10' });
  });

  it('a repair before the minimum publication period is accepted with a warning', () => {
    const early = run({ penalties: [penalty('2025-01-10', 'serious', { repairedOn: '2025-03-01' })] }, '2025-04-01');
    expect(early.warnings).toEqual([expect.stringContaining('早于最短公示期届满日2025-04-10')]);
    const onTime = run({ penalties: [penalty('2025-01-10', 'serious', { repairedOn: '2025-04-10' })] }, '2025-05-01');
    expect(onTime.warnings).toEqual([]);
    // Under the 2026 rule a serious record stays at least a year.
    expect(run({ penalties: [penalty('2026-04-01', 'serious', { repairedOn: '2026-10-01' })] }, '2026-12-01').warnings[0]).toContain('2027-04-01');
  });
});

describe('overrides', () => {
  const seriousFacts = () => ({ penalties: [penalty('2025-03-15', 'serious')] });
  const override = (o: Partial<CreditOverride> = {}): CreditOverride => ({ grade: 'B', reason: '已全面整改并经复查合格', by: '张科长', from: '2025-06-01', until: '2025-12-31', ...o });

  it('replaces the grade from its first to its last day; the computed grade and reasons stay visible', () => {
    for (const on of ['2025-06-01', '2025-12-31']) {
      const e = run({ ...seriousFacts(), override: override() }, on);
      expect(e.grade).toBe('B');
      expect(e.riskClass).toBe('high');
      expect(e.overridden).toMatchObject({ grade: 'B', computedGrade: 'D', computedRiskClass: 'high', by: '张科长' });
      expect(e.computed).toMatchObject({ grade: 'D', riskClass: 'high', blacklisted: true });
      expect(e.reasons[0]).toMatchObject({ aspect: 'override', outcome: 'override', text: '人工调整：信用等级由D调整为B；理由：已全面整改并经复查合格（张科长，2025-06-01至2025-12-31）' });
      expect(e.reasons.slice(1)).toEqual(e.computed.reasons);
      // The list is not overridden.
      expect(e.blacklisted).toBe(true);
    }
  });

  it('does not apply before its first day, and ends after its last day with a warning', () => {
    const before = run({ ...seriousFacts(), override: override() }, '2025-05-31');
    expect(before).toMatchObject({ grade: 'D', overridden: null, warnings: [] });
    const after = run({ ...seriousFacts(), override: override() }, '2026-01-01');
    expect(after).toMatchObject({ grade: 'D', overridden: null });
    expect(after.warnings).toEqual(['人工调整已于2025-12-31到期，恢复按规则计算的结果']);
    expect(after.reasons[0].aspect).toBe('grade');
  });

  it('may set the risk class alone, or both', () => {
    const classOnly = run({ ...seriousFacts(), override: override({ grade: null, riskClass: 'medium' }) }, '2025-07-01');
    expect(classOnly).toMatchObject({ grade: 'D', riskClass: 'medium' });
    expect(classOnly.reasons[0].text).toBe('人工调整：风险等级由高风险调整为中风险；理由：已全面整改并经复查合格（张科长，2025-06-01至2025-12-31）');
    const both = run({ override: override({ grade: 'C', riskClass: 'high' }) }, '2025-07-01');
    expect(both).toMatchObject({ grade: 'C', riskClass: 'high', computed: { grade: 'A', riskClass: 'low' } });
  });

  it('is refused without a reason', () => {
    expect(() => run({ override: override({ reason: '  ' }) }, '2025-07-01')).toThrow(CreditError);
    expect(() => run({ override: override({ reason: '  ' }) }, '2025-07-01')).toThrow('人工调整必须说明理由');
    expect(() => run({ override: override({ grade: null, riskClass: undefined }) }, '2025-07-01')).toThrow('至少调整信用等级或风险等级之一');
  });
});

describe('several records: the worst wins', () => {
  it('minor, general and serious together give D, with every fired rule listed worst first', () => {
    const f = {
      penalties: [penalty('2025-05-01', 'minor'), penalty('2025-04-01', 'general'), penalty('2025-03-01', 'serious')],
      inspections: [inspection('2025-02-01', 'non_compliant')],
      complaints: [complaint('2025-01-15')],
    };
    const e = run(f, '2025-06-01');
    expect(e.grade).toBe('D');
    expect(e.computed.reasons.filter((r) => r.aspect === 'grade').map((r) => [r.ruleId, r.outcome, r.decisive])).toEqual([
      ['grade.d.serious_penalty', 'D', true],
      ['grade.d.blacklisted', 'D', true],
      ['grade.c.general_penalty', 'C', false],
      ['grade.b.minor_penalty', 'B', false],
      ['grade.b.non_compliance', 'B', false],
      ['grade.b.complaint', 'B', false],
    ]);
    // As each record leaves its window the grade steps down; until says when the next step comes.
    expect(e.computed.gradeUntil).toBe('2028-03-01');
    expect(run(f, '2028-03-02').grade).toBe('A');
  });

  it('a general penalty outweighs a minor one and the grade holds until the general one ends', () => {
    const f = { penalties: [penalty('2025-04-01', 'general'), penalty('2025-05-01', 'minor')] };
    expect(run(f, '2025-06-01').computed).toMatchObject({ grade: 'C', gradeUntil: '2026-04-01' });
    expect(run(f, '2026-04-02').computed).toMatchObject({ grade: 'B', gradeSince: '2026-04-02', gradeUntil: '2026-05-01' });
  });

  it('the latest of several serious penalties sets the end of the listing', () => {
    const f = { penalties: [penalty('2024-01-10', 'serious'), penalty('2025-02-20', 'serious')] };
    expect(run(f, '2025-06-01')).toMatchObject({ blacklistedSince: '2024-01-10', blacklistedUntil: '2028-02-20', computed: { gradeUntil: '2028-02-20' } });
  });
});

describe('determinism', () => {
  const f = (): EntityFacts => facts({
    category: 'medical_institution', licence: 'expiring',
    penalties: [penalty('2025-01-10', 'general', { sanctions: ['revoke_licence'] }), penalty('2025-06-01', 'minor'), penalty('2024-11-30', 'serious', { repairedOn: '2025-12-01' })],
    inspections: [inspection('2025-02-01', 'non_compliant'), inspection('2025-03-01', 'compliant'), inspection('2025-04-01', 'non_compliant')],
    complaints: [complaint('2025-05-01'), complaint('2025-05-01')],
    falseCommitments: [falseCommitment('2025-04-15'), falseCommitment('2024-02-01')],
    override: { riskClass: 'medium', reason: '专项整治后复核，风险已降低', by: '李四', from: '2025-06-01', until: '2025-09-30' },
  });

  it('the same facts in any order give the same result, every time', () => {
    const base = f();
    const first = evaluateCredit(SET, base, '2025-07-01');
    const reversed = {
      ...base, penalties: [...base.penalties].reverse(), inspections: [...base.inspections].reverse(), complaints: [...base.complaints].reverse(),
      falseCommitments: [...base.falseCommitments!].reverse(),
    };
    expect(evaluateCredit(SET, reversed, '2025-07-01')).toEqual(first);
    expect(evaluateCredit(SET, base, '2025-07-01')).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('does not change the facts or the rule set', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') { Object.values(o).forEach(deepFreeze); Object.freeze(o); }
      return o;
    };
    const original = f();
    const base = deepFreeze(structuredClone(original));
    const set = deepFreeze(defaultCreditRuleSet());
    expect(() => evaluateCredit(set, base, '2025-07-01')).not.toThrow();
    expect(evaluateCredit(set, base, '2025-07-01')).toEqual(evaluateCredit(SET, original, '2025-07-01'));
    expect(base).toEqual(original);
  });
});

describe('rule sets and facts the engine refuses', () => {
  it('selects the set in force on the date', () => {
    const v2 = { ...defaultCreditRuleSet(), id: 'credit.default.v2', effectiveFrom: '2026-04-01' };
    expect(selectRuleSet([v2, SET], '2026-03-31').id).toBe('credit.default.v1');
    expect(selectRuleSet([v2, SET], '2026-04-01').id).toBe('credit.default.v2');
    expect(() => selectRuleSet([v2, SET], '2023-04-30')).toThrow('没有已生效的信用评价规则');
    expect(() => evaluateCredit(v2, facts(), '2026-03-31')).toThrow('早于规则');
  });

  it('refuses a bad evaluation date and bad facts, in Chinese', () => {
    expect(() => run({}, '2025-02-30')).toThrow('评价日期“2025-02-30”不是有效日期');
    expect(() => run({ penalties: [penalty('2025-01-10', 'serious', { repairedOn: '2025-01-09' })] }, '2025-06-01')).toThrow('信用修复日期2025-01-09早于处罚决定日期2025-01-10');
    expect(() => run({ penalties: [penalty('2025-13-01', 'serious')] }, '2025-06-01')).toThrow('决定日期应为有效日期');
    expect(() => run({ penalties: [penalty('2025-01-01', 'grave' as never)] }, '2025-06-01')).toThrow('违法程度“grave”无效');
    expect(() => run({ penalties: [penalty('2025-01-01', 'minor', { fineYuan: -1 })] }, '2025-06-01')).toThrow('罚款金额应为非负数');
    expect(() => run({ penalties: [penalty('2025-01-01', 'minor', { sanctions: ['jail' as never] })] }, '2025-06-01')).toThrow('处罚种类“jail”无效');
    const dup = penalty('2025-01-01', 'minor');
    expect(() => run({ penalties: [dup, { ...dup }] }, '2025-06-01')).toThrow(`编号“${dup.id}”重复`);
    expect(() => run({ inspections: [{ ...inspection('2025-01-01', 'compliant'), result: 'ok' as never }] }, '2025-06-01')).toThrow('检查结果“ok”无效');
    expect(() => run({ licence: 'lost' as never }, '2025-06-01')).toThrow('许可证状态“lost”无效');
    expect(() => run({ complaints: [{ id: 1, ref: '', substantiatedOn: '2025-01-01' }] }, '2025-06-01')).toThrow('缺少文号或编号');
    expect(() => run({ override: { grade: 'B', reason: '理由充分的调整', by: '王五', from: '2025-06-01', until: '2025-05-01' } }, '2025-06-01')).toThrow('早于起始日期');
  });

  it('a staff-edited rule set works as declared: a fine of 100,000 yuan or more gives D', () => {
    const doc = JSON.parse(JSON.stringify(SET));
    doc.id = 'credit.local.v2';
    doc.grade.rules.push({ id: 'grade.d.large_fine', grade: 'D', description: '1年内受到10万元以上罚款', citation: '本地规定', localDefault: true, when: [{ kind: 'penalties', minFineYuan: 100000, windowMonths: 12, atLeast: 1 }] });
    const check = validateRuleSet(doc, { categories: ENTITY_CATEGORIES });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const e = evaluateCredit(check.ruleSet, facts({ penalties: [penalty('2025-05-01', 'minor', { fineYuan: 100000 })] }), '2025-06-01');
    expect(e.grade).toBe('D');
    expect(decisiveGradeRules(e)).toEqual(['grade.d.large_fine']);
    expect(evaluateCredit(check.ruleSet, facts({ penalties: [penalty('2025-05-01', 'minor', { fineYuan: 99999.99 })] }), '2025-06-01').grade).toBe('B');
    expect(evaluateCredit(check.ruleSet, facts({ penalties: [penalty('2025-05-01', 'minor', { fineYuan: 100000 })] }), addDays(addMonths('2025-05-01', 12), 1)).grade).toBe('A');
  });
});
