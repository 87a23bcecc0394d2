// The files of the evidence directory in a backup (format.ts FILE_KINDS): the case
// evidence files (modules/evidence, case_evidence), the photos and signatures of
// inspection visits (modules/inspections, inspection_files) and the files attached to
// licence applications' materials (modules/licensing, application_files) and the files
// attached to matters (modules/matters, matter_files), handled alike. They are
// written after the rows, kind by kind, read from the evidence directory chunk by chunk,
// and restored into a staging directory beside the target evidence directory, each
// checked against the SM3 and size of its restored row as it arrives. Only when every
// file has arrived intact and every row has its file (or was declared skipped by the
// backup) are the staged files moved into place, in the restore's transaction; if
// anything fails, the staged and moved files are removed again, so a refused restore
// leaves the evidence directory as it was (empty), just as it leaves the database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Queryable } from '../db';
import { createSm3, type Sm3Hasher } from '../../core/crypto/sm3';
import { isMissingFile, storedPath } from '../../modules/evidence/service';
import { ident } from './catalog';
import {
  BackupError, EVIDENCE_CHUNK_BYTES, FILE_KINDS, fileChunkLine, fileEndLine, fileKind, fileSkippedLine,
  type BackupHeader, type EvidenceRecord, type FileKind, type FileTotals, type SkipReason,
} from './format';

const BATCH = 500;
/** Where uploads and restores stage files (as modules/evidence): inside the evidence directory, so the final move is a rename. */
const INCOMING_DIR = '.incoming';

interface EvidenceFileRow { id: number; storage_key: string; sm3: string; size_bytes: number }

export interface SkippedEvidence { id: number; storageKey: string; reason: SkipReason }

export interface EvidenceFilesSummary {
  /** Files copied whole and matching their records. */
  files: number;
  bytes: number;
  /** Rows whose file was missing, or did not match the record, when the backup was taken (not copied). */
  skipped: SkippedEvidence[];
}

const SKIP_NAMES: Record<SkipReason, string> = { missing: '文件缺失 missing', altered: '与登记的 SM3 不一致 altered' };
export const skipName = (r: SkipReason) => SKIP_NAMES[r];

/** What the header records for one kind: the rows of the snapshot and their recorded sizes. */
export async function fileTotals(tx: Queryable, kind: FileKind): Promise<FileTotals> {
  const r = (await tx.one<{ files: number; bytes: number }>(
    `SELECT count(*)::bigint AS files, coalesce(sum(size_bytes), 0)::bigint AS bytes FROM ${ident(fileKind(kind).table)}`))!;
  return { files: Number(r.files), bytes: Number(r.bytes) };
}

/**
 * Writes the file of every row of one kind (case_evidence, inspection_files) of the
 * transaction's snapshot, in id order. Rows are append-only and a file is in place before
 * its row commits, so the files of the snapshot's rows are all there (unless something
 * removed or changed them: those are skipped and reported, not copied).
 */
