import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam } from '../../platform/http/schemas';
import * as s from './schema';
import { createOrg, getOrg, listOrgs, updateOrg } from './service';

export const orgRoutes: RouteModule = (app, ctx) => {
  app.get('/api/orgs', {
    config: { access: 'orgs.read' },
    schema: { tags: ['orgs'], summary: '组织机构（本人数据范围内，按树序）', querystring: s.orgListQuery, response: { 200: z.array(s.org) } },
  }, async (req) => listOrgs(ctx.db, req.user!, req.query.q));

  app.get('/api/orgs/:id', {
    config: { access: 'orgs.read' },
    schema: { tags: ['orgs'], summary: '组织机构详情', params: idParam, response: { 200: s.org } },
  }, async (req) => getOrg(ctx.db, req.user!, req.params.id));

  app.post('/api/orgs', {
    config: { access: 'orgs.write' },
    schema: { tags: ['orgs'], summary: '新建组织机构', body: s.orgInput, response: { 200: s.org } },
  }, async (req) => createOrg(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/orgs/:id', {
    config: { access: 'orgs.write' },
    schema: { tags: ['orgs'], summary: '修改组织机构', params: idParam, body: s.orgInput, response: { 200: s.org } },
  }, async (req) => updateOrg(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));
};
