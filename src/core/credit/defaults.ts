// The default credit rule set. No national standard grades health-sector entities, so
// every mapping below is a local default (localDefault: true); where a period comes from
// a legal text the citation names it. The figures are the rules in core/law/rules.ts
// (credit.*), which an organisation may set locally: the caller reads them with
// ruleValue and passes them to defaultCreditRuleSet. A rule set staff write themselves
// replaces this one after validateRuleSet accepts it.
//
//   D  a serious penalty within 3 years; or a licence revoked / practice certificate
//      revoked / closure ordered within 3 years; or on the list
//   C  a general penalty within 1 year; or 2 non-compliant inspections within 12 months; or a
//      commitment found false at verification (告知承诺不实, approvals under notification
//      and commitment and filings) within 3 years
//   B  a minor penalty, a non-compliant inspection or a substantiated complaint within 12 months
//   A  none of these
//   risk: category base (medical, radiation, water supply high …), raised by C, expired or
//      missing licence, closed or not found at inspection, repeated complaints, a false
//      commitment within 12 months (on top of C); at least high
//      for D or a revoked licence; lowered for A with a compliant inspection in 12 months
//   list: a serious penalty within 3 years not credit-repaired; or D with 2 penalties in 2 years
// Credit repair approved on a date ends a penalty's effect from that date (engine.ts).
import { RULES } from '../law/rules';
import type { CreditRuleSet } from './model';

export interface CreditFigures {
  /** credit.serious_lookback_months */
  seriousMonths: number;
  /** credit.general_lookback_months */
  generalMonths: number;
  /** credit.recent_months */
  recentMonths: number;
  /** credit.repeat_months */
  repeatMonths: number;
  /** credit.override_max_months */
  overrideMaxMonths: number;
}

/** The rule (core/law/rules.ts) each figure is read from. */
export const CREDIT_FIGURE_RULES: Record<keyof CreditFigures, string> = {
  seriousMonths: RULES.creditSeriousLookbackMonths.id,
  generalMonths: RULES.creditGeneralLookbackMonths.id,
  recentMonths: RULES.creditRecentMonths.id,
  repeatMonths: RULES.creditRepeatMonths.id,
  overrideMaxMonths: RULES.creditOverrideMaxMonths.id,
};

export const DEFAULT_CREDIT_FIGURES: CreditFigures = {
  seriousMonths: RULES.creditSeriousLookbackMonths.value,
  generalMonths: RULES.creditGeneralLookbackMonths.value,
  recentMonths: RULES.creditRecentMonths.value,
  repeatMonths: RULES.creditRepeatMonths.value,
  overrideMaxMonths: RULES.creditOverrideMaxMonths.value,
};

/** Categories that need a health licence (卫生许可证 or 医疗机构执业许可证 etc.). */
export const LICENSED_CATEGORIES = ['medical_institution', 'radiation', 'water_supply', 'public_place', 'disinfection_product'];

const LOCAL = '本地默认（无全国统一的卫生健康信用评价标准）';
const SERIOUS_PERIOD = '《信用修复管理办法》（2026年4月1日起施行）：严重失信信息公示期1年至3年；《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）：行政处罚信息公示最长3年';
const GENERAL_PERIOD = '《信用修复管理办法》（2026年4月1日起施行）：一般失信信息公示期3个月至1年';
const FALSE_COMMITMENT = '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）：核查发现承诺不实的，依法撤销相关许可并将承诺不实记入信用记录，作为失信信息对其实施更严格的监管；'
  + '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）：书面承诺履约情况记入信用记录，作为事中事后监管的重要依据（两处均为要旨，非原文）';
const RANDOM_INSPECTION = '《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号，标题凭记忆）：对投诉举报多、有严重违法违规记录等情况的市场主体加大抽查力度';

/** '3年' or '18个月'. */
export function periodText(months: number): string {
  return months % 12 === 0 ? `${months / 12}年` : `${months}个月`;
}

