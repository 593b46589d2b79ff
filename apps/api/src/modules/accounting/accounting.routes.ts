import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { listDiscrepancies } from './list-discrepancies.js';
import { listDiscrepanciesSchema } from './accounting.schemas.js';
import { readReconcilerStatus } from './reconciler-status.js';

/** The floor's supervisors and the district command review what the PBX's accounting disagrees with. */
const DISCREPANCY_READERS = [ROLES.shift_lead, ROLES.commander];

export default async function accountingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/calls/discrepancies', { schema: listDiscrepanciesSchema, config: { roles: DISCREPANCY_READERS } }, async (request) => {
    const { lastRun } = await readReconcilerStatus(app.redis, app.config.redisPrefix);
    const list = await listDiscrepancies(app.prisma, {
      status: request.query.status ?? 'open',
      page: request.query.page ?? 1,
      pageSize: request.query.pageSize ?? 20,
      interfaceTemplate: app.config.agentInterfaceTemplate,
    });
    return { enabled: app.config.accountingDatabaseUrl !== null, lastRunAt: lastRun?.at ?? null, ...list };
  });
}
