/**
 * One-click assessment (一键考核). Schemes: `admin` edits, supervisors read. Runs: `commander`
 * creates, recomputes, publishes and deletes drafts; `shift_lead` reads them too. Every act that
 * changes a scheme or a run is audited (audit-assessment.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import {
  createRunSchema, createSchemeSchema, deleteRunSchema, drillDownSchema, editSchemeSchema, getRunSchema, getSchemeSchema,
  listRunsSchema, listSchemesSchema, runActionSchema,
} from './assessment.schemas.js';
import { auditRunAct, auditSchemeAct } from './audit-assessment.js';
import { drillDownIndicator } from './drill-down-indicator.js';
import { exportFileName, exportRunCsv, exportRunXlsx } from './export-run.js';
import { createScheme, editScheme, getScheme, listSchemes } from './manage-schemes.js';
import { createRun, deleteRun, publishRun, recomputeRun } from './manage-runs.js';
import { listRuns, readRun } from './read-runs.js';

const SCHEME_EDITORS = [ROLES.admin];
const SCHEME_READERS = [ROLES.admin, ROLES.commander, ROLES.shift_lead];
const RUN_MAKERS = [ROLES.commander];
const RUN_READERS = [ROLES.commander, ROLES.shift_lead];

export default async function assessmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/assessment/schemes', { schema: listSchemesSchema, config: { roles: SCHEME_READERS } }, async () => listSchemes(app.prisma));

  app.post('/api/assessment/schemes', { schema: createSchemeSchema, config: { roles: SCHEME_EDITORS } }, async (request, reply) => {
    const scheme = await createScheme(app.prisma, request.body, requireActor(request).id, app.clock.now());
    await auditSchemeAct(app, request, 'create', scheme);
    return reply.status(201).send(scheme);
  });

  app.get('/api/assessment/schemes/:id', { schema: getSchemeSchema, config: { roles: SCHEME_READERS } }, async (request) =>
    getScheme(app.prisma, request.params.id));

  app.put('/api/assessment/schemes/:id', { schema: editSchemeSchema, config: { roles: SCHEME_EDITORS } }, async (request) => {
    const scheme = await editScheme(app.prisma, request.params.id, request.body, requireActor(request).id, app.clock.now());
    await auditSchemeAct(app, request, 'version', scheme);
    return scheme;
  });

  app.get('/api/assessment/runs', { schema: listRunsSchema, config: { roles: RUN_READERS } }, async (request) =>
    listRuns(app.prisma, { page: request.query.page ?? 1, pageSize: request.query.pageSize ?? 20 }));

  app.post('/api/assessment/runs', { schema: createRunSchema, config: { roles: RUN_MAKERS } }, async (request, reply) => {
    const run = await createRun(app.prisma, request.body, requireActor(request).id, app.clock.now());
    await auditRunAct(app, request, 'create', run);
    return reply.status(201).send(await readRun(app.prisma, run.runId));
  });

  app.get('/api/assessment/runs/:id', { schema: getRunSchema, config: { roles: RUN_READERS } }, async (request, reply) => {
    const run = await readRun(app.prisma, request.params.id);
    const { format = 'json', lang = 'zh-CN' } = request.query;
    if (format === 'json') return run;
    const disposition = `attachment; filename="${exportFileName(run, format)}"`;
    if (format === 'csv') {
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition).send(exportRunCsv(run, lang) as never); // a file, not the JSON schema
    }
    const file = await exportRunXlsx(run, lang);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', disposition)
      .send(file as never); // a file, not the JSON schema
  });

  app.post('/api/assessment/runs/:id/recompute', { schema: runActionSchema('Recompute a draft run with its period and scheme version'), config: { roles: RUN_MAKERS } }, async (request) => {
    await auditRunAct(app, request, 'recompute', await recomputeRun(app.prisma, request.params.id, app.clock.now()));
    return readRun(app.prisma, request.params.id);
  });

  app.post('/api/assessment/runs/:id/publish', { schema: runActionSchema('Publish a run: final from now on'), config: { roles: RUN_MAKERS } }, async (request) => {
    await auditRunAct(app, request, 'publish', await publishRun(app.prisma, request.params.id, requireActor(request).id, app.clock.now()));
    return readRun(app.prisma, request.params.id);
  });

  app.delete('/api/assessment/runs/:id', { schema: deleteRunSchema, config: { roles: RUN_MAKERS } }, async (request, reply) => {
    await auditRunAct(app, request, 'delete', await deleteRun(app.prisma, request.params.id));
    return reply.status(204).send(null);
  });

  app.get('/api/assessment/runs/:id/units/:unitId/indicators/:indicator/tickets', { schema: drillDownSchema, config: { roles: RUN_READERS } }, async (request) => {
    const { id, unitId, indicator } = request.params;
    return drillDownIndicator(app.readPrisma, requireActor(request), {
      runId: id, unitId, indicator, page: request.query.page ?? 1, pageSize: request.query.pageSize ?? 50,
    });
  });
}
