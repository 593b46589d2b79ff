/**
 * The second half of attaching: an act (reply, return) names the files its actor uploaded for it
 * (`attachmentIds`). Inside the act's transaction the ids are checked first — each uploaded to
 * this ticket, for this act, by this actor, and not yet carried by another act; at most the
 * configured count — so the trail entry can name them, then bound to that entry. A bad id is a
 * 400 on `attachmentIds` and the act writes nothing.
 */
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentAct } from './attachment-enums.js';

export interface ActAttachments {
  ticketId: string;
  actorId: string;
  act: AttachmentAct;
  attachmentIds?: readonly string[] | undefined;
  maxFiles: number;
}

/** The ids the act will carry (deduplicated), after checking them; [] when none are named. */
export async function checkActAttachments(tx: Prisma.TransactionClient, input: ActAttachments): Promise<string[]> {
  const ids = [...new Set(input.attachmentIds ?? [])];
  if (ids.length === 0) return [];
  if (ids.length > input.maxFiles) {
    throw new AppError('validation_failed', `A ${input.act} carries at most ${input.maxFiles} files`, { field: 'attachmentIds', details: { count: ids.length, maxFiles: input.maxFiles } });
  }
  const rows = await tx.ticketAttachment.findMany({
    where: { id: { in: ids }, ticketId: input.ticketId, act: input.act, uploadedById: input.actorId, eventId: null },
    select: { id: true },
  });
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `Not your upload for this ${input.act}, or already used: ${missing.join(', ')}`, { field: 'attachmentIds', details: { missing } });
  }
  return ids;
}

/** Binds the checked ids to the act's trail entry; refuses (400) if another act took one meanwhile. */
export async function bindActAttachments(tx: Prisma.TransactionClient, ids: readonly string[], eventId: bigint): Promise<void> {
  if (ids.length === 0) return;
  const { count } = await tx.ticketAttachment.updateMany({ where: { id: { in: [...ids] }, eventId: null }, data: { eventId } });
  if (count !== ids.length) throw new AppError('validation_failed', 'An attachment was used by another act meanwhile', { field: 'attachmentIds' });
}
