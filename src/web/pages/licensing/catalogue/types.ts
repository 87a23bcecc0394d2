// The shapes of the catalogue API (src/modules/licensing/catalogueSchema.ts) as the pages use them.
import type { Translate } from '../../../lib/i18n';

export type CatalogueCategory = 'public_health' | 'medical_institution' | 'medical_staff' | 'filing_other' | 'ex_officio';
/** Staff registrations (医护人员执业注册) are personal: in a bundle each may be for a person other than the applicant (holders). */
export const STAFF_CATEGORY: CatalogueCategory = 'medical_staff';
export type ItemKind = 'licence' | 'filing';
export type ItemLevel = 'provincial' | 'municipal' | 'district';
export type Replaceable = 'e_licence' | 'data_check';

export interface BasisCite { law: string; article: number; paragraph?: number }

export interface Material { code: string; name: string; required: boolean; replaceable: Replaceable | null; licenceName: string | null }

export interface CatalogueRow {
  id: number;
  itemCode: string;
  version: number;
  isCurrent: boolean;
  orgId: number;
  orgName: string;
  name: string;
  category: CatalogueCategory;
  categoryName: string;
  kind: ItemKind;
  level: ItemLevel;
  legalBasis: string;
  legalBasisCites: BasisCite[];
  basisText: string[];
  statutoryDays: number;
  promisedDays: number;
  online: boolean;
  commitmentAllowed: boolean;
  deficiencyAllowed: boolean;
  fee: string;
  materials: Material[];
  licenceName: string | null;
  licenceValidYears: number | null;
  reminderDays: number[];
  active: boolean;
  publishedAt: string | null;
  changeNote: string | null;
  createdBy: string | null;
  createdAt: string;
  editable: boolean;
}

export interface CatalogueDetail extends CatalogueRow {
  basis: { law: string; article: number; paragraph: number | null; citation: string | null }[];
  versions: { id: number; version: number; isCurrent: boolean; changeNote: string | null; createdBy: string | null; createdAt: string; changedFields: string[] }[];
  applications: number;
}

export interface BundleRow {
  id: number; code: string; name: string; orgId: number; orgName: string; itemCodes: string[]; active: boolean; createdAt: string;
  items: { itemCode: string; name: string; promisedDays: number; active: boolean }[];
}

type Named<K extends string> = Record<K, [zh: string, en: string]>;

export const CATEGORY_LABELS: Named<CatalogueCategory> = {
  public_health: ['公共卫生类', 'Public health'],
  medical_institution: ['医疗机构执业类', 'Medical institutions'],
  medical_staff: ['医护人员', 'Medical staff'],
  filing_other: ['备案及其他', 'Filings and other'],
  ex_officio: ['依职权审批', 'Ex officio'],
};
export const KIND_LABELS: Named<ItemKind> = { licence: ['行政许可', 'Licence'], filing: ['备案', 'Filing'] };
export const LEVEL_LABELS: Named<ItemLevel> = { provincial: ['省级', 'Provincial'], municipal: ['市级', 'Municipal'], district: ['县（区）级', 'District'] };
export const REPLACEABLE_LABELS: Named<Replaceable> = {
  e_licence: ['电子证照替代', 'Electronic licence'],
  data_check: ['数据核验免提交', 'Checked against shared data'],
};

export const FIELD_LABELS: Record<string, [string, string]> = {
  name: ['事项名称', 'name'], category: ['类别', 'category'], kind: ['类型', 'kind'], level: ['层级', 'level'], legalBasis: ['设定依据', 'legal basis'],
  legalBasisCites: ['关联条文', 'cited articles'], statutoryDays: ['法定时限', 'statutory limit'], promisedDays: ['承诺时限', 'promised time'],
  online: ['网上办理', 'online'], commitmentAllowed: ['告知承诺', 'commitment'], deficiencyAllowed: ['容缺受理', 'deficiency acceptance'], fee: ['收费', 'fee'],
  materials: ['申请材料', 'materials'], licenceName: ['证照名称', 'licence'], licenceValidYears: ['有效期', 'validity'], reminderDays: ['到期提醒', 'reminders'],
};

export const optionsOf = <K extends string>(labels: Named<K>, t: Translate) =>
  (Object.keys(labels) as K[]).map((k) => {
    const [zh, en]: [string, string] = labels[k];
    return { value: k, label: t(zh, en) };
  });

/** 5 个工作日; 即办 for 0. */
export const daysText = (n: number, t: Translate) => (n === 0 ? t('即办', 'On the spot') : t(`${n}个工作日`, `${n} working day${n === 1 ? '' : 's'}`));
