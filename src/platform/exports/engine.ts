// The export engine: a dataset's rows within the caller's scope and filters, written as
// CSV (UTF-8 with BOM, so Excel opens it correctly) or XLSX (one worksheet, streamed),
// with exactly the dataset's columns and in the import formats (Y/N, ';' lists,
// YYYY-MM-DD), so an exported file can be imported again unchanged. The table is read
// by keyset pagination (id > last ORDER BY id LIMIT 5000) and written as it is read, so
// memory stays bounded whatever the size; the output's backpressure is respected.
// Ends with one audit entry 'export.<dataset>'.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Queryable } from '../db';
import type { Actor } from '../access/user';
import { recordAudit } from '../audit/audit';
import { todayInChina } from '../../core/calendar/dates';
import type { Dataset } from '../imports/dataset';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_PAGE_SIZE = 5000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportRequest {
  dataset: Dataset;
  format: ExportFormat;
  /** The dataset's export filters (already validated); recorded in the audit entry. */
  filters: Record<string, unknown>;
  scopeOrgIds: number[];
  actor: Actor;
  out: Writable;
  onProgress?: (rows: number) => void;
}

/** 监管对象-2026-11-22.xlsx */
export function exportFileName(dataset: Dataset, format: ExportFormat, today = todayInChina()): string {
  return `${dataset.label}-${today}.${format}`;
}

/** attachment with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** A value as the import reads it back: Y/N, ';'-joined lists, dates as YYYY-MM-DD. */
export function exportValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(';');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function drained(out: Writable): Promise<void> {
  // Let the zip deflate and pipes run, then wait while the consumer is behind.
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain');
}

function isDrained(out: Writable): boolean {
  return !out.writableNeedDrain || out.destroyed;
}

export async function runExport(db: Queryable, req: ExportRequest): Promise<{ rows: number }> {
  const { dataset, format, out } = req;
  const names = Object.keys(dataset.columns);
  let rows = 0;
  let afterId = 0;

  let xlsx: { wb: ExcelJS.stream.xlsx.WorkbookWriter; ws: ExcelJS.Worksheet } | undefined;
  if (format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet(dataset.label);
    ws.addRow(names).commit();
    xlsx = { wb, ws };
  } else {
    out.write(`\uFEFF${names.join(',')}\r\n`);
  }

  for (;;) {
    const page = await dataset.exportPage(db, { scopeOrgIds: req.scopeOrgIds, actorOrgId: req.actor.orgId, filters: req.filters, afterId, limit: EXPORT_PAGE_SIZE });
    if (page.length === 0) break;
    if (xlsx) {
      for (const r of page) xlsx.ws.addRow(names.map((n) => exportValue((r as Record<string, unknown>)[n]))).commit();
    } else {
      let chunk = '';
      for (const r of page) chunk += `${names.map((n) => csvField(exportValue((r as Record<string, unknown>)[n]))).join(',')}\r\n`;
      if (!out.write(chunk) && !isDrained(out)) await once(out, 'drain');
    }
    rows += page.length;
    afterId = page[page.length - 1].id;
    req.onProgress?.(rows);
    if (out.destroyed) throw new Error('export output closed');
    await drained(out);
    if (page.length < EXPORT_PAGE_SIZE) break;
  }

  // The entry is written before the file is finished, so it exists once the download completes.
  await db.transaction((tx) => recordAudit(tx, req.actor, {
    action: `export.${dataset.name}`, objectType: 'dataset', objectId: dataset.name,
    after: { format, filters: Object.fromEntries(Object.entries(req.filters).filter(([, v]) => v !== null && v !== undefined)), rows },
  }));

  if (xlsx) {
    xlsx.ws.commit();
    await xlsx.wb.commit();
  } else {
    out.end();
    if (!out.writableFinished) await once(out, 'finish');
  }
  return { rows };
}
