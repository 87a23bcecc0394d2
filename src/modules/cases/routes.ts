import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import * as s from './schema';
import { createLead, getCase, listCases, recomputeDecisionDues, recuse, takeStep, waiveDefence, recordStatement, extendDecisionPeriod } from './service';
import { getPublicDecision, listPublicDecisions, publishDecision, withdrawPublication } from './publication';
import { caseDocument, caseDocumentList } from './documentData';
import { recordCorrectionFollowUp } from './corrections';
import { contentDisposition } from '../../platform/exports/engine';

export const caseRoutes: RouteModule = (app, ctx) => {
  ctx.calendar.onArrangementChanged('penalty_cases', (tx, calendar) => recomputeDecisionDues(tx, calendar));

  app.get('/api/cases', {
    config: { access: 'cases.read' },
    schema: { tags: ['cases'], summary: '行政处罚案件列表（状态、程序、处罚条款、机构、执法人员、是否超期）', querystring: s.caseListQuery, response: { 200: s.caseList } },
  }, async (req) => listCases(ctx.db, req.user!, req.query));

  app.post('/api/cases', {
    config: { access: 'cases.handle' },
    schema: { tags: ['cases'], summary: '登记案件线索', body: s.leadInput, response: { 200: s.caseDetail } },
  }, async (req) => {
    const created = await createLead(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body);
    return getCase(ctx, req.user!, created.id);
  });

  app.get('/api/cases/:id', {
    config: { access: 'cases.read' },
    schema: { tags: ['cases'], summary: '案件详情：当事人、事实、期限（时钟）、可办理的下一步及不能办理的理由、全过程记录', params: s.caseIdParam, response: { 200: s.caseDetail } },
  }, async (req) => getCase(ctx, req.user!, req.params.id));

  app.post('/api/cases/:id/steps/:step', {
    config: { access: 'cases.read' },
    schema: {
      tags: ['cases'], summary: '办理程序步骤（须持有该步骤的权限；法律不允许的步骤以409拒绝并引用条款；version 不一致以409拒绝）',
      params: s.stepParam, body: s.stepBody, response: { 200: s.caseDetail },
    },
  }, async (req) => takeStep(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.params.step, req.body));

  app.post('/api/cases/:id/recusals', {
    config: { access: 'cases.handle' },
    schema: { tags: ['cases'], summary: '执法人员回避', params: s.caseIdParam, body: s.recusalInput, response: { 200: s.caseDetail } },
  }, async (req) => recuse(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/cases/:id/defence-waiver', {
    config: { access: 'cases.handle' },
    schema: { tags: ['cases'], summary: '登记当事人书面放弃陈述、申辩', params: s.caseIdParam, body: s.waiverInput, response: { 200: s.caseDetail } },
  }, async (req) => waiveDefence(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/cases/:id/statements', {
    config: { access: 'cases.handle' },
    schema: { tags: ['cases'], summary: '记录当事人的陈述、申辩及是否采纳和理由（行政处罚法第四十五条）', params: s.caseIdParam, body: s.statementInput, response: { 200: s.caseDetail } },
  }, async (req) => recordStatement(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/cases/:id/decision-extension', {
    config: { access: 'cases.approve' },
    schema: { tags: ['cases'], summary: '负责人批准延长作出处罚决定的期限（天数和次数按规则设置）', params: s.caseIdParam, body: s.extensionInput, response: { 200: s.caseDetail } },
  }, async (req) => extendDecisionPeriod(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/cases/:id/correction-follow-up', {
    // The case's inspectors (cases.handle) or the head (cases.approve): checked in the service.
    config: { access: 'cases.read' },
    schema: {
      tags: ['cases'], summary: '记录行政复议决定或者判决纠错事项的落实情况（返还罚款、补救措施、履行职责）',
      params: s.caseIdParam, body: s.correctionFollowUpInput, response: { 200: s.caseDetail },
    },
  }, async (req) => recordCorrectionFollowUp(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/cases/:id/publication', {
    config: { access: 'cases.handle' },
    schema: {
      tags: ['cases'], summary: '公示行政处罚决定（自然人信息按规则隐去；公示期按决定日施行的规定和违法程度确定）',
      params: s.caseIdParam, body: s.publishInput, response: { 200: s.caseDetail },
    },
  }, async (req) => {
    await publishDecision(ctx, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.severity);
    return getCase(ctx, req.user!, req.params.id);
  });

  app.post('/api/cases/:id/publication/withdraw', {
    config: { access: 'cases.approve' },
    schema: { tags: ['cases'], summary: '撤下公示（信用修复，或决定被变更、撤销、确认违法或无效）', params: s.caseIdParam, body: s.withdrawInput, response: { 200: s.caseDetail } },
  }, async (req) => {
    await withdrawPublication(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.reason, req.body.note);
    return getCase(ctx, req.user!, req.params.id);
  });

  app.get('/api/cases/:id/documents', {
    config: { access: 'cases.read' },
    schema: { tags: ['cases'], summary: '案件文书：可生成的文书及已锁定（已签发）的文书', params: s.caseIdParam, response: { 200: s.documentList } },
  }, async (req) => caseDocumentList(ctx.db, req.user!, req.params.id));

  app.get('/api/cases/:id/documents/:kind', {
    config: { access: 'cases.read' },
    schema: {
      tags: ['cases'], summary: '下载案件文书（Word）；行政处罚决定书作出决定后首次生成即锁定，此后下载内容不变',
      params: s.documentParam,
    },
  }, async (req, reply) => {
    const doc = await caseDocument(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.params.kind);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(doc.fileName, `case-${req.params.id}-${req.params.kind}.docx`))
      .header('cache-control', 'no-store')
      .send(doc.content);
  });

  // The public portal: no login.
  app.get('/api/public/penalties', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公众查询：公示中的行政处罚决定', querystring: s.publicListQuery, response: { 200: s.publicList } },
  }, async (req) => listPublicDecisions(ctx.db, req.query));

  app.get('/api/public/penalties/:id', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: '公众查询：一条公示的行政处罚决定', params: s.caseIdParam, response: { 200: s.publicDecision } },
  }, async (req) => getPublicDecision(ctx.db, req.params.id));
};
