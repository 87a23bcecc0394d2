// Dataset `penalty_cases` (docs/data-exchange.md), keyed by case_no: a commission's
// historical penalty cases, imported already concluded so that its figures (the
// enforcement.* metrics, the annual report) cover the years before the platform. An
// import sets the case's final state and dates directly without walking the procedure,
// but the dates must be in order and the record must be lawful on its face (a simple-
// procedure case within art. 51, a fine with the sanction 罚款 …) or the row is refused.
// A case handled on the platform is never overwritten by an import; re-importing the
// same file updates the imported cases. The export is the case list with its filters.
import type { Queryable } from '../../platform/db';
import { defineDataset, type Report } from '../../platform/imports/dataset';
import { date, list, money, oneOf, text, yesNo } from '../../platform/imports/columns';
import { loadOrgLookup, orgCodeColumn } from '../orgs/dataset';
import { loadWorkCalendar } from '../calendar/service';
import { computeDue } from '../../core/calendar/deadline';
import { todayInChina } from '../../core/calendar/dates';
import type { WorkCalendar } from '../../core/calendar/workCalendar';
import { RULES } from '../../core/law/rules';
import { CASE_CLOCKS, type CaseState } from '../../core/procedure/penaltyCase';
import { SANCTION_KIND_CODES, SANCTION_KIND_NAMES, kindsOf, sanctionOfKind, type SanctionKind } from './sanctionKinds';
import { caseFilters } from './schema';
import { caseWhere } from './service';

const PROCEDURES = ['simple', 'general'] as const;
const PARTY_KINDS = ['person', 'organisation'] as const;

const columns = {
  case_no: text({ label: '案件编号', required: true, max: 60, example: '嘉卫罚〔2025〕12号', format: '文本，不超过60个字符；系统内唯一（关键列）' }),
  org_code: orgCodeColumn('办案机构代码', true, '办案机构的机构代码，须已在系统中并在您的管理范围内'),
  entity_uscc: text({ label: '当事人统一社会信用代码', required: false, max: 18, example: '91330402MA2B3C4D5E',
    format: '监管对象的统一社会信用代码，须已导入监管对象；当事人不是监管对象的留空并填写当事人名称' }),
  party_name: text({ label: '当事人名称（姓名）', required: false, max: 200, example: '嘉兴市某某诊所', format: '未填统一社会信用代码时必填，不超过200个字符' }),
  procedure: oneOf({ label: '程序', required: true, values: PROCEDURES, names: { simple: '简易程序', general: '普通程序' }, example: 'general' }),
  opened_on: date({ label: '立案日期', required: true, example: '2025-03-01', format: '日期 YYYY-MM-DD；简易程序填当场处罚日期' }),
  decided_on: date({ label: '决定日期', required: false, example: '2025-04-15', format: '日期 YYYY-MM-DD，不早于立案日期；已作出决定（含不予处罚）的必填' }),
  closed_on: date({ label: '结案日期', required: false, example: '2025-05-20', format: '日期 YYYY-MM-DD，不早于决定日期' }),
  fine_yuan: money({ label: '罚款金额（元）', required: false, example: '20000', format: '金额（元），最多两位小数；处罚种类含 fine 时必填且大于0' }),
  confiscation_yuan: money({ label: '没收金额（元）', required: false, example: '6000', format: '没收违法所得、非法财物的金额（元）；大于0时处罚种类须含 confiscation' }),
  sanctions: list({ label: '处罚种类', required: false, values: SANCTION_KIND_CODES, names: SANCTION_KIND_NAMES, example: 'warning;fine' }),
  major: yesNo({ label: '重大执法决定', required: false, example: 'N', format: 'Y（是）或 N（否），空为否' }),
  legal_review_submitted_on: date({ label: '提交法制审核日期', required: false, example: '2025-04-01' }),
  legal_review_completed_on: date({ label: '法制审核完成日期', required: false, example: '2025-04-08', format: '日期 YYYY-MM-DD，不早于提交法制审核日期' }),
  published_on: date({ label: '公示日期', required: false, example: '2025-04-20', format: '日期 YYYY-MM-DD，不早于决定日期' }),
  paid_on: date({ label: '缴纳日期', required: false, example: '2025-04-30', format: '日期 YYYY-MM-DD，与缴纳金额同时填写' }),
  paid_yuan: money({ label: '缴纳金额（元）', required: false, example: '20000' }),
  transferred_on: date({ label: '移送日期', required: false, example: '', format: '移送其他机关的日期 YYYY-MM-DD，不早于立案日期' }),
  provisions: list({ label: '处罚依据条款', required: false, example: 'BHPL-99', format: '处罚条款编号（见“裁量基准”），多个用英文分号 ; 分隔' }),
  // Columns beyond data-exchange.md (allowed there: "more columns may be added").
  party_kind: oneOf({ label: '当事人类型', required: false, values: PARTY_KINDS, names: { person: '公民', organisation: '法人或其他组织' }, example: 'organisation',
    format: 'person（公民）或 organisation（法人或其他组织）；空时有统一社会信用代码的为法人或其他组织，否则为公民' }),
  cause: text({ label: '案由', required: false, max: 200, example: '未取得医疗机构执业许可证擅自执业', format: '文本，不超过200个字符；空时取第一个处罚条款的名称' }),
};

