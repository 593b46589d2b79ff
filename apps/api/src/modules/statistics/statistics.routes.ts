/**
 * Statistics for the supervisors: call figures (shift_lead, commander), ticket counts and the
 * ticket figures of DOMAIN.md (also dept_admin, for its own unit only), the records behind any
 * figure, and every table as CSV or XLSX with `?format=` — headers and words in the console's
 * language (`?lang=zh-CN|en`, default zh-CN), names in the cells (export-statistics.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import type { ExportLang } from '../../lib/export-labels.js';
import { renderExport, type ExportFormat } from './export-table.js';
import {
  buildCallFiguresExport, buildDrillExport, buildTicketCountsExport, buildTicketFiguresExport, type DrillCallRow, type DrillTicketRow, type ExportTable,
} from './export-statistics.js';
import { drillDown } from './drill-down.js';
import { readCallFigures, type CallGroup } from './read-call-figures.js';
import { readTicketCounts, type TicketGroup } from './read-ticket-counts.js';
import { pickUnits, resolveUnitScope } from './statistics-scope.js';
import { parsePeriod } from './statistics-period.js';
import { callFiguresSchema, drillSchema, ticketCountsSchema, ticketFiguresSchema } from './statistics.schemas.js';
import { computeUnitTicketFigures } from './ticket-figures.js';
import { SERVICE_LEVEL_SECONDS } from './call-rollup.js';

const CENTRE = [ROLES.shift_lead, ROLES.commander];
const WITH_UNITS = [ROLES.shift_lead, ROLES.commander, ROLES.dept_admin];

type Format = ExportFormat | undefined;

async function sendFile(reply: FastifyReply, format: Exclude<ExportFormat, 'json'>, name: string, table: ExportTable) {
  const file = await renderExport(format, name, table.columns, table.rows);
  return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
}

export default async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/statistics/calls', { schema: callFiguresSchema, config: { roles: CENTRE } }, async (request, reply) => {
    const query = request.query as { from: string; to: string; groupBy: CallGroup; hotline?: string; format?: Format; lang?: ExportLang };
    const period = parsePeriod(query);
    const result = await readCallFigures(app.readPrisma, { ...period, groupBy: query.groupBy, ...(query.hotline ? { hotline: query.hotline } : {}) });
    if (query.format && query.format !== 'json') {
      const table = await buildCallFiguresExport(app.readPrisma, result, { lang: query.lang ?? 'zh-CN', groupBy: query.groupBy, thresholdSeconds: SERVICE_LEVEL_SECONDS });
      return sendFile(reply, query.format, `calls-by-${query.groupBy}`, table);
    }
    return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy: query.groupBy, thresholdSeconds: SERVICE_LEVEL_SECONDS, ...result };
  });

  app.get('/api/statistics/tickets', { schema: ticketCountsSchema, config: { roles: WITH_UNITS } }, async (request, reply) => {
    const query = request.query as { from: string; to: string; groupBy: TicketGroup; unitId?: string; format?: Format; lang?: ExportLang };
    const period = parsePeriod(query);
    const unitIds = pickUnits(requireActor(request), query.unitId);
    const result = await readTicketCounts(app.readPrisma, { ...period, groupBy: query.groupBy, unitIds });
    if (query.format && query.format !== 'json') {
      return sendFile(reply, query.format, `tickets-by-${query.groupBy}`, buildTicketCountsExport(result, query.lang ?? 'zh-CN'));
    }
    return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy: query.groupBy, ...result };
  });

  app.get('/api/statistics/ticket-figures', { schema: ticketFiguresSchema, config: { roles: WITH_UNITS } }, async (request, reply) => {
    const query = request.query as { from: string; to: string; unitId?: string; format?: Format; lang?: ExportLang };
    const period = parsePeriod(query);
    const unitIds = pickUnits(requireActor(request), query.unitId);
    const figures = await computeUnitTicketFigures(app.readPrisma, { ...period, now: app.clock.now(), ...(unitIds ? { unitIds } : {}) });
    const units = await app.readPrisma.unit.findMany({ where: { id: { in: [...figures.keys()] } }, select: { id: true, name: true, nameEn: true } });
    const names = new Map(units.map((u) => [u.id, u]));
    const rows = [...figures.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([unitId, f]) => ({
      unitId, name: names.get(unitId)?.name ?? unitId, nameEn: names.get(unitId)?.nameEn ?? unitId, figures: f,
    }));
    if (query.format && query.format !== 'json') {
      return sendFile(reply, query.format, 'ticket-figures', buildTicketFiguresExport(rows, query.lang ?? 'zh-CN'));
    }
    return { from: period.from.toISOString(), to: period.to.toISOString(), rows };
  });

  app.get('/api/statistics/drill', { schema: drillSchema, config: { roles: WITH_UNITS } }, async (request, reply) => {
    const query = request.query as { from: string; to: string; metric: string; page?: number; pageSize?: number; hotline?: string; unitId?: string; part?: 'numerator' | 'denominator'; format?: Format; lang?: ExportLang };
    const period = parsePeriod(query);
    const actor = requireActor(request);
    const picked = pickUnits(actor, query.unitId);
    const unitId = query.unitId ?? (picked?.length === 1 ? picked[0] : undefined);
    const result = await drillDown(app.readPrisma, actor, {
      ...period, metric: query.metric, now: app.clock.now(), page: query.page ?? 1, pageSize: query.pageSize ?? 20,
      canSeeCalls: resolveUnitScope(actor) === null, part: query.part ?? 'denominator',
      ...(query.hotline ? { hotline: query.hotline } : {}), ...(unitId ? { unitId } : {}),
    });
    if (query.format && query.format !== 'json') {
      const rows = result.kind === 'calls'
        ? { kind: 'calls' as const, calls: result.calls as DrillCallRow[] }
        : { kind: 'tickets' as const, tickets: result.tickets as DrillTicketRow[] };
      return sendFile(reply, query.format, `drill-${query.metric}`, buildDrillExport(rows, query.lang ?? 'zh-CN'));
    }
    return result;
  });
}
