/**
 * The desk's recent-tickets panel: the last tickets this user took in, newest first, so the
 * code stays in sight after the toast is gone and across reloads. Only tickets still in the
 * user's scope (an agent's scope is the district, so in practice all of them).
 */
import type { PrismaClient } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from './ticket-scope.js';

export async function findRecentTickets(prisma: PrismaClient, actor: Actor, limit: number) {
  const tickets = await prisma.ticket.findMany({
    where: { AND: [ticketScopeWhere(actor), { createdById: actor.id }] },
    orderBy: [{ createdAt: 'desc' }, { code: 'desc' }],
    take: limit,
    select: { id: true, code: true, title: true, state: true, channel: true, createdAt: true },
  });
  return tickets.map((ticket) => ({ ...ticket, createdAt: ticket.createdAt.toISOString() }));
}
