/**
 * Job counts and the age of the oldest waiting job of BullMQ queues, read from BullMQ's own keys
 * (lists and sorted sets) in two pipelined round trips, without opening queues. Read by the
 * health page and by `/metrics`.
 *
 * BullMQ pushes a new job on the left of `wait` and workers take from the right, so the oldest
 * waiting job is the list's last. A delayed job is ready at `timestamp + delay`, and one past due
 * that no worker has moved yet (no worker running) waits as much as one in `wait`: the older of
 * the two is the queue's oldest wait. Delayed scores are `due ms × 0x1000 + a counter`.
 */
import type { Redis } from 'ioredis';
import { bullPrefix } from '@yixian/runtime';

export interface QueueDepth {
  name: string;
  /** In `wait` and `prioritized`: ready, not yet taken by a worker. */
  waiting: number;
  active: number;
  delayed: number;
  /** Jobs that failed for good and are still kept (removeOnFail trims them). */
  failed: number;
  /** Seconds the oldest ready job has waited since it became ready; 0 when none waits. */
  oldestWaitSeconds: number;
}

const DELAYED_SCORE_FACTOR = 0x1000;

export async function readQueueDepths(redis: Redis, redisPrefix: string, names: readonly string[], now = Date.now()): Promise<QueueDepth[]> {
  const base = (name: string) => `${bullPrefix(redisPrefix)}:${name}`;
  const pipe = redis.pipeline();
  for (const name of names) {
    pipe.llen(`${base(name)}:wait`).zcard(`${base(name)}:prioritized`).llen(`${base(name)}:active`).zcard(`${base(name)}:delayed`).zcard(`${base(name)}:failed`)
      .lindex(`${base(name)}:wait`, -1).zrange(`${base(name)}:delayed`, '0', '0', 'WITHSCORES');
  }
  const results = ((await pipe.exec()) ?? []).map(([error, value]) => (error ? null : value));
  const oldest = redis.pipeline();
  const depths = names.map((name, i) => {
    const [wait, prioritized, active, delayed, failed, tailId, firstDelayed] = results.slice(i * 7, i * 7 + 7);
    if (typeof tailId === 'string') oldest.hmget(`${base(name)}:${tailId}`, 'timestamp', 'delay');
    const delayedScore = Array.isArray(firstDelayed) && firstDelayed.length === 2 ? Number(firstDelayed[1]) : null;
    const delayedDueMs = delayedScore === null ? null : Math.floor(delayedScore / DELAYED_SCORE_FACTOR);
    return {
      depth: { name, waiting: Number(wait ?? 0) + Number(prioritized ?? 0), active: Number(active ?? 0), delayed: Number(delayed ?? 0), failed: Number(failed ?? 0), oldestWaitSeconds: 0 },
      hasTail: typeof tailId === 'string',
      readySince: delayedDueMs !== null && delayedDueMs <= now ? delayedDueMs : null,
    };
  });
  const tails = oldest.length > 0 ? ((await oldest.exec()) ?? []) : [];
  let tail = 0;
  return depths.map(({ depth, hasTail, readySince }) => {
    let since = readySince;
    if (hasTail) {
      const [error, fields] = tails[tail++] ?? [null, null];
      const [timestamp, delay] = !error && Array.isArray(fields) ? fields.map(Number) : [NaN, NaN];
      if (Number.isFinite(timestamp)) {
        const ready = timestamp! + (Number.isFinite(delay) ? delay! : 0);
        since = since === null ? ready : Math.min(since, ready);
      }
    }
    return { ...depth, oldestWaitSeconds: since === null ? 0 : Math.max(0, (now - since) / 1000) };
  });
}
