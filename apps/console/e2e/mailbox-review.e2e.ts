/**
 * 回复审核: a citizen writes to the mailbox; the unit's reply waits for the centre; the dispatcher
 * sends it back with a reason, the handler reads the reason in the inbox and replies again, the
 * dispatcher approves, and only then does the citizen's lookup show the reply.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, loginApi, loginInBrowser, takeAction } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const FLOW_TIMEOUT_MS = 240_000;

describe.skipIf(!BASE_URL)('mailbox reply review', () => {
  const sessions: BrowserSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
  });

  async function lookUp(citizen: BrowserSession, queryCode: string): Promise<void> {
    const { page } = citizen;
    await page.goto('/mailbox/lookup');
    await page.getByTestId('lookup-code').fill(queryCode);
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('lookup-result').waitFor();
  }

  it('a reply sent back with a reason, replied again and approved, reaches the citizen only then', { timeout: FLOW_TIMEOUT_MS }, async () => {
    const base = BASE_URL as string;
    const suffix = randomBytes(3).toString('hex');
    const citizen = await launchBrowser('mailbox-review-citizen', { baseURL: base });
    sessions.push(citizen);
    const { page } = citizen;

    await page.goto('/mailbox');
    await page.getByTestId('mailbox-to').getByText('区长信箱').click();
    await page.getByTestId('mailbox-name').fill('赵女士');
    await page.getByTestId('mailbox-phone').fill('13812345678');
    await page.getByTestId('mailbox-category').click();
    await page.getByRole('option', { name: '绿化养护' }).click();
    await page.getByTestId('mailbox-subject').fill(`小区绿地被占用 ${suffix}`);
    await page.getByTestId('mailbox-content').fill('小区中心绿地被人圈起来种菜，请有关部门处理。');
    await page.getByTestId('mailbox-submit').click();
    const codeCell = page.getByTestId('mailbox-query-code');
    await codeCell.waitFor({ timeout: 60_000 });
    const queryCode = (await codeCell.textContent())?.trim() ?? '';
    await citizen.step('letter written');

    // The unit signs and replies (its first reply).
    const handlerApi = await loginApi(base, 'demo-dept');
    const list = await callApi<{ items: { id: string; code: string; title: string }[] }>(handlerApi, 'GET', `/tickets?q=${encodeURIComponent(suffix)}`);
    const ticket = list.items.find((item) => item.title.includes(suffix))!;
    await callApi(handlerApi, 'POST', `/tickets/${ticket.id}/sign`, {});
    await callApi(handlerApi, 'POST', `/tickets/${ticket.id}/reply`, { content: `已联系物业 (${suffix})` });

    await lookUp(citizen, queryCode);
    await expect(page.getByTestId('lookup-status').textContent()).resolves.toContain('办理中');
    await page.getByTestId('lookup-no-reply').waitFor();
    await citizen.step('lookup shows no reply yet');

    // The dispatcher sends it back with a reason from the 回复审核 tab.
    const desk = await launchBrowser('mailbox-review-dispatcher', { baseURL: base });
    sessions.push(desk);
    await desk.page.goto('/login');
    await loginInBrowser(desk.page, 'demo-dispatcher');
    await desk.page.goto('/dispatch');
    await desk.page.getByTestId('dispatch-tab-reply_review').click();
    const replyText = desk.page.getByTestId(`reply-review-text-${ticket.code}`);
    await expect(replyText.textContent()).resolves.toContain(`已联系物业 (${suffix})`);
    await desk.step('reply waiting for review');
    await desk.page.getByTestId(`reply-review-send-back-${ticket.code}`).click();
    await desk.page.getByTestId('reply-review-reason').fill('请写明处理结果和时间');
    await desk.page.getByTestId('reply-review-send-back-confirm').click();
    await replyText.waitFor({ state: 'detached' });
    await desk.step('reply sent back');

    // The handler sees the reason in the inbox and replies again from the ticket.
    const handler = await launchBrowser('mailbox-review-handler', { baseURL: base });
    sessions.push(handler);
    await handler.page.goto('/login');
    await loginInBrowser(handler.page, 'demo-dept');
    await handler.page.goto('/inbox');
    const sentBack = handler.page.getByTestId(`inbox-sent-back-${ticket.code}`);
    await expect(sentBack.textContent()).resolves.toContain('请写明处理结果和时间');
    await handler.step('sent back with the reason');
    await sentBack.getByRole('link', { name: ticket.code }).click();
    await takeAction(handler.page, 'reply', 'reply_review', async () => {
      await handler.page.getByTestId('form-content').fill(`绿地已于本周恢复 (${suffix})`);
    });
    await handler.step('replied again');

    // The dispatcher approves; the citizen now reads the approved reply.
    await desk.page.getByTestId('dispatch-refresh').click();
    await desk.page.getByTestId(`reply-review-approve-${ticket.code}`).click();
    await desk.page.getByTestId(`reply-review-text-${ticket.code}`).waitFor({ state: 'detached' });
    await desk.step('reply approved');

    await lookUp(citizen, queryCode);
    await page.getByTestId('lookup-reply').waitFor();
    await expect(page.getByTestId('lookup-status').textContent()).resolves.toContain('已答复');
    await expect(page.getByTestId('lookup-reply').textContent()).resolves.toContain(`绿地已于本周恢复 (${suffix})`);
    await citizen.step('approved reply shown');

    for (const session of sessions) session.assertNoConsoleErrors();
  });
});
