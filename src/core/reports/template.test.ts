// The report's sentences from hand-built figures: counts with their breakdown in the
// seeds' style, rates with two decimals, money in 元 and 万元, the comparison with last
// year, a breakdown that does not add up (or names an unknown category) left out, a
// missing or null metric and a zero count left out, narratives kept across regeneration, missed targets
// and worsened rates under 二、存在的不足和原因.
import { describe, expect, it } from 'vitest';
import { buildReport, keepNarratives, missedTargetSentence, reportText, withNarratives, allBlocks, type Figure, type ReportInput } from './template';
import { changeOfAmount, changeOfRate, formatMoney, formatPercent } from './format';

const CATEGORY = { public_health: '公共卫生类', medical_institution: '医疗机构执业类', medical_staff: '医护人员', filing_other: '备案及其他', ex_officio: '依职权审批' };

const count = (id: string, name: string, value: number | null, breakdown?: Record<string, number>): Figure => ({ id, name, unit: 'count', value, ...(breakdown ? { breakdown } : {}) });
const ratio = (id: string, name: string, numerator: number, denominator: number): Figure =>
  ({ id, name, unit: 'ratio', value: denominator === 0 ? null : numerator / denominator, numerator, denominator });
const money = (id: string, name: string, value: number): Figure => ({ id, name, unit: 'yuan', value });
const map = (...fs: Figure[]) => Object.fromEntries(fs.map((f) => [f.id, f]));

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    orgName: '松江区卫生健康委员会', year: 2022,
    current: map(
      count('licensing.applications.total', '行政许可办件量', 3727, { public_health: 1003, medical_institution: 542, medical_staff: 1893, filing_other: 121, ex_officio: 168 }),
      count('licensing.online.count', '网办件数', 3637),
      ratio('licensing.online_rate', '网办率', 3637, 3727),
      count('inspection.visits.total', '监督检查户次', 7035),
      money('enforcement.fines.decided', '罚款金额', 8900),
      money('enforcement.fines.collected', '实际罚没金额', 13_390_500),
      ratio('litigation.loss_rate', '败诉率', 1, 4),
      ratio('petitions.on_time_rate', '信访按时办结率', 0, 0),
      count('hotline.calls.total', '热线受理量', 0, { consultation: 0 }),
    ),
    previous: map(
      count('licensing.applications.total', '行政许可办件量', 3200),
      ratio('licensing.online_rate', '网办率', 99, 100),
      count('inspection.visits.total', '监督检查户次', 0),
      ratio('litigation.loss_rate', '败诉率', 0, 2),
    ),
    breakdownNames: { 'licensing.applications.total': CATEGORY },
    nonAdditive: new Set(),
    lowerIsBetter: new Set(['litigation.loss_rate']),
    targets: null,
    ...over,
  };
}

const sentencesOf = (c: ReturnType<typeof buildReport>, blockId: string) => {
  const b = allBlocks(c).find((x) => x.id === blockId);
  if (b?.type !== 'figures') throw new Error(`${blockId} is not a figures block`);
  return b.sentences;
};

