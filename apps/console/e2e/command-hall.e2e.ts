/**
 * The command hall (调度大厅) in Chromium at 1920×1080: an open level-III incident written into the
 * tables (an activated unit still being notified and one acknowledged, a task waiting to be signed,
 * an overdue one, vehicles committed, a red warning nobody acknowledged yet) shows on the big screen;
 * then the unit signs the task and acknowledges the warning through the API, and the hall shows both
 * without a reload (the `incidents` live push), with the trail entry on the timeline.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../../packages/db/src/index.js';
import { launchBrowser, type BrowserSession } from './browser';
import { callApi, loginApi, loginInBrowser } from './ticket-fixtures';

const BASE_URL = process.env.E2E_BASE_URL;
const DATABASE_URL = process.env.E2E_DATABASE_URL;
const URBAN = 'dept-urban-management';
const FIRE = 'dept-fire';
const BIG_SCREEN = { viewport: { width: 1920, height: 1080 } };

describe.skipIf(!BASE_URL || !DATABASE_URL)('command hall', () => {
  const prisma = DATABASE_URL ? createPrismaClient(DATABASE_URL) : undefined;
  let browser: BrowserSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => prisma?.$disconnect());

  async function seedIncident() {
    const db = prisma!;
    const area = await db.area.findFirstOrThrow({ where: { level: 'street', centroidLat: { not: null } }, orderBy: { code: 'asc' } });
    const now = Date.now();
    const minutes = (n: number) => new Date(now + n * 60_000);
    const code = `SJ${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const incident = await db.incident.create({
      data: {
        code, type: 'natural_disaster', subtype: 'ice_snow', level: 'III', state: 'responding', title: '主干道大面积结冰', description: '多条主干道结冰，车辆通行困难',
        source: 'centre', areaId: area.id, lat: area.centroidLat, lng: area.centroidLng, reportedAt: minutes(-90), filedAt: minutes(-80), respondingAt: minutes(-70),
        injuries: 2, nextReportKind: 'follow_up', nextReportDueAt: minutes(40),
      },
    });
    await db.incidentActivation.create({ data: { incidentId: incident.id, unitId: FIRE, tier: 1, state: 'acknowledged', acknowledgedAt: minutes(-77), acknowledgedVia: 'phone', createdAt: minutes(-80) } });
    await db.incidentActivation.create({ data: { incidentId: incident.id, unitId: URBAN, tier: 1, state: 'notifying', attempts: 1, createdAt: minutes(-80) } });
    // The wall lists the six soonest-due tasks per column across every open incident (earlier
    // browser tests leave some open): this incident's tasks are due before any of theirs.
    const earliest = await db.incidentTask.findFirst({ where: { incident: { state: { in: ['filed', 'responding', 'handled'] } } }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } });
    const before = (at: Date) => new Date(Math.min(at.getTime(), (earliest?.dueAt.getTime() ?? Infinity) - 60_000));
    const task = await db.incidentTask.create({ data: { incidentId: incident.id, unitId: URBAN, title: '人民路撒盐除冰', state: 'assigned', dueAt: before(minutes(120)) } });
    const overdue = await db.incidentTask.create({ data: { incidentId: incident.id, unitId: FIRE, title: '高架桥封闭巡查', state: 'in_progress', dueAt: before(minutes(-10)) } });
    const resource = await db.resource.create({ data: { unitId: FIRE, kind: 'vehicle', name: '除冰车', measure: 'vehicle', quantity: 20 } });
    await db.resourceAllocation.create({ data: { incidentId: incident.id, resourceId: resource.id, state: 'allocated', requested: 6, allocated: 6, allocatedAt: minutes(-60) } });
    const warning = await db.warning.create({
      data: {
        code: `YJ${randomUUID().slice(0, 8)}`, level: 'red', type: 'ice_snow', title: '道路结冰红色预警', text: '未来 12 小时道路严重结冰',
        validFrom: minutes(-120), validUntil: minutes(600), targets: { unitIds: [URBAN, FIRE] }, state: 'published', publishedAt: minutes(-100), draftedById: randomUUID(),
        recipients: { create: [URBAN, FIRE].map((unitId) => ({ revision: 1, recipientKey: `unit:${unitId}`, unitId })) },
      },
    });
    await db.incidentEvent.create({ data: { incidentId: incident.id, action: 'activation_acknowledged', unitId: FIRE, at: minutes(-77) } });
    return { incident, task, overdue, warning };
  }

  it('shows the open incident, its units, tasks, resources, warnings and duty, and follows the unit’s acts live', async () => {
    const { incident, task, overdue, warning } = await seedIncident();
    browser = await launchBrowser('command-hall', { baseURL: BASE_URL, device: BIG_SCREEN });
    const { page } = browser;
    await page.goto('/login?redirect=/command-hall');
    await loginInBrowser(page, 'demo-commander');
    await page.waitForURL(/\/command-hall$/);
    const card = page.getByTestId(`hall-incident-${incident.code}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Ⅲ级');
    expect(await card.getByTestId('hall-incident-state').textContent()).toBe('处置中');
    expect(await card.getByTestId(`hall-activation-${FIRE}`).getAttribute('data-state')).toBe('acknowledged');
    expect(await card.getByTestId(`hall-activation-${URBAN}`).textContent()).toContain('通知中');
    await page.locator(`[data-testid="hall-marker"][data-code="${incident.code}"][data-level="III"]`).waitFor();
    await page.getByTestId('hall-tasks-assigned').getByTestId(`hall-task-${task.id}`).waitFor();
    const late = page.getByTestId(`hall-task-${overdue.id}`);
    expect(await late.getAttribute('class')).toContain('hall-task--overdue');
    expect(await late.textContent()).toContain('超时');
    expect(await page.getByTestId('hall-measure-vehicle').textContent()).toContain('6');
    const warningRow = page.getByTestId(`hall-warning-${warning.code}`);
    expect(await warningRow.textContent()).toContain('确认 0/2');
    expect(await page.getByTestId('hall-duty').locator('li').count()).toBeGreaterThan(5);
    // A wall screen: the on-duty phones are masked even for the commander.
    expect(await page.getByTestId('hall-duty').textContent()).not.toMatch(/1\d{10}/);
    await page.locator('[data-testid="hall-live"]', { hasText: '实时' }).waitFor();
    await browser.step('hall with an open level III incident');

    // The unit signs its task and acknowledges the warning: the hall follows without a reload.
    const unit = await loginApi(BASE_URL!, 'demo-dept');
    await callApi(unit, 'POST', `/incident-tasks/${task.id}/actions/sign`, { version: task.version });
    await page.getByTestId('hall-tasks-signed').getByTestId(`hall-task-${task.id}`).waitFor({ timeout: 15_000 });
    await page.getByTestId('hall-timeline').getByText('签收任务').first().waitFor();
    await callApi(unit, 'POST', `/warnings/${warning.id}/acknowledge`, {});
    await warningRow.getByText('确认 1/2').waitFor({ timeout: 15_000 });
    await browser.step('task signed and warning acknowledged, live');

    browser.assertNoConsoleErrors();
  });

  it('shows the emergency figures on the statistics page’s 应急管理 tab', async () => {
    await seedIncident();
    browser = await launchBrowser('stats-emergency', { baseURL: BASE_URL });
    const { page } = browser;
    await page.goto('/login?redirect=/stats');
    await loginInBrowser(page, 'demo-commander');
    await page.waitForURL(/\/stats$/);
    await page.getByRole('tab', { name: '应急管理' }).click();
    const received = page.getByTestId('stats-emergency-received');
    await received.waitFor();
    expect(Number(await received.locator('strong').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('stats-emergency-measure-vehicle').textContent()).toContain('车次');
    const units = page.getByTestId('stats-emergency-units');
    await units.getByText('消防救援大队').first().waitFor();
    expect(await units.textContent()).toContain('100.0%');
    await browser.step('stats emergency tab');
    browser.assertNoConsoleErrors();
  });
});
