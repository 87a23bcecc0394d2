// The demo commission's legality register (issue 7): major decisions, normative documents,
// major contracts and other items submitted for legality review over last year and this
// year up to today, for JX-WJW and a few for 南湖区 (NH-WJJ) — so the 合法性审查 and 规范性文件
// pages and the figures review.coverage, review.fair_competition_rate,
// normative_docs.issued and normative_docs.cleaned have something to show on first start.
//
// Most items are reviewed before adoption; two are not (a contract signed without review
// this year, a normative document whose review was completed only after adoption last
// year), so the coverage is not a trivial 100%. Several touch the economic activity of
// businesses and went through fair-competition review; one this year did not. Last year's
// documents went through this year's clean-up (revised, repealed, retained) and one was
// repealed in last year's.
//
// Deterministic for a given today: this year's dates are spread over the days elapsed so
// far, and a step that would fall after today is not recorded yet (the item waits at the
// step before, as real work does).
import type { Database } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recordAudit } from '../platform/audit/audit';
import { addDays, daysBetween, todayInChina, yearOf } from '../core/calendar/dates';
import { assertConsistent } from '../modules/legality/checks';
import type { CleanupAction, ItemKind, ReviewResult } from '../modules/legality/schema';

const SEED_ACTOR = SYSTEM_ACTOR('seed');

interface Spec {
  org: 'JX-WJW' | 'NH-WJJ';
  /** 0: this year, -1: last year. */
  y: 0 | -1;
  /** Submission date as a fraction of the year's span (last year: the whole year; this year: the days so far). */
  at: number;
  kind: ItemKind;
  title: string;
  unit: string;
  market?: boolean;
  /** Days from submission to the review's completion; null: never reviewed. */
  review?: number | null;
  result?: ReviewResult;
  /** Days from the review (or, without one, the submission) to adoption; negative: adopted before the review ended. */
  adopt?: number;
  /** Days from adoption to issue; undefined: not issued (contracts are signed, not issued). */
  issue?: number;
  /** Days from submission to the fair-competition review, and its result. */
  fc?: { days: number; passed: boolean };
  cleanup?: { action: CleanupAction; batch: 'this' | 'last' };
  /** Not submitted at all before adoption. */
  unsubmitted?: boolean;
}

const OPINIONS: Record<ReviewResult, string[]> = {
  passed: [
    '制定主体适格，权限、程序符合规定，内容与上位法不抵触，未违法设定减损公民、法人和其他组织权利或者增加其义务的规范。',
    '决策事项属于本机关法定职权，已履行公众参与、专家论证和风险评估程序，草案内容合法。',
    '合同主体适格，合同条款与《中华人民共和国民法典》《中华人民共和国政府采购法》等规定不抵触，履约保证和违约责任条款完备。',
  ],
  passed_with_changes: [
    '第八条设定的备案材料超出上位法规定，建议删除“无违法记录证明”；第十五条罚则无上位法依据，建议删除，修改后可提请审议。',
    '第三章中“不得跨区域执业”的表述涉嫌限制经营者自主经营，建议修改为按照执业登记的地点执业；修改后可提请审议。',
    '违约责任条款约定不明确，建议补充履约验收标准和争议解决方式，修改后可签订。',
  ],
  failed: ['草案第五条以规范性文件设定行政许可条件，违反《中华人民共和国行政许可法》第十七条，不得提请审议。'],
};

