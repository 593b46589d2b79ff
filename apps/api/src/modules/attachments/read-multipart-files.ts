/**
 * Reads the file parts of a multipart upload into memory, each at most `maxBytes` and at most
 * `maxFiles` of them (busboy stops reading past either). @fastify/multipart's own 406 / 413
 * answers become 400s naming what is wrong; a text field is refused (the act goes in the query).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentsConfig } from '../../config/config.js';
import { formatBytes, type UploadedFile } from './prepare-file.js';

const MAX_NAME_LENGTH = 200;

/** The uploader's file name, kept for the download only: no folders, no control characters, bounded. */
function cleanFileName(raw: string | undefined, index: number): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || `file-${index + 1}`).slice(0, MAX_NAME_LENGTH);
}

export async function readMultipartFiles(request: FastifyRequest, limits: AttachmentsConfig): Promise<UploadedFile[]> {
  if (!request.isMultipart()) {
    throw new AppError('validation_failed', 'Send the files as multipart/form-data, one file part each', { field: 'files' });
  }
  const files: UploadedFile[] = [];
  let current = '';
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 0, parts: limits.maxFiles } })) {
      if (part.type !== 'file') throw new AppError('validation_failed', `Only file parts are read; "${part.fieldname}" is a text field`, { field: part.fieldname });
      current = cleanFileName(part.filename, files.length);
      files.push({ fileName: current, bytes: await part.toBuffer() });
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('validation_failed', `${current} is larger than ${formatBytes(limits.maxBytes)}`, { field: `files.${files.length}`, details: { maxBytes: limits.maxBytes } });
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new AppError('validation_failed', `At most ${limits.maxFiles} files at once`, { field: 'files', details: { maxFiles: limits.maxFiles } });
    }
    if (code === 'FST_FIELDS_LIMIT') throw new AppError('validation_failed', 'Only file parts are read; name the act in the query (act=…)', { field: 'files' });
    throw error;
  }
  return files;
}
