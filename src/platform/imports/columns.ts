// Column types of the import/export datasets (docs/data-exchange.md). A column says what
// its cells mean — its Chinese name, whether it is required, the format in words, an
// example — and parses one cell: the parser receives the cell's text (already trimmed,
// never empty: an empty cell is null, or the error "不能为空" when required) and returns
// the value or invalid('中文原因'). Parsers are pure; checks that need the database (an
// org_code that must exist, a key outside the importer's scope) belong to the dataset's
// check() (see dataset.ts).
import type { z } from 'zod';
import { isIsoDate } from '../../core/calendar/dates';

/** A parse failure carrying the Chinese reason shown to the person importing. */
export class Invalid {
  constructor(readonly message: string) {}
}
export const invalid = (message: string): Invalid => new Invalid(message);

/**
 * How a spreadsheet cell is turned into text before parsing. XLSX cells arrive typed:
 * a 'date' column takes a Date or an Excel serial number as that day; elsewhere a Date
 * is written YYYY-MM-DD and a number in its shortest form.
 */
export type CellKind = 'text' | 'date' | 'number' | 'boolean' | 'list' | 'timestamp';

export interface Column<T = unknown, R extends boolean = boolean> {
  /** Chinese name (中文名称). */
  label: string;
  required: R;
  /** Format or allowed values, in Chinese (格式或取值). */
  format: string;
  example: string;
  kind: CellKind;
  parse(text: string): T | Invalid;
}

/** The value a column contributes to a parsed row: null for an empty optional cell. */
export type ColumnValue<C> = C extends Column<infer T, infer R> ? (R extends true ? T : T | null) : never;
export type Columns = Record<string, Column<any, boolean>>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type RowOf<C extends Columns> = { [K in keyof C]: ColumnValue<C[K]> };

interface Common<R extends boolean> {
  label: string;
  required: R;
  example: string;
  /** Overrides the generated format description. */
  format?: string;
}

// Control characters (other than none at all) have no use in any field and PostgreSQL
// text cannot hold NUL.
const CONTROL = /[\u0000-\u001f\u007f]/;

function bounded(text: string, max: number | undefined): Invalid | undefined {
  if (CONTROL.test(text)) return invalid('不能包含控制字符（如换行、制表符）');
  if (max !== undefined && [...text].length > max) return invalid(`不能超过${max}个字符`);
  return undefined;
}

/** Free text on one line, at most max characters. */
export function text<R extends boolean>(o: Common<R> & { max: number; pattern?: [RegExp, string] }): Column<string, R> {
  return {
    label: o.label, required: o.required, example: o.example, kind: 'text',
    format: o.format ?? `文本，不超过${o.max}个字符`,
    parse(t) {
      const bad = bounded(t, o.max);
      if (bad) return bad;
      if (o.pattern && !o.pattern[0].test(t)) return invalid(o.pattern[1]);
      return t;
    },
  };
}

