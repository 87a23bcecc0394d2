// The service items the platform ships (事项清单): a starter catalogue of a municipal
// health commission across the five categories, each with its legal basis as written
// (legal_basis) and the articles of the legal-basis library it names (legalBasisCites:
// the law's short name as the library holds it, the article and, where one line is
// meant, its position among the article's lines). Every citation is checked against the
// library by catalogue.test.ts. Department rules the library does not hold (《公共场所卫生
// 管理条例实施细则》's licensing articles, 《放射诊疗管理规定》 …) are named in the text only.
//
// Time limits are working days (行政许可法 art. 82). statutoryDays is the limit the law
// sets: 行政许可法 art. 42 (RULES.licensingDecisionPeriod) unless a specific law sets
// another; promisedDays is what the commission promises (承诺时限), never longer. A filing
// (备案) is accepted on the spot (当场备案): its statutory limit is recorded as 1, the
// least the catalogue holds. Administrative licensing is free of charge unless a law
// says otherwise (行政许可法 art. 58), so every fee is 不收费.
import { RULES } from '../../core/law/rules';
import type { BasisCite } from '../checkitems/bundled';
import type { StoredMaterial } from './catalogue';
import type { CatalogueCategory, ItemKind, ItemLevel } from './catalogueSchema';

export interface BundledCatalogueItem {
  itemCode: string;
  name: string;
  category: CatalogueCategory;
  kind: ItemKind;
  level: ItemLevel;
  legalBasis: string;
  legalBasisCites: BasisCite[];
  statutoryDays: number;
  promisedDays: number;
  online: boolean;
  commitmentAllowed: boolean;
  deficiencyAllowed: boolean;
  fee: string;
  materials: StoredMaterial[];
  licenceName: string | null;
  licenceValidYears: number | null;
  reminderDays: number[];
}

export interface BundledBundle { code: string; name: string; itemCodes: string[] }

/** 行政许可法 art. 42: twenty working days unless a specific law sets another limit. */
const DECISION_DAYS = RULES.licensingDecisionPeriod.value;
/** Filings are accepted on the spot (当场备案); 1 is the least the catalogue records. */
const ON_THE_SPOT = 1;
const REMIND = RULES.licensingExpiryReminderDays.value;
const FREE = '不收费（《中华人民共和国行政许可法》第五十八条）';

const PP_REG = '公共场所卫生管理条例';
const ID_LAW = '传染病防治法';
const OCC = '职业病防治法';
const MI_REG = '医疗机构管理条例';
const MCH = '母婴保健法';
const PHYS = '医师法';
const NURSE = '护士条例';
const BHPL = '基本医疗卫生与健康促进法';
const TCM = '中医药法';
const LICENSING = '行政许可法';

const m = (code: string, name: string, required = true, replaceable: StoredMaterial['replaceable'] = null, licenceName?: string): StoredMaterial =>
  (licenceName ? { code, name, required, replaceable, licenceName } : { code, name, required, replaceable });

/** 营业执照, replaced by the electronic business licence (电子营业执照). */
const BUSINESS_LICENCE = (code: string) => m(code, '营业执照（或事业单位法人证书等主体资格证明）', true, 'e_licence', '营业执照');
const ID_CARD = (code: string, who: string) => m(code, `${who}身份证明`, true, 'data_check');

