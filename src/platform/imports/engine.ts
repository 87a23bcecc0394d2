// The import engine (docs/data-exchange.md): one file, one transaction. Rows are read
// as a stream (CSV or XLSX), each cell parsed by its column, each row checked by the
// dataset, and written in batches while the file has no error. After the first bad row
// nothing more is written but every row is still checked, so the report lists every
// problem (row, column, value, reason); at the end a file with any bad row is rolled
// back entirely. A successful import ends with one audit entry 'import.<dataset>'.
// The same function serves the HTTP route and the CLI.
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Queryable } from '../db';
import type { Actor } from '../access/user';
import { recordAudit } from '../audit/audit';
import { Invalid } from './columns';
import type { Dataset, ImportScope, Pending, Report } from './dataset';
import { KeyIndex } from './keyIndex';
import { deferIndexes, tableRowCount, type DeferredIndexes } from './bulkLoad';
import { cellText, csvRows, detectFormat, xlsxRows, type FileFormat, type SheetRow } from './readers';

export interface RowError {
  /** Spreadsheet row number (header = 1). */
  row: number;
  /** Column name, or null for the row or file as a whole. */
  column: string | null;
  /** The cell's text as read (null when empty). */
  value: string | null;
  /** What is wrong, in Chinese. */
  message: string;
}

export type ImportPhase = 'reading' | 'writing' | 'indexing' | 'done' | 'failed';

export interface ImportProgress {
  phase: ImportPhase;
  /** Data rows read so far (empty rows not counted). */
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | null;
  /** Rows found bad so far. */
  errors: number;
}

export interface ImportRequest {
  dataset: Dataset;
  /** The file's bytes. */
  input: Readable | AsyncIterable<Buffer>;
  /** Original file name (format detection, audit). */
  fileName: string;
  contentType?: string;
  /** File size when known (progress). */
  totalBytes?: number | null;
  actor: Actor;
  scope: ImportScope;
  onProgress?: (p: ImportProgress) => void;
  /**
   * An import that writes more rows than this and more than its table held defers the
   * table's index maintenance to the end (bulkLoad.ts). Tests lower it.
   */
  bulkLoadMinRows?: number;
}

export interface ImportSuccess {
  ok: true;
  dataset: string;
  format: FileFormat;
  rows: number;
  inserted: number;
  updated: number;
  sha256: string;
}

export interface ImportRejection {
  ok: false;
  dataset: string;
  rows: number;
  /** Rows with at least one problem. */
  badRows: number;
  /** The first MAX_REPORTED_ERRORS problems, in file order. */
  errors: RowError[];
  /** Problems found but not listed. */
  omitted: number;
  /** Chinese summary, e.g. 文件中有3行数据有误，未导入任何数据. */
  message: string;
}

export type ImportOutcome = ImportSuccess | ImportRejection;

export const MAX_REPORTED_ERRORS = 1000;
export const DEFAULT_BATCH_SIZE = 2000;
const PROGRESS_EVERY_ROWS = 1000;
/** An import writing at least this many rows refreshes its table's statistics. */
const ANALYZE_AFTER_ROWS = 10_000;
/** Below this a load never defers its indexes: rebuilding them costs more than keeping them. */
export const BULK_LOAD_MIN_ROWS = 100_000;

/** Thrown inside the transaction to roll it back when the file has bad rows. */
class Rejected extends Error {}

interface Meter { bytes: number; hash: crypto.Hash }

async function* metered(input: Readable | AsyncIterable<Buffer>, m: Meter): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    m.bytes += b.length;
    m.hash.update(b);
    yield b;
  }
}

/** Reads the first chunk to detect the format, then yields everything. */
async function openRows(source: AsyncGenerator<Buffer>, fileName: string, contentType: string | undefined): Promise<{ format: FileFormat; rows: AsyncGenerator<SheetRow> }> {
  let first = await source.next();
  while (!first.done && first.value.length === 0) first = await source.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const format = detectFormat(head, fileName, contentType);
  // Pulls with next() rather than yield*, so a reader that stops early (after the first
  // worksheet) does not close the source: the rest is still hashed afterwards.
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    for (;;) {
      const n = await source.next();
      if (n.done) return;
      yield n.value;
    }
  }
  return { format, rows: format === 'xlsx' ? xlsxRows(all()) : csvRows(all()) };
}

