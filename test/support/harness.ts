// What an API test stands on: a private copy of the seeded database (PGlite, or a
// PostgreSQL database cloned from the run's template when DATABASE_URL is set), the
// real application, and helpers to sign in as a demo user and call the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { openPglite } from '../../src/platform/db/pglite';
import { openPostgres } from '../../src/platform/db/postgres';
import type { Database } from '../../src/platform/db';
import { createContext } from '../../src/platform/bootstrap';
import { loadConfig } from '../../src/platform/config';
import { buildApp } from '../../src/platform/http/app';
import { MODULES } from '../../src/modules';
import type { App, AppContext } from '../../src/platform/http/types';
import { DEMO_PASSWORD } from '../../src/seed/demo';
import { databaseUrlFor } from './env';

export interface TestEnv {
  app: App;
  ctx: AppContext;
  db: Database;
  /** Signs in and returns a client whose requests carry that user's session cookie. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  cookie: string | undefined;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

async function openTestDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const template = inject('pgTemplateDb');
  const serverUrl = process.env.DATABASE_URL;
  if (template && serverUrl) {
    const name = `hrl_t_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const db = await openPostgres(databaseUrlFor(serverUrl, name), 4);
    return {
      db,
      drop: async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  const db = await openPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  return { db, drop: async () => {} };
}

export function client(app: App, cookie: string | undefined): Client {
  const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { ...headers };
    if (cookie) h.cookie = cookie;
    const isJson = body !== undefined && !(typeof body === 'string') && !Buffer.isBuffer(body);
    if (isJson && !h['content-type']) h['content-type'] = 'application/json';
    return app.inject({
      method: method as 'GET', url, headers: h,
      payload: body === undefined ? undefined : isJson ? JSON.stringify(body) : (body as string | Buffer),
    });
  };
  return {
    cookie,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    put: (url, body, headers) => request('PUT', url, body ?? {}, headers),
    delete: (url, headers) => request('DELETE', url, undefined, headers),
  };
}

export async function setupTestEnv(): Promise<TestEnv> {
  const { db, drop } = await openTestDatabase();
  // Evidence files go to a private temporary directory, never into ./data; it starts with
  // the files the seed wrote for the template database (the demo's application files).
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-evidence-'));
  const template = inject('evidenceTemplate');
  if (template && fs.existsSync(template)) fs.cpSync(template, evidenceDir, { recursive: true });
  const config = { ...loadConfig({}), logLevel: 'silent', seedDemo: false, evidenceDir };
  const ctx = await createContext(config, db);
  const app = await buildApp(ctx, MODULES);
  await app.ready();
  const sessions = new Map<string, Client>();
  return {
    app, ctx, db,
    anonymous: client(app, undefined),
    async as(username, password = DEMO_PASSWORD) {
      const cached = sessions.get(`${username}:${password}`);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie!;
      const c = client(app, raw.split(';')[0]);
      sessions.set(`${username}:${password}`, c);
      return c;
    },
    async close() {
      await app.close();
      await db.close();
      await drop();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}
