/**
 * The `call-events` processor: each job is one domain event from a bridge. It writes the call
 * record (one per Linkedid, whatever the number of events or replays) and, on a resync,
 * closes the calls the PBX no longer has.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { CALL_EVENTS_QUEUE, callerKey, liveChannel } from '@yixian/runtime';
import type { QueueDefinition } from '../../jobs/registry.js';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { mergeCallEvent, type CallSnapshot, type IncomingCallEvent } from './merge-call-event.js';
import { recordCallRollup } from '../statistics/call-rollup.js';
import { requestReconcile } from '../accounting/accounting.jobs.js';
import { requestPbxConfigSync } from '../hotlines/pbx-config-sync.js';
import { applyCalloutResult, parseCalloutResult } from '../worklists/apply-callout-result.js';
import { applyAlertResult, parseAlertResult } from '../alert-calls/apply-alert-result.js';

interface CallEventPayload extends IncomingCallEvent {
  pbxId: string;
  linkedid?: string;
  eventId: string;
  liveLinkedids?: string[];
}

const KINDS = new Set([
  'call.offered', 'call.ringing', 'call.answered', 'call.abandoned', 'call.completed', 'call.transferred', 'call.ring_no_answer',
  'call.overflow', 'call.callback_requested', 'pbx.resync',
]);

/** Checks a job payload before anything is written; a bad one fails for good (no retry). */
export function parseCallEventPayload(data: unknown): CallEventPayload {
  const payload = data as Partial<CallEventPayload> | null;
  if (!payload || typeof payload !== 'object') throw new UnrecoverableError('call event: payload is not an object');
  if (typeof payload.kind !== 'string' || !KINDS.has(payload.kind)) throw new UnrecoverableError(`call event: unknown kind ${String(payload.kind)}`);
  if (typeof payload.pbxId !== 'string' || !payload.pbxId) throw new UnrecoverableError('call event: pbxId is required');
  if (typeof payload.at !== 'string' || Number.isNaN(Date.parse(payload.at))) throw new UnrecoverableError('call event: at must be an ISO time');
  if (payload.kind === 'pbx.resync') {
    if (!Array.isArray(payload.liveLinkedids)) throw new UnrecoverableError('call event: liveLinkedids is required on pbx.resync');
  } else if (typeof payload.linkedid !== 'string' || !payload.linkedid) {
    throw new UnrecoverableError('call event: linkedid is required');
  }
  return payload as CallEventPayload;
}

/**
 * Calls the PBX no longer has after a reconnect ended while the bridge could not see them. The
 * resync's time is the PBX's (the bridge stamps it with the PBX clock), so no host clock skew lands
 * in wait or talk; who hung up is unknown. The accounting reconciler later puts the PBX's own
 * times and outcome on them (modules/accounting).
 */
async function closeStaleCalls(context: WorkerContext, payload: CallEventPayload): Promise<number> {
  const at = new Date(payload.at);
  const stale = await context.prisma.call.findMany({
    where: { pbxId: payload.pbxId, state: { in: ['offered', 'ringing', 'answered'] }, enteredAt: { lte: at }, linkedid: { notIn: payload.liveLinkedids ?? [] } },
  });
  for (const call of stale) {
    const answered = call.state === 'answered';
    await context.prisma.call.updateMany({
      where: { id: call.id, state: call.state },
      data: {
        state: answered ? 'completed' : 'abandoned',
        endedAt: at,
        resynced: true,
        hangupBy: 'unknown',
        ...(answered && call.answeredAt ? { talkSeconds: Math.max(0, Math.round((at.getTime() - call.answeredAt.getTime()) / 1000)) } : {}),
        ...(!answered ? { waitSeconds: Math.max(0, Math.round((at.getTime() - call.enteredAt.getTime()) / 1000)) } : {}),
      },
    });
  }
  return stale.length;
}

/**
 * Applies one event to its call record; creates the record when this is the first event seen.
 * Read, merge and write hold a lock on the call (a transaction-scoped advisory lock on its
 * Linkedid): with several worker copies two events of one call run at once, and without it the
 * later write would put back what the other just changed (an answered call back to ringing).
 */
export async function applyCallEvent(context: WorkerContext, payload: CallEventPayload): Promise<void> {
  const { prisma, redis, config } = context;
  const linkedid = payload.linkedid!;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`call:${linkedid}`}))`;
    const existing = await tx.call.findUnique({ where: { linkedid } });
    if (!existing) {
      const caller = await redis.hgetall(callerKey(config.redisPrefix, payload.pbxId, linkedid));
      const hotline = payload.hotline ? await tx.hotline.findUnique({ where: { number: payload.hotline } }) : null;
      const fresh: CallSnapshot = {
        state: 'offered', enteredAt: new Date(payload.at), ringAt: null, answeredAt: null, endedAt: null, agentInterface: null,
        waitSeconds: null, talkSeconds: null, abandonPosition: null, originalPosition: null, hangupBy: null, hotlineNumber: payload.hotline ?? '',
      };
      const patch = mergeCallEvent(fresh, payload);
      await tx.call.create({
        data: { linkedid, pbxId: payload.pbxId, hotlineId: hotline?.id ?? null, callerNumber: caller.number || 'unknown', callerName: caller.name || null, ...fresh, ...patch },
      });
      return;
    }
    const patch = mergeCallEvent(existing as CallSnapshot, payload);
    if (Object.keys(patch).length > 0) await tx.call.update({ where: { linkedid }, data: patch });
  });
}

export const callEventsQueue: QueueDefinition = {
  name: CALL_EVENTS_QUEUE,
  // One at a time per worker copy; with several copies, events of one call may run at once or out
  // of order: the rules tolerate reordering, and applyCallEvent locks the call while it merges.
  concurrency: 1,
  async process(job: Job, context: WorkerContext) {
    // A worklist call-out's outcome (ids only), not a queue call: it lands on its attempt.
    if ((job.data as { kind?: unknown } | null)?.kind === 'callout.result') {
      return { applied: await applyCalloutResult(context.prisma, parseCalloutResult(job.data)) };
    }
    // An alert call's outcome (activation, red warning, conference): its row and its purpose's handler.
    if ((job.data as { kind?: unknown } | null)?.kind === 'alert.result') {
      return applyAlertResult(context, parseAlertResult(job.data));
    }
    const payload = parseCallEventPayload(job.data);
    if (payload.kind === 'pbx.resync') {
      const closed = await closeStaleCalls(context, payload);
      context.metrics?.resyncClosedCalls.inc({ pbx: payload.pbxId }, closed);
      // The PBX's accounting knows what happened while the link was down (modules/accounting).
      await requestReconcile(context, 'resync');
      // A bridge that (re)connected may face a PBX that never had, or lost, the hotlines and calendar.
      await requestPbxConfigSync(context, payload.pbxId, 'resync');
      return { closed };
    }
    if (payload.kind === 'call.ring_no_answer') return { skipped: true };
    await applyCallEvent(context, payload);
    await recordCallRollup(context.prisma, await context.prisma.call.findUniqueOrThrow({ where: { linkedid: payload.linkedid! } }));
    await context.redis.publish(liveChannel(context.config.redisPrefix, 'calls'), JSON.stringify({ linkedid: payload.linkedid, kind: payload.kind }));
    return { applied: payload.kind };
  },
};
