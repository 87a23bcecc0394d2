// Matters routes. Staff: /api/matters/{kind} (hotline, petition, disclosure, mediation,
// reconsideration, litigation, proposal): list and export, register, read one, take a
// step, reassign, download a document; the forms come from /api/matters/meta. Reading
// needs matters.read or the kind's handling permission (checked in the service, as the
// kind is a path parameter); records outside the scope answer 404. Public (portal):
// file a complaint or a disclosure request (rate-limited per address), follow it by
// tracking code.
import type { RouteModule } from '../../platform/http/types';
import { actorOf, SYSTEM_ACTOR } from '../../platform/access/user';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { todayInChina } from '../../core/calendar/dates';
import { MATTER_KINDS } from '../../core/matters/clocks';
import { SlidingWindowLimiter } from '../licensing/rateLimit';
import * as s from './schema';
import * as sug from './suggestions';
import { idParam } from '../../platform/http/schemas';
import { addProposalCoHandler, createMatter, getMatter, people, readableMatter, reassignMatter, specOf, takeMatterStep } from './service';
import { exportMatters, listMatters, subtypeNames } from './list';
import { outcomeNames } from '../../core/matters/states';
import { matterDocument } from './documents';
import { fileComplaint, fileDisclosureRequest, publicOrganizations, trackMatter } from './public';
import { submitCoOpinion } from './coOpinions';

/** Everything the browser needs to draw the seven kinds' lists and forms. */
function meta() {
  return MATTER_KINDS.map((kind) => {
    const spec = specOf(kind);
    return {
      kind, label: spec.label, handlePermission: spec.handlePermission, createFields: spec.createFields,
      states: Object.entries(spec.procedure.states).map(([id, st]) => ({ id, label: st.label, final: Boolean(st.final) })),
      subtypes: subtypeNames(kind), outcomes: outcomeNames(kind),
    };
  });
}

export const matterRoutes: RouteModule = (app, ctx) => {
  app.get('/api/matters/meta', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '七类事项的状态、登记表单和代码表', response: { 200: s.anyObject.array() } },
  }, async () => meta());

  app.get('/api/matters/people', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '可指定为承办人或责任领导的人员（数据范围内的在职用户）', querystring: s.peopleQuery, response: { 200: s.anyObject.array() } },
  }, async (req) => people(ctx.db, req.user!, req.query));

  app.get('/api/matters/suggestions', {
    config: { access: 'matters.read' },
    schema: { tags: ['matters'], summary: '司法建议和检察建议（按制发机关、内容查询；按是否已答复筛选）', querystring: sug.suggestionQuery, response: { 200: s.anyObject } },
  }, async (req) => sug.listSuggestions(ctx.db, req.user!, req.query));

  app.get('/api/matters/suggestions/export', {
    config: { access: 'matters.read' },
    schema: { tags: ['matters'], summary: '导出司法建议和检察建议（Excel）', querystring: sug.suggestionFilters },
  }, async (req, reply) => reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
    .header('content-disposition', contentDisposition(`司法建议和检察建议-${todayInChina()}.xlsx`, `suggestions-${todayInChina()}.xlsx`))
    .send(await sug.exportSuggestions(ctx.db, req.user!, req.query)));

  app.post('/api/matters/suggestions', {
    config: { access: 'litigation.handle' },
    schema: { tags: ['matters'], summary: '登记收到的司法建议或检察建议', body: sug.suggestionInput, response: { 200: s.anyObject } },
  }, async (req) => sug.createSuggestion(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.post('/api/matters/suggestions/:id/answer', {
    config: { access: 'litigation.handle' },
    schema: { tags: ['matters'], summary: '登记对建议的答复', params: idParam, body: sug.suggestionAnswer, response: { 200: s.anyObject } },
  }, async (req) => sug.answerSuggestion(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.get('/api/matters/:kind', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '事项列表（按编号、标题、内容、当事人查询；按状态、类型、期限、本人、机构筛选；期间按收到、受理、办结、期限届满或开庭日期）', params: s.kindParam, querystring: s.listQuery, response: { 200: s.anyObject } },
  }, async (req) => listMatters(ctx.db, req.user!, req.params.kind, req.query));

  app.get('/api/matters/:kind/export', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '按当前筛选条件导出Excel', params: s.kindParam, querystring: s.listFilters },
  }, async (req, reply) => {
    const buffer = await exportMatters(ctx.db, req.user!, req.params.kind, req.query);
    return reply.header('content-type', EXPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', contentDisposition(`${specOf(req.params.kind).label}-${todayInChina()}.xlsx`, `${req.params.kind}-${todayInChina()}.xlsx`)).send(buffer);
  });

  app.post('/api/matters/:kind', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '登记事项（表单见 /api/matters/meta）', params: s.kindParam, body: s.createBody, response: { 200: s.anyObject } },
  }, async (req) => createMatter(ctx, req.user!, actorOf(req.user!, req.ip), req.params.kind, req.body));

  app.get('/api/matters/:kind/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '事项详情：期限、下一步、办理记录、文书', params: s.matterParams, response: { 200: s.anyObject } },
  }, async (req) => getMatter(ctx, req.user!, req.params.kind, req.params.id));

  app.post('/api/matters/:kind/:id/steps/:step', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '办理一个步骤（权限按步骤检查）', params: s.stepParams, body: s.stepBody, response: { 200: s.anyObject } },
  }, async (req) => takeMatterStep(ctx, req.user!, actorOf(req.user!, req.ip), req.params.kind, req.params.id, req.params.step, req.body));

  app.post('/api/matters/:kind/:id/reassign', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '改派承办人（须写明理由）', params: s.matterParams, body: s.reassignBody, response: { 200: s.anyObject } },
  }, async (req) => reassignMatter(ctx, req.user!, actorOf(req.user!, req.ip), req.params.kind, req.params.id, req.body));

  app.post('/api/matters/proposal/:id/co-opinions', {
    config: { access: 'proposals.handle' },
    schema: { tags: ['matters'], summary: '会办单位提出本单位的会办意见（主办单位答复前；每个会办单位一次）', params: idParam, body: s.coOpinionBody, response: { 200: s.anyObject } },
  }, async (req) => {
    await submitCoOpinion(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body);
    return getMatter(ctx, req.user!, 'proposal', req.params.id);
  });

  app.post('/api/matters/proposal/:id/co-handlers', {
    config: { access: 'proposals.handle' },
    schema: { tags: ['matters'], summary: '主办单位增加一个会办单位（答复前；会办期限自增加之日起计算）', params: idParam, body: s.coHandlerBody, response: { 200: s.anyObject } },
  }, async (req) => addProposalCoHandler(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.get('/api/matters/:kind/:id/documents/:doc', {
    config: { access: 'authenticated' },
    schema: { tags: ['matters'], summary: '生成文书（Word）', params: s.documentParams },
  }, async (req, reply) => {
    const m = await readableMatter(ctx.db, req.user!, req.params.kind, req.params.id);
    const { buffer, filename } = await matterDocument(m, req.params.doc);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(filename, `${req.params.kind}-${req.params.doc}-${req.params.id}.docx`)).send(buffer);
  });
};

