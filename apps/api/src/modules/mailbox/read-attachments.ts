/**
 * Decodes and checks a letter's attachments before anything is written: at most 3, each at
 * most 5 MB once decoded, and truly PDF / JPEG / PNG (the first bytes must match the declared
 * type, so a renamed executable is refused). Every refusal names `attachments.<n>`.
 *
 * Storage: the bytes go into PostgreSQL (`mailbox_attachment.content`, bytea) in the same
 * transaction as the letter and its ticket. Letters are few and small (at most 15 MB each), so
 * this keeps them in the database's backups and permissions, needs no shared disk between API
 * instances, and a refused or failed letter leaves no stray file behind.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../lib/app-error.js';
import { ATTACHMENT_LIMITS, type AttachmentContentType } from './mailbox-enums.js';

export interface AttachmentInput {
  fileName: string;
  contentType: string;
  data: string;
}

export interface CheckedAttachment {
  fileName: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  sha256: string;
  content: Uint8Array<ArrayBuffer>;
}

const MAGIC: Record<AttachmentContentType, (bytes: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

const isContentType = (value: string): value is AttachmentContentType =>
  (ATTACHMENT_LIMITS.contentTypes as readonly string[]).includes(value);

/** Checks every attachment; see the module comment. */
export function readAttachments(inputs: readonly AttachmentInput[] | undefined): CheckedAttachment[] {
  const list = inputs ?? [];
  if (list.length > ATTACHMENT_LIMITS.maxFiles) {
    throw new AppError('validation_failed', `At most ${ATTACHMENT_LIMITS.maxFiles} attachments`, { field: 'attachments' });
  }
  return list.map((input, index) => {
    const field = `attachments.${index}`;
    if (!isContentType(input.contentType)) {
      throw new AppError('validation_failed', `${input.fileName}: only PDF, JPEG and PNG files are accepted`, { field: `${field}.contentType` });
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.data)) {
      throw new AppError('validation_failed', `${input.fileName}: data must be base64`, { field: `${field}.data` });
    }
    const bytes = Buffer.from(input.data, 'base64');
    if (bytes.length === 0) throw new AppError('validation_failed', `${input.fileName} is empty`, { field: `${field}.data` });
    if (bytes.length > ATTACHMENT_LIMITS.maxBytes) {
      const mb = (bytes.length / 1024 / 1024).toFixed(1);
      throw new AppError('payload_too_large', `${input.fileName} is ${mb} MB; each attachment may be at most 5 MB`, { field, details: { sizeBytes: bytes.length, maxBytes: ATTACHMENT_LIMITS.maxBytes } });
    }
    if (!MAGIC[input.contentType](bytes)) {
      throw new AppError('validation_failed', `${input.fileName} is not a ${input.contentType} file`, { field: `${field}.data` });
    }
    const content = new Uint8Array(new ArrayBuffer(bytes.length));
    content.set(bytes);
    return {
      fileName: input.fileName, contentType: input.contentType, sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'), content,
    };
  });
}
