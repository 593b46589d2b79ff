/**
 * An upload's or an act's refusal of a file, in words. The API's 400 names the file
 * (`files.<n>`) and says in its details what is wrong: `maxBytes` (too big), `detected` (the
 * type read from the bytes: none, not accepted, HEIC, or an image that does not decode),
 * `maxFiles` (too many for one act).
 */
import type { ApiError } from '#/api/api-error';
import { describeApiError } from '#/api/error-message';
import { formatFileSize } from '../data';

type Translate = { t: (key: string, values?: Record<string, unknown>) => string; te: (key: string) => boolean };

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function describeUploadError(
  error: Pick<ApiError, 'code' | 'message' | 'status'> & Partial<Pick<ApiError, 'field' | 'details'>>,
  fileName: string | null,
  translate: Translate,
): string {
  const { t, te } = translate;
  const inner = error.details?.details;
  const details = (inner && typeof inner === 'object' ? inner : {}) as Record<string, unknown>;
  const reason = describeApiError(error, { t: (key) => t(key), te });
  if (error.code !== 'validation_failed') return fileName ? t('ticket.files.failed', { name: fileName, reason }) : reason;
  if (typeof details.maxFiles === 'number') return t('ticket.files.tooMany', { max: details.maxFiles });
  if (!fileName) return reason;
  if (typeof details.maxBytes === 'number') return t('ticket.files.tooBig', { name: fileName, max: formatFileSize(details.maxBytes) });
  if ('detected' in details) {
    const detected = typeof details.detected === 'string' ? details.detected : '';
    if (/^image\/(heic|heif)/.test(detected)) return t('ticket.files.heic', { name: fileName });
    if (IMAGE_TYPES.includes(detected)) return t('ticket.files.notReadable', { name: fileName });
    return t('ticket.files.wrongType', { name: fileName });
  }
  return t('ticket.files.refused', { name: fileName, reason });
}

/** Whether a stored attachment is shown as a photo (it has a thumbnail) rather than a download link. */
export function isPhoto(attachment: { hasThumbnail: boolean }): boolean {
  return attachment.hasThumbnail;
}
