// Evidence of a penalty case through the API: inspector1 registers a lead, the leader
// files it with inspector1 and inspector2, evidence is uploaded (SM3 on arrival, file on
// disk), viewed and downloaded (调阅记录), refused outside the case, the scope and the
// open procedure, and verification detects a changed file, a missing file and a changed
// row — also when the row's record hash was recomputed to match.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { createSm3 } from '../../core/crypto/sm3';
import { evidenceRecordHash, verifyAllEvidence } from './service';

let env: TestEnv;
let evidenceDir: string;
let inspectorOf: Record<string, number> = {};
let nhInstitute: number;
let caseId: number;
const today = todayInChina();

const LEAD = () => ({
  orgId: nhInstitute, source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', leadOn: addDays(today, -10), entityId: null,
  partyKind: 'organisation', partyName: '嘉兴市南湖区证据测试诊所', partyCode: null, partyLegalRep: '张某', partyAddress: '嘉兴市南湖区某路1号', partyPhone: null,
  facts: '监督检查发现该诊所未取得医疗机构执业许可证开展诊疗活动',
});

/** Bytes that look like a JPEG, different for every seed. */
function photo(seed: number, size = 200_000): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; }
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}

const sm3Of = (b: Buffer) => createSm3().update(b).digest();

async function upload(c: Client, id: number, fields: Record<string, string>, fileName: string, content: Buffer, contentType = 'image/jpeg') {
  const form = multipartForm({ name: fileName, content, contentType }, fields);
  return c.post(`/api/cases/${id}/evidence`, form.body, form.headers);
}

async function uploaded(c: Client, title: string, content: Buffer, fileName = 'photo.jpg') {
  const res = await upload(c, caseId, { kind: 'photo', title }, fileName, content);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; sm3: string };
}

async function storageKeyOf(id: number): Promise<string> {
  return (await env.db.one<{ storage_key: string }>('SELECT storage_key FROM case_evidence WHERE id = $1', [id]))!.storage_key;
}

async function fileCase(leader: Client, id: number) {
  const version = (await leader.get(`/api/cases/${id}`)).json().version;
  const res = await leader.post(`/api/cases/${id}/steps/file`, { version, input: { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] } });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  env = await setupTestEnv();
  evidenceDir = env.ctx.config.evidenceDir;
  const rows = await env.db.query<{ username: string; id: number }>('SELECT u.username, i.id FROM inspectors i JOIN users u ON u.id = i.user_id');
  inspectorOf = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  nhInstitute = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'"))!.id;
  const created = await (await env.as('inspector1')).post('/api/cases', LEAD());
  expect(created.statusCode, created.body).toBe(200);
  caseId = created.json().id;
  await fileCase(await env.as('leader'), caseId);
});
afterAll(async () => { await env?.close(); });

