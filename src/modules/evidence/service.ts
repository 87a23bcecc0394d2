// Evidence of penalty cases, kept tamper-evident (全过程记录, 行政处罚法 art. 47). A file
// is streamed into the evidence directory while its SM3 digest and size are taken, then
// moved to <case id>/<sm3>-<random> in the transaction that inserts its row. The row's own
// SM3 (record_hash) is written into the hash-chained audit entry too, so verification
// detects a changed file (digest), a changed row (record hash) and a row rewritten along
// with its record hash (no longer the audited one). Every view and download is logged
// (调阅记录). Rows are append-only: nothing here updates or deletes them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database, Queryable } from '../../platform/db';
import { SYSTEM_ACTOR, type Actor, type AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { canonicalJson } from '../../core/audit/chain';
import { createSm3, sm3 } from '../../core/crypto/sm3';
import { caseInspectorUserIds, visibleCase } from '../cases/service';
import { EVIDENCE_KIND_NAMES, type CheckResult, type EvidenceFields, type EvidenceItem, type VerifyItem } from './schema';

/** Largest evidence file: a few hours of on-site video (above the platform's 1 GB import limit). */
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024 * 1024;
/** Where uploads are written until their transaction commits: inside the evidence directory, so the final move is a rename. */
const INCOMING_DIR = '.incoming';
const CLOSED_STATES = ['closed', 'archived', 'not_filed'];
const CONTROL = /[\u0000-\u001f\u007f]/g;

interface EvidenceRow {
  id: number; case_id: number; kind: EvidenceItem['kind']; title: string; file_name: string; content_type: string;
  size_bytes: number; sm3: string; storage_key: string; uploaded_by: number; uploaded_at: Date; record_hash: string;
}

// ---------------------------------------------------------------------------------
// The record hash.

/** The fields the record hash covers, as stored (also what the audit entry 'case.evidence.add' holds). */
export function recordFields(r: Omit<EvidenceRow, 'id' | 'record_hash' | 'uploaded_at'> & { uploaded_at: Date | string }) {
  return {
    case_id: r.case_id, kind: r.kind, title: r.title, file_name: r.file_name, content_type: r.content_type, size_bytes: r.size_bytes,
    sm3: r.sm3, storage_key: r.storage_key, uploaded_by: r.uploaded_by,
    uploaded_at: r.uploaded_at instanceof Date ? r.uploaded_at.toISOString() : r.uploaded_at,
  };
}

export function evidenceRecordHash(r: Parameters<typeof recordFields>[0]): string {
  return sm3(canonicalJson(recordFields(r)));
}

// ---------------------------------------------------------------------------------
// Who may add evidence.

async function addRefusal(db: Queryable, user: AuthUser, caseId: number): Promise<AppError | null> {
  const c = await visibleCase(db, user, caseId);
  // The state first: a case not filed has no inspectors, and "closed" is the true reason then.
  if (CLOSED_STATES.includes(c.state)) return conflict('CASE_CLOSED', '案件已结案、归档或不予立案，不能再添加证据');
  if (!(await caseInspectorUserIds(db, caseId)).includes(user.id)) return forbidden('只有本案承办的执法人员可以上传证据');
  return null;
}

/** 404 for a case the user cannot see, 409 once it is closed, 403 unless one of its inspectors. */
export async function assertMayAddEvidence(db: Queryable, user: AuthUser, caseId: number): Promise<void> {
  const refusal = await addRefusal(db, user, caseId);
  if (refusal) throw refusal;
}

// ---------------------------------------------------------------------------------
// Receiving a file.

/** The name the client gave, reduced to its base name (a browser may send a path), without control characters. */
export function baseFileName(raw: string | undefined): string {
  const base = Array.from((raw ?? '').split(/[\\/]/).pop()!.replace(CONTROL, '').trim()).slice(0, 255).join('');
  return base === '' || base === '.' || base === '..' ? 'evidence' : base;
}

/** The part's content type, kept as given; it goes back out as a header, so printable ASCII only. */
export function partContentType(raw: string | undefined): string {
  const v = raw || 'application/octet-stream';
  if (v.length > 100 || !/^[\x20-\x7e]+$/.test(v)) throw badRequest('EVIDENCE_CONTENT_TYPE', '文件类型（Content-Type）应为不超过100个字符的 ASCII 文本');
  return v;
}

export interface IncomingFile { tmpPath: string; sizeBytes: number; sm3: string }

/** Streams a file to a temporary file in the evidence directory, hashing and counting on the way: never held in memory. */
export async function receiveFile(evidenceDir: string, source: Readable): Promise<IncomingFile> {
  const dir = path.join(evidenceDir, INCOMING_DIR);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, crypto.randomUUID());
  const hasher = createSm3();
  let sizeBytes = 0;
  try {
    await pipeline(source, async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hasher.update(chunk);
        sizeBytes += chunk.length;
        yield chunk;
      }
    }, fs.createWriteStream(tmpPath, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(tmpPath, { force: true });
    throw err;
  }
  return { tmpPath, sizeBytes, sm3: hasher.digest() };
}

