// Issue 7 item 5: a new customer imports last year's records — one small hand-made file
// for EVERY dataset of data-exchange.md, through POST /api/imports/{dataset} as the
// administrator — and generates that year's report, which must state exactly the figures
// put in, area by area, in agreement with GET /api/metrics. The covered datasets are
// checked against the registry, so a dataset added later without a file here fails.
//
// The new commission (湖州测试市卫生健康委员会, HZT-WJW) has a district bureau (HZT-WJJ)
// and its supervision institute (HZT-JDS); the records are all dated 2024. Hand-computed
// figures are written next to each file. Rates are printed cut (not rounded) to two
// decimals, as src/core/reports/format.ts does: 2/3 reads 66.66%.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { readFile } from 'node:fs/promises';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { TEMPLATE_GUIDE_SHEET } from '../../platform/imports/template';
import { DATASETS } from '../datasets/registry';
import { usccCheckCharacter } from '../../core/codes/uscc';
import { reportText, allBlocks, type ReportContent } from '../../core/reports/template';

const YEAR = 2024;
const ROOT = 'HZT-WJW';
const ROOT_NAME = '湖州测试市卫生健康委员会';
const DISTRICT = 'HZT-WJJ';
const INSTITUTE = 'HZT-JDS';

const uscc = (i: number) => { const first17 = `91330502MA2KHT7E${i}`; return first17 + usccCheckCharacter(first17); };
const E = [1, 2, 3, 4].map(uscc);

