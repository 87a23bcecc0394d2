import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam } from '../../platform/http/schemas';
import * as s from './schema';
import { addLawVersion, createLaw, getLaw, getLawVersion, listLaws, searchArticles } from './service';

export const lawRoutes: RouteModule = (app, ctx) => {
  app.get('/api/laws', {
    config: { access: 'authenticated' },
    schema: { tags: ['laws'], summary: '法律法规库：法律法规目录（按名称、类别查询）', querystring: s.lawListQuery, response: { 200: s.lawList } },
  }, async (req) => listLaws(ctx.db, req.query));

  app.get('/api/laws/search', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['laws'], summary: '条文检索：在某日施行的版本中检索条文（默认今天；空格分隔的多个词须同时出现）',
      querystring: s.searchQuery, response: { 200: s.searchResult },
    },
  }, async (req) => searchArticles(ctx.db, req.query));

  app.get('/api/laws/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['laws'], summary: '法律法规详情及其各版本（标明现行有效的版本）', params: idParam, response: { 200: s.lawDetail } },
  }, async (req) => getLaw(ctx.db, req.params.id));

  app.get('/api/laws/:id/versions/:versionId', {
    config: { access: 'authenticated' },
    schema: { tags: ['laws'], summary: '某一版本的全文（章节、条文及各款项）', params: s.versionParams, response: { 200: s.versionText } },
  }, async (req) => getLawVersion(ctx.db, req.params.id, req.params.versionId));

  app.post('/api/laws', {
    config: { access: 'laws.write' },
    bodyLimit: s.MAX_LAW_BODY_BYTES,
    schema: {
      tags: ['laws'], summary: '新增部门规章、地方性法规或规范性文件（含首个版本的全文）',
      body: s.lawInput, response: { 200: s.lawWritten },
    },
  }, async (req) => createLaw(ctx.db, actorOf(req.user!, req.ip), req.body));

  app.post('/api/laws/:id/versions', {
    config: { access: 'laws.write' },
    bodyLimit: s.MAX_LAW_BODY_BYTES,
    schema: {
      tags: ['laws'], summary: '新增版本（修订或修正后的全文；原有版本保留，依原版本作出的决定仍引用原版本）',
      params: idParam, body: s.versionInput, response: { 200: s.lawWritten },
    },
  }, async (req) => addLawVersion(ctx.db, actorOf(req.user!, req.ip), req.params.id, req.body));
};
