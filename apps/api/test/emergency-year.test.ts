/**
 * The seed's 2017 emergency year run through the product (issue 16, "done when"): 177 incident
 * reports from the centre, escalated tickets and units; 25 verified and filed, each activating the
 * default plan's linkage units, whose on-duty people are called and acknowledge with DTMF (results
 * delivered as the call-events worker applies them) — some only after the retries, through their
 * deputy; tasks done, reports made, the ice storm's and the cycling race's resources dispatched
 * (3,100 vehicle trips, 200,000 person-times, 500 t of salt); the other 152 dismissed with a reason;
 * twelve warnings drafted, approved by a second person, published to the tier-1 units and
 * acknowledged (the red ones by phone). Then the year's figures, January's monthly report and a
 * one-click assessment of the year on the emergency indicators — all from the system's own records.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAlertResult } from '../src/modules/alert-calls/index.js';
import { INCIDENT_JOBS, INCIDENTS_QUEUE } from '../src/modules/incidents/activation-calls.js';
import { incidentsQueue } from '../src/modules/incidents/incidents.jobs.js';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import { warningsQueue } from '../src/modules/warnings/warnings.jobs.js';
import { producerOf } from '../src/jobs/worker-context.js';
import { startDeliveryHarness, waitIdle, type DeliveryHarness } from './deadlines-harness.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { yearReports, YEAR_WARNINGS, type YearReport } from './emergency-year/year-2017.js';

let t: TestApp;
let harness: DeliveryHarness;
const MINUTE = 60_000;
const YEAR = { from: '2017-01-01T00:00:00+08:00', to: '2018-01-01T00:00:00+08:00' };

let dispatcher: Session;
let commander: Session;
let unitReporter: Session;
let admin: Session;
/** A signed-in duty officer of each linkage unit (tier 1 and 2). */
const unitSessions = new Map<string, Session>();
/** Units whose on-duty person never answers: reached through the deputy after the retries. */
const silentOnDuty = new Set<string>();
let tier1Units: string[] = [];
let linkageUnits: { id: string }[] = [];
/** Duty days (08:00 local to 08:00) already on the roster. */
const rosteredDays = new Set<number>();

/**
 * The roster of the duty day around `at` for every linkage unit, entered by the administrator as a
 * unit's monthly roster would be: an on-duty person and a deputy on a 24 h shift from 08:00.
 */
async function ensureRoster(at: Date): Promise<void> {
  const DAY = 24 * 60 * MINUTE;
  // 08:00 in Asia/Shanghai is 00:00 UTC.
  const start = Math.floor(at.getTime() / DAY) * DAY;
  if (rosteredDays.has(start)) return;
  rosteredDays.add(start);
  for (const [index, unit] of linkageUnits.entries()) {
    for (const role of ['on_duty', 'deputy'] as const) {
      await ok(post(admin, '/api/duty-shifts', {
        unitId: unit.id, role, personName: role === 'on_duty' ? `值班员${index}` : `副班${index}`,
        phone: `139${String(index).padStart(4, '0')}${role === 'on_duty' ? '0001' : '0002'}`,
        startsAt: new Date(start).toISOString(), endsAt: new Date(start + DAY).toISOString(),
      }), 201);
    }
  }
}

const post = (session: Session, url: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: session.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: session.headers });

async function ok<T = Record<string, unknown>>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(status);
  return answer.json() as T;
}

/** Re-signs everyone in: the app clock jumps across the year, past any session's idle time. */
async function signInAll(): Promise<void> {
  [dispatcher, commander, unitReporter, admin] = await Promise.all([
    login(t.app, 'demo-dispatcher'), login(t.app, 'demo-commander'), login(t.app, 'demo-dept'), login(t.app, 'demo-admin'),
  ]);
  for (const unitId of unitSessions.keys()) unitSessions.set(unitId, await login(t.app, `duty-${unitId}`));
}

async function sweepIncidents(): Promise<void> {
  await producerOf(harness.context).get(INCIDENTS_QUEUE).add(INCIDENT_JOBS.sweep, {});
  await waitIdle(harness.running.workers, harness.context);
}

