/**
 * 系统管理 → 热线 as an administrator uses it: the list shows names, the police tag and each
 * line's policy in words; adding a number and changing another line's after-hours policy are
 * saved, shown in words (a forward names its target), and picked up by the PBX (the stack's
 * worker → bridge → the simulator's AstDB), which the page says.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { launchBrowser, type BrowserSession } from './browser';
import { loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const DATABASE_URL = process.env.E2E_DATABASE_URL;
const NEW_NUMBER = '12397';

describe.skipIf(!BASE_URL || !DATABASE_URL)('administering the hotlines', () => {
  const prisma = DATABASE_URL ? createPrismaClient(DATABASE_URL) : undefined;
  let browser: BrowserSession | undefined;

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    // Other browser tests expect the seeded lines as they were.
    await prisma?.hotline.deleteMany({ where: { number: NEW_NUMBER } });
    await prisma?.hotline.update({ where: { number: '12369' }, data: { whenClosed: 'callback_or_message', forwardTo: null } });
    await prisma?.$disconnect();
  });

  it('adds a hotline and changes another line’s after-hours policy; the PBX picks both up', async () => {
    browser = await launchBrowser('admin-hotlines', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-admin');
    await page.goto('/admin/hotlines');
    await page.getByTestId('hotline-table').waitFor();
    const policy = (number: string) => page.getByTestId(`hotline-policy-${number}`).textContent();
    await expect(policy('110')).resolves.toBe('全天 24 小时');
    await expect(policy('12315')).resolves.toBe('工作时间；下班后：回拨或留言（按键选择）');
    await expect(page.getByTestId('hotline-table').textContent()).resolves.toMatch(/公安报警\s*警务/);
    await browser.step('list');

    await page.getByTestId('hotline-add').click();
    await page.getByTestId('hotline-number').fill(NEW_NUMBER);
    await page.getByTestId('hotline-name').fill('老年人关爱热线');
    // The English name is left empty, as a district naming its lines in Chinese only does: it reads the Chinese name.
    await expect(page.getByTestId('hotline-name-en').getAttribute('placeholder')).resolves.toBe('留空则与中文名称相同');
    await page.getByTestId('hotline-closed-message').click();
    await browser.step('add form');
    await page.getByTestId('hotline-save').click();
    await page.getByTestId(`hotline-policy-${NEW_NUMBER}`).waitFor();
    await expect(policy(NEW_NUMBER)).resolves.toBe('工作时间；下班后：仅留言');

    await page.getByTestId('hotline-edit-12369').click();
    await page.getByTestId('hotline-closed-forward').click();
    await page.getByTestId('hotline-forward-to').click();
    await page.getByRole('option', { name: '12345 市民服务热线' }).click();
    await page.getByTestId('hotline-save').click();
    await page.getByText('工作时间；下班后：转接 12345 市民服务热线').waitFor();
    await expect(page.getByTestId('hotline-table').textContent()).resolves.not.toContain('forward');

    // The bridge has written both into the PBX's AstDB: the page says so.
    await page.getByText('交换机已采用当前热线与工作日历', { exact: false }).waitFor({ timeout: 30_000 });
    await browser.step('synced');
    const rows = await prisma!.hotline.findMany({ where: { number: { in: [NEW_NUMBER, '12369'] } }, orderBy: { number: 'asc' } });
    expect(rows.map((h) => [h.number, h.hours, h.whenClosed, h.forwardTo])).toEqual([['12369', 'office', 'forward', '12345'], [NEW_NUMBER, 'office', 'message', null]]);
    expect(rows[1]!.nameEn).toBe('老年人关爱热线');
    browser.assertNoConsoleErrors();
  });
});
