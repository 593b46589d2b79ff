/**
 * What "every workflow step happened once" means, in SQL over the drill's database: a due
 * deadline step of a current plan without its trail entry is lost; a trail entry, inbox entry or
 * text message written twice for the same step is duplicated. A notification whose text message
 * was asked for (an outbox row) but never recorded is a lost SMS.
 */
import type { PrismaClient } from '@yixian/db';
import { STEP_STATES } from '../../../apps/api/src/modules/deadlines/deadline-steps.js';

export interface WorkflowCounts {
  dueStepsMissing: number;
  undispatchedOutbox: number;
  duplicatedTrail: number;
  duplicatedNotifications: number;
  duplicatedSms: number;
  smsMissing: number;
  stepsDone: number;
  notifications: number;
  sms: number;
}

/** Due steps of current plans, in a state where they apply, with no system trail entry yet. */
export async function countMissingDueSteps(prisma: PrismaClient, now: Date): Promise<number> {
  const rows = await prisma.$queryRaw<{ step: string; state: string }[]>`
    SELECT o."payload"->>'step' AS step, t."state" FROM "outbox" o
    JOIN "ticket" t ON t."id" = o."payload"->>'ticketId'
    WHERE o."topic" = 'ticket.deadline.check' AND o."runAt" <= ${now}
      AND (o."payload"->>'deadlineVersion')::int = t."deadlineVersion"
      AND NOT EXISTS (SELECT 1 FROM "ticket_event" e WHERE e."ticketId" = t."id" AND e."actorRole" = 'system' AND e."data"->>'jobId' = o."dedupeKey")`;
  return rows.filter((row) => (STEP_STATES[row.step as keyof typeof STEP_STATES] as readonly string[] | undefined)?.includes(row.state)).length;
}

const one = async (prisma: PrismaClient, query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;

export async function countWorkflow(prisma: PrismaClient, now: Date): Promise<WorkflowCounts> {
  return {
    dueStepsMissing: await countMissingDueSteps(prisma, now),
    undispatchedOutbox: await one(prisma, prisma.$queryRaw`SELECT count(*)::int AS n FROM "outbox" WHERE "dispatchedAt" IS NULL AND ("runAt" IS NULL OR "runAt" <= ${now})`),
    duplicatedTrail: await one(prisma, prisma.$queryRaw`
      SELECT coalesce(sum(c - 1), 0)::int AS n FROM (
        SELECT count(*) AS c FROM "ticket_event" WHERE "actorRole" = 'system'
        GROUP BY "ticketId", "action", "data"->>'step', "data"->>'deadlineVersion', "data"->>'jobId') g WHERE c > 1`),
    duplicatedNotifications: await one(prisma, prisma.$queryRaw`
      SELECT coalesce(sum(c - 1), 0)::int AS n FROM (SELECT count(*) AS c FROM "notification" GROUP BY "dedupeKey") g WHERE c > 1`),
    duplicatedSms: await one(prisma, prisma.$queryRaw`
      SELECT coalesce(sum(c - 1), 0)::int AS n FROM (SELECT count(*) AS c FROM "sms_message" GROUP BY "dedupeKey") g WHERE c > 1`),
    smsMissing: await one(prisma, prisma.$queryRaw`
      SELECT count(*)::int AS n FROM "outbox" o JOIN "notification" n ON n."id" = o."payload"->>'notificationId'
      WHERE o."topic" = 'notification.sms' AND NOT EXISTS (SELECT 1 FROM "sms_message" s WHERE s."dedupeKey" = 'sms-' || n."dedupeKey")`),
    stepsDone: await one(prisma, prisma.$queryRaw`SELECT count(*)::int AS n FROM "ticket_event" WHERE "actorRole" = 'system'`),
    notifications: await one(prisma, prisma.$queryRaw`SELECT count(*)::int AS n FROM "notification"`),
    sms: await one(prisma, prisma.$queryRaw`SELECT count(*)::int AS n FROM "sms_message"`),
  };
}

export const isQuiet = (counts: WorkflowCounts) => counts.dueStepsMissing === 0 && counts.undispatchedOutbox === 0 && counts.smsMissing === 0;
