/**
 * Reaching an activated unit by phone through the real BullMQ worker: a call not acknowledged is
 * retried `retry.attempts` times `retry.intervalSeconds` apart (the delayed job waits for the app
 * clock), then escalated to the deputy with the same retries, then given up: `unreached`, an alarm
 * to the commander. An in-app acknowledgement stops the calls; results delivered twice change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsQueue } from '../src/modules/incidents/incidents.jobs.js';
import { INCIDENT_JOBS, INCIDENTS_QUEUE } from '../src/modules/incidents/activation-calls.js';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import { producerOf } from '../src/jobs/worker-context.js';
import { startDeliveryHarness, waitIdle, type DeliveryHarness } from './deadlines-harness.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { loginAll, type Sessions } from './tickets-fixtures.js';
import { act, addShifts, deliverResult, latestCall } from './incidents-fixtures.js';

let t: TestApp;
let s: Sessions;
let harness: DeliveryHarness;
const WATER = 'dept-water';

beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-dispatcher', 'demo-dept']);
  harness = await startDeliveryHarness(t, [incidentsQueue, notificationsQueue]);
});
afterAll(async () => {
  await harness?.close();
  await t?.close();
});

async function fileIncident(): Promise<{ id: string; code: string }> {
  const created = await t.app.inject({
    method: 'POST', url: '/api/incidents', headers: s['demo-dispatcher']!.headers,
    payload: { type: 'natural_disaster', subtype: 'flood', level: 'IV', title: '河堤渗水', description: '河堤出现渗水点' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const filed = await act(t, s['demo-dispatcher']!, created.json().id, 'file', { version: 1 });
  expect(filed.statusCode, filed.body).toBe(200);
  return filed.json();
}

async function activationOf(incidentId: string, unitId: string) {
  return t.prisma.incidentActivation.findUniqueOrThrow({ where: { incidentId_unitId: { incidentId, unitId } } });
}

/** Runs the periodic sweep through the worker: it promotes retries whose due time has come on the app clock. */
async function sweepNow() {
  await producerOf(harness.context).get(INCIDENTS_QUEUE).add(INCIDENT_JOBS.sweep, {});
  await waitIdle(harness.running.workers, harness.context);
}

/** The ring time passes, then the result comes back. */
async function fail(activationId: string, outcome: 'no_answer' | 'busy' | 'answered') {
  t.clock.advance(30_000);
  const delivered = await deliverResult(t, await latestCall(t, activationId), outcome, harness.context);
  expect(delivered.applied).toEqual({ applied: true, handled: true });
  // The consumer's transaction queued what follows (the deputy's call at once, a retry later).
  await waitIdle(harness.running.workers, harness.context);
  return delivered.call;
}

describe('activation calls', () => {
  it('retries, escalates to the deputy, and gives up with an alarm', async () => {
    const shifts = await addShifts(t, WATER, t.clock.now(), { onDuty: '13900000001', deputy: '13900000002' });
    const incident = await fileIncident();
    const activation = await activationOf(incident.id, WATER);
    expect(activation).toMatchObject({ state: 'notifying', target: 'on_duty', attempts: 1, dutyShiftId: shifts.onDuty.id });

    // Attempt 1 unanswered: nothing is called before the interval has passed on the app clock.
    const first = await fail(activation.id, 'no_answer');
    await sweepNow();
    expect(await t.prisma.alertCall.count({ where: { activationId: activation.id } })).toBe(1);
    const delayed = await producerOf(harness.context).get(INCIDENTS_QUEUE).getDelayed();
    expect(delayed.map((job) => job.data)).toContainEqual(expect.objectContaining({ activationId: activation.id, target: 'on_duty', attempt: 2 }));
    // The same result delivered twice changes nothing.
    expect((await deliverResult(t, first, 'no_answer', harness.context)).applied).toEqual({ applied: false, handled: false });
    expect(await t.prisma.incidentEvent.count({ where: { incidentId: incident.id, action: 'alert_call_result', unitId: WATER } })).toBe(1);

    for (const attempt of [2, 3]) {
      t.clock.advance(120_000);
      await sweepNow();
      const call = await latestCall(t, activation.id);
      expect(call).toMatchObject({ attempt, outcome: 'placed', dutyShiftId: shifts.onDuty.id });
      await fail(activation.id, attempt === 2 ? 'busy' : 'answered');
    }
    // After the on-duty person's retries: the deputy is called at once; attempts go on counting.
    let now = await activationOf(incident.id, WATER);
    expect(now).toMatchObject({ state: 'escalated', target: 'deputy', dutyShiftId: shifts.deputy!.id, attempts: 4 });
    expect(await latestCall(t, activation.id)).toMatchObject({ attempt: 4, dutyShiftId: shifts.deputy!.id, outcome: 'placed' });
    for (const attempt of [4, 5, 6]) {
      if (attempt > 4) {
        t.clock.advance(120_000);
        await sweepNow();
        expect(await latestCall(t, activation.id)).toMatchObject({ attempt, dutyShiftId: shifts.deputy!.id });
      }
      await fail(activation.id, 'no_answer');
    }
    now = await activationOf(incident.id, WATER);
    expect(now.state).toBe('unreached');
    expect(await t.prisma.alertCall.count({ where: { activationId: activation.id } })).toBe(6);
    const commander = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-commander' } });
    const alarm = await t.prisma.notification.findFirst({ where: { userId: commander.id, kind: 'incident_unreached', dedupeKey: { startsWith: `incident-unreached-${activation.id}` } } });
    expect(alarm?.title).toContain(incident.code);
    const trail = await t.prisma.incidentEvent.findMany({ where: { incidentId: incident.id, unitId: WATER }, orderBy: { id: 'asc' } });
    expect(trail.map((e) => e.action).filter((a) => a.startsWith('activation_'))).toEqual(['activation_escalated', 'activation_unreached']);
    // A late retry or result after giving up places nothing.
    t.clock.advance(600_000);
    await sweepNow();
    expect(await t.prisma.alertCall.count({ where: { activationId: activation.id } })).toBe(6);
  });

  it('stops calling once the unit acknowledges in the app', async () => {
    const unit = 'dept-urban-management';
    await addShifts(t, unit, t.clock.now(), { onDuty: '13900000003', deputy: '13900000004' });
    const incident = await fileIncident();
    const activation = await activationOf(incident.id, unit);
    await fail(activation.id, 'no_answer');
    const ack = await t.app.inject({ method: 'POST', url: `/api/incident-activations/${activation.id}/acknowledge`, headers: s['demo-dept']!.headers });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'app' });
    t.clock.advance(600_000);
    await sweepNow();
    expect(await t.prisma.alertCall.count({ where: { activationId: activation.id } })).toBe(1);
    const state = await t.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(state.state).toBe('responding');
  });
});
