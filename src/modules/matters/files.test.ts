// Files attached to matters, through the API on a real database: every accepted type
// (PDF, JPG, PNG, OFD, DOC, DOCX) is kept with its SM3 under the evidence directory and
// its record hash in the audit chain; wrong extensions, forged contents, empty and
// oversized files are refused in Chinese and leave nothing behind; reading follows the
// matter (out of scope 404, without the kind's permission 403) and uploading needs the
// kind's handling permission or matters.approve; a download returns the same bytes and
// is audited; a withdrawn file leaves the list but not the record; a concluded matter's
// files cannot be withdrawn; a backup carries the files and their withdrawals, and a
// format-4 backup (before matter files) is still restored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { sm3 } from '../../core/crypto/sm3';
import { openPglite } from '../../platform/db/pglite';
import { migrate } from '../../platform/db/migrate';
import { verifyAuditChain } from '../../platform/audit/audit';
import { backupDatabase } from '../../platform/backup/backup';
import { restoreDatabase } from '../../platform/backup/restore';
import { gzipLines, readBackupHeader } from '../../platform/backup/format';
import { MAX_MATTER_FILE_BYTES } from './files';

let env: TestEnv;
let office: Client;
let leader: Client;
let hotline: Client;
let mediator: Client;
let inspector1: Client;
let inspector3: Client;
let window: Client;
let dir: string;
const org: Record<string, number> = {};
const userId: Record<string, number> = {};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(700)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(500)]);
const OFD = Buffer.concat([Buffer.from(ZIP), crypto.randomBytes(400)]);
const DOC = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), crypto.randomBytes(1200)]);
const DOCX = Buffer.concat([Buffer.from(ZIP), crypto.randomBytes(900)]);

function upload(who: Client, kind: string, id: number, fileName: string, content: Buffer, fields: Record<string, string> = { category: 'incoming' }) {
  const f = multipartForm({ name: fileName, content }, fields);
  return who.post(`/api/matters/${kind}/${id}/files`, f.body, f.headers);
}

async function register(who: Client, kind: string, orgId: number, fields: Record<string, unknown>): Promise<number> {
  const res = await who.post(`/api/matters/${kind}`, { orgId, fields });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}

async function step(who: Client, kind: string, id: number, name: string, input: Record<string, unknown> = {}) {
  const { version } = (await env.db.one<{ version: number }>('SELECT version FROM matters WHERE id = $1', [id]))!;
  const res = await who.post(`/api/matters/${kind}/${id}/steps/${name}`, { version, input });
  expect(res.statusCode, res.body).toBe(200);
}

const petition = (title: string) => register(office, 'petition', org['JX-WJW'], {
  channel: 'letter', contactName: '附件测试人', title, summary: '反映诊所收费问题，附来信扫描件', leaderId: userId.leader,
});

