// The instruments the platform ships: the official texts in ./texts (national laws and
// State Council regulations, file name 名称(公布或修订日期).md) and two department rules
// that are not in the collection, carried as summaries of the articles the penalty
// provisions cite (legal-rules.md, "Provisions to ship as examples").
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleLabel, parseInstrumentText, type ParsedArticle } from '../../core/law/instrumentText';

export const LAW_KINDS = ['law', 'administrative_regulation', 'department_rule', 'local_regulation', 'normative_document'] as const;
export type LawKind = typeof LAW_KINDS[number];

/** A version ready to be stored. */
export interface VersionLoad {
  versionDate: string;
  effectiveFrom: string;
  history: string;
  textStatus: 'official' | 'summary';
  articles: ParsedArticle[];
}

export interface InstrumentLoad extends VersionLoad {
  name: string;
  title: string;
  kind: LawKind;
  issuer: string | null;
}

export interface BundledEntry {
  name: string;
  versionDate: string;
  /** Reads and parses the text: only called when the version is missing from the database. */
  load(): InstrumentLoad;
}

const TEXTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'texts');
const FILE_NAME = /^(.+)\((\d{4}-\d{2}-\d{2})\)\.md$/;

/**
 * When a version took effect, where the text does not say it: an amending decision's
 * own commencement date (the republished text keeps the original law's clause).
 * Sources: 主席令第71号 (2017-06-27) "本决定自2017年7月1日起施行"; 主席令第81号
 * (2017-11-04, 会计法等十一部法律) in force 2017-11-05; 国务院令第795号 (2024-11-10)
 * "自2025年1月1日起施行". Other amendments in the collection took effect on publication.
 */
const AMENDMENT_EFFECTIVE: Record<string, string> = {
  '行政诉讼法(2017-06-27)': '2017-07-01',
  '母婴保健法(2017-11-04)': '2017-11-05',
  '全国年节及纪念日放假办法(2024-11-10)': '2025-01-01',
};

/** Issuers that are not the default (国务院 for regulations, the NPC or its Standing Committee for laws). */
const ISSUERS: Record<string, string> = {
  信访工作条例: '中共中央、国务院',
  学校卫生工作条例: '国家教育委员会、卫生部（经国务院批准）',
};

// Every bundled file not named …法 is a State Council regulation (办法 ends in 法 too).
const kindOf = (name: string): LawKind => (name.endsWith('法') && !name.endsWith('办法') ? 'law' : 'administrative_regulation');

function issuerOf(name: string, kind: LawKind, history: string): string {
  if (ISSUERS[name]) return ISSUERS[name];
  if (kind !== 'law') return '国务院';
  const last = history.split('\n').pop() ?? '';
  return last.includes('全国人民代表大会常务委员会') || !last.includes('全国人民代表大会') ? '全国人民代表大会常务委员会' : '全国人民代表大会';
}

/**
 * The text's own date when it is not before publication; otherwise (an amended law whose
 * clause names the original commencement, or 自公布之日起施行) the amendment's date.
 */
function effectiveFromOf(key: string, versionDate: string, stated: string | undefined): string {
  if (AMENDMENT_EFFECTIVE[key]) return AMENDMENT_EFFECTIVE[key];
  return stated && stated >= versionDate ? stated : versionDate;
}

function loadFile(file: string, name: string, versionDate: string): InstrumentLoad {
  const parsed = parseInstrumentText(fs.readFileSync(path.join(TEXTS_DIR, file), 'utf8'));
  const kind = kindOf(name);
  return {
    name, title: parsed.title ?? name, kind, issuer: issuerOf(name, kind, parsed.history), versionDate,
    effectiveFrom: effectiveFromOf(`${name}(${versionDate})`, versionDate, parsed.effectiveFrom),
    history: parsed.history, textStatus: 'official', articles: parsed.articles,
  };
}

const summaryArticle = (no: number, text: string): ParsedArticle => ({ no, suffix: 0, label: articleLabel(no), chapter: null, section: null, paragraphs: [text] });

// One paragraph per article: the summaries do not claim the official 款 structure, so a
// citation of them names the article only.
const SUMMARIES: InstrumentLoad[] = [
  {
    name: '公共场所卫生管理条例实施细则', title: '公共场所卫生管理条例实施细则', kind: 'department_rule', issuer: '原卫生部',
    versionDate: '2017-12-26', effectiveFrom: '2017-12-26', textStatus: 'summary',
    history: '原卫生部令第80号公布（2011年）\n2016年、2017年两次修订；本库收录2017年12月26日修订后的版本\n以下为平台整理的条文摘要，非官方文本，请以正式文本为准',
    articles: [
      summaryArticle(35, '未依法取得公共场所卫生许可证擅自营业的：责令限期改正，给予警告，并处500元以上5000元以下罚款；曾受过卫生行政部门处罚、擅自营业时间在三个月以上，或者以涂改、转让、倒卖、伪造的卫生许可证擅自营业的，处5000元以上30000元以下罚款。'),
      summaryArticle(36, '未按照规定对公共场所的空气、微小气候、水质、采光、照明、噪声、顾客用品用具等进行卫生检测，或者未按照规定对顾客用品用具进行清洗、消毒、保洁，或者重复使用一次性用品用具的：责令限期改正，给予警告，并可处2000元以下罚款；逾期不改正，造成公共场所卫生质量不符合卫生标准和要求的，处2000元以上20000元以下罚款；情节严重的，可以依法责令停业整顿，直至吊销卫生许可证。'),
      summaryArticle(38, '安排未获得有效健康合格证明的从业人员从事直接为顾客服务工作的：责令限期改正，给予警告，并处500元以上5000元以下罚款；逾期不改正的，处5000元以上15000元以下罚款。'),
    ],
  },
  {
    name: '生活饮用水卫生监督管理办法', title: '生活饮用水卫生监督管理办法', kind: 'department_rule', issuer: '原建设部、原卫生部',
    versionDate: '2016-04-17', effectiveFrom: '2016-06-01', textStatus: 'summary',
    history: '建设部、卫生部令第53号发布（1996年）\n2016年4月17日修订，2016年6月1日起施行\n以下为平台整理的条文摘要，非官方文本，请以正式文本为准',
    articles: [
      summaryArticle(26, '未取得卫生许可证而擅自供水，供应的饮用水不符合国家生活饮用水卫生标准，或者新建、改建、扩建的饮用水供水项目未经卫生行政部门参加选址、设计审查和竣工验收而擅自供水的：责令限期改进，并可处以20元以上5000元以下的罚款。'),
    ],
  },
];

let catalog: BundledEntry[] | undefined;

/** What the platform ships, by name and version date (reading the directory, not the texts). */
export function bundledCatalog(): BundledEntry[] {
  catalog ??= [
    ...fs.readdirSync(TEXTS_DIR).sort().flatMap((file) => {
      const m = FILE_NAME.exec(file);
      return m ? [{ name: m[1], versionDate: m[2], load: () => loadFile(file, m[1], m[2]) }] : [];
    }),
    ...SUMMARIES.map((s) => ({ name: s.name, versionDate: s.versionDate, load: () => s })),
  ];
  return catalog;
}
