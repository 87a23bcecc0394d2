import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  articleLabel, chineseDate, chineseNumeral, citeArticle, clauseOf, InstrumentTextError, parseChineseNumeral, parseInstrumentText,
} from './instrumentText';

const TEXTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../modules/laws/texts');
const FILES = fs.readdirSync(TEXTS).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
const read = (name: string) => fs.readFileSync(path.join(TEXTS, FILES.find((f) => f.startsWith(`${name}(`))!), 'utf8');

describe('Chinese numerals', () => {
  it.each([
    [1, '一'], [10, '十'], [11, '十一'], [20, '二十'], [21, '二十一'], [99, '九十九'], [100, '一百'], [101, '一百零一'],
    [110, '一百一十'], [120, '一百二十'], [213, '二百一十三'], [1000, '一千'], [1005, '一千零五'], [1010, '一千零一十'], [2304, '二千三百零四'],
  ])('%i ⇄ %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it('every number from 1 to 9999 comes back as itself', () => {
    for (let n = 1; n <= 9999; n++) expect(parseChineseNumeral(chineseNumeral(n))).toBe(n);
  });

  it('refuses spellings laws do not use', () => {
    for (const bad of ['一十', '十十', '百', '一百一', '零', '两', 'x', '', '九十九九']) expect(parseChineseNumeral(bad), bad).toBeUndefined();
    expect(parseChineseNumeral('一〇一')).toBeUndefined();
    expect(parseChineseNumeral('一百〇一')).toBe(101);
  });

  it('labels and citations', () => {
    expect(articleLabel(99)).toBe('第九十九条');
    expect(articleLabel(20, 1)).toBe('第二十条之一');
    expect(citeArticle('中华人民共和国基本医疗卫生与健康促进法', '第九十九条', 1))
      .toBe('《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款');
    expect(citeArticle('中华人民共和国行政处罚法', '第六十四条')).toBe('《中华人民共和国行政处罚法》第六十四条');
    expect(citeArticle('中华人民共和国行政处罚法', '第六十三条', 1, 2)).toBe('《中华人民共和国行政处罚法》第六十三条第一款第二项');
    expect(citeArticle('某法', '第一百二十条', 12)).toBe('《某法》第一百二十条第十二款');
  });

  it('Chinese dates', () => {
    expect(chineseDate('2021年7月15日')).toBe('2021-07-15');
    expect(chineseDate('二〇二一年七月十五日')).toBe('2021-07-15');
    expect(chineseDate('2021年2月30日')).toBeUndefined();
    expect(chineseDate('2021年13月1日')).toBeUndefined();
  });
});

describe('the bundled texts', () => {
  it('there are thirty', () => {
    expect(FILES).toHaveLength(30);
  });

  it.each(FILES)('%s parses: numbers strictly increasing from 第一条, no text lost', (file) => {
    const text = fs.readFileSync(path.join(TEXTS, file), 'utf8');
    const p = parseInstrumentText(text);
    expect(p.title).toMatch(/^(中华人民共和国)?\S+$/);
    expect(p.articles.length).toBeGreaterThan(5);
    p.articles.forEach((a, i) => {
      expect(a.no, `${file} ${a.label}`).toBe(i + 1);
      expect(a.label).toBe(articleLabel(a.no));
      expect(a.paragraphs.length, `${file} ${a.label}`).toBeGreaterThan(0);
      for (const para of a.paragraphs) expect(para.trim(), `${file} ${a.label}`).toBe(para);
    });
    // Every visible character of the file is somewhere in the result: title, history,
    // headings, labels and paragraphs (whitespace, the marker and '#' aside).
    const visible = (s: string) => s.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff#]/g, '');
    const rebuilt = [p.title, p.history, ...p.chapters.flatMap((c) => [c.title, ...c.sections]),
      ...p.articles.flatMap((a) => [a.label, ...a.paragraphs])].join('');
    expect(visible(rebuilt).length).toBe(visible(text.replace('<!-- INFO END -->', '')).length);
  });

  it('基本医疗卫生与健康促进法: 110 articles; 第九十九条 has two paragraphs, the first on unlicensed practice', () => {
    const p = parseInstrumentText(read('基本医疗卫生与健康促进法'));
    expect(p.title).toBe('中华人民共和国基本医疗卫生与健康促进法');
    expect(p.articles).toHaveLength(110);
    const a99 = p.articles[98];
    expect(a99.label).toBe('第九十九条');
    expect(a99.chapter).toBe('第九章 法律责任');
    expect(a99.paragraphs).toHaveLength(2);
    expect(a99.paragraphs[0]).toContain('未取得医疗机构执业许可证擅自执业');
    expect(a99.paragraphs[0]).toMatch(/^违反本法规定/);
    expect(p.articles[99].label).toBe('第一百条');
    expect(p.articles[100].label).toBe('第一百零一条');
    expect(p.effectiveFrom).toBe('2020-06-01');
  });

  it('行政处罚法: 86 articles in 8 chapters, the hearing articles in 第五章 第四节, in force 2021-07-15', () => {
    const p = parseInstrumentText(read('行政处罚法'));
    expect(p.articles).toHaveLength(86);
    expect(p.chapters).toHaveLength(8);
    expect(p.chapters[4]).toEqual({ title: '第五章 行政处罚的决定', sections: ['第一节 一般规定', '第二节 简易程序', '第三节 普通程序', '第四节 听证程序'] });
    const a64 = p.articles[63];
    expect(a64).toMatchObject({ no: 64, label: '第六十四条', chapter: '第五章 行政处罚的决定', section: '第四节 听证程序' });
    expect(a64.paragraphs[1]).toMatch(/^（一）当事人要求听证的，应当在行政机关告知后五日内提出/);
    expect(p.articles[0].chapter).toBe('第一章 总则');
    expect(p.articles[0].section).toBeNull();
    expect(p.history.split('\n')).toHaveLength(4);
    expect(p.effectiveFrom).toBe('2021-07-15');
  });

  it('commencement: from the history line, the last article, or on publication', () => {
    expect(parseInstrumentText(read('优化营商环境条例')).effectiveFrom).toBe('2020-01-01');
    const holidays = parseInstrumentText(read('全国年节及纪念日放假办法'));
    expect(holidays.effectiveFrom).toBeUndefined();
    expect(holidays.effectiveOnPublication).toBe(true);
    expect(holidays.chapters).toEqual([]);
    expect(holidays.articles[0].chapter).toBeNull();
    // The clause keeps the original date when a later amendment did not restate it.
    expect(parseInstrumentText(read('传染病防治法')).effectiveFrom).toBe('2004-12-01');
  });
});

