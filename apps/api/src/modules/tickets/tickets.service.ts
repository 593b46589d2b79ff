import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from './ticket-scope.js';

export interface ListTicketsOptions {
  state?: string;
  page: number;
  pageSize: number;
}

/** Tickets in the actor's scope, newest first. */
export async function listTickets(prisma: PrismaClient, actor: Actor, options: ListTicketsOptions) {
  const where = { AND: [ticketScopeWhere(actor), options.state ? { state: options.state } : {}] };
  const [total, items] = await Promise.all([
    prisma.ticket.count({ where }),
    prisma.ticket.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (options.page - 1) * options.pageSize, take: options.pageSize }),
  ]);
  return { total, items };
}

/** One ticket; a ticket outside the scope is reported as not found, so ids cannot be probed. */
export async function getTicketInScope(prisma: PrismaClient, actor: Actor, id: string) {
  const ticket = await prisma.ticket.findFirst({ where: { AND: [{ id }, ticketScopeWhere(actor)] } });
  if (!ticket) throw new AppError('not_found', `No ticket ${id}`, { field: 'id' });
  return ticket;
}