/** What the bridge would hand over for the call: the PBX's result, applied by the real worker code. */
async function answerCall(alertCallId: string, outcome: 'acknowledged' | 'no_answer'): Promise<void> {
  await applyAlertResult(harness.context, {
    kind: 'alert.result', eventId: `alert:${alertCallId}:result`, pbxId: 'pbx-1', at: t.clock.now().toISOString(),
    alertCallId, outcome, detail: outcome === 'acknowledged' ? 'DTMF' : 'NOANSWER', digits: outcome === 'acknowledged' ? '1' : '',
  });
}

async function placedCalls(where: Record<string, unknown>) {
  return t.prisma.alertCall.findMany({ where: { outcome: 'placed', ...where }, orderBy: { placedAt: 'asc' } });
}

/** Every activated unit is reached: most on-duty people press 1 at once; the silent ones' deputies do after the retries. */
async function reachActivatedUnits(incidentId: string): Promise<void> {
  await harness.settle();
  for (let round = 0; round < 10; round += 1) {
    const calls = await placedCalls({ activation: { incidentId } });
    if (calls.length === 0) return;
    for (const call of calls) {
      const activation = await t.prisma.incidentActivation.findUniqueOrThrow({ where: { id: call.activationId! } });
      const silent = silentOnDuty.has(activation.unitId) && activation.target === 'on_duty';
      await answerCall(call.id, silent ? 'no_answer' : 'acknowledged');
    }
    await harness.settle();
    // The retry interval passes on the app clock; the sweep places the due retries (and the deputy's calls).
    t.clock.advance(2 * MINUTE + 1000);
    await ensureRoster(t.clock.now());
    await sweepIncidents();
  }
  throw new Error(`calls of incident ${incidentId} never settled`);
}

async function act(incidentId: string, action: string, body: Record<string, unknown> = {}, session = commander) {
  const current = await ok<{ version: number }>(get(session, `/api/incidents/${incidentId}`));
  return ok<{ id: string; state: string; version: number }>(post(session, `/api/incidents/${incidentId}/actions/${action}`, { version: current.version, ...body }));
}

async function report(incident: YearReport): Promise<{ id: string; code: string }> {
  const body = { type: incident.type, subtype: incident.subtype, level: incident.level, title: incident.title, description: `${incident.title}（2017 年记录）` };
  if (incident.source === 'ticket') {
    const ticket = await createTicket(t.prisma, { areaId: undefined });
    return ok(post(dispatcher, `/api/tickets/${ticket.id}/escalate-incident`, body), 201);
  }
  return ok(post(incident.source === 'unit' ? unitReporter : dispatcher, '/api/incidents', body), 201);
}

/** Resources of the ice storm and the race, dispatched a day at a time over ten (race: four) days. */
async function dispatchResources(incidentId: string, incident: YearReport, resourceIds: Record<string, string>): Promise<void> {
  const days = incident.subtype === 'ice_snow' ? 10 : 4;
  for (let day = 0; day < days; day += 1) {
    for (const { measure, amount } of incident.resources ?? []) {
      const allocation = await ok<{ id: string }>(post(dispatcher, `/api/incidents/${incidentId}/allocations`, { resourceId: resourceIds[measure], requested: amount / days }), 201);
      await ok(post(commander, `/api/resource-allocations/${allocation.id}/actions/allocate`, { allocated: amount / days }));
      // Vehicles and people come back at the end of the day; salt is spread.
      if (measure !== 'tonne') await ok(post(commander, `/api/resource-allocations/${allocation.id}/actions/return`, {}));
    }
    t.clock.advance(24 * 60 * MINUTE);
    await signInAll();
  }
  await signInAll();
}