interface CaseRecord {
  case_no: string; org_id: number; entity_uscc: string | null; entity_id: number | null; party_name: string | null;
  party_kind: 'person' | 'organisation'; party_code: string | null; party_address: string; procedure: 'simple' | 'general';
  state: CaseState; cause: string; lead_on: string; filed_on: string | null; decision_due: string | null; decided_on: string | null;
  closed_on: string | null; fine: string | null; confiscated: string | null; sanctions: string[]; major: boolean;
  review_submitted_on: string | null; review_completed_on: string | null; published_on: string | null; publication_due: string | null;
  paid_on: string | null; paid: string | null; transferred_on: string | null; provisions: string[];
}

/** The state an imported case ends in: the furthest its dates show. */
function stateOf(r: { closed_on: string | null; transferred_on: string | null; decided_on: string | null; sanctions: string[]; paid_on: string | null; procedure: string }): CaseState {
  if (r.closed_on) return 'closed';
  if (r.transferred_on) return 'transferred';
  if (r.sanctions.length === 0) return 'no_penalty';
  if (r.paid_on) return 'paid';
  return r.procedure === 'simple' ? 'simple_decided' : 'decided';
}

/** Later-than checks: each date of the row against the one it cannot precede. */
const DATE_ORDER: [keyof typeof columns, keyof typeof columns, string][] = [
  ['decided_on', 'opened_on', '决定日期不能早于立案日期'],
  ['closed_on', 'opened_on', '结案日期不能早于立案日期'],
  ['closed_on', 'decided_on', '结案日期不能早于决定日期'],
  ['legal_review_submitted_on', 'opened_on', '提交法制审核日期不能早于立案日期'],
  ['legal_review_completed_on', 'legal_review_submitted_on', '法制审核完成日期不能早于提交日期'],
  ['published_on', 'decided_on', '公示日期不能早于决定日期'],
  ['paid_on', 'decided_on', '缴纳日期不能早于决定日期'],
  ['transferred_on', 'opened_on', '移送日期不能早于立案日期'],
];

type Row = { [K in keyof typeof columns]: unknown };

function checkDates(row: Row, report: Report, today: string): void {
  for (const [k] of Object.entries(columns).filter(([, c]) => c.kind === 'date')) {
    const v = row[k as keyof Row] as string | null | undefined;
    if (v && v > today) report(k, '日期不能晚于今天：历史案件应已发生');
  }
  for (const [later, earlier, message] of DATE_ORDER) {
    const a = row[later] as string | null | undefined;
    const b = row[earlier] as string | null | undefined;
    if (a && b && a < b) report(later, message);
  }
}

