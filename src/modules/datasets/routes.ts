// Import, template and export routes, one set per dataset of the registry (so each
// route carries its dataset's own permission), plus the progress of a running import.
//   POST /api/imports/{dataset}            multipart field `file` (CSV or XLSX) [?progressId=<uuid>]
//   GET  /api/imports/{dataset}/template   XLSX template with the 说明 sheet
//   GET  /api/imports/progress/{progressId}
//   GET  /api/exports/{dataset}?format=xlsx|csv (+ the dataset's filters)
// An unknown dataset matches no route and answers 404.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { AppError, badRequest, notFound } from '../../platform/http/errors';
import { runImport } from '../../platform/imports/engine';
import { buildTemplate } from '../../platform/imports/template';
import { importProgress } from '../../platform/imports/progress';
import { contentDisposition, EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName, runExport } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import { DATASETS } from './registry';

const importQuery = z.object({
  progressId: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'progressId 应为 UUID').optional(),
});

export const importResult = z.object({ dataset: z.string(), inserted: z.number().int(), updated: z.number().int() });

export const importRejected = z.object({
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), message: z.string() })),
  error: z.object({ code: z.literal('IMPORT_INVALID'), message: z.string() }),
});

export const importProgressEntry = z.object({
  progressId: z.string(),
  dataset: z.string(),
  phase: z.enum(['reading', 'writing', 'indexing', 'done', 'failed']),
  rowsRead: z.number().int(),
  bytesRead: z.number().int(),
  totalBytes: z.number().int().nullable(),
  errors: z.number().int(),
  inserted: z.number().int().optional(),
  updated: z.number().int().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

const progressParams = z.object({ progressId: importQuery.shape.progressId.unwrap() });

const XLSX_TYPE = EXPORT_CONTENT_TYPES.xlsx;

/** A broken multipart body (cut short, wrong boundary) is the client's error; size limits keep their own status. */
function malformed(err: unknown): unknown {
  const status = (err as { statusCode?: number }).statusCode;
  if (err instanceof AppError || (status !== undefined && status >= 400 && status < 500)) return err;
  return badRequest('IMPORT_UPLOAD_MALFORMED', '上传的内容不是有效的 multipart/form-data，或文件没有完整上传，请重新上传');
}

/** Receives the uploaded file into a temporary file (so the import's transaction never waits on the network). */
async function receiveUpload(req: FastifyRequest): Promise<{ file: string; size: number; fileName: string; mimetype: string; cleanup: () => Promise<void> }> {
  if (!req.isMultipart()) throw badRequest('IMPORT_NO_FILE', '请以 multipart/form-data 方式上传文件（字段名 file）');
  const part = await req.file().catch((err) => { throw malformed(err); });
  if (!part) throw badRequest('IMPORT_NO_FILE', '请上传要导入的文件（字段名 file）');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw badRequest('IMPORT_NO_FILE', '请在字段 file 中上传要导入的文件');
  }
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hrl-import-'));
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'upload');
  try {
    await pipeline(part.file, fs.createWriteStream(file)).catch((err) => { throw malformed(err); });
    if (part.file.truncated) throw badRequest('IMPORT_TOO_LARGE', '上传文件过大');
    const size = (await fs.promises.stat(file)).size;
    return { file, size, fileName: part.filename || 'upload', mimetype: part.mimetype, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export const datasetRoutes: RouteModule = (app, ctx) => {
  for (const d of DATASETS) {
    app.post(`/api/imports/${d.name}`, {
      config: { access: d.importPermission },
      schema: {
        tags: ['imports'], summary: `导入${d.label}（CSV 或 XLSX，multipart 字段 file；整个文件一个事务）`,
        consumes: ['multipart/form-data'], querystring: importQuery,
        response: { 200: importResult, 422: importRejected },
      },
    }, async (req, reply) => {
      const user = req.user!;
      const track = req.query.progressId ? importProgress.start(req.query.progressId, req.sessionHash!, d.name, null) : undefined;
      let upload: Awaited<ReturnType<typeof receiveUpload>> | undefined;
      try {
        upload = await receiveUpload(req);
        const outcome = await runImport(ctx.db, {
          dataset: d, input: fs.createReadStream(upload.file), fileName: upload.fileName, contentType: upload.mimetype,
          totalBytes: upload.size, actor: actorOf(user, req.ip), scope: { all: false, orgIds: new Set(user.scope.orgIds) },
          onProgress: track,
        });
        if (!outcome.ok) {
          return reply.status(422).send({ errors: outcome.errors, error: { code: 'IMPORT_INVALID' as const, message: outcome.message } });
        }
        track?.({ phase: 'done', inserted: outcome.inserted, updated: outcome.updated });
        return { dataset: d.name, inserted: outcome.inserted, updated: outcome.updated };
      } catch (err) {
        track?.({ phase: 'failed' });
        throw err;
      } finally {
        await upload?.cleanup();
      }
    });

    app.get(`/api/imports/${d.name}/template`, {
      config: { access: d.importPermission },
      schema: { tags: ['imports'], summary: `${d.label}导入模板（XLSX，含“说明”工作表）` },
    }, async (_req, reply) => {
      const body = await buildTemplate(d);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition(`${d.label}-导入模板.xlsx`, `${d.name}-template.xlsx`))
        .header('cache-control', 'no-store')
        .send(body);
    });

    const exportQuery = (d.exportFilters ?? z.object({})).extend({
      format: z.enum(EXPORT_FORMATS, { message: 'format 应为 xlsx 或 csv' }).default('xlsx'),
    });
    app.get(`/api/exports/${d.name}`, {
      config: { access: d.exportPermission },
      schema: { tags: ['exports'], summary: `导出${d.label}（本人数据范围内；格式与导入相同，可直接重新导入）`, querystring: exportQuery },
    }, async (req, reply) => {
      const user = req.user!;
      const { format, ...filters } = req.query as { format: (typeof EXPORT_FORMATS)[number] } & Record<string, unknown>;
      const today = todayInChina();
      const out = new PassThrough();
      runExport(ctx.db, { dataset: d, format, filters, scopeOrgIds: user.scope.orgIds, actor: actorOf(user, req.ip), out })
        .catch((err) => { req.log.error({ err }, 'export failed'); out.destroy(err as Error); });
      return reply
        .type(EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(exportFileName(d, format, today), `${d.name}-${today}.${format}`))
        .header('cache-control', 'no-store')
        .send(out);
    });
  }

  app.get('/api/imports/progress/:progressId', {
    config: { access: 'session' },
    schema: { tags: ['imports'], summary: '导入进度（仅发起导入的会话可见；不查询数据库，导入进行中也能即时回答）', params: progressParams, response: { 200: importProgressEntry } },
  }, async (req) => {
    const entry = importProgress.get(req.params.progressId, req.sessionHash!);
    if (!entry) throw notFound('导入进度不存在或已过期');
    return entry;
  });
};
