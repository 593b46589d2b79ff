/**
 * 巡查上报 on the phone app (`/m/report`, issue 15) on a phone profile with a granted GPS fix:
 * a grid worker reports with a photo inside their grid (s01g01) → filed there and dispatched to
 * the grid's team, said in words; the grid next door (not theirs) and a point outside the
 * district are refused in words and nothing is filed; a matter handled on the spot is closed
 * at once with before and after photos; and a send whose answer is lost, sent again, files one
 * ticket (the same idempotency key). Without location permission the page says so (in English).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE_DEVICE, type BrowserSession } from './browser';
import { SITE_PHOTO } from './file-fixtures';
import { callApi, DEMO_PASSWORD, EXPECTED_AUTH_ERRORS, loginApi } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 150_000;
/** Centroids of the seed's grid boxes (prisma/seed: street s01's first two grids), and a point far outside the district. */
const IN_S01G01 = { latitude: 28.565, longitude: 112.70875, accuracy: 12 };
const IN_S01G02 = { latitude: 28.565, longitude: 112.72625, accuracy: 12 };
const OUTSIDE = { latitude: 1.5, longitude: 100.5, accuracy: 12 };

interface TrailEntry { action: string; attachments?: unknown[] }
interface Ticket { id: string; code: string; channel: string; state: string; areaId: string; leadUnitId: string; level: string; trail: TrailEntry[] }

const uniqueText = (words: string) => `${words} ${randomBytes(3).toString('hex')}`;

async function signInOnPhone(page: Page, language?: 'en'): Promise<void> {
  await page.goto('/m/login');
  if (language) await page.getByTestId(`m-lang-${language}`).tap();
  await page.getByTestId('m-username').fill('demo-grid');
  await page.getByTestId('m-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-sign-in').tap();
  await page.waitForURL((url) => url.pathname === '/m/');
}

/** Opens 上报 from the tab bar and waits until the page names the grid the server places the fix in. */
async function openReport(page: Page): Promise<void> {
  await page.getByTestId('m-tab-m-report').tap();
  await page.waitForURL((url) => url.pathname === '/m/report');
}

/** The tickets demo-grid can find with these words (the API's own search). */
async function findTickets(words: string): Promise<Array<{ id: string }>> {
  const grid = await loginApi(BASE_URL as string, 'demo-grid');
  const page = await callApi<{ items: Array<{ id: string }> }>(grid, 'GET', `/tickets?q=${encodeURIComponent(words)}`);
  return page.items;
}

