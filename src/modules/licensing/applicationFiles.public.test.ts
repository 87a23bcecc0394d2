// The applicant's own material files on the portal, through the API on a real database:
// uploaded with the tracking code, listed on the tracking page with the window's files
// (material, size, time, who), downloaded with the code alone (the same bytes, each
// download audited with the applicant as actor), 404 alike for a wrong code and for a
// file of another application, rate-limited with the other look-ups (429 in Chinese);
// and the demo seed's files on the open applications, real rows with real files.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { sm3 } from '../../core/crypto/sm3';
import { PUBLIC_LOOKUPS_PER_MINUTE } from './rateLimit';
import { demoPdf, demoPng, seedApplicationFiles } from '../../seed/applicationFiles';

let env: TestEnv;
let window: Client;

const MATERIALS = [
  { code: 'M1', name: '卫生许可申请书', required: true, replaceable: null },
  { code: 'M2', name: '从业人员健康合格证明', required: true, replaceable: null },
];

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2000), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(400)]);

const publicUpload = (code: string, applicationNo: string, materialCode: string, fileName: string, content: Buffer, ip = '10.6.0.1') => {
  const f = multipartForm({ name: fileName, content }, { applicationNo, materialCode });
  return env.app.inject({ method: 'POST', url: `/api/public/applications/${code}/files`, payload: f.body, headers: f.headers, remoteAddress: ip });
};

const fetchFile = (code: string, fileId: number, ip = '10.6.0.1', query = '') =>
  env.app.inject({ method: 'GET', url: `/api/public/applications/${code}/files/${fileId}${query}`, remoteAddress: ip });

const track = async (code: string, ip = '10.6.0.1') => (await env.app.inject({ method: 'GET', url: `/api/public/applications/${code}`, remoteAddress: ip })).json();

async function register(name: string) {
  const res = await window.post('/api/licensing/applications', { itemCode: 'T-PUBFILE-01', applicantName: name, contactPhone: '13700000021', materials: [{ code: 'M1', provision: 'paper' }] });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().applications[0].id as number, applicationNo: res.json().applications[0].applicationNo as string, code: res.json().trackingCode as string };
}

const auditsOf = (fileId: number) => env.db.query<{ action: string; username: string; user_id: number | null; ip: string | null; after: Record<string, unknown> }>(
  "SELECT action, username, user_id, ip, after FROM audit_log WHERE object_type = 'application_file' AND object_id = $1 ORDER BY id", [String(fileId)]);

