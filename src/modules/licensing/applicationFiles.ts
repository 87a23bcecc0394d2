// Files attached to an application's materials (申请材料电子文件): the applicant uploads
// them on the portal with the tracking code, the window officer attaches them to an
// application in scope. Stored like case evidence (modules/evidence): streamed into the
// evidence directory while the SM3 digest and size are taken (receiveFile), moved to
// applications/<application id>/<sm3>-<random> in the transaction that inserts the row,
// whose record hash goes into the hash-chained audit entry; the files travel in backups
// (platform/backup, FILE_KINDS 'applicationFile'). Rows are append-only.
//
// A file is a material provided: a material still 'missing' becomes 'paper' (提交材料),
// so acceptance (行政许可法 art. 32) counts it; a required material neither provided
// (file or declared) nor replaceable still blocks acceptance as before. Materials owed
// under 容缺受理 are marked supplied by the supplement step, as before.
//
// Accepted: PDF, JPG/JPEG, PNG and OFD (the national format for electronic documents),
// checked by extension and by the file's first bytes; the content type is the one of the
// type, not the client's. Up to MAX_APPLICATION_FILE_BYTES each, MAX_FILES_PER_MATERIAL a
// material and MAX_FILES_PER_APPLICATION an application. Staff with licensing.read in
// scope view (inline) or download them, each access audited; so does the applicant on the
// portal, for the files (theirs and the window's) of the applications of their tracking code.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors';
import { canonicalJson } from '../../core/audit/chain';
import { sm3 } from '../../core/crypto/sm3';
import type { IncomingFile } from '../evidence/service';
import {
  FILE_TYPES, acceptedTypesText, checkReceivedFile, fileTypeIn, moveIntoStore, openStoredFile, sizeText, tooLargeFor, type FileType, type UploadPolicy,
} from '../evidence/uploads';
import { proofFreeOf, type AppMaterial } from './applications';

/** Largest file: a multi-page scan at a readable resolution. */
export const MAX_APPLICATION_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MATERIAL = 10;
export const MAX_FILES_PER_APPLICATION = 50;

/** The types accepted (modules/evidence/uploads.ts), by extension, with the bytes every such file starts with. */
export const APPLICATION_FILE_TYPES: FileType[] = [FILE_TYPES.pdf, FILE_TYPES.jpg, FILE_TYPES.png, FILE_TYPES.ofd];
export const ACCEPTED_TYPES_TEXT = acceptedTypesText(APPLICATION_FILE_TYPES);

/** The shared upload checks with this module's types, limit and error codes (APPLICATION_FILE_*). */
export const APPLICATION_FILE_POLICY: UploadPolicy = {
  code: 'APPLICATION_FILE', types: APPLICATION_FILE_TYPES, maxBytes: MAX_APPLICATION_FILE_BYTES,
  usage: `请以 multipart/form-data 方式上传：先发送字段 materialCode（申请材料编号），再发送文件 file（${ACCEPTED_TYPES_TEXT}，不超过${sizeText(MAX_APPLICATION_FILE_BYTES)}）`,
};

/** The accepted type of a file name, or a 400. */
export const fileTypeOf = (fileName: string): FileType => fileTypeIn(APPLICATION_FILE_POLICY, fileName);

/** Refuses a received file that is empty, too large, or not what its extension says (the caller removes the file). */
export const checkReceived = (f: IncomingFile, type: FileType, fileName: string): Promise<void> => checkReceivedFile(APPLICATION_FILE_POLICY, f, type, fileName);

export const tooLarge = () => tooLargeFor(APPLICATION_FILE_POLICY);

interface FileRow {
  id: number; application_id: number; material_code: string; file_name: string; content_type: string; size_bytes: number;
  sm3: string; storage_key: string; uploader: 'applicant' | 'staff'; uploaded_by: number | null; uploaded_at: Date | string; record_hash: string;
}

/** The fields the record hash covers, as stored (also what the audit entry 'licensing.application.file.add' holds). */
export function applicationFileFields(r: Omit<FileRow, 'id' | 'record_hash'>) {
  return {
    application_id: Number(r.application_id), material_code: r.material_code, file_name: r.file_name, content_type: r.content_type,
    size_bytes: Number(r.size_bytes), sm3: r.sm3, storage_key: r.storage_key, uploader: r.uploader, uploaded_by: r.uploaded_by,
    uploaded_at: new Date(r.uploaded_at).toISOString(),
  };
}

