import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam } from '../../platform/http/schemas';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './schema';
import { createCheckItem, exportCheckItems, getArticle, getCheckItem, listCheckItems, setCheckItemActive, updateCheckItem } from './service';

// Reading is open to every staff role (they all read the directory: entities.read);
// writing needs checkitems.write (the legal division) and the item's organisation in scope.
export const checkItemRoutes: RouteModule = (app, ctx) => {
  app.get('/api/checkitems', {
    config: { access: 'entities.read' },
    schema: {
      tags: ['checkitems'], summary: '检查事项清单（本机构及上级机关制定的；按编号、名称查询，按类别、随机抽查事项、状态、处罚条款筛选）',
      querystring: s.listQuery, response: { 200: s.checkItemList },
    },
  }, async (req) => listCheckItems(ctx.db, req.user!, req.query));

  app.get('/api/checkitems/export', {
    config: { access: 'entities.read' },
    schema: { tags: ['checkitems'], summary: '导出检查事项清单（XLSX，按当前筛选条件，含法律依据条文引用）', querystring: s.exportQuery },
  }, async (req, reply) => {
    const { format: _format, ...filters } = req.query;
    const body = await exportCheckItems(ctx.db, req.user!, actorOf(req.user!, req.ip), filters);
    const today = todayInChina();
    return reply
      .type(EXPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', contentDisposition(`检查事项清单-${today}.xlsx`, `checkitems-${today}.xlsx`))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/api/checkitems/article', {
    config: { access: 'entities.read' },
    schema: {
      tags: ['checkitems'], summary: '法律依据选择：法律法规库中现行有效的某条条文及其各款、项的引用',
      querystring: s.articleQuery, response: { 200: s.articleText },
    },
  }, async (req) => getArticle(ctx.db, req.query));

  app.get('/api/checkitems/:id', {
    config: { access: 'entities.read' },
    schema: {
      tags: ['checkitems'], summary: '检查事项详情（法律依据的现行条文、处罚条款、修订记录）',
      params: idParam, response: { 200: s.checkItemDetail },
    },
  }, async (req) => getCheckItem(ctx.db, req.user!, req.params.id));

  app.post('/api/checkitems', {
    config: { access: 'checkitems.write' },
    schema: { tags: ['checkitems'], summary: '新增检查事项', body: s.checkItemInput, response: { 200: s.checkItemDetail } },
  }, async (req) => createCheckItem(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/checkitems/:id', {
    config: { access: 'checkitems.write' },
    schema: {
      tags: ['checkitems'], summary: '修改检查事项（新增一个修订版本；编号和所属机构不变）',
      params: idParam, body: s.checkItemUpdate, response: { 200: s.checkItemDetail },
    },
  }, async (req) => updateCheckItem(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/checkitems/:id/deactivate', {
    config: { access: 'checkitems.write' },
    schema: {
      tags: ['checkitems'], summary: '停用检查事项（不删除：检查记录仍可引用）',
      params: idParam, body: s.statusChange, response: { 200: s.checkItemDetail },
    },
  }, async (req) => setCheckItemActive(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, false, req.body));

  app.post('/api/checkitems/:id/reactivate', {
    config: { access: 'checkitems.write' },
    schema: {
      tags: ['checkitems'], summary: '重新启用已停用的检查事项',
      params: idParam, body: s.statusChange, response: { 200: s.checkItemDetail },
    },
  }, async (req) => setCheckItemActive(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, true, req.body));
};
