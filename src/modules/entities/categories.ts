// Entity categories, risk classes and credit grades (data-exchange.md, dataset `entities`).
export const ENTITY_CATEGORIES = ['public_place', 'medical_institution', 'water_supply', 'school', 'occupational', 'disinfection_product', 'radiation', 'other'] as const;
export type EntityCategory = (typeof ENTITY_CATEGORIES)[number];
export const ENTITY_CATEGORY_NAMES: Record<EntityCategory, string> = {
  public_place: '公共场所', medical_institution: '医疗机构', water_supply: '生活饮用水供水单位', school: '学校',
  occupational: '职业卫生用人单位', disinfection_product: '消毒产品生产企业', radiation: '放射诊疗机构', other: '其他',
};

export const RISK_CLASSES = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const RISK_CLASS_NAMES: Record<RiskClass, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];