export interface NewEvidence extends EvidenceFields, IncomingFile { fileName: string; contentType: string }

/** Moves the received file to its storage key and records it, in one transaction (the file is removed again if it fails). */
export async function addEvidence(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor, caseId: number, e: NewEvidence): Promise<EvidenceItem> {
  if (e.sizeBytes === 0) throw badRequest('EVIDENCE_EMPTY', '证据文件为空（0字节），请重新选择文件');
  const storageKey = `${caseId}/${e.sm3}-${crypto.randomBytes(8).toString('hex')}`;
  const finalPath = path.join(evidenceDir, storageKey);
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      // Asked again: the case may have been closed, or the inspector recused, while the file arrived.
      await assertMayAddEvidence(tx, user, caseId);
      const fields = recordFields({
        case_id: caseId, kind: e.kind, title: e.title, file_name: e.fileName, content_type: e.contentType, size_bytes: e.sizeBytes,
        sm3: e.sm3, storage_key: storageKey, uploaded_by: user.id, uploaded_at: new Date(),
      });
      const recordHash = evidenceRecordHash(fields);
      const row = await tx.one<{ id: number }>(
        `INSERT INTO case_evidence (case_id, kind, title, file_name, content_type, size_bytes, sm3, storage_key, uploaded_by, uploaded_at, record_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::timestamptz,$11) RETURNING id`,
        [caseId, e.kind, e.title, e.fileName, e.contentType, e.sizeBytes, e.sm3, storageKey, user.id, fields.uploaded_at, recordHash]);
      await fs.promises.rename(e.tmpPath, finalPath);
      await recordAudit(tx, actor, { action: 'case.evidence.add', objectType: 'case_evidence', objectId: row!.id, after: { ...fields, recordHash } });
      return row!.id;
    });
  } catch (err) {
    await fs.promises.rm(finalPath, { force: true });
    throw err;
  }
  return (await itemsWhere(db, 'e.id = $1', [id]))[0];
}

// ---------------------------------------------------------------------------------
// Reading.

const ITEM_SELECT = `SELECT e.id, e.case_id, e.kind, e.title, e.file_name, e.content_type, e.size_bytes, e.sm3, e.uploaded_by,
    u.display_name AS uploader, e.uploaded_at, k.result AS integrity, k.checked_at,
    (SELECT count(*)::int FROM case_evidence_access a WHERE a.evidence_id = e.id) AS access_count
  FROM case_evidence e JOIN users u ON u.id = e.uploaded_by
  LEFT JOIN LATERAL (SELECT x.result, x.checked_at FROM case_evidence_checks x WHERE x.evidence_id = e.id ORDER BY x.id DESC LIMIT 1) k ON true`;

type ItemRow = Omit<EvidenceRow, 'storage_key' | 'record_hash'> & { uploader: string; integrity: CheckResult | null; checked_at: Date | null; access_count: number };

async function itemsWhere(db: Queryable, where: string, params: unknown[]): Promise<EvidenceItem[]> {
  const rows = await db.query<ItemRow>(`${ITEM_SELECT} WHERE ${where} ORDER BY e.id`, params);
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, kind: r.kind, kindName: EVIDENCE_KIND_NAMES[r.kind], title: r.title, fileName: r.file_name,
    contentType: r.content_type, sizeBytes: r.size_bytes, sm3: r.sm3, uploadedBy: { id: r.uploaded_by, name: r.uploader },
    uploadedAt: r.uploaded_at.toISOString(), integrity: r.integrity ?? 'unchecked', checkedAt: r.checked_at?.toISOString() ?? null,
    accessCount: r.access_count,
  }));
}

