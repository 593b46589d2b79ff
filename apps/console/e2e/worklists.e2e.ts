import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { openAmi } from './pbx';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { callApi, EXPECTED_AUTH_ERRORS, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const AMI_URL = process.env.E2E_AMI_URL;
const DATABASE_URL = process.env.E2E_DATABASE_URL;
/** Two calls through the simulator and a dozen round trips. */
const FLOW_TIMEOUT_MS = 180_000;
/** A hotline no other browser test dials; closed for the after-hours part. */
const CLOSED_HOTLINE = '12318';

const randomMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A citizen calls a hotline and hangs up after `patienceS` (the simulator's Wait), unanswered. */
async function placeCall(hotline: string, number: string, patienceS: number): Promise<void> {
  const ami = await openAmi(AMI_URL!);
  try {
    const answer = await ami.send({ Action: 'Originate', Channel: `Local/${hotline}@hotline-in`, Application: 'Wait', Data: String(patienceS), CallerID: `"市民" <${number}>`, Async: 'true' });
    if (answer.Response !== 'Success') throw new Error(`Originate refused: ${answer.Message ?? answer.Response}`);
  } finally {
    ami.close();
  }
}

/** Closes or reopens a hotline on the simulator (its callers then reach the after-hours menu). */
async function setClosed(hotline: string, closed: boolean): Promise<void> {
  const ami = await openAmi(AMI_URL!);
  try {
    const answer = await ami.send({ Action: 'YixianSimHours', Hotline: hotline, Closed: String(closed) });
    if (answer.Response !== 'Success') throw new Error(`YixianSimHours refused: ${answer.Message ?? answer.Response}`);
  } finally {
    ami.close();
  }
}

describe.skipIf(!BASE_URL || !AMI_URL)('worklists', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await setClosed(CLOSED_HOTLINE, false).catch(() => undefined);
    await browser?.close();
    browser = undefined;
  });

  it('the agent calls back an abandoned call and an after-hours request, follows up a replied ticket, and reveals a number', async () => {
    const base = BASE_URL as string;
    const abandoning = randomMobile();
    const afterHours = randomMobile();
    const citizen = randomMobile();

    // A replied ticket to follow up: filed on 12319 with the citizen's number, handled by the grid.
    const agentApi = await loginApi(base, 'demo-agent');
    const suffix = randomBytes(3).toString('hex');
    const { ticket } = await callApi<{ ticket: { id: string; code: string } }>(agentApi, 'POST', '/tickets', {
      channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', callerNumber: citizen,
      title: `回访 ${suffix}`, description: `E2E 回访：一村东门垃圾堆放未清运 (${suffix})`, dispatch: true,
    });
    const grid = await loginApi(base, 'demo-grid');
    for (const [action, body] of [['sign', {}], ['start', {}], ['reply', { content: '垃圾已全部清运，已安排每日巡查' }]] as const) {
      await callApi(grid, 'POST', `/tickets/${ticket.id}/${action}`, body);
    }
    const { leadUnitName } = await callApi<{ leadUnitName: string }>(agentApi, 'GET', `/tickets/${ticket.id}`);

    // An abandoned call on 12369, and an after-hours callback request on the closed line.
    await placeCall('12369', abandoning, 2);
    await setClosed(CLOSED_HOTLINE, true);
    await placeCall(CLOSED_HOTLINE, afterHours, 30);

    browser = await launchBrowser('worklists', { baseURL: base });
    const { page } = browser;
    await page.goto('/worklists');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-agent');
    await page.waitForURL(/\/worklists$/);
    await page.getByTestId('worklist-rules').getByText('最多尝试 3 次').waitFor();

    // 回访: the replied ticket with its unit's name and reply.
    const followUps = page.getByTestId('follow-up-list');
    const followRow = followUps.locator('tr', { hasText: ticket.code });
    await followRow.waitFor();
    await followRow.getByText('垃圾已全部清运').waitFor();
    await followRow.getByText(leadUnitName).first().waitFor();
    expect(await followRow.textContent()).not.toContain(citizen);
    await browser.step('follow-up list');

    // The reveal button asks for a reason, then shows the number here only.
    await followRow.getByTestId('reveal-button').click();
    const dialog = page.getByTestId('reveal-dialog');
    await page.getByTestId('reveal-reason').fill('核对');
    expect(await page.getByTestId('reveal-confirm').isDisabled()).toBe(true);
    await page.getByTestId('reveal-reason').fill('核对回访号码');
    await browser.step('reveal reason');
    await page.getByTestId('reveal-confirm').click();
    await followRow.getByTestId('revealed-number').getByText(citizen).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await browser.step('number revealed');

    // Follow-up call: the simulated citizen answers; the agent records 满意 and the ticket closes.
    await followRow.getByTestId('follow-up-call').click();
    const callout = page.getByTestId('callout-dialog');
    await callout.getByText(`回访 · ${ticket.code}`).waitFor();
    await page.locator('[data-testid="callout-status"][data-state="answered"]').waitFor({ timeout: 30_000 });
    await callout.getByText('交换机结果：已接通').waitFor();
    await callout.getByTestId('callout-verdict').getByText('满意', { exact: true }).click();
    await page.getByTestId('callout-note').fill('市民表示满意');
    await browser.step('follow-up answered');
    await page.getByTestId('callout-save').click();
    await page.getByText('工单已办结').waitFor();
    await followRow.waitFor({ state: 'detached' });
    const closed = await callApi<{ state: string; verdict: string }>(agentApi, 'GET', `/tickets/${ticket.id}`);
    expect(closed).toMatchObject({ state: 'closed', verdict: 'satisfied' });

    // 未接/放弃来电: the abandoned call and the after-hours request, named, masked.
    await page.getByTestId('worklist-tab-missedCalls').click();
    const missed = page.getByTestId('missed-call-list');
    const abandonedRow = missed.locator('tr', { hasText: abandoning.slice(-4) });
    const requestRow = missed.locator('tr', { hasText: afterHours.slice(-4) });
    // The lists refresh by themselves; the button makes it sooner while the PBX is still playing the menu.
    await expect.poll(async () => {
      await page.getByTestId('worklist-refresh').click();
      return (await abandonedRow.count()) + (await requestRow.count());
    }, { timeout: 30_000, interval: 2_000 }).toBe(2);
    await abandonedRow.getByText('12369 环保举报').waitFor();
    await abandonedRow.getByText('排队放弃').waitFor();
    await requestRow.getByText('请求回拨').waitFor();
    await requestRow.getByText(/^12318/).waitFor();
    expect(await missed.textContent()).not.toContain(abandoning);
    await browser.step('missed calls');

    // Call back the abandoned caller: the citizen answers, the result is recorded, the case leaves.
    await abandonedRow.getByTestId('missed-call').click();
    await callout.getByText('回拨 · 12369 环保举报').waitFor();
    await page.locator('[data-testid="callout-status"][data-state="answered"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('callout-note').fill('已回电，市民已另行解决');
    await browser.step('call-back answered');
    await page.getByTestId('callout-save').click();
    await page.getByText('已记录').waitFor();
    await abandonedRow.waitFor({ state: 'detached' });
    await requestRow.waitFor();
    await browser.step('case left the list');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
  it('a follow-up that finds a wrong number closes the ticket as 无法联系 instead of leaving it 已回复', async () => {
    const base = BASE_URL as string;
    const agentApi = await loginApi(base, 'demo-agent');
    const suffix = randomBytes(3).toString('hex');
    const { ticket } = await callApi<{ ticket: { id: string; code: string } }>(agentApi, 'POST', '/tickets', {
      channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', callerNumber: randomMobile(),
      title: `回访错号 ${suffix}`, description: `E2E 回访错号：垃圾未清运 (${suffix})`, dispatch: true,
    });
    const grid = await loginApi(base, 'demo-grid');
    for (const [action, body] of [['sign', {}], ['start', {}], ['reply', { content: '已清运' }]] as const) {
      await callApi(grid, 'POST', `/tickets/${ticket.id}/${action}`, body);
    }

    browser = await launchBrowser('worklists-unreachable', { baseURL: base });
    const { page } = browser;
    await page.goto('/worklists');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-agent');
    const followRow = page.getByTestId('follow-up-list').locator('tr', { hasText: ticket.code });
    await followRow.getByTestId('follow-up-call').click();
    const callout = page.getByTestId('callout-dialog');
    await page.locator('[data-testid="callout-status"][data-state="answered"]').waitFor({ timeout: 30_000 });
    // Someone answered, but not the citizen: the agent corrects the result; the dialog says what saving does.
    await callout.getByTestId('callout-result').getByText('号码错误', { exact: true }).click();
    await page.getByTestId('callout-unreachable').getByText('保存后工单以“无法联系”办结').waitFor();
    await browser.step('wrong number closes as unreachable');
    await page.getByTestId('callout-save').click();
    await page.getByText('未能联系到市民，工单已办结（无法联系）').waitFor();
    await followRow.waitFor({ state: 'detached' });
    const closed = await callApi<{ state: string; verdict: string }>(agentApi, 'GET', `/tickets/${ticket.id}`);
    expect(closed).toMatchObject({ state: 'closed', verdict: 'unreachable' });
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
  it.skipIf(!DATABASE_URL)('a follow-up out of attempts stays listed until the agent closes it as 无法联系', async () => {
    const base = BASE_URL as string;
    const agentApi = await loginApi(base, 'demo-agent');
    const suffix = randomBytes(3).toString('hex');
    const { ticket } = await callApi<{ ticket: { id: string; code: string } }>(agentApi, 'POST', '/tickets', {
      channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', callerNumber: randomMobile(),
      title: `回访无人接 ${suffix}`, description: `E2E 回访无人接听 (${suffix})`, dispatch: true,
    });
    const grid = await loginApi(base, 'demo-grid');
    for (const [action, body] of [['sign', {}], ['start', {}], ['reply', { content: '已清运' }]] as const) {
      await callApi(grid, 'POST', `/tickets/${ticket.id}/${action}`, body);
    }
    // Three calls nobody answered (the stack allows three), as the PBX would have recorded them.
    const prisma = createPrismaClient(DATABASE_URL!);
    try {
      const agent = await prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } });
      for (const minutes of [30, 20, 10]) {
        await prisma.callbackAttempt.create({ data: {
          purpose: 'follow_up', ticketId: ticket.id, agentUserId: agent.id, startedAt: new Date(Date.now() - minutes * 60_000), pbxResult: 'no_answer', result: 'no_answer',
        } });
      }
    } finally {
      await prisma.$disconnect();
    }

    browser = await launchBrowser('worklists-exhausted', { baseURL: base });
    const { page } = browser;
    await page.goto('/worklists');
    await page.waitForURL(/\/login\?redirect=/);
    await loginInBrowser(page, 'demo-agent');
    const row = page.getByTestId('follow-up-list').locator('tr', { hasText: ticket.code });
    await row.getByText('无人接听').waitFor();
    expect(await row.getByTestId('follow-up-call').count()).toBe(0);
    await row.getByTestId('follow-up-unreachable').click();
    await page.getByText(`工单 ${ticket.code} 已回访 3 次未能联系到市民`).waitFor();
    // A styled confirm box in the middle of the screen (it was once drawn bare in the top-left corner).
    const box = (await page.locator('.el-message-box').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - 683)).toBeLessThan(40);
    await browser.step('out of attempts');
    await page.locator('.el-message-box').getByRole('button', { name: '记为无法联系' }).click();
    await page.getByText('未能联系到市民，工单已办结（无法联系）').waitFor();
    await row.waitFor({ state: 'detached' });
    const closed = await callApi<{ state: string; verdict: string }>(agentApi, 'GET', `/tickets/${ticket.id}`);
    expect(closed).toMatchObject({ state: 'closed', verdict: 'unreachable' });
    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
