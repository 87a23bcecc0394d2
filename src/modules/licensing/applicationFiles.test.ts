// Files attached to application materials, through the API on a real database: the
// window and the applicant (tracking code) upload; the SM3 digest is stored and the file
// kept under the evidence directory; wrong types, forged contents, empty and oversized
// files and too many files are refused in Chinese; a file provides its material, so
// acceptance (art. 32) passes once the last required material has one; staff in scope
// view and download (audited), others get 404 or 403; the applicant sees the names and
// downloads with the code (applicationFiles.public.test.ts);
// a backup carries the files and a restore into an empty database puts them back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { sm3 } from '../../core/crypto/sm3';
import { openPglite } from '../../platform/db/pglite';
import { migrate } from '../../platform/db/migrate';
import { backupDatabase } from '../../platform/backup/backup';
import { restoreDatabase } from '../../platform/backup/restore';
import { readBackupHeader } from '../../platform/backup/format';
import { MAX_APPLICATION_FILE_BYTES, MAX_FILES_PER_MATERIAL } from './applicationFiles';

let env: TestEnv;
let window: Client;
let leader: Client;
let inspector: Client;
let office: Client;
let dir: string;

const MATERIALS = [
  { code: 'M1', name: '卫生许可申请书', required: true, replaceable: null },
  { code: 'M2', name: '从业人员健康合格证明', required: true, replaceable: null },
  { code: 'M3', name: '卫生检测报告', required: false, replaceable: null },
];

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(500)]);
const OFD = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(400)]);

async function staffUpload(who: Client, id: number, materialCode: string, fileName: string, content: Buffer) {
  const f = multipartForm({ name: fileName, content }, { materialCode });
  return who.post(`/api/licensing/applications/${id}/files`, f.body, f.headers);
}

async function publicUpload(code: string, applicationNo: string, materialCode: string, fileName: string, content: Buffer, ip = '10.7.7.7') {
  const f = multipartForm({ name: fileName, content }, { applicationNo, materialCode });
  return env.app.inject({ method: 'POST', url: `/api/public/applications/${code}/files`, payload: f.body, headers: f.headers, remoteAddress: ip });
}

async function register(name: string, materials: { code: string; provision: string }[]) {
  const res = await window.post('/api/licensing/applications', { itemCode: 'T-FILE-01', applicantName: name, contactPhone: '13700000019', materials });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().applications[0].id as number, applicationNo: res.json().applications[0].applicationNo as string, code: res.json().trackingCode as string };
}

