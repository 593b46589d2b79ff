/** Upload (multipart) and download of a ticket act's files. */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { ATTACHMENT_ACT_VALUES } from './attachment-enums.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AttachmentViewSchema = Type.Object({
  id: Type.String(),
  act: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  hasThumbnail: Type.Boolean(),
  position: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  createdAt: Type.String(),
}, { additionalProperties: false });

export const uploadAttachmentsSchema = {
  tags: ['tickets'],
  summary: 'Upload files for an act on the ticket (multipart/form-data, one or more file parts); the act then names their ids',
  params: Type.Object({ id: Id }, { additionalProperties: false }),
  // `act` is checked after the ticket's scope (a ticket out of reach is a 404 whatever is asked).
  querystring: Type.Object({ act: Type.Optional(Type.Union(ATTACHMENT_ACT_VALUES.map((value) => Type.Literal(value)))) }, { additionalProperties: false }),
  response: { 201: Type.Object({ items: Type.Array(AttachmentViewSchema) }), ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema },
};

const DownloadParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });
const FileResponse = (description: string) => ({
  200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description }),
  ...AUTH_ERRORS, 404: ErrorSchema,
});

export const downloadAttachmentSchema = {
  tags: ['tickets'],
  summary: "Download one of the ticket's files (scope-checked like the ticket; audited)",
  params: DownloadParams,
  response: FileResponse('The file (JPEG, PNG, WebP or PDF)'),
};

export const downloadThumbnailSchema = {
  tags: ['tickets'],
  summary: "An image attachment's thumbnail (JPEG, at most 320 px a side; audited)",
  params: DownloadParams,
  response: FileResponse('A JPEG thumbnail'),
};
