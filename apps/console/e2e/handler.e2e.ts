import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { BLANK_PDF, SITE_PHOTO } from './file-fixtures';
import { createGridTicket, EXPECTED_AUTH_ERRORS, loginInBrowser, takeAction } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
/** Several screens and a dozen server round trips: more than the config's 60 s default. */
const FLOW_TIMEOUT_MS = 150_000;

describe.skipIf(!BASE_URL)('handler workspace', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a grid member sees a dispatched ticket under "to sign", signs, starts and replies', async () => {
    const base = BASE_URL as string;
    const ticket = await createGridTicket(base, '垃圾未清运');
    browser = await launchBrowser('handler-sign-start-reply', { baseURL: base });
    const { page } = browser;

    await page.goto('/inbox');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-grid');
    await page.waitForURL(/\/inbox$/);
    const toSign = page.getByTestId('inbox-list-to_sign');
    const link = toSign.getByTestId(`ticket-link-${ticket.code}`);
    await link.waitFor();
    await expect(page.getByTestId('inbox-tab-to_sign').textContent()).resolves.toContain('待签收');
    await browser.step('inbox to sign');

    // The dispatch wrote a unit notification: the bell shows it.
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').getByText(ticket.code).first().waitFor();
    await browser.step('notifications');
    await page.keyboard.press('Escape');

    // Keyboard: the code is a link, so Enter on it opens the ticket.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await page.locator('[data-testid="ticket-state"][data-state="dispatched"]').waitFor();
    await page.getByTestId('due-sign').waitFor();
    expect(await page.getByTestId('action-sign').count()).toBe(1);
    expect(await page.getByTestId('action-reply').count()).toBe(0);
    await browser.step('detail dispatched');

    await takeAction(page, 'sign', 'signed');
    await browser.step('signed');
    await takeAction(page, 'start', 'in_progress');
    await browser.step('in progress');

    // An empty reply is stopped in the form, with no request.
    await page.getByTestId('action-reply').click();
    await page.getByTestId('action-submit').click();
    await page.getByText('请填写回复内容').waitFor();
    await page.getByTestId('form-content').fill('已联系环卫所，当日清运完毕。');
    // A photo and a PDF go with the reply: chosen in the dialog, uploaded on submit.
    await page.getByTestId('form-files-input').setInputFiles([
      { name: 'site.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO },
      { name: '清运记录.pdf', mimeType: 'application/pdf', buffer: BLANK_PDF },
    ]);
    await expect.poll(() => page.getByTestId('form-files-item').count()).toBe(2);
    await browser.step('reply form');
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="ticket-state"][data-state="replied"]').waitFor();
    const trail = page.getByTestId('ticket-trail');
    await trail.getByTestId('trail-reply').getByText('已联系环卫所，当日清运完毕。').waitFor();
    const photo = trail.getByTestId('trail-reply').getByTestId('trail-photo').locator('img');
    await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    const pdfLink = trail.getByTestId('trail-reply').getByTestId('trail-document');
    await expect(pdfLink.textContent()).resolves.toMatch(/清运记录\.pdf\s*\d+(\.\d)? (B|KB)/);
    for (const action of ['create', 'dispatch', 'sign', 'start', 'reply']) expect(await trail.getByTestId(`trail-${action}`).count(), action).toBe(1);
    await browser.step('replied with trail');

    await page.getByTestId('ticket-back').click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('inbox-tab-in_progress').waitFor();
    await toSign.waitFor();
    expect(await page.getByTestId(`ticket-link-${ticket.code}`).count()).toBe(0);
    await browser.step('inbox after reply');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('a dispatch made while the inbox is open arrives live, and the page works in English', async () => {
    const base = BASE_URL as string;
    browser = await launchBrowser('handler-live-english', { baseURL: base, locale: 'en' });
    const { page } = browser;
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('yixian.locale', 'en'));
    await page.reload();
    await loginInBrowser(page, 'demo-grid');
    await page.goto('/inbox');
    await expect(page.getByTestId('inbox-tab-to_sign').textContent()).resolves.toContain('To sign');
    await page.getByText('Live').first().waitFor({ timeout: 15_000 });

    const ticket = await createGridTicket(base, 'live push');
    await page.getByTestId('inbox-list-to_sign').getByTestId(`ticket-link-${ticket.code}`).waitFor({ timeout: 20_000 });
    await browser.step('live dispatch arrived');
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
