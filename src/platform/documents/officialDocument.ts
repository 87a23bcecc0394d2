// Official documents (公文 / 执法文书) as .docx in the layout of GB/T 9704-2012 《党政机关公文
// 格式》 as health-enforcement documents use it: A4, a 156 × 225 mm type area, the title in
// 小标宋 2号 under the agency's name, the body in 仿宋 3号 at 22 lines a page, page numbers
// "— 1 —" at the outside corners, and a signature block with the agency, the date in
// Chinese and the place of the seal. Forms (审批表, 送达回证, 笔录) are bordered tables.
//
// Amounts and dates as they are written in documents (大写金额, 二〇二六年三月二十日) are here
// too, so that every document writes them the same way.
import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table,
  TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { isIsoDate } from '../../core/calendar/dates';

// ---------------------------------------------------------------------------------------------
// Chinese dates and amounts

const DATE_DIGITS = '〇一二三四五六七八九';

/** 1–31 as written in a date: 十, 十一, 二十, 二十一, 三十一 (never 一十). */
function smallNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const units = n % 10 === 0 ? '' : DATE_DIGITS[n % 10];
  if (tens === 0) return units;
  return `${tens === 1 ? '' : DATE_DIGITS[tens]}十${units}`;
}

/** '2026-03-20' → '二〇二六年三月二十日', as GB/T 9704 writes the 成文日期. */
export function chineseDate(iso: string): string {
  if (!isIsoDate(iso)) throw new RangeError(`不是有效日期：${iso}`);
  const [y, m, d] = iso.split('-');
  const year = [...y].map((c) => DATE_DIGITS[Number(c)]).join('');
  return `${year}年${smallNumber(Number(m))}月${smallNumber(Number(d))}日`;
}

const UPPER_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UPPER_UNITS = ['仟', '佰', '拾', ''];
const GROUP_UNITS = ['', '万', '亿'];
/** Below 1e12 yuan the amount in 分 stays an exact integer, far above any fine. */
const MAX_YUAN = 1e12;

/** An amount in yuan as whole 分, refusing what cannot be money (negative, below 分). */
function toFen(yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (!Number.isFinite(yuan) || yuan < 0 || yuan >= MAX_YUAN || Math.abs(yuan * 100 - fen) > 1e-6) {
    throw new RangeError(`不是有效金额：${yuan}`);
  }
  return fen;
}

/** 0–9999 in 大写 without leading 零; inner runs of zeros are one 零 (1001 → 壹仟零壹). */
function groupInWords(group: number): string {
  const digits = String(group).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) { zero = out !== ''; continue; }
    out += `${zero ? '零' : ''}${UPPER_DIGITS[d]}${UPPER_UNITS[i]}`;
    zero = false;
  }
  return out;
}

/** Whole yuan in 大写, by groups of four digits (万, 亿); '' for 0. */
function integerInWords(n: number): string {
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
  let out = '';
  let zero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) { zero = out !== ''; continue; }
    // A skipped group or a group below 1000 leaves a gap that is read as 零 (壹佰万零壹).
    out += `${out !== '' && (zero || groups[i] < 1000) ? '零' : ''}${groupInWords(groups[i])}${GROUP_UNITS[i]}`;
    zero = false;
  }
  return out;
}

/**
 * An amount in 大写 as financial documents write it (会计基础工作规范 art. 52, 支付结算办法):
 * 壹拾伍万伍仟元整, 壹仟贰佰叁拾肆元伍角陆分; 整 after 元 or 角, never after 分; one 零 for a
 * run of zeros and for a 角 of zero before 分; the optional 零 (a zero 万位 or 元位 before a
 * non-zero 千 or 角: 壹拾万柒仟元伍角) is left out.
 */
export function yuanInWords(yuan: number): string {
  const fen = toFen(yuan);
  if (fen === 0) return '零元整';
  const whole = integerInWords(Math.floor(fen / 100));
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = whole === '' ? '' : `${whole}元`;
  if (jiao !== 0) out += `${UPPER_DIGITS[jiao]}角`;
  else if (cents !== 0 && whole !== '') out += '零';
  return cents === 0 ? `${out}整` : `${out}${UPPER_DIGITS[cents]}分`;
}

/** 155000 → '155,000元', 20.5 → '20.50元': whole yuan without decimals, otherwise to the 分. */
export function formatYuan(yuan: number): string {
  const fen = toFen(yuan);
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const decimals = fen % 100 === 0 ? '' : `.${String(fen % 100).padStart(2, '0')}`;
  return `${whole}${decimals}元`;
}

// ---------------------------------------------------------------------------------------------
// Layout (GB/T 9704-2012)

