// Validation of rule-set documents staff edit, and of manual overrides: unknown fields,
// unknown values and impossible figures are refused with Chinese messages that say where.
import { describe, expect, it } from 'vitest';
import { ENTITY_CATEGORIES } from '../../modules/entities/categories';
import { DEFAULT_CREDIT_RULE_SET } from './defaults';
import { validateOverride, validateRuleSet } from './validate';

type Doc = Record<string, any>;
const doc = (): Doc => JSON.parse(JSON.stringify(DEFAULT_CREDIT_RULE_SET));
const OPTIONS = { categories: ENTITY_CATEGORIES };

function errorsOf(change: (d: Doc) => void): string[] {
  const d = doc();
  change(d);
  const r = validateRuleSet(d, OPTIONS);
  return r.ok ? [] : r.errors;
}

describe('validateRuleSet', () => {
  it('accepts the default set as JSON, unchanged', () => {
    const r = validateRuleSet(doc(), OPTIONS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.ruleSet).toEqual(DEFAULT_CREDIT_RULE_SET);
  });

  it('refuses what is not a rule-set object', () => {
    expect(validateRuleSet(null)).toEqual({ ok: false, errors: ['应为对象'] });
    expect(validateRuleSet([])).toEqual({ ok: false, errors: ['应为对象'] });
    expect(validateRuleSet({})).toMatchObject({ ok: false, errors: expect.arrayContaining(['缺少字段“id”', '缺少字段“grade”', '缺少字段“override”']) });
  });

  it('refuses unknown fields at every level', () => {
    expect(errorsOf((d) => { d.extra = 1; })).toEqual(['不认识的字段“extra”']);
    expect(errorsOf((d) => { d.grade.rules[0].weight = 2; })).toEqual(['grade.rules[0]：不认识的字段“weight”']);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].window = 36; })).toEqual(['grade.rules[0]（grade.d.serious_penalty）.when[0]：不认识的字段“window”']);
    expect(errorsOf((d) => { d.risk.adjustments[1].effect.by = 1; })).toEqual(['risk.adjustments[1].effect：不认识的字段“by”']);
    expect(errorsOf((d) => { d.override.forever = true; })).toEqual(['override：不认识的字段“forever”']);
    expect(errorsOf((d) => { d.risk.base[0].weight = 1; })).toEqual(['risk.base[0]：不认识的字段“weight”']);
    // A field of another condition kind is unknown too.
    expect(errorsOf((d) => { d.grade.rules[4].when[0].severities = ['minor']; })).toEqual(['grade.rules[4]（grade.c.repeated_non_compliance）.when[0]：不认识的字段“severities”']);
  });

  it('refuses missing fields', () => {
    expect(errorsOf((d) => { delete d.grade.rules[0].citation; })).toEqual(['grade.rules[0]：缺少字段“citation”']);
    expect(errorsOf((d) => { delete d.grade.rules[0].when[0].windowMonths; })).toEqual(['grade.rules[0]（grade.d.serious_penalty）.when[0]：缺少字段“windowMonths”']);
    expect(errorsOf((d) => { delete d.grade.rules[0].when[0].kind; })).toEqual(['grade.rules[0]（grade.d.serious_penalty）.when[0]：缺少条件类型“kind”']);
  });

  it('refuses impossible figures', () => {
    const at = 'grade.rules[0]（grade.d.serious_penalty）.when[0]';
    expect(errorsOf((d) => { d.grade.rules[0].when[0].windowMonths = 0; })).toEqual([`${at}.windowMonths：回溯期（月）应为1至120之间的整数`]);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].windowMonths = 121; })).toEqual([`${at}.windowMonths：回溯期（月）应为1至120之间的整数`]);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].windowMonths = 1.5; })).toHaveLength(1);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].windowMonths = '36'; })).toHaveLength(1);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].atLeast = 0; })).toEqual([`${at}.atLeast：次数下限应为1至100之间的整数`]);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].minFineYuan = -5; })).toEqual([`${at}.minFineYuan：罚款金额下限应为非负数`]);
    expect(errorsOf((d) => { d.risk.adjustments[1].effect.steps = 3; })).toEqual(['risk.adjustments[1].effect.steps：调整级数应为1至2之间的整数']);
    expect(errorsOf((d) => { d.risk.adjustments[0].effect.riskClass = 'low'; })).toEqual(['risk.adjustments[0].effect.riskClass：“至少为低风险”不起作用，请改为中风险或高风险']);
    expect(errorsOf((d) => { d.override.maxMonths = 0; })).toEqual(['override.maxMonths：人工调整最长期限（月）应为1至60之间的整数']);
    expect(errorsOf((d) => { d.override.minReasonLength = -1; })).toEqual(['override.minReasonLength：人工调整理由最少字数应为1至200之间的整数']);
    expect(errorsOf((d) => { d.effectiveFrom = '2025-02-30'; })).toEqual(['effectiveFrom：施行日期应为有效日期（YYYY-MM-DD）']);
  });

  it('refuses unknown values', () => {
    const at = 'grade.rules[0]（grade.d.serious_penalty）.when[0]';
    expect(errorsOf((d) => { d.grade.rules[0].when[0].kind = 'fines'; })).toEqual([`${at}.kind：条件类型“fines”无效，可选：penalties、inspections、complaints、false_commitments、licence、category、grade、blacklisted`]);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].severities = ['grave']; })).toEqual([`${at}.severities：违法程度“grave”无效，可选：minor、general、serious`]);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].severities = []; })).toEqual([`${at}.severities：违法程度应为非空列表`]);
    expect(errorsOf((d) => { d.grade.rules[0].when[0].severities = ['serious', 'serious']; })).toEqual([`${at}.severities：违法程度“serious”重复`]);
    expect(errorsOf((d) => { d.grade.rules[1].when[0].sanctionsAny = ['jail']; })[0]).toMatch(/^grade\.rules\[1\].*sanctionsAny：处罚种类“jail”无效/);
    expect(errorsOf((d) => { d.grade.rules[4].when[0].results = ['bad']; })[0]).toContain('检查结果“bad”无效');
    expect(errorsOf((d) => { d.risk.adjustments[2].when[0].statuses = ['lost']; })[0]).toContain('许可证状态“lost”无效');
    expect(errorsOf((d) => { d.risk.adjustments[0].when[0].grades = ['E']; })[0]).toContain('信用等级“E”无效');
    expect(errorsOf((d) => { d.risk.base[0].categories = ['hospital']; })[0]).toContain('监管类别“hospital”无效');
    expect(errorsOf((d) => { d.risk.base[0].riskClass = 'extreme'; })).toEqual(['risk.base[0].riskClass：风险等级“extreme”无效，可选：low、medium、high']);
    expect(errorsOf((d) => { d.risk.adjustments[0].effect.kind = 'double'; })).toEqual(['risk.adjustments[0].effect.kind：调整方式“double”无效，可选：raise、lower、at_least']);
    expect(errorsOf((d) => { d.grade.rules[0].localDefault = 'yes'; })).toEqual(['grade.rules[0].localDefault：是否本地默认（localDefault）应为 true 或 false']);
    expect(errorsOf((d) => { d.grade.rules[0].description = ' '; })).toEqual(['grade.rules[0].description：说明不能为空']);
    // Any category is accepted when the caller gives no list.
    const d = doc();
    d.risk.base[0].categories = ['hospital'];
    expect(validateRuleSet(d).ok).toBe(true);
  });

  it('refuses a rule that cannot mean anything', () => {
    expect(errorsOf((d) => { d.grade.rules[0].grade = 'A'; })).toEqual(['grade.rules[0].grade：规则的结果不能为A：未触发任何规则即为A']);
    expect(errorsOf((d) => { d.grade.rules[0].grade = 'E'; })).toEqual(['grade.rules[0].grade：信用等级“E”无效，可选：B、C、D']);
    expect(errorsOf((d) => { d.grade.rules[0].when = []; })).toEqual(['grade.rules[0]（grade.d.serious_penalty）.when：条件应为非空列表（全部满足时规则生效）']);
    expect(errorsOf((d) => { d.grade.rules[0].when.push({ kind: 'grade', grades: ['D'] }); })).toEqual(['grade.rules[0]（grade.d.serious_penalty）.when[1]：信用等级规则不能以信用等级为条件']);
    expect(errorsOf((d) => { d.blacklist.rules[0].when.push({ kind: 'blacklisted' }); })).toEqual(['blacklist.rules[0]（blacklist.serious_penalty）.when[1]：名单规则不能以是否列入名单为条件']);
    expect(errorsOf((d) => { d.grade.rules[1].id = d.grade.rules[0].id; })).toEqual(['grade.rules[1].id：规则编号“grade.d.serious_penalty”重复']);
    expect(errorsOf((d) => { d.grade.rules[1].id = 'Grade D'; })).toEqual(['grade.rules[1].id：规则编号应由小写字母、数字和 . _ - 组成（不超过80个字符）']);
    expect(errorsOf((d) => { d.risk.base[1].categories.push('medical_institution'); })).toEqual(['risk.base[1].categories：监管类别“medical_institution”已在risk.base[0]中定级，一个类别只能有一个基准风险等级']);
  });

  it('accepts a false-commitment condition (告知承诺不实) and checks its figures and fields', () => {
    const at = 'grade.rules[5]（grade.c.false_commitment）.when[0]';
    expect(doc().grade.rules[5].when[0]).toEqual({ kind: 'false_commitments', windowMonths: 36, atLeast: 1 });
    expect(errorsOf((d) => { d.blacklist.rules.push({ id: 'blacklist.false_commitments', description: '两次以上承诺不实', citation: '本地规定', localDefault: true, when: [{ kind: 'false_commitments', windowMonths: 24, atLeast: 2 }] }); })).toEqual([]);
    expect(errorsOf((d) => { d.grade.rules[5].when[0].windowMonths = 0; })).toEqual([`${at}.windowMonths：回溯期（月）应为1至120之间的整数`]);
    expect(errorsOf((d) => { d.grade.rules[5].when[0].atLeast = 101; })).toEqual([`${at}.atLeast：次数下限应为1至100之间的整数`]);
    expect(errorsOf((d) => { d.grade.rules[5].when[0].atLeast = '1'; })).toEqual([`${at}.atLeast：次数下限应为1至100之间的整数`]);
    expect(errorsOf((d) => { delete d.grade.rules[5].when[0].windowMonths; })).toEqual([`${at}：缺少字段“windowMonths”`]);
    expect(errorsOf((d) => { d.grade.rules[5].when[0].severities = ['serious']; })).toEqual([`${at}：不认识的字段“severities”`]);
  });

  it('reports every error at once', () => {
    const errors = errorsOf((d) => { d.extra = 1; d.grade.rules[0].when[0].windowMonths = 0; d.override.maxMonths = 99; });
    expect(errors).toHaveLength(3);
  });
});

