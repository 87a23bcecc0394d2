// The licensing metrics against a small known set of catalogue items and applications
// written with SQL into the test's own database, in organisations of the test's own (a
// district T-SJ with its institute T-SJ-JDS, a second district T-QP, and T-EMPTY with
// nothing, all under the city JX-WJW), so whatever else the demo data holds cannot
// change a figure; at the city the figures grow by exactly these records. Every
// expected figure is worked out by hand from the table below (March 2025).
//
//   no   item (category)          org       channel received accepted concluded due    outcome   flags
//   A1   T-PH (public_health)     T-SJ      online  03-03    03-03    03-03     03-10  approved  proof_free commitment, rated 5 on 03-04
//   A2   T-PH                     T-SJ      window  03-04    03-05    03-20     03-12  approved  late, rated 2 on 03-21
//   A3   T-MI (medical_inst.)     T-SJ-JDS  online  03-05    03-06    03-10     03-27  refused   deficiency, commitment (refused), rated 3 on 03-11
//   A4   T-MS (medical_staff)     T-SJ      online  03-10    03-10    03-10     03-17  approved  e-licence, proof_free, commitment, rated 4 on 04-01
//   A5   T-FO (filing_other)      T-SJ      online  03-11    03-12    03-12     —      approved  filing, a day after receipt: late
//   A6   T-FO                     T-SJ      window  03-13    03-13    03-13     —      approved  filing on the day: on time; proof_free; rated 4 on 03-14
//   A7   T-EX (ex_officio)        T-SJ      window  03-14    —        03-17     —      withdrawn before acceptance: on time; e-licence (not accepted)
//   A8   T-PH                     T-SJ      online  02-20    02-21    03-02     02-28  approved  late; deficiency accepted in February
//   A9   T-PH                     T-SJ      online  03-25    03-26    —         04-02  (pending) deficiency, e-licence
//   A10  T-PH                     T-SJ      online  03-27    03-28    04-02     04-07  approved  e-licence (accepted in March, concluded in April)
//   A11  T-QP (public_health)     T-QP      online  03-14    03-14    03-15     03-28  approved
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import { rebuildOrgPaths } from '../orgs/service';
import { CATALOGUE_CATEGORIES } from './catalogueSchema';

let env: TestEnv;
let office: Client;
const org: Record<string, number> = {};
const today = todayInChina();

const IDS = [
  'licensing.applications.total', 'licensing.online.count', 'licensing.online_rate', 'licensing.instant_rate', 'licensing.time_compression_rate',
  'licensing.no_proof_rate', 'licensing.on_time_rate', 'licensing.commitment.count', 'licensing.deficiency_acceptance.count',
  'licensing.e_licence_reuse.count', 'licensing.satisfaction_rate', 'licensing.catalogue.items',
];

interface Item { code: string; org: string; category: string; kind?: string; statutory: number; promised: number; active?: boolean; version?: number; current?: boolean; createdAt?: string }

async function insertItem(i: Item): Promise<number> {
  const row = await env.db.one<{ id: number }>(
    `INSERT INTO catalogue_items (item_code, version, is_current, org_id, name, category, kind, legal_basis, statutory_days, promised_days, active, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,'测试依据',$8,$9,$10,coalesce($11::timestamptz, now())) RETURNING id`,
    [i.code, i.version ?? 1, i.current ?? true, org[i.org], `测试事项${i.code}`, i.category, i.kind ?? 'licence', i.statutory, i.promised,
      i.active ?? true, i.createdAt ?? null]);
  return row!.id;
}

interface App {
  no: string; item: string; org: string; channel: string; received: string; accepted?: string; concluded?: string; due?: string;
  outcome?: 'approved' | 'refused' | 'withdrawn'; commitment?: boolean; deficiency?: boolean; eLicence?: boolean; proofFree?: boolean;
  rating?: number; ratedOn?: string;
}

async function insertApp(a: App): Promise<void> {
  const y = (d?: string) => (d ? `2025-${d}` : null);
  const state = a.outcome ?? (a.accepted ? 'accepted' : 'submitted');
  await env.db.query(
    `INSERT INTO licence_applications (application_no, item_id, org_id, applicant_name, channel, tracking_code, state, received_on, accepted_on, due_on,
       concluded_on, outcome, commitment, deficiency_accepted, e_licence_reused, proof_free, rating, rated_on)
     VALUES ($1, (SELECT id FROM catalogue_items WHERE item_code = $2 AND is_current), $3, '测试申请人', $4, 'TESTTRACK2', $5, $6, $7, $8, $9, $10,
             $11, $12, $13, $14, $15, $16)`,
    [a.no, a.item, org[a.org], a.channel, state, y(a.received), y(a.accepted), y(a.due), y(a.concluded), a.outcome ?? null,
      a.commitment ?? false, a.deficiency ?? false, a.eLicence ?? false, a.proofFree ?? false, a.rating ?? null, y(a.ratedOn)]);
}

