// Files attached to a matter (files.ts):
//   POST /api/matters/:kind/:id/files                    multipart/form-data: the fields `category` and
//                                                        `note` (optional) FIRST, then the part `file`
//   GET  /api/matters/:kind/:id/files?withdrawn=1        the list (withdrawn files only when asked for)
//   GET  /api/matters/:kind/:id/files/:fileId?inline=1   the file (inline for PDF and images), audited
//   POST /api/matters/:kind/:id/files/:fileId/withdraw   withdraw with a reason (open matters only)
// Like the other matters routes the access is 'authenticated' and the permission is
// checked by the service, as the kind is a path parameter; records out of scope are 404.
import fs from 'node:fs';
import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { text } from '../../platform/http/schemas';
import { MATTER_FILE_CATEGORIES, MATTER_FILE_CATEGORY_CODES } from '../../core/matters/files';
import { receiveUpload, sendStoredFile } from '../evidence/uploads';
import { matterParams, anyObject } from './schema';
import {
  MATTER_FILE_POLICY, addMatterFile, assertMayAddMatterFile, listMatterFiles, openMatterFile, withdrawMatterFile,
} from './files';

const fileParams = matterParams.extend({ fileId: z.coerce.number().int().positive().max(2_147_483_647) });
const flag = z.enum(['0', '1', 'true', 'false'], { message: '应为 1 或 0' }).nullish().transform((v) => v === '1' || v === 'true');
const listQuery = z.object({ withdrawn: flag });
const contentQuery = z.object({ inline: flag });
/** The multipart fields sent before the file part. */
const uploadFields = z.object({
  category: z.enum(MATTER_FILE_CATEGORY_CODES, { message: `请选择附件类别：${Object.values(MATTER_FILE_CATEGORIES).join('、')}` }),
  note: z.string().trim().max(500, '说明不能超过500个字符').nullish().transform((v) => v || null),
});
const withdrawBody = z.object({ reason: text(500) });

export const matterFileRoutes: RouteModule = (app, ctx) => {
  app.post('/api/matters/:kind/:id/files', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['matters'], summary: '上传事项附件（multipart：先字段 category、note，后文件 file；PDF、JPG、PNG、OFD、DOC、DOCX，每个不超过20 MB；计算 SM3，纳入备份；需本类事项办理权限或 matters.approve）',
      consumes: ['multipart/form-data'], params: matterParams, response: { 200: anyObject },
    },
  }, async (req) => {
    const user = req.user!;
    const { kind, id } = req.params;
    const dir = ctx.config.evidenceDir;
    // Refused before the file is received: no permission, or a matter not found or out of scope.
    const { fields, file } = await receiveUpload(req, dir, MATTER_FILE_POLICY, uploadFields, () => assertMayAddMatterFile(ctx.db, user, kind, id));
    try {
      return await addMatterFile(ctx.db, dir, user, actorOf(user, req.ip), kind, id, { ...file, category: fields.category, note: fields.note });
    } finally {
      await fs.promises.rm(file.tmpPath, { force: true }); // already moved when recorded
    }
  });

  app.get('/api/matters/:kind/:id/files', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '事项附件列表（类别、文件名、大小、SM3、上传人、时间；withdrawn=1 含已撤回的）', params: matterParams, querystring: listQuery, response: { 200: anyObject } },
  }, async (req) => listMatterFiles(ctx.db, req.user!, req.params.kind, req.params.id, req.query.withdrawn));

  app.get('/api/matters/:kind/:id/files/:fileId', {
    config: { access: 'authenticated' },
    // Every GET is an audited access; a HEAD must not audit one without sending the file.
    exposeHeadRoute: false,
    schema: { tags: ['matters'], summary: '下载事项附件（inline=1：PDF 和图片在浏览器中查看），记入审计日志', params: fileParams, querystring: contentQuery },
  }, async (req, reply) => {
    const user = req.user!;
    const opened = await openMatterFile(ctx.db, ctx.config.evidenceDir, user, actorOf(user, req.ip), req.params.kind,
      { id: req.params.id, fileId: req.params.fileId }, req.query.inline);
    return sendStoredFile(reply, {
      contentType: opened.row.content_type, fileName: opened.row.file_name, sm3: opened.row.sm3, size: opened.size, stream: opened.stream,
    }, opened.disposition);
  });

  app.post('/api/matters/:kind/:id/files/:fileId/withdraw', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '撤回事项附件（须写明理由；已办结的事项不能撤回；文件仍保存并纳入备份）', params: fileParams, body: withdrawBody, response: { 200: anyObject } },
  }, async (req) => withdrawMatterFile(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.kind, { id: req.params.id, fileId: req.params.fileId }, req.body.reason));
};
