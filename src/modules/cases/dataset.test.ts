// Importing historical penalty cases (dataset penalty_cases) and exporting the case list:
// the figures of 2024 for the Xiuzhou district come only from the imported file, so every
// expected enforcement.* value below is counted by hand from the rows of HISTORY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { caseFixtures, takeStep } from './testSupport';
import { todayInChina } from '../../core/calendar/dates';

let env: TestEnv;
let legal: Client;
let entityUscc: string;
let entityName: string;

const COLUMNS = ['case_no', 'org_code', 'entity_uscc', 'party_name', 'procedure', 'opened_on', 'decided_on', 'closed_on', 'fine_yuan',
  'confiscation_yuan', 'sanctions', 'major', 'legal_review_submitted_on', 'legal_review_completed_on', 'published_on', 'paid_on',
  'paid_yuan', 'transferred_on', 'provisions'];

/** Six historical cases of 2024 in Xiuzhou (XZ-JDS); the entity's USCC is filled in beforeAll. */
const history = () => [
  // 1. general, major, reviewed before the decision, fine + confiscation, published on time (decision Fri 2024-03-15, due 2024-03-26), paid.
  ['XZ-H-2024-001', 'XZ-JDS', entityUscc, '', 'general', '2024-02-01', '2024-03-15', '2024-04-20', '60000', '10000', 'fine;confiscation', 'Y',
    '2024-03-01', '2024-03-08', '2024-03-20', '2024-04-01', '60000', '', 'BHPL-99'],
  // 2. general, major, submitted but the review completed after the decision; licence revoked; published late.
  ['XZ-H-2024-002', 'XZ-JDS', '', '王某某', 'general', '2024-05-06', '2024-06-03', '2024-06-30', '', '', 'licence_revoked', 'Y',
    '2024-05-30', '2024-06-05', '2024-07-30', '', '', '', 'PHYS-59'],
  // 3. simple procedure, warning and 200 yuan, not published.
  ['XZ-H-2024-003', 'XZ-JDS', '', '某某理发店', 'simple', '2024-07-01', '2024-07-01', '2024-07-01', '200', '', 'warning;fine', 'N',
    '', '', '', '2024-07-01', '200', '', 'PP-36'],
  // 4. general, no penalty (art. 33): a decision without sanctions is no penalty decision.
  ['XZ-H-2024-004', 'XZ-JDS', '', '某某宾馆', 'general', '2024-08-01', '2024-08-20', '2024-08-21', '', '', '', 'N', '', '', '', '', '', '', 'PP-35'],
  // 5. general, transferred to the police without a decision.
  ['XZ-H-2024-005', 'XZ-JDS', '', '李某', 'general', '2024-09-02', '', '2024-09-30', '', '', '', 'N', '', '', '', '', '', '2024-09-10', ''],
  // 6. general, major, never submitted for legal review; 5,000 yuan; the practising certificate revoked; opened in 2023.
  ['XZ-H-2024-006', 'XZ-JDS', '', '张某', 'general', '2023-12-20', '2024-02-20', '', '5000', '', 'fine;practitioner_revoked', 'Y',
    '', '', '', '', '', '', 'PHYS-59;BHPL-99'],
];

beforeAll(async () => {
  env = await setupTestEnv();
  await caseFixtures(env);
  legal = await env.as('legal');
  const e = await env.db.one<{ uscc: string; name: string }>(
    "SELECT e.uscc, e.name FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'XZ-JDS' ORDER BY e.id LIMIT 1");
  entityUscc = e!.uscc;
  entityName = e!.name;
});
afterAll(async () => { await env?.close(); });

async function upload(c: Client, rows: string[][], columns = COLUMNS) {
  const m = multipart('cases.csv', csv([columns, ...rows]));
  return c.post('/api/imports/penalty_cases', m.body, m.headers);
}

const metric = (metrics: { id: string }[], id: string) => metrics.find((m) => m.id === id) as Record<string, unknown>;

