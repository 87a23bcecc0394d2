import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import * as s from './schema';
import { childRegions, getRegion } from './service';

export const regionRoutes: RouteModule = (app) => {
  app.get('/api/regions', {
    config: { access: 'authenticated' },
    schema: { tags: ['regions'], summary: '下级行政区划（GB/T 2260，省→市→县，供选择器使用）', querystring: s.regionChildrenQuery, response: { 200: z.array(s.regionItem) } },
  }, async (req) => childRegions(req.query.parent));

  app.get('/api/regions/:code', {
    config: { access: 'authenticated' },
    schema: { tags: ['regions'], summary: '行政区划名称及全称', params: s.regionParams, response: { 200: s.regionDetail } },
  }, async (req) => getRegion(req.params.code));
};
