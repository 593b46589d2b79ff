/**
 * The phone app's map (issue 15, part 7): `GET /api/map/settings` (the tile server, if any) and
 * `GET /api/map/my-area` (the viewer's areas and open tickets). See README.md.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLE_VALUES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { TICKET_READERS } from '../tickets/tickets.routes.js';
import { findMapAreas } from './find-map-areas.js';
import { findMapTickets } from './find-map-tickets.js';
import { mapSettingsSchema, myAreaSchema } from './map.schemas.js';

export default async function mapRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { tileUrl, tileAttribution } = app.config.map;

  app.get('/api/map/settings', { schema: mapSettingsSchema, config: { roles: ROLE_VALUES } }, async () => ({ tileUrl, tileAttribution }));

  app.get('/api/map/my-area', { schema: myAreaSchema, config: { roles: TICKET_READERS } }, async (request) => {
    const actor = requireActor(request);
    const [areas, tickets] = await Promise.all([findMapAreas(app.prisma, actor), findMapTickets(app.prisma, actor)]);
    return { areas, ...tickets };
  });
}