export async function listEvidence(db: Queryable, user: AuthUser, caseId: number) {
  await visibleCase(db, user, caseId);
  const canAdd = user.permissions.has('cases.handle') && (await addRefusal(db, user, caseId)) === null;
  return { items: await itemsWhere(db, 'e.case_id = $1', [caseId]), canAdd };
}

/** An item of a case the user can see, else 404 (also for an item of another case). */
async function evidenceOf(db: Queryable, user: AuthUser, caseId: number, evidenceId: number): Promise<EvidenceRow> {
  await visibleCase(db, user, caseId);
  const row = await db.one<EvidenceRow>('SELECT * FROM case_evidence WHERE id = $1 AND case_id = $2', [evidenceId, caseId]);
  if (!row) throw notFound('证据不存在或不在您的数据范围内');
  return row;
}

/** The file of a storage key, or null for a key that would leave the evidence directory (a tampered row). Also used by backup/restore. */
export function storedPath(evidenceDir: string, storageKey: string): string | null {
  const root = path.resolve(evidenceDir);
  const file = path.resolve(root, storageKey);
  return file.startsWith(root + path.sep) ? file : null;
}

export const isMissingFile = (err: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '');

/**
 * Types a browser shows without running anything: only these are served inline. Others
 * (HTML, SVG, scripts) would run in the platform's origin, so they are always downloaded.
 */
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|bmp|tiff|heic|heif)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)\s*(;.*)?$/i;

/**
 * Opens an item's file for sending and logs the access (调阅记录) once the file is known
 * to be there: 'view' when shown inline, 'download' when sent as an attachment.
 */
export async function openEvidence(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor, ids: { caseId: number; evidenceId: number }, requested: 'inline' | 'attachment') {
  const row = await evidenceOf(db, user, ids.caseId, ids.evidenceId);
  const disposition: 'inline' | 'attachment' = requested === 'inline' && INLINE_TYPES.test(row.content_type) ? 'inline' : 'attachment';
  const action = disposition === 'inline' ? 'view' : 'download';
  const file = storedPath(evidenceDir, row.storage_key);
  const handle = file ? await fs.promises.open(file, 'r').catch((err) => { if (isMissingFile(err)) return null; throw err; }) : null;
  if (!handle) throw new AppError(404, 'EVIDENCE_FILE_MISSING', '证据文件缺失，请进行完整性校验并报告');
  try {
    // The size on disk, not the recorded one: an altered file is still sent whole.
    const { size } = await handle.stat();
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO case_evidence_access (evidence_id, user_id, action, client_address) VALUES ($1,$2,$3,$4)', [row.id, user.id, action, actor.ip]);
      await recordAudit(tx, actor, { action: `case.evidence.${action}`, objectType: 'case_evidence', objectId: row.id, after: { caseId: row.case_id } });
    });
    return { row, disposition, size, stream: handle.createReadStream() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

export async function evidenceAccessLog(db: Queryable, user: AuthUser, caseId: number, evidenceId: number) {
  await evidenceOf(db, user, caseId, evidenceId);
  const rows = await db.query<{ id: number; user_id: number; user_name: string; action: 'view' | 'download'; at: Date; client_address: string | null }>(
    `SELECT a.id, a.user_id, u.display_name AS user_name, a.action, a.at, a.client_address
       FROM case_evidence_access a JOIN users u ON u.id = a.user_id WHERE a.evidence_id = $1 ORDER BY a.id DESC`, [evidenceId]);
  return rows.map((r) => ({ id: r.id, userId: r.user_id, userName: r.user_name, action: r.action, at: r.at.toISOString(), clientAddress: r.client_address }));
}

// ---------------------------------------------------------------------------------
// Verification.

type CheckRow = EvidenceRow & { audited_hash: string | null; case_no: string };

/** Rows with the record hash their audit entry holds, and their case number. */
const CHECK_SELECT = `SELECT e.*, c.case_no,
    (SELECT a.after->>'recordHash' FROM audit_log a
      WHERE a.object_type = 'case_evidence' AND a.object_id = e.id::text AND a.action = 'case.evidence.add' ORDER BY a.id LIMIT 1) AS audited_hash
  FROM case_evidence e JOIN penalty_cases c ON c.id = e.case_id`;

async function hashFile(file: string): Promise<{ sm3: string; size: number } | null> {
  const hasher = createSm3();
  let size = 0;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      hasher.update(chunk);
      size += chunk.length;
    }
  } catch (err) {
    if (isMissingFile(err)) return null;
    throw err;
  }
  return { sm3: hasher.digest(), size };
}

