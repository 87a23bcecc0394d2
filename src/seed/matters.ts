// The demo commission's matters on a legal clock (issue 6): 12320 hotline records,
// petitions, disclosure requests, medical-dispute mediations, reconsiderations and suits
// against the commission, NPC suggestions and CPPCC proposals, and the procuratorial and
// judicial suggestions received, over 2025 and 2026 up to today, for JX-WJW and its two
// districts — so the lists, the clocks, the to-do lists and every hotline.*, petitions.*,
// disclosure.requests.*, mediation.*, reconsideration.*, litigation.*, oversight.* and
// proposals.* figure have something to show on first start.
//
// - History from before the platform went live (the first day of the month three months
//   ago) comes in the way a commission brings it: through the real imports
//   (hotline_calls, petitions, …) from files written here, then the old system's titles,
//   parties, replies and routing added to the same rows (columns the imports leave alone).
// - Since go-live matters were worked on the platform: each is walked through its kind's
//   real procedure in memory (each step's form, guards and effect, the main clock's due
//   date recomputed after every step, as takeMatterStep does) and written with its
//   history (matter_events) in a few multi-row statements.
// - Today's open work — a complaint routed this morning, one filed on the portal,
//   petitions on amber and red clocks and one extended (asked for by the office, approved by
//   the leader), a petition's review waiting for the body one level up, a disclosure request,
//   mediations, a reconsideration, a suit awaiting judgment, a suggestion awaiting a
//   co-handler — goes through registerMatter and takeMatterStep themselves.
//
// Deterministic (seeded random) apart from the portal tracking codes. Nothing is assigned
// to the leader, whose home to-do list stays empty (the leader only approves extensions, and
// none is left waiting for approval).
import { Readable } from 'node:stream';
import type { Database, Queryable } from '../platform/db';
import { SYSTEM_ACTOR, type AuthUser } from '../platform/access/user';
import { resolveScope, type ScopeMode } from '../platform/access/scope';
import { isPermission, type Permission } from '../platform/access/permissions';
import { recordAudit } from '../platform/audit/audit';
import { runImport } from '../platform/imports/engine';
import type { CalendarService } from '../modules/calendar/service';
import { MATTER_DATASETS } from '../modules/matters/datasets';
import { higherBodyOf, newTrackingCode, registerMatter, takeMatterStep } from '../modules/matters/service';
import { formSchema } from '../modules/matters/schema';
import { addDays, daysBetween, todayInChina, yearOf } from '../core/calendar/dates';
import { computeDue } from '../core/calendar/deadline';
import type { WorkCalendar } from '../core/calendar/workCalendar';
import { apply } from '../core/procedure/engine';
import type { MatterKind } from '../core/matters/clocks';
import { MATTER_SPECS } from '../core/matters/kinds';
import { mainDueOn, type FieldSpec, type MatterColumns } from '../core/matters/procedure';
import { personName } from './entityGenerator';
import { Rng } from './random';

const SEED_ACTOR = SYSTEM_ACTOR('seed');
const START = '2025-01-01';
/** Hotline records before today's two (one routed by the operator, one from the portal): drawn at random, and four complaints still open. */
const HOTLINE_HISTORY = 594;

type Row = MatterColumns & { state: string };
interface Event { step: string; from: string | null; to: string; input: Record<string, unknown>; user: string | null; at: string }
interface Draft { kind: MatterKind; orgCode: string; row: Row; dueOn: string | null; receivedAt: string | null; events: Event[]; matterNo: string }
interface Entity { id: number; name: string; category: string; address: string; org_code: string }

interface Ctx {
  r: Rng;
  cal: WorkCalendar;
  today: string;
  goLive: string;
  org: Record<string, number>;
  users: Record<string, { id: number; name: string }>;
  /** Entities supervised by the two district institutes (complaints), and medical institutions (disputes). */
  complained: Entity[];
  medical: Entity[];
}

// ---------------------------------------------------------------------------------
// Dates and times.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** An instant in China time on `day`, `minutes` after midnight. */
const instant = (day: string, minutes: number, seconds = 0) => `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(seconds)}+08:00`;
const chinaIso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const workdaysAfter = (c: Ctx, day: string, n: number) => computeDue(c.cal, { start: day, amount: n, unit: 'workday' }).due;
const workdaysBefore = (c: Ctx, day: string, n: number) => {
  let d = day;
  for (let k = 0; k < n; d = addDays(d, -1)) if (c.cal.isWorkday(addDays(d, -1))) k++;
  return d;
};
const nextWorkday = (c: Ctx, day: string) => c.cal.nextWorkdayFrom(day);
/** A day drawn evenly from [from, to]. */
const between = (c: Ctx, from: string, to: string) => addDays(from, c.r.int(0, Math.max(0, daysBetween(from, to))));

// ---------------------------------------------------------------------------------
// Walking a matter through its procedure in memory.

function blankRow(receivedOn: string): Row {
  return {
    state: '', subtype: null, channel: null, role: null, title: null, summary: null, contact_name: null, contact_phone: null, contact_email: null,
    contact_address: null, anonymous: false, entity_id: null, handler_org_id: null, assignee_id: null, leader_id: null, received_on: receivedOn,
    accepted_on: null, clock_start_on: null, concluded_on: null, outcome: null, reply: null, satisfaction: null, extended: false, pauses: [],
    extensions: [], hearing_on: null, head_appeared: null, grade: null, case_id: null, details: {},
  };
}

/** A form's validation as the service's (built once per form: building it costs about a millisecond). */
const schemas = new Map<readonly FieldSpec[], ReturnType<typeof formSchema>>();
function parseForm(fields: readonly FieldSpec[], raw: Record<string, unknown>): Record<string, unknown> {
  let schema = schemas.get(fields);
  if (!schema) schemas.set(fields, schema = formSchema(fields));
  return schema.parse(raw) as Record<string, unknown>;
}

/** The main clock's due date as the service keeps it (local periods at their defaults). */
function dueOf(c: Ctx, kind: MatterKind, row: Row, day: string): string | null {
  return mainDueOn(c.cal, MATTER_SPECS[kind].clocks(row, {}, day), row.concluded_on);
}

/** Registration as registerMatter does it: the form's fields to columns (the rest to details), then the kind's derived columns. */
function register(c: Ctx, kind: MatterKind, orgCode: string, received: string, user: string | null, fields: Record<string, unknown>, extra: Record<string, unknown> = {}): Draft {
  const spec = MATTER_SPECS[kind];
  const day = received.slice(0, 10);
  const input = { ...parseForm(spec.createFields, fields), ...extra };
  const row = blankRow(day);
  for (const [name, value] of Object.entries(input)) {
    const column = name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    if (column !== 'details' && column in row) (row as unknown as Record<string, unknown>)[column] = value;
    else row.details[name] = value;
  }
  const derived = spec.onCreate?.(input, day) ?? {};
  Object.assign(row, { ...derived, details: { ...row.details, ...(derived.details ?? {}) } });
  row.state = spec.procedure.initial;
  const d: Draft = { kind, orgCode, row, dueOn: null, receivedAt: received.length > 10 ? received : null, events: [], matterNo: '' };
  d.dueOn = dueOf(c, kind, row, day);
  d.events.push({ step: 'register', from: null, to: row.state, input, user, at: received.length > 10 ? received : instant(day, c.r.int(510, 1050)) });
  return d;
}

/** When a step taken on `day` happened: a little after the previous one that day, else in office hours. */
function stepTime(c: Ctx, d: Draft, day: string): string {
  const last = d.events.at(-1)!.at;
  if (last.slice(0, 10) !== day) return instant(day, c.r.int(510, 1050), c.r.int(0, 59));
  const next = chinaIso(Date.parse(last) + c.r.int(3, 40) * 60_000);
  return next.slice(0, 10) === day ? next : last;
}

/**
 * Takes a step on `day` as takeMatterStep does (form, guards, effect, conclusion on a final
 * state, due date). History ends yesterday: a step due today or later is not taken (false).
 */
