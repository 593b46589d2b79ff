/**
 * Binds uploaded photos to a task's progress or done entry, inside the act's transaction: each id
 * must be a pending upload (no entry yet) of this incident by this actor, and an entry carries at
 * most ATTACHMENT_MAX_FILES. A bad id is a 400 on `attachmentIds` and the act is not made.
 */
import type { IncidentTask, Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentsConfig } from '../../config/config.js';
import type { Actor } from '../auth/actor.js';

export async function bindTaskAttachments(
  tx: Prisma.TransactionClient, config: AttachmentsConfig,
  input: { actor: Pick<Actor, 'id'>; task: Pick<IncidentTask, 'id' | 'incidentId'>; eventId: bigint; attachmentIds: readonly string[] },
): Promise<void> {
  if (input.attachmentIds.length > config.maxFiles) {
    throw new AppError('validation_failed', `At most ${config.maxFiles} photos per report`, { field: 'attachmentIds', details: { maxFiles: config.maxFiles } });
  }
  const { count } = await tx.incidentAttachment.updateMany({
    where: { id: { in: [...input.attachmentIds] }, incidentId: input.task.incidentId, uploadedById: input.actor.id, eventId: null },
    data: { taskId: input.task.id, eventId: input.eventId },
  });
  if (count !== input.attachmentIds.length) {
    throw new AppError('validation_failed', 'A photo named is not one you uploaded for this incident, or it is already used', { field: 'attachmentIds' });
  }
}