/** The largest public form accepted (the fields' own limits are far below it). */
const PUBLIC_BODY_LIMIT = 32 * 1024;
/** Complaints and disclosure requests an address may file per hour on the portal. */
export const PUBLIC_FILINGS_PER_HOUR = 10;
/** Tracking look-ups an address may make per minute (a code has 32^16 values). */
export const PUBLIC_TRACKING_PER_MINUTE = 30;

export const matterPublicRoutes: RouteModule = (app, ctx) => {
  const filing = new SlidingWindowLimiter(PUBLIC_FILINGS_PER_HOUR, 3_600_000, '提交');
  const lookups = new SlidingWindowLimiter(PUBLIC_TRACKING_PER_MINUTE, 60_000, '查询');
  const filer = (ip: string) => ({ ...SYSTEM_ACTOR('public'), ip });

  app.get('/api/public/matter-organizations', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '可以受理投诉举报和政府信息公开申请的机关', response: { 200: s.anyObject.array() } },
  }, async () => publicOrganizations(ctx.db));

  app.post('/api/public/complaints', {
    config: { access: 'public' }, bodyLimit: PUBLIC_BODY_LIMIT,
    schema: { tags: ['portal'], summary: '网上投诉举报（举报可匿名；同一网络地址每小时提交次数有限）：返回查询码', body: s.publicComplaint, response: { 200: s.anyObject } },
  }, async (req) => {
    filing.take(req.ip);
    return fileComplaint(ctx, filer(req.ip), req.body, req.ip);
  });

  app.post('/api/public/disclosure-requests', {
    config: { access: 'public' }, bodyLimit: PUBLIC_BODY_LIMIT,
    schema: { tags: ['portal'], summary: '网上提交政府信息公开申请：返回查询码', body: s.publicDisclosure, response: { 200: s.anyObject } },
  }, async (req) => {
    filing.take(req.ip);
    return fileDisclosureRequest(ctx, filer(req.ip), req.body, req.ip);
  });

  app.get('/api/public/matters/:code', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '凭查询码查看办理进度和答复（个人信息已隐去）', params: s.trackingParam, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    return trackMatter(ctx.db, req.params.code);
  });
};
