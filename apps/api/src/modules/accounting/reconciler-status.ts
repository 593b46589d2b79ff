/**
 * The reconciler's last run, kept in Redis for `GET /api/health`: when it last finished, what it
 * found, and the last failure (a message without the URL or any call data).
 */
import type { Redis } from 'ioredis';

export interface ReconcileSummary {
  /** Calls the accounting holds in the window, ended long enough ago to be compared. */
  calls: number;
  /** Calls created from the accounting (source `accounting`). */
  created: number;
  /** Calls closed by a resync that took the PBX's end, outcome and talk. */
  corrected: number;
  opened: number;
  resolved: number;
  /** Open differences after the run, all calls. */
  open: number;
  ms: number;
}

export interface ReconcilerRun extends ReconcileSummary {
  at: string;
}

export interface ReconcilerStatus {
  lastRun: ReconcilerRun | null;
  lastFailure: { at: string; message: string } | null;
}

const key = (prefix: string) => `${prefix}accounting:reconciler`;

export async function recordReconcileRun(redis: Redis, prefix: string, at: Date, summary: ReconcileSummary): Promise<void> {
  await redis.hset(key(prefix), 'lastRun', JSON.stringify({ at: at.toISOString(), ...summary }));
}

export async function recordReconcileFailure(redis: Redis, prefix: string, at: Date, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).replace(/postgres(ql)?:\/\/\S+/gi, '<url>').slice(0, 200);
  await redis.hset(key(prefix), 'lastFailure', JSON.stringify({ at: at.toISOString(), message }));
}

export async function readReconcilerStatus(redis: Redis, prefix: string): Promise<ReconcilerStatus> {
  const fields = await redis.hgetall(key(prefix));
  return {
    lastRun: fields.lastRun ? (JSON.parse(fields.lastRun) as ReconcilerRun) : null,
    lastFailure: fields.lastFailure ? (JSON.parse(fields.lastFailure) as ReconcilerStatus['lastFailure']) : null,
  };
}
