import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam, okResponse } from '../../platform/http/schemas';
import { sendGzippedJson } from '../../platform/http/gzipJson';
import * as s from './drawSchema';
import {
  announcePlan, createPlan, declareConflict, deletePlan, drawPlan, listConflicts, listDraws, publicDrawRecordBody, publicPlan, publicPlans,
  publishResults, redrawPlan, setTaskTeam, updatePlan, withdrawConflict,
} from './draws';

// Plans made on the platform and their draws (inspections.plan: the legal division and
// administrators), declared conflicts (inspections.conflicts: inspectors declare their
// own), and the public portal's plans, draw records and results (no login).
export const drawRoutes: RouteModule = (app, ctx) => {
  app.post('/api/inspections/plans', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '新建双随机抽查计划（草稿）', body: s.planInput, response: { 200: s.planCreated } },
  }, async (req) => createPlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/inspections/plans/:id', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '修改抽查计划（仅草稿）', params: idParam, body: s.planInput, response: { 200: okResponse } },
  }, async (req) => { await updatePlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body); return { ok: true as const }; });

  app.delete('/api/inspections/plans/:id', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '删除抽查计划（仅草稿）', params: idParam, response: { 200: okResponse } },
  }, async (req) => { await deletePlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id); return { ok: true as const }; });

  app.get('/api/inspections/plans/:id/draws', {
    config: { access: 'inspections.read' },
    schema: { tags: ['inspections'], summary: '抽查计划的设置及各次抽取（承诺值、名单摘要、分层统计；抽取后公开种子）', params: idParam, response: { 200: s.drawList } },
  }, async (req) => listDraws(ctx.db, req.user!, req.params.id));

  app.post('/api/inspections/plans/:id/announce', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '冻结候选对象、执法人员和回避名单，生成随机种子并公布其承诺值（SM3）', params: idParam },
  }, async (req) => announcePlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/inspections/plans/:id/draw', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '按公布的承诺值和冻结名单抽取检查对象和执法人员，生成抽查任务', params: idParam },
  }, async (req) => drawPlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/inspections/plans/:id/redraw', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '重新抽取（须写明原因；原抽取记录保留并作废，重新公布承诺值）', params: idParam, body: s.reasonBody },
  }, async (req) => redrawPlan(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.reason));

  app.post('/api/inspections/plans/:id/publish', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '公示本计划已检查任务的结果（一公开）', params: idParam, response: { 200: s.publishResult } },
  }, async (req) => publishResults(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.put('/api/inspections/tasks/:id/team', {
    config: { access: 'inspections.plan' },
    schema: { tags: ['inspections'], summary: '调整抽查任务的检查人员（须写明原因；须持证在岗且无回避事项）', params: idParam, body: s.teamBody, response: { 200: okResponse } },
  }, async (req) => {
    await setTaskTeam(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.inspectorIds, req.body.reason);
    return { ok: true as const };
  });

  app.get('/api/inspections/conflicts', {
    config: { access: 'inspections.read' },
    schema: { tags: ['inspections'], summary: '执法人员回避申报（利害关系）列表', querystring: s.conflictListQuery, response: { 200: s.conflictList } },
  }, async (req) => listConflicts(ctx.db, req.user!, req.query));

  app.post('/api/inspections/conflicts', {
    config: { access: 'inspections.conflicts' },
    schema: { tags: ['inspections'], summary: '申报回避事项：该执法人员不会被抽取检查该监管对象', body: s.conflictInput },
  }, async (req) => declareConflict(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.post('/api/inspections/conflicts/:id/withdraw', {
    config: { access: 'inspections.conflicts' },
    schema: { tags: ['inspections'], summary: '撤回回避申报（须写明原因）', params: idParam, body: s.reasonBody, response: { 200: okResponse } },
  }, async (req) => { await withdrawConflict(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.reason); return { ok: true as const }; });

  app.get('/api/public/random-plans', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公开：已公布承诺值的双随机抽查计划', querystring: s.publicPlanQuery, response: { 200: s.publicPlanList } },
  }, async (req) => publicPlans(ctx.db, req.query));

  app.get('/api/public/random-plans/:planNo', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公开：抽查计划、各次抽取的公告和已公示的检查结果', params: s.planNoParam, response: { 200: s.publicPlanDetail } },
  }, async (req) => publicPlan(ctx.db, req.params.planNo));

  app.get('/api/public/random-plans/:planNo/draws/:attempt', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公开：抽取公告及（抽取后）完整抽取记录（种子、冻结名单、结果），可自行复算', params: s.drawAttemptParam, response: { 200: s.publicDrawRecord } },
  }, async (req, reply) => sendGzippedJson(req, reply, await publicDrawRecordBody(ctx.db, req.params.planNo, req.params.attempt)));
};
