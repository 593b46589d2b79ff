/**
 * Reaching an activated unit by phone: call its on-duty person (the DutyShift, or the unit's duty
 * line), retry `retry.attempts` times `retry.intervalSeconds` apart while no one presses 1, then
 * escalate to the deputy with the same retries, then give up: `unreached` and an alarm to the
 * commanders. An acknowledgement (by phone, or in the app) at any time stops the calls.
 *
 * Every step is idempotent: a result delivered twice, a retry job run twice or late after an
 * acknowledgement changes nothing (the trail keeps one entry per call result; a step checks the
 * activation's target and attempt count before it calls).
 */
import type { AlertCall, IncidentActivation, Incident, Prisma } from '@yixian/db';
import { addToOutbox } from '../outbox/add-to-outbox.js';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';
import type { RetryRules } from '../response-plans/plan-rules.js';
import { loadPlanRules } from '../response-plans/resolve-plan.js';
import { placeActivationCall } from './alert-call-adapter.js';
import { findOnDuty } from '../duty-rosters/find-on-duty.js';
import { incidentProducer, type IncidentDeps } from './incident-deps.js';
import { newEffects, runEffects, type CallStep, type Effects, type RetryStep } from './incident-effects.js';
import { notifyCommanders } from './notify-commanders.js';
import { recordIncidentEvent } from './record-incident-event.js';

export const INCIDENTS_QUEUE = 'incidents';
export const INCIDENT_JOBS = { retry: 'incident.activation.retry', sweep: 'incident.reports.sweep' } as const;
/** Used when an incident has no plan (units activated by hand before filing under one). */
export const DEFAULT_RETRY: RetryRules = { attempts: 2, intervalSeconds: 120, ringSeconds: 30 };
const CALLING_STATES = ['notifying', 'escalated'];

export async function retryRulesOf(tx: Prisma.TransactionClient, incident: Pick<Incident, 'planId' | 'planVersion'>): Promise<RetryRules> {
  return (await loadPlanRules(tx, incident.planId, incident.planVersion))?.retry ?? DEFAULT_RETRY;
}

async function lockActivation(tx: Prisma.TransactionClient, id: string) {
  await tx.$queryRaw`SELECT id FROM incident_activation WHERE id = ${id} FOR UPDATE`;
  return tx.incidentActivation.findUnique({ where: { id }, include: { incident: true } });
}

/** A push to the unit's consoles (through the outbox, with the transaction). */
export async function pushToUnit(tx: Prisma.TransactionClient, activation: Pick<IncidentActivation, 'id' | 'unitId'>, key: string): Promise<void> {
  await addToOutbox(tx, {
    topic: OUTBOX_TOPICS.live_push, dedupeKey: `push-activation-${activation.id}-${key}`,
    payload: { topic: `unit:${activation.unitId}`, payload: { type: 'incident.activation', activationId: activation.id } },
  });
}

/**
 * The acknowledgement of an activation (by phone or in the app): the calls stop; the first one on a
 * filed incident moves it to responding.
 */
export async function acknowledgeActivation(
  tx: Prisma.TransactionClient,
  activation: IncidentActivation & { incident: Incident },
  by: { via: 'phone' | 'app'; userId: string | null; role: string },
  now: Date,
  effects: Effects,
): Promise<void> {
  await tx.incidentActivation.update({
    where: { id: activation.id },
    data: { state: 'acknowledged', acknowledgedAt: now, acknowledgedVia: by.via, acknowledgedById: by.userId },
  });
  await recordIncidentEvent(tx, {
    incidentId: activation.incidentId, action: 'activation_acknowledged', actorId: by.userId, actorRole: by.role, unitId: activation.unitId,
    data: { activationId: activation.id, via: by.via }, at: now,
  });
  await pushToUnit(tx, activation, 'acknowledged');
  effects.incidentIds.add(activation.incidentId);
  const incident = activation.incident;
  if (incident.state === 'filed') {
    await tx.incident.update({ where: { id: incident.id }, data: { state: 'responding', respondingAt: now, version: { increment: 1 } } });
    await recordIncidentEvent(tx, {
      incidentId: incident.id, action: 'respond', fromState: 'filed', toState: 'responding', actorId: null, actorRole: 'system',
      unitId: activation.unitId, reason: 'first_acknowledgement', data: { activationId: activation.id }, at: now,
    });
  }
}

