/**
 * The grid workers' phone app (`/m/`, issue 15) on a phone profile (390×844, touch, scale 3): a
 * grid worker signs in, finds a ticket dispatched to their grid team, signs for it, starts and
 * replies with a photo from the camera — each one tap to open the sheet and one to confirm — and
 * the page never scrolls sideways; the photo shows in the phone's trail and on the desk's. The
 * app is installable: its manifest is linked and served, its service worker registers for `/m/`;
 * the desk page carries neither.
 */
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE_DEVICE, type BrowserSession } from './browser';
import { NOT_A_PHOTO, SITE_PHOTO } from './file-fixtures';
import { callApi, createGridTicket, DEMO_PASSWORD, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 150_000;
const PHONE_WIDTH = PHONE_DEVICE.viewport.width;

/** The page's full scroll width: wider than the screen means a sideways scroll on the phone. */
const scrollWidthOf = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);

/** Taps an action button, confirms its sheet (after `fill`), and waits for the ticket's new state. */
async function tapAction(page: Page, action: string, expectedState: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`m-action-${action}`).tap();
  const confirm = page.getByTestId('m-sheet-confirm');
  await confirm.waitFor();
  if (fill) await fill();
  await confirm.tap();
  await page.locator(`[data-testid="m-ticket-state"][data-state="${expectedState}"]`).waitFor();
  await page.getByTestId('m-sheet').waitFor({ state: 'detached' });
}

/** Turns demo-grid's second factor on over the API; returns its key and a reset that an administrator runs after the test. */
async function enrolSecondFactor(base: string): Promise<{ key: string; reset: () => Promise<void> }> {
  const grid = await loginApi(base, 'demo-grid');
  const me = await callApi<{ user: { id: string } }>(grid, 'GET', '/auth/me');
  const { secret } = await callApi<{ secret: string }>(grid, 'POST', '/auth/mfa/enrolment', {});
  await callApi(grid, 'POST', '/auth/mfa/enrolment/confirm', { code: TOTP.generate({ secret: Secret.fromBase32(secret) }) });
  const reset = async () => {
    await callApi(await loginApi(base, 'demo-admin'), 'POST', `/users/${me.user.id}/reset-mfa`, { reason: 'phone app browser test' });
  };
  return { key: secret, reset };
}

