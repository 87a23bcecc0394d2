// Registers routes (/api/registers/...): for each of publications, trainings and
// activities a list (search, organisation subtree, dates, channel or kind, pagination),
// its Excel export, one record, create, edit and delete; the responsibility list (duties)
// by year and unit with per-unit progress, create, edit, mark completed, delete, export.
// Reading needs registers.read, writing registers.write; records outside the scope 404.
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { idParam } from '../../platform/http/schemas';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './schema';
import { createRegisterRecord, deleteRegisterRecord, exportRegister, getRegisterRecord, listRegister, REGISTERS, updateRegisterRecord } from './service';
import { completeDuty, createDuty, deleteDuty, dutyProgress, exportDuties, listDuties, updateDuty } from './duties';

const INPUTS = { publications: s.publicationInput, trainings: s.trainingInput, activities: s.activityInput } as const;

export const registerRoutes: RouteModule = (app, ctx) => {
  for (const spec of Object.values(REGISTERS)) {
    const base = `/api/registers/${spec.name}`;
    const input = INPUTS[spec.name];
    const tags = ['registers'];

    app.get(base, {
      config: { access: 'registers.read' },
      schema: { tags, summary: `${spec.label}登记（按编号、标题查询；按机构、日期、${spec.labels.type}、来源筛选）`, querystring: s.registerQuery, response: { 200: s.anyObject } },
    }, async (req) => listRegister(ctx.db, req.user!, spec, req.query));

    app.get(`${base}/export`, {
      config: { access: 'registers.read' },
      schema: { tags, summary: `按当前筛选条件导出${spec.label}（Excel）`, querystring: s.registerFilters },
    }, async (req, reply) => reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', contentDisposition(`${spec.label}-${todayInChina()}.xlsx`, `${spec.name}-${todayInChina()}.xlsx`))
      .send(await exportRegister(ctx.db, req.user!, spec, req.query)));

    app.get(`${base}/:id`, {
      config: { access: 'registers.read' },
      schema: { tags, summary: `一条${spec.label}记录`, params: idParam, response: { 200: s.anyObject } },
    }, async (req) => getRegisterRecord(ctx.db, req.user!, spec, req.params.id));

    app.post(base, {
      config: { access: 'registers.write' },
      schema: { tags, summary: `登记${spec.label}（编号留空时由系统生成 ${spec.prefix}-年度-序号）`, body: input, response: { 200: s.anyObject } },
    }, async (req) => createRegisterRecord(ctx.db, req.user!, actorOf(req.user!, req.ip), spec, req.body as s.PublicationInput));

    app.put(`${base}/:id`, {
      config: { access: 'registers.write' },
      schema: { tags, summary: `修改${spec.label}记录（编号不变）`, params: idParam, body: input, response: { 200: s.anyObject } },
    }, async (req) => updateRegisterRecord(ctx.db, req.user!, actorOf(req.user!, req.ip), spec, req.params.id, req.body as s.PublicationInput));

    app.delete(`${base}/:id`, {
      config: { access: 'registers.write' },
      schema: { tags, summary: `删除${spec.label}记录`, params: idParam, response: { 200: s.anyObject } },
    }, async (req) => deleteRegisterRecord(ctx.db, req.user!, actorOf(req.user!, req.ip), spec, req.params.id));
  }

  const tags = ['registers'];
  app.get('/api/registers/duties', {
    config: { access: 'registers.read' },
    schema: { tags, summary: '普法责任清单（按年度、责任单位、内容、完成情况筛选）', querystring: s.dutyQuery, response: { 200: s.anyObject } },
  }, async (req) => listDuties(ctx.db, req.user!, req.query));

  app.get('/api/registers/duties/progress', {
    config: { access: 'registers.read' },
    schema: { tags, summary: '各责任单位年度普法职责完成进度（已完成/总数）', querystring: s.dutyProgressQuery, response: { 200: s.anyObject.array() } },
  }, async (req) => dutyProgress(ctx.db, req.user!, req.query.year));

  app.get('/api/registers/duties/export', {
    config: { access: 'registers.read' },
    schema: { tags, summary: '按当前筛选条件导出普法责任清单（Excel）', querystring: s.dutyFilters },
  }, async (req, reply) => reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
    .header('content-disposition', contentDisposition(`${req.query.year}年普法责任清单-${todayInChina()}.xlsx`, `duties-${req.query.year}-${todayInChina()}.xlsx`))
    .send(await exportDuties(ctx.db, req.user!, req.query)));

  app.post('/api/registers/duties', {
    config: { access: 'registers.write' },
    schema: { tags, summary: '新增普法职责', body: s.dutyInput, response: { 200: s.anyObject } },
  }, async (req) => createDuty(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/registers/duties/:id', {
    config: { access: 'registers.write' },
    schema: { tags, summary: '修改普法职责', params: idParam, body: s.dutyInput, response: { 200: s.anyObject } },
  }, async (req) => updateDuty(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/registers/duties/:id/complete', {
    config: { access: 'registers.write' },
    schema: { tags, summary: '登记普法职责完成情况（完成日期和说明）', params: idParam, body: s.dutyCompletion, response: { 200: s.anyObject } },
  }, async (req) => completeDuty(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.delete('/api/registers/duties/:id', {
    config: { access: 'registers.write' },
    schema: { tags, summary: '删除普法职责', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => deleteDuty(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));
};