describe('figures', () => {
  it('formats percentages, money and changes as the reports do', () => {
    expect(formatPercent(3637 / 3727)).toBe('97.58%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatMoney(8900)).toBe('8900元');
    expect(formatMoney(20.5)).toBe('20.50元');
    expect(formatMoney(13_390_500)).toBe('1339.05万元');
    expect(changeOfAmount(3727, 3200)).toBe('同比增长16.47%');
    expect(changeOfAmount(90, 100)).toBe('同比下降10.00%');
    expect(changeOfAmount(5, 5)).toBe('与上年持平');
    expect(changeOfAmount(5, 0)).toBeNull();
    expect(changeOfAmount(5, null)).toBeNull();
    expect(changeOfRate(0.9758, 0.99)).toBe('同比下降1.42个百分点');
  });

  it('writes the licensing sentence in the seeds’ style, the breakdown adding up to the total', () => {
    const c = buildReport(input());
    expect(c.title).toBe('松江区卫生健康委员会2022年法治政府建设年度报告');
    const s = sentencesOf(c, 'area.licensing.figures');
    expect(s[0]).toEqual({
      text: '2022年共完成各类卫生行政许可3727件（同比增长16.47%），其中：公共卫生类1003件、医疗机构执业类542件、医护人员1893件、备案及其他121件、依职权审批168件。',
      metricIds: ['licensing.applications.total'],
    });
    expect(s[1]).toEqual({ text: '全年网办件3637件，网办率97.58%（同比下降1.42个百分点）。', metricIds: ['licensing.online.count', 'licensing.online_rate'] });
    // The metrics of the other licensing sentences are not in this registry: those sentences are omitted.
    expect(s).toHaveLength(2);
  });

  it('writes money in 元 and 万元 and compares only with a non-zero last year', () => {
    const c = buildReport(input());
    expect(sentencesOf(c, 'area.enforcement.figures').map((x) => x.text)).toEqual(['罚款8900元，实际罚没1339.05万元。']);
    expect(sentencesOf(c, 'area.inspection.figures')[0].text).toBe('2022年共完成监督检查7035户次。');
  });

  it('leaves out a null ratio and a metric the registry lacks', () => {
    const c = buildReport(input());
    expect(sentencesOf(c, 'area.petitions.figures')).toEqual([]);
    // A count of zero: nothing to report.
    expect(sentencesOf(c, 'area.hotline.figures')).toEqual([]);
    expect(reportText(c)).not.toContain('按时办结率');
    expect(reportText(c)).not.toContain('null');
    expect(reportText(c)).not.toContain('NaN');
  });

  it('refuses to print a breakdown that does not add up or names an unknown category', () => {
    const off = input();
    off.current['licensing.applications.total'] = count('licensing.applications.total', '行政许可办件量', 3727, { public_health: 1003, medical_institution: 542 });
    expect(sentencesOf(buildReport(off), 'area.licensing.figures')[0].text).toBe('2022年共完成各类卫生行政许可3727件（同比增长16.47%）。');
    const unnamed = input({ breakdownNames: { 'licensing.applications.total': { public_health: '公共卫生类' } } });
    expect(sentencesOf(buildReport(unnamed), 'area.licensing.figures')[0].text).not.toContain('其中');
    const nonAdditive = input({ nonAdditive: new Set(['licensing.applications.total']) });
    expect(sentencesOf(buildReport(nonAdditive), 'area.licensing.figures')[0].text).not.toContain('其中');
  });

  it('lists worsened rates (a fall; a rise where lower is better) and missed targets under 二', () => {
    const c = buildReport(input({
      targets: [
        { planId: 1, planTitle: '2022年法治建设工作要点', taskNumber: 3, taskText: '推进无证明办件', metricId: 'licensing.online_rate', metricName: '网办率', unit: 'ratio', comparator: '>=', target: 0.99, value: 0.9758, met: false },
        { planId: 1, planTitle: '2022年法治建设工作要点', taskNumber: 4, taskText: '办案', metricId: 'licensing.online.count', metricName: '网办件数', unit: 'count', comparator: '>=', target: 100, value: 3637, met: true },
        { planId: 1, planTitle: '2022年法治建设工作要点', taskNumber: 5, taskText: '信访', metricId: 'petitions.on_time_rate', metricName: '信访按时办结率', unit: 'ratio', comparator: '>=', target: 1, value: null, met: null },
      ],
    }));
    expect(sentencesOf(c, 'shortfalls.figures')).toEqual([
      { text: '《2022年法治建设工作要点》第3项任务（推进无证明办件）确定的网办率目标为不低于99.00%，实际为97.58%，未达到目标。', metricIds: ['licensing.online_rate'] },
      { text: '网办率为97.58%，较上年的99.00%下降1.42个百分点。', metricIds: ['licensing.online_rate'] },
      { text: '败诉率为25.00%，较上年的0.00%上升25.00个百分点。', metricIds: ['litigation.loss_rate'] },
    ]);
    expect(missedTargetSentence({ planId: 1, planTitle: 'x', taskNumber: 1, taskText: 'y', metricId: 'a.b', metricName: 'n', unit: 'count', comparator: '<', target: 1, value: 3, met: true })).toBeNull();
  });

  it('keeps edited narratives across regeneration by block id and refuses to edit a figures block', () => {
    const first = buildReport(input());
    const edited = withNarratives(first, { 'area.licensing.narrative': '推行“一网通办”。', 'next_year.narrative': '一是……\n二是……' });
    expect(() => withNarratives(first, { 'area.licensing.figures': 'x' })).toThrow(RangeError);
    const changed = input();
    changed.current['licensing.online.count'] = count('licensing.online.count', '网办件数', 3700);
    const again = keepNarratives(buildReport(changed), edited);
    const text = reportText(again);
    expect(text).toContain('推行“一网通办”。');
    expect(text).toContain('一是……\n二是……');
    expect(text).toContain('全年网办件3700件');
    expect(text).not.toContain('全年网办件3637件');
    expect(reportText(again).split('\n').slice(0, 3)).toEqual([
      '松江区卫生健康委员会2022年法治政府建设年度报告',
      '2022年，松江区卫生健康委员会坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实法治政府建设各项任务。现将2022年法治政府建设情况报告如下。',
      '一、主要举措和成效',
    ]);
  });

  it('states the leaders’ collective law study and constitutional oaths from the trainings’ breakdown', () => {
    const c = buildReport(input({
      current: map(count('training.sessions', '培训场次', 10, { training: 6, law_study: 3, constitution_oath: 1, expert_lecture: 0 })),
      breakdownNames: { 'training.sessions': { training: '业务培训', law_study: '集体学法', constitution_oath: '宪法宣誓', expert_lecture: '专家讲座' } },
    }));
    expect(sentencesOf(c, 'leaders.figures')[0].text).toBe('2022年组织领导干部集体学法3次，组织宪法宣誓1次。');
    expect(sentencesOf(c, 'area.people.figures')[0].text).toBe('2022年组织培训和学法活动10场次，其中：业务培训6场次、集体学法3场次、宪法宣誓1场次。');
  });
});
