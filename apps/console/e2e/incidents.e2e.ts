import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';
import { SITE_PHOTO } from './file-fixtures';
import { INCIDENT_DESK, pickIncidentType, pickUnit, switchUser } from './incident-fixtures';
import { createGridTicket, EXPECTED_AUTH_ERRORS, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
/** Four people, a dozen screens, the plan's alert calls answered by the simulated PBX. */
const FLOW_TIMEOUT_MS = 240_000;
/** The simulated on-duty person answers after 2 s and presses 1 two seconds later; the plan calls ~20 units one after another. */
const ACK_TIMEOUT_MS = 90_000;
const URBAN_MANAGEMENT = '城市管理和综合执法局';

describe.skipIf(!BASE_URL)('incidents', () => {
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('a ticket escalated to a level III incident is filed, its units acknowledge by phone, a task is done with a photo, reports are made and it is closed', async () => {
    const base = BASE_URL as string;
    const ticket = await createGridTicket(base, '燃气泄漏');

    browser = await launchBrowser('incident-full-flow', { baseURL: base, device: INCIDENT_DESK });
    const { page } = browser;

    // The agent escalates the ticket: type, subtype and level III.
    await page.goto(`/login?redirect=/tickets/${ticket.id}`);
    await loginInBrowser(page, 'demo-agent');
    await page.getByTestId('ticket-escalate-incident').click();
    await pickIncidentType(page, '事故灾难', '危险化学品事故');
    await page.getByTestId('incident-level-III').click();
    await browser.step('escalate dialog');
    await page.getByTestId('escalate-submit').click();
    await page.waitForURL(/\/incidents\/[\w-]+$/);
    await page.locator('[data-testid="incident-state"][data-state="reported"]').waitFor();
    expect(await page.getByTestId('incident-detail').getByTestId('level-tag').first().textContent()).toContain('Ⅲ级（较大）');
    expect(await page.getByTestId('incident-ticket-link').textContent()).toBe(ticket.code);
    expect(await page.getByTestId('incident-facts').textContent()).toContain('工单升级');
    // An agent reads the incident but takes no act on it.
    await page.getByTestId('incident-actions').getByText('当前没有可执行的操作').waitFor();
    const incidentPath = new URL(page.url()).pathname;
    const incidentCode = ((await page.locator('h1').textContent()) ?? '').match(/SJ\d+/)?.[0] ?? '';
    expect(incidentCode).toMatch(/^SJ\d{12}$/);
    await browser.step('incident reported');

    // The commander files it at level III: the plan activates tier 1 and 2 units, the PBX calls them.
    await switchUser(page, 'demo-commander', incidentPath);
    await page.getByTestId('incident-action-file').click();
    await page.getByTestId('action-submit').waitFor();
    expect(await page.locator('[data-testid="action-level-III"].is-active').count()).toBe(1);
    await page.getByTestId('action-submit').click();
    // Filing activates the plan's units (about twenty) and places their first calls before it answers.
    await page.locator('[data-testid="incident-state"][data-state="filed"], [data-testid="incident-state"][data-state="responding"]').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('incident-plan').textContent()).toMatch(/区突发事件总体应急预案（第 \d+ 版）/);
    const urbanRow = page.getByTestId('activation-list').locator('tr').filter({ hasText: URBAN_MANAGEMENT });
    await urbanRow.waitFor();
    await browser.step('filed, calling the units');
    await urbanRow.locator('[data-testid="activation-state"][data-state="acknowledged"]').waitFor({ timeout: ACK_TIMEOUT_MS });
    expect(await urbanRow.textContent()).toContain('接听并按 1 确认');
    expect(await urbanRow.getByTestId('activation-ack').textContent()).toContain('电话按键');
    // The first acknowledgement starts the response.
    await page.locator('[data-testid="incident-state"][data-state="responding"]').waitFor();
    await browser.step('filed, units acknowledged by phone');

    // The list shows it among the open incidents: level in its colour, state and units in words.
    await page.goto('/incidents');
    const listRow = page.getByTestId('incident-list').locator('tr').filter({ has: page.getByTestId(`incident-link-${incidentCode}`) });
    await listRow.waitFor();
    expect(await listRow.getByTestId('level-tag').getAttribute('data-level')).toBe('III');
    expect(await listRow.getByTestId('level-tag').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(245, 196, 0)');
    expect(await listRow.getByTestId('incident-row-state').textContent()).toBe('处置中');
    expect(await listRow.textContent()).toMatch(/\d+\/\d+ 已确认/);
    await browser.step('incident list');
    await page.getByTestId(`incident-link-${incidentCode}`).click();
    await page.locator('[data-testid="incident-state"][data-state="responding"]').waitFor();

    // The commander assigns a task to urban management and makes the initial report.
    await page.getByTestId('task-assign').click();
    await pickUnit(page, 'task-unit', 'chengguan', 'urban-management');
    await page.getByTestId('task-title').fill('封控泄漏点周边道路，疏导交通');
    await browser.step('task dialog');
    await page.getByTestId('task-submit').click();
    const taskRow = page.getByTestId('task-list').locator('tr').filter({ hasText: '封控泄漏点周边道路' });
    await taskRow.locator('[data-testid="task-state"][data-state="assigned"]').waitFor();
    expect(await taskRow.textContent()).toContain('待签收');

    await page.getByTestId('report-kind-initial').click();
    await page.getByTestId('report-text').fill('燃气管道泄漏，已疏散周边群众 30 人，无人员伤亡。');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-list').getByText('初报').waitFor();
    await browser.step('task assigned, initial report');

    // The unit's handler signs the task and completes it with a photo from the inbox.
    await switchUser(page, 'demo-dept', '/inbox');
    const panel = page.getByTestId('emergency-panel');
    await panel.getByTestId('emergency-acknowledged').first().waitFor();
    const unitTask = panel.getByTestId('emergency-tasks').locator('tr').filter({ hasText: '封控泄漏点周边道路' });
    await unitTask.getByTestId('emergency-task-sign').click();
    await unitTask.locator('[data-testid="emergency-task-state"][data-state="signed"]').waitFor();
    await unitTask.getByTestId('emergency-task-done').click();
    await page.getByTestId('task-report-text').fill('周边道路已封控，交通已疏导。');
    await page.getByTestId('task-report-file').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: SITE_PHOTO });
    await page.getByTestId('task-report-thumb').waitFor();
    await browser.step('unit completes the task with a photo');
    await page.getByTestId('task-report-submit').click();
    await unitTask.locator('[data-testid="emergency-task-state"][data-state="done"]').waitFor();
    await unitTask.getByTestId('task-photo').waitFor();
    await browser.step('task done');

    // The commander sees it done, reports again, marks it handled, makes the final report and closes it.
    await switchUser(page, 'demo-commander', incidentPath);
    await taskRow.locator('[data-testid="task-state"][data-state="done"]').waitFor();
    await taskRow.getByTestId('task-photo').waitFor();
    await page.getByTestId('report-kind-follow_up').click();
    await page.getByTestId('report-text').fill('泄漏点已封堵，道路恢复通行。');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-list').getByText('续报').waitFor();

    await page.getByTestId('incident-action-handle').click();
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="incident-state"][data-state="handled"]').waitFor();
    await page.getByTestId('report-kind-final').click();
    await page.getByTestId('report-text').fill('事件处置完毕：无人员伤亡，出动城管执法车辆 2 台。');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-list').getByText('终报').waitFor();

    await page.getByTestId('incident-action-close').click();
    await page.getByTestId('action-summary').fill('燃气泄漏处置完毕，相关单位按预案响应及时。');
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="incident-state"][data-state="closed"]').waitFor();
    expect(await page.getByTestId('incident-summary').textContent()).toContain('燃气泄漏处置完毕');

    // The trail tells it in words, never in codes.
    const trail = (await page.getByTestId('incident-trail').textContent()) ?? '';
    for (const words of ['工单升级', '接报', '立案', '按预案启动', '单位确认', '报送报告', '处置完毕', '结案']) expect(trail).toContain(words);
    expect(trail).not.toMatch(/\b(plan_applied|alert_call_result|activation_acknowledged|report_overdue|task_done|create)\b/);
    await browser.step('closed with the trail in words');

    // The ticket keeps its link to the incident.
    await page.getByTestId('incident-ticket-link').click();
    await page.getByTestId('ticket-escalated').waitFor();
    await page.getByTestId('trail-escalate_incident').getByText('升级为突发事件').waitFor();

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('an administrator edits the response plan: saving makes a new version, and the earlier one stays readable', async () => {
    const base = BASE_URL as string;
    browser = await launchBrowser('response-plan-versions', { baseURL: base, device: INCIDENT_DESK });
    const { page } = browser;
    await page.goto('/login?redirect=/incidents/plans');
    await loginInBrowser(page, 'demo-admin');
    const editor = page.getByTestId('plan-editor');
    await editor.getByText('区突发事件总体应急预案').first().waitFor();
    const versionsBefore = await page.getByTestId('plan-versions').locator('tbody tr').count();
    const initial = page.getByTestId('plan-initial-minutes').locator('input');
    const before = Number(await initial.inputValue());
    await initial.fill(String(before + 15));
    await initial.blur();
    await page.getByTestId('plan-note').fill('初报时限放宽 15 分钟');
    await browser.step('plan editor');
    await page.getByTestId('plan-save').click();
    await page.getByText(`已保存为第 ${versionsBefore + 1} 版`).waitFor();
    const versions = page.getByTestId('plan-versions').locator('tbody tr');
    await expect.poll(() => versions.count()).toBe(versionsBefore + 1);
    expect(await versions.first().textContent()).toContain('初报时限放宽 15 分钟');
    expect(Number(await initial.inputValue())).toBe(before + 15);

    // The earlier version, read only.
    await versions.nth(1).getByRole('button').click();
    await page.getByText(`正在查看第 ${versionsBefore} 版（只读）`).waitFor();
    expect(Number(await initial.inputValue())).toBe(before);
    expect(await initial.isDisabled()).toBe(true);
    expect(await page.getByTestId('plan-save').count()).toBe(0);
    await browser.step('an earlier version, read only');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);

  it('a dispatcher reports an ice storm from the form with its place on the map, files it and allocates industrial salt; the resources page counts the tonnes', async () => {
    const base = BASE_URL as string;
    browser = await launchBrowser('incident-report-form-resources', { baseURL: base, device: INCIDENT_DESK });
    const { page } = browser;
    await page.goto('/login?redirect=/incidents');
    await loginInBrowser(page, 'demo-dispatcher');
    await page.getByTestId('incident-new').click();
    await pickIncidentType(page, '自然灾害', '冰雪灾害');
    await page.getByTestId('incident-level-IV').click();
    const title = `月亮岛路段道路结冰 ${Date.now() % 100_000}`;
    await page.getByTestId('incident-title').fill(title);
    await page.getByTestId('incident-description').fill('冻雨后月亮岛路段大面积结冰，多车打滑，需撒盐除冰。');
    await page.getByTestId('incident-area').click();
    await page.locator('.el-tree-node__content:visible').filter({ hasText: /^月亮岛街道/ }).first().click();
    // The area list fades out over the map's top row: a click there before it is gone lands on the list.
    await page.locator('.el-tree-node__content:visible').first().waitFor({ state: 'hidden' });
    await page.getByTestId('incident-address').fill('月亮岛路与银星路交叉口');
    // A click inside 月亮岛街道 on the map marks the point.
    const street = page.getByTestId('incident-point-map').locator('g').filter({ has: page.locator('title', { hasText: /^月亮岛街道$/ }) }).locator('polygon').first();
    await street.waitFor();
    const box = (await street.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('incident-point-marker').waitFor();
    await page.getByTestId('incident-injuries').locator('input').fill('2');
    await browser.step('report form');
    await page.getByTestId('incident-submit').click();
    await page.locator('[data-testid="incident-state"][data-state="reported"]').waitFor();
    const facts = (await page.getByTestId('incident-facts').textContent()) ?? '';
    for (const words of [title, '自然灾害 · 冰雪灾害', '中心录入', '死 0 伤 2 失踪 0', '月亮岛路与银星路交叉口', '月亮岛街道']) expect(facts).toContain(words);
    expect(facts).toMatch(/· \d+\.\d+, \d+\.\d+/);

    // Filed at level IV (tier-1 units); then 50 t of the urban management's industrial salt, allocated.
    await page.getByTestId('incident-action-file').click();
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="incident-state"][data-state="filed"], [data-testid="incident-state"][data-state="responding"]').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('allocation-request').click();
    await page.getByTestId('allocation-resource').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '工业盐 · 城市管理和综合执法局' }).click();
    await page.getByTestId('allocation-quantity').locator('input').fill('50');
    await page.getByTestId('allocation-request-submit').click();
    const line = page.getByTestId('allocation-list').locator('tr').filter({ hasText: '工业盐' });
    await line.getByTestId('allocation-state').getByText('已申请').waitFor();
    await line.getByTestId('allocation-allocate').click();
    await page.getByTestId('allocation-allocate-submit').click();
    await line.getByTestId('allocation-state').getByText('已调配').waitFor();
    expect(await page.getByTestId('allocation-totals').textContent()).toContain('50 吨');
    await browser.step('salt allocated');

    await page.goto('/resources');
    const totals = page.getByTestId('resource-totals');
    await totals.getByText(title).waitFor();
    expect(await totals.textContent()).toMatch(/\d+ 吨/);
    await browser.step('resources and totals');

    browser.assertNoConsoleErrors(EXPECTED_AUTH_ERRORS);
  }, FLOW_TIMEOUT_MS);
});
