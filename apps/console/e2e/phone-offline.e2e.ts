/**
 * The phone app without signal (`/m/`, issue 15 part 6) on a phone profile: a patrol report made
 * with the context offline is kept (待发送 1) and, once the signal returns, filed exactly once with
 * its photo; a reply written offline on a ticket that is then returned and sent back (re-dispatched)
 * is refused on reconnection with the reason in words and kept for the worker to redo or drop, while
 * one written before a mere reminder goes; the
 * inbox and an opened ticket are readable offline after one online visit, even after the app is
 * opened again without signal ("离线，显示的是 HH:mm 的内容").
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE_DEVICE, type BrowserSession } from './browser';
import { signInOnPhone } from './phone-fixtures';
import { SITE_PHOTO } from './file-fixtures';
import { callApi, createGridTicket, EXPECTED_AUTH_ERRORS, loginApi } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 150_000;
const IN_S01G01 = { latitude: 28.565, longitude: 112.70875, accuracy: 12 };
/** What Chromium logs for the requests that fail while the context is offline (polls, the live socket). */
const OFFLINE_ERRORS = [/ERR_INTERNET_DISCONNECTED/, /WebSocket/i, /Failed to fetch/];

interface TrailEntry { action: string; attachments?: unknown[]; data?: { content?: string } }
interface Ticket { id: string; code: string; state: string; trail: TrailEntry[] }

const uniqueText = (words: string) => `${words} ${randomBytes(3).toString('hex')}`;

async function findTickets(words: string): Promise<Array<{ id: string }>> {
  const grid = await loginApi(BASE_URL as string, 'demo-grid');
  const page = await callApi<{ items: Array<{ id: string }> }>(grid, 'GET', `/tickets?q=${encodeURIComponent(words)}`);
  return page.items;
}

