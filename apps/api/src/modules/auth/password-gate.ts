/**
 * A session signed in with a one-time password (a reset, a bulk import) may do nothing but change
 * it: every route answers 403 `password_change_required` except those that declare
 * `config.openWhilePasswordChange` (the session probe, /me, the change itself, sign-out). A demo
 * account never carries the flag, so tests and the demo sign in and work at once.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to a session that must still change its one-time password. */
    openWhilePasswordChange?: boolean;
  }
}

/** The refusal for this request, or null when it may go on. */
export function checkPasswordGate(request: FastifyRequest): AppError | null {
  if (!request.actor?.mustChangePassword) return null;
  if (request.routeOptions.config?.openWhilePasswordChange) return null;
  return new AppError('password_change_required', 'Change the one-time password before anything else');
}
