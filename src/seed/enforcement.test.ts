// The demo's supervision and enforcement history (seed/enforcement.ts) as a user finds it
// on first start: last year's visits, random tasks and penalty decisions in the leader's
// figures at a city's scale, every breakdown adding up and the districts adding up to the
// city; every imported record concluded, none in anybody's to-do list; the first entities
// of each institute left blank for the API tests that take them as fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../test/support/harness';
import { addDays, todayInChina } from '../core/calendar/dates';
import { HISTORY_ENDS_DAYS_AGO, UNTOUCHED_PER_INSTITUTE } from './enforcement';

let env: TestEnv;
let leader: Client;
const today = todayInChina();
const lastYear = Number(today.slice(0, 4)) - 1;
const end = addDays(today, -HISTORY_ENDS_DAYS_AGO);

interface Metric { id: string; value: number | null; numerator?: number; denominator?: number; breakdown?: Record<string, number> }

async function metrics(org: string): Promise<Record<string, Metric>> {
  const res = await leader.get(`/api/metrics?from=${lastYear}-01-01&to=${lastYear}-12-31&org=${org}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().metrics as Metric[]).map((m) => [m.id, m]));
}

const sum = (b: Record<string, number> | undefined) => Object.values(b ?? {}).reduce((s, n) => s + n, 0);

beforeAll(async () => {
  env = await setupTestEnv();
  leader = await env.as('leader');
});
afterAll(async () => { await env?.close(); });

describe('the demo’s supervision and enforcement history', () => {
  it('gives last year’s 监督检查 figures at a city’s scale, breakdowns adding up', async () => {
    const m = await metrics('JX-WJW');
    expect(m['inspection.visits.total'].value).toBeGreaterThanOrEqual(500);
    expect(m['inspection.visits.total'].value).toBeLessThanOrEqual(700);
    expect(m['inspection.entities.distinct'].value).toBeGreaterThan(0);
    expect(m['inspection.entities.distinct'].value).toBeLessThanOrEqual(m['inspection.visits.total'].value!);
    // At least two inspectors on every visit.
    expect(m['inspection.inspector_times'].value).toBeGreaterThanOrEqual(2 * m['inspection.visits.total'].value!);
    const tasks = m['inspection.random.tasks.assigned'];
    expect(tasks.value).toBe(60);
    expect(sum(tasks.breakdown)).toBe(tasks.value);
    for (const source of ['national', 'provincial', 'municipal', 'local']) expect(tasks.breakdown![source], source).toBeGreaterThan(0);
    expect(m['inspection.random.tasks.completion_rate'].value).toBeGreaterThan(0.85);
    expect(m['inspection.random_share']).toMatchObject({ numerator: m['inspection.random.entities'].value, denominator: m['inspection.visits.total'].value });
    expect(m['inspection.joint_random_rate'].value).toBeGreaterThan(0);
    expect(m['inspection.results_published_on_time_rate'].value).toBeGreaterThan(0.8);
    expect(m['inspection.credit_applied_rate']).toMatchObject({ denominator: 6 });
  });

  it('gives last year’s 行政执法 figures, breakdowns adding up', async () => {
    const m = await metrics('JX-WJW');
    const closed = m['enforcement.cases.closed'];
    expect(closed.value).toBeGreaterThanOrEqual(60);
    expect(closed.value).toBeLessThanOrEqual(100);
    expect(closed.breakdown!.simple + closed.breakdown!.general).toBe(closed.value);
    expect(closed.breakdown!.simple).toBeGreaterThan(0);
    const decisions = m['enforcement.penalty_decisions'].value!;
    expect(decisions).toBeGreaterThanOrEqual(60);
    expect(m['enforcement.sanctions'].value).toBe(decisions);
    expect(m['enforcement.sanctions'].breakdown).toMatchObject({ warning: expect.any(Number), fine: expect.any(Number) });
    expect(m['enforcement.sanctions'].breakdown!.confiscation).toBeGreaterThan(0);
    expect(m['enforcement.entities_penalized'].value).toBeLessThanOrEqual(decisions);
    expect(m['enforcement.fines.decided'].value).toBeGreaterThan(0);
    // Most fines paid: collected within a few per cent of those decided (a few paid across the new year).
    expect(m['enforcement.fines.collected'].value).toBeGreaterThan(0.9 * m['enforcement.fines.decided'].value!);
    expect(m['enforcement.confiscation'].value).toBeGreaterThan(0);
    expect(m['enforcement.transfers'].value).toBeGreaterThanOrEqual(1);
    expect(m['enforcement.major.count'].value).toBeGreaterThan(0);
    // Every major decision reviewed before it was taken.
    expect(m['enforcement.major.review_rate']).toMatchObject({ value: 1, denominator: m['enforcement.major.count'].value });
    expect(m['enforcement.publicity.on_time_rate']).toMatchObject({ denominator: decisions });
    expect(m['enforcement.publicity.on_time_rate'].value).toBeGreaterThan(0.5);
    expect(m['enforcement.decision_time.median'].value).toBeGreaterThan(0);
  });

  it('adds up from the districts and the city institute to the city', async () => {
    const [city, ...parts] = await Promise.all(['JX-WJW', 'NH-WJJ', 'XZ-WJJ', 'JX-JDS'].map(metrics));
    for (const id of ['inspection.visits.total', 'inspection.random.tasks.assigned', 'enforcement.cases.closed', 'enforcement.penalty_decisions', 'enforcement.fines.decided']) {
      for (const p of parts) expect(p[id].value, id).toBeGreaterThan(0);
      expect(parts.reduce((s, p) => s + p[id].value!, 0), id).toBe(city[id].value);
    }
  });

  it('holds concluded records only, dated up to a month ago, in nobody’s to-do list', async () => {
    const c = await env.db.one<{ n: number; open: number; later: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE state <> 'closed')::int AS open,
              count(*) FILTER (WHERE greatest(lead_on, decided_on, closed_on, paid_on, published_on, transferred_on) > $1::date)::int AS later
         FROM penalty_cases WHERE imported`, [end]);
    expect(c).toMatchObject({ open: 0, later: 0 });
    expect(c!.n).toBeGreaterThan(100);
    const t = await env.db.one<{ n: number; undone: number; staffed: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE completed_on IS NULL)::int AS undone, count(*) FILTER (WHERE cardinality(inspector_ids) > 0)::int AS staffed
         FROM random_tasks WHERE imported`);
    expect(t).toMatchObject({ undone: 0, staffed: 0 });
    expect((await env.db.one<{ d: string }>('SELECT max(visited_on)::text AS d FROM inspections'))!.d <= end).toBe(true);

    expect((await leader.get('/api/home/todos')).json()).toEqual([]);
    for (const u of ['inspector1', 'inspector2', 'inspector3', 'legal']) {
      const todos = (await (await env.as(u)).get('/api/home/todos')).json() as { module: string }[];
      expect(todos.filter((x) => x.module === 'cases' || x.module === 'inspections'), u).toEqual([]);
    }
  });

  it('leaves the first entities of each institute without any record', async () => {
    const touched = await env.db.one<{ n: number }>(
      `WITH head AS (SELECT e.id FROM entities e JOIN organizations o ON o.id = e.org_id
                      WHERE o.code IN ('NH-JDS', 'XZ-JDS', 'JX-JDS')
                        AND (SELECT count(*) FROM entities x WHERE x.org_id = e.org_id AND x.id < e.id) < $1)
       SELECT count(*)::int AS n FROM head h
        WHERE EXISTS (SELECT 1 FROM inspections v WHERE v.entity_id = h.id) OR EXISTS (SELECT 1 FROM penalty_cases c WHERE c.entity_id = h.id)
           OR EXISTS (SELECT 1 FROM random_tasks t WHERE t.entity_id = h.id)`, [UNTOUCHED_PER_INSTITUTE]);
    expect(touched!.n).toBe(0);
  });
});
