import { randomBytes, randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser, type CreatedTicket } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 180_000;
const STEMS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';

/** A Chinese word no other test writes (the keyword both tickets share). */
const uniqueWord = () => `梧桐${Array.from({ length: 3 }, () => STEMS[randomInt(0, STEMS.length)]).join('')}`;
const randomMobile = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

async function fileTicket(base: string, areaId: string, word: string, callerNumber: string): Promise<CreatedTicket> {
  const agent = await loginApi(base, 'demo-agent');
  const suffix = randomBytes(3).toString('hex');
  const created = await callApi<{ ticket: CreatedTicket }>(agent, 'POST', '/tickets', {
    channel: 'web', categoryId: 'city.garbage', areaId, callerNumber, address: `${word}路${randomInt(1, 99)}号`,
    title: `${word}垃圾未清运 ${suffix}`, description: `E2E 工单查询：${word}附近垃圾堆放三天`, dispatch: true,
  });
  return created.ticket;
}

/** Picks `label` in an Element Plus select (its list is teleported to the body). */
async function choose(page: Page, testId: string, label: string, type = false) {
  await page.getByTestId(testId).click();
  if (type) await page.keyboard.type(label);
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

async function search(page: Page, text: string) {
  await page.getByTestId('search-box').fill(text);
  await page.getByTestId('search-submit').click();
}

const rows = (page: Page) => page.getByTestId('search-results').locator('.el-table__body tr');

describe.skipIf(!BASE_URL)('tickets page (工单查询)', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a dispatcher finds a ticket by code, number and keyword, filters, opens it and prints it; a street handler sees only its street', async () => {
    const base = BASE_URL as string;
    const word = uniqueWord();
    const caller = randomMobile();
    const near = await fileTicket(base, 's01g01', word, caller);
    const far = await fileTicket(base, 's03g01', word, randomMobile());

    browser = await launchBrowser('tickets-search-dispatcher', { baseURL: base });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-dispatcher');
    await page.getByTestId('menu-tickets').click();
    expect(await page.getByTestId('menu-tickets').innerText()).toContain('工单查询');
    await page.waitForURL(/\/tickets$/);
    await page.getByTestId('tickets-search').waitFor();

    // By code: one row, with names (not ids) and the state in words.
    await search(page, near.code);
    await page.waitForURL((url) => url.searchParams.get('q') === near.code);
    const row = page.getByTestId('search-results').locator('tr', { has: page.getByTestId(`search-row-${near.code}`) });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('垃圾清运');
    expect(rowText).toContain('高塘岭街道第1网格');
    expect(rowText).toContain('已派单');
    expect(rowText).not.toMatch(/city\.garbage|s01g01|gt-s01g01/);
    expect(await rows(page).count()).toBe(1);
    await browser.step('by code');

    // By the caller's number: found, shown masked, and the number stays out of the URL.
    await search(page, caller);
    await expect.poll(() => page.getByTestId('search-kind').innerText()).toContain('来电号码');
    await page.getByTestId(`search-row-${near.code}`).waitFor();
    expect(await rows(page).count()).toBe(1);
    expect(await row.innerText()).toContain(`${caller.slice(0, 3)}****${caller.slice(-4)}`);
    expect(page.url()).not.toContain(caller);
    await browser.step('by number');

    // By a Chinese keyword: both tickets.
    await search(page, word);
    await page.getByTestId(`search-row-${far.code}`).waitFor();
    await page.getByTestId(`search-row-${near.code}`).waitFor();
    expect(await rows(page).count()).toBe(2);
    await browser.step('by keyword');

    // Filters: state, then the street (its grids included); both in the URL; Back undoes the area.
    await choose(page, 'filter-state', '已派单');
    await page.waitForURL((url) => url.searchParams.get('state') === 'dispatched');
    await page.keyboard.press('Escape');
    await choose(page, 'filter-area', '高塘岭街道', true);
    await page.waitForURL((url) => url.searchParams.get('areaId') === 's01');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByTestId(`search-row-${near.code}`).waitFor();
    await browser.step('filtered by state and street');
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('areaId'));
    await page.getByTestId(`search-row-${far.code}`).waitFor();
    await expect.poll(() => rows(page).count()).toBe(2);

    // Open the ticket from its row, then its routing slip.
    await row.locator('td').nth(1).click();
    await page.waitForURL(new RegExp(`/tickets/${near.id}$`));
    await page.getByTestId('ticket-print').click();
    await page.waitForURL(new RegExp(`/tickets/${near.id}/print$`));
    await page.getByTestId('print-code').getByText(near.code).waitFor();
    await expect.poll(() => page.getByTestId('print-category').innerText()).toBe('垃圾清运');
    await expect.poll(() => page.getByTestId('print-area').innerText()).toBe('高塘岭街道第1网格');
    const trail = page.getByTestId('print-trail');
    await trail.getByText('受理').first().waitFor();
    await trail.getByText('派单').first().waitFor();
    expect(await trail.innerText()).not.toMatch(/gt-s01g01/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    await browser.step('routing slip (print media)');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
    await browser.close();

    // The street handler searching the same word sees its street's ticket only.
    browser = await launchBrowser('tickets-search-street', { baseURL: base });
    const street = browser.page;
    await street.goto(`/tickets?q=${encodeURIComponent(word)}`);
    await street.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(street, 'demo-street');
    await street.waitForURL(/\/tickets\?q=/);
    await street.getByTestId(`search-row-${near.code}`).waitFor();
    expect(await rows(street).count()).toBe(1);
    expect(await street.getByTestId(`search-row-${far.code}`).count()).toBe(0);
    await browser.step('street handler sees its street only');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
