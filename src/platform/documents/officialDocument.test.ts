import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { chineseDate, formatYuan, officialDocument, yuanInWords } from './officialDocument';

async function part(docx: Buffer, name: string): Promise<string> {
  const file = (await JSZip.loadAsync(docx)).file(name);
  if (!file) throw new Error(`${name} missing from the .docx`);
  return file.async('string');
}

/** The text a reader sees: paragraphs on their own lines, tags gone, entities decoded. */
const readable = (xml: string) => xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const attr = (xml: string, element: string, name: string) => {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0] ?? '';
  return Number(new RegExp(`w:${name}="(\\d+)"`).exec(tag)?.[1]);
};

/** The paragraph (<w:p>…</w:p>) holding a text. */
const paragraphWith = (xml: string, text: string) =>
  xml.split('</w:p>').find((p) => p.includes(`>${text}<`)) ?? '';

describe('chineseDate', () => {
  it.each([
    ['2026-03-20', '二〇二六年三月二十日'],
    ['2026-01-01', '二〇二六年一月一日'],
    ['2026-10-10', '二〇二六年十月十日'],
    ['2026-11-19', '二〇二六年十一月十九日'],
    ['2000-12-31', '二〇〇〇年十二月三十一日'],
    ['2024-02-29', '二〇二四年二月二十九日'],
  ])('%s → %s', (iso, text) => {
    expect(chineseDate(iso)).toBe(text);
  });

  it.each(['2026-02-30', '2026-3-20', '20260320', ''])('refuses %j', (iso) => {
    expect(() => chineseDate(iso)).toThrow(RangeError);
  });
});

