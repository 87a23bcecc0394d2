// The penalty provisions the platform ships with (legal-rules.md, "Provisions to ship as
// examples"), each with an example benchmark. Amounts are the law's; the benchmark rows
// are examples from published local benchmarks (legal-research.md §9) or, where none was
// found, the common 30%/70% split with typical circumstances: a commission adopts its own
// benchmark by editing them (a new revision; cases keep the revision they cited).
// Department rules (实施细则, 饮用水办法) are in the legal-basis library as summaries.
import type { ProvisionDefinition } from './engine';

const BHPL = '基本医疗卫生与健康促进法';
const PHYS = '医师法';
const PP_REG = '公共场所卫生管理条例';
const PP_RULE = '公共场所卫生管理条例实施细则';
const OCC = '职业病防治法';
const WATER = '生活饮用水卫生监督管理办法';

const LIGHTER_DEFAULT = ['违法行为持续时间短、违法所得少', '及时停止违法行为，积极配合调查', '未造成危害后果'];
const ORDINARY_DEFAULT = ['不具有从轻、从重情节'];
const HEAVIER_DEFAULT = ['造成人身损害或者恶劣社会影响', '经责令改正拒不改正', '一年内因同一违法行为受过行政处罚', '隐匿、销毁证据或者阻碍调查'];

const standardTiers = () => [
  { tier: 'lighter' as const, circumstances: LIGHTER_DEFAULT },
  { tier: 'ordinary' as const, circumstances: ORDINARY_DEFAULT },
  { tier: 'heavier' as const, circumstances: HEAVIER_DEFAULT },
];

