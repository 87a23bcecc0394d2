// The backup file: gzip of JSON lines. The first line is a header; every other line is
// one row, tagged with its table, in the JSON PostgreSQL itself produces (row_to_json),
// so a row goes back in with json_populate_recordset on either PGlite or a PostgreSQL
// server without passing through JavaScript values (no loss on dates, timestamps,
// numerics or arrays).
//
//   {"format":"hrl-backup/1","createdAt":"…","source":"pglite","migrations":["0001_platform.sql",…],
//    "tables":[{"name":"organizations","columns":["id","code",…],"rows":11},…]}
//   {"table":"organizations","row":{"id":1,"code":"JX-WJW",…}}
//   …
// Tables appear in the header and in the body in dependency order (a referenced table
// before the tables referencing it; within the organisation tree, parents first).
// row_to_json writes both SQL NULL and the JSON value null of a json/jsonb column as
// null, so those columns (listed in the table's "wrapped") hold their value inside a
// one-element array: SQL NULL → null, JSON null → [null], {"a":1} → [{"a":1}].
import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export const BACKUP_FORMAT = 'hrl-backup/1';

export interface BackupTable {
  name: string;
  columns: string[];
  /** json/jsonb columns written as a one-element array (see above). */
  wrapped: string[];
  rows: number;
}

export interface BackupHeader {
  format: string;
  createdAt: string;
  /** The database kind the backup was taken from (informational: restore works into either). */
  source: 'pglite' | 'postgres';
  migrations: string[];
  tables: BackupTable[];
}

/** A refusal or a damaged file: the message (Chinese, then English) is meant for the operator. */
export class BackupError extends Error {}

export function rowLine(table: string, rowJson: string): string {
  return `{"table":${JSON.stringify(table)},"row":${rowJson}}\n`;
}

const ROW_LINE = /^\{"table":"([A-Za-z_][A-Za-z0-9_]*)","row":(\{.*\})\}$/s;

/** Splits a row line without re-encoding the row, so its JSON reaches the database as written. */
export function parseRowLine(line: string): { table: string; rowJson: string } {
  const m = ROW_LINE.exec(line);
  if (m) return { table: m[1], rowJson: m[2] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new BackupError(`备份文件内容损坏（不是有效的 JSON 行）/ damaged backup: a line is not JSON: ${line.slice(0, 80)}`);
  }
  const p = parsed as { table?: unknown; row?: unknown };
  if (typeof p.table !== 'string' || typeof p.row !== 'object' || p.row === null) {
    throw new BackupError(`备份文件内容损坏（行缺少 table 或 row）/ damaged backup: a line lacks table or row: ${line.slice(0, 80)}`);
  }
  return { table: p.table, rowJson: JSON.stringify(p.row) };
}

/** The lines of a gzip file, streamed (bounded memory); errors of the file or the gzip are thrown. */
export async function* gzipLines(file: string): AsyncGenerator<string> {
  const gunzip = pipeline(fs.createReadStream(file), zlib.createGunzip(), () => { /* errors surface in the loop below */ });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of gunzip) {
    rest += decoder.write(chunk as Buffer);
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line !== '') yield line;
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

export function parseHeader(line: string | undefined): BackupHeader {
  let h: Partial<BackupHeader> | undefined;
  try {
    h = line === undefined ? undefined : JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    h = undefined;
  }
  if (!h || typeof h !== 'object' || typeof h.format !== 'string' || !h.format.startsWith('hrl-backup/')) {
    throw new BackupError('这不是本平台的备份文件 / not a backup made by this platform');
  }
  if (h.format !== BACKUP_FORMAT) {
    throw new BackupError(`备份格式 ${h.format} 不受支持（本版本支持 ${BACKUP_FORMAT}）/ unsupported backup format ${h.format}`);
  }
  if (!Array.isArray(h.migrations) || !Array.isArray(h.tables)) {
    throw new BackupError('备份文件头不完整 / the backup header is incomplete');
  }
  return h as BackupHeader;
}

/** Reads only the header of a backup file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const it = gzipLines(file);
  try {
    const first = await it.next();
    return parseHeader(first.done ? undefined : first.value);
  } finally {
    await it.return(undefined);
  }
}
