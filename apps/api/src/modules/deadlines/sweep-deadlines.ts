/**
 * The sweeper: the safety net under the timed jobs, and how moved time takes effect. It finds
 * steps of current plans whose due time has passed on the app clock but whose trail entry is
 * missing, and makes sure each has a runnable job: it promotes a delayed one, re-queues a lost or
 * failed one, or adds it. Delayed jobs whose intended time (`dueAt` in the job data) has come are
 * promoted too, and not-yet-due steps whose jobs Redis lost are added again with their delay.
 * Runs every 30 s as a repeatable job and can be called directly.
 *
 * What a pass reads does not grow with the open tickets when nothing went wrong: the delayed jobs
 * are looked through only when the app's clock is not the machine's (tests and drills move time;
 * on the machine's clock BullMQ promotes a job at its due time itself), and the future steps are
 * checked against Redis only after Redis may have lost jobs (a new `run_id`: a restart or a
 * failover; or no record of a check at all), on every pass for a minute after that.
 */
import type { Queue } from 'bullmq';
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

/** Beyond this gap between the app's clock and the machine's, delayed jobs are looked through for ones due on the app's clock. */
const CLOCK_GAP_MS = 1_000;
/** After Redis may have lost jobs, future steps are checked on every pass for this long (a hand-over committed late is caught). */
const RESTORE_WINDOW_MS = 60_000;

/** The record of the last check of future steps against Redis: which Redis (`run_id`), since when, and whether it is settled. */
interface RestoreRecord {
  runId: string;
  since: number;
  settled: boolean;
}

/** Redis's `run_id` (new on every start and failover), or '' from a Redis that does not tell it. */
function runIdOf(info: string): string {
  return /run_id:(\w+)/.exec(info)?.[1] ?? '';
}

/**
 * Whether this pass checks the future steps: yes while no check has settled for this Redis (the
 * record is missing, names another `run_id`, or is younger than RESTORE_WINDOW_MS); `done` records
 * the pass's result (a pass that restored nothing after the window settles it).
 */
async function restoreDue(queue: Queue): Promise<{ due: boolean; done(restored: number): Promise<void> }> {
  const key = queue.toKey('restore-record');
  const client = await queue.backend.client;
  const [info, raw] = await Promise.all([client.info(), client.get(key)]);
  const runId = runIdOf(info);
  let record: RestoreRecord | null = null;
  try {
    record = raw ? (JSON.parse(raw) as RestoreRecord) : null;
  } catch {
    record = null;
  }
  if (!record || record.runId !== runId) record = { runId, since: Date.now(), settled: false };
  const current = record;
  return {
    // A Redis that does not tell its run_id (some proxies and managed services) is checked on every pass.
    due: !current.settled || runId === '',
    async done(restored) {
      const settled = restored === 0 && Date.now() - current.since >= RESTORE_WINDOW_MS;
      await client.set(key, JSON.stringify({ ...current, settled }));
    },
  };
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
  // Taken at the start: a pass slowed by a backlog of due steps must not look as if time had moved.
  const isClockMoved = Math.abs(now.getTime() - Date.now()) > CLOCK_GAP_MS;
  let due = 0;
  for (const row of await findDueSteps(deps.prisma, now, limit)) {
    const step = row.payload.step;
    if (!isDeadlineStep(step) || !(STEP_STATES[step] as readonly string[]).includes(row.state)) continue;
    if (await ensureRunnable(deps.producer, row)) due += 1;
  }
  let promoted = 0;
  const queue = deps.producer.get(DELIVERY_QUEUES.deadlines);
  // On the machine's clock a job's BullMQ time is its due time: only moved time needs the look.
  for (let start = 0; isClockMoved; start += 200) {
    const delayed = await queue.getDelayed(start, start + 199);
    for (const job of delayed) {
      const dueAt = Date.parse(String((job.data as { dueAt?: unknown }).dueAt));
      if (Number.isFinite(dueAt) && dueAt <= now.getTime()) {
        await job.promote().then(() => (promoted += 1), () => undefined);
      }
    }
    if (delayed.length < 200) break;
  }
  const restore = await restoreDue(queue);
  let restored = 0;
  if (restore.due) {
    restored = await restoreLostSteps(deps, now, limit);
    await restore.done(restored);
  }
  return { due, promoted, restored };
}
