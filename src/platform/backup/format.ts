// The backup file: gzip of JSON lines. The first line is a header; then every row of the
// database, one line each, tagged with its table, in the JSON PostgreSQL itself produces
// (row_to_json), so a row goes back in with json_populate_recordset on either PGlite or a
// PostgreSQL server without passing through JavaScript values (no loss on dates,
// timestamps, numerics or arrays); then the bytes of every file of the evidence
// directory that a row stands for: case evidence (format 2 on) and the photos and
// signatures of inspection visits (format 3 on); the files attached to licence
// applications' materials (format 4 on); the files attached to matters (format 5 on).
//
//   {"format":"hrl-backup/3","createdAt":"…","source":"pglite","migrations":["0001_platform.sql",…],
//    "tables":[{"name":"organizations","columns":["id","code",…],"rows":11},…],
//    "evidence":{"files":2,"bytes":204800},"inspectionFiles":{"files":2,"bytes":51234}}
//   {"table":"organizations","row":{"id":1,"code":"JX-WJW",…}}
//   …
//   {"evidence":7,"chunk":"/9j/4AAQ…"}            up to EVIDENCE_CHUNK_BYTES of the file, base64
//   {"evidence":7,"chunk":"…"}
//   {"evidence":7,"end":{"sm3":"…","size":204800}}
//   {"evidence":9,"skipped":"missing"}            not copied: missing or altered at backup time
//   {"inspectionFile":3,"chunk":"iVBORw0K…"}      the same for inspection_files row 3
//   {"inspectionFile":3,"end":{"sm3":"…","size":1234}}
//   {"applicationFile":5,"chunk":"JVBERi0x…"}      the same for application_files row 5 (format 4 on)
//   {"applicationFile":5,"end":{"sm3":"…","size":5678}}
//   {"matterFile":2,"chunk":"UEsDBBQ…"}           the same for matter_files row 2 (format 5 on)
//   {"matterFile":2,"end":{"sm3":"…","size":910}}
// Tables appear in the header and in the body in dependency order (a referenced table
// before the tables referencing it; within the organisation tree, parents first).
// row_to_json writes both SQL NULL and the JSON value null of a json/jsonb column as
// null, so those columns (listed in the table's "wrapped") hold their value inside a
// one-element array: SQL NULL → null, JSON null → [null], {"a":1} → [{"a":1}].
//
// Files (FILE_KINDS) come after all rows: first the case evidence files (modules/evidence)
// in case_evidence id order, then the inspection visits' files (modules/inspections) in
// inspection_files id order, then the files of licence applications' materials
// (modules/licensing, application_files) in id order, then the files attached to matters
// (modules/matters, matter_files) in id order, each as consecutive chunk lines and one end line, tagged
// with its kind and its row's id. Chunks keep memory bounded on both sides (a file may be
// 2 GB: it is never held whole, neither when written nor when restored) and keep the
// backup one self-contained file, as before. Base64 grows the text by a third, but gzip
// takes most of that back. A restore checks every file against the SM3 and size of its
// restored row (see evidence.ts). A file that is missing, or no longer matches its row,
// when the backup is taken is not copied (a "skipped" line, after any chunks already
// written): a restore never writes a file that differs from its record, and
// verification on the restored copy reports it missing.
//
// Format 1 (before evidence files were included) has no "evidence" in its header and no
// file lines; format 2 has the case evidence files but no "inspectionFiles" and no
// inspection file lines; format 3 has no "applicationFiles"; format 4 has no "matterFiles". All are still restored; the files they lack must be copied into
// the evidence directory by hand.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export const BACKUP_FORMAT = 'hrl-backup/5';
/** Formats a restore accepts: 1 has the rows only, 2 adds the case evidence files, 3 the inspection visits' files, 4 the application materials' files, 5 the matters' files. */
export const READABLE_FORMATS = ['hrl-backup/1', 'hrl-backup/2', 'hrl-backup/3', 'hrl-backup/4', 'hrl-backup/5'];
/** Bytes of an evidence file per chunk line (a multiple of 3, so no chunk but the last carries base64 padding). */
export const EVIDENCE_CHUNK_BYTES = 192 * 1024;

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
  /** Format 2 on: the case_evidence rows of the backup (files) and their recorded sizes (bytes). Absent in format 1. */
  evidence?: FileTotals;
  /** Format 3 on: the inspection_files rows of the backup and their recorded sizes. Absent in formats 1 and 2. */
  inspectionFiles?: FileTotals;
  /** Format 4 on: the application_files rows (licence applications' materials) and their recorded sizes. */
  applicationFiles?: FileTotals;
  /** Format 5 on: the matter_files rows (files attached to matters) and their recorded sizes. */
  matterFiles?: FileTotals;
}

export interface FileTotals { files: number; bytes: number }

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

// ---------------------------------------------------------------------------------
// File lines.

/**
 * The tables whose rows each stand for one file of the evidence directory (storage_key,
 * sm3, size_bytes), in the order their files appear in a backup. `kind` tags the lines,
 * `header` is the header's totals for it; the names are for messages.
 */
