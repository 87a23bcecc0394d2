// What a failed browser step leaves behind. A step that times out on a loaded machine says
// only what it waited for; this says what the screen showed instead. When a test fails,
// every page still open is photographed to test-results/failures/, and its address and
// the messages it shows (notices, form errors, alerts) are printed beside the failure.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowsers } from './browser';

const FAILURES_DIR = path.resolve('test-results/failures');
/** What a user would read as the reason a step went nowhere. */
const MESSAGES = '.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-alert-error, .ant-modal-confirm-title';

const fileSafe = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);

async function describePage(page: Page, shot: string): Promise<string> {
  const messages = await page.locator(MESSAGES).allTextContents().catch(() => [] as string[]);
  await page.screenshot({ path: shot, fullPage: true, timeout: 10_000 }).catch(() => undefined);
  const shown = messages.map((m) => m.trim()).filter(Boolean);
  return `  ${page.url()} → ${path.relative(process.cwd(), shot)}${shown.length ? `\n    shows: ${shown.join(' | ')}` : ''}`;
}

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    fs.mkdirSync(FAILURES_DIR, { recursive: true });
    const pages = [...openBrowsers].flatMap((b) => b.contexts().flatMap((c) => c.pages())).filter((p) => !p.isClosed());
    const base = fileSafe(`${path.basename(task.file?.name ?? 'test')}-${task.name}`);
    const lines = await Promise.all(pages.map((p, i) => describePage(p, path.join(FAILURES_DIR, `${base}-${i + 1}.png`))));
    console.error(`Open pages when “${task.name}” failed:\n${lines.join('\n') || '  (none)'}`);
  });
});
