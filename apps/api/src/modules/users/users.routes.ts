/**
 * User administration by the administrator. For now: reset a password and unlock an account
 * (issue "Administration" adds the rest and its screens).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { resetPassword, unlockUser } from './reset-password.service.js';
import { resetPasswordRouteSchema, unlockUserRouteSchema } from './users.schemas.js';

export default async function userRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/users/:id/reset-password', { schema: resetPasswordRouteSchema, config: { roles: [ROLES.admin] } }, async (request, reply) => {
    // The one-time password is in this answer only: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return resetPassword(app, request, request.params.id);
  });

  app.post('/api/users/:id/unlock', { schema: unlockUserRouteSchema, config: { roles: [ROLES.admin] } }, async (request, reply) => {
    await unlockUser(app, request, request.params.id);
    return reply.status(204).send(null);
  });
}
