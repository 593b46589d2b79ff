import { isApiError } from '#/api/api-error';
import { formatLockedUntil } from '#/views/login/data';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The inline message for a refused second-factor code, or null when the client already showed it. */
export function describeMfaError(error: unknown, t: Translate, locale: string): string | null {
  if (!isApiError(error)) return null;
  if (error.code === 'invalid_mfa_code' || error.code === 'validation_failed') return t('mfa.invalidCode');
  if (error.code === 'account_locked') {
    const time = formatLockedUntil(error.details.lockedUntil, locale);
    return time ? t('login.accountLocked', { time }) : t('login.accountLockedNoTime');
  }
  return null;
}

/** The base32 key in groups of four, as authenticator apps show it (spaces are ignored when typed). */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** The text file of recovery codes offered for download: a title, the account, one code per line. */
export function buildRecoveryCodesFile(title: string, username: string, codes: readonly string[]): string {
  return [title, username, '', ...codes, ''].join('\n');
}
