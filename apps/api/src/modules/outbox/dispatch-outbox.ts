/**
 * The outbox dispatcher: moves committed, undispatched rows to BullMQ (or to pub/sub for live
 * pushes). Safe with several copies running at once: each batch is claimed with
 * `FOR UPDATE SKIP LOCKED`, so a row is handed over by one copy only; the job id derived from the
 * dedupe key (for a batch's text messages, from all their keys) makes even a repeated hand-over
 * (a crash after enqueue, before commit) harmless.
 *
 * A timed row (a deadline step, due hours or days after its act) is handed over only once it is
 * due within HAND_OVER_AHEAD_MS on the app clock, as a delayed job for the rest: Redis holds the
 * next minutes' timers, not every open ticket's plan, and a plan replaced before its steps come
 * near (a ticket signed for, replied to, re-dispatched) never reaches Redis at all. Until then the
 * row waits in PostgreSQL, where the plan is kept anyway; every pass (at least every 5 s, the
 * repeatable `outbox.dispatch`) hands over the rows that came within reach, minutes early.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { liveChannel } from '@yixian/runtime';
import type { Clock } from '../../lib/clock.js';
import type { QueueProducer } from '../../jobs/queue-producer.js';
import { batchSmsRows, notificationIdOf, type SmsRow } from './batch-sms-rows.js';
import { jobIdFromDedupeKey, OUTBOX_TOPICS, TOPIC_ROUTES } from './outbox-topics.js';

export interface OutboxDispatcherDeps {
  prisma: PrismaClient;
  redis: Redis;
  redisPrefix: string;
  clock: Clock;
  producer: QueueProducer;
  log?: Pick<Logger, 'warn'>;
}

interface OutboxRow {
  id: bigint;
  topic: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  runAt: Date | null;
}

/** A row that failed this many hand-overs is left for an operator (it stays in the table). */
export const MAX_OUTBOX_ATTEMPTS = 10;
/**
 * How long before its time a timed row is handed over (as a delayed job). Far more than the
 * passes' interval, so a step's job waits in BullMQ well before it is due and fires on time.
 */
export const HAND_OVER_AHEAD_MS = 10 * 60_000;

/**
 * The latest `runAt` a pass at `now` hands over: a waiting row timed after it is held in
 * PostgreSQL, not missing (the drills' checks of "every step is somewhere" use it too).
 */
export function handOverReach(now: Date): Date {
  return new Date(now.getTime() + HAND_OVER_AHEAD_MS);
}

/**
 * The predicate of the partial index `outbox_waiting_idx`: rows not handed over and not given up
 * on. The limit is written out, not a parameter: the index's predicate must be provable from the text.
 */
export const WAITING_ROWS = Prisma.sql`"dispatchedAt" IS NULL AND "attempts" < ${Prisma.raw(String(MAX_OUTBOX_ATTEMPTS))}`;
/** The key of `outbox_waiting_idx` (its first column): an untimed row sorts first, a timed one by its time. */
export const WAITING_KEY = Prisma.sql`coalesce("runAt", '-infinity'::timestamp(3))`;
/** The key's value for an untimed row. */
export const UNTIMED = Prisma.sql`'-infinity'::timestamp(3)`;

/** Rows a pass takes, in the order it takes them (WAITING_ORDER): untimed first, then timed ones up to its reach. */
function waitingRowsSql(now: Date): Prisma.Sql {
  return Prisma.sql`${WAITING_ROWS} AND ${WAITING_KEY} <= ${handOverReach(now).toISOString()}::timestamp(3)`;
}

/** The order of `outbox_waiting_idx`, in which a pass takes rows. */
export const WAITING_ORDER = Prisma.sql`${WAITING_KEY}, "id"`;

/**
 * The pass's unlocked first look: whether any row is within reach. In the index's order, so that
 * PostgreSQL reads `outbox_waiting_idx` from its start and stops at the first entry: without the
 * order it cannot estimate the range (a partial index's statistics do not serve the table) and,
 * for a `LIMIT 1`, scans the whole table, held and dispatched rows alike, on every nudge.
 */
