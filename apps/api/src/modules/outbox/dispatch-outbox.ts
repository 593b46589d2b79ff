/**
 * The outbox dispatcher: moves committed, undispatched rows to BullMQ (or to pub/sub for live
 * pushes). Safe with several copies running at once: each batch is claimed with
 * `FOR UPDATE SKIP LOCKED`, so a row is handed over by one copy only; the job id derived from the
 * dedupe key makes even a repeated hand-over (a crash after enqueue, before commit) harmless.
 */
import type { PrismaClient } from '@yixian/db';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { liveChannel } from '@yixian/runtime';
import type { Clock } from '../../lib/clock.js';
import type { QueueProducer } from '../../jobs/queue-producer.js';
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
const JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: 14 * 86_400 }, removeOnFail: { age: 60 * 86_400 } };

async function handOver(deps: OutboxDispatcherDeps, row: OutboxRow): Promise<void> {
  if (row.topic === OUTBOX_TOPICS.live_push) {
    const topic = row.payload.topic;
    if (typeof topic !== 'string' || !/^((unit|user):[\w.-]+|incidents)$/.test(topic)) throw new TypeError('live.push: payload.topic must be unit:<id>, user:<id> or incidents');
    await deps.redis.publish(liveChannel(deps.redisPrefix, topic), JSON.stringify(row.payload.payload ?? null));
    return;
  }
  const route = TOPIC_ROUTES[row.topic as keyof typeof TOPIC_ROUTES];
  if (!route) throw new TypeError(`unknown outbox topic "${row.topic}"`);
  const delay = row.runAt ? Math.max(0, row.runAt.getTime() - deps.clock.now().getTime()) : 0;
  await deps.producer.get(route.queue).add(route.jobName, row.payload, { ...JOB_OPTIONS, jobId: jobIdFromDedupeKey(row.dedupeKey), delay });
}

/** Claims and hands over one batch; returns the ids handed over. */
export async function dispatchOutboxBatch(deps: OutboxDispatcherDeps, batchSize = 100): Promise<{ dispatched: bigint[]; claimed: number }> {
  return deps.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<OutboxRow[]>`
      SELECT "id", "topic", "payload", "dedupeKey", "runAt" FROM "outbox"
      WHERE "dispatchedAt" IS NULL AND "attempts" < ${MAX_OUTBOX_ATTEMPTS}
      ORDER BY "id" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
    const dispatched: bigint[] = [];
    for (const row of rows) {
      try {
        await handOver(deps, row);
        dispatched.push(row.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.log?.warn({ outboxId: String(row.id), topic: row.topic, err: message }, 'outbox hand-over failed');
        await tx.outbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, lastError: message.slice(0, 500) } });
      }
    }
    if (dispatched.length > 0) {
      await tx.outbox.updateMany({ where: { id: { in: dispatched } }, data: { dispatchedAt: deps.clock.now(), attempts: { increment: 1 } } });
    }
    return { dispatched, claimed: rows.length };
  }, { timeout: 60_000, maxWait: 10_000 });
}

/** Dispatches until nothing is left to claim; returns the ids this copy handed over. */
export async function dispatchOutbox(deps: OutboxDispatcherDeps, batchSize = 100): Promise<bigint[]> {
  const all: bigint[] = [];
  for (;;) {
    const { dispatched, claimed } = await dispatchOutboxBatch(deps, batchSize);
    all.push(...dispatched);
    if (claimed < batchSize || dispatched.length === 0) return all;
  }
}