export const BUNDLED_PROVISIONS: ProvisionDefinition[] = [
  {
    code: 'BHPL-99', title: '未取得医疗机构执业许可证擅自执业',
    violated: [{ law: BHPL, article: 38 }], penalty: { law: BHPL, article: 99, paragraph: 1 },
    scenarios: [{
      code: 'base', label: '未取得医疗机构执业许可证擅自执业',
      sanctions: ['stop_practice', 'confiscate_gains', 'confiscate_goods', 'fine'],
      fine: { kind: 'multiple', basis: 'illegal_gains', minTimes: 5, maxTimes: 20, floorYuan: 10_000 },
      tiers: [
        { tier: 'lighter', circumstances: ['擅自执业时间不足3个月', '未造成患者人身损害', '及时停止执业活动并配合调查'] },
        { tier: 'ordinary', circumstances: ORDINARY_DEFAULT },
        { tier: 'heavier', circumstances: ['造成患者人身损害', '经责令停止执业活动后继续执业', '使用假药劣药或者开展有创诊疗'] },
      ],
    }],
  },
  {
    code: 'PHYS-59', title: '非医师行医',
    violated: [{ law: PHYS, article: 13 }], penalty: { law: PHYS, article: 59 },
    scenarios: [{
      code: 'base', label: '非医师行医',
      sanctions: ['stop_practice', 'confiscate_gains', 'confiscate_goods', 'fine'],
      fine: { kind: 'multiple', basis: 'illegal_gains', minTimes: 2, maxTimes: 10, floorYuan: 10_000 },
      tiers: standardTiers(),
    }],
  },
  {
    code: 'PP-35', title: '公共场所未取得卫生许可证擅自营业',
    violated: [{ law: PP_REG, article: 8 }], penalty: { law: PP_RULE, article: 35 },
    scenarios: [
      {
        code: 'base', label: '未依法取得公共场所卫生许可证擅自营业',
        sanctions: ['order_correct', 'warning', 'fine'], fine: { kind: 'range', minYuan: 500, maxYuan: 5_000 }, tiers: standardTiers(),
      },
      {
        code: 'aggravated', label: '曾受过卫生行政部门处罚、擅自营业曾受处罚或者擅自营业时间在三个月以上、以涂改转让倒卖伪造的卫生许可证擅自营业',
        sanctions: ['order_correct', 'warning', 'fine'], fine: { kind: 'range', minYuan: 5_000, maxYuan: 30_000 }, tiers: standardTiers(),
      },
    ],
  },
  {
    code: 'PP-36', title: '未按规定进行卫生检测，或未按规定对顾客用品用具清洗消毒',
    violated: [{ law: PP_RULE, article: 36 }], penalty: { law: PP_RULE, article: 36 },
    scenarios: [
      {
        code: 'base', label: '未按照规定进行卫生检测或者未按照规定对顾客用品用具进行清洗、消毒、保洁',
        sanctions: ['order_correct', 'warning', 'fine'], fine: { kind: 'range', minYuan: 0, maxYuan: 2_000 }, tiers: standardTiers(),
      },
      {
        code: 'uncorrected', label: '逾期不改正，造成公共场所卫生质量不符合卫生标准和要求',
        sanctions: ['fine'], fine: { kind: 'range', minYuan: 2_000, maxYuan: 20_000 }, tiers: standardTiers(),
      },
      {
        code: 'serious', label: '情节严重',
        sanctions: ['suspend', 'revoke_licence'], fine: { kind: 'none' }, tiers: [],
      },
    ],
  },
  {
    code: 'PP-38', title: '安排未获得有效健康合格证明的从业人员从事直接为顾客服务的工作',
    violated: [{ law: PP_REG, article: 7 }], penalty: { law: PP_RULE, article: 38 },
    scenarios: [
      {
        code: 'base', label: '安排未获得有效健康合格证明的从业人员从事直接为顾客服务工作',
        sanctions: ['order_correct', 'warning', 'fine'], fine: { kind: 'range', minYuan: 500, maxYuan: 5_000 },
        // 浙江省卫生行政处罚裁量基准 as cited in 台椒卫公罚[2021]37号 (legal-research.md §9, row A).
        tiers: [
          { tier: 'lighter', circumstances: ['涉及从业人员6人以下', '及时改正'], amount: { minYuan: 500, maxYuan: 1_850 } },
          { tier: 'ordinary', circumstances: ORDINARY_DEFAULT },
          { tier: 'heavier', circumstances: HEAVIER_DEFAULT },
        ],
      },
      {
        code: 'uncorrected', label: '逾期不改正',
        sanctions: ['fine'], fine: { kind: 'range', minYuan: 5_000, maxYuan: 15_000 },
        tiers: [
          { tier: 'lighter', circumstances: ['逾期不改正，涉及人数少、未造成危害后果'], amount: { minYuan: 5_000, maxYuan: 8_000 } },
          { tier: 'ordinary', circumstances: ORDINARY_DEFAULT },
          { tier: 'heavier', circumstances: HEAVIER_DEFAULT },
        ],
      },
    ],
  },
  {
    code: 'OCC-71', title: '未按规定申报职业病危害项目、日常监测、告知、职业健康检查和监护档案',
    violated: [{ law: OCC, article: 71 }], penalty: { law: OCC, article: 71 },
    scenarios: [{
      code: 'base', label: '用人单位有第七十一条所列行为之一',
      sanctions: ['order_correct', 'warning', 'fine'], fine: { kind: 'range', minYuan: 50_000, maxYuan: 100_000 }, fineOptional: true,
      tiers: standardTiers(),
    }],
  },
  {
    code: 'OCC-72', title: '职业病危害因素超标、未提供防护设施和用品等',
    violated: [{ law: OCC, article: 72 }], penalty: { law: OCC, article: 72 },
    scenarios: [
      { code: 'base', label: '用人单位有第七十二条所列行为之一', sanctions: ['warning', 'order_correct'], fine: { kind: 'none' }, tiers: [] },
      {
        code: 'uncorrected', label: '逾期不改正',
        sanctions: ['fine'], fine: { kind: 'range', minYuan: 50_000, maxYuan: 200_000 }, tiers: standardTiers(),
      },
      { code: 'serious', label: '情节严重', sanctions: ['suspend', 'close'], fine: { kind: 'none' }, tiers: [] },
    ],
  },
  {
    code: 'WATER-26', title: '集中式供水单位未取得卫生许可证、供应的饮用水不符合卫生标准等',
    violated: [{ law: WATER, article: 26 }], penalty: { law: WATER, article: 26 },
    scenarios: [{
      code: 'base', label: '有《生活饮用水卫生监督管理办法》第二十六条所列行为之一',
      sanctions: ['order_correct', 'fine'], fine: { kind: 'range', minYuan: 20, maxYuan: 5_000 },
      // A published local benchmark (legal-research.md §9, row D; issuing authority not identified).
      tiers: [
        { tier: 'lighter', circumstances: ['情节轻微，未造成影响', '限期改正'], amount: { minYuan: 20, maxYuan: 500 } },
        { tier: 'ordinary', circumstances: ['逾期未改正'], amount: { minYuan: 500, maxYuan: 3_000 } },
        { tier: 'heavier', circumstances: ['造成严重后果'], amount: { minYuan: 3_000, maxYuan: 5_000 } },
      ],
    }],
  },
];
