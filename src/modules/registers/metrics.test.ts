// The registers' metrics against a small known set of records written with SQL into the
// test's own organisations under the demo commission JX-WJW: a district R-A with its
// institute R-A-1, a sibling district R-B, and R-EMPTY with nothing. Whatever the demo
// data holds elsewhere cannot change these figures; at JX-WJW they grow by exactly these
// records. The period is the first quarter of 2025 (P); every expected figure is worked
// out by hand from the tables below.
//
// publications  no   org    published   channel
//               P1   R-A    2025-01-01  website     first day of P
//               P2   R-A    2025-03-31  website     last day of P
//               P3   R-A-1  2025-02-14  wechat
//               P4   R-A    2025-02-20  catalogue
//               P5   R-A    2024-12-31  weibo       before P
//               P6   R-A    2025-04-01  weibo       after P
//               P7   R-B    2025-02-01  website     sibling
//               P8   R-A-1  2025-03-01  other
// trainings     T1   R-A    2025-01-10  law_study          40
//               T2   R-A-1  2025-03-31  constitution_oath  12
//               T3   R-A    2025-02-05  expert_lecture     80
//               T4   R-A    2025-02-06  training           30
//               T5   R-A    2025-04-01  training           25   after P
//               T6   R-B    2025-02-01  training           50   sibling
// activities    A1   R-A    2025-01-01  campaign   300
//               A2   R-A-1  2025-02-15  quiz      1200
//               A3   R-A    2025-03-31  lecture     60
//               A4   R-A    2024-12-31  media     5000   before P
//               A5   R-B    2025-03-01  service     90   sibling
//               A6   R-A-1  2025-03-10  media        0
//
// R-A in P:  publications P1 P2 P3 P4 P8 = 5 (website 2, wechat 1, catalogue 1, other 1)
//            trainings T1 T2 T3 T4 = 4 (one of each kind)
//            activities A1 A2 A3 A6 = 4, participants 300 + 1200 + 60 + 0 = 1560
// R-A-1 in P: P3 P8 = 2; T2 = 1; A2 A6 = 2, 1200 participants
// R-B in P:  P7 = 1; T6 = 1; A5 = 1, 90 participants
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { rebuildOrgPaths } from '../orgs/service';
import { registerMetrics } from './metrics';

let env: TestEnv;
let office: Client;
const org: Record<string, number> = {};
const IDS = registerMetrics.map((m) => m.id);

type Metric = { id: string; value: number | null; breakdown?: Record<string, number> };

