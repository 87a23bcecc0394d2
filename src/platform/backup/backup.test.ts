// Backup and restore between PGlite and PostgreSQL. On the PGlite run the seeded copy is
// backed up and restored into a new in-memory PGlite; on the PostgreSQL run (DATABASE_URL)
// the server copy goes into PGlite and, through the CLI, a PGlite backup goes into a new
// server database: both directions a district may need. The seeded copy holds a case with
// evidence uploaded through the API, and an inspection visit with the party's signature
// and a photo taken on the spot (viewed once, so its 调阅记录 has an entry), whose files
// travel in the backup and are restored, checked against their SM3, into a new evidence
// directory; a visit file altered or missing at backup time is reported, not copied.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv, client, type TestEnv } from '../../../test/support/harness';
import { databaseUrlFor } from '../../../test/support/env';
import { multipartForm } from '../../../test/support/multipart';
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
import { BackupError, EVIDENCE_CHUNK_BYTES, gzipLines, readBackupHeader } from './format';
import { createSm3 } from '../../core/crypto/sm3';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { verifyAllEvidence } from '../../modules/evidence/service';
import { run as cliBackup } from '../../cli/backup';
import { run as cliRestore } from '../../cli/restore';
import { run as cliVerifyEvidence } from '../../cli/verifyEvidence';

let env: TestEnv;
let dir: string;
let file: string;
const opened: Database[] = [];
const org: Record<string, number> = {};
/** The evidence uploaded in beforeAll: its bytes and where the source keeps them. */
const evidence: { id: number; sm3: string; storageKey: string; bytes: Buffer }[] = [];
/** The files of the visit recorded in beforeAll (inspection_files): the signature, then the photo. */
const visitFiles: { id: number; kind: 'signature' | 'photo'; sm3: string; storageKey: string; bytes: Buffer }[] = [];
let visitId: number;
/** The demo's files in the seeded copy (the seed's material files of open licence applications, src/seed/applicationFiles.ts). */
let seededKeys: string[] = [];
/** Every file the source's evidence directory holds, as storage keys. */
const allKeys = () => [...[...evidence, ...visitFiles].map((e) => e.storageKey), ...seededKeys].sort();
let sourceEvidenceDir: string;
let newDirs = 0;

/** A new, not yet existing evidence directory for a restore target. */
const newEvidenceDir = () => path.join(dir, `evidence-${++newDirs}`);

/** Bytes that do not compress, different for every seed. */
function randomBytes(seed: number, size: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; }
  return b;
}

/** Every file under a directory (relative paths), to see what a refused restore left behind. */
function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
}

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

async function appOn(db: Database, evidenceDir: string) {
  const ctx = await createContext({ ...loadConfig({}), logLevel: 'silent', seedDemo: false, evidenceDir }, db);
  const app = await buildApp(ctx, MODULES);
  await app.ready();
  return app;
}

