// The shapes the laws pages read from the server (mirrors src/modules/laws/schema.ts).

export type LawKind = 'law' | 'administrative_regulation' | 'department_rule' | 'local_regulation' | 'normative_document';
export type TextStatus = 'official' | 'summary';
export type VersionStatus = 'in_force' | 'superseded' | 'pending';

export interface LawRow {
  id: number;
  name: string;
  title: string;
  kind: LawKind;
  issuer: string | null;
  versions: number;
  currentVersionDate: string | null;
  effectiveFrom: string | null;
  textStatus: TextStatus | null;
  articleCount: number;
  nextEffectiveFrom: string | null;
}

export interface SearchHit {
  instrumentId: number;
  versionId: number;
  name: string;
  title: string;
  kind: LawKind;
  versionDate: string;
  textStatus: TextStatus;
  articleNo: number;
  suffix: number;
  label: string;
  chapter: string | null;
  section: string | null;
  snippet: string;
  paragraphNo: number;
  citation: string;
}

export interface SearchResult {
  rows: SearchHit[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  date: string;
  terms: string[];
}

export interface VersionSummary {
  id: number;
  versionDate: string;
  effectiveFrom: string;
  source: 'bundled' | 'staff';
  textStatus: TextStatus;
  status: VersionStatus;
  articleCount: number;
  createdBy: string | null;
  createdAt: string;
}

export interface LawDetail {
  id: number;
  name: string;
  title: string;
  kind: LawKind;
  issuer: string | null;
  createdAt: string;
  currentVersionId: number | null;
  versions: VersionSummary[];
  createdVersionId?: number;
}

export interface Article {
  no: number;
  suffix: number;
  label: string;
  chapter: string | null;
  section: string | null;
  paragraphs: string[];
}

export interface VersionText {
  instrument: { id: number; name: string; title: string; kind: LawKind; issuer: string | null };
  version: VersionSummary & { history: string };
  chapters: { title: string | null; sections: string[] }[];
  articles: Article[];
}

/** The anchor of an article on the detail page: #a99, #a20-1 for 第二十条之一. */
export const articleAnchor = (no: number, suffix: number) => `a${no}${suffix > 0 ? `-${suffix}` : ''}`;