describe('texts typed in by staff', () => {
  const errorOf = (text: string) => {
    try { parseInstrumentText(text); } catch (e) { expect(e).toBeInstanceOf(InstrumentTextError); return (e as Error).message; }
    throw new Error('parsed');
  };

  it('without title, marker or chapters; items are paragraphs of their own; clauseOf names 款 and 项', () => {
    const p = parseInstrumentText([
      '2011年3月10日 某部令第1号公布', '', '第一条　为了规范管理，制定本办法。', '第二条 有下列情形之一的，处以罚款：', '（一）甲；', '（二）乙。',
      '前款规定以外的，予以警告。', '第三条本办法自2011年5月1日起施行。',
    ].join('\r\n'));
    expect(p.title).toBeNull();
    expect(p.history).toBe('2011年3月10日 某部令第1号公布');
    expect(p.effectiveFrom).toBe('2011-05-01');
    expect(p.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条']);
    expect(p.articles[0].paragraphs).toEqual(['为了规范管理，制定本办法。']);
    const a2 = p.articles[1].paragraphs;
    expect(a2).toHaveLength(4);
    expect(clauseOf(a2, 1)).toEqual({ paragraph: 1, paragraphCount: 2 });
    expect(clauseOf(a2, 3)).toEqual({ paragraph: 1, item: 2, paragraphCount: 2 });
    expect(clauseOf(a2, 4)).toEqual({ paragraph: 2, paragraphCount: 2 });
    expect(() => clauseOf(a2, 5)).toThrow(RangeError);
  });

  it('an article citing another at the start of a paragraph stays a paragraph; 条之一 is an article', () => {
    const p = parseInstrumentText('第一条 甲。\n第三条规定的情形除外。\n第一条之一 乙。\n第二条 丙。');
    expect(p.articles.map((a) => a.label)).toEqual(['第一条', '第一条之一', '第二条']);
    expect(p.articles[0].paragraphs).toEqual(['甲。', '第三条规定的情形除外。']);
    expect(p.articles[1]).toMatchObject({ no: 1, suffix: 1 });
  });

  it('says what is wrong, with the line', () => {
    expect(errorOf('这是一段说明。')).toContain('没有找到条文');
    expect(errorOf('')).toContain('没有找到条文');
    expect(errorOf('第一条 甲。\n第三条 乙。')).toBe('第2行：条文序号不连续：“第一条”之后是“第三条”，缺少“第二条”（请检查该条是否以“第二条”开头并后接空格）');
    expect(errorOf('第一条 甲。\n第二条 乙。\n第二条 丙。')).toContain('第3行：条文序号应递增');
    expect(errorOf('第二条 甲。')).toContain('第一个条文应为“第一条”');
    expect(errorOf('第一条 甲。\n第一十条 乙。')).toContain('第2行：条文序号“第一十条”无法识别');
    expect(errorOf('第一条\n第二条 乙。')).toContain('“第一条”没有内容');
    expect(errorOf('## 第一章 总则\n## 第二章 罚则\n## 第一章 总则\n第一条 甲。')).toContain('第1行：“第一章 总则”下没有条文');
    expect(errorOf('<!-- INFO END -->\n目录\n第一条 甲。')).toContain('第2行：“目录”不属于任何条文');
    expect(errorOf('第一条 甲。\n# 标题')).toContain('标题（以“# ”开头）只能出现在第一行');
  });
});
