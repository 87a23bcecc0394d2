import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import * as s from './schema';
import { decideRepair, getCredit, liftOverride, listRepairs, recomputeEntity, recomputeScope, requestRepair, setOverride } from './service';

// Credit and risk (信用+监管). Reading an entity's evaluation is open to whoever reads the
// directory (entities.read); recomputing, overriding and requesting a credit repair need
// credit.manage (the legal division); approving or refusing a repair credit.approve (the
// leaders). Everything within the entity's data scope (404 outside).
export const creditRoutes: RouteModule = (app, ctx) => {
  app.get('/api/credit/entities/:id', {
    config: { access: 'entities.read' },
    schema: {
      tags: ['credit'], summary: '监管对象的信用等级、风险等级和重点监管名单：评价结果、理由及所依据的记录、人工调整、信用修复、行政处罚记录',
      params: s.entityIdParam, response: { 200: s.creditDetail },
    },
  }, async (req) => getCredit(ctx.db, req.user!, req.params.id));

  app.post('/api/credit/entities/:id/recompute', {
    config: { access: 'credit.manage' },
    schema: { tags: ['credit'], summary: '按规则重新评价一个监管对象的信用等级和风险等级', params: s.entityIdParam, response: { 200: s.creditDetail } },
  }, async (req) => recomputeEntity(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/credit/recompute', {
    config: { access: 'credit.manage' },
    schema: {
      tags: ['credit'], summary: '重新评价数据范围内（或指定机构及其下级）全部监管对象的信用等级和风险等级（分批提交）',
      body: s.recomputeInput, response: { 200: s.recomputeResult },
    },
  }, async (req) => recomputeScope(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body ?? {}));

  app.put('/api/credit/entities/:id/override', {
    config: { access: 'credit.manage' },
    schema: {
      tags: ['credit'], summary: '人工调整信用等级和/或风险等级（须说明理由，限定期限；取代生效中的调整）',
      params: s.entityIdParam, body: s.overrideInput, response: { 200: s.creditDetail },
    },
  }, async (req) => setOverride(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.delete('/api/credit/entities/:id/override', {
    config: { access: 'credit.manage' },
    schema: {
      tags: ['credit'], summary: '撤销人工调整（须说明理由；恢复按规则评价的结果）',
      params: s.entityIdParam, body: s.liftInput, response: { 200: s.creditDetail },
    },
  }, async (req) => liftOverride(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/credit/entities/:id/repairs', {
    config: { access: 'credit.manage' },
    schema: {
      tags: ['credit'], summary: '为该监管对象的一项行政处罚决定申请信用修复（最短公示期届满后）',
      params: s.entityIdParam, body: s.repairInput, response: { 200: s.creditDetail },
    },
  }, async (req) => requestRepair(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.get('/api/credit/repairs', {
    config: { access: 'credit.approve' },
    schema: {
      tags: ['credit'], summary: '信用修复申请列表（按状态筛选；按监管对象名称、统一社会信用代码或案件编号查询）',
      querystring: s.repairListQuery, response: { 200: s.repairList },
    },
  }, async (req) => listRepairs(ctx.db, req.user!, req.query));

  app.post('/api/credit/repairs/:id/approve', {
    config: { access: 'credit.approve' },
    schema: {
      tags: ['credit'], summary: '批准信用修复：该处罚决定自批准之日起不再影响信用等级和名单，仍在公示的撤下公示，并重新评价',
      params: s.repairIdParam, body: s.repairDecisionInput, response: { 200: s.repair },
    },
  }, async (req) => decideRepair(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, true, req.body));

  app.post('/api/credit/repairs/:id/reject', {
    config: { access: 'credit.approve' },
    schema: {
      tags: ['credit'], summary: '不予批准信用修复（须说明意见）',
      params: s.repairIdParam, body: s.repairDecisionInput, response: { 200: s.repair },
    },
  }, async (req) => decideRepair(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, false, req.body));
};
