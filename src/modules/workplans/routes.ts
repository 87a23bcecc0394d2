// Work-plan routes (工作要点), all under /api/workplans:
//   GET    /                          list (q, year, orgId subtree, status; paged)      workplans.read
//   GET    /export                    the list as Excel                                  workplans.read
//   POST   /                          create a plan                                      workplans.write
//   POST   /import?orgId&year&preview multipart `file` (.docx/.txt): preview or save     workplans.write
//   GET    /:id                       the plan: sections, tasks, units, targets, notes  workplans.read
//   PUT    /:id, DELETE /:id          edit (title, intro, year, status), delete          workplans.write
//   GET    /:id/targets               targets with live values (met / missed / 无数据)    workplans.read
//   GET    /:id/document              Word, official layout                              workplans.read
//   POST   /:id/sections, /:id/sections/order; PUT|DELETE /sections/:id               workplans.write
//   POST   /sections/:id/tasks, /sections/:id/tasks/order; PUT|DELETE /tasks/:id       workplans.write
//   PUT    /tasks/:id/units           the lead and supporting units                      workplans.write
//   POST   /tasks/:id/targets; PUT|DELETE /targets/:id                                 workplans.write
//   PUT    /tasks/:id/progress/:quarter  a unit's quarterly note (rules in service.ts)  workplans.progress
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { AppError, badRequest } from '../../platform/http/errors';
import { idParam, okResponse } from '../../platform/http/schemas';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './schema';
import * as svc from './service';
import { exportPlans, listPlans } from './list';
import { planTargets } from './targets';
import { planDocument } from './document';
import { annotateOutline, assertImportOrg, MAX_OUTLINE_BYTES, readOutline, saveOutline } from './importer';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['workplans'];

/** A broken multipart body is the client's error; ours and Fastify's 4xx keep theirs. */
function malformed(err: unknown): unknown {
  const status = (err as { statusCode?: number }).statusCode;
  if (err instanceof AppError || (status !== undefined && status >= 400 && status < 500)) return err;
  return badRequest('WORKPLAN_IMPORT_MALFORMED', '上传的内容不是有效的 multipart/form-data，或文件没有完整上传，请重新上传');
}

async function receiveOutline(req: FastifyRequest): Promise<{ fileName: string; buffer: Buffer }> {
  if (!req.isMultipart()) throw badRequest('WORKPLAN_IMPORT_NO_FILE', '请以 multipart/form-data 方式上传文件（字段名 file）');
  const part = await req.file({ limits: { fileSize: MAX_OUTLINE_BYTES } }).catch((err) => { throw malformed(err); });
  if (!part) throw badRequest('WORKPLAN_IMPORT_NO_FILE', '请上传工作要点文件（字段名 file）');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw badRequest('WORKPLAN_IMPORT_NO_FILE', '请在字段 file 中上传工作要点文件');
  }
  const buffer = await part.toBuffer().catch((err) => { throw malformed(err); });
  if (part.file.truncated) throw badRequest('WORKPLAN_IMPORT_TOO_LARGE', '文件过大：工作要点文件不能超过5MB');
  return { fileName: part.filename || 'upload.txt', buffer };
}

