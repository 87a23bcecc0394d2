// The licensing portal's quality bar, all through the browser: an applicant, without an
// account, applies online for 公共场所卫生许可 (XK-GGCS-01, which allows 容缺受理) leaving
// one required material 未提交, and reads the tracking code; the window accepts the
// application with that material owed; the applicant sends it from the tracking page;
// the window approves and the electronic licence is issued; the tracking page links to
// the licence's verification page, which says 证照真实有效; the licence is revoked and
// the same page says 已撤销. Also: the form's Chinese messages for bad input (nothing is
// sent), the published decision on 许可公示, the look-up by licence number, a “one thing”
// bundle applied for in one form, a correction notice answered from the tracking page, and
// the pages on a phone's width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, newPage, screenshot, signedIn } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const ITEM = 'XK-GGCS-01';
const run = Date.now() % 1_000_000;
const APPLICANT = `浏览器测试${run}宾馆有限公司`;
const OWED = '公共场所卫生管理制度';
const REVOKE_REASON = '依据行政处罚决定书吊销（浏览器测试）';

/** How far the page is wider than the screen (0: no horizontal scrolling), with the elements that stick out. */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => {
    const screen = Math.min(window.innerWidth, document.documentElement.clientWidth);
    const by = document.documentElement.scrollWidth - screen;
    const culprits = by <= 0 ? [] : [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right > screen + 0.5 && e.getBoundingClientRect().width > 0)
      .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 2).join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
    return { by, culprits };
  });
}

/** A phone (390 × 844 CSS pixels, touch), not signed in. */
async function phoneVisitor(b: Browser): Promise<Page> {
  const context = await b.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: baseUrl() });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Chooses how a material of the application form is provided. */
async function provide(page: Page, code: string, provision: 'paper' | 'e_licence' | 'data_check' | 'missing'): Promise<void> {
  await page.getByTestId(`apply-material-${code}-${provision}`).check();
  await expect.poll(() => page.getByTestId(`apply-material-${code}`).getAttribute('data-provision')).toBe(provision);
}

/** Every POST to the public application form the page sends. */
function countApplications(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/public/applications') n++; });
  return () => n;
}

