/** 批量派单 for the dispatch desk; audited once per batch with its counts. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { batchDispatchTickets } from './batch-dispatch-tickets.js';
import { batchDispatchSchema } from './tickets-batch.schemas.js';

/** The centre desk; an agent dispatches one ticket at a time, at intake. */
const BATCH_DISPATCHERS = [ROLES.dispatcher, ROLES.shift_lead, ROLES.commander];

export default async function ticketBatchRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/tickets/batch-dispatch', { schema: batchDispatchSchema, config: { roles: BATCH_DISPATCHERS } }, async (request) => {
    const actor = requireActor(request);
    const results = await batchDispatchTickets(app.prisma, {
      actor, now: app.clock.now(), body: request.body,
      onUnexpected: (error) => request.log.error({ err: error }, 'batch dispatch: one ticket failed unexpectedly'),
    });
    const succeeded = results.filter((result) => result.ok).length;
    await app.audit(request, {
      action: AUDIT_ACTIONS.batchDispatch, outcome: 'allowed', resource: 'ticket',
      details: { unitId: request.body.unitId, requested: results.length, succeeded, failed: results.length - succeeded },
    });
    return { succeeded, failed: results.length - succeeded, results };
  });
}
