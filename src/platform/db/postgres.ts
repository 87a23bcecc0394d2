import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { Database, Queryable, Row } from './types';
import { OID, parseDate, parseInt8, parseNumeric } from './parsers';

const typeParsers: Record<number, (v: string) => unknown> = {
  [OID.DATE]: parseDate,
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: parseNumeric,
};

const customTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const own = typeParsers[oid];
    if (own && format !== 'binary') return own;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

async function copyInto(client: pg.PoolClient | pg.Client, copySql: string, data: Buffer): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFromStdin(copySql)));
}

function clientQueryable(client: pg.PoolClient): Queryable {
  const q: Queryable = {
    async query<R = Row>(text: string, params?: readonly unknown[]) {
      const res = await client.query({ text, values: params as unknown[] | undefined, types: customTypes });
      return res.rows as R[];
    },
    async one<R = Row>(text: string, params?: readonly unknown[]) {
      return (await q.query<R>(text, params))[0];
    },
    transaction: (fn) => fn(q),
    async exec(sql: string) { await client.query(sql); },
    copyFrom: (copySql, data) => copyInto(client, copySql, data),
  };
  return q;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: customTypes });
  // An idle connection the server closes (a restart, an administrator's command, a
  // database dropped after tests) is reported here; the pool discards it and opens a new
  // one for the next query. Unheard, the event would crash the process.
  pool.on('error', (err) => { process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`); });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db: Database = {
    kind: 'postgres',
    async query<R = Row>(text: string, params?: readonly unknown[]) {
      const res = await pool.query({ text, values: params as unknown[] | undefined });
      return res.rows as R[];
    },
    async one<R = Row>(text: string, params?: readonly unknown[]) {
      return (await db.query<R>(text, params))[0];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) { await pool.query(sql); },
    async copyFrom(copySql: string, data: Buffer) {
      const client = await pool.connect();
      try { await copyInto(client, copySql, data); } finally { client.release(); }
    },
    async close() { await pool.end(); },
  };
  return db;
}
