// The demo commission's registers (issue 7) for last year and this year up to today:
// proactive publications on the website, Weibo, WeChat and the disclosure catalogue (a
// few hundred), trainings and law study (about twenty a year: the Party group's
// collective law study each quarter, a constitutional oath, expert lectures, inspectors'
// training), law-popularisation activities (about thirty a year: 12·4 Constitution Day,
// the Civil Code month, lectures, media, legal services) and each year's "谁执法谁普法"
// responsibility list (ten duties, last year's all done, this year's done when due).
// Last year's stand as history brought from spreadsheets (source 'import'), this year's
// as registered on the platform. Numbers come from the registers' own sequences (GK-, PX-, PF-), so a
// record registered next continues them. Deterministic (seeded random).
import type { Database, Queryable } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recordAudit } from '../platform/audit/audit';
import { addDays, daysBetween, todayInChina, yearOf } from '../core/calendar/dates';
import { Rng } from './random';

const SEED_ACTOR = SYSTEM_ACTOR('seed');

const UNITS = ['JX-WJW', 'JX-JDS', 'JX-ZCFG', 'JX-BGS', 'NH-WJJ', 'NH-JDS', 'XZ-WJJ', 'XZ-JDS'] as const;
const SHORT: Record<string, string> = {
  'JX-WJW': '市卫生健康委', 'JX-JDS': '市卫生监督所', 'JX-ZCFG': '政策法规处', 'JX-BGS': '委办公室',
  'NH-WJJ': '南湖区卫生健康局', 'NH-JDS': '南湖区卫生监督所', 'XZ-WJJ': '秀洲区卫生健康局', 'XZ-JDS': '秀洲区卫生监督所',
};

/** Publications a year per channel (the website carries most; the catalogue holds the formal documents). */
const PUBLICATIONS_PER_YEAR = { website: 120, wechat: 60, weibo: 35, catalogue: 45, other: 8 } as const;
const PUBLICATION_TITLES: Record<keyof typeof PUBLICATIONS_PER_YEAR, string[]> = {
  website: ['关于公布{y}年度“双随机、一公开”抽查计划的通知', '{y}年第{n}批行政处罚结果公示', '关于开展公共场所卫生专项监督检查的通告',
    '{y}年第{n}期卫生健康行政许可办理结果公示', '关于进一步加强医疗机构依法执业管理的通知', '生活饮用水卫生监督监测结果公示（第{n}期）',
    '关于公布卫生健康行政权力事项清单的通知', '医疗废物管理专项整治工作情况通报'],
  wechat: ['夏季游泳场所卫生提示', '一图读懂《基本医疗卫生与健康促进法》', '“12320”热线答问：健康证怎么办', '预防一氧化碳中毒健康提示',
    '依法执业，这些红线不能碰', '民法典里的健康权'],
  weibo: ['【卫监在行动】集中空调通风系统卫生监督检查', '【普法小课堂】医疗美容要选正规机构', '【提示】学校传染病防控要点',
    '【执法动态】查处一起非法行医案件'],
  catalogue: ['{u}{y}年法治政府建设工作要点', '{u}关于印发行政执法公示制度实施办法的通知', '{u}{y}年政府信息公开工作年度报告',
    '{u}关于调整行政处罚裁量基准的通知', '{u}重大行政执法决定法制审核目录清单'],
  other: ['新闻发布会：{y}年卫生健康执法工作情况', '《嘉兴日报》专版：卫生健康法治建设成效'],
};