interface Target { id: number; application_no: string; state: string; materials: AppMaterial[]; deficiency_items: { suppliedOn?: string | null }[] }

/** The application a file goes to: by id in the user's scope (staff), or by tracking code and number (the applicant). */
export type FileTarget = { user: AuthUser; applicationId: number } | { trackingCode: string; applicationNo: string };

async function lockedTarget(tx: Queryable, t: FileTarget): Promise<Target> {
  const row = 'user' in t
    ? await tx.one<Target>('SELECT id, application_no, state, materials, deficiency_items FROM licence_applications WHERE id = $1 AND org_id = ANY($2) FOR UPDATE', [t.applicationId, t.user.scope.orgIds])
    : await tx.one<Target>('SELECT id, application_no, state, materials, deficiency_items FROM licence_applications WHERE tracking_code = $1 AND application_no = $2 FOR UPDATE', [t.trackingCode, t.applicationNo]);
  if (!row) throw notFound('user' in t ? '办件不存在或不在您的管理范围内' : '该查询码下没有这个办件');
  return row;
}

/** Why no file may be added now (the state), or null. The applicant may add while the window waits for materials. */
function stateRefusal(a: Target, byApplicant: boolean): AppError | null {
  if (a.state === 'submitted' || a.state === 'correction_requested') return null;
  if (a.state === 'accepted' && (!byApplicant || a.deficiency_items.some((o) => !o.suppliedOn))) return null;
  return conflict('APPLICATION_FILES_CLOSED', byApplicant ? '该办件当前不需要上传材料' : '该办件已办结或不予受理，不能再上传材料');
}

/** Before the body is read: 404 for an application not found, 409 when it takes no files now. */
export async function assertMayAddFile(db: Queryable, t: FileTarget): Promise<void> {
  const a = await lockedTarget(db, t);
  const refusal = stateRefusal(a, !('user' in t));
  if (refusal) throw refusal;
}

export interface NewApplicationFile extends IncomingFile { materialCode: string; fileName: string; contentType: string }

/** Moves the received file to its storage key, records it and marks its material provided, in one transaction. */
export async function addApplicationFile(db: Queryable, evidenceDir: string, t: FileTarget, actor: Actor, f: NewApplicationFile) {
  const byApplicant = !('user' in t);
  let finalPath: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const a = await lockedTarget(tx, t);
      const refusal = stateRefusal(a, byApplicant);
      if (refusal) throw refusal;
      const material = a.materials.find((m) => m.code === f.materialCode);
      if (!material) throw badRequest('MATERIAL_UNKNOWN', `该办件没有编号为“${f.materialCode}”的申请材料`);
      const counts = (await tx.one<{ total: number; mine: number }>(
        'SELECT count(*)::int AS total, count(*) FILTER (WHERE material_code = $2)::int AS mine FROM application_files WHERE application_id = $1', [a.id, f.materialCode]))!;
      if (counts.mine >= MAX_FILES_PER_MATERIAL) throw conflict('APPLICATION_FILES_TOO_MANY', `“${material.name}”最多上传${MAX_FILES_PER_MATERIAL}个文件`);
      if (counts.total >= MAX_FILES_PER_APPLICATION) throw conflict('APPLICATION_FILES_TOO_MANY', `一个办件最多上传${MAX_FILES_PER_APPLICATION}个材料文件`);
      const storageKey = `applications/${a.id}/${f.sm3}-${crypto.randomBytes(8).toString('hex')}`;
      const fields = applicationFileFields({
        application_id: a.id, material_code: f.materialCode, file_name: f.fileName, content_type: f.contentType, size_bytes: f.sizeBytes, sm3: f.sm3,
        storage_key: storageKey, uploader: byApplicant ? 'applicant' : 'staff', uploaded_by: byApplicant ? null : t.user.id, uploaded_at: new Date(),
      });
      const recordHash = sm3(canonicalJson(fields));
      const row = await tx.one<{ id: number }>(
        `INSERT INTO application_files (application_id, material_code, file_name, content_type, size_bytes, sm3, storage_key, uploader, uploaded_by, uploaded_at, record_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::timestamptz,$11) RETURNING id`,
        [a.id, f.materialCode, f.fileName, f.contentType, f.sizeBytes, f.sm3, storageKey, fields.uploader, fields.uploaded_by, fields.uploaded_at, recordHash]);
      // The file is the material provided.
      if (material.provision === 'missing') {
        const materials = a.materials.map((m) => (m.code === f.materialCode ? { ...m, provision: 'paper' as const } : m));
        await tx.query('UPDATE licence_applications SET materials = $2, proof_free = $3, updated_at = now() WHERE id = $1',
          [a.id, JSON.stringify(materials), proofFreeOf(materials)]);
      }
      finalPath = await moveIntoStore(f.tmpPath, evidenceDir, storageKey);
      await recordAudit(tx, actor, {
        action: 'licensing.application.file.add', objectType: 'application_file', objectId: row!.id,
        after: { ...fields, recordHash, applicationNo: a.application_no, materialName: material.name },
      });
      return { id: row!.id, applicationId: a.id, materialCode: f.materialCode, materialName: material.name, fileName: f.fileName, sizeBytes: f.sizeBytes, sm3: f.sm3, uploadedAt: fields.uploaded_at };
    });
  } catch (err) {
    if (finalPath) await fs.promises.rm(finalPath, { force: true });
    throw err;
  }
}

