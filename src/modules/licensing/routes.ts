// Licensing routes. Staff: applications and their steps (licensing.handle / .decide),
// electronic licences (licensing.read to read, licensing.decide to change), commitment
// checks (licensing.verify), all within the data scope (404 outside). Public (the
// portal): apply (rate-limited per client address), follow, supplement and withdraw an
// application with its tracking code (and upload and download its material files), rate
// it, verify a licence, read published decisions.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf, SYSTEM_ACTOR } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './schema';
import {
  applicationsForExport, getApplication, listApplications, publishedDecisions, rateApplication, submitApplication, supplementByApplicant, takeStep, trackApplications,
  withdrawByApplicant,
} from './applications';
import { endLicenceByStaff, getLicence, listLicences, replaceLicence, tokenByLicenceNo, verifyByToken } from './licences';
import { listChecks, recordCheck } from './checks';
import { licenceDocument } from './document';
import { applyLimiter, lookupLimiter, uploadLimiter } from './rateLimit';
import { sendersFromConfig } from './reminders';
import {
  ACCEPTED_TYPES_TEXT, APPLICATION_FILE_POLICY, addApplicationFile, assertMayAddFile, openApplicationFile, openApplicationFileByCode,
  type FileTarget, type NewApplicationFile,
} from './applicationFiles';
import { receiveUpload, sendStoredFile } from '../evidence/uploads';

const APPLICATION_COLUMNS = ['办件编号', '事项编码', '事项名称', '办理机构', '申请人', '统一社会信用代码', '申请渠道', '状态', '收件日期', '受理日期', '承诺办结日期', '办结日期', '告知承诺', '容缺受理', '已超期', '证照编号'];
const LICENCE_COLUMNS = ['证照编号', '证照名称', '事项编码', '持证人', '统一社会信用代码', '联系电话', '电子邮箱', '发证机关', '发证日期', '有效期起', '有效期至', '状态', '剩余天数'];

