/**
 * The agents' worklists (回访与回拨): follow-ups of replied tickets and call-backs of missed calls,
 * with call-out through the PBX and attempts. For the floor: agents and shift leads.
 * Rules: CALLBACK_MAX_ATTEMPTS, CALLBACK_RETRY_MINUTES, CALLBACK_WINDOW_DAYS (apps/api/README.md).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { findFollowUps } from './find-follow-ups.js';
import { findMissedCalls } from './find-missed-calls.js';
import { presentAttemptById, recordAttempt } from './record-attempt.js';
import { startCallout } from './start-callout.js';
import { calloutSchema, followUpsSchema, getAttemptSchema, missedCallsSchema, recordAttemptSchema } from './worklists.schemas.js';

export const WORKLIST_ROLES = [ROLES.agent, ROLES.shift_lead];

export default async function worklistRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const rules = () => ({ maxAttempts: app.config.callbackMaxAttempts, retryMinutes: app.config.callbackRetryMinutes, windowDays: app.config.callbackWindowDays });

  app.get('/api/worklists/missed-calls', { schema: missedCallsSchema, config: { roles: WORKLIST_ROLES } }, async () => {
    const now = app.clock.now();
    const since = new Date(now.getTime() - app.config.callbackWindowDays * 86_400_000);
    return { rules: rules(), items: await findMissedCalls(app.prisma, { ...rules(), since, now }) };
  });

  app.get('/api/worklists/follow-ups', { schema: followUpsSchema, config: { roles: WORKLIST_ROLES } }, async (request) =>
    ({ rules: rules(), items: await findFollowUps(app.prisma, requireActor(request), rules()) }),
  );

  app.post('/api/worklists/calls/:id/callout', { schema: calloutSchema, config: { roles: WORKLIST_ROLES } }, async (request, reply) => {
    reply.code(201);
    return startCallout(app, request, requireActor(request), 'call', request.params.id);
  });

  app.post('/api/worklists/tickets/:id/callout', { schema: calloutSchema, config: { roles: WORKLIST_ROLES } }, async (request, reply) => {
    reply.code(201);
    return startCallout(app, request, requireActor(request), 'ticket', request.params.id);
  });

  app.get('/api/worklists/attempts/:id', { schema: getAttemptSchema, config: { roles: WORKLIST_ROLES } }, async (request) =>
    presentAttemptById(app, requireActor(request), request.params.id),
  );

  app.post('/api/worklists/attempts/:id/result', { schema: recordAttemptSchema, config: { roles: WORKLIST_ROLES } }, async (request) =>
    recordAttempt(app, request, requireActor(request), request.params.id, request.body),
  );
}