export const BUNDLED_CATALOGUE: BundledCatalogueItem[] = [
  // 公共卫生类
  {
    itemCode: 'XK-GGCS-01', name: '公共场所卫生许可', category: 'public_health', kind: 'licence', level: 'district',
    legalBasis: '《公共场所卫生管理条例》第四条、第八条；《公共场所卫生管理条例实施细则》（卫生许可）',
    legalBasisCites: [{ law: PP_REG, article: 4 }, { law: PP_REG, article: 8 }],
    statutoryDays: DECISION_DAYS, promisedDays: 5, online: true, commitmentAllowed: true, deficiencyAllowed: true, fee: FREE,
    materials: [
      m('M01', '公共场所卫生许可申请表'),
      BUSINESS_LICENCE('M02'),
      ID_CARD('M03', '法定代表人或者负责人'),
      m('M04', '公共场所地址方位示意图、平面图和卫生设施平面布局图'),
      m('M05', '公共场所卫生检测或者评价报告'),
      m('M06', '公共场所卫生管理制度'),
      m('M07', '从业人员健康合格证明', true, 'data_check'),
      m('M08', '集中空调通风系统卫生检测或者评价报告（使用集中空调通风系统的）', false),
    ],
    licenceName: '公共场所卫生许可证', licenceValidYears: 4, reminderDays: REMIND,
  },
  {
    itemCode: 'XK-GSDW-01', name: '饮用水供水单位卫生许可', category: 'public_health', kind: 'licence', level: 'district',
    legalBasis: '《中华人民共和国传染病防治法》第二十九条第二款；《生活饮用水卫生监督管理办法》第七条',
    legalBasisCites: [{ law: ID_LAW, article: 29, paragraph: 2 }],
    statutoryDays: DECISION_DAYS, promisedDays: 10, online: true, commitmentAllowed: false, deficiencyAllowed: true, fee: FREE,
    materials: [
      m('M01', '供水单位卫生许可申请书'),
      BUSINESS_LICENCE('M02'),
      m('M03', '生产工艺流程、供水设施及水源卫生防护情况说明'),
      m('M04', '生活饮用水水质检验报告'),
      m('M05', '直接从事供、管水人员的健康合格证明', true, 'data_check'),
      m('M06', '卫生管理制度及涉水产品卫生许可批件'),
    ],
    licenceName: '卫生许可证（生活饮用水集中式供水）', licenceValidYears: 4, reminderDays: REMIND,
  },
  {
    // 职业病防治法 art. 17(2): the review decision within thirty days of receiving the report.
    itemCode: 'XK-FSPJ-01', name: '医疗机构放射性职业病危害建设项目预评价报告审核', category: 'public_health', kind: 'licence', level: 'municipal',
    legalBasis: '《中华人民共和国职业病防治法》第十七条第二款',
    legalBasisCites: [{ law: OCC, article: 17, paragraph: 2 }],
    statutoryDays: 30, promisedDays: 15, online: true, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '建设项目放射性职业病危害预评价报告审核申请表'),
      BUSINESS_LICENCE('M02'),
      m('M03', '放射性职业病危害预评价报告'),
      m('M04', '委托申报的，委托书及受托人身份证明', false),
    ],
    licenceName: null, licenceValidYears: null, reminderDays: REMIND,
  },

  // 医疗机构执业类
  {
    // 医疗机构管理条例 art. 12: a written answer within 30 days of accepting the application.
    itemCode: 'XK-YLSZ-01', name: '医疗机构设置审批', category: 'medical_institution', kind: 'licence', level: 'municipal',
    legalBasis: '《医疗机构管理条例》第九条、第十条、第十二条',
    legalBasisCites: [{ law: MI_REG, article: 9 }, { law: MI_REG, article: 10 }, { law: MI_REG, article: 12 }],
    statutoryDays: 30, promisedDays: 10, online: true, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '设置申请书'),
      m('M02', '设置可行性研究报告'),
      m('M03', '选址报告和建筑设计平面图'),
      ID_CARD('M04', '设置人'),
    ],
    licenceName: '设置医疗机构批准书', licenceValidYears: null, reminderDays: REMIND,
  },
  {
    // 医疗机构管理条例 art. 19: examined within 45 days of accepting the application.
    itemCode: 'XK-YLZY-01', name: '医疗机构执业登记', category: 'medical_institution', kind: 'licence', level: 'municipal',
    legalBasis: '《医疗机构管理条例》第十五条、第十七条、第十九条',
    legalBasisCites: [{ law: MI_REG, article: 15 }, { law: MI_REG, article: 17 }, { law: MI_REG, article: 19 }],
    statutoryDays: 45, promisedDays: 15, online: true, commitmentAllowed: false, deficiencyAllowed: true, fee: FREE,
    materials: [
      m('M01', '医疗机构申请执业登记注册书'),
      m('M02', '设置医疗机构批准书', true, 'e_licence', '设置医疗机构批准书'),
      BUSINESS_LICENCE('M03'),
      m('M04', '医疗机构用房产权证明或者使用证明', true, 'data_check'),
      m('M05', '医疗机构建筑设计平面图'),
      m('M06', '医疗机构规章制度'),
      m('M07', '医疗机构法定代表人或者主要负责人以及各科室负责人名录和有关资格证书、执业证书', true, 'data_check'),
    ],
    licenceName: '医疗机构执业许可证', licenceValidYears: 5, reminderDays: REMIND,
  },
  {
    // 放射诊疗管理规定 art. 12: a decision within twenty days (the same as 行政许可法 art. 42).
    itemCode: 'XK-FSZL-01', name: '放射诊疗许可', category: 'medical_institution', kind: 'licence', level: 'municipal',
    legalBasis: '《中华人民共和国职业病防治法》第十九条；《放射诊疗管理规定》第四条、第十一条、第十二条',
    legalBasisCites: [{ law: OCC, article: 19 }],
    statutoryDays: DECISION_DAYS, promisedDays: 10, online: true, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '放射诊疗许可申请表'),
      m('M02', '医疗机构执业许可证或设置医疗机构批准书', true, 'e_licence', '医疗机构执业许可证'),
      m('M03', '放射诊疗专业技术人员的任职资格证书（复印件）', true, 'data_check'),
      m('M04', '放射诊疗设备清单'),
      m('M05', '放射诊疗建设项目竣工验收合格证明文件'),
      m('M06', '放射防护管理制度及放射事件应急处理预案'),
    ],
    licenceName: '放射诊疗许可证', licenceValidYears: null, reminderDays: REMIND,
  },
  {
    itemCode: 'XK-MYBJ-01', name: '母婴保健技术服务执业许可', category: 'medical_institution', kind: 'licence', level: 'municipal',
    legalBasis: '《中华人民共和国母婴保健法》第三十二条第一款；《中华人民共和国母婴保健法实施办法》第三十五条',
    legalBasisCites: [{ law: MCH, article: 32, paragraph: 1 }],
    statutoryDays: DECISION_DAYS, promisedDays: 10, online: true, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '母婴保健技术服务执业许可申请登记书'),
      m('M02', '医疗机构执业许可证', true, 'e_licence', '医疗机构执业许可证'),
      m('M03', '拟开展项目的人员名单及其母婴保健技术考核合格证书', true, 'data_check'),
      m('M04', '与拟开展项目相适应的设备、设施清单'),
    ],
    licenceName: '母婴保健技术服务执业许可证', licenceValidYears: 3, reminderDays: REMIND,
  },

  // 医护人员: 即办 (registered on the day, or the next).
  {
    // 医师法 art. 13(3): twenty working days, as 行政许可法 art. 42.
    itemCode: 'XK-YSZC-01', name: '医师执业注册', category: 'medical_staff', kind: 'licence', level: 'district',
    legalBasis: '《中华人民共和国医师法》第十三条、第十四条',
    legalBasisCites: [{ law: PHYS, article: 13 }, { law: PHYS, article: 14, paragraph: 1 }],
    statutoryDays: DECISION_DAYS, promisedDays: 1, online: true, commitmentAllowed: true, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '医师执业注册申请审核表'),
      m('M02', '医师资格证书', true, 'e_licence', '医师资格证书'),
      ID_CARD('M03', '申请人'),
      m('M04', '近6个月内的健康体检证明'),
      m('M05', '拟执业医疗卫生机构的聘用证明'),
    ],
    licenceName: '医师执业证书', licenceValidYears: null, reminderDays: REMIND,
  },
  {
    // 护士条例 art. 8: twenty working days (as 行政许可法 art. 42); registration valid five years.
    itemCode: 'XK-HSZC-01', name: '护士执业注册', category: 'medical_staff', kind: 'licence', level: 'district',
    legalBasis: '《护士条例》第七条、第八条',
    legalBasisCites: [{ law: NURSE, article: 7 }, { law: NURSE, article: 8 }],
    statutoryDays: DECISION_DAYS, promisedDays: 0, online: true, commitmentAllowed: true, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '护士执业注册申请审核表'),
      ID_CARD('M02', '申请人'),
      m('M03', '护理、助产专业学历证书', true, 'data_check'),
      m('M04', '护士执业资格考试成绩合格证明', true, 'data_check'),
      m('M05', '近6个月内的健康体检证明'),
      m('M06', '拟执业医疗卫生机构的接收证明'),
    ],
    licenceName: '护士执业证书', licenceValidYears: 5, reminderDays: REMIND,
  },

  // 备案及其他
  {
    itemCode: 'BA-ZS-01', name: '诊所备案', category: 'filing_other', kind: 'filing', level: 'district',
    legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》第三十八条第一款；《中华人民共和国医师法》第二十条第一款；《诊所备案管理暂行办法》',
    legalBasisCites: [{ law: BHPL, article: 38, paragraph: 1 }, { law: PHYS, article: 20, paragraph: 1 }],
    statutoryDays: ON_THE_SPOT, promisedDays: 0, online: true, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '诊所备案信息表'),
      BUSINESS_LICENCE('M02'),
      m('M03', '诊所房屋产权证明或者使用证明', true, 'data_check'),
      m('M04', '诊所主要负责人的医师执业证书', true, 'e_licence', '医师执业证书'),
      m('M05', '诊所人员名单及其执业证书', true, 'data_check'),
      m('M06', '诊所规章制度和技术操作规范'),
    ],
    licenceName: null, licenceValidYears: null, reminderDays: REMIND,
  },
  {
    itemCode: 'BA-ZYZS-01', name: '中医诊所备案', category: 'filing_other', kind: 'filing', level: 'district',
    legalBasis: '《中华人民共和国中医药法》第十四条第二款；《中医诊所备案管理暂行办法》',
    legalBasisCites: [{ law: TCM, article: 14, paragraph: 2 }],
    statutoryDays: ON_THE_SPOT, promisedDays: 0, online: true, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '中医诊所备案信息表'),
      ID_CARD('M02', '举办人'),
      m('M03', '中医医师的医师资格证书、医师执业证书', true, 'e_licence', '医师执业证书'),
      m('M04', '诊所房屋平面布局图及产权证明或者使用证明', true, 'data_check'),
      m('M05', '诊所规章制度'),
    ],
    licenceName: null, licenceValidYears: null, reminderDays: REMIND,
  },

  // 依职权审批: started by the commission itself.
  {
    itemCode: 'ZQ-YSZX-01', name: '医师执业注册注销（依职权）', category: 'ex_officio', kind: 'licence', level: 'district',
    legalBasis: '《中华人民共和国医师法》第十七条；《中华人民共和国行政许可法》第七十条',
    legalBasisCites: [{ law: PHYS, article: 17 }, { law: LICENSING, article: 70 }],
    statutoryDays: DECISION_DAYS, promisedDays: 5, online: false, commitmentAllowed: false, deficiencyAllowed: false, fee: FREE,
    materials: [
      m('M01', '应当注销注册情形的证明材料（医疗卫生机构报告或者依职权发现的情况记录）'),
    ],
    licenceName: null, licenceValidYears: null, reminderDays: REMIND,
  },
];

export const BUNDLED_BUNDLES: BundledBundle[] = [
  { code: 'YJS-XKZS-01', name: '新开诊所一件事', itemCodes: ['BA-ZS-01', 'XK-YSZC-01', 'XK-HSZC-01'] },
  // A hotel with its own water supply (自备水源) needs both licences; the business licence is given once.
  { code: 'YJS-BGKY-01', name: '宾馆（自备水源）开业一件事', itemCodes: ['XK-GGCS-01', 'XK-GSDW-01'] },
];