const SPECS: Spec[] = [
  // ── Last year ────────────────────────────────────────────────────────────────────────
  { org: 'JX-WJW', y: -1, at: 0.06, kind: 'normative_doc', title: '嘉兴市医疗机构依法执业自查管理办法', unit: '综合监督处', review: 9, adopt: 12, issue: 6, cleanup: { action: 'repealed', batch: 'last' } },
  { org: 'JX-WJW', y: -1, at: 0.10, kind: 'major_decision', title: '嘉兴市公立医院高质量发展实施方案', unit: '医政医管处', review: 12, adopt: 20, issue: 10 },
  { org: 'JX-WJW', y: -1, at: 0.15, kind: 'normative_doc', title: '嘉兴市卫生健康行政处罚裁量基准适用规定', unit: '政策法规处', market: true, fc: { days: 3, passed: true }, review: 10, result: 'passed_with_changes', adopt: 14, issue: 7, cleanup: { action: 'revised', batch: 'this' } },
  { org: 'JX-WJW', y: -1, at: 0.22, kind: 'major_contract', title: '嘉兴市急救指挥调度系统建设项目合同', unit: '医政医管处', review: 8, adopt: 15 },
  { org: 'JX-WJW', y: -1, at: 0.28, kind: 'normative_doc', title: '嘉兴市社会办医疗机构设置审批实施细则', unit: '医政医管处', market: true, fc: { days: 4, passed: true }, review: 11, adopt: 9, issue: 5, cleanup: { action: 'retained', batch: 'this' } },
  { org: 'JX-WJW', y: -1, at: 0.33, kind: 'other', title: '关于规范医疗美容机构广告发布行为的通知', unit: '综合监督处', market: true, fc: { days: 2, passed: true }, review: 6, adopt: 5, issue: 3 },
  { org: 'JX-WJW', y: -1, at: 0.40, kind: 'normative_doc', title: '嘉兴市公共场所卫生许可告知承诺制实施办法', unit: '行政审批处', market: true, fc: { days: 5, passed: true }, review: 9, result: 'passed_with_changes', adopt: 10, issue: 6, cleanup: { action: 'revised', batch: 'this' } },
  // Adopted at the director's meeting before the review came back (review completed late).
  { org: 'JX-WJW', y: -1, at: 0.46, kind: 'normative_doc', title: '嘉兴市医疗废物管理若干规定', unit: '医政医管处', review: 16, adopt: -5, issue: 8 },
  { org: 'JX-WJW', y: -1, at: 0.52, kind: 'major_decision', title: '嘉兴市基本公共卫生服务项目调整方案', unit: '基层卫生健康处', review: 10, adopt: 18, issue: 9 },
  { org: 'JX-WJW', y: -1, at: 0.58, kind: 'major_contract', title: '嘉兴市120急救车辆采购合同', unit: '财务处', market: true, fc: { days: 2, passed: true }, review: 7, result: 'passed_with_changes', adopt: 12 },
  { org: 'JX-WJW', y: -1, at: 0.64, kind: 'normative_doc', title: '嘉兴市职业健康检查机构备案管理办法', unit: '职业健康处', market: true, fc: { days: 3, passed: true }, review: 8, adopt: 11, issue: 4, cleanup: { action: 'declared_invalid', batch: 'this' } },
  { org: 'JX-WJW', y: -1, at: 0.70, kind: 'normative_doc', title: '嘉兴市院前医疗急救管理规定（草案）', unit: '医政医管处', review: 12, result: 'failed' },
  { org: 'JX-WJW', y: -1, at: 0.76, kind: 'normative_doc', title: '嘉兴市院前医疗急救管理规定', unit: '医政医管处', review: 9, adopt: 10, issue: 6 },
  { org: 'JX-WJW', y: -1, at: 0.83, kind: 'major_decision', title: '嘉兴市医疗机构设置规划（2026—2030年）', unit: '规划发展与信息化处', market: true, fc: { days: 6, passed: true }, review: 14, adopt: 16, issue: 10 },
  { org: 'JX-WJW', y: -1, at: 0.90, kind: 'other', title: '嘉兴市卫生健康委与市市场监管局执法协作备忘录', unit: '综合监督处', review: 5, adopt: 6 },
  { org: 'NH-WJJ', y: -1, at: 0.35, kind: 'normative_doc', title: '南湖区社区卫生服务机构绩效考核办法', unit: '南湖区卫生健康局基层科', review: 8, adopt: 9, issue: 5 },
  { org: 'NH-WJJ', y: -1, at: 0.68, kind: 'major_contract', title: '南湖区区域医疗中心建设合作协议', unit: '南湖区卫生健康局办公室', review: 10, adopt: 14 },

  // ── This year ────────────────────────────────────────────────────────────────────────
  { org: 'JX-WJW', y: 0, at: 0.05, kind: 'major_decision', title: '嘉兴市卫生健康事业发展“十五五”规划', unit: '规划发展与信息化处', review: 15, adopt: 21, issue: 12 },
  { org: 'JX-WJW', y: 0, at: 0.12, kind: 'normative_doc', title: '嘉兴市二次供水卫生管理规定', unit: '综合监督处', market: true, fc: { days: 3, passed: true }, review: 9, adopt: 12, issue: 6 },
  { org: 'JX-WJW', y: 0, at: 0.18, kind: 'normative_doc', title: '嘉兴市卫生健康行政处罚裁量基准适用规定（修订）', unit: '政策法规处', market: true, fc: { days: 2, passed: true }, review: 8, adopt: 10, issue: 5 },
  // Signed without a legality review: the red warning and the coverage below 100%.
  { org: 'JX-WJW', y: 0, at: 0.24, kind: 'major_contract', title: '嘉兴市卫生健康信息平台运维服务合同', unit: '规划发展与信息化处', unsubmitted: true, adopt: 0 },
  { org: 'JX-WJW', y: 0, at: 0.30, kind: 'normative_doc', title: '嘉兴市托育机构卫生保健管理办法', unit: '人口监测与家庭发展处', market: true, fc: { days: 4, passed: true }, review: 10, result: 'passed_with_changes', adopt: 8, issue: 5 },
  // A market-touching notice issued without fair-competition review.
  { org: 'JX-WJW', y: 0, at: 0.36, kind: 'other', title: '关于开展医疗美容行业专项整治的通知', unit: '综合监督处', market: true, review: 4, adopt: 3, issue: 2 },
  { org: 'JX-WJW', y: 0, at: 0.42, kind: 'major_contract', title: '市第一医院新院区建设项目委托代建合同', unit: '财务处', review: 9, adopt: 14 },
  { org: 'JX-WJW', y: 0, at: 0.50, kind: 'normative_doc', title: '嘉兴市公共场所卫生许可告知承诺制实施办法（修订）', unit: '行政审批处', market: true, fc: { days: 3, passed: true }, review: 8, adopt: 9, issue: 5 },
  { org: 'JX-WJW', y: 0, at: 0.58, kind: 'normative_doc', title: '嘉兴市卫生健康系统行政执法全过程记录实施办法', unit: '政策法规处', review: 10, adopt: 11, issue: 6 },
  { org: 'JX-WJW', y: 0, at: 0.66, kind: 'major_decision', title: '嘉兴市家庭医生签约服务提质扩面实施方案', unit: '基层卫生健康处', review: 12, adopt: 16, issue: 8 },
  { org: 'JX-WJW', y: 0, at: 0.74, kind: 'normative_doc', title: '嘉兴市医疗机构临床用血管理规定', unit: '医政医管处', review: 9, result: 'passed_with_changes', adopt: 30 },
  { org: 'JX-WJW', y: 0, at: 0.86, kind: 'major_decision', title: '嘉兴市公共卫生应急物资储备调整方案', unit: '卫生应急办公室', market: true, fc: { days: 5, passed: true }, review: 10, adopt: 20 },
  { org: 'JX-WJW', y: 0, at: 0.95, kind: 'normative_doc', title: '嘉兴市医疗机构依法执业评价办法', unit: '综合监督处' },
  { org: 'NH-WJJ', y: 0, at: 0.20, kind: 'normative_doc', title: '南湖区村卫生室运行补助办法', unit: '南湖区卫生健康局基层科', market: true, fc: { days: 3, passed: true }, review: 7, adopt: 9, issue: 5 },
  { org: 'NH-WJJ', y: 0, at: 0.55, kind: 'major_decision', title: '南湖区家庭医生签约服务补助实施方案', unit: '南湖区卫生健康局基层科', review: 9, adopt: 12, issue: 6 },
  { org: 'NH-WJJ', y: 0, at: 0.90, kind: 'major_contract', title: '南湖区急救站点设备采购合同', unit: '南湖区卫生健康局办公室', review: 6 },
];

