// Files attached to a matter (事项附件): the petition letter's scan, the information
// disclosed, the mediation agreement, the court's judgment, the reconsideration decision,
// the reply written in Word. Stored like application material files
// (licensing/applicationFiles.ts): streamed into the evidence directory while the SM3
// digest and size are taken (evidence/uploads.ts), moved to
// matters/<matter id>/<sm3>-<random> in the transaction that inserts the row, whose
// record hash goes into the hash-chained audit entry 'matter.file.add'; the files travel
// in backups (platform/backup, FILE_KINDS 'matterFile'). Rows are append-only.
//
// Who: reading as the matter itself (matters.read or the kind's handling permission, in
// scope, else 404); adding and withdrawing with the kind's handling permission (for the
// hotline also complaints.handle: the unit verifying a routed complaint files what it
// found) or matters.approve. Files may be added after the matter is concluded too — the
// served decision or the judgment often arrives after the step that concluded it — but a
// file of a concluded matter is part of its record and can no longer be withdrawn. A
// withdrawal (wrong matter, wrong version) hides the file from the list; the file and its
// row stay, in storage and in backups, and are listed with ?withdrawn=1.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, forbidden, notFound } from '../../platform/http/errors';
import { canonicalJson } from '../../core/audit/chain';
import { sm3 } from '../../core/crypto/sm3';
import type { MatterKind } from '../../core/matters/clocks';
import { MATTER_FILE_CATEGORIES, type MatterFileCategory } from '../../core/matters/files';
import { FILE_TYPES, acceptedTypesText, moveIntoStore, openStoredFile, shownInline, sizeText, type FileType, type ReceivedUpload, type UploadPolicy } from '../evidence/uploads';
import { readableMatter, specOf, visibleMatter, type MatterRow } from './service';
import { inScope } from '../../platform/access/scope';

/** Largest file: a judgment or a case file scanned at a readable resolution runs to dozens of pages. */
export const MAX_MATTER_FILE_BYTES = 20 * 1024 * 1024;
/** Files a matter may hold (withdrawn ones not counted): a litigation file with every hearing's papers stays well below. */
export const MAX_FILES_PER_MATTER = 100;

/** Scans and photos as for application materials, plus Word: replies and notices are written in Word. */
export const MATTER_FILE_TYPES: FileType[] = [FILE_TYPES.pdf, FILE_TYPES.jpg, FILE_TYPES.png, FILE_TYPES.ofd, FILE_TYPES.doc, FILE_TYPES.docx];
const ACCEPTED_TEXT = acceptedTypesText(MATTER_FILE_TYPES);

export const MATTER_FILE_POLICY: UploadPolicy = {
  code: 'MATTER_FILE', types: MATTER_FILE_TYPES, maxBytes: MAX_MATTER_FILE_BYTES,
  usage: `请以 multipart/form-data 方式上传：先发送字段 category（附件类别）和 note（说明，可不填），再发送文件 file（${ACCEPTED_TEXT}，不超过${sizeText(MAX_MATTER_FILE_BYTES)}）`,
};

interface FileRow {
  id: number; matter_id: number; category: MatterFileCategory; file_name: string; content_type: string; size_bytes: number; sm3: string;
  storage_key: string; uploaded_by: number; uploaded_at: Date | string; note: string | null; record_hash: string;
}

/** The fields the record hash covers, as stored (also what the audit entry 'matter.file.add' holds). */
export function matterFileFields(r: Omit<FileRow, 'id' | 'record_hash'>) {
  return {
    matter_id: Number(r.matter_id), category: r.category, file_name: r.file_name, content_type: r.content_type, size_bytes: Number(r.size_bytes),
    sm3: r.sm3, storage_key: r.storage_key, uploaded_by: Number(r.uploaded_by), uploaded_at: new Date(r.uploaded_at).toISOString(), note: r.note,
  };
}

const isFinal = (m: MatterRow) => Boolean(specOf(m.kind).procedure.states[m.state]?.final);

/** Whether the user's role may add and withdraw files of this kind (scope is checked with the matter). */
export function mayChangeFiles(user: AuthUser, kind: MatterKind): boolean {
  const has = (p: string) => user.permissions.has(p as never);
  return has(specOf(kind).handlePermission) || has('matters.approve') || (kind === 'hotline' && has('complaints.handle'));
}

function assertMayChange(user: AuthUser, kind: MatterKind): void {
  if (!mayChangeFiles(user, kind)) throw forbidden(`无权为${specOf(kind).label}事项上传或撤回附件`);
}

