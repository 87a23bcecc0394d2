// The one database interface every module uses. Two drivers implement it: PGlite
// (embedded PostgreSQL, the default) and node-postgres (a PostgreSQL server). Queries are
// plain parameterised SQL ($1, $2 …) so the same text runs on both.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<R = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a statement expected to return at most one row. */
  one<R = Row>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /**
   * Runs fn in a transaction. Inside a transaction this simply calls fn with the same
   * transaction, so business actions compose without nesting BEGINs.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Appends rows with `COPY <table> (<columns>) FROM STDIN …`, data being the whole
   * input (for binary format, CopyBinaryRows). Used by bulk loads into an empty table.
   */
  copyFrom(copySql: string, data: Buffer): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}
