/**
 * 合并: a duplicate joins the ticket that carries the matter. The duplicate ends `merged` with
 * `mergedIntoId`; both trails get an entry naming the other ticket.
 */
import type { Ticket } from '@yixian/db';
import { isTerminalState, type TicketState } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { recordTicketEvent } from './record-ticket-event.js';
import { lockTicketInScope, type ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

export async function mergeTicket(context: ActionContext, body: { intoTicketId: string; note?: string }): Promise<Ticket> {
  const { tx, ticket, actor, role, next, now } = context;
  if (body.intoTicketId === ticket.id) throw new AppError('validation_failed', 'A ticket cannot be merged into itself', { field: 'intoTicketId' });
  const target = await lockTicketInScope(tx, actor, body.intoTicketId, 'intoTicketId');
  if (isTerminalState(target.state as TicketState)) {
    throw new AppError('conflict', `Ticket ${target.code} is ${target.state}; merge into an open ticket`, { field: 'intoTicketId' });
  }
  const result = await transitionTicket(tx, ticket, {
    action: 'merge', to: next, actorId: actor.id, actorRole: role, now, reason: body.note ?? null,
    update: { mergedIntoId: target.id, closedAt: now }, data: { intoTicketId: target.id, intoCode: target.code }, trigger: 'closed',
  });
  await recordTicketEvent(tx, {
    ticketId: target.id, action: 'merge', fromState: target.state, toState: target.state, actorId: actor.id, actorRole: role,
    unitId: target.leadUnitId, reason: body.note ?? null, data: { mergedTicketId: ticket.id, mergedCode: ticket.code }, at: now,
  });
  return result.ticket;
}
