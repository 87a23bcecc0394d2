// The law as data. Every number the platform takes from a law, a regulation or a local
// rule is declared here once, with its citation; code reads rules by id and never
// writes the number itself. Rules marked localDefault may be overridden per
// organisation (table rule_settings, screen 系统管理 › 规则参数); the UI says so.
// Modules add their rules to this registry as they arrive.

export type RuleConfidence = 'verified' | 'secondary' | 'from_memory' | 'local';

export interface LegalRule<V = unknown> {
  id: string;
  title: string;
  titleEn: string;
  value: V;
  unit?: 'workday' | 'day' | 'yuan' | 'count' | 'ratio' | 'per10k' | 'month' | 'percent';
  /** Instrument and article, in Chinese, as it would be cited in a decision. */
  citation: string;
  /** True when the law leaves the figure to local practice: configurable per organisation. */
  localDefault: boolean;
  confidence: RuleConfidence;
  note?: string;
}

function rule<V>(r: LegalRule<V>): LegalRule<V> {
  return r;
}

export const RULES = {
  minInspectors: rule({
    id: 'enforcement.min_inspectors',
    title: '执法人员不得少于两人',
    titleEn: 'At least two enforcement officers',
    value: 2,
    unit: 'count',
    citation: '《中华人民共和国行政处罚法》第四十二条',
    localDefault: false,
    confidence: 'verified',
  }),
  certificateRequired: rule({
    id: 'enforcement.certificate_required',
    title: '执法人员应当具有行政执法资格并出示执法证件',
    titleEn: 'Officers must hold a valid enforcement certificate',
    value: true,
    citation: '《中华人民共和国行政处罚法》第四十二条、第五十五条',
    localDefault: false,
    confidence: 'verified',
  }),
  certificateExpiryNoticeDays: rule({
    id: 'staff.certificate_expiry_notice_days',
    title: '执法证到期提醒提前天数',
    titleEn: 'Days before certificate expiry to remind',
    value: 60,
    unit: 'day',
    citation: '本平台提醒设置（非法定期限）',
    localDefault: true,
    confidence: 'local',
  }),
  inspectorsPer10kTarget: rule({
    id: 'staff.inspectors_per_10k_target',
    title: '每万名常住人口配备卫生监督员目标数',
    titleEn: 'Target health inspectors per 10,000 residents',
    value: 0.75,
    unit: 'per10k',
    citation: '地方规定，如上海市人民政府《关于促进健康服务业高质量发展加快建设一流医学中心城市的若干意见》（每万名常住人口0.75名）',
    localDefault: true,
    confidence: 'local',
  }),
  periodStartsNextDay: rule({
    id: 'calendar.period_start',
    title: '期间从次日起算；期间届满日为法定休假日的，以休假日后第一个工作日为届满日',
    titleEn: 'Periods start the day after the event; a period ending on a rest day ends on the next working day',
    value: true,
    citation: '《中华人民共和国民事诉讼法》第八十五条；《中华人民共和国行政处罚法》第八十五条',
    localDefault: false,
    confidence: 'verified',
  }),
  discretionLighterUpperPercent: rule({
    id: 'discretion.lighter_upper_percent',
    title: '裁量基准：从轻档上限（占法定罚款幅度的百分比）',
    titleEn: 'Discretion benchmark: upper bound of the lighter tier (% of the statutory range)',
    value: 30,
    unit: 'percent',
    citation: '《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）；浙江等地卫生行政处罚裁量基准的常见划分',
    localDefault: true,
    confidence: 'from_memory',
    note: '罚款按幅度或倍数划分为从轻、一般、从重三档；30%/70% 为常见划分，各地裁量基准不同，请按本地基准设置。',
  }),
  discretionHeavierLowerPercent: rule({
    id: 'discretion.heavier_lower_percent',
    title: '裁量基准：从重档下限（占法定罚款幅度的百分比）',
    titleEn: 'Discretion benchmark: lower bound of the heavier tier (% of the statutory range)',
    value: 70,
    unit: 'percent',
    citation: '《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）；浙江等地卫生行政处罚裁量基准的常见划分',
    localDefault: true,
    confidence: 'from_memory',
    note: '一般档为从轻档上限至从重档下限之间。',
  }),
  mitigatedPenalty: rule({
    id: 'penalty.mitigated',
    title: '减轻处罚：在法定最低限以下处罚，仅适用于法定从轻或减轻情形',
    titleEn: 'Mitigated penalty: below the statutory minimum, only in the cases of art. 32',
    value: true,
    citation: '《中华人民共和国行政处罚法》第三十二条',
    localDefault: false,
    confidence: 'verified',
  }),
  noPenalty: rule({
    id: 'penalty.none',
    title: '不予行政处罚：违法行为轻微并及时改正、没有造成危害后果等情形',
    titleEn: 'No penalty: minor violation promptly corrected without harm, and the other cases of art. 33',
    value: true,
    citation: '《中华人民共和国行政处罚法》第三十三条',
    localDefault: false,
    confidence: 'verified',
  }),
  simpleProcedureFinePerson: rule({
    id: 'penalty.simple_max_fine_person',
    title: '简易程序（当场处罚）罚款上限：公民',
    titleEn: 'Simple (on-the-spot) procedure: highest fine for a citizen',
    value: 200,
    unit: 'yuan',
    citation: '《中华人民共和国行政处罚法》第五十一条',
    localDefault: false,
    confidence: 'verified',
  }),
  simpleProcedureFineOrganisation: rule({
    id: 'penalty.simple_max_fine_organisation',
    title: '简易程序（当场处罚）罚款上限：法人或者其他组织',
    titleEn: 'Simple (on-the-spot) procedure: highest fine for an organisation',
    value: 3000,
    unit: 'yuan',
    citation: '《中华人民共和国行政处罚法》第五十一条',
    localDefault: false,
    confidence: 'verified',
  }),
  defencePeriod: rule({
    id: 'penalty.defence_period_workdays',
    title: '陈述、申辩期限（告知送达后）',
    titleEn: 'Period to state and defend after the prior notice',
    value: 3,
    unit: 'workday',
    citation: '《中华人民共和国行政处罚法》第四十四条、第四十五条（期限由各地规定）',
    localDefault: true,
    confidence: 'local',
    note: '法律未规定陈述申辩期限，常见为告知书送达之日起3个工作日，请按本地规定设置。',
  }),
  hearingRequestPeriod: rule({
    id: 'penalty.hearing_request_workdays',
    title: '当事人要求听证的期限（告知后）',
    titleEn: 'Period to request a hearing after the notice',
    value: 5,
    unit: 'workday',
    citation: '《中华人民共和国行政处罚法》第六十四条第一项、第八十五条',
    localDefault: false,
    confidence: 'verified',
  }),
  hearingNoticePeriod: rule({
    id: 'penalty.hearing_notice_workdays',
    title: '听证通知至迟在听证前送达的期限',
    titleEn: 'Hearing notice at least this long before the hearing',
    value: 7,
    unit: 'workday',
    citation: '《中华人民共和国行政处罚法》第六十四条第二项、第八十五条',
    localDefault: false,
    confidence: 'verified',
  }),
  hearingFinePerson: rule({
    id: 'penalty.hearing_fine_person',
    title: '“较大数额罚款”标准：公民（达到即告知听证权利）',
    titleEn: '"Large fine" for a citizen (hearing right)',
    value: 10000,
    unit: 'yuan',
    citation: '《中华人民共和国行政处罚法》第六十三条（数额标准由各地规定）',
    localDefault: true,
    confidence: 'local',
  }),
  hearingFineOrganisation: rule({
    id: 'penalty.hearing_fine_organisation',
    title: '“较大数额罚款”标准：法人或者其他组织（达到即告知听证权利）',
    titleEn: '"Large fine" for an organisation (hearing right)',
    value: 100000,
    unit: 'yuan',
    citation: '《中华人民共和国行政处罚法》第六十三条（数额标准由各地规定）',
    localDefault: true,
    confidence: 'local',
  }),
  decisionPeriod: rule({
    id: 'penalty.decision_days',
    title: '立案之日起作出行政处罚决定的期限',
    titleEn: 'Decision within this many days of opening the case',
    value: 90,
    unit: 'day',
    citation: '《中华人民共和国行政处罚法》第六十条',
    localDefault: false,
    confidence: 'verified',
    note: '法律、法规、规章另有规定的从其规定；延长办案期限按《卫生健康行政处罚程序规定》（2025）办理。',
  }),
  servicePeriod: rule({
    id: 'penalty.service_workdays',
    title: '行政处罚决定书未当场交付的送达期限',
    titleEn: 'Serve the decision within this many working days',
    value: 7,
    unit: 'workday',
    citation: '《中华人民共和国行政处罚法》第六十一条、第八十五条',
    localDefault: false,
    confidence: 'verified',
  }),
  paymentPeriod: rule({
    id: 'penalty.payment_days',
    title: '收到行政处罚决定书之日起缴纳罚款的期限',
    titleEn: 'Pay the fine within this many days of receiving the decision',
    value: 15,
    unit: 'day',
    citation: '《中华人民共和国行政处罚法》第六十七条',
    localDefault: false,
    confidence: 'verified',
  }),
  publicationPeriod: rule({
    id: 'penalty.publication_workdays',
    title: '行政处罚决定公示期限（作出决定后）',
    titleEn: 'Publish the decision within this many working days',
    value: 7,
    unit: 'workday',
    citation: '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）',
    localDefault: false,
    confidence: 'secondary',
  }),
  clockAmberDays: rule({
    id: 'procedure.clock_amber_days',
    title: '期限临近提醒：届满前几天显示为黄色',
    titleEn: 'Days before a deadline when its clock turns amber',
    value: 2,
    unit: 'day',
    citation: '本平台提醒设置（非法定期限）',
    localDefault: true,
    confidence: 'local',
  }),
  reconsiderationPeriod: rule({
    id: 'remedy.reconsideration_days',
    title: '申请行政复议的期限（自知道或者应当知道行政行为之日起）',
    titleEn: 'Period to apply for administrative reconsideration',
    value: 60,
    unit: 'day',
    citation: '《中华人民共和国行政复议法》第二十条',
    localDefault: false,
    confidence: 'verified',
  }),
  litigationPeriod: rule({
    id: 'remedy.litigation_months',
    title: '直接提起行政诉讼的期限（自知道或者应当知道作出行政行为之日起）',
    titleEn: 'Period to bring an administrative lawsuit directly',
    value: 6,
    unit: 'month',
    citation: '《中华人民共和国行政诉讼法》第四十六条',
    localDefault: false,
    confidence: 'verified',
  }),
  latePaymentSurchargePercent: rule({
    id: 'penalty.late_surcharge_percent_per_day',
    title: '到期不缴纳罚款的，每日按罚款数额加处罚款的比例（加处罚款总额不超过罚款本身）',
    titleEn: 'Late payment surcharge per day (% of the fine; never above the fine)',
    value: 3,
    unit: 'percent',
    citation: '《中华人民共和国行政处罚法》第七十二条',
    localDefault: false,
    confidence: 'verified',
  }),
  publicationMasking: rule({
    id: 'publication.masking',
    title: '公示时隐去的自然人信息（姓名保留姓氏、身份证号、电话号码、住址）',
    titleEn: 'Personal data masked in published decisions',
    value: 'name,id_number,phone,address',
    citation: '《中华人民共和国个人信息保护法》第二十八条、第三十四条；《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）',
    localDefault: true,
    confidence: 'secondary',
    note: '以逗号分隔：name（姓名，保留姓氏）、id_number（身份证号）、phone（电话号码）、address（自然人住址）。',
  }),
  publicationWithdrawal: rule({
    id: 'publication.withdraw_workdays',
    title: '公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，撤回原信息的期限',
    titleEn: 'Withdraw a published decision changed or revoked within this many working days',
    value: 3,
    unit: 'workday',
    citation: '《中华人民共和国行政处罚法》第四十八条、第八十五条',
    localDefault: false,
    confidence: 'verified',
  }),
  discretionHighFrequencyUses: rule({
    id: 'metrics.discretion_high_frequency_uses',
    title: '裁量基准细化量化率：近12个月适用达到该次数的处罚条款为高频条款',
    titleEn: 'Discretion coverage: a provision used this many times in 12 months is high-frequency',
    value: 3,
    unit: 'count',
    citation: '本平台统计口径（metrics.md：enforcement.discretion_coverage）',
    localDefault: true,
    confidence: 'local',
  }),
} as const;

export type RuleKey = keyof typeof RULES;

export function allRules(): LegalRule[] {
  return Object.values(RULES) as LegalRule[];
}

export function findRule(id: string): LegalRule | undefined {
  return allRules().find((r) => r.id === id);
}
