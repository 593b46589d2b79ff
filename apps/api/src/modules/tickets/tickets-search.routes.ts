/**
 * The ticket search (工单查询) and its export. A search by number (or by the caller of a call) is
 * audited as an access to personal data; an export is audited with its row count. Neither audit
 * entry holds the number itself, only its masked form.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@yixian/domain';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { maskPhone } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import type { Actor } from '../auth/actor.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { NUMBER_SEARCH_ROLES } from '../privacy/reveal-policy.js';
import { renderTicketExport } from './export-ticket-search.js';
import { searchTickets, searchTicketsForExport } from './search-tickets.js';
import type { TicketSearchFilters } from './ticket-search-where.js';
import { exportTicketsSchema, searchTicketsSchema } from './tickets-search.schemas.js';

/** A number (or a call's caller) is searched only by roles that may; the refusal is audited too. */
async function checkNumberSearch(app: FastifyInstance, request: FastifyRequest, actor: Actor, filters: TicketSearchFilters) {
  if (!filters.number && !filters.callId) return;
  if (actor.roles.some((role) => NUMBER_SEARCH_ROLES.includes(role))) return;
  await app.audit(request, { action: AUDIT_ACTIONS.searchByPhone, outcome: 'denied', resource: 'ticket' });
  throw new AppError('forbidden', 'Your role may not search tickets by the caller’s number', { field: filters.number ? 'number' : 'callId' });
}

/** Registered by the tickets module with its readers (`roles`). */
export default async function ticketSearchRoutes(fastify: FastifyInstance, options: { roles: Role[] }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const TICKET_READERS = options.roles;

  app.get('/api/tickets/search', { schema: searchTicketsSchema, config: { roles: TICKET_READERS } }, async (request) => {
    const actor = requireActor(request);
    const { page = 1, pageSize = 20, ...filters } = request.query;
    await checkNumberSearch(app, request, actor, filters);
    const result = await searchTickets(app.prisma, actor, { ...filters, page, pageSize, now: app.clock.now() });
    if (result.number) {
      await app.audit(request, {
        action: AUDIT_ACTIONS.searchByPhone, outcome: 'allowed', resource: 'ticket',
        details: { number: maskPhone(result.number), byCall: Boolean(filters.callId), found: result.total },
      });
    }
    return { total: result.total, totalCapped: result.totalCapped, page, pageSize, items: result.items };
  });

  app.get('/api/tickets/search/export', { schema: exportTicketsSchema, config: { roles: TICKET_READERS } }, async (request, reply) => {
    const actor = requireActor(request);
    const { format, lang = 'zh-CN', ...filters } = request.query;
    await checkNumberSearch(app, request, actor, filters);
    const now = app.clock.now();
    const { items, number } = await searchTicketsForExport(app.prisma, actor, { ...filters, now });
    await app.audit(request, {
      action: AUDIT_ACTIONS.exportTickets, outcome: 'allowed', resource: 'ticket',
      details: { format, rows: items.length, ...(number ? { number: maskPhone(number) } : {}) },
    });
    const file = await renderTicketExport(format, lang, items, now);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });
}