export const workplanRoutes: RouteModule = (app, ctx) => {
  const ok = { ok: true as const };

  app.get('/api/workplans', {
    config: { access: 'workplans.read' },
    schema: { tags, summary: '工作要点列表（按标题查询；按年度、机构（含下级）、状态筛选）', querystring: s.listQuery, response: { 200: s.anyObject } },
  }, async (req) => listPlans(ctx.db, req.user!, req.query));

  app.get('/api/workplans/export', {
    config: { access: 'workplans.read' },
    schema: { tags, summary: '按当前筛选条件导出工作要点列表（Excel）', querystring: s.listFilters },
  }, async (req, reply) => reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
    .header('content-disposition', contentDisposition(`工作要点-${todayInChina()}.xlsx`, `workplans-${todayInChina()}.xlsx`))
    .send(await exportPlans(ctx.db, req.user!, req.query)));

  app.post('/api/workplans', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '新建工作要点', body: s.planInput, response: { 200: s.anyObject } },
  }, async (req) => svc.createPlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.post('/api/workplans/import', {
    config: { access: 'workplans.write' },
    schema: {
      tags, consumes: ['multipart/form-data'], querystring: s.importQuery, response: { 200: s.anyObject },
      summary: '从 Word（.docx）或文本（.txt）导入工作要点：preview=1 只解析并返回大纲供确认，preview=0 保存为草稿（一个事务）',
    },
  }, async (req) => {
    const user = req.user!;
    await assertImportOrg(ctx.db, user, req.query.orgId);
    const { fileName, buffer } = await receiveOutline(req);
    const outline = await readOutline(fileName, buffer);
    const annotated = await annotateOutline(ctx.db, req.query.orgId, outline);
    if (req.query.preview) return { preview: true, fileName, outline: annotated };
    const saved = await saveOutline(ctx.db, user, actorOf(user, req.ip), req.query.orgId, req.query.year, outline, fileName);
    return { preview: false, fileName, ...saved };
  });

  app.get('/api/workplans/:id', {
    config: { access: 'workplans.read' },
    schema: { tags, summary: '工作要点：章节、任务、牵头和配合单位、目标、季度进展', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => svc.getPlan(ctx.db, req.user!, req.params.id));

  app.put('/api/workplans/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '修改工作要点（标题、引言、年度、机构、状态）', params: idParam, body: s.planInput, response: { 200: okResponse } },
  }, async (req) => { await svc.updatePlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body); return ok; });

  app.delete('/api/workplans/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '删除工作要点（连同其章节、任务、目标和进展）', params: idParam, response: { 200: okResponse } },
  }, async (req) => { await svc.deletePlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id); return ok; });

  app.get('/api/workplans/:id/targets', {
    config: { access: 'workplans.read' },
    schema: { tags, summary: '目标的实时值：本机构（含下级）本年度1月1日至今的指标值，是否达标（无数据的不计为达标）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => planTargets(ctx.db, req.user!, req.params.id));

  app.get('/api/workplans/:id/document', {
    config: { access: 'workplans.read' },
    schema: { tags, summary: '导出工作要点（Word，公文格式）', params: idParam },
  }, async (req, reply) => {
    const { buffer, filename } = await planDocument(ctx.db, req.user!, req.params.id);
    return reply.header('content-type', DOCX).header('content-disposition', contentDisposition(filename, `workplan-${req.params.id}.docx`)).send(buffer);
  });

  // Sections.
  app.post('/api/workplans/:id/sections', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '新增章节（排在最后）', params: idParam, body: s.sectionInput, response: { 200: s.anyObject } },
  }, async (req) => svc.addSection(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.heading));

  app.post('/api/workplans/:id/sections/order', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '调整章节顺序（全部章节 id，按新顺序）；任务重新编号', params: idParam, body: s.orderInput, response: { 200: okResponse } },
  }, async (req) => { await svc.reorderSections(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.ids); return ok; });

  app.put('/api/workplans/sections/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '修改章节标题', params: idParam, body: s.sectionInput, response: { 200: okResponse } },
  }, async (req) => { await svc.updateSection(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.heading); return ok; });

  app.delete('/api/workplans/sections/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '删除章节（连同其任务）', params: idParam, response: { 200: okResponse } },
  }, async (req) => { await svc.deleteSection(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id); return ok; });

  // Tasks.
  app.post('/api/workplans/sections/:id/tasks', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '在章节末尾新增任务（单位按名称匹配本机构及下级机构）', params: idParam, body: s.taskInput, response: { 200: s.anyObject } },
  }, async (req) => svc.addTask(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/workplans/sections/:id/tasks/order', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '调整章节内任务顺序（全部任务 id，按新顺序）；任务重新编号', params: idParam, body: s.orderInput, response: { 200: okResponse } },
  }, async (req) => { await svc.reorderTasks(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.ids); return ok; });

  app.put('/api/workplans/tasks/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '修改任务（内容、单位，或移到其他章节）', params: idParam, body: s.taskInput, response: { 200: okResponse } },
  }, async (req) => { await svc.updateTask(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body); return ok; });

  app.delete('/api/workplans/tasks/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '删除任务（连同其目标和进展）', params: idParam, response: { 200: okResponse } },
  }, async (req) => { await svc.deleteTask(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id); return ok; });

  app.put('/api/workplans/tasks/:id/units', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '设置任务的牵头和配合单位', params: idParam, body: s.unitsInput, response: { 200: okResponse } },
  }, async (req) => { await svc.setTaskUnits(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.units); return ok; });

  // Targets.
  app.post('/api/workplans/tasks/:id/targets', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '为任务新增目标（指标取自指标目录；比率以0至1表示）', params: idParam, body: s.targetInput, response: { 200: s.anyObject } },
  }, async (req) => svc.addTarget(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.put('/api/workplans/targets/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '修改目标', params: idParam, body: s.targetInput, response: { 200: okResponse } },
  }, async (req) => { await svc.updateTarget(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body); return ok; });

  app.delete('/api/workplans/targets/:id', {
    config: { access: 'workplans.write' },
    schema: { tags, summary: '删除目标', params: idParam, response: { 200: okResponse } },
  }, async (req) => { await svc.deleteTarget(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id); return ok; });

  // Progress.
  app.put('/api/workplans/tasks/:id/progress/:quarter', {
    config: { access: 'workplans.progress' },
    schema: { tags, summary: '填报本单位某季度的任务进展（本单位或其下级为牵头或配合单位的任务；编写人可为任何单位填报）', params: s.progressParams, body: s.progressInput, response: { 200: okResponse } },
  }, async (req) => { await svc.writeProgress(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.params.quarter, req.body); return ok; });
};
