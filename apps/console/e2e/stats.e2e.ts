import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { placeHotlineCall } from './pbx';
import { callApi, createGridTicket, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const AMI_URL = process.env.E2E_AMI_URL;
const FLOW_TIMEOUT_MS = 150_000;
/** An Asterisk Linkedid as a drill-down used to show it (`1796413769.26`): never on screen. */
const CALL_ID = /\d{10}\.\d+/;

/** The header row of a CSV the page downloads (UTF-8 with BOM, comma-separated, no quoted headers). */
async function downloadCsvHeader(page: Page, testId: string): Promise<{ header: string[]; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const text = (await readFile(await (await downloading).path())).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return { header: text.slice(1).split('\r\n')[0]!.split(','), text };
}

describe.skipIf(!BASE_URL)('statistics page', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a commander sees today\'s call and ticket figures and drills into the tickets behind one, by name', async () => {
    const base = BASE_URL as string;
    // A ticket dispatched today to grid team gt-s01g01 puts it in that unit's on-time sign-for base.
    const ticket = await createGridTicket(base, '统计下钻');
    const commander = await loginApi(base, 'demo-commander');
    const detail = await callApi<{ categoryName: string; leadUnitName: string }>(commander, 'GET', `/tickets/${ticket.id}`);
    browser = await launchBrowser('stats-figures-drill', { baseURL: base });
    const { page } = browser;

    await page.goto('/stats');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-commander');
    await page.waitForURL(/\/stats$/);
    await page.getByTestId('stats-page').waitFor();
    // Calls tab first: either the table or the empty state, never an error.
    await page.locator('[data-testid="stats-calls-table"], [data-testid="stats-calls-empty"]').first().waitFor();
    expect(await page.getByTestId('stats-calls-failed').count()).toBe(0);
    await browser.step('calls today');

    await page.getByRole('tab', { name: '工单指标' }).click();
    const table = page.getByTestId('stats-figures-table');
    await table.waitFor();
    await expect(table.textContent()).resolves.toContain('按时签收率');
    await browser.step('ticket figures');

    const figure = page.getByTestId('drill-on_time_sign-gt-s01g01');
    await figure.waitFor();
    await figure.click();
    const drawer = page.getByTestId('stats-drill');
    await drawer.getByTestId('stats-drill-tickets').waitFor();
    await drawer.getByText(ticket.code).waitFor();
    await expect(drawer.getByTestId('stats-drill-total').textContent()).resolves.toMatch(/共 \d+ 条/);
    // The row names the ticket's category and lead unit, and its state in words: no codes, no ids.
    const row = drawer.getByTestId('stats-drill-tickets').locator('tr', { hasText: ticket.code });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(detail.categoryName);
    expect(rowText).toContain(detail.leadUnitName);
    expect(rowText).toContain('已派单');
    const drawerText = (await drawer.textContent()) ?? '';
    expect(drawerText).not.toMatch(/gt-s01g01|city\.|dispatched/);
    expect(drawerText).not.toMatch(CALL_ID);
    await browser.step('drill-down tickets');

    // The drill-down's file: Chinese headers, names and words in the cells.
    const drillFile = await downloadCsvHeader(page, 'stats-drill-export-csv');
    expect(drillFile.header).toEqual(['工单编号', '标题', '渠道', '类别', '诉求类型', '分类', '承办单位', '状态', '创建时间']);
    const line = drillFile.text.split('\r\n').find((entry) => entry.startsWith(ticket.code))!;
    expect(line).toContain(detail.leadUnitName);
    expect(line).toContain('已派单');
    expect(drillFile.text).not.toMatch(/gt-s01g01|on_time_sign/);

    // The numerator (signed in time) does not hold our ticket: nobody has signed it. Other browser
    // tests on the same stack may have signed grid tickets in time, so the list need not be empty.
    await drawer.getByTestId('stats-drill-part').getByText(/^分子/).click();
    await drawer.getByText(ticket.code).waitFor({ state: 'detached' });
    await browser.step('drill-down numerator');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Ticket counts come from the daily rollup the worker brings up to date every 30 s: on a fresh
    // stack today's first tickets appear with its next pass, so wait for that pass, not a fixed time.
    const today = { from: new Date(Date.now() - 12 * 3600_000).toISOString(), to: new Date(Date.now() + 12 * 3600_000).toISOString() };
    await expect.poll(async () => (await callApi<{ rows: unknown[] }>(commander, 'GET', `/statistics/tickets?${new URLSearchParams({ ...today, groupBy: 'channel' })}`)).rows.length, { timeout: 60_000, interval: 2_000 }).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '工单统计' }).click();
    await page.getByTestId('stats-tickets-table').waitFor();
    await page.getByTestId('stats-chart-tickets').waitFor();
    await browser.step('ticket counts by channel');

    // Export links carry the period, the format and the page's language; the file's headers are Chinese.
    const href = await page.getByTestId('stats-tickets-export-xlsx').getAttribute('href');
    expect(href).toMatch(/^\/api\/statistics\/tickets\?from=.*&groupBy=channel&format=xlsx&lang=zh-CN$/);
    const countsFile = await downloadCsvHeader(page, 'stats-tickets-export-csv');
    expect(countsFile.header).toEqual(['分组', '新建', '派发', '签收', '退单', '延期', '回复', '重办', '办结', '满意', '督办']);
    expect(countsFile.text).toContain('合计');
    expect(countsFile.text).not.toMatch(/created|dispatched|total/);
    await browser.step('exported in chinese');

    // The knowledge base's use in the same period: calls closed at intake per article and category.
    await page.getByRole('tab', { name: '知识库使用' }).click();
    await page.getByTestId('knowledge-usage-total').waitFor();
    await expect(page.getByTestId('knowledge-usage-total').textContent()).resolves.toMatch(/^期间内使用知识库直接办结 \d+ 件$/);
    await browser.step('knowledge use');

    // The same page in English.
    await page.getByTestId('language-en').click();
    await page.getByRole('tab', { name: 'Ticket figures' }).click();
    await expect(page.getByTestId('stats-figures-table').textContent()).resolves.toContain('On-time sign-for');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator('[data-testid="stats-calls-table"], [data-testid="stats-calls-empty"]').first().waitFor();
    await browser.step('calls in english');
    await page.getByRole('tab', { name: 'Tickets' }).click();
    const englishHref = await page.getByTestId('stats-tickets-export-xlsx').getAttribute('href');
    expect(englishHref).toMatch(/&lang=en$/);

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('a shift lead reads where work settled (70/20/10), with the grid workers\' on-the-spot matters and patrol reports, in words', async () => {
    const base = BASE_URL as string;
    const grid = await loginApi(base, 'demo-grid');
    // A matter the grid worker settles on the spot, filed as the phone files it.
    const response = await fetch(`${base}/api/patrol-reports`, {
      method: 'POST',
      headers: { cookie: grid.cookie, 'content-type': 'application/json', 'x-csrf-token': grid.csrfToken, 'idempotency-key': randomBytes(12).toString('hex') },
      body: JSON.stringify({
        categoryId: 'city.garbage', description: `E2E 自处：一村东门垃圾已清运 (${randomBytes(3).toString('hex')})`,
        position: { lat: 28.565, lng: 112.70875, accuracy: 12 }, handledOnSpot: true, result: '已联系保洁员当场清运',
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const lead = await loginApi(base, 'demo-lead');
    const today = { from: new Date(Date.now() - 12 * 3600_000).toISOString(), to: new Date(Date.now() + 12 * 3600_000).toISOString() };
    const shares = await callApi<{ total: number; breakdown: { grid: { onSpot: number; patrol: number } } }>(lead, 'GET', `/tickets/settlement-shares?${new URLSearchParams(today)}`);
    expect(shares.breakdown.grid.onSpot).toBeGreaterThan(0);

    browser = await launchBrowser('stats-settlement', { baseURL: base });
    const { page } = browser;
    await page.goto('/login?redirect=/stats');
    await loginInBrowser(page, 'demo-lead');
    await page.getByTestId('stats-page').waitFor();
    await page.getByRole('tab', { name: '属地化解' }).click();
    const panel = page.getByTestId('stats-settlement');
    await panel.getByTestId('stats-settlement-grid').waitFor();
    // Each level named, its share as a percentage beside the norm; the grid's part broken out in words.
    await expect(panel.getByTestId('stats-settlement-grid').textContent()).resolves.toMatch(/网格\s*\d+\.\d%.*目标不低于 70\.0%/);
    await expect(panel.getByTestId('stats-settlement-street').textContent()).resolves.toMatch(/街镇\s*(\d+\.\d%|—).*目标约 20\.0%/);
    await expect(panel.getByTestId('stats-settlement-district').textContent()).resolves.toMatch(/区直部门\s*(\d+\.\d%|—).*目标不高于 10\.0%/);
    await expect(panel.getByTestId('stats-settlement-grid-part').textContent()).resolves.toMatch(/其中：网格员自处 [1-9]\d* 件、巡查上报 \d+ 件/);
    expect((await panel.textContent()) ?? '').not.toMatch(/grid|street|district|onSpot|patrol/);
    await browser.step('settlement split');

    await page.getByTestId('language-en').click();
    await expect(panel.getByTestId('stats-settlement-grid-part').textContent()).resolves.toMatch(/of which handled on the spot by grid workers [1-9]\d*, patrol reports \d+/);
    await expect(panel.getByTestId('stats-settlement-district').textContent()).resolves.toContain('District departments');
    await browser.step('settlement split in english');

    // The monthly report of this month carries the same split, the grid's part in its own columns.
    await page.getByTestId('language-zh-CN').click();
    await page.goto('/report');
    await page.getByTestId('report-load').waitFor();
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    // The month picker's own input (Element Plus keeps no test id on it).
    const picker = page.getByLabel('月份', { exact: true });
    await picker.fill(month);
    await picker.press('Enter');
    await page.getByTestId('report-load').click();
    const table = page.getByTestId('report-settlement');
    await table.locator('tbody tr').first().waitFor();
    const header = (await table.locator('thead').textContent()) ?? '';
    for (const word of ['层级', '占比', '目标占比', '其中：网格员自处', '其中：巡查上报']) expect(header).toContain(word);
    // The previous month's report shows first; this month's replaces it once loaded.
    await expect.poll(async () => table.locator('tbody tr').first().textContent(), { timeout: 15_000, interval: 250 })
      .toMatch(/^网格\d+\d+\.\d%70\.0%[1-9]\d*\d+$/);
    await page.locator('.report .el-loading-mask').waitFor({ state: 'detached' });
    await browser.step('settlement in the monthly report');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it.skipIf(!AMI_URL)('a shift lead drills into today\'s answered calls and reads hotline names and outcomes, never call ids', async () => {
    const base = BASE_URL as string;
    const lead = await loginApi(base, 'demo-lead');
    const number = `137${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0')}`;
    await placeHotlineCall(AMI_URL!, '12345', { name: '统计来电', number });
    // The simulator's agents answer after 3 s and hang up after 8 s.
    await expect.poll(async () => (await callApi<{ items: { state: string }[] }>(lead, 'GET', `/calls?caller=${number}`)).items[0]?.state,
      { timeout: 45_000, interval: 500 }).toBe('completed');
    const hotlines = await callApi<{ number: string; name: string }[]>(lead, 'GET', '/hotlines');
    const hotline = hotlines.find((entry) => entry.number === '12345')!;

    browser = await launchBrowser('stats-call-drill-names', { baseURL: base });
    const { page } = browser;
    await page.goto('/login?redirect=/stats');
    await loginInBrowser(page, 'demo-lead');
    await page.getByTestId('drill-calls-answered-total').click();
    const drawer = page.getByTestId('stats-drill');
    const calls = drawer.getByTestId('stats-drill-calls');
    await calls.locator('tbody tr').first().waitFor();
    await calls.getByText(`12345 ${hotline.name}`).first().waitFor();
    const text = (await drawer.textContent()) ?? '';
    expect(text).toContain('已完成');
    expect(text).not.toMatch(CALL_ID);
    expect(text).not.toContain(number);
    await browser.step('call drill-down by name');
    const file = await downloadCsvHeader(page, 'stats-drill-export-csv');
    expect(file.header).toEqual(['进入队列', '热线', '来电号码', '坐席', '状态', '接听时间', '等待（秒）', '通话（秒）']);
    expect(file.text).toContain(`12345 ${hotline.name}`);
    expect(file.text).not.toMatch(CALL_ID);
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('a dispatcher, whom the API gives no statistics, is not offered the page and is refused it', async () => {
    const base = BASE_URL as string;
    browser = await launchBrowser('stats-no-access-english', { baseURL: base, locale: 'en' });
    const { page } = browser;
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('yixian.locale', 'en'));
    await page.goto('/stats');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-dispatcher');
    await page.waitForURL(/\/403$/);
    await page.getByText('Access denied').waitFor();
    expect(await page.getByRole('menuitem', { name: 'Statistics' }).count()).toBe(0);
    await browser.step('dispatcher refused');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
