import { z } from 'zod';
import { idParam, isoDate, optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { LAW_KINDS } from './bundled';

// PostgreSQL text cannot hold NUL and no field here has a use for control characters;
// the text of an instrument keeps its line breaks and tabs.
const CONTROL = /[\u0000-\u001f\u007f]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noControl = { message: '不能包含控制字符' };
const line = (max: number) => text(max).refine((v) => !CONTROL.test(v), noControl);
const optionalLine = (max: number) => optionalText(max).refine((v) => v === null || !CONTROL.test(v), noControl);

/** Largest text accepted for one version (UTF-8 bytes); the longest bundled law is about 42 KB. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** Request body limit of the write routes: the text plus JSON escaping and the other fields. */
export const MAX_LAW_BODY_BYTES = 3 * 1024 * 1024;

export const lawKind = z.enum(LAW_KINDS, { message: '类别应为 law、administrative_regulation、department_rule、local_regulation 或 normative_document' });
export type LawKindValue = z.infer<typeof lawKind>;

/** Kinds staff add; national laws and State Council regulations ship with the platform. */
export const STAFF_KINDS = ['department_rule', 'local_regulation', 'normative_document'] as const;

export const versionInput = z.object({
  versionDate: isoDate,
  effectiveFrom: isoDate,
  text: z.string({ message: '请填写法规文本' }).min(1, '法规文本不能为空').max(MAX_TEXT_BYTES, '法规文本不能超过2 MB')
    .refine((v) => !TEXT_CONTROL.test(v), { message: '法规文本含有不允许的控制字符' }),
});
export type VersionInput = z.infer<typeof versionInput>;

export const lawInput = versionInput.extend({
  name: line(100).refine((v) => !v.startsWith('中华人民共和国'), { message: '名称请填写简称，不含“中华人民共和国”' }),
  title: line(200),
  kind: z.enum(STAFF_KINDS, { message: '类别应为部门规章（department_rule）、地方性法规（local_regulation）或规范性文件（normative_document）；法律和行政法规由系统随附' }),
  issuer: optionalLine(100),
});
export type LawInput = z.infer<typeof lawInput>;

export const lawListQuery = z.object({
  q: optionalLine(50),
  kind: lawKind.optional(),
  ...pagination,
});
export type LawListQuery = z.infer<typeof lawListQuery>;

const textStatus = z.enum(['official', 'summary']);

export const lawListRow = z.object({
  id: z.number(),
  name: z.string(),
  title: z.string(),
  kind: lawKind,
  issuer: z.string().nullable(),
  versions: z.number().int(),
  /** The version in force today; null when none is in force yet. */
  currentVersionDate: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  textStatus: textStatus.nullable(),
  articleCount: z.number().int(),
  /** A version published but not yet in force. */
  nextEffectiveFrom: z.string().nullable(),
});
export const lawList = paged(lawListRow);

export const searchQuery = z.object({
  q: z.string({ message: '请输入检索词' }).trim().min(1, '请输入检索词').max(50, '检索词不能超过50个字符').refine((v) => !CONTROL.test(v), noControl),
  kind: lawKind.optional(),
  /** Search the versions in force on this date (default today). */
  date: isoDate.optional(),
  ...pagination,
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchHit = z.object({
  instrumentId: z.number(),
  versionId: z.number(),
  name: z.string(),
  title: z.string(),
  kind: lawKind,
  versionDate: z.string(),
  textStatus,
  articleNo: z.number().int(),
  suffix: z.number().int(),
  label: z.string(),
  chapter: z.string().nullable(),
  section: z.string().nullable(),
  /** The matching paragraph, cut around the first match. */
  snippet: z.string(),
  /** Its position among the article's paragraphs (1-based). */
  paragraphNo: z.number().int(),
  /** The paragraph cited as in a decision (…第六十四条第一项). */
  citation: z.string(),
});
export const searchResult = paged(searchHit).extend({ date: z.string(), terms: z.array(z.string()) });

export const versionStatus = z.enum(['in_force', 'superseded', 'pending']);

export const versionSummary = z.object({
  id: z.number(),
  versionDate: z.string(),
  effectiveFrom: z.string(),
  source: z.enum(['bundled', 'staff']),
  textStatus,
  status: versionStatus,
  articleCount: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type VersionSummary = z.infer<typeof versionSummary>;

const instrument = z.object({ id: z.number(), name: z.string(), title: z.string(), kind: lawKind, issuer: z.string().nullable() });

export const lawDetail = instrument.extend({
  createdAt: z.date(),
  currentVersionId: z.number().nullable(),
  versions: z.array(versionSummary),
});
export type LawDetail = z.infer<typeof lawDetail>;

export const lawWritten = lawDetail.extend({ createdVersionId: z.number() });

export const article = z.object({
  no: z.number().int(),
  suffix: z.number().int(),
  label: z.string(),
  chapter: z.string().nullable(),
  section: z.string().nullable(),
  paragraphs: z.array(z.string()),
});

export const versionText = z.object({
  instrument,
  version: versionSummary.extend({ history: z.string() }),
  chapters: z.array(z.object({ title: z.string().nullable(), sections: z.array(z.string()) })),
  articles: z.array(article),
});
export type VersionText = z.infer<typeof versionText>;

export const versionParams = z.object({ id: idParam.shape.id, versionId: idParam.shape.id });
