/** The `wallboard` queue: one repeatable job that evaluates and pushes the queue alarms (queue-alarms.ts). */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { pushQueueAlarms } from './queue-alarms.js';

export const WALLBOARD_JOBS = { alarms_check: 'wallboard.alarms.check' } as const;

/** Often enough that a wait passing 15 s shows within a few seconds. */
export const ALARMS_CHECK_EVERY_MS = 3000;

export const wallboardQueue: QueueDefinition = {
  name: 'wallboard',
  concurrency: 1,
  repeat: [{ schedulerId: 'queue-alarms', everyMs: ALARMS_CHECK_EVERY_MS, jobName: WALLBOARD_JOBS.alarms_check }],
  async process(job: Job, context: WorkerContext) {
    if (job.name !== WALLBOARD_JOBS.alarms_check) throw new UnrecoverableError(`wallboard queue: unknown job ${job.name}`);
    const report = await pushQueueAlarms({ prisma: context.prisma, redis: context.redis, config: context.config, now: context.clock.now() });
    return { alarms: report.alarms.map((alarm) => alarm.kind) };
  },
};
