/**
 * The queues of deadlines and notifications: `ticket-deadlines`, `notifications`, and the
 * housekeeping queue `outbox` whose two repeatable jobs (fixed scheduler ids, so several workers
 * create them once) dispatch the outbox every 5 s and sweep deadlines every 30 s.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { deadlinesQueue } from '../modules/deadlines/deadlines.jobs.js';
import { sweepDeadlines } from '../modules/deadlines/sweep-deadlines.js';
import { notificationsQueue } from '../modules/notifications/notifications.jobs.js';
import { dispatchOutbox, type OutboxDispatcherDeps } from '../modules/outbox/dispatch-outbox.js';
import { DELIVERY_QUEUES } from '../modules/outbox/outbox-topics.js';
import type { QueueDefinition } from './registry.js';
import { producerOf, type WorkerContext } from './worker-context.js';

export const HOUSEKEEPING_JOBS = {
  outbox_dispatch: 'outbox.dispatch',
  deadline_sweep: 'ticket.deadline.sweep',
} as const;

/** The dispatcher's dependencies, from a worker context. */
export function outboxDepsOf(context: WorkerContext): OutboxDispatcherDeps {
  return { prisma: context.prisma, redis: context.redis, redisPrefix: context.config.redisPrefix, clock: context.clock, producer: producerOf(context), log: context.log };
}

export const housekeepingQueue: QueueDefinition = {
  name: DELIVERY_QUEUES.housekeeping,
  concurrency: 1,
  repeat: [
    { schedulerId: 'outbox-dispatch', everyMs: 5_000, jobName: HOUSEKEEPING_JOBS.outbox_dispatch },
    { schedulerId: 'deadline-sweep', everyMs: 30_000, jobName: HOUSEKEEPING_JOBS.deadline_sweep },
  ],
  async process(job: Job, context: WorkerContext) {
    if (job.name === HOUSEKEEPING_JOBS.outbox_dispatch) return { dispatched: (await dispatchOutbox(outboxDepsOf(context))).length };
    if (job.name === HOUSEKEEPING_JOBS.deadline_sweep) {
      return sweepDeadlines({ prisma: context.prisma, clock: context.clock, producer: producerOf(context) });
    }
    throw new UnrecoverableError(`outbox queue: unknown job ${job.name}`);
  },
};

export const DELIVERY_QUEUE_DEFINITIONS: QueueDefinition[] = [deadlinesQueue, notificationsQueue, housekeepingQueue];
