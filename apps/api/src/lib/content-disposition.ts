/**
 * `Content-Disposition: attachment` for a file name in any script. Browsers read the RFC 5987
 * `filename*` (UTF-8, percent-encoded: 来信照片.png survives); the plain `filename` is an ASCII
 * fallback for old clients, with anything else — quotes and backslashes included — as `_`.
 * Path separators and control characters never reach either form.
 */
const RFC5987_EXTRA = /['()*]/g;

/** The header value that makes the browser save `fileName` rather than show it. */
export function attachmentDisposition(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim() || 'attachment';
  const fallback = safe.replace(/[^\x20-\x7e]|["%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(RFC5987_EXTRA, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
