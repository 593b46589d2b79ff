/**
 * Queue `ticket-deadlines`: job `ticket.deadline.check` with `{ ticketId, step, deadlineVersion,
 * dueAt }` (ids only), job id `ticket-<id>-<step>-v<version>`. A job that runs before its due
 * time on the app clock (clock skew between processes) goes back to the delayed set.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { nudgeOutbox } from '../outbox/add-to-outbox.js';
import { DELIVERY_QUEUES } from '../outbox/outbox-topics.js';
import { isDeadlineStep } from './deadline-steps.js';
import { runDeadlineStep, type DeadlineStepInput } from './run-deadline-step.js';

/** Checks a job payload before anything is read or written; a bad one fails for good. */
export function parseDeadlinePayload(data: unknown): DeadlineStepInput {
  const payload = data as Record<string, unknown> | null;
  if (!payload || typeof payload !== 'object') throw new UnrecoverableError('deadline job: payload is not an object');
  if (typeof payload.ticketId !== 'string' || !/^[\w-]{1,64}$/.test(payload.ticketId)) throw new UnrecoverableError('deadline job: ticketId is required');
  if (!isDeadlineStep(payload.step)) throw new UnrecoverableError(`deadline job: unknown step ${String(payload.step)}`);
  if (!Number.isInteger(payload.deadlineVersion) || (payload.deadlineVersion as number) < 1) throw new UnrecoverableError('deadline job: deadlineVersion must be a positive integer');
  if (typeof payload.dueAt !== 'string' || Number.isNaN(Date.parse(payload.dueAt))) throw new UnrecoverableError('deadline job: dueAt must be an ISO time');
  return { ticketId: payload.ticketId, step: payload.step, deadlineVersion: payload.deadlineVersion as number, dueAt: new Date(payload.dueAt) };
}

/** Processes one deadline job; exported for tests that drive it without a worker. */
export async function processDeadlineJob(job: Job, context: WorkerContext, token?: string): Promise<{ outcome: string }> {
  const input = parseDeadlinePayload(job.data);
  const now = context.clock.now();
  const early = input.dueAt.getTime() - now.getTime();
  if (early > 0) {
    if (!token) throw new Error(`deadline job ${job.id}: ran ${early} ms early`);
    await job.moveToDelayed(Date.now() + early, token);
    throw new DelayedError();
  }
  const outcome = await runDeadlineStep(context.prisma, input, now);
  if (outcome === 'done') {
    // Lateness of the steps that fired (not those a newer plan superseded): what the alert watches.
    context.metrics?.deadlineLateness.observe({ step: input.step }, Math.max(0, -early) / 1000);
    await nudgeOutbox(context.redis, context.config.redisPrefix);
  }
  return { outcome };
}

export const deadlinesQueue: QueueDefinition = {
  name: DELIVERY_QUEUES.deadlines,
  concurrency: 4,
  process: processDeadlineJob,
};
