import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { REVEAL_ROLES, canReveal } from '../privacy/reveal-policy.js';
import { presentTicket } from './ticket-presenter.js';
import { getTicketInScope, listTickets } from './tickets.service.js';
import { getTicketSchema, listTicketsSchema, revealCallerSchema } from './tickets.schemas.js';

/** Everyone who works tickets; admin and auditor do not read citizens' matters. */
export const TICKET_READERS = [
  ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member, ROLES.commander,
];

export default async function ticketRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/tickets', { schema: listTicketsSchema, config: { roles: TICKET_READERS } }, async (request) => {
    const { total, items } = await listTickets(app.prisma, requireActor(request), {
      state: request.query.state,
      page: request.query.page ?? 1,
      pageSize: request.query.pageSize ?? 20,
    });
    return { total, items: items.map(presentTicket) };
  });

  app.get('/api/tickets/:id', { schema: getTicketSchema, config: { roles: TICKET_READERS } }, async (request) =>
    presentTicket(await getTicketInScope(app.prisma, requireActor(request), request.params.id)),
  );

  app.post('/api/tickets/:id/reveal-caller', { schema: revealCallerSchema, config: { roles: REVEAL_ROLES } }, async (request) => {
    const actor = requireActor(request);
    const ticket = await getTicketInScope(app.prisma, actor, request.params.id);
    const entry = { action: AUDIT_ACTIONS.revealPhone, resource: 'ticket', resourceId: ticket.id, reason: request.body.reason };
    if (!canReveal(actor.roles, ticket.confidential)) {
      await app.audit(request, { ...entry, outcome: 'denied' });
      throw new AppError('forbidden', 'This ticket is confidential; only the shift lead or commander may reveal the number');
    }
    await app.audit(request, { ...entry, outcome: 'allowed' });
    return { callerNumber: ticket.callerNumber };
  });
}
