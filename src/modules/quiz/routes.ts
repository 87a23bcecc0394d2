// Quiz routes. Staff (quiz.manage): /api/quiz/questions — the question bank: list, Excel
// export, import template, import (multipart `file`, ?orgId=), create, read, edit,
// delete; /api/quiz/quizzes — list, export, create, read with its figures, edit and
// delete a draft, publish, close, the attempts and their export. Records outside the
// scope answer 404. Public (portal): the open quizzes, one quiz, starting an attempt
// (rate-limited per address), reading an attempt by its token, submitting it.
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { AppError, badRequest } from '../../platform/http/errors';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../../platform/exports/engine';
import { idParam } from '../../platform/http/schemas';
import { todayInChina } from '../../core/calendar/dates';
import { SlidingWindowLimiter } from '../licensing/rateLimit';
import * as s from './schema';
import * as q from './questions';
import * as z from './quizzes';
import { attemptForPublic, openQuizzes, quizForPublic, startAttempt, submitAttempt } from './public';

const XLSX = EXPORT_CONTENT_TYPES.xlsx;

/** Reads the uploaded question file (field `file`) into memory: a question bank is small. */
async function receiveQuestionFile(req: FastifyRequest): Promise<{ buffer: Buffer; fileName: string; mimetype: string }> {
  if (!req.isMultipart()) throw q.importUsage();
  let part;
  try {
    part = await req.file({ limits: { fileSize: q.IMPORT_FILE_MAX_BYTES } });
  } catch {
    throw badRequest('QUIZ_IMPORT_UPLOAD_MALFORMED', '上传的内容不是有效的 multipart/form-data，或文件没有完整上传，请重新上传');
  }
  if (!part || part.fieldname !== 'file') { part?.file.resume(); throw q.importUsage(); }
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated) {
      throw new AppError(413, 'QUIZ_IMPORT_TOO_LARGE', `题目文件不能超过${q.IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`);
    }
    throw badRequest('QUIZ_IMPORT_UPLOAD_MALFORMED', '文件没有完整上传，请重新上传');
  }
  return { buffer, fileName: part.filename || 'upload', mimetype: part.mimetype };
}

export const quizRoutes: RouteModule = (app, ctx) => {
  const today = () => todayInChina();

  // ---- question bank
  app.get('/api/quiz/questions', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '普法题库（按题干、依据、解析查询；按题型、状态、机构筛选）', querystring: s.questionListQuery, response: { 200: s.anyObject } },
  }, async (req) => q.listQuestions(ctx.db, req.user!, req.query));

  app.get('/api/quiz/questions/export', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '按当前筛选条件导出题目（Excel，列与导入模板相同）', querystring: s.questionFilters },
  }, async (req, reply) => reply.header('content-type', XLSX)
    .header('content-disposition', contentDisposition(`普法题库-${today()}.xlsx`, `quiz-questions-${today()}.xlsx`))
    .send(await q.exportQuestions(ctx.db, req.user!, req.query)));

  app.get('/api/quiz/questions/template', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '题目导入模板（XLSX，含“说明”工作表）' },
  }, async (_req, reply) => reply.header('content-type', XLSX)
    .header('content-disposition', contentDisposition('普法题库导入模板.xlsx', 'quiz-questions-template.xlsx'))
    .send(await q.questionTemplate()));

  app.post('/api/quiz/questions/import', {
    config: { access: 'quiz.manage' },
    schema: {
      tags: ['quiz'], summary: '从 XLSX 或 CSV 导入题目到机构题库（multipart 字段 file；列：题干、题型、选项A…选项F、答案、解析、依据；有错则整个文件不导入）',
      consumes: ['multipart/form-data'], querystring: s.importQuery, response: { 200: s.anyObject, 422: s.anyObject },
    },
  }, async (req, reply) => {
    const file = await receiveQuestionFile(req);
    const r = await q.importQuestions(ctx.db, req.user!, actorOf(req.user!, req.ip), req.query.orgId, file.buffer, file.fileName, file.mimetype);
    if (!r.ok) return reply.status(422).send({ errors: r.errors, error: { code: 'IMPORT_INVALID', message: r.message } });
    return { inserted: r.inserted };
  });

  app.post('/api/quiz/questions', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '新增题目', body: s.questionInput, response: { 200: s.anyObject } },
  }, async (req) => q.createQuestion(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.get('/api/quiz/questions/:id', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '题目详情（含被抽取次数）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => q.getQuestion(ctx.db, req.user!, req.params.id));

  app.put('/api/quiz/questions/:id', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '修改题目（含启用、停用）', params: idParam, body: s.questionInput, response: { 200: s.anyObject } },
  }, async (req) => q.updateQuestion(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.delete('/api/quiz/questions/:id', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '删除从未被抽取的题目（已被抽取的只能停用）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => q.deleteQuestion(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  // ---- quizzes
  app.get('/api/quiz/quizzes', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '网上学法竞赛（按名称查询；按状态、机构、年度筛选）', querystring: s.quizListQuery, response: { 200: s.anyObject } },
  }, async (req) => z.listQuizzes(ctx.db, req.user!, req.query));

  app.get('/api/quiz/quizzes/export', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '按当前筛选条件导出竞赛（Excel）', querystring: s.quizFilters },
  }, async (req, reply) => reply.header('content-type', XLSX)
    .header('content-disposition', contentDisposition(`网上学法竞赛-${today()}.xlsx`, `law-quizzes-${today()}.xlsx`))
    .send(await z.exportQuizzes(ctx.db, req.user!, req.query)));

  app.post('/api/quiz/quizzes', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '新建竞赛（草稿）', body: s.quizInput, response: { 200: s.anyObject } },
  }, async (req) => z.createQuiz(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.get('/api/quiz/quizzes/:id', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '竞赛详情和答题统计（开始、完成人次，平均分，及格率，分数分布）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => z.getQuiz(ctx.db, req.user!, req.params.id));

  app.put('/api/quiz/quizzes/:id', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '修改竞赛（仅草稿）', params: idParam, body: s.quizInput, response: { 200: s.anyObject } },
  }, async (req) => z.updateQuiz(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.delete('/api/quiz/quizzes/:id', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '删除竞赛草稿', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => z.deleteQuiz(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/quiz/quizzes/:id/publish', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '发布竞赛到门户网站，同时登记为普法活动', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => z.publishQuiz(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.post('/api/quiz/quizzes/:id/close', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '结束竞赛（不再接受答题）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => z.closeQuiz(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id));

  app.get('/api/quiz/quizzes/:id/attempts', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '竞赛的答题记录（按姓名、电话查询；按是否交卷筛选）', params: idParam, querystring: s.attemptListQuery, response: { 200: s.anyObject } },
  }, async (req) => z.listAttempts(ctx.db, req.user!, req.params.id, req.query));

  app.get('/api/quiz/quizzes/:id/attempts/export', {
    config: { access: 'quiz.manage' },
    schema: { tags: ['quiz'], summary: '导出竞赛的答题记录（Excel）', params: idParam, querystring: s.attemptListQuery.omit({ page: true, pageSize: true }) },
  }, async (req, reply) => {
    const { buffer, title } = await z.exportAttempts(ctx.db, req.user!, req.params.id, req.query);
    return reply.header('content-type', XLSX)
      .header('content-disposition', contentDisposition(`${title}-答题记录-${today()}.xlsx`, `quiz-${req.params.id}-attempts-${today()}.xlsx`)).send(buffer);
  });
};

