// Browser tests: build the web app if stale, start the real server on a free port with
// a fresh PGlite data directory seeded with the demo commission, and hand its URL to
// the tests. Screenshots go to test-results/screenshots (CI keeps that folder).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebIfStale } from '../../../scripts/webBuild';
import { startServer } from '../../../src/server';
import { loadConfig } from '../../../src/platform/config';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string }
}

let stop: (() => Promise<void>) | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  buildWebIfStale(() => {});
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-e2e-'));
  // The evidence directory too (the seed writes the demo's material files there), never ./data/evidence.
  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, evidenceDir: path.join(dataDir, 'evidence'), logLevel: 'silent' };
  // testClock: the tests move the server's "today" forward (PUT /api/test/clock) to let a
  // defence period run out and a hearing day come; the route exists only on this server.
  const server = await startServer(config, { demoEntities: 600, handleSignals: false, quiet: true, testClock: true });
  stop = server.stop;
  project.provide('baseUrl', server.url.replace('localhost', '127.0.0.1'));
  fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
}

export async function teardown() {
  await stop?.();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