type Metric = { id: string; value: number | null; numerator?: number | null; denominator?: number | null; breakdown?: Record<string, number> };

async function metrics(c: Client, orgCode: string, from: string, to: string): Promise<Record<string, Metric>> {
  const res = await c.get(`/api/metrics?from=${from}&to=${to}&org=${orgCode}&ids=${IDS.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
}

/** The city's figures before this file's records: the city's own grow by exactly them. */
let cityMarch: Record<string, Metric>;
let cityNow: Record<string, Metric>;

beforeAll(async () => {
  env = await setupTestEnv();
  const city = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'"))!.id;
  for (const [code, parent, kind] of [['T-SJ', 'JX-WJW', 'commission'], ['T-SJ-JDS', 'T-SJ', 'institute'], ['T-QP', 'JX-WJW', 'commission'], ['T-EMPTY', 'JX-WJW', 'other']]) {
    await env.db.query(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind) VALUES ($1, $2, (SELECT id FROM organizations WHERE code = $3), '', '330400', $4)`,
      [code, `测试机构${code}`, parent, kind]);
  }
  await rebuildOrgPaths(env.db);
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  expect(org['JX-WJW']).toBe(city);
  office = await env.as('office');
  cityMarch = await metrics(office, 'JX-WJW', '2025-03-01', '2025-03-31');
  cityNow = await metrics(office, 'JX-WJW', '2026-01-01', today);

  // T-PH: version 1 (promised 10 days) from January 2025, version 2 (promised 5) now.
  await insertItem({ code: 'T-PH', org: 'T-SJ', category: 'public_health', statutory: 20, promised: 10, version: 1, current: false, createdAt: '2025-01-10T10:00:00+08:00' });
  await insertItem({ code: 'T-PH', org: 'T-SJ', category: 'public_health', statutory: 20, promised: 5, version: 2 });
  await insertItem({ code: 'T-MI', org: 'T-SJ-JDS', category: 'medical_institution', statutory: 30, promised: 15 });
  await insertItem({ code: 'T-MS', org: 'T-SJ', category: 'medical_staff', statutory: 20, promised: 0 });
  await insertItem({ code: 'T-FO', org: 'T-SJ', category: 'filing_other', kind: 'filing', statutory: 1, promised: 0 });
  await insertItem({ code: 'T-EX', org: 'T-SJ', category: 'ex_officio', statutory: 20, promised: 10 });
  await insertItem({ code: 'T-OLD', org: 'T-SJ', category: 'public_health', statutory: 20, promised: 20, active: false });
  await insertItem({ code: 'T-QP', org: 'T-QP', category: 'public_health', statutory: 20, promised: 10 });

  for (const a of [
    { no: 'A1', item: 'T-PH', org: 'T-SJ', channel: 'online', received: '03-03', accepted: '03-03', concluded: '03-03', due: '03-10', outcome: 'approved', proofFree: true, commitment: true, rating: 5, ratedOn: '03-04' },
    { no: 'A2', item: 'T-PH', org: 'T-SJ', channel: 'window', received: '03-04', accepted: '03-05', concluded: '03-20', due: '03-12', outcome: 'approved', rating: 2, ratedOn: '03-21' },
    { no: 'A3', item: 'T-MI', org: 'T-SJ-JDS', channel: 'online', received: '03-05', accepted: '03-06', concluded: '03-10', due: '03-27', outcome: 'refused', deficiency: true, commitment: true, rating: 3, ratedOn: '03-11' },
    { no: 'A4', item: 'T-MS', org: 'T-SJ', channel: 'online', received: '03-10', accepted: '03-10', concluded: '03-10', due: '03-17', outcome: 'approved', eLicence: true, proofFree: true, commitment: true, rating: 4, ratedOn: '04-01' },
    { no: 'A5', item: 'T-FO', org: 'T-SJ', channel: 'online', received: '03-11', accepted: '03-12', concluded: '03-12', outcome: 'approved' },
    { no: 'A6', item: 'T-FO', org: 'T-SJ', channel: 'window', received: '03-13', accepted: '03-13', concluded: '03-13', outcome: 'approved', proofFree: true, rating: 4, ratedOn: '03-14' },
    { no: 'A7', item: 'T-EX', org: 'T-SJ', channel: 'window', received: '03-14', concluded: '03-17', outcome: 'withdrawn', eLicence: true },
    { no: 'A8', item: 'T-PH', org: 'T-SJ', channel: 'online', received: '02-20', accepted: '02-21', concluded: '03-02', due: '02-28', outcome: 'approved', deficiency: true },
    { no: 'A9', item: 'T-PH', org: 'T-SJ', channel: 'online', received: '03-25', accepted: '03-26', due: '04-02', deficiency: true, eLicence: true },
    { no: 'A10', item: 'T-PH', org: 'T-SJ', channel: 'online', received: '03-27', accepted: '03-28', concluded: '04-02', due: '04-07', outcome: 'approved', eLicence: true },
    { no: 'A11', item: 'T-QP', org: 'T-QP', channel: 'online', received: '03-14', accepted: '03-14', concluded: '03-15', due: '03-28', outcome: 'approved' },
  ] as App[]) await insertApp(a);
}, 60_000);
afterAll(async () => { await env?.close(); });