/** Before the body is read: 403 without the permission, 404 for a matter not found or out of scope. */
export async function assertMayAddMatterFile(db: Queryable, user: AuthUser, kind: MatterKind, id: number): Promise<void> {
  assertMayChange(user, kind);
  await visibleMatter(db, user, kind, id);
}

export interface NewMatterFile extends ReceivedUpload { category: MatterFileCategory; note: string | null }

/** Moves the received file to its storage key and records it, in one transaction (the file is removed again if it fails). */
export async function addMatterFile(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor, kind: MatterKind, id: number, f: NewMatterFile) {
  assertMayChange(user, kind);
  let finalPath: string | null = null;
  try {
    const fileId = await db.transaction(async (tx) => {
      const m = await visibleMatter(tx, user, kind, id);
      // Serialises uploads to one matter, so the count below holds.
      await tx.query('SELECT 1 FROM matters WHERE id = $1 FOR UPDATE', [m.id]);
      const count = (await tx.one<{ n: number }>(
        'SELECT count(*)::int AS n FROM matter_files f WHERE f.matter_id = $1 AND NOT EXISTS (SELECT 1 FROM matter_file_withdrawals w WHERE w.file_id = f.id)', [m.id]))!.n;
      if (count >= MAX_FILES_PER_MATTER) throw conflict('MATTER_FILES_TOO_MANY', `一个事项最多保存${MAX_FILES_PER_MATTER}个附件`);
      const storageKey = `matters/${m.id}/${f.sm3}-${crypto.randomBytes(8).toString('hex')}`;
      const fields = matterFileFields({
        matter_id: m.id, category: f.category, file_name: f.fileName, content_type: f.contentType, size_bytes: f.sizeBytes, sm3: f.sm3,
        storage_key: storageKey, uploaded_by: user.id, uploaded_at: new Date(), note: f.note,
      });
      const recordHash = sm3(canonicalJson(fields));
      const row = await tx.one<{ id: number }>(
        `INSERT INTO matter_files (matter_id, category, file_name, content_type, size_bytes, sm3, storage_key, uploaded_by, uploaded_at, note, record_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::timestamptz,$10,$11) RETURNING id`,
        [m.id, f.category, f.fileName, f.contentType, f.sizeBytes, f.sm3, storageKey, user.id, fields.uploaded_at, f.note, recordHash]);
      finalPath = await moveIntoStore(f.tmpPath, evidenceDir, storageKey);
      await recordAudit(tx, actor, {
        action: 'matter.file.add', objectType: 'matter_file', objectId: row!.id,
        after: { ...fields, recordHash, kind, matterNo: m.matter_no, categoryName: MATTER_FILE_CATEGORIES[f.category] },
      });
      return row!.id;
    });
    return (await filesWhere(db, 'f.id = $1', [fileId]))[0];
  } catch (err) {
    if (finalPath) await fs.promises.rm(finalPath, { force: true });
    throw err;
  }
}

export type MatterFileItem = {
  id: number; category: MatterFileCategory; categoryName: string; fileName: string; contentType: string; inline: boolean; sizeBytes: number;
  sm3: string; note: string | null; uploadedBy: string | null; uploadedAt: string;
  withdrawn: { reason: string; by: string | null; at: string } | null;
};

async function filesWhere(db: Queryable, where: string, params: unknown[]): Promise<MatterFileItem[]> {
  const rows = await db.query<FileRow & { uploader_name: string | null; w_reason: string | null; w_by: string | null; w_at: Date | null }>(
    `SELECT f.*, u.display_name AS uploader_name, w.reason AS w_reason, wu.display_name AS w_by, w.withdrawn_at AS w_at
       FROM matter_files f LEFT JOIN users u ON u.id = f.uploaded_by
       LEFT JOIN matter_file_withdrawals w ON w.file_id = f.id LEFT JOIN users wu ON wu.id = w.withdrawn_by
      WHERE ${where} ORDER BY f.id`, params);
  return rows.map((r) => ({
    id: r.id, category: r.category, categoryName: MATTER_FILE_CATEGORIES[r.category] ?? r.category, fileName: r.file_name, contentType: r.content_type,
    inline: shownInline(MATTER_FILE_POLICY, r.content_type), sizeBytes: Number(r.size_bytes), sm3: r.sm3, note: r.note, uploadedBy: r.uploader_name,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    withdrawn: r.w_at ? { reason: r.w_reason!, by: r.w_by, at: r.w_at.toISOString() } : null,
  }));
}

/**
 * The files of a matter the user may see, oldest first; withdrawn ones only when asked
 * for. With them what the page needs to offer an upload: the categories, the accepted
 * types and limits, and whether this user may add or withdraw here.
 */
