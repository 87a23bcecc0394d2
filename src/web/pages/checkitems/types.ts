// The shapes of the check-item API (src/modules/checkitems/schema.ts) as the pages use them.
import type { EntityCategory } from '../../lib/types';

export interface BasisCite { law: string; article: number; paragraph?: number }

export interface CheckItemRow {
  id: number;
  code: string;
  category: EntityCategory;
  categoryName: string;
  title: string;
  method: string;
  legalBasis: BasisCite[];
  basisText: string[];
  provisionCode: string | null;
  provisionTitle: string | null;
  randomList: boolean;
  sortOrder: number;
  active: boolean;
  source: 'bundled' | 'staff';
  revision: number;
  orgId: number;
  orgName: string;
  editable: boolean;
  updatedAt: string;
}

export interface ArticleLine { no: number; text: string; citation: string }

export interface ArticleText {
  law: string;
  article: number;
  instrumentId: number;
  versionId: number;
  title: string;
  label: string;
  versionDate: string;
  textStatus: 'official' | 'summary';
  citation: string;
  paragraphs: ArticleLine[];
}

export type RevisionChange = 'create' | 'update' | 'deactivate' | 'reactivate';

export interface CheckItemDetail extends CheckItemRow {
  basis: { law: string; article: number; paragraph: number | null; citation: string | null; text: ArticleText | null }[];
  provision: { code: string; title: string; penaltyCitation: string } | null;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  revisions: { revision: number; change: RevisionChange; note: string | null; changedBy: string | null; changedAt: string; changedFields: string[] }[];
}

export const CHANGE_LABELS: Record<RevisionChange, [string, string]> = {
  create: ['新增', 'Created'], update: ['修改', 'Edited'], deactivate: ['停用', 'Deactivated'], reactivate: ['重新启用', 'Reactivated'],
};

export const FIELD_LABELS: Record<string, [string, string]> = {
  category: ['类别', 'category'], title: ['检查事项', 'title'], method: ['检查方法', 'method'], legalBasis: ['法律依据', 'legal basis'],
  provisionCode: ['处罚条款', 'provision'], randomList: ['随机抽查事项', 'random list'], sortOrder: ['排序号', 'sort order'], active: ['状态', 'status'],
};
