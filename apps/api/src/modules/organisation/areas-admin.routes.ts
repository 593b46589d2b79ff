/**
 * Area administration (administrators only): the tree, one area's polygons for the map, create,
 * edit, replace a boundary, and import boundaries from GeoJSON with a dry run. The catalogue's
 * `GET /api/areas` stays the read-only tree for everyone.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { findAreaWithChildren, listAreaTree } from './area-views.js';
import {
  BOUNDARY_BODY_LIMIT, createAreaSchema, getAreaSchema, importBoundariesSchema, listAreaTreeSchema, replaceBoundarySchema, updateAreaSchema,
} from './areas-admin.schemas.js';
import { createArea, importBoundaries, replaceBoundary, updateArea } from './save-area.service.js';

const ADMINS = [ROLES.admin];

export default async function areaAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/admin/areas', { schema: listAreaTreeSchema, config: { roles: ADMINS } }, async () => listAreaTree(app.prisma));

  app.get('/api/admin/areas/:id', { schema: getAreaSchema, config: { roles: ADMINS } }, async (request) => {
    const found = await findAreaWithChildren(app.prisma, request.params.id);
    if (!found) throw new AppError('not_found', 'No such area', { field: 'id' });
    return found;
  });

  app.post('/api/admin/areas', { schema: createAreaSchema, config: { roles: ADMINS }, bodyLimit: BOUNDARY_BODY_LIMIT }, async (request, reply) =>
    reply.status(201).send(await createArea(app, request, request.body)));

  app.put('/api/admin/areas/:id', { schema: updateAreaSchema, config: { roles: ADMINS } }, async (request) =>
    updateArea(app, request, request.params.id, request.body));

  app.put('/api/admin/areas/:id/boundary', { schema: replaceBoundarySchema, config: { roles: ADMINS }, bodyLimit: BOUNDARY_BODY_LIMIT }, async (request) =>
    replaceBoundary(app, request, request.params.id, request.body));

  app.post('/api/admin/areas/boundaries/import', { schema: importBoundariesSchema, config: { roles: ADMINS }, bodyLimit: BOUNDARY_BODY_LIMIT }, async (request) =>
    importBoundaries(app, request, request.body.features as never, request.query.dryRun ?? false));
}
