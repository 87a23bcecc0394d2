// The text of one legal instrument (法律、法规、规章) in the library's Markdown format, as
// the bundled files in src/modules/laws/texts are written:
//
//   # 中华人民共和国行政处罚法            title (optional in a text typed in by staff)
//   1996年3月17日 …通过                   adoption and amendment history
//   <!-- INFO END -->                      end of the history
//   ## 第一章 总则                          chapter (optional); ### 第一节 … section
//   第一条 为了规范…                        an article starts a line with 第X条 and a space
//   （一）…                                 every further line is one more paragraph
//
// Parsed without I/O. Anything the parser cannot place is an error naming the line, so a
// text never loses an article silently (a 第X条 not recognised would otherwise be glued
// to the article before it).

export interface ParsedArticle {
  no: number;
  /** 0 for 第二十条; 1 for 第二十条之一 (an article inserted by an amendment). */
  suffix: number;
  label: string;
  chapter: string | null;
  section: string | null;
  /** The article's lines after its label: paragraphs (款) and items (项) alike. */
  paragraphs: string[];
}

export interface ParsedChapter { title: string; sections: string[] }

export interface ParsedInstrument {
  title: string | null;
  history: string;
  /** The date the text says it takes effect (自YYYY年M月D日起施行), when it names one. */
  effectiveFrom?: string;
  /** The text takes effect on publication (自公布之日起施行). */
  effectiveOnPublication: boolean;
  chapters: ParsedChapter[];
  articles: ParsedArticle[];
}

export class InstrumentTextError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `第${line}行：${message}`);
  }
}

const DIGITS = '零一二三四五六七八九';
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL = '[零〇一二两三四五六七八九十百千]+';

/** 10 → 十, 21 → 二十一, 101 → 一百零一, 110 → 一百一十 (1–9999), as laws write them. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`不支持的序号：${n}`);
  const digits = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const units = ['千', '百', '十', ''];
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) { zero = out !== ''; return; }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + units[i];
  });
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

/** The number a Chinese numeral writes, or undefined unless it is written as laws write it. */
export function parseChineseNumeral(text: string): number | undefined {
  let total = 0;
  let digit = 0;
  for (const ch of text.replace(/〇/g, '零')) {
    const d = DIGITS.indexOf(ch);
    if (d >= 0) { digit = d; continue; }
    const unit = UNITS[ch];
    if (!unit) return undefined;
    total += (digit || 1) * unit;
    digit = 0;
  }
  const n = total + digit;
  if (n < 1 || n > 9999) return undefined;
  // Only the canonical spelling counts: 一十 or 十十 are typing errors, not numbers.
  return chineseNumeral(n) === text.replace(/〇/g, '零') ? n : undefined;
}

export function articleLabel(no: number, suffix = 0): string {
  return `第${chineseNumeral(no)}条${suffix > 0 ? `之${chineseNumeral(suffix)}` : ''}`;
}

/** 《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款 (款 and 项 as numbers in the law's sense). */
export function citeArticle(title: string, label: string, paragraphNo?: number, itemNo?: number): string {
  const paragraph = paragraphNo ? `第${chineseNumeral(paragraphNo)}款` : '';
  const item = itemNo ? `第${chineseNumeral(itemNo)}项` : '';
  return `《${title}》${label}${paragraph}${item}`;
}

const ITEM = /^[（(]([一二三四五六七八九十]+)[）)]/;

export interface Clause {
  /** The 款 the line belongs to (an item belongs to the 款 it follows). */
  paragraph: number;
  /** The 项 when the line is an item （一）（二）…. */
  item?: number;
  /** How many 款 the article has. */
  paragraphCount: number;
}

/** Which 款 (and 项) line lineNo (1-based) of an article is. */
export function clauseOf(paragraphs: readonly string[], lineNo: number): Clause {
  let paragraph = 0;
  let item: number | undefined;
  let at: Omit<Clause, 'paragraphCount'> | undefined;
  paragraphs.forEach((line, i) => {
    const m = ITEM.exec(line);
    if (m && paragraph > 0) item = parseChineseNumeral(m[1]);
    else { paragraph++; item = undefined; }
    if (i + 1 === lineNo) at = item === undefined ? { paragraph } : { paragraph, item };
  });
  if (!at) throw new RangeError(`条文没有第${lineNo}段`);
  return { ...at, paragraphCount: paragraph };
}

// ---------------------------------------------------------------------------------
// Dates in commencement clauses: 2021年7月15日, or 二〇二一年七月十五日.

const DATE_TEXT = '((?:\\d{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*[\\d一二三四五六七八九十]{1,3}\\s*月\\s*[\\d一二三四五六七八九十]{1,3}\\s*日)';
const COMMENCES_ON = new RegExp(`自\\s*${DATE_TEXT}\\s*起\\s*(?:施行|实施|生效)`);
const COMMENCES_ON_PUBLICATION = /自(?:公布|发布|印发|颁布)之日起(?:施行|实施|生效)/;
const HISTORY_COMMENCES = new RegExp(`^${DATE_TEXT}\\s*起?\\s*(?:施行|实施)`);

