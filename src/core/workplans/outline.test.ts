import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseOrdinal, findTargets, meetsTarget, parseOutline, parseUnits, quarterOf, splitUnits, taskLine, unitNameCandidates } from './outline';

const HANGZHOU = fs.readFileSync('/work/shared/seeds/003_d471de5fc9e490b0.txt', 'utf8');

describe('the Hangzhou 2023 plan (seeds/003)', () => {
  const o = parseOutline(HANGZHOU);
  const tasks = o.sections.flatMap((s) => s.tasks);
  const task = (n: number) => tasks.find((t) => t.number === n)!;

  it('has its title and intro, without the website header and the 朗读 line', () => {
    expect(o.title).toBe('杭州市卫生健康委2023年法治政府建设(依法行政)工作要点');
    expect(o.intro).toMatch(/^2023年卫生健康法治工作坚持以习近平新时代中国特色社会主义思想为指导/);
    expect(o.intro).not.toMatch(/索引号|朗读/);
    expect(tasks.at(-1)!.text).not.toMatch(/朗读/);
    expect(o.warnings).toEqual([]);
  });

  it('has 6 sections and 20 tasks numbered 1 to 20', () => {
    expect(o.sections.map((s) => s.heading)).toEqual([
      '强化法治建设主体责任落实', '打造法治化营商环境', '依法科学民主决策', '加强行政执法规范化建设', '依法预防化解矛盾纠纷', '夯实法治建设保障',
    ]);
    expect(o.sections.map((s) => s.tasks.length)).toEqual([3, 4, 3, 4, 3, 3]);
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('reads the units from the closing bracket: the first leads, the others support', () => {
    expect(task(1).units).toEqual([
      { name: '委政策法规处', role: 'lead' }, { name: '相关处室', role: 'support' }, { name: '委属各单位', role: 'support' },
    ]);
    expect(task(1).unitsText).toBe('委政策法规处、相关处室,委属各单位');
    expect(task(1).text).toMatch(/各环节。$/);
    // "监督处等": the "etc." is not part of the name.
    expect(task(3).units.map((u) => u.name)).toEqual(['委办公室', '政策法规处', '疾控处', '监督处', '委属各单位']);
    expect(tasks.every((t) => t.units.length > 0 && t.units[0].role === 'lead')).toBe(true);
  });

  it('proposes targets for tasks 5, 6, 10, 11, 12 (three) and 16 (two), and none elsewhere', () => {
    const withTargets = Object.fromEntries(tasks.filter((t) => t.targets.length).map((t) => [t.number, t.targets.map(({ metricId, comparator, target }) => ({ metricId, comparator, target }))]));
    expect(withTargets).toEqual({
      5: [{ metricId: 'licensing.no_proof_rate', comparator: '>=', target: 0.9 }],
      6: [{ metricId: 'review.fair_competition_rate', comparator: '>=', target: 1 }],
      10: [{ metricId: 'review.coverage', comparator: '>=', target: 1 }],
      11: [{ metricId: 'enforcement.discretion_coverage', comparator: '>=', target: 1 }],
      12: [
        { metricId: 'inspection.credit_applied_rate', comparator: '>=', target: 0.9 },
        { metricId: 'inspection.joint_random_rate', comparator: '>=', target: 0.305 },
        { metricId: 'inspection.random_share', comparator: '>=', target: 0.3 },
      ],
      16: [
        { metricId: 'litigation.loss_rate', comparator: '<', target: 0.06 },
        { metricId: 'litigation.head_appearance_rate', comparator: '>=', target: 1 },
      ],
    });
    expect(task(5).targets[0].phrase).toBe('无证明”率90%以上');
  });
});

describe('edge cases', () => {
  it('takes 【】 brackets, full-width separators, "1、" and "（1）" numbering, and CRLF line ends', () => {
    const o = parseOutline('某某委2025年工作要点\r\n引言一段。\r\n一、第一部分\r\n1、任务甲。【办公室；政策法规处，监督所】\r\n（2）任务乙。[政策法规处]\r\n二、第二部分\r\n3．任务丙，出庭应诉率达到95%。[办公室]');
    expect(o.title).toBe('某某委2025年工作要点');
    expect(o.intro).toBe('引言一段。');
    expect(o.sections.map((s) => [s.heading, s.tasks.map((t) => t.number)])).toEqual([['第一部分', [1, 2]], ['第二部分', [3]]]);
    expect(o.sections[0].tasks[0]).toMatchObject({ text: '任务甲。', unitsText: '办公室；政策法规处，监督所', units: [{ name: '办公室', role: 'lead' }, { name: '政策法规处', role: 'support' }, { name: '监督所', role: 'support' }] });
    expect(o.sections[1].tasks[0].targets).toEqual([{ metricId: 'litigation.head_appearance_rate', comparator: '>=', target: 0.95, phrase: '出庭应诉率达到95%' }]);
    expect(o.warnings).toEqual([]);
  });

  it('joins a paragraph that continues a task (a Word line break) to it, units after the last part', () => {
    const o = parseOutline(['2026年工作要点', '一、总体', '1.任务的第一段，', '任务的第二段。[办公室]']);
    expect(o.sections[0].tasks).toEqual([{ number: 1, text: '任务的第一段，任务的第二段。', unitsText: '办公室', units: [{ name: '办公室', role: 'lead' }], targets: [] }]);
  });

  it('without a 工作要点 line takes the first line as the title and says so; tasks before a heading get one', () => {
    const o = parseOutline('年度重点工作\n1.只有任务。');
    expect(o.title).toBe('年度重点工作');
    expect(o.sections).toHaveLength(1);
    expect(o.sections[0].heading).toBe('工作任务');
    expect(o.warnings.join('\n')).toMatch(/第一行作为标题/);
    expect(o.warnings.join('\n')).toMatch(/没有写明牵头和配合单位/);
  });

  it('numbers tasks through the plan when the source restarts per section, and says so', () => {
    const o = parseOutline('X工作要点\n一、甲\n1.a[办公室]\n二、乙\n1.b[办公室]');
    expect(o.sections.flatMap((s) => s.tasks.map((t) => t.number))).toEqual([1, 2]);
    expect(o.warnings).toContain('任务编号不连续或按章节重新起编，已按全文顺序重新编号');
  });

  it('does not take "12.4国家宪法日" inside a task, nor a year, for a task number', () => {
    const o = parseOutline('X工作要点\n2026年是关键之年。\n一、甲\n1.开展“12.4”国家宪法日活动。[政策法规处]');
    expect(o.intro).toBe('2026年是关键之年。');
    expect(o.sections[0].tasks).toHaveLength(1);
  });

  it('an empty text gives no sections and warnings, never an exception', () => {
    const o = parseOutline('');
    expect(o).toMatchObject({ title: '', intro: '', sections: [] });
    expect(o.warnings.length).toBeGreaterThan(0);
  });

  it('reads comparators: 以上 ≥, 低于 <, 不超过 ≤, bare ≥; ignores phrases without a percentage and percentages of other phrases', () => {
    expect(findTargets('败诉率不超过5%')).toMatchObject([{ metricId: 'litigation.loss_rate', comparator: '<=', target: 0.05 }]);
    expect(findTargets('“无证明”率达到98.5%')).toMatchObject([{ metricId: 'licensing.no_proof_rate', comparator: '>=', target: 0.985 }]);
    expect(findTargets('严格实施公平竞争审查制度。其他工作100%完成。')).toEqual([]);
    expect(findTargets('深化“双随机、一公开”监管，提高检查比率。')).toEqual([]);
    expect(findTargets('合法性审查覆盖率100%')).toMatchObject([{ metricId: 'review.coverage', comparator: '>=', target: 1 }]);
  });

  it('splits units on 、，,;； and drops duplicates and empty names', () => {
    expect(parseUnits('办公室、,办公室；政策法规处等')).toEqual([{ name: '办公室', role: 'lead' }, { name: '政策法规处', role: 'support' }]);
    expect(splitUnits('没有单位的任务。')).toEqual({ text: '没有单位的任务。', unitsText: '', units: [] });
  });

  it('matches unit names with or without 委/市', () => {
    expect(unitNameCandidates('委政策法规处')).toEqual(['委政策法规处', '政策法规处']);
    expect(unitNameCandidates('市卫生健康行政执法队')).toEqual(['市卫生健康行政执法队', '卫生健康行政执法队']);
    expect(unitNameCandidates('办公室')).toEqual(['办公室']);
  });

  it('helpers: ordinals, task lines, comparisons, quarters', () => {
    expect([1, 6, 10, 11, 20, 21].map(chineseOrdinal)).toEqual(['一', '六', '十', '十一', '二十', '二十一']);
    expect(taskLine(3, '任务。', '办公室、政策法规处')).toBe('3.任务。[办公室、政策法规处]');
    expect(meetsTarget(0.9, '>=', 0.9)).toBe(true);
    expect(meetsTarget(0.06, '<', 0.06)).toBe(false);
    expect(meetsTarget(0.3 + 0.005, '>=', 0.305)).toBe(true);
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-06'].map(quarterOf)).toEqual([1, 1, 2, 4]);
  });
});
