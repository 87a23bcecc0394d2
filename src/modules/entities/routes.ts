import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam, okResponse } from '../../platform/http/schemas';
import * as s from './schema';
import {
  acceptUsccException, createEntity, getEntity, listEntities, listUsccExceptions, revokeUsccException, updateEntity,
} from './service';

export const entityRoutes: RouteModule = (app, ctx) => {
  app.get('/api/entities', {
    config: { access: 'entities.read' },
    schema: {
      tags: ['entities'], summary: '监管对象名录（数据范围内；按名称、地址、法定代表人或代码前缀查询）',
      querystring: s.entityListQuery, response: { 200: s.entityList },
    },
  }, async (req) => listEntities(ctx.db, req.user!, req.query));

  app.get('/api/entities/:id', {
    config: { access: 'entities.read' },
    schema: { tags: ['entities'], summary: '监管对象详情（含最近50条变更记录）', params: idParam, response: { 200: s.entityDetail } },
  }, async (req) => getEntity(ctx.db, req.user!, req.params.id));

  app.post('/api/entities', {
    config: { access: 'entities.write' },
    schema: { tags: ['entities'], summary: '新增监管对象', body: s.entityInput, response: { 200: s.entityDetail } },
  }, async (req) => createEntity(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/entities/:id', {
    config: { access: 'entities.write' },
    schema: { tags: ['entities'], summary: '修改监管对象', params: idParam, body: s.entityInput, response: { 200: s.entityDetail } },
  }, async (req) => updateEntity(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.get('/api/uscc-exceptions', {
    config: { access: 'entities.legacy_codes' },
    schema: { tags: ['entities'], summary: '已认可的历史统一社会信用代码', response: { 200: z.array(s.usccException) } },
  }, async (req) => listUsccExceptions(ctx.db, req.user!));

  app.post('/api/uscc-exceptions', {
    config: { access: 'entities.legacy_codes' },
    schema: {
      tags: ['entities'], summary: '认可一个校验码不符的历史统一社会信用代码（早期试点地区赋码）',
      body: s.usccExceptionInput, response: { 200: s.usccException },
    },
  }, async (req) => acceptUsccException(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body.code, req.body.reason));

  app.delete('/api/uscc-exceptions/:code', {
    config: { access: 'entities.legacy_codes' },
    schema: { tags: ['entities'], summary: '撤销对历史代码的认可（仍有监管对象使用时不可撤销）', params: s.usccExceptionParams, response: { 200: okResponse } },
  }, async (req) => {
    await revokeUsccException(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.code);
    return { ok: true as const };
  });
};
