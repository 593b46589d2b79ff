/**
 * The transactional outbox: work that must follow a database write is written in the SAME
 * transaction as that write and handed to BullMQ afterwards by the dispatcher. A process that
 * dies between commit and enqueue loses nothing: the row waits until some dispatcher takes it.
 */
import type { Prisma } from '@yixian/db';
import type { Redis } from 'ioredis';
import { isOutboxTopic, outboxNudgeChannel, type OutboxTopic } from './outbox-topics.js';

export interface OutboxEntry {
  topic: OutboxTopic;
  /** Ids and codes only (job payloads never hold personal data). */
  payload: Record<string, unknown>;
  /** Unique per intended effect; a second entry with the same key is ignored (idempotent). */
  dedupeKey: string;
  /** Not before this time (business time from the app clock). */
  runAt?: Date;
}

const DEDUPE_KEY = /^[\w.:-]{1,200}$/;

/** Checks an entry before it is written, so a bad one names its field instead of failing later. */
export function assertOutboxEntry(entry: OutboxEntry): void {
  if (!isOutboxTopic(entry.topic)) throw new TypeError(`outbox: unknown topic "${String(entry.topic)}"`);
  if (typeof entry.dedupeKey !== 'string' || !DEDUPE_KEY.test(entry.dedupeKey)) {
    throw new TypeError('outbox: dedupeKey must be 1-200 letters, digits, ".", ":", "_" or "-"');
  }
  if (!entry.payload || typeof entry.payload !== 'object' || Array.isArray(entry.payload)) {
    throw new TypeError('outbox: payload must be an object');
  }
  if (entry.runAt !== undefined && (!(entry.runAt instanceof Date) || Number.isNaN(entry.runAt.getTime()))) {
    throw new TypeError('outbox: runAt must be a valid Date');
  }
}

/**
 * Adds one entry inside the caller's transaction. Returns false when an entry with the same
 * dedupe key already exists (a redone job or request adds nothing).
 */
export async function addToOutbox(tx: Prisma.TransactionClient, entry: OutboxEntry): Promise<boolean> {
  assertOutboxEntry(entry);
  const { count } = await tx.outbox.createMany({
    data: [{ topic: entry.topic, payload: entry.payload as Prisma.InputJsonValue, dedupeKey: entry.dedupeKey, runAt: entry.runAt ?? null }],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * Adds several entries in one statement inside the caller's transaction (a dispatch's deadline
 * jobs, a notification's push and text message); each is checked first, and an entry whose dedupe
 * key exists is skipped as `addToOutbox` skips it. Returns how many were added.
 */
export async function addManyToOutbox(tx: Prisma.TransactionClient, entries: readonly OutboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  for (const entry of entries) assertOutboxEntry(entry);
  const { count } = await tx.outbox.createMany({
    data: entries.map((entry) => ({ topic: entry.topic, payload: entry.payload as Prisma.InputJsonValue, dedupeKey: entry.dedupeKey, runAt: entry.runAt ?? null })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * Wakes every dispatcher right after a commit, so that work is enqueued in milliseconds rather
 * than at the next periodic pass. Best effort: a lost nudge only delays, never loses, the work.
 */
export async function nudgeOutbox(redis: Redis, redisPrefix: string): Promise<void> {
  await redis.publish(outboxNudgeChannel(redisPrefix), '1').catch(() => undefined);
}