beforeAll(async () => {
  env = await setupTestEnv();
  window = await env.as('window');
  leader = await env.as('leader');
  inspector = await env.as('inspector1');
  office = await env.as('office');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-appfiles-'));
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  await env.db.query(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, commitment_allowed, deficiency_allowed,
       materials, licence_name, licence_valid_years, published_at)
     VALUES ('T-FILE-01', $1, '测试材料上传许可', 'public_health', 'licence', '《公共场所卫生管理条例》第八条', 20, 5, true, false, true, $2, '测试许可证', 4, now())`,
    [root!.id, JSON.stringify(MATERIALS)]);
}, 60_000);

afterAll(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('uploading material files', () => {
  it('the window attaches a PDF: the SM3 digest is stored, the file kept, the material provided, acceptance then allowed', async () => {
    const a = await register('材料上传测试甲', [{ code: 'M1', provision: 'paper' }]);
    // M2 required and neither provided nor replaceable: acceptance refused (art. 32).
    const refused = await window.post(`/api/licensing/applications/${a.id}/steps/accept`, {});
    expect(refused.statusCode).toBe(409);

    const res = await staffUpload(window, a.id, 'M2', '健康证明.pdf', PDF);
    expect(res.statusCode, res.body).toBe(200);
    const file = res.json();
    expect(file).toMatchObject({ materialCode: 'M2', materialName: '从业人员健康合格证明', fileName: '健康证明.pdf', sizeBytes: PDF.length, sm3: sm3(PDF) });
    const row = await env.db.one<{ sm3: string; size_bytes: string; storage_key: string; content_type: string; uploader: string; record_hash: string }>(
      'SELECT sm3, size_bytes, storage_key, content_type, uploader, record_hash FROM application_files WHERE id = $1', [file.id]);
    expect(row).toMatchObject({ sm3: sm3(PDF), content_type: 'application/pdf', uploader: 'staff' });
    expect(Number(row!.size_bytes)).toBe(PDF.length);
    expect(row!.storage_key).toMatch(new RegExp(`^applications/${a.id}/${sm3(PDF)}-[0-9a-f]{16}$`));
    expect(fs.readFileSync(path.join(env.ctx.config.evidenceDir, row!.storage_key)).equals(PDF)).toBe(true);
    const audit = await env.db.one<{ h: string }>("SELECT after->>'recordHash' AS h FROM audit_log WHERE action = 'licensing.application.file.add' AND object_id = $1", [String(file.id)]);
    expect(audit!.h).toBe(row!.record_hash);

    const detail = (await window.get(`/api/licensing/applications/${a.id}`)).json();
    expect(detail.materials.find((m: { code: string }) => m.code === 'M2').provision).toBe('paper');
    expect(detail.files).toHaveLength(1);
    expect(detail.files[0]).toMatchObject({ id: file.id, materialCode: 'M2', fileName: '健康证明.pdf', uploader: 'staff', uploadedBy: { name: expect.any(String) } });
    expect(detail.canAddFiles).toBe(true);

    const accepted = await window.post(`/api/licensing/applications/${a.id}/steps/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('refuses other types, forged contents, empty and oversized files, unknown materials and too many files, in Chinese', async () => {
    const a = await register('材料上传测试乙', [{ code: 'M1', provision: 'paper' }]);
    const docx = await staffUpload(window, a.id, 'M2', '证明.docx', PDF);
    expect(docx.statusCode).toBe(400);
    expect(docx.json().error).toMatchObject({ code: 'APPLICATION_FILE_TYPE' });
    expect(docx.json().error.message).toContain('只能上传PDF、JPG、PNG、OFD格式的文件');

    const forged = await staffUpload(window, a.id, 'M2', '证明.pdf', PNG);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.message).toContain('不是有效的PDF文件');

    const empty = await staffUpload(window, a.id, 'M2', '空白.png', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('为空');

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_APPLICATION_FILE_BYTES)]);
    const tooBig = await staffUpload(window, a.id, 'M2', '扫描件.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('单个文件不能超过10 MB');

    const unknown = await staffUpload(window, a.id, 'M9', '证明.pdf', PDF);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('没有编号为“M9”的申请材料');

    const bare = multipartForm({ name: 'a.pdf', content: PDF });
    const noField = await window.post(`/api/licensing/applications/${a.id}/files`, bare.body, bare.headers);
    expect(noField.statusCode).toBe(400);
    expect(noField.json().error.message).toContain('materialCode');

    // Nothing of the refused uploads was kept.
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM application_files WHERE application_id = $1', [a.id]))!.n).toBe(0);
    expect(fs.readdirSync(path.join(env.ctx.config.evidenceDir, '.incoming'))).toEqual([]);

    // A JPG and an OFD are accepted; the OFD is kept as application/ofd.
    const jpg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(200)]);
    expect((await staffUpload(window, a.id, 'M3', '报告.JPG', jpg)).statusCode).toBe(200);
    const ofd = await staffUpload(window, a.id, 'M3', '报告.ofd', OFD);
    expect(ofd.statusCode, ofd.body).toBe(200);
    expect((await env.db.one<{ t: string }>('SELECT content_type AS t FROM application_files WHERE id = $1', [ofd.json().id]))!.t).toBe('application/ofd');

    for (let i = 0; i < MAX_FILES_PER_MATERIAL; i++) expect((await staffUpload(window, a.id, 'M1', `申请书${i}.png`, PNG)).statusCode).toBe(200);
    const tooMany = await staffUpload(window, a.id, 'M1', '申请书-多余.png', PNG);
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.message).toBe(`“卫生许可申请书”最多上传${MAX_FILES_PER_MATERIAL}个文件`);
  }, 60_000);

  it('no file once the application is concluded', async () => {
    const a = await register('材料上传测试丙', [{ code: 'M1', provision: 'paper' }]);
    expect((await window.post(`/api/licensing/applications/${a.id}/steps/not_accept`, { reason: '不属于本机关职权范围' })).statusCode).toBe(200);
    const res = await staffUpload(window, a.id, 'M2', '证明.pdf', PDF);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('不能再上传材料');
    expect((await window.get(`/api/licensing/applications/${a.id}`)).json().canAddFiles).toBe(false);
  });
});

