// Evidence of a case (service.ts):
//   POST /api/cases/:id/evidence                  multipart/form-data: the fields `kind` and `title`
//                                                 FIRST, then the part `file` (the file is streamed
//                                                 to disk as it arrives, so the fields must be known
//                                                 by then); up to MAX_EVIDENCE_BYTES
//   GET  /api/cases/:id/evidence                  the list, with integrity and access counts
//   GET  /api/cases/:id/evidence/:evidenceId/content?disposition=inline|attachment   (logged)
//   GET  /api/cases/:id/evidence/:evidenceId/access                                  调阅记录
//   POST /api/cases/:id/evidence/verify           recomputes every digest and record hash
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { AppError, badRequest } from '../../platform/http/errors';
import { caseIdParam } from '../cases/schema';
import * as s from './schema';
import {
  MAX_EVIDENCE_BYTES, addEvidence, assertMayAddEvidence, baseFileName, evidenceAccessLog, listEvidence, openEvidence,
  partContentType, receiveFile, verifyCaseEvidence, type NewEvidence,
} from './service';

const USAGE = '请以 multipart/form-data 方式上传：先发送字段 kind（证据种类）和 title（标题），再发送文件 file';

/** A broken multipart body (cut short, wrong boundary) is the client's error; ours, Fastify's 4xx and disk errors keep theirs. */
function malformed(err: unknown): unknown {
  const status = (err as { statusCode?: number }).statusCode;
  if (err instanceof AppError || (status !== undefined && status >= 400 && status < 500) || (err as NodeJS.ErrnoException).syscall) return err;
  return badRequest('EVIDENCE_UPLOAD_MALFORMED', '上传的内容不是有效的 multipart/form-data，或文件没有完整上传，请重新上传');
}

function parseFields(fields: Record<string, unknown>): s.EvidenceFields {
  if (fields.kind === undefined && fields.title === undefined) throw badRequest('EVIDENCE_FIELDS_FIRST', USAGE);
  const parsed = s.evidenceFields.safeParse({ kind: fields.kind, title: fields.title });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw badRequest('VALIDATION_FAILED', `${issues[0].field}：${issues[0].message}`, issues);
}

async function receivePart(part: MultipartFile, fields: Record<string, unknown>, evidenceDir: string): Promise<NewEvidence> {
  try {
    if (part.fieldname !== 'file') throw badRequest('EVIDENCE_NO_FILE', USAGE);
    const meta = { ...parseFields(fields), fileName: baseFileName(part.filename), contentType: partContentType(part.mimetype) };
    const incoming = await receiveFile(evidenceDir, part.file);
    if (part.file.truncated) {
      await fs.promises.rm(incoming.tmpPath, { force: true });
      throw new AppError(413, 'EVIDENCE_TOO_LARGE', `证据文件超过${MAX_EVIDENCE_BYTES / 1024 ** 3} GB 上限`);
    }
    return { ...meta, ...incoming };
  } catch (err) {
    part.file.resume(); // drain what is left, so the request ends and the error can be answered
    throw err;
  }
}

/** Reads the fields, then streams the file part into the evidence directory. */
async function receiveEvidence(req: FastifyRequest, evidenceDir: string): Promise<NewEvidence> {
  if (!req.isMultipart()) throw badRequest('EVIDENCE_NO_FILE', USAGE);
  const fields: Record<string, unknown> = {};
  try {
    // @fastify/multipart takes limits per call: evidence (site video) may exceed the
    // platform-wide MAX_UPLOAD_BYTES that imports keep.
    for await (const part of req.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES } })) {
      if (part.type === 'field') fields[part.fieldname] = part.value;
      else return await receivePart(part, fields, evidenceDir);
    }
  } catch (err) {
    throw malformed(err);
  }
  throw badRequest('EVIDENCE_NO_FILE', USAGE);
}

/** RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name, so Chinese file names survive. */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

export const evidenceRoutes: RouteModule = (app, ctx) => {
  const dir = () => ctx.config.evidenceDir;

  app.post('/api/cases/:id/evidence', {
    config: { access: 'cases.handle' },
    schema: {
      tags: ['cases'], summary: '上传案件证据（multipart：先字段 kind、title，后文件 file；到达时计算 SM3；限本案承办执法人员，结案后不可添加）',
      consumes: ['multipart/form-data'], params: caseIdParam, response: { 200: s.evidenceItem },
    },
  }, async (req) => {
    const user = req.user!;
    // Refused before the body is read: a large video is not received only to be turned away.
    await assertMayAddEvidence(ctx.db, user, req.params.id);
    const upload = await receiveEvidence(req, dir());
    try {
      return await addEvidence(ctx.db, dir(), user, actorOf(user, req.ip), req.params.id, upload);
    } finally {
      await fs.promises.rm(upload.tmpPath, { force: true }); // already moved when the evidence was recorded
    }
  });

  app.get('/api/cases/:id/evidence', {
    config: { access: 'cases.read' },
    schema: { tags: ['cases'], summary: '案件证据列表（SM3、上传人、时间、最近一次完整性校验结果、调阅次数）', params: caseIdParam, response: { 200: s.evidenceList } },
  }, async (req) => listEvidence(ctx.db, req.user!, req.params.id));

  app.get('/api/cases/:id/evidence/:evidenceId/content', {
    config: { access: 'cases.read' },
    // Every GET is a logged access; a HEAD must not log one without sending the file.
    exposeHeadRoute: false,
    schema: { tags: ['cases'], summary: '查看（inline）或下载（attachment）证据文件，记入调阅记录', params: s.evidenceParam, querystring: s.contentQuery },
  }, async (req, reply) => {
    const user = req.user!;
    const opened = await openEvidence(ctx.db, dir(), user, actorOf(user, req.ip), { caseId: req.params.id, evidenceId: req.params.evidenceId }, req.query.disposition);
    return reply
      .header('content-type', opened.row.content_type)
      .header('content-length', opened.size)
      .header('content-disposition', contentDisposition(opened.disposition, opened.row.file_name))
      // Not cached, so that every view reaches the server and is logged.
      .header('cache-control', 'private, no-store')
      .header('x-evidence-sm3', opened.row.sm3)
      .send(opened.stream);
  });

  app.get('/api/cases/:id/evidence/:evidenceId/access', {
    config: { access: 'cases.read' },
    schema: { tags: ['cases'], summary: '证据调阅记录（谁、何时、查看或下载、来源地址）', params: s.evidenceParam, response: { 200: s.accessLog } },
  }, async (req) => evidenceAccessLog(ctx.db, req.user!, req.params.id, req.params.evidenceId));

  app.post('/api/cases/:id/evidence/verify', {
    config: { access: 'cases.read' },
    schema: { tags: ['cases'], summary: '证据完整性校验：重新计算每个文件的 SM3 与登记记录哈希，保存结果', params: caseIdParam, response: { 200: s.verifyResult } },
  }, async (req) => verifyCaseEvidence(ctx.db, dir(), req.user!, actorOf(req.user!, req.ip), req.params.id));
};