async function xlsx(sheet: string, columns: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(columns);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  columns.forEach((_, i) => { ws.getColumn(i + 1).width = i < 6 ? 24 : 14; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** Reads the fields, then streams the file part into the evidence directory, checking its type and size (modules/evidence/uploads.ts). */
async function receiveApplicationFile<T extends z.ZodTypeAny>(req: FastifyRequest, evidenceDir: string, schema: T,
  before: (fields: z.infer<T>) => Promise<void>): Promise<{ fields: z.infer<T>; file: NewApplicationFile }> {
  const { fields, file } = await receiveUpload(req, evidenceDir, APPLICATION_FILE_POLICY, schema, before);
  return { fields, file: { ...file, materialCode: (fields as { materialCode: string }).materialCode } };
}

/** Receives and records one material file for the target the fields name. */
async function uploadTo<T extends z.ZodTypeAny>(req: FastifyRequest, ctx: Parameters<RouteModule>[1], schema: T, target: (fields: z.infer<T>) => FileTarget, actor: Parameters<typeof addApplicationFile>[3]) {
  const dir = ctx.config.evidenceDir;
  const { fields, file } = await receiveApplicationFile(req, dir, schema, (f) => assertMayAddFile(ctx.db, target(f)));
  try {
    return await addApplicationFile(ctx.db, dir, target(fields), actor, file);
  } finally {
    await fs.promises.rm(file.tmpPath, { force: true }); // already moved when recorded
  }
}

export const licensingRoutes: RouteModule = (app, ctx) => {
  // ------------------------------------------------------------------ applications
  app.get('/api/licensing/applications', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '办件列表（按办件编号、申请人、事项查询；按状态、事项、渠道、机构、收件日期、超期筛选）', querystring: s.listQuery, response: { 200: s.anyList } },
  }, async (req) => listApplications(ctx.db, req.user!, req.query));

  app.get('/api/licensing/applications/export', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '导出办件列表（XLSX，按当前筛选条件）', querystring: s.exportQuery },
  }, async (req, reply) => {
    const rows = await applicationsForExport(ctx.db, req.user!, req.query);
    const body = await xlsx('办件', APPLICATION_COLUMNS, rows.map((r) => [r.applicationNo, r.itemCode, r.itemName, r.orgName, r.applicantName, r.applicantUscc ?? '', r.channelName, r.stateName,
      r.receivedOn, r.acceptedOn ?? '', r.dueOn ?? '', r.concludedOn ?? '', yesNo(r.commitment), yesNo(r.deficiencyAccepted), yesNo(r.overdue), r.licenceNo ?? '']));
    await ctx.db.transaction((tx) => recordAudit(tx, actorOf(req.user!, req.ip), { action: 'export.licence_applications', objectType: 'dataset', objectId: 'licence_applications', after: { rows: rows.length, filters: req.query } }));
    const today = todayInChina();
    return reply.type(EXPORT_CONTENT_TYPES.xlsx).header('content-disposition', contentDisposition(`办件-${today}.xlsx`, `applications-${today}.xlsx`)).header('cache-control', 'no-store').send(body);
  });

  app.post('/api/licensing/applications', {
    config: { access: 'licensing.handle' },
    schema: { tags: ['licensing'], summary: '窗口登记申请（收件）：事项或“一件事”套餐、申请人、材料提交情况；返回查询码', body: s.windowApplicationInput, response: { 200: s.anyObject } },
  }, async (req) => submitApplication(ctx.db, await ctx.calendar.current(), sendersFromConfig(ctx.config), req.user!, actorOf(req.user!, req.ip), req.body, req.body.channel, req.ip));

  app.get('/api/licensing/applications/:id', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '办件详情：材料、容缺清单、时限、可办理的下一步、证照、核查', params: s.idParam, response: { 200: s.anyObject } },
  }, async (req) => getApplication(ctx.db, req.user!, await ctx.calendar.current(), req.params.id));

  // Each step's own permission (licensing.handle or licensing.decide) is checked by the service.
  app.post('/api/licensing/applications/:id/steps/:step', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '办理一步：一次性告知补正、受理、容缺受理、不予受理、登记补齐、准予许可（签发电子证照）、不予许可、予以备案、撤回（决定类步骤另需 licensing.decide）', params: s.stepParam, body: s.stepInput, response: { 200: s.anyObject } },
  }, async (req) => takeStep(ctx.db, req.user!, actorOf(req.user!, req.ip), await ctx.calendar.current(), req.params.id, req.params.step, req.body ?? {}, sendersFromConfig(ctx.config)));

  app.post('/api/licensing/applications/:id/files', {
    config: { access: 'licensing.handle' },
    schema: {
      tags: ['licensing'], summary: `窗口为申请材料上传电子文件（multipart：先字段 materialCode，后文件 file；${ACCEPTED_TYPES_TEXT}，每个不超过10 MB；计算 SM3，纳入备份）`,
      consumes: ['multipart/form-data'], params: s.idParam, response: { 200: s.anyObject },
    },
  }, async (req) => {
    const user = req.user!;
    return uploadTo(req, ctx, s.staffFileFields, () => ({ user, applicationId: req.params.id }), actorOf(user, req.ip));
  });

  app.get('/api/licensing/applications/:id/files/:fileId', {
    config: { access: 'licensing.read' },
    // Every GET is an audited access; a HEAD must not audit one without sending the file.
    exposeHeadRoute: false,
    schema: { tags: ['licensing'], summary: '查看（inline）或下载（attachment）申请材料文件，记入审计日志', params: s.fileParam, querystring: s.fileContentQuery },
  }, async (req, reply) => {
    const user = req.user!;
    const opened = await openApplicationFile(ctx.db, ctx.config.evidenceDir, user, actorOf(user, req.ip), { applicationId: req.params.id, fileId: req.params.fileId }, req.query.disposition);
    return sendStoredFile(reply, { contentType: opened.row.content_type, fileName: opened.row.file_name, sm3: opened.row.sm3, size: opened.size, stream: opened.stream }, opened.disposition);
  });

  // ------------------------------------------------------------------ licences
  app.get('/api/licensing/licences', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '电子证照列表（按编号、持证人查询；按状态、事项、机构筛选；expiring=true：进入到期提醒期（事项设置的最大提醒天数内）的有效证照，expiringWithin=N：N天内到期的有效证照，均按到期日排序）', querystring: s.licenceListQuery, response: { 200: s.anyList } },
  }, async (req) => {
    const r = await listLicences(ctx.db, req.user!, req.query);
    return { rows: r.items, total: r.total, totalCapped: false, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/api/licensing/licences/export', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '导出电子证照列表（XLSX；带 expiring=true 或 expiringWithin 即为到期提醒电话回访清单，含持证人联系方式）', querystring: s.licenceExportQuery },
  }, async (req, reply) => {
    const r = await listLicences(ctx.db, req.user!, { ...req.query, page: 1, pageSize: 50_000 });
    const body = await xlsx('电子证照', LICENCE_COLUMNS, r.items.map((l) => [l.licenceNo, l.licenceName, l.itemCode ?? '', l.holderName, l.holderUscc ?? '', l.contactPhone ?? '', l.contactEmail ?? '', l.orgName, l.issuedOn, l.validFrom, l.validTo, l.statusName, l.daysLeft]));
    await ctx.db.transaction((tx) => recordAudit(tx, actorOf(req.user!, req.ip), { action: 'export.licences', objectType: 'dataset', objectId: 'licences', after: { rows: r.items.length, filters: req.query } }));
    const today = todayInChina();
    const name = req.query.expiringWithin !== undefined || req.query.expiring === 'true' ? `即将到期证照-${today}.xlsx` : `电子证照-${today}.xlsx`;
    return reply.type(EXPORT_CONTENT_TYPES.xlsx).header('content-disposition', contentDisposition(name, `licences-${today}.xlsx`)).header('cache-control', 'no-store').send(body);
  });

  app.get('/api/licensing/licences/:id', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '电子证照详情：签名核验结果、状态、历史（签发、变更、延续、补发、注销、撤销）', params: s.idParam, response: { 200: s.anyObject } },
  }, async (req) => getLicence(ctx.db, req.user!, req.params.id));

  app.get('/api/licensing/licences/:id/document', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '打印证照（Word），带核验二维码', params: s.idParam },
  }, async (req, reply) => {
    const l = await getLicence(ctx.db, req.user!, req.params.id);
    const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const body = await licenceDocument(l, origin);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(`${l.licenceName}-${l.licenceNo}.docx`, `licence-${l.licenceNo}.docx`)).send(body);
  });

  app.post('/api/licensing/licences/:id/revoke', {
    config: { access: 'licensing.decide' },
    schema: { tags: ['licensing'], summary: '撤销（吊销）证照：写明理由，可关联据以作出的行政处罚决定', params: s.idParam, body: s.endInput, response: { 200: s.anyObject } },
  }, async (req) => endLicenceByStaff(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, 'revoked', req.body));

  app.post('/api/licensing/licences/:id/cancel', {
    config: { access: 'licensing.decide' },
    schema: { tags: ['licensing'], summary: '注销证照（持证人申请注销、歇业等），写明理由', params: s.idParam, body: s.endInput, response: { 200: s.anyObject } },
  }, async (req) => endLicenceByStaff(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, 'cancelled', req.body));

  app.post('/api/licensing/licences/:id/replace', {
    config: { access: 'licensing.decide' },
    schema: { tags: ['licensing'], summary: '变更、延续或补发：签发新证照，原证照标记为已换发', params: s.idParam, body: s.replaceInput, response: { 200: s.anyObject } },
  }, async (req) => replaceLicence(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  // ------------------------------------------------------------------ checks
  app.get('/api/licensing/checks', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '告知承诺和备案的核查任务（按状态筛选；未办结的按到期日排在前面）', querystring: s.checkListQuery, response: { 200: s.anyList } },
  }, async (req) => listChecks(ctx.db, req.user!, req.query));

  app.post('/api/licensing/checks/:id', {
    config: { access: 'licensing.verify' },
    schema: { tags: ['licensing'], summary: '登记核查结论：属实，或承诺不实（撤销许可并留下信用记录）', params: s.idParam, body: s.checkInput, response: { 200: s.anyObject } },
  }, async (req) => recordCheck(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));
};

