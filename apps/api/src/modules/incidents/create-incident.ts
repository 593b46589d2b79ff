/**
 * An incident reported: entered by the centre, escalated from a call (callId) or a ticket (which keeps
 * the link and gets an unchanging `escalate_incident` trail entry), or reported by a unit for itself.
 */
import type { Incident, Prisma, PrismaClient } from '@yixian/db';
import { CENTRE_ROLES, ROLES, isIncidentSubtype, isTerminalState, type IncidentLevel, type IncidentType, type TicketState } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { lockTicketInScope } from '../tickets/run-ticket-action.js';
import { recordTicketEvent } from '../tickets/record-ticket-event.js';
import { nextIncidentCode } from './next-incident-code.js';
import { recordIncidentEvent } from './record-incident-event.js';

export interface IncidentInput {
  type: IncidentType; subtype: string; level: IncidentLevel; title: string; description: string;
  address?: string; areaId?: string; lat?: number; lng?: number; deaths?: number; injuries?: number; missing?: number; callId?: string;
}

export interface EscalationInput { type: IncidentType; subtype: string; level: IncidentLevel; title?: string; description?: string }

const UNIT_ROLES: readonly string[] = [ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member];

function checkSubtype(type: IncidentType, subtype: string): void {
  if (!isIncidentSubtype(type, subtype)) throw new AppError('validation_failed', `subtype: ${subtype} is not a subtype of ${type}`, { field: 'subtype' });
}

/** The role the actor reports in: a centre role first, else their unit's. */
function reportingRole(actor: Actor): string {
  return actor.roles.find((role) => CENTRE_ROLES.includes(role)) ?? actor.roles.find((role) => UNIT_ROLES.includes(role)) ?? actor.roles[0] ?? 'unknown';
}

async function writeIncident(tx: Prisma.TransactionClient, actor: Actor, data: Omit<Prisma.IncidentUncheckedCreateInput, 'code' | 'state'>, now: Date, trail: Record<string, unknown>): Promise<Incident> {
  const code = await nextIncidentCode(tx, now);
  const incident = await tx.incident.create({ data: { ...data, code, state: 'reported', reportedAt: now, createdAt: now, createdById: actor.id } });
  await recordIncidentEvent(tx, {
    incidentId: incident.id, action: 'create', fromState: null, toState: 'reported', actorId: actor.id, actorRole: reportingRole(actor),
    unitId: incident.reportingUnitId, data: { source: incident.source, level: incident.level, ...trail }, at: now,
  });
  return incident;
}

export async function createIncident(prisma: PrismaClient, actor: Actor, input: IncidentInput, now: Date): Promise<Incident> {
  checkSubtype(input.type, input.subtype);
  const isCentre = actor.roles.some((role) => CENTRE_ROLES.includes(role));
  const deskRoles = actor.roles.filter((role) => CENTRE_ROLES.includes(role) && role !== ROLES.agent);
  if (isCentre && deskRoles.length === 0 && !input.callId) {
    throw new AppError('forbidden', 'An agent reports an incident from a call: give callId', { field: 'callId' });
  }
  if (!isCentre && !actor.unitId) throw new AppError('forbidden', 'Only a unit’s people report an incident for their unit');
  return prisma.$transaction(async (tx) => {
    if (input.callId && !(await tx.call.findUnique({ where: { id: input.callId }, select: { id: true } }))) {
      throw new AppError('validation_failed', `callId: no call ${input.callId}`, { field: 'callId' });
    }
    const area = input.areaId ? await tx.area.findUnique({ where: { id: input.areaId }, select: { id: true, path: true } }) : null;
    if (input.areaId && !area) throw new AppError('validation_failed', `areaId: no area ${input.areaId}`, { field: 'areaId' });
    const source = input.callId ? 'call' : isCentre ? 'centre' : 'unit';
    return writeIncident(tx, actor, {
      type: input.type, subtype: input.subtype, level: input.level, title: input.title.trim(), description: input.description.trim(), source,
      callId: input.callId ?? null, reportingUnitId: !isCentre ? actor.unitId : null,
      address: input.address?.trim() || null, areaId: area?.id ?? null, areaPath: area?.path ?? null, lat: input.lat ?? null, lng: input.lng ?? null,
      deaths: input.deaths ?? 0, injuries: input.injuries ?? 0, missing: input.missing ?? 0,
    }, now, input.callId ? { callId: input.callId } : {});
  });
}

/** A ticket escalated into an incident: place and area copied, the link kept both ways in the trails. */
export async function escalateTicket(prisma: PrismaClient, actor: Actor, ticketId: string, input: EscalationInput, now: Date): Promise<Incident> {
  return prisma.$transaction(async (tx) => {
    // The ticket's scope first: a ticket out of reach answers 404 whatever the body says.
    const ticket = await lockTicketInScope(tx, actor, ticketId);
    checkSubtype(input.type, input.subtype);
    if (isTerminalState(ticket.state as TicketState)) {
      throw new AppError('conflict', `Ticket ${ticket.code} is ${ticket.state}: only an open ticket is escalated to an incident`, { details: { reason: 'ticket_ended', state: ticket.state } });
    }
    const earlier = await tx.incident.findFirst({ where: { ticketId: ticket.id }, select: { code: true } });
    if (earlier) throw new AppError('conflict', `Ticket ${ticket.code} was escalated already, to incident ${earlier.code}`, { details: { reason: 'already_escalated', incidentCode: earlier.code } });
    const incident = await writeIncident(tx, actor, {
      type: input.type, subtype: input.subtype, level: input.level, title: input.title?.trim() || ticket.title, description: input.description?.trim() || ticket.description,
      source: 'ticket', ticketId: ticket.id, callId: ticket.callId ?? null, address: ticket.address ?? null, areaId: ticket.areaId, areaPath: ticket.areaPath,
      lat: ticket.lat, lng: ticket.lng,
    }, now, { ticketId: ticket.id, ticketCode: ticket.code });
    await recordTicketEvent(tx, {
      ticketId: ticket.id, action: 'escalate_incident', fromState: ticket.state, toState: ticket.state, actorId: actor.id, actorRole: reportingRole(actor),
      data: { incidentId: incident.id, incidentCode: incident.code }, at: now,
    });
    return incident;
  });
}