/** One file per dataset (each needs the ones above it; imported in the import page's order). */
const FILES: [dataset: string, rows: unknown[][]][] = [
  ['organizations', [
    ['code', 'name', 'parent_code', 'region_code', 'kind', 'population'],
    // Under the demo's city commission: the test database is not empty, and only the CLI may create a root.
    [ROOT, ROOT_NAME, 'JX-WJW', '330500', 'commission', 800000],
    [DISTRICT, '吴兴测试区卫生健康局', ROOT, '330502', 'commission', 300000],
    [INSTITUTE, '吴兴测试区卫生监督所', DISTRICT, '330502', 'institute', ''],
  ]],
  ['entities', [
    ['uscc', 'name', 'category', 'region_code', 'address', 'org_code', 'legal_rep', 'risk_class', 'credit_grade', 'blacklisted'],
    [E[0], '吴兴测试宾馆', 'public_place', '330502', '湖州市吴兴区测试路1号', INSTITUTE, '王一', 'low', 'A', 'N'],
    [E[1], '吴兴测试诊所', 'medical_institution', '330502', '湖州市吴兴区测试路2号', INSTITUTE, '王二', 'medium', 'B', 'N'],
    [E[2], '吴兴测试水厂', 'water_supply', '330502', '湖州市吴兴区测试路3号', INSTITUTE, '王三', 'high', '', 'N'],
    [E[3], '吴兴测试学校', 'school', '330502', '湖州市吴兴区测试路4号', INSTITUTE, '王四', '', '', ''],
  ]],
  // 4 with a certificate valid at the end of 2024, 1 expired: 4 active; 4 / 800,000 × 10,000 = 0.05 per 10k;
  // gap ceil(0.75 × 80) − 4 = 56.
  ['inspectors', [
    ['staff_no', 'name', 'org_code', 'certificate_no', 'certificate_valid_to', 'specialties'],
    ['HZT-001', '李一', INSTITUTE, '浙卫执HZT001', '2028-12-31', 'public_place;medical_institution'],
    ['HZT-002', '李二', INSTITUTE, '浙卫执HZT002', '2028-12-31', 'water_supply'],
    ['HZT-003', '李三', INSTITUTE, '浙卫执HZT003', '2027-06-30', ''],
    ['HZT-004', '李四', INSTITUTE, '浙卫执HZT004', '2026-12-31', 'school'],
    ['HZT-005', '李五', INSTITUTE, '浙卫执HZT005', '2023-06-30', ''],
  ]],
  // 2 active items; compression (20−5)/20 = 0.75 and (20−10)/20 = 0.5: mean 62.50%.
  ['catalogue_items', [
    ['item_code', 'name', 'category', 'org_code', 'legal_basis', 'statutory_days', 'promised_days', 'online', 'commitment_allowed', 'active'],
    ['HZT-GW-01', '公共场所卫生许可', 'public_health', DISTRICT, '《公共场所卫生管理条例》第八条', 20, 5, 'Y', 'Y', 'Y'],
    ['HZT-YJ-01', '医疗机构执业登记', 'medical_institution', DISTRICT, '《医疗机构管理条例》第十五条', 20, 10, 'Y', 'N', 'Y'],
  ]],
  // 8 concluded: 公共卫生类5件、医疗机构执业类3件; online 6 (75.00%); decided the day accepted 2 (25.00%);
  // proof-free 7 (87.50%); commitment 1; deficiency accepted 2; e-licence reused 3.
  ['applications', [
    ['application_no', 'item_code', 'org_code', 'applicant_name', 'entity_uscc', 'channel', 'received_on', 'accepted_on', 'concluded_on',
      'outcome', 'commitment', 'deficiency_accepted', 'e_licence_reused', 'proof_free', 'licence_no', 'licence_valid_to'],
    ['HZT-SQ-01', 'HZT-GW-01', DISTRICT, '吴兴测试宾馆', E[0], 'online', '2024-02-05', '2024-02-05', '2024-02-05', 'approved', 'Y', 'N', 'Y', 'Y', '', ''],
    ['HZT-SQ-02', 'HZT-GW-01', DISTRICT, '测试美容店', '', 'online', '2024-03-04', '2024-03-04', '2024-03-06', 'approved', 'N', 'Y', 'Y', 'Y', '', ''],
    ['HZT-SQ-03', 'HZT-GW-01', DISTRICT, '测试理发店', '', 'window', '2024-04-08', '2024-04-08', '2024-04-08', 'approved', 'N', 'N', 'N', 'Y', '', ''],
    ['HZT-SQ-04', 'HZT-GW-01', DISTRICT, '测试游泳馆', '', 'online', '2024-05-06', '2024-05-06', '2024-05-08', 'refused', 'N', 'Y', 'N', 'Y', '', ''],
    ['HZT-SQ-05', 'HZT-GW-01', DISTRICT, '测试浴室', '', 'window', '2024-06-03', '2024-06-03', '2024-06-05', 'approved', 'N', 'N', 'N', 'N', '', ''],
    ['HZT-SQ-06', 'HZT-YJ-01', DISTRICT, '吴兴测试诊所', E[1], 'online', '2024-07-01', '2024-07-01', '2024-07-03', 'approved', 'N', 'N', 'Y', 'Y', '', ''],
    ['HZT-SQ-07', 'HZT-YJ-01', DISTRICT, '测试门诊部', '', 'online', '2024-09-02', '2024-09-02', '2024-09-04', 'approved', 'N', 'N', 'N', 'Y', '', ''],
    ['HZT-SQ-08', 'HZT-YJ-01', DISTRICT, '测试卫生室', '', 'online', '2024-11-04', '2024-11-04', '2024-11-06', 'approved', 'N', 'N', 'N', 'Y', '', ''],
  ]],
  // 2 plans, 1 drawn with credit classes: 50.00%.
  ['random_plans', [
    ['plan_no', 'org_code', 'source', 'year', 'credit_applied'],
    ['HZT-2024-SJ-01', INSTITUTE, 'provincial', YEAR, 'Y'],
    ['HZT-2024-SJ-02', INSTITUTE, 'local', YEAR, 'N'],
  ]],
  // 3 tasks due in 2024: 省级2件、本级1件; completed by the due date 2 (66.66%); joint 1 of 3 completed (33.33%).
  ['random_tasks', [
    ['task_no', 'plan_no', 'entity_uscc', 'due_on', 'completed_on', 'joint', 'published_on'],
    ['HZT-2024-SJ-01-01', 'HZT-2024-SJ-01', E[0], '2024-06-30', '2024-05-10', 'Y', '2024-05-15'],
    ['HZT-2024-SJ-01-02', 'HZT-2024-SJ-01', E[1], '2024-06-30', '2024-06-20', 'N', '2024-06-25'],
    ['HZT-2024-SJ-02-01', 'HZT-2024-SJ-02', E[2], '2024-09-30', '2024-10-15', 'N', '2024-10-21'],
  ]],
  // 5 visits of 4 entities, 2+2+3+2+2 = 11 inspector attendances; 3 under random tasks (60.00%) of 3 entities.
  ['inspections', [
    ['visit_no', 'org_code', 'entity_uscc', 'visited_on', 'inspector_staff_nos', 'random_task_no', 'result'],
    ['HZT-JC-01', INSTITUTE, E[0], '2024-05-10', 'HZT-001;HZT-002', 'HZT-2024-SJ-01-01', 'compliant'],
    ['HZT-JC-02', INSTITUTE, E[1], '2024-06-20', 'HZT-001;HZT-003', 'HZT-2024-SJ-01-02', 'non_compliant'],
    ['HZT-JC-03', INSTITUTE, E[2], '2024-10-15', 'HZT-002;HZT-003;HZT-004', 'HZT-2024-SJ-02-01', 'compliant'],
    ['HZT-JC-04', INSTITUTE, E[0], '2024-11-05', 'HZT-003;HZT-004', '', 'compliant'],
    ['HZT-JC-05', INSTITUTE, E[3], '2024-12-02', 'HZT-001;HZT-004', '', 'closed_down'],
  ]],
  // Opened 3 (a simple-procedure penalty is imposed on the spot, without 立案); closed 3 (简易程序1件、一般程序2件); 3 decisions; fines 30,000 + 20,000 + 200 = 50,200 (5.02万元);
  // paid 30,000 + 25,000.50 = 55,000.50 (5.50万元); confiscated 5,000.50元; 1 transferred; 1 major, submitted
  // and reviewed before the decision (100.00%); 3 parties (2 entities and 张三); published within 7 working days 2 of 3
  // (66.66%: the simple-procedure fine was not published); days from 立案 to decision 40 and 44 (the simple case has
  // no 立案): median 42天.
  ['penalty_cases', [
    ['case_no', 'org_code', 'entity_uscc', 'party_name', 'procedure', 'opened_on', 'decided_on', 'closed_on', 'fine_yuan', 'confiscation_yuan', 'sanctions', 'major',
      'legal_review_submitted_on', 'legal_review_completed_on', 'published_on', 'paid_on', 'paid_yuan', 'transferred_on', 'provisions'],
    ['湖卫罚〔2024〕1号', INSTITUTE, E[1], '', 'general', '2024-03-01', '2024-04-10', '2024-05-20', '30000', '', 'warning;fine', 'N', '', '', '2024-04-12', '2024-04-30', '30000', '', ''],
    ['湖卫罚〔2024〕2号', INSTITUTE, E[3], '', 'general', '2024-06-01', '2024-07-15', '2024-08-30', '20000', '5000.50', 'fine;confiscation;suspension', 'Y',
      '2024-07-01', '2024-07-08', '2024-07-17', '2024-08-01', '25000.50', '', ''],
    ['湖卫罚〔2024〕3号', INSTITUTE, '', '张三', 'simple', '2024-09-09', '2024-09-09', '2024-09-09', '200', '', 'fine', 'N', '', '', '', '', '', '', ''],
    ['湖卫罚〔2024〕4号', INSTITUTE, E[2], '', 'general', '2024-11-01', '', '', '', '', '', 'N', '', '', '', '', '', '2024-11-20', ''],
  ]],
  // 6 calls: 咨询3件次、投诉举报2件次、建议1件次.
  ['hotline_calls', [
    ['record_no', 'org_code', 'received_at', 'type', 'channel', 'concluded_on', 'summary'],
    ['HZT-RX-01', DISTRICT, '2024-01-08T09:30:00+08:00', 'consultation', 'phone', '2024-01-08', '咨询公共场所卫生许可办理材料'],
    ['HZT-RX-02', DISTRICT, '2024-03-12T10:00:00+08:00', 'consultation', 'web', '2024-03-12', '咨询医师执业注册'],
    ['HZT-RX-03', DISTRICT, '2024-05-20T14:00:00+08:00', 'consultation', 'phone', '2024-05-21', '咨询健康证办理'],
    ['HZT-RX-04', DISTRICT, '2024-07-02T08:45:00+08:00', 'complaint_report', 'phone', '2024-07-15', '举报无证行医'],
    ['HZT-RX-05', DISTRICT, '2024-09-18T16:20:00+08:00', 'complaint_report', 'app', '2024-09-30', '投诉游泳池水质'],
    ['HZT-RX-06', DISTRICT, '2024-12-03T11:10:00+08:00', 'suggestion', 'phone', '', '建议延长疫苗接种门诊时间'],
  ]],
  // 4 received; of the 3 concluded, 2 within the deadline (66.66%); evaluations 满意、基本满意、不满意: 66.66%.
  ['petitions', [
    ['petition_no', 'org_code', 'received_on', 'accepted_on', 'concluded_on', 'deadline_on', 'satisfaction'],
    ['HZT-XF-01', DISTRICT, '2024-02-01', '2024-02-03', '2024-03-01', '', 'satisfied'],
    ['HZT-XF-02', DISTRICT, '2024-04-01', '2024-04-02', '2024-04-30', '', 'basically_satisfied'],
    ['HZT-XF-03', DISTRICT, '2024-06-01', '2024-06-03', '2024-09-30', '2024-08-02', 'unsatisfied'],
    ['HZT-XF-04', DISTRICT, '2024-12-20', '', '', '', ''],
  ]],
  // 5 reported, 1 withdrawn after explanation, 4 accepted, 3 concluded (2 agreements: 66.66%), 1 pending.
  ['mediation_cases', [
    ['case_no', 'org_code', 'reported_on', 'accepted_on', 'concluded_on', 'outcome'],
    ['HZT-TJ-01', DISTRICT, '2024-03-01', '', '2024-03-05', 'withdrawn_after_explanation'],
    ['HZT-TJ-02', DISTRICT, '2024-04-01', '2024-04-03', '2024-05-10', 'agreement'],
    ['HZT-TJ-03', DISTRICT, '2024-05-01', '2024-05-02', '2024-06-10', 'agreement'],
    ['HZT-TJ-04', DISTRICT, '2024-07-01', '2024-07-02', '2024-08-01', 'terminated'],
    ['HZT-TJ-05', DISTRICT, '2024-11-01', '2024-11-04', '', 'pending'],
  ]],
  // 4 received: 维持1件、撤回1件、撤销1件、在办1件; corrected 1 of 3 concluded: 33.33%.
  ['reconsideration_cases', [
    ['case_no', 'org_code', 'received_on', 'concluded_on', 'outcome'],
    ['HZT-FY-01', DISTRICT, '2024-02-01', '2024-03-20', 'upheld'],
    ['HZT-FY-02', DISTRICT, '2024-03-01', '2024-03-15', 'withdrawn'],
    ['HZT-FY-03', DISTRICT, '2024-05-06', '2024-06-20', 'revoked'],
    ['HZT-FY-04', DISTRICT, '2024-11-15', '', 'pending'],
  ]],
  // 2 suits, 1 lost of 2 judged (50.00%), the head at 1 of 2 hearings (50.00%).
  ['litigation_cases', [
    ['case_no', 'org_code', 'filed_on', 'hearing_on', 'head_appeared', 'judged_on', 'judgment'],
    ['HZT-YS-01', DISTRICT, '2024-03-01', '2024-04-15', 'Y', '2024-05-20', 'won'],
    ['HZT-YS-02', DISTRICT, '2024-06-03', '2024-07-10', 'N', '2024-08-20', 'lost'],
  ]],
  // 4 assigned: 人大代表建议主办2件、人大代表建议协办1件、政协委员提案主办1件; lead graded A 2; all answered within 3 months.
  ['proposals', [
    ['proposal_no', 'org_code', 'kind', 'role', 'assigned_on', 'answered_on', 'grade'],
    ['HZT-RD-01', ROOT, 'npc', 'lead', '2024-03-11', '2024-05-20', 'A'],
    ['HZT-RD-02', ROOT, 'npc', 'lead', '2024-03-11', '2024-05-24', 'B'],
    ['HZT-RD-03', ROOT, 'npc', 'co', '2024-03-11', '2024-04-30', ''],
    ['HZT-ZX-01', ROOT, 'cppcc', 'lead', '2024-03-12', '2024-06-03', 'A'],
  ]],
  // 3 requests, all due and answered in 2024 (100.00%), 2 within 20 working days (66.66%).
  ['disclosure_requests', [
    ['request_no', 'org_code', 'received_on', 'answered_on', 'answer_type', 'extended'],
    ['HZT-GK-01', ROOT, '2024-03-01', '2024-03-15', 'disclosed', 'N'],
    ['HZT-GK-02', ROOT, '2024-05-06', '2024-05-20', 'not_held', 'N'],
    ['HZT-GK-03', ROOT, '2024-08-01', '2024-09-30', 'partly_disclosed', 'N'],
  ]],
  // 6 items: 门户网站3条、政务微信2条、政府信息公开目录1条.
  ['publications', [
    ['publication_no', 'org_code', 'published_on', 'channel', 'title'],
    ['HZT-FB-01', ROOT, '2024-01-15', 'website', '2024年卫生健康工作要点'],
    ['HZT-FB-02', ROOT, '2024-03-20', 'website', '关于开展公共场所卫生专项检查的通知'],
    ['HZT-FB-03', ROOT, '2024-06-05', 'website', '2024年上半年行政许可情况'],
    ['HZT-FB-04', ROOT, '2024-06-10', 'wechat', '健康知识：夏季游泳卫生'],
    ['HZT-FB-05', ROOT, '2024-09-01', 'wechat', '开学季学校卫生提示'],
    ['HZT-FB-06', ROOT, '2024-12-01', 'catalogue', '2023年政府信息公开工作年度报告'],
  ]],
  // 5 sessions: 业务培训2场次、集体学法2场次、宪法宣誓1场次.
  ['trainings', [
    ['training_no', 'org_code', 'held_on', 'kind', 'title', 'participants'],
    ['HZT-PX-01', ROOT, '2024-03-05', 'training', '行政执法证件培训', 40],
    ['HZT-PX-02', ROOT, '2024-05-14', 'training', '行政处罚法专题培训', 35],
    ['HZT-PX-03', ROOT, '2024-04-09', 'law_study', '党委理论学习中心组集体学习《基本医疗卫生与健康促进法》', 15],
    ['HZT-PX-04', ROOT, '2024-10-15', 'law_study', '党委理论学习中心组集体学习《行政复议法》', 15],
    ['HZT-PX-05', ROOT, '2024-07-01', 'constitution_oath', '新任职干部宪法宣誓', 6],
  ]],
  // 3 activities: 主题宣传2次、法治讲座1次; 300 + 200 + 50 = 550 participants.
  ['popularization_activities', [
    ['activity_no', 'org_code', 'held_on', 'kind', 'title', 'participants'],
    ['HZT-PF-01', ROOT, '2024-04-15', 'campaign', '全民国家安全教育日宣传', 300],
    ['HZT-PF-02', ROOT, '2024-12-04', 'campaign', '“12·4”国家宪法日宣传活动', 200],
    ['HZT-PF-03', ROOT, '2024-08-19', 'lecture', '中国医师节法治讲座', 50],
  ]],
];