/** Sanctions, amounts and procedure agree with each other and with the law. */
function checkPenalty(row: Row, kind: 'person' | 'organisation' | null, report: Report): void {
  const sanctions = (row.sanctions as SanctionKind[] | null) ?? [];
  const fine = Number(row.fine_yuan ?? 0);
  const confiscation = Number(row.confiscation_yuan ?? 0);
  if (sanctions.length > 0 && !row.decided_on) report('decided_on', '有处罚种类的案件必须填写决定日期');
  if (sanctions.includes('fine') && !(fine > 0)) report('fine_yuan', '处罚种类含罚款（fine）时罚款金额必须大于0');
  if (fine > 0 && !sanctions.includes('fine')) report('sanctions', '填写了罚款金额，处罚种类应含罚款（fine）');
  if (confiscation > 0 && !sanctions.includes('confiscation')) report('sanctions', '填写了没收金额，处罚种类应含没收（confiscation）');
  if ((row.paid_on === null) !== (row.paid_yuan === null)) report(row.paid_on === null ? 'paid_on' : 'paid_yuan', '缴纳日期和缴纳金额应同时填写');
  if (row.published_on && sanctions.length === 0) report('published_on', '只有行政处罚决定才公示；不予处罚或未作决定的案件不应有公示日期');
  if (row.legal_review_completed_on && !row.legal_review_submitted_on) report('legal_review_submitted_on', '填写了法制审核完成日期，应同时填写提交日期');
  if (row.procedure === 'simple') {
    if (!row.decided_on) report('decided_on', '简易程序案件是当场作出的处罚决定，必须填写决定日期');
    if (sanctions.some((s) => s !== 'warning' && s !== 'fine')) report('sanctions', `简易程序只能给予警告或者罚款（${RULES.simpleProcedureFinePerson.citation}）`);
    const limit = kind === 'person' ? RULES.simpleProcedureFinePerson.value : RULES.simpleProcedureFineOrganisation.value;
    if (fine > limit) report('fine_yuan', `简易程序对${kind === 'person' ? '公民' : '法人或者其他组织'}的罚款不得超过${limit}元（${RULES.simpleProcedureFinePerson.citation}）`);
  }
  if (!row.decided_on && !row.transferred_on && !row.closed_on) {
    report(null, '历史案件应已作出决定、移送或结案（填写决定日期、移送日期或结案日期之一）；正在办理的案件请在平台上登记办理');
  }
}

function publicationDue(calendar: WorkCalendar, decidedOn: string | null): string | null {
  return decidedOn ? computeDue(calendar, { start: decidedOn, amount: RULES.publicationPeriod.value, unit: 'workday' }).due : null;
}

async function provisionTitles(tx: Queryable): Promise<Map<string, string>> {
  return new Map((await tx.query<{ code: string; title: string }>('SELECT code, title FROM penalty_provisions')).map((p) => [p.code, p.title]));
}

