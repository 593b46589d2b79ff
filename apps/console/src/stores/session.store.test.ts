import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCookieFetch, startApiTestServer, type ApiTestServer } from '../../test/api-test-server';
import { requestClient } from '#/api/client';
import { useSessionStore } from './session.store';

let server: ApiTestServer;
const LOCKED_UNTIL = '2030-01-02T03:04:05.000Z';

beforeAll(async () => {
  server = await startApiTestServer([
    { username: 'agent-1', password: 'right-pass', displayName: '话务员一', roles: ['agent'] },
    { username: 'lead-1', password: 'lead-pass', displayName: '值班长', roles: ['shift_lead', 'dispatcher'] },
    { username: 'locked-1', password: 'x', displayName: 'Locked', roles: ['agent'], lockedUntil: LOCKED_UNTIL },
    { username: 'talking-1', password: 'talk-pass', displayName: '通话中的话务员', roles: ['agent'], onCall: true },
  ]);
});
afterAll(() => server.close());

beforeEach(() => {
  // a fresh "browser" per test: new pinia, empty cookie jar, no CSRF token
  setActivePinia(createPinia());
  requestClient.configure({ baseUrl: server.baseUrl, fetch: createCookieFetch() });
  requestClient.setCsrfToken(null);
});

describe('session store', () => {
  it('fetchMe without a session resolves to null and marks the session checked', async () => {
    const session = useSessionStore();
    expect(session.isChecked).toBe(false);
    await expect(session.fetchMe()).resolves.toBeNull();
    expect(session.isChecked).toBe(true);
    expect(session.isAuthenticated).toBe(false);
    // public pages probe with a request that does not fail (no 401 in the browser console)
    expect(server.requests.at(-1)?.url).toBe('/api/auth/session');
  });

  it('login keeps the user, and the cookie session is seen by fetchMe', async () => {
    const session = useSessionStore();
    const user = await session.login('agent-1', 'right-pass');
    expect(user.displayName).toBe('话务员一');
    expect(session.isAuthenticated).toBe(true);
    session.clearSession();
    const again = await session.fetchMe();
    expect(again?.username).toBe('agent-1');
  });

  it('hasRole answers for any of the given roles', async () => {
    const session = useSessionStore();
    expect(session.hasRole('agent')).toBe(false);
    await session.login('lead-1', 'lead-pass');
    expect(session.hasRole('dispatcher')).toBe(true);
    expect(session.hasRole('auditor', 'shift_lead')).toBe(true);
    expect(session.hasRole('auditor', 'admin')).toBe(false);
  });

  it('a wrong password rejects with invalid_credentials and keeps no user', async () => {
    const session = useSessionStore();
    await expect(session.login('agent-1', 'wrong')).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(session.user).toBeNull();
  });

  it('a locked account rejects with account_locked and the lock end', async () => {
    const session = useSessionStore();
    const error = await session.login('locked-1', 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 423, code: 'account_locked' });
    expect((error as { details: Record<string, unknown> }).details.lockedUntil).toBe(LOCKED_UNTIL);
  });

  it('logout sends the CSRF token, ends the server session and clears the user', async () => {
    const session = useSessionStore();
    await session.login('agent-1', 'right-pass');
    await session.logout();
    const logoutRequest = server.requests.at(-1);
    expect(logoutRequest?.url).toBe('/api/auth/logout');
    expect(logoutRequest?.headers['x-csrf-token']).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.user).toBeNull();
    await expect(session.fetchMe()).resolves.toBeNull();
  });

  it('logout refused during a call keeps the user signed in and says why, without a generic toast', async () => {
    const session = useSessionStore();
    const toasts: string[] = [];
    requestClient.configure({ onError: (error) => toasts.push(error.code) });
    try {
      await session.login('talking-1', 'talk-pass');
      await expect(session.logout()).resolves.toBe('agent_in_call');
      expect(session.user?.username).toBe('talking-1');
      expect(toasts).toEqual([]);
      await expect(session.fetchMe()).resolves.toMatchObject({ username: 'talking-1' });
    } finally {
      requestClient.configure({ onError: () => {} });
    }
  });

  it('logout resolves to null once the session has ended', async () => {
    const session = useSessionStore();
    await session.login('agent-1', 'right-pass');
    await expect(session.logout()).resolves.toBeNull();
  });

  it('an expired session on the server reads as logged out', async () => {
    const session = useSessionStore();
    await session.login('agent-1', 'right-pass');
    server.expireAllSessions();
    await expect(session.fetchMe()).resolves.toBeNull();
    expect(session.isAuthenticated).toBe(false);
  });

  it('logout clears the local session even when the server is unreachable', async () => {
    const session = useSessionStore();
    await session.login('agent-1', 'right-pass');
    requestClient.configure({ baseUrl: 'http://127.0.0.1:1/api' });
    await expect(session.logout()).rejects.toMatchObject({ code: 'network_error' });
    expect(session.user).toBeNull();
  });
});
