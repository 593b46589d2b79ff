/**
 * The second factor (TOTP + recovery codes): two-step sign-in with a new session id, enrolment
 * owed by a required role, ±1 step, no reuse, wrong codes counted like wrong passwords, recovery
 * codes spent once, turning it off, and an administrator's reset, each audited.
 */
import { Secret, TOTP } from 'otpauth';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, login, TEST_PASSWORD, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // Required of the shift lead and the commander here; the administrator signs in with a password alone.
  t = await createTestApp({ MFA_REQUIRED_ROLES: 'shift_lead,commander', PBX_COMMAND_TIMEOUT_MS: '300' });
});
afterAll(async () => t?.close());

const STEP_MS = 30_000;
const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
const codeNow = (secret: string, stepsFromNow = 0) => codeAt(secret, new Date(t.clock.now().getTime() + stepsFromNow * STEP_MS));

interface Pending { cookie: string; headers: Record<string, string>; body: { step: string | null; csrfToken: string } }

async function signIn(username: string): Promise<Pending> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  expect(response.statusCode).toBe(200);
  const cookie = cookieFrom(response);
  const body = response.json();
  return { cookie, body, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

const post = (url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

/** Enrols a full or `mfa_enrol` session; returns the secret, the recovery codes and the new session's headers. */
async function enrol(session: { headers: Record<string, string> }) {
  const started = await post('/api/auth/mfa/enrolment', session.headers);
  expect(started.statusCode).toBe(200);
  const { secret } = started.json();
  const confirmed = await post('/api/auth/mfa/enrolment/confirm', session.headers, { code: codeNow(secret) });
  expect(confirmed.statusCode).toBe(200);
  const cookie = cookieFrom(confirmed);
  const { recoveryCodes, session: view } = confirmed.json();
  return { secret, recoveryCodes: recoveryCodes as string[], headers: { cookie, 'x-csrf-token': view.csrfToken as string } };
}

const auditCount = (action: string, username: string, outcome?: string) =>
  t.prisma.auditLog.count({ where: { action, actorName: username, ...(outcome ? { outcome } : {}) } });

describe('a role that requires a second factor', () => {
  it('signs in to a session that can only enrol, then enrols with a QR code and gets a new session id', async () => {
    const pending = await signIn('demo-lead');
    expect(pending.body.step).toBe('mfa_enrol');
    const elsewhere = await get('/api/wallboard/today', pending.cookie);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'mfa_enrolment_required' });
    expect((await get('/api/auth/me', pending.cookie)).json()).toMatchObject({ step: 'mfa_enrol', user: { username: 'demo-lead' } });

    const started = await post('/api/auth/mfa/enrolment', pending.headers);
    const { secret, otpauthUri, qrCode } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Yixian:demo-lead\?/);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toContain('<svg');

    const wrong = await post('/api/auth/mfa/enrolment/confirm', pending.headers, { code: codeNow(secret, 5) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_mfa_code', field: 'code' });

    const confirmed = await post('/api/auth/mfa/enrolment/confirm', pending.headers, { code: codeNow(secret) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, session } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(session.step).toBeNull();
    const full = cookieFrom(confirmed);
    expect(full).not.toBe(pending.cookie);
    expect((await get('/api/wallboard/today', full)).statusCode).toBe(200);
    expect((await get('/api/auth/me', pending.cookie)).statusCode).toBe(401);

    const user = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-lead' } });
    const stored = await t.prisma.mfaRecoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(recoveryCodes).not.toContain(row.codeHash);
    expect(user.mfaPendingSecret).toBeNull();
    expect(await auditCount('auth.mfa_enrol_start', 'demo-lead')).toBe(1);
    expect(await auditCount('auth.mfa_enrol', 'demo-lead', 'denied')).toBe(1);
    expect(await auditCount('auth.mfa_enrol', 'demo-lead', 'allowed')).toBe(1);
  });

  it('may not turn the second factor off', async () => {
    t.clock.advance(5 * STEP_MS);
    const { secret, headers } = await enrol(await signIn('demo-commander'));
    const refused = await post('/api/auth/mfa/disable', headers, { code: codeNow(secret, 1) });
    expect(refused.statusCode).toBe(403);
    expect(await auditCount('auth.mfa_disable', 'demo-commander', 'denied')).toBe(1);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-commander' } })).mfaEnabledAt).not.toBeNull();
  });
});

describe('two-step sign-in of an enrolled account', () => {
  let secret: string;
  let recoveryCodes: string[];
  beforeAll(async () => {
    t.clock.advance(10 * STEP_MS);
    ({ secret, recoveryCodes } = await enrol(await login(t.app, 'demo-dispatcher')));
  });

  it('gives a pending session that can do nothing but submit a code, then a new full session', async () => {
    t.clock.advance(STEP_MS);
    const pending = await signIn('demo-dispatcher');
    expect(pending.body.step).toBe('mfa_code');
    const elsewhere = await get('/api/tickets', pending.cookie);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'mfa_required' });
    expect((await post('/api/auth/mfa/enrolment', pending.headers)).json()).toMatchObject({ code: 'mfa_required' });
    const probe = await get('/api/auth/session', pending.cookie);
    expect(probe.json().session).toMatchObject({ step: 'mfa_code' });

    const verified = await post('/api/auth/mfa/verify', pending.headers, { code: codeNow(secret) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ step: null, user: { username: 'demo-dispatcher' } });
    const full = cookieFrom(verified);
    expect(full).not.toBe(pending.cookie);
    expect((await get('/api/tickets', full)).statusCode).toBe(200);
    expect((await get('/api/tickets', pending.cookie)).statusCode).toBe(401);
    expect(await auditCount('auth.mfa_verify', 'demo-dispatcher', 'allowed')).toBeGreaterThanOrEqual(1);
  });

  it('refuses the same code twice in its window, accepts one step either side and refuses two', async () => {
    t.clock.advance(STEP_MS);
    const code = codeNow(secret);
    expect((await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code })).statusCode).toBe(200);
    const reused = await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code });
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toMatchObject({ code: 'invalid_mfa_code' });

    t.clock.advance(3 * STEP_MS);
    expect((await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code: codeNow(secret, -2) })).statusCode).toBe(401);
    expect((await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code: codeNow(secret, -1) })).statusCode).toBe(200);
    expect((await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code: codeNow(secret, 1) })).statusCode).toBe(200);
  });

  it('takes a recovery code once, in any case and with spaces', async () => {
    const first = recoveryCodes[0]!;
    const used = await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code: ` ${first.toUpperCase()} ` });
    expect(used.statusCode).toBe(200);
    const again = await post('/api/auth/mfa/verify', (await signIn('demo-dispatcher')).headers, { code: first });
    expect(again.statusCode).toBe(401);
    const status = await get('/api/auth/mfa', cookieFrom(used));
    expect(status.json()).toMatchObject({ enabled: true, required: false, recoveryCodesLeft: 9 });
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.mfa_verify', actorName: 'demo-dispatcher', details: { path: ['method'], equals: 'recovery_code' } } })).toBe(1);
  });

  it('counts wrong codes like wrong passwords: the fifth locks the account and ends the pending session', async () => {
    // Start from a clean counter (the spent recovery code above counted one failure).
    await t.prisma.user.update({ where: { username: 'demo-dispatcher' }, data: { failedLogins: 0 } });
    const pending = await signIn('demo-dispatcher');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/auth/mfa/verify', pending.headers, { code: '000000' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await get('/api/auth/me', pending.cookie)).statusCode).toBe(401);
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-dispatcher', password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    expect(await auditCount('auth.mfa_verify', 'demo-dispatcher', 'denied')).toBeGreaterThanOrEqual(5);
    t.clock.advance(5 * 60_000 + 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const pending = await signIn('demo-dispatcher');
    const before = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dispatcher' } });
    for (const payload of [{}, { code: '12' }, { code: '<script>' }, { code: '123456', extra: 1 }]) {
      const response = await post('/api/auth/mfa/verify', pending.headers, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dispatcher' } })).failedLogins).toBe(before.failedLogins);
  });

  it('does not open a live socket for a pending session', async () => {
    const pending = await signIn('demo-dispatcher');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { cookie: pending.cookie } });
    const closed = await new Promise<number>((resolve, reject) => {
      socket.on('close', (code) => resolve(code));
      socket.on('error', reject);
    });
    expect(closed).toBe(4401);
  });
});

