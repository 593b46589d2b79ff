/**
 * 现场核查 on the phone (`/m/`, issue 15 part 4) on a phone profile, positioned in grid s01g01: the
 * urban management bureau replies to a missing manhole cover of the grid (a category with the
 * on-site check on), and the grid worker finds it under 待核查. A check that fails is stopped in
 * words until it has a verdict, a reason and a photo, then goes: the ticket is back with the
 * bureau (重办) and the trail shows 现场核查 不通过 with the reason and the photo. A check that passes,
 * made without signal, waits in 待发送 and is sent exactly once when the signal returns.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE_DEVICE, type BrowserSession } from './browser';
import { signInOnPhone } from './phone-fixtures';
import { SITE_PHOTO } from './file-fixtures';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 150_000;
const IN_S01G01 = { latitude: 28.565, longitude: 112.70875, accuracy: 12 };
/** What Chromium logs for the requests that fail while the context is offline (polls, the live socket). */
const OFFLINE_ERRORS = [/ERR_INTERNET_DISCONNECTED/, /WebSocket/i, /Failed to fetch/];

interface TrailEntry { action: string; reason: string | null; data?: { verdict?: string; inGrid?: boolean }; attachments?: unknown[] }
interface Ticket { id: string; code: string; state: string; trail: TrailEntry[] }

/** A missing manhole cover in s01g01, dispatched to the urban management bureau and replied by it: waiting for the grid's check. */
async function createVerifyingTicket(base: string, label: string): Promise<Ticket> {
  const suffix = randomBytes(3).toString('hex');
  const agent = await loginApi(base, 'demo-agent');
  const { ticket } = await callApi<{ ticket: Ticket }>(agent, 'POST', '/tickets', {
    channel: 'web', categoryId: 'city.manhole', areaId: 's01g01', title: `${label} ${suffix}`, description: `E2E ${label}：一村东门井盖缺失 (${suffix})`,
  });
  await callApi(await loginApi(base, 'demo-dispatcher'), 'POST', `/tickets/${ticket.id}/dispatch`, { unitId: 'dept-urban-management' });
  const bureau = await loginApi(base, 'demo-dept');
  await callApi(bureau, 'POST', `/tickets/${ticket.id}/sign`, {});
  const replied = await callApi<Ticket>(bureau, 'POST', `/tickets/${ticket.id}/reply`, { content: '井盖已补装完毕' });
  if (replied.state !== 'verifying') throw new Error(`expected the reply to wait for the grid's check, got ${replied.state}`);
  return replied;
}

/** From the inbox's 待核查 tab to the ticket's page. */
async function openFromToVerify(page: Page, ticket: Ticket): Promise<void> {
  await page.getByTestId('m-inbox-tab-to_verify').tap();
  const card = page.getByTestId('m-inbox-list-to_verify').getByTestId(`m-ticket-${ticket.code}`);
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('待核查');
  await card.tap();
  await page.waitForURL((url) => url.pathname === `/m/tickets/${ticket.id}`);
  await page.locator('[data-testid="m-ticket-state"][data-state="verifying"]').waitFor();
}

