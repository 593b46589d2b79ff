/**
 * Photos (and PDFs) of incident acts: uploaded first (`POST /api/incidents/:id/attachments`), then
 * named by the act (a task's progress or done). The ticket attachments' checks and store are reused
 * (attachments/README.md): the type from the bytes, images re-encoded without metadata (no GPS),
 * a thumbnail, files by sha256 written before their rows and removed again if the rows are not.
 * Until an act carries it, an upload is its uploader's alone; any reader of the incident reads it after.
 */
import type { IncidentAttachment, PrismaClient } from '@yixian/db';
import { INCIDENT_STATES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentsConfig } from '../../config/config.js';
import type { Actor } from '../auth/actor.js';
import { putFile, readStoredFile, removeUnreferencedFiles } from '../attachments/attachment-store.js';
import { prepareFile, type UploadedFile } from '../attachments/prepare-file.js';
import { findVisibleIncident, incidentVisibleWhere } from './task-access.js';

export interface IncidentAttachmentView { id: string; fileName: string; contentType: string; sizeBytes: number; width: number | null; height: number | null; hasThumbnail: boolean }

export function presentIncidentAttachment(row: IncidentAttachment): IncidentAttachmentView {
  return { id: row.id, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, width: row.width, height: row.height, hasThumbnail: row.thumbSha256 !== null };
}

/** Before any byte is read: the caller may see the incident and it is still open (404 / 409 otherwise). */
export async function checkIncidentUpload(prisma: PrismaClient, actor: Actor, incidentId: string) {
  const incident = await findVisibleIncident(prisma, actor, incidentId);
  if (incident.state === INCIDENT_STATES.closed || incident.state === INCIDENT_STATES.dismissed) {
    throw new AppError('conflict', `Incident ${incident.code} is ${incident.state}`, { details: { reason: 'incident_state' } });
  }
  return incident;
}

export async function storeIncidentAttachments(
  prisma: PrismaClient, config: AttachmentsConfig, input: { actor: Actor; incidentId: string; files: readonly UploadedFile[]; now: Date },
): Promise<IncidentAttachmentView[]> {
  if (input.files.length === 0) throw new AppError('validation_failed', 'No file was sent: send them as multipart/form-data', { field: 'files' });
  const prepared = [];
  for (const [index, file] of input.files.entries()) prepared.push(await prepareFile(file, index, { maxBytes: config.maxBytes, keepPosition: false }));
  const written: string[] = [];
  const put = async (bytes: Buffer) => {
    const { sha256, created } = await putFile(config.dir, bytes);
    if (created) written.push(sha256);
    return sha256;
  };
  try {
    const stored = [];
    for (const file of prepared) stored.push({ file, sha256: await put(file.bytes), thumbSha256: file.thumbnail ? await put(file.thumbnail) : null });
    const rows = await prisma.$transaction(stored.map(({ file, sha256, thumbSha256 }) => prisma.incidentAttachment.create({
      data: {
        incidentId: input.incidentId, uploadedById: input.actor.id, fileName: file.fileName, contentType: file.contentType,
        sizeBytes: file.bytes.length, sha256, width: file.width, height: file.height, thumbSha256, createdAt: input.now,
      },
    })));
    return rows.map(presentIncidentAttachment);
  } catch (error) {
    await removeUnreferencedFiles(prisma, config.dir, written);
    throw error;
  }
}

/** One attachment for reading: its incident visible to the caller, and bound to an act or the caller's own upload. */
export async function findIncidentAttachment(prisma: PrismaClient, actor: Actor, id: string): Promise<IncidentAttachment> {
  const row = await prisma.incidentAttachment.findFirst({
    where: { id, incident: incidentVisibleWhere(actor), OR: [{ eventId: { not: null } }, { uploadedById: actor.id }] },
  });
  if (!row) throw new AppError('not_found', `No attachment ${id}`, { field: 'id' });
  return row;
}

export async function readIncidentAttachment(dir: string, row: IncidentAttachment, variant: 'file' | 'thumbnail'): Promise<{ contentType: string; content: Buffer }> {
  if (variant === 'thumbnail') {
    if (!row.thumbSha256) throw new AppError('not_found', `Attachment ${row.id} has no thumbnail`, { field: 'id' });
    return { contentType: 'image/jpeg', content: await readStoredFile(dir, row.thumbSha256) };
  }
  return { contentType: row.contentType, content: await readStoredFile(dir, row.sha256) };
}
