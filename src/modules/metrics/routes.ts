import type { RouteModule } from '../../platform/http/types';
import * as s from './schema';
import { METRIC_REGISTRY } from './definitions';
import { computeMetrics, listDefinitions } from './service';

export const metricRoutes: RouteModule = (app, ctx) => {
  app.get('/api/metrics', {
    config: { access: 'metrics.read' },
    schema: {
      tags: ['metrics'],
      summary: '统计指标：某期间、某机构（含下级）的指标值',
      description: 'from、to 为含首尾的日期；org 为机构代码；ids 为逗号分隔的指标 id，缺省时返回全部指标。比率在分母为0时为 null。',
      querystring: s.metricsQuery,
      response: { 200: s.metricsResponse },
    },
  }, async (req) => ({ metrics: await computeMetrics(ctx.db, METRIC_REGISTRY, req.user!, req.query) }));

  app.get('/api/metrics/definitions', {
    config: { access: 'authenticated' },
    schema: { tags: ['metrics'], summary: '指标目录：名称、单位、口径', response: { 200: s.metricDefinitions } },
  }, async () => listDefinitions(METRIC_REGISTRY));
};
