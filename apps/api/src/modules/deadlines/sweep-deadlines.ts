/**
 * The sweeper: the safety net under the timed jobs, and how moved time takes effect. It finds
 * steps of current plans whose due time has passed on the app clock but whose trail entry is
 * missing, and makes sure each has a runnable job: it promotes a delayed one, re-queues a lost or
 * failed one, or adds it. Delayed jobs whose intended time (`dueAt` in the job data) has come are
 * promoted too, and not-yet-due steps whose jobs Redis lost are added again with their delay.
 * Runs every 30 s as a repeatable job and can be called directly.
 */
import type { PrismaClient } from '@yixian/db';
import type { Clock } from '../../lib/clock.js';
import type { QueueProducer } from '../../jobs/queue-producer.js';
import { DELIVERY_QUEUES, jobIdFromDedupeKey, OUTBOX_TOPICS, TOPIC_ROUTES } from '../outbox/outbox-topics.js';
import { STEP_STATES, isDeadlineStep } from './deadline-steps.js';

export interface SweepDeps {
  prisma: PrismaClient;
  clock: Clock;
  producer: QueueProducer;
}

export interface SweepResult {
  /** Due steps without a trail entry that were (re)queued or promoted. */
  due: number;
  /** Delayed jobs promoted because their intended time has come. */
  promoted: number;
  /** Not-yet-due steps handed over by the outbox whose job Redis no longer has, added again. */
  restored: number;
}

interface DueStepRow {
  dedupeKey: string;
  payload: { ticketId: string; step: string; deadlineVersion: number; dueAt: string };
  state: string;
}

async function findDueSteps(prisma: PrismaClient, now: Date, limit: number): Promise<DueStepRow[]> {
  // The plan is the outbox: one row per step of each plan version, kept until the step is done.
  return prisma.$queryRaw<DueStepRow[]>`
    SELECT o."dedupeKey", o."payload", t."state" FROM "outbox" o
    JOIN "ticket" t ON t."id" = o."payload"->>'ticketId'
    WHERE o."topic" = ${OUTBOX_TOPICS.deadline_check} AND o."runAt" <= ${now}
      AND (o."payload"->>'deadlineVersion')::int = t."deadlineVersion"
      AND NOT EXISTS (
        SELECT 1 FROM "ticket_event" e
        WHERE e."ticketId" = t."id" AND e."actorRole" = 'system' AND e."data"->>'jobId' = o."dedupeKey")
    ORDER BY o."runAt" LIMIT ${limit}`;
}

/** Makes one due step runnable now; returns false when its job is already waiting or running. */
async function ensureRunnable(producer: QueueProducer, row: DueStepRow): Promise<boolean> {
  const route = TOPIC_ROUTES[OUTBOX_TOPICS.deadline_check];
  const queue = producer.get(route.queue);
  const job = await queue.getJob(row.dedupeKey);
  const state = job ? await job.getState() : 'missing';
  if (job && state === 'delayed') {
    await job.promote();
    return true;
  }
  if (job && state === 'failed') {
    await job.retry('failed');
    return true;
  }
  if (job && state === 'completed') await job.remove();
  if (!job || state === 'completed' || state === 'unknown') {
    await queue.add(route.jobName, row.payload, { jobId: row.dedupeKey, attempts: 8, backoff: { type: 'exponential', delay: 2_000 } });
    return true;
  }
  return false;
}

/** Job states in which a job will still run. */
const PENDING_STATES = ['delayed', 'waiting', 'active', 'prioritized', 'waiting-children'] as const;

/**
 * Steps not due yet whose rows the outbox has handed over but whose jobs Redis lost (a restart
 * that lost the last second of its append-only file): nothing else would run them before they
 * are due and swept, so they are added again with their delay. One read of the queue's pending
 * ids per pass; a job added twice under the same id is a no-op for BullMQ.
 */
async function restoreLostSteps(deps: SweepDeps, now: Date, batch: number): Promise<number> {
  const route = TOPIC_ROUTES[OUTBOX_TOPICS.deadline_check];
  const queue = deps.producer.get(route.queue);
  let pending: Set<string> | null = null;
  let restored = 0;
  // Pages by row id through every not-yet-due step of current plans (all of them, not one batch).
  for (let after = 0n; ;) {
    const rows = await deps.prisma.$queryRaw<(DueStepRow & { id: bigint; runAt: Date })[]>`
      SELECT o."id", o."dedupeKey", o."payload", o."runAt", t."state" FROM "outbox" o
      JOIN "ticket" t ON t."id" = o."payload"->>'ticketId'
      WHERE o."topic" = ${OUTBOX_TOPICS.deadline_check} AND o."runAt" > ${now} AND o."dispatchedAt" IS NOT NULL
        AND (o."payload"->>'deadlineVersion')::int = t."deadlineVersion" AND o."id" > ${after}
      ORDER BY o."id" LIMIT ${batch}`;
    for (const row of rows) {
      if (!isDeadlineStep(row.payload.step) || !(STEP_STATES[row.payload.step] as readonly string[]).includes(row.state)) continue;
      pending ??= new Set(await queue.getRanges([...PENDING_STATES], 0, -1));
      const jobId = jobIdFromDedupeKey(row.dedupeKey);
      if (pending.has(jobId) || (await queue.getJob(jobId))) continue;
      const delay = Math.max(0, row.runAt.getTime() - now.getTime());
      await queue.add(route.jobName, row.payload, { jobId, delay, attempts: 8, backoff: { type: 'exponential', delay: 2_000 } });
      restored += 1;
    }
    if (rows.length < batch) return restored;
    after = rows[rows.length - 1]!.id;
  }
}

/** One sweep; `limit` bounds the due steps looked at per call. */
export async function sweepDeadlines(deps: SweepDeps, limit = 500): Promise<SweepResult> {
  const now = deps.clock.now();
  let due = 0;
  for (const row of await findDueSteps(deps.prisma, now, limit)) {
    const step = row.payload.step;
    if (!isDeadlineStep(step) || !(STEP_STATES[step] as readonly string[]).includes(row.state)) continue;
    if (await ensureRunnable(deps.producer, row)) due += 1;
  }
  let promoted = 0;
  const queue = deps.producer.get(DELIVERY_QUEUES.deadlines);
  for (let start = 0; ; start += 200) {
    const delayed = await queue.getDelayed(start, start + 199);
    for (const job of delayed) {
      const dueAt = Date.parse(String((job.data as { dueAt?: unknown }).dueAt));
      if (Number.isFinite(dueAt) && dueAt <= now.getTime()) {
        await job.promote().then(() => (promoted += 1), () => undefined);
      }
    }
    if (delayed.length < 200) break;
  }
  return { due, promoted, restored: await restoreLostSteps(deps, now, limit) };
}