async function respond(incidentId: string, incident: YearReport, resourceIds: Record<string, string>): Promise<void> {
  await reachActivatedUnits(incidentId);
  t.clock.advance(15 * MINUTE);
  await ok(post(commander, `/api/incidents/${incidentId}/reports`, { kind: 'initial', text: `${incident.title}：初报，现场情况已核实。` }), 201);
  // One task of the commander's own for the first activated unit besides the plan's; every task
  // signed for and done by its unit's duty officer before its deadline.
  const first = await t.prisma.incidentActivation.findFirstOrThrow({ where: { incidentId }, orderBy: { unitId: 'asc' } });
  await ok(post(commander, `/api/incidents/${incidentId}/tasks`, {
    unitId: first.unitId, title: '现场处置并报告', dueAt: new Date(t.clock.now().getTime() + 4 * 60 * MINUTE).toISOString(),
  }), 201);
  t.clock.advance(20 * MINUTE);
  for (const task of await t.prisma.incidentTask.findMany({ where: { incidentId, state: 'assigned' } })) {
    const officer = unitSessions.get(task.unitId)!;
    const signed = await ok<{ version: number }>(post(officer, `/api/incident-tasks/${task.id}/actions/sign`, { version: task.version }));
    await ok(post(officer, `/api/incident-tasks/${task.id}/actions/done`, { version: signed.version, text: '已处置完毕' }));
  }
  if (incident.resources) await dispatchResources(incidentId, incident, resourceIds);
  await ok(post(commander, `/api/incidents/${incidentId}/reports`, { kind: 'follow_up', text: '续报：处置进展顺利，无新增伤亡。' }), 201);
  t.clock.advance(60 * MINUTE);
  await act(incidentId, 'handle', { note: '处置完毕' });
  t.clock.advance(120 * MINUTE);
  await ok(post(commander, `/api/incidents/${incidentId}/reports`, { kind: 'final', text: '终报：事件处置完毕，各联动单位已撤离。' }), 201);
  await act(incidentId, 'close', { summary: `${incident.title}已处置完毕，联动单位按预案到位。` });
}

async function publishWarning(warning: (typeof YEAR_WARNINGS)[number]): Promise<string> {
  t.clock.set(new Date(warning.at));
  await signInAll();
  await ensureRoster(t.clock.now());
  const validFrom = t.clock.now();
  const drafted = await ok<{ id: string; version: number }>(post(dispatcher, '/api/warnings', {
    level: warning.level, type: warning.type, title: warning.title, text: warning.text, targets: { tiers: [1] },
    validFrom: validFrom.toISOString(), validUntil: new Date(validFrom.getTime() + warning.hours * 60 * MINUTE).toISOString(),
  }), 201);
  const submitted = await ok<{ version: number }>(post(dispatcher, `/api/warnings/${drafted.id}/actions/submit`, { version: drafted.version }));
  t.clock.advance(10 * MINUTE);
  await ok(post(commander, `/api/warnings/${drafted.id}/actions/approve`, { version: submitted.version }));
  await harness.settle();
  // Red: every recipient unit's on-duty phone rings; pressing 1 acknowledges.
  for (const call of await placedCalls({ purpose: 'warning' })) await answerCall(call.id, 'acknowledged');
  await harness.settle();
  t.clock.advance(5 * MINUTE);
  for (const unitId of tier1Units) {
    const session = unitSessions.get(unitId)!;
    const mine = await ok<{ items: { id: string; acknowledgedAt: string | null }[] }>(get(session, '/api/warnings/mine'));
    const entry = mine.items.find((item) => item.id === drafted.id);
    expect(entry, `${warning.title} reaches ${unitId}`).toBeDefined();
    if (entry!.acknowledgedAt === null) await ok(post(session, `/api/warnings/${drafted.id}/acknowledge`));
  }
  return drafted.id;
}

interface Figures {
  incidents: { received: number; filed: number; dismissed: number; handled: number; closed: number; handlingRate: number | null; firstReport: { reported: number; owed: number; onTime: number } };
  activations: { total: number; acknowledged: number; ackRate: number | null; escalated: number; unreached: number };
  tasks: { due: number; onTime: number; onTimeRate: number | null };
  warnings: { recipients: number; acknowledged: number; ackRate: number | null };
  resources: { byMeasure: Record<string, number> };
  units: { unit: { id: string; name: string }; activations: { total: number; acknowledged: number } }[];
}