describe('licensing on the public portal', () => {
  let visitor: Page;
  let window: Page;
  let code: string;
  let applicationNo: string;
  let verifyUrl: string;
  let licenceNo: string;

  beforeAll(async () => {
    visitor = await newPage(browser);
    window = await signedIn(browser, 'window');
  });
  afterAll(async () => {
    await visitor?.context().close();
    await window?.context().close();
  });

  it('the application form shows Chinese messages for bad input and sends nothing', async () => {
    const page = await newPage(browser);
    try {
      const posts = countApplications(page);
      await page.goto(`/portal/apply/${ITEM}`);
      await page.getByTestId('apply-form').waitFor();
      await page.getByTestId('apply-uscc').fill('91330402MA2B3C4D5X');
      await page.getByTestId('apply-phone').fill('12345');
      await page.getByTestId('apply-submit').click();
      const form = page.getByTestId('apply-form');
      await expect.poll(() => form.textContent()).toContain('请填写申请人名称（单位名称或个人姓名）');
      const text = await form.textContent();
      expect(text).toContain('联系电话应为11位手机号码或带区号的固定电话');
      expect(text).toContain('校验码错误：第18位应为');
      await screenshot(page, 'portal-apply-errors');

      // No phone and no e-mail: one of them is needed.
      await page.getByTestId('apply-phone').fill('');
      await page.getByTestId('apply-submit').click();
      await expect.poll(() => form.textContent()).toContain('请至少填写联系电话或电子邮箱，以便接收查询码和办理结果');
      // An e-mail address clears it; a bad one has its own message.
      await page.getByTestId('apply-email').fill('not-an-address');
      await page.getByTestId('apply-submit').click();
      await expect.poll(() => form.textContent()).toContain('电子邮箱格式不正确');
      // Each field's message is replaced when its own validation settles: wait for it.
      await expect.poll(() => form.textContent()).not.toContain('请至少填写联系电话或电子邮箱');
      expect(posts()).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('an applicant applies online leaving one required material 未提交, and reads the tracking code once', async () => {
    const posts = countApplications(visitor);
    // From the service guide's 在线申请.
    await visitor.goto(`/portal/service-guide/${ITEM}`);
    await visitor.getByTestId('guide-apply').click();
    await visitor.waitForURL(new RegExp(`/portal/apply/${ITEM}$`));
    await visitor.getByTestId('apply-form').waitFor();
    await expect(visitor.getByTestId('apply-title').textContent()).resolves.toContain('公共场所卫生许可');
    await expect(visitor.getByTestId('apply-promised').textContent()).resolves.toBe('5个工作日');
    // The item allows 告知承诺: the commitment is offered with its text.
    await expect(visitor.getByTestId('apply-commitment-text').textContent()).resolves.toContain('愿意承担不实承诺、违反承诺的法律责任');
    // Only what each material allows: 营业执照 may be an e-licence, the health certificates a data check, the others neither.
    await expect(visitor.getByTestId('apply-material-M02-e_licence').count()).resolves.toBe(1);
    await expect(visitor.getByTestId('apply-material-M02-data_check').count()).resolves.toBe(0);
    await expect(visitor.getByTestId('apply-material-M07-data_check').count()).resolves.toBe(1);
    await expect(visitor.getByTestId('apply-material-M01-e_licence').count()).resolves.toBe(0);
    await expect(visitor.getByTestId('apply-material-M01-data_check').count()).resolves.toBe(0);

    await visitor.getByTestId('apply-name').fill(APPLICANT);
    await visitor.getByTestId('apply-uscc').fill('91330402ma2b3c4d53');
    await visitor.getByTestId('apply-phone').fill('13912345678');
    await visitor.getByTestId('apply-email').fill('frontdesk@example.com');
    await visitor.getByTestId('apply-address').fill('嘉兴市南湖区中山路100号');
    await visitor.getByTestId('apply-scope').fill('住宿');
    for (const m of ['M01', 'M02', 'M04', 'M05']) await provide(visitor, m, 'paper');
    await provide(visitor, 'M03', 'data_check');
    // M06 公共场所卫生管理制度 stays 未提交; M07 is checked against shared data (its default); M08 is optional.
    await expect(visitor.getByTestId('apply-material-M06').getAttribute('data-provision')).resolves.toBe('missing');
    await expect(visitor.getByTestId('apply-material-M07').getAttribute('data-provision')).resolves.toBe('data_check');
    await expect.poll(() => visitor.getByTestId('apply-missing-summary').textContent()).toContain(`尚有1项必需材料未提交：${OWED}`);
    await expect(visitor.getByTestId('apply-missing-summary').textContent()).resolves.toContain('可容缺受理');
    // 引用电子证照 asks for the licence's number.
    await provide(visitor, 'M02', 'e_licence');
    await visitor.getByTestId('apply-submit').click();
    await expect.poll(() => visitor.getByTestId('apply-material-M02').textContent()).toContain('所引用的电子证照编号');
    expect(posts()).toBe(0);
    await provide(visitor, 'M02', 'paper');
    await screenshot(visitor, 'portal-apply-form');

    await visitor.getByTestId('apply-submit').click();
    const codeBox = visitor.getByTestId('apply-tracking-code');
    await codeBox.waitFor();
    code = (await codeBox.textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(posts()).toBe(1);
    await expect(visitor.getByTestId('apply-code-once').textContent()).resolves.toContain('查询码只显示这一次');
    await expect(visitor.getByTestId('apply-copy-code').isVisible()).resolves.toBe(true);
    await screenshot(visitor, 'portal-apply-done');

    // The tracking page: received, waiting for acceptance, the missing material named.
    await visitor.getByTestId('apply-track-link').click();
    await visitor.waitForURL(new RegExp(`/portal/track/${code}$`));
    const card = visitor.locator('[data-testid^="track-app-"]');
    await card.waitFor();
    applicationNo = (await card.getAttribute('data-testid'))!.replace('track-app-', '');
    expect(applicationNo).toMatch(/-SQ-\d{8}-\d{4}$/);
    await expect(card.getByTestId('track-state').textContent()).resolves.toBe('已收件，待受理');
    await expect(card.getByTestId('track-missing-materials').textContent()).resolves.toContain(OWED);
    await expect(visitor.getByTestId('track-applicant').textContent()).resolves.toBe(APPLICANT);
    await screenshot(visitor, 'portal-track-submitted');
  });

  it('the window accepts it with the material outstanding (容缺受理)', async () => {
    await window.goto(`/licensing/applications?q=${encodeURIComponent(applicationNo)}`);
    const link = window.locator('[data-testid="app-table"] a[data-testid^="app-"]').filter({ hasText: applicationNo });
    await link.click();
    await expect.poll(() => window.getByTestId('app-no').textContent()).toBe(applicationNo);
    // Plain acceptance is refused while a required material is missing.
    await expect(window.getByTestId('app-step-accept').getAttribute('data-allowed')).resolves.toBe('false');
    await window.getByTestId('app-step-accept_with_deficiency').click();
    await expect.poll(() => window.getByTestId('owed-name-0').inputValue()).toBe(OWED);
    await window.getByTestId('app-step-submit').click();
    await expect.poll(() => window.getByTestId('app-state').textContent()).toContain('已受理');
    await expect(window.getByTestId('app-owed').textContent()).resolves.toContain(OWED);
    await expect(window.getByTestId('app-step-approve').getAttribute('data-allowed')).resolves.toBe('false');
    await screenshot(window, 'licensing-window-accepted-with-deficiency');
  });

  it('the applicant sends the owed material from the tracking page', async () => {
    await visitor.goto(`/portal/track/${code}`);
    const card = visitor.getByTestId(`track-app-${applicationNo}`);
    await expect.poll(() => card.getAttribute('data-state')).toBe('accepted');
    await expect(card.getByTestId('track-due').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const owed = card.getByTestId('track-owed-0');
    await expect(owed.textContent()).resolves.toContain(OWED);
    await expect(owed.getAttribute('data-supplied')).resolves.toBe('false');
    await screenshot(visitor, 'portal-track-owed');
    // Sending nothing is caught on the page.
    await card.getByTestId('track-owed-submit').click();
    await expect.poll(() => card.getByTestId('track-owed-error').textContent()).toBe('请勾选本次补齐的材料');
    await card.getByTestId('track-owed-0-check').check();
    await card.getByTestId('track-owed-note').fill('已通过邮寄递交纸质件');
    await card.getByTestId('track-owed-submit').click();
    await expect.poll(() => owed.getAttribute('data-supplied')).toBe('true');
    await expect(owed.textContent()).resolves.toContain('已补齐');
    await expect(card.getByTestId('track-owed-submit').count()).resolves.toBe(0);
  });

  it('the window approves; the tracking page links to the licence’s verification page, which says 证照真实有效', async () => {
    await window.reload();
    await expect.poll(() => window.getByTestId('app-step-approve').getAttribute('data-allowed')).toBe('true');
    await window.getByTestId('app-step-approve').click();
    await window.getByTestId('app-step-submit').click();
    await window.getByTestId('app-step-confirm').click();
    await expect.poll(() => window.getByTestId('app-state').textContent()).toContain('准予许可');
    licenceNo = (await window.getByTestId('app-licence-link').textContent())!.trim();
    expect(licenceNo).not.toBe('');

    await visitor.reload();
    const card = visitor.getByTestId(`track-app-${applicationNo}`);
    await expect.poll(() => card.getAttribute('data-state')).toBe('approved');
    await expect(card.getByTestId('track-decision').textContent()).resolves.toContain('准予许可');
    await expect(card.getByTestId('track-licence-no').textContent()).resolves.toBe(licenceNo);

    // Rated once concluded.
    await card.getByTestId('track-rate').locator('.ant-rate-star').nth(4).click();
    await card.getByTestId('track-rate-comment').fill('网上申请很方便，容缺受理节省了时间');
    await card.getByTestId('track-rate-submit').click();
    await card.getByTestId('track-rated').waitFor();
    await expect(card.getByTestId('track-rated').textContent()).resolves.toContain('非常满意');
    await screenshot(visitor, 'portal-track-approved');

    await card.getByTestId('track-licence-link').click();
    await visitor.waitForURL(/\/portal\/verify\/licence\/[A-Za-z0-9_-]+$/);
    verifyUrl = new URL(visitor.url()).pathname;
    const result = visitor.getByTestId('licence-verify-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('valid');
    await expect(visitor.getByTestId('licence-verify-title').textContent()).resolves.toBe('证照真实有效');
    await expect(visitor.getByTestId('licence-verify-holder').textContent()).resolves.toBe(APPLICANT);
    await expect(visitor.getByTestId('licence-verify-no').textContent()).resolves.toBe(licenceNo);
    await expect(visitor.getByTestId('licence-verify-particulars').textContent()).resolves.toContain('公共场所卫生许可证');
    // The signature is folded away until opened.
    const signature = visitor.getByTestId('licence-verify-signature');
    await expect(signature.getByTestId('licence-verify-algorithm').count()).resolves.toBe(0);
    await signature.locator('.ant-collapse-header').click();
    await expect.poll(() => signature.getByTestId('licence-verify-algorithm').textContent()).toContain('SM2');
    await screenshot(visitor, 'portal-licence-valid');
  });

  it('the licensing decision is published on 许可公示; the licence is found by its number', async () => {
    await visitor.goto(`/portal/licensing-decisions?q=${encodeURIComponent(APPLICANT)}`);
    const row = visitor.getByTestId(`decision-${applicationNo}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('准予许可');
    await expect(row.textContent()).resolves.toContain(licenceNo);
    await expect(visitor.getByTestId(`decision-status-${applicationNo}`).textContent()).resolves.toBe('有效');
    await expect(visitor.getByTestId('decisions-intro').textContent()).resolves.toContain('自作出决定之日起7个工作日内公示');
    await screenshot(visitor, 'portal-licensing-decisions');
    await visitor.getByTestId('decisions-search').locator('input').fill('没有这样的申请人');
    await visitor.getByTestId('decisions-search').locator('input').press('Enter');
    await visitor.getByTestId('decisions-empty').waitFor();

    await visitor.getByTestId('portal-nav-verify-licence').click();
    await visitor.waitForURL(/\/portal\/verify\/licence$/);
    await visitor.getByTestId('verify-licence-no').fill('JX-WJW-1999-999999');
    await visitor.getByTestId('verify-licence-submit').click();
    await expect.poll(() => visitor.getByTestId('verify-lookup-error').textContent()).toContain('未找到该证照编号');
    await visitor.getByTestId('verify-licence-no').fill(licenceNo);
    await visitor.getByTestId('verify-licence-submit').click();
    await visitor.waitForURL((u) => u.pathname === verifyUrl);
    await expect.poll(() => visitor.getByTestId('licence-verify-result').getAttribute('data-status')).toBe('valid');
  });

  it('the licence is revoked at the window, and the verification page says 已撤销', async () => {
    await window.getByTestId('app-licence-link').click();
    await expect.poll(() => window.getByTestId('licence-no').textContent()).toBe(licenceNo);
    await window.getByTestId('licence-revoke').click();
    await window.getByTestId('licence-action-reason').fill(REVOKE_REASON);
    await window.getByTestId('licence-action-submit').click();
    await window.getByTestId('licence-action-confirm').click();
    await expect.poll(() => window.getByTestId('licence-status').textContent()).toContain('已撤销');

    await visitor.goto(verifyUrl);
    const result = visitor.getByTestId('licence-verify-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('revoked');
    await expect(visitor.getByTestId('licence-verify-title').textContent()).resolves.toBe('证照已撤销');
    await expect(result.textContent()).resolves.toContain(REVOKE_REASON);
    await expect(visitor.getByTestId('licence-verify-status').textContent()).resolves.toContain('已撤销');
    await screenshot(visitor, 'portal-licence-revoked');
    // The published decision stands, the licence's revocation beside it.
    await visitor.goto(`/portal/licensing-decisions?q=${encodeURIComponent(applicationNo)}`);
    await expect.poll(() => visitor.getByTestId(`decision-status-${applicationNo}`).textContent()).toMatch(/^已撤销（\d{4}-\d{2}-\d{2}）$/);
  });

  it('a “one thing” bundle is applied for in one form, its items under one tracking code', async () => {
    const page = await newPage(browser);
    try {
      await page.goto('/portal/apply?bundle=YJS-XKZS-01');
      await page.getByTestId('apply-form').waitFor();
      await expect(page.getByTestId('apply-title').textContent()).resolves.toContain('新开诊所一件事');
      for (const item of ['BA-ZS-01', 'XK-YSZC-01', 'XK-HSZC-01']) await page.getByTestId(`apply-summary-${item}`).waitFor();
      await page.getByTestId('apply-name').fill(`浏览器测试${run}诊所`);
      await page.getByTestId('apply-phone').fill('0573-82345678');
      // The staff registrations are the doctor's and the nurse's own.
      await page.getByTestId('apply-holder-XK-YSZC-01').fill('钱医生');
      await page.getByTestId('apply-holder-XK-HSZC-01').fill('孙护士');
      // The items' materials share codes (M02 is the business licence of one, an ID proof of another): each is sent with its item.
      await provide(page, 'BA-ZS-01-M02', 'paper');
      const rows = page.locator('[data-testid^="apply-material-"][data-provision]');
      for (const id of await rows.evaluateAll((es) => es.map((e) => e.getAttribute('data-testid')!.replace('apply-material-', '')))) {
        if (id.startsWith('XK-')) await provide(page, id, 'paper');
      }
      await page.getByTestId('apply-submit').click();
      const bundleCode = (await page.getByTestId('apply-tracking-code').textContent())!.trim();
      expect(bundleCode).toMatch(/^[A-Z2-9]{10}$/);
      await page.getByTestId('apply-track-link').click();
      await page.getByTestId('track-result').waitFor();
      await expect.poll(() => page.locator('[data-testid^="track-app-"]').count()).toBe(3);
      await expect.poll(() => page.getByTestId('track-holder').allTextContents()).toEqual(['钱医生', '孙护士']);
      await screenshot(page, 'portal-track-bundle');

      // A hotel with its own water supply: the business licence both licences ask for is given once.
      await page.goto('/portal/apply?bundle=YJS-BGKY-01');
      await page.getByTestId('apply-form').waitFor();
      const shared = page.getByTestId('apply-shared-materials');
      await expect(shared.getByTestId('apply-material-XK-GGCS-01-M02-used-by').textContent()).resolves.toBe('用于：公共场所卫生许可、饮用水供水单位卫生许可');
      await expect(page.getByTestId('apply-material-XK-GSDW-01-M02').count()).resolves.toBe(0);
      await page.getByTestId('apply-name').fill(`浏览器测试${run}度假酒店有限公司`);
      await page.getByTestId('apply-phone').fill('0573-82345679');
      await provide(page, 'XK-GGCS-01-M02', 'paper');
      await screenshot(page, 'portal-apply-bundle-shared');
      await page.getByTestId('apply-submit').click();
      const hotelCode = (await page.getByTestId('apply-tracking-code').textContent())!.trim();
      const tracked = await (await page.request.get(`/api/public/applications/${hotelCode}`)).json() as { applications: { itemCode: string; materials: { code: string; provision: string }[] }[] };
      expect(tracked.applications.map((a) => [a.itemCode, a.materials.find((m) => m.code === 'M02')!.provision]))
        .toEqual([['XK-GGCS-01', 'paper'], ['XK-GSDW-01', 'paper']]);

      // The hotel withdraws the water-supply application from the tracking page.
      await page.goto(`/portal/track/${hotelCode}`);
      const water = page.locator('[data-testid^="track-app-"]').nth(1);
      await water.getByTestId('track-withdraw').click();
      await water.getByTestId('track-withdraw-reason').fill('改用市政供水，不再自备水源');
      await water.getByTestId('track-withdraw-submit').click();
      await page.getByTestId('track-withdraw-confirm').click();
      await expect.poll(() => water.getAttribute('data-state')).toBe('withdrawn');
      await expect(water.getByTestId('track-decision').textContent()).resolves.toContain('改用市政供水，不再自备水源');
      await expect(page.locator('[data-testid^="track-app-"]').first().getAttribute('data-state')).resolves.toBe('submitted');
    } finally {
      await page.context().close();
    }
  });

  it('a correction notice (一次性告知) is answered from the tracking page', async () => {
    const page = await newPage(browser);
    try {
      // An application with four required materials missing (the form itself is covered above).
      const res = await page.request.post('/api/public/applications', {
        data: { itemCode: ITEM, applicantName: `浏览器测试${run}浴室`, contactPhone: '13700000009', materials: [{ code: 'M01', provision: 'paper' }] },
      });
      expect(res.status(), await res.text()).toBe(200);
      const { trackingCode, applications } = await res.json() as { trackingCode: string; applications: { id: number; applicationNo: string }[] };

      await window.goto(`/licensing/applications/${applications[0].id}`);
      await window.getByTestId('app-step-request_correction').click();
      await expect.poll(() => window.getByTestId('app-step-reason').inputValue()).toContain('营业执照');
      await window.getByTestId('app-step-submit').click();
      await expect.poll(() => window.getByTestId('app-state').textContent()).toContain('补正');

      await page.goto(`/portal/track/${trackingCode}`);
      const card = page.getByTestId(`track-app-${applications[0].applicationNo}`);
      await expect.poll(() => card.getAttribute('data-state')).toBe('correction_requested');
      await expect(card.getByTestId('track-correction-notice').textContent()).resolves.toContain('公共场所卫生管理制度');
      for (const m of ['M02', 'M04', 'M05', 'M06']) await card.getByTestId(`track-correction-material-${m}-paper`).check();
      await screenshot(page, 'portal-track-correction');
      await card.getByTestId('track-correction-submit').click();
      await expect.poll(() => card.getAttribute('data-state')).toBe('submitted');
      await expect(card.getByTestId('track-state').textContent()).resolves.toBe('已收件，待受理');
      await expect(card.getByTestId('track-missing-materials').count()).resolves.toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('an unknown verification address says 核验未通过', async () => {
    await visitor.goto('/portal/verify/licence/AAAAAAAAAAAAAAAAAAAAAA');
    const result = visitor.getByTestId('licence-verify-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('not_found');
    await expect(result.textContent()).resolves.toContain('核验未通过');
  });

  it('the portal pages fit a phone’s screen', async () => {
    const page = await phoneVisitor(browser);
    try {
      await page.goto(`/portal/apply/${ITEM}`);
      await page.getByTestId('apply-form').waitFor();
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      await screenshot(page, 'portal-apply-phone');

      await page.goto(`/portal/track/${code}`);
      await page.getByTestId(`track-app-${applicationNo}`).waitFor();
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      await screenshot(page, 'portal-track-phone');

      await page.goto(verifyUrl);
      await expect.poll(() => page.getByTestId('licence-verify-result').getAttribute('data-status')).toBe('revoked');
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      await screenshot(page, 'portal-licence-phone');

      await page.goto(`/portal/licensing-decisions?q=${encodeURIComponent(APPLICANT)}`);
      await page.getByTestId(`decision-${applicationNo}`).waitFor();
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      await screenshot(page, 'portal-decisions-phone');
    } finally {
      await page.context().close();
    }
  });
});