/** Twips (1/20 pt) from millimetres: 1 mm = 1440 / 25.4 twips. */
const mm = (v: number) => Math.round((v * 1440) / 25.4);

export const PAGE = {
  width: mm(210), height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
};
/** The type area is 156 mm wide; tables fill it. */
const TEXT_WIDTH = mm(210 - 28 - 26);

const FONT = {
  title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体_GB2312', pageNumber: '宋体',
};
/** Fonts a machine without the GB2312-era faces substitutes (w:altName in the font table). */
const FONT_FALLBACK: Record<string, string> = {
  方正小标宋简体: 'SimSun', 仿宋_GB2312: 'FangSong', 黑体: 'SimHei', 楷体_GB2312: 'KaiTi', 宋体: 'SimSun',
};
/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
const SIZE = { title: 44, body: 32, table: 28, pageNumber: 28 };
/** 28.95 pt fixed spacing puts exactly 22 lines in the 225 mm type area. */
const BODY_LINE = { line: 579, lineRule: LineRuleType.EXACT };
/** Forms are 4号 at 24 pt so that a cell holds a line of handwriting beside the print. */
const TABLE_LINE = { line: 480, lineRule: LineRuleType.EXACT };
/** One character of body text (3号 = 16 pt) in twips, the unit of indents. */
const CHAR = 320;

/** Text typed on Windows arrives with \r\n; either way a break starts a new paragraph. */
const LINE_BREAK = /\r?\n/;

type Align = 'left' | 'center' | 'right' | 'justify';
const ALIGN = {
  left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED,
} as const;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const run = (text: string, face = FONT.body, size = SIZE.body) => new TextRun({ text, font: font(face), size });

// ---------------------------------------------------------------------------------------------
// Blocks

/** One label and its value in a form; `blankLines` rules lines for handwriting under the value. */
export interface Field {
  label: string;
  value?: string | null;
  blankLines?: number;
  /** A right-aligned line closing the cell, e.g. '签名：　　　　年　月　日'. */
  sign?: string;
}

export type Block =
  /** Body text; '\n' starts a new paragraph. Indented 2 characters unless `indent: false`. */
  | { type: 'paragraph'; text: string; align?: Align; indent?: boolean }
  /** 一级 in 黑体, 二级 in 楷体 (GB/T 9704 § 7.3.3). */
  | { type: 'heading'; text: string; level?: 1 | 2 }
  /** A bordered form: one field per row, or two side by side. */
  | { type: 'table'; rows: (Field | [Field, Field])[] }
  /** Signer and date, right-aligned under the text; `seal` adds the place of the seal. */
  | { type: 'signature'; signer: string; date: string; seal?: boolean }
  /** Ruled empty lines for handwriting. */
  | { type: 'blankLines'; count: number };

export interface OfficialDocumentInput {
  agency: string;
  /** False when the title already names the agency (a report: "…委员会2025年…报告"): the agency line is left out. */
  agencyLine?: boolean;
  title: string;
  documentNo?: string | null;
  /** Enforcement documents put the number right under the title; 公文 with a 版头 centre it. */
  documentNoAlign?: 'right' | 'center';
  blocks: Block[];
}

function bodyParagraph(text: string, align: Align = 'justify', indent = true): Paragraph {
  return new Paragraph({
    children: [run(text)], alignment: ALIGN[align], spacing: BODY_LINE,
    indent: indent ? { firstLine: 2 * CHAR, firstLineChars: 200 } : undefined,
  });
}

function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    children: [run(text, level === 1 ? FONT.heading1 : FONT.heading2)],
    alignment: AlignmentType.JUSTIFIED, spacing: BODY_LINE, indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    keepNext: true,
  });
}

/** A ruled empty line (bottom border) to write on. */
function blankLine(line = BODY_LINE): Paragraph {
  return new Paragraph({ children: [], spacing: line, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 } } });
}

/** Width of a line of text in characters: CJK and full-width forms count 1, ASCII ½. */
const charWidth = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

/**
 * GB/T 9704 § 7.3.5.1: the date 右空四字, the signer centred over the date, the seal over
 * both. The signer's right indent reproduces that centring; a signer too long to centre
 * (over eight characters longer than the date) ends at the right margin.
 */
function signature(signer: string, date: string, seal: boolean): Paragraph[] {
  const dateText = chineseDate(date);
  const signerText = seal ? `${signer}（印章）` : signer;
  const signerIndent = Math.max(0, 4 + (charWidth(dateText) - charWidth(signerText)) / 2);
  const line = (text: string, chars: number, keepNext: boolean) => new Paragraph({
    children: [run(text)], alignment: AlignmentType.RIGHT, spacing: BODY_LINE,
    indent: { right: Math.round(chars * CHAR) }, keepNext, keepLines: true,
  });
  return [
    new Paragraph({ children: [], spacing: BODY_LINE, keepNext: true }),
    line(signerText, signerIndent, true),
    line(dateText, 4, false),
  ];
}

