/**
 * The phone app opened without signal: the session the server last vouched for is kept on the
 * phone (with the inbox and tickets, dropped at sign-out), so the worker reads what was loaded and
 * queues reports and replies; the server checks the session again on every request once the
 * signal returns (an ended session sends the worker to sign in, the outbox waiting).
 */
import { isApiError } from '#/api/api-error';
import type { SessionPayload } from '#/api/auth';
import { requestClient } from '#/api/client';
import type { useSessionStore } from '#/stores/session.store';
import { isLostAnswer } from '../views/report/data';
import { readAnswer, saveAnswer } from './answers';

const SESSION_KEY = 'session';
const KEPT_FOR = '';

type SessionStore = ReturnType<typeof useSessionStore>;

function fetchSession(): Promise<{ session: SessionPayload | null }> {
  return requestClient.get<{ session: SessionPayload | null }>('/auth/session', { skipAuthRedirect: true, handledCodes: ['network_error', 'timeout'] });
}

/**
 * The router's first check: the server's answer (kept for offline starts), or without signal the
 * kept one. Never rejects: an unknown session is none.
 */
export async function checkPhoneSession(session: SessionStore): Promise<void> {
  try {
    const { session: payload } = await fetchSession();
    if (payload) {
      session.applySession(payload);
      if (payload.step === null) await saveAnswer(SESSION_KEY, KEPT_FOR, payload);
    } else {
      await session.fetchMe();
    }
  } catch (error) {
    const kept = isApiError(error) && isLostAnswer(error) ? await readAnswer<SessionPayload>(SESSION_KEY, KEPT_FOR) : null;
    if (kept) session.applySession(kept.data);
  }
}

/** After a sign-in: keeps the new session for the next offline start (nothing when there is no signal). */
export async function keepPhoneSession(): Promise<void> {
  try {
    const { session: payload } = await fetchSession();
    if (payload && payload.step === null) await saveAnswer(SESSION_KEY, KEPT_FOR, payload);
  } catch {
    // No signal: the next start online keeps it.
  }
}