export const FILE_KINDS = [
  {
    kind: 'evidence', table: 'case_evidence', header: 'evidence', since: 2,
    file: '证据文件', row: '证据登记记录', item: '证据', english: 'evidence file',
  },
  {
    kind: 'inspectionFile', table: 'inspection_files', header: 'inspectionFiles', since: 3,
    file: '检查记录文件', row: '检查记录文件登记记录', item: '检查记录文件（现场照片、签名）', english: 'inspection visit file',
  },
  {
    kind: 'applicationFile', table: 'application_files', header: 'applicationFiles', since: 4,
    file: '申请材料文件', row: '申请材料文件登记记录', item: '申请材料文件', english: 'application material file',
  },
  {
    kind: 'matterFile', table: 'matter_files', header: 'matterFiles', since: 5,
    file: '事项附件', row: '事项附件登记记录', item: '事项附件', english: 'matter file',
  },
] as const;

export type FileKind = (typeof FILE_KINDS)[number]['kind'];
export type FileKindInfo = (typeof FILE_KINDS)[number];
export const fileKind = (kind: FileKind): FileKindInfo => FILE_KINDS.find((k) => k.kind === kind)!;

export type SkipReason = 'missing' | 'altered';

export type EvidenceRecord = { kind: FileKind; id: number } & (
  | { chunk: Buffer }
  | { end: { sm3: string; size: number } }
  | { skipped: SkipReason });

export const fileChunkLine = (kind: FileKind, id: number, bytes: Buffer) => `{"${kind}":${id},"chunk":"${bytes.toString('base64')}"}\n`;
export const fileEndLine = (kind: FileKind, id: number, sm3: string, size: number) => `{"${kind}":${id},"end":${JSON.stringify({ sm3, size })}}\n`;
export const fileSkippedLine = (kind: FileKind, id: number, reason: SkipReason) => `{"${kind}":${id},"skipped":"${reason}"}\n`;

const KIND_NAMES = FILE_KINDS.map((k) => k.kind).join('|');
const FILE_LINE = new RegExp(`^\\{\\s*"(${KIND_NAMES})"\\s*:`);

/** Whether a body line is a file line (rather than a row). */
export const isEvidenceLine = (line: string) => FILE_LINE.test(line);

const CHUNK_LINE = new RegExp(`^\\{"(${KIND_NAMES})":(\\d{1,10}),"chunk":"([A-Za-z0-9+/]*={0,2})"\\}$`);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function damagedEvidenceLine(line: string): BackupError {
  return new BackupError(`备份文件内容损坏（证据文件行格式不正确）/ damaged backup: a bad file line: ${line.slice(0, 80)}`);
}

/** Parses a file line; chunks are decoded (Buffer.from alone would skip characters that are not base64). */
export function parseEvidenceLine(line: string): EvidenceRecord {
  const m = CHUNK_LINE.exec(line);
  if (m) return { kind: m[1] as FileKind, id: Number(m[2]), chunk: Buffer.from(m[3], 'base64') };
  let p: Record<string, unknown> & { chunk?: unknown; end?: { sm3?: unknown; size?: unknown } | null; skipped?: unknown };
  try {
    p = JSON.parse(line) as typeof p;
  } catch {
    throw damagedEvidenceLine(line);
  }
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw damagedEvidenceLine(line);
  // Exactly one kind's tag.
  const kinds = FILE_KINDS.filter((k) => k.kind in p);
  if (kinds.length !== 1) throw damagedEvidenceLine(line);
  const kind = kinds[0].kind;
  const id = p[kind];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw damagedEvidenceLine(line);
  if (typeof p.chunk === 'string' && BASE64.test(p.chunk)) return { kind, id, chunk: Buffer.from(p.chunk, 'base64') };
  if (p.end && typeof p.end === 'object' && typeof p.end.sm3 === 'string' && typeof p.end.size === 'number') {
    return { kind, id, end: { sm3: p.end.sm3, size: p.end.size } };
  }
  if (p.skipped === 'missing' || p.skipped === 'altered') return { kind, id, skipped: p.skipped };
  throw damagedEvidenceLine(line);
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
  if (!READABLE_FORMATS.includes(h.format)) {
    throw new BackupError(`备份格式 ${h.format} 不受支持（本版本支持 ${READABLE_FORMATS.join('、')}）/ unsupported backup format ${h.format}`);
  }
  if (!Array.isArray(h.migrations) || !Array.isArray(h.tables)) {
    throw new BackupError('备份文件头不完整 / the backup header is incomplete');
  }
  const version = Number(h.format.slice('hrl-backup/'.length));
  const header = { ...h } as BackupHeader;
  for (const k of FILE_KINDS) {
    if (version < k.since) {
      // An older format holds none of these files, whatever its header says.
      delete header[k.header];
      continue;
    }
    const e = h[k.header];
    if (!e || !Number.isSafeInteger(e.files) || e.files < 0 || !Number.isSafeInteger(e.bytes) || e.bytes < 0) {
      throw new BackupError(`备份文件头不完整（缺少${k.file}信息）/ the backup header is incomplete (${k.header})`);
    }
  }
  return header;
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
