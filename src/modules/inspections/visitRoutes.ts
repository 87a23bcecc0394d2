// Recording inspection visits (visits.ts):
//   GET  /api/inspections/my-tasks                   the signed-in inspector's open random-inspection tasks
//   GET  /api/inspections/visit-form?taskId|entityId what the phone form needs
//   POST /api/inspections/visits                     records a visit (completes its task)
//   POST /api/inspections/visits/:id/files           multipart: the field `title` FIRST, then the photo `file`
//   GET  /api/inspections/visits/:id/files/:fileId   a photo or the signature, shown inline (download=1: as an attachment); logged
//   GET  /api/inspections/visits/:id/files/:fileId/access   its 调阅记录
//   GET  /api/inspections/visits/:id/record          check results, findings, signatory, files with SM3, the case
//   POST /api/inspections/visits/:id/case-lead       立案线索 in one step from a non-compliant visit
import fs from 'node:fs';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { AppError, badRequest } from '../../platform/http/errors';
import { baseFileName, partContentType, receiveFile } from '../evidence/service';
import { accessLog } from '../evidence/schema';
import { visitIdParam } from './schema';
import * as s from './visitSchema';
import {
  addVisitPhoto, assertMayAddPhoto, listMyTasks, openCaseLead, openVisitFile, recomputePublicationDues, recordVisit, visitFileAccessLog, visitForm,
  visitRecord, type NewPhoto,
} from './visits';

const USAGE = '请以 multipart/form-data 方式上传：先发送字段 title（照片说明），再发送照片文件 file';
const PHOTO_TYPES = /^image\/(jpeg|png|webp|heic|heif|gif|bmp)$/i;

/** download=1 sends the file as an attachment (logged as a download); otherwise it is shown inline (a view). */
const fileQuery = z.object({ download: z.enum(['0', '1'], { message: 'download 应为 0 或 1' }).default('0') });

/** A broken multipart body is the client's error; ours, Fastify's 4xx and disk errors keep theirs. */
function malformed(err: unknown): unknown {
  const status = (err as { statusCode?: number }).statusCode;
  if (err instanceof AppError || (status !== undefined && status >= 400 && status < 500) || (err as NodeJS.ErrnoException).syscall) return err;
  return badRequest('PHOTO_UPLOAD_MALFORMED', '上传的内容不是有效的 multipart/form-data，或照片没有完整上传，请重新上传');
}

async function receivePart(part: MultipartFile, fields: Record<string, unknown>, evidenceDir: string): Promise<NewPhoto> {
  try {
    if (part.fieldname !== 'file') throw badRequest('PHOTO_NO_FILE', USAGE);
    if (fields.title === undefined) throw badRequest('PHOTO_FIELDS_FIRST', USAGE);
    const parsed = s.visitFileFields.safeParse({ title: fields.title });
    if (!parsed.success) throw badRequest('VALIDATION_FAILED', `title：${parsed.error.issues[0].message}`, { field: 'title' });
    const contentType = partContentType(part.mimetype);
    if (!PHOTO_TYPES.test(contentType)) throw badRequest('PHOTO_TYPE', '现场照片应为 JPEG、PNG、WebP、HEIC 等图片格式');
    const incoming = await receiveFile(evidenceDir, part.file);
    if (part.file.truncated) {
      await fs.promises.rm(incoming.tmpPath, { force: true });
      throw new AppError(413, 'PHOTO_TOO_LARGE', `照片超过${s.MAX_PHOTO_BYTES / 1024 / 1024} MB 上限`);
    }
    return { title: parsed.data.title, fileName: baseFileName(part.filename), contentType, ...incoming };
  } catch (err) {
    part.file.resume();
    throw err;
  }
}

async function receivePhoto(req: FastifyRequest, evidenceDir: string): Promise<NewPhoto> {
  if (!req.isMultipart()) throw badRequest('PHOTO_NO_FILE', USAGE);
  const fields: Record<string, unknown> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: s.MAX_PHOTO_BYTES } })) {
      if (part.type === 'field') fields[part.fieldname] = part.value;
      else return await receivePart(part, fields, evidenceDir);
    }
  } catch (err) {
    throw malformed(err);
  }
  throw badRequest('PHOTO_NO_FILE', USAGE);
}

/** RFC 6266 / RFC 5987, as evidence files. */
function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

