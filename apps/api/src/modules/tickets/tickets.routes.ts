import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { markOutboxUntouched } from '../../plugins/outbox-nudge.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { Classification } from '../classification/classify-ticket.js';
import { REVEAL_ROLES, decideTicketReveal } from '../privacy/reveal-policy.js';
import { computeSettlementShares } from '../routing/settlement-shares.js';
import { createTicketOnce } from './create-ticket-once.js';
import { findDuplicatesByQuery } from './find-duplicates-query.js';
import { findDuplicates } from './find-duplicates.js';
import { findRecentTickets } from './find-recent-tickets.js';
import { presentListedTicket, presentTicketDetail } from './ticket-presenter.js';
import ticketActionRoutes from './tickets-actions.routes.js';
import replyReviewRoutes from './reply-reviews.routes.js';
import ticketBatchRoutes from './tickets-batch.routes.js';
import ticketSearchRoutes from './tickets-search.routes.js';
import { createTicketSchema, duplicatesSchema, recentTicketsSchema } from './tickets-intake.schemas.js';
import { getTicketDetail, getTicketInScope, listTickets } from './tickets.service.js';
import { getTicketSchema, listTicketsSchema, revealCallerSchema, settlementSharesSchema } from './tickets.schemas.js';

/** Everyone who works tickets; admin and auditor do not read citizens' matters. */
export const TICKET_READERS = [
  ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member, ROLES.commander,
];

/** Who takes tickets in: the floor, the dispatch desk, the commander and grid members (mobile reports). */
export const TICKET_INTAKE_ROLES = [ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.grid_member, ROLES.commander];
/** Who reads the 70/20/10 settlement shares. */
export const SETTLEMENT_READERS = [ROLES.commander, ROLES.shift_lead, ROLES.dispatcher];

export default async function ticketRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/tickets', { schema: listTicketsSchema, config: { roles: TICKET_READERS } }, async (request) => {
    const { page, pageSize, ...filters } = request.query;
    const { total, items } = await listTickets(app.prisma, requireActor(request), {
      ...filters, now: app.clock.now(), page: page ?? 1, pageSize: pageSize ?? 20,
    });
    return { total, items: items.map(presentListedTicket) };
  });

  app.post('/api/tickets', { schema: createTicketSchema, config: { roles: TICKET_INTAKE_ROLES } }, async (request, reply) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const outcome = await createTicketOnce(app.prisma, actor, { body: request.body, key: request.headers['idempotency-key'], now });
    const created = outcome.replayed ? null : outcome.created;
    const ticketId = outcome.replayed ? outcome.ticketId : outcome.created.ticket.id;
    // A replay: the ticket as it is now, and the classification as intake decided it (the `create` entry).
    const [ticket, classification] = created
      ? [created.ticket, created.classification]
      : await Promise.all([
        getTicketInScope(app.prisma, actor, ticketId),
        app.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId, action: 'create' }, orderBy: { id: 'asc' } })
          .then((entry) => (entry.data as unknown as { classification: Classification }).classification),
      ]);
    // A replay wrote nothing, and a plain intake (its trail is the one `create` entry) no outbox row.
    if (!created || created.trail) markOutboxUntouched(request);
    // A new intake read its duplicates in its own statement; a plain one's trail is its one entry,
    // answered as written. A replay reads both (together, each on its own pooled connection).
    const [duplicates, detail] = await Promise.all([
      created?.duplicates ?? findDuplicates(app.prisma, actor, {
        callerNumber: ticket.callerNumber, categoryId: ticket.categoryId, areaId: ticket.areaId, lat: ticket.lat, lng: ticket.lng, excludeId: ticket.id, now,
      }),
      getTicketDetail(app.prisma, actor, ticket.id, ticket, created?.trail),
    ]);
    return reply.status(201).send({ ticket: presentTicketDetail(detail), classification, duplicates, replayed: outcome.replayed });
  });

  app.get('/api/tickets/duplicates', { schema: duplicatesSchema, config: { roles: TICKET_INTAKE_ROLES } }, async (request) => ({
    items: await findDuplicatesByQuery(app.prisma, requireActor(request), request.query, app.clock.now()),
  }));

  app.get('/api/tickets/recent', { schema: recentTicketsSchema, config: { roles: TICKET_INTAKE_ROLES } }, async (request) => ({
    items: await findRecentTickets(app.prisma, requireActor(request), request.query.limit ?? 10),
  }));

  app.get('/api/tickets/settlement-shares', { schema: settlementSharesSchema, config: { roles: SETTLEMENT_READERS } }, async (request) =>
    computeSettlementShares(app.prisma, { from: new Date(request.query.from), to: new Date(request.query.to) }),
  );

  app.get('/api/tickets/:id', { schema: getTicketSchema, config: { roles: TICKET_READERS } }, async (request) => {
    return presentTicketDetail(await getTicketDetail(app.prisma, requireActor(request), request.params.id));
  });

  await app.register(ticketActionRoutes);
  await app.register(replyReviewRoutes);
  await app.register(ticketBatchRoutes);
  await app.register(ticketSearchRoutes, { roles: TICKET_READERS });

  app.post('/api/tickets/:id/reveal-caller', { schema: revealCallerSchema, config: { roles: REVEAL_ROLES } }, async (request) => {
    const actor = requireActor(request);
    const ticket = await getTicketInScope(app.prisma, actor, request.params.id);
    const entry = { action: AUDIT_ACTIONS.revealPhone, resource: 'ticket', resourceId: ticket.id, reason: request.body.reason };
    const decision = decideTicketReveal(actor, ticket);
    if (!decision.allowed) {
      await app.audit(request, { ...entry, outcome: 'denied' });
      throw new AppError('forbidden', decision.message);
    }
    await app.audit(request, { ...entry, outcome: 'allowed' });
    return { callerNumber: ticket.callerNumber };
  });
}
