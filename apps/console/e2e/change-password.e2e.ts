/**
 * Passwords in the console: an administrator gives demo-grid a one-time password; signed in with
 * it, the console goes nowhere but the change-password page, which says in words why the API
 * refuses a common password and a wrong current one, then takes a good one and goes home; the new
 * password signs in, and the user menu opens the page for a voluntary change.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, loginApi } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const DATABASE_URL = process.env.E2E_DATABASE_URL;
const USERNAME = 'demo-grid';
/** New on each attempt: a retry may not reuse the last attempt's password (the last five are refused). */
const newPassword = () => `river-lantern-${Date.now()}`;
/** Chromium logs every 4xx fetch as a console error: the refused common and wrong passwords' 400s are the ones expected. */
const REFUSED_CHANGE_ERRORS = [/Failed to load resource: the server responded with a status of 400/];

/** The account's password columns, put back afterwards: other browser tests sign in as demo-grid with the demo password. */
const PASSWORD_COLUMNS = { id: true, passwordHash: true, previousPasswordHashes: true, mustChangePassword: true, passwordChangedAt: true, failedLogins: true, lockedUntil: true } as const;

describe.skipIf(!BASE_URL || !DATABASE_URL)('changing a password', () => {
  const prisma = DATABASE_URL ? createPrismaClient(DATABASE_URL) : undefined;
  let saved: Awaited<ReturnType<typeof readColumns>> | undefined;
  let browser: BrowserSession | undefined;
  const readColumns = () => prisma!.user.findUniqueOrThrow({ where: { username: USERNAME }, select: PASSWORD_COLUMNS });

  beforeAll(async () => {
    saved = await readColumns();
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    if (saved) {
      const { id, ...columns } = saved;
      await prisma!.user.update({ where: { id }, data: columns });
    }
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it('forces a one-time password to be changed, says why a change is refused, and signs in with the new one', async () => {
    const NEW_PASSWORD = newPassword();
    const admin = await loginApi(BASE_URL!, 'demo-admin');
    const { oneTimePassword } = await callApi<{ oneTimePassword: string }>(admin, 'POST', `/users/${saved!.id}/reset-password`, {});

    browser = await launchBrowser('change-password', { baseURL: BASE_URL });
    const { page } = browser;
    const signIn = async (password: string) => {
      await page.goto('/login');
      await page.getByTestId('login-username').fill(USERNAME);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
    };
    const fillChange = async (current: string, next: string) => {
      await page.getByTestId('password-current').fill(current);
      await page.getByTestId('password-new').fill(next);
      await page.getByTestId('password-confirm').fill(next);
      await page.getByTestId('password-submit').click();
    };

    await signIn(oneTimePassword);
    await page.waitForURL(/\/password$/);
    await page.getByTestId('password-must-change').waitFor();
    await expect(page.getByTestId('password-policy').textContent()).resolves.toContain('至少 12 个字符');
    await page.goto('/inbox');
    await page.waitForURL(/\/password$/);
    await browser.step('must change');

    await fillChange(oneTimePassword, 'password1234');
    await expect(page.getByTestId('password-error').textContent()).resolves.toContain('新密码太常见');
    await fillChange('not-the-password', NEW_PASSWORD);
    await page.getByTestId('password-error').getByText('当前密码不正确').waitFor();
    await browser.step('refusals in words');

    await fillChange(oneTimePassword, NEW_PASSWORD);
    await page.waitForURL(/\/inbox$/);
    // The inbox's first requests answer before signing out (one cut off by the sign-out would log a 401).
    await page.waitForLoadState('networkidle');
    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);

    await signIn(NEW_PASSWORD);
    await page.waitForURL(/\/inbox$/);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('change-password').click();
    await page.waitForURL(/\/password$/);
    expect(await page.getByTestId('password-must-change').count()).toBe(0);
    await page.getByTestId('password-cancel').click();
    await page.waitForURL(/\/inbox$/);
    browser.assertNoConsoleErrors(REFUSED_CHANGE_ERRORS);
  });
});
