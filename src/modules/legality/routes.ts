// Legality routes (/api/legality): the register of items submitted for legality review
// and the normative documents. Reading needs legality.read, every change legality.write;
// records of organisations outside the caller's scope answer 404.
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import * as s from './schema';
import {
  batchCleanup, createItem, deleteItem, getItem, recordAdoption, recordCleanup, recordFairCompetition, recordIssue, recordReview, updateItem, visibleItem,
} from './service';
import { exportItems, listItems } from './list';
import { opinionDocument } from './documents';

const TAGS = ['legality'];

export const legalityRoutes: RouteModule = (app, ctx) => {
  app.get('/api/legality/items', {
    config: { access: 'legality.read' },
    schema: { tags: TAGS, summary: '合法性审查事项和规范性文件列表（按标题、文号、编号查询；按类型、机构、状态、日期、未经审查通过等筛选）', querystring: s.listQuery, response: { 200: s.anyObject } },
  }, async (req) => listItems(ctx, req.user!, req.query));

  app.get('/api/legality/items/export', {
    config: { access: 'legality.read' },
    schema: { tags: TAGS, summary: '按当前筛选条件导出Excel', querystring: s.listFilters },
  }, async (req, reply) => {
    const buffer = await exportItems(ctx, req.user!, req.query);
    const name = req.query.kind === 'normative_doc' ? '行政规范性文件' : '合法性审查';
    return reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', contentDisposition(`${name}-${todayInChina()}.xlsx`, `legality-${todayInChina()}.xlsx`)).send(buffer);
  });

  app.post('/api/legality/items', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '登记报送合法性审查的事项（编号留空则自动生成）', body: s.itemInput, response: { 200: s.anyObject } },
  }, async (req) => createItem(ctx, req.user!, actorOf(req.user!, req.ip), req.body));

  app.post('/api/legality/cleanup', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '批量登记规范性文件清理结果（全部成功或全部不登记）', body: s.batchCleanupInput, response: { 200: s.anyObject } },
  }, async (req) => batchCleanup(ctx, req.user!, actorOf(req.user!, req.ip), req.body));

  app.get('/api/legality/items/:id', {
    config: { access: 'legality.read' },
    schema: { tags: TAGS, summary: '事项详情：各环节日期、审查结论和提示', params: s.itemParams, response: { 200: s.anyObject } },
  }, async (req) => getItem(ctx, req.user!, req.params.id));

  app.put('/api/legality/items/:id', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '修改事项基本信息', params: s.itemParams, body: s.itemInput, response: { 200: s.anyObject } },
  }, async (req) => updateItem(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.delete('/api/legality/items/:id', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '删除事项（仅限尚未登记审查、通过或公布情况的）', params: s.itemParams, response: { 200: s.anyObject } },
  }, async (req) => deleteItem(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/legality/items/:id/review', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '登记合法性审查结果（审查完成日期、结论、意见）', params: s.itemParams, body: s.reviewInput, response: { 200: s.anyObject } },
  }, async (req) => recordReview(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/legality/items/:id/fair-competition', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '登记公平竞争审查（日期、是否通过）', params: s.itemParams, body: s.fairCompetitionInput, response: { 200: s.anyObject } },
  }, async (req) => recordFairCompetition(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/legality/items/:id/adoption', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '登记通过（集体审议决定、签发）日期', params: s.itemParams, body: s.adoptionInput, response: { 200: s.anyObject } },
  }, async (req) => recordAdoption(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/legality/items/:id/issue', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '登记公布（印发）日期和文号', params: s.itemParams, body: s.issueInput, response: { 200: s.anyObject } },
  }, async (req) => recordIssue(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/legality/items/:id/cleanup', {
    config: { access: 'legality.write' },
    schema: { tags: TAGS, summary: '登记规范性文件清理结果（继续有效、修改、废止、宣布失效）', params: s.itemParams, body: s.cleanupInput, response: { 200: s.anyObject } },
  }, async (req) => recordCleanup(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.get('/api/legality/items/:id/opinion', {
    config: { access: 'legality.read' },
    schema: { tags: TAGS, summary: '生成合法性审查意见书（Word）', params: s.itemParams },
  }, async (req, reply) => {
    const item = await visibleItem(ctx.db, req.user!, req.params.id);
    const { buffer, filename } = await opinionDocument(item);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(filename, `legality-opinion-${req.params.id}.docx`)).send(buffer);
  });
};