function step(c: Ctx, d: Draft, stepId: string, day: string, user: string, input: Record<string, unknown> = {}): boolean {
  if (day >= c.today) return false;
  const spec = MATTER_SPECS[d.kind];
  const s = spec.procedure.steps.find((x) => x.id === stepId)!;
  const parsed = parseForm(s.fields ?? [], input);
  const facts = { row: d.row, input: parsed, today: day, actorName: c.users[user].name, calendar: c.cal };
  let to: string;
  try {
    to = apply(spec.procedure, d.row.state, stepId, facts).to;
    if (s.stays) to = d.row.state;
  } catch (err) {
    throw new Error(`seed: ${d.kind} ${d.row.title ?? d.row.summary ?? ''} ${stepId} on ${day}: ${(err as Error).message}`);
  }
  const update = s.effect?.(facts) ?? {};
  d.row = { ...d.row, ...update, details: { ...d.row.details, ...(update.details ?? {}) }, state: to };
  if (spec.procedure.states[to]?.final && d.row.concluded_on === null) d.row.concluded_on = day;
  d.dueOn = dueOf(c, d.kind, d.row, day);
  d.events.push({ step: stepId, from: d.events.at(-1)!.to, to, input: parsed, user, at: stepTime(c, d, day) });
  return true;
}

// ---------------------------------------------------------------------------------
// People and words.

const caller = (c: Ctx) => `${personName(c.r).slice(0, 1)}${c.r.next() < 0.5 ? '先生' : '女士'}`;
const phone = (c: Ctx) => `1${c.r.pick(['35', '36', '37', '38', '39', '58', '59', '88', '89', '57', '73', '80'])}${pad(c.r.int(0, 99_999_999), 8)}`;
const address = (c: Ctx, district = c.r.pick(['南湖区', '秀洲区'])) =>
  `浙江省嘉兴市${district}${c.r.pick(district === '南湖区' ? ['南湖路', '城南路', '由拳路', '凌公塘路'] : ['洪兴路', '秀园路', '八字路', '新康路'])}${c.r.int(1, 600)}号`;

const HOTLINE_WEIGHTS = { consultation: 52, complaint_report: 18, appointment: 12, suggestion: 6, praise: 4, other: 8 };

const HOTLINE_TEXTS: Record<string, [string, string][]> = {
  consultation: [
    ['咨询公共场所卫生许可证办理需要哪些材料', '已告知办理所需材料和“浙里办”网上申请途径，告知承诺制可当场发证'],
    ['咨询从业人员健康合格证明在哪里办理、需要多长时间', '已告知就近的体检机构和办理时间，一般3个工作日出具结果'],
    ['咨询医师执业注册变更执业地点的手续', '已告知通过电子化注册系统申请变更，并说明所需材料'],
    ['咨询流感疫苗接种的地点和时间', '已告知所在社区卫生服务中心的接种门诊时间，需携带身份证'],
    ['咨询出生医学证明遗失后如何补办', '已告知向出生医院提出申请，并说明所需材料'],
    ['咨询职业病诊断的机构和申请流程', '已告知本市职业病诊断机构名单和申请材料'],
    ['咨询小区二次供水水箱清洗消毒的周期要求', '已告知每半年至少清洗消毒一次，并可向区卫生监督所反映'],
    ['咨询护士执业证书延续注册', '已告知有效期届满30日前通过电子化注册系统申请延续'],
    ['咨询婚前医学检查和孕前优生检查的地点', '已告知各区妇幼保健院的检查时间，免费项目可凭身份证办理'],
    ['咨询家庭医生签约服务的内容', '已告知签约服务包内容和所在社区卫生服务中心的联系方式'],
    ['咨询托育机构备案的条件', '已告知托育机构设置标准和备案材料，向所在区卫生健康局备案'],
    ['咨询美容美发店是否需要办理卫生许可', '已告知美容美发场所已取消卫生许可，但须持有效健康证明并遵守卫生规范'],
    ['咨询狂犬病疫苗接种门诊', '已告知就近的犬伤处置门诊地址和开放时间'],
    ['咨询独生子女父母奖励扶助政策', '已告知申请条件和向户籍所在地镇（街道）申请的途径'],
    ['咨询游泳场所开放前的水质检测要求', '已告知开放前须经具备资质的机构检测合格，营业期间按规定自检'],
  ],
  appointment: [
    ['预约嘉兴市第一医院心内科专家门诊', '已通过预约平台预约成功，告知就诊时间和取号方式'],
    ['预约嘉兴市妇幼保健院产科建档', '已预约成功，提醒携带身份证和既往检查报告'],
    ['预约口腔科门诊', '已预约成功，告知就诊时间'],
    ['预约嘉兴市第二医院眼科门诊', '已预约成功，告知就诊前停戴隐形眼镜'],
    ['预约儿童保健门诊', '已预约成功，告知携带儿童预防接种证'],
    ['预约中医院针灸科门诊', '已预约成功，告知就诊时间和取号方式'],
  ],
  suggestion: [
    ['建议12320热线延长夜间人工服务时间', '已记录来电人建议，汇总后转有关处室研究'],
    ['建议社区卫生服务中心周末增开门诊', '已记录建议，转基层卫生健康处研究'],
    ['建议在公园和地铁站增设母婴室', '已记录建议，转妇幼健康处研究'],
    ['建议简化从业人员健康证明办理流程，实现网上预约', '已记录建议，转有关处室研究'],
    ['建议增加儿科专家号源', '已记录建议，转医政医管处研究'],
  ],
  praise: [
    ['表扬嘉兴市第一医院急诊科医生抢救及时、态度耐心', '已记录并转告被表扬单位'],
    ['表扬12320话务员解答耐心细致', '已记录并转告热线管理部门'],
    ['表扬南湖区卫生监督所处理投诉及时', '已记录并转告被表扬单位'],
    ['表扬社区家庭医生上门服务', '已记录并转告被表扬单位'],
  ],
  other: [
    ['反映医保报销比例问题', '不属于本部门职责，已告知医疗保障部门联系电话'],
    ['询问无偿献血的条件和地点', '已告知献血条件和市中心血站地址'],
    ['查询某医疗机构是否合法执业', '已告知可通过“浙江省卫生健康委员会”网站查询医疗机构信息'],
    ['来电未说明具体诉求', '多次询问未获回应，按无效来电办结'],
    ['反映药品价格问题', '不属于本部门职责，已告知市场监督管理部门联系电话'],
  ],
};

const COMPLAINTS: Record<string, string[]> = {
  public_place: ['反映{e}客房床上用品未按规定更换、卫生状况差', '反映{e}游泳池水质浑浊、有刺鼻气味', '反映{e}从业人员未取得健康合格证明上岗',
    '反映{e}公共用品用具未按规定清洗消毒', '反映{e}室内吸烟现象严重、通风不良'],
  medical_institution: ['举报{e}聘用无执业资格人员从事诊疗活动', '反映{e}超出登记范围开展医疗美容项目', '反映{e}医疗废物未按规定分类收集',
    '投诉{e}未告知治疗风险即实施治疗', '举报{e}未取得相应资质开展口腔种植'],
  water_supply: ['反映{e}供水出现黄水、有异味', '反映{e}二次供水水箱长期未清洗'],
  school: ['反映{e}教室采光照明不足', '反映{e}饮水设施长期未更换滤芯'],
  occupational: ['举报{e}未组织接触粉尘的职工进行职业健康检查', '反映{e}车间噪声大、未发放个人防护用品'],
  other: ['反映{e}卫生条件差', '反映{e}内设医务室无执业资质'],
};

const FINDING_REPLIES: Record<string, string> = {
  substantiated: '经现场核查，反映情况属实。已当场责令当事人改正，并依法立案调查，处理结果将依法公示。',
  partly: '经现场核查，反映情况部分属实。已责令当事人限期整改，并将跟踪复查整改情况。',
  unsubstantiated: '经现场核查，未发现反映的问题。已告知当事人严格遵守有关卫生规范，今后将加强日常监督。',
};

