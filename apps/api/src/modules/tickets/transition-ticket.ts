/**
 * One step of a ticket's life, inside the caller's transaction: the ticket row changes, the
 * trail gets its entry, the deadlines are re-planned (D's `planDeadlines`) and the unit is told
 * (D's `notifyUnit`). Every act — by a person or by the worker — goes through here, so the
 * ticket, its trail and its pending jobs never disagree.
 */
import type { Prisma, Ticket } from '@yixian/db';
import { planDeadlines, type DeadlineTrigger } from '../deadlines/plan-deadlines.js';
import { notifyUnit } from '../notifications/notify.js';
import { recordTicketEvent } from './record-ticket-event.js';

export type NotifyKind = 'dispatch' | 'return' | 'reminder' | 'supervision' | 'notice' | 'reopen' | 'extension' | 'reply_rejected' | 'verification';

export interface TransitionInput {
  action: string;
  /** The state after the act; equal to the current state for side actions. */
  to: string;
  actorId: string | null;
  actorRole: string;
  now: Date;
  update?: Prisma.TicketUncheckedUpdateInput;
  unitId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  trigger?: DeadlineTrigger;
  notify?: { unitId: string; kind: NotifyKind; title: string; body?: string };
}

export interface TransitionResult {
  ticket: Ticket;
  eventId: bigint;
}

/** Applies one act; returns the ticket as it is after the deadlines were planned. */
export async function transitionTicket(tx: Prisma.TransactionClient, ticket: Ticket, input: TransitionInput): Promise<TransitionResult> {
  let updated = await tx.ticket.update({ where: { id: ticket.id }, data: { ...input.update, state: input.to } });
  const event = await recordTicketEvent(tx, {
    ticketId: ticket.id,
    action: input.action,
    fromState: ticket.state,
    toState: input.to,
    actorId: input.actorId,
    actorRole: input.actorRole,
    unitId: input.unitId ?? updated.leadUnitId,
    reason: input.reason ?? null,
    data: input.data ?? {},
    at: input.now,
  });
  if (input.trigger) {
    const written = await planDeadlines(tx, updated, input.trigger, input.now);
    updated = { ...updated, ...written };
  }
  if (input.notify) {
    await notifyUnit(tx, {
      unitId: input.notify.unitId,
      ticketId: ticket.id,
      kind: input.notify.kind,
      dedupeKey: `${input.action}-${ticket.id}-${event.id}`,
      title: input.notify.title,
      ticket: { categoryId: updated.categoryId, leadUnitId: updated.leadUnitId },
      ...(input.notify.body ? { body: input.notify.body } : {}),
    });
  }
  return { ticket: updated, eventId: event.id };
}