type OpenableRow = FileRow & { application_no: string };

/**
 * Opens a file of an application in the user's scope (else 404) for sending and audits
 * the access: 'view' when shown inline (PDF, JPG, PNG), 'download' otherwise.
 */
export async function openApplicationFile(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor,
  ids: { applicationId: number; fileId: number }, requested: 'inline' | 'attachment') {
  const row = await db.one<OpenableRow>(
    `SELECT f.*, a.application_no FROM application_files f JOIN licence_applications a ON a.id = f.application_id
      WHERE f.id = $1 AND f.application_id = $2 AND a.org_id = ANY($3)`, [ids.fileId, ids.applicationId, user.scope.orgIds]);
  if (!row) throw notFound('材料文件不存在或不在您的管理范围内');
  return openAndAudit(db, evidenceDir, actor, row, requested, '材料文件缺失，请报告系统管理员');
}

/**
 * The applicant's side (the portal): opens a file of an application of the tracking code,
 * whoever attached it, audited as staff access is, the actor being the applicant. The code
 * is the only authority, as for everything else on the tracking page: a wrong code and a
 * file of another application get the same 404, so a guess learns nothing.
 */
export async function openApplicationFileByCode(db: Queryable, evidenceDir: string, actor: Actor,
  ids: { trackingCode: string; fileId: number }, requested: 'inline' | 'attachment') {
  const row = await db.one<OpenableRow>(
    `SELECT f.*, a.application_no FROM application_files f JOIN licence_applications a ON a.id = f.application_id
      WHERE f.id = $1 AND a.tracking_code = $2`, [ids.fileId, ids.trackingCode]);
  if (!row) throw notFound('该查询码下没有这个材料文件');
  return openAndAudit(db, evidenceDir, actor, row, requested, '材料文件暂时无法下载，请联系办理窗口');
}

async function openAndAudit(db: Queryable, evidenceDir: string, actor: Actor, row: OpenableRow, requested: 'inline' | 'attachment', missing: string) {
  const inline = APPLICATION_FILE_TYPES.some((t) => t.inline && t.contentType === row.content_type);
  const disposition: 'inline' | 'attachment' = requested === 'inline' && inline ? 'inline' : 'attachment';
  const action = disposition === 'inline' ? 'view' : 'download';
  const { handle, size } = await openStoredFile(evidenceDir, row.storage_key, 'APPLICATION_FILE_MISSING', missing);
  try {
    await db.transaction((tx) => recordAudit(tx, actor, {
      action: `licensing.application.file.${action}`, objectType: 'application_file', objectId: row.id,
      after: { applicationId: Number(row.application_id), applicationNo: row.application_no, fileName: row.file_name, sm3: row.sm3 },
    }));
    return { row, size, stream: handle.createReadStream(), disposition };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