/** Attempts an address may start per hour (a class or an office may share one address). */
export const QUIZ_STARTS_PER_HOUR = 30;
/** Attempt look-ups and submissions an address may make per minute. */
export const QUIZ_LOOKUPS_PER_MINUTE = 60;
const PUBLIC_BODY_LIMIT = 64 * 1024;

export const quizPublicRoutes: RouteModule = (app, ctx) => {
  const starts = new SlidingWindowLimiter(QUIZ_STARTS_PER_HOUR, 3_600_000, '开始答题');
  const lookups = new SlidingWindowLimiter(QUIZ_LOOKUPS_PER_MINUTE, 60_000, '答题操作');

  app.get('/api/public/quizzes', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '正在进行的网上学法知识竞赛', response: { 200: s.anyObject.array() } },
  }, async () => openQuizzes(ctx.db));

  app.get('/api/public/quizzes/:id', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '一次竞赛的说明（题量、时限、及格分、起止日期）', params: idParam, response: { 200: s.anyObject } },
  }, async (req) => quizForPublic(ctx.db, req.params.id));

  app.post('/api/public/quizzes/:id/attempts', {
    config: { access: 'public' }, bodyLimit: PUBLIC_BODY_LIMIT,
    schema: { tags: ['portal'], summary: '开始答题：随机抽题（不含答案），返回答题凭证和截止时间（同一网络地址每小时次数有限）', params: idParam, body: s.startBody, response: { 200: s.anyObject } },
  }, async (req) => {
    starts.take(req.ip);
    return startAttempt(ctx.db, req.params.id, req.body, req.ip);
  });

  app.get('/api/public/quiz-attempts/:token', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: '凭答题凭证查看本次答题（未交卷：题目；已交卷：得分、正确答案、解析和依据）', params: s.tokenParam, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    return attemptForPublic(ctx.db, req.params.token);
  });

  app.post('/api/public/quiz-attempts/:token/submit', {
    config: { access: 'public' }, bodyLimit: PUBLIC_BODY_LIMIT,
    schema: { tags: ['portal'], summary: '交卷：服务器评分（超时、重复交卷或竞赛已结束的不予接受）', params: s.tokenParam, body: s.submitBody, response: { 200: s.anyObject } },
  }, async (req) => {
    lookups.take(req.ip);
    return submitAttempt(ctx.db, req.params.token, req.body, req.ip);
  });
};
