/**
 * Resources (应急资源): units' resources registered and edited, an incident's requests and their
 * allocation, refusal and return, and the totals dispatched per incident and per period. Who may
 * do what: resource-access.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CENTRE_ROLES, UNIT_ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import { findVisibleIncident } from '../incident-tasks/task-access.js';
import {
  ALLOCATION_DECIDERS, ALLOCATION_REQUESTERS, RESOURCE_EDITORS, RESOURCE_READERS, TOTALS_READERS,
  assertResourceEditable, assertResourceReadable, resourceUnitLimit,
} from './resource-access.js';
import { sumResourceTotals } from './resource-totals.js';
import { ALLOCATION_INCLUDE, presentAllocations, presentResources } from './resource-view.js';
import {
  allocationActionSchema, createResourceSchema, listAllocationsSchema, listResourcesSchema, requestAllocationSchema, resourceTotalsSchema, updateResourceSchema,
} from './resources.schemas.js';
import { requestAllocation, runAllocationAction } from './run-allocation.js';
import { checkResource, createResource, updateResource } from './save-resource.js';

const INCIDENT_READERS = [...CENTRE_ROLES, ...UNIT_ROLES];

export default async function resourceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const presentOne = async (resource: Parameters<typeof presentResources>[1][number]) => (await presentResources(app.prisma, [resource]))[0]!;
  const presentAllocation = async (id: string) => {
    const row = await app.prisma.resourceAllocation.findUniqueOrThrow({ where: { id }, include: ALLOCATION_INCLUDE });
    return (await presentAllocations(app.prisma, [row]))[0]!;
  };

  app.get('/api/resources', { schema: listResourcesSchema, config: { roles: RESOURCE_READERS } }, async (request) => {
    const actor = requireActor(request);
    const { unitId, kind, active } = request.query;
    if (unitId) assertResourceReadable(actor, unitId);
    const limit = resourceUnitLimit(actor);
    const resources = await app.prisma.resource.findMany({
      where: { ...(unitId ?? limit ? { unitId: unitId ?? limit! } : {}), ...(kind ? { kind } : {}), ...(active === undefined ? {} : { active }) },
      orderBy: [{ unitId: 'asc' }, { kind: 'asc' }, { name: 'asc' }],
      take: 2000,
    });
    return { items: await presentResources(app.prisma, resources) };
  });

  app.post('/api/resources', { schema: createResourceSchema, config: { roles: RESOURCE_EDITORS } }, async (request, reply) => {
    const actor = requireActor(request);
    assertResourceEditable(actor, request.body.unitId);
    const input = await checkResource(app.prisma, request.body);
    return reply.status(201).send(await presentOne(await createResource(app.prisma, request, input, app.clock.now())));
  });

  app.put('/api/resources/:id', { schema: updateResourceSchema, config: { roles: RESOURCE_EDITORS } }, async (request) => {
    const actor = requireActor(request);
    const before = await app.prisma.resource.findUnique({ where: { id: request.params.id } });
    if (!before) throw new AppError('not_found', `No resource ${request.params.id}`, { field: 'id' });
    assertResourceEditable(actor, before.unitId);
    const { version, ...patch } = request.body;
    const merged = {
      unitId: patch.unitId ?? before.unitId, kind: patch.kind ?? before.kind, name: patch.name ?? before.name, measure: patch.measure ?? before.measure,
      quantity: patch.quantity ?? before.quantity, note: patch.note ?? before.note, active: patch.active ?? before.active,
    };
    assertResourceEditable(actor, merged.unitId);
    const input = await checkResource(app.prisma, merged);
    return presentOne(await updateResource(app.prisma, request, before, input, version, app.clock.now()));
  });

  app.get('/api/resources/totals', { schema: resourceTotalsSchema, config: { roles: TOTALS_READERS } }, async (request) => {
    const { from, to, incidentId } = request.query;
    return sumResourceTotals(app.prisma, { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, incidentId });
  });

  app.post('/api/incidents/:id/allocations', { schema: requestAllocationSchema, config: { roles: ALLOCATION_REQUESTERS } }, async (request, reply) => {
    const allocation = await requestAllocation(app.prisma, requireActor(request), request.params.id, request.body, app.clock.now());
    return reply.status(201).send(await presentAllocation(allocation.id));
  });

  app.get('/api/resource-allocations', { schema: listAllocationsSchema, config: { roles: INCIDENT_READERS } }, async (request) => {
    const incident = await findVisibleIncident(app.prisma, requireActor(request), request.query.incidentId);
    const rows = await app.prisma.resourceAllocation.findMany({ where: { incidentId: incident.id }, include: ALLOCATION_INCLUDE, orderBy: { requestedAt: 'asc' } });
    return { items: await presentAllocations(app.prisma, rows) };
  });

  app.post('/api/resource-allocations/:id/actions/:action', { schema: allocationActionSchema, config: { roles: ALLOCATION_DECIDERS } }, async (request) => {
    const allocation = await runAllocationAction(app.prisma, requireActor(request), request.params.id, request.params.action, request.body, app.clock.now());
    return presentAllocation(allocation.id);
  });
}