const zeroBreakdown = { public_health: 0, medical_institution: 0, medical_staff: 0, filing_other: 0, ex_officio: 0 };

describe('licensing metrics', () => {
  it('count the applications of a district in March 2025 as defined, with the breakdown by catalogue category', async () => {
    const m = await metrics(office, 'T-SJ', '2025-03-01', '2025-03-31');
    // Concluded in March: A1–A8 (A9 pending, A10 concluded in April, A11 in T-QP).
    expect(m['licensing.applications.total']).toMatchObject({
      value: 8, breakdown: { public_health: 3, medical_institution: 1, medical_staff: 1, filing_other: 2, ex_officio: 1 },
    });
    expect(Object.keys(m['licensing.applications.total'].breakdown!).sort()).toEqual([...CATALOGUE_CATEGORIES].sort());
    expect(m['licensing.online.count'].value).toBe(5); // A1 A3 A4 A5 A8
    expect(m['licensing.online_rate']).toMatchObject({ value: 5 / 8, numerator: 5, denominator: 8 });
    expect(m['licensing.instant_rate']).toMatchObject({ value: 0.5, numerator: 4, denominator: 8 }); // A1 A4 A5 A6
    expect(m['licensing.no_proof_rate']).toMatchObject({ value: 3 / 8, numerator: 3, denominator: 8 }); // A1 A4 A6
    // On time: A1 A3 A4 (by due date), A6 (filing on the day), A7 (withdrawn before acceptance).
    // Late: A2 and A8 (after the due date), A5 (a filing recorded the day after receipt).
    expect(m['licensing.on_time_rate']).toMatchObject({ value: 5 / 8, numerator: 5, denominator: 8 });
    expect(m['licensing.commitment.count'].value).toBe(2); // A1 A4 (A3 was refused)
    expect(m['licensing.deficiency_acceptance.count'].value).toBe(2); // A3 A9 (A8 accepted in February)
    expect(m['licensing.e_licence_reuse.count'].value).toBe(3); // A4 A9 A10 (A7 never accepted)
    expect(m['licensing.satisfaction_rate']).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 }); // A1 A6 of A1 A2 A3 A6
    // The institute under the district alone: A3.
    const jds = await metrics(office, 'T-SJ-JDS', '2025-03-01', '2025-03-31');
    expect(jds['licensing.applications.total']).toMatchObject({ value: 1, breakdown: { ...zeroBreakdown, medical_institution: 1 } });
    expect(jds['licensing.on_time_rate']).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
  });

  it('take the catalogue as it stood at the end of the period', async () => {
    // Active items of T-SJ (T-OLD is inactive): T-PH, T-MI (in T-SJ-JDS), T-MS, T-FO, T-EX.
    // Now T-PH promises 5 of 20 days: (0.75 + 0.5 + 1 + 1 + 0.5) / 5.
    const now = await metrics(office, 'T-SJ', '2026-01-01', today);
    expect(now['licensing.catalogue.items'].value).toBe(5);
    expect(now['licensing.time_compression_rate'].value).toBeCloseTo(0.75, 10);
    expect(now['licensing.time_compression_rate'].denominator).toBe(5);
    // At the end of March 2025 version 1 was in force (10 of 20): (0.5 + 0.5 + 1 + 1 + 0.5) / 5.
    const march = await metrics(office, 'T-SJ', '2025-03-01', '2025-03-31');
    expect(march['licensing.catalogue.items'].value).toBe(5);
    expect(march['licensing.time_compression_rate'].value).toBeCloseTo(0.7, 10);
    // Before any version was made, an item stands with its first one.
    const before = await metrics(office, 'T-SJ', '2024-01-01', '2024-12-31');
    expect(before['licensing.catalogue.items'].value).toBe(5);
    expect(before['licensing.time_compression_rate'].value).toBeCloseTo(0.7, 10);
    // T-QP: its one item (10 of 20 days).
    const qp = await metrics(office, 'T-QP', '2025-03-01', today);
    expect(qp['licensing.catalogue.items'].value).toBe(1);
    expect(qp['licensing.time_compression_rate']).toMatchObject({ value: 0.5, numerator: 0.5, denominator: 1 });
  });

  it('cover the organisation and everything under it: the city grows by both districts, a district sees only its own', async () => {
    const city = await metrics(office, 'JX-WJW', '2025-03-01', '2025-03-31');
    const grew = (id: string, field: 'value' | 'numerator' | 'denominator') => (city[id][field] ?? 0) - (cityMarch[id][field] ?? 0);
    expect(grew('licensing.applications.total', 'value')).toBe(9);
    const added = { public_health: 4, medical_institution: 1, medical_staff: 1, filing_other: 2, ex_officio: 1 };
    for (const [k, n] of Object.entries(added)) {
      expect(city['licensing.applications.total'].breakdown![k] - cityMarch['licensing.applications.total'].breakdown![k], k).toBe(n);
    }
    expect([grew('licensing.online_rate', 'numerator'), grew('licensing.online_rate', 'denominator')]).toEqual([6, 9]);
    expect([grew('licensing.on_time_rate', 'numerator'), grew('licensing.on_time_rate', 'denominator')]).toEqual([6, 9]);
    expect([grew('licensing.satisfaction_rate', 'numerator'), grew('licensing.satisfaction_rate', 'denominator')]).toEqual([2, 4]);
    expect(grew('licensing.e_licence_reuse.count', 'value')).toBe(3);
    const now = await metrics(office, 'JX-WJW', '2026-01-01', today);
    expect(now['licensing.catalogue.items'].value! - cityNow['licensing.catalogue.items'].value!).toBe(6);

    // A district user sees its own subtree and nothing above or beside it.
    const admin = await env.as('admin');
    expect((await admin.post('/api/users', {
      username: 't_qp_window', displayName: '测试区窗口', orgId: org['T-QP'], roles: ['window'],
      scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok',
    })).statusCode).toBe(200);
    const qpUser = await env.as('t_qp_window', 'District2026ok');
    const qp = await metrics(qpUser, 'T-QP', '2025-03-01', '2025-03-31');
    expect(qp['licensing.applications.total']).toMatchObject({ value: 1, breakdown: { ...zeroBreakdown, public_health: 1 } });
    expect(qp['licensing.online_rate']).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(qp['licensing.instant_rate']).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(qp['licensing.on_time_rate']).toMatchObject({ value: 1 });
    expect(qp['licensing.deficiency_acceptance.count'].value).toBe(0);
    expect(qp['licensing.satisfaction_rate']).toMatchObject({ value: null, denominator: 0 });
    for (const other of ['T-SJ', 'JX-WJW']) {
      expect((await qpUser.get(`/api/metrics?from=2025-03-01&to=2025-03-31&org=${other}&ids=licensing.applications.total`)).statusCode).toBe(404);
    }
  });

  it('give null ratios, never 0 or 100%, and zero counts for a period without applications', async () => {
    const m = await metrics(office, 'T-SJ', '2024-01-01', '2024-12-31');
    expect(m['licensing.applications.total']).toMatchObject({ value: 0, breakdown: zeroBreakdown });
    for (const id of ['licensing.online_rate', 'licensing.instant_rate', 'licensing.no_proof_rate', 'licensing.on_time_rate', 'licensing.satisfaction_rate']) {
      expect(m[id], id).toMatchObject({ value: null, denominator: 0 });
    }
    for (const id of ['licensing.online.count', 'licensing.commitment.count', 'licensing.deficiency_acceptance.count', 'licensing.e_licence_reuse.count']) {
      expect(m[id].value, id).toBe(0);
    }
    // An organisation without a catalogue item has no compression rate.
    const none = await metrics(office, 'T-EMPTY', '2025-01-01', today);
    expect(none['licensing.catalogue.items'].value).toBe(0);
    expect(none['licensing.time_compression_rate']).toMatchObject({ value: null, denominator: 0 });
  });
});
