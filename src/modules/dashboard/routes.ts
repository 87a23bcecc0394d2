import type { RouteModule } from '../../platform/http/types';
import * as s from './schema';
import { dashboard } from './service';

export const dashboardRoutes: RouteModule = (app, ctx) => {
  app.get('/api/dashboard', {
    config: { access: 'metrics.read' },
    schema: {
      tags: ['dashboard'],
      summary: '领导驾驶舱：年度关键指标、同比、月度趋势、下级机构分列和超期事项',
      description: 'year 为年度；org 为机构代码（含下级）；to 为截止日期（缺省为今天或年末）。上年同期为上年1月1日至上年同日。',
      querystring: s.dashboardQuery,
      response: { 200: s.dashboardResponse },
    },
  }, async (req) => dashboard(ctx.db, req.user!, req.query));
};