function numberIn(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseNumeral(text);
}

/** 'YYYY-MM-DD' from a Chinese date, or undefined when it is not a real date. */
export function chineseDate(text: string): string | undefined {
  const m = /^(\S{4})\s*年\s*(\S{1,3})\s*月\s*(\S{1,3})\s*日$/.exec(text.trim());
  if (!m) return undefined;
  const year = /^\d{4}$/.test(m[1]) ? Number(m[1]) : Number([...m[1]].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)).join(''));
  const [month, day] = [numberIn(m[2]), numberIn(m[3])];
  if (!Number.isInteger(year) || year < 1000 || !month || !day || month > 12) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function commencement(history: string[], articles: ParsedArticle[]): Pick<ParsedInstrument, 'effectiveFrom' | 'effectiveOnPublication'> {
  for (const line of history) {
    const m = HISTORY_COMMENCES.exec(line);
    const date = m && chineseDate(m[1]);
    if (date) return { effectiveFrom: date, effectiveOnPublication: false };
  }
  // The commencement clause is one of the last articles (附则); earlier articles may
  // mention other dates (transitional periods), so only the last three are read.
  for (const a of articles.slice(-3).reverse()) {
    const text = a.paragraphs.join('');
    const m = COMMENCES_ON.exec(text);
    const date = m && chineseDate(m[1]);
    if (date) return { effectiveFrom: date, effectiveOnPublication: false };
    if (COMMENCES_ON_PUBLICATION.test(text)) return { effectiveOnPublication: true };
  }
  return { effectiveOnPublication: false };
}

// ---------------------------------------------------------------------------------
// Lines.

const INFO_END = '<!-- INFO END -->';
const SPACE = /[\s\u3000\u00a0]/;
const ARTICLE_START = new RegExp(`^第(${NUMERAL})条(?:之(${NUMERAL}))?`);
const HEADING_START = new RegExp(`^第(${NUMERAL})(章|节|编)(?=[\\s\\u3000\\u00a0]|$)`);

type Line =
  | { kind: 'title'; text: string }
  | { kind: 'chapter' | 'section'; text: string }
  | { kind: 'article'; no: number; suffix: number; rest: string }
  | { kind: 'text'; text: string };

// Zero-width characters (copied from web pages) are invisible and would break searches.
const clean = (s: string) => s.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
const collapse = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, ' ');

interface Expected { no: number; suffix: number }

/**
 * An article start: 第X条 followed by a space or the end of the line. Without the space
 * it is one only when it is the number expected next (第三条为了… after 第二条), so a
 * paragraph that begins by citing an article (第三十条规定的…) stays text.
 */
function articleLine(line: string, next: Expected[], lineNo: number): Line | undefined {
  const m = ARTICLE_START.exec(line);
  if (!m) return undefined;
  const rest = line.slice(m[0].length);
  const spaced = rest === '' || SPACE.test(rest[0]);
  const no = parseChineseNumeral(m[1]);
  const suffix = m[2] === undefined ? 0 : parseChineseNumeral(m[2]);
  if (no === undefined || suffix === undefined) {
    if (spaced) throw new InstrumentTextError(`条文序号“${m[0]}”无法识别（应写作“第一条”“第二十一条”“第一百零一条”等）`, lineNo);
    return undefined;
  }
  if (!spaced && !next.some((e) => e.no === no && e.suffix === suffix)) return undefined;
  return { kind: 'article', no, suffix, rest: clean(rest) };
}