describe('self-service and reset', () => {
  it('re-generates recovery codes after a code: the old ones stop working', async () => {
    t.clock.advance(STEP_MS);
    const { secret, recoveryCodes, headers } = await enrol(await login(t.app, 'demo-grid'));
    const wrong = await post('/api/auth/mfa/recovery-codes', headers, { code: codeNow(secret, 3) });
    expect(wrong.statusCode).toBe(401);
    const fresh = await post('/api/auth/mfa/recovery-codes', headers, { code: codeNow(secret, 1) });
    expect(fresh.statusCode).toBe(200);
    const next = fresh.json().recoveryCodes as string[];
    expect(next).toHaveLength(10);
    expect(next.some((code) => recoveryCodes.includes(code))).toBe(false);
    expect((await post('/api/auth/mfa/verify', (await signIn('demo-grid')).headers, { code: recoveryCodes[1]! })).statusCode).toBe(401);
    expect((await post('/api/auth/mfa/verify', (await signIn('demo-grid')).headers, { code: next[1]! })).statusCode).toBe(200);
    expect(await auditCount('auth.mfa_recovery_codes', 'demo-grid', 'allowed')).toBe(1);
  });

  it('lets an optional role turn it off with a code, and signs in with the password alone afterwards', async () => {
    t.clock.advance(STEP_MS);
    const { secret, headers } = await enrol(await login(t.app, 'demo-street'));
    const off = await post('/api/auth/mfa/disable', headers, { code: codeNow(secret, 1) });
    expect(off.statusCode).toBe(204);
    expect((await signIn('demo-street')).body.step).toBeNull();
    expect(await t.prisma.mfaRecoveryCode.count({ where: { user: { username: 'demo-street' } } })).toBe(0);
    expect(await auditCount('auth.mfa_disable', 'demo-street', 'allowed')).toBe(1);
  });

  it('lets an administrator reset a second factor, ending the account’s sessions, audited with the reason; the account enrols again', async () => {
    const admin = await login(t.app, 'demo-admin');
    const lead = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-lead' } });
    expect(lead.mfaEnabledAt).not.toBeNull();
    const noReason = await post(`/api/users/${lead.id}/reset-mfa`, admin.headers, { reason: '   ' });
    expect(noReason.statusCode).toBe(400);
    const unknown = await post('/api/users/no-such-user/reset-mfa', admin.headers, { reason: 'lost phone' });
    expect(unknown.statusCode).toBe(404);
    const byAgent = await post(`/api/users/${lead.id}/reset-mfa`, (await login(t.app, 'demo-agent')).headers, { reason: 'lost phone' });
    expect(byAgent.statusCode).toBe(403);

    // Whoever has the lost phone may be half-way through a sign-in: that session ends with the reset.
    const halfway = await signIn('demo-lead');
    const sid = halfway.cookie.slice(halfway.cookie.indexOf('=') + 1);
    expect((await t.app.sessions.peek(sid, t.clock.now())).status).toBe('active');
    const reset = await post(`/api/users/${lead.id}/reset-mfa`, admin.headers, { reason: 'lost phone' });
    expect(reset.statusCode).toBe(204);
    expect((await t.app.sessions.peek(sid, t.clock.now())).status).toBe('missing');
    const row = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.mfa_reset', outcome: 'allowed' } });
    expect(row).toMatchObject({ actorName: 'demo-admin', resourceId: lead.id, reason: 'lost phone' });
    expect((row.details as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.mfaRecoveryCode.count({ where: { userId: lead.id } })).toBe(0);
    expect((await signIn('demo-lead')).body.step).toBe('mfa_enrol');
  });
});