describe('reading material files', () => {
  let appId: number;
  let fileId: number;
  beforeAll(async () => {
    const a = await register('材料查看测试', [{ code: 'M1', provision: 'paper' }]);
    appId = a.id;
    fileId = (await staffUpload(window, a.id, 'M2', '健康证明（扫描）.pdf', PDF)).json().id;
  });

  it('staff in scope preview (inline) and download (attachment), each access audited', async () => {
    const view = await window.get(`/api/licensing/applications/${appId}/files/${fileId}?disposition=inline`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('application/pdf');
    expect(String(view.headers['content-disposition'])).toMatch(/^inline; /);
    expect(String(view.headers['content-disposition'])).toContain(encodeURIComponent('健康证明（扫描）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    expect(view.rawPayload.equals(PDF)).toBe(true);
    const download = await window.get(`/api/licensing/applications/${appId}/files/${fileId}`);
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; /);
    const audits = await env.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'application_file' AND object_id = $1 ORDER BY id", [String(fileId)]);
    expect(audits.map((r) => r.action)).toEqual(['licensing.application.file.add', 'licensing.application.file.view', 'licensing.application.file.download']);
  });

  it('out of scope is 404; without the permission 403', async () => {
    // inspector1 reads licensing in the Nanhu institute only: the commission's application is not theirs.
    expect((await inspector.get(`/api/licensing/applications/${appId}/files/${fileId}`)).statusCode).toBe(404);
    expect((await office.get(`/api/licensing/applications/${appId}/files/${fileId}`)).statusCode).toBe(403);
    const f = multipartForm({ name: 'a.pdf', content: PDF }, { materialCode: 'M2' });
    expect((await leader.post(`/api/licensing/applications/${appId}/files`, f.body, f.headers)).statusCode).toBe(403);
    expect((await staffUpload(window, 99_999_999, 'M2', 'a.pdf', PDF)).statusCode).toBe(404);
    // A file of another application under this one's id: 404.
    const other = await register('材料查看测试乙', [{ code: 'M1', provision: 'paper' }]);
    expect((await window.get(`/api/licensing/applications/${other.id}/files/${fileId}`)).statusCode).toBe(404);
  });
});

describe('the applicant uploads with the tracking code', () => {
  it('attaches a file to a material, sees its name on the tracking page, gets the content with the code only', async () => {
    const a = await register('材料上传测试丁', [{ code: 'M1', provision: 'paper' }]);
    const res = await publicUpload(a.code, a.applicationNo, 'M2', '健康证明.png', PNG);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ materialCode: 'M2', fileName: '健康证明.png', sizeBytes: PNG.length });
    expect(res.json().sm3).toBeUndefined();
    const row = await env.db.one<{ uploader: string; uploaded_by: number | null; sm3: string }>('SELECT uploader, uploaded_by, sm3 FROM application_files WHERE id = $1', [res.json().id]);
    expect(row).toMatchObject({ uploader: 'applicant', uploaded_by: null, sm3: sm3(PNG) });

    const tracked = (await env.app.inject({ method: 'GET', url: `/api/public/applications/${a.code}`, remoteAddress: '10.7.7.7' })).json();
    const mine = tracked.applications[0];
    expect(mine.files).toEqual([expect.objectContaining({ materialCode: 'M2', fileName: '健康证明.png', byApplicant: true })]);
    expect(mine.missing).toEqual([]);
    expect(mine.canUpload).toBe(true);
    // The content goes to the holder of the code only (the rest: applicationFiles.public.test.ts).
    const content = await env.app.inject({ method: 'GET', url: `/api/public/applications/${a.code}/files/${res.json().id}`, remoteAddress: '10.7.7.7' });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PNG)).toBe(true);
    expect((await env.app.inject({ method: 'GET', url: `/api/public/applications/ABCDEFGHJK/files/${res.json().id}`, remoteAddress: '10.7.7.7' })).statusCode).toBe(404);

    // A wrong code, or a number not under this code: 404.
    expect((await publicUpload('ABCDEFGHJK', a.applicationNo, 'M2', 'a.png', PNG)).statusCode).toBe(404);
    const other = await register('材料上传测试戊', [{ code: 'M1', provision: 'paper' }]);
    expect((await publicUpload(a.code, other.applicationNo, 'M2', 'a.png', PNG)).statusCode).toBe(404);
    // Bad input in Chinese.
    const bad = await publicUpload(a.code, a.applicationNo, 'M2', '病毒.exe', PNG);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('只能上传');

    // Accepted with nothing owed: the applicant has nothing to send.
    expect((await window.post(`/api/licensing/applications/${a.id}/steps/accept`, {})).statusCode).toBe(200);
    const closed = await publicUpload(a.code, a.applicationNo, 'M3', '报告.png', PNG);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe('该办件当前不需要上传材料');
  });

  it('is rate-limited per address like the other public routes', async () => {
    const a = await register('材料上传限流测试', [{ code: 'M1', provision: 'paper' }]);
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await publicUpload(a.code, a.applicationNo, 'M9', 'a.png', PNG, '10.8.8.8')).statusCode;
      if (last === 429) break;
    }
    expect(last).toBe(429);
    // Another address is not affected.
    expect((await publicUpload(a.code, a.applicationNo, 'M2', 'b.png', PNG, '10.8.8.9')).statusCode).toBe(200);
  });
});