interface Training { kind: 'training' | 'law_study' | 'constitution_oath' | 'expert_lecture'; unit: string; month: number; title: string; participants: [number, number] }
const TRAININGS: Training[] = [
  ...[2, 5, 8, 11].map((month, i): Training => ({ kind: 'law_study', unit: 'JX-WJW', month, participants: [16, 22],
    title: ['党组理论学习中心组集体学法：学习习近平法治思想', '党组理论学习中心组集体学法：《中华人民共和国基本医疗卫生与健康促进法》',
      '党组理论学习中心组集体学法：《中华人民共和国行政处罚法》', '党组理论学习中心组集体学法：《中华人民共和国医师法》'][i] })),
  { kind: 'law_study', unit: 'NH-WJJ', month: 4, title: '局党组会前学法：《医疗纠纷预防和处理条例》', participants: [10, 14] },
  { kind: 'law_study', unit: 'XZ-WJJ', month: 6, title: '局党组会前学法：《突发公共卫生事件应急条例》', participants: [9, 13] },
  { kind: 'constitution_oath', unit: 'JX-WJW', month: 3, title: '新任职领导干部宪法宣誓仪式', participants: [6, 12] },
  { kind: 'constitution_oath', unit: 'NH-WJJ', month: 12, title: '国家宪法日宪法宣誓活动', participants: [20, 35] },
  { kind: 'expert_lecture', unit: 'JX-WJW', month: 6, title: '专家讲座：行政复议法修订要点解读', participants: [60, 90] },
  { kind: 'expert_lecture', unit: 'JX-JDS', month: 9, title: '专家讲座：卫生行政执法证据收集与固定', participants: [50, 80] },
  { kind: 'expert_lecture', unit: 'XZ-JDS', month: 10, title: '专家讲座：医疗美容监管法律适用', participants: [30, 50] },
  { kind: 'training', unit: 'JX-JDS', month: 3, title: '全市卫生监督员执法能力培训班', participants: [80, 120] },
  { kind: 'training', unit: 'JX-JDS', month: 7, title: '行政执法“三项制度”专题培训', participants: [70, 100] },
  { kind: 'training', unit: 'NH-JDS', month: 4, title: '南湖区公共场所卫生监督业务培训', participants: [25, 40] },
  { kind: 'training', unit: 'XZ-JDS', month: 5, title: '秀洲区职业卫生监督执法培训', participants: [20, 35] },
  { kind: 'training', unit: 'JX-ZCFG', month: 8, title: '合法性审查和规范性文件制定培训', participants: [30, 45] },
  { kind: 'training', unit: 'JX-ZCFG', month: 11, title: '新录用执法人员岗前法律知识培训', participants: [12, 20] },
  { kind: 'training', unit: 'NH-JDS', month: 9, title: '医疗机构依法执业自查培训会', participants: [90, 150] },
  { kind: 'training', unit: 'XZ-JDS', month: 11, title: '学校卫生监督业务培训', participants: [25, 40] },
  { kind: 'training', unit: 'JX-BGS', month: 10, title: '政务公开和政府信息公开业务培训', participants: [30, 50] },
];

interface Activity { kind: 'campaign' | 'quiz' | 'lecture' | 'media' | 'service'; unit: string; month: number; day?: number; title: string; participants: [number, number] }
const ACTIVITIES: Activity[] = [
  { kind: 'campaign', unit: 'JX-WJW', month: 12, day: 4, title: '“12·4”国家宪法日暨宪法宣传周卫生健康专场', participants: [800, 1500] },
  { kind: 'campaign', unit: 'NH-WJJ', month: 12, day: 4, title: '南湖区“宪法进医院”宣传活动', participants: [300, 600] },
  { kind: 'campaign', unit: 'XZ-WJJ', month: 12, day: 5, title: '秀洲区宪法宣传周集中宣传', participants: [300, 600] },
  { kind: 'campaign', unit: 'JX-WJW', month: 5, day: 20, title: '“美好生活·民法典相伴”主题宣传月活动', participants: [600, 1200] },
  { kind: 'campaign', unit: 'JX-JDS', month: 4, day: 15, title: '全民国家安全教育日生物安全法宣传', participants: [200, 400] },
  { kind: 'campaign', unit: 'NH-JDS', month: 7, title: '游泳场所卫生法规宣传进场馆', participants: [150, 300] },
  { kind: 'campaign', unit: 'XZ-JDS', month: 9, title: '开学季学校卫生法规宣传', participants: [400, 800] },
  { kind: 'campaign', unit: 'JX-WJW', month: 3, day: 24, title: '世界防治结核病日传染病防治法宣传', participants: [200, 500] },
  { kind: 'campaign', unit: 'NH-WJJ', month: 4, day: 25, title: '《职业病防治法》宣传周活动', participants: [200, 400] },
  { kind: 'quiz', unit: 'JX-WJW', month: 11, title: '卫生健康系统法律知识竞赛（线下）', participants: [120, 200] },
  { kind: 'quiz', unit: 'NH-WJJ', month: 6, title: '南湖区医务人员法律知识有奖问答', participants: [300, 500] },
  { kind: 'lecture', unit: 'JX-ZCFG', month: 3, title: '法治讲座进机关：行政执法常见问题', participants: [60, 100] },
  { kind: 'lecture', unit: 'NH-JDS', month: 5, title: '法治讲座进医院：医疗纠纷预防与处理', participants: [80, 150] },
  { kind: 'lecture', unit: 'XZ-JDS', month: 6, title: '法治讲座进企业：职业病防治主体责任', participants: [50, 90] },
  { kind: 'lecture', unit: 'JX-JDS', month: 8, title: '法治讲座进社区：远离非法行医', participants: [60, 120] },
  { kind: 'lecture', unit: 'NH-WJJ', month: 10, title: '法治讲座进学校：传染病防控法律知识', participants: [200, 400] },
  { kind: 'lecture', unit: 'XZ-WJJ', month: 11, title: '法治讲座进养老机构：医养结合依法执业', participants: [40, 80] },
  { kind: 'media', unit: 'JX-WJW', month: 2, title: '“以案释法”典型案例系列发布（第一期）', participants: [3000, 8000] },
  { kind: 'media', unit: 'JX-WJW', month: 8, title: '“以案释法”典型案例系列发布（第二期）', participants: [3000, 8000] },
  { kind: 'media', unit: 'JX-JDS', month: 6, title: '广播专栏《卫监说法》', participants: [5000, 12000] },
  { kind: 'media', unit: 'NH-JDS', month: 9, title: '短视频：一分钟读懂医疗美容监管', participants: [2000, 6000] },
  { kind: 'media', unit: 'XZ-JDS', month: 7, title: '微信推送：夏季饮用水安全与法律责任', participants: [1500, 4000] },
  { kind: 'service', unit: 'NH-JDS', month: 3, title: '“送法上门”进诊所个体行医法律服务', participants: [40, 80] },
  { kind: 'service', unit: 'XZ-JDS', month: 4, title: '公共场所经营者法律咨询服务日', participants: [60, 120] },
  { kind: 'service', unit: 'JX-JDS', month: 10, title: '医疗机构依法执业法律服务专场', participants: [80, 150] },
  { kind: 'service', unit: 'JX-BGS', month: 6, title: '政务服务大厅法律咨询服务', participants: [100, 200] },
  { kind: 'service', unit: 'NH-WJJ', month: 8, title: '义诊暨法律咨询进乡村', participants: [150, 300] },
  { kind: 'service', unit: 'XZ-WJJ', month: 9, title: '“法律明白人”培训进村社', participants: [50, 100] },
  { kind: 'service', unit: 'JX-WJW', month: 1, title: '新年法治宣传进万家', participants: [300, 600] },
];

