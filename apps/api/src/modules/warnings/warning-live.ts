/**
 * After a warning changed (an act, an acknowledgement, a call's result, a reminder, expiry): one
 * message on topic `incidents` (centre roles), so the list, the detail and the command hall reload.
 * Best effort: a lost message only delays a screen until its next load.
 */
import type { Redis } from 'ioredis';
import { liveChannel } from '@yixian/runtime';

export const WARNINGS_LIVE_TOPIC = 'incidents';

export async function pushWarningChanged(redis: Redis, redisPrefix: string, warningId: string): Promise<void> {
  await redis.publish(liveChannel(redisPrefix, WARNINGS_LIVE_TOPIC), JSON.stringify({ type: 'warning.changed', warningId })).catch(() => undefined);
}
