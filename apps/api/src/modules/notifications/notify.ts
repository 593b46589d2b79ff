/**
 * Inbox entries, written inside the caller's transaction together with their after-commit work
 * (a live push to the console, a text message) as outbox rows. Idempotent by `dedupeKey`: a
 * redone request or job writes nothing the second time.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@yixian/db';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';
import { addManyToOutbox, type OutboxEntry } from '../outbox/add-to-outbox.js';
import { appendNames, nameNotifiedTicket, type NamedTicketRef } from './name-notified-ticket.js';
import { isNotificationKind, SMS_KINDS, type NotificationKind } from './notification-kinds.js';

export interface NotifyInput {
  ticketId: string | null;
  kind: NotificationKind;
  /** Unique per intended notification, e.g. `<ticketId>-reminder-v3`. */
  dedupeKey: string;
  /**
   * Shown in the inbox and the text message: a ticket code and what is due, never a caller's data.
   * For a ticket, `notify` adds its category's and lead unit's names (never ids).
   */
  title: string;
  body?: string;
  /** Send a text message too; defaults to true for dispatch, reminder, supervision, notice, reopen. */
  sms?: boolean;
  /** The ticket's category and lead unit as the caller just wrote them, so that naming it reads nothing. */
  ticket?: NamedTicketRef;
}

export type NotifyTarget = { unitId: string; userId?: undefined } | { userId: string; unitId?: undefined };

/** Refuses a notification that could not be shown or sent, naming what is wrong. */
export function assertNotifyInput(input: Pick<NotifyInput, 'kind' | 'title'>, dedupeKey: string): void {
  if (!isNotificationKind(input.kind)) throw new TypeError(`notify: unknown kind "${String(input.kind)}"`);
  if (typeof input.title !== 'string' || input.title.length === 0 || input.title.length > 200) {
    throw new TypeError('notify: title must be 1-200 characters');
  }
  if (typeof dedupeKey !== 'string' || dedupeKey.length === 0 || dedupeKey.length > 180) {
    throw new TypeError('notify: dedupeKey must be 1-180 characters');
  }
}

/** The inbox entry's title as shown: for a ticket, with its category's and lead unit's names. */
export async function notificationTitle(tx: Prisma.TransactionClient, input: Pick<NotifyInput, 'ticketId' | 'title' | 'ticket'>): Promise<string> {
  return input.ticketId ? appendNames(input.title, await nameNotifiedTicket(tx, input.ticketId, input.ticket)) : input.title;
}

/**
 * The work that follows a new inbox entry, as outbox rows whose dedupe key is `keyPrefix` + the
 * entry's own key: the live push to the console, and a text message for the kinds that send one.
 */
export function notificationFollowUps(
  target: NotifyTarget, input: Pick<NotifyInput, 'ticketId' | 'kind' | 'sms'>, id: string, title: string,
): { topic: OutboxEntry['topic']; keyPrefix: string; payload: Record<string, unknown> }[] {
  const liveTopic = target.unitId ? `unit:${target.unitId}` : `user:${target.userId}`;
  const work: { topic: OutboxEntry['topic']; keyPrefix: string; payload: Record<string, unknown> }[] = [{
    topic: OUTBOX_TOPICS.live_push, keyPrefix: 'push-',
    payload: { topic: liveTopic, payload: { type: 'notification', id, kind: input.kind, ticketId: input.ticketId, title } },
  }];
  if (input.sms ?? SMS_KINDS.includes(input.kind)) work.push({ topic: OUTBOX_TOPICS.sms_send, keyPrefix: 'sms-', payload: { notificationId: id } });
  return work;
}

/** Writes one notification for a unit or a user; returns its id, or null when it already existed. */
export async function notify(tx: Prisma.TransactionClient, target: NotifyTarget, input: NotifyInput): Promise<string | null> {
  assertNotifyInput(input, input.dedupeKey);
  const id = randomUUID();
  const title = await notificationTitle(tx, input);
  const { count } = await tx.notification.createMany({
    data: [{
      id, dedupeKey: input.dedupeKey, unitId: target.unitId ?? null, userId: target.userId ?? null,
      ticketId: input.ticketId, kind: input.kind, title, body: input.body ?? '',
    }],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  await addManyToOutbox(tx, notificationFollowUps(target, input, id, title).map((work): OutboxEntry => ({
    topic: work.topic, dedupeKey: `${work.keyPrefix}${input.dedupeKey}`, payload: work.payload,
  })));
  return id;
}

/**
 * Inside T's transaction: an inbox entry for a unit (and live push + SMS through the outbox).
 * Idempotent by dedupeKey.
 */
export async function notifyUnit(
  tx: Prisma.TransactionClient,
  input: Omit<NotifyInput, 'ticketId' | 'kind'> & { unitId: string; ticketId: string; kind: NotificationKind },
): Promise<void> {
  const { unitId, ...rest } = input;
  if (typeof unitId !== 'string' || unitId.length === 0) throw new TypeError('notifyUnit: unitId is required');
  await notify(tx, { unitId }, rest);
}

/** An inbox entry for one user (the agent who owns a follow-up call, for instance). */
export async function notifyUser(tx: Prisma.TransactionClient, input: NotifyInput & { userId: string }): Promise<void> {
  const { userId, ...rest } = input;
  if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('notifyUser: userId is required');
  await notify(tx, { userId }, rest);
}
