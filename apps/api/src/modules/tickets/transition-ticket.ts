/**
 * One step of a ticket's life, inside the caller's transaction: the ticket row changes, the
 * trail gets its entry, the deadlines are re-planned (D's `planDeadlines`) and the unit is told
 * (D's `notifyUnit`). Every act — by a person or by the worker — goes through here, so the
 * ticket, its trail and its pending jobs never disagree.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, Ticket } from '@yixian/db';
import {
  TRAIL_FREE_TRIGGERS, deadlineJobEntries, planDeadlines, prepareDeadlines, type DeadlineTrigger,
} from '../deadlines/plan-deadlines.js';
import { assertNotifyInput, notificationFollowUps, notificationTitle, notifyUnit } from '../notifications/notify.js';
import { recordTicketEvent } from './record-ticket-event.js';
import { writeTransition, type PlainValue, type TransitionWrite } from './write-transition.js';

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
  /** An optimistic act's row version (ActionContext.rowVersion): the act must be one statement, taken only on that version. */
  rowVersion?: string;
}

export interface TransitionResult {
  ticket: Ticket;
  eventId: bigint;
}

/** True when every value of the update is a value (no `{ increment }` or JSON object): the row after it can be worked out. */
function isPlainUpdate(update: Prisma.TicketUncheckedUpdateInput): update is Record<string, PlainValue> {
  return Object.values(update).every((value) => value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value));
}

/**
 * Applies one act; returns the ticket as it is after the deadlines were planned. An act whose
 * update is plain and whose due times do not read the trail (every act of a person but a sign, an
 * extension or a re-plan) is written as one statement (write-transition.ts); the others as separate
 * statements, planning after their entry.
 */
export async function transitionTicket(tx: Prisma.TransactionClient, ticket: Ticket, input: TransitionInput): Promise<TransitionResult> {
  const update = input.update ?? {};
  const trailFree = !input.trigger || (TRAIL_FREE_TRIGGERS.includes(input.trigger) && input.actorRole !== 'system');
  if (!trailFree || !isPlainUpdate(update)) {
    if (input.rowVersion !== undefined) throw new Error(`transitionTicket: ${input.action} takes several statements and cannot be taken optimistically`);
    return transitionInSteps(tx, ticket, input);
  }
  // The due times go into the act's own update, worked out from the row as the act leaves it.
  const prepared = input.trigger
    ? await prepareDeadlines(tx, { ...ticket, ...(update as Partial<Ticket>), state: input.to }, input.trigger, input.now)
    : null;
  const version = ticket.deadlineVersion + (prepared ? 1 : 0);
  const leadUnitId = update.leadUnitId !== undefined ? (update.leadUnitId as string | null) : ticket.leadUnitId;
  const categoryId = typeof update.categoryId === 'string' ? update.categoryId : ticket.categoryId;
  let notice: TransitionWrite['notice'];
  if (input.notify) {
    const keyPrefix = `${input.action}-${ticket.id}-`;
    const notifyInput = {
      ticketId: ticket.id, kind: input.notify.kind, title: input.notify.title, ticket: { categoryId, leadUnitId },
    };
    assertNotifyInput(notifyInput, `${keyPrefix}${'9'.repeat(19)}`);
    const id = randomUUID();
    const title = await notificationTitle(tx, notifyInput);
    notice = {
      id, unitId: input.notify.unitId, ticketId: ticket.id, kind: input.notify.kind, title, body: input.notify.body ?? '', keyPrefix,
      followUps: notificationFollowUps({ unitId: input.notify.unitId }, notifyInput, id, title),
    };
  }
  return writeTransition(tx, {
    ticket,
    ...(input.rowVersion !== undefined ? { rowVersion: input.rowVersion } : {}),
    set: { ...update, ...(prepared?.fields ?? {}) },
    to: input.to,
    bumpVersion: prepared !== null,
    version,
    jobs: prepared ? await deadlineJobEntries(tx, ticket.id, prepared, version) : [],
    entry: {
      action: input.action, actorId: input.actorId, actorRole: input.actorRole, unitId: input.unitId ?? null,
      reason: input.reason ?? null, data: input.data ?? {}, at: input.now,
    },
    ...(notice ? { notice } : {}),
  });
}

/** The act as separate statements: the update, the entry, then the plan (which may read the entry), then the unit's notice. */
async function transitionInSteps(tx: Prisma.TransactionClient, ticket: Ticket, input: TransitionInput): Promise<TransitionResult> {
  const update = input.update ?? {};
  let updated = await tx.ticket.update({ where: { id: ticket.id }, data: { ...update, state: input.to } });
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
