/**
 * Reading an attachment: the ticket must be in the reader's scope (the tickets module's own
 * check, the one the ticket read uses), the file must belong to it, and a file no act carries
 * yet is its uploader's alone. Anything else is the same 404, so ids cannot be probed.
 */
import type { PrismaClient, TicketAttachment } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { getTicketInScope } from '../tickets/tickets.service.js';
import { readStoredFile } from './attachment-store.js';

export async function findTicketAttachment(prisma: PrismaClient, actor: Actor, ticketId: string, attachmentId: string): Promise<TicketAttachment> {
  const ticket = await getTicketInScope(prisma, actor, ticketId);
  const row = await prisma.ticketAttachment.findFirst({
    where: { id: attachmentId, ticketId: ticket.id, OR: [{ eventId: { not: null } }, { uploadedById: actor.id }] },
  });
  if (!row) throw new AppError('not_found', `No attachment ${attachmentId} on this ticket`, { field: 'attachmentId' });
  return row;
}

/** The file's bytes, or its thumbnail's (a JPEG); 404 for a thumbnail a PDF does not have. */
export async function readTicketAttachment(dir: string, row: TicketAttachment, variant: 'file' | 'thumbnail'): Promise<{ contentType: string; content: Buffer }> {
  if (variant === 'thumbnail') {
    if (!row.thumbSha256) throw new AppError('not_found', `Attachment ${row.id} has no thumbnail`, { field: 'attachmentId' });
    return { contentType: 'image/jpeg', content: await readStoredFile(dir, row.thumbSha256) };
  }
  return { contentType: row.contentType, content: await readStoredFile(dir, row.sha256) };
}
