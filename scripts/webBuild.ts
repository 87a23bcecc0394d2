// Builds the web app when its sources changed since the last build (the first start, or
// after an update); used by npm start and by the browser tests.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB_SRC = path.join(ROOT, 'src/web');
const DIST = path.join(ROOT, 'dist/web');
const STAMP = path.join(DIST, '.build-stamp');

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** A fingerprint of the web sources and build configuration (paths, sizes, contents' mtimes). */
function sourceFingerprint(): string {
  const files = [...listFiles(WEB_SRC), path.join(ROOT, 'vite.config.ts'), path.join(ROOT, 'package-lock.json')]
    .filter((f) => fs.existsSync(f)).sort();
  const h = crypto.createHash('sha256');
  for (const f of files) {
    const st = fs.statSync(f);
    h.update(`${path.relative(ROOT, f)}:${st.size}:${st.mtimeMs}\n`);
  }
  return h.digest('hex');
}

export function buildWebIfStale(log: (s: string) => void = console.log): void {
  const fingerprint = sourceFingerprint();
  const current = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : '';
  if (current === fingerprint && fs.existsSync(path.join(DIST, 'index.html'))) return;
  log('正在构建网页界面… (building the web app)');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'error'],
    // Always a production bundle: the test runner sets NODE_ENV=test, and a build made
    // under it (dev React, test ids) would later be served by npm start as current.
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  fs.writeFileSync(STAMP, fingerprint);
}
