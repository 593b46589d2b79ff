import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';

const BASE_URL = process.env.E2E_BASE_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';

/** Chromium logs every 4xx fetch as a console error: the wrong password's 401 is the one expected. */
const WRONG_PASSWORD_ERRORS = [/Failed to load resource: the server responded with a status of 401/];

describe.skipIf(!BASE_URL)('login', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('logs in as an agent, sees only agent pages, switches to English and logs out', async () => {
    browser = await launchBrowser('login-agent', { baseURL: BASE_URL });
    const { page } = browser;

    await page.goto('/desk');
    await page.waitForURL(/\/login\?redirect=/);
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('登录');
    await browser.step('login page');

    await page.getByTestId('login-username').fill('demo-agent');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/desk$/);
    const menu = page.getByTestId('side-menu');
    await menu.getByTestId('menu-desk').waitFor();
    expect(await menu.getByTestId('menu-audit').count()).toBe(0);
    expect(await menu.getByTestId('menu-admin').count()).toBe(0);
    await expect(menu.getByTestId('menu-desk').textContent()).resolves.toContain('坐席工作台');
    await browser.step('agent desk');

    await page.getByTestId('language-switch').getByText('English').click();
    await menu.getByText('Agent desk').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('yixian.locale')])).toEqual(['en', 'en']);
    await browser.step('english');

    await page.reload();
    await menu.getByText('Agent desk').waitFor();

    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('user-roles').getByText('Agent').waitFor();
    await browser.step('user menu');
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('Log in');
    await browser.step('logged out');

    await page.goto('/desk');
    await page.waitForURL(/\/login\?redirect=/);
    browser.assertNoConsoleErrors();
  });

  it('shows an inline error for a wrong password and stays on login', async () => {
    browser = await launchBrowser('login-wrong-password', { baseURL: BASE_URL });
    const { page } = browser;

    await page.goto('/login');
    await page.getByTestId('login-username').fill('demo-agent');
    await page.getByTestId('login-password').fill(`${DEMO_PASSWORD}-wrong`);
    await page.getByTestId('login-submit').click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('用户名或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.getByTestId('login-password').inputValue()).toBe('');
    await browser.step('wrong password');
    browser.assertNoConsoleErrors(WRONG_PASSWORD_ERRORS);
  });
});
