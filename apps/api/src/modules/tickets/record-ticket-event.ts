/**
 * The only way to write to the trail (痕迹化管理). Every transition, side action and system
 * act (deadline jobs) calls it inside the transaction that changes the ticket, so the trail and
 * the ticket can never disagree. The trail is append-only: a DB trigger refuses UPDATE/DELETE.
 */
import type { Prisma, TicketEvent } from '@yixian/db';

export interface TicketEventInput {
  ticketId: string;
  /** A TICKET_ACTIONS value, or a system act ('create', 'escalate', 'remind' …). */
  action: string;
  fromState: string | null;
  toState: string | null;
  /** null for system acts (deadline jobs, automatic escalation). */
  actorId: string | null;
  /** The role the actor acted in, or 'system'. */
  actorRole: string;
  /** The unit the act concerns (the lead unit after a dispatch, the acting unit for a return). */
  unitId?: string | null;
  reason?: string | null;
  /** Ids and codes only: never a caller's number or name. */
  data?: Record<string, unknown>;
  /** Business time from the movable clock; defaults to the database's now(). */
  at?: Date;
}

/** Appends one trail entry; call it inside the same `prisma.$transaction` as the state change. */
export async function recordTicketEvent(tx: Prisma.TransactionClient, input: TicketEventInput): Promise<TicketEvent> {
  return tx.ticketEvent.create({
    data: {
      ticketId: input.ticketId,
      action: input.action,
      fromState: input.fromState,
      toState: input.toState,
      actorId: input.actorId,
      actorRole: input.actorRole,
      unitId: input.unitId ?? null,
      reason: input.reason ?? null,
      data: (input.data ?? {}) as Prisma.InputJsonValue,
      ...(input.at ? { at: input.at } : {}),
    },
  });
}
