import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam } from '../../platform/http/schemas';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './catalogueSchema';
import {
  createBundle, createCatalogueItem, exportCatalogue, getCatalogueItem, getServiceGuide, listBundles, listCatalogueItems, listServiceGuide,
  listServiceGuideBundles, setCatalogueItemActive, setCataloguePublished, updateCatalogueItem,
} from './catalogue';

// The catalogue is read with licensing.read (the window, leaders, inspectors, the legal
// division) and changed with licensing.catalogue, within the organisation scope. The
// service guide (办事指南) is public: what was published, nothing internal.
export const catalogueRoutes: RouteModule = (app, ctx) => {
  app.get('/api/licensing/catalogue', {
    config: { access: 'licensing.read' },
    schema: {
      tags: ['licensing'], summary: '政务服务事项清单（现行版本；本机构及上级机关的事项；按编码、名称查询，按类别、类型、实施机构、状态、公开筛选）',
      querystring: s.listQuery, response: { 200: s.catalogueList },
    },
  }, async (req) => listCatalogueItems(ctx.db, req.user!, req.query));

  app.get('/api/licensing/catalogue/export', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '导出事项清单（XLSX，按当前筛选条件）', querystring: s.exportQuery },
  }, async (req, reply) => {
    const { format: _format, ...filters } = req.query;
    const body = await exportCatalogue(ctx.db, req.user!, actorOf(req.user!, req.ip), filters);
    const today = todayInChina();
    return reply
      .type(EXPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', contentDisposition(`政务服务事项清单-${today}.xlsx`, `licensing-catalogue-${today}.xlsx`))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/api/licensing/catalogue/:id', {
    config: { access: 'licensing.read' },
    schema: {
      tags: ['licensing'], summary: '事项的一个版本（现行或历史）及其全部版本记录',
      params: idParam, response: { 200: s.catalogueDetail },
    },
  }, async (req) => getCatalogueItem(ctx.db, req.user!, req.params.id));

  app.post('/api/licensing/catalogue', {
    config: { access: 'licensing.catalogue' },
    schema: { tags: ['licensing'], summary: '新增事项（第1版）', body: s.catalogueItemInput, response: { 200: s.catalogueDetail } },
  }, async (req) => createCatalogueItem(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/licensing/catalogue/:id', {
    config: { access: 'licensing.catalogue' },
    schema: {
      tags: ['licensing'], summary: '修改事项：新增一个版本（原版本保留，已受理的办件仍按原版本办理）；id 须为现行版本',
      params: idParam, body: s.catalogueItemUpdate, response: { 200: s.catalogueDetail },
    },
  }, async (req) => updateCatalogueItem(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/licensing/catalogue/:id/active', {
    config: { access: 'licensing.catalogue' },
    schema: {
      tags: ['licensing'], summary: '停用（同时从办事指南撤下）或重新启用事项',
      params: idParam, body: s.activeChange, response: { 200: s.catalogueDetail },
    },
  }, async (req) => setCatalogueItemActive(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/licensing/catalogue/:id/publish', {
    config: { access: 'licensing.catalogue' },
    schema: { tags: ['licensing'], summary: '发布到门户网站办事指南', params: idParam, response: { 200: s.catalogueDetail } },
  }, async (req) => setCataloguePublished(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, true));

  app.post('/api/licensing/catalogue/:id/unpublish', {
    config: { access: 'licensing.catalogue' },
    schema: { tags: ['licensing'], summary: '从门户网站办事指南撤下', params: idParam, response: { 200: s.catalogueDetail } },
  }, async (req) => setCataloguePublished(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, false));

  app.get('/api/licensing/bundles', {
    config: { access: 'licensing.read' },
    schema: { tags: ['licensing'], summary: '“一件事”套餐', response: { 200: s.bundleList } },
  }, async (req) => listBundles(ctx.db, req.user!));

  app.post('/api/licensing/bundles', {
    config: { access: 'licensing.catalogue' },
    schema: { tags: ['licensing'], summary: '新增“一件事”套餐（至少2个现行事项）', body: s.bundleInput, response: { 200: s.bundleRow } },
  }, async (req) => createBundle(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.get('/api/public/service-guide', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公开：办事指南（已公开的事项）', querystring: s.publicQuery, response: { 200: s.guideList } },
  }, async (req) => listServiceGuide(ctx.db, req.query));

  app.get('/api/public/service-guide/:itemCode', {
    config: { access: 'public' },
    schema: {
      tags: ['public'], summary: '公开：一个事项的办事指南（申请材料、办理时限、收费、设定依据、网上办理、告知承诺、容缺受理）',
      params: s.itemCodeParam, response: { 200: s.guideDetail },
    },
  }, async (req) => getServiceGuide(ctx.db, req.params.itemCode));

  app.get('/api/public/service-guide-bundles', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公开：“一件事”套餐（所含事项均已公开的）', response: { 200: s.guideBundles } },
  }, async () => listServiceGuideBundles(ctx.db));
};