export function firstWaitingRowSql(now: Date): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "outbox" WHERE ${waitingRowsSql(now)} ORDER BY ${WAITING_ORDER} LIMIT 1`;
}

/** The claim of a batch, in the index's order; the rows stay locked until the pass's transaction ends. */
export function claimWaitingRowsSql(now: Date, batchSize: number): Prisma.Sql {
  return Prisma.sql`
    SELECT "id", "topic", "payload", "dedupeKey", "runAt" FROM "outbox"
    WHERE ${waitingRowsSql(now)} ORDER BY ${WAITING_ORDER} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
}
const JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: 14 * 86_400 }, removeOnFail: { age: 60 * 86_400 } };

/** A live push's channel and message, or the reason the row cannot be pushed. */
function livePushOf(deps: OutboxDispatcherDeps, row: OutboxRow): { channel: string; message: string } {
  const topic = row.payload.topic;
  if (typeof topic !== 'string' || !/^((unit|user):[\w.-]+|incidents)$/.test(topic)) throw new TypeError('live.push: payload.topic must be unit:<id>, user:<id> or incidents');
  return { channel: liveChannel(deps.redisPrefix, topic), message: JSON.stringify(row.payload.payload ?? null) };
}

/** A job to add and the rows it carries (several for a batch's text messages), which fail together. */
interface QueuedJob {
  rowIds: bigint[];
  job: Parameters<Queue['addBulk']>[0][number];
}

/**
 * Hands a batch over in as few round trips as the rows allow: the live pushes in one pipeline, and
 * each queue's jobs in one `addBulk`, the text messages among them as one job (`batchSmsRows`). A
 * row whose payload or topic is wrong fails alone; a failing Redis fails the rows it carried.
 * Returns each failed row's error.
 */
async function handOver(deps: OutboxDispatcherDeps, rows: OutboxRow[]): Promise<Map<bigint, string>> {
  const failed = new Map<bigint, string>();
  const fail = (ids: readonly bigint[], error: unknown) => {
    for (const id of ids) failed.set(id, error instanceof Error ? error.message : String(error));
  };
  const pushes: { id: bigint; channel: string; message: string }[] = [];
  const texts: SmsRow[] = [];
  const byQueue = new Map<string, QueuedJob[]>();
  const queued = (queue: string) => byQueue.get(queue) ?? byQueue.set(queue, []).get(queue)!;
  const now = deps.clock.now().getTime();
  for (const row of rows) {
    try {
      if (row.topic === OUTBOX_TOPICS.live_push) {
        pushes.push({ id: row.id, ...livePushOf(deps, row) });
        continue;
      }
      const route = TOPIC_ROUTES[row.topic as keyof typeof TOPIC_ROUTES];
      if (!route) throw new TypeError(`unknown outbox topic "${row.topic}"`);
      const delay = row.runAt ? Math.max(0, row.runAt.getTime() - now) : 0;
      if (row.topic === OUTBOX_TOPICS.sms_send) {
        texts.push({ id: row.id, dedupeKey: row.dedupeKey, notificationId: notificationIdOf(row.payload), delay });
        continue;
      }
      queued(route.queue).push({ rowIds: [row.id], job: { name: route.jobName, data: row.payload, opts: { ...JOB_OPTIONS, jobId: jobIdFromDedupeKey(row.dedupeKey), delay } } });
    } catch (error) {
      fail([row.id], error);
    }
  }
  const smsRoute = TOPIC_ROUTES[OUTBOX_TOPICS.sms_send];
  for (const batch of batchSmsRows(texts)) {
    queued(smsRoute.queue).push({ rowIds: batch.rowIds, job: { name: smsRoute.jobName, data: batch.data, opts: { ...JOB_OPTIONS, jobId: batch.jobId, delay: batch.delay } } });
  }
  // BullMQ checks every job of a bulk before writing any: a job it refuses (a job id it cannot take)
  // fails the bulk, and the group is then added one by one, so that the refused job's rows fail alone.
  const addGroup = async (queue: Queue, group: QueuedJob[]) => {
    try {
      await queue.addBulk(group.map(({ job }) => job));
    } catch {
      await Promise.all(group.map(({ rowIds, job }) => queue.add(job.name, job.data, job.opts).catch((error: unknown) => fail(rowIds, error))));
    }
  };
  const sends: Promise<unknown>[] = [...byQueue].map(([queue, group]) => addGroup(deps.producer.get(queue), group));
  if (pushes.length > 0) {
    const pipeline = deps.redis.pipeline();
    for (const push of pushes) pipeline.publish(push.channel, push.message);
    sends.push(pipeline.exec().then((results) => {
      results?.forEach(([error], index) => {
        if (error) fail([pushes[index]!.id], error);
      });
    }, (error: unknown) => fail(pushes.map((push) => push.id), error)));
  }
  await Promise.all(sends);
  return failed;
}

