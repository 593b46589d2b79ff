import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { SESSION_COOKIE, requireActor } from '../../plugins/security.js';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { loadActor, presentActor } from './actor.js';
import { authenticate } from './login.service.js';
import { loginRouteSchema, logoutRouteSchema, meRouteSchema } from './auth.schemas.js';

const EVERY_ROLE = Object.values(ROLES);

export default async function authRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const idleTimeoutSeconds = app.config.sessionIdleMinutes * 60;

  app.post('/api/auth/login', { schema: loginRouteSchema, config: { roles: 'public' } }, async (request, reply) => {
    const userId = await authenticate(app, request.body.username, request.body.password, {
      ip: request.ip,
      requestId: request.id,
    });
    const actor = await loadActor(app.prisma, userId);
    if (!actor) throw new AppError('invalid_credentials', 'Wrong username or password');
    const { sid, session } = await app.sessions.create(userId, app.clock.now());
    reply.setCookie(SESSION_COOKIE, sid, {
      httpOnly: true,
      sameSite: 'strict',
      secure: app.config.cookieSecure,
      path: '/',
    });
    return { user: presentActor(actor), csrfToken: session.csrfToken, idleTimeoutSeconds };
  });

  app.get('/api/auth/me', { schema: meRouteSchema, config: { roles: EVERY_ROLE } }, async (request) => {
    const actor = requireActor(request);
    return { user: presentActor(actor), csrfToken: request.session!.csrfToken, idleTimeoutSeconds };
  });

  app.post('/api/auth/logout', { schema: logoutRouteSchema, config: { roles: EVERY_ROLE } }, async (request, reply) => {
    await app.sessions.destroy(request.session!.sid);
    await app.audit(request, { action: AUDIT_ACTIONS.logout, outcome: 'allowed' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
}
