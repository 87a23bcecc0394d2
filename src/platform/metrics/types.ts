// A metric is data: an id, names, a unit, which date of a record places it in the
// period, a one-sentence definition, and a function that turns a period and an
// organisation subtree into one SQL query (docs/metrics.md in the shared docs).
//
// What the query must return (exactly one row):
//   unit 'count' | 'days'   value                 (number or null)
//   unit 'yuan'             value_fen             (integer fen; the API shows yuan)
//   unit 'ratio' | 'per10k' numerator, denominator (the platform computes value and
//                                                   returns null when denominator is 0)
//   optionally              breakdown             (jsonb object: category code → number;
//                                                   fen for 'yuan')
// Breakdowns of 'count' and 'yuan' metrics must add up to the total, unless the
// definition says breakdownAdditive: false (a record counted once in each category).

export const METRIC_UNITS = ['count', 'yuan', 'ratio', 'days', 'per10k'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

/** What a metric's query is computed for. */
export interface MetricScope {
  /** First day of the period, 'YYYY-MM-DD', inclusive. */
  from: string;
  /** Last day of the period, 'YYYY-MM-DD', inclusive. */
  to: string;
  /** The organisation asked for; the metric covers it and everything under it. */
  orgId: number;
  /** organizations.path of that organisation: the subtree is `path LIKE orgPath || '%'`. */
  orgPath: string;
  /** Effective values (for orgId) of the rules the definition lists in `rules`. */
  rules: Record<string, unknown>;
}

export interface MetricQuery {
  sql: string;
  params: unknown[];
}

/**
 * A metric as aggregates over a set of records that other metrics share: `from` is the
 * FROM … WHERE … of the records (with its params), `columns` the SQL aggregate of each
 * column the metric returns (value, value_fen, numerator, denominator, breakdown). The
 * registry computes every metric with the same `from` and params in one scan: the
 * penalty decisions of a year are read once for the ten figures drawn from them, not ten
 * times.
 */
export interface MetricAggregate {
  from: string;
  params: unknown[];
  columns: Partial<Record<'value' | 'value_fen' | 'numerator' | 'denominator' | 'breakdown', string>>;
}

export interface MetricDefinition {
  /** Stable id from metrics.md, e.g. 'staff.inspectors.active'. */
  id: string;
  /** Chinese name as printed in the annual report. */
  name: string;
  nameEn: string;
  unit: MetricUnit;
  /** Which date of a record places it in the period (Chinese), e.g. '决定日期'. */
  periodDate: string;
  /** One sentence in Chinese saying exactly what is counted. */
  definition: string;
  /** Rule ids (src/core/law/rules.ts) whose values the query needs, read with ruleValue for the organisation. */
  rules?: readonly string[];
  /** Every category of the breakdown, so categories without records show 0. */
  breakdownKeys?: readonly string[];
  /** False when a record may count in several categories (the breakdown need not sum to the total). */
  breakdownAdditive?: boolean;
  /**
   * For a figure of a state as of a date (a catalogue in force at `to`): a SELECT giving
   * the first day the platform recorded that state (null when it holds none). A state
   * asked for before that day is carried back from the first record, good enough for a
   * first report but no basis for comparing with an earlier year (see comparableValues).
   */
  recordedSince?: string;
  /** The metric's own query; or, instead, */
  query?(scope: MetricScope): MetricQuery;
  /** its aggregates over records shared with other metrics (computed in one query with them). */
  aggregate?(scope: MetricScope): MetricAggregate;
}

/** One computed metric, as GET /api/metrics returns it. */
export interface MetricValue {
  id: string;
  name: string;
  unit: MetricUnit;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  breakdown?: Record<string, number>;
}

/** Typed helper for a module's list of metrics (src/modules/<module>/metrics.ts). */
export function defineMetrics(defs: MetricDefinition[]): MetricDefinition[] {
  return defs;
}