export async function listMatterFiles(db: Queryable, user: AuthUser, kind: MatterKind, id: number, withdrawn: boolean) {
  // A proposal's co-handling unit reads its files too (readableMatter), but adds and withdraws none.
  const m = await readableMatter(db, user, kind, id);
  // One matter's files (at most MAX_FILES_PER_MATTER kept, plus the withdrawn): read whole.
  const all = await filesWhere(db, 'f.matter_id = $1', [m.id]);
  const active = all.filter((f) => !f.withdrawn);
  const may = mayChangeFiles(user, kind) && (inScope(user.scope, m.org_id) || inScope(user.scope, m.handler_org_id));
  return {
    files: withdrawn ? all : active, withdrawnCount: all.length - active.length,
    categories: Object.entries(MATTER_FILE_CATEGORIES).map(([code, name]) => ({ code, name })),
    accept: MATTER_FILE_TYPES.flatMap((t) => t.ext.map((e) => `.${e}`)).join(','),
    acceptedTypes: ACCEPTED_TEXT, maxBytes: MAX_MATTER_FILE_BYTES, maxFiles: MAX_FILES_PER_MATTER,
    mayUpload: may && active.length < MAX_FILES_PER_MATTER, mayWithdraw: may && !isFinal(m),
  };
}

/**
 * Opens a file of a matter in the user's scope (else 404) for sending and audits the
 * access: 'view' when shown inline (PDF, JPG, PNG), 'download' otherwise. A withdrawn
 * file can still be read: it stays part of the record.
 */
export async function openMatterFile(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor,
  kind: MatterKind, ids: { id: number; fileId: number }, inline: boolean) {
  const m = await readableMatter(db, user, kind, ids.id);
  const row = await db.one<FileRow>('SELECT * FROM matter_files WHERE id = $1 AND matter_id = $2', [ids.fileId, m.id]);
  if (!row) throw notFound('附件不存在或不在您的数据范围内');
  const disposition: 'inline' | 'attachment' = inline && shownInline(MATTER_FILE_POLICY, row.content_type) ? 'inline' : 'attachment';
  const action = disposition === 'inline' ? 'view' : 'download';
  const { handle, size } = await openStoredFile(evidenceDir, row.storage_key, 'MATTER_FILE_MISSING', '附件文件缺失，请报告系统管理员');
  try {
    await db.transaction((tx) => recordAudit(tx, actor, {
      action: `matter.file.${action}`, objectType: 'matter_file', objectId: row.id,
      after: { kind, matterId: m.id, matterNo: m.matter_no, fileName: row.file_name, sm3: row.sm3 },
    }));
    return { row, size, stream: handle.createReadStream(), disposition };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Withdraws a file of an open matter (with the reason, audited); the file and its row are kept. */
export async function withdrawMatterFile(db: Queryable, user: AuthUser, actor: Actor, kind: MatterKind, ids: { id: number; fileId: number }, reason: string) {
  assertMayChange(user, kind);
  await db.transaction(async (tx) => {
    const m = await visibleMatter(tx, user, kind, ids.id);
    await tx.query('SELECT 1 FROM matters WHERE id = $1 FOR UPDATE', [m.id]);
    const row = await tx.one<FileRow & { withdrawn: boolean }>(
      `SELECT f.*, EXISTS (SELECT 1 FROM matter_file_withdrawals w WHERE w.file_id = f.id) AS withdrawn
         FROM matter_files f WHERE f.id = $1 AND f.matter_id = $2 FOR UPDATE OF f`, [ids.fileId, m.id]);
    if (!row) throw notFound('附件不存在或不在您的数据范围内');
    // The state is read under the matter's lock: a step concluding it waits or went first.
    const current = (await tx.one<{ state: string }>('SELECT state FROM matters WHERE id = $1', [m.id]))!;
    if (isFinal({ ...m, state: current.state })) throw conflict('MATTER_CONCLUDED', '事项已办结，附件已归入办理记录，不能撤回');
    if (row.withdrawn) throw conflict('MATTER_FILE_WITHDRAWN', `附件“${row.file_name}”已经撤回`);
    await tx.query('INSERT INTO matter_file_withdrawals (file_id, reason, withdrawn_by, withdrawn_at) VALUES ($1,$2,$3,now())', [row.id, reason, user.id]);
    await recordAudit(tx, actor, {
      action: 'matter.file.withdraw', objectType: 'matter_file', objectId: row.id,
      before: { fileName: row.file_name, category: row.category, sm3: row.sm3, recordHash: row.record_hash },
      after: { kind, matterId: m.id, matterNo: m.matter_no, reason },
    });
  });
  return (await filesWhere(db, 'f.id = $1', [ids.fileId]))[0];
}