export function defaultCreditRuleSet(figures: Partial<CreditFigures> = {}): CreditRuleSet {
  const f = { ...DEFAULT_CREDIT_FIGURES, ...figures };
  const S = periodText(f.seriousMonths);
  const G = periodText(f.generalMonths);
  const R = periodText(f.recentMonths);
  const P = periodText(f.repeatMonths);
  return {
    id: 'credit.default.v1',
    title: '监管对象信用等级和风险分级默认规则（第1版）',
    effectiveFrom: '2023-05-01',
    grade: {
      default: { id: 'grade.a.default', description: '评价期内没有失信记录（未触发B、C、D任何规则）', citation: LOCAL, localDefault: true },
      rules: [
        {
          id: 'grade.d.serious_penalty', grade: 'D',
          description: `${S}内受到严重违法行政处罚（未经信用修复）`,
          citation: `${SERIOUS_PERIOD}；分级为本地默认`, localDefault: true,
          when: [{ kind: 'penalties', severities: ['serious'], windowMonths: f.seriousMonths, atLeast: 1 }],
        },
        {
          id: 'grade.d.licence_revoked', grade: 'D',
          description: `${S}内被吊销许可证、吊销执业证书或者责令关闭（未经信用修复）`,
          citation: `${SERIOUS_PERIOD}；分级为本地默认`, localDefault: true,
          when: [{ kind: 'penalties', sanctionsAny: ['revoke_licence', 'revoke_practice_certificate', 'close'], windowMonths: f.seriousMonths, atLeast: 1 }],
        },
        {
          id: 'grade.d.blacklisted', grade: 'D',
          description: '列入重点监管名单（严重失信）期间',
          citation: LOCAL, localDefault: true,
          when: [{ kind: 'blacklisted' }],
        },
        {
          id: 'grade.c.general_penalty', grade: 'C',
          description: `${G}内受到一般违法行政处罚（未经信用修复）`,
          citation: `${GENERAL_PERIOD}；分级为本地默认`, localDefault: true,
          when: [{ kind: 'penalties', severities: ['general'], windowMonths: f.generalMonths, atLeast: 1 }],
        },
        {
          id: 'grade.c.repeated_non_compliance', grade: 'C',
          description: `${R}内两次以上监督检查发现问题（不合格）`,
          citation: LOCAL, localDefault: true,
          when: [{ kind: 'inspections', results: ['non_compliant'], windowMonths: f.recentMonths, atLeast: 2 }],
        },
        {
          id: 'grade.c.false_commitment', grade: 'C',
          description: `${S}内告知承诺或者备案经核查认定承诺不实`,
          citation: `${FALSE_COMMITMENT}；期限与等级为本地默认`, localDefault: true,
          when: [{ kind: 'false_commitments', windowMonths: f.seriousMonths, atLeast: 1 }],
        },
        {
          id: 'grade.b.minor_penalty', grade: 'B',
          description: `${R}内受到轻微违法行政处罚（未经信用修复）`,
          citation: LOCAL, localDefault: true,
          when: [{ kind: 'penalties', severities: ['minor'], windowMonths: f.recentMonths, atLeast: 1 }],
        },
        {
          id: 'grade.b.non_compliance', grade: 'B',
          description: `${R}内监督检查发现问题（不合格）`,
          citation: LOCAL, localDefault: true,
          when: [{ kind: 'inspections', results: ['non_compliant'], windowMonths: f.recentMonths, atLeast: 1 }],
        },
        {
          id: 'grade.b.complaint', grade: 'B',
          description: `${R}内有经查实的投诉举报`,
          citation: LOCAL, localDefault: true,
          when: [{ kind: 'complaints', windowMonths: f.recentMonths, atLeast: 1 }],
        },
      ],
    },
    risk: {
      default: { id: 'risk.base.unlisted', riskClass: 'medium', description: '未单独定级的监管类别，基准风险', citation: LOCAL, localDefault: true },
      base: [
        {
          id: 'risk.base.life_and_health', riskClass: 'high', categories: ['medical_institution', 'radiation', 'water_supply'],
          description: '医疗机构、放射诊疗机构、生活饮用水供水单位直接涉及人民群众生命健康，基准风险',
          citation: '《优化营商环境条例》第五十四条（直接涉及公共安全和人民群众生命健康等特殊重点领域实行全覆盖重点监管）；类别划分为本地默认',
          localDefault: true,
        },
        {
          id: 'risk.base.medium', riskClass: 'medium', categories: ['disinfection_product', 'occupational', 'school'],
          description: '消毒产品生产企业、职业卫生用人单位、学校，基准风险', citation: LOCAL, localDefault: true,
        },
        {
          id: 'risk.base.low', riskClass: 'low', categories: ['public_place'],
          description: '公共场所，基准风险', citation: LOCAL, localDefault: true,
        },
      ],
      adjustments: [
        { id: 'risk.grade_d', description: '信用等级为D', citation: LOCAL, localDefault: true, when: [{ kind: 'grade', grades: ['D'] }], effect: { kind: 'at_least', riskClass: 'high' } },
        { id: 'risk.grade_c', description: '信用等级为C', citation: LOCAL, localDefault: true, when: [{ kind: 'grade', grades: ['C'] }], effect: { kind: 'raise', steps: 1 } },
        { id: 'risk.licence_revoked', description: '许可证已被吊销', citation: LOCAL, localDefault: true, when: [{ kind: 'licence', statuses: ['revoked'] }], effect: { kind: 'at_least', riskClass: 'high' } },
        {
          id: 'risk.licence_lapsed', description: '须取得卫生许可的单位许可证已过期或者未取得许可', citation: LOCAL, localDefault: true,
          when: [{ kind: 'licence', statuses: ['expired', 'none'] }, { kind: 'category', categories: [...LICENSED_CATEGORIES] }], effect: { kind: 'raise', steps: 1 },
        },
        {
          id: 'risk.closed_down', description: `${R}内检查发现已停业或关闭（须防止擅自恢复经营）`, citation: LOCAL, localDefault: true,
          when: [{ kind: 'inspections', results: ['closed_down'], windowMonths: f.recentMonths, atLeast: 1 }], effect: { kind: 'raise', steps: 1 },
        },
        {
          id: 'risk.not_found', description: `${R}内检查查无下落`, citation: RANDOM_INSPECTION, localDefault: true,
          when: [{ kind: 'inspections', results: ['not_found'], windowMonths: f.recentMonths, atLeast: 1 }], effect: { kind: 'raise', steps: 1 },
        },
        {
          id: 'risk.complaints', description: `${R}内两次以上投诉举报经查实`, citation: `${RANDOM_INSPECTION}；次数为本地默认`, localDefault: true,
          when: [{ kind: 'complaints', windowMonths: f.recentMonths, atLeast: 2 }], effect: { kind: 'raise', steps: 1 },
        },
        {
          id: 'risk.false_commitment', description: `${R}内告知承诺或者备案经核查认定承诺不实`, citation: `${FALSE_COMMITMENT}；上调级数为本地默认`, localDefault: true,
          when: [{ kind: 'false_commitments', windowMonths: f.recentMonths, atLeast: 1 }], effect: { kind: 'raise', steps: 1 },
        },
        {
          id: 'risk.good_record', description: `信用等级为A且${R}内监督检查未发现问题`, citation: LOCAL, localDefault: true,
          when: [{ kind: 'grade', grades: ['A'] }, { kind: 'inspections', results: ['compliant'], windowMonths: f.recentMonths, atLeast: 1 }], effect: { kind: 'lower', steps: 1 },
        },
      ],
    },
    blacklist: {
      rules: [
        {
          id: 'blacklist.serious_penalty',
          description: `${S}内受到严重违法行政处罚且未经信用修复`,
          citation: `${SERIOUS_PERIOD}；列入条件为本地默认`, localDefault: true,
          note: '列入严重失信主体名单须有法律、法规或者国家政策文件的依据；本规则是本地重点监管名单的默认条件，正式认定严重失信主体前请核对依据。',
          when: [{ kind: 'penalties', severities: ['serious'], windowMonths: f.seriousMonths, atLeast: 1 }],
        },
        {
          id: 'blacklist.repeated_d',
          description: `信用等级为D且${P}内受到两次以上行政处罚（未经信用修复）`,
          citation: LOCAL, localDefault: true,
          when: [{ kind: 'grade', grades: ['D'] }, { kind: 'penalties', windowMonths: f.repeatMonths, atLeast: 2 }],
        },
      ],
    },
    override: { maxMonths: f.overrideMaxMonths, minReasonLength: 5 },
  };
}

export const DEFAULT_CREDIT_RULE_SET: CreditRuleSet = defaultCreditRuleSet();