beforeAll(async () => {
  env = await setupTestEnv();
  seededKeys = (await env.db.query<{ storage_key: string }>('SELECT storage_key FROM application_files')).map((r) => r.storage_key);
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

  // A penalty case with evidence, uploaded as an inspector would: a photo and a recording
  // several chunks long (its last chunk shorter than the others).
  sourceEvidenceDir = env.ctx.config.evidenceDir;
  const inspector1 = await env.as('inspector1');
  const lead = await inspector1.post('/api/cases', {
    orgId: org['NH-JDS'], source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', leadOn: addDays(todayInChina(), -10), entityId: null,
    partyKind: 'organisation', partyName: '嘉兴市南湖区备份测试诊所', partyCode: null, partyLegalRep: '张某', partyAddress: '嘉兴市南湖区某路1号', partyPhone: null,
    facts: '监督检查发现该诊所未取得医疗机构执业许可证开展诊疗活动',
  });
  if (lead.statusCode !== 200) throw new Error(lead.body);
  const caseId = lead.json().id as number;
  const leader = await env.as('leader');
  const inspectorIds = (await env.db.query<{ id: number }>(
    "SELECT i.id FROM inspectors i JOIN users u ON u.id = i.user_id WHERE u.username IN ('inspector1', 'inspector2') ORDER BY u.username")).map((r) => r.id);
  const filed = await leader.post(`/api/cases/${caseId}/steps/file`, { version: (await leader.get(`/api/cases/${caseId}`)).json().version, input: { inspectorIds } });
  if (filed.statusCode !== 200) throw new Error(filed.body);
  for (const [kind, title, name, type, bytes] of [
    ['photo', '现场照片：诊疗室', '诊疗室.jpg', 'image/jpeg', randomBytes(1, 20_000)],
    ['audio', '询问录音', '询问录音.m4a', 'audio/mp4', randomBytes(2, 2 * EVIDENCE_CHUNK_BYTES + 12_345)],
  ] as const) {
    const form = multipartForm({ name, content: bytes, contentType: type }, { kind, title });
    const res = await inspector1.post(`/api/cases/${caseId}/evidence`, form.body, form.headers);
    if (res.statusCode !== 200) throw new Error(res.body);
    const id = res.json().id as number;
    const { storage_key: storageKey } = (await env.db.one<{ storage_key: string }>('SELECT storage_key FROM case_evidence WHERE id = $1', [id]))!;
    evidence.push({ id, sm3: res.json().sm3, storageKey, bytes });
  }

  // An inspection visit recorded on the phone form: the party's signature, and a photo
  // longer than one chunk added afterwards.
  const staff = Object.fromEntries((await env.db.query<{ staff_no: string; id: number }>('SELECT staff_no, id FROM inspectors')).map((r) => [r.staff_no, r.id]));
  const entityId = (await env.db.one<{ id: number }>('SELECT id FROM entities WHERE org_id = $1 ORDER BY id LIMIT 1', [org['NH-JDS']]))!.id;
  const signaturePng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const visit = await inspector1.post('/api/inspections/visits', {
    entityId, kind: 'routine', visitedOn: todayInChina(), inspectorIds: [staff['NH-001'], staff['NH-002']], result: 'compliant',
    checkResults: [], signatoryName: '王店长', signature: `data:image/png;base64,${signaturePng.toString('base64')}`,
  });
  if (visit.statusCode !== 200) throw new Error(visit.body);
  visitId = visit.json().id;
  const photoBytes = randomBytes(3, EVIDENCE_CHUNK_BYTES + 5_000);
  const form = multipartForm({ name: '门头.jpg', content: photoBytes, contentType: 'image/jpeg' }, { title: '现场照片：门头' });
  const photo = await inspector1.post(`/api/inspections/visits/${visitId}/files`, form.body, form.headers);
  if (photo.statusCode !== 200) throw new Error(photo.body);
  for (const f of await env.db.query<{ id: number; kind: 'signature' | 'photo'; sm3: string; storage_key: string }>(
    'SELECT id, kind, sm3, storage_key FROM inspection_files WHERE inspection_id = $1 ORDER BY id', [visitId])) {
    visitFiles.push({ id: f.id, kind: f.kind, sm3: f.sm3, storageKey: f.storage_key, bytes: f.kind === 'signature' ? signaturePng : photoBytes });
  }
  if (visitFiles.map((f) => f.kind).join() !== 'signature,photo') throw new Error(`unexpected visit files: ${JSON.stringify(visitFiles)}`);
  // Viewed once: the access log (调阅记录) travels too.
  const viewed = await (await env.as('inspector2')).get(`/api/inspections/visits/${visitId}/files/${visitFiles[1].id}`);
  if (viewed.statusCode !== 200) throw new Error(viewed.body);
}, 180_000);

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => {});
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup file', () => {
  it('starts with a header of migrations and tables in dependency order, without generated columns', async () => {
    const s = await backupDatabase(env.db, file, { evidenceDir: sourceEvidenceDir });
    expect(s.bytes).toBeGreaterThan(0);
    const header = await readBackupHeader(file);
    expect(header.format).toBe('hrl-backup/5');
    expect(header.migrations).toEqual(listMigrations().map((m) => m.name));
    const names = header.tables.map((t) => t.name);
    expect(names).not.toContain('schema_migrations');
    for (const t of ['organizations', 'users', 'user_roles', 'roles', 'inspectors', 'audit_log', 'entities', 'sessions', 'inspection_files', 'inspection_file_access']) {
      expect(names).toContain(t);
    }
    const before = (a: string, b: string) => expect(names.indexOf(a), `${a} before ${b}`).toBeLessThan(names.indexOf(b));
    before('organizations', 'users');
    before('users', 'user_roles');
    before('roles', 'user_roles');
    before('users', 'inspectors');
    before('organizations', 'entities');
    before('inspection_files', 'inspection_file_access');
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
      if (!line.startsWith('{"table":')) continue; // a file line
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
    await backupDatabase(env.db, small, { evidenceDir: sourceEvidenceDir, batchSize: 7 });
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

  it('holds every file after the rows, the case evidence then the visit files, in chunks, each ending with its SM3', async () => {
    const header = await readBackupHeader(file);
    expect(header.evidence).toEqual({ files: 2, bytes: evidence.reduce((n, e) => n + e.bytes.length, 0) });
    expect(header.inspectionFiles).toEqual({ files: 2, bytes: visitFiles.reduce((n, e) => n + e.bytes.length, 0) });
    const chunks = new Map<string, Buffer[]>();
    const ends = new Map<string, { sm3: string; size: number }>();
    const order: string[] = [];
    let rowAfterFiles = false;
    let first = true;
    for await (const line of gzipLines(file)) {
      if (first) { first = false; continue; }
      const rec = JSON.parse(line) as { evidence?: number; inspectionFile?: number; chunk?: string; end?: { sm3: string; size: number } };
      const key = rec.evidence !== undefined ? `evidence:${rec.evidence}` : rec.inspectionFile !== undefined ? `inspectionFile:${rec.inspectionFile}` : null;
      // The demo's material files come after these (their kind: applicationFiles.test.ts).
      if (key === null) { if (line.startsWith('{"table":')) rowAfterFiles ||= chunks.size > 0; continue; }
      if (order.at(-1) !== key) order.push(key);
      if (rec.chunk !== undefined) chunks.set(key, [...(chunks.get(key) ?? []), Buffer.from(rec.chunk, 'base64')]);
      if (rec.end) ends.set(key, rec.end);
    }
    expect(rowAfterFiles).toBe(false);
    // Each file's lines together, case evidence first, each kind in id order.
    expect(order).toEqual([...evidence.map((e) => `evidence:${e.id}`), ...visitFiles.map((f) => `inspectionFile:${f.id}`)]);
    for (const [kind, files] of [['evidence', evidence], ['inspectionFile', visitFiles]] as const) {
      for (const e of files) {
        const parts = chunks.get(`${kind}:${e.id}`)!;
        expect(parts.length, `${kind} ${e.id}`).toBe(Math.ceil(e.bytes.length / EVIDENCE_CHUNK_BYTES));
        for (const p of parts.slice(0, -1)) expect(p.length).toBe(EVIDENCE_CHUNK_BYTES);
        expect(Buffer.concat(parts).equals(e.bytes)).toBe(true);
        expect(ends.get(`${kind}:${e.id}`)).toEqual({ sm3: e.sm3, size: e.bytes.length });
      }
    }
    // The visit photo is longer than one chunk.
    expect(chunks.get(`inspectionFile:${visitFiles[1].id}`)!.length).toBe(2);
  });
});

