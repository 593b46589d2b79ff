/**
 * One deadline step of one ticket, as a system act. Everything happens in ONE transaction that
 * first locks the ticket row and checks the plan version, so a step that was superseded does
 * nothing and a step redone after a crash writes nothing twice: the trail entry is looked up by
 * job id, and the notification's unique dedupe key is the backstop.
 */
import { formatDue } from '../notifications/name-notified-ticket.js';
import type { Prisma, PrismaClient, Ticket } from '@yixian/db';
import { escalateTicket } from '../routing/escalate-ticket.js';
import { recordTicketEvent } from '../tickets/record-ticket-event.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';
import { deadlineJobId, STEP_ACTIONS, STEP_STATES, type DeadlineStep } from './deadline-steps.js';

export interface DeadlineStepInput {
  ticketId: string;
  step: DeadlineStep;
  deadlineVersion: number;
  dueAt: Date;
}

export type DeadlineStepOutcome = 'done' | 'superseded' | 'already_done' | 'missing';

const STEP_NOTICES: Record<DeadlineStep, { kind: NotificationKind; title: (code: string) => string }> = {
  sign_check: { kind: NOTIFICATION_KINDS.reminder, title: (code) => `签收超时：工单 ${code} 未按时签收` },
  reminder: { kind: NOTIFICATION_KINDS.reminder, title: (code) => `催办：工单 ${code} 已用去 75% 办理时限` },
  supervision: { kind: NOTIFICATION_KINDS.supervision, title: (code) => `督办：工单 ${code} 已超过办理时限` },
  notice: { kind: NOTIFICATION_KINDS.notice, title: (code) => `通报：工单 ${code} 超期 5 个工作日` },
  follow_up_due: { kind: NOTIFICATION_KINDS.follow_up, title: (code) => `回访到期：工单 ${code}` },
};

class AlreadyDone extends Error {}

async function lockTicket(tx: Prisma.TransactionClient, ticketId: string): Promise<Ticket | null> {
  await tx.$queryRaw`SELECT "id" FROM "ticket" WHERE "id" = ${ticketId} FOR UPDATE`;
  return tx.ticket.findUnique({ where: { id: ticketId } });
}

async function writeStep(tx: Prisma.TransactionClient, ticket: Ticket, input: DeadlineStepInput, jobId: string, now: Date): Promise<void> {
  const { kind, title } = STEP_NOTICES[input.step];
  const message = { ticketId: ticket.id, kind, dedupeKey: `${ticket.id}-${input.step}-v${input.deadlineVersion}`, title: title(ticket.code), body: `期限 ${formatDue(input.dueAt)}` };
  // The follow-up call is the centre's work: the agent who took the ticket hears of it.
  const target = input.step === 'follow_up_due' ? (ticket.createdById ? { userId: ticket.createdById } : null) : (ticket.leadUnitId ? { unitId: ticket.leadUnitId } : null);
  if (target) {
    const id = await notify(tx, target, message);
    if (id === null) throw new AlreadyDone();
  }
  await recordTicketEvent(tx, {
    ticketId: ticket.id, action: STEP_ACTIONS[input.step], fromState: ticket.state, toState: ticket.state,
    actorId: null, actorRole: 'system', unitId: ticket.leadUnitId, reason: input.step,
    data: { step: input.step, deadlineVersion: input.deadlineVersion, dueAt: input.dueAt.toISOString(), jobId }, at: now,
  });
  if (input.step === 'sign_check') await escalateTicket(tx, ticket, 'sign_timeout', now);
}

/** Runs the step if its plan is still current and it has not run; tells which case it was. */
export async function runDeadlineStep(prisma: PrismaClient, input: DeadlineStepInput, now: Date): Promise<DeadlineStepOutcome> {
  const jobId = deadlineJobId(input.ticketId, input.step, input.deadlineVersion);
  try {
    return await prisma.$transaction(async (tx) => {
      const ticket = await lockTicket(tx, input.ticketId);
      if (!ticket) return 'missing';
      if (ticket.deadlineVersion !== input.deadlineVersion) return 'superseded';
      if (!(STEP_STATES[input.step] as readonly string[]).includes(ticket.state)) return 'superseded';
      const trail = await tx.ticketEvent.findFirst({ where: { ticketId: ticket.id, actorRole: 'system', data: { path: ['jobId'], equals: jobId } }, select: { id: true } });
      if (trail) return 'already_done';
      await writeStep(tx, ticket, input, jobId, now);
      return 'done';
    }, { timeout: 30_000 });
  } catch (error) {
    if (error instanceof AlreadyDone) return 'already_done';
    throw error;
  }
}
