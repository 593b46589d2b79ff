/**
 * 预警信息 (issue 16, CONTRACT.md "Warnings"): the centre drafts, a second person (a commander)
 * approves and so publishes, updates and lifts; units and grid workers read theirs and acknowledge.
 * Every act answers the warning as the caller sees it and pushes `warning.changed` on `incidents`.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { requireActor } from '../../plugins/security.js';
import { actOnWarning } from './act-on-warning.js';
import { acknowledgeWarning, listMyWarnings } from './my-warnings.js';
import { presentWarningDetail, presentWarnings } from './present-warning.js';
import { draftWarning, editDraft } from './save-warning.js';
import { pushWarningChanged } from './warning-live.js';
import { WARNING_DRAFTER_ROLES, WARNING_READER_ROLES, WARNING_RECIPIENT_ROLES } from './warning-roles.js';
import {
  acknowledgeWarningSchema, actOnWarningSchema, draftWarningSchema, editWarningSchema, getWarningSchema, listWarningsSchema, myWarningsSchema,
} from './warnings.schemas.js';

export default async function warningRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const changed = (warningId: string) => pushWarningChanged(app.redis, app.config.redisPrefix, warningId);
  const detail = async (id: string, request: Parameters<typeof requireActor>[0]) => {
    const warning = await app.prisma.warning.findUnique({ where: { id } });
    if (!warning) throw new AppError('not_found', `No warning ${id}`, { field: 'id' });
    return presentWarningDetail(app.prisma, warning, requireActor(request));
  };

  app.get('/api/warnings', { schema: listWarningsSchema, config: { roles: WARNING_READER_ROLES } }, async (request) => {
    const page = request.query.page ?? 1;
    const pageSize = request.query.pageSize ?? 20;
    const where: Prisma.WarningWhereInput = request.query.state ? { state: { in: request.query.state.split(',') } } : {};
    const [total, rows] = await Promise.all([
      app.prisma.warning.count({ where }),
      app.prisma.warning.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { code: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    return { total, items: await presentWarnings(app.prisma, rows) };
  });

  app.get('/api/warnings/mine', { schema: myWarningsSchema, config: { roles: WARNING_RECIPIENT_ROLES } }, async (request) =>
    listMyWarnings(app.prisma, requireActor(request)),
  );

  app.get('/api/warnings/:id', { schema: getWarningSchema, config: { roles: WARNING_READER_ROLES } }, async (request) => detail(request.params.id, request));

  app.post('/api/warnings', { schema: draftWarningSchema, config: { roles: WARNING_DRAFTER_ROLES } }, async (request, reply) => {
    const warning = await draftWarning(app.prisma, request, requireActor(request), request.body, app.clock.now());
    await changed(warning.id);
    reply.code(201);
    return detail(warning.id, request);
  });

  app.put('/api/warnings/:id', { schema: editWarningSchema, config: { roles: WARNING_DRAFTER_ROLES } }, async (request) => {
    await editDraft(app.prisma, request, requireActor(request), request.params.id, request.body, app.clock.now());
    await changed(request.params.id);
    return detail(request.params.id, request);
  });

  app.post('/api/warnings/:id/actions/:action', { schema: actOnWarningSchema, config: { roles: WARNING_DRAFTER_ROLES } }, async (request) => {
    const actor = requireActor(request);
    try {
      await actOnWarning(app.prisma, request, actor, request.params.id, request.params.action, request.body, app.clock.now());
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') {
        await app.audit(request, { action: AUDIT_ACTIONS.accessDenied, outcome: 'denied', resource: 'warning', resourceId: request.params.id, reason: error.message.slice(0, 200) });
      }
      throw error;
    }
    await changed(request.params.id);
    return detail(request.params.id, request);
  });

  app.post('/api/warnings/:id/acknowledge', { schema: acknowledgeWarningSchema, config: { roles: WARNING_RECIPIENT_ROLES } }, async (request) => {
    const { item, changed: isNew } = await acknowledgeWarning(app.prisma, request, requireActor(request), request.params.id, app.clock.now());
    if (isNew) await changed(request.params.id);
    return item;
  });
}
