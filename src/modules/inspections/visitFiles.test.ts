// The 调阅记录 of an inspection visit's files (photos, the party's signature), as case
// evidence keeps one: every view (inline) and download (download=1, an attachment) of a
// file through GET /api/inspections/visits/:id/files/:fileId is logged with who, when and
// from where (inspection_file_access, and an audit entry), and listed by
// GET …/files/:fileId/access, latest first; outside the scope 404, without
// inspections.read 403, and nothing is logged for a refused, missing or HEAD request.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { todayInChina } from '../../core/calendar/dates';
import { createSm3 } from '../../core/crypto/sm3';

let env: TestEnv;
let inspector1: Client; let inspector2: Client; let inspector3: Client; let leader: Client; let reviewer: Client;
let visitId: number;
let otherVisitId: number;
let photo: { id: number; sm3: string; bytes: Buffer };
let signature: { id: number; sm3: string };

/** A 1×1 PNG, as the signature pad would send it. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SIGNATURE = `data:image/png;base64,${PNG}`;
const sm3Of = (b: Buffer) => createSm3().update(b).digest();

/** Bytes that look like a JPEG. */
function jpeg(seed: number, size = 30_000): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; }
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}

/** A site photo upload with its title. */
function photoForm(title: string, content: Buffer) {
  return multipartForm({ name: '现场照片.jpg', content, contentType: 'image/jpeg' }, { title });
}

const url = (fileId: number, v = visitId) => `/api/inspections/visits/${v}/files/${fileId}`;
const accessRows = async (fileId: number) =>
  (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM inspection_file_access WHERE file_id = $1', [fileId]))!.n;
const auditRows = async (fileId: number) =>
  (await env.db.one<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_log WHERE action IN ('inspection.file.view', 'inspection.file.download') AND object_type = 'inspection_file' AND object_id = $1",
    [String(fileId)]))!.n;

