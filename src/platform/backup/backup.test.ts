// Backup and restore between PGlite and PostgreSQL. On the PGlite run the seeded copy is
// backed up and restored into a new in-memory PGlite; on the PostgreSQL run (DATABASE_URL)
// the server copy goes into PGlite and, through the CLI, a PGlite backup goes into a new
// server database: both directions a district may need.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv, client, type TestEnv } from '../../../test/support/harness';
import { databaseUrlFor } from '../../../test/support/env';
import { openPglite } from '../db/pglite';
import { migrate, listMigrations } from '../db/migrate';
import type { Database, Queryable } from '../db';
import { createContext } from '../bootstrap';
import { loadConfig } from '../config';
import { buildApp } from '../http/app';
import { MODULES } from '../../modules';
import { DEMO_PASSWORD } from '../../seed/demo';
import { verifyAuditChain } from '../audit/audit';
import { readCatalog } from './catalog';
import { backupDatabase } from './backup';
import { restoreDatabase } from './restore';
import { BackupError, gzipLines, readBackupHeader } from './format';
import { run as cliBackup } from '../../cli/backup';
import { run as cliRestore } from '../../cli/restore';

let env: TestEnv;
let dir: string;
let file: string;
const opened: Database[] = [];
const org: Record<string, number> = {};

async function freshPglite(): Promise<Database> {
  const db = await openPglite(undefined);
  opened.push(db);
  await migrate(db);
  return db;
}

const tableCount = async (db: Queryable, table: string) =>
  Number((await db.one<{ n: number }>(`SELECT count(*)::bigint AS n FROM "${table}"`))!.n);

/** Every table's row count and a digest of its full content (generated columns included), in key order. */
async function fingerprint(db: Database): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  const catalog = await readCatalog(db);
  await db.transaction(async (tx) => {
    await tx.query("SET LOCAL TimeZone = 'UTC'");
    for (const t of catalog) {
      const order = t.primaryKey.map((k) => `t."${k.name}"`).join(', ') || 't::text';
      const row = await tx.one<{ n: number; digest: string | null }>(
        `SELECT count(*)::bigint AS n, md5(string_agg(t::text, E'\\n' ORDER BY ${order})) AS digest FROM "${t.name}" t`);
      out[t.name] = { rows: Number(row!.n), digest: row!.digest ?? '' };
    }
  });
  return out;
}

async function appOn(db: Database) {
  const ctx = await createContext({ ...loadConfig({}), logLevel: 'silent', seedDemo: false }, db);
  const app = await buildApp(ctx, MODULES);
  await app.ready();
  return app;
}

