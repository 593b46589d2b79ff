/** How a ticket leaves the API: the caller's number masked, dates as ISO strings. */
import { maskPhone } from '@yixian/domain';
import type { Ticket } from '@yixian/db';

export function presentTicket(ticket: Ticket) {
  return {
    id: ticket.id,
    code: ticket.code,
    channel: ticket.channel,
    ticketClass: ticket.ticketClass,
    state: ticket.state,
    policeState: ticket.policeState,
    kind: ticket.kind,
    categoryId: ticket.categoryId,
    urgency: ticket.urgency,
    confidential: ticket.confidential,
    title: ticket.title,
    description: ticket.description,
    callerNumber: ticket.callerNumber ? maskPhone(ticket.callerNumber) : null,
    address: ticket.address,
    areaId: ticket.areaId,
    leadUnitId: ticket.leadUnitId,
    supportingUnitIds: ticket.supportingUnitIds,
    hotlineNumber: ticket.hotlineNumber,
    callId: ticket.callId,
    level: ticket.level,
    signDueAt: ticket.signDueAt?.toISOString() ?? null,
    handleDueAt: ticket.handleDueAt?.toISOString() ?? null,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}
