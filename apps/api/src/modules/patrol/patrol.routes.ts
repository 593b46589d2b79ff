/**
 * The grid workers' patrol: `POST /api/patrol-reports` (巡查上报, 自处 with `handledOnSpot`),
 * `GET /api/patrol-reports/suggest-category` and `GET /api/areas/locate`. See README.md.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES, ROLE_VALUES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import type { Classification } from '../classification/classify-ticket.js';
import { suggestCategory } from '../classification/suggest-category.js';
import { locatePoint } from '../routing/locate-area.js';
import { presentTicketDetail } from '../tickets/ticket-presenter.js';
import { getTicketDetail } from '../tickets/tickets.service.js';
import { filePatrolReport } from './file-patrol-report.js';
import { filePatrolReportSchema, locateAreaSchema, suggestCategorySchema } from './patrol.schemas.js';

/** Who patrols and reports: grid members (the full-time worker, the grid chief, the specialists). */
export const PATROL_ROLES = [ROLES.grid_member];

export default async function patrolRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/patrol-reports', { schema: filePatrolReportSchema, config: { roles: PATROL_ROLES } }, async (request, reply) => {
    const actor = requireActor(request);
    const filed = await filePatrolReport(app.prisma, actor, {
      key: request.headers['idempotency-key'], body: request.body, now: app.clock.now(), reviewChannels: app.config.replyReviewChannels,
    });
    const detail = presentTicketDetail(await getTicketDetail(app.prisma, actor, filed.ticketId));
    const created = await app.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: filed.ticketId, action: 'create' }, orderBy: { id: 'asc' } });
    // The classification as intake decided it, from the `create` entry: the same answer on a replay.
    const { classification } = created.data as unknown as { classification: Classification };
    return reply.status(201).send({ ticket: detail, classification, replayed: filed.replayed });
  });

  app.get('/api/patrol-reports/suggest-category', { schema: suggestCategorySchema, config: { roles: PATROL_ROLES } }, async (request) => {
    const actor = requireActor(request);
    return suggestCategory(app.prisma, request.query.text, { categoryIds: actor.scope.categoryIds });
  });

  app.get('/api/areas/locate', { schema: locateAreaSchema, config: { roles: ROLE_VALUES } }, async (request) => {
    const located = await locatePoint(app.prisma, request.query.lat, request.query.lng, 'position');
    const area = await app.prisma.area.findUniqueOrThrow({
      where: { id: located.id }, select: { id: true, name: true, nameEn: true, parent: { select: { id: true, name: true, nameEn: true, level: true } } },
    });
    const street = area.parent?.level === 'street' ? { id: area.parent.id, name: area.parent.name, nameEn: area.parent.nameEn } : null;
    return { id: area.id, name: area.name, nameEn: area.nameEn, street };
  });
}