const filesOf = async (matterId: number) => env.db.query<{ id: number }>('SELECT id FROM matter_files WHERE matter_id = $1 ORDER BY id', [matterId]);
const incoming = () => fs.readdirSync(path.join(env.ctx.config.evidenceDir, '.incoming'));

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  for (const r of await env.db.query<{ id: number; username: string }>('SELECT id, username FROM users')) userId[r.username] = r.id;
  [office, leader, hotline, mediator, inspector1, inspector3, window] = await Promise.all(
    ['office', 'leader', 'hotline', 'mediator', 'inspector1', 'inspector3', 'window'].map((u) => env.as(u)));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-matterfiles-'));
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('uploading files to a matter', () => {
  it('keeps every accepted type with its SM3, storage key, record hash in the audit chain and the type of its content', async () => {
    const id = await petition('附件上传测试（各类格式）');
    const cases: [string, Buffer, string, string][] = [
      ['来信扫描件.pdf', PDF, 'incoming', 'application/pdf'],
      ['现场照片.JPG', JPG, 'evidence', 'image/jpeg'],
      ['签收单.png', PNG, 'other', 'image/png'],
      ['处理意见书.ofd', OFD, 'reply', 'application/ofd'],
      ['答复函（旧版Word）.doc', DOC, 'reply', 'application/msword'],
      ['答复函.docx', DOCX, 'reply', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ];
    for (const [name, content, category, type] of cases) {
      const res = await upload(office, 'petition', id, name, content, { category, note: `测试${name}` });
      expect(res.statusCode, res.body).toBe(200);
      const f = res.json();
      expect(f).toMatchObject({ fileName: name, category, contentType: type, sizeBytes: content.length, sm3: sm3(content), note: `测试${name}`, uploadedBy: '钱慧', withdrawn: null });
      const row = await env.db.one<{ storage_key: string; record_hash: string; content_type: string; uploaded_by: number }>(
        'SELECT storage_key, record_hash, content_type, uploaded_by FROM matter_files WHERE id = $1', [f.id]);
      expect(row!.content_type).toBe(type);
      expect(row!.uploaded_by).toBe(userId.office);
      expect(row!.storage_key).toMatch(new RegExp(`^matters/${id}/${sm3(content)}-[0-9a-f]{16}$`));
      expect(fs.readFileSync(path.join(env.ctx.config.evidenceDir, row!.storage_key)).equals(content)).toBe(true);
      const audit = await env.db.one<{ h: string; matter_no: string }>(
        "SELECT after->>'recordHash' AS h, after->>'matterNo' AS matter_no FROM audit_log WHERE action = 'matter.file.add' AND object_type = 'matter_file' AND object_id = $1", [String(f.id)]);
      expect(audit!.h).toBe(row!.record_hash);
      expect(audit!.matter_no).toMatch(/-XF-/);
    }
    const list = (await office.get(`/api/matters/petition/${id}/files`)).json();
    expect(list.files.map((f: { fileName: string }) => f.fileName)).toEqual(cases.map((c) => c[0]));
    expect(list.files.map((f: { categoryName: string }) => f.categoryName)).toEqual(['来件材料', '证据材料', '其他', '答复文书', '答复文书', '答复文书']);
    expect(list.files.map((f: { inline: boolean }) => f.inline)).toEqual([true, true, true, false, false, false]);
    expect(list).toMatchObject({ mayUpload: true, mayWithdraw: true, withdrawnCount: 0, maxBytes: MAX_MATTER_FILE_BYTES, acceptedTypes: 'PDF、JPG、PNG、OFD、DOC、DOCX' });
    expect(list.categories.map((c: { name: string }) => c.name)).toEqual(['来件材料', '答复文书', '证据材料', '协议', '决定文书', '裁判文书', '其他']);
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });

  it('refuses other types, forged contents, empty and oversized files and a missing category, in Chinese, keeping nothing', async () => {
    const id = await petition('附件上传测试（拒绝）');
    const exe = await upload(office, 'petition', id, '病毒.exe', PDF);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error).toEqual({ code: 'MATTER_FILE_TYPE', message: '只能上传PDF、JPG、PNG、OFD、DOC、DOCX格式的文件，“病毒.exe”不是这些格式' });
    const noExt = await upload(office, 'petition', id, '答复函', DOCX);
    expect(noExt.json().error.code).toBe('MATTER_FILE_TYPE');

    // The extension says one thing, the first bytes another.
    for (const [name, content, type] of [['答复函.docx', PDF, 'DOCX'], ['答复函.doc', DOCX, 'DOC'], ['扫描件.pdf', PNG, 'PDF'], ['照片.png', JPG, 'PNG']] as const) {
      const res = await upload(office, 'petition', id, name, content);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error).toEqual({ code: 'MATTER_FILE_CONTENT', message: `文件“${name}”的内容不是有效的${type}文件，请检查后重新上传` });
    }

    const empty = await upload(office, 'petition', id, '空白.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toEqual({ code: 'MATTER_FILE_EMPTY', message: '文件“空白.pdf”为空（0字节），请重新选择文件' });

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_MATTER_FILE_BYTES - 8)]);
    expect(big.length).toBe(MAX_MATTER_FILE_BYTES + 1);
    const tooBig = await upload(office, 'petition', id, '整卷扫描.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toEqual({ code: 'MATTER_FILE_TOO_LARGE', message: '单个文件不能超过20 MB，请压缩或分拆后上传' });

    const noCategory = await upload(office, 'petition', id, '来信.pdf', PDF, { note: '没有类别' });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().error.message).toContain('请选择附件类别：来件材料、答复文书、证据材料、协议、决定文书、裁判文书、其他');
    const badCategory = await upload(office, 'petition', id, '来信.pdf', PDF, { category: 'secret' });
    expect(badCategory.statusCode).toBe(400);
    const longNote = await upload(office, 'petition', id, '来信.pdf', PDF, { category: 'incoming', note: '长'.repeat(501) });
    expect(longNote.json().error.message).toContain('说明不能超过500个字符');
    const noFields = await upload(office, 'petition', id, '来信.pdf', PDF, {});
    expect(noFields.statusCode).toBe(400);
    expect(noFields.json().error.code).toBe('MATTER_FILE_FIELDS_FIRST');
    const json = await office.post(`/api/matters/petition/${id}/files`, { category: 'incoming' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain('multipart/form-data');

    expect(await filesOf(id)).toEqual([]);
    expect(incoming()).toEqual([]);
    expect(fs.existsSync(path.join(env.ctx.config.evidenceDir, 'matters', String(id)))).toBe(false);
  }, 60_000);
});

