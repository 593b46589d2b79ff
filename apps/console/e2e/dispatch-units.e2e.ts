import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, createGridTicket, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser, type CreatedTicket } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
/** Three roles, two dialogs with pickers and a batch: more than the config's 60 s default. */
const FLOW_TIMEOUT_MS = 200_000;

/** As demo-agent, files a web-form ticket in grid s01g01 and leaves it for the dispatch desk (已受理). */
async function createAcceptedTicket(base: string, label: string): Promise<CreatedTicket> {
  const agent = await loginApi(base, 'demo-agent');
  const suffix = randomBytes(3).toString('hex');
  const created = await callApi<{ ticket: CreatedTicket }>(agent, 'POST', '/tickets', {
    channel: 'web', categoryId: 'city.garbage', areaId: 's01g01',
    title: `${label} ${suffix}`, description: `E2E ${label}: 小区门口垃圾堆放 (${suffix})`,
  });
  return created.ticket;
}

/** Types into a unit picker and chooses the option with `code` from the list (the only way to set a unit). */
/**
 * The option in this picker's own list: Element Plus teleports every list to <body>, and the lead
 * picker's list may still be fading out while the supporting picker's opens, both offering the unit.
 */
async function optionOf(page: Page, input: Locator, code: string): Promise<Locator> {
  const listId = await input.getAttribute('aria-controls');
  return (listId ? page.locator(`[id="${listId}"]`) : page).getByTestId(`unit-option-${code}`).filter({ visible: true });
}

async function pickUnit(page: Page, pickerTestId: string, typed: string, code: string): Promise<void> {
  const input = page.getByTestId(pickerTestId).locator('input').first();
  await input.focus();
  await input.pressSequentially(typed);
  const option = await optionOf(page, input, code);
  await option.waitFor();
  await option.click();
}

/** Closes an open picker list the way a person does: a click on the dialog's title. */
async function closePickerList(page: Page): Promise<void> {
  await page.locator('.el-dialog__header').filter({ visible: true }).click();
}

async function switchUser(page: Page, username: string): Promise<void> {
  await page.getByTestId('user-menu-trigger').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
  await loginInBrowser(page, username);
}

