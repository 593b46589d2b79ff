/**
 * 分流: a 110 matter that is not a police matter goes to the 12345 workflow (非警务警情分流),
 * or a 12345 matter that is urgent police business is pushed to 110. The linked ticket is a new
 * ticket of the other class (the police one starts the short loop at the police desk); both
 * carry `linkedTicketId` and both trails say so. A diverted police ticket's loop closes.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, Ticket } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { POLICE_DESK_UNIT_ID } from '../routing/route-ticket.js';
import { nextTicketCode } from './next-ticket-code.js';
import { recordTicketEvent } from './record-ticket-event.js';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

export async function divertTicket(context: ActionContext, body: { reason: string }): Promise<{ ticket: Ticket; linked: Ticket }> {
  const { tx, ticket, actor, role, now } = context;
  if (ticket.linkedTicketId) throw new AppError('conflict', `Ticket ${ticket.code} has already been diverted`, { details: { linkedTicketId: ticket.linkedTicketId } });
  const toPolice = ticket.ticketClass !== 'police';
  const linkedId = randomUUID();
  const copy = {
    channel: ticket.channel, kind: ticket.kind, categoryId: ticket.categoryId, urgency: ticket.urgency, confidential: ticket.confidential,
    title: ticket.title, description: ticket.description, callerNumber: ticket.callerNumber, callerName: ticket.callerName,
    address: ticket.address, areaId: ticket.areaId, areaPath: ticket.areaPath, lat: ticket.lat, lng: ticket.lng,
    fields: ticket.fields as Prisma.InputJsonValue, callId: ticket.callId, hotlineNumber: ticket.hotlineNumber,
  };
  const linked = await tx.ticket.create({
    data: {
      ...copy, id: linkedId, code: await nextTicketCode(tx, now), ticketClass: toPolice ? 'police' : 'non_police', state: 'accepted',
      policeState: toPolice ? 'received' : null, leadUnitId: toPolice ? POLICE_DESK_UNIT_ID : null, linkedTicketId: ticket.id,
      createdById: actor.id, createdAt: now,
    },
  });
  await recordTicketEvent(tx, {
    ticketId: linked.id, action: 'create', fromState: null, toState: 'accepted', actorId: actor.id, actorRole: role,
    unitId: linked.leadUnitId, reason: body.reason, data: { divertedFrom: ticket.id, divertedFromCode: ticket.code, ticketClass: linked.ticketClass }, at: now,
  });
  const result = await transitionTicket(tx, ticket, {
    action: 'divert', to: ticket.state, actorId: actor.id, actorRole: role, now, reason: body.reason,
    update: { linkedTicketId: linked.id, ...(toPolice ? {} : { policeState: 'closed' }) },
    data: { linkedTicketId: linked.id, linkedCode: linked.code, toClass: linked.ticketClass },
  });
  return { ticket: result.ticket, linked };
}
