/**
 * An administrator changes a category's reply limit: the drawer previews how many open tickets'
 * deadlines move, the save says how many were re-planned, and the tree shows the new limit in words;
 * next year's holidays are added from a pasted table; a new leaf is added under a group.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { launchBrowser, type BrowserSession } from './browser';

const BASE_URL = process.env.E2E_BASE_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';
const DATABASE_URL = process.env.E2E_DATABASE_URL;
const NEW_LEAF_CODE = 'city.shared_bikes';
const NEW_LEAF_NAME = '共享单车乱停放';

describe.skipIf(!BASE_URL || !DATABASE_URL)('category limits', () => {
  const prisma = DATABASE_URL ? createPrismaClient(DATABASE_URL) : undefined;
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    // Other browser tests expect the seeded tree.
    await prisma?.category.deleteMany({ where: { code: NEW_LEAF_CODE } });
    await prisma?.$disconnect();
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

  it('adds next year\'s holidays from a pasted table, previewed before saving', async () => {
    browser = await launchBrowser('admin-calendar', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login?redirect=/admin/calendar');
    await page.getByTestId('login-username').fill('demo-admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/admin\/calendar$/);
    const next = new Date().getFullYear() + 1;
    await page.getByTestId('calendar-year').click();
    await page.getByRole('option', { name: `${next} 年` }).click();
    await page.getByTestId('calendar-summary').filter({ hasText: '节假日 0 天' }).waitFor();

    await page.getByTestId('calendar-paste').locator('textarea').fill(
      [`日期\t类型\t名称`, `${next}-01-01\t放假\t元旦`, `${next}-02-06\t放假\t春节`, `${next}-02-08\t放假\t春节`, `${next}-02-20\t上班\t春节`].join('\n'),
    );
    await page.getByTestId('calendar-read').click();
    await page.getByTestId('calendar-preview').filter({ hasText: /将影响 \d+ 件在办工单的期限/ }).waitFor();
    await page.getByTestId('calendar-summary').filter({ hasText: '节假日 3 天，调休上班 1 天' }).waitFor();
    await browser.step('preview');
    await page.getByTestId('calendar-save').click();
    await page.getByText(new RegExp(`${next} 年的工作日历已保存`)).waitFor();
    await page.getByTestId('calendar-days').getByText(`${next}-02-20`).waitFor();
    await expect(page.getByTestId('calendar-days').textContent()).resolves.toContain('调休上班');
    await browser.step('saved');
    browser.assertNoConsoleErrors();
  });

  it('adds a leaf under 城市管理: the code starts from the group\'s, a bad code is named in words, the good one is listed', async () => {
    browser = await launchBrowser('admin-category-create', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login?redirect=/admin/categories');
    await page.getByTestId('login-username').fill('demo-admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/admin\/categories$/);
    await page.getByTestId('category-tree').getByText('水体污染').waitFor();

    await page.getByTestId('category-create').click();
    await page.getByTestId('category-parent').click();
    await page.getByRole('option', { name: '城市管理', exact: true }).click();
    await expect(page.getByTestId('category-code').inputValue()).resolves.toBe('city.');
    await page.getByTestId('category-name').fill(NEW_LEAF_NAME);
    await page.getByTestId('category-code').fill('city.Shared Bikes');
    await page.getByTestId('category-create-save').click();
    await page.getByTestId('category-create-error').filter({ hasText: '未能保存：请检查“分类编码”' }).waitFor();

    await page.getByTestId('category-code').fill(NEW_LEAF_CODE);
    await page.getByTestId('category-unit').click();
    await page.getByRole('option', { name: /城市管理和综合执法局/ }).click();
    await page.getByTestId('category-handle-amount').locator('input').fill('5');
    await page.getByTestId('category-keywords').locator('input').pressSequentially('共享单车');
    await page.getByTestId('category-keywords').locator('input').press('Enter');
    await browser.step('new leaf form');
    await page.getByTestId('category-create-save').click();
    await page.getByText(`已新建分类“${NEW_LEAF_NAME}”`).waitFor();
    const row = page.getByTestId('category-tree').locator('tr', { hasText: NEW_LEAF_NAME });
    await row.getByText('5 个工作日').waitFor();
    await expect(row.textContent()).resolves.toContain('城市管理和综合执法局');
    await browser.step('new leaf listed');
    const saved = await prisma!.category.findUniqueOrThrow({ where: { code: NEW_LEAF_CODE } });
    expect([saved.parentId, saved.nameEn, saved.keywords]).toEqual(['city', NEW_LEAF_NAME, ['共享单车']]);
    // Chromium logs the refused code's 400.
    browser.assertNoConsoleErrors([/Failed to load resource: the server responded with a status of 400/]);
  });
});
