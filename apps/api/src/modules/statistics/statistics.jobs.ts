/** The `statistics` queue: one repeatable job that keeps the rollups current (refresh-rollups.ts). */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { refreshRollups } from './refresh-rollups.js';

export const STATISTICS_JOBS = { rollup_refresh: 'statistics.rollup.refresh' } as const;

export const statisticsQueue: QueueDefinition = {
  name: 'statistics',
  concurrency: 1,
  repeat: [{ schedulerId: 'rollup-refresh', everyMs: 30_000, jobName: STATISTICS_JOBS.rollup_refresh }],
  async process(job: Job, context: WorkerContext) {
    if (job.name === STATISTICS_JOBS.rollup_refresh) return refreshRollups(context.prisma);
    throw new UnrecoverableError(`statistics queue: unknown job ${job.name}`);
  },
};
