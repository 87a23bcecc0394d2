// Documents uploaded by staff or applicants and kept in the evidence directory like case
// evidence (service.ts receiveFile): the accepted types, checked by extension and by the
// file's first bytes (a renamed file is refused, and the content type stored is the
// type's, never the client's), the size limit, and the multipart request that carries the
// form's fields first and then the file, streamed to disk while its SM3 is taken. Shared
// by the files of licence applications' materials (modules/licensing/applicationFiles.ts)
// and the files attached to matters (modules/matters/files.ts); each use names its own
// types, limit and error codes in an UploadPolicy.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import { AppError, badRequest } from '../../platform/http/errors';
import { baseFileName, isMissingFile, receiveFile, storedPath, type IncomingFile } from './service';
import { contentDisposition } from './routes';

export interface FileType { ext: string[]; contentType: string; magic: Buffer; name: string; inline: boolean }

/** The document types the platform takes, by extension, with the bytes every such file starts with. */
export const FILE_TYPES = {
  pdf: { ext: ['pdf'], contentType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1'), name: 'PDF', inline: true },
  jpg: { ext: ['jpg', 'jpeg'], contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]), name: 'JPG', inline: true },
  png: { ext: ['png'], contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), name: 'PNG', inline: true },
  // OFD (GB/T 33190) is a ZIP container; browsers cannot show it: always downloaded.
  ofd: { ext: ['ofd'], contentType: 'application/ofd', magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]), name: 'OFD', inline: false },
  // Word: DOCX is a ZIP container too; DOC an OLE2 compound file. Downloaded, never shown inline.
  doc: { ext: ['doc'], contentType: 'application/msword', magic: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), name: 'DOC', inline: false },
  docx: {
    ext: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]), name: 'DOCX', inline: false,
  },
} satisfies Record<string, FileType>;

export interface UploadPolicy {
  /** The prefix of the error codes: <code>_TYPE, _EMPTY, _CONTENT, _TOO_LARGE, _NO_FILE, _FIELDS_FIRST, _MALFORMED. */
  code: string;
  types: readonly FileType[];
  maxBytes: number;
  /** How to send an upload (Chinese), for a request without its fields or its file. */
  usage: string;
}

export const acceptedTypesText = (types: readonly FileType[]) => types.map((t) => t.name).join('、');
export const sizeText = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** The accepted type of a file name, or a 400. */
export function fileTypeIn(policy: UploadPolicy, fileName: string): FileType {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const type = ext ? policy.types.find((t) => t.ext.includes(ext)) : undefined;
  if (!type) throw badRequest(`${policy.code}_TYPE`, `只能上传${acceptedTypesText(policy.types)}格式的文件，“${fileName}”不是这些格式`);
  return type;
}

export const tooLargeFor = (policy: UploadPolicy) =>
  new AppError(413, `${policy.code}_TOO_LARGE`, `单个文件不能超过${sizeText(policy.maxBytes)}，请压缩或分拆后上传`);

/** Refuses a received file that is empty, too large, or not what its extension says (the caller removes the file). */
export async function checkReceivedFile(policy: UploadPolicy, f: IncomingFile, type: FileType, fileName: string): Promise<void> {
  if (f.sizeBytes === 0) throw badRequest(`${policy.code}_EMPTY`, `文件“${fileName}”为空（0字节），请重新选择文件`);
  if (f.sizeBytes > policy.maxBytes) throw tooLargeFor(policy);
  const head = Buffer.alloc(type.magic.length);
  const handle = await fs.promises.open(f.tmpPath, 'r');
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (!head.equals(type.magic)) throw badRequest(`${policy.code}_CONTENT`, `文件“${fileName}”的内容不是有效的${type.name}文件，请检查后重新上传`);
}

/** Whether a stored content type may be shown in the browser (PDF, images) rather than downloaded. */
export const shownInline = (policy: UploadPolicy, contentType: string) => policy.types.some((t) => t.inline && t.contentType === contentType);

// ---------------------------------------------------------------------------------
// The multipart request.

export interface ReceivedUpload extends IncomingFile { fileName: string; contentType: string }

