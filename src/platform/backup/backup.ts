// Backing up every table to one file (format.ts), from one consistent snapshot, reading
// rows in bounded batches: by primary key (keyset) where there is one, and for the
// organisation tree (a table referencing itself) parents first, by depth. Then the files
// of that snapshot's rows, streamed in chunks (evidence.ts): the case evidence files, then
// the inspection visits' photos and signatures, then the licence applications' material files,
// then the files attached to matters.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Database, Queryable } from '../db';
import { ident, readCatalog, type TableInfo } from './catalog';
import { BACKUP_FORMAT, BackupError, rowLine, type BackupHeader } from './format';
import { fileTotals, writeEvidenceFiles, type EvidenceFilesSummary } from './evidence';

export const BACKUP_BATCH_ROWS = 2000;

export interface BackupOptions {
  /** The evidence directory (EVIDENCE_DIR) whose files belong to the database's case_evidence and inspection_files rows. */
  evidenceDir: string;
  batchSize?: number;
  onProgress?: (table: string, rowsWritten: number) => void;
  onEvidenceProgress?: (files: number, bytes: number) => void;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  header: BackupHeader;
  /** The case evidence files copied, and those not copied because they were missing or altered (reported, not fatal). */
  evidence: EvidenceFilesSummary;
  /** The same for the inspection visits' files (photos, signatures). */
  inspectionFiles: EvidenceFilesSummary;
  /** The same for the files attached to licence applications' materials. */
  applicationFiles: EvidenceFilesSummary;
  /** The same for the files attached to matters. */
  matterFiles: EvidenceFilesSummary;
}

/** The stored columns as written to the file, json/jsonb ones wrapped in an array (format.ts). */
function selectList(t: TableInfo, alias?: string): string {
  return t.columns.map((c) => {
    const ref = alias ? `${alias}.${ident(c)}` : ident(c);
    const json = t.jsonColumns.find((j) => j.name === c);
    return json ? `CASE WHEN ${ref} IS NULL THEN NULL ELSE ${json.type}_build_array(${ref}) END AS ${ident(c)}` : ref;
  }).join(', ');
}

/** Batches of row JSON for one table, in an order that a restore can insert as it reads. */
async function* tableRows(tx: Queryable, t: TableInfo, batchSize: number): AsyncGenerator<string[]> {
  const cols = selectList(t);
  const table = ident(t.name);
  const pk = t.primaryKey;

  if (t.selfReference) {
    if (!pk.length) throw new BackupError(`表 ${t.name} 引用自身但没有主键，无法备份 / table ${t.name} references itself but has no primary key`);
    // Depth of every row from the roots (rows whose reference is empty); a row can then
    // be inserted after the row it references. Tables like this (the organisation tree)
    // are small, so OFFSET paging over the ordered result is fine.
    const keyCols = [...new Set([...pk.map((k) => k.name), ...t.selfReference.refColumns])].map(ident);
    const self = t.selfReference.columns.map(ident);
    const refs = t.selfReference.refColumns.map(ident);
    const pkCols = pk.map((k) => ident(k.name));
    const sql = `WITH RECURSIVE d AS (
        SELECT ${keyCols.join(', ')}, 0 AS depth FROM ${table} WHERE ${self.map((c) => `${c} IS NULL`).join(' OR ')}
        UNION ALL
        SELECT ${keyCols.map((c) => `c.${c}`).join(', ')}, d.depth + 1 FROM ${table} c
          JOIN d ON (${self.map((c) => `c.${c}`).join(', ')}) = (${refs.map((c) => `d.${c}`).join(', ')})
      )
      SELECT row_to_json(x)::text AS j FROM (
        SELECT ${selectList(t, 's')} FROM ${table} s
          JOIN d ON (${pkCols.map((c) => `s.${c}`).join(', ')}) = (${pkCols.map((c) => `d.${c}`).join(', ')})
         ORDER BY d.depth, ${pkCols.map((c) => `s.${c}`).join(', ')} LIMIT $1 OFFSET $2) x`;
    for (let offset = 0; ; offset += batchSize) {
      const rows = await tx.query<{ j: string }>(sql, [batchSize, offset]);
      if (rows.length) yield rows.map((r) => r.j);
      if (rows.length < batchSize) return;
    }
  }

  if (!pk.length) {
    const sql = `SELECT row_to_json(x)::text AS j FROM (SELECT ${cols} FROM ${table} ORDER BY ctid LIMIT $1 OFFSET $2) x`;
    for (let offset = 0; ; offset += batchSize) {
      const rows = await tx.query<{ j: string }>(sql, [batchSize, offset]);
      if (rows.length) yield rows.map((r) => r.j);
      if (rows.length < batchSize) return;
    }
  }

  // Keyset paging: each batch starts after the last key of the previous one.
  const pkList = pk.map((k) => ident(k.name)).join(', ');
  const keysOut = pk.map((k, i) => `x.${ident(k.name)}::text AS k${i}`).join(', ');
  const order = pk.map((k) => `x.${ident(k.name)}`).join(', ');
  let cursor: string[] | null = null;
  for (;;) {
    const after = cursor ? `WHERE (${pkList}) > (${pk.map((k, i) => `$${i + 2}::${k.type}`).join(', ')})` : '';
    const rows: Record<string, string>[] = await tx.query<Record<string, string>>(
      `SELECT row_to_json(x)::text AS j, ${keysOut}
         FROM (SELECT ${cols} FROM ${table} ${after} ORDER BY ${pkList} LIMIT $1) x ORDER BY ${order}`,
      cursor ? [batchSize, ...cursor] : [batchSize]);
    if (rows.length) yield rows.map((r) => r.j);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    cursor = pk.map((_, i) => last[`k${i}`]);
  }
}