/**
 * The claimed deadline steps whose plan a newer one replaced (the ticket's `deadlineVersion` moved
 * past theirs): their job would only find itself superseded, so they are marked without reaching
 * Redis. A version only grows, so a step found superseded stays so. A step of a ticket that is not
 * there goes over as usual (its job reports it missing).
 */
async function findSupersededSteps(tx: Prisma.TransactionClient, rows: readonly OutboxRow[]): Promise<Set<bigint>> {
  const steps = rows.filter((row) => row.topic === OUTBOX_TOPICS.deadline_check && typeof row.payload.ticketId === 'string' && Number.isInteger(row.payload.deadlineVersion));
  if (steps.length === 0) return new Set();
  const tickets = await tx.$queryRaw<{ id: string; deadlineVersion: number }[]>`
    SELECT "id", "deadlineVersion" FROM "ticket" WHERE "id" = ANY(${[...new Set(steps.map((row) => row.payload.ticketId as string))]}::text[])`;
  const versionOf = new Map(tickets.map((ticket) => [ticket.id, ticket.deadlineVersion]));
  return new Set(steps.filter((row) => (row.payload.deadlineVersion as number) < (versionOf.get(row.payload.ticketId as string) ?? 0)).map((row) => row.id));
}

/**
 * Claims and hands over one batch; returns the ids handed over, and those of superseded steps
 * marked without a job. The rows stay locked until the
 * batch is marked, so a copy that dies mid-batch leaves them to the next pass (BullMQ's job ids
 * make the repeated hand-over harmless). Most passes find nothing (a nudge after a request that
 * wrote no rows): one unlocked look, outside any transaction, settles those.
 */
export async function dispatchOutboxBatch(deps: OutboxDispatcherDeps, batchSize = 100): Promise<{ dispatched: bigint[]; superseded: bigint[]; claimed: number }> {
  const now = deps.clock.now();
  const [waiting] = await deps.prisma.$queryRaw<Array<{ id: bigint }>>(firstWaitingRowSql(now));
  if (!waiting) return { dispatched: [], superseded: [], claimed: 0 };
  return deps.prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<OutboxRow[]>(claimWaitingRowsSql(now, batchSize));
    if (claimed.length === 0) return { dispatched: [], superseded: [], claimed: 0 };
    const superseded = await findSupersededSteps(tx, claimed);
    const rows = claimed.filter((row) => !superseded.has(row.id));
    const failed = await handOver(deps, rows);
    for (const [id, message] of failed) {
      const row = rows.find((candidate) => candidate.id === id);
      deps.log?.warn({ outboxId: String(id), topic: row?.topic, err: message }, 'outbox hand-over failed');
    }
    const dispatched = rows.map((row) => row.id).filter((id) => !failed.has(id));
    const marked = [...dispatched, ...superseded];
    if (failed.size > 0) {
      await tx.$executeRaw`
        UPDATE "outbox" SET "attempts" = "attempts" + 1, "lastError" = f.error
        FROM unnest(${[...failed.keys()]}::bigint[], ${[...failed.values()].map((message) => message.slice(0, 500))}::text[]) AS f(id, error)
        WHERE "outbox"."id" = f.id`;
    }
    if (marked.length > 0) {
      await tx.$executeRaw`
        UPDATE "outbox" SET "dispatchedAt" = ${deps.clock.now().toISOString()}::timestamp, "attempts" = "attempts" + 1 WHERE "id" = ANY(${marked}::bigint[])`;
    }
    return { dispatched, superseded: [...superseded], claimed: claimed.length };
  }, { timeout: 60_000, maxWait: 10_000 });
}

/** Dispatches until nothing is left to claim; returns the ids this copy handed over. */
export async function dispatchOutbox(deps: OutboxDispatcherDeps, batchSize = 100): Promise<bigint[]> {
  const all: bigint[] = [];
  for (;;) {
    const { dispatched, superseded, claimed } = await dispatchOutboxBatch(deps, batchSize);
    all.push(...dispatched);
    if (claimed < batchSize || dispatched.length + superseded.length === 0) return all;
  }
}
