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
// scope view (inline) or download them, each access audited.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors';
import { canonicalJson } from '../../core/audit/chain';
import { sm3 } from '../../core/crypto/sm3';
import { isMissingFile, storedPath, type IncomingFile } from '../evidence/service';
import { proofFreeOf, type AppMaterial } from './applications';

/** Largest file: a multi-page scan at a readable resolution. */
export const MAX_APPLICATION_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MATERIAL = 10;
export const MAX_FILES_PER_APPLICATION = 50;

interface FileType { ext: string[]; contentType: string; magic: Buffer; name: string; inline: boolean }
/** The types accepted, by extension, with the bytes every such file starts with. */
export const APPLICATION_FILE_TYPES: FileType[] = [
  { ext: ['pdf'], contentType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1'), name: 'PDF', inline: true },
  { ext: ['jpg', 'jpeg'], contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]), name: 'JPG', inline: true },
  { ext: ['png'], contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), name: 'PNG', inline: true },
  // OFD (GB/T 33190) is a ZIP container; browsers cannot show it: always downloaded.
  { ext: ['ofd'], contentType: 'application/ofd', magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]), name: 'OFD', inline: false },
];
export const ACCEPTED_TYPES_TEXT = 'PDF、JPG、PNG、OFD';
const sizeText = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** The accepted type of a file name, or a 400. */
export function fileTypeOf(fileName: string): FileType {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const type = ext ? APPLICATION_FILE_TYPES.find((t) => t.ext.includes(ext)) : undefined;
  if (!type) throw badRequest('APPLICATION_FILE_TYPE', `只能上传${ACCEPTED_TYPES_TEXT}格式的文件，“${fileName}”不是这些格式`);
  return type;
}

/** Refuses a received file that is empty, too large, or not what its extension says (the caller removes the file). */
export async function checkReceived(f: IncomingFile, type: FileType, fileName: string): Promise<void> {
  if (f.sizeBytes === 0) throw badRequest('APPLICATION_FILE_EMPTY', `文件“${fileName}”为空（0字节），请重新选择文件`);
  if (f.sizeBytes > MAX_APPLICATION_FILE_BYTES) throw tooLarge();
  const head = Buffer.alloc(type.magic.length);
  const handle = await fs.promises.open(f.tmpPath, 'r');
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (!head.equals(type.magic)) throw badRequest('APPLICATION_FILE_CONTENT', `文件“${fileName}”的内容不是有效的${type.name}文件，请检查后重新上传`);
}

export const tooLarge = () => new AppError(413, 'APPLICATION_FILE_TOO_LARGE', `单个文件不能超过${sizeText(MAX_APPLICATION_FILE_BYTES)}，请压缩或分拆后上传`);

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
      const target = path.join(evidenceDir, storageKey);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(f.tmpPath, target);
      finalPath = target;
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

/**
 * Opens a file of an application in the user's scope (else 404) for sending and audits
 * the access: 'view' when shown inline (PDF, JPG, PNG), 'download' otherwise.
 */
export async function openApplicationFile(db: Queryable, evidenceDir: string, user: AuthUser, actor: Actor,
  ids: { applicationId: number; fileId: number }, requested: 'inline' | 'attachment') {
  const row = await db.one<FileRow & { application_no: string }>(
    `SELECT f.*, a.application_no FROM application_files f JOIN licence_applications a ON a.id = f.application_id
      WHERE f.id = $1 AND f.application_id = $2 AND a.org_id = ANY($3)`, [ids.fileId, ids.applicationId, user.scope.orgIds]);
  if (!row) throw notFound('材料文件不存在或不在您的管理范围内');
  const inline = APPLICATION_FILE_TYPES.some((t) => t.inline && t.contentType === row.content_type);
  const disposition: 'inline' | 'attachment' = requested === 'inline' && inline ? 'inline' : 'attachment';
  const action = disposition === 'inline' ? 'view' : 'download';
  const file = storedPath(evidenceDir, row.storage_key);
  const handle = file ? await fs.promises.open(file, 'r').catch((err) => { if (isMissingFile(err)) return null; throw err; }) : null;
  if (!handle) throw new AppError(404, 'APPLICATION_FILE_MISSING', '材料文件缺失，请报告系统管理员');
  try {
    const { size } = await handle.stat();
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
