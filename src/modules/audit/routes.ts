import type { RouteModule } from '../../platform/http/types';
import { verifyAuditChain } from '../../platform/audit/audit';
import * as s from './schema';
import { listAudit, listAuditActions } from './service';

export const auditRoutes: RouteModule = (app, ctx) => {
  app.get('/api/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计日志（最新在前）',
      description: 'from、to 为按北京时间的日期（含首尾）；username 为用户名的一部分；orgId 含下级机构。',
      querystring: s.auditListQuery, response: { 200: s.auditList },
    },
  }, async (req) => listAudit(ctx.db, req.user!, req.query));

  app.get('/api/audit/actions', {
    config: { access: 'audit.read' },
    schema: { tags: ['audit'], summary: '审计日志中出现的操作类型（筛选用）', response: { 200: s.auditActions } },
  }, async (req) => listAuditActions(ctx.db, req.user!));

  app.get('/api/audit/verify', {
    config: { access: 'audit.read' },
    schema: { tags: ['audit'], summary: '校验审计日志哈希链，指出第一个断链的记录', response: { 200: s.auditVerifyResult } },
  }, async () => verifyAuditChain(ctx.db));
};