describe('restore', () => {
  let target: Database;
  let targetEvidenceDir: string;

  it('restores every row into a new PGlite database, with a valid audit chain', async () => {
    target = await freshPglite();
    targetEvidenceDir = newEvidenceDir();
    const summary = await restoreDatabase(target, file, { evidenceDir: targetEvidenceDir });
    expect(summary.audit.ok).toBe(true);
    expect(summary.evidence).toEqual({ files: 2, bytes: evidence.reduce((n, e) => n + e.bytes.length, 0), skipped: [] });
    expect(summary.inspectionFiles).toEqual({ files: 2, bytes: visitFiles.reduce((n, e) => n + e.bytes.length, 0), skipped: [] });
    expect(summary.audit.checked).toBe(await tableCount(env.db, 'audit_log'));
    const source = await fingerprint(env.db);
    const copy = await fingerprint(target);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(source).sort());
    for (const t of Object.keys(source)) expect(copy[t], t).toEqual(source[t]);
    expect((await verifyAuditChain(target)).ok).toBe(true);
  }, 120_000);

  it('restores the evidence and visit files byte for byte into the new evidence directory, and verify-evidence finds them intact', async () => {
    for (const e of [...evidence, ...visitFiles]) {
      expect(fs.readFileSync(path.join(targetEvidenceDir, e.storageKey)).equals(e.bytes), e.storageKey).toBe(true);
    }
    // Nothing else: no staging directory left behind.
    expect(filesUnder(targetEvidenceDir)).toEqual(allKeys());
    expect(fs.readdirSync(path.join(targetEvidenceDir, '.incoming'))).toEqual([]);
    const verified = await verifyAllEvidence(target, targetEvidenceDir);
    expect(verified).toMatchObject({ checked: 2, problems: [] });
    // Each visit file on disk has the SM3 its restored row records (and the source's).
    const rows = await target.query<{ id: number; sm3: string; size_bytes: number; storage_key: string }>(
      'SELECT id, sm3, size_bytes, storage_key FROM inspection_files WHERE inspection_id = $1 ORDER BY id', [visitId]);
    expect(rows.map((r) => [r.id, r.sm3, r.storage_key])).toEqual(visitFiles.map((f) => [f.id, f.sm3, f.storageKey]));
    for (const r of rows) {
      const bytes = fs.readFileSync(path.join(targetEvidenceDir, r.storage_key));
      expect(createSm3().update(bytes).digest(), r.storage_key).toBe(r.sm3);
      expect(bytes.length).toBe(Number(r.size_bytes));
    }
  });

  it('lets people sign in and keep working on the restored copy', async () => {
    const app = await appOn(target, targetEvidenceDir);
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
      // The evidence opens from the restored directory.
      const caseId = (await target.one<{ case_id: number }>('SELECT case_id FROM case_evidence WHERE id = $1', [evidence[1].id]))!.case_id;
      const download = await admin.get(`/api/cases/${caseId}/evidence/${evidence[1].id}/content?disposition=attachment`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(evidence[1].bytes)).toBe(true);
      // So does the visit photo, with its SM3; its 调阅记录 kept the source's entry and adds this one.
      const photo = visitFiles[1];
      const shown = await admin.get(`/api/inspections/visits/${visitId}/files/${photo.id}`);
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.headers['x-file-sm3']).toBe(photo.sm3);
      expect(shown.rawPayload.equals(photo.bytes)).toBe(true);
      const log = (await admin.get(`/api/inspections/visits/${visitId}/files/${photo.id}/access`)).json();
      expect(log.map((a: { userName: string; action: string }) => [a.userName, a.action])).toEqual([['系统管理员', 'view'], ['俞静', 'view']]);
      const record = (await admin.get(`/api/inspections/visits/${visitId}/record`)).json();
      expect(record).toMatchObject({ recordIntact: true, signature: { sm3: visitFiles[0].sm3 }, photos: [{ sm3: photo.sm3 }] });
      const verify = (await admin.get('/api/audit/verify')).json();
      expect(verify).toEqual({ ok: true, checked: await tableCount(target, 'audit_log') });
    } finally {
      await app.close();
    }
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    const before = await fingerprint(env.db);
    const sourceFiles = filesUnder(sourceEvidenceDir);
    await expect(restoreDatabase(env.db, file, { evidenceDir: sourceEvidenceDir })).rejects.toThrow(BackupError);
    await expect(restoreDatabase(env.db, file, { evidenceDir: newEvidenceDir() })).rejects.toThrow(/不是空的/);
    expect(await fingerprint(env.db)).toEqual(before);
    expect(filesUnder(sourceEvidenceDir)).toEqual(sourceFiles);
    await expect(restoreDatabase(target, file, { evidenceDir: targetEvidenceDir })).rejects.toThrow(/not empty/);
  });

  it('refuses a target at a different migration, and a damaged file, leaving the target empty', async () => {
    const fresh = await freshPglite();
    const freshEvidence = newEvidenceDir();
    await fresh.query("INSERT INTO schema_migrations (name, checksum) VALUES ('9999_future.sql', 'x')");
    await expect(restoreDatabase(fresh, file, { evidenceDir: freshEvidence })).rejects.toThrow(/9999_future\.sql/);
    await fresh.query("DELETE FROM schema_migrations WHERE name = '9999_future.sql'");

    // Start-up has written the system roles: a failed restore must leave them as they were.
    await createContext({ ...loadConfig({}), logLevel: 'silent', seedDemo: false }, fresh);
    const roles = await tableCount(fresh, 'roles');
    expect(roles).toBeGreaterThan(0);
    const bytes = fs.readFileSync(file);
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(restoreDatabase(fresh, truncated, { evidenceDir: freshEvidence })).rejects.toThrow(/不完整|损坏/);
    expect(await tableCount(fresh, 'organizations')).toBe(0);
    expect(await tableCount(fresh, 'roles')).toBe(roles);
    expect(filesUnder(freshEvidence)).toEqual([]);

    const notBackup = path.join(dir, 'not-a-backup.gz');
    fs.writeFileSync(notBackup, zlib.gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase(fresh, notBackup, { evidenceDir: freshEvidence })).rejects.toThrow(/不是本平台的备份文件/);
    fs.writeFileSync(notBackup, 'plain text, not gzip');
    await expect(restoreDatabase(fresh, notBackup, { evidenceDir: freshEvidence })).rejects.toThrow(BackupError);
    expect(await tableCount(fresh, 'organizations')).toBe(0);
  }, 120_000);
});

