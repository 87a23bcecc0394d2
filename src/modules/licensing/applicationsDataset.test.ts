// The `applications` dataset through the API: good rows land with the state, due date
// (work calendar), tracking code and source the import promises; an approval with a
// licence number gets an SM2-signed e-licence that the public page verifies; re-importing
// updates by key and never duplicates or re-signs a licence; every kind of bad row is
// reported in Chinese and nothing is written; scope and permission; an export imports
// back unchanged (applications made on the platform included); the metrics count what
// was imported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { csv, multipart, readXlsx, sheetRows } from '../datasets/testFiles';
import { addDays, todayInChina } from '../../core/calendar/dates';

const COLUMNS = ['application_no', 'item_code', 'org_code', 'applicant_name', 'entity_uscc', 'channel', 'received_on', 'accepted_on', 'concluded_on',
  'outcome', 'commitment', 'deficiency_accepted', 'e_licence_reused', 'proof_free', 'licence_no', 'licence_valid_to'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env: TestEnv;
let window: Client;
let entity: { id: number; uscc: string; name: string };
const org: Record<string, number> = {};
const today = todayInChina();

async function insertItem(code: string, extra: { category?: string; kind?: string; statutory?: number; promised?: number; licence?: string | null } = {}): Promise<number> {
  const row = await env.db.one<{ id: number }>(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, licence_name, licence_valid_years)
     VALUES ($1,$2,$3,$4,$5,'《公共场所卫生管理条例》第八条',$6,$7,$8,4) RETURNING id`,
    [code, org['JX-WJW'], `测试事项${code}`, extra.category ?? 'public_health', extra.kind ?? 'licence', extra.statutory ?? 20, extra.promised ?? 5,
      extra.licence === undefined ? '公共场所卫生许可证' : extra.licence]);
  return row!.id;
}

async function upload(rows: unknown[][], c: Client = window, format: 'csv' | 'xlsx' = 'csv', body?: Buffer) {
  const m = multipart(`applications.${format}`, body ?? csv(rows), format === 'csv' ? 'text/csv' : XLSX);
  return c.post('/api/imports/applications', m.body, m.headers);
}

type Row = (string | null)[];
const row = (v: Partial<Record<(typeof COLUMNS)[number], string>>): Row => COLUMNS.map((c) => v[c] ?? '');

// H1 approved with a licence (entity linked), H2 refused late across the National Day
// holiday, H3 a filing on the day, H4 pending accepted with materials outstanding, H5
// pending not accepted, H6 withdrawn before acceptance.
const good = (): Row[] => [COLUMNS,
  row({ application_no: 'H1', item_code: 'T-IMP-XK', org_code: 'JX-WJW', applicant_name: '导入测试宾馆', entity_uscc: '', channel: 'online', received_on: '2025-03-03',
    accepted_on: '2025-03-03', concluded_on: '2025-03-07', outcome: 'approved', commitment: 'Y', deficiency_accepted: 'N', e_licence_reused: 'Y', proof_free: 'Y',
    licence_no: 'IMP-LIC-0001', licence_valid_to: '2029-03-06' }),
  row({ application_no: 'H2', item_code: 'T-IMP-XK', org_code: 'NH-WJJ', applicant_name: '导入测试游泳馆', channel: 'window', received_on: '2025-09-29',
    accepted_on: '2025-09-30', concluded_on: '2025-10-20', outcome: 'refused', commitment: 'N', deficiency_accepted: 'N', e_licence_reused: 'N', proof_free: 'N' }),
  row({ application_no: 'H3', item_code: 'T-IMP-BA', org_code: 'NH-JDS', applicant_name: '导入测试诊所', channel: 'window', received_on: '2025-03-05',
    accepted_on: '2025-03-05', concluded_on: '2025-03-05', outcome: 'approved' }),
  row({ application_no: 'H4', item_code: 'T-IMP-XK', org_code: 'NH-WJJ', applicant_name: '导入测试理发店', channel: 'self_service', received_on: '2025-03-10',
    accepted_on: '2025-03-11', outcome: 'pending', deficiency_accepted: 'Y' }),
  row({ application_no: 'H5', item_code: 'T-IMP-XK', org_code: 'XZ-WJJ', applicant_name: '张三', channel: 'online', received_on: '2025-03-12', outcome: 'pending' }),
  row({ application_no: 'H6', item_code: 'T-IMP-XK', org_code: 'XZ-WJJ', applicant_name: '李四', channel: 'mail', received_on: '2025-03-12', concluded_on: '2025-03-13',
    outcome: 'withdrawn', commitment: 'n', proof_free: 'n' }),
];

/** This file's application numbers (the demo data may hold others). */
const mine = (no: string) => /^[HDP]\d$/.test(no);
const appCount = async () => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM licence_applications'))!.n;
const licenceCount = async () => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM licences'))!.n;
const app = async (no: string) => (await env.db.one<Record<string, unknown>>(
  `SELECT a.*, ci.item_code, ci.version, o.code AS org_code FROM licence_applications a JOIN catalogue_items ci ON ci.id = a.item_id
     JOIN organizations o ON o.id = a.org_id WHERE a.application_no = $1`, [no]))!;

const METRIC_IDS = ['licensing.applications.total', 'licensing.online.count', 'licensing.instant_rate', 'licensing.on_time_rate', 'licensing.no_proof_rate',
  'licensing.commitment.count', 'licensing.deficiency_acceptance.count', 'licensing.e_licence_reuse.count'];
type Figures = Record<string, { value: number | null; numerator?: number | null; denominator?: number | null; breakdown?: Record<string, number> }>;
async function figures(from: string, to: string, orgCode: string): Promise<Figures> {
  const res = await (await env.as('office')).get(`/api/metrics?from=${from}&to=${to}&org=${orgCode}&ids=${METRIC_IDS.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as { id: string }[]).map((m) => [m.id, m])) as unknown as Figures;
}
/** The figures before anything is imported. */
const baseline = {} as { march: Figures; october: Figures; xz: Figures };

beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  window = await env.as('window');
  entity = (await env.db.one<{ id: number; uscc: string; name: string }>('SELECT id, uscc, name FROM entities ORDER BY id LIMIT 1'))!;
  await insertItem('T-IMP-XK');
  await insertItem('T-IMP-BA', { category: 'filing_other', kind: 'filing', statutory: 1, promised: 0, licence: null });
  baseline.march = await figures('2025-03-01', '2025-03-31', 'JX-WJW');
  baseline.october = await figures('2025-10-01', '2025-10-31', 'JX-WJW');
  baseline.xz = await figures('2025-03-01', '2025-03-31', 'XZ-WJJ');
}, 60_000);
afterAll(async () => { await env?.close(); });

describe('the applications dataset', () => {
  it('has the template of data-exchange.md', async () => {
    const res = await window.get('/api/imports/applications/template');
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    expect(sheetRows(wb.worksheets[0])).toEqual([COLUMNS]);
    const guide = sheetRows(wb.getWorksheet('说明')!);
    expect(guide.find((r) => r[0] === 'application_no')![2]).toBe('是');
    expect(guide.find((r) => r[0] === 'entity_uscc')![2]).toBe('否');
    expect(String(guide.find((r) => r[0] === 'outcome')![3])).toContain('pending（未办结）');
  });

  it('imports historical applications with their state, due date, tracking code and source', async () => {
    const rows = good();
    rows[1][4] = entity.uscc;
    const res = await upload(rows);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dataset: 'applications', inserted: 6, updated: 0 });

    const h1 = await app('H1');
    expect(h1).toMatchObject({
      state: 'approved', outcome: 'approved', org_code: 'JX-WJW', item_code: 'T-IMP-XK', version: 1, channel: 'online', source: 'import',
      received_on: '2025-03-03', accepted_on: '2025-03-03', concluded_on: '2025-03-07', due_on: '2025-03-10', // Monday + 5 working days
      commitment: true, deficiency_accepted: false, e_licence_reused: true, proof_free: true, applicant_uscc: entity.uscc, entity_id: entity.id,
    });
    expect(h1.tracking_code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    // Accepted the day before the National Day holiday (1–8 October; Saturday 11 October worked): due 14 October.
    expect(await app('H2')).toMatchObject({ state: 'refused', outcome: 'refused', due_on: '2025-10-14', concluded_on: '2025-10-20', applicant_uscc: null, entity_id: null });
    expect(await app('H3')).toMatchObject({ state: 'approved', item_code: 'T-IMP-BA', org_code: 'NH-JDS', due_on: '2025-03-05' });
    expect(await app('H4')).toMatchObject({ state: 'accepted', outcome: null, concluded_on: null, due_on: '2025-03-18', deficiency_accepted: true, channel: 'self_service' });
    expect(await app('H5')).toMatchObject({ state: 'submitted', outcome: null, accepted_on: null, due_on: null });
    expect(await app('H6')).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn', accepted_on: null, due_on: null, concluded_on: '2025-03-13', commitment: false });

    // Only H1 carries a licence: issued through issueLicence, source import, linked to the application.
    const licences = await env.db.query<Record<string, unknown>>("SELECT * FROM licences WHERE application_id IN (SELECT id FROM licence_applications WHERE application_no LIKE 'H_')");
    expect(licences).toHaveLength(1);
    expect(licences[0]).toMatchObject({
      licence_no: 'IMP-LIC-0001', application_id: h1.id, item_id: h1.item_id, org_id: org['JX-WJW'], holder_name: '导入测试宾馆', holder_uscc: entity.uscc,
      entity_id: entity.id, licence_name: '公共场所卫生许可证', issued_on: '2025-03-07', valid_from: '2025-03-07', valid_to: '2029-03-06', status: 'valid', source: 'import',
    });
    const events = await env.db.query<{ kind: string; on_date: string }>('SELECT kind, on_date FROM licence_events WHERE licence_id = $1', [licences[0].id]);
    expect(events).toEqual([{ kind: 'issued', on_date: '2025-03-07' }]);
    const audit = await env.db.one<{ username: string }>("SELECT username FROM audit_log WHERE action = 'import.applications' ORDER BY id DESC LIMIT 1");
    expect(audit?.username).toBe('window');
  });

  it('the metrics count the imported applications', async () => {
    // What the import added to the figures (the demo data may hold applications of its own).
    const added = async (from: string, to: string, orgCode: string, base: Figures) => {
      const now = await figures(from, to, orgCode);
      const d = (id: string, f: 'value' | 'numerator' | 'denominator') => (now[id][f] ?? 0) - (base[id][f] ?? 0);
      return {
        total: d('licensing.applications.total', 'value'),
        breakdown: Object.fromEntries(Object.keys(now['licensing.applications.total'].breakdown!).map((k) =>
          [k, now['licensing.applications.total'].breakdown![k] - base['licensing.applications.total'].breakdown![k]])),
        online: d('licensing.online.count', 'value'),
        instant: [d('licensing.instant_rate', 'numerator'), d('licensing.instant_rate', 'denominator')],
        onTime: [d('licensing.on_time_rate', 'numerator'), d('licensing.on_time_rate', 'denominator')],
        noProof: [d('licensing.no_proof_rate', 'numerator'), d('licensing.no_proof_rate', 'denominator')],
        commitment: d('licensing.commitment.count', 'value'),
        deficiency: d('licensing.deficiency_acceptance.count', 'value'),
        eLicence: d('licensing.e_licence_reuse.count', 'value'),
      };
    };
    // March 2025: H1 (concluded 03-07), H3 (03-05), H6 (03-13) concluded; H1, H3 and H4 accepted.
    expect(await added('2025-03-01', '2025-03-31', 'JX-WJW', baseline.march)).toEqual({
      total: 3, breakdown: { public_health: 2, medical_institution: 0, medical_staff: 0, filing_other: 1, ex_officio: 0 }, online: 1,
      instant: [1, 3], // H3
      onTime: [3, 3], // H1 by 03-10, H3 on the day, H6 withdrawn before acceptance
      noProof: [1, 3], commitment: 1, deficiency: 1 /* H4 */, eLicence: 1, /* H1 */
    });
    // October: H2 refused after its due date.
    expect((await added('2025-10-01', '2025-10-31', 'JX-WJW', baseline.october)).onTime).toEqual([0, 1]);
    // 秀洲区 has only H6 among the concluded ones.
    expect((await added('2025-03-01', '2025-03-31', 'XZ-WJJ', baseline.xz)).total).toBe(1);
  });

  it('an imported approval’s licence verifies on the public page like one issued on the platform', async () => {
    const token = (await env.db.one<{ verify_token: string }>("SELECT verify_token FROM licences WHERE licence_no = 'IMP-LIC-0001'"))!.verify_token;
    const res = await env.anonymous.get(`/api/public/licences/verify/${token}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      authentic: true, problems: [], status: 'valid', licenceNo: 'IMP-LIC-0001', licenceName: '公共场所卫生许可证', holderName: '导入测试宾馆',
      holderUscc: entity.uscc, issuedOn: '2025-03-07', validFrom: '2025-03-07', validTo: '2029-03-06', issuerName: '嘉兴市卫生健康委员会', algorithm: 'SM2',
    });
  });

  it('re-importing updates by key: no duplicate, the licence neither duplicated nor re-signed, the tracking code kept', async () => {
    const before = await env.db.one<{ id: number; payload: string; signature: string }>("SELECT id, payload, signature FROM licences WHERE licence_no = 'IMP-LIC-0001'");
    const tracking = (await app('H1')).tracking_code;
    const apps = await appCount();
    const licences = await licenceCount();
    const rows = good();
    rows[1][4] = entity.uscc;
    expect((await upload(rows)).json()).toEqual({ dataset: 'applications', inserted: 0, updated: 6 });
    expect(await appCount()).toBe(apps);
    expect(await licenceCount()).toBe(licences);
    expect(await env.db.one("SELECT id, payload, signature FROM licences WHERE licence_no = 'IMP-LIC-0001'")).toEqual(before);
    expect((await app('H1')).tracking_code).toBe(tracking);

    // The item gets a new version (promised 10 days): H1 keeps the version it was filed
    // under; a new application is filed under the new one, its due date by the new limit.
    const v1 = (await app('H1')).item_id;
    await env.db.query("UPDATE catalogue_items SET is_current = false WHERE item_code = 'T-IMP-XK'");
    const v2 = (await env.db.one<{ id: number }>(
      `INSERT INTO catalogue_items (item_code, version, org_id, name, category, legal_basis, statutory_days, promised_days, licence_name)
       VALUES ('T-IMP-XK', 2, $1, '测试事项T-IMP-XK', 'public_health', '依据', 20, 10, '公共场所卫生许可证') RETURNING id`, [org['JX-WJW']]))!.id;

    // H5 is now approved with a licence; H1's applicant name corrected; H7 is new.
    const changed = good();
    changed[1][4] = entity.uscc;
    changed[1][3] = '导入测试宾馆（更正）';
    changed[5] = row({ application_no: 'H5', item_code: 'T-IMP-XK', org_code: 'XZ-WJJ', applicant_name: '张三', channel: 'online', received_on: '2025-03-12',
      accepted_on: '2025-03-12', concluded_on: '2025-03-19', outcome: 'approved', licence_no: 'IMP-LIC-0002', licence_valid_to: '2029-03-18' });
    changed.push(row({ application_no: 'H7', item_code: 'T-IMP-XK', org_code: 'NH-WJJ', applicant_name: '导入测试酒店', channel: 'online', received_on: '2025-03-03',
      accepted_on: '2025-03-03', outcome: 'pending' }));
    const res = await upload(changed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dataset: 'applications', inserted: 1, updated: 6 });
    expect(await app('H1')).toMatchObject({ applicant_name: '导入测试宾馆（更正）', item_id: v1, due_on: '2025-03-10' });
    expect(await app('H7')).toMatchObject({ item_id: v2, due_on: '2025-03-17', state: 'accepted' });
    expect(await app('H5')).toMatchObject({ state: 'approved', accepted_on: '2025-03-12', due_on: '2025-03-19', concluded_on: '2025-03-19' });
    expect(await licenceCount()).toBe(licences + 1);
    const l2 = await env.db.one<{ org_id: number; valid_to: string; application_id: number; item_id: number }>(
      "SELECT org_id, valid_to, application_id, item_id FROM licences WHERE licence_no = 'IMP-LIC-0002'");
    expect(l2).toEqual({ org_id: org['XZ-WJJ'], valid_to: '2029-03-18', application_id: (await app('H5')).id, item_id: v1 });
    // The licence already issued stays as it was.
    expect(await env.db.one("SELECT id, payload, signature FROM licences WHERE licence_no = 'IMP-LIC-0001'")).toEqual(before);
  });

  it('reports every bad row in Chinese and writes nothing', async () => {
    // An application handled on the platform.
    await env.db.query(
      `INSERT INTO licence_applications (application_no, item_id, org_id, applicant_name, channel, tracking_code, state, received_on)
       VALUES ('P1', (SELECT id FROM catalogue_items WHERE item_code = 'T-IMP-XK' AND is_current), $1, '平台申请人', 'online', 'PLATFORM22', 'submitted', '2025-04-01')`,
      [org['JX-WJW']]);
    const apps = await appCount();
    const licences = await licenceCount();
    const base = { item_code: 'T-IMP-XK', org_code: 'NH-WJJ', applicant_name: '某申请人', channel: 'online', received_on: '2025-05-06' };
    const rows: Row[] = [COLUMNS,
      row({ ...base, application_no: 'B2', item_code: 'NO-SUCH', outcome: 'pending' }),
      row({ ...base, application_no: 'B3', org_code: 'NO-ORG', outcome: 'pending' }),
      row({ ...base, application_no: 'B4', channel: 'phone', outcome: 'cancelled', commitment: '是' }),
      row({ ...base, application_no: 'B5', accepted_on: '2025-05-05', outcome: 'pending' }),
      row({ ...base, application_no: 'B6', accepted_on: '2025-05-08', concluded_on: '2025-05-07', outcome: 'refused' }),
      row({ ...base, application_no: 'B7', concluded_on: '2025-05-01', outcome: 'withdrawn' }),
      row({ ...base, application_no: 'B8', accepted_on: '2025-05-06', outcome: 'approved' }),
      row({ ...base, application_no: 'B9', concluded_on: '2025-05-09', outcome: 'approved' }),
      row({ ...base, application_no: 'B10', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'pending' }),
      row({ ...base, application_no: 'B11', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'refused', licence_no: 'IMP-LIC-0100', licence_valid_to: '2029-01-01' }),
      row({ ...base, application_no: 'B12', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'approved', licence_no: 'IMP-LIC-0101' }),
      row({ ...base, application_no: 'B13', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'approved', licence_valid_to: '2029-01-01' }),
      row({ ...base, application_no: 'B14', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'approved', licence_no: 'IMP-LIC-0102', licence_valid_to: '2025-05-08' }),
      row({ ...base, application_no: 'B15', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'approved', licence_no: 'IMP-LIC-0001', licence_valid_to: '2029-01-01' }),
      row({ ...base, application_no: 'B16', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'approved', licence_no: 'IMP-LIC-0103', licence_valid_to: '2029-01-01' }),
      row({ ...base, application_no: 'B17', accepted_on: '2025-05-06', concluded_on: '2025-05-09', outcome: 'approved', licence_no: 'IMP-LIC-0103', licence_valid_to: '2029-01-01' }),
      row({ ...base, application_no: 'B18', received_on: addDays(today, 1), outcome: 'pending' }),
      row({ ...base, application_no: 'B19', entity_uscc: '91330402MA2B3C4D5X', outcome: 'pending' }),
      row({ ...base, application_no: 'B20', outcome: 'pending', deficiency_accepted: 'Y' }),
      [...good()[1].slice(0, 14), '', ''], // H1 without its licence
      row({ ...base, application_no: 'P1', org_code: 'JX-WJW', outcome: 'pending' }),
      row({ ...base, application_no: 'B2', outcome: 'pending' }),
      row({ ...base, application_no: 'B24', accepted_on: '2025-05-06', outcome: 'pending' }),
    ];
    const res = await upload(rows);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/^文件中有\d+行数据有误，未导入任何数据/);
    const errors = res.json().errors as { row: number; column: string; message: string; value: string | null }[];
    const at = (r: number) => errors.filter((e) => e.row === r).map((e) => `${e.column}:${e.message}`).join(' | ');
    expect(at(2)).toContain('item_code:事项编码“NO-SUCH”不存在，请先导入政务服务事项清单');
    expect(at(3)).toContain('org_code:机构代码“NO-ORG”不存在');
    expect(at(4)).toContain('channel:取值不正确，应为 online、window、mail、self_service 之一');
    expect(at(4)).toContain('outcome:取值不正确');
    expect(at(4)).toContain('commitment:应填 Y（是）或 N（否）');
    expect(at(5)).toBe('accepted_on:受理日期不能早于收件日期');
    expect(at(6)).toBe('concluded_on:办结日期不能早于受理日期');
    expect(at(7)).toBe('concluded_on:办结日期不能早于收件日期');
    expect(at(8)).toBe('concluded_on:办理结果为“准予许可（予以备案）”（approved）的办件必须填写办结日期');
    expect(at(9)).toBe('accepted_on:准予或不予许可的办件必须填写受理日期（备案事项填写予以备案的日期）');
    expect(at(10)).toBe('concluded_on:未办结（pending）的办件不应填写办结日期');
    expect(at(11)).toBe('licence_no:只有准予许可（approved）的办件才有证照编号');
    expect(at(12)).toBe('licence_valid_to:填写了证照编号时必须填写证照有效期截止日期');
    expect(at(13)).toBe('licence_no:填写了证照有效期截止日期时必须填写证照编号');
    expect(at(14)).toBe('licence_valid_to:证照有效期截止日期不能早于办结（发证）日期');
    expect(at(15)).toBe('licence_no:证照编号“IMP-LIC-0001”已被其他证照使用');
    expect(at(16)).toBe('');
    expect(at(17)).toBe('licence_no:与第16行的证照编号重复（一个证照只能属于一个办件）');
    expect(at(18)).toBe('received_on:日期不能晚于今天：历史办件应已发生');
    expect(at(19)).toMatch(/^entity_uscc:.*校验码/);
    expect(at(20)).toBe('accepted_on:容缺受理的办件必须填写受理日期');
    expect(at(21)).toBe('licence_no:该办件已签发电子证照“IMP-LIC-0001”，证照编号不能通过导入更改或清空');
    expect(at(22)).toBe('application_no:该办件已在平台上办理，不能通过导入修改');
    expect(at(23)).toContain('application_no:与第2行的 application_no 重复');
    expect(at(24)).toBe('');
    const reported = errors.find((e) => e.row === 5)!;
    expect(reported.value).toBe('2025-05-05');
    expect(await appCount()).toBe(apps);
    expect(await licenceCount()).toBe(licences);
    expect((await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM licences WHERE licence_no = 'IMP-LIC-0103'"))!.n).toBe(0);
  });

  it('needs imports.licensing; a district imports within its own subtree only', async () => {
    expect((await upload(good(), await env.as('legal'))).statusCode).toBe(403);
    expect((await upload(good(), await env.as('inspector1'))).statusCode).toBe(403);
    const admin = await env.as('admin');
    expect((await admin.post('/api/users', {
      username: 'nh_window_d', displayName: '南湖区窗口', orgId: org['NH-WJJ'], roles: ['window'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok',
    })).statusCode).toBe(200);
    const district = await env.as('nh_window_d', 'District2026ok');
    const res = await upload([COLUMNS,
      row({ application_no: 'D1', item_code: 'T-IMP-XK', org_code: 'JX-WJW', applicant_name: '某', channel: 'online', received_on: '2025-03-03', outcome: 'pending' }),
      row({ application_no: 'H1', item_code: 'T-IMP-XK', org_code: 'NH-WJJ', applicant_name: '某', channel: 'online', received_on: '2025-03-03', outcome: 'pending' }),
      row({ application_no: 'D3', item_code: 'T-IMP-XK', org_code: 'NH-JDS', applicant_name: '某', channel: 'online', received_on: '2025-03-03', outcome: 'pending' }),
    ], district);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'org_code', '机构不在您的管理范围内'],
      [3, 'application_no', '该办件编号已属于您管理范围以外的机构，不能通过导入修改'],
    ]);
    // The district's own file goes in, and its export holds only its subtree.
    const own = await upload([COLUMNS, row({ application_no: 'D3', item_code: 'T-IMP-XK', org_code: 'NH-JDS', applicant_name: '某', channel: 'online', received_on: '2025-03-03', outcome: 'pending' })], district);
    expect(own.json()).toEqual({ dataset: 'applications', inserted: 1, updated: 0 });
    const exported = parseCsv((await district.get('/api/exports/applications?format=csv')).rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(exported.map((r) => r.org_code))).toEqual(new Set(['NH-WJJ', 'NH-JDS']));
    expect(exported.map((r) => r.application_no).filter(mine).sort()).toEqual(['D3', 'H2', 'H3', 'H4', 'H7']);
  });

  it('an export imports back unchanged (CSV and XLSX), applications handled on the platform included', async () => {
    // A platform application refused acceptance (exported as pending) next to P1.
    await env.db.query(
      `INSERT INTO licence_applications (application_no, item_id, org_id, applicant_name, applicant_uscc, channel, tracking_code, state, received_on, not_accepted_reason)
       VALUES ('P2', (SELECT id FROM catalogue_items WHERE item_code = 'T-IMP-BA'), $1, '平台申请人乙', $2, 'window', 'PLATFORM23', 'not_accepted', '2025-04-02', '不属于本机关职权')`,
      [org['NH-WJJ'], entity.uscc]);
    const snapshot = async () => JSON.stringify(await env.db.query(
      `SELECT a.application_no, a.item_id, a.org_id, a.applicant_name, a.applicant_uscc, a.entity_id, a.channel, a.tracking_code, a.state, a.received_on,
              a.accepted_on, a.due_on, a.concluded_on, a.outcome, a.commitment, a.deficiency_accepted, a.e_licence_reused, a.proof_free, a.source,
              l.licence_no, l.payload, l.signature
         FROM licence_applications a LEFT JOIN licences l ON l.application_id = a.id ORDER BY a.application_no`));
    const before = await snapshot();
    const total = await appCount();
    const licences = await licenceCount();
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await window.get(`/api/exports/applications?format=${format}`);
      expect(file.statusCode).toBe(200);
      if (format === 'csv') {
        const rows = parseCsv(file.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
        expect(Object.keys(rows[0])).toEqual(COLUMNS);
        expect(rows.length).toBe(total);
        expect(rows.find((r) => r.application_no === 'H1')).toEqual({
          application_no: 'H1', item_code: 'T-IMP-XK', org_code: 'JX-WJW', applicant_name: '导入测试宾馆（更正）', entity_uscc: entity.uscc, channel: 'online',
          received_on: '2025-03-03', accepted_on: '2025-03-03', concluded_on: '2025-03-07', outcome: 'approved', commitment: 'Y', deficiency_accepted: 'N',
          e_licence_reused: 'Y', proof_free: 'Y', licence_no: 'IMP-LIC-0001', licence_valid_to: '2029-03-06',
        });
        expect(rows.find((r) => r.application_no === 'P2')).toMatchObject({ outcome: 'pending', accepted_on: '', concluded_on: '' });
      }
      const res = await upload([], window, format, file.rawPayload);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json()).toEqual({ dataset: 'applications', inserted: 0, updated: total });
    }
    expect(await snapshot()).toBe(before);
    expect(await licenceCount()).toBe(licences);
    // The list's filters apply to the export.
    const filtered = parseCsv((await window.get('/api/exports/applications?format=csv&state=accepted')).rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(filtered.every((r) => r.accepted_on !== '' && r.outcome === 'pending')).toBe(true);
    expect(filtered.map((r) => r.application_no).filter(mine).sort()).toEqual(['H4', 'H7']);
  });
});