describe('uploading evidence', () => {
  it('stores the file as sent, with its SM3 computed on arrival, and audits the upload', async () => {
    const i1 = await env.as('inspector1');
    expect(evidenceDir.startsWith(os.tmpdir())).toBe(true);
    const bytes = photo(1);
    const res = await upload(i1, caseId, { kind: 'photo', title: '现场照片：诊疗室' }, 'C:\\fakepath\\现场照片.jpg', bytes);
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json();
    expect(item).toMatchObject({
      caseId, kind: 'photo', kindName: '照片', title: '现场照片：诊疗室', fileName: '现场照片.jpg', contentType: 'image/jpeg',
      sizeBytes: bytes.length, sm3: sm3Of(bytes), uploadedBy: { name: '徐涛' }, integrity: 'unchecked', accessCount: 0,
    });
    const key = await storageKeyOf(item.id);
    expect(key).toMatch(new RegExp(`^${caseId}/${item.sm3}-[0-9a-f]{16}$`));
    expect(fs.readFileSync(path.join(evidenceDir, key)).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.join(evidenceDir, '.incoming'))).toEqual([]);
    const audit = await env.db.one<{ username: string; after: { sm3: string; recordHash: string; case_id: number } }>(
      "SELECT username, after FROM audit_log WHERE action = 'case.evidence.add' AND object_type = 'case_evidence' AND object_id = $1", [String(item.id)]);
    expect(audit).toMatchObject({ username: 'inspector1', after: { sm3: item.sm3, case_id: caseId } });
    const row = await env.db.one<{ record_hash: string }>('SELECT record_hash FROM case_evidence WHERE id = $1', [item.id]);
    expect(audit!.after.recordHash).toBe(row!.record_hash);
  });

  it('refuses empty files, missing or late fields and non-multipart bodies, keeping nothing', async () => {
    const i1 = await env.as('inspector1');
    const count = async () => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM case_evidence'))!.n;
    const before = await count();
    const empty = await upload(i1, caseId, { kind: 'photo', title: '空文件' }, 'empty.jpg', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('EVIDENCE_EMPTY');
    const noFields = multipartForm({ name: 'a.jpg', content: photo(2), contentType: 'image/jpeg' });
    const late = await i1.post(`/api/cases/${caseId}/evidence`, noFields.body, noFields.headers);
    expect(late.json().error).toMatchObject({ code: 'EVIDENCE_FIELDS_FIRST', message: expect.stringContaining('再发送文件') });
    const badKind = await upload(i1, caseId, { kind: 'selfie', title: '照片' }, 'a.jpg', photo(3));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toContain('证据种类');
    const longType = await upload(i1, caseId, { kind: 'photo', title: '照片' }, 'a.jpg', photo(4), `image/${'x'.repeat(100)}`);
    expect(longType.json().error.code).toBe('EVIDENCE_CONTENT_TYPE');
    const json = await i1.post(`/api/cases/${caseId}/evidence`, { kind: 'photo', title: '照片' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toMatch(/multipart/);
    expect(await count()).toBe(before);
    expect(fs.readdirSync(path.join(evidenceDir, '.incoming'))).toEqual([]);
  });

  it('only the case’s inspectors add evidence, only to an open case they can see', async () => {
    const [i3, hotline, reviewer, admin, leader, i1] = await Promise.all(['inspector3', 'hotline', 'reviewer', 'admin', 'leader', 'inspector1'].map((u) => env.as(u)));
    const send = (c: Client, id = caseId) => upload(c, id, { kind: 'scan', title: '询问笔录扫描件' }, 'scan.pdf', photo(5), 'application/pdf');
    expect((await send(i3)).statusCode).toBe(404); // another district: as if there were no such case
    expect((await send(hotline)).statusCode).toBe(403);
    expect((await send(reviewer)).statusCode).toBe(403); // in scope, no cases.handle
    const notOnCase = await send(admin); // every permission, but not one of the case's inspectors
    expect(notOnCase.statusCode).toBe(403);
    expect(notOnCase.json().error.message).toContain('承办');
    const declined = (await i1.post('/api/cases', LEAD())).json().id;
    const version = (await leader.get(`/api/cases/${declined}`)).json().version;
    expect((await leader.post(`/api/cases/${declined}/steps/decline`, { version, input: { reason: '不属于本机关管辖' } })).statusCode).toBe(200);
    const closed = await send(i1, declined);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('CASE_CLOSED');
    const list = (await i1.get(`/api/cases/${caseId}/evidence`)).json();
    expect(list.canAdd).toBe(true);
    expect((await env.as('inspector2').then((c) => c.get(`/api/cases/${caseId}/evidence`))).json().canAdd).toBe(true);
    expect((await leader.get(`/api/cases/${caseId}/evidence`)).json().canAdd).toBe(false);
  });
});

describe('viewing and downloading (调阅记录)', () => {
  it('sends the file with its name and logs each view and download with who and from where', async () => {
    const [i1, i2] = await Promise.all([env.as('inspector1'), env.as('inspector2')]);
    const bytes = photo(10, 50_000);
    const item = await uploaded(i1, '现场照片：药品柜', bytes, '药品柜 (1).jpg');
    const download = await i2.get(`/api/cases/${caseId}/evidence/${item.id}/content?disposition=attachment`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="___ (1).jpg"; filename*=UTF-8''%E8%8D%AF%E5%93%81%E6%9F%9C%20%281%29.jpg`);
    expect(download.headers['x-evidence-sm3']).toBe(item.sm3);
    expect(download.headers['cache-control']).toContain('no-store');
    const view = await i1.get(`/api/cases/${caseId}/evidence/${item.id}/content?disposition=inline`);
    expect(view.headers['content-disposition']).toMatch(/^inline; /);
    const log = (await i1.get(`/api/cases/${caseId}/evidence/${item.id}/access`)).json();
    expect(log).toMatchObject([
      { userName: '徐涛', action: 'view', clientAddress: '127.0.0.1' },
      { userName: '俞静', action: 'download', clientAddress: '127.0.0.1' },
    ]);
    const listed = (await i1.get(`/api/cases/${caseId}/evidence`)).json().items.find((x: { id: number }) => x.id === item.id);
    expect(listed.accessCount).toBe(2);
    const audited = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action IN ('case.evidence.view', 'case.evidence.download') AND object_id = $1", [String(item.id)]);
    expect(audited!.n).toBe(2);
  });

  it('never shows a page-like file inline: it is downloaded (and logged as such)', async () => {
    const i1 = await env.as('inspector1');
    const res = await upload(i1, caseId, { kind: 'document', title: '网页截存' }, 'page.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
    const id = res.json().id;
    const view = await i1.get(`/api/cases/${caseId}/evidence/${id}/content?disposition=inline`);
    expect(view.headers['content-disposition']).toMatch(/^attachment; /);
    expect((await i1.get(`/api/cases/${caseId}/evidence/${id}/access`)).json()[0].action).toBe('download');
  });

  it('answers 404 outside the scope or the case, 403 without cases.read, and logs nothing then', async () => {
    const [i1, i3, hotline, leader] = await Promise.all(['inspector1', 'inspector3', 'hotline', 'leader'].map((u) => env.as(u)));
    const item = await uploaded(i1, '现场照片：门头', photo(11, 1000));
    for (const url of [`/api/cases/${caseId}/evidence`, `/api/cases/${caseId}/evidence/${item.id}/content`, `/api/cases/${caseId}/evidence/${item.id}/access`]) {
      expect((await i3.get(url)).statusCode, url).toBe(404);
      expect((await hotline.get(url)).statusCode, url).toBe(403);
    }
    expect((await i3.post(`/api/cases/${caseId}/evidence/verify`)).statusCode).toBe(404);
    const other = (await i1.post('/api/cases', LEAD())).json().id;
    expect((await leader.get(`/api/cases/${other}/evidence/${item.id}/content`)).statusCode).toBe(404);
    expect((await leader.get(`/api/cases/${caseId}/evidence/${item.id}/content`)).statusCode).toBe(200);
    expect((await i1.get(`/api/cases/${caseId}/evidence/${item.id}/access`)).json()).toHaveLength(1);
  });
});

describe('verification', () => {
  it('detects a changed file, a missing file and a changed row, on the case and in the command', async () => {
    const i1 = await env.as('inspector1');
    const [a, b, c, d, e] = await Promise.all([1, 2, 3, 4, 5].map((n) => uploaded(i1, `核查证据${n}`, photo(100 + n, 5000 + n))));
    const first = (await i1.post(`/api/cases/${caseId}/evidence/verify`)).json();
    expect(first.items.every((x: { result: string }) => x.result === 'intact')).toBe(true);

    fs.appendFileSync(path.join(evidenceDir, await storageKeyOf(a.id)), Buffer.from([0]));
    fs.rmSync(path.join(evidenceDir, await storageKeyOf(b.id)));
    await env.db.query("UPDATE case_evidence SET title = '已被改动' WHERE id = $1", [c.id]);
    // A row changed along with a matching record hash: no longer the one the audit chain holds.
    const row = await env.db.one<Parameters<typeof evidenceRecordHash>[0]>('SELECT * FROM case_evidence WHERE id = $1', [d.id]);
    await env.db.query('UPDATE case_evidence SET file_name = $2, record_hash = $3 WHERE id = $1', [d.id, 'swapped.jpg', evidenceRecordHash({ ...row!, file_name: 'swapped.jpg' })]);

    const res = await i1.post(`/api/cases/${caseId}/evidence/verify`);
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(res.json().items.map((x: { id: number }) => [x.id, x]));
    expect(byId.get(a.id)).toMatchObject({ result: 'altered', expectedSm3: a.sm3, actualSm3: expect.not.stringMatching(a.sm3) });
    expect(byId.get(b.id)).toMatchObject({ result: 'missing', expectedSm3: b.sm3, actualSm3: null });
    expect(byId.get(c.id)).toMatchObject({ result: 'altered', expectedSm3: c.sm3, actualSm3: c.sm3, reason: expect.stringContaining('记录') });
    expect(byId.get(d.id)).toMatchObject({ result: 'altered', actualSm3: d.sm3 });
    expect(byId.get(e.id)).toMatchObject({ result: 'intact', actualSm3: e.sm3, reason: null });

    const list = (await i1.get(`/api/cases/${caseId}/evidence`)).json().items;
    const integrity = Object.fromEntries(list.map((x: { id: number; integrity: string }) => [x.id, x.integrity]));
    expect([a, b, c, d, e].map((x) => integrity[x.id])).toEqual(['altered', 'missing', 'altered', 'altered', 'intact']);
    expect((await i1.get(`/api/cases/${caseId}/evidence/${b.id}/content`)).json().error.code).toBe('EVIDENCE_FILE_MISSING');
    expect(await env.db.one("SELECT 1 FROM audit_log WHERE action = 'case.evidence.verify' AND object_id = $1", [String(caseId)])).toBeDefined();

    const all = await verifyAllEvidence(env.db, evidenceDir);
    const caseNo = (await i1.get(`/api/cases/${caseId}`)).json().caseNo;
    expect(all.problems.map((p) => [p.id, p.result, p.caseNo]).sort()).toEqual(
      [[a.id, 'altered', caseNo], [b.id, 'missing', caseNo], [c.id, 'altered', caseNo], [d.id, 'altered', caseNo]].sort());
    expect(all.checked).toBe((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM case_evidence'))!.n);
  });
});
