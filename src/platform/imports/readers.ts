// Reading an import file as a stream of rows, in bounded memory whatever its size:
// CSV through csv-parse (UTF-8, BOM or not; a file in another encoding such as GBK is
// refused with a message saying how to save it), XLSX through exceljs's streaming
// reader (first worksheet). Each row comes with its spreadsheet row number (the header
// is row 1) and its raw cells; cellText turns a cell into the text a column parses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable, Transform, pipeline, type TransformCallback, type Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { isUtf8 } from 'node:buffer';
import { parse as csvParse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError, badRequest } from '../http/errors';
import type { CellKind } from './columns';

export type FileFormat = 'csv' | 'xlsx';

export interface SheetRow {
  /** Spreadsheet row number: the header is 1, the first data row 2. */
  row: number;
  cells: unknown[];
}

const unreadable = (message: string) => badRequest('IMPORT_FILE_UNREADABLE', message);

/** What the name or declared content type says, if anything. */
export function declaredFormat(fileName?: string, contentType?: string): FileFormat | 'xls' | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'xls') return 'xls';
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('spreadsheetml')) return 'xlsx';
  if (ct.includes('csv') || ct.startsWith('text/')) return 'csv';
  if (ct.includes('ms-excel')) return 'xls';
  return undefined;
}

/**
 * The format from the first bytes (XLSX is a ZIP: 'PK'), checked against what the name
 * says. Magic bytes win; an old binary .xls or a file named .xlsx that is not a ZIP is
 * refused with a Chinese explanation.
 */
export function detectFormat(head: Buffer, fileName?: string, contentType?: string): FileFormat {
  const declared = declaredFormat(fileName, contentType);
  if (head.length >= 2 && head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw unreadable('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为“Excel 工作簿（.xlsx）”或“CSV UTF-8”后再导入');
  }
  if (declared === 'xlsx' || declared === 'xls') {
    throw unreadable('文件不是有效的 XLSX 文件（内容不是 Excel 工作簿），请检查文件或另存为 XLSX / CSV UTF-8');
  }
  return 'csv';
}

/** Length of the prefix of b that ends on a UTF-8 character boundary. */
function completeUtf8Length(b: Buffer): number {
  for (let i = 1; i <= Math.min(4, b.length); i++) {
    const c = b[b.length - i];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > i ? b.length - i : b.length;
  }
  return b.length;
}

const NOT_UTF8 = '文件不是 UTF-8 编码（可能是 GBK/GB2312）：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”，或改用 XLSX 文件';

/** Passes the bytes on, refusing anything that is not valid UTF-8 (chunk boundaries handled). */
async function* utf8Only(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const raw of source) {
    const chunk = carry ? Buffer.concat([carry, raw]) : raw;
    carry = undefined;
    const cut = completeUtf8Length(chunk);
    const head = cut === chunk.length ? chunk : chunk.subarray(0, cut);
    if (!isUtf8(head)) throw unreadable(NOT_UTF8);
    if (cut < chunk.length) carry = Buffer.from(chunk.subarray(cut));
    if (head.length) yield head;
  }
  if (carry && carry.length) throw unreadable(NOT_UTF8);
}

function bytes(source: AsyncIterable<Buffer>): Readable {
  return Readable.from(source, { objectMode: false });
}

/** Rows of a CSV file: comma-separated, optional BOM, quoted fields may hold commas, quotes and newlines. */
export async function* csvRows(source: AsyncIterable<Buffer>): AsyncGenerator<SheetRow> {
  const input = bytes(utf8Only(source));
  const parser = csvParse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code?.startsWith('CSV_')) {
      const where = e.lines ? `第${e.lines}行附近` : '';
      const what = e.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号没有闭合' : e.code.startsWith('CSV_INVALID_CLOSING_QUOTE') ? '引号位置不正确' : '格式不正确';
      throw unreadable(`CSV 文件${where}${what}，请检查该处的双引号`);
    }
    throw err;
  } finally {
    input.destroy();
    parser.destroy();
  }
}

// exceljs 4.4's streaming reader decodes each decompressed chunk of XML on its own
// (TextDecoder without {stream: true}), so a Chinese character that straddles two
// chunks comes out as U+FFFD: silent corruption of names and addresses. The reader below
// hands it chunks cut on character boundaries instead.

