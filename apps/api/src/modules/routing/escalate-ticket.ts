/**
 * Escalation one level up the grid (grid team → street office → the category's department),
 * for a sign-for timeout (D's deadline job calls it inside its own transaction, after checking
 * the deadline version). A system act: no actor, role 'system', and the trail says why.
 */
import type { Prisma, Ticket } from '@yixian/db';
import { applyDispatch } from '../tickets/dispatch-ticket.js';
import { recordTicketEvent } from '../tickets/record-ticket-event.js';
import { findEscalationTarget } from './route-ticket.js';

/**
 * Re-dispatches `ticket` one level up and returns it; at the district level nothing moves and
 * the trail records that escalation was not possible (null is returned). Police tickets stay
 * with the police desk.
 */
export async function escalateTicket(tx: Prisma.TransactionClient, ticket: Ticket, reason: string, now: Date): Promise<Ticket | null> {
  const target = ticket.ticketClass === 'police' ? null : await findEscalationTarget(tx, ticket);
  if (!target) {
    await recordTicketEvent(tx, {
      ticketId: ticket.id, action: 'escalate', fromState: ticket.state, toState: ticket.state, actorId: null, actorRole: 'system',
      unitId: ticket.leadUnitId, reason, data: { escalated: false }, at: now,
    });
    return null;
  }
  const result = await applyDispatch(tx, ticket, {
    decision: target, action: 'escalate', actorId: null, actorRole: 'system', now, reason, data: { escalated: true },
  });
  return result.ticket;
}
