import { formatTime } from '#/utils/format-time';
import type { FormRules } from 'element-plus';
import { isApiError } from '#/api/api-error';
import { LOGIN_ERROR_CODES } from '#/api/auth';

type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface LoginForm {
  username: string;
  password: string;
}

/** Both fields are required; the server decides everything else. */
export function buildLoginRules(t: Translate): FormRules<LoginForm> {
  return {
    username: [{ required: true, whitespace: true, message: t('login.usernameRequired'), trigger: 'blur' }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: 'blur' }],
  };
}

/** A lockout end at the centre's clock, e.g. "2025-03-01 14:05" (the one time format of the console). */
export function formatLockedUntil(value: unknown, locale: string): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return formatTime(date, locale, 'minutes');
}

/**
 * The inline message for a failed login, or null when the failure is not the form's business
 * (the request client already showed it, e.g. a network error).
 */
export function describeLoginError(error: unknown, t: Translate, locale: string): string | null {
  if (!isApiError(error)) return null;
  if (error.code === LOGIN_ERROR_CODES.invalidCredentials) return t('login.invalidCredentials');
  if (error.code === LOGIN_ERROR_CODES.accountLocked) {
    const time = formatLockedUntil(error.details.lockedUntil, locale);
    return time ? t('login.accountLocked', { time }) : t('login.accountLockedNoTime');
  }
  return null;
}