interface Duty { unit: string; duty: string; measure: string; target: string; month: number }
const DUTIES: Duty[] = [
  { unit: 'JX-WJW', duty: '组织党组理论学习中心组集体学法，全年不少于4次', measure: '每季度安排一次集体学法，领导干部带头讲法', target: '委领导班子成员', month: 12 },
  { unit: 'JX-WJW', duty: '开展“12·4”国家宪法日和宪法宣传周活动', measure: '集中宣传、宪法宣誓、线上知识竞赛', target: '系统干部职工和社会公众', month: 12 },
  { unit: 'JX-ZCFG', duty: '宣传《中华人民共和国基本医疗卫生与健康促进法》', measure: '专题解读、以案释法、发放宣传资料', target: '医疗卫生机构和社会公众', month: 6 },
  { unit: 'JX-ZCFG', duty: '组织执法人员年度法律知识培训和考试', measure: '集中培训不少于40学时，组织闭卷考试', target: '全市卫生健康执法人员', month: 10 },
  { unit: 'JX-JDS', duty: '落实“谁执法谁普法”，在执法过程中开展以案释法', measure: '每季度发布典型案例，执法检查同步普法', target: '行政相对人', month: 12 },
  { unit: 'JX-BGS', duty: '做好政府信息主动公开和政策解读', measure: '重要政策文件同步解读，公开目录及时更新', target: '社会公众', month: 12 },
  { unit: 'NH-WJJ', duty: '开展“民法典宣传月”活动', measure: '进医院、进社区宣讲，设立咨询台', target: '医务人员和辖区群众', month: 5 },
  { unit: 'NH-JDS', duty: '开展医疗机构依法执业专题普法', measure: '召开依法执业培训会，发放告知书', target: '辖区医疗机构', month: 9 },
  { unit: 'XZ-WJJ', duty: '开展职业病防治法宣传周活动', measure: '企业宣讲、职业健康咨询', target: '用人单位和劳动者', month: 4 },
  { unit: 'XZ-JDS', duty: '开展学校卫生和传染病防治法律宣传', measure: '开学季进校园宣传，发放防控指南', target: '辖区中小学校', month: 9 },
];

const lastDay = (year: number, month: number) => (month === 12 ? `${year}-12-31` : addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1));
const dayIn = (r: Rng, year: number, month: number, day?: number) => {
  const last = Number(lastDay(year, month).slice(8));
  return `${year}-${String(month).padStart(2, '0')}-${String(day ?? r.int(1, last)).padStart(2, '0')}`;
};

