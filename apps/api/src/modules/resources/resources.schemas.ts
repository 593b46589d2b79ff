/** Resources, an incident's allocations and the totals dispatched (CONTRACT.md, "Resources"). */
import { Type } from 'typebox';
import { RESOURCE_KIND_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';
import { ALLOCATION_ACTIONS } from './run-allocation.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Named = Type.Object({ id: Type.String(), name: Type.String() });
const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const ResourceSchema = Type.Object({
  id: Type.String(), unit: Named, kind: Type.String(), name: Type.String(), measure: Type.String(), quantity: Type.Number(),
  committed: Type.Number(), available: Type.Number(), note: Type.String(), active: Type.Boolean(), version: Type.Integer(),
});

export const AllocationSchema = Type.Object({
  id: Type.String(), incident: Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() }),
  resource: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), measure: Type.String(), unit: Named }),
  state: Type.String(), requested: Type.Number(), allocated: Type.Number(), requestedAt: Type.String(),
  allocatedAt: Nullable(Type.String()), returnedAt: Nullable(Type.String()), note: Type.String(),
});

/** Kind, measure and quantity are checked by the service so their errors say what is allowed. */
const ResourceFields = {
  unitId: Id, kind: Type.String({ maxLength: 32 }), name: Type.String({ maxLength: 100 }), measure: Type.String({ maxLength: 32 }),
  quantity: Type.Number(), note: Type.Optional(Type.String({ maxLength: 500 })), active: Type.Optional(Type.Boolean()),
};

export const listResourcesSchema = {
  tags: ['resources'],
  summary: 'Resources with what is committed and available now; a unit\'s people see their own unit\'s',
  querystring: Type.Object({
    unitId: Type.Optional(Id), kind: Type.Optional(Type.Union(RESOURCE_KIND_VALUES.map((kind) => Type.Literal(kind)))),
    active: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(ResourceSchema) }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export const createResourceSchema = {
  tags: ['resources'], summary: 'Register a resource of a unit (audited)',
  body: Type.Object(ResourceFields, { additionalProperties: false }),
  response: { 201: ResourceSchema, ...WRITE_ERRORS },
};

export const updateResourceSchema = {
  tags: ['resources'], summary: 'Edit a resource from the version read (fields left out keep their value); never below what is committed',
  params: IdParamsSchema,
  body: Type.Object({
    unitId: Type.Optional(Id), kind: Type.Optional(ResourceFields.kind), name: Type.Optional(ResourceFields.name), measure: Type.Optional(ResourceFields.measure),
    quantity: Type.Optional(Type.Number()), note: ResourceFields.note, active: ResourceFields.active, version: Type.Integer({ minimum: 1 }),
  }, { additionalProperties: false }),
  response: { 200: ResourceSchema, ...WRITE_ERRORS },
};

export const requestAllocationSchema = {
  tags: ['resources'], summary: 'Request a resource for an incident',
  params: IdParamsSchema,
  body: Type.Object({ resourceId: Id, requested: Type.Number(), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  response: { 201: AllocationSchema, ...WRITE_ERRORS },
};

export const listAllocationsSchema = {
  tags: ['resources'], summary: 'An incident\'s resource requests and allocations, oldest first',
  querystring: Type.Object({ incidentId: Id }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(AllocationSchema) }), ...AUTH_ERRORS },
};

export const allocationActionSchema = {
  tags: ['resources'],
  summary: 'allocate {allocated} (at most what is available: quantity − committed) | refuse {reason} | return',
  params: Type.Object({ id: Id, action: Type.Union(ALLOCATION_ACTIONS.map((action) => Type.Literal(action))) }, { additionalProperties: false }),
  body: Type.Object({ allocated: Type.Optional(Type.Number()), reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
  response: { 200: AllocationSchema, ...WRITE_ERRORS },
};

export const resourceTotalsSchema = {
  tags: ['resources'],
  summary: 'Totals dispatched (sums of allocated, allocated in [from, to)) by measure — vehicle trips, person-times, tonnes — overall and per incident',
  querystring: Type.Object({
    from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })), incidentId: Type.Optional(Id),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      byMeasure: Type.Record(Type.String(), Type.Number()),
      byIncident: Type.Array(Type.Object({ incident: Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() }), byMeasure: Type.Record(Type.String(), Type.Number()) })),
    }),
    ...AUTH_ERRORS,
  },
};
