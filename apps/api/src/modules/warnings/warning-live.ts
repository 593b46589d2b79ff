/**
 * After a warning changed (an act, an acknowledgement, a call's result, a reminder, expiry): one
 * message on topic `incidents` (centre roles), so the list, the detail and the command hall reload.
 * Best effort: a lost message only delays a screen until its next load.
 */
import type { Prisma } from '@yixian/db';
import type { Redis } from 'ioredis';
import { liveChannel } from '@yixian/runtime';
import { addToOutbox } from '../outbox/add-to-outbox.js';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';

export const WARNINGS_LIVE_TOPIC = 'incidents';

export async function pushWarningChanged(redis: Redis, redisPrefix: string, warningId: string): Promise<void> {
  await redis.publish(liveChannel(redisPrefix, WARNINGS_LIVE_TOPIC), JSON.stringify({ type: 'warning.changed', warningId })).catch(() => undefined);
}

/**
 * The same message, written in the caller's transaction and pushed once it commits (the outbox):
 * for acts inside a transaction another module owns, such as a call's outcome. `key` makes it once.
 */
export async function pushWarningChangedAfterCommit(tx: Prisma.TransactionClient, warningId: string, key: string): Promise<void> {
  await addToOutbox(tx, {
    topic: OUTBOX_TOPICS.live_push, dedupeKey: `push-warning-${key}`,
    payload: { topic: WARNINGS_LIVE_TOPIC, payload: { type: 'warning.changed', warningId } },
  });
}
