/** `POST /api/auth/password`: a signed-in user changes their own password (change-password.service.ts). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { changeOwnPassword } from './change-password.service.js';
import { changePasswordRouteSchema } from './password.schemas.js';

export default async function passwordRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/auth/password', {
    schema: changePasswordRouteSchema,
    config: { roles: Object.values(ROLES), openWhilePasswordChange: true },
  }, async (request, reply) => {
    await changeOwnPassword(app, request, request.body);
    return reply.status(204).send(null);
  });
}
