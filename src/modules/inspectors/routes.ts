import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam } from '../../platform/http/schemas';
import * as s from './schema';
import { createInspector, getInspector, issueCertificate, listInspectors, updateInspector } from './service';

export const inspectorRoutes: RouteModule = (app, ctx) => {
  app.get('/api/inspectors', {
    config: { access: 'inspectors.read' },
    schema: { tags: ['inspectors'], summary: '执法人员及执法证', querystring: s.inspectorListQuery, response: { 200: s.inspectorList } },
  }, async (req) => listInspectors(ctx.db, req.user!, req.query));

  app.get('/api/inspectors/:id', {
    config: { access: 'inspectors.read' },
    schema: { tags: ['inspectors'], summary: '执法人员详情（含能否执法）', params: idParam, response: { 200: s.inspector } },
  }, async (req) => getInspector(ctx.db, req.user!, req.params.id));

  app.post('/api/inspectors', {
    config: { access: 'inspectors.write' },
    schema: { tags: ['inspectors'], summary: '新增执法人员', body: s.inspectorInput, response: { 200: s.inspector } },
  }, async (req) => createInspector(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/inspectors/:id', {
    config: { access: 'inspectors.write' },
    schema: { tags: ['inspectors'], summary: '修改执法人员', params: idParam, body: s.inspectorInput, response: { 200: s.inspector } },
  }, async (req) => updateInspector(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.put('/api/inspectors/:id/certificate', {
    config: { access: 'inspectors.write' },
    schema: { tags: ['inspectors'], summary: '核发或换发执法证（证号、有效期）', params: idParam, body: s.certificateInput, response: { 200: s.inspector } },
  }, async (req) => issueCertificate(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.certificateNo, req.body.certificateValidTo));
};
