// Restoring a backup (format.ts) into an empty database of the same schema version, on
// PGlite or a PostgreSQL server whichever the backup came from: a district can move
// from the embedded database to a server and back. Everything is inserted in one
// transaction (all or nothing), then sequences are moved past the restored ids and the
// audit chain is verified. The files of a backup (case evidence from format 2 on, the
// inspection visits' photos and signatures from format 3 on, the licence applications'
// material files from format 4 on, the matters' files from format 5 on) go into the evidence
// directory (which must be empty), each checked against its restored row's SM3 on the
// way, and are moved into place only at the end of that transaction (evidence.ts).
import fs from 'node:fs';
import type { Database, Queryable } from '../db';
import { verifyAuditChain, type VerifyResult } from '../audit/audit';
import { ident, readCatalog, type TableInfo } from './catalog';
import { BackupError, gzipLines, isEvidenceLine, parseEvidenceLine, parseHeader, parseRowLine, type BackupHeader } from './format';
import { EvidenceRestore, evidenceDirRefusal, type EvidenceFilesSummary } from './evidence';

const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

export interface RestoreOptions {
  /** The evidence directory (EVIDENCE_DIR) of the target: empty, or not there yet, when the backup holds files. */
  evidenceDir: string;
  onProgress?: (table: string, rowsRestored: number) => void;
  onEvidenceProgress?: (files: number, bytes: number) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
  /** Rows the empty target already held (the system roles written at start-up), replaced by the backup's. */
  replaced: { name: string; rows: number }[];
  audit: VerifyResult;
  /**
   * The case evidence files restored, and those the backup had not copied (missing or
   * altered at backup time); null for a format-1 backup, which holds no files.
   */
  evidence: EvidenceFilesSummary | null;
  /** The same for the inspection visits' files; null for a backup of format 1 or 2, which holds none. */
  inspectionFiles: EvidenceFilesSummary | null;
  /** The same for the files of licence applications' materials; null for a backup before format 4. */
  applicationFiles: EvidenceFilesSummary | null;
  /** The same for the files attached to matters; null for a backup before format 5. */
  matterFiles: EvidenceFilesSummary | null;
}

const count = async (db: Queryable, table: string) =>
  Number((await db.one<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${ident(table)}`))!.n);

/** Why the target cannot receive the backup, or undefined when it can. */
async function refusal(db: Queryable, header: BackupHeader, catalog: TableInfo[]): Promise<string | undefined> {
  const have = (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
  const want = [...header.migrations].sort();
  if (have.join('\n') !== want.join('\n')) {
    const missing = want.filter((m) => !have.includes(m));
    const extra = have.filter((m) => !want.includes(m));
    return '备份与目标数据库的迁移版本不一致，不能恢复 / the backup and the target database are at different migrations'
      + (missing.length ? `\n  目标库缺少 / missing in the target: ${missing.join(', ')}` : '')
      + (extra.length ? `\n  备份中没有 / not in the backup: ${extra.join(', ')}` : '')
      + '\n  请使用与备份相同版本的平台恢复 / restore with the platform version that made the backup';
  }
  const orgs = await count(db, 'organizations');
  if (orgs > 0) {
    return `目标数据库不是空的（已有 ${orgs} 个组织机构），为防止覆盖数据，拒绝恢复。请恢复到新建的空数据库。`
      + `\nThe target database is not empty (${orgs} organisations); refusing to overwrite it. Restore into a new, empty database.`;
  }
  const audit = await count(db, 'audit_log');
  if (audit > 0) {
    return `目标数据库的审计日志已有 ${audit} 条记录，不能与备份的哈希链合并，拒绝恢复。请恢复到新建的空数据库。`
      + `\nThe target's audit log already holds ${audit} entries that cannot join the backup's chain. Restore into a new, empty database.`;
  }
  const byName = new Map(catalog.map((t) => [t.name, t]));
  for (const t of header.tables) {
    const target = byName.get(t.name);
    if (!target) return `目标数据库没有表 ${t.name} / the target has no table ${t.name}`;
    const missing = t.columns.filter((c) => !target.columns.includes(c));
    const extra = target.columns.filter((c) => !t.columns.includes(c));
    if (missing.length || extra.length) {
      return `表 ${t.name} 的列与备份不一致 / table ${t.name} differs from the backup: ${[...missing.map((c) => `-${c}`), ...extra.map((c) => `+${c}`)].join(', ')}`;
    }
    const json = target.jsonColumns.map((j) => j.name).sort().join(',');
    if (!Array.isArray(t.wrapped) || [...t.wrapped].sort().join(',') !== json) {
      return `表 ${t.name} 的 JSON 列与备份不一致 / table ${t.name}: json columns differ from the backup`;
    }
  }
  const notInBackup = catalog.filter((t) => !header.tables.some((h) => h.name === t.name)).map((t) => t.name);
  if (notInBackup.length) return `备份中缺少表 / the backup lacks tables: ${notInBackup.join(', ')}`;
  return undefined;
}

/** Reads the header and checks the target (database and evidence directory) without changing anything; throws BackupError with the reason. */
export async function checkRestorable(db: Queryable, file: string, evidenceDir: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在 / no such file: ${file}`);
  const it = gzipLines(file);
  let header: BackupHeader;
  try {
    const first = await it.next().catch((err: Error) => {
      throw new BackupError(`无法读取备份文件（不是 gzip 文件或已损坏）/ cannot read the backup: ${err.message}`);
    });
    header = parseHeader(first.done ? undefined : first.value);
  } finally {
    await it.return(undefined);
  }
  const reason = await refusal(db, header, await readCatalog(db)) ?? evidenceDirRefusal(evidenceDir, header);
  if (reason) throw new BackupError(reason);
  return header;
}