export const visitRoutes: RouteModule = (app, ctx) => {
  const dir = () => ctx.config.evidenceDir;
  ctx.calendar.onArrangementChanged('random_tasks.publication_due', (tx, calendar) => recomputePublicationDues(tx, calendar));

  app.get('/api/inspections/my-tasks', {
    config: { access: 'inspections.record' },
    schema: {
      tags: ['inspections'], summary: '我的检查任务：本人所在检查组未完成的双随机抽查任务（及本机构历史导入、未分组的任务），按完成期限排序，可按对象名称查询',
      querystring: s.myTaskQuery, response: { 200: s.myTaskList },
    },
  }, async (req) => listMyTasks(ctx.db, req.user!, req.query));

  app.get('/api/inspections/visit-form', {
    config: { access: 'inspections.record' },
    schema: {
      tags: ['inspections'], summary: '现场检查记录表：监管对象、抽查任务、适用的检查事项（含法律依据和处罚条款）、可选的检查人员',
      querystring: s.visitFormQuery, response: { 200: s.visitForm },
    },
  }, async (req) => visitForm(ctx.db, req.user!, req.query));

  app.post('/api/inspections/visits', {
    config: { access: 'inspections.record' },
    schema: {
      tags: ['inspections'], summary: '记录现场检查（检查事项结论、发现的问题、当事人签名；执行抽查任务的，任务完成并计算结果公示期限）',
      body: s.visitInput, response: { 200: s.visitCreated },
    },
  }, async (req) => recordVisit(ctx, req.user!, actorOf(req.user!, req.ip), req.body));

  app.post('/api/inspections/visits/:id/files', {
    config: { access: 'inspections.record' },
    schema: {
      tags: ['inspections'], summary: '上传现场照片（multipart：先字段 title，后文件 file；到达时计算 SM3；限本次检查的执法人员，转为案件线索后不可添加）',
      consumes: ['multipart/form-data'], params: visitIdParam, response: { 200: s.visitFile },
    },
  }, async (req) => {
    const user = req.user!;
    await assertMayAddPhoto(ctx.db, user, req.params.id);
    const photo = await receivePhoto(req, dir());
    try {
      return await addVisitPhoto(ctx.db, dir(), user, actorOf(user, req.ip), req.params.id, photo);
    } finally {
      await fs.promises.rm(photo.tmpPath, { force: true });
    }
  });

  app.get('/api/inspections/visits/:id/files/:fileId', {
    config: { access: 'inspections.read' },
    // Every GET is a logged access; a HEAD must not log one without sending the file.
    exposeHeadRoute: false,
    schema: {
      tags: ['inspections'], summary: '查看（inline）或下载（download=1，attachment）检查记录的现场照片或当事人签名，记入调阅记录',
      params: s.visitFileParam, querystring: fileQuery,
    },
  }, async (req, reply) => {
    const user = req.user!;
    const opened = await openVisitFile(ctx.db, dir(), user, actorOf(user, req.ip), { visitId: req.params.id, fileId: req.params.fileId },
      req.query.download === '1' ? 'attachment' : 'inline');
    return reply
      .header('content-type', opened.row.content_type)
      .header('content-length', opened.size)
      .header('content-disposition', contentDisposition(opened.disposition, opened.row.file_name))
      // Not cached, so that every view reaches the server and is logged.
      .header('cache-control', 'private, no-store')
      .header('x-file-sm3', opened.row.sm3)
      .send(opened.stream);
  });

  app.get('/api/inspections/visits/:id/files/:fileId/access', {
    config: { access: 'inspections.read' },
    schema: {
      tags: ['inspections'], summary: '检查记录文件（现场照片、当事人签名）的调阅记录（谁、何时、查看或下载、来源地址）',
      params: s.visitFileParam, response: { 200: accessLog },
    },
  }, async (req) => visitFileAccessLog(ctx.db, req.user!, req.params.id, req.params.fileId));

  app.get('/api/inspections/visits/:id/record', {
    config: { access: 'inspections.read' },
    schema: {
      tags: ['inspections'], summary: '现场检查记录内容：检查事项结论、发现的问题、当事人签名、现场照片（含 SM3）、记录哈希校验、转立的案件',
      params: visitIdParam, response: { 200: s.visitRecord },
    },
  }, async (req) => visitRecord(ctx.db, req.user!, req.params.id));

  app.post('/api/inspections/visits/:id/case-lead', {
    config: { access: 'cases.handle' },
    schema: {
      tags: ['inspections'], summary: '不合格的检查记录一步转为案件线索（当事人、违法事实、处罚条款；现场照片和签名复核 SM3 后转入案件证据）',
      params: visitIdParam, response: { 200: s.caseLeadCreated },
    },
  }, async (req) => openCaseLead(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id));
};
