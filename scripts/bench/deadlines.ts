/**
 * Deadlines: N pending delayed jobs on the real `ticket-deadlines` queue (the deadlines module's
 * queue name, job name, job ids, payload and worker concurrency), due times spread evenly over a
 * short window; how late each fires (processor entered − dueAt). The processor parses the
 * payload with the module's own checker and records the time; the database step itself is not
 * run (the issue asks how late jobs fire, not how fast the step writes).
 * Baseline in the same run: plain Node timers (setTimeout) for the same due times.
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@yixian/runtime';
import { deadlinesQueue, parseDeadlinePayload } from '../../apps/api/src/modules/deadlines/deadlines.jobs.js';
import { deadlineJobId } from '../../apps/api/src/modules/deadlines/deadline-steps.js';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { createBenchRedis } from './lib/bench-services.js';
import { withTimeout } from './lib/child-process.js';
import { ratio, summariseLatencies } from './lib/stats.js';

const JOB_NAME = 'ticket.deadline.check';
const ADD_BATCH = 1000;

interface Plan {
  jobs: number;
  windowS: number;
  /** Epoch ms of the first due time: after every job has surely been added. */
  firstDueAt: number;
}

const dueAtOf = (plan: Plan, index: number) => plan.firstDueAt + Math.floor((index * plan.windowS * 1000) / plan.jobs);

/** Lateness of plain setTimeout timers for the same due times (ms). */
function measureTimers(plan: Plan): Promise<number[]> {
  return new Promise((resolve) => {
    const late: number[] = [];
    for (let i = 0; i < plan.jobs; i++) {
      const due = dueAtOf(plan, i);
      setTimeout(() => {
        late.push(Date.now() - due);
        if (late.length === plan.jobs) resolve(late);
      }, due - Date.now());
    }
  });
}

async function measureQueue(plan: Plan, redisUrl: string, prefix: string, log: (line: string) => void) {
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(deadlinesQueue.name, { connection: producer, prefix: bullPrefix(prefix) });
  const late: number[] = [];
  const early: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let finish: () => void = () => undefined;
  const allFired = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const worker = new Worker(deadlinesQueue.name, async (job: Job) => {
    const now = Date.now();
    const input = parseDeadlinePayload(job.data);
    const lateness = now - input.dueAt.getTime();
    if (lateness < 0) early.push(lateness);
    late.push(lateness);
    if (seen.has(job.id!)) duplicates++;
    seen.add(job.id!);
    if (late.length >= plan.jobs) finish();
  }, { connection: consumer, prefix: bullPrefix(prefix), concurrency: deadlinesQueue.concurrency });
  try {
    const addStart = performance.now();
    for (let from = 0; from < plan.jobs; from += ADD_BATCH) {
      const batch = [];
      for (let i = from; i < Math.min(plan.jobs, from + ADD_BATCH); i++) {
        const ticketId = randomUUID();
        const dueAt = dueAtOf(plan, i);
        batch.push({
          name: JOB_NAME,
          data: { ticketId, step: 'reminder', deadlineVersion: 1, dueAt: new Date(dueAt).toISOString() },
          opts: { jobId: deadlineJobId(ticketId, 'reminder', 1), delay: Math.max(0, dueAt - Date.now()), removeOnComplete: true },
        });
      }
      await queue.addBulk(batch);
    }
    const addS = (performance.now() - addStart) / 1000;
    const pendingAtFirstDue = await queue.getDelayedCount();
    const addedLate = Date.now() > plan.firstDueAt;
    log(`added ${plan.jobs} delayed jobs in ${addS.toFixed(1)} s (${pendingAtFirstDue} delayed); firing over ${plan.windowS} s`);
    await withTimeout(allFired, plan.windowS * 1000 + (plan.firstDueAt - Date.now()) + 180_000, `${plan.jobs} deadline jobs to fire`);
    return { late, early: early.length, duplicates, addS, pendingAtFirstDue, addedLate };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}

export const deadlines: Benchmark = {
  name: 'deadlines',
  title: 'Deadline jobs: how late 100,000 pending delayed jobs fire',
  async run({ quick, log }): Promise<BenchResult> {
    const jobs = quick ? 2000 : 100_000;
    const windowS = quick ? 5 : 100;
    const redis = createBenchRedis();
    try {
      // Jobs are added at ~10-30k/s here; the first one falls due after all are surely in.
      const queuePlan: Plan = { jobs, windowS, firstDueAt: Date.now() + 3000 + Math.ceil(jobs / 4000) * 1000 };
      const measured = await measureQueue(queuePlan, redis.url, redis.prefix, log);
      const timerPlan: Plan = { jobs, windowS, firstDueAt: Date.now() + 1000 };
      const timers = summariseLatencies(await measureTimers(timerPlan));
      const fired = summariseLatencies(measured.late);
      const lost = jobs - measured.late.length + measured.duplicates;
      return {
        name: 'deadlines',
        title: deadlines.title,
        status: 'measured',
        quick,
        command: 'pnpm bench deadlines',
        parameters: { jobs, windowS, queue: deadlinesQueue.name, jobName: JOB_NAME, workerConcurrency: deadlinesQueue.concurrency, jobsPerSecondDue: Math.round(jobs / windowS) },
        figures: {
          firedLateMs: { ...fired },
          fired: measured.late.length,
          lost: Math.max(0, lost),
          duplicates: measured.duplicates,
          firedEarly: measured.early,
          addSeconds: Number(measured.addS.toFixed(2)),
          delayedWhenAdded: measured.pendingAtFirstDue,
          addingOverranFirstDue: measured.addedLate,
        },
        baseline: { what: 'plain setTimeout timers in one Node process, same count and due times', figures: { timerLateMs: { ...timers } } },
        ratios: { 'p99 BullMQ / p99 setTimeout': ratio(fired.p99, timers.p99), 'p50 BullMQ / p50 setTimeout': ratio(fired.p50, timers.p50) },
        targets: [checkTarget('p99 lateness (ms)', fired.p99, '<=', 1000, ' ms'), checkTarget('duplicates', measured.duplicates, '<=', 0)],
        notes: [
          'Fired = the processor was entered; the processor runs the module\'s payload check (parseDeadlinePayload) and records the time, not the database step.',
          'A job that fires before its due time on the app clock is moved back to delayed by the real processor; firedEarly counts such jobs here (BullMQ uses the Redis clock).',
        ],
      };
    } finally {
      await redis.cleanup();
    }
  },
};
