import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { computeDue } from '../../core/calendar/deadline';
import { RULES } from '../../core/law/rules';
import { eachDay, todayInChina } from '../../core/calendar/dates';
import * as s from './schema';

export const calendarRoutes: RouteModule = (app, ctx) => {
  // The server's today (China, UTC+8): the date forms default to it and allow nothing
  // after it, so a browser with another time zone or a wrong clock proposes the dates the
  // server will accept.
  app.get('/api/calendar/today', {
    config: { access: 'authenticated' },
    schema: { tags: ['calendar'], summary: '服务器的“今天”（北京时间），各日期表单以此为准', response: { 200: z.object({ today: z.string() }) } },
  }, async () => ({ today: todayInChina() }));

  app.get('/api/calendar/deadline', {
    config: { access: 'authenticated' },
    schema: { tags: ['calendar'], summary: '计算法定期限届满日', querystring: s.deadlineQuery, response: { 200: s.deadlineResponse } },
  }, async (req) => {
    const { from, amount, unit } = req.query;
    const result = computeDue(await ctx.calendar.current(), { start: from, amount, unit });
    return { due: result.due, provisional: result.provisional, from, amount, unit, citation: RULES.periodStartsNextDay.citation };
  });

  app.get('/api/calendar/days/:date', {
    config: { access: 'authenticated' },
    schema: { tags: ['calendar'], summary: '查询某日是否工作日', params: s.dayParams, response: { 200: s.dayResponse } },
  }, async (req) => {
    const info = (await ctx.calendar.current()).day(req.params.date);
    return info.name === undefined ? { date: info.date, workday: info.workday, provisional: info.provisional }
      : { date: info.date, workday: info.workday, name: info.name, provisional: info.provisional };
  });

  app.get('/api/calendar/years', {
    config: { access: 'authenticated' },
    schema: { tags: ['calendar'], summary: '已加载的年度节假日安排', response: { 200: z.array(s.yearSummary) } },
  }, async () => ctx.calendar.years());

  app.get('/api/calendar/years/:year', {
    config: { access: 'authenticated' },
    schema: { tags: ['calendar'], summary: '某年的每一天（是否工作日）', params: s.yearParams,
      response: { 200: z.object({ year: z.number(), loaded: z.boolean(), source: z.string(), days: z.array(s.dayResponse) }) } },
  }, async (req) => {
    const { year } = req.params;
    const cal = await ctx.calendar.current();
    const summary = (await ctx.calendar.years()).find((y) => y.year === year);
    const days = eachDay(`${year}-01-01`, `${year}-12-31`).map((d) => {
      const info = cal.day(d);
      return info.name === undefined ? { date: d, workday: info.workday, provisional: info.provisional }
        : { date: d, workday: info.workday, name: info.name, provisional: info.provisional };
    });
    return { year, loaded: cal.isLoaded(year), source: summary?.source ?? '', days };
  });

  app.put('/api/calendar/days/:date', {
    config: { access: 'calendar.write' },
    schema: { tags: ['calendar'], summary: '设置某日为节假日、调休上班日或恢复常规', params: s.dayParams, body: s.setDayBody,
      response: { 200: z.object({ recomputed: z.number() }) } },
  }, async (req) => ctx.calendar.setDay(actorOf(req.user!, req.ip), req.params.date, req.body.kind, req.body.name));

  app.put('/api/calendar/years/:year', {
    config: { access: 'calendar.write' },
    schema: { tags: ['calendar'], summary: '加载或更正某年国务院办公厅节假日安排', params: s.yearParams, body: s.arrangementBody,
      response: { 200: z.object({ recomputed: z.number() }) } },
  }, async (req) => ctx.calendar.loadArrangement(actorOf(req.user!, req.ip), { year: req.params.year, ...req.body }));
};
