/**
 * Upload, the first half of attaching: the files are checked and converted (prepare-file.ts),
 * written to disk, then recorded as rows in one transaction. For a reply or a return the rows
 * wait (`eventId` null) until the act names them (attach-to-act.ts); a report's photos go
 * straight onto the ticket's `create` entry, since the report is already filed.
 *
 * Who may upload: whoever may read the ticket (404 otherwise, before the body is read), and
 * then only for an act they may take now — the lead unit's reply or return (403 / 409 as the act
 * itself would answer), or, for a report or an on-spot handling (自处), the person who filed it.
 */
import type { PrismaClient, Ticket } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentsConfig } from '../../config/config.js';
import type { Actor } from '../auth/actor.js';
import { authoriseAction, lockTicketInScope } from '../tickets/run-ticket-action.js';
import { getTicketInScope } from '../tickets/tickets.service.js';
import { ATTACHMENT_ACTS, FILED_ACTS, POSITION_ACTS, type AttachmentAct } from './attachment-enums.js';
import { presentAttachment, type AttachmentView } from './present-attachment.js';
import { prepareFile, type PreparedFile, type UploadedFile } from './prepare-file.js';
import { putFile, removeUnreferencedFiles } from './attachment-store.js';

/**
 * The trail entry a filed act's photos join: a report's, the ticket's `create` entry; an on-spot
 * handling's, its `reply` entry marked `onSpot` (409 on `act` for a ticket not handled on the spot).
 */
async function findFiledEventId(prisma: Pick<PrismaClient, 'ticketEvent'>, ticketId: string, act: AttachmentAct): Promise<bigint> {
  const where = act === ATTACHMENT_ACTS.on_spot
    ? { ticketId, action: 'reply', data: { path: ['onSpot'], equals: true } }
    : { ticketId, action: 'create' };
  const event = await prisma.ticketEvent.findFirst({ where, orderBy: { id: 'asc' }, select: { id: true } });
  if (!event) {
    const message = act === ATTACHMENT_ACTS.on_spot ? 'The ticket was not handled on the spot' : 'The ticket has no report to attach to';
    throw new AppError('conflict', message, { field: 'act' });
  }
  return event.id;
}

/** Checks, before any byte of the body is read, that `actor` may upload for `act` on the ticket. */
export async function checkUpload(prisma: PrismaClient, actor: Actor, ticketId: string, act: AttachmentAct | undefined): Promise<{ ticket: Ticket; act: AttachmentAct }> {
  const ticket = await getTicketInScope(prisma, actor, ticketId);
  if (!act) throw new AppError('validation_failed', 'Name the act the files are for: act=reply, return, report, on_spot or verify', { field: 'act' });
  if (FILED_ACTS.includes(act)) {
    if (ticket.createdById !== actor.id) throw new AppError('forbidden', `Only the one who filed ticket ${ticket.code} may add photos to its ${act === ATTACHMENT_ACTS.report ? 'report' : 'on-spot handling'}`);
    await findFiledEventId(prisma, ticket.id, act);
  } else {
    authoriseAction(actor, ticket, act as Exclude<AttachmentAct, 'report' | 'on_spot'>);
  }
  return { ticket, act };
}

/** Checks every file before anything is written (a refused upload writes nothing). */
export async function prepareFiles(files: readonly UploadedFile[], act: AttachmentAct, config: AttachmentsConfig): Promise<PreparedFile[]> {
  if (files.length === 0) throw new AppError('validation_failed', 'No file was sent: send them as multipart/form-data', { field: 'files' });
  if (files.length > config.maxFiles) {
    throw new AppError('validation_failed', `At most ${config.maxFiles} files per ${act}`, { field: 'files', details: { count: files.length, maxFiles: config.maxFiles } });
  }
  const prepared: PreparedFile[] = [];
  for (const [index, file] of files.entries()) {
    prepared.push(await prepareFile(file, index, { maxBytes: config.maxBytes, keepPosition: POSITION_ACTS.includes(act) }));
  }
  return prepared;
}

/** Writes the files, then their rows; on any failure removes the files this call wrote that no row names. */
export async function storeAttachments(
  prisma: PrismaClient, config: AttachmentsConfig,
  input: { actor: Actor; ticket: Ticket; act: AttachmentAct; files: readonly PreparedFile[]; now: Date },
): Promise<AttachmentView[]> {
  const written: string[] = [];
  const put = async (bytes: Buffer) => {
    const { sha256, created } = await putFile(config.dir, bytes);
    if (created) written.push(sha256);
    return sha256;
  };
  try {
    const stored: { file: PreparedFile; sha256: string; thumbSha256: string | null }[] = [];
    for (const file of input.files) {
      stored.push({ file, sha256: await put(file.bytes), thumbSha256: file.thumbnail ? await put(file.thumbnail) : null });
    }
    const rows = await prisma.$transaction(async (tx) => {
      let eventId: bigint | null = null;
      if (FILED_ACTS.includes(input.act)) {
        await lockTicketInScope(tx, input.actor, input.ticket.id);
        eventId = await findFiledEventId(tx, input.ticket.id, input.act);
        const already = await tx.ticketAttachment.count({ where: { ticketId: input.ticket.id, eventId } });
        if (already + input.files.length > config.maxFiles) {
          throw new AppError('validation_failed', `A ${input.act} carries at most ${config.maxFiles} files; it has ${already}`, { field: 'files', details: { count: already + input.files.length, maxFiles: config.maxFiles } });
        }
      }
      const created = [];
      for (const { file, sha256, thumbSha256 } of stored) {
        created.push(await tx.ticketAttachment.create({
          data: {
            ticketId: input.ticket.id, act: input.act, eventId, uploadedById: input.actor.id, fileName: file.fileName,
            contentType: file.contentType, sizeBytes: file.bytes.length, sha256, width: file.width, height: file.height, thumbSha256,
            lat: file.position?.lat ?? null, lng: file.position?.lng ?? null, createdAt: input.now,
          },
        }));
      }
      return created;
    });
    return rows.map(presentAttachment);
  } catch (error) {
    await removeUnreferencedFiles(prisma, config.dir, written);
    throw error;
  }
}
