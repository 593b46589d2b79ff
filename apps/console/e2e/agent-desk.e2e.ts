import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { placeHotlineCall, setMembersPaused } from './pbx';

const BASE_URL = process.env.E2E_BASE_URL;
const AMI_URL = process.env.E2E_AMI_URL;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';
/**
 * Chromium logs 4xx fetches as errors: 404 while the call record is not written yet, 409 for
 * the sign-out refused during a call.
 */
const EXPECTED_ERRORS = [
  /Failed to load resource: the server responded with a status of 404/,
  /Failed to load resource: the server responded with a status of 409/,
];

/** A random mobile number, so earlier runs never make this caller a repeat caller. */
const randomMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

describe.skipIf(!BASE_URL || !AMI_URL)('agent desk', () => {
  let browser: BrowserSession | undefined;
  let pausedOthers: string[] = [];
  afterEach(async () => {
    await setMembersPaused(AMI_URL!, pausedOthers, false).catch(() => undefined);
    pausedOthers = [];
    await browser?.close();
    browser = undefined;
  });

  it('pops a 12345 call with the caller history, answers, dispatches a ticket to grid s01g01, hangs up', async () => {
    browser = await launchBrowser('agent-desk', { baseURL: BASE_URL });
    const { page } = browser;
    const caller = randomMobile();

    await page.goto('/login?redirect=/desk');
    await page.getByTestId('login-username').fill('demo-agent');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/desk$/);
    await page.locator('[data-testid="live-status"][data-status="open"]').waitFor();
    await page.getByTestId('desk-idle').waitFor();
    await browser.step('desk logged out of queue');

    await page.keyboard.press('F2');
    await page.getByTestId('agent-state').filter({ hasText: '就绪' }).waitFor();
    await browser.step('ready');

    // Only demo-agent may take the call: pause the simulator's own agents for this test.
    const live = (await (await page.request.get('/api/queue/live')).json()) as { agents: { interface: string; userId: string | null; state: string }[] };
    pausedOthers = live.agents.filter((a) => a.userId === null && a.state !== 'paused').map((a) => a.interface);
    await setMembersPaused(AMI_URL!, pausedOthers, true);

    await placeHotlineCall(AMI_URL!, '12345', { name: '张三', number: caller });
    const pop = page.getByTestId('screen-pop');
    await pop.waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('pop-hotline').textContent()).resolves.toMatch(/12345\s*市民服务热线/);
    const shown = (await page.getByTestId('pop-caller').textContent()) ?? '';
    expect(shown).not.toContain(caller); // masked
    expect(shown).toContain(caller.slice(-4));
    await page.locator('[data-testid="caller-history"][data-state="loaded"]').waitFor();
    await expect(page.getByTestId('repeat-caller').getAttribute('data-repeat')).resolves.toBe('false');
    await browser.step('screen pop');

    await page.keyboard.press('F4');
    await page.locator('[data-testid="screen-pop"][data-phase="talking"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('talk-timer').waitFor();
    await page.locator('[data-testid="agent-desk"][data-call-recorded="true"]').waitFor({ timeout: 15_000 });
    await browser.step('answered');

    // Signing out while talking is refused, in words, and the agent stays on the call.
    await page.getByTestId('log-out-queue').click();
    await page.getByTestId('control-error').filter({ hasText: '通话中不能签出，请先结束通话' }).waitFor();
    await page.getByTestId('agent-state').filter({ hasText: '通话中' }).waitFor();
    await browser.step('sign-out refused during the call');

    // Signing out of the account (user menu) while talking is refused the same way: still signed in, on the desk.
    await page.getByTestId('user-menu-trigger').click();
    await page.getByTestId('logout').click();
    await page.locator('.el-message--error', { hasText: '通话中不能签出，请先结束通话' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/desk');
    await page.getByTestId('agent-state').filter({ hasText: '通话中' }).waitFor();
    await browser.step('account sign-out refused during the call');

    // A pause taken while talking: the call shows first, the pause pending until it ends.
    await page.getByTestId('pause').click();
    await page.getByTestId('pause-break').click();
    await page.getByTestId('agent-state').filter({ hasText: '通话中 · 通话结束后小休：休息' }).waitFor();
    await browser.step('pause pending during the call');

    // F5 during the call: the call panel and the ticket's link to the call come back.
    await page.reload();
    await page.locator('[data-testid="live-status"][data-status="open"]').waitFor();
    await page.locator('[data-testid="screen-pop"][data-phase="talking"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="agent-desk"][data-call-recorded="true"]').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('pop-hotline').textContent()).resolves.toMatch(/12345/);
    await page.getByTestId('hangup').waitFor();
    await page.getByTestId('agent-state').filter({ hasText: '通话中 · 通话结束后小休：休息' }).waitFor();
    await browser.step('call restored after reload');

    await page.keyboard.press('F6');
    await page.keyboard.type('噪音');
    await page.getByTestId('category-option-env.noise').filter({ visible: true }).click();
    await page.getByTestId('ticket-title').locator('input').fill('楼下酒吧夜间噪音扰民');
    await page.getByTestId('ticket-description').locator('textarea').fill('来电人反映每晚 23 点后楼下酒吧音乐声过大，影响休息。');
    await page.getByTestId('ticket-address').locator('input').fill('幸福路 12 号');
    await page.getByTestId('map-area-s01g01').click();
    await expect(page.getByTestId('selected-area').textContent()).resolves.not.toBe('');
    await page.getByTestId('duplicates').waitFor();
    await browser.step('ticket filled');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST');
    await page.getByTestId('ticket-title').locator('input').focus();
    await page.keyboard.press('Control+Enter');
    const response = await created;
    expect(response.status()).toBe(201);
    const body = (await response.json()) as { ticket: { code: string; state: string; leadUnitId: string | null; areaId: string | null; callId: string | null; channel: string } };
    expect(body.ticket).toMatchObject({ state: 'dispatched', leadUnitId: 'gt-s01g01', areaId: 's01g01', channel: 'phone' });
    expect(body.ticket.callId).toBeTruthy();
    await page.locator('.el-message--success', { hasText: body.ticket.code }).waitFor();
    await browser.step('dispatched');

    await page.getByTestId('hangup').click();
    await page.locator('[data-testid="screen-pop"][data-phase="ended"]').waitFor({ timeout: 15_000 });
    // The call over, the pause taken during it shows.
    await page.getByTestId('agent-state').filter({ hasText: /^小休 · 休息$/ }).waitFor();
    await browser.step('hung up');

    // After-call work: a time-limited pause with a countdown, ended early here.
    await page.getByTestId('start-acw').click();
    await page.getByTestId('agent-state').filter({ hasText: /话后整理 · 剩余 \d\d:\d\d/ }).waitFor();
    await page.getByTestId('acw-countdown').filter({ hasText: /话后整理中，\d\d:\d\d 后自动就绪/ }).waitFor();
    await browser.step('after-call work');

    // F5 during after-call work: the ended call and the ticket's link to it (来自来电) come back.
    await page.reload();
    await page.locator('[data-testid="live-status"][data-status="open"]').waitFor();
    await page.locator('[data-testid="screen-pop"][data-phase="ended"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="agent-desk"][data-call-recorded="true"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('ticket-origin').filter({ hasText: '来自来电 12345' }).waitFor();
    await page.getByTestId('acw-countdown').filter({ hasText: /话后整理中，\d\d:\d\d 后自动就绪/ }).waitFor();
    await browser.step('ended call restored during after-call work');
    await page.getByTestId('end-acw').click();
    await page.getByTestId('agent-state').filter({ hasText: '就绪' }).waitFor();
    await page.getByTestId('finish-call').click();
    await page.getByTestId('desk-idle').waitFor();

    // The same caller again: the pop now shows the earlier call and ticket.
    await placeHotlineCall(AMI_URL!, '12345', { name: '张三', number: caller });
    await page.locator('[data-testid="screen-pop"][data-phase="ringing"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="caller-history"][data-state="loaded"]').waitFor();
    await expect(page.getByTestId('history-tickets').textContent()).resolves.toContain(body.ticket.code);
    await expect(page.getByTestId('history-calls').textContent()).resolves.toContain('12345');
    await browser.step('repeat caller pop');
    await page.getByTestId('answer').click();
    await page.locator('[data-testid="screen-pop"][data-phase="talking"]').waitFor({ timeout: 15_000 });
    await page.keyboard.press('F8');
    await page.locator('[data-testid="screen-pop"][data-phase="ended"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('finish-call').click();

    await page.getByTestId('shortcut-help').click();
    await page.getByTestId('shortcut-list').waitFor();
    await browser.step('shortcut help');
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('agent-state').filter({ hasText: 'Ready' }).waitFor();
    await browser.step('english');

    await page.getByTestId('log-out-queue').click();
    await page.getByTestId('agent-state').filter({ hasText: 'Logged out' }).waitFor();
    browser.assertNoConsoleErrors(EXPECTED_ERRORS);
  }, 120_000);
});
