// Loading a table with more rows than it holds (the first load of a province's
// directory: a million entities into an empty table). Maintaining every index row by
// row then costs several times more than building the indexes once at the end: at a
// million entities the search index alone took 45 µs a row, building it afterwards
// 13 s in all. So once such an import has written more rows than the table held when
// it began, the table's secondary indexes and foreign keys are dropped, inside the
// import's transaction, and recreated before it commits; a foreign key re-added is
// checked for all rows in one query. Unique indexes and the primary key stay: they keep
// their guarantees during the load and serve the upsert's ON CONFLICT.
//
// The load locks the table until the commit (dropping an index needs that lock anyway),
// so other users' reads of it wait for the load to finish: acceptable for a load that
// more than doubles the table, which happens when a directory is first filled, not for
// everyday imports. A rejected or failed import rolls the drops back with everything
// else. Under that lock nobody else can add a row, so when the table is empty the load
// may append its rows with COPY instead of upserting them (DeferredIndexes.tableWasEmpty).
import type { Queryable } from '../db';

export interface DeferredIndexes {
  /** The table held no row when it was locked: every row the load writes is new. */
  tableWasEmpty: boolean;
  /** Recreates what was dropped (before the commit). */
  restore(): Promise<void>;
}

/** Rows the table holds: the planner's estimate, or a count when it has never been analysed. */
export async function tableRowCount(tx: Queryable, table: string): Promise<number> {
  const est = await tx.one<{ n: number }>('SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)', [table]);
  if (est && est.n >= 0) return est.n;
  const counted = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return counted?.n ?? 0;
}

/** Locks the table, drops its non-unique indexes and its foreign keys, returning how to recreate them. */
export async function deferIndexes(tx: Queryable, table: string): Promise<DeferredIndexes> {
  await tx.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  const empty = await tx.one<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
  const indexes = await tx.query<{ drop: string; create: string }>(
    `SELECT format('DROP INDEX %s', indexrelid::regclass) AS drop, pg_get_indexdef(indexrelid) AS create
       FROM pg_index WHERE indrelid = to_regclass($1) AND NOT indisunique AND NOT indisprimary`, [table]);
  const foreignKeys = await tx.query<{ drop: string; create: string }>(
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS create
       FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'f'`, [table]);
  const deferred = [...foreignKeys, ...indexes];
  for (const d of deferred) await tx.query(d.drop);
  return {
    tableWasEmpty: empty!.empty,
    async restore() {
      for (const d of deferred) await tx.query(d.create);
    },
  };
}