describe('yuanInWords', () => {
  it.each([
    [155000, '壹拾伍万伍仟元整'],
    [1234.56, '壹仟贰佰叁拾肆元伍角陆分'],
    [0, '零元整'],
    [10, '壹拾元整'],
    [100_000, '壹拾万元整'],
    [1_000_001, '壹佰万零壹元整'],
    [0.05, '伍分'],
    [0.5, '伍角整'],
    [20.5, '贰拾元伍角整'],
    [1.05, '壹元零伍分'],
    [1001, '壹仟零壹元整'],
    [10_010, '壹万零壹拾元整'],
    [100_010, '壹拾万零壹拾元整'],
    // The examples of 支付结算办法's rules for 大写: one 零 for a run of zeros; an optional
    // 零 (万位 or 元位 zero before a non-zero 千 or 角) is left out.
    [6007.14, '陆仟零柒元壹角肆分'],
    [1409.5, '壹仟肆佰零玖元伍角整'],
    [107_000.53, '壹拾万柒仟元伍角叁分'],
    [1680.32, '壹仟陆佰捌拾元叁角贰分'],
    [325.04, '叁佰贰拾伍元零肆分'],
    [12_000_500, '壹仟贰佰万零伍佰元整'],
    [100_000_000, '壹亿元整'],
    [100_010_000, '壹亿零壹万元整'],
    [1_000_001_000.01, '壹拾亿零壹仟元零壹分'],
  ])('%d → %s', (yuan, words) => {
    expect(yuanInWords(yuan)).toBe(words);
  });

  it.each([-1, 1.001, Number.NaN, Number.POSITIVE_INFINITY, 1e12])('refuses %d', (yuan) => {
    expect(() => yuanInWords(yuan)).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it.each([
    [155000, '155,000元'],
    [0, '0元'],
    [10, '10元'],
    [100_000, '100,000元'],
    [1_000_001, '1,000,001元'],
    [0.05, '0.05元'],
    [20.5, '20.50元'],
    [1234.56, '1,234.56元'],
  ])('%d → %s', (yuan, text) => {
    expect(formatYuan(yuan)).toBe(text);
  });

  it('refuses amounts below the 分', () => {
    expect(() => formatYuan(0.001)).toThrow(RangeError);
  });
});

describe('officialDocument', () => {
  const build = () => officialDocument({
    agency: '嘉南市卫生健康委员会',
    title: '行政处罚决定书',
    documentNo: '嘉南卫医罚〔2026〕12号',
    blocks: [
      { type: 'paragraph', text: '当事人：嘉南康宁健康咨询有限公司', indent: false },
      { type: 'heading', text: '一、违法事实' },
      { type: 'heading', text: '（一）现场检查', level: 2 },
      { type: 'paragraph', text: '第一段 <a & b>。\r\n第二段。' },
      { type: 'table', rows: [
        { label: '案由', value: '未取得医疗机构执业许可证擅自执业' },
        [{ label: '执法人员', value: '张伟' }, { label: '证件号', value: '33040026001' }],
        { label: '现场情况', blankLines: 3, sign: '签名：　　年　月　日' },
      ] },
      { type: 'signature', signer: '嘉南市卫生健康委员会', date: '2026-03-20', seal: true },
    ],
  });

  it('lays out A4 with the GB/T 9704 margins', async () => {
    const xml = await part(await build(), 'word/document.xml');
    expect(attr(xml, 'w:pgSz', 'w')).toBe(11906);
    expect(attr(xml, 'w:pgSz', 'h')).toBe(16838);
    const twips = (mm: number) => mm * 56.7;
    for (const [side, mm] of [['top', 37], ['bottom', 35], ['left', 28], ['right', 26]] as const) {
      expect(Math.abs(attr(xml, 'w:pgMar', side) - twips(mm))).toBeLessThanOrEqual(1);
    }
  });

  it('writes the head, the body, the table and the signature a reader sees', async () => {
    const text = readable(await part(await build(), 'word/document.xml'));
    expect(text).toContain('嘉南市卫生健康委员会\n行政处罚决定书\n嘉南卫医罚〔2026〕12号\n');
    expect(text).toContain('第一段 <a & b>。\n第二段。\n');
    expect(text).toContain('案由');
    expect(text).toContain('33040026001');
    expect(text).toContain('嘉南市卫生健康委员会（印章）\n二〇二六年三月二十日\n');
    expect(text).not.toMatch(/undefined|null|NaN/);
  });

  it('sets the fonts, sizes and spacing of each part', async () => {
    const xml = await part(await build(), 'word/document.xml');
    const title = paragraphWith(xml, '行政处罚决定书');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const body = paragraphWith(xml, '第二段。');
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(body).toContain('w:firstLineChars="200"');
    expect(paragraphWith(xml, '嘉南卫医罚〔2026〕12号')).toContain('<w:jc w:val="right"/>');
    expect(paragraphWith(xml, '一、违法事实')).toContain('w:eastAsia="黑体"');
    expect(paragraphWith(xml, '（一）现场检查')).toContain('w:eastAsia="楷体_GB2312"');
    expect(paragraphWith(xml, '二〇二六年三月二十日')).toContain('<w:jc w:val="right"/>');
    expect(xml).toMatch(/<w:tblBorders>.*<w:insideH w:val="single"/);
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
  });

  it('numbers pages "— 1 —" in 宋体 4号, odd pages right and even pages left', async () => {
    const docx = await build();
    const settings = await part(docx, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(['word/footer1.xml', 'word/footer2.xml'].map((f) => part(docx, f)));
    for (const footer of footers) {
      expect(footer).toContain('w:eastAsia="宋体"');
      expect(footer).toContain('<w:sz w:val="28"/>');
      expect(footer).toContain('PAGE');
      expect(readable(footer).replace(/PAGE/, '1')).toMatch(/— 1 —/);
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('names the fallback fonts in the font table', async () => {
    const fonts = await part(await build(), 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="SimSun"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="FangSong"/>');
  });

  it('leaves out the number line without a number and centres it on request', async () => {
    const plain = readable(await part(await officialDocument({ agency: '某委', title: '通知', blocks: [] }), 'word/document.xml'));
    expect(plain).toBe('某委\n通知\n\n');
    const centred = await part(await officialDocument({ agency: '某委', title: '通知', documentNo: '某卫〔2026〕1号', documentNoAlign: 'center', blocks: [] }), 'word/document.xml');
    expect(paragraphWith(centred, '某卫〔2026〕1号')).toContain('<w:jc w:val="center"/>');
  });
});
