/**
 * The open tickets of a viewer's map: the ticket scope (tickets/ticket-scope.ts, the same rule as
 * the search), no terminal state, the nearest deadline first, at most MAP_TICKET_CAP.
 */
import type { PrismaClient } from '@yixian/db';
import { TERMINAL_TICKET_STATES } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from '../tickets/ticket-scope.js';
import { MAP_TICKET_CAP, type MyArea } from './map.schemas.js';

/** The viewer's open tickets as the map shows them, and whether more were left out. */
export async function findMapTickets(prisma: PrismaClient, actor: Actor): Promise<Pick<MyArea, 'tickets' | 'truncated'>> {
  const rows = await prisma.ticket.findMany({
    where: { AND: [ticketScopeWhere(actor), { state: { notIn: [...TERMINAL_TICKET_STATES] } }] },
    orderBy: [{ handleDueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: MAP_TICKET_CAP + 1,
    select: {
      id: true, code: true, title: true, state: true, urgency: true, lat: true, lng: true, handleDueAt: true,
      category: { select: { name: true, nameEn: true } },
    },
  });
  return {
    truncated: rows.length > MAP_TICKET_CAP,
    tickets: rows.slice(0, MAP_TICKET_CAP).map(({ category, handleDueAt, ...ticket }) => ({
      ...ticket, categoryName: category.name, categoryNameEn: category.nameEn, handleDueAt: handleDueAt?.toISOString() ?? null,
    })),
  };
}
