/** `GET /api/command-hall`: the big screen's one answer (commander, dispatcher, shift_lead). */
import type { FastifyInstance } from 'fastify';
import { ROLES } from '@yixian/domain';
import { commandHallSchema } from './command-hall.schemas.js';
import { readCommandHall } from './read-command-hall.js';

export default async function commandHallRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/command-hall', { schema: commandHallSchema, config: { roles: [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead] } }, async () =>
    readCommandHall(app.prisma, app.clock.now()));
}
