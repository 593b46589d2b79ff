/**
 * The PBX's outcome of a call-out (a `callout.result` on `call-events`, from the bridge) lands on
 * its attempt once: the first report wins, and it becomes the attempt's result unless the agent
 * has recorded one already.
 */
import { UnrecoverableError } from 'bullmq';
import type { PrismaClient } from '@yixian/db';
import type { CalloutResult } from '@yixian/runtime';

const OUTCOMES = new Set(['answered', 'no_answer', 'busy', 'failed']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseCalloutResult(data: unknown): CalloutResult {
  const payload = data as Partial<CalloutResult> | null;
  if (!payload || typeof payload.attemptId !== 'string' || !UUID.test(payload.attemptId)) throw new UnrecoverableError('callout.result: attemptId must be a uuid');
  if (typeof payload.outcome !== 'string' || !OUTCOMES.has(payload.outcome)) throw new UnrecoverableError(`callout.result: unknown outcome ${String(payload.outcome)}`);
  if (typeof payload.at !== 'string' || Number.isNaN(Date.parse(payload.at))) throw new UnrecoverableError('callout.result: at must be an ISO time');
  return payload as CalloutResult;
}

/** Writes the outcome; false when the attempt is unknown or already had one. */
export async function applyCalloutResult(prisma: PrismaClient, result: CalloutResult): Promise<boolean> {
  const at = new Date(result.at);
  const detail = result.detail ? result.detail.slice(0, 64) : null;
  // One statement: a reader never sees the PBX's result without the result it gives.
  const count = await prisma.$executeRaw`
    UPDATE "callback_attempt"
       SET "pbxResult" = ${result.outcome}, "pbxDetail" = ${detail}, "pbxResultAt" = ${at}, "result" = COALESCE("result", ${result.outcome}), "updatedAt" = now()
     WHERE "id" = ${result.attemptId} AND "pbxResult" IS NULL`;
  if (count === 0) return false;
  return true;
}
