import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, createGridTicket, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser, takeAction } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
/** Several screens and a dozen server round trips: more than the config's 60 s default. */
const FLOW_TIMEOUT_MS = 150_000;

describe.skipIf(!BASE_URL)('dispatch desk', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('the dispatcher rules on a return and an extension; a replied ticket offers them follow-up and close; the shift lead follows up and closes', async () => {
    const base = BASE_URL as string;
    const grid = await loginApi(base, 'demo-grid');
    const returned = await createGridTicket(base, '退单');
    await callApi(grid, 'POST', `/tickets/${returned.id}/return`, { reasonCode: 'wrong_location', note: '地址在相邻网格' });
    const replied = await createGridTicket(base, '已回复');
    for (const [action, body] of [['sign', {}], ['start', {}], ['reply', { content: '已清运' }]] as const) {
      await callApi(grid, 'POST', `/tickets/${replied.id}/${action}`, body);
    }
    const extended = await createGridTicket(base, '延期');
    await callApi(grid, 'POST', `/tickets/${extended.id}/sign`, {});
    await callApi(grid, 'POST', `/tickets/${extended.id}/request-extension`, { days: 2, reason: '等待环卫车辆调度' });

    browser = await launchBrowser('dispatch-rulings', { baseURL: base });
    const { page } = browser;
    await page.goto('/dispatch');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-dispatcher');
    await page.waitForURL(/\/dispatch$/);

    // A return to rule on: accept it; with no unit named it goes one level up (the street office).
    await page.getByTestId('dispatch-tab-returned').click();
    const returnLink = page.getByTestId('dispatch-list-returned').getByTestId(`ticket-link-${returned.code}`);
    await returnLink.waitFor();
    await browser.step('returns to rule on');
    await returnLink.click();
    await page.locator('[data-testid="ticket-state"][data-state="returned"]').waitFor();
    await page.getByTestId('trail-return').getByText('地址不在辖区').waitFor();
    await takeAction(page, 'dispatch', 'dispatched', async () => {
      await page.getByTestId('ruling-accept').waitFor();
      await browser?.step('ruling dialog');
    });
    await page.getByTestId('ticket-trail').getByText('同意退单').waitFor();
    await page.getByTestId('ticket-trail').getByText('高塘岭街道办事处').first().waitFor();
    await browser.step('return accepted and re-dispatched');

    // An extension request: approve it.
    await page.goto('/dispatch');
    await page.getByTestId('dispatch-tab-extensions').click();
    const extensionList = page.getByTestId('dispatch-list-extensions');
    await extensionList.getByText('等待环卫车辆调度').waitFor();
    await browser.step('extension requests');
    await extensionList.getByTestId(`ticket-link-${extended.code}`).click();
    await page.locator('[data-testid="ticket-state"][data-state="signed"]').waitFor();
    expect(await page.getByTestId('action-request-extension').count()).toBe(0);
    await takeAction(page, 'approve-extension', 'signed');
    await page.getByTestId('trail-approve-extension').getByText('同意').waitFor();
    expect(await page.getByTestId('action-approve-extension').count()).toBe(0);
    await browser.step('extension approved');

    // The replied ticket waits for its follow-up call: the dispatcher is offered it too (dispatch-units.e2e.ts
    // takes it from the tab); here the shift lead makes the call.
    await page.goto('/dispatch');
    await page.getByTestId('dispatch-tab-follow_up').click();
    const followLink = page.getByTestId('dispatch-list-follow_up').getByTestId(`ticket-link-${replied.code}`);
    await followLink.waitFor();
    await browser.step('follow-up due');
    await followLink.click();
    await page.locator('[data-testid="ticket-state"][data-state="replied"]').waitFor();
    await page.getByTestId('action-follow-up').waitFor();
    await page.getByTestId('action-close').waitFor();
    await page.getByTestId('action-reopen').waitFor();

    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await loginInBrowser(page, 'demo-lead');
    await page.goto(`/tickets/${replied.id}`);
    await page.locator('[data-testid="ticket-state"][data-state="replied"]').waitFor();
    await takeAction(page, 'follow-up', 'follow_up', async () => {
      await page.getByTestId('verdict-basically_satisfied').click();
    });
    await takeAction(page, 'close', 'closed');
    await page.getByTestId('trail-follow-up').getByText('基本满意').waitFor();
    expect(await page.getByTestId('ticket-actions').getByRole('button').count()).toBe(0);
    await browser.step('followed up and closed');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