/** Re-chunks bytes so that every chunk ends on a UTF-8 character boundary. */
async function* utf8Aligned(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const raw of source) {
    const b = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const chunk = carry ? Buffer.concat([carry, b]) : b;
    const cut = completeUtf8Length(chunk);
    carry = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : undefined;
    if (cut > 0) yield cut === chunk.length ? chunk : chunk.subarray(0, cut);
  }
  if (carry) yield carry;
}

class Utf8Aligner extends Transform {
  private carry: Buffer | undefined;
  override _transform(raw: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const chunk = this.carry ? Buffer.concat([this.carry, raw]) : raw;
    const cut = completeUtf8Length(chunk);
    this.carry = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : undefined;
    done(null, cut > 0 ? chunk.subarray(0, cut) : undefined);
  }
  override _flush(done: TransformCallback): void {
    done(null, this.carry);
  }
}

// exceljs 4.4's streaming reader also loses zip entries, at random (exceljs issue #3064).
// Its WorkbookReader.parse() walks the entries of an unzipper 0.10 Parse stream and stops
// at that stream's first 'end' event. But Parse emits 'end' itself as soon as its
// *writable* side finishes, i.e. once it has read the last byte of the file, while
// entries it has already parsed may still wait in its (paused) readable buffer for the
// reader to get to them. Whenever the reader is slower than the unzipping (a worksheet
// being spooled to a temp file, a loaded machine) the last entries are silently skipped:
//  - exceljs writes xl/workbook.xml last, so a workbook made by exceljs (our own export
//    and template) fails with "Cannot read properties of undefined (reading 'sheets')";
//  - a workbook in Excel's order (worksheets, then sharedStrings) loses its shared
//    strings and every text cell comes back as {sharedString: n}: corrupt data, no error;
//  - with stored (uncompressed) entries, which some tools write, nearly every read fails.
// parse() below is exceljs's, with the entries read correctly: the walk ends at the
// readable side's real end (readableEnded), or on an error. It keeps streaming in bounded
// memory: entries come one at a time (each one's data held back until it is read), and a
// worksheet that comes before the shared strings or the workbook part it needs is, as in
// exceljs, spooled to a temporary file on disk (deleted when reading ends, however it ends)
// and read from there once those are known. A central-directory reader (unzipper.Open)
// would order the parts itself, but needs the whole file seekable or in memory.

interface ZipEntry extends Readable { path: string; autodrain(): unknown }
const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
/** unzipper, as exceljs depends on it (not a dependency of ours). */
const unzipper = requireFromExceljs('unzipper') as { Parse(opts: { forceStream: boolean }): Writable & Readable };

/** Pipes a zip entry into t; an error of the entry (a truncated file) fails t rather than leaving it waiting. */
function through<T extends Transform>(entry: Readable, t: T): T {
  pipeline(entry, t, () => { /* errors reach the reader of t */ });
  return t;
}

/**
 * The entries of an unzipper Parse stream, every one of them: ends only when the readable
 * side has really ended (not at Parse's early 'end'), throws its error. The entry being
 * read is failed with that error too, so nothing waits on it.
 */