beforeAll(async () => {
  env = await setupTestEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-backup-'));
  file = path.join(dir, 'seeded.jsonl.gz');
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
  // Give the tree a parent whose id is higher than its child's (an organisation moved
  // under one created later): restoring rows in id order would break the reference.
  const admin = await env.as('admin');
  const early = (await admin.post('/api/orgs', { code: 'BK-EARLY', name: '先建机构', parentId: org['NH-WJJ'], regionCode: '330402', kind: 'other', population: null })).json();
  const late = (await admin.post('/api/orgs', { code: 'BK-LATE', name: '后建机构', parentId: org['JX-WJW'], regionCode: '330400', kind: 'other', population: 1000 })).json();
  const moved = await admin.put(`/api/orgs/${early.id}`, { code: 'BK-EARLY', name: '先建机构', parentId: late.id, regionCode: '330402', kind: 'other', population: null });
  if (moved.statusCode !== 200) throw new Error(moved.body);
  // A local rule value (jsonb) and a legacy code exception, so every kind of column has data.
  await (await env.as('legal')).put(`/api/rules/staff.inspectors_per_10k_target/orgs/${org['NH-WJJ']}`, { value: 1.25, note: '备份测试' });
  await env.db.query("INSERT INTO uscc_exceptions (code, reason) VALUES ('91350100M000100Y4Q', '备份测试')");
}, 180_000);

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => {});
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup file', () => {
  it('starts with a header of migrations and tables in dependency order, without generated columns', async () => {
    const s = await backupDatabase(env.db, file);
    expect(s.bytes).toBeGreaterThan(0);
    const header = await readBackupHeader(file);
    expect(header.format).toBe('hrl-backup/1');
    expect(header.migrations).toEqual(listMigrations().map((m) => m.name));
    const names = header.tables.map((t) => t.name);
    expect(names).not.toContain('schema_migrations');
    for (const t of ['organizations', 'users', 'user_roles', 'roles', 'inspectors', 'audit_log', 'entities', 'sessions']) expect(names).toContain(t);
    const before = (a: string, b: string) => expect(names.indexOf(a), `${a} before ${b}`).toBeLessThan(names.indexOf(b));
    before('organizations', 'users');
    before('users', 'user_roles');
    before('roles', 'user_roles');
    before('users', 'inspectors');
    before('organizations', 'entities');
    const entities = header.tables.find((t) => t.name === 'entities')!;
    expect(entities.columns).not.toContain('search_text');
    // search_keys is stored data (computed by the application), so it travels.
    expect(entities.columns).toContain('search_keys');
    expect(entities.columns).toContain('uscc');
    // json/jsonb columns are wrapped so that JSON null and SQL NULL stay apart.
    expect(header.tables.find((t) => t.name === 'audit_log')!.wrapped.sort()).toEqual(['after', 'before']);
    for (const t of header.tables) expect(t.rows, t.name).toBe(await tableCount(env.db, t.name));
  });

  it('holds one tagged line per row, parents of the organisation tree first', async () => {
    const seen = new Map<string, number>();
    const orgOrder: number[] = [];
    const parentOf = new Map<number, number | null>();
    let first = true;
    for await (const line of gzipLines(file)) {
      if (first) { first = false; continue; }
      const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
      seen.set(table, (seen.get(table) ?? 0) + 1);
      if (table === 'organizations') {
        orgOrder.push(row.id as number);
        parentOf.set(row.id as number, row.parent_id as number | null);
      }
      if (table === 'entities') expect(row).not.toHaveProperty('search_text');
    }
    for (const [table, n] of seen) expect(n, table).toBe(await tableCount(env.db, table));
    for (const id of orgOrder) {
      const parent = parentOf.get(id);
      if (parent !== null && parent !== undefined) expect(orgOrder.indexOf(parent), `parent of ${id}`).toBeLessThan(orgOrder.indexOf(id));
    }
  });

  it('writes the same rows whatever the batch size (keyset paging does not skip or repeat)', async () => {
    const small = path.join(dir, 'small-batches.jsonl.gz');
    await backupDatabase(env.db, small, { batchSize: 7 });
    const body = async (f: string) => {
      const lines: string[] = [];
      for await (const l of gzipLines(f)) lines.push(l);
      return lines.slice(1);
    };
    const a = await body(file);
    const b = await body(small);
    expect(b.length).toBe(a.length);
    expect(crypto.createHash('sha256').update(b.join('\n')).digest('hex')).toBe(crypto.createHash('sha256').update(a.join('\n')).digest('hex'));
  });
});