const tableParagraph = (text: string, align: Align) => new Paragraph({
  children: [run(text, FONT.body, SIZE.table)], alignment: ALIGN[align], spacing: TABLE_LINE,
});

function valueParagraphs(field: Field): Paragraph[] {
  const lines = (field.value ?? '').split(LINE_BREAK).map((t) => tableParagraph(t, 'justify'));
  const ruled = Array.from({ length: field.blankLines ?? 0 }, () => blankLine(TABLE_LINE));
  const sign = field.sign ? [tableParagraph(field.sign, 'right')] : [];
  return [...lines, ...ruled, ...sign];
}

/** Label column 34 mm of the 156 mm row: six characters of 4号 on a line, longer labels wrap. */
const LABEL = mm(34);
const VALUE_PAIRED = (TEXT_WIDTH - 2 * LABEL) / 2;
const cellMargins = { top: 60, bottom: 60, left: 100, right: 100 };

const labelCell = (label: string) => new TableCell({
  children: [tableParagraph(label, 'center')], verticalAlign: VerticalAlign.CENTER, margins: cellMargins,
  width: { size: LABEL, type: WidthType.DXA },
});

function valueCell(field: Field, span: number): TableCell {
  const width = span === 1 ? VALUE_PAIRED : TEXT_WIDTH - LABEL;
  return new TableCell({
    children: valueParagraphs(field), columnSpan: span, verticalAlign: VerticalAlign.CENTER, margins: cellMargins,
    width: { size: width, type: WidthType.DXA },
  });
}

function tableRow(row: Field | [Field, Field]): TableRow {
  const cells = Array.isArray(row)
    ? row.flatMap((f) => [labelCell(f.label), valueCell(f, 1)])
    : [labelCell(row.label), valueCell(row, 3)];
  return new TableRow({ children: cells, cantSplit: true });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** Four columns (label, value, label, value); a single field's value spans the last three. */
function table(rows: (Field | [Field, Field])[]): Table {
  return new Table({
    rows: rows.map(tableRow),
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL, VALUE_PAIRED, LABEL, VALUE_PAIRED],
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

function renderBlock(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'paragraph':
      return block.text.split(LINE_BREAK).map((t) => bodyParagraph(t, block.align, block.indent ?? true));
    case 'heading':
      return [heading(block.text, block.level ?? 1)];
    case 'table':
      return [table(block.rows)];
    case 'signature':
      return signature(block.signer, block.date, block.seal ?? false);
    case 'blankLines':
      return Array.from({ length: block.count }, () => blankLine());
  }
}

// ---------------------------------------------------------------------------------------------
// Head, page numbers, fonts

function head(input: OfficialDocumentInput): Paragraph[] {
  const titleLine = (text: string) => new Paragraph({ children: [run(text, FONT.title, SIZE.title)], alignment: AlignmentType.CENTER, spacing: BODY_LINE });
  const number = input.documentNo
    ? [bodyParagraph(input.documentNo, input.documentNoAlign ?? 'right', false)]
    : [];
  const agency = input.agencyLine === false ? [] : [titleLine(input.agency)];
  return [...agency, titleLine(input.title), ...number, new Paragraph({ children: [], spacing: BODY_LINE })];
}

/**
 * GB/T 9704 § 7.5: 4号 半角 numerals between em dashes, odd pages at the right and even
 * pages at the left, one character in from the edge of the type area.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = SIZE.pageNumber * 10;
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.pageNumber), size: SIZE.pageNumber })],
    })],
  });
}

/**
 * The page number's top sits 7 mm under the type area (§ 7.5); Word measures the footer
 * from the page edge to the bottom of its line, so subtract a 4号 line (14 pt ≈ 4.9 mm).
 */
const FOOTER_DISTANCE = mm(35 - 7 - 4.9);

/** The font table names the fallbacks, which docx itself only writes for embedded fonts. */
function fontTableXml(): string {
  const fonts = Object.entries(FONT_FALLBACK).map(([name, alt]) =>
    `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join('')}</w:fonts>`;
}

/** Builds the document and returns the .docx file. */
export async function officialDocument(input: OfficialDocumentInput): Promise<Buffer> {
  const doc = new Document({
    creator: input.agency,
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONT.body), size: SIZE.body, language: { eastAsia: 'zh-CN' } } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...PAGE.margin, footer: FOOTER_DISTANCE } } },
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children: [...head(input), ...input.blocks.flatMap(renderBlock)],
    }],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
