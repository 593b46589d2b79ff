/**
 * The edge's trust: X-Forwarded-* are believed only from the proxies TRUST_PROXY lists (the
 * audited address follows), and the session cookie is Secure whenever the request came over
 * TLS per such a proxy, or the public origin is https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from './helpers/test-app.js';

let behindProxy: TestApp;
let httpsOrigin: TestApp;
beforeAll(async () => {
  behindProxy = await createTestApp({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
  httpsOrigin = await createTestApp({ PUBLIC_ORIGIN: 'https://12345.example.gov.cn' });
});
afterAll(async () => {
  await behindProxy?.close();
  await httpsOrigin?.close();
});

function signIn(t: TestApp, remoteAddress: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers, payload: { username: 'demo-agent', password: TEST_PASSWORD } });
}

async function lastLoginIp(t: TestApp): Promise<string | null> {
  const row = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.login' }, orderBy: { id: 'desc' } });
  return row.ip;
}

describe('trusted proxies', () => {
  it('believes X-Forwarded-For and -Proto from a listed proxy: the audited address and a Secure cookie', async () => {
    const response = await signIn(behindProxy, '10.1.2.3', { 'x-forwarded-for': '192.0.2.7', 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    expect(await lastLoginIp(behindProxy)).toBe('192.0.2.7');
  });

  it('ignores them from any other client: its own address is audited, and plain http gets no Secure', async () => {
    const response = await signIn(behindProxy, '203.0.113.9', { 'x-forwarded-for': '192.0.2.7', 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(await lastLoginIp(behindProxy)).toBe('203.0.113.9');
  });

  it('trusts no one by default', async () => {
    const response = await signIn(httpsOrigin, '127.0.0.1', { 'x-forwarded-for': '192.0.2.7' });
    expect(response.statusCode).toBe(200);
    expect(await lastLoginIp(httpsOrigin)).toBe('127.0.0.1');
  });
});

describe('the session cookie', () => {
  it('is Secure on every answer when the public origin is https', async () => {
    const response = await signIn(httpsOrigin, '127.0.0.1');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });
});
