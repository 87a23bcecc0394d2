import type { RouteModule } from '../../platform/http/types';
import * as s from './schema';
import { getPlan, getVisit, listPlans, listTasks, listVisits } from './service';

// The supervision lists (监督检查): read by the leaders, the legal division and the
// inspectors (inspections.read), each within their data scope. The Excel exports are the
// datasets' (/api/exports/random_plans|random_tasks|inspections) with the same filters.
export const inspectionRoutes: RouteModule = (app, ctx) => {
  app.get('/api/inspections/plans', {
    config: { access: 'inspections.read' },
    schema: {
      tags: ['inspections'], summary: '双随机抽查计划列表（按编号、名称查询；按来源、年度、机构、是否应用信用分类筛选；含任务数、完成数、联合抽查数、公示数）',
      querystring: s.planListQuery, response: { 200: s.planList },
    },
  }, async (req) => listPlans(ctx.db, req.user!, req.query));

  app.get('/api/inspections/plans/:id', {
    config: { access: 'inspections.read' },
    schema: {
      tags: ['inspections'], summary: '抽查计划详情：任务完成、联合抽查、按时公示等情况及其任务（分页）',
      params: s.planIdParam, querystring: s.planDetailQuery, response: { 200: s.planDetail },
    },
  }, async (req) => getPlan(ctx.db, req.user!, req.params.id, req.query));

  app.get('/api/inspections/tasks', {
    config: { access: 'inspections.read' },
    schema: {
      tags: ['inspections'], summary: '双随机抽查任务列表（按计划、状态、联合抽查、公示情况、机构筛选；按监管对象名称或统一社会信用代码查询）',
      querystring: s.taskListQuery, response: { 200: s.taskList },
    },
  }, async (req) => listTasks(ctx.db, req.user!, req.query));

  app.get('/api/inspections/visits', {
    config: { access: 'inspections.read' },
    schema: {
      tags: ['inspections'], summary: '监督检查记录列表（按检查日期、结果、双随机或日常检查、机构、执法人员、监管对象筛选）',
      querystring: s.visitListQuery, response: { 200: s.visitList },
    },
  }, async (req) => listVisits(ctx.db, req.user!, req.query));

  app.get('/api/inspections/visits/:id', {
    config: { access: 'inspections.read' },
    schema: { tags: ['inspections'], summary: '监督检查记录详情（检查人员、所属抽查任务）', params: s.visitIdParam, response: { 200: s.visitDetail } },
  }, async (req) => getVisit(ctx.db, req.user!, req.params.id));
};
