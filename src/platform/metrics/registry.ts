// The metric registry and its evaluation. Modules declare metrics as data
// (src/modules/<module>/metrics.ts); src/modules/metrics/definitions.ts lists them all;
// this file checks the list once and computes metrics in SQL, enforcing the
// rules that hold for every metric: ratios in 0..1 and null on a zero denominator,
// money in yuan with two decimals, breakdowns that add up.
import type { Queryable } from '../db';
import { ruleValue } from '../../modules/rules/service';
import { METRIC_UNITS, type MetricAggregate, type MetricDefinition, type MetricScope, type MetricValue } from './types';

const METRIC_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export interface MetricRegistry {
  readonly all: readonly MetricDefinition[];
  get(id: string): MetricDefinition | undefined;
  /** The ids in `ids` that no metric has. */
  unknown(ids: readonly string[]): string[];
}

/** Builds the registry; throws at start-up on a duplicate or malformed definition. */
export function createMetricRegistry(defs: readonly MetricDefinition[]): MetricRegistry {
  const byId = new Map<string, MetricDefinition>();
  for (const d of defs) {
    if (!METRIC_ID.test(d.id)) throw new Error(`metric id "${d.id}" is not of the form area.name`);
    if (byId.has(d.id)) throw new Error(`metric "${d.id}" is defined twice`);
    if (!METRIC_UNITS.includes(d.unit)) throw new Error(`metric "${d.id}" has unknown unit "${d.unit}"`);
    if (!d.name || !d.nameEn || !d.definition || !d.periodDate) throw new Error(`metric "${d.id}" lacks a name, definition or period date`);
    if (!d.query === !d.aggregate) throw new Error(`metric "${d.id}" needs either a query or an aggregate`);
    byId.set(d.id, d);
  }
  return {
    all: [...defs],
    get: (id) => byId.get(id),
    unknown: (ids) => ids.filter((id) => !byId.has(id)),
  };
}

interface MetricRow {
  value?: unknown;
  value_fen?: unknown;
  numerator?: unknown;
  denominator?: unknown;
  breakdown?: unknown;
}

function num(metricId: string, column: string, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new Error(`metric "${metricId}": column ${column} is not a number (${String(v)})`);
  return n;
}

const yuan = (fen: number) => Math.round(fen) / 100;

function shapeBreakdown(def: MetricDefinition, raw: unknown): Record<string, number> | undefined {
  if (raw === null || raw === undefined) {
    return def.breakdownKeys ? Object.fromEntries(def.breakdownKeys.map((k) => [k, 0])) : undefined;
  }
  const obj = typeof raw === 'string' ? JSON.parse(raw) as unknown : raw;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new Error(`metric "${def.id}": breakdown is not an object`);
  const out: Record<string, number> = {};
  for (const k of def.breakdownKeys ?? []) out[k] = 0;
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (def.breakdownKeys && !def.breakdownKeys.includes(k)) throw new Error(`metric "${def.id}": unknown breakdown category "${k}"`);
    out[k] = num(def.id, `breakdown.${k}`, v) ?? 0;
  }
  return out;
}

/** Turns the query's row into the API's shape, enforcing the contract. */
export function shapeMetric(def: MetricDefinition, row: MetricRow | undefined): MetricValue {
  const r = row ?? {};
  const base = { id: def.id, name: def.name, unit: def.unit };
  let breakdown = shapeBreakdown(def, r.breakdown);
  switch (def.unit) {
    case 'ratio':
    case 'per10k': {
      const numerator = num(def.id, 'numerator', r.numerator);
      const denominator = num(def.id, 'denominator', r.denominator);
      // Never 0 and never 100% for an empty base: no denominator, no ratio.
      const value = numerator === null || denominator === null || denominator === 0
        ? null
        : (numerator / denominator) * (def.unit === 'per10k' ? 10_000 : 1);
      if (def.unit === 'ratio' && value !== null && (value < 0 || value > 1)) {
        throw new Error(`metric "${def.id}": ratio ${numerator}/${denominator} is outside 0..1`);
      }
      return { ...base, value, numerator, denominator, ...(breakdown ? { breakdown } : {}) };
    }
    case 'yuan': {
      const fen = num(def.id, 'value_fen', r.value_fen);
      if (breakdown) breakdown = Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, yuan(v)]));
      if (breakdown && fen !== null && def.breakdownAdditive !== false) {
        const sumFen = Object.values(breakdown).reduce((s, v) => s + Math.round(v * 100), 0);
        if (sumFen !== Math.round(fen)) throw new Error(`metric "${def.id}": breakdown sums to ${sumFen} fen, total is ${fen} fen`);
      }
      return { ...base, value: fen === null ? null : yuan(fen), ...(breakdown ? { breakdown } : {}) };
    }
    default: {
      const value = num(def.id, 'value', r.value);
      if (breakdown && def.unit === 'count' && def.breakdownAdditive !== false) {
        const sum = Object.values(breakdown).reduce((s, v) => s + v, 0);
        if (sum !== (value ?? 0)) throw new Error(`metric "${def.id}": breakdown sums to ${sum}, total is ${value}`);
      }
      return { ...base, value, ...(breakdown ? { breakdown } : {}) };
    }
  }
}

