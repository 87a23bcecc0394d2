// A dataset of docs/data-exchange.md, declared once in the owning module's dataset.ts
// and served by the shared engines: POST /api/imports/{name}, its XLSX template, GET
// /api/exports/{name} and `npm run cli -- import|export {name}`. Adding a dataset means
// writing one dataset.ts with defineDataset() and listing it in
// src/modules/datasets/registry.ts. The engine does everything else: reading CSV/XLSX
// as a stream, headers, trimming, empty cells, row numbers, duplicate keys, collecting
// every error, batching, one transaction, the audit entry, progress, the template and
// the export file.
import type { z } from 'zod';
import type { Queryable } from '../db';
import type { Actor } from '../access/user';
import type { Permission } from '../access/permissions';
import type { Columns, RowOf } from './columns';

/** Whose organisations an import may touch. The CLI acts as the system: all = true. */
export interface ImportScope {
  all: boolean;
  orgIds: ReadonlySet<number>;
}

export interface ImportEnv {
  /** The import's transaction: every read and write of the session goes through it. */
  tx: Queryable;
  scope: ImportScope;
  actor: Actor;
}

/**
 * Records a problem with the current row: the column it concerns (null for the row as
 * a whole), a Chinese reason, and the value shown (defaults to that column's cell text).
 */
export type Report = (column: string | null, message: string, value?: string | null) => void;

/** A checked record waiting for its batch, with its row number and a way to report on it. */
export interface Pending<W> {
  record: W;
  row: number;
  report: Report;
}

export interface WriteMode {
  /**
   * A bulk load into a table that was empty when the load locked it (bulkLoad.ts): every
   * record is new, since keys are unique within a file, so it may be appended (COPY)
   * rather than upserted.
   */
  appendOnly: boolean;
}

export interface WriteCount {
  inserted: number;
  updated: number;
}

/** A row after column parsing: null = empty optional cell; undefined = the cell failed to parse (already reported). */
export type ParsedRow<Row> = { [K in keyof Row]: Row[K] | undefined };

/** One import run of a dataset, created by begin() inside the transaction. */
export interface ImportSession<Row, W> {
  /**
   * Checks of one row that need lookups or several columns (an org_code that must exist
   * and be in scope …), reporting problems with report(). Returns the record to write.
   * Called for every non-empty row, even one with column errors, so that all its
   * problems are reported; the returned record is used only when the row has none.
   * Keep it synchronous for large datasets (load lookups in begin()); a Promise is awaited.
   * rowNumber is the spreadsheet row (for messages such as “与第5行重复”).
   */
  check(row: ParsedRow<Row>, report: Report, rowNumber: number): W | undefined | Promise<W | undefined>;
  /** Checks of a whole batch against the database (one query per batch), before it is written. */
  checkBatch?(batch: Pending<W>[]): Promise<void>;
  /** Writes a batch (only while the file has no error) and says how many keys were new. */
  write(records: W[], mode: WriteMode): Promise<WriteCount>;
  /** After the last write of a successful import, before the audit entry (e.g. rebuild paths). */
  finish?(): Promise<void>;
  /** Rows per batch (default 2,000). Infinity: every row in one batch at the end (cross-row checks). */
  batchSize?: number;
}

export interface ExportPageQuery<F> {
  /** The organisations whose records may be exported (the caller's scope). */
  scopeOrgIds: number[];
  /** The exporting user's organisation (rule values such as notice periods are per organisation); null for the CLI. */
  actorOrgId: number | null;
  filters: F;
  /** Keyset pagination: rows with id > afterId, in id order, at most limit. */
  afterId: number;
  limit: number;
}

/** An exported row: its id (for the keyset) and one raw value per column (null, string, number, boolean, string[]). */
export type ExportRow<C extends Columns> = { id: number } & { [K in keyof C]: unknown };

export interface DatasetDefinition<C extends Columns, W, FS extends z.ZodObject = z.ZodObject<{}>> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  /** The dataset's name in URLs and the CLI (data-exchange.md), e.g. 'entities'. */
  name: string;
  /** Chinese name, used for the file name and sheet name (监管对象). */
  label: string;
  /** The key column: a key already in the database is updated, never duplicated. */
  key: keyof C & string;
  /** The columns, in file order, named exactly as in data-exchange.md. */
  columns: C;
  importPermission: Permission;
  exportPermission: Permission;
  /**
   * The table a large import fills. It is vacuumed and analysed after the commit:
   * autovacuum may take minutes to notice, and until then a directory that grew from
   * thousands to a million rows is searched with plans made for thousands, and counted
   * without index-only scans (the visibility map is set by VACUUM).
   */
  table?: string;
  /** Starts an import inside its transaction: load lookups, return the session. */
  begin(env: ImportEnv): Promise<ImportSession<RowOf<C>, W>>;
  /** Query parameters an export accepts besides `format` (e.g. the list's filters). */
  exportFilters?: FS;
  /** One keyset page of the export, within scope and filters. */
  exportPage(db: Queryable, q: ExportPageQuery<z.output<FS>>): Promise<ExportRow<C>[]>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Dataset = DatasetDefinition<Columns, any, z.ZodObject<any>>;

/** Declares a dataset (the identity function, for type inference). */
export function defineDataset<C extends Columns, W, FS extends z.ZodObject = z.ZodObject<{}>>( // eslint-disable-line @typescript-eslint/no-empty-object-type
  d: DatasetDefinition<C, W, FS>,
): Dataset {
  return d as unknown as Dataset;
}

export type { Columns, RowOf };
