import type { RouteModule } from '../../platform/http/types';
import * as s from './schema';
import { validateIdNumber, validateUscc } from './service';

export const validateRoutes: RouteModule = (app, ctx) => {
  app.get('/api/validate/uscc/*', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['validate'], summary: '校验统一社会信用代码（GB 32100-2015），说明错误所在',
      params: s.usccParams, response: { 200: s.usccResult },
    },
  }, async (req) => validateUscc(ctx.db, req.params['*']));

  app.get('/api/validate/id-number/*', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['validate'], summary: '校验公民身份号码（GB 11643-1999），有效时给出出生日期和性别',
      params: s.idNumberParams, response: { 200: s.idNumberResult },
    },
  }, async (req) => validateIdNumber(req.params['*']));
};
