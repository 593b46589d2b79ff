import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS, PageQuerySchema } from '../../lib/schemas.js';
import { listAuditEntries } from './audit.service.js';

const AuditQuerySchema = Type.Object(
  {
    ...PageQuerySchema,
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    actorId: Type.Optional(Type.String({ maxLength: 64 })),
    /** Part of the actor's display name or username: who did it, by name, not by id. */
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** The kind of record (user, unit, area, hotline, category, ticket, …) and, with it, one record's id. */
    resource: Type.Optional(Type.String({ pattern: '^[a-z][a-z_]*$', maxLength: 40 })),
    resourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    outcome: Type.Optional(Type.Union([Type.Literal('allowed'), Type.Literal('denied'), Type.Literal('failed')])),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  /** The account's name today (the row keeps the username it acted under). */
  actorDisplayName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  outcome: Type.String(),
  resource: Type.Union([Type.String(), Type.Null()]),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
});

/** The audit log is readable by the auditor alone (separation of duties: not even admin). */
export default async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log (auditor only)',
        querystring: AuditQuerySchema,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(AuditEntrySchema) }), ...AUTH_ERRORS },
      },
      config: { roles: [ROLES.auditor] },
    },
    async (request) => {
      const query = request.query;
      return listAuditEntries(app.prisma, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        action: query.action,
        actorId: query.actorId,
        actor: query.actor,
        resource: query.resource,
        resourceId: query.resourceId,
        outcome: query.outcome,
      });
    },
  );
}