const PETITION_TOPICS: [string, string][] = [
  ['反映某民营医院过度检查、收费不合理', '信访人称在该院就诊时被要求做多项不必要的检查，费用明显偏高，要求核查并退还多收费用。'],
  ['要求查处小区附近非法行医', '信访人反映所住小区附近有人无证开展针灸、推拿和输液，存在安全隐患，要求依法取缔。'],
  ['反映小区二次供水水质问题', '信访人反映小区自来水时常发黄、有异味，物业未按规定清洗水箱，要求监督整改。'],
  ['对医疗纠纷处理结果不服', '信访人认为其父亲在医院治疗期间存在过错，对医疗纠纷调解结果不满，要求重新调查。'],
  ['要求落实乡村医生养老补助', '信访人为原乡村医生，反映其养老补助未按政策落实，要求解决。'],
  ['反映美容院无证开展医疗美容', '信访人在某美容院注射玻尿酸后出现红肿，反映该店不具备医疗美容资质，要求查处。'],
  ['要求落实计划生育特别扶助待遇', '信访人反映其符合计划生育特别扶助条件，但申请后未获批准，要求复核。'],
  ['反映职业病诊断时间过长', '信访人反映申请职业病诊断已两个多月未出结论，要求加快办理。'],
  ['反映医院停车难、排队时间长', '信访人反映某医院门诊排队时间过长、停车困难，建议改进就医流程。'],
  ['反映学校周边诊所违规开展输液', '信访人反映学校周边某诊所为学生输液，要求加强监管。'],
  ['要求公开对被投诉诊所的处理结果', '信访人此前投诉某诊所，要求告知处理结果和依据。'],
  ['反映某养老机构医务室不规范', '信访人反映其母亲所在养老机构医务室由无执业资格人员用药，要求核查。'],
];

const DISCLOSURE_TITLES = [
  '申请公开2024年度本市医疗机构卫生监督抽检结果', '申请公开对某诊所作出的行政处罚决定书', '申请公开2025年度公共场所卫生许可发放情况',
  '申请公开某医院放射诊疗许可的审批材料', '申请公开本市二次供水水质监测报告', '申请公开某小区附近诊所的医疗机构执业许可信息',
  '申请公开某养老机构内设医务室的备案材料', '申请公开2024年度部门预算执行情况', '申请公开对本人投诉事项的调查处理记录',
  '申请公开本市医疗美容机构名单', '申请公开职业病危害项目申报情况', '申请公开本市急救站点布局规划',
];