async function metrics(c: Client, orgCode: string, from: string, to: string): Promise<Record<string, Metric>> {
  const res = await c.get(`/api/metrics?from=${from}&to=${to}&org=${orgCode}&ids=${IDS.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
}

const PUBLICATIONS: [string, string, string, string][] = [
  ['P1', 'R-A', '2025-01-01', 'website'], ['P2', 'R-A', '2025-03-31', 'website'], ['P3', 'R-A-1', '2025-02-14', 'wechat'],
  ['P4', 'R-A', '2025-02-20', 'catalogue'], ['P5', 'R-A', '2024-12-31', 'weibo'], ['P6', 'R-A', '2025-04-01', 'weibo'],
  ['P7', 'R-B', '2025-02-01', 'website'], ['P8', 'R-A-1', '2025-03-01', 'other'],
];
const TRAININGS: [string, string, string, string, number][] = [
  ['T1', 'R-A', '2025-01-10', 'law_study', 40], ['T2', 'R-A-1', '2025-03-31', 'constitution_oath', 12], ['T3', 'R-A', '2025-02-05', 'expert_lecture', 80],
  ['T4', 'R-A', '2025-02-06', 'training', 30], ['T5', 'R-A', '2025-04-01', 'training', 25], ['T6', 'R-B', '2025-02-01', 'training', 50],
];
const ACTIVITIES: [string, string, string, string, number][] = [
  ['A1', 'R-A', '2025-01-01', 'campaign', 300], ['A2', 'R-A-1', '2025-02-15', 'quiz', 1200], ['A3', 'R-A', '2025-03-31', 'lecture', 60],
  ['A4', 'R-A', '2024-12-31', 'media', 5000], ['A5', 'R-B', '2025-03-01', 'service', 90], ['A6', 'R-A-1', '2025-03-10', 'media', 0],
];

const CHANNELS0 = { website: 0, weibo: 0, wechat: 0, catalogue: 0, other: 0 };
const TRAININGS0 = { training: 0, law_study: 0, constitution_oath: 0, expert_lecture: 0 };
const ACTIVITIES0 = { campaign: 0, quiz: 0, lecture: 0, media: 0, service: 0 };

let cityBefore: Record<string, Metric>;

beforeAll(async () => {
  env = await setupTestEnv();
  for (const [code, parent] of [['R-A', 'JX-WJW'], ['R-A-1', 'R-A'], ['R-B', 'JX-WJW'], ['R-EMPTY', 'JX-WJW']]) {
    await env.db.query(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind) VALUES ($1, $2, (SELECT id FROM organizations WHERE code = $3), '', '330400', 'commission')`,
      [code, `测试机构${code}`, parent]);
  }
  await rebuildOrgPaths(env.db);
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  office = await env.as('office');
  cityBefore = await metrics(office, 'JX-WJW', '2025-01-01', '2025-03-31');
  for (const [no, o, d, channel] of PUBLICATIONS) {
    await env.db.query('INSERT INTO publications (publication_no, org_id, published_on, channel, title) VALUES ($1, $2, $3, $4, $5)', [`RM-${no}`, org[o], d, channel, `公开${no}`]);
  }
  for (const [no, o, d, kind, n] of TRAININGS) {
    await env.db.query('INSERT INTO trainings (training_no, org_id, held_on, kind, title, participants) VALUES ($1, $2, $3, $4, $5, $6)', [`RM-${no}`, org[o], d, kind, `培训${no}`, n]);
  }
  for (const [no, o, d, kind, n] of ACTIVITIES) {
    await env.db.query('INSERT INTO popularization_activities (activity_no, org_id, held_on, kind, title, participants, source) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [`RM-${no}`, org[o], d, kind, `活动${no}`, n, no === 'A3' ? 'import' : 'platform']);
  }
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('register metrics', () => {
  it('count a district with its institute in the period, boundaries inclusive, with breakdowns by channel and kind', async () => {
    const m = await metrics(office, 'R-A', '2025-01-01', '2025-03-31');
    expect(m['disclosure.proactive.count']).toMatchObject({ value: 5, breakdown: { ...CHANNELS0, website: 2, wechat: 1, catalogue: 1, other: 1 } });
    expect(m['training.sessions']).toMatchObject({ value: 4, breakdown: { training: 1, law_study: 1, constitution_oath: 1, expert_lecture: 1 } });
    expect(m['popularization.activities']).toMatchObject({ value: 4, breakdown: { ...ACTIVITIES0, campaign: 1, quiz: 1, lecture: 1, media: 1 } });
    expect(m['popularization.participants']).toMatchObject({ value: 1560, breakdown: { ...ACTIVITIES0, campaign: 300, quiz: 1200, lecture: 60, media: 0 } });
  });

  it('breakdowns sum to their totals', async () => {
    for (const code of ['R-A', 'R-A-1', 'R-B', 'JX-WJW']) {
      const m = await metrics(office, code, '2024-01-01', '2025-12-31');
      for (const id of IDS) {
        const sum = Object.values(m[id].breakdown ?? {}).reduce((a, b) => a + b, 0);
        expect(sum, `${code} ${id}`).toBe(m[id].value);
      }
    }
  });

  it('a child counts alone, a sibling does not count in the district, and the city grows by exactly these records', async () => {
    const child = await metrics(office, 'R-A-1', '2025-01-01', '2025-03-31');
    expect(child['disclosure.proactive.count']).toMatchObject({ value: 2, breakdown: { ...CHANNELS0, wechat: 1, other: 1 } });
    expect(child['training.sessions']).toMatchObject({ value: 1, breakdown: { ...TRAININGS0, constitution_oath: 1 } });
    expect(child['popularization.activities'].value).toBe(2);
    expect(child['popularization.participants']).toMatchObject({ value: 1200, breakdown: { ...ACTIVITIES0, quiz: 1200 } });

    const sibling = await metrics(office, 'R-B', '2025-01-01', '2025-03-31');
    expect(sibling['disclosure.proactive.count']).toMatchObject({ value: 1, breakdown: { ...CHANNELS0, website: 1 } });
    expect(sibling['training.sessions'].value).toBe(1);
    expect(sibling['popularization.activities'].value).toBe(1);
    expect(sibling['popularization.participants'].value).toBe(90);

    const city = await metrics(office, 'JX-WJW', '2025-01-01', '2025-03-31');
    expect(city['disclosure.proactive.count'].value).toBe(cityBefore['disclosure.proactive.count'].value! + 6);
    expect(city['training.sessions'].value).toBe(cityBefore['training.sessions'].value! + 5);
    expect(city['popularization.activities'].value).toBe(cityBefore['popularization.activities'].value! + 5);
    expect(city['popularization.participants'].value).toBe(cityBefore['popularization.participants'].value! + 1650);
  });

  it('a single day and a period with nothing give their exact counts and zero breakdowns', async () => {
    const day = await metrics(office, 'R-A', '2025-03-31', '2025-03-31');
    expect(day['disclosure.proactive.count']).toMatchObject({ value: 1, breakdown: { ...CHANNELS0, website: 1 } }); // P2
    expect(day['training.sessions']).toMatchObject({ value: 1, breakdown: { ...TRAININGS0, constitution_oath: 1 } }); // T2
    expect(day['popularization.participants']).toMatchObject({ value: 60, breakdown: { ...ACTIVITIES0, lecture: 60 } }); // A3
    const empty = await metrics(office, 'R-EMPTY', '2025-01-01', '2025-12-31');
    expect(empty['disclosure.proactive.count']).toMatchObject({ value: 0, breakdown: CHANNELS0 });
    expect(empty['training.sessions']).toMatchObject({ value: 0, breakdown: TRAININGS0 });
    expect(empty['popularization.activities']).toMatchObject({ value: 0, breakdown: ACTIVITIES0 });
    expect(empty['popularization.participants']).toMatchObject({ value: 0, breakdown: ACTIVITIES0 });
  });

  it('the day before and after the period are left out', async () => {
    const before = await metrics(office, 'R-A', '2024-12-31', '2024-12-31');
    expect(before['disclosure.proactive.count'].value).toBe(1); // P5
    expect(before['popularization.participants'].value).toBe(5000); // A4
    const after = await metrics(office, 'R-A', '2025-04-01', '2025-04-01');
    expect(after['disclosure.proactive.count'].value).toBe(1); // P6
    expect(after['training.sessions'].value).toBe(1); // T5
    expect(after['popularization.activities'].value).toBe(0);
  });
});
