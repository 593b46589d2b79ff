import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser, type CreatedTicket } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 120_000;
/** Scoring every unit of the district for a month runs on the server: give the one click time. */
const RUN_TIMEOUT_MS = 60_000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A grid no other browser test sends tickets to, so the drill-down lists few tickets besides ours. */
const GRID = 's12g02';
const GRID_TEAM = `gt-${GRID}`;

/** As demo-agent, files a web-form ticket about rubbish in {@link GRID} and dispatches it (routed to its grid team). */
async function createTicketInGrid(baseUrl: string): Promise<CreatedTicket> {
  const agent = await loginApi(baseUrl, 'demo-agent');
  const suffix = randomBytes(3).toString('hex');
  const created = await callApi<{ ticket: CreatedTicket }>(agent, 'POST', '/tickets', {
    channel: 'web', categoryId: 'city.garbage', areaId: GRID, title: `考核下钻 ${suffix}`,
    description: `E2E 一键考核：垃圾堆放未清运 (${suffix})`, dispatch: true,
  });
  if (created.ticket.leadUnitId !== GRID_TEAM) throw new Error(`expected routing to ${GRID_TEAM}, got ${created.ticket.leadUnitId}`);
  return created.ticket;
}

/** This month in Shanghai, as the picker shows it. */
function currentMonth(): { year: number; month: number } {
  const local = new Date(Date.now() + 8 * 3600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

/** Opens an Element Plus select and picks the option whose text is exactly `label`. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  // Role queries skip the hidden dropdowns of the other selects.
  const option = page.getByRole('option', { name: label, exact: true });
  await option.click();
  await option.waitFor({ state: 'hidden' });
}

describe.skipIf(!BASE_URL)('one-click assessment page', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a commander scores this month in one click, reads the ranking and lists, drills into the tickets and exports Excel', async () => {
    const base = BASE_URL as string;
    const ticket = await createTicketInGrid(base);
    const { year, month } = currentMonth();
    const label = `${year}-${String(month).padStart(2, '0')}`;
    browser = await launchBrowser('assessment-run-drill-export', { baseURL: base });
    const { page } = browser;

    await page.goto('/assessment');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-commander');
    await page.waitForURL(/\/assessment$/);
    await page.getByTestId('assessment-page').waitFor();
    const form = page.getByTestId('assessment-run-form');
    await form.waitFor();
    // The start button is enabled once the schemes have loaded and the seeded default is chosen.
    await page.getByTestId('assessment-run-start').and(page.locator(':enabled')).waitFor();

    await pick(page, 'assessment-period-year', String(year));
    await pick(page, 'assessment-period-month', String(month));
    await browser.step('period chosen');

    // The one click.
    const created = page.waitForResponse((response) => response.url().endsWith('/api/assessment/runs') && response.request().method() === 'POST', { timeout: RUN_TIMEOUT_MS });
    await page.getByTestId('assessment-run-start').click();
    expect((await created).status()).toBe(201);
    const result = page.getByTestId('assessment-run-result');
    await result.waitFor({ timeout: RUN_TIMEOUT_MS });
    await expect(result.locator('h2').textContent()).resolves.toContain(label);
    await expect(result.locator('h2').textContent()).resolves.toContain('草稿');
    await page.getByTestId('assessment-run-list').getByText(label).first().waitFor();

    // Ranked tables per unit type, with the red and black lists (at most five each) above them. In a
    // fresh month most units have no tickets: they read 无数据, have no rank, and are on neither list.
    for (const unitType of ['department', 'street_office', 'grid_team']) {
      const group = page.getByTestId(`assessment-group-${unitType}`);
      await group.waitFor();
      const red = (await group.getByTestId(`assessment-red-${unitType}`).locator('li').allTextContents()).map((text) => text.trim());
      const black = (await group.getByTestId(`assessment-black-${unitType}`).locator('li').allTextContents()).map((text) => text.trim());
      expect(red.length).toBeLessThanOrEqual(5);
      expect(black.length).toBeLessThanOrEqual(5);
      const listed = [...red, ...black].map((entry) => entry.replace(/ · [\d.]+$/, ''));
      expect(new Set(listed).size).toBe(listed.length); // nobody on both lists
      for (const entry of black) expect(entry).not.toMatch(/ · 100$/); // a perfect score is never black-listed
      // Every unit whose score reads 无数据 (no data at all) is off both lists; a unit with only some
      // indicators without data is scored on the rest and may be listed.
      const rows = group.getByTestId(`assessment-table-${unitType}`).locator('.el-table__body-wrapper tbody tr');
      const noData = await rows.evaluateAll((trs) => trs
        .filter((tr) => (tr.querySelector('[data-testid^="assessment-score-"]')?.textContent ?? '').trim() === '无数据')
        .map((tr) => (tr.querySelectorAll('td')[1]?.textContent ?? '').trim()));
      for (const name of noData) if (name) expect(listed).not.toContain(name);
    }
    const gridGroup = page.getByTestId('assessment-group-grid_team');
    const gridTable = page.getByTestId('assessment-table-grid_team');
    await expect(gridTable.textContent()).resolves.toContain('按时签收率');
    // Our grid team has a ticket this month, so it is scored and ranked; most other grids read 无数据.
    await expect(gridTable.getByTestId(`assessment-score-${GRID_TEAM}`).textContent()).resolves.toMatch(/^\s*\d+(\.\d+)?\*?\s*$/);
    await gridGroup.getByText('无数据的单位（指标分母为 0）不参与排名，也不上红黑榜').waitFor();
    const ranks = (await gridTable.locator('tbody tr td:first-child').allTextContents()).map((text) => text.trim());
    expect(ranks.length).toBeGreaterThan(100);
    const ranked = ranks.filter((rank) => rank !== '—').map(Number);
    expect(ranked[0]).toBe(1);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    // Unranked (no-data) units come after the ranked ones, and there are some in a fresh month.
    expect(ranks.slice(ranked.length).every((rank) => rank === '—')).toBe(true);
    expect(ranks.length - ranked.length).toBeGreaterThan(0);
    const noDataScores = await gridTable.locator('[data-testid^="assessment-score-"]', { hasText: '无数据' }).count();
    expect(noDataScores).toBeGreaterThan(0);

    // Nothing runs off the right edge at 1366×768: the table scrolls inside itself.
    const viewport = page.viewportSize()!;
    for (const unitType of ['department', 'street_office', 'grid_team']) {
      const box = (await page.getByTestId(`assessment-table-${unitType}`).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
    const resultBox = (await result.boundingBox())!;
    expect(resultBox.x + resultBox.width).toBeLessThanOrEqual(viewport.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    // Indicator headers are compact, their full names in a tooltip.
    await expect(gridTable.locator('.result__header-cell', { hasText: '按时签收率' }).first().getAttribute('title')).resolves.toMatch(/^按时签收率 \(\d+\)$/);
    await browser.step('ranked with red and black lists, no-data units apart');

    // Drill the grid team's on-time sign-for down to the tickets behind it: ours was dispatched today.
    const figure = page.getByTestId(`assessment-drill-on_time_sign-${GRID_TEAM}`);
    await figure.scrollIntoViewIfNeeded();
    await figure.click();
    const drill = page.getByTestId('assessment-drill');
    const tickets = drill.getByTestId('assessment-drill-tickets');
    await tickets.waitFor();
    const row = tickets.locator('tr', { hasText: ticket.code });
    await row.waitFor();
    // The ticket's category and lead unit by name, its state in words; no codes or ids anywhere.
    const detail = await callApi<{ categoryName: string; leadUnitName: string }>(await loginApi(base, 'demo-commander'), 'GET', `/tickets/${ticket.id}`);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('已派单');
    expect(rowText).toContain(detail.categoryName);
    expect(rowText).toContain(detail.leadUnitName);
    expect((await drill.textContent()) ?? '').not.toMatch(/city\.garbage|gt-s12g02|\d{10}\.\d+/);
    await expect(drill.textContent()).resolves.toMatch(/考核时：\d+ \/ [1-9]\d* =/);
    await browser.step('drill-down tickets');
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'hidden' });

    // Export: the browser saves an .xlsx, and the link answers a real XLSX (a ZIP) with its type.
    const exportLink = page.getByTestId('assessment-export-xlsx');
    const href = await exportLink.getAttribute('href');
    expect(href).toMatch(/^\/api\/assessment\/runs\/[^/?]+\?format=xlsx&lang=zh-CN$/);
    const downloading = page.waitForEvent('download');
    await exportLink.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = await readFile(await download.path());
    expect(saved.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const answer = await page.request.get(href as string);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe(XLSX_TYPE);
    expect(answer.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
    expect((await answer.body()).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    // The same table as CSV, parsed: Chinese headers, indicators by name, 无数据 where a unit had none.
    const csv = await page.request.get((href as string).replace('format=xlsx', 'format=csv'));
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const header = text.split('\r\n')[0]!.split(',');
    expect(header.slice(0, 9)).toEqual(['单位类型', '排名', '单位编码', '单位', '得分', '按时签收率', '按时签收率 分子', '按时签收率 分母', '按时签收率 得分']);
    expect(text).not.toMatch(/on_time_sign|supervision_count|grid_team/);
    expect(text).toContain('无数据');
    await browser.step('exported');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
