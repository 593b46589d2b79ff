/**
 * Unit administration (administrators only). The catalogue's `GET /api/units` stays the
 * read-only list of active units for everyone; these routes see and change every unit.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { createUnit, updateUnit } from './save-unit.service.js';
import { setUnitActive } from './toggle-unit.service.js';
import { listUnitViews } from './unit-view.js';
import { createUnitSchema, listUnitsSchema, toggleUnitSchema, updateUnitSchema } from './units-admin.schemas.js';

const ADMINS = [ROLES.admin];

export default async function unitAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/admin/units', { schema: listUnitsSchema, config: { roles: ADMINS } }, async () => listUnitViews(app.prisma));

  app.post('/api/admin/units', { schema: createUnitSchema, config: { roles: ADMINS } }, async (request, reply) =>
    reply.status(201).send(await createUnit(app, request, request.body)));

  app.put('/api/admin/units/:id', { schema: updateUnitSchema, config: { roles: ADMINS } }, async (request) =>
    updateUnit(app, request, request.params.id, request.body));

  app.post('/api/admin/units/:id/disable', { schema: toggleUnitSchema, config: { roles: ADMINS } }, async (request) =>
    setUnitActive(app, request, request.params.id, false, request.body));

  app.post('/api/admin/units/:id/enable', { schema: toggleUnitSchema, config: { roles: ADMINS } }, async (request) =>
    setUnitActive(app, request, request.params.id, true, request.body));
}
