/**
 * Queue `incident-tasks`: job `incident.task.overdue` every minute. The fixed scheduler id makes
 * every worker copy upsert the same schedule (one run per minute across workers); each task is
 * claimed by a conditional update, so a retry or an overlapping run raises nothing twice.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { nudgeOutbox } from '../outbox/add-to-outbox.js';
import { raiseOverdueTaskAlarms } from './raise-overdue-task-alarms.js';

export const TASK_JOBS = { overdue: 'incident.task.overdue' } as const;
export const TASK_OVERDUE_SCHEDULER_ID = 'incident-task-overdue';

/** One pass at the context's clock; exported for tests that move the clock instead of waiting. */
export async function checkOverdueTasks(context: Pick<WorkerContext, 'config' | 'prisma' | 'redis' | 'clock' | 'log'>) {
  const result = await raiseOverdueTaskAlarms(context.prisma, context.clock.now());
  if (result.alarmed > 0) {
    context.log.info(result, 'overdue incident tasks alarmed');
    await nudgeOutbox(context.redis, context.config.redisPrefix);
  }
  return result;
}

export const incidentTasksQueue: QueueDefinition = {
  name: 'incident-tasks',
  concurrency: 1,
  repeat: [{ schedulerId: TASK_OVERDUE_SCHEDULER_ID, everyMs: 60_000, jobName: TASK_JOBS.overdue }],
  async process(job: Job, context: WorkerContext) {
    if (job.name === TASK_JOBS.overdue) return checkOverdueTasks(context);
    throw new UnrecoverableError(`incident-tasks queue: unknown job ${job.name}`);
  },
};
