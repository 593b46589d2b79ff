/**
 * Accounts in the console: an administrator downloads the import template, imports a small file
 * (the dry run shows the row with a bad phone; the corrected file imports), downloads the one-time
 * passwords, finds the new account by search, and the new account signs in with its one-time
 * password and must change it before anything else.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { launchBrowser, type BrowserSession } from './browser';
import { loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const DATABASE_URL = process.env.E2E_DATABASE_URL;

async function readSheet(path: string, index = 0): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await readFile(path) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[index]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))));
  return rows;
}

async function workbookFile(rows: string[][]): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('账号');
  for (const row of rows) sheet.addRow(row);
  return { name: 'accounts.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

describe.skipIf(!BASE_URL || !DATABASE_URL)('administering accounts', () => {
  const prisma = DATABASE_URL ? createPrismaClient(DATABASE_URL) : undefined;
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it('imports accounts from the template after a dry run, finds one, and it signs in with its one-time password', { timeout: 180_000 }, async () => {
    const stamp = Date.now().toString(36);
    const username = `e2e-grid-${stamp}`;
    const grid = await prisma!.area.findFirstOrThrow({ where: { level: 'grid' }, orderBy: { path: 'asc' } });
    const team = await prisma!.unit.findFirstOrThrow({ where: { areaId: grid.id, type: 'grid_team' } });

    browser = await launchBrowser('admin-accounts', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-admin');
    await page.goto('/admin/accounts');
    await page.getByTestId('accounts-table').waitFor();
    await page.getByTestId('accounts-import').click();
    await page.getByTestId('import-dialog').waitFor();

    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    const template = await readSheet((await templateDownload.path())!);
    expect(template[0]![0]).toBe('用户名 *');
    const headers = template[0]!;
    const values = await readSheet((await templateDownload.path())!, 1);
    expect(values.map((row) => row[0])).toContain('网格员');
    await browser.step('template');

    const row = (phone: string) => headers.map((header) => ({
      '用户名 *': username, '姓名 *': `网格员 ${stamp}`, '角色 *': '网格员', 所属单位: team.name, 所在区域: grid.name, 全区范围: '否', 管辖区域: grid.name, 电话: phone,
    } as Record<string, string>)[header] ?? '');
    const other = (phone: string) => row(phone).map((cell, i) => (i === 0 ? `${username}-b` : i === 1 ? `网格专干 ${stamp}` : cell));

    await page.getByTestId('import-file').setInputFiles(await workbookFile([headers, row('13800138000'), other('12345')]));
    await page.getByTestId('import-problems').waitFor();
    const errors = page.getByTestId('import-errors');
    await errors.getByText('电话“12345”不是手机号或带区号的座机').waitFor();
    await expect(errors.locator('tbody tr').first().textContent()).resolves.toMatch(/^3电话/);
    expect(await page.getByTestId('import-run').count()).toBe(0);
    expect(await prisma!.user.count({ where: { username } })).toBe(0);
    await browser.step('dry run shows the bad phone');

    await page.getByTestId('import-file').setInputFiles(await workbookFile([headers, row('13800138000'), other('0731-88886666')]));
    await page.getByTestId('import-clean').waitFor();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByTestId('import-done').getByText('已创建 2 个账号。').waitFor();
    const [passwordsDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-passwords').click()]);
    const issued = await readSheet((await passwordsDownload.path())!);
    const password = issued.find((cells) => cells[0] === username)![4]!;
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await browser.step('imported');
    await page.getByTestId('import-close').click();

    await page.getByTestId('accounts-search').fill(username);
    const table = page.getByTestId('accounts-table');
    await table.getByText(`${username}-b`).waitFor();
    await table.getByText(team.name).first().waitFor();
    await table.getByTestId('account-state-must_change').first().waitFor();
    await browser.step('found by search');

    await page.waitForLoadState('networkidle');
    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/password$/);
    await page.getByTestId('password-must-change').waitFor();
    const next = `lantern-river-${stamp}`;
    await page.getByTestId('password-current').fill(password);
    await page.getByTestId('password-new').fill(next);
    await page.getByTestId('password-confirm').fill(next);
    await page.getByTestId('password-submit').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/password'));
    await page.waitForLoadState('networkidle');
    expect((await prisma!.user.findUniqueOrThrow({ where: { username } })).mustChangePassword).toBe(false);
    await browser.step('new account signed in');
    browser.assertNoConsoleErrors();
  });
});
