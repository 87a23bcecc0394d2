// Builds the HTTP application: security plugins, the session and access check that runs
// before every route, the uniform error format, OpenAPI at /api/docs, and the web app.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler,
} from 'fastify-type-provider-zod';
import type { App, AppContext, RouteAccess, RouteModule } from './types';
import { AppError, type ErrorBody } from './errors';
import { describeValidation } from './zodErrors';
import { hashToken, SESSION_COOKIE, userForToken } from '../auth/sessions';

z.config(zhCN());

/** Largest upload accepted by imports (a province-scale CSV of a million rows). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const MAX_JSON_BODY_BYTES = 1024 * 1024;

const FASTIFY_ERROR_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的请求内容类型',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求内容过大',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体不能为空',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度不正确',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '请以 multipart/form-data 方式上传文件',
  FST_REQ_FILE_TOO_LARGE: '上传文件过大',
  FST_FILES_LIMIT: '一次只能上传一个文件',
  FST_PARTS_LIMIT: '上传内容的字段过多',
};

// PostgreSQL errors that can only come from bad input (a safety net: services validate
// first, so these should not normally be reached).
const PG_INPUT_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'DUPLICATE', '记录已存在（唯一性冲突）'],
  '23503': [409, 'REFERENCE', '引用的记录不存在或仍被其他记录引用'],
  '23514': [400, 'CONSTRAINT', '数据不符合约束条件'],
  '23502': [400, 'REQUIRED', '缺少必填数据'],
  '22P02': [400, 'INVALID_VALUE', '数据格式不正确'],
  '22007': [400, 'INVALID_DATE', '日期格式不正确'],
  '22008': [400, 'INVALID_DATE', '日期超出范围'],
  '22001': [400, 'TOO_LONG', '数据过长'],
  '22003': [400, 'OUT_OF_RANGE', '数值超出范围'],
  '54000': [400, 'TOO_LARGE', '数据过大'],
  '22021': [400, 'INVALID_CHARACTER', '数据含有不允许的字符'],
  '22P05': [400, 'INVALID_CHARACTER', '数据含有不允许的字符'],
};

/** PostgreSQL text cannot hold NUL; such input is refused before it reaches a query. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

function handleError(err: FastifyError & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message }));
    return reply.status(400).send(errorBody('VALIDATION_FAILED', describeValidation(err.validation, err.validationContext), details));
  }
  const pg = err.code ? PG_INPUT_ERRORS[err.code] : undefined;
  if (pg) return reply.status(pg[0]).send(errorBody(pg[1], pg[2]));
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const message = FASTIFY_ERROR_MESSAGES[err.code ?? ''] ?? '请求不合法';
    return reply.status(status).send(errorBody(err.code ?? 'BAD_REQUEST', message));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('INTERNAL', '服务器内部错误，请稍后再试'));
}

/** Rejects state-changing browser requests sent from another site (CSRF). */
function isCrossSite(req: FastifyRequest): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  // Non-browser clients (curl, scripts, other systems) send no Origin: allowed, they
  // cannot be tricked into sending someone else's cookie.
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

async function authenticate(app: App, ctx: AppContext) {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (isCrossSite(req)) throw new AppError(403, 'CROSS_SITE', '拒绝来自其他站点的请求');
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.sessionHash = hashToken(token);
    const access = req.routeOptions.config?.access;
    if (access === 'session') {
      if (!token) throw new AppError(401, 'UNAUTHENTICATED', '未登录或会话已过期，请重新登录');
      return;
    }
    if (token) req.user = await userForToken(ctx.db, token, ctx.config.sessionTtlMinutes);
    if (access === undefined) return; // unknown route: the 404 handler answers
    if (access === 'public') return;
    if (!req.user) throw new AppError(401, 'UNAUTHENTICATED', '未登录或会话已过期，请重新登录');
    if (access !== 'authenticated' && !req.user.permissions.has(access)) {
      throw new AppError(403, 'FORBIDDEN', '无权执行此操作');
    }
  });
}

/** Every /api route with its access rule, as registered (read by the permission tests). */
export interface CatalogEntry { method: string; url: string; access: RouteAccess }
const catalogs = new WeakMap<object, CatalogEntry[]>();
export function routeCatalog(app: App): CatalogEntry[] {
  return catalogs.get(app) ?? [];
}

function requireAccessOnEveryRoute(app: App) {
  const catalog: CatalogEntry[] = [];
  catalogs.set(app, catalog);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method, url: route.url, access });
  });
}

async function serveWeb(app: App, ctx: AppContext) {
  const dist = ctx.config.webDistDir;
  const index = path.join(dist, 'index.html');
  if (fs.existsSync(index)) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app's own routes fall back to index.html; API and asset misses are 404.
    if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/') && fs.existsSync(index)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(index));
    }
    return reply.status(404).send(errorBody('NOT_FOUND', '请求的地址不存在'));
  });
}

export async function buildApp(ctx: AppContext, modules: RouteModule[]): Promise<App> {
  const app = Fastify({
    logger: ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: MAX_JSON_BODY_BYTES,
    // Long path parameters reach the route's own schema, which answers with our 400 and
    // a Chinese message instead of Fastify's bare 414.
    routerOptions: { maxParamLength: 2048 },
  }).withTypeProvider() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  requireAccessOnEveryRoute(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd renders CSS-in-JS style tags; swagger-ui loads its own scripts from /api/docs.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false, // set by the TLS-terminating proxy in production
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '卫生健康法治运行平台 API', description: 'Rule-of-law operations platform for health commissions', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await authenticate(app, ctx);
  app.addHook('preValidation', async (req) => {
    if (containsNul(req.query) || containsNul(req.params) || containsNul(req.body)) {
      throw new AppError(400, 'INVALID_CHARACTER', '请求中含有不允许的空字符（NUL）');
    }
  });

  await app.register(async (api) => {
    for (const register of modules) register(api as unknown as App, ctx);
  });
  await serveWeb(app, ctx);
  return app;
}
