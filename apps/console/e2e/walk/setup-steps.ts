/**
 * The administrator's part of the walk, page by page as the README's "Setting up a new district"
 * says: first password, areas from GeoJSON, units, categories, a hotline. Each step waits on what
 * a person sees and leaves a screenshot.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { BrowserSession } from '../browser';

export const ADMIN_PASSWORD = 'Xin-qu-guan-li-2027!';

/** Signs in with a one-time password and chooses `password` on the page the console allows alone. */
export async function firstSignIn(page: Page, username: string, oneTimePassword: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(oneTimePassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/password$/);
  await page.getByTestId('password-current').fill(oneTimePassword);
  await page.getByTestId('password-new').fill(password);
  await page.getByTestId('password-confirm').fill(password);
  await page.getByTestId('password-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/password'));
}

export async function importAreas(browser: BrowserSession, files: { broken: string; good: string }): Promise<void> {
  const { page } = browser;
  await page.getByRole('tab', { name: '区域与网格' }).click();
  await page.getByTestId('boundary-import').click();
  await page.getByTestId('boundary-file').setInputFiles(files.broken);
  await page.getByTestId('boundary-dry-run').click();
  const problems = page.getByTestId('boundary-problems');
  await problems.waitFor();
  const report = (await problems.textContent()) ?? '';
  for (const words of ['西街道', '环未闭合', '东二网格', '与同级区域重叠']) assert.ok(report.includes(words), `the dry run names ${words}: ${report}`);
  await browser.step('areas: the broken file in words');
  await page.getByTestId('boundary-file').setInputFiles(files.good);
  await page.getByTestId('boundary-dry-run').click();
  await page.getByTestId('boundary-report-ok').waitFor();
  await page.getByTestId('boundary-apply').click();
  await page.getByText('已导入：更新 0 个，新建 5 个区域').waitFor();
  await page.getByTestId('area-tree').getByText('东街道').waitFor();
  await browser.step('areas: imported');
}

interface NewUnit { name: string; code: string; type: string; parent?: string; area: string; tier?: 1 | 2 | 3; phone: string }

export async function createUnits(browser: BrowserSession, units: readonly NewUnit[]): Promise<void> {
  const { page } = browser;
  await page.getByRole('tab', { name: '单位' }).click();
  for (const unit of units) {
    await page.getByTestId('unit-create').click();
    await page.getByTestId('unit-name').fill(unit.name);
    await page.getByTestId('unit-code').fill(unit.code);
    await page.getByTestId('unit-type').click();
    await page.getByRole('option', { name: unit.type, exact: true }).click();
    if (unit.parent) {
      await page.getByTestId('unit-parent').click();
      await page.getByRole('option', { name: unit.parent, exact: true }).click();
    }
    const area = page.getByTestId('unit-area').locator('input').first();
    await area.click();
    await area.fill(unit.area);
    await page.locator('.el-tree-node__content:visible').filter({ hasText: new RegExp(`^${unit.area}`) }).first().click();
    if (unit.tier) await page.getByTestId(`unit-tier-${unit.tier}`).click();
    await page.getByTestId('unit-duty-phone').fill(unit.phone);
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('admin-units').locator('tr', { hasText: unit.name }).getByText(unit.phone).waitFor();
  }
  await browser.step('units: created');
}

export async function createCategories(browser: BrowserSession): Promise<void> {
  const { page } = browser;
  await page.getByRole('tab', { name: '诉求分类' }).click();
  await page.getByTestId('category-create').click();
  await page.getByTestId('category-name').fill('城市管理');
  await page.getByTestId('category-code').fill('city');
  await page.getByTestId('category-create-save').click();
  await page.getByText('已新建分类“城市管理”').waitFor();

  await page.getByTestId('category-create').click();
  await page.getByTestId('category-parent').click();
  await page.getByRole('option', { name: '城市管理', exact: true }).click();
  await page.getByTestId('category-name').fill('路灯损坏');
  await page.getByTestId('category-code').fill('city.streetlight');
  await page.getByTestId('category-kind').click();
  await page.getByRole('option', { name: '求助', exact: true }).click();
  await page.getByTestId('category-unit').click();
  await page.getByRole('option', { name: /新区城市管理局/ }).click();
  await page.getByTestId('category-handle-amount').locator('input').fill('5');
  await page.getByTestId('category-keywords').locator('input').pressSequentially('路灯');
  await page.getByTestId('category-keywords').locator('input').press('Enter');
  await page.getByTestId('category-create-save').click();
  await page.getByText('已新建分类“路灯损坏”').waitFor();

  // Adjusted afterwards: a shorter reply limit, previewed first.
  await page.getByTestId('edit-city.streetlight').click();
  await page.getByTestId('handle-amount').locator('input').fill('3');
  await page.getByTestId('preview').click();
  await page.getByTestId('replan-preview').waitFor();
  await page.getByTestId('save').click();
  await page.getByTestId('category-tree').locator('tr', { hasText: '路灯损坏' }).getByText('3 个工作日').waitFor();
  await browser.step('categories: a group and a leaf');
}

export async function createHotline(browser: BrowserSession): Promise<void> {
  const { page } = browser;
  await page.getByRole('tab', { name: '热线' }).click();
  await page.getByTestId('hotline-add').click();
  await page.getByTestId('hotline-number').fill('12345');
  await page.getByTestId('hotline-name').fill('市民服务热线');
  await page.getByTestId('hotline-hours-24h').click();
  await page.getByTestId('hotline-save').click();
  await page.getByTestId('hotline-policy-12345').filter({ hasText: '全天 24 小时' }).waitFor();
  await page.getByText('交换机已采用当前热线与工作日历', { exact: false }).waitFor({ timeout: 30_000 });
  await browser.step('hotline: the PBX has it');
}
