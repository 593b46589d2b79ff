import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';

const BASE_URL = process.env.E2E_BASE_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';

describe.skipIf(!BASE_URL)('session end', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a tab whose session was signed out in another tab goes to login at once, and comes back after signing in', async () => {
    browser = await launchBrowser('session-end-other-tab', { baseURL: BASE_URL });
    const { page, context } = browser;
    await page.goto('/login?redirect=/desk');
    await page.getByTestId('login-username').fill('demo-agent');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/desk$/);
    // The desk's live socket is up when its state bar says so.
    await page.getByTestId('side-menu').getByTestId('menu-desk').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'open');
    await browser.step('desk live');

    const other = await context.newPage();
    await other.goto('/desk');
    await other.getByTestId('user-menu-trigger').click();
    await other.getByTestId('logout').click();
    await other.waitForURL(/\/login$/);
    await other.close();

    // No request from the first tab: only its socket tells it.
    await page.waitForURL(/\/login\?redirect=(%2F|\/)desk$/, { timeout: 10_000 });
    await page.getByText('登录已结束（已在别处退出），请重新登录').waitFor();
    await browser.step('sent to login');

    await page.getByTestId('login-username').fill('demo-agent');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/desk$/);
    await page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.getAttribute('data-status') === 'open');
    expect(page.url()).toMatch(/\/desk$/);
    browser.assertNoConsoleErrors();
  });
});