/** No one answered the current target: escalate to the deputy, or, after the deputy, give up with an alarm. */
async function exhaustTarget(tx: Prisma.TransactionClient, activation: IncidentActivation & { incident: Incident }, now: Date, effects: Effects): Promise<void> {
  effects.incidentIds.add(activation.incidentId);
  if (activation.target === 'on_duty') {
    const deputy = await findOnDuty(tx, activation.unitId, now, 'deputy');
    await tx.incidentActivation.update({
      where: { id: activation.id },
      data: { state: 'escalated', target: 'deputy', escalatedAt: now, dutyShiftId: deputy?.id ?? null },
    });
    await recordIncidentEvent(tx, {
      incidentId: activation.incidentId, action: 'activation_escalated', actorRole: 'system', unitId: activation.unitId,
      data: { activationId: activation.id, deputyShiftId: deputy?.id ?? null }, at: now,
    });
    await pushToUnit(tx, activation, 'escalated');
    // Attempts go on counting across the escalation (one AlertCall per activation and attempt).
    effects.calls.push({ activationId: activation.id, target: 'deputy', attempt: activation.attempts + 1 });
    return;
  }
  await tx.incidentActivation.update({ where: { id: activation.id }, data: { state: 'unreached' } });
  await recordIncidentEvent(tx, {
    incidentId: activation.incidentId, action: 'activation_unreached', actorRole: 'system', unitId: activation.unitId,
    data: { activationId: activation.id }, at: now,
  });
  const unit = await tx.unit.findUnique({ where: { id: activation.unitId }, select: { name: true } });
  await notifyCommanders(tx, {
    kind: 'incident_unreached', dedupeKey: `incident-unreached-${activation.id}`,
    title: `突发事件 ${activation.incident.code}：${unit?.name ?? ''} 值班及副班均未联系上`,
  });
  await pushToUnit(tx, activation, 'unreached');
}

/**
 * Places call `attempt` to the activation's current target, if that is still the next step. Without
 * a number to call, the target is exhausted at once. Returns what follows (an escalation's first call).
 */
export async function callActivation(deps: IncidentDeps, step: CallStep): Promise<Effects> {
  const effects = newEffects();
  const now = deps.clock.now();
  const planned = await deps.prisma.$transaction(async (tx) => {
    const activation = await lockActivation(tx, step.activationId);
    if (!activation || !CALLING_STATES.includes(activation.state)) return null;
    if (activation.target !== step.target || activation.attempts !== step.attempt - 1) return null;
    const shift = activation.dutyShiftId ? await tx.dutyShift.findUnique({ where: { id: activation.dutyShiftId } }) : null;
    const unit = await tx.unit.findUnique({ where: { id: activation.unitId }, select: { dutyPhone: true } });
    const number = shift?.phone ?? (activation.target === 'on_duty' ? unit?.dutyPhone ?? null : null);
    if (!number) {
      await recordIncidentEvent(tx, {
        incidentId: activation.incidentId, action: 'alert_call_skipped', actorRole: 'system', unitId: activation.unitId,
        reason: 'no_number', data: { activationId: activation.id, target: activation.target }, at: now,
      });
      await exhaustTarget(tx, activation, now, effects);
      return null;
    }
    await tx.incidentActivation.update({ where: { id: activation.id }, data: { attempts: step.attempt } });
    const retry = await retryRulesOf(tx, activation.incident);
    return { number, dutyShiftId: shift?.id ?? null, ringSeconds: retry.ringSeconds, incidentId: activation.incidentId };
  });
  if (planned) {
    await placeActivationCall(deps, { activationId: step.activationId, dutyShiftId: planned.dutyShiftId, attempt: step.attempt, number: planned.number, ringSeconds: planned.ringSeconds });
    effects.incidentIds.add(planned.incidentId);
  }
  return effects;
}

