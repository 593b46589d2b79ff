import type { Role } from '@yixian/domain';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isApiError } from '#/api/api-error';
import { LOGOUT_REFUSED_CODE, getCurrentSession, loginWithPassword, logoutSession, type SessionPayload, type SessionUser, type SignInStep } from '#/api/auth';
import { requestClient } from '#/api/client';
import { clearAllFormDrafts } from '#/composables/use-form-draft';
import { deskErrorOf } from './active-call';

/**
 * Who is signed in. The session itself lives in an HttpOnly cookie; this store keeps the user
 * the server vouched for and hands the CSRF token to the request client.
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  /** What the sign-in still owes (a second-factor code or its enrolment); null once it is a full session. */
  const step = ref<SignInStep | null>(null);
  /** False until the first `fetchMe` answered, so the router waits for it once. */
  const isChecked = ref(false);
  const isAuthenticated = computed(() => user.value !== null && step.value === null);
  /** True while this tab signs out: the live socket's close that follows is expected, not news. */
  const isSigningOut = ref(false);
  const roles = computed<readonly Role[]>(() => user.value?.roles ?? []);

  /** Takes a session the server answered (sign-in, a second factor entered, an enrolment confirmed). */
  function applySession(payload: SessionPayload): SessionUser {
    user.value = payload.user;
    step.value = payload.step ?? null;
    requestClient.setCsrfToken(payload.csrfToken);
    isChecked.value = true;
    return payload.user;
  }

  /** Forgets the user locally (after logout or when the server says the session is gone). */
  function clearSession(): void {
    user.value = null;
    step.value = null;
    requestClient.setCsrfToken(null);
  }

  /** Rejects with ApiError (`invalid_credentials`, `account_locked`, …) for the form to show. */
  async function login(username: string, password: string): Promise<SessionUser> {
    return applySession(await loginWithPassword({ username, password }));
  }

  /** Resolves to the user, or null when there is no valid session; other failures reject. */
  async function fetchMe(): Promise<SessionUser | null> {
    const payload = await getCurrentSession();
    if (payload) return applySession(payload);
    clearSession();
    isChecked.value = true;
    return null;
  }

  /**
   * Ends the session and resolves to null. When the server refuses (an agent on a call: 409,
   * reason `agent_in_call`) the user stays signed in and it resolves to that reason, for the menu
   * to say. Any other failure still clears the local state (the server may be unreachable).
   */
  async function logout(): Promise<string | null> {
    isSigningOut.value = true;
    try {
      await logoutSession();
    } catch (error) {
      if (isApiError(error) && error.code === LOGOUT_REFUSED_CODE) return deskErrorOf(error);
      clearSession();
      clearAllFormDrafts();
      throw error;
    } finally {
      isSigningOut.value = false;
    }
    clearSession();
    // A signed-out tab keeps no one's unsent forms for the next person.
    clearAllFormDrafts();
    return null;
  }

  /** True when the user holds any of the given roles. */
  function hasRole(...wanted: Role[]): boolean {
    return wanted.some((role) => roles.value.includes(role));
  }

  return { user, step, isChecked, isAuthenticated, isSigningOut, roles, login, fetchMe, logout, hasRole, applySession, clearSession };
});
