/**
 * 自处: the acts of a matter a grid worker settled on the spot, written in the intake's transaction
 * right after the `create` entry. Each act is checked by the domain (`canTakeOnSpotAction`: the
 * machine's transition for the state, taken by a grid member) and written by the tickets module's
 * own handlers, so the ticket, its trail, its deadlines and its notifications move as for any
 * ticket: dispatch to the worker's own grid team (level grid: it counts as settled in the grid),
 * sign, reply with the result, close. Every entry carries `onSpot: true`; the "after" photos
 * (act=on_spot) join the reply entry.
 */
import type { Prisma, Ticket } from '@yixian/db';
import { canTakeOnSpotAction, ON_SPOT_ROLES, type Channel, type Role, type TicketAction, type TicketState } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { applyDispatch } from '../tickets/dispatch-ticket.js';
import { closeTicket } from '../tickets/follow-up-ticket.js';
import { replyTicket, signTicket } from '../tickets/handle-ticket.js';
import type { ActionContext } from '../tickets/run-ticket-action.js';

/** The field every refusal of on-spot handling names. */
const FIELD = 'handledOnSpot';
const MARK = { onSpot: true } as const;

/** The actor's on-spot role (403 when it has none). */
export function findOnSpotRole(actor: Actor): Role {
  const role = actor.roles.find((candidate) => ON_SPOT_ROLES.includes(candidate));
  if (!role) throw new AppError('forbidden', 'Only a grid member handles a matter on the spot', { field: FIELD });
  return role;
}

/** The grid team the actor belongs to: the on-spot dispatch goes there (403 for an account without an active one). */
async function findOwnGridTeam(tx: Prisma.TransactionClient, actor: Actor): Promise<string> {
  const unit = actor.unitId ? await tx.unit.findUnique({ where: { id: actor.unitId }, select: { id: true, type: true, active: true } }) : null;
  if (!unit || unit.type !== 'grid_team' || !unit.active) {
    throw new AppError('forbidden', 'Handling on the spot needs an account of an active grid team', { field: FIELD });
  }
  return unit.id;
}

/** The machine's word on the next act: its target state, or 409 naming the field. */
function checkStep(ticket: Ticket, action: TicketAction, role: Role): TicketState {
  const check = canTakeOnSpotAction(ticket.state as TicketState, action, role);
  if (check.ok) return check.next;
  if (check.reason === 'role_forbidden') throw new AppError('forbidden', `Your role may not ${action} on the spot`, { field: FIELD });
  throw new AppError('conflict', `Cannot ${action} ticket ${ticket.code} on the spot in state ${ticket.state}`, { field: FIELD, details: { state: ticket.state, action } });
}

/** Walks the freshly filed ticket through dispatch, sign, reply and close; returns it closed. */
export async function handleOnSpot(
  tx: Prisma.TransactionClient, actor: Actor, filed: Ticket,
  input: { result: string; now: Date; reviewChannels: readonly Channel[] | null },
): Promise<Ticket> {
  const role = findOnSpotRole(actor);
  if (filed.ticketClass === 'police') {
    throw new AppError('conflict', 'A police matter goes to the police desk: it cannot be closed on the spot', { field: FIELD, details: { ticketClass: filed.ticketClass } });
  }
  const unitId = await findOwnGridTeam(tx, actor);
  const now = input.now;
  const context = (ticket: Ticket, next: TicketState): ActionContext => ({ tx, actor, role, ticket, next, now });

  checkStep(filed, 'dispatch', role);
  let ticket = (await applyDispatch(tx, filed, {
    decision: { unitId, level: 'grid' }, action: 'dispatch', actorId: actor.id, actorRole: role, now, data: { ...MARK },
  })).ticket;
  ticket = await signTicket(context(ticket, checkStep(ticket, 'sign', role)), undefined, { ...MARK });
  ticket = await replyTicket(context(ticket, checkStep(ticket, 'reply', role)), input.result, { reviewChannels: input.reviewChannels, data: { ...MARK } });
  if (ticket.state !== 'replied') {
    throw new AppError('conflict', `Replies on channel ${ticket.channel} wait for the centre's review: a matter cannot be closed on the spot`, { field: FIELD, details: { state: ticket.state } });
  }
  return closeTicket(context(ticket, checkStep(ticket, 'close', role)), {}, { ...MARK });
}
