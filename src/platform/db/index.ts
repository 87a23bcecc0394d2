import type { Config } from '../config';
import type { Database } from './types';

export type { Database, Queryable, Row } from './types';

/**
 * PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite in dataDir.
 * Each driver is imported only when chosen: PGlite's module alone adds about 55 MB to
 * a process that talks to a server (measured on the import CLI).
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return (await import('./postgres')).openPostgres(config.databaseUrl);
  return (await import('./pglite')).openPglite(config.dataDir);
}
