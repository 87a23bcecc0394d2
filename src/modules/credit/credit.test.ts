// Credit and risk through the API on real records: penalty decisions imported as history
// (severity derived from the decision) or decided on the platform and published (severity
// as published), inspection visits; the stored grade, class and list with the reasons'
// text; the directory's filters and search; recompute of a scope in batches; overrides
// with their Chinese validation messages and history; credit repair requested, approved
// or refused by another person, lifting the decision's effect; scope (404), permissions
// (403) and the audit entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, addMonths, todayInChina } from '../../core/calendar/dates';
import { csv, multipart } from '../datasets/testFiles';
import { caseFixtures, takeStep } from '../cases/testSupport';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { recomputeOrgs } from './service';

let env: TestEnv;
let legal: Client;
let leader: Client;
let admin: Client;
let inspector1: Client;
let inspector3: Client;
let districtAdmin: Client;
const today = todayInChina();

interface E { id: number; uscc: string; name: string }
/** NH-JDS public places: S serious penalty, N two failed inspections, P a decision on the spot, R repairs, Q override, Z nothing. */
let S: E; let N: E; let P: E; let R: E; let Q: E; let Z: E;
let X: E;
let nhInstitute: number;
let inspectorOf: Record<string, number>;

const CASE_COLUMNS = ['case_no', 'org_code', 'entity_uscc', 'party_name', 'procedure', 'opened_on', 'decided_on', 'closed_on', 'fine_yuan',
  'confiscation_yuan', 'sanctions', 'major', 'legal_review_submitted_on', 'legal_review_completed_on', 'published_on', 'paid_on',
  'paid_yuan', 'transferred_on', 'provisions'];
const VISIT_COLUMNS = ['visit_no', 'org_code', 'entity_uscc', 'visited_on', 'inspector_staff_nos', 'random_task_no', 'result'];

const decidedS = addDays(today, -30);
const decidedR1 = addMonths(today, -18);
const decidedR2 = addMonths(today, -20);
const decidedR3 = addDays(today, -10);

async function upload(dataset: string, rows: unknown[][]) {
  const m = multipart(`${dataset}.csv`, csv(rows));
  const res = await legal.post(`/api/imports/${dataset}`, m.body, m.headers);
  expect(res.statusCode, res.body).toBe(200);
}

const caseRow = (no: string, uscc: string, decided: string, fine: string, sanctions: string) =>
  [no, 'NH-JDS', uscc, '', 'general', addDays(decided, -20), decided, '', fine, '', sanctions, 'N', '', '', '', '', '', '', ''];

const caseId = async (no: string) => (await env.db.one<{ id: number }>('SELECT id FROM penalty_cases WHERE case_no = $1', [no]))!.id;
const entityRow = async (id: number) => (await env.db.one<{ credit_grade: string; risk_class: string; blacklisted: boolean }>(
  'SELECT credit_grade, risk_class, blacklisted FROM entities WHERE id = $1', [id]))!;
const auditCount = async (action: string, objectId?: number) => (await env.db.one<{ n: number }>(
  'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR object_id = $2)', [action, objectId === undefined ? null : String(objectId)]))!.n;

