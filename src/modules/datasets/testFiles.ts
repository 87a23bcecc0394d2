// Building import files in tests: CSV text, XLSX workbooks and multipart bodies.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { generateEntity } from '../../seed/entityGenerator';
import { DEMO_DISTRICTS } from '../../seed/demo';
import { multipartForm } from '../../../test/support/multipart';

export const ENTITY_COLUMNS = ['uscc', 'name', 'category', 'region_code', 'address', 'org_code', 'legal_rep', 'risk_class', 'credit_grade', 'blacklisted'];

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(rows: unknown[][], opts: { bom?: boolean; eol?: string } = {}): Buffer {
  const text = rows.map((r) => r.map(csvField).join(',')).join(opts.eol ?? '\r\n') + (opts.eol ?? '\r\n');
  return Buffer.from((opts.bom ? '\uFEFF' : '') + text, 'utf8');
}

export async function xlsx(rows: unknown[][], sheets: Record<string, unknown[][]> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  for (const [name, extra] of Object.entries(sheets)) {
    const s = wb.addWorksheet(name);
    for (const r of extra) s.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same workbook with its zip entries rewritten: those named in `first` first, those in
 * `last` last, the rest in between in their order; `store` leaves them uncompressed, as
 * some tools write them. Readers must not depend on either.
 */
export async function repackXlsx(body: Buffer, opts: { first?: string[]; last?: string[]; store?: boolean }): Promise<Buffer> {
  const src = await JSZip.loadAsync(body);
  const names = Object.values(src.files).filter((f) => !f.dir).map((f) => f.name);
  const first = opts.first ?? [];
  const last = opts.last ?? [];
  const order = [...first, ...names.filter((n) => !first.includes(n) && !last.includes(n)), ...last];
  const out = new JSZip();
  for (const name of order) out.file(name, await src.file(name)!.async('uint8array'));
  return Buffer.from(await out.generateAsync({ type: 'uint8array', compression: opts.store ? 'STORE' : 'DEFLATE' }));
}

export async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** The rows of a worksheet as arrays of cell values (1-based columns flattened). */
export function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => { out.push((row.values as unknown[]).slice(1)); });
  return out;
}

/** An upload body with just the file, CSV unless said otherwise, as the import routes take it. */
export function multipart(fileName: string, content: Buffer, contentType = 'text/csv', field = 'file'): { body: Buffer; headers: Record<string, string> } {
  return multipartForm({ name: fileName, content, contentType, field });
}

/** Entity rows as the file has them, generated (i ≥ 400 are not in the test database). */
export function entityRows(from: number, count: number): string[][] {
  const rows: string[][] = [];
  for (let i = from; i < from + count; i++) {
    const e = generateEntity(i, DEMO_DISTRICTS);
    rows.push([e.uscc, e.name, e.category, e.region_code, e.address, e.org_code, e.legal_rep, e.risk_class, e.credit_grade, e.blacklisted ? 'Y' : 'N']);
  }
  return rows;
}

/** A code with a wrong check character. */
export function breakCheckCharacter(uscc: string): string {
  const last = uscc[17];
  return uscc.slice(0, 17) + (last === '1' ? '2' : '1');
}
