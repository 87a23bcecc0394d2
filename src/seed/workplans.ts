// The demo commission's work plan (工作要点) for the current year: 嘉兴市卫生健康委员会's
// plan in the form of the Hangzhou 2023 plan (seeds/003_…): sections 一、二、…, numbered
// tasks ending with their units in square brackets, named like the demo organisations
// (委政策法规处 → 政策法规处, 委办公室 → 办公室, 嘉兴市卫生监督所 …), with seven KPI
// targets read from the text by the import's own parser (no-proof rate, discretion
// coverage, credit use, joint and random inspections, suits lost, heads in court). It
// is published, and the lead units have written their notes for the quarters already
// over (and a few for the current one), so the plan page, its live values, the units'
// to-dos and the annual report's list of targets have something to show on first start.
// Deterministic: the same text and notes on every start (only the year follows today).
import type { Database } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recordAudit } from '../platform/audit/audit';
import { todayInChina, yearOf } from '../core/calendar/dates';
import { parseOutline, quarterOf } from '../core/workplans/outline';
import { METRIC_REGISTRY } from '../modules/metrics/definitions';
import { renumberTasks, resolveUnits, writeUnits } from '../modules/workplans/service';

const SEED_ACTOR = SYSTEM_ACTOR('seed');

export function demoPlanText(year: number): string {
  return `嘉兴市卫生健康委${year}年法治政府建设工作要点
${year}年全市卫生健康法治工作坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实市委市政府关于法治嘉兴建设的决策部署，深化政务服务改革，严格规范公正文明执法，为卫生健康事业高质量发展提供坚实的法治保障。
一、强化法治建设主体责任落实
1.深入学习贯彻习近平法治思想。部门党政主要负责人严格履行推进法治建设第一责任人职责，将法治建设纳入年度工作计划，定期听取法治建设工作汇报，把习近平法治思想贯彻落实到卫生健康法治建设各环节。[委政策法规处、办公室,嘉兴市卫生监督所]
2.健全法治建设工作机制。落实党委理论学习中心组学法、会前学法制度，全年集体学法不少于4次；完善法治建设考核评价，将依法行政情况纳入委属各单位年度考核。[委办公室、政策法规处]
二、持续优化法治化营商环境
3.深化“放管服”改革。实行行政许可事项清单管理，动态更新办事指南；深化“减证便民”行动，依申请政务服务事项办件“无证明”率90%以上；全面推广电子证照应用。[委行政审批处、政策法规处]
4.推进“一件事”集成改革。完善医疗机构、公共场所等“一件事”套餐，推动跨部门数据共享，压缩办理时限，提升网上办理水平。[委行政审批处、办公室]
三、严格规范公正文明执法
5.落实行政裁量权基准制度。全面执行卫生健康行政处罚裁量基准，高频行政处罚事项裁量权基准细化量化率100%，行政执法文书引用裁量基准并说明理由。[委政策法规处,嘉兴市卫生监督所]
6.全面推行新型监管机制。深化“双随机、一公开”监管与信用风险分类监管协同，部门信用分类结果应用率90%以上、联合随机抽查监管率30.5%以上、“双随机”抽查监管占比30%以上。[嘉兴市卫生监督所、政策法规处,嘉兴市南湖区卫生健康局、嘉兴市秀洲区卫生健康局]
7.加强行政执法监督。严格落实行政执法责任制，开展行政执法案卷评查和法制稽查，组织行政执法“示范优案”评选。[委政策法规处,嘉兴市卫生监督所]
四、依法预防化解矛盾纠纷
8.加强行政复议和应诉工作。注重行政争议源头化解，败诉率(低于6%)持续下降，一审行政诉讼案件机关负责人出庭应诉率100%。[委政策法规处、办公室]
9.畅通群众诉求渠道。规范12320卫生健康热线和信访事项办理，按期办结率稳步提升；发挥医疗纠纷人民调解作用，引导当事人依法解决纠纷。[委办公室、12320卫生健康热线,嘉兴市医疗纠纷人民调解委员会]
五、夯实法治建设保障
10.全面推进政务公开。依法编制行政许可、行政检查、行政处罚等事项清单，做好依申请公开工作，提高答复质量和效率。[委办公室、政策法规处]
11.推进普法依法治理。落实“谁执法谁普法”普法责任制，深入开展“12.4”国家宪法日等宪法法律宣传教育活动，组织网上学法考试。[委政策法规处、相关处室,委属各单位]
`;
}

