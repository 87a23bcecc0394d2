// Names of the platform's codes in both languages, for selects, tags and tables.
// The codes themselves come from the server schemas (categories.ts, orgs/schema.ts …).
import type { Translate } from './i18n';
import type { CertificateStatus, CreditGrade, EntityCategory, OrgKind, RiskClass } from './types';

type Named<K extends string> = Record<K, [zh: string, en: string]>;

export const ENTITY_CATEGORY_LABELS: Named<EntityCategory> = {
  public_place: ['公共场所', 'Public place'],
  medical_institution: ['医疗机构', 'Medical institution'],
  water_supply: ['生活饮用水供水单位', 'Drinking-water supplier'],
  school: ['学校', 'School'],
  occupational: ['职业卫生用人单位', 'Occupational-health employer'],
  disinfection_product: ['消毒产品生产企业', 'Disinfectant manufacturer'],
  radiation: ['放射诊疗机构', 'Radiology provider'],
  other: ['其他', 'Other'],
};

export const RISK_CLASS_LABELS: Named<RiskClass> = {
  low: ['低风险', 'Low risk'],
  medium: ['中风险', 'Medium risk'],
  high: ['高风险', 'High risk'],
};
export const RISK_CLASS_COLORS: Record<RiskClass, string> = { low: 'green', medium: 'orange', high: 'red' };

export const CREDIT_GRADE_LABELS: Named<CreditGrade> = {
  A: ['A级（守信）', 'A (trustworthy)'],
  B: ['B级（基本守信）', 'B (mostly trustworthy)'],
  C: ['C级（失信）', 'C (untrustworthy)'],
  D: ['D级（严重失信）', 'D (seriously untrustworthy)'],
};
export const CREDIT_GRADE_COLORS: Record<CreditGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export const ORG_KIND_LABELS: Named<OrgKind> = {
  commission: ['卫生健康委员会', 'Health commission'],
  institute: ['卫生监督所', 'Supervision institute'],
  division: ['内设处室', 'Internal division'],
  hospital: ['医疗机构', 'Hospital'],
  other: ['其他', 'Other'],
};

export const CERTIFICATE_STATUS_LABELS: Named<CertificateStatus> = {
  valid: ['有效', 'Valid'],
  expiring: ['即将到期', 'Expiring soon'],
  expired: ['已过期', 'Expired'],
  none: ['未持证', 'No certificate'],
};
export const CERTIFICATE_STATUS_COLORS: Record<CertificateStatus, string> = { valid: 'green', expiring: 'orange', expired: 'red', none: 'default' };

export const SCOPE_MODE_LABELS: Named<'own_subtree' | 'named'> = {
  own_subtree: ['本机构及下级', 'Own organisation and below'],
  named: ['指定机构（含下级）', 'Named organisations (and below)'],
};

/** Labels of a code table as select options. */
export function optionsOf<K extends string>(labels: Named<K>, t: Translate): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((k) => ({ value: k, label: t(labels[k][0], labels[k][1]) }));
}

export function labelOf<K extends string>(labels: Named<K>, key: K | null | undefined, t: Translate): string {
  if (!key) return '';
  const l = labels[key];
  return l ? t(l[0], l[1]) : key;
}