export async function seedRegisters(db: Database): Promise<void> {
  const r = new Rng(20260707);
  const today = todayInChina();
  const thisYear = yearOf(today);
  await db.transaction(async (tx) => {
    const org = Object.fromEntries((await tx.query<{ id: number; code: string }>('SELECT id, code FROM organizations')).map((o) => [o.code, o.id]));
    if (UNITS.some((u) => org[u] === undefined)) return;
    const counts = { publications: 0, trainings: 0, activities: 0, duties: 0 };
    for (const year of [thisYear - 1, thisYear]) {
      const source = year < thisYear ? 'import' : 'platform';
      const yearStart = `${year}-01-01`;
      const until = year < thisYear ? `${year}-12-31` : today;
      const span = daysBetween(yearStart, until) + 1;
      const share = span / (daysBetween(yearStart, `${year}-12-31`) + 1);

      // Publications: spread over the days elapsed, in date order so the numbers follow the dates.
      const pubs: { unit: string; day: string; channel: string; title: string }[] = [];
      for (const [channel, perYear] of Object.entries(PUBLICATIONS_PER_YEAR) as [keyof typeof PUBLICATIONS_PER_YEAR, number][]) {
        const n = Math.round(perYear * share);
        for (let k = 1; k <= n; k++) {
          const unit = channel === 'catalogue' ? r.pick(['JX-WJW', 'NH-WJJ', 'XZ-WJJ']) : r.pick(UNITS);
          const title = r.pick(PUBLICATION_TITLES[channel]).replace('{y}', String(year)).replace('{n}', String(k)).replace('{u}', SHORT[unit]);
          pubs.push({ unit, day: addDays(yearStart, r.int(0, span - 1)), channel, title });
        }
      }
      pubs.sort((a, b) => a.day.localeCompare(b.day));
      await insert(tx, 'publications', 'publication_no', 'published_on', 'channel', 'GK', year, source, pubs.map((p) => ({ ...p, type: p.channel, participants: null })), org);
      counts.publications += pubs.length;

      const trainings = TRAININGS.map((t) => ({ unit: t.unit, day: dayIn(r, year, t.month), type: t.kind, title: `${year}年${t.title}`, participants: r.int(...t.participants) }))
        .filter((t) => t.day <= until).sort((a, b) => a.day.localeCompare(b.day));
      await insert(tx, 'trainings', 'training_no', 'held_on', 'kind', 'PX', year, source, trainings, org);
      counts.trainings += trainings.length;

      const activities = ACTIVITIES.map((a) => ({ unit: a.unit, day: dayIn(r, year, a.month, a.day), type: a.kind, title: `${year}年${a.title}`, participants: r.int(...a.participants) }))
        .filter((a) => a.day <= until).sort((a, b) => a.day.localeCompare(b.day));
      await insert(tx, 'popularization_activities', 'activity_no', 'held_on', 'kind', 'PF', year, source, activities, org);
      counts.activities += activities.length;

      // The year's list: a duty is done some days before it falls due, when that day has come (this year one due in December stays open).
      for (const d of DUTIES) {
        const due = lastDay(year, d.month);
        const completed = addDays(due, -r.int(5, 25));
        const done = completed <= today && (year < thisYear || d.month < 12 || r.next() < 0.3);
        await tx.query(
          `INSERT INTO popularization_duties (org_id, year, duty, measure, target, due_on, completed_on, completion_note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [org[d.unit], year, d.duty, d.measure, d.target, due, done ? completed : null, done ? `已按计划完成：${d.measure}。` : null]);
        counts.duties++;
      }
    }
    await recordAudit(tx, SEED_ACTOR, { action: 'seed.registers', objectType: 'publication', after: counts });
  });
}

async function insert(tx: Queryable, table: string, noColumn: string, dateColumn: string, typeColumn: string, prefix: string, year: number, source: string,
  rows: { unit: string; day: string; type: string; title: string; participants: number | null }[], org: Record<string, number>): Promise<void> {
  if (rows.length === 0) return;
  const participants = table === 'publications' ? '' : ', participants';
  await tx.query(
    `INSERT INTO ${table} (${noColumn}, org_id, ${dateColumn}, ${typeColumn}, title${participants}, source)
     SELECT '${prefix}-${year}-' || lpad(nextval('${table}_no_seq')::text, 6, '0'), t.org_id, t.day, t.type, t.title${participants ? ', t.participants' : ''}, $6
       FROM unnest($1::int[], $2::date[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS t(org_id, day, type, title, participants, k) ORDER BY t.k`,
    [rows.map((x) => org[x.unit]), rows.map((x) => x.day), rows.map((x) => x.type), rows.map((x) => x.title), rows.map((x) => x.participants), source]);
}
