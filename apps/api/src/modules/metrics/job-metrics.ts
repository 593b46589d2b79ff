/**
 * The worker's own metrics (a process registry, published to Redis for `/metrics`): jobs done and
 * failed per queue, how late deadline steps fire, and what the bridge resyncs and the accounting
 * reconciler set right. The processors count through `context.metrics` when it is there; tests
 * that drive a processor without it count nothing.
 */
import { Counter, Histogram, type Registry } from 'prom-client';

export function createJobMetrics(registry: Registry) {
  return {
    jobsCompleted: new Counter({ name: 'yixian_queue_jobs_completed_total', help: 'Jobs a worker finished, per queue', labelNames: ['queue'] as const, registers: [registry] }),
    jobsFailed: new Counter({
      name: 'yixian_queue_jobs_failed_total',
      help: 'Job attempts that failed, per queue; final="true" when no attempt is left (the job lands in the failed set)',
      labelNames: ['queue', 'final'] as const, registers: [registry],
    }),
    deadlineLateness: new Histogram({
      name: 'yixian_deadline_step_lateness_seconds',
      help: 'How long after its due time a deadline step (reminder, overdue, escalation) fired',
      labelNames: ['step'] as const, buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600], registers: [registry],
    }),
    resyncClosedCalls: new Counter({
      name: 'yixian_resync_closed_calls_total',
      help: 'Calls a bridge resync closed because the PBX no longer had them (ended while the link was down)',
      labelNames: ['pbx'] as const, registers: [registry],
    }),
    reconcileDifferences: new Counter({
      name: 'yixian_reconcile_differences_total',
      help: 'What the accounting reconciler found: calls created from the PBX accounting, calls corrected, differences opened and resolved',
      labelNames: ['kind'] as const, registers: [registry],
    }),
  };
}

export type JobMetrics = ReturnType<typeof createJobMetrics>;
