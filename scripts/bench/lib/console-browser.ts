/**
 * The console benchmark's browser side: Debian's Chromium driven by playwright-core, one fresh
 * context per sample (empty HTTP cache, no cookies, the desk's 1366×768), every wait on a
 * selector with a bound. Times are taken in this process around the user's action and the wait,
 * the same way for the console and for the static baseline pages.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../lib/chromium.js';
import { BASELINE_PAGES } from './console-assets.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT_MS = 60_000;

/**
 * The agent desk is interactive when the agent can act: the state bar's Ready button is enabled,
 * the queue strip shows the live queue (the agent's own state comes from that snapshot) and the
 * live socket is open (screen pops will arrive). The benchmark's agent stays logged out of the
 * queue, so Ready stays enabled.
 */
export const DESK_INTERACTIVE = '[data-testid="agent-desk"]'
  + ':has([data-testid="go-ready"]:not([disabled]))'
  + ':has([data-testid="queue-waiting"])'
  + ':has([data-testid="live-status"][data-status="open"])';

/** An inbox tab showing its loaded list: rows or the empty table, no skeleton. */
const inboxTabShown = (tab: string) => `[data-testid="inbox-list-${tab}"]:has(tr.el-table__row, .el-table__empty-block):not(:has(.el-skeleton))`;

export interface DeskSample {
  /** Navigation to /login → the sign-in button enabled. */
  loginPageMs: number;
  /** Click on sign in → the desk interactive. */
  loginToDeskMs: number;
  /** Scripts the page had fetched once the desk was interactive (entry, preloads, lazy routes). */
  scriptsLoaded: number;
  scriptBytes: number;
}

export interface InboxSample {
  /** Click on sign in → the handler's "to sign" tab showing its rows (six list queries). */
  loginToRowsMs: number;
  /** Click on the "in progress" tab (a state filter; loaded with the others) → its rows shown. */
  tabToRowsMs: number;
  toSignRows: number;
  inProgressRows: number;
}

export interface BaselineSample {
  /** Navigation to the static login page → its submit button shown. */
  pageMs: number;
  /** Click on submit → the second static page's button shown. */
  submitToPageMs: number;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

async function withFreshPage<T>(browser: Browser, baseURL: string, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT_MS);
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

async function timed(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return performance.now() - start;
}

/** Opens the console's login page (redirecting to `target`) and fills the form; returns the page's time. */
async function openLogin(page: Page, target: string, username: string, password: string): Promise<number> {
  const ms = await timed(async () => {
    await page.goto(`/login?redirect=${target}`, { waitUntil: 'commit' });
    await page.locator('[data-testid="login-submit"]:not([disabled])').waitFor();
  });
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  return ms;
}

export function timeDesk(browser: Browser, baseURL: string, username: string, password: string): Promise<DeskSample> {
  return withFreshPage(browser, baseURL, async (page) => {
    const loginPageMs = await openLogin(page, '/desk', username, password);
    const loginToDeskMs = await timed(async () => {
      await page.getByTestId('login-submit').click();
      await page.locator(DESK_INTERACTIVE).waitFor();
    });
    // Runs in the page: resource entries carry decodedBodySize (the script's bytes as run).
    const scripts = await page.evaluate(() => (performance.getEntriesByType('resource') as unknown as Array<{ name: string; decodedBodySize: number }>)
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => entry.decodedBodySize));
    return { loginPageMs, loginToDeskMs, scriptsLoaded: scripts.length, scriptBytes: scripts.reduce((a, b) => a + b, 0) };
  });
}

export function timeInbox(browser: Browser, baseURL: string, username: string, password: string): Promise<InboxSample> {
  return withFreshPage(browser, baseURL, async (page) => {
    await openLogin(page, '/inbox', username, password);
    const loginToRowsMs = await timed(async () => {
      await page.getByTestId('login-submit').click();
      await page.locator(inboxTabShown('to_sign')).waitFor();
    });
    const tabToRowsMs = await timed(async () => {
      await page.getByTestId('inbox-tab-in_progress').click();
      await page.locator(inboxTabShown('in_progress')).waitFor();
    });
    const rows = (tab: string) => page.locator(`[data-testid="inbox-list-${tab}"] tr.el-table__row`).count();
    return { loginToRowsMs, tabToRowsMs, toSignRows: await rows('to_sign'), inProgressRows: await rows('in_progress') };
  });
}

/** The two static pages on `page`: the login form ready, then submit (a click, or a tap on a phone) → the next page ready. */
export async function timeBaselinePages(page: Page, press: 'click' | 'tap'): Promise<BaselineSample> {
  const pageMs = await timed(async () => {
    await page.goto(BASELINE_PAGES.login, { waitUntil: 'commit' });
    await page.locator('[data-testid="baseline-submit"]:not([disabled])').waitFor();
  });
  await page.getByTestId('baseline-username').fill('baseline');
  await page.getByTestId('baseline-password').fill('baseline');
  const submitToPageMs = await timed(async () => {
    await page.getByTestId('baseline-submit')[press]();
    await page.locator('[data-testid="baseline-ready"]:not([disabled])').waitFor();
  });
  return { pageMs, submitToPageMs };
}

export function timeBaseline(browser: Browser, baseURL: string): Promise<BaselineSample> {
  return withFreshPage(browser, baseURL, (page) => timeBaselinePages(page, 'click'));
}
