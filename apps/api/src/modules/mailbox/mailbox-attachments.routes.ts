/**
 * Staff read the files citizens send with their letters. Whoever may read the ticket may read
 * its letter's files (same roles, same scope check); anyone else gets 404. Every access is
 * audited — listed, downloaded or refused — naming the ticket and file, never their content.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../lib/app-error.js';
import { attachmentDisposition } from '../../lib/content-disposition.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/audit.service.js';
import { TICKET_READERS } from '../tickets/tickets.routes.js';
import { downloadAttachmentSchema, listAttachmentsSchema } from './mailbox-attachments.schemas.js';
import { listLetterAttachments, readLetterAttachment } from './find-letter-attachments.js';

export default async function mailboxAttachmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** Runs `read`, auditing a refusal (404) as denied before it is answered. */
  async function audited<T>(request: FastifyRequest, action: AuditAction, ticketId: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') {
        await app.audit(request, { action, outcome: 'denied', resource: 'ticket', resourceId: ticketId, reason: 'not_found' });
      }
      throw error;
    }
  }

  app.get('/api/mailbox/tickets/:id/attachments', {
    schema: listAttachmentsSchema, config: { roles: TICKET_READERS },
  }, async (request) => {
    const { id } = request.params;
    const items = await audited(request, AUDIT_ACTIONS.listAttachments, id, () => listLetterAttachments(app.prisma, requireActor(request), id));
    await app.audit(request, { action: AUDIT_ACTIONS.listAttachments, outcome: 'allowed', resource: 'ticket', resourceId: id, details: { count: items.length } });
    return { items };
  });

  app.get('/api/mailbox/tickets/:id/attachments/:attachmentId', {
    schema: downloadAttachmentSchema, config: { roles: TICKET_READERS },
  }, async (request, reply) => {
    const { id, attachmentId } = request.params;
    const file = await audited(request, AUDIT_ACTIONS.downloadAttachment, id, () => readLetterAttachment(app.prisma, requireActor(request), id, attachmentId));
    await app.audit(request, {
      action: AUDIT_ACTIONS.downloadAttachment, outcome: 'allowed', resource: 'mailbox_attachment', resourceId: file.id,
      details: { ticketId: id, sizeBytes: file.sizeBytes, sha256: file.sha256 },
    });
    return reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.content.length))
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.content));
  });
}