export const penaltyCasesDataset = defineDataset({
  name: 'penalty_cases',
  label: '行政处罚案件',
  key: 'case_no',
  columns,
  importPermission: 'imports.penalty_cases',
  exportPermission: 'cases.read',
  table: 'penalty_cases',

  async begin({ tx, scope }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    const provisions = await provisionTitles(tx);
    const calendar = await loadWorkCalendar(tx);
    const today = todayInChina();
    const scopeIds = [...scope.orgIds];
    return {
      batchSize: 2000,

      check(row, report): CaseRecord | undefined {
        const orgId = resolveOrg(row.org_code, report);
        if (!row.entity_uscc && !row.party_name) report('party_name', '未填写当事人统一社会信用代码时，必须填写当事人名称（姓名）');
        const kind = row.party_kind ?? (row.entity_uscc ? 'organisation' : null);
        checkDates(row, report, today);
        checkPenalty(row, kind, report);
        const codes = row.provisions ?? [];
        for (const code of codes) if (!provisions.has(code)) report('provisions', `处罚条款“${code}”不存在，请先在“裁量基准”中添加该条款`);
        const sanctions = (row.sanctions ?? []).map((k) => sanctionOfKind(k as SanctionKind));
        const general = row.procedure === 'general';
        const base = { closed_on: row.closed_on ?? null, transferred_on: row.transferred_on ?? null, decided_on: row.decided_on ?? null, sanctions, paid_on: row.paid_on ?? null, procedure: row.procedure ?? 'general' };
        return {
          case_no: row.case_no!, org_id: orgId!, entity_uscc: row.entity_uscc ?? null, entity_id: null, party_name: row.party_name ?? null,
          party_kind: kind ?? 'person', party_code: row.entity_uscc ?? null, party_address: '', procedure: row.procedure!,
          state: stateOf(base), cause: row.cause ?? (codes.length ? provisions.get(codes[0]) ?? '历史案件' : '历史案件'),
          lead_on: row.opened_on!, filed_on: general ? row.opened_on! : null,
          decision_due: general && row.opened_on ? computeDue(calendar, { start: row.opened_on, amount: CASE_CLOCKS.decision.amount, unit: CASE_CLOCKS.decision.unit }).due : null,
          decided_on: base.decided_on, closed_on: base.closed_on, fine: row.fine_yuan ?? (row.decided_on ? '0.00' : null),
          confiscated: row.confiscation_yuan ?? null, sanctions, major: row.major ?? false,
          review_submitted_on: row.legal_review_submitted_on ?? null, review_completed_on: row.legal_review_completed_on ?? null,
          published_on: row.published_on ?? null, publication_due: sanctions.length ? publicationDue(calendar, base.decided_on) : null,
          paid_on: base.paid_on, paid: row.paid_yuan ?? null, transferred_on: base.transferred_on, provisions: codes,
        };
      },

      async checkBatch(batch) {
        // A case handled on the platform, or one of another organisation's, is not the import's to change.
        const existing = await tx.query<{ case_no: string; imported: boolean; org_id: number }>(
          'SELECT case_no, imported, org_id FROM penalty_cases WHERE case_no = ANY($1::text[])', [batch.map((p) => p.record.case_no)]);
        const byNo = new Map(existing.map((e) => [e.case_no, e]));
        const usccs = [...new Set(batch.map((p) => p.record.entity_uscc).filter((u): u is string => u !== null))];
        const entities = usccs.length === 0 ? [] : await tx.query<{ id: number; uscc: string; name: string; address: string; org_id: number }>(
          'SELECT id, uscc, name, address, org_id FROM entities WHERE uscc = ANY($1::text[])', [usccs]);
        const entityOf = new Map(entities.map((e) => [e.uscc, e]));
        for (const p of batch) {
          const e = byNo.get(p.record.case_no);
          if (e && !e.imported) p.report('case_no', '该案件编号已在平台上立案办理，不能通过导入修改');
          else if (e && !scope.all && !scopeIds.includes(e.org_id)) p.report('case_no', '该案件编号已属于您管理范围以外的机构，不能通过导入修改');
          if (p.record.entity_uscc) {
            const entity = entityOf.get(p.record.entity_uscc);
            if (!entity || (!scope.all && !scopeIds.includes(entity.org_id))) {
              p.report('entity_uscc', '监管对象不存在或不在您的管理范围内，请先导入监管对象，或留空并填写当事人名称');
            } else {
              p.record.entity_id = entity.id;
              p.record.party_name ??= entity.name;
              p.record.party_address = entity.address;
            }
          }
        }
      },

      async write(records) {
        const col = <K extends keyof CaseRecord>(k: K) => records.map((r) => r[k]);
        const listCol = (k: 'sanctions' | 'provisions') => records.map((r) => r[k].join(';'));
        const result = await tx.query<{ inserted: boolean }>(
          `INSERT INTO penalty_cases (case_no, org_id, state, procedure_kind, source, cause, entity_id, party_kind, party_name, party_code,
                                      party_address, lead_on, filed_on, decision_due, decided_on, closed_on, decided_fine_yuan,
                                      confiscated_yuan, decided_sanctions, major_decision, legal_review_submitted_on,
                                      legal_review_completed_on, legal_review_passed, published_on, publication_due, paid_on, paid_yuan,
                                      transferred_on, provision_code, provision_codes, imported)
           SELECT t.case_no, t.org_id, t.state, t.procedure, 'other', t.cause, t.entity_id, t.party_kind, t.party_name, t.party_code,
                  t.party_address, t.lead_on, t.filed_on, t.decision_due, t.decided_on, t.closed_on, t.fine,
                  t.confiscated, CASE WHEN t.decided_on IS NULL THEN NULL ELSE string_to_array(t.sanctions, ';') END, t.major,
                  t.review_submitted_on, t.review_completed_on, t.review_completed_on IS NOT NULL, t.published_on, t.publication_due,
                  t.paid_on, t.paid, t.transferred_on, nullif(split_part(t.provisions, ';', 1), ''),
                  nullif(string_to_array(t.provisions, ';'), '{}'), true
             FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                         $10::text[], $11::date[], $12::date[], $13::date[], $14::date[], $15::date[], $16::numeric[], $17::numeric[],
                         $18::text[], $19::boolean[], $20::date[], $21::date[], $22::date[], $23::date[], $24::date[], $25::numeric[],
                         $26::date[], $27::text[])
                  AS t(case_no, org_id, state, procedure, cause, entity_id, party_kind, party_name, party_code, party_address, lead_on,
                       filed_on, decision_due, decided_on, closed_on, fine, confiscated, sanctions, major, review_submitted_on,
                       review_completed_on, published_on, publication_due, paid_on, paid, transferred_on, provisions)
           ON CONFLICT (case_no) DO UPDATE SET org_id = EXCLUDED.org_id, state = EXCLUDED.state, procedure_kind = EXCLUDED.procedure_kind,
             cause = EXCLUDED.cause, entity_id = EXCLUDED.entity_id, party_kind = EXCLUDED.party_kind, party_name = EXCLUDED.party_name,
             party_code = EXCLUDED.party_code, party_address = EXCLUDED.party_address, lead_on = EXCLUDED.lead_on, filed_on = EXCLUDED.filed_on,
             decision_due = EXCLUDED.decision_due, decided_on = EXCLUDED.decided_on, closed_on = EXCLUDED.closed_on,
             decided_fine_yuan = EXCLUDED.decided_fine_yuan, confiscated_yuan = EXCLUDED.confiscated_yuan,
             decided_sanctions = EXCLUDED.decided_sanctions, major_decision = EXCLUDED.major_decision,
             legal_review_submitted_on = EXCLUDED.legal_review_submitted_on, legal_review_completed_on = EXCLUDED.legal_review_completed_on,
             legal_review_passed = EXCLUDED.legal_review_passed, published_on = EXCLUDED.published_on,
             publication_due = EXCLUDED.publication_due, paid_on = EXCLUDED.paid_on, paid_yuan = EXCLUDED.paid_yuan,
             transferred_on = EXCLUDED.transferred_on, provision_code = EXCLUDED.provision_code,
             provision_codes = EXCLUDED.provision_codes, version = penalty_cases.version + 1, updated_at = now()
             WHERE penalty_cases.imported
           RETURNING (xmax = 0) AS inserted`,
          [col('case_no'), col('org_id'), col('state'), col('procedure'), col('cause'), col('entity_id'), col('party_kind'), col('party_name'),
            col('party_code'), col('party_address'), col('lead_on'), col('filed_on'), col('decision_due'), col('decided_on'), col('closed_on'),
            col('fine'), col('confiscated'), listCol('sanctions'), col('major'), col('review_submitted_on'), col('review_completed_on'),
            col('published_on'), col('publication_due'), col('paid_on'), col('paid'), col('transferred_on'), listCol('provisions')]);
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: result.length - inserted };
      },
    };
  },

  // The case list's filters, so the Excel export holds what the list shows.
  exportFilters: caseFilters,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    const w = caseWhere(filters, scopeOrgIds, todayInChina(), 3);
    const rows = await db.query<{ id: number; sanctions: string[] | null } & Record<string, unknown>>(
      `SELECT c.id, c.case_no, o.code AS org_code, e.uscc AS entity_uscc, c.party_name, c.procedure_kind AS procedure,
              coalesce(c.filed_on, c.lead_on)::text AS opened_on, c.decided_on::text AS decided_on, c.closed_on::text AS closed_on,
              c.decided_fine_yuan::text AS fine_yuan, c.confiscated_yuan::text AS confiscation_yuan, c.decided_sanctions AS sanctions,
              c.major_decision AS major, c.legal_review_submitted_on::text AS legal_review_submitted_on,
              c.legal_review_completed_on::text AS legal_review_completed_on, c.published_on::text AS published_on,
              c.paid_on::text AS paid_on, c.paid_yuan::text AS paid_yuan, c.transferred_on::text AS transferred_on,
              coalesce(c.provision_codes, '{}') AS provisions, c.party_kind, c.cause
         FROM penalty_cases c JOIN organizations o ON o.id = c.org_id LEFT JOIN entities e ON e.id = c.entity_id
        WHERE c.id > $1 AND ${w.where}
        ORDER BY c.id LIMIT $2`,
      [afterId, limit, ...w.params]);
    return rows.map((r) => ({ ...r, sanctions: kindsOf(r.sanctions ?? []) })) as never;
  },
});
