import type { Prisma, PrismaClient, Ticket, TicketEvent } from '@yixian/db';
import { isInScope } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentView } from '../attachments/present-attachment.js';
import type { Actor } from '../auth/actor.js';
import { findCachedCategory } from '../catalogue/category-cache.js';
import { findCachedArea, findCachedUnit } from '../organisation/organisation-cache.js';
import { findStaffNames } from '../users/staff-names.js';
import { decideTicketReveal } from '../privacy/reveal-policy.js';
import { canBeMarkedComplex } from './mark-ticket-complex.js';
import { allowedActionsFor, isActionOpenToActor } from './run-ticket-action.js';
import { readTicketTrail } from './read-ticket-trail.js';
import { ticketScopeWhere } from './ticket-scope.js';

const OPEN_STATES = ['accepted', 'dispatched', 'signed', 'returned', 'in_progress', 'reopened'];

export interface ListTicketsOptions {
  state?: string;
  ticketClass?: string;
  channel?: string;
  unitId?: string;
  categoryId?: string;
  /** Open tickets whose reply deadline has passed at `now`. */
  overdue?: boolean;
  /** Code, title or address contains it. */
  q?: string;
  from?: string;
  to?: string;
  now: Date;
  page: number;
  pageSize: number;
}

function filterWhere(options: ListTicketsOptions): Prisma.TicketWhereInput[] {
  const where: Prisma.TicketWhereInput[] = [];
  if (options.state) where.push({ state: { in: options.state.split(',') } });
  if (options.ticketClass) where.push({ ticketClass: options.ticketClass });
  if (options.channel) where.push({ channel: options.channel });
  if (options.unitId) where.push({ OR: [{ leadUnitId: options.unitId }, { supportingUnitIds: { has: options.unitId } }] });
  if (options.categoryId) where.push({ categoryId: options.categoryId });
  if (options.overdue === true) where.push({ state: { in: OPEN_STATES }, handleDueAt: { lt: options.now } });
  if (options.overdue === false) where.push({ OR: [{ handleDueAt: null }, { handleDueAt: { gte: options.now } }, { state: { notIn: OPEN_STATES } }] });
  if (options.q) {
    const contains = { contains: options.q, mode: 'insensitive' as const };
    where.push({ OR: [{ code: contains }, { title: contains }, { address: contains }] });
  }
  if (options.from) where.push({ createdAt: { gte: new Date(options.from) } });
  if (options.to) where.push({ createdAt: { lt: new Date(options.to) } });
  return where;
}

/** Tickets in the actor's scope, newest first, each with its category's names (the phone's cards show them). */
export async function listTickets(prisma: PrismaClient, actor: Actor, options: ListTicketsOptions) {
  const where = { AND: [ticketScopeWhere(actor), ...filterWhere(options)] };
  const [total, items] = await Promise.all([
    prisma.ticket.count({ where }),
    prisma.ticket.findMany({
      where, orderBy: { createdAt: 'desc' }, skip: (options.page - 1) * options.pageSize, take: options.pageSize,
      include: { category: { select: { name: true, nameEn: true } } },
    }),
  ]);
  return { total, items };
}

/** The tickets taken from one call, with what the reveal policy reads (not scoped: the policy decides). */
export async function findTicketsOfCall(prisma: PrismaClient, callId: string) {
  return prisma.ticket.findMany({ where: { callId }, select: { id: true, confidential: true, leadUnitId: true, supportingUnitIds: true } });
}

/** One ticket; a ticket outside the scope is reported as not found, so ids cannot be probed. */
export async function getTicketInScope(prisma: PrismaClient, actor: Actor, id: string) {
  const ticket = await prisma.ticket.findFirst({ where: { AND: [{ id }, ticketScopeWhere(actor)] } });
  if (!ticket) throw new AppError('not_found', `No ticket ${id}`, { field: 'id' });
  return ticket;
}

/**
 * The ticket, its trail oldest first, the actions the actor may take now, and display names.
 * `written` is the ticket as the request that just committed it holds it (an intake, an act):
 * it is not read again, only checked against the actor's scope as the read would (404 outside).
 * `writtenTrail` is its whole trail when that request wrote all of it and no files (a plain
 * intake's one `create` entry): neither the trail nor its attachments are read then.
 */
export async function getTicketDetail(prisma: PrismaClient, actor: Actor, id: string, written?: Ticket, writtenTrail?: TicketEvent[]) {
  if (written && (written.id !== id || !isInScope(actor, { ...written, unitId: written.leadUnitId }))) throw new AppError('not_found', `No ticket ${id}`, { field: 'id' });
  const ticket = written ?? await getTicketInScope(prisma, actor, id);
  const { events, attachments } = written && writtenTrail
    ? { events: writtenTrail, attachments: new Map<string, AttachmentView[]>() }
    : await readTicketTrail(prisma, ticket.id);
  const userIds = [...new Set(events.map((event) => event.actorId).filter((value): value is string => !!value))];
  const unitIds = [...new Set([
    ticket.leadUnitId, ...ticket.supportingUnitIds, ...events.flatMap((event) => [event.unitId, ...unitIdsInEventData(event.data)]),
  ].filter((value): value is string => !!value))];
  // Names come from the per-process copies of the reference data (dropped on every admin change).
  const units = new Map<string, { name: string; nameEn: string }>();
  for (const unitId of unitIds) {
    const unit = await findCachedUnit(prisma, unitId);
    if (unit) units.set(unit.id, { name: unit.name, nameEn: unit.nameEn });
  }
  const category = await findCachedCategory(prisma, ticket.categoryId);
  const area = ticket.areaId ? await findCachedArea(prisma, ticket.areaId) : null;
  const parent = area?.level === 'grid' && area.parentId ? await findCachedArea(prisma, area.parentId) : null;
  const names: TicketNames = {
    users: await findStaffNames(prisma, userIds),
    units,
    category: category ? { name: category.name, nameEn: category.nameEn } : null,
    area: area ? { name: area.name, nameEn: area.nameEn, street: parent ? { name: parent.name, nameEn: parent.nameEn } : null } : null,
    attachments,
  };
  // The machine knows no channels: only an unmarked mailbox letter offers 'mark-complex'.
  const allowed = allowedActionsFor(actor, ticket.state)
    .filter((action) => action !== 'mark-complex' || canBeMarkedComplex(ticket))
    .filter((action) => isActionOpenToActor(actor, ticket, action));
  // The reveal route's own decision, so the console offers 查看号码 only where it will be answered.
  const mayRevealCaller = ticket.callerNumber !== null && decideTicketReveal(actor, ticket).allowed;
  return { ticket, events, allowed, names, mayRevealCaller };
}

/** Names the console shows instead of ids (staff names and units are not personal data of citizens). */
export interface TicketNames {
  users: Map<string, string>;
  /** The lead, supporting and trail units, and units a trail entry's data names (a re-dispatch's target). */
  units: Map<string, { name: string; nameEn: string }>;
  category: { name: string; nameEn: string } | null;
  /** The ticket's area; for a grid, the street it lies in. */
  area?: { name: string; nameEn: string; street: { name: string; nameEn: string } | null } | null;
  /** The files each trail entry carries, by the entry's id. */
  attachments?: Map<string, AttachmentView[]>;
}

/** Unit ids a trail entry's data carries (`toUnitId`, `fromUnitId`, `supportingUnitIds` …). */
function unitIdsInEventData(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const ids: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (/UnitId$/i.test(key) && typeof value === 'string') ids.push(value);
    if (/UnitIds$/i.test(key) && Array.isArray(value)) ids.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return ids;
}
