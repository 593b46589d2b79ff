/**
 * `POST /api/tickets/:id/attachments?act=` uploads files for an act, `GET …/:attachmentId` and
 * `…/:attachmentId/thumbnail` read one back. Scope-checked like the ticket (404 outside it) and
 * audited like the mailbox's files: every upload and download, allowed or refused, naming the
 * ticket and file (id, size, hash), never their content. multipart/form-data is parsed in this
 * plugin only; every other route still takes JSON alone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { AppError } from '../../lib/app-error.js';
import { attachmentDisposition } from '../../lib/content-disposition.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/audit.service.js';
import { TICKET_READERS } from '../tickets/tickets.routes.js';
import { findTicketAttachment, readTicketAttachment } from './find-ticket-attachment.js';
import { readMultipartFiles } from './read-multipart-files.js';
import { downloadAttachmentSchema, downloadThumbnailSchema, uploadAttachmentsSchema } from './ticket-attachments.schemas.js';
import { checkUpload, prepareFiles, storeAttachments } from './upload-attachments.js';

export default async function ticketAttachmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = app.config.attachments;
  await app.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: config.maxBytes, files: config.maxFiles } });

  /** Runs `work`, auditing a refusal (404, 403) as denied before it is answered. */
  async function audited<T>(request: FastifyRequest, action: AuditAction, ticketId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) {
        await app.audit(request, { action, outcome: 'denied', resource: 'ticket', resourceId: ticketId, reason: error.code });
      }
      throw error;
    }
  }

  app.post('/api/tickets/:id/attachments', { schema: uploadAttachmentsSchema, config: { roles: TICKET_READERS } }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = request.params;
    const { ticket, act } = await audited(request, AUDIT_ACTIONS.uploadTicketAttachment, id, () => checkUpload(app.prisma, actor, id, request.query.act));
    const files = await prepareFiles(await readMultipartFiles(request, config), act, config);
    const items = await storeAttachments(app.prisma, config, { actor, ticket, act, files, now: app.clock.now() });
    await app.audit(request, {
      action: AUDIT_ACTIONS.uploadTicketAttachment, outcome: 'allowed', resource: 'ticket', resourceId: ticket.id,
      details: { act, count: items.length, attachmentIds: items.map((item) => item.id).join(','), sizeBytes: items.reduce((sum, item) => sum + item.sizeBytes, 0) },
    });
    return reply.status(201).send({ items });
  });

  async function sendFile(request: FastifyRequest, reply: FastifyReply, variant: 'file' | 'thumbnail') {
    const { id, attachmentId } = request.params as { id: string; attachmentId: string };
    const action = AUDIT_ACTIONS.downloadTicketAttachment;
    const row = await audited(request, action, id, () => findTicketAttachment(app.prisma, requireActor(request), id, attachmentId));
    const file = await readTicketAttachment(config.dir, row, variant);
    await app.audit(request, {
      action, outcome: 'allowed', resource: 'ticket_attachment', resourceId: row.id,
      details: { ticketId: id, variant, act: row.act, sizeBytes: file.content.length, sha256: row.sha256 },
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

  app.get('/api/tickets/:id/attachments/:attachmentId', { schema: downloadAttachmentSchema, config: { roles: TICKET_READERS } },
    (request, reply) => sendFile(request, reply, 'file'));
  app.get('/api/tickets/:id/attachments/:attachmentId/thumbnail', { schema: downloadThumbnailSchema, config: { roles: TICKET_READERS } },
    (request, reply) => sendFile(request, reply, 'thumbnail'));
}