/** Recomputes one item's file digest and record hash. */
export async function checkEvidence(evidenceDir: string, row: CheckRow): Promise<VerifyItem> {
  const base = { id: row.id, title: row.title, expectedSm3: row.sm3 };
  const recordIntact = evidenceRecordHash(row) === row.record_hash && row.audited_hash === row.record_hash;
  const file = storedPath(evidenceDir, row.storage_key);
  if (!file) return { ...base, result: 'altered', actualSm3: null, reason: '登记记录被改动（存储位置不在证据目录内）' };
  const stored = await hashFile(file);
  if (!stored) return { ...base, result: 'missing', actualSm3: null, reason: '证据文件不存在' };
  const fileIntact = stored.sm3 === row.sm3 && stored.size === row.size_bytes;
  const reason = fileIntact ? (recordIntact ? null : '登记记录被改动（记录哈希不符）')
    : recordIntact ? '文件内容与登记的 SM3 摘要不一致' : '文件内容与登记记录均被改动';
  return { ...base, result: reason === null ? 'intact' : 'altered', actualSm3: stored.sm3, reason };
}

async function saveChecks(db: Queryable, actor: Actor, checkedAt: string, items: VerifyItem[], audit: { action: string; objectType: string; objectId: number | null }) {
  if (items.length === 0) return;
  const count = (r: CheckResult) => items.filter((i) => i.result === r).length;
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO case_evidence_checks (evidence_id, checked_at, result) SELECT unnest($1::int[]), $3::timestamptz, unnest($2::text[])`,
      [items.map((i) => i.id), items.map((i) => i.result), checkedAt]);
    await recordAudit(tx, actor, { ...audit, after: { checked: items.length, intact: count('intact'), altered: count('altered'), missing: count('missing') } });
  });
}

/** Verifies every item of a case and keeps the results (shown on the case page). */
export async function verifyCaseEvidence(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor, caseId: number) {
  await visibleCase(db, user, caseId);
  const rows = await db.query<CheckRow>(`${CHECK_SELECT} WHERE e.case_id = $1 ORDER BY e.id`, [caseId]);
  const items: VerifyItem[] = [];
  // One file at a time, outside any transaction: hashing gigabytes must not hold the database.
  for (const r of rows) items.push(await checkEvidence(evidenceDir, r));
  const checkedAt = new Date().toISOString();
  await saveChecks(db, actor, checkedAt, items, { action: 'case.evidence.verify', objectType: 'penalty_case', objectId: caseId });
  return { checkedAt, items };
}

export type EvidenceProblem = VerifyItem & { caseId: number; caseNo: string; storageKey: string };

const VERIFY_BATCH = 500;

/** Verifies every item of every case (the `verify-evidence` command), keeps the results and returns the items not intact. */
export async function verifyAllEvidence(db: Database | Queryable, evidenceDir: string, onProgress?: (checked: number) => void) {
  const items: VerifyItem[] = [];
  const problems: EvidenceProblem[] = [];
  for (let lastId = 0; ;) {
    const rows = await db.query<CheckRow>(`${CHECK_SELECT} WHERE e.id > $1 ORDER BY e.id LIMIT $2`, [lastId, VERIFY_BATCH]);
    if (rows.length === 0) break;
    for (const r of rows) {
      const item = await checkEvidence(evidenceDir, r);
      items.push(item);
      if (item.result !== 'intact') problems.push({ ...item, caseId: r.case_id, caseNo: r.case_no, storageKey: r.storage_key });
      onProgress?.(items.length);
    }
    lastId = rows[rows.length - 1].id;
  }
  const checkedAt = new Date().toISOString();
  await saveChecks(db, SYSTEM_ACTOR('verify-evidence'), checkedAt, items, { action: 'evidence.verify_all', objectType: 'case_evidence', objectId: null });
  return { checkedAt, checked: items.length, problems };
}
