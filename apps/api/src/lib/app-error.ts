/**
 * The one application error. `code` is stable and documented in ERROR_CODES; the HTTP status
 * comes from the table, so a route never picks a status by hand.
 */
export const ERROR_CODES = {
  /** A field is missing, of the wrong type, unknown, or out of range. */
  validation_failed: 400,
  /** The referenced id or record does not exist (or is outside the caller's scope). */
  not_found: 404,
  /** No session, or the cookie does not name a live one. */
  unauthenticated: 401,
  /** The session ended through idle time. */
  session_expired: 401,
  /** Wrong username or password (the same answer for both). */
  invalid_credentials: 401,
  /** Too many failed logins; retry after `lockedUntil`. */
  account_locked: 423,
  /** A second-factor (TOTP or recovery) code that is wrong, expired or already used; counts like a wrong password. */
  invalid_mfa_code: 401,
  /** The session still owes its second-factor code: only that (and sign-out) is possible. */
  mfa_required: 403,
  /** The account's role signs in with a second factor and has none yet: only enrolment (and sign-out) is possible. */
  mfa_enrolment_required: 403,
  /** The account is disabled by an administrator. */
  account_disabled: 403,
  /** The caller's role may not use this route or action. */
  forbidden: 403,
  /** A state-changing request without the session's CSRF header. */
  csrf_failed: 403,
  /** The session signed in with a one-time password: only `POST /api/auth/password` (and sign-out) is open until it is changed. */
  password_change_required: 403,
  /** The current password given with a password change is wrong (five in a row lock the account, 423). */
  current_password_wrong: 400,
  /** The new password breaks the policy; `details.reason`: too_short, too_long, too_common, contains_username or reused. */
  password_rejected: 400,
  /** The record is in a state that does not allow the action. */
  conflict: 409,
  /** The record changed since the caller read it: the `version` sent is not the current one (issue 16's incidents and warnings). */
  stale: 409,
  /** The body is larger than the configured limit. */
  payload_too_large: 413,
  /** The request's content type is not JSON. */
  unsupported_media_type: 415,
  /** A byte range outside the file (a recording); `Content-Range: bytes *\/<size>` names its size. */
  range_not_satisfiable: 416,
  /** Too many requests from this client. */
  rate_limited: 429,
  /** The PBX refused a command (its message is passed on). */
  pbx_rejected: 502,
  /** No bridge ran the command in time (the PBX or its bridge is away). */
  pbx_unavailable: 504,
  /** A dependency (database, Redis) is down. */
  service_unavailable: 503,
  /** Anything unexpected; the message is never shown. */
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERROR_CODES[code];
  }
}