describe.skipIf(!BASE_URL)('phone app for handlers', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a grid worker signs in on /m/, signs for, starts and replies with a photo to a ticket of their grid', async () => {
    const base = BASE_URL as string;
    const ticket = await createGridTicket(base, '手机办理');
    browser = await launchBrowser('phone-handler-sign-start-reply', { baseURL: base, device: PHONE_DEVICE });
    const { page } = browser;

    await page.goto('/m/');
    await page.waitForURL((url) => url.pathname === '/m/login');
    await page.getByText('网格员、承办人登录').waitFor();
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await browser.step('sign in');

    // An empty password is stopped on the phone, in words.
    await page.getByTestId('m-username').fill('demo-grid');
    await page.getByTestId('m-sign-in').tap();
    await expect(page.getByTestId('m-login-error').textContent()).resolves.toContain('请输入密码');
    await page.getByTestId('m-password').fill(DEMO_PASSWORD);
    await page.getByTestId('m-sign-in').tap();
    await page.waitForURL((url) => url.pathname === '/m/');

    const card = page.getByTestId('m-inbox-list-to_sign').getByTestId(`m-ticket-${ticket.code}`);
    await card.waitFor();
    await expect(page.getByTestId('m-inbox-tab-to_sign').textContent()).resolves.toContain('待签收');
    await expect(card.textContent()).resolves.toContain('已派单');
    await expect(card.textContent()).resolves.toMatch(/签收时限 · (剩余|超时)/);
    // The card names the ticket's category in words (from the list answer, no second request).
    await expect(card.getByTestId('m-card-category').textContent()).resolves.toBe('垃圾清运');
    expect(await card.getByTestId('m-card-category').isVisible()).toBe(true);
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await browser.step('inbox');
    // On a narrower phone (360 px) the card still fits the screen.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(360);
    await browser.step('inbox at 360 px');
    await page.setViewportSize(PHONE_DEVICE.viewport);

    // The dispatch wrote a notification for the grid team: it is listed under 通知.
    await page.getByTestId('m-tab-m-notifications').tap();
    await page.getByTestId('m-notifications').getByText(ticket.code).first().waitFor();
    await browser.step('notifications');
    await page.getByTestId('m-tab-m-inbox').tap();

    await card.tap();
    await page.waitForURL((url) => url.pathname === `/m/tickets/${ticket.id}`);
    await page.locator('[data-testid="m-ticket-state"][data-state="dispatched"]').waitFor();
    await expect(page.getByTestId('m-ticket-category').textContent()).resolves.toBe('垃圾清运');
    await expect(page.getByTestId('m-ticket-address').textContent()).resolves.toContain('第1网格');
    await expect(page.getByTestId('m-ticket-description').textContent()).resolves.toContain('一村东门垃圾堆放三天未清运');
    await page.getByTestId('m-due-sign').waitFor();
    await page.getByTestId('m-ticket-trail').getByTestId('m-trail-dispatch').waitFor();
    expect(await page.getByTestId('m-action-reply').count()).toBe(0);
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await browser.step('ticket dispatched');

    await tapAction(page, 'sign', 'signed');
    await page.getByText('已签收').first().waitFor();
    await browser.step('signed');
    await tapAction(page, 'start', 'in_progress');
    await browser.step('in progress');

    // An empty reply is stopped in the sheet, with no request; then the reply goes.
    await page.getByTestId('m-action-reply').tap();
    await page.getByTestId('m-sheet-confirm').tap();
    await page.getByTestId('m-sheet').getByText('请填写回复内容').waitFor();
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await browser.step('reply sheet');
    await page.getByTestId('m-form-content').fill('已联系环卫所，当日清运完毕。');
    // Two "photos" from the camera: a real JPEG and a note under a photo's name, which the server refuses by its bytes.
    const cameraInput = page.getByTestId('m-photos-input');
    expect(await cameraInput.getAttribute('capture')).toBe('environment');
    await cameraInput.setInputFiles([
      { name: 'site.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO },
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: NOT_A_PHOTO },
    ]);
    await expect.poll(() => page.getByTestId('m-photos-item').count()).toBe(2);
    await page.getByTestId('m-photos').getByText('site.jpg').waitFor();
    await browser.step('reply with photos chosen');
    await page.getByTestId('m-sheet-confirm').tap();
    await expect(page.getByTestId('m-sheet-error').textContent()).resolves.toContain('“notes.jpg”不是可接收的文件');
    await browser.step('a file refused in words');
    await page.getByTestId('m-photos-remove').nth(1).tap();
    await expect.poll(() => page.getByTestId('m-photos-item').count()).toBe(1);
    await page.getByTestId('m-sheet-confirm').tap();
    const state = page.locator('[data-testid="m-ticket-state"][data-state="replied"]');
    await state.waitFor();
    await expect(state.textContent()).resolves.toBe('已回复');
    const replyEntry = page.getByTestId('m-ticket-trail').getByTestId('m-trail-reply');
    await replyEntry.getByText('已联系环卫所，当日清运完毕。').waitFor();
    // The reply's photo: its thumbnail loads, and a tap opens the full image over the screen.
    const thumbnail = replyEntry.getByTestId('m-trail-photo').locator('img');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(await replyEntry.getByTestId('m-trail-photo').count()).toBe(1);
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await browser.step('replied');
    await replyEntry.getByTestId('m-trail-photo').tap();
    const fullImage = page.getByTestId('m-photo-viewer').locator('img');
    await expect.poll(() => fullImage.evaluate((image: HTMLImageElement) => image.complete ? image.naturalWidth : 0)).toBe(48);
    await browser.step('photo full screen');
    await page.getByTestId('m-photo-viewer-close').tap();
    await page.getByTestId('m-photo-viewer').waitFor({ state: 'detached' });

    // Back in the inbox the ticket has left "to sign".
    await page.getByTestId('m-back').tap();
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByTestId('m-inbox-list-to_sign').waitFor();
    expect(await page.getByTestId(`m-ticket-${ticket.code}`).count()).toBe(0);

    // Installable: the manifest is linked and served, the service worker controls /m/.
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('/manifest.webmanifest');
    const manifest = await page.request.get(manifestHref as string);
    expect(manifest.status()).toBe(200);
    expect(await manifest.json()).toMatchObject({ scope: '/m/', start_url: '/m/', display: 'standalone', lang: 'zh-CN' });
    const scope = await page.evaluate(async () => {
      const registration = await Promise.race([
        navigator.serviceWorker.ready,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
      ]);
      return registration?.active ? registration.scope : null;
    });
    expect(scope).toBe(`${base}/m/`);
    // The desk page is left as it was: no manifest, no service worker registration.
    const desk = await page.request.get('/');
    expect(await desk.text()).not.toContain('manifest');
    await browser.step('inbox after reply');

    // The refused note's 400 is the one failed request Chromium logs here.
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, /the server responded with a status of 400/]);

    // On the desk the same photo is in the reply's trail entry and opens in the image preview.
    const deskBrowser = await launchBrowser('phone-handler-photo-on-desk', { baseURL: base });
    try {
      await deskBrowser.page.goto(`/tickets/${ticket.id}`);
      await deskBrowser.page.waitForURL(/\/login\?redirect=/);
      await loginInBrowser(deskBrowser.page, 'demo-grid');
      const deskReply = deskBrowser.page.getByTestId('ticket-trail').getByTestId('trail-reply');
      const deskPhoto = deskReply.getByTestId('trail-photo').locator('img');
      await deskPhoto.waitFor();
      await expect.poll(() => deskPhoto.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
      await deskPhoto.scrollIntoViewIfNeeded();
      await deskBrowser.step('photo in the desk trail');
      await deskPhoto.click();
      const preview = deskBrowser.page.locator('.el-image-viewer__canvas img');
      await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete ? image.naturalWidth : 0)).toBe(48);
      await deskBrowser.step('photo preview on the desk');
      deskBrowser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
    } finally {
      await deskBrowser.close();
    }
  }, FLOW_TIMEOUT_MS);

  it('in English: returns a ticket with a reason; a ticket signed elsewhere is refused in words, then extended', async () => {
    const base = BASE_URL as string;
    const toReturn = await createGridTicket(base, 'phone return');
    const toExtend = await createGridTicket(base, 'phone extension');
    browser = await launchBrowser('phone-handler-english-return-extension', { baseURL: base, device: PHONE_DEVICE, locale: 'en' });
    const { page } = browser;
    await page.goto('/m/login');
    await page.getByTestId('m-lang-en').tap();
    await page.getByText('Sign-in for grid workers and unit handlers').waitFor();
    await page.getByTestId('m-username').fill('demo-grid');
    await page.getByTestId('m-password').fill(DEMO_PASSWORD);
    await page.getByTestId('m-sign-in').tap();
    await page.waitForURL((url) => url.pathname === '/m/');
    await expect(page.getByTestId('m-inbox-tab-to_sign').textContent()).resolves.toContain('To sign');

    // Return with a reason: the sheet asks for the reason first.
    await page.getByTestId(`m-ticket-${toReturn.code}`).tap();
    await page.locator('[data-testid="m-ticket-state"][data-state="dispatched"]').waitFor();
    await page.getByTestId('m-action-return').tap();
    await page.getByTestId('m-sheet-confirm').tap();
    await page.getByTestId('m-sheet').getByText('Please choose a return reason').waitFor();
    await page.getByTestId('m-form-reason-code').selectOption('not_our_remit');
    await page.getByTestId('m-form-note').fill('Private land: the owner clears it.');
    await browser.step('return sheet');
    await page.getByTestId('m-sheet-confirm').tap();
    await page.locator('[data-testid="m-ticket-state"][data-state="returned"]').waitFor();
    await expect(page.getByTestId('m-ticket-state').textContent()).resolves.toBe('Returned');
    await page.getByTestId('m-ticket-trail').getByTestId('m-trail-return').getByText('Private land: the owner clears it.').waitFor();
    await browser.step('returned');

    // The same ticket signed from another device while it is open here: the tap is refused in words.
    await page.getByTestId('m-back').tap();
    await page.getByTestId(`m-ticket-${toExtend.code}`).tap();
    await page.locator('[data-testid="m-ticket-state"][data-state="dispatched"]').waitFor();
    await callApi(await loginApi(base, 'demo-grid'), 'POST', `/tickets/${toExtend.id}/sign`, {});
    await page.getByTestId('m-action-sign').tap();
    await page.getByTestId('m-sheet-confirm').tap();
    await expect(page.getByTestId('m-sheet-error').textContent()).resolves.toContain('The ticket is now "Signed"');
    await page.locator('[data-testid="m-ticket-state"][data-state="signed"]').waitFor();
    expect(await scrollWidthOf(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await browser.step('refused in words');
    await page.getByTestId('m-sheet-cancel').tap();

    await tapAction(page, 'request-extension', 'signed', async () => {
      await page.getByTestId('m-form-days').fill('3');
      await page.getByTestId('m-form-reason').fill('Waiting for the cleaning crew.');
    });
    await page.getByTestId('m-ticket-trail').getByTestId('m-trail-request-extension').waitFor();
    expect(await page.getByTestId('m-action-request-extension').count()).toBe(0);
    await browser.step('extension requested');

    // The refused sign's 409 is the one failed request Chromium logs here.
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, /the server responded with a status of 409/]);
  }, FLOW_TIMEOUT_MS);

  it('asks an account with a second factor for its code on the phone, then opens the inbox', async () => {
    const base = BASE_URL as string;
    const { key, reset } = await enrolSecondFactor(base);
    try {
      browser = await launchBrowser('phone-handler-second-factor', { baseURL: base, device: PHONE_DEVICE });
      const { page } = browser;
      await page.goto('/m/');
      await page.waitForURL((url) => url.pathname === '/m/login');
      await page.getByTestId('m-username').fill('demo-grid');
      await page.getByTestId('m-password').fill(DEMO_PASSWORD);
      await page.getByTestId('m-sign-in').tap();
      await page.getByTestId('m-mfa-form').getByText('两步验证').waitFor();
      await browser.step('second factor');
      // The enrolment used this step's code: the next step's is fresh and still within the window.
      await page.getByTestId('m-mfa-code').fill(TOTP.generate({ secret: Secret.fromBase32(key), timestamp: Date.now() + 30_000 }));
      await page.getByTestId('m-mfa-submit').tap();
      await page.waitForURL((url) => url.pathname === '/m/');
      await page.getByTestId('m-inbox-tab-to_sign').waitFor();
      browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
    } finally {
      await reset();
    }
  }, FLOW_TIMEOUT_MS);

  it('says in words that a role without tickets to handle uses the desktop', async () => {
    browser = await launchBrowser('phone-handler-desk-role', { baseURL: BASE_URL, device: PHONE_DEVICE });
    const { page } = browser;
    await page.goto('/m/tickets/anything');
    await page.waitForURL((url) => url.pathname === '/m/login');
    await page.getByTestId('m-username').fill('demo-dispatcher');
    await page.getByTestId('m-password').fill(DEMO_PASSWORD);
    await page.getByTestId('m-sign-in').tap();
    await expect(page.getByTestId('m-login-blocked').textContent()).resolves.toContain('手机版只供网格员和承办人办理工单');
    await browser.step('desk role');
    await page.getByTestId('m-sign-out').tap();
    await page.getByTestId('m-login-form').waitFor();
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
