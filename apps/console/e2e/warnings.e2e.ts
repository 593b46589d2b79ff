import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE_DEVICE, type BrowserSession } from './browser';
import { signInAt } from './desk-fixtures';
import { signInOnPhone } from './phone-fixtures';
import { callApi, loginApi } from './ticket-fixtures';

/**
 * 预警信息 end to end in Chromium: a dispatcher drafts a yellow warning to every tier-1 unit and
 * submits it (and cannot approve it); a commander approves it from the approval tab, which
 * publishes it; a tier-1 unit's handler sees it in the inbox in its colour and acknowledges it; the
 * dispatcher's open warning shows the acknowledgement count move without a reload (live push).
 * A grid worker acknowledges a warning to their grid on the phone app. Each warning is lifted at
 * the end, so the other browser tests' inboxes stay as they were.
 */
const BASE_URL = process.env.E2E_BASE_URL;

describe.skipIf(!BASE_URL)('warnings', () => {
  const sessions: BrowserSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    sessions.length = 0;
  });
  const open = async (name: string, device?: typeof PHONE_DEVICE) => {
    const session = await launchBrowser(name, { baseURL: BASE_URL, ...(device ? { device } : {}) });
    sessions.push(session);
    return session;
  };

  it('is drafted by one person, approved by another, acknowledged by a unit, and the drafter sees the count move', async () => {
    const title = `暴雨黄色预警 ${Date.now() % 100000}`;

    // 1. The dispatcher drafts and submits; approving is not theirs to do.
    const drafter = await open('warnings-draft');
    await signInAt(drafter.page, 'demo-dispatcher', '/warnings');
    await drafter.page.getByTestId('warnings-all').waitFor();
    await drafter.page.getByTestId('warning-create').click();
    const editor = drafter.page.getByTestId('warning-editor');
    await editor.getByTestId('warning-title').fill(title);
    await editor.getByTestId('warning-text').fill('未来 6 小时全区有 50 毫米以上降雨，请各单位加强值守、做好防汛准备。');
    await editor.getByTestId('warning-tier-1').click();
    await drafter.step('draft form');
    const created = drafter.page.waitForResponse((r) => r.url().endsWith('/api/warnings') && r.request().method() === 'POST');
    await editor.getByTestId('warning-save').click();
    const warning = (await (await created).json()) as { id: string; code: string; state: string };
    expect(warning.state).toBe('draft');
    const draftDrawer = drafter.page.getByTestId('warning-drawer');
    await draftDrawer.getByTestId('warning-state').filter({ hasText: '草稿' }).waitFor();
    await draftDrawer.getByTestId('warning-targets').filter({ hasText: '1 级联动单位' }).waitFor();
    await draftDrawer.getByTestId('warning-submit').click();
    await draftDrawer.getByTestId('warning-state').filter({ hasText: '待审批' }).waitFor();
    await draftDrawer.getByTestId('warning-needs-second').filter({ hasText: '须由起草人以外的区级指挥审批后发布' }).waitFor();
    expect(await draftDrawer.getByTestId('warning-approve').count()).toBe(0);
    await drafter.step('submitted, awaiting a second person');

    // 2. A commander approves it from the approval tab.
    const approver = await open('warnings-approve');
    await signInAt(approver.page, 'demo-commander', '/warnings');
    await approver.page.getByTestId('warnings-tab-approval').click();
    const row = approver.page.getByTestId('warnings-approval').getByTestId(`warning-row-${warning.code}`);
    await row.filter({ hasText: title }).waitFor();
    await row.click();
    const approveDrawer = approver.page.getByTestId('warning-drawer');
    await approveDrawer.getByTestId('warning-approve').click();
    await approveDrawer.getByTestId('warning-state').filter({ hasText: '已发布' }).waitFor();
    await approveDrawer.getByTestId('warning-approver').filter({ hasText: '区级指挥 周建国' }).waitFor();
    const ackLine = approveDrawer.getByTestId('warning-ack');
    await ackLine.filter({ hasText: /已确认 0 \/ \d+/ }).waitFor();
    const total = Number(/已确认 0 \/ (\d+)/.exec((await ackLine.textContent()) ?? '')![1]);
    expect(total).toBeGreaterThanOrEqual(5);
    await approveDrawer.getByTestId('warning-recipients').filter({ hasText: '城市管理和综合执法局' }).waitFor();
    await approver.step('approved and published');

    // The drafter's open warning follows without a reload.
    await draftDrawer.getByTestId('warning-state').filter({ hasText: '已发布' }).waitFor();
    await draftDrawer.getByTestId('warning-ack').filter({ hasText: `已确认 0 / ${total}` }).waitFor();

    // 3. A tier-1 unit's handler sees it in the inbox, in its colour, and acknowledges.
    const unit = await open('warnings-unit');
    await signInAt(unit.page, 'demo-dept', '/inbox');
    const card = unit.page.getByTestId(`my-warning-${warning.code}`);
    await card.filter({ hasText: title }).waitFor();
    await card.getByTestId('level-yellow').filter({ hasText: '黄色预警' }).waitFor();
    await unit.page.getByTestId('my-warnings-pending').filter({ hasText: '条待确认' }).waitFor();
    await unit.step('warning in the inbox');
    await card.getByTestId(`my-warning-ack-${warning.code}`).click();
    await card.getByTestId(`my-warning-acked-${warning.code}`).filter({ hasText: '已确认' }).waitFor();
    await unit.step('acknowledged');

    // 4. The drafter sees the count move, and who acknowledged, in words.
    await draftDrawer.getByTestId('warning-ack').filter({ hasText: `已确认 1 / ${total}` }).waitFor();
    await draftDrawer.getByTestId('warning-recipients').getByText('系统内确认').waitFor();
    await draftDrawer.getByTestId('warning-trail').filter({ hasText: '确认收到预警' }).waitFor();
    await drafter.step('the drafter sees the count move');
    await drafter.page.keyboard.press('Escape');
    await draftDrawer.waitFor({ state: 'hidden' });
    await drafter.page.getByTestId('warnings-all').getByTestId(`warning-ack-${warning.code}`).filter({ hasText: `1/${total}` }).waitFor();
    await drafter.step('list with level and ack rate');

    for (const session of sessions) session.assertNoConsoleErrors();
    await lift(warning.id);
  }, 180_000);

  it('reaches a grid worker on the phone, who acknowledges it there', async () => {
    const title = `大风橙色预警 ${Date.now() % 100000}`;
    const dispatcher = await loginApi(BASE_URL!, 'demo-dispatcher');
    const commander = await loginApi(BASE_URL!, 'demo-commander');
    const now = Date.now();
    const draft = await callApi<{ id: string; code: string; version: number }>(dispatcher, 'POST', '/warnings', {
      level: 'orange', type: 'gale', title, text: '今夜阵风 9 级，请巡查广告牌、工地围挡并提醒居民收好阳台物品。',
      validFrom: new Date(now).toISOString(), validUntil: new Date(now + 12 * 3600_000).toISOString(), targets: { areaIds: ['s01g01'] },
    });
    const submitted = await callApi<{ version: number }>(dispatcher, 'POST', `/warnings/${draft.id}/actions/submit`, { version: draft.version });
    await callApi(commander, 'POST', `/warnings/${draft.id}/actions/approve`, { version: submitted.version });

    const phone = await open('warnings-phone', PHONE_DEVICE);
    await signInOnPhone(phone.page, 'demo-grid');
    const card = phone.page.getByTestId(`m-warning-${draft.code}`);
    await card.filter({ hasText: title }).filter({ hasText: '橙色预警' }).waitFor();
    await phone.step('warning card on the phone');
    await card.getByTestId(`m-warning-ack-${draft.code}`).tap();
    await card.waitFor({ state: 'detached' });
    await phone.step('acknowledged on the phone');
    const detail = await callApi<{ recipients: { unit: { id: string } | null; acknowledgedVia: string | null; acknowledgedBy: { name: string } | null }[] }>(dispatcher, 'GET', `/warnings/${draft.id}`);
    expect(detail.recipients).toEqual([expect.objectContaining({ unit: expect.objectContaining({ id: 'gt-s01g01' }), acknowledgedVia: 'app', acknowledgedBy: expect.objectContaining({ name: '网格员 赵磊' }) })]);
    phone.assertNoConsoleErrors();
    await lift(draft.id);
  }, 120_000);
});

/** Lifts a test's warning through the API (the dispatcher may), so no later test sees it. */
async function lift(id: string): Promise<void> {
  const dispatcher = await loginApi(BASE_URL!, 'demo-dispatcher');
  const current = await callApi<{ version: number }>(dispatcher, 'GET', `/warnings/${id}`);
  await callApi(dispatcher, 'POST', `/warnings/${id}/actions/lift`, { version: current.version, reason: '测试结束' });
}
