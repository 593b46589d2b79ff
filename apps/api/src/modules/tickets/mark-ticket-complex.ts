/**
 * 复杂件: the desk marks a mailbox letter complex, and its reply limit becomes 10 working days
 * instead of 3 (DOMAIN.md). A side act inside `runTicketAction`'s transaction: the flag
 * (`fields.complex`), the longer `handleDueAt`, the trail entry and the re-planned deadline jobs
 * commit together, and the lead unit is told.
 *
 * The new deadline is the one in force plus the difference between the two limits, so an
 * extension already granted is kept and a reopened letter keeps counting from its reopening.
 * An urgent letter keeps its same-day limit (urgent beats mailbox in `resolveHandleDays`).
 */
import type { Prisma, Ticket } from '@yixian/db';
import { CHANNELS, isTicketKind, resolveHandleDays, resolveTimeLimits, type DeadlineInput } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

const fieldsOf = (ticket: Pick<Ticket, 'fields'>) =>
  (ticket.fields && typeof ticket.fields === 'object' && !Array.isArray(ticket.fields) ? ticket.fields : {}) as Record<string, unknown>;

/** A mailbox letter already marked complex. */
export const isComplexLetter = (ticket: Pick<Ticket, 'channel' | 'fields'>) => ticket.channel === CHANNELS.mailbox && fieldsOf(ticket).complex === true;

/** A mailbox letter not yet marked complex (the detail view offers the act only then). */
export const canBeMarkedComplex = (ticket: Pick<Ticket, 'channel' | 'fields'>) => ticket.channel === CHANNELS.mailbox && !isComplexLetter(ticket);

/** Working days a letter gains by being marked complex (0 for an urgent one). */
function extraWorkingDays(ticket: Ticket, now: Date): number {
  if (!isTicketKind(ticket.kind)) throw new TypeError(`markTicketComplex: ticket.kind "${ticket.kind}" is not a ticket kind`);
  const limits = resolveTimeLimits();
  const input: DeadlineInput = { from: now, kind: ticket.kind, channel: CHANNELS.mailbox, urgent: ticket.urgency === 'urgent' };
  return resolveHandleDays({ ...input, complex: true }, limits) - resolveHandleDays({ ...input, complex: false }, limits);
}

/** Marks the letter complex; refuses another channel or a letter already marked (409 naming why). */
export async function markTicketComplex(context: ActionContext, body: { reason: string }): Promise<Ticket> {
  const { tx, ticket, actor, role, now } = context;
  const reason = body.reason.trim();
  if (!reason) throw new AppError('validation_failed', 'Say why the letter is complex', { field: 'reason' });
  if (ticket.channel !== CHANNELS.mailbox) {
    throw new AppError('conflict', `Ticket ${ticket.code} came by ${ticket.channel}, not the mailbox: only a mailbox letter can be marked complex`, {
      field: 'id', details: { reason: 'not_mailbox', channel: ticket.channel },
    });
  }
  const fields = fieldsOf(ticket);
  if (fields.complex === true) {
    throw new AppError('conflict', `Letter ${ticket.code} is already marked complex`, { field: 'id', details: { reason: 'already_complex' } });
  }
  const days = extraWorkingDays(ticket, now);
  const previous = ticket.handleDueAt;
  const replyBy = previous && days > 0 ? (await loadWorkCalendar(tx)).addWorkingDays(previous, days) : previous;
  const result = await transitionTicket(tx, ticket, {
    action: 'mark-complex', to: ticket.state, actorId: actor.id, actorRole: role, now, reason,
    data: { complex: true, addedDays: days, previousReplyBy: previous?.toISOString() ?? null, replyBy: replyBy?.toISOString() ?? null },
    update: { fields: { ...fields, complex: true } as Prisma.InputJsonObject, handleDueAt: replyBy },
    // No reply deadline yet (not dispatched): the planner gives the longer one at dispatch.
    ...(replyBy ? { trigger: 'complex_marked' as const } : {}),
    ...(ticket.leadUnitId && replyBy && days > 0 ? {
      notify: { unitId: ticket.leadUnitId, kind: 'extension' as const, title: `工单 ${ticket.code} 已标为复杂件，回复时限延长 ${days} 个工作日` },
    } : {}),
  });
  return result.ticket;
}