export const licensingPublicRoutes: RouteModule = (app, ctx) => {
  const applying = applyLimiter();
  const lookups = lookupLimiter();
  const uploads = uploadLimiter();
  const applicant = (ip: string) => ({ ...SYSTEM_ACTOR('applicant'), ip });

  app.post('/api/public/applications', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '网上申请（无需注册；同一网络地址每小时提交次数有限）：返回查询码', body: s.applicationInput, response: { 200: s.anyObject } },
  }, async (req) => {
    applying.take(req.ip);
    return submitApplication(ctx.db, await ctx.calendar.current(), sendersFromConfig(ctx.config), null, applicant(req.ip), req.body, 'online', req.ip);
  });

  app.get('/api/public/applications/:code', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '凭查询码查看办件进度、补正通知、容缺清单和办理结果', params: s.trackingParam, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    return trackApplications(ctx.db, req.params.code);
  });

  app.post('/api/public/applications/:code/supplement', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '申请人补正材料或补齐容缺材料', params: s.trackingParam, body: s.supplementInput, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    await supplementByApplicant(ctx.db, applicant(req.ip), req.params.code, req.body);
    return trackApplications(ctx.db, req.params.code);
  });

  app.post('/api/public/applications/:code/withdraw', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '申请人凭查询码撤回尚未办结的申请（写明原因）', params: s.trackingParam, body: s.withdrawInput, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    await withdrawByApplicant(ctx.db, await ctx.calendar.current(), sendersFromConfig(ctx.config), applicant(req.ip), req.params.code, req.body);
    return trackApplications(ctx.db, req.params.code);
  });

  app.post('/api/public/applications/:code/files', {
    config: { access: 'public' },
    schema: {
      tags: ['portal'], summary: `申请人凭查询码上传申请材料文件（multipart：先字段 applicationNo、materialCode，后文件 file；${ACCEPTED_TYPES_TEXT}，每个不超过10 MB；同一网络地址每小时上传次数有限）`,
      consumes: ['multipart/form-data'], params: s.trackingParam, response: { 200: s.anyObject },
    },
  }, async (req) => {
    lookups.take(req.ip);
    uploads.take(req.ip);
    const done = await uploadTo(req, ctx, s.publicFileFields, (f) => ({ trackingCode: req.params.code, applicationNo: f.applicationNo }), applicant(req.ip));
    // The applicant sees the name, not the digest or where it is kept.
    return { id: done.id, materialCode: done.materialCode, materialName: done.materialName, fileName: done.fileName, sizeBytes: done.sizeBytes, uploadedAt: done.uploadedAt };
  });

  app.get('/api/public/applications/:code/files/:fileId', {
    config: { access: 'public' },
    // Every GET is an audited access; a HEAD must not audit one without sending the file.
    exposeHeadRoute: false,
    schema: {
      tags: ['portal'], summary: '申请人凭查询码查看（inline）或下载（attachment）本人办件的申请材料文件（含窗口上传的），记入审计日志；与其他查询共用频率限制',
      params: s.trackedFileParam, querystring: s.fileContentQuery,
    },
  }, async (req, reply) => {
    lookups.take(req.ip);
    const opened = await openApplicationFileByCode(ctx.db, ctx.config.evidenceDir, applicant(req.ip), { trackingCode: req.params.code, fileId: req.params.fileId }, req.query.disposition);
    // As on upload, the applicant gets the file, not its digest.
    return sendStoredFile(reply, { contentType: opened.row.content_type, fileName: opened.row.file_name, sm3: null, size: opened.size, stream: opened.stream }, opened.disposition);
  });

  app.post('/api/public/applications/:code/rating', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '办结后评价（好差评，1至5星）', params: s.trackingParam, body: s.ratingInput, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    await rateApplication(ctx.db, applicant(req.ip), req.params.code, req.body);
    return trackApplications(ctx.db, req.params.code);
  });

  app.get('/api/public/licences/verify/:token', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '电子证照核验（二维码地址）：验证SM2签名，显示证照内容和当前状态', params: s.tokenParam, response: { 200: s.anyObject } },
  }, async (req) => verifyByToken(ctx.db, req.params.token));

  app.get('/api/public/licences/lookup', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '按证照编号查找核验地址', querystring: s.lookupQuery, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    return { token: await tokenByLicenceNo(ctx.db, req.query.licenceNo) };
  });

  app.get('/api/public/licensing-decisions', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '行政许可决定公示（双公示，已按规则隐去个人信息；附证照的当前状态）', querystring: s.decisionListQuery, response: { 200: s.decisionList } },
  }, async (req) => publishedDecisions(ctx.db, req.query));
};
