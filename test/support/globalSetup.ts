// Prepares one seeded database per test run, which every test file then copies: a
// PGlite data-directory dump, or a PostgreSQL template database when DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, dumpPglite } from '../../src/platform/db/pglite';
import { openPostgres } from '../../src/platform/db/postgres';
import { createContext } from '../../src/platform/bootstrap';
import { loadConfig } from '../../src/platform/config';
import { seedDemo } from '../../src/seed/demo';
import { TEST_ENTITY_COUNT, databaseUrlFor } from './env';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDb: string;
    /** The evidence directory the seed wrote the demo's files to; each test copies it (harness.ts). */
    evidenceTemplate: string;
  }
}

let cleanup: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  // The demo's files (material files of the open applications) go with the template database.
  const evidenceTemplate = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-evidence-template-'));
  project.provide('evidenceTemplate', evidenceTemplate);
  const removeEvidence = () => fs.rmSync(evidenceTemplate, { recursive: true, force: true });
  const config = { ...loadConfig({}), logLevel: 'silent', evidenceDir: evidenceTemplate };
  if (!serverUrl) {
    const db = await openPglite(undefined);
    const ctx = await createContext(config, db);
    await seedDemo(db, ctx.calendar, TEST_ENTITY_COUNT, evidenceTemplate);
    const blob = await dumpPglite(db);
    await db.close();
    const file = path.join(os.tmpdir(), `hrl-template-${process.pid}-${crypto.randomUUID()}.tar.gz`);
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    project.provide('pgTemplateDb', '');
    cleanup = async () => { fs.rmSync(file, { force: true }); removeEvidence(); };
    return;
  }
  const name = `hrl_tpl_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = await openPostgres(databaseUrlFor(serverUrl, name), 2);
  const ctx = await createContext({ ...config, databaseUrl: databaseUrlFor(serverUrl, name) }, db);
  await seedDemo(db, ctx.calendar, TEST_ENTITY_COUNT, evidenceTemplate);
  await db.close();
  project.provide('pgliteTemplate', '');
  project.provide('pgTemplateDb', name);
  cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    removeEvidence();
  };
}

export async function teardown() {
  await cleanup?.();
}