describe.skipIf(!BASE_URL)('phone app offline', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a report made offline waits (待发送 1) and is filed exactly once when the signal returns', async () => {
    browser = await launchBrowser('phone-offline-report', { baseURL: BASE_URL, device: PHONE_DEVICE, geolocation: IN_S01G01 });
    const { page, context } = browser;
    await signInOnPhone(page);
    await page.getByTestId('m-tab-m-report').tap();
    await expect(page.getByTestId('m-report-area').textContent()).resolves.toContain('高塘岭街道第1网格');
    const description = uniqueText('桥下垃圾堆放无人清运');
    await page.getByTestId('m-report-description').fill(description);
    await expect.poll(() => page.getByTestId('m-report-category').inputValue()).toBe('city.garbage');
    await page.getByTestId('m-report-photos-input').setInputFiles([{ name: 'found.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO }]);
    await expect.poll(() => page.getByTestId('m-report-photos-item').count()).toBe(1);

    await context.setOffline(true);
    await page.getByTestId('m-offline').waitFor();
    await page.getByTestId('m-report-submit').tap();
    await expect(page.getByTestId('m-report-queued').textContent()).resolves.toContain('已存入待发送');
    await expect(page.getByTestId('m-tab-m-outbox').textContent()).resolves.toContain('待发送');
    await expect(page.getByTestId('m-outbox-count').textContent()).resolves.toBe('1');
    await page.getByTestId('m-tab-m-outbox').tap();
    const item = page.getByTestId('m-outbox-item');
    await expect(item.textContent()).resolves.toContain(description);
    await expect(item.getByTestId('m-outbox-state').textContent()).resolves.toContain('等待发送');
    await expect(item.textContent()).resolves.toContain('1 张照片');
    await browser.step('report waiting offline');
    expect(await findTickets(description)).toHaveLength(0);

    await context.setOffline(false);
    await page.getByTestId('m-outbox-empty').waitFor({ timeout: 30_000 });
    await page.getByTestId('m-tab-m-outbox').waitFor({ state: 'detached' });
    await browser.step('report sent');
    const found = await findTickets(description);
    expect(found).toHaveLength(1);
    const ticket = await callApi<Ticket>(await loginApi(BASE_URL as string, 'demo-grid'), 'GET', `/tickets/${found[0]!.id}`);
    expect(ticket.trail.find((entry) => entry.action === 'create')?.attachments).toHaveLength(1);
    // Sending again (the app's start, another online event) finds nothing left to send.
    await page.reload();
    await page.getByTestId('m-outbox-empty').waitFor();
    expect(await findTickets(description)).toHaveLength(1);
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, ...OFFLINE_ERRORS]);
  }, FLOW_TIMEOUT_MS);

  it('a reply queued offline on a ticket returned and sent back meanwhile is refused in words and kept', async () => {
    const base = BASE_URL as string;
    const created = await createGridTicket(base, '离线回复');
    browser = await launchBrowser('phone-offline-reply', { baseURL: base, device: PHONE_DEVICE });
    const { page, context } = browser;
    await signInOnPhone(page);
    await page.getByTestId('m-inbox-list-to_sign').getByTestId(`m-ticket-${created.code}`).tap();
    await page.waitForURL((url) => url.pathname === `/m/tickets/${created.id}`);
    await page.getByTestId('m-action-sign').tap();
    await page.getByTestId('m-sheet-confirm').tap();
    await page.locator('[data-testid="m-ticket-state"][data-state="signed"]').waitFor();
    await page.getByTestId('m-sheet').waitFor({ state: 'detached' });

    await context.setOffline(true);
    await page.getByTestId('m-offline').waitFor();
    await page.getByTestId('m-action-reply').tap();
    await page.getByTestId('m-form-content').fill('已清运完毕（离线写下）');
    await page.getByTestId('m-sheet-confirm').tap();
    await page.getByTestId('m-sheet').waitFor({ state: 'detached' });
    await page.getByText('已存入待发送，有信号时自动发送').waitFor();
    await browser.step('reply kept offline');

    // Meanwhile the ticket is returned and the desk sends it back to the grid: not the ticket the reply was written on.
    const grid = await loginApi(base, 'demo-grid');
    await callApi(grid, 'POST', `/tickets/${created.id}/return`, { reasonCode: 'not_our_remit', note: '不归本网格' });
    await callApi(await loginApi(base, 'demo-dispatcher'), 'POST', `/tickets/${created.id}/dispatch`, { ruling: 'reject' });

    await page.goBack();
    await page.getByTestId('m-tab-m-outbox').tap();
    await page.getByTestId('m-outbox-item').waitFor();
    await expect(page.getByTestId('m-outbox-item').textContent()).resolves.toContain(`回复工单 ${created.code}`);
    await context.setOffline(false);
    const state = page.getByTestId('m-outbox-item').getByTestId('m-outbox-state');
    await page.locator('[data-testid="m-outbox-item"][data-state="refused"]').waitFor({ timeout: 30_000 });
    await expect(state.textContent()).resolves.toContain('工单在您写下回复后已有变化（现为“已派单”），回复没有提交');
    await page.getByTestId('m-outbox-open').waitFor();
    await page.getByTestId('m-outbox-remove').waitFor();
    await expect(page.getByTestId('m-outbox-count').textContent()).resolves.toBe('1');
    await browser.step('reply refused and kept');
    const ticket = await callApi<Ticket>(grid, 'GET', `/tickets/${created.id}`);
    expect(ticket.state).toBe('dispatched');
    expect(ticket.trail.some((entry) => entry.action === 'reply')).toBe(false);

    // Dropped by the worker: nothing left.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('m-outbox-remove').tap();
    await page.getByTestId('m-outbox-empty').waitFor();
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, ...OFFLINE_ERRORS]);
  }, FLOW_TIMEOUT_MS);

  it('a reply queued offline goes when only a reminder came meanwhile: the ticket is as the worker saw it', async () => {
    const base = BASE_URL as string;
    const created = await createGridTicket(base, '离线回复催办');
    const grid = await loginApi(base, 'demo-grid');
    await callApi(grid, 'POST', `/tickets/${created.id}/sign`, {});
    browser = await launchBrowser('phone-offline-reply-reminded', { baseURL: base, device: PHONE_DEVICE });
    const { page, context } = browser;
    await signInOnPhone(page);
    await page.getByTestId('m-inbox-tab-in_progress').tap();
    await page.getByTestId('m-inbox-list-in_progress').getByTestId(`m-ticket-${created.code}`).tap();
    await page.locator('[data-testid="m-ticket-state"][data-state="signed"]').waitFor();

    await context.setOffline(true);
    await page.getByTestId('m-offline').waitFor();
    await page.getByTestId('m-action-reply').tap();
    await page.getByTestId('m-form-content').fill('已清运完毕（催办前写下）');
    await page.getByTestId('m-sheet-confirm').tap();
    await page.getByText('已存入待发送，有信号时自动发送').waitFor();
    // The desk reminds the grid meanwhile: a side act that changes nothing the reply relied on.
    await callApi(await loginApi(base, 'demo-dispatcher'), 'POST', `/tickets/${created.id}/remind`, { note: '请尽快办理' });

    await page.goBack();
    await page.getByTestId('m-tab-m-outbox').tap();
    await page.getByTestId('m-outbox-item').waitFor();
    await context.setOffline(false);
    await page.getByTestId('m-outbox-empty').waitFor({ timeout: 30_000 });
    await browser.step('reply sent after a reminder');
    const ticket = await callApi<Ticket>(grid, 'GET', `/tickets/${created.id}`);
    expect(ticket.state).toBe('replied');
    expect(ticket.trail.filter((entry) => entry.action === 'reply').map((entry) => entry.data?.content)).toEqual(['已清运完毕（催办前写下）']);
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, ...OFFLINE_ERRORS]);
  }, FLOW_TIMEOUT_MS);

  it('the inbox and an opened ticket are readable offline after one online visit, the app opened again without signal', async () => {
    const base = BASE_URL as string;
    const created = await createGridTicket(base, '离线查看');
    browser = await launchBrowser('phone-offline-read', { baseURL: base, device: PHONE_DEVICE });
    const { page, context } = browser;
    await signInOnPhone(page);
    const card = page.getByTestId('m-inbox-list-to_sign').getByTestId(`m-ticket-${created.code}`);
    await card.tap();
    await page.getByTestId('m-ticket-title').waitFor();
    await page.goBack();
    await card.waitFor();
    // The service worker has the app's shell.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('m-offline-copy').textContent()).resolves.toMatch(/^离线，显示的是 \d{2}:\d{2} 的内容$/);
    await card.waitFor();
    await browser.step('inbox offline');
    await card.tap();
    await expect(page.getByTestId('m-ticket-title').textContent()).resolves.toContain('离线查看');
    await page.getByTestId('m-offline-copy').waitFor();
    await browser.step('ticket offline');
    await context.setOffline(false);
    browser.assertNoConsoleErrors([...EXPECTED_AUTH_ERRORS, ...OFFLINE_ERRORS]);
  }, FLOW_TIMEOUT_MS);
});