beforeAll(async () => {
  env = await setupTestEnv();
  [legal, leader, admin, inspector1, inspector3] = await Promise.all(['legal', 'leader', 'admin', 'inspector1', 'inspector3'].map((u) => env.as(u)));
  ({ inspectorOf, nhInstitute } = await caseFixtures(env));
  const places = await env.db.query<E>(
    `SELECT e.id, e.uscc, e.name FROM entities e JOIN organizations o ON o.id = e.org_id
      WHERE o.code = 'NH-JDS' AND e.category = 'public_place' ORDER BY e.id LIMIT 6`);
  expect(places).toHaveLength(6);
  [S, N, P, R, Q, Z] = places;
  X = (await env.db.one<E>("SELECT e.id, e.uscc, e.name FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'XZ-JDS' ORDER BY e.id LIMIT 1"))!;

  await upload('penalty_cases', [CASE_COLUMNS,
    // 150,000 yuan on an organisation: at the collective-discussion threshold (art. 57), so serious.
    caseRow('CR-S-1', S.uscc, decidedS, '150000', 'warning;fine'),
    // Two serious decisions of R, old enough for credit repair, and one too recent.
    caseRow('CR-R-1', R.uscc, decidedR1, '', 'suspension'),
    caseRow('CR-R-2', R.uscc, decidedR2, '200000', 'fine'),
    caseRow('CR-R-3', R.uscc, decidedR3, '120000', 'fine'),
    // Q: a general decision (a fine below the threshold).
    caseRow('CR-Q-1', Q.uscc, addDays(today, -40), '3000', 'fine'),
  ]);
  const staff = await env.db.query<{ staff_no: string }>(
    "SELECT i.staff_no FROM inspectors i JOIN organizations o ON o.id = i.org_id WHERE o.code = 'NH-JDS' ORDER BY i.id LIMIT 2");
  const team = staff.map((s) => s.staff_no).join(';');
  await upload('inspections', [VISIT_COLUMNS,
    ['CR-V-1', 'NH-JDS', N.uscc, addMonths(today, -5), team, '', 'non_compliant'],
    ['CR-V-2', 'NH-JDS', N.uscc, addDays(today, -7), team, '', 'non_compliant'],
    ['CR-V-3', 'NH-JDS', Z.uscc, addDays(today, -7), team, '', 'compliant'],
  ]);

  // A district administrator of 秀洲区: every permission, but only that district's records.
  const xz = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'XZ-WJJ'"))!.id;
  const res = await admin.post('/api/users', {
    username: 'xzcredit', displayName: '秀洲区信用管理员', orgId: xz, roles: ['admin'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026', active: true,
  });
  expect(res.statusCode, res.body).toBe(200);
  districtAdmin = await env.as('xzcredit', 'District2026');
});
afterAll(async () => { await env?.close(); });

const reasonOf = (detail: { evaluation: { reasons: { ruleId: string }[] } }, ruleId: string) =>
  detail.evaluation.reasons.find((r) => r.ruleId === ruleId) as { text: string; citation: string; records: { kind: string; id: number }[]; decisive: boolean } | undefined;

describe('computing and storing the evaluation', () => {
  it('a serious penalty: grade D, high risk, on the list, with the reason naming the decision', async () => {
    const before = (await legal.get(`/api/credit/entities/${S.id}`)).json();
    expect(before.evaluation).toBeNull();
    expect(before.assumptions.join('')).toContain('投诉举报尚未纳入评价');

    const res = await legal.post(`/api/credit/entities/${S.id}/recompute`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.evaluation).toMatchObject({
      evaluatedOn: today, grade: 'D', riskClass: 'high', blacklisted: true, computedGrade: 'D', computedRiskClass: 'high', overridden: false,
      blacklistedSince: decidedS, blacklistedUntil: addMonths(decidedS, 36), gradeSince: decidedS, gradeUntil: addMonths(decidedS, 36),
      ruleSet: { id: 'credit.default.v1' },
    });
    const id = await caseId('CR-S-1');
    const serious = reasonOf(d, 'grade.d.serious_penalty')!;
    expect(serious.text).toBe(`3年内受到严重违法行政处罚（未经信用修复），信用等级D：行政处罚决定CR-S-1（${decidedS}作出，严重违法，警告、罚款，罚款150,000元，影响至${addMonths(decidedS, 36)}）`);
    expect(serious.citation).toContain('《信用修复管理办法》');
    expect(serious.records).toEqual([expect.objectContaining({ kind: 'penalty', id, ref: 'CR-S-1', date: decidedS })]);
    expect(reasonOf(d, 'blacklist.serious_penalty')!.text).toContain('列入重点监管名单（严重失信）');
    expect(reasonOf(d, 'risk.grade_d')).toBeDefined();
    // Stored on the entity (the directory's columns) and in credit_evaluations.
    expect(await entityRow(S.id)).toEqual({ credit_grade: 'D', risk_class: 'high', blacklisted: true });
    expect(d.entity).toMatchObject({ creditGrade: 'D', riskClass: 'high', blacklisted: true });
    const stored = await env.db.one<{ computed_grade: string; rule_set_id: string; reasons: unknown[] }>(
      'SELECT computed_grade, rule_set_id, reasons FROM credit_evaluations WHERE entity_id = $1', [S.id]);
    expect(stored).toMatchObject({ computed_grade: 'D', rule_set_id: 'credit.default.v1' });
    expect(stored!.reasons.length).toBe(d.evaluation.reasons.length);
    // The decision as the card lists it: severity derived from the decision (no publication).
    expect(d.penalties).toEqual([expect.objectContaining({ caseId: id, caseNo: 'CR-S-1', severity: 'serious', severitySource: 'derived', fineYuan: 150000, repairedOn: null })]);
    expect(await auditCount('credit.recompute', S.id)).toBe(1);
  });

  it('the directory filters and searches on the new values (its index keys follow)', async () => {
    const word = S.name.slice(0, 4);
    const found = (await legal.get(`/api/entities?q=${encodeURIComponent(word)}&creditGrade=D&riskClass=high&blacklisted=true&pageSize=100`)).json();
    expect(found.rows.map((r: { id: number }) => r.id)).toContain(S.id);
    for (const g of ['A', 'B', 'C']) {
      const other = (await legal.get(`/api/entities?q=${encodeURIComponent(word)}&creditGrade=${g}&pageSize=100`)).json();
      expect(other.rows.map((r: { id: number }) => r.id)).not.toContain(S.id);
    }
  });

  it('two non-compliant inspections within a year: C, the base risk raised one class', async () => {
    const d = (await legal.post(`/api/credit/entities/${N.id}/recompute`)).json();
    expect(d.evaluation).toMatchObject({ grade: 'C', riskClass: 'medium', blacklisted: false });
    const r = reasonOf(d, 'grade.c.repeated_non_compliance')!;
    expect(r.text).toContain('1年内两次以上监督检查发现问题（不合格），信用等级C：监督检查CR-V-2');
    expect(r.records.map((x) => x.kind)).toEqual(['inspection', 'inspection']);
    expect(reasonOf(d, 'grade.b.non_compliance')!.decisive).toBe(false);
    expect(await entityRow(N.id)).toEqual({ credit_grade: 'C', risk_class: 'medium', blacklisted: false });
  });

  it('no record and a compliant inspection: A, the base risk lowered', async () => {
    const d = (await legal.post(`/api/credit/entities/${Z.id}/recompute`)).json();
    expect(d.evaluation).toMatchObject({ grade: 'A', riskClass: 'low', blacklisted: false });
    expect(reasonOf(d, 'grade.a.default')).toBeDefined();
  });

  it('a decision on the spot: minor as derived (a warning alone), then as judged at publication', async () => {
    const lead = await inspector1.post('/api/cases', {
      orgId: nhInstitute, source: 'inspection', cause: '从业人员未取得健康合格证明', leadOn: today, entityId: P.id, partyKind: 'organisation',
      partyName: P.name, partyCode: P.uscc, partyLegalRep: null, partyAddress: '嘉兴市南湖区', partyPhone: null, facts: null,
    });
    expect(lead.statusCode, lead.body).toBe(200);
    const id = lead.json().id;
    await takeStep(inspector1, id, 'decide_on_spot', {
      inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], facts: '现场检查发现一名从业人员未取得健康合格证明上岗。', sanctions: ['warning'], fineYuan: 0,
    });
    const minor = (await legal.post(`/api/credit/entities/${P.id}/recompute`)).json();
    expect(minor.evaluation.grade).toBe('B');
    expect(minor.penalties[0]).toMatchObject({ caseId: id, severity: 'minor', severitySource: 'derived' });
    expect(reasonOf(minor, 'grade.b.minor_penalty')!.records[0]).toMatchObject({ kind: 'penalty', id });

    expect((await inspector1.post(`/api/cases/${id}/publication`, { severity: 'general' })).statusCode).toBe(200);
    const general = (await legal.post(`/api/credit/entities/${P.id}/recompute`)).json();
    expect(general.evaluation).toMatchObject({ grade: 'C', riskClass: 'medium' });
    expect(general.penalties[0]).toMatchObject({ severity: 'general', severityName: '一般', severitySource: 'publication' });
  });

  it('recomputes an organisation’s subtree in batches, audited once with the counts', async () => {
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'"))!.id;
    const count = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities WHERE org_id = $1', [nh]))!.n;
    const before = await auditCount('credit.recompute_all');
    const res = await legal.post('/api/credit/recompute', { orgId: nh });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ evaluatedOn: today, entities: count, failed: 0, errors: [] });
    expect(res.json().changed).toBeGreaterThan(0);
    expect(await auditCount('credit.recompute_all')).toBe(before + 1);
    const entry = await env.db.one<{ after: { entities: number; changed: number; orgId: number } }>(
      "SELECT after FROM audit_log WHERE action = 'credit.recompute_all' ORDER BY id DESC LIMIT 1");
    expect(entry!.after).toMatchObject({ entities: count, changed: res.json().changed, orgId: nh });
    // Every entity of the institute has an evaluation, none of another district.
    expect((await env.db.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM credit_evaluations v JOIN entities e ON e.id = v.entity_id WHERE e.org_id = $1', [nh]))!.n).toBe(count);
    expect(await env.db.one('SELECT 1 FROM credit_evaluations WHERE entity_id = $1', [X.id])).toBeUndefined();
    // The values did not move on a second run.
    expect((await legal.post('/api/credit/recompute', { orgId: nh })).json()).toMatchObject({ entities: count, changed: 0 });
    // The whole scope of the caller when no organisation is named.
    const all = (await districtAdmin.post('/api/credit/recompute', {})).json();
    const xzCount = (await env.db.one<{ n: number }>(
      "SELECT count(*)::int AS n FROM entities e JOIN organizations o ON o.id = e.org_id JOIN organizations r ON r.code = 'XZ-WJJ' AND o.path LIKE r.path || '%'"))!.n;
    expect(all.entities).toBe(xzCount);
  });

  it('small batches give the same counts as one, each batch its own transaction, one audit entry', async () => {
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'"))!.id;
    const count = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities WHERE org_id = $1', [nh]))!.n;
    // Move one entity's stored grade so that the run has a change to make.
    await env.db.query(`UPDATE entities SET credit_grade = 'A' WHERE id = $1`, [S.id]);
    const before = await auditCount('credit.recompute_all');
    for (const size of [7, count, count + 1]) {
      const r = await recomputeOrgs(env.db, SYSTEM_ACTOR('test'), [nh], null, {}, size);
      expect(r).toMatchObject({ entities: count, failed: 0, changed: size === 7 ? 1 : 0 });
    }
    expect(await auditCount('credit.recompute_all')).toBe(before + 3);
    expect(await entityRow(S.id)).toMatchObject({ credit_grade: 'D' });
  });
});