/** A broken multipart body is the client's error; ours, Fastify's 4xx (but the size limit, given our message) and disk errors keep theirs. */
function malformedUpload(policy: UploadPolicy, err: unknown): unknown {
  const e = err as { statusCode?: number; code?: string; syscall?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLargeFor(policy);
  if (err instanceof AppError || (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) || e.syscall) return err;
  return badRequest(`${policy.code}_MALFORMED`, '上传的内容不是有效的 multipart/form-data，或文件没有完整上传，请重新上传');
}

function parseFields<T extends z.ZodTypeAny>(policy: UploadPolicy, schema: T, fields: Record<string, unknown>): z.infer<T> {
  if (Object.keys(fields).length === 0) throw badRequest(`${policy.code}_FIELDS_FIRST`, policy.usage);
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw badRequest('VALIDATION_FAILED', `${issues[0].field}：${issues[0].message}`, issues);
}

async function receivePart<T extends z.ZodTypeAny>(policy: UploadPolicy, part: MultipartFile, raw: Record<string, unknown>, evidenceDir: string, schema: T,
  before: (fields: z.infer<T>) => Promise<void>): Promise<{ fields: z.infer<T>; file: ReceivedUpload }> {
  try {
    if (part.fieldname !== 'file') throw badRequest(`${policy.code}_NO_FILE`, policy.usage);
    const fields = parseFields(policy, schema, raw);
    const fileName = baseFileName(part.filename);
    const type = fileTypeIn(policy, fileName);
    // Refused before the file is received: a record not found, closed, or not the user's to change.
    await before(fields);
    const incoming = await receiveFile(evidenceDir, part.file);
    try {
      if (part.file.truncated) throw tooLargeFor(policy);
      await checkReceivedFile(policy, incoming, type, fileName);
    } catch (err) {
      await fs.promises.rm(incoming.tmpPath, { force: true });
      throw err;
    }
    return { fields, file: { ...incoming, fileName, contentType: type.contentType } };
  } catch (err) {
    part.file.resume(); // drain what is left, so the request ends and the error can be answered
    throw err;
  }
}

/**
 * Reads the fields (checked with `schema`), then streams the file part into the
 * evidence directory's incoming area, checking its type and size. The caller moves the
 * file to its storage key in its transaction and removes tmpPath in any case.
 */
export async function receiveUpload<T extends z.ZodTypeAny>(req: FastifyRequest, evidenceDir: string, policy: UploadPolicy, schema: T,
  before: (fields: z.infer<T>) => Promise<void>): Promise<{ fields: z.infer<T>; file: ReceivedUpload }> {
  if (!req.isMultipart()) throw badRequest(`${policy.code}_NO_FILE`, policy.usage);
  const raw: Record<string, unknown> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: policy.maxBytes } })) {
      if (part.type === 'field') { raw[part.fieldname] = part.value; continue; }
      return await receivePart(policy, part as MultipartFile, raw, evidenceDir, schema, before);
    }
  } catch (err) {
    throw malformedUpload(policy, err);
  }
  throw badRequest(`${policy.code}_NO_FILE`, policy.usage);
}

/**
 * Moves a received upload (its temporary file) to its storage key, making the folders.
 * Returns where it now is, for the caller to remove should its transaction fail.
 */
export async function moveIntoStore(tmpPath: string, evidenceDir: string, storageKey: string): Promise<string> {
  const target = path.join(evidenceDir, storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(tmpPath, target);
  return target;
}

// ---------------------------------------------------------------------------------
// Sending a stored file.

export interface OpenedFile { handle: fs.promises.FileHandle; size: number }

/** Opens a stored file for sending, or a 404 (in `missingMessage`) when it is not there: the record stays, the operator is told. */
export async function openStoredFile(evidenceDir: string, storageKey: string, missingCode: string, missingMessage: string): Promise<OpenedFile> {
  const file = storedPath(evidenceDir, storageKey);
  const handle = file ? await fs.promises.open(file, 'r').catch((err) => { if (isMissingFile(err)) return null; throw err; }) : null;
  if (!handle) throw new AppError(404, missingCode, missingMessage);
  try {
    return { handle, size: (await handle.stat()).size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Sends an opened file with its stored type and name; never cached, never sniffed; its SM3
 * in a header for staff (sm3 null: the public gets the file, not its digest).
 */
export function sendStoredFile(reply: FastifyReply, f: { contentType: string; fileName: string; sm3: string | null; size: number; stream: NodeJS.ReadableStream }, disposition: 'inline' | 'attachment') {
  reply
    .header('content-type', f.contentType)
    .header('content-length', f.size)
    .header('content-disposition', contentDisposition(disposition, f.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  if (f.sm3 !== null) reply.header('x-file-sm3', f.sm3);
  return reply.send(f.stream);
}
