/**
 * The `leftovers` queue: one daily job that removes what requests leave behind — uploads no act
 * carried, of tickets and of incidents (past `ATTACHMENT_ORPHAN_HOURS`), with their unreferenced
 * files, and idempotency keys past `IDEMPOTENCY_KEY_DAYS`. Its fixed scheduler id makes every worker copy upsert the same
 * schedule (BullMQ aligns `every` to whole days since the epoch, so it runs at 00:00 UTC, and once
 * when first scheduled); each run is idempotent, so a second copy or a retry removes nothing twice.
 * Counts go to the log and, when anything was removed, to the audit log; never names or contents.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { sweepOrphanAttachments } from '../modules/attachments/sweep-orphan-attachments.js';
import { AUDIT_ACTIONS, writeAudit } from '../modules/audit/audit.service.js';
import { sweepIdempotencyKeys } from '../modules/patrol/sweep-idempotency-keys.js';
import { sweepOrphanIncidentAttachments } from '../modules/incident-tasks/sweep-orphan-incident-attachments.js';
import type { QueueDefinition } from './registry.js';
import type { WorkerContext } from './worker-context.js';

export const LEFTOVERS_JOBS = { sweep: 'leftovers.sweep' } as const;
export const LEFTOVERS_SCHEDULER_ID = 'leftovers-sweep';
const DAY_MS = 86_400_000;

/** One sweep: orphan uploads, then old keys. Returns the counts (also the job's result). */
export async function sweepLeftovers(context: Pick<WorkerContext, 'config' | 'prisma' | 'clock' | 'log'>) {
  const { config, prisma, log } = context;
  const now = context.clock.now();
  const ticketOrphans = await sweepOrphanAttachments(prisma, config.attachments.dir, { now, graceHours: config.attachments.orphanHours });
  // Incident photos share the store and the grace period; counted together.
  const incidentOrphans = await sweepOrphanIncidentAttachments(prisma, config.attachments.dir, { now, graceHours: config.attachments.orphanHours });
  const orphans = { attachments: ticketOrphans.attachments + incidentOrphans.attachments, contents: ticketOrphans.contents + incidentOrphans.contents };
  const idempotencyKeys = await sweepIdempotencyKeys(prisma, { now, days: config.idempotencyKeyDays });
  const counts = { orphanAttachments: orphans.attachments, orphanContents: orphans.contents, idempotencyKeys };
  log.info(counts, 'leftovers swept');
  if (orphans.attachments > 0 || idempotencyKeys > 0) {
    await writeAudit(prisma, now, {
      action: AUDIT_ACTIONS.leftoversSweep, outcome: 'allowed',
      details: { ...counts, orphanHours: config.attachments.orphanHours, idempotencyKeyDays: config.idempotencyKeyDays },
    });
  }
  return counts;
}

export const leftoversQueue: QueueDefinition = {
  name: 'leftovers',
  concurrency: 1,
  repeat: [{ schedulerId: LEFTOVERS_SCHEDULER_ID, everyMs: DAY_MS, jobName: LEFTOVERS_JOBS.sweep }],
  async process(job: Job, context: WorkerContext) {
    if (job.name === LEFTOVERS_JOBS.sweep) return sweepLeftovers(context);
    throw new UnrecoverableError(`leftovers queue: unknown job ${job.name}`);
  },
};
