/**
 * Staff read a letter's attachments through its ticket: the ticket must be in the reader's scope
 * (the tickets module's own check, as for reading the ticket), so a file outside it, of another
 * letter, or of a ticket that is no letter is simply not found — the same 404 in every case, so
 * ids cannot be probed. The route audits every access, allowed or not.
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { getTicketInScope } from '../tickets/tickets.service.js';

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

const VIEW_FIELDS = { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, createdAt: true } as const;

async function findLetterId(prisma: PrismaClient, actor: Actor, ticketId: string): Promise<string> {
  const ticket = await getTicketInScope(prisma, actor, ticketId);
  const letter = await prisma.mailboxLetter.findUnique({ where: { ticketId: ticket.id }, select: { id: true } });
  if (!letter) throw new AppError('not_found', `Ticket ${ticket.code} is not a mailbox letter`, { field: 'id' });
  return letter.id;
}

/** The letter's files (no content) by name: they share the letter's `createdAt`, so no sending order is kept. */
export async function listLetterAttachments(prisma: PrismaClient, actor: Actor, ticketId: string): Promise<AttachmentView[]> {
  const letterId = await findLetterId(prisma, actor, ticketId);
  const rows = await prisma.mailboxAttachment.findMany({ where: { letterId }, select: VIEW_FIELDS, orderBy: [{ fileName: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** One file with its bytes; 404 unless it belongs to this ticket's letter. */
export async function readLetterAttachment(prisma: PrismaClient, actor: Actor, ticketId: string, attachmentId: string) {
  const letterId = await findLetterId(prisma, actor, ticketId);
  const row = await prisma.mailboxAttachment.findFirst({ where: { id: attachmentId, letterId }, select: { ...VIEW_FIELDS, content: true } });
  if (!row) throw new AppError('not_found', `No attachment ${attachmentId} on this letter`, { field: 'attachmentId' });
  return row;
}
