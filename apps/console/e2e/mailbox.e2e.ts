/**
 * The mailbox in the browser: a citizen writes (with an attachment) on the public page, gets a
 * query code, the test replies through the API as the urban-management handler, and the citizen
 * looks the reply up with the code; a wrong code is answered inline. On the centre's side, a
 * dispatcher downloads the letter's attachment from the ticket page and marks the letter complex.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 150_000;
/** The wrong code's 404, which the page explains inline. */
const EXPECTED_ERRORS = [...EXPECTED_AUTH_ERRORS, /Failed to load resource: the server responded with a status of 404/];
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a6e0d5f10000000049454e44ae426082', 'hex');

describe.skipIf(!BASE_URL)('mailbox', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  /** Writes a letter about dead trees (with one PNG) on the public page and answers its query code. */
  async function writeLetter(session: BrowserSession, suffix: string, fileName: string): Promise<string> {
    const { page } = session;
    await page.goto('/mailbox');
    await page.getByTestId('mailbox-submit').waitFor();
    expect(page.url()).toMatch(/\/mailbox$/);
    await page.getByTestId('mailbox-to').getByText('区长信箱').click();
    await page.getByTestId('mailbox-name').fill('李先生');
    await page.getByTestId('mailbox-phone').fill('13912345678');
    await page.getByTestId('mailbox-category').click();
    await page.getByRole('option', { name: '绿化养护' }).click();
    await page.getByTestId('mailbox-subject').fill(`街心花园树木枯死 ${suffix}`);
    await page.getByTestId('mailbox-content').fill('街心花园十几棵行道树已枯死一个多月，无人补种，请有关部门处理。');
    await page.getByTestId('mailbox-files').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: PNG });
    await page.getByText(fileName).waitFor();
    await session.step('letter filled');

    await page.getByTestId('mailbox-submit').click();
    const codeCell = page.getByTestId('mailbox-query-code');
    await codeCell.waitFor({ timeout: 60_000 });
    const queryCode = (await codeCell.textContent())?.trim() ?? '';
    expect(queryCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await session.step('query code');
    return queryCode;
  }

  it('writes a letter, receives a code, and reads the handler’s reply with it', { timeout: FLOW_TIMEOUT_MS }, async () => {
    const base = BASE_URL as string;
    const suffix = randomBytes(3).toString('hex');
    browser = await launchBrowser('mailbox-write-lookup', { baseURL: base });
    const { page } = browser;
    const queryCode = await writeLetter(browser, suffix, 'trees.png');

    // The centre's side, through the API: the letter is a mailbox ticket led by urban management.
    const handler = await loginApi(base, 'demo-dept');
    const list = await callApi<{ items: { id: string; channel: string; title: string; leadUnitId: string }[] }>(handler, 'GET', `/tickets?q=${encodeURIComponent(suffix)}`);
    const ticket = list.items.find((item) => item.title.includes(suffix));
    expect(ticket).toMatchObject({ channel: 'mailbox', leadUnitId: 'dept-urban-management' });
    await callApi(handler, 'POST', `/tickets/${ticket!.id}/sign`, {});
    await callApi(handler, 'POST', `/tickets/${ticket!.id}/reply`, { content: `已安排园林所下周补种 (${suffix})` });
    // 回复审核: the centre approves the reply before the citizen may read it (mailbox-review.e2e.ts walks it).
    const desk = await loginApi(base, 'demo-dispatcher');
    await callApi(desk, 'POST', `/tickets/${ticket!.id}/approve-reply`, {});

    await page.getByTestId('mailbox-tab-lookup').click();
    await page.waitForURL(/\/mailbox\/lookup$/);
    await page.getByTestId('lookup-code').fill('ABCD-EFGH-JKMN');
    await page.getByTestId('lookup-submit').click();
    await expect(page.getByTestId('lookup-refusal').textContent()).resolves.toContain('未找到');
    await browser.step('wrong code');

    await page.getByTestId('lookup-code').fill(queryCode.toLowerCase());
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('lookup-reply').waitFor();
    await expect(page.getByTestId('lookup-status').textContent()).resolves.toContain('已答复');
    await expect(page.getByTestId('lookup-reply').textContent()).resolves.toContain(`已安排园林所下周补种 (${suffix})`);
    await browser.step('reply shown');
    browser.assertNoConsoleErrors(EXPECTED_ERRORS);
  });

  it('a dispatcher downloads the letter’s attachment from the ticket page and marks the letter complex', { timeout: FLOW_TIMEOUT_MS }, async () => {
    const base = BASE_URL as string;
    const suffix = randomBytes(3).toString('hex');
    browser = await launchBrowser('mailbox-attachment-complex', { baseURL: base });
    const { page } = browser;
    await writeLetter(browser, suffix, '枯树照片.png');

    const dispatcher = await loginApi(base, 'demo-dispatcher');
    const list = await callApi<{ items: { id: string; title: string }[] }>(dispatcher, 'GET', `/tickets?q=${encodeURIComponent(suffix)}`);
    const ticketId = list.items.find((item) => item.title.includes(suffix))!.id;
    await page.goto(`/tickets/${ticketId}`);
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-dispatcher');
    await page.getByTestId('ticket-detail').waitFor();
    await page.locator('[data-testid="ticket-state"][data-state="dispatched"]').waitFor();

    // The attachment: a link that saves the file under its Chinese name, bytes unchanged.
    const link = page.getByTestId('letter-attachments').getByText('枯树照片.png');
    await link.waitFor();
    await browser.step('attachment listed');
    const downloading = page.waitForEvent('download');
    await link.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('枯树照片.png');
    expect((await readFile(await download.path())).equals(PNG)).toBe(true);

    // 复杂件: a reason, then the tag, the trail entry, and no second offer.
    await page.getByTestId('action-mark-complex').click();
    await page.getByTestId('form-complex-hint').waitFor();
    await page.getByTestId('form-reason').fill('涉及园林、街道两家单位，需现场勘查');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('ticket-complex').waitFor();
    await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
    await page.getByTestId('trail-mark-complex').waitFor();
    expect(await page.getByTestId('action-mark-complex').count()).toBe(0);
    await browser.step('marked complex');
    const detail = await callApi<{ complex: boolean; handleDueAt: string }>(dispatcher, 'GET', `/tickets/${ticketId}`);
    expect(detail.complex).toBe(true);
    browser.assertNoConsoleErrors(EXPECTED_ERRORS);
  });
});
