/**
 * The `accounting` queue: the reconciler (reconcile-accounting.ts), every minute and after every
 * bridge reconnect (the `pbx.resync` job asks for a run at once and one more 15 s later, for the
 * calls that ended just before the link came back). Off when ACCOUNTING_DATABASE_URL is unset.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { QueueDefinition } from '../../jobs/registry.js';
import { producerOf, type WorkerContext } from '../../jobs/worker-context.js';
import { CUTOFF_MS, reconcileAccounting } from './reconcile-accounting.js';
import { recordReconcileFailure, recordReconcileRun } from './reconciler-status.js';

export const ACCOUNTING_QUEUE = 'accounting';
export const ACCOUNTING_JOBS = { reconcile: 'accounting.reconcile' } as const;
const REASONS = new Set(['schedule', 'resync', 'resync-follow-up', 'manual']);

/** Asks for a run after a bridge reconnect; nothing when the reconciler is off. */
export async function requestReconcile(context: WorkerContext, reason: 'resync' | 'manual'): Promise<void> {
  if (!context.config.accountingDatabaseUrl) return;
  const queue = producerOf(context).get(ACCOUNTING_QUEUE);
  const retention = { removeOnComplete: 100, removeOnFail: 100 };
  await queue.add(ACCOUNTING_JOBS.reconcile, { reason }, retention);
  if (reason === 'resync') {
    await queue.add(ACCOUNTING_JOBS.reconcile, { reason: 'resync-follow-up' }, {
      ...retention, delay: CUTOFF_MS + 5_000, deduplication: { id: 'accounting-resync-follow-up' },
    });
  }
}

export const accountingQueue: QueueDefinition = {
  name: ACCOUNTING_QUEUE,
  concurrency: 1,
  repeat: [{ schedulerId: 'accounting-reconcile', everyMs: 60_000, jobName: ACCOUNTING_JOBS.reconcile }],
  async process(job: Job, context: WorkerContext) {
    if (job.name !== ACCOUNTING_JOBS.reconcile) throw new UnrecoverableError(`accounting queue: unknown job ${job.name}`);
    const reason = (job.data as { reason?: unknown } | undefined)?.reason ?? 'schedule';
    if (typeof reason !== 'string' || !REASONS.has(reason)) throw new UnrecoverableError(`accounting.reconcile: unknown reason ${String(reason)}`);
    const url = context.config.accountingDatabaseUrl;
    if (!url) return { skipped: 'off' };
    try {
      const summary = await reconcileAccounting(context, url);
      await recordReconcileRun(context.redis, context.config.redisPrefix, context.clock.now(), summary);
      for (const kind of ['created', 'corrected', 'opened', 'resolved'] as const) context.metrics?.reconcileDifferences.inc({ kind }, summary[kind]);
      if (summary.created || summary.corrected || summary.opened) context.log.info({ reason, ...summary }, 'accounting reconciled');
      return { reason, ...summary };
    } catch (error) {
      await recordReconcileFailure(context.redis, context.config.redisPrefix, context.clock.now(), error);
      throw error;
    }
  },
};
