import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import * as s from './schema';
import { addRevision, createProvision, evaluateProvision, getProvision, listProvisions } from './service';

export const discretionRoutes: RouteModule = (app, ctx) => {
  // Open to every signed-in user: an inspector checks a range on site.
  app.post('/api/discretion/evaluate', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['discretion'], summary: '按案件事实计算法定罚款幅度和裁量档次幅度（并可校验拟罚款金额）',
      body: s.evaluateInput, response: { 200: s.evaluation },
    },
  }, async (req) => evaluateProvision(ctx.db, req.user!, req.body));

  app.get('/api/discretion/provisions', {
    config: { access: 'authenticated' },
    schema: { tags: ['discretion'], summary: '处罚条款与裁量基准', querystring: s.provisionListQuery, response: { 200: s.provisionList } },
  }, async (req) => listProvisions(ctx.db, req.query));

  app.get('/api/discretion/provisions/:code', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['discretion'], summary: '处罚条款详情（指定日期施行的修订，默认今天）',
      params: s.codeParam, querystring: s.provisionQuery, response: { 200: s.provisionDetail },
    },
  }, async (req) => getProvision(ctx.db, req.params.code, req.query.date));

  app.post('/api/discretion/provisions', {
    config: { access: 'discretion.write' },
    schema: { tags: ['discretion'], summary: '新增处罚条款及其裁量基准', body: s.provisionInput, response: { 200: s.provisionDetail } },
  }, async (req) => createProvision(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.post('/api/discretion/provisions/:code/revisions', {
    config: { access: 'discretion.write' },
    schema: {
      tags: ['discretion'], summary: '修订裁量基准（自指定日期起施行；此前决定的案件仍适用原修订）',
      params: s.codeParam, body: s.revisionInput, response: { 200: s.provisionDetail },
    },
  }, async (req) => addRevision(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.code, req.body));
};