/** Writes a copy of a backup with its lines passed through `edit` (null drops a line). */
async function rewrite(from: string, to: string, edit: (line: string, index: number) => string | null): Promise<string> {
  const out: string[] = [];
  let i = 0;
  for await (const line of gzipLines(from)) {
    const l = edit(line, i++);
    if (l !== null) out.push(l);
  }
  fs.writeFileSync(to, zlib.gzipSync(`${out.join('\n')}\n`));
  return to;
}

type EvidenceLine = { evidence: number; chunk?: string; end?: { sm3: string; size: number } };
const evidenceLine = (line: string): EvidenceLine | null => (line.startsWith('{"evidence":') ? JSON.parse(line) as EvidenceLine : null);
type VisitFileLine = { inspectionFile: number; chunk?: string; end?: { sm3: string; size: number } };
const visitFileLine = (line: string): VisitFileLine | null => (line.startsWith('{"inspectionFile":') ? JSON.parse(line) as VisitFileLine : null);
/** A line of the demo's material files (format 4 on), which an older format's copy leaves out. */
const applicationFileLine = (line: string): boolean => line.startsWith('{"applicationFile":');

describe('evidence files in a restore', () => {
  let target: Database;
  let roles: number;

  beforeAll(async () => {
    target = await freshPglite();
    await createContext({ ...loadConfig({}), logLevel: 'silent', seedDemo: false }, target);
    roles = await tableCount(target, 'roles');
  });

  /** The refused restore left the target database and evidence directory as they were. */
  async function nothingRestored(evidenceDir: string) {
    expect(await tableCount(target, 'organizations')).toBe(0);
    expect(await tableCount(target, 'case_evidence')).toBe(0);
    expect(await tableCount(target, 'inspection_files')).toBe(0);
    expect(await tableCount(target, 'roles')).toBe(roles);
    expect(filesUnder(evidenceDir)).toEqual([]);
  }

  it('refuses a backup whose file bytes were changed, even with a matching end line, and restores nothing', async () => {
    const audio = evidence[1];
    // One bit of the recording's second chunk flipped; with recomputeEnd, its end line made to match.
    const changed = (recomputeEnd: boolean) => {
      const hasher = createSm3();
      let chunk = 0;
      return (line: string) => {
        const rec = evidenceLine(line);
        if (!rec || rec.evidence !== audio.id) return line;
        if (rec.chunk !== undefined) {
          const bytes = Buffer.from(rec.chunk, 'base64');
          if (chunk++ === 1) bytes[1000] ^= 0x01;
          hasher.update(bytes);
          return JSON.stringify({ evidence: rec.evidence, chunk: bytes.toString('base64') });
        }
        return rec.end && recomputeEnd ? JSON.stringify({ evidence: rec.evidence, end: { sm3: hasher.digest(), size: rec.end.size } }) : line;
      };
    };
    for (const recompute of [false, true]) {
      const tampered = await rewrite(file, path.join(dir, `tampered-${recompute}.jsonl.gz`), changed(recompute));
      const evidenceDir = newEvidenceDir();
      const refused = restoreDatabase(target, tampered, { evidenceDir });
      await expect(refused).rejects.toThrow(BackupError);
      await expect(refused).rejects.toThrow(new RegExp(`证据文件 #${audio.id}.*SM3 摘要或大小不一致.*未恢复任何数据`));
      await nothingRestored(evidenceDir);
    }
  }, 120_000);

  it('refuses a backup whose visit photo was changed, even with a matching end line, and restores nothing', async () => {
    const photo = visitFiles[1];
    for (const recomputeEnd of [false, true]) {
      const hasher = createSm3();
      const tampered = await rewrite(file, path.join(dir, `tampered-visit-${recomputeEnd}.jsonl.gz`), (line) => {
        const rec = visitFileLine(line);
        if (!rec || rec.inspectionFile !== photo.id) return line;
        if (rec.chunk !== undefined) {
          const bytes = Buffer.from(rec.chunk, 'base64');
          bytes[77] ^= 0x80;
          hasher.update(bytes);
          return JSON.stringify({ inspectionFile: rec.inspectionFile, chunk: bytes.toString('base64') });
        }
        return rec.end && recomputeEnd ? JSON.stringify({ inspectionFile: rec.inspectionFile, end: { sm3: hasher.digest(), size: rec.end.size } }) : line;
      });
      const evidenceDir = newEvidenceDir();
      const refused = restoreDatabase(target, tampered, { evidenceDir });
      await expect(refused).rejects.toThrow(BackupError);
      await expect(refused).rejects.toThrow(new RegExp(`检查记录文件 #${photo.id}（inspections/${visitId}/.*）与登记的 SM3 摘要或大小不一致.*未恢复任何数据`));
      await nothingRestored(evidenceDir);
    }
  }, 120_000);

  it('refuses a backup with a file left out, made longer, or stored outside the directory', async () => {
    const [photo, audio] = evidence;
    const cases: [string, (line: string) => string | null, RegExp][] = [
      ['without-file', (l) => (evidenceLine(l)?.evidence === photo.id ? null : l), /备份中有 1 件证据文件，而证据登记记录为 2 件/],
      ['without-end', (l) => (evidenceLine(l)?.evidence === audio.id && evidenceLine(l)!.end ? null : l), new RegExp(`证据文件 #${audio.id} 不完整`)],
      ['longer', (l) => {
        const rec = evidenceLine(l);
        return rec?.evidence === photo.id && rec.end ? `${JSON.stringify({ evidence: photo.id, chunk: 'AAAA' })}\n${l}` : l;
      }, new RegExp(`证据文件 #${photo.id}.*不一致`)],
      ['escaping', (l) => {
        if (!l.startsWith('{"table":"case_evidence"')) return l;
        const rec = JSON.parse(l) as { table: string; row: { id: number; storage_key: string } };
        if (rec.row.id === photo.id) rec.row.storage_key = `../../escaped-${photo.sm3}`;
        return JSON.stringify(rec);
      }, /不在证据目录内/],
      // The same for the visit files.
      ['without-visit-file', (l) => (visitFileLine(l)?.inspectionFile === visitFiles[0].id ? null : l), /备份中有 1 件检查记录文件，而检查记录文件登记记录为 2 件/],
      ['without-visit-end', (l) => (visitFileLine(l)?.inspectionFile === visitFiles[1].id && visitFileLine(l)!.end ? null : l),
        new RegExp(`检查记录文件 #${visitFiles[1].id} 不完整`)],
      ['visit-escaping', (l) => {
        if (!l.startsWith('{"table":"inspection_files"')) return l;
        const rec = JSON.parse(l) as { table: string; row: { id: number; storage_key: string } };
        if (rec.row.id === visitFiles[1].id) rec.row.storage_key = `inspections/../../../escaped-${visitFiles[1].sm3}`;
        return JSON.stringify(rec);
      }, /检查记录文件（现场照片、签名） #\d+ 的存储位置 .* 不在证据目录内/],
      // A visit file named as a case's evidence file: both would write one file.
      ['visit-same-key', (l) => {
        if (!l.startsWith('{"table":"inspection_files"')) return l;
        const rec = JSON.parse(l) as { table: string; row: { id: number; storage_key: string } };
        if (rec.row.id === visitFiles[0].id) rec.row.storage_key = audio.storageKey;
        return JSON.stringify(rec);
      }, /与另一文件重复/],
      // The visit files before the case evidence: out of order.
      ['visit-files-first', (() => {
        const held: string[] = [];
        return (l: string) => {
          if (evidenceLine(l)) { held.push(l); return null; }
          if (visitFileLine(l) && visitFileLine(l)!.inspectionFile === visitFiles[1].id && visitFileLine(l)!.end) return [l, ...held].join('\n');
          return l;
        };
      })(), /重复或顺序错乱/],
    ];
    for (const [name, edit, message] of cases) {
      const tampered = await rewrite(file, path.join(dir, `${name}.jsonl.gz`), edit);
      const evidenceDir = newEvidenceDir();
      await expect(restoreDatabase(target, tampered, { evidenceDir }), name).rejects.toThrow(message);
      await nothingRestored(evidenceDir);
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('escaped-'))).toEqual([]);
  }, 120_000);

  it('refuses an evidence directory that is not empty, before changing anything', async () => {
    const evidenceDir = newEvidenceDir();
    fs.mkdirSync(path.join(evidenceDir, '17'), { recursive: true });
    fs.writeFileSync(path.join(evidenceDir, '17', 'old-file'), 'x');
    await expect(restoreDatabase(target, file, { evidenceDir })).rejects.toThrow(/目标证据目录 .* 不是空的（已有 1 项）/);
    expect(filesUnder(evidenceDir)).toEqual([path.join('17', 'old-file')]);
    expect(await tableCount(target, 'organizations')).toBe(0);
  });

  it('still restores a format-1 backup (rows only), whose evidence directory is copied by hand', async () => {
    const v1 = await rewrite(file, path.join(dir, 'format-1.jsonl.gz'), (line, i) => {
      if (i === 0) {
        const { evidence: _, inspectionFiles: __, applicationFiles: ___, ...h } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify({ ...h, format: 'hrl-backup/1' });
      }
      return evidenceLine(line) || visitFileLine(line) || applicationFileLine(line) ? null : line;
    });
    const evidenceDir = newEvidenceDir();
    const summary = await restoreDatabase(target, v1, { evidenceDir });
    expect(summary.evidence).toBeNull();
    expect(summary.inspectionFiles).toBeNull();
    expect(await tableCount(target, 'case_evidence')).toBe(2);
    expect(await tableCount(target, 'inspection_files')).toBe(2);
    expect(filesUnder(evidenceDir)).toEqual([]);
    expect((await verifyAllEvidence(target, evidenceDir)).problems.map((p) => p.result)).toEqual(['missing', 'missing']);
  }, 120_000);

  it('still restores a format-2 backup (case evidence files only), whose visit files are copied by hand', async () => {
    const v2 = await rewrite(file, path.join(dir, 'format-2.jsonl.gz'), (line, i) => {
      if (i === 0) {
        const { inspectionFiles: _, applicationFiles: __, ...h } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify({ ...h, format: 'hrl-backup/2' });
      }
      return visitFileLine(line) || applicationFileLine(line) ? null : line;
    });
    const db = await freshPglite();
    const evidenceDir = newEvidenceDir();
    const summary = await restoreDatabase(db, v2, { evidenceDir });
    expect(summary.evidence).toMatchObject({ files: 2, skipped: [] });
    expect(summary.inspectionFiles).toBeNull();
    expect(await tableCount(db, 'inspection_files')).toBe(2);
    expect(filesUnder(evidenceDir)).toEqual(evidence.map((e) => e.storageKey).sort());
    // A format-2 file carrying visit file lines anyway is refused.
    const mixed = await rewrite(file, path.join(dir, 'format-2-mixed.jsonl.gz'), (line, i) => {
      if (i !== 0) return line;
      const { inspectionFiles: _, ...h } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ ...h, format: 'hrl-backup/2' });
    });
    const empty = await freshPglite();
    const mixedDir = newEvidenceDir();
    await expect(restoreDatabase(empty, mixed, { evidenceDir: mixedDir })).rejects.toThrow(/旧格式备份中不应有检查记录文件/);
    expect(await tableCount(empty, 'inspection_files')).toBe(0);
    expect(filesUnder(mixedDir)).toEqual([]);
  }, 120_000);

  it('leaves out a file that was missing or altered at backup time, reports it, and restores the rest', async () => {
    const copy = await freshPglite();
    const copyDir = newEvidenceDir();
    await restoreDatabase(copy, file, { evidenceDir: copyDir });
    const [photo, audio] = evidence;
    const altered = Buffer.from(photo.bytes);
    altered[5] ^= 0xff; // same size: found out only by the digest, after its chunks were written
    fs.writeFileSync(path.join(copyDir, photo.storageKey), altered);
    fs.rmSync(path.join(copyDir, audio.storageKey));
    // The same for the visit: its photo altered in its second chunk (same size), its signature gone.
    const [signature, visitPhoto] = visitFiles;
    const alteredPhoto = Buffer.from(visitPhoto.bytes);
    alteredPhoto[EVIDENCE_CHUNK_BYTES + 10] ^= 0x01;
    fs.writeFileSync(path.join(copyDir, visitPhoto.storageKey), alteredPhoto);
    fs.rmSync(path.join(copyDir, signature.storageKey));
    const damaged = path.join(dir, 'damaged-source.jsonl.gz');
    const backup = await backupDatabase(copy, damaged, { evidenceDir: copyDir });
    expect(backup.evidence).toEqual({
      files: 0, bytes: 0,
      skipped: [{ id: photo.id, storageKey: photo.storageKey, reason: 'altered' }, { id: audio.id, storageKey: audio.storageKey, reason: 'missing' }],
    });
    expect(backup.inspectionFiles).toEqual({
      files: 0, bytes: 0,
      skipped: [
        { id: signature.id, storageKey: signature.storageKey, reason: 'missing' },
        { id: visitPhoto.id, storageKey: visitPhoto.storageKey, reason: 'altered' },
      ],
    });
    // The backup records them as skipped (after the altered photo's chunks, which a restore discards).
    const skippedLines: string[] = [];
    for await (const line of gzipLines(damaged)) if (visitFileLine(line) && line.includes('"skipped"')) skippedLines.push(line);
    expect(skippedLines).toEqual([
      `{"inspectionFile":${signature.id},"skipped":"missing"}`, `{"inspectionFile":${visitPhoto.id},"skipped":"altered"}`,
    ]);

    const restored = await freshPglite();
    const restoredDir = newEvidenceDir();
    const summary = await restoreDatabase(restored, damaged, { evidenceDir: restoredDir });
    expect(summary.evidence).toEqual(backup.evidence);
    expect(summary.inspectionFiles).toEqual(backup.inspectionFiles);
    // The altered bytes are not restored: nothing that differs from its record is written (the demo's intact files are).
    expect(filesUnder(restoredDir)).toEqual([...seededKeys].sort());
    const verified = await verifyAllEvidence(restored, restoredDir);
    expect(verified.problems.map((p) => [p.id, p.result])).toEqual([[photo.id, 'missing'], [audio.id, 'missing']]);
    // The restored visit answers that its photo is missing rather than sending other bytes.
    const app = await appOn(restored, restoredDir);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector1', password: DEMO_PASSWORD } });
      const setCookie = login.headers['set-cookie'];
      const inspector = client(app, (Array.isArray(setCookie) ? setCookie[0] : setCookie!).split(';')[0]);
      const res = await inspector.get(`/api/inspections/visits/${visitId}/files/${visitPhoto.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('VISIT_FILE_MISSING');
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('npm run cli -- backup / restore', () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, EVIDENCE_DIR: process.env.EVIDENCE_DIR };
  let dropServerDb: (() => Promise<void>) | undefined;

  afterAll(async () => {
    process.env.DATA_DIR = saved.DATA_DIR;
    process.env.DATABASE_URL = saved.DATABASE_URL;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
    if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    process.env.EVIDENCE_DIR = saved.EVIDENCE_DIR;
    if (saved.EVIDENCE_DIR === undefined) delete process.env.EVIDENCE_DIR;
    await dropServerDb?.();
  });

  it('restores into a new database (PGlite directory, or a new server database), backs it up again, and refuses a second restore', async () => {
    // The source of this round: a PGlite copy (so the server run also covers PGlite → PostgreSQL).
    const pgliteCopy = await freshPglite();
    const copyEvidence = newEvidenceDir();
    await restoreDatabase(pgliteCopy, file, { evidenceDir: copyEvidence });
    const fromPglite = path.join(dir, 'from-pglite.jsonl.gz');
    await backupDatabase(pgliteCopy, fromPglite, { evidenceDir: copyEvidence });
    // The commands use EVIDENCE_DIR: a new directory (never ./data/evidence, on the server run too).
    const cliEvidence = newEvidenceDir();
    process.env.EVIDENCE_DIR = cliEvidence;

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
      expect(log.mock.calls.flat().join('\n')).toContain('已恢复 2 件证据文件');
      expect(log.mock.calls.flat().join('\n')).toContain('已恢复 2 件检查记录文件');
      for (const e of [...evidence, ...visitFiles]) expect(fs.readFileSync(path.join(cliEvidence, e.storageKey)).equals(e.bytes)).toBe(true);

      const again = path.join(dir, 'again.jsonl.gz');
      expect(await cliBackup([again])).toBe(0);
      const original = await readBackupHeader(fromPglite);
      const copy = await readBackupHeader(again);
      expect(copy.source).toBe(serverUrl ? 'postgres' : 'pglite');
      expect(copy.tables).toEqual(original.tables);
      expect(copy.evidence).toEqual(original.evidence);
      expect(copy.inspectionFiles).toEqual(original.inspectionFiles);
      expect(log.mock.calls.flat().join('\n')).toMatch(/和 2 件证据文件.*、2 件检查记录文件/);
      // After the second backup: the check records its results (rows the backup would otherwise differ by).
      expect(await cliVerifyEvidence()).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('证据完整：2 件');

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
  }, 120_000);
});
