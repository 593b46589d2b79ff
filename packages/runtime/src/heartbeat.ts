/**
 * Process heartbeats: each worker and bridge writes its id into one sorted set, scored by
 * the time of its last beat; `/api/health` reads who beat within the window. A sorted set
 * (not one key per process) lets health read everything with one command, without KEYS.
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A process that has not beaten for this long counts as gone. */
export const HEARTBEAT_WINDOW_MS = 15_000;

export type ProcessKind = 'worker' | 'bridge' | 'api';

export interface Heartbeat {
  kind: ProcessKind;
  id: string;
  lastBeatAt: string;
  ageMs: number;
}

function setKey(prefix: string): string {
  return `${prefix}heartbeats`;
}

/** Starts beating; returns a stop function that also removes the process from the set. */
export function startHeartbeat(redis: Redis, prefix: string, kind: ProcessKind, id = `${hostname()}-${process.pid}`) {
  const member = `${kind}:${id}`;
  const beat = () => redis.zadd(setKey(prefix), Date.now(), member).catch(() => undefined);
  void beat();
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.zrem(setKey(prefix), member).catch(() => undefined);
  };
}

/** Every process that beat within the window; older entries are pruned. */
export async function readHeartbeats(redis: Redis, prefix: string, now = Date.now()): Promise<Heartbeat[]> {
  const key = setKey(prefix);
  await redis.zremrangebyscore(key, 0, now - 24 * 3600_000);
  const entries = await redis.zrangebyscore(key, now - HEARTBEAT_WINDOW_MS, '+inf', 'WITHSCORES');
  const beats: Heartbeat[] = [];
  for (let i = 0; i + 1 < entries.length; i += 2) {
    const member = entries[i]!;
    const score = Number(entries[i + 1]);
    const split = member.indexOf(':');
    beats.push({
      kind: member.slice(0, split) as ProcessKind,
      id: member.slice(split + 1),
      lastBeatAt: new Date(score).toISOString(),
      ageMs: now - score,
    });
  }
  return beats;
}