beforeAll(async () => {
  env = await setupTestEnv();
  window = await env.as('window');
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  await env.db.query(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, commitment_allowed, deficiency_allowed,
       materials, licence_name, licence_valid_years, published_at)
     VALUES ('T-PUBFILE-01', $1, '测试申请人材料下载许可', 'public_health', 'licence', '《公共场所卫生管理条例》第八条', 20, 5, true, false, true, $2, '测试许可证', 4, now())`,
    [root!.id, JSON.stringify(MATERIALS)]);
}, 60_000);

afterAll(async () => { await env?.close(); });

describe('the applicant’s files on the tracking page', () => {
  let a: { id: number; applicationNo: string; code: string };
  let mine: number;
  let staffs: number;

  beforeAll(async () => {
    a = await register('申请人文件测试甲');
    const up = await publicUpload(a.code, a.applicationNo, 'M2', '健康证明.pdf', PDF);
    expect(up.statusCode, up.body).toBe(200);
    mine = up.json().id;
    const f = multipartForm({ name: '申请书（窗口扫描）.png', content: PNG }, { materialCode: 'M1' });
    const byWindow = await window.post(`/api/licensing/applications/${a.id}/files`, f.body, f.headers);
    expect(byWindow.statusCode, byWindow.body).toBe(200);
    staffs = byWindow.json().id;
  });

  it('lists the applicant’s and the window’s files with material, size, time and who, without digest or storage key', async () => {
    const tracked = await track(a.code);
    const files = tracked.applications[0].files as Record<string, unknown>[];
    expect(files).toEqual([
      { id: mine, materialCode: 'M2', fileName: '健康证明.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, uploadedAt: expect.any(String), byApplicant: true },
      { id: staffs, materialCode: 'M1', fileName: '申请书（窗口扫描）.png', contentType: 'image/png', sizeBytes: PNG.length, uploadedAt: expect.any(String), byApplicant: false },
    ]);
    expect(Date.parse(files[0].uploadedAt as string)).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('downloads its own file with the code: the same bytes, as an attachment, audited with the applicant as actor', async () => {
    const res = await fetchFile(a.code, mine, '10.6.0.2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Number(res.headers['content-length'])).toBe(PDF.length);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('健康证明.pdf'));
    expect(res.headers['cache-control']).toBe('private, no-store');
    // As on upload, no digest for the applicant.
    expect(res.headers['x-file-sm3']).toBeUndefined();
    const audits = await auditsOf(mine);
    expect(audits.map((r) => r.action)).toEqual(['licensing.application.file.add', 'licensing.application.file.download']);
    expect(audits[1]).toMatchObject({ username: 'applicant', user_id: null, ip: '10.6.0.2' });
    expect(audits[1].after).toMatchObject({ applicationId: a.id, applicationNo: a.applicationNo, fileName: '健康证明.pdf', sm3: sm3(PDF) });
  });

  it('opens the window’s file too, inline when asked (a view, audited as one)', async () => {
    const res = await fetchFile(a.code, staffs, '10.6.0.2', '?disposition=inline');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; /);
    expect((await auditsOf(staffs)).map((r) => [r.action, r.username])).toEqual([
      ['licensing.application.file.add', 'window'], ['licensing.application.file.view', 'applicant'],
    ]);
    const bad = await fetchFile(a.code, staffs, '10.6.0.2', '?disposition=open');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('disposition 应为 inline 或 attachment');
  });

  it('answers 404 alike for a wrong code, a file of another application and no such file, and audits nothing', async () => {
    const other = await register('申请人文件测试乙');
    const up = await publicUpload(other.code, other.applicationNo, 'M1', '申请书.pdf', PDF, '10.6.0.3');
    expect(up.statusCode, up.body).toBe(200);
    const theirs = up.json().id as number;
    const wrongCode = 'ABCDEFGHJK' === a.code ? 'ABCDEFGHJM' : 'ABCDEFGHJK';
    const answers = [
      await fetchFile(wrongCode, mine, '10.6.0.3'), // the right file, a wrong code
      await fetchFile(a.code, theirs, '10.6.0.3'), // another application's file under this code
      await fetchFile(a.code, 99_999_999, '10.6.0.3'), // no such file
    ];
    for (const r of answers) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toEqual(answers[0].json());
    }
    expect(answers[0].json().error.message).toBe('该查询码下没有这个材料文件');
    // A code of the wrong shape is refused by the schema.
    const malformed = await fetchFile('abc', mine, '10.6.0.3');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('查询码应为10位字母和数字');
    // Nothing was sent, so nothing audited beyond the uploads and the accesses above.
    expect((await auditsOf(theirs)).map((r) => r.action)).toEqual(['licensing.application.file.add']);
    expect((await auditsOf(mine)).filter((r) => r.action !== 'licensing.application.file.add')).toHaveLength(1);
    // No HEAD: every access sends the file and is audited.
    expect((await env.app.inject({ method: 'HEAD', url: `/api/public/applications/${a.code}/files/${mine}`, remoteAddress: '10.6.0.3' })).statusCode).toBe(404);
  });

  it('a file gone from the disk is a 404 in Chinese, not a crash', async () => {
    const b = await register('申请人文件测试丙');
    const up = await publicUpload(b.code, b.applicationNo, 'M1', '申请书.png', PNG, '10.6.0.4');
    const key = (await env.db.one<{ storage_key: string }>('SELECT storage_key FROM application_files WHERE id = $1', [up.json().id]))!.storage_key;
    fs.rmSync(path.join(env.ctx.config.evidenceDir, key));
    const res = await fetchFile(b.code, up.json().id, '10.6.0.4');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'APPLICATION_FILE_MISSING', message: '材料文件暂时无法下载，请联系办理窗口' });
  });

  it(`is limited with the other tracking look-ups (${PUBLIC_LOOKUPS_PER_MINUTE} a minute an address): then 429 in Chinese; another address still downloads`, async () => {
    const ip = '10.6.9.9';
    for (let i = 0; i < PUBLIC_LOOKUPS_PER_MINUTE; i++) expect((await fetchFile(a.code, mine, ip)).statusCode).toBe(200);
    const refused = await fetchFile(a.code, mine, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^查询过于频繁，请\d+分钟后再试$/);
    // The tracking page itself counts against the same allowance.
    expect((await env.app.inject({ method: 'GET', url: `/api/public/applications/${a.code}`, remoteAddress: ip })).statusCode).toBe(429);
    expect((await fetchFile(a.code, mine, '10.6.9.8')).statusCode).toBe(200);
  });
});

describe('the demo seed’s files', () => {
  interface Seeded { id: number; application_id: number; application_no: string; tracking_code: string; state: string; material_code: string; provision: string; file_name: string; content_type: string; size_bytes: string; sm3: string; storage_key: string; uploader: string }
  let seeded: Seeded[];

  beforeAll(async () => {
    seeded = await env.db.query<Seeded>(
      `SELECT f.id, f.application_id, a.application_no, a.tracking_code, a.state, f.material_code, m->>'provision' AS provision,
              f.file_name, f.content_type, f.size_bytes, f.sm3, f.storage_key, f.uploader
         FROM application_files f JOIN licence_applications a ON a.id = f.application_id
         CROSS JOIN LATERAL jsonb_array_elements(a.materials) m
        WHERE m->>'code' = f.material_code AND f.id::text IN (SELECT object_id FROM audit_log WHERE action = 'licensing.application.file.add' AND username = 'seed')
        ORDER BY f.id`);
  });

  it('attached PDFs and PNGs, by the applicant and by the window, to a handful of open applications', async () => {
    const apps = new Set(seeded.map((f) => f.application_id));
    expect(apps.size).toBeGreaterThanOrEqual(4);
    expect(apps.size).toBeLessThanOrEqual(8);
    expect(seeded.length).toBeLessThanOrEqual(20);
    expect(new Set(seeded.map((f) => f.uploader))).toEqual(new Set(['applicant', 'staff']));
    expect(new Set(seeded.map((f) => f.content_type))).toEqual(new Set(['application/pdf', 'image/png']));
    for (const f of seeded) {
      expect(['submitted', 'correction_requested', 'accepted']).toContain(f.state);
      // Only materials already provided got a file: no application owes less than the seed made it owe.
      expect(f.provision).toBe('paper');
      // The file is where its row says, with the digest and size recorded.
      const bytes = fs.readFileSync(path.join(env.ctx.config.evidenceDir, f.storage_key));
      expect(sm3(bytes), f.file_name).toBe(f.sm3);
      expect(bytes.length).toBe(Number(f.size_bytes));
      expect(f.storage_key).toMatch(new RegExp(`^applications/${f.application_id}/${f.sm3}-[0-9a-f]{16}$`));
    }
    // Every window upload names the window user.
    const staffRows = await env.db.query<{ username: string }>(
      "SELECT u.username FROM application_files f JOIN users u ON u.id = f.uploaded_by WHERE f.id = ANY($1) AND f.uploader = 'staff'", [seeded.map((f) => f.id)]);
    expect(staffRows.length).toBeGreaterThan(0);
    expect(new Set(staffRows.map((r) => r.username))).toEqual(new Set(['window']));
  });

  it('are well-formed: each PDF’s cross-reference table points at its objects, each PNG’s chunks carry their CRC', async () => {
    for (const f of seeded) {
      const bytes = fs.readFileSync(path.join(env.ctx.config.evidenceDir, f.storage_key));
      if (f.content_type === 'application/pdf') expectValidPdf(bytes);
      else expectValidPng(bytes);
    }
    expectValidPdf(demoPdf(['卫生许可申请书', '申请人：测试', 'ABC-123']));
    expectValidPng(demoPng(1));
    expect(demoPng(1).equals(demoPng(2))).toBe(false);
  });

  it('the applicant downloads a seeded file with the application’s tracking code, as on the portal', async () => {
    const f = seeded[0];
    const tracked = await track(f.tracking_code, '10.6.1.1');
    const listed = tracked.applications.flatMap((x: { files: { id: number }[] }) => x.files).map((x: { id: number }) => x.id);
    expect(listed).toContain(f.id);
    const res = await fetchFile(f.tracking_code, f.id, '10.6.1.1');
    expect(res.statusCode, res.body).toBe(200);
    expect(sm3(res.rawPayload)).toBe(f.sm3);
  });

  it('running the step again adds nothing (every open application already has files)', async () => {
    const count = async () => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM application_files'))!.n;
    const before = await count();
    expect(await seedApplicationFiles(env.db, env.ctx.config.evidenceDir)).toBe(0);
    expect(await count()).toBe(before);
  });
});

function expectValidPdf(bytes: Buffer) {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.7\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number);
  expect(first).toBe(0);
  const entries = text.slice(startxref).split('\n').slice(3, 2 + count);
  expect(entries).toHaveLength(count - 1);
  entries.forEach((e, i) => {
    const offset = Number(e.slice(0, 10));
    expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)![1]);
  const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
  expect(text.slice(streamStart + length, streamStart + length + '\nendstream'.length)).toBe('\nendstream');
}

function expectValidPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const types: string[] = [];
  let at = 8;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    types.push(type);
    const crc = bytes.readUInt32BE(at + 8 + length);
    expect(crc, type).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
  }
  expect(at).toBe(bytes.length);
  expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
}

/** CRC-32 as PNG defines it, computed here independently of the seed's. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