describe('validateOverride', () => {
  const SET = DEFAULT_CREDIT_RULE_SET;
  const ok = { grade: 'B', reason: '整改到位并经复查合格', by: '张科长', from: '2025-06-01', until: '2025-12-31' };

  it('accepts a reasoned override within the longest period', () => {
    expect(validateOverride(ok, SET)).toEqual([]);
    expect(validateOverride({ ...ok, until: '2026-06-01' }, SET)).toEqual([]);
    expect(validateOverride({ ...ok, grade: undefined, riskClass: 'low' }, SET)).toEqual([]);
  });

  it('needs a reason of the set’s length, who decided, and a grade or a class', () => {
    expect(validateOverride({ ...ok, reason: '' }, SET)).toEqual(['人工调整：人工调整必须说明理由']);
    expect(validateOverride({ ...ok, reason: '已整改' }, SET)).toEqual(['人工调整：理由不少于5个字']);
    expect(validateOverride({ ...ok, by: '' }, SET)).toEqual(['人工调整：人工调整须注明调整人']);
    expect(validateOverride({ ...ok, grade: null }, SET)).toEqual(['人工调整：人工调整应至少调整信用等级或风险等级之一']);
    expect(validateOverride({ ...ok, grade: 'E' }, SET)).toEqual(['人工调整.grade：信用等级“E”无效，可选：A、B、C、D']);
    expect(validateOverride({ ...ok, blacklisted: false }, SET)).toEqual(['人工调整：不认识的字段“blacklisted”']);
  });

  it('refuses an end before the start or beyond the longest period', () => {
    expect(validateOverride({ ...ok, until: '2025-05-31' }, SET)).toEqual(['人工调整：调整截止日期2025-05-31早于起始日期2025-06-01']);
    expect(validateOverride({ ...ok, until: '2026-06-02' }, SET)).toEqual(['人工调整：调整期限最长12个月（自2025-06-01起至迟2026-06-01），到期后重新评价']);
    expect(validateOverride({ ...ok, from: '2025-06-31' }, SET)).toEqual(['人工调整.from：调整起始日期应为有效日期（YYYY-MM-DD）']);
  });
});
