/**
 * The bridge's link to its PBX as the health page shows it: connected or not, since when, and
 * when the last AMI event arrived. The bridge writes it (the event time at most every few
 * seconds); `/api/health` reads it. A hash per PBX, `<prefix>pbx-link:<pbxId>`.
 */
import type { Redis } from 'ioredis';

export const pbxLinkKey = (redisPrefix: string, pbxId: string) => `${redisPrefix}pbx-link:${pbxId}`;

export interface PbxLinkStatus {
  connected: boolean;
  /** When the link came up or went down. */
  since: string | null;
  lastEventAt: string | null;
}

/** How often the bridge writes the time of its last event. */
export const PBX_LINK_WRITE_MS = 5_000;

/** The bridge's writer: call `up`/`down` on the link's changes and `event` on every AMI event. */
export function createPbxLinkWriter(redis: Redis, redisPrefix: string, pbxId: string) {
  const key = pbxLinkKey(redisPrefix, pbxId);
  let lastEventAt: string | null = null;
  let written: string | null = null;
  const timer = setInterval(() => {
    if (lastEventAt === written) return;
    written = lastEventAt;
    void redis.hset(key, 'lastEventAt', lastEventAt ?? '').catch(() => undefined);
  }, PBX_LINK_WRITE_MS);
  timer.unref();
  const set = (connected: boolean) =>
    void redis.hset(key, { connected: connected ? '1' : '0', since: new Date().toISOString() }).catch(() => undefined);
  return {
    up: () => set(true),
    down: () => set(false),
    event(): void {
      lastEventAt = new Date().toISOString();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

/** The link as the bridge last wrote it; null when no bridge of this PBX ever wrote. */
export async function readPbxLink(redis: Redis, redisPrefix: string, pbxId: string): Promise<PbxLinkStatus | null> {
  const hash = await redis.hgetall(pbxLinkKey(redisPrefix, pbxId));
  if (!hash.connected) return null;
  return { connected: hash.connected === '1', since: hash.since || null, lastEventAt: hash.lastEventAt || null };
}

/**
 * The last configuration sync a bridge ran on its PBX (a hash per PBX, `<prefix>pbx-config:<pbxId>`):
 * `digest` and `readAt` of the applied state, `appliedAt`, and `error` with `failedAt` when the
 * last attempt failed. The console's "has the PBX picked up the change" line reads it.
 */
export const pbxConfigKey = (redisPrefix: string, pbxId: string) => `${redisPrefix}pbx-config:${pbxId}`;

export interface PbxConfigStatus {
  digest: string | null;
  readAt: string | null;
  appliedAt: string | null;
  error: string | null;
  failedAt: string | null;
}

export async function readPbxConfigStatus(redis: Redis, redisPrefix: string, pbxId: string): Promise<PbxConfigStatus> {
  const hash = await redis.hgetall(pbxConfigKey(redisPrefix, pbxId));
  return { digest: hash.digest || null, readAt: hash.readAt || null, appliedAt: hash.appliedAt || null, error: hash.error || null, failedAt: hash.failedAt || null };
}
