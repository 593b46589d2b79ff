/** Pure helpers of the public mailbox pages (tested in data.test.ts). */
import { formatTime } from '#/utils/format-time';
import { ApiError } from '#/api/api-error';

export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const ACCEPTED_TYPES: Record<string, string> = {
  'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png',
};
export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The first reason these files cannot be sent, or null (the server checks again). */
export function checkFiles(files: readonly { name: string; size: number; type: string }[], t: Translate): string | null {
  if (files.length > MAX_FILES) return t('mailbox.tooManyFiles');
  for (const file of files) {
    if (!ACCEPTED_TYPES[file.type]) return t('mailbox.fileWrongType', { name: file.name });
    if (file.size > MAX_FILE_BYTES) return t('mailbox.fileTooLarge', { name: file.name });
  }
  return null;
}

/** Base64 of bytes, in slices so large files do not overflow the argument list. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** What the form shows for a refusal the page handles itself. */
export function describeLetterError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  if (error.code === 'rate_limited') return t('mailbox.rateLimited');
  if (error.code === 'not_found') return t('mailbox.notFound');
  return t('mailbox.refused', { message: error.message || t('errors.validation_failed') });
}

/** `2026-03-05T09:30:00Z` → `2026-03-05 17:30`, the centre's time (one format across the console). */
export function formatDateTime(iso: string | null, locale: string): string {
  return formatTime(iso, locale, 'minutes') || '—';
}
