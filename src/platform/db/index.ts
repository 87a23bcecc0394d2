import type { Config } from '../config';
import type { Database } from './types';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type { Database, Queryable, Row } from './types';

/** PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite in dataDir. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(config.dataDir);
}