function headingLine(line: string): Line | undefined {
  const md = /^(#{1,6})\s*(.*)$/.exec(line);
  if (md) {
    const text = collapse(clean(md[2]));
    if (md[1].length === 1) return { kind: 'title', text };
    if (md[1].length === 2) return { kind: 'chapter', text };
    return { kind: 'section', text };
  }
  const m = HEADING_START.exec(line);
  if (!m) return undefined;
  return { kind: m[2] === '节' ? 'section' : 'chapter', text: collapse(line) };
}

function expectedAfter(prev: ParsedArticle | undefined): Expected[] {
  if (!prev) return [{ no: 1, suffix: 0 }];
  return [{ no: prev.no + 1, suffix: 0 }, { no: prev.no, suffix: prev.suffix + 1 }];
}

function checkOrder(prev: ParsedArticle | undefined, no: number, suffix: number, lineNo: number) {
  const label = articleLabel(no, suffix);
  if (!prev) {
    if (no !== 1 || suffix !== 0) throw new InstrumentTextError(`第一个条文应为“第一条”，实为“${label}”`, lineNo);
    return;
  }
  if (no < prev.no || (no === prev.no && suffix <= prev.suffix)) {
    throw new InstrumentTextError(`条文序号应递增：“${prev.label}”之后出现“${label}”`, lineNo);
  }
  if (!expectedAfter(prev).some((e) => e.no === no && e.suffix === suffix)) {
    const missing = articleLabel(prev.no + 1);
    throw new InstrumentTextError(`条文序号不连续：“${prev.label}”之后是“${label}”，缺少“${missing}”（请检查该条是否以“${missing}”开头并后接空格）`, lineNo);
  }
}

// ---------------------------------------------------------------------------------
// The parser.

interface State {
  chapters: ParsedChapter[];
  articles: ParsedArticle[];
  chapter: string | null;
  section: string | null;
  /** The last heading and whether an article has followed it (an empty chapter is a pasted table of contents). */
  openHeading?: { kind: 'chapter' | 'section'; text: string; line: number; filled: boolean };
}

function closeHeading(s: State) {
  if (s.openHeading && !s.openHeading.filled) {
    throw new InstrumentTextError(`“${s.openHeading.text}”下没有条文（如粘贴了目录，请删去目录）`, s.openHeading.line);
  }
}

function addHeading(s: State, line: Extract<Line, { kind: 'chapter' | 'section' }>, lineNo: number) {
  if (line.text === '') throw new InstrumentTextError('章节标题为空', lineNo);
  if (line.kind === 'chapter') {
    closeHeading(s);
    s.chapters.push({ title: line.text, sections: [] });
    s.chapter = line.text;
    s.section = null;
  } else {
    // A chapter may open directly with its first section.
    if (s.openHeading?.kind !== 'chapter') closeHeading(s);
    if (s.chapters.length === 0) s.chapters.push({ title: '', sections: [] });
    s.chapters[s.chapters.length - 1].sections.push(line.text);
    s.section = line.text;
  }
  s.openHeading = { kind: line.kind, text: line.text, line: lineNo, filled: false };
}

function addArticle(s: State, line: Extract<Line, { kind: 'article' }>, lineNo: number) {
  const prev = s.articles[s.articles.length - 1];
  if (prev && prev.paragraphs.length === 0) throw new InstrumentTextError(`“${prev.label}”没有内容`, lineNo - 1);
  checkOrder(prev, line.no, line.suffix, lineNo);
  if (s.openHeading) s.openHeading.filled = true;
  s.articles.push({
    no: line.no, suffix: line.suffix, label: articleLabel(line.no, line.suffix),
    chapter: s.chapter ? s.chapter : null, section: s.section,
    paragraphs: line.rest ? [line.rest] : [],
  });
}

function bodyLine(s: State, raw: string, lineNo: number) {
  const next = expectedAfter(s.articles[s.articles.length - 1]);
  const line = articleLine(raw, next, lineNo) ?? headingLine(raw) ?? { kind: 'text' as const, text: raw };
  if (line.kind === 'article') return addArticle(s, line, lineNo);
  if (line.kind === 'chapter' || line.kind === 'section') return addHeading(s, line, lineNo);
  if (line.kind === 'title') throw new InstrumentTextError('标题（以“# ”开头）只能出现在第一行', lineNo);
  const article = s.articles[s.articles.length - 1];
  if (!article || (s.openHeading && !s.openHeading.filled)) {
    throw new InstrumentTextError(`“${raw.slice(0, 20)}”不属于任何条文（条文应以“第X条”开头并后接空格）`, lineNo);
  }
  article.paragraphs.push(raw);
}

/** Splits the text into the title, the history and the body lines (with their line numbers). */
function split(text: string) {
  const lines = text.split(/\r\n|\r|\n/).map((raw, i) => ({ text: clean(raw), no: i + 1 })).filter((l) => l.text !== '');
  let title: string | null = null;
  if (lines[0] && /^#\s/.test(lines[0].text)) title = collapse(clean(lines.shift()!.text.slice(1)));
  const marker = lines.findIndex((l) => l.text === INFO_END);
  if (marker >= 0) return { title, history: lines.slice(0, marker).map((l) => l.text), body: lines.slice(marker + 1) };
  // Without the marker, the lines before the first chapter or article are the history.
  const first = lines.findIndex((l) => ARTICLE_START.test(l.text) || headingLine(l.text) !== undefined);
  if (first < 0) return { title, history: [], body: lines };
  return { title, history: lines.slice(0, first).map((l) => l.text), body: lines.slice(first) };
}

const NO_ARTICLES = '没有找到条文：每条应另起一行，以“第X条”开头并后接空格，例如“第一条 为了……”';

export function parseInstrumentText(text: string): ParsedInstrument {
  const { title, history, body } = split(text);
  if (!body.some((l) => ARTICLE_START.test(l.text))) throw new InstrumentTextError(NO_ARTICLES);
  const s: State = { chapters: [], articles: [], chapter: null, section: null };
  for (const line of body) {
    if (line.text === INFO_END) throw new InstrumentTextError(`“${INFO_END}”只能出现一次`, line.no);
    bodyLine(s, line.text, line.no);
  }
  closeHeading(s);
  const last = s.articles[s.articles.length - 1];
  if (!last) throw new InstrumentTextError(NO_ARTICLES);
  if (last.paragraphs.length === 0) throw new InstrumentTextError(`“${last.label}”没有内容`);
  return {
    title, history: history.join('\n'), ...commencement(history, s.articles),
    chapters: s.chapters.filter((c) => c.title !== '' || c.sections.length > 0), articles: s.articles,
  };
}
