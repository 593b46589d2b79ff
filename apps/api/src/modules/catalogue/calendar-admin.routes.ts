/**
 * 系统管理 → 工作日历: a year's holidays and make-up working days, replaced from the State
 * Council's yearly notice as a table (parse-calendar-table.ts), previewed as deadlines moved, saved
 * with the re-plan in one transaction and announced on the config bus (`work_calendar`).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { nudgeOutbox } from '../outbox/add-to-outbox.js';
import { getCalendarSchema, parseCalendarSchema, replaceCalendarSchema } from './calendar-admin.schemas.js';
import { replaceCalendarYear, viewCalendarYear } from './calendar-admin.service.js';
import { REPLAN_TRANSACTION } from './category-admin.routes.js';
import { parseCalendarText, parseCalendarXlsx } from './parse-calendar-table.js';

const ADMINS = [ROLES.admin];

export default async function calendarAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/admin/calendar/:year', { schema: getCalendarSchema, config: { roles: ADMINS } }, async (request) =>
    viewCalendarYear(app.prisma, request.params.year));

  app.post('/api/admin/calendar/parse', { schema: parseCalendarSchema, config: { roles: ADMINS } }, async (request) => {
    const body = request.body;
    return { days: 'text' in body ? parseCalendarText(body.text) : await parseCalendarXlsx(body.xlsxBase64) };
  });

  app.put('/api/admin/calendar/:year', { schema: replaceCalendarSchema, config: { roles: ADMINS } }, async (request) => {
    const result = await app.prisma.$transaction(
      (tx) => replaceCalendarYear(tx, request, app.clock.now(), request.params.year, request.body), REPLAN_TRANSACTION,
    );
    if (!result.dryRun) {
      await app.configChanged(['work_calendar']);
      if (result.replanned.count > 0) await nudgeOutbox(app.redis, app.config.redisPrefix);
    }
    return result;
  });
}