const DOC_PREFIX: Record<string, Record<ItemKind, string>> = {
  'JX-WJW': { normative_doc: '嘉卫规', major_decision: '嘉卫发', other: '嘉卫', major_contract: '' },
  'NH-WJJ': { normative_doc: '南卫规', major_decision: '南卫发', other: '南卫', major_contract: '' },
};

export async function seedLegality(db: Database): Promise<void> {
  const today = todayInChina();
  const year = yearOf(today);
  const orgs = new Map((await db.query<{ id: number; code: string }>(`SELECT id, code FROM organizations WHERE code IN ('JX-WJW', 'NH-WJJ')`)).map((o) => [o.code, o.id]));
  const elapsed = daysBetween(`${year}-01-01`, today);
  /** A step's date, or null when it would come after today. */
  const upToToday = (d: string | null) => (d && d <= today ? d : null);
  const numbers = new Map<string, number>();
  const next = (key: string) => { const n = (numbers.get(key) ?? 0) + 1; numbers.set(key, n); return n; };
  const rows: unknown[][] = [];
  const ordered = [...SPECS].sort((a, b) => a.y - b.y || a.at - b.at);
  ordered.forEach((s, n) => {
    const y = year + s.y;
    const start = `${y}-01-01`;
    const submitted = upToToday(addDays(start, Math.floor(s.at * (s.y === 0 ? elapsed : 364))));
    if (!submitted) return;
    const reviewed = s.review != null && !s.unsubmitted ? upToToday(addDays(submitted, s.review)) : null;
    const result: ReviewResult | null = reviewed ? s.result ?? 'passed' : null;
    const adoptFrom = s.review != null && !s.unsubmitted ? (reviewed ?? null) : submitted;
    // Adopted before the review ended: counted from the (later) review date backwards.
    const adopted = s.adopt !== undefined && result !== 'failed' && adoptFrom ? upToToday(addDays(adoptFrom, s.adopt)) : null;
    const issued = s.issue !== undefined && adopted ? upToToday(addDays(adopted, s.issue)) : null;
    const fc = s.fc && s.market ? upToToday(addDays(submitted, s.fc.days)) : null;
    let cleaned: string | null = null;
    if (s.cleanup && issued) {
      const at = s.cleanup.batch === 'last' ? `${y}-12-01` : addDays(`${year}-01-01`, Math.floor(0.6 * elapsed));
      cleaned = upToToday(at > issued ? at : addDays(issued, 1));
    }
    const kindPrefix = DOC_PREFIX[s.org][s.kind];
    const docNumber = issued && kindPrefix ? `${kindPrefix}〔${yearOf(issued)}〕${next(`${s.org}:${kindPrefix}:${yearOf(issued)}`)}号` : null;
    const itemNo = `HFX-${yearOf(submitted)}-${String(next(`no:${yearOf(submitted)}`)).padStart(4, '0')}`;
    const state = {
      kind: s.kind, submitted_on: s.unsubmitted ? null : submitted, reviewed_on: reviewed, review_result: result, touches_market: !!s.market,
      fair_competition_reviewed_on: fc, fair_competition_passed: fc ? s.fc!.passed : null, adopted_on: adopted,
      doc_number: docNumber, issued_on: issued, cleaned_on: cleaned, cleanup_action: cleaned ? s.cleanup!.action : null,
    };
    assertConsistent(state, today);
    const opinions = result ? OPINIONS[result] : [];
    rows.push([itemNo, orgs.get(s.org), s.kind, s.title, s.unit, state.submitted_on, reviewed, result, result ? opinions[n % opinions.length] : null,
      state.touches_market, fc, state.fair_competition_passed, state.adopted_on, docNumber, issued, cleaned, state.cleanup_action,
      cleaned ? (s.cleanup!.batch === 'last' ? `${y}年度行政规范性文件清理` : `${year}年度行政规范性文件集中清理`) : null]);
  });
  if (rows.length === 0) return;
  const columns = ['item_no', 'org_id', 'kind', 'title', 'drafting_unit', 'submitted_on', 'reviewed_on', 'review_result', 'review_opinion', 'touches_market',
    'fair_competition_reviewed_on', 'fair_competition_passed', 'adopted_on', 'doc_number', 'issued_on', 'cleaned_on', 'cleanup_action', 'cleanup_batch'];
  await db.transaction(async (tx) => {
    const values = rows.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(',\n');
    await tx.query(`INSERT INTO legality_items (${columns.join(', ')}) VALUES ${values}`, rows.flat());
    await recordAudit(tx, SEED_ACTOR, { action: 'seed.legality', objectType: 'legality_item', after: { count: rows.length } });
  });
}