/** What a lead unit reports for a quarter (chosen by task and quarter, so every start writes the same). */
const NOTES = [
  '已按计划部署推进，相关工作方案已印发，各项措施正在落实。',
  '完成阶段性任务：组织专题学习和培训，梳理问题清单并逐项整改。',
  '按季度对照目标开展自查，数据已报送政策法规处汇总，进度符合预期。',
  '重点工作已完成过半，下一阶段将加强督促检查，确保年底前全面完成。',
];

export async function seedWorkPlans(db: Database): Promise<void> {
  const today = todayInChina();
  const year = yearOf(today);
  const current = quarterOf(today);
  const outline = parseOutline(demoPlanText(year));
  await db.transaction(async (tx) => {
    const org = await tx.one<{ id: number }>(`SELECT id FROM organizations WHERE code = 'JX-WJW'`);
    const legal = await tx.one<{ id: number }>(`SELECT id FROM users WHERE username = 'legal'`);
    if (!org) return;
    const plan = await tx.one<{ id: number }>(
      `INSERT INTO work_plans (org_id, year, title, intro, status, created_by) VALUES ($1,$2,$3,$4,'published',$5) RETURNING id`,
      [org.id, year, outline.title, outline.intro, legal?.id ?? null]);
    const authors = new Map((await tx.query<{ org_id: number; id: number }>(
      `SELECT DISTINCT ON (org_id) org_id, id FROM users WHERE active ORDER BY org_id, id`)).map((r) => [r.org_id, r.id]));
    let targets = 0;
    let notes = 0;
    for (const [si, s] of outline.sections.entries()) {
      const section = await tx.one<{ id: number }>('INSERT INTO work_plan_sections (plan_id, seq, heading) VALUES ($1,$2,$3) RETURNING id', [plan!.id, si + 1, s.heading]);
      for (const [ti, t] of s.tasks.entries()) {
        const task = await tx.one<{ id: number }>('INSERT INTO work_plan_tasks (section_id, seq, number, text, units_text) VALUES ($1,$2,$3,$4,$5) RETURNING id',
          [section!.id, ti + 1, t.number, t.text, t.unitsText]);
        const units = await resolveUnits(tx, org.id, t.units);
        await writeUnits(tx, task!.id, units);
        for (const g of t.targets.filter((x) => METRIC_REGISTRY.get(x.metricId))) {
          await tx.query('INSERT INTO work_plan_targets (task_id, metric_id, comparator, target, note) VALUES ($1,$2,$3,$4,$5)',
            [task!.id, g.metricId, g.comparator, g.target, `原文：${g.phrase}`]);
          targets++;
        }
        // The lead unit's notes for the quarters over; every third task also has this quarter's.
        const lead = units.find((u) => u.role === 'lead' && u.orgId !== null);
        if (!lead) continue;
        const last = t.number % 3 === 0 ? current : current - 1;
        for (let q = 1; q <= last; q++) {
          await tx.query('INSERT INTO work_plan_progress (task_id, quarter, org_id, note, author_id) VALUES ($1,$2,$3,$4,$5)',
            [task!.id, q, lead.orgId, `第${q}季度：${NOTES[(t.number + q) % NOTES.length]}`, authors.get(lead.orgId!) ?? null]);
          notes++;
        }
      }
    }
    await renumberTasks(tx, plan!.id);
    await recordAudit(tx, SEED_ACTOR, { action: 'seed.workplans', objectType: 'work_plan', objectId: plan!.id, after: { year, title: outline.title, targets, notes } });
  });
}
