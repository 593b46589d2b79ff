/**
 * The files of a ticket act (see apps/api/src/modules/attachments/README.md): uploaded first,
 * then named by the act's `attachmentIds`. The bytes are read through the URLs below; the
 * session cookie carries the scope check.
 */
import { requestClient } from './client';

/** The acts a worker uploads files for from the console: a reply, a return, a patrol report's photos and its on-the-spot "after" photos. */
export type AttachmentAct = 'reply' | 'return' | 'report' | 'on_spot' | 'verify';

/** One file as the API shows it on a trail entry and in an upload's answer. */
export interface TicketAttachment {
  id: string;
  act: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  createdAt: string;
}

/** A photo on a phone line may take a while: longer than the client's usual timeout. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** Uploads files for an act the caller is about to take; answers their ids in order. Refusals are 400s naming `files.<n>`. */
export async function uploadTicketAttachments(ticketId: string, act: AttachmentAct, files: readonly File[], extraHandledCodes: readonly string[] = []): Promise<TicketAttachment[]> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const answer = await requestClient.post<{ items: TicketAttachment[] }>(`/tickets/${encodeURIComponent(ticketId)}/attachments`, form, {
    query: { act },
    handledCodes: ['validation_failed', 'conflict', 'forbidden', ...extraHandledCodes],
    timeoutMs: UPLOAD_TIMEOUT_MS,
  });
  return answer.items;
}

/** The file itself (sent under its own name). */
export function ticketAttachmentUrl(ticketId: string, attachmentId: string): string {
  return `/api/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** An image's JPEG thumbnail (at most 320 px a side). */
export function ticketAttachmentThumbnailUrl(ticketId: string, attachmentId: string): string {
  return `${ticketAttachmentUrl(ticketId, attachmentId)}/thumbnail`;
}
