/**
 * 系统管理 → 单位 as an administrator uses it: a new department under the city management bureau,
 * in 月亮岛街道, linkage tier 2, with a duty phone and a category it handles, picked by name in the
 * drawer; the list shows it by name with its parent, area, tier, phone and category in words; an
 * edit of its tier and phone shows at once.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { launchBrowser, type BrowserSession } from './browser';
import { loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const DATABASE_URL = process.env.E2E_DATABASE_URL;
const CODE = 'e2e-um-yueliangdao';
/** A category no other browser test files tickets in: it moves to the new unit, and back afterwards. */
const CATEGORY_CODE = 'city.manhole';

describe.skipIf(!BASE_URL || !DATABASE_URL)('administering the units', () => {
  const prisma = DATABASE_URL ? createPrismaClient(DATABASE_URL) : undefined;
  let browser: BrowserSession | undefined;
  let originalUnitId: string | null | undefined;

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    // Other browser tests route 井盖缺失 to its seeded department and expect no extra unit.
    const unit = await prisma?.unit.findUnique({ where: { code: CODE } });
    if (unit && originalUnitId !== undefined) {
      await prisma!.category.updateMany({ where: { code: CATEGORY_CODE }, data: { defaultUnitId: originalUnitId } });
    }
    if (unit) await prisma!.unit.delete({ where: { id: unit.id } }).catch(() => undefined);
    await prisma?.$disconnect();
  });

  it('creates a unit with parent, area, tier, duty phone and a handled category, lists it by name, and edits it', async () => {
    originalUnitId = (await prisma!.category.findUniqueOrThrow({ where: { code: CATEGORY_CODE } })).defaultUnitId;
    browser = await launchBrowser('admin-units', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-admin');
    await page.goto('/admin/units');
    await page.getByTestId('units-table-department').waitFor();

    await page.getByTestId('unit-create').click();
    await page.getByTestId('unit-name').fill('城管执法月亮岛中队');
    await page.getByTestId('unit-name-en').fill('Urban management, Yueliangdao squad');
    await page.getByTestId('unit-code').fill(CODE);
    // 类型 stays 区级部门 (a new unit's default).
    await expect(page.getByTestId('unit-type').textContent()).resolves.toContain('区级部门');
    await page.getByTestId('unit-parent').click();
    await page.getByRole('option', { name: '城市管理和综合执法局', exact: true }).click();
    const area = page.getByTestId('unit-area').locator('input').first();
    await area.click();
    await area.fill('月亮岛');
    await page.locator('.el-tree-node__content:visible').filter({ hasText: /^月亮岛街道/ }).first().click();
    await page.getByTestId('unit-tier-2').click();
    await page.getByTestId('unit-duty-phone').fill('0731-88886666');
    await page.getByTestId('unit-categories').click();
    await page.getByRole('option', { name: /井盖缺失/ }).click();
    await page.keyboard.press('Escape');
    await browser.step('create form');
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-drawer').waitFor({ state: 'hidden' });

    const unit = await prisma!.unit.findUniqueOrThrow({ where: { code: CODE } });
    const row = page.getByTestId('units-table-department').locator('tr', { has: page.getByTestId(`unit-row-${unit.id}`) });
    await row.waitFor();
    const cells = () => row.locator('td').allTextContents().then((texts) => texts.map((text) => text.trim()));
    await expect(cells()).resolves.toEqual(expect.arrayContaining([
      '城管执法月亮岛中队', '区级', '城市管理和综合执法局', '月亮岛街道', '联动2级', '0731-88886666', '井盖缺失', '启用',
    ]));
    await expect(page.getByTestId('admin-units').textContent()).resolves.not.toContain(unit.id);
    await browser.step('created');

    await page.getByTestId(`unit-edit-${unit.id}`).click();
    await expect(page.getByTestId('unit-duty-phone').inputValue()).resolves.toBe('0731-88886666');
    await page.getByTestId('unit-tier-1').click();
    await page.getByTestId('unit-duty-phone').fill('0731-88887777');
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId(`unit-phone-${unit.id}`).getByText('0731-88887777').waitFor();
    await expect(page.getByTestId(`unit-tier-tag-${unit.id}`).textContent()).resolves.toContain('联动1级');
    await browser.step('edited');

    const saved = await prisma!.unit.findUniqueOrThrow({ where: { code: CODE }, include: { parent: true } });
    expect([saved.linkageTier, saved.dutyPhone, saved.parent?.code]).toEqual([1, '0731-88887777', 'urban-management']);
    expect((await prisma!.category.findUniqueOrThrow({ where: { code: CATEGORY_CODE } })).defaultUnitId).toBe(unit.id);
    browser.assertNoConsoleErrors();
  });
});
