// The check items the platform ships: a starter list per entity category, each citing
// articles of the legal-basis library (the texts in ../laws/texts and the two department
// rules carried there as summaries) and, where the platform ships one, the penalty
// provision (core/discretion/provisions.ts) that applies when the item fails. They belong
// to the root commission; the legal division edits them or adds its own.
//
// A citation names the instrument as the library does (short name), the article number
// and, where one line of the article is meant, its position among the article's lines
// (paragraph: 款 and 项 counted as the library counts them, 1-based). Every citation is
// checked against the library by checkitems.test.ts.
import type { EntityCategory } from '../entities/categories';

export interface BasisCite { law: string; article: number; paragraph?: number }

export interface BundledCheckItem {
  code: string;
  category: EntityCategory;
  title: string;
  method: string;
  legalBasis: BasisCite[];
  provisionCode: string | null;
  randomList: boolean;
}

const PP_REG = '公共场所卫生管理条例';
const PP_RULE = '公共场所卫生管理条例实施细则';
const MI_REG = '医疗机构管理条例';
const BHPL = '基本医疗卫生与健康促进法';
const PHYS = '医师法';
const NURSE = '护士条例';
const ID_LAW = '传染病防治法';
const WASTE = '医疗废物管理条例';
const WATER = '生活饮用水卫生监督管理办法';
const SCHOOL = '学校卫生工作条例';
const OCC = '职业病防治法';

const item = (code: string, category: EntityCategory, randomList: boolean, title: string, method: string, legalBasis: BasisCite[], provisionCode: string | null = null): BundledCheckItem =>
  ({ code, category, title, method, legalBasis, provisionCode, randomList });

