import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLIDE_STEP_MS, hashSessionId } from '../src/modules/auth/session-store.js';
import { createTestApp, login, TEST_PASSWORD, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // No bridge runs here: an agent's sign-out that asks the PBX gives up after this long.
  t = await createTestApp({ PBX_COMMAND_TIMEOUT_MS: '300', LOGIN_RATE_LIMIT: '20' });
});
afterAll(async () => t?.close());

const loginAs = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns user, roles and scope', async () => {
    const response = await loginAs('demo-grid', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^yx_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'demo-grid', roles: ['grid_member'], unitId: 'gt-s01g01' });
    expect(body.user.scope).toEqual({ all: false, areaIds: ['s01g01'], unitIds: ['gt-s01g01'], categoryIds: [] });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const wrong = await loginAs('demo-agent', 'not-the-password');
    const unknown = await loginAs('no-such-user', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it('names the missing or unknown field and writes nothing', async () => {
    const before = await t.prisma.auditLog.count();
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-agent' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'validation_failed', field: 'password' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(unknown.json()).toMatchObject({ code: 'validation_failed', field: 'admin' });
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 5, password: [] } });
    expect(wrongType.statusCode).toBe(400);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    const huge = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y'.repeat(2 * 1024 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'payload_too_large' });
    expect(await t.prisma.auditLog.count()).toBe(before);
  });
});

describe('lockout', () => {
  it('locks an account for five minutes after five failures, from that address only', async () => {
    const from = (remoteAddress: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'demo-lead', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await from('192.0.2.66', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const locked = await from('192.0.2.66', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'account_locked', details: { lockedUntil: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString() } });
    const user = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-lead' } });
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.lockout', actorId: user.id } })).toBe(1);

    // Someone else's failures do not lock the owner out at their own desk.
    expect((await from('198.51.100.20', TEST_PASSWORD)).statusCode).toBe(200);

    t.clock.advance(5 * 60_000 + 1);
    expect((await from('192.0.2.66', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an unknown username the same way, so lockout does not reveal accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginAs('ghost-user', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
  });
});

describe('per-client sign-in limit', () => {
  it('answers 429 with Retry-After past LOGIN_RATE_LIMIT attempts a minute from one address, and audits it once', async () => {
    const attempt = (remoteAddress: string, username: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password: 'wrong' } });
    const statuses: number[] = [];
    // Different accounts, so the per-pair lockout never answers: only the address's limit can.
    for (let i = 0; i < 60; i++) statuses.push((await attempt('203.0.113.50', `guess-${i % 4}-${i}`)).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    const limited = await attempt('203.0.113.50', 'guess-x');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('try again in') });
    expect(await t.prisma.auditLog.count({ where: { action: 'access.rate_limited', ip: '203.0.113.50' } })).toBe(1);

    // Another address is not affected.
    expect((await attempt('203.0.113.51', 'guess-y')).statusCode).toBe(401);
  });
});

describe('session', () => {
  it('returns the user from /me and ends the session on logout', async () => {
    const session = await login(t.app, 'demo-agent');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(session.csrfToken);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers the public session probe with 200 whether or not someone is signed in', async () => {
    const anonymous = await t.app.inject({ url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ session: null });
    const session = await login(t.app, 'demo-agent');
    const signedIn = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().session).toMatchObject({ csrfToken: session.csrfToken, user: { username: 'demo-agent' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie } })).json()).toEqual({ session: null });
  });

  it('expires after 30 idle minutes but not while in use', async () => {
    const session = await login(t.app, 'demo-dispatcher');
    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    t.clock.advance(30 * 60_000 + 1);
    const expired = await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'session_expired' });
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.session_expired' } })).toBeGreaterThan(0);
  });

  it('writes the idle window again only when it moved by the slide step, and counts idle time from that write', async () => {
    const session = await login(t.app, 'demo-agent');
    const sid = decodeURIComponent(/yx_sid=([^;]+)/.exec(session.cookie)![1]!);
    const key = `${t.redisPrefix}session:${hashSessionId(sid)}`;
    const lastSeen = async () => (JSON.parse((await t.app.redis.get(key))!) as { lastSeenAt: number }).lastSeenAt;
    t.clock.advance(10 * 60_000);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const written = await lastSeen();
    expect(written).toBe(t.clock.now().getTime());
    t.clock.advance(SLIDE_STEP_MS - 1);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    expect(await lastSeen()).toBe(written);
    // Idle time counts from the write: 30 minutes after it the session has ended, though a request came in since.
    t.clock.advance(30 * 60_000 - SLIDE_STEP_MS + 2);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF header, or with a forged one', async () => {
    const session = await login(t.app, 'demo-agent');
    const none = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'csrf_failed' });
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(32) } });
    expect(forged.statusCode).toBe(403);
    expect(await t.prisma.auditLog.count({ where: { action: 'access.csrf_rejected' } })).toBe(2);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('signs an agent out even when a bridge beats but never answers, auditing the queue left as it was', async () => {
    const session = await login(t.app, 'demo-agent');
    // A heartbeat without a worker behind it: the command waits out PBX_COMMAND_TIMEOUT_MS.
    await t.app.redis.zadd(`${t.redisPrefix}heartbeats`, Date.now(), `bridge:${t.app.config.pbxId}`);
    try {
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
      expect(out.statusCode).toBe(204);
    } finally {
      await t.app.redis.zrem(`${t.redisPrefix}heartbeats`, `bridge:${t.app.config.pbxId}`);
    }
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    const failed = await t.prisma.auditLog.findFirst({ where: { action: 'agent.queue_sign_out', actorName: 'demo-agent' }, orderBy: { id: 'desc' } });
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'pbx_unavailable', resourceId: 'PJSIP/8101' });
  });

  it('audits sign-in, sign-out and failures without the password', async () => {
    const session = await login(t.app, 'demo-commander');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    const rows = await t.prisma.auditLog.findMany({ where: { actorName: 'demo-commander' }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => row.action)).toEqual(['auth.login', 'auth.logout']);
    const all = JSON.stringify(await t.prisma.auditLog.findMany(), (_key, value) => (typeof value === 'bigint' ? String(value) : value));
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain('not-the-password');
  });
});
