/**
 * An administrator changes a category's reply limit: the drawer previews how many open tickets'
 * deadlines move, the save says how many were re-planned, and the tree shows the new limit in words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';

const BASE_URL = process.env.E2E_BASE_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';

describe.skipIf(!BASE_URL)('category limits', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('changes a reply limit after a preview of the open tickets it moves', async () => {
    browser = await launchBrowser('admin-catalogue', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login?redirect=/admin/categories');
    await page.getByTestId('login-username').fill('demo-admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/admin\/categories$/);
    const tree = page.getByTestId('category-tree');
    await tree.getByText('水体污染').waitFor();
    expect(await tree.getByText('env.water').count()).toBe(0);

    await page.getByTestId('edit-env.water').click();
    const amount = page.getByTestId('handle-amount').locator('input');
    await amount.fill('7');
    await page.getByTestId('preview').click();
    await page.getByTestId('replan-preview').filter({ hasText: /将影响 \d+ 件在办工单的期限/ }).waitFor();
    await browser.step('preview');
    const saved = page.waitForResponse((r) => r.url().includes('/api/admin/categories/') && r.request().method() === 'PATCH' && !r.request().postData()?.includes('"dryRun":true'));
    await page.getByTestId('save').click();
    expect((await saved).status()).toBe(200);
    await page.getByText(/已保存，重新计算了 \d+ 件在办工单的期限/).waitFor();
    await tree.locator('tr', { hasText: '水体污染' }).getByText('7 个工作日').waitFor();
    await browser.step('saved');
    browser.assertNoConsoleErrors();
  });
});
