// Annual report routes. Staff (/api/reports): list and export, generate or regenerate the
// draft of a year for an organisation, read one (a version), edit its narratives, list
// versions, finalise, publish, download as Word. Reading needs reports.read, every
// change reports.write; a report of an organisation outside the scope answers 404.
// Portal (/api/public/reports): the published reports, their final version only.
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { idParam } from '../../platform/http/schemas';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './schema';
import {
  documentVersion, editNarratives, exportReports, finaliseReport, generateReport, getPublished, getReport, listPublished, listReports,
  listVersions, publishReport,
} from './service';
import { reportDocument } from './document';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const reportRoutes: RouteModule = (app, ctx) => {
  app.get('/api/reports', {
    config: { access: 'reports.read' },
    schema: { tags: ['reports'], summary: '年度法治政府建设报告列表（按标题、机构查询；按年度、机构、状态筛选）', querystring: s.listQuery, response: { 200: s.anyObject } },
  }, async (req) => listReports(ctx.db, req.user!, req.query));

  app.get('/api/reports/export', {
    config: { access: 'reports.read' },
    schema: { tags: ['reports'], summary: '按当前筛选条件导出报告列表（Excel）', querystring: s.listFilters },
  }, async (req, reply) => reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
    .header('content-disposition', contentDisposition(`年度法治政府建设报告-${todayInChina()}.xlsx`, `annual-reports-${todayInChina()}.xlsx`))
    .send(await exportReports(ctx.db, req.user!, req.query)));

  app.post('/api/reports/generate', {
    config: { access: 'reports.write' },
    schema: {
      tags: ['reports'], summary: '生成或重新生成某年度、某机构（含下级）的报告草稿：数据段落按最新记录重写，文字段落保留，保存为新版本',
      body: s.generateBody, response: { 200: s.anyObject },
    },
  }, async (req) => generateReport(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.get('/api/reports/:id', {
    config: { access: 'reports.read' },
    schema: { tags: ['reports'], summary: '报告（当前版本，或 version 指定的版本）：内容和所依据的数据', params: idParam, querystring: s.versionQuery, response: { 200: s.anyObject } },
  }, async (req) => getReport(ctx.db, req.user!, req.params.id, req.query.version));

  app.put('/api/reports/:id/narratives', {
    config: { access: 'reports.write' },
    schema: { tags: ['reports'], summary: '修改文字段落（保存为新版本，附修改说明）；已定稿的报告不能修改', params: idParam, body: s.narrativesBody, response: { 200: s.anyObject } },
  }, async (req) => editNarratives(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.get('/api/reports/:id/versions', {
    config: { access: 'reports.read' },
    schema: { tags: ['reports'], summary: '报告的全部版本（最新在前）', params: idParam, response: { 200: s.anyObject.array() } },
  }, async (req) => listVersions(ctx.db, req.user!, req.params.id));

  app.get('/api/reports/:id/versions/:version', {
    config: { access: 'reports.read' },
    schema: { tags: ['reports'], summary: '报告的某一版本', params: s.versionParams, response: { 200: s.anyObject } },
  }, async (req) => getReport(ctx.db, req.user!, req.params.id, req.params.version));

  app.post('/api/reports/:id/finalise', {
    config: { access: 'reports.write' },
    schema: { tags: ['reports'], summary: '定稿：锁定当前版本，此后不能修改或重新生成', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => finaliseReport(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/reports/:id/publish', {
    config: { access: 'reports.write' },
    schema: { tags: ['reports'], summary: '在门户网站公开定稿版本', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => publishReport(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.get('/api/reports/:id/document', {
    config: { access: 'reports.read' },
    schema: { tags: ['reports'], summary: '导出Word（GB/T 9704 公文格式）：version 指定的版本，缺省为定稿版本或当前版本', params: idParam, querystring: s.versionQuery },
  }, async (req, reply) => {
    const { report, version } = await documentVersion(ctx.db, req.user!, req.params.id, req.query.version);
    const buffer = await reportDocument(version.content, version.created_on);
    return reply.header('content-type', DOCX)
      .header('content-disposition', contentDisposition(`${report.title}（第${version.version}版）.docx`, `annual-report-${report.year}-${report.orgCode}-v${version.version}.docx`))
      .send(buffer);
  });
};

export const reportPublicRoutes: RouteModule = (app, ctx) => {
  app.get('/api/public/reports', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '已公开的年度法治政府建设报告', querystring: s.publicListQuery, response: { 200: s.anyObject } },
  }, async (req) => listPublished(ctx.db, req.query));

  app.get('/api/public/reports/:id', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '已公开的报告全文（定稿版本）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => getPublished(ctx.db, req.params.id));
};
