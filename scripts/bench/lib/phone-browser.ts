/**
 * The console benchmark's phone side: the grid workers' app at `/m/` on a phone profile, under
 * Chromium's "Fast 3G" network profile and a 4× CPU slowdown (a mid-range phone on a poor mobile
 * link), set through a CDP session on each page. The static baseline pages are timed under the
 * same profile, so the two stand side by side. One fresh context per sample: empty HTTP cache, no
 * cookies, the service worker not yet installed — a first visit, the worst case; a repeat visit
 * (same context, signed in, the service worker's cache filled) is timed after it.
 */
import type { Browser, Page } from 'playwright-core';
import { PHONE_DEVICE } from '../../../apps/console/e2e/browser.js';
import { timeBaselinePages } from './console-browser.js';

const WAIT_MS = 120_000;

/**
 * DevTools' "Fast 3G" preset (devtools-frontend `front_end/core/sdk/NetworkManager.ts`, also
 * "Slow 4G" since Chrome 126, crbug.com/342406608; Puppeteer's `PredefinedNetworkConditions`
 * carries the same figures): ~1.6 Mbps down and ~750 kbps up, each × 0.9, and a 150 ms RTT × 3.75
 * (DevTools' adjustments, as Lighthouse's, to approximate a real link with request-level throttling).
 */
export const FAST_3G = {
  offline: false,
  latency: 150 * 3.75, // 562.5 ms
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, // 180,000 B/s
  uploadThroughput: ((750 * 1000) / 8) * 0.9, // 84,375 B/s
} as const;

/** DevTools' "4× slowdown" (Lighthouse's mobile default): the desk machine's CPU as a phone's. */
export const CPU_SLOWDOWN = 4;

/** The first tab's list loaded: cards, or the empty state (all four tabs load together). */
const PHONE_INBOX_ROWS = '[data-testid="m-inbox-list-to_sign"]:has(.ticket-card, [data-testid="m-inbox-empty"])';

/**
 * The phone inbox is interactive when the grid worker can work it: the first tab's list is
 * rendered (cards or the empty state, `PHONE_INBOX_ROWS`) and the page answers a tap — a tap on
 * the "in progress" tab has been handled (that tab selected and its list shown). The time runs
 * to the end of that handling, so a main thread still busy with start-up work counts.
 */
async function waitPhoneInboxInteractive(page: Page): Promise<void> {
  await page.locator(PHONE_INBOX_ROWS).waitFor();
  await page.getByTestId('m-inbox-tab-in_progress').tap();
  await page.locator('[data-testid="m-inbox-list-in_progress"]').waitFor();
  await page.locator('[data-testid="m-inbox-tab-in_progress"][aria-selected="true"]').waitFor();
}

export interface PhoneSample {
  /** Navigation to /m/login → the sign-in button enabled (cold: the initial JS over Fast 3G). */
  loginPageMs: number;
  /** Tap on sign in → the inbox's first list rendered. */
  signInToRowsMs: number;
  /** Tap on sign in → the inbox interactive (rows, then a tab tap handled). */
  signInToInteractiveMs: number;
  /** Repeat visit: navigation to /m/ (same context: signed in, service worker installed) → the inbox interactive; null when the worker never activated in time. */
  repeatVisitMs: number | null;
  /** Cards in the "in progress" tab once interactive, and whether its load failed (an alert instead). */
  inProgressCards: number;
  inProgressFailed: boolean;
  /** Requests the page made from the sign-in tap to the rows: API calls and scripts (what the wait is made of). */
  requestsToRows: { api: number; scripts: number };
}

export interface ThrottledBaselineSample {
  pageMs: number;
  submitToPageMs: number;
}

async function timed(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return performance.now() - start;
}

/** A fresh phone context and page with the network and CPU throttled (CDP, this page's target). */
async function withThrottledPhone<T>(browser: Browser, baseURL: string, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ baseURL, ...PHONE_DEVICE, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT_MS);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    return await use(page);
  } finally {
    await context.close();
  }
}

/** Waits (bounded) for the phone app's service worker to control `/m/`; false when it never does. */
async function waitServiceWorkerActive(page: Page): Promise<boolean> {
  // Runs in the page (no DOM types in the scripts' build): the ready registration's active worker.
  return page.evaluate((ms) => Promise.race([
    (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<{ active: unknown }> } } }).navigator.serviceWorker.ready
      .then((registration) => registration.active !== null),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]), WAIT_MS).catch(() => false);
}

export function timePhoneInbox(browser: Browser, baseURL: string, username: string, password: string, options: { repeatVisit: boolean }): Promise<PhoneSample> {
  return withThrottledPhone(browser, baseURL, async (page) => {
    const loginPageMs = await timed(async () => {
      await page.goto('/m/login', { waitUntil: 'commit' });
      await page.locator('[data-testid="m-sign-in"]:not([disabled])').waitFor();
    });
    await page.getByTestId('m-username').fill(username);
    await page.getByTestId('m-password').fill(password);
    const requestsToRows = { api: 0, scripts: 0 };
    const countRequest = (request: { url(): string }) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/')) requestsToRows.api += 1;
      else if (pathname.endsWith('.js')) requestsToRows.scripts += 1;
    };
    page.on('request', countRequest);
    const start = performance.now();
    await page.getByTestId('m-sign-in').tap();
    await page.locator(PHONE_INBOX_ROWS).waitFor();
    const signInToRowsMs = performance.now() - start;
    page.off('request', countRequest);
    await waitPhoneInboxInteractive(page);
    const signInToInteractiveMs = performance.now() - start;
    const inProgressCards = await page.locator('[data-testid="m-inbox-list-in_progress"] .ticket-card').count();
    // A tab whose load failed shows an alert (and the cards it had: none on a first visit).
    const inProgressFailed = await page.locator('[data-testid="m-inbox-list-in_progress"] [role="alert"]').count() > 0;
    // The repeat visit's own requests go through the service worker; its fetches to the network
    // may escape this page's throttling, so it is a lower bound of a real repeat visit.
    let repeatVisitMs: number | null = null;
    if (options.repeatVisit && await waitServiceWorkerActive(page)) {
      repeatVisitMs = await timed(async () => {
        await page.goto('/m/', { waitUntil: 'commit' });
        await waitPhoneInboxInteractive(page);
      });
    }
    return { loginPageMs, signInToRowsMs, signInToInteractiveMs, repeatVisitMs, inProgressCards, inProgressFailed, requestsToRows };
  });
}

/** The static baseline pages on the same phone profile and throttling. */
export function timeThrottledBaseline(browser: Browser, baseURL: string): Promise<ThrottledBaselineSample> {
  return withThrottledPhone(browser, baseURL, (page) => timeBaselinePages(page, 'tap'));
}
