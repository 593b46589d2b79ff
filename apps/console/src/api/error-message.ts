import type { ApiError } from './api-error';

interface Translator {
  t: (key: string) => string;
  te: (key: string) => boolean;
}

/**
 * The text a user reads for a failed request: our own translation of the code when we have
 * one (the server's message may be in the other language), else the server's message, else a
 * generic line. 5xx messages are never shown verbatim.
 */
export function describeApiError(error: Pick<ApiError, 'code' | 'message' | 'status'>, { t, te }: Translator): string {
  const key = `errors.${error.code}`;
  if (te(key)) return t(key);
  if (error.status >= 500) return t('errors.internal_error');
  return error.message.trim() || t('errors.unknown');
}