/** A cell checked by a zod schema (the module's own form schema), its first message as the reason. */
export function fromZod<T, R extends boolean>(o: Common<R> & { format: string; schema: z.ZodType<T> }): Column<T, R> {
  return {
    label: o.label, required: o.required, example: o.example, kind: 'text', format: o.format,
    parse(t) {
      const r = o.schema.safeParse(t);
      return r.success ? r.data : invalid(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** One of a fixed list of codes (names, when given, explain each code in the template). */
export function oneOf<const V extends string, R extends boolean>(
  o: Common<R> & { values: readonly V[]; names?: Partial<Record<V, string>> },
): Column<V, R> {
  const allowed = new Set<string>(o.values);
  const listed = o.values.map((v) => (o.names?.[v] ? `${v}（${o.names[v]}）` : v)).join('、');
  return {
    label: o.label, required: o.required, example: o.example, kind: 'text',
    format: o.format ?? `取值：${listed}`,
    parse(t) {
      return allowed.has(t) ? (t as V) : invalid(`取值不正确，应为 ${o.values.join('、')} 之一`);
    },
  };
}

/** A calendar date YYYY-MM-DD that exists (2025-02-30 does not). */
export function date<R extends boolean>(o: Common<R>): Column<string, R> {
  return {
    label: o.label, required: o.required, example: o.example, kind: 'date',
    format: o.format ?? '日期，格式 YYYY-MM-DD（如 2026-03-01），须为真实存在的日期',
    parse(t) {
      return isIsoDate(t) ? t : invalid('日期应为 YYYY-MM-DD 格式的有效日期');
    },
  };
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 timestamp; without an offset it is read as China time (UTC+8). Parsed to an ISO string in UTC. */
export function timestamp<R extends boolean>(o: Common<R>): Column<string, R> {
  return {
    label: o.label, required: o.required, example: o.example, kind: 'timestamp',
    format: o.format ?? '时间，ISO 8601 格式（如 2026-03-01T09:30:00+08:00；不带时区时按北京时间）',
    parse(t) {
      if (!ISO_TIMESTAMP.test(t) || !isIsoDate(t.slice(0, 10))) return invalid('时间应为 ISO 8601 格式，如 2026-03-01T09:30:00+08:00');
      const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}+08:00`;
      const d = new Date(withZone.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) ? invalid('时间不是有效的时刻') : d.toISOString();
    },
  };
}

/** Y or N (y/n accepted). */
export function yesNo<R extends boolean>(o: Common<R>): Column<boolean, R> {
  return {
    label: o.label, required: o.required, example: o.example, kind: 'boolean',
    format: o.format ?? 'Y（是）或 N（否）',
    parse(t) {
      const u = t.toUpperCase();
      if (u === 'Y') return true;
      if (u === 'N') return false;
      return invalid('应填 Y（是）或 N（否）');
    },
  };
}

/** A whole number between min and max. */
export function integer<R extends boolean>(o: Common<R> & { min: number; max: number }): Column<number, R> {
  return {
    label: o.label, required: o.required, example: o.example, kind: 'number',
    format: o.format ?? `整数，${o.min}～${o.max}`,
    parse(t) {
      if (!/^[+-]?\d+(\.0+)?$/.test(t)) return invalid('应为整数');
      const n = Number(t);
      if (!Number.isSafeInteger(n) || n < o.min || n > o.max) return invalid(`应在 ${o.min}～${o.max} 之间`);
      return n;
    },
  };
}

/**
 * Money in yuan with at most two decimals, up to max yuan. The value is the canonical
 * decimal text ('1234.50'), exact for a numeric(…, 2) column — never a binary float.
 */
export function money<R extends boolean>(o: Common<R> & { max?: number }): Column<string, R> {
  const max = o.max ?? 1e12;
  return {
    label: o.label, required: o.required, example: o.example, kind: 'number',
    format: o.format ?? '金额（元），最多两位小数，如 5000 或 1234.50',
    parse(t) {
      const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t.replace(/,/g, ''));
      if (!m) return invalid('金额应为以元为单位的非负数，最多两位小数');
      const value = `${BigInt(m[1])}.${(m[2] ?? '').padEnd(2, '0')}`;
      if (Number(value) > max) return invalid(`金额不能超过 ${max} 元`);
      return value;
    },
  };
}

/**
 * A list separated by ';' (the full-width '；' too). Items are trimmed, empty ones
 * dropped, duplicates removed; with values, each item must be one of them.
 */
export function list<const V extends string, R extends boolean>(
  o: Common<R> & { values?: readonly V[]; names?: Partial<Record<V, string>>; max?: number },
): Column<V[], R> {
  const allowed = o.values ? new Set<string>(o.values) : undefined;
  const listed = o.values?.map((v) => (o.names?.[v] ? `${v}（${o.names[v]}）` : v)).join('、');
  return {
    label: o.label, required: o.required, example: o.example, kind: 'list',
    format: o.format ?? (listed ? `多个值用英文分号 ; 分隔，取值：${listed}` : '多个值用英文分号 ; 分隔'),
    parse(t) {
      const items = [...new Set(t.split(/[;；]/).map((s) => s.trim()).filter(Boolean))];
      for (const item of items) {
        if (allowed && !allowed.has(item)) return invalid(`“${item}”不是允许的取值，应为 ${o.values!.join('、')} 之一`);
        const bad = bounded(item, 200);
        if (bad) return bad;
      }
      if (o.max !== undefined && items.length > o.max) return invalid(`最多${o.max}项`);
      return items as V[];
    },
  };
}

/** Anything else: a parser of its own. */
export function custom<T, R extends boolean>(o: Common<R> & { format: string; kind?: CellKind; parse(text: string): T | Invalid }): Column<T, R> {
  return { label: o.label, required: o.required, example: o.example, kind: o.kind ?? 'text', format: o.format, parse: o.parse };
}
