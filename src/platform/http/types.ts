import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db';
import type { Config } from '../config';
import type { AuthUser } from '../access/user';
import type { Permission } from '../access/permissions';
import type { CalendarService } from '../../modules/calendar/service';

/** What every route handler can reach besides the request. */
export interface AppContext {
  db: Database;
  config: Config;
  calendar: CalendarService;
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/**
 * Every /api route declares who may call it: 'public' (no session), 'authenticated'
 * (any signed-in user), or one permission. Start-up fails if a route declares nothing.
 */
/**
 * 'session': a session cookie must be sent, but the handler itself matches it against
 * in-memory state (hashToken of the cookie) without touching the database — used where
 * the database may be busy with the caller's own long transaction (import progress on
 * the single PGlite connection).
 */
export type RouteAccess = Permission | 'public' | 'authenticated' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
    /** sha256 of the session cookie when one is sent (on 'session' routes, instead of user). */
    sessionHash?: string;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** A module contributes its routes through one function. */
export type RouteModule = (app: App, ctx: AppContext) => void;
