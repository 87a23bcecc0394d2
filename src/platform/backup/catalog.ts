// What a backup covers, read from the database itself so a table added by a later
// migration is included without touching this code: every base table of the public
// schema except schema_migrations, its stored (non-generated) columns, its primary key,
// its foreign keys, and the sequences behind serial and identity columns.
import type { Queryable } from '../db';

export interface TableInfo {
  name: string;
  /** Stored columns in table order (generated columns are recomputed, never copied). */
  columns: string[];
  /** Stored json/jsonb columns and their type: written wrapped in a one-element array (format.ts). */
  jsonColumns: { name: string; type: 'json' | 'jsonb' }[];
  /** Primary-key columns and their SQL types, for keyset paging; empty when there is none. */
  primaryKey: { name: string; type: string }[];
  /** Tables this one references (other than itself). */
  parents: string[];
  /** A foreign key to the table itself (organisation tree): rows must be written parents first. */
  selfReference: { columns: string[]; refColumns: string[] } | null;
  /** Has a GENERATED ALWAYS identity column: inserts need OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
  /** Sequences of serial/identity columns, to reset after a restore. */
  sequences: { column: string; sequence: string }[];
}

const EXCLUDED = new Set(['schema_migrations']);

/** Double-quotes an identifier for SQL. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every table to back up, ordered so that referenced tables come before those referencing them. */
export async function readCatalog(db: Queryable): Promise<TableInfo[]> {
  const tables = (await db.query<{ table_name: string }>(
    `SELECT table_name::text AS table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`))
    .map((r) => r.table_name).filter((t) => !EXCLUDED.has(t));

  const columns = await db.query<{ table_name: string; column_name: string; is_generated: string; identity_generation: string | null; data_type: string }>(
    `SELECT table_name::text AS table_name, column_name::text AS column_name, is_generated::text AS is_generated, data_type::text AS data_type,
            identity_generation::text AS identity_generation
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);

  const keys = await db.query<{ table_name: string; column_name: string; type: string }>(
    `SELECT c.relname::text AS table_name, a.attname::text AS column_name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = 'public'
      ORDER BY c.relname, k.ord`);

  const fks = await db.query<{ child: string; parent: string; cols: string[]; ref_cols: string[] }>(
    `SELECT c.relname::text AS child, p.relname::text AS parent,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_cols
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class p ON p.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'
      ORDER BY c.relname, con.conname`);

  const sequences = await db.query<{ table_name: string; column_name: string; seq: string | null }>(
    `SELECT table_name::text AS table_name, column_name::text AS column_name,
            pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`);

  const infos = new Map<string, TableInfo>();
  for (const name of tables) {
    const cols = columns.filter((c) => c.table_name === name);
    const self = fks.filter((f) => f.child === name && f.parent === name);
    if (self.length > 1) throw new Error(`表 ${name} 有多个指向自身的外键，备份暂不支持 / table ${name} has more than one self-reference`);
    infos.set(name, {
      name,
      columns: cols.filter((c) => c.is_generated !== 'ALWAYS').map((c) => c.column_name),
      jsonColumns: cols.filter((c) => c.is_generated !== 'ALWAYS' && (c.data_type === 'json' || c.data_type === 'jsonb'))
        .map((c) => ({ name: c.column_name, type: c.data_type as 'json' | 'jsonb' })),
      primaryKey: keys.filter((k) => k.table_name === name).map((k) => ({ name: k.column_name, type: k.type })),
      parents: [...new Set(fks.filter((f) => f.child === name && f.parent !== name && tables.includes(f.parent)).map((f) => f.parent))],
      selfReference: self.length ? { columns: self[0].cols, refColumns: self[0].ref_cols } : null,
      identityAlways: cols.some((c) => c.identity_generation === 'ALWAYS'),
      sequences: sequences.filter((s) => s.table_name === name && s.seq).map((s) => ({ column: s.column_name, sequence: s.seq! })),
    });
  }
  return orderByDependencies([...infos.values()]);
}

/** Kahn's topological sort, alphabetical among tables that are ready at the same time. */
export function orderByDependencies(tables: TableInfo[]): TableInfo[] {
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  while (remaining.size) {
    const ready = [...remaining.values()].filter((t) => t.parents.every((p) => done.has(p)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (!ready.length) {
      throw new Error(`表之间的外键引用成环，无法确定恢复顺序 / foreign keys form a cycle: ${[...remaining.keys()].join(', ')}`);
    }
    for (const t of ready) {
      out.push(t);
      done.add(t.name);
      remaining.delete(t.name);
    }
  }
  return out;
}
