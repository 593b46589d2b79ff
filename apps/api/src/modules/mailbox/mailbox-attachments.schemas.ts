/** Staff routes for a letter's attachments: the list (no bytes) and one file. */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const AttachmentViewSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
}, { additionalProperties: false });

export const listAttachmentsSchema = {
  tags: ['mailbox'],
  summary: 'The files a citizen sent with the letter behind a ticket (scope-checked like the ticket; audited)',
  params: Type.Object({ id: Id }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(AttachmentViewSchema) }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export const downloadAttachmentSchema = {
  tags: ['mailbox'],
  summary: 'Download one attachment of the letter behind a ticket (its own type, saved under its name; audited)',
  params: Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false }),
  response: {
    200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file (PDF, JPEG or PNG)' }),
    ...AUTH_ERRORS, 404: ErrorSchema,
  },
};