export interface MetricRequest {
  from: string;
  to: string;
  orgId: number;
  orgPath: string;
}

/**
 * Computes the given metrics for one period and organisation subtree: a metric with its
 * own query runs it; metrics declared as aggregates over the same records (same FROM and
 * parameters) are computed together in one query.
 */
export async function evaluateMetrics(db: Queryable, defs: readonly MetricDefinition[], req: MetricRequest): Promise<MetricValue[]> {
  const ruleCache = new Map<string, unknown>();
  const rows = new Map<MetricDefinition, MetricRow | undefined>();
  const groups = new Map<string, { from: string; params: unknown[]; members: { def: MetricDefinition; columns: MetricAggregate['columns'] }[] }>();
  for (const def of defs) {
    const rules: Record<string, unknown> = {};
    for (const id of def.rules ?? []) {
      if (!ruleCache.has(id)) ruleCache.set(id, await ruleValue(db, id, req.orgId));
      rules[id] = ruleCache.get(id);
    }
    const scope: MetricScope = { ...req, rules };
    if (def.aggregate) {
      const a = def.aggregate(scope);
      const key = `${a.from}\u0000${JSON.stringify(a.params)}`;
      if (!groups.has(key)) groups.set(key, { from: a.from, params: a.params, members: [] });
      groups.get(key)!.members.push({ def, columns: a.columns });
      continue;
    }
    const q = def.query!(scope);
    const result = await db.query<MetricRow>(q.sql, q.params);
    if (result.length > 1) throw new Error(`metric "${def.id}": query returned ${result.length} rows, expected one`);
    rows.set(def, result[0]);
  }
  for (const g of groups.values()) {
    const select = g.members.flatMap((m, i) => Object.entries(m.columns).map(([col, sql]) => `${sql} AS "m${i}_${col}"`));
    const [row] = await db.query<Record<string, unknown>>(`SELECT ${select.join(', ')} ${g.from}`, g.params);
    g.members.forEach((m, i) => {
      rows.set(m.def, Object.fromEntries(Object.keys(m.columns).map((col) => [col, row?.[`m${i}_${col}`]])) as MetricRow);
    });
  }
  return defs.map((def) => shapeMetric(def, rows.get(def)));
}

/**
 * The values of an earlier period fit to compare with: a state figure asked for before
 * the platform first recorded that state (its recordedSince) is only the first record
 * carried back, so it becomes null there, and the comparison is left out instead of
 * reading "与上年持平" for a commission whose catalogue was imported this year.
 */
export async function comparableValues(db: Queryable, defs: readonly MetricDefinition[], values: MetricValue[], periodTo: string): Promise<MetricValue[]> {
  const unrecorded = new Set<string>();
  const firstDays = new Map<string, string | null>();
  for (const def of defs) {
    if (!def.recordedSince) continue;
    if (!firstDays.has(def.recordedSince)) {
      const row = await db.one<{ first: string | null }>(`SELECT (${def.recordedSince})::text AS first`);
      firstDays.set(def.recordedSince, row?.first ?? null);
    }
    const first = firstDays.get(def.recordedSince);
    if (first === null || first === undefined || first > periodTo) unrecorded.add(def.id);
  }
  return values.map((v) => (unrecorded.has(v.id) ? { ...v, value: null, numerator: null, denominator: null, breakdown: undefined } : v));
}