describe.skipIf(!BASE_URL)('dispatch with lead and supporting units', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a dispatcher finds units by pinyin and Chinese, adds supporting units, batch-dispatches and follows up from the tab', async () => {
    const base = BASE_URL as string;
    const single = await createAcceptedTicket(base, '主协办');
    const batch = [await createAcceptedTicket(base, '批量甲'), await createAcceptedTicket(base, '批量乙'), await createAcceptedTicket(base, '批量丙')];
    const changed = await createAcceptedTicket(base, '批量已合并');
    const grid = await loginApi(base, 'demo-grid');
    const replied = await createGridTicket(base, '待回访');
    for (const [action, body] of [['sign', {}], ['start', {}], ['reply', { content: '已清运' }]] as const) {
      await callApi(grid, 'POST', `/tickets/${replied.id}/${action}`, body);
    }

    browser = await launchBrowser('dispatch-units', { baseURL: base });
    const { page } = browser;
    await page.goto('/login');
    await loginInBrowser(page, 'demo-dispatcher');
    await page.goto(`/tickets/${single.id}`);
    await page.locator('[data-testid="ticket-state"][data-state="accepted"]').waitFor();

    // The lead unit: `cgj` finds 城市管理和综合执法局 (城管局) with its linkage tier; free text is never offered.
    await page.getByTestId('action-dispatch').click();
    const leadInput = page.getByTestId('form-lead-unit').locator('input').first();
    await leadInput.click();
    await leadInput.pressSequentially('没有这个单位');
    await page.getByText('没有匹配“没有这个单位”的选项，请从列表中选择').filter({ visible: true }).waitFor();
    await leadInput.fill('');
    await leadInput.pressSequentially('cgj');
    const urban = await optionOf(page, leadInput, 'urban-management');
    await urban.waitFor();
    expect(await urban.textContent()).toContain('联动1级');
    await browser.step('cgj finds the urban management bureau');
    await urban.click();
    // Two supporting units: one by Chinese, one by pinyin initials.
    await pickUnit(page, 'form-supporting-units', '生态', 'environment');
    await pickUnit(page, 'form-supporting-units', 'gtljd', 'street-s01');
    await page.getByTestId('form-supporting-units').getByText('高塘岭街道办事处').waitFor();
    await closePickerList(page);
    await browser.step('lead and supporting units chosen');
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="ticket-state"][data-state="dispatched"]').waitFor();
    await page.getByTestId('ticket-supporting-units').getByText('生态环境分局、高塘岭街道办事处').waitFor();
    const trail = page.getByTestId('ticket-trail');
    await trail.getByText('城市管理和综合执法局').first().waitFor();
    await trail.getByText('生态环境分局、高塘岭街道办事处').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('dept-urban-management');
    await browser.step('detail names the lead and supporting units');

    // A supporting unit's handler sees it in the inbox.
    await switchUser(page, 'demo-street');
    await page.goto('/inbox');
    await page.getByTestId(`ticket-link-${single.code}`).waitFor();
    // The list names the lead unit, never its id.
    const inboxRow = page.locator('tr', { has: page.getByTestId(`ticket-link-${single.code}`) }).filter({ visible: true });
    await inboxRow.getByText('城市管理和综合执法局').waitFor();
    expect(await inboxRow.textContent()).not.toContain('dept-urban-management');
    // Marked 协办: the street helps, the department leads; the header names the street, not its id.
    expect((await inboxRow.getByTestId(`ticket-supporting-${single.code}`).textContent())?.trim()).toBe('协办');
    await page.getByText('本单位：高塘岭街道办事处').waitFor();
    await browser.step('supporting unit inbox');

    // Batch dispatch: four ticked; one was merged meanwhile and is reported by code and why.
    await switchUser(page, 'demo-dispatcher');
    await page.goto('/dispatch');
    const awaiting = page.getByTestId('dispatch-list-awaiting');
    for (const ticket of [...batch, changed]) {
      const row = awaiting.locator('tr', { has: page.getByTestId(`ticket-link-${ticket.code}`) });
      await row.locator('.el-checkbox').click();
    }
    await page.getByTestId('batch-bar').getByText('已选 4 件').waitFor();
    const agent = await loginApi(base, 'demo-agent');
    await callApi(agent, 'POST', `/tickets/${changed.id}/merge`, { intoTicketId: single.id, note: '重复' });
    await page.getByTestId('batch-open').click();
    await pickUnit(page, 'batch-lead-unit', 'chengguan', 'urban-management');
    await pickUnit(page, 'batch-supporting-units', 'yueliang', 'street-s03');
    await closePickerList(page);
    await browser.step('batch dialog');
    await page.getByTestId('batch-submit').click();
    await page.getByTestId('batch-summary').getByText('派单结果：成功 3 件，失败 1 件').waitFor();
    for (const ticket of batch) await page.getByTestId(`batch-result-${ticket.code}`).getByText('已派单').waitFor();
    await page.getByTestId(`batch-result-${changed.code}`).getByText('工单已是“已合并”状态，不能派单').waitFor();
    await browser.step('batch results per ticket');
    await page.getByTestId('batch-close').click();
    for (const ticket of batch) await awaiting.getByTestId(`ticket-link-${ticket.code}`).waitFor({ state: 'detached' });

    // 待回访: the dispatcher records the follow-up and closes from the tab.
    await page.getByTestId('dispatch-tab-follow_up').click();
    await page.getByTestId(`row-follow-up-${replied.code}`).click();
    await page.getByTestId('verdict-satisfied').click();
    await browser.step('follow-up from the tab');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
    await page.getByTestId(`row-close-${replied.code}`).click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('dispatch-list-follow_up').getByTestId(`ticket-link-${replied.code}`).waitFor({ state: 'detached' });
    await page.goto(`/tickets/${replied.id}`);
    await page.locator('[data-testid="ticket-state"][data-state="closed"]').waitFor();
    await page.getByTestId('trail-follow-up').getByText('满意').first().waitFor();
    await browser.step('followed up and closed by the dispatcher');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
