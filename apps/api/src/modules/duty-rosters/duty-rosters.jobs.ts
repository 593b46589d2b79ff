/**
 * Queue `duty-rosters`: job `duty.gap.check` every 5 minutes. Its fixed scheduler id makes every
 * worker copy upsert the same schedule, so one check runs per interval however many workers
 * there are; the alarms are keyed by unit and gap start, so a retry or an overlap raises nothing twice.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { nudgeOutbox } from '../outbox/add-to-outbox.js';
import { raiseDutyGapAlarms } from './raise-duty-gap-alarms.js';

export const DUTY_JOBS = { gapCheck: 'duty.gap.check' } as const;
export const DUTY_GAP_SCHEDULER_ID = 'duty-gap-check';
const EVERY_MS = 5 * 60_000;

/** One check at the context's clock; exported for tests that move the clock instead of waiting. */
export async function checkDutyGaps(context: Pick<WorkerContext, 'config' | 'prisma' | 'redis' | 'clock' | 'log'>) {
  const result = await raiseDutyGapAlarms(context.prisma, { now: context.clock.now(), lookaheadHours: context.config.dutyGapLookaheadHours });
  if (result.alarmed > 0) {
    context.log.info(result, 'duty gaps alarmed');
    await nudgeOutbox(context.redis, context.config.redisPrefix);
  }
  return result;
}

export const dutyRostersQueue: QueueDefinition = {
  name: 'duty-rosters',
  concurrency: 1,
  repeat: [{ schedulerId: DUTY_GAP_SCHEDULER_ID, everyMs: EVERY_MS, jobName: DUTY_JOBS.gapCheck }],
  async process(job: Job, context: WorkerContext) {
    if (job.name === DUTY_JOBS.gapCheck) return checkDutyGaps(context);
    throw new UnrecoverableError(`duty-rosters queue: unknown job ${job.name}`);
  },
};
