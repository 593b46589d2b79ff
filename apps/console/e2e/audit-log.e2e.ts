/**
 * The auditor reads the log in words: a failed sign-in and their own sign-in, named, with the
 * outcome, filtered by outcome, a row opened to its details, and one person found by name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';

const BASE_URL = process.env.E2E_BASE_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';
/** The planted wrong password's 401. */
const EXPECTED_ERRORS = [/Failed to load resource: the server responded with a status of 401/];

describe.skipIf(!BASE_URL)('audit log', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('shows who did what in words, filters by outcome and opens a row', async () => {
    browser = await launchBrowser('audit-log', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login');
    await page.getByTestId('login-username').fill('demo-auditor');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/audit$/);

    const table = page.getByTestId('audit-table');
    await table.getByTestId('audit-action-label').filter({ hasText: '登录失败' }).first().waitFor();
    await table.getByTestId('audit-action-label').filter({ hasText: /^登录$/ }).first().waitFor();
    expect(await table.getByText('auth.login').count()).toBe(0);
    await browser.step('log in words');

    await page.getByTestId('audit-outcome').click();
    await page.getByRole('option', { name: '拒绝' }).click();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/audit') && r.url().includes('outcome=denied'));
    await page.getByTestId('audit-search').click();
    await filtered;
    await table.getByTestId('audit-action-label').first().waitFor();
    const labels = await table.getByTestId('audit-action-label').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels).not.toContain('登录');
    await table.getByTestId('audit-reason').filter({ hasText: '用户名或密码错误' }).first().waitFor();
    expect(await table.getByText('invalid_credentials').count()).toBe(0);
    await table.locator('.el-table__expand-icon').first().click();
    await table.getByText('请求编号').first().waitFor();
    await browser.step('denied only, a row opened');

    // Who: by the name a person knows, not the id; then one person's whole history from a row.
    await page.getByRole('button', { name: '重置' }).click();
    await page.getByTestId('audit-actor').fill('审计');
    const byName = page.waitForResponse((r) => r.url().includes('/api/audit') && r.url().includes('actor='));
    await page.getByTestId('audit-search').click();
    await byName;
    await table.getByTestId('audit-actor-name').filter({ hasText: '审计员（demo-auditor）' }).first().waitFor();
    const actors = await table.getByTestId('audit-actor-name').allTextContents();
    expect(new Set(actors)).toEqual(new Set(['审计员（demo-auditor）']));
    await table.locator('.el-table__expand-icon').first().click();
    const history = page.waitForResponse((r) => r.url().includes('/api/audit') && r.url().includes('actorId='));
    await table.getByTestId('audit-show-actor').first().click();
    await history;
    await table.getByTestId('audit-action-label').filter({ hasText: /^登录$/ }).first().waitFor();
    await page.getByTestId('audit-actor-filter').filter({ hasText: '此人的全部操作 · 审计员（demo-auditor）' }).waitFor();
    await expect(page.getByTestId('audit-actor').inputValue()).resolves.toBe('');
    await browser.step('one person\'s history');
    browser.assertNoConsoleErrors(EXPECTED_ERRORS);
  });
});