describe('importing historical penalty cases', () => {
  it('lands every row in its final state, re-imports without duplicates, and the 2024 figures follow from the file', async () => {
    const first = await upload(legal, history());
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ dataset: 'penalty_cases', inserted: 6, updated: 0 });
    const again = await upload(legal, history());
    expect(again.json()).toEqual({ dataset: 'penalty_cases', inserted: 0, updated: 6 });

    const states = await env.db.query<{ case_no: string; state: string; party_name: string; filed_on: string | null; imported: boolean }>(
      "SELECT case_no, state, party_name, filed_on::text AS filed_on, imported FROM penalty_cases WHERE case_no LIKE 'XZ-H-2024-%' ORDER BY case_no");
    expect(states.map((s) => s.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'decided']);
    expect(states[0].party_name).toBe(entityName);
    expect(states[2].filed_on).toBeNull(); // the simple procedure files no case
    expect(states.every((s) => s.imported)).toBe(true);

    const res = await legal.get('/api/metrics?from=2024-01-01&to=2024-12-31&org=XZ-WJJ');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().metrics;
    expect(metric(m, 'enforcement.cases.opened').value).toBe(4); // cases 1, 2, 4, 5 (6 opened in 2023; 3 is simple)
    expect(metric(m, 'enforcement.cases.closed')).toMatchObject({ value: 5, breakdown: { simple: 1, general: 4 } });
    expect(metric(m, 'enforcement.penalty_decisions').value).toBe(4); // 1, 2, 3, 6
    expect(metric(m, 'enforcement.fines.decided').value).toBe(65200);
    expect(metric(m, 'enforcement.fines.collected').value).toBe(60200);
    expect(metric(m, 'enforcement.confiscation').value).toBe(10000);
    expect(metric(m, 'enforcement.sanctions')).toMatchObject({
      value: 4, breakdown: { warning: 1, fine: 3, confiscation: 1, licence_revoked: 1, practitioner_revoked: 1, suspension: 0 },
    });
    expect(metric(m, 'enforcement.entities_penalized').value).toBe(4);
    expect(metric(m, 'enforcement.transfers').value).toBe(1);
    expect(metric(m, 'enforcement.major.count').value).toBe(3);
    expect(metric(m, 'enforcement.major.submission_rate')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(metric(m, 'enforcement.major.review_rate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(metric(m, 'enforcement.publicity.on_time_rate')).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('refuses a file with bad rows, naming each, and writes nothing', async () => {
    const i1 = await env.as('inspector1');
    const { nhInstitute } = await caseFixtures(env);
    const live = (await i1.post('/api/cases', {
      orgId: nhInstitute, source: 'inspection', cause: '在办案件', leadOn: todayInChina(), entityId: null, partyKind: 'organisation',
      partyName: '在办诊所', partyCode: null, partyLegalRep: null, partyAddress: '某路1号', partyPhone: null, facts: null,
    })).json();
    const before = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM penalty_cases'))!.n;
    const base = history()[2];
    const bad = [
      ['B-1', ...base.slice(1, 6), '2024-06-01', ...base.slice(7)], // decided before opened
      ['B-2', ...base.slice(1, 8), '3500', ...base.slice(9)], // simple procedure above the art. 51 limit
      ['B-3', ...base.slice(1, 10), 'warning', ...base.slice(11)], // a fine without the sanction 罚款
      ['B-4', ...base.slice(1, 18), 'NO-SUCH'], // unknown provision
      [live.caseNo, ...base.slice(1)], // a case handled on the platform
      ['B-6', base[1], '91330000000000000X', '', ...base.slice(4)], // entity not in the directory
      ['B-7', 'XZ-JDS', '', '', 'general', '2024-01-05', '', '', '', '', '', 'N', '', '', '', '', '', '', ''], // no party, nothing concluded
    ];
    const res = await upload(legal, bad);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; column: string | null; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`).join(' | ');
    expect(at(2)).toContain('decided_on:决定日期不能早于立案日期');
    expect(at(3)).toContain('fine_yuan:简易程序对法人或者其他组织的罚款不得超过3000元');
    expect(at(4)).toContain('sanctions:填写了罚款金额，处罚种类应含罚款（fine）');
    expect(at(5)).toContain('处罚条款“NO-SUCH”不存在');
    expect(at(6)).toContain('已在平台上立案办理');
    expect(at(7)).toContain('entity_uscc:监管对象不存在');
    expect(at(8)).toContain('party_name:');
    expect(at(8)).toContain('历史案件应已作出决定、移送或结案');
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM penalty_cases'))!.n).toBe(before);
  });

  it('is for the legal division and administrators only', async () => {
    const res = await upload(await env.as('inspector1'), history());
    expect(res.statusCode).toBe(403);
  });
});

describe('the case list export and its filters', () => {
  it('exports what the list shows, in the dataset columns, and the queues and open major cases filter the list', async () => {
    const res = await legal.get('/api/exports/penalty_cases?format=xlsx&q=XZ-H-2024');
    expect(res.statusCode, res.body).toBe(200);
    const rows = sheetRows((await readXlsx(res.rawPayload)).worksheets[0]);
    expect(rows[0]).toEqual(expect.arrayContaining(COLUMNS));
    expect(rows).toHaveLength(7);
    const header = rows[0] as string[];
    const first = rows.find((r) => r[header.indexOf('case_no')] === 'XZ-H-2024-006')!;
    expect(first[header.indexOf('sanctions')]).toBe('fine;practitioner_revoked');
    expect(first[header.indexOf('provisions')]).toBe('PHYS-59;BHPL-99');
    expect(first[header.indexOf('major')]).toBe('Y');

    // An open major case appears in the leader's view; a minor one does not.
    const { inspectorOf, nhInstitute } = await caseFixtures(env);
    const [i1, reviewer, leader] = await Promise.all(['inspector1', 'reviewer', 'leader'].map((u) => env.as(u)));
    const lead = (party: string) => ({
      orgId: nhInstitute, source: 'inspection', cause: '测试', leadOn: todayInChina(), entityId: null, partyKind: 'organisation',
      partyName: party, partyCode: null, partyLegalRep: null, partyAddress: '某路1号', partyPhone: null, facts: null,
    });
    const major = (await i1.post('/api/cases', lead('重大案件诊所'))).json().id;
    const minor = (await i1.post('/api/cases', lead('一般案件宾馆'))).json().id;
    for (const id of [major, minor]) await takeStep(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    await takeStep(i1, major, 'finish_investigation', { facts: '事实', provisionCode: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary', sanctions: ['fine'], fineYuan: 120000 });
    await takeStep(i1, minor, 'finish_investigation', { facts: '事实', provisionCode: 'PP-35', tier: 'ordinary', sanctions: ['warning', 'fine'], fineYuan: 2000 });
    const view = (await leader.get('/api/cases?majorOpen=true&pageSize=100')).json().rows.map((r: { id: number }) => r.id);
    expect(view).toContain(major);
    expect(view).not.toContain(minor);
    const queue = (await reviewer.get('/api/cases?queue=case_review&pageSize=100')).json().rows.map((r: { id: number }) => r.id);
    expect(queue).toEqual(expect.arrayContaining([major, minor]));
    expect((await leader.get('/api/cases?queue=nonsense')).statusCode).toBe(400);
  });
});
