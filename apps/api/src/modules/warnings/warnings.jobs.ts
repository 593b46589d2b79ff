/**
 * Queue `warnings`: `warning.deliver` (from the outbox: a recipient's text message and red
 * broadcast) and the repeatable `warning.sweep` (expiry and reminders), whose fixed scheduler id
 * makes every worker copy upsert the same schedule, so one run happens per minute however many
 * workers there are. Live pushes name the warning only.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { deliverWarning } from './deliver-warning.js';
import { expireWarnings, remindWarnings } from './sweep-warnings.js';
import { registerWarningCallResults } from './warning-call-results.js';
import { pushWarningChanged } from './warning-live.js';

export const WARNINGS_QUEUE = 'warnings';
export const WARNING_JOBS = { deliver: 'warning.deliver', sweep: 'warning.sweep' } as const;
export const WARNINGS_SWEEP_SCHEDULER_ID = 'warnings-sweep';
const SWEEP_EVERY_MS = 60_000;

// The call-events consumer runs in the worker, which loads this queue: red broadcasts' results land here.
registerWarningCallResults();

export async function sweepWarnings(context: WorkerContext) {
  const deps = { prisma: context.prisma, now: context.clock.now(), remindMinutes: context.config.warningRemindMinutes };
  const expired = await expireWarnings(deps);
  const { reminded, warningIds } = await remindWarnings(deps);
  for (const id of new Set([...expired, ...warningIds])) await pushWarningChanged(context.redis, context.config.redisPrefix, id);
  if (expired.length > 0 || reminded > 0) context.log.info({ expired: expired.length, reminded }, 'warnings swept');
  return { expired: expired.length, reminded };
}

export const warningsQueue: QueueDefinition = {
  name: WARNINGS_QUEUE,
  concurrency: 4,
  repeat: [{ schedulerId: WARNINGS_SWEEP_SCHEDULER_ID, everyMs: SWEEP_EVERY_MS, jobName: WARNING_JOBS.sweep }],
  async process(job: Job, context: WorkerContext) {
    if (job.name === WARNING_JOBS.deliver) return deliverWarning(context, job.data);
    if (job.name === WARNING_JOBS.sweep) return sweepWarnings(context);
    throw new UnrecoverableError(`warnings queue: unknown job ${job.name}`);
  },
};