describe('manual override (人工调整)', () => {
  const valid = () => ({ grade: 'B', reason: '已全面整改并经复查合格', from: today, until: addMonths(today, 6) });

  it('refuses an override without reason, grade or class, or beyond the longest period, in Chinese', async () => {
    const put = (body: Record<string, unknown>) => legal.put(`/api/credit/entities/${Q.id}/override`, body);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid(), reason: '' }, '人工调整必须说明理由'],
      [{ ...valid(), reason: '已整改' }, '理由不少于5个字'],
      [{ ...valid(), grade: null }, '人工调整应至少调整信用等级或风险等级之一'],
      [{ ...valid(), grade: 'E' }, '信用等级“E”无效'],
      [{ ...valid(), riskClass: 'extreme' }, '风险等级“extreme”无效'],
      [{ ...valid(), until: addMonths(today, 13) }, '调整期限最长12个月'],
      [{ ...valid(), until: addDays(today, -1), from: addDays(today, -5) }, '早于今天'],
      [{ ...valid(), until: addDays(today, -1) }, '早于起始日期'],
      [{ ...valid(), from: '2026-02-30' }, '调整起始日期应为有效日期'],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('CREDIT_OVERRIDE_INVALID');
      expect(res.json().error.message).toContain(message);
    }
    expect(await env.db.one('SELECT 1 FROM credit_overrides WHERE entity_id = $1', [Q.id])).toBeUndefined();
  });

  it('sets an override that replaces the grade at once, keeps the computed one, and lifts it with a reason', async () => {
    const computed = (await legal.post(`/api/credit/entities/${Q.id}/recompute`)).json();
    expect(computed.evaluation).toMatchObject({ grade: 'C', riskClass: 'medium' });

    const res = await legal.put(`/api/credit/entities/${Q.id}/override`, valid());
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.evaluation).toMatchObject({ grade: 'B', computedGrade: 'C', riskClass: 'medium', overridden: true });
    expect(d.evaluation.reasons[0]).toMatchObject({ aspect: 'override' });
    expect(d.evaluation.reasons[0].text).toBe(`人工调整：信用等级由C调整为B；理由：已全面整改并经复查合格（陆文博，${today}至${addMonths(today, 6)}）`);
    expect(d.override).toMatchObject({ grade: 'B', riskClass: null, by: '陆文博', active: true, liftedAt: null });
    expect(await entityRow(Q.id)).toMatchObject({ credit_grade: 'B' });

    // A second override replaces the first, which stays in the history.
    const second = (await legal.put(`/api/credit/entities/${Q.id}/override`, { riskClass: 'low', reason: '风险评估后调整为低风险', from: today, until: addMonths(today, 3) })).json();
    expect(second.evaluation).toMatchObject({ grade: 'C', riskClass: 'low' });
    expect(second.overrideHistory).toHaveLength(2);
    expect(second.overrideHistory[1]).toMatchObject({ grade: 'B', liftedReason: '被新的人工调整取代', active: false });

    expect((await legal.request('DELETE', `/api/credit/entities/${Q.id}/override`, { reason: '' })).statusCode).toBe(400);
    const lifted = await legal.request('DELETE', `/api/credit/entities/${Q.id}/override`, { reason: '复查发现问题，恢复按规则评价' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json().override).toBeNull();
    expect(lifted.json().evaluation).toMatchObject({ grade: 'C', riskClass: 'medium', overridden: false });
    expect(lifted.json().overrideHistory[0]).toMatchObject({ liftedReason: '复查发现问题，恢复按规则评价', liftedBy: '陆文博' });
    expect(await entityRow(Q.id)).toEqual({ credit_grade: 'C', risk_class: 'medium', blacklisted: false });
    const again = await legal.request('DELETE', `/api/credit/entities/${Q.id}/override`, { reason: '再次撤销人工调整' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该监管对象没有生效中的人工调整');

    expect(await auditCount('credit.override', Q.id)).toBe(2);
    expect(await auditCount('credit.override_lift', Q.id)).toBe(1);
  });
});

