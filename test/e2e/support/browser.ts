// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core; no browser download.
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function baseUrl(): string {
  return inject('baseUrl');
}

/** The browsers this test file launched and has not closed: failures.ts photographs their pages. */
export const openBrowsers = new Set<Browser>();

export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', baseURL: baseUrl() });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function login(page: Page, username: string, password = 'Demo@2026'): Promise<void> {
  await page.goto('/login');
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('todos').waitFor();
}

/** A new browser context with this user signed in (close it with page.context().close()). */
export async function signedIn(browser: Browser, username: string, password?: string): Promise<Page> {
  const page = await newPage(browser);
  await login(page, username, password);
  return page;
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.resolve('test-results/screenshots', `${name}.png`), fullPage: true });
}
