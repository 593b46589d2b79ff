import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { INCIDENT_DESK, sendApi } from './incident-fixtures';
import { EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 120_000;

interface NowItem { unit: { id: string; name: string; tier: number | null }; onDuty: { shiftId: string } | null; gap: boolean }
interface Shift { id: string; personName: string; startsAt: string; version: number; role: string }

/** `2027-01-05 08:00` at the centre, `days` from now. */
function centreTime(days: number, hour: number): string {
  const at = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return `${at.toISOString().slice(0, 10)} ${String(hour).padStart(2, '0')}:00`;
}

async function rosterFile(rows: (string | number)[][]): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('值班表');
  for (const row of rows) sheet.addRow(row);
  return { name: '值班表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

describe.skipIf(!BASE_URL)('duty rosters', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('shows a tier-1 unit without anyone on duty in red, and a roster with one bad row is refused whole with the row named', async () => {
    const base = BASE_URL as string;
    const admin = await loginApi(base, 'demo-admin');
    // A gap: the fire brigade's current on-duty shift is removed.
    const now = await sendApi<{ items: NowItem[] }>(admin, 'GET', '/duty/now');
    const fire = now.items.find((item) => item.unit.name === '消防救援大队');
    if (!fire?.onDuty) throw new Error('the seed should have the fire brigade on duty now');
    const shifts = await sendApi<{ items: Shift[] }>(admin, 'GET', `/duty-shifts?unitId=${fire.unit.id}`);
    const current = shifts.items.find((shift) => shift.id === fire.onDuty!.shiftId)!;
    await sendApi(admin, 'DELETE', `/duty-shifts/${current.id}?version=${current.version}`);

    browser = await launchBrowser('duty-gap-and-import', { baseURL: base, device: INCIDENT_DESK });
    const { page } = browser;
    await page.goto('/login?redirect=/duty');
    await loginInBrowser(page, 'demo-commander');
    await page.waitForURL((url) => url.pathname === '/duty');

    const fireCell = page.getByTestId(`duty-now-unit-${fire.unit.id}`);
    await fireCell.waitFor();
    expect(await fireCell.getAttribute('data-gap')).toBe('true');
    const fireRow = page.getByTestId('duty-now-table').locator('tr').filter({ has: fireCell });
    const gapTag = fireRow.getByTestId('duty-gap');
    expect(await gapTag.textContent()).toContain('无人值班');
    // Red: Element Plus's danger colour on the tag, and the row itself tinted.
    expect(await gapTag.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(245, 108, 108)');
    expect(await fireRow.locator('td').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(245, 108, 108)');
    await page.getByTestId('duty-gap-count').getByText(/个单位当前无人值班/).waitFor();
    await browser.step('gap in red');

    // The week of the fire brigade, then an import with one bad phone: nothing is written.
    const goodName = `导入测试${Date.now() % 100_000}`;
    const file = await rosterFile([
      ['单位编码', '角色', '姓名', '电话', '开始', '结束'],
      ['fire', '值班', goodName, '13907310123', centreTime(40, 8), centreTime(41, 8)],
      ['fire', '副班', '错号码', '12345', centreTime(40, 8), centreTime(41, 8)],
    ]);
    await page.getByTestId('duty-import').click();
    await page.getByTestId('duty-import-file').setInputFiles(file);
    await page.getByTestId('duty-import-check').click();
    const errors = page.getByTestId('duty-import-errors');
    await errors.waitFor();
    const errorRows = errors.locator('tbody tr');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().locator('td').nth(0).textContent()).toBe('3');
    expect(await errorRows.first().locator('td').nth(1).textContent()).toBe('电话');
    expect(await errorRows.first().locator('td').nth(2).textContent()).toContain('电话须为 11 位手机号');
    expect(await page.getByTestId('duty-import-outcome').textContent()).toContain('有 1 处错误，未写入任何排班');
    await browser.step('dry run names the bad row');

    await page.getByTestId('duty-import-commit').click();
    await page.getByTestId('duty-import-outcome').getByText('有 1 处错误，未写入任何排班').waitFor();
    const after = await sendApi<{ items: Shift[] }>(admin, 'GET', `/duty-shifts?unitId=${fire.unit.id}&from=${new Date(Date.now() + 39 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 42 * 86_400_000).toISOString()}`);
    expect(after.items.filter((shift) => shift.personName === goodName)).toEqual([]);
    await browser.step('import refused whole');

    // The fire brigade's week opened first (it has the gap); its shifts are in the grid.
    await page.getByTestId('duty-import-check').press('Escape');
    const grid = page.getByTestId('duty-grid');
    await grid.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('duty-unit').textContent()).toContain('消防救援大队');
    expect(await grid.locator('.duty__shift').count()).toBeGreaterThan(0);
    await browser.step('the unit week');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
