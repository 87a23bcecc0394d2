// Field names of a regulated entity, for the change history.
import type { Translate } from '../../lib/i18n';

const FIELD_LABELS: Record<string, [string, string]> = {
  uscc: ['统一社会信用代码', 'USCC'],
  name: ['名称', 'Name'],
  category: ['类别', 'Category'],
  categoryName: ['类别名称', 'Category name'],
  regionCode: ['行政区划代码', 'Region code'],
  regionName: ['行政区划', 'Region'],
  address: ['地址', 'Address'],
  orgId: ['监管机构', 'Organisation'],
  orgName: ['监管机构名称', 'Organisation name'],
  legalRep: ['法定代表人/负责人', 'Legal representative'],
  riskClass: ['风险等级', 'Risk class'],
  creditGrade: ['信用等级', 'Credit grade'],
  blacklisted: ['严重失信名单', 'Blacklisted'],
  legacyCode: ['历史代码', 'Legacy code'],
  updatedAt: ['更新时间', 'Updated'],
};

/** Fields whose change is only a consequence of another field's change. */
export const DERIVED_FIELDS = new Set(['categoryName', 'regionName', 'orgName', 'updatedAt', 'legacyCode', 'id']);

export function entityFieldLabel(key: string, t: Translate): string {
  const l = FIELD_LABELS[key];
  return l ? t(l[0], l[1]) : key;
}

const ACTIONS: Record<string, [string, string]> = {
  'entity.create': ['新增', 'Created'],
  'entity.update': ['修改', 'Updated'],
  'entity.import': ['导入', 'Imported'],
  'entity.delete': ['删除', 'Deleted'],
};

export function entityActionLabel(action: string, t: Translate): string {
  const l = ACTIONS[action];
  return l ? t(l[0], l[1]) : action;
}

export function formatFieldValue(v: unknown, t: Translate): string {
  if (v === null || v === undefined || v === '') return t('（空）', '(empty)');
  if (typeof v === 'boolean') return v ? t('是', 'Yes') : t('否', 'No');
  return String(v);
}
