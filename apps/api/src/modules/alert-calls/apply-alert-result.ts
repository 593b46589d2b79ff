/**
 * The PBX's outcome of an alert call (an `alert.result` on `call-events`, from the bridge) lands on
 * its AlertCall row once: the first report wins, in one transaction with the handler of the
 * call's purpose, so a handler that fails is called again on the job's retry and a repeated
 * report changes nothing.
 */
import { UnrecoverableError } from 'bullmq';
import type { AlertCallResult } from '@yixian/runtime';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { alertResultHandlerFor } from './alert-result-handlers.js';

const OUTCOMES = new Set(['acknowledged', 'answered', 'no_answer', 'busy', 'failed']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A handler may place the next call or notify: more than Prisma's 5 s default. */
const HANDLER_TIMEOUT_MS = 30_000;

export function parseAlertResult(data: unknown): AlertCallResult {
  const payload = data as Partial<AlertCallResult> | null;
  if (!payload || typeof payload.alertCallId !== 'string' || !UUID.test(payload.alertCallId)) throw new UnrecoverableError('alert.result: alertCallId must be a uuid');
  if (typeof payload.outcome !== 'string' || !OUTCOMES.has(payload.outcome)) throw new UnrecoverableError(`alert.result: unknown outcome ${String(payload.outcome)}`);
  if (typeof payload.at !== 'string' || Number.isNaN(Date.parse(payload.at))) throw new UnrecoverableError('alert.result: at must be an ISO time');
  if (payload.detail !== null && payload.detail !== undefined && typeof payload.detail !== 'string') throw new UnrecoverableError('alert.result: detail must be a string or null');
  if (payload.digits !== undefined && (typeof payload.digits !== 'string' || !/^[0-9*#]{0,8}$/.test(payload.digits))) throw new UnrecoverableError('alert.result: digits must be keypad digits');
  return { ...payload, detail: payload.detail ?? null, digits: payload.digits ?? '' } as AlertCallResult;
}

/** Writes the outcome and runs the purpose's handler; false when the call is unknown or already had one. */
export async function applyAlertResult(context: WorkerContext, result: AlertCallResult): Promise<{ applied: boolean; handled: boolean }> {
  const endedAt = new Date(result.at);
  const detail = result.detail ? result.detail.slice(0, 64) : null;
  return context.prisma.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE "alert_call" SET "outcome" = ${result.outcome}, "detail" = ${detail}, "endedAt" = ${endedAt}
       WHERE "id" = ${result.alertCallId} AND "outcome" = 'placed'`;
    if (count === 0) return { applied: false, handled: false };
    const alertCall = await tx.alertCall.findUniqueOrThrow({ where: { id: result.alertCallId } });
    const handler = alertResultHandlerFor(alertCall.purpose);
    if (!handler) {
      context.log.warn({ alertCallId: alertCall.id, purpose: alertCall.purpose }, 'alert call result: no handler for this purpose');
      return { applied: true, handled: false };
    }
    await handler({ tx, context, alertCall, result });
    return { applied: true, handled: true };
  }, { timeout: HANDLER_TIMEOUT_MS });
}
