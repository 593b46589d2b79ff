import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { createGridTicket, EXPECTED_AUTH_ERRORS, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 120_000;

describe.skipIf(!BASE_URL)('statistics page', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a commander sees today\'s call and ticket figures and drills into the tickets behind one', async () => {
    const base = BASE_URL as string;
    // A ticket dispatched today to grid team gt-s01g01 puts it in that unit's on-time sign-for base.
    const ticket = await createGridTicket(base, '统计下钻');
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
    await browser.step('drill-down tickets');

    // The numerator (signed in time) does not hold our ticket: nobody has signed it. Other browser
    // tests on the same stack may have signed grid tickets in time, so the list need not be empty.
    await drawer.getByTestId('stats-drill-part').getByText(/^分子/).click();
    await drawer.getByText(ticket.code).waitFor({ state: 'detached' });
    await browser.step('drill-down numerator');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '工单统计' }).click();
    await page.getByTestId('stats-tickets-table').waitFor();
    await page.getByTestId('stats-chart-tickets').waitFor();
    await browser.step('ticket counts by channel');

    // Export links carry the period and the format.
    const href = await page.getByTestId('stats-tickets-export-xlsx').getAttribute('href');
    expect(href).toMatch(/^\/api\/statistics\/tickets\?from=.*&groupBy=channel&format=xlsx$/);

    // The same page in English.
    await page.getByTestId('language-en').click();
    await page.getByRole('tab', { name: 'Ticket figures' }).click();
    await expect(page.getByTestId('stats-figures-table').textContent()).resolves.toContain('On-time sign-for');
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator('[data-testid="stats-calls-table"], [data-testid="stats-calls-empty"]').first().waitFor();
    await browser.step('calls in english');

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