describe('who may read and upload', () => {
  let complaint: number;
  let fileId: number;

  beforeAll(async () => {
    complaint = await register(hotline, 'hotline', org['JX-WJW'], {
      subtype: 'complaint_report', channel: 'phone', contactName: '附件举报人', contactPhone: '13800002222', summary: '南湖区某游泳馆水质浑浊（附照片）',
    });
    await step(hotline, 'hotline', complaint, 'route', { handlerOrgId: org['NH-JDS'], instruction: '请核查水质' });
  });

  it('the receiving unit attaches what it found (complaints.handle); an inspector of another district gets 404', async () => {
    const res = await upload(inspector1, 'hotline', complaint, '现场检查照片.jpg', JPG, { category: 'evidence' });
    expect(res.statusCode, res.body).toBe(200);
    fileId = res.json().id;
    // inspector3 (秀洲区) holds the same permissions, but the complaint is not in their scope.
    expect((await inspector3.get(`/api/matters/hotline/${complaint}/files`)).statusCode).toBe(404);
    expect((await inspector3.get(`/api/matters/hotline/${complaint}/files/${fileId}`)).statusCode).toBe(404);
    expect((await upload(inspector3, 'hotline', complaint, '照片.jpg', JPG)).statusCode).toBe(404);
    expect((await inspector3.post(`/api/matters/hotline/${complaint}/files/${fileId}/withdraw`, { reason: '越权撤回' })).statusCode).toBe(404);
    expect(incoming()).toEqual([]);
  });

  it('without the kind’s permission 403; the leader uploads with matters.approve; a file of another matter is 404', async () => {
    const id = await petition('附件权限测试');
    // The hotline operator reads matters (the commission's) but does not handle petitions; the window reads no matters.
    const denied = await upload(hotline, 'petition', id, '来信.pdf', PDF);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('无权为信访事项上传或撤回附件');
    expect((await window.get(`/api/matters/petition/${id}/files`)).statusCode).toBe(403);
    expect((await upload(window, 'petition', id, '来信.pdf', PDF)).statusCode).toBe(403);
    expect(incoming()).toEqual([]);
    const inspectorList = (await inspector1.get(`/api/matters/hotline/${complaint}/files`)).json();
    expect(inspectorList.mayUpload).toBe(true);

    const byLeader = await upload(leader, 'petition', id, '领导批示.pdf', PDF, { category: 'other', note: '责任领导批示' });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    const list = (await hotline.get(`/api/matters/petition/${id}/files`)).json();
    expect(list.files).toHaveLength(1);
    expect(list).toMatchObject({ mayUpload: false, mayWithdraw: false });

    // The hotline file under the petition's id, an unknown file, an unknown matter: 404.
    expect((await office.get(`/api/matters/petition/${id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await office.get(`/api/matters/petition/${id}/files/99999999`)).statusCode).toBe(404);
    expect((await upload(office, 'petition', 99_999_999, '来信.pdf', PDF)).statusCode).toBe(404);
    // The matter under another kind: 404.
    expect((await office.get(`/api/matters/disclosure/${id}/files`)).statusCode).toBe(404);
  });
});

describe('downloading and withdrawing', () => {
  let id: number;
  let pdfId: number;
  let docxId: number;

  beforeAll(async () => {
    id = await register(mediator, 'mediation', org['JX-WJW'], {
      subtype: 'people', contactName: '附件患方', title: '术后感染纠纷', summary: '患方认为术后感染系医院过错',
    });
    pdfId = (await upload(mediator, 'mediation', id, '调解申请书（扫描）.pdf', PDF)).json().id;
    docxId = (await upload(mediator, 'mediation', id, '调解协议书.docx', DOCX, { category: 'agreement' })).json().id;
  });

  it('returns the same bytes and SM3, inline for a PDF when asked, always as an attachment for Word; each access audited', async () => {
    const view = await mediator.get(`/api/matters/mediation/${id}/files/${pdfId}?inline=1`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('application/pdf');
    expect(String(view.headers['content-disposition'])).toMatch(/^inline; /);
    expect(String(view.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('调解申请书（扫描）.pdf')}`);
    expect(view.headers['x-file-sm3']).toBe(sm3(PDF));
    expect(view.headers['cache-control']).toBe('private, no-store');
    expect(view.rawPayload.equals(PDF)).toBe(true);

    const word = await mediator.get(`/api/matters/mediation/${id}/files/${docxId}?inline=1`);
    expect(String(word.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(sm3(word.rawPayload)).toBe(sm3(DOCX));
    const download = await leader.get(`/api/matters/mediation/${id}/files/${pdfId}`);
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const audits = await env.db.query<{ action: string; username: string }>(
      "SELECT action, username FROM audit_log WHERE object_type = 'matter_file' AND object_id = $1 ORDER BY id", [String(pdfId)]);
    expect(audits).toEqual([
      { action: 'matter.file.add', username: 'mediator' }, { action: 'matter.file.view', username: 'mediator' }, { action: 'matter.file.download', username: 'leader' },
    ]);
    expect((await mediator.get(`/api/matters/mediation/${id}/files/${pdfId}?inline=maybe`)).statusCode).toBe(400);
  });

  it('a handler withdraws a file with a reason: hidden from the list, kept with its row, listed with ?withdrawn=1, still readable', async () => {
    expect((await mediator.post(`/api/matters/mediation/${id}/files/${pdfId}/withdraw`, { reason: ' ' })).statusCode).toBe(400);
    expect((await inspector1.post(`/api/matters/mediation/${id}/files/${pdfId}/withdraw`, { reason: '误传' })).statusCode).toBe(403);
    const res = await mediator.post(`/api/matters/mediation/${id}/files/${pdfId}/withdraw`, { reason: '误传到本件，应为另一纠纷的材料' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().withdrawn).toMatchObject({ reason: '误传到本件，应为另一纠纷的材料', by: '姚志强' });

    const list = (await mediator.get(`/api/matters/mediation/${id}/files`)).json();
    expect(list.files.map((f: { id: number }) => f.id)).toEqual([docxId]);
    expect(list.withdrawnCount).toBe(1);
    const all = (await mediator.get(`/api/matters/mediation/${id}/files?withdrawn=1`)).json();
    expect(all.files.map((f: { id: number; withdrawn: unknown }) => [f.id, f.withdrawn !== null])).toEqual([[pdfId, true], [docxId, false]]);

    // Nothing of the file is gone: the row, its hash, the stored bytes.
    const row = await env.db.one<{ storage_key: string; sm3: string }>('SELECT storage_key, sm3 FROM matter_files WHERE id = $1', [pdfId]);
    expect(sm3(fs.readFileSync(path.join(env.ctx.config.evidenceDir, row!.storage_key)))).toBe(row!.sm3);
    expect((await mediator.get(`/api/matters/mediation/${id}/files/${pdfId}`)).rawPayload.equals(PDF)).toBe(true);
    const audit = await env.db.one<{ reason: string; h: string }>(
      "SELECT after->>'reason' AS reason, before->>'recordHash' AS h FROM audit_log WHERE action = 'matter.file.withdraw' AND object_id = $1", [String(pdfId)]);
    expect(audit!.reason).toBe('误传到本件，应为另一纠纷的材料');

    const again = await mediator.post(`/api/matters/mediation/${id}/files/${pdfId}/withdraw`, { reason: '再次撤回' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MATTER_FILE_WITHDRAWN');
    expect((await verifyAuditChain(env.db)).ok).toBe(true);
  });

  it('a concluded matter takes more files (the served decision) but none can be withdrawn', async () => {
    const closed = await petition('附件办结测试');
    const letter = (await upload(office, 'petition', closed, '来信.pdf', PDF)).json().id;
    await step(office, 'petition', closed, 'not_accept', { reply: '不属于本机关职权范围，请向有权机关提出' });
    const served = await upload(office, 'petition', closed, '不予受理告知书送达回证.pdf', PDF, { category: 'reply' });
    expect(served.statusCode, served.body).toBe(200);
    const res = await office.post(`/api/matters/petition/${closed}/files/${letter}/withdraw`, { reason: '误传' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'MATTER_CONCLUDED', message: '事项已办结，附件已归入办理记录，不能撤回' });
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM matter_file_withdrawals WHERE file_id = $1', [letter]))!.n).toBe(0);
    const list = (await office.get(`/api/matters/petition/${closed}/files`)).json();
    expect(list).toMatchObject({ mayUpload: true, mayWithdraw: false });
    expect(list.files).toHaveLength(2);
  });
});

/** Copies a backup line by line through `edit` (null drops the line). */
async function rewrite(from: string, to: string, edit: (line: string, i: number) => string | null): Promise<string> {
  const out: string[] = [];
  let i = 0;
  for await (const line of gzipLines(from)) {
    const next = edit(line, i++);
    if (next !== null) out.push(next);
  }
  fs.writeFileSync(to, zlib.gzipSync(`${out.join('\n')}\n`));
  return to;
}

describe('backup and restore', () => {
  let file: string;
  let rows: { id: number; sm3: string; size_bytes: string; storage_key: string }[];

  it('a backup carries the matter files (withdrawn ones too); a restore puts them back, checked against their SM3', async () => {
    rows = await env.db.query('SELECT id, sm3, size_bytes, storage_key FROM matter_files ORDER BY id');
    expect(rows.length).toBeGreaterThan(5);
    file = path.join(dir, 'with-matter-files.jsonl.gz');
    const summary = await backupDatabase(env.db, file, { evidenceDir: env.ctx.config.evidenceDir });
    expect(summary.matterFiles).toEqual({ files: rows.length, bytes: rows.reduce((n, f) => n + Number(f.size_bytes), 0), skipped: [] });
    const header = await readBackupHeader(file);
    expect(header.format).toBe('hrl-backup/5');
    expect(header.matterFiles).toEqual({ files: rows.length, bytes: summary.matterFiles.bytes });

    const target = await openPglite(undefined);
    try {
      await migrate(target);
      const evidenceDir = path.join(dir, 'restored-evidence');
      const restored = await restoreDatabase(target, file, { evidenceDir });
      expect(restored.audit.ok).toBe(true);
      expect(restored.matterFiles).toMatchObject({ files: rows.length, skipped: [] });
      const back = await target.query<{ id: number; sm3: string; storage_key: string }>('SELECT id, sm3, storage_key FROM matter_files ORDER BY id');
      expect(back.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      for (const f of back) expect(sm3(fs.readFileSync(path.join(evidenceDir, f.storage_key)))).toBe(f.sm3);
      const withdrawn = await target.query<{ file_id: number; reason: string }>('SELECT file_id, reason FROM matter_file_withdrawals');
      expect(withdrawn).toEqual(await env.db.query('SELECT file_id, reason FROM matter_file_withdrawals'));
    } finally {
      await target.close();
    }
  }, 180_000);

  it('still restores a format-4 backup (no matter files), whose matters folder is copied by hand', async () => {
    const v4 = await rewrite(file, path.join(dir, 'format-4.jsonl.gz'), (line, i) => {
      if (i === 0) {
        const { matterFiles: _, ...h } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify({ ...h, format: 'hrl-backup/4' });
      }
      return line.startsWith('{"matterFile":') ? null : line;
    });
    const target = await openPglite(undefined);
    try {
      await migrate(target);
      const evidenceDir = path.join(dir, 'restored-v4');
      const restored = await restoreDatabase(target, v4, { evidenceDir });
      expect(restored.matterFiles).toBeNull();
      expect(restored.audit.ok).toBe(true);
      expect((await target.one<{ n: number }>('SELECT count(*)::int AS n FROM matter_files'))!.n).toBe(rows.length);
      expect(fs.existsSync(path.join(evidenceDir, 'matters'))).toBe(false);
    } finally {
      await target.close();
    }
  }, 180_000);
});
