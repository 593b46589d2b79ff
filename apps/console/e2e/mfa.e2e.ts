/**
 * Two-step verification in the console: an account turns it on from its account page by the QR
 * code's manual key, keeps the recovery codes, signs out, signs in with a code computed from that
 * key, signs in again with a recovery code, and turns it off with another recovery code.
 */
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { DEMO_PASSWORD, callApi, loginApi } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
/** No other browser test signs in as the auditor, and the demo requires no second factor of it. */
const USERNAME = 'demo-auditor';
/** Chromium logs every 4xx fetch as a console error: the deliberately wrong code's 401 is the one expected. */
const WRONG_CODE_ERRORS = [/Failed to load resource: the server responded with a status of 401/];

/** A code for the step `stepsAhead` from now (the server accepts one step either side, and no step twice). */
const codeFor = (key: string, stepsAhead = 0) => TOTP.generate({ secret: Secret.fromBase32(key), timestamp: Date.now() + stepsAhead * 30_000 });

/** A retried run finds the account enrolled by the failed attempt: an administrator resets it first. */
async function resetIfEnrolled(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { step: string | null; user: { id: string } };
  if (body.step === null) return;
  await callApi(await loginApi(baseUrl, 'demo-admin'), 'POST', `/users/${body.user.id}/reset-mfa`, { reason: 'browser test retry' });
}

describe.skipIf(!BASE_URL)('two-step verification', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('enrols with the QR code, signs in with a generated code and with a recovery code, and turns it off', async () => {
    await resetIfEnrolled(BASE_URL!);
    browser = await launchBrowser('mfa-enrol-sign-in', { baseURL: BASE_URL });
    const { page } = browser;

    const signInWithPassword = async () => {
      await page.goto('/login');
      await page.getByTestId('login-username').fill(USERNAME);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
    };
    const signOut = async () => {
      await page.getByTestId('user-menu-trigger').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);
    };

    await signInWithPassword();
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('account-security').click();
    await page.waitForURL(/\/account\/security$/);
    await expect(page.getByTestId('mfa-status').textContent()).resolves.toContain('未启用');
    await page.getByTestId('mfa-start').click();

    const qr = page.getByTestId('mfa-qr');
    await qr.waitFor();
    await page.waitForFunction(() => ((document.querySelector('[data-testid="mfa-qr"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const key = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await browser.step('enrolment');

    await page.getByTestId('mfa-enrol-code').fill(codeFor(key));
    await page.getByTestId('mfa-enrol-confirm').click();
    const codes = page.getByTestId('recovery-code');
    await page.getByTestId('recovery-codes').waitFor();
    const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('recovery-codes-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`yixian-recovery-codes-${USERNAME}.txt`);
    await browser.step('recovery codes');
    await expect(page.getByTestId('mfa-status').textContent()).resolves.toContain('已启用');
    await page.getByTestId('recovery-codes-done').click();
    await expect(page.getByTestId('mfa-codes-left').textContent()).resolves.toContain('10');

    // Sign out, then in with the password and a code the test computes from the manual key.
    await signOut();
    await signInWithPassword();
    await page.getByTestId('mfa-code-form').waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await page.getByTestId('mfa-code').fill('000000');
    await page.getByTestId('mfa-code-submit').click();
    await expect(page.getByTestId('mfa-error').textContent()).resolves.toContain('验证码错误');
    await browser.step('wrong code');
    // The enrolment used this step's code: the next step's is fresh and still within the window.
    await page.getByTestId('mfa-code').fill(codeFor(key, 1));
    await page.getByTestId('mfa-code-submit').click();
    await page.waitForURL(/\/audit$/);
    await browser.step('signed in with a code');

    // And with a recovery code.
    await signOut();
    await signInWithPassword();
    await page.getByTestId('mfa-use-recovery').click();
    await page.getByTestId('mfa-code').fill(recoveryCodes[0]!);
    await page.getByTestId('mfa-code-submit').click();
    await page.waitForURL(/\/audit$/);

    // Turn it off with another recovery code (an auditor's second factor is optional in the demo).
    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('account-security').click();
    await expect(page.getByTestId('mfa-codes-left').textContent()).resolves.toContain('9');
    await page.getByTestId('mfa-manage-code').fill(recoveryCodes[1]!);
    await page.getByTestId('mfa-disable').click();
    await page.getByTestId('mfa-start').waitFor();
    await expect(page.getByTestId('mfa-status').textContent()).resolves.toContain('未启用');
    await browser.step('turned off');
    browser.assertNoConsoleErrors(WRONG_CODE_ERRORS);
  });
});