describe.skipIf(!BASE_URL)('on-site check on the phone', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a failed check needs a verdict, a reason and a photo, then sends the ticket back to the bureau', async () => {
    const base = BASE_URL as string;
    const created = await createVerifyingTicket(base, '核查不通过');
    browser = await launchBrowser('phone-verify-failed', { baseURL: base, device: PHONE_DEVICE, geolocation: IN_S01G01 });
    const { page } = browser;
    await signInOnPhone(page);
    await expect(page.getByTestId('m-inbox-tab-to_verify').textContent()).resolves.toContain('待核查');
    // A grid worker has five tabs: on a 390 px phone they stay in one row (the strip scrolls sideways), none wrapped below.
    const tabTops = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
    expect(tabTops).toHaveLength(5);
    expect(new Set(tabTops).size).toBe(1);
    // The desk watches it meanwhile: listed under 待现场核查 (what the tab's query asks the API).
    const waiting = await callApi<{ items: Array<{ id: string }> }>(await loginApi(base, 'demo-dispatcher'), 'GET', '/tickets?state=verifying&pageSize=100');
    expect(waiting.items.map((item) => item.id)).toContain(created.id);
    await openFromToVerify(page, created);
    await page.getByTestId('m-ticket-trail').getByTestId('m-trail-reply').getByText('井盖已补装完毕').waitFor();
    await browser.step('ticket waiting for the check');

    await page.getByTestId('m-action-verify').tap();
    await page.getByTestId('m-verify-sheet').waitFor();
    await page.getByTestId('m-report-accuracy').getByText('定位精度约 12 米').waitFor();
    await page.getByTestId('m-verify-confirm').tap();
    await page.getByTestId('m-verify-sheet').getByText('请选择通过或不通过').waitFor();
    await page.getByTestId('m-verify-failed').tap();
    await page.getByTestId('m-verify-confirm').tap();
    await page.getByTestId('m-verify-sheet').getByText('不通过时请写明原因').waitFor();
    await page.getByTestId('m-verify-note').fill('井盖仍缺失，现场只有围挡');
    await page.getByTestId('m-verify-confirm').tap();
    await page.getByTestId('m-verify-photo-error').getByText('请至少拍一张现场照片').waitFor();
    await browser.step('a check stopped in words');
    await page.getByTestId('m-verify-photos-input').setInputFiles([{ name: '井盖现场.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO }]);
    await expect.poll(() => page.getByTestId('m-verify-photos-item').count()).toBe(1);
    await page.getByTestId('m-verify-confirm').tap();

    const state = page.locator('[data-testid="m-ticket-state"][data-state="reopened"]');
    await state.waitFor();
    await expect(state.textContent()).resolves.toBe('重办');
    const check = page.getByTestId('m-ticket-trail').getByTestId('m-trail-verify');
    await expect(check.getByTestId('m-trail-verdict').textContent()).resolves.toBe('不通过');
    await check.getByText('井盖仍缺失，现场只有围挡').waitFor();
    await check.getByTestId('m-trail-photo').locator('img').waitFor();
    await page.getByText('核查已提交').waitFor();
    // No longer the worker's to check: the action is gone.
    expect(await page.getByTestId('m-action-verify').count()).toBe(0);
    await browser.step('check failed, ticket back with the bureau');

    const ticket = await callApi<Ticket>(await loginApi(base, 'demo-dept'), 'GET', `/tickets/${created.id}`);
    expect(ticket.state).toBe('reopened');
    const entry = ticket.trail.find((event) => event.action === 'verify');
    expect(entry).toMatchObject({ reason: '井盖仍缺失，现场只有围挡', data: { verdict: 'failed', inGrid: true } });
    expect(entry?.attachments).toHaveLength(1);
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('a passed check made without signal waits in 待发送 and is sent exactly once when the signal returns', async () => {
    const base = BASE_URL as string;
    const created = await createVerifyingTicket(base, '核查离线');
    browser = await launchBrowser('phone-verify-offline', { baseURL: base, device: PHONE_DEVICE, geolocation: IN_S01G01 });
    const { page, context } = browser;
    await signInOnPhone(page);
    await openFromToVerify(page, created);

    await context.setOffline(true);
    await page.getByTestId('m-offline').waitFor();
    await page.getByTestId('m-action-verify').tap();
    await page.getByTestId('m-verify-passed').tap();
    await page.getByTestId('m-verify-note').fill('现场已补装新井盖');
    await page.getByTestId('m-verify-photos-input').setInputFiles([{ name: '新井盖.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO }]);
    await page.getByTestId('m-report-accuracy').waitFor();
    await page.getByTestId('m-verify-confirm').tap();
    await page.getByTestId('m-verify-sheet').waitFor({ state: 'detached' });
    await page.getByText('已存入待发送，有信号时自动发送').waitFor();
    // The ticket page has its action bar in place of the tabs: back to the inbox, then 待发送.
    await page.goBack();
    await page.getByTestId('m-tab-m-outbox').tap();
    const item = page.getByTestId('m-outbox-item');
    await expect(item.textContent()).resolves.toContain(`核查工单 ${created.code}`);
    await expect(item.textContent()).resolves.toContain('通过：现场已补装新井盖');
    await browser.step('check kept offline');

    await context.setOffline(false);
    await page.getByTestId('m-outbox-empty').waitFor({ timeout: 30_000 });
    await browser.step('check sent');
    const ticket = await callApi<Ticket>(await loginApi(base, 'demo-grid'), 'GET', `/tickets/${created.id}`);
    expect(ticket.state).toBe('replied');
    const checks = ticket.trail.filter((event) => event.action === 'verify');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ reason: '现场已补装新井盖', data: { verdict: 'passed', inGrid: true } });
    expect(checks[0]?.attachments).toHaveLength(1);
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, ...OFFLINE_ERRORS]);
  }, FLOW_TIMEOUT_MS);
});