export async function writeEvidenceFiles(
  tx: Queryable, evidenceDir: string, write: (s: string) => Promise<void>, kind: FileKind, expected: number,
  onProgress?: (files: number, bytes: number) => void,
): Promise<EvidenceFilesSummary> {
  const k = fileKind(kind);
  const out: EvidenceFilesSummary = { files: 0, bytes: 0, skipped: [] };
  if (expected > 0 && !fs.existsSync(evidenceDir)) {
    throw new BackupError(`证据目录 ${evidenceDir} 不存在，而数据库登记了 ${expected} 件${k.item}：请检查 EVIDENCE_DIR 设置`
      + ` / the evidence directory ${evidenceDir} does not exist but ${expected} ${k.english}s are recorded: check EVIDENCE_DIR`);
  }
  const skip = async (r: EvidenceFileRow, reason: SkipReason) => {
    await write(fileSkippedLine(kind, r.id, reason));
    out.skipped.push({ id: r.id, storageKey: r.storage_key, reason });
  };
  for (let lastId = 0; ;) {
    const rows = await tx.query<EvidenceFileRow>(
      `SELECT id, storage_key, sm3, size_bytes FROM ${ident(k.table)} WHERE id > $1 ORDER BY id LIMIT $2`, [lastId, BATCH]);
    for (const r of rows) {
      const file = storedPath(evidenceDir, r.storage_key);
      const stat = file ? await fs.promises.stat(file).catch((err) => { if (isMissingFile(err)) return null; throw err; }) : null;
      if (!stat || !stat.isFile()) { await skip(r, 'missing'); continue; }
      // A different size is known without reading the file.
      if (stat.size !== Number(r.size_bytes)) { await skip(r, 'altered'); continue; }
      const hasher = createSm3();
      let size = 0;
      try {
        for await (const chunk of fs.createReadStream(file!, { highWaterMark: EVIDENCE_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
          hasher.update(chunk);
          size += chunk.length;
          await write(fileChunkLine(kind, r.id, chunk));
        }
      } catch (err) {
        // Removed since it was looked at, before anything was read: missing. Any other failure ends the backup.
        if (isMissingFile(err) && size === 0) { await skip(r, 'missing'); continue; }
        throw err;
      }
      const sm3 = hasher.digest();
      if (sm3 !== r.sm3 || size !== Number(r.size_bytes)) {
        await skip(r, 'altered'); // its chunks are discarded by the restore
        continue;
      }
      await write(fileEndLine(kind, r.id, sm3, size));
      out.files++;
      out.bytes += size;
      onProgress?.(out.files, out.bytes);
    }
    if (rows.length < BATCH) break;
    lastId = rows[rows.length - 1].id;
  }
  if (out.files + out.skipped.length !== expected) {
    throw new BackupError(`${k.file}写出 ${out.files + out.skipped.length} 件，应为 ${expected} 件 / wrote ${out.files + out.skipped.length} of ${expected} ${k.english}s`);
  }
  return out;
}

/** Why the evidence directory cannot receive a backup's files (it must be empty, or not exist yet), or undefined. */
export function evidenceDirRefusal(evidenceDir: string, header: BackupHeader): string | undefined {
  if (FILE_KINDS.every((k) => (header[k.header]?.files ?? 0) === 0)) return undefined;
  let entries: string[];
  try {
    entries = fs.readdirSync(evidenceDir).filter((e) => e !== INCOMING_DIR);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `无法读取证据目录 ${evidenceDir}：${(err as Error).message} / cannot read the evidence directory`;
  }
  if (entries.length === 0) return undefined;
  return `目标证据目录 ${evidenceDir} 不是空的（已有 ${entries.length} 项），为防止覆盖证据文件，拒绝恢复。请将 EVIDENCE_DIR 设为新建的空目录。`
    + `\nThe target evidence directory ${evidenceDir} is not empty (${entries.length} entries); refusing to overwrite it. Set EVIDENCE_DIR to a new, empty directory.`;
}

interface OpenFile {
  kind: FileKind; id: number; storageKey: string; expectedSm3: string; expectedSize: number;
  staged: string; stream: fs.WriteStream | null; hasher: Sm3Hasher; size: number;
}

const notRestored = '未恢复任何数据 / nothing was restored';

const emptySummary = (): EvidenceFilesSummary => ({ files: 0, bytes: 0, skipped: [] });

/** Receives the file lines of one restore (see the top of this file). */
export class EvidenceRestore {
  private staging: string | null = null;
  private current: OpenFile | null = null;
  /** The kind whose lines are being read (kinds come in FILE_KINDS order), and the last id of it done. */
  private section = 0;
  private lastId = 0;
  private moved: string[] = [];
  /** Per kind: the files restored, and the rows whose file the backup did not copy. */
  readonly summaries: Record<FileKind, EvidenceFilesSummary> = {
    evidence: emptySummary(), inspectionFile: emptySummary(), applicationFile: emptySummary(), matterFile: emptySummary(),
  };

  constructor(private readonly evidenceDir: string, private readonly onProgress?: (files: number, bytes: number) => void) {}

  private async stagingDir(): Promise<string> {
    if (!this.staging) {
      const dir = path.join(this.evidenceDir, INCOMING_DIR, `restore-${crypto.randomUUID()}`);
      await fs.promises.mkdir(dir, { recursive: true });
      this.staging = dir;
    }
    return this.staging;
  }

  /** Takes one file line; `tx` holds the restored rows. */
  async accept(tx: Queryable, rec: EvidenceRecord): Promise<void> {
    const k = fileKind(rec.kind);
    if (this.current && (this.current.kind !== rec.kind || this.current.id !== rec.id)) {
      throw new BackupError(`备份中${fileKind(this.current.kind).file} #${this.current.id} 不完整（缺少结束行），${notRestored}`);
    }
    if (!this.current) {
      const section = FILE_KINDS.findIndex((x) => x.kind === rec.kind);
      if (section < this.section || (section === this.section && rec.id <= this.lastId)) {
        throw new BackupError(`备份中${k.file} #${rec.id} 重复或顺序错乱，${notRestored}`);
      }
      if (section > this.section) {
        this.section = section;
        this.lastId = 0;
      }
      const row = await tx.one<EvidenceFileRow>(`SELECT id, storage_key, sm3, size_bytes FROM ${ident(k.table)} WHERE id = $1`, [rec.id]);
      if (!row) throw new BackupError(`备份中的${k.file} #${rec.id} 没有对应的${k.row}，${notRestored}`);
      if ('skipped' in rec) return this.skip(rec.kind, row.id, row.storage_key, rec.skipped);
      const staging = await this.stagingDir();
      // The storage key comes from the backup: it must stay inside the directory (as the services require).
      const staged = row.storage_key.startsWith('.') ? null : storedPath(staging, row.storage_key);
      if (!staged) throw new BackupError(`${k.item} #${row.id} 的存储位置 ${row.storage_key} 不在证据目录内，备份已被改动，${notRestored}`);
      await fs.promises.mkdir(path.dirname(staged), { recursive: true });
      const stream = fs.createWriteStream(staged, { flags: 'wx' });
      try {
        await once(stream, 'open');
      } catch (err) {
        // Keys are unique within a table, not across them: two rows naming one file is a changed backup.
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new BackupError(`${k.item} #${row.id} 的存储位置 ${row.storage_key} 与另一文件重复，备份已被改动，${notRestored}`);
        }
        throw err;
      }
      this.current = {
        kind: rec.kind, id: row.id, storageKey: row.storage_key, expectedSm3: row.sm3, expectedSize: Number(row.size_bytes),
        staged, stream, hasher: createSm3(), size: 0,
      };
    }
    const f = this.current;
    if ('chunk' in rec) {
      f.size += rec.chunk.length;
      f.hasher.update(rec.chunk);
      if (f.size > f.expectedSize) {
        // Longer than recorded: altered. Nothing more is written (a skipped line may still follow).
        await this.discard(f);
      } else if (f.stream && !f.stream.write(rec.chunk)) {
        await once(f.stream, 'drain');
      }
      return;
    }
    if ('skipped' in rec) {
      await this.discard(f);
      this.current = null;
      return this.skip(f.kind, f.id, f.storageKey, rec.skipped);
    }
    const sm3 = f.hasher.digest();
    if (!f.stream || sm3 !== f.expectedSm3 || f.size !== f.expectedSize || rec.end.sm3 !== sm3 || rec.end.size !== f.size) {
      await this.discard(f);
      throw new BackupError(`${k.file} #${f.id}（${f.storageKey}）与登记的 SM3 摘要或大小不一致：备份文件已被改动或损坏，未恢复任何数据。`
        + `\nThe ${k.english} #${f.id} does not match its recorded SM3 digest or size: the backup was altered or damaged; nothing was restored.`);
    }
    const stream = f.stream;
    stream.end();
    await once(stream, 'close');
    this.current = null;
    this.lastId = f.id;
    const summary = this.summaries[f.kind];
    summary.files++;
    summary.bytes += f.size;
    const all = Object.values(this.summaries);
    this.onProgress?.(all.reduce((n, x) => n + x.files, 0), all.reduce((n, x) => n + x.bytes, 0));
  }

  private skip(kind: FileKind, id: number, storageKey: string, reason: SkipReason) {
    this.lastId = id;
    this.summaries[kind].skipped.push({ id, storageKey, reason });
  }

  private async discard(f: OpenFile) {
    if (!f.stream) return;
    const stream = f.stream;
    f.stream = null;
    stream.destroy();
    await once(stream, 'close').catch(() => {});
    await fs.promises.rm(f.staged, { force: true });
  }

  /** After the last line: every restored row of every kind has its file or was skipped by the backup. */
  async finish(tx: Queryable, header: BackupHeader): Promise<void> {
    if (this.current) throw new BackupError(`备份中${fileKind(this.current.kind).file} #${this.current.id} 不完整（缺少结束行），${notRestored}`);
    for (const k of FILE_KINDS) {
      const summary = this.summaries[k.kind];
      const got = summary.files + summary.skipped.length;
      const totals = header[k.header];
      if (!totals) {
        // An older format: this kind's files are copied by hand.
        if (got > 0) throw new BackupError(`旧格式备份中不应有${k.file}，${notRestored}`);
        continue;
      }
      const rows = (await fileTotals(tx, k.kind)).files;
      if (got !== rows || got !== totals.files) {
        throw new BackupError(`备份中有 ${got} 件${k.file}，而${k.row}为 ${rows} 件（文件头记录 ${totals.files} 件）；备份不完整，${notRestored}`
          + ` / ${got} ${k.english}s in the backup for ${rows} rows`);
      }
    }
  }

  /** Moves the staged files into the evidence directory (run last inside the restore's transaction). */
  async commit(): Promise<void> {
    if (!this.staging) return;
    for (const entry of await fs.promises.readdir(this.staging)) {
      const target = path.join(this.evidenceDir, entry);
      if (fs.existsSync(target)) throw new BackupError(`证据目录中已有 ${entry}，拒绝覆盖，${notRestored}`);
      await fs.promises.rename(path.join(this.staging, entry), target);
      this.moved.push(target);
    }
    await fs.promises.rm(this.staging, { recursive: true, force: true });
    this.staging = null;
  }

  /** Removes whatever this restore wrote (after a refusal, or when the transaction did not commit). */
  async abort(): Promise<void> {
    if (this.current) await this.discard(this.current);
    this.current = null;
    for (const m of this.moved) await fs.promises.rm(m, { recursive: true, force: true });
    this.moved = [];
    if (this.staging) await fs.promises.rm(this.staging, { recursive: true, force: true });
    this.staging = null;
  }
}
