// Publication of penalty decisions through the API and the public portal: a decision on
// a citizen is published with the name, ID number, phone and home address masked,
// on time against the 7-working-day clock, readable without login, and withdrawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addMonths, todayInChina } from '../../core/calendar/dates';
import { caseFixtures } from './testSupport';

let env: TestEnv;
let inspectorOf: Record<string, number> = {};
let nhInstitute: number;
const today = todayInChina();

beforeAll(async () => {
  env = await setupTestEnv();
  ({ inspectorOf, nhInstitute } = await caseFixtures(env));
});
afterAll(async () => { await env?.close(); });

async function decidedCaseOnACitizen(): Promise<number> {
  const i1 = await env.as('inspector1');
  const lead = await i1.post('/api/cases', {
    orgId: nhInstitute, source: 'complaint', cause: '非医师行医', leadOn: today, entityId: null, partyKind: 'person',
    partyName: '李四', partyCode: '330402199001011234', partyLegalRep: null, partyAddress: '嘉兴市南湖区某小区1幢101室', partyPhone: '13812345678',
    facts: null,
  });
  const id = lead.json().id;
  const res = await i1.post(`/api/cases/${id}/steps/decide_on_spot`, { version: 1, input: {
    inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], sanctions: ['warning', 'fine'], fineYuan: 200,
    facts: '李四（身份证号330402199001011234，电话13812345678）在嘉兴市南湖区某小区1幢101室为他人诊疗。',
  } });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

describe('publishing a decision', () => {
  it('masks the citizen’s data, starts the portal listing and stops the publication clock', async () => {
    const id = await decidedCaseOnACitizen();
    const i1 = await env.as('inspector1');
    const before = (await i1.get(`/api/cases/${id}`)).json();
    expect(before.clocks.find((k: { id: string }) => k.id === 'publication')).toMatchObject({ start: today, stoppedOn: null });

    const res = await i1.post(`/api/cases/${id}/publication`, { severity: 'general' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json().publication;
    expect(p).toMatchObject({ publishedOn: today, onTime: true, public: true, repairFrom: addMonths(today, 3) });
    expect(res.json().clocks.find((k: { id: string }) => k.id === 'publication').stoppedOn).toBe(today);

    const anonymous = await env.app.inject({ method: 'GET', url: `/api/public/penalties?q=${encodeURIComponent('非医师')}` });
    expect(anonymous.statusCode).toBe(200);
    const row = anonymous.json().rows.find((r: { caseNo: string }) => r.caseNo === before.caseNo);
    expect(row.party).toEqual({ name: '李某', code: '330402***********4', legalRep: null, address: null });
    expect(row.facts).toBe('李某（身份证号330402***********4，电话138****5678）在（住址已隐去）为他人诊疗。');
    expect(row.decision).toBe('警告、罚款（罚款人民币200元）');
    const text = JSON.stringify(anonymous.json());
    for (const secret of ['李四', '330402199001011234', '13812345678', '某小区1幢101室']) expect(text).not.toContain(secret);

    expect((await i1.post(`/api/cases/${id}/publication`, { severity: 'general' })).statusCode).toBe(409);
    const audit = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.publish' AND object_id = $1", [String(id)]);
    expect(audit!.n).toBe(1);
  });

  it('refuses undecided cases, other districts and roles without the permission', async () => {
    const i1 = await env.as('inspector1');
    const lead = await i1.post('/api/cases', {
      orgId: nhInstitute, source: 'inspection', cause: '测试', leadOn: today, entityId: null, partyKind: 'organisation',
      partyName: '某单位', partyCode: null, partyLegalRep: null, partyAddress: '某地', partyPhone: null, facts: null,
    });
    expect((await i1.post(`/api/cases/${lead.json().id}/publication`, { severity: 'minor' })).json().error.code).toBe('NOT_DECIDED');
    const id = await decidedCaseOnACitizen();
    expect((await (await env.as('inspector3')).post(`/api/cases/${id}/publication`, { severity: 'minor' })).statusCode).toBe(404);
    expect((await (await env.as('hotline')).post(`/api/cases/${id}/publication`, { severity: 'minor' })).statusCode).toBe(403);
    expect((await i1.post(`/api/cases/${id}/publication`, { severity: 'grave' })).statusCode).toBe(400);
  });

  it('withdraws: credit repair only after the minimum period; a revoked decision at once, and the portal stops showing it', async () => {
    const id = await decidedCaseOnACitizen();
    const [i1, leader] = await Promise.all([env.as('inspector1'), env.as('leader')]);
    const published = (await i1.post(`/api/cases/${id}/publication`, { severity: 'serious' })).json().publication;
    const early = await leader.post(`/api/cases/${id}/publication/withdraw`, { reason: 'credit_repair', note: '当事人申请' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain(published.repairFrom);
    const revoked = await leader.post(`/api/cases/${id}/publication/withdraw`, { reason: 'revoked', note: '复议撤销' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().publication).toMatchObject({ withdrawnOn: today, public: false });
    const pubId = (await env.db.one<{ id: number }>('SELECT id FROM case_publications WHERE case_id = $1', [id]))!.id;
    expect((await env.app.inject({ method: 'GET', url: `/api/public/penalties/${pubId}` })).statusCode).toBe(404);
  });
});