describe('credit repair (信用修复)', () => {
  let repairId: number;

  it('refuses a request before the minimum publication period or for another entity’s case', async () => {
    await legal.post(`/api/credit/entities/${R.id}/recompute`);
    const early = await legal.post(`/api/credit/entities/${R.id}/repairs`, { caseId: await caseId('CR-R-3'), reason: '当事人已缴清罚款并完成整改' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'REPAIR_TOO_EARLY' });
    expect(early.json().error.message).toContain('届满后方可申请信用修复');
    const other = await legal.post(`/api/credit/entities/${R.id}/repairs`, { caseId: await caseId('CR-S-1'), reason: '当事人已缴清罚款并完成整改' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.code).toBe('REPAIR_CASE_INVALID');
    expect((await legal.post(`/api/credit/entities/${R.id}/repairs`, { caseId: await caseId('CR-R-1'), reason: ' ' })).statusCode).toBe(400);
  });

  it('request → leader approves → the decision no longer counts from today', async () => {
    // First repair one old decision; the other old one and the recent one keep R at D until they are repaired or expire.
    const [r1, r2] = [await caseId('CR-R-1'), await caseId('CR-R-2')];
    const d0 = (await legal.get(`/api/credit/entities/${R.id}`)).json();
    expect(d0.evaluation).toMatchObject({ grade: 'D', blacklisted: true });
    expect(d0.penalties.find((p: { caseId: number }) => p.caseId === r1)).toMatchObject({ severity: 'serious', repairable: true });

    const req = await legal.post(`/api/credit/entities/${R.id}/repairs`, { caseId: r1, reason: '当事人已停业整顿完毕并通过复查' });
    expect(req.statusCode, req.body).toBe(200);
    const pending = req.json().repairs[0];
    expect(pending).toMatchObject({ caseId: r1, caseNo: 'CR-R-1', state: 'pending', stateName: '待审批', requestedBy: '陆文博', decidable: false });
    repairId = pending.id;
    expect(req.json().penalties.find((p: { caseId: number }) => p.caseId === r1)).toMatchObject({ repairable: false, notRepairableReason: '已有待审批的信用修复申请' });
    const dup = await legal.post(`/api/credit/entities/${R.id}/repairs`, { caseId: r1, reason: '再次申请信用修复' });
    expect(dup.statusCode).toBe(409);

    // The legal division requests; only a leader (credit.approve) decides.
    expect((await legal.post(`/api/credit/repairs/${repairId}/approve`, { opinion: '同意' })).statusCode).toBe(403);
    expect((await legal.get('/api/credit/repairs?state=pending')).statusCode).toBe(403);
    const list = await leader.get('/api/credit/repairs?state=pending');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().rows.find((r: { id: number }) => r.id === repairId)).toMatchObject({ entityName: R.name, decidable: true, caseDecidedOn: decidedR1 });
    expect((await leader.post(`/api/credit/repairs/${repairId}/approve`, { opinion: '' })).statusCode).toBe(400);

    const ok = await leader.post(`/api/credit/repairs/${repairId}/approve`, { opinion: '经核查，当事人已纠正失信行为，同意修复' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', decidedOn: today, decidedBy: '沈建国', opinion: '经核查，当事人已纠正失信行为，同意修复' });
    const d1 = (await legal.get(`/api/credit/entities/${R.id}`)).json();
    expect(d1.penalties.find((p: { caseId: number }) => p.caseId === r1)).toMatchObject({ repairedOn: today, repairable: false });
    // Still D: CR-R-2 and CR-R-3 count; the repaired decision is no longer among the records.
    expect(d1.evaluation.grade).toBe('D');
    expect(reasonOf(d1, 'grade.d.serious_penalty')!.records.map((r) => r.id)).not.toContain(r1);
    expect((await leader.post(`/api/credit/repairs/${repairId}/approve`, { opinion: '同意' })).statusCode).toBe(409);

    // Repairing the other two restores the grade (the recent one once its minimum period is over).
    await env.db.query('UPDATE penalty_cases SET decided_on = $2 WHERE id = $1', [await caseId('CR-R-3'), addMonths(today, -15)]);
    for (const c of [r2, await caseId('CR-R-3')]) {
      const r = (await legal.post(`/api/credit/entities/${R.id}/repairs`, { caseId: c, reason: '当事人已缴清罚款并完成整改' })).json().repairs[0];
      expect((await leader.post(`/api/credit/repairs/${r.id}/approve`, { opinion: '同意修复' })).statusCode).toBe(200);
    }
    const restored = (await legal.post(`/api/credit/entities/${R.id}/recompute`)).json();
    expect(restored.evaluation).toMatchObject({ grade: 'A', blacklisted: false, riskClass: 'low' });
    expect(await entityRow(R.id)).toEqual({ credit_grade: 'A', risk_class: 'low', blacklisted: false });
    expect(await auditCount('credit.repair_request')).toBeGreaterThanOrEqual(3);
    expect(await auditCount('credit.repair_approve', repairId)).toBe(1);
  });

  it('a refusal keeps the decision counting; nobody approves their own request', async () => {
    const s1 = await caseId('CR-S-1');
    await env.db.query('UPDATE penalty_cases SET decided_on = $2 WHERE id = $1', [s1, addMonths(today, -14)]);
    const req = (await admin.post(`/api/credit/entities/${S.id}/repairs`, { caseId: s1, reason: '当事人已缴清罚款并完成整改' })).json();
    const id = req.repairs[0].id;
    const own = await admin.post(`/api/credit/repairs/${id}/approve`, { opinion: '同意' });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('REPAIR_OWN_REQUEST');
    const no = await leader.post(`/api/credit/repairs/${id}/reject`, { opinion: '整改材料不全，不予修复' });
    expect(no.statusCode, no.body).toBe(200);
    expect(no.json()).toMatchObject({ state: 'rejected', stateName: '不予批准', opinion: '整改材料不全，不予修复' });
    const d = (await legal.post(`/api/credit/entities/${S.id}/recompute`)).json();
    expect(d.evaluation.grade).toBe('D');
    expect(d.repairs[0]).toMatchObject({ state: 'rejected' });
    // Refused: a new request may be made.
    expect(d.penalties[0]).toMatchObject({ caseId: s1, repairable: true });
    expect(await auditCount('credit.repair_reject', id)).toBe(1);
  });
});

describe('credit repair of a published decision', () => {
  it('withdraws the publication (reason 信用修复) when the repair is approved', async () => {
    const id = (await env.db.one<{ id: number }>('SELECT id FROM penalty_cases WHERE entity_id = $1', [P.id]))!.id;
    // As if the decision had been taken and published four months ago: its minimum period is over.
    await env.db.query('UPDATE penalty_cases SET decided_on = $2 WHERE id = $1', [id, addMonths(today, -4)]);
    await env.db.query('UPDATE case_publications SET repair_from = $2 WHERE case_id = $1', [id, addDays(today, -1)]);
    const req = (await legal.post(`/api/credit/entities/${P.id}/repairs`, { caseId: id, reason: '当事人已纠正违法行为并书面承诺' })).json();
    const ok = await leader.post(`/api/credit/repairs/${req.repairs[0].id}/approve`, { opinion: '同意修复并撤下公示' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', publicationWithdrawn: true });
    const pub = await env.db.one<{ withdrawn_on: string; withdrawn_reason: string }>('SELECT withdrawn_on, withdrawn_reason FROM case_publications WHERE case_id = $1', [id]);
    expect(pub).toMatchObject({ withdrawn_on: today });
    expect(pub!.withdrawn_reason).toMatch(/^信用修复：信用修复申请第\d+号批准：同意修复并撤下公示$/);
    expect(await auditCount('case.unpublish', id)).toBe(1);
    const d = (await legal.get(`/api/credit/entities/${P.id}`)).json();
    expect(d.evaluation).toMatchObject({ grade: 'A', blacklisted: false });
    expect(d.penalties[0]).toMatchObject({ repairedOn: today });
  });
});

describe('scope and permissions', () => {
  it('another district’s entity answers 404, like a missing id', async () => {
    const res = await inspector3.get(`/api/credit/entities/${S.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await inspector3.get('/api/credit/entities/999999999')).json());
    expect((await inspector3.get(`/api/credit/entities/${X.id}`)).statusCode).toBe(200);
    const sRepair = await repairIdOf(S.id);
    const sCase = await caseId('CR-S-1');
    for (const [method, url, body] of [
      ['POST', `/api/credit/entities/${S.id}/recompute`, {}],
      ['PUT', `/api/credit/entities/${S.id}/override`, { grade: 'A', reason: '越权调整信用等级', from: today, until: addMonths(today, 1) }],
      ['DELETE', `/api/credit/entities/${S.id}/override`, { reason: '越权撤销人工调整' }],
      ['POST', `/api/credit/entities/${S.id}/repairs`, { caseId: sCase, reason: '越权申请信用修复' }],
      ['POST', `/api/credit/repairs/${sRepair}/approve`, { opinion: '越权审批' }],
    ] as const) {
      const r = await districtAdmin.request(method, url, body);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(404);
    }
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'"))!.id;
    expect((await districtAdmin.post('/api/credit/recompute', { orgId: nh })).statusCode).toBe(404);
    // The district's list of repairs holds none of Nanhu's.
    expect((await districtAdmin.get('/api/credit/repairs')).json().rows).toEqual([]);
    expect(await env.db.one("SELECT 1 FROM credit_overrides WHERE reason LIKE '越权%'")).toBeUndefined();
  });

  it('an inspector reads the evaluation but cannot recompute, override or request a repair (403)', async () => {
    expect((await inspector1.get(`/api/credit/entities/${S.id}`)).statusCode).toBe(200);
    const forbidden = [
      await inspector1.post(`/api/credit/entities/${S.id}/recompute`),
      await inspector1.post('/api/credit/recompute', {}),
      await inspector1.put(`/api/credit/entities/${S.id}/override`, { grade: 'A', reason: '检查员调整信用等级', from: today, until: addMonths(today, 1) }),
      await inspector1.request('DELETE', `/api/credit/entities/${S.id}/override`, { reason: '检查员撤销人工调整' }),
      await inspector1.post(`/api/credit/entities/${S.id}/repairs`, { caseId: 1, reason: '检查员申请信用修复' }),
      await inspector1.get('/api/credit/repairs'),
    ];
    for (const r of forbidden) {
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toEqual({ code: 'FORBIDDEN', message: '无权执行此操作' });
    }
  });
});

/** A repair of the entity (its latest), for the scope test. */
async function repairIdOf(entityId: number): Promise<number> {
  return (await env.db.one<{ id: number }>('SELECT id FROM credit_repairs WHERE entity_id = $1 ORDER BY id DESC LIMIT 1', [entityId]))!.id;
}
