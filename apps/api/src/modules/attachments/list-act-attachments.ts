/**
 * The files a ticket's trail entries carry, for the ticket's detail view. The detail reads its
 * trail and these files in one statement (tickets/read-ticket-trail.ts): this module gives the
 * column that statement selects per entry, already in the shape `presentAttachment` gives, so
 * the table's columns and how a file leaves the API stay here.
 */
import { Prisma } from '@yixian/db';
import type { AttachmentView } from './present-attachment.js';

/**
 * A JSON array of the files bound to the trail entry `entry` (a table alias of `ticket_event`),
 * oldest first as uploaded, each an `AttachmentView` (keys in its order; `createdAt` as
 * `toISOString()` writes it: the column is a UTC timestamp(3)); `[]` for none. Pending uploads
 * belong to no entry, so they never appear.
 */
export function actAttachmentsColumn(entry: string): Prisma.Sql {
  if (!/^[a-z_]+$/.test(entry)) throw new TypeError(`actAttachmentsColumn: bad table alias ${entry}`);
  const e = Prisma.raw(entry);
  return Prisma.sql`coalesce((
    SELECT json_agg(json_build_object(
      'id', a.id, 'act', a.act, 'fileName', a."fileName", 'contentType', a."contentType", 'sizeBytes', a."sizeBytes",
      'sha256', a.sha256, 'width', a.width, 'height', a.height, 'hasThumbnail', a."thumbSha256" IS NOT NULL,
      'position', CASE WHEN a.lat IS NOT NULL AND a.lng IS NOT NULL THEN json_build_object('lat', a.lat, 'lng', a.lng) END,
      'createdAt', to_char(a."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ) ORDER BY a."createdAt", a.id)
    FROM ticket_attachment a WHERE a."ticketId" = ${e}."ticketId" AND a."eventId" = ${e}.id
  ), '[]'::json)`;
}

/** The column `actAttachmentsColumn` selected, as the driver hands it over (parsed, or JSON text). */
export function fromActAttachmentsColumn(value: unknown): AttachmentView[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) throw new TypeError('actAttachmentsColumn: expected a JSON array');
  return parsed as AttachmentView[];
}