const DISCLOSURE_ANSWERS: Record<string, { reply: string; legalBasis: string }> = {
  disclosed: { reply: '经审查，您申请的信息属于公开范围，现予以提供（见附件）。', legalBasis: '' },
  partly_disclosed: { reply: '您申请的信息中可以公开的部分现予以提供，涉及个人信息的部分已作区分处理。', legalBasis: '《中华人民共和国政府信息公开条例》第十五条、第三十七条' },
  not_disclosed: { reply: '您申请的信息涉及第三方商业秘密，经书面征求第三方意见，第三方不同意公开，决定不予公开。', legalBasis: '《中华人民共和国政府信息公开条例》第十五条、第三十六条第三项' },
  not_held: { reply: '经检索，本机关未制作或获取您申请的政府信息。', legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第四项' },
  not_this_body: { reply: '您申请的信息不属于本机关负责公开，由嘉兴市市场监督管理局负责公开，已告知其联系方式。', legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第五项' },
};

const TREATMENTS = ['行拔牙术', '行阑尾切除术', '分娩', '行白内障手术', '输液治疗', '行双眼皮手术', '行膝关节置换术', '门诊就诊', '行胆囊切除术'];
const HARMS = ['出现感染', '出现神经损伤', '新生儿窒息', '视力下降', '出现过敏反应', '效果不满意', '出现并发症', '被延误诊断'];

const PROPOSAL_TITLES = [
  '关于加强基层医疗卫生人才队伍建设的建议', '关于推进医养结合高质量发展的建议', '关于加快普惠托育服务体系建设的提案', '关于规范医疗美容行业管理的建议',
  '关于提升公共场所卫生监管水平的建议', '关于加强中小学生近视防控工作的提案', '关于完善二次供水卫生管理的建议', '关于深化分级诊疗制度改革的提案',
  '关于加强职业病防治工作的建议', '关于优化12320卫生健康热线服务的建议', '关于加强院前急救体系建设的建议', '关于加快智慧医院建设的提案',
  '关于加强青少年心理健康服务的提案', '关于做实家庭医生签约服务的建议', '关于加强农村饮用水卫生安全的建议', '关于加强老年人健康管理的提案',
  '关于推进公立医院检查检验结果互认的建议', '关于完善医疗纠纷人民调解机制的提案', '关于加强基层中医药服务能力的建议', '关于加强传染病监测预警的提案',
  '关于推进母婴设施建设的建议', '关于加强游泳场所水质监管的提案', '关于提升社区卫生服务中心服务能力的建议', '关于加强药品和医用耗材集中采购监管的提案',
  '关于加强学校卫生监督的建议', '关于推动全民健身与全民健康融合的提案', '关于加强医疗机构安全生产管理的建议', '关于完善出生缺陷防治体系的提案',
  '关于扩大老年人免费体检项目的建议', '关于加强放射诊疗安全管理的提案',
];
const CO_UNITS = ['嘉兴市医疗保障局', '嘉兴市民政局', '嘉兴市教育局', '嘉兴市财政局', '嘉兴市人力资源和社会保障局'];

// ---------------------------------------------------------------------------------
// The seven kinds.

function hotline(c: Ctx): Draft[] {
  const { r } = c;
  const yesterday = addDays(c.today, -1);
  const days = Array.from({ length: HOTLINE_HISTORY }, () => between(c, START, yesterday)).sort();
  const out: Draft[] = [];
  for (const day of days) {
    const type = r.weighted(HOTLINE_WEIGHTS);
    const orgCode = r.weighted({ 'JX-WJW': 80, 'NH-WJJ': 10, 'XZ-WJJ': 10 });
    const received = instant(day, r.int(480, 1199), r.int(0, 59));
    const complaint = type === 'complaint_report';
    const entity = complaint && c.complained.length ? r.pick(c.complained) : null;
    const anonymous = complaint && r.next() < 0.15;
    let summary: string;
    let reply = '';
    if (complaint) {
      summary = (entity ? r.pick(COMPLAINTS[entity.category] ?? COMPLAINTS.other) : '举报{e}无证行医').replace('{e}', entity?.name ?? '某小区内一私人诊所');
    } else {
      [summary, reply] = r.pick(HOTLINE_TEXTS[type]);
    }
    const d = register(c, 'hotline', orgCode, received, 'hotline', {
      subtype: type, channel: r.weighted({ phone: 80, web: 9, app: 9, other: 2 }), contactName: anonymous ? null : caller(c),
      contactPhone: anonymous ? null : phone(c), anonymous, entityId: entity?.id ?? null, summary,
    });
    if (!complaint) {
      step(c, d, 'answer_on_spot', r.next() < 0.9 ? day : addDays(day, 1), 'hotline', { reply });
    } else {
      const handler = entity?.org_code ?? r.pick(['NH-JDS', 'XZ-JDS']);
      const inspector = handler === 'XZ-JDS' ? 'inspector3' : r.pick(['inspector1', 'inspector2']);
      const hour = Number(received.slice(11, 13));
      const routed = r.next() < 0.05 ? workdaysAfter(c, day, 2) : c.cal.isWorkday(day) && hour < 16 ? day : workdaysAfter(c, day, 1);
      const verifying = r.next() < 0.6 ? routed : workdaysAfter(c, routed, 1);
      const replied = workdaysAfter(c, verifying, r.next() < 0.08 ? r.int(5, 8) : r.int(1, 4));
      const finding = r.weighted({ substantiated: 45, partly: 25, unsubstantiated: 30 });
      const ok = step(c, d, 'route', routed, 'hotline', { handlerOrgId: c.org[handler], instruction: '请依法核查处理，并在规定时限内答复' })
        && step(c, d, 'start_verification', verifying, inspector)
        && step(c, d, 'reply', replied, inspector, { finding, reply: FINDING_REPLIES[finding] });
      if (ok && anonymous) step(c, d, 'close_without_callback', nextWorkday(c, addDays(replied, 1)), 'hotline', { reason: '匿名举报，未留联系方式，无法回访' });
      else if (ok) {
        const satisfaction = r.weighted({ satisfied: 76, basically_satisfied: 17, unsatisfied: 7 });
        step(c, d, 'callback', nextWorkday(c, addDays(replied, 1)), 'hotline', { satisfaction, note: satisfaction === 'unsatisfied' ? '来电人对处理结果不满意，已做解释' : '来电人对处理结果表示满意' });
      }
    }
    out.push(d);
  }
  // Complaints still open at the district institutes: routed; under verification; overdue; replied, the caller still to be called back.
  const open: [string, number, string[]][] = [['NH-JDS', 2, ['route']], ['XZ-JDS', 3, ['route', 'start_verification']],
    ['NH-JDS', 9, ['route', 'start_verification']], ['XZ-JDS', 5, ['route', 'start_verification', 'reply']]];
  for (const [handler, age, steps] of open) {
    const day = workdaysBefore(c, c.today, age);
    const entity = c.complained.find((e) => e.org_code === handler && e.category === 'public_place') ?? null;
    const d = register(c, 'hotline', 'JX-WJW', instant(day, r.int(540, 900), r.int(0, 59)), 'hotline', {
      subtype: 'complaint_report', channel: 'phone', contactName: caller(c), contactPhone: phone(c), anonymous: false, entityId: entity?.id ?? null,
      summary: r.pick(COMPLAINTS.public_place).replace('{e}', entity?.name ?? '某宾馆'),
    });
    const inspector = handler === 'XZ-JDS' ? 'inspector3' : 'inspector1';
    let on = day;
    for (const s of steps) {
      if (s === 'route') step(c, d, s, on, 'hotline', { handlerOrgId: c.org[handler], instruction: '请依法核查处理，并在规定时限内答复' });
      if (s === 'start_verification') step(c, d, s, on = workdaysAfter(c, on, 1), inspector);
      if (s === 'reply') step(c, d, s, on = workdaysAfter(c, on, 3), inspector, { finding: 'partly', reply: FINDING_REPLIES.partly });
    }
    out.push(d);
  }
  return out;
}

function petitions(c: Ctx): Draft[] {
  const { r } = c;
  const out: Draft[] = [];
  const topics = [...PETITION_TOPICS];
  const petition = (received: string, topic = r.pick(topics)) => register(c, 'petition', r.weighted({ 'JX-WJW': 8, 'NH-WJJ': 1, 'XZ-WJJ': 1 }), received, 'office', {
    channel: r.weighted({ visit: 3, letter: 2, online: 4, phone: 1, transferred: 2 }), contactName: personName(r), contactPhone: phone(c), contactAddress: address(c),
    title: topic[0], summary: topic[1], entityId: null, leaderId: c.users.leader.id,
  }, { receivedOn: received });
  const answer = (d: Draft, day: string) => step(c, d, 'answer', day, 'office', {
    reply: `经调查核实，现就您反映的“${d.row.title}”一事提出处理意见如下：……如不服本处理意见，可自收到本意见书之日起30日内向上一级行政机关请求复查。`,
  });
  const evaluate = (d: Draft, day: string) => step(c, d, 'evaluate', day, 'office', { satisfaction: r.weighted({ satisfied: 70, basically_satisfied: 22, unsatisfied: 8 }) });
  // History: twelve in 2025 (one not accepted, one answered late), eight in 2026 before go-live.
  const history = [
    ...Array.from({ length: 12 }, (_, i) => addDays('2025-01-06', Math.round(i * 28 + r.int(0, 20)))),
    ...Array.from({ length: 8 }, (_, i) => addDays('2026-01-05', Math.round(i * Math.max(1, daysBetween('2026-01-05', addDays(c.goLive, -75)) / 8) + r.int(0, 5)))),
  ];
  history.forEach((received, i) => {
    const d = petition(received);
    if (i === 4) step(c, d, 'not_accept', addDays(received, r.int(5, 12)), 'office', { reply: '您反映的事项已经或者依法应当通过诉讼途径解决，本机关不予受理，请依法向人民法院提起诉讼。' });
    else {
      const accepted = addDays(received, r.int(2, 10));
      if (step(c, d, 'accept', accepted, 'office', { acceptedOn: accepted })) {
        const answered = addDays(accepted, i === 7 ? 63 : r.int(20, 56));
        if (answer(d, answered) && r.next() < 0.85) evaluate(d, addDays(answered, r.int(3, 12)));
      }
    }
    out.push(d);
  });
  // Not accepted shortly before go-live (history). On the platform: two evaluated, one answered awaiting the petitioner's view, one
  // under review, one being handled.
  const t = (n: number) => addDays(c.today, -n);
  const a = petition(t(130));
  step(c, a, 'not_accept', t(124), 'office', { reply: '您反映的事项不属于本机关职权范围，请向嘉兴市市场监督管理局反映。' });
  for (const [received, accept, answered, evaluated] of [[95, 90, 52, 46], [70, 67, 37, 32]]) {
    const d = petition(t(received));
    if (step(c, d, 'accept', t(accept), 'office', { acceptedOn: t(accept) }) && answer(d, t(answered))) evaluate(d, t(evaluated));
    out.push(d);
  }
  const waiting = petition(t(60));
  if (step(c, waiting, 'accept', t(58), 'office', { acceptedOn: t(58) })) answer(waiting, t(8));
  const review = petition(t(75));
  if (step(c, review, 'accept', t(72), 'office', { acceptedOn: t(72) }) && answer(review, t(40))) {
    step(c, review, 'request_review', t(14), 'office', { note: '信访人认为处理意见未查明收费明细，请求复查。' });
  }
  const handling = petition(t(24));
  step(c, handling, 'accept', t(21), 'office', { acceptedOn: t(21) });
  out.push(a, waiting, review, handling);
  return out;
}

function disclosures(c: Ctx): Draft[] {
  const { r } = c;
  const titles = [...DISCLOSURE_TITLES];
  const request = (received: string) => register(c, 'disclosure', 'JX-WJW', instant(received, r.int(510, 1050)), 'office', {
    channel: r.weighted({ portal: 5, paper: 3, email: 2 }), contactName: personName(r), contactPhone: phone(c), contactEmail: null, contactAddress: address(c),
    title: titles.splice(r.int(0, titles.length - 1), 1)[0], summary: r.pick(['电子邮件', '邮寄纸质文本', '当面领取']),
  }, { receivedOn: received });
  const answer = (d: Draft, day: string, type: string) => step(c, d, 'answer', day, 'office', { answerType: type, ...DISCLOSURE_ANSWERS[type] });
  const out: Draft[] = [];
  const types = ['disclosed', 'not_held', 'disclosed', 'partly_disclosed', 'not_this_body', 'disclosed', 'not_disclosed', 'disclosed', 'not_held'];
  const received = [...Array.from({ length: 5 }, () => between(c, '2025-01-06', '2025-12-10')), ...Array.from({ length: 4 }, () => between(c, '2026-01-05', addDays(c.goLive, -50)))].sort();
  types.forEach((type, i) => {
    const day = nextWorkday(c, received[i]);
    const d = request(day);
    if (i === 3) {
      // The one extended: the office asks, the leader approves 20 more working days before the first 20 run out.
      if (step(c, d, 'request_extension', workdaysAfter(c, day, 15), 'office', { reason: '申请公开的信息数量较多，需要调取多个年度的档案材料' })
        && step(c, d, 'approve_extension', workdaysAfter(c, day, 16), 'leader')) answer(d, workdaysAfter(c, day, 27), type);
    } else answer(d, workdaysAfter(c, day, r.int(5, 17)), type);
    out.push(d);
  });
  // On the platform: one corrected then answered, one answered after the third party's view.
  const corrected = request(workdaysBefore(c, c.today, 40));
  const asked = workdaysAfter(c, corrected.row.received_on, 2);
  const back = workdaysAfter(c, asked, 5);
  if (step(c, corrected, 'request_correction', asked, 'office', { notice: '请补充所需信息的名称、文号或者便于查询的其他特征，并提供身份证明复印件，请于15个工作日内补正。' })
    && step(c, corrected, 'corrected', back, 'office', { correctedOn: back })) answer(corrected, workdaysAfter(c, back, 12), 'disclosed');
  const consulted = request(workdaysBefore(c, c.today, 30));
  if (step(c, consulted, 'consult_third_party', workdaysAfter(c, consulted.row.received_on, 4), 'office', { thirdParty: '嘉兴市禾城医院有限公司' })
    && step(c, consulted, 'third_party_replied', workdaysAfter(c, consulted.row.received_on, 11), 'office', { opinion: '同意公开许可审批结论，不同意公开设备采购合同等商业信息。' })) {
    answer(consulted, workdaysAfter(c, consulted.row.received_on, 17), 'partly_disclosed');
  }
  out.push(corrected, consulted);
  return out;
}

function mediations(c: Ctx): Draft[] {
  const { r } = c;
  const dispute = (received: string, subtype = 'people') => {
    const e = c.medical.length ? r.pick(c.medical) : null;
    return register(c, 'mediation', r.weighted({ 'JX-WJW': 6, 'NH-WJJ': 2, 'XZ-WJJ': 2 }), instant(received, r.int(510, 1050)), 'mediator', {
      subtype, contactName: personName(r), contactPhone: phone(c), entityId: e?.id ?? null,
      title: `患者在${e?.name ?? '某医院'}${r.pick(TREATMENTS)}后${r.pick(HARMS)}`,
      summary: `患方认为医方在诊疗过程中存在过错，要求赔偿医疗费、误工费、护理费等共计${r.int(3, 60)}万元。`,
    }, { receivedOn: received });
  };
  const accept = (d: Draft, day: string) => step(c, d, 'accept', day, 'mediator', { acceptedOn: day });
  /** Ends a dispute: before acceptance by explanation or referral, after it by agreement or termination. */
  const end = (d: Draft, outcome: string, day: string) => {
    if (outcome === 'withdrawn_after_explanation') return step(c, d, 'explain_withdrawn', day, 'mediator', { reply: '经调解员解释诊疗经过和有关规定，患方表示理解，不再要求调解。' });
    if (outcome === 'referred') return step(c, d, 'refer', day, 'mediator', { reply: '患方要求先行医疗损害鉴定后诉讼，已告知诉讼途径和鉴定程序。' });
    if (outcome === 'terminated') return step(c, d, 'terminate', day, 'mediator', { reason: '双方对赔偿金额分歧较大，患方表示将通过诉讼解决。' });
    const amount = r.int(8, 260) * 1000;
    return step(c, d, 'agreement', day, 'mediator', { reply: `医方一次性补偿患方人民币${amount}元，患方不再就此事主张其他权利。`, amount });
  };
  // History: 32 disputes with every outcome, in random order.
  const outcomes = [...Array(8).fill('withdrawn_after_explanation'), ...Array(15).fill('agreement'), ...Array(5).fill('terminated'), ...Array(4).fill('referred')] as string[];
  const reported = outcomes.map(() => between(c, '2025-01-06', addDays(c.goLive, -60))).sort();
  const out: Draft[] = reported.map((day) => {
    const outcome = outcomes.splice(r.int(0, outcomes.length - 1), 1)[0];
    const d = dispute(day);
    if (outcome === 'withdrawn_after_explanation' || outcome === 'referred') end(d, outcome, addDays(day, r.int(1, 6)));
    else {
      const accepted = addDays(day, r.int(1, 4));
      if (accept(d, accepted)) end(d, outcome, workdaysAfter(c, accepted, outcome === 'terminated' ? r.int(20, 30) : r.int(8, 28)));
    }
    return d;
  });
  // On the platform (days before today): two agreements, one after an extension the parties agreed, one after an appraisal; an
  // explanation; an administrative mediation ended; two open.
  const t = (n: number) => addDays(c.today, -n);
  const one = dispute(t(85));
  if (accept(one, t(83)) && step(c, one, 'extend', workdaysAfter(c, t(83), 26), 'mediator', { amount: 10, reason: '患方需待伤情稳定后评估损失，医患双方书面同意延长调解期限10个工作日' })) {
    end(one, 'agreement', workdaysAfter(c, t(83), 33));
  }
  const appraised = dispute(t(90));
  if (accept(appraised, t(87)) && step(c, appraised, 'start_appraisal', t(80), 'mediator', { appraiser: '嘉兴市医学会：医疗损害责任技术鉴定' })
    && step(c, appraised, 'appraisal_done', t(52), 'mediator', { conclusion: '医方存在过错，与损害后果之间存在次要因果关系。' })) {
    end(appraised, 'agreement', workdaysAfter(c, t(52), 8));
  }
  const explained = dispute(t(50));
  end(explained, 'withdrawn_after_explanation', t(47));
  const administrative = dispute(t(70), 'administrative');
  const acceptedOn = workdaysAfter(c, t(70), 3);
  if (accept(administrative, acceptedOn)) end(administrative, 'terminated', workdaysAfter(c, acceptedOn, 22));
  const open = dispute(t(32));
  accept(open, t(30));
  const appraisal = dispute(t(40));
  if (accept(appraisal, t(37))) step(c, appraisal, 'start_appraisal', t(20), 'mediator', { appraiser: '浙江省医学会：医疗损害鉴定' });
  out.push(one, appraised, explained, administrative, open, appraisal);
  return out;
}

function reconsiderations(c: Ctx): Draft[] {
  const { r } = c;
  const appeal = (received: string, title: string, applicant: string) => register(c, 'reconsideration', 'JX-WJW', instant(received, r.int(510, 1050)), 'legal', {
    subtype: 'normal', receivedOn: received, contactName: applicant, body: '嘉兴市人民政府', title, caseId: null,
    summary: '申请人认为被申请人认定事实不清、适用依据错误，请求撤销该行政行为。',
  });
  const answer = (d: Draft, day: string) => step(c, d, 'answer', day, 'legal', {
    reply: '被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当，请求复议机关依法予以维持。', evidence: '调查笔录、现场检查笔录、照片、送达回证等证据材料及法律依据', answeredOn: day });
  const decide = (d: Draft, day: string, outcome: string, note: string) => step(c, d, 'record_decision', day, 'legal', { outcome, decidedOn: day, note })
    && step(c, d, 'close', addDays(day, 3), 'legal', { note: outcome === 'upheld' ? '复议决定维持，已归档。' : '申请人撤回复议申请，复议终止，已归档。' });
  const upheld = appeal('2025-04-14', '不服嘉卫罚〔2025〕8号行政处罚决定（警告并处罚款）', '嘉兴市悦来宾馆有限公司');
  if (answer(upheld, workdaysAfter(c, '2025-04-14', 7))) decide(upheld, '2025-06-05', 'upheld', '复议机关决定维持原行政处罚决定。');
  const withdrawn = appeal('2025-10-20', '不服本机关对其投诉作出的处理答复', personName(r));
  if (answer(withdrawn, workdaysAfter(c, '2025-10-20', 8))) decide(withdrawn, '2025-11-14', 'withdrawn', '申请人撤回复议申请。');
  const received = workdaysBefore(c, c.today, 50);
  const recent = appeal(received, '不服本机关作出的不予公开政府信息答复', personName(r));
  if (answer(recent, workdaysAfter(c, received, 6))) decide(recent, addDays(received, 35), 'withdrawn', '经复议机关调解，申请人撤回复议申请。');
  return [upheld, withdrawn, recent];
}

function litigation(c: Ctx): Draft[] {
  const d = register(c, 'litigation', 'JX-WJW', instant('2025-06-09', 600), 'legal', {
    receivedOn: '2025-06-09', contactName: '嘉兴市百川口腔门诊部有限公司', court: '嘉兴市南湖区人民法院', title: '嘉卫罚〔2025〕15号行政处罚决定（罚款并没收违法所得）',
    caseId: null, summary: '原告请求撤销被告作出的行政处罚决定。',
  });
  if (step(c, d, 'answer', '2025-06-19', 'legal', { reply: '被告作出的行政处罚决定事实清楚、证据充分、程序合法，请求驳回原告的诉讼请求。', answeredOn: '2025-06-19' })
    && step(c, d, 'record_hearing', '2025-08-12', 'legal', { hearingOn: '2025-08-12', headAppeared: true, appearedBy: '沈建国（主任）' })
    && step(c, d, 'record_judgment', '2025-09-18', 'legal', { outcome: 'won', rulingKind: 'judgment', servedOn: '2025-09-18' })) {
    step(c, d, 'close', '2025-10-10', 'legal', { note: '原告在上诉期内未上诉，一审判决已生效，原告已履行处罚决定。' });
  }
  return [d];
}

function proposals(c: Ctx): Draft[] {
  const { r } = c;
  const titles = [...PROPOSAL_TITLES];
  const out: Draft[] = [];
  const roles: [string, string, number][] = [['npc', 'lead', 5], ['npc', 'co', 3], ['cppcc', 'lead', 4], ['cppcc', 'co', 2]];
  for (const assigned of ['2025-03-14', '2026-03-13']) {
    let k = 0;
    for (const [subtype, role, n] of roles) {
      for (let i = 0; i < n; i++, k++) {
        const day = k < 12 ? assigned : addDays(assigned, 6);
        const d = register(c, 'proposal', r.weighted({ 'JX-WJW': 8, 'NH-WJJ': 1, 'XZ-WJJ': 1 }), instant(day, r.int(540, 1000)), 'office', {
          subtype, role, receivedOn: day, contactName: `${personName(r)}${subtype === 'npc' ? '代表' : '委员'}`, title: titles.splice(r.int(0, titles.length - 1), 1)[0],
          complex: false, coUnits: [], summary: null,
        });
        const answered = addDays(day, role === 'lead' ? r.int(45, 85) : r.int(15, 28));
        if (step(c, d, 'answer', answered, 'office', { reply: role === 'lead' ? '感谢您对卫生健康工作的关心。经认真研究，现将办理情况答复如下：……' : '协办意见：我局同意主办单位的办理意见，并将在职责范围内予以配合。', answeredOn: answered })
          && (assigned === '2025-03-14' || k % 7 !== 0)) {
          step(c, d, 'evaluate', addDays(answered, r.int(10, 30)), 'office', {
            grade: r.weighted(role === 'lead' ? { A: 6, B: 3, C: 1 } : { A: 5, B: 4, C: 1 }), satisfaction: r.weighted({ satisfied: 85, basically_satisfied: 15 }),
          });
        }
        out.push(d);
      }
    }
  }
  // A proposal assigned after the session, co-handled, answered and awaiting the member's evaluation.
  const day = addDays(c.today, -80);
  const late = register(c, 'proposal', 'JX-WJW', instant(day, 600), 'office', {
    subtype: 'cppcc', role: 'co', receivedOn: day, contactName: `${personName(r)}委员`, title: titles[0], complex: false, coUnits: [], summary: null,
  });
  step(c, late, 'answer', addDays(day, 24), 'office', { reply: '协办意见：我委同意主办单位的办理意见，将做好卫生健康方面的配合工作。' });
  out.push(late);
  return out;
}

// ---------------------------------------------------------------------------------
// Writing: imports for history, multi-row inserts for platform matters.

type Cells = Record<string, string | null | boolean | undefined>;

/** A concluded draft as its dataset's row (data-exchange.md columns). */
function datasetRow(d: Draft): { dataset: string; cells: Cells } {
  const m = d.row;
  const base = { org_code: d.orgCode };
  switch (d.kind) {
    case 'hotline': return { dataset: 'hotline_calls', cells: { ...base, record_no: d.matterNo, received_at: d.receivedAt, type: m.subtype, channel: m.channel, concluded_on: m.concluded_on, summary: m.summary } };
    case 'petition': return { dataset: 'petitions', cells: { ...base, petition_no: d.matterNo, received_on: m.received_on, accepted_on: m.accepted_on, concluded_on: m.concluded_on, satisfaction: m.satisfaction } };
    case 'mediation': return { dataset: 'mediation_cases', cells: { ...base, case_no: d.matterNo, reported_on: m.received_on, accepted_on: m.accepted_on, concluded_on: m.concluded_on, outcome: m.outcome ?? 'pending' } };
    case 'reconsideration': return { dataset: 'reconsideration_cases', cells: { ...base, case_no: d.matterNo, received_on: m.received_on, concluded_on: m.concluded_on, outcome: m.outcome ?? 'pending' } };
    case 'litigation': return { dataset: 'litigation_cases', cells: { ...base, case_no: d.matterNo, filed_on: m.received_on, hearing_on: m.hearing_on, head_appeared: m.head_appeared === null ? null : m.head_appeared ? 'Y' : 'N', judged_on: m.concluded_on, judgment: m.outcome ?? 'pending' } };
    case 'proposal': return { dataset: 'proposals', cells: { ...base, proposal_no: d.matterNo, kind: m.subtype, role: m.role, assigned_on: m.received_on, answered_on: m.concluded_on, grade: m.grade } };
    case 'disclosure': return { dataset: 'disclosure_requests', cells: { ...base, request_no: d.matterNo, received_on: m.received_on, answered_on: m.concluded_on, answer_type: m.outcome, extended: m.extended ? 'Y' : 'N' } };
  }
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Imports the history of each dataset through the real import (one transaction each), as the seed actor with full scope. */
async function importHistory(db: Database, drafts: Draft[]): Promise<void> {
  const byDataset = new Map<string, Cells[]>();
  for (const d of drafts) {
    const { dataset, cells } = datasetRow(d);
    if (!byDataset.has(dataset)) byDataset.set(dataset, []);
    byDataset.get(dataset)!.push(cells);
  }
  for (const dataset of MATTER_DATASETS) {
    const rows = byDataset.get(dataset.name);
    if (!rows) continue;
    const columns = Object.keys(dataset.columns);
    const csv = [columns.join(','), ...rows.map((row) => columns.map((k) => csvCell(row[k])).join(','))].join('\n');
    const outcome = await runImport(db, {
      dataset, input: Readable.from([Buffer.from(csv)]), fileName: `${dataset.name}.csv`, actor: SEED_ACTOR, scope: { all: true, orgIds: new Set() },
    });
    if (!outcome.ok) throw new Error(`seed: ${dataset.name} import rejected: ${JSON.stringify(outcome.errors.slice(0, 5))}`);
  }
}

/** The old system's details of imported matters, in the columns the imports leave alone. */
async function addImportedDetails(tx: Queryable, drafts: Draft[]): Promise<void> {
  const rows = drafts.map((d) => ({
    kind: d.kind, matter_no: d.matterNo, title: d.row.title, contact_name: d.row.contact_name, contact_phone: d.row.contact_phone, contact_address: d.row.contact_address,
    anonymous: d.row.anonymous, entity_id: d.row.entity_id, handler_org_id: d.row.handler_org_id, leader_id: d.row.leader_id, reply: d.row.reply,
    extensions: d.row.extensions, details: d.row.details,
  }));
  await tx.query(
    `UPDATE matters m SET title = x.title, contact_name = x.contact_name, contact_phone = x.contact_phone, contact_address = x.contact_address, anonymous = x.anonymous,
            entity_id = x.entity_id, handler_org_id = x.handler_org_id, leader_id = x.leader_id, reply = x.reply, extensions = x.extensions, details = x.details
       FROM jsonb_populate_recordset(NULL::matters, $1::jsonb) x
      WHERE m.kind = x.kind AND m.matter_no = x.matter_no AND m.source = 'import'`, [JSON.stringify(rows)]);
}

const MATTER_COLUMNS = ['kind', 'matter_no', 'org_id', 'state', 'version', 'subtype', 'channel', 'role', 'title', 'summary', 'contact_name', 'contact_phone', 'contact_email',
  'contact_address', 'anonymous', 'entity_id', 'handler_org_id', 'leader_id', 'received_at', 'received_on', 'accepted_on', 'clock_start_on', 'due_on', 'concluded_on',
  'outcome', 'reply', 'satisfaction', 'extended', 'pauses', 'extensions', 'hearing_on', 'head_appeared', 'grade', 'details', 'source', 'created_by', 'created_at', 'updated_at'];

/** Matters worked on the platform, with their history. */
async function insertPlatformMatters(tx: Queryable, c: Ctx, drafts: Draft[]): Promise<void> {
  const userId = (u: string | null) => (u ? c.users[u].id : null);
  const rows = drafts.map((d) => {
    const { assignee_id: _a, case_id: _c, ...columns } = d.row;
    return {
      ...columns, kind: d.kind, matter_no: d.matterNo, org_id: c.org[d.orgCode], version: d.events.length, due_on: d.dueOn, source: 'platform',
      received_at: d.receivedAt ?? d.events[0].at, created_by: userId(d.events[0].user), created_at: d.events[0].at, updated_at: d.events.at(-1)!.at,
    };
  });
  const ids = await tx.query<{ id: number; kind: string; matter_no: string }>(
    `INSERT INTO matters (${MATTER_COLUMNS.join(', ')}) SELECT ${MATTER_COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::matters, $1::jsonb)
     RETURNING id, kind, matter_no`, [JSON.stringify(rows)]);
  const idOf = new Map(ids.map((x) => [`${x.kind}:${x.matter_no}`, x.id]));
  const events = drafts.flatMap((d) => d.events.map((e) => ({
    matter_id: idOf.get(`${d.kind}:${d.matterNo}`), step: e.step, from_state: e.from, to_state: e.to, input: e.input, user_id: userId(e.user), at: e.at,
  })));
  await tx.query(
    `INSERT INTO matter_events (matter_id, step, from_state, to_state, input, user_id, at)
     SELECT matter_id, step, from_state, to_state, input, user_id, at FROM jsonb_populate_recordset(NULL::matter_events, $1::jsonb) ORDER BY at, matter_id`,
    [JSON.stringify(events)]);
}

/** Numbers as registerMatter gives them (ORG-PREFIX-YEAR-00001), in order of receipt within each organisation, kind and year. */
function number(drafts: Draft[]): void {
  const sorted = [...drafts].sort((a, b) => (a.receivedAt ?? a.events[0].at).localeCompare(b.receivedAt ?? b.events[0].at));
  const next = new Map<string, number>();
  for (const d of sorted) {
    const prefix = `${d.orgCode}-${MATTER_SPECS[d.kind].numberPrefix}-${yearOf(d.row.received_on)}-`;
    const n = (next.get(prefix) ?? 0) + 1;
    next.set(prefix, n);
    d.matterNo = `${prefix}${pad(n, 5)}`;
  }
}

// ---------------------------------------------------------------------------------
// Today's work, through the service.

/** A demo user as the service sees a signed-in user (also for the licensing seed's window uploads). */
export async function demoUser(db: Queryable, username: string): Promise<AuthUser> {
  const u = (await db.one<{ id: number; display_name: string; org_id: number; code: string; name: string; scope_mode: ScopeMode; scope_org_ids: number[]; roles: string[]; permissions: string[] }>(
    `SELECT u.id, u.display_name, u.org_id, o.code, o.name, u.scope_mode, u.scope_org_ids,
            (SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = u.id) AS roles,
            (SELECT array_agg(DISTINCT p) FROM user_roles ur JOIN roles r ON r.code = ur.role_code, unnest(r.permissions) AS p WHERE ur.user_id = u.id) AS permissions
       FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.username = $1`, [username]))!;
  return {
    id: u.id, username, displayName: u.display_name, orgId: u.org_id, orgCode: u.code, orgName: u.name, roles: u.roles ?? [],
    permissions: new Set((u.permissions ?? []).filter(isPermission) as Permission[]), scope: await resolveScope(db, u.scope_mode, u.org_id, u.scope_org_ids ?? []),
    locale: 'zh-CN', sessionId: 'seed',
  };
}

async function seedTodaysWork(db: Database, calendar: CalendarService, c: Ctx): Promise<number> {
  const ctx = { db, calendar };
  const users = Object.fromEntries(await Promise.all(['hotline', 'office', 'mediator', 'legal', 'leader'].map(async (u) => [u, await demoUser(db, u)] as const)));
  const t = (n: number) => addDays(c.today, -n);
  let created = 0;
  /** Registers a matter and takes its steps; the history is dated on the days given (today's keep their time). */
  const run = async (kind: MatterKind, orgCode: string, user: string | null, day: string, fields: Record<string, unknown>, steps: [string, string, string, Record<string, unknown>][] = [], portal = false) => {
    const reg = await registerMatter(ctx, user ? users[user] : null, SEED_ACTOR, kind, {
      orgId: c.org[orgCode], fields, source: portal ? 'portal' : 'platform', trackingCode: portal ? newTrackingCode() : null,
      receivedAt: day < c.today ? new Date(instant(day, 570)) : undefined,
    });
    let version = 1;
    for (const [stepId, , by, input] of steps) await takeMatterStep(ctx, users[by], SEED_ACTOR, kind, reg.id, stepId, { version: version++, input });
    const days = [day, ...steps.map((s) => s[1])];
    const events = await db.query<{ id: number }>('SELECT id FROM matter_events WHERE matter_id = $1 ORDER BY id', [reg.id]);
    for (const [i, e] of events.entries()) {
      if (days[i] < c.today) await db.query('UPDATE matter_events SET at = $2 WHERE id = $1', [e.id, instant(days[i], 570 + 30 * i)]);
    }
    created++;
    return reg.id;
  };
  const phoneOf = () => phone(c);
  // The hotline: a complaint routed to the Nanhu institute this morning; one filed anonymously on the portal, waiting to be routed.
  const target = c.complained.find((e) => e.org_code === 'NH-JDS');
  await run('hotline', 'JX-WJW', 'hotline', c.today, {
    subtype: 'complaint_report', channel: 'phone', contactName: caller(c), contactPhone: phoneOf(), anonymous: false, entityId: target?.id ?? null,
    summary: `反映${target?.name ?? '某游泳馆'}游泳池水质浑浊、有刺鼻气味`,
  }, [['route', c.today, 'hotline', { handlerOrgId: c.org['NH-JDS'], instruction: '请依法核查处理，并在规定时限内答复' }]]);
  await run('hotline', 'JX-WJW', null, c.today, {
    subtype: 'complaint_report', channel: 'web', anonymous: true, contactName: null, contactPhone: null, summary: '举报秀洲区新塍镇某小区内有人无证开展针灸和输液',
    entityName: '新塍镇某小区内无名诊所', entityAddress: '嘉兴市秀洲区新塍镇', title: '投诉举报：新塍镇某小区内无名诊所',
  }, [], true);
  // Petitions: one to accept (amber), one overdue (red), one extended today (the office asks, the leader approves), one due within days (amber).
  const petition = (received: string, topic: [string, string]) => ({
    channel: 'visit', contactName: personName(c.r), contactPhone: phoneOf(), contactAddress: address(c), title: topic[0], summary: topic[1], entityId: null, leaderId: c.users.leader.id, receivedOn: received,
  });
  /** How many days ago a clock of `amount` days must have started to fall due within the amber days (today to two days on). */
  const dueWithin = (from: number, to: number, amount: number) => {
    for (let n = from; n <= to; n++) {
      const { due } = computeDue(c.cal, { start: t(n), amount, unit: 'day' });
      if (due >= c.today && due <= addDays(c.today, 2)) return n;
    }
    return from;
  };
  const toAccept = dueWithin(13, 16, 15);
  await run('petition', 'JX-WJW', 'office', t(toAccept), petition(t(toAccept), PETITION_TOPICS[0]));
  await run('petition', 'JX-WJW', 'office', t(70), petition(t(70), PETITION_TOPICS[2]), [['accept', t(67), 'office', { acceptedOn: t(67) }]]);
  await run('petition', 'NH-WJJ', 'office', t(60), petition(t(60), PETITION_TOPICS[7]), [
    ['accept', t(57), 'office', { acceptedOn: t(57) }], ['request_extension', c.today, 'office', { reason: '需等待职业病诊断机构出具诊断结论' }],
    ['approve_extension', c.today, 'leader', {}]]);
  const amber = dueWithin(58, 61, 60);
  await run('petition', 'JX-WJW', 'office', t(amber + 2), petition(t(amber + 2), PETITION_TOPICS[10]), [['accept', t(amber), 'office', { acceptedOn: t(amber) }]]);
  // A disclosure request filed on the portal today.
  await run('disclosure', 'JX-WJW', null, c.today, {
    channel: 'portal', contactName: personName(c.r), contactPhone: phoneOf(), contactEmail: null, contactAddress: address(c), title: '申请公开2026年度本市公共场所卫生监督抽检计划', summary: '电子邮件',
  }, [], true);
  // Mediation: a dispute reported yesterday, one accepted this week.
  const medical = (n: number) => c.medical[n % Math.max(1, c.medical.length)];
  await run('mediation', 'JX-WJW', 'mediator', t(1), {
    subtype: 'people', contactName: personName(c.r), contactPhone: phoneOf(), entityId: medical(1)?.id ?? null, title: `患者在${medical(1)?.name ?? '某医院'}行胆囊切除术后出现并发症`,
    summary: '患方认为医方术前告知不充分、术后观察不及时，要求赔偿医疗费、误工费等共计18万元。', receivedOn: t(1),
  });
  await run('mediation', 'NH-WJJ', 'mediator', t(6), {
    subtype: 'people', contactName: personName(c.r), contactPhone: phoneOf(), entityId: medical(2)?.id ?? null, title: `患者在${medical(2)?.name ?? '某诊所'}行拔牙术后出现神经损伤`,
    summary: '患方认为拔牙操作不当造成下唇麻木，要求赔偿6万元。', receivedOn: t(6),
  }, [['accept', t(4), 'mediator', { acceptedOn: t(4) }]]);
  // Reconsideration pending: the copy received six working days ago, the answer due within ten.
  const copy = workdaysBefore(c, c.today, 6);
  await run('reconsideration', 'JX-WJW', 'legal', copy, {
    subtype: 'normal', receivedOn: copy, contactName: '嘉兴市月河足浴店', body: '嘉兴市人民政府', title: '不服嘉卫罚〔2026〕21号行政处罚决定（罚款）', caseId: null,
    summary: '申请人认为其已取得从业人员健康合格证明，处罚认定事实错误，请求撤销。',
  });
  // A suit heard last week, the head of the commission in court, judgment awaited.
  await run('litigation', 'JX-WJW', 'legal', t(45), {
    receivedOn: t(45), contactName: '嘉兴市鸿运美容美发有限公司', court: '嘉兴市南湖区人民法院', title: '嘉卫罚〔2026〕9号行政处罚决定（警告并罚款）', caseId: null,
    summary: '原告请求撤销被告作出的行政处罚决定。',
  }, [
    ['answer', t(33), 'legal', { reply: '被告作出的行政处罚决定事实清楚、证据充分、程序合法，请求驳回原告的诉讼请求。', answeredOn: t(33) }],
    ['record_hearing', t(6), 'legal', { hearingOn: t(6), headAppeared: true, appearedBy: '沈建国（主任）' }],
  ]);
  // An NPC suggestion assigned between sessions, the lead unit waiting for one co-handler's view.
  await run('proposal', 'JX-WJW', 'office', t(40), {
    subtype: 'npc', role: 'lead', receivedOn: t(40), contactName: '周明华代表', title: '关于将更多慢性病用药纳入家庭医生长处方的建议', complex: false,
    coUnits: ['嘉兴市医疗保障局', '嘉兴市市场监督管理局'], summary: '建议扩大家庭医生长处方药品目录，方便慢性病患者就近取药。',
  }, [['record_co_opinion', t(12), 'office', { unit: '嘉兴市医疗保障局', opinion: '我局支持将符合条件的慢性病用药纳入长处方管理，并将同步完善医保支付政策。' }]]);
  return created;
}

// ---------------------------------------------------------------------------------

export async function seedMatters(db: Database, calendar: CalendarService): Promise<void> {
  const today = todayInChina();
  const [y, m] = today.split('-').map(Number);
  const goLiveMonth = y * 12 + (m - 1) - 3;
  const orgs = await db.query<{ id: number; code: string }>('SELECT id, code FROM organizations');
  const users = await db.query<{ id: number; username: string; display_name: string }>('SELECT id, username, display_name FROM users');
  const entities = await db.query<Entity>(
    `SELECT e.id, e.name, e.category, e.address, o.code AS org_code FROM entities e JOIN organizations o ON o.id = e.org_id ORDER BY e.id`);
  const c: Ctx = {
    r: new Rng(12320), cal: await calendar.current(), today, goLive: `${Math.floor(goLiveMonth / 12)}-${pad((goLiveMonth % 12) + 1)}-01`,
    org: Object.fromEntries(orgs.map((o) => [o.code, o.id])),
    users: Object.fromEntries(users.map((u) => [u.username, { id: u.id, name: u.display_name }])),
    // A few dozen entities draw the complaints, so repeated complaints about one entity show linked.
    complained: entities.filter((e) => e.org_code === 'NH-JDS' || e.org_code === 'XZ-JDS').slice(0, 250),
    medical: entities.filter((e) => e.category === 'medical_institution'),
  };
  if (!c.org['JX-WJW'] || !c.users.leader) return;

  const drafts = [...hotline(c), ...petitions(c), ...disclosures(c), ...mediations(c), ...reconsiderations(c), ...litigation(c), ...proposals(c)];
  number(drafts);
  const imported = drafts.filter((d) => d.row.concluded_on !== null && d.row.concluded_on < c.goLive);
  const platform = drafts.filter((d) => !imported.includes(d));
  await importHistory(db, imported);
  await db.transaction(async (tx) => {
    await addImportedDetails(tx, imported);
    await insertPlatformMatters(tx, c, platform);
    // A review requested on the platform went up to the body one level above (takeMatterStep does so from now on).
    for (const r of await tx.query<{ id: number; org_id: number }>(`SELECT id, org_id FROM matters WHERE kind = 'petition' AND state = 'review_requested' AND source = 'platform'`)) {
      const body = await higherBodyOf(tx, r.org_id);
      await tx.query(`UPDATE matters SET review_org_id = $2, details = details || jsonb_build_object('reviewOrgName', $3::text) WHERE id = $1`, [r.id, body?.id ?? null, body?.name ?? null]);
    }
    // Repeated complaints about one entity: each linked to the one before (registerMatter does so from now on).
    await tx.query(
      `UPDATE matters m SET repeat_of_id = p.previous
         FROM (SELECT id, lag(id) OVER (PARTITION BY entity_id ORDER BY received_on, id) AS previous
                 FROM matters WHERE kind = 'hotline' AND subtype = 'complaint_report' AND entity_id IS NOT NULL) p
        WHERE m.id = p.id AND p.previous IS NOT NULL`);
    const suit = await tx.one<{ id: number }>("SELECT id FROM matters WHERE kind = 'litigation' ORDER BY received_on LIMIT 1");
    await tx.query(
      `INSERT INTO oversight_suggestions (org_id, kind, issuer, matter_id, received_on, due_on, summary, answered_on, answer) VALUES
         ($1, 'judicial', '嘉兴市南湖区人民法院', $3, '2025-10-15', '2025-12-15', '关于规范口腔诊疗机构行政处罚证据固定工作的司法建议', '2025-11-28',
          '已组织全市卫生监督机构开展执法证据规范专题培训，修订现场检查笔录和证据先行登记保存文书样式。'),
         ($2, 'procuratorial', '嘉兴市南湖区人民检察院', NULL, $4, $5, '关于加强医疗美容机构执业监管的检察建议', NULL, NULL)`,
      [c.org['JX-WJW'], c.org['NH-WJJ'], suit?.id ?? null, addDays(today, -40), addDays(addDays(today, -40), 60)]);
    await recordAudit(tx, SEED_ACTOR, {
      action: 'seed.matters', objectType: 'matter', after: { imported: imported.length, platform: platform.length, oversightSuggestions: 2 },
    });
  });
  await seedTodaysWork(db, calendar, c);
}