function summary(badRows: number, omitted: number): string {
  const more = omitted > 0 ? `（仅列出前${MAX_REPORTED_ERRORS}处错误，另有${omitted}处未列出）` : '';
  return `文件中有${badRows}行数据有误，未导入任何数据${more}`;
}

interface HeaderColumn { name: string; index: number }

export async function runImport(db: Queryable, req: ImportRequest): Promise<ImportOutcome> {
  const { dataset } = req;
  const columnNames = Object.keys(dataset.columns);
  const columns = columnNames.map((name) => ({ name, spec: dataset.columns[name] }));
  const meter: Meter = { bytes: 0, hash: crypto.createHash('sha256') };
  const progress: ImportProgress = { phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes: req.totalBytes ?? null, errors: 0 };
  let lastEmit = 0;
  const emit = (force = false) => {
    if (!req.onProgress) return;
    const now = Date.now();
    if (!force && now - lastEmit < 200) return;
    lastEmit = now;
    progress.bytesRead = meter.bytes;
    req.onProgress({ ...progress });
  };

  const errors: RowError[] = [];
  let problems = 0;
  let badRows = 0;
  let rows = 0;
  const addError = (e: RowError) => {
    problems++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };

  emit(true);
  const source = metered(req.input, meter);
  let indexesRebuilt = false;
  try {
    const success = await db.transaction(async (tx): Promise<ImportSuccess> => {
      const session = await dataset.begin({ tx, scope: req.scope, actor: req.actor });
      const batchSize = session.batchSize ?? DEFAULT_BATCH_SIZE;
      const { format, rows: sheet } = await openRows(source, req.fileName, req.contentType);

      let inserted = 0;
      let updated = 0;
      let pending: Pending<unknown>[] = [];
      let inflight: Promise<void> | undefined;
      const table = dataset.table;
      const bulkAfter = table ? Math.max(req.bulkLoadMinRows ?? BULK_LOAD_MIN_ROWS, await tableRowCount(tx, table)) : Infinity;
      let deferred: DeferredIndexes | undefined;
      // The file's size tells early how many rows it holds, so a load that will outgrow
      // its table defers the indexes from its first batch, not only once it has.
      const expectedRows = () => (req.totalBytes && meter.bytes > 0 ? Math.round((rows * req.totalBytes) / meter.bytes) : 0);

      // Writes overlap with reading the next batch; a failed write surfaces at the next await.
      const flush = async () => {
        if (pending.length === 0) return;
        const batch = pending;
        pending = [];
        if (inflight) { const w = inflight; inflight = undefined; await w; }
        if (session.checkBatch) await session.checkBatch(batch);
        if (badRows > 0) return;
        if (!deferred && table && Math.max(inserted + updated + batch.length, expectedRows()) > bulkAfter) {
          deferred = await deferIndexes(tx, table);
          indexesRebuilt = true;
        }
        const mode = { appendOnly: deferred?.tableWasEmpty ?? false };
        const w = session.write(batch.map((p) => p.record), mode).then((c) => { inserted += c.inserted; updated += c.updated; });
        w.catch(() => {}); // handled when awaited
        inflight = w;
      };

      let header: HeaderColumn[] | undefined;
      const keys = new KeyIndex();

      for await (const sr of sheet) {
        if (!header) {
          const names = sr.cells.map((c) => cellText(c, 'text').replace(/^\uFEFF/, ''));
          if (names.every((n) => n === '')) continue; // blank lines before the header
          const found = new Map<string, number>();
          const headerErrors: RowError[] = [];
          names.forEach((n, i) => {
            if (n === '') return;
            if (found.has(n)) {
              if (columnNames.includes(n)) headerErrors.push({ row: sr.row, column: n, value: n, message: `列“${n}”在表头中出现了不止一次` });
              return;
            }
            found.set(n, i);
          });
          for (const c of columns) {
            if (c.spec.required && !found.has(c.name)) {
              headerErrors.push({ row: sr.row, column: c.name, value: null, message: `缺少必填列“${c.name}”（${c.spec.label}）；列名须与模板完全一致` });
            }
          }
          if (headerErrors.length) {
            for (const e of headerErrors) addError(e);
            badRows = 1;
            break;
          }
          header = columns.map((c) => ({ name: c.name, index: found.get(c.name) ?? -1 }));
          continue;
        }

        const texts = header.map((h, i) => (h.index < 0 ? '' : cellText(sr.cells[h.index], columns[i].spec.kind)));
        if (texts.every((t) => t === '')) continue; // blank line: skipped, not an error
        rows++;
        progress.rowsRead = rows;
        const rowNo = sr.row;
        let rowBad = false;
        const report: Report = (column, message, value) => {
          if (!rowBad) { rowBad = true; badRows++; progress.errors = badRows; }
          const i = column === null ? -1 : columnNames.indexOf(column);
          addError({ row: rowNo, column, value: value !== undefined ? value : i >= 0 ? texts[i] || null : null, message });
        };

        const parsed: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) {
          const { name, spec } = columns[i];
          const t = texts[i];
          if (t === '') {
            if (spec.required) { report(name, '不能为空'); parsed[name] = undefined; } else parsed[name] = null;
            continue;
          }
          const v = spec.parse(t);
          if (v instanceof Invalid) { report(name, v.message); parsed[name] = undefined; } else parsed[name] = v;
        }

        const key = parsed[dataset.key];
        if (key !== undefined && key !== null) {
          const seen = keys.add(String(key), rowNo);
          if (seen !== undefined) report(dataset.key, `与第${seen}行的 ${dataset.key} 重复（同一文件中每个 ${dataset.key} 只能出现一次）`);
        }

        const checked = session.check(parsed, report, rowNo);
        const record = checked instanceof Promise ? await checked : checked;
        if (!rowBad && record !== undefined) {
          pending.push({ record, row: rowNo, report });
          if (pending.length >= batchSize) await flush();
        }
        if (rows % PROGRESS_EVERY_ROWS === 0) emit();
      }

      if (!header && badRows === 0) {
        addError({ row: 1, column: null, value: null, message: '文件为空或没有表头行（第一行应为列名）' });
        badRows = 1;
      }
      if (badRows === 0) {
        progress.phase = 'writing';
        emit(true);
      }
      await flush();
      if (inflight) await inflight;
      if (badRows > 0) throw new Rejected();
      if (deferred) {
        progress.phase = 'indexing';
        emit(true);
        await deferred.restore();
      }

      await session.finish?.();
      // Consume anything after the data (later worksheets) so the hash covers the whole file.
      for await (const _ of source) { /* drain */ }
      const sha256 = meter.hash.digest('hex');
      await recordAudit(tx, req.actor, {
        action: `import.${dataset.name}`, objectType: 'dataset', objectId: dataset.name,
        after: { fileName: req.fileName, sha256, rows, inserted, updated },
      });
      return { ok: true, dataset: dataset.name, format, rows, inserted, updated, sha256 };
    });
    // Fresh statistics for the planner. Indexes rebuilt at the end are already compact, so
    // ANALYZE suffices; otherwise VACUUM also merges the search index's pending entries.
    if (dataset.table && success.inserted + success.updated >= ANALYZE_AFTER_ROWS) {
      await db.query(indexesRebuilt ? `ANALYZE ${dataset.table}` : `VACUUM (ANALYZE) ${dataset.table}`);
    }
    progress.phase = 'done';
    emit(true);
    return success;
  } catch (err) {
    progress.phase = 'failed';
    emit(true);
    if (err instanceof Rejected) {
      const omitted = problems - errors.length;
      errors.sort((a, b) => a.row - b.row);
      return { ok: false, dataset: dataset.name, rows, badRows, errors, omitted, message: summary(badRows, omitted) };
    }
    throw err;
  } finally {
    await source.return(undefined).catch(() => {});
    if (req.input && typeof (req.input as Readable).destroy === 'function') (req.input as Readable).destroy();
  }
}
