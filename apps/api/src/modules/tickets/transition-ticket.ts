/**
 * One step of a ticket's life, inside the caller's transaction: the ticket row changes, the
 * trail gets its entry, the deadlines are re-planned (D's `planDeadlines`) and the unit is told
 * (D's `notifyUnit`). Every act — by a person or by the worker — goes through here, so the
 * ticket, its trail and its pending jobs never disagree.
 */
import type { Prisma, Ticket } from '@yixian/db';
import {
  TRAIL_FREE_TRIGGERS, planDeadlines, prepareDeadlines, writeDeadlineJobs, type DeadlineTrigger, type PreparedDeadlines,
} from '../deadlines/plan-deadlines.js';
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

/** True when every value of the update is a value (no `{ increment }` or JSON object): the row after it can be worked out. */
function isPlainUpdate(update: Prisma.TicketUncheckedUpdateInput): boolean {
  return Object.values(update).every((value) => value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value));
}

/** Applies one act; returns the ticket as it is after the deadlines were planned. */
export async function transitionTicket(tx: Prisma.TransactionClient, ticket: Ticket, input: TransitionInput): Promise<TransitionResult> {
  const update = input.update ?? {};
  // The due times go into the act's own update when they can be worked out from the row as the act
  // leaves it (no trail read; a system act's step may be the one that fired, so it plans after its entry).
  let prepared: PreparedDeadlines | null = null;
  if (input.trigger && TRAIL_FREE_TRIGGERS.includes(input.trigger) && input.actorRole !== 'system' && isPlainUpdate(update)) {
    prepared = await prepareDeadlines(tx, { ...ticket, ...(update as Partial<Ticket>), state: input.to }, input.trigger, input.now);
  }
  let updated = await tx.ticket.update({
    where: { id: ticket.id },
    data: { ...update, state: input.to, ...(prepared ? { ...prepared.fields, deadlineVersion: { increment: 1 } } : {}) },
  });
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
  if (prepared) {
    await writeDeadlineJobs(tx, ticket.id, prepared, updated.deadlineVersion);
  } else if (input.trigger) {
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