describe.skipIf(!BASE_URL)('phone app: patrol reports', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('reports with a photo in the worker\'s grid; the grid next door and a point outside the district are refused in words', async () => {
    browser = await launchBrowser('phone-report-grid', { baseURL: BASE_URL, device: PHONE_DEVICE, geolocation: IN_S01G01 });
    const { page, context } = browser;
    await signInOnPhone(page);
    await expect(page.getByTestId('m-tab-m-report').textContent()).resolves.toContain('上报');
    await openReport(page);
    await expect(page.getByTestId('m-report-accuracy').textContent()).resolves.toContain('定位精度约 12 米');
    await expect(page.getByTestId('m-report-area').textContent()).resolves.toContain('高塘岭街道第1网格');

    const description = uniqueText('东门垃圾堆放未清运');
    await page.getByTestId('m-report-description').fill(description);
    await expect(page.getByTestId('m-report-suggested').textContent()).resolves.toContain('垃圾清运');
    await expect.poll(() => page.getByTestId('m-report-category').inputValue()).toBe('city.garbage');
    const camera = page.getByTestId('m-report-photos-input');
    expect(await camera.getAttribute('capture')).toBe('environment');
    await camera.setInputFiles([{ name: 'found.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO }]);
    await expect.poll(() => page.getByTestId('m-report-photos-item').count()).toBe(1);
    await browser.step('report filled');
    await page.getByTestId('m-report-submit').tap();

    const outcome = page.getByTestId('m-report-outcome');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toBe('已派单至 高塘岭街道第1网格工作队');
    const code = (await page.getByTestId('m-report-code').textContent())?.trim() ?? '';
    expect(code).not.toBe('');
    await browser.step('report filed');

    const [found] = await findTickets(description);
    const ticket = await callApi<Ticket>(await loginApi(BASE_URL as string, 'demo-grid'), 'GET', `/tickets/${found!.id}`);
    expect(ticket).toMatchObject({ code, channel: 'grid_patrol', state: 'dispatched', areaId: 's01g01', leadUnitId: 'gt-s01g01', level: 'grid' });
    expect(ticket.trail.find((entry) => entry.action === 'create')?.attachments).toHaveLength(1);

    // The link opens the ticket, its state in words.
    await page.getByTestId('m-report-open').tap();
    await page.waitForURL((url) => url.pathname === `/m/tickets/${ticket.id}`);
    await expect(page.getByTestId('m-ticket-state').textContent()).resolves.toBe('已派单');
    await page.getByTestId('m-ticket-trail').getByTestId('m-trail-create').getByTestId('m-trail-photo').waitFor();
    await browser.step('the filed ticket');

    // The next grid is not demo-grid's: the page names it, and the server refuses the report there.
    await context.setGeolocation(IN_S01G02);
    await page.goto('/m/report');
    await expect(page.getByTestId('m-report-area').textContent()).resolves.toContain('高塘岭街道第2网格');
    const elsewhere = uniqueText('西门垃圾堆放未清运');
    await page.getByTestId('m-report-description').fill(elsewhere);
    await expect.poll(() => page.getByTestId('m-report-category').inputValue()).toBe('city.garbage');
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-error').textContent()).resolves.toContain('您没有在这个网格上报的权限');
    await browser.step('another grid refused');

    // Outside the district: said as soon as the fix is placed, and nothing is sent.
    await context.setGeolocation(OUTSIDE);
    await page.getByTestId('m-report-relocate').tap();
    await expect(page.getByTestId('m-report-outside').textContent()).resolves.toContain('该位置不在本区范围内');
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-error').textContent()).resolves.toContain('该位置不在本区范围内');
    await browser.step('outside the district');
    expect(await findTickets(elsewhere)).toHaveLength(0);

    // The refusals (403 on the report, 400 on locating outside) are the failed requests Chromium logs.
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, /the server responded with a status of (400|403)/]);
  }, FLOW_TIMEOUT_MS);

  it('handles a matter on the spot with before and after photos: 已办结 at once', async () => {
    browser = await launchBrowser('phone-report-on-spot', { baseURL: BASE_URL, device: PHONE_DEVICE, geolocation: IN_S01G01 });
    const { page } = browser;
    await signInOnPhone(page);
    await openReport(page);
    await page.getByTestId('m-report-area').waitFor();
    const description = uniqueText('路边垃圾散落');
    await page.getByTestId('m-report-description').fill(description);
    await expect.poll(() => page.getByTestId('m-report-category').inputValue()).toBe('city.garbage');
    await page.getByTestId('m-report-photos-input').setInputFiles([{ name: 'before.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO }]);
    await page.getByTestId('m-report-on-spot').tap();
    // Switched on, the result is asked for before anything is sent.
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-error').textContent()).resolves.toContain('请写明处置结果');
    await page.getByTestId('m-report-result').fill('已现场清扫干净');
    await page.getByTestId('m-report-after-photos-input').setInputFiles([{ name: 'after.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO }]);
    await expect.poll(() => page.getByTestId('m-report-after-photos-item').count()).toBe(1);
    await browser.step('on the spot filled');
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-outcome').textContent()).resolves.toBe('已办结（现场处置）');
    await browser.step('closed on the spot');

    const [found] = await findTickets(description);
    const ticket = await callApi<Ticket>(await loginApi(BASE_URL as string, 'demo-grid'), 'GET', `/tickets/${found!.id}`);
    expect(ticket).toMatchObject({ state: 'closed', areaId: 's01g01', level: 'grid' });
    expect(ticket.trail.find((entry) => entry.action === 'create')?.attachments).toHaveLength(1);
    expect(ticket.trail.find((entry) => entry.action === 'reply')?.attachments).toHaveLength(1);
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('sends again after a lost answer with the same key: exactly one ticket', async () => {
    browser = await launchBrowser('phone-report-retry', { baseURL: BASE_URL, device: PHONE_DEVICE, geolocation: IN_S01G01 });
    const { page } = browser;
    await signInOnPhone(page);
    await openReport(page);
    await page.getByTestId('m-report-area').waitFor();
    const description = uniqueText('桥下垃圾堆积');
    await page.getByTestId('m-report-description').fill(description);
    await expect.poll(() => page.getByTestId('m-report-category').inputValue()).toBe('city.garbage');

    // The first send reaches the server (it files the ticket) but its answer never reaches the phone.
    const keys: string[] = [];
    await page.route('**/api/patrol-reports', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      await route.fetch();
      await route.abort('failed');
    });
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-error').textContent()).resolves.toContain('网络中断');
    await browser.step('answer lost');
    await page.unroute('**/api/patrol-reports');
    expect(await findTickets(description)).toHaveLength(1);

    const sent = page.waitForRequest('**/api/patrol-reports');
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-outcome').textContent()).resolves.toContain('已派单至');
    expect((await sent).headers()['idempotency-key']).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    await browser.step('sent again');
    expect(await findTickets(description)).toHaveLength(1);

    // The aborted send is the one failed request Chromium logs.
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, /ERR_FAILED/]);
  }, FLOW_TIMEOUT_MS);

  it('in English: without location permission the page says so, and a report without a position is not sent', async () => {
    browser = await launchBrowser('phone-report-no-permission', { baseURL: BASE_URL, device: PHONE_DEVICE, locale: 'en' });
    const { page } = browser;
    await signInOnPhone(page, 'en');
    await expect(page.getByTestId('m-tab-m-report').textContent()).resolves.toContain('Report');
    await openReport(page);
    await expect(page.getByTestId('m-report-position-problem').textContent()).resolves.toContain('No permission to use your location');
    let isSent = false;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/patrol-reports')) isSent = true;
    });
    await page.getByTestId('m-report-description').fill(uniqueText('rubbish at the gate'));
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-error').textContent()).resolves.toContain('No position yet');
    await browser.step('no permission');
    expect(isSent).toBe(false);
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