describe('restore', () => {
  let target: Database;

  it('restores every row into a new PGlite database, with a valid audit chain', async () => {
    target = await freshPglite();
    const summary = await restoreDatabase(target, file);
    expect(summary.audit.ok).toBe(true);
    expect(summary.audit.checked).toBe(await tableCount(env.db, 'audit_log'));
    const source = await fingerprint(env.db);
    const copy = await fingerprint(target);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(source).sort());
    for (const t of Object.keys(source)) expect(copy[t], t).toEqual(source[t]);
    expect((await verifyAuditChain(target)).ok).toBe(true);
  });

  it('lets people sign in and keep working on the restored copy', async () => {
    const app = await appOn(target);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: DEMO_PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'wrong-Pass1' } });
      expect(bad.statusCode).toBe(401);
      const adminLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      const setCookie = adminLogin.headers['set-cookie'];
      const admin = client(app, (Array.isArray(setCookie) ? setCookie[0] : setCookie!).split(';')[0]);
      // New rows take ids after the restored ones (sequences were reset).
      const maxOrg = (await target.one<{ id: number }>('SELECT max(id) AS id FROM organizations'))!.id;
      const created = await admin.post('/api/orgs', { code: 'AFTER-RESTORE', name: '恢复后新建', parentId: org['NH-WJJ'], regionCode: '330402', kind: 'other', population: null });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json().id).toBe(maxOrg + 1);
      const search = await admin.get(`/api/orgs?q=${encodeURIComponent('后建')}`);
      expect(search.json().map((o: { code: string }) => o.code)).toContain('BK-LATE');
      // The chain continues from the restored entries.
      const verify = (await admin.get('/api/audit/verify')).json();
      expect(verify).toEqual({ ok: true, checked: await tableCount(target, 'audit_log') });
    } finally {
      await app.close();
    }
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    const before = await fingerprint(env.db);
    await expect(restoreDatabase(env.db, file)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(env.db, file)).rejects.toThrow(/不是空的/);
    expect(await fingerprint(env.db)).toEqual(before);
    await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty/);
  });

  it('refuses a target at a different migration, and a damaged file, leaving the target empty', async () => {
    const fresh = await freshPglite();
    await fresh.query("INSERT INTO schema_migrations (name, checksum) VALUES ('9999_future.sql', 'x')");
    await expect(restoreDatabase(fresh, file)).rejects.toThrow(/9999_future\.sql/);
    await fresh.query("DELETE FROM schema_migrations WHERE name = '9999_future.sql'");

    // Start-up has written the system roles: a failed restore must leave them as they were.
    await createContext({ ...loadConfig({}), logLevel: 'silent', seedDemo: false }, fresh);
    const roles = await tableCount(fresh, 'roles');
    expect(roles).toBeGreaterThan(0);
    const bytes = fs.readFileSync(file);
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(restoreDatabase(fresh, truncated)).rejects.toThrow(/不完整|损坏/);
    expect(await tableCount(fresh, 'organizations')).toBe(0);
    expect(await tableCount(fresh, 'roles')).toBe(roles);

    const notBackup = path.join(dir, 'not-a-backup.gz');
    fs.writeFileSync(notBackup, zlib.gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase(fresh, notBackup)).rejects.toThrow(/不是本平台的备份文件/);
    fs.writeFileSync(notBackup, 'plain text, not gzip');
    await expect(restoreDatabase(fresh, notBackup)).rejects.toThrow(BackupError);
    expect(await tableCount(fresh, 'organizations')).toBe(0);
  });
});

describe('npm run cli -- backup / restore', () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let dropServerDb: (() => Promise<void>) | undefined;

  afterAll(async () => {
    process.env.DATA_DIR = saved.DATA_DIR;
    process.env.DATABASE_URL = saved.DATABASE_URL;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
    if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    await dropServerDb?.();
  });

  it('restores into a new database (PGlite directory, or a new server database), backs it up again, and refuses a second restore', async () => {
    // The source of this round: a PGlite copy (so the server run also covers PGlite → PostgreSQL).
    const pgliteCopy = await freshPglite();
    await restoreDatabase(pgliteCopy, file);
    const fromPglite = path.join(dir, 'from-pglite.jsonl.gz');
    await backupDatabase(pgliteCopy, fromPglite);

    const serverUrl = saved.DATABASE_URL;
    if (serverUrl) {
      const name = `hrl_restore_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      dropServerDb = async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
      process.env.DATABASE_URL = databaseUrlFor(serverUrl, name);
    } else {
      process.env.DATA_DIR = path.join(dir, 'cli-data');
    }

    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await cliRestore([fromPglite])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('审计日志完整');

      const again = path.join(dir, 'again.jsonl.gz');
      expect(await cliBackup([again])).toBe(0);
      const original = await readBackupHeader(fromPglite);
      const copy = await readBackupHeader(again);
      expect(copy.source).toBe(serverUrl ? 'postgres' : 'pglite');
      expect(copy.tables).toEqual(original.tables);

      error.mockClear();
      expect(await cliRestore([fromPglite])).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toMatch(/不是空的.*\n.*not empty/s);
      expect(await cliRestore([path.join(dir, 'no-such-file.gz')])).toBe(1);
      expect(await cliRestore([])).toBe(2);
      expect(await cliBackup([])).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
