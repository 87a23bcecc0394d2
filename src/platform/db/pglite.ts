import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable, Row } from './types';
import { parseDate, parseInt8, parseNumeric } from './parsers';

const parsers = {
  [types.DATE]: parseDate,
  [types.INT8]: parseInt8,
  [types.NUMERIC]: parseNumeric,
};

/** PGlite has no client connection to stream to: COPY reads its data from the /dev/blob device. */
function fromBlob(copySql: string): string {
  if (!/ FROM STDIN\b/.test(copySql)) throw new Error(`not a COPY … FROM STDIN statement: ${copySql}`);
  return copySql.replace(/ FROM STDIN\b/, " FROM '/dev/blob'");
}

function asBlob(data: Buffer): Blob {
  // A Buffer's memory is an ArrayBuffer (never shared) for everything this code writes.
  return new Blob([new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.length)]);
}

function wrapTx(tx: Transaction): Queryable {
  const q: Queryable = {
    async query<R = Row>(text: string, params?: readonly unknown[]) {
      const res = await tx.query<R>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async one<R = Row>(text: string, params?: readonly unknown[]) {
      const rows = await q.query<R>(text, params);
      return rows[0];
    },
    transaction: (fn) => fn(q),
    async exec(sql: string) { await tx.exec(sql); },
    async copyFrom(copySql: string, data: Buffer) { await tx.query(fromBlob(copySql), [], { blob: asBlob(data) }); },
  };
  return q;
}

/**
 * Only one process may open a PGlite directory and PGlite itself does not prevent a
 * second one, which corrupts the data. We hold a lock file with our pid.
 */
function takeLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'platform.lock');
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try { process.kill(pid, 0); alive = true; } catch { alive = false; }
    }
    if (alive) {
      throw new Error(`数据目录 ${dataDir} 正被另一个进程（pid ${pid}）使用。The data directory is in use by process ${pid}.`);
    }
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => { try { fs.unlinkSync(lockFile); } catch { /* already gone */ } };
}

/**
 * Opens PGlite on a directory, or in memory when dataDir is undefined (tests).
 * loadDataDir starts from a dump made with dumpPglite (a prepared test database).
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const release = dataDir ? takeLock(dataDir) : () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      extensions: { pg_trgm },
      parsers,
      loadDataDir: options.loadDataDir,
    });
  } catch (err) {
    release();
    throw err;
  }
  const db: Database = {
    kind: 'pglite',
    async query<R = Row>(text: string, params?: readonly unknown[]) {
      const res = await pg.query<R>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async one<R = Row>(text: string, params?: readonly unknown[]) {
      const rows = await db.query<R>(text, params);
      return rows[0];
    },
    transaction: (fn) => pg.transaction((tx) => fn(wrapTx(tx))),
    async exec(sql: string) { await pg.exec(sql); },
    async copyFrom(copySql: string, data: Buffer) { await pg.query(fromBlob(copySql), [], { blob: asBlob(data) }); },
    async close() { await pg.close(); release(); },
  };
  dumps.set(db, () => pg.dumpDataDir('gzip'));
  return db;
}

const dumps = new WeakMap<Database, () => Promise<Blob | File>>();

/** A gzip tarball of a PGlite database's data directory (backups, test templates). */
export async function dumpPglite(db: Database): Promise<Blob> {
  const dump = dumps.get(db);
  if (!dump) throw new Error('not a PGlite database');
  return dump();
}