beforeAll(async () => {
  env = await setupTestEnv();
  [inspector1, inspector2, inspector3, leader, reviewer] = await Promise.all(['inspector1', 'inspector2', 'inspector3', 'leader', 'reviewer'].map((u) => env.as(u)));
  const staff = Object.fromEntries((await env.db.query<{ staff_no: string; id: number }>('SELECT staff_no, id FROM inspectors')).map((r) => [r.staff_no, r.id]));
  const entities = await env.db.query<{ id: number }>(
    "SELECT e.id FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'NH-JDS' ORDER BY e.id LIMIT 2");
  // A routine visit of 南湖区 recorded by inspector1 with the party's signature; inspector2 adds a photo.
  const visit = (entityId: number) => ({
    entityId, kind: 'routine', visitedOn: todayInChina(), inspectorIds: [staff['NH-001'], staff['NH-002']], result: 'compliant',
    checkResults: [], signatoryName: '王店长', signature: SIGNATURE,
  });
  const res = await inspector1.post('/api/inspections/visits', visit(entities[0].id));
  if (res.statusCode !== 200) throw new Error(res.body);
  visitId = res.json().id;
  const other = await inspector1.post('/api/inspections/visits', visit(entities[1].id));
  if (other.statusCode !== 200) throw new Error(other.body);
  otherVisitId = other.json().id;
  const bytes = jpeg(3);
  const form = photoForm('门头照片', bytes);
  const up = await inspector2.post(`/api/inspections/visits/${visitId}/files`, form.body, form.headers);
  if (up.statusCode !== 200) throw new Error(up.body);
  photo = { id: up.json().id, sm3: up.json().sm3, bytes };
  const record = (await inspector1.get(`/api/inspections/visits/${visitId}/record`)).json();
  signature = { id: record.signature.id, sm3: record.signature.sm3 };
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('viewing and downloading a visit file (调阅记录)', () => {
  it('has no entries before anyone opens the file', async () => {
    const res = await inspector1.get(`${url(photo.id)}/access`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([]);
  });

  it('shows the photo inline as a view, sends it as an attachment with download=1, and logs both with who and from where', async () => {
    const view = await inspector1.get(url(photo.id));
    expect(view.statusCode, view.body).toBe(200);
    expect(view.rawPayload.equals(photo.bytes)).toBe(true);
    expect(sm3Of(view.rawPayload)).toBe(photo.sm3);
    expect(view.headers['content-type']).toBe('image/jpeg');
    expect(view.headers['content-disposition']).toMatch(/^inline; /);
    expect(view.headers['x-file-sm3']).toBe(photo.sm3);
    expect(view.headers['cache-control']).toContain('no-store');

    const download = await inspector2.get(`${url(photo.id)}?download=1`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.rawPayload.equals(photo.bytes)).toBe(true);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="____.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg`);
    // download=0 is a view, as no flag at all.
    expect((await leader.get(`${url(photo.id)}?download=0`)).headers['content-disposition']).toMatch(/^inline; /);

    const log = await inspector1.get(`${url(photo.id)}/access`);
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json()).toMatchObject([
      { userName: '沈建国', action: 'view', clientAddress: '127.0.0.1' },
      { userName: '俞静', action: 'download', clientAddress: '127.0.0.1' },
      { userName: '徐涛', action: 'view', clientAddress: '127.0.0.1' },
    ]);
    const [latest] = log.json() as { at: string; userId: number }[];
    expect(Date.now() - Date.parse(latest.at)).toBeLessThan(60_000);
    const leaderId = (await env.db.one<{ id: number }>("SELECT id FROM users WHERE username = 'leader'"))!.id;
    expect(latest.userId).toBe(leaderId);
    // Each access is also in the hash-chained audit log.
    expect(await auditRows(photo.id)).toBe(3);
    const audited = await env.db.query<{ action: string; username: string; inspection_id: string }>(
      `SELECT action, username, after->>'inspectionId' AS inspection_id FROM audit_log
        WHERE object_type = 'inspection_file' AND object_id = $1 AND action <> 'inspection.file.add' ORDER BY id`, [String(photo.id)]);
    expect(audited).toEqual([
      { action: 'inspection.file.view', username: 'inspector1', inspection_id: String(visitId) },
      { action: 'inspection.file.download', username: 'inspector2', inspection_id: String(visitId) },
      { action: 'inspection.file.view', username: 'leader', inspection_id: String(visitId) },
    ]);
  });

  it('logs the party’s signature separately from the photos', async () => {
    const before = await accessRows(photo.id);
    const sig = await inspector2.get(url(signature.id));
    expect(sig.statusCode).toBe(200);
    expect(sig.headers['content-type']).toBe('image/png');
    expect(sm3Of(sig.rawPayload)).toBe(signature.sm3);
    const log = (await inspector2.get(`${url(signature.id)}/access`)).json();
    expect(log).toMatchObject([{ userName: '俞静', action: 'view' }]);
    expect(await accessRows(photo.id)).toBe(before);
  });

  it('answers 404 outside the scope or for a file of another visit, 403 without inspections.read, 400 for a bad flag, and logs nothing then', async () => {
    const before = [await accessRows(photo.id), await auditRows(photo.id)];
    for (const u of [url(photo.id), `${url(photo.id)}?download=1`, `${url(photo.id)}/access`]) {
      expect((await inspector3.get(u)).statusCode, u).toBe(404); // another district: as if there were no such visit
      expect((await reviewer.get(u)).statusCode, u).toBe(403);
    }
    expect((await inspector1.get(url(photo.id, otherVisitId))).statusCode).toBe(404);
    expect((await inspector1.get(`${url(photo.id, otherVisitId)}/access`)).statusCode).toBe(404);
    expect((await inspector1.get(url(2_000_000_000))).statusCode).toBe(404);
    const bad = await inspector1.get(`${url(photo.id)}?download=yes`);
    expect(bad.statusCode).toBe(400);
    // A HEAD would send no file: it is not served, so it cannot log an access.
    const head = await inspector1.request('HEAD', url(photo.id));
    expect(head.statusCode).not.toBe(200);
    expect([await accessRows(photo.id), await auditRows(photo.id)]).toEqual(before);
  });

  it('answers 404 for a file missing from the evidence directory, and logs nothing', async () => {
    const form = photoForm('后厨照片', jpeg(4, 2000));
    const up = await inspector1.post(`/api/inspections/visits/${visitId}/files`, form.body, form.headers);
    expect(up.statusCode, up.body).toBe(200);
    const id = up.json().id as number;
    const key = (await env.db.one<{ storage_key: string }>('SELECT storage_key FROM inspection_files WHERE id = $1', [id]))!.storage_key;
    fs.rmSync(path.join(env.ctx.config.evidenceDir, key));
    const res = await inspector1.get(url(id));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('VISIT_FILE_MISSING');
    expect(await accessRows(id)).toBe(0);
    expect((await inspector1.get(`${url(id)}/access`)).json()).toEqual([]);
  });
});
