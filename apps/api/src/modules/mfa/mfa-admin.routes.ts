/**
 * An administrator removes someone's second factor (a lost phone); every session of the account
 * ends (whoever holds the phone may hold one), audited with the reason.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { removeSecondFactor } from './mfa.service.js';
import { resetRouteSchema } from './mfa.schemas.js';

export default async function mfaAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/users/:id/reset-mfa', { schema: resetRouteSchema, config: { roles: [ROLES.admin] } }, async (request, reply) => {
    const { id } = request.params;
    const reason = request.body.reason.trim();
    const user = await app.prisma.user.findUnique({ where: { id }, select: { id: true, mfaEnabledAt: true, mfaPendingSecret: true } });
    if (!user) {
      await app.audit(request, { action: AUDIT_ACTIONS.mfaReset, outcome: 'denied', resource: 'user', resourceId: id.slice(0, 64), reason: 'not_found' });
      throw new AppError('not_found', 'No such account');
    }
    await removeSecondFactor(app, id);
    const sessionsEnded = await app.sessions.destroyAllOfUser(id);
    await app.audit(request, {
      action: AUDIT_ACTIONS.mfaReset, outcome: 'allowed', resource: 'user', resourceId: id, reason,
      details: { wasEnabled: user.mfaEnabledAt !== null, sessionsEnded },
    });
    return reply.status(204).send(null);
  });
}
