// Migrations are numbered SQL files in ./migrations, applied in name order, each in its
// own transaction, recorded in schema_migrations with a checksum so an edited migration
// that was already applied is detected instead of silently ignored.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Database } from './types';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Arbitrary constant: serialises concurrent app processes migrating one server database.
const MIGRATION_LOCK_KEY = 727_001;

export interface MigrationResult { applied: string[] }

export function listMigrations(): { name: string; sql: string; checksum: string }[] {
  return fs.readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(db: Database): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const done = new Map((await tx.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations')).map((r) => [r.name, r.checksum]));
    for (const m of listMigrations()) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) throw new Error(`迁移 ${m.name} 已执行但内容被修改 (checksum mismatch)`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      applied.push(m.name);
    }
  });
  return { applied };
}
