// Realistic regulated entities: Chinese names by category, addresses in the district,
// valid unified social credit codes, risk classes and credit grades in plausible
// proportions. Used by the demo seed (thousands) and the benchmark (a million).
import { Rng } from './random';
import { makeUscc } from './codes';
import type { CreditGrade, EntityCategory, RiskClass } from '../modules/entities/categories';

export interface GeneratedEntity {
  uscc: string; name: string; category: EntityCategory; region_code: string; address: string; org_code: string;
  legal_rep: string; risk_class: RiskClass; credit_grade: CreditGrade; blacklisted: boolean;
}

export interface District { regionCode: string; name: string; cityName: string; provinceName: string; orgCode: string; streets: string[] }

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '沈', '钱', '蒋', '姚', '褚', '陆', '顾', '俞'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '慧', '建华', '建国', '志强', '海燕', '晓东', '文博', '子涵', '雨轩', '佳怡', '浩然'];
const TRADE_NAMES = ['悦来', '金桥', '华庭', '红船', '禾城', '鸿运', '嘉禾', '梅湾', '月河', '南湖', '新塍', '王店', '秀水', '长水', '凤桥', '瑞丰', '恒通', '百川', '康宁', '安泰', '福源', '聚英', '明珠', '锦江', '同德', '仁和', '天成', '永兴', '润泽', '清源', '东升', '君悦', '如意', '宏达', '利民', '万豪', '星辰', '汇丰', '春晖', '景阳'];
const NEIGHBOURHOODS = ['阳光花园', '江南名苑', '湖畔家园', '锦绣城', '紫荆苑', '香樟园', '翠竹苑', '幸福里', '书香苑', '禾兴小区'];

const NAME_PATTERNS: Record<EntityCategory, (r: Rng, t: string, d: District) => string> = {
  public_place: (r, t, d) => r.pick([
    `${d.name}${t}宾馆`, `${d.cityName}${t}大酒店有限公司`, `${d.name}${t}美容美发店`, `${d.name}${t}游泳馆`,
    `${d.cityName}${t}沐浴有限公司`, `${d.name}${t}KTV`, `${d.name}${t}理发店`, `${d.cityName}${t}健身有限公司`, `${d.name}${t}足浴店`]),
  medical_institution: (r, t, d) => r.pick([
    `${d.name}${t}诊所`, `${d.cityName}${t}口腔门诊部`, `${d.name}${t}中医诊所`, `${d.cityName}${t}医院有限公司`,
    `${d.name}${t}社区卫生服务站`, `${d.cityName}${t}医疗美容诊所`, `${d.name}${t}内科诊所`]),
  water_supply: (r, t, d) => r.pick([`${d.cityName}${t}自来水有限公司`, `${d.name}${r.pick(NEIGHBOURHOODS)}二次供水`, `${d.name}${t}现制现售饮用水点`]),
  school: (r, t, d) => r.pick([`${d.cityName}${d.name}${t}小学`, `${d.cityName}${d.name}${t}中学`, `${d.name}${t}幼儿园`, `${d.cityName}${t}实验学校`]),
  occupational: (r, t, d) => r.pick([`${d.cityName}${t}化工有限公司`, `${d.cityName}${t}家具制造有限公司`, `${d.cityName}${t}电子科技有限公司`, `${d.cityName}${t}纺织有限公司`, `${d.cityName}${t}金属制品有限公司`]),
  disinfection_product: (_r, t, d) => `${d.cityName}${t}消毒用品有限公司`,
  radiation: (r, t, d) => r.pick([`${d.name}${t}口腔诊所（放射诊疗）`, `${d.cityName}${t}医学影像诊断中心`, `${d.cityName}${t}骨科医院`]),
  other: (r, t, d) => r.pick([`${d.cityName}${t}餐饮管理有限公司`, `${d.name}${t}托育中心`, `${d.cityName}${t}养老服务中心`]),
};

const CATEGORY_WEIGHTS: Record<EntityCategory, number> = {
  public_place: 45, medical_institution: 20, water_supply: 5, school: 8, occupational: 12, disinfection_product: 3, radiation: 3, other: 4,
};

function registrarType(category: EntityCategory, r: Rng): string {
  if (category === 'school') return r.next() < 0.8 ? '12' : '52';
  if (category === 'medical_institution') return r.pick(['92', '91', '52', '12']);
  if (category === 'public_place') return r.next() < 0.5 ? '92' : '91';
  return '91';
}

export function personName(r: Rng): string {
  return r.pick(SURNAMES) + r.pick(GIVEN);
}

/**
 * The i-th generated entity (0-based). Deterministic: the same i always gives the same
 * entity, so a generated file can be re-imported to test updates.
 */
export function generateEntity(i: number, districts: District[], seed = 2026): GeneratedEntity {
  const r = new Rng(seed * 1_000_003 + i);
  const d = districts[i % districts.length];
  const category = r.weighted(CATEGORY_WEIGHTS);
  const trade = r.pick(TRADE_NAMES) + (i >= TRADE_NAMES.length * 40 ? r.pick(TRADE_NAMES).slice(0, 1) : '');
  // Distinct serials give distinct codes; the GB 11714 check 'X' is in the USCC alphabet.
  const uscc = makeUscc(registrarType(category, r), d.regionCode, 10_000_000 + i * 7);
  const risk = r.weighted({ low: 60, medium: 30, high: 10 } as Record<RiskClass, number>);
  const credit = r.weighted({ A: 40, B: 45, C: 12, D: 3 } as Record<CreditGrade, number>);
  const street = r.pick(d.streets);
  return {
    uscc,
    name: NAME_PATTERNS[category](r, trade, d),
    category,
    region_code: d.regionCode,
    address: `${d.provinceName}${d.cityName}${d.name}${street}${r.int(1, 999)}号`,
    org_code: d.orgCode,
    legal_rep: personName(r),
    risk_class: risk,
    credit_grade: credit,
    blacklisted: credit === 'D' && r.next() < 0.3,
  };
}
