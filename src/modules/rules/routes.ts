import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { okResponse, optionalText } from '../../platform/http/schemas';
import { notFound } from '../../platform/http/errors';
import { listRules, setRuleValue } from './service';

const ruleView = z.object({
  id: z.string(), title: z.string(), titleEn: z.string(), value: z.unknown(), unit: z.string().optional(), citation: z.string(),
  localDefault: z.boolean(), confidence: z.string(), note: z.string().optional(), effectiveValue: z.unknown(),
  overriddenAt: z.object({ orgId: z.number().nullable(), orgName: z.string().nullable() }).nullable(),
});

export const ruleRoutes: RouteModule = (app, ctx) => {
  app.get('/api/rules', {
    config: { access: 'authenticated' },
    schema: { tags: ['rules'], summary: '规则参数及其法律依据（按机构的有效值）',
      querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }), response: { 200: z.array(ruleView) } },
  }, async (req) => {
    const orgId = req.query.orgId ?? req.user!.orgId;
    if (orgId !== req.user!.orgId && !req.user!.scope.orgIds.includes(orgId)) throw notFound('机构不存在或不在您的数据范围内');
    return listRules(ctx.db, orgId);
  });

  app.put('/api/rules/:ruleId/orgs/:orgId', {
    config: { access: 'rules.write' },
    schema: { tags: ['rules'], summary: '设置或清除某机构的地方默认值',
      params: z.object({ ruleId: z.string().max(100), orgId: z.coerce.number().int().positive().max(2_147_483_647) }),
      body: z.object({ value: z.union([z.number(), z.boolean(), z.string().max(500)]).nullable(), note: optionalText(500) }),
      response: { 200: okResponse } },
  }, async (req) => {
    await setRuleValue(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.ruleId, req.params.orgId, req.body.value, req.body.note);
    return { ok: true as const };
  });
};