let env: TestEnv;
let admin: Client;
let rootId: number;
let content: ReportContent;
let text: string;
const timings: Record<string, number> = {};

beforeAll(async () => {
  env = await setupTestEnv();
  admin = await env.as('admin');
}, 120_000);
afterAll(async () => { await env?.close(); });

/** The text of one area subsection of 一、主要举措和成效 (e.g. area.licensing). */
function areaText(id: string): string {
  const achievements = content.sections.find((s) => s.id === 'achievements')!;
  const area = achievements.subsections!.find((s) => s.id === id);
  expect(area, `report section ${id}`).toBeDefined();
  return reportText({ ...content, title: '', sections: [area!] });
}

describe('a new commission imports a year of history and gets that year’s report', () => {
  it('covers every dataset of the registry, with its columns', () => {
    expect(FILES.map(([d]) => d).sort()).toEqual(DATASETS.map((d) => d.name).sort());
    for (const [name, rows] of FILES) {
      const columns = DATASETS.find((d) => d.name === name)!.columns as Record<string, { required: boolean }>;
      // Every column of the file is the dataset's; every required column of the dataset is in the file.
      expect(Object.keys(columns), name).toEqual(expect.arrayContaining(rows[0] as string[]));
      expect(rows[0], name).toEqual(expect.arrayContaining(Object.keys(columns).filter((c) => columns[c].required)));
    }
  });

  it('the import page offers every dataset, and every template explains every column', async () => {
    const page = await readFile(new URL('../../web/pages/imports/ImportPage.tsx', import.meta.url), 'utf8');
    for (const d of DATASETS) {
      expect(page, `ImportPage.tsx lists ${d.name}`).toMatch(new RegExp(`(id: |matters\\()'${d.name}'`));
      const res = await admin.get(`/api/imports/${d.name}/template`);
      expect(res.statusCode, d.name).toBe(200);
      const guide = (await readXlsx(res.rawPayload)).getWorksheet(TEMPLATE_GUIDE_SHEET);
      const explained = new Map(sheetRows(guide!).slice(1).filter((r) => r.length >= 4).map((r) => [String(r[0]), r]));
      for (const column of Object.keys(d.columns)) {
        const row = explained.get(column);
        expect(row, `${d.name}.${column}`).toBeDefined();
        expect(String(row![1]), `${d.name}.${column}`).toMatch(/[\u4e00-\u9fff]/); // 中文名称
      }
    }
  }, 60_000);

  it('imports every file and generates the report', async () => {
    // In the order the import page offers them, left to right, as its rules tell a user to import history.
    const page = await readFile(new URL('../../web/pages/imports/ImportPage.tsx', import.meta.url), 'utf8');
    const pageOrder = [...page.matchAll(/(?:id: |matters\()'([a-z_]+)'/g)].map((x) => x[1]);
    const ordered = [...FILES].sort(([a], [b]) => pageOrder.indexOf(a) - pageOrder.indexOf(b));
    const started = performance.now();
    for (const [dataset, rows] of ordered) {
      const t0 = performance.now();
      const m = multipart(`${dataset}.csv`, csv(rows, { bom: true }));
      const res = await admin.post(`/api/imports/${dataset}`, m.body, m.headers);
      expect(res.statusCode, `${dataset}: ${res.body}`).toBe(200);
      expect(res.json().inserted, dataset).toBe(rows.length - 1);
      timings[dataset] = performance.now() - t0;
    }
    rootId = (await env.db.one<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [ROOT]))!.id;
    const t0 = performance.now();
    const res = await admin.post('/api/reports/generate', { year: YEAR, orgId: rootId });
    expect(res.statusCode, res.body).toBe(200);
    timings['report'] = performance.now() - t0;
    const total = performance.now() - started;
    content = res.json().version.content;
    text = reportText(content);
    if (process.env.SHOW_REPORT) console.log(text);
    console.log(`[imported history] ${FILES.length} imports + report in ${total.toFixed(0)} ms: `
      + Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
    expect(content.title).toBe(`${ROOT_NAME}${YEAR}年法治政府建设年度报告`);
  }, 120_000);

  it('states in each area the figures put in', () => {
    const licensing = areaText('area.licensing');
    expect(licensing).toContain(`${YEAR}年共完成各类卫生行政许可8件，其中：公共卫生类5件、医疗机构执业类3件。`);
    expect(licensing).toContain('全年网办件6件，网办率75.00%。');
    expect(licensing).toContain('即办率25.00%');
    expect(licensing).toContain('无证明办件率87.50%');
    expect(licensing).toContain('以告知承诺制办结1件，容缺受理2件，引用电子证照3件。');
    // The catalogue was imported today: last year's state is unknown, so no comparison ("与上年持平" would be invented).
    expect(licensing).toMatch(/政务服务事项2项[，。]/);
    expect(licensing).toMatch(/承诺办结时限较法定时限平均压缩62\.50%[，。]/);

    const inspection = areaText('area.inspection');
    expect(inspection).toContain(`${YEAR}年共完成监督检查5户次，检查单位4户，出动执法人员11人次。`);
    expect(inspection).toContain('受领随机抽查任务3件，其中：省级2件、本级1件，任务完成率66.66%。');
    expect(inspection).toContain('完成随机抽检3户，双随机抽查占监督检查的60.00%');
    expect(inspection).toContain('联合随机抽查率33.33%');
    expect(inspection).toContain('信用分类结果应用率50.00%');

    const enforcement = areaText('area.enforcement');
    expect(enforcement).toContain(`${YEAR}年立案查处违法案件3件，结案3件，其中：简易程序1件、一般程序2件。`);
    expect(enforcement).toContain('作出行政处罚决定3件，涉及当事人3个，');
    expect(enforcement).toContain('罚款5.02万元，实际罚没5.50万元，没收违法所得5000.50元。');
    expect(enforcement).toContain('按处罚种类分（一个决定给予多种处罚的分别计入），警告1件、罚款3件、没收1件、责令停业整顿1件。');
    expect(enforcement).toContain('移送涉嫌犯罪案件1件。');
    expect(enforcement).toContain('报请重大执法决定法制审核1件，报请率为100.00%，法制审核率为100.00%。');
    expect(enforcement).toContain('行政处罚决定按时公示率66.66%，立案至决定办案时长中位数为42天。');

    const hotline = areaText('area.hotline');
    expect(hotline).toContain(`${YEAR}年12320卫生健康热线受理来电6件次，其中：咨询3件次、投诉举报2件次、建议1件次。`);

    const petitions = areaText('area.petitions');
    expect(petitions).toContain(`${YEAR}年受理各类信访件4件，按时办结率66.66%，满意率66.66%。`);
    expect(petitions).toContain('受理医疗纠纷报案5件，释疑息诉1件，受理调解4件，调解结案3件，调解成功率66.66%。');

    const review = areaText('area.review');
    expect(review).toContain(`${YEAR}年行政复议4件，其中：维持1件、撤回1件、撤销1件、在办1件，复议纠错率33.33%。`);
    expect(review).toContain('行政诉讼2件，败诉率50.00%，负责人出庭应诉率50.00%。');

    const proposals = areaText('area.proposals');
    expect(proposals).toContain(`${YEAR}年承办人大代表建议和政协委员提案4件，其中：人大代表建议主办2件、人大代表建议协办1件、政协委员提案主办1件，主办件评为A类2件，按时答复率100.00%。`);

    const openness = areaText('area.openness');
    expect(openness).toContain(`${YEAR}年主动公开政府信息6条，其中：门户网站3条、政务微信2条、政府信息公开目录1条。`);
    expect(openness).toContain('受理政府信息公开申请3件，答复率100.00%，答复及时率66.66%。');

    // No dataset of data-exchange.md carries legality reviews, but a major enforcement decision is one of the
    // four kinds that need one: the imported major case, reviewed before its decision, gives 1 of 1.
    expect(areaText('area.rulemaking')).toContain('合法性审查覆盖率100.00%。');

    const people = areaText('area.people');
    expect(people).toContain(`截至${YEAR}年底，在岗执法人员4名`);
    expect(people).toContain('每万人口卫生监督员0.05名');
    expect(people).toContain(`${YEAR}年组织培训和学法活动5场次，其中：业务培训2场次、集体学法2场次、宪法宣誓1场次。`);
    expect(people).toContain('开展普法活动3次，其中：主题宣传2次、法治讲座1次，参与550人次。');

    // 三、第一责任人: the leaders' collective study and oath; 二、不足: the staffing gap.
    expect(text).toContain(`${YEAR}年组织领导干部集体学法2次，组织宪法宣誓1次。`);
    expect(text).toContain('按每万人口卫生监督员配备标准尚缺56名');
    // No figure of the report is about an empty register: every figures block of an area has a sentence.
    const empty = allBlocks(content).filter((b) => b.type === 'figures' && b.id.startsWith('area.') && b.sentences.length === 0).map((b) => b.id);
    expect(empty).toEqual([]);
  });

  it('GET /api/metrics for the commission and the year agrees with the report', async () => {
    const res = await admin.get(`/api/metrics?from=${YEAR}-01-01&to=${YEAR}-12-31&org=${ROOT}`);
    expect(res.statusCode, res.body).toBe(200);
    const m = Object.fromEntries((res.json().metrics as { id: string }[]).map((x) => [x.id, x])) as unknown as
      Record<string, { value: number | null; numerator?: number; denominator?: number; breakdown?: Record<string, number> }>;
    const expected: Record<string, number> = {
      'licensing.applications.total': 8, 'licensing.online.count': 6, 'licensing.online_rate': 0.75, 'licensing.instant_rate': 0.25,
      'licensing.no_proof_rate': 0.875, 'licensing.commitment.count': 1, 'licensing.deficiency_acceptance.count': 2,
      'licensing.e_licence_reuse.count': 3, 'licensing.catalogue.items': 2, 'licensing.time_compression_rate': 0.625,
      'inspection.visits.total': 5, 'inspection.entities.distinct': 4, 'inspection.inspector_times': 11, 'inspection.random.tasks.assigned': 3,
      'inspection.random.tasks.completion_rate': 2 / 3, 'inspection.random.entities': 3, 'inspection.random_share': 0.6,
      'inspection.joint_random_rate': 1 / 3, 'inspection.results_published_on_time_rate': 1, 'inspection.credit_applied_rate': 0.5,
      'enforcement.cases.opened': 3, 'enforcement.cases.closed': 3, 'enforcement.penalty_decisions': 3, 'enforcement.fines.decided': 50200,
      'enforcement.fines.collected': 55000.5, 'enforcement.confiscation': 5000.5, 'enforcement.transfers': 1, 'enforcement.major.count': 1,
      'enforcement.major.submission_rate': 1, 'enforcement.major.review_rate': 1, 'enforcement.decision_time.median': 42, 'enforcement.entities_penalized': 3, 'enforcement.publicity.on_time_rate': 2 / 3,
      'hotline.calls.total': 6, 'petitions.total': 4, 'petitions.on_time_rate': 2 / 3, 'petitions.satisfaction_rate': 2 / 3,
      'mediation.reported': 5, 'mediation.withdrawn_after_explanation': 1, 'mediation.accepted': 4, 'mediation.concluded': 3, 'mediation.success_rate': 2 / 3,
      'reconsideration.total': 4, 'reconsideration.correction_rate': 1 / 3, 'litigation.total': 2, 'litigation.loss_rate': 0.5,
      'litigation.head_appearance_rate': 0.5, 'proposals.total': 4, 'proposals.lead_grade_a': 2, 'proposals.on_time_rate': 1,
      'disclosure.proactive.count': 6, 'disclosure.requests.total': 3, 'disclosure.requests.answer_rate': 1, 'disclosure.requests.on_time_rate': 2 / 3,
      'enforcement.sanctions': 3, 'review.coverage': 1, 'staff.inspectors.active': 4, 'staff.inspectors.per10k': 0.05, 'staff.inspectors.gap': 56,
      'training.sessions': 5, 'popularization.activities': 3, 'popularization.participants': 550,
    };
    for (const [id, v] of Object.entries(expected)) {
      expect(m[id], id).toBeDefined();
      expect(m[id].value, id).toBeCloseTo(v, 10);
    }
    const breakdowns: Record<string, Record<string, number>> = {
      'licensing.applications.total': { public_health: 5, medical_institution: 3 },
      'inspection.random.tasks.assigned': { provincial: 2, local: 1 },
      'enforcement.cases.closed': { simple: 1, general: 2 },
      // Not additive: a decision counts once in each of its kinds.
      'enforcement.sanctions': { warning: 1, fine: 3, confiscation: 1, suspension: 1 },
      'hotline.calls.total': { consultation: 3, complaint_report: 2, suggestion: 1 },
      'reconsideration.total': { upheld: 1, withdrawn: 1, revoked: 1, pending: 1 },
      'proposals.total': { npc_lead: 2, npc_co: 1, cppcc_lead: 1 },
      'disclosure.proactive.count': { website: 3, wechat: 2, catalogue: 1 },
      'training.sessions': { training: 2, law_study: 2, constitution_oath: 1 },
      'popularization.activities': { campaign: 2, lecture: 1 },
    };
    for (const [id, b] of Object.entries(breakdowns)) {
      const nonZero = Object.fromEntries(Object.entries(m[id].breakdown ?? {}).filter(([, n]) => n !== 0));
      expect(nonZero, id).toEqual(b);
    }
    // Each figure the report states is the one the metrics API serves, for the same metric.
    const stated = allBlocks(content).filter((b) => b.type === 'figures').flatMap((b) => (b.type === 'figures' ? b.sentences.flatMap((s) => s.metricIds) : []));
    for (const id of Object.keys(expected).filter((i) => i !== 'staff.inspectors.gap')) expect(stated, id).toContain(id);
  });
});
