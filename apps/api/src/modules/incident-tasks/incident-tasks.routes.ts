/**
 * Incident tasks: `POST /api/incidents/:id/tasks` (the centre gives a unit a task),
 * `GET /api/incident-tasks` and `POST /api/incident-tasks/:id/actions/:action`; and the photos of
 * their progress: `POST /api/incidents/:id/attachments` (multipart, parsed in this plugin only),
 * `GET /api/incident-attachments/:id` and `/thumb`, each upload and download audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { TASK_STATE_VALUES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { attachmentDisposition } from '../../lib/content-disposition.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/audit.service.js';
import { readMultipartFiles } from '../attachments/read-multipart-files.js';
import { createTask } from './create-task.js';
import { checkIncidentUpload, findIncidentAttachment, readIncidentAttachment, storeIncidentAttachments } from './incident-attachments.js';
import {
  createTaskSchema, downloadIncidentAttachmentSchema, downloadIncidentThumbSchema, listTasksSchema, taskActionSchema, uploadIncidentAttachmentsSchema,
} from './incident-tasks.schemas.js';
import { runTaskAction } from './run-task-action.js';
import { actingRole } from './task-effects.js';
import { TASK_ASSIGNERS, TASK_READERS, TASK_WORKERS, isCentre, taskScopeWhere } from './task-access.js';

/** Who uploads photos for an act: those who give tasks and those who work them. */
const TASK_ACTORS = [...TASK_ASSIGNERS, ...TASK_WORKERS];
import { presentTasks } from './task-view.js';

export default async function incidentTaskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = app.config.attachments;
  await app.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: config.maxBytes, files: config.maxFiles } });

  app.post('/api/incidents/:id/tasks', { schema: createTaskSchema, config: { roles: TASK_ASSIGNERS } }, async (request, reply) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const task = await createTask(app.prisma, { ...actor, actingRole: actingRole(actor.roles, TASK_ASSIGNERS) }, request.params.id, { ...request.body, dueAt: new Date(request.body.dueAt) }, now);
    return reply.status(201).send((await presentTasks(app.prisma, [task], now))[0]!);
  });

  app.get('/api/incident-tasks', { schema: listTasksSchema, config: { roles: TASK_READERS } }, async (request) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const states = request.query.state ? request.query.state.split(',').map((state) => state.trim()).filter(Boolean) : [];
    const unknown = states.find((state) => !(TASK_STATE_VALUES as readonly string[]).includes(state));
    if (unknown) throw new AppError('validation_failed', `Unknown task state "${unknown}"`, { field: 'state' });
    const mine = request.query.mine === '1' || request.query.mine === 'true';
    const tasks = await app.prisma.incidentTask.findMany({
      where: {
        AND: [
          taskScopeWhere(actor),
          mine && isCentre(actor) ? { createdById: actor.id } : {},
          states.length ? { state: { in: states } } : {},
          request.query.incidentId ? { incidentId: request.query.incidentId } : {},
        ],
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: 500,
    });
    return { items: await presentTasks(app.prisma, tasks, now) };
  });

  app.post('/api/incident-tasks/:id/actions/:action', { schema: taskActionSchema, config: { roles: TASK_READERS } }, async (request) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const task = await runTaskAction(app.prisma, config, actor, request.params.id, request.params.action, request.body, now);
    return (await presentTasks(app.prisma, [task], now))[0]!;
  });

  /** Runs `work`, auditing a refusal (404, 409) as denied before it is answered. */
  async function audited<T>(request: FastifyRequest, action: AuditAction, resource: string, id: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && ['not_found', 'forbidden', 'conflict'].includes(error.code)) {
        await app.audit(request, { action, outcome: 'denied', resource, resourceId: id, reason: error.code });
      }
      throw error;
    }
  }

  app.post('/api/incidents/:id/attachments', { schema: uploadIncidentAttachmentsSchema, config: { roles: TASK_ACTORS } }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = request.params;
    const incident = await audited(request, AUDIT_ACTIONS.uploadIncidentAttachment, 'incident', id, () => checkIncidentUpload(app.prisma, actor, id));
    const files = await readMultipartFiles(request, config);
    const items = await storeIncidentAttachments(app.prisma, config, { actor, incidentId: incident.id, files, now: app.clock.now() });
    await app.audit(request, {
      action: AUDIT_ACTIONS.uploadIncidentAttachment, outcome: 'allowed', resource: 'incident', resourceId: incident.id,
      details: { count: items.length, attachmentIds: items.map((item) => item.id).join(','), sizeBytes: items.reduce((sum, item) => sum + item.sizeBytes, 0) },
    });
    return reply.status(201).send({ items });
  });

  async function sendFile(request: FastifyRequest, reply: FastifyReply, variant: 'file' | 'thumbnail') {
    const { id } = request.params as { id: string };
    const action = AUDIT_ACTIONS.downloadIncidentAttachment;
    const row = await audited(request, action, 'incident_attachment', id, () => findIncidentAttachment(app.prisma, requireActor(request), id));
    const file = await readIncidentAttachment(config.dir, row, variant);
    await app.audit(request, {
      action, outcome: 'allowed', resource: 'incident_attachment', resourceId: row.id,
      details: { incidentId: row.incidentId, variant, sizeBytes: file.content.length, sha256: row.sha256 },
    });
    const name = variant === 'thumbnail' ? `thumbnail-${row.fileName.replace(/\.[^.]*$/, '')}.jpg` : row.fileName;
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.content.length))
      .header('content-disposition', attachmentDisposition(name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.content);
  }

  app.get('/api/incident-attachments/:id', { schema: downloadIncidentAttachmentSchema, config: { roles: TASK_READERS } }, (request, reply) => sendFile(request, reply, 'file'));
  app.get('/api/incident-attachments/:id/thumb', { schema: downloadIncidentThumbSchema, config: { roles: TASK_READERS } }, (request, reply) => sendFile(request, reply, 'thumbnail'));
}
