import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { SESSION_COOKIE, requireActor } from '../../plugins/security.js';
import { findSignInStep } from '../mfa/mfa.service.js';
import { issueSession } from './issue-session.js';
import { SIGN_IN_STEPS } from './sign-in-steps.js';
import { AppError } from '../../lib/app-error.js';
import { perClientLimit } from '../../plugins/rate-limits.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { signOutOfQueue } from '../agents/agents.service.js';
import { loadActor, presentActor } from './actor.js';
import { sessionCookieOptions } from './session-cookie.js';
import { authenticate } from './login.service.js';
import { loginRouteSchema, logoutRouteSchema, meRouteSchema, sessionProbeRouteSchema } from './auth.schemas.js';

const EVERY_ROLE = Object.values(ROLES);

export default async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const idleTimeoutSeconds = app.config.sessionIdleMinutes * 60;

  // Per client address, counted before the body is read (plugins/rate-limits.ts).
  const loginLimit = perClientLimit({ max: app.config.loginRateLimitPerMinute, timeWindow: 60_000 });
  app.post('/api/auth/login', { schema: loginRouteSchema, config: { roles: 'public', rateLimit: loginLimit } }, async (request, reply) => {
    const userId = await authenticate(app, request.body.username, request.body.password, {
      ip: request.ip,
      requestId: request.id,
    });
    const actor = await loadActor(app.prisma, userId);
    if (!actor) throw new AppError('invalid_credentials', 'Wrong username or password');
    const step = await findSignInStep(app, userId, actor.roles);
    const session = await issueSession(app, reply, userId, step);
    return { user: presentActor(actor), csrfToken: session.csrfToken, idleTimeoutSeconds, step: step ?? null };
  });

  app.get('/api/auth/me', { schema: meRouteSchema, config: { roles: EVERY_ROLE, steps: SIGN_IN_STEPS, openWhilePasswordChange: true } }, async (request) => {
    const actor = requireActor(request);
    return { user: presentActor(actor), csrfToken: request.session!.csrfToken, idleTimeoutSeconds, step: request.session!.step ?? null };
  });

  /**
   * The console's probe at page load: public, so an anonymous visitor (login, the public mailbox)
   * gets 200 `{ session: null }` rather than a 401 in the browser console. An expired session is
   * simply no session here; `/api/auth/me` stays the strict form.
   */
  app.get('/api/auth/session', { schema: sessionProbeRouteSchema, config: { roles: 'public', steps: SIGN_IN_STEPS } }, async (request) => {
    const actor = request.actor;
    if (!actor || !request.session) return { session: null };
    return { session: { user: presentActor(actor), csrfToken: request.session.csrfToken, idleTimeoutSeconds, step: request.session.step ?? null } };
  });

  /**
   * Signing out of the account takes an agent out of the queue first (agents.service.ts
   * `signOutOfQueue`): refused with 409 `agent_in_call` while the PBX says the agent is on a call
   * (the session stays); a PBX or bridge that cannot be reached never keeps anyone signed in, it
   * is audited (`agent.queue_sign_out`, failed) and logged. Only this route does it: a session that
   * ends through idle time (security.ts) or is dropped in Redis leaves the queue as it is.
   */
  app.post('/api/auth/logout', { schema: logoutRouteSchema, config: { roles: EVERY_ROLE, steps: SIGN_IN_STEPS, openWhilePasswordChange: true } }, async (request, reply) => {
    const actor = requireActor(request);
    let queue: Awaited<ReturnType<typeof signOutOfQueue>>;
    try {
      queue = await signOutOfQueue(app, actor);
    } catch (error) {
      await app.audit(request, { action: AUDIT_ACTIONS.logout, outcome: 'denied', reason: 'agent_in_call' });
      throw error;
    }
    if (queue && !['removed', 'not_a_member'].includes(queue.outcome)) {
      request.log.warn({ interface: queue.interface, outcome: queue.outcome, detail: queue.detail }, 'signed out, but the queue membership could not be changed');
      await app.audit(request, {
        action: AUDIT_ACTIONS.queueSignOut, outcome: 'failed', resource: 'queue_member', resourceId: queue.interface, reason: queue.outcome,
        ...(queue.detail ? { details: { detail: queue.detail.slice(0, 200) } } : {}),
      });
    }
    await app.sessions.destroy(request.session!.sid);
    await app.audit(request, { action: AUDIT_ACTIONS.logout, outcome: 'allowed', ...(queue ? { details: { queue: queue.outcome } } : {}) });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, app.config));
    return reply.status(204).send(null);
  });
}
