import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser';
import { placeHotlineCall, setMembersPaused } from './pbx';

const BASE_URL = process.env.E2E_BASE_URL;
const AMI_URL = process.env.E2E_AMI_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';
const EXPECTED_ERRORS = [/Failed to load resource: the server responded with a status of 401/];

const randomMobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function loginAs(page: Page, username: string, path: string): Promise<void> {
  await page.goto(`/login?redirect=${path}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(new RegExp(`${path}$`));
}

/** The wallboard's row of agents in a state (in words). */
const rowsIn = (page: Page, words: string) =>
  page.getByTestId('wallboard-agents').locator('tr.el-table__row').filter({ has: page.getByTestId('wallboard-agent-state').getByText(words, { exact: true }) });

describe.skipIf(!BASE_URL || !AMI_URL)('supervision at the wallboard', () => {
  let browser: BrowserSession | undefined;
  let pausedOthers: string[] = [];
  afterEach(async () => {
    await setMembersPaused(AMI_URL!, pausedOthers, false).catch(() => undefined);
    pausedOthers = [];
    await browser?.close();
    browser = undefined;
  });

  it('the shift lead listens in on a talking agent, pauses another with a reason, and sees the queue alarm when a caller waits', async () => {
    browser = await launchBrowser('supervision', { baseURL: BASE_URL });
    const { page } = browser;
    await loginAs(page, 'demo-lead', '/wallboard');
    await page.getByTestId('wallboard-agents').waitFor();
    await rowsIn(page, '就绪').first().waitFor({ timeout: 20_000 });
    await browser.step('wallboard with ready agents');

    // A citizen calls; one of the simulator's agents answers.
    await placeHotlineCall(AMI_URL!, '12345', { name: '李四', number: randomMobile() }, 90);
    const talking = rowsIn(page, '通话中').first();
    await talking.waitFor({ timeout: 20_000 });
    const talkingName = (await talking.getByTestId('wallboard-agent-name').textContent())?.trim() ?? '';
    expect(talkingName).toMatch(/坐席/);
    await browser.step('an agent talks');

    await talking.getByTestId('listen-listen').click();
    const confirm = page.locator('.el-message-box');
    await confirm.getByText(`监听坐席 ${talkingName} 的通话？`).waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    const listening = page.getByTestId('listening');
    await page.getByTestId('listening').or(page.getByTestId('listen-error')).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('listen-error').count(), 'no listen error').toBe(0);
    expect(await listening.textContent()).toContain(`监听中…`);
    expect(await listening.textContent()).toContain(talkingName);
    await browser.step('listening');

    // Pause a ready agent with a reason: the row shows 小休 and the reason.
    const ready = rowsIn(page, '就绪').first();
    const readyName = (await ready.getByTestId('wallboard-agent-name').textContent())?.trim() ?? '';
    await ready.getByTestId('force-pause').click();
    const dialog = page.getByTestId('force-state-dialog');
    await dialog.getByText(`强制小休：${readyName}`).waitFor();
    await dialog.getByTestId('force-submit').click();
    await dialog.getByText('请选择原因').waitFor();
    await dialog.getByTestId('force-reason').getByText('会议').click();
    await dialog.getByTestId('force-note').fill('班组会');
    await browser.step('pause with a reason');
    await dialog.getByTestId('force-submit').click();
    const pausedRow = page.getByTestId('wallboard-agents').locator('tr.el-table__row').filter({ has: page.getByTestId('wallboard-agent-name').getByText(readyName, { exact: true }) });
    await pausedRow.getByTestId('wallboard-agent-state').getByText('小休', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await pausedRow.getByTestId('wallboard-agent-note').textContent()).toBe('会议');
    await browser.step('agent paused by the shift lead');

    // Nobody else ready: the next caller waits past 15 s and the alarm sounds on the wallboard.
    const live = (await (await page.request.get('/api/queue/live')).json()) as { agents: { interface: string; state: string }[] };
    pausedOthers = live.agents.filter((a) => a.state === 'ready').map((a) => a.interface);
    await setMembersPaused(AMI_URL!, pausedOthers, true);
    await placeHotlineCall(AMI_URL!, '110', { name: '王五', number: randomMobile() }, 90);
    const alarm = page.getByTestId('alarm-long_wait');
    await alarm.waitFor({ timeout: 40_000 });
    expect(await alarm.textContent()).toMatch(/排队告警：最长等待已达 \d+ 秒，超过 15 秒/);
    expect(await alarm.textContent()).toMatch(/自 \d{1,2}:\d{2}:\d{2} 起/);
    await browser.step('queue alarm');

    // An agent is ready again: the caller is answered and the alarm clears.
    await setMembersPaused(AMI_URL!, pausedOthers, false);
    pausedOthers = [];
    await alarm.waitFor({ state: 'detached', timeout: 30_000 });
    await browser.step('alarm cleared');

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    browser.assertNoConsoleErrors(EXPECTED_ERRORS);
  }, 240_000);

  it('the statistics page splits police and non-police, the health page says each component in words', async () => {
    browser = await launchBrowser('supervision-stats-health', { baseURL: BASE_URL });
    const { page } = browser;
    await loginAs(page, 'demo-lead', '/stats');
    await page.getByRole('tab', { name: '警务 / 非警务' }).click();
    const panel = page.getByTestId('stats-class');
    await panel.getByTestId('stats-class-table').waitFor();
    expect(await panel.getByTestId('stats-class-police').textContent()).toMatch(/警务类\s*\d+\s*占/);
    expect(await panel.getByTestId('stats-class-nonPolice').textContent()).toMatch(/非警务类\s*\d+/);
    expect(await panel.getByTestId('stats-class-calls110').textContent()).toMatch(/110 来电\s*\d+\s*其他热线 \d+/);
    await panel.getByText('110→12345 分流').first().waitFor();
    expect(await panel.getByTestId('stats-class-export-csv').getAttribute('href')).toMatch(/^\/api\/statistics\/ticket-classes\?.*format=csv/);
    await browser.step('police vs non-police');

    await page.goto('/health');
    const table = page.getByTestId('health-checks');
    await table.waitFor();
    for (const name of ['接口服务（本实例）', '后台任务进程', '话务桥接进程', '交换机连接（AMI）', 'PostgreSQL 数据库', 'Redis 缓存与队列', '任务队列', '话单对账', '通话录音']) {
      await table.getByTestId('health-component').getByText(name, { exact: true }).waitFor();
    }
    expect(await page.getByTestId('health-status-pbx').textContent()).toBe('正常');
    expect(await page.getByTestId('health-figures-database').textContent()).toMatch(/响应 [\d.]+ 毫秒/);
    expect(await page.getByTestId('health-figures-pbx').textContent()).toMatch(/最近事件 \d+ (秒|分钟)前/);
    expect(await page.getByTestId('health-figures-queues').textContent()).toMatch(/call-events：等待 \d+，处理中 \d+/);
    expect(await page.getByTestId('health-card').textContent()).not.toContain('{');
    await browser.step('health in words');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    browser.assertNoConsoleErrors(EXPECTED_ERRORS);
  }, 120_000);
});