/** Schedules the next call as a delayed job carrying its due time on the app clock (ids only). */
export async function scheduleRetry(deps: IncidentDeps, retry: RetryStep): Promise<void> {
  const delay = Math.max(0, retry.dueAt.getTime() - deps.clock.now().getTime());
  await incidentProducer(deps).get(INCIDENTS_QUEUE).add(
    INCIDENT_JOBS.retry,
    { activationId: retry.activationId, target: retry.target, attempt: retry.attempt, dueAt: retry.dueAt.toISOString() },
    { jobId: `activation-${retry.activationId}-${retry.target}-${retry.attempt}`, delay, removeOnComplete: 1000, removeOnFail: 1000 },
  );
}

/**
 * What an activation's alert call ended with (the AlertCall row has its outcome), inside the
 * transaction that wrote it: acknowledged → the unit acknowledged by phone; anything else → retry
 * (after `retry.intervalSeconds`), escalate to the deputy, or give up. A result seen before, or for
 * a call that is no longer the current one, only leaves its trail entry (once).
 */
export async function applyActivationResult(tx: Prisma.TransactionClient, call: AlertCall, now: Date, effects: Effects): Promise<void> {
  if (!call.activationId || call.purpose !== 'activation' || call.outcome === 'placed') return;
  const activation = await lockActivation(tx, call.activationId);
  if (!activation) return;
  const seen = await tx.incidentEvent.findFirst({
    where: { incidentId: activation.incidentId, action: 'alert_call_result', data: { path: ['alertCallId'], equals: call.id } }, select: { id: true },
  });
  if (seen) return;
  await recordIncidentEvent(tx, {
    incidentId: activation.incidentId, action: 'alert_call_result', actorRole: 'system', unitId: activation.unitId,
    data: { activationId: activation.id, alertCallId: call.id, attempt: call.attempt, target: activation.target, outcome: call.outcome }, at: now,
  });
  effects.incidentIds.add(activation.incidentId);
  const current = CALLING_STATES.includes(activation.state) && call.attempt === activation.attempts && call.dutyShiftId === activation.dutyShiftId;
  if (!current) return;
  if (call.outcome === 'acknowledged') {
    await acknowledgeActivation(tx, activation, { via: 'phone', userId: null, role: 'system' }, now, effects);
    return;
  }
  const retry = await retryRulesOf(tx, activation.incident);
  // Calls to this target so far: the deputy's shift is never the on-duty one.
  const placed = await tx.alertCall.count({ where: { activationId: activation.id, purpose: 'activation', dutyShiftId: call.dutyShiftId } });
  if (placed < 1 + retry.attempts) {
    effects.retries.push({
      activationId: activation.id, target: activation.target as 'on_duty' | 'deputy', attempt: call.attempt + 1,
      dueAt: new Date(now.getTime() + retry.intervalSeconds * 1000),
    });
    return;
  }
  await exhaustTarget(tx, activation, now, effects);
}

/** The same in a transaction of its own, with the effects run after it (tests, and a result applied outside the consumer). */
export async function handleActivationCallResult(deps: IncidentDeps, call: AlertCall): Promise<void> {
  const effects = newEffects();
  await deps.prisma.$transaction((tx) => applyActivationResult(tx, call, deps.clock.now(), effects));
  await runEffects(deps, effects);
}

/**
 * Inside the call-events consumer's transaction: the pushes go through the outbox, the next calls
 * and retries become delayed jobs (a job that starts before the commit waits on the activation's
 * row lock, then finds the committed state).
 */
export async function queueEffectsInTx(tx: Prisma.TransactionClient, deps: IncidentDeps, effects: Effects, cause: string): Promise<void> {
  for (const incidentId of effects.incidentIds) {
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { code: true, state: true, level: true } });
    await addToOutbox(tx, {
      topic: OUTBOX_TOPICS.live_push, dedupeKey: `incident-changed-${incidentId}-${cause}`,
      payload: { topic: 'incidents', payload: { type: 'incident.changed', incidentId, code: incident.code, state: incident.state, level: incident.level } },
    });
  }
  const now = deps.clock.now();
  for (const step of effects.calls) await scheduleRetry(deps, { ...step, dueAt: now });
  for (const retry of effects.retries) await scheduleRetry(deps, retry);
}
