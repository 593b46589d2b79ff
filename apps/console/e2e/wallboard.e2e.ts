import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { placeHotlineCall } from './pbx';

const BASE_URL = process.env.E2E_BASE_URL;
const AMI_URL = process.env.E2E_AMI_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';

describe.skipIf(!BASE_URL || !AMI_URL)('wallboard', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('counts a new 12345 call live for the shift lead, in both languages', async () => {
    browser = await launchBrowser('wallboard', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login?redirect=/wallboard');
    await page.getByTestId('login-username').fill('demo-lead');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/wallboard$/);
    await page.getByTestId('calls-offered').waitFor();
    await page.getByTestId('wallboard-agents').waitFor();
    const counter = page.getByTestId('hotline-count-12345');
    const before = (await counter.count()) > 0 ? Number(await counter.getAttribute('data-count')) : 0;
    await browser.step('wallboard before the call');

    await placeHotlineCall(AMI_URL!, '12345', { name: '李四', number: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` });
    await page.locator(`[data-testid="hotline-count-12345"][data-count="${before + 1}"]`).waitFor({ timeout: 20_000 });
    expect(Number(await counter.getAttribute('data-count'))).toBe(before + 1);
    await browser.step('call counted under 12345');

    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByText('Calls per hotline').waitFor();
    await browser.step('english');
    browser.assertNoConsoleErrors();
  });
});
