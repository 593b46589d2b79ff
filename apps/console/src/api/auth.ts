import type { Role } from '@yixian/domain';
import { requestClient } from './client';

/** Where the account may see and act: `all` for district-wide roles, else the listed ids. */
export interface UserScope {
  all: boolean;
  areaIds: string[];
  unitIds: string[];
  categoryIds: string[];
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  scope: UserScope;
  unitId: string | null;
  areaId: string | null;
}

export interface SessionPayload {
  user: SessionUser;
  csrfToken: string;
}

/** Error codes of the login form, shown inline rather than as a toast. */
export const LOGIN_ERROR_CODES = {
  invalidCredentials: 'invalid_credentials',
  accountLocked: 'account_locked',
} as const;

/** Starts a session; the server sets the HttpOnly cookie, we keep the CSRF token. */
export function loginWithPassword(body: { username: string; password: string }): Promise<SessionPayload> {
  return requestClient.post<SessionPayload>('/auth/login', body, {
    handledCodes: Object.values(LOGIN_ERROR_CODES),
    skipAuthRedirect: true,
  });
}

/** Probes the current session at start-up; a 401 here just means "show login". */
export function getCurrentSession(): Promise<SessionPayload> {
  return requestClient.get<SessionPayload>('/auth/me', {
    handledCodes: ['unauthenticated', 'session_expired'],
    skipAuthRedirect: true,
  });
}

/** Ends the session on the server (204). */
export function logoutSession(): Promise<void> {
  return requestClient.post<void>('/auth/logout', undefined, { skipAuthRedirect: true });
}
