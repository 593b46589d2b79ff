/**
 * Passwords: a user's own change (policy, history, other sessions ended, audited), an
 * administrator's reset (a one-time password that must be changed before anything else) and unlock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, login, TEST_PASSWORD, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PBX_COMMAND_TIMEOUT_MS: '300' });
});
afterAll(async () => t?.close());

const change = (session: Session, currentPassword: string, newPassword: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session.headers, payload: { currentPassword, newPassword } });
const me = (session: Session) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
const tryLogin = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('changing one\'s own password', () => {
  it('takes the current and a new password, ends the other sessions, keeps this one, and audits it', async () => {
    const here = await login(t.app, 'demo-dispatcher');
    const elsewhere = await login(t.app, 'demo-dispatcher');
    const response = await change(here, TEST_PASSWORD, 'tide-lantern-orchard-47');
    expect(response.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await tryLogin('demo-dispatcher', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await tryLogin('demo-dispatcher', 'tide-lantern-orchard-47')).statusCode).toBe(200);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dispatcher' } });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.password_change', actorId: user.id, outcome: 'allowed' } });
    expect(audit.details).toMatchObject({ otherSessionsEnded: 1 });
    expect(JSON.stringify(audit, (_, value) => (typeof value === 'bigint' ? String(value) : value))).not.toContain('tide-lantern');
  });

  it('needs the CSRF header', async () => {
    const session = await login(t.app, 'demo-commander');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: session.cookie }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'tide-lantern-orchard-47' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('refuses a short, common or username-holding password, naming the reason, and changes nothing', async () => {
    const session = await login(t.app, 'demo-street');
    const before = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-street' } });
    for (const [password, reason] of [['short-pw-1', 'too_short'], ['qwerty123456', 'too_common'], ['password2024!', 'too_common'], ['demo-street-2026!', 'contains_username']] as const) {
      const response = await change(session, TEST_PASSWORD, password);
      expect(response.statusCode, password).toBe(400);
      expect(response.json(), password).toMatchObject({ code: 'password_rejected', field: 'newPassword', details: { reason } });
    }
    const after = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-street' } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.password_change', actorId: before.id, outcome: 'denied' } })).toBe(4);
  });

  it('refuses any of the last five passwords, and takes the sixth back', async () => {
    const session = await login(t.app, 'demo-lead');
    const passwords = [TEST_PASSWORD, 'amber-falcon-river-01', 'amber-falcon-river-02', 'amber-falcon-river-03', 'amber-falcon-river-04', 'amber-falcon-river-05'];
    for (let i = 1; i < passwords.length; i++) expect((await change(session, passwords[i - 1]!, passwords[i]!)).statusCode).toBe(204);
    for (const old of passwords.slice(1)) {
      const response = await change(session, passwords.at(-1)!, old);
      expect(response.json(), old).toMatchObject({ code: 'password_rejected', details: { reason: 'reused' } });
    }
    expect((await change(session, passwords.at(-1)!, TEST_PASSWORD)).statusCode).toBe(204);
  });

  it('answers a wrong current password with 400, and locks the account after five', async () => {
    const session = await login(t.app, 'demo-auditor');
    for (let i = 0; i < 4; i++) {
      const response = await change(session, 'not-my-password', 'tide-lantern-orchard-47');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'current_password_wrong', field: 'currentPassword' });
    }
    const fifth = await change(session, 'not-my-password', 'tide-lantern-orchard-47');
    expect(fifth.statusCode).toBe(423);
    expect((await me(session)).statusCode).toBe(401);
    expect((await tryLogin('demo-auditor', TEST_PASSWORD)).statusCode).toBe(423);
  });
});

describe('an administrator\'s reset and unlock', () => {
  it('gives a one-time password; the session can only change it, then works', async () => {
    const admin = await login(t.app, 'demo-admin');
    const agentBefore = await login(t.app, 'demo-agent');
    const agent = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } });
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${agent.id}/reset-password`, headers: admin.headers });
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { oneTimePassword } = reset.json<{ oneTimePassword: string }>();
    expect(oneTimePassword).toHaveLength(19);
    expect((await me(agentBefore)).statusCode).toBe(401);
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.password_reset', resourceId: agent.id, outcome: 'allowed' } })).toBe(1);

    const signIn = await tryLogin('demo-agent', oneTimePassword);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.mustChangePassword).toBe(true);
    const session: Session = { cookie: cookieFrom(signIn), csrfToken: signIn.json().csrfToken, headers: { cookie: cookieFrom(signIn), 'x-csrf-token': signIn.json().csrfToken } };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/hotlines', headers: { cookie: session.cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'password_change_required' });
    expect((await me(session)).json().user.mustChangePassword).toBe(true);
    expect((await change(session, oneTimePassword, oneTimePassword)).json()).toMatchObject({ details: { reason: 'reused' } });

    expect((await change(session, oneTimePassword, 'copper-meadow-signal-88')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/hotlines', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    // The user's own earlier password is in the history; the one-time one did not push it out.
    expect((await change(session, 'copper-meadow-signal-88', TEST_PASSWORD)).json()).toMatchObject({ details: { reason: 'reused' } });
  });

  it('unlocks a locked account, audited; only an administrator may reset or unlock', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('demo-grid', 'wrong');
    expect((await tryLogin('demo-grid', TEST_PASSWORD)).statusCode).toBe(423);
    const grid = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-grid' } });
    const lead = await login(t.app, 'demo-commander');
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${grid.id}/unlock`, headers: lead.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${grid.id}/reset-password`, headers: lead.headers })).statusCode).toBe(403);
    const admin = await login(t.app, 'demo-admin');
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${grid.id}/unlock`, headers: admin.headers })).statusCode).toBe(204);
    expect((await tryLogin('demo-grid', TEST_PASSWORD)).statusCode).toBe(200);
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.unlock', resourceId: grid.id } })).toBe(1);
    const missing = await t.app.inject({ method: 'POST', url: '/api/users/00000000-0000-0000-0000-000000000000/reset-password', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
  });
});
