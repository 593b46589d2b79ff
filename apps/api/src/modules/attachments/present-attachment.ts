/** How an attachment leaves the API: what it is, never where it lies on disk. */
import type { TicketAttachment } from '@yixian/db';

export interface AttachmentView {
  id: string;
  act: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  /** The photo's EXIF position, for a report only. */
  position: { lat: number; lng: number } | null;
  createdAt: string;
}

export function presentAttachment(row: TicketAttachment): AttachmentView {
  return {
    id: row.id,
    act: row.act,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    hasThumbnail: row.thumbSha256 !== null,
    position: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    createdAt: row.createdAt.toISOString(),
  };
}
