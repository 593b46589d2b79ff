/**
 * Codes the client itself produces when the server never answered with its own error body.
 * Server codes (`invalid_credentials`, `session_expired`, …) pass through unchanged.
 */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  timeout: 'timeout',
  badResponse: 'bad_response',
  /** The caller cancelled the request (a newer one replaced it): never shown. */
  aborted: 'aborted',
} as const;

/** Codes that mean "the session is gone": the client sends the user to login. */
export const UNAUTHENTICATED_CODES: readonly string[] = ['unauthenticated', 'session_expired'];

/** The error every API call rejects with; `code` is what views branch on, never `message`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The whole error body, for extra fields such as `lockedUntil`. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: { status: number; code: string; message: string; field?: string | undefined; details?: Record<string, unknown> }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.details = init.details ?? {};
  }
}

/** Narrows an unknown rejection to an ApiError (views catch `unknown`). */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True when the error means the user must log in again. */
export function isUnauthenticatedError(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 401 && UNAUTHENTICATED_CODES.includes(error.code);
}
