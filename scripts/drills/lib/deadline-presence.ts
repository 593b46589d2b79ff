/**
 * "Every open ticket has its deadline jobs": each step of each open ticket's current plan (an
 * outbox row of the ticket's `deadlineVersion`, in a state where the step applies) is either
 * done (its system trail entry exists), waiting in BullMQ (delayed, waiting, active…), or held by
 * the outbox because its time is not yet within the dispatcher's reach (`HAND_OVER_AHEAD_MS`: the
 * row is handed over minutes before it is due). A step that is none of these is missing: nothing
 * would ever run it but the sweeper.
 */
import type { PrismaClient } from '@yixian/db';
import type { Queue } from 'bullmq';
import { STEP_STATES, type DeadlineStep } from '../../../apps/api/src/modules/deadlines/deadline-steps.js';
import { handOverReach } from '../../../apps/api/src/modules/outbox/dispatch-outbox.js';
import { jobIdFromDedupeKey } from '../../../apps/api/src/modules/outbox/outbox-topics.js';

/** Job states in which a job will still run. */
const PENDING_TYPES = ['delayed', 'waiting', 'active', 'prioritized', 'waiting-children'] as const;

export interface MissingStep {
  jobId: string;
  step: string;
  /** The step's due time has come on `now` (the sweeper's case) or not (only a job would run it). */
  due: boolean;
  /** The outbox dispatcher has handed the row over (so only the sweeper could bring it back). */
  dispatched: boolean;
}

export interface DeadlinePresence {
  /** Open steps of current plans not done yet. */
  pendingSteps: number;
  doneSteps: number;
  missing: MissingStep[];
}

interface StepRow { dedupeKey: string; step: string; state: string; runAt: Date | null; dispatchedAt: Date | null; done: boolean }

/** Reads Redis first, then PostgreSQL: a job that completes in between is still seen (as done). */
export async function checkDeadlinePresence(prisma: PrismaClient, queue: Queue, now: Date): Promise<DeadlinePresence> {
  const pending = new Set(await queue.getRanges([...PENDING_TYPES], 0, -1));
  const rows = await prisma.$queryRaw<StepRow[]>`
    SELECT o."dedupeKey", o."payload"->>'step' AS step, t."state", o."runAt", o."dispatchedAt",
      EXISTS (SELECT 1 FROM "ticket_event" e WHERE e."ticketId" = t."id" AND e."actorRole" = 'system' AND e."data"->>'jobId' = o."dedupeKey") AS done
    FROM "outbox" o JOIN "ticket" t ON t."id" = o."payload"->>'ticketId'
    WHERE o."topic" = 'ticket.deadline.check' AND (o."payload"->>'deadlineVersion')::int = t."deadlineVersion"`;
  const current = rows.filter((row) => (STEP_STATES[row.step as DeadlineStep] as readonly string[] | undefined)?.includes(row.state));
  const reach = handOverReach(now).getTime();
  const heldByOutbox = (row: StepRow) => row.dispatchedAt === null && (row.runAt?.getTime() ?? 0) > reach;
  const missing = current
    .filter((row) => !row.done && !heldByOutbox(row) && !pending.has(jobIdFromDedupeKey(row.dedupeKey)))
    .map((row) => ({ jobId: jobIdFromDedupeKey(row.dedupeKey), step: row.step, due: (row.runAt?.getTime() ?? 0) <= now.getTime(), dispatched: row.dispatchedAt !== null }));
  const doneSteps = current.filter((row) => row.done).length;
  return { pendingSteps: current.length - doneSteps, doneSteps, missing };
}

/** Missing steps in words, for a failure line: how many, due or not, handed over or not. */
export function describeMissing(missing: MissingStep[]): string {
  const count = (pred: (m: MissingStep) => boolean) => missing.filter(pred).length;
  const steps = [...new Set(missing.map((m) => m.step))].join(', ');
  return `${missing.length} steps (${count((m) => m.due)} due, ${count((m) => !m.due)} not yet due; ${count((m) => m.dispatched)} handed over by the outbox, ${count((m) => !m.dispatched)} not yet) — ${steps}; e.g. ${missing.slice(0, 3).map((m) => m.jobId).join(', ')}`;
}

/**
 * Text messages asked for (an outbox row) and not recorded whose job is not pending in the
 * notifications queue either: nothing would ever send them. One still pending (e.g. held by a
 * killed worker until BullMQ's stalled-job check) is not lost.
 */
export async function countUnqueuedSms(prisma: PrismaClient, notifications: Queue): Promise<number> {
  const pending = new Set(await notifications.getRanges([...PENDING_TYPES], 0, -1));
  const rows = await prisma.$queryRaw<{ dedupeKey: string }[]>`
    SELECT o."dedupeKey" FROM "outbox" o JOIN "notification" n ON n."id" = o."payload"->>'notificationId'
    WHERE o."topic" = 'notification.sms' AND NOT EXISTS (SELECT 1 FROM "sms_message" s WHERE s."dedupeKey" = 'sms-' || n."dedupeKey")`;
  return rows.filter((row) => !pending.has(jobIdFromDedupeKey(row.dedupeKey))).length;
}
