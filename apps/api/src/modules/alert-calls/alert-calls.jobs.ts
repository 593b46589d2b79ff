/** The `alert-calls` queue: one repeatable job ending the calls the bridge never reported (sweep-unreported.ts). */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { sweepUnreportedAlertCalls } from './sweep-unreported.js';

export const ALERT_CALL_JOBS = { sweep: 'alert-calls.unreported.sweep' } as const;

export const alertCallsQueue: QueueDefinition = {
  name: 'alert-calls',
  concurrency: 1,
  repeat: [{ schedulerId: 'alert-calls-unreported', everyMs: 60_000, jobName: ALERT_CALL_JOBS.sweep }],
  async process(job: Job, context: WorkerContext) {
    if (job.name !== ALERT_CALL_JOBS.sweep) throw new UnrecoverableError(`alert-calls queue: unknown job ${job.name}`);
    return { ended: await sweepUnreportedAlertCalls(context) };
  },
};