export async function restoreDatabase(db: Database, file: string, options: RestoreOptions): Promise<RestoreSummary> {
  await checkRestorable(db, file, options.evidenceDir);
  const restored = new Map<string, number>();
  const replaced: { name: string; rows: number }[] = [];
  let header!: BackupHeader;
  const evidence = new EvidenceRestore(options.evidenceDir, options.onEvidenceProgress);

  try {
    await db.transaction(async (tx) => {
      const catalog = await readCatalog(tx);
      const byName = new Map(catalog.map((t) => [t.name, t]));
      const lines = gzipLines(file);
      try {
        const first = await lines.next();
        header = parseHeader(first.done ? undefined : first.value);
        // Checked again inside the transaction, with the tables that define "empty" locked
        // against writers (a server already running on the target database).
        await tx.query('LOCK TABLE organizations, audit_log IN EXCLUSIVE MODE');
        const reason = await refusal(tx, header, catalog) ?? evidenceDirRefusal(options.evidenceDir, header);
        if (reason) throw new BackupError(reason);

        // What start-up writes into an empty database (the system roles) gives way to the
        // backup's rows; children first so no reference is left dangling.
        for (const t of [...catalog].reverse()) {
          if (t.name === 'audit_log') continue;
          const n = Number((await tx.one<{ n: number }>(
            `WITH gone AS (DELETE FROM ${ident(t.name)} RETURNING 1) SELECT count(*)::bigint AS n FROM gone`))!.n);
          if (n > 0) replaced.push({ name: t.name, rows: n });
        }

        const expected = new Map(header.tables.map((t) => [t.name, t]));
        let current: string | null = null;
        let batch: string[] = [];
        let bytes = 0;
        const flush = async () => {
          if (!current || !batch.length) return;
          const t = byName.get(current)!;
          const h = expected.get(current)!;
          const cols = h.columns.map(ident).join(', ');
          // Wrapped json/jsonb columns arrive as [value]: element 0 is the value (SQL NULL stays NULL).
          const values = h.columns.map((c) => (h.wrapped.includes(c) ? `(x.${ident(c)} -> 0)` : `x.${ident(c)}`)).join(', ');
          await tx.query(
            `INSERT INTO ${ident(t.name)} (${cols}) ${t.identityAlways ? 'OVERRIDING SYSTEM VALUE ' : ''}
             SELECT ${values} FROM json_populate_recordset(NULL::${ident(t.name)}, $1::json) x`,
            [`[${batch.join(',')}]`]);
          const n = (restored.get(current) ?? 0) + batch.length;
          restored.set(current, n);
          options.onProgress?.(current, n);
          batch = [];
          bytes = 0;
        };

        const checkCounts = () => {
          for (const t of header.tables) {
            const got = restored.get(t.name) ?? 0;
            if (got !== t.rows) {
              throw new BackupError(`表 ${t.name} 恢复了 ${got} 行，备份文件头记录为 ${t.rows} 行；备份不完整，未恢复任何数据`
                + ` / table ${t.name}: ${got} rows restored, the header says ${t.rows}; nothing was restored`);
            }
          }
        };

        let inEvidence = false;
        for (;;) {
          const next = await lines.next();
          if (next.done) break;
          if (isEvidenceLine(next.value)) {
            if (!inEvidence) {
              // The files follow all rows: their rows are in place, and must all be there.
              await flush();
              checkCounts();
              inEvidence = true;
            }
            await evidence.accept(tx, parseEvidenceLine(next.value));
            continue;
          }
          if (inEvidence) throw new BackupError('备份文件内容损坏（证据文件之后又出现数据行）/ damaged backup: a row after the files');
          const { table, rowJson } = parseRowLine(next.value);
          if (table !== current) {
            await flush();
            if (!expected.has(table)) throw new BackupError(`备份中出现了文件头未列出的表 ${table} / table ${table} is not in the header`);
            if (restored.has(table)) throw new BackupError(`备份中表 ${table} 的行不连续 / rows of ${table} are not contiguous`);
            current = table;
          }
          batch.push(rowJson);
          bytes += rowJson.length;
          if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
        }
        await flush();
        checkCounts();
        await evidence.finish(tx, header);
      } catch (err) {
        if (err instanceof BackupError) throw err;
        const e = err as Error & { code?: string };
        if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(e.message)) {
          throw new BackupError(`备份文件不完整或已损坏，未恢复任何数据 / the backup file is truncated or damaged; nothing was restored (${e.message})`);
        }
        throw err;
      } finally {
        await lines.return(undefined);
      }

      // New records must get ids after the restored ones.
      for (const t of catalog) {
        for (const s of t.sequences) {
          await tx.query(`SELECT setval($1::regclass, coalesce((SELECT max(${ident(s.column)}) FROM ${ident(t.name)}), 0) + 1, false)`, [s.sequence]);
        }
      }
      // Last: the files join the evidence directory as the rows commit (removed again below if they do not).
      await evidence.commit();
    });
  } catch (err) {
    await evidence.abort();
    throw err;
  }

  const audit = await verifyAuditChain(db);
  return {
    header, tables: header.tables.map((t) => ({ name: t.name, rows: restored.get(t.name) ?? 0 })), replaced, audit,
    evidence: header.evidence ? evidence.summaries.evidence : null,
    inspectionFiles: header.inspectionFiles ? evidence.summaries.inspectionFile : null,
    applicationFiles: header.applicationFiles ? evidence.summaries.applicationFile : null,
    matterFiles: header.matterFiles ? evidence.summaries.matterFile : null,
  };
}
