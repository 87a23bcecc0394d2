// Verification of commitments (告知承诺核查) and credit through the API on a real
// database: a commitment found false is a credit record of the directory entity the
// application names or whose USCC is the applicant's, re-graded in the same transaction
// (grade C, risk raised, the finding named in the reason), also when the licence was never
// linked to the directory, for a filing (no licence at all) and for an application linked
// by entity_id alone; a confirmed check leaves the credit as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addMonths, todayInChina } from '../../core/calendar/dates';

let env: TestEnv;
let window: Client;
let legal: Client;
const today = todayInChina();

interface E { id: number; uscc: string; name: string }
/** Clean public places (no penalty, inspection, licence or application): U linked by USCC only, F a filing, I by entity_id only, K confirmed, L a linked licence. */
let U: E; let F: E; let I: E; let K: E; let L: E;

const MATERIALS = [{ code: 'M1', name: '卫生许可申请书', required: true, replaceable: null }];

async function insertItem(code: string, kind: 'licence' | 'filing'): Promise<void> {
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  await env.db.query(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, commitment_allowed, deficiency_allowed,
       materials, licence_name, licence_valid_years, published_at)
     VALUES ($1,$2,$3,$4,$5,'《公共场所卫生管理条例》第八条',20,5,true,$6,false,$7,$8,$9,now())`,
    [code, root!.id, kind === 'licence' ? '核查测试公共场所卫生许可' : '核查测试备案', kind === 'licence' ? 'public_health' : 'filing_other', kind,
      kind === 'licence', JSON.stringify(MATERIALS), kind === 'licence' ? '公共场所卫生许可证' : null, kind === 'licence' ? 4 : null]);
}

const step = (id: number, name: string, body: Record<string, unknown> = {}) => window.post(`/api/licensing/applications/${id}/steps/${name}`, body);

async function apply(body: Record<string, unknown>): Promise<number> {
  const res = await window.post('/api/licensing/applications', { channel: 'window', contactPhone: '0573-82345678', materials: [{ code: 'M1', provision: 'paper' }], ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().applications[0].id;
}

/** Approved under commitment: the check to record, the application number, the licence. */
async function approvedUnderCommitment(applicant: { applicantName: string; applicantUscc?: string }) {
  const id = await apply({ itemCode: 'T-HC-XK', commitment: true, ...applicant });
  expect((await step(id, 'accept')).statusCode).toBe(200);
  const approved = await step(id, 'approve');
  expect(approved.statusCode, approved.body).toBe(200);
  return { applicationId: id, applicationNo: approved.json().applicationNo as string, checkId: approved.json().check.id as number, licenceId: approved.json().licenceId as number };
}

const standing = async (id: number) => (await env.db.one<{ credit_grade: string; risk_class: string; blacklisted: boolean }>(
  'SELECT credit_grade, risk_class, blacklisted FROM entities WHERE id = $1', [id]))!;
const creditOf = async (id: number) => {
  const res = await window.get(`/api/credit/entities/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const recomputeAudits = async (id: number) => (await env.db.query<{ after: { cause?: string; creditGrade: string } }>(
  "SELECT after FROM audit_log WHERE action = 'credit.recompute' AND object_id = $1 ORDER BY id", [String(id)]));
const record = (checkId: number, result: 'confirmed' | 'false_commitment', finding: string) => window.post(`/api/licensing/checks/${checkId}`, { result, finding });

beforeAll(async () => {
  env = await setupTestEnv();
  [window, legal] = await Promise.all(['window', 'legal'].map((u) => env.as(u)));
  await insertItem('T-HC-XK', 'licence');
  await insertItem('T-HC-BA', 'filing');
  const clean = await env.db.query<E>(
    `SELECT e.id, e.uscc, e.name FROM entities e
      WHERE e.category = 'public_place'
        AND NOT EXISTS (SELECT 1 FROM penalty_cases c WHERE c.entity_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM inspections v WHERE v.entity_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM licences l WHERE l.entity_id = e.id OR l.holder_uscc = e.uscc)
        AND NOT EXISTS (SELECT 1 FROM licence_applications a WHERE a.entity_id = e.id OR a.applicant_uscc = e.uscc)
        AND NOT EXISTS (SELECT 1 FROM credit_overrides o WHERE o.entity_id = e.id)
      ORDER BY e.id LIMIT 5`);
  expect(clean).toHaveLength(5);
  [U, F, I, K, L] = clean;
  // The grade as the records give it, before any check.
  for (const e of clean) expect((await legal.post(`/api/credit/entities/${e.id}/recompute`)).statusCode).toBe(200);
  for (const e of clean) expect(await standing(e.id)).toEqual({ credit_grade: 'A', risk_class: 'low', blacklisted: false });
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('a commitment found false is a credit record of the applicant', () => {
  it('by USCC when the licence was never linked: the licence is revoked, the entity re-graded C at once with the finding named', async () => {
    const a = await approvedUnderCommitment({ applicantName: U.name, applicantUscc: U.uscc });
    // As if the applicant had entered the directory after the approval: nothing links them.
    await env.db.query('UPDATE licence_applications SET entity_id = NULL WHERE id = $1', [a.applicationId]);
    await env.db.query('UPDATE licences SET entity_id = NULL WHERE id = $1', [a.licenceId]);
    const done = await record(a.checkId, 'false_commitment', '现场核查，未按承诺配备消毒设施');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().state).toBe('false_commitment');
    expect((await window.get(`/api/licensing/licences/${a.licenceId}`)).json()).toMatchObject({ status: 'revoked', entityId: null });

    expect(await standing(U.id)).toEqual({ credit_grade: 'C', risk_class: 'high', blacklisted: false });
    const credit = await creditOf(U.id);
    expect(credit.evaluation).toMatchObject({ grade: 'C', riskClass: 'high', evaluatedOn: today, gradeSince: today, gradeUntil: addMonths(today, 36) });
    const reason = credit.evaluation.reasons.find((r: { ruleId: string }) => r.ruleId === 'grade.c.false_commitment');
    const label = `告知承诺不实（核查认定，${today}，办件编号${a.applicationNo}，影响至${addMonths(today, 36)}）`;
    expect(reason).toMatchObject({ aspect: 'grade', outcome: 'C', decisive: true, localDefault: true, records: [{ kind: 'false_commitment', ref: a.applicationNo, date: today, label }] });
    expect(reason.text).toBe(`3年内告知承诺或者备案经核查认定承诺不实，信用等级C：${label}`);
    expect(reason.citation).toContain('国办发〔2020〕42号');
    expect(credit.evaluation.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(['risk.grade_c', 'risk.false_commitment']));
    // Its own audit entry, in the check's transaction; the check's entry names the entity.
    expect((await recomputeAudits(U.id)).at(-1)!.after).toMatchObject({ creditGrade: 'C', cause: 'licensing.check.false_commitment' });
    const checkAudit = await env.db.one<{ after: { creditEntityIds: number[] } }>(
      "SELECT after FROM audit_log WHERE action = 'licensing.check.record' AND object_id = $1", [String(a.checkId)]);
    expect(checkAudit!.after.creditEntityIds).toEqual([U.id]);
  });

  it('a filing (no licence) by USCC alone', async () => {
    const id = await apply({ itemCode: 'T-HC-BA', applicantName: F.name, applicantUscc: F.uscc });
    // Complete, it is recorded on submission.
    const filed = (await window.get(`/api/licensing/applications/${id}`)).json();
    expect(filed).toMatchObject({ state: 'approved', licenceId: null, check: { state: 'open' } });
    await env.db.query('UPDATE licence_applications SET entity_id = NULL WHERE id = $1', [id]);
    expect((await record(filed.check.id, 'false_commitment', '备案承诺的从业人员健康证明不实')).statusCode).toBe(200);
    expect(await standing(F.id)).toMatchObject({ credit_grade: 'C' });
    const reason = (await creditOf(F.id)).evaluation.reasons.find((r: { ruleId: string }) => r.ruleId === 'grade.c.false_commitment');
    expect(reason.records[0].label).toContain(`办件编号${filed.applicationNo}`);
  });

  it('an application linked by entity_id alone (no USCC given)', async () => {
    const a = await approvedUnderCommitment({ applicantName: '个体经营者张某' });
    await env.db.query('UPDATE licence_applications SET entity_id = $2 WHERE id = $1', [a.applicationId, I.id]);
    expect((await record(a.checkId, 'false_commitment', '承诺的经营场所面积不实')).statusCode).toBe(200);
    expect(await standing(I.id)).toMatchObject({ credit_grade: 'C', risk_class: 'high' });
  });

  it('a linked licence: revoked and the finding both count, the entity re-graded once', async () => {
    const a = await approvedUnderCommitment({ applicantName: L.name, applicantUscc: L.uscc });
    expect((await window.get(`/api/licensing/licences/${a.licenceId}`)).json().entityId).toBe(L.id);
    const before = (await recomputeAudits(L.id)).length;
    expect((await record(a.checkId, 'false_commitment', '承诺的卫生设施未配备')).statusCode).toBe(200);
    expect(await standing(L.id)).toEqual({ credit_grade: 'C', risk_class: 'high', blacklisted: false });
    const reasons = (await creditOf(L.id)).evaluation.reasons.map((r: { ruleId: string }) => r.ruleId);
    expect(reasons).toEqual(expect.arrayContaining(['grade.c.false_commitment', 'risk.licence_revoked', 'risk.false_commitment']));
    expect((await recomputeAudits(L.id)).slice(before).map((x) => x.after.cause)).toEqual(['licence.commitment_false']);
  });
});

describe('a confirmed check', () => {
  it('leaves the credit as it was', async () => {
    const a = await approvedUnderCommitment({ applicantName: K.name, applicantUscc: K.uscc });
    const evaluatedAt = async () => (await env.db.one<{ at: Date }>('SELECT evaluated_at AS at FROM credit_evaluations WHERE entity_id = $1', [K.id]))!.at.getTime();
    const before = { audits: (await recomputeAudits(K.id)).length, at: await evaluatedAt() };
    const done = await record(a.checkId, 'confirmed', '现场核查，与承诺一致');
    expect(done.statusCode).toBe(200);
    expect(done.json().state).toBe('confirmed');
    expect((await window.get(`/api/licensing/licences/${a.licenceId}`)).json().status).toBe('valid');
    expect(await standing(K.id)).toEqual({ credit_grade: 'A', risk_class: 'low', blacklisted: false });
    expect((await recomputeAudits(K.id)).length).toBe(before.audits);
    expect(await evaluatedAt()).toBe(before.at);
    const credit = await creditOf(K.id);
    expect(credit.evaluation.grade).toBe('A');
    expect(credit.evaluation.reasons.some((r: { records: { kind: string }[] }) => r.records.some((x) => x.kind === 'false_commitment'))).toBe(false);
    // A recompute finds nothing either.
    expect((await legal.post(`/api/credit/entities/${K.id}/recompute`)).json().evaluation.grade).toBe('A');
  });
});
