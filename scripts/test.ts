// npm test: unit and API tests (vitest.config.ts), then the browser journeys
// (vitest.e2e.config.ts), ending with one plain summary line read by CI:
//   TEST SUMMARY: <passed> passed, <failed> failed, <skipped> skipped
// With DATABASE_URL set, the unit/API suite runs on that PostgreSQL server.
// `npm test -- --suite api` or `--suite e2e` runs one suite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const SUITES = { api: 'vitest.config.ts', e2e: 'vitest.e2e.config.ts' } as const;
type Suite = keyof typeof SUITES;

function requestedSuites(argv: string[]): Suite[] {
  const i = argv.indexOf('--suite');
  if (i < 0) return ['api', 'e2e'];
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const bad = names.filter((n) => !(n in SUITES));
  if (bad.length || names.length === 0) {
    console.error(`unknown suite: ${bad.join(', ') || '(none)'}; use api, e2e`);
    process.exit(2);
  }
  return names as Suite[];
}

interface Counts { passed: number; failed: number; skipped: number; crashed: boolean; failures: string[] }

interface JsonReport {
  numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number;
  testResults?: { name: string; status?: string; message?: string; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[];
}

// One line per failed test (or failed file), so CI's last lines say what failed even
// when only the tail of its log is kept.
function failureLines(json: JsonReport): string[] {
  const lines: string[] = [];
  for (const file of json.testResults ?? []) {
    const rel = path.relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) lines.push(`FAILED: ${rel} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (failed.length === 0 && file.message) lines.push(`FAILED: ${rel}: ${firstLine(file.message)}`);
  }
  return lines;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0].slice(0, 300);
}

function runSuite(suite: Suite, extra: string[]): Counts {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-test-')), `${suite}.json`);
  const where = suite === 'api' ? (process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite') : 'PGlite + Chromium';
  console.log(`\n=== ${suite === 'api' ? 'unit + API tests' : 'browser tests'} on ${where} ===`);
  const res = spawnSync(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--config', SUITES[suite], ...extra], {
    stdio: 'inherit', env: { ...process.env, VITEST_JSON: report },
  });
  if (!fs.existsSync(report)) return { passed: 0, failed: 0, skipped: 0, crashed: true, failures: [`FAILED: ${suite} suite wrote no report`] };
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as JsonReport;
  return {
    failures: failureLines(json),
    passed: json.numPassedTests,
    // A file that failed before any test ran (a browser that would not start) has no failed test of its own.
    failed: json.numFailedTests + (json.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length,
    skipped: json.numPendingTests + json.numTodoTests,
    crashed: res.status !== 0 && json.numFailedTests === 0 && json.numFailedTestSuites === 0,
  };
}

const argv = process.argv.slice(2);
const suites = requestedSuites(argv);
const passthrough = argv.filter((a, i) => a !== '--suite' && argv[i - 1] !== '--suite');
const total: Counts = { passed: 0, failed: 0, skipped: 0, crashed: false, failures: [] };
for (const s of suites) {
  const c = runSuite(s, passthrough);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  total.crashed ||= c.crashed;
  total.failures.push(...c.failures);
}
for (const line of total.failures) console.log(line);
console.log(`\nTEST SUMMARY: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${total.crashed ? ' (a test run crashed)' : ''}`);
process.exit(total.failed > 0 || total.crashed ? 1 : 0);
