/**
 * Queue `incidents`: `incident.activation.retry` `{ activationId, target, attempt, dueAt }` (ids only)
 * places an activation's next alert call when its due time has come on the app clock (early → back to
 * the delayed set); `incident.reports.sweep` (repeatable every minute, one fixed scheduler id so several
 * workers share one schedule) flags overdue reports and promotes retries whose due time has come (how
 * moved time takes effect).
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import { producerOf, type WorkerContext } from '../../jobs/worker-context.js';
import { INCIDENT_JOBS, INCIDENTS_QUEUE, applyActivationResult, callActivation, queueEffectsInTx } from './activation-calls.js';
import { onAlertResult } from './alert-call-adapter.js';
import type { IncidentDeps } from './incident-deps.js';
import { newEffects, pushIncidentsChanged, runEffects } from './incident-effects.js';
import { sweepOverdueReports } from './sweep-overdue-reports.js';

export const INCIDENT_SWEEP_SCHEDULER_ID = 'incident-report-sweep';

export function incidentDepsOf(context: WorkerContext): IncidentDeps {
  return { prisma: context.prisma, redis: context.redis, config: context.config, clock: context.clock, producer: producerOf(context) };
}

// The call-events consumer (worker) hands each activation call's outcome here, in its transaction.
onAlertResult('activation', async ({ tx, context, alertCall }) => {
  const effects = newEffects();
  await applyActivationResult(tx, alertCall, context.clock.now(), effects);
  await queueEffectsInTx(tx, incidentDepsOf(context), effects, `call-${alertCall.id}`);
});

interface RetryPayload { activationId: string; target: 'on_duty' | 'deputy'; attempt: number; dueAt: Date }

export function parseRetryPayload(data: unknown): RetryPayload {
  const payload = data as Record<string, unknown> | null;
  if (!payload || typeof payload !== 'object') throw new UnrecoverableError('incident retry: payload is not an object');
  if (typeof payload.activationId !== 'string' || !/^[\w-]{1,64}$/.test(payload.activationId)) throw new UnrecoverableError('incident retry: activationId is required');
  if (payload.target !== 'on_duty' && payload.target !== 'deputy') throw new UnrecoverableError('incident retry: target must be on_duty or deputy');
  if (!Number.isInteger(payload.attempt) || (payload.attempt as number) < 2) throw new UnrecoverableError('incident retry: attempt must be an integer ≥ 2 (the first call is placed by the activation)');
  if (typeof payload.dueAt !== 'string' || Number.isNaN(Date.parse(payload.dueAt))) throw new UnrecoverableError('incident retry: dueAt must be an ISO time');
  return { activationId: payload.activationId, target: payload.target, attempt: payload.attempt as number, dueAt: new Date(payload.dueAt) };
}

/** Promotes delayed retries whose due time has come on the app clock. */
async function promoteDueRetries(context: WorkerContext): Promise<number> {
  const queue = producerOf(context).get(INCIDENTS_QUEUE);
  const now = context.clock.now().getTime();
  let promoted = 0;
  for (const job of await queue.getDelayed(0, 999)) {
    const dueAt = Date.parse(String((job.data as { dueAt?: unknown })?.dueAt));
    if (job.name === INCIDENT_JOBS.retry && dueAt <= now) {
      await job.promote().catch(() => undefined);
      promoted += 1;
    }
  }
  return promoted;
}

export async function processIncidentJob(job: Job, context: WorkerContext, token?: string): Promise<unknown> {
  const deps = incidentDepsOf(context);
  if (job.name === INCIDENT_JOBS.sweep) {
    const flagged = await sweepOverdueReports(context.prisma, context.clock.now());
    await pushIncidentsChanged(deps, flagged);
    const promoted = await promoteDueRetries(context);
    return { flagged: flagged.length, promoted };
  }
  if (job.name !== INCIDENT_JOBS.retry) throw new UnrecoverableError(`incidents queue: unknown job ${job.name}`);
  const input = parseRetryPayload(job.data);
  const early = input.dueAt.getTime() - context.clock.now().getTime();
  if (early > 0) {
    if (!token) throw new Error(`incident retry ${job.id}: ran ${early} ms early`);
    await job.moveToDelayed(Date.now() + early, token);
    throw new DelayedError();
  }
  const effects = await callActivation(deps, { activationId: input.activationId, target: input.target, attempt: input.attempt });
  await runEffects(deps, effects);
  return { placed: true };
}

export const incidentsQueue: QueueDefinition = {
  name: INCIDENTS_QUEUE,
  concurrency: 4,
  repeat: [{ schedulerId: INCIDENT_SWEEP_SCHEDULER_ID, everyMs: 60_000, jobName: INCIDENT_JOBS.sweep }],
  process: processIncidentJob,
};
