/**
 * Alert calls the bridge never reported (the bridge away longer than the number's key lives, a
 * report lost): after UNREPORTED_AFTER_MS a `placed` row is ended as `failed` (`api:no_report`)
 * through the same path as a bridge's report, so the purpose's handler retries or escalates
 * instead of waiting forever. Late enough that a call the bridge did place has ended: the key
 * lives ALERT_TARGET_TTL_SECONDS, a call rings at most 300 s and the prompt takes about 20 s.
 */
import { ALERT_TARGET_TTL_SECONDS, type AlertCallResult } from '@yixian/runtime';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { applyAlertResult } from './apply-alert-result.js';

export const UNREPORTED_AFTER_MS = (ALERT_TARGET_TTL_SECONDS + 300 + 120) * 1000;
const BATCH = 100;

/** Ends the overdue `placed` calls; returns how many it ended (a call reported meanwhile is left alone). */
export async function sweepUnreportedAlertCalls(context: WorkerContext): Promise<number> {
  const now = context.clock.now();
  const overdue = await context.prisma.alertCall.findMany({
    where: { outcome: 'placed', placedAt: { lt: new Date(now.getTime() - UNREPORTED_AFTER_MS) } },
    orderBy: { placedAt: 'asc' }, take: BATCH, select: { id: true },
  });
  let ended = 0;
  for (const { id } of overdue) {
    const result: AlertCallResult = {
      kind: 'alert.result', eventId: `alert:${id}:unreported`, pbxId: context.config.pbxId, at: now.toISOString(), alertCallId: id,
      outcome: 'failed', detail: 'api:no_report', digits: '',
    };
    if ((await applyAlertResult(context, result)).applied) ended++;
  }
  return ended;
}
