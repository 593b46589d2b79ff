import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `<repo>/.artifacts/screenshots`: CI keeps this folder after a run. */
export const SCREENSHOT_ROOT = resolve(fileURLToPath(new URL('../../../.artifacts/screenshots', import.meta.url)));

export interface BrowserError {
  kind: 'console' | 'warning' | 'pageerror';
  text: string;
  url: string;
}

export interface BrowserSession {
  page: Page;
  context: BrowserContext;
  /** Console errors, console warnings and uncaught exceptions seen so far, in order. */
  errors: BrowserError[];
  /** Saves `<nn>-<step>.png` for this test and returns its path. */
  step(name: string): Promise<string>;
  /**
   * Throws listing every browser error or warning not matched by `allowed`. Keep `allowed` rare and
   * say why at the call site: a warning is a bug to fix at its source (deprecated prop, Vue warning).
   */
  assertNoConsoleErrors(allowed?: RegExp[]): void;
  close(): Promise<void>;
}

function toSlug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'step';
}

/** A screen and input: the desk's by default; `PHONE_DEVICE` for the grid workers' phone app. */
export interface DeviceProfile {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
  userAgent?: string;
}

/** The centre's smallest desk screen. */
export const DESK_DEVICE: DeviceProfile = { viewport: { width: 1366, height: 768 } };

/** A common phone (390×844 CSS px, touch, device scale 3), as the phone app's tests use. */
export const PHONE_DEVICE: DeviceProfile = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
};

/**
 * Starts a fresh Chromium (new user-data-dir: no cookies, no saved language) at 1366×768, the
 * centre's smallest desk screen, or on another `device` (a phone), optionally with a granted
 * `geolocation`, and records browser errors and step screenshots for one test.
 */
export async function launchBrowser(
  testName: string,
  options: { baseURL?: string; locale?: string; device?: DeviceProfile; geolocation?: { latitude: number; longitude: number; accuracy?: number } } = {},
): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'yixian-e2e-'));
  const device = options.device ?? DESK_DEVICE;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    // Chromium names a download from its Content-Disposition in the process's character set: under
    // the POSIX locale (a CI shell without LANG) 枯树照片.png became "download". Files are UTF-8 here.
    env: { ...process.env, ...(/utf-?8/i.test(process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || '') ? {} : { LC_ALL: 'C.UTF-8' }) },
    ...device,
    locale: options.locale ?? 'zh-CN',
    baseURL: options.baseURL,
    // A phone's GPS fix, granted to the page (change it with `context.setGeolocation`).
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: BrowserError[] = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error') errors.push({ kind: 'console', text: message.text(), url: message.location().url });
    else if (type === 'warning') errors.push({ kind: 'warning', text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => errors.push({ kind: 'pageerror', text: `${error.name}: ${error.message}`, url: page.url() }));

  const folder = join(SCREENSHOT_ROOT, toSlug(testName));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  let counter = 0;

  return {
    page,
    context,
    errors,
    async step(name) {
      counter += 1;
      const file = join(folder, `${String(counter).padStart(2, '0')}-${toSlug(name)}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    assertNoConsoleErrors(allowed = []) {
      const unexpected = errors.filter((e) => !allowed.some((pattern) => pattern.test(e.text)));
      if (unexpected.length > 0) {
        throw new Error(`Browser errors:\n${unexpected.map((e) => `  [${e.kind}] ${e.text} (${e.url})`).join('\n')}`);
      }
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