/**
 * Writes a backup of the whole database and its files (case evidence, inspection visits'
 * photos and signatures) to `file` (replaced only once the backup is complete). All
 * tables, and the lists of files, are read in one REPEATABLE READ transaction, so the file
 * is one consistent moment even while the server keeps working (the transaction stays
 * open while the files are copied; it only reads, and those rows and files are never
 * changed once written).
 */
export async function backupDatabase(db: Database, file: string, options: BackupOptions): Promise<BackupSummary> {
  const batchSize = options.batchSize ?? BACKUP_BATCH_ROWS;
  const partial = `${file}.partial-${process.pid}`;
  const gzip = zlib.createGzip({ level: 6 });
  const written = pipeline(gzip, fs.createWriteStream(partial));
  const write = async (s: string) => {
    if (!gzip.write(s)) await once(gzip, 'drain');
  };
  try {
    const { header, evidence, inspectionFiles, applicationFiles, matterFiles } = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const catalog = await readCatalog(tx);
      const migrations = (await tx.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
      const tables = [];
      for (const t of catalog) {
        const n = (await tx.one<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${ident(t.name)}`))!.n;
        tables.push({ name: t.name, columns: t.columns, wrapped: t.jsonColumns.map((j) => j.name), rows: Number(n) });
      }
      const totals = {
        evidence: await fileTotals(tx, 'evidence'), inspectionFiles: await fileTotals(tx, 'inspectionFile'), applicationFiles: await fileTotals(tx, 'applicationFile'),
        matterFiles: await fileTotals(tx, 'matterFile'),
      };
      const h: BackupHeader = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), source: db.kind, migrations, tables, ...totals };
      await write(`${JSON.stringify(h)}\n`);
      for (const t of catalog) {
        let n = 0;
        for await (const batch of tableRows(tx, t, batchSize)) {
          for (const j of batch) await write(rowLine(t.name, j));
          n += batch.length;
          options.onProgress?.(t.name, n);
        }
        const expected = tables.find((x) => x.name === t.name)!.rows;
        if (n !== expected) {
          throw new BackupError(`表 ${t.name} 读出 ${n} 行，应为 ${expected} 行（自引用成环？）/ table ${t.name}: wrote ${n} of ${expected} rows`);
        }
      }
      // Progress counts the files of all kinds together.
      const ev = await writeEvidenceFiles(tx, options.evidenceDir, write, 'evidence', totals.evidence.files, options.onEvidenceProgress);
      const visits = await writeEvidenceFiles(tx, options.evidenceDir, write, 'inspectionFile', totals.inspectionFiles.files,
        options.onEvidenceProgress && ((n, bytes) => options.onEvidenceProgress!(ev.files + n, ev.bytes + bytes)));
      const apps = await writeEvidenceFiles(tx, options.evidenceDir, write, 'applicationFile', totals.applicationFiles.files,
        options.onEvidenceProgress && ((n, bytes) => options.onEvidenceProgress!(ev.files + visits.files + n, ev.bytes + visits.bytes + bytes)));
      const matters = await writeEvidenceFiles(tx, options.evidenceDir, write, 'matterFile', totals.matterFiles.files,
        options.onEvidenceProgress && ((n, bytes) => options.onEvidenceProgress!(ev.files + visits.files + apps.files + n, ev.bytes + visits.bytes + apps.bytes + bytes)));
      return { header: h, evidence: ev, inspectionFiles: visits, applicationFiles: apps, matterFiles: matters };
    });
    gzip.end();
    await written;
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, header, evidence, inspectionFiles, applicationFiles, matterFiles };
  } catch (err) {
    gzip.destroy();
    await written.catch(() => {});
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
