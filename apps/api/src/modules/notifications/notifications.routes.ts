import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLE_VALUES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { listNotificationsSchema, readNotificationSchema } from './notifications.schemas.js';
import { listNotifications, markNotificationRead } from './notifications.service.js';

/** Every signed-in role has an inbox (their own entries and their unit's). */
export default async function notificationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/notifications', { schema: listNotificationsSchema, config: { roles: ROLE_VALUES } }, async (request) => {
    const actor = requireActor(request);
    return listNotifications(app.prisma, actor, {
      page: request.query.page ?? 1, pageSize: request.query.pageSize ?? 20, ...(request.query.unreadOnly ? { unreadOnly: true } : {}),
    });
  });

  app.post('/api/notifications/:id/read', { schema: readNotificationSchema, config: { roles: ROLE_VALUES } }, async (request) =>
    markNotificationRead(app.prisma, requireActor(request), request.params.id, app.clock.now()),
  );
}