beforeAll(async () => {
  t = await createTestApp({ SESSION_IDLE_MINUTES: '1440', WARNING_REMIND_MINUTES: '30' });
  harness = await startDeliveryHarness(t, [incidentsQueue, notificationsQueue, warningsQueue]);
  // A duty officer account for every linkage unit of tiers 1 and 2, and a year of rosters (on duty + deputy).
  const dept = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  const units = await t.prisma.unit.findMany({ where: { linkageTier: { in: [1, 2] }, active: true }, orderBy: { id: 'asc' } });
  for (const [index, unit] of units.entries()) {
    await t.prisma.user.create({ data: { ...dept, id: randomUUID(), username: `duty-${unit.id}`, displayName: `${unit.name}值班员`, unitId: unit.id, scopeUnitIds: [unit.id], phone: null, createdAt: undefined, updatedAt: undefined } });
    unitSessions.set(unit.id, await login(t.app, `duty-${unit.id}`));
    if (index % 7 === 3) silentOnDuty.add(unit.id);
  }
  tier1Units = units.filter((unit) => unit.linkageTier === 1).map((unit) => unit.id);
  linkageUnits = units;
  await signInAll();
}, 300_000);

afterAll(async () => {
  await harness?.close();
  await t?.close();
});

describe('the 2017 emergency year', () => {
  const codes: string[] = [];
  let resourceIds: Record<string, string> = {};

  it('takes 177 reports, files 25 and closes them with every activated unit reached, dismisses the rest with a reason', async () => {
    const emergency = 'dept-emergency';
    resourceIds = {
      vehicle: (await ok<{ id: string }>(post(admin, '/api/resources', { unitId: emergency, kind: 'vehicle', name: '应急保障车辆（车次/日）', measure: 'vehicle', quantity: 320 }), 201)).id,
      person: (await ok<{ id: string }>(post(admin, '/api/resources', { unitId: emergency, kind: 'person', name: '应急救援队伍（人次/日）', measure: 'person', quantity: 20_000 }), 201)).id,
      tonne: (await ok<{ id: string }>(post(admin, '/api/resources', { unitId: emergency, kind: 'material', name: '工业盐', measure: 'tonne', quantity: 600 }), 201)).id,
    };
    let signedInAt = 0;
    for (const incident of yearReports()) {
      t.clock.set(new Date(incident.at));
      // Sessions end after a day of idle time; the year's clock moves days between reports.
      if (t.clock.now().getTime() - signedInAt > 12 * 60 * MINUTE) {
        signedInAt = t.clock.now().getTime();
        await signInAll();
      }
      const created = await report(incident);
      codes.push(created.code);
      t.clock.advance(10 * MINUTE);
      if (!incident.filed) {
        await act(created.id, 'dismiss', { reason: incident.dismissReason });
        continue;
      }
      await ensureRoster(t.clock.now());
      await act(created.id, 'verify', { note: '电话核实属实' });
      t.clock.advance(5 * MINUTE);
      await act(created.id, 'file', { level: incident.level, note: '达到立案标准' });
      await respond(created.id, incident, resourceIds);
    }
    expect(new Set(codes).size).toBe(177);
    expect(await t.prisma.incident.count()).toBe(177);
    expect(await t.prisma.incident.count({ where: { state: 'closed' } })).toBe(25);
    expect(await t.prisma.incident.count({ where: { state: 'dismissed', dismissReason: { not: null } } })).toBe(152);
    // Every activated unit was reached: acknowledged, by the on-duty person or by the deputy after escalation.
    const activations = await t.prisma.incidentActivation.findMany({ select: { state: true, acknowledgedVia: true, escalatedAt: true, unitId: true } });
    expect(activations.length).toBeGreaterThanOrEqual(25 * 11);
    expect(activations.filter((a) => a.state !== 'acknowledged' && a.state !== 'stood_down')).toEqual([]);
    expect(activations.every((a) => a.acknowledgedVia === 'phone')).toBe(true);
    const escalated = activations.filter((a) => a.escalatedAt !== null);
    expect(escalated.length).toBeGreaterThan(0);
    expect(escalated.every((a) => silentOnDuty.has(a.unitId))).toBe(true);
  }, 1_200_000);

  it('publishes the year\'s twelve warnings through a second person, acknowledged by every tier-1 unit', async () => {
    for (const warning of YEAR_WARNINGS) await publishWarning(warning);
    const published = await t.prisma.warning.findMany({ where: { publishedAt: { not: null } } });
    expect(published).toHaveLength(12);
    expect(published.every((w) => w.approvedById !== null && w.approvedById !== w.draftedById)).toBe(true);
    expect(await t.prisma.warningRecipient.count({ where: { acknowledgedAt: null } })).toBe(0);
    // The two red ones were acknowledged on the phone.
    expect(await t.prisma.warningRecipient.count({ where: { acknowledgedVia: 'phone' } })).toBe(2 * (await t.prisma.unit.count({ where: { linkageTier: 1, active: true } })));
  }, 600_000);

  it('shows the year in the figures: 177 received, 25 filed and handled, every unit reached, 3,100 vehicle trips, 200,000 person-times, 500 t', async () => {
    await signInAll();
    const figures = await ok<Figures>(get(commander, `/api/statistics/emergency?from=${encodeURIComponent(YEAR.from)}&to=${encodeURIComponent(YEAR.to)}`));
    console.log(`2017: ${JSON.stringify({ incidents: figures.incidents, activations: figures.activations, tasks: figures.tasks, warnings: figures.warnings, resources: figures.resources })}`);
    expect(figures.incidents).toMatchObject({ received: 177, filed: 25, dismissed: 152, handlingRate: 1 });
    expect(figures.incidents.firstReport).toMatchObject({ reported: 25, onTime: 25 });
    expect(figures.activations.unreached).toBe(0);
    expect(figures.activations.acknowledged).toBe(figures.activations.total);
    expect(figures.activations.escalated).toBeGreaterThan(0);
    const tasks = await t.prisma.incidentTask.count();
    expect(tasks).toBeGreaterThan(25);
    expect(figures.tasks).toMatchObject({ due: tasks, onTime: tasks, onTimeRate: 1 });
    expect(figures.warnings.ackRate).toBe(1);
    expect(figures.resources.byMeasure).toMatchObject({ vehicle: 3100, person: 200_000, tonne: 500 });
  });

  it('puts January in the monthly report: the ice storm month, 22 reports, 4 filed', async () => {
    const january = await ok<{ emergency: Figures }>(get(commander, '/api/reports/monthly?month=2017-01'));
    expect(january.emergency.incidents).toMatchObject({ received: 22, filed: 4, dismissed: 18 });
    expect(january.emergency.resources.byMeasure).toMatchObject({ tonne: 500, vehicle: 1900, person: 120_000 });
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/reports/monthly?month=2017-01&format=xlsx', headers: commander.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('scores the linkage units in one click on the emergency indicators of the year', async () => {
    const scheme = await ok<{ id: string }>(post(admin, '/api/assessment/schemes', {
      name: '应急管理工作 2017',
      rules: {
        department: [
          { indicator: 'activation_ack_rate', weight: 40, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } },
          { indicator: 'activation_ack_minutes', weight: 20, rule: { kind: 'linear', zeroAt: 30, fullAt: 5 } },
          { indicator: 'task_on_time', weight: 20, rule: { kind: 'linear', zeroAt: 0, fullAt: 1 } },
          { indicator: 'warning_ack_rate', weight: 20, rule: { kind: 'linear', zeroAt: 0, fullAt: 1 } },
        ],
      },
    }), 201);
    const run = await ok<{ groups: { unitType: string; units: { unitId: string; score: number | null; indicators: { indicator: string; value: number | null }[] }[] }[] }>(
      post(commander, '/api/assessment/runs', { schemeId: scheme.id, period: { kind: 'year', year: 2017 } }), 201);
    const departments = run.groups.find((g) => g.unitType === 'department')!.units;
    const tier1 = await t.prisma.unit.findMany({ where: { linkageTier: 1, type: 'department' }, select: { id: true } });
    for (const { id } of tier1) {
      const row = departments.find((u) => u.unitId === id)!;
      expect(row.score, id).not.toBeNull();
      expect(row.indicators.find((i) => i.indicator === 'activation_ack_rate')!.value).toBe(1);
      expect(row.indicators.find((i) => i.indicator === 'warning_ack_rate')!.value).toBe(1);
    }
    // A unit reached only through its deputy acknowledged later than one whose on-duty person answered.
    const scored = departments.filter((u) => u.score !== null);
    console.log(`2017 assessment: ${scored.map((u) => `${u.unitId} ${u.score}`).join(', ')}`);
    expect(Math.min(...scored.map((u) => u.score!))).toBeLessThan(Math.max(...scored.map((u) => u.score!)));
  });
});
