/** Shared helpers for the incidents tests: acts, duty shifts, alert results delivered as the call-events consumer will. */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { AlertCall } from '@yixian/db';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { applyAlertResult } from '../src/modules/alert-calls/index.js';
import type { IncidentDeps } from '../src/modules/incidents/incident-deps.js';
// Registers the incidents' handler of activation call results, as the worker's job registry does.
import '../src/modules/incidents/incidents.jobs.js';
import type { Session, TestApp } from './helpers/test-app.js';

export function incidentDeps(t: TestApp): IncidentDeps {
  return { prisma: t.prisma, redis: t.app.redis, config: t.app.config, clock: t.clock };
}

export async function act(t: TestApp, session: Session, id: string, action: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/incidents/${id}/actions/${action}`, headers: session.headers, payload: body });
}

export async function detail(t: TestApp, session: Session, id: string) {
  return t.app.inject({ method: 'GET', url: `/api/incidents/${id}`, headers: session.headers });
}

export async function report(t: TestApp, session: Session, id: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/incidents/${id}/reports`, headers: session.headers, payload: body });
}

/** An on-duty and a deputy shift around `at` for the unit (24 h from 08:00 the day before). */
export async function addShifts(t: TestApp, unitId: string, at: Date, phones: { onDuty: string; deputy?: string }) {
  const startsAt = new Date(at.getTime() - 6 * 3600_000);
  const endsAt = new Date(startsAt.getTime() + 24 * 3600_000);
  const onDuty = await t.prisma.dutyShift.create({ data: { unitId, role: 'on_duty', personName: '值班员 甲', phone: phones.onDuty, startsAt, endsAt } });
  const deputy = phones.deputy
    ? await t.prisma.dutyShift.create({ data: { unitId, role: 'deputy', personName: '副班 乙', phone: phones.deputy, startsAt, endsAt } })
    : null;
  return { onDuty, deputy };
}

/** The latest call placed for an activation. */
export async function latestCall(t: TestApp, activationId: string): Promise<AlertCall> {
  const call = await t.prisma.alertCall.findFirst({ where: { activationId }, orderBy: [{ placedAt: 'desc' }, { id: 'desc' }] });
  if (!call) throw new Error(`no call for activation ${activationId}`);
  return call;
}

/** A worker context on the test app's services (the call-events consumer's, when no harness runs). */
export function workerContextOf(t: TestApp): WorkerContext {
  return { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: pino({ level: 'silent' }) };
}

/**
 * The bridge's `alert.result` for a call, applied by the real call-events consumer's function: the
 * AlertCall row ends (first report only) and the incidents' handler runs in the same transaction.
 */
export async function deliverResult(
  t: TestApp, call: AlertCall, outcome: 'acknowledged' | 'answered' | 'no_answer' | 'busy' | 'failed', context: WorkerContext = workerContextOf(t),
) {
  const detail = { acknowledged: 'DTMF', answered: 'no_digit', no_answer: 'NOANSWER', busy: 'BUSY', failed: 'CHANUNAVAIL' }[outcome];
  const applied = await applyAlertResult(context, {
    kind: 'alert.result', eventId: randomUUID(), pbxId: t.app.config.pbxId, at: t.clock.now().toISOString(),
    alertCallId: call.id, outcome, detail, digits: outcome === 'acknowledged' ? '1' : '',
  });
  return { applied, call: await t.prisma.alertCall.findUniqueOrThrow({ where: { id: call.id } }) };
}
