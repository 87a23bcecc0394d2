// Logging in as three roles: each sees the navigation its role may use and its home page;
// an address that does not exist answers 页面不存在.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('signing in', () => {
  it('rejects a wrong password with a Chinese message', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.locator('input#username').fill('admin');
    await page.locator('input#password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await screenshot(page, 'login-error');
    await page.context().close();
  });

  it('administrator: sees the system administration menu and the certificate reminders', async () => {
    const page = await signedIn(browser, 'admin');
    const menu = page.locator('.ant-layout-sider');
    await expect(menu.textContent()).resolves.toContain('用户');
    await expect(menu.textContent()).resolves.toContain('审计日志');
    await expect.poll(() => page.getByTestId('todos').textContent()).toContain('执法证');
    await screenshot(page, 'home-admin');
    await page.context().close();
  });

  it('inspector: sees the directory but no administration', async () => {
    const page = await signedIn(browser, 'inspector1');
    const menu = await page.locator('.ant-layout-sider').textContent();
    expect(menu).toContain('监管对象');
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('用户');
    await expect(page.locator('header').textContent()).resolves.toContain('南湖区卫生监督所');
    await screenshot(page, 'home-inspector1');
    await page.context().close();
  });

  it('leader: sees statistics, an empty to-do list, and can switch to English', async () => {
    const page = await signedIn(browser, 'leader');
    await expect(page.locator('.ant-layout-sider').textContent()).resolves.toContain('统计指标');
    await expect.poll(() => page.getByTestId('todos').textContent()).toContain('暂无待办事项');
    await page.getByTestId('switch-locale').click();
    await expect.poll(() => page.getByTestId('todos').textContent()).toContain('Nothing to do');
    await screenshot(page, 'home-leader-en');
    await page.getByTestId('switch-locale').click();
    await page.context().close();
  });

  it('an address that does not exist says so, inside the app and on the public portal', async () => {
    const page = await signedIn(browser, 'window');
    await page.goto('/licensing/no-such-page');
    await expect.poll(() => page.getByTestId('not-found').textContent()).toContain('页面不存在');
    // Still inside the app, with its menu, and one click from the workbench.
    await expect(page.locator('.ant-layout-sider').textContent()).resolves.toContain('办件管理');
    await page.getByTestId('not-found-home').click();
    await page.getByTestId('todos').waitFor();
    await page.context().close();

    const visitor = await newPage(browser);
    await visitor.goto('/portal/no-such-page');
    // A visitor without an account is not sent to the staff login: the public pages are offered.
    await expect.poll(() => visitor.getByTestId('not-found').textContent()).toContain('页面不存在');
    expect(visitor.url()).toContain('/portal/no-such-page');
    await visitor.getByTestId('not-found-portal-links').getByText('电子证照核验').click();
    await visitor.waitForURL(/\/portal\/verify\/licence$/);
    await visitor.context().close();
  });
});
