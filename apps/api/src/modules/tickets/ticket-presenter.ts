/** How a ticket leaves the API: the caller's number masked, dates as ISO strings. */
import { changesTicket, maskPhone } from '@yixian/domain';
import { isComplexLetter } from './mark-ticket-complex.js';
import type { TicketNames } from './tickets.service.js';
import type { Ticket, TicketEvent } from '@yixian/db';

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
    followUpDueAt: ticket.followUpDueAt?.toISOString() ?? null,
    extensionCount: ticket.extensionCount,
    verdict: ticket.verdict,
    linkedTicketId: ticket.linkedTicketId,
    mergedIntoId: ticket.mergedIntoId,
    dispatchedAt: ticket.dispatchedAt?.toISOString() ?? null,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

/** A ticket in a list, with its category's names so a list can say what it is about without a second request. */
export function presentListedTicket(ticket: Ticket & { category: { name: string; nameEn: string } }) {
  return { ...presentTicket(ticket), categoryName: ticket.category.name, categoryNameEn: ticket.category.nameEn };
}

/** One trail entry as the console shows it (ids and codes only; no caller data is ever stored there). */
export function presentTicketEvent(event: TicketEvent, names?: TicketNames) {
  return {
    actorName: event.actorId ? names?.users.get(event.actorId) ?? null : null,
    unitName: event.unitId ? names?.units.get(event.unitId)?.name ?? null : null,
    unitNameEn: event.unitId ? names?.units.get(event.unitId)?.nameEn ?? null : null,
    id: event.id.toString(),
    action: event.action,
    fromState: event.fromState,
    toState: event.toState,
    actorId: event.actorId,
    actorRole: event.actorRole,
    unitId: event.unitId,
    reason: event.reason,
    data: (event.data ?? {}) as Record<string, unknown>,
    at: event.at.toISOString(),
    attachments: inNamedOrder(names?.attachments?.get(event.id.toString()) ?? [], (event.data as { attachmentIds?: unknown } | null)?.attachmentIds),
  };
}

/** An act's files in the order the act named them (a report's, which name none, as uploaded). */
function inNamedOrder<T extends { id: string }>(items: T[], ids: unknown): T[] {
  if (!Array.isArray(ids)) return items;
  const rank = (item: T) => (ids.indexOf(item.id) + 1 || ids.length + 1);
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/** The ticket with its trail (oldest first) and what the caller may do next. */
export function presentTicketDetail(detail: { ticket: Ticket; events: TicketEvent[]; allowed: string[]; names?: TicketNames; mayRevealCaller: boolean }) {
  const { ticket, events, names } = detail;
  const lead = ticket.leadUnitId ? names?.units.get(ticket.leadUnitId) : undefined;
  return {
    ...presentTicket(ticket),
    categoryName: names?.category?.name ?? null,
    categoryNameEn: names?.category?.nameEn ?? null,
    leadUnitName: lead?.name ?? null,
    leadUnitNameEn: lead?.nameEn ?? null,
    supportingUnits: ticket.supportingUnitIds.map((id) => ({ id, name: names?.units.get(id)?.name ?? null, nameEn: names?.units.get(id)?.nameEn ?? null })),
    areaName: names?.area?.name ?? null,
    areaNameEn: names?.area?.nameEn ?? null,
    streetName: names?.area?.street?.name ?? null,
    streetNameEn: names?.area?.street?.nameEn ?? null,
    /** Every unit the ticket and its trail name (lead, supporting, trail units, a re-dispatch's target), by id. */
    unitNames: Object.fromEntries([...(names?.units ?? new Map<string, { name: string; nameEn: string }>())]),
    complex: isComplexLetter(ticket),
    trail: events.map((event) => presentTicketEvent(event, names)),
    allowedActions: detail.allowed,
    mayRevealCaller: detail.mayRevealCaller,
    /** The latest trail entry that changed the ticket (`changesTicket`): an act written offline names it as `expectedChangeId`. */
    lastChangeId: [...events].reverse().find((event) => changesTicket(event.action))?.id.toString() ?? null,
  };
}