async function* zipEntries(zip: Readable): AsyncGenerator<ZipEntry> {
  const queue: ZipEntry[] = [];
  let current: ZipEntry | undefined;
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => { const w = wake; wake = undefined; w?.(); };
  zip.on('data', (entry: ZipEntry) => { queue.push(entry); signal(); });
  // Parse emits 'end' once when its input is consumed (readableEnded still false), and
  // again, through Node, when its last entry has been handed over (readableEnded true).
  zip.on('end', () => { if (zip.readableEnded) ended = true; signal(); });
  // Kept for good: Parse may emit an error after the reading stopped (nobody listening would crash the process).
  zip.on('error', (err: Error) => {
    failure ??= err;
    if (current && !current.readableEnded) current.destroy(err);
    signal();
  });
  for (;;) {
    if (failure) throw failure;
    const next = queue.shift();
    if (next) {
      current = next;
      yield next;
      current = undefined;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => { wake = resolve; });
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type ReaderInternals = new (input: Readable, options: object) => AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> & Record<string, any>;
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as ReaderInternals;
class Utf8SafeWorkbookReader extends BaseReader {
  _parseSharedStrings(entry: Readable) { return super._parseSharedStrings(through(entry, new Utf8Aligner())); }
  _parseStyles(entry: Readable) { return super._parseStyles(through(entry, new Utf8Aligner())); }
  _parseWorkbook(entry: Readable) { return super._parseWorkbook(through(entry, new Utf8Aligner())); }
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string) { return super._parseWorksheet(utf8Aligned(iterator), sheetNo); }

  /** exceljs's WorkbookReader.parse (4.4.0) with every zip entry read; see above. */
  async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const input = this.input as Readable;
    const zip = unzipper.Parse({ forceStream: true });
    input.on('error', (err) => zip.destroy(err));
    input.pipe(zip);
    let spoolDir: string | undefined;
    const spooled: { sheetNo: string; file: string }[] = [];
    try {
      for await (const entry of zipEntries(zip)) {
        const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path);
        const sheetRels = /^xl\/worksheets\/_rels\/sheet(\d+)\.xml\.rels$/.exec(entry.path);
        if (entry.path === 'xl/_rels/workbook.xml.rels') await this._parseRels(entry);
        else if (entry.path === 'xl/workbook.xml') await this._parseWorkbook(entry);
        else if (entry.path === 'xl/sharedStrings.xml') yield* this._parseSharedStrings(entry);
        else if (entry.path === 'xl/styles.xml') await this._parseStyles(entry);
        else if (sheet) {
          // exceljs checks only the first two, and fails when the workbook part comes later.
          if (this.sharedStrings && this.workbookRels && this.model) {
            yield* this._parseWorksheet(entry, sheet[1]);
          } else {
            spoolDir ??= await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hrl-xlsx-'));
            const file = path.join(spoolDir, `sheet${sheet[1]}.xml`);
            await pipelineAsync(entry, fs.createWriteStream(file));
            spooled.push({ sheetNo: sheet[1], file });
          }
        } else if (sheetRels) yield* this._parseHyperlinks(entry, sheetRels[1]);
        entry.autodrain();
      }
      for (const { sheetNo, file } of spooled) {
        yield* this._parseWorksheet(fs.createReadStream(file), sheetNo);
        await fs.promises.rm(file, { force: true });
      }
    } finally {
      input.unpipe(zip);
      zip.destroy();
      if (spoolDir) await fs.promises.rm(spoolDir, { recursive: true, force: true });
    }
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Rows of the first worksheet of an XLSX file (later worksheets are read past and ignored). */
export async function* xlsxRows(source: AsyncIterable<Buffer>): AsyncGenerator<SheetRow> {
  const input = bytes(source);
  const reader = new Utf8SafeWorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      if (sheets === 1) {
        for await (const r of sheet) {
          const values = r.values as unknown[];
          yield { row: r.number, cells: Array.isArray(values) ? values.slice(1) : [] };
        }
      } else {
        for await (const _ of sheet) { /* only the first worksheet is imported */ }
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable('无法读取 XLSX 文件：文件已损坏，或不是 Excel 2007 及以上版本的工作簿');
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw unreadable('XLSX 文件中没有工作表');
}

// ---------------------------------------------------------------------------------
// Cells to text

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function excelSerialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));
}

function dayOf(d: Date): string {
  // exceljs builds dates in UTC; round to the second so 23:59:59.999 float noise stays on its day.
  const t = Math.round(d.getTime() / 1000) * 1000;
  return new Date(t).toISOString().slice(0, 10);
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toLocaleString('en-US', { useGrouping: false });
  return String(Number(n.toPrecision(15)));
}

/**
 * The text of a cell for a column of the given kind, trimmed. CSV cells are strings;
 * XLSX cells may be numbers, dates, booleans, rich text, formulas or hyperlinks.
 */
export function cellText(cell: unknown, kind: CellKind): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    if (kind === 'date') return dayOf(excelSerialToDate(cell));
    if (kind === 'timestamp') return excelSerialToDate(cell).toISOString().slice(0, 19);
    return numberText(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'Y' : 'N';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    // An Excel time has no zone: its wall-clock time is written without one (China time).
    if (kind === 'timestamp') return cell.toISOString().slice(0, 19);
    return dayOf(cell);
  }
  if (typeof cell === 'object') {
    const o = cell as { richText?: { text?: string }[]; text?: unknown; result?: unknown; formula?: string; sharedFormula?: string; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((p) => p.text ?? '').join('').trim();
    if ('result' in o || o.formula !== undefined || o.sharedFormula !== undefined) return cellText(o.result, kind);
    if (o.text !== undefined) return cellText(o.text, kind);
    if (typeof o.error === 'string') return o.error;
  }
  return String(cell).trim();
}
