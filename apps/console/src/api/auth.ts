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
  /** Signed in with a one-time password (a reset): nothing but changing it is open until it is changed. */
  mustChangePassword: boolean;
}

/**
 * What a sign-in still owes: a second-factor code (`mfa_code`) or, for a role that requires one,
 * setting it up (`mfa_enrol`). Null on a full session.
 */
export type SignInStep = 'mfa_code' | 'mfa_enrol';

export interface SessionPayload {
  user: SessionUser;
  csrfToken: string;
  step: SignInStep | null;
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

/**
 * Probes the current session at start-up: null when nobody is signed in. The probe route is
 * public and answers 200 either way, so public pages make no failing request.
 */
export async function getCurrentSession(): Promise<SessionPayload | null> {
  const answer = await requestClient.get<{ session: SessionPayload | null }>('/auth/session', { skipAuthRedirect: true });
  return answer.session;
}

/** The one refusal of a sign-out: 409 `conflict`, an agent on a call (`details.reason` `agent_in_call`). */
export const LOGOUT_REFUSED_CODE = 'conflict';

/**
 * Ends the session on the server (204). An agent is taken out of the queue first; while the PBX
 * says the agent is on a call the server refuses (409 `conflict`, reason `agent_in_call`) and
 * the session stays: the caller shows why.
 */
export function logoutSession(): Promise<void> {
  return requestClient.post<void>('/auth/logout', undefined, { skipAuthRedirect: true, handledCodes: [LOGOUT_REFUSED_CODE] });
}

/**
 * Codes a password change is refused with, shown on the form: the current password is wrong
 * (400, five in a row lock: 423 `account_locked`), or the new one breaks the policy (400
 * `password_rejected`, `details.reason`: too_short, too_long, too_common, contains_username, reused).
 */
export const PASSWORD_CHANGE_ERROR_CODES = {
  currentWrong: 'current_password_wrong',
  rejected: 'password_rejected',
  accountLocked: 'account_locked',
} as const;

/** Changes the signed-in user's own password (204); the user's other sessions end, this one stays. */
export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return requestClient.post<void>('/auth/password', body, { handledCodes: Object.values(PASSWORD_CHANGE_ERROR_CODES) });
}
