import type { FormItemRule, FormRules } from 'element-plus';
import { isApiError } from '#/api/api-error';
import { PASSWORD_CHANGE_ERROR_CODES } from '#/api/auth';
import { formatLockedUntil } from '#/views/login/data';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The policy's shortest password (the API's, stated on the page and checked before sending). */
export const PASSWORD_MIN_LENGTH = 12;

export interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The API's `details.reason` of a refused new password → the message key saying it in words. */
const REJECTION_KEYS: Record<string, string> = {
  too_short: 'password.errors.tooShort',
  too_long: 'password.errors.tooLong',
  too_common: 'password.errors.tooCommon',
  contains_username: 'password.errors.containsUsername',
  reused: 'password.errors.reused',
};

/** Every field required, the new password long enough and typed the same twice; the server decides the rest. */
export function buildPasswordRules(t: Translate, form: PasswordForm): FormRules<PasswordForm> {
  const sameAsNew: FormItemRule['validator'] = (_rule, value: string, callback) => {
    callback(value === form.newPassword ? undefined : new Error(t('password.mismatch')));
  };
  return {
    currentPassword: [{ required: true, message: t('password.currentRequired'), trigger: 'blur' }],
    newPassword: [
      { required: true, message: t('password.newRequired'), trigger: 'blur' },
      { min: PASSWORD_MIN_LENGTH, message: t('password.tooShortHint'), trigger: 'blur' },
    ],
    confirmPassword: [
      { required: true, message: t('password.confirmRequired'), trigger: 'blur' },
      { validator: sameAsNew, trigger: 'blur' },
    ],
  };
}

/** The API's error body carries the reason and the lockout end under `details`. */
function detailOf(error: { details: Readonly<Record<string, unknown>> }, key: string): unknown {
  const nested = error.details.details;
  if (nested && typeof nested === 'object' && key in nested) return (nested as Record<string, unknown>)[key];
  return error.details[key];
}

/**
 * The form's message for a refused change, in words, or null when the request client already
 * showed the failure (a network error, …).
 */
export function describePasswordError(error: unknown, t: Translate, locale: string): string | null {
  if (!isApiError(error)) return null;
  if (error.code === PASSWORD_CHANGE_ERROR_CODES.currentWrong) return t('password.errors.currentWrong');
  if (error.code === PASSWORD_CHANGE_ERROR_CODES.rejected) {
    const reason = detailOf(error, 'reason');
    const key = typeof reason === 'string' ? REJECTION_KEYS[reason] : undefined;
    return t(key ?? 'password.errors.rejected');
  }
  if (error.code === PASSWORD_CHANGE_ERROR_CODES.accountLocked) {
    const time = formatLockedUntil(detailOf(error, 'lockedUntil'), locale);
    return time ? t('login.accountLocked', { time }) : t('login.accountLockedNoTime');
  }
  return null;
}