describe('backup and restore', () => {
  it('a backup carries the material files; a restore into an empty database puts them back, checked against their SM3', async () => {
    const files = await env.db.query<{ id: number; sm3: string; size_bytes: string; storage_key: string }>('SELECT id, sm3, size_bytes, storage_key FROM application_files ORDER BY id');
    expect(files.length).toBeGreaterThan(0);
    const file = path.join(dir, 'with-application-files.jsonl.gz');
    const summary = await backupDatabase(env.db, file, { evidenceDir: env.ctx.config.evidenceDir });
    expect(summary.applicationFiles).toEqual({ files: files.length, bytes: files.reduce((n, f) => n + Number(f.size_bytes), 0), skipped: [] });
    const header = await readBackupHeader(file);
    expect(header.format).toBe('hrl-backup/5');
    expect(header.applicationFiles).toEqual({ files: files.length, bytes: summary.applicationFiles.bytes });

    const target = await openPglite(undefined);
    try {
      await migrate(target);
      const evidenceDir = path.join(dir, 'restored-evidence');
      const restored = await restoreDatabase(target, file, { evidenceDir });
      expect(restored.audit.ok).toBe(true);
      expect(restored.applicationFiles).toMatchObject({ files: files.length, skipped: [] });
      const back = await target.query<{ id: number; sm3: string; storage_key: string }>('SELECT id, sm3, storage_key FROM application_files ORDER BY id');
      expect(back.map((r) => r.id)).toEqual(files.map((r) => r.id));
      for (const f of back) expect(sm3(fs.readFileSync(path.join(evidenceDir, f.storage_key)))).toBe(f.sm3);
    } finally {
      await target.close();
    }
  }, 180_000);
});