export const BUNDLED_CHECK_ITEMS: BundledCheckItem[] = [
  // 公共场所
  item('GGCS-01', 'public_place', true, '公共场所卫生许可证持证情况',
    '查验《卫生许可证》原件：单位名称、地址、法定代表人（负责人）、许可项目与实际经营是否一致，是否在有效期内，有无涂改、转让、倒卖、伪造；许可证是否在经营场所醒目位置公示。',
    [{ law: PP_REG, article: 8 }, { law: PP_REG, article: 4, paragraph: 1 }], 'PP-35'),
  item('GGCS-02', 'public_place', true, '从业人员健康合格证明',
    '调取从业人员花名册，逐一核对直接为顾客服务人员的有效健康合格证明（有效期一年）；现场抽查在岗人员，核实是否有患有有碍公共卫生疾病的人员从事直接为顾客服务的工作。',
    [{ law: PP_REG, article: 7 }], 'PP-38'),
  item('GGCS-03', 'public_place', true, '公共场所卫生检测',
    '查阅近一年的卫生检测报告：空气、微小气候、水质、采光、照明、噪声、顾客用品用具等项目是否按规定频次检测，检测结果是否符合卫生标准，是否在醒目位置公示检测结果。',
    [{ law: PP_REG, article: 3 }, { law: PP_RULE, article: 36 }], 'PP-36'),
  item('GGCS-04', 'public_place', true, '顾客用品用具清洗、消毒、保洁',
    '查看清洗消毒间（区）及设施设备是否正常运转；抽查已消毒的毛巾、床上用品、茶具、美容美发工具等的保洁存放；查阅清洗消毒记录；检查是否重复使用一次性用品用具。',
    [{ law: PP_REG, article: 3, paragraph: 6 }, { law: PP_RULE, article: 36 }], 'PP-36'),
  item('GGCS-05', 'public_place', false, '卫生管理制度与从业人员卫生知识培训',
    '查阅卫生管理制度、卫生责任制度和卫生管理档案；核实是否配备专（兼）职卫生管理人员；查阅从业人员卫生知识培训和考核记录。',
    [{ law: PP_REG, article: 6 }]),
  item('GGCS-06', 'public_place', false, '危害健康事故的处置和报告',
    '询问经营单位负责人并查阅记录：是否制定危害健康事故应急预案；发生危害健康事故时是否妥善处理并及时报告。',
    [{ law: PP_REG, article: 9 }]),

  // 医疗机构
  item('YLJG-01', 'medical_institution', true, '医疗机构执业许可（登记或备案）',
    '查验《医疗机构执业许可证》正、副本（或备案凭证）：机构名称、地址、主要负责人、诊疗科目与实际是否一致；核实是否在未取得许可的场所或以其他机构名义开展诊疗活动。',
    [{ law: BHPL, article: 38, paragraph: 1 }, { law: MI_REG, article: 15 }, { law: MI_REG, article: 24 }], 'BHPL-99'),
  item('YLJG-02', 'medical_institution', false, '执业许可证校验',
    '核对《医疗机构执业许可证》副本的校验记录：床位不满100张的每年校验1次，100张以上的每3年校验1次；逾期未校验仍从事诊疗活动的予以记录。',
    [{ law: MI_REG, article: 22 }]),
  item('YLJG-03', 'medical_institution', true, '按核准登记的诊疗科目开展诊疗活动',
    '对照许可证核准的诊疗科目，查看科室设置、门诊日志、住院病历、收费清单和检查检验项目，核实有无超出登记范围开展诊疗活动。',
    [{ law: MI_REG, article: 27 }]),
  item('YLJG-04', 'medical_institution', true, '卫生技术人员执业资格',
    '调取在岗医师、护士、医技人员名单，逐一核对医师资格证书、医师执业证书、护士执业证书及其注册执业地点；现场抽查诊室、治疗室在岗人员，核实有无使用非卫生技术人员从事医疗卫生技术工作、非医师行医。',
    [{ law: MI_REG, article: 28 }, { law: PHYS, article: 13, paragraph: 4 }], 'PHYS-59'),
  item('YLJG-05', 'medical_institution', true, '医师按注册的执业地点、类别、范围执业',
    '对照医师执业证书及注册信息，查阅处方、病历、手术记录的签名医师，核实医师是否在注册的执业地点，按注册的执业类别、执业范围执业。',
    [{ law: PHYS, article: 14, paragraph: 1 }]),
  item('YLJG-06', 'medical_institution', true, '护士执业注册与配备',
    '核对护士名单与护士执业证书的注册有效期、执业地点；按床位和科室核算护士配备数量是否达到规定标准；查阅排班表，核实有无未取得护士执业证书的人员从事护理活动。',
    [{ law: NURSE, article: 20 }, { law: NURSE, article: 21 }]),
  item('YLJG-07', 'medical_institution', false, '许可证、诊疗科目、诊疗时间和收费标准公示',
    '现场查看《医疗机构执业许可证》、诊疗科目、诊疗时间和收费标准是否悬挂或公示于明显处所；工作人员是否佩戴载有本人姓名、职务或者职称的标牌。',
    [{ law: MI_REG, article: 26 }, { law: MI_REG, article: 30 }]),
  item('YLJG-08', 'medical_institution', true, '传染病预检、分诊',
    '查看预检分诊点（发热门诊）的设置、标识和隔离条件；查阅预检分诊登记；询问分诊人员对传染病病人、疑似病人的引导和转诊流程。',
    [{ law: ID_LAW, article: 52, paragraph: 2 }]),
  item('YLJG-09', 'medical_institution', true, '传染病疫情报告',
    '核实是否确定专门的部门或人员负责疫情报告；抽取门诊日志、住院登记、检验阳性结果，与传染病报告卡和网络直报记录比对，核实有无漏报、迟报。',
    [{ law: ID_LAW, article: 30, paragraph: 1 }, { law: ID_LAW, article: 21, paragraph: 2 }]),
  item('YLJG-10', 'medical_institution', true, '医疗器械消毒与一次性医疗器具管理',
    '查看消毒供应室（区）的布局、流程和设备运行；查阅消毒灭菌效果监测记录；抽查无菌物品的包装、标识和有效期；核实一次性使用的医疗器具是否使用后即予销毁、有无重复使用。',
    [{ law: ID_LAW, article: 51, paragraph: 2 }]),
  item('YLJG-11', 'medical_institution', true, '医疗废物分类收集',
    '查看诊疗区域医疗废物是否按类别分置于防渗漏、防锐器穿透的专用包装物或密闭容器内，包装物、容器是否有明显的警示标识和警示说明；有无将医疗废物混入生活垃圾。',
    [{ law: WASTE, article: 16 }]),
  item('YLJG-12', 'medical_institution', true, '医疗废物暂时贮存',
    '查看医疗废物暂时贮存设施、设备：是否远离医疗区、食品加工区、人员活动区和生活垃圾存放场所，是否设置明显警示标识和防渗漏、防鼠、防蚊蝇等安全措施，有无露天存放，贮存时间是否超过2天。',
    [{ law: WASTE, article: 17 }]),
  item('YLJG-13', 'medical_institution', false, '医疗废物登记和转移联单',
    '查阅医疗废物登记资料（来源、种类、重量或数量、交接时间、处置方法、最终去向、经办人签名），核实是否保存3年；查验危险废物转移联单和集中处置单位的经营许可证。',
    [{ law: WASTE, article: 12 }, { law: WASTE, article: 11 }]),
  item('YLJG-14', 'medical_institution', false, '病历书写与保管',
    '抽查门诊和住院病历，核实是否按规定及时填写、由医师亲自诊查后签署；核对病历有无隐匿、伪造、篡改或者擅自销毁的情形。',
    [{ law: PHYS, article: 24, paragraph: 1 }]),
  item('YLJG-15', 'medical_institution', false, '医疗质量管理制度',
    '查阅医疗质量管理和控制制度、核心制度的落实记录（三级查房、会诊、手术分级、危急值报告等）和质控部门的工作记录。',
    [{ law: BHPL, article: 43, paragraph: 1 }]),

  // 生活饮用水供水单位
  item('YYS-01', 'water_supply', true, '供水单位卫生许可证',
    '查验集中式供水单位的卫生许可证：单位名称、地址、供水方式与实际是否一致，是否在有效期内；新建、改建、扩建供水项目是否经卫生行政部门参加选址、设计审查和竣工验收。',
    [{ law: ID_LAW, article: 29, paragraph: 2 }, { law: WATER, article: 26 }], 'WATER-26'),
  item('YYS-02', 'water_supply', true, '供水水质',
    '查阅出厂水、管网末梢水的水质检测记录和报告，核对检测项目和频次；必要时现场快速检测余氯、浑浊度等指标或采样送检，判定是否符合国家生活饮用水卫生标准。',
    [{ law: ID_LAW, article: 29, paragraph: 1 }, { law: WATER, article: 26 }], 'WATER-26'),
  item('YYS-03', 'water_supply', false, '涉及饮用水卫生安全的产品',
    '查看使用的输配水设备、防护材料、水处理材料和化学处理剂、消毒设备，查验其卫生许可批件，核实是否符合国家卫生标准和卫生规范。',
    [{ law: ID_LAW, article: 29, paragraph: 1 }]),

  // 学校
  item('XX-01', 'school', true, '教学环境卫生（采光、照明、课桌椅、黑板）',
    '抽查教室，测量或查阅检测报告：采光、照明、室内微小气候、环境噪声是否符合国家标准；课桌椅配置是否与学生身高相适应，黑板是否符合要求。',
    [{ law: SCHOOL, article: 6, paragraph: 1 }]),
  item('XX-02', 'school', true, '厕所、洗手设施和饮用水',
    '查看厕所、洗手设施的数量和卫生状况；寄宿制学校的洗漱、洗澡设施；学生饮用水的来源、供应设施和水质检测报告。',
    [{ law: SCHOOL, article: 7 }]),
  item('XX-03', 'school', true, '传染病防控管理',
    '查阅传染病防控制度、晨午检记录、因病缺课登记和追踪记录、疫情报告记录；核实是否落实复课证明查验和预防接种证查验。',
    [{ law: SCHOOL, article: 17 }]),
  item('XX-04', 'school', false, '学生健康管理',
    '查阅学生健康体检记录和学生体质健康卡片（档案）；核实对体检发现有疾病学生的转诊配合和对残疾、体弱学生的照顾。',
    [{ law: SCHOOL, article: 14, paragraph: 1 }]),
  item('XX-05', 'school', false, '卫生室（保健室）和卫生技术人员配备',
    '查看卫生室（保健室）设置和处理一般伤病事故的医疗用品；按学生人数核算专职卫生技术人员（保健教师）配备是否达到规定比例。',
    [{ law: SCHOOL, article: 20, paragraph: 2 }]),
  item('XX-06', 'school', false, '新建、改建、扩建校舍的卫生审查',
    '核实新建、改建、扩建校舍的选址、设计是否符合国家卫生标准并取得卫生行政部门的许可，竣工验收时是否有卫生行政部门参加。',
    [{ law: SCHOOL, article: 6, paragraph: 2 }]),

  // 职业卫生用人单位
  item('ZYWS-01', 'occupational', true, '职业病危害项目申报',
    '登录申报系统或查验申报回执，核实是否及时、如实申报工作场所存在的职业病危害因素；对照现场生产工艺核实有无漏报。',
    [{ law: OCC, article: 16, paragraph: 2 }], 'OCC-71'),
  item('ZYWS-02', 'occupational', true, '职业病危害因素日常监测',
    '核实是否由专人负责职业病危害因素日常监测，查阅监测记录；查看监测系统（设备）是否处于正常运行状态。',
    [{ law: OCC, article: 26, paragraph: 1 }], 'OCC-71'),
  item('ZYWS-03', 'occupational', true, '职业病危害因素定期检测、评价',
    '查阅职业卫生技术服务机构出具的定期检测、评价报告，核对检测周期和点位是否覆盖存在职业病危害因素的岗位；核实结果是否存档、上报和向劳动者公布。',
    [{ law: OCC, article: 26, paragraph: 2 }], 'OCC-72'),
  item('ZYWS-04', 'occupational', true, '工作场所职业病危害因素浓度（强度）',
    '对照检测报告核实工作场所职业病危害因素的强度或者浓度是否符合国家职业卫生标准；超标的，查看整改措施和复测结果。',
    [{ law: OCC, article: 15, paragraph: 2 }], 'OCC-72'),
  item('ZYWS-05', 'occupational', true, '职业病防护设施和个人防护用品',
    '查看除尘、排毒、降噪等防护设施的运行和维护检修记录；查阅个人防护用品的采购、发放记录，现场核实劳动者是否正确佩戴符合要求的防护用品。',
    [{ law: OCC, article: 22 }, { law: OCC, article: 25, paragraph: 3 }], 'OCC-72'),
  item('ZYWS-06', 'occupational', true, '职业健康检查和职业健康监护档案',
    '查阅上岗前、在岗期间、离岗时职业健康检查报告，核对接触职业病危害因素的劳动者是否全部检查、结果是否书面告知；抽查劳动者职业健康监护档案。',
    [{ law: OCC, article: 35, paragraph: 1 }, { law: OCC, article: 36, paragraph: 1 }], 'OCC-71'),
  item('ZYWS-07', 'occupational', true, '职业病危害警示标识和告知',
    '查看产生严重职业病危害的作业岗位是否在醒目位置设置警示标识和中文警示说明；查看公告栏公布的规章制度、操作规程、应急救援措施和检测结果。',
    [{ law: OCC, article: 24 }], 'OCC-72'),
  item('ZYWS-08', 'occupational', false, '劳动合同中的职业病危害告知',
    '抽查接触职业病危害劳动者的劳动合同，核实是否写明工作中可能产生的职业病危害及其后果、防护措施和待遇。',
    [{ law: OCC, article: 33, paragraph: 1 }], 'OCC-71'),
  item('ZYWS-09', 'occupational', false, '职业病防治管理机构、制度和档案',
    '查阅职业卫生管理机构设置或人员任命文件、职业病防治计划和实施方案、职业卫生管理制度和操作规程、职业卫生档案、应急救援预案。',
    [{ law: OCC, article: 20 }]),
  item('ZYWS-10', 'occupational', false, '职业卫生培训',
    '查阅主要负责人和职业卫生管理人员的培训证明，劳动者上岗前和在岗期间的职业卫生培训计划、签到表和考核记录。',
    [{ law: OCC, article: 34 }]),

  // 消毒产品生产企业
  item('XDCP-01', 'disinfection_product', true, '消毒产品生产企业卫生许可',
    '查验消毒产品生产企业卫生许可证：生产地址、生产项目和类别与实际是否一致，是否在有效期内。',
    [{ law: ID_LAW, article: 29, paragraph: 3 }]),
  item('XDCP-02', 'disinfection_product', true, '消毒产品卫生质量',
    '查阅产品配方、生产工艺、原材料进货记录和出厂检验记录；核对产品标签（铭牌）、说明书与卫生安全评价报告是否一致；必要时抽样检验。',
    [{ law: ID_LAW, article: 29, paragraph: 1 }]),

  // 放射诊疗机构
  item('FSWS-01', 'radiation', true, '放射防护设施、报警装置和个人剂量监测',
    '查看放射工作场所的屏蔽防护、警示标识、工作指示灯和报警装置；核实放射工作人员是否佩戴个人剂量计，查阅个人剂量监测报告。',
    [{ law: OCC, article: 25, paragraph: 2 }], 'OCC-72'),
  item('FSWS-02', 'radiation', true, '放射工作人员职业健康检查和监护档案',
    '查阅放射工作人员上岗前、在岗期间和离岗时的职业健康检查报告及书面告知，抽查职业健康监护档案。',
    [{ law: OCC, article: 35, paragraph: 1 }, { law: OCC, article: 36, paragraph: 1 }], 'OCC-71'),
  item('FSWS-03', 'radiation', false, '放射诊疗建设项目职业病危害评价',
    '查阅放射诊疗建设项目的放射性职业病危害预评价报告及卫生行政部门的审核意见；核实是否经审核同意后开工建设。',
    [{ law: OCC, article: 17, paragraph: 2 }]),
  item('FSWS-04', 'radiation', false, '放射防护检测',
    '查阅放射诊疗设备和工作场所的放射防护检测、评价报告，核实检测周期和结果是否存档、报告。',
    [{ law: OCC, article: 26, paragraph: 2 }], 'OCC-72'),
];
