// The rules that hold for every metric (metrics.md), checked on the evaluator with
// definitions written for the test: what a module's SQL returns, the API must shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { createMetricRegistry, evaluateMetrics } from './registry';
import type { MetricDefinition } from './types';

let env: TestEnv;
let city: { id: number; path: string };
beforeAll(async () => {
  env = await setupTestEnv();
  city = (await env.db.one<{ id: number; path: string }>("SELECT id, path FROM organizations WHERE code = 'JX-WJW'"))!;
});
afterAll(async () => { await env?.close(); });

const base = { name: '测试指标', nameEn: 'Test metric', periodDate: '测试日期', definition: '测试用口径。' };

function def(over: Partial<MetricDefinition> & Pick<MetricDefinition, 'id' | 'unit'>): MetricDefinition {
  return { ...base, ...over };
}

const run = (defs: MetricDefinition[]) => evaluateMetrics(env.db, defs, { from: '2026-01-01', to: '2026-12-31', orgId: city.id, orgPath: city.path });

describe('ratios', () => {
  it('divides numerator by denominator and keeps both', async () => {
    const [m] = await run([def({ id: 't.ratio', unit: 'ratio', query: () => ({ sql: 'SELECT 3 AS numerator, 4 AS denominator', params: [] }) })]);
    expect(m).toEqual({ id: 't.ratio', name: '测试指标', unit: 'ratio', value: 0.75, numerator: 3, denominator: 4 });
  });

  it('is null, never 0 or 100%, when the denominator is 0', async () => {
    const [zero, none] = await run([
      def({ id: 't.zero', unit: 'ratio', query: () => ({ sql: 'SELECT 0 AS numerator, 0 AS denominator', params: [] }) }),
      def({ id: 't.none', unit: 'per10k', query: () => ({ sql: 'SELECT 5 AS numerator, NULL::int AS denominator', params: [] }) }),
    ]);
    expect(zero.value).toBeNull();
    expect(zero).toMatchObject({ numerator: 0, denominator: 0 });
    expect(none.value).toBeNull();
  });

  it('refuses a ratio above 1 (a definition whose numerator is not part of its denominator)', async () => {
    await expect(run([def({ id: 't.bad', unit: 'ratio', query: () => ({ sql: 'SELECT 5 AS numerator, 4 AS denominator', params: [] }) })]))
      .rejects.toThrow(/outside 0\.\.1/);
  });

  it('scales per-10,000 figures', async () => {
    const [m] = await run([def({ id: 't.per10k', unit: 'per10k', query: () => ({ sql: 'SELECT 75 AS numerator, 1000000::bigint AS denominator', params: [] }) })]);
    expect(m.value).toBeCloseTo(0.75, 12);
  });
});

describe('breakdowns and money', () => {
  it('fills every declared category and requires the breakdown to add up', async () => {
    const keys = ['simple', 'general'] as const;
    const [m] = await run([def({
      id: 't.cases', unit: 'count', breakdownKeys: keys,
      query: () => ({ sql: `SELECT 6 AS value, jsonb_build_object('general', 6) AS breakdown`, params: [] }),
    })]);
    expect(m).toEqual({ id: 't.cases', name: '测试指标', unit: 'count', value: 6, breakdown: { simple: 0, general: 6 } });

    await expect(run([def({
      id: 't.wrong', unit: 'count', breakdownKeys: keys,
      query: () => ({ sql: `SELECT 12 AS value, jsonb_build_object('simple', 6, 'general', 5) AS breakdown`, params: [] }),
    })])).rejects.toThrow(/breakdown sums to 11, total is 12/);
  });

  it('allows a non-additive breakdown only when the definition says so', async () => {
    const [m] = await run([def({
      id: 't.sanctions', unit: 'count', breakdownAdditive: false,
      query: () => ({ sql: `SELECT 2 AS value, jsonb_build_object('warning', 2, 'fine', 1) AS breakdown`, params: [] }),
    })]);
    expect(m.breakdown).toEqual({ warning: 2, fine: 1 });
  });

  it('reports money kept in fen as yuan with two decimals', async () => {
    const [m] = await run([def({
      id: 't.fines', unit: 'yuan',
      query: () => ({ sql: `SELECT 890001::bigint AS value_fen, jsonb_build_object('a', 890000, 'b', 1) AS breakdown`, params: [] }),
    })]);
    expect(m.value).toBe(8900.01);
    expect(m.breakdown).toEqual({ a: 8900, b: 0.01 });
  });

  it('passes the period and the organisation subtree to the query', async () => {
    const [m] = await run([def({
      id: 't.scope', unit: 'count',
      query: (s) => ({ sql: `SELECT count(*)::int AS value FROM organizations WHERE path LIKE $1 || '%' AND $2::date <= $3::date`, params: [s.orgPath, s.from, s.to] }),
    })]);
    const all = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM organizations'))!.n;
    expect(m.value).toBe(all); // the city is the root of the demo tree
  });
});

describe('registry', () => {
  it('rejects duplicate ids and malformed definitions at start-up', () => {
    const q = () => ({ sql: 'SELECT 1 AS value', params: [] });
    expect(() => createMetricRegistry([def({ id: 'a.b', unit: 'count', query: q }), def({ id: 'a.b', unit: 'count', query: q })])).toThrow(/twice/);
    expect(() => createMetricRegistry([def({ id: 'NoDots', unit: 'count', query: q })])).toThrow(/area\.name/);
    expect(() => createMetricRegistry([{ ...def({ id: 'a.c', unit: 'count', query: q }), definition: '' }])).toThrow(/definition/);
    const r = createMetricRegistry([def({ id: 'a.b', unit: 'count', query: q })]);
    expect(r.unknown(['a.b', 'x.y'])).toEqual(['x.y']);
  });
});

describe('aggregates over shared records', () => {
  it('computes metrics over the same records in one query, each from its own columns, in the order asked', async () => {
    const orgs = "FROM organizations o WHERE o.path LIKE $1 || '%'";
    const shared = (columns: Record<string, string>) => () => ({ from: orgs, params: [city.path], columns });
    const before = (await env.db.one<{ n: number; d: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'division')::int AS d FROM organizations WHERE path LIKE $1 || '%'", [city.path]))!;
    const defs = [
      def({ id: 't.orgs', unit: 'count', aggregate: shared({ value: 'count(*)::int' }) }),
      def({ id: 't.plain', unit: 'count', query: () => ({ sql: 'SELECT 7 AS value', params: [] }) }),
      def({ id: 't.divisions', unit: 'ratio', aggregate: shared({ numerator: "count(*) FILTER (WHERE o.kind = 'division')::int", denominator: 'count(*)::int' }) }),
    ];
    const [orgsMetric, plain, divisions] = await run(defs);
    expect(orgsMetric).toMatchObject({ id: 't.orgs', value: before.n });
    expect(plain).toMatchObject({ id: 't.plain', value: 7 });
    expect(divisions).toMatchObject({ id: 't.divisions', numerator: before.d, denominator: before.n, value: before.d / before.n });
  });

  it('refuses at start-up a definition with neither a query nor an aggregate, or with both', () => {
    expect(() => createMetricRegistry([def({ id: 't.none', unit: 'count' })])).toThrow(/either a query or an aggregate/);
    expect(() => createMetricRegistry([def({
      id: 't.both', unit: 'count', query: () => ({ sql: 'SELECT 1 AS value', params: [] }),
      aggregate: () => ({ from: 'FROM organizations', params: [], columns: { value: 'count(*)' } }),
    })])).toThrow(/either a query or an aggregate/);
  });
});
